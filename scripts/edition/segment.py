"""Chinese word segmentation with jieba: each run of text cut once, with only the part of
jieba's dictionary that the texts need.

jieba cuts a text run by run (a run is what ``jieba.re_han_default`` matches: Han
characters, Latin letters, digits), each run on its own, and looks up only substrings of
the run in its dictionary. So the words of jieba's ``dict.txt`` that occur in the runs (with
their prefixes, as jieba's own prefix dictionary holds them) and the total count of the
whole dictionary give exactly jieba's tokens — a few thousand entries instead of 349,046,
read in one pass over ``dict.txt`` instead of jieba's 75 MiB load.

The same pass gives the site's search dictionary its lines (``site/search.py``): one read
of ``dict.txt`` per build, and none when every run's cut is already known (the build cache).
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
import sqlite3
import sys
from collections.abc import Callable, Container, Iterable, Iterator, Mapping
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, compress, islice
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import jieba


def import_jieba():
    """jieba, imported when a run is first cut, and without setuptools' ``pkg_resources``:
    jieba's ``_compat`` imports it only to open its dictionary files and opens them by path when
    the import fails, and ``pkg_resources`` scans every installed distribution as it loads — two
    thirds of the CPU time of importing jieba, about 0.1 s. (jieba's own import, its HMM's tables
    among it, is 15 ms more, which a build after an edit that cuts no new run does without.)"""
    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes its import fail
    try:
        import jieba
    finally:
        if blocked:
            del sys.modules["pkg_resources"]
    return jieba


#: jieba's dictionary, found without importing jieba.
JIEBA_DICT = Path(importlib.util.find_spec("jieba").origin).with_name("dict.txt")
#: jieba's runs and the spaces between them, as jieba cuts a text (``jieba.re_han_default``,
#: ``jieba.re_skip_default``; written here so that splitting a text imports no jieba, and held
#: equal to jieba's by a test).
RUN = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)", re.U)
SKIP = re.compile("(\r\n|\\s)", re.U)
#: A word of up to this many characters is looked up in a set of the runs' substrings;
#: a longer one is searched for in the runs themselves (few pass the first filter).
GRAM = 4


@dataclass
class Scope:
    """The substrings of some runs that a dictionary word can be looked up in."""

    runs: set[str]
    grams: set[str] = field(default_factory=set)
    joined: str = ""

    def __post_init__(self):
        for run in self.runs:
            n = len(run)
            for length in range(1, min(n, GRAM) + 1):  # map and slice: no Python loop per substring
                self.grams.update(map(run.__getitem__, map(slice, range(n - length + 1), range(length, n + 1))))
        self.joined = "\n".join(sorted(self.runs))

    def has(self, word: str) -> bool:
        if len(word) <= GRAM:
            return word in self.grams
        return word[:GRAM] in self.grams and word[-GRAM:] in self.grams and word in self.joined


class Entry(NamedTuple):
    """A line of jieba's dictionary: its place in the file, the word, its count, the line. (A
    named tuple: the build cache keeps thousands, and a tuple is read back three times faster
    than a dataclass.)"""

    index: int
    word: str
    count: int
    line: str


def words_of(entries: Iterable[Entry]) -> tuple[str, ...]:
    """The words of ``entries``, in their order: what the search dictionary and the build cache
    keep of a text's entries (plain strings, read back five times faster than the entries)."""
    return tuple(entry.word for entry in entries)


def runs_of(texts: Iterable[str]) -> set[str]:
    """The runs jieba cuts one by one in ``texts``."""
    return {run for text in texts for run in RUN.findall(text)}


