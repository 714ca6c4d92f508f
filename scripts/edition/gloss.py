"""Step 9, gloss: occurrences of the glossary's terms in the texts.

Data in ``sources/glossary.yaml`` (reviewed); this module loads and validates it, marks
terms in running text (longest match first, never inside a jieba token, never inside
URLs, note references, link syntax or ⟦…⟧), and writes the glossary page.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .errors import EditionError
from .markers import URL
from .model import Problem
from .yamlfile import line_of, load_yaml

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "sources" / "glossary.yaml"
CATEGORIES = {"concept": "概念 Concepts", "institution": "机构 Institutions",
              "document": "文件 Documents", "event": "会议 Summits and events",
              "person": "人物 Persons"}
REQUIRED = ("id", "term", "en", "pinyin", "category", "def_zh", "def_en", "en_source")
#: ``not_in``: exact passages where the term's characters are not the term (涌现 "emergence"
#: in li's 应用场景也全面涌现, where it only means "appear"); each must contain a form of the term.
OPTIONAL = ("variants", "not_in")
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Spans never glossed: URLs, note references, Markdown links/images, HTML tags, ⟦…⟧.
PROTECTED = re.compile(URL.pattern + r"|\[\^\d+\]|!?\[[^\]]*\]\([^)]*\)|<[^>]+>|⟦[^⟧]*⟧")


@dataclass
class Entry:
    id: str
    term: str
    en: str
    pinyin: str
    category: str
    def_zh: str
    def_en: str
    en_source: str
    variants: list = field(default_factory=list)
    not_in: list = field(default_factory=list)

    @property
    def forms(self) -> list[str]:
        return [self.term, *self.variants]


def load_entries(path: Path = GLOSSARY) -> list[Entry]:
    """Entries of ``path``, validated; an error names the file and line."""
    data = load_yaml(path) or []
    if not isinstance(data, list):
        raise EditionError(path, "the glossary must be a list of entries", 1)
    entries, ids, forms = [], set(), set()
    for i, item in enumerate(data):
        entries.append(validate_entry(path, item, line_of(data, i), ids, forms))
    return entries


def validate_entry(path, item, line, ids: set, forms: set) -> Entry:
    if not isinstance(item, dict):
        raise EditionError(path, "an entry must be a mapping", line)
    for key in item:
        if key not in REQUIRED + OPTIONAL:
            raise EditionError(path, f"unknown key {key!r} (allowed: {', '.join(REQUIRED + OPTIONAL)})",
                               line_of(item, key) or line)
    for key in REQUIRED:
        if not str(item.get(key) or "").strip():
            raise EditionError(path, f"entry lacks {key!r}", line)
    if not ID.match(item["id"]):
        raise EditionError(path, f"id {item['id']!r} is not an ASCII slug", line_of(item, "id") or line)
    if item["id"] in ids:
        raise EditionError(path, f"duplicate id {item['id']!r}", line_of(item, "id") or line)
    if item["category"] not in CATEGORIES:
        raise EditionError(path, f"unknown category {item['category']!r}", line_of(item, "category") or line)
    for key in ("en", "pinyin", "term"):
        if any(ch in str(item[key]) for ch in '"{}[]'):
            raise EditionError(path, f"{key} may not contain quotes, braces or brackets (it becomes a link's "
                               f"text or attribute)", line_of(item, key) or line)
    variants = list(item.get("variants") or [])
    for form in [item["term"], *variants]:
        if form in forms:
            raise EditionError(path, f"duplicate term {form!r}", line_of(item, "term") or line)
        forms.add(form)
    not_in = [str(c) for c in item.get("not_in") or []]
    for context in not_in:
        if not any(form in context for form in [item["term"], *variants]):
            raise EditionError(path, f"not_in passage {context!r} does not contain the term",
                               line_of(item, "not_in") or line)
    ids.add(item["id"])
    return Entry(**{k: str(item[k]) for k in REQUIRED}, variants=[str(v) for v in variants], not_in=not_in)


def tokens_boundaries(text: str) -> set[int]:
    """Offsets where jieba puts a word boundary in ``text``."""
    import jieba
    bounds = {0, len(text)}
    for _word, start, end in jieba.tokenize(text):
        bounds.update((start, end))
    return bounds


def excluded(entry: Entry, text: str, start: int, form: str) -> bool:
    """True when the match of ``form`` at ``start`` lies in one of the entry's ``not_in`` passages."""
    for context in entry.not_in:
        offset = context.find(form)
        while offset != -1:
            if text.startswith(context, start - offset):
                return True
            offset = context.find(form, offset + 1)
    return False


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def at_boundary(text: str, start: int, end: int, bounds: set[int]) -> bool:
    """A match counts only if it does not begin or end inside a jieba token.

    Edges next to a non-Chinese character or punctuation (《》, ·) are always boundaries.
    """
    def edge_ok(i: int) -> bool:
        if i in bounds or i == 0 or i == len(text):
            return True
        return not (is_cjk(text[i - 1]) and is_cjk(text[i]))
    return edge_ok(start) and edge_ok(end)


