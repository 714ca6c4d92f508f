"""Sources → the generated pages under docs/ and the BibTeX under bib/.

Everything is computed in memory first and written only when every text has been built,
so a failure leaves the previous output untouched. ``--check`` compares instead of writing.

Generated and committed (``generated_files``): ``docs/texts/``, the generated pages of
``docs/`` (index, principles, bibliography, glossary), ``docs/assets/bib/cite-<id>.bib``,
``bib/`` and ``search/``. Generated and git-ignored (``site_copies``): the copies of
``bib/`` that the site offers for download under ``docs/assets/bib/``.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .cite.bibtex import bib_files
from .cite.resolve import build_bibliography, edition_titles
from .errors import EditionError
from .gloss import build_glossary
from .model import Document, Edition
from .pipeline import clean
from .site import render_site, site_copies
from .sources import Sources, load_sources
from .sources.texts import TextMeta
from .steps.decode import decode_strict

#: The folders that hold nothing but generated files: a file there that the build does not
#: write is reported (``--check``) and removed (``edition build``).
GENERATED_DIRS = ("docs/texts", "docs/assets/bib", "bib", "search")


def find_root(start: Path | None = None) -> Path:
    """The project root: the nearest folder upwards holding ``sources/texts`` and ``mkdocs.yml``."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "sources" / "texts").is_dir() and (folder / "mkdocs.yml").is_file():
            return folder
    raise EditionError(here, "not inside the edition's project (no sources/texts and mkdocs.yml found above)")


def clean_text(meta: TextMeta, sources: Sources) -> Document:
    """One text of the corpus through the pipeline, once."""
    raw = decode_strict(meta.raw_path.read_bytes(), meta.raw_path)
    return clean(raw, meta.id, meta, sources, meta.raw_path)


def load_edition(root: Path) -> Edition:
    """Read the sources, clean every text once, then cite and gloss them (the steps that look
    across the corpus)."""
    sources = load_sources(root)
    documents = [clean_text(meta, sources) for meta in sources.texts]
    texts = [(meta.id, str(meta.raw_path), document) for meta, document in zip(sources.texts, documents)]
    bibliography = build_bibliography(texts, sources.works, edition_titles(sources.texts))
    glossary = build_glossary(sources.glossary, sources.headings, documents)
    return Edition(root, sources, documents, bibliography, glossary)


def generated_files(edition: Edition) -> dict[str, str]:
    """Every committed generated file, by path relative to the root."""
    files = dict(render_site(edition))
    files.update(bib_files(edition.bibliography, [meta.id for meta in edition.metas]))
    return files


def git_ignored_files(files: dict[str, str]) -> dict[str, str]:
    """The generated files that are not committed: the site's copies of ``bib/``."""
    return site_copies({path: content for path, content in files.items() if path.startswith("bib/")})


def stale_files(root: Path, files: dict[str, str]) -> list[str]:
    """Committed generated files that differ from what the build writes, and stray files in
    the generated folders."""
    stale = [path for path, content in files.items()
             if not (root / path).is_file() or (root / path).read_text(encoding="utf-8") != content]
    stale += [f"{path} (a stray: not written by the build)" for path in orphaned_files(root, {**files, **git_ignored_files(files)})]
    return sorted(stale)


def orphaned_files(root: Path, files: dict[str, str]) -> list[str]:
    """Files in the purely generated folders that the build does not write: files it no
    longer writes, and strays such as the ``.tmp-*`` of an interrupted write (hidden files too)."""
    found = []
    for folder in GENERATED_DIRS:
        for path in (root / folder).rglob("*"):
            relative = path.relative_to(root).as_posix()
            if path.is_file() and relative not in files:
                found.append(relative)
    return sorted(found)


def write_files(root: Path, files: dict[str, str]) -> list[str]:
    """Write what changed (the committed files and the git-ignored copies), each file
    atomically; remove stray files of the generated folders."""
    everything = {**files, **git_ignored_files(files)}
    written = write_changed(root, everything)
    for relative in orphaned_files(root, everything):
        (root / relative).unlink()
        written.append(f"{relative} (removed)")
    return written


def write_site_copies(root: Path) -> list[str]:
    """Write the git-ignored copies of the committed ``bib/`` files for the site (what a site
    build needs on a fresh clone, without running the pipeline)."""
    committed = {f"bib/{path.name}": path.read_text(encoding="utf-8") for path in sorted((root / "bib").glob("*.bib"))}
    return write_changed(root, git_ignored_files(committed))


def write_atomically(target: Path, content: str) -> None:
    """Write ``content`` to a temporary file beside ``target`` and move it into place; on any
    interruption (an error, Ctrl-C) the temporary file is removed and ``target`` is untouched."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(content)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_changed(root: Path, files: dict[str, str]) -> list[str]:
    """Write each file whose content differs, atomically; the paths written."""
    written = []
    for relative, content in sorted(files.items()):
        target = root / relative
        if target.is_file() and target.read_text(encoding="utf-8") == content:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, content)
        written.append(relative)
    return written
