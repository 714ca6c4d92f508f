"""The ``edition`` command on a project with a malformed reviewed file: exit code 1, one line
``edition: <file>:<line>: message`` on stderr, nothing on stdout, no traceback, and a build
that writes nothing.

Each run costs about a second: ``start_runs`` starts them all at once, with the first test of
the folder (``cli_runs`` of ``conftest.py``), and each test awaits its own.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GENERATED = ("docs", "bib", "search")

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


class Run:
    """One ``edition`` run on a broken copy, started at once and awaited by ``result``."""

    def __init__(self, project, kind: str, arguments: list[str]) -> None:
        file, old, new, marker, self.words = BROKEN[kind]
        project.replace(file, old, new)
        self.project, self.path, self.line = project, project.file(file).resolve(), project.line(file, marker)
        self.before = _snapshot(project.root) if arguments == ["build"] else None
        command = [sys.executable, "-m", "edition.cli", "--root", str(project.root), *arguments]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                        env=_environment(), cwd=project.root)

    def result(self) -> tuple[int, str, str]:
        stdout, stderr = self.process.communicate(timeout=120)
        return self.process.returncode, stdout, stderr


def start_runs(tmp_path_factory, copy_project) -> dict[str, Run]:
    """``build --check`` with a malformed file of each kind, and one ``build``; ``copy_project``
    is the copier of ``conftest.py`` (which cannot be imported by name)."""
    runs = {kind: Run(copy_project(tmp_path_factory.mktemp(kind)), kind, ["build", "--check"]) for kind in BROKEN}
    project = copy_project(tmp_path_factory.mktemp("build"), ("sources", *GENERATED))
    (project.root / STALE).write_text("stale\n", encoding="utf-8")
    (project.root / STRAY).write_text("stray\n", encoding="utf-8")
    runs["build"] = Run(project, BUILD, ["build"])
    return runs


def _environment() -> dict[str, str]:
    """This worktree's package first, whatever the installed one points at."""
    path = os.pathsep.join(filter(None, [str(ROOT / "scripts"), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path, "PYTHONDONTWRITEBYTECODE": "1"}


def _snapshot(root: Path) -> dict[str, tuple[int, bytes]]:
    """Every file of the generated folders: its modification time and bytes."""
    return {str(p.relative_to(root)): (p.stat().st_mtime_ns, p.read_bytes())
            for folder in GENERATED for p in sorted((root / folder).rglob("*")) if p.is_file()}


def test_every_kind_of_file_is_run(cli_runs):
    assert set(cli_runs) == {*BROKEN, "build"}


@pytest.mark.parametrize("name", [*BROKEN, "build"])
def test_malformed_file_is_one_line_on_stderr(cli_runs, name):
    run = cli_runs[name]
    code, stdout, stderr = run.result()
    assert code == 1, stderr
    assert stdout == ""
    assert "Traceback" not in stderr
    assert len(stderr.splitlines()) == 1, stderr
    assert stderr.startswith(f"edition: {run.path}:{run.line}: "), stderr
    assert run.words in stderr


def test_build_with_malformed_file_writes_nothing(cli_runs):
    run = cli_runs["build"]
    run.result()
    assert {"docs/index.md", "bib/edition.bib", STRAY} <= set(run.before)
    assert run.before[STALE][1] == b"stale\n"
    assert _snapshot(run.project.root) == run.before
