"""The pagination of record of a text: what its page markers are numbered by and called.

The clean text marks where page N *of the source file* begins (``⟦page N⟧``, N = 1…). What a
reader cites is the printed page. Three cases, decided from the metadata:

- ``printed``: the metadata gives the printed range (``pages: 120-137``, printed or, with its
  reason under ``inferred:``, implied by a citing text): source page N is printed page
  ``first + N - 1``; the marker reads 原刊第 120 页 and its anchor is ``#page-120``.
- ``source-file``: a journal article whose printed pages are unknown (li): the marker counts
  the pages of the source file and says so (原件第 3 页), anchor ``#page-3``.
- ``none``: a newspaper column or a web page (cai, liang-song) has no pagination to cite: no
  marker is shown; the paragraph numbers are the reference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PRINTED = "printed"
SOURCE_FILE = "source-file"
NONE = "none"

#: Kinds of text whose source pages are an artefact of the copy received, not of the publication.
UNPAGINATED_KINDS = ("newspaper-commentary", "news-commentary")


@dataclass(frozen=True)
class Pagination:
    kind: str
    first: int = 1
    last: int | None = None
    inferred: str | None = None

    @property
    def shown(self) -> bool:
        return self.kind != NONE

    def number(self, source_page: int) -> int:
        """The number a marker of source page ``source_page`` carries (and its anchor)."""
        return source_page + self.first - 1 if self.kind == PRINTED else source_page

    def label(self, source_page: int) -> str:
        n = self.number(source_page)
        if self.kind == PRINTED:
            return f"原刊第 {n} 页" + ("（页码为编者推定）" if self.inferred else "")
        return f"原件第 {n} 页（非原刊页码）"

    def label_en(self, source_page: int) -> str:
        n = self.number(source_page)
        if self.kind == PRINTED:
            return f"printed page {n}" + (" (inferred by the editor)" if self.inferred else "")
        return f"page {n} of the source file (not the printed page)"

    def contains(self, printed: int) -> bool:
        """Whether a printed page cited elsewhere falls within this text."""
        return self.kind == PRINTED and self.last is not None and self.first <= printed <= self.last

    def range_text(self) -> str:
        return f"第{self.first}-{self.last}页" if self.kind == PRINTED else ""


def page_bounds(pages: str) -> tuple[int, int] | None:
    numbers = re.findall(r"\d+", pages)
    if len(numbers) != 2:
        return None
    return int(numbers[0]), int(numbers[1])


def pagination_of(meta) -> Pagination:
    """The pagination a text's markers follow (see the module's docstring)."""
    bounds = page_bounds(meta.pages) if meta.pages else None
    if bounds:
        return Pagination(PRINTED, bounds[0], bounds[1], meta.inferred.get("pages"))
    if meta.kind in UNPAGINATED_KINDS:
        return Pagination(NONE)
    return Pagination(SOURCE_FILE)


def printed_note_label(pagination: Pagination, note) -> str:
    """What the source printed for a note, and where: ``原注③，原件第 7 页`` (li numbers its
    notes afresh on each page), ``原注[2]，原刊第 121 页`` (yan); empty if nothing was printed."""
    if not note.label:
        return ""
    where = f"，{pagination.label(note.page).split('（')[0]}" if note.page and pagination.shown else ""
    return f"原注{note.label}{where}"


def note_reference(pagination: Pagination, note) -> str:
    """The one form in which the edition refers to a note: ``注 14（原注③，原件第 7 页）``."""
    printed = printed_note_label(pagination, note)
    return f"注 {note.n}（{printed}）" if printed else f"注 {note.n}"


def note_references(edition, text_id: str) -> dict[int, str]:
    """``note_reference`` of every note of a text, by its number."""
    meta = next((m for m in edition.metas if m.id == text_id), None)
    document = next((d for d in edition.documents if d.id == text_id), None)
    if meta is None or document is None:
        return {}
    pagination = pagination_of(meta)
    return {note.n: note_reference(pagination, note) for note in document.notes}


#: A pinpoint as Chinese notes print it: 第56页, 第1-18页, 第48—49页.
PINPOINT = re.compile(r"第\s*(\d+)\s*(?:[-–—~－]+\s*(\d+)\s*)?页")


def cited_page(note_text: str) -> int | None:
    """The first page a note cites (its last pinpoint ``第N页``/``第N-M页``), if any."""
    found = PINPOINT.findall(note_text)
    return int(found[-1][0]) if found else None


def page_link(pagination: Pagination, page: int | None) -> tuple[str, str]:
    """Where a citation of ``page`` lands in a text of the edition — ``("#page-56", "")`` — or
    why it lands at the top: ``("", reason)``."""
    if page is None:
        return "", ""
    if pagination.contains(page):
        return f"#page-{page}", ""
    if pagination.kind == PRINTED:
        return "", f"所引第{page}页不在本文页码（{pagination.range_text()}）之内，链接至文首"
    return "", f"本文原刊页码不详，所引第{page}页无从定位，链接至文首"
