"""A damage simulator: clean passages of the corpus damaged, at places a seed chooses, in each
way the corpus shows, then cleaned again — to measure how much of each kind the rules repair
on text they were not written for.

A *base* is a run of consecutive paragraphs of a simplified corpus text as the edition reads
them (note references and page marks taken out), under a title line. Each kind of damage is
a function ``(text, rng) -> text`` that damages the base at a few places ``rng`` chooses:

- ``ocr-spaces`` — spaces between Han characters (OCR);
- ``half-width-punctuation`` — ``，：；！？（）`` written ASCII in a paragraph (cai, yan);
- ``page-break`` — a paragraph cut by a page end mid-word, sometimes with the first character
  of the next page repeated (cai ``立\\n\\n\\n\\n场``, xue-zhao ``另一方`` | ``面``);
- ``notes`` — page-bottom note blocks numbered per page, in one of the sources' styles
  (``^[n]`` with ``[n]`` notes, bare ``[n]``, ``<sup>①</sup>`` with ``①`` notes);
- ``notes-split`` — the same, with the last note of a page printed at the foot of the next
  page, before that page's own notes (a block split across the page end);
- ``running-heads`` — the journal's running head at the top of a new page;
- ``markdown-escapes`` — ``\\_`` ``\\[`` ``\\]`` of a Markdown export;
- ``html-entities`` — ``&quot;`` ``&ldquo;`` … of a web scrape;
- ``furniture`` — spam, navigation and footer lines of a scraped page;
- ``s2t`` — the whole text converted to traditional characters (OpenCC ``s2t``);
- ``gbk-pinyin`` — liang-song's damage: GBK bytes, ``X`` → ``X(pinyin)`` byte by byte for a set
  of characters, ASCII punctuation, decoded as GB18030 with ``?`` for what does not decode;
- ``utf8-as-gbk`` — a run of UTF-8 bytes read as GB18030 (``全球`` → ``鍏ㄧ悆``).

``measure`` cleans the base and the damaged text and compares the two Documents (front
matter and blocks, not notes: a note block left in the running text counts as damage left)
on a *signature* — the text without markers or line breaks, a space between two Han
characters kept as ``␣``. The damage is the distance of the damaged text's own signature from
the clean one; what the rules did not repair is the distance of the cleaned Document's.
"""

from __future__ import annotations

import difflib
import functools
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .lacunae import lacunae
from .markers import NOTE_REF, PAGE_MARK
from .model import Document
from .pinyin import pypinyin
from .pipeline import clean, rebuild_raw
from .steps.convert import opencc
from .vocabulary import CIRCLED, HAN, LACUNA, TONE_MARKED

TITLE = "人工智能国际治理的一个例子"
#: A sentence carrying what Markdown exports escape (an identifier, a bracketed date).
IDENTIFIERS = "参见新华网报道 c_1129757277 与会议记录 [2024-04-19]。"

_HAN_PAIR = re.compile(f"(?<=[{HAN}])(?=[{HAN}])")
_SENTENCE_END = re.compile("。(?!”)")


# --- the bases ----------------------------------------------------------------------------------

def passages(documents: Sequence[Document]) -> list[list[str]]:
    """The paragraphs of each simplified Document, as the edition reads them (references, page
    marks and the page-bottom lines inside a joined paragraph taken out)."""
    out = []
    for document in documents:
        if document.script != "simplified":
            continue
        paragraphs = []
        for block in document.blocks:
            if block.kind != "paragraph":
                continue
            lines = [line for line in block.text.split("\n") if not re.match(r"^\[\^\d+\]:", line)]
            text = NOTE_REF.sub("", PAGE_MARK.sub("", "".join(lines))).strip()
            if 30 <= len(text) <= 400 and text.endswith("。"):
                paragraphs.append(text)
        if paragraphs:
            out.append(paragraphs)
    return out


