"""Step 7, structure: the clean text becomes a Document, and back (``document_text``).

What the clean text holds (``markers.py``, ``layout.py``): blocks separated by blank lines;
``⟦page N⟧`` where page N of the source begins; ``[^n]`` note references; note lines
``[^n]: <printed label> <text>``, either as blocks of their own or, where a page bottom cut a
paragraph, as lines inside it just before the ``⟦page N⟧`` that begins its continuation.

- Blocks: ``heading`` (levels from the printed numbering: ``一、`` = 1, ``（一）``/``(一)`` = 2,
  ``1.`` = 3; an unnumbered heading — a short line without sentence punctuation followed
  by text — is level 1), ``paragraph``, ``list`` (consecutive list blocks are one list),
  ``quote``. Ids ``p-1…`` (paragraphs, lists, quotes) and ``h-1…`` (headings) in reading order.
- Front matter (before the first block of running text) and end matter (after the last):
  title, title note, byline, authors, abstract, keywords, author note, classification,
  source, editor, date, end mark — as ``Matter``.
- Notes: ``Note(n, text, page, label, source_line)``; the title note ``[^0]`` is front matter.
- Problems: a reference without a note, a note without a reference, a note number given
  twice — ``Problem(path, line, message, kind, page, note)``, named with the page and the labels
  found and missing there; ``edition clean`` refuses such a text unless ``--lenient``.

Page marks that begin a block are kept as the block's ``page`` (``pages`` lists every page a
block spans); marks inside a block stay in its text. ``document_text`` writes them back, so
that the Document holds exactly the characters of the clean text (``edition check``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from .markers import NOTE_REF, PAGE_MARK, page_mark
from .model import Block, Document, Matter, Note, Problem
from .steps.convert import convert_traditional_to_simplified
from .steps.layout import is_heading_like
from .vocabulary import AUTHOR_PAREN, CIRCLED, DATE, EDITOR, HEADING_NUMBER, SOURCE, front_kind, is_spaced_byline

_DEF_LINE = re.compile(r"^\[\^(\d+)\]:[ \t]?")
_LABEL = re.compile(rf"^(\[\d+\]|［\d+］|[{CIRCLED}]|\*)[ \t\u3000]*")
_LEAD_MARKS = re.compile(r"^(?:⟦page ([2-9]|\d{2,})⟧)+")
_PAGE_LINE = re.compile(r"^⟦page \d+⟧")
_LIST_LINE = re.compile(r"^(?:[-+*] |\d{1,2}[.)] )")

_INLINE_AUTHOR_NOTE = re.compile(r"(?<=\S)\s*(?=[\[【〔]\s*作者简介|\*\*作者简介)")
_FURNITURE = re.compile(r"Copyright|版权所有|版權所有|All rights reserved", re.IGNORECASE)
_END_MARK = re.compile(r"\s*(■)\s*$")


@dataclass
class _Piece:
    """The running text of one block of the clean text, page-bottom lines taken out."""

    text: str
    offset: int
    page: int
    pages: list[int] = field(default_factory=list)


@dataclass
class _Parsed:
    pieces: list[_Piece] = field(default_factory=list)
    notes: list[tuple[int, str, str, int, int]] = field(default_factory=list)  # n, label, text, page, offset
    bottom: list[tuple[str, int, int]] = field(default_factory=list)  # unmarked page-bottom text, page, offset
    title_note: tuple[str, int, str] | None = None  # text without ``[^0]: *``, offset, the line


def _lines(text: str) -> list[tuple[int, str]]:
    out, position = [], 0
    for line in text.split("\n"):
        out.append((position, line))
        position += len(line) + 1
    return out


def _parse(text: str) -> _Parsed:
    marks = [(m.start(), int(m.group(1))) for m in PAGE_MARK.finditer(text)]
    mark_offsets = [start for start, _ in marks]

    def page_at(offset: int) -> int:
        index = bisect.bisect_right(mark_offsets, offset)
        return marks[index - 1][1] if index else 1

    parsed = _Parsed()
    chunk: list[tuple[int, str]] = []
    for offset, line in _lines(text) + [(len(text) + 1, "")]:
        if line.strip():
            chunk.append((offset, line))
            continue
        if chunk:
            _take_chunk(chunk, parsed, page_at)
            chunk = []
    return parsed


def _take_chunk(chunk: list[tuple[int, str]], parsed: _Parsed, page_at) -> None:
    # lines that begin a new page inside the chunk: the lines before them (after the first
    # line of their segment) are the page bottom
    starts = [i for i, (_, line) in enumerate(chunk) if i > 0 and _PAGE_LINE.match(line)]
    bounds = [0] + starts + [len(chunk)]
    running: list[tuple[int, str]] = []
    for k in range(len(bounds) - 1):
        segment = chunk[bounds[k]:bounds[k + 1]]
        last = k == len(bounds) - 2
        for index, (offset, line) in enumerate(segment):
            if _DEF_LINE.match(line):
                _take_note(offset, line, parsed, page_at)
            elif index == 0 or last:
                running.append((offset, line))
            else:
                parsed.bottom.append((line, page_at(offset), offset))
    if not running:
        return
    pieces_text = ""
    previous = None
    for offset, line in running:
        if previous is not None:
            pieces_text += "" if _PAGE_LINE.match(line) else "\n"
        pieces_text += line
        previous = line
    first_offset = running[0][0]
    lead = _LEAD_MARKS.match(pieces_text)
    if lead and pieces_text[lead.end():].strip():
        first_offset += lead.end()
        pieces_text = pieces_text[lead.end():]
    page = page_at(first_offset)
    pages = [page] + [int(n) for n in PAGE_MARK.findall(pieces_text) if int(n) != page]
    parsed.pieces.append(_Piece(pieces_text, first_offset, page, sorted(set(pages))))


def _take_note(offset: int, line: str, parsed: _Parsed, page_at) -> None:
    match = _DEF_LINE.match(line)
    n = int(match.group(1))
    rest = line[match.end():]
    if n == 0 and parsed.title_note is None:
        star = re.match(r"^\*[ \t\u3000]*", rest)
        parsed.title_note = (rest[star.end():] if star else line, offset, line)
        return
    label = _LABEL.match(rest)
    parsed.notes.append((n, label.group(1) if label else "", rest[label.end():] if label else rest,
                         page_at(offset), offset))


# --- classification ----------------------------------------------------------------------

def _squash(text: str, traditional: bool = False) -> str:
    """Only the letters of ``text``, for comparing a line with the metadata (which is
    simplified); of a ``traditional`` text, in simplified script, so that the traditional
    reading of liang-song is recognised too."""
    letters = re.sub(r"[\s\W_*]+", "", PAGE_MARK.sub("", NOTE_REF.sub("", text)))
    return convert_traditional_to_simplified(letters) if traditional else letters


def _is_title(text: str, meta, traditional: bool) -> bool:
    if meta is None or not meta.title:
        return False
    a, b = _squash(meta.title), _squash(text, traditional)
    return bool(a and b) and (a in b or SequenceMatcher(None, a, b).ratio() >= 0.6)


#: The longest line taken for a title by its shape alone.
TITLE_MAX_CHARS = 80


def _opens_front_matter(pieces: list[_Piece]) -> bool:
    """The first piece is a title by evidence, whatever its punctuation (li ``人工智能国际治理：
    “安全偏好”及其现实影响``, liang-song ``梁正、宋雨鑫:構建全球治理行動共同體``): one short
    line that ends no sentence, followed by front matter (a byline, a source line, a labelled
    abstract …) — not by running text."""
    first = NOTE_REF.sub("", pieces[0].text).strip()
    if len(pieces) < 2 or not first or len(first) > TITLE_MAX_CHARS or first[-1] in "。！？!?；;，,":
        return False
    following = pieces[1].text
    return front_kind(following) is not None or is_spaced_byline(following)


#: The most paragraphs an abstract without a label runs to before its 关键词 line.
ABSTRACT_MAX_PIECES = 3


def _unlabelled_abstract(pieces: list[_Piece], index: int) -> bool:
    """The piece at ``index`` is part of an abstract printed without a label, as xue-zhao prints
    its own: a keywords line (``关键词：…``) follows within ``ABSTRACT_MAX_PIECES`` pieces, and
    what stands between is neither labelled front matter nor a numbered heading — so an abstract
    of two paragraphs, or one that a page end cut in two (``当人工智能为全球`` | ``经济社会发展…``,
    where no word spans the cut to join it), is front matter whole."""
    if _numbered_heading(pieces[index].text):
        return False
    for ahead in pieces[index + 1:index + 1 + ABSTRACT_MAX_PIECES]:
        kind = front_kind(ahead.text)
        if kind == "keywords":
            return True
        if kind is not None or _numbered_heading(ahead.text):
            return False
    return False


def _numbered_heading(text: str) -> bool:
    return bool(HEADING_NUMBER.match(PAGE_MARK.sub("", text).strip()))


def _is_authors(text: str, meta, traditional: bool) -> bool:
    squashed = _squash(text, traditional)
    if meta is not None and meta.authors:
        names = [_squash(a.name) for a in meta.authors]
        if names and all(name in squashed for name in names) and len(squashed) <= sum(map(len, names)) + 4:
            return True
    return is_spaced_byline(text)


def _end_kind(text: str) -> str | None:
    core = text.strip()
    if AUTHOR_PAREN.match(core):
        return "author-note"
    if EDITOR.match(core):
        return "editor"
    if SOURCE.match(core):
        return "source"
    if DATE.match(core):
        return "date"
    if _FURNITURE.search(core):
        return "furniture"
    return None


def _split_lines(piece: _Piece) -> list[_Piece]:
    """A front or end block holding several items, one per line (cai ``(作者为…)`` + ``来源:…``),
    or two labelled items on one line (yan ``[关键词]… [作者简介]…``)."""
    parts: list[_Piece] = []
    position = 0
    for line in piece.text.split("\n"):
        pieces = [line]
        split = _INLINE_AUTHOR_NOTE.search(line)
        if split:
            pieces = [line[: split.start()], line[split.start():]]
        for part in pieces:
            if part.strip():
                skip = len(part) - len(part.lstrip())
                parts.append(_Piece(part.strip(), piece.offset + position + skip, piece.page, [piece.page]))
            position += len(part)
        position += 1
    return parts


def build_document(text: str, origins: list[int] | None, text_id: str, meta, path: str | Path = "",
                   traditional: bool = False) -> Document:
    """The Document of a clean ``text`` (its reading in ``traditional`` characters, when that is
    what it is: the edition's own text is in simplified ones)."""
    parsed = _parse(text)

    def line_of(offset: int) -> int | None:
        if not origins:
            return None
        return origins[min(max(offset, 0), len(origins) - 1)]

    pieces = parsed.pieces
    front: list[Matter] = []
    end: list[Matter] = []

    # --- front matter
    index = 0
    title_index = None
    took_mark = False
    for candidate in range(min(5, len(pieces))):
        if _is_title(pieces[candidate].text, meta, traditional):
            title_index = candidate
            break
    if title_index is None and pieces and "\n" not in pieces[0].text and (
            is_heading_like(NOTE_REF.sub("", pieces[0].text)) or "[^0]" in pieces[0].text
            or _opens_front_matter(pieces)):
        title_index = 0
    if title_index is not None:
        for junk in pieces[:title_index]:
            front.append(Matter("furniture", junk.text, junk.page, line_of(junk.offset)))
        title = pieces[title_index]
        title_text = title.text
        if parsed.title_note is not None and "[^0]" in title_text and not parsed.title_note[0].startswith("[^0]:"):
            title_text = title_text.replace("[^0]", "", 1)
            took_mark = True
        front.append(Matter("title", title_text, title.page, line_of(title.offset)))
        index = title_index + 1
    if parsed.title_note is not None:
        note_text, offset, line = parsed.title_note
        if not took_mark:
            note_text = line  # no mark was taken from the title: the note is kept as written
        front.append(Matter("title-note", note_text, 1, line_of(offset)))
    while index < len(pieces):
        piece = pieces[index]
        kind = front_kind(piece.text)
        if kind is None and _is_authors(piece.text, meta, traditional):
            kind = "byline"
        if kind is None and _unlabelled_abstract(pieces, index):
            kind = "abstract"
        if kind is None:
            break
        for part in _split_lines(piece):
            front.append(Matter(front_kind(part.text) or kind, part.text, part.page, line_of(part.offset)))
        index += 1
    for text_, page, offset in parsed.bottom:
        front.append(Matter("author-note" if page == 1 else "page-bottom", text_, page, line_of(offset)))

    # --- end matter
    stop = len(pieces)
    while stop > index:
        piece = pieces[stop - 1]
        kinds = [_end_kind(line) for line in piece.text.split("\n") if line.strip()]
        if kinds and (all(kinds) or "furniture" in kinds):
            stop -= 1
            continue
        # web furniture after an end item (liang-song: 相關新聞, 最新動態), if repair left it
        if len(piece.text) <= 30 and "\n" not in piece.text and any(
                all(_end_kind(line) for line in p.text.split("\n") if line.strip()) for p in pieces[max(index, stop - 8):stop - 1]):
            if not HEADING_NUMBER.match(piece.text):
                stop -= 1
                continue
        break
    for piece in pieces[stop:]:
        for part in _split_lines(piece):
            end.append(Matter(_end_kind(part.text) or "furniture", part.text, part.page, line_of(part.offset)))
    body = pieces[index:stop]
    if body:
        mark = _END_MARK.search(body[-1].text)
        if mark and body[-1].text[: mark.start()].strip():
            last = body[-1]
            body[-1] = _Piece(last.text[: mark.start()], last.offset, last.page, last.pages)
            end.insert(0, Matter("end-mark", mark.group(1), last.pages[-1] if last.pages else last.page,
                                 line_of(last.offset + mark.start(1))))

    # --- blocks
    blocks: list[Block] = []
    paragraphs = headings = 0
    for position, piece in enumerate(body):
        following = body[position + 1] if position + 1 < len(body) else None
        text_ = "\n".join(line.rstrip() for line in piece.text.split("\n"))
        source_line = line_of(piece.offset)
        number = HEADING_NUMBER.match(text_)
        single = "\n" not in text_
        if number and single and len(text_) <= 60 and not text_.rstrip().endswith("。") and not NOTE_REF.search(text_):
            level = 1 if number.group("l1") else 2 if number.group("l2") else 3
            headings += 1
            blocks.append(Block("heading", text_[number.end():].lstrip(), piece.page, level, number.group(0),
                                source_line, f"h-{headings}", piece.pages))
            continue
        if single and following is not None and is_heading_like(text_) and not NOTE_REF.search(text_):
            headings += 1
            blocks.append(Block("heading", text_, piece.page, 1, None, source_line, f"h-{headings}", piece.pages))
            continue
        lines = text_.split("\n")
        if all(_LIST_LINE.match(line) for line in lines):
            kind = "list"
        elif all(line.startswith(">") for line in lines):
            kind = "quote"
        else:
            kind = "paragraph"
        if kind == "list" and blocks and blocks[-1].kind == "list":
            previous = blocks[-1]
            previous.text += "\n" + text_
            previous.pages = sorted(set(previous.pages) | set(piece.pages))
            continue
        paragraphs += 1
        blocks.append(Block(kind, text_, piece.page, None, None, source_line, f"p-{paragraphs}", piece.pages))

    notes = [Note(n, note_text, page, label or None, line_of(offset)) for n, label, note_text, page, offset in parsed.notes]
    notes.sort(key=lambda note: note.n)
    problems = _pairing_problems(text, parsed, notes, line_of, str(path) or text_id)

    if meta is not None and meta.title:
        title = meta.title
    else:
        title = next((m.text for m in front if m.kind == "title"), None) or next(
            (b.text for b in blocks if b.kind == "heading"), text_id)
        title = NOTE_REF.sub("", title).strip()
    return Document(id=text_id, title=title, blocks=blocks, notes=notes, front=front, end=end, problems=problems)


def _pairing_problems(text: str, parsed: _Parsed, notes: list[Note], line_of, where: str) -> list[Problem]:
    """Every reference without a note and note without a reference, named with its page and
    what that page holds (the references it numbers, the labels its notes print), so that a
    maintainer can write the emendation that pairs them."""
    problems: list[Problem] = []
    refs: dict[int, int] = {}
    for line_offset, line in _lines(text):
        if _DEF_LINE.match(line):
            continue
        for match in NOTE_REF.finditer(line):
            n = int(match.group(1))
            if n in refs:
                problems.append(Problem(where, line_of(line_offset + match.start()),
                                        f"note reference [^{n}] occurs twice", "duplicate-reference", note=n))
                continue
            refs[n] = line_offset + match.start()
    defined: dict[int, Note] = {}
    for note in notes:
        if note.n in defined:
            problems.append(Problem(where, note.source_line, f"note [^{note.n}] is defined twice", "duplicate-note",
                                    note.page, note.n))
        defined[note.n] = note
    page_of = _page_finder(text)
    ref_pages = {n: page_of(offset) for n, offset in refs.items()}
    for n, offset in sorted(refs.items(), key=lambda item: item[1]):
        if n == 0:
            if parsed.title_note is None:
                problems.append(Problem(where, line_of(offset), "the title's note mark has no title note", "title-note"))
            continue
        if n not in defined:
            page = ref_pages[n]
            problems.append(Problem(where, line_of(offset),
                                    f"note reference [^{n}] on page {page} has no note at the foot of its page"
                                    f" ({_page_summary(page, ref_pages, notes)})", "unpaired-reference", page, n))
    if parsed.title_note is not None and 0 not in refs:
        problems.append(Problem(where, line_of(parsed.title_note[1]), "the title note has no mark in the title",
                                "title-note"))
    for note in notes:
        if note.n not in refs:
            label = f" (printed {note.label})" if note.label else ""
            problems.append(Problem(where, note.source_line,
                                    f"note [^{note.n}]{label} on page {note.page} has no reference on its page"
                                    f" ({_page_summary(note.page, ref_pages, notes)})", "unpaired-note", note.page, note.n))
    problems.sort(key=lambda p: (p.line or 0))
    return problems


def _page_finder(text: str):
    """A function from an offset of ``text`` to the page of the source it lies on."""
    starts = [m.start() for m in PAGE_MARK.finditer(text)]
    numbers = [int(m.group(1)) for m in PAGE_MARK.finditer(text)]

    def page_of(offset: int) -> int:
        index = bisect.bisect_right(starts, offset)
        return numbers[index - 1] if index else 1

    return page_of


def _page_summary(page: int | None, ref_pages: dict[int, int], notes: list[Note]) -> str:
    """What page ``page`` holds: its references (as numbered) and its notes' printed labels,
    with the labels expected (one per reference)."""
    on_page = sorted(n for n, p in ref_pages.items() if p == page and n)
    labels = [note.label or "?" for note in notes if note.page == page]
    found = ", ".join(labels) or "none"
    refs = ", ".join(f"[^{n}]" for n in on_page) or "none"
    circled = any(label in CIRCLED for label in labels)
    expected = [CIRCLED[k - 1] if circled and k <= len(CIRCLED) else f"[{k}]" for k in range(1, len(on_page) + 1)]
    missing = ", ".join(label for label in expected if label not in labels) or "none"
    return f"references on the page: {refs}; note labels found: {found}; expected {', '.join(expected) or 'none'}; missing {missing}"


# --- back to text --------------------------------------------------------------------------

def document_text(document: Document) -> str:
    """The Document written back as clean text (the inverse of ``build_document``, up to
    whitespace and order): front matter, blocks, end matter, notes, and the page marks that
    began a block (kept as ``page``/``pages`` rather than as text)."""
    parts: list[str] = []
    title_note = next((m for m in document.front if m.kind == "title-note"), None)
    stripped_title_mark = title_note is not None and not title_note.text.startswith("[^0]:")
    for item in document.front + document.end:
        if item.kind == "title" and stripped_title_mark:
            parts.append(item.text + "[^0]")
        elif item.kind == "title-note" and stripped_title_mark:
            parts.append("[^0]: * " + item.text)
        else:
            parts.append(item.text)
    for block in document.blocks:
        parts.append((block.number or "") + block.text)
    for note in document.notes:
        parts.append(f"[^{note.n}]: {note.label or ''} {note.text}")
    inline = {int(n) for part in parts for n in PAGE_MARK.findall(part)}
    pages: set[int] = set()
    for block in document.blocks:
        pages.update(block.pages)
        if block.page is not None:
            pages.add(block.page)
    for item in document.front + document.end:
        if item.page is not None:
            pages.add(item.page)
    for note in document.notes:
        if note.page is not None:
            pages.add(note.page)
    marks = [page_mark(p) for p in sorted(pages - inline) if p >= 2]
    return "\n\n".join(marks + parts) + "\n"
