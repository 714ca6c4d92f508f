"""Citing a text of the edition: GB/T 7714 plain text, its own BibTeX entry, and the
``citation_*`` tags that Zotero and Google Scholar read."""

from __future__ import annotations

import re

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
