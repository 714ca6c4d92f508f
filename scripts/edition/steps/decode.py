"""Step 1: bytes to text. Strict UTF-8; anything else is a clear error naming the file and line."""

from __future__ import annotations

from pathlib import Path

from ..errors import EditionError


def decode_strict(data: bytes, path: str | Path) -> str:
    """Decode ``data`` as UTF-8 or raise an ``EditionError`` naming the first bad line.

    An empty file and a file with NUL bytes (binary) are errors too: there is nothing to edit.
    """
    if not data.strip():
        raise EditionError(path, "the file is empty: there is no text to clean")
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise EditionError(path, "the file is binary (it contains NUL bytes), not a text", line)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise EditionError(
            path,
            f"not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}); "
            "convert the file to UTF-8 first, e.g. iconv -f GBK -t UTF-8",
            line,
        ) from None
    return text
