"""``supplied`` in ``sources/works.yaml``: the fields whose value the editor supplied from outside
the citing note. A bad example is one ``EditionError`` at the line that holds it (the same
method as ``test_sources.py``: a copy of the project with one string replaced)."""

from __future__ import annotations

import pytest

from edition.errors import EditionError
from edition.sources import load_sources

CASALINI = "    supplied: [location]\n    reason: >-\n      xue-zhao's note names OECD Publishing"


@pytest.mark.parametrize("new, marker, words", [
    pytest.param("    supplied: [publisher]\n    reason: >-\n      xue-zhao's note names OECD Publishing",
                 "supplied: [publisher]", "supplied lists 'publisher', which is not one of its fields",
                 id="not-a-field"),
    pytest.param("    supplied: [location]\n    entry_type: >-\n      xue-zhao's note names OECD Publishing",
                 "- key: casalini2019trade", "supplied data need a reason", id="no-reason"),
    pytest.param("      date: '2019-01-23'\n    supplied: [location, date]\n    reason: >-\n"
                 "      xue-zhao's note names OECD Publishing",
                 "supplied: [location, date]", "a supplied date cannot be bracketed", id="date"),
])
def test_a_bad_supplied_list_is_reported_at_its_line(project, new, marker, words):
    path = project.replace("works.yaml", CASALINI, new)
    line = project.line("works.yaml", marker)
    with pytest.raises(EditionError) as caught:
        load_sources(project.root)
    assert (caught.value.path, caught.value.line) == (str(path), line), str(caught.value)
    assert words in caught.value.message, str(caught.value)


def test_a_supplied_volume_cannot_be_bracketed(project):
    """biblatex's volume is an integer: biber would drop ``[629]``, so it is refused."""
    path = project.replace("works.yaml", '      volume: "629"\n', '      volume: "629"\n    supplied: [volume]\n')
    line = project.line("works.yaml", "supplied: [volume]")
    with pytest.raises(EditionError) as caught:
        load_sources(project.root)
    assert (caught.value.path, caught.value.line) == (str(path), line), str(caught.value)
    assert "a supplied volume cannot be bracketed (biber parses it as an integer)" in caught.value.message
