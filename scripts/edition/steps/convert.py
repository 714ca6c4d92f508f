"""Step 6, convert: a text printed in traditional characters is read in simplified ones.

The configuration is OpenCC's ``tw2s``: Taiwan-standard character forms to simplified
ones, character forms only. The site that printed liang-song converted a mainland article into
Taiwan-style forms, and plain ``t2s`` gives one of them back wrongly: Taiwan writes 著 for
着, and ``t2s`` leaves ``著力打造`` as 著力, a form mainland text does not use (the
article has 着力打造); ``tw2s`` reads Taiwan's variant forms first and gives 着力, while
顯著 → 显著 and 著作 → 著作 stay right. On the repaired text of liang-song this is the only place
where the two configurations differ (checked against 瞭/了, 乾/干, 麼, 裡, 係/系, 於/于, 後/后:
all converted alike and correctly). ``tw2sp`` is wrong for this text: it also rewrites
vocabulary (执行→运行, 文件→文档, 建立→创建, 核心→内核), which would change the authors'
words. Characters the site left in simplified form (并, 于, 后, 范, 征, 采) come through as
they are. The cleaned traditional text is kept beside the converted one
(``document.traditional``) so that the reader can consult it.
"""

from __future__ import annotations

from functools import lru_cache

import opencc

from ..model import Rule

OPENCC_CONFIG = "tw2s"


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC(OPENCC_CONFIG)


def convert_traditional_to_simplified(text: str) -> str:
    """Convert traditional characters to simplified with OpenCC ``tw2s``: 構建 → 构建, 國際 → 国际,
    著力打造 → 着力打造.

    Only character forms change; wording (执行, 文件 stay as written), punctuation (「」『』) and
    Latin text are left as they are.
    """
    return _converter().convert(text)


def rules_for(meta, sources) -> list[Rule]:
    if meta is not None and meta.script == "traditional":
        return [convert_traditional_to_simplified]
    return []
