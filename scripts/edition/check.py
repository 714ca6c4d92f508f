"""``edition check``: the proofs and validations, as ``file:line: message`` problems."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from .build import Edition
from .decode import decode_strict
from .model import Document, Problem
from .pipeline import Trace, final_text, rebuild_raw
from .repair import HAN, SYLLABLE


def conservation_problems(edition: Edition, traces: dict[str, tuple[str, Trace]] | None = None) -> list[Problem]:
    """For every text: undoing the record on the clean text gives back the raw file byte for
    byte, and the Document holds every non-whitespace character of the clean text."""
    from .structure import document_text

    traces = traces or clean_traces(edition)
    problems = []
    for meta, document in edition.pairs():
        path = meta.raw_path
        raw, trace = traces[meta.id]
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
RESIDUE = {
    "an OCR space inside Chinese": re.compile(f"[{HAN}][ \t\u3000]+[{HAN}]"),
    "half-width punctuation inside Chinese": re.compile(f"[{HAN}][,:;?!()]|[,:;?!()\"][{HAN}]|[{HAN}]\""),
    "a raw note marker": re.compile(r"\^\[\d+\]|\^\{|<sup>|</sup>"),
    "markup left by a scrape": re.compile(r"&(?:quot|amp|lt|gt|nbsp);|\\[_\[\]]|\*\*|<https?://|\]\(https?://"),
    "injected pinyin": re.compile(f"[{HAN}][(（]{SYLLABLE}[)）]"),
    "mojibake": re.compile(f"\ufffd|[{HAN}]\\?[{HAN}]|[{HAN}]\\?{SYLLABLE}\\)"),
}


def residue(text: str) -> list[tuple[int, str, str]]:
    """(offset, what, the text found) for each piece of damage left in a clean text. Lines
    whose spaces separate items (keywords, bylines) are the normaliser's to judge."""
    from .normalise import keeps_its_spaces

    found = []
    position = 0
    for line in text.split("\n"):
        for what, pattern in RESIDUE.items():
            if what == "an OCR space inside Chinese" and keeps_its_spaces(line):
                continue
            found += [(position + m.start(), what, m.group(0)) for m in pattern.finditer(line)]
        position += len(line) + 1
    return found


def residue_problems(edition: Edition, traces: dict[str, tuple[str, Trace]] | None = None) -> list[Problem]:
    """Damage left in a clean text (an OCR space, half-width punctuation inside Chinese, a raw
    marker, scrape markup, pinyin, mojibake), reported at the line of the raw file it comes from."""
    traces = traces or clean_traces(edition)
    problems = []
    for meta in edition.metas:
        _raw, trace = traces[meta.id]
        for offset, what, text in residue(trace.text):
            origin = trace.origins[offset] if trace.origins else None
            problems.append(Problem(str(meta.raw_path), origin, f"{what}: {text!r}"))
    return problems


def clean_traces(edition: Edition) -> dict[str, tuple[str, Trace]]:
    """Each text's raw file and its clean text with the record (before ``structure``): what
    the proofs read, computed once for all of them."""
    traces = {}
    for meta in edition.metas:
        path = meta.raw_path
        raw = decode_strict(path.read_bytes(), path)
        traces[meta.id] = (raw, final_text(raw, meta.id, meta))
    return traces


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
    traces = clean_traces(edition)
    problems += conservation_problems(edition, traces)
    problems += residue_problems(edition, traces)
    problems += cite.check_problems(edition)
    problems += gloss.check_problems(edition)
    return problems
