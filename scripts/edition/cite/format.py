"""Formatting a work as a readable citation: GB/T 7714-2015-like for Chinese works, the
notes' own Western style otherwise."""

from __future__ import annotations

import re

from .parse import Name
from .works import Work


def formatted(work: Work) -> str:
    """A readable citation: GB/T 7714-like for Chinese works, the notes' own style otherwise."""
    return format_zh(work) if work.language == "zh" else format_western(work)


def western_author(name: Name) -> str:
    if name.others or name.whole or not name.given:
        return name.display()
    if all(re.fullmatch(r"(?:[A-Z]\.-?)+", g) for g in name.given.split()):
        return f"{name.family} {name.given}"
    return f"{name.given} {name.family}"


def western_authors(names: list[Name]) -> str:
    shown = [western_author(n) for n in names if not n.others]
    text = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1] if shown else ""
    return text + (" et al." if any(n.others for n in names) else "")


def format_western(work: Work) -> str:
    f = work.fields
    if work.unparsed:
        return f.get("note", "")
    parts = []
    if work.authors:
        parts.append(western_authors(work.authors))
    title = f.get("title", "")
    parts.append(f"*{title}*" if work.entry_type == "book" else f"“{title}”")
    if work.entry_type == "incollection":
        parts[-1] += f" in {western_authors(work.editors)} eds., *{f.get('booktitle', '')}*" if work.editors \
            else f" in *{f.get('booktitle', '')}*"
    if f.get("journaltitle"):
        parts.append(f"*{f['journaltitle']}*")
    if f.get("volume"):
        parts.append(f"{f['volume']}" + (f"({f['number']})" if f.get("number") else "") +
                     (f": {f['pages']}" if f.get("pages") else ""))
    elif f.get("pages"):
        parts.append(f"pp. {f['pages']}")
    author = work.authors[0].family if work.authors else None
    for name in ("type", "number", "institution", "organization", "howpublished"):
        value = f.get(name)
        if not value or (name == "number" and f.get("volume")) or value in (author, "UN document", "Report"):
            continue
        parts.append(value if name != "number" or f.get("type") == "UN document" else f"No. {value}")
    if f.get("location") and f.get("publisher"):
        parts.append(f"{f['location']}: {f['publisher']}")
    elif f.get("publisher"):
        parts.append(f["publisher"])
    if f.get("date"):
        parts.append(f["date"])
    if f.get("url"):
        parts.append(f["url"] + (f" [{f['urldate']}]" if f.get("urldate") else ""))
    return ", ".join(p for p in parts if p) + "."


GBT_MARK = {"article": "J", "book": "M", "incollection": "M", "report": "R", "online": "EB/OL", "misc": "Z"}


def format_zh(work: Work) -> str:
    """GB/T 7714-2015-like: 作者. 题名[J]. 刊名, 年(期): 页码."""
    f = work.fields
    if work.unparsed:
        return f.get("note", "")
    authors = ", ".join("等" if n.others else n.family for n in work.authors)
    mark = GBT_MARK.get(work.entry_type, "Z")
    if f.get("journaltitle") and re.search(r"\d{4}-\d{2}-\d{2}", f.get("date", "")):
        mark = "N"
    if work.entry_type == "misc" and f.get("howpublished"):
        mark = "N"
    head = (f"{authors}. " if authors else "") + f"{f.get('title', '')}"
    if f.get("number") and work.fields.get("type") == "UN document":
        head += f": {f['number']}"
    if f.get("url") and not mark.endswith("/OL"):
        mark += "/OL"
    head += f"[{mark}]. "
    if f.get("journaltitle"):
        tail = f["journaltitle"] + ", " + f.get("date", "")
        if f.get("number") and work.fields.get("type") != "UN document" and len(f.get("date", "")) == 4:
            tail += f"({f['number']})"
        if f.get("pages"):
            tail += f": {f['pages']}"
        return head + tail + "."
    where = f.get("organization") or f.get("howpublished") or f.get("institution") or f.get("publisher") or ""
    if where == (work.authors[0].family if work.authors else None):
        where = ""
    tail = f"{where}, " if where else ""
    if f.get("url"):
        tail += f"({f['date']})" if f.get("date") else ""
        tail += f"[{f['urldate']}]" if f.get("urldate") else ""
        return head + tail + (". " if tail else "") + f["url"] + "."
    return head + tail + f.get("date", "") + "."
