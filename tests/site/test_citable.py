"""The edition as one cites it, in the browser: printed pages on the markers, printed note
labels, links between texts at the cited page, the cite box with its copy buttons, copying
that gives only the text, and emendations marked where they stand. One page load per text,
shared by the assertions about it."""

from __future__ import annotations

import re

import pytest


@pytest.fixture(scope="module")
def clip_page(borrow):
    """A page allowed to read and write the clipboard."""
    with borrow() as tab:
        tab.context.grant_permissions(["clipboard-read", "clipboard-write"])
        yield tab


def load(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("load")


def test_yan_markers_are_the_printed_pages(clip_page, site_url):
    load(clip_page, f"{site_url}texts/yan/")
    numbers = clip_page.eval_on_selector_all("a.ed-page", "els => els.map(e => e.textContent.trim())")
    assert numbers == [str(n) for n in range(120, 138)]
    marker = clip_page.locator("#page-125")
    assert marker.count() == 1 and marker.get_attribute("title").startswith("原刊第 125 页")
    # the cite box: both citations, copy buttons, the edition's URL and the date of access filled in
    clip_page.locator("#about > summary").click()  # the cite box waits in the disclosure before the text
    clip_page.locator("#cite > summary").click()
    edition_gbt = clip_page.locator("#cite-edition-gbt").inner_text()
    assert f"{site_url}texts/yan/" in edition_gbt and "[引用日期]" not in edition_gbt
    assert re.search(r"\[\d{4}-\d{2}-\d{2}\]", edition_gbt)
    clip_page.locator("button[data-copy='cite-original-gbt']").click()
    clip_page.wait_for_function("() => document.querySelector(\"button[data-copy='cite-original-gbt']\").classList.contains('ed-copied')")
    copied = clip_page.evaluate("() => navigator.clipboard.readText()")
    assert copied == "阎德学. 全球人工智能治理：联合国的角色[J]. 国际问题研究, 2024(4): 120-137."
    bibtex = clip_page.locator("#cite-edition-bibtex").inner_text()
    assert "@online{yan2024quanqiu-reader," in bibtex and f"url = {{{site_url}texts/yan/}}" in bibtex
    cite = clip_page.locator("#p-12 a.ed-pilcrow").get_attribute("data-cite")
    assert f"{site_url}texts/yan/#p-12" in cite and "原刊第 12" in cite


def test_xue_zhao_pages_inferred_and_copy_gives_the_text(clip_page, site_url):
    load(clip_page, f"{site_url}texts/xue-zhao/")
    titles = clip_page.eval_on_selector_all("a.ed-page", "els => els.map(e => e.title)")
    assert len(titles) == 18 and all("编者推定" in t for t in titles)
    source = clip_page.locator("#source").text_content()
    assert "第1-18页" in source and "第56页" in source
    paragraph = clip_page.locator("#p-1")
    own = paragraph.evaluate("""p => { const c = p.cloneNode(true);
        c.querySelectorAll("sup, a.ed-page, a.ed-pilcrow, .ed-pagebreak").forEach(n => n.remove());
        return c.textContent; }""")
    paragraph.evaluate("""p => { const r = document.createRange(); r.selectNodeContents(p);
        const s = getSelection(); s.removeAllRanges(); s.addRange(r); }""")
    clip_page.evaluate("() => navigator.clipboard.writeText('')")
    clip_page.keyboard.press("Control+C")
    clip_page.wait_for_function("async () => (await navigator.clipboard.readText()).length > 0")
    copied = clip_page.evaluate("() => navigator.clipboard.readText()").strip()
    assert copied and "¶" not in copied
    digits_in_paragraph = set(re.findall(r"\d", own))
    assert set(re.findall(r"\d", copied)) <= digits_in_paragraph, copied
    assert re.sub(r"\s", "", copied) == re.sub(r"\s", "", own).replace("¶", "")


def test_li_notes_show_their_printed_labels_and_the_link_to_xue_zhao_says_why(clip_page, site_url):
    load(clip_page, f"{site_url}texts/li/")
    labels = clip_page.eval_on_selector_all("li[id^='fn:'] .ed-note-label", "els => els.map(e => e.textContent)")
    assert labels[0] == "〔原注①，原件第 1 页〕" and labels[13] == "〔原注③，原件第 7 页〕"
    note = clip_page.locator("li[id='fn:14']")
    link = note.locator("a.ed-edition-text")
    assert link.get_attribute("href").endswith("texts/xue-zhao/") or link.get_attribute("href").endswith("xue-zhao/")
    assert "所引第56页不在本文页码（第1-18页）之内" in note.inner_text()


@pytest.mark.parametrize("text_id", ["cai", "liang-song"])
def test_newspaper_and_web_page_make_no_page_claim(clip_page, site_url, text_id):
    load(clip_page, f"{site_url}texts/{text_id}/")
    assert clip_page.locator("a.ed-page").count() == 0
    assert "原刊第" not in clip_page.locator("article").inner_text()
    if text_id == "liang-song":
        # the conjectured 模 of 规模化 is marked where it stands, links to its row, and back
        mark = clip_page.locator("#p-1 .ed-emend-uncertain")
        assert mark.inner_text() == "模"
        sigil = clip_page.locator("#emend-at-liang-song-gui-mo-hua")
        assert sigil.get_attribute("href") == "#emend-liang-song-gui-mo-hua"
        sigil.click()
        assert clip_page.url.endswith("#emend-liang-song-gui-mo-hua")
        row = clip_page.locator("tr", has=clip_page.locator("#emend-liang-song-gui-mo-hua"))
        back = row.locator("a.ed-emend-back")
        assert back.get_attribute("href") == "#p-1"
        back.click()
        assert clip_page.url.endswith("#p-1")


def test_the_traditional_page_marks_its_emendations_too(clip_page, site_url):
    """liang-song's traditional reading marks the same emended readings, and each sigil leads to
    its row of the apparatus on the simplified page."""
    load(clip_page, f"{site_url}texts/liang-song-traditional/")
    marks = clip_page.eval_on_selector_all(".ed-emend-uncertain", "els => els.map(e => e.closest('[id]').id + ':' + e.textContent)")
    assert marks == ["p-1:模", "p-12:。"]
    sigil = clip_page.locator("#emend-at-liang-song-gui-mo-hua")
    assert sigil.get_attribute("href") == "../liang-song/#emend-liang-song-gui-mo-hua"
    sigil.click()
    clip_page.wait_for_load_state("load")
    assert clip_page.url == f"{site_url}texts/liang-song/#emend-liang-song-gui-mo-hua"
    row = clip_page.locator("tr", has=clip_page.locator("#emend-liang-song-gui-mo-hua"))
    assert row.is_visible() and row.locator("a.ed-emend-back").get_attribute("href") == "#p-1"


def test_no_placeholder_url_in_the_built_site(built_site):
    """site_url comes from the deployment (SITE_URL in CI); no page carries a placeholder."""
    found = [str(p.relative_to(built_site)) for p in built_site.rglob("*")
             if p.suffix in (".html", ".xml", ".js", ".json", ".bib") and "example.org" in p.read_text(encoding="utf-8", errors="ignore")]
    assert found == []
