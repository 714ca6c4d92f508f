"""The page of one text: header, body with permalinks and page markers, notes, and the foot
(cited by, shared works, apparatus). Also the page of liang-song's cleaned traditional text."""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict

from ..cite.format import formatted
from ..fingerprint import stable
from ..gloss import page_marks_outside_terms
from ..markers import FINISHED_HTML_END, FINISHED_HTML_START, PAGE_MARK
from ..model import Block, Document
from ..steps.convert import OPENCC_CONFIG, convert_traditional_to_simplified
from ..vocabulary import CITED_TITLE
from .apparatus import apparatus_html
from .bibliography import formatted_html
from .citation import (KIND_LABEL, KIND_LABEL_EN, bibtex_entry, citation_gbt, citation_meta_tags, edition_bibtex_entry,
                       edition_citation_gbt)
from .emendmarks import EmendationMarks
from .glossary import mark_terms
from .markup import (BACKLINK_TITLE, NoteReferences, esc, mark_han, mark_latin, md_escape, md_text, mostly_latin, page, safe_url, site_href,
                     source_as_html)
from .pagination import PRINTED, SOURCE_FILE, Pagination, note_references, page_link, cited_page, pagination_of, printed_note_label

SOURCE_PAGES = Pagination(SOURCE_FILE)



def from_a_text_page(target: str) -> str:
    """``site_href`` from a text page: every one is in docs/texts/, so the link is the same from each."""
    return site_href("texts/text.md", target)


#: The bibliography page's address from a text page.
BIBLIOGRAPHY_FROM_TEXT = from_a_text_page("bibliography.md")

MATTER_LABEL = {
    "title": "原刊题名",
    "abstract": "内容提要",
    "keywords": "关键词",
    "byline": "署名",
    "author-note": "作者简介",
    "title-note": "题注",
    "classification": "分类号",
    "source": "来源",
    "editor": "编辑",
    "date": "日期",
    "end-mark": "",
}

FIELD_LABEL = {
    "venue": "刊物", "venue_en": "刊物英文名", "year": "年份", "issue": "期次", "date": "日期",
    "pages": "页码", "keywords": "关键词", "title_en": "英文题名", "abstract_en": "英文摘要",
    "authors": "作者", "url": "网址", "publisher": "出版者", "issn": "ISSN", "title": "题名",
}


def plain(text: str) -> str:
    """Markdown/HTML of a formatted citation reduced to text for a ``title`` attribute."""
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return text.replace("*", "").replace("`", "")


def join_lines(text: str) -> str:
    """One paragraph on one line: a line break between Chinese characters vanishes, elsewhere it is a space."""
    return re.sub(r"(?<=(.))\n(?=(.))", lambda m: "" if (ord(m.group(1)) > 0x2e7f or ord(m.group(2)) > 0x2e7f) else " ", text)


#: The marker a line of a list or quote block begins with (``structure`` made the block from it).
LINE_MARKER = re.compile(r"^(?:[-+*] |\d{1,2}[.)] |>[ ]?)")


# --- header -------------------------------------------------------------------------------

def _inferred_mark(meta, *names: str) -> str:
    reasons = []
    for name in names:
        reason = meta.inferred.get(name)
        if reason and reason not in reasons:
            reasons.append(reason)
    if not reasons:
        return ""
    title = esc("编者推定 (inferred by the editor): " + " ".join(reasons))
    return f'<a class="ed-inferred" href="#source" title="{title}">推定</a>'


def venue_line(meta) -> str:
    parts = []
    if meta.venue:
        venue = f"《{esc(meta.venue)}》"
        if meta.venue_en:
            venue += f' <span lang="en"><i>{esc(meta.venue_en)}</i></span>'
        parts.append(venue + _inferred_mark(meta, "venue", "venue_en"))
    when = ""
    if meta.date:
        when = esc(meta.date)
    elif meta.year:
        when = f"{meta.year}年"
    if meta.issue:
        when += esc(meta.issue)
    if when:
        parts.append(when + _inferred_mark(meta, "date", "year", "issue"))
    if meta.pages:
        parts.append(f"第{esc(meta.pages)}页" + _inferred_mark(meta, "pages"))
    if meta.republished_by:
        parts.append("转载：" + mark_latin(esc(meta.republished_by)))
    if not meta.venue and not meta.date and not meta.year:
        parts.append('原文未载刊名与日期 <span lang="en">(neither venue nor date printed)</span>')
    elif not meta.date and not meta.year:
        parts.append('原文未载日期 <span lang="en">(date not printed)</span>')
    kind = (f'{KIND_LABEL.get(meta.kind, meta.kind)} <span lang="en">({KIND_LABEL_EN.get(meta.kind, meta.kind)})</span>'
            + _inferred_mark(meta, "kind"))
    return "，".join(parts) + "。" + f'<span class="ed-kind">{kind}</span>'


