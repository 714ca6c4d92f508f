"""``edition bench``: how the build grows with the corpus, and how fast the serve loop shows an edit.

``--corpus 1 2 5 10`` builds, for each N, a real corpus of N times the texts (each copy under
a new id, with its own metadata, emendations and heading translations) in a temporary copy of
the project, through ``edition build`` and ``mkdocs build`` as whole processes, and prints the
CPU time per text and the size of the search index. ``--rebuild R`` times, in R rounds, a
full cold rebuild against a bare Material build of the raw texts and an ``edition build``
after an edit of one raw file against a cold one, and the peak memory of ``edition build``.
``--serve`` runs ``edition watch`` and ``mkdocs serve`` in a temporary copy, edits a raw file
and times until the served page shows the edit. Speed and size targets live here, not in
timed tests; times are CPU seconds of the child processes (the machine is shared: wall time
drifts, CPU time less).
"""

from __future__ import annotations

import compileall
import hashlib
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

import yaml
from mkdocs.utils.yaml import yaml_load

from .build import clean_text
from .cite.resolve import build_bibliography, edition_titles
from .pipeline import clean
from .site import document_markdown
from .damage import LOSSY_KINDS, TARGET, TARGET_ALONE, corpus_copies, recovery_table
from .fingerprint import PACKAGE, find_root
from .new import with_nav_entry
from .sources import Sources, load_sources
from .steps.decode import decode_strict
from .vocabulary import LACUNA

#: The sizes of ``edition bench --size``, in MB (10⁶ bytes).
SIZES_MB = (1, 4, 16)

#: What a copy of the project needs for a build; the generated folders come along so that a
#: build of the copy at N = 1 writes nothing new.
PROJECT = ("sources", "docs", "bib", "mkdocs.yml")
#: The flags of ``mkdocs serve`` in ``make serve`` (the Makefile's serve target).
SERVE_FLAGS = ("--dirty", "--no-strict")
QUIET = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def copy_project(root: Path, target: Path) -> Path:
    for name in PROJECT:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__", ".cache"))
        else:
            shutil.copy2(source, target / name)
    return target


def replicate(project: Path, copies: int) -> list[str]:
    """Add ``copies - 1`` copies of every text under new ids (``<id>-2``, …); the new ids."""
    sources = project / "sources"
    metas = sorted((sources / "texts").glob("*.yaml"))
    emendations = yaml.safe_load((sources / "emendations.yaml").read_text(encoding="utf-8")) or []
    headings = yaml.safe_load((sources / "headings.yaml").read_text(encoding="utf-8")) or {}
    new_ids = []
    for copy in range(2, copies + 1):
        for meta_path in metas:
            meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
            old, new = meta["id"], f"{meta['id']}-{copy}"
            meta.update(id=new, raw=f"{new}.txt", original_filename=f"{copy:03d}-{meta['original_filename']}",
                        title=f"{meta['title']}（副本{copy}）")
            shutil.copy2(sources / "raw" / f"{old}.txt", sources / "raw" / f"{new}.txt")
            (sources / "texts" / f"{new}.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False),
                                                           encoding="utf-8")
            emendations += [{**entry, "id": f"{entry['id']}-{copy}", "text": new}
                            for entry in list(emendations) if entry["text"] == old]
            if old in headings:
                headings[new] = dict(headings[old])
            new_ids.append(new)
    (sources / "emendations.yaml").write_text(yaml.safe_dump(emendations, allow_unicode=True, sort_keys=False),
                                              encoding="utf-8")
    (sources / "headings.yaml").write_text(yaml.safe_dump(headings, allow_unicode=True, sort_keys=False),
                                           encoding="utf-8")
    add_to_nav(project / "mkdocs.yml", new_ids)
    return new_ids


def add_to_nav(mkdocs_yml: Path, text_ids: list[str]) -> None:
    """List the new texts' pages after the last text page of the navigation (as ``edition new``
    does), with the traditional page of each copy of liang-song."""
    pages = text_ids + [f"{text_id}-traditional" for text_id in text_ids if text_id.rsplit("-", 1)[0] == "liang-song"]
    mkdocs_yml.write_text(with_nav_entry(mkdocs_yml, pages), encoding="utf-8")


