"""Step 7, structure: the clean text becomes a Document.

(Placeholder until the structure work lands: every blank-line-separated block is a paragraph.)
"""

from __future__ import annotations

from pathlib import Path

from .model import Block, Document


def build_document(text: str, origins: list[int] | None, text_id: str, meta, path: str | Path = "") -> Document:
    title = meta.title if meta is not None else text_id
    blocks = [Block("paragraph", part.strip(), 1) for part in text.split("\n\n") if part.strip()]
    return Document(id=text_id, title=title, blocks=blocks)


def document_text(document: Document) -> str:
    """The Document written back as clean text (the inverse of ``build_document``, up to whitespace)."""
    return "\n\n".join(block.text for block in document.blocks)
