"""A Python-Markdown extension that the site's ``mkdocs.yml`` loads: Python-Markdown tries
only the inline patterns that the pages use.

Python-Markdown tries each of its inline patterns on every stretch of text of every page, in
order, again after each match. Most of what ``edition build`` writes is finished HTML, which
Python-Markdown does not read (``edition.finished_html``, ADR 0012); the rest (headings, the
凡例's docstrings, the home page's cards) shows every character that Markdown could read as
markup as a numeric character reference (``site.markup.md_text``) and makes links only
inline (``[text](url)``, ``<url>``, raw HTML); so the patterns for reference-style links and
images, images, bare e-mail addresses and entities never match (an entity is kept as it
stands by the serializer without its pattern). Without them the built site is byte-identical
(a test renders every page both ways). When every page was Markdown, leaving them out took
about 12% off Python-Markdown's part of ``mkdocs build`` (ADR 0010); less now.
A page that needs one of them takes its name out of ``UNUSED``.

Only ``markdown`` is imported here: MkDocs imports this module, and the rest of the edition
(jieba, pypinyin) would cost it more than the patterns do.
"""

from __future__ import annotations

from markdown import Markdown
from markdown.extensions import Extension

#: Python-Markdown's inline patterns (by their registered names) that no page uses.
UNUSED = ("reference", "image_link", "image_reference", "short_reference", "short_image_ref", "automail", "entity")


class UsedInlinePatterns(Extension):
    """Deregisters the inline patterns of ``UNUSED``."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        for name in UNUSED:
            if name in md.inlinePatterns:
                md.inlinePatterns.deregister(name)


def makeExtension(**kwargs) -> UsedInlinePatterns:  # noqa: N802 (Python-Markdown's entry point)
    return UsedInlinePatterns(**kwargs)
