"""The site's Markdown runs without the inline patterns no page uses
(``edition.markdown_patterns``) and passes what ``edition build`` wrote as finished HTML by
(``edition.finished_html``); no page is rendered differently for either."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import markdown
import yaml

from edition.markdown_patterns import UNUSED
from edition.markers import FINISHED_HTML_END, FINISHED_HTML_START
from edition.site.markup import BACKLINK_TITLE

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


def lines_of(html: str) -> list[str]:
    """Rendered HTML as its lines, without blank ones (between blocks they change nothing) and
    without the lines of ``edition.finished_html``'s markers, which a Markdown that does not
    know them leaves in the page as HTML comments."""
    return [line for line in html.split("\n") if line and line not in (FINISHED_HTML_START, FINISHED_HTML_END)]


def test_no_page_reads_differently_without_the_finished_html_shortcut():
    """What ``edition build`` writes as finished HTML is HTML that Python-Markdown would pass
    through as it stands: every page renders the same with the shortcut and, but for the
    marker lines and blank lines between blocks, without it (as it would in a Markdown that does not load it)."""
    found = pages()
    assert [name for name in found if name.startswith("texts/") and FINISHED_HTML_START not in found[name]] == []
    for name, text in found.items():
        assert lines_of(site_markdown().convert(text)) == lines_of(
            site_markdown(without=("edition.finished_html",)).convert(text)), name


def test_a_stretch_left_open_is_read_as_markdown():
    text = f"段一。\n\n{FINISHED_HTML_START}\n<p>段二。</p>\n{FINISHED_HTML_END}\n\n*段三*\n\n{FINISHED_HTML_START}\n*段四*"
    html = site_markdown().convert(text)
    assert "<p>段二。</p>" in html and "<em>段三</em>" in html and "<em>段四</em>" in html


def test_the_edition_s_notes_link_back_as_the_site_s_footnotes_do():
    """The notes of a text page are finished HTML in the form of Python-Markdown's footnotes
    (ADR 0004); their links back have the title mkdocs.yml gives a hand-written page's."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=MkDocsLoader)
    footnotes = next(item["footnotes"] for item in config["markdown_extensions"] if isinstance(item, dict) and "footnotes" in item)
    assert footnotes["BACKLINK_TITLE"].replace("%d", "{}") == BACKLINK_TITLE
    html = site_markdown().convert("注。[^1]\n\n[^1]: 一条。")
    assert f'title="{BACKLINK_TITLE.format(1)}"' in html


def test_mkdocs_checks_a_link_into_finished_html_against_its_ids(tmp_path):
    """MkDocs no longer reads the finished stretches for their ids; the extension hands it
    them, so a Markdown link to an anchor there passes and one to a missing anchor still fails."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(f"# 正文\n\n{FINISHED_HTML_START}\n<p class=\"ed-p\" id=\"p-12\">段。</p>\n"
                                   f"{FINISHED_HTML_END}\n", encoding="utf-8")
    (docs / "links.md").write_text("# 链接\n\n[有](index.md#p-12) [无](index.md#p-99)\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nmarkdown_extensions:\n  - edition.finished_html\n"
                                         "validation:\n  links:\n    anchors: warn\n", encoding="utf-8")
    mkdocs = Path(sys.executable).with_name("mkdocs")
    result = subprocess.run([str(mkdocs), "build", "--strict"], cwd=tmp_path, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert len(warnings) == 1 and "'#p-99'" in warnings[0], result.stderr
    assert result.returncode != 0
