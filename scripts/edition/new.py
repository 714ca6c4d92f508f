"""``edition new ID FILE``: a new text added to the edition.

The raw file is copied byte for byte to ``sources/raw/<id>.txt``; its metadata skeleton
``sources/texts/<id>.yaml`` records its sha256 and what the pipeline detected (script, kind,
notes style, page count, title, byline), every detected or placeholder value marked for
review; ``texts/<id>.md`` (and ``texts/<id>-traditional.md`` for a text in traditional
characters) is added to the ``nav`` of ``mkdocs.yml``. Nothing is invented: a
field the text does not give is a placeholder that says so, for the editor to fill in.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import EditionError
from .model import Document
from .pinyin import name_pinyin
from .pipeline import clean
from .sources import load_sources
from .steps.convert import script_shares
from .steps.decode import decode_strict
from .vocabulary import CIRCLED

ID = re.compile(r"^[a-z]+(?:-[a-z]+)*$")
#: The rules whose changes show a scraped web page.
WEB_RULES = {"remove_spam_lines", "remove_site_navigation", "remove_site_footer", "remove_injected_pinyin",
             "fix_gbk_pinyin_mojibake", "fix_utf8_read_as_gbk", "remove_obfuscated_email"}
PLACEHOLDER = "REVIEW"
_NAV_ENTRY = re.compile(r"^(?P<indent>[ \t]*)- texts/[a-z-]+\.md[ \t]*$", re.MULTILINE)


@dataclass
class NewText:
    """What ``edition new`` writes, computed before anything is written."""

    text_id: str
    raw: bytes
    metadata: str
    mkdocs: str
    document: Document
    detected: dict[str, object] = field(default_factory=dict)


def prepare(root: Path, text_id: str, path: Path) -> NewText:
    """Everything ``edition new`` writes, or an ``EditionError`` naming what is wrong."""
    if not ID.match(text_id):
        raise EditionError(text_id, "an id is the authors' surnames in pinyin, lower case, hyphenated (liang-song)")
    for taken in (root / "sources" / "texts" / f"{text_id}.yaml", root / "sources" / "raw" / f"{text_id}.txt"):
        if taken.exists():
            raise EditionError(taken, f"the id {text_id!r} is taken")
    if not path.is_file():
        raise EditionError(path, "no such file")
    data = path.read_bytes()
    raw = decode_strict(data, path)
    sources = load_sources(root)
    digest = hashlib.sha256(data).hexdigest()
    same = next((meta.id for meta in sources.texts if meta.sha256 == digest), None)
    if same:
        raise EditionError(path, f"this file is already in the edition, as {same!r}")
    document = clean(raw, text_id, None, sources, path)
    detected = detect(document, raw)
    metadata = skeleton(text_id, path.name, digest, detected)
    pages = [text_id] + ([f"{text_id}-traditional"] if document.script == "traditional" else [])
    mkdocs = with_nav_entry(root / "mkdocs.yml", pages)
    return NewText(text_id, data, metadata, mkdocs, document, detected)


def detect(document: Document, raw: str) -> dict[str, object]:
    """What the pipeline found: script (with the OpenCC shares), kind, notes style, pages,
    title and byline."""
    to_simplified, to_traditional, han = script_shares(raw)
    rules = {change.rule for change in document.changes}
    labels = {note.label or "" for note in document.notes}
    if any(label.startswith("[") for label in labels):
        notes = "numbered [n], per page" if document.notes else "none"
    elif labels & set(CIRCLED):
        notes = "circled ①, per page"
    else:
        notes = "none" if not document.notes else "other"
    pages = {1}
    for block in document.blocks:
        pages.update(block.pages)
        if block.page:
            pages.add(block.page)
    if document.notes:
        kind = "journal-article"
    elif rules & WEB_RULES:
        kind = "news-commentary"
    else:
        kind = "newspaper-commentary"
    byline = next((m.text for m in document.front if m.kind in ("byline", "authors")), "")
    names = [n for n in re.split(r"[\s、，,□■]+", byline) if n] if byline else []
    if names and all(len(n) == 1 for n in names):  # 李 艳: one name spaced out
        names = ["".join(names)]
    return {"script": document.script, "share_traditional": to_simplified, "share_simplified": to_traditional,
            "han": han, "kind": kind, "notes": notes, "note_count": len(document.notes), "pages": max(pages),
            "title": document.title, "byline": byline, "authors": names, "web": sorted(rules & WEB_RULES)}


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def skeleton(text_id: str, filename: str, digest: str, detected: dict) -> str:
    """The metadata file, every value the editor must check marked ``REVIEW``."""
    authors = detected["authors"] or [PLACEHOLDER]
    lines = [
        f"# Written by `edition new` from {filename}. Review every field marked {PLACEHOLDER}, then",
        "# delete this comment. Detected by the pipeline:",
        f"#   script: {detected['script']} ({detected['share_traditional']:.1%} of {detected['han']} Han characters "
        f"traditional forms, {detected['share_simplified']:.1%} simplified forms)",
        f"#   kind: {detected['kind']}; notes: {detected['notes']} ({detected['note_count']}); pages: {detected['pages']}",
        f"#   web damage repaired by: {', '.join(detected['web']) or 'none'}",
        f"id: {text_id}",
        f"raw: {text_id}.txt",
        f"original_filename: {_quoted(filename)}",
        f"sha256: {digest}",
        f"script: {detected['script']}",
        f"kind: {detected['kind']}",
        f"title: {_quoted(detected['title'])}",
        f"title_en: {_quoted(PLACEHOLDER + ': the title in English')}",
        "authors:",
    ]
    for name in authors:
        reading = " ".join(s.capitalize() for s in name_pinyin(name)) if name != PLACEHOLDER else PLACEHOLDER
        if name != PLACEHOLDER and len(reading.split()) > 1:
            parts = reading.split()
            reading = parts[0] + " " + "".join(parts[1:]).capitalize()
        lines += [f"  - name: {_quoted(name)}", f"    pinyin: {_quoted(reading)}"]
    lines += [
        "abstract_en_source: editor-summary",
        f"abstract_en: {_quoted(PLACEHOLDER + ': a summary in English, or the translation of the authors abstract')}",
        "keywords: []",
        f"source_note: {_quoted(PLACEHOLDER + ': where the file comes from and what it is (added by edition new)')}",
    ]
    return "\n".join(lines) + "\n"


def with_nav_entry(mkdocs: Path, pages: list[str]) -> str:
    """``mkdocs.yml`` with ``texts/<page>.md`` for each page after the last text of the ``nav``."""
    text = mkdocs.read_text(encoding="utf-8")
    entries = list(_NAV_ENTRY.finditer(text))
    if not entries:
        raise EditionError(mkdocs, "no `- texts/<id>.md` entry in the nav to add the text after")
    last = entries[-1]
    added = "".join(f"\n{last.group('indent')}- texts/{page}.md" for page in pages)
    return text[:last.end()] + added + text[last.end():]


def review_list(new: NewText) -> list[str]:
    """What the editor should look at next, in order."""
    problems = [f"  {problem}" for problem in new.document.problems]
    steps = [
        f"sources/texts/{new.text_id}.yaml: every {PLACEHOLDER} (title_en, authors' pinyin, abstract_en, "
        "source_note), and the detected script, kind and title",
        f"edition clean --lenient sources/raw/{new.text_id}.txt: read the cleaned text; a damage no rule repairs is a "
        "new general rule (tests/rules/) or an entry of sources/emendations.yaml",
        f"sources/headings.yaml: the English of each heading of {new.text_id}",
        "edition build, then edition check and make test; commit the sources with the regenerated files",
    ]
    out = [f"{i}. {step}" for i, step in enumerate(steps, 1)]
    if problems:
        out += ["notes that do not pair (write emendations for them):", *problems]
    return out
