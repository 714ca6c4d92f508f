"""Every link inside the built site leads somewhere: the page exists and so does the anchor.

MkDocs checks Markdown links (``--strict``), but not links written as raw HTML, nor the
URLs the browser finally sees; this walks the built HTML as a reader would click it.
"""

from __future__ import annotations

import html.parser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

BASE = "http://site.invalid/"


class _Parser(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("name"):
            self.ids.add(attributes["name"])
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])


def _parse(path: Path) -> _Parser:
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _target_file(site: Path, url: str) -> Path | None:
    path = unquote(urlparse(url).path).lstrip("/")
    candidate = site / path
    if path == "" or path.endswith("/"):
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def test_every_internal_link_resolves(built_site):
    pages = {p: _parse(p) for p in built_site.rglob("*.html")}
    broken = []
    for path, parsed in pages.items():
        relative = path.relative_to(built_site).as_posix()
        if relative == "404.html":
            continue  # its links are absolute, for the deployed site_url
        page_url = urljoin(BASE, relative[: -len("index.html")] if relative.endswith("index.html") else relative)
        for href in parsed.links:
            if href.startswith(("mailto:", "javascript:", "data:")):
                continue
            url = urljoin(page_url, href)
            if not url.startswith(BASE):
                continue  # another site: not followed
            target = _target_file(built_site, url)
            if target is None:
                broken.append(f"{relative}: {href} (no such file)")
                continue
            fragment = unquote(urlparse(url).fragment)
            if fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if fragment not in ids:
                    broken.append(f"{relative}: {href} (no anchor #{fragment})")
    assert broken == [], "\n".join(sorted(set(broken))[:40])
