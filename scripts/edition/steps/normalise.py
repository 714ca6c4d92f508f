"""Step 4, normalise: markup artefacts, URLs broken by OCR, spaces inside Chinese,
punctuation width — the typographic conventions of GB/T 15834—2011, applied everywhere.

The rules run in this order on the text ``layout`` left:

1. ``normalise_html_entities`` — ``&quot;`` → ``"`` (before the quotes are paired);
2. ``normalise_duplicated_links`` — ``[url](url)`` → ``url``;
3. ``normalise_autolinks`` — ``<https://…>`` → ``https://…``;
4. ``normalise_markdown_escapes`` — ``content\\_6903173`` → ``content_6903173``;
5. ``normalise_bold_markup`` — ``**内容提要：**当前`` → ``内容提要：当前``;
6. ``normalise_broken_urls`` — ``?to ken=`` → ``?token=``;
7. ``normalise_document_symbols`` — ``78/L. 49`` → ``78/L.49``;
8. ``normalise_punctuation_width`` — ``,`` ``:`` ``;`` ``?`` ``!`` inside Chinese → ``，：；？！``;
9. ``normalise_parentheses_width`` — ``牛津洞察(Oxford Insights)发布`` → ``（…）``;
10. ``normalise_quotes`` — ``"涌现式"`` → ``“涌现式”``;
11. ``normalise_spaces_in_chinese`` — ``2015 年 9 月`` → ``2015年9月``, ``治理 应促进`` → ``治理应促进``;
12. ``normalise_space_before_comma`` — ``의향서 ,"`` → ``의향서,"``;
13. ``normalise_trailing_spaces`` — spaces and tabs at the end of a line.

Policy. Chinese text takes full-width punctuation; Latin text (a Western citation, an English
name, a number, a URL) keeps ASCII. A mark is "inside Chinese" when a Han character or an
unambiguously Chinese mark (``，。《》`` …) stands next to it; the curly quotes ``“”`` are
shared by both scripts and decide nothing. No space stands between two Chinese characters,
nor between Chinese and Latin letters or digits (``以ChatGPT为代表``, ``2022年``), as in the
printed sources; spaces between Latin words survive. Lines whose spaces separate items —
keywords, bylines, classification numbers, the source line, a date — keep them.

The ``⟦page N⟧`` and ``[^n]`` markers and URLs are protected spans: no rule changes them, and
a space after a URL is never removed (it ends the URL). Only spaces and tabs are removed,
never a line break (see the contract in ``layout``).
"""

from __future__ import annotations

import html
import html.entities
import re

from ..markers import NOTE_DEF, URL, outside_protected
from ..model import Rule
from ..vocabulary import (CHINESE_OPENERS, CHINESE_PUNCT, HAN as HAN_ONLY, LACUNA, front_kind, has_han, is_han,
                          is_spaced_byline)

HAN = HAN_ONLY + LACUNA  # 〓 stands for a lost character
SPACE = r"[ \t\u00a0\u3000]"

_MARKER = r"⟦page \d+⟧|\[\^\d+\](?!:)"
#: Spaces, with the markers among them (which do not count as neighbours).
_GAP = rf"(?:{_MARKER})*{SPACE}+(?:{SPACE}|{_MARKER})*"


# --- markup artefacts --------------------------------------------------------------------

_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#\d{1,6}|#x[0-9a-fA-F]{1,6});")


def normalise_html_entities(text: str) -> str:
    """HTML character references left by a web scrape become the characters they stand for:
    yan ``《&quot;人工智能造福人类全球峰会"在瑞士日内瓦举行》`` → ``《"人工智能造福…``; any
    reference HTML5 names (``&ldquo;`` → ``“``, ``&mdash;`` → ``—``). Only a complete
    reference with its semicolon is read, so ``?id=1&newsid=2`` in a URL is safe."""
    return _ENTITY.sub(_unescape_reference, text)


def _unescape_reference(match: re.Match[str]) -> str:
    """A numeric reference, or a named one that HTML5 defines (``&ldquo;`` ``&mdash;`` …);
    any other ``&name;`` is left as it stands."""
    reference = match.group(0)
    if reference[1] != "#" and reference[1:] not in html.entities.html5:
        return reference
    return html.unescape(reference)


