"""Reading reviewed YAML so that every value knows the line it came from."""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path
from typing import Any

import yaml

from ..errors import EditionError
from ..fingerprint import KeptResults


class Located(dict):
    """A mapping that remembers the line of each key (``lines[key]``) and its own line."""

    def __init__(self, *args: Any, line: int = 0, lines: dict[str, int] | None = None) -> None:
        super().__init__(*args)
        self.line = line
        self.lines = lines or {}


class LocatedList(list):
    def __init__(self, *args: Any, line: int = 0, lines: list[int] | None = None) -> None:
        super().__init__(*args)
        self.line = line
        self.lines = lines or []


#: libyaml's composer where PyYAML was built with it (about ten times faster); the marks
#: that give every value its line are the same.
COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


#: The values of the files read, pickled, by the hash of their text: kept while a build with a
#: cache runs (``keep_values``), so that a build after an edit of one raw file does not parse
#: YAML that did not change (most of the time of reading ``sources/``). None: nothing is kept.
VALUES: KeptResults | None = None


def keep_values(kept: dict[str, bytes] | None) -> None:
    """Keep the values of the files read from now on, starting with ``kept`` (an earlier
    build's, with the same code and PyYAML)."""
    global VALUES
    VALUES = KeptResults(dict(VALUES.results), changed=VALUES.changed) if VALUES else KeptResults()
    VALUES.take(kept)  # what this build reads is what it keeps


def values_read() -> dict[str, bytes]:
    """The kept values of the texts read since values are kept."""
    return VALUES.asked() if VALUES else {}


def parsed_anew() -> bool:
    """Whether a text was parsed since the last call (not taken from a kept value)."""
    return VALUES.made_anew() if VALUES else False


