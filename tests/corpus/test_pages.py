"""The pages of the site, from a small edition made of real parts (metadata, Documents, a
bibliography, a glossary, an emendation) and from the corpus. The Markdown is also put
through Python-Markdown with the site's extensions, so that ids, ``lang`` and footnotes are
checked as the reader gets them.
"""

from __future__ import annotations

import html as html_lib
import re

import bibtexparser
import markdown
import pytest
import yaml
from hypothesis import example, given, settings, strategies as st

from edition import gloss
from edition.cite.parse import Name
from edition.cite.works import Bibliography, Work
from edition.model import Block, Change, Document, Edition, Matter, Note
from edition.segment import Segmenter
from edition.site import document_markdown, render_site
from edition.site.citation import bibtex_entry
from edition.site.glossary import mark_terms
from edition.markers import FINISHED_HTML_END, FINISHED_HTML_START
from edition.markers import NOTE_REF, PAGE_MARK, URL
from edition.site.markup import (EMPHASIS, NoteReferences, esc, mark_han, mark_latin, md_text, safe_url,
                                 site_href, source_as_html)
from edition.site.text import BodyWriter, note_html, notes_html, paragraph_number
from edition.sources import Sources
from edition.sources.emendations import Emendation
from edition.sources.glossary import Entry
from edition.sources.headings import canonical
from edition.sources.texts import Author, TextMeta
from edition.vocabulary import CJK_PUNCTUATION, HAN
from edition.steps.convert import OPENCC_CONFIG


def make_meta(text_id: str, title: str, **extra) -> TextMeta:
    values = dict(raw=f"{text_id}.txt", original_filename=f"00_{text_id}.txt", sha256="0" * 64,
                  script="simplified", kind="journal-article", title=title, title_en=f"English {text_id}",
                  authors=[Author("薛澜", "Xue Lan", "清华大学"), Author("赵静", "Zhao Jing", None, "通讯作者")],
                  abstract_en="An abstract with \"quotes\" & <angles>.", abstract_en_source="editor-summary",
                  keywords=[{"zh": "敏捷治理", "en": "agile governance"}], venue="国际经济评论",
                  venue_en="International Economic Review", year=2024, issue="第3期", pages="120-137",
                  inferred={"venue": "Cited so by li and yan."})
    values.update(extra)
    return TextMeta(id=text_id, **values)


EMENDATION = Emendation(id="xue-zhao-zhili", text="xue-zhao", context="治里", source="治里", edition="治理",
                        reason="OCR: 里 for 理", fault="ocr", certainty="certain", path="sources/emendations.yaml", line=1)
AGILE = Entry("agile", "敏捷治理", "agile governance", "mǐnjié zhìlǐ", "concept", "释义。", "Definition.",
              "editor's translation")


def make_documents():
    a = Document("xue-zhao", "人工智能国际治理", blocks=[
        Block("paragraph", "开篇一段。", page=1, id="p-1"),
        Block("heading", "引言", page=1, level=1, number="一、", id="h-1"),
        Block("paragraph", "敏捷治理见于此处[^1]，⟦page 2⟧并延续到下一页。Human Compatible 一书。", page=1, pages=[1, 2], id="p-2"),
        Block("list", "- 第一项\n- 第二项", page=2, id="p-3"),
        Block("paragraph", "1. 不是列表", page=3, id="p-4"),
    ], notes=[Note(1, "Stuart Russell, Human Compatible, New York: Viking, 2019.", page=1, works=["russell2019"])],
        front=[Matter("abstract", "这是提要。"), Matter("keywords", "人工智能；治理")],
        end=[Matter("editor", "（责任编辑：石刚）")],
        changes=[Change("fix_width", "xue-zhao", 10, ",", "，", application=1),
                 Change("fix_width", "xue-zhao", 11, ":", "：", application=1),
                 Change("emend", "xue-zhao", 12, "治里", "治理", detail=EMENDATION.id, application=2)])
    b = Document("li", "安全偏好", blocks=[Block("paragraph", "引薛文[^1]。", page=1, id="p-1")],
                 notes=[Note(1, "薛澜、赵静：《人工智能国际治理》，《国际经济评论》2024年第3期。", works=["xue2024"])])
    trad = Document("liang-song", "構建", blocks=[Block("paragraph", "繁體正文。", page=1, id="p-1")])
    c = Document("liang-song", "构建", blocks=[Block("paragraph", "简体正文。", page=1, id="p-1")],
                 traditional=trad, script="traditional")
    return [a, b, c]


