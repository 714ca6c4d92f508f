"""Step 2, repair: web damage — mojibake, injected pinyin, spam and site furniture, a repeated lede.

The damage this step repairs comes from one kind of source: a web page whose site converted
a simplified article to traditional characters, encoded it as GBK, inserted ``(pinyin)``
after about a hundred characters by a byte-level find-and-replace (always the character's
first reading, so 應(yīng)用 is common), turned full-width ``，：；（）！？`` into ASCII and decoded
the bytes again as GB18030 with ``?`` for what it could not read (text liang-song, 梁正、宋雨鑫).

The rules run in this order:

1. ``fix_gbk_pinyin_mojibake`` — runs such as ``能?chē)?guó)際`` rebuilt from their bytes
   (``能國際``); a character whose byte was truly lost becomes the lacuna mark ``〓``;
2. ``remove_injected_pinyin`` — ``構(gòu)建`` → ``構建``;
3. ``remove_spam_lines``, ``remove_site_navigation``, ``remove_site_footer`` — whole lines
   of page furniture, recognised from the reviewed patterns of ``sources/furniture.yaml``
   (``remove_obfuscated_email`` runs before step 1: the placeholder is ASCII and could
   stand inside a mojibake run);
4. ``remove_repeated_lede`` — the page's summary, which repeats a paragraph of the body.

Every rule needs the evidence of the damage itself (a pinyin syllable that is a reading of
the character before it, a furniture pattern, a verbatim repetition); on a text without web
damage they change nothing. Front and end matter of the page (headline, 來源 line, author
note, 編輯, date) are text, not furniture: ``structure`` handles them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import product
from typing import Any

from ..model import Rule, with_data
from ..pinyin import readings
from ..sources.furniture import Furniture, comparable
from ..vocabulary import (CHINESE_PUNCT, CJK_PUNCTUATION, CURLY_QUOTES, HAN, LACUNA, SYLLABLE, TONE_MARKED,
                          in_ranges, is_common_character, is_han, ranges_of)

_ONE_SYLLABLE = re.compile(rf"[(（]({SYLLABLE})[)）]")
_INJECTED_RUN = re.compile(rf"([{HAN}])((?:[(（]{SYLLABLE}[)）])+)")

# --- readings -----------------------------------------------------------------------------

def is_injected(char: str, syllable: str) -> bool:
    """True when ``syllable`` is a reading of ``char`` (what the site injected): tone-marked
    (``構(gòu)``), or toneless where pypinyin knows that neutral-tone reading of the character
    (``的(de)``, ``了(le)``, ``子(zi)``, ``着(zhe)``, ``么(me)``); ``資(zi)`` is no such reading."""
    return syllable in readings(char)


# --- 1. mojibake --------------------------------------------------------------------------

#: ASCII punctuation the site's pass made from full-width GBK characters (lead byte A3).
_PASS_PUNCT = {",": 0xAC, ":": 0xBA, ";": 0xBB, "(": 0xA8, ")": 0xA9, "!": 0xA1, "?": 0xBF}
_MAX_RUN = 40
_MAX_UNKNOWN = 2


@lru_cache(maxsize=65536)
def _gbk(char: str) -> bytes | None:
    try:
        data = char.encode("gb18030")
    except UnicodeEncodeError:
        return None
    return data if len(data) <= 2 else None


@lru_cache(maxsize=65536)
def _pair(lead: int, trail: int) -> str | None:
    """The GBK character of two bytes, or None (invalid, or a user-defined/PUA code)."""
    if not (0x81 <= lead <= 0xFE and 0x40 <= trail <= 0xFE and trail != 0x7F):
        return None
    try:
        char = bytes((lead, trail)).decode("gbk")
    except UnicodeDecodeError:
        return None
    if "\ue000" <= char <= "\uf8ff":
        return None
    return char


def _tokens(text: str, start: int) -> list[tuple[str, Any, int]] | None:
    """Read the damaged run from ``start`` (a ``?``) into tokens with their end offsets:
    ("u", None) an unknown byte, ("alt", c) a pass-made ASCII punctuation, ("b", bytes) the
    bytes of a received character, ("anc", syllable, eaten) an injected pinyin."""
    tokens: list[tuple[str, Any, int]] = []
    position = start
    limit = min(len(text), start + _MAX_RUN)
    while position < limit:
        char = text[position]
        if char == "?":
            eaten = re.compile(rf"({SYLLABLE})\)").match(text, position + 1)
            kept = re.compile(rf"\(({SYLLABLE})\)").match(text, position + 1)
            tokens.append(("u", None, position + 1))
            for match, is_eaten in ((eaten, True), (kept, False)):
                if match and any(m in match.group(1) for m in TONE_MARKED):
                    tokens.append(("anc", (match.group(1), is_eaten), match.end()))
                    position = match.end()
                    break
            else:
                position += 1
            continue
        anchor = re.compile(rf"\(({SYLLABLE})\)").match(text, position)
        if anchor and any(m in anchor.group(1) for m in TONE_MARKED):
            tokens.append(("anc", (anchor.group(1), False), anchor.end()))
            position = anchor.end()
            continue
        if char in _PASS_PUNCT:
            tokens.append(("alt", char, position + 1))
            position += 1
            continue
        if char == "\n":
            break
        data = _gbk(char)
        if data is None:
            break
        tokens.append(("b", data, position + 1))
        position += 1
    return tokens


def _solutions(prefix: bytes, tokens: list[tuple[str, Any, int]]):
    """Every byte stream that the tokens can stand for, paired into GBK characters from the
    aligned ``prefix``; yields (shape, list of (chars of the pair, has_unknown))."""
    unknowns = sum(1 for kind, _v, _e in tokens if kind == "u")
    alts = [i for i, (kind, _v, _e) in enumerate(tokens) if kind == "alt"]
    if unknowns > _MAX_UNKNOWN or len(alts) > 3:
        return
    for choice in product((False, True), repeat=len(alts)):
        full = dict(zip(alts, choice))
        yield from _walk(list(prefix), [False] * len(prefix), tokens, 0, full, choice, frozenset())


def _walk(stream: list[int], unknown: list[bool], tokens, index: int, full: dict, shape, anchored: frozenset[int]):
    if index == len(tokens):
        pairs = _pairs(stream, unknown, anchored)
        if pairs is not None:
            yield shape, pairs
        return
    kind, value, _end = tokens[index]
    if kind == "b":
        yield from _walk(stream + list(value), unknown + [False] * len(value), tokens, index + 1, full, shape, anchored)
    elif kind == "alt":
        data = [0xA3, _PASS_PUNCT[value]] if full[index] else [ord(value)]
        yield from _walk(stream + data, unknown + [False] * len(data), tokens, index + 1, full, shape, anchored)
    elif kind == "u":
        for byte in range(0x81, 0xFF):
            if len(stream) and not _partial_ok(stream + [byte]):
                continue
            yield from _walk(stream + [byte], unknown + [True], tokens, index + 1, full, shape, anchored)
    else:  # an anchor: the two bytes before it are a character with this reading
        syllable = value[0]
        if len(stream) < 2:
            return
        char = _pair(stream[-2], stream[-1])
        if char is None or syllable not in readings(char):
            return
        yield from _walk(stream, unknown, tokens, index + 1, full, shape, anchored | {len(stream) - 2})


def _partial_ok(stream: list[int]) -> bool:
    """Cheap pruning: pair the stream so far; every complete pair must be a character."""
    i = 0
    while i < len(stream):
        if stream[i] < 0x80:
            i += 1
            continue
        if i + 1 >= len(stream):
            return True
        if _pair(stream[i], stream[i + 1]) is None:
            return False
        i += 2
    return True


def _pairs(stream: list[int], unknown: list[bool], anchored: frozenset[int]) -> list[tuple[str, bool]] | None:
    """Pair the bytes into characters: (char, whether an injected pinyin names this very pair)."""
    out: list[tuple[str, bool]] = []
    i = 0
    while i < len(stream):
        if stream[i] < 0x80:
            if unknown[i]:
                return None
            out.append((chr(stream[i]), i in anchored))
            i += 1
            continue
        if i + 1 >= len(stream):
            return None
        char = _pair(stream[i], stream[i + 1])
        if char is None:
            return None
        out.append((char, i in anchored))
        i += 2
    return out


#: How much of the text before a run ``_repair_run`` reads: a character and its pinyin.
LOOK_BEHIND = 12
_SYLLABLE_AT_END = re.compile(rf"\(({SYLLABLE})\)\Z")


def _repair_run(behind: str, text: str, start: int, attested: frozenset[str]) -> tuple[int, str] | None:
    """Try to rebuild the run beginning with the ``?`` at ``start``: (end, replacement) or None.
    ``behind`` is the text just before the run as repaired so far (its last ``LOOK_BEHIND``
    characters are read)."""
    tail = behind[-LOOK_BEHIND:]
    annotation = _SYLLABLE_AT_END.search(tail)
    head = tail[:annotation.start()] if annotation else tail
    if not head or not is_han(head[-1]):
        return None
    prefix_char, syllable = head[-1], annotation.group(1) if annotation else None
    if syllable is not None and not is_injected(prefix_char, syllable):
        return None
    prefix = _gbk(prefix_char)
    if prefix is None or len(prefix) != 2:
        return None
    tokens = _tokens(text, start)
    if not tokens:
        return None
    # Try the shortest run that ends with an injected pinyin (the evidence) after a damaged byte.
    for end_index, (kind, value, _end) in enumerate(tokens):
        if kind != "anc":
            continue
        run = tokens[: end_index + 1]
        if any(k == "alt" for k, _v, _e in run) and not any(k == "u" for k, _v, _e in run):
            return None
        if _reads_as_is(text, run):
            return None
        found = _decide(prefix, run, attested)
        if found is None or _loses_received_characters(found, run):
            continue
        replace = run if value[1] else run[:-1]  # an intact final (pinyin) is left to the next rule
        return replace[-1][2], found
    return None


def _loses_received_characters(found: str, run) -> bool:
    """True when the run holds characters as received and its bytes give nothing but lacunae:
    the received characters would be lost for marks that say nothing. (In ``國?車(chē)?guó)`` the
    ``?`` before 車 is a question mark, for 車 carries its own reading; once that reading is
    removed, ``?車?guó)`` would pair into ``〓〓``.)"""
    return set(found) <= {LACUNA} and any(kind == "b" for kind, _value, _end in run)


def _reads_as_is(text: str, run) -> bool:
    """True when every injected pinyin of the run stands whole after a Han character it is a
    reading of (``?這(zhè)``): then the bytes are intact, the ``?`` is a question mark, and
    there is no damage to repair."""
    for kind, value, end in run:
        if kind != "anc":
            continue
        syllable, eaten = value
        start = end - len(syllable) - 2
        if eaten or start < 1 or not is_injected(text[start - 1], syllable):
            return False
    return True


def _decide(prefix: bytes, run, attested: frozenset[str]) -> str | None:
    shapes: dict[tuple, list[list[tuple[str, bool]]]] = {}
    for shape, pairs in _solutions(prefix, run):
        shapes.setdefault(shape, []).append(pairs)
        if len(shapes) > 1:
            return None
    if not shapes:
        return None
    solutions = next(iter(shapes.values()))
    lengths = {len(p) for p in solutions}
    if len(lengths) != 1:
        return None
    chars: list[str] = []
    for index in range(1, lengths.pop()):  # pair 0 is the aligned prefix character
        options = {pairs[index][0] for pairs in solutions}
        if len(options) > 1:
            # several characters fit the bytes: only when the injected pinyin names the pair
            # itself does the page's own annotation (the same character annotated elsewhere) decide
            named = all(pairs[index][1] for pairs in solutions)
            known = options & attested if named else set()
            options = known if len(known) == 1 else {LACUNA}
        chars.append(options.pop())
    return "".join(chars)


def fix_gbk_pinyin_mojibake(text: str) -> str:
    """Rebuild from their GBK bytes the runs that the site's byte-level pinyin insertion broke:
    ``重塑?chē)?guó)際`` → ``重塑國際``, ``不足?!叭嗳佟钡慕Y(jié)構`` → ``不足〓“三多三少”的結(jié)構``.

    How the damage arose: 塑國 is CB DC 87 F8 in GBK, and DC 87 is 車, so ``(chē)`` was
    inserted between the two bytes of 國; the decoder then showed the stranded bytes as ``?``
    (here swallowing the ``(``). Where the punctuation pass read a wrong byte pair as ``；`` or
    ``！`` (A3 BB, A3 A1), it wrote ``;`` ``!`` and ate one byte, and every character after
    it came out shifted (``叭嗳佟``) until an ASCII byte set the decoder right again.

    The repair: the run after the last sound character is re-encoded as GBK; each ``?`` is
    one unknown lead byte, an ASCII ``,:;()!`` may stand for its full-width form, each
    ``(pinyin)`` is taken out, and the bytes are paired again from that sound character. It
    is made only when every pair is a GBK character and every inserted syllable is a reading
    of the two bytes before it, the run ending on such a syllable (that is the evidence), and
    when one pairing alone fits. An unknown byte that several characters fit is decided by
    the page itself only where the injected syllable names that very pair (of 囯囶囻圀國,
    all read guó with lead byte 87, the page annotates 國 elsewhere); otherwise, as for a
    byte the punctuation pass ate, the character is written ``〓``: the bytes do not give it,
    and only an emendation, from context, may supply it (模 in 規〓化, 。 in 不足〓“三多三少”).
    Never touches a ``?`` without such a run: a question mark in Latin text or a URL
    (``Emerging Technology?”``, ``?to ken=``), or one after a Chinese sentence — also where
    the next character carries its own injected reading (``對嗎?這(zhè)個``: 這 is DF 40 in
    GBK, and the bytes could be paired as ``?``+DF and ``@``, but every syllable already reads
    the whole character before it, so nothing is damaged).
    """
    if "?" not in text:
        return text
    attested = frozenset(m.group(1) for m in _INJECTED_RUN.finditer(text)
                         if is_injected(m.group(1), _ONE_SYLLABLE.match(m.group(2)).group(1)))
    out: list[str] = []
    behind = ""  # the end of the text as repaired so far
    position = 0
    while True:
        start = text.find("?", position)
        if start < 0:
            break
        # the character before a run is read from the text as repaired so far: a run may
        # begin right after one just rebuilt (``來?;?guó)??chē)``), and one pass must do both
        behind = (behind + text[position:start])[-LOOK_BEHIND:]
        repaired = _repair_run(behind, text, start, attested)
        end, piece = repaired if repaired is not None else (start + 1, "?")
        out += [text[position:start], piece]
        behind = (behind + piece)[-LOOK_BEHIND:]
        position = end
    out.append(text[position:])
    return "".join(out)


# --- 1b. UTF-8 read as GBK -------------------------------------------------------------------

#: What stands for one byte the decoder could not read.
_UNKNOWN_BYTE = "?\ufffd"
_UTF8_MIN_CHARS = 2
#: How many more common characters (as a share) the decoded run must have than the received one.
_COMMON_MARGIN = 0.25
_DECODED_MIN_COMMON = 0.8


def _gbk_bytes(char: str) -> list[int | None] | None:
    if char in _UNKNOWN_BYTE:
        return [None]
    data = _gbk(char)
    return list(data) if data is not None and len(data) == 2 else None


def _utf8_prefix(text: str, start: int) -> list[tuple[int, str, tuple[tuple[int | None, ...], ...]]]:
    """Read the GBK bytes of ``text`` from ``start`` as UTF-8: for each place where a received
    character and a UTF-8 character end together, (characters used, text decoded, the bytes of
    each lacuna). An unknown byte makes its UTF-8 character a lacuna ``〓``. Reads only as far
    as the bytes stay UTF-8."""
    stream: list[int | None] = []
    found: list[tuple[int, str, tuple[tuple[int | None, ...], ...]]] = []
    decoded: list[str] = []
    lost: list[tuple[int | None, ...]] = []
    i = 0  # the next byte to decode
    for used, char in enumerate(text[start:start + _MAX_RUN_UTF8], 1):
        data = _gbk_bytes(char)
        if data is None:
            break
        stream += data
        while i < len(stream):
            lead = stream[i]
            size = 3 if lead is None or 0xE0 <= lead <= 0xEF else 2 if 0xC2 <= lead <= 0xDF else 4 if 0xF0 <= lead <= 0xF4 else 0
            piece = stream[i:i + size]
            if not size or any(b is not None and not 0x80 <= b <= 0xBF for b in piece[1:]):
                return found
            if len(piece) < size:
                break
            if None in piece:
                decoded.append(LACUNA)
                lost.append(tuple(piece))
            else:
                try:
                    decoded.append(bytes(piece).decode("utf-8"))
                except UnicodeDecodeError:
                    return found
            i += size
        if i == len(stream):
            found.append((used, "".join(decoded), tuple(lost)))
    return found


#: What a GB18030 decoder writes for bytes it cannot read — U+FFFD, or a code of the
#: user-defined areas (private use: U+E185 for AE AE) — and no text of the corpus holds.
_UNREADABLE = re.compile("[\ufffd\ue000-\uf8ff]")


_CJK_MARK_RANGES = ranges_of(CJK_PUNCTUATION + CURLY_QUOTES)


def _is_chinese_mark(char: str) -> bool:
    """A CJK mark or full-width form, a curly quote, a Chinese mark or the lacuna mark."""
    return in_ranges(char, _CJK_MARK_RANGES) or char in CHINESE_PUNCT or char == LACUNA


def _reads_as_chinese(decoded: str, received: str) -> bool:
    """The evidence of UTF-8 read as GBK: what the bytes give is Chinese (Han or Chinese
    punctuation), mostly common characters, clearly more of them than in what was received.
    Two characters at least, at most a third lost — unless the received run holds what the
    decoder wrote for bytes it could not read (``�``, a private-use code): then any run that
    decodes to Chinese is read, even one whose every character lost a byte (as lacunae)."""
    lost = decoded.count(LACUNA)
    if not decoded or not all(is_han(char) or _is_chinese_mark(char) for char in decoded):
        return False
    if _UNREADABLE.search(received):
        return True  # what the decoder made of bytes it could not read: no text holds it
    if len(decoded) - lost < _UTF8_MIN_CHARS or lost * 3 > len(decoded):
        return False
    han_decoded = [c for c in decoded if is_han(c)]
    han_received = [c for c in received if is_han(c)]
    common_received = sum(map(is_common_character, han_received)) / len(han_received) if han_received else 0.0
    if not han_decoded:
        return bool(han_received) and lost == len(decoded) and common_received <= 1 - _COMMON_MARGIN * 2
    common_decoded = sum(map(is_common_character, han_decoded)) / len(han_decoded)
    return common_decoded >= _DECODED_MIN_COMMON and common_received <= common_decoded - _COMMON_MARGIN


def fix_utf8_read_as_gbk(text: str) -> str:
    """Decode again the runs of UTF-8 bytes that were read as GBK: ``鍏ㄧ悆娌荤悊`` → ``全球治理``.

    The received characters are encoded back to their GBK bytes and read as UTF-8, from a
    place where a UTF-8 character may begin, as far as the bytes stay UTF-8 and a character of
    each reading ends at the same byte. A byte the decoder could not read (``?`` or ``�``)
    makes its character the lacuna mark ``〓`` (a loss in transmission; an emendation may
    supply it from context). The run is replaced only when what the bytes give is Chinese —
    two characters at least, common ones (``vocabulary.is_common_character``), where the
    received run has a quarter fewer common ones (mojibake does; running text of either
    script is all common characters, so it never qualifies) — or, for a run of any length, where
    the received run holds what the decoder wrote for bytes it could not read (``�``, or a
    private-use code such as U+E185 for the bytes AE AE), which no text holds (``寤鸿`` and
    U+E185 → ``建议``).
    Text that reads as it stands is never touched (ftfy does not cover GBK).
    """
    out: list[str] = []
    position = 0
    i = 0
    while (start := _may_begin_utf8().search(text, i)) is not None:
        i = start.start()
        best = None
        for used, decoded, _lost in _utf8_prefix(text, i):
            if _reads_as_chinese(decoded, text[i:i + used]):
                best = (used, decoded)
        if best is None:
            i += 1
            continue
        out += [text[position:i], best[1]]
        i = position = i + best[0]
    out.append(text[position:])
    return "".join(out)


_MAX_RUN_UTF8 = 200


@lru_cache(maxsize=1)
def _may_begin_utf8() -> re.Pattern[str]:
    """The characters whose GBK bytes are a UTF-8 lead byte and then a continuation byte (where
    ``fix_utf8_read_as_gbk`` tries a run): every two-byte GBK code of that form decoded, kept
    where the character encodes back to it; a search finds the next one at C speed. The 3,264
    codes are decoded at once; where they come back whole (each one character that encodes
    to its own two bytes), that is the answer, else each is tried alone."""
    pairs = [bytes((lead, trail)) for lead in range(0xC2, 0xF5) for trail in range(0x80, 0xC0)]
    joined = b"".join(pairs)
    decoded = joined.decode("gb18030", errors="replace")
    if len(decoded) == len(pairs) and decoded.encode("gb18030", errors="replace") == joined:
        found = [char for char in decoded if char not in _UNKNOWN_BYTE]
    else:
        found = [char for pair in pairs if (char := pair.decode("gb18030", errors="replace")) not in _UNKNOWN_BYTE
                 and _gbk(char) == pair]
    return re.compile("[" + "".join(map(re.escape, found)) + "]")


def lost_utf8_bytes(received: str) -> tuple[tuple[int | None, ...], ...]:
    """The UTF-8 bytes of each character ``fix_utf8_read_as_gbk`` marks ``〓`` when it decodes
    ``received`` whole (None for each lost byte): ``()`` where it would not decode it whole.

    >>> [[f"{b:02X}" if b is not None else "??" for b in lost] for lost in lost_utf8_bytes("鍏ㄧ悆娌\ufffd")]
    [['E6', 'B2', '??']]
    """
    found = _utf8_prefix(received, 0)
    return found[-1][2] if found and found[-1][0] == len(received) else ()


# --- 2. injected pinyin -------------------------------------------------------------------

def remove_injected_pinyin(text: str) -> str:
    """Remove pinyin that a web converter inserted after characters: ``構(gòu)建`` → ``構建``,
    ``來(lái)源`` → ``來源``, ``應(yīng)用`` → ``應用``.

    Only a parenthesised syllable directly after a Han character, and a reading of that
    character (pypinyin's heteronyms: tone-marked, or the neutral tone the character has —
    ``的(de)``, ``了(le)``, ``孩子(zi)``, ``着(zhe)``, ``什么(me)``), is removed; Latin words in parentheses such as ``(AI Agent)`` or
    ``(UNESCO)``, and a syllable that is no reading of the character before it, are never
    touched.
    """
    if "(" not in text and "（" not in text:
        return text

    def replace(match: re.Match[str]) -> str:
        char, rest = match.group(1), match.group(2)
        while True:  # one after another, so that the rule is idempotent on 構(gòu)(gòu)
            inner = _ONE_SYLLABLE.match(rest)
            if inner is None or not is_injected(char, inner.group(1)):
                return char + rest
            rest = rest[inner.end():]

    return _INJECTED_RUN.sub(replace, text)


# --- 3. site furniture --------------------------------------------------------------------

def _remove_lines(text: str, drop) -> str:
    """Remove the lines for which ``drop`` is true, with the blank line that set each apart."""
    lines = text.split("\n")
    gone = [bool(line.strip()) and drop(line) for line in lines]
    if not any(gone):
        return text
    last = len(lines) - 1
    for i, removed in enumerate(list(gone)):
        if not removed:
            continue
        if i + 1 < last and not lines[i + 1].strip() and not gone[i + 1]:
            gone[i + 1] = True
        elif i > 0 and not lines[i - 1].strip() and not gone[i - 1]:
            gone[i - 1] = True
    kept = [line for line, removed in zip(lines, gone) if not removed]
    return "\n".join(kept)


def remove_spam_lines(text: str, furniture: Furniture) -> str:
    """Remove a line of spam a hacked web page carries: ``澳门百家乐官方网站-百家乐官网风云论坛-…``.

    A line is spam when it holds at least two different keywords of ``sources/furniture.yaml``
    (百家乐, 博彩, 体验金 …); a sentence that mentions gambling once is never touched.
    """
    keywords, minimum = furniture.spam_keywords, furniture.spam_min_keywords
    return _remove_lines(text, lambda line: sum(1 for k in keywords if k in line) >= minimum)


def remove_site_navigation(text: str, furniture: Furniture) -> str:
    """Remove the site's navigation breadcrumb: ``清華主頁 - 清華新聞 - 清華思客 - 正文``.

    Only a whole line of three or more short segments joined by a separator of
    ``sources/furniture.yaml``, one of them a marker (主頁, 首頁, 正文 …), is removed; a
    dash inside a sentence or a title (``梁正、宋雨鑫:構建…``) is never touched.
    """
    def is_breadcrumb(line: str) -> bool:
        for separator in furniture.breadcrumb_separators:
            segments = [s.strip() for s in line.strip().split(separator)]
            if len(segments) < 3 or any(not s or len(s) > furniture.breadcrumb_max_segment for s in segments):
                continue
            if any(re.search(r"[。，,；;：:]", s) for s in segments):
                continue
            if any(marker in s for s in segments for marker in furniture.breadcrumb_markers):
                return True
        return False

    return _remove_lines(text, is_breadcrumb)


def remove_obfuscated_email(text: str, furniture: Furniture) -> str:
    """Remove the text Cloudflare puts in place of an e-mail address: ``電子信箱: [email protected]``
    → ``電子信箱:``. The address is not in the page, so nothing can be restored; an e-mail
    address written out is never touched."""
    token = furniture.obfuscated_email
    if not token:
        return text
    pattern = r"[ \t]*" + r"\s".join(re.escape(word) for word in token.split())
    return re.sub(pattern, "", text)


def remove_site_footer(text: str, furniture: Furniture) -> str:
    """Remove the lines of the site's footer: ``相關新聞``, ``讀取內容中,請等待...``, ``最新動態``,
    ``清華大學新聞中心版權所有…``, ``Copyright 2001-2020 news.tsinghua.edu.cn. All rights reserved.``

    Only whole lines equal to a footer line, or matching a footer pattern, of
    ``sources/furniture.yaml`` are removed; the same words inside a paragraph are never touched.
    """
    def is_footer(line: str) -> bool:
        stripped = line.strip()
        return comparable(stripped) in furniture.footer_lines or any(r.match(stripped) for r in furniture.footer_patterns)

    return _remove_lines(text, is_footer)


# --- 4. the repeated lede -----------------------------------------------------------------

LEDE_MIN_CHARS = 40
#: A page's summary stands among its first paragraphs (which keeps the search linear).
LEDE_WITHIN = 12


def _without_spaces(paragraph: str) -> str:
    return re.sub(r"[ \t\u3000\xa0]+", "", paragraph)


def _repeats(lede: str, later: str) -> bool:
    """``later`` holds ``lede`` and more; a lacuna ``〓`` of the lede stands for any one character."""
    if lede == later:
        return False
    if LACUNA not in lede:
        return lede in later
    return re.search(".".join(re.escape(part) for part in lede.split(LACUNA)), later) is not None


def remove_repeated_lede(text: str) -> str:
    """Remove the page's summary where it repeats a paragraph of the body word for word:
    ``在人類命運共同體理念指導下,…切實推進治理議程進程`` (the body has ``我們認為:在人類…``).

    A paragraph of at least 40 characters, among the first 12, is removed only when a later
    paragraph contains it verbatim (spaces aside: OCR or a scrape may space one copy; a character
    the lede lost in transmission, ``〓``, stands for the one the body has); the body paragraph
    is kept. A short paragraph (a heading that a sentence
    repeats) is never touched.
    """
    blocks = re.split(r"(\n[ \t]*\n)", text)
    paragraphs = [(i, b.strip()) for i, b in enumerate(blocks) if i % 2 == 0 and b.strip()]
    drop: set[int] = set()
    keys = [_without_spaces(paragraph) for _i, paragraph in paragraphs]
    for n, (i, paragraph) in enumerate(paragraphs[:LEDE_WITHIN]):
        if len(paragraph) < LEDE_MIN_CHARS or "\n" in paragraph:
            continue
        if any(_repeats(keys[n], later) for later in keys[n + 1:]):
            drop.add(i)
    if not drop:
        return text
    out: list[str] = []
    for i, block in enumerate(blocks):
        if i in drop:
            continue
        if i % 2 == 1 and (i - 1) in drop:
            continue
        out.append(block)
    return "".join(out)


# --- 0. the file's own marks -----------------------------------------------------------------

def remove_byte_order_mark(text: str) -> str:
    """Remove the byte-order mark (U+FEFF) some editors write at the start of a UTF-8 file:
    it is no character of the text, and left in place it would become part of the title."""
    return text[1:] if text.startswith("\ufeff") else text


def normalise_line_ends(text: str) -> str:
    """Line ends become LF (U+000A): a file saved on Windows ends its lines with CRLF
    (U+000D U+000A), an old Mac file with CR alone; read as they stand, CRLF would join the author
    line to the title and CR would make the whole text one paragraph without notes."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def rules_for(meta, sources) -> list[Rule]:
    """The repair rules, for any text (``meta`` may be None); the furniture rules read the
    reviewed patterns of ``sources``."""
    furniture = sources.furniture
    return [
        remove_byte_order_mark,
        normalise_line_ends,
        with_data(remove_obfuscated_email, furniture=furniture),  # first: it is ASCII and may stand inside a mojibake run
        fix_utf8_read_as_gbk,
        fix_gbk_pinyin_mojibake,
        remove_injected_pinyin,
        with_data(remove_spam_lines, furniture=furniture),
        with_data(remove_site_navigation, furniture=furniture),
        with_data(remove_site_footer, furniture=furniture),
        remove_repeated_lede,
    ]