#: The link text stops at any bracket that is not escaped, so that a match tried from each
#: of many ``[`` in a row ends at the next one (linear, not quadratic, in the brackets).
_LINK = re.compile(r"\[((?:\\.|[^\[\]\\\n])+)\]\((https?://[^)\s]+)\)")
_ESCAPED = re.compile(r"\\{1,2}([_\[\]])")


def _unescaped(text: str) -> str:
    return _ESCAPED.sub(r"\1", text)


def normalise_duplicated_links(text: str) -> str:
    """A Markdown link whose text is its own address, as a scrape writes a bare URL (li
    ``[https://www.gov.cn/…/content\\_6903173.htm](https://www.gov.cn/…/content_6903173.htm)``),
    becomes the address once. A link with real text is left alone."""
    def replace(match: re.Match[str]) -> str:
        shown, target = match.group(1), match.group(2)
        return target if _unescaped(shown) == target else match.group(0)

    return _LINK.sub(replace, text)


_AUTOLINK = re.compile(r"<((?:https?://|www\.)[^\s<>]+)>")


def normalise_autolinks(text: str) -> str:
    """A Markdown autolink ``<https://arxiv.org/pdf/2308.15514>`` becomes the bare address, as
    the other texts print it; the site links every address when it renders the page."""
    return _AUTOLINK.sub(r"\1", text)


def normalise_markdown_escapes(text: str) -> str:
    """Backslash escapes of a Markdown export are dropped: ``c\\_1129757277`` → ``c_1129757277``,
    ``\\[2024-04-19\\]`` → ``[2024-04-19]``. (Only ``_ [ ]``: the characters the scrapes escape.)"""
    return _ESCAPED.sub(r"\1", text)


_BOLD = re.compile(r"\*\*([^*\n]+?)\*\*")


def normalise_bold_markup(text: str) -> str:
    """Bold markup of a scrape is dropped: li ``**内容提要：**当前`` → ``内容提要：当前``. The
    sources use bold only for the labels of front matter, which ``structure`` recognises by
    their words; italics (``*Foreign Affairs*``) are kept, as they mark titles."""
    return _BOLD.sub(r"\1", text)


# --- OCR breaks inside URLs and document symbols -----------------------------------------

_URL_CONTINUATION = re.compile(rf"({URL.pattern}) ([^\s{HAN}{CHINESE_PUNCT}“”]+)")


def _continues_url(url: str, fragment: str) -> bool:
    if url.endswith("%20"):
        return True
    query = "?" in url
    return bool(re.search(r"[=&%]", fragment)) and (query or "%" in fragment or "/" in fragment)


def normalise_broken_urls(text: str) -> str:
    """A URL that OCR broke with a space is joined again when what follows the space can
    only be more of the same address — a query (``=``, ``&``) or percent-encoding: yan
    ``n2327152.pdf?to ken=66Z88…&fe=true`` → ``?token=66Z88…``, ``United%20Nations%20 System``
    → ``United%20Nations%20System``. A word after a URL is never joined to it."""
    previous = None
    while previous != text:
        previous = text
        text = _URL_CONTINUATION.sub(
            lambda m: m.group(1) + m.group(2) if _continues_url(m.group(1), m.group(2)) else m.group(0), text)
    return text


_DOCUMENT_SYMBOL = re.compile(r"(?<![\w/])((?:[A-Z]/)?\d{1,3}/L)\. (\d{1,4})\b")


def normalise_document_symbols(text: str) -> str:
    """A UN document symbol broken by OCR after its full stop is joined: yan ``第 78/L. 49 号决议``
    → ``78/L.49`` (as the same text writes ``A/78/L.49`` in its notes)."""
    return _DOCUMENT_SYMBOL.sub(r"\1.\2", text)


# --- punctuation width -------------------------------------------------------------------

_FULL_WIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}


def _is_han(char: str) -> bool:
    """One Han character, or 〓 (a lost one)."""
    return char == LACUNA or is_han(char)


