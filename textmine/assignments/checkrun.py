"""The grader's check process: the solution's checks, run on answers taken out as data.

:func:`run_checks` (in the grader) starts ``python -m textmine.assignments.checkrun``
after the student's sandbox is dead, sends it a job on stdin (the solution's
setup cells, the checks, the folder the kernel wrote its answers to) and reads
one JSON line per check on its stdout. The process

1. reads the answers (:func:`textmine.assignments.answers.read_answers`:
   regular files only, no link followed, size-limited, JSON and Parquet/npy,
   never pickle);
2. runs the solution's setup cells in a namespace of its own;
3. runs each check, rewritten so that each answer it reads is the value the
   kernel exported (:func:`textmine.assignments.answers.rewrite_check`), in a
   fresh copy of that namespace, with its own time limit.

No student code runs in this process, and nothing the student controls can
reach its output: the student's kernel is dead before it starts, and it runs
outside the sandbox. A check that hangs or crashes it is reported as such and
the process is started again for the remaining checks.
"""

from __future__ import annotations

import builtins
import json
import linecache
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from typing import Any

__all__ = ["run_checks", "main"]

_MAX_LINE = 1 << 20
_MAX_REPR = 240


class _CheckTimeout(BaseException):
    """Raised by the alarm inside a check that overruns its limit."""


def _text(exc: BaseException) -> str:
    try:
        return str(exc)
    except BaseException:  # noqa: BLE001
        return "<unprintable message>"


def _describe(exc: BaseException, source: str, filename: str) -> str:
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
    from .answers import AnswerError

    if isinstance(exc, AnswerError):
        return msg
    out = type(exc).__name__ + (": " + msg if msg else "")
    if line:
        out += " (in check line " + str(lineno) + ": " + line + ")"
    return out


def short_repr(value: Any) -> str:
    """A one-line description of a value for the feedback (frames by shape and columns)."""
    try:
        import pandas as pd

        if isinstance(value, pd.DataFrame):
            cols = ", ".join(map(str, value.columns[:8])) + (", ..." if value.shape[1] > 8 else "")
            return f"DataFrame, {value.shape[0]} rows × {value.shape[1]} columns ({cols})"
        if isinstance(value, pd.Series):
            return f"Series {value.name!r}, {len(value)} values"
        import numpy as np

        if isinstance(value, np.generic):
            value = value.item()  # 5440, not np.int64(5440)
        text = repr(value)
    except BaseException:  # noqa: BLE001
        text = object.__repr__(value)
    text = " ".join(text.split())
    return text if len(text) <= _MAX_REPR else text[: _MAX_REPR - 3] + "..."


def _run_one(check: dict, reference: dict, answers: dict, setup_names: frozenset, missing: str) -> dict:
    from .answers import ANSWER_FUNCTION, RECORD_FUNCTION, AnswerError, resolver, rewrite_check
    from .checks import observe

    t0 = time.perf_counter()
    src = check["source"]
    filename = f"<check {check['id']}>"
    linecache.cache[filename] = (len(src), None, src.splitlines(True), filename)
    recorded: list[tuple[str, Any, str, Any]] = []
    ns = dict(reference)
    ns["__builtins__"] = builtins
    ns["__name__"] = "__main__"
    ns[ANSWER_FUNCTION] = resolver(answers, missing)
    ns[RECORD_FUNCTION] = lambda ls, lv, rs, rv: recorded.append((ls, lv, rs, rv))
    res: dict[str, Any]
    seen: list = []
    try:
        code = compile(rewrite_check(src, setup_names, answers, record=check.get("record", False)), filename, "exec")
        with observe() as seen:
            signal.setitimer(signal.ITIMER_REAL, float(check["timeout"]))
            try:
                exec(code, ns)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
        res = {"status": "passed", "reason": ""}
    except AssertionError as exc:
        res = {"status": "failed", "reason": _describe(exc, src, filename)}
    except _CheckTimeout:
        res = {"status": "timeout",
               "reason": f"the check did not finish within {check['timeout']:g} s on your answers"}
    except AnswerError as exc:
        res = {"status": "error", "reason": _describe(exc, src, filename), "exception": "AnswerError"}
    except BaseException as exc:  # noqa: BLE001 - a check error is a result
        res = {"status": "error", "reason": _describe(exc, src, filename), "exception": type(exc).__name__}
    values = [{"name": c.name, "yours": short_repr(c.actual), "expected": short_repr(c.expected)} for c in seen]
    for ls, lv, rs, rv in recorded:
        ours_left = ANSWER_FUNCTION in ls or not (ANSWER_FUNCTION in rs)
        name, yours, expected = (ls, lv, rv) if ours_left else (rs, rv, lv)
        values.append({"name": name.replace(f"{ANSWER_FUNCTION}(", "answer("), "yours": short_repr(yours),
                       "expected": short_repr(expected)})
    res.update(id=check["id"], seconds=round(time.perf_counter() - t0, 3), values=values[-6:])
    return res


