"""Sources → the generated pages under docs/ and the BibTeX under bib/.

Everything is computed in memory first and written only when every text has been built,
so a failure leaves the previous output untouched. ``--check`` compares instead of writing.

Generated and committed (``generated_files``): ``docs/texts/``, the generated pages of
``docs/`` (index, principles, bibliography, glossary), ``docs/assets/bib/cite-<id>.bib``,
``bib/`` and ``docs/assets/search/``. Generated and git-ignored (``site_copies``): the copies of
``bib/`` that the site offers for download under ``docs/assets/bib/``.
"""

from __future__ import annotations

from pathlib import Path

from .cache import BuildCache, code_version, kept_key, matches_key, notes_key, text_key, yaml_key
from .cite.bibtex import BIBTEX_ENTRIES, bib_files
from .cite.resolve import build_bibliography, edition_titles
from .files import write_atomically
from .fingerprint import GENERATED_DIRS, KeptResults
from .gloss import build_glossary, glossed_texts
from .model import Document, Edition
from .pinyin import answered_anew, answers_asked, pypinyin_version, remember
from .pipeline import clean
from .segment import Segmenter, read_dictionary, words_of
from .site import TEXT_PAGES, render_site, site_copies
from .site.glossary import GLOSSARY_ORDER
from .site.search import FOUND_WORDS, T2S, search_scope
from .sources import Sources, load_sources
from .sources.texts import TextMeta
from .sources.yamlfile import keep_values, parsed_anew, values_read
from .steps.decode import decode_strict

def clean_text(meta: TextMeta, sources: Sources) -> Document:
    """One text of the corpus through the pipeline, once."""
    raw = decode_strict(meta.raw_path.read_bytes(), meta.raw_path)
    return clean(raw, meta.id, meta, sources, meta.raw_path)


def load_edition(root: Path, cache: BuildCache | None = None, dictionary=None) -> Edition:
    """Read the sources, clean every text once (or take its Document from ``cache`` when
    nothing it depends on changed), then cite and gloss them (the steps that look across
    the corpus). ``dictionary`` finds jieba's entries for sets of runs: by default one pass
    over its file (or, with a cache, its table for a few runs), or a
    ``segment.DictionaryIndex`` held by a process that builds again and again."""
    if cache:
        remember(cache.get("pinyin", pypinyin_version()))
        keep_values(cache.get("yaml", yaml_key()))
    sources = load_sources(root)
    text_keys = {meta.id: text_key(meta, sources) for meta in sources.texts} if cache else {}
    stored = [cache.get("text", text_keys[meta.id]) if cache else None for meta in sources.texts]
    documents = [entry["document"] if entry else clean_text(meta, sources) for meta, entry in zip(sources.texts, stored)]
    segmenter = Segmenter(cache.get("cuts", code_version()), known=cache.get("words", code_version())) if cache else Segmenter()
    for document in documents:
        segmenter.expect(glossed_texts(document))
    if cache:
        words = words_by_run(sources.texts, documents, stored, segmenter, cache, dictionary)
    else:
        words = corpus_words(sources.texts, documents, stored, segmenter, dictionary or read_dictionary, by_text=False)
    texts = [(meta.id, str(meta.raw_path), document) for meta, document in zip(sources.texts, documents)]
    bibliography = build_bibliography(texts, sources.works, edition_titles(sources.texts),
                                      cache.get("notes", notes_key(sources)) if cache else None)
    glossary = build_glossary(sources.glossary, sources.headings, documents, segmenter,
                              cache.get("matches", matches_key(sources)) if cache else None)
    kept = {name: cache.get(name, kept_key(name)) for name in KEPT} if cache else {}
    return Edition(root, sources, documents, bibliography, glossary, words=words,
                   kept={name: value for name, value in kept.items() if value is not None}, text_keys=text_keys)


#: What the writers leave in ``Edition.kept`` for a later build (``site.search``, ``site``, ``site.glossary``,
#: ``cite.bibtex``).
KEPT = (FOUND_WORDS, T2S, TEXT_PAGES, BIBTEX_ENTRIES, GLOSSARY_ORDER)


