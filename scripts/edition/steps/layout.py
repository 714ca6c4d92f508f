r"""Step 3, layout: the printed page undone — page-bottom notes out of the running text,
paragraphs and words joined again across page breaks, note markers of every form brought
to one model (``markers.py``).

The rules run in this order on the text ``repair`` left:

1. ``remove_heading_hashes`` — Markdown ``#`` marks whose levels contradict the numbering;
2. ``fix_broken_note_markers`` — ``^{[2] 《}全球…`` → ``^[2] 《全球…``;
   ``remove_running_heads`` — ``国际经济评论 2024年第3期`` at the top of a page;
3. ``join_paragraphs_across_pages`` — a paragraph cut by a page bottom (note block or a run
   of blank lines) is joined with its continuation; ``⟦page N⟧`` marks where page N begins;
   the page-bottom lines stay, one per line, inside the joined paragraph just before the
   mark, so that every character keeps its raw line (``structure`` takes them out);
4. ``remove_repeated_character_at_page_break`` — ``另一方面`` | ``面，`` → ``另一方`` | ``面，``;
5. ``convert_note_markers`` — ``^[1]``, ``<sup>①</sup>``, ``[2]`` … → ``[^n]``, note lines →
   ``[^n]: <printed label> <text>``, numbered 1…N per text in reading order (printed numbers
   restart on every page); the title note becomes ``[^0]``;
6. ``fix_lost_list_marker`` — ``- 三是…`` followed by ``四是…`` → ``- 四是…``.

Page reconstruction is only attempted on a text that shows printed pages at all (a block of
page-bottom notes, or a run of three blank lines); a web page (liang-song) is left alone.
"""
# What the steps after this one may rely on (line breaks inside a block) is a contract
# between the parts: CONTEXT.md, "Clean-text markup".

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from dataclasses import dataclass

from ..markers import NOTE_DEF, NOTE_REF, PAGE_MARK, URL, page_mark
from ..model import Rule
from ..likelihood import Reading, readings
from ..vocabulary import CIRCLED, CLOSERS, CN_NUM, HAN, HEADING_NUMBER, MATTER_LABEL, OPEN_ENDINGS, SENTENCE_END, is_han

#: A line that is a note as printed at the foot of a page, in any of the sources' forms:
#: ``^[1] …`` (xue-zhao, yan), ``[1] …`` (xue-zhao), ``^{*} …`` (title note), ``<sup>①</sup> …``,
#: ``① …``, ``- ① …`` (li), ``^{[2] 《}…`` (yan, broken), or already ``[^n]: …``.
RAW_DEF = re.compile(
    r"^(?P<dash>- )?(?:"
    r"\^\[(?P<caret>\d{1,3})\]"
    r"|\^\{\[(?P<brace>\d{1,3})\]"
    r"|\[(?P<bare>\d{1,3})\](?=[ \t\u3000]*\S)"
    r"|(?P<star>\^\{\*\})"
    r"|<sup>(?P<supc>[" + CIRCLED + r"])</sup>"
    r"|(?P<circ>[" + CIRCLED + r"])"
    r"|\[\^(?P<done>\d+)\]:"
    r")"
)

_TRAILING_REFS = re.compile(
    r"(?:\^\[\d+\]|\^\{\*\}|<sup>[" + CIRCLED + r"]</sup>|\[\^?\d+\]|[" + CIRCLED + r"*])+\s*$"
)
_RUNNING_PUNCT = re.compile(r"[，。；、“”,;]")
_LEADING_MARKS = re.compile(r"^(?:" + PAGE_MARK.pattern + r")+")


def strip_leading_marks(text: str) -> str:
    return _LEADING_MARKS.sub("", text)


def is_complete(line: str) -> bool:
    """Does this line end a sentence (note references and closing quotes aside)?"""
    core = _TRAILING_REFS.sub("", line.rstrip())
    core = core.rstrip(CLOSERS + " \t")
    return bool(core) and core[-1] in SENTENCE_END


def is_heading_like(line: str) -> bool:
    """A short line with no sentence punctuation and no final stop: a bare heading or a title
    (``人工智能的议题属性与国际治理挑战``, ``结语``), or an authors' line (``薛 澜 赵 静``)."""
    core = strip_leading_marks(line.strip())
    if not core or "\n" in core or len(core) > 40:
        return False
    if HEADING_NUMBER.match(core):
        return len(core) <= 60 and not core.endswith("。")
    return not _RUNNING_PUNCT.search(core) and core[-1] not in SENTENCE_END + "，,、"


