"""The offline autograder.

``python -m textmine.assignments grade SUBMISSION.ipynb|FOLDER`` grades one
notebook or every file in a folder, and writes ``scores.csv`` (one row per
submission and check), ``submissions.csv`` (one row per submission) and
``summary.md`` (readable, with the reason for every lost point).

How one submission is graded
----------------------------
1. The file is read leniently. Anything that is not a notebook gets a row
   with status ``not_a_notebook`` and zero points.
2. The assignment is the one named in the submission's
   ``metadata.textmine.assignment`` (the student version records it), or the
   one given with ``--assignment``.
3. The submission's code cells run in a fresh kernel, in a fresh temporary
   folder, with a time limit per cell and for the whole notebook. Errors do not
   stop the run. A cell that exceeds its limit is interrupted and the run goes
   on; a cell that cannot be interrupted, or that kills the kernel, is left out
   and the notebook is run again from the start (at most three tries).
4. Then, in the same kernel, the grader re-runs the *solution's* ``setup``
   cells in a namespace of its own, and runs each check of the *solution*
   (visible and hidden) in a fresh namespace made of the student's variables
   overlaid with that setup namespace. Deleting, renaming or editing check
   cells, or redefining a check helper, therefore changes nothing. Each check
   has its own time limit; an error in one check does not affect the others.
5. A check passes if it runs without raising; it is all or nothing. The reason
   for a lost point is the check's failure message (or exception), with the
   notebook's own first error added when an answer was never defined.

Threat model: the grader defends against mistakes and naive tampering. It is
not a sandbox: student code runs with your permissions, so grade untrusted
submissions under a separate user account.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from .spec import Assignment, AssignmentError, read_assignment, to_python

__all__ = ["grade_notebook", "grade_submissions", "Grades", "CheckResult", "Submission"]

CHECK_STATUSES = ("passed", "failed", "error", "timeout", "not_run")
SUBMISSION_STATUSES = ("graded", "timeout", "kernel_died", "not_a_notebook", "unknown_assignment", "grader_error")

_MAX_REASON = 400
_MAX_TRIES = 3

# Runs inside the student's kernel, in a clean globals dict whose builtins are
# the real builtins module: a student who shadowed `dict`, `open` or `exec`
# does not break the grader.
_RUNTIME = r'''
import builtins, json, linecache, time

_SKIP = frozenset(dir(builtins)) | {"In", "Out", "get_ipython", "exit", "quit"}


def _snapshot(ns):
    out = {}
    for k in list(ns):
        if isinstance(k, str) and not k.startswith("_") and k not in _SKIP:
            out[k] = ns[k]
    return out


def _text(exc):
    try:
        return str(exc)
    except BaseException:
        return "<unprintable message>"


def _describe(exc, source, filename):
    lineno = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            lineno = tb.tb_lineno
        tb = tb.tb_next
    lines = source.splitlines()
    line = lines[lineno - 1].strip() if lineno and 0 < lineno <= len(lines) else ""
    msg = _text(exc)
    if isinstance(exc, AssertionError):
        if msg:
            return msg
        return "assertion failed: " + line if line else "assertion failed"
    out = type(exc).__name__ + (": " + msg if msg else "")
    if line:
        out += " (in check line " + str(lineno) + ": " + line + ")"
    return out


class Grader:
    def __init__(self, student_ns, results, setup, checks):
        self.student = _snapshot(student_ns)
        self.results = results
        self.checks = checks
        self.reference = {"__builtins__": builtins, "__name__": "__main__"}
        self.setup_error = None
        for i, src in enumerate(setup):
            filename = "<setup cell " + str(i + 1) + ">"
            try:
                exec(compile(src, filename, "exec"), self.reference)
            except BaseException as exc:
                self.setup_error = "setup cell " + str(i + 1) + ": " + _describe(exc, src, filename)
                break

    def run(self, check_id):
        t0 = time.perf_counter()
        src = self.checks[check_id]
        if self.setup_error is not None:
            res = {"status": "error", "reason": "the solution's setup code failed after your notebook ran ("
                   + self.setup_error + "); did your notebook change a library?"}
        else:
            ns = dict(self.student)
            ns.update(self.reference)
            ns["__builtins__"] = builtins
            ns["__name__"] = "__main__"
            filename = "<check " + check_id + ">"
            linecache.cache[filename] = (len(src), None, src.splitlines(True), filename)
            try:
                exec(compile(src, filename, "exec"), ns)
                res = {"status": "passed", "reason": ""}
            except AssertionError as exc:
                res = {"status": "failed", "reason": _describe(exc, src, filename)}
            except KeyboardInterrupt:
                res = {"status": "timeout", "reason": "interrupted"}
            except BaseException as exc:
                res = {"status": "error", "reason": _describe(exc, src, filename),
                       "exception": type(exc).__name__}
        res["id"] = check_id
        res["seconds"] = round(time.perf_counter() - t0, 3)
        with open(self.results, "a", encoding="utf-8") as f:
            f.write(json.dumps(res) + "\n")


STUDENT["__textmine_grader__"] = Grader(STUDENT, RESULTS, SETUP, CHECKS)
'''

_PRELUDE = """import builtins as __textmine_builtins__
__textmine_builtins__.exec(__textmine_builtins__.compile({runtime!r}, "<textmine grader>", "exec"), {{
    "__builtins__": __textmine_builtins__, "__name__": "__textmine_grader__",
    "STUDENT": __textmine_builtins__.globals(), "RESULTS": {results!r},
    "SETUP": {setup!r}, "CHECKS": {checks!r}}})"""


@dataclass
class CheckResult:
    """The outcome of one check for one submission."""

    check: str
    exercise: str
    hidden: bool
    max_points: float
    points: float
    status: str
    reason: str


@dataclass
class Submission:
    """The outcome of grading one submission."""

    student: str
    path: str
    assignment: str
    status: str
    checks: list[CheckResult] = field(default_factory=list)
    cell_errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    max_points: float = float("nan")

    @property
    def points(self) -> float:
        return float(sum(c.points for c in self.checks))


def _clip(text: str, n: int = _MAX_REASON) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 3] + "..."


def _first_line(source: str) -> str:
    for line in source.splitlines():
        if line.strip():
            return _clip(line.strip(), 50)
    return ""


# --------------------------------------------------------------------------- reading


def _read_submission(path: Path) -> tuple[Any, str | None]:
    """(notebook, None) or (None, reason it is not a gradable notebook)."""
    import nbformat

    if not path.is_file():
        return None, f"no such file: {path}"
    raw = path.read_bytes()
    if not raw.strip():
        return None, "not a notebook: the file is empty"
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, "not a notebook: the file is binary, not notebook JSON (was a .docx, .pdf or .zip submitted?)"
    try:
        data = json.loads(text)
    except ValueError as e:
        first = _first_line(text)
        return None, f"not a notebook: the file is not notebook JSON ({_clip(e, 80)}); it starts with {first!r}"
    if not isinstance(data, dict) or not isinstance(data.get("cells", data.get("worksheets")), list):
        return None, "not a notebook: JSON without a list of cells"
    try:
        nb = nbformat.reader.reads(text)
        nb = nbformat.convert(nb, 4)
    except Exception as e:  # noqa: BLE001 - any malformed notebook
        return None, f"not a notebook: nbformat cannot read it ({type(e).__name__}: {_clip(e, 120)})"
    return nb, None


def _code_cells(nb, assignment: Assignment | None = None) -> list[tuple[int, str]]:
    """(1-based cell number, source) of every non-empty code cell.

    Unmodified copies of the assignment's visible checks are left out: the
    grader runs the solution's own copies afterwards. A check cell the student
    edited runs like any other student cell.
    """
    from .build import visible_check_source

    unchanged = set()
    if assignment is not None:
        for c in assignment.checks:
            unchanged |= {c.source.strip(), visible_check_source(c).strip()}
    out = []
    for i, cell in enumerate(nb.get("cells", [])):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        src = cell.get("source", "")
        if isinstance(src, list):
            src = "".join(str(s) for s in src)
        if isinstance(src, str) and src.strip() and src.strip() not in unchanged:
            out.append((i + 1, src))
    return out


# --------------------------------------------------------------------------- running


@dataclass
class _Run:
    cell_errors: dict[int, str] = field(default_factory=dict)
    results: dict[str, dict] = field(default_factory=dict)
    timeouts: list[int] = field(default_factory=list)
    fatal: tuple[str, Any, str] | None = None  # ("cell", n, why) | ("check", id, why) | ("setup", None, why)
    over_budget_at: int | None = None
    executed: list[Any] = field(default_factory=list)


class _Options:
    def __init__(self, *, timeout, cell_timeout, check_timeout, kernel_name, data_dir, grace):
        self.timeout = timeout
        self.cell_timeout = cell_timeout
        self.check_timeout = check_timeout
        self.kernel_name = kernel_name
        self.data_dir = data_dir
        self.grace = grace


def _exec(client, source: str):
    """Append a code cell to the client's notebook and run it; returns the cell."""
    from nbformat.v4 import new_code_cell

    cell = new_code_cell(source)
    client.nb.cells.append(cell)
    index = len(client.nb.cells) - 1
    client.execute_cell(cell, index)
    return client.nb.cells[index]


