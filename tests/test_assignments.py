"""Tests for textmine.assignments: format, student generator, autograder, fairness.

Fast tests use no kernel. The kernel tests grade, in one batch, a toy
assignment's solution, its untouched student version and hand-made faulty
submissions (tests/data/assignments-toy/submissions), then the three course
assignments' solutions, blank student versions, a partial answer and a hostile
submission of the real assignment 3 (the full run; the other hostile
submissions are in test_assignments_hostile.py). Kernels run in the bubblewrap
sandbox when it works here, else without it (those tests then say so); the
sandbox itself is tested in test_assignments_hostile.py.
"""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from textmine.assignments import __main__ as cli
from textmine.assignments import data_path
from textmine.assignments.build import build_student_versions, student_bytes, student_notebook
from textmine.assignments.checks import (
    assert_close,
    assert_columns,
    assert_frame_close,
    assert_same_items,
)
from textmine.assignments.grade import (
    CheckResult,
    Grades,
    Submission,
    _expand,
    _read_submission,
    grade_notebook,
    grade_submissions,
)
from textmine.assignments.sandbox import sandbox_problem
from textmine.assignments.spec import AssignmentError, read_assignment, replace_solutions
from textmine.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
TOY_DIR = ROOT / "tests" / "data" / "assignments-toy"
TOY = TOY_DIR / "toy.ipynb"
FAULTY = TOY_DIR / "submissions"
COURSE = ROOT / "notebooks" / "assignments"
#: Grade without the sandbox only where it cannot run (test_assignments_hostile.py skips, or fails on CI).
UNSAFE = sandbox_problem() is not None


# --------------------------------------------------------------------------- format


def test_read_assignment_toy():
    a = read_assignment(TOY)
    assert a.name == "toy"
    assert [c.id for c in a.checks] == ["ex1-type", "ex1-value", "ex2-simple", "ex2-ties"]
    assert [c.hidden for c in a.checks] == [False, True, False, True]
    assert [c.exercise for c in a.checks] == ["ex1", "ex1", "ex2", "ex2"]
    assert a.max_points == 6.0
    assert a.exercises == {"ex1": 3.0, "ex2": 3.0}
    assert len(a.setup) == 1 and "WORDS = TEXT.split()" in a.setup[0]


def test_replace_solutions_keeps_indent_and_hints():
    src = "x = 1\ndef f(a):\n    ### BEGIN SOLUTION\n    ### HINT: add one\n    return a + 1\n    ### END SOLUTION\ny = 2"
    out = replace_solutions(src)
    assert out == (
        "x = 1\ndef f(a):\n    # YOUR CODE HERE\n    # Hint: add one\n"
        "    raise NotImplementedError('replace this line with your code (see the hint above)')\ny = 2"
    )
    compile(out, "<student>", "exec")


def test_replace_solutions_two_regions_and_markdown():
    src = "### BEGIN SOLUTION\na = 1\n### END SOLUTION\nb = 2\n### BEGIN SOLUTION\nc = 3\n### END SOLUTION"
    out = replace_solutions(src)
    assert out.count("raise NotImplementedError") == 2 and "b = 2" in out and "a = 1" not in out and "c = 3" not in out
    md = replace_solutions("Q?\n### BEGIN SOLUTION\nBecause.\n### END SOLUTION", cell_type="markdown")
    assert md == "Q?\nYOUR ANSWER HERE"


def _nb(*cells, meta=None):
    nb = new_notebook(cells=list(cells))
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    if meta:
        nb.metadata["textmine"] = meta
    return nb


def _check(src, cid="ex1-a", points=1, hidden=False, **extra):
    c = new_code_cell(src)
    c.metadata = {"tags": ["grade"], "textmine": {"id": cid, "points": points, "hidden": hidden, **extra}}
    return c


GOOD_CHECK = _check("assert x == 1")


