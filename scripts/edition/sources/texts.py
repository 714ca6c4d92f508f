"""The metadata of each text (``sources/texts/<id>.yaml``), validated when loaded.

What a text prints about itself may be used as it stands; what the editor inferred from
elsewhere is listed under ``inferred:`` with the reason, field by field. A missing
required field, a wrong type or an unknown key is an ``EditionError`` naming the file and
line, and nothing is built.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import EditionError
from .yamlfile import Located, check_fields, line_of, load_yaml, require_mapping

KINDS = ("journal-article", "newspaper-commentary", "news-commentary")
SCRIPTS = ("simplified", "traditional")
ABSTRACT_SOURCES = ("translation-of-author-abstract", "editor-summary")

# field: (type or tuple of types, required)
FIELDS: dict[str, tuple[Any, bool]] = {
    "id": (str, True),
    "raw": (str, True),
    "original_filename": (str, True),
    "sha256": (str, True),
    "script": (str, True),
    "kind": (str, True),
    "title": (str, True),
    "title_en": (str, True),
    "authors": (list, True),
    "abstract_en": (str, True),
    "abstract_en_source": (str, True),
    "keywords": (list, True),
    "venue": (str, False),
    "venue_en": (str, False),
    "year": (int, False),
    "issue": (str, False),
    "date": ((str, _dt.date), False),
    "original_date": ((str, _dt.date), False),
    "pages": (str, False),
    "issn": (str, False),
    "url": (str, False),
    "publisher": (str, False),
    "republished_by": (str, False),
    "source_note": (str, False),
    "inferred": (dict, False),
}
AUTHOR_FIELDS: dict[str, tuple[Any, bool]] = {
    "name": (str, True),
    "pinyin": (str, True),
    "affiliation": (str, False),
    "role": (str, False),
}
KEYWORD_FIELDS: dict[str, tuple[Any, bool]] = {"zh": (str, True), "en": (str, True)}


@dataclass
class Author:
    name: str
    pinyin: str
    affiliation: str | None = None
    role: str | None = None


@dataclass
class TextMeta:
    """One text's metadata, as validated from its YAML file."""

    id: str
    raw: str
    original_filename: str
    sha256: str
    script: str
    kind: str
    title: str
    title_en: str
    authors: list[Author]
    abstract_en: str
    abstract_en_source: str
    keywords: list[dict[str, str]]
    venue: str | None = None
    venue_en: str | None = None
    year: int | None = None
    issue: str | None = None
    date: str | None = None
    original_date: str | None = None
    pages: str | None = None
    issn: str | None = None
    url: str | None = None
    publisher: str | None = None
    republished_by: str | None = None
    source_note: str | None = None
    inferred: dict[str, str] = field(default_factory=dict)
    path: Path | None = None

    @property
    def raw_path(self) -> Path:
        assert self.path is not None
        return self.path.parent.parent / "raw" / self.raw

    def is_inferred(self, name: str) -> bool:
        return name in self.inferred


def _one_of(value: str, allowed: tuple[str, ...], key: str, data: Located, path: Path) -> None:
    if value not in allowed:
        raise EditionError(path, f"field {key!r} must be one of {', '.join(allowed)}; found {value!r}", line_of(data, key))


