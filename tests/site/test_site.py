"""The built site in headless Chromium: notes, links between notes, bibliography and texts,
page markers, permalinks, citation metadata, language, requests, accessibility."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.site

ROOT = Path(__file__).resolve().parents[2]
TEXTS = ["xue-zhao", "cai", "li", "yan", "liang-song"]
ANNOTATED = ["xue-zhao", "li", "yan"]  # cai and liang-song are commentaries without notes


def all_pages(built_site: Path) -> list[str]:
    pages = []
    for path in sorted(built_site.rglob("index.html")):
        relative = path.parent.relative_to(built_site).as_posix()
        if relative == "404":
            continue
        pages.append("" if relative == "." else relative + "/")
    return pages


#: axe aggregates only the violations (every one of them, on every node): the passes and the
#: "incomplete" lists, which no test reads, cost more than half of its time on a long page.
AXE_OPTIONS = {"resultTypes": ["violations"]}


#: axe-core as axe-playwright-python ships it.
AXE_SCRIPT = Axe().axe_script


#: ``(selector) => elements``: of what ``selector`` finds, one element per look (ADR 0011).
ONE_PER_LOOK_SCRIPT = (Path(__file__).with_name("one_per_look.js")).read_text(encoding="utf-8")


def one_per_look(selector: str, include: list[list[str]] = ()) -> dict:
    """What the colour rules see in an audited state (``audit_state``): every element of
    ``include`` and, of the elements ``selector`` finds, one per look (``one_per_look.js``):
    enough for the colour rules, which give every element of a look the same verdict."""
    return {"include": list(include), "onePerLook": selector}


def load_axe(page) -> None:
    """Put axe (and ``edOnePerLook``) in the page once per load: axe-playwright-python's
    ``Axe.run`` evaluates its 500 KB script again before every run (about 0.1 s each, and an
    audit makes up to six runs on a page)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
        page.evaluate(f"() => {{ window.edOnePerLook = {ONE_PER_LOOK_SCRIPT}; }}")


def axe_violations(page, context: dict | None = None, options: dict = AXE_OPTIONS) -> list[dict]:
    """axe-core's violations on ``page`` (in ``context``, the whole page if None)."""
    load_axe(page)
    return page.evaluate("([context, options]) => axe.run(context || document, options)", [context, options])["violations"]


def source_pages() -> list[str]:
    """The address of every page the site is built from (``docs/**/*.md``), known before the
    build so that each page can be a test of its own: ``index.md`` → ``""``, ``texts/li.md`` →
    ``texts/li/``. ``test_every_built_page_is_tested`` holds it to the built site."""
    docs = ROOT / "docs"
    excluded = ("adr/",)
    pages = []
    for path in sorted(docs.rglob("*.md")):
        relative = path.relative_to(docs).as_posix()
        if relative.startswith(excluded):
            continue
        pages.append("" if relative == "index.md" else relative.removesuffix(".md") + "/")
    return pages


PAGES = source_pages()


def test_every_built_page_is_tested(built_site):
    assert sorted(all_pages(built_site)) == sorted(PAGES)


def first_note_ref(page):
    refs = page.locator("article a.footnote-ref")
    assert refs.count() > 0, "the page has no note references"
    return refs.first


def visible_preview(page):
    return page.locator(".ed-preview")


def test_note_links_to_bibliography_and_back(page, site_url):
    """From a note's work to its bibliography entry; from the entry's "cited in" back to the note."""
    for text_id in ANNOTATED:
        page.goto(f"{site_url}texts/{text_id}/")
        links = page.locator(".footnote a.ed-bib")
        if links.count():
            break
    assert links.count() > 0, "no note links to the bibliography"
    link = links.first
    note_id = link.locator("xpath=ancestor::li[starts-with(@id, 'fn:')]").get_attribute("id")
    key = link.get_attribute("href").split("#", 1)[1]
    link.click()
    page.wait_for_url(re.compile(r"/bibliography/#"))
    assert page.url.endswith("/bibliography/#" + key)
    entry = page.locator(f"[id='{key}']")
    assert entry.count() == 1
    back = page.locator(f"[id='{key}'] a[href*='texts/{text_id}/#{note_id}'], "
                        f"[id='{key}'] ~ * a[href*='texts/{text_id}/#{note_id}']").first
    assert back.count() == 1, f"no 'cited in' link from {key} back to {text_id} {note_id}"
    back.click()
    page.wait_for_url(re.compile(rf"/texts/{text_id}/#{re.escape(note_id)}$"))
    assert page.locator(f"li[id='{note_id}']").is_visible()


