"""The vocabulary of Chinese text that every part of the edition reads: character ranges,
punctuation classes, numbering and the labels of front matter — each defined here once.

Ranges are strings for use inside a regular-expression character class (``f"[{HAN}]"``).

>>> import re
>>> bool(re.fullmatch(f"[{HAN}]+", "人工智能國際治理"))
True
>>> front_kind("关键词：人工智能 国际治理")
'keywords'
>>> is_spaced_byline("薛 澜 赵 静")
True
"""

from __future__ import annotations

import re

#: Han characters: CJK Unified Ideographs, Extension A, and the compatibility ideographs.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


def ranges_of(char_class: str) -> tuple[tuple[str, str], ...]:
    """The ranges of a class written as ``first-last`` pieces (``HAN``), as (first, last).

    >>> ranges_of("\u3000-\u303f\uff00-\uffef")
    (('\u3000', '〿'), ('\uff00', '\uffef'))
    """
    return tuple((char_class[start], char_class[start + 2]) for start in range(0, len(char_class), 3))


def in_ranges(char: str, ranges: tuple[tuple[str, str], ...]) -> bool:
    """Whether ``char`` (one character) falls in one of ``ranges`` (``ranges_of``)."""
    return any(first <= char <= last for first, last in ranges)


#: The ranges of ``HAN``, each as its first and last character.
HAN_RANGES = ranges_of(HAN)
#: A run of Han characters: the one compiled class of them, shared by every search for Han.
HAN_RUN = re.compile(f"[{HAN}]+")
#: Hangul syllables and jamo (yan cites a Korean document).
HANGUL = "\uac00-\ud7af\u1100-\u11ff\u3130-\u318f"
#: CJK symbols and punctuation, and the half- and full-width forms (，：（）…).
CJK_PUNCTUATION = "\u3000-\u303f\uff00-\uffef"
#: The curly quotes, which Chinese and Western text share (so they decide nothing).
CURLY_QUOTES = "\u2018-\u201f"

#: Marks that only Chinese text uses (so their presence makes a context Chinese).
CHINESE_PUNCT = "，。、；：？！（）《》〈〉【】〔〕「」『』…—·"
CHINESE_OPENERS = "（《〈【〔「『"
#: A title in book-title marks, with one level of titles inside it: 《…〈…〉…》 or 《…《…》…》.
CITED_TITLE = re.compile(r"《[^《》]*(?:《[^《》]*》[^《》]*)*》")
#: Marks that end a sentence (or a clause that a page break cannot cut).
SENTENCE_END = "。！？!?…；;：:■"
#: Characters that leave a phrase open: a line ending with one is cut, never a heading or a
#: sentence's end (``为应对人工智能全球性的`` | ``风险挑战``).
OPEN_ENDINGS = "的和与及或将把被从于并而"
#: Closing quotes and brackets that may follow the end of a sentence.
CLOSERS = "”’\"」』）)】》〉"

#: The mark of a character that the source no longer gives (U+3013 GETA MARK, 〓, the
#: typographic sign for a missing character); an emendation may replace it from context.
LACUNA = "〓"


def is_han(char: str) -> bool:
    """Whether ``char`` (one character) is Han, by comparison: ``re`` compiles each class of
    Han characters afresh in every process, a Python loop over its 28,000 code points (about
    1.5 ms), so a test of one character needs none.

    >>> is_han("國"), is_han("〇"), is_han("，"), is_han("A"), is_han("")
    (True, False, False, False, False)
    """
    return in_ranges(char, HAN_RANGES)


def has_han(text: str) -> bool:
    """Whether ``text`` holds a Han character.

    >>> has_han("Governing AI for Humanity"), has_han("《全球人工智能治理倡议》")
    (False, True)
    """
    return HAN_RUN.search(text) is not None


def is_common_character(char: str) -> bool:
    """True for a character of the common sets of either script: GB 2312 level 1 (the 3755
    most used simplified characters, lead byte B0–D7) or Big5's 常用字 (A440–C67E). Running
    Chinese text is 99.9% such characters (every text of the corpus), mojibake about a third.

    >>> is_common_character("国"), is_common_character("國"), is_common_character("鍏")
    (True, True, False)
    """
    try:
        data = char.encode("gb2312")
        if len(data) == 2 and 0xB0 <= data[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        data = char.encode("big5")
    except UnicodeEncodeError:
        return False
    return len(data) == 2 and 0xA440 <= (data[0] << 8 | data[1]) <= 0xC67E


# --- pinyin as a web converter injected it ---------------------------------------------------

TONE_MARKED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜḿńňǹ"
#: One pinyin syllable as the site wrote it: lower-case letters, at least one tone mark.
SYLLABLE = rf"[a-zü{TONE_MARKED}]{{1,6}}"
#: The combining tone marks (NFD) and the tone each stands for.
TONE_OF_MARK = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}