def _has_han(text: str) -> bool:
    return LACUNA in text or has_han(text)


def _han_or_chinese_mark(char: str) -> bool:
    """Han or a Chinese mark: beside a mark, it makes the mark Chinese."""
    return bool(char) and (_is_han(char) or char in CHINESE_PUNCT)


def _han_or_chinese_opener(char: str) -> bool:
    """Han or a Chinese opening bracket: after a mark, it makes the mark Chinese."""
    return bool(char) and (_is_han(char) or char in CHINESE_OPENERS)


def _neighbour(text: str, index: int, step: int) -> str:
    """The nearest character of ``text`` from ``index`` in direction ``step`` that is not a space."""
    index += step
    while 0 <= index < len(text) and text[index] in " \t\u00a0\u3000":
        index += step
    return text[index] if 0 <= index < len(text) else ""


def _in_chinese(text: str, index: int) -> bool:
    before, after = _neighbour(text, index, -1), _neighbour(text, index, +1)
    if before == "\n" or after == "\n":
        before = "" if before == "\n" else before
        after = "" if after == "\n" else after
    if _han_or_chinese_mark(before) or _han_or_chinese_opener(after):
        return True
    date = _DATE_AFTER.match(text, index + 1)
    return bool(date) and date.end() < len(text) and (_is_han(text[date.end()]) or text[date.end()].isdecimal())


#: A Chinese date after the mark: yan ``《数字合作路线图》，A/74/821, 2020年5月29日`` is a Chinese citation.
_DATE_AFTER = re.compile(r"[ \t]*\d{1,4}[年月日]")  # then Han or a digit


_SEPARATORS = re.compile(r"[,:;?!]")


def _full_width_separators(stretch: str) -> str:
    chars = list(stretch)
    for match in _SEPARATORS.finditer(stretch):
        if _in_chinese(stretch, match.start()):
            chars[match.start()] = _FULL_WIDTH[match.group(0)]
    return "".join(chars)


def _until_stable(function, text: str) -> str:
    """Apply ``function`` until it changes nothing: a mark made full width can make its
    neighbour's context Chinese (``、:!`` → ``、：！``), and a rule must be idempotent."""
    previous = None
    while previous != text:
        previous, text = text, function(text)
    return text


def normalise_punctuation_width(text: str) -> str:
    """``,`` ``:`` ``;`` ``?`` ``!`` inside Chinese become full width: yan ``近年来,联合国``
    → ``近年来，联合国``; liang-song ``來源:新華社`` → ``來源：新華社``. A mark is inside Chinese when the
    character before it is Han or a Chinese mark, or the one after it is Han, a Chinese
    opening bracket or a Chinese date (``A/74/821, 2020年5月29日`` → ``A/74/821，2020年…``). Western citations keep theirs: ``*Foreign Affairs*, 102(6): 70–86``;
    so do times (``22:46:43``) and URLs (protected)."""
    return _until_stable(lambda t: outside_protected(_full_width_separators, t), text)


def _paren_pairs(line: str) -> list[tuple[int, int]]:
    pairs, stack = [], []
    for index, char in enumerate(line):
        if char in "(（":
            stack.append(index)
        elif char in ")）" and stack:
            pairs.append((stack.pop(), index))
    return pairs


def _pair_is_chinese(line: str, start: int, end: int) -> bool:
    if "（" in (line[start], line[end]) or "）" in (line[start], line[end]):
        return True
    if _has_han(line[start + 1:end]):
        return True
    before, after = _neighbour(line, start, -1), _neighbour(line, end, +1)
    return _han_or_chinese_mark(before) or _han_or_chinese_mark(after)


def _full_width_parentheses(stretch: str) -> str:
    lines = []
    for line in stretch.split("\n"):
        chars = list(line)
        for start, end in _paren_pairs(line):
            if _pair_is_chinese(line, start, end):
                chars[start], chars[end] = "（", "）"
        lines.append("".join(chars))
    return "\n".join(lines)


