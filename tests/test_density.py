"""Tests for textmine.density: hand-computed densities on tiny frames."""

from __future__ import annotations

import copy
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from textmine.density import (
    DENSITY_MEASURES,
    quotation_density,
    rolling_density,
    speaker_by_period,
    speaker_period_matrix,
)
from textmine.errors import ColumnError, InputError

DATA = Path(__file__).resolve().parents[1] / "data"
PERIODS = pd.CategoricalDtype(["p1", "p2", "p3"], ordered=True)


def tiny_frames():
    """Twelve one-character tokens at offsets 2i..2i+1.

    ======  =====  ======  ========  ===========  ======  ==========================
    token   kind   quoted  quote_id  in_citation  period  note
    ======  =====  ======  ========  ===========  ======  ==========================
    0 A     word                                  p1
    1 B     word   yes     0                      p1      q0 quotation, X, cites c0
    2 C     word   yes     0                      p1
    3 (     punct                    yes          p1      c0
    4 S     word                     yes          p1      citation word: not counted
    5 .     punct                                 p1
    6 D     word   yes     1                      p2      q1 term
    7 E     word                                  p2
    8 F     word   yes     2                      p2      q2 quotation, Y, group 2
    9 G     word   yes     3                      p2      q3 quotation, Y, group 2
    10 H    word                                  p2
    11 1917 number                                p2
    ======  =====  ======  ========  ===========  ======  ==========================
    """
    n = 12
    kinds = ["word"] * 3 + ["punct", "word", "punct"] + ["word"] * 5 + ["number"]
    quote = [None, 0, 0, None, None, None, 1, None, 2, 3, None, None]
    tokens = pd.DataFrame({
        "doc_id": pd.Series(["d"] * n, dtype="str"),
        "token_id": pd.Series(range(n), dtype="int64"),
        "para_id": pd.Series([0] * 6 + [1] * 6, dtype="int64"),
        "sent_id": pd.Series([0] * 6 + [1] * 6, dtype="int64"),
        "start": pd.Series([2 * i for i in range(n)], dtype="int64"),
        "end": pd.Series([2 * i + 1 for i in range(n)], dtype="int64"),
        "token": pd.Series(list("ABC(S.DEFGH") + ["1917"], dtype="str"),
        "norm": pd.Series(list("abc(s.defgh") + ["1917"], dtype="str"),
        "kind": pd.Categorical(kinds, categories=["word", "number", "punct"]),
        "is_stop": False,
        "in_quote": [q is not None for q in quote],
        "quote_id": pd.array(quote, dtype="Int64"),
        "in_citation": [False, False, False, True, True] + [False] * 7,
        "period": pd.Categorical(["p1"] * 6 + ["p2"] * 6, dtype=PERIODS),
    })
    quotations = pd.DataFrame({
        "doc_id": pd.Series(["d"] * 4, dtype="str"),
        "quote_id": pd.Series([0, 1, 2, 3], dtype="int64"),
        "start": pd.Series([2, 12, 16, 18], dtype="int64"),
        "end": pd.Series([6, 14, 18, 20], dtype="int64"),
        "text": pd.Series(["B C", "D", "F", "G"], dtype="str"),
        "para_start": pd.Series([0, 1, 1, 1], dtype="int64"),
        "para_end": pd.Series([0, 1, 1, 1], dtype="int64"),
        "n_tokens": pd.Series([2, 1, 1, 1], dtype="int64"),
        "kind": pd.Series(["quotation", "term", "quotation", "quotation"], dtype="str"),
        "speaker": pd.Series(["X", None, "Y", "Y"], dtype="str"),
        "speaker_rule": pd.Series([None] * 4, dtype="str"),
        "citation_id": pd.array([0, None, None, None], dtype="Int64"),
        "group_id": pd.Series([0, 1, 2, 2], dtype="int64"),
        "closed": True,
        "period": pd.Categorical(["p1", "p2", "p2", "p2"], dtype=PERIODS),
    })
    citations = pd.DataFrame({
        "doc_id": pd.Series(["d"], dtype="str"),
        "citation_id": pd.Series([0], dtype="int64"),
        "start": pd.Series([6], dtype="int64"),
        "end": pd.Series([10], dtype="int64"),
        "raw": pd.Series(["(S"], dtype="str"),
    })
    return tokens, quotations, citations