@pytest.mark.parametrize("citing", ["li", "yan"])
def test_note_cites_xue_zhao_and_links_to_it(citing, page, site_url):
    page.goto(f"{site_url}texts/{citing}/")
    link = page.locator(".footnote a.ed-edition-text[href$='/xue-zhao/'], .footnote a.ed-edition-text[href*='xue-zhao']").first
    assert link.count() == 1, f"no note of {citing} links to text 000 (xue-zhao)"
    link.click()
    page.wait_for_url(re.compile(r"/texts/xue-zhao/(#page-\d+)?$"))  # at the cited page where it is in the text
    assert "基于技术特性与议题属性的分析" in page.locator("h1").inner_text()
    # and xue-zhao's "cited by" names the citing note
    assert page.locator(f"#cited-by ~ ul a[href*='texts/{citing}/#fn:'], #cited-by ~ ul a[href*='{citing}/#fn:']").count() >= 1


def test_paragraph_permalink_and_page_marker(page, site_url):
    page.goto(f"{site_url}texts/yan/#p-12")
    paragraph = page.locator("#p-12")
    assert paragraph.count() == 1
    assert page.evaluate("() => document.querySelector(':target').id") == "p-12"
    pilcrow = paragraph.locator("a.ed-pilcrow")
    assert pilcrow.get_attribute("href") == "#p-12"
    pilcrow.focus()
    assert pilcrow.evaluate("a => getComputedStyle(a).opacity") == "1"
    markers = page.locator("a.ed-page")
    assert markers.count() >= 2, "yan is a printed article: its page breaks are marked"
    second = markers.nth(1)
    marker_id = second.get_attribute("id")
    assert re.fullmatch(r"page-\d+", marker_id)
    second.click()
    assert page.url.endswith("#" + marker_id)


def test_citation_meta_tags_for_zotero(page, site_url):
    page.goto(f"{site_url}texts/yan/")
    meta = page.eval_on_selector_all("meta[name^=citation_]", "els => els.map(e => [e.name, e.content])")
    names = [name for name, _ in meta]
    values = dict(meta)
    assert values["citation_title"] == "全球人工智能治理：联合国的角色"
    assert values["citation_journal_title"] == "国际问题研究"
    assert values["citation_issue"] == "4"
    assert values["citation_firstpage"] == "120" and values["citation_lastpage"] == "137"
    assert values["citation_language"] == "zh"
    assert names.count("citation_author") == 1
    assert "citation_pdf_url" not in names


def test_languages(page, site_url):
    page.goto(f"{site_url}texts/liang-song/")
    assert page.evaluate("() => document.documentElement.lang") == "zh-Hans"
    assert page.locator(".ed-english[lang=en]").count() == 1
    page.locator("a[href$='liang-song-traditional/']").first.click()
    page.wait_for_url(re.compile(r"/texts/liang-song-traditional/$"))
    assert page.locator("h1[lang=zh-Hant]").count() == 1
    paragraphs = page.locator("article p.ed-p")
    assert paragraphs.count() > 3
    assert paragraphs.count() == page.locator("article p.ed-p[lang=zh-Hant]").count()


def test_cite_this_text_download(page, site_url):
    page.goto(f"{site_url}texts/xue-zhao/")
    page.locator("details#about > summary").click()
    page.locator("details#cite summary").click()
    assert "薛澜, 赵静." in page.locator("#cite-original-gbt").inner_text()
    href = page.locator("details#cite a[download]").get_attribute("href")
    response = page.request.get(page.url + href)
    assert response.ok and response.text().startswith("@article{")