@dataclass
class Glossary:
    entries: list[Entry]
    occurrences: dict = field(default_factory=dict)
    headings: dict = field(default_factory=dict)

    def __post_init__(self):
        self.by_form = {f: e for e in self.entries for f in e.forms}
        forms = sorted(self.by_form, key=len, reverse=True)
        # forms by their first character, longest first: the candidates at a position
        self.forms_by_first: dict[str, list[str]] = {}
        for form in forms:
            self.forms_by_first.setdefault(form[0], []).append(form)

    def matches(self, text: str):
        """(start, end, entry) of each gloss in ``text``, longest match first, left to right."""
        if not self.forms_by_first:
            return []
        protected = [m.span() for m in PROTECTED.finditer(text)]
        bounds = tokens_boundaries(text)
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

    def mark(self, text: str, base: str = "../glossary.md") -> str:
        out, last = [], 0
        for start, end, entry in self.matches(text):
            out.append(text[last:start])
            out.append(link(entry, text[start:end], base))
            last = end
        out.append(text[last:])
        return "".join(out)

    def heading_translation(self, text_id: str, heading_text: str):
        return self.headings.get(text_id, {}).get(canonical(heading_text))


def link(entry: Entry, shown: str, base: str) -> str:
    """A Markdown link with attr_list attributes, so that MkDocs resolves (and ``--strict``
    checks) the glossary address on every page: ``[全球南方](../glossary.md#term-global-south){ … }``."""
    return (f'[{shown}]({base}#term-{entry.id}){{ .gloss title="{entry.en} · {entry.pinyin}" '
            f'data-en="{entry.en}" data-pinyin="{entry.pinyin}" }}')


WIDTH = str.maketrans({"(": "（", ")": "）", ",": "，", ":": "：", ";": "；", "?": "？", "!": "！",
                       '"': "", "“": "", "”": "", "‘": "", "’": "", "'": "", " ": ""})


def canonical(heading: str) -> str:
    """Heading text with punctuation width and quotes normalised, for matching translations."""
    return heading.strip().translate(WIDTH)


def load_headings(path: Path = ROOT / "sources" / "headings.yaml") -> dict:
    if not path.exists():
        return {}
    data = load_yaml(path) or {}
    return {tid: {canonical(str(k)): str(v) for k, v in (heads or {}).items()} for tid, heads in data.items()}


def documents_by_id(edition) -> dict:
    docs = getattr(edition, "documents", None) or []
    return dict(docs) if isinstance(docs, dict) else {d.id: d for d in docs}


def build_glossary(edition) -> Glossary:
    glossary = Glossary(load_entries(), headings=load_headings())
    for text_id, document in documents_by_id(edition).items():
        for block in getattr(document, "blocks", []):
            if getattr(block, "kind", "") == "heading":
                continue
            record(glossary, text_id, block.id, block.text)
        for note in getattr(document, "notes", []):
            record(glossary, text_id, f"fn:{note.n}", note.text)
    return glossary


def record(glossary: Glossary, text_id, anchor, text):
    for start, end, entry in glossary.matches(text):
        snippet = text[max(0, start - 12):end + 12]
        glossary.occurrences.setdefault(entry.id, []).append((text_id, anchor, snippet))


TONE_MARKS = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}


def pinyin_sort_key(entry: Entry) -> tuple:
    """The order of a Chinese dictionary (《现代汉语词典》): syllable by syllable, each by its
    letters (ü after u) and then its tone (1–4, neutral last), so 基辛格 jī < 机制 jī < 集体 jí
    < 技术 jì shù < 计算 jì suàn; then the term. 《》 and quotes are ignored."""
    import unicodedata
    bare = re.sub(r"[《》“”‘’「」]", "", entry.term)
    syllables = []
    for syllable in draft_pinyin(bare).split():
        decomposed = unicodedata.normalize("NFD", syllable.lower())
        tone = next((TONE_MARKS[c] for c in decomposed if c in TONE_MARKS), 5)
        letters = "".join(c for c in decomposed if not unicodedata.combining(c) or c == "\u0308")
        syllables.append((unicodedata.normalize("NFC", letters).replace("ü", "v"), tone))
    return (syllables, entry.term)


