"""The glossary on the page: terms marked in running text as links to their entry, and the
glossary page (``docs/glossary.md``)."""

from __future__ import annotations

import re

from ..fingerprint import KeptResults
from ..markers import FINISHED_HTML_END, FINISHED_HTML_START
from ..pinyin import syllable_key
from ..sources.glossary import CATEGORIES, Entry
from .markup import banner, esc, md_escape, md_text, site_href
from .pagination import note_references


def glossary_link(entry: Entry, shown: str, href: str) -> str:
    """A term in running text as a link to its entry, with its English and pinyin for the gloss
    modes and the preview (``href``: the glossary page's address from the page it is on,
    ``site_href``): ``<a class="gloss" data-en="Global South" … href="../../glossary/#term-global-south" …>全球南方</a>``."""
    en, pinyin = md_text(entry.en), md_text(entry.pinyin)
    return (f'<a class="gloss" data-en="{en}" data-pinyin="{pinyin}" href="{href}#term-{entry.id}" '
            f'title="{en} · {pinyin}">{md_text(shown)}</a>')


def mark_terms(glossary, text: str, href: str) -> str:
    """Source ``text`` as finished HTML (``md_text``) with each occurrence of a glossary term as a
    link to its entry (``glossary_link``; ``href``: the glossary page's address)."""
    out, last = [], 0
    for start, end, entry in glossary.matches(text):
        out.append(md_text(text[last:start]))
        out.append(glossary_link(entry, text[start:end], href))
        last = end
    out.append(md_text(text[last:]))
    return "".join(out)


AUTHOR_IN = re.compile(r"\bthe author in ([a-z0-9-]+)\b")


def reader_en_source(en_source: str, metas_by_id: dict) -> str:
    """The source of an entry's English as a reader reads it: "given by the author in li" names
    the author, not the text's id (李艳 Li Yan)."""
    def author(match: re.Match[str]) -> str:
        meta = metas_by_id.get(match.group(1))
        if meta is None:
            return match.group(0)
        names = "、".join(a.name for a in meta.authors)
        pinyin = ", ".join(a.pinyin for a in meta.authors)
        return f"the author, {names} ({pinyin}),"
    text = AUTHOR_IN.sub(author, en_source)
    return re.sub(r",(\s*$|;)", r"\1", text)


def initial_letter(syllables: list[tuple[str, int]]) -> str:
    """The letter an entry is filed under on the glossary page, from its ``syllable_key``."""
    return syllables[0][0][:1].upper() if syllables else "#"


def text_label(meta) -> str:
    """A text's short title for lists: its authors and the title up to the colon."""
    names = "、".join(a.name for a in meta.authors)
    return f"{names}《{meta.title.split('：')[0]}》"


def anchor_label(anchor: str, notes: dict[int, str] | None = None) -> str:
    """``p-12`` → ``¶ 12``, ``fn:3`` → ``注 3``, or the note's one form of reference from
    ``notes`` (``注 3（原注③，原件第 1 页）``, ``site/pagination.note_reference``)."""
    if anchor.startswith("fn:"):
        n = int(anchor[3:]) if anchor[3:].isdigit() else None
        return (notes or {}).get(n, f"注 {anchor[3:]}")
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


def term_heading(entry: Entry) -> str:
    """An entry's heading, written as HTML so that the table of contents (shown twice by the
    theme: sidebar and mobile menu) lists the categories, not the 260 entries — they were
    half the page's elements. The permalink is the edition's own, named by ``aria-label``
    rather than a ``title``: the theme's tooltips, set up for each titled element, cost the
    page seconds on a phone."""
    return (f'<h3 class="ed-term" id="term-{entry.id}">{esc(entry.term)}'
            f'<a class="headerlink" href="#term-{entry.id}" aria-label="本条的固定链接">¶</a></h3>')


