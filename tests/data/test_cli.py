"""The ``edition`` command on a project with a malformed reviewed file: exit code 1, one line
``edition: <file>:<line>: message`` on stderr, nothing on stdout, no traceback, and a build
that writes nothing.

Each malformed file is read by the command's ``main`` in this process (``edition_main``: what it
prints is the subject); the build that must write nothing runs as a process of its own, which holds the
contract where a reader meets it: the exit code, the one line, no traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GENERATED = ("docs", "bib")

# kind: (file, old, new, marker of the line the error must name, words of the message)
BROKEN = {
    "text": ("texts/cai.yaml", "kind: newspaper-commentary", "kind: blog", "kind: blog", "must be one of"),
    "emendations": ("emendations.yaml", "  source: and\n", "  source: und\n", "source: und", "is not inside context"),
    "glossary": ("glossary.yaml", "  en: regime complex\n", "  en: regime complex\n  en: again\n", "en: again",
                 "duplicate key 'en'"),
    "rejected": ("glossary-rejected.yaml", "CEO: job title, not a term", "CEO: job title: not a term", "CEO:",
                 "YAML syntax error"),
    "headings": ("headings.yaml", "\ncai:\n", "\ncia:\n", "cia:", "'cia' is not one of the texts"),
    "works": ("works.yaml", "  - key: alter2009politics\n", "  - key: alter2009politics\n    author: Alter\n",
              "author: Alter", "unknown key 'author'"),
    "furniture": ("furniture.yaml", "spam_min_keywords: 2", "spam_min_keywords: two", "spam_min_keywords: two",
                  "must be int"),
    "pinyin": ("pinyin-overrides.yaml", "  电子: diàn zǐ", "  电子: [diàn, zǐ]", "电子:", "must map a term"),
}
# The build (not --check) that must write nothing, with the file the build reads last broken,
# and what it would change if it went ahead: a stale generated file and a stray one.
BUILD = "furniture"
STALE, STRAY = "bib/cai.bib", "docs/texts/stray.md"


def run(project, *arguments: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "edition.cli", "--root", str(project.root), *arguments]
    return subprocess.run(command, capture_output=True, text=True, env=_environment(), cwd=project.root, timeout=120)


def break_file(project, kind: str) -> tuple[Path, int, str]:
    """Break the file of ``kind`` in the copy: its path, the line the error must name, the words."""
    file, old, new, marker, words = BROKEN[kind]
    project.replace(file, old, new)
    return project.file(file).resolve(), project.line(file, marker), words


def _environment() -> dict[str, str]:
    """This worktree's package first, whatever the installed one points at."""
    path = os.pathsep.join(filter(None, [str(ROOT / "scripts"), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path, "PYTHONDONTWRITEBYTECODE": "1"}


def _snapshot(root: Path) -> dict[str, tuple[int, bytes]]:
    """Every file of the generated folders: its modification time and bytes."""
    return {str(p.relative_to(root)): (p.stat().st_mtime_ns, p.read_bytes())
            for folder in GENERATED for p in sorted((root / folder).rglob("*")) if p.is_file()}


@pytest.mark.parametrize("kind", list(BROKEN))
def test_malformed_file_is_one_line_on_stderr(project, kind, edition_main):
    path, line, words = break_file(project, kind)
    result = edition_main("--root", project.root, "build", "--check", cwd=project.root)
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith(f"edition: {path}:{line}: "), result.stderr
    assert words in result.stderr


def test_build_with_malformed_file_writes_nothing(project_with_output):
    project = project_with_output
    (project.root / STALE).write_text("stale\n", encoding="utf-8")
    (project.root / STRAY).write_text("stray\n", encoding="utf-8")
    path, line, _words = break_file(project, BUILD)
    before = _snapshot(project.root)
    result = run(project, "build")
    assert result.returncode == 1 and result.stderr.startswith(f"edition: {path}:{line}: "), result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert {"docs/index.md", "bib/edition.bib", STRAY} <= set(before)
    assert before[STALE][1] == b"stale\n"
    assert _snapshot(project.root) == before
