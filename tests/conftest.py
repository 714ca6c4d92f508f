"""Fixtures shared by every test folder: the project's reviewed sources, and the corpus built
once per test run (``edition``), from which the corpus tests read their Documents and
generated files.

A test that takes ``text_id`` runs once per text of the corpus; ``simplified_text_id`` once
per text printed in simplified characters (the texts without web damage of 004's kind).
Nothing here is imported by the tests: they ask for fixtures by name.
"""

from __future__ import annotations

import fcntl
import gc
import shutil
import subprocess
from pathlib import Path

import pytest
from xdist.scheduler import LoadScopeScheduling

from edition import pipeline
from edition.build import generated_files, load_edition, write_site_copies
from edition.cli import main
from edition.segment import DictionaryFile, _dictionary_file, read_dictionary
from edition.sources import load_sources
from edition.sources.texts import load_corpus

ROOT = Path(__file__).resolve().parent.parent
CORPUS = load_corpus(ROOT / "sources")


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/corpus/golden/*.json from the current pipeline (review the diff!)")


def pytest_sessionstart(session):
    """Before any test runs (under pytest-xdist, before the processes start): the git-ignored
    copies of bib/ that the site offers for download, so that no test reads docs/ while they
    are being written."""
    if not hasattr(session.config, "workerinput"):
        write_site_copies(ROOT)


def pytest_collection_finish(session):
    """What collection built (every test module and item) lives as long as the run: kept out of
    the cycle collector's sight (``gc.freeze``), which otherwise walks it again in every full
    collection — about two CPU-seconds per process over a run."""
    gc.freeze()


#: Modules whose tests pytest-xdist shares out by parameter, a unit of work for each (the axe
#: audit of each page), where every other module is one unit.
BY_PARAMETER = {"tests/site/test_site.py"}


def unit_of_work(nodeid: str) -> str:
    """A test's unit of work under pytest-xdist: its module, so that a module's fixtures (a page
    loaded once, a copy of the project built once) are made by one worker — in the modules of
    ``BY_PARAMETER``, its module and its parameter."""
    module, _, name = nodeid.partition("::")
    if module in BY_PARAMETER and "[" in name:
        return module + "[" + name.partition("[")[2]
    return module


class ByUnitOfWork(LoadScopeScheduling):
    def _split_scope(self, nodeid: str) -> str:
        return unit_of_work(nodeid)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """``--dist loadscope`` by ``unit_of_work`` (pytest 9's node ids cannot carry xdist's groups)."""
    if config.getvalue("dist") == "loadscope":
        return ByUnitOfWork(config, log)
    return None


#: The longest units of work first — the audit of each page, the other browser tests, then the
#: build cache's module (a dozen seconds of builds, the longest of the rest) — so that under
#: pytest-xdist the short ones fill in at the end.
LONGEST_FIRST = ("tests/site/test_site.py", "tests/site/", "tests/data/test_cache.py")


def pytest_collection_modifyitems(items):
    def rank(item) -> int:
        return next((n for n, start in enumerate(LONGEST_FIRST) if item.nodeid.startswith(start)), len(LONGEST_FIRST))

    items.sort(key=rank)


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
def made_once(request, tmp_path_factory):
    """``made_once(name, make)``: a folder that ``make(folder)`` fills once per test run. Under
    pytest-xdist the first worker that asks makes it in the run's shared temporary folder and
    the others wait for it and read it; a run in one process makes it in its own."""
    def made(name: str, make) -> Path:
        if not hasattr(request.config, "workerinput"):
            folder = tmp_path_factory.mktemp(name)
            make(folder)
            return folder
        shared = tmp_path_factory.getbasetemp().parent
        folder, done = shared / name, shared / f"{name}.done"
        with open(shared / f"{name}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
            if not done.exists():
                shutil.rmtree(folder, ignore_errors=True)  # what a failed attempt left
                folder.mkdir()
                make(folder)
                done.touch()
        return folder

    return made


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
def edition(watched_cold_build):
    """The whole corpus cleaned, cited and glossed — once per test run. Tests read it and
    never change it."""
    return watched_cold_build["edition"]


@pytest.fixture(scope="session")
def watched_cold_build() -> dict:
    """The cold build of the corpus that ``edition`` and ``generated`` are, watched: each text
    run through the pipeline (``Trace.start``), each call of ``read_dictionary`` and each pass
    over jieba's dict.txt (``DictionaryFile.chunks``, the file read afresh), for the tests that
    count them (tests/rules/test_segment.py, tests/corpus/test_check.py). The watching only
    counts: the build is the one ``edition build --no-cache`` makes."""
    seen = {"started": [], "reads": [], "passes": []}
    original_start, original_chunks = pipeline.Trace.start.__func__, DictionaryFile.chunks

    def start(cls, text_id, raw):
        seen["started"].append(text_id)
        return original_start(cls, text_id, raw)

    def counted(*args, **kwargs):
        seen["reads"].append(args)
        return read_dictionary(*args, **kwargs)

    def chunks(self):
        seen["passes"].append(self)
        return original_chunks(self)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline.Trace, "start", classmethod(start))
        patch.setattr("edition.segment.read_dictionary", counted)
        patch.setattr(DictionaryFile, "chunks", chunks)
        _dictionary_file.cache_clear()
        seen["edition"] = load_edition(ROOT, dictionary=counted)
        seen["generated"] = generated_files(seen["edition"])
    gc.freeze()  # kept for the run, like what collection built
    return seen


@pytest.fixture(scope="session")
def documents(edition) -> dict:
    """Each text's Document, by id."""
    return {document.id: document for document in edition.documents}


@pytest.fixture(scope="session")
def generated(watched_cold_build) -> dict[str, str]:
    """Every committed generated file, by path."""
    return watched_cold_build["generated"]


@pytest.fixture
def edition_main(capsys, monkeypatch):
    """``edition_main(*args, cwd=ROOT)``: the ``edition`` command's ``main`` in this process,
    started in ``cwd`` — its exit code and what it printed, as a process's would be, without a
    process's half second of imports. For tests whose subject is what the command prints; the
    contract of the process itself (exit code, one line, no traceback) has tests of its own
    that run it as one (tests/corpus/test_cli.py, tests/data/test_cli.py)."""
    def run_main(*args, cwd=ROOT) -> subprocess.CompletedProcess:
        monkeypatch.chdir(cwd)
        capsys.readouterr()
        code = main([str(arg) for arg in args])
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(["edition", *args], code, out, err)

    return run_main