def current_scheme(page) -> str:
    return page.evaluate("() => document.body.dataset.mdColorScheme")


#: Every transition on a rendered element has run: a switch of scheme fades colours over 125 to
#: 250 ms, and the colour rules must read the colours the reader ends up with. (Transitions in a
#: closed ``details`` stay pending, unrendered, until it opens: they are not waited for.)
SETTLED = """() => document.getAnimations().every((animation) => animation.playState !== 'running'
    || !(animation.effect && animation.effect.target && animation.effect.target.checkVisibility()))"""


def toggle_scheme(page) -> str:
    """Switch between the light and the dark palette with the reader's toggle in the header
    (no reload; clicked in the page, so that the pointer stays where it rests and no tooltip
    shows), once every transition has run; the scheme now shown."""
    before = current_scheme(page)
    page.evaluate("""() => [...document.querySelectorAll('form[data-md-component=palette] label')]
        .find((label) => label.checkVisibility()).click()""")
    page.wait_for_function(f"() => document.body.dataset.mdColorScheme !== '{before}'")
    page.wait_for_function(SETTLED)
    return current_scheme(page)


def rest_pointer(page) -> None:
    """Pointer on the page's title and nothing focused: no tooltip of the header (the toggle's
    own, say) stands half faded in over the page while axe reads it."""
    page.locator("article h1").first.hover()
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.wait_for_function("""() => [...document.querySelectorAll('.md-tooltip, .md-tooltip2')]
        .every(tip => getComputedStyle(tip).opacity === '0' || getComputedStyle(tip).visibility === 'hidden')""")


GLOSS_MODES = ["off", "en", "pinyin"]
PHONE = {"width": 390, "height": 844}


def gloss_modes(page) -> list[str | None]:
    """The gloss modes a page offers (its bar of buttons), or [None] on a page without terms."""
    return GLOSS_MODES if page.locator(".ed-gloss-bar").count() else [None]


def set_gloss_mode(page, mode: str | None) -> None:
    """Press the gloss bar's button of ``mode`` (clicked in the page: the pointer stays where it
    rests, no tooltip shows) and wait until every transition has run."""
    if mode is None:
        return
    page.evaluate("(mode) => document.querySelector(`.ed-gloss-bar button[value='${mode}']`).click()", mode)
    page.wait_for_function(f"() => document.documentElement.dataset.gloss === '{mode}'")
    page.wait_for_function(SETTLED)


#: What a switch of gloss mode changes on a page: the terms (the English or the ruby they show)
#: and the bar's buttons.
WHAT_A_MODE_CHANGES = {"include": [["a.gloss"], [".ed-gloss-bar"]]}
#: What the palette toggle changes besides colours: the toggle itself, in the header (that a
#: switch of scheme changes nothing else is ``test_a_switch_of_scheme_changes_only_colours``).
WHAT_THE_TOGGLE_CHANGES = {"include": [[".md-header"]]}
#: The rules whose result depends on colours.
COLOUR_RULE_IDS = ["color-contrast", "link-in-text-block"]
COLOUR_RULES = {**AXE_OPTIONS, "runOnly": {"type": "rule", "values": COLOUR_RULE_IDS}}
#: The terms, one per look, and the bar: where a mode changes colours.
TERMS_ONE_PER_LOOK = one_per_look("a.gloss, a.gloss *", include=[[".ed-gloss-bar"]])
#: The whole page, one element per look: where the toggle changes colours.
PAGE_ONE_PER_LOOK = one_per_look("body *")
#: The whole page, as the context of the rules other than the colour rules.
EVERY_ELEMENT = "page"