def child_cpu(command: list[str], cwd: Path) -> float:
    """Run ``command`` to the end; the CPU seconds (user + system) it and its children used."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run(command, cwd=cwd, env=QUIET, capture_output=True, text=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"edition bench: {' '.join(command)} failed:\n{result.stderr[-2000:]}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def edition_command(project: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "edition.cli", "--root", str(project), *args]


def mkdocs_command() -> list[str]:
    return [str(Path(sys.executable).with_name("mkdocs")), "build", "--strict", "-q", "-d", "site"]


def measure_corpus(root: Path, copies: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="edition-bench-") as folder:
        project = copy_project(root, Path(folder))
        replicate(project, copies)
        texts = len(list((project / "sources" / "texts").glob("*.yaml")))
        build = child_cpu(edition_command(project, "build", "--no-cache"), project)
        site = child_cpu(mkdocs_command(), project)
        index = (project / "site" / "assets" / "search" / "index.json").stat().st_size
        page = (project / "site" / "texts" / "cai" / "index.html").stat().st_size
    return {"n": copies, "texts": texts, "build": build, "site": site, "index": index, "page": page}


def run_corpus(root: Path, sizes: list[int]) -> int:
    print(f"{'N':>3} {'texts':>5} {'edition s':>9} {'mkdocs s':>9} {'per text s':>10} {'index KiB':>9} {'cai page KiB':>12}")
    first = None
    for size in sizes:
        row = measure_corpus(root, size)
        per_text = (row["build"] + row["site"]) / row["texts"]
        first = first or per_text
        print(f"{row['n']:>3} {row['texts']:>5} {row['build']:>9.2f} {row['site']:>9.2f} {per_text:>10.3f} "
              f"{row['index'] / 1024:>9.0f} {row['page'] / 1024:>12.1f}   ({per_text / first:.2f}× per text of N={sizes[0]})",
              flush=True)
    print("times are CPU seconds of the whole processes (edition build --no-cache, mkdocs build --strict)")
    return 0


# --- the cost of a full and of an incremental rebuild ---------------------------------------

#: The yardstick of a full rebuild: a bare Material build of the raw texts as they are, with the
#: Chinese search a Material site needs for them.
BARE_MKDOCS = """site_name: bare
theme:
  name: material
  language: zh
plugins:
  - search:
      lang: zh
"""
#: The edit the incremental build follows, made and undone in turn (a phrase of cai's text).
EDIT = ("重塑全球治理体系", "重塑全球治理格局")


def bare_project(root: Path, target: Path) -> Path:
    """A bare Material site in ``target``: each raw file of ``root`` a page as it stands, and
    an index page listing them."""
    docs = target / "docs"
    docs.mkdir(parents=True)
    names = []
    for raw in sorted((root / "sources" / "raw").glob("*.txt")):
        shutil.copy2(raw, docs / f"{raw.stem}.md")
        names.append(raw.stem)
    (docs / "index.md").write_text("# texts\n\n" + "".join(f"- [{name}]({name}.md)\n" for name in names),
                                   encoding="utf-8")
    (target / "mkdocs.yml").write_text(BARE_MKDOCS, encoding="utf-8")
    return target


def process_usage(command: list[str], cwd: Path) -> tuple[float, float]:
    """Run ``command`` to the end: the CPU seconds (user + system) and the peak memory (MiB)
    of that one process, as the operating system accounts them when it exits."""
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, cwd=cwd, env=QUIET, stdout=subprocess.DEVNULL, stderr=errors)
        _pid, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            raise SystemExit(f"edition bench: {' '.join(command)} failed:\n{errors.read().decode()[-2000:]}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def rebuild_round(project: Path, bare: Path, edit: tuple[str, str]) -> dict:
    """One round, each command a whole process: the bare build, a cold build of the edition
    (``edition build --no-cache`` then ``mkdocs build --strict``), an ``edition build`` after
    ``edit`` to cai's raw file, and one after a touch of it (no content changed)."""
    bare_cpu, _ = process_usage([str(Path(sys.executable).with_name("mkdocs")), "build", "-q"], bare)
    cold_cpu, peak = process_usage(edition_command(project, "build", "--no-cache"), project)
    site_cpu, _ = process_usage(mkdocs_command(), project)
    edit_raw(project, "cai", *edit)
    incremental_cpu, incremental_peak = process_usage(edition_command(project, "build"), project)
    (project / "sources" / "raw" / "cai.txt").touch()
    touched_cpu, _ = process_usage(edition_command(project, "build"), project)
    return {"bare": bare_cpu, "cold": cold_cpu, "site": site_cpu, "incremental": incremental_cpu,
            "touched": touched_cpu, "peak": max(peak, incremental_peak)}