@pytest.fixture(scope="module")
def segmenter():
    """One segmenter for the module, told the texts it will cut, as ``edition build`` tells its
    own: one pass over jieba's dictionary instead of one for each run nobody expected."""
    segmenter = Segmenter()
    for document in make_documents():
        segmenter.expect(gloss.glossed_texts(document))
    return segmenter


@pytest.fixture(scope="module")
def small_edition(root, segmenter):
    metas = [make_meta("xue-zhao", "人工智能国际治理"), make_meta("li", "安全偏好", inferred={}),
             make_meta("liang-song", "构建", script="traditional", kind="news-commentary", date="2025-07-08",
                       issue=None, pages=None, inferred={})]
    works = [Work("russell2019", "book", {"title": "Human Compatible", "location": "New York", "publisher": "Viking",
                                         "date": "2019"}, authors=[Name("Russell", "Stuart")],
                  cited_in=[("xue-zhao", 1)], language="en"),
             Work("xue2024", "article", {"title": "人工智能国际治理", "journaltitle": "国际经济评论", "date": "2024",
                                         "number": "3"}, authors=[Name("薛澜", whole=True), Name("赵静", whole=True)],
                  cited_in=[("li", 1)], edition_text="xue-zhao", language="zh")]
    headings = {"xue-zhao": {canonical("引言"): "I. Introduction"}}
    sources = Sources(root=root, texts=metas, emendations=[EMENDATION], glossary=[AGILE], headings=headings)
    return Edition(root, sources, make_documents(), Bibliography(works={w.key: w for w in works}),
                   gloss.Glossary([AGILE], headings=headings, segmenter=segmenter))


@pytest.fixture(scope="module")
def small_site(small_edition) -> dict[str, str]:
    """``render_site`` of the small edition, once for the module: every test here only reads it
    (each rendering passes over jieba's dictionary for the search index)."""
    return render_site(small_edition)


ROOT_DIR = __import__("pathlib").Path(__file__).resolve().parents[2]


class MkDocsLoader(yaml.Loader):
    """mkdocs.yml as MkDocs reads it, with ``!ENV`` (site_url) left unset."""


MkDocsLoader.add_constructor("!ENV", lambda loader, node: None)


def to_html(text: str) -> str:
    config = yaml.load((ROOT_DIR / "mkdocs.yml").read_text(encoding="utf-8"), Loader=MkDocsLoader)
    extensions, configs = [], {}
    for item in config["markdown_extensions"]:
        name, options = (next(iter(item.items())) if isinstance(item, dict) else (item, {}))
        extensions.append(name)
        configs[name] = options or {}
    body = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    return markdown.markdown(body, extensions=extensions, extension_configs=configs)


def test_every_generated_page_says_so(small_site):
    for path, content in small_site.items():
        if path.endswith(".md"):
            body = re.sub(r"\A---\n.*?\n---\n", "", content, flags=re.S)
            assert body.startswith("<!-- generated by `edition build` from "), path
            assert "do not edit -->" in body.splitlines()[0], path


def test_site_files(small_site):
    assert {"docs/texts/xue-zhao.md", "docs/texts/li.md", "docs/texts/liang-song.md",
            "docs/texts/liang-song-traditional.md", "docs/index.md", "docs/principles.md",
            "docs/bibliography.md", "docs/glossary.md", "docs/assets/bib/cite-xue-zhao.bib", "docs/assets/search/index.json"} <= set(small_site)
    assert "docs/texts/li-traditional.md" not in small_site


def test_paragraph_and_heading_ids_and_permalinks(small_site):
    html = to_html(small_site["docs/texts/xue-zhao.md"])
    # the paragraph's number opens it: its permalink, the "¶ 1" of the glossary and the search;
    # xue-zhao's metadata here gives pages 120-137: source page 1 is printed page 120
    assert re.search(r'<p class="ed-p" id="p-1"><a class="ed-pilcrow" href="#p-1"[^>]*>'
                     r'<span class="ed-pilcrow__sign" aria-hidden="true">¶</span>1</a>'
                     r'<a class="ed-page" id="page-120"[^>]*>120</a>开篇一段。</p>', html)
    assert '<h2 id="h-1">一、引言<a class="headerlink" href="#h-1"' in html
    assert '<div class="ed-list" id="p-3">' in html
    assert "<li>第一项</li>" in html
    # a paragraph that starts like a list stays a paragraph
    assert re.search(r'<p class="ed-p" id="p-4"><a class="ed-pilcrow"[^>]*>.*?</a>(<a class="ed-page"[^>]*>122</a>)?1\. 不是列表', html)
    assert "{#" not in html and "{:" not in html