def read_dictionary(scopes: Mapping[str, set[str]], path: Path = JIEBA_DICT) -> tuple[int, dict[str, list[Entry]]]:
    """One pass over jieba's dictionary: the total of its counts, and for each scope (a set
    of runs, by name) the entries whose word occurs in one of its runs, in file order."""
    dictionary = dictionary_file(path)
    prepared = {name: Scope(runs) for name, runs in scopes.items()}
    first = set().union(*(scope.grams for scope in prepared.values())) if prepared else set()
    found: dict[str, list[Entry]] = {name: [] for name in prepared}
    total = 0
    start = 0
    for chunk in dictionary.chunks():
        count, offsets = _sift(chunk, first)
        total += count
        for offset in offsets:
            _add_entry(chunk[offset], start + offset, prepared, found)
        start += len(chunk)
    if dictionary.known_total is None:
        dictionary.known_total = total
    return dictionary.known_total, found


def _add_entry(line: str, index: int, prepared: Mapping[str, Scope], found: dict[str, list[Entry]]) -> None:
    """Put the entry of ``line`` (a candidate) in each scope that holds its word."""
    word, number = line.split(" ", 2)[:2]
    for name, scope in prepared.items():
        if scope.has(word):
            found[name].append(Entry(index, word, int(number), line))


def read_few(runs: set[str], path: Path = JIEBA_DICT) -> tuple[int, list[Entry]]:
    """What ``read_dictionary({"runs": runs})`` gives for ``runs``, for a few short runs (the
    layout's and the lacunae's questions): the lines are found by one regular-expression scan of
    the dictionary held in memory for the lines that begin with a character of the runs, not by
    a pass that splits every line; the dictionary's text and total are then the build's own
    pass's, so a cold build reads and sums ``dict.txt`` once."""
    dictionary = dictionary_file(path)
    scope = Scope(runs)
    found: dict[str, list[Entry]] = {"runs": []}
    index, position = 0, 0
    for match in dictionary.lines_beginning_with({gram[0] for gram in scope.grams}):
        index += dictionary.text.count("\n", position, match.start())
        position = match.start()
        fields = match.group().split()
        if len(fields) >= 2 and fields[0][:GRAM] in scope.grams:
            _add_entry(match.group(), index, {"runs": scope}, found)
    return dictionary.total(), found["runs"]


#: A line of ``dict.txt`` with its three fields (its count captured).
WELL_FORMED_LINE = re.compile(r"^\S+ (\d+) \S+$", re.MULTILINE)


class DictionaryFile:
    """jieba's ``dict.txt`` as read once in a process (3 M characters), and the total of its
    counts once it is known: the passes of a build and the layout's few lookups share them."""

    def __init__(self, path: Path):
        self.text = path.read_text(encoding="utf-8")
        self.known_total: int | None = None

    def chunks(self) -> Iterator[list[str]]:
        """Its lines (without their line ends), about ``CHUNK`` characters at a time."""
        start, end = 0, len(self.text)
        while start < end:
            stop = self.text.find("\n", start + CHUNK)
            stop = end if stop < 0 else stop
            yield self.text[start:stop].split("\n")
            start = stop + 1

    def total(self) -> int:
        if self.known_total is None:
            counts = WELL_FORMED_LINE.findall(self.text)
            lines = self.text.count("\n") + (not self.text.endswith("\n"))
            if len(counts) == lines:  # every line is ``word count tag``: what the chunks would sum
                self.known_total = sum(map(int, counts))
            else:
                self.known_total = sum(map(_chunk_total, self.chunks()))
        return self.known_total

    def lines_beginning_with(self, characters: set[str]) -> Iterator[re.Match[str]]:
        """The lines whose first character is one of ``characters``, in file order."""
        if not characters:
            return iter(())
        pattern = "^[" + "".join(map(re.escape, sorted(characters))) + "][^\n]*"
        return re.finditer(pattern, self.text, re.MULTILINE)


@lru_cache(maxsize=2)
def _dictionary_file(path: Path, size: int, mtime_ns: int) -> DictionaryFile:
    return DictionaryFile(path)


def dictionary_file(path: Path = JIEBA_DICT) -> DictionaryFile:
    """The process's copy of the dictionary at ``path`` (read again if the file changed)."""
    stat = path.stat()
    return _dictionary_file(path, stat.st_size, stat.st_mtime_ns)


