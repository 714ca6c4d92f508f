"""Step 2, repair: web damage — spam and site furniture, injected pinyin, mojibake.

(Rules are added by the repair work; until then this step changes nothing.)
"""

from __future__ import annotations

from .pipeline import Rule


def rules_for(meta) -> list[Rule]:
    return []