def abstract_label_en(meta) -> str:
    if meta.abstract_en_source != "translation-of-author-abstract":
        return "Editor's summary"
    return "Translation of the author's abstract" if len(meta.authors) == 1 else "Translation of the authors' abstract"


def header_html(meta, traditional_href: str | None) -> str:
    """What a reader sees before the text: the authors and where the text appeared. The English
    title and abstract and the keywords are in the disclosure that follows (``about_html``)."""
    authors = []
    for author in meta.authors:
        item = (f'<li><span class="ed-author">{esc(author.name)}</span> '
                f'<span class="ed-pinyin" lang="en">{esc(author.pinyin)}</span>')
        if author.affiliation:
            item += f'<span class="ed-affiliation">{esc(author.affiliation)}</span>'
        if author.role:
            item += f'<span class="ed-role">{mark_latin(esc(author.role))}</span>'
        authors.append(item + "</li>")
    lines = [
        '<header class="ed-header">',
        f'<ul class="ed-authors" aria-label="作者">{"".join(authors)}</ul>',
        f'<p class="ed-venue">{venue_line(meta)}</p>',
        f'<p class="ed-print-only">{esc(citation_gbt(meta))}</p>',
        '<p class="ed-print-only ed-print-url" lang="en"></p>',
        "</header>",
    ]
    if traditional_href:
        lines += ["", f'<p class="ed-alt-script">本文原以繁体字刊出；正文已按 OpenCC <code>{OPENCC_CONFIG}</code> '
                  f'配置转为简体（<a href="{from_a_text_page("principles.md#step-convert")}">凡例</a>）。'
                  f'<a href="{traditional_href}">阅读整理后的繁体原文</a>'
                  f' <span lang="en">(the cleaned text in traditional characters)</span></p>']
    return "\n".join(lines)


def english_html(meta) -> str:
    """The editor's English title and abstract, and the keywords in both languages."""
    label = abstract_label_en(meta)
    abstract = meta.abstract_en.strip()
    for known in ("Translation of the authors' abstract", "Translation of the author's abstract", label):
        if abstract.lower().startswith(known.lower()):
            abstract = abstract[len(known):].lstrip(" .:—")
    keywords = "；".join(f'{esc(k["zh"])} <span lang="en">({esc(k["en"])})</span>' for k in meta.keywords)
    lines = [f'<div class="ed-english" lang="en"><p class="ed-title-en">{esc(meta.title_en)}</p>',
             f'<p class="ed-abstract-en"><span class="ed-label">{label}.</span> {mark_han(esc(abstract))}</p></div>']
    if keywords:
        lines.append(f'<p class="ed-keywords"><span class="ed-label">关键词</span>{_inferred_mark(meta, "keywords")}：{keywords}</p>')
    return "\n".join(lines)


#: Front matter shown before the text; the rest of it waits in the disclosure.
LEAD_MATTER = ("abstract",)


def skip_links(has_notes: bool) -> list[str]:
    """Links past the text's hundreds of terms, numbers and markers, shown when focused."""
    links = ['<a href="#apparatus">跳到校勘记 <span lang="en">Skip to the apparatus</span></a>']
    if has_notes:
        links.insert(0, '<a href="#notes">跳到注释 <span lang="en">Skip to the notes</span></a>')
    return [f'<p class="ed-skip">{" ".join(links)}</p>']


def lead_and_rest(items) -> tuple[list, list]:
    """The front matter a reader wants before the text (the authors' abstract) and the rest."""
    lead = [item for item in items if item.kind in LEAD_MATTER]
    return lead, [item for item in items if item.kind not in LEAD_MATTER]


def about_html(meta, document: Document, bib_href: str, works=None, note_references=None) -> list[str]:
    """One disclosure for everything between the Chinese abstract and the text: the English
    title and abstract, the keywords, the rest of the source's front matter, "cite this text"
    and the source."""
    _lead, rest = lead_and_rest(document.front)
    out = ['<details class="ed-about" id="about">',
           '<summary>英文摘要、关键词、原刊信息、引用本文 '
           '<span lang="en">English abstract, keywords, front matter, citation</span></summary>',
           english_html(meta)]
    out += matter_html(rest, "ed-front", "原刊信息", note_references=note_references)
    out += [cite_html(meta, bib_href, works), source_html(meta), "</details>"]
    return out


def copyable(kind: str, ident: str, content: str, lang: str | None = None) -> str:
    """A citation with its copy button (``docs/assets/cite.js``)."""
    lang_attr = f' lang="{lang}"' if lang else ""
    if kind == "bibtex":
        # the id on a wrapper: Material's code-block script rebuilds <pre> without it
        body = (f'<div class="ed-bibtex-block" id="{ident}"><pre class="ed-bibtex"{lang_attr}>'
                f'<code>{esc(content.rstrip())}</code></pre></div>')
    else:
        body = f'<p class="ed-citation" id="{ident}"{lang_attr}>{esc(content)}</p>'
    button = (f'<p><button class="ed-copy" type="button" data-copy="{ident}">复制 '
              f'<span lang="en">Copy</span></button></p>')
    return body + "\n" + button