#: Characters of runs not seen before up to which a build with a cache looks them up in the
#: dictionary's table (about 2 µs a substring, up to 16 substrings a character) rather than
#: by a pass over ``dict.txt`` (0.1–0.15 s).
FEW_CHARACTERS = 2000


def words_by_run(metas: list[TextMeta], documents: list[Document], stored: list, segmenter: Segmenter,
                 cache: BuildCache, dictionary=None) -> dict:
    """The words of each text by id, as ``corpus_words`` gives them text by text, from the cache:
    a text kept, its words; another, the entries of its runs (``segment.RunEntries``), of which
    only the runs not seen before are looked up — after an edit, the edited paragraph's, in the
    dictionary's table (made the first time it is needed). The segmenter gets the entries of
    the runs it may cut when it first cuts one."""
    known = segmenter.known
    scopes = {meta.id: search_scope(meta, document)
              for meta, document, entry in zip(metas, documents, stored) if entry is None}
    missing = segmenter.missing()
    unseen = known.unknown(missing.union(*scopes.values()))
    if dictionary is None and unseen and sum(map(len, unseen)) <= FEW_CHARACTERS:
        database = cache.dictionary_database()
        if not database.exists():  # made once, when first needed (~0.7 s)
            database.make()
        dictionary = database.read
    known.learn(unseen, dictionary)
    if missing:
        edited = missing.intersection(set().union(*scopes.values()))
        segmenter.load_when_needed(lambda: (known.entries(edited), known.total, edited),  # the texts that changed
                                   lambda: (known.entries(missing), known.total, missing))
    return {meta.id: entry["words"] if entry else known.words(scopes[meta.id]) for meta, entry in zip(metas, stored)}


#: The name of the segmenter's scope in the one pass over jieba's dictionary (not a text id).
RUNS = "(runs to cut)"
#: The scope of every text's words at once, for a build that keeps no cache (not a text id).
EVERY_TEXT = "(every text)"


def corpus_words(metas: list[TextMeta], documents: list[Document], stored: list, segmenter: Segmenter,
                 dictionary=read_dictionary, by_text: bool = True) -> dict:
    """The words of jieba's entries for the texts (the search dictionary's), from the cache or
    from one pass over jieba's dictionary that also gives ``segmenter`` what it needs: by
    text id (what the cache keeps), or, without ``by_text``, all under ``EVERY_TEXT`` (one
    scope to look words up in instead of one per text).

    The segmenter gets every entry the pass found: those of the runs it will cut and of other
    runs, which change no cut (jieba looks up only substrings of the run it cuts, and a
    prefix of a word found in the run is in the dictionary with either); so a run to cut that
    is also a text's needs no scope of its own."""
    scopes = {meta.id: search_scope(meta, document)
              for meta, document, entry in zip(metas, documents, stored) if entry is None}
    if not by_text and scopes:
        scopes = {EVERY_TEXT: set().union(*scopes.values())}
    missing = segmenter.missing()
    outside_texts = missing.difference(*scopes.values())
    if outside_texts:
        scopes[RUNS] = outside_texts
    found: dict = {}
    if scopes:
        total, found = dictionary(scopes)
        if missing:
            segmenter.load([entry for entries in found.values() for entry in entries], total, missing)
        found.pop(RUNS, None)
    words = {name: words_of(entries) for name, entries in found.items()}
    if not by_text:
        return words
    return {meta.id: entry["words"] if entry else words[meta.id] for meta, entry in zip(metas, stored)}


