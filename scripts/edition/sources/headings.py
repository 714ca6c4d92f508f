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
        headings = require_mapping(headings if headings is not None else {}, path, f"the headings of {text_id}")
        for heading, english in headings.items():
            if not isinstance(heading, str) or not isinstance(english, str) or not english.strip():
                raise EditionError(path, f"{text_id}: heading {heading!r} must map to its English translation, as text",
                                   line_of(headings, heading))
        result[str(text_id)] = {canonical(heading): english for heading, english in headings.items()}
    return result