def cite_html(meta, bib_href: str, works=None) -> str:
    """Cite this text (the original publication) and cite this edition (the text as read here,
    [EB/OL] with its URL and the date of access), each in GB/T 7714-2015 and BibTeX."""
    name = own_bib_name(meta.id)
    return "\n".join([
        '<details class="quote ed-cite" id="cite">',
        '<summary>引用本文 <span lang="en">Cite this text</span></summary>',
        '<p class="ed-cite-head" id="cite-original"><strong>引用原文</strong> <span lang="en">The original publication</span></p>',
        copyable("gbt", "cite-original-gbt", citation_gbt(meta)),
        copyable("bibtex", "cite-original-bibtex", bibtex_entry(meta, works), "en"),
        f'<p><a download="{name}" href="{bib_href}">下载本文的 BibTeX 条目 <span lang="en">({name})</span></a></p>',
        '<p class="ed-cite-head" id="cite-edition"><strong>引用本读本</strong> <span lang="en">This edition</span></p>',
        '<p class="ed-cite-help">所据文本为本读本的整理本时，请同时引用本读本；段落与原刊页码见各段末 ¶ '
        '<span lang="en">(cite a paragraph from its ¶ link)</span>。</p>',
        copyable("gbt", "cite-edition-gbt", edition_citation_gbt(meta)),
        copyable("bibtex", "cite-edition-bibtex", edition_bibtex_entry(meta, works), "en"),
        "</details>",
    ])


def source_html(meta) -> str:
    lines = ['<details class="info ed-source" id="source">',
             '<summary>来源与编者推定 <span lang="en">Source and inferences</span></summary>']
    if meta.source_note:
        lines.append(f'<p lang="en">{mark_han(esc(meta.source_note))}</p>')
    if meta.url and safe_url(meta.url):
        lines.append(f'<p>原始网址：<a href="{esc(meta.url)}">{esc(meta.url)}</a></p>')
    elif meta.url:
        lines.append(f'<p>原始网址：{esc(meta.url)}</p>')
    lines.append(f'<p>原始文件：<code>{esc(meta.original_filename)}</code>，'
                 f'SHA-256 <code class="ed-hash">{esc(meta.sha256[:16])}…</code></p>')
    if meta.inferred:
        lines.append("<p>以下著录项不见于原文，由编者推定：</p>")
        items = "".join(f'<li><strong>{esc(FIELD_LABEL.get(name, name))}</strong> '
                        f'<span lang="en">({esc(name)}): {mark_han(esc(reason))}</span></li>'
                        for name, reason in meta.inferred.items())
        lines.append(f"<ul>{items}</ul>")
    lines.append("</details>")
    return "\n".join(lines)


# --- body ---------------------------------------------------------------------------------

def own_bib_name(text_id: str) -> str:
    """The file of the text's own BibTeX entry ("cite this text"); ``<id>.bib`` is the cite
    step's file of the works the text cites."""
    return f"cite-{text_id}.bib"


def page_marker(source_page: int, within: bool = False, pagination: Pagination = SOURCE_PAGES) -> str:
    """The marker where a page begins, numbered and labelled by the text's pagination of
    record (``site/pagination.py``); empty where the text has none to cite."""
    if not pagination.shown:
        return ""
    n = pagination.number(source_page)
    label = pagination.label(source_page) + ("（始于本段中）" if within else "")
    css = "ed-page" if pagination.kind == PRINTED else "ed-page ed-page-source"
    return (f'<a class="{css}" id="page-{n}" href="#page-{n}" title="{label}" '
            f'aria-label="{label}" data-page-label="{esc(pagination.label_en(source_page))}">{n}</a>')


def paragraph_number(pid: str, number: str, cite: str = "") -> str:
    """The paragraph's number, shown in the margin (inline on a phone), and its permalink: the
    number the glossary and the search give as "¶ 12". ``cite``: its ``data-cite`` attribute."""
    return (f'<a class="ed-pilcrow" href="#{pid}" aria-label="第 {number} 段的固定链接"{cite}>'
            f'<span class="ed-pilcrow__sign" aria-hidden="true">¶</span>{number}</a>')