def _cancel_leftovers() -> None:
    """Cancel the polling tasks nbclient leaves behind after a cell timeout.

    Left running, the timed-out cell's output poller keeps reading the kernel's
    IOPub channel and steals the messages of the next cells.
    """
    import asyncio

    from jupyter_core.utils import ensure_event_loop

    loop = ensure_event_loop()
    if loop.is_running():  # pragma: no cover - called from inside a running loop
        return
    pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
    for t in pending:
        t.cancel()
    if pending:
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))


def _interrupt_and_probe(client, grace: int) -> bool:
    """Interrupt the kernel; True if it answers a trivial cell within *grace* s."""
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from nbclient.util import ensure_async, run_sync

    async def interrupt():
        await ensure_async(client.km.interrupt_kernel())

    _cancel_leftovers()
    try:
        run_sync(interrupt)()
        client.timeout = grace
        _exec(client, "pass")
        return True
    except (CellTimeoutError, DeadKernelError, RuntimeError, OSError):
        return False


def _execute(cells, assignment: Assignment, skip_cells: dict[int, str], skip_checks: dict[str, str],
             opts: _Options, workdir: Path, keep: bool) -> _Run:
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from nbformat.v4 import new_notebook

    run = _Run()
    results_path = workdir.parent / f"results-{uuid.uuid4().hex}.jsonl"
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": opts.kernel_name, "display_name": opts.kernel_name, "language": "python"}
    env = dict(os.environ, MPLBACKEND="Agg", PYTHONHASHSEED="0", PYDEVD_DISABLE_FILE_VALIDATION="1")
    if opts.data_dir is not None:
        env["TEXTMINE_DATA_DIR"] = str(opts.data_dir)
    client = NotebookClient(
        nb, kernel_name=opts.kernel_name, allow_errors=True, record_timing=False, timeout=opts.cell_timeout,
        shutdown_kernel="immediate", startup_timeout=60, interrupt_on_timeout=False,
        resources={"metadata": {"path": str(workdir)}},
    )
    deadline = time.monotonic() + opts.timeout
    # The kernel's own stderr (start-up warnings) would clutter the grader's output.
    with client.setup_kernel(env=env, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL):
        # 1. the student's cells
        for number, source in cells:
            if number in skip_cells:
                run.cell_errors[number] = skip_cells[number]
                continue
            remaining = deadline - time.monotonic()
            if remaining < 1:
                run.over_budget_at = number
                break
            limit = int(max(1, min(opts.cell_timeout, remaining)))
            client.timeout = limit
            try:
                cell = _exec(client, source)
                if keep:
                    run.executed.append(cell)
            except CellTimeoutError:
                run.timeouts.append(number)
                why = f"did not finish within {limit} s (an endless loop?)"
                run.cell_errors[number] = f"TimeoutError: {why}; interrupted"
                if not _interrupt_and_probe(client, opts.grace):
                    run.fatal = ("cell", number, f"{why}, and could not be interrupted")
                    return run
                continue
            except DeadKernelError:
                run.fatal = ("cell", number, "killed the kernel (a crash, os._exit or too much memory?)")
                return run
            for out in cell.get("outputs", []):
                if out.get("output_type") == "error":
                    run.cell_errors[number] = f"{out.get('ename', 'Error')}: {out.get('evalue', '')}"
                    break
        # 2. the solution's setup, then its checks, in the same kernel
        checks = {c.id: to_python(c.source) for c in assignment.checks}
        prelude = _PRELUDE.format(runtime=_RUNTIME, results=str(results_path),
                                  setup=[to_python(s) for s in assignment.setup], checks=checks)
        client.timeout = int(opts.check_timeout)
        try:
            cell = _exec(client, prelude)
            errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
            if errors:
                run.fatal = ("setup", None, f"the grader could not start its checks: {errors[0].get('ename')}: {errors[0].get('evalue')}")
                return run
        except CellTimeoutError:
            run.fatal = ("setup", None, f"the solution's setup code did not finish within {opts.check_timeout:g} s after this notebook ran")
            return run
        except DeadKernelError:
            run.fatal = ("setup", None, "the kernel died while the grader re-ran the solution's setup code")
            return run
        for c in assignment.checks:
            if c.id in skip_checks:
                run.results[c.id] = {"status": "error", "reason": skip_checks[c.id]}
                continue
            client.timeout = int(opts.check_timeout)
            try:
                _exec(client, f"__textmine_grader__.run({c.id!r})")
            except CellTimeoutError:
                run.results[c.id] = {"status": "timeout",
                                     "reason": f"the check did not finish within {opts.check_timeout:g} s (does a function of yours loop forever?)"}
                if not _interrupt_and_probe(client, opts.grace):
                    run.fatal = ("check", c.id, run.results[c.id]["reason"] + " and could not be interrupted")
                    return run
                continue
            except DeadKernelError:
                run.fatal = ("check", c.id, "the kernel died while running this check (a crash or os._exit in your code?)")
                return run
    if results_path.exists():
        for line in results_path.read_text(encoding="utf-8").splitlines():
            try:
                r = json.loads(line)
            except ValueError:
                continue
            if isinstance(r, dict) and r.get("id") in checks and r.get("id") not in run.results:
                run.results[r["id"]] = r
    return run


