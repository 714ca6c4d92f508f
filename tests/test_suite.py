"""How the suite itself is run: pytest rewrites the assertions of our tests and of no library
(the plugins are named in pyproject.toml's ``addopts``, not loaded from every installed
distribution; see the comment there)."""

from __future__ import annotations

import sys

import hypothesis.core
from _pytest.assertion.rewrite import AssertionRewritingHook


def test_our_tests_are_rewritten_and_hypothesis_is_not():
    assert isinstance(sys.modules[__name__].__loader__, AssertionRewritingHook)
    assert not isinstance(hypothesis.core.__loader__, AssertionRewritingHook)
