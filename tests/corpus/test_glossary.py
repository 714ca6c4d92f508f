"""The glossary against the corpus (every entry occurs, pinyin agrees, the authors' English
forms are theirs) and the glossary page."""

import re
from dataclasses import replace
from pathlib import Path

import pytest

from edition import gloss
from edition.model import Edition
from edition.markers import PAGE_MARK
from edition.pinyin import draft_pinyin
from edition.site.glossary import glossary_markdown
from edition.sources.glossary import CATEGORIES, Entry
from edition.vocabulary import HAN


ROOT = Path(__file__).resolve().parents[2]


def make_entry(id, term, category="concept"):
    return Entry(id, term, id.replace("-", " "), draft_pinyin(term), category, "释义。", "Definition.",
                 "editor's translation")


def test_glossary_is_large_and_covers_every_category(edition):
    assert len(edition.glossary.entries) >= 150
    assert {e.category for e in edition.glossary.entries} == set(CATEGORIES)


def test_every_pinyin_agrees_with_draft_reading(edition):
    """A mistyped syllable or tone fails here; a reading pypinyin gets wrong needs a reviewed
    override in sources/pinyin-overrides.yaml, not a silent exception."""
    assert gloss.pinyin_problems(edition.glossary.entries, edition.sources.pinyin) == []


def test_every_entry_occurs_in_the_corpus(edition):
    missing = [e.id for e in edition.glossary.entries if not edition.glossary.occurrences.get(e.id)]
    assert missing == []


def test_english_said_to_be_the_authors_is_printed_by_that_author(edition):
    """en_source "given by the author in <id>": that text prints a form of the term followed
    by Latin text in parentheses (the OCR's 0xford is accepted for Oxford)."""
    texts = {d.id: "\n".join([b.text for b in d.blocks] + [n.text for n in d.notes]) for d in edition.documents}
    wrong = []
    for e in edition.glossary.entries:
        m = re.fullmatch(r"given by the author in (\S+)", e.en_source)
        if m and not any(re.search(re.escape(f) + r"[”》]?\s*[（(]\s*[A-Za-z0]", texts.get(m.group(1), ""))
                         for f in e.forms):
            wrong.append((e.id, m.group(1)))
    assert wrong == []


def glossed(glossary, term: str):
    """The entry whose term or variant is ``term`` (None if there is none)."""
    return next((e for e in glossary.entries if term in e.forms), None)


def author_keywords(edition) -> list[tuple[str, str, str]]:
    """(text id, keyword, the edition's English) for every keyword the authors print (the
    editor's own keywords of cai and liang-song, marked as inferred, are left out)."""
    return [(meta.id, k["zh"], k["en"]) for meta in edition.metas if "keywords" not in meta.inferred
            for k in meta.keywords]


#: The run-in heading of a numbered proposal: a paragraph that opens "第三，中间连接。".
PROPOSAL_HEADING = re.compile(rf"^第[一二三四五六七八九十]+[，、]\s*([{HAN}]{{2,6}})。")


def proposal_terms(edition) -> list[tuple[str, str]]:
    """(text id, term) for each heading of a numbered list of proposals (xue-zhao's four)."""
    return [(doc.id, m.group(1)) for doc in edition.documents for block in doc.blocks
            if block.kind == "paragraph" and (m := PROPOSAL_HEADING.match(PAGE_MARK.sub("", block.text).strip()))]


def test_every_author_keyword_and_proposal_is_glossed_or_rejected_with_a_reason(edition):
    terms = [(t, zh) for t, zh, _ in author_keywords(edition)] + proposal_terms(edition)
    assert {zh for t, zh in terms if t == "xue-zhao"} >= {"原则先行", "分类敏捷", "中间连接", "技术自治"}, \
        "xue-zhao's four proposals are no longer found"
    rejected = edition.sources.rejected
    missing = [(t, zh) for t, zh in terms if glossed(edition.glossary, zh) is None and not rejected.get(zh, "").strip()]
    assert missing == []


