"""The glossary: validation with file:line, marking terms in Chinese text, pinyin."""

import pytest
from hypothesis import given, strategies as st

from edition import gloss
from edition.errors import EditionError
from edition.model import Block, Document
from edition.pinyin import _split_by_phrases, draft_pinyin, name_pinyin, pinyin_key, syllable_key
from edition.site.glossary import initial_letter, mark_terms
from edition.sources.glossary import Entry, load_entries
from edition.sources.headings import canonical


@pytest.fixture(scope="module")
def glossary(sources):
    return gloss.Glossary(sources.glossary, headings=sources.headings)


def test_glossary_loads_and_has_required_entries(glossary):
    ids = {e.id for e in glossary.entries}
    assert {"collingridge-dilemma", "eu-ai-act", "sam-altman", "unesco"} <= ids


def test_longest_match_and_link(glossary):
    out = mark_terms(glossary, "各国应共同弥合数字鸿沟。", "../../glossary/")
    # finished HTML, the link resolved as MkDocs resolves it (site.markup.site_href)
    assert out.startswith('各国应共同弥合<a class="gloss" ') and 'href="../../glossary/#term-digital-divide"' in out
    assert out.endswith(">数字鸿沟</a>。")
    assert 'data-en="digital divide"' in out and 'data-pinyin="shùzì hónggōu"' in out


def test_variants_both_transliterations(glossary):
    assert glossary.matches("萨姆·奥尔特曼认为")[0][2].id == "sam-altman"
    assert glossary.matches("萨姆·奥特曼认为")[0][2].id == "sam-altman"


def test_never_inside_note_ref_url_or_markers(glossary):
    text = "见https://example.org/软法 与⟦软法⟧[^1]"
    assert glossary.matches(text) == []


def test_a_text_s_matches_are_found_once(sources, monkeypatch):
    """The glossary's occurrences and the page writer ask for the same texts: the second ask
    is answered from what the first found, and changing the answer changes nothing kept."""
    glossary = gloss.Glossary(sources.glossary, headings=sources.headings)
    scans = []
    original = gloss.Glossary.find_all
    monkeypatch.setattr(gloss.Glossary, "find_all", lambda self, text: scans.append(text) or original(self, text))
    first = glossary.matches("各国应共同弥合数字鸿沟。")
    first.clear()
    assert glossary.matches("各国应共同弥合数字鸿沟。")[0][2].id == "digital-divide"
    assert scans == ["各国应共同弥合数字鸿沟。"]


def test_duplicate_id_reported_with_line(tmp_path):
    path = tmp_path / "g.yaml"
    entry = ("- id: a\n  term: {t}\n  en: x\n  pinyin: x\n  category: concept\n"
             "  def_zh: x\n  def_en: x\n  en_source: editor's translation\n")
    path.write_text(entry.format(t="软法") + entry.format(t="硬法"), encoding="utf-8")
    with pytest.raises(EditionError) as err:
        load_entries(path)
    assert err.value.line == 9 and "duplicate id" in err.value.message


