"""The ``edition`` command: build, clean, new, check, bench (the contract is in the README).

The only module that imports inside functions: each command loads only what it needs."""

from __future__ import annotations

import argparse
import gc
import json
import sys
from contextlib import contextmanager
from pathlib import Path

from .errors import EditionError


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except EditionError as error:
        print(f"edition: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader (``| head``) stopped reading: not an error
        sys.stderr.close()
        return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="edition", description="Build and check the reading edition 人工智能国际治理 · 读本.")
    parser.add_argument("--root", type=Path, default=None, help="the project folder (default: found from the current one)")
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="sources → docs/ generated pages and bib/")
    build.add_argument("--check", action="store_true", help="write nothing; exit 1 if a generated file is stale")
    build.add_argument("--no-cache", action="store_true",
                       help="run every text through the pipeline, not from .cache/edition (--check never uses it)")
    build.set_defaults(run=run_build)

    clean = commands.add_parser("clean", help="clean any raw file and print the edition text (Markdown) or Document (JSON)")
    clean.add_argument("file", type=Path)
    clean.add_argument("--json", action="store_true", help="print the Document as JSON (with its problems)")
    clean.add_argument("--lenient", action="store_true",
                       help="print the text even when notes do not pair: unpaired notes and references kept and marked")
    clean.set_defaults(run=run_clean)

    new = commands.add_parser("new", help="add a text: copy its raw file, write its metadata skeleton, add it to the nav")
    new.add_argument("id", help="the text's id: the authors' surnames in pinyin, hyphenated (liang-song)")
    new.add_argument("file", type=Path, help="the file as received (UTF-8)")
    new.set_defaults(run=run_new)

    check = commands.add_parser("check", help="conservation, notes, BibTeX, glossary and metadata checks")
    check.set_defaults(run=run_check)

    watch = commands.add_parser("watch", help="rebuild (incrementally) whenever a file under sources/ or scripts/ changes")
    watch.add_argument("--interval", type=float, default=0.2, help="seconds between looks (default 0.2)")
    watch.set_defaults(run=run_watch)

    bench = commands.add_parser("bench", help="CPU time per text and search index size of corpora of N× the texts; serve latency")
    bench.add_argument("--corpus", type=int, nargs="+", default=None, metavar="N",
                       help="build a corpus of N× the texts (new ids) in a temporary copy, for each N (e.g. 1 2 5 10)")
    bench.add_argument("--rebuild", type=int, metavar="ROUNDS", default=0,
                       help="time a full cold rebuild against a bare Material build of the raw texts, and a build "
                            "after an edit of one raw file against a cold one, ROUNDS rounds (medians)")
    bench.add_argument("--serve", action="store_true",
                       help="time an edit of a raw file until the page served by make serve's loop shows it")
    bench.add_argument("--damage", type=int, metavar="SEEDS", default=0,
                       help="instead: the damage simulator's recovery table, SEEDS seeds per kind of damage")
    bench.add_argument("--size", action="store_true",
                       help="instead: time edition clean on one text of the corpus repeated to 1, 4 and 16 MB (s/MB)")
    bench.set_defaults(run=run_bench)
    return parser


def _root(args) -> Path:
    from .fingerprint import find_root

    return args.root.resolve() if args.root else find_root()


