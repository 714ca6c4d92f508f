"""Serve a built site (``site/``) on 127.0.0.1 with gzip, as a web server would: ``make preview``.

``mkdocs serve`` sends every file uncompressed; a reader's server compresses text. This
server gzips HTML, CSS, JavaScript, JSON, SVG and XML when the browser accepts it (each file
compressed once, kept in memory by path and modification time), so that what is measured
locally (``make lighthouse``) is what a reader downloads.

    python tools/serve.py [--port 8000] [--no-gzip] [site]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import threading
from pathlib import Path

COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-encoded where it helps; quiet."""

    gzip_enabled = True
    _cache: dict[tuple[str, float], bytes] = {}
    _lock = threading.Lock()

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            index = os.path.join(path, "index.html")
            if self.path.split("?")[0].endswith("/") and os.path.isfile(index):
                path = index
        content_type = self.guess_type(path)
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.gzip_enabled and accepts and os.path.isfile(path) and content_type.startswith(COMPRESSED_TYPES)):
            return super().send_head()
        body = self.compressed(path)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        return _Body(body)

    def compressed(self, path: str) -> bytes:
        key = (path, os.path.getmtime(path))
        with self._lock:
            if key not in self._cache:
                self._cache[key] = gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)
            return self._cache[key]


class _Body:
    """A file-like object over bytes, for ``SimpleHTTPRequestHandler.copyfile``."""

    def __init__(self, data: bytes):
        self.data = data

    def read(self, size: int = -1) -> bytes:
        chunk, self.data = (self.data, b"") if size < 0 else (self.data[:size], self.data[size:])
        return chunk

    def close(self) -> None:
        pass


def make_server(site: Path, port: int = 0, gzip_enabled: bool = True) -> http.server.ThreadingHTTPServer:
    handler_class = type("Handler", (SiteHandler,), {"gzip_enabled": gzip_enabled})
    handler = functools.partial(handler_class, directory=str(site))
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default="site", type=Path)
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--no-gzip", action="store_true")
    args = parser.parse_args()
    server = make_server(args.site, args.port, not args.no_gzip)
    print(f"serving {args.site}/ at http://127.0.0.1:{server.server_address[1]}/ "
          f"({'uncompressed' if args.no_gzip else 'gzip'}); Ctrl-C stops")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
