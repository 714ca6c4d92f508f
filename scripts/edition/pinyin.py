"""Pinyin: pypinyin's readings with the reviewed overrides of ``sources/pinyin-overrides.yaml``.

One place for every use: the tone-marked draft of a glossary entry (``draft_pinyin``), the
dictionary order of the glossary page (``syllable_key``), the toneless syllables of
bibliography keys and sort keys (``toneless``, ``name_pinyin``), and the readings that tell
injected pinyin from text (``readings``). pypinyin is wrong on a few words of these texts
(重构 is chóng gòu, the surname 曾 is Zēng): the overrides hold the reviewed readings, as
*phrases* (anywhere) and *surnames* (the first character of a Chinese personal name).

>>> draft_pinyin("全球南方")
'quán qiú nán fāng'
>>> toneless("重构", PinyinOverrides(phrases={"重构": "chóng gòu"}))
['chong', 'gou']
>>> name_pinyin("曾海军", PinyinOverrides(surnames={"曾": "Zēng"}))
['zeng', 'hai', 'jun']
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from .files import installed_version
from .fingerprint import KeptResults
from .vocabulary import TONE_OF_MARK

COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容",
                     "长孙", "宇文", "司徒", "夏侯", "令狐", "端木", "西门", "南宫")


@dataclass(frozen=True)
class PinyinOverrides:
    """The reviewed readings: ``phrases`` apply anywhere inside a term or title, longest
    first; ``surnames`` to the surname of a Chinese personal name. Readings are tone-marked,
    one syllable per space (``chóng gòu``)."""

    phrases: dict[str, str] = field(default_factory=dict)
    surnames: dict[str, str] = field(default_factory=dict)


NO_OVERRIDES = PinyinOverrides()


# --- pypinyin's answers, asked once --------------------------------------------------------

@lru_cache(maxsize=1)
def pypinyin():
    """pypinyin, imported when a question is first asked that no answer of ``ANSWERS`` holds:
    its import alone (a 2.5 MB phrase dictionary) is about 0.16 s of CPU, and a build after an
    edit, whose every reading the build cache holds, never pays it."""
    return importlib.import_module("pypinyin")


def _heteronyms(char: str) -> frozenset[str]:
    module = pypinyin()
    result = module.pinyin(char, heteronym=True, style=module.Style.TONE, errors=lambda _x: [[]])
    return frozenset(result[0]) if result and result[0] else frozenset()


def _tone_marked(run: str) -> tuple[str, ...]:
    module = pypinyin()
    return tuple(syllable[0] for syllable in module.pinyin(run, style=module.Style.TONE))


def _toneless(run: str) -> tuple[str, ...]:
    return tuple(pypinyin().lazy_pinyin(run))


#: The questions put to pypinyin, by kind: what each answers for a text.
QUESTIONS = {"heteronyms": _heteronyms, "tone-marked": _tone_marked, "toneless": _toneless}
#: pypinyin's answers by (kind, text): asked in this process, or kept by the build cache
#: (``remember``, ``answers_asked``) under ``pypinyin_version``.
ANSWERS = KeptResults()


def ask(kind: str, text: str):
    """pypinyin's answer of ``kind`` for ``text``, from ``ANSWERS`` when it is known."""
    return ANSWERS.get((kind, text), lambda: QUESTIONS[kind](text))


def remember(answers: dict | None) -> None:
    """Take answers kept from an earlier process (the build cache's)."""
    ANSWERS.take(answers)


def answered_anew() -> bool:
    """Whether pypinyin answered a question since the last call."""
    return ANSWERS.made_anew()


def answers_asked() -> dict[tuple[str, str], object]:
    """The answers to every question asked in this process."""
    return ANSWERS.asked()


def pypinyin_version() -> str:
    """What pypinyin's answers depend on (``files.installed_version``)."""
    return installed_version("pypinyin")


def readings(char: str) -> frozenset[str]:
    """The tone-marked readings pypinyin knows for ``char`` (empty for a non-Han character)."""
    return ask("heteronyms", char)


