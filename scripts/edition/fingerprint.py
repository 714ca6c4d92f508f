"""The fingerprint of a build: the hash of every input (``sources/``, the code, the pinned
dependencies) and of every file the build wrote. ``edition build`` compares it first, before
loading anything heavy: when no input changed and every generated file is still as it was
written, there is nothing to do. Kept in ``.cache/edition/last-build.json`` (derived,
git-ignored); ``--check`` and ``--no-cache`` never read it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from .errors import EditionError
from .files import write_atomically

#: The folders that hold nothing but generated files: a file there that the build does not
#: write is reported (``--check``) and removed (``edition build``).
GENERATED_DIRS = ("docs/texts", "docs/assets/bib", "docs/assets/search", "bib")
RECORD = ".cache/edition/last-build.json"
PACKAGE = Path(__file__).resolve().parent
#: Inputs besides ``sources/`` and the package: the pinned versions of the libraries.
PINNED = ("requirements.lock", "pyproject.toml")


def find_root(start: Path | None = None) -> Path:
    """The project root: the nearest folder upwards holding ``sources/texts`` and ``mkdocs.yml``."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "sources" / "texts").is_dir() and (folder / "mkdocs.yml").is_file():
            return folder
    raise EditionError(here, "not inside the edition's project (no sources/texts and mkdocs.yml found above)")


def _digest_files(digest, base: Path, paths) -> None:
    for path in sorted(paths):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(base).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")


def inputs_digest(root: Path) -> str:
    """The hash of everything a build reads: ``sources/``, this package, the pinned versions."""
    digest = hashlib.sha256()
    _digest_files(digest, root, (root / "sources").rglob("*"))
    digest.update(package_digest().encode())
    _digest_files(digest, PACKAGE.parents[1], [PACKAGE.parents[1] / name for name in PINNED])
    return digest.hexdigest()


@lru_cache(maxsize=1)
def package_digest() -> str:
    """The hash of this package's modules, read once per process (``edition watch`` starts a new
    process when a file of ``scripts/`` changes)."""
    digest = hashlib.sha256()
    _digest_files(digest, PACKAGE, PACKAGE.rglob("*.py"))
    return digest.hexdigest()


def file_digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def generated_on_disk(root: Path) -> set[str]:
    """The files now in the purely generated folders."""
    return {path.relative_to(root).as_posix() for folder in GENERATED_DIRS
            for path in (root / folder).rglob("*") if path.is_file()}


def record_build(root: Path, written: list[str], inputs: str | None = None) -> None:
    """Keep the fingerprint of the build that just wrote ``written`` (every generated path);
    ``inputs``: the ``inputs_digest`` taken before the build read them, if it was."""
    record = {"inputs": inputs or inputs_digest(root),
              "outputs": {path: file_digest(root / path) for path in sorted(written)}}
    target = root / RECORD
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, json.dumps(record))


def unchanged(root: Path, inputs: str | None = None) -> bool:
    """True when the last build's inputs are today's and its outputs are on disk as written
    (no generated file changed, went missing or was added); ``inputs``: today's ``inputs_digest``."""
    try:
        record = json.loads((root / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    outputs = record.get("outputs", {})
    in_folders = {path for path in outputs if path.startswith(tuple(f"{folder}/" for folder in GENERATED_DIRS))}
    return (record.get("inputs") == (inputs or inputs_digest(root))
            and generated_on_disk(root) == in_folders
            and all(file_digest(root / path) == digest for path, digest in outputs.items()))


@lru_cache(maxsize=None)
def _field_names(cls: type) -> tuple[str, ...] | None:
    """The fields of a dataclass (None for another type), looked up once per type."""
    return tuple(f.name for f in dataclasses.fields(cls)) if dataclasses.is_dataclass(cls) else None


def stable(value: Any) -> str:
    """A text that is the same for equal data in every process (``repr`` of a set is not:
    its order follows the hash seed)."""
    names = _field_names(type(value))
    if names is not None:
        fields = ", ".join(f"{name}={stable(getattr(value, name))}" for name in names)
        return f"{type(value).__name__}({fields})"
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(stable(item) for item in value)) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(stable(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(sorted(f"{stable(k)}: {stable(v)}" for k, v in value.items())) + "}"
    if isinstance(value, re.Pattern):
        return f"re({value.pattern!r}, {value.flags})"
    return repr(value)


@dataclass
class KeptResults:
    """Results of an earlier build by the hash of what each was made from (a text page, a BibTeX
    entry): the build cache keeps them, so that a build after an edit makes again only those
    whose inputs changed. Those not asked for in a build are dropped (``drop_unused``)."""

    results: dict[str, Any] = field(default_factory=dict)
    used: set[str] = field(default_factory=set, repr=False)
    #: whether a result was made or dropped since it was kept (a cache keeps it again then)
    changed: bool = False

    def get(self, key: Any, make: Callable[[], Any]) -> Any:
        """The result kept under ``key``, else ``make()`` (kept under ``key`` unless it is None)."""
        if key is None:
            return make()
        self.used.add(key)
        if key not in self.results:
            self.results[key] = make()
            self.changed = True
        return self.results[key]

    def take(self, results: dict | None) -> None:
        """Add ``results`` kept by an earlier process (those already here stay)."""
        for key, result in (results or {}).items():
            self.results.setdefault(key, result)

    def asked(self) -> dict[Any, Any]:
        """The results asked for since the last ``drop_unused`` (what a cache keeps)."""
        return {key: self.results[key] for key in self.used if key in self.results}

    def made_anew(self) -> bool:
        """Whether a result was made or dropped since the last call."""
        found, self.changed = self.changed, False
        return found

    def drop_unused(self) -> None:
        if self.results.keys() - self.used:
            self.results = {key: self.results[key] for key in self.used if key in self.results}
            self.changed = True
        self.used = set()
