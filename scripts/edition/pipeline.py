"""Runs the steps and records, for every rule, what it changed.

Rules are pure ``str -> str`` functions and know nothing of the record: the pipeline diffs
the text before and after each rule (lines first, then characters inside the changed
lines, which keeps it fast) and writes one ``Change`` per changed span, with the raw line
the span comes from. Provenance is kept per character (``origins``), so a change made
after paragraphs were joined still names the line of the raw file it touches.

Undoing the changes from the last to the first gives back the raw text exactly
(``rebuild_raw``); ``edition check`` uses that to prove that nothing was lost.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .model import Change, Document, Rule, rule_detail, rule_id
from .steps.convert import script_of
from .steps.registry import rules_of_text
from .structure import build_document


@dataclass
class Trace:
    """The text as it moves through the rules, with the raw line of every character."""

    text_id: str
    text: str
    origins: list[int]
    changes: list[Change] = field(default_factory=list)
    applications: int = 0

    @classmethod
    def start(cls, text_id: str, raw: str) -> "Trace":
        origins: list[int] = []
        line = 1
        for char in raw:
            origins.append(line)
            if char == "\n":
                line += 1
        return cls(text_id, raw, origins)

    def apply(self, rule: Rule) -> None:
        after = rule(self.text)
        if not isinstance(after, str):
            raise TypeError(f"rule {rule_id(rule)} returned {type(after).__name__}, not str")
        if after == self.text:
            return
        self.applications += 1
        new_origins: list[int] = []
        name, detail = rule_id(rule), rule_detail(rule)
        for tag, i1, i2, j1, j2 in diff_spans(self.text, after):
            if tag == "equal":
                new_origins.extend(self.origins[i1:i2])
                continue
            line = self.origins[i1] if i1 < len(self.origins) else (self.origins[-1] if self.origins else 1)
            new_origins.extend([line] * (j2 - j1))
            self.changes.append(Change(name, self.text_id, line, self.text[i1:i2], after[j1:j2], j1, detail, self.applications))
        self.text = after
        self.origins = new_origins

    def apply_all(self, rules: Iterable[Rule]) -> None:
        for rule in rules:
            self.apply(rule)


def diff_spans(before: str, after: str) -> list[tuple[str, int, int, int, int]]:
    """Opcodes (as difflib's) over characters, computed lines first for speed."""
    lines_a = before.splitlines(keepends=True)
    lines_b = after.splitlines(keepends=True)
    starts_a = _starts(lines_a)
    starts_b = _starts(lines_b)
    spans: list[tuple[str, int, int, int, int]] = []
    matcher = difflib.SequenceMatcher(None, lines_a, lines_b, autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        i1, i2, j1, j2 = starts_a[a1], starts_a[a2], starts_b[b1], starts_b[b2]
        if tag == "equal":
            spans.append(("equal", i1, i2, j1, j2))
            continue
        inner = difflib.SequenceMatcher(None, before[i1:i2], after[j1:j2], autojunk=False)
        for t, x1, x2, y1, y2 in inner.get_opcodes():
            spans.append((t, i1 + x1, i1 + x2, j1 + y1, j1 + y2))
    return spans


def _starts(lines: Sequence[str]) -> list[int]:
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    return starts


def rebuild_raw(final_text: str, changes: Sequence[Change]) -> str:
    """Undo ``changes`` (in the order they were made) on ``final_text``.

    The changes of one rule application (same ``application``) carry offsets in that
    rule's output; undoing them right to left, application by application from the last,
    restores each rule's input.
    """
    text = final_text
    for group in reversed(_applications(changes)):
        for change in sorted(group, key=lambda c: c.offset, reverse=True):
            end = change.offset + len(change.after)
            if text[change.offset:end] != change.after:
                raise ValueError(f"record does not match the text at offset {change.offset} ({change.rule})")
            text = text[: change.offset] + change.before + text[end:]
    return text


def _applications(changes: Sequence[Change]) -> list[list[Change]]:
    """Split the record into the runs made by one application of one rule."""
    groups: list[list[Change]] = []
    for change in changes:
        if groups and groups[-1][-1].application == change.application:
            groups[-1].append(change)
        else:
            groups.append([change])
    return groups


# --- the steps ------------------------------------------------------------------------

def clean(raw: str, text_id: str, meta, sources, path: str | Path = "") -> Document:
    """Run every step of the registry on ``raw`` once and return the Document with its
    complete record, the raw text, and the clean text with the raw line of each character.
    ``meta`` is None for a file outside the corpus; ``sources`` is the reviewed data
    (``sources.Sources``) the data-driven rules read."""
    trace = Trace.start(text_id, raw)
    traditional: tuple[str, list[int]] | None = None
    for step, rules in rules_of_text(meta, sources):
        if step.name == "convert" and rules and script_of(meta, trace.text) == "traditional":
            traditional = (trace.text, list(trace.origins))
        trace.apply_all(rules)
    document = build_document(trace.text, trace.origins, text_id, meta, path)
    document.changes = trace.changes
    document.raw, document.clean_text, document.origins = raw, trace.text, trace.origins
    if traditional is not None:
        document.traditional = build_document(*traditional, text_id, meta, path)
        document.script = "traditional"
    return document
