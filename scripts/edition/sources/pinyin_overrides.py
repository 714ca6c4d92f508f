"""The reviewed pinyin (``sources/pinyin-overrides.yaml``): where pypinyin is wrong for these
texts, as ``phrases`` (anywhere in a term or title) and ``surnames`` (the first character of a
Chinese personal name). Every use of pinyin reads them (``pinyin.py``)."""

from __future__ import annotations

from pathlib import Path

from ..errors import EditionError
from ..pinyin import PinyinOverrides
from .yamlfile import check_fields, line_of, load_yaml, require_mapping

FIELDS = {"phrases": (dict, False), "surnames": (dict, False)}


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
        tables[key] = {term: reading for term, reading in table.items()}
    return PinyinOverrides(**tables)