def with_bytecode() -> None:
    """Byte-compile the package, as pip compiles MkDocs and Material on install: every process
    then loads the package as installed code does, whatever ``PYTHONDONTWRITEBYTECODE`` says
    (set, the package's 50-odd modules are compiled from source in every ``edition`` process,
    about 0.07 s, while MkDocs runs from its bytecode). Python ignores a stale file."""
    compileall.compile_dir(PACKAGE, quiet=1)


def run_rebuild(root: Path, rounds: int) -> int:
    """The full cold rebuild against a bare Material build, and an incremental build after an
    edit against a cold one: medians over ``rounds`` rounds, each ratio taken within a round
    (the machine's speed drifts between rounds, less within one)."""
    with_bytecode()
    with tempfile.TemporaryDirectory(prefix="edition-rebuild-") as folder:
        (Path(folder) / "edition").mkdir()
        project = copy_project(root, Path(folder) / "edition")
        bare = bare_project(root, Path(folder) / "bare")
        for edit in (None, EDIT, EDIT[::-1]):  # the cache as a maintainer's loop has it after a first edit
            if edit:
                edit_raw(project, "cai", *edit)
            process_usage(edition_command(project, "build"), project)
        rows = [rebuild_round(project, bare, EDIT if n % 2 == 0 else EDIT[::-1]) for n in range(max(1, rounds))]
    median = {key: statistics.median(row[key] for row in rows) for key in rows[0]}
    full = statistics.median((row["cold"] + row["site"]) / row["bare"] for row in rows)
    incremental = statistics.median(row["incremental"] / row["cold"] for row in rows)
    print(f"rebuild: CPU seconds of whole processes, medians of {len(rows)} round(s), the package byte-compiled")
    print(f"  bare Material build of the raw texts     {median['bare']:6.2f}")
    print(f"  edition build --no-cache                 {median['cold']:6.2f}")
    print(f"  mkdocs build --strict                    {median['site']:6.2f}")
    print(f"  full cold rebuild (the two)              {median['cold'] + median['site']:6.2f}   {full:.2f}× bare")
    print(f"  edition build after an edit of cai       {median['incremental']:6.2f}   {incremental:.2f}× cold edition build")
    print(f"  edition build after a touch of cai       {median['touched']:6.2f}   (no content changed)")
    print(f"  peak memory of edition build             {median['peak']:6.0f} MiB")
    return 0


# --- the serve loop -------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def served_path(mkdocs_yml: Path) -> str:
    """The path under which ``mkdocs serve`` serves the site: that of ``site_url`` as MkDocs
    reads it (``!ENV [SITE_URL, ""]`` from the environment the serve process is given)."""
    with mkdocs_yml.open("rb") as stream:
        site_url = yaml_load(stream).get("site_url") or ""
    return urllib.parse.urlsplit(site_url).path.rstrip("/") + "/"


