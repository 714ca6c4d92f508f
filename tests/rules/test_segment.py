"""jieba's tokens from the restricted dictionary (``segment``) are jieba's own."""

from __future__ import annotations

import jieba

from edition.gloss import glossed_texts
from edition.segment import DictionaryIndex, Segmenter, read_dictionary, runs_of
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


def test_the_dictionary_held_in_memory_finds_what_the_pass_over_the_file_finds(edition):
    scopes = {meta.id: search_scope(meta, document) for meta, document in edition.pairs()}
    scopes["runs"] = runs_of(text for document in edition.documents for text in glossed_texts(document))
    assert DictionaryIndex().read(scopes) == read_dictionary(scopes)
