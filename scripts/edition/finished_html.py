"""A Python-Markdown extension that the site's ``mkdocs.yml`` loads: what ``edition build``
wrote as finished HTML reaches the page as it stands, without Python-Markdown reading it.

A generated page holds most of its body as HTML that the edition wrote itself (paragraphs
with their terms, note references, page markers and permalinks), between a line
``FINISHED_HTML_START`` and a line ``FINISHED_HTML_END`` (``edition.markers``). Python-Markdown
would pass that HTML through too, but only after reading it: its HTML parser, its block parser
and its inline patterns over every tag and every stretch of text, which was most of what
``mkdocs build`` paid for the pages (ADR 0012). This preprocessor hands each stretch to
Python-Markdown's stash of raw HTML, as its own raw-HTML reader would, and leaves a placeholder.

It runs before MkDocs' own look at the raw HTML of a page, which would read every tag of these
stretches with Python's HTML parser only to collect their ids (the anchors MkDocs checks a
Markdown link against): a second preprocessor, right after MkDocs', hands MkDocs the ids of
the stretches, found by one regular expression (the edition writes every id as ``id="…"``).
Without this extension a page renders the same, but for the two marker lines, which then stay
in the page as HTML comments (a test renders every page both ways).

Only ``markdown`` and the markers are imported here: MkDocs imports this module.
"""

from __future__ import annotations

import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from .markers import FINISHED_HTML_END, FINISHED_HTML_START

#: Before MkDocs' look at a page's raw HTML (21) and Python-Markdown's ``html_block`` (20).
PRIORITY = 25
#: Right after MkDocs' look, which sets the ids it found (its ``present_anchor_ids``).
ANCHORS_PRIORITY = 20.9
#: The name under which MkDocs registers its look at a page's raw HTML.
MKDOCS_RAW_HTML = "mkdocs_raw_html"
#: An id the edition writes in finished HTML.
ID = re.compile(r'<[A-Za-z][^<>]*?\sid="([^"<>]*)"')


class FinishedHtml(Preprocessor):
    """Each stretch between the marker lines → one placeholder line of the raw-HTML stash; a
    stretch left open at the end of the page is left as it stands (Python-Markdown reads it).
    ``anchors``: the ids in the stretches of the page last converted."""

    def __init__(self, md: Markdown):
        super().__init__(md)
        self.anchors: set[str] = set()

    def run(self, lines: list[str]) -> list[str]:
        self.anchors = set()
        out: list[str] = []
        held: list[str] | None = None
        for line in lines:
            if held is None:
                if line == FINISHED_HTML_START:
                    held = []
                else:
                    out.append(line)
            elif line == FINISHED_HTML_END:
                html = "\n".join(held)
                self.anchors.update(ID.findall(html))
                out += ["", self.md.htmlStash.store(html), ""]
                held = None
            else:
                held.append(line)
        if held is not None:
            out += [FINISHED_HTML_START, *held]
        return out


class AnchorsForMkDocs(Preprocessor):
    """Adds the ids of the finished stretches to those MkDocs found in the page's raw HTML, so
    that MkDocs checks a Markdown link into a stretch (``texts/yan.md#p-12``) as before. Under
    a Markdown without MkDocs' look there is nothing to add to."""

    def __init__(self, md: Markdown, finished: FinishedHtml):
        super().__init__(md)
        self.finished = finished

    def run(self, lines: list[str]) -> list[str]:
        if MKDOCS_RAW_HTML in self.md.preprocessors:
            found = getattr(self.md.preprocessors[MKDOCS_RAW_HTML], "present_anchor_ids", None)
            if isinstance(found, set):
                found |= self.finished.anchors
        return lines


class FinishedHtmlExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        finished = FinishedHtml(md)
        md.preprocessors.register(finished, "edition_finished_html", PRIORITY)
        md.preprocessors.register(AnchorsForMkDocs(md, finished), "edition_finished_html_anchors", ANCHORS_PRIORITY)


def makeExtension(**kwargs) -> FinishedHtmlExtension:  # noqa: N802 (Python-Markdown's entry point)
    return FinishedHtmlExtension(**kwargs)
