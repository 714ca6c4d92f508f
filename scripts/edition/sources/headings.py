"""The editor's English translation of every heading (``sources/headings.yaml``): text id →
{heading as ``structure`` prints it: translation}, matched after normalising punctuation
width and quotes (``canonical``)."""

from __future__ import annotations

from pathlib import Path

from ..errors import EditionError
from .yamlfile import line_of, load_yaml, require_mapping

WIDTH = str.maketrans({"(": "（", ")": "）", ",": "，", ":": "：", ";": "；", "?": "？", "!": "！",
                       '"': "", "“": "", "”": "", "‘": "", "’": "", "'": "", " ": ""})


def canonical(heading: str) -> str:
    """Heading text with punctuation width and quotes normalised, for matching translations.

    >>> canonical('政治逻辑:"高政治"叙事') == canonical("政治逻辑：“高政治”叙事")
    True
    """
    return heading.strip().translate(WIDTH)


def load_headings(path: Path, known_texts: set[str] | None = None) -> dict[str, dict[str, str]]:
    """{text id: {canonical heading: English}}; a missing file gives none."""
    if not path.is_file():
        return {}
    data = require_mapping(load_yaml(path) or {}, path, "the heading translations")
    result: dict[str, dict[str, str]] = {}
    for text_id, headings in data.items():
        if known_texts is not None and text_id not in known_texts:
            raise EditionError(path, f"{text_id!r} is not one of the texts ({', '.join(sorted(known_texts))})",
                               line_of(data, text_id))
        headings = require_mapping(headings if headings is not None else {}, path, f"the headings of {text_id}",
                                   line_of(data, text_id))
        result[str(text_id)] = _translations(path, str(text_id), headings)
    return result


def _translations(path: Path, text_id: str, headings) -> dict[str, str]:
    """{canonical heading: English} of one text; two headings that are one after normalising
    (``政治逻辑:`` and ``政治逻辑：``) are an error, not one translation silently dropped."""
    found: dict[str, str] = {}
    lines: dict[str, int | None] = {}
    for heading, english in headings.items():
        if not isinstance(heading, str) or not isinstance(english, str) or not english.strip():
            raise EditionError(path, f"{text_id}: heading {heading!r} must map to its English translation, as text",
                               line_of(headings, heading))
        key = canonical(heading)
        if key in found:
            raise EditionError(path, f"{text_id}: heading {heading!r} is the same heading as line {lines[key]} "
                                     "after normalising punctuation width and quotes", line_of(headings, heading))
        found[key], lines[key] = english, line_of(headings, heading)
    return found
