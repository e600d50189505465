"""The assignment format: how a solution notebook marks solutions and checks.

A *solution notebook* is an ordinary Jupyter notebook (nbformat 4) that runs
from top to bottom. Four conventions turn it into an assignment:

Solution regions
    Instructor-only code sits between two marker lines, in code or markdown
    cells::

        counts = None
        ### BEGIN SOLUTION
        ### HINT: count the words of each period with tm.term_counts
        counts = tm.term_counts(...)
        ### END SOLUTION

    The student version replaces each region by a stub, indented like the
    ``BEGIN`` line: ``# YOUR CODE HERE``, the ``### HINT:`` lines as
    comments, and ``raise NotImplementedError(...)``. In markdown the region
    becomes ``YOUR ANSWER HERE``. Regions do not nest.

Check cells
    A code cell tagged ``grade`` is a graded check. Its metadata says what it
    is worth::

        {"tags": ["grade"],
         "textmine": {"id": "ex1-counts", "points": 2, "hidden": false,
                      "exercise": "ex1"}}

    ``id`` is unique within the notebook (letters, digits, ``-``, ``_``, ``.``);
    ``points`` is a positive number; ``hidden`` (default false) removes the
    cell from the student version; ``exercise`` (default: ``id`` up to its
    first ``-``) groups checks in the score table. A check passes when it runs
    without raising: write it with ``assert`` or the helpers in
    :mod:`textmine.assignments.checks`, comparing values computed from the
    data, never printed text.

Setup cells
    Code cells tagged ``setup`` (imports, paths, loading the text) are kept
    in the student version, and the grader re-runs the *solution's* copy of
    them before the checks, so checks see the instructor's ``doc``, ``tm``,
    ``np``... even if a student changed them. Name answers differently from
    setup variables.

Instructor cells
    Cells tagged ``instructor`` (rubric notes, answer discussion) are dropped
    from the student version.

Written answers (graded by hand)
    A markdown cell tagged ``manual`` is a written answer the instructor
    grades by hand, with metadata like a check's::

        {"tags": ["manual"], "textmine": {"id": "ex5-why", "points": 2}}

    A solution region in it (the model answer) becomes ``YOUR ANSWER HERE``
    in the student version. The grader collects each student's text for
    marking (``manual-answers.md``, ``manual-template.csv``) and merges the
    points the instructor enters in a CSV (``student, item, points, comment``)
    into the totals.

The assignment's name is the notebook's ``metadata.textmine.assignment``, or
else its file name without ``.ipynb``; the student version records it in its
metadata so that the grader can tell which assignment a submission answers.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError

__all__ = [
    "TAG_CHECK",
    "TAG_SETUP",
    "TAG_INSTRUCTOR",
    "TAG_MANUAL",
    "BEGIN",
    "END",
    "HINT",
    "AssignmentError",
    "Check",
    "ManualItem",
    "Assignment",
    "read_assignment",
    "replace_solutions",
    "to_python",
]

TAG_CHECK = "grade"
TAG_SETUP = "setup"
TAG_INSTRUCTOR = "instructor"
TAG_MANUAL = "manual"
BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
HINT = "### HINT:"

_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")


class AssignmentError(InputError):
    """A solution notebook that does not follow the assignment format."""


@dataclass(frozen=True)
class Check:
    """One graded check of an assignment.

    Attributes
    ----------
    id : str
        Unique within the assignment; the key the grader uses.
    exercise : str
        The exercise the check belongs to (score table grouping).
    points : float
        What the check is worth; all or nothing.
    hidden : bool
        Whether the check is left out of the student version.
    source : str
        The check's code, as in the solution notebook.
    cell_index : int
        Position of the check cell in the solution notebook (0-based).
    """

    id: str
    exercise: str
    points: float
    hidden: bool
    source: str
    cell_index: int


@dataclass(frozen=True)
class ManualItem:
    """A written answer graded by hand.

    Attributes
    ----------
    id, exercise : str
        As for a :class:`Check`; ids are unique among checks and items.
    points : float
        The most the instructor can give.
    cell_index : int
        Position of the cell in the solution notebook (0-based).
    cell_id : str or None
        The cell's nbformat id (kept in the student version, so the grader
        finds the student's answer even when cells moved).
    """

    id: str
    exercise: str
    points: float
    cell_index: int
    cell_id: str | None = None


@dataclass(frozen=True)
class Assignment:
    """A parsed, validated solution notebook.

    Attributes
    ----------
    name : str
        The assignment's name (``metadata.textmine.assignment`` or file stem).
    path : pathlib.Path
        The solution notebook.
    checks : tuple of Check
        In notebook order.
    setup : tuple of str
        Sources of the ``setup`` cells, in notebook order.
    notebook : nbformat.NotebookNode
        The notebook as read (do not modify).
    manual : tuple of ManualItem
        Written answers graded by hand, in notebook order.
    """

    name: str
    path: Path
    checks: tuple[Check, ...]
    setup: tuple[str, ...]
    notebook: Any = field(repr=False, compare=False)
    manual: tuple[ManualItem, ...] = ()

    @property
    def max_points(self) -> float:
        """Total points: all checks, visible and hidden, and the written answers."""
        return self.auto_points + float(sum(m.points for m in self.manual))

    @property
    def auto_points(self) -> float:
        """Points of the checks alone (what the autograder can give)."""
        return float(sum(c.points for c in self.checks))

    @property
    def exercises(self) -> dict[str, float]:
        """Points per exercise (checks and written answers), in notebook order."""
        out: dict[str, float] = {}
        items = sorted([*self.checks, *self.manual], key=lambda x: x.cell_index)
        for c in items:
            out[c.exercise] = out.get(c.exercise, 0.0) + c.points
        return out

    def check(self, check_id: str) -> Check:
        """The check with id *check_id* (KeyError if none)."""
        for c in self.checks:
            if c.id == check_id:
                return c
        raise KeyError(check_id)


def _tags(cell) -> list[str]:
    tags = cell.get("metadata", {}).get("tags", [])
    return [t for t in tags if isinstance(t, str)] if isinstance(tags, list) else []


def _marker(line: str) -> str | None:
    s = line.strip()
    if s.startswith(BEGIN):
        return "begin"
    if s.startswith(END):
        return "end"
    return None


def _regions(source: str, where: str) -> list[tuple[int, int]]:
    """(begin_line, end_line) index pairs of solution regions; validates nesting."""
    lines = source.split("\n")
    out = []
    open_at = None
    for i, line in enumerate(lines):
        kind = _marker(line)
        if kind == "begin":
            if open_at is not None:
                raise AssignmentError(
                    f"{where}: '{BEGIN}' on line {i + 1} while the region opened on line "
                    f"{open_at + 1} is still open; close it with '{END}' first (regions do not nest)."
                )
            open_at = i
        elif kind == "end":
            if open_at is None:
                raise AssignmentError(f"{where}: '{END}' on line {i + 1} has no matching '{BEGIN}' above it.")
            out.append((open_at, i))
            open_at = None
    if open_at is not None:
        raise AssignmentError(f"{where}: '{BEGIN}' on line {open_at + 1} is never closed; add a '{END}' line.")
    return out


def has_solution(source: str) -> bool:
    """Whether *source* contains a solution marker line."""
    return any(_marker(line) for line in source.split("\n"))


def replace_solutions(source: str, *, cell_type: str = "code", where: str = "cell") -> str:
    """Replace each solution region of *source* by the student stub.

    Parameters
    ----------
    source : str
        A cell's source.
    cell_type : {"code", "markdown"}
        Code regions become ``# YOUR CODE HERE``, the hints as comments and
        ``raise NotImplementedError(...)``; markdown regions become
        ``YOUR ANSWER HERE``.
    where : str
        How to name the cell in error messages.

    Returns
    -------
    str
        The student source (unchanged if it has no region).
    """
    lines = source.split("\n")
    regions = _regions(source, where)
    if not regions:
        return source
    out: list[str] = []
    last = 0
    for begin, end in regions:
        out.extend(lines[last:begin])
        indent = re.match(r"[ \t]*", lines[begin]).group(0)
        hints = [
            lines[j].strip()[len(HINT):].strip()
            for j in range(begin + 1, end)
            if lines[j].strip().startswith(HINT)
        ]
        if cell_type == "code":
            out.append(f"{indent}# YOUR CODE HERE")
            out.extend(f"{indent}# Hint: {h}" for h in hints)
            message = "replace this line with your code" + (" (see the hint above)" if hints else "")
            out.append(f"{indent}raise NotImplementedError({message!r})")
        else:
            out.append(f"{indent}YOUR ANSWER HERE")
            out.extend(f"{indent}*Hint: {h}*" for h in hints)
        last = end + 1
    out.extend(lines[last:])
    return "\n".join(out)


def strip_markers(source: str) -> str:
    """*source* with the marker and hint lines removed (the solution as run)."""
    return "\n".join(
        line for line in source.split("\n") if not _marker(line) and not line.strip().startswith(HINT)
    )


def to_python(source: str) -> str:
    """Cell source as plain Python: IPython magics and ``!`` commands translated.

    Uses IPython's own transformer when IPython is installed (it always is
    next to a kernel); otherwise returns *source* unchanged.
    """
    try:
        from IPython.core.inputtransformer2 import TransformerManager
    except ImportError:  # pragma: no cover - IPython ships with ipykernel
        return source
    return TransformerManager().transform_cell(source)


def _compiles(source: str, where: str, what: str) -> None:
    try:
        compile(to_python(source), where, "exec")
    except SyntaxError as e:
        raise AssignmentError(
            f"{where}: the {what} does not compile ({e.msg}, line {e.lineno}). "
            f"Put '{BEGIN}' / '{END}' around whole statements, and keep the code valid Python."
        ) from None


def _check_meta(cell, where: str, tag: str = TAG_CHECK) -> dict[str, Any]:
    meta = cell.get("metadata", {}).get("textmine")
    if not isinstance(meta, dict):
        raise AssignmentError(
            f"{where}: a cell tagged '{tag}' needs metadata "
            '{"textmine": {"id": "ex1-a", "points": 1}} (and optionally '
            + ('"hidden": true, ' if tag == TAG_CHECK else "") + '"exercise": "ex1").'
        )
    cid = meta.get("id")
    if not isinstance(cid, str) or not _ID_RE.match(cid):
        raise AssignmentError(
            f"{where}: textmine.id must be a string of letters, digits, '-', '_' or '.' "
            f"(at most 64 characters, starting with a letter or digit); got {cid!r}."
        )
    points = meta.get("points")
    if isinstance(points, bool) or not isinstance(points, (int, float)) or not points > 0 or points != points:
        raise AssignmentError(f"{where} (check {cid!r}): textmine.points must be a positive number; got {points!r}.")
    hidden = meta.get("hidden", False)
    if not isinstance(hidden, bool):
        raise AssignmentError(f"{where} (check {cid!r}): textmine.hidden must be true or false; got {hidden!r}.")
    exercise = meta.get("exercise", cid.split("-")[0])
    if not isinstance(exercise, str) or not exercise:
        raise AssignmentError(f"{where} (check {cid!r}): textmine.exercise must be a non-empty string; got {exercise!r}.")
    allowed = {"id", "points", "hidden", "exercise"} if tag == TAG_CHECK else {"id", "points", "exercise"}
    unknown = sorted(set(meta) - allowed)
    if unknown:
        raise AssignmentError(
            f"{where} (check {cid!r}): unknown textmine metadata key(s) {unknown}; "
            f"expected {', '.join(sorted(allowed))}."
        )
    return {"id": cid, "points": float(points), "hidden": hidden, "exercise": exercise}


def read_assignment(path: str | os.PathLike) -> Assignment:
    """Read and validate a solution notebook.

    Parameters
    ----------
    path : str or path-like
        A solution notebook (``.ipynb``).

    Returns
    -------
    Assignment

    Raises
    ------
    AssignmentError
        The file is not a notebook, or breaks the format (unbalanced markers,
        a check without id or points, duplicate ids, markers in a check or
        setup cell, a solution or stub that does not compile, no checks). The
        message names the cell (1-based, counting all cells).
    """
    import nbformat

    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"read_assignment: path must be a str or path-like, got {type(path).__name__}.")
    path = Path(path)
    try:
        nb = nbformat.read(path, as_version=4)
    except FileNotFoundError:
        raise AssignmentError(f"read_assignment: no solution notebook at {path}.") from None
    except Exception as e:  # JSON or schema errors
        raise AssignmentError(f"read_assignment: {path} is not a readable notebook ({type(e).__name__}: {e}).") from None
    meta = nb.metadata.get("textmine", {}) if isinstance(nb.metadata.get("textmine", {}), dict) else {}
    name = meta.get("assignment") or path.stem
    if not isinstance(name, str) or not _ID_RE.match(name):
        raise AssignmentError(f"read_assignment: {path}: assignment name {name!r} must be letters, digits, '-', '_' or '.'.")
    checks: list[Check] = []
    manual: list[ManualItem] = []
    setup: list[str] = []
    seen: dict[str, int] = {}
    for i, cell in enumerate(nb.cells):
        where = f"{path.name}, cell {i + 1}"
        tags = _tags(cell)
        source = cell.get("source", "")
        if TAG_MANUAL in tags:
            if cell.cell_type != "markdown":
                raise AssignmentError(f"{where}: only markdown cells can be tagged '{TAG_MANUAL}' (a written answer).")
            if TAG_CHECK in tags or TAG_SETUP in tags:
                raise AssignmentError(f"{where}: a written answer ('{TAG_MANUAL}') cannot also be tagged '{TAG_CHECK}' or '{TAG_SETUP}'.")
            _regions(source, where)
            m = _check_meta(cell, where, TAG_MANUAL)
            if m["id"] in seen:
                raise AssignmentError(f"{where}: id {m['id']!r} already used by cell {seen[m['id']] + 1}; ids must be unique.")
            seen[m["id"]] = i
            manual.append(ManualItem(m["id"], m["exercise"], m["points"], i, cell.get("id")))
            continue
        if TAG_CHECK in tags:
            if cell.cell_type != "code":
                raise AssignmentError(f"{where}: only code cells can be tagged '{TAG_CHECK}'.")
            if has_solution(source):
                raise AssignmentError(f"{where}: a check cell cannot contain solution markers; move the solution to its own cell.")
            if TAG_SETUP in tags:
                raise AssignmentError(f"{where}: a cell cannot be both '{TAG_CHECK}' and '{TAG_SETUP}'.")
            m = _check_meta(cell, where)
            if m["id"] in seen:
                raise AssignmentError(f"{where}: check id {m['id']!r} already used by cell {seen[m['id']] + 1}; ids must be unique.")
            seen[m["id"]] = i
            _compiles(source, where, "check")
            checks.append(Check(m["id"], m["exercise"], m["points"], m["hidden"], source, i))
            continue
        if TAG_SETUP in tags:
            if cell.cell_type != "code":
                raise AssignmentError(f"{where}: only code cells can be tagged '{TAG_SETUP}'.")
            if has_solution(source):
                raise AssignmentError(f"{where}: a setup cell cannot contain solution markers (the grader re-runs it as is).")
            _compiles(source, where, "setup cell")
            setup.append(source)
            continue
        _regions(source, where)  # validates markers in every other cell
        if cell.cell_type == "code" and has_solution(source):
            _compiles(strip_markers(source), where, "solution")
            _compiles(replace_solutions(source, where=where), where, "student stub")
    if not checks:
        raise AssignmentError(
            f"read_assignment: {path} has no check cells; tag at least one code cell '{TAG_CHECK}' "
            'with metadata {"textmine": {"id": ..., "points": ...}}.'
        )
    return Assignment(name=name, path=path, checks=tuple(checks), setup=tuple(setup), notebook=nb,
                      manual=tuple(manual))