#: Characters of ``dict.txt`` looked at at a time (64 KiB: larger chunks raise the build's peak
#: memory by up to 25 MiB for no gain in time); its lines are sifted a chunk at a time by C-level
#: operations (split, slices, set lookups); only the candidates are looked at one by one.
CHUNK = 1 << 16


def _chunk_total(lines: list[str]) -> int:
    """The total count of ``lines`` (jieba's ``word count tag`` lines)."""
    return _sift(lines, set())[0]


def _sift(lines: list[str], first: set[str]) -> tuple[int, Iterable[int]]:
    """The total count of ``lines`` (jieba's ``word count tag`` lines) and the offsets of those
    whose word begins with one of ``first`` (a word of up to ``GRAM`` characters is then whole),
    from one split of the chunk."""
    fields = "\n".join(lines).split()
    if len(fields) != 3 * len(lines):  # a line without its tag: the slow way, line by line
        parts = [line.split() for line in lines]
        return (sum(int(p[1]) for p in parts if len(p) >= 2),
                [i for i, p in enumerate(parts) if len(p) >= 2 and p[0][:GRAM] in first])
    words = fields[0::3]
    wanted = map(first.__contains__, map(itemgetter(slice(0, GRAM)), words))
    return sum(map(int, fields[1::3])), list(compress(range(len(words)), wanted))


class DictionaryIndex:
    """All of jieba's dictionary in memory, for a process that builds again and again (``edition
    watch``): ``read`` gives what ``read_dictionary`` gives by looking up the runs' substrings,
    without a pass over the file. About 60 MiB; ``edition build`` itself never holds it."""

    def __init__(self, path: Path = JIEBA_DICT):
        self.words: dict[str, tuple[int, int, str]] = {}
        self.total = 0
        tags: dict[str, str] = {}
        with path.open(encoding="utf-8") as stream:
            for index, line in enumerate(stream):
                parts = line.rstrip("\n").split(" ", 2)
                if len(parts) < 2:
                    continue
                count = int(parts[1])
                self.total += count
                tag = tags.setdefault(parts[2], parts[2]) if len(parts) > 2 else None
                self.words[parts[0]] = (index, count, tag)
        self.longest = max(map(len, self.words), default=0)

    def entries(self, runs: set[str]) -> list[Entry]:
        """The entries whose word occurs in one of ``runs``, in file order."""
        found: dict[str, tuple[int, int, str]] = {}
        for run in runs:
            n = len(run)
            for start in range(n):
                for end in range(start + 1, min(n, start + self.longest) + 1):
                    word = run[start:end]
                    value = self.words.get(word)
                    if value is not None:
                        found[word] = value
        return [Entry(index, word, count, f"{word} {count} {tag}" if tag is not None else f"{word} {count}")
                for word, (index, count, tag) in sorted(found.items(), key=lambda item: item[1][0])]

    def read(self, scopes: Mapping[str, set[str]]) -> tuple[int, dict[str, list[Entry]]]:
        """What ``read_dictionary(scopes)`` returns."""
        return self.total, {name: self.entries(runs) for name, runs in scopes.items()}


def dictionary_version(path: Path = JIEBA_DICT) -> str:
    """What the entries of jieba's dictionary depend on: its file (path, size, time)."""
    stat = path.stat()
    return hashlib.sha256(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}".encode()).hexdigest()


def words_in(run: str, words: Container[str], prefixes: Container[str], shortest: int = 1,
             longest: int | None = None) -> Iterator[str]:
    """Each stretch of ``run`` that is one of ``words`` (``shortest`` to ``longest`` characters):
    ``prefixes`` holds every prefix of a word of at least ``shortest`` characters, and a stretch
    that begins no word ends the look from its start."""
    for start in range(len(run)):
        stop = len(run) if longest is None else min(len(run), start + longest)
        for end in range(start + shortest, stop + 1):
            piece = run[start:end]
            if piece not in prefixes:
                break
            if piece in words:
                yield piece


