"""Step 9, gloss: occurrences of the glossary's terms in the texts.

(Placeholder until the glossary work lands.)
"""

from __future__ import annotations


def build_glossary(edition):
    return None


def check_problems(edition) -> list:
    return []
