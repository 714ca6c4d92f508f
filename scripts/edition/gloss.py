"""Step 9, gloss: occurrences of the glossary's terms in the texts.

The glossary (``sources/glossary.yaml``) is read and validated by ``sources.glossary``; this
module finds its terms in the running text and the notes of each Document (longest match
first, never inside a jieba token, never inside URLs, note references, link syntax or
⟦…⟧) and records where each occurs. It writes no page: ``site`` marks the terms and writes
the glossary page. It also checks the glossary against the corpus for ``edition check``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .markers import PAGE_MARK, URL
from .model import Document, Problem
from .pinyin import PinyinOverrides, draft_pinyin, pinyin_key
from .segment import Segmenter
from .sources.glossary import Entry
from .sources.headings import canonical
from .structure import document_text
from .vocabulary import CITED_TITLE, HAN, is_han

# Spans never glossed: URLs, note references, Markdown links/images, HTML tags, ⟦…⟧.
PROTECTED = re.compile(URL.pattern + r"|\[\^\d+\]|!?\[[^\]]*\]\([^)]*\)|<[^>]+>|⟦[^⟧]*⟧")


def excluded(entry: Entry, text: str, start: int, form: str) -> bool:
    """True when the match of ``form`` at ``start`` lies in one of the entry's ``not_in`` passages."""
    for context in entry.not_in:
        offset = context.find(form)
        while offset != -1:
            if text.startswith(context, start - offset):
                return True
            offset = context.find(form, offset + 1)
    return False


def at_boundary(text: str, start: int, end: int, bounds) -> bool:
    """A match counts only if it does not begin or end inside a jieba token.

    Edges next to a non-Chinese character or punctuation (《》, ·) are always boundaries.
    """
    def edge_ok(i: int) -> bool:
        if i in bounds or i == 0 or i == len(text):
            return True
        return not (is_han(text[i - 1]) and is_han(text[i]))
    return edge_ok(start) and edge_ok(end)


@dataclass
class Glossary:
    entries: list[Entry]
    occurrences: dict = field(default_factory=dict)
    headings: dict = field(default_factory=dict)
    #: jieba's word boundaries, each run of text cut once for the glossary and the pages
    segmenter: Segmenter = field(default_factory=Segmenter)
    #: the matches of each text asked for: the glossary and the page writer ask for most texts twice
    #: (and the build cache keeps them: ``kept_matches``, ``matches_asked``)
    found: dict[str, tuple] = field(default_factory=dict, repr=False, compare=False)
    #: the texts asked for since it was made
    asked: set[str] = field(default_factory=set, repr=False, compare=False)
    #: texts matched here, not taken from an earlier build's (a cache keeps the matches again then)
    fresh: int = field(default=0, repr=False, compare=False)

    def __post_init__(self):
        self.by_form = {f: e for e in self.entries for f in e.forms}
        forms = sorted(self.by_form, key=len, reverse=True)
        # forms by their first character, longest first: the candidates at a position
        self.forms_by_first: dict[str, list[str]] = {}
        for form in forms:
            self.forms_by_first.setdefault(form[0], []).append(form)

    def matches(self, text: str):
        """(start, end, entry) of each gloss in ``text``, longest match first, left to right."""
        self.asked.add(text)
        known = self.found.get(text)
        if known is None:
            known = self.found[text] = tuple(self.find_all(text))
            self.fresh += 1
        return list(known)

    def find_all(self, text: str):
        if not self.forms_by_first:
            return []
        protected = [m.span() for m in PROTECTED.finditer(text)]
        bounds = self.segmenter.edges(text)
        found, pos = [], 0
        while True:
            m = self.find_at(text, pos, bounds, protected)
            if m is None:
                return found
            found.append(m)
            pos = m[1]

    def find_at(self, text, pos, bounds, protected):
        for i in range(pos, len(text)):
            for form in self.forms_by_first.get(text[i], ()):
                if text.startswith(form, i):
                    end = i + len(form)
                    if any(a < end and i < b for a, b in protected):
                        continue
                    entry = self.by_form[form]
                    if at_boundary(text, i, end, bounds) and not excluded(entry, text, i, form):
                        return (i, end, entry)
        return None

    def kept_matches(self, kept: dict[str, tuple] | None) -> None:
        """Take the matches of an earlier build with the same glossary and code (``matches_asked``)."""
        by_id = {entry.id: entry for entry in self.entries}
        for text, spans in (kept or {}).items():
            self.found.setdefault(text, tuple((start, end, by_id[entry_id]) for start, end, entry_id in spans))

    def matches_asked(self) -> dict[str, tuple]:
        """The matches of the texts asked for, each entry by its id (what a cache keeps)."""
        return {text: tuple((start, end, entry.id) for start, end, entry in self.found[text])
                for text in self.asked if text in self.found}

    def heading_translation(self, text_id: str, heading_text: str):
        return self.headings.get(text_id, {}).get(canonical(heading_text))