def audits(first_scheme: bool, first_mode: bool) -> tuple[dict | str | None, dict]:
    """What audits a page in one scheme and gloss mode after the states audited before it, as
    one axe run (``audit_state``): the context of every rule but the colour rules, and the
    elements, one per look, the colour rules see. The whole page in the scheme it opens in and
    its first mode: every other rule on every element, the colour rules on one element per look;
    after that only what changed — every other rule on what a mode or the toggle changes and on
    the elements the colour rules see (no other rule after a switch of mode in the second
    scheme), the colour rules on one element per look wherever colours changed (ADR 0011)."""
    if first_scheme:
        return (EVERY_ELEMENT, PAGE_ONE_PER_LOOK) if first_mode else (WHAT_A_MODE_CHANGES, TERMS_ONE_PER_LOOK)
    return (WHAT_THE_TOGGLE_CHANGES, PAGE_ONE_PER_LOOK) if first_mode else (None, TERMS_ONE_PER_LOOK)


#: One axe run: every rule but the colour rules on ``other`` (a context, the whole page, or
#: nothing), the colour rules on the elements of ``looks`` alone — for the length of the run
#: they carry an attribute that the colour rules' selector asks for (``axe.configure``;
#: ``axe.reset`` puts the rules back). Two runs, one for each, would each build axe's grid of
#: the whole page (ADR 0011).
AUDIT_STATE = """async ([other, looks, colourRules, everyElement]) => {
    const seen = [...looks.include.flatMap(([selector]) => [...document.querySelectorAll(selector)]),
                  ...window.edOnePerLook(looks.onePerLook)];
    seen.forEach((element) => element.setAttribute('data-ed-look', ''));
    axe.configure({rules: [{id: 'color-contrast', selector: '[data-ed-look]'},
                           {id: 'link-in-text-block', selector: 'a[href][data-ed-look], [role=link][data-ed-look]'}]});
    try {
        const context = other === everyElement ? document : {include: [...(other ? other.include : []), ...seen]};
        const options = {resultTypes: ['violations']};
        if (!other) options.runOnly = {type: 'rule', values: colourRules};
        return (await axe.run(context, options)).violations;
    } finally {
        seen.forEach((element) => element.removeAttribute('data-ed-look'));
        axe.reset();
    }
}"""


def audit_state(page, other: dict | str | None, looks: dict) -> list[dict]:
    """axe-core's violations in one audited state (``audits``, ``AUDIT_STATE``)."""
    load_axe(page)
    return page.evaluate(AUDIT_STATE, [other, looks, COLOUR_RULE_IDS, EVERY_ELEMENT])


#: Every element laid out as it is when it comes near the screen. The glossary's entries are
#: ``content-visibility: auto`` (docs/assets/edition.css): while off screen the browser skips
#: them, and each geometry read of axe's inside a skipped entry lays it out afresh and throws the
#: layout away — 1.7 of the 2.4 s of the glossary's audit went to one rule's matcher
#: (``scrollable-region-focusable``) — and axe misreads colours there (dequelabs/axe-core#2768).
#: Laid out, each entry looks as the reader sees it on screen; nothing else changes.
LAY_OUT_SKIPPED = """() => {  // a constructed stylesheet: the page's CSP refuses a style element
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('* { content-visibility: visible !important; }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}"""
#: The elements the browser renders but skips for now (``content-visibility: auto`` off screen).
SKIPPED = """() => [...document.querySelectorAll('body *')].filter(
    (element) => element.checkVisibility() && !element.checkVisibility({contentVisibilityAuto: true})).length"""


@pytest.fixture(scope="session")
def phone_tab(open_page):
    """One tab on a 390×844 screen, opened in the light scheme, for every audit a process runs
    (a tab per page would start a renderer and compile axe again for each page)."""
    with open_page(color_scheme="light", viewport=PHONE) as page:
        yield page


