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



def test_the_next_test_s_page_forgets_what_this_one_chose(page, afresh, site_url):
    """``page`` is one tab per process, put back after each test (``start_afresh`` in
    tests/site/conftest.py): a gloss mode and a palette chosen, print media and a pointer
    resting on a note do not reach the next test, whose page opens as a new tab's would."""
    page.goto(f"{site_url}texts/xue-zhao/")
    page.locator(".ed-gloss-bar button[value=pinyin]").click()
    page.locator("form[data-md-component=palette] label:visible").first.click()
    assert page.evaluate("() => localStorage.length") >= 2  # the gloss mode and the palette are kept
    page.emulate_media(media="print")
    page.locator("article a.footnote-ref").first.hover()
    afresh(page)
    assert page.url == "about:blank"
    page.goto(f"{site_url}texts/xue-zhao/")
    assert page.evaluate("() => sessionStorage.length") == 0
    assert page.evaluate("() => document.documentElement.dataset.gloss") == "off"
    assert page.evaluate("() => document.body.dataset.mdColorScheme") == "default"
    assert page.evaluate("() => matchMedia('screen').matches && !matchMedia('(prefers-color-scheme: dark)').matches")
    assert page.locator(".ed-preview").count() == 0