def glossed_texts(document: Document) -> list[str]:
    """The texts of a Document in which terms are looked for: here (blocks but headings,
    notes) and on its page (the same), each also without its page markers."""
    blocks = [block.text for block in document.blocks if block.kind != "heading"]
    notes = [note.text for note in document.notes]
    # without page markers too: a term that a marker cuts is looked for whole (page_marks_outside_terms)
    return blocks + notes + [PAGE_MARK.sub("", text) for text in blocks + notes]


def build_glossary(entries: list[Entry], headings: dict[str, dict[str, str]], documents: list[Document],
                   segmenter: Segmenter | None = None, kept: dict[str, tuple] | None = None) -> Glossary:
    """The glossary with every occurrence of its terms in the running text and notes of
    ``documents``; ``kept``: the matches an earlier build found (``Glossary.matches_asked``)."""
    glossary = Glossary(entries, headings=headings, segmenter=segmenter or Segmenter())
    glossary.kept_matches(kept)
    for document in documents:
        for block in document.blocks:
            if block.kind == "heading":
                continue
            record(glossary, document.id, block.id, block.text)
        for note in document.notes:
            record(glossary, document.id, f"fn:{note.n}", note.text, skip_titles=True)
    return glossary


def page_marks_outside_terms(glossary: Glossary, text: str) -> str:
    """``text`` with each page mark that cuts a glossary term moved to just after the term, so
    that the term is found (and glossed, and counted) whole: 多边⟦page 3⟧机制 → 多边机制⟦page 3⟧."""
    if "⟦" not in text:
        return text
    plain, marks = [], []  # marks: (offset in the text without marks, the mark)
    last = 0
    for match in PAGE_MARK.finditer(text):
        plain.append(text[last:match.start()])
        marks.append((sum(map(len, plain)), match.group(0)))
        last = match.end()
    plain.append(text[last:])
    bare = "".join(plain)
    spans = [(start, end) for start, end, _entry in glossary.matches(bare)]
    moved = []
    for offset, mark in marks:
        inside = next((end for start, end in spans if start < offset < end), None)
        moved.append((offset if inside is None else inside, mark))
    out, last = [], 0
    for offset, mark in moved:
        out += [bare[last:offset], mark]
        last = offset
    out.append(bare[last:])
    return "".join(out)


def record(glossary: Glossary, text_id, anchor, text, skip_titles: bool = False):
    """Each occurrence in ``text``; with ``skip_titles`` (a note) none inside a cited title
    (《…》), which the page does not gloss either, unless the term is the whole title."""
    text = page_marks_outside_terms(glossary, text)
    titles = [m.span() for m in CITED_TITLE.finditer(text)] if skip_titles else []
    for start, end, entry in glossary.matches(text):
        if any(a <= start and end <= b and (a, b) != (start, end) for a, b in titles):
            continue
        snippet = text[max(0, start - 12):end + 12]
        glossary.occurrences.setdefault(entry.id, []).append((text_id, anchor, snippet))


