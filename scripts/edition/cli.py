"""The ``edition`` command: build, clean, check, bench (the contract is in the README).

The only module that imports inside functions: each command loads only what it needs."""

from __future__ import annotations

import argparse
import json
import sys
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
    build.set_defaults(run=run_build)

    clean = commands.add_parser("clean", help="clean any raw file and print the edition text (Markdown) or Document (JSON)")
    clean.add_argument("file", type=Path)
    clean.add_argument("--json", action="store_true", help="print the Document as JSON")
    clean.set_defaults(run=run_clean)

    check = commands.add_parser("check", help="conservation, notes, BibTeX, glossary and metadata checks")
    check.set_defaults(run=run_check)

    bench = commands.add_parser("bench", help="time clean and build on the corpus and on it replicated N times")
    bench.add_argument("--scale", type=int, default=1, help="replicate the corpus N times (default 1)")
    bench.add_argument("--repeat", type=int, default=3, help="runs per measurement (default 3)")
    bench.add_argument("--size", action="store_true",
                       help="time edition clean on one text of the corpus repeated to 1, 4 and 16 MB (s/MB)")
    bench.set_defaults(run=run_bench)
    return parser


def _root(args) -> Path:
    from .build import find_root

    return args.root.resolve() if args.root else find_root()


def run_build(args) -> int:
    from .build import generated_files, load_edition, stale_files, write_files

    root = _root(args)
    files = generated_files(load_edition(root))
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
    print(f"edition: {len(files)} generated files, {len(written)} written")
    return 0


def run_clean(args) -> int:
    from .check import capped_lines
    from .cite.resolve import build_bibliography, edition_titles
    from .pipeline import clean
    from .site import document_markdown
    from .steps.decode import decode_strict

    path: Path = args.file
    if not path.is_file():
        raise EditionError(path, "no such file")
    raw = decode_strict(path.read_bytes(), path)
    sources = _sources_for(path, args)
    meta = _corpus_meta_for(path, sources)
    document = clean(raw, meta.id if meta else path.stem, meta, sources, path)
    build_bibliography([(document.id, str(path), document)], sources.works, edition_titles(sources.texts))
    if document.problems:
        for line in capped_lines(document.problems):
            print(f"edition: {line}", file=sys.stderr)
        return 1
    if args.json:
        json.dump(document.to_json(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(document_markdown(document))
    return 0


def _sources_for(path: Path, args):
    """The reviewed data of the project the file belongs to: ``--root``, else the project
    above the file, else the one above the current folder, else the one this package was
    installed from (editable install); none when there is no project at all."""
    from .build import find_root
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


def run_bench(args) -> int:
    import tempfile

    from .bench import run, run_sizes

    if args.size:
        with tempfile.TemporaryDirectory(prefix="edition-bench-") as folder:
            run_sizes(_root(args), Path(folder), repeat=1 if args.repeat == 3 else args.repeat)
        return 0
    return run(_root(args), scale=args.scale, repeat=args.repeat)


if __name__ == "__main__":
    raise SystemExit(main())
