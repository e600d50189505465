"""Tests for textmine.assignments.answers and .checkrun: answers out as data, checks in the grader's process.

No kernel here: the exporter runs in this process on a namespace standing in
for the student's, and the check process runs for real (a subprocess).
"""

from __future__ import annotations

import json
import math
import os
import sys

import numpy as np
import pandas as pd
import pytest

from textmine.assignments.answers import (
    ANSWER_FUNCTION,
    AnswerError,
    Exporter,
    Unexported,
    bound_names,
    plan_check,
    read_answers,
    resolver,
    rewrite_check,
)
from textmine.assignments.checkrun import run_checks
from textmine.assignments.checks import assert_type, observe

SETUP = "import numpy as np\nfrom textmine.assignments.checks import assert_close\nWORDS = ['a', 'bb']\n"


# --------------------------------------------------------------------------- planning


def test_bound_names_of_setup_and_checks():
    assert bound_names(SETUP) == {"np", "assert_close", "WORDS"}
    src = "import os.path\nfor i, (a, *b) in enumerate(x):\n    pass\nwith open(f) as g:\n    pass\ndef h(p, *q, r=1, **s):\n    t = 1\n"
    assert bound_names(src) == {"os", "i", "a", "b", "g", "h"}
    assert bound_names(src, top_level_only=False) >= {"os", "i", "a", "b", "g", "h", "p", "q", "r", "s", "t"}
    assert bound_names("if x:\n    y = 1\nelse:\n    z = [w for w in v]\n") == {"y", "z"}


def test_plan_finds_answer_names_and_their_chains():
    setup_names = bound_names(SETUP)
    plan = plan_check("assert longest(['a', 'bb']) == 'bb'\nassert longest(WORDS) == 'bb'", setup_names)
    assert plan.names == ("longest",)
    assert [c.prefixes for c in plan.chains] == [("longest", "longest(['a', 'bb'])"), ("longest", "longest(WORDS)")]
    assert plan.needs_setup  # longest(WORDS) needs the instructor's WORDS
    plan = plan_check("ref = np.arange(3)\nassert_close(counts['n'].sum(), ref.sum(), name='n')\nassert model.terms.shape[0] > 0",
                      setup_names)
    assert plan.names == ("counts", "model")  # ref is the check's own; np and assert_close come from the setup
    assert plan.chains[0].prefixes == ("counts", "counts['n']", "counts['n'].sum", "counts['n'].sum()")
    assert plan.chains[1].prefixes[:3] == ("model", "model.terms", "model.terms.shape")
    assert not plan.needs_setup and plan.keys[0] == "counts"


def test_chains_stop_at_names_the_check_binds():
    plan = plan_check("for w in [['a'], ['b', 'c']]:\n    assert longest(w) == max(w, key=len)\nassert sorted(labels, key=lambda k: labels[k])")
    assert [c.prefixes for c in plan.chains] == [("longest",), ("labels",)]  # longest(w): w is the check's own


# --------------------------------------------------------------------------- export and read back


def _roundtrip(tmp_path, namespace, source, setup=None, setup_src=""):
    names = bound_names(setup_src) if setup_src else frozenset()
    plan = plan_check(source, names)
    Exporter(namespace, str(tmp_path), setup).export(0, [list(c.prefixes) for c in plan.chains])
    return plan, read_answers(tmp_path, {0: plan})


def test_data_keeps_its_types(tmp_path):
    frame = pd.DataFrame({"period": pd.Categorical(["a", "b"]), "n": [1, 2], "share": [0.5, math.nan]},
                         index=pd.Index([10, 20], name="id"))
    ns = {"labels": {0: "a, b", 1: ("c", None)}, "ranking": ["x", "y"], "s": {1, 2}, "g2": np.float64(2.5),
          "n": np.int32(7), "flag": True, "nan": math.nan, "frame": frame, "series": frame["n"].rename(("n", 1)),
          "array": np.arange(6).reshape(2, 3)}
    _plan, got = _roundtrip(tmp_path, ns, "x = (labels, ranking, s, g2, n, flag, nan, frame, series, array)")
    values = {k: v for k, (kind, v) in got.items()}
    assert values["labels"] == {0: "a, b", 1: ("c", None)} and isinstance(values["labels"][1], tuple)
    assert values["ranking"] == ["x", "y"] and values["s"] == {1, 2} and values["flag"] is True
    assert type(values["g2"]) is np.float64 and type(values["n"]) is np.int32 and math.isnan(values["nan"])
    pd.testing.assert_frame_equal(values["frame"], frame)
    pd.testing.assert_series_equal(values["series"], ns["series"])
    np.testing.assert_array_equal(values["array"], ns["array"])


