"""Citing a text of the edition: GB/T 7714 plain text, its own BibTeX entry, and the
``citation_*`` tags that Zotero and Google Scholar read."""

from __future__ import annotations

import re

from ..sources.works import normalise_title

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


EDITION_TITLE = "人工智能国际治理 · 读本"
EDITION_TITLE_EN = "AI governance reader"


def gbt_mark(meta) -> str:
    """GB/T 7714-2015 type mark: a text read from a web page is [EB/OL], whatever it reposts."""
    if meta.republished_by:
        return "EB/OL"
    mark = "J" if meta.kind == "journal-article" else "N"
    return mark + "/OL" if meta.url else mark


def citation_gbt(meta) -> str:
    """The text cited in the manner of GB/T 7714-2015 (plain text). What the source does not
    print is said so (``[刊名不详]``), not left out, so that the citation never ends on its mark."""
    authors = ", ".join(author_names(meta))
    mark = gbt_mark(meta)
    parts = f"{authors}. {meta.title}[{mark}]."
    if mark == "EB/OL":
        where = meta.republished_by.split(" (")[0].split(" · ")[0] if meta.republished_by else (meta.venue or "")
        detail = f"{where}, ({meta.date or meta.year})" if (meta.date or meta.year) else where
        parts += f" {detail}."
        if meta.url:
            parts += f" {meta.url}."
        else:
            parts += " [网址不详]."
        if meta.venue:
            parts += f" 原载{meta.venue}" + (f", {meta.original_date}" if meta.original_date else "") + "."
        return parts
    venue = meta.venue or ("[刊名不详]" if meta.kind == "journal-article" else "")
    if meta.kind == "journal-article":
        detail = venue + (f", {meta.year}" if meta.year else ", [出版年不详]")
        number = issue_number(meta.issue)
        if number:
            detail += f"({number})"
        if meta.pages:
            detail += f": {meta.pages}"
    else:
        detail = venue
        when = meta.date or (str(meta.year) if meta.year else "[出版日期不详]")
        detail += f", {when}"
        if meta.pages:
            detail += f"({meta.pages})"
    parts += f" {detail}."
    if meta.url:
        parts += f" {meta.url}."
    return parts


def text_path(meta) -> str:
    """The path of a text's page on the site, relative to the site's root."""
    return f"texts/{meta.id}/"


def edition_citation_gbt(meta, anchor: str = "", page: str = "") -> str:
    """This text as read in this edition (GB/T 7714-2015, [EB/OL]): the site's path stands for
    its URL (the page's JavaScript makes it absolute) and ``[引用日期]`` for the date of access."""
    authors = ", ".join(author_names(meta))
    where = f", {page}" if page else ""
    return (f"{authors}. {meta.title}[EB/OL]//{EDITION_TITLE}{where}. [引用日期]. "
            f"{text_path(meta)}{anchor}.")


def bibtex_key(meta, works=None) -> str:
    """The key of the text's own BibTeX entry: its key in the registry of ``sources/works.yaml``
    (the same as in the bibliography, where another text cites it); for a text not registered,
    the pinyin surname of the first author, the year and the id."""
    entry = works.registered("title:" + normalise_title(meta.title)) if works is not None else None
    if entry:
        return str(entry["key"])
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


def bibtex_entry(meta, works=None) -> str:
    """The text's own BibTeX entry (Chinese names whole, as family names)."""
    entry_type = "online" if meta.republished_by else "article"
    fields: list[tuple[str, str]] = [
        ("author", " and ".join("{" + name + "}" for name in author_names(meta))),
        ("title", meta.title),
    ]
    if meta.venue and not meta.republished_by:
        fields.append(("journaltitle", meta.venue))
    if meta.republished_by:
        fields.append(("organization", meta.republished_by.split(" (")[0]))
    elif meta.kind != "journal-article":
        fields.append(("entrysubtype", "newspaper"))
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
    fields.append(("langid", "chinese"))
    fields.append(("note", "English title: " + meta.title_en))
    return bibtex_text(entry_type, bibtex_key(meta, works), fields)


def bibtex_text(entry_type: str, key: str, fields: list[tuple[str, str]]) -> str:
    body = ",\n".join(f"  {name} = {_braced(value)}" for name, value in fields)
    return f"@{entry_type}{{{key},\n{body}\n}}\n"


def edition_bibtex_entry(meta, works=None) -> str:
    """This text as read in this edition, ``@online`` with ``related`` pointing to the original;
    ``url`` is the page's path on the site until the page's JavaScript makes it absolute."""
    key = bibtex_key(meta, works)
    fields = [
        ("author", " and ".join("{" + name + "}" for name in author_names(meta))),
        ("title", meta.title),
        ("organization", EDITION_TITLE),
        ("url", text_path(meta)),
        ("urldate", "YYYY-MM-DD"),
        ("related", key),
        ("relatedtype", "reprintof"),
        ("langid", "chinese"),
    ]
    return bibtex_text("online", f"{key}-reader", fields)


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
