"""The bilingual glossary of ``sources/glossary.yaml`` (reviewed), loaded and validated, and the
author-given pairs reviewed and left out of it (``sources/glossary-rejected.yaml``).

Each entry: ``id`` (an ASCII slug, the anchor ``term-<id>``), ``term`` and its ``variants``,
the English equivalent ``en``, ``pinyin``, ``category``, definitions in both languages, the
source of the English form, and ``not_in``: exact passages where the term's characters are
not the term. An error names the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EditionError
from .yamlfile import line_of, load_yaml, require_mapping, type_name

CATEGORIES = {"concept": "概念 Concepts", "institution": "机构 Institutions",
              "document": "文件 Documents", "event": "会议 Summits and events",
              "person": "人物 Persons"}
REQUIRED = ("id", "term", "en", "pinyin", "category", "def_zh", "def_en", "en_source")
#: ``not_in``: exact passages where the term's characters are not the term (涌现 "emergence"
#: in li's 应用场景也全面涌现, where it only means "appear"); each must contain a form of the term.
OPTIONAL = ("variants", "not_in")
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass
class Entry:
    id: str
    term: str
    en: str
    pinyin: str
    category: str
    def_zh: str
    def_en: str
    en_source: str
    variants: list = field(default_factory=list)
    not_in: list = field(default_factory=list)

    @property
    def forms(self) -> list[str]:
        return [self.term, *self.variants]


def load_entries(path: Path) -> list[Entry]:
    """Entries of ``path``, validated; an error names the file and line."""
    data = load_yaml(path) or []
    if not isinstance(data, list):
        raise EditionError(path, "the glossary must be a list of entries", line_of(data) or 1)
    entries, ids, forms = [], set(), set()
    for i, item in enumerate(data):
        entries.append(validate_entry(path, item, line_of(data, i), ids, forms))
    return entries


def validate_entry(path, item, line, ids: set, forms: set) -> Entry:
    if not isinstance(item, dict):
        raise EditionError(path, "an entry must be a mapping", line)
    for key in item:
        if key not in REQUIRED + OPTIONAL:
            raise EditionError(path, f"unknown key {key!r} (allowed: {', '.join(REQUIRED + OPTIONAL)})",
                               line_of(item, key) or line)
    for key in REQUIRED:
        if not str(item.get(key) or "").strip():
            raise EditionError(path, f"entry lacks {key!r}", line)
        if not isinstance(item[key], str):
            raise EditionError(path, f"{key} must be text, found {type_name(item[key])}", line_of(item, key) or line)
    for key in OPTIONAL:
        value = item.get(key)
        if value is not None and (not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value)):
            raise EditionError(path, f"{key} must be a list of texts", line_of(item, key) or line)
    if not ID.match(item["id"]):
        raise EditionError(path, f"id {item['id']!r} is not an ASCII slug", line_of(item, "id") or line)
    if item["id"] in ids:
        raise EditionError(path, f"duplicate id {item['id']!r}", line_of(item, "id") or line)
    if item["category"] not in CATEGORIES:
        raise EditionError(path, f"unknown category {item['category']!r}", line_of(item, "category") or line)
    for key in ("en", "pinyin", "term"):
        if any(ch in str(item[key]) for ch in '"{}[]'):
            raise EditionError(path, f"{key} may not contain quotes, braces or brackets (it becomes a link's "
                               f"text or attribute)", line_of(item, key) or line)
    variants = list(item.get("variants") or [])
    for form in [item["term"], *variants]:
        if form in forms:
            where = "term" if form == item["term"] else "variants"
            raise EditionError(path, f"duplicate term {form!r}", line_of(item, where) or line)
        forms.add(form)
    not_in = [str(c) for c in item.get("not_in") or []]
    for context in not_in:
        if not any(form in context for form in [item["term"], *variants]):
            raise EditionError(path, f"not_in passage {context!r} does not contain the term",
                               line_of(item, "not_in") or line)
    ids.add(item["id"])
    return Entry(**{k: str(item[k]) for k in REQUIRED}, variants=[str(v) for v in variants], not_in=not_in)


def load_rejected(path: Path) -> dict[str, str]:
    """Latin text of an author-given pair, or a Chinese author keyword, → why it is not in the
    glossary (a missing file: none)."""
    if not path.is_file():
        return {}
    data = require_mapping(load_yaml(path) or {}, path, "the rejected pairs")
    for latin, reason in data.items():
        if not isinstance(latin, str) or not isinstance(reason, str) or not reason.strip():
            raise EditionError(path, f"{latin!r} must map the Latin text of a pair (or a keyword) to the reason, as text",
                               line_of(data, latin))
    return dict(data)