@pytest.mark.parametrize(
    "cells, message",
    [
        ([new_code_cell("### BEGIN SOLUTION\nx = 1"), GOOD_CHECK], "cell 1: '### BEGIN SOLUTION' on line 1 is never closed"),
        ([new_code_cell("x = 1\n### END SOLUTION"), GOOD_CHECK], "cell 1: '### END SOLUTION' on line 2 has no matching"),
        ([new_code_cell("### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION"), GOOD_CHECK], "do not nest"),
        ([new_code_cell("x = (\n### BEGIN SOLUTION\n1\n### END SOLUTION\n)"), GOOD_CHECK], "student stub does not compile"),
        ([new_code_cell("x = 1"), _check("assert x", points=0)], "points must be a positive number"),
        ([new_code_cell("x = 1"), _check("assert x", cid="bad id")], "textmine.id must be"),
        ([new_code_cell("x = 1"), _check("assert x", hidden="yes")], "hidden must be true or false"),
        ([new_code_cell("x = 1"), _check("assert x", colour="red")], "unknown textmine metadata key"),
        ([new_code_cell("x = 1"), _check("assert x"), _check("assert x")], "cell 3: check id 'ex1-a' already used by cell 2"),
        ([new_code_cell("x = 1"), _check("### BEGIN SOLUTION\nassert x\n### END SOLUTION")], "check cell cannot contain solution markers"),
        ([new_code_cell("x = 1")], "has no check cells"),
    ],
)
def test_format_errors_name_the_cell(tmp_path, cells, message):
    path = tmp_path / "bad.ipynb"
    nbformat.write(_nb(*cells), path)
    with pytest.raises(AssignmentError, match=None) as info:
        read_assignment(path)
    assert message in str(info.value)


def test_check_without_metadata_and_setup_with_markers(tmp_path):
    bare = new_code_cell("assert True")
    bare.metadata = {"tags": ["grade"]}
    nbformat.write(_nb(bare), tmp_path / "a.ipynb")
    with pytest.raises(AssignmentError, match='needs metadata'):
        read_assignment(tmp_path / "a.ipynb")
    setup = new_code_cell("### BEGIN SOLUTION\nx = 1\n### END SOLUTION")
    setup.metadata = {"tags": ["setup"]}
    nbformat.write(_nb(setup, GOOD_CHECK), tmp_path / "b.ipynb")
    with pytest.raises(AssignmentError, match="setup cell cannot contain solution markers"):
        read_assignment(tmp_path / "b.ipynb")
    (tmp_path / "c.ipynb").write_text("not json", encoding="utf-8")
    with pytest.raises(AssignmentError, match="not a readable notebook"):
        read_assignment(tmp_path / "c.ipynb")
    with pytest.raises(TypeError):
        read_assignment(3)


# --------------------------------------------------------------------------- student generator


def test_student_version_content():
    a = read_assignment(TOY)
    nb = student_notebook(a)
    text = "\n".join(c.source for c in nb.cells)
    assert 'WORDS.count("the")' not in text and "max(words, key=len)" not in text  # solutions gone
    assert "sum(w ==" not in text and 'longest(["xy"' not in text  # hidden checks gone
    assert "Instructor note" not in text  # instructor cells gone
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert code.count("raise NotImplementedError") == 2
    assert "# Hint: lists have a count method" in text
    assert "YOUR ANSWER HERE" in text and "first maximal item" not in text
    assert "*Hidden check `ex1-value` (2 points): run by the grader only.*" in text
    assert nb.metadata == {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        "textmine": {"assignment": "toy", "student_version": True},
    }
    for c in nb.cells:
        if c.cell_type == "code":
            assert c.outputs == [] and c.execution_count is None
            assert set(c.metadata) <= {"tags", "editable", "deletable", "textmine"}
    # check("ex1") is defined right after the setup cell
    setup_at = next(i for i, c in enumerate(nb.cells) if "setup" in c.metadata.get("tags", []))
    assert nb.cells[setup_at + 1].source.endswith("check = SelfCheck('toy')")
    checks = [c for c in nb.cells if "grade" in c.metadata.get("tags", [])]
    assert [c.metadata["textmine"]["id"] for c in checks] == ["ex1-type", "ex2-simple"]
    assert all(c.metadata["editable"] is False and c.metadata["deletable"] is False for c in checks)
    assert all("hidden" not in c.metadata["textmine"] for c in checks)
    nbformat.validate(nb)


def test_student_version_is_deterministic(tmp_path):
    a = read_assignment(TOY)
    assert student_bytes(a) == student_bytes(read_assignment(TOY))
    first = build_student_versions(TOY, out=tmp_path / "s")
    assert first["status"].tolist() == ["written"]
    data = (tmp_path / "s" / "toy.ipynb").read_bytes()
    again = build_student_versions(TOY, out=tmp_path / "s")
    assert again["status"].tolist() == ["unchanged"]
    assert (tmp_path / "s" / "toy.ipynb").read_bytes() == data
    assert data.endswith(b"\n") and json.loads(data)["nbformat_minor"] == 5


