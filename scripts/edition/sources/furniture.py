"""Site furniture and spam (``sources/furniture.yaml``): the reviewed patterns of what a web
page adds around the text, read by the furniture rules of ``steps/repair.py``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import EditionError
from .yamlfile import Located, check_fields, line_of, load_yaml, require_mapping

FIELDS = {
    "spam_keywords": (list, True),
    "spam_min_keywords": (int, True),
    "breadcrumb_separators": (list, True),
    "breadcrumb_markers": (list, True),
    "breadcrumb_max_segment": (int, True),
    "footer_lines": (list, True),
    "footer_patterns": (list, True),
    "obfuscated_email": (str, True),
}


@dataclass(frozen=True)
class Furniture:
    spam_keywords: tuple[str, ...] = ()
    spam_min_keywords: int = 2
    breadcrumb_separators: tuple[str, ...] = ()
    breadcrumb_markers: tuple[str, ...] = ()
    breadcrumb_max_segment: int = 12
    footer_lines: frozenset[str] = frozenset()
    footer_patterns: tuple[re.Pattern[str], ...] = ()
    obfuscated_email: str = ""


def comparable(line: str) -> str:
    """A footer line compared without its surrounding spaces, ASCII or full-width commas alike."""
    return line.strip().replace("，", ",").replace("：", ":")


def _check_texts(data: Located, key: str, path: Path) -> None:
    """Every item of the list ``data[key]`` is a non-empty text; else an error at the item's line."""
    for index, item in enumerate(data[key]):
        if not isinstance(item, str) or not item:
            raise EditionError(path, f"{key} must be a list of texts; found {item!r}",
                               line_of(data[key], index) or line_of(data, key))


def load_furniture(path: Path) -> Furniture:
    """The patterns of ``path``; a missing file means no furniture is recognised."""
    if not path.is_file():
        return Furniture()
    data = require_mapping(load_yaml(path), path, "the furniture patterns")
    check_fields(data, FIELDS, path, "the furniture patterns")
    for key, (kind, _required) in FIELDS.items():
        if kind is list:
            _check_texts(data, key, path)
        if kind is int and data[key] < 1:  # 0 keywords would make every line spam
            raise EditionError(path, f"{key} must be a positive whole number, found {data[key]}", line_of(data, key))
    patterns = []
    for index, pattern in enumerate(data["footer_patterns"]):
        try:
            patterns.append(re.compile(pattern))
        except re.error as error:
            raise EditionError(path, f"footer pattern {pattern!r}: {error}", line_of(data["footer_patterns"], index)) from None
    return Furniture(
        spam_keywords=tuple(data["spam_keywords"]),
        spam_min_keywords=data["spam_min_keywords"],
        breadcrumb_separators=tuple(data["breadcrumb_separators"]),
        breadcrumb_markers=tuple(data["breadcrumb_markers"]),
        breadcrumb_max_segment=data["breadcrumb_max_segment"],
        footer_lines=frozenset(comparable(line) for line in data["footer_lines"]),
        footer_patterns=tuple(patterns),
        obfuscated_email=data["obfuscated_email"],
    )
