"""The offline autograder.

``python -m textmine.assignments grade SUBMISSION.ipynb|FOLDER`` grades one
notebook or every file in a folder, and writes into ``--out`` (default
``grades/``): ``scores.csv`` (one row per submission and check),
``submissions.csv`` (one row per submission), ``summary.md`` (readable, with
the reason for every lost point), ``gradebook.csv`` (Canvas and Moodle
import), ``gradescope/<student>/results.json`` and ``feedback/<student>.md``
(see :mod:`textmine.assignments.reports`).

How one submission is graded
----------------------------
1. The file is read leniently. Anything that is not a notebook gets a row
   with status ``not_a_notebook`` and zero points.
2. The assignment is the one named in the submission's
   ``metadata.textmine.assignment`` (the student version records it), or the
   one given with ``--assignment``.
3. The submission's code cells run in a fresh Jupyter kernel inside a
   bubblewrap sandbox (:mod:`textmine.assignments.sandbox`): no network, its
   own PID namespace, a read-only system, a private ``/tmp`` and home, only
   Python, the textmine package and the data folder visible, memory and file
   size limits, and one wall-clock limit (``timeout``) after which every
   process of the sandbox is killed. A cell over its own limit is interrupted
   and the run goes on; a cell that cannot be interrupted, or that kills the
   kernel, is left out and the notebook is run again from the start (at most
   three tries).
4. Still in the sandbox, the grader asks the kernel for the values the
   checks read (:mod:`textmine.assignments.answers`): each is written as data
   (JSON, Parquet, ``.npy``; never pickle) into a folder of the sandbox's own.
   Then the sandbox is killed, and the grader makes sure none of its
   processes is left.
5. Only then, in a fresh process of the grader's own (outside the sandbox,
   :mod:`textmine.assignments.checkrun`), the *solution's* setup cells run and
   every check of the *solution*, visible and hidden, runs on those values,
   each with its own time limit. Deleting, renaming or editing check cells,
   redefining check helpers or patching any library in the notebook therefore
   changes nothing but the student's own answers.
6. A check passes if it runs without raising; it is all or nothing. The reason
   for a lost point is the check's failure message (or exception), with the
   notebook's own first error added when an answer was never defined.

Threat model: see ``notebooks/assignments/README.md``. In short: student
code cannot read the solutions, hidden checks, other submissions or the
grades, cannot reach the network, cannot signal or outlive the grader, and
cannot change a check's result; it can only change its own answers. Without
bubblewrap the grader refuses to run unless ``unsafe_no_sandbox=True``
(``--unsafe-no-sandbox``), which keeps steps 4 to 6 (checks still run in the
grader's own process) but lets student code do anything you can do.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from .reports import CheckResult, Grades, Submission
from .spec import Assignment, AssignmentError, read_assignment, to_python

__all__ = ["grade_notebook", "grade_submissions", "Grades", "CheckResult", "Submission", "GradingOptions"]

CHECK_STATUSES = ("passed", "failed", "error", "timeout", "not_run", "manual", "ungraded")
SUBMISSION_STATUSES = ("graded", "timeout", "kernel_died", "not_a_notebook", "unknown_assignment", "grader_error")

_MAX_REASON = 400
_MAX_TRIES = 3
_MAX_OUTPUT = 2 << 20  # bytes of cell output kept per submission; the rest is dropped
_MAX_MESSAGE = 64 << 20  # a larger ZeroMQ message from the kernel closes the connection
_STARTUP = 180  # seconds for a kernel to start, or the check process to run the solution's setup (a loaded machine is slow)


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


def _written_answers(nb, assignment: Assignment) -> dict[str, str]:
    """The student's text of each written answer: the cell with the item's cell id, else its metadata id."""
    out: dict[str, str] = {}
    cells = [c for c in nb.get("cells", []) if isinstance(c, dict)]
    for item in assignment.manual:
        found = None
        for cell in cells:
            meta = cell.get("metadata", {}).get("textmine", {}) if isinstance(cell.get("metadata"), dict) else {}
            if (item.cell_id and cell.get("id") == item.cell_id) or (isinstance(meta, dict) and meta.get("id") == item.id):
                found = cell
                break
        text = ""
        if found is not None:
            src = found.get("source", "")
            text = "".join(map(str, src)) if isinstance(src, list) else str(src)
        out[item.id] = text
    return out


# --------------------------------------------------------------------------- options


@dataclass
class GradingOptions:
    """How submissions are run; see :func:`grade_submissions` for each field."""

    timeout: float = 600
    cell_timeout: float = 120
    check_timeout: float = 60
    kernel_name: str = "python3"
    data_dir: Path | None = None
    grace: float = 5
    bwrap: str | None = None  # None: no sandbox (unsafe)
    limits: Any = None
    max_answer_bytes: int = 256 << 20
    export_reserve: float | None = None

    def __post_init__(self):
        from .sandbox import Limits

        if self.limits is None:
            self.limits = Limits()

    @property
    def reserve(self) -> float:
        """Seconds of the wall-clock limit kept for taking the answers out after the cells."""
        if self.export_reserve is not None:
            return self.export_reserve
        return min(60.0, self.timeout / 5)


# --------------------------------------------------------------------------- the kernel


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


def _interrupt_and_probe(client, grace: float) -> bool:
    """Interrupt the kernel; True if it answers a trivial cell within *grace* s."""
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from nbclient.util import ensure_async, run_sync

    async def interrupt():
        await ensure_async(client.km.interrupt_kernel())

    _cancel_leftovers()
    try:
        run_sync(interrupt)()
        client.timeout = int(max(1, grace))
        _exec(client, "pass")
        return True
    except (CellTimeoutError, DeadKernelError, RuntimeError, OSError):
        return False


def _client_class():
    from nbclient import NotebookClient

    class CappedClient(NotebookClient):
        """A NotebookClient that keeps at most _MAX_OUTPUT bytes of outputs (a print loop cannot fill the grader's memory)."""

        kept = 0
        dropped = 0

        def output(self, outs, msg, display_id, cell_index):
            size = len(json.dumps(msg.get("content", {}), default=str))
            if self.kept + size > _MAX_OUTPUT and msg.get("msg_type") != "error":
                self.dropped += size
                return None
            self.kept += size
            return super().output(outs, msg, display_id, cell_index)

    return CappedClient


def _kernel_env(opts: GradingOptions, home: Path) -> dict[str, str]:
    """The kernel's whole environment: nothing of the grader's (tokens, paths) is passed in."""
    venv_bin = str(Path(sys.prefix) / "bin")
    env = {
        "PATH": f"{venv_bin}:/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home), "TMPDIR": "/tmp", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
        "MPLBACKEND": "Agg", "MPLCONFIGDIR": str(home / ".config" / "matplotlib"),
        "IPYTHONDIR": str(home / ".ipython"), "PYTHONHASHSEED": "0", "PYDEVD_DISABLE_FILE_VALIDATION": "1",
        "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
        "TEXTMINE_GRADING": "1", "VIRTUAL_ENV": sys.prefix,
    }
    if opts.bwrap is None:
        env["TMPDIR"] = str(home)
    if opts.data_dir is not None:
        env["TEXTMINE_DATA_DIR"] = str(opts.data_dir)
    return env


def _font_cache() -> Path | None:
    """matplotlib's font list, so that a fresh kernel does not rebuild it (a few seconds)."""
    try:
        import matplotlib

        found = sorted(Path(matplotlib.get_cachedir()).glob("fontlist-*.json"))
    except Exception:  # noqa: BLE001 - matplotlib missing or unconfigured
        return None
    return found[-1] if found else None


def _kernel_manager(opts: GradingOptions, box: Path):
    """An AsyncKernelManager whose kernel runs in the sandbox, over ZeroMQ Unix sockets in ``box/ipc``."""
    import zmq
    import zmq.asyncio
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager

    from . import sandbox as sb

    ipc, answers, specs = box / "ipc", box / "answers", box / "spec" / "textmine-sandbox"
    for d in (ipc, answers, specs):
        d.mkdir(parents=True)
    home = Path(sb.HOME) if opts.bwrap is not None else box / "home"
    env = _kernel_env(opts, home)
    spec = KernelSpecManager().get_kernel_spec(opts.kernel_name)
    env.update({k: str(v) for k, v in (spec.env or {}).items()})
    readable = [Path(sys.base_prefix), Path(sys.prefix), Path(__file__).resolve().parents[1]]
    if spec.argv and os.path.isabs(spec.argv[0]):  # a kernel with an interpreter of its own (--kernel)
        readable.append(Path(os.path.realpath(spec.argv[0])).parents[1])
    if opts.data_dir is not None:
        readable.append(Path(opts.data_dir))
    box_sandbox = sb.Sandbox(opts.bwrap, readable=readable, writable=[ipc, answers], limits=opts.limits, env=env)
    fonts = _font_cache()
    if fonts is not None:
        if opts.bwrap is not None:
            box_sandbox.binds.append((fonts, f"{env['MPLCONFIGDIR']}/{fonts.name}"))
        else:
            (home / ".config" / "matplotlib").mkdir(parents=True)
            shutil.copy(fonts, home / ".config" / "matplotlib" / fonts.name)
    else:
        home.mkdir(parents=True, exist_ok=True)
    kernel_json = {"argv": box_sandbox.command(list(spec.argv)), "display_name": "textmine sandbox",
                   "language": spec.language or "python", "interrupt_mode": "message", "env": {}}
    (specs / "kernel.json").write_text(json.dumps(kernel_json), encoding="utf-8")
    context = zmq.asyncio.Context()
    context.setsockopt(zmq.MAXMSGSIZE, _MAX_MESSAGE)
    km = AsyncKernelManager(
        kernel_name="textmine-sandbox", kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(specs.parent)]),
        transport="ipc", ip=str(ipc / "k"), connection_file=str(ipc / "kernel.json"), context=context)
    return km, box_sandbox, home, env