def normalise_parentheses_width(text: str) -> str:
    """A pair of parentheses inside Chinese becomes full width: yan ``牛津洞察(0xford Insights)发布``
    → ``牛津洞察（0xford Insights）发布``. A pair is Chinese when it encloses Han, stands after
    Han or a Chinese mark, or before one; a pair with one full-width half is completed.
    ``102(6)``, ``A/78/L.49 (2024), March 11`` keep ASCII. Pairs are found within a line."""
    return _until_stable(lambda t: outside_protected(_full_width_parentheses, t), text)


def _quote_units(text: str) -> list[list[int]]:
    """The positions of ``"`` grouped as they pair: a note line on its own; a paragraph with
    the note lines standing inside it (a paragraph cut by a page bottom) left out."""
    units: list[list[int]] = []
    paragraph: list[int] = []
    position = 0
    for line in text.split("\n"):
        quotes = [position + m.start() for m in re.finditer('"', line)]
        if NOTE_DEF.match(line):
            units.append(quotes)
        elif not line.strip():
            units.append(paragraph)
            paragraph = []
        else:
            paragraph += quotes
        position += len(line) + 1
    units.append(paragraph)
    return [unit for unit in units if unit]


def _protected_positions(text: str) -> set[int]:
    return {i for m in URL.finditer(text) for i in range(m.start(), m.end())}


def normalise_quotes(text: str) -> str:
    """Straight double quotes around Chinese become ``“”``: yan ``从"弱人工智能"到"强人工智能"``
    → ``从“弱人工智能”到“强人工智能”``. Quotes pair in order within a paragraph (or a note); a
    pair is Chinese when it encloses Han or stands next to it. English titles in Western
    citations keep theirs (``"Interim Report: Governing AI for Humanity,"``); a paragraph with
    an odd number of straight quotes is left alone rather than paired wrongly."""
    return _until_stable(_chinese_quotes, text)


def _chinese_quotes(text: str) -> str:
    chars = list(text)
    protected = _protected_positions(text)
    for unit in _quote_units(text):
        unit = [i for i in unit if i not in protected]
        if len(unit) % 2:
            continue
        for start, end in zip(unit[::2], unit[1::2]):
            enclosed = _has_han(text[start + 1:end])
            before, after = _neighbour(text, start, -1), _neighbour(text, end, +1)
            beside = _han_or_chinese_mark(before) or _han_or_chinese_mark(after)
            if enclosed or beside:
                chars[start], chars[end] = "“", "”"
    return "".join(chars)


# --- spaces ------------------------------------------------------------------------------

#: Latin letters and digits, beside which a space next to Chinese goes too (``早在 2015 年``).
_LATIN_OR_DIGIT = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789%")
#: A gap (spaces, with the markers among them) with a character outside ASCII beside it: the
#: only gaps whose spaces may go, for every pair of neighbours ``_spaces_go`` accepts holds
#: Chinese or a curly quote. (Deciding by neighbours in Python spares ``re`` five classes of
#: Han characters to compile in every process; the pattern it replaces, kept in the tests as
#: the reference, is ``SPACE_INSIDE_CHINESE`` in tests/rules/test_normalise.py.)
_GAP_BESIDE_WIDE = re.compile(rf"(?<=[^\x00-\x7f]){_GAP}|{_GAP}(?=[^\x00-\x7f])")


def _spaces_go(before: str, after: str) -> bool:
    """Whether the spaces of a gap between ``before`` and ``after`` (its neighbours, "" at an
    end) go: between Chinese (Han or a Chinese mark) and Chinese, a Latin letter, a digit or
    an opening quote; after a Latin letter, a digit or a closing quote, before Chinese; between
    an opening quote and Han, and Han and a closing quote."""
    return ((_han_or_chinese_mark(before)
             and (_han_or_chinese_mark(after) or after in _LATIN_OR_DIGIT or after in ("“", "‘")))
            or ((before in _LATIN_OR_DIGIT or before in ("”", "’")) and _han_or_chinese_mark(after))
            or (before in ("“", "‘") and _is_han(after))
            or (_is_han(before) and after in ("”", "’")))