def occurrences_html(by_text: list, total: int, labels: dict, authors: dict, notes: dict) -> list[str]:
    """An entry's occurrences, collapsed (``<details>``): the summary counts them by text, the
    list opened links every paragraph and note. Closed, the links cost the page no layout."""
    counts = " · ".join(f"{md_escape(authors.get(t, t))} {sum(n for _a, n in anchors)}" for t, anchors in by_text)
    items = []
    for text_id, anchors in by_text:
        links = "、".join(f'<a href="{site_href(GLOSSARY_PAGE, f"texts/{text_id}.md#{a}")}">'
                          f"{anchor_label(a, notes.get(text_id))}{f' ×{n}' if n > 1 else ''}</a>" for a, n in anchors)
        items.append(f"<li>{md_escape(labels.get(text_id, text_id))}：{links}</li>")
    return ['<details class="ed-occurrences">', f"<summary>出现于 Occurrences（{total}）：{counts}</summary>",
            "<ul>", *items, "</ul>", "</details>"]


def entry_html(entry: Entry, occurrences: list[str], metas_by_id: dict) -> list[str]:
    """An entry of the glossary page as finished HTML: its heading, English and pinyin, the
    definitions and the source of the English, its occurrences."""
    variants = f" · 又作 {md_text('、'.join(entry.variants))}" if entry.variants else ""
    return [term_heading(entry), "",
            f"<p><strong>{md_escape(entry.en)}</strong> · <em>{md_text(entry.pinyin)}</em>{variants}</p>",
            f"<p>{md_escape(entry.def_zh)}<br />\n{md_escape(entry.def_en)}<br />\n"
            f"English: {md_escape(reader_en_source(entry.en_source, metas_by_id))}.</p>",
            *occurrences]


#: The glossary page, as MkDocs names it (the links from it are ``site_href``'s).
GLOSSARY_PAGE = "glossary.md"

#: The name under which the glossary page leaves its terms' sort keys for a later build (``Edition.kept``).
GLOSSARY_ORDER = "glossary-order"


def sort_keys(entries, overrides, kept: KeptResults, overrides_digest: str | None) -> dict[str, list]:
    """Each entry's ``syllable_key`` by id, taken from ``kept`` (by the term and the overrides
    file as read) where an earlier build made it."""
    keys = {e.id: kept.get(overrides_digest and f"{overrides_digest}\0{e.term}", lambda e=e: syllable_key(e.term, overrides))
            for e in entries}
    kept.drop_unused()
    return keys


def glossary_markdown(edition) -> str:
    """The glossary page: an index of the categories, then each category's entries in pinyin
    order, each with its English, pinyin, definitions and occurrences grouped by text."""
    glossary = edition.glossary
    overrides = edition.sources.pinyin
    order = [m.id for m in edition.metas]
    labels = {m.id: text_label(m) for m in edition.metas}
    authors = {m.id: "、".join(a.name for a in m.authors) for m in edition.metas}
    notes = {t: note_references(edition, t) for t in order}
    metas_by_id = {m.id: m for m in edition.metas}
    keys = sort_keys(glossary.entries, overrides, edition.kept.setdefault(GLOSSARY_ORDER, KeptResults()),
                     edition.sources.digests.get("pinyin"))
    groups = [(cat, title, sorted((e for e in glossary.entries if e.category == cat), key=lambda e: (keys[e.id], e.term)))
              for cat, title in CATEGORIES.items()]
    groups = [g for g in groups if g[2]]
    lines = [banner("sources/glossary.yaml and the occurrences in every text"), "", "# 术语表 Glossary {#title}", "",
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
            initials.setdefault(initial_letter(keys[e.id]), e.id)
        finished = ["<p>" + " · ".join(f'<a href="#term-{eid}">{letter}</a>' for letter, eid in initials.items()) + "</p>"]
        for e in entries:
            occ = glossary.occurrences.get(e.id, [])
            occurrences = occurrences_html(occurrences_by_text(occ, order), len(occ), labels, authors, notes) if occ else []
            finished += entry_html(e, occurrences, metas_by_id)
        lines += [FINISHED_HTML_START, *finished, FINISHED_HTML_END, ""]
    return "\n".join(lines)