def entries_in_runs(runs: Iterable[str], entries: Iterable[Entry]) -> dict[str, tuple[Entry, ...]]:
    """Each run's entries among ``entries`` (those whose word occurs in it), in file order."""
    by_word: dict[str, list[Entry]] = {}
    for entry in entries:
        by_word.setdefault(entry.word, []).append(entry)
    prefixes = {word[:end] for word in by_word for end in range(1, len(word) + 1)}
    found = {}
    for run in runs:
        hits = {entry for word in words_in(run, by_word, prefixes) for entry in by_word[word]}
        found[run] = tuple(sorted(hits, key=attrgetter("index")))
    return found


@dataclass
class RunEntries:
    """jieba's entries by run of text, and the dictionary's total: what a scope's look-up finds
    is the union of its runs' entries. The build cache keeps it, so that a build after an edit
    looks up only the runs it has not seen (the edited paragraph's), not every run of the text."""

    total: int | None = None
    #: each run's entries, by their place in the dictionary (plain numbers: quick to keep and read)
    runs: dict[str, tuple[int, ...]] = field(default_factory=dict)
    #: the fields of each entry by its place: word, count, line
    lines: dict[int, tuple[str, int, str]] = field(default_factory=dict)
    #: runs looked up since it was made or kept (a cache keeps it again when there are any)
    learned: int = 0

    def unknown(self, runs: Iterable[str]) -> set[str]:
        return {run for run in runs if run not in self.runs}

    def learn(self, runs: set[str], lookup: Callable | None = None) -> None:
        """Look ``runs`` up (``lookup`` is ``read_dictionary`` or what gives the same) and keep
        each run's entries."""
        if not runs:
            return
        self.total, found = (lookup or read_dictionary)({"runs": runs})
        for run, entries in entries_in_runs(runs, found["runs"]).items():
            self.runs[run] = tuple(entry.index for entry in entries)
            self.lines.update((entry.index, (entry.word, entry.count, entry.line)) for entry in entries)
        self.learned += len(runs)

    def entries(self, runs: Iterable[str]) -> list[Entry]:
        """The entries of ``runs`` (each known), in file order: what ``read_dictionary`` finds for them."""
        indices = sorted(set().union(*(self.runs[run] for run in runs)))
        return [Entry(index, *self.lines[index]) for index in indices]

    def words(self, runs: Iterable[str]) -> tuple[str, ...]:
        """The words of the entries of ``runs`` (each known), in file order (``words_of`` their entries)."""
        lines = self.lines
        return tuple(lines[index][0] for index in sorted(set().union(*(self.runs[run] for run in runs))))


