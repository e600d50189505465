"""Command line: ``python -m textmine.assignments {build,grade,checks} ...``.

    python -m textmine.assignments build [SOLUTION.ipynb|FOLDER ...] [--out DIR] [--check]
    python -m textmine.assignments grade SUBMISSION.ipynb|FOLDER ... [--assignment NAME] [--out grades]
    python -m textmine.assignments checks [SOLUTION.ipynb|FOLDER]

Exit status: ``build --check`` returns 1 when a student version is stale;
``grade`` returns 0 whenever it could write the score table, whatever the
scores (2 on bad arguments).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _build(args) -> int:
    from .build import build_student_versions, default_solutions_dir
    from .spec import AssignmentError

    sources = args.solutions or [default_solutions_dir()]
    src = sources[0] if len(sources) == 1 else sources
    try:
        frame = build_student_versions(src, out=args.out, check=args.check)
    except AssignmentError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    for row in frame.itertuples():
        print(f"  {row.status:9} {row.target}  ({row.n_checks} checks, {row.n_hidden} hidden, {row.max_points:g} points)")
    bad = frame["status"].isin(["stale", "orphan"]).sum()
    if args.check:
        if bad:
            print(f"build --check: {bad} student version(s) out of date; run `python -m textmine.assignments build`.", file=sys.stderr)
            return 1
        print(f"build --check: {len(frame)} student version(s) up to date.")
        return 0
    print(f"build: {int((frame['status'] == 'written').sum())} written, {int((frame['status'] == 'unchanged').sum())} unchanged.")
    return 0


def _grade_cmd(args) -> int:
    from ..errors import InputError
    from .grade import grade_submissions

    for p in args.submissions:
        if not Path(p).exists():
            print(f"error: no such file or folder: {p}", file=sys.stderr)
            return 2

    def progress(sub):
        print(f"  {sub.student:30} {sub.points:g}/{sub.max_points:g}  {sub.status} ({sub.seconds:g} s)", flush=True)

    try:
        grades = grade_submissions(
            args.submissions, assignment=args.assignment, solutions=args.solutions, out=args.out, jobs=args.jobs,
            timeout=args.timeout, cell_timeout=args.cell_timeout, check_timeout=args.check_timeout,
            kernel_name=args.kernel, keep_executed=args.keep_executed, progress=None if args.quiet else progress,
        )
    except InputError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print()
    print(grades.text(details=args.details))
    print(f"\nwrote {Path(args.out) / 'scores.csv'}, submissions.csv and summary.md")
    return 0


def _checks(args) -> int:
    from .build import default_solutions_dir
    from .spec import AssignmentError, read_assignment

    target = Path(args.solutions) if args.solutions else default_solutions_dir()
    paths = sorted(target.glob("*.ipynb")) if target.is_dir() else [target]
    status = 0
    for p in paths:
        try:
            a = read_assignment(p)
        except AssignmentError as e:
            print(f"error: {e}", file=sys.stderr)
            status = 2
            continue
        print(f"{a.name}: {a.max_points:g} points, {len(a.checks)} checks ({p})")
        for c in a.checks:
            print(f"  {c.id:24} {c.exercise:10} {c.points:>5g} pt  {'hidden' if c.hidden else 'visible'}")
    return status


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m textmine.assignments", description="Course assignments: build student versions, grade submissions.")
    sub = ap.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="write the student versions of the solution notebooks")
    b.add_argument("solutions", nargs="*", type=Path, help="solution notebooks or a folder (default: notebooks/assignments/solutions)")
    b.add_argument("--out", type=Path, default=None, help="folder for the student versions (default: student/ next to the solutions folder)")
    b.add_argument("--check", action="store_true", help="write nothing; exit 1 if a student version is out of date")
    b.set_defaults(func=_build)

    g = sub.add_parser("grade", help="grade a submission or a folder of submissions")
    g.add_argument("submissions", nargs="+", help="notebooks and/or folders of submissions")
    g.add_argument("--assignment", default=None, help="assignment name or solution notebook (default: from each notebook's metadata)")
    g.add_argument("--solutions", default=None, help="folder of solution notebooks (default: notebooks/assignments/solutions)")
    g.add_argument("--out", default="grades", help="folder for scores.csv, submissions.csv, summary.md (default: ./grades)")
    g.add_argument("--jobs", type=int, default=1, help="submissions graded at once, one kernel each (default: 1)")
    g.add_argument("--timeout", type=float, default=600, help="seconds for a whole notebook (default: 600)")
    g.add_argument("--cell-timeout", type=float, default=120, help="seconds for one cell (default: 120)")
    g.add_argument("--check-timeout", type=float, default=60, help="seconds for one check (default: 60)")
    g.add_argument("--kernel", default="python3", help="Jupyter kernel name (default: python3)")
    g.add_argument("--keep-executed", action="store_true", help="also save the executed notebooks in OUT/executed/")
    g.add_argument("--details", action="store_true", help="print every lost point (summary.md always has them)")
    g.add_argument("--quiet", action="store_true", help="no progress lines")
    g.set_defaults(func=_grade_cmd)

    c = sub.add_parser("checks", help="validate solution notebooks and list their checks")
    c.add_argument("solutions", nargs="?", default=None, help="a solution notebook or folder")
    c.set_defaults(func=_checks)

    args = ap.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
