"""Step 8, cite: note text → works, one key per work across the corpus, and bib/.

The step runs like bibtexparser's own design: parse (``cite_parse.parse_note``) → a list of
small passes over the parsed citations (resolve Ibid./short forms within a text, merge by
identity across the corpus, apply reviewed data, assign keys) → write (bibtexparser 2).
Nothing is dropped: a citation that cannot be read becomes an ``@misc`` holding its whole
text and is reported by ``edition check`` with its file and note number.

Reviewed data (``sources/works.yaml``): corporate authors and their key parts, pinyin
overrides, and the key registry (one entry per work: key, title or UN symbol, aliases,
reviewed field corrections) that keeps keys stable across rebuilds and new texts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import bibtexparser
from bibtexparser import Library
from bibtexparser.model import Entry, Field

from .cite_keys import (WorksData, ascii_fold, derived_key, identity, load_works_data, normalise_title,
                        short_hash, sort_key)
from .cite_parse import Citation, Name, ParsedNote, parse_names, parse_note
from .model import Problem

WORKS_YAML = Path("sources") / "works.yaml"
LANGID = {"zh": "chinese", "en": "english", "ko": "korean"}
FIELD_ORDER = ["author", "editor", "title", "booktitle", "journaltitle", "volume", "number",
               "pages", "date", "location", "publisher", "institution", "organization", "type",
               "howpublished", "url", "urldate", "langid", "sortkey", "note", "addendum"]


# --- the data ------------------------------------------------------------------------------

@dataclass
class Occurrence:
    """One citation of a work in one note; ``pinpoint`` is the page the note cites."""

    text_id: str
    n: int
    key: str
    pinpoint: str | None = None


@dataclass
class Work:
    key: str
    entry_type: str
    fields: dict[str, str]
    authors: list[Name] = field(default_factory=list)
    editors: list[Name] = field(default_factory=list)
    cited_in: list[tuple[str, int]] = field(default_factory=list)
    edition_text: str | None = None
    language: str = "en"
    sort_key: str = ""
    identity: str = ""
    official: bool = False
    unparsed: bool = False
    source_text: str = ""

    def formatted(self) -> str:
        """A readable citation: GB/T 7714-like for Chinese works, the notes' own style otherwise."""
        return format_zh(self) if self.language == "zh" else format_western(self)


class Report(dict):
    """A text's citation report (a dict); ``str()`` gives the Markdown shown in the apparatus."""

    def __str__(self) -> str:
        lines = [f"注释 {self['notes']} 条，其中含引文 {self['parsed']} 条；"
                 f"引用文献 {self['works']} 种，与本读本其他文本共同引用 {len(self['shared'])} 种。"]
        if self["unparsed"]:
            lines.append("未能解析的引文（原样保留为 `@misc`）：" + "、".join(
                f"[注 {u['n']}](#fn:{u['n']})" for u in self["unparsed"]) + "。")
        else:
            lines.append("全部引文均已解析。")
        lines.append(f"本文引用文献的 BibTeX：[{self['text_id']}.bib](../../assets/bib/{self['text_id']}.bib)。")
        return "\n\n".join(lines)


@dataclass
class Bibliography:
    works: dict[str, Work] = field(default_factory=dict)
    occurrences: list[Occurrence] = field(default_factory=list)
    notes: dict[tuple[str, int], ParsedNote] = field(default_factory=dict)
    note_counts: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def note_works(self, text_id: str, n: int) -> list[Work]:
        keys: list[str] = []
        for occ in self.occurrences:
            if occ.text_id == text_id and occ.n == n and occ.key not in keys:
                keys.append(occ.key)
        return [self.works[k] for k in keys]

    def note_pinpoints(self, text_id: str, n: int) -> list[tuple[Work, str | None]]:
        return [(self.works[o.key], o.pinpoint) for o in self.occurrences if o.text_id == text_id and o.n == n]

    @property
    def unparsed(self) -> list[Problem]:
        return [p for p in self.problems if "not parsed" in p.message]

    def report(self, text_id: str) -> Report:
        keys = sorted({o.key for o in self.occurrences if o.text_id == text_id})
        shared = [k for k in keys if any(t != text_id for t, _ in self.works[k].cited_in)]
        unparsed = sorted({(o.n, self.works[o.key].source_text) for o in self.occurrences
                           if o.text_id == text_id and self.works[o.key].unparsed})
        parsed = len({o.n for o in self.occurrences if o.text_id == text_id})
        return Report(text_id=text_id, notes=self.note_counts.get(text_id, 0), parsed=parsed,
                      works=len(keys), unparsed=[{"n": n, "text": t} for n, t in unparsed],
                      shared=shared)


