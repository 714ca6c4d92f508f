"""Every reviewed input of the edition, read from one project root and validated on load.

``load_sources(root)`` reads ``<root>/sources/``: the texts' metadata (``texts/*.yaml``, each
checked against its raw file), the emendations, the glossary and the pairs left out of it,
the heading translations, the works registry, the site furniture and the pinyin overrides.
A wrong type, an unknown key or a syntax error in any of them is one ``EditionError``:
``file:line: message``. Nothing in the code below this package reads a file of ``sources/``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..fingerprint import file_digest
from ..pinyin import NO_OVERRIDES, PinyinOverrides
from .emendations import Emendation, load_emendations
from .furniture import Furniture, load_furniture
from .glossary import Entry, load_entries, load_rejected
from .headings import load_headings
from .pinyin_overrides import load_pinyin_overrides
from .texts import TextMeta, load_corpus
from .works import WorksData, load_works_data

FILES = {
    "emendations": "emendations.yaml",
    "glossary": "glossary.yaml",
    "rejected": "glossary-rejected.yaml",
    "headings": "headings.yaml",
    "works": "works.yaml",
    "furniture": "furniture.yaml",
    "pinyin": "pinyin-overrides.yaml",
}


@dataclass
class Sources:
    """The reviewed data of one project (``root``); empty defaults for a file outside the corpus."""

    root: Path | None = None
    texts: list[TextMeta] = field(default_factory=list)
    emendations: list[Emendation] = field(default_factory=list)
    glossary: list[Entry] = field(default_factory=list)
    rejected: dict[str, str] = field(default_factory=dict)
    headings: dict[str, dict[str, str]] = field(default_factory=dict)
    works: WorksData = field(default_factory=WorksData)
    furniture: Furniture = field(default_factory=Furniture)
    pinyin: PinyinOverrides = NO_OVERRIDES
    #: the hash of each file of ``FILES`` as read, by its name (what a kept page was written from)
    digests: dict[str, str | None] = field(default_factory=dict)


def load_sources(root: Path) -> Sources:
    """Read and validate every reviewed input under ``root/sources``."""
    folder = Path(root) / "sources"
    texts = load_corpus(folder)
    known = {meta.id for meta in texts}
    pinyin = load_pinyin_overrides(folder / FILES["pinyin"])
    return Sources(
        root=Path(root),
        texts=texts,
        emendations=load_emendations(folder / FILES["emendations"], known),
        glossary=load_entries(folder / FILES["glossary"]),
        rejected=load_rejected(folder / FILES["rejected"]),
        headings=load_headings(folder / FILES["headings"], known),
        works=load_works_data(folder / FILES["works"], pinyin),
        furniture=load_furniture(folder / FILES["furniture"]),
        pinyin=pinyin,
        digests={name: file_digest(folder / file) for name, file in FILES.items()},
    )
