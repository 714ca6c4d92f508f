"""README "Adding a text", followed step by step on a copy of the project: a copy of cai
under a new id, with its metadata, heading translations and nav entry, builds with
``edition build`` and ``mkdocs build --strict`` and passes ``edition check``."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NEW = "cai-copy"


def readme_steps() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return text.split("## 如何加入新文本 · Adding a text", 1)[1].split("\n## ", 1)[0]


def test_the_readme_names_every_step_the_test_takes():
    steps = readme_steps()
    for needed in ("sources/raw/<id>.txt", "sources/texts/<id>.yaml", "sha256sum", "original_filename",
                   "edition clean", "sources/headings.yaml", "sources/glossary.yaml", "nav", "mkdocs.yml",
                   "edition build", "mkdocs build --strict", "make check"):
        assert needed in steps, needed


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"{' '.join(args)}:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
    return result


def test_a_new_text_added_as_the_readme_says_builds_strict(tmp_path, edition_main):
    root = tmp_path / "project"
    root.mkdir()
    for name in ("sources", "docs", "bib"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    # 1. the file, unchanged, under its id
    raw = root / "sources" / "raw" / f"{NEW}.txt"
    shutil.copyfile(ROOT / "sources" / "raw" / "cai.txt", raw)
    # 2. its metadata, copied from another text: id, raw, sha256, original_filename
    meta = (root / "sources" / "texts" / "cai.yaml").read_text(encoding="utf-8")
    meta = re.sub(r"^id: .*$", f"id: {NEW}", meta, count=1, flags=re.M)
    meta = re.sub(r"^raw: .*$", f"raw: {NEW}.txt", meta, count=1, flags=re.M)
    meta = re.sub(r"^sha256: .*$", f"sha256: {hashlib.sha256(raw.read_bytes()).hexdigest()}", meta, count=1, flags=re.M)
    meta = re.sub(r"^original_filename: .*$", "original_filename: received-copy.txt", meta, count=1, flags=re.M)
    (root / "sources" / "texts" / f"{NEW}.yaml").write_text(meta, encoding="utf-8")
    bin_dir = Path(sys.executable).parent

    def edition(*args) -> str:
        """``edition --root <root> <args>`` as the README has it (the command's main, in this process)."""
        result = edition_main("--root", root, *args, cwd=root)
        assert result.returncode == 0, f"edition {' '.join(args)}:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
        return result.stdout

    # 3. edition clean reads it
    assert "加强人工智能国际治理和合作" in edition("clean", raw)
    # 4. the English of its headings, under its id
    headings = (root / "sources" / "headings.yaml").read_text(encoding="utf-8")
    cai = re.search(r"^cai:\n((?:  .*\n)+)", headings, flags=re.M).group(1)
    (root / "sources" / "headings.yaml").write_text(headings + f"{NEW}:\n{cai}", encoding="utf-8")
    # 5. the nav entry, then build, check and the strict site build
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    entry = "      - texts/liang-song-traditional.md\n"
    assert entry in config
    (root / "mkdocs.yml").write_text(config.replace(entry, entry + f"      - texts/{NEW}.md\n"), encoding="utf-8")
    edition("build")
    assert (root / "docs" / "texts" / f"{NEW}.md").is_file()
    edition("build", "--check")
    edition("check")
    _run([str(bin_dir / "mkdocs"), "build", "--strict", "-d", str(tmp_path / "site")], root)
    assert (tmp_path / "site" / "texts" / NEW / "index.html").is_file()
