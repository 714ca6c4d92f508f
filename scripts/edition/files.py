"""Writing a file atomically: the one way the edition writes what it makes (generated files, a
new raw file, the build cache, the build's fingerprint)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(target: Path, content: str | bytes) -> None:
    """Write ``content`` (text as UTF-8 with LF line ends, or bytes unchanged) to a temporary
    file beside ``target`` and move it into place; on any interruption (an error, Ctrl-C) the
    temporary file is removed and ``target`` is untouched."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        if isinstance(content, bytes):
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
        else:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                stream.write(content)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