def is_matter(line: str) -> bool:
    core = strip_leading_marks(line.strip())
    return bool(MATTER_LABEL.match(core)) or core.startswith("□")


def is_def_chunk(chunk: str) -> bool:
    lines = [line for line in chunk.split("\n") if line.strip()]
    return bool(lines) and all(RAW_DEF.match(strip_leading_marks(line.strip())) for line in lines)


def is_running(chunk: str) -> bool:
    """A chunk of running prose: not a heading, list, note, front or end matter."""
    core = strip_leading_marks(chunk.strip())
    if not core or is_def_chunk(core) or is_matter(core) or is_heading_like(core):
        return False
    return not re.match(r"^(?:[-+*] |> |\d+\. )", core)


# --- chunks: the text cut at blank lines, separators kept --------------------------------

_SEP = re.compile(r"\n(?:[ \t\u3000\xa0]*\n)+")


@dataclass
class _Chunk:
    text: str
    sep: str  # what follows it (blank lines), "" for the last


def _chunks(text: str) -> tuple[str, list[_Chunk]]:
    lead = re.match(r"^\s*", text).group(0)
    if "\n" in lead:
        lead = lead[: lead.rfind("\n") + 1]
    else:
        lead = ""
    body = text[len(lead):]
    parts = _SEP.split(body)
    seps = _SEP.findall(body)
    chunks = [_Chunk(part, seps[i] if i < len(seps) else "") for i, part in enumerate(parts)]
    if len(chunks) > 1 and not chunks[-1].text:
        chunks.pop()  # the text ends with blank lines: they stay the separator of the last block
    return lead, chunks


def _join_chunks(lead: str, chunks: list[_Chunk]) -> str:
    return lead + "".join(c.text + c.sep for c in chunks)


def _shows_pages(chunks: list[_Chunk]) -> bool:
    if any(is_def_chunk(c.text) for c in chunks):
        return True
    return any(c.sep.count("\n") >= 4 for c in chunks[:-1])


# --- the rules ----------------------------------------------------------------------------

_HASHES = re.compile(r"^#{1,6}[ \t]+(?=\S)", re.MULTILINE)


def remove_heading_hashes(text: str) -> str:
    """Remove the Markdown ``#`` marks an OCR converter put before headings: their number
    contradicts the printed numbering (li: ``## （二）技术逻辑…`` beside ``### （一）发展逻辑…``,
    ``#### （一）…`` under ``### 三、…``), so heading levels are taken from the numbering
    (``一、`` / ``（一）`` / ``1.``) and, for unnumbered headings (cai ``## 全球人工智能治理的现状``),
    from their place, by ``structure``.

    Only ``#`` marks at the start of a line followed by a space are removed; ``#`` inside a
    line (a URL's ``#cookie_message_anchor``, yan) is never touched.
    """
    return _HASHES.sub("", text)


_BROKEN_MARKER = re.compile(r"^\^\{\[(\d{1,3})\][ \t]*([^{}\n]*?)\}", re.MULTILINE)


def fix_broken_note_markers(text: str) -> str:
    """Repair note markers whose braces the OCR closed in the wrong place, so that the
    first characters of the note text ended up inside the marker: yan ``^{[2] 《}全球人工智能
    治理倡议》…`` → ``^[2] 《全球人工智能治理倡议》…``, ``^{[1] &}quot;G7 Apulia…`` → ``^[1] &quot;G7
    Apulia…`` (the ``&quot;`` itself is left to ``normalise``).

    Only a ``^{[n] …}`` at the start of a line (a note at the foot of a page) is changed; a
    well-formed ``^[1]`` or the title note ``^{*}`` is never touched.
    """
    return _BROKEN_MARKER.sub(lambda m: f"^[{m.group(1)}] {m.group(2)}", text)


_ISSUE_LINE = re.compile(r"^《?[^\s，。；：,;:]{2,20}》?[ \t\u3000]*(?:\d{4}[ \t]*年[ \t]*)?第[ \t]*\d{1,3}[ \t]*期(?:[ \t\u3000]*\d{1,4})?$")
RUNNING_HEAD_MAX = 40


