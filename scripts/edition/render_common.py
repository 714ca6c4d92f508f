"""Helpers shared by the render modules: the "generated" banner, escaping, ``lang`` spans,
front matter, and the formatted citation and BibTeX of a text of the edition."""

from __future__ import annotations

import html
import re
from typing import Any

import yaml

from .build import GENERATED_HEADER
from .markers import NOTE_REF, PAGE_MARK, URL

KIND_LABEL = {
    "journal-article": "期刊论文",
    "newspaper-commentary": "报纸评论",
    "news-commentary": "通讯社评论",
}
KIND_LABEL_EN = {
    "journal-article": "journal article",
    "newspaper-commentary": "newspaper commentary",
    "news-commentary": "news-agency commentary",
}


def banner(source: str) -> str:
    """The first line of every generated page (after its front matter, which must come first)."""
    return "<!-- " + GENERATED_HEADER.format(source=source) + " -->"


def page(body: str, source: str, meta: dict[str, Any] | None = None) -> str:
    """A generated Markdown page: front matter (if any), the banner, the body."""
    head = ""
    if meta:
        head = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000) + "---\n"
    return head + banner(source) + "\n\n" + body.strip("\n") + "\n"


def esc(text: Any) -> str:
    """Text for HTML (element content or a quoted attribute)."""
    return html.escape(str(text), quote=True)


MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def md_escape(text: str) -> str:
    """Plain text that must come out of Markdown as it stands."""
    return MD_SPECIAL.sub(r"\\\1", text)


# --- lang on mixed spans ------------------------------------------------------------------

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN = re.compile(r"[A-Za-z]")
#: What a ``lang`` span must never cut into: tags, Markdown links and images, note
#: references, page markers, URLs, inline code, attr_list braces.
PROTECTED = re.compile(
    r"<[^<>]*>|&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);|!?\[[^\]\n]*\]\([^)\n]*\)|`[^`\n]*`|\{[^{}\n]*\}|"
    + "|".join(p.pattern for p in (NOTE_REF, PAGE_MARK, URL))
)
#: Two or more Latin words in a row (a Western title, a name, a phrase): "Human Compatible";
#: or one English word of four letters or more, not an acronym: "Jailbreak", "ChatGPT".
LATIN_RUN = re.compile(
    r"(?<![A-Za-z0-9&/@.\-])(?:[A-Za-z][A-Za-z0-9'’\-]*"
    r"(?:(?:[,:;.]?[ \u00a0]+|[ ]?[&/][ ]?)[A-Za-z0-9][A-Za-z0-9'’\-]*)+\.?"
    r"|(?=[A-Za-z]*[a-z])[A-Za-z]{4,}(?![A-Za-z0-9\-]))"
)


_LINK_OR_TAG = re.compile(r"(<[^<>\n]*>|\]\([^)\n]*\))|" + URL.pattern)


def link_urls(text: str) -> str:
    """Every bare address in clean text becomes a Markdown autolink: ``https://arxiv.org/pdf/2308.15514``
    → ``<https://arxiv.org/pdf/2308.15514>`` (so ``_`` in it is never read as emphasis). Addresses
    already inside a tag or a link are left alone."""
    return _LINK_OR_TAG.sub(lambda m: m.group(1) or f"<{m.group(0)}>", text)


def mostly_latin(text: str) -> bool:
    """True for a note or passage written in a Western language (no Han character)."""
    stripped = PROTECTED.sub("", text)
    return not HAN.search(stripped) and len(LATIN.findall(stripped)) >= 8


def mark_latin(text: str) -> str:
    """Wrap runs of two or more Latin words inside Chinese text in ``<span lang="en">``.

    Tags, links, note references, page markers and URLs are never cut into; a text with
    no Han character is left alone (its block gets ``lang="en"`` as a whole).
    """
    if not HAN.search(text):
        return text
    pieces: list[str] = []
    position = 0
    for match in PROTECTED.finditer(text):
        pieces.append(_wrap_runs(text[position:match.start()]))
        pieces.append(match.group(0))
        position = match.end()
    pieces.append(_wrap_runs(text[position:]))
    return "".join(pieces)


HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff](?:[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef《》“”·\d]*[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff》”\uff09])?")


def mark_han(escaped: str, lang: str = "zh-Hans") -> str:
    """In English text already escaped for HTML, wrap each run of Chinese in ``<span lang>``."""
    return HAN_RUN.sub(lambda m: f'<span lang="{lang}">{m.group(0)}</span>', escaped)


def mark_han_markdown(text: str, lang: str = "zh-Hans") -> str:
    """``mark_han`` for Markdown: code spans and tags are left alone."""
    parts = re.split(r"(`[^`]*`|<[^<>]*>)", text)
    return "".join(part if part.startswith(("`", "<")) else mark_han(part, lang) for part in parts)