class BodyWriter:
    """Writes the blocks of one Document as Markdown, numbering ids as the contract says."""

    def __init__(self, document: Document, glossary=None, text_id: str | None = None,
                 lang: str | None = None, headings_en: bool = True, pagination: Pagination = SOURCE_PAGES,
                 meta=None, emend: EmendationMarks | None = None):
        self.document = document
        self.meta = meta
        self.emend = emend or EmendationMarks()
        self.pagination = pagination
        self.glossary = glossary
        self.text_id = text_id or document.id
        self.lang = lang
        self.headings_en = headings_en
        self.english_headings: dict[str, str] = {}
        self.pages_done: set[int] = set()
        self.paragraphs = 0
        self.headings = 0
        self.note_references = NoteReferences({note.n for note in document.notes})
        self.glossary_href = from_a_text_page("glossary.md")

    def marker(self, source_page: int, within: bool = False) -> str:
        return page_marker(source_page, within, self.pagination)

    def _lang_attr(self) -> str:
        return f" lang={self.lang}" if self.lang else ""

    def inline_pages(self, text: str) -> str:
        def replace(match: re.Match[str]) -> str:
            n = int(match.group(1))
            if n in self.pages_done:
                return ""
            self.pages_done.add(n)
            return self.marker(n)
        return PAGE_MARK.sub(replace, text)

    def leading_pages(self, block: Block) -> list[str]:
        """Markers for pages that begin with this block (or inside it, when the text lost its marks)."""
        inline = {int(n) for n in PAGE_MARK.findall(block.text)}
        markers = []
        if block.page is not None and block.page not in self.pages_done and block.page not in inline:
            self.pages_done.add(block.page)
            markers.append(self.marker(block.page))
        for n in block.pages or []:
            if n not in self.pages_done and n not in inline and n != block.page:
                self.pages_done.add(n)
                markers.append(self.marker(n, within=True))
        return [m for m in markers if m]

    def paragraph_cite(self, block: Block, pid: str) -> str:
        """``data-cite`` of a ¶ permalink: the paragraph cited in this edition, with the page it
        begins on where the text has a pagination to cite."""
        if self.meta is None:
            return ""
        where = f"¶{pid.split('-')[-1]}"
        if block.page is not None and self.pagination.shown:
            where = self.pagination.label(block.page).split("（")[0] + ", " + where
        return f' data-cite="{esc(edition_citation_gbt(self.meta, "#" + pid, where))}"'

    def gloss(self, text: str) -> str:
        """A stretch of source text as finished HTML, its glossary terms marked as links."""
        if self.glossary is None:
            return md_text(text)
        return mark_terms(self.glossary, text, self.glossary_href)

    def is_term(self, text: str) -> bool:
        """``text`` is, as a whole, one term of the glossary (a cited document's title)."""
        return self.glossary is not None and [(s, e) for s, e, _ in self.glossary.matches(text)] == [(0, len(text))]

    def heading(self, block: Block) -> list[str]:
        self.headings += 1
        hid = block.id or f"h-{self.headings}"
        level = min(max(block.level or 1, 1) + 1, 6)
        text = block.text.strip()
        if block.number and not text.startswith(block.number):
            text = f"{block.number}{text}"
        out = []
        markers = self.leading_pages(block)
        if markers:
            out += [f'<div class="ed-pagebreak">{"".join(markers)}</div>', ""]
        heading = self.inline_pages(source_as_html(text, self.note_references))
        out += ["#" * level + " " + heading + f" {{#{hid}{self._lang_attr()}}}", ""]
        english = self.english_headings.get(hid)
        if english is None and self.headings_en and self.glossary is not None:
            english = self.glossary.heading_translation(self.text_id, block.text.strip())
        if english:
            out += [f'<p class="ed-heading-en" lang="en">{esc(english)}</p>', ""]
        return out

    def paragraph_like(self, block: Block) -> str:
        """A paragraph, a list or a quote as finished HTML: the HTML Python-Markdown made of it
        when the page was Markdown (``{: #p-1 .ed-p }``, ``<div class="ed-list" markdown="1">``)."""
        self.paragraphs += 1
        pid = block.id or f"p-{self.paragraphs}"
        number = pid.split("-")[-1]
        text = self.emend.insert(pid, block.text).strip()
        if self.lang is None and self.glossary is not None:
            text = page_marks_outside_terms(self.glossary, text)
        stretch = self.gloss if self.lang is None else md_text
        if block.kind in ("list", "quote"):
            text = "\n".join(self._marked_line(line, stretch) for line in text.split("\n"))
        else:
            text = source_as_html(text, self.note_references, stretch)
        text = mark_latin(text)
        markers = "".join(self.leading_pages(block))
        text = self.emend.render(self.inline_pages(text))
        pilcrow = paragraph_number(pid, number, self.paragraph_cite(block, pid))
        lang = f' lang="{self.lang}"' if self.lang else ""
        if block.kind not in ("list", "quote"):
            return f'<p class="ed-p" id="{pid}"{lang}>{pilcrow}{markers}{join_lines(text)}</p>'
        tag = "blockquote" if block.kind == "quote" else "div"
        out = [f'<{tag} class="ed-{block.kind}" id="{pid}"{lang}>', f'<div class="ed-pilcrow-line">{pilcrow}</div>']
        if markers:
            out.append(f'<div class="ed-pagebreak">{markers}</div>')
        out += quote_html(text.split("\n")) if block.kind == "quote" else list_html(text.split("\n"))
        return "\n".join(out + [f"</{tag}>"])

    def _marked_line(self, line: str, stretch) -> str:
        """A line of a list or quote block: its marker kept, the rest as source text."""
        marker = LINE_MARKER.match(line)
        start = marker.end() if marker else 0
        return line[:start] + source_as_html(line[start:], self.note_references, stretch)

    def blocks(self) -> list[str]:
        """The body: headings as Markdown (the table of contents is made from them), each run of
        paragraphs, lists and quotes between them as finished HTML (``edition.finished_html``)."""
        out: list[str] = []
        finished: list[str] = []
        for block in self.document.blocks:
            if block.kind != "heading":
                finished.append(self.paragraph_like(block))
                continue
            out += finished_html(finished) + self.heading(block)
            finished = []
        return out + finished_html(finished)


