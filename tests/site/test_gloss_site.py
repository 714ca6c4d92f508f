"""The gloss on the site: a focused term shows its English; the interlinear toggle persists."""


def visible_gloss_tooltip(page):
    return page.locator(".md-tooltip2--active, .md-tooltip--active").first


def test_focusing_a_glossed_term_shows_its_english(page, site_url):
    page.goto(f"{site_url}texts/xue-zhao/")
    term = page.locator("a.gloss[href$='#term-regime-complex']").first
    term.focus()
    tooltip = visible_gloss_tooltip(page)
    tooltip.wait_for(state="visible")
    assert "regime complex" in tooltip.inner_text()


def test_interlinear_toggle_persists_across_pages(page, site_url):
    page.goto(f"{site_url}texts/xue-zhao/")
    page.locator("#gloss-toggle").click()
    assert "regime complex" in page.locator("a.gloss[href$='#term-regime-complex'] .gloss-inter").first.inner_text()
    page.goto(f"{site_url}texts/yan/")
    page.locator("a.gloss .gloss-inter").first.wait_for(state="visible")
    assert page.evaluate("document.documentElement.dataset.gloss") == "en"
