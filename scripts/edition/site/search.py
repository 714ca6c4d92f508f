"""The index of the edition's own search (``docs/assets/search/index.json``), read by
``docs/assets/search.js`` on the search page (ADR 0006).

The index is built from the Documents, not from rendered pages, so no page marker, note
reference or gloss markup reaches it. It holds:

- ``pages``: ``[url, label]`` of every page a record points to (site-relative URLs);
- ``records``: ``[page, anchor, kind, text]`` — one per paragraph (``p-N``), heading
  (``h-N``), note (``fn:N``) and front-matter item (abstract, keywords: anchor ``""``), the
  text plain (markers, note references and Markdown emphasis removed);
- ``terms``: one record per glossary entry, ``[id, term, en, pinyin, toneless, variants,
  def_zh]`` (toneless pinyin without spaces: ``zhili``);
- ``words``: jieba's words (two characters or more) that occur in the edition, by which the
  engine splits a query that does not occur whole (人工智能治理 → 人工智能 + 治理);
- ``fold``: two strings of equal length, traditional characters and their simplified forms
  (OpenCC ``t2s``, one character at a time), limited to the simplified characters the
  records use, so that 數據 and 治理體系 are searched as 数据 and 治理体系.

The engine matches substrings of the folded text, which finds every jieba word and every
sub-word of it (数据 in 数据安全) and compounds that no dictionary holds (治理赤字) as
phrases. The file is UTF-8, one record to a line, with no escaped characters.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from ..markers import NOTE_REF, PAGE_MARK
from ..pinyin import toneless
from ..segment import read_dictionary, runs_of, words_in, words_of
from ..steps.convert import opencc
from ..vocabulary import HAN_RUN, is_han
from .glossary import text_label

INDEX_PATH = "docs/assets/search/index.json"
EMPHASIS = re.compile(r"(?<![\w*])\*{1,2}([^*\n]+?)\*{1,2}(?![\w*])")
SPACES = re.compile(r"\s+")
MAX_WORD = 8
#: The CJK Unified Ideographs and Extension A: the characters whose t2s form is looked up.
FOLDED_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF))


def plain(text: str) -> str:
    """Text as the reader sees it: no page markers, note references, emphasis marks or line breaks."""
    text = PAGE_MARK.sub("", text)
    text = NOTE_REF.sub("", text)
    text = EMPHASIS.sub(r"\1", text)
    return SPACES.sub(" ", text).strip()


def document_records(page: int, document) -> list[list]:
    """``[page, anchor, kind, text]`` for the front matter, every block and every note."""
    records = [[page, "", item.kind, plain(item.text)] for item in document.front
               if item.kind in ("abstract", "keywords")]
    for block in document.blocks:
        text = block.text
        if block.kind == "heading" and block.number and not text.startswith(block.number):
            text = block.number + text
        records.append([page, block.id, block.kind, plain(text)])
    records += [[page, f"fn:{note.n}", "note", plain(note.text)] for note in document.notes]
    return [r for r in records if r[3]]


def term_record(entry, overrides) -> list:
    return [entry.id, entry.term, entry.en, entry.pinyin, "".join(toneless(entry.term, overrides)),
            list(entry.variants), entry.def_zh]


def text_strings(meta, document) -> list[str]:
    """What the search indexes of one text: title, keywords, affiliations, blocks, notes, matter."""
    texts = [meta.title, *(k["zh"] for k in meta.keywords), *(a.affiliation or "" for a in meta.authors)]
    texts += [b.text for b in document.blocks] + [n.text for n in document.notes]
    texts += [m.text for m in document.front + document.end]
    return texts


def search_scope(meta, document) -> set[str]:
    """The runs of a text in which jieba's dictionary words are looked up (``segment``)."""
    return runs_of(text_strings(meta, document))


def text_words(edition) -> list[str]:
    """The words of jieba's entries for the texts: from the build (``edition.words``, from the
    one pass over jieba's dictionary shared with the segmenter) or looked up now."""
    if edition.words is not None:
        return [word for words in edition.words.values() for word in words]
    _total, found = read_dictionary({meta.id: search_scope(meta, document) for meta, document in edition.pairs()})
    return [entry.word for entries in found.values() for entry in entries]


@dataclass
class FoundWords:
    """The words ``present_words`` found in each text, for one set of words: kept by the build
    cache, so that a build after an edit scans only the texts it has not seen and looks in the
    others only for the words that came (a word that went is dropped)."""

    words: frozenset[str] = frozenset()
    by_text: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: whether the last call found anything it was not given (a cache keeps it again then)
    changed: bool = False

    def made_anew(self) -> bool:
        """Whether anything was found anew since the last call (as ``KeptResults.made_anew``)."""
        found, self.changed = self.changed, False
        return found

    def __getstate__(self) -> dict:
        """What the cache keeps: the words, and each text's, as one string a line to a word,
        which pickle writes and reads back four times faster than some 20,000 words in tuples."""
        return {"words": "\n".join(sorted(self.words)),
                "by_text": {text: "\n".join(words) for text, words in self.by_text.items()}}

    def __setstate__(self, state: dict) -> None:
        self.words = frozenset(state["words"].split("\n")) if state["words"] else frozenset()
        self.by_text = {text: tuple(words.split("\n")) if words else () for text, words in state["by_text"].items()}
        self.changed = False


