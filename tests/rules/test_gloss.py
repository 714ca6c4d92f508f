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


# --- the glossary as a whole, against the corpus ------------------------------------------

@pytest.fixture(scope="module")
def corpus():
    """The five texts through the pipeline, cited and glossed (run once for this module)."""
    from edition.build import find_root, load_edition
    return load_edition(find_root())


@pytest.fixture(scope="module")
def corpus_glossary(corpus):
    return corpus.glossary


def test_glossary_is_large_and_covers_every_category(glossary):
    assert len(glossary.entries) >= 150
    assert {e.category for e in glossary.entries} == set(gloss.CATEGORIES)


def test_every_pinyin_agrees_with_draft_reading(glossary):
    """A mistyped syllable or tone fails here; a reading pypinyin gets wrong needs a reviewed
    override in sources/pinyin-overrides.yaml, not a silent exception."""
    assert gloss.pinyin_problems(glossary.entries) == []


def test_pinyin_key_ignores_spacing_case_and_apostrophes_but_not_tones():
    assert gloss.pinyin_key("Bùlǔsài'ěr xiàoyìng") == gloss.pinyin_key(gloss.draft_pinyin("布鲁塞尔效应"))
    assert gloss.pinyin_key("Liánhéguó Jiàokēwén Zǔzhī") == gloss.pinyin_key("lián hé guó jiào kē wén zǔ zhī")
    assert gloss.pinyin_key("jīzhì fùhétǐ") != gloss.pinyin_key("jīzhì fùhétí")


def test_a_mistyped_pinyin_is_reported():
    entry = gloss.Entry("x", "机制复合体", "regime complex", "jīzhì fùhētǐ", "concept", "x", "x", "x")
    problems = gloss.pinyin_problems([entry])
    assert len(problems) == 1 and "jīzhì fùhētǐ" in problems[0].message


@pytest.mark.parametrize("term, reading", [
    ("《布莱切利宣言》", "bù lái qiē lì xuān yán"),       # 切 qiē in the transliteration
    ("偏好", "piān hào"),                                 # 'preference', not hǎo
    ("强人工智能", "qiáng rén gōng zhì néng"),
    ("《为人工智能的未来做好准备》", "wèi rén gōng zhì néng de wèi lái zuò hǎo zhǔn bèi"),
    ("电气与电子工程师协会", "diàn qì yǔ diàn zǐ gōng chéng shī xié huì"),
    ("布鲁塞尔效应", "bù lǔ sài ěr xiào yìng"),          # phrase-aware: 效应 yìng, 塞 sài
])
def test_draft_pinyin_polyphones(term, reading):
    assert gloss.pinyin_key(gloss.draft_pinyin(term)) == gloss.pinyin_key(reading)


def test_every_entry_occurs_in_the_corpus(corpus_glossary):
    missing = [e.id for e in corpus_glossary.entries if not corpus_glossary.occurrences.get(e.id)]
    assert missing == []


def test_gloss_resumes_after_a_url_in_a_note(glossary):
    """A URL ends where the Chinese resumes: the note's later titles are still glossed."""
    text = "见https://example.org/x.pdf[2024-04-19]；薛澜：“美国《芯片与科学法》及其影响分析”。"
    assert [e.id for _, _, e in glossary.matches(text)] == ["chips-act"]


def test_author_pair_cut_at_punctuation_inside_a_title_is_covered(glossary):
    text = "共同签署了《关于发展包容、可持续的人工智能造福人类与地球的声明》（Statement on Inclusive and Sustainable Artificial Intelligence for People and the Planet）"
    (chinese, latin), = gloss.author_pairs(text)
    assert gloss.pair_covered(glossary, chinese, latin, {})


@pytest.mark.parametrize("text, expected", [
    ("二十国集团在新德里峰会上重申", ["g20", "g20-new-delhi-summit"]),
    ("人工智能首尔峰会起草了", ["seoul-summit"]),
    ("联合国大会第78/L.49号决议表示", ["un-general-assembly", "unga-78-265"]),
    ("这可能是最具创造性的智能体现", []),                 # 智能体 not across 智能/体现
    ("提出测试机器是否具备人类智能的图灵测试方法", ["turing-test"]),
])
def test_matches_in_context(glossary, text, expected):
    assert [e.id for _, _, e in glossary.matches(text)] == expected


def test_english_said_to_be_the_authors_is_printed_by_that_author(corpus):
    """en_source "given by the author in <id>": that text prints a form of the term followed
    by Latin text in parentheses (the OCR's 0xford is accepted for Oxford)."""
    import re
    texts = {tid: "\n".join([b.text for b in d.blocks] + [n.text for n in d.notes])
             for tid, d in gloss.documents_by_id(corpus).items()}
    wrong = []
    for e in corpus.glossary.entries:
        m = re.fullmatch(r"given by the author in (\S+)", e.en_source)
        if m and not any(re.search(re.escape(f) + r"[”》]?\s*[（(]\s*[A-Za-z0]", texts.get(m.group(1), ""))
                         for f in e.forms):
            wrong.append((e.id, m.group(1)))
    assert wrong == []


# --- the glossary page --------------------------------------------------------------------

def make_entry(id, term, category="concept"):
    return gloss.Entry(id, term, id.replace("-", " "), gloss.draft_pinyin(term), category, "释义。", "Definition.",
                       "editor's translation")


