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

Which texts are traditional: the ``script`` of a text's metadata says so, and overrides
everything; a file without metadata (``edition clean`` of any file, ``edition new``) is
measured (``detect_script``): the share of its Han characters that OpenCC changes from
traditional to simplified against the share it changes the other way. On the corpus the two
are far apart (simplified texts: 0.0% / 33%; liang-song: 32% / 1.6%).
"""

from __future__ import annotations

import importlib
from functools import lru_cache

from ..model import Rule
from ..vocabulary import HAN_RUN

OPENCC_CONFIG = "tw2s"


@lru_cache(maxsize=1)
def opencc():
    """OpenCC, imported when a text is first converted or its script detected: a build after an
    edit of a simplified text does without it (its library and dictionaries, about 10 ms)."""
    return importlib.import_module("opencc")


@lru_cache(maxsize=1)
def _converter():
    return opencc().OpenCC(OPENCC_CONFIG)


def convert_traditional_to_simplified(text: str) -> str:
    """Convert traditional characters to simplified with OpenCC ``tw2s``: 構建 → 构建, 國際 → 国际,
    著力打造 → 着力打造.

    Only character forms change; wording (执行, 文件 stay as written), punctuation (「」『』) and
    Latin text are left as they are.
    """
    return _converter().convert(text)


#: The least share of Han characters that are traditional forms for a text to be read as traditional.
TRADITIONAL_MIN_SHARE = 0.05


@lru_cache(maxsize=1)
def _to_traditional():
    return opencc().OpenCC("s2t")


def script_shares(text: str) -> tuple[float, float, int]:
    """(share of Han characters that ``tw2s`` changes, share that ``s2t`` changes, Han characters)."""
    han = "".join(HAN_RUN.findall(text))
    if not han:
        return 0.0, 0.0, 0
    simplified = _converter().convert(han)
    traditional = _to_traditional().convert(han)
    changed_to_simplified = sum(a != b for a, b in zip(han, simplified))
    changed_to_traditional = sum(a != b for a, b in zip(han, traditional))
    return changed_to_simplified / len(han), changed_to_traditional / len(han), len(han)


def detect_script(text: str) -> str:
    """``traditional`` when at least 5% of the Han characters are traditional forms and they
    outnumber the simplified forms, else ``simplified``.

    >>> detect_script("構建全球治理行動共同體"), detect_script("构建全球治理行动共同体")
    ('traditional', 'simplified')
    >>> detect_script("人工智能")  # the same in both scripts
    'simplified'
    """
    to_simplified, to_traditional, _count = script_shares(text)
    return "traditional" if to_simplified >= TRADITIONAL_MIN_SHARE and to_simplified > to_traditional else "simplified"


def script_of(meta, text: str) -> str:
    """The script of a text: its metadata's ``script`` where there is metadata, else detected."""
    if meta is not None and getattr(meta, "script", None):
        return meta.script
    return detect_script(text)


def convert_detected_traditional(text: str) -> str:
    """For a text without metadata: convert it as ``convert_traditional_to_simplified`` does
    when it is detected as traditional (at least 5% of its Han characters traditional forms,
    more than the simplified forms: 國際 → 国际); a simplified text, or one whose characters
    are the same in both scripts, is never touched."""
    if detect_script(text) != "traditional":
        return text
    return convert_traditional_to_simplified(text)


def rules_for(meta, sources) -> list[Rule]:
    if meta is None:
        return [convert_detected_traditional]
    if meta.script == "traditional":
        return [convert_traditional_to_simplified]
    return []