def load_yaml(path: str | Path) -> Any:
    """Load ``path`` keeping line numbers; a syntax error is an ``EditionError`` with its line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise EditionError(path, "file not found") from None
    except UnicodeDecodeError as error:
        raise EditionError(path, f"not valid UTF-8 ({error.reason})") from None
    if VALUES is None:
        return parse_yaml(text, path)
    digest = hashlib.sha256(f"{path}\0{text}".encode()).hexdigest()
    return pickle.loads(VALUES.get(digest, lambda: pickle.dumps(parse_yaml(text, path), protocol=pickle.HIGHEST_PROTOCOL)))


def parse_yaml(text: str, path: Path) -> Any:
    """The value of ``text`` (the file at ``path``), every mapping and list with its lines."""
    try:
        refuse_anchors_and_tags(text, path)
        node = yaml.compose(text, Loader=COMPOSER)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        raise EditionError(path, f"YAML syntax error: {problem}", mark.line + 1 if mark else None) from None
    if node is None:
        return None
    constructor = yaml.SafeLoader("")
    try:
        return _construct(node, path, constructor)
    finally:
        constructor.dispose()


def refuse_anchors_and_tags(text: str, path: Path) -> None:
    """Reviewed data is plain YAML: an anchor or alias (``&a``, ``*a``, which can multiply a
    small file into gigabytes) or an explicit tag on a list or mapping (``!!python/object``) is
    an ``EditionError`` at its line, found in one pass over the parser's events, before
    anything is built. (A tag on a scalar is left to the safe constructor, which knows
    ``!!str`` and refuses the rest.)"""
    for event in yaml.parse(text, Loader=COMPOSER):
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            raise EditionError(path, f"an alias (*{event.anchor}) is not allowed in reviewed data: write the value out", line)
        if getattr(event, "anchor", None):
            raise EditionError(path, f"an anchor (&{event.anchor}) is not allowed in reviewed data", line)
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)) and event.tag and not event.implicit:
            raise EditionError(path, f"the tag {event.tag!r} is not allowed in reviewed data", line)


def _construct(node: yaml.Node, path: Path, constructor: yaml.SafeLoader,
               parents: tuple[yaml.Node, ...] = ()) -> Any:
    line = node.start_mark.line + 1
    if any(node is parent for parent in parents):  # ``&a [*a]``: no end to it
        raise EditionError(path, "an alias refers to the list or mapping that contains it", line)
    parents = (*parents, node)
    if isinstance(node, yaml.MappingNode):
        result = Located(line=line)
        for key_node, value_node in node.value:
            key = _construct(key_node, path, constructor, parents)
            if isinstance(key, (dict, list)):
                raise EditionError(path, "a key cannot be a list or a mapping", key_node.start_mark.line + 1)
            if key in result:
                raise EditionError(path, f"duplicate key {key!r}", key_node.start_mark.line + 1)
            result[key] = _construct(value_node, path, constructor, parents)
            result.lines[key] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        items = [_construct(child, path, constructor, parents) for child in node.value]
        return LocatedList(items, line=line, lines=[c.start_mark.line + 1 for c in node.value])
    return _scalar(node, path, constructor)


def _scalar(node: yaml.ScalarNode, path: Path, constructor: yaml.SafeLoader) -> Any:
    """The value of a scalar; one YAML cannot read (``2025-13-01``, ``!!int x``, an unknown
    ``!tag``) is an ``EditionError`` at its line."""
    try:
        return constructor.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError as error:
        raise EditionError(path, f"cannot read {node.value!r}: {error.problem}", node.start_mark.line + 1) from None
    except (ValueError, OverflowError) as error:
        raise EditionError(path, f"cannot read {node.value!r} as {node.tag.rsplit(':', 1)[-1]}: {error}",
                           node.start_mark.line + 1) from None


def line_of(data: Any, key: str | int | None = None) -> int | None:
    """The line of ``data[key]`` (or of ``data`` itself) if it was loaded by ``load_yaml``."""
    if key is None:
        return getattr(data, "line", None)
    if isinstance(data, Located):
        return data.lines.get(key, data.line)  # type: ignore[arg-type]
    if isinstance(data, LocatedList) and isinstance(key, int) and key < len(data.lines):
        return data.lines[key]
    return getattr(data, "line", None)


def type_name(value: Any) -> str:
    """What a value is, in the words of YAML's reader: ``mapping``, ``list``, ``str``, ``int`` …"""
    if isinstance(value, dict):
        return "mapping"
    return "list" if isinstance(value, list) else type(value).__name__


def require_mapping(data: Any, path: Path, what: str, line: int | None = None) -> Located:
    """``data`` as a mapping; else an error at its line (``line``: where a scalar, which keeps
    no line of its own, stands)."""
    if not isinstance(data, dict):
        raise EditionError(path, f"{what} must be a mapping (key: value), found {type_name(data)}",
                           line_of(data) or line or 1)
    return data if isinstance(data, Located) else Located(data)


def check_fields(data: Located, schema: dict[str, tuple[Any, bool]], path: Path, what: str) -> None:
    """Every key of ``data`` is in ``schema`` ({key: (types, required)}), every required key is
    present, every value has its type and no text is empty; else an error at the key's line."""
    for key in data:
        if key not in schema:
            known = ", ".join(sorted(schema))
            raise EditionError(path, f"unknown key {key!r} in {what} (known keys: {known})", line_of(data, key))
    for key, (types, required) in schema.items():
        if key not in data or data[key] is None:
            if required:  # at the key's line if it stands there without a value
                raise EditionError(path, f"missing required field {key!r} in {what}", line_of(data, key))
            continue
        value = data[key]
        allowed = types if isinstance(types, tuple) else (types,)
        if (isinstance(value, bool) and bool not in allowed) or not isinstance(value, allowed):
            expected = " or ".join("mapping" if t is dict else t.__name__ for t in allowed)
            raise EditionError(path, f"field {key!r} must be {expected}, found {type_name(value)}", line_of(data, key))
        if isinstance(value, str) and not value.strip():
            raise EditionError(path, f"field {key!r} is empty", line_of(data, key))
