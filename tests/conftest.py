"""Fixtures shared by every test folder: the project's reviewed sources, and the corpus built
once per test run (``edition``), from which the corpus tests read their Documents and
generated files.

A test that takes ``text_id`` runs once per text of the corpus; ``simplified_text_id`` once
per text printed in simplified characters (the texts without web damage of 004's kind).
Nothing here is imported by the tests: they ask for fixtures by name.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from edition.build import generated_files, load_edition
from edition.sources import load_sources
from edition.sources.texts import load_corpus

ROOT = Path(__file__).resolve().parent.parent
CORPUS = load_corpus(ROOT / "sources")


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/corpus/golden/*.json from the current pipeline (review the diff!)")


def pytest_generate_tests(metafunc):
    named = {name.strip() for mark in metafunc.definition.iter_markers("parametrize")
             for name in (mark.args[0].split(",") if isinstance(mark.args[0], str) else mark.args[0])}
    if "text_id" in metafunc.fixturenames and "text_id" not in named:
        metafunc.parametrize("text_id", [meta.id for meta in CORPUS])
    if "simplified_text_id" in metafunc.fixturenames:
        metafunc.parametrize("simplified_text_id", [meta.id for meta in CORPUS if meta.script == "simplified"])


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def text_ids() -> list[str]:
    """The ids of the texts, in the order they were received."""
    return [meta.id for meta in CORPUS]


@pytest.fixture(scope="session")
def sources():
    """The project's reviewed data (``sources.Sources``)."""
    return load_sources(ROOT)


@pytest.fixture(scope="session")
def metas(sources) -> dict:
    return {meta.id: meta for meta in sources.texts}


@pytest.fixture(scope="session")
def raw(metas) -> dict[str, str]:
    """Each text's raw file, by id."""
    return {text_id: meta.raw_path.read_text(encoding="utf-8") for text_id, meta in metas.items()}


@pytest.fixture(scope="session")
def edition():
    """The whole corpus cleaned, cited and glossed — once per test run. Tests read it and
    never change it."""
    return load_edition(ROOT)


@pytest.fixture(scope="session")
def documents(edition) -> dict:
    """Each text's Document, by id."""
    return {document.id: document for document in edition.documents}


@pytest.fixture(scope="session")
def generated(edition) -> dict[str, str]:
    """Every committed generated file, by path."""
    return generated_files(edition)
