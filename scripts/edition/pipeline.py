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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cydifflib import SequenceMatcher

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
        for index, char in enumerate(raw):
            origins.append(line)
            if char == "\n" or (char == "\r" and raw[index + 1:index + 2] != "\n"):  # LF, CRLF, CR
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


Opcode = tuple[str, int, int, int, int]

#: Up to this product of lengths a changed stretch is matched by ``difflib`` (quadratic, but
#: the most readable changes: a paragraph of 2,000 characters is matched so); a longer one
#: by ``_match``, where the sides agree again only on three characters in a row (so that a
#: lone 的 does not cut a change).
DIFFLIB_LIMIT = 4_000_000
AGREE_LINES = 1
AGREE_CHARACTERS = 3


def diff_spans(before: str, after: str) -> list[Opcode]:
    """Opcodes (as difflib's) over characters, in time about linear in the length of the texts.

    Lines are matched first; a changed stretch of lines is matched character by character,
    with ``difflib`` when it is short.
    Each level walks both sides together and, where they differ, finds the nearest point
    where they agree again (``_match``): rules change a text in places, so the walk is linear
    in its length, where ``difflib`` over a whole text is quadratic."""
    spans: list[Opcode] = []
    for tag, i1, i2, j1, j2 in _level(_lines(before), _lines(after), 0, 0, AGREE_LINES):
        if tag == "equal":
            spans.append((tag, i1, i2, j1, j2))
        else:
            spans += _changed(before, after, i1, i2, j1, j2)
    return _merged(spans)


def _changed(before: str, after: str, i1: int, i2: int, j1: int, j2: int) -> list[Opcode]:
    """Opcodes for a changed stretch ``before[i1:i2]`` → ``after[j1:j2]``, character by character."""
    if i1 == i2 or j1 == j2 or (i2 - i1) * (j2 - j1) <= DIFFLIB_LIMIT:
        return _difflib(before[i1:i2], after[j1:j2], i1, j1)
    return [(tag, i1 + x1, i1 + x2, j1 + y1, j1 + y2)
            for tag, x1, x2, y1, y2 in _match(before[i1:i2], after[j1:j2], AGREE_CHARACTERS)]


def _difflib(a: str, b: str, offset_a: int, offset_b: int) -> list[Opcode]:
    """``difflib.SequenceMatcher``'s opcodes, from cydifflib (the same algorithm compiled: the
    same opcodes, the pipeline's main cost otherwise)."""
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return [(t, offset_a + x1, offset_a + x2, offset_b + y1, offset_b + y2) for t, x1, x2, y1, y2 in matcher.get_opcodes()]


def _lines(text: str) -> list[str]:
    """``text`` cut after each ``\\n``, which each line keeps (``"".join`` gives the text back)."""
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def _level(a: list[str], b: list[str], offset_a: int, offset_b: int, width: int) -> list[Opcode]:
    """Opcodes over the characters of ``"".join(a)`` and ``"".join(b)`` (which start at the
    given offsets), from a matching of their items."""
    starts_a, starts_b = _starts(a, offset_a), _starts(b, offset_b)
    return [(tag, starts_a[a1], starts_a[a2], starts_b[b1], starts_b[b2]) for tag, a1, a2, b1, b2 in _match(a, b, width)]


def _match(a: Sequence[str], b: Sequence[str], width: int) -> list[Opcode]:
    """Opcodes over the items of ``a`` and ``b``: runs of equal items, and between them the
    unequal stretch up to the nearest point where both sides agree again."""
    out: list[Opcode] = []
    i = j = 0
    n, m = len(a), len(b)
    while i < n and j < m:
        same = _common_length(a, b, i, j)
        if same:
            out.append(("equal", i, i + same, j, j + same))
            i, j = i + same, j + same
        if i == n or j == m:
            break
        x, y = _resync(a, b, i, j, width)
        out.append(("replace", i, x, j, y))
        i, j = x, y
    if i < n or j < m:
        out.append(("replace", i, n, j, m))
    return out


def _common_length(a: Sequence[str], b: Sequence[str], i: int, j: int) -> int:
    """How many items ``a[i:]`` and ``b[j:]`` have in common at their start, found by
    comparing slices of growing, then shrinking length (string and list slices compare in C)."""
    most = min(len(a) - i, len(b) - j)
    same, step = 0, 8
    while same < most:
        size = min(step, most - same)
        if a[i + same:i + same + size] == b[j + same:j + same + size]:
            same += size
            step *= 2
        elif size == 1:
            break
        else:
            step = size // 2
    return same


#: Up to how many items a difference is looked for pair by pair, before by an index.
NEAR = 6


def _resync(a: Sequence[str], b: Sequence[str], i: int, j: int, width: int) -> tuple[int, int]:
    """The nearest (x, y) after a difference at (i, j) where ``a`` and ``b`` agree again for
    ``width`` items (or to both ends); (len(a), len(b)) when they never do. The search looks
    at windows that grow geometrically, so a far point costs no more than the items between."""
    n, m = len(a), len(b)

    def agree(x: int, y: int) -> bool:
        """``width`` equal items from (x, y), the last of them not blank (a blank line or a
        space agrees everywhere), or equal to both ends."""
        size = min(width, n - x, m - y)
        if a[x:x + size] != b[y:y + size]:
            return False
        while size == width or x + size < n and y + size < m:
            if a[x + size - 1].strip():
                return True
            if x + size == n or y + size == m or a[x + size] != b[y + size]:
                return x + size == n and y + size == m
            size += 1
        return x + size == n and y + size == m

    for cost in range(1, NEAR + 1):  # most changes are a few items long: try those first
        for x in range(i, min(n, i + cost) + 1):
            y = j + cost - (x - i)
            if y <= m and (x < n and y < m and a[x] == b[y] or x == n and y == m) and agree(x, y):
                return x, y
    window = 16
    while True:
        best = None
        in_b: dict[str, list[int]] = {}
        for y in range(j, min(m, j + window)):
            positions = in_b.setdefault(b[y], [])
            if len(positions) < 4:
                positions.append(y)
        for x in range(i, min(n, i + window)):
            if best is not None and x - i >= best[0] - i + best[1] - j:
                break
            for y in in_b.get(a[x], ()):
                if (best is None or x + y < best[0] + best[1]) and agree(x, y):
                    best = (x, y)
                    break
        if best is not None:
            return best
        if i + window >= n and j + window >= m:
            return n, m
        window *= 4


def _merged(spans: list[Opcode]) -> list[Opcode]:
    """Neighbouring equal spans joined, and neighbouring unequal ones into one change (as
    difflib reports them); empty spans dropped."""
    out: list[Opcode] = []
    for span in spans:
        tag, i1, i2, j1, j2 = span
        if i1 == i2 and j1 == j2:
            continue
        if tag != "equal":
            tag = "replace" if i1 != i2 and j1 != j2 else ("delete" if j1 == j2 else "insert")
        if out and (out[-1][0] == "equal") == (tag == "equal"):
            _, k1, _, l1, _ = out[-1]
            if tag != "equal":
                tag = "replace" if k1 != i2 and l1 != j2 else ("delete" if l1 == j2 else "insert")
            out[-1] = (tag, k1, i2, l1, j2)
            continue
        out.append((tag, i1, i2, j1, j2))
    return out


def _starts(items: Sequence[str], offset: int = 0) -> list[int]:
    starts = [offset]
    for item in items:
        starts.append(starts[-1] + len(item))
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
        document.traditional = build_document(*traditional, text_id, meta, path, traditional=True)
        document.script = "traditional"
    return document