def test_unknown_category_reported(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text("- id: a\n  term: 软法\n  en: x\n  pinyin: x\n  category: thing\n"
                    "  def_zh: x\n  def_en: x\n  en_source: x\n", encoding="utf-8")
    with pytest.raises(EditionError, match="unknown category"):
        load_entries(path)


def test_heading_canonical_width():
    assert canonical("(一)全球“安全偏好”") == canonical("（一）全球安全偏好")


def test_heading_translation_survives_width_change(glossary):
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
    doc = Document(id="t", title="t", blocks=[Block(kind="paragraph", text="基辛格（Henry A. Kissinger）与某某学派（Foo School）")])
    problems = gloss.unmatched_pairs(glossary, [doc], {})
    assert len(problems) == 1 and "Foo School" in problems[0].message


def test_pinyin_overrides_where_pypinyin_is_wrong(sources):
    """One place for every use: the glossary's draft and the bibliography's keys read the same overrides."""
    assert draft_pinyin("重构", sources.pinyin) == "chóng gòu"
    assert draft_pinyin("重构") == "zhòng gòu"  # pypinyin alone
    assert name_pinyin("曾海军", sources.pinyin)[0] == "zeng"
    assert name_pinyin("曾海军")[0] == "ceng"
    assert draft_pinyin("软法", sources.pinyin) == "ruǎn fǎ"


def test_markdown_breaking_characters_rejected_with_line(tmp_path):
    """A quote or bracket in `en` would break the attr_list link the gloss emits."""
    path = tmp_path / "g.yaml"
    path.write_text("- id: a\n  term: 软法\n  en: 'soft \"law\"'\n  pinyin: ruǎnfǎ\n"
                    "  category: concept\n  def_zh: x\n  def_en: x\n  en_source: x\n",
                    encoding="utf-8")
    with pytest.raises(EditionError) as err:
        load_entries(path)
    assert err.value.line in (1, 3) and "en" in err.value.message


def test_pinyin_key_ignores_spacing_case_and_apostrophes_but_not_tones():
    assert pinyin_key("Bùlǔsài'ěr xiàoyìng") == pinyin_key(draft_pinyin("布鲁塞尔效应"))
    assert pinyin_key("Liánhéguó Jiàokēwén Zǔzhī") == pinyin_key("lián hé guó jiào kē wén zǔ zhī")
    assert pinyin_key("jīzhì fùhétǐ") != pinyin_key("jīzhì fùhétí")


def test_a_mistyped_pinyin_is_reported(sources):
    entry = Entry("x", "机制复合体", "regime complex", "jīzhì fùhētǐ", "concept", "x", "x", "x")
    problems = gloss.pinyin_problems([entry], sources.pinyin)
    assert len(problems) == 1 and "jīzhì fùhētǐ" in problems[0].message


@pytest.mark.parametrize("term, reading", [
    ("《布莱切利宣言》", "bù lái qiē lì xuān yán"),       # 切 qiē in the transliteration
    ("偏好", "piān hào"),                                 # 'preference', not hǎo
    ("强人工智能", "qiáng rén gōng zhì néng"),
    ("《为人工智能的未来做好准备》", "wèi rén gōng zhì néng de wèi lái zuò hǎo zhǔn bèi"),
    ("电气与电子工程师协会", "diàn qì yǔ diàn zǐ gōng chéng shī xié huì"),
    ("布鲁塞尔效应", "bù lǔ sài ěr xiào yìng"),          # phrase-aware: 效应 yìng, 塞 sài
])
def test_draft_pinyin_polyphones(term, reading, sources):
    assert pinyin_key(draft_pinyin(term, sources.pinyin)) == pinyin_key(reading)


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
        load_entries(path)
    assert err.value.line == 9 and "unknown key 'colour'" in err.value.message
    path.write_text(base + "  not_in:\n  - 硬法规则\n", encoding="utf-8")
    with pytest.raises(EditionError, match="does not contain the term"):
        load_entries(path)


# --- the glossary page --------------------------------------------------------------------

def make_entry(id, term, category="concept"):
    return Entry(id, term, id.replace("-", " "), draft_pinyin(term), category, "释义。", "Definition.",
                 "editor's translation")


def test_pinyin_order_is_a_dictionary_s_syllable_by_syllable():
    terms = ["机制复合体", "集体安全", "技术封锁", "基辛格", "计算"]
    ordered = sorted(terms, key=syllable_key)
    # first syllable with its tone (jī < jí < jì), then the next: jī xīn < jī zhì, jì shù < jì suàn
    assert ordered == ["基辛格", "机制复合体", "集体安全", "技术封锁", "计算"]
    # same toneless syllables: the tones decide (mā < má < mǎ < mà)
    assert sorted(["骂", "马", "麻", "妈"], key=syllable_key) == ["妈", "麻", "马", "骂"]
    # 《》 are ignored; ü sorts after u
    assert [s for s, _ in syllable_key("《联合国宪章》")[:3]] == ["lian", "he", "guo"]
    assert initial_letter(syllable_key("《联合国宪章》")) == "L"
    assert syllable_key("路") < syllable_key("绿")


def split_at_each_place(text: str, phrases: dict[str, str]) -> list[tuple[str, str | None]]:
    """The reviewed phrases found by trying each, longest first, at each place in turn."""
    keys = sorted(phrases, key=len, reverse=True)
    out, run, index = [], "", 0
    while index < len(text):
        hit = next((k for k in keys if text.startswith(k, index)), None)
        if hit:
            out += [(run, None)] if run else []
            out.append((hit, phrases[hit]))
            run, index = "", index + len(hit)
        else:
            run, index = run + text[index], index + 1
    return out + ([(run, None)] if run else [])


@given(st.text(alphabet="重构建曾行长a.", max_size=12),
       st.dictionaries(st.text(alphabet="重构建曾行长a.", min_size=1, max_size=3), st.just("x"), max_size=4))
def test_the_reviewed_phrases_are_found_longest_first_at_each_place(text, phrases):
    """One regular expression finds what trying each phrase, longest first, at each place finds."""
    assert _split_by_phrases(text, phrases) == split_at_each_place(text, phrases)
