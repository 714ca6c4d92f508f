"""The lacunae of a cleaned text and what the bytes left say about them: where UTF-8 read as
GBK lost a byte, the character's other bytes survive, and they allow only a few common
characters (a lost last byte leaves at most 64 code points, about 28 of them common). Ranked by
how well the text around reads with each (``likelihood``), the first is a conjecture for the
editor — never written into the text: the text keeps ``〓`` until a reviewed emendation
(``fault: transmission``, ``certainty: uncertain``) supplies the character.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .likelihood import readings
from .model import Document
from .steps.repair import fix_utf8_read_as_gbk, lost_utf8_bytes
from .vocabulary import HAN, LACUNA, is_common_character, is_han

#: How many Han characters on each side of a lacuna its candidates are read with.
CONTEXT = 6
#: The most lost bytes of one character for which candidates are still listed (one lost byte
#: leaves 64 code points, two leave 4,096).
MAX_LOST_BYTES = 1
TRAIL_BYTES = range(0x80, 0xC0)
_BEFORE = re.compile(f"[{HAN}]{{0,{CONTEXT}}}$")
_AFTER = re.compile(f"[{HAN}]{{0,{CONTEXT}}}")


@dataclass(frozen=True)
class Lacuna:
    """A ``〓`` of the clean text that the bytes left constrain: its raw line, its offset in the
    clean text, those bytes (None for a lost one), and the common characters they allow, the
    one the context reads best with first."""

    line: int
    offset: int
    known: tuple[int | None, ...]
    candidates: tuple[str, ...]
    before: str
    after: str

    @property
    def conjecture(self) -> str:
        return self.candidates[0] if self.candidates else ""

    def bytes_shown(self) -> str:
        return " ".join(f"{b:02X}" if b is not None else "??" for b in self.known)

    def message(self) -> str:
        others = "、".join(self.candidates[1:4])
        then = f", then {others}" if others else ""
        return (f"{LACUNA} lost in transmission (UTF-8 read as GBK): the bytes left, {self.bytes_shown()}, allow "
                f"{len(self.candidates)} common character(s); the context reads best with {self.conjecture} "
                f"({self.before}{self.conjecture}{self.after}){then} — a conjecture: an emendation "
                f"(fault: transmission, certainty: uncertain) may supply it")

    def to_json(self) -> dict:
        return {"line": self.line, "bytes": self.bytes_shown(), "conjecture": self.conjecture,
                "candidates": list(self.candidates[:8]), "context": f"{self.before}{LACUNA}{self.after}"}


def allowed_characters(known: Sequence[int | None]) -> list[str]:
    """The common Han characters whose UTF-8 bytes agree with ``known`` (None: any trail byte)."""
    if sum(b is None for b in known) > MAX_LOST_BYTES or known[0] is None:
        return []
    options = [TRAIL_BYTES if b is None else (b,) for b in known]
    found = []
    for data in itertools.product(*options):
        try:
            char = bytes(data).decode("utf-8")
        except UnicodeDecodeError:
            continue
        if len(char) == 1 and is_han(char) and is_common_character(char):
            found.append(char)
    return found


def lacunae(document: Document) -> list[Lacuna]:
    """Each ``〓`` that ``fix_utf8_read_as_gbk`` made and the clean text still holds, with the
    characters its bytes allow, ranked by the context. A line whose lacunae cannot be matched
    one to one with the bytes the record kept is left out (nothing is guessed)."""
    rule = fix_utf8_read_as_gbk.__name__
    lost_by_line: dict[int, list[tuple[int | None, ...]]] = {}
    for change in document.changes:
        if change.rule == rule and LACUNA in change.after:
            lost_by_line.setdefault(change.source_line, []).extend(lost_utf8_bytes(change.before))
    if not lost_by_line:
        return []
    text, origins = document.clean_text, document.origins
    offsets_by_line: dict[int, list[int]] = {}
    for match in re.finditer(LACUNA, text):
        offsets_by_line.setdefault(origins[match.start()], []).append(match.start())
    found = []
    for line, lost in sorted(lost_by_line.items()):
        offsets = offsets_by_line.get(line, [])
        if len(offsets) != len(lost):
            continue
        for offset, known in zip(offsets, lost):
            before = _BEFORE.search(text, max(0, offset - CONTEXT), offset).group(0)
            after = _AFTER.match(text, offset + 1).group(0)
            found.append(Lacuna(line, offset, known, tuple(allowed_characters(known)), before, after))
    return _ranked(found)


def _ranked(found: list[Lacuna]) -> list[Lacuna]:
    """The candidates of each lacuna, the one its context reads best with first."""
    read = readings(l.before + c + l.after for l in found for c in l.candidates)
    return [Lacuna(l.line, l.offset, l.known,
                   tuple(sorted(l.candidates, key=lambda c: -read[l.before + c + l.after].log_probability)),
                   l.before, l.after) for l in found]
