"""The site treats every source as untrusted: script written into a raw text, its metadata, the
glossary, the heading translations or an emendation never runs, and every page carries the
Content-Security-Policy of ``docs/overrides/main.html``.

``injected_site`` is a copy of the project with the vectors written into one raw text (a
paragraph, a note, a heading), its metadata, a glossary entry, a heading translation and an
emendation, built with ``edition build`` and ``mkdocs build --strict``. A few of its pages are
loaded in Chromium: no dialog opens, no element has an ``on…`` attribute, no address is a
``javascript:`` one, and each vector is shown as text. The committed site is read as HTML:
every page has the policy, and every inline script Material writes has its hash in it.
"""

from __future__ import annotations

import base64
import hashlib
import html
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from edition.build import load_edition
from edition.cache import BuildCache
from edition.check import residue_problems

pytestmark = pytest.mark.site

ROOT = Path(__file__).resolve().parents[2]
TEXT = "xue-zhao"

#: What an attacker would write, by the place it is written to. Each alert's number names
#: its vector, so that a dialog says which one ran.
VECTORS = [
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(2)>",
    '<iframe src="javascript:alert(3)"></iframe>',
    "<details open ontoggle=alert(4)>",
    "[x](javascript:alert(5))",
    "[x](https://example.org){onclick=alert(6)}",
    "<script>alert(7)</script>",
    '<a href="javascript:alert(8)">x</a>',
    "![x](javascript:alert(9))",
    "<b onmouseover=alert(10)>b</b>",
    "<x-y onfocus=alert(11) tabindex=0>",
    '<style>body{display:none}</style>',
    "&lt;img src=x onerror=alert(12)&gt;",
    "{: onclick=alert(13) }",
    # the line that ends a page's finished HTML (edition.finished_html), and what would follow it
    "<!-- /finished html --><img src=x onerror=alert(22)>",
]
PARAGRAPH = "EMENDME Injected paragraph: " + " ".join(VECTORS)
NOTE = " " + " ".join(VECTORS)
HEADING = "<svg onload=alert(14)>"
META_TITLE_EN = '"><img src=x onerror=alert(15)> </title><script>alert(16)</script>'
SOURCE_NOTE = "<img src=x onerror=alert(17)> [x](javascript:alert(18))"
GLOSSARY_EN = "regime complex <img src=x onerror=alert(19)>"
HEADING_EN = "<img src=x onerror=alert(20)>"
EMENDED = "<img src=x onerror=alert(21)>"