class DictionaryDatabase:
    """jieba's dictionary as an SQLite table of its entries, a derived file (``cache.py`` keeps it
    under ``.cache/edition/``; made from ``dict.txt`` once, in about 0.7 s). A few runs are looked
    up by their substrings, about 2 µs each, instead of by a pass over ``dict.txt`` (0.1–0.15 s):
    ``read`` gives what ``read_dictionary`` gives."""

    #: Substrings asked for in one query (under SQLite's limit on a statement's parameters).
    BATCH = 900

    def __init__(self, path: Path):
        self.path = path

    def exists(self) -> bool:
        return self.path.is_file()

    def make(self, source: Path = JIEBA_DICT) -> None:
        """Write the table of ``source``'s entries (the lines a pass can find: a word and a count)
        with the total and the longest word; atomically, as the cache writes."""
        dictionary = dictionary_file(source)
        rows = []
        for index, line in enumerate(dictionary.text.split("\n")):
            parts = line.split(" ", 2)
            if len(parts) >= 2 and parts[0] and parts[1].isdigit() and len(line.split()) >= 2:
                rows.append((parts[0], index, int(parts[1]), line))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(f".tmp-{self.path.name}")
        partial.unlink(missing_ok=True)
        try:
            with sqlite3.connect(partial) as connection:
                connection.execute("PRAGMA journal_mode = OFF")
                connection.execute("CREATE TABLE entry (word TEXT, line_index INTEGER, count INTEGER, line TEXT, "
                                   "PRIMARY KEY (word, line_index)) WITHOUT ROWID")
                connection.execute("CREATE TABLE fact (name TEXT PRIMARY KEY, value INTEGER)")
                connection.executemany("INSERT INTO entry VALUES (?, ?, ?, ?)", sorted(rows))
                connection.executemany("INSERT INTO fact VALUES (?, ?)", [
                    ("total", dictionary.total()), ("longest", max((len(row[0]) for row in rows), default=0))])
            connection.close()
            partial.replace(self.path)
        finally:
            partial.unlink(missing_ok=True)

    def read(self, scopes: Mapping[str, set[str]]) -> tuple[int, dict[str, list[Entry]]]:
        """What ``read_dictionary(scopes)`` returns, from the table."""
        connection = sqlite3.connect(f"{self.path.as_uri()}?mode=ro", uri=True)
        try:
            facts = dict(connection.execute("SELECT name, value FROM fact"))
            pieces = sorted({run[start:end] for runs in scopes.values() for run in runs for start in range(len(run))
                             for end in range(start + 1, min(len(run), start + facts["longest"]) + 1)})
            entries = []
            iterator = iter(pieces)
            while batch := list(islice(iterator, self.BATCH)):
                query = f"SELECT line_index, word, count, line FROM entry WHERE word IN ({','.join('?' * len(batch))})"
                entries += [Entry(*row) for row in connection.execute(query, batch)]
        finally:
            connection.close()
        found = {}
        for name, runs in scopes.items():
            by_run = entries_in_runs(runs, entries)
            found[name] = sorted({entry for run in runs for entry in by_run[run]}, key=attrgetter("index"))
        return facts["total"], found


def tokenizer_for(entries: Iterable[Entry], total: int) -> jieba.Tokenizer:
    """A jieba tokenizer whose dictionary holds ``entries`` and their prefixes, as
    ``jieba.Tokenizer.gen_pfdict`` would, with the full dictionary's total count."""
    frequencies: dict[str, int] = {}
    for entry in entries:
        frequencies[entry.word] = entry.count
        for end in range(1, len(entry.word)):
            frequencies.setdefault(entry.word[:end], 0)
    tokenizer = import_jieba().Tokenizer()
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = frequencies, total, True
    return tokenizer