# --- building ------------------------------------------------------------------------------

def works_data(edition) -> WorksData:
    return load_works_data(Path(edition.root) / WORKS_YAML)


def build_bibliography(edition) -> Bibliography:
    """Parse every note of every text, resolve, merge and key the works; set ``note.works``."""
    data = works_data(edition)
    corporate = data.corporate_names
    bib = Bibliography()
    cited: list[tuple[str, int, str, Citation, str | None]] = []  # text, n, identity, citation, pinpoint
    for meta, document in edition.pairs():
        bib.note_counts[meta.id] = len(document.notes)
        cited += resolve_text(meta, document, corporate, bib)
    build_works(cited, data, edition, bib)
    for meta, document in edition.pairs():
        for note in document.notes:
            note.works = [w.key for w in bib.note_works(meta.id, note.n)]
    return bib


def cite_document(document, root: Path | None = None, path: Path | None = None) -> Bibliography:
    """Cite one document alone (``edition clean --json``): its notes get their works, with the
    reviewed keys of ``sources/works.yaml`` when run inside the project."""
    from types import SimpleNamespace

    from .metadata import load_corpus

    metas = load_corpus(root / "sources") if root else []
    meta = SimpleNamespace(id=document.id, title=document.title, raw_path=path or document.id)
    edition = SimpleNamespace(root=root or Path("."), metas=metas, pairs=lambda: [(meta, document)])
    return build_bibliography(edition)


def resolve_text(meta, document, corporate: set[str], bib: Bibliography) -> list:
    """Parse the notes of one text; Ibid. and short forms point to earlier citations in it."""
    out: list = []
    seen: set[str] = set()
    earlier: list[tuple[str, Citation]] = []
    last: str | None = None
    path = str(getattr(meta, "raw_path", meta.id))
    for note in document.notes:
        parsed = parse_note(note.text, corporate)
        bib.notes[(meta.id, note.n)] = parsed
        for index, cite in enumerate(parsed.citations, 1):
            if cite.ibid:
                if last is None:
                    bib.problems.append(Problem(path, note.source_line, f"note {note.n}: Ibid. with no earlier citation in the text"))
                    cite = Citation(text=cite.text, unparsed=True, language="en")
                else:
                    out.append((meta.id, note.n, last, cite, cite.pinpoint))
                    continue
            if cite.unparsed:
                ident = f"unparsed:{meta.id}:{note.n}:{index}"
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
            out.append((meta.id, note.n, ident, cite, cite.pinpoint))
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


def build_works(cited: list, data: WorksData, edition, bib: Bibliography) -> None:
    """Merge citations by identity (corpus-wide), apply reviewed data, assign keys."""
    groups: dict[str, list] = {}
    for item in cited:
        ident = item[2]
        entry = data.registered(ident)
        if entry is not None:  # reviewed aliases join differently titled citations
            ident = "registry:" + str(entry["key"])
        groups.setdefault(ident, []).append(item)
    works = {ident: merge_group(ident, items, data) for ident, items in groups.items()}
    titles = {normalise_title(m.title): m.id for m in edition.metas}
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
        work.fields["addendum"] = addendum(work)


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
    for name, value in (entry.get("fields") or {}).items():
        if name == "author":
            work.authors = parse_names(str(value).replace(" and ", ", ") if work.language != "zh" else str(value),
                                       data.corporate_names)
        elif value is None:
            work.fields.pop(str(name), None)
        else:
            work.fields[str(name)] = str(value)


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


def addendum(work: Work) -> str:
    """Where the work is cited: ``cited in xue-zhao 3, 17; li 7``."""
    by_text: dict[str, list[int]] = {}
    for text_id, n in work.cited_in:
        by_text.setdefault(text_id, []).append(n)
    cited = "; ".join(f"{t} {', '.join(str(n) for n in sorted(ns))}" for t, ns in by_text.items())
    text = f"cited in {cited}"
    if work.edition_text:
        text += f"; text of this edition: {work.edition_text}"
    return text


# --- formatting ----------------------------------------------------------------------------

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


