"""Fixtures of the data tests: a copy of the project's reviewed inputs in which one file is
broken on purpose (``Project.replace``), and the line the error must name (``Project.line``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


class Project:
    """A copy of the project under ``root``: ``sources/`` (and, for a build, the generated folders)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def file(self, name: str) -> Path:
        """``sources/<name>`` of the copy (``name`` as ``glossary.yaml`` or ``texts/cai.yaml``)."""
        return self.root / "sources" / name

    def replace(self, name: str, old: str, new: str) -> Path:
        """Replace the one occurrence of ``old`` in ``sources/<name>`` by ``new``; a bad example
        is cut from the real file, so ``old`` must occur in it exactly once."""
        path = self.file(name)
        text = path.read_text(encoding="utf-8")
        count = text.count(old)
        assert count == 1, f"{old!r} occurs {count} times in {name}, not once"
        path.write_text(text.replace(old, new), encoding="utf-8")
        return path

    def line(self, name: str, marker: str) -> int:
        """The number of the one line of ``sources/<name>`` that contains ``marker``."""
        lines = self.file(name).read_text(encoding="utf-8").splitlines()
        found = [number for number, text in enumerate(lines, 1) if marker in text]
        assert len(found) == 1, f"marker {marker!r} is on lines {found} of {name}, not on one"
        return found[0]


def copy_project(target: Path, folders: tuple[str, ...] = ("sources",)) -> Project:
    for folder in folders:
        shutil.copytree(ROOT / folder, target / folder)
    (target / "mkdocs.yml").write_text("site_name: a copy of the edition for a test\n", encoding="utf-8")
    return Project(target)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """The project's ``sources/`` and a one-line ``mkdocs.yml`` in a temporary folder."""
    return copy_project(tmp_path)


@pytest.fixture
def project_with_output(tmp_path: Path) -> Project:
    """A copy with the generated folders too (docs/, bib/), for a build."""
    return copy_project(tmp_path, ("sources", "docs", "bib"))


@pytest.fixture(scope="module")
def module_project(tmp_path_factory) -> Project:
    """A copy like ``project``'s, made once for a module (whose tests put it back as they need it)."""
    return copy_project(tmp_path_factory.mktemp("project"))
