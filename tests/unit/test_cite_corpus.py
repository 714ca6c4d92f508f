"""Every note of the annotated texts, as the pipeline delivers it, is parsed or reported."""

from pathlib import Path

import pytest

from edition import cite
from edition.build import load_edition

ROOT = Path(__file__).resolve().parents[2]
ANNOTATED = ["xue-zhao", "li", "yan"]


@pytest.fixture(scope="module")
def edition():
    return load_edition(ROOT)


@pytest.mark.parametrize("text_id", ANNOTATED)
def test_every_note_is_parsed_or_prose(edition, text_id):
    document = edition.document(text_id)
    bib = edition.bibliography
    assert len(document.notes) >= 30
    for note in document.notes:
        parsed = bib.notes[(text_id, note.n)]
        assert note.works or parsed.prose, (note.n, note.text)
        assert note.works == [w.key for w in bib.note_works(text_id, note.n)]
        assert not any(w.unparsed for w in bib.note_works(text_id, note.n)), (note.n, note.text)


def test_no_cite_problems_in_the_corpus(edition):
    assert [str(p) for p in cite.check_problems(edition)] == []


def test_every_work_has_a_reviewed_key(edition):
    data = cite.works_data(edition)
    registered = {str(e["key"]) for e in data.registry}
    assert sorted(set(edition.bibliography.works) - registered) == []


@pytest.mark.parametrize("text_id, n, key", [
    pytest.param("li", 14, "xue2024rengong", id="li-cites-000"),
    pytest.param("yan", 2, "xue2024rengong", id="yan-cites-000"),
    pytest.param("yan", 45, "cihon2020fragmentation", id="yan-cihon"),
    pytest.param("li", 12, "rotolo2015emerging", id="li-rotolo"),
])
def test_shared_works_in_the_pipeline_notes(edition, text_id, n, key):
    assert key in edition.document(text_id).notes[n - 1].works



def test_edition_clean_json_notes_carry_their_works():
    import json
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "edition.cli", "clean", "sources/raw/yan.txt", "--json"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    notes = {n["n"]: n["works"] for n in json.loads(result.stdout)["notes"]}
    assert notes[2] == ["xue2024rengong"] and notes[14] == ["aiadvisorybody2023interim"]


def test_check_report_lines(edition):
    lines = cite.report_lines(edition)
    assert [line.split(":")[0] for line in lines] == [f"cite {t}" for t in ANNOTATED]
    assert "shared: cihon2020fragmentation, xue2024rengong" in lines[2]
