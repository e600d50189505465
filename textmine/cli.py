"""The ``textmine`` command: ``load``, ``analyze`` and ``assignments``.

Installed as a console script by ``pip install``; ``python -m textmine``
does the same::

    textmine load TEXT [--out DIR] [--format parquet|csv] [--events CSV] [--periods CSV | --propose-periods]
    textmine analyze TEXT [--periods CSV] [--events CSV] [--annotations PREFIX] [--sources DIR] [--out DIR] [--notebooks DIR]
    textmine assignments {build,grade,checks} ...
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

USAGE = """usage: textmine {load,analyze,assignments} ...

  textmine load TEXT [--out DIR] [--format parquet|csv] [--events CSV] [--periods CSV | --propose-periods]
      read a text and write its frames (paragraphs, sentences, tokens, quotations, citations, dates)
  textmine analyze TEXT [--periods CSV] [--events CSV] [--annotations PREFIX] [--sources DIR] [--out DIR]
      run the whole notebook suite on TEXT into DIR (default analysis/<text stem>/)
  textmine assignments build [SOLUTION.ipynb|FOLDER ...] [--out DIR] [--check]
  textmine assignments grade SUBMISSION.ipynb|FOLDER ... [--assignment NAME] [--out grades]
  textmine assignments checks [SOLUTION.ipynb|FOLDER]

`textmine COMMAND --help` for a command's options; notebooks/assignments/README.md for the assignments."""


def _load_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="textmine load", description="Read a text and write its tidy frames to a folder.")
    ap.add_argument("text", type=Path, help="a UTF-8 plain-text file")
    ap.add_argument("--out", type=Path, help="output folder (default: <text stem>-frames/); must be new or empty")
    ap.add_argument("--format", choices=("parquet", "csv"), default="parquet",
                    help="parquet (default; reload with tm.read_parquet(DIR)) or csv (one file per frame)")
    ap.add_argument("--events", type=Path, help="named-events table (CSV) for the dates")
    group = ap.add_mutually_exclusive_group()
    group.add_argument("--periods", type=Path, help="periods table (CSV): frames gain a period column")
    group.add_argument("--propose-periods", action="store_true", help="propose periods from the text's own dates")
    ap.add_argument("--encoding", help="text encoding (default: UTF-8; the error message says when another is needed)")
    return ap


def _analyze_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="textmine analyze",
        description="Run the notebook suite (01-corpus ... 07-fidelity) on a text; write the executed notebooks, "
                    "figures and findings into one folder. Nothing outside it is written.")
    ap.add_argument("text", type=Path, help="a UTF-8 plain-text file")
    ap.add_argument("--periods", type=Path, help="periods table (CSV); default: proposed from the text's dates")
    ap.add_argument("--events", type=Path, help="named-events table (CSV) for the dates")
    ap.add_argument("--annotations", help="prefix of hand-annotation files (e.g. data/annotations/north-1989-)")
    ap.add_argument("--sources", type=Path, help="folder of the texts it quotes, for the fidelity notebook (07)")
    ap.add_argument("--out", type=Path, help="output folder (default: analysis/<text stem>/)")
    ap.add_argument("--notebooks", type=Path, help="folder of the suite notebooks (default: the repository's notebooks/)")
    ap.add_argument("--timeout", type=int, default=1800, help="seconds allowed per cell (default 1800)")
    return ap


def _load(argv: list[str]) -> int:
    args = _load_parser().parse_args(argv)
    import textmine as tm

    doc = tm.load(args.text, events=args.events, encoding=args.encoding)
    if args.periods is not None or args.propose_periods:
        doc, periods = tm.with_periods(doc, args.periods)
        if args.propose_periods:
            print(f"textmine load: proposed {len(periods)} period(s) from the text's dates: "
                  + (", ".join(periods["label"]) if len(periods) else "none (no dates)"))
    out = args.out or Path(f"{args.text.stem}-frames")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise tm.InputError(f"textmine load: --out {out} exists and is not an empty folder; choose a new folder.")
    frames = doc.frames()
    if args.format == "parquet":
        tm.Corpus([doc]).to_parquet(out)
    else:
        out.mkdir(parents=True, exist_ok=True)
        for name, frame in frames.items():
            frame.to_csv(out / f"{name}.csv", index=False)
    for name, frame in frames.items():
        print(f"  {name:<12} {len(frame):>9,} rows")
    how = "tm.read_parquet(" + repr(str(out)) + ")" if args.format == "parquet" else "pandas.read_csv"
    print(f"textmine load: {len(frames)} frames of {doc.meta.get('doc_id')!r} written to {out}/ (read back with {how})")
    return 0


def _analyze(argv: list[str]) -> int:
    args = _analyze_parser().parse_args(argv)
    from .analyze import analyze

    result = analyze(args.text, periods=args.periods, events=args.events, annotations=args.annotations,
                     sources=args.sources, out=args.out, notebooks=args.notebooks, timeout=args.timeout)
    if result.errors:
        for nb, cell, err in result.errors:
            print(f"textmine analyze: {nb} cell {cell}: {err}", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    if not args or args[0] in ("-h", "--help"):
        print(USAGE)
        return 0 if args else 2
    command, rest = args[0], args[1:]
    if command == "assignments":
        from .assignments.__main__ import main as assignments_main

        return assignments_main(rest)
    if command in ("load", "analyze"):
        from .errors import TextmineError

        try:
            return _load(rest) if command == "load" else _analyze(rest)
        except (TextmineError, OSError) as e:  # a bad input file or table: the message names it
            print(f"error: {e}", file=sys.stderr)
            return 2
    print(f"textmine: unknown command {command!r}\n\n{USAGE}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