def without_tones(reading: str) -> str:
    """``chóng gòu`` → ``chong gou``, ``Zēng`` → ``zeng``, ``lǜ`` → ``lv`` (pypinyin's toneless style)."""
    decomposed = unicodedata.normalize("NFD", reading.lower())
    letters = "".join(c for c in decomposed if not unicodedata.combining(c) or c == "\u0308")
    return unicodedata.normalize("NFC", letters).replace("ü", "v")


def _split_by_phrases(text: str, phrases: dict[str, str]) -> list[tuple[str, str | None]]:
    """``text`` as runs for pypinyin and (phrase, reviewed reading) pairs, longest phrase first."""
    if not phrases:
        return [(text, None)] if text else []
    out: list[tuple[str, str | None]] = []
    last = 0
    for match in _phrase_pattern(tuple(phrases)).finditer(text):
        if match.start() > last:
            out.append((text[last:match.start()], None))
        out.append((match.group(), phrases[match.group()]))
        last = match.end()
    if last < len(text):
        out.append((text[last:], None))
    return out


@lru_cache(maxsize=8)
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """The phrases as one alternation, longest first: at each place the longest that matches."""
    return re.compile("|".join(map(re.escape, sorted(phrases, key=len, reverse=True))))


def draft_pinyin(term: str, overrides: PinyinOverrides = NO_OVERRIDES) -> str:
    """pypinyin's reading of ``term`` (phrase-aware, tone marks, one syllable per item) with
    the reviewed phrase overrides applied: a draft to review, and the reference the
    glossary's pinyin is tested against."""
    out: list[str] = []
    for run, reading in _split_by_phrases(term, overrides.phrases):
        if reading is not None:
            out.append(reading)
        else:
            out.extend(ask("tone-marked", run))
    return " ".join(out)


def pinyin_key(pinyin_text: str) -> str:
    """Pinyin without case, spaces, apostrophes, hyphens or punctuation, tone marks kept:
    ``Bùlǔsài'ěr xiàoyìng`` and ``bù lǔ sài ěr xiào yìng`` have one key."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFC", pinyin_text).lower())


def syllable_key(term: str, overrides: PinyinOverrides = NO_OVERRIDES) -> list[tuple[str, int]]:
    """The order of a Chinese dictionary (《现代汉语词典》): syllable by syllable, each by its
    letters (ü after u) and then its tone (1–4, neutral last), so 基辛格 jī < 机制 jī < 集体 jí
    < 技术 jì shù < 计算 jì suàn. 《》 and quotes are ignored."""
    bare = re.sub(r"[《》“”‘’「」]", "", term)
    syllables = []
    for syllable in draft_pinyin(bare, overrides).split():
        decomposed = unicodedata.normalize("NFD", syllable.lower())
        tone = next((TONE_OF_MARK[c] for c in decomposed if c in TONE_OF_MARK), 5)
        letters = "".join(c for c in decomposed if not unicodedata.combining(c) or c == "\u0308")
        syllables.append((unicodedata.normalize("NFC", letters).replace("ü", "v"), tone))
    return syllables


def toneless(text: str, overrides: PinyinOverrides = NO_OVERRIDES) -> list[str]:
    """Syllables of ``text`` without tones, lower case; the reviewed phrases override pypinyin."""
    out: list[str] = []
    for run, reading in _split_by_phrases(text, overrides.phrases):
        out += without_tones(reading).split() if reading is not None else list(ask("toneless", run))
    return [s.lower() for s in out if s.strip()]


def split_chinese_name(name: str) -> tuple[str, str]:
    """Surname and given name: ``薛澜`` → (薛, 澜); compound surnames stay whole (欧阳…)."""
    surname_length = 2 if name.startswith(COMPOUND_SURNAMES) else 1
    return name[:surname_length], name[surname_length:]


def name_pinyin(name: str, overrides: PinyinOverrides = NO_OVERRIDES) -> list[str]:
    """A Chinese personal name in toneless pinyin, the surname by the reviewed table first (曾 → zeng)."""
    surname, given = split_chinese_name(name)
    if surname in overrides.surnames:
        head = without_tones(overrides.surnames[surname]).split()
    else:
        head = toneless(surname, overrides)
    return head + toneless(given, overrides)