# --- BibTeX --------------------------------------------------------------------------------

def names_field(names: list[Name]) -> str:
    return " and ".join(n.bibtex() for n in names)


def balanced(value: str) -> bool:
    depth = 0
    for char in value:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def entry_fields(work: Work) -> dict[str, str]:
    values = dict(work.fields)
    if work.authors:
        values["author"] = names_field(work.authors)
    if work.editors:
        values["editor"] = names_field(work.editors)
    values["langid"] = LANGID.get(work.language, "english")
    if work.sort_key:
        values["sortkey"] = work.sort_key
    return {k: values[k] for k in FIELD_ORDER if values.get(k)} | \
        {k: v for k, v in sorted(values.items()) if k not in FIELD_ORDER and v}


def safe_value(value: str) -> str:
    """Braces that do not balance (OCR damage) would be written silently and then fail to
    parse: they are replaced by parentheses, and ``bib_problems`` reports them."""
    return value if balanced(value) else value.replace("{", "(").replace("}", ")")


def to_entry(work: Work) -> Entry:
    return Entry(work.entry_type, work.key,
                 [Field(name, safe_value(value)) for name, value in entry_fields(work).items()])


def library_of(works: list[Work]) -> Library:
    library = Library()
    for work in sorted(works, key=lambda w: w.key):
        library.add(to_entry(work))
    return library


def bib_header(scope: str) -> str:
    return (f"% generated by edition build from the notes of {scope} (scripts/edition/cite.py)"
            " — do not edit\n% biblatex fields; addendum lists the notes citing each work\n\n")


def bib_files(edition) -> dict[str, str]:
    """``bib/<id>.bib`` per text (its cited works) and ``bib/edition.bib`` (all works)."""
    bib = edition.bibliography
    if not isinstance(bib, Bibliography):
        return {}
    files = {}
    for meta in edition.metas:
        works = [w for w in bib.works.values() if any(t == meta.id for t, _ in w.cited_in)]
        files[f"bib/{meta.id}.bib"] = bib_header(meta.id) + bibtexparser.write_string(library_of(works))
    files["bib/edition.bib"] = bib_header("every text") + bibtexparser.write_string(library_of(list(bib.works.values())))
    return dict(sorted(files.items()))


def roundtrip_problems(path: str, content: str, works: dict[str, Work]) -> list[Problem]:
    """Reading a written file back must give the same entries, field by field."""
    library = bibtexparser.parse_string(content)
    problems = [Problem(path, block.start_line + 1, f"BibTeX block does not parse: {block.error}")
                for block in library.failed_blocks]
    for entry in library.entries:
        work = works.get(entry.key)
        if work is None:
            problems.append(Problem(path, entry.start_line + 1, f"unknown entry {entry.key}"))
            continue
        expected = {k: safe_value(v) for k, v in entry_fields(work).items()}
        found = {f.key: f.value for f in entry.fields}
        if entry.entry_type != work.entry_type or found != expected:
            problems.append(Problem(path, entry.start_line + 1, f"entry {entry.key} does not read back as written"))
    return problems


def report_lines(edition) -> list[str]:
    """One line per annotated text for ``edition check``: notes, works, unparsed, shared."""
    bib = edition.bibliography
    if not isinstance(bib, Bibliography):
        return []
    lines = []
    for meta in edition.metas:
        r = bib.report(meta.id)
        if not r["notes"]:
            continue
        unparsed = ", ".join(str(u["n"]) for u in r["unparsed"]) or "none"
        lines.append(f"cite {meta.id}: {r['notes']} notes, {r['parsed']} citing, {r['works']} works, "
                     f"unparsed notes: {unparsed}; shared: {', '.join(r['shared']) or 'none'}")
    return lines


def registry_problems(data: WorksData) -> list[Problem]:
    """The reviewed registry: keys ASCII and unique, each entry naming its work."""
    problems, seen = [], set()
    for entry in data.registry:
        key = str(entry.get("key", ""))
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", key):
            problems.append(Problem(str(WORKS_YAML), None, f"registry key {key!r} is not lower-case ASCII"))
        if key in seen:
            problems.append(Problem(str(WORKS_YAML), None, f"registry key {key} is listed twice"))
        if not (entry.get("title") or entry.get("symbol")):
            problems.append(Problem(str(WORKS_YAML), None, f"registry key {key} has neither title nor symbol"))
        seen.add(key)
    return problems


