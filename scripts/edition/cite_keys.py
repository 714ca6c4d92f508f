"""Identity, keys and sort keys of works: the naming half of the ``cite`` step.

* **identity**: two citations name the same work when their normalised titles agree (case,
  punctuation, width and spacing ignored), or, for a UN document, when its symbol agrees.
  Reviewed aliases in ``sources/works.yaml`` (``same_as``) join the rest.
* **key**: ``<first author's surname><year><first significant title word>``, ASCII,
  e.g. ``rotolo2015emerging``, ``xue2024rengong``. The reviewed registry in
  ``sources/works.yaml`` fixes the key of every work already in the edition, so a rebuild
  or a new text never renames one; a new work gets its derived key, lengthened by the
  next title word (then a hash of its identity) only when that key is taken.
* **sort key**: pinyin of the first author and the title, with reviewed overrides where
  pypinyin is wrong (the surname 曾 is Zēng).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pypinyin import lazy_pinyin

from .cite_parse import HAN, Citation, Name

COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容",
                     "长孙", "宇文", "司徒", "夏侯", "令狐", "端木", "西门", "南宫")

STOPWORDS = {"a", "an", "the", "what", "is", "are", "how", "why", "when", "who", "to", "of",
             "on", "in", "for", "and", "can", "does", "do", "with", "from", "at", "by", "our",
             "towards", "toward", "into", "as"}


@dataclass
class WorksData:
    """The reviewed data of ``sources/works.yaml``."""

    corporate: dict[str, dict[str, Any]] = field(default_factory=dict)
    surnames: dict[str, str] = field(default_factory=dict)
    phrases: dict[str, str] = field(default_factory=dict)
    registry: list[dict[str, Any]] = field(default_factory=list)

    @property
    def corporate_names(self) -> set[str]:
        return set(self.corporate)

    def registered(self, identity: str) -> dict[str, Any] | None:
        for entry in self.registry:
            if identity in entry_identities(entry):
                return entry
        return None


def entry_identities(entry: dict[str, Any]) -> set[str]:
    found = set()
    if entry.get("symbol"):
        found.add("doc:" + str(entry["symbol"]))
    for title in [entry.get("title"), *(entry.get("same_as") or [])]:
        if title:
            found.add("title:" + normalise_title(str(title)))
    return found


def load_works_data(path: Path) -> WorksData:
    from .yamlfile import load_yaml

    if not path.is_file():
        return WorksData()
    data = load_yaml(path) or {}
    pinyin = data.get("pinyin") or {}
    return WorksData(
        corporate={str(k): dict(v or {}) for k, v in (data.get("corporate_authors") or {}).items()},
        surnames={str(k): str(v) for k, v in (pinyin.get("surnames") or {}).items()},
        phrases={str(k): str(v) for k, v in (pinyin.get("phrases") or {}).items()},
        registry=[dict(e) for e in (data.get("works") or [])],
    )


# --- identity ------------------------------------------------------------------------------

def normalise_title(title: str) -> str:
    title = unicodedata.normalize("NFKC", title).casefold()
    return "".join(ch for ch in title if ch.isalnum())


def identity(cite: Citation) -> str:
    if cite.symbol:
        return "doc:" + cite.symbol
    return "title:" + normalise_title(cite.title)


# --- pinyin --------------------------------------------------------------------------------

def pinyin(text: str, phrases: dict[str, str] | None = None) -> list[str]:
    """Syllables of ``text`` without tones; reviewed ``phrases`` override pypinyin."""
    phrases = phrases or {}
    out: list[str] = []
    index, chunk = 0, ""
    while index < len(text):
        match = next((p for p in sorted(phrases, key=len, reverse=True) if text.startswith(p, index)), None)
        if match:
            out += lazy_pinyin(chunk) if chunk else []
            out += phrases[match].split()
            chunk, index = "", index + len(match)
        else:
            chunk += text[index]
            index += 1
    out += lazy_pinyin(chunk) if chunk else []
    return [s.lower() for s in out if s.strip()]


def split_chinese_name(name: str) -> tuple[str, str]:
    surname_length = 2 if name.startswith(COMPOUND_SURNAMES) else 1
    return name[:surname_length], name[surname_length:]


def name_pinyin(name: str, data: WorksData) -> list[str]:
    """A Chinese personal name in pinyin: the surname by the reviewed table first (曾 → zeng)."""
    surname, given = split_chinese_name(name)
    head = data.surnames[surname].split() if surname in data.surnames else pinyin(surname, data.phrases)
    return head + pinyin(given, data.phrases)


def ascii_fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z0-9]", "", text.encode("ascii", "ignore").decode().lower())


# --- keys ----------------------------------------------------------------------------------

def name_part(authors: list[Name], fields: dict[str, str], data: WorksData) -> str:
    first = next((a for a in authors if not a.others), None)
    if first is not None:
        if first.family in data.corporate and data.corporate[first.family].get("key"):
            return str(data.corporate[first.family]["key"])
        if re.search(f"[{HAN}]", first.family):
            syllables = name_pinyin(first.family, data) if not first.corporate else pinyin(first.family, data.phrases)
            return "".join(syllables[:1] if not first.corporate else syllables)
        folded = ascii_fold(first.family.split()[0] if first.corporate else first.family)
        if folded:
            return folded
    for key in ("organization", "howpublished", "publisher", "institution"):
        value = fields.get(key)
        if value:
            if re.search(f"[{HAN}]", value):
                return "".join(pinyin(value, data.phrases))
            folded = ascii_fold(value.split()[0])
            if folded:
                return folded
    host = re.match(r"https?://(?:www\.)?([^/.]+)", fields.get("url", ""))
    return ascii_fold(host.group(1)) if host and ascii_fold(host.group(1)) else "anon"


def title_words(title: str, data: WorksData) -> list[str]:
    """Significant words of a title: Latin words minus stopwords; Han text two characters a word."""
    words: list[str] = []
    for token in re.findall(rf"[A-Za-z0-9][A-Za-z0-9'’\-]*|[{HAN}]+", title):
        if re.match(f"[{HAN}]", token):
            syllables = pinyin(token, data.phrases)
            words += ["".join(syllables[i:i + 2]) for i in range(0, len(syllables), 2)]
        else:
            folded = ascii_fold(token)
            if folded and folded not in STOPWORDS:
                words.append(folded)
    return words


def year_of(fields: dict[str, str]) -> str:
    m = re.match(r"\d{4}", fields.get("date", ""))
    return m.group(0) if m else "nd"


def derived_key(authors: list[Name], fields: dict[str, str], data: WorksData, extra_words: int = 0) -> str:
    words = title_words(fields.get("title", ""), data) or [ascii_fold(fields.get("number", "")) or "untitled"]
    return name_part(authors, fields, data) + year_of(fields) + "".join(words[:1 + extra_words])


def short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:4]


def sort_key(authors: list[Name], title: str, data: WorksData) -> str:
    """Pinyin sort key of a Chinese work: first author, then title."""
    first = next((a for a in authors if not a.others), None)
    parts: list[str] = []
    if first is not None:
        if re.search(f"[{HAN}]", first.family):
            parts += name_pinyin(first.family, data) if not first.corporate else pinyin(first.family, data.phrases)
        else:
            parts.append(ascii_fold(first.family))
    parts += [s for s in pinyin(title, data.phrases) if re.fullmatch(r"[a-zü]+|[a-z0-9]+", s)]
    return " ".join(p for p in parts if p)
