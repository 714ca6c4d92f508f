"""``edition check``: the proofs and validations, as ``file:line: message`` problems."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from .cite.checks import check_problems as citation_problems
from .gloss import check_problems as glossary_problems
from .model import Document, Edition, Problem
from .pipeline import rebuild_raw
from .steps.normalise import keeps_its_spaces
from .structure import document_text
from .vocabulary import HAN, SYLLABLE


def conservation_problems(edition: Edition) -> list[Problem]:
    """For every text: undoing the record on the clean text gives back the raw file byte for
    byte, and the Document holds every non-whitespace character of the clean text. Both are
    read from the Document, which the pipeline made once."""
    problems = []
    for meta, document in edition.pairs():
        path = meta.raw_path
        try:
            rebuilt = rebuild_raw(document.clean_text, document.changes)
        except ValueError as error:
            problems.append(Problem(str(path), None, f"the record cannot be undone: {error}"))
            continue
        if rebuilt != document.raw:
            line = _first_difference_line(document.raw, rebuilt)
            problems.append(Problem(str(path), line, "the raw file cannot be rebuilt from the edition and its record"))
        problems += _document_holds_text(path, document)
    return problems


#: What no clean text may still hold, by name: damage the rules exist to remove.
RESIDUE = {
    "an OCR space inside Chinese": re.compile(f"[{HAN}][ \t\u3000]+[{HAN}]"),
    "half-width punctuation inside Chinese": re.compile(f"[{HAN}][,:;?!()]|[,:;?!()\"][{HAN}]|[{HAN}]\""),
    "a raw note marker": re.compile(r"\^\[\d+\]|\^\{|<sup>|</sup>"),
    "markup left by a scrape": re.compile(r"&(?:quot|amp|lt|gt|nbsp);|\\[_\[\]]|\*\*|<https?://|\]\(https?://"),
    "injected pinyin": re.compile(f"[{HAN}][(（]{SYLLABLE}[)）]"),
    "raw HTML (shown as text)": re.compile(r"<!--|<[A-Za-z/!?][^<>\n]{0,300}>"),
    "a Markdown link or attribute list (shown as text)": re.compile(r"\[[^\[\]\n]{0,300}\]\([^()\n]{0,1000}\)|\{[^{}\n]{0,300}\}"),
    "a script address (shown as text)": re.compile(r"(?i)\b(?:javascript|vbscript|data):"),
    "mojibake": re.compile(f"\ufffd|[{HAN}]\\?[{HAN}]|[{HAN}]\\?{SYLLABLE}\\)"),
}


def residue(text: str) -> list[tuple[int, str, str]]:
    """(offset, what, the text found) for each piece of damage left in a clean text. Lines
    whose spaces separate items (keywords, bylines) are the normaliser's to judge."""
    found = []
    position = 0
    for line in text.split("\n"):
        for what, pattern in RESIDUE.items():
            if what == "an OCR space inside Chinese" and keeps_its_spaces(line):
                continue
            found += [(position + m.start(), what, m.group(0)) for m in pattern.finditer(line)]
        position += len(line) + 1
    return found


def residue_problems(edition: Edition) -> list[Problem]:
    """Damage left in a clean text (an OCR space, half-width punctuation inside Chinese, a raw
    marker, scrape markup, pinyin, mojibake), reported at the line of the raw file it comes from."""
    problems = []
    for meta, document in edition.pairs():
        for offset, what, text in residue(document.clean_text):
            origin = document.origins[offset] if document.origins else None
            problems.append(Problem(str(meta.raw_path), origin, f"{what}: {text!r}"))
    return problems


def _document_holds_text(path: Path, document: Document) -> list[Problem]:
    expected = Counter(ch for ch in document.clean_text if not ch.isspace())
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


#: At most this many problems are printed for one file; the rest are counted.
MAX_PER_FILE = 20


def capped_lines(problems: list[Problem], limit: int = MAX_PER_FILE) -> list[str]:
    """The problems as lines, at most ``limit`` for one file, then ``path: … and N more``
    (a damaged file must not bury the others under the same message a thousand times)."""
    shown: dict[str, int] = {}
    lines = []
    for problem in problems:
        shown[problem.path] = shown.get(problem.path, 0) + 1
        if shown[problem.path] <= limit:
            lines.append(str(problem))
    lines += [f"{path}: … and {count - limit} more" for path, count in shown.items() if count > limit]
    return lines


def all_problems(edition: Edition) -> list[Problem]:
    problems: list[Problem] = []
    for document in edition.documents:
        problems += document.problems
    problems += conservation_problems(edition)
    problems += residue_problems(edition)
    problems += citation_problems(edition.bibliography, edition.sources.works, [m.id for m in edition.metas])
    problems += glossary_problems(edition.glossary, edition.documents, edition.sources.rejected, edition.sources.pinyin)
    return problems