def test_build_check_detects_stale_and_orphans(tmp_path, capsys):
    sol = tmp_path / "solutions"
    sol.mkdir()
    shutil.copy(TOY, sol / "toy.ipynb")
    out = tmp_path / "student"
    assert cli.main(["build", str(sol), "--check"]) == 1  # missing
    assert cli.main(["build", str(sol)]) == 0
    assert cli.main(["build", str(sol), "--check"]) == 0
    (out / "toy.ipynb").write_text((out / "toy.ipynb").read_text().replace("YOUR CODE HERE", "edited"))
    assert cli.main(["build", str(sol), "--check"]) == 1  # edited by hand
    shutil.copy(out / "toy.ipynb", out / "old.ipynb")  # a student version whose solution is gone
    frame = build_student_versions(sol, check=True)
    assert dict(zip(frame["target"].map(lambda p: Path(p).name), frame["status"])) == {"toy.ipynb": "stale", "old.ipynb": "orphan"}
    frame = build_student_versions(sol)
    assert not (out / "old.ipynb").exists() and (out / "toy.ipynb").read_bytes() == student_bytes(read_assignment(TOY))
    assert list(frame.columns) == ["assignment", "source", "target", "status", "n_checks", "n_hidden", "max_points", "solution"]
    capsys.readouterr()


def test_course_student_versions_are_up_to_date():
    solutions = sorted((COURSE / "solutions").glob("*.ipynb"))
    assert len(solutions) >= 3
    frame = build_student_versions(COURSE / "solutions", check=True)
    assert frame["status"].eq("unchanged").all(), frame[["target", "status"]]
    for path in solutions:
        a = read_assignment(path)
        assert any(c.hidden for c in a.checks) and any(not c.hidden for c in a.checks), path.name


def test_build_names_the_assignment_in_the_solution(tmp_path):
    """A new assignment written from the guide, without metadata: the build names it, so grading it works."""
    nb = _nb(new_code_cell("### BEGIN SOLUTION\nx = 1\n### END SOLUTION"), GOOD_CHECK)
    nbformat.write(nb, tmp_path / "week-3.ipynb")
    assert build_student_versions(tmp_path / "week-3.ipynb", check=True)["solution"].tolist() == ["unnamed"]
    frame = build_student_versions(tmp_path / "week-3.ipynb", out=tmp_path / "student")
    assert frame["solution"].tolist() == ["renamed"]
    assert nbformat.read(tmp_path / "week-3.ipynb", as_version=4).metadata["textmine"] == {"assignment": "week-3"}
    assert build_student_versions(tmp_path / "week-3.ipynb", out=tmp_path / "student")["solution"].tolist() == ["named"]
    student = nbformat.read(tmp_path / "student" / "week-3.ipynb", as_version=4)
    assert student.metadata["textmine"]["assignment"] == "week-3"


def test_written_answers_are_kept_for_marking(tmp_path):
    a = read_assignment(COURSE / "solutions" / "03-quotation-density.ipynb")
    assert [(m.id, m.points, m.exercise) for m in a.manual] == [("ex5-plateaus", 2.0, "ex5")]
    assert a.auto_points == 14 and a.max_points == 16 and a.exercises["ex5"] == 2
    nb = student_notebook(a)
    cell = next(c for c in nb.cells if "manual" in c.metadata.get("tags", []))
    assert cell.metadata["textmine"] == {"id": "ex5-plateaus", "points": 2, "exercise": "ex5"}
    assert "YOUR ANSWER HERE" in cell.source and "plateaus" not in cell.source.split("YOUR ANSWER HERE")[1]
    bad = new_code_cell("x = 1")
    bad.metadata = {"tags": ["manual"], "textmine": {"id": "q", "points": 1}}
    nbformat.write(_nb(bad, GOOD_CHECK), tmp_path / "bad.ipynb")
    with pytest.raises(AssignmentError, match="only markdown cells can be tagged 'manual'"):
        read_assignment(tmp_path / "bad.ipynb")


# --------------------------------------------------------------------------- reading submissions (no kernel)


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "the file is empty"),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\xff\xfe\x00", "binary"),
        (b'{"cells": [', "not notebook JSON"),
        (b"[1, 2]", "JSON without a list of cells"),
        (b"import numpy\nx = 1\n", "it starts with 'import numpy'"),
    ],
)
def test_not_a_notebook_reasons(tmp_path, content, reason):
    p = tmp_path / "sub.ipynb"
    p.write_bytes(content)
    nb, problem = _read_submission(p)
    assert nb is None and problem.startswith("not a notebook") and reason in problem


def test_not_a_notebook_is_graded_without_a_kernel(tmp_path):
    sub = grade_notebook(FAULTY / "not-a-notebook.ipynb", assignment=TOY)
    assert sub.status == "not_a_notebook" and sub.points == 0 and sub.max_points == 6
    assert [c.status for c in sub.checks] == ["not_run"] * 4
    assert all("not a notebook" in c.reason for c in sub.checks)
    unknown = grade_notebook(FAULTY / "not-a-notebook.ipynb")
    assert unknown.status == "not_a_notebook" and unknown.checks == [] and "not a notebook" in unknown.notes[0]