@pytest.fixture(scope="module", params=PAGES, ids=[path or "home" for path in PAGES])
def audited_page(request, phone_tab, site_url) -> dict:
    """One page loaded on a phone and audited by axe in the scheme it opens in, then, switched
    with the header's toggle, in the other; with glossed terms, in each gloss mode of each
    scheme (switched in place; ``audits`` says what each state adds): its address, its width
    as loaded, every violation found, the schemes and modes audited, and every request to
    another host and every refusal of the Content-Security-Policy while it was open. Each page
    is a unit of work of its own for pytest-xdist (``unit_of_work`` in tests/conftest.py)."""
    path, page = request.param, phone_tab
    requests_before, refusals_before = len(page.foreign_requests), len(page.csp_violations)
    problems, schemes, modes = [], [], set()
    page.goto(site_url + path)  # loaded: after the load event a page asks only for its favicon
    page.evaluate(LAY_OUT_SKIPPED)
    rest_pointer(page)
    width, skipped = page.evaluate("() => document.documentElement.scrollWidth"), page.evaluate(SKIPPED)
    schemes.append(current_scheme(page))
    for turn in range(2):
        if turn:
            schemes.append(toggle_scheme(page))
        for n, mode in enumerate(gloss_modes(page)):
            set_gloss_mode(page, mode)
            modes.add(mode)
            for violation in audit_state(page, *audits(first_scheme=turn == 0, first_mode=n == 0)):
                targets = [node["target"] for node in violation["nodes"][:3]]
                problems.append(f"{path} [{schemes[-1]}, gloss {mode}] {violation['id']} "
                                f"({violation['impact']}): {targets}")
    set_gloss_mode(page, gloss_modes(page)[0])
    return {"path": path, "violations": problems, "schemes": schemes, "modes": modes, "width": width, "skipped": skipped,
            "foreign requests": page.foreign_requests[requests_before:],
            "refusals": page.csp_violations[refusals_before:]}


def test_no_request_leaves_the_site(audited_page):
    assert audited_page["foreign requests"] == []
    assert audited_page["refusals"] == []


def test_axe_reports_no_violations(audited_page):
    """Every page on a phone, in the light and the dark scheme, and each text in each gloss mode,
    with every element laid out (``LAY_OUT_SKIPPED``)."""
    assert sorted(audited_page["schemes"]) == ["default", "slate"]
    assert audited_page["skipped"] == 0
    if audited_page["path"] in {f"texts/{text_id}/" for text_id in TEXTS}:
        assert audited_page["modes"] == set(GLOSS_MODES)
    assert audited_page["violations"] == [], "\n".join(audited_page["violations"])


#: A colour: a hex value, a colour function, a variable, or a hue (Material's hsla(var(--md-hue), …)).
COLOUR = r"#[0-9a-fA-F]{3,8}|(?:rgb|hsl)a?\([^;]*\)|var\(--[\w-]+\)|\d+deg|transparent|currentcolor"
#: A shadow of a custom property such as ``--md-shadow-z1``: offsets in lengths, then a colour.
SHADOW = rf"(?:[-\d.]+(?:r?em|px)?\s+)+(?:{COLOUR})"
#: Material hides an image whose address ends in one of these in the other scheme.
SCHEME_IMAGES = ("#only-dark", "#only-light", "#gh-dark-mode-only", "#gh-light-mode-only")