def _page_top_lines(lines: list[str]) -> list[int]:
    """Lines that open a page: after three blank lines (a page end), before a blank line."""
    return [i for i in range(4, len(lines) - 1)
            if lines[i].strip() and not lines[i + 1].strip() and not any(lines[j].strip() for j in range(i - 3, i))]


def remove_running_heads(text: str) -> str:
    """Remove the running head a printed page carries at its top, which the OCR put between a
    paragraph cut by the page end and its continuation: ``国际经济评论 2024年第3期`` or the
    article's title, standing alone after the page end.

    A line at the top of a page (after three blank lines, before a blank line) is a running
    head only with evidence: it is the journal's issue line (name, year, ``第n期``, a page
    number), or the text's first line (the title) again, or it stands at the top of two pages
    or more (page numbers aside). A heading that opens a page, a continuation, anything at the
    top of one page only, is never touched.
    """
    while True:  # a head removed may bring the next line to the top of its page
        removed = _remove_running_heads_once(text)
        if removed == text:
            return text
        text = removed


def _remove_running_heads_once(text: str) -> str:
    lines = text.split("\n")
    tops = _page_top_lines(lines)
    if not tops:
        return text
    first = next((line.strip() for line in lines if line.strip()), "")
    key = {i: re.sub(r"\d+", "", lines[i]).strip() for i in tops}
    counts: dict[str, int] = {}
    for value in key.values():
        counts[value] = counts.get(value, 0) + 1
    heads = {i for i in tops if len(lines[i].strip()) <= RUNNING_HEAD_MAX and not is_complete(lines[i])
             and (_ISSUE_LINE.match(lines[i].strip()) or lines[i].strip() == first or counts[key[i]] >= 2)}
    if not heads:
        return text
    return "\n".join(line for i, line in enumerate(lines) if i not in heads and (i - 1) not in heads)