def test_english_of_a_term_is_the_editions_own_translation(edition):
    """A keyword's English is the glossary's; a proposal's English is the one the text's
    translated abstract uses."""
    differ = []
    for text_id, zh, en in author_keywords(edition):
        entry = glossed(edition.glossary, zh)
        if entry is not None and entry.en.lower() != en.lower():
            differ.append((text_id, zh, en, entry.en))
    abstracts = {meta.id: " ".join(meta.abstract_en.split()).lower() for meta in edition.metas}
    for text_id, zh in proposal_terms(edition):
        entry = glossed(edition.glossary, zh)
        if entry is not None and entry.en.lower() not in abstracts[text_id]:
            differ.append((text_id, zh, "(abstract)", entry.en))
    assert differ == []


#: GB/T 16159-2012: a suffix (化, 性, 式) is written together with its word; so is a
#: number below a hundred (二十 Èrshí), and 法 "law" in a compound (软法 ruǎnfǎ, 硬法 yìngfǎ).
SUFFIXES = {"化": "huà", "性": "xìng", "式": "shì", "法": "fǎ"}
SPLIT_NUMBER = re.compile(r"\b(?:yī|èr|sān|sì|wǔ|liù|qī|bā|jiǔ|shí) (?:shí|bǎi)\b", re.IGNORECASE)


@pytest.mark.parametrize("term, pinyin, ok", [
    ("碎片化", "suìpiànhuà", True), ("碎片化", "suìpiàn huà", False), ("硬法", "yìng fǎ", False),
    ("二十国集团", "Èrshí Guó Jítuán", True), ("二十国集团", "Èr Shí Guó Jítuán", False),
])
def test_word_division_check_itself(term, pinyin, ok):
    assert word_division_problems([Entry("x", term, "x", pinyin, "concept", "。", ".", "editor's translation")]) == ([] if ok else ["x"])


def word_division_problems(entries) -> list[str]:
    wrong = []
    for e in entries:
        last = e.term[-1:]
        suffix = e.category == "concept" and last in SUFFIXES and e.pinyin.lower().endswith(" " + SUFFIXES[last])
        if suffix or SPLIT_NUMBER.search(e.pinyin):
            wrong.append(e.id)
    return wrong


def test_pinyin_word_division_follows_gb_t_16159(edition):
    assert word_division_problems(edition.glossary.entries) == []


def test_the_authors_own_english_beside_the_official_is_printed_by_that_author(edition):
    """en_source "…; the author in <id> gives <form>": that text prints the form."""
    texts = {d.id: " ".join([b.text for b in d.blocks] + [n.text for n in d.notes]) for d in edition.documents}
    claims = [(e.id, m.group(1), m.group(2)) for e in edition.glossary.entries
              if (m := re.search(r"the author in (\S+) gives (?:the abbreviation )?(.+)$", e.en_source))]
    assert {"hlab-ai", "tech-accord-elections", "unga-capacity-building-resolution", "collingridge-dilemma"} <= \
        {entry_id for entry_id, _, _ in claims}
    assert [(e, t, form) for e, t, form in claims if form.split(", ")[0] not in texts.get(t, "")] == []


def test_a_term_cut_by_a_page_break_is_glossed_and_counted(edition):
    glossary = gloss.Glossary([make_entry("multilateral-mechanism", "多边机制")])
    assert gloss.page_marks_outside_terms(glossary, "发挥多边⟦page 3⟧机制引领作用") == "发挥多边机制⟦page 3⟧引领作用"
    assert gloss.page_marks_outside_terms(glossary, "页⟦page 3⟧码") == "页⟦page 3⟧码"
    counted = [anchor for text_id, anchor, _ in edition.glossary.occurrences["multilateral-mechanism"] if text_id == "yan"]
    assert counted.count("p-4") == 2  # yan ¶ 4 reads 多边⟦page 3⟧机制, and the term once more, whole


