"""The reviewed emendations of ``sources/emendations.yaml``: loaded, validated, and each able
to apply itself (the ``emend`` step runs them).

Each entry says where (``text`` and a ``context`` that occurs exactly once in that text as it
reaches the emend step), what the source reads (``source``, inside the context), what the
edition reads (``edition``), why (``reason``), whose error it is (``fault``) and how sure the
editor is (``certainty``). An error names the file and the entry's line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import EditionError
from .yamlfile import line_of, load_yaml, type_name

#: Whose error an emendation corrects.
FAULTS = {
    "ocr": "made in turning the source into digital text (OCR or text extraction from the "
           "printed page): the printed text was right",
    "publication": "in the text as it was published (the author's, the printer's or the "
                   "publishing web site's)",
    "transmission": "lost in transmission: bytes a web site's encoding or conversion garbled or "
                    "dropped, so that the character is missing (marked 〓 by the repair step) "
                    "though the publication had it",
}
#: How sure the editor is: ``uncertain`` marks a conjecture from context.
CERTAINTIES = {
    "certain": "the correct reading is known (from the cited work itself, the text elsewhere, "
               "or the form of the damage)",
    "uncertain": "a conjecture from context; the apparatus marks it",
}
FIELDS = ("id", "text", "context", "source", "edition", "reason", "fault", "certainty")
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Emendation:
    """One reviewed correction, with the file and line it was read from."""

    id: str
    text: str
    context: str
    source: str
    edition: str
    reason: str
    fault: str
    certainty: str
    path: str = ""
    line: int | None = None

    @property
    def uncertain(self) -> bool:
        return self.certainty == "uncertain"

    @property
    def emended_context(self) -> str:
        """The context as the edition reads it."""
        start = self.context.index(self.source)
        return self.context[:start] + self.edition + self.context[start + len(self.source):]

    def error(self, message: str) -> EditionError:
        return EditionError(self.path, f"emendation {self.id!r}: {message}", self.line)

    def apply(self, text: str) -> str:
        """``text`` with the source reading inside the context replaced by the edition's.

        The context must occur exactly once in ``text`` (overlapping occurrences count);
        otherwise an ``EditionError`` names the entry's file and line."""
        found = occurrences(text, self.context)
        if len(found) != 1:
            what = "no longer occurs" if not found else f"occurs {len(found)} times"
            raise self.error(f"context {self.context!r} {what} in text {self.text!r} "
                             "(it must occur exactly once where the emend step runs)")
        start = found[0] + self.context.index(self.source)
        return text[:start] + self.edition + text[start + len(self.source):]


def occurrences(text: str, needle: str) -> list[int]:
    """Every offset where ``needle`` starts in ``text``, overlapping ones included."""
    found, position = [], text.find(needle)
    while position != -1:
        found.append(position)
        position = text.find(needle, position + 1)
    return found


# --- loading --------------------------------------------------------------------------------

def load_emendations(path: str | Path, known_texts: set[str] | None = None) -> list[Emendation]:
    """The entries of ``path``, validated; an error names the file and the entry's line.

    A missing file means no emendations. With ``known_texts``, every entry's ``text`` must
    name one of them.
    """
    path = Path(path)
    if not path.is_file():
        return []
    data = load_yaml(path)
    if data is None:
        return []
    if not isinstance(data, list):
        raise EditionError(path, "the emendations must be a list of entries", line_of(data) or 1)
    entries: list[Emendation] = []
    seen: dict[str, int | None] = {}
    for index, item in enumerate(data):
        entry = _validate(path, item, line_of(data, index), known_texts)
        if entry.id in seen:
            raise EditionError(path, f"duplicate emendation id {entry.id!r} (first at line {seen[entry.id]})",
                               line_of(item, "id") or entry.line)
        seen[entry.id] = entry.line
        entries.append(entry)
    return entries


def _validate(path: Path, item, line: int | None, known_texts: set[str] | None) -> Emendation:
    if not isinstance(item, dict):
        raise EditionError(path, f"an emendation must be a mapping (key: value), found {type_name(item)}", line)
    line = line_of(item) or line
    for key in item:
        if key not in FIELDS:
            raise EditionError(path, f"unknown key {key!r} in an emendation (known keys: {', '.join(FIELDS)})",
                               line_of(item, key) or line)
    for key in FIELDS:
        if key not in item or item[key] is None:
            raise EditionError(path, f"emendation lacks {key!r}", line)
        if not isinstance(item[key], str):
            raise EditionError(path, f"field {key!r} must be text, found {type_name(item[key])}",
                               line_of(item, key) or line)
        if key != "edition" and not item[key].strip():  # an empty edition reading deletes
            raise EditionError(path, f"field {key!r} is empty", line_of(item, key) or line)

    def fail(key: str, message: str) -> EditionError:
        return EditionError(path, message, line_of(item, key) or line)

    if not ID.match(item["id"]):
        raise fail("id", f"id {item['id']!r} is not a slug (lower-case ASCII words joined by '-')")
    if known_texts is not None and item["text"] not in known_texts:
        raise fail("text", f"text {item['text']!r} is not one of the texts ({', '.join(sorted(known_texts))})")
    if item["fault"] not in FAULTS:
        raise fail("fault", f"fault must be one of {', '.join(FAULTS)}; found {item['fault']!r}")
    if item["certainty"] not in CERTAINTIES:
        raise fail("certainty", f"certainty must be one of {', '.join(CERTAINTIES)}; found {item['certainty']!r}")
    if "\n" in item["reason"].strip():
        raise fail("reason", "reason must be one line")
    if item["source"] == item["edition"]:
        raise fail("edition", "edition reads the same as source: nothing to emend")
    count = len(occurrences(item["context"], item["source"]))
    if count != 1:
        where = "is not inside" if count == 0 else f"occurs {count} times inside"
        raise fail("source", f"source {item['source']!r} {where} context {item['context']!r} "
                             "(it must stand there exactly once)")
    return Emendation(**{key: item[key] for key in FIELDS if key != "reason"}, reason=item["reason"].strip(),
                      path=str(path), line=line)