def test_page_markers_inline_and_at_block_start(small_site):
    html = to_html(small_site["docs/texts/xue-zhao.md"])
    assert html.count('id="page-120"') == 1
    assert html.count('id="page-121"') == 1 and html.count('id="page-122"') == 1
    assert 'id="page-1"' not in html
    # the inline page break sits where the source's page begins
    assert re.search(r'见于此处.*，<a class="ed-page" id="page-121" href="#page-121"[^>]*>121</a>并延续', html)
    assert "⟦page" not in html


def test_notes_with_bibliography_links_and_lang(small_site):
    text = small_site["docs/texts/xue-zhao.md"]
    html = to_html(text)
    assert 'id="fn:1"' in html and 'href="#fn:1"' in html
    assert '<li id="fn:1">\n<p><span lang="en">Stuart Russell' in html
    assert 'href="../../bibliography/#russell2019"' in text
    # notes come before the foot sections
    assert html.index('id="fn:1"') < html.index('id="cited-by"') < html.index('id="apparatus"')


def test_note_citing_another_text_links_to_it(small_site):
    text = small_site["docs/texts/li.md"]
    assert '<a class="ed-edition-text" href="../xue-zhao/">' in text


def test_cited_by_links_to_the_citing_note(small_site):
    text = small_site["docs/texts/xue-zhao.md"]
    cited = text.split("{#cited-by}")[1].split("{#shared-works}")[0]
    assert '<a href="../li/#fn:1">注 1</a>' in cited


def test_apparatus_lists_emendations_and_counts_rules(small_site):
    text = small_site["docs/texts/xue-zhao.md"]
    apparatus = text.split("{#apparatus}")[1]
    assert ('<tr>\n<td>12</td>\n<td><code>治里</code></td>\n<td><code>治理</code></td>\n'
            '<td><span id="emend-xue-zhao-zhili" lang="en">OCR: 里 for 理</span>') in apparatus
    assert '<td><a href="../../principles/#fix_width"><code>fix_width</code></a></td>\n<td>2</td>' in apparatus


def test_english_runs_get_lang(small_site):
    html = to_html(small_site["docs/texts/xue-zhao.md"])
    assert '<span lang="en">Human Compatible</span> 一书' in html
    assert '<p class="ed-title-en">English xue-zhao</p>' in html


def test_glossary_marks_and_heading_translations(small_site):
    html = to_html(small_site["docs/texts/xue-zhao.md"])
    assert '<a class="gloss" data-en="agile governance" data-pinyin="mǐnjié zhìlǐ" href="../../glossary/#term-agile"' in html
    assert '<p class="ed-heading-en" lang="en">I. Introduction</p>' in html


def test_header_escapes_and_cites(small_site):
    text = small_site["docs/texts/xue-zhao.md"]
    body = text.split("\n---\n", 1)[1]  # the front matter's values are escaped by the template
    assert "<angles>" not in body and 'with "quotes"' not in body
    shown = html_lib.unescape(to_html(text))
    assert 'An abstract with "quotes" & <angles>.' in shown
    assert "薛澜, 赵静. 人工智能国际治理[J]. 国际经济评论, 2024(3): 120-137." in shown
    assert '<a download="cite-xue-zhao.bib" href="../../assets/bib/cite-xue-zhao.bib">' in text


def test_citation_meta_in_front_matter(small_site):
    text = small_site["docs/texts/xue-zhao.md"]
    meta = yaml.safe_load(text.split("---\n")[1])
    tags = [(t["name"], t["content"]) for t in meta["citation"]]
    assert ("citation_title", "人工智能国际治理") in tags
    assert [c for n, c in tags if n == "citation_author"] == ["薛澜", "赵静"]
    assert ("citation_issue", "3") in tags
    assert ("citation_firstpage", "120") in tags and ("citation_lastpage", "137") in tags
    assert ("citation_journal_title", "国际经济评论") in tags
    assert not any(n == "citation_pdf_url" for n, _ in tags)


def test_traditional_page_is_zh_hant(small_site):
    html = to_html(small_site["docs/texts/liang-song-traditional.md"])
    assert re.search('<p class="ed-p" id="p-1" lang="zh-Hant"><a class="ed-pilcrow"[^>]*>.*?</a>(<a class="ed-page"[^>]*>1</a>)?繁體正文。', html)
    assert '<h1 id="title" lang="zh-Hant">' in html
    assert 'href="../liang-song-traditional/"' in small_site["docs/texts/liang-song.md"]


