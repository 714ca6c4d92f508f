"""Note text → citations: the parsing half of the ``cite`` step.

A note is split into pieces (``；`` / ``; ``); each piece is either a citation, a reference
back to one (``Ibid.``, ``同上``, a short form — resolved later against the same text), or
prose kept as note text. A piece that looks like a citation but cannot be read is kept
whole as an *unparsed* citation (``@misc``), never dropped and never guessed.

Both half- and full-width punctuation are accepted (the raw files and the normalised notes
differ), as are the Markdown remnants of web scrapes (``<url>``, ``[url](url)``, ``\\_``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..vocabulary import HAN_RUN, HANGUL, has_han, is_han
COMMA = r"[,，]"

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], 1)}
MONTH_RE = "(?:" + "|".join(m.capitalize() for m in MONTHS) + ")"


@dataclass
class Name:
    """One author: ``family`` and ``given`` for persons; ``whole`` for Chinese/Korean names and
    corporate authors, which are written in braces so that BibTeX never splits them."""

    family: str
    given: str = ""
    whole: bool = False
    corporate: bool = False
    others: bool = False  # "et al." / "等"

    def bibtex(self) -> str:
        if self.others:
            return "others"
        if self.whole:
            return "{" + self.family + "}"
        return f"{self.family}, {self.given}" if self.given else "{" + self.family + "}"

    def display(self) -> str:
        if self.others:
            return "et al."
        return self.family if self.whole or not self.given else f"{self.family} {self.given}"


@dataclass
class Citation:
    """One cited work as a piece of a note gives it, or a reference back to one."""

    text: str
    entry_type: str = "misc"
    fields: dict[str, str] = field(default_factory=dict)
    authors: list[Name] = field(default_factory=list)
    editors: list[Name] = field(default_factory=list)
    language: str = "en"
    pinpoint: str | None = None
    ibid: bool = False
    short: bool = False
    unparsed: bool = False
    prose: bool = False  # a sentence that merely begins with a quoted term or title
    symbol: str | None = None

    @property
    def title(self) -> str:
        return self.fields.get("title", "")


@dataclass
class ParsedNote:
    citations: list[Citation] = field(default_factory=list)
    prose: list[str] = field(default_factory=list)


# --- text clean-up -------------------------------------------------------------------------

def unwrap_markdown(text: str) -> str:
    """Markdown remnants of the scrapes: ``[url](url)`` → url, ``<url>`` → url, ``\\_`` → ``_``."""
    text = re.sub(r"\[([^\]]*?(?:\\\][^\]]*?)*)\]\((https?://[^)\s]+)\)", lambda m: m.group(2), text)
    text = re.sub(r"<(https?://[^>]+)>", r"\1", text)
    text = re.sub(r"\\([_\[\]*#&])", r"\1", text)
    text = text.replace("&quot;", '"').replace("&amp;", "&")
    return text


def strip_italics(text: str) -> str:
    return re.sub(r"\*+([^*]+)\*+", r"\1", text).strip()


def has_hangul(text: str) -> bool:
    return re.search(f"[{HANGUL}]", text) is not None


# --- splitting a note ----------------------------------------------------------------------

def split_pieces(text: str) -> list[str]:
    """A note → its pieces, at ``；`` and at ``; `` (never inside a URL)."""
    pieces = re.split(r"；|;\s+(?=\S)", text)
    return [p.strip() for p in pieces if p.strip()]


#: A full stop after a number (``…, 2004.``), and the spaces after it: where prose may follow.
_NUMBERED_STOP = re.compile(r"(?<=\d)[.。]\s*")


def split_trailing_prose(piece: str) -> tuple[str, str]:
    """``…, 2004. 机制复合体主要指…`` → the citation and the explanatory prose after it."""
    m = next((m for m in _NUMBERED_STOP.finditer(piece) if m.end() < len(piece) and is_han(piece[m.end()])), None)
    if m and not has_han(piece[:m.start()]):
        return piece[:m.end()].strip(), piece[m.end():].strip()
    return piece, ""


SEE = re.compile(r"^(?:See also|See|参见|参阅|见)\s*[:：]?\s*")


def strip_see(piece: str) -> str:
    return SEE.sub("", piece, count=1)


# --- Ibid. ---------------------------------------------------------------------------------

IBID = re.compile(r"^\*?(?:Ibid|ibid|Ibidem)\.?\*?[.,，]?\s*(.*?)[.。]?$|^同上[,，。]?\s*(.*?)[。.]?$")


def parse_ibid(piece: str) -> Citation | None:
    m = IBID.match(piece)
    if not m:
        return None
    rest = (m.group(1) or m.group(2) or "").strip()
    pinpoint = parse_pinpoint(rest) if rest else None
    if rest and pinpoint is None:
        return None
    return Citation(text=piece, ibid=True, pinpoint=pinpoint)


def parse_pinpoint(text: str) -> str | None:
    text = text.strip().rstrip(".。")
    m = re.fullmatch(r"pp?\.\s*([\w\-–—,\s]+)|第\s*([\d\-–—\s]+?)\s*页", text)
    if not m:
        return None
    return normalise_pages(m.group(1) or m.group(2))


def normalise_pages(pages: str) -> str:
    return re.sub(r"\s*[-–—]+\s*", "-", pages.strip())


# --- titles --------------------------------------------------------------------------------

PAIRS = {"“": "”", '"': '"', "《": "》", "*": "*"}


def find_title(piece: str) -> tuple[int, int, str] | None:
    """(start, end, opener) of the first quoted, 《》 or italic title in ``piece``."""
    for index, char in enumerate(piece):
        if char not in PAIRS:
            continue
        if char == "*" and piece.startswith("**", index):
            continue
        end = closing(piece, index)
        if end is not None:
            return index, end, char
        return None
    return None


def closing(piece: str, start: int) -> int | None:
    opener = piece[start]
    close = PAIRS[opener]
    if opener == close:
        end = piece.find(close, start + 1)
        return end if end > start + 1 else None
    depth = 0
    for index in range(start, len(piece)):
        if piece[index] == opener:
            depth += 1
        elif piece[index] == close:
            depth -= 1
            if depth == 0:
                return index
    return None


def clean_title(title: str) -> str:
    title = strip_italics(title).strip()
    title = re.sub(r"\s*[,，]$|(?<=[a-z])\.$", "", title)
    return re.sub(r"\s+([,，?])$", r"\1", title).strip()


# --- names ---------------------------------------------------------------------------------

INITIAL = re.compile(r"^(?:[A-Z]\.){1,3}$|^[A-Z]\.-?[A-Z]\.$")
PARTICLES = {"van", "de", "von", "der", "den", "du", "da", "di", "le", "la"}


def parse_names(text: str, corporate: set[str]) -> list[Name]:
    text = text.strip().strip(",，:：").strip()
    if not text:
        return []
    if text in corporate:
        return [Name(text, whole=True, corporate=True)]
    if has_han(text) or has_hangul(text):
        return chinese_names(text, corporate)
    return western_names(text, corporate)


def chinese_names(text: str, corporate: set[str]) -> list[Name]:
    names = []
    others = text.endswith("等")
    text = text[:-1] if others else text
    for part in re.split(r"[、,，]\s*", text):
        part = part.strip()
        if part:
            names.append(Name(part, whole=True, corporate=part in corporate or len(part) > 4 or has_hangul(part)))
    if others:
        names.append(Name("", others=True))
    return names


def western_names(text: str, corporate: set[str]) -> list[Name]:
    others = False
    m = re.search(r",?\s*et al\.?$", text)
    if m:
        others, text = True, text[:m.start()]
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", text) if p.strip()]
    names = [western_name(p, corporate) for p in parts]
    if others:
        names.append(Name("", others=True))
    return names


def western_name(text: str, corporate: set[str]) -> Name:
    text = re.sub(r"([’'])\s+(?=[A-Z])", r"\1", text.strip())  # O’ Brien → O’Brien
    tokens = text.split()
    if text in corporate or len(tokens) == 1 or any(t.isupper() and len(t) > 1 and "." not in t for t in tokens):
        return Name(text, whole=True, corporate=True)
    if INITIAL.match(tokens[-1]):
        first = next(i for i, t in enumerate(tokens) if INITIAL.match(t))
        return Name(" ".join(tokens[:first]), " ".join(tokens[first:]))
    start = len(tokens) - 1
    while start > 0 and tokens[start - 1].lower() in PARTICLES:
        start -= 1
    return Name(" ".join(tokens[start:]), " ".join(tokens[:start]))


def plausible_authors(text: str) -> bool:
    """An author segment is short, holds no sentence, and ends as authors end before a
    title: ``薛澜、赵静：`` or ``Manyika J. and Spence M., ``."""
    text = text.strip()
    if len(text) > 200 or re.search(r"[。！？]", text):
        return False
    if text and not re.search(r"[,，:：]$", text):
        return False
    text = text.rstrip(",，:：").strip()
    if has_han(text):
        return all(len(p) <= 12 for p in re.split(r"[、,，]", text.rstrip("等")))
    return True


# --- the segments after the title ----------------------------------------------------------

URL = re.compile(r"https?://")
ACCESS = re.compile(r"\[(\d{4}-\d{2}-\d{2})\]\s*[.。]?\s*$")
UN_SYMBOL = re.compile(r"^((?:A|S|E|UNEP|UNESCO|[A-Z]{1,6})(?:/[A-Z0-9.]+)+)(?:\s*\((\d{4})\))?$")


def take_url(rest: str) -> tuple[str, str | None, str | None]:
    """Split off a trailing URL and its access date ``[2024-04-19]``; spaces OCR put inside
    the URL are removed (a URL holds none)."""
    m = URL.search(rest)
    if not m:
        return rest, None, None
    url = rest[m.start():].strip()
    urldate = None
    access = ACCESS.search(url)
    if access:
        urldate, url = access.group(1), url[:access.start()]
    url = re.sub(r"\s+", "", url).rstrip("。.>,，")
    return rest[:m.start()], url_without_furniture(url), urldate


#: A fragment that a site adds for its cookie banner, copied with the address from the browser.
COOKIE_FRAGMENT = re.compile(r"#cookie[\w-]*$", re.IGNORECASE)


def url_without_furniture(url: str) -> str:
    """Drop what a site's page furniture added to an address (Foreign Policy's
    ``#cookie_message_anchor``): it names the cookie banner, not the work. A fragment that
    points into the work (``#page=3``, ``#section-2``) is kept.

    >>> url_without_furniture("https://foreignpolicy.com/2023/05/29/ai/#cookie_message_anchor")
    'https://foreignpolicy.com/2023/05/29/ai/'
    >>> url_without_furniture("https://example.org/report.pdf#page=3")
    'https://example.org/report.pdf#page=3'
    """
    return COOKIE_FRAGMENT.sub("", url)


def split_commas(text: str) -> list[str]:
    """Split at commas outside ``*…*``, ``《…》`` and brackets."""
    parts, depth, italic, start = [], 0, False, 0
    for index, char in enumerate(text):
        if char == "*":
            italic = not italic
        elif char in "《（(":
            depth += 1
        elif char in "》）)" and depth:
            depth -= 1
        elif char in ",，" and not depth and not italic:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return parts


def segments(rest: str) -> list[str]:
    parts = [p.strip() for p in split_commas(rest)]
    parts = [p.strip(" .。") for p in parts]
    merged: list[str] = []
    for part in parts:
        if not part:
            continue
        if merged and re.fullmatch(r"\d{4}", part) and re.fullmatch(rf"{MONTH_RE}\s+\d{{1,2}}", merged[-1]):
            merged[-1] += ", " + part
        else:
            merged.append(part)
    return merged


def western_date(text: str) -> str | None:
    m = re.fullmatch(rf"({MONTH_RE})\s+(\d{{1,2}}),\s*(\d{{4}})", text)
    if m:
        return f"{m.group(3)}-{MONTHS[m.group(1).lower()]:02d}-{int(m.group(2)):02d}"
    m = re.fullmatch(rf"({MONTH_RE})\s+(\d{{4}})", text)
    if m:
        return f"{m.group(2)}-{MONTHS[m.group(1).lower()]:02d}"
    return None


def chinese_date(text: str) -> tuple[str, str] | None:
    """``2023年11月30日`` / ``2024年3月网络首发`` / ``2024 년 5 월`` → (date, remainder)."""
    m = re.match(r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(?:(\d{1,2})\s*日)?\s*(.*)$", text)
    if not m:
        return None
    date = f"{m.group(1)}-{int(m.group(2)):02d}"
    if m.group(3):
        date += f"-{int(m.group(3)):02d}"
    return date, m.group(4).strip()


def classify(segment: str, cite: Citation, texts: list[str]) -> None:
    """Read one segment after the title into ``cite.fields``; unknown text goes to ``texts``."""
    f = cite.fields
    s = segment.strip()
    if m := re.fullmatch(r"\*([^*]+)\*\s*(.*)", s):
        f["journaltitle"] = m.group(1).strip()
        if m.group(2):
            classify(m.group(2), cite, texts)
    elif m := re.fullmatch(r"《([^》]+)》\s*(.*)", s):
        f["journaltitle"] = m.group(1).strip()
        if m.group(2):
            classify(m.group(2), cite, texts)
    elif m := re.fullmatch(r"(\d+)\s*\((\d+)\)\s*:\s*([\w\-–—]+)", s):
        f["volume"], f["number"], f["pages"] = m.group(1), m.group(2), normalise_pages(m.group(3))
    elif m := re.fullmatch(r"(\d+)\s*:\s*(\d+\s*[-–—]\s*\d+)", s):
        f["volume"], f["pages"] = m.group(1), normalise_pages(m.group(2))
    elif m := re.fullmatch(r"Vol\.\s*(\d+)", s, re.I):
        f["volume"] = m.group(1)
    elif m := re.fullmatch(r"No\.\s*(\d+)", s, re.I):
        f["number"] = m.group(1)
    elif m := re.fullmatch(r"pp?\.\s*([\d\-–—\s]+)", s):
        f["pages"] = normalise_pages(m.group(1))
        f["_single_page"] = "" if re.search(r"[-–—]", m.group(1)) else "1"
    elif m := re.fullmatch(r"第\s*([\d\-–—\s]+?)\s*页", s):
        f["pages"] = normalise_pages(m.group(1))
        f["_single_page"] = "" if re.search(r"[-–—]", m.group(1)) else "1"
    elif m := re.fullmatch(r"第\s*(\d+)\s*版", s):
        f["pages"] = m.group(1)
        f["note"] = s
    elif m := re.fullmatch(r"(\d{4})\s*年\s*第\s*(\d+)\s*期", s):
        f["date"], f["number"] = m.group(1), m.group(2)
    elif dated := chinese_date(s):
        f["date"] = dated[0]
        if dated[1]:
            f["note"] = dated[1]
    elif m := re.fullmatch(r"(\d{4})", s):
        f["date"] = m.group(1)
    elif date := western_date(s):
        f["date"] = date
    elif m := UN_SYMBOL.fullmatch(s):
        cite.symbol = m.group(1)
        f["number"] = m.group(1)
        if m.group(2) and "date" not in f:
            f["date"] = m.group(2)
    elif m := re.fullmatch(r"in\s+(.+?)\s+eds?\.", s):
        cite.editors = western_names(m.group(1), set())
    else:
        texts.append(s)


# --- one citation --------------------------------------------------------------------------

REPORT_WORDS = re.compile(r"Report|White Paper|Papers?\b|Index\b|Plan\b|Strategic", re.I)
SERIES_WORDS = re.compile(r"Papers?\b|Series\b", re.I)


def parse_citation(piece: str, corporate: set[str]) -> Citation | None:
    """A piece of a note → a Citation, or None when it is not one (prose)."""
    language = "ko" if has_hangul(piece) else ("zh" if has_han(strip_see(piece)[:40]) else "en")
    body = strip_see(piece).strip()
    body = re.sub(r"[.。]$", "", body)
    found = find_title(body)
    if found is None:
        return parse_untitled(piece, body, corporate, language)
    start, end, opener = found
    authors_text = body[:start]
    if not plausible_authors(authors_text):
        return None
    cite = Citation(text=piece, language=language)
    cite.authors = parse_names(authors_text, corporate)
    cite.fields["title"] = clean_title(body[start + 1:end])
    rest = body[end + 1:]
    book = opener == "*"
    if chapter := re.match(r"\s*[,，]?\s*in\s+(.+?)\s+eds?\.\s*[,，]\s*\*([^*]+)\*", rest):
        cite.editors = western_names(chapter.group(1), corporate)
        cite.fields["booktitle"] = chapter.group(2).strip()
        rest = rest[chapter.end():]
    rest, url, urldate = take_url(rest)
    if url:
        cite.fields["url"] = url
    if urldate:
        cite.fields["urldate"] = urldate
    texts: list[str] = []
    for segment in segments(rest):
        classify(segment, cite, texts)
    return finish(cite, texts, book)


def parse_untitled(piece: str, body: str, corporate: set[str], language: str) -> Citation | None:
    """``United Nations General Assembly, A/78/L.49 (2024), p.3.``: a document by its symbol."""
    parts = segments(body)
    if len(parts) < 2 or not any(UN_SYMBOL.fullmatch(p) for p in parts[1:]):
        return None
    cite = Citation(text=piece, language=language)
    cite.authors = parse_names(parts[0], corporate)
    texts: list[str] = []
    for segment in parts[1:]:
        classify(segment, cite, texts)
    if texts:
        return None
    return finish(cite, texts, False)


def finish(cite: Citation, texts: list[str], book: bool) -> Citation:
    """Decide the entry type and where the free text segments go."""
    f = cite.fields
    single = f.pop("_single_page", "")
    place_publisher = [t for t in texts if re.fullmatch(r"[^:：]+[:：]\s*[^:：]+", t)]
    if cite.symbol:
        cite.entry_type = "report"
        f.setdefault("type", "UN document")
        if cite.authors and cite.authors[0].corporate:
            f.setdefault("institution", cite.authors[0].family)
        if texts:
            f.setdefault("note", joined(texts, cite.language))
    elif "booktitle" in f:
        cite.entry_type = "incollection"
        place_and_publisher(f, texts)
    elif book and not cite.authors and texts and not place_publisher:
        # an italic title issued by an institution: a report, or a document it published
        report = bool(REPORT_WORDS.search(f.get("title", "")))
        cite.entry_type = "report" if report else "misc"
        f["institution" if report else "organization"] = ", ".join(texts)
        if report:
            f["type"] = "Report"
        if "pages" in f:
            cite.pinpoint = f.pop("pages")
    elif book:
        cite.entry_type = "book"
        place_and_publisher(f, texts)
        if "pages" in f:
            cite.pinpoint = f.pop("pages")
    elif "journaltitle" in f:
        cite.entry_type = "article"
        if texts:
            f["note"] = ", ".join(texts)
        if single and "pages" in f:
            cite.pinpoint = f.pop("pages")
    elif any(SERIES_WORDS.search(t) for t in texts) or (REPORT_WORDS.search(f.get("title", "")) and texts and not place_publisher):
        cite.entry_type = "report"
        series = [t for t in texts if SERIES_WORDS.search(t)]
        f["type"] = series[0] if series else "Report"
        rest = [t for t in texts if t not in series]
        if rest:
            f["institution"] = ", ".join(rest)
        else:
            f["institution"] = series[0].split()[0]
    elif "url" in f:
        cite.entry_type = "online"
        if texts:
            f["organization"] = joined(texts, cite.language)
    elif "date" in f:
        cite.entry_type = "misc"
        if texts:
            f["howpublished"] = joined(texts, cite.language)
    else:
        cite.short = True
        if "pages" in f:
            cite.pinpoint = f.pop("pages")
        if texts:
            cite.unparsed = True
            cite.prose = any(len(run) >= 8 for t in texts for run in HAN_RUN.findall(t))
    if cite.symbol:  # a UN document: pages cited are a pinpoint; without a title, a short form
        if "pages" in f:
            cite.pinpoint = f.pop("pages")
        cite.short = cite.short or "title" not in f
    return cite


def joined(texts: list[str], language: str) -> str:
    return ("，" if language == "zh" else ", ").join(texts)


def place_and_publisher(f: dict[str, str], texts: list[str]) -> None:
    for text in texts:
        if m := re.fullmatch(r"([^:：]+)[:：]\s*(.+)", text):
            f["location"], f["publisher"] = m.group(1).strip(), m.group(2).strip()
        elif "publisher" not in f:
            f["publisher"] = text
        else:
            f["note"] = text


# --- one note ------------------------------------------------------------------------------

def looks_like_citation(piece: str) -> bool:
    """Worth reporting as unparsed: a URL; a title mark at the start or after ``作者：``;
    or, in a Western piece, a year."""
    body = strip_see(piece)
    return bool(URL.search(piece) or re.match(r"\W{0,3}[《“\"*]", body) or
                re.match(r"[^。，,；;]{1,60}[：:]\s*[《“\"]", body) or
                (not has_han(piece) and re.search(r"\b(19|20)\d{2}\b", piece)))


def parse_note(text: str, corporate: set[str] | None = None) -> ParsedNote:
    """A note's text → its citations (references unresolved) and its prose."""
    corporate = corporate or set()
    result = ParsedNote()
    text = unicodedata.normalize("NFC", unwrap_markdown(text)).strip()
    for piece in split_pieces(text):
        piece, prose = split_trailing_prose(piece)
        cite = parse_ibid(strip_see(piece)) or parse_citation(piece, corporate)
        if cite is not None and cite.prose:
            result.prose.append(piece)
        elif cite is not None:
            cite.text = piece
            result.citations.append(cite)
        elif looks_like_citation(piece):
            result.citations.append(Citation(text=piece, unparsed=True,
                                             language="zh" if has_han(piece) else "en"))
        else:
            result.prose.append(piece)
        if prose:
            result.prose.append(prose)
    return result