def join_paragraphs_across_pages(text: str) -> str:
    """Undo the page breaks of a printed source: mark where each page begins with
    ``⟦page N⟧`` and join a paragraph that a page bottom cut in two.

    A page ends at a block of page-bottom notes (xue-zhao ``[1] Manyika J. …``, li ``① …``,
    yan ``^[1] …``) or at a run of three or more blank lines (cai ``立\\n\\n\\n\\n场不同``).
    When the paragraph before the break ends without sentence-final punctuation and a
    running-text paragraph follows, the two are one paragraph: cai ``…在技术标准上的立`` +
    ``场不同,…`` → ``…在技术标准上的立⟦page 2⟧场不同,…``. The notes of the page stay between
    the two halves, one per line and in their printed order (``structure`` moves them out),
    so that no character loses its raw line. In a text that shows pages, a paragraph that
    ends mid-sentence (``，`` or a bare character) and is followed, after one blank line, by
    running text was also cut by a page without notes: cai ``坚持以人为`` + ``本、智能向善`` →
    ``坚持以人为⟦page 3⟧本、智能向善``; xue-zhao ``以算法的全球治理为例，`` + ``算法概念的模糊性…``.
    A short line without punctuation (which could be a heading) counts as cut only with
    evidence: it ends a phrase left open (``…全球性的``), the next page begins with its last
    character again (``…组织频繁`` | ``繁讨论…``), or the words across the page end show the cut —
    jieba's best segmentation of the run across it has a word spanning it (``首个人工智`` |
    ``能全球决议``), or the next page begins with a lone ``和``, ``及`` or ``的`` (``复合技术特性`` |
    ``和多重议题属性``): a heading never ends mid-word, and no paragraph begins with such a word.
    Above the text's first note block (page 1 of xue-zhao, or a later page where a page end
    came before it), a paragraph without a marker between the cut paragraph and the notes is
    page bottom too (xue-zhao's author note ``薛澜系清华大学…``).

    Never touched: a text without printed pages (liang-song, a web page: its lede ends without a
    stop but is not cut); a heading, list, front or end matter on either side of a break
    (a page that begins with a heading only gets its mark: ``⟦page 4⟧二、…``); a paragraph
    that ends with a full stop (the page break falls between paragraphs: only the mark).
    """
    if PAGE_MARK.search(text):
        return text
    lead, chunks = _chunks(text)
    if not _shows_pages(chunks):
        return text
    n = len(chunks)
    is_def = [is_def_chunk(c.text) for c in chunks]
    read = readings(_runs_across_page_ends(chunks, is_def))
    out: list[_Chunk] = []
    page = 1
    notes_seen = False  # the unmarked author note stands above the text's first note block
    i = 0
    while i < n:
        if is_def[i]:
            j = i
            while j + 1 < n and is_def[j + 1]:
                j += 1
            bottom = [c.text for c in chunks[i:j + 1]]
            following = chunks[j + 1] if j + 1 < n else None
            if following is None:
                out.extend(_Chunk(c.text, c.sep) for c in chunks[i:j + 1])
                break
            page += 1
            # xue-zhao: an unmarked note (the author note) between the cut paragraph and the notes
            if (not notes_seen and len(out) >= 2 and _is_cut(out[-2]) and _continues(following.text)
                    and "\n" not in out[-1].text and is_running(out[-1].text) and is_complete(out[-1].text)):
                bottom.insert(0, out.pop().text)
            notes_seen = True
            if out and _cut_by_page_end(out[-1], following.text, read) and _continues(following.text):
                out[-1].text += "\n" + "\n".join(bottom) + "\n" + page_mark(page) + following.text
                out[-1].sep = following.sep
            else:
                out.extend(_Chunk(c.text, c.sep) for c in chunks[i:j + 1])
                out.append(_Chunk(page_mark(page) + following.text, following.sep))
            i = j + 2
            continue
        chunk = chunks[i]
        if out and not is_def[i - 1]:
            blank_break = chunks[i - 1].sep.count("\n") >= 4
            cut = ((_cut_by_page_end(out[-1], chunk.text, read) if blank_break else _is_cut(out[-1]))
                   and _continues(chunk.text))
            if cut and not notes_seen and i + 1 < n and is_def[i + 1] and is_complete(chunk.text):
                cut = False  # xue-zhao: the author note at the foot of page 1, not a continuation
            if cut:
                page += 1
                out[-1].text += page_mark(page) + chunk.text
                out[-1].sep = chunk.sep
                i += 1
                continue
            if blank_break:
                page += 1
                out.append(_Chunk(page_mark(page) + chunk.text, chunk.sep))
                i += 1
                continue
        out.append(_Chunk(chunk.text, chunk.sep))
        i += 1
    return _join_chunks(lead, out)


def _last_line(text: str) -> str:
    return text.rsplit("\n", 1)[-1]


def _is_cut(chunk: _Chunk) -> bool:
    """A running-text paragraph (or list item) whose last line stops mid-sentence. A
    multi-line block that was not joined here (a list, an address) is never cut."""
    if "\n" in chunk.text and not PAGE_MARK.search(chunk.text):
        return False
    line = PAGE_MARK.sub("", _last_line(chunk.text)).strip()
    if line.startswith("- "):
        line = line[2:]
    if (line and not is_complete(line) and not is_matter(line) and not HEADING_NUMBER.match(line)
            and line[-1] in OPEN_ENDINGS):
        return True  # a phrase left open (…全球性的): no heading ends so
    if not line or is_complete(line) or not is_running(line):
        return False
    return bool(_RUNNING_PUNCT.search(line)) or len(line) > 30 or bool(re.search(r"[“\"(（《]", line))


def _cut_by_page_end(before: _Chunk, after: str, read: dict[str, Reading]) -> bool:
    """Was ``before`` cut by the page end that ``after`` follows? It stops mid-sentence, or it
    is a short line without punctuation (which could be a heading) and the words across the
    page end say it was cut."""
    return _is_cut(before) or _repeated_across(before.text, after) or _word_across(before.text, after, read)


def _short_open_line(text: str) -> str:
    """The text as one line, if it is a line of text that ends with a Han character and does not
    end a sentence — not a note, front or end matter, nor a numbered heading; else ``""``."""
    line = PAGE_MARK.sub("", text).strip()
    if ("\n" in line or not line or is_complete(line) or is_matter(line) or HEADING_NUMBER.match(line)
            or is_def_chunk(line) or not is_han(line[-1])):
        return ""
    return line