def initial_letter(entry: Entry) -> str:
    """The letter an entry is filed under on the glossary page."""
    syllables = pinyin_sort_key(entry)[0]
    return syllables[0][0][:1].upper() if syllables else "#"


def text_label(meta) -> str:
    """A text's short title for lists: its authors and the title up to the colon."""
    names = "、".join(a.name for a in getattr(meta, "authors", []) or [])
    return f"{names}《{meta.title.split('：')[0]}》"


def anchor_label(anchor: str) -> str:
    """``p-12`` → ``¶ 12``, ``fn:3`` → ``注 3``."""
    if anchor.startswith("fn:"):
        return f"注 {anchor[3:]}"
    return "¶ " + anchor[2:] if anchor.startswith("p-") else anchor


def occurrences_by_text(occurrences, order: list) -> list:
    """[(text_id, [(anchor, count), …]), …]: texts in edition order, each paragraph or note
    once in order of first occurrence, with the number of times the term occurs there."""
    by_text: dict = {}
    for text_id, anchor, _snippet in occurrences:
        counts = by_text.setdefault(text_id, {})
        counts[anchor] = counts.get(anchor, 0) + 1
    rank = {t: i for i, t in enumerate(order)}
    return [(t, list(by_text[t].items())) for t in sorted(by_text, key=lambda t: (rank.get(t, len(rank)), t))]


def glossary_markdown(edition) -> str:
    """The glossary page: an index of the categories, then each category's entries in pinyin
    order, each with its English, pinyin, definitions and occurrences grouped by text."""
    from .render_common import md_escape

    glossary = edition.glossary
    metas = list(getattr(edition, "metas", None) or [])
    order = [m.id for m in metas] or list(documents_by_id(edition))
    labels = {m.id: text_label(m) for m in metas}
    groups = [(cat, title, sorted((e for e in glossary.entries if e.category == cat), key=pinyin_sort_key))
              for cat, title in CATEGORIES.items()]
    groups = [g for g in groups if g[2]]
    lines = ["<!-- generated by edition build — do not edit -->", "", "# 术语表 Glossary {#title}", "",
             f"本表收录五篇文本中的 {len(glossary.entries)} 个术语，按类别分组、按拼音排序；"
             "每条列出英文对应词、拼音、中英文释义、英文译名的来源，以及它在各篇中出现的段落（¶）与注释。", "",
             f"{len(glossary.entries)} terms of the five texts, by category and in pinyin order, each with "
             "its English equivalent, pinyin, definitions, the source of the English form, and the "
             "paragraphs (¶) and notes where it occurs.", ""]
    lines += [f"- [{title}](#cat-{cat})（{len(entries)}）" for cat, title, entries in groups] + [""]
    for cat, title, entries in groups:
        lines += [f"## {title} {{#cat-{cat}}}", ""]
        initials: dict = {}
        for e in entries:
            initials.setdefault(initial_letter(e), e.id)
        lines += [" · ".join(f"[{letter}](#term-{eid})" for letter, eid in initials.items()), ""]
        for e in entries:
            lines += [f"### {e.term} {{#term-{e.id}}}", "",
                      f"**{md_escape(e.en)}** · *{e.pinyin}*" + (f" · 又作 {'、'.join(e.variants)}" if e.variants else ""), "",
                      f"{md_escape(e.def_zh)}  ", f"{md_escape(e.def_en)}  ", f"English: {md_escape(e.en_source)}.", ""]
            occ = glossary.occurrences.get(e.id, [])
            if not occ:
                continue
            lines += [f"出现于 Occurrences（{len(occ)}）：", ""]
            for text_id, anchors in occurrences_by_text(occ, order):
                links = "、".join(f"[{anchor_label(a)}{f' ×{n}' if n > 1 else ''}](texts/{text_id}.md#{a})"
                                  for a, n in anchors)
                lines.append(f"- {md_escape(labels.get(text_id, text_id))}：{links}")
            lines.append("")
    return "\n".join(lines)


AUTHOR_PAIR = re.compile(r"([\u4e00-\u9fff《》·]{2,})[（(]\s*([A-Za-z][A-Za-z .'’&-]*)\s*[)）]")


REJECTED = ROOT / "sources" / "glossary-rejected.yaml"


