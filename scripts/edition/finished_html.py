"""A Python-Markdown extension that the site's ``mkdocs.yml`` loads: what ``edition build``
wrote as finished HTML reaches the page as it stands, without Python-Markdown reading it.

A generated page holds most of its body as HTML that the edition wrote itself (paragraphs
with their terms, note references, page markers and permalinks), between a line
``FINISHED_HTML_START`` and a line ``FINISHED_HTML_END`` (``edition.markers``). Python-Markdown
would pass that HTML through too, but only after reading it: its HTML parser, its block parser
and its inline patterns over every tag and every stretch of text, which was most of what
``mkdocs build`` paid for the pages (ADR 0012). This preprocessor hands each stretch to
Python-Markdown's stash of raw HTML, as its own raw-HTML reader would, and leaves a placeholder.

It runs after MkDocs' own look at the raw HTML of a page (the ids it collects let MkDocs
check the anchors of Markdown links into these stretches) and before Python-Markdown's reader
of raw HTML blocks. Without this extension a page renders the same, but for the two marker
lines, which then stay in the page as HTML comments (a test renders every page both ways).

Only ``markdown`` and the markers are imported here: MkDocs imports this module.
"""

from __future__ import annotations

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from .markers import FINISHED_HTML_END, FINISHED_HTML_START

#: Between MkDocs' collection of raw-HTML ids (21) and Python-Markdown's ``html_block`` (20).
PRIORITY = 20.5


class FinishedHtml(Preprocessor):
    """Each stretch between the marker lines → one placeholder line of the raw-HTML stash; a
    stretch left open at the end of the page is left as it stands (Python-Markdown reads it)."""

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        held: list[str] | None = None
        for line in lines:
            if held is None:
                if line == FINISHED_HTML_START:
                    held = []
                else:
                    out.append(line)
            elif line == FINISHED_HTML_END:
                out += ["", self.md.htmlStash.store("\n".join(held)), ""]
                held = None
            else:
                held.append(line)
        if held is not None:
            out += [FINISHED_HTML_START, *held]
        return out


class FinishedHtmlExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.preprocessors.register(FinishedHtml(md), "edition_finished_html", PRIORITY)


def makeExtension(**kwargs) -> FinishedHtmlExtension:  # noqa: N802 (Python-Markdown's entry point)
    return FinishedHtmlExtension(**kwargs)