def _alarm(signum, frame):
    raise _CheckTimeout()


def main() -> int:
    """Entry point of the check process (reads the job on stdin)."""
    from .answers import bound_names, plan_check, read_answers

    job = json.loads(sys.stdin.read())
    out = sys.stdout
    real_stdout = os.fdopen(os.dup(1), "w", encoding="utf-8")
    sys.stdout = sys.stderr  # prints in setup or checks must not corrupt the protocol
    del out

    def emit(obj):
        real_stdout.write(json.dumps(obj, default=str)[:_MAX_LINE] + "\n")
        real_stdout.flush()

    signal.signal(signal.SIGALRM, _alarm)
    setup_names: frozenset[str] = frozenset()
    for s in job["setup"]:
        setup_names |= bound_names(s)
    plans = {c["number"]: plan_check(c["source"], setup_names) for c in job["checks"]}
    answers = read_answers(job["answers"], plans, max_bytes=int(job["max_bytes"]))
    reference: dict[str, Any] = {"__builtins__": builtins, "__name__": "__main__"}
    for i, src in enumerate(job["setup"]):
        filename = f"<setup cell {i + 1}>"
        linecache.cache[filename] = (len(src), None, src.splitlines(True), filename)
        try:
            exec(compile(src, filename, "exec"), reference)
        except BaseException as exc:  # noqa: BLE001
            emit({"event": "setup", "status": "error", "reason": f"setup cell {i + 1}: {_describe(exc, src, filename)}"})
            return 0
    emit({"event": "setup", "status": "ok"})
    for check in job["checks"]:
        missing = job.get("missing", {}).get(
            check["id"], "the kernel wrote no value for it (did the notebook replace `exec`, the grader's objects or a library?)")
        emit(_run_one(check, reference, answers, setup_names, missing))
    return 0


# --------------------------------------------------------------------------- the grader's side


def _reader(stream, q: "queue.Queue[str | None]") -> None:
    for line in iter(stream.readline, ""):
        q.put(line)
    q.put(None)


def run_checks(job: dict, *, env: dict[str, str], cwd: str, setup_timeout: float,
               grace: float = 5.0, memory_bytes: int | None = None) -> tuple[str | None, dict[str, dict]]:
    """Run the checks of *job* in fresh check processes; returns (setup error or None, id → result).

    A check that outlives its limit plus *grace* (stuck in C code), or that
    crashes the process, gets a ``timeout`` or ``error`` result; the process
    is started again for the checks after it.
    """
    results: dict[str, dict] = {}
    remaining = list(job["checks"])
    setup_tries = 0
    while remaining:
        sub_job = dict(job, checks=remaining)
        proc = subprocess.Popen(
            [sys.executable, "-m", "textmine.assignments.checkrun"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, env=env, cwd=cwd, text=True, encoding="utf-8", start_new_session=True)
        try:
            if memory_bytes:
                import resource

                try:
                    resource.prlimit(proc.pid, resource.RLIMIT_AS, (memory_bytes, memory_bytes))
                except (OSError, AttributeError, ValueError):  # pragma: no cover - non-Linux
                    pass
            q: queue.Queue[str | None] = queue.Queue()
            threading.Thread(target=_reader, args=(proc.stdout, q), daemon=True).start()
            proc.stdin.write(json.dumps(sub_job))
            proc.stdin.close()
            limit = setup_timeout
            setup_seen = False
            while remaining:
                try:
                    line = q.get(timeout=limit + grace)
                except queue.Empty:
                    line = "timeout"
                if line is None or line == "timeout":
                    if not setup_seen:
                        setup_tries += 1
                        if line == "timeout" and setup_tries < 2:
                            break  # a loaded machine: start the process once more
                        why = (f"the solution's setup did not finish within {setup_timeout:g} s in the check process"
                               if line == "timeout" else f"the check process failed before running the checks (exit {proc.poll()})")
                        return why, results
                    current = remaining.pop(0)
                    results[current["id"]] = (
                        {"id": current["id"], "status": "timeout",
                         "reason": f"the check did not finish within {current['timeout']:g} s on your answers", "values": []}
                        if line == "timeout" else
                        {"id": current["id"], "status": "error", "exception": "CheckProcessCrash",
                         "reason": f"the check crashed the grader's check process (exit code {proc.wait()})", "values": []})
                    break
                msg = json.loads(line)
                if msg.get("event") == "setup":
                    if msg["status"] != "ok":
                        return msg.get("reason", "the solution's setup failed"), results
                    setup_seen = True
                    limit = float(remaining[0]["timeout"]) if remaining else 0
                    continue
                if remaining and msg.get("id") == remaining[0]["id"]:
                    results[msg["id"]] = msg
                    remaining.pop(0)
                    if remaining:
                        limit = float(remaining[0]["timeout"])
        finally:
            if proc.poll() is None:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except OSError:
                    proc.kill()
            proc.wait()
    return None, results


if __name__ == "__main__":
    sys.exit(main())