def test_bibtex_round_trips():
    meta = make_meta("xue-zhao", "人工智能国际治理：{基于}")
    library = bibtexparser.parse_string(bibtex_entry(meta))
    assert not library.failed_blocks
    entry = library.entries[0]
    assert entry["title"] == "人工智能国际治理：{基于}"
    assert entry["pages"] == "120--137"


@pytest.mark.parametrize("before,after", [
    pytest.param("沃伦·麦卡洛克（Warren McCulloch）", '沃伦·麦卡洛克（<span lang="en">Warren McCulloch</span>）', id="li-name"),
    pytest.param("智能体（AI Agent）", '智能体（<span lang="en">AI Agent</span>）', id="two-words"),
    pytest.param("联合国（UNESCO）", "联合国（UNESCO）", id="acronym-unchanged"),
    pytest.param("“越狱”（Jailbreak）", '“越狱”（<span lang="en">Jailbreak</span>）', id="li-one-word"),
    pytest.param("由AI驱动", "由AI驱动", id="short-acronym-unchanged"),
    pytest.param("见 https://example.org/a b 处", "见 https://example.org/a b 处", id="url-unchanged"),
    pytest.param("引文[^3]与 Open AI", '引文[^3]与 <span lang="en">Open AI</span>', id="note-ref"),
    pytest.param("Only English text here", "Only English text here", id="no-han-unchanged"),
    pytest.param("清华思客 (&quot;Tsinghua Thinkers&quot;)", '清华思客 (&quot;<span lang="en">Tsinghua Thinkers</span>&quot;)', id="entities-kept-whole"),
])
def test_mark_latin(before, after):
    assert mark_latin(before) == after


#: The pattern ``mark_han`` used until it found the stretches of Chinese run by run of Han
#: characters (``markup.chinese_stretches``): the reference it is held to.
CHINESE_STRETCH = re.compile(rf"[{HAN}](?:[{HAN}{CJK_PUNCTUATION}《》“”·\d]*[{HAN}》”\uff09])?")


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from([*"人國豈㐀", *"《》“”·（）、，。〇\u3000１", *"0123456789", *"aZ &;()\"-", "&quot;", "&amp;"]),
                max_size=30).map("".join))
@example("the Initiative (《全球人工智能治理倡议》, 2023) and 2024年5月")
@example("“人工智能”。")
def test_chinese_stretches_are_those_of_the_pattern(text):
    assert mark_han(text) == CHINESE_STRETCH.sub(lambda m: f'<span lang="zh-Hans">{m.group(0)}</span>', text)


def test_document_markdown_keeps_numbering_and_notes():
    document = make_documents()[0]
    text = document_markdown(document)
    assert "## 一、引言" in text
    assert "[^1]: Stuart Russell" in text


def test_principles_cover_every_recorded_rule(small_site):
    text = small_site["docs/principles.md"]
    assert "{#fix_width}" in text and "{#emend}" in text
    assert f"`{OPENCC_CONFIG}`" in text


def test_real_corpus_renders_with_the_contract_anchors(generated):
    files = generated
    first_page = {"xue-zhao": 1, "li": 1, "yan": 120}
    for text_id in ("xue-zhao", "cai", "li", "yan", "liang-song"):
        html = to_html(files[f"docs/texts/{text_id}.md"])
        assert 'id="p-1"' in html, text_id
        if text_id in first_page:
            assert f'id="page-{first_page[text_id]}"' in html, text_id
        else:  # a newspaper column and a web page: no page to cite, no marker
            assert 'class="ed-page' not in html, text_id
        assert 'id="apparatus"' in html
    assert "docs/texts/liang-song-traditional.md" in files


def test_chinese_note_is_glossed(small_edition):
    def marked(text):
        return mark_terms(small_edition.glossary, text, "../../glossary/")

    zh = note_html(Note(3, "薛澜：“走向敏捷治理”，《中国行政管理》2019年第8期。"), "", NoteReferences(), gloss=marked)
    assert '<a class="gloss" data-en="agile governance" data-pinyin="mǐnjié zhìlǐ" href="../../glossary/#term-agile"' in zh
    assert "term-agile" not in note_html(Note(3, "薛澜：“走向敏捷治理”。"), "", NoteReferences())


