"""Generate student versions from solution notebooks.

``python -m textmine.assignments build`` reads every solution notebook in
``notebooks/assignments/solutions/`` and writes its student version, same file
name, to ``notebooks/assignments/student/``:

- each solution region becomes a stub raising ``NotImplementedError`` (with
  the ``### HINT:`` lines as comments), or ``YOUR ANSWER HERE`` in a
  markdown cell;
- hidden checks are removed (a one-line note says how many points they are
  worth); visible checks are kept, locked against editing and deleting;
- a cell after the setup cells defines ``check``: ``check("ex1")`` runs the
  visible checks of exercise 1 the way the grader does
  (:class:`textmine.assignments.selfcheck.SelfCheck`);
- written answers (cells tagged ``manual``) keep their tag, id and points;
- cells tagged ``instructor`` are removed;
- outputs and execution counts are cleared; cell metadata keeps only tags and
  the check's id and points; notebook metadata keeps only the kernel and
  ``textmine.assignment`` (how the grader recognises a submission).

The build also writes the assignment's name into the *solution's* metadata
(``textmine.assignment``, the file name without ``.ipynb``) when it is
missing, so that grading the solution itself, as the guide suggests, knows
which assignment it is.

The output is a pure function of the solution notebook: the same solution
gives the same bytes (cell ids are kept; JSON keys are sorted), so the
student folder can be committed and checked with ``build --check``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .spec import TAG_CHECK, TAG_INSTRUCTOR, TAG_MANUAL, TAG_SETUP, Assignment, read_assignment, replace_solutions

__all__ = ["student_notebook", "student_bytes", "visible_check_source", "build_student_versions", "default_solutions_dir", "default_student_dir"]

_KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def _repo_root() -> Path | None:
    root = Path(__file__).resolve().parents[2]
    return root if (root / "notebooks" / "assignments").is_dir() else None


def default_solutions_dir() -> Path:
    """``notebooks/assignments/solutions`` under the current directory, else under the checkout."""
    local = Path("notebooks") / "assignments" / "solutions"
    if local.is_dir() or _repo_root() is None:
        return local
    return _repo_root() / "notebooks" / "assignments" / "solutions"


def default_student_dir() -> Path:
    """The ``student`` folder next to :func:`default_solutions_dir`."""
    return default_solutions_dir().parent / "student"


def _points(x: float) -> str:
    return f"{x:g} point" + ("" if x == 1 else "s")


def visible_check_source(check) -> str:
    """The source of a visible check in the student version (a header comment added)."""
    if check.source.lstrip().startswith("# Check"):
        return check.source
    return f"# Check {check.id} ({_points(check.points)}). Do not edit: the grader runs its own copy.\n" + check.source


def student_notebook(assignment: Assignment):
    """The student version of *assignment*, as an ``nbformat.NotebookNode``.

    Parameters
    ----------
    assignment : Assignment
        From :func:`textmine.assignments.read_assignment`.

    Returns
    -------
    nbformat.NotebookNode
        nbformat 4.5, with cell ids kept from the solution (``cell-<n>`` for
        cells that had none).
    """
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    sol = assignment.notebook
    nb = new_notebook()
    nb.nbformat, nb.nbformat_minor = 4, 5
    kernelspec = sol.metadata.get("kernelspec") or _KERNELSPEC
    nb.metadata = nbformat.from_dict({
        "kernelspec": {k: kernelspec[k] for k in ("display_name", "language", "name") if k in kernelspec},
        "language_info": {"name": "python"},
        "textmine": {"assignment": assignment.name, "student_version": True},
    })
    checks = {c.cell_index: c for c in assignment.checks}
    visible = [c for c in assignment.checks if not c.hidden]
    hidden = [c for c in assignment.checks if c.hidden]
    used: set[str] = set()

    def cell_id(cell, i: int, fallback: str | None = None) -> str:
        cid = cell.get("id") if cell is not None else None
        cid = cid or fallback or f"cell-{i}"
        base, n = cid[:60], 1
        while cid in used:
            n += 1
            cid = f"{base}-{n}"
        used.add(cid)
        return cid

    written = (f" and {len(assignment.manual)} written answer" + ("s" if len(assignment.manual) != 1 else "")
               + " graded by your instructor") if assignment.manual else ""
    header = (
        f"**Student version of assignment `{assignment.name}`**: {_points(assignment.max_points)} in "
        f"{len(assignment.checks)} checks ({len(visible)} visible, {len(hidden)} hidden){written}.\n\n"
        "Write your code where a cell says `YOUR CODE HERE` (delete the `raise NotImplementedError` line), "
        "and your written answers where a cell says `YOUR ANSWER HERE`. "
        "Do not rename the variables the exercises ask for. The cells marked *Check* let you test your "
        "answer, and `check(\"ex1\")` runs the visible checks of exercise 1 the way the grader does. "
        "The grader runs your notebook in a fresh kernel, takes the values the checks need out of it as data "
        "(numbers, strings, lists, dicts, DataFrames, arrays), and runs its own copy of every check, visible "
        "and hidden, on them."
    )
    cells = [new_markdown_cell(header, id=cell_id(None, -1, "textmine-student-header"))]
    setups = [i for i, c in enumerate(sol.cells) if TAG_SETUP in c.get("metadata", {}).get("tags", [])]
    after = setups[-1] if setups else -1
    selfcheck = new_code_cell(selfcheck_source(assignment), id=cell_id(None, -2, "textmine-selfcheck"))
    if after < 0:
        cells.append(selfcheck)
    manual = {m.cell_index: m for m in assignment.manual}
    for i, cell in enumerate(sol.cells):
        tags = [t for t in cell.get("metadata", {}).get("tags", []) if isinstance(t, str)]
        where = f"{assignment.path.name}, cell {i + 1}"
        if TAG_INSTRUCTOR in tags:
            continue
        if i in checks:
            c = checks[i]
            if c.hidden:
                note = f"*Hidden check `{c.id}` ({_points(c.points)}): run by the grader only.*"
                cells.append(new_markdown_cell(note, id=cell_id(None, i, f"hidden-{c.id}")))
                continue
            new = new_code_cell(visible_check_source(c), id=cell_id(cell, i))
            new.metadata = nbformat.from_dict({
                "deletable": False,
                "editable": False,
                "tags": [TAG_CHECK],
                "textmine": {"id": c.id, "points": int(c.points) if c.points.is_integer() else c.points,
                             "exercise": c.exercise},
            })
            cells.append(new)
            continue
        keep_tags = [t for t in tags if t != TAG_INSTRUCTOR]
        if cell.cell_type == "code":
            new = new_code_cell(replace_solutions(cell.source, cell_type="code", where=where), id=cell_id(cell, i))
        elif cell.cell_type == "markdown":
            new = new_markdown_cell(replace_solutions(cell.source, cell_type="markdown", where=where), id=cell_id(cell, i))
            if cell.get("attachments"):
                new.attachments = cell.attachments
        else:  # raw
            new = nbformat.v4.new_raw_cell(cell.source, id=cell_id(cell, i))
        if keep_tags:
            new.metadata = nbformat.from_dict({"tags": keep_tags})
        if i in manual:
            m = manual[i]
            new.metadata = nbformat.from_dict({
                "deletable": False, "tags": [TAG_MANUAL],
                "textmine": {"id": m.id, "points": int(m.points) if m.points.is_integer() else m.points,
                             "exercise": m.exercise}})
        cells.append(new)
        if i == after:
            cells.append(selfcheck)
    nb.cells = cells
    nbformat.validate(nb)
    return nb


def selfcheck_source(assignment: Assignment) -> str:
    """The student version's cell that defines ``check``."""
    return (
        "# Self-check: check(\"ex1\") runs the visible checks of exercise 1 on your answers the way the grader\n"
        "# does (your answers taken out as data, the checks run in a separate process); check() runs them all.\n"
        "# The hidden checks and your written answers are graded after you submit.\n"
        "from textmine.assignments import SelfCheck\n"
        "\n"
        f"check = SelfCheck({assignment.name!r})"
    )