def _explain(reason: str, exception: str | None, cell_errors: dict[int, str], sources: dict[int, str]) -> str:
    """Add the notebook's first error to a check that found an answer missing."""
    if exception == "NameError":
        m = re.search(r"name '([^']+)' is not defined", reason)
        name = m.group(1) if m else None
        if name:
            reason = f"`{name}` is not defined (the notebook never assigned it)"
        if cell_errors:
            # The failed cell that mentions the name, else the notebook's first error.
            mentions = [n for n in sorted(cell_errors) if name and re.search(rf"\b{re.escape(name)}\b", sources.get(n, ""))]
            first = min(cell_errors)
            if mentions:
                n = mentions[0]
                reason += f"; cell {n} ({_first_line(sources.get(n, ''))}), which uses it, failed: {cell_errors[n]}"
            if not mentions or (mentions[0] != first and cell_errors[mentions[0]].startswith("NameError")):
                reason += f"; the notebook's first error, cell {first} ({_first_line(sources.get(first, ''))}): {cell_errors[first]}"
    return reason


def _zero(assignment: Assignment, status: str, reason: str) -> list[CheckResult]:
    return [CheckResult(c.id, c.exercise, c.hidden, c.points, 0.0, status, _clip(reason)) for c in assignment.checks]


def _run_submission(nb, assignment: Assignment, sub: Submission, opts: _Options, keep_dir: Path | None) -> None:
    cells = _code_cells(nb, assignment)
    sources = dict(cells)
    skip_cells: dict[int, str] = {}
    skip_checks: dict[str, str] = {}
    tmp = Path(tempfile.mkdtemp(prefix="textmine-grade-"))
    try:
        for attempt in range(_MAX_TRIES):
            workdir = tmp / f"work-{attempt}"
            workdir.mkdir()
            run = _execute(cells, assignment, skip_cells, skip_checks, opts, workdir, keep_dir is not None)
            if run.fatal is None:
                break
            kind, key, why = run.fatal
            if kind == "cell":
                skip_cells[key] = f"left out because it {why}"
                sub.notes.append(f"cell {key} ({_first_line(sources.get(key, ''))}) {why}; the notebook was run again without it")
            elif kind == "check":
                skip_checks[key] = why
                sub.notes.append(f"check {key}: {why}; the notebook was run again without this check")
            else:
                break
        if run.fatal is not None:
            kind, key, why = run.fatal
            sub.status = "kernel_died" if "died" in why or "killed" in why else "timeout" if "within" in why else "grader_error"
            if kind != "setup":
                why = f"not run: {why} ({_MAX_TRIES} tries)"
            sub.checks = _zero(assignment, "not_run", why)
            sub.cell_errors = [f"cell {n} ({_first_line(sources.get(n, ''))}): {e}" for n, e in sorted(run.cell_errors.items())]
            return
        if run.timeouts or run.over_budget_at is not None:
            sub.status = "timeout"
        if run.over_budget_at is not None:
            sub.notes.append(f"the notebook used up its {opts.timeout} s time limit; cells from cell {run.over_budget_at} on did not run")
        if sub.status == "graded" and (skip_cells or skip_checks):
            left_out = list(skip_cells.values()) + list(skip_checks.values())
            sub.status = "kernel_died" if any("died" in v or "killed" in v for v in left_out) else "timeout"
        for c in assignment.checks:
            r = run.results.get(c.id)
            if r is None:
                r = {"status": "error", "reason": "the check reported no result"}
            status = r.get("status", "error")
            if status not in CHECK_STATUSES:
                status = "error"
            reason = "" if status == "passed" else _clip(_explain(str(r.get("reason", "")), r.get("exception"), run.cell_errors, sources))
            sub.checks.append(CheckResult(c.id, c.exercise, c.hidden, c.points, c.points if status == "passed" else 0.0, status, reason))
        sub.cell_errors = [f"cell {n} ({_first_line(sources.get(n, ''))}): {_clip(e, 200)}" for n, e in sorted(run.cell_errors.items())]
        if keep_dir is not None:
            _save_executed(nb, run, keep_dir, sub.student)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _save_executed(nb, run: _Run, keep_dir: Path, student: str) -> None:
    import nbformat
    from nbformat.v4 import new_notebook

    out = new_notebook(cells=run.executed)
    out.metadata = nbformat.from_dict({"kernelspec": nb.get("metadata", {}).get("kernelspec", {"name": "python3", "display_name": "Python 3", "language": "python"})})
    target = keep_dir / (student.replace("/", "__") + ".ipynb")
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(out, target)


