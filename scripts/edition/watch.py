"""``edition watch``: the maintainer's loop beside ``mkdocs serve`` (``make serve``).

It polls ``sources/`` and ``scripts/``. When a file of ``sources/`` changes it runs the
incremental build in its own process (imports done, jieba's dictionary held in memory);
when a file of ``scripts/`` changes it runs ``edition build`` in a new process and then
starts itself again, so that the new code is the one that builds from then on. The build writes the generated pages under ``docs/``, which ``mkdocs serve``
watches and rebuilds — no MkDocs plugin or hook is involved (ADR 0002). A failed build
prints its ``file:line`` error and leaves the served pages as they were.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from .build import generated_files, git_ignored_files, load_edition, save_cache, write_files
from .cache import BuildCache
from .errors import EditionError
from .fingerprint import record_build
from .segment import DictionaryIndex

WATCHED = ("sources", "scripts")
INTERVAL = 0.2


def snapshot(root: Path, folders: tuple[str, ...] = WATCHED) -> dict[str, tuple[int, int]]:
    """(modification time, size) of every file under the watched folders, by path."""
    found = {}
    for folder in folders:
        for path in (root / folder).rglob("*"):
            if "__pycache__" in path.parts or path.name.startswith(".tmp-"):
                continue
            try:
                stat = path.stat()
            except OSError:
                continue
            if path.is_file():
                found[path.as_posix()] = (stat.st_mtime_ns, stat.st_size)
    return found


def build_command(root: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "edition.cli", "--root", str(root), *args]


def build_here(root: Path, cache: BuildCache, index: DictionaryIndex | None = None) -> int:
    """The incremental build in this process: what ``edition build`` does (with jieba's
    dictionary held in memory, when given, instead of a pass over its file)."""
    try:
        edition = load_edition(root, cache, index.read) if index else load_edition(root, cache)
        files = generated_files(edition)
        written = write_files(root, files)
        save_cache(edition, cache)
        record_build(root, [*files, *git_ignored_files(files)])
    except EditionError as error:
        print(f"edition: {error}", file=sys.stderr, flush=True)
        return 1
    print(f"edition: {len(files)} generated files, {len(written)} written", flush=True)
    return 0


def settled(root: Path, now: dict, pause: float = 0.05) -> dict:
    """The snapshot once files stop changing: an editor (or a script that writes a raw file,
    then its metadata) is not caught halfway."""
    while True:
        time.sleep(pause)
        later = snapshot(root)
        if later == now:
            return now
        now = later


def changed(before: dict, after: dict) -> set[str]:
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


def run(root: Path, interval: float = INTERVAL) -> int:
    """Build whenever a watched file changes, until interrupted."""
    cache = BuildCache(root)
    index = DictionaryIndex()
    seen = snapshot(root)
    print(f"edition watch: watching {', '.join(WATCHED)} under {root}", flush=True)
    while True:
        time.sleep(interval)
        now = snapshot(root)
        paths = changed(seen, now)
        if not paths:
            continue
        now = settled(root, now)
        paths = changed(seen, now)
        seen = now
        started = time.perf_counter()
        code = any(Path(path).is_relative_to(root / "scripts") for path in paths)
        status = subprocess.run(build_command(root, "build"), check=False).returncode if code else build_here(root, cache, index)
        state = "built" if status == 0 else "build failed"
        print(f"edition watch: {state} in {time.perf_counter() - started:.2f} s", flush=True)
        if code:
            os.execv(sys.executable, build_command(root, "watch", "--interval", str(interval)))
