"""jieba's tokens from the restricted dictionary (``segment``) are jieba's own."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import jieba
import pytest

from edition.build import EVERY_TEXT, corpus_words
from edition.gloss import glossed_texts
from edition.segment import (JIEBA_DICT, RUN, SKIP, DictionaryDatabase, DictionaryIndex, RunEntries, Segmenter,
                             read_dictionary, read_few, runs_of, words_of)
from edition.site.search import search_scope


def jieba_tokens(text: str) -> list[tuple[int, int]]:
    return [(start, end) for _word, start, end in jieba.tokenize(text)]


def test_the_edition_s_tokens_are_jieba_s_own(edition):
    segmenter = edition.glossary.segmenter
    texts = [text for document in edition.documents for text in glossed_texts(document)]
    assert [segmenter.tokens(text) for text in texts] == [jieba_tokens(text) for text in texts]


def test_a_text_nobody_expected_is_cut_as_jieba_cuts_it():
    segmenter = Segmenter()
    segmenter.expect(["人工智能国际治理"])
    text = "  走向敏捷治理\r\n，GDPR与AI治理 2019年第8期。"
    assert segmenter.tokens(text) == jieba_tokens(text)
    assert segmenter.tokens("人工智能国际治理") == jieba_tokens("人工智能国际治理")


def test_a_word_edge_asked_for_is_a_boundary_of_the_whole_text(edition):
    """``Segmenter.edges`` (cutting only the runs asked about) answers for every offset what the
    edges of the whole text's tokens answer: the corpus's texts, and one with ``\r\n``, Latin, digits."""
    segmenter = edition.glossary.segmenter
    texts = [text for document in edition.documents[:2] for text in glossed_texts(document)[:40]]
    texts.append("  走向敏捷治理\r\n，GDPR与AI治理 2019年第8期。")
    for text in texts:
        bounds = {0, len(text), *(edge for token in segmenter.tokens(text) for edge in token)}
        edges = segmenter.edges(text)
        assert [i for i in range(-1, len(text) + 2) if (i in edges) != (i in bounds or not 0 < i < len(text))] == [], text


def test_the_dictionary_held_in_memory_finds_what_the_pass_over_the_file_finds(edition):
    scopes = {meta.id: search_scope(meta, document) for meta, document in edition.pairs()}
    scopes["runs"] = runs_of(text for document in edition.documents for text in glossed_texts(document))
    assert DictionaryIndex().read(scopes) == read_dictionary(scopes)


def test_a_part_of_an_expected_run_is_cut_without_reading_the_dictionary_again(monkeypatch):
    """The page writer cuts parts of runs: a term a page marker cut, moved whole (多边⟦page 3⟧机制
    → 多边机制⟦page 3⟧), and text split at an emendation's mark (规|模|化)."""
    segmenter = Segmenter()
    segmenter.expect(["并认识到通过政府间国际组织发挥多边机制引领作用的重要性", "人工智能发展已迈向技术突破与规模化普及并行的关键时期"])
    assert segmenter.tokens("发挥多边机制引领") == jieba_tokens("发挥多边机制引领")
    reads = []
    monkeypatch.setattr("edition.segment.read_dictionary", lambda *args, **kwargs: reads.append(args))
    for part in ("多边机制", "引领作用的重要性", "人工智能发展已迈向技术突破与规", "模", "化普及并行的关键时期"):
        assert segmenter.tokens(part) == jieba_tokens(part), part
    assert reads == []


def test_entries_loaded_when_needed_are_read_at_the_first_cut_only(monkeypatch):
    """A build with a cache gives the segmenter scopes of runs to load when it first cuts one
    (``load_when_needed``): the edited text's runs, then every expected run. A build that knows
    every cut it asks for never makes a tokenizer; one that cuts makes it from the first scope,
    and from the next only for a run the first does not hold, without reading the dictionary."""
    first, second = "并认识到通过政府间国际组织发挥多边机制引领作用的重要性", "人工智能发展已迈向技术突破与规模化普及并行的关键时期"
    total, found = read_dictionary({"first": {first}, "second": {second}})
    known = Segmenter()
    known.expect([first, second])
    cuts = {run: known.cut(run) for run in (first, second)}
    asked = []

    def scope(name: str, runs: set[str]):
        entries = sorted({entry for run in runs for entry in found["first" if run == first else "second"]})
        return lambda: (asked.append(name), (entries, total, runs))[1]

    monkeypatch.setattr("edition.segment.read_dictionary", lambda *args, **kwargs: pytest.fail("a pass over dict.txt"))
    kept = Segmenter(cuts)
    kept.load_when_needed(scope("first", {first}), scope("second", {first, second}))
    assert kept.tokens(first + "，" + second) == jieba_tokens(first + "，" + second) and asked == [] and kept.tokenizer is None
    fresh = Segmenter()
    fresh.expect([first, second])
    fresh.load_when_needed(scope("first", {first}), scope("second", {first, second}))
    assert fresh.tokens("发挥多边机制引领作用") == jieba_tokens("发挥多边机制引领作用") and asked == ["first"]
    assert fresh.tokens("政府间国际组织") == jieba_tokens("政府间国际组织") and asked == ["first"]
    assert fresh.tokens("规模化普及") == jieba_tokens("规模化普及") and asked == ["first", "second"]
    assert fresh.tokens(second) == jieba_tokens(second) and asked == ["first", "second"]


