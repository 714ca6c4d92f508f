from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

TEXT_IDS = ["xue-zhao", "cai", "li", "yan", "liang-song"]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def raw_text(text_id: str) -> str:
    return (ROOT / "sources" / "raw" / f"{text_id}.txt").read_text(encoding="utf-8")


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/*.json from the current pipeline (review the diff!)")
