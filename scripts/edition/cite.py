"""Step 8, cite: note text → works, one key per work across the corpus, and bib/.

(Placeholder until the citation work lands: no works, empty bib files.)
"""

from __future__ import annotations


def build_bibliography(edition):
    return None


def bib_files(edition) -> dict[str, str]:
    return {}


def check_problems(edition) -> list:
    return []
