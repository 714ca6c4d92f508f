"""Step 6, convert: a text printed in traditional characters is read in simplified ones.

The configuration is OpenCC's ``t2s``: it changes character forms only. ``tw2sp`` would
also rewrite vocabulary (数位→数字, 软体→软件) and break idioms, which is wrong for a
mainland article that a website merely printed in traditional characters. The cleaned
traditional text is kept beside the converted one so that the reader can consult it.
"""

from __future__ import annotations

from functools import lru_cache

import opencc

from .pipeline import Rule

OPENCC_CONFIG = "t2s"


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC(OPENCC_CONFIG)


def convert_traditional_to_simplified(text: str) -> str:
    """Convert traditional characters to simplified with OpenCC ``t2s``: 構建 → 构建, 國際 → 国际.

    Only character forms change; wording, punctuation (「」『』) and Latin text are left as they are.
    """
    return _converter().convert(text)


def rules_for(meta) -> list[Rule]:
    if meta is not None and getattr(meta, "script", "simplified") == "traditional":
        return [convert_traditional_to_simplified]
    return []
