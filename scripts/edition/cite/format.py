"""Formatting a work as a readable citation, in one style for every work: GB/T 7714-2015
(顺序编码制 entries), which prescribes the same form for Chinese and Western works — authors
family name first with initials (``Stone P, Brooks R, Brynjolfsson E, et al.``), at most three
then 等 / et al., the type mark ([J] [M] [N] [R] [EB/OL] [Z]), the place and publisher, the
year, volume(issue): pages, and for an online work the date of publication, the date of
access and the URL."""

from __future__ import annotations

import re

from .parse import Name
from .works import Work

#: GB/T 7714-2015 §8.1.1: list the first three authors, then 等 / et al.
MAX_AUTHORS = 3

GBT_MARK = {"article": "J", "book": "M", "incollection": "M", "report": "R", "online": "EB/OL", "misc": "Z"}


def formatted(work: Work) -> str:
    """A readable citation of ``work`` in GB/T 7714-2015 form (plain text, no markup)."""
    if work.unparsed:
        return work.fields.get("note", "")
    return format_gbt(work)


def initials(given: str) -> str:
    """``Robert`` → ``R``, ``Jean-Pierre`` → ``J P``, ``R.`` → ``R``, ``Padmashree Gehl`` → ``P G``."""
    return " ".join(part[0].upper() for part in re.split(r"[\s.\-]+", given) if part)


def gbt_author(name: Name, chinese: bool) -> str:
    if name.others:
        return "等" if chinese else "et al"
    if name.whole or not name.given:
        return name.family
    return f"{name.family} {initials(name.given)}"


def gbt_authors(names: list[Name], chinese: bool) -> str:
    """The first three names, then 等 / et al (also when the source itself wrote et al.)."""
    people = [n for n in names if not n.others]
    more = len(people) > MAX_AUTHORS or any(n.others for n in names)
    shown = [gbt_author(n, chinese) for n in people[:MAX_AUTHORS]]
    if more:
        shown.append("等" if chinese else "et al")
    return ", ".join(shown)


def type_mark(work: Work) -> str:
    f = work.fields
    mark = GBT_MARK.get(work.entry_type, "Z")
    if f.get("journaltitle") and re.search(r"\d{4}-\d{2}-\d{2}", f.get("date", "")):
        mark = "N"
    if work.entry_type == "misc" and f.get("howpublished"):
        mark = "N"
    if f.get("url") and not mark.endswith("/OL"):
        mark += "/OL"
    return mark


def journal_part(f: dict[str, str]) -> str:
    """``刊名, 年, 卷(期): 页码`` (a newspaper: ``报名, 日期(版次)``)."""
    date = f.get("date", "")
    tail = f"{f['journaltitle']}, {date}" if date else f["journaltitle"]
    if f.get("volume"):
        tail += f", {f['volume']}"
    if f.get("number") and f.get("type") != "UN document" and len(date) <= 4:
        tail += f"({f['number']})"
    if f.get("pages"):
        tail += f": {f['pages']}"
    return tail


def publisher_part(work: Work) -> str:
    """``出版地: 出版者, 出版年`` or what of it the work has."""
    f = work.fields
    where = f.get("organization") or f.get("howpublished") or f.get("institution") or f.get("publisher") or ""
    if where == (work.authors[0].family if work.authors else None):
        where = ""
    if f.get("location") and where:
        where = f"{f['location']}: {where}"
    return where


def format_gbt(work: Work) -> str:
    """主要责任者. 题名[文献类型标识]. 出版项 (or 刊名, 年, 卷(期): 页码). 引用日期. URL."""
    f = work.fields
    chinese = work.language == "zh"
    authors = gbt_authors(work.authors, chinese)
    head = (f"{authors}. " if authors else "") + f.get("title", "")
    if f.get("number") and f.get("type") == "UN document":
        head += f": {f['number']}"
    head += f"[{type_mark(work)}]"
    if work.entry_type == "incollection":
        editors = gbt_authors(work.editors, chinese)
        head += "//" + (f"{editors}. " if editors else "") + f.get("booktitle", "")
    head += ". "
    if f.get("journaltitle"):
        online = (f"[{f['urldate']}]" if f.get("urldate") else "") + (f". {f['url']}" if f.get("url") else "")
        return head + journal_part(f) + online + "."
    where = publisher_part(work)
    if f.get("url"):
        tail = f"{where}, " if where else ""
        tail += f"({f['date']})" if f.get("date") else ""
        tail += f"[{f['urldate']}]" if f.get("urldate") else ""
        return head + tail.rstrip(", ") + (". " if tail else "") + f["url"] + "."
    tail = ", ".join(p for p in (where, f.get("date", "")) if p)
    if f.get("pages"):
        tail += f": {f['pages']}"
    return head + (tail or "[出版项不详]") + "."
