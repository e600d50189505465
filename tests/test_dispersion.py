"""Gries' DP and DPnorm, range and frequency, against hand-computed values."""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest

from textmine.dispersion import dispersion, equal_parts
from textmine.errors import ColumnError, InputError


def words(parts: list[str], **extra) -> pd.DataFrame:
    """One token per letter; ``parts`` are strings of letters, one per paragraph."""
    toks, para = [], []
    for i, p in enumerate(parts):
        toks.extend(p)
        para.extend([i] * len(p))
    n = len(toks)
    out = pd.DataFrame({
        "doc_id": "d",
        "token_id": np.arange(n, dtype=np.int64),
        "para_id": np.array(para, dtype=np.int64),
        "sent_id": np.array(para, dtype=np.int64),
        "token": pd.Series(toks, dtype="str"),
        "norm": pd.Series([t.lower() for t in toks], dtype="str"),
        "kind": pd.Categorical(["punct" if t in ".,;" else "word" for t in toks], categories=["word", "number", "punct"]),
        "in_quote": False,
        "in_citation": False,
    })
    for k, v in extra.items():
        out[k] = v
    return out


def test_dp_hand_computed():
    tokens = words(["xaax", "bbxa", "ab"])
    out = dispersion(tokens, ["x", "a", "zzz"])
    x, a, z = (out.iloc[i] for i in range(3))
    # part sizes 4, 4, 2 → s = .4, .4, .2; x occurs 2, 1, 0 → v = 2/3, 1/3, 0
    # DP = ½(|2/3 - .4| + |1/3 - .4| + |0 - .2|) = ½(.26667 + .06667 + .2) = .26667
    assert x["dp"] == pytest.approx(0.8 / 3)
    assert x["dp_norm"] == pytest.approx((0.8 / 3) / 0.8)   # / (1 - min s)
    assert (x["n"], x["range"], x["n_parts"]) == (3, 2, 3)
    # a occurs 2, 1, 1 → v = .5, .25, .25: DP = ½(.1 + .15 + .05) = .15
    assert a["dp"] == pytest.approx(0.15) and a["dp_norm"] == pytest.approx(0.15 / 0.8)
    assert (z["term"], z["n"], z["range"]) == ("zzz", 0, 0) and np.isnan(z["dp"])


def test_dp_extremes():
    tokens = words(["aaaaab", "cx", "cd"])
    out = dispersion(tokens, ["x", "c"]).set_index("term")
    # s = .6, .2, .2; x only in a smallest part: DP = ½(.6 + .8 + .2) = .8, DPnorm = .8/.8 = 1
    assert out.loc["x", "dp"] == pytest.approx(0.8) and out.loc["x", "dp_norm"] == pytest.approx(1.0)
    # c once in each small part: v = 0, .5, .5 → DP = ½(.6 + .3 + .3) = .6
    assert out.loc["c", "dp"] == pytest.approx(0.6)
    even = dispersion(words(["ab", "ab"]), "a")
    assert even["dp"].iloc[0] == pytest.approx(0.0) and even["range"].iloc[0] == 2


def test_equal_parts_and_column_parts():
    assert equal_parts(10, 3).tolist() == [0, 0, 0, 0, 1, 1, 1, 2, 2, 2]
    tokens = words(["aaaa", "bbbbba"])  # 10 words, two equal halves of 5 by position
    halves = dispersion(tokens, "a", parts=2).iloc[0]
    # halves: "aaaab" "bbbba": v = .8, .2; s = .5, .5 → DP = .3
    assert halves["dp"] == pytest.approx(0.3) and halves["n_parts"] == 2
    by_period = dispersion(tokens.assign(period=["p"] * 4 + ["q"] * 6), "a", parts="period").iloc[0]
    # s = .4, .6; v = .8, .2 → DP = ½(.4 + .4) = .4
    assert by_period["dp"] == pytest.approx(0.4)


def test_filters_one_part_and_sorting():
    tokens = words(["a.a", "b,a"])
    out = dispersion(tokens)  # punctuation is not a corpus word
    assert out["term"].tolist() == ["a", "b"]  # n descending
    assert set(out["n_parts"]) == {2}
    assert dispersion(tokens, min_count=2)["term"].tolist() == ["a"]
    one = dispersion(words(["aab"]), "a").iloc[0]
    assert one["dp"] == pytest.approx(0.0) and np.isnan(one["dp_norm"])
    assert dispersion(tokens, "A")["n"].iloc[0] == 3  # case-folded on norm
    assert dispersion(tokens, "A", term="token")["n"].iloc[0] == 0


def test_errors_empty_and_pure():
    tokens = words(["ab", "ba"])
    with pytest.raises(InputError, match="single token"):
        dispersion(tokens, ["a b"])
    with pytest.raises(ColumnError, match="period"):
        dispersion(tokens, "a", parts="period")
    with pytest.raises(TypeError, match="parts"):
        dispersion(tokens, "a", parts=2.5)
    with pytest.raises(InputError, match="twice"):
        dispersion(tokens, ["a", "a"])
    empty = dispersion(tokens.iloc[0:0])
    assert empty.empty and list(empty.columns) == ["term", "n", "n_parts", "range", "dp", "dp_norm"]
    before = copy.deepcopy(tokens)
    dispersion(tokens, ["a"], parts=3)
    pd.testing.assert_frame_equal(tokens, before)


def test_chapter_dispersion(chapter):
    out = dispersion(chapter.tokens, min_count=5)
    assert ((out["dp"] >= 0) & (out["dp"] <= 1)).all()
    assert ((out["dp_norm"] >= out["dp"]) & (out["dp_norm"] <= 1 + 1e-12)).all()
    the = out.set_index("term").loc["the"]
    assert the["dp"] < out["dp"].median()  # a function word is spread evenly
