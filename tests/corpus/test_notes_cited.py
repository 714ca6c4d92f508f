"""Every note of the annotated texts, as the pipeline delivers it, is parsed or reported."""

import json

import pytest

from edition.cite.checks import check_problems, report_lines

ANNOTATED = ["xue-zhao", "li", "yan"]


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
    ids = [meta.id for meta in edition.metas]
    assert [str(p) for p in check_problems(edition.bibliography, edition.sources.works, ids)] == []


def test_every_work_has_a_reviewed_key(edition):
    data = edition.sources.works
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

def test_edition_clean_json_notes_carry_their_works(root, edition_main):
    result = edition_main("clean", "sources/raw/yan.txt", "--json", cwd=root)
    assert result.returncode == 0, result.stderr
    notes = {n["n"]: n["works"] for n in json.loads(result.stdout)["notes"]}
    assert notes[2] == ["xue2024rengong"] and notes[14] == ["aiadvisorybody2023interim"]


def test_check_report_lines(edition):
    lines = report_lines(edition.bibliography, [meta.id for meta in edition.metas])
    assert [line.split(":")[0] for line in lines] == [f"cite {t}" for t in ANNOTATED]
    assert "shared: cihon2020fragmentation, xue2024rengong" in lines[2]