def test_unknown_assignment(tmp_path):
    nbformat.write(_nb(new_code_cell("x = 1")), tmp_path / "a.ipynb")
    sub = grade_notebook(tmp_path / "a.ipynb", solutions=TOY_DIR)
    assert sub.status == "unknown_assignment" and "metadata textmine.assignment is missing" in sub.notes[0]
    nbformat.write(_nb(new_code_cell("x = 1"), meta={"assignment": "nope"}), tmp_path / "b.ipynb")
    sub = grade_notebook(tmp_path / "b.ipynb", solutions=TOY_DIR)
    assert sub.status == "unknown_assignment" and "no solution notebook for assignment 'nope'" in sub.notes[0]
    with pytest.raises(InputError, match="no solution notebook"):
        grade_submissions(tmp_path, assignment="nope", solutions=TOY_DIR)
    with pytest.raises(InputError, match="no Jupyter kernel named 'nope'"):
        grade_submissions(tmp_path, assignment=TOY, kernel_name="nope")
    with pytest.raises(InputError, match="jobs must be a positive int"):
        grade_submissions(tmp_path, assignment=TOY, jobs=0)


def test_expand_folder(tmp_path):
    (tmp_path / "alice").mkdir()
    (tmp_path / "alice" / "hw.ipynb").write_text("{}")
    (tmp_path / "bob.ipynb").write_text("{}")
    (tmp_path / ".hidden.ipynb").write_text("{}")
    (tmp_path / ".ipynb_checkpoints").mkdir()
    (tmp_path / ".ipynb_checkpoints" / "bob-checkpoint.ipynb").write_text("{}")
    (tmp_path / "grades").mkdir()
    (tmp_path / "grades" / "scores.csv").write_text("x")
    (tmp_path / "essay.docx").write_bytes(b"PK\x03\x04")
    items = _expand(tmp_path, tmp_path / "grades")
    assert [n for n, _, _ in items] == ["alice/hw", "bob", "essay"]
    assert [sid for _, _, sid in items] == ["alice", "bob", "essay"]  # the gradebook's student ids


def test_data_path(tmp_path, monkeypatch):
    monkeypatch.setenv("TEXTMINE_DATA_DIR", str(tmp_path))
    (tmp_path / "x.csv").write_text("a\n")
    assert data_path("x.csv") == tmp_path / "x.csv"
    monkeypatch.delenv("TEXTMINE_DATA_DIR")
    assert data_path("periods.csv") == ROOT / "data" / "periods.csv"
    with pytest.raises(InputError, match="TEXTMINE_DATA_DIR"):
        data_path("no-such-file.csv")
    with pytest.raises(TypeError):
        data_path(1)


# --------------------------------------------------------------------------- check helpers


def test_assert_frame_close_messages():
    ref = pd.DataFrame({"period": ["a", "a", "b"], "term": ["x", "y", "x"], "n": [3, 1, 2], "share": [0.75, 0.25, 1.0]})
    assert_frame_close(ref.iloc[::-1], ref, on=["period", "term"], name="counts")  # order ignored
    assert_frame_close(ref.assign(share=ref["share"] + 1e-9), ref, on=["period", "term"], name="counts")
    with pytest.raises(AssertionError, match=r"`counts` misses 1 of the 3 expected rows, e.g. \(period='b', term='x'\)"):
        assert_frame_close(ref.iloc[:2], ref, on=["period", "term"], name="counts")
    with pytest.raises(AssertionError, match=r"has 1 rows that should not be there"):
        assert_frame_close(pd.concat([ref, ref.assign(term="z").iloc[:1]]), ref, on=["period", "term"], name="counts")
    with pytest.raises(AssertionError, match=r"column 'n' differ; first at \(period='a', term='y'\): expected 1, got 5"):
        assert_frame_close(ref.assign(n=[3, 5, 2]), ref, on=["period", "term"], name="counts")
    with pytest.raises(AssertionError, match=r"lacks column\(s\) \['share'\]"):
        assert_frame_close(ref.drop(columns="share"), ref, on=["period", "term"], name="counts")
    with pytest.raises(AssertionError, match="one row per"):
        assert_frame_close(pd.concat([ref, ref]), ref, on=["period", "term"], name="counts")
    with pytest.raises(AssertionError, match="should be a DataFrame"):
        assert_frame_close([1, 2], ref, name="counts")
    with pytest.raises(AssertionError, match="wrong order"):
        assert_frame_close(ref.iloc[::-1], ref, on=["period", "term"], check_order=True)
    with pytest.raises(AssertionError, match="should have 3 rows, but has 2"):
        assert_frame_close(ref.iloc[:2], ref)


