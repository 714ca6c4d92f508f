"""``edition bench``: time cleaning and building on the corpus, and on it replicated N times.

Speed and size targets live here, not in timed tests.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from .build import clean_text, generated_files, load_edition
from .cite.resolve import build_bibliography, edition_titles
from .pipeline import clean
from .site import document_markdown
from .sources import Sources, load_sources
from .steps.decode import decode_strict

#: The sizes of ``edition bench --size``, in MB (10⁶ bytes).
SIZES_MB = (1, 4, 16)


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


def corpus_of_size(sources: Sources, size: int) -> str:
    """One text of at least ``size`` bytes in UTF-8: the corpus's raw texts one after the
    other, repeated, cut after the paragraph that reaches the size."""
    corpus = "\n\n".join(m.raw_path.read_text(encoding="utf-8").strip("\n") for m in sources.texts) + "\n\n"
    copies = size // len(corpus.encode("utf-8")) + 1
    text = corpus * copies
    cut = len(text)
    excess = len(text.encode("utf-8")) - size
    if excess > 0:  # cut at a paragraph end past the size
        average = len(text.encode("utf-8")) / len(text)
        cut = text.find("\n\n", max(0, int(len(text) - excess / average))) + 2 or len(text)
    return text[:cut]


def clean_file(path: Path, sources: Sources) -> str:
    """What ``edition clean FILE`` does for a file outside the corpus, without the printing."""
    raw = decode_strict(path.read_bytes(), path)
    document = clean(raw, path.stem, None, sources, path)
    build_bibliography([(document.id, str(path), document)], sources.works, edition_titles(sources.texts))
    return document_markdown(document)


def run_sizes(root: Path, folder: Path, sizes_mb=SIZES_MB, repeat: int = 1) -> dict[int, float]:
    """Time ``edition clean`` on one text made of the corpus repeated to each size; print the
    time and the time per MB of each, and how the largest compares with the smallest."""
    sources = load_sources(root)
    times = {}
    for size in sizes_mb:
        path = folder / f"corpus-{size}mb.txt"
        path.write_text(corpus_of_size(sources, size * 1_000_000), encoding="utf-8")
        megabytes = path.stat().st_size / 1_000_000
        cpu = time.process_time()
        times[size] = _median_seconds(lambda: clean_file(path, sources), repeat)
        cpu = (time.process_time() - cpu) / max(1, repeat)
        print(f"clean {megabytes:.1f} MB: {times[size]:.2f} s ({times[size] / megabytes:.2f} s/MB; "
              f"CPU {cpu:.2f} s, {cpu / megabytes:.2f} s/MB)", flush=True)
        path.unlink()
    if len(times) > 1:
        small, large = min(times), max(times)
        print(f"{large} MB took {times[large] / times[small]:.1f}× the time of {small} MB "
              f"({large // small}× the size)")
    return times