# --- checks ------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _author_pair() -> re.Pattern[str]:
    """A term and Latin text in parentheses after it: compiled when ``edition check`` asks, not
    in every build (a class of Han characters costs ``re`` about 1.5 ms to compile)."""
    return re.compile(rf"([{HAN}《》·]{{2,}})[（(]\s*([A-Za-z][A-Za-z .'’&-]*)\s*[)）]")


def author_pairs(text: str):
    """(Chinese, Latin) pairs the author gives: a term followed by Latin text in parentheses."""
    for m in _author_pair().finditer(text):
        yield m.group(1), m.group(2).strip()


def pair_covered(glossary: Glossary, chinese: str, latin: str, rejected: dict) -> bool:
    if latin in rejected:
        return True
    key = comparable(latin)
    return any(names_form(chinese, form) and (key in comparable(e.en) or comparable(e.en) in key)
               for form, e in glossary.by_form.items())


def names_form(chinese: str, form: str) -> bool:
    """The Chinese before the parenthesis ends with ``form``, or is the tail of a ``form``
    that the pair pattern cut at punctuation inside it (《关于发展包容、可持续的…声明》)."""
    return chinese.endswith(form) or (len(chinese) >= 4 and form.endswith(chinese))


def comparable(latin: str) -> str:
    """Latin text without case, spaces, hyphens or punctuation (High Level = High-level), with
    "Artificial Intelligence" written AI (… Body on AI = … Body on Artificial Intelligence)."""
    return re.sub(r"[\W_]+", "", re.sub(r"artificial\s+intelligence", "ai", latin.lower()))


def unmatched_pairs(glossary: Glossary, documents: list[Document], rejected: dict[str, str]) -> list[Problem]:
    """Author-given pairs (a term and its Latin form in parentheses) that are neither in the
    glossary nor reviewed and left out of it."""
    problems = []
    for document in documents:
        texts = [b.text for b in document.blocks] + [n.text for n in document.notes]
        for text in texts:
            for chinese, latin in author_pairs(text):
                if not pair_covered(glossary, chinese, latin, rejected):
                    problems.append(Problem("sources/glossary.yaml", None,
                                            f"{document.id}: author's pair …{chinese[-10:]}（{latin}） is neither "
                                            "in the glossary nor in sources/glossary-rejected.yaml"))
    return problems


def check_problems(glossary: Glossary, documents: list[Document], rejected: dict[str, str],
                   overrides: PinyinOverrides) -> list[Problem]:
    """What ``edition check`` reports of the glossary: headings without a translation, author
    pairs not accounted for, pinyin that disagrees with the draft, stale ``not_in`` passages."""
    problems = []
    for document in documents:
        for block in document.blocks:
            if block.kind == "heading" and glossary.heading_translation(document.id, block.text) is None:
                problems.append(Problem("sources/headings.yaml", None,
                                        f"{document.id}: heading {block.text.strip()!r} has no English translation"))
    return (problems + unmatched_pairs(glossary, documents, rejected) + pinyin_problems(glossary.entries, overrides)
            + stale_exclusions(glossary, documents))


def stale_exclusions(glossary: Glossary, documents: list[Document]) -> list[Problem]:
    """A ``not_in`` passage found in no text any more (the text changed): it excludes nothing."""
    corpus = "\n".join(document_text(d) for d in documents)
    return [Problem("sources/glossary.yaml", None, f"{entry.id}: not_in passage {context!r} occurs in no text")
            for entry in glossary.entries for context in entry.not_in if context not in corpus]


def pinyin_problems(entries: list[Entry], overrides: PinyinOverrides) -> list[Problem]:
    """Entries whose pinyin is not the draft reading of their term (a mistyped syllable or
    tone, or a reading that needs a reviewed override in ``sources/pinyin-overrides.yaml``)."""
    problems = []
    for e in entries:
        draft = draft_pinyin(e.term, overrides)
        if pinyin_key(e.pinyin) != pinyin_key(draft):
            problems.append(Problem("sources/glossary.yaml", None,
                                    f"{e.id}: pinyin {e.pinyin!r} does not agree with {draft!r}; fix it, "
                                    "or add a reviewed override to sources/pinyin-overrides.yaml"))
    return problems