@dataclass
class _Run:
    cell_errors: dict[int, str] = field(default_factory=dict)
    results: dict[str, dict] = field(default_factory=dict)  # checks decided in the sandbox phase (timeouts...)
    missing: dict[str, str] = field(default_factory=dict)  # why a check's answers were not taken out
    timeouts: list[int] = field(default_factory=list)
    fatal: tuple[str, Any, str] | None = None  # ("cell", n, why) | ("check", id, why) | ("setup", None, why)
    over_budget_at: int | None = None
    executed: list[Any] = field(default_factory=list)
    answers: Path | None = None
    leftovers: int = 0
    dropped_output: int = 0


def _plans(assignment: Assignment) -> tuple[frozenset[str], dict[int, Any]]:
    from .answers import bound_names, plan_check

    setup_names: frozenset[str] = frozenset()
    for s in assignment.setup:
        setup_names |= bound_names(to_python(s))
    return setup_names, {n: plan_check(to_python(c.source), setup_names) for n, c in enumerate(assignment.checks)}


def _kill(pid: int) -> None:
    import signal

    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


def _reap(namespace: str | None, timeout: float = 10.0) -> int:
    """Wait until no process is left in the sandbox's PID namespace; kill stragglers. Returns how many were killed."""
    import signal

    from .sandbox import processes_in

    if namespace is None:
        return 0
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if not processes_in(namespace):
            return 0
        time.sleep(0.05)
    left = processes_in(namespace)
    for pid in left:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    return len(left)


