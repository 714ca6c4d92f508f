"""The examples in the docstrings of scripts/edition that can run (``>>>``) run, and pass."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import edition

MODULES = sorted(module.name for module in pkgutil.walk_packages(edition.__path__, "edition."))


def examples(name: str) -> list[doctest.DocTest]:
    return [test for test in doctest.DocTestFinder().find(importlib.import_module(name)) if test.examples]


@pytest.mark.parametrize("name", [name for name in MODULES if examples(name)])
def test_docstring_examples(name):
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in examples(name):
        runner.run(test)
    assert runner.failures == 0, f"{runner.failures} of {runner.tries} examples fail in {name}"


def test_the_vocabulary_pinyin_and_reviewed_data_have_examples():
    assert {"edition.vocabulary", "edition.pinyin", "edition.sources.headings", "edition.sources.works"} <= \
        {name for name in MODULES if examples(name)}