def _repeated_across(before: str, after: str) -> bool:
    """The OCR's repeated character across a page end (``…组织频繁`` | ``繁讨论…``): evidence
    that a short line without punctuation was cut, not a heading."""
    line = _short_open_line(before)
    return bool(line) and after.startswith(line[-1])


#: Characters that, standing alone as a word, join what comes before them: no paragraph begins
#: with one (``…的复合技术特性`` | ``和多重议题属性``; 和平, 及时, 的确 are other words).
JOINING_WORDS = "的和及"


def _run_across(before: str, after: str) -> tuple[str, str] | None:
    """The Han runs that meet at a page end after a short open line: its last ``CONTEXT`` Han
    characters and the first ones of the next page, or None."""
    line = _short_open_line(before)
    start = _han_beginning(strip_leading_marks(after).lstrip()) if line else ""
    if not start:
        return None
    return _han_ending(line, len(line)), start


def _runs_across_page_ends(chunks: list[_Chunk], is_def: list[bool]) -> list[str]:
    """The runs across every page end (a run of blank lines or a note block) after a short
    open line that nothing else shows cut: the words ``_word_across`` reads."""
    runs = []
    for i, chunk in enumerate(chunks[:-1]):
        if is_def[i] or not (is_def[i + 1] or chunk.sep.count("\n") >= 4) or _is_cut(chunk):
            continue
        j = next((k for k in range(i + 1, len(chunks)) if not is_def[k]), None)
        pair = _run_across(chunk.text, chunks[j].text) if j is not None else None
        if pair is not None:
            runs.append(pair[0] + pair[1])
    return runs


def _word_across(before: str, after: str, read: dict[str, Reading]) -> bool:
    """Words across a page end that show a short line without punctuation was cut, not a
    heading (a printed heading is never left alone at the foot of a page, and never ends
    mid-word): jieba's best segmentation of the run across the page end has a word that spans
    it (``首个人工智`` | ``能全球决议``, ``《联合国宪章》的宗`` | ``旨和原则``), or the next page
    begins with a word that joins what comes before it (``复合技术特性`` | ``和多重议题属性``)."""
    pair = _run_across(before, after)
    reading = read.get(pair[0] + pair[1]) if pair else None
    if reading is None:
        return False
    return reading.crosses(len(pair[0])) or reading.word_at(len(pair[0])) in tuple(JOINING_WORDS)


def _continues(text: str) -> bool:
    """Can this chunk continue a cut paragraph? One line of running text."""
    return "\n" not in text.strip() and is_running(text) and not HEADING_NUMBER.match(text.strip())


#: A Han character, the page-bottom lines after it (none of them a page's text: no page mark),
#: the mark of the next page and the same character again.
_REPEATED = re.compile(r"([" + HAN + r"])((?:\n[^\n⟦]+)*\n|)(⟦page \d+⟧)\1(?=[，。、；：,;:" + HAN + r"])")
#: How many Han characters on each side of a page end the words are read in.
CONTEXT = 8


def _han_ending(text: str, end: int) -> str:
    """The Han characters that end ``text[:end]``, up to ``CONTEXT`` of them."""
    start = end
    while start > max(0, end - CONTEXT) and is_han(text[start - 1]):
        start -= 1
    return text[start:end]


def _han_beginning(text: str, start: int = 0) -> str:
    """The Han characters that begin ``text[start:]``, up to ``CONTEXT`` of them."""
    end = start
    while end < min(len(text), start + CONTEXT) and is_han(text[end]):
        end += 1
    return text[start:end]


#: How much likelier (natural log) the text must read without the repeated character than with
#: it: e³ ≈ 20 times. A character doubled by the OCR makes the run read worse by 5 to 11 (国际治 |
#: 治理 8.99, 另一方面 | 面 8.34), a doubled pair that is a common word by about 3.5 at most (等 |
#: 等问题 3.48, 重 | 重要 2.72); a real reduplication reads better with both (方 | 方面面 −3.19,
#: 往 | 往已成为 0.82, 常 | 常见到 2.61), as does a pair that two words share (人工智能 | 能力 −0.56).
REPEAT_MARGIN = 3.0


