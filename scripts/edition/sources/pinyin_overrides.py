"""The reviewed pinyin (``sources/pinyin-overrides.yaml``): where pypinyin is wrong for these
texts, as ``phrases`` (anywhere in a term or title) and ``surnames`` (the first character of a
Chinese personal name). Every use of pinyin reads them (``pinyin.py``)."""

from __future__ import annotations

from pathlib import Path

from ..errors import EditionError
from ..pinyin import PinyinOverrides
from .yamlfile import check_fields, line_of, load_yaml, require_mapping

FIELDS = {"phrases": (dict, False), "surnames": (dict, False)}


def _check_syllables(path: Path, key: str, term: str, reading: str, line: int | None) -> None:
    """A reading has one syllable per character, separated by spaces (``重构: chóng gòu``)."""
    syllables = len(reading.split())
    if syllables != len(term):
        raise EditionError(path, f"{key}: {term!r} has {_count(syllables, 'syllable')} for {_count(len(term), 'character')} "
                                 "(one syllable per character, separated by spaces)", line)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def load_pinyin_overrides(path: Path) -> PinyinOverrides:
    if not path.is_file():
        return PinyinOverrides()
    data = require_mapping(load_yaml(path) or {}, path, "the pinyin overrides")
    check_fields(data, FIELDS, path, "the pinyin overrides")
    tables = {}
    for key in FIELDS:
        table = data.get(key) or {}
        for term, reading in table.items():
            if not isinstance(term, str) or not term.strip() or not isinstance(reading, str) or not reading.strip():
                raise EditionError(path, f"{key}: {term!r} must map a term to its reading, as text",
                                   line_of(table, term))
            _check_syllables(path, key, term, reading, line_of(table, term))
        tables[key] = {term: reading for term, reading in table.items()}
    return PinyinOverrides(**tables)