def density(by="period", **kw):
    tokens, quotations, citations = tiny_frames()
    return quotation_density(tokens, by=by, quotations=quotations, citations=citations, **kw)


# ------------------------------------------------------------ quotation_density
def test_density_by_period_hand_computed():
    d = density()
    assert list(d.columns) == ["period", *DENSITY_MEASURES]
    assert d["period"].tolist() == ["p1", "p2"]
    assert d["period"].dtype == PERIODS
    # p1: words A B C (S is citation apparatus) = 3; quoted B C = 2 (source quotation)
    # p2: words D E F G H 1917 = 6; quoted D (term), F G (quotation) = 3
    assert d["n_words"].tolist() == [3, 6]
    assert d["n_quoted"].tolist() == [2, 3]
    np.testing.assert_allclose(d["quoted_share"], [2 / 3, 3 / 6])
    assert d["n_quoted_quotation"].tolist() == [2, 2]
    np.testing.assert_allclose(d["quotation_share"], [2 / 3, 2 / 6])
    assert d["n_quoted_term"].tolist() == [0, 1]
    np.testing.assert_allclose(d["term_share"], [0, 1 / 6])
    # q2 and q3 are one quotation broken by a speech tag (group 2): counted once
    assert d["n_quotations"].tolist() == [1, 1]
    np.testing.assert_allclose(d["quotations_per_1000"], [1000 / 3, 1000 / 6])
    assert d["n_terms"].tolist() == [0, 1]
    np.testing.assert_allclose(d["terms_per_1000"], [0, 1000 / 6])
    assert d["n_citations"].tolist() == [1, 0]
    np.testing.assert_allclose(d["citations_per_1000"], [1000 / 3, 0])
    # shares by kind add up to the quoted share
    np.testing.assert_allclose(d["quotation_share"] + d["term_share"] + d["title_share"], d["quoted_share"])


def test_density_whole_text_and_include_citations():
    d = density(by=None)
    assert list(d.columns) == DENSITY_MEASURES and len(d) == 1
    assert d.loc[0, "n_words"] == 9 and d.loc[0, "n_quoted"] == 5
    assert d.loc[0, "n_quotations"] == 2 and d.loc[0, "n_terms"] == 1 and d.loc[0, "n_citations"] == 1
    assert density(by=None, include_citations=True).loc[0, "n_words"] == 10  # S counts now


def test_density_by_paragraph_alias_and_columns():
    d = density(by="paragraph")
    assert d["para_id"].tolist() == [0, 1]
    assert d["n_words"].tolist() == [3, 6]
    assert d["para_id"].dtype == np.int64


def test_density_by_speaker_uses_whole_text_denominator():
    d = density(by="speaker")
    # X: q0; Y: q2+q3 (one quotation); missing: the term q1 -- last
    assert d["speaker"].tolist()[:2] == ["X", "Y"] and pd.isna(d["speaker"].iloc[2])
    assert d["n_words"].tolist() == [9, 9, 9]
    assert d["n_quoted"].tolist() == [2, 2, 1]
    assert d["n_quotations"].tolist() == [1, 1, 0]
    assert d["n_terms"].tolist() == [0, 0, 1]
    assert d["n_citations"].tolist() == [1, 0, 0]  # linked through citation_id
    np.testing.assert_allclose(d["quoted_share"], [2 / 9, 2 / 9, 1 / 9])


def test_density_period_by_speaker():
    d = density(by=["period", "speaker"])
    assert d["period"].astype(str).tolist() == ["p1", "p2", "p2"]
    assert d["speaker"].tolist()[:2] == ["X", "Y"] and pd.isna(d["speaker"].iloc[2])
    assert d["n_words"].tolist() == [3, 6, 6]
    assert d["n_quoted"].tolist() == [2, 2, 1]