def test_other_check_helpers():
    assert_close(0.1 + 0.2, 0.3)
    with pytest.raises(AssertionError, match=r"`x` should be 0.3, got 0.4"):
        assert_close(0.4, 0.3, name="x")
    with pytest.raises(AssertionError, match="should have shape"):
        assert_close([1, 2], [1, 2, 3])
    with pytest.raises(AssertionError, match="should be a number"):
        assert_close("abc", 1.0)
    with pytest.raises(AssertionError, match=r"lacks column\(s\) \['b'\]; it has \['a'\]"):
        assert_columns(pd.DataFrame({"a": [1]}), ["a", "b"])
    with pytest.raises(AssertionError, match="exactly the columns"):
        assert_columns(pd.DataFrame({"a": [1], "c": [1]}), ["a"], exact=True)
    assert_same_items(["b", "a"], ["a", "b"])
    with pytest.raises(AssertionError, match="misses \\['c'\\]"):
        assert_same_items(["a"], ["a", "c"])
    with pytest.raises(AssertionError, match="item 1 should be 'b'"):
        assert_same_items(["a", "c"], ["a", "b"], ordered=True)


# --------------------------------------------------------------------------- score table (no kernel)


def test_grades_tables_and_text(tmp_path):
    ok = Submission("ann", "ann.ipynb", "toy", "graded", checks=[
        CheckResult("ex1-a", "ex1", False, 1.0, 1.0, "passed", ""),
        CheckResult("ex1-b", "ex1", True, 2.0, 0.0, "failed", "`n` should be 3, got 4."),
    ], seconds=2.0, max_points=3.0)
    bad = Submission("bob", "bob.ipynb", "", "not_a_notebook", notes=["not a notebook: the file is empty"])
    g = Grades([ok, bad])
    assert list(g.scores.columns) == ["student", "student_id", "assignment", "exercise", "check", "kind", "hidden",
                                      "max_points", "points", "status", "reason"]
    assert g.scores["points"].tolist() == [1.0, 0.0, 0.0]
    assert g.scores.loc[2, "reason"] == "not a notebook: the file is empty"
    assert g.submissions[["student", "points", "n_passed", "status"]].values.tolist() == [
        ["ann", 1.0, 1, "graded"], ["bob", 0.0, 0, "not_a_notebook"]]
    assert g.by_exercise().values.tolist() == [["ann", "toy", "ex1", 3.0, 1.0]]
    text = g.text()
    assert "- `ex1-b` (hidden, 2 pt): failed: `n` should be 3, got 4." in text and "| bob | ? | 0 / ? | not_a_notebook |" in text
    g.write(tmp_path)
    assert pd.read_csv(tmp_path / "scores.csv").shape == (3, 11)
    assert (tmp_path / "summary.md").read_text() == text


def test_cli_grade_without_kernel(tmp_path, capsys):
    out = tmp_path / "grades"
    assert cli.main(["grade", str(FAULTY / "not-a-notebook.ipynb"), "--assignment", str(TOY), "--out", str(out), "--quiet"]) == 0
    scores = pd.read_csv(out / "scores.csv")
    assert scores["status"].eq("not_run").all() and scores["points"].sum() == 0 and len(scores) == 4
    assert cli.main(["grade", str(tmp_path / "missing.ipynb")]) == 2
    assert cli.main(["checks", str(TOY)]) == 0
    assert "ex2-ties" in capsys.readouterr().out


# --------------------------------------------------------------------------- the autograder, with kernels


@pytest.fixture(scope="module")
def toy_grades(tmp_path_factory):
    """Grade, in one batch, the solution, the blank student version and every faulty submission."""
    tmp = tmp_path_factory.mktemp("toy")
    subs = tmp / "submissions"
    shutil.copytree(FAULTY, subs)
    shutil.copy(TOY, subs / "solution.ipynb")
    build_student_versions(TOY, out=tmp / "student")
    shutil.copy(tmp / "student" / "toy.ipynb", subs / "blank.ipynb")
    # Limits generous enough for a loaded 2-core machine (importing pandas can take 5 s there).
    grades = grade_submissions(subs, solutions=TOY_DIR, out=tmp / "grades", jobs=3,
                               cell_timeout=20, check_timeout=8, _grace=3, unsafe_no_sandbox=UNSAFE)
    return grades, tmp / "grades"


def _points(grades, student):
    s = grades.scores[grades.scores["student"] == student]
    return dict(zip(s["check"], s["points"]))