def finished_html(lines: list[str]) -> list[str]:
    """Lines of finished HTML between the markers that let the site's Markdown pass them by."""
    return [FINISHED_HTML_START, *lines, FINISHED_HTML_END, ""] if lines else []


def list_html(lines: list[str]) -> list[str]:
    """The lines of a list block (each item's line begins with its marker, ``- `` or ``1. ``) as a
    list, ordered when the first marker is a number; a line without a marker continues its item."""
    items: list[str] = []
    for line in lines:
        marker = LINE_MARKER.match(line)
        if marker or not items:
            items.append(line[marker.end():] if marker else line)
        else:
            items[-1] += "\n" + line
    tag = "ol" if lines and lines[0][:1].isdigit() else "ul"
    return [f"<{tag}>", *(f"<li>{item}</li>" for item in items), f"</{tag}>"]


def quote_html(lines: list[str]) -> list[str]:
    """The lines of a quote block (each begins with ``>``) as its paragraphs: an empty line parts them."""
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        content = re.sub(r"^>[ ]?", "", line)
        if content.strip():
            paragraphs[-1].append(content)
        elif paragraphs[-1]:
            paragraphs.append([])
    return [f"<p>{chr(10).join(p)}</p>" for p in paragraphs if p]


LABELLED = re.compile(r"^\s*(\*\*|\[|〔|【|［|[^\s：:]{1,6}[：:])")
#: The label a source prints before an item of front matter: ``内容提要：``, ``[提要]``, ``〔文章编号〕``.
OWN_LABEL = re.compile(r"^([^\s：:*\[〔【［]{1,6}[：:]|[\[〔【［][^\]〕】］\n]{1,6}[\]〕】］])")


def label_without_space(text: str) -> str:
    """No space between a label that ends in a full-width colon or bracket and what it labels
    (``<strong>内容提要：</strong> 当…`` → ``<strong>内容提要：</strong>当…``): Chinese sets none there."""
    return re.sub(r"^(<strong>[^<]+[：〕】］\]]</strong>)[ \t]+", r"\1", text)


def matter_html(items, css: str, heading: str, lang: str | None = None, writer: "BodyWriter | None" = None,
                note_references: NoteReferences | None = None) -> list[str]:
    """Front or end matter in a box of its own, as finished HTML; page furniture is left to the
    apparatus. With ``writer``, the page an item begins on is marked (page 1 is where the title is)."""
    items = [item for item in items if item.kind != "furniture"]
    if not items:
        return []
    references = writer.note_references if writer is not None else note_references or NoteReferences()
    lang_attr = f' lang="{lang}"' if lang else ""
    out = [f'<section aria-label="{heading}" class="ed-matter {css}"{lang_attr}>']
    for item in items:
        label = MATTER_LABEL.get(item.kind, "")
        text = PAGE_MARK.sub("", item.text.strip())
        own = OWN_LABEL.match(text)
        # a labelled item is a line of data (a classification, an address): no lang spans in it
        if label and not LABELLED.match(text):
            text = f"<strong>{label}：</strong>{source_as_html(text, references)}"
        elif own:
            text = label_without_space(f"<strong>{md_text(own.group(1))}</strong>" + source_as_html(text[own.end():], references))
        else:
            text = mark_latin(source_as_html(text, references))
        marker = ""
        if writer is not None and item.page is not None and item.page not in writer.pages_done:
            writer.pages_done.add(item.page)
            marker = writer.marker(item.page)
        out.append(f"<p>{marker}{text}</p>".replace("\n", "<br />\n"))
    return out + ["</section>"]


