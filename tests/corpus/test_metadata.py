import shutil
from pathlib import Path

import pytest

from edition.errors import EditionError
from edition.sources.texts import load_corpus, load_text_meta

ROOT = Path(__file__).resolve().parents[2]


def test_corpus_loads_in_received_order():
    metas = load_corpus(ROOT / "sources")
    assert [m.id for m in metas] == ["xue-zhao", "cai", "li", "yan", "liang-song"]
    assert [m.original_filename[:3] for m in metas] == ["000", "001", "002", "003", "004"]


def test_inferred_fields_carry_reasons():
    xue = load_text_meta(ROOT / "sources/texts/xue-zhao.yaml")
    assert xue.venue == "国际经济评论" and "2024年第3期" in xue.inferred["venue"]
    assert not xue.is_inferred("title")


@pytest.fixture
def sandbox(tmp_path: Path) -> Path:
    (tmp_path / "texts").mkdir()
    shutil.copytree(ROOT / "sources/raw", tmp_path / "raw")
    return tmp_path


def _broken(sandbox: Path, old: str, new: str) -> Path:
    text = (ROOT / "sources/texts/cai.yaml").read_text(encoding="utf-8")
    assert old in text
    path = sandbox / "texts" / "cai.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _line_of(path: Path, marker: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, text in enumerate(lines, 1) if marker in text)


# marker: the text on the line the error must name (None: the top of the file)
@pytest.mark.parametrize("old, new, marker, words", [
    pytest.param("title_en:", "title_english:", "title_english:", "unknown key 'title_english'", id="unknown-key"),
    pytest.param("kind: newspaper-commentary\n", "", None, "missing required field 'kind'", id="missing-field"),
    pytest.param("kind: newspaper-commentary", "kind: blog", "kind: blog", "must be one of", id="bad-enum"),
    pytest.param("    pinyin: Cai Cuihong", "    pinyin: [Cai]", "pinyin: [Cai]", "'pinyin' must be str", id="wrong-type"),
    pytest.param("venue: 人民日报", "venue: 人民日报\nvenue: 光明日报", "venue: 光明日报", "duplicate key 'venue'", id="duplicate-key"),
    pytest.param("sha256: 42", "sha256: 43", "sha256: 43", "raw files are never edited", id="sha-mismatch"),
    pytest.param("  keywords: The text", "  venue_cn: The text", "venue_cn:", "not a metadata field", id="inferred-unknown"),
    pytest.param("title: 加强", "title: [加强", "title_en:", "YAML syntax error", id="syntax"),
])
def test_broken_metadata_names_file_and_line(sandbox, old, new, marker, words):
    path = _broken(sandbox, old, new)
    line = _line_of(path, marker) if marker else 1
    with pytest.raises(EditionError) as caught:
        load_text_meta(path)
    assert caught.value.path == str(path)
    assert words in caught.value.message
    assert caught.value.line == line, str(caught.value)
