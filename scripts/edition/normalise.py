"""Step 4, normalise: punctuation width, spaces inside Chinese, markup artefacts.

(Rules are added by the normalisation work; until then this step changes nothing.)
"""

from __future__ import annotations

from .pipeline import Rule


def rules_for(meta) -> list[Rule]:
    return []