def test_notes_gloss_and_count_the_same_terms_and_not_inside_cited_titles(edition):
    """What a note's gloss links show is what the glossary counts for that note; no gloss
    inside a cited title (《…》) unless the whole title is the term."""
    from_page, counted = {}, {}
    for text_id in ("xue-zhao", "li", "yan"):
        page = (ROOT / "docs" / "texts" / f"{text_id}.md").read_text(encoding="utf-8")
        for n, body in re.findall(r'^<li id="fn:(\d+)">\n<p>(.*)</p>$', page, flags=re.M):
            from_page[(text_id, f"fn:{n}")] = len(re.findall(r'<a class="gloss"', body))
            assert not re.search(r'《[^《》]*<a class="gloss"[^》]*》', body), (text_id, n, body[:80])
    for occurrences in edition.glossary.occurrences.values():
        for text_id, anchor, _ in occurrences:
            if anchor.startswith("fn:") and text_id in ("xue-zhao", "li", "yan"):
                counted[(text_id, anchor)] = counted.get((text_id, anchor), 0) + 1
    assert {k: v for k, v in from_page.items() if v} == counted


def test_glossary_page_names_authors_not_text_ids(edition):
    page = glossary_markdown(edition)
    english_lines = [line for line in page.splitlines() if line.startswith("English:")]
    assert english_lines and not [line for line in english_lines if re.search(r"\bin (xue-zhao|cai|li|yan|liang-song)\b", line)]


@pytest.fixture
def page_edition(sources):
    """A small edition of the real li and yan metadata with six made-up entries and occurrences."""
    entries = [make_entry("jizhi", "机制复合体"), make_entry("jishu", "技术封锁"), make_entry("jiti", "集体安全"),
               make_entry("ruanfa", "软法"), make_entry("un", "联合国", "institution"),
               make_entry("charter", "《联合国宪章》", "document")]
    glossary = gloss.Glossary(entries)
    glossary.occurrences = {
        "ruanfa": [("yan", "p-3", "…"), ("li", "p-9", "…"), ("yan", "p-3", "…"), ("yan", "fn:12", "…"),
                   ("yan", "p-1", "…")],
        "un": [("yan", "p-2", "…")],
    }
    texts = [meta for meta in sources.texts if meta.id in ("li", "yan")]
    return Edition(sources.root, replace(sources, texts=texts), documents=[], glossary=glossary)


def test_page_lists_each_paragraph_once_grouped_by_text(page_edition):
    page = glossary_markdown(page_edition)
    entry = page.split('id="term-ruanfa"')[1].split("<h3")[0]
    # collapsed: the summary counts by text, the list opened links each paragraph and note
    assert '<details class="ed-occurrences">' in entry
    assert "<summary>出现于 Occurrences（5）：李艳 1 · 阎德学 4</summary>" in entry
    lines = [line for line in entry.splitlines() if line.startswith("<li>")]
    # texts in edition order, each with its short title; the paragraph with two occurrences once, ×2
    assert lines == ['<li>李艳《人工智能国际治理》：<a href="../texts/li/#p-9">¶ 9</a></li>',
                     '<li>阎德学《全球人工智能治理》：<a href="../texts/yan/#p-3">¶ 3 ×2</a>、'
                     '<a href="../texts/yan/#fn:12">注 12</a>、<a href="../texts/yan/#p-1">¶ 1</a></li>']


def test_page_groups_by_category_with_an_index(page_edition):
    page = glossary_markdown(page_edition)
    assert "- [概念 Concepts](#cat-concept)（4）" in page and "- [人物 Persons]" not in page
    concepts = page.split("{#cat-concept}")[1].split("{#cat-institution}")[0]
    order = re.findall(r'<h3 class="ed-term" id="term-[a-z]+">([^<]+)<a class="headerlink"', concepts)
    assert order == ["机制复合体", "集体安全", "技术封锁", "软法"]
    assert '<p><a href="#term-jizhi">J</a> · <a href="#term-ruanfa">R</a></p>' in concepts
    assert page.index("{#cat-concept}") < page.index("{#cat-institution}") < page.index("{#cat-document}")
    # an entry that occurs nowhere (here) has no occurrences line
    assert "出现于" not in page.split('id="term-jiti"')[1].split("<h3")[0]


def test_glossary_page_is_marked_generated_and_links_source_files(page_edition):
    text = glossary_markdown(page_edition)
    assert text.startswith("<!-- generated")
    assert 'href="../texts/yan/#p-3"' in text and '<h3 class="ed-term" id="term-charter">《联合国宪章》' in text
