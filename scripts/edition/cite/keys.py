"""Identity, keys and sort keys of works: the naming half of the ``cite`` step.

* **identity**: two citations name the same work when their normalised titles agree (case,
  punctuation, width and spacing ignored), or, for a UN document, when its symbol agrees.
  Reviewed aliases in ``sources/works.yaml`` (``same_as``) join the rest.
* **key**: ``<first author's surname><year><first significant title word>``, ASCII,
  e.g. ``rotolo2015emerging``, ``xue2024rengong``. The reviewed registry in
  ``sources/works.yaml`` fixes the key of every work already in the edition, so a rebuild
  or a new text never renames one; a new work gets its derived key, lengthened by the
  next title word (then a hash of its identity) only when that key is taken.
* **sort key**: pinyin of the first author and the title, with the reviewed overrides of
  ``sources/pinyin-overrides.yaml`` where pypinyin is wrong (the surname 曾 is Zēng).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from ..pinyin import name_pinyin, toneless
from ..sources.works import WorksData, normalise_title
from ..vocabulary import HAN_RUN, has_han, is_han
from .parse import Citation, Name

STOPWORDS = {"a", "an", "the", "what", "is", "are", "how", "why", "when", "who", "to", "of",
             "on", "in", "for", "and", "can", "does", "do", "with", "from", "at", "by", "our",
             "towards", "toward", "into", "as"}


def identity(cite: Citation) -> str:
    if cite.symbol:
        return "doc:" + cite.symbol
    return "title:" + normalise_title(cite.title)


def ascii_fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z0-9]", "", text.encode("ascii", "ignore").decode().lower())


# --- keys ----------------------------------------------------------------------------------

def name_part(authors: list[Name], fields: dict[str, str], data: WorksData) -> str:
    first = next((a for a in authors if not a.others), None)
    if first is not None:
        if first.family in data.corporate and data.corporate[first.family].get("key"):
            return str(data.corporate[first.family]["key"])
        if has_han(first.family):
            syllables = name_pinyin(first.family, data.pinyin) if not first.corporate else toneless(first.family, data.pinyin)
            return "".join(syllables[:1] if not first.corporate else syllables)
        folded = ascii_fold(first.family.split()[0] if first.corporate else first.family)
        if folded:
            return folded
    for key in ("organization", "howpublished", "publisher", "institution"):
        value = fields.get(key)
        if value:
            if has_han(value):
                return "".join(toneless(value, data.pinyin))
            folded = ascii_fold(value.split()[0])
            if folded:
                return folded
    host = re.match(r"https?://(?:www\.)?([^/.]+)", fields.get("url", ""))
    return ascii_fold(host.group(1)) if host and ascii_fold(host.group(1)) else "anon"


_LATIN_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-]*")


def title_tokens(title: str) -> list[str]:
    """The Latin words and the runs of Han characters of a title, in their order.

    >>> title_tokens("《AI治理》: Governing AI-enabled Futures, 2024")
    ['AI', '治理', 'Governing', 'AI-enabled', 'Futures', '2024']
    """
    spans = [m.span() for m in _LATIN_WORD.finditer(title)] + [m.span() for m in HAN_RUN.finditer(title)]
    return [title[start:end] for start, end in sorted(spans)]


def title_words(title: str, data: WorksData) -> list[str]:
    """Significant words of a title: Latin words minus stopwords; Han text two characters a word."""
    words: list[str] = []
    for token in title_tokens(title):
        if is_han(token[0]):
            syllables = toneless(token, data.pinyin)
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
        if has_han(first.family):
            parts += name_pinyin(first.family, data.pinyin) if not first.corporate else toneless(first.family, data.pinyin)
        else:
            parts.append(ascii_fold(first.family))
    parts += [s for s in toneless(title, data.pinyin) if re.fullmatch(r"[a-zü]+|[a-z0-9]+", s)]
    return " ".join(p for p in parts if p)