def test_functions_are_called_in_the_kernel_and_errors_kept(tmp_path):
    def longest(words):
        if not words:
            raise ValueError("no words")
        return max(words, key=len)

    def stub(words):
        raise NotImplementedError("replace this line with your code")

    ns = {"longest": longest, "stub": stub}
    src = "assert longest(['a', 'bb']) == 'bb'\nassert longest(WORDS) == 'bb'\nlongest([])\nstub(['a'])\nmissing"
    _plan, got = _roundtrip(tmp_path, ns, src, setup=[SETUP], setup_src=SETUP)
    assert got["longest"] == ("object", ("function", got["longest"][1][1]))  # a function is not data...
    assert got["longest(['a', 'bb'])"] == ("data", "bb")  # ...its result is
    assert got["longest(WORDS)"] == ("data", "bb")  # WORDS from the solution's setup, re-run in the kernel
    assert got["longest([])"] == ("error", ("ValueError", "no words"))
    assert got["stub(['a'])"][0] == "error" and got["stub(['a'])"][1][0] == "NotImplementedError"
    assert got["missing"] == ("error", ("NameError", "name 'missing' is not defined"))


def test_values_that_are_not_data(tmp_path):
    class Model:
        terms = pd.DataFrame({"t": [1]})

    ns = {"model": Model(), "frame": pd.DataFrame({0: [1]}), "objs": np.array([object()])}
    _plan, got = _roundtrip(tmp_path, ns, "x = (model, model.terms, frame, objs)")
    kind, (type_name, why) = got["model"]
    assert kind == "object" and type_name.endswith("Model") and "not data" in why
    assert got["model.terms"][0] == "data"
    assert got["frame"][0] == "object" and "string column names" in got["frame"][1][1]
    assert got["objs"][0] == "object" and "without pickle" in got["objs"][1][1]


def test_reader_refuses_links_fifos_big_files_and_forgeries(tmp_path):
    plan = plan_check("x = (a, b, c, d)")
    secret = tmp_path / "solution.ipynb"
    secret.write_text('{"cells": "the solution"}')
    answers = tmp_path / "answers"
    answers.mkdir()
    entries = [{"key": "a", "kind": "frame"}, {"key": "b", "kind": "frame"}, {"key": "c", "kind": "json", "value": {"evil": [1]}},
               {"key": "zzz", "kind": "json", "value": 1}, {"key": "d", "kind": "array"}, {"key": "a", "kind": "json", "value": 2}]
    (answers / "index-0.json").write_text(json.dumps({"format": 1, "entries": entries}))
    os.symlink(secret, answers / "0-0.parquet")  # a link to a file outside the sandbox
    os.mkfifo(answers / "0-1.parquet")  # would block a naive reader
    (answers / "0-4.npy").write_bytes(b"\0" * 2000)
    got = read_answers(answers, {0: plan}, max_bytes=1000)
    assert got["a"][0] == "unreadable" and "plain file" in got["a"][1]
    assert got["b"] == ("unreadable", "0-1.parquet is not a regular file")
    assert got["c"] == ("unreadable", "unknown tag 'evil' in an answer file")
    assert got["d"][0] == "unreadable" and "more than the limit of 1000" in got["d"][1]
    assert "zzz" not in got  # a key the check did not plan is ignored
    os.remove(answers / "index-0.json")
    os.symlink(secret, answers / "index-0.json")
    assert read_answers(answers, {0: plan}) == {}  # a linked index is never followed
    assert "the solution" not in repr(got)


# --------------------------------------------------------------------------- rewriting and resolving


def test_rewrite_replaces_the_first_data_prefix():
    answers = {"counts": ("data", pd.DataFrame({"n": [1, 2]})), "model": ("object", ("textmine.topics.TopicModel", "")),
               "model.terms": ("data", pd.DataFrame({"t": [3]}))}
    tree = rewrite_check("total = counts['n'].sum()\nrows = len(model.terms)\nkind = model", frozenset(), answers)
    ns = {ANSWER_FUNCTION: resolver(answers, "n/a")}
    exec(compile(tree, "<check>", "exec"), ns)
    assert ns["total"] == 3 and ns["rows"] == 1 and isinstance(ns["kind"], Unexported)
    assert_type(ns["kind"], __import__("textmine").TopicModel, name="model")  # the type the kernel reported
    with pytest.raises(AssertionError, match="`model` should be a DataFrame, but it is a textmine.topics.TopicModel"):
        assert_type(ns["kind"], pd.DataFrame, name="model")
    with pytest.raises(AnswerError, match="`model` is a textmine.topics.TopicModel, which the grader cannot take out"):
        ns["kind"].fit()


