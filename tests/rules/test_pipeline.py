import difflib
import re

import pytest
from hypothesis import given, strategies as st

from edition.model import named_rule
from edition import pipeline
from edition.pipeline import Trace, diff_spans, rebuild_raw


def normalise_comma(text: str) -> str:
    return re.sub(r"(?<=[\u4e00-\u9fff]),", "，", text)


def remove_blank_runs(text: str) -> str:
    return re.sub(r"\n{3,}", "\n\n", text)


RAW = "然而,各国在技术标准上的立\n\n\n\n场不同,可能导致\n人工智能市场碎片化。\n"


def test_record_names_rule_and_raw_line():
    trace = Trace.start("cai", RAW)
    trace.apply_all([remove_blank_runs, normalise_comma])
    assert trace.text == "然而，各国在技术标准上的立\n\n场不同，可能导致\n人工智能市场碎片化。\n"
    commas = [c for c in trace.changes if c.rule == "normalise_comma"]
    assert [(c.source_line, c.before, c.after) for c in commas] == [(1, ",", "，"), (5, ",", "，")]
    assert [c.rule for c in trace.changes][0] == "remove_blank_runs"


def test_record_rebuilds_the_raw_text():
    trace = Trace.start("cai", RAW)
    trace.apply_all([remove_blank_runs, normalise_comma, remove_blank_runs])
    assert rebuild_raw(trace.text, trace.changes) == RAW


def test_unchanged_text_records_nothing():
    trace = Trace.start("x", "Latin only, (UNESCO).")
    trace.apply(normalise_comma)
    assert trace.changes == [] and trace.applications == 0


def test_named_rule_records_its_detail():
    def emend(text: str) -> str:
        return text.replace("0xford", "Oxford")
    trace = Trace.start("yan", "牛津洞察(0xford Insights)")
    trace.apply(named_rule(emend, "apply_emendation", "yan-oxford"))
    change = trace.changes[0]
    assert (change.rule, change.detail, change.before, change.after) == ("apply_emendation", "yan-oxford", "0", "O")


texts = st.text(alphabet=st.sampled_from(list("人工智能,，\n ab(")), max_size=60)


@given(texts, texts)
def test_diff_spans_cover_both_texts(a, b):
    spans = diff_spans(a, b)
    assert "".join(a[i1:i2] for _, i1, i2, _, _ in spans) == a
    assert "".join(b[j1:j2] for _, _, _, j1, j2 in spans) == b


@given(texts, texts)
def test_short_stretches_are_matched_as_the_standard_difflib_matches_them(a, b):
    """The pipeline matches a short changed stretch with cydifflib (compiled, several times
    faster); its opcodes are the standard library's, so the record is what difflib made."""
    expected = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    assert pipeline._difflib(a, b, 0, 0) == [tuple(op) for op in expected]


@given(texts)
def test_any_rules_can_be_undone(raw):
    trace = Trace.start("t", raw)
    trace.apply_all([normalise_comma, remove_blank_runs, str.strip])
    assert rebuild_raw(trace.text, trace.changes) == raw


def _check_spans(a: str, b: str, spans) -> None:
    assert "".join(a[i1:i2] for _, i1, i2, _, _ in spans) == a
    assert "".join(b[j1:j2] for _, _, _, j1, j2 in spans) == b
    for tag, i1, i2, j1, j2 in spans:
        assert (a[i1:i2] == b[j1:j2]) == (tag == "equal"), (tag, a[i1:i2], b[j1:j2])


@given(texts, texts)
def test_diff_spans_without_difflib_cover_both_texts(a, b):
    """The linear matching alone (what a long text gets): spans cover both texts, and a span
    is equal exactly when its two sides are."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "DIFFLIB_LIMIT", 0)
        _check_spans(a, b, diff_spans(a, b))


@pytest.mark.parametrize("before, after", [
    ("\n" * 50_000 + "a", "\n" * 25_000 + "a"),  # blank lines removed
    ("[" * 50_000, "(" * 50_000),
    ("文字^[1]" * 20_000, "文字[^1]" * 20_000),  # one change per marker
    ("人工智能 国际治理，" * 20_000, "人工智能国际治理，" * 20_000),  # one long line
])
def test_diff_spans_of_long_hostile_texts(before, after):
    spans = diff_spans(before, after)
    _check_spans(before, after, spans)
    assert sum(1 for span in spans if span[0] != "equal") <= 40_000
