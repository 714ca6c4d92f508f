"""The command line: bad input is one line naming the file (and line), never a traceback.

The tests give the command's ``main`` its arguments in this process (``edition_main``: what it
prints is their subject); ``test_bad_input_to_the_command_as_a_process_is_one_line`` runs it as a process, where
a reader meets the contract: the exit code, the one line, no traceback."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

EDITION = [sys.executable, "-m", "edition.cli"]


def run_process(*args, cwd=ROOT) -> subprocess.CompletedProcess:
    env = {"PYTHONPATH": str(ROOT / "scripts"), "PATH": "/usr/bin:/bin"}
    return subprocess.run([*EDITION, *args], cwd=cwd, capture_output=True, text=True, env=env)


def test_bad_input_to_the_command_as_a_process_is_one_line(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = run_process("clean", str(path))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and str(path) in result.stderr and "binary" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("content, words", [
    pytest.param(b"", "empty", id="empty"),
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00", "binary", id="binary"),
    pytest.param("人工智能国际治理\n".encode("gbk"), "not valid UTF-8", id="gbk"),
    pytest.param("人工智能国际治理\n".encode("utf-16"), "UTF-16 (little-endian", id="utf-16"),
    pytest.param(b"\xfe\xff" + "人工智能国际治理\n".encode("utf-16-be"), "UTF-16 (big-endian", id="utf-16-be"),
    pytest.param("人工智能国际治理\n".encode("utf-32"), "UTF-32 (little-endian", id="utf-32"),
])
def test_clean_rejects_bad_input_with_one_line(tmp_path, content, words, edition_main):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = edition_main("clean", str(path))
    assert result.returncode != 0
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and str(path) in result.stderr and words in result.stderr
    assert "Traceback" not in result.stderr


def test_clean_gbk_names_the_line(tmp_path, edition_main):
    path = tmp_path / "gbk.txt"
    path.write_bytes("first line\n".encode() + "第二行".encode("gbk"))
    result = edition_main("clean", str(path))
    assert f"{path}:2:" in result.stderr


def test_clean_json_has_the_contract_fields(edition_main):
    result = edition_main("clean", "sources/raw/cai.txt", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"id", "title", "blocks", "notes", "changes"} <= set(data)
    assert data["id"] == "cai"
    assert all({"kind", "text", "page"} <= set(b) for b in data["blocks"])
    assert data["problems"] == []
    assert data["script_evidence"]["source"] == "metadata" and data["script_evidence"]["simplified_share"] > 0.3


def test_unknown_file_is_a_clear_error(tmp_path, edition_main):
    result = edition_main("clean", str(tmp_path / "missing.txt"))
    assert result.returncode == 1 and "no such file" in result.stderr


def test_broken_metadata_fails_check_with_file_and_line(tmp_path, edition_main):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "sources", project / "sources")
    (project / "mkdocs.yml").write_text("site_name: x\n")
    meta = project / "sources/texts/li.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("title_en:", "titel_en:"), encoding="utf-8")
    result = edition_main("check", cwd=project)
    assert result.returncode == 1
    assert f"{meta}:" in result.stderr and "unknown key 'titel_en'" in result.stderr


def test_clean_outside_any_project_uses_the_editions_reviewed_data(tmp_path, edition_main):
    """A raw file elsewhere, cleaned from elsewhere: the furniture patterns of the edition's
    own sources/ still apply (相關新聞 is a footer line of sources/furniture.yaml)."""
    path = tmp_path / "page.txt"
    path.write_text("标题\n\n正文一段,没有注释。\n\n相關新聞\n", encoding="utf-8")
    result = edition_main("clean", str(path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "正文一段，没有注释。" in result.stdout and "相關新聞" not in result.stdout


@pytest.mark.parametrize("encoding, name", [("utf-16", "UTF-16"), ("utf-32", "UTF-32")])
def test_clean_names_the_iconv_command(tmp_path, encoding, name, edition_main):
    path = tmp_path / "wide.txt"
    path.write_bytes("人工智能国际治理\n".encode(encoding))
    result = edition_main("clean", str(path))
    assert f"convert it with: iconv -f {name} -t UTF-8 wide.txt > converted.txt" in result.stderr


def test_a_damaged_file_gives_at_most_20_messages(tmp_path, edition_main):
    """Notes referred to but never given, three hundred times: twenty lines, then a count."""
    path = tmp_path / "many.txt"
    path.write_text("标题\n\n" + "".join(f"正文{n}。[^{n}]\n\n" for n in range(1, 301)), encoding="utf-8")
    result = edition_main("clean", str(path))
    assert result.returncode == 1
    lines = result.stderr.strip().split("\n")
    assert lines[-1].startswith("edition: the text was not printed; --lenient prints it")
    lines = lines[:-1]
    assert len(lines) == 21, result.stderr[-2000:]
    assert lines[-1] == f"edition: {path}: … and 280 more"
