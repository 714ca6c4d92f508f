"""Resolving the citations of the notes into works: one key per work across the corpus.

The cite step runs like bibtexparser's own design: parse (``parse.parse_note``) → a list of
small passes over the parsed citations (resolve Ibid./short forms within a text, merge by
identity across the corpus, apply reviewed data, assign keys) → write (bibtexparser 2).
Nothing is dropped: a citation that cannot be read becomes an ``@misc`` holding its whole
text and is reported by ``edition check`` with its file and note number.

Reviewed data (``sources/works.yaml``, read by ``sources.works``): corporate authors and
their key parts, and the key registry (one entry per work: key, title or UN symbol, aliases,
reviewed field corrections) that keeps keys stable across rebuilds and new texts.
"""

from __future__ import annotations

import re
from typing import Any

from ..model import Document, Problem
from ..sources.works import WorksData, normalise_title
from .keys import derived_key, identity, short_hash, sort_key
from .parse import Citation, Name, ParsedNote, parse_names, parse_note
from .works import Bibliography, Occurrence, Work


def build_bibliography(texts: list[tuple[str, str, Document]], data: WorksData, edition_titles: dict[str, str],
                       parsed: dict[str, ParsedNote] | None = None) -> Bibliography:
    """Parse every note of every text — (text id, path for messages, Document) — resolve,
    merge and key the works, and set each note's ``works``. ``edition_titles`` maps the
    title of each text of the edition to its id, so that a work that is one of them links to it.
    ``parsed``: the notes parsed by an earlier build with the same code and corporate authors,
    by note text (``Bibliography.parsed`` holds this build's)."""
    corporate = data.corporate_names
    bib = Bibliography()
    cited: list[tuple[str, int, str, Citation, str | None]] = []  # text, n, identity, citation, pinpoint
    for text_id, path, document in texts:
        bib.note_counts[text_id] = len(document.notes)
        cited += resolve_text(text_id, path, document, corporate, bib, parsed or {})
    build_works(cited, data, edition_titles, bib)
    keys_by_note = bib.keys_by_note()
    for text_id, _path, document in texts:
        for note in document.notes:
            note.works = keys_by_note.get((text_id, note.n), [])
    return bib


def edition_titles(metas) -> dict[str, str]:
    """The normalised title of each text of the edition → its id."""
    return {normalise_title(meta.title): meta.id for meta in metas}


def resolve_text(text_id: str, path: str, document: Document, corporate: set[str], bib: Bibliography,
                 known: dict[str, ParsedNote] | None = None) -> list:
    """Parse the notes of one text (or take them from ``known``, by note text); Ibid. and short
    forms point to earlier citations in it."""
    out: list = []
    seen: set[str] = set()
    earlier: list[tuple[str, Citation]] = []
    last: str | None = None
    for note in document.notes:
        parsed = (known or {}).get(note.text)
        if parsed is None:
            parsed = parse_note(note.text, corporate)
            bib.fresh += 1
        bib.notes[(text_id, note.n)] = bib.parsed[note.text] = parsed
        for index, cite in enumerate(parsed.citations, 1):
            if cite.ibid:
                if last is None:
                    bib.problems.append(Problem(path, note.source_line, f"note {note.n}: Ibid. with no earlier citation in the text"))
                    cite = Citation(text=cite.text, unparsed=True, language="en")
                else:
                    out.append((text_id, note.n, last, cite, cite.pinpoint))
                    continue
            if cite.unparsed:
                ident = f"unparsed:{text_id}:{note.n}:{index}"
                bib.problems.append(Problem(path, note.source_line,
                                            f"note {note.n}: citation not parsed, kept whole as @misc: {cite.text[:80]}"))
            else:
                ident = identity(cite)
                if cite.short and ident not in seen:
                    ident = abbreviated_match(cite, earlier) or ident
                if cite.short and ident not in seen:
                    bib.problems.append(Problem(path, note.source_line,
                                                f"note {note.n}: short form with no full citation earlier in the text: {cite.text[:80]}"))
            seen.add(ident)
            if not cite.short and not cite.unparsed:
                earlier.append((ident, cite))
            last = ident
            out.append((text_id, note.n, ident, cite, cite.pinpoint))
    return out


def abbreviated_match(cite: Citation, earlier: list[tuple[str, Citation]]) -> str | None:
    """A short form whose title abbreviates an earlier full citation's title (same first
    author): ``AI Advisory Body, "Interim Report," p.16`` → that citation. Only a single
    candidate counts; anything else stays unresolved and is reported."""
    short = normalise_title(cite.title)
    family = cite.authors[0].family if cite.authors else None
    if len(short) < 4:
        return None
    found = {ident for ident, full in earlier
             if normalise_title(full.title).startswith(short)
             and (full.authors[0].family if full.authors else None) == family}
    return found.pop() if len(found) == 1 else None


def build_works(cited: list, data: WorksData, titles: dict[str, str], bib: Bibliography) -> None:
    """Merge citations by identity (corpus-wide), apply reviewed data, assign keys."""
    groups: dict[str, list] = {}
    for item in cited:
        ident = item[2]
        entry = data.registered(ident)
        if entry is not None:  # reviewed aliases join differently titled citations
            ident = "registry:" + str(entry["key"])
        groups.setdefault(ident, []).append(item)
    works = {ident: merge_group(ident, items, data) for ident, items in groups.items()}
    for work in works.values():
        work.edition_text = titles.get(normalise_title(work.fields.get("title", "")))
        work.official = is_official(work, data)
    assign_keys(works, data)
    for ident, items in groups.items():
        work = works[ident]
        for text_id, n, _, _, pinpoint in items:
            bib.occurrences.append(Occurrence(text_id, n, work.key, pinpoint))
            if (text_id, n) not in work.cited_in:
                work.cited_in.append((text_id, n))
    bib.works = {w.key: w for w in sorted(works.values(), key=lambda w: w.key)}
    for work in bib.works.values():
        work.fields[CITED_IN_FIELD] = cited_in_text(work)