def _row(grades, student):
    return grades.submissions.set_index("student").loc[student]


def test_solution_scores_full_marks(toy_grades):
    grades, _ = toy_grades
    assert _points(grades, "solution") == {"ex1-type": 1, "ex1-value": 2, "ex2-simple": 1, "ex2-ties": 2}
    assert _row(grades, "solution")["status"] == "graded" and _row(grades, "solution")["n_cell_errors"] == 0


def test_blank_student_version_runs_to_the_end_and_scores_zero(toy_grades):
    grades, _ = toy_grades
    row = _row(grades, "blank")
    assert row["status"] == "graded" and row["points"] == 0 and row["n_checks"] == 4
    ex = grades.by_exercise()
    assert ex[ex["student"] == "blank"]["points"].tolist() == [0.0, 0.0]
    s = grades.scores[grades.scores["student"] == "blank"]
    assert set(s["status"]) == {"error"}  # every check ran and found no answer
    assert "`n_the` is not defined" in s["reason"].iloc[0] and "NotImplementedError" in s["reason"].iloc[0]


def test_one_exercise_right_scores_exactly_that_exercise(toy_grades):
    grades, _ = toy_grades
    ex = grades.by_exercise().set_index(["student", "exercise"])["points"]
    assert ex["one-exercise-right", "ex1"] == 3.0 and ex["one-exercise-right", "ex2"] == 0.0


def test_infinite_loop_gets_a_timeout_entry(toy_grades):
    grades, _ = toy_grades
    row = _row(grades, "infinite-loop")
    assert row["status"] == "timeout" and row["points"] == 3.0
    assert "did not finish within 20 s (an endless loop?); interrupted" in row["cell_errors"]
    s = grades.scores[grades.scores["student"] == "infinite-loop"].set_index("check")
    assert s.loc["ex2-simple", "status"] == "timeout" and "within 8 s" in s.loc["ex2-simple", "reason"]
    assert "longest(['a', 'bb', 'c'])" in s.loc["ex2-simple", "reason"]  # what the grader was evaluating


def test_raise_at_import(toy_grades):
    grades, _ = toy_grades
    row = _row(grades, "raises-at-import")
    assert row["status"] == "graded" and row["points"] == 3.0  # exercise 2 does not need the failed import
    s = grades.scores[grades.scores["student"] == "raises-at-import"].set_index("check")
    assert "ModuleNotFoundError: No module named 'textmine_helpers_that_do_not_exist'" in s.loc["ex1-type", "reason"]


def test_deleted_check_cell_is_still_checked(toy_grades):
    grades, _ = toy_grades
    s = grades.scores[grades.scores["student"] == "deleted-check-cell"].set_index("check")
    assert s.loc["ex2-simple", "status"] == "failed" and s.loc["ex2-simple", "points"] == 0
    assert 'assertion failed: assert longest(["a", "bb", "c"]) == "bb"' == s.loc["ex2-simple", "reason"]
    assert s["points"].sum() == 3.0


def test_overwritten_check_function_has_no_effect(toy_grades):
    grades, _ = toy_grades
    s = grades.scores[grades.scores["student"] == "overwritten-check"].set_index("check")
    assert s.loc["ex1-value", "status"] == "failed" and s.loc["ex1-value", "reason"] == "`n_the` should be 3, got 99."
    assert s["points"].sum() == 4.0  # the weak visible check passes; exercise 2 is right


def test_kernel_crash_is_left_out_and_rerun(toy_grades):
    grades, _ = toy_grades
    row = _row(grades, "kernel-crash")
    assert row["status"] == "kernel_died" and row["points"] == 3.0
    assert "killed the kernel" in row["notes"] and "run again without it" in row["notes"]


def test_unsafe_no_sandbox_still_checks_outside_the_kernel(tmp_path):
    """Without bubblewrap (--unsafe-no-sandbox) the kernel runs directly; answers still leave as data."""
    sub = grade_notebook(TOY, solutions=TOY_DIR, unsafe_no_sandbox=True, cell_timeout=30, check_timeout=15)
    assert sub.status == "graded" and sub.points == 6, [(c.check, c.reason) for c in sub.checks]
    sub = grade_notebook(FAULTY / "overwritten-check.ipynb", solutions=TOY_DIR, unsafe_no_sandbox=True,
                         cell_timeout=30, check_timeout=15)
    assert sub.points == 4  # its own assert_close is still ignored


def test_not_a_notebook_in_a_folder(toy_grades):
    grades, _ = toy_grades
    row = _row(grades, "not-a-notebook")
    assert row["status"] == "not_a_notebook" and row["points"] == 0 and "not a notebook" in row["notes"]


