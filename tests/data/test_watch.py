"""``edition watch`` (the loop of ``make serve``): an edit to a raw file reaches the text's
generated page without anyone running ``edition build``."""

from __future__ import annotations

import subprocess
import sys
import time

from edition.bench import edit_raw
from edition.cli import main


def test_an_edit_to_a_raw_file_reaches_the_page(project_with_output):
    root = project_with_output.root
    page = root / "docs" / "texts" / "cai.md"
    assert main(["--root", str(root), "build"]) == 0  # in this process; the watcher is one of its own
    watcher = subprocess.Popen([sys.executable, "-m", "edition.cli", "--root", str(root), "watch", "--interval", "0.1"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert "watching" in watcher.stdout.readline()
        edit_raw(root, "cai", "重塑全球治理体系", "重塑QZXJ全球治理体系")
        deadline = time.monotonic() + 60
        while "QZXJ" not in page.read_text(encoding="utf-8") and time.monotonic() < deadline:
            time.sleep(0.1)
        assert "QZXJ" in page.read_text(encoding="utf-8")
    finally:
        watcher.terminate()
        watcher.wait()
