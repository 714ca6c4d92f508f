"""The index of the edition's search (site/search.py), built from the Documents: plain text at
paragraph and note level, glossary records, the word list and the traditional→simplified fold."""

from __future__ import annotations

import json
import pickle

import pytest

from edition.segment import read_dictionary, runs_of
from edition.site.search import (INDEX_PATH, MAX_WORD, FoundWords, fold_table, plain, present_words, search_index,
                                 word_scanner)
from edition.vocabulary import HAN_RUN


@pytest.fixture(scope="module")
def index(generated):
    return json.loads(generated[INDEX_PATH])


@pytest.mark.parametrize("text,expected", [
    pytest.param("以人为⟦page 4⟧本", "以人为本", id="page-marker-inside-a-word"),
    pytest.param("人工[^13]智能", "人工智能", id="note-reference"),
    pytest.param("“The Coming AI”, *Foreign Affairs*, 102(6)", "“The Coming AI”, Foreign Affairs, 102(6)", id="emphasis"),
    pytest.param("前一行\n后一行", "前一行 后一行", id="line-break"),
])
def test_plain_text_has_no_markup(text, expected):
    assert plain(text) == expected


def test_the_file_is_utf8_compact_and_has_no_escapes(generated):
    text = generated[INDEX_PATH]
    assert "\\u" not in text and "\u200b" not in text
    assert "数据安全" in text
    assert len(text.encode("utf-8")) < 400_000


def records_of(index, page_url):
    page = [url for url, _label in index["pages"]].index(page_url)
    return {r[1]: r for r in index["records"] if r[0] == page}


def test_records_are_paragraphs_headings_and_notes_without_markers(index):
    assert all(r[3] for r in index["records"]), "an empty record"
    assert not [r for r in index["records"] if "⟦" in r[3] or "[^" in r[3]]
    xue_zhao = records_of(index, "texts/xue-zhao/")
    assert "（GDPR）" in xue_zhao["p-18"][3]
    assert xue_zhao["h-1"][2] == "heading"
    assert xue_zhao["fn:6"][2] == "note" and "Collingridge" in xue_zhao["fn:6"][3]
    assert "以人为本" in "".join(r[3] for r in index["records"])


def test_the_traditional_page_is_not_indexed_twice(index):
    assert "texts/liang-song/" in [url for url, _ in index["pages"]]
    assert not [url for url, _ in index["pages"] if "traditional" in url]


def test_each_glossary_entry_is_a_record_with_english_and_toneless_pinyin(index):
    terms = {t[1]: t for t in index["terms"]}
    deficit = terms["治理赤字"]
    assert deficit[0] == "governance-deficit"
    assert deficit[2] == "governance deficit" and deficit[3] == "zhìlǐ chìzì" and deficit[4] == "zhilichizi"
    assert any(t[5] for t in index["terms"]), "no entry has variants"


def test_words_hold_the_edition_s_jieba_words_and_their_parts(index):
    words = set(index["words"].split("|"))
    assert {"数据", "安全", "治理", "人工", "智能"} <= words
    assert "人工智能" in words  # jieba's compound, kept whole to split queries by it
    assert all(len(w) >= 2 for w in words)


def test_present_words_are_only_those_of_the_texts():
    words = present_words(["数据安全很重要"])
    assert {"数据", "安全", "数据安全", "重要"} <= set(words)
    assert "人工" not in words and "很" not in words  # not in the text; one character


def test_present_words_are_every_word_of_two_to_eight_han_characters_in_the_texts():
    """The scan stops where no word begins; what it finds is every entry of two to eight Han
    characters that is a substring of a Han run, as a look at every substring finds."""
    texts = ["数据安全很重要，人工智能国际治理", "全球人工智能治理倡议（2023）与AI治理", "治理赤字"]
    runs = [run for text in texts for run in HAN_RUN.findall(text)]
    every = {run[i:j] for run in runs for i in range(len(run)) for j in range(i + 2, min(len(run), i + MAX_WORD) + 1)}
    _total, found = read_dictionary({"texts": runs_of(texts)})
    assert present_words(texts) == sorted({e.word for e in found["texts"] if e.word in every})
    assert "人工智能" in present_words(texts) and "AI" not in present_words(texts)


def test_fold_table_maps_traditional_to_simplified_for_the_characters_in_use():
    traditional, simplified = fold_table(["数据治理体系"])
    pairs = dict(zip(traditional, simplified))
    assert pairs["數"] == "数" and pairs["據"] == "据" and pairs["體"] == "体"
    assert set(simplified) <= set("数据治理体系")
    assert len(traditional) == len(simplified) < 40


def test_the_index_fold_covers_the_queries_of_traditional_readers(index):
    pairs = dict(zip(*index["fold"]))
    assert "".join(pairs.get(c, c) for c in "治理體系數據") == "治理体系数据"
    assert len(index["fold"][0]) < 2000


def test_both_scanners_find_the_same_words(edition):
    """``word_scanner`` looks a few characters up stretch by stretch and many by the words'
    prefixes: in every paragraph of the texts they find the same words."""
    texts = [record[3] for record in search_index(edition)["records"]]
    words = frozenset(word for word in present_words(texts))
    by_prefixes, by_stretches = word_scanner(words), word_scanner(words, characters=1)
    assert [by_prefixes(text) for text in texts] == [by_stretches(text) for text in texts]
    assert sum(map(len, map(by_prefixes, texts))) > 10_000


def test_words_found_again_after_words_came_and_went_are_those_of_a_fresh_scan():
    """``FoundWords`` (what the cache keeps): a text seen before is looked at only for the words
    that came, and loses those that went; a text not seen before is scanned."""
    texts = ["数据安全很重要", "全球治理体系", "人工智能治理格局"]
    words = ["数据", "安全", "数据安全", "治理", "体系", "AI治理"]
    found = FoundWords()
    assert present_words(texts[:2], words, found) == ["体系", "安全", "数据", "数据安全", "治理"]
    later = [word for word in words if word != "体系"] + ["格局", "全球"]
    assert present_words(texts, later, found) == present_words(texts, later)
    assert found.by_text["全球治理体系"] == ("全球", "治理") and found.changed
    found.made_anew()
    kept = pickle.loads(pickle.dumps(found))  # as the build cache keeps it
    assert (kept.words, kept.by_text, kept.changed) == (found.words, found.by_text, False)
    assert kept.by_text["数据安全很重要"] == ("安全", "数据", "数据安全") and kept.by_text["人工智能治理格局"] == ("格局", "治理")
    empty = pickle.loads(pickle.dumps(FoundWords(frozenset(), {"AI": ()})))
    assert (empty.words, empty.by_text) == (frozenset(), {"AI": ()})
