"""The glossary: validation with file:line, and marking terms in Chinese text."""

import pytest

from edition import gloss
from edition.errors import EditionError


@pytest.fixture(scope="module")
def glossary():
    return gloss.Glossary(gloss.load_entries())


def test_glossary_loads_and_has_required_entries(glossary):
    ids = {e.id for e in glossary.entries}
    assert {"collingridge-dilemma", "eu-ai-act", "sam-altman", "unesco"} <= ids


def test_longest_match_and_link(glossary):
    out = glossary.mark("各国应共同弥合数字鸿沟。", base="../glossary.md")
    # Markdown, not raw HTML: MkDocs must resolve the .md link to the built page
    assert "[数字鸿沟](../glossary.md#term-digital-divide){ .gloss" in out
    assert 'data-en="digital divide"' in out and 'data-pinyin="shùzì hónggōu"' in out


def test_variants_both_transliterations(glossary):
    assert glossary.matches("萨姆·奥尔特曼认为")[0][2].id == "sam-altman"
    assert glossary.matches("萨姆·奥特曼认为")[0][2].id == "sam-altman"


def test_never_inside_note_ref_url_or_markers(glossary):
    text = "见https://example.org/软法 与⟦软法⟧[^1]"
    assert glossary.matches(text) == []


def test_duplicate_id_reported_with_line(tmp_path):
    path = tmp_path / "g.yaml"
    entry = ("- id: a\n  term: {t}\n  en: x\n  pinyin: x\n  category: concept\n"
             "  def_zh: x\n  def_en: x\n  en_source: editor's translation\n")
    path.write_text(entry.format(t="软法") + entry.format(t="硬法"), encoding="utf-8")
    with pytest.raises(EditionError) as err:
        gloss.load_entries(path)
    assert err.value.line == 9 and "duplicate id" in err.value.message


def test_unknown_category_reported(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text("- id: a\n  term: 软法\n  en: x\n  pinyin: x\n  category: thing\n"
                    "  def_zh: x\n  def_en: x\n  en_source: x\n", encoding="utf-8")
    with pytest.raises(EditionError, match="unknown category"):
        gloss.load_entries(path)


def test_heading_canonical_width():
    assert gloss.canonical("(一)全球“安全偏好”") == gloss.canonical("（一）全球安全偏好")


def test_heading_translation_survives_width_change():
    glossary = gloss.Glossary([], headings=gloss.load_headings())
    half = glossary.heading_translation("yan", "以人为本:联合国全球人工智能治理的核心理念")
    full = glossary.heading_translation("yan", "以人为本：联合国全球人工智能治理的核心理念")
    assert half == full and half.startswith("People-Centred")
    assert glossary.heading_translation("li", "“安全偏好”形成的底层逻辑").startswith("The Underlying")


def test_author_pairs_found_half_and_full_width():
    text = "科林格里奇困境（Collingridge's Dilemma）与《通用数据保护条例》(GDPR)"
    pairs = list(gloss.author_pairs(text))
    assert pairs[0] == ("科林格里奇困境", "Collingridge's Dilemma")
    assert pairs[1][0].endswith("《通用数据保护条例》") and pairs[1][1] == "GDPR"


def test_unreviewed_author_pair_is_a_problem(glossary):
    from types import SimpleNamespace
    from edition.model import Block, Document
    doc = Document(id="t", title="t", blocks=[Block(kind="paragraph", text="基辛格（Henry A. Kissinger）与某某学派（Foo School）")])
    problems = gloss.unmatched_pairs(glossary, SimpleNamespace(documents=[doc]))
    assert len(problems) == 1 and "Foo School" in problems[0].message


def test_pinyin_overrides_where_pypinyin_is_wrong():
    assert gloss.draft_pinyin("重构") == "chóng gòu"
    assert gloss.draft_pinyin("曾").lower() == "zēng"
    assert gloss.draft_pinyin("软法") == "ruǎn fǎ"


def test_markdown_breaking_characters_rejected_with_line(tmp_path):
    """A quote or bracket in `en` would break the attr_list link the gloss emits."""
    path = tmp_path / "g.yaml"
    path.write_text("- id: a\n  term: 软法\n  en: 'soft \"law\"'\n  pinyin: ruǎnfǎ\n"
                    "  category: concept\n  def_zh: x\n  def_en: x\n  en_source: x\n",
                    encoding="utf-8")
    with pytest.raises(EditionError) as err:
        gloss.load_entries(path)
    assert err.value.line in (1, 3) and "en" in err.value.message