# --- source text is text ------------------------------------------------------------------

VECTORS = [
    "<img src=x onerror=alert(1)>", "<svg onload=alert(2)>", '<iframe src="javascript:alert(3)">',
    "<details open ontoggle=alert(4)>", "[x](javascript:alert(5))", "[x](https://e.org){onclick=alert(6)}",
    "<script>alert(7)</script>", "![x](javascript:alert(8))", "{: onclick=alert(9) }", "<!-- x -->",
    "`code` **bold** _under_ ^sup^ | a | b |", "# not a heading", "> not a quote", "1. not a list",
    "*[HTML]: not an abbreviation", "[^9]: not a note", "\\*escaped\\*", "&amp; &lt;b&gt;",
]


def finished(*paragraphs: str) -> str:
    """Paragraphs of finished HTML as a generated page holds them."""
    return "\n".join([FINISHED_HTML_START, *(f"<p>{p}</p>" for p in paragraphs), FINISHED_HTML_END])


@pytest.mark.parametrize("vector", VECTORS)
def test_source_text_reaches_the_page_as_text(vector):
    """In a heading (Markdown) and in a paragraph (finished HTML), source text is text."""
    text = f"人工智能治理 {vector} 之后。[^1]"
    references = NoteReferences()
    heading = "## " + source_as_html(vector, references) + " {#h-1}"
    html = to_html(heading + "\n\n" + finished(source_as_html(text, references)) + "\n\n[^1]: 注。")
    shown = html_lib.unescape(re.sub(r"<[^>]+>", "", html))
    assert vector in shown and f"人工智能治理 {vector} 之后。" in shown
    tags = re.findall(r"<(\w+)", html)
    assert set(tags) <= {"h2", "p", "sup", "a", "div", "hr", "ol", "li"}, tags
    assert not re.search(r"<[^>]*\son\w+=", html) and not re.search(r"<[^>]*javascript:", html)
    assert FINISHED_HTML_END not in source_as_html(f"{FINISHED_HTML_END}\n{vector}", NoteReferences())


#: Clean text with every kind of the edition's markup, and text that only looks like markup.
MARKED = [
    "见 *Foreign Affairs* 第3期[^1]，https://example.org/a_b_c?x=1&y=2&amp;z 与 www.example.org。",
    "* 不是强调 *，*强调里有注[^1]与 https://e.org/#a*，[^1] 再引。",
    "http://e.org/<b>x</b> 与 javascript:alert(1)。",
    *VECTORS,
]


def markdown_of_old(text: str) -> str:
    """Clean text as the Markdown the pages were written in before ADR 0012 (note references
    ``[^n]``, ``<url>`` links, ``*emphasis*``, every other character a character reference):
    the reference that ``source_as_html`` is held to."""
    def markup(token: str) -> str:
        if token.startswith("*"):
            inner = token[1:-1]
            star = md_text("*") if inner != inner.strip() else "*"
            return star + markdown_of_old(inner) + star
        if token.startswith(("http", "www", "HTTP", "WWW")) and URL.fullmatch(token):
            href = token if token.lower().startswith(("http://", "https://")) else "http://" + token
            if not safe_url(href):
                return md_text(token)
            return f"<{token}>" if href == token else f'<a href="{esc(href)}">{md_text(token)}</a>'
        return token
    tokens = re.compile("|".join(p.pattern for p in (NOTE_REF, PAGE_MARK, URL, EMPHASIS)))
    out, position = [], 0
    for match in tokens.finditer(text):
        out += [md_text(text[position:match.start()]), markup(match.group(0))]
        position = match.end()
    return "".join(out) + md_text(text[position:])


@pytest.mark.parametrize("text", MARKED)
def test_finished_html_is_what_markdown_makes_of_the_edition_s_markdown(text):
    """A paragraph written as finished HTML reads exactly as its Markdown would have read."""
    text = "前 " + text  # a paragraph's text, not the start of a list or heading
    references = NoteReferences()
    paragraph = finished(source_as_html(text, references))
    notes = "\n".join([FINISHED_HTML_START, *notes_html([note_html(Note(1, "注。"), "", references)]), FINISHED_HTML_END])
    assert to_html(paragraph + "\n\n" + notes) == to_html(markdown_of_old(text) + "\n\n[^1]: 注。")


