"""``--root`` is honoured: the reviewed data is read from the project that ``load_sources``
is given (``edition --root``), never from the repository the code lives in."""

from __future__ import annotations

from pathlib import Path

import pytest

from edition.pinyin import draft_pinyin
from edition.pipeline import clean
from edition.sources import load_sources
from edition.sources.headings import canonical

ROOT = Path(__file__).resolve().parents[2]

# A made-up page: a paragraph, a line that may be site furniture, a paragraph.
PAGE = "人工智能的国际治理需要各国加强合作。\n\n{line}\n\n各国应当在联合国框架下继续对话。\n"


@pytest.fixture(scope="module")
def real():
    return load_sources(ROOT)


def test_heading_translation_is_the_copys(project, real):
    project.replace("headings.yaml", "  结语: Conclusion\nyan:", "  结语: Closing Remarks\nyan:")
    copy = load_sources(project.root)
    assert copy.headings["li"][canonical("结语")] == "Closing Remarks"
    assert real.headings["li"][canonical("结语")] == "Conclusion"


def test_glossary_entry_is_the_copys(project, real):
    project.replace("glossary.yaml", "  en: regime complex\n", "  en: regime cluster\n")
    copy = load_sources(project.root)
    assert next(e.en for e in copy.glossary if e.id == "regime-complex") == "regime cluster"
    assert next(e.en for e in real.glossary if e.id == "regime-complex") == "regime complex"


def test_pinyin_override_is_the_copys(project, real):
    project.replace("pinyin-overrides.yaml", "  电子: diàn zǐ", "  电子: diàn zì")
    copy = load_sources(project.root)
    assert draft_pinyin("电子", copy.pinyin) == "diàn zì"
    assert draft_pinyin("电子", real.pinyin) == "diàn zǐ"
    assert copy.works.pinyin is copy.pinyin  # the bibliography's keys are made with the copy's readings


def _cleaned(line: str, sources) -> str:
    return clean(PAGE.format(line=line), "made-up", None, sources).clean_text


def test_footer_line_added_in_the_copy_is_removed(project, real):
    project.replace("furniture.yaml", "  - 最新动态\n", "  - 最新动态\n  - 本文完\n")
    copy = load_sources(project.root)
    cleaned = _cleaned("本文完", copy)
    assert "本文完" not in cleaned and "加强合作" in cleaned and "继续对话" in cleaned  # only the line goes
    assert "本文完" in _cleaned("本文完", real)


def test_footer_line_removed_from_the_copy_is_kept(project, real):
    project.replace("furniture.yaml", "  - 相关新闻\n", "")
    assert "相关新闻" in _cleaned("相关新闻", load_sources(project.root))
    assert "相关新闻" not in _cleaned("相关新闻", real)


def test_clean_outside_the_corpus_reads_the_copys_furniture(project, tmp_path, edition_main):
    """``edition --root <copy> clean FILE`` of a file outside the corpus uses the copy's furniture."""
    project.replace("furniture.yaml", "  - 相关新闻\n", "")
    page = tmp_path / "page.txt"
    page.write_text(PAGE.format(line="相关新闻"), encoding="utf-8")

    def cleaned(root: Path) -> str:
        result = edition_main("--root", root, "clean", page)
        assert result.returncode == 0, result.stderr
        return result.stdout

    assert "相关新闻" in cleaned(project.root) and "相关新闻" not in cleaned(ROOT)
