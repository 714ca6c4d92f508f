"""The house plan of scripts/edition, read from the code with ``ast``: imports run one way
(a module imports only from its own layer or the layers below), there is no import cycle,
no function imports inside itself except in cli.py, and each piece of the Chinese-text
vocabulary is defined once, in vocabulary.py. And no test imports a conftest (fixtures only).

Run alone: ``.venv/bin/python -m pytest tests/test_architecture.py -q``. A failure names
the module and the import.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "scripts" / "edition"

#: The layers, bottom first. A module may import from its own layer and from layers below.
LAYERS = [
    ["errors", "files", "vocabulary", "model", "markers", "pinyin", "segment", "likelihood", "fingerprint",
     "markdown_patterns", "finished_html"],
    ["sources"],
    ["steps"],
    ["structure"],
    ["pipeline"],
    ["cite", "gloss", "lacunae"],
    ["site"],
    ["build", "cache"],
    ["check", "bench", "watch", "damage", "new"],
    ["cli"],
]
LAYER = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def module_name(path: Path) -> str:
    """``scripts/edition/site/text.py`` → ``site.text``; a package's ``__init__`` is the package."""
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py")) if module_name(path)}


def top(name: str) -> str:
    """The room a module belongs to: its first component (``site.text`` → ``site``)."""
    return name.split(".")[0]


def imported_modules(name: str, tree: ast.Module, known=None) -> list[tuple[str, int, bool]]:
    """(module of the package it imports, line, whether inside a function) for each relative
    import of module ``name``; ``known`` is the set of the package's modules."""
    known = MODULES if known is None else known
    package = name.split(".") if name in MODULES and MODULES[name].name == "__init__.py" else name.split(".")[:-1]
    found = []
    in_function: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            in_function.update(id(child) for child in ast.walk(node) if child is not node)
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom) or node.level == 0:
            continue
        base = package[: len(package) - (node.level - 1)]
        target = ".".join(base + ([node.module] if node.module else []))
        candidates = [target] if node.module else []
        candidates += [f"{target}.{alias.name}".strip(".") for alias in node.names]
        for candidate in candidates:
            if candidate in known:
                found.append((candidate, node.lineno, id(node) in in_function))
    return found


@pytest.fixture(scope="module")
def graph() -> dict[str, list[tuple[str, int, bool]]]:
    """The package's modules and what each imports (read when a test asks, not when pytest
    collects: under pytest-xdist every process collects every module)."""
    return {name: imported_modules(name, ast.parse(path.read_text(encoding="utf-8"))) for name, path in MODULES.items()}


def test_every_module_has_a_layer():
    assert sorted({top(name) for name in MODULES if top(name) not in LAYER}) == []


def test_imports_run_one_way(graph):
    upward = [f"{name} imports {target} (line {line}): {top(target)} is above {top(name)}"
              for name, imports in graph.items() for target, line, _ in imports
              if LAYER[top(target)] > LAYER[top(name)]]
    assert upward == []


def test_no_import_cycle(graph):
    cycles = []
    state: dict[str, str] = {}

    def visit(name: str, path: list[str]) -> None:
        state[name] = "open"
        for target, _line, _local in graph[name]:
            if target == name:
                continue
            if state.get(target) == "open":
                cycles.append(" → ".join(path[path.index(target):] + [target]))
            elif target not in state:
                visit(target, path + [target])
        state[name] = "done"

    for name in MODULES:
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_no_function_local_imports_outside_cli(graph):
    local = [f"{name} line {line} imports {target}" for name, imports in graph.items()
             for target, line, inside in imports if inside and name != "cli"]
    assert local == []


def test_the_reader_of_imports_sees_an_upward_and_a_local_import():
    """The walk above is no tautology: a made-up module of steps/ with both faults is read right."""
    tree = ast.parse("from ..site import markup\nfrom .repair import is_injected\n\ndef f():\n    from .. import cli\n")
    imports = imported_modules("steps.bad", tree, set(MODULES) | {"steps.bad"})
    assert sorted(imports) == [("cli", 5, True), ("site", 1, False), ("site.markup", 1, False),
                               ("steps.repair", 2, False)]
    assert LAYER[top("site.markup")] > LAYER[top("steps.bad")]


def test_the_graph_holds_the_real_imports(graph):
    assert {"steps.registry", "structure", "model"} <= {target for target, _, _ in graph["pipeline"]}
    assert {"steps.convert", "vocabulary"} <= {target for target, _, _ in graph["structure"]}


# --- the vocabulary, defined once ---------------------------------------------------------------

#: Literal pieces of the vocabulary that must appear in vocabulary.py only.
VOCABULARY_PIECES = {
    "the Han range": re.compile(r"\\u4e00|\\u9fff|\\u3400"),
    "the Hangul range": re.compile(r"\\uac00"),
    "the CJK punctuation ranges": re.compile(r"\\u3000-\\u303f|\\uff00-\\uffef"),
    "the circled numbers": re.compile("①②③|①-⑳"),
    "the Chinese numerals": re.compile("一二三四五六七八九十"),
    "the tone-marked vowels": re.compile("āáǎà"),
    "the lacuna mark": re.compile("〓\"|'〓'"),
    "the front-matter labels": re.compile(r"关键词\W{0,6}關鍵詞|中图分类号\W{0,6}中圖分類號"),
}


def test_vocabulary_is_defined_once():
    copies = []
    for name, path in MODULES.items():
        if name == "vocabulary":
            continue
        text = path.read_text(encoding="utf-8")
        for what, pattern in VOCABULARY_PIECES.items():
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                copies.append(f"{name} line {line}: {what} ({match.group(0)!r}) — import it from vocabulary.py")
    assert copies == []


@pytest.mark.parametrize("what", list(VOCABULARY_PIECES))
def test_vocabulary_py_defines_each_piece(what):
    """Each pattern above finds its piece in vocabulary.py, so a copy elsewhere would be found too."""
    assert VOCABULARY_PIECES[what].search((PACKAGE / "vocabulary.py").read_text(encoding="utf-8"))


TESTS = Path(__file__).resolve().parent


def conftest_imports(path: Path, folder: Path = TESTS) -> list[str]:
    """The imports of a ``conftest`` module in the test file at ``path`` (``from .conftest
    import …``, ``import conftest``), as ``file:line`` under ``folder``: a test asks for what
    it needs as a fixture instead."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = [node.module or ""] if isinstance(node, ast.ImportFrom) else \
            [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
        if any(name.split(".")[-1] == "conftest" for name in names):
            found.append(f"{path.relative_to(folder)}:{node.lineno}")
    return found


def test_no_test_imports_a_conftest():
    assert [place for path in sorted(TESTS.rglob("*.py")) for place in conftest_imports(path)] == []


def test_the_reader_of_conftest_imports_sees_each_form(tmp_path):
    sample = tmp_path / "test_sample.py"
    sample.write_text("from .conftest import copy_project\nimport conftest\nfrom tests.conftest import x\n"
                      "from . import fixtures\nimport json\n", encoding="utf-8")
    assert conftest_imports(sample, tmp_path) == ["test_sample.py:1", "test_sample.py:2", "test_sample.py:3"]
