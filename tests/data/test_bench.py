"""``edition bench --rebuild``: the yardstick it builds and how it reads a process's cost (the
timings themselves are the bench's to print, not a test's to hold)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
import yaml

from edition import bench
from edition.bench import bare_project, process_usage, with_bytecode

ROOT = Path(__file__).resolve().parents[2]


def test_the_bare_site_is_the_raw_texts_as_they_stand(tmp_path):
    bare = bare_project(ROOT, tmp_path / "bare")
    raw = sorted((ROOT / "sources" / "raw").glob("*.txt"))
    assert sorted(path.name for path in (bare / "docs").iterdir()) == sorted([f"{p.stem}.md" for p in raw] + ["index.md"])
    assert all((bare / "docs" / f"{p.stem}.md").read_bytes() == p.read_bytes() for p in raw)
    config = yaml.safe_load((bare / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"]["name"] == "material"
    assert config["plugins"] == [{"search": {"lang": "zh"}}]


def test_a_process_s_own_cpu_time_and_peak_memory_are_read(tmp_path):
    busy = "x = bytearray(64 << 20); sum(range(3_000_000))"
    cpu, peak = process_usage([sys.executable, "-c", busy], tmp_path)
    assert cpu > 0.01
    assert peak >= 64


def test_a_failing_command_stops_the_bench_with_its_message(tmp_path):
    with pytest.raises(SystemExit, match="no such thing"):
        process_usage([sys.executable, "-c", "import sys; sys.exit('no such thing')"], tmp_path)


def test_the_bench_times_the_package_from_its_bytecode(tmp_path, monkeypatch):
    """As installed code runs (pip compiles MkDocs on install), whatever PYTHONDONTWRITEBYTECODE says."""
    package = tmp_path / "package"
    (package / "inner").mkdir(parents=True)
    modules = [package / "__init__.py", package / "inner" / "module.py"]
    for module in modules:
        module.write_text("VALUE = 1\n", encoding="utf-8")
    monkeypatch.setattr(bench, "PACKAGE", package)
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    with_bytecode()
    assert all(Path(importlib.util.cache_from_source(str(module))).is_file() for module in modules)


def test_the_served_path_is_that_of_site_url_as_mkdocs_reads_it(tmp_path, monkeypatch):
    """mkdocs.yml takes ``site_url`` from the environment (``!ENV [SITE_URL, ""]``): the bench's
    serve loop must poll the path MkDocs serves under, not the tag's text."""
    monkeypatch.delenv("SITE_URL", raising=False)
    assert bench.served_path(ROOT / "mkdocs.yml") == "/"
    monkeypatch.setenv("SITE_URL", "https://reader.example.net/ai-governance-reader/")
    assert bench.served_path(ROOT / "mkdocs.yml") == "/ai-governance-reader/"
    literal = tmp_path / "mkdocs.yml"
    literal.write_text("site_name: x\nsite_url: https://example.net/sub/\n", encoding="utf-8")
    assert bench.served_path(literal) == "/sub/"
