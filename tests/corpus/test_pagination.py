"""The pagination of record: page markers numbered and labelled by the printed page where it is
known, by the source file's page where it is not, and absent where there is none to cite; the
printed note labels; links between texts landing on the cited page."""

import re

import pytest

from edition.site.pagination import (NONE, PRINTED, SOURCE_FILE, Pagination, cited_page, note_reference,
                                     page_link, pagination_of)


def markers(page: str) -> list[tuple[int, str]]:
    return [(int(n), label) for n, label in re.findall(r'<a class="ed-page[^"]*" id="page-(\d+)"[^>]*title="([^"]*)"', page)]


def test_yan_markers_are_the_printed_pages_120_to_137(generated):
    found = markers(generated["docs/texts/yan.md"])
    assert [n for n, _ in found] == list(range(120, 138))
    assert all(label.startswith(f"原刊第 {n} 页") for n, label in found)


def test_xue_zhao_pages_are_inferred_and_the_conflict_stated(edition, generated):
    meta = edition.meta("xue-zhao")
    assert meta.pages == "1-18"
    reason = meta.inferred["pages"]
    assert "第1-18页" in reason and "第56页" in reason
    found = markers(generated["docs/texts/xue-zhao.md"])
    assert [n for n, _ in found] == list(range(1, 19))
    assert all("编者推定" in label for _, label in found)


def test_li_markers_say_they_count_the_source_file(generated):
    found = markers(generated["docs/texts/li.md"])
    assert found and all(label.startswith(f"原件第 {n} 页") for n, label in found)
    assert "原刊第" not in " ".join(label for _, label in found)


@pytest.mark.parametrize("text_id", ["cai", "liang-song", "liang-song-traditional"])
def test_newspaper_and_web_page_make_no_page_claim(generated, text_id):
    page = generated[f"docs/texts/{text_id}.md"]
    assert 'class="ed-page' not in page and "原刊第" not in page and "原书第" not in page


def test_each_source_page_has_one_printed_page(edition):
    """A printed range must have as many pages as the source file."""
    for meta, document in edition.pairs():
        pagination = pagination_of(meta)
        if pagination.kind != PRINTED:
            continue
        pages = {b.page for b in document.blocks if b.page} | {p for b in document.blocks for p in (b.pages or [])}
        assert pagination.last - pagination.first + 1 == max(pages), meta.id


def test_li_notes_show_their_printed_label(generated):
    page = generated["docs/texts/li.md"]
    assert re.search(r'^<li id="fn:14">\n<p><span class="ed-note-label"[^>]*>〔原注③，原件第 7 页〕</span>', page, re.M)


def test_the_edition_refers_to_a_note_in_one_form(edition, generated):
    note = edition.document("li").notes[13]
    assert note_reference(pagination_of(edition.meta("li")), note) == "注 14（原注③，原件第 7 页）"
    assert '<a href="../li/#fn:14">注 14（原注③，原件第 7 页）</a>' in generated["docs/texts/xue-zhao.md"]
    assert "注 14（原注③，原件第 7 页）" in edition.meta("xue-zhao").inferred["venue"]
    assert "note 3 of section" not in generated["docs/texts/xue-zhao.md"]


def test_links_between_texts_land_on_the_cited_page_or_say_why_not(generated):
    yan = generated["docs/texts/yan.md"]
    assert '<a class="ed-edition-text" href="../xue-zhao/#page-1">' in yan
    li = generated["docs/texts/li.md"]
    assert re.search(r'<a class="ed-edition-text" href="\.\./xue-zhao/">[^<]*</a>（<span class="ed-link-note">所引第56页不在本文页码（第1-18页）之内', li)


def test_page_link_rules():
    printed = Pagination(PRINTED, 120, 137)
    assert page_link(printed, 125) == ("#page-125", "")
    assert page_link(printed, 56)[0] == ""
    assert page_link(Pagination(SOURCE_FILE), 3)[0] == ""
    assert page_link(Pagination(NONE), None) == ("", "")
    assert cited_page("《国际经济评论》2024年第3期，第1-18页。") == 1
    assert cited_page("2024年第3期，第56页。") == 56