@pytest.fixture
def page_edition():
    from types import SimpleNamespace
    entries = [make_entry("jizhi", "机制复合体"), make_entry("jishu", "技术封锁"), make_entry("jiti", "集体安全"),
               make_entry("ruanfa", "软法"), make_entry("un", "联合国", "institution"),
               make_entry("charter", "《联合国宪章》", "document")]
    glossary = gloss.Glossary(entries)
    glossary.occurrences = {
        "ruanfa": [("yan", "p-3", "…"), ("li", "p-9", "…"), ("yan", "p-3", "…"), ("yan", "fn:12", "…"),
                   ("yan", "p-1", "…")],
        "un": [("yan", "p-2", "…")],
    }
    author = SimpleNamespace
    metas = [SimpleNamespace(id="li", title="人工智能国际治理：“安全偏好”及其现实影响", authors=[author(name="李艳")]),
             SimpleNamespace(id="yan", title="全球人工智能治理：联合国的角色", authors=[author(name="阎德学")])]
    return SimpleNamespace(glossary=glossary, metas=metas, documents=[])


def test_pinyin_order_is_a_dictionary_s_syllable_by_syllable():
    terms = ["机制复合体", "集体安全", "技术封锁", "基辛格", "计算"]
    ordered = sorted((make_entry(t, t) for t in terms), key=gloss.pinyin_sort_key)
    # first syllable with its tone (jī < jí < jì), then the next: jī xīn < jī zhì, jì shù < jì suàn
    assert [e.term for e in ordered] == ["基辛格", "机制复合体", "集体安全", "技术封锁", "计算"]
    # same toneless syllables: the tones decide (mā < má < mǎ < mà)
    same = sorted((make_entry(t, t) for t in ["骂", "马", "麻", "妈"]), key=gloss.pinyin_sort_key)
    assert [e.term for e in same] == ["妈", "麻", "马", "骂"]
    # 《》 are ignored; ü sorts after u
    assert [s for s, _ in gloss.pinyin_sort_key(make_entry("c", "《联合国宪章》"))[0][:3]] == ["lian", "he", "guo"]
    assert gloss.initial_letter(make_entry("c", "《联合国宪章》")) == "L"
    assert gloss.pinyin_sort_key(make_entry("lu", "路"))[0] < gloss.pinyin_sort_key(make_entry("lv", "绿"))[0]


def test_page_lists_each_paragraph_once_grouped_by_text(page_edition):
    page = gloss.glossary_markdown(page_edition)
    entry = page.split("{#term-ruanfa}")[1].split("###")[0]
    assert "出现于 Occurrences（5）" in entry
    lines = [line for line in entry.splitlines() if line.startswith("- ")]
    # texts in edition order, each with its short title; the paragraph with two occurrences once, ×2
    assert lines == ["- 李艳《人工智能国际治理》：[¶ 9](texts/li.md#p-9)",
                     "- 阎德学《全球人工智能治理》：[¶ 3 ×2](texts/yan.md#p-3)、[注 12](texts/yan.md#fn:12)、"
                     "[¶ 1](texts/yan.md#p-1)"]


def test_page_groups_by_category_with_an_index(page_edition):
    page = gloss.glossary_markdown(page_edition)
    assert "- [概念 Concepts](#cat-concept)（4）" in page and "- [人物 Persons]" not in page
    concepts = page.split("{#cat-concept}")[1].split("{#cat-institution}")[0]
    order = [line.split(" {#")[0][4:] for line in concepts.splitlines() if line.startswith("### ")]
    assert order == ["机制复合体", "集体安全", "技术封锁", "软法"]
    assert "[J](#term-jizhi) · [R](#term-ruanfa)" in concepts
    assert page.index("{#cat-concept}") < page.index("{#cat-institution}") < page.index("{#cat-document}")
    # an entry that occurs nowhere (here) has no occurrences line
    assert "出现于" not in page.split("{#term-jiti}")[1].split("###")[0]


def test_glossary_page_through_render(page_edition):
    from edition import render_pages
    page_edition.glossary.headings = {}
    text = render_pages.glossary_page(page_edition)
    assert text.startswith("<!-- generated")
    assert "(texts/yan.md#p-3)" in text and "{#term-charter}" in text


def test_not_in_passage_is_not_glossed(glossary):
    """li: 涌现 is "emergence" where the author says so, but not in 应用场景也全面涌现 ("appeared")."""
    assert [e.id for _, _, e in glossary.matches("模型能力的涌现（emergence）")] == ["emergence"]
    assert "emergence" not in [e.id for _, _, e in glossary.matches("各种基于通用模型的应用场景也全面涌现，")]


def test_unknown_key_and_stale_not_in_rejected_with_line(tmp_path):
    base = ("- id: a\n  term: 软法\n  en: x\n  pinyin: ruǎnfǎ\n  category: concept\n"
            "  def_zh: x\n  def_en: x\n  en_source: x\n")
    path = tmp_path / "g.yaml"
    path.write_text(base + "  colour: red\n", encoding="utf-8")
    with pytest.raises(EditionError) as err:
        gloss.load_entries(path)
    assert err.value.line == 9 and "unknown key 'colour'" in err.value.message
    path.write_text(base + "  not_in:\n  - 硬法规则\n", encoding="utf-8")
    with pytest.raises(EditionError, match="does not contain the term"):
        gloss.load_entries(path)
