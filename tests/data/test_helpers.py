"""The bad-example helper of ``conftest.py``: it breaks exactly the text it is given, in the
one file it names, and finds the line of a marker only when the marker is unambiguous."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_replace_changes_only_that_text_of_that_file(project):
    path = project.replace("furniture.yaml", "spam_min_keywords: 2", "spam_min_keywords: 3")
    original = (ROOT / "sources/furniture.yaml").read_text(encoding="utf-8")
    assert path.read_text(encoding="utf-8") == original.replace("spam_min_keywords: 2", "spam_min_keywords: 3")
    for other in (ROOT / "sources").rglob("*.yaml"):
        if other.name != "furniture.yaml":
            assert project.file(str(other.relative_to(ROOT / "sources"))).read_bytes() == other.read_bytes()


@pytest.mark.parametrize("old", ["spam_min_keywords: 9", "  - "], ids=["absent", "ambiguous"])
def test_replace_refuses_text_not_occurring_once(project, old):
    with pytest.raises(AssertionError, match="not once"):
        project.replace("furniture.yaml", old, "x")


def test_line_is_the_markers(project):
    lines = (ROOT / "sources/furniture.yaml").read_text(encoding="utf-8").splitlines()
    assert project.line("furniture.yaml", "spam_min_keywords:") == lines.index("spam_min_keywords: 2") + 1


@pytest.mark.parametrize("marker", ["no such marker", "footer_"], ids=["absent", "ambiguous"])
def test_line_refuses_marker_not_on_one_line(project, marker):
    with pytest.raises(AssertionError, match="not on one"):
        project.line("furniture.yaml", marker)
