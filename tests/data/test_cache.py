"""The build cache (``.cache/edition``): a build after an edit to one raw file takes the other
texts from the cache, runs that text alone, and writes what a cold build writes."""

from __future__ import annotations

import gc
import hashlib
import json
import shutil
import subprocess
import sys

import pytest

from edition import build, site
from edition.build import generated_files, load_edition, save_cache
from edition.cache import CACHE_DIR, BuildCache
from edition.cli import main

from .test_cli import _environment

#: Runs ``edition`` with the arguments given and prints which of the libraries a build after an
#: edit does without (``LAZY``) it imported.
#: The libraries an ``edition`` process imports only when it needs them (jieba: when it cuts a run).
LAZY = ("pypinyin", "bibtexparser", "opencc", "jieba")
IMPORTS_OF = ("import json, sys\nfrom edition.cli import main\ncode = main(sys.argv[1:])\n"
              f"print(json.dumps(sorted({{name.split('.')[0] for name in sys.modules}} & {set(LAZY)!r})))\n"
              "raise SystemExit(code)")


def lazy_imports(root, *arguments: str) -> list[str]:
    """Which of ``LAZY`` an ``edition`` process run with ``arguments`` imported (it prints them last)."""
    result = subprocess.run([sys.executable, "-c", IMPORTS_OF, "--root", str(root), *arguments], capture_output=True,
                            text=True, env=_environment(), cwd=root, timeout=120)
    return json.loads(result.stdout.splitlines()[-1])


def edit_raw(project, text_id: str, old: str, new: str) -> None:
    """Change a raw file and record its new hash in its metadata, as a maintainer would."""
    path = project.file(f"raw/{text_id}.txt")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    project.replace(f"raw/{text_id}.txt", old, new)
    after = hashlib.sha256(path.read_bytes()).hexdigest()
    project.replace(f"texts/{text_id}.yaml", before, after)


@pytest.fixture(scope="module")
def warm(module_project, tmp_path_factory):
    """A copy of the sources built once with the cache, and, beside it, its sources and cache as
    that build left them; the files it generated. (Its keys hold the copy's paths: each test runs
    in this same folder, put back as it was, rather than in a copy of its own.)"""
    project = module_project
    cache = BuildCache(project.root)
    edition = load_edition(project.root, cache)
    files = generated_files(edition)
    save_cache(edition, cache)
    pristine = tmp_path_factory.mktemp("pristine")
    for folder in ("sources", CACHE_DIR):
        shutil.copytree(project.root / folder, pristine / folder)
    return project, pristine, files


@pytest.fixture
def warmed(warm):
    """The warm copy put back as its first build left it: (the project, its cache, the files
    that build generated)."""
    project, pristine, files = warm
    for folder in ("sources", CACHE_DIR):
        shutil.rmtree(project.root / folder)
        shutil.copytree(pristine / folder, project.root / folder)
    return project, BuildCache(project.root), files


#: Edits of one raw file: (text, old, new, the pages written again). cai's edit changes
#: nothing another page reads; xue-zhao's changes the pages of a work yan cites too.
RAW_EDITS = {
    "running-text": ("cai", "重塑全球治理体系", "重塑全球治理格局", ["cai"]),
    "shared-work": ("xue-zhao", "*Global Policy*, 11(5): 545–556, 2020", "*Global Policy*, 11(5): 545–557, 2020",
                    ["xue-zhao", "yan"]),
}


@pytest.mark.parametrize("kind", list(RAW_EDITS))
def test_a_build_after_editing_one_raw_file_equals_a_cold_build(warmed, monkeypatch, kind):
    text_id, old, new, rewritten = RAW_EDITS[kind]
    project, cache, before = warmed
    edit_raw(project, text_id, old, new)

    cleaned, written = [], []
    original = build.clean_text
    monkeypatch.setattr(build, "clean_text", lambda meta, sources: cleaned.append(meta.id) or original(meta, sources))
    write_page = site.text_page
    monkeypatch.setattr(site, "text_page", lambda meta, *args: written.append(meta.id) or write_page(meta, *args))
    incremental = generated_files(load_edition(project.root, cache))
    assert cleaned == [text_id]
    assert written == rewritten  # the others read nothing the edit changed (``site.text.page_inputs``)
    assert cache.dictionary_database().exists()  # the edited runs were looked up in jieba's table

    cleaned.clear()
    cold = generated_files(load_edition(project.root))
    assert len(cleaned) == 5
    assert incremental == cold
    assert [path for path in cold if cold[path] != before[path] and path.startswith("docs/texts/")] == \
        [f"docs/texts/{page}.md" for page in rewritten]


