"""``edition bench``: time cleaning and building on the corpus, and on it replicated N times.

Speed and size targets live here, not in timed tests.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from .build import clean_text, generated_files, load_edition
from .damage import corpus_copies, recovery_table
from .sources import load_sources
from .vocabulary import LACUNA


def _median_seconds(function, repeat: int) -> float:
    times = []
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(root: Path, scale: int = 1, repeat: int = 3) -> int:
    sources = load_sources(root)
    metas = sources.texts
    size = sum(m.raw_path.stat().st_size for m in metas)

    def clean_all() -> None:
        for _ in range(scale):
            for meta in metas:
                clean_text(meta, sources)

    def build_all() -> None:
        for _ in range(scale):
            generated_files(load_edition(root))

    clean_time = _median_seconds(clean_all, repeat)
    build_time = _median_seconds(build_all, repeat)
    total = size * scale
    print(f"corpus: {len(metas)} texts × {scale} = {total / 1024:.0f} KiB")
    print(f"clean: median {clean_time:.2f} s ({total / 1024 / clean_time:.0f} KiB/s) over {repeat} runs")
    print(f"build: median {build_time:.2f} s over {repeat} runs")
    return 0


def run_damage(root: Path, seeds: int) -> int:
    """The recovery table of the damage simulator: each kind alone and mixed, ``seeds`` seeds each."""
    sources = load_sources(root)
    documents = [clean_text(meta, sources) for meta in sources.texts if meta.script == "simplified"]
    start = time.perf_counter()
    table = recovery_table(documents, sources, seeds=seeds)
    print(f"damage simulator: {seeds} seeds per kind, {time.perf_counter() - start:.1f} s")
    print(f"{'kind':<24} {'repaired':>9} {'or marked':>10} {'damage':>7} {'left':>5} {LACUNA:>4} {'most Han left':>14}")
    for kind, (share, with_marked, total, left, marked, worst) in table.items():
        print(f"{kind:<24} {share:>8.1%} {with_marked:>10.1%} {total:>7} {left:>5} {marked:>4} {worst:>14}")
    print("each corpus text with two to four kinds more (cleaned without metadata; bound max(10, length/1000)):")
    within = 0
    rows = [row for seed in range(max(1, seeds // 10)) for row in corpus_copies(sources.texts, sources, seed)]
    for text_id, kinds, length, off, bound, conserved, problems in rows:
        within += off <= bound or problems > 0
        print(f"  {text_id:<11} {off:>4} of {length:>5} Han off (bound {bound:>2}), {problems} place(s) named, "
              f"record {'holds' if conserved else 'BROKEN'}: {', '.join(kinds)}")
    print(f"  within the bound or named: {within} of {len(rows)}")
    return 0