def remove_repeated_character_at_page_break(text: str) -> str:
    """Remove a character the OCR wrote twice, once on each side of a page break: xue-zhao page 1
    ends ``另一方面`` and page 2 begins ``面，人工智能的潜在风险`` — the printed page ended
    ``另一方`` (the word 另一方面 split as ``另一方|面``) and the OCR completed the word on page
    1, so the ``面`` before the page bottom is removed and the one that begins page 2 kept:
    ``另一方⟦page 2⟧面，人工智能…``.

    A Han character repeated exactly across a page mark is removed only where the words say so:
    the run around the page end (up to eight Han characters on each side) reads, in jieba's best
    segmentation by its dictionary's word counts, at least e³ ≈ 20 times likelier with one
    character than with both (``国际治`` | ``治理框架``; ``另一方面`` | ``面，``). Where the two
    belong to the text — a reduplication (``我们常`` | ``常见到``, ``渗透方`` | ``方面面``) or two
    words that meet (``人工智能`` | ``能力建设``, ``美国`` | ``国家安全``) — nothing is touched;
    reduplication inside a line (``方方面面``, xue-zhao ``渗透方方面面``) is never touched.
    """
    found = list(_REPEATED.finditer(text))
    if not found:
        return text
    pairs = [_runs_around(text, match) for match in found]
    read = readings(run for before, after in pairs for run in (before + after, before[:-1] + after))
    replacements = [(match.start(), match.start(3), match.group(2)) for match, (before, after) in zip(found, pairs)
                    if read[before[:-1] + after].log_probability - read[before + after].log_probability > REPEAT_MARGIN]
    return spliced(text, replacements)


def _runs_around(text: str, match: re.Match[str]) -> tuple[str, str]:
    """The Han run that ends with the first copy, and the one that begins with the second."""
    end = match.start(1) + 1
    before = _han_ending(text, end)
    after = _han_beginning(text, match.end(3))
    return before, after


# --- notes --------------------------------------------------------------------------------

_REF = re.compile(
    r"\^\[(?P<caret>\d{1,3})\]"
    r"|\^\{\*\}"
    r"|<sup>(?P<supc>[" + CIRCLED + r"])</sup>"
    r"|(?<=[^\s\[(])\[(?P<bare>\d{1,2})\](?![(\[:])"
)


@dataclass
class _Def:
    start: int  # offset of the line in the text
    end: int
    key: tuple[str, int] | None  # ("n", number) or None for the title note
    label: str
    rest: str
    page: int
    n: int | None = None


def _def_of_line(line: str) -> tuple[tuple[str, int] | None, str, str] | None:
    m = RAW_DEF.match(line)
    if not m or m.group("done"):
        return None
    rest = line[m.end():].lstrip(" \t\u3000")
    for name in ("caret", "brace", "bare"):
        if m.group(name):
            number = int(m.group(name))
            return ("n", number), f"[{number}]", rest
    if m.group("star"):
        return None, "*", rest
    circled = m.group("supc") or m.group("circ")
    return ("n", CIRCLED.index(circled) + 1), circled, rest