# --- numbering ---------------------------------------------------------------------------------

#: Circled numbers as note labels: ① = 1 … ⑳ = 20.
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
#: Chinese numerals of headings (一、 / （二）) and of ordinal lists (一是… 二是…), in order.
CN_NUM = "一二三四五六七八九十"

#: The printed numbering of a heading: ``一、`` (level 1), ``（一）`` (2), ``1.`` before Han (3).
HEADING_NUMBER = re.compile(
    r"^(?:(?P<l1>[" + CN_NUM + r"]+、)|(?P<l2>[（(][" + CN_NUM + r"]+[）)])|(?P<l3>\d{1,2}\.)(?=\s*[" + HAN + r"]))"
)

# --- front and end matter, recognised by what the sources print --------------------------------

ABSTRACT_LABELS = ("内容提要", "内容摘要", r"摘\s*要", r"提\s*要")
KEYWORD_LABELS = ("关键词", "關鍵詞", "关键字", "關鍵字")
AUTHOR_NOTE_LABELS = ("作者简介", "作者簡介")
CLASSIFICATION_LABELS = ("中图分类号", "中圖分類號", "文献标识码", "文獻標識碼", "文章编号", "文章編號", "DOI")
SOURCE_LABELS = ("来源", "來源")
EDITOR_LABELS = ("责任编辑", "責任編輯", "编辑", "編輯")
#: ``（作者为…）``: an author note in parentheses at the end of a commentary.
AUTHOR_PAREN_LABELS = (r"作者(?:分别|分別)?(?:为|為|系)",)


def _alternatives(*labels: tuple[str, ...]) -> str:
    return "|".join(label for group in labels for label in group)


_OPENING = r"^[\s*]*(?:[\[【〔]\s*)?"
ABSTRACT = re.compile(_OPENING + f"(?:{_alternatives(ABSTRACT_LABELS)})")
KEYWORDS = re.compile(_OPENING + f"(?:{_alternatives(KEYWORD_LABELS)})")
AUTHOR_NOTE = re.compile(_OPENING + f"(?:{_alternatives(AUTHOR_NOTE_LABELS)})")
CLASSIFICATION = re.compile(_OPENING + f"(?:{_alternatives(CLASSIFICATION_LABELS)})")
SOURCE = re.compile(_OPENING + f"(?:{_alternatives(SOURCE_LABELS)})" + r"\s*[:：]")
EDITOR = re.compile(r"^[\s*]*[\[【〔（(]?\s*" + f"(?:{_alternatives(EDITOR_LABELS)})" + r"\s*[:：]")
AUTHOR_PAREN = re.compile(r"^[（(]\s*" + f"(?:{_alternatives(AUTHOR_PAREN_LABELS)})")
DATE = re.compile(r"^\d{4}\s*[-年./]\s*\d{1,2}\s*[-月./]\s*\d{1,2}\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
#: Any label of front or end matter, with its opening bracket: a line that begins so is not
#: running text.
MATTER_LABEL = re.compile(
    r"^[\s*]*(?:[\[〔【(（]\s*)?(?:" + _alternatives(
        ABSTRACT_LABELS, KEYWORD_LABELS, AUTHOR_NOTE_LABELS, CLASSIFICATION_LABELS, SOURCE_LABELS,
        EDITOR_LABELS, AUTHOR_PAREN_LABELS) + ")"
)


def is_spaced_byline(text: str) -> bool:
    """A line of names in spaced type, as a printed byline sets them: ``薛 澜 赵 静``, ``李 艳``.

    >>> is_spaced_byline("李 艳"), is_spaced_byline("李艳")
    (True, False)
    """
    core = text.strip()
    name = rf"(?:[{HAN}][ \u3000]?){{2,4}}"
    return bool(re.fullmatch(rf"{name}(?:[ \u3000]+{name})*", core)) and " " in core


def front_kind(text: str) -> str | None:
    """What item of front matter a line is (``byline``, ``abstract``, ``keywords``,
    ``author-note``, ``classification``, ``source``, ``editor``, ``date``), or None.

    >>> front_kind("〔中图分类号〕D815"), front_kind("来源：新华社"), front_kind("人工智能的议题属性")
    ('classification', 'source', None)
    """
    core = text.strip()
    if core.startswith("□"):
        return "byline"
    for kind, pattern in (("abstract", ABSTRACT), ("keywords", KEYWORDS), ("author-note", AUTHOR_NOTE),
                          ("classification", CLASSIFICATION), ("source", SOURCE), ("editor", EDITOR)):
        if pattern.match(core):
            return kind
    if DATE.match(core):
        return "date"
    return None