# --------------------------------------------------------------------------- public API


def _find_assignment(name: str, solutions: Path, cache: dict) -> Assignment | str:
    """The Assignment called *name* (a name or a path), or the reason it is not available."""
    if name in cache:
        return cache[name]
    p = Path(name)
    candidates = [p] if p.suffix == ".ipynb" else [solutions / f"{name}.ipynb"]
    found: Assignment | str
    for cand in candidates:
        if cand.is_file():
            try:
                found = read_assignment(cand)
            except AssignmentError as e:
                found = f"the solution notebook {cand} is broken: {e}"
            break
    else:
        found = None
        if solutions.is_dir():  # a solution whose metadata name differs from its file name
            for cand in sorted(solutions.glob("*.ipynb")):
                try:
                    a = read_assignment(cand)
                except AssignmentError:
                    continue
                if a.name == name:
                    found = a
                    break
        if found is None:
            known = sorted(q.stem for q in solutions.glob("*.ipynb")) if solutions.is_dir() else []
            found = f"no solution notebook for assignment {name!r} in {solutions} (known: {known or 'none'}); pass --assignment"
    cache[name] = found
    return found


def grade_notebook(
    path: "str | os.PathLike",
    *,
    assignment: "Assignment | str | os.PathLike | None" = None,
    solutions: "str | os.PathLike | None" = None,
    student: str | None = None,
    timeout: float = 600,
    cell_timeout: float = 120,
    check_timeout: float = 60,
    kernel_name: str = "python3",
    data_dir: "str | os.PathLike | None" = None,
    executed_dir: "str | os.PathLike | None" = None,
    _cache: dict | None = None,
    _grace: int = 5,
) -> Submission:
    """Grade one submission. Never raises for a bad submission.

    Parameters
    ----------
    path : path
        The submitted file (anything; non-notebooks get a ``not_a_notebook`` row).
    assignment : Assignment, name, solution path, or None
        What the submission answers. ``None``: the name in the submission's
        ``metadata.textmine.assignment``.
    solutions : path or None
        Folder of solution notebooks used to look names up (default:
        ``notebooks/assignments/solutions``).
    student : str or None
        Name in the score table (default: the file name without suffix).
    timeout, cell_timeout, check_timeout : float
        Seconds for the whole notebook, for each of its cells, and for each
        check (the first "check" also re-runs the solution's setup cells).
    kernel_name : str
        Jupyter kernel to run the notebook in.
    data_dir : path or None
        Exported to the kernel as ``TEXTMINE_DATA_DIR`` (default: the folder
        :func:`textmine.assignments.data_path` finds).
    executed_dir : path or None
        If given, save the executed student cells there, for feedback.

    Returns
    -------
    Submission
    """
    from . import build as _build
    from . import data_path

    t0 = time.perf_counter()
    path = Path(path)
    sub = Submission(student=student or path.stem, path=str(path), assignment="", status="graded")
    a: Assignment | str = ""
    try:
        solutions = Path(solutions) if solutions is not None else _build.default_solutions_dir()
        cache = _cache if _cache is not None else {}
        if data_dir is None:
            try:
                data_dir = data_path()
            except InputError:
                data_dir = None
        opts = _Options(timeout=timeout, cell_timeout=cell_timeout, check_timeout=check_timeout,
                        kernel_name=kernel_name, data_dir=None if data_dir is None else Path(data_dir).resolve(),
                        grace=_grace)
        nb, problem = _read_submission(path)
        declared = None
        if nb is not None:
            meta = nb.get("metadata", {}).get("textmine", {})
            declared = meta.get("assignment") if isinstance(meta, dict) and isinstance(meta.get("assignment"), str) else None
        if isinstance(assignment, Assignment):
            a = assignment
        elif assignment is not None:
            a = _find_assignment(str(assignment), solutions, cache)
        elif declared is not None:
            a = _find_assignment(declared, solutions, cache)
        elif nb is not None:
            a = "the notebook does not say which assignment it answers (metadata textmine.assignment is missing); pass --assignment"
        else:
            a = ""
        if isinstance(a, Assignment):
            sub.assignment, sub.max_points = a.name, a.max_points
            if declared is not None and declared != a.name:
                sub.notes.append(f"the notebook says it answers {declared!r}; graded as {a.name!r} as requested")
        if problem is not None:
            sub.status = "not_a_notebook"
            if isinstance(a, Assignment):
                sub.checks = _zero(a, "not_run", problem)
            else:
                sub.notes.append(problem)
            return sub
        if not isinstance(a, Assignment):
            sub.status = "unknown_assignment"
            sub.assignment = declared or ""
            sub.notes.append(a)
            return sub
        _run_submission(nb, a, sub, opts, Path(executed_dir) if executed_dir is not None else None)
    except Exception as e:  # noqa: BLE001 - one submission never stops the others
        sub.status = "grader_error"
        sub.notes.append(f"the grader failed on this submission ({type(e).__name__}: {_clip(e, 200)}); please report it")
        if isinstance(a, Assignment):
            sub.checks = _zero(a, "not_run", "not run: grader error (see notes)")
    finally:
        sub.seconds = round(time.perf_counter() - t0, 1)
    return sub


