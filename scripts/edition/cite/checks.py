"""What ``edition check`` reports of the bibliography, and its one-line summary per text."""

from __future__ import annotations

import re

from ..model import Problem
from ..sources.works import WorksData
from ..sources.yamlfile import line_of
from .bibtex import balanced, bib_files, entry_fields, roundtrip_problems
from .works import Bibliography


def report_lines(bib: Bibliography, text_ids: list[str]) -> list[str]:
    """One line per annotated text for ``edition check``: notes, works, unparsed, shared."""
    lines = []
    for text_id in text_ids:
        r = bib.report(text_id)
        if not r["notes"]:
            continue
        unparsed = ", ".join(str(u["n"]) for u in r["unparsed"]) or "none"
        lines.append(f"cite {text_id}: {r['notes']} notes, {r['parsed']} citing, {r['works']} works, "
                     f"unparsed notes: {unparsed}; shared: {', '.join(r['shared']) or 'none'}")
    return lines


def registry_problems(data: WorksData) -> list[Problem]:
    """The reviewed registry's keys are lower-case ASCII (their uniqueness, and that each entry
    names its work, are checked when ``sources.works`` loads the file)."""
    return [Problem(data.path, line_of(entry, "key"), f"registry key {entry['key']!r} is not lower-case ASCII")
            for entry in data.registry if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", str(entry["key"]))]


def check_problems(bib: Bibliography, data: WorksData, text_ids: list[str]) -> list[Problem]:
    """What ``edition check`` reports of the bibliography: unparsed and unresolved citations,
    the registry, unbalanced braces, and every BibTeX file read back as written."""
    problems = list(bib.problems) + registry_problems(data)
    for work in bib.works.values():
        for name, value in entry_fields(work).items():
            if not balanced(value):
                problems.append(Problem(data.path, None, f"work {work.key}: unbalanced braces in {name}, written as parentheses"))
    for path, content in bib_files(bib, text_ids).items():
        problems += roundtrip_problems(path, content, bib.works)
    return problems


#: A date in an address's path: ``/2023/11/27/``, ``/2023-07/19/``, ``/202309/``.
URL_DATE = re.compile(r"/(20\d\d)[/-]?(\d\d)(?:[/-](\d\d))?/")


def url_date_conflict(work) -> str | None:
    """The date in a work's address when it contradicts the work's own date (year and month),
    as ``2023-11-27``; such a date is kept as cited but must be flagged (a reviewed ``note``)."""
    url, date = work.fields.get("url", ""), work.fields.get("date", "")
    found = URL_DATE.search(url)
    if not found or len(date) < 7:
        return None
    in_url = "-".join(part for part in found.groups() if part)
    compared = min(len(in_url), len(date))
    return in_url if in_url[:compared] != date[:compared] else None


#: What GB/T 7714-2015 requires of an entry, by BibTeX type: each item lists fields of which
#: one must be present (§8: 主要责任者, 题名, 出版项 or 连续出版物项, 引用日期 and URL online).
GBT_REQUIRED: dict[str, list[tuple[str, ...]]] = {
    "article": [("author",), ("title",), ("journaltitle",), ("date",), ("pages",)],
    "book": [("author", "editor"), ("title",), ("location",), ("publisher",), ("date",)],
    "incollection": [("author",), ("title",), ("booktitle",), ("location",), ("publisher",), ("date",), ("pages",)],
    "report": [("author", "institution"), ("title",), ("location",), ("institution", "publisher"), ("date",)],
    "online": [("title",), ("url",), ("date", "urldate"), ("organization", "publisher", "author")],
    "misc": [("title",)],
}


#: The items of the 出版项 that GB/T 7714-2015 lets an online work leave out. §8.4.1.3: a work
#: without a place of publication is given one as 「[出版地不详]」 / 「[S.l.]」 in square brackets, and
#: 「如果通过计算机网络存取的联机电子文献无出版地，可以省略此项」; §8.4.2 says the same of the publisher
#: (「[出版者不详]」 / 「[s.n.]」). An explicit bracketed marker is a value, so it meets the item; a work
#: with no address (``url``) is not 联机 and must say where and by whom.
OMISSIBLE_ONLINE = {("location",), ("publisher",), ("institution", "publisher")}


def gbt_missing(work) -> list[str]:
    """The fields GB/T 7714-2015 requires of the work's type that it lacks (``date/urldate``);
    an unparsed citation is kept as the note wrote it and is not checked. A place or publisher
    is not required of a work read over the network (its ``url``), as §8.4.1.3 and §8.4.2 allow."""
    if work.unparsed:
        return []
    fields = entry_fields(work)
    online = bool(fields.get("url"))
    return ["/".join(names) for names in GBT_REQUIRED.get(work.entry_type, [("title",)])
            if not any(fields.get(name) for name in names) and not (online and names in OMISSIBLE_ONLINE)]