def _wrap_runs(stretch: str) -> str:
    if "*" in stretch or "_" in stretch:
        # emphasis markers could be split by a span; leave such stretches alone
        return stretch
    return LATIN_RUN.sub(lambda m: f'<span lang="en">{m.group(0)}</span>', stretch)


# --- citing a text of the edition -----------------------------------------------------------

def issue_number(issue: str | None) -> str | None:
    if not issue:
        return None
    digits = re.search(r"\d+", issue)
    return digits.group(0) if digits else issue


def page_range(pages: str | None) -> tuple[str | None, str | None]:
    if not pages:
        return None, None
    parts = re.split(r"\s*[-–—~]+\s*", pages.strip())
    return parts[0] or None, (parts[1] if len(parts) > 1 else None)


def author_names(meta) -> list[str]:
    return [a.name for a in meta.authors]


def citation_gbt(meta) -> str:
    """The text cited in the manner of GB/T 7714-2015 (plain text)."""
    authors = ", ".join(author_names(meta))
    mark = "J" if meta.kind == "journal-article" else "N"
    if meta.url:
        mark += "/OL"
    parts = f"{authors}. {meta.title}[{mark}]."
    venue = meta.venue or ""
    if meta.kind == "journal-article":
        detail = venue
        if meta.year:
            detail += f", {meta.year}"
        number = issue_number(meta.issue)
        if number:
            detail += f"({number})"
        if meta.pages:
            detail += f": {meta.pages}"
    else:
        detail = venue
        when = meta.date or (str(meta.year) if meta.year else "")
        if when:
            detail += f", {when}"
        if meta.pages:
            detail += f"({meta.pages})"
    if detail:
        parts += f" {detail}."
    if meta.url:
        parts += f" {meta.url}."
    return parts


def bibtex_key(meta) -> str:
    """The key of the text's own BibTeX entry: pinyin surname of the first author, year, id."""
    surname = re.sub(r"[^a-z]", "", meta.authors[0].pinyin.split()[0].lower())
    return f"{surname}{meta.year or ''}-{meta.id}"


def _braced(value: str) -> str:
    depth = 0
    for char in value:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            break
    if depth != 0:
        value = value.replace("{", "(").replace("}", ")")
    return "{" + value + "}"


def bibtex_entry(meta) -> str:
    """The text's own BibTeX entry (Chinese names whole, as family names)."""
    entry_type = "article"
    fields: list[tuple[str, str]] = [
        ("author", " and ".join("{" + name + "}" for name in author_names(meta))),
        ("title", meta.title),
    ]
    if meta.venue:
        fields.append(("journal", meta.venue))
    if meta.year:
        fields.append(("year", str(meta.year)))
    if meta.date:
        fields.append(("date", meta.date))
    number = issue_number(meta.issue)
    if number:
        fields.append(("number", number))
    if meta.pages:
        fields.append(("pages", meta.pages.replace("-", "--")))
    if meta.issn:
        fields.append(("issn", meta.issn))
    if meta.url:
        fields.append(("url", meta.url))
    fields.append(("language", "chinese"))
    fields.append(("note", "English title: " + meta.title_en))
    body = ",\n".join(f"  {name} = {_braced(value)}" for name, value in fields)
    return f"@{entry_type}{{{bibtex_key(meta)},\n{body}\n}}\n"


def citation_meta_tags(meta) -> list[dict[str, str]]:
    """Highwire-style ``citation_*`` tags (Zotero, Google Scholar), in order."""
    tags: list[dict[str, str]] = [{"name": "citation_title", "content": meta.title}]
    for author in meta.authors:
        tags.append({"name": "citation_author", "content": author.name})
    if meta.venue:
        tags.append({"name": "citation_journal_title", "content": meta.venue})
    if meta.publisher:
        tags.append({"name": "citation_publisher", "content": meta.publisher})
    if meta.date:
        when = meta.date.replace("-", "/")
    elif meta.year:
        when = str(meta.year)
    else:
        when = None
    if when:
        tags.append({"name": "citation_publication_date", "content": when})
        tags.append({"name": "citation_date", "content": when})
    if meta.year:
        tags.append({"name": "citation_year", "content": str(meta.year)})
    number = issue_number(meta.issue)
    if number:
        tags.append({"name": "citation_issue", "content": number})
    first, last = page_range(meta.pages)
    if first:
        tags.append({"name": "citation_firstpage", "content": first})
    if last:
        tags.append({"name": "citation_lastpage", "content": last})
    if meta.issn:
        tags.append({"name": "citation_issn", "content": meta.issn})
    tags.append({"name": "citation_language", "content": "zh"})
    keywords = "; ".join(k["zh"] for k in meta.keywords)
    if keywords:
        tags.append({"name": "citation_keywords", "content": keywords})
    tags.append({"name": "citation_abstract", "content": meta.abstract_en})
    return tags
