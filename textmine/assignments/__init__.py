"""Course assignments: solution notebooks, student versions, offline autograder.

Three pieces, all offline (no database, no container):

- :mod:`.spec` — the format of a solution notebook: ``### BEGIN SOLUTION`` /
  ``### END SOLUTION`` regions, check cells tagged ``grade`` with
  ``{"textmine": {"id", "points", "hidden"}}`` metadata, ``setup`` and
  ``instructor`` cells. :func:`read_assignment` validates it.
- :mod:`.build` — :func:`build_student_versions` writes the student versions (stubs raising
  ``NotImplementedError``, hidden checks removed, outputs cleared);
  deterministic bytes.
- :mod:`.grade` — :func:`grade_submissions` (a folder or list) and
  :func:`grade_notebook` (one file) run each submission in a fresh kernel in a
  bubblewrap sandbox (:mod:`.sandbox`) with time and memory limits, take the
  values the checks read out of it as data (:mod:`.answers`), kill it, and
  run the *solution's* checks (visible and hidden) on those values in a fresh
  process of the grader's own (:mod:`.checkrun`), with a reason for every
  lost point.
- :mod:`.reports` — :class:`Grades` and its exports: score tables, a
  gradebook CSV for Canvas and Moodle, Gradescope ``results.json``, feedback
  per student, written answers merged from the instructor's CSV.
- :mod:`.selfcheck` — :class:`SelfCheck`, the student's ``check("ex1")``.

Command line::

    python -m textmine.assignments build [--check]
    python -m textmine.assignments grade SUBMISSION.ipynb|FOLDER [--out grades] [--manual points.csv]
    python -m textmine.assignments report grades/ --manual points.csv
    python -m textmine.assignments sandbox

Check authors: see :mod:`textmine.assignments.checks` for comparison helpers
with readable failure messages, and ``notebooks/assignments/README.md`` for
the instructor guide. Heavy imports (nbformat, nbclient, pandas) happen inside
the functions, so ``import textmine.assignments`` stays cheap.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import InputError

__all__ = [
    "data_path",
    "read_assignment",
    "build_student_versions",
    "student_notebook",
    "grade_submissions",
    "grade_notebook",
    "SelfCheck",
    "AssignmentError",
    "Assignment",
    "Check",
    "Grades",
]


def data_path(name: str = "") -> Path:
    """Path of a file in the project's ``data/`` folder, wherever the notebook runs.

    Looks, in order, in ``$TEXTMINE_DATA_DIR`` (the grader sets it), in a
    ``data/`` folder in the current directory or any of its parents, and in
    the ``data/`` folder of the textmine checkout. Use it in assignment setup
    cells so that a notebook works from the course folder, from a student's
    download folder and under the grader::

        TEXT_PATH = data_path("north-1989-soviet-foreign-policy.txt")

    Parameters
    ----------
    name : str
        File name inside ``data/`` (may contain ``/``); ``""`` gives the
        folder itself.

    Returns
    -------
    pathlib.Path
        An existing path.

    Raises
    ------
    textmine.InputError
        The file is in none of these places; the message lists where it looked.
    """
    if not isinstance(name, str):
        raise TypeError(f"data_path: name must be a str, got {type(name).__name__}.")
    tried: list[Path] = []
    env = os.environ.get("TEXTMINE_DATA_DIR")
    candidates: list[Path] = [Path(env)] if env else []
    here = Path.cwd().resolve()
    candidates += [p / "data" for p in (here, *here.parents)]
    candidates.append(Path(__file__).resolve().parents[2] / "data")
    for folder in candidates:
        target = folder / name if name else folder
        tried.append(folder)
        if folder.is_dir() and target.exists():
            return target
    shown = ", ".join(str(p) for p in tried[:4]) + (", ..." if len(tried) > 4 else "")
    raise InputError(
        f"data_path: cannot find {name or 'the data folder'!r} in a data/ folder (looked in {shown}). "
        "Set the environment variable TEXTMINE_DATA_DIR to the folder that holds it, "
        "or run the notebook from inside the textmine folder."
    )


def __getattr__(name: str):
    # Lazy re-exports: keep `import textmine.assignments` free of nbformat/nbclient.
    if name in {"read_assignment", "AssignmentError", "Assignment", "Check"}:
        from . import spec

        return getattr(spec, name)
    if name in {"build_student_versions", "student_notebook"}:
        from . import build as _build

        return getattr(_build, name)
    if name in {"grade_submissions", "grade_notebook"}:
        from . import grade as _grade

        return getattr(_grade, name)
    if name == "Grades":
        from . import reports

        return reports.Grades
    if name == "SelfCheck":
        from . import selfcheck

        return selfcheck.SelfCheck
    raise AttributeError(f"module 'textmine.assignments' has no attribute {name!r}")
