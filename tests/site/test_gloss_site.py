"""The gloss on the site: a focused term previews its English and pinyin; the interlinear
choice persists across pages."""


def test_focusing_a_glossed_term_shows_its_english(page, site_url):
    page.goto(f"{site_url}texts/xue-zhao/")
    term = page.locator("a.gloss[href$='#term-regime-complex']").first
    term.focus()
    preview = page.locator(".ed-preview")
    preview.wait_for(state="visible")
    assert "regime complex" in preview.inner_text()
    assert term.get_attribute("data-pinyin") in preview.inner_text()


def test_interlinear_toggle_persists_across_pages(page, site_url):
    page.goto(f"{site_url}texts/xue-zhao/")
    page.locator(".ed-gloss-bar button[value=en]").click()
    assert "regime complex" in page.locator("a.gloss[href$='#term-regime-complex'] .gloss-inter").first.inner_text()
    page.goto(f"{site_url}texts/yan/")
    page.locator("a.gloss .gloss-inter").first.wait_for(state="visible")
    assert page.evaluate("document.documentElement.dataset.gloss") == "en"
    assert page.locator(".ed-gloss-bar button[value=en]").get_attribute("aria-pressed") == "true"
