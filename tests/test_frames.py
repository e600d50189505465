"""textmine._frames: the one validation helper and its message shape."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import textmine as tm
from textmine._frames import as_columns, empty_frame, require_columns, require_frame, require_int, sort_rows
from textmine.errors import ColumnError, InputError

COUNTS = pd.DataFrame({"period": ["a", "b"], "term": ["x", "y"], "n_": [1, 2]})


def test_a_missing_column_names_function_argument_guess_what_was_passed_and_fix():
    with pytest.raises(ColumnError) as info:
        require_columns(COUNTS, ["period", "n"], func="textmine.keyness", arg="counts",
                        hint="build counts with textmine.term_counts(tokens, by=...)")
    assert str(info.value) == (
        "textmine.keyness: counts lacks column(s) ['n']; did you mean 'n_'? It has ['period', 'term', 'n_']. "
        "Build counts with textmine.term_counts(tokens, by=...)."
    )


def test_several_missing_columns_and_no_close_name():
    with pytest.raises(ColumnError, match=r"lacks column\(s\) \['n', 'perod'\]; did you mean 'n_' \(for 'n'\) and 'period' \(for 'perod'\)\? It has"):
        require_columns(COUNTS, ["n", "perod"], func="f", arg="counts")
    with pytest.raises(ColumnError) as info:
        require_columns(COUNTS, ["zzzzzz", "zzzzzz"], func="f", arg="counts")
    assert str(info.value) == "f: counts lacks column(s) ['zzzzzz']. It has ['period', 'term', 'n_']."


def test_a_column_error_is_an_input_error_and_a_key_error():
    with pytest.raises(InputError):
        require_columns(COUNTS, ["n"], func="f", arg="counts")
    with pytest.raises(KeyError):
        require_columns(COUNTS, ["n"], func="f", arg="counts")


def test_long_frames_show_twenty_columns():
    wide = pd.DataFrame({f"c{i}": [i] for i in range(30)})
    with pytest.raises(ColumnError, match=r"'c19', '\.\.\.'\]\.$"):
        require_columns(wide, ["x"], func="f", arg="frame")


def test_dtypes_are_checked_by_kind():
    frame = pd.DataFrame({"n": [1.5], "flag": [True], "word": ["a"], "i": [1]})
    require_columns(frame, ["n", "flag", "word", "i"], func="f", arg="x",
                    dtypes={"n": "numeric", "flag": "bool", "word": "string", "i": "integer"})
    with pytest.raises(ColumnError, match=r"f: x\['flag'\] must be numeric, got dtype bool"):
        require_columns(frame, ["flag"], func="f", arg="x", dtypes={"flag": "numeric"})
    with pytest.raises(ColumnError, match=r"must be integer, got dtype float64"):
        require_columns(frame, ["n"], func="f", arg="x", dtypes={"n": "integer"})


def test_not_a_frame_is_a_type_error_with_the_fix():
    doc = tm.parse("One sentence. Two.")
    with pytest.raises(TypeError, match=r"^textmine\.kwic: tokens must be a DataFrame, got a Document\. Pass doc\.tokens\.$"):
        require_frame(doc, func="textmine.kwic", arg="tokens", hint="pass doc.tokens")
    with pytest.raises(TypeError, match=r"^f: x must be a DataFrame, got list\.$"):
        require_columns([1], ["a"], func="f", arg="x")


def test_as_columns_and_require_int():
    assert as_columns(None, func="f", arg="by") == []
    assert as_columns("period", func="f", arg="by") == ["period"]
    assert as_columns(("a", "b"), func="f", arg="by") == ["a", "b"]
    with pytest.raises(InputError, match="names a column twice"):
        as_columns(["a", "a"], func="f", arg="by")
    with pytest.raises(TypeError, match="column name or a list"):
        as_columns(3, func="f", arg="by")
    assert require_int(np.int64(3), func="f", arg="n", minimum=1) == 3
    with pytest.raises(TypeError, match="f: n must be an int, got bool"):
        require_int(True, func="f", arg="n", minimum=1)
    with pytest.raises(InputError, match="f: n must be at least 1, got 0"):
        require_int(0, func="f", arg="n", minimum=1)


def test_empty_frame_and_sort_rows():
    empty = empty_frame({"term": "str", "n": "int64"})
    assert list(empty.columns) == ["term", "n"] and len(empty) == 0
    assert str(empty["n"].dtype) == "int64" and isinstance(empty.index, pd.RangeIndex)
    frame = pd.DataFrame({"g": pd.Categorical(["late", "early", "late"], categories=["early", "late"]),
                          "n": [1, 5, 1], "t": ["b", "a", "a"]}, index=[7, 8, 9])
    out = sort_rows(frame, ["g", "n", "t"], [True, False, True])
    assert out["t"].tolist() == ["a", "a", "b"] and out["g"].astype(str).tolist() == ["early", "late", "late"]
    assert out.index.equals(pd.RangeIndex(3))
    assert sort_rows(frame, [], []).index.equals(pd.RangeIndex(3))
