"""Grading results and what courses need from them.

:class:`Grades` holds one :class:`Submission` per graded file, each with a
:class:`CheckResult` per check and per written answer. :meth:`Grades.write`
writes into the grades folder:

``scores.csv``, ``submissions.csv``, ``summary.md``
    One row per submission and check; one row per submission; a readable
    summary with the reason for every lost point.
``gradebook.csv``
    One row per student, for a learning management system: ``Student, ID,
    SIS User ID, SIS Login ID, Section`` (the columns Canvas' gradebook
    import matches students on; Moodle's "Import grades: CSV" lets you map any
    of them to username or ID number), then per assignment its total and one
    column per exercise (``01-terms-by-period: ex1``).
``gradescope/<student>/results.json``
    Gradescope's autograder results format (``score``, ``execution_time``,
    ``output``, ``tests`` with ``name``, ``score``, ``max_score``, ``status``,
    ``output``, ``visibility``): visible checks ``"visible"``, hidden checks
    ``"after_published"``.
``feedback/<student>.md``
    For the student: every check and written answer with its points and
    reason; for visible checks, the expected value beside the student's.
``manual-answers.md``, ``manual-template.csv``
    When the assignment has written answers: each student's text, and a CSV
    to fill in (``student, item, max_points, points, comment``) and merge with
    ``--manual``.
``grades.json``
    Everything above in one file, so that :meth:`Grades.read` can re-make
    the exports (``textmine assignments report``) after the written answers
    are marked, without running any notebook again.
"""

from __future__ import annotations

import csv
import json
import math
import os
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError

__all__ = ["CheckResult", "Submission", "Grades", "gradebook", "gradescope_results", "feedback_markdown",
           "read_manual", "merge_manual"]

_MAX_REASON = 400


def _clip(text: str, n: int = _MAX_REASON) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 3] + "..."


@dataclass
class CheckResult:
    """The outcome of one check (or written answer) for one submission.

    ``values`` lists, for a visible check, what it compared: dicts with
    ``name``, ``yours`` and ``expected`` (short descriptions). ``kind`` is
    ``"check"`` or ``"manual"`` (a written answer graded by hand).
    """

    check: str
    exercise: str
    hidden: bool
    max_points: float
    points: float
    status: str
    reason: str
    values: list[dict] = field(default_factory=list)
    kind: str = "check"


@dataclass
class Submission:
    """The outcome of grading one submission.

    ``student`` names the submission (its path relative to the folder given,
    without suffix); ``student_id`` is the student it belongs to (the file
    name, or the first folder for ``alice/hw1.ipynb``), the key of the
    gradebook. ``written`` holds the text of each written answer, by item id.
    """

    student: str
    path: str
    assignment: str
    status: str
    checks: list[CheckResult] = field(default_factory=list)
    cell_errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    max_points: float = float("nan")
    student_id: str = ""
    written: dict[str, str] = field(default_factory=dict)

    def __post_init__(self):
        if not self.student_id:
            self.student_id = self.student

    @property
    def points(self) -> float:
        return float(sum(c.points for c in self.checks))


def _pts(x: float) -> str:
    return "?" if x != x else f"{x:g}"


def safe_name(student: str) -> str:
    """A file name for *student* (``alice/hw1`` → ``alice__hw1``; other odd characters → ``_``)."""
    name = re.sub(r"[^A-Za-z0-9._#-]", "_", student.replace("/", "__")).lstrip(".")
    return name or "_"


