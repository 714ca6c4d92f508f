"""The site's Markdown runs without the inline patterns no page uses
(``edition.markdown_patterns``), and no page is rendered differently for it."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import yaml

from edition.markdown_patterns import UNUSED

ROOT = Path(__file__).resolve().parents[2]


class MkDocsLoader(yaml.Loader):
    """mkdocs.yml as MkDocs reads it, with ``!ENV`` (site_url) left unset."""


MkDocsLoader.add_constructor("!ENV", lambda loader, node: None)


def site_markdown(without: tuple[str, ...] = ()) -> markdown.Markdown:
    """A Markdown converter with mkdocs.yml's extensions, but those named in ``without``."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=MkDocsLoader)
    extensions, configs = [], {}
    for item in config["markdown_extensions"]:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, {})
        if name not in without:
            extensions.append(name)
            configs[name] = options or {}
    return markdown.Markdown(extensions=extensions, extension_configs=configs)


def pages() -> dict[str, str]:
    """Every page of the site (generated or written by hand), without its front matter."""
    found = {}
    for path in sorted((ROOT / "docs").rglob("*.md")):
        relative = path.relative_to(ROOT / "docs").as_posix()
        if not relative.startswith(("adr/", "overrides/")):
            found[relative] = re.sub(r"\A---\n.*?\n---\n", "", path.read_text(encoding="utf-8"), flags=re.S)
    return found


def test_the_site_s_markdown_has_none_of_the_unused_inline_patterns():
    md = site_markdown()
    assert [name for name in UNUSED if name in md.inlinePatterns] == []
    assert "link" in md.inlinePatterns and "footnote" in md.inlinePatterns


def test_no_page_reads_differently_without_the_unused_inline_patterns():
    """A page that comes to use one of them (a reference link, an image) fails here:
    take the pattern's name out of ``UNUSED``."""
    found = pages()
    assert {"index.md", "glossary.md", "bibliography.md", "texts/yan.md"} <= set(found)
    for name, text in found.items():
        assert site_markdown().convert(text) == site_markdown(without=("edition.markdown_patterns",)).convert(text), name


def test_a_reference_link_would_show_here_as_it_stands():
    """What the test above guards: without the reference pattern, ``[text][id]`` is no link."""
    text = "见[此处][a]。\n\n[a]: https://example.org/"
    assert "<a " not in site_markdown().convert(text)
    assert "<a " in site_markdown(without=("edition.markdown_patterns",)).convert(text)