def wait_for(url: str, marker: str, timeout: float) -> float | None:
    """Seconds until the page at ``url`` contains ``marker`` (None: not within ``timeout``)."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if marker in fetch(url):
            return time.perf_counter() - started
        time.sleep(0.05)
    return None


def edit_raw(project: Path, text_id: str, old: str, new: str) -> None:
    """Edit a raw file and record its new hash in its metadata, as a maintainer does."""
    raw = project / "sources" / "raw" / f"{text_id}.txt"
    meta = project / "sources" / "texts" / f"{text_id}.yaml"
    before = hashlib.sha256(raw.read_bytes()).hexdigest()
    raw.write_text(raw.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    after = hashlib.sha256(raw.read_bytes()).hexdigest()
    meta.write_text(meta.read_text(encoding="utf-8").replace(before, after), encoding="utf-8")


def run_serve(root: Path, edits: int = 3, marker: str = "QZXJ", timeout: float = 30.0) -> int:
    """Time ``edits`` edits of a raw file until ``mkdocs serve`` serves them, with ``edition
    watch`` beside it (as ``make serve`` runs them); print each and the median."""
    times: list[float | None] = []
    with tempfile.TemporaryDirectory(prefix="edition-serve-") as folder:
        project = copy_project(root, Path(folder))
        subprocess.run(edition_command(project, "build"), env=QUIET, capture_output=True, check=True)
        port = free_port()
        url = f"http://127.0.0.1:{port}{served_path(project / 'mkdocs.yml')}texts/cai/"
        mkdocs = str(Path(sys.executable).with_name("mkdocs"))
        processes = [
            subprocess.Popen(edition_command(project, "watch"), cwd=project, env=QUIET,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
            subprocess.Popen([mkdocs, "serve", *SERVE_FLAGS, "-a", f"127.0.0.1:{port}"], cwd=project, env=QUIET,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
        ]
        try:
            if wait_for(url, "重塑", 60.0) is None:
                raise SystemExit("edition bench: mkdocs serve did not serve the page")
            previous = "重塑全球治理体系"
            for edit in range(1, edits + 1):
                time.sleep(1.0)
                current = f"重塑{marker}{edit}全球治理体系"
                edit_raw(project, "cai", previous, current)
                previous = current
                times.append(wait_for(url, f"{marker}{edit}", timeout))
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                process.wait()
    shown = [f"{t:.2f}" if t is not None else f">{timeout:.0f}" for t in times]
    if any(t is None for t in times):
        print(f"serve: an edit did not show within {timeout:.0f} s ({', '.join(shown)} s)")
        return 1
    print(f"serve: edits to sources/raw/cai.txt showed in the served page after {', '.join(shown)} s "
          f"(wall; median {statistics.median(times):.2f} s)")
    return 0


def run_damage(root: Path, seeds: int) -> int:
    """The recovery table of the damage simulator: each kind alone and mixed, ``seeds`` seeds each."""
    sources = load_sources(root)
    documents = [clean_text(meta, sources) for meta in sources.texts if meta.script == "simplified"]
    start = time.perf_counter()
    table = recovery_table(documents, sources, seeds=seeds)
    print(f"damage simulator: {seeds} seeds per kind, {time.perf_counter() - start:.1f} s")
    print("repaired: share of the damage undone; or marked: undone, or a character whose bytes were lost marked "
          f"{LACUNA} (lacuna, class transmission) — the measure of the kinds that lose bytes; "
          f"{LACUNA} right: lacunae whose first conjecture, proposed to the editor by `edition clean` and never "
          "written into the text, is the lost character")
    print(f"{'kind':<24} {'repaired':>9} {'or marked':>10} {'damage':>7} {'left':>5} {LACUNA:>4} {LACUNA + ' right':>8} "
          f"{'most Han left':>14} {'record holds':>13}  target")
    for kind, (share, with_marked, total, left, marked, worst, conjectured, conserved) in table.items():
        measured, what = (with_marked, "repaired or marked") if kind in LOSSY_KINDS else (share, "repaired")
        target = TARGET.get(kind, TARGET_ALONE)
        verdict = "met" if measured >= target and conserved == seeds else "MISSED"
        print(f"{kind:<24} {share:>8.1%} {with_marked:>10.1%} {total:>7} {left:>5} {marked:>4} {conjectured:>8} "
              f"{worst:>14} {f'{conserved}/{seeds}':>13}  ≥ {target:.0%} {what}: {verdict}")
    print("each corpus text with two to four kinds more (cleaned without metadata; bound max(10, length/1000)):")
    within = 0
    rows = [row for seed in range(max(1, seeds // 10)) for row in corpus_copies(sources.texts, sources, seed)]
    for text_id, kinds, length, off, bound, conserved, problems in rows:
        within += off <= bound or problems > 0
        print(f"  {text_id:<11} {off:>4} of {length:>5} Han off (bound {bound:>2}), {problems} place(s) named, "
              f"record {'holds' if conserved else 'BROKEN'}: {', '.join(kinds)}")
    print(f"  within the bound or named: {within} of {len(rows)}")
    return 0


# --- edition clean on large texts ----------------------------------------------------------

def _median_seconds(function, repeat: int) -> float:
    times = []
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


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


def run(root: Path | None = None, corpus: list[int] | None = None, serve: bool = False, rebuild: int = 0) -> int:
    root = root or find_root()
    status = 0
    if rebuild:
        status |= run_rebuild(root, rebuild)
    if corpus:
        status |= run_corpus(root, corpus)
    if serve:
        status |= run_serve(root)
    return status