def student_bytes(assignment: Assignment) -> bytes:
    """The student version serialised: sorted keys, one-space indent, final newline."""
    import nbformat

    text = nbformat.writes(student_notebook(assignment))
    return (text if text.endswith("\n") else text + "\n").encode("utf-8")


@dataclass(frozen=True)
class BuildResult:
    """What :func:`build_student_versions` did with one solution notebook."""

    assignment: str
    source: Path
    target: Path
    status: str  # "written", "unchanged", "stale" (check mode), "orphan"
    n_checks: int
    n_hidden: int
    max_points: float
    solution: str = "named"  # "named" (already), "renamed" (name written now), "unnamed" (check mode: missing)


def _is_student_version(path: Path) -> bool:
    import json

    try:
        meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
    except (OSError, ValueError, AttributeError):
        return False
    return isinstance(meta, dict) and isinstance(meta.get("textmine"), dict) and meta["textmine"].get("student_version") is True


def _solution_name(path: Path, assignment: Assignment, *, write: bool) -> str:
    """Make sure the solution's metadata names its assignment; "named", "renamed" or "unnamed"."""
    import nbformat

    meta = assignment.notebook.metadata.get("textmine")
    if isinstance(meta, dict) and meta.get("assignment") == assignment.name:
        return "named"
    if not write:
        return "unnamed"
    nb = nbformat.read(path, as_version=4)
    tm_meta = nb.metadata.get("textmine")
    tm_meta = dict(tm_meta) if isinstance(tm_meta, dict) else {}
    tm_meta["assignment"] = assignment.name
    nb.metadata["textmine"] = tm_meta
    nbformat.write(nb, path)
    return "renamed"


