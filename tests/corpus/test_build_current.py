"""The generated files committed under docs/, bib/ and search/ are current (`edition build --check`),
and no stray file sits in a generated folder."""

from edition.build import stale_files


def test_generated_files_are_current(root, generated):
    stale = stale_files(root, generated)
    assert stale == [], "run `edition build` and commit: " + ", ".join(stale[:10])
