"""Writing the generated files: each is written atomically, an interrupted write leaves no
temporary file, and ``--check`` names any stray file in a generated folder."""

from __future__ import annotations

import os

import pytest

from edition import files
from edition.build import GENERATED_DIRS, stale_files, write_changed


def test_an_interrupted_write_leaves_nothing(tmp_path, monkeypatch):
    (tmp_path / "bib").mkdir()
    (tmp_path / "bib" / "edition.bib").write_text("old\n", encoding="utf-8")

    def interrupted(source, target):
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_changed(tmp_path, {"bib/edition.bib": "new\n"})
    assert os.listdir(tmp_path / "bib") == ["edition.bib"]
    assert (tmp_path / "bib" / "edition.bib").read_text(encoding="utf-8") == "old\n"


@pytest.mark.parametrize("folder", GENERATED_DIRS)
def test_check_names_a_stray_file_in_every_generated_folder(tmp_path, folder):
    written = {f"{folder}/kept.txt": "kept\n"}
    write_changed(tmp_path, written)
    stray = tmp_path / folder / ".tmp-k2j3h4"
    stray.write_text("half a file", encoding="utf-8")
    assert stale_files(tmp_path, written) == [f"{folder}/.tmp-k2j3h4 (a stray: not written by the build)"]