#: The names under which the index's writer leaves what a later build may take (``Edition.kept``).
FOUND_WORDS, T2S = "search-words", "search-t2s"


def present_words(texts: list[str], candidates: Iterable[str] | None = None,
                  found: FoundWords | None = None) -> list[str]:
    """jieba's words of two to ``MAX_WORD`` Han characters that occur in ``texts``, sorted;
    looked up among ``candidates`` (the words of the build's entries) or in jieba's dictionary.
    ``found``: the words of each text an earlier call found, updated in place."""
    if candidates is None:
        _total, looked_up = read_dictionary({"texts": runs_of(texts)})
        candidates = words_of(looked_up["texts"])
    words = frozenset(word for word in candidates if 2 <= len(word) <= MAX_WORD)
    kept = found or FoundWords()
    gone = kept.words - words
    came = [word for word in words - kept.words if HAN_RUN.fullmatch(word)]  # only Han words are found
    unseen = [text for text in dict.fromkeys(texts) if text not in kept.by_text]
    scan = word_scanner(words, sum(map(len, unseen))) if unseen else None
    by_text: dict[str, tuple[str, ...]] = {}
    for text in texts:
        if text in by_text:
            continue
        earlier = kept.by_text.get(text)
        if earlier is not None and not (gone or came):
            by_text[text] = earlier  # the same words, so the same hits
            continue
        if earlier is not None:
            hits = set(earlier).difference(gone).union(word for word in came if word in text)
        else:
            hits = scan(text)
        by_text[text] = tuple(sorted(hits))
    if found is not None:
        found.changed = found.changed or bool(scan or came or gone) or by_text.keys() != kept.by_text.keys()
        found.words, found.by_text = words, by_text
    return sorted(set().union(*by_text.values()))


#: Characters of text to scan up to which ``word_scanner`` looks up every stretch rather than
#: make the set of the words' prefixes (about 60,000 strings, 6 ms: the time of some 12,000
#: characters' look-ups).
FEW_CHARACTERS_TO_SCAN = 5000


def word_scanner(words: frozenset[str], characters: int | None = None):
    """A function that gives the ``words`` occurring in a text (inside its Han runs), for texts
    of ``characters`` in all: by the words' prefixes, which end a look from a place early, or,
    for a few (the paragraph of an edit), by every stretch of two to ``MAX_WORD`` characters."""
    if characters is not None and characters <= FEW_CHARACTERS_TO_SCAN:
        def scan_stretches(text: str) -> set[str]:
            return {run[start:end] for run in HAN_RUN.findall(text) for start in range(len(run))
                    for end in range(start + 2, min(len(run), start + MAX_WORD) + 1) if run[start:end] in words}

        return scan_stretches
    prefixes = {word[:end] for word in words for end in range(2, len(word) + 1)}

    def scan(text: str) -> set[str]:
        return {word for run in HAN_RUN.findall(text) for word in words_in(run, words, prefixes, 2, MAX_WORD)}

    return scan


@lru_cache(maxsize=1)
def _t2s_table() -> dict[str, str]:
    """Every CJK ideograph that OpenCC's t2s turns into another single character."""
    chars = [chr(c) for low, high in FOLDED_RANGES for c in range(low, high + 1)]
    converted = opencc().OpenCC("t2s").convert("\n".join(chars)).split("\n")
    return {t: s for t, s in zip(chars, converted) if s != t and len(s) == 1}


def fold_table(texts: list[str], table: dict[str, str] | None = None) -> tuple[str, str]:
    """(traditional, simplified) characters of the t2s table (``table``, as an earlier build
    kept it, or OpenCC's) whose simplified form occurs in ``texts``."""
    used = {char for char in set("".join(texts)) if is_han(char)}  # each character looked at once
    pairs = sorted((t, s) for t, s in (table or _t2s_table()).items() if s in used)
    return "".join(t for t, _ in pairs), "".join(s for _, s in pairs)


def search_index(edition) -> dict:
    """The index as data (see the module's docstring)."""
    pages, records = [], []
    for meta, document in edition.pairs():
        pages.append([f"texts/{meta.id}/", text_label(meta)])
        records += document_records(len(pages) - 1, document)
    pages.append(["glossary/", "术语表 Glossary"])
    overrides = edition.sources.pinyin
    terms = [term_record(entry, overrides) for entry in edition.glossary.entries]
    texts = [r[3] for r in records] + [t for term in terms for t in (term[1], *term[5], term[6])]
    found = edition.kept.setdefault(FOUND_WORDS, FoundWords())
    if T2S not in edition.kept:
        edition.kept[T2S] = _t2s_table()
    return {"version": 1, "pages": pages, "records": records, "terms": terms,
            "words": "|".join(present_words(texts, text_words(edition), found)),
            "fold": list(fold_table(texts, edition.kept[T2S]))}


def index_json(index: dict) -> str:
    """The index as UTF-8 JSON, one record to a line (readable diffs, nothing escaped)."""
    def dump(value) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    lines = ["{" + f'"version":{index["version"]},"pages":{dump(index["pages"])},']
    for key in ("records", "terms"):
        lines.append(f'"{key}":[')
        lines += [dump(item) + "," for item in index[key][:-1]] + [dump(index[key][-1]) if index[key] else ""]
        lines.append("],")
    lines.append(f'"words":{dump(index["words"])},')
    lines.append(f'"fold":{dump(index["fold"])}' + "}")
    return "\n".join(lines) + "\n"
