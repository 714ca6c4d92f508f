"""How the suite itself is run: pytest rewrites the assertions of our tests and of no library
(the plugins are named in pyproject.toml's ``addopts``, not loaded from every installed
distribution; see the comment there), and what a process keeps for the whole run is frozen out
of the cycle collector's sight."""

from __future__ import annotations

import gc
import sys

import hypothesis.core
from _pytest.assertion.rewrite import AssertionRewritingHook


def test_our_tests_are_rewritten_and_hypothesis_is_not():
    assert isinstance(sys.modules[__name__].__loader__, AssertionRewritingHook)
    assert not isinstance(hypothesis.core.__loader__, AssertionRewritingHook)


def test_the_corpus_kept_for_the_run_is_out_of_the_collector_s_sight(edition):
    """The session's cold build is frozen (``gc.freeze`` in tests/conftest.py): no full
    collection of the cycle collector walks its Documents again."""
    documents = {id(document) for document in edition.documents}
    assert gc.get_freeze_count() > 0
    assert not any(id(obj) in documents for obj in gc.get_objects(generation=2))