def scheme_declarations(css: str) -> list[tuple[str, str, str]]:
    """(selector, property, value) of every declaration of a rule whose selector names a colour
    scheme (``[data-md-color-scheme=…]``)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    found = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        if "data-md-color-scheme" not in selector:
            continue
        for declaration in filter(str.strip, body.split(";")):
            name, _, value = declaration.partition(":")
            found.append((selector.strip(), name.strip(), value.strip()))
    return found


def sets_a_colour(name: str, value: str) -> bool:
    if name in ("color", "background-color", "color-scheme"):
        return True
    return name.startswith("--") and any(re.fullmatch(rf"{pattern}(?:\s*,\s*{pattern})*", value)
                                         for pattern in (COLOUR, SHADOW))


def hides_a_scheme_image(selector: str, name: str, value: str) -> bool:
    marked = r'\[data-md-color-scheme=\w+\] img\[src\$="(#[\w-]+)"\]'
    return (name, value) == ("display", "none") and all(
        (match := re.fullmatch(marked, part.strip())) and match.group(1) in SCHEME_IMAGES for part in selector.split(","))


def test_a_switch_of_scheme_changes_only_colours(built_site):
    """What the audit leans on when it runs only the colour rules in the second scheme: every
    stylesheet rule of the site (Material's and the edition's) that depends on the scheme sets
    colours, except Material's hiding of an image marked for the other scheme — and no page
    has such an image."""
    stylesheets = sorted(built_site.glob("assets/**/*.css"))
    assert any("palette" in path.name for path in stylesheets) and (built_site / "assets/edition.css") in stylesheets
    for path in stylesheets:
        for selector, name, value in scheme_declarations(path.read_text(encoding="utf-8")):
            assert sets_a_colour(name, value) or hides_a_scheme_image(selector, name, value), \
                f"{path.name}: {selector} {{{name}: {value}}}"
    for page in built_site.rglob("*.html"):
        assert not any(mark in page.read_text(encoding="utf-8") for mark in SCHEME_IMAGES), page


@pytest.mark.parametrize("media, scheme", [("light", "default"), ("dark", "slate")])
def test_a_page_opens_in_the_scheme_of_the_readers_setting(page, site_url, media, scheme):
    page.emulate_media(color_scheme=media)  # the reader's setting, before the page loads
    page.goto(site_url + "texts/cai/")
    assert current_scheme(page) == scheme


def test_a_phone_needs_no_horizontal_scroll(audited_page):
    """Every page, as loaded for its audit on a 390×844 screen, is no wider than the screen."""
    width = audited_page["width"]
    assert width <= PHONE["width"], f"{audited_page['path']}: the page is {width}px wide on a 390px screen"


def test_print_hides_the_site_and_keeps_the_notes(page, site_url):
    page.goto(f"{site_url}texts/xue-zhao/")
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert page.locator("article h1").is_visible()
    assert page.locator(".footnote").count() == 1 and page.locator(".footnote").is_visible()


def test_axe_with_a_note_preview_open(page, site_url):
    """Every rule, the colour rules on every element, over what opening a preview changes: the
    paragraph the preview opens in, with the preview and the note reference that owns it (the
    rest of the page is as the audit of the page found it)."""
    page.goto(f"{site_url}texts/li/")
    first_note_ref(page).focus()
    visible_preview(page).wait_for()
    paragraph = visible_preview(page).evaluate("(preview) => preview.closest('p[id]').id")
    assert page.locator(f"[id='{paragraph}'] .ed-preview-owner").count() == 1
    assert [v["id"] for v in axe_violations(page, {"include": [[f"#{paragraph}"]]})] == []


def test_the_audit_sees_a_violation_it_is_shown(page, site_url):
    """The audit is not blind: its run of the page as it opens finds a grey line added to the
    text (a colour rule) and a button without a name (another rule); axe, put in the page once
    and run again after it, finds the grey line in the context it is given and not outside it —
    the audit's run leaves the colour rules as axe's defaults have them."""
    page.goto(f"{site_url}texts/cai/")
    page.evaluate("""() => {  // through the CSSOM: the page's CSP refuses a style attribute
        const pale = document.createElement('span');
        pale.id = 'pale';
        pale.textContent = '浅灰色的字';
        Object.assign(pale.style, {color: '#eee', background: '#fff'});
        const nameless = document.createElement('button');
        nameless.id = 'nameless';
        document.querySelector('article p').append(pale, nameless);
    }""")
    found = audit_state(page, *audits(first_scheme=True, first_mode=True))
    assert "#pale" in targets_of(found, "color-contrast") and "#nameless" in targets_of(found, "button-name"), found
    assert "color-contrast" in [v["id"] for v in axe_violations(page, {"include": [["#pale"]]}, COLOUR_RULES)]
    assert axe_violations(page, {"include": [[".md-header"]]}, COLOUR_RULES) == []


def targets_of(violations: list[dict], rule: str) -> list[str]:
    return [selector for violation in violations if violation["id"] == rule
            for node in violation["nodes"] for selector in node["target"]]


#: A paragraph added at the end of the text: a long run of plain words with a copy of the first
#: term in it, neither underlined nor set apart by its colour (``#plain-link``; through the
#: CSSOM: the page's CSP refuses a style attribute). link-in-text-block applies only to a link
#: in a block mostly of plain text, which the text's paragraphs, dense with terms, are not.
ADD_A_PLAIN_TERM = """(colour) => {
    const last = [...document.querySelectorAll('article p.ed-p')].at(-1);
    const paragraph = last.cloneNode(false);
    paragraph.removeAttribute('id');
    paragraph.textContent = '一段很长的正文，其中只有一个术语，'.repeat(6);
    const plain = document.querySelector('article a.gloss').cloneNode(true);
    plain.id = 'plain-link';
    Object.assign(plain.style, {textDecoration: 'none', color: colour});
    paragraph.append(plain, '。');
    last.after(paragraph);
}"""


def test_one_per_look_still_sees_a_term_alone_in_its_look(page, site_url):
    """The audit of a gloss mode, which shows the colour rules one term per look, is not blind
    to a term that looks unlike the others: the English of the last term of the text pale, the
    paragraph behind a term of another paragraph dark, a term in the text neither underlined nor distinct
    in colour from its text (ADR 0011) — none of them the first term of a look."""
    page.goto(f"{site_url}texts/li/")
    set_gloss_mode(page, "en")
    page.evaluate("""() => {
        const terms = [...document.querySelectorAll('article p.ed-p a.gloss')];
        const pale = terms.at(-1);
        const onDark = terms.findLast((term) => term.closest('p') !== pale.closest('p'));
        pale.id = 'pale-english';
        pale.querySelector('.gloss-inter').style.color = '#ddd';
        onDark.closest('p').id = 'dark-behind';
        onDark.closest('p').style.backgroundColor = '#555';
    }""")
    page.evaluate(ADD_A_PLAIN_TERM, "#567")
    violations = audit_state(page, *audits(first_scheme=True, first_mode=False))
    contrast = targets_of(violations, "color-contrast")
    assert any(target.startswith("#pale-english") for target in contrast), contrast
    assert any(target.startswith("#dark-behind") for target in contrast), contrast
    assert "#plain-link" in targets_of(violations, "link-in-text-block"), violations


#: For each scheme: a text colour, a background and a link colour that fail only against it.
FAILING_IN = {"light": ("#ddd", "#333", "#567"), "dark": ("#444", "#ddd", "#d0d0d0")}


@pytest.mark.parametrize("media", list(FAILING_IN))
def test_one_per_look_still_sees_an_element_alone_in_its_look(page, site_url, media):
    """The whole-page colour run, one element per look, is not blind either, in either scheme:
    the last note in a text colour that fails on the scheme's background, the note before it
    on a background that fails under the scheme's text colour, and a term in the text coloured
    like the text and not underlined, are reported (ADR 0011)."""
    text, background, link = FAILING_IN[media]
    page.emulate_media(color_scheme=media)
    page.goto(f"{site_url}texts/li/")
    page.evaluate("""([text, background]) => {
        const [behind, pale] = [...document.querySelectorAll('.footnote li')].slice(-2);
        pale.id = 'pale-note';
        pale.querySelector('p').style.color = text;
        behind.id = 'behind-note';
        behind.style.backgroundColor = background;
    }""", [text, background])
    page.evaluate(ADD_A_PLAIN_TERM, link)
    violations = audit_state(page, *audits(first_scheme=True, first_mode=True))
    contrast = targets_of(violations, "color-contrast")
    assert any(target.startswith("#pale-note") for target in contrast), contrast
    assert any(target.startswith("#behind-note") for target in contrast), contrast
    assert "#plain-link" in targets_of(violations, "link-in-text-block"), violations


def test_inferred_mark_opens_the_source_box(page, site_url):
    page.goto(f"{site_url}texts/xue-zhao/")
    assert page.locator("details#source").get_attribute("open") is None
    page.locator("a.ed-inferred").first.click()
    page.wait_for_function("() => document.getElementById('source').open")
    assert "李艳" in page.locator("details#source").inner_text()