_SKIP_DIRS = {".ipynb_checkpoints", "__pycache__", ".git"}


def _expand(submissions, out: Path | None) -> list[tuple[str, Path]]:
    submissions = [submissions] if isinstance(submissions, (str, os.PathLike)) else list(submissions)
    items: list[tuple[str, Path]] = []
    several = len(submissions) > 1
    for s in submissions:
        p = Path(s)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p)
                if not f.is_file() or any(part.startswith(".") or part in _SKIP_DIRS for part in rel.parts):
                    continue
                if out is not None and out.resolve() in f.resolve().parents:
                    continue
                name = rel.with_suffix("").as_posix()
                items.append((f"{p.name}/{name}" if several else name, f))
        else:
            items.append((p.stem, p))
    seen: dict[str, int] = {}
    unique = []
    for name, f in items:
        seen[name] = seen.get(name, 0) + 1
        unique.append((name if seen[name] == 1 else f"{name}#{seen[name]}", f))
    return unique


class Grades:
    """The result of :func:`grade_submissions`.

    Attributes
    ----------
    scores : pandas.DataFrame
        One row per submission and check, in submission then notebook order:
        ``student, assignment, exercise, check, hidden, max_points, points,
        status, reason``. ``status`` is passed, failed (an assertion),
        error (another exception, e.g. an undefined answer), timeout or
        not_run; ``reason`` is empty for passed checks. A submission whose
        assignment is unknown has one row with empty ``check``.
    submissions : pandas.DataFrame
        One row per submission: ``student, path, assignment, status, points,
        max_points, n_passed, n_checks, n_cell_errors, seconds, cell_errors,
        notes``. ``status`` is graded, timeout, kernel_died, not_a_notebook,
        unknown_assignment or grader_error.
    """

    def __init__(self, results: list[Submission]):
        import pandas as pd

        self.results = results
        rows = []
        for s in results:
            if s.checks:
                for c in s.checks:
                    rows.append({"student": s.student, "assignment": s.assignment, "exercise": c.exercise,
                                 "check": c.check, "hidden": c.hidden, "max_points": c.max_points,
                                 "points": c.points, "status": c.status, "reason": c.reason})
            else:
                rows.append({"student": s.student, "assignment": s.assignment, "exercise": "", "check": "",
                             "hidden": False, "max_points": float("nan"), "points": 0.0, "status": "not_run",
                             "reason": _clip("; ".join(s.notes) or s.status)})
        cols = ["student", "assignment", "exercise", "check", "hidden", "max_points", "points", "status", "reason"]
        self.scores = pd.DataFrame(rows, columns=cols).astype(
            {"student": "str", "assignment": "str", "exercise": "str", "check": "str", "hidden": "bool",
             "max_points": "float64", "points": "float64", "status": "str", "reason": "str"})
        subs = [{"student": s.student, "path": s.path, "assignment": s.assignment, "status": s.status,
                 "points": s.points, "max_points": s.max_points,
                 "n_passed": sum(c.status == "passed" for c in s.checks), "n_checks": len(s.checks),
                 "n_cell_errors": len(s.cell_errors), "seconds": s.seconds,
                 "cell_errors": " | ".join(s.cell_errors), "notes": " | ".join(s.notes)} for s in results]
        scols = ["student", "path", "assignment", "status", "points", "max_points", "n_passed", "n_checks",
                 "n_cell_errors", "seconds", "cell_errors", "notes"]
        self.submissions = pd.DataFrame(subs, columns=scols).astype(
            {"student": "str", "path": "str", "assignment": "str", "status": "str", "points": "float64",
             "max_points": "float64", "n_passed": "int64", "n_checks": "int64", "n_cell_errors": "int64",
             "seconds": "float64", "cell_errors": "str", "notes": "str"})

    def __repr__(self) -> str:
        return self.text(details=False)

    def by_exercise(self):
        """Points per submission and exercise: ``student, assignment, exercise, max_points, points``."""
        g = self.scores[self.scores["check"] != ""].groupby(["student", "assignment", "exercise"], sort=False)
        return g[["max_points", "points"]].sum().reset_index()

    def text(self, *, details: bool = True) -> str:
        """A readable summary (markdown): one table line per submission, then every lost point."""
        def pts(x):
            return "?" if x != x else f"{x:g}"

        lines = [f"# Grades: {len(self.results)} submission" + ("" if len(self.results) == 1 else "s"), "",
                 "| student | assignment | points | status | checks passed |", "|---|---|---|---|---|"]
        for s in self.results:
            lines.append(f"| {s.student} | {s.assignment or '?'} | {pts(s.points)} / {pts(s.max_points)} | {s.status} | "
                         f"{sum(c.status == 'passed' for c in s.checks)} / {len(s.checks)} |")
        if not details:
            return "\n".join(lines)
        for s in self.results:
            lines += ["", f"## {s.student}: {pts(s.points)} / {pts(s.max_points)} points ({s.assignment or 'unknown assignment'}, {s.status}, {s.seconds:g} s)"]
            ex: dict[str, list[float]] = {}
            for c in s.checks:
                e = ex.setdefault(c.exercise, [0.0, 0.0])
                e[0] += c.points
                e[1] += c.max_points
            if ex:
                lines.append("Exercises: " + ", ".join(f"{k} {v[0]:g}/{v[1]:g}" for k, v in ex.items()))
            for note in s.notes:
                lines.append(f"- note: {note}")
            lost = [c for c in s.checks if c.status != "passed"]
            if lost:
                lines.append("")
                lines.append("Lost points:")
                for c in lost:
                    tag = "hidden, " if c.hidden else ""
                    lines.append(f"- `{c.check}` ({tag}{c.max_points:g} pt): {c.status}: {c.reason}")
            elif s.checks:
                lines.append("All checks passed.")
            if s.cell_errors:
                lines.append("")
                lines.append("Errors while running the notebook:")
                lines += [f"- {e}" for e in s.cell_errors[:10]]
                if len(s.cell_errors) > 10:
                    lines.append(f"- ... and {len(s.cell_errors) - 10} more")
        return "\n".join(lines) + "\n"

    def write(self, out: "str | os.PathLike") -> Path:
        """Write ``scores.csv``, ``submissions.csv`` and ``summary.md`` into folder *out*."""
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        self.scores.to_csv(out / "scores.csv", index=False, lineterminator="\n")
        self.submissions.to_csv(out / "submissions.csv", index=False, lineterminator="\n")
        (out / "summary.md").write_text(self.text(), encoding="utf-8")
        return out


