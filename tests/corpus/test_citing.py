"""Citing a text: one BibTeX key per work in the cite box, the bibliography page and bib/; both
citations (the original, and this edition) in the box; no placeholder URL."""

import html
import re
from pathlib import Path

import bibtexparser

from edition.site.citation import bibtex_key, citation_gbt

ROOT = Path(__file__).resolve().parents[2]


def box_keys(page: str) -> list[str]:
    return re.findall(r'<div class="ed-bibtex-block" id="cite-original-bibtex"><pre class="ed-bibtex"[^>]*><code>@\w+\{([^,]+),', html.unescape(page))


def test_one_key_per_work_in_box_bibliography_and_bib(edition, generated):
    bib_keys = {e.key for e in bibtexparser.parse_string(generated["bib/edition.bib"]).entries}
    bibliography = generated["docs/bibliography.md"]
    registered = {str(e["key"]) for e in edition.sources.works.registry}
    for meta in edition.metas:
        key = bibtex_key(meta, edition.sources.works)
        assert box_keys(generated[f"docs/texts/{meta.id}.md"]) == [key], meta.id
        assert generated[f"docs/assets/bib/cite-{meta.id}.bib"].startswith("@"), meta.id
        assert f"{{{key}," in generated[f"docs/assets/bib/cite-{meta.id}.bib"], meta.id
        assert key in registered, meta.id
        work = next((w for w in edition.bibliography.works.values() if w.edition_text == meta.id), None)
        if work is not None:  # cited by another text: the same key in the bibliography and bib/
            assert work.key == key and f'id="{key}"' in bibliography and key in bib_keys


def test_the_box_cites_the_original_and_this_edition(generated):
    page = generated["docs/texts/yan.md"]
    assert 'id="cite-original-gbt"' in page and 'id="cite-edition-gbt"' in page
    assert 'id="cite-edition-bibtex"' in page and "@online{yan2024quanqiu-reader," in html.unescape(page)
    assert page.count('class="ed-copy') == 4
    edition_gbt = html.unescape(re.search(r'id="cite-edition-gbt"[^>]*>([^<]*)<', page).group(1))
    assert "[EB/OL]//人工智能国际治理 · 读本" in edition_gbt and "[引用日期]" in edition_gbt and "texts/yan/" in edition_gbt


def test_no_citation_ends_on_its_mark(edition):
    for meta in edition.metas:
        assert not re.search(r"\[[A-Z/]+\]\.$", citation_gbt(meta)), citation_gbt(meta)


def test_liang_song_is_cited_as_the_web_page_it_was_read_from(edition):
    text = citation_gbt(edition.meta("liang-song"))
    assert "[EB/OL]" in text and "清华大学新闻网, (2025-07-08)" in text and "原载新华社, 2025-07-07" in text


def test_paragraph_permalinks_carry_their_citation(generated):
    page = generated["docs/texts/yan.md"]
    cite = re.search(r'<a class="ed-pilcrow" href="#p-12"[^>]*data-cite="([^"]*)"', page).group(1)
    cite = html.unescape(cite)
    assert "texts/yan/#p-12" in cite and "原刊第 124 页" in cite and "¶12" in cite


def test_no_placeholder_site_url():
    assert "example.org" not in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "docs/assets/cite.js" in [f"docs/{p.strip()[2:]}" for p in (ROOT / "mkdocs.yml").read_text().splitlines()
                                     if p.strip().startswith("- assets/")]