def _replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def inject(root: Path) -> None:
    """Write the vectors into the copy of the project at ``root``."""
    raw = root / "sources" / "raw" / f"{TEXT}.txt"
    lines = raw.read_text(encoding="utf-8").split("\n")
    paragraph = next(i for i, line in enumerate(lines) if len(line) > 200)
    lines[paragraph] += "\n\n" + PARAGRAPH
    note = next(i for i, line in enumerate(lines) if line.startswith("[1] "))
    lines[note] += NOTE
    heading = lines.index("（一）人工智能的技术特性与议题属性")
    lines[heading] += HEADING
    raw.write_text("\n".join(lines), encoding="utf-8")
    meta = root / "sources" / "texts" / f"{TEXT}.yaml"
    text = meta.read_text(encoding="utf-8")
    old_sha = re.search(r"^sha256: (\w+)$", text, re.M).group(1)
    text = text.replace(old_sha, hashlib.sha256(raw.read_bytes()).hexdigest())
    text = re.sub(r"^title_en: .*$", "title_en: " + _yaml_string(META_TITLE_EN), text, count=1, flags=re.M)
    text = re.sub(r"^source_note: >-\n(?:  .*\n)*", "source_note: " + _yaml_string(SOURCE_NOTE) + "\n",
                  text, count=1, flags=re.M)
    meta.write_text(text, encoding="utf-8")
    _replace_once(root / "sources" / "glossary.yaml", "  en: regime complex\n", f"  en: {_yaml_string(GLOSSARY_EN)}\n")
    _replace_once(root / "sources" / "headings.yaml",
                  "\n  人工智能的技术特性与议题属性: The Technical Characteristics and Issue Attributes of AI\n",
                  f"\n  {_yaml_string('人工智能的技术特性与议题属性' + HEADING)}: {_yaml_string(HEADING_EN)}\n")
    with (root / "sources" / "emendations.yaml").open("a", encoding="utf-8") as stream:
        stream.write(f"\n- id: {TEXT}-injected\n  text: {TEXT}\n  context: EMENDME Injected\n  source: EMENDME\n"
                     f"  edition: {_yaml_string(EMENDED)}\n  reason: {_yaml_string(SOURCE_NOTE)}\n"
                     "  fault: ocr\n  certainty: certain\n")


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def copy_project(target: Path) -> Path:
    for name in ("sources", "docs", "bib"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


def run(args: list[str], cwd: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"


@pytest.fixture(scope="module")
def injected_site(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("injected"))
    inject(root)
    bin_dir = Path(sys.executable).parent
    run([str(bin_dir / "edition"), "--root", str(root), "build"], root)
    run([str(bin_dir / "mkdocs"), "build", "--strict", "-d", str(root / "site")], root)
    return root


@pytest.fixture(scope="module")
def injected_url(injected_site: Path, serve_folder) -> str:
    return serve_folder(injected_site / "site")


#: The pages the vectors reach: the text, the glossary (the English form), the home page (the
#: English title), the bibliography (the note's work).
INJECTED_PAGES = [f"texts/{TEXT}/", "glossary/", "", "bibliography/"]

DOM_PROBLEMS = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const value = attr.value.replace(/[\\s\\u0000-\\u001f]/g, '').toLowerCase();
      if (attr.name.startsWith('on')) found.push(`${el.tagName} ${attr.name}`);
      if (['href', 'src', 'action', 'formaction', 'data', 'xlink:href'].includes(attr.name)
          && /^(javascript|vbscript|data):/.test(value)) found.push(`${el.tagName} ${attr.name}=${attr.value}`);
    }
    if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'STYLE'].includes(el.tagName) && el.closest(".md-content"))
      found.push(`${el.tagName} in the article`);
  }
  return found;
}"""


@pytest.fixture(scope="module")
def injected_pages(borrow, injected_url) -> dict:
    """Each page loaded once, hovered over and tabbed through a little: dialogs, DOM problems,
    whether the policy is there, and the article's text."""
    found = {}
    dialogs: list[str] = []

    def dismiss(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    with borrow() as page:
        page.on("dialog", dismiss)
        for path in INJECTED_PAGES:
            # goto returns after the load event: every image, frame and script of the page has
            # loaded or failed, and every handler a vector had set on one of them has run
            page.goto(injected_url + path)
            for _ in range(5):
                page.keyboard.press("Tab")
            page.mouse.move(400, 400)
            found[path] = {
                "problems": page.evaluate(DOM_PROBLEMS),
                "csp": page.locator('meta[http-equiv="Content-Security-Policy"]').count(),
                "text": page.locator("article.md-content__inner").text_content(),  # closed boxes and off-screen entries too
                "head": page.evaluate("() => [document.title, document.querySelector('meta[name=description]')"
                                      "?.getAttribute('content')]"),
            }
        found["dialogs"] = list(dialogs)
        page.remove_listener("dialog", dismiss)
        # the policy's own report of what it refused is expected here: the vectors are there to be refused
        page.csp_violations.clear()
    return found


def test_no_vector_runs(injected_pages):
    assert injected_pages["dialogs"] == []


@pytest.mark.parametrize("path", INJECTED_PAGES)
def test_no_handler_or_script_address_reaches_a_page(injected_pages, path):
    assert injected_pages[path]["problems"] == []
    assert injected_pages[path]["csp"] == 1


def test_the_vectors_are_shown_as_text(injected_pages):
    text = injected_pages[f"texts/{TEXT}/"]["text"]
    for vector in VECTORS:
        shown = html.unescape(vector)  # a normalising rule decodes the entities a scrape left
        assert shown in text, vector
    assert text.count("<img src=x onerror=alert(1)>") == 2  # the paragraph and the note
    assert HEADING in text and HEADING_EN in text and EMENDED in text
    assert "[x](javascript:alert(18))" in text  # the metadata's source note
    assert GLOSSARY_EN in injected_pages["glossary/"]["text"]


def test_head_metadata_is_text(injected_pages):
    title, description = injected_pages[f"texts/{TEXT}/"]["head"]
    assert description == META_TITLE_EN
    assert "<script>" not in title or title.startswith("人工智能")


def test_edition_check_names_each_raw_html_place(injected_site, edition_main):
    result = edition_main("--root", injected_site, "check", cwd=injected_site)
    assert result.returncode == 1
    raw = injected_site / "sources" / "raw" / f"{TEXT}.txt"
    lines = raw.read_text(encoding="utf-8").split("\n")
    paragraph = next(n for n, line in enumerate(lines, 1) if line.startswith("EMENDME"))
    note = next(n for n, line in enumerate(lines, 1) if line.startswith("[1] "))
    heading = next(n for n, line in enumerate(lines, 1) if line.endswith(HEADING))
    assert f"{raw}:{paragraph}: raw HTML (shown as text): '<img src=x onerror=alert(1)>'" in result.stdout
    assert f"{raw}: … and " in result.stdout  # twenty lines for the file, then a count
    # the Documents that the fixture's `edition build` kept in the copy's cache
    found = {(problem.line, problem.message.split(":")[0])
             for problem in residue_problems(load_edition(injected_site, BuildCache(injected_site)))
             if problem.path == str(raw)}
    for line in (paragraph, note, heading):
        assert (line, "raw HTML (shown as text)") in found, (line, sorted(found))
    assert (paragraph, "a Markdown link or attribute list (shown as text)") in found
    assert (paragraph, "a script address (shown as text)") in found


# --- the committed site -------------------------------------------------------------------

class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.inline: list[str] = []
        self.csp: list[str] = []
        self.styles = 0
        self.handlers: list[str] = []
        self._open: dict | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and "src" not in attributes and attributes.get("type") != "application/json":
            self._open = {"text": ""}
        if tag == "meta" and attributes.get("http-equiv") == "Content-Security-Policy":
            self.csp.append(attributes["content"])
        self.styles += "style" in attributes
        self.handlers += [f"{tag} {name}" for name in attributes if name.startswith("on")]

    def handle_data(self, data):
        if self._open is not None:
            self._open["text"] += data

    def handle_endtag(self, tag):
        if tag == "script" and self._open is not None:
            self.inline.append(self._open["text"])
            self._open = None


def test_every_page_has_the_policy_and_every_inline_script_its_hash(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert pages
    for path in pages:
        parser = _Scripts()
        parser.feed(path.read_text(encoding="utf-8"))
        assert len(parser.csp) == 1, path
        policy = parser.csp[0]
        assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
        for directive in ("object-src 'none'", "base-uri 'self'", "style-src 'self'", "default-src 'self'"):
            assert directive in policy, directive
        assert not re.search(r"https?:", policy), "no other origin"
        for script in parser.inline:
            digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
            assert f"'sha256-{digest}'" in policy, f"{path}: an inline script without its hash: {script[:80]}"
        assert parser.styles == 0, f"{path}: a style attribute"
        assert parser.handlers == [], f"{path}: {parser.handlers}"
