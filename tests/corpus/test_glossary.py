"""The glossary against the corpus (every entry occurs, pinyin agrees, the authors' English
forms are theirs) and the glossary page."""

import re
from dataclasses import replace

import pytest

from edition import gloss
from edition.model import Edition
from edition.pinyin import draft_pinyin
from edition.site.glossary import glossary_markdown
from edition.sources.glossary import CATEGORIES, Entry


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
    assert '<details class="ed-occurrences" markdown="1">' in entry
    assert "<summary>出现于 Occurrences（5）：李艳 1 · 阎德学 4</summary>" in entry
    lines = [line for line in entry.splitlines() if line.startswith("- ")]
    # texts in edition order, each with its short title; the paragraph with two occurrences once, ×2
    assert lines == ["- 李艳《人工智能国际治理》：[¶ 9](texts/li.md#p-9)",
                     "- 阎德学《全球人工智能治理》：[¶ 3 ×2](texts/yan.md#p-3)、[注 12](texts/yan.md#fn:12)、"
                     "[¶ 1](texts/yan.md#p-1)"]


def test_page_groups_by_category_with_an_index(page_edition):
    page = glossary_markdown(page_edition)
    assert "- [概念 Concepts](#cat-concept)（4）" in page and "- [人物 Persons]" not in page
    concepts = page.split("{#cat-concept}")[1].split("{#cat-institution}")[0]
    order = re.findall(r'<h3 class="ed-term" id="term-[a-z]+">([^<]+)<a class="headerlink"', concepts)
    assert order == ["机制复合体", "集体安全", "技术封锁", "软法"]
    assert "[J](#term-jizhi) · [R](#term-ruanfa)" in concepts
    assert page.index("{#cat-concept}") < page.index("{#cat-institution}") < page.index("{#cat-document}")
    # an entry that occurs nowhere (here) has no occurrences line
    assert "出现于" not in page.split('id="term-jiti"')[1].split("<h3")[0]


def test_glossary_page_is_marked_generated_and_links_source_files(page_edition):
    text = glossary_markdown(page_edition)
    assert text.startswith("<!-- generated")
    assert "(texts/yan.md#p-3)" in text and '<h3 class="ed-term" id="term-charter">《联合国宪章》' in text