@dataclass
class _Session:
    """One sandboxed kernel at work: the client, the options, the run being filled, the clock."""

    client: Any
    opts: GradingOptions
    run: _Run
    deadline: float
    killed: Any  # threading.Event, set by the wall-clock watchdog

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def used_up(self, what: str) -> str:
        return f"the submission used up its {self.opts.timeout:g} s time limit before {what}"


def _error_of(cell) -> str | None:
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            return f"{out.get('ename', 'Error')}: {out.get('evalue', '')}"
    return None


def _run_cells(s: _Session, cells, skip_cells: dict[int, str], keep: bool) -> bool:
    """Run the student's cells; False when the kernel must be given up (``run.fatal`` says why)."""
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    run, opts = s.run, s.opts
    for number, source in cells:
        if number in skip_cells:
            run.cell_errors[number] = skip_cells[number]
            continue
        remaining = s.remaining() - opts.reserve  # keep time to take the answers out
        if remaining < 1:
            run.over_budget_at = number
            return True
        limit = int(max(1, min(opts.cell_timeout, remaining)))
        s.client.timeout = limit
        try:
            cell = _exec(s.client, source)
        except CellTimeoutError:
            run.timeouts.append(number)
            why = f"did not finish within {limit} s (an endless loop?)"
            run.cell_errors[number] = f"TimeoutError: {why}; interrupted"
            if _interrupt_and_probe(s.client, opts.grace):
                continue
            if s.killed.is_set():
                run.over_budget_at = number
                return True
            run.fatal = ("cell", number, f"{why}, and could not be interrupted")
            return False
        except DeadKernelError:
            if s.killed.is_set():
                run.over_budget_at = number
                return True
            run.fatal = ("cell", number, "killed the kernel (a crash, os._exit or too much memory?)")
            return False
        if keep:
            run.executed.append(cell)
        error = _error_of(cell)
        if error is not None:
            run.cell_errors[number] = error
    return True


def _start_export(s: _Session, assignment: Assignment, plans: dict[int, Any]) -> str | None:
    """Create the exporter in the kernel; the reason it failed, or None. Sets ``run.fatal`` if the kernel died."""
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    needs_setup = any(p.needs_setup for p in plans.values())
    setup = [to_python(src) for src in assignment.setup] if needs_setup else None
    prepare = ("import textmine.assignments.answers as __textmine_answers__\n"
               f"__textmine_exporter__ = __textmine_answers__.Exporter(globals(), {str(s.run.answers)!r}, {setup!r})\n"
               "del __textmine_answers__")
    s.client.timeout = int(max(1, min(max(s.opts.check_timeout, 60), s.remaining())))
    try:
        error = _error_of(_exec(s.client, prepare))
    except CellTimeoutError:
        _interrupt_and_probe(s.client, s.opts.grace)
        return "the grader could not start taking your answers out of the kernel (it did not answer in time)"
    except DeadKernelError:
        if not s.killed.is_set():
            s.run.fatal = ("setup", None, "the kernel died while the grader prepared to take the answers out")
        return s.used_up("the grader could take your answers out")
    if error is not None:
        return f"the grader could not start taking your answers out of the kernel ({error}); did your notebook change a library?"
    return None


