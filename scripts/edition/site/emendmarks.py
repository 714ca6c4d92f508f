"""Emendations marked where they stand: the emended reading in the running text (or a note)
gets a light mark and a small sigil linking to its row of the apparatus (``#emend-<id>``);
the row links back to the paragraph (``#p-N``) or note (``#fn:N``).

The reading is found by the entry's context as the edition reads it (converted to simplified
characters for a traditional text; as printed on the page of the traditional text, whose
sigils link to the apparatus on the simplified page). While the page writer escapes, glosses and links the
text, the reading is held between private-use characters, which become markup at the end
(``render``). A source may hold such a character (liang-song's mojibake does): a unit that
holds one is left unmarked, and ``render`` turns only the characters ``insert`` put in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..markers import URL
from ..steps.convert import convert_traditional_to_simplified
from ..steps.emend import emendations_for
from .markup import esc

OPEN, CLOSE, SIGIL = 0xE000, 0xE100, 0xE200
SENTINEL = re.compile("[\ue000-\ue2ff]")


@dataclass
class Place:
    """Where an emended reading stands: the unit (``p-12``, ``h-3``, ``fn:4``) and its
    offsets in that unit's text."""

    unit: str
    start: int
    end: int


def edition_context(entry, traditional: bool) -> tuple[str, int, int]:
    """The entry's context as the edition reads it, and where its reading lies in it
    (``traditional``: the Document is the converted, simplified reading of a traditional text)."""
    context = entry.emended_context
    start = entry.context.index(entry.source)
    end = start + len(entry.edition)
    if traditional:
        context = convert_traditional_to_simplified(context)
    return context, start, end


def units(document) -> list[tuple[str, str]]:
    """The texts an emendation may stand in, with their anchors: blocks, then notes."""
    found = [(block.id, block.text) for block in document.blocks if block.id]
    found += [(f"fn:{note.n}", note.text) for note in document.notes]
    return found


def locate(document, entries, traditional: bool) -> dict[str, Place]:
    """The place of each entry's reading (entries whose context is no longer found — it spans
    a page break or a note number — are left out, and the apparatus says so)."""
    places = {}
    for entry in entries:
        context, start, end = edition_context(entry, traditional)
        for unit, text in units(document):
            at = text.find(context)
            if at >= 0:
                places[entry.id] = Place(unit, at + start, at + end)
                break
    return places


def in_url(text: str, position: int) -> re.Match[str] | None:
    return next((m for m in URL.finditer(text) if m.start() <= position < m.end()), None)


class EmendationMarks:
    """The emendations of one text, to be marked in its units and rendered as markup."""

    def __init__(self, meta=None, document=None, sources=None, glossary=None, apparatus_page: str = "",
                 printed_script: bool = False):
        """``apparatus_page``: the URL of the page that holds the apparatus ("" for this page);
        ``printed_script``: ``document`` is the text in the script its source prints (liang-song's
        traditional page), so the entries' contexts are looked for unconverted."""
        self.glossary = glossary
        self.apparatus_page = apparatus_page
        self.entries = emendations_for(meta, sources) if meta is not None and sources is not None else []
        self.index = {entry.id: i for i, entry in enumerate(self.entries)}
        self.pending: set[str] = set()
        traditional = meta is not None and meta.script == "traditional" and not printed_script
        self.places = locate(document, self.entries, traditional) if document is not None else {}

    def unit_of(self, entry_id: str) -> str | None:
        place = self.places.get(entry_id)
        return place.unit if place else None

    def insert(self, unit: str, text: str) -> str:
        """``text`` (the unit's, as in the Document) with its readings held between sentinels."""
        self.pending = set()
        if SENTINEL.search(text):
            return text
        here = sorted(((self.index[i], p) for i, p in self.places.items() if p.unit == unit),
                      key=lambda item: -item[1].start)
        terms = [(start, end) for start, end, _ in self.glossary.matches(text)] if self.glossary is not None else []
        for i, place in here:
            url = in_url(text, place.start)
            term = next(((a, b) for a, b in terms if a < place.end and place.start < b), None)
            if url:  # a link cannot hold markup: the sigil stands before the address
                text = text[:url.start()] + chr(SIGIL + i) + text[url.start():]
                self.pending.add(chr(SIGIL + i))
            elif term:  # nor can a glossary link: the sigil follows the term
                text = text[:term[1]] + chr(SIGIL + i) + text[term[1]:]
                self.pending.add(chr(SIGIL + i))
            else:
                text = (text[:place.start] + chr(OPEN + i) + text[place.start:place.end] + chr(CLOSE + i)
                        + text[place.end:])
                self.pending |= {chr(OPEN + i), chr(CLOSE + i)}
        return text

    def render(self, text: str) -> str:
        """The sentinels as markup: the reading in ``<span class="ed-emend">`` and its sigil."""
        def replace(match: re.Match[str]) -> str:
            code = ord(match.group(0))
            kind, i = divmod(code - OPEN, 0x100)
            if i >= len(self.entries):  # not one of ours: a source's own private-use character
                return match.group(0)
            entry = self.entries[i]
            if kind == 0:
                css = "ed-emend ed-emend-uncertain" if entry.uncertain else "ed-emend"
                return f'<span class="{css}">'
            sigil = self.sigil(entry)
            return ("</span>" + sigil) if kind == 1 else sigil
        pending, self.pending = self.pending, set()
        if not pending:
            return text
        return SENTINEL.sub(lambda m: replace(m) if m.group(0) in pending else m.group(0), text)

    def sigil(self, entry) -> str:
        label = "疑" if entry.uncertain else "校"
        what = "推测校改" if entry.uncertain else "校改"
        where = "简体本的校勘记" if self.apparatus_page else "校勘记"
        title = f"{what}：原文作“{entry.source}”，见{where}"
        href = f"{self.apparatus_page}#emend-{esc(entry.id)}"  # the page's URL is the edition's own
        return (f'<a class="ed-emend-sigil" id="emend-at-{esc(entry.id)}" href="{href}" '
                f'title="{esc(title)}" aria-label="{esc(title)}">{label}</a>')