#: Edits of shared reviewed data: (file, old, new). Each changes what the cache keeps for
#: every text (the glossary's matches, the notes as parsed) and the output.
SHARED_EDITS = {
    "glossary-exclusion": ("glossary.yaml", "  not_in:\n  - 应用场景也全面涌现\n", ""),
    "glossary-term": ("glossary.yaml", "  en: sovereign AI\n", "  en: sovereign artificial intelligence\n"),
    "corporate-author": ("works.yaml", "  Pew Research Center: {key: pew}\n", ""),
}


@pytest.mark.parametrize("kind", list(SHARED_EDITS))
def test_a_build_after_an_edit_of_shared_data_equals_a_cold_build(warmed, kind):
    project, cache, before = warmed
    project.replace(*SHARED_EDITS[kind])
    incremental = generated_files(load_edition(project.root, cache))
    cold = generated_files(load_edition(project.root))
    assert incremental == cold
    assert [path for path in cold if cold[path] != before[path]]


def test_an_unreadable_cache_entry_is_a_miss(warmed, generated):
    """``generated``: the cold build of the project's own sources, which the copy holds unchanged."""
    project, cache, _files = warmed
    for path in (cache.folder / "text").glob("*.pickle"):
        path.write_bytes(b"not a pickle")
    edition = load_edition(project.root, cache)
    assert generated_files(edition) == generated
    save_cache(edition, cache)  # and an unreadable entry is written again
    assert all(BuildCache(project.root).get("text", key) is not None for key in edition.text_keys.values())


def test_a_build_with_no_input_changed_writes_nothing_and_an_edited_output_is_rebuilt(project_with_output, capsys):
    root = project_with_output.root
    page = root / "docs" / "texts" / "cai.md"
    assert main(["--root", str(root), "build"]) == 0
    built = page.read_text(encoding="utf-8")
    (root / "sources" / "raw" / "cai.txt").touch()
    capsys.readouterr()
    assert main(["--root", str(root), "build"]) == 0
    assert "nothing changed" in capsys.readouterr().out
    page.write_text("edited by hand\n", encoding="utf-8")
    assert main(["--root", str(root), "build"]) == 0
    assert "nothing changed" not in capsys.readouterr().out
    assert page.read_text(encoding="utf-8") == built


def test_a_build_runs_without_the_cycle_collector_and_leaves_it_as_it_was(project_with_output, monkeypatch):
    seen = []
    original = build.load_edition
    monkeypatch.setattr(build, "load_edition", lambda *args, **kwargs: seen.append(gc.isenabled()) or original(*args, **kwargs))
    assert gc.isenabled()
    assert main(["--root", str(project_with_output.root), "build", "--no-cache"]) == 0
    assert seen == [False]
    assert gc.isenabled()


def test_a_build_after_an_edit_asks_pypinyin_nothing_and_writes_no_bibtex_entry(project_with_output):
    """Every reading a build after an edit of cai needs is pypinyin's answer kept by the cache and
    every BibTeX entry is kept, and cai is in simplified characters, so the process imports
    neither pypinyin (0.16 s) nor bibtexparser nor OpenCC; it imports jieba to cut the runs the
    edit made (which shows that the count sees an import). Undone, the edit's every run was cut
    before, and the build imports no jieba either (its HMM's tables alone are 9 ms). The first
    build, which fills the cache, runs in this process, which has imported everything."""
    root = project_with_output.root
    assert main(["--root", str(root), "build"]) == 0
    edit_raw(project_with_output, "cai", "重塑全球治理体系", "重塑全球治理格局")
    assert lazy_imports(root, "build") == ["jieba"]
    edit_raw(project_with_output, "cai", "重塑全球治理格局", "重塑全球治理体系")
    assert lazy_imports(root, "build") == []
    assert main(["--root", str(root), "build", "--check"]) == 0


def test_cleaning_a_file_that_is_not_utf8_imports_no_pypinyin(project, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes("治理".encode("gbk"))
    assert lazy_imports(project.root, "clean", str(bad)) == []
