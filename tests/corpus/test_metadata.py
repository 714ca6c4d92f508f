"""The corpus metadata: the texts in the order received, inferred fields with their reasons.
Bad metadata is tested with the other reviewed files in tests/data/."""

from pathlib import Path

from edition.sources.texts import load_corpus, load_text_meta

ROOT = Path(__file__).resolve().parents[2]


def test_corpus_loads_in_received_order():
    metas = load_corpus(ROOT / "sources")
    assert [m.id for m in metas] == ["xue-zhao", "cai", "li", "yan", "liang-song"]
    assert [m.original_filename[:3] for m in metas] == ["000", "001", "002", "003", "004"]


def test_inferred_fields_carry_reasons():
    xue = load_text_meta(ROOT / "sources/texts/xue-zhao.yaml")
    assert xue.venue == "国际经济评论" and "2024年第3期" in xue.inferred["venue"]
    assert not xue.is_inferred("title")