def _squeeze_gaps(stretch: str) -> str:
    def squeezed(match: re.Match[str]) -> str:
        before = stretch[match.start() - 1] if match.start() else ""
        after = stretch[match.end()] if match.end() < len(stretch) else ""
        return _without_spaces(match) if _spaces_go(before, after) else match.group(0)

    return _GAP_BESIDE_WIDE.sub(squeezed, stretch)


#: Front matter whose spaces separate items (keywords, names, numbers) rather than come from OCR.
SPACED_FRONT_MATTER = {"keywords", "source", "classification", "date", "byline"}


def keeps_its_spaces(line: str) -> bool:
    """A line whose spaces separate items: ``关键词：人工智能 国际治理``, ``薛 澜 赵 静``."""
    return front_kind(line) in SPACED_FRONT_MATTER or is_spaced_byline(line)


_SPACES_BEFORE_URL = re.compile(rf"{SPACE}+(?=https?://|www\.)")


def _without_spaces_before_urls(line: str) -> str:
    """The spaces between Chinese and a URL gone (``见 https://…`` → ``见https://…``)."""
    return _SPACES_BEFORE_URL.sub(
        lambda m: "" if m.start() and _han_or_chinese_mark(line[m.start() - 1]) else m.group(0), line)


def _squeeze_line(line: str) -> str:
    if keeps_its_spaces(line):
        return line
    return outside_protected(_squeeze_gaps, _without_spaces_before_urls(line), URL)


_MARKER_OR_SPACE = re.compile(rf"({_MARKER})|{SPACE}+")


def _without_spaces(match: re.Match[str]) -> str:
    """The matched stretch with its spaces gone and its markers (which hold a space) kept."""
    return _MARKER_OR_SPACE.sub(lambda m: m.group(1) or "", match.group(0))


def normalise_spaces_in_chinese(text: str) -> str:
    """Spaces (and tabs, no-break and ideographic spaces) next to Chinese are removed: between
    two Han characters or Chinese marks (yan ``治理 应促进`` → ``治理应促进``, ``可持续发 展``
    → ``可持续发展``), and between Chinese and a Latin letter or a digit (yan ``早在 2015 年 9 月``
    → ``早在2015年9月``, li ``以 ChatGPT 为代表`` → ``以ChatGPT为代表``). The markers between
    them do not count (``。[^18] 人工智能`` → ``。[^18]人工智能``). Spaces between Latin words, a
    space after a URL (it ends the URL), and the lines whose spaces separate items (``关键词：人工智能 国际治理``,
    ``薛 澜 赵 静``, ``〔文章编号〕0452 8832``) are kept."""
    return "\n".join(_squeeze_line(line) for line in text.split("\n"))


_SPACE_BEFORE_COMMA = re.compile(r"(?<=[^\s,])[ \t]+(?=,)")


def normalise_space_before_comma(text: str) -> str:
    """A space before a comma is an OCR artefact in every script the notes use: yan's Korean
    citation ``정책홍보담당관실 , "AI 서울 정상회의 서울선언 및 의향서 ,"`` → ``정책홍보담당관실,
    "…의향서,"``. (The spacing of Korean words themselves, ``2024 년 5 월``, is left as printed.)"""
    return outside_protected(lambda s: _SPACE_BEFORE_COMMA.sub("", s), text, URL)


_TRAILING = re.compile(r"[ \t\u00a0\u3000]+$", re.MULTILINE)


def normalise_trailing_spaces(text: str) -> str:
    """Spaces and tabs at the end of a line carry nothing and are removed (the line break stays)."""
    return _TRAILING.sub("", text)


def rules_for(meta, sources) -> list[Rule]:
    return [
        normalise_html_entities,
        normalise_duplicated_links,
        normalise_autolinks,
        normalise_markdown_escapes,
        normalise_bold_markup,
        normalise_broken_urls,
        normalise_document_symbols,
        normalise_punctuation_width,
        normalise_parentheses_width,
        normalise_quotes,
        normalise_spaces_in_chinese,
        normalise_space_before_comma,
        normalise_trailing_spaces,
    ]