def test_runs_are_split_as_jieba_splits_them():
    """The patterns of runs and of what lies between them are jieba's own, written in
    ``segment`` so that splitting a text needs no import of jieba."""
    assert (RUN.pattern, RUN.flags) == (jieba.re_han_default.pattern, jieba.re_han_default.flags)
    assert (SKIP.pattern, SKIP.flags) == (jieba.re_skip_default.pattern, jieba.re_skip_default.flags)
    assert JIEBA_DICT == Path(jieba.__file__).with_name("dict.txt")


def test_a_build_reads_jieba_s_dictionary_once(watched_cold_build):
    """Every text the glossary and the pages cut is expected before the one pass over dict.txt."""
    assert len(watched_cold_build["reads"]) == 1


def test_a_few_runs_looked_up_find_what_the_pass_finds():
    runs = {"首个人工智能全球", "另一方面面", "渗透方方面面", "人工智能能力建设", "美国国家安全", "GDPR与AI治理"}
    total, found = read_dictionary({"runs": runs})
    assert read_few(runs) == (total, found["runs"])


def test_a_few_runs_looked_up_in_a_dictionary_with_odd_lines(tmp_path):
    """Lines without a tag or with a word twice (the later count wins in jieba) are read as the
    pass reads them, and the total is the pass's own."""
    path = tmp_path / "dict.txt"
    path.write_text("人工 30 n\n智能 20\n人工智能 50 n\n  能力 7 n\n国家\n人工 40 n\n", encoding="utf-8")
    runs = {"人工智能能力", "国家"}
    total, found = read_dictionary({"runs": runs}, path)
    assert read_few(runs, path) == (total, found["runs"])
    assert read_few(runs, path)[0] == 30 + 20 + 50 + 7 + 40
    path.write_text("人工 30 n\n智能 20 n\n", encoding="utf-8")
    assert read_few({"人工智能"}, path)[0] == 50  # the file changed: read again


def test_a_cold_build_passes_over_jieba_s_dictionary_once(watched_cold_build):
    """The layout's lookups (xue-zhao's repeated character at a page end) scan the dictionary
    the build reads, without a pass of their own."""
    assert len(watched_cold_build["passes"]) == 1


def test_the_texts_words_are_the_same_looked_up_at_once_or_text_by_text(edition):
    """A build without a cache looks the words of every text up in one scope; one with a cache
    text by text (what it keeps). The search dictionary gets the same words either way."""
    def looked_up(by_text: bool) -> dict:
        segmenter = Segmenter()
        for document in edition.documents:
            segmenter.expect(glossed_texts(document))
        return corpus_words(edition.metas, edition.documents, [None] * len(edition.metas), segmenter, by_text=by_text)

    at_once, text_by_text = looked_up(False), looked_up(True)
    assert list(at_once) == [EVERY_TEXT]
    assert list(text_by_text) == [meta.id for meta in edition.metas]
    assert ({entry for entries in at_once.values() for entry in entries}
            == {entry for entries in text_by_text.values() for entry in entries})


def test_an_edition_process_imports_jieba_without_pkg_resources():
    """setuptools' ``pkg_resources``, which jieba would import only to open its files, costs
    about 0.1 s in every ``edition`` process; jieba still cuts with its dictionary and its HMM
    (``沙特阿拉伯的艾哈迈德`` holds a name that only the HMM joins)."""
    program = ("import sys, edition.cli, edition.build\n"
               "from edition.segment import Segmenter\n"
               "segmenter = Segmenter()\n"
               "segmenter.expect(['沙特阿拉伯的艾哈迈德'])\n"
               "print('pkg_resources' in sys.modules, segmenter.tokens('沙特阿拉伯的艾哈迈德'))")
    run = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == f"False {jieba_tokens('沙特阿拉伯的艾哈迈德')}"


def test_the_dictionary_s_table_finds_what_the_pass_finds(tmp_path):
    runs = {"首个人工智能全球", "另一方面面", "渗透方方面面", "人工智能能力建设", "美国国家安全", "GDPR与AI治理"}
    database = DictionaryDatabase(tmp_path / "dictionary.sqlite")
    database.make()
    assert database.read({"a": runs, "b": {"国家安全"}}) == read_dictionary({"a": runs, "b": {"国家安全"}})


def test_the_dictionary_s_table_of_a_file_with_odd_lines(tmp_path):
    path = tmp_path / "dict.txt"
    path.write_text("人工 30 n\n智能 20\n人工智能 50 n\n  能力 7 n\n国家\n人工 40 n\n", encoding="utf-8")
    database = DictionaryDatabase(tmp_path / "dictionary.sqlite")
    database.make(path)
    scopes = {"runs": {"人工智能能力", "国家"}}
    assert database.read(scopes) == read_dictionary(scopes, path)


def test_runs_learned_one_by_one_give_what_a_scope_s_look_up_gives(edition):
    """A text's words from its runs' entries (``RunEntries``, what the cache keeps) are the pass's
    for the text, also when most runs were learned earlier and only a few now."""
    meta, document = edition.pairs()[1]
    runs = sorted(search_scope(meta, document))
    known = RunEntries()
    known.learn(set(runs[10:]))
    known.learn(known.unknown(runs))
    assert known.learned == len(runs)
    total, found = read_dictionary({meta.id: set(runs)})
    assert (known.total, known.entries(runs)) == (total, found[meta.id])
    assert known.words(runs) == words_of(found[meta.id]) == tuple(entry.word for entry in found[meta.id])
