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