@contextmanager
def without_cycle_collection():
    """Python's cycle collector off while a build runs, as it was after: a build allocates
    hundreds of thousands of objects, almost none of them in cycles, and each collection
    walks them all (about 8% of a build's CPU time, for no memory back)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def run_build(args) -> int:
    with without_cycle_collection():
        return build_once(args)


def build_once(args) -> int:
    from .fingerprint import inputs_digest, record_build, unchanged

    root = _root(args)
    use_cache = not (args.check or args.no_cache)
    inputs = inputs_digest(root) if use_cache else None  # taken once, before the build reads them
    if use_cache and unchanged(root, inputs):
        print("edition: nothing changed since the last build")
        return 0

    from .build import generated_files, git_ignored_files, load_edition, save_cache, stale_files, write_files
    from .cache import BuildCache

    cache = BuildCache(root) if use_cache else None
    edition = load_edition(root, cache)
    files = generated_files(edition)
    if args.check:
        stale = stale_files(root, files)
        for path in stale:
            print(f"stale: {path}")
        if stale:
            print("edition: generated files are stale; run `edition build`", file=sys.stderr)
            return 1
        print(f"edition: {len(files)} generated files are current")
        return 0
    written = write_files(root, files)
    if cache is not None:
        save_cache(edition, cache)
        record_build(root, [*files, *git_ignored_files(files)], inputs)
    print(f"edition: {len(files)} generated files, {len(written)} written")
    return 0


def run_clean(args) -> int:
    from .check import capped_lines
    from .cite.resolve import build_bibliography, edition_titles
    from .lacunae import lacunae
    from .pipeline import clean
    from .site import document_markdown
    from .steps.convert import script_shares
    from .steps.decode import decode_strict

    path: Path = args.file
    if not path.is_file():
        raise EditionError(path, "no such file")
    raw = decode_strict(path.read_bytes(), path)
    sources = _sources_for(path, args)
    meta = _corpus_meta_for(path, sources)
    document = clean(raw, meta.id if meta else path.stem, meta, sources, path)
    build_bibliography([(document.id, str(path), document)], sources.works, edition_titles(sources.texts))
    for line in capped_lines(document.problems):
        print(f"edition: {line}", file=sys.stderr)
    lost = lacunae(document)
    for lacuna in lost:  # a notice for the editor, not a failure: the text keeps 〓
        print(f"edition: {path}:{lacuna.line}: {lacuna.message()}", file=sys.stderr)
    failed = bool(document.problems) and not args.lenient
    if args.json:
        data = document.to_json()
        data["problems"] = [problem.to_json() for problem in document.problems]
        data["lacunae"] = [lacuna.to_json() for lacuna in lost]
        to_simplified, to_traditional, han = script_shares(raw)
        data["script_evidence"] = {"source": "metadata" if meta else "detected", "han": han,
                                   "traditional_share": round(to_simplified, 4), "simplified_share": round(to_traditional, 4)}
        json.dump(data, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    elif failed:
        print("edition: the text was not printed; --lenient prints it with the unpaired notes marked", file=sys.stderr)
    else:
        sys.stdout.write(document_markdown(document))
    return 1 if failed else 0


def _sources_for(path: Path, args):
    """The reviewed data of the project the file belongs to: ``--root``, else the project
    above the file, else the one above the current folder, else the one this package was
    installed from (editable install); none when there is no project at all."""
    from .fingerprint import find_root
    from .sources import Sources, load_sources

    if args.root:
        return load_sources(args.root.resolve())
    for start in (path.resolve().parent, Path.cwd(), Path(__file__).resolve().parents[2]):
        try:
            return load_sources(find_root(start))
        except EditionError as error:
            if error.message.startswith("not inside the edition's project"):
                continue
            raise
    return Sources()


def _corpus_meta_for(path: Path, sources):
    """The metadata of a corpus text whose raw file is ``path`` (same bytes), else None."""
    import hashlib

    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return next((m for m in sources.texts if m.sha256 == digest), None)


def run_new(args) -> int:
    from .build import write_bytes, write_changed
    from .new import prepare, review_list

    root = _root(args)
    new = prepare(root, args.id, args.file)
    write_bytes(root, f"sources/raw/{new.text_id}.txt", new.raw)
    write_changed(root, {f"sources/texts/{new.text_id}.yaml": new.metadata, "mkdocs.yml": new.mkdocs})
    detected = new.detected
    print(f"edition: added {new.text_id}: sources/raw/{new.text_id}.txt, sources/texts/{new.text_id}.yaml, "
          f"texts/{new.text_id}.md in the nav of mkdocs.yml")
    print(f"detected: {detected['script']}, {detected['kind']}, notes {detected['notes']} ({detected['note_count']}), "
          f"{detected['pages']} page(s), title {detected['title']!r}")
    print("review next:")
    for line in review_list(new):
        print(line)
    return 0


def run_check(args) -> int:
    from .build import load_edition
    from .check import all_problems, capped_lines
    from .cite.checks import report_lines

    edition = load_edition(_root(args))
    problems = all_problems(edition)
    for line in report_lines(edition.bibliography, [meta.id for meta in edition.metas]):
        print(line)
    for line in capped_lines(problems):
        print(line)
    if problems:
        print(f"edition check: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    print(f"edition check: {len(edition.documents)} texts, no problems")
    return 0


def run_watch(args) -> int:
    from .watch import run

    return run(_root(args), interval=args.interval)


def run_bench(args) -> int:
    import tempfile

    from .bench import run, run_damage, run_sizes

    if args.size:
        with tempfile.TemporaryDirectory(prefix="edition-bench-") as folder:
            run_sizes(_root(args), Path(folder))
        return 0
    if args.damage:
        return run_damage(_root(args), args.damage)
    corpus = args.corpus if args.corpus or args.serve or args.rebuild else [1]
    return run(_root(args), corpus=corpus, serve=args.serve, rebuild=args.rebuild)


def console() -> int:
    """The ``edition`` command as a process. jieba imports ``pkg_resources`` only to find its own
    data files and falls back to plain paths without it; that import alone costs about
    0.13 s of CPU and 7 MiB per process, so the command's process does without it."""
    sys.modules.setdefault("pkg_resources", None)
    return main()


if __name__ == "__main__":
    raise SystemExit(console())