def _export(s: _Session, assignment: Assignment, plans: dict[int, Any], skip_checks: dict[str, str]) -> bool:
    """Have the kernel write what each check reads; False when the kernel must be given up."""
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    run = s.run
    export_error = None if s.killed.is_set() else _start_export(s, assignment, plans)
    if run.fatal is not None:
        return False
    for n, check in enumerate(assignment.checks):
        plan = plans[n]
        reads = ", ".join(f"`{c.prefixes[-1]}`" for c in plan.chains) or "nothing"
        if check.id in skip_checks:
            run.results[check.id] = {"status": "error", "reason": skip_checks[check.id]}
        elif not plan.chains:
            continue
        elif s.killed.is_set() or s.remaining() < 1:
            run.results[check.id] = {"status": "timeout", "reason": s.used_up(f"the grader could take out {reads}")}
        elif export_error is not None:
            run.missing[check.id] = export_error
        else:
            limit = int(max(1, min(s.opts.check_timeout, s.remaining())))
            s.client.timeout = limit
            try:
                error = _error_of(_exec(s.client, f"__textmine_exporter__.export({n}, {[list(c.prefixes) for c in plan.chains]!r})"))
            except CellTimeoutError:
                run.results[check.id] = {
                    "status": "timeout", "reason": f"your code did not finish within {limit} s while the grader "
                                                  f"evaluated {reads} (does a function of yours loop forever?)"}
                if not _interrupt_and_probe(s.client, s.opts.grace) and not s.killed.is_set():
                    run.fatal = ("check", check.id, run.results[check.id]["reason"] + " and could not be interrupted")
                    return False
                continue
            except DeadKernelError:
                if s.killed.is_set():
                    run.results[check.id] = {"status": "timeout", "reason": s.used_up(f"the grader could take out {reads}")}
                    continue
                run.fatal = ("check", check.id, f"your code killed the kernel while the grader evaluated {reads}")
                return False
            if error is not None:
                run.missing[check.id] = f"taking it out of your kernel failed ({_clip(error, 200)})"
    return True


def _execute(cells, assignment: Assignment, skip_cells: dict[int, str], skip_checks: dict[str, str],
             opts: GradingOptions, box: Path, keep: bool) -> _Run:
    """One try: start the sandboxed kernel, run the cells, take the answers out, kill the sandbox."""
    import threading

    from nbformat.v4 import new_notebook

    from .sandbox import namespace_of

    run = _Run(answers=box / "answers")
    deadline = time.monotonic() + opts.timeout
    km, _box, home, env = _kernel_manager(opts, box)
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": "textmine-sandbox", "display_name": "textmine sandbox", "language": "python"}
    client = _client_class()(
        nb, km=km, kernel_name="textmine-sandbox", allow_errors=True, record_timing=False, timeout=opts.cell_timeout,
        shutdown_kernel="immediate", startup_timeout=_STARTUP, interrupt_on_timeout=False,
        resources={"metadata": {"path": str(home if opts.bwrap is None else box)}},
    )
    session = _Session(client, opts, run, deadline, threading.Event())
    _setup_names, plans = _plans(assignment)
    pid: int | None = None
    namespace: str | None = None
    watchdog: threading.Timer | None = None

    started = False

    def expire():
        session.killed.set()
        if pid is not None:
            _kill(pid)

    try:
        # The kernel's own stderr (start-up warnings) would clutter the grader's output.
        with client.setup_kernel(env=env, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL):
            started = True
            pid = km.provisioner.pid
            watchdog = threading.Timer(max(0.0, session.remaining()), expire)
            watchdog.daemon = True
            watchdog.start()
            if opts.bwrap is not None:
                namespace = namespace_of(pid)
            if _run_cells(session, cells, skip_cells, keep):
                _export(session, assignment, plans, skip_checks)
    except Exception as e:  # noqa: BLE001 - jupyter_client's start-up errors have no common type
        if started:
            raise
        # Before any student code ran: the machine is overloaded, or the kernel cannot start here.
        run.fatal = ("start", None, f"the sandboxed kernel did not start ({type(e).__name__}: {_clip(e, 200)})")
        pid = getattr(km.provisioner, "pid", None) if km.provisioner is not None else None
    finally:
        if watchdog is not None:
            watchdog.cancel()
        if pid is not None:
            _kill(pid)  # the whole sandbox: its PID namespace dies with bwrap
        run.leftovers = _reap(namespace)
        run.dropped_output = client.dropped
        try:
            km.context.destroy(linger=0)
        except Exception:  # noqa: BLE001 - already closed
            pass
    return run