def convert_note_markers(text: str) -> str:
    """Bring every note to one model, numbered 1…N in reading order for the whole text
    (the printed numbers restart on every page): a reference ``^[1]`` (xue-zhao, yan),
    ``<sup>①</sup>`` (li) or bare ``[2]`` (yan ``…单一议题范畴。[2]``) becomes ``[^n]``; the
    note at the foot of the page that bears the same printed number becomes
    ``[^n]: <printed label> <text>`` (xue-zhao ``[1] Manyika J. …`` → ``[^1]: [1] Manyika J. …``;
    li ``- ① 鲁传颖…`` and ``<sup>①</sup> W. Brian Arthur…`` → ``[^k]: ① …``), so that the
    printed label stays in the text. The title note (``^{*}`` after the title, xue-zhao and yan —
    yan prints a bare ``*``) becomes ``[^0]`` and ``[^0]: * …``.

    A reference and a note are paired on the same page (pages as marked by
    ``join_paragraphs_across_pages``), or, where a page end fell between a reference and its
    note block, with the note of that number in the next note block after its page (at the foot
    of the next page, or of a later one where the pages between have no notes) that no
    reference there waits for. A page's notes are read by the sequence of their labels: where it restarts
    (a page whose foot reads ``② ① ②``), the notes before the restart continue the page before
    — a note block split across the page end — and answer that page's references that no note
    there answers. A bare ``[2]`` is taken for a reference only when a
    note ``[2]`` on its page is waiting for one; brackets in URLs (``…frontier\\[2024-04-19\\]``)
    and in note texts are never touched. A reference without a note (or a note without a
    reference) still gets its number, and ``structure`` reports it.
    """
    if NOTE_REF.search(text) or NOTE_DEF.search(text):
        return text
    # pages: offsets where each page begins
    starts = [(0, 1)] + [(m.start(), int(m.group(1))) for m in PAGE_MARK.finditer(text)]
    offsets = [start for start, _number in starts]

    def page_at(offset: int) -> int:
        return starts[max(bisect_right(offsets, offset) - 1, 0)][1]

    defs: list[_Def] = []
    def_spans: list[tuple[int, int]] = []
    position = 0
    for line in text.split("\n"):
        end = position + len(line)
        core = strip_leading_marks(line)
        found = _def_of_line(core) if core.strip() else None
        if found is not None:
            key, label, rest = found
            offset = position + (len(line) - len(core))
            defs.append(_Def(offset, end, key, label, rest, page_at(offset)))
            def_spans.append((offset, end))
        position = end + 1
    if not defs:
        return text
    protected = sorted([(m.start(), m.end()) for m in URL.finditer(text)] + def_spans)
    protected_starts = [s for s, _ in protected]
    reach = list(itertools.accumulate((e for _, e in protected), max))  # furthest end so far

    def inside(a: int, b: int) -> bool:
        index = bisect_right(protected_starts, a) - 1
        return index >= 0 and reach[index] >= b

    refs: list[tuple[int, int, tuple[str, int] | None, bool]] = []  # start, end, key, bare
    for m in _REF.finditer(text):
        if inside(m.start(), m.end()):
            continue
        if m.group("caret"):
            refs.append((m.start(), m.end(), ("n", int(m.group("caret"))), False))
        elif m.group("supc"):
            refs.append((m.start(), m.end(), ("n", CIRCLED.index(m.group("supc")) + 1), False))
        elif m.group("bare"):
            refs.append((m.start(), m.end(), ("n", int(m.group("bare"))), True))
        else:
            refs.append((m.start(), m.end(), None, False))
    title_def = next((d for d in defs if d.key is None), None)
    for d in defs:
        if d.key is None and d is not title_def:
            d.key = ("star", 0)  # a second asterisk note: not the title's; left for structure to report
    if title_def is not None and not any(r[2] is None for r in refs):
        # yan prints the title's reference as a bare asterisk at the end of the first line
        first = re.match(r"^\s*([^\n]*?)\*[ \t]*(?=\n|$)", text)
        if first and not first.group(1).endswith("*"):
            star = first.end() - len(first.group(0)) + first.group(0).rindex("*")
            refs.append((star, star + 1, None, False))
            refs.sort()

    number = 0
    replacements: list[tuple[int, int, str]] = []
    used: set[int] = set()
    by_page: dict[int, list[_Def]] = {}
    for d in defs:
        by_page.setdefault(d.page, []).append(d)
    refs_by_page: dict[int, list] = {}
    for ref in refs:
        refs_by_page.setdefault(page_at(ref[0]), []).append(ref)
    _carry_split_notes(by_page, refs_by_page)
    for page in sorted(set(refs_by_page) | set(by_page)):
        for start, end, key, bare in refs_by_page.get(page, []):
            if key is None:
                if title_def is not None:
                    title_def.n = 0
                    used.add(id(title_def))
                replacements.append((start, end, "[^0]"))
                continue
            match = next((d for d in by_page.get(page, []) if d.key == key and id(d) not in used), None)
            if match is None:
                match = _note_on_a_later_page(key, page, by_page, refs_by_page, used)
            if bare and match is None:
                continue  # a bracketed number that no note on its page waits for
            number += 1
            if match is not None:
                match.n = number
                used.add(id(match))
            replacements.append((start, end, f"[^{number}]"))
        for d in by_page.get(page, []):
            if d.n is None:
                if d is title_def:
                    d.n = 0
                else:
                    number += 1
                    d.n = number
    for d in defs:
        replacements.append((d.start, d.end, f"[^{d.n}]: {d.label} {d.rest}".rstrip()))
    return spliced(text, replacements)


