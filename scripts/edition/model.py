"""The data the pipeline passes between its steps.

Vocabulary (see CONTEXT.md): a *raw* file is the text of record as received; a *rule* is a
pure ``str -> str`` function; a *Change* is what one rule did at one place; the *clean
text* is the intermediate Markdown that ``structure`` turns into a ``Document``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: A rule: a pure function from text to text (see CONTEXT.md).
Rule = Callable[[str], str]


def rule_id(rule: Rule) -> str:
    """The name under which a rule appears in the record and in the editorial principles."""
    return getattr(rule, "rule_id", None) or rule.__name__


def rule_detail(rule: Rule) -> str | None:
    return getattr(rule, "detail", None)


def named_rule(function: Rule, rule: str, detail: str | None = None) -> Rule:
    """Give a data-driven closure (an emendation, say) the rule id and detail it is recorded under."""
    function.rule_id = rule  # type: ignore[attr-defined]
    function.detail = detail  # type: ignore[attr-defined]
    return function


def with_data(rule: Callable[..., str], **data: Any) -> Rule:
    """``rule`` with its reviewed data bound, as a ``str -> str`` rule that keeps the rule's
    name and docstring (the record and the editorial principles read both):
    ``with_data(remove_spam_lines, furniture=furniture)``."""
    @functools.wraps(rule)
    def bound(text: str) -> str:
        return rule(text, **data)

    return bound


@dataclass(frozen=True)
class Change:
    """One intervention: ``rule`` turned ``before`` into ``after``.

    ``source_line`` is the line of the raw file the changed text comes from; ``offset`` is
    where ``after`` starts in the text as the rule left it, so that the changes of a step,
    undone from the last to the first, give back the text the step received.
    ``detail`` names the emendation (or other datum) that a data-driven rule applied;
    ``application`` numbers the rule applications of one text in order.
    """

    rule: str
    text: str
    source_line: int
    before: str
    after: str
    offset: int = 0
    detail: str | None = None
    application: int = 0

    def to_json(self) -> dict[str, Any]:
        data = {"rule": self.rule, "source_line": self.source_line,
                "before": self.before, "after": self.after, "offset": self.offset,
                "application": self.application}
        if self.detail:
            data["detail"] = self.detail
        return data


@dataclass
class Block:
    """A unit of running text: ``heading``, ``paragraph``, ``list`` or ``quote``.

    ``text`` carries note references as ``[^n]``; a list keeps one item per line,
    each starting with ``- ``. ``number`` is the heading's own numbering (``一、``,
    ``（二）``) as printed; ``page`` is the page of the source where the block begins.
    """

    kind: str
    text: str
    page: int | None = None
    level: int | None = None
    number: str | None = None
    source_line: int | None = None
    id: str | None = None
    pages: list[int] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        data = {"kind": self.kind, "text": self.text, "page": self.page}
        for key in ("level", "number", "source_line", "id"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        if self.pages:
            data["pages"] = self.pages
        return data


@dataclass
class Note:
    """A note, numbered ``n`` = 1…N per text; ``label`` is what the source printed (``①``, ``[1]``, ``*``)."""

    n: int
    text: str
    page: int | None = None
    label: str | None = None
    source_line: int | None = None
    works: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        data = {"n": self.n, "page": self.page, "label": self.label, "text": self.text,
                "works": list(self.works)}
        if self.source_line is not None:
            data["source_line"] = self.source_line
        return data


@dataclass
class Matter:
    """Front or end matter kept apart from the running text: ``abstract``, ``keywords``,
    ``byline``, ``author-note``, ``title-note``, ``classification``, ``source``,
    ``editor``, ``date``, ``end-mark`` …"""

    kind: str
    text: str
    page: int | None = None
    source_line: int | None = None

    def to_json(self) -> dict[str, Any]:
        data = {"kind": self.kind, "text": self.text, "page": self.page}
        if self.source_line is not None:
            data["source_line"] = self.source_line
        return data


@dataclass(frozen=True)
class Problem:
    """Something ``edition check`` reports: where (file and line) and what. ``kind`` names the
    sort of problem (``unpaired-reference``, ``unpaired-note`` …); ``page`` and ``note`` say,
    where they apply, on which page of the source and of which note."""

    path: str
    line: int | None
    message: str
    kind: str = "problem"
    page: int | None = None
    note: int | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"file": self.path, "line": self.line, "kind": self.kind, "message": self.message}
        if self.page is not None:
            data["page"] = self.page
        if self.note is not None:
            data["note"] = self.note
        return data

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass
class Document:
    """A cleaned text: what ``edition clean --json`` prints and what the site is built from."""

    id: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    front: list[Matter] = field(default_factory=list)
    end: list[Matter] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    script: str = "simplified"
    traditional: "Document | None" = None
    problems: list[Problem] = field(default_factory=list)
    #: The raw file as decoded, and the clean text (before ``structure``) with the raw line of
    #: each of its characters: what ``edition check`` proves the record against, so that no
    #: later part runs the pipeline again. Not part of ``to_json``.
    raw: str = field(default="", repr=False)
    clean_text: str = field(default="", repr=False)
    origins: list[int] = field(default_factory=list, repr=False)

    def to_json(self, with_changes: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "script": self.script,
            "front": [m.to_json() for m in self.front],
            "blocks": [b.to_json() for b in self.blocks],
            "notes": [n.to_json() for n in self.notes],
            "end": [m.to_json() for m in self.end],
        }
        if with_changes:
            data["changes"] = [c.to_json() for c in self.changes]
        if self.traditional is not None:
            data["traditional"] = self.traditional.to_json(with_changes=False)
        return data


@dataclass
class Edition:
    """Everything the site is built from: the reviewed sources (``sources.Sources``), each
    text's Document (run through the pipeline once), the bibliography (``cite``) and the
    glossary with its occurrences (``gloss``)."""

    root: Path
    sources: Any
    documents: list[Document]
    bibliography: Any = None
    glossary: Any = None
    #: the words of jieba's dictionary entries for the texts (``segment.words_of``), by text id or
    #: all under one name (``build.corpus_words``)
    words: Any = None
    #: what the writers computed in an earlier build and may take again, by name (``build.KEPT``:
    #: the text pages, the BibTeX entries, the search index's words and t2s table, the glossary's
    #: order): the build cache fills it and keeps what they leave
    kept: dict[str, Any] = field(default_factory=dict)
    #: each text's key in the build cache (the hash of all its Document is computed from, the code
    #: among it), by id; empty for a build without a cache
    text_keys: dict[str, str] = field(default_factory=dict)

    @property
    def metas(self) -> list[Any]:
        return self.sources.texts

    def pairs(self) -> list[tuple[Any, Document]]:
        return list(zip(self.metas, self.documents))

    def meta(self, text_id: str) -> Any:
        return next(m for m in self.metas if m.id == text_id)

    def document(self, text_id: str) -> Document:
        return next(d for d in self.documents if d.id == text_id)