def author_pairs(text: str):
    """(Chinese, Latin) pairs the author gives: a term followed by Latin text in parentheses."""
    for m in AUTHOR_PAIR.finditer(text):
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


def unmatched_pairs(glossary: Glossary, edition) -> list:
    rejected = load_yaml(REJECTED) if REJECTED.exists() else {}
    problems = []
    for text_id, document in documents_by_id(edition).items():
        texts = [b.text for b in document.blocks] + [n.text for n in document.notes]
        for text in texts:
            for chinese, latin in author_pairs(text):
                if not pair_covered(glossary, chinese, latin, rejected or {}):
                    problems.append(Problem("sources/glossary.yaml", None,
                                            f"{text_id}: author's pair …{chinese[-10:]}（{latin}） is neither "
                                            "in the glossary nor in sources/glossary-rejected.yaml"))
    return problems


def check_problems(edition) -> list:
    problems = []
    try:
        glossary = getattr(edition, "glossary", None) or build_glossary(edition)
    except EditionError as err:
        return [Problem(err.path, err.line, err.message)]
    for text_id, document in documents_by_id(edition).items():
        for block in getattr(document, "blocks", []):
            if getattr(block, "kind", "") == "heading" and glossary.heading_translation(text_id, block.text) is None:
                problems.append(Problem("sources/headings.yaml", None,
                                        f"{text_id}: heading {block.text.strip()!r} has no English translation"))
    return (problems + unmatched_pairs(glossary, edition) + pinyin_problems(glossary.entries)
            + stale_exclusions(glossary, edition))


def stale_exclusions(glossary, edition) -> list:
    """A ``not_in`` passage found in no text any more (the text changed): it excludes nothing."""
    from .structure import document_text

    corpus = "\n".join(document_text(d) for d in documents_by_id(edition).values())
    return [Problem("sources/glossary.yaml", None, f"{entry.id}: not_in passage {context!r} occurs in no text")
            for entry in glossary.entries for context in entry.not_in if context not in corpus]


PINYIN_OVERRIDES_YAML = ROOT / "sources" / "pinyin-overrides.yaml"


@lru_cache(maxsize=4)
def pinyin_overrides(path: Path = PINYIN_OVERRIDES_YAML) -> dict[str, str]:
    """The reviewed readings of ``sources/pinyin-overrides.yaml`` (重构 chóng gòu, the surname
    曾 Zēng …), validated: each a term mapped to a reading, or an error with file and line."""
    data = load_yaml(path) or {}
    if not isinstance(data, dict):
        raise EditionError(path, "pinyin overrides must be a mapping of term to reading", 1)
    for term, reading in data.items():
        if not isinstance(reading, str) or not str(term).strip() or not reading.strip():
            raise EditionError(path, f"override {term!r} must map a term to a reading", line_of(data, term))
    return {str(term): reading for term, reading in data.items()}


def draft_pinyin(term: str) -> str:
    """pypinyin's reading of ``term`` (phrase-aware, tone marks, one syllable per item) with
    the reviewed overrides applied: a draft to review, and the reference the glossary's
    pinyin is tested against."""
    from pypinyin import Style, pinyin
    overrides = pinyin_overrides()
    keys = sorted(overrides, key=len, reverse=True)
    out, run, i = [], "", 0

    def flush():
        if run:
            out.extend(syllable[0] for syllable in pinyin(run, style=Style.TONE))
    while i < len(term):
        hit = next((k for k in keys if term.startswith(k, i)), None)
        if hit:
            flush()
            run = ""
            out.append(overrides[hit])
            i += len(hit)
        else:
            run += term[i]
            i += 1
    flush()
    return " ".join(out)


def pinyin_key(pinyin_text: str) -> str:
    """Pinyin without case, spaces, apostrophes, hyphens or punctuation, tone marks kept:
    ``Bùlǔsài'ěr xiàoyìng`` and ``bù lǔ sài ěr xiào yìng`` have one key."""
    import unicodedata
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFC", pinyin_text).lower())


def pinyin_problems(entries) -> list:
    """Entries whose pinyin is not the draft reading of their term (a mistyped syllable or
    tone, or a reading that needs a reviewed override in ``sources/pinyin-overrides.yaml``)."""
    return [Problem("sources/glossary.yaml", None,
                    f"{e.id}: pinyin {e.pinyin!r} does not agree with {draft_pinyin(e.term)!r}; fix it, "
                    "or add a reviewed override to sources/pinyin-overrides.yaml")
            for e in entries if pinyin_key(e.pinyin) != pinyin_key(draft_pinyin(e.term))]