def _check_job(assignment: Assignment, run: _Run, opts: GradingOptions) -> dict:
    checks = []
    for n, c in enumerate(assignment.checks):
        if c.id in run.results:
            continue
        checks.append({"id": c.id, "number": n, "source": to_python(c.source), "record": not c.hidden,
                       "timeout": float(opts.check_timeout)})
    return {"setup": [to_python(s) for s in assignment.setup], "checks": checks, "answers": str(run.answers),
            "max_bytes": opts.max_answer_bytes, "missing": run.missing}


def _checks_env(opts: GradingOptions) -> dict[str, str]:
    env = dict(os.environ, MPLBACKEND="Agg", PYTHONHASHSEED="0", PYDEVD_DISABLE_FILE_VALIDATION="1")
    env.pop("TEXTMINE_GRADING", None)
    if opts.data_dir is not None:
        env["TEXTMINE_DATA_DIR"] = str(opts.data_dir)
    return env

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


def _manual_rows(assignment: Assignment) -> list[CheckResult]:
    """A row per written answer, ungraded until the instructor's points are merged (:mod:`.reports`)."""
    return [CheckResult(m.id, m.exercise, False, m.points, 0.0, "ungraded",
                        "not graded yet: the instructor enters these points in the manual CSV", kind="manual")
            for m in assignment.manual]


def _tries(cells, sources, assignment: Assignment, sub: Submission, opts: GradingOptions, tmp: Path, keep: bool):
    """Run the notebook, leaving out what killed or hung the kernel, at most _MAX_TRIES times."""
    skip_cells: dict[int, str] = {}
    skip_checks: dict[str, str] = {}
    for attempt in range(_MAX_TRIES):
        run = _execute(cells, assignment, skip_cells, skip_checks, opts, tmp / f"try{attempt}", keep)
        if run.leftovers:
            sub.notes.append(f"{run.leftovers} process(es) of the sandbox outlived it and were killed by the grader")
        if run.fatal is None:
            break
        kind, key, why = run.fatal
        if kind == "cell":
            skip_cells[key] = f"left out because it {why}"
            sub.notes.append(f"cell {key} ({_first_line(sources.get(key, ''))}) {why}; the notebook was run again without it")
        elif kind == "check":
            skip_checks[key] = why
            sub.notes.append(f"check {key}: {why}; the notebook was run again without this check")
        elif kind == "start":
            if attempt < _MAX_TRIES - 1:
                sub.notes.append(f"{why}; tried again")
        else:
            break
    left_out = list(skip_cells.values()) + list(skip_checks.values())
    return run, left_out


def _status(run: _Run, left_out: list[str], sub: Submission, opts: GradingOptions) -> None:
    if run.dropped_output:
        sub.notes.append(f"the notebook printed more than {_MAX_OUTPUT >> 20} MB; the rest of its output was dropped")
    if run.timeouts or run.over_budget_at is not None:
        sub.status = "timeout"
    if run.over_budget_at is not None:
        sub.notes.append(f"the notebook used up its {opts.timeout:g} s time limit; cells from cell {run.over_budget_at} on did not run")
    if sub.status == "graded" and left_out:
        sub.status = "kernel_died" if any("died" in v or "killed" in v for v in left_out) else "timeout"


