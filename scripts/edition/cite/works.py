"""The works of the bibliography and the data the cite step gathers about them."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Problem
from .parse import Name, ParsedNote

@dataclass
class Occurrence:
    """One citation of a work in one note; ``pinpoint`` is the page the note cites."""

    text_id: str
    n: int
    key: str
    pinpoint: str | None = None


@dataclass
class Work:
    """One work cited in the notes, once across the corpus: its BibTeX ``key`` and fields, the
    notes citing it (``cited_in``: text id, note number), and the text of this edition it is,
    if it is one (``edition_text``)."""
    key: str
    entry_type: str
    fields: dict[str, str]
    authors: list[Name] = field(default_factory=list)
    editors: list[Name] = field(default_factory=list)
    cited_in: list[tuple[str, int]] = field(default_factory=list)
    edition_text: str | None = None
    language: str = "en"
    sort_key: str = ""
    identity: str = ""
    official: bool = False
    unparsed: bool = False
    source_text: str = ""


class Report(dict):
    """A text's citation report: ``text_id``, ``notes``, ``parsed`` (notes citing a work),
    ``works``, ``unparsed`` ([{n, text}]) and ``shared`` (keys cited by other texts too)."""


@dataclass
class Bibliography:
    works: dict[str, Work] = field(default_factory=dict)
    occurrences: list[Occurrence] = field(default_factory=list)
    notes: dict[tuple[str, int], ParsedNote] = field(default_factory=dict)
    note_counts: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    #: each note parsed, by its text (what the build cache keeps: parsing is most of the cite step)
    parsed: dict[str, ParsedNote] = field(default_factory=dict, repr=False, compare=False)
    #: notes parsed in this build, not taken from an earlier build's (a cache keeps them again then)
    fresh: int = field(default=0, repr=False, compare=False)

    def keys_by_note(self) -> dict[tuple[str, int], list[str]]:
        """(text id, note number) → the keys of the works the note cites, in citing order, each
        once — from one pass over the occurrences (asking note by note would be quadratic in a
        long text: 3.4 s of an 8 MB file's 24 s)."""
        keys: dict[tuple[str, int], dict[str, None]] = {}
        for occ in self.occurrences:
            keys.setdefault((occ.text_id, occ.n), {})[occ.key] = None
        return {note: list(found) for note, found in keys.items()}

    def note_works(self, text_id: str, n: int) -> list[Work]:
        return [self.works[k] for k in self.keys_by_note().get((text_id, n), [])]

    def note_pinpoints(self, text_id: str, n: int) -> list[tuple[Work, str | None]]:
        return [(self.works[o.key], o.pinpoint) for o in self.occurrences if o.text_id == text_id and o.n == n]

    @property
    def unparsed(self) -> list[Problem]:
        return [p for p in self.problems if "not parsed" in p.message]

    def report(self, text_id: str) -> Report:
        keys = sorted({o.key for o in self.occurrences if o.text_id == text_id})
        shared = [k for k in keys if any(t != text_id for t, _ in self.works[k].cited_in)]
        unparsed = sorted({(o.n, self.works[o.key].source_text) for o in self.occurrences
                           if o.text_id == text_id and self.works[o.key].unparsed})
        parsed = len({o.n for o in self.occurrences if o.text_id == text_id})
        return Report(text_id=text_id, notes=self.note_counts.get(text_id, 0), parsed=parsed,
                      works=len(keys), unparsed=[{"n": n, "text": t} for n, t in unparsed],
                      shared=shared)