def test_score_files_written(toy_grades):
    grades, out = toy_grades
    scores = pd.read_csv(out / "scores.csv")
    assert len(scores) == len(grades.scores) and sorted(scores["student"].unique()) == sorted(grades.submissions["student"])
    lost = scores[~(scores["points"] >= scores["max_points"])]  # NaN max_points: assignment unknown
    assert len(lost) > 10 and (lost["reason"].fillna("").str.len() > 0).all()  # a reason for every lost point
    summary = (out / "summary.md").read_text()
    assert "## overwritten-check: 4 / 6 points" in summary and "## solution: 6 / 6 points" in summary


# --------------------------------------------------------------------------- the course assignments


def _fill(student: Path, answers: list[str], target: Path) -> None:
    """Write a submission: the student version with its k-th stub replaced by answers[k]."""
    nb = nbformat.read(student, as_version=4)
    stubs = [c for c in nb.cells if c.cell_type == "code" and "# YOUR CODE HERE" in c.source]
    assert len(stubs) == len(answers)
    for cell, answer in zip(stubs, answers):
        lines = cell.source.split("\n")
        start = next(i for i, line in enumerate(lines) if line.strip() == "# YOUR CODE HERE")
        stop = next(i for i, line in enumerate(lines) if line.strip().startswith("raise NotImplementedError"))
        cell.source = "\n".join(lines[:start] + answer.split("\n") + lines[stop + 1:])
    nbformat.write(nb, target)


# A student of assignment 1 who gets exercises 2 and 4 right and 1 and 3 wrong.
PARTIAL_01 = [
    # 1: counts punctuation too (wrong)
    'counts = tokens.groupby(["period", "norm"], observed=True).size().rename("n").reset_index().rename(columns={"norm": "term"})\n'
    'counts = counts.join(tokens.groupby("period", observed=True).size().rename("n_total"), on="period")\n'
    'counts["per_1000"] = 1000 * counts["n"] / counts["n_total"]',
    # 2: right
    'top5 = content.groupby("period", observed=True).head(5).copy()\n'
    'top5["rank"] = top5.groupby("period", observed=True).cumcount() + 1',
    # 3: keeps the stop words (wrong)
    'key_revolution = tm.keyness(tm.term_counts(tokens, by="period"), group="period", target="revolution", min_count=5)["term"].head(10).tolist()',
    # 4: right, with scipy instead of numpy
    'from scipy.stats import chi2_contingency\n'
    'c = tm.term_counts(tokens, by="period")\n'
    't = c.drop_duplicates("period").set_index("period")["n_total"]\n'
    'a = c[(c.period == "revolution") & (c.term == "lenin")]["n"].sum()\n'
    'b = c[(c.period != "revolution") & (c.term == "lenin")]["n"].sum()\n'
    'g2_lenin = float(chi2_contingency([[a, b], [t["revolution"] - a, t.sum() - t["revolution"] - b]], correction=False, lambda_="log-likelihood")[0])',
]


# The first attack, on the real assignment 3: find the solution notebook next to the
# installed package and run its solution cells (the toy's attack, aimed at assignment 3).
# Without the sandbox this scored 14/14.
HOSTILE_03 = (TOY_DIR / "hostile" / "read-solution.py").read_text(encoding="utf-8").replace(
    '"assignment": "toy"', '"assignment": "03-quotation-density"')
assert "03-quotation-density" in HOSTILE_03