def _run_submission(nb, assignment: Assignment, sub: Submission, opts: GradingOptions, keep_dir: Path | None) -> None:
    from .checkrun import run_checks

    cells = _code_cells(nb, assignment)
    sources = dict(cells)
    tmp = Path(tempfile.mkdtemp(prefix="textmine-grade-"))
    try:
        run, left_out = _tries(cells, sources, assignment, sub, opts, tmp, keep_dir is not None)
        sub.cell_errors = [f"cell {n} ({_first_line(sources.get(n, ''))}): {_clip(e, 200)}" for n, e in sorted(run.cell_errors.items())]
        if run.fatal is not None:
            kind, key, why = run.fatal
            sub.status = ("grader_error" if kind == "start" else "kernel_died" if "died" in why or "killed" in why
                          else "timeout" if "within" in why else "grader_error")
            if kind not in ("setup", "start"):
                why = f"not run: {why} ({_MAX_TRIES} tries)"
            sub.checks = _zero(assignment, "not_run", why) + _manual_rows(assignment)
            return
        _status(run, left_out, sub, opts)
        # 3. the checks, in a fresh process of the grader's own, after the sandbox is dead
        job = _check_job(assignment, run, opts)
        results = dict(run.results)
        if job["checks"]:
            (tmp / "checks").mkdir()
            setup_error, found = run_checks(job, env=_checks_env(opts), cwd=str(tmp / "checks"),
                                            setup_timeout=max(float(_STARTUP), opts.check_timeout), grace=opts.grace,
                                            memory_bytes=opts.limits.memory_mb << 20)
            if setup_error is not None:
                sub.status = "grader_error"
                sub.notes.append(f"the solution's setup failed in the grader's check process: {setup_error}")
                sub.checks = _zero(assignment, "not_run", f"not run: the solution's setup failed in the grader ({setup_error})") \
                    + _manual_rows(assignment)
                return
            results.update(found)
        sub.checks = [_score(c, results.get(c.id), run, sources) for c in assignment.checks] + _manual_rows(assignment)
        if keep_dir is not None:
            _save_executed(nb, run, keep_dir, sub.student)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _score(check, result: dict | None, run: _Run, sources: dict[int, str]) -> CheckResult:
    r = result or {"status": "error", "reason": "the check reported no result"}
    status = r.get("status", "error")
    if status not in CHECK_STATUSES:
        status = "error"
    reason = "" if status == "passed" else _clip(_explain(str(r.get("reason", "")), r.get("exception"), run.cell_errors, sources))
    values = [] if check.hidden else [v for v in r.get("values", []) if isinstance(v, dict)]
    return CheckResult(check.id, check.exercise, check.hidden, check.points, check.points if status == "passed" else 0.0,
                       status, reason, values)


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


