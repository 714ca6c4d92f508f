"""Lighthouse 12 (mobile) on a text page and the glossary of a built site: ``make lighthouse``.

Serves the site (``site/``) twice — as ``python -m http.server`` would (uncompressed) and
with gzip (``tools/serve.py``) — runs Lighthouse with Debian's Chromium on each page, prints
the four scores, the bytes transferred and the total blocking time, and exits 1 if a page
misses the targets with gzip: performance ≥ 90, accessibility, best practices and SEO 100,
and at most 400 KiB for a text page. The JSON reports are kept under ``.lighthouse/``.

    python tools/lighthouse.py [site] [page …]
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

from serve import make_server

PAGES = ("texts/xue-zhao/", "glossary/")
CHROMIUM = "/usr/bin/chromium"
MAX_TEXT_PAGE_KIB = 400
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def run_lighthouse(url: str, output: Path) -> dict:
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    subprocess.run(["npx", "-y", "lighthouse@12", url, "--chrome-flags=--headless --no-sandbox",
                    "--output=json", f"--output-path={output}", "--quiet"], env=env, check=True)
    return json.loads(output.read_text(encoding="utf-8"))


def summary(report: dict) -> dict:
    audits = report["audits"]
    return {**{c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES},
            "KiB": round(audits["total-byte-weight"]["numericValue"] / 1024),
            "TBT ms": round(audits["total-blocking-time"]["numericValue"]),
            "DOM": int(audits["dom-size"]["numericValue"])}


def problems(page: str, figures: dict) -> list[str]:
    found = [f"{page}: {c} {figures[c]}" for c in CATEGORIES if figures[c] < (90 if c == "performance" else 100)]
    if page.startswith("texts/") and figures["KiB"] > MAX_TEXT_PAGE_KIB:
        found.append(f"{page}: {figures['KiB']} KiB transferred")
    return found


def main() -> int:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("site")
    pages = sys.argv[2:] or PAGES
    reports = Path(".lighthouse")
    reports.mkdir(exist_ok=True)
    failures = []
    for gzip_enabled in (False, True):
        server = make_server(site, 0, gzip_enabled)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            for page in pages:
                label = "gzip" if gzip_enabled else "plain"
                name = page.strip("/").replace("/", "-") or "home"
                url = f"http://127.0.0.1:{server.server_address[1]}/{page}"
                figures = summary(run_lighthouse(url, reports / f"{name}.{label}.json"))
                print(f"{label:5} {page:20} " + "  ".join(f"{k} {v}" for k, v in figures.items()), flush=True)
                if gzip_enabled:
                    failures += problems(page, figures)
        finally:
            server.shutdown()
            server.server_close()
    for failure in failures:
        print("below target:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
