"""The conservation proof: it passes on the corpus, and it catches what it is meant to catch."""

import pytest

from edition import check, pipeline
from edition.model import Change
from edition.pipeline import Trace, rebuild_raw
from edition.structure import document_text


def test_corpus_conserves_every_character(edition):
    assert check.conservation_problems(edition) == []


def test_the_whole_check_passes_without_running_the_pipeline_again(edition, monkeypatch):
    """The proofs read what the build made once (each Document's raw text, clean text and
    record); running a text through the pipeline again here would fail."""
    def no_second_run(*args, **kwargs):
        raise AssertionError("edition check ran the pipeline again")

    monkeypatch.setattr(pipeline, "clean", no_second_run)
    monkeypatch.setattr(pipeline.Trace, "apply", no_second_run)
    assert check.all_problems(edition) == []


def test_a_document_that_drops_text_is_caught(edition, monkeypatch):
    def losing_document_text(document):
        return document_text(document).replace("治理", "", 1)

    monkeypatch.setattr(check, "document_text", losing_document_text)
    problems = check.conservation_problems(edition)
    assert problems and all("lost" in p.message for p in problems)
    assert {p.path.rsplit("/", 1)[-1] for p in problems} == {f"{m.id}.txt" for m in edition.metas}


def test_a_record_missing_a_change_cannot_rebuild_the_raw():
    def normalise_comma(text):
        return text.replace(",", "，")
    trace = Trace.start("cai", "然而,各国,立场")
    trace.apply(normalise_comma)
    assert rebuild_raw(trace.text, trace.changes) == "然而,各国,立场"
    assert rebuild_raw(trace.text, trace.changes[:1]) != "然而,各国,立场"


def test_a_forged_record_is_rejected():
    forged = [Change("x", "t", 1, "a", "b", 0, None, 1)]
    with pytest.raises(ValueError):
        rebuild_raw("zzz", forged)


def test_a_build_runs_each_text_through_the_pipeline_once(watched_cold_build, text_ids):
    assert sorted(watched_cold_build["started"]) == sorted(text_ids)