def printed_label_html(printed: str) -> str:
    """The label the source printed for a note, shown before its text (in the list and the preview)."""
    if not printed:
        return ""
    return f'<span class="ed-note-label" title="原刊注号及其所在页 (the note as printed)">〔{esc(printed)}〕</span> '


def gloss_outside_titles(gloss, text: str, whole=None) -> str:
    """``gloss`` applied to ``text`` except inside cited titles (《…》): a note cites a work by
    its own title, which is not the author's use of a term. A title that is itself a term
    (``whole(title)``: a document of the glossary) is glossed whole.

    >>> gloss_outside_titles(lambda t: t.replace("治理", "[治理]"), "论治理：《技术治理研究》，治理")
    '论[治理]：《技术治理研究》，[治理]'
    """
    out, last = [], 0
    for match in CITED_TITLE.finditer(text):
        title = match.group(0)
        out += [gloss(text[last:match.start()]), gloss(title) if whole is not None and whole(title) else md_text(title)]
        last = match.end()
    out.append(gloss(text[last:]))
    return "".join(out)


def note_html(note, work_links: str, references: NoteReferences, lang: str | None = None, gloss=None,
              printed: str = "", emend: EmendationMarks | None = None, whole_term=None) -> str:
    """A note of the list of notes as finished HTML: the item Python-Markdown's footnotes made of
    its definition (ADR 0004), with as many links back as ``references`` made to it (one at
    least). A note written in a Western language is wrapped in ``<span lang="en">``; ``lang``
    (zh-Hant) likewise. ``gloss`` marks glossary terms in a note written in Chinese, as in the
    running text (the glossary page lists notes too)."""
    emend = emend or EmendationMarks()
    raw = PAGE_MARK.sub("", emend.insert(f"fn:{note.n}", note.text).strip())
    latin = mostly_latin(raw)
    if latin or gloss is None:
        text = source_as_html(raw, references)
    else:
        text = source_as_html(raw, references, lambda stretch: gloss_outside_titles(gloss, stretch, whole_term))
    if latin:
        text = f'<span lang="en">{text}</span>'
    else:
        text = mark_latin(text)
        if lang:
            text = f'<span lang="{lang}">{text}</span>'
    body = printed_label_html(printed) + emend.render(text)
    if work_links:
        body += " " + work_links
    back = BACKLINK_TITLE.format(note.n)
    backlinks = "".join(f'<a class="footnote-backref" href="#{ref_id}" title="{back}">&#8617;</a>'
                        for ref_id in references.ids(note.n))
    return f'<li id="fn:{note.n}">\n<p>{body}&#160;{backlinks}</p>\n</li>'


def notes_html(items: list[str]) -> list[str]:
    """The list of notes, where Python-Markdown's footnotes put theirs."""
    return ['<div class="footnote">', "<hr />", "<ol>", *items, "</ol>", "</div>"]


def edition_text_link(other_meta, note_text: str) -> str:
    """A link to another text of the edition, at the page the note cites, or saying why not."""
    anchor, reason = page_link(pagination_of(other_meta), cited_page(note_text))
    href = from_a_text_page(f"texts/{other_meta.id}.md{anchor}")
    link = f'<a class="ed-edition-text" href="{href}">本读本所收：{md_escape(other_meta.title)}</a>'
    return link + (f'（<span class="ed-link-note">{esc(reason)}</span>）' if reason else "")


def note_links(bibliography, metas_by_id: dict, text_id: str, note) -> str:
    """Links after a note: its works in the bibliography; another text of the edition directly."""
    keys = note.works
    links = []
    for index, key in enumerate(keys, 1):
        work = bibliography.works[key]
        label = "参考文献" if len(keys) == 1 else f"参考文献 {index}"
        title = md_text(plain(formatted(work)))
        links.append(f'<a class="ed-bib" href="{BIBLIOGRAPHY_FROM_TEXT}#{key}" title="{title}">{label}</a>')
        other = work.edition_text
        if other and other in metas_by_id and other != text_id:
            links.append(edition_text_link(metas_by_id[other], note.text))
    if not links:
        return ""
    return "→ " + " · ".join(links)


# --- foot ---------------------------------------------------------------------------------

def cited_by_html(bibliography, metas_by_id: dict, text_id: str, references=None) -> list[str]:
    """Under "被引": each other text whose notes cite this one, with links to those notes."""
    citing: dict[str, list[int]] = defaultdict(list)
    for work in bibliography.works.values():
        if work.edition_text != text_id:
            continue
        for other, n in work.cited_in:
            if other != text_id and n not in citing[other]:
                citing[other].append(n)
    out = ['<p class="ed-label-en" lang="en">Cited by other texts of this edition</p>', ""]
    if not citing:
        return out + ["<p>本读本的其他文本未引用本文。</p>"]
    items = []
    for other in sorted(citing, key=list(metas_by_id).index):
        meta = metas_by_id[other]
        refs = references(other) if references else {}
        notes = "、".join(f'<a href="{from_a_text_page(f"texts/{other}.md#fn:{n}")}">{refs.get(n, f"注 {n}")}</a>'
                         for n in sorted(citing[other]))
        names = md_text("、".join(a.name for a in meta.authors))
        items.append(f'{names}：<a href="{from_a_text_page(f"texts/{other}.md")}">{md_escape(meta.title)}</a>，{notes}')
    return out + loose_list_html(items)