def save_cache(edition: Edition, cache: BuildCache) -> None:
    """Keep each text's Document and words, the cuts of jieba (every one known: a build that
    takes the glossary's matches from the cache cuts only new runs), pypinyin's answers, the
    YAML read, the notes parsed, the glossary's matches and what the site's writers left; drop
    what no text of this build uses."""
    keys = set()
    for meta, document in edition.pairs():
        key = edition.text_keys.get(meta.id) or text_key(meta, edition.sources)
        keys.add(key)
        if cache.lacks("text", key):
            cache.put("text", key, {"document": document, "words": edition.words[meta.id]})
    cache.prune("text", keys)
    segmenter = edition.glossary.segmenter
    _keep(cache, "cuts", code_version(), segmenter.cuts, segmenter.fresh > 0)
    learned, segmenter.known.learned = segmenter.known.learned, 0
    _keep(cache, "words", code_version(), segmenter.known, learned > 0)
    _keep(cache, "notes", notes_key(edition.sources), edition.bibliography.parsed, edition.bibliography.fresh)
    _keep(cache, "matches", matches_key(edition.sources), edition.glossary.matches_asked(), edition.glossary.fresh)
    for name, value in edition.kept.items():
        made_anew = getattr(value, "made_anew", None)  # the t2s table, a plain dict, is made once
        _keep(cache, name, kept_key(name), value, made_anew() if made_anew else False)
    _keep(cache, "yaml", yaml_key(), values_read(), parsed_anew())
    _keep(cache, "pinyin", pypinyin_version(), answers_asked(), answered_anew())
    cache.prune("dictionary", {cache.dictionary_database().path.stem})


def _keep(cache: BuildCache, kind: str, key: str, value, changed) -> None:
    """Keep ``value`` under ``key`` when the build changed it or the cache lacks it, and drop the
    other keys of ``kind`` (kept under inputs that are no longer the build's)."""
    if changed or cache.lacks(kind, key):
        cache.put(kind, key, value)
    cache.prune(kind, {key})


def generated_files(edition: Edition) -> dict[str, str]:
    """Every committed generated file, by path relative to the root."""
    files = dict(render_site(edition))
    files.update(bib_files(edition.bibliography, [meta.id for meta in edition.metas],
                           edition.kept.setdefault(BIBTEX_ENTRIES, KeptResults()) if edition.text_keys else None))
    return files


def git_ignored_files(files: dict[str, str]) -> dict[str, str]:
    """The generated files that are not committed: the site's copies of ``bib/``."""
    return site_copies({path: content for path, content in files.items() if path.startswith("bib/")})


def stale_files(root: Path, files: dict[str, str]) -> list[str]:
    """Committed generated files that differ from what the build writes, and stray files in
    the generated folders."""
    stale = [path for path, content in files.items()
             if not (root / path).is_file() or (root / path).read_text(encoding="utf-8") != content]
    stale += [f"{path} (a stray: not written by the build)" for path in orphaned_files(root, {**files, **git_ignored_files(files)})]
    return sorted(stale)


def orphaned_files(root: Path, files: dict[str, str]) -> list[str]:
    """Files in the purely generated folders that the build does not write: files it no
    longer writes, and strays such as the ``.tmp-*`` of an interrupted write (hidden files too)."""
    found = []
    for folder in GENERATED_DIRS:
        for path in (root / folder).rglob("*"):
            relative = path.relative_to(root).as_posix()
            if path.is_file() and relative not in files:
                found.append(relative)
    return sorted(found)


def write_files(root: Path, files: dict[str, str]) -> list[str]:
    """Write what changed (the committed files and the git-ignored copies), each file
    atomically; remove stray files of the generated folders."""
    everything = {**files, **git_ignored_files(files)}
    written = write_changed(root, everything)
    for relative in orphaned_files(root, everything):
        (root / relative).unlink()
        written.append(f"{relative} (removed)")
    return written


def write_site_copies(root: Path) -> list[str]:
    """Write the git-ignored copies of the committed ``bib/`` files for the site (what a site
    build needs on a fresh clone, without running the pipeline)."""
    committed = {f"bib/{path.name}": path.read_text(encoding="utf-8") for path in sorted((root / "bib").glob("*.bib"))}
    return write_changed(root, git_ignored_files(committed))


def write_changed(root: Path, files: dict[str, str]) -> list[str]:
    """Write each file whose content differs, atomically; the paths written."""
    written = []
    for relative, content in sorted(files.items()):
        target = root / relative
        if target.is_file() and target.read_text(encoding="utf-8") == content:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, content)
        written.append(relative)
    return written


def write_bytes(root: Path, relative: str, data: bytes) -> None:
    """Write ``data`` unchanged (a raw file, byte for byte), atomically."""
    target = root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, data)
