"""How well a run of Han characters reads as words: jieba's best segmentation of it and that
segmentation's log-probability under jieba's unigram model (each word's count in jieba's
dictionary over the dictionary's total count) — the evidence a rule weighs when the same place
can be read two ways (a character repeated across a page end or not; a short line cut by a
page end or a heading).

>>> found = readings(["另一方面", "另一方面面"])
>>> found["另一方面"].words
('另一方面',)
>>> found["另一方面"].log_probability > found["另一方面面"].log_probability
True
>>> across = readings(["首个人工智能全球"])["首个人工智能全球"]
>>> across.words, across.crosses(5), across.crosses(6), across.word_at(6)
(('首个', '人工智能', '全球'), True, False, '全球')
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .segment import read_few, tokenizer_for


@dataclass(frozen=True)
class Reading:
    """A run read as words: the words of jieba's best segmentation (without its HMM, which
    guesses words outside the dictionary) and the natural log of that segmentation's
    probability."""

    words: tuple[str, ...]
    log_probability: float

    def crosses(self, offset: int) -> bool:
        """Does a word of this reading span ``offset`` (a place between two characters)?"""
        position = 0
        for word in self.words:
            if position < offset < position + len(word):
                return True
            position += len(word)
        return False

    def word_at(self, offset: int) -> str:
        """The word that begins at ``offset``, or ``""`` where none does."""
        position = 0
        for word in self.words:
            if position == offset:
                return word
            position += len(word)
        return ""


def readings(runs: Iterable[str]) -> dict[str, Reading]:
    """Each run read as words, with one lookup in jieba's dictionary for all of them (only the
    entries the runs contain are kept)."""
    wanted = {run for run in runs if run}
    if not wanted:
        return {}
    total, found = read_few(wanted)
    tokenizer = tokenizer_for(found, total)
    return {run: _best_reading(tokenizer, run) for run in wanted}


def _best_reading(tokenizer, run: str) -> Reading:
    route: dict[int, tuple[float, int]] = {}
    tokenizer.calc(run, tokenizer.get_DAG(run), route)
    words, start = [], 0
    while start < len(run):
        end = route[start][1] + 1
        words.append(run[start:end])
        start = end
    return Reading(tuple(words), route[0][0])