def load_text_meta(path: str | Path) -> TextMeta:
    """Load and validate one ``sources/texts/<id>.yaml``."""
    path = Path(path)
    data = require_mapping(load_yaml(path), path, "a text's metadata")
    check_fields(data, FIELDS, path, "the text's metadata")
    _one_of(data["kind"], KINDS, "kind", data, path)
    _one_of(data["script"], SCRIPTS, "script", data, path)
    _one_of(data["abstract_en_source"], ABSTRACT_SOURCES, "abstract_en_source", data, path)
    if data["id"] != path.stem:
        raise EditionError(path, f"id {data['id']!r} must equal the file name {path.stem!r}", line_of(data, "id"))
    authors = []
    for index, author in enumerate(data["authors"]):
        author = require_mapping(author, path, "an author", line_of(data["authors"], index))
        check_fields(author, AUTHOR_FIELDS, path, "an author")
        authors.append(Author(**author))
    if not authors:
        raise EditionError(path, "a text needs at least one author", line_of(data, "authors"))
    for index, keyword in enumerate(data["keywords"]):
        keyword = require_mapping(keyword, path, "a keyword", line_of(data["keywords"], index))
        check_fields(keyword, KEYWORD_FIELDS, path, "a keyword")
    inferred = data.get("inferred") or {}
    for key, reason in inferred.items():
        if key not in FIELDS or key in ("inferred", "id"):
            raise EditionError(path, f"inferred: names {key!r}, which is not a metadata field", line_of(inferred, key))
        if key not in data:
            raise EditionError(path, f"inferred: names {key!r}, but the metadata has no such field", line_of(inferred, key))
        if not isinstance(reason, str) or not reason.strip():
            raise EditionError(path, f"inferred: {key!r} needs its reason as text", line_of(inferred, key))
    _check_raw_name(data, path)
    _check_url(data, path)
    _check_date(data, path)
    values = {k: v for k, v in data.items() if k not in ("authors", "inferred", "date", "original_date")}
    date, original = data.get("date"), data.get("original_date")
    meta = TextMeta(**values, authors=authors, inferred=dict(inferred),
                    date=date.isoformat() if isinstance(date, _dt.date) else date,
                    original_date=original.isoformat() if isinstance(original, _dt.date) else original, path=path)
    _check_raw(meta, data, path)
    return meta


#: What ``raw:`` may be: a file name in ``sources/raw/``, never a path out of it.
RAW_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*\.txt$")
#: The addresses metadata may give: a web page.
URL_SCHEMES = ("http://", "https://")
PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _check_raw_name(data: Located, path: Path) -> None:
    if not RAW_NAME.match(data["raw"]) or ".." in data["raw"]:
        raise EditionError(path, f"raw {data['raw']!r} must be the name of a .txt file in sources/raw/ "
                                 "(no folder, no path out of it)", line_of(data, "raw"))


def _check_url(data: Located, path: Path) -> None:
    url = data.get("url")
    if url is not None and (not url.lower().startswith(URL_SCHEMES) or re.search(r"[\s<>\"'`\\]", url)):
        raise EditionError(path, f"url {url!r} must be an http:// or https:// address without spaces, quotes "
                                 "or angle brackets", line_of(data, "url"))


def _check_date(data: Located, path: Path) -> None:
    """``date:`` and ``original_date:`` are dates YAML reads (2025-07-08) or text of the form
    YYYY, YYYY-MM or YYYY-MM-DD that names a real day; ``year:`` a plausible year."""
    year = data.get("year")
    if year is not None and not 1800 <= year <= 2200:
        raise EditionError(path, f"year {year} is not a plausible year of publication", line_of(data, "year"))
    for key in ("date", "original_date"):
        _check_partial_date(data, key, path)


def _check_partial_date(data: Located, key: str, path: Path) -> None:
    date = data.get(key)
    if not isinstance(date, str):
        return
    match = PARTIAL_DATE.match(date)
    try:
        if not match:
            raise ValueError("not of the form YYYY, YYYY-MM or YYYY-MM-DD")
        _dt.date(int(match.group(1)), int(match.group(2) or 1), int(match.group(3) or 1))
    except ValueError as error:
        raise EditionError(path, f"{key} {date!r} is not a real date: {error}", line_of(data, key)) from None


def _check_raw(meta: TextMeta, data: Located, path: Path) -> None:
    raw = meta.raw_path
    if not raw.is_file():
        raise EditionError(path, f"raw file {raw} does not exist", line_of(data, "raw"))
    digest = hashlib.sha256(raw.read_bytes()).hexdigest()
    if digest != meta.sha256:
        raise EditionError(path, f"sha256 of {raw} is {digest}, not the recorded {meta.sha256}: "
                                 "raw files are never edited", line_of(data, "sha256"))


def load_corpus(sources: str | Path) -> list[TextMeta]:
    """Every text's metadata, in the order the texts were received (their original file names)."""
    folder = Path(sources) / "texts"
    metas = sorted((load_text_meta(p) for p in folder.glob("*.yaml")), key=lambda m: m.original_filename)
    if not metas:
        raise EditionError(folder, "no text metadata found (sources/texts/*.yaml)")
    return metas
