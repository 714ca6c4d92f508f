"""The reviewed bibliography data (``sources/works.yaml``): corporate authors and the key
registry that keeps every work's key stable across rebuilds and new texts.

- ``corporate_authors``: names that are organisations, not persons, with the short ASCII
  name their keys begin with (``key``) and whether their documents are official (``official``).
- ``works``: one entry per work — its reviewed ``key``, found by ``title`` (or ``symbol`` for
  a UN document; ``same_as`` lists other spellings of the title), an optional ``entry_type``,
  reviewed ``fields`` (a null value removes a field) and the ``reason`` for them; ``supplied``
  names those fields whose value the editor supplied from outside the citing note (the reason
  says from where): GB/T 7714 brackets such data, and so does the edition (``[Paris]``).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from ..errors import EditionError
from ..pinyin import NO_OVERRIDES, PinyinOverrides
from .yamlfile import check_fields, line_of, load_yaml, require_mapping

FIELDS = {"corporate_authors": (dict, False), "works": (list, False)}
CORPORATE_FIELDS = {"key": (str, False), "official": (bool, False)}
WORK_FIELDS = {"key": (str, True), "title": (str, False), "symbol": (str, False), "same_as": (list, False),
               "entry_type": (str, False), "fields": (dict, False), "supplied": (list, False),
               "reason": (str, False)}
#: Fields that cannot hold a bracketed value: biber parses them as dates, integers or names
#: (a supplied volume, as Nature's 629 for callaway2024major, stays unbracketed, with its reason).
NOT_BRACKETED = {"date": "a date", "urldate": "a date", "eventdate": "a date", "origdate": "a date",
                 "volume": "an integer", "volumes": "an integer", "author": "names", "editor": "names"}


@dataclass
class WorksData:
    """The reviewed data of ``sources/works.yaml``, with the reviewed pinyin the keys are made with."""

    corporate: dict[str, dict[str, Any]] = field(default_factory=dict)
    registry: list[dict[str, Any]] = field(default_factory=list)
    pinyin: PinyinOverrides = NO_OVERRIDES
    path: str = "sources/works.yaml"

    @property
    def corporate_names(self) -> set[str]:
        return set(self.corporate)

    def registered(self, identity: str) -> dict[str, Any] | None:
        """The first entry of the registry that has ``identity``."""
        return self._by_identity.get(identity)

    @cached_property
    def _by_identity(self) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        for entry in self.registry:
            for identity in entry_identities(entry):
                found.setdefault(identity, entry)
        return found


@lru_cache(maxsize=None)
def normalise_title(title: str) -> str:
    """A title compared without case, punctuation, width or spacing.

    >>> normalise_title("Interim Report: Governing AI for Humanity") == normalise_title("interim report — governing AI for humanity")
    True
    """
    title = unicodedata.normalize("NFKC", title).casefold()
    return "".join(ch for ch in title if ch.isalnum())


def entry_identities(entry: dict[str, Any]) -> set[str]:
    found = set()
    if entry.get("symbol"):
        found.add("doc:" + str(entry["symbol"]))
    for title in [entry.get("title"), *(entry.get("same_as") or [])]:
        if title:
            found.add("title:" + normalise_title(str(title)))
    return found


def load_works_data(path: Path, pinyin: PinyinOverrides = NO_OVERRIDES) -> WorksData:
    """The data of ``path``, validated (``file:line`` on an unknown key or a wrong type); a
    missing file gives none."""
    if not path.is_file():
        return WorksData(pinyin=pinyin, path=str(path))
    data = require_mapping(load_yaml(path) or {}, path, "the works data")
    check_fields(data, FIELDS, path, "the works data")
    corporate = data.get("corporate_authors") or {}
    for name, value in corporate.items():
        value = require_mapping(value or {}, path, f"corporate author {name!r}", line_of(corporate, name))
        check_fields(value, CORPORATE_FIELDS, path, f"corporate author {name!r}")
    registry = data.get("works") or []
    keys: dict[str, int | None] = {}
    for index, entry in enumerate(registry):
        entry = require_mapping(entry, path, "a work of the registry", line_of(registry, index))
        check_fields(entry, WORK_FIELDS, path, "a work of the registry")
        check_work(entry, path, line_of(registry, index))
        if entry["key"] in keys:
            raise EditionError(path, f"key {entry['key']} is registered twice (first at line {keys[entry['key']]})",
                               line_of(entry, "key"))
        keys[entry["key"]] = line_of(entry, "key")
    return WorksData(corporate={str(k): dict(v or {}) for k, v in corporate.items()},
                     registry=list(registry), pinyin=pinyin, path=str(path))


def check_work(entry, path: Path, line: int | None) -> None:
    """One work of the registry: named by a title or a symbol; ``same_as`` other titles (text);
    ``fields`` reviewed values (text, or null to remove a field)."""
    if not (entry.get("title") or entry.get("symbol")):
        raise EditionError(path, f"work {entry['key']} needs a title or a symbol", line)
    for index, title in enumerate(entry.get("same_as") or []):
        if not isinstance(title, str) or not title.strip():
            raise EditionError(path, f"work {entry['key']}: same_as lists titles, as text",
                               line_of(entry["same_as"], index))
    fields = entry.get("fields") or {}
    for name, value in fields.items():
        if not isinstance(name, str) or not (value is None or isinstance(value, str)):
            raise EditionError(path, f"work {entry['key']}: field {name!r} must be text, or null to remove it",
                               line_of(fields, name))
    check_supplied(entry, path, line)


def check_supplied(entry, path: Path, line: int | None) -> None:
    """``supplied`` lists fields of the entry's own ``fields`` that hold text (not dates, integers
    or names, which biber must parse), and the entry gives the ``reason`` that says where the data come from."""
    supplied = entry.get("supplied") or []
    fields = entry.get("fields") or {}
    for index, name in enumerate(supplied):
        at = line_of(supplied, index)
        if not isinstance(name, str) or fields.get(name) is None:
            raise EditionError(path, f"work {entry['key']}: supplied lists {name!r}, which is not one of its fields", at)
        if name in NOT_BRACKETED:
            raise EditionError(path, f"work {entry['key']}: a supplied {name} cannot be bracketed "
                                     f"(biber parses it as {NOT_BRACKETED[name]})", at)
    if supplied and not entry.get("reason"):
        raise EditionError(path, f"work {entry['key']}: supplied data need a reason that names their source", line)
