"""Tests for textmine.assignments.reports: gradebook, Gradescope results, feedback, written answers (no kernel)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from textmine.assignments import __main__ as cli
from textmine.assignments.reports import (
    CheckResult,
    Grades,
    Submission,
    feedback_markdown,
    gradebook,
    gradescope_results,
    merge_manual,
    read_manual,
    safe_name,
)
from textmine.errors import InputError


def _grades() -> Grades:
    ann = Submission("ann/hw1", "ann/hw1.ipynb", "hw1", "graded", student_id="ann", max_points=6.0, seconds=12.4, checks=[
        CheckResult("ex1-type", "ex1", False, 1.0, 1.0, "passed", ""),
        CheckResult("ex1-value", "ex1", True, 2.0, 0.0, "failed", "`n` should be 3, got 4."),
        CheckResult("ex2-simple", "ex2", False, 1.0, 0.0, "failed", "assertion failed: assert f(1) == 2",
                    values=[{"name": "f(1)", "yours": "1", "expected": "2"}]),
        CheckResult("ex3-why", "ex3", False, 2.0, 0.0, "ungraded", "not graded yet", kind="manual"),
    ], written={"ex3-why": "Because the prior shrinks rare terms."})
    bob = Submission("bob", "bob.ipynb", "hw1", "timeout", max_points=6.0, notes=["cell 3 did not finish"], checks=[
        CheckResult("ex1-type", "ex1", False, 1.0, 1.0, "passed", ""),
        CheckResult("ex1-value", "ex1", True, 2.0, 2.0, "passed", ""),
        CheckResult("ex2-simple", "ex2", False, 1.0, 0.0, "timeout", "did not finish within 8 s"),
        CheckResult("ex3-why", "ex3", False, 2.0, 0.0, "ungraded", "not graded yet", kind="manual"),
    ], written={"ex3-why": ""})
    bob_hw2 = Submission("bob-hw2", "bob-hw2.ipynb", "hw2", "graded", student_id="bob", max_points=1.0, checks=[
        CheckResult("ex1-a", "ex1", False, 1.0, 1.0, "passed", "")])
    junk = Submission("carl", "carl.docx", "", "not_a_notebook", notes=["not a notebook: binary"])
    return Grades([ann, bob, bob_hw2, junk])


def test_gradebook_one_row_per_student_and_a_column_per_exercise(tmp_path):
    book = gradebook(_grades())
    assert list(book.columns) == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section",
                                  "hw1", "hw1: ex1", "hw1: ex2", "hw1: ex3", "hw2", "hw2: ex1"]
    rows = book.set_index("SIS Login ID")
    assert rows.loc["ann", "hw1"] == 1 and rows.loc["ann", "hw1: ex1"] == 1 and pd.isna(rows.loc["ann", "hw2"])
    assert rows.loc["bob", "hw1"] == 3 and rows.loc["bob", "hw2"] == 1  # two assignments, one row
    assert "carl" not in rows.index  # nothing to import for an unreadable file
    roster = tmp_path / "roster.csv"
    roster.write_text("student,name,id,sis_user_id,sis_login_id,section\nann,\"Lee, Ann\",1234,A-1,alee,S1\n")
    book = gradebook(_grades(), roster=roster)
    assert book.iloc[0, :5].tolist() == ["Lee, Ann", "1234", "A-1", "alee", "S1"]
    assert book.iloc[1, :5].tolist() == ["bob", "", "bob", "bob", ""]  # not in the roster: its id
    (tmp_path / "bad.csv").write_text("name\nAnn\n")
    with pytest.raises(InputError, match="needs a header with a `student` column"):
        gradebook(_grades(), roster=tmp_path / "bad.csv")


def test_gradescope_results_format():
    r = gradescope_results(_grades().results[0])
    assert set(r) == {"score", "execution_time", "output", "visibility", "stdout_visibility", "tests"}
    assert r["score"] == 1.0 and r["execution_time"] == 12 and r["stdout_visibility"] == "hidden"
    assert [t["visibility"] for t in r["tests"]] == ["visible", "after_published", "visible", "visible"]
    assert [t["status"] for t in r["tests"]] == ["passed", "failed", "failed", "failed"]
    t = r["tests"][2]
    assert (t["name"], t["score"], t["max_score"], t["number"]) == ("ex2 ex2-simple", 0.0, 1.0, "3")
    assert "f(1): yours 1; expected 2" in t["output"]
    assert r["tests"][3]["name"] == "ex3 ex3-why (written answer)"
    assert gradescope_results(_grades().results[3])["score"] == 0.0


def test_feedback_shows_every_check_and_expected_beside_yours():
    text = feedback_markdown(_grades().results[0])
    assert "**ann/hw1**: 1 / 6 points." in text and "| ex1 | 1 / 3 |" in text
    assert "## `ex1-value` (hidden check, ex1): 0 / 2 — failed" in text and "`n` should be 3, got 4." in text
    assert "| `f(1)` | `1` | `2` |" in text  # a visible check: the student's value beside the expected
    assert "## `ex3-why` (written answer, ex3): 0 / 2 — ungraded" in text
    quiet = feedback_markdown(_grades().results[0], hidden_reasons=False)
    assert "`n` should be 3" not in quiet and "A hidden check: ask your instructor about it." in quiet


def test_manual_points_merge_into_the_totals(tmp_path):
    marks = tmp_path / "marks.csv"
    marks.write_text("student,item,max_points,points,comment\nann/hw1,ex3-why,2,1.5,good but short\nbob,ex3-why,2,,\n")
    g = merge_manual(_grades(), marks)
    ann = g.results[0]
    assert ann.points == 2.5 and ann.checks[3].status == "manual" and ann.checks[3].reason == "good but short"
    assert g.results[1].checks[3].status == "ungraded"  # an empty points cell: not marked yet
    assert _grades().results[0].points == 1.0  # the input is not changed


@pytest.mark.parametrize("content, message", [
    ("student,points\nann/hw1,1\n", r"lacks the column\(s\) \['item'\]"),
    ("student,item,points\nzoe,ex3-why,1\n", "line 2: no graded submission is called 'zoe'"),
    ("student,item,points\nann/hw1,ex9,1\n", r"'ann/hw1' has no written answer 'ex9' \(its written answers: \['ex3-why'\]\)"),
    ("student,item,points\nann/hw1,ex3-why,three\n", "points must be a number, got 'three'"),
    ("student,item,points\nann/hw1,ex3-why,2.5\n", "points must be between 0 and 2 for 'ex3-why', got 2.5"),
    ("student,item,points\nann/hw1,ex3-why,1\nann/hw1,ex3-why,2\n", "line 3: a second row for 'ann/hw1', 'ex3-why'"),
])
def test_bad_manual_points_name_the_line(tmp_path, content, message):
    path = tmp_path / "marks.csv"
    path.write_text(content)
    with pytest.raises(InputError, match=message):
        read_manual(path, _grades())


def test_write_and_report_roundtrip(tmp_path, capsys):
    out = tmp_path / "grades"
    _grades().write(out)
    names = sorted(p.name for p in out.iterdir())
    assert names == ["feedback", "gradebook.csv", "grades.json", "gradescope", "manual-answers.md", "manual-template.csv",
                     "scores.csv", "submissions.csv", "summary.md"]
    assert (out / "gradescope" / "ann__hw1" / "results.json").is_file() and (out / "feedback" / "bob-hw2.md").is_file()
    assert "> Because the prior shrinks rare terms." in (out / "manual-answers.md").read_text()
    template = pd.read_csv(out / "manual-template.csv")
    assert template[["student", "item", "max_points"]].values.tolist() == [["ann/hw1", "ex3-why", 2.0], ["bob", "ex3-why", 2.0]]
    again = Grades.read(out)
    assert again.scores.equals(_grades().scores) and again.results[0].written == _grades().results[0].written
    template["points"] = [2, 0]
    template.to_csv(tmp_path / "marks.csv", index=False)
    assert cli.main(["report", str(out), "--manual", str(tmp_path / "marks.csv")]) == 0
    book = pd.read_csv(out / "gradebook.csv").set_index("SIS Login ID")
    assert book.loc["ann", "hw1"] == 3 and book.loc["ann", "hw1: ex3"] == 2
    assert json.loads((out / "gradescope" / "ann__hw1" / "results.json").read_text())["score"] == 3.0
    assert cli.main(["report", str(tmp_path / "nothing")]) == 2
    assert "no grades.json" in capsys.readouterr().err


def test_safe_file_names():
    assert safe_name("alice/hw1") == "alice__hw1" and safe_name("bob smith") == "bob_smith"
    assert safe_name("../../etc/passwd") == "__..__etc__passwd"  # no folder, never hidden
    assert safe_name("") == "_"