def check_problems(edition) -> list[Problem]:
    bib = edition.bibliography
    if not isinstance(bib, Bibliography):
        return []
    problems = list(bib.problems) + registry_problems(works_data(edition))
    for work in bib.works.values():
        for name, value in entry_fields(work).items():
            if not balanced(value):
                problems.append(Problem(str(WORKS_YAML), None, f"work {work.key}: unbalanced braces in {name}, written as parentheses"))
    for path, content in bib_files(edition).items():
        problems += roundtrip_problems(path, content, bib.works)
    return problems


# --- the bibliography page -----------------------------------------------------------------

GROUPS = [("official", "联合国及官方文件", "UN and official documents"),
          ("zh", "中文文献", "Chinese works"),
          ("en", "西文文献", "Western works"),
          ("other", "其他", "Other")]


def group_of(work: Work) -> str:
    if work.official:
        return "official"
    return work.language if work.language in ("zh", "en") else "other"


def western_sort(work: Work) -> tuple:
    first = next((a for a in work.authors if not a.others), None)
    name = first.family if first else work.fields.get("title", "")
    return (ascii_fold(name), work.fields.get("date", ""), work.fields.get("title", "").casefold(), work.key)


def formatted_markdown(work: Work) -> str:
    """The formatted citation as Markdown: italics kept, everything else literal, URLs linked."""
    text = work.formatted()
    out = []
    for piece in re.split(r"(https?://\S+?)(?=\s\[|\.?$|\s)", text):
        if re.match(r"https?://", piece):
            out.append(f"<{piece}>")
        else:
            out.append(re.sub(r"([\\`_\[\]<>#|])", r"\\\1", piece))
    return "".join(out)


def cited_in_markdown(work: Work, edition) -> str:
    """``薛澜、赵静 注 [3](../texts/xue-zhao/#fn:3)、[17](…)；李艳 注 [7](…)``."""
    names = {m.id: "、".join(a.name for a in m.authors) for m in edition.metas}
    by_text: dict[str, list[int]] = {}
    for text_id, n in work.cited_in:
        by_text.setdefault(text_id, []).append(n)
    return "；".join(f"{names.get(t, t)} 注 " + "、".join(f"[{n}](../texts/{t}/#fn:{n})" for n in ns)
                    for t, ns in by_text.items())


def work_markdown(work: Work, edition) -> list[str]:
    lang = {"zh": "zh-Hans", "en": "en", "ko": "ko"}.get(work.language, "en")
    lines = [f'<div class="work" id="{work.key}" lang="{lang}" markdown>', "",
             formatted_markdown(work), ""]
    meta = f"`{work.key}` · 引用于：{cited_in_markdown(work, edition)}"
    if work.edition_text:
        title = next((m.title for m in edition.metas if m.id == work.edition_text), work.edition_text)
        meta += f" · 本读本所收：[{title}](../texts/{work.edition_text}/)"
    lines += [meta, "", "</div>", ""]
    return lines


def bibliography_markdown(edition) -> str:
    """docs/bibliography.md: every work once, grouped, each with an anchor equal to its key."""
    bib = edition.bibliography
    out = ["<!-- generated by edition build — do not edit -->", "", "# 参考文献 {#title}", "",
           "本页汇集本读本各文本注释所引文献，每种一条，并链接回每一处引用的注释。"
           "下载：[全部文献 edition.bib](assets/bib/edition.bib)"]
    out[-1] += "".join(f" · [{m.id}.bib](assets/bib/{m.id}.bib)" for m in edition.metas
                       if any(t == m.id for w in bib.works.values() for t, _ in w.cited_in))
    out += ["", '<p class="ed-label-en" lang="en">Bibliography: every work cited in the notes, once, '
            "with links back to each citing note.</p>", ""]
    for group, title_zh, title_en in GROUPS:
        works = [w for w in bib.works.values() if group_of(w) == group]
        if not works:
            continue
        if group == "zh":
            works.sort(key=lambda w: (w.sort_key, w.key))
        else:
            works.sort(key=western_sort)
        out += [f"## {title_zh} {{#{group}}}", "", f'<p class="ed-label-en" lang="en">{title_en}</p>', ""]
        for work in works:
            out += work_markdown(work, edition)
    return "\n".join(out).rstrip("\n") + "\n"
