"""The markup of the clean text, shared by the steps that write it and the rules that must
leave it alone (pangu's "protected spans").

- ``⟦page N⟧`` — page N of the source begins here (N counts the source's pages from 1). It
  may stand on its own line or inside a paragraph that was joined across the page break.
- ``[^n]`` — a reference to note n (1…N per text) in running text.
- ``[^n]:`` at the start of a line — the definition of note n (moved out of the page by
  ``layout``).
The brackets ⟦⟧ (U+27E6/7) occur in none of the sources.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .vocabulary import CJK_PUNCTUATION, CURLY_QUOTES

PAGE_MARK = re.compile(r"⟦page (\d+)⟧")
NOTE_REF = re.compile(r"\[\^(\d+)\](?!:)")
NOTE_DEF = re.compile(r"^\[\^(\d+)\]:[ \t]?", re.MULTILINE)
#: A URL ends at whitespace, a bracket, or any Chinese or full-width mark (notes run on after a
#: URL without a space: ``…/c_1129757277.htm。``), and not on a closing ``.,;:!?``.
_NOT_IN_URL = rf"\s<>()\[\]{CURLY_QUOTES}{CJK_PUNCTUATION}"
URL = re.compile(rf"(?:https?://|www\.)[^{_NOT_IN_URL}]*[^{_NOT_IN_URL}.,;:!?]")

#: The lines between which a generated page holds finished HTML: the site's Markdown passes the
#: lines between them to the page as they stand (``edition.finished_html``). Each stands alone
#: on its line; source text can hold neither (every ``<`` of a source reaches a page escaped).
FINISHED_HTML_START = "<!-- finished html -->"
FINISHED_HTML_END = "<!-- /finished html -->"

#: Spans no normalising rule may change: markers, URLs.
PROTECTED = re.compile("|".join(p.pattern for p in (PAGE_MARK, NOTE_REF, URL)))


def page_mark(page: int) -> str:
    return f"⟦page {page}⟧"


def outside_protected(rule: Callable[[str], str], text: str, protected: re.Pattern[str] = PROTECTED) -> str:
    """Apply ``rule`` to the stretches of ``text`` between protected spans, which come through byte for byte.

    Each stretch is passed to ``rule`` on its own, so a rule cannot see across a URL or a marker.
    """
    pieces = []
    position = 0
    for match in protected.finditer(text):
        pieces.append(rule(text[position:match.start()]))
        pieces.append(match.group(0))
        position = match.end()
    pieces.append(rule(text[position:]))
    return "".join(pieces)