def dom(html: str) -> list[str]:
    """HTML as what a browser builds of it: tags with sorted attributes, text with its white
    space collapsed (blank text between tags dropped)."""
    import html.parser as html_parser

    events: list[str] = []

    class Reader(html_parser.HTMLParser):
        def handle_starttag(self, tag, attrs):
            events.append(f"<{tag} {sorted(attrs)}>")

        def handle_endtag(self, tag):
            events.append(f"</{tag}>")

        def handle_data(self, data):
            if data.strip():
                events.append(re.sub(r"\s+", " ", data))

    Reader(convert_charrefs=True).feed(html)
    return events


def finished_block_and_notes(block: Block) -> str:
    """One block of a text, with its note 1, as finished HTML."""
    writer = BodyWriter(Document("t", "题", blocks=[block], notes=[Note(1, "注。")]))
    body = "\n".join(writer.blocks())
    notes = [FINISHED_HTML_START, *notes_html([note_html(Note(1, "注。"), "", writer.note_references)]), FINISHED_HTML_END]
    return body + "\n\n" + "\n".join(notes)


@pytest.mark.parametrize("text", ["- 第一项[^1]\n- 第二项*强调*与 https://e.org/a?b=1&c=2\n- 第三项",
                                  "- 一项\n接续的一行\n- 二项"])
def test_a_list_in_finished_html_reads_as_its_markdown_did(text):
    """A list block as Python-Markdown read it in its ``markdown="1"`` container, and as finished
    HTML: the same elements and text."""
    lines = [line[:2] + markdown_of_old(line[2:]) if line.startswith("- ") else markdown_of_old(line) for line in text.split("\n")]
    markdown = "\n".join(['<div class="ed-list" id="p-3" markdown="1">', "",
                          f'<div class="ed-pilcrow-line">{paragraph_number("p-3", "3")}</div>', "",
                          *lines, "", "</div>", "", "[^1]: 注。"])
    assert dom(to_html(finished_block_and_notes(Block("list", text, id="p-3")))) == dom(to_html(markdown))


def test_a_quote_in_finished_html_is_one_blockquote_of_paragraphs():
    """A quote block (no text of the corpus has one): its lines' paragraphs in the block's own
    ``blockquote``. (As Markdown, its ``> `` lines made a second blockquote inside the first.)"""
    html = to_html(finished_block_and_notes(Block("quote", "> 引文第一行\n> 第二行[^1]\n>\n> 第二段", id="p-3")))
    events = dom(html)
    assert events.count("<blockquote []>") == 0 and events.count("</blockquote>") == 1
    quote = html[html.index('<blockquote class="ed-quote" id="p-3">'):html.index("</blockquote>")]
    assert re.findall(r"<p>(.*?)</p>", quote, re.S) == [
        '引文第一行\n第二行<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>', "第二段"]


def test_a_note_referred_to_twice_has_a_second_reference_id():
    references = NoteReferences()
    assert [references(1), references(1), references(2)] == [
        '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>',
        '<sup id="fnref2:1"><a class="footnote-ref" href="#fn:1">1</a></sup>',
        '<sup id="fnref:2"><a class="footnote-ref" href="#fn:2">2</a></sup>']


@pytest.mark.parametrize("page, target, href", [
    ("texts/yan.md", "glossary.md#term-ai-governance", "../../glossary/#term-ai-governance"),
    ("texts/yan.md", "texts/xue-zhao.md#fn:2", "../xue-zhao/#fn:2"),
    ("texts/yan.md", "index.md", "../../"),
    ("glossary.md", "texts/yan.md#p-12", "../texts/yan/#p-12"),
    ("index.md", "bibliography.md", "bibliography/"),
    ("glossary.md", "glossary.md#term-ai", "./#term-ai"),
])
def test_site_href_is_the_link_mkdocs_writes(page, target, href):
    assert site_href(page, target) == href


def test_only_the_editions_markup_is_markup():
    text = "见 *Foreign Affairs* 第3期[^1]，⟦page 2⟧https://example.org/a_b_c 与 www.example.org。"
    out = source_as_html(text, NoteReferences())
    assert out.startswith('见 <em>Foreign Affairs</em> 第3期<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>，'
                          '⟦page 2⟧<a href="https://example.org/a_b_c">https://example.org/a_b_c</a> 与 ')
    assert '<a href="http://www.example.org">www.example.org</a>' in out
    assert source_as_html("javascript:alert(1)", NoteReferences()) == "javascript:alert(1)"  # text, never a link
    assert source_as_html("见[^0]与[^2]", NoteReferences(defined={2})).startswith("见[^0]与<sup")  # no note 0: text
