"""The generated files committed under docs/ and bib/ are current (`edition build --check`),
and no stray file sits in a generated folder."""

from edition.build import stale_files, write_files


def test_generated_files_are_current(root, generated):
    stale = stale_files(root, generated)
    assert stale == [], "run `edition build` and commit: " + ", ".join(stale[:10])


def test_stray_files_in_every_generated_folder_are_reported_and_removed(tmp_path, generated):
    """A file the build no longer writes, in any generated folder (docs/assets/search/ and
    docs/assets/bib/ too), is stale for --check and removed by a build; the site's git-ignored copies of bib/
    are expected there, not strays."""
    write_files(tmp_path, generated)
    assert (tmp_path / "docs/assets/bib/edition.bib").read_text(encoding="utf-8") == generated["bib/edition.bib"]
    assert stale_files(tmp_path, generated) == []
    strays = ["docs/assets/search/old.json", "docs/assets/bib/old.bib", "docs/texts/old.md", "bib/old.bib"]
    for stray in strays:
        (tmp_path / stray).write_text("left over\n", encoding="utf-8")
    assert stale_files(tmp_path, generated) == sorted(f"{stray} (a stray: not written by the build)" for stray in strays)
    write_files(tmp_path, generated)
    assert not any((tmp_path / stray).exists() for stray in strays)


def test_a_fresh_clone_needs_no_copy_to_be_current(tmp_path, generated):
    """The copies of bib/ for the site are git-ignored: without them the committed files are current."""
    write_files(tmp_path, generated)
    for copy in (tmp_path / "docs/assets/bib").glob("*.bib"):
        if not copy.name.startswith("cite-"):
            copy.unlink()
    assert stale_files(tmp_path, generated) == []
