"""``edition new``: a traditional-script copy of a corpus text is added, detected, converted,
and its page builds (``edition build``, then ``mkdocs build --strict``) in a copy of the project."""

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import opencc
import pytest
import yaml

from edition import cli
from edition.errors import EditionError
from edition.new import prepare

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the project with cai, in traditional characters, added as ``cai-fanti``."""
    copy = tmp_path_factory.mktemp("project")
    for name in ("sources", "docs", "bib"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("site"))
    shutil.copy(ROOT / "mkdocs.yml", copy / "mkdocs.yml")
    received = copy / "received.txt"
    received.write_bytes(opencc.OpenCC("s2t").convert((ROOT / "sources/raw/cai.txt").read_text(encoding="utf-8")).encode())
    return copy, received


def test_new_text_is_added_detected_and_its_page_builds(project, capsys):
    copy, received = project
    assert cli.main(["--root", str(copy), "new", "cai-fanti", str(received)]) == 0
    out = capsys.readouterr().out
    assert "detected: traditional" in out and "review next:" in out
    assert (copy / "sources/raw/cai-fanti.txt").read_bytes() == received.read_bytes()
    meta = yaml.safe_load((copy / "sources/texts/cai-fanti.yaml").read_text(encoding="utf-8"))
    assert meta["sha256"] == hashlib.sha256(received.read_bytes()).hexdigest()
    assert (meta["script"], meta["title"], meta["authors"][0]["name"]) == ("traditional", "加强人工智能国际治理和合作", "蔡翠红")
    nav = (copy / "mkdocs.yml").read_text(encoding="utf-8")
    assert "- texts/cai-fanti.md" in nav and "- texts/cai-fanti-traditional.md" in nav

    assert cli.main(["--root", str(copy), "build"]) == 0
    page = (copy / "docs/texts/cai-fanti.md").read_text(encoding="utf-8")
    assert "多边治理机制初步建立" in page and "多邊治理" not in page
    assert "多邊治理機制初步建立" in (copy / "docs/texts/cai-fanti-traditional.md").read_text(encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(copy / "site")],
                            cwd=copy, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert (copy / "site/texts/cai-fanti/index.html").is_file()


@pytest.mark.parametrize("text_id, words", [("Cai", "lower case"), ("cai", "is taken")])
def test_new_refuses_a_bad_or_taken_id(text_id, words):
    with pytest.raises(EditionError, match=words):
        prepare(ROOT, text_id, ROOT / "sources/raw/cai.txt")


def test_new_refuses_a_file_already_in_the_edition():
    with pytest.raises(EditionError, match="already in the edition, as 'cai'"):
        prepare(ROOT, "cai-again", ROOT / "sources/raw/cai.txt")