def loose_list_html(items: list[str]) -> list[str]:
    """A list whose items are paragraphs (Markdown's list with a blank line between its items)."""
    return ["<ul>", *(f"<li>\n<p>{item}</p>\n</li>" for item in items), "</ul>"]


def work_html(work) -> str:
    """A work's formatted citation as finished HTML, with ``lang`` when it is not Chinese."""
    text = formatted_html(work)
    if work.language != "zh":
        text = f'<span lang="{esc(work.language)}">{text}</span>'
    return text


def shared_works_html(bibliography, metas_by_id: dict, text_id: str, references=None) -> list[str]:
    """Under "共同引用的文献": each work this text cites that another text cites too, with the notes."""
    order = list(metas_by_id)
    rows = []
    for key, work in bibliography.works.items():
        pairs = work.cited_in
        here = sorted({n for t, n in pairs if t == text_id})
        others: dict[str, list[int]] = defaultdict(list)
        for t, n in pairs:
            if t != text_id and n not in others[t]:
                others[t].append(n)
        if here and others:
            rows.append((key, work, here, others))
    out = ['<p class="ed-label-en" lang="en">Works this text shares with other texts of the edition</p>', ""]
    if not rows:
        return out + ["<p>本文引用的文献未见于本读本的其他文本。</p>"]
    def ref(other: str, n: int) -> str:
        return (references(other) if references else {}).get(n, f"注 {n}")
    items = []
    for key, work, here, others in rows:
        notes = "、".join(f'<a href="#fn:{n}">{ref(text_id, n)}</a>' for n in here)
        elsewhere = "；".join(
            f"{md_escape(metas_by_id[o].authors[0].name)} "
            + "、".join(f'<a href="{from_a_text_page(f"texts/{o}.md#fn:{n}")}">{ref(o, n)}</a>' for n in sorted(ns))
            for o, ns in sorted(others.items(), key=lambda item: order.index(item[0]) if item[0] in order else 99))
        items.append(f'{work_html(work)} <a class="ed-bib" href="{BIBLIOGRAPHY_FROM_TEXT}#{key}">参考文献</a><br />\n'
                     f"  本文{notes}；亦见 {elsewhere}")
    return out + loose_list_html(items)


# --- the page -----------------------------------------------------------------------------

def text_page(meta, document: Document, edition) -> str:
    bibliography = edition.bibliography
    glossary = edition.glossary
    metas_by_id = {m.id: m for m in edition.metas}
    traditional = document.traditional is not None
    front_matter = {
        "title": esc(meta.title),
        "description": esc(meta.title_en),
        "citation": citation_meta_tags(meta),
    }
    marks = EmendationMarks(meta, document, edition.sources, glossary)
    writer = BodyWriter(document, glossary, meta.id, pagination=pagination_of(meta), meta=meta, emend=marks)
    bib_href = from_a_text_page(f"assets/bib/{own_bib_name(meta.id)}")
    lead, _rest = lead_and_rest(document.front)
    body = [f"# {md_escape(meta.title)} {{#title}}", ""]
    top = [header_html(meta, from_a_text_page(f"texts/{meta.id}-traditional.md") if traditional else None), ""]
    top += matter_html(lead, "ed-front ed-lead", "内容提要", writer=writer)
    top += about_html(meta, document, bib_href, edition.sources.works, writer.note_references)
    top += skip_links(bool(document.notes))
    body += finished_html(top + [""])
    body += writer.blocks()
    body += finished_html(matter_html(document.end, "ed-end", "文末信息", writer=writer))
    if document.notes:
        body += ["## 注释 {#notes}", ""]
        pagination = pagination_of(meta)
        gloss = writer.gloss if glossary is not None else None
        notes = [note_html(note, note_links(bibliography, metas_by_id, meta.id, note), writer.note_references, gloss=gloss,
                           printed=printed_note_label(pagination, note), emend=marks, whole_term=writer.is_term)
                 for note in document.notes]
        body += finished_html(['<p class="ed-label-en" lang="en">Notes</p>', "", *notes_html(notes)])
    def references(text_id: str) -> dict[int, str]:
        return note_references(edition, text_id)
    body += ["## 被引 {#cited-by}", ""] + finished_html(cited_by_html(bibliography, metas_by_id, meta.id, references))
    body += ["## 共同引用的文献 {#shared-works}", ""]
    body += finished_html(shared_works_html(bibliography, metas_by_id, meta.id, references))
    body += apparatus_html(meta, document, edition, marks.unit_of)
    sources = f"sources/texts/{meta.id}.yaml, sources/raw/{meta.raw}"
    return page("\n".join(body), sources, front_matter)


