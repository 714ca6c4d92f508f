"""Step 10, site: the Markdown pages of the site (MkDocs Material) and the BibTeX downloads.

``render_site(edition)`` returns every file it generates, by path relative to the project
root; ``edition build`` writes them (only those that changed) and ``--check`` compares.
The pages are plain Markdown with standard extensions (attr_list, footnotes, md_in_html,
tables) plus front matter read by ``docs/overrides/main.html`` — no plugin or hook is
needed to build them, so the site stays buildable by Zensical as well as MkDocs.

- ``docs/texts/<id>.md``: one page per text (``site/text.py``); liang-song also
  ``docs/texts/<id>-traditional.md``.
- ``docs/index.md``, ``docs/principles.md`` (凡例), ``docs/bibliography.md``,
  ``docs/glossary.md`` (``site/pages.py``, ``site/bibliography.py``, ``site/glossary.py``).
- ``docs/assets/search/index.json``: the index of the edition's search (``site/search.py``).
- ``docs/assets/bib/cite-<id>.bib``: the text's own BibTeX entry ("cite this text").

The BibTeX files of ``bib/`` (the cite step's: ``<id>.bib`` the works a text cites,
``edition.bib`` all) are offered for download under ``docs/assets/bib/`` too: ``edition
build`` writes that copy (``site_copies``), which git ignores, so that one copy is committed.
"""

from __future__ import annotations

from functools import lru_cache

from ..fingerprint import KeptResults
from ..model import Document
from .bibliography import bibliography_markdown
from .citation import bibtex_entry
from .glossary import glossary_markdown
from .pages import home_page, principles_page
from .pagination import note_references
from .search import INDEX_PATH, index_json, search_index
from .text import own_bib_name, page_inputs, text_page, traditional_page

#: The name under which the page writer leaves the pages a later build may take (``Edition.kept``).
TEXT_PAGES = "text-pages"


def document_markdown(document: Document) -> str:
    """A Document as plain Markdown (``edition clean``): title, front matter, blocks, notes.
    A note or reference that could not be paired (``edition clean --lenient``) is kept and
    marked ``〔unpaired: …〕``."""
    parts = [f"# {document.title}", ""]
    for item in document.front:
        parts += [item.text, ""]
    for block in document.blocks:
        if block.kind == "heading":
            text = block.text
            if block.number and not text.startswith(block.number):
                text = block.number + text
            parts += ["#" * min((block.level or 1) + 1, 6) + " " + text, ""]
        else:
            parts += [block.text, ""]
    for item in document.end:
        parts += [item.text, ""]
    unpaired = {p.note: p for p in document.problems if p.kind == "unpaired-note"}
    for note in document.notes:
        lines = note.text.strip().split("\n")
        mark = f"{UNPAIRED_MARK} no reference on page {note.page}〕 " if note.n in unpaired else ""
        parts += [f"[^{note.n}]: " + mark + lines[0] + "".join("\n    " + line for line in lines[1:]), ""]
    for problem in document.problems:
        if problem.kind == "unpaired-reference":
            parts += [f"[^{problem.note}]: {UNPAIRED_MARK} no note for this reference at the foot of page {problem.page}〕", ""]
    return "\n".join(parts)


#: How ``edition clean --lenient`` marks a note or a reference that could not be paired.
UNPAIRED_MARK = "〔unpaired:"


def site_bib_path(path: str) -> str:
    """Where a file of ``bib/`` is offered for download on the site: ``bib/<id>.bib`` (the
    works a text cites) → ``docs/assets/bib/<id>.bib``; ``bib/edition.bib`` likewise."""
    return "docs/assets/bib/" + path.split("/", 1)[1]


def site_copies(bib_files: dict[str, str]) -> dict[str, str]:
    """The copies of the files of ``bib/`` that the site offers for download (git-ignored)."""
    return {site_bib_path(path): content for path, content in bib_files.items()}


def render_site(edition) -> dict[str, str]:
    """Every page of the site and the search dictionary, by path relative to the project root; a
    text page from ``edition.kept`` when nothing it is written from changed (``page_inputs``)."""
    files: dict[str, str] = {}
    kept = edition.kept.setdefault(TEXT_PAGES, KeptResults())
    references = lru_cache(maxsize=None)(lambda text_id: note_references(edition, text_id))
    for meta, document in edition.pairs():
        key = page_inputs(meta, document, edition, references)
        files[f"docs/texts/{meta.id}.md"] = kept.get(key, lambda: text_page(meta, document, edition))
        if document.traditional is not None:
            files[f"docs/texts/{meta.id}-traditional.md"] = kept.get(
                key and f"{key}:traditional", lambda: traditional_page(meta, document, edition))
        files[f"docs/assets/bib/{own_bib_name(meta.id)}"] = bibtex_entry(meta, edition.sources.works)
    kept.drop_unused()
    files["docs/index.md"] = home_page(edition)
    files["docs/principles.md"] = principles_page(edition)
    files["docs/bibliography.md"] = bibliography_markdown(edition)
    files["docs/glossary.md"] = glossary_markdown(edition)
    files[INDEX_PATH] = index_json(search_index(edition))
    return files
