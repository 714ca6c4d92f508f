"""Step 3, layout: page-bottom notes out of the running text, paragraphs and words joined across page breaks.

(Rules are added by the layout work; until then this step changes nothing.)
"""

from __future__ import annotations

from .pipeline import Rule


def rules_for(meta) -> list[Rule]:
    return []
