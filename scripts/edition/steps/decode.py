"""Step 1: bytes to text. Strict UTF-8; anything else is a clear error naming the file and line
(UTF-16 and UTF-32 by their byte-order mark, with the ``iconv`` command that converts them).
A UTF-8 byte-order mark and CRLF or CR line ends are decoded as they stand: the first repair
rules remove them, so that the record keeps them (``repair.remove_byte_order_mark``,
``repair.normalise_line_ends``)."""

from __future__ import annotations

import codecs
from pathlib import Path

from ..errors import EditionError


#: Byte-order marks of the encodings that are not UTF-8, longest first (UTF-32LE begins
#: like UTF-16LE), with the name ``iconv -f`` takes.
WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32 (little-endian)", "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32 (big-endian)", "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16 (little-endian)", "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16 (big-endian)", "UTF-16"),
)


def decode_strict(data: bytes, path: str | Path) -> str:
    """Decode ``data`` as UTF-8 or raise an ``EditionError`` naming the first bad line.

    An empty file and a file with NUL bytes (binary) are errors too: there is nothing to edit.
    """
    if not data.strip():
        raise EditionError(path, "the file is empty: there is no text to clean")
    for mark, encoding, iconv_name in WIDE_BOMS:
        if data.startswith(mark):
            raise EditionError(path, f"the file is {encoding} (it begins with its byte-order mark), not UTF-8; "
                                     f"convert it with: iconv -f {iconv_name} -t UTF-8 {Path(path).name} > converted.txt", 1)
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
