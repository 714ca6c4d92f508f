"""Step 10, render: Markdown pages for MkDocs.

(Placeholder until the site work lands.)
"""

from __future__ import annotations

from .model import Document


def document_markdown(document: Document) -> str:
    """A Document as plain Markdown: title, blocks, notes as footnotes."""
    parts = [f"# {document.title}", ""]
    for block in document.blocks:
        if block.kind == "heading":
            parts += ["#" * ((block.level or 1) + 1) + " " + block.text, ""]
        else:
            parts += [block.text, ""]
    for note in document.notes:
        parts += [f"[^{note.n}]: {note.text}", ""]
    return "\n".join(parts)


def render_site(edition) -> dict[str, str]:
    return {}