class Grades:
    """The result of :func:`textmine.assignments.grade_submissions`.

    Attributes
    ----------
    results : list of Submission
    scores : pandas.DataFrame
        One row per submission and check or written answer, in submission then
        notebook order: ``student, student_id, assignment, exercise, check,
        kind, hidden, max_points, points, status, reason``. ``kind`` is check
        or manual; ``status`` is passed, failed (an assertion), error (another
        exception, e.g. an undefined answer), timeout, not_run, manual (points
        entered by the instructor) or ungraded (a written answer not marked
        yet); ``reason`` is empty when no point was lost. A submission whose
        assignment is unknown has one row with empty ``check``.
    submissions : pandas.DataFrame
        One row per submission: ``student, student_id, path, assignment,
        status, points, max_points, n_passed, n_checks, n_cell_errors,
        seconds, cell_errors, notes``. ``status`` is graded, timeout,
        kernel_died, not_a_notebook, unknown_assignment or grader_error.
    """

    def __init__(self, results: list[Submission]):
        import pandas as pd

        self.results = results
        rows = []
        for s in results:
            if s.checks:
                for c in s.checks:
                    rows.append({"student": s.student, "student_id": s.student_id, "assignment": s.assignment,
                                 "exercise": c.exercise, "check": c.check, "kind": c.kind, "hidden": c.hidden,
                                 "max_points": c.max_points, "points": c.points, "status": c.status, "reason": c.reason})
            else:
                rows.append({"student": s.student, "student_id": s.student_id, "assignment": s.assignment,
                             "exercise": "", "check": "", "kind": "check", "hidden": False, "max_points": float("nan"),
                             "points": 0.0, "status": "not_run", "reason": _clip("; ".join(s.notes) or s.status)})
        cols = ["student", "student_id", "assignment", "exercise", "check", "kind", "hidden", "max_points", "points",
                "status", "reason"]
        self.scores = pd.DataFrame(rows, columns=cols).astype(
            {"student": "str", "student_id": "str", "assignment": "str", "exercise": "str", "check": "str",
             "kind": "str", "hidden": "bool", "max_points": "float64", "points": "float64", "status": "str",
             "reason": "str"})
        subs = [{"student": s.student, "student_id": s.student_id, "path": s.path, "assignment": s.assignment,
                 "status": s.status, "points": s.points, "max_points": s.max_points,
                 "n_passed": sum(c.status == "passed" for c in s.checks),
                 "n_checks": sum(c.kind == "check" for c in s.checks),
                 "n_cell_errors": len(s.cell_errors), "seconds": s.seconds,
                 "cell_errors": " | ".join(s.cell_errors), "notes": " | ".join(s.notes)} for s in results]
        scols = ["student", "student_id", "path", "assignment", "status", "points", "max_points", "n_passed",
                 "n_checks", "n_cell_errors", "seconds", "cell_errors", "notes"]
        self.submissions = pd.DataFrame(subs, columns=scols).astype(
            {"student": "str", "student_id": "str", "path": "str", "assignment": "str", "status": "str",
             "points": "float64", "max_points": "float64", "n_passed": "int64", "n_checks": "int64",
             "n_cell_errors": "int64", "seconds": "float64", "cell_errors": "str", "notes": "str"})

    def __repr__(self) -> str:
        return self.text(details=False)

    def by_exercise(self):
        """Points per submission and exercise: ``student, assignment, exercise, max_points, points``."""
        g = self.scores[self.scores["check"] != ""].groupby(["student", "assignment", "exercise"], sort=False)
        return g[["max_points", "points"]].sum().reset_index()

    def text(self, *, details: bool = True) -> str:
        """A readable summary (markdown): one table line per submission, then every lost point."""
        lines = [f"# Grades: {len(self.results)} submission" + ("" if len(self.results) == 1 else "s"), "",
                 "| student | assignment | points | status | checks passed |", "|---|---|---|---|---|"]
        for s in self.results:
            checks = [c for c in s.checks if c.kind == "check"]
            lines.append(f"| {s.student} | {s.assignment or '?'} | {_pts(s.points)} / {_pts(s.max_points)} | {s.status} | "
                         f"{sum(c.status == 'passed' for c in checks)} / {len(checks)} |")
        if not details:
            return "\n".join(lines)
        for s in self.results:
            lines += ["", f"## {s.student}: {_pts(s.points)} / {_pts(s.max_points)} points "
                          f"({s.assignment or 'unknown assignment'}, {s.status}, {s.seconds:g} s)"]
            ex = _exercises(s)
            if ex:
                lines.append("Exercises: " + ", ".join(f"{k} {v[0]:g}/{v[1]:g}" for k, v in ex.items()))
            for note in s.notes:
                lines.append(f"- note: {note}")
            lost = [c for c in s.checks if c.points < c.max_points]
            if lost:
                lines.append("")
                lines.append("Lost points:")
                for c in lost:
                    tag = "hidden, " if c.hidden else "written answer, " if c.kind == "manual" else ""
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

    # ------------------------------------------------------------------ files

    def to_json(self) -> str:
        """Every submission, check and written answer as JSON (read back with :meth:`from_json`)."""
        def encode(s: Submission) -> dict:
            d = asdict(s)
            d["max_points"] = None if s.max_points != s.max_points else s.max_points
            return d

        return json.dumps({"format": 1, "submissions": [encode(s) for s in self.results]}, indent=1,
                          ensure_ascii=False, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> "Grades":
        """The inverse of :meth:`to_json`."""
        doc = json.loads(text)
        results = []
        for d in doc["submissions"]:
            checks = [CheckResult(**c) for c in d.pop("checks")]
            mp = d.pop("max_points")
            results.append(Submission(**d, checks=checks, max_points=float("nan") if mp is None else mp))
        return cls(results)

    @classmethod
    def read(cls, folder: "str | os.PathLike") -> "Grades":
        """The grades written into *folder* by :meth:`write` (its ``grades.json``)."""
        path = Path(folder) / "grades.json"
        if not path.is_file():
            raise InputError(f"Grades.read: no grades.json in {folder}; grade the submissions first (it writes one).")
        try:
            return cls.from_json(path.read_text(encoding="utf-8"))
        except (ValueError, KeyError, TypeError) as e:
            raise InputError(f"Grades.read: {path} is not a grades file written by textmine ({type(e).__name__}: {e}).") from None

    def write(self, out: "str | os.PathLike", *, roster: "str | os.PathLike | None" = None,
              hidden_reasons: bool = True) -> Path:
        """Write every file listed in the module docstring into folder *out*.

        Parameters
        ----------
        roster : path or None
            A CSV with a ``student`` column (the student ids of the grades)
            and any of ``name, id, sis_user_id, sis_login_id, section``, used
            to fill the gradebook's first columns.
        hidden_reasons : bool
            Whether the students' feedback files give the reasons of hidden
            checks (they can reveal expected values); the instructor's files
            always do.
        """
        import shutil

        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        self.scores.to_csv(out / "scores.csv", index=False, lineterminator="\n")
        self.submissions.to_csv(out / "submissions.csv", index=False, lineterminator="\n")
        (out / "summary.md").write_text(self.text(), encoding="utf-8")
        (out / "grades.json").write_text(self.to_json(), encoding="utf-8")
        gradebook(self, roster=roster).to_csv(out / "gradebook.csv", index=False, lineterminator="\n")
        for folder in ("gradescope", "feedback"):
            shutil.rmtree(out / folder, ignore_errors=True)
            (out / folder).mkdir()
        names = _file_names(self.results)
        for s in self.results:
            name = names[id(s)]
            (out / "gradescope" / name).mkdir()
            (out / "gradescope" / name / "results.json").write_text(
                json.dumps(gradescope_results(s), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            (out / "feedback" / f"{name}.md").write_text(feedback_markdown(s, hidden_reasons=hidden_reasons),
                                                          encoding="utf-8")
        if any(c.kind == "manual" for s in self.results for c in s.checks):
            (out / "manual-answers.md").write_text(manual_answers_markdown(self), encoding="utf-8")
            manual_template(self).to_csv(out / "manual-template.csv", index=False, lineterminator="\n")
        return out


def _file_names(results: list[Submission]) -> dict[int, str]:
    out: dict[int, str] = {}
    used: set[str] = set()
    for s in results:
        base = safe_name(s.student)
        name, n = base, 1
        while name in used:
            n += 1
            name = f"{base}#{n}"
        used.add(name)
        out[id(s)] = name
    return out


def _exercises(s: Submission) -> dict[str, list[float]]:
    ex: dict[str, list[float]] = {}
    for c in s.checks:
        e = ex.setdefault(c.exercise, [0.0, 0.0])
        e[0] += c.points
        e[1] += c.max_points
    return ex


# --------------------------------------------------------------------------- gradebook


_ROSTER_COLUMNS = {"name": "Student", "id": "ID", "sis_user_id": "SIS User ID", "sis_login_id": "SIS Login ID",
                   "section": "Section"}


def _read_roster(path: "str | os.PathLike") -> dict[str, dict[str, str]]:
    path = Path(path)
    try:
        with path.open(newline="", encoding="utf-8-sig") as f:
            rows = list(csv.DictReader(f))
    except OSError as e:
        raise InputError(f"gradebook: cannot read the roster {path} ({e.strerror}).") from None
    if not rows or "student" not in rows[0]:
        raise InputError(f"gradebook: the roster {path} needs a header with a `student` column "
                         f"(and any of {', '.join(_ROSTER_COLUMNS)}).")
    return {r["student"].strip(): r for r in rows if r.get("student")}


def gradebook(grades: Grades, *, roster: "str | os.PathLike | None" = None):
    """One row per student: identity columns, then per assignment its total and each exercise.

    Returns
    -------
    pandas.DataFrame
        ``Student, ID, SIS User ID, SIS Login ID, Section``, then
        ``<assignment>`` (the total) and ``<assignment>: <exercise>`` for
        every assignment graded, in order of appearance. Without a roster,
        ``Student``, ``SIS User ID`` and ``SIS Login ID`` are the student id
        and ``ID``, ``Section`` are empty. A student with no submission for an
        assignment has empty cells there. Two submissions of one student for
        the same assignment keep the better total.
    """
    import pandas as pd

    people = _read_roster(roster) if roster is not None else {}
    columns: dict[str, None] = {}
    best: dict[tuple[str, str], Submission] = {}
    order: dict[str, None] = {}
    for s in grades.results:
        if not s.assignment:
            continue
        order.setdefault(s.student_id, None)
        columns.setdefault(s.assignment, None)
        for c in s.checks:
            columns.setdefault(f"{s.assignment}: {c.exercise}", None)
        key = (s.student_id, s.assignment)
        if key not in best or s.points > best[key].points:
            best[key] = s
    rows = []
    for sid in order:
        person = people.get(sid, {})
        row = {"Student": person.get("name") or sid, "ID": person.get("id", ""),
               "SIS User ID": person.get("sis_user_id") or sid, "SIS Login ID": person.get("sis_login_id") or sid,
               "Section": person.get("section", "")}
        for col in columns:
            row[col] = None
        for (who, assignment), s in best.items():
            if who != sid:
                continue
            row[assignment] = round(s.points, 4)
            for exercise, (points, _max) in _exercises(s).items():
                row[f"{assignment}: {exercise}"] = round(points, 4)
        rows.append(row)
    return pd.DataFrame(rows, columns=[*_ROSTER_COLUMNS.values(), *columns])


# --------------------------------------------------------------------------- Gradescope


def gradescope_results(s: Submission) -> dict[str, Any]:
    """The Gradescope autograder ``results.json`` of one submission.

    One test per check and written answer (``name`` is ``"<exercise> <id>"``,
    ``number`` its position); ``status`` passed or failed; ``output`` the
    reason; ``visibility`` ``"visible"`` for visible checks and written
    answers, ``"after_published"`` for hidden checks.
    """
    tests = []
    for i, c in enumerate(s.checks, 1):
        out = c.reason if c.points < c.max_points else ("passed" if c.kind == "check" else c.reason)
        if c.values and c.points < c.max_points:
            out += "\n" + "\n".join(f"{v['name']}: yours {v['yours']}; expected {v['expected']}" for v in c.values)
        tests.append({
            "name": f"{c.exercise} {c.check}" + (" (written answer)" if c.kind == "manual" else ""),
            "number": str(i), "score": c.points, "max_score": c.max_points,
            "status": "passed" if c.points >= c.max_points else "failed",
            "output": out, "visibility": "after_published" if c.hidden else "visible",
        })
    output = [f"{s.assignment or 'unknown assignment'}: {_pts(s.points)} / {_pts(s.max_points)} points ({s.status})."]
    output += [f"Note: {n}" for n in s.notes]
    output += [f"Error in your notebook: {e}" for e in s.cell_errors[:5]]
    result: dict[str, Any] = {"score": s.points, "execution_time": round(s.seconds), "output": "\n".join(output),
                              "visibility": "visible", "stdout_visibility": "hidden", "tests": tests}
    if not s.checks:
        result["score"] = 0.0
    return result


# --------------------------------------------------------------------------- feedback


def _md(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def feedback_markdown(s: Submission, *, hidden_reasons: bool = True) -> str:
    """The student's feedback: total, points per exercise, then every check and written answer."""
    lines = [f"# Feedback: {s.assignment or 'unknown assignment'}", "",
             f"**{s.student}**: {_pts(s.points)} / {_pts(s.max_points)} points.", ""]
    if s.status != "graded":
        lines += [f"Status: `{s.status}`.", ""]
    for n in s.notes:
        lines.append(f"- {n}")
    if s.notes:
        lines.append("")
    ex = _exercises(s)
    if ex:
        lines += ["| exercise | points |", "|---|---|"]
        lines += [f"| {k} | {v[0]:g} / {v[1]:g} |" for k, v in ex.items()]
        lines.append("")
    for c in s.checks:
        kind = "hidden check" if c.hidden else "written answer" if c.kind == "manual" else "check"
        verdict = "passed" if c.points >= c.max_points and c.kind == "check" else c.status
        lines.append(f"## `{c.check}` ({kind}, {c.exercise}): {c.points:g} / {c.max_points:g} — {verdict}")
        if c.reason and (hidden_reasons or not c.hidden):
            lines += ["", c.reason]
        elif c.reason:
            lines += ["", "A hidden check: ask your instructor about it."]
        if c.values and not c.hidden and c.points < c.max_points:
            lines += ["", "| compared | yours | expected |", "|---|---|---|"]
            lines += [f"| `{_md(v['name'])}` | `{_md(v['yours'])}` | `{_md(v['expected'])}` |" for v in c.values]
        lines.append("")
    if s.cell_errors:
        lines += ["## Errors while your notebook ran", ""]
        lines += [f"- {e}" for e in s.cell_errors[:10]]
        lines.append("")
    return "\n".join(lines)


# --------------------------------------------------------------------------- written answers


def manual_answers_markdown(grades: Grades) -> str:
    """Every student's text for every written answer, grouped by assignment and item, for marking."""
    lines = ["# Written answers to mark", "",
             "Enter the points in a copy of `manual-template.csv`, then run "
             "`textmine assignments report GRADES --manual YOUR.csv`.", ""]
    items: dict[tuple[str, str], list[tuple[Submission, CheckResult]]] = {}
    for s in grades.results:
        for c in s.checks:
            if c.kind == "manual":
                items.setdefault((s.assignment, c.check), []).append((s, c))
    for (assignment, item), subs in items.items():
        lines += [f"## {assignment}: `{item}` ({subs[0][1].max_points:g} points)", ""]
        for s, _c in subs:
            text = s.written.get(item, "").strip() or "*(no answer: the cell is missing or empty)*"
            lines += [f"### {s.student}", "", *(f"> {line}" for line in text.splitlines()), ""]
    return "\n".join(lines)


def manual_template(grades: Grades):
    """``student, item, max_points, points, comment``: one row per submission and written answer, points empty."""
    import pandas as pd

    rows = [{"student": s.student, "item": c.check, "max_points": c.max_points,
             "points": "" if c.status == "ungraded" else c.points,
             "comment": "" if c.status == "ungraded" else c.reason}
            for s in grades.results for c in s.checks if c.kind == "manual"]
    return pd.DataFrame(rows, columns=["student", "item", "max_points", "points", "comment"])


def read_manual(path: "str | os.PathLike", grades: Grades) -> dict[tuple[str, str], tuple[float, str]]:
    """Read and check an instructor's CSV of points for written answers.

    Parameters
    ----------
    path : path
        A CSV with the columns ``student``, ``item``, ``points`` and
        optionally ``comment`` (other columns, like ``max_points`` of the
        template, are ignored). A row with empty ``points`` is skipped.
    grades : Grades
        The grades it refers to.

    Returns
    -------
    dict
        (student, item) → (points, comment).

    Raises
    ------
    textmine.InputError
        Naming the file, the line and the problem: a missing column, a
        student or item that the grades do not have, points that are not a
        number between 0 and the item's points, a row given twice.
    """
    path = Path(path)
    try:
        with path.open(newline="", encoding="utf-8-sig") as f:
            reader = csv.DictReader(f)
            header = reader.fieldnames or []
            rows = list(reader)
    except OSError as e:
        raise InputError(f"manual points: cannot read {path} ({e.strerror}).") from None
    missing = [c for c in ("student", "item", "points") if c not in header]
    if missing:
        raise InputError(f"manual points: {path} lacks the column(s) {missing}; its header is {header}. "
                         "Start from manual-template.csv in the grades folder.")
    items = {(s.student, c.check): c for s in grades.results for c in s.checks if c.kind == "manual"}
    students = {s.student for s in grades.results}
    out: dict[tuple[str, str], tuple[float, str]] = {}
    for line, row in enumerate(rows, start=2):
        student, item, raw = (row.get("student") or "").strip(), (row.get("item") or "").strip(), (row.get("points") or "").strip()
        if not raw:
            continue
        where = f"manual points: {path}, line {line}"
        if student not in students:
            raise InputError(f"{where}: no graded submission is called {student!r}.")
        if (student, item) not in items:
            known = sorted(i for s, i in items if s == student)
            raise InputError(f"{where}: {student!r} has no written answer {item!r} (its written answers: {known or 'none'}).")
        try:
            points = float(raw)
        except ValueError:
            raise InputError(f"{where}: points must be a number, got {raw!r}.") from None
        top = items[(student, item)].max_points
        if not (0 <= points <= top) or math.isnan(points):
            raise InputError(f"{where}: points must be between 0 and {top:g} for {item!r}, got {raw}.")
        if (student, item) in out:
            raise InputError(f"{where}: a second row for {student!r}, {item!r}.")
        out[(student, item)] = (points, (row.get("comment") or "").strip())
    return out


def merge_manual(grades: Grades, path: "str | os.PathLike") -> Grades:
    """New grades with the instructor's points for written answers (see :func:`read_manual`)."""
    import copy

    marks = read_manual(path, grades)
    results = copy.deepcopy(grades.results)
    for s in results:
        for c in s.checks:
            if c.kind != "manual" or (s.student, c.check) not in marks:
                continue
            points, comment = marks[(s.student, c.check)]
            c.points, c.status = points, "manual"
            c.reason = "" if points >= c.max_points and not comment else \
                (comment or f"the instructor gave {points:g} of {c.max_points:g} points")
    return Grades(results)
