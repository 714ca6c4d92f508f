"""Reading a text as a student would: on a 390×844 phone (text first, paragraph numbers, a
tap on a term previews it), with the keyboard (the one preview of notes, terms, ¶ and pages),
and in print. Each text page is loaded once on the phone; the print test and the screenshots
share one desktop page.

Screenshots of yan (phone and desktop, each gloss mode) and its print PDF are written to
``test-results/`` (git-ignored) for a reader to look at."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.site

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "test-results"
TEXT_PAGES = ["xue-zhao", "cai", "li", "yan", "liang-song", "liang-song-traditional"]
GLOSSED = ["xue-zhao", "cai", "li", "yan", "liang-song"]
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True, "device_scale_factor": 1}
MODES = ["off", "en", "pinyin"]
SHOT_TEXT = "yan"  # 55 notes: the print test reads numbers 10–55

PREVIEW = ".ed-preview"


def set_gloss_mode(page, mode: str) -> None:
    page.locator(f".ed-gloss-bar button[value='{mode}']").click()
    page.wait_for_function(f"() => document.documentElement.dataset.gloss === '{mode}'")


def first_paragraph_top(page) -> float:
    return page.evaluate("() => document.querySelector('article .ed-p').getBoundingClientRect().top")


def tap_first_term(page, follow: bool = False) -> dict:
    """Tap the first glossed term of the text: what the preview shows, and whether the page
    stayed; with ``follow``, then the link in the preview, and where it led."""
    url = page.url
    term = page.locator("article .ed-p a.gloss").first
    term.scroll_into_view_if_needed()
    term.tap()
    page.locator(PREVIEW).wait_for(state="visible")
    shown = {"url_kept": page.url == url, "text": page.locator(PREVIEW).inner_text(),
             "en": term.get_attribute("data-en"), "pinyin": term.get_attribute("data-pinyin")}
    if follow:
        page.locator(f"{PREVIEW} a.ed-preview__go").tap()
        page.wait_for_url(re.compile(r"/glossary/#term-"))
        shown["followed"] = page.url
        return shown
    page.locator("article h1").tap()
    page.locator(PREVIEW).wait_for(state="detached")
    return shown


def shown_numbers(page) -> list[tuple[str, str, bool]]:
    """(paragraph id, number shown, visible) for the first paragraphs of the page."""
    return page.evaluate("""() => [...document.querySelectorAll('article .ed-p')].slice(0, 5).map(p => {
        const a = p.querySelector('a.ed-pilcrow'); const r = a.getBoundingClientRect();
        const style = getComputedStyle(a);
        return [p.id, a.textContent.replace('¶', '').trim(),
                r.width > 0 && r.height > 0 && style.visibility === 'visible' && style.opacity !== '0'
                && r.right <= innerWidth];
    })""")


@pytest.fixture(scope="module")
def on_the_phone(open_page, site_url) -> dict:
    """Every text page loaded once at 390×844 with touch: where the text starts, the numbers
    shown, what a tap on a term shows; screenshots of xue-zhao in each gloss mode."""
    found = {}
    RESULTS.mkdir(exist_ok=True)
    with open_page(**PHONE) as page:
        for text_id in TEXT_PAGES:
            page.goto(f"{site_url}texts/{text_id}/")
            record = {"first_top": first_paragraph_top(page), "numbers": shown_numbers(page)}
            if text_id in GLOSSED:
                record["tap"] = tap_first_term(page, follow=text_id == GLOSSED[-1])
            if text_id == SHOT_TEXT:
                page.evaluate("() => window.scrollTo(0, 0)")
                for mode in MODES:
                    set_gloss_mode(page, mode)
                    page.screenshot(path=str(RESULTS / f"{text_id}-phone-{mode}.png"))
                set_gloss_mode(page, "off")
            found[text_id] = record
        found["foreign"] = list(page.foreign_requests)
    return found


@pytest.mark.parametrize("text_id", TEXT_PAGES)
def test_the_text_starts_on_the_first_phone_screen(on_the_phone, text_id):
    top = on_the_phone[text_id]["first_top"]
    assert 0 < top < PHONE["viewport"]["height"] - 40, f"{text_id}: the first paragraph starts at y = {top:.0f}"


@pytest.mark.parametrize("text_id", TEXT_PAGES)
def test_paragraph_numbers_are_shown_and_are_the_anchors(on_the_phone, text_id):
    for pid, number, visible in on_the_phone[text_id]["numbers"]:
        assert pid == f"p-{number}", f"{text_id}: paragraph {pid} shows the number {number!r}"
        assert visible, f"{text_id}: the number of {pid} is not visible on a phone"


@pytest.mark.parametrize("text_id", GLOSSED)
def test_tapping_a_term_shows_english_and_pinyin_without_leaving(on_the_phone, text_id):
    tap = on_the_phone[text_id]["tap"]
    assert tap["url_kept"], f"{text_id}: the first tap on a term left the page"
    assert tap["en"] in tap["text"] and tap["pinyin"] in tap["text"], tap["text"]


def test_the_link_in_a_preview_goes_on(on_the_phone):
    term_link = on_the_phone[GLOSSED[-1]]["tap"]["followed"]
    assert "/glossary/#term-" in term_link


def test_phone_pages_ask_nothing_of_other_hosts(on_the_phone):
    assert on_the_phone["foreign"] == []


# --- the preview with a mouse and a keyboard, the gloss bar, and print: one desktop page ---

@pytest.fixture(scope="module")
def desktop(borrow, site_url):
    with borrow() as page:
        page.goto(f"{site_url}texts/{SHOT_TEXT}/")
        yield page


def test_preview_opens_on_hover_stays_when_hovered_and_closes_on_esc(desktop):
    page = desktop
    ref = page.locator("article a.footnote-ref").nth(9)
    note_id = ref.get_attribute("href")[1:]
    note_text = page.locator(f"li[id='{note_id}'] p").first.inner_text().split("↩")[0].strip()[:15]
    ref.hover()
    preview = page.locator(PREVIEW)
    preview.wait_for(state="visible")
    assert note_text in preview.inner_text()
    preview.hover()  # hoverable: the pointer can move into it
    page.wait_for_timeout(500)
    assert preview.is_visible()
    page.mouse.move(0, 0)
    preview.wait_for(state="detached")
    ref.focus()
    preview.wait_for(state="visible")
    page.keyboard.press("Tab")
    assert page.evaluate("() => !!document.activeElement.closest('.ed-preview')"), "Tab does not reach the preview's link"
    page.keyboard.press("Escape")
    preview.wait_for(state="detached")
    assert page.evaluate("() => document.activeElement.classList.contains('footnote-ref')")


@pytest.mark.parametrize("selector, expected", [
    ("article .ed-p a.gloss", r"Glossary entry"),
    ("article a.ed-pilcrow", r"第 \d+ 段"),
    ("article a.ed-page", r"原刊第 \d+ 页"),
])
def test_preview_of_terms_paragraphs_and_pages_on_focus(desktop, selector, expected):
    page = desktop
    page.locator(selector).nth(1).focus()
    preview = page.locator(PREVIEW)
    preview.wait_for(state="visible")
    assert re.search(expected, preview.inner_text())
    page.keyboard.press("Escape")
    preview.wait_for(state="detached")


def test_a_skip_link_leads_past_the_text_to_the_notes(desktop):
    link = desktop.locator(".ed-skip a[href='#notes']")
    link.focus()
    box = link.bounding_box()
    assert box is not None and box["x"] >= 0 and box["width"] > 0, "the skip link does not show when focused"
    desktop.evaluate("() => document.activeElement.blur()")


def test_gloss_bar_names_the_actions_and_presses_one(desktop, site_url):
    page = desktop
    buttons = page.locator(".ed-gloss-bar button")
    assert buttons.count() == 3
    labels = [b.inner_text() for b in buttons.all()]
    assert any("显示英文" in label for label in labels) and any("显示拼音" in label for label in labels)
    set_gloss_mode(page, "en")
    assert [b.get_attribute("aria-pressed") for b in buttons.all()] == ["false", "true", "false"]
    page.evaluate("() => window.scrollTo(0, document.body.scrollHeight / 2)")
    bar_top = page.locator(".ed-gloss-bar").evaluate("b => b.getBoundingClientRect().top")
    assert 0 <= bar_top < 120, "the gloss bar does not stay in view while the text scrolls"
    english = page.locator("article a.gloss .gloss-inter").first
    size = english.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 12
    set_gloss_mode(page, "pinyin")
    ruby = page.locator("article a.gloss rt").first
    assert ruby.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= 12
    set_gloss_mode(page, "off")
    page.evaluate("() => window.scrollTo(0, 0)")


def test_screenshots_and_print(desktop):
    """Desktop screenshots in each gloss mode, then print: note numbers 10–55 whole, no button,
    the page's address; the print PDF written beside the screenshots."""
    page = desktop
    RESULTS.mkdir(exist_ok=True)
    for mode in MODES:
        set_gloss_mode(page, mode)
        page.screenshot(path=str(RESULTS / f"{SHOT_TEXT}-desktop-{mode}.png"))
    set_gloss_mode(page, "off")
    page.emulate_media(media="print")
    try:
        clipped = page.evaluate("""() => {
            const canvas = document.createElement('canvas').getContext('2d');
            const article = document.querySelector('article').getBoundingClientRect();
            return [...document.querySelectorAll('.footnote > ol > li')].map((li, i) => {
                const style = getComputedStyle(li);
                canvas.font = style.fontSize + ' ' + style.fontFamily;
                const marker = canvas.measureText((i + 1) + '. ').width;
                return [i + 1, li.getBoundingClientRect().left - article.left - marker];
            }).filter(([n, room]) => room < 0);
        }""")
        assert clipped == [], f"note numbers cut at the margin: {clipped}"
        assert page.locator(".footnote > ol > li").count() >= 55
        visible_buttons = page.evaluate("""() => [...document.querySelectorAll('button, summary, .ed-gloss-bar')]
            .filter(b => b.getClientRects().length > 0).map(b => b.outerHTML.slice(0, 80))""")
        assert visible_buttons == []
        url = page.locator(".ed-print-url")
        assert url.is_visible() and url.inner_text().endswith(f"/texts/{SHOT_TEXT}/")
        # black once the theme's colour transition has run (mid-way Chromium reports rgba(…))
        page.wait_for_function("""() => ['rgb(0, 0, 0)', 'rgba(0, 0, 0, 1)'].includes(
            getComputedStyle(document.querySelector('.footnote li')).color)""", timeout=5000)
        page.pdf(path=str(RESULTS / f"{SHOT_TEXT}-print.pdf"), format="A4", print_background=False)
    finally:
        page.emulate_media(media="screen")
