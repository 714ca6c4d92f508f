"""The build cache (``.cache/edition/``, git-ignored): what ``edition build`` computed, kept
under the hash of everything it was computed from, so that a build after an edit redoes only
what the edit reaches (ADR 0009).

A text's key is the hash of the code (every module of this package, jieba's version and
dictionary), its raw file, its metadata, its emendations and the site furniture — all that
``pipeline.clean`` reads. What looks across texts is computed again from the Documents, but
from kept parts: the notes as parsed (``notes_key``: the code and ``works.yaml``), the
glossary's matches (``matches_key``: the code and ``glossary.yaml``), jieba's cuts and entries
by run (under the code's hash; the dictionary as a table, ``segment.DictionaryDatabase``, under
the dictionary file's version), pypinyin's answers (under pypinyin's version), the YAML read
(``yaml_key``), and what the writers leave in ``Edition.kept`` (``kept_key``): text pages and
BibTeX entries by the hash of their inputs, the search's words and t2s table, the glossary's
sort keys.

The cache is derived: deleting it changes no output; an unreadable entry is a miss.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from .files import installed_version, write_atomically
from .fingerprint import package_digest, stable
from .segment import DictionaryDatabase, dictionary_version
from .steps.emend import emendations_for

CACHE_DIR = ".cache/edition"


@lru_cache(maxsize=1)
def code_version() -> str:
    """The hash of the code that computes a Document: this package's modules, the Python
    and jieba versions and jieba's dictionary."""
    parts = (sys.version, installed_version("jieba"), dictionary_version(), package_digest())
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def text_key(meta, sources) -> str:
    """The hash of everything a text's Document is computed from."""
    parts = [code_version(), meta.sha256, stable(meta), stable(emendations_for(meta, sources)),
             stable(sources.furniture)]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def kept_key(name: str) -> str:
    """The key of what the writers leave under ``name`` (``Edition.kept``): the code and the
    libraries they call: OpenCC (the search's t2s table), pypinyin (the glossary's order),
    bibtexparser (the BibTeX entries)."""
    libraries = "\0".join(installed_version(library) for library in ("opencc", "pypinyin", "bibtexparser"))
    return hashlib.sha256(f"{code_version()}\0{name}\0{libraries}".encode()).hexdigest()


def yaml_key() -> str:
    """The key of the values of the YAML files read (``sources.yamlfile``): the code and PyYAML."""
    return hashlib.sha256(f"{code_version()}\0{installed_version('yaml')}".encode()).hexdigest()


def notes_key(sources) -> str:
    """The hash of what parsing a note reads besides its text: the code and the corporate authors
    (``sources/works.yaml`` as read)."""
    return _data_key(sources.digests.get("works") or stable(sources.works.corporate_names))


def matches_key(sources) -> str:
    """The hash of what the glossary's matches in a text depend on besides the text: the code
    (jieba's cuts among it) and the glossary's entries (``sources/glossary.yaml`` as read)."""
    return _data_key(sources.digests.get("glossary") or stable(sources.glossary))


def _data_key(data: str) -> str:
    """The hash of the code and ``data``."""
    return hashlib.sha256(f"{code_version()}\0{data}".encode()).hexdigest()


class BuildCache:
    """Values by kind and key, one pickle file each, under ``<root>/.cache/edition``."""

    def __init__(self, root: Path):
        self.folder = Path(root) / CACHE_DIR
        #: (kind, key) of each value asked for and not found or not readable
        self.misses: set[tuple[str, str]] = set()

    def _path(self, kind: str, key: str) -> Path:
        return self.folder / kind / f"{key}.pickle"

    def get(self, kind: str, key: str) -> Any | None:
        try:
            with self._path(kind, key).open("rb") as stream:
                return pickle.load(stream)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
            self.misses.add((kind, key))
            return None

    def put(self, kind: str, key: str, value: Any) -> None:
        path = self._path(kind, key)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        self.misses.discard((kind, key))

    def lacks(self, kind: str, key: str) -> bool:
        """Whether no readable value is kept under ``key`` (absent, or missed when asked for)."""
        return (kind, key) in self.misses or not self._path(kind, key).is_file()

    def dictionary_database(self) -> DictionaryDatabase:
        """jieba's dictionary as a table (``segment.DictionaryDatabase``), under its file's version."""
        return DictionaryDatabase(self.folder / "dictionary" / f"{dictionary_version()}.sqlite")

    def prune(self, kind: str, keep: set[str]) -> None:
        """Remove the entries of ``kind`` whose key is not in ``keep`` (and any partial write)."""
        for path in (self.folder / kind).glob("*"):
            if path.stem not in keep:
                path.unlink(missing_ok=True)