def spliced(text: str, replacements: list[tuple[int, int, str]]) -> str:
    """``text`` with each (start, end, new) of non-overlapping ``replacements`` made, in one pass."""
    pieces, position = [], 0
    for start, end, new in sorted(replacements):
        pieces += [text[position:start], new]
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def _label_runs(defs: list[_Def]) -> list[list[_Def]]:
    """A page's numbered notes cut where their labels stop rising: a block reads ``② ① ②``
    when the note ② of the page before was printed above the page's own ``① ②``."""
    runs: list[list[_Def]] = []
    for d in defs:
        if not runs or d.key[1] <= runs[-1][-1].key[1]:
            runs.append([])
        runs[-1].append(d)
    return runs


def _carry_split_notes(by_page: dict[int, list[_Def]], refs_by_page: dict[int, list]) -> None:
    """Give back to the page before the notes that continue its sequence: where a page's labels
    restart (``② ① ②``), the notes before the restart belong to the page before when each of
    their labels is a reference there that no note of that page answers (a note block split
    across the page end). A page whose labels rise once (``① ②``) is never touched."""
    for page in sorted(by_page):
        numbered = [d for d in by_page[page] if d.key is not None and d.key[0] == "n"]
        runs = _label_runs(numbered)
        if len(runs) < 2:
            continue
        answered = {d.key for d in by_page.get(page - 1, [])}
        waiting = {r[2] for r in refs_by_page.get(page - 1, [])} - answered
        if all(d.key in waiting for d in runs[0]):
            for d in runs[0]:
                by_page[page].remove(d)
                by_page.setdefault(page - 1, []).append(d)


def _note_on_a_later_page(key, page: int, by_page: dict[int, list[_Def]], refs_by_page: dict[int, list],
                          used: set[int]) -> _Def | None:
    """The note a reference lost to a page end: the note with the same printed number in the
    next note block after its page — at the foot of the next page, or of a later one where the
    pages between have no notes (a page end without notes fell between the reference and its
    block) — that no reference of those pages waits for."""
    target = next((p for p in sorted(by_page) if p > page and by_page[p]), None)
    if target is None:
        return None
    if any(r[2] == key for p in range(page + 1, target + 1) for r in refs_by_page.get(p, [])):
        return None
    return next((d for d in by_page[target] if d.key == key and id(d) not in used), None)


_LIST_ITEM = re.compile(r"^- (?:⟦page \d+⟧)*([" + CN_NUM + r"])是", re.MULTILINE)


def fix_lost_list_marker(text: str) -> str:
    """Give back the list dash the OCR lost on the next item of an ordinal list: yan prints
    five guiding principles as one list, ``- 一是…``, ``- 二是…``, ``- 三是…``, then ``四是…``
    and ``五是…`` without the dash → ``- 四是…``, ``- 五是…``.

    Only a paragraph that begins with exactly the next ordinal (``四是`` after ``- 三是``),
    right after the list, gets a dash; ordinal paragraphs after a paragraph (li ``一是学术界…``,
    ``二是政策界…``) are never touched.
    """
    lead, chunks = _chunks(text)
    changed = False
    for index in range(1, len(chunks)):
        previous = chunks[index - 1].text
        items = _LIST_ITEM.findall(previous)
        if not items or not all(line.startswith("- ") or not line.strip() or RAW_DEF.match(strip_leading_marks(line))
                                or line.startswith("⟦") for line in previous.split("\n")):
            continue
        last = CN_NUM.find(items[-1])
        if last < 0 or last + 1 >= len(CN_NUM):
            continue
        current = chunks[index].text
        core = strip_leading_marks(current)
        if core.startswith(CN_NUM[last + 1] + "是"):
            chunks[index].text = current[: len(current) - len(core)] + "- " + core
            changed = True
    return _join_chunks(lead, chunks) if changed else text


def rules_for(meta, sources) -> list[Rule]:
    """The layout rules, for any text (``meta`` may be None): each leaves a text without
    printed pages or notes alone."""
    return [
        remove_heading_hashes,
        fix_broken_note_markers,
        remove_running_heads,
        join_paragraphs_across_pages,
        remove_repeated_character_at_page_break,
        convert_note_markers,
        fix_lost_list_marker,
    ]
