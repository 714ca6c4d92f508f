"""``edition check``: the proofs and validations, as ``file:line: message`` problems."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from .build import Edition
from .decode import decode_strict
from .model import Document, Problem
from .pipeline import final_text, rebuild_raw


def conservation_problems(edition: Edition) -> list[Problem]:
    """For every text: undoing the record on the clean text gives back the raw file byte for
    byte, and the Document holds every non-whitespace character of the clean text."""
    from .structure import document_text

    problems = []
    for meta, document in edition.pairs():
        path = meta.raw_path
        raw = decode_strict(path.read_bytes(), path)
        trace = final_text(raw, meta.id, meta)
        try:
            rebuilt = rebuild_raw(trace.text, trace.changes)
        except ValueError as error:
            problems.append(Problem(str(path), None, f"the record cannot be undone: {error}"))
            continue
        if rebuilt != raw:
            line = _first_difference_line(raw, rebuilt)
            problems.append(Problem(str(path), line, "the raw file cannot be rebuilt from the edition and its record"))
        problems += _document_holds_text(path, trace.text, document, document_text)
    return problems


#: What no clean text may still hold, by name: damage the rules exist to remove.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
RESIDUE = {
    "an OCR space inside Chinese": re.compile(f"[{_HAN}][ \t\u3000]+[{_HAN}]"),
    "half-width punctuation inside Chinese": re.compile(f"[{_HAN}][,:;?!()]|[,:;?!()\"][{_HAN}]|[{_HAN}]\""),
    "a raw note marker": re.compile(r"\^\[\d+\]|\^\{|<sup>|</sup>"),
    "markup left by a scrape": re.compile(r"&(?:quot|amp|lt|gt|nbsp);|\\[_\[\]]|\*\*|<https?://|\]\(https?://"),
    "injected pinyin": re.compile(f"[{_HAN}][(（][a-zü\u0101-\u01dc\u0300-\u036f]{{1,6}}[)）]"),
    "mojibake": re.compile(f"\ufffd|[{_HAN}]\\?[{_HAN}]|[{_HAN}]\\?[a-z]{{1,6}}\\)"),
}


def residue_problems(edition: Edition) -> list[Problem]:
    """Damage left in a clean text (an OCR space, half-width punctuation inside Chinese, a raw
    marker, scrape markup, pinyin, mojibake), reported at the line of the raw file it comes from.
    Lines whose spaces separate items (keywords, bylines) are the normaliser's to judge."""
    from .normalise import keeps_its_spaces

    problems = []
    for meta in edition.metas:
        path = meta.raw_path
        trace = final_text(decode_strict(path.read_bytes(), path), meta.id, meta)
        position = 0
        for line in trace.text.split("\n"):
            for what, pattern in RESIDUE.items():
                if what == "an OCR space inside Chinese" and keeps_its_spaces(line):
                    continue
                for match in pattern.finditer(line):
                    origin = trace.origins[position + match.start()] if trace.origins else None
                    problems.append(Problem(str(path), origin, f"{what}: {match.group(0)!r}"))
            position += len(line) + 1
    return problems


def _document_holds_text(path: Path, text: str, document: Document, document_text) -> list[Problem]:
    expected = Counter(ch for ch in text if not ch.isspace())
    found = Counter(ch for ch in document_text(document) if not ch.isspace())
    if expected == found:
        return []
    lost = expected - found
    added = found - expected
    parts = []
    if lost:
        parts.append("lost " + "".join(sorted(lost.elements()))[:60])
    if added:
        parts.append("added " + "".join(sorted(added.elements()))[:60])
    return [Problem(str(path), None, "the Document does not hold exactly the clean text: " + "; ".join(parts))]


def _first_difference_line(a: str, b: str) -> int:
    for index, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return a.count("\n", 0, index) + 1
    return min(len(a), len(b)) and a.count("\n") + 1


def all_problems(edition: Edition) -> list[Problem]:
    from . import cite, gloss

    problems: list[Problem] = []
    for document in edition.documents:
        problems += document.problems
    problems += conservation_problems(edition)
    problems += residue_problems(edition)
    problems += cite.check_problems(edition)
    problems += gloss.check_problems(edition)
    return problems