def test_density_accepts_mapping_and_document():
    tokens, quotations, citations = tiny_frames()
    d1 = quotation_density({"tokens": tokens, "quotations": quotations, "citations": citations})
    pd.testing.assert_frame_equal(d1, density())

    class Doc:  # duck-typed Document
        pass

    doc = Doc()
    doc.tokens, doc.quotations, doc.citations = tokens, quotations, citations
    pd.testing.assert_frame_equal(quotation_density(doc), density())


def test_density_subsetting_tokens_subsets_everything():
    tokens, quotations, citations = tiny_frames()
    d = quotation_density(tokens[tokens["period"] == "p2"], by=None, quotations=quotations, citations=citations)
    assert d.loc[0, "n_words"] == 6 and d.loc[0, "n_quotations"] == 1 and d.loc[0, "n_citations"] == 0


def test_density_empty_tokens():
    tokens, quotations, citations = tiny_frames()
    d = quotation_density(tokens.iloc[:0], quotations=quotations, citations=citations)
    assert list(d.columns) == ["period", *DENSITY_MEASURES]
    assert len(d) == 0
    assert d["n_words"].dtype == np.int64 and d["quoted_share"].dtype == np.float64


def test_density_does_not_mutate_inputs():
    frames = tiny_frames()
    before = copy.deepcopy(frames)
    quotation_density(frames[0], by=["period", "speaker"], quotations=frames[1], citations=frames[2])
    for a, b in zip(frames, before):
        pd.testing.assert_frame_equal(a, b)


def test_density_errors():
    tokens, quotations, citations = tiny_frames()
    with pytest.raises(InputError, match="quotations=doc.quotations"):
        quotation_density(tokens)
    with pytest.raises(TypeError, match="Document"):
        quotation_density([1, 2])
    with pytest.raises(ColumnError, match="nope"):
        quotation_density(tokens, by="nope", quotations=quotations, citations=citations)
    with pytest.raises(ColumnError, match="assign_periods"):
        quotation_density(tokens.drop(columns="period"), quotations=quotations.drop(columns="period"), citations=citations)
    with pytest.raises(ColumnError, match="in_quote"):
        quotation_density(tokens.drop(columns="in_quote"), quotations=quotations, citations=citations)


# -------------------------------------------------------------- rolling_density
def test_rolling_density_centred_hand_computed():
    tokens, _, _ = tiny_frames()
    r = rolling_density(tokens, window=3)
    assert list(r.columns) == ["doc_id", "position", "token_id", "start", "share", "n_window", "period"]
    # counted words: tokens 0 1 2 6 7 8 9 10 11, quoted q = 0 1 1 1 0 1 1 0 0
    assert r["token_id"].tolist() == [0, 1, 2, 6, 7, 8, 9, 10, 11]
    assert r["position"].tolist() == list(range(9))
    np.testing.assert_allclose(r["share"], [1 / 2, 2 / 3, 1, 2 / 3, 2 / 3, 2 / 3, 2 / 3, 1 / 3, 0])
    assert r["n_window"].tolist() == [2, 3, 3, 3, 3, 3, 3, 3, 2]
    assert r["period"].astype(str).tolist() == ["p1"] * 3 + ["p2"] * 6


def test_rolling_density_trailing_step_and_kinds():
    tokens, quotations, _ = tiny_frames()
    r = rolling_density(tokens, window=3, center=False)
    np.testing.assert_allclose(r["share"], [0, 1 / 2, 2 / 3, 1, 2 / 3, 2 / 3, 2 / 3, 2 / 3, 1 / 3])
    r2 = rolling_density(tokens, window=3, step=4)
    assert r2["position"].tolist() == [0, 4, 8]
    r3 = rolling_density(tokens, window=1, kinds=["term"], quotations=quotations)
    assert r3["share"].tolist() == [0, 0, 0, 1, 0, 0, 0, 0, 0]  # only D (position 3)
    with pytest.raises(InputError, match="quotations"):
        rolling_density(tokens, kinds=["term"])
    with pytest.raises(TypeError, match="single string"):
        rolling_density(tokens, kinds="term", quotations=quotations)
    with pytest.raises(InputError, match="window"):
        rolling_density(tokens, window=0)