class Segmenter:
    """jieba's tokens of any text, each run cut once (``cuts``: run → lengths of its words).

    ``expect`` names texts that will be asked for, so that one pass over the dictionary
    serves them all; a run outside what was expected loads the dictionary again for it."""

    def __init__(self, cuts: Mapping[str, tuple[int, ...]] | None = None, path: Path = JIEBA_DICT,
                 known: RunEntries | None = None):
        self.cuts: dict[str, tuple[int, ...]] = dict(cuts or {})
        #: jieba's entries by run, as far as a build with a cache has looked them up
        self.known = known or RunEntries()
        #: runs cut here, not taken from ``cuts`` (a cache keeps the cuts again when there are any)
        self.fresh = 0
        self.pending: set[str] = set()
        self.path = path
        self.scope: set[str] = set()
        self.scope_text = ""
        self.tokenizer: jieba.Tokenizer | None = None
        #: what gives the entries to ``load`` when a run is first cut (``load_when_needed``)
        self.deferred: list[Callable[[], tuple[Iterable[Entry], int, set[str]]]] = []

    def expect(self, texts: Iterable[str]) -> None:
        self.pending |= {run for run in runs_of(texts) if run not in self.cuts}

    def missing(self) -> set[str]:
        """The expected runs whose cut is not known yet."""
        return {run for run in self.pending if run not in self.cuts}

    def load(self, entries: Iterable[Entry], total: int, scope: set[str]) -> None:
        """Use ``entries`` (jieba's entries for the runs of ``scope``) to cut those runs."""
        self.tokenizer, self.scope = tokenizer_for(entries, total), set(scope)
        self.scope_text = "\n".join(sorted(self.scope))

    def load_when_needed(self, *scopes: Callable[[], tuple[Iterable[Entry], int, set[str]]]) -> None:
        """``load`` the first of ``scopes`` when a run is first cut, the next when a run it does
        not cover is cut, and so on: the glossary cuts only the runs where a term begins or ends,
        and a build after an edit, which knows their cuts, cuts few runs, those of the edited
        text, or none (a tokenizer of every expected run's entries, 3,500 runs, costs 10 ms)."""
        self.deferred = list(scopes)

    def covers(self, run: str) -> bool:
        """The loaded entries cut ``run`` as jieba would: it is one of the runs they were read
        for, or a part of one (a run the page writer splits at a moved page marker or an
        emendation's mark) — every dictionary word in a part occurs in the whole run, and so
        does every prefix jieba's scan needs."""
        return self.tokenizer is not None and (run in self.scope or run in self.scope_text)

    def cut(self, run: str) -> tuple[int, ...]:
        """The lengths of jieba's words in one run."""
        known = self.cuts.get(run)
        if known is not None:
            return known
        while not self.covers(run) and self.deferred:
            self.load(*self.deferred.pop(0)())
        if not self.covers(run):
            scope = self.missing() | {run}
            total, found = read_dictionary({"runs": scope}, self.path)
            self.load(found["runs"], total, scope)
        lengths = tuple(len(word) for word in self.tokenizer.cut(run))
        self.cuts[run] = lengths
        self.fresh += 1
        return lengths

    def tokens(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of each token ``jieba.tokenize(text)`` gives, in order."""
        found, position = [], 0
        for piece in RUN.split(text):
            if not piece:
                continue
            if RUN.fullmatch(piece):
                lengths = self.cut(piece)
            else:
                lengths = [len(x) if SKIP.fullmatch(x) else 1 for x in _skip_pieces(piece)]
            for length in lengths:
                found.append((position, position + length))
                position += length
        return found

    def edges(self, text: str) -> "WordEdges":
        """Where jieba puts a word boundary in ``text`` (the edges of its ``tokens``), as a question
        (``i in edges``) that cuts only the runs asked about."""
        return WordEdges(self, text)


class WordEdges:
    """Whether jieba puts a word boundary at an offset of ``text`` (an edge of one of its
    ``Segmenter.tokens``, or an end of the text), cutting a run only when an offset inside it
    is asked about: the glossary asks only where a term begins or ends, in a few of a text's runs.

    jieba cuts each run (``RUN``) on its own; between runs every character is a token of its own
    but for ``\r\n``, one token. So an offset is a boundary unless it falls inside a run, where
    the run's cut decides, or between ``\r`` and ``\n``."""

    def __init__(self, segmenter: Segmenter, text: str):
        self.segmenter, self.text = segmenter, text
        self.runs = [match.span() for match in RUN.finditer(text)]
        self.starts = [start for start, _end in self.runs]
        self.cut: dict[int, set[int]] = {}

    def __contains__(self, offset: int) -> bool:
        if offset <= 0 or offset >= len(self.text):
            return True
        k = bisect_right(self.starts, offset) - 1
        if k >= 0 and self.runs[k][0] < offset < self.runs[k][1]:
            return offset in self._edges_of_run(k)
        return self.text[offset - 1:offset + 1] != "\r\n"

    def _edges_of_run(self, k: int) -> set[int]:
        edges = self.cut.get(k)
        if edges is None:
            start, end = self.runs[k]
            edges = self.cut[k] = set(accumulate(self.segmenter.cut(self.text[start:end]), initial=start))
        return edges


def _skip_pieces(piece: str) -> list[str]:
    """A piece between runs as jieba yields it: each whitespace unit whole, every other
    character alone."""
    out = []
    for part in SKIP.split(piece):
        if not part:
            continue
        out += [part] if SKIP.fullmatch(part) else list(part)
    return out