@pytest.fixture(scope="module")
def course_grades(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("course")
    subs = tmp / "submissions"
    subs.mkdir()
    for path in sorted((COURSE / "solutions").glob("*.ipynb")):
        shutil.copy(path, subs / f"solution-{path.name}")
        shutil.copy(COURSE / "student" / path.name, subs / f"blank-{path.name}")
    _fill(COURSE / "student" / "01-terms-by-period.ipynb", PARTIAL_01, subs / "partial-01-terms-by-period.ipynb")
    hostile = nbformat.read(COURSE / "student" / "03-quotation-density.ipynb", as_version=4)
    hostile.cells.append(new_code_cell(HOSTILE_03))
    nbformat.write(hostile, subs / "hostile-03-quotation-density.ipynb")
    # The instructor's points for the written answers: full marks for the solutions, 1 of 2 for the partial one.
    manual = tmp / "manual.csv"
    rows = ["student,item,points,comment"]
    rows += [f"solution-{p.stem},{read_assignment(p).manual[0].id},2," for p in sorted((COURSE / "solutions").glob("*.ipynb"))]
    rows += ["partial-01-terms-by-period,ex5-why,1,names the prior but not the shrinkage"]
    manual.write_text("\n".join(rows) + "\n", encoding="utf-8")
    grades = grade_submissions(subs, solutions=COURSE / "solutions", jobs=3, cell_timeout=120, check_timeout=60,
                               out=tmp / "grades", manual=manual, keep_executed=True, unsafe_no_sandbox=UNSAFE)
    return grades, tmp / "grades"


def test_course_solutions_score_full_marks(course_grades):
    grades, _ = course_grades
    subs = grades.submissions
    solved = subs[subs["student"].str.startswith("solution-")]
    assert len(solved) >= 3
    for row in solved.itertuples():
        lost = grades.scores[(grades.scores["student"] == row.student) & (grades.scores["points"] < grades.scores["max_points"])]
        assert row.points == row.max_points, lost[["check", "reason"]].values.tolist()
        assert row.status == "graded" and row.n_cell_errors == 0, row.cell_errors
    assert sorted(solved["max_points"]) == [15.0, 16.0, 16.0]  # checks and a 2-point written answer each


def test_course_blank_versions_score_zero_on_every_exercise(course_grades):
    grades, _ = course_grades
    subs = grades.submissions
    blank = subs[subs["student"].str.startswith("blank-")]
    assert len(blank) >= 3
    assert (blank["status"] == "graded").all() and (blank["points"] == 0).all()
    ex = grades.by_exercise()
    assert (ex[ex["student"].str.startswith("blank-")]["points"] == 0).all()
    scores = grades.scores[grades.scores["student"].str.startswith("blank-")]
    assert scores[scores["kind"] == "check"]["status"].isin(["error", "failed"]).all()  # every check ran
    assert (scores[scores["kind"] == "manual"]["status"] == "ungraded").all()  # no points entered for them


def test_course_partial_submission_scores_exactly_its_right_exercises(course_grades):
    grades, _ = course_grades
    ex = grades.by_exercise()
    ex = ex[ex["student"] == "partial-01-terms-by-period"].set_index("exercise")["points"].to_dict()
    assert ex == {"ex1": 1.0, "ex2": 3.0, "ex3": 1.0, "ex4": 3.0, "ex5": 1.0}  # ex1, ex3: weak visible checks only
    s = grades.scores[grades.scores["student"] == "partial-01-terms-by-period"].set_index("check")
    assert s.loc["ex1-total", "status"] == "failed" and "running words" in s.loc["ex1-total", "reason"]
    assert s.loc["ex1-values", "reason"].startswith("`counts` has ") and "should not be there" in s.loc["ex1-values", "reason"]
    assert s.loc["ex3-terms", "reason"].startswith("`key_revolution`: item ")
    assert s.loc["ex5-why", "status"] == "manual" and s.loc["ex5-why", "reason"] == "names the prior but not the shrinkage"


def test_course_hostile_submission_finds_no_solution(course_grades):
    grades, out = course_grades
    row = grades.submissions.set_index("student").loc["hostile-03-quotation-density"]
    assert row["points"] == 0 and row["status"] == "graded"
    executed = nbformat.read(out / "executed" / "hostile-03-quotation-density.ipynb", as_version=4)
    printed = "".join(o.get("text", "") for c in executed.cells for o in c.get("outputs", []))
    if UNSAFE:
        pytest.skip("no sandbox here: the attack finds the solution (that is what the sandbox is for)")
    assert "ATTACK read-solution: found []" in printed  # the attack ran, and found nothing


def test_course_exports(course_grades):
    grades, out = course_grades
    book = pd.read_csv(out / "gradebook.csv")
    assert list(book.columns[:5]) == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    assert {"01-terms-by-period", "01-terms-by-period: ex5", "03-quotation-density: ex4"} <= set(book.columns)
    sol = book.set_index("SIS Login ID").loc["solution-01-terms-by-period"]
    assert sol["01-terms-by-period"] == 16 and sol["01-terms-by-period: ex1"] == 5
    assert math.isnan(sol["03-quotation-density"])  # that student did not submit assignment 3
    results = json.loads((out / "gradescope" / "partial-01-terms-by-period" / "results.json").read_text())
    assert results["score"] == 9.0 and len(results["tests"]) == 10
    feedback = (out / "feedback" / "partial-01-terms-by-period.md").read_text()
    assert "## `ex1-total` (check, ex1): 0 / 1 — failed" in feedback
    assert "| compared | yours | expected |" in feedback  # the visible check shows both values


def test_textmine_command_dispatches_to_assignments(capsys):
    from textmine.cli import main

    assert main(["assignments", "build", "--check"]) == 0
    assert "up to date" in capsys.readouterr().out
    assert main(["nonsense"]) == 2
    assert main([]) == 2