def test_rolling_density_empty_and_pure():
    tokens, _, _ = tiny_frames()
    before = tokens.copy(deep=True)
    r = rolling_density(tokens.iloc[:0])
    assert len(r) == 0 and list(r.columns) == ["doc_id", "position", "token_id", "start", "share", "n_window", "period"]
    rolling_density(tokens, window=4)
    pd.testing.assert_frame_equal(tokens, before)


# ------------------------------------------------------------ speaker_by_period
def speaker_quotes():
    _, q, _ = tiny_frames()
    extra = q.iloc[[0]].assign(quote_id=4, group_id=4, speaker=pd.Series([None], dtype="str"), n_tokens=5)
    return pd.concat([q, extra], ignore_index=True)


def test_speaker_by_period_hand_computed():
    q = speaker_quotes()
    s = speaker_by_period(q)
    assert list(s.columns) == ["speaker", "period", "n_quotations", "n_parts", "n_tokens"]
    # X and Y tie on 1 quotation and 2 tokens -> by name; unattributed last; every period listed
    assert s["speaker"].tolist() == ["X"] * 3 + ["Y"] * 3 + ["(unattributed)"] * 3
    assert s["period"].astype(str).tolist() == ["p1", "p2", "p3"] * 3
    assert s["period"].dtype == PERIODS
    assert s["n_quotations"].tolist() == [1, 0, 0, 0, 1, 0, 1, 0, 0]
    assert s["n_parts"].tolist() == [1, 0, 0, 0, 2, 0, 1, 0, 0]
    assert s["n_tokens"].tolist() == [2, 0, 0, 0, 2, 0, 5, 0, 0]
    s2 = speaker_by_period(q, missing=None, kinds=None)
    assert s2["speaker"].unique().tolist() == ["X", "Y"]  # the term has no speaker and is dropped


def test_speaker_period_matrix():
    w = speaker_period_matrix(speaker_by_period(speaker_quotes()), values="n_tokens")
    assert list(w.columns) == ["speaker", "p1", "p2", "p3"]
    assert w["speaker"].tolist() == ["X", "Y", "(unattributed)"]
    assert w["p1"].tolist() == [2, 0, 5] and w["p2"].tolist() == [0, 2, 0]


def test_speaker_by_period_empty_errors_and_purity():
    q = speaker_quotes()
    before = q.copy(deep=True)
    s = speaker_by_period(q.iloc[:0])
    assert len(s) == 0 and list(s.columns) == ["speaker", "period", "n_quotations", "n_parts", "n_tokens"]
    pd.testing.assert_frame_equal(q, before)
    with pytest.raises(ColumnError, match="assign_periods"):
        speaker_by_period(q.drop(columns="period"))
    with pytest.raises(TypeError):
        speaker_by_period("quotes")


# -------------------------------------------------------------------- chapter
@pytest.fixture(scope="module")
def chapter():
    import textmine as tm

    doc = tm.load(DATA / "north-1989-soviet-foreign-policy.txt")
    try:
        doc.quotations  # the quotation and citation modules
        from textmine.periods import assign_periods

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return assign_periods(doc, DATA / "periods.csv")
    except ImportError:
        pytest.skip("quotations or periods not available yet")


def test_chapter_density_is_consistent_and_fast(chapter):
    t = time.perf_counter()
    d = quotation_density(chapter, by="period")
    r = rolling_density(chapter.tokens, window=200)
    s = speaker_by_period(chapter)
    elapsed = time.perf_counter() - t
    assert elapsed < 1.0
    total = quotation_density(chapter, by=None)
    # groups partition the text: counts add up to the whole
    for col in ("n_words", "n_quoted", "n_citations"):
        assert d[col].sum() == total.loc[0, col]
    assert 0 < total.loc[0, "quoted_share"] < 1
    np.testing.assert_allclose(r["share"].mean(), total.loc[0, "quoted_share"], atol=0.05)
    assert s["n_quotations"].sum() == chapter.quotations.query("kind == 'quotation'")["group_id"].nunique()
