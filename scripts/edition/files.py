"""Writing a file atomically: the one way the edition writes what it makes (generated files, a
new raw file, the build cache, the build's fingerprint); the version of an installed library."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
import tempfile
from functools import lru_cache
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


@lru_cache(maxsize=None)
def installed_version(module: str) -> str:
    """What an installed library's answers depend on, found without importing it: the Python
    version and the module's own file (its version, and the time it was installed); read once
    a process, as the package's own modules are (``fingerprint.package_digest``)."""
    spec = importlib.util.find_spec(module)
    origin = Path(spec.origin) if spec and spec.origin else Path(module)
    digest = hashlib.sha256(f"{sys.version}\0{origin}\0".encode())
    if origin.is_file():
        digest.update(origin.read_bytes() + str(origin.stat().st_mtime_ns).encode())
    return digest.hexdigest()