def build_student_versions(
    solutions: "str | os.PathLike | list[str | os.PathLike] | None" = None,
    *,
    out: "str | os.PathLike | None" = None,
    check: bool = False,
):
    """Write (or, with ``check=True``, verify) the student versions.

    Parameters
    ----------
    solutions : path, list of paths, or None
        Solution notebooks, or a folder of them (every ``*.ipynb`` directly in
        it). Default: :func:`default_solutions_dir`.
    out : path or None
        Folder for the student versions (created if missing). Default: the
        ``student`` folder next to the solutions folder.
    check : bool
        Write nothing; report each student version as ``unchanged`` or
        ``stale`` (missing or different bytes). Generated files whose solution
        no longer exists are reported as ``orphan`` (and deleted when not
        checking).

    Returns
    -------
    pandas.DataFrame
        One row per notebook, sorted by ``assignment``: ``assignment``,
        ``source``, ``target``, ``status``, ``n_checks``, ``n_hidden``,
        ``max_points``, ``solution`` (``named``; ``renamed``: the build wrote
        the assignment's name into the solution's metadata; ``unnamed``: it
        is missing, with ``check``).

    Raises
    ------
    AssignmentError
        A solution notebook breaks the format (nothing is written for it; the
        notebooks before it in sorted order are written).
    """
    import pandas as pd

    if solutions is None:
        solutions = default_solutions_dir()
    if isinstance(solutions, (str, os.PathLike)):
        p = Path(solutions)
        if p.is_dir():
            paths = sorted(p.glob("*.ipynb"))
            folder = p
        else:
            paths, folder = [p], p.parent
    else:
        paths = [Path(s) for s in solutions]
        folder = paths[0].parent if paths else Path(".")
    out = Path(out) if out is not None else folder.parent / "student"
    rows = []
    for path in sorted(paths):
        a = read_assignment(path)
        named = _solution_name(path, a, write=not check)
        data = student_bytes(a)
        target = out / path.name
        old = target.read_bytes() if target.is_file() else None
        if old == data:
            status = "unchanged"
        elif check:
            status = "stale"
        else:
            out.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            status = "written"
        rows.append(BuildResult(a.name, path, target, status, len(a.checks), sum(c.hidden for c in a.checks),
                                a.max_points, named))
    if out.is_dir():
        names = {p.name for p in paths}
        for extra in sorted(out.glob("*.ipynb")):
            if extra.name not in names and _is_student_version(extra) and (solutions is None or Path(str(solutions)).is_dir()):
                if not check:
                    extra.unlink()
                rows.append(BuildResult(extra.stem, Path(""), extra, "orphan", 0, 0, 0.0, ""))
    frame = pd.DataFrame(
        [
            {"assignment": r.assignment, "source": str(r.source), "target": str(r.target), "status": r.status,
             "n_checks": r.n_checks, "n_hidden": r.n_hidden, "max_points": r.max_points, "solution": r.solution}
            for r in rows
        ],
        columns=["assignment", "source", "target", "status", "n_checks", "n_hidden", "max_points", "solution"],
    )
    frame = frame.astype({"assignment": "str", "source": "str", "target": "str", "status": "str",
                          "n_checks": "int64", "n_hidden": "int64", "max_points": "float64", "solution": "str"})
    return frame.sort_values(["assignment", "target"], kind="stable").reset_index(drop=True)