def grade_submissions(
    submissions: "str | os.PathLike | list[str | os.PathLike]",
    *,
    assignment: "Assignment | str | os.PathLike | None" = None,
    solutions: "str | os.PathLike | None" = None,
    out: "str | os.PathLike | None" = None,
    jobs: int = 1,
    timeout: float = 600,
    cell_timeout: float = 120,
    check_timeout: float = 60,
    kernel_name: str = "python3",
    data_dir: "str | os.PathLike | None" = None,
    keep_executed: bool = False,
    progress: Any = None,
    _grace: int = 5,
) -> Grades:
    """Grade a folder (every file in it, recursively) or a list of submissions.

    Each submission runs in its own kernel and temporary folder; whatever one
    does, the others are graded the same. Files that are not notebooks get a
    ``not_a_notebook`` entry; hidden files, ``.ipynb_checkpoints`` and the
    *out* folder are skipped. Students are named by their path relative to the
    folder, without suffix (prefixed with the folder's name when several
    paths are given).

    Parameters
    ----------
    submissions : path or list of paths
    assignment, solutions, timeout, cell_timeout, check_timeout, kernel_name, data_dir
        As in :func:`grade_notebook`.
    out : path or None
        If given, write ``scores.csv``, ``submissions.csv``, ``summary.md``
        (and ``executed/`` with ``keep_executed``) there.
    jobs : int
        Submissions graded at the same time (one kernel each).
    progress : callable or None
        Called with each :class:`Submission` as it is done.

    Returns
    -------
    Grades
    """
    if not isinstance(jobs, int) or jobs < 1:
        raise InputError(f"grade_submissions: jobs must be a positive int, got {jobs!r}.")
    from jupyter_client.kernelspec import KernelSpecManager

    kernels = KernelSpecManager().find_kernel_specs()
    if kernel_name not in kernels:
        raise InputError(
            f"grade_submissions: no Jupyter kernel named {kernel_name!r} (available: {sorted(kernels)}); "
            "pass kernel_name= (--kernel) or install one with `python -m ipykernel install --user`."
        )
    out_path = Path(out) if out is not None else None
    items = _expand(submissions, out_path)
    cache: dict = {}
    if isinstance(assignment, (str, os.PathLike)) and not isinstance(assignment, Assignment):
        sol_dir = Path(solutions) if solutions is not None else None
        from .build import default_solutions_dir

        found = _find_assignment(str(assignment), sol_dir or default_solutions_dir(), cache)
        if isinstance(found, str):
            raise InputError(f"grade_submissions: {found}.")
        assignment = found
    executed = out_path / "executed" if (keep_executed and out_path is not None) else None
    kwargs = dict(assignment=assignment, solutions=solutions, timeout=timeout, cell_timeout=cell_timeout,
                  check_timeout=check_timeout, kernel_name=kernel_name, data_dir=data_dir, executed_dir=executed,
                  _cache=cache, _grace=_grace)

    def one(item):
        name, path = item
        sub = grade_notebook(path, student=name, **kwargs)
        if progress is not None:
            progress(sub)
        return sub

    if jobs == 1 or len(items) < 2:
        results = [one(it) for it in items]
    else:
        from concurrent.futures import ThreadPoolExecutor

        # Warm the assignment cache first so that threads only read it.
        for _, p in items:
            nb, problem = _read_submission(p)
            if nb is not None and assignment is None:
                meta = nb.get("metadata", {}).get("textmine", {})
                if isinstance(meta, dict) and isinstance(meta.get("assignment"), str):
                    from .build import default_solutions_dir

                    _find_assignment(meta["assignment"], Path(solutions) if solutions is not None else default_solutions_dir(), cache)
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(one, items))
    grades = Grades(results)
    if out_path is not None:
        grades.write(out_path)
    return grades