def make_options(*, timeout: float = 600, cell_timeout: float = 120, check_timeout: float = 60,
                 kernel_name: str = "python3", data_dir: "str | os.PathLike | None" = None,
                 unsafe_no_sandbox: bool = False, memory_mb: int = 4096, grace: float = 5) -> GradingOptions:
    """Resolve the grading options: find bubblewrap and make sure a sandbox works here.

    Raises
    ------
    textmine.InputError
        The sandbox cannot run here and *unsafe_no_sandbox* is false (the
        message says why and how to install it).
    """
    from . import data_path
    from .sandbox import Limits, find_bwrap, sandbox_problem

    for name, value in (("timeout", timeout), ("cell_timeout", cell_timeout), ("check_timeout", check_timeout)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
            raise InputError(f"grade: {name} must be a positive number of seconds, got {value!r}.")
    if isinstance(memory_mb, bool) or not isinstance(memory_mb, int) or memory_mb < 256:
        raise InputError(f"grade: memory_mb must be an int of at least 256 (MiB), got {memory_mb!r}.")
    bwrap = None
    if not unsafe_no_sandbox:
        problem = sandbox_problem()
        if problem is not None:
            raise InputError(f"grade: the sandbox cannot run: {problem}. Nothing was graded.")
        bwrap = find_bwrap()
    if data_dir is None:
        try:
            data_dir = data_path()
        except InputError:
            data_dir = None
    return GradingOptions(timeout=timeout, cell_timeout=cell_timeout, check_timeout=check_timeout,
                          kernel_name=kernel_name, data_dir=None if data_dir is None else Path(data_dir).resolve(),
                          grace=grace, bwrap=bwrap, limits=Limits(memory_mb=memory_mb))


def _visible_secrets(opts: GradingOptions, secrets: "list[Path]") -> list[Path]:
    """The paths among *secrets* (solutions, submissions, grades) a sandbox would show; must be empty."""
    from .sandbox import Sandbox, grader_paths_visible

    readable = [Path(sys.base_prefix), Path(sys.prefix), Path(__file__).resolve().parents[1]]
    if opts.data_dir is not None:
        readable.append(Path(opts.data_dir))
    return grader_paths_visible(Sandbox(opts.bwrap, readable=readable, writable=[]), secrets)


def _refuse_visible(opts: GradingOptions, secrets: "list[Path]") -> None:
    if opts.bwrap is None:
        return
    shown = _visible_secrets(opts, [Path(p) for p in secrets if p is not None])
    if shown:
        raise InputError(
            f"grade: {shown[0]} would be visible to the students' code: it lies in a folder the sandbox shows "
            f"(Python, the virtual environment, the textmine package or the data folder {opts.data_dir}). "
            "Move the solutions, submissions and grades folders out of them."
        )


def grade_notebook(
    path: "str | os.PathLike",
    *,
    assignment: "Assignment | str | os.PathLike | None" = None,
    solutions: "str | os.PathLike | None" = None,
    student: str | None = None,
    student_id: str | None = None,
    timeout: float = 600,
    cell_timeout: float = 120,
    check_timeout: float = 60,
    kernel_name: str = "python3",
    data_dir: "str | os.PathLike | None" = None,
    executed_dir: "str | os.PathLike | None" = None,
    unsafe_no_sandbox: bool = False,
    memory_mb: int = 4096,
    options: GradingOptions | None = None,
    _cache: dict | None = None,
    _grace: float = 5,
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
    student, student_id : str or None
        Name in the score table (default: the file name without suffix), and
        the student it belongs to in the gradebook (default: *student*).
    timeout : float
        The wall-clock limit of the sandbox, in seconds: the student's cells
        and the grader taking the answers out. Cells must end ``min(60,
        timeout / 5)`` s before it, so that the answers can still be taken out.
    cell_timeout, check_timeout : float
        Seconds for each of the notebook's cells, and for each check (in the
        sandbox, for evaluating what the check reads; in the check process,
        for the check itself).
    kernel_name : str
        Jupyter kernel to run the notebook in (run inside the sandbox).
    data_dir : path or None
        The data folder, visible read-only in the sandbox and exported as
        ``TEXTMINE_DATA_DIR`` (default: the folder
        :func:`textmine.assignments.data_path` finds).
    executed_dir : path or None
        If given, save the executed student cells there, for feedback.
    unsafe_no_sandbox : bool
        Run without bubblewrap (the kernel then has all your permissions).
    memory_mb : int
        Memory limit of each process in the sandbox (MiB).
    options : GradingOptions or None
        Resolved options (from :func:`make_options`), overriding the above.

    Returns
    -------
    Submission

    Raises
    ------
    textmine.InputError
        The sandbox cannot run here and *unsafe_no_sandbox* is false, or a
        secret path (the solutions, the submission) would be visible in it.
    """
    if options is None:
        options = make_options(timeout=timeout, cell_timeout=cell_timeout, check_timeout=check_timeout,
                               kernel_name=kernel_name, data_dir=data_dir, unsafe_no_sandbox=unsafe_no_sandbox,
                               memory_mb=memory_mb, grace=_grace)
        _refuse_visible(options, [Path(path), Path(solutions) if solutions is not None else None,
                                  assignment.path if isinstance(assignment, Assignment) else None])
    return _grade_one(Path(path), assignment=assignment, solutions=solutions, student=student, student_id=student_id,
                      opts=options, executed_dir=executed_dir, cache=_cache if _cache is not None else {})


def _grade_one(path: Path, *, assignment, solutions, student, student_id, opts: GradingOptions, executed_dir,
               cache: dict) -> Submission:
    from . import build as _build

    t0 = time.perf_counter()
    sub = Submission(student=student or path.stem, path=str(path), assignment="", status="graded",
                     student_id=student_id or student or path.stem)
    a: Assignment | str = ""
    try:
        solutions = Path(solutions) if solutions is not None else _build.default_solutions_dir()
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
                sub.checks = _zero(a, "not_run", problem) + _manual_rows(a)
            else:
                sub.notes.append(problem)
            return sub
        if not isinstance(a, Assignment):
            sub.status = "unknown_assignment"
            sub.assignment = declared or ""
            sub.notes.append(a)
            return sub
        sub.written = _written_answers(nb, a)
        _run_submission(nb, a, sub, opts, Path(executed_dir) if executed_dir is not None else None)
    except Exception as e:  # noqa: BLE001 - one submission never stops the others
        sub.status = "grader_error"
        sub.notes.append(f"the grader failed on this submission ({type(e).__name__}: {_clip(e, 200)}); please report it")
        if isinstance(a, Assignment):
            sub.checks = _zero(a, "not_run", "not run: grader error (see notes)") + _manual_rows(a)
    finally:
        sub.seconds = round(time.perf_counter() - t0, 1)
    return sub


_SKIP_DIRS = {".ipynb_checkpoints", "__pycache__", ".git"}


def _expand(submissions, out: Path | None) -> list[tuple[str, Path, str]]:
    """(name, path, student id) of every submission (see :func:`grade_submissions`)."""
    submissions = [submissions] if isinstance(submissions, (str, os.PathLike)) else list(submissions)
    items: list[tuple[str, Path, str]] = []
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
                sid = rel.parts[0] if len(rel.parts) > 1 else rel.stem
                items.append((f"{p.name}/{name}" if several else name, f, sid))
        else:
            items.append((p.stem, p, p.stem))
    seen: dict[str, int] = {}
    unique = []
    for name, f, sid in items:
        seen[name] = seen.get(name, 0) + 1
        unique.append((name if seen[name] == 1 else f"{name}#{seen[name]}", f, sid))
    return unique


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
    unsafe_no_sandbox: bool = False,
    memory_mb: int = 4096,
    manual: "str | os.PathLike | None" = None,
    roster: "str | os.PathLike | None" = None,
    hidden_reasons: bool = True,
    _grace: float = 5,
) -> Grades:
    """Grade a folder (every file in it, recursively) or a list of submissions.

    Each submission runs in its own sandbox and temporary folders; whatever
    one does, the others are graded the same. Files that are not notebooks get
    a ``not_a_notebook`` entry; hidden files, ``.ipynb_checkpoints`` and the
    *out* folder are skipped. Submissions are named by their path relative to
    the folder, without suffix (prefixed with the folder's name when several
    paths are given); the student a submission belongs to is its file name,
    or its first folder (``alice/hw1.ipynb`` is alice's).

    Parameters
    ----------
    submissions : path or list of paths
    assignment, solutions, timeout, cell_timeout, check_timeout, kernel_name, data_dir, unsafe_no_sandbox, memory_mb
        As in :func:`grade_notebook`.
    out : path or None
        If given, write the score tables, gradebook, Gradescope results and
        feedback files there (:meth:`Grades.write`; ``executed/`` too with
        ``keep_executed``).
    jobs : int
        Submissions graded at the same time (one sandbox each).
    progress : callable or None
        Called with each :class:`Submission` as it is done.
    manual : path or None
        The instructor's CSV of points for written answers, merged into the
        totals (:func:`textmine.assignments.reports.read_manual`).
    roster, hidden_reasons
        As in :meth:`Grades.write`.

    Returns
    -------
    Grades

    Raises
    ------
    textmine.InputError
        Bad arguments; no such kernel; the sandbox cannot run here (without
        *unsafe_no_sandbox*); the solutions, a submission or *out* would be
        visible inside the sandbox; a bad *manual* CSV.
    """
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise InputError(f"grade_submissions: jobs must be a positive int, got {jobs!r}.")
    from jupyter_client.kernelspec import KernelSpecManager

    from .build import default_solutions_dir

    kernels = KernelSpecManager().find_kernel_specs()
    if kernel_name not in kernels:
        raise InputError(
            f"grade_submissions: no Jupyter kernel named {kernel_name!r} (available: {sorted(kernels)}); "
            "pass kernel_name= (--kernel) or install one with `python -m ipykernel install --user`."
        )
    if manual is not None and not Path(manual).is_file():
        raise InputError(f"grade_submissions: no manual points file at {manual}.")
    opts = make_options(timeout=timeout, cell_timeout=cell_timeout, check_timeout=check_timeout,
                        kernel_name=kernel_name, data_dir=data_dir, unsafe_no_sandbox=unsafe_no_sandbox,
                        memory_mb=memory_mb, grace=_grace)
    out_path = Path(out) if out is not None else None
    items = _expand(submissions, out_path)
    cache: dict = {}
    sol_dir = Path(solutions) if solutions is not None else default_solutions_dir()
    if isinstance(assignment, (str, os.PathLike)) and not isinstance(assignment, Assignment):
        found = _find_assignment(str(assignment), sol_dir, cache)
        if isinstance(found, str):
            raise InputError(f"grade_submissions: {found}.")
        assignment = found
    secrets = [sol_dir, out_path, *(p for _, p, _ in items)]
    if isinstance(assignment, Assignment):
        secrets.append(assignment.path)
    _refuse_visible(opts, secrets)
    executed = out_path / "executed" if (keep_executed and out_path is not None) else None

    def one(item):
        name, path, sid = item
        sub = _grade_one(path, assignment=assignment, solutions=solutions, student=name, student_id=sid,
                         opts=opts, executed_dir=executed, cache=cache)
        if progress is not None:
            progress(sub)
        return sub

    # Read every solution first, so that threads only read the cache (and a
    # solution inside the sandbox's view is refused before anything runs).
    for _, p, _ in items:
        nb, _problem = _read_submission(p)
        if nb is not None and assignment is None:
            meta = nb.get("metadata", {}).get("textmine", {})
            if isinstance(meta, dict) and isinstance(meta.get("assignment"), str):
                found = _find_assignment(meta["assignment"], sol_dir, cache)
                if isinstance(found, Assignment):
                    _refuse_visible(opts, [found.path])
    if jobs == 1 or len(items) < 2:
        results = [one(it) for it in items]
    else:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(one, items))
    grades = Grades(results)
    if manual is not None:
        from .reports import merge_manual

        grades = merge_manual(grades, manual)
    if out_path is not None:
        grades.write(out_path, roster=roster, hidden_reasons=hidden_reasons)
    return grades
