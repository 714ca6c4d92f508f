"""The one ordered list of the rule steps. The pipeline runs it, the editorial principles
(凡例) are written from it, and the apparatus tells emendations from systematic rules by it.

Decoding (bytes to text, ``decode.py``) comes before the rules and changes no character;
``structure`` comes after them and turns the clean text into a Document.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

from ..model import Rule, rule_id
from . import convert, emend, layout, normalise, repair


@dataclass(frozen=True)
class Step:
    """One step: its rules come from ``module.rules_for(meta, sources)``; its docstring is the
    step's section of the 凡例 page, under ``title_zh`` / ``title_en``. ``individual`` steps
    list each change one by one in the apparatus (the emendations)."""

    name: str
    module: ModuleType
    title_zh: str
    title_en: str
    individual: bool = False

    def rules(self, meta, sources) -> list[Rule]:
        return self.module.rules_for(meta, sources)


STEPS = (
    Step("repair", repair, "修复网页损伤", "Repair"),
    Step("layout", layout, "版面：页码、页下注与跨页断行", "Layout"),
    Step("normalise", normalise, "规范化：标点、空格与标记", "Normalise"),
    Step("emend", emend, "校改", "Emend", individual=True),
    Step("convert", convert, "繁简转换", "Convert"),
)


def step_named(name: str) -> Step:
    return next(step for step in STEPS if step.name == name)


def rules_of_text(meta, sources) -> list[tuple[Step, list[Rule]]]:
    """Each step with the rules it runs on one text (``meta`` None: a file outside the corpus)."""
    return [(step, step.rules(meta, sources)) for step in STEPS]


def rule_ids_of_text(meta, sources) -> set[str]:
    """The ids of every rule that runs on one text."""
    return {rule_id(rule) for _step, rules in rules_of_text(meta, sources) for rule in rules}
