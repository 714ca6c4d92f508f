"""The generated files committed under docs/ and bib/ are current (`edition build --check`)."""

from edition.build import generated_files, load_edition, stale_files

from conftest import ROOT


def test_generated_files_are_current():
    files = generated_files(load_edition(ROOT))
    stale = stale_files(ROOT, files)
    assert stale == [], "run `edition build` and commit: " + ", ".join(stale[:10])
