"""``check("ex1")``: the student's self-check, the way the grader checks.

The student version of an assignment defines ``check = SelfCheck("<assignment>")``
after its setup cells (Otter-Grader's ``grader.check`` is the model).
``check("ex1")`` runs the *visible* checks of exercise 1 (``check("ex1-total")``
one check, ``check()`` all of them) exactly as the grader will: the answers the
checks read are taken out of the notebook as data
(:class:`textmine.assignments.answers.Exporter`), and the checks run in a
separate process (:mod:`textmine.assignments.checkrun`) with the setup cells
re-run there. So a student sees the same results, and the same problems (an
answer that cannot be taken out as data, a helper they redefined that the
grader ignores), before submitting. The hidden checks are not in the student
version, so they cannot run here.

The checks are read from the notebook file itself (the locked *Check* cells):
the one Jupyter says it is running (``JPY_SESSION_NAME``), else the notebook
in the current folder whose metadata names the assignment. Under the grader
(``TEXTMINE_GRADING=1``) ``check`` does nothing.
"""

from __future__ import annotations

import html
import inspect
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError

__all__ = ["SelfCheck", "SelfCheckReport"]


@dataclass
class SelfCheckReport:
    """What :class:`SelfCheck` found: one dict per check (``id, points, status, reason, values``)."""

    assignment: str
    results: list[dict] = field(default_factory=list)
    message: str = ""

    @property
    def points(self) -> float:
        return float(sum(r["points"] for r in self.results if r["status"] == "passed"))

    @property
    def max_points(self) -> float:
        return float(sum(r["points"] for r in self.results))

    @property
    def passed(self) -> bool:
        """Whether every check run passed."""
        return bool(self.results) and all(r["status"] == "passed" for r in self.results)

    def __repr__(self) -> str:
        if self.message:
            return self.message
        lines = [f"{self.assignment}: {self.points:g} of {self.max_points:g} visible points"]
        for r in self.results:
            lines.append(f"  {r['id']} ({r['points']:g} pt): {r['status']}" + (f": {r['reason']}" if r["reason"] else ""))
            for v in r.get("values", []) if r["status"] != "passed" else []:
                lines.append(f"      {v['name']}: yours {v['yours']}; expected {v['expected']}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        if self.message:
            return f"<p>{html.escape(self.message)}</p>"
        rows = []
        for r in self.results:
            ok = r["status"] == "passed"
            mark = "✅" if ok else "❌"
            detail = html.escape(r["reason"])
            if not ok and r.get("values"):
                detail += "<br>" + "<br>".join(
                    f"<code>{html.escape(v['name'])}</code>: yours <code>{html.escape(v['yours'])}</code>; "
                    f"expected <code>{html.escape(v['expected'])}</code>" for v in r["values"])
            rows.append(f"<tr><td>{mark}</td><td><code>{html.escape(r['id'])}</code></td><td>{r['points']:g}</td>"
                        f"<td>{html.escape(r['status'])}</td><td style='text-align:left'>{detail}</td></tr>")
        return (f"<p><b>{html.escape(self.assignment)}</b>: {self.points:g} of {self.max_points:g} visible points"
                " (hidden checks and written answers are graded after you submit)</p>"
                "<table><tr><th></th><th>check</th><th>points</th><th>status</th><th>why</th></tr>"
                + "".join(rows) + "</table>")


def _notebook_meta(path: Path) -> dict:
    try:
        meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
    except (OSError, ValueError, AttributeError):
        return {}
    tm = meta.get("textmine") if isinstance(meta, dict) else None
    return tm if isinstance(tm, dict) else {}


class SelfCheck:
    """Runs the visible checks of an assignment on the caller's answers (see the module docstring).

    Parameters
    ----------
    assignment : str
        The assignment's name (the student version's ``textmine.assignment``).
    notebook : path or None
        The student's notebook; default: found as the module docstring says.
    timeout : float
        Seconds for each check.
    """

    def __init__(self, assignment: str, notebook: "str | os.PathLike | None" = None, *, timeout: float = 120):
        if not isinstance(assignment, str) or not assignment:
            raise TypeError(f"SelfCheck: assignment must be the assignment's name (a str), got {assignment!r}.")
        self.assignment = assignment
        self.notebook = Path(notebook) if notebook is not None else None
        self.timeout = float(timeout)

    def find_notebook(self) -> Path:
        """The notebook whose checks to run."""
        if self.notebook is not None:
            return self.notebook
        session = os.environ.get("JPY_SESSION_NAME")
        if session and Path(session).is_file() and _notebook_meta(Path(session)).get("assignment") == self.assignment:
            return Path(session)
        here = Path.cwd()
        candidates = [here / f"{self.assignment}.ipynb", *sorted(here.glob("*.ipynb"))]
        for p in candidates:
            if p.is_file() and _notebook_meta(p).get("assignment") == self.assignment:
                return p
        raise InputError(
            f"check: cannot find the notebook of assignment {self.assignment!r} in {here} (a .ipynb whose metadata "
            "names it). Save your notebook there, or create the helper with "
            f"SelfCheck({self.assignment!r}, notebook='path/to/your.ipynb')."
        )

    def _checks(self, which: str | None):
        import nbformat

        from .spec import TAG_CHECK, TAG_SETUP, to_python

        nb = nbformat.read(self.find_notebook(), as_version=4)
        setup = [to_python(c.source) for c in nb.cells
                 if c.cell_type == "code" and TAG_SETUP in c.get("metadata", {}).get("tags", [])]
        checks = []
        for c in nb.cells:
            meta = c.get("metadata", {})
            tm = meta.get("textmine", {}) if isinstance(meta.get("textmine"), dict) else {}
            if c.cell_type == "code" and TAG_CHECK in meta.get("tags", []) and isinstance(tm.get("id"), str):
                cid = tm["id"]
                exercise = tm.get("exercise") or cid.split("-")[0]
                checks.append({"id": cid, "exercise": exercise, "points": float(tm.get("points", 0)),
                               "source": to_python(c.source)})
        if which is not None:
            chosen = [c for c in checks if which in (c["id"], c["exercise"])]
            if not chosen:
                known = sorted({c["exercise"] for c in checks} | {c["id"] for c in checks})
                raise InputError(f"check: no visible check or exercise called {which!r}; try one of {known}.")
            checks = chosen
        return setup, checks

    def __call__(self, which: str | None = None, *, namespace: dict | None = None) -> SelfCheckReport:
        """Run the visible checks of exercise (or check) *which*; all of them when None."""
        if os.environ.get("TEXTMINE_GRADING") == "1":
            return SelfCheckReport(self.assignment, message="check(): self-checks do not run while grading.")
        if namespace is None:
            frame = inspect.currentframe()
            namespace = frame.f_back.f_globals if frame is not None and frame.f_back is not None else {}
        from .answers import Exporter, bound_names, plan_check
        from .checkrun import run_checks

        setup, checks = self._checks(which)
        setup_names: frozenset[str] = frozenset()
        for s in setup:
            setup_names |= bound_names(s)
        plans = [plan_check(c["source"], setup_names) for c in checks]
        with tempfile.TemporaryDirectory(prefix="textmine-check-") as tmp:
            answers = Path(tmp) / "answers"
            answers.mkdir()
            exporter = Exporter(namespace, str(answers), setup if any(p.needs_setup for p in plans) else None)
            for n, plan in enumerate(plans):
                exporter.export(n, [list(c.prefixes) for c in plan.chains])
            job = {"setup": setup, "answers": str(answers), "max_bytes": 256 << 20, "missing": {},
                   "checks": [{"id": c["id"], "number": n, "source": c["source"], "record": True,
                               "timeout": self.timeout} for n, c in enumerate(checks)]}
            env = dict(os.environ, MPLBACKEND="Agg", PYTHONHASHSEED="0")
            problem, found = run_checks(job, env=env, cwd=os.getcwd(), setup_timeout=max(120.0, self.timeout))
        if problem is not None:
            return SelfCheckReport(self.assignment, message=f"check(): the setup cells failed in the check process: {problem}")
        results = []
        for c in checks:
            r = found.get(c["id"], {"status": "error", "reason": "no result"})
            results.append({"id": c["id"], "points": c["points"], "status": r.get("status", "error"),
                            "reason": r.get("reason", ""), "values": r.get("values", [])})
        return SelfCheckReport(self.assignment, results)