def traditional_title(meta, original: Document) -> str:
    """The title as the traditional text prints it (its front matter), found by converting each
    item to simplified; the simplified title when the front matter does not hold it."""
    for item in original.front:
        simplified = convert_traditional_to_simplified(item.text)
        at = simplified.find(meta.title)
        if at >= 0 and len(simplified) == len(item.text):
            return item.text[at:at + len(meta.title)]
    return meta.title


def heading_translations(document: Document, glossary, text_id: str) -> dict[str, str]:
    """Heading id → the English of the heading, from the simplified Document (the traditional
    page numbers its headings the same way)."""
    if glossary is None:
        return {}
    found = {}
    for block in document.blocks:
        if block.kind == "heading" and block.id:
            english = glossary.heading_translation(text_id, block.text.strip())
            if english:
                found[block.id] = english
    return found


def traditional_page(meta, document: Document, edition) -> str:
    """liang-song's cleaned text in traditional characters, before OpenCC (``lang="zh-Hant"``)."""
    original = document.traditional
    assert original is not None
    # the emended readings are marked here too; their sigils lead to the simplified page's apparatus
    marks = EmendationMarks(meta, original, edition.sources, apparatus_page=f"../{meta.id}/", printed_script=True)
    writer = BodyWriter(original, None, meta.id, lang="zh-Hant", headings_en=False, pagination=pagination_of(meta),
                        emend=marks)
    writer.english_headings = heading_translations(document, edition.glossary, meta.id)
    title = traditional_title(meta, original)
    body = [f"# {md_escape(title)}（繁體） {{#title lang=zh-Hant}}", "",
            FINISHED_HTML_START,
            f'<p class="ed-alt-script"><span lang="zh-Hant">這是整理後、經 OpenCC 轉換之前的繁體文本。</span>'
            f'<a href="{from_a_text_page(f"texts/{meta.id}.md")}">回到简体本与注释、校勘记</a>'
            f' <span lang="en">(the cleaned text in traditional characters, before conversion; '
            f'notes and apparatus are on the simplified page)</span></p>', FINISHED_HTML_END, ""]
    body += finished_html(matter_html(original.front, "ed-front", "原文提要", lang="zh-Hant", writer=writer))
    body += writer.blocks()
    body += finished_html(matter_html(original.end, "ed-end", "文末信息", lang="zh-Hant", writer=writer))
    if original.notes:
        body += ["## 註釋 {#notes lang=zh-Hant}", ""]
        pagination = pagination_of(meta)
        notes = [note_html(note, "", writer.note_references, lang="zh-Hant", printed=printed_note_label(pagination, note),
                           emend=marks) for note in original.notes]
        body += finished_html(['<p class="ed-label-en" lang="en">Notes</p>', "", *notes_html(notes)])
    front_matter = {"title": esc(title + "（繁體）"), "description": esc(meta.title_en + " (traditional characters)")}
    return page("\n".join(body), f"sources/texts/{meta.id}.yaml, sources/raw/{meta.raw}", front_matter)


# --- pages kept from an earlier build ----------------------------------------------------------

#: The reviewed files every text page reads besides its own text's data: the glossary (terms,
#: English, pinyin), the heading translations, the works (the cite box), the pinyin overrides.
SHARED_FILES = ("glossary", "headings", "works", "pinyin")


def page_inputs(meta, document: Document, edition, references=None) -> str | None:
    """The hash of everything ``text_page`` and ``traditional_page`` read for this text, or None
    without the text's key in the build cache (``Edition.text_keys``, which covers its raw file,
    metadata, emendations and furniture and the code): the shared files, the other texts' ids,
    titles, authors and pagination, the works its notes cite or that are this text (fields,
    where each is cited), the works of each note, the note references of the texts those works
    are cited in (``references``: a function that gives them, made once per text), and its
    citation report."""
    text_key = edition.text_keys.get(meta.id)
    if text_key is None:
        return None
    bibliography = edition.bibliography
    works = [work for work in bibliography.works.values()
             if work.edition_text == meta.id or any(t == meta.id for t, _n in work.cited_in)]
    others = sorted({t for work in works for t, _n in work.cited_in} - {meta.id})
    parts = [text_key, stable([edition.sources.digests.get(name) for name in SHARED_FILES]),
             stable([(m.id, m.title, [a.name for a in m.authors], pagination_of(m)) for m in edition.metas]),
             stable(works), stable([note.works for note in document.notes]),
             stable({other: (references or (lambda t: note_references(edition, t)))(other) for other in others}),
             stable(bibliography.report(meta.id))]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()
