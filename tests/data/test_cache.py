"""The build cache (``.cache/edition``): a build after an edit to one raw file takes the other
texts from the cache, runs that text alone, and writes what a cold build writes."""

from __future__ import annotations

import gc
import hashlib

from edition import build
from edition.build import generated_files, load_edition, save_cache
from edition.cache import BuildCache
from edition.cli import main


def edit_raw(project, text_id: str, old: str, new: str) -> None:
    """Change a raw file and record its new hash in its metadata, as a maintainer would."""
    path = project.file(f"raw/{text_id}.txt")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    project.replace(f"raw/{text_id}.txt", old, new)
    after = hashlib.sha256(path.read_bytes()).hexdigest()
    project.replace(f"texts/{text_id}.yaml", before, after)


def test_a_build_after_editing_one_raw_file_equals_a_cold_build(project, monkeypatch, generated):
    """``generated``: what the copy's unchanged sources give (the project's own cold build)."""
    cache = BuildCache(project.root)
    save_cache(load_edition(project.root, cache), cache)
    before = generated
    edit_raw(project, "cai", "重塑全球治理体系", "重塑全球治理格局")

    cleaned = []
    original = build.clean_text
    monkeypatch.setattr(build, "clean_text", lambda meta, sources: cleaned.append(meta.id) or original(meta, sources))
    incremental = generated_files(load_edition(project.root, cache))
    assert cleaned == ["cai"]

    cleaned.clear()
    cold = generated_files(load_edition(project.root))
    assert len(cleaned) == 5
    assert incremental == cold
    assert cold["docs/texts/cai.md"] != before["docs/texts/cai.md"]
    assert cold["docs/texts/li.md"] == before["docs/texts/li.md"]


def test_an_unreadable_cache_entry_is_a_miss(project, generated):
    """``generated``: the cold build of the project's own sources, which the copy holds unchanged."""
    cache = BuildCache(project.root)
    save_cache(load_edition(project.root, cache), cache)
    for path in (cache.folder / "text").glob("*.pickle"):
        path.write_bytes(b"not a pickle")
    assert generated_files(load_edition(project.root, cache)) == generated


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