def base_text(texts: list[list[str]], rng: random.Random, paragraphs: int = 5) -> str:
    """A title line and ``paragraphs`` consecutive paragraphs of one text, one of them
    ending with the sentence of identifiers."""
    chosen = rng.choice(texts)
    start = rng.randrange(max(1, len(chosen) - paragraphs + 1))
    body = list(chosen[start:start + paragraphs])
    at = rng.randrange(len(body))
    body[at] = body[at] + IDENTIFIERS
    return TITLE + "\n\n" + "\n\n".join(body) + "\n"


_NOTE_LINE = re.compile(rf"^(?:- )?(?:\^?\[\d+\]|\^\{{|\[\^\d+\]:|<sup>|[{CIRCLED}])")


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Where each paragraph of the running text begins and ends: not the title (the first line),
    not a page-bottom note, nor the paragraph just above a note block — page bottom itself in
    the corpus (xue-zhao's unmarked author note). A page end never falls inside those."""
    lines = list(re.finditer(r"[^\n]+", text))
    spans = []
    for index in range(1, len(lines)):
        following = lines[index + 1].group(0) if index + 1 < len(lines) else ""
        if not _NOTE_LINE.match(lines[index].group(0)) and not _NOTE_LINE.match(following):
            spans.append((lines[index].start(), lines[index].end()))
    return spans


def _places(text: str, pattern: re.Pattern[str], rng: random.Random, count: int, margin: int = 0) -> list[int]:
    """Up to ``count`` distinct offsets where ``pattern`` matches inside a paragraph."""
    candidates = [m.start() for start, end in _paragraph_spans(text)
                  for m in pattern.finditer(text, start + margin, max(start + margin, end - margin))]
    return sorted(rng.sample(candidates, min(count, len(candidates))))


# --- the kinds of damage ------------------------------------------------------------------------

def ocr_spaces(text: str, rng: random.Random) -> str:
    for offset in reversed(_places(text, _HAN_PAIR, rng, rng.randint(1, 6))):
        text = text[:offset] + rng.choice([" ", " ", "  "]) + text[offset:]
    return text


_HALF = str.maketrans({"，": ",", "：": ":", "；": ";", "！": "!", "？": "?", "（": "(", "）": ")"})


def half_width_punctuation(text: str, rng: random.Random) -> str:
    spans = _paragraph_spans(text)
    for start, end in rng.sample(spans, min(len(spans), rng.randint(1, 3))):
        text = text[:start] + text[start:end].translate(_HALF) + text[end:]
    return text


#: The fewest characters a printed page holds between two page ends.
PAGE_MIN_CHARS = 80


def _page_breaks(text: str, rng: random.Random, count: int) -> list[int]:
    """Offsets inside paragraphs, between two Han characters, well inside a sentence, at
    least a page apart."""
    breaks: list[int] = []
    for offset in _places(text, re.compile(f"(?<=[{HAN}]{{2}})(?=[{HAN}]{{2}})"), rng, count * 3, margin=8):
        if len(breaks) < count and all(abs(offset - b) >= PAGE_MIN_CHARS for b in breaks):
            breaks.append(offset)
    return breaks


def page_break(text: str, rng: random.Random) -> str:
    for offset in reversed(_page_breaks(text, rng, rng.randint(1, 3))):
        repeat = text[offset - 1] if rng.random() < 0.5 else ""
        text = text[:offset] + "\n\n\n\n" + repeat + text[offset:]
    return text


NOTE_TEXTS = ["薛澜、俞晗之：“迈向公共管理范式的全球治理”，《中国社会科学》，2015年第11期。",
              "Tallberg J. and Erman E., “The Global Governance of Artificial Intelligence”, *International Studies Review*, 25(3), 2023.",
              "如生物技术、信息技术因具有较强的通用性而对经济社会具有明显的影响。",
              "余南平：“新一代通用人工智能对国际关系的影响探究”，《国际问题研究》，2023年第4期。"]
NOTE_STYLES = ("caret", "bare", "circled")


def _ref(style: str, k: int) -> str:
    return {"caret": f"^[{k}]", "bare": f"[{k}]", "circled": f"<sup>{CIRCLED[k - 1]}</sup>"}[style]


def _note_line(style: str, k: int, rng: random.Random) -> str:
    label = CIRCLED[k - 1] if style == "circled" else f"[{k}]"
    return f"{label} {rng.choice(NOTE_TEXTS)}"


def notes(text: str, rng: random.Random, split: bool = False) -> str:
    """Page ends inside paragraphs; on each page one or two references after a full stop,
    numbered from 1 on every page, and their notes in a block at the foot of the page. With
    ``split``, the last note of a page is printed at the foot of the next page, before that
    page's own notes (a note that did not fit: its block split across the page end)."""
    style = rng.choice(NOTE_STYLES)
    breaks = _page_breaks(text, rng, rng.randint(1, 3))
    pieces, previous = [], 0
    for offset in breaks + [len(text)]:
        pieces.append(text[previous:offset])
        previous = offset
    out = []
    carried: list[str] = []  # notes moved to the foot of this page from the one before
    for index, page in enumerate(pieces):
        stops = [m.end() for m in _SENTENCE_END.finditer(page) if m.start() > page.find("\n")]
        chosen = sorted(rng.sample(stops, min(len(stops), rng.randint(1, 2))))
        for k, stop in reversed(list(enumerate(chosen, 1))):
            page = page[:stop] + _ref(style, k) + page[stop:]
        lines = [_note_line(style, k, rng) for k in range(1, len(chosen) + 1)]
        last = index == len(pieces) - 1
        lines, carried = carried + lines, []
        if split and not last and len(lines) > 1:
            carried = [lines.pop()]
        block = "\n\n".join(lines)
        if last:
            out.append(page.rstrip("\n") + ("\n\n" + block if block else "") + "\n")
        else:
            out.append(page + ("\n\n" + block + "\n\n" if block else "\n\n\n\n"))
    return "".join(out)


#: A journal's running heads: its issue line on one page, the article's title on the next.
ISSUE_LINES = ["国际经济评论 2024年第3期", "《国际展望》2024年第4期 121"]


def running_heads(text: str, rng: random.Random) -> str:
    title = next((line.strip() for line in text.split("\n") if line.strip()), TITLE)
    head = rng.choice([*ISSUE_LINES, title])
    for offset in reversed(_page_breaks(text, rng, rng.randint(1, 3))):
        text = text[:offset] + "\n\n\n\n" + head + "\n\n" + text[offset:]
    return text


def markdown_escapes(text: str, rng: random.Random) -> str:
    return re.sub(r"[_\[\]]", lambda m: "\\" + m.group(0) if rng.random() < 0.8 else m.group(0), text)


_ENTITIES = {"“": "&ldquo;", "”": "&rdquo;", "—": "&mdash;", "&": "&amp;", "…": "&hellip;", "·": "&middot;"}


def html_entities(text: str, rng: random.Random) -> str:
    candidates = [m.start() for m in re.finditer("[" + "".join(_ENTITIES) + "]", text)]
    for offset in sorted(rng.sample(candidates, min(len(candidates), rng.randint(1, 6))), reverse=True):
        text = text[:offset] + _ENTITIES[text[offset]] + text[offset + 1:]
    quoted = list(re.finditer(f"“([{HAN}]{{1,12}})”", text))
    for match in sorted(rng.sample(quoted, min(len(quoted), rng.randint(0, 2))), key=lambda m: -m.start()):
        text = text[:match.start()] + "&quot;" + match.group(1) + "&quot;" + text[match.end():]  # yan's form
    return text


SPAM = "澳门百家乐官方网站-百家乐官网风云论坛-澳门百家乐官网官方网站-百家乐博彩免费体验金3"
NAVIGATION = "清华主页 - 清华新闻 - 清华思客 - 正文"
FOOTER = ["相关新闻", "读取内容中,请等待...", "最新动态", "清华大学新闻中心版权所有,清华大学新闻网编辑部维护",
          "Copyright 2001-2020 news.tsinghua.edu.cn. All rights reserved."]


def furniture(text: str, rng: random.Random) -> str:
    top = [line for line in (SPAM, NAVIGATION) if rng.random() < 0.7] or [NAVIGATION]
    bottom = FOOTER[rng.randrange(len(FOOTER)):]
    return "\n\n".join(top) + "\n\n" + text.rstrip("\n") + "\n\n" + "\n\n".join(bottom) + "\n"


def s2t(text: str, rng: random.Random) -> str:
    return opencc().OpenCC("s2t").convert(text)


def _first_reading(char: str) -> str:
    module = pypinyin()
    return module.pinyin(char, style=module.Style.TONE, heteronym=False)[0][0]


#: How many of a paragraph's most frequent characters the site annotates (liang-song: about
#: twenty insertions per hundred characters).
ANNOTATED_CHARACTERS = 40


def gbk_pinyin(text: str, rng: random.Random) -> str:
    """liang-song's damage on one or two paragraphs: characters encoded as GBK, a set of them
    annotated ``(pinyin)`` byte by byte (the first reading, tone-marked), ``，：；（）！？`` made
    ASCII, the bytes decoded again with ``?`` for a lead byte without a trail byte."""
    spans = _paragraph_spans(text)
    for start, end in sorted(rng.sample(spans, min(len(spans), rng.randint(1, 2))), reverse=True):
        part = text[start:end]
        counts: dict[str, int] = {}
        for char in re.findall(f"[{HAN}]", part):
            counts[char] = counts.get(char, 0) + 1
        frequent = sorted(counts, key=lambda c: (-counts[c], c))[:ANNOTATED_CHARACTERS]
        annotated = [c for c in frequent if rng.random() < 0.8 and any(mark in _first_reading(c) for mark in TONE_MARKED)]
        data = part.encode("gbk", errors="replace")
        for char in annotated:
            code = char.encode("gbk")
            data = data.replace(code, code + b"(" + _first_reading(char).encode("gbk") + b")")
        for wide, narrow in (("，", b","), ("：", b":"), ("；", b";"), ("（", b"("), ("）", b")"), ("！", b"!"), ("？", b"?")):
            data = data.replace(wide.encode("gbk"), narrow)
        text = text[:start] + decode_with_question_marks(data) + text[end:]
    return text


def decode_with_question_marks(data: bytes) -> str:
    """GBK bytes decoded as the scraped site's decoder did: ``?`` for a lead byte whose trail is
    not one, and the byte after it (ASCII too) swallowed."""
    out, i = [], 0
    while i < len(data):
        if data[i] < 0x80:
            out.append(chr(data[i]))
            i += 1
            continue
        try:
            out.append(data[i:i + 2].decode("gbk"))
        except UnicodeDecodeError:
            out.append("?")
        i += 2
    return "".join(out)


def utf8_as_gbk(text: str, rng: random.Random) -> str:
    places = _places(text, re.compile(f"[{HAN}]{{4,}}"), rng, rng.randint(1, 3))
    for offset in reversed(places):
        length = rng.randint(2, 8)
        run = re.match(f"[{HAN}]{{1,{length}}}", text[offset:]).group(0)
        text = text[:offset] + run.encode("utf-8").decode("gb18030", errors="replace") + text[offset + len(run):]
    return text


#: Every kind, in the order a mixed damage applies them (text before pages, bytes last).
KINDS: dict[str, Callable[[str, random.Random], str]] = {
    "ocr-spaces": ocr_spaces,
    "half-width-punctuation": half_width_punctuation,
    "markdown-escapes": markdown_escapes,
    "html-entities": html_entities,
    "page-break": page_break,
    "notes": notes,
    "notes-split": functools.partial(notes, split=True),
    "running-heads": running_heads,
    "furniture": furniture,
    "s2t": s2t,
    "gbk-pinyin": gbk_pinyin,
    "utf8-as-gbk": utf8_as_gbk,
}
#: Kinds that change the bytes under every other: not mixed with one another.
BYTE_KINDS = {"s2t", "gbk-pinyin", "utf8-as-gbk"}
#: Kinds that lose bytes: what the bytes no longer give cannot be repaired, only marked 〓 (a
#: lacuna, class "transmission") for an emendation to supply — so they are held to the share
#: repaired *or marked*; every other kind to the share repaired.
LOSSY_KINDS = {"gbk-pinyin", "utf8-as-gbk"}
#: The share each kind must reach (issue 11): 99% alone, 97% mixed.
TARGET = {"mixed": 0.97}
TARGET_ALONE = 0.99
#: Kinds that print the notes (at most one of them in a mixed damage).
NOTE_KINDS = {"notes", "notes-split"}


def damage(text: str, kinds: Sequence[str], rng: random.Random) -> str:
    for kind in KINDS:
        if kind in kinds:
            text = KINDS[kind](text, rng)
    return text


def mixed_kinds(rng: random.Random) -> list[str]:
    """Two to four kinds, at most one of those that change the bytes."""
    plain = [k for k in KINDS if k not in BYTE_KINDS]
    kinds = rng.sample(plain, rng.randint(1, 3))
    if NOTE_KINDS <= set(kinds):
        kinds.remove(rng.choice(sorted(NOTE_KINDS)))
    if rng.random() < 0.6:
        kinds.append(rng.choice(sorted(BYTE_KINDS)))
    return kinds


# --- measuring ----------------------------------------------------------------------------------

def signature(text: str) -> str:
    """The text as compared: no markers, no line breaks; a space between Han characters ``␣``."""
    text = NOTE_REF.sub("", PAGE_MARK.sub("", text))
    text = re.sub(f"(?<=[{HAN}])[ \t\u3000]+(?=[{HAN}])", "␣", text)
    return re.sub(r"\s+", "", text)


def document_signature(document: Document) -> str:
    """Front matter, blocks and end matter of a Document, each ended by ``¶``."""
    parts = [m.text for m in document.front if m.kind not in ("title-note",)]
    parts += [(b.number or "") + b.text for b in document.blocks]
    parts += [m.text for m in document.end]
    return "".join(signature(part) + "¶" for part in parts)


def raw_signature(text: str) -> str:
    """The damaged text as it stands, each run of text between blank lines ended by ``¶``."""
    return "".join(signature(part) + "¶" for part in re.split(r"\n[ \t]*\n", text) if part.strip())


def distance(a: str, b: str) -> int:
    """Characters inserted, deleted or replaced to turn ``a`` into ``b``."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal")


def han_only(text: str) -> str:
    return "".join(re.findall(f"[{HAN}]", text))


@dataclass
class Outcome:
    """One damaged base cleaned: how much damage, how much left, whether the record holds."""

    kinds: tuple[str, ...]
    damage: int
    left: int
    han_left: int
    conserved: bool
    problems: int
    damaged: str = ""
    #: Characters left as the lacuna mark 〓: lost bytes, marked rather than repaired.
    marked: int = 0
    #: Lacunae whose first conjecture (``lacunae``: the characters the bytes left allow, ranked
    #: by the context) is the character lost — proposed to the editor, never written.
    conjectured: int = 0


def measure(base: str, kinds: Sequence[str], rng: random.Random, sources) -> Outcome:
    truth = clean(base, "base", None, sources)
    damaged = damage(base, kinds, rng)
    document = clean(damaged, "damaged", None, sources)
    conserved = rebuild_raw(document.clean_text, document.changes) == damaged
    expected = document_signature(truth)
    got = document_signature(document)
    before = raw_signature(damaged)
    return Outcome(tuple(kinds), distance(before, expected), distance(got, expected),
                   distance(han_only(got), han_only(expected)), conserved, len(document.problems), damaged,
                   max(0, got.count(LACUNA) - expected.count(LACUNA)), right_conjectures(document, truth))


def right_conjectures(document: Document, truth: Document) -> int:
    """How many lacunae of ``document`` the first conjecture fills with the character of
    ``truth``: the Han characters off, less those off with every conjecture written in."""
    found = lacunae(document)
    if not found:
        return 0
    text = list(document.clean_text)
    for lacuna in found:
        text[lacuna.offset] = lacuna.conjecture or LACUNA
    expected = han_only(truth.clean_text)
    return distance(han_only(document.clean_text), expected) - distance(han_only("".join(text)), expected)


def recovery_table(documents: Sequence[Document], sources, seeds: int = 20,
                   paragraphs: int = 5) -> dict[str, tuple[float, float, int, int, int, int, int, int]]:
    """kind → (share of damage repaired, share repaired or marked 〓, damage, left, marked, most
    Han characters left in one case, marked 〓 whose first conjecture is right, cases whose
    record rebuilds the damaged text), each kind alone over ``seeds`` seeds, and ``mixed``."""
    texts = passages(documents)
    table: dict[str, tuple[float, float, int, int, int, int, int, int]] = {}
    for kind in [*KINDS, "mixed"]:
        total = left = marked = worst = conjectured = conserved = 0
        for seed in range(seeds):
            rng = random.Random(f"{kind}-{seed}")
            kinds = mixed_kinds(rng) if kind == "mixed" else [kind]
            outcome = measure(base_text(texts, rng, paragraphs), kinds, rng, sources)
            total += outcome.damage
            left += outcome.left
            marked += min(outcome.marked, outcome.left)
            worst = max(worst, outcome.han_left)
            conjectured += outcome.conjectured
            conserved += outcome.conserved
        repaired = 1 - left / total if total else 1.0
        table[kind] = (repaired, repaired + marked / total if total else 1.0, total, left, marked, worst, conjectured,
                       conserved)
    return table


# --- whole texts of the corpus ------------------------------------------------------------------

#: Kinds a whole raw file of the corpus can take on top of its own damage.
PRINT_KINDS = {"page-break", "running-heads"}
CORPUS_KINDS = ("ocr-spaces", "half-width-punctuation", "html-entities", "page-break", "running-heads",
                "furniture", "s2t", "utf8-as-gbk")


def body_han(document: Document) -> str:
    """The Han characters of a Document's blocks, in simplified script."""
    return han_only("".join(block.text for block in document.blocks))


def corpus_copies(metas, sources, seed: int = 0) -> list[tuple[str, list[str], int, int, int, bool, int]]:
    """Each corpus text's raw file damaged with two to four kinds more at places ``seed``
    chooses, both cleaned without metadata (no emendations): (id, kinds, Han characters of
    the body, Han characters off, the bound max(10, length/1000), conserved, problems named)."""
    rows = []
    for meta in metas:
        raw = meta.raw_path.read_text(encoding="utf-8")
        rng = random.Random(f"{meta.id}-{seed}")
        allowed = [k for k in CORPUS_KINDS if not (k == "s2t" and meta.script == "traditional")
                   and not (k in PRINT_KINDS and meta.kind == "news-commentary")]  # a web page has no printed pages
        kinds = rng.sample(allowed, rng.randint(2, 4))
        truth = clean(raw, meta.id, None, sources)
        damaged = damage(raw, kinds, rng)
        document = clean(damaged, meta.id, None, sources)
        conserved = rebuild_raw(document.clean_text, document.changes) == damaged
        expected, got = body_han(truth), body_han(document)
        rows.append((meta.id, kinds, len(expected), distance(got, expected), max(10, len(expected) // 1000),
                     conserved, len(document.problems)))
    return rows
