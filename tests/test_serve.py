"""tools/serve.py (``make preview``, ``make lighthouse``): the built site served with gzip when the
browser accepts it, as a reader's server would, and unchanged when it does not."""

from __future__ import annotations

import gzip
import sys
import threading
import urllib.request
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
from serve import make_server  # noqa: E402 - tools/ is not a package

PAGE = "<!doctype html><p>数据安全</p>" * 200


@pytest.fixture
def served(tmp_path):
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "index.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG" + bytes(400))

    def serve(gzip_enabled=True):
        server = make_server(tmp_path, 0, gzip_enabled)
        # shutdown() waits for the loop's next look at its flag: every 0.05 s, not the default 0.5
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    servers = []
    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


def get(url, encoding="gzip"):
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    with urllib.request.urlopen(request) as response:
        return response.headers, response.read()


def test_text_is_sent_gzipped_when_accepted(served):
    headers, body = get(served() + "texts/")
    assert headers["Content-Encoding"] == "gzip" and headers["Vary"] == "Accept-Encoding"
    assert gzip.decompress(body).decode("utf-8") == PAGE
    assert int(headers["Content-Length"]) == len(body) < len(PAGE.encode("utf-8")) / 10


@pytest.mark.parametrize("path,encoding,enabled", [
    pytest.param("texts/", None, True, id="browser-without-gzip"),
    pytest.param("logo.png", "gzip", True, id="image"),
    pytest.param("texts/", "gzip", False, id="no-gzip-option"),
])
def test_sent_as_is(served, path, encoding, enabled):
    headers, body = get(served(enabled) + path, encoding)
    assert headers["Content-Encoding"] is None
    expected = PAGE.encode("utf-8") if path == "texts/" else b"\x89PNG" + bytes(400)
    assert body == expected
