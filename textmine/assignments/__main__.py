"""Command line: ``python -m textmine.assignments {build,grade,report,checks,sandbox} ...``.

    python -m textmine.assignments build [SOLUTION.ipynb|FOLDER ...] [--out DIR] [--check]
    python -m textmine.assignments grade SUBMISSION.ipynb|FOLDER ... [--assignment NAME] [--out grades]
                                         [--manual points.csv] [--roster roster.csv] [--unsafe-no-sandbox]
    python -m textmine.assignments report GRADES_FOLDER [--manual points.csv] [--roster roster.csv]
    python -m textmine.assignments checks [SOLUTION.ipynb|FOLDER]
    python -m textmine.assignments sandbox

Exit status: ``build --check`` returns 1 when a student version is stale or
a solution does not name its assignment; ``grade`` returns 0 whenever it
could write the score table, whatever the scores, and 2 on bad arguments or
when the sandbox cannot run (it says why); ``sandbox`` returns 1 when it
cannot run.
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
    unnamed = frame["solution"].eq("unnamed").sum()
    for row in frame[frame["solution"] == "renamed"].itertuples():
        print(f"  named     {row.source}  (metadata textmine.assignment = {row.assignment!r} written)")
    if args.check:
        if bad or unnamed:
            what = [f"{bad} student version(s) out of date"] if bad else []
            what += [f"{unnamed} solution(s) without textmine.assignment in their metadata"] if unnamed else []
            print(f"build --check: {' and '.join(what)}; run `python -m textmine.assignments build`.", file=sys.stderr)
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

    if args.unsafe_no_sandbox:
        print("warning: --unsafe-no-sandbox: the students' code runs with your permissions (files, network, "
              "processes); the checks still run in the grader's own process.", file=sys.stderr)
    try:
        grades = grade_submissions(
            args.submissions, assignment=args.assignment, solutions=args.solutions, out=args.out, jobs=args.jobs,
            timeout=args.timeout, cell_timeout=args.cell_timeout, check_timeout=args.check_timeout,
            kernel_name=args.kernel, keep_executed=args.keep_executed, progress=None if args.quiet else progress,
            unsafe_no_sandbox=args.unsafe_no_sandbox, memory_mb=args.memory, manual=args.manual, roster=args.roster,
            hidden_reasons=not args.no_hidden_reasons,
        )
    except InputError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print()
    print(grades.text(details=args.details))
    print(f"\nwrote {Path(args.out)}/: scores.csv, submissions.csv, summary.md, gradebook.csv, gradescope/, feedback/")
    return 0


def _report(args) -> int:
    from ..errors import InputError
    from .reports import Grades, merge_manual

    try:
        grades = Grades.read(args.grades)
        if args.manual is not None:
            grades = merge_manual(grades, args.manual)
        grades.write(args.grades, roster=args.roster, hidden_reasons=not args.no_hidden_reasons)
    except InputError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(grades.text(details=False))
    print(f"\nrewrote {args.grades}/: scores.csv, submissions.csv, summary.md, gradebook.csv, gradescope/, feedback/")
    return 0


def _sandbox(args) -> int:
    from .sandbox import find_bwrap, sandbox_problem

    problem = sandbox_problem()
    if problem is not None:
        print(f"sandbox: {problem}", file=sys.stderr)
        return 1
    print(f"sandbox: a trial bubblewrap sandbox works here ({find_bwrap()}): no network, own PID namespace, "
          "read-only system.")
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
        written = f", {len(a.manual)} written answer(s)" if a.manual else ""
        print(f"{a.name}: {a.max_points:g} points, {len(a.checks)} checks{written} ({p})")
        items = sorted([*a.checks, *a.manual], key=lambda x: x.cell_index)
        for c in items:
            kind = ("hidden" if c.hidden else "visible") if hasattr(c, "hidden") else "written (graded by hand)"
            print(f"  {c.id:24} {c.exercise:10} {c.points:>5g} pt  {kind}")
    return status


def _report_options(p) -> None:
    p.add_argument("--manual", default=None, help="CSV of points for written answers: student, item, points[, comment]")
    p.add_argument("--roster", default=None, help="CSV with a student column and any of name, id, sis_user_id, sis_login_id, section")
    p.add_argument("--no-hidden-reasons", action="store_true",
                   help="leave the reasons of hidden checks out of the students' feedback files")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m textmine.assignments", description="Course assignments: build student versions, grade submissions in a sandbox, export grades.")
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
    g.add_argument("--timeout", type=float, default=600, help="wall-clock limit of a submission's sandbox, seconds (default: 600)")
    g.add_argument("--cell-timeout", type=float, default=120, help="seconds for one cell (default: 120)")
    g.add_argument("--check-timeout", type=float, default=60, help="seconds for one check (default: 60)")
    g.add_argument("--kernel", default="python3", help="Jupyter kernel name (default: python3)")
    g.add_argument("--keep-executed", action="store_true", help="also save the executed notebooks in OUT/executed/")
    g.add_argument("--details", action="store_true", help="print every lost point (summary.md always has them)")
    g.add_argument("--quiet", action="store_true", help="no progress lines")
    g.add_argument("--memory", type=int, default=4096, help="memory limit of each sandboxed process, MiB (default: 4096)")
    g.add_argument("--unsafe-no-sandbox", action="store_true",
                   help="run without bubblewrap: the students' code can do anything you can do")
    _report_options(g)
    g.set_defaults(func=_grade_cmd)

    r = sub.add_parser("report", help="re-write the grades folder's exports, merging the points of written answers")
    r.add_argument("grades", help="a grades folder written by `grade`")
    _report_options(r)
    r.set_defaults(func=_report)

    x = sub.add_parser("sandbox", help="check that the bubblewrap sandbox works on this machine")
    x.set_defaults(func=_sandbox)

    c = sub.add_parser("checks", help="validate solution notebooks and list their checks")
    c.add_argument("solutions", nargs="?", default=None, help="a solution notebook or folder")
    c.set_defaults(func=_checks)

    args = ap.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
