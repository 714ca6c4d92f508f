"""The Document of every text, committed as JSON: any change to the edition text shows in review.

Update only deliberately: `pytest tests/corpus/test_golden.py --update-golden`, then read
`git diff tests/corpus/golden`.
"""

import json
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden"


def _document_json(document) -> str:
    data = document.to_json()
    data["changes"] = [{k: c[k] for k in ("rule", "source_line", "before", "after") if k in c} | (
        {"detail": c["detail"]} if "detail" in c else {}) for c in data["changes"]]
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def test_document_matches_golden(text_id, documents, request):
    path = GOLDEN / f"{text_id}.json"
    current = _document_json(documents[text_id])
    if request.config.getoption("--update-golden"):
        path.write_text(current, encoding="utf-8")
        return
    assert path.is_file(), f"no golden file {path.name}: run pytest tests/corpus/test_golden.py --update-golden and review it"
    expected = path.read_text(encoding="utf-8")
    if current != expected:
        diff = _first_difference(expected, current)
        pytest.fail(f"{text_id}: the Document differs from {path.name} near: {diff}\n"
                    "If the change is intended: pytest tests/corpus/test_golden.py --update-golden, then review git diff.")


def _first_difference(expected: str, current: str) -> str:
    for number, (a, b) in enumerate(zip(expected.splitlines(), current.splitlines()), 1):
        if a != b:
            return f"line {number}: golden {a.strip()[:120]!r} / now {b.strip()[:120]!r}"
    return "(length differs)"