def merge_group(ident: str, items: list, data: WorksData) -> Work:
    """One work from all its citations: the first full citation gives the fields, later
    ones fill what it lacks; reviewed fields in the registry win."""
    citations = [cite for _, _, _, cite, _ in items if not cite.ibid]
    full = [c for c in citations if not c.short and not c.unparsed] or citations
    first = full[0]
    fields: dict[str, str] = {}
    for cite in full:
        for name, value in cite.fields.items():
            fields.setdefault(name, value)
    work = Work(key="", entry_type=first.entry_type if not first.unparsed else "misc", fields=fields,
                authors=list(first.authors), editors=list(first.editors), language=first.language,
                identity=ident, unparsed=first.unparsed, source_text=first.text)
    if first.unparsed:
        work.fields = {"note": first.text}
    if first.short and not first.unparsed and work.entry_type == "misc":
        work.fields.setdefault("note", first.text)
    entry = registry_entry(ident, data)
    if entry:
        apply_registry(work, entry, data)
    if work.language == "zh":
        work.sort_key = sort_key(work.authors, work.fields.get("title", ""), data)
    return work


def registry_entry(ident: str, data: WorksData) -> dict[str, Any] | None:
    if ident.startswith("registry:"):
        return next(e for e in data.registry if "registry:" + str(e["key"]) == ident)
    return data.registered(ident)


def apply_registry(work: Work, entry: dict[str, Any], data: WorksData) -> None:
    work.key = str(entry["key"])
    if entry.get("entry_type"):
        work.entry_type = str(entry["entry_type"])
    supplied = set(entry.get("supplied") or [])
    for name, value in (entry.get("fields") or {}).items():
        if name in supplied:
            work.fields[str(name)] = f"[{value}]"  # GB/T 7714 brackets what the cataloguer supplies
        elif name == "author":
            work.authors = registry_names(str(value), work.language, data.corporate_names)
        elif value is None:
            work.fields.pop(str(name), None)
        else:
            work.fields[str(name)] = str(value)


#: A Western name written in BibTeX form, family name first: ``Gehl Sampath, Padmashree``.
BIBTEX_NAME = re.compile(r"^([^,]+), ([A-Z][^\s,.]+(?: [A-Z][^\s,.]+)*)$")


def registry_names(value: str, language: str, corporate: set[str]) -> list[Name]:
    """Reviewed authors: in the notes' own form (``Tallberg J., Erman E. and Lundgren M.``), or
    in BibTeX form where the family name has more than one word (``Gehl Sampath, Padmashree``)."""
    parts = value.split(" and ")
    if language != "zh" and all(BIBTEX_NAME.match(p) for p in parts):
        return [Name(*BIBTEX_NAME.match(p).groups()) for p in parts]
    return parse_names(value.replace(" and ", ", ") if language != "zh" else value, corporate)


def is_official(work: Work, data: WorksData) -> bool:
    first = work.authors[0] if work.authors else None
    return bool(work.fields.get("type") == "UN document" or
                (first and data.corporate.get(first.family, {}).get("official")))


def assign_keys(works: dict[str, Work], data: WorksData) -> None:
    """Registered works keep their reviewed key; a new work gets its derived key, made longer
    (next title word, then a hash of its identity) only if that key is already taken. The
    result depends on each work's own fields and the registry, never on corpus order."""
    taken = {w.key for w in works.values() if w.key}
    new = [w for w in works.values() if not w.key]
    for work in new:
        if work.unparsed:
            work.key = "unparsed-" + short_hash(work.identity)
    new = [w for w in new if not w.key]
    bases: dict[str, list[Work]] = {}
    for work in new:
        bases.setdefault(derived_key(work.authors, work.fields, data), []).append(work)
    for base, group in bases.items():
        if len(group) == 1 and base not in taken:
            group[0].key = base
            continue
        for work in group:
            longer = derived_key(work.authors, work.fields, data, extra_words=1)
            work.key = longer if longer != base and longer not in taken and \
                sum(derived_key(w.authors, w.fields, data, 1) == longer for w in group) == 1 \
                else f"{base}-{short_hash(work.identity)}"
    for work in works.values():
        taken.add(work.key)


#: The BibTeX field that carries the edition's cross-references (where each work is cited).
#: ``comment`` is not in biblatex's data model: biber drops it, so no style can print it in a
#: user's bibliography (``addendum``, which biblatex styles print, was used before), while
#: JabRef shows it and bibtexparser, pybtex and Zotero keep it.
CITED_IN_FIELD = "comment"


def cited_in_text(work: Work) -> str:
    """Where the work is cited: ``cited in xue-zhao 3, 17; li 7``."""
    by_text: dict[str, list[int]] = {}
    for text_id, n in work.cited_in:
        by_text.setdefault(text_id, []).append(n)
    cited = "; ".join(f"{t} {', '.join(str(n) for n in sorted(ns))}" for t, ns in by_text.items())
    text = f"cited in {cited}"
    if work.edition_text:
        text += f"; text of this edition: {work.edition_text}"
    return text
