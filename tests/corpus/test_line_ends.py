"""A raw text saved with a UTF-8 byte-order mark, with CRLF or with CR line ends gives the
same Document as the text as received (LF), and its record rebuilds it byte for byte."""

import pytest

from edition.pipeline import clean, rebuild_raw

VARIANTS = {
    "bom": lambda text: "\ufeff" + text,
    "crlf": lambda text: text.replace("\n", "\r\n"),
    "cr": lambda text: text.replace("\n", "\r"),
    "bom-crlf": lambda text: "\ufeff" + text.replace("\n", "\r\n"),
}


def _without_record(document) -> dict:
    data = document.to_json()
    data.pop("changes", None)
    return data


_ORIGINALS: dict = {}


def _original(text_id: str, raw: str, meta, sources):
    """The Document of the text as received, before the cite step adds its works to the notes."""
    if text_id not in _ORIGINALS:
        _ORIGINALS[text_id] = clean(raw, text_id, meta, sources, f"{text_id}.txt")
    return _ORIGINALS[text_id]


@pytest.mark.parametrize("variant", VARIANTS)
def test_line_ends_and_bom_give_the_same_document(text_id, variant, raw, metas, sources):
    original = _original(text_id, raw[text_id], metas[text_id], sources)
    text = VARIANTS[variant](raw[text_id])
    document = clean(text, text_id, metas[text_id], sources, f"{text_id}.txt")
    assert _without_record(document) == _without_record(original)
    assert rebuild_raw(document.clean_text, document.changes) == text
    recorded = {change.rule for change in document.changes} - {change.rule for change in original.changes}
    assert recorded == ({"remove_byte_order_mark"} if "bom" in variant else set()) | (
        {"normalise_line_ends"} if variant != "bom" else set())
