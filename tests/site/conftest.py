"""Fixtures for the site tests: the site built with ``mkdocs build --strict`` into a temporary
folder (from the committed docs/, with the site's copies of bib/, which tests/conftest.py
writes before any test runs), served on 127.0.0.1 by
``http.server`` in a thread, and Debian's Chromium driven by Playwright.

A browser test that finds no browser fails: it never skips. A page that logs a violation of
the site's Content-Security-Policy fails the test that opened it (``recording_page``), or that
borrowed the process's one tab when it did (``borrow``).

Fixtures for every site test (the glossary's too): ``built_site`` (the folder),
``site_url`` (``http://127.0.0.1:<port>/``; ``serve_folder`` serves any other built folder), ``browser`` (session) and ``page`` (a page
per test that starts as a new tab would, in one tab per process; its requests to any other host
are recorded in ``page.foreign_requests``).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: Debian's headless build of its chromium (package chromium-headless-shell, from the same
#: source), which is what Playwright itself launches for headless tests: the same Blink and V8
#: without the desktop browser around them. A page load in a new context costs about a third
#: of the CPU it costs in the full ``chromium`` (measured in the notes of issue 9).
#: Where a distribution has no such package (Ubuntu), its ``chromium``; ``.ci/run`` installs
#: one or the other.
BROWSERS = ("/usr/bin/chromium-headless-shell", "/usr/bin/chromium")
CHROMIUM = next((path for path in BROWSERS if Path(path).exists()), BROWSERS[0])


def build_site(target: Path) -> None:
    """``mkdocs build --strict`` of the committed docs/ (with the copies of bib/ that
    ``pytest_sessionstart`` wrote) into ``target``."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    mkdocs = Path(sys.executable).with_name("mkdocs")
    result = subprocess.run([str(mkdocs), "build", "--strict", "-d", str(target)], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert warnings == [], "\n".join(warnings)


@pytest.fixture(scope="session")
def built_site(made_once) -> Path:
    """The site, built once per test run (shared by pytest-xdist's workers)."""
    return made_once("site", build_site)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="session")
def serve_folder():
    """A function that serves a built site's folder on 127.0.0.1 (a free port) in a thread and
    returns its URL; every server it started stops at the end of the session."""
    running = []

    def serve(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        # shutdown() waits for the loop's next look at its flag: every 0.05 s, not the default 0.5
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        thread.start()
        running.append((server, thread))
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield serve
    for server, thread in running:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="session")
def site_url(built_site: Path, serve_folder) -> str:
    return serve_folder(built_site)


@pytest.fixture(scope="session")
def browser():
    assert Path(CHROMIUM).exists(), f"no browser at {' or '.join(BROWSERS)}: apt-get install chromium-headless-shell (or chromium)"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM)
        try:
            yield chromium
        finally:
            chromium.close()


@contextlib.contextmanager
def recording_page(browser, **context_options):
    """A page in a new browser context (1280×900 unless told); ``page.foreign_requests`` lists
    every request not to 127.0.0.1."""
    context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **context_options})
    tab = context.new_page()
    foreign: list[str] = []

    def record(request):
        host = urlparse(request.url).hostname
        if request.url.startswith(("data:", "blob:", "about:")):
            return
        if host != "127.0.0.1":
            foreign.append(request.url)

    tab.on("request", record)
    tab.foreign_requests = foreign  # type: ignore[attr-defined]
    violations: list[str] = []
    tab.on("console", lambda message: violations.append(message.text)
           if "Content Security Policy" in message.text else None)
    tab.csp_violations = violations  # type: ignore[attr-defined]
    try:
        yield tab
    finally:
        context.close()
    # every browser test (search, note previews, the gloss and palette toggles …) runs under
    # the site's Content-Security-Policy: whatever it did, nothing was refused
    assert violations == [], "Content-Security-Policy violations:\n" + "\n".join(violations)


@pytest.fixture(scope="session")
def open_page(browser):
    """``with open_page(**context_options) as page:`` — a recording page in a context of its own."""
    return functools.partial(recording_page, browser)


#: Playwright's own default for a new context: what ``page`` is put back to.
DEFAULT_COLOUR_SCHEME = "light"


def start_afresh(tab, site_url: str) -> None:
    """Put ``tab`` back as a new tab would start: the site's storage empty (the gloss mode and
    the palette that pages keep in ``localStorage``), no cookies, no permission granted, on
    ``about:blank`` (the next ``goto`` loads a new document, even to the address it left), the
    screen media and colour scheme of a new context, the pointer in the corner, and nothing
    recorded."""
    origin = site_url.rstrip("/")
    session = tab.context.new_cdp_session(tab)
    try:
        session.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
    finally:
        session.detach()
    tab.context.clear_cookies()
    tab.context.clear_permissions()
    tab.goto("about:blank")
    tab.emulate_media(media="null", color_scheme=DEFAULT_COLOUR_SCHEME)
    tab.mouse.move(0, 0)
    tab.foreign_requests.clear()
    tab.csp_violations.clear()


@pytest.fixture(scope="session")
def reused_tab(browser):
    """One 1280×900 tab per process for every test that asks for ``page``: a new tab starts a
    renderer process and compiles the site's scripts afresh, about 0.3 CPU-s before its first
    page load (a load in the tab costs about as much again)."""
    with recording_page(browser) as tab:
        yield tab


@pytest.fixture(scope="session")
def afresh(site_url):
    """``afresh(tab)``: ``start_afresh`` for the site under test."""
    return functools.partial(start_afresh, site_url=site_url)


@pytest.fixture(scope="session")
def borrow(reused_tab, afresh):
    """``with borrow() as page:`` — the process's one tab for as long as the block runs (a test,
    or a module whose tests share one loaded page), put back afterwards (``start_afresh``). A
    refusal of the Content-Security-Policy while it was borrowed fails the borrower."""
    lent = []

    @contextlib.contextmanager
    def borrowed():
        assert not lent, "the tab is already lent (a module's shared page and a test's page at once)"
        lent.append(True)
        try:
            yield reused_tab
        finally:
            lent.clear()
            refused = list(reused_tab.csp_violations)
            afresh(reused_tab)
        assert refused == [], "Content-Security-Policy violations:\n" + "\n".join(refused)

    return borrowed


@pytest.fixture
def page(borrow):
    """A page for each test that starts as a new tab would (``start_afresh`` after the test
    before it): no storage, screen media, light scheme, on ``about:blank`` (the tab's history
    goes further back, and no test goes back past its own first page)."""
    with borrow() as tab:
        yield tab


@pytest.fixture(scope="module")
def shared_page(borrow):
    """One page for the tests of a module that only read: the search tests type their queries
    into one loaded page."""
    with borrow() as tab:
        yield tab