def test_resolver_reraises_the_students_exception():
    answer = resolver({"f(1)": ("error", ("ValueError", "bad")), "g()": ("error", ("pandas.errors.MergeError", "m")),
                       "x": ("unreadable", "broken")}, "the export timed out")
    with pytest.raises(ValueError, match="^bad$"):
        answer("f(1)")
    with pytest.raises(AnswerError, match="pandas.errors.MergeError: m"):
        answer("g()")
    with pytest.raises(AnswerError, match="could not read `x` back: broken"):
        answer("x")
    with pytest.raises(AnswerError, match="`y` was not taken out of your notebook: the export timed out"):
        answer("y")


def test_answers_are_copies_for_each_check():
    answer = resolver({"xs": ("data", [1, 2])}, "")
    answer("xs").append(3)
    assert answer("xs") == [1, 2]


def test_observe_records_what_helpers_compare():
    from textmine.assignments.checks import assert_close

    with observe() as seen:
        with pytest.raises(AssertionError):
            assert_close(4, 3, name="n")
    assert [(c.name, c.actual, c.expected) for c in seen] == [("n", 4, 3)]


# --------------------------------------------------------------------------- the check process


def _job(tmp_path, checks, namespace, setup=SETUP):
    names = bound_names(setup)
    answers = tmp_path / "answers"
    answers.mkdir(exist_ok=True)
    exporter = Exporter(namespace, str(answers), [setup])
    for n, c in enumerate(checks):
        exporter.export(n, [list(ch.prefixes) for ch in plan_check(c["source"], names).chains])
    return {"setup": [setup], "answers": str(answers), "max_bytes": 1 << 20, "missing": {},
            "checks": [dict(c, number=n, record=True, timeout=c.get("timeout", 5.0)) for n, c in enumerate(checks)]}


def _env():
    return dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))


def test_check_process_runs_checks_on_the_answers(tmp_path):
    checks = [{"id": "ok", "source": "assert_close(n_the, 3, name='n_the')"},
              {"id": "wrong", "source": "assert longest(['a', 'bb']) == 'bb'"},
              {"id": "missing", "source": "assert nothing == 1"},
              {"id": "helper", "source": "assert_close(n_the, len(WORDS), name='n_the')"}]
    ns = {"n_the": 3, "longest": lambda w: w[0], "assert_close": lambda *a, **k: None}  # a student's own helper is ignored
    problem, results = run_checks(_job(tmp_path, checks, ns), env=_env(), cwd=str(tmp_path), setup_timeout=60)
    assert problem is None
    assert results["ok"]["status"] == "passed"
    assert results["wrong"]["status"] == "failed" and results["wrong"]["reason"] == "assertion failed: assert longest(['a', 'bb']) == 'bb'"
    assert results["wrong"]["values"] == [{"name": "longest(['a', 'bb'])", "yours": "'a'", "expected": "'bb'"}]
    assert results["missing"]["status"] == "error" and results["missing"]["exception"] == "NameError"
    assert results["helper"]["status"] == "failed" and "`n_the` should be 2, got 3" in results["helper"]["reason"]


def test_check_process_survives_hanging_and_crashing_checks(tmp_path):
    checks = [{"id": "loops", "source": "while True:\n    pass", "timeout": 1.0},
              {"id": "sleeps-in-c", "source": "import time\ntime.sleep(30)", "timeout": 1.0},
              {"id": "crashes", "source": "import os\nos._exit(3)"},
              {"id": "after", "source": "assert n_the == 3"}]
    problem, results = run_checks(_job(tmp_path, checks, {"n_the": 3}), env=_env(), cwd=str(tmp_path),
                                  setup_timeout=60, grace=2)
    assert problem is None
    assert results["loops"]["status"] == "timeout" and "within 1 s" in results["loops"]["reason"]
    assert results["sleeps-in-c"]["status"] == "timeout"
    assert results["crashes"]["status"] == "error" and "crashed the grader's check process (exit code 3)" in results["crashes"]["reason"]
    assert results["after"]["status"] == "passed"  # the process was started again for the rest


def test_check_process_reports_a_broken_setup(tmp_path):
    job = _job(tmp_path, [{"id": "a", "source": "assert x == 1"}], {"x": 1})
    job["setup"] = ["import textmine_no_such_module"]
    problem, results = run_checks(job, env=_env(), cwd=str(tmp_path), setup_timeout=60)
    assert "setup cell 1: ModuleNotFoundError" in problem and results == {}
