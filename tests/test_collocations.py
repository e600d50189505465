"""N-grams and collocations: sentence boundaries, barriers, hand-computed measures."""

from __future__ import annotations

import copy
import math

import numpy as np
import pandas as pd
import pytest

import textmine as tm
from textmine.collocations import collocations, ngrams
from textmine.errors import ColumnError, InputError


def frame(sentences, *, kinds=None, quoted=(), cited=(), period=None) -> pd.DataFrame:
    """Token frame from lists of tokens per sentence (one paragraph per sentence).

    ``quoted``/``cited`` are global token indices; ``kinds`` defaults to
    punct for non-alphanumeric tokens, else word.
    """
    toks, sent, starts, pos = [], [], [], 0
    for si, s in enumerate(sentences):
        for t in s:
            toks.append(t)
            sent.append(si)
            starts.append(pos)
            pos += len(t) + 1
    n = len(toks)
    tok = pd.Series(toks, dtype="str")
    kinds = kinds or ["word" if t[0].isalnum() else "punct" for t in toks]
    out = pd.DataFrame({
        "doc_id": pd.Series(["d"] * n, dtype="str"),
        "token_id": np.arange(n, dtype=np.int64),
        "para_id": np.array(sent, dtype=np.int64),
        "sent_id": np.array(sent, dtype=np.int64),
        "start": np.array(starts, dtype=np.int64),
        "end": np.array(starts, dtype=np.int64) + tok.str.len().to_numpy(),
        "token": tok,
        "norm": tok.str.lower(),
        "kind": pd.Categorical(kinds, categories=["word", "number", "punct"]),
        "in_quote": np.isin(np.arange(n), list(quoted)),
        "in_citation": np.isin(np.arange(n), list(cited)),
    })
    if period is not None:
        out["period"] = pd.Categorical(period, categories=list(dict.fromkeys(period)), ordered=True)
    return out


# ---------------------------------------------------------------- ngrams
def test_ngrams_never_cross_sentence_boundaries():
    tokens = frame([["x", "y"], ["z", "w"]])  # token_ids 0..3 are consecutive
    out = ngrams(tokens, n=2)
    assert out["ngram"].tolist() == ["x y", "z w"]  # no "y z"
    assert ngrams(tokens, n=3).empty


def test_ngrams_punctuation_and_citations_are_barriers():
    tokens = frame([["war", ",", "peace", "and", "bread", "(", "Ibid", ")"]], cited=[5, 6, 7])
    assert set(ngrams(tokens)["ngram"]) == {"peace and", "and bread"}
    with_punct = ngrams(tokens, include_punct=True)
    assert {"war ,", ", peace"} <= set(with_punct["ngram"]) and "bread (" not in set(with_punct["ngram"])
    assert "bread (" in set(ngrams(tokens, include_punct=True, include_citations=True)["ngram"])


def test_ngrams_counts_sorted_and_grouped():
    tokens = frame([["a", "b", "a", "b"], ["a", "b", "c"]], period=["p", "p", "p", "p", "q", "q", "q"])
    out = ngrams(tokens)
    assert out[["ngram", "n"]].values.tolist() == [["a b", 3], ["b a", 1], ["b c", 1]]
    by = ngrams(tokens, by="period")
    assert by[["period", "ngram", "n"]].values.tolist() == [["p", "a b", 2], ["p", "b a", 1], ["q", "a b", 1], ["q", "b c", 1]]
    assert ngrams(tokens, min_count=2)["ngram"].tolist() == ["a b"]
    assert ngrams(tokens, n=1)["ngram"].tolist() == ["a", "b", "c"]


def test_ngrams_stop_words_and_voice():
    tokens = frame([["the", "red", "army", "and", "the", "people"]], quoted=[1, 2])
    assert ngrams(tokens, stop_words=["the", "and"])["ngram"].tolist() == ["red army"]
    assert ngrams(tokens, voice="quoted")["ngram"].tolist() == ["red army"]
    author = set(ngrams(tokens, voice="author")["ngram"])
    assert author == {"and the", "the people"}  # "the red" and "army and" straddle the quotation


def test_ngram_occurrences_have_offsets():
    doc = tm.parse("The foreign policy of the Soviet state. Foreign policy, again.")
    occ = ngrams(doc.tokens, n=2, count=False)
    assert list(occ.columns[:6]) == ["doc_id", "para_id", "sent_id", "token_id", "start", "end"]
    for s, e, g in occ[["start", "end", "ngram"]].itertuples(index=False):
        assert doc.text[s:e].lower() == g
    assert "policy again" not in set(occ["ngram"])


def test_ngrams_errors_empty_and_pure():
    tokens = frame([["a", "b"]])
    with pytest.raises(ColumnError, match="sent_id"):
        ngrams(tokens.drop(columns="sent_id"))
    with pytest.raises(InputError, match="n must be at least 1"):
        ngrams(tokens, n=0)
    with pytest.raises(TypeError, match="doc.tokens"):
        ngrams("a b")
    empty = ngrams(tokens.iloc[0:0], by="doc_id")
    assert empty.empty and list(empty.columns) == ["doc_id", "ngram", "n"]
    before = copy.deepcopy(tokens)
    ngrams(tokens, by="voice", stop_words=None)
    pd.testing.assert_frame_equal(tokens, before)


# ---------------------------------------------------------- collocations
def test_collocations_hand_computed():
    out = collocations(frame([["a", "b", "a", "b", "c"]])).set_index("collocation")
    # pairs: (a,b) (b,a) (a,b) (b,c); N = 4
    ab = out.loc["a b"]
    # O11 = 2, R1 = 2, C1 = 2, E11 = 2*2/4 = 1
    assert (ab["n"], ab["n_w1"], ab["n_w2"], ab["n_pairs"]) == (2, 2, 2, 4)
    assert ab["expected"] == pytest.approx(1.0)
    assert ab["pmi"] == pytest.approx(1.0)                 # log2(2/1)
    assert ab["t_score"] == pytest.approx(1 / math.sqrt(2))  # (2-1)/sqrt(2)
    assert ab["g2"] == pytest.approx(8 * math.log(2))        # O = [[2,0],[0,2]], E = 1 everywhere
    ba = out.loc["b a"]
    # O11 = 1, R1 = 2, C1 = 1, E11 = 0.5; O = [1, 1, 0, 2], E = [.5, 1.5, .5, 1.5]
    assert ba["pmi"] == pytest.approx(1.0)
    assert ba["t_score"] == pytest.approx(0.5)
    assert ba["g2"] == pytest.approx(2 * (math.log(2) + math.log(1 / 1.5) + 2 * math.log(2 / 1.5)))
    assert out.index.tolist()[0] == "a b"  # sorted by g2


def test_collocations_g2_matches_scipy_and_is_signed():
    from scipy.stats import chi2_contingency

    tokens = frame([["a", "b", "c", "a", "b", "d", "c", "d", "a", "c", "b", "a"]])
    out = collocations(tokens, window=2)
    for r in out.itertuples(index=False):
        table = np.array([[r.n, r.n_w1 - r.n], [r.n_w2 - r.n, r.n_pairs - r.n_w1 - r.n_w2 + r.n]])
        g2, p, _, _ = chi2_contingency(table, correction=False, lambda_="log-likelihood")
        assert abs(r.g2) == pytest.approx(g2, abs=1e-9)
        assert r.p_g2 == pytest.approx(p, abs=1e-9)
        assert (r.g2 < 0) == (r.n < r.expected)


def test_collocations_window_and_barriers():
    tokens = frame([["war", ",", "peace", "now"], ["then", "war"]])
    w1 = collocations(tokens)
    # the comma separates "war" and "peace"; the sentence boundary separates "now" and "then"
    assert set(w1["collocation"]) == {"peace now", "then war"}
    w2 = set(collocations(tokens, window=2)["collocation"])
    assert w2 == {"war peace", "peace now", "then war"}  # distance counted in tokens: war→peace is 2
    w3 = set(collocations(tokens, window=3)["collocation"])
    assert w3 == {"war peace", "war now", "peace now", "then war"}


def test_collocations_min_count_filters_after_measures_and_groups():
    tokens = frame([["a", "b", "a", "b", "c"], ["a", "b"]], period=["p"] * 5 + ["q"] * 2)
    full = collocations(tokens).set_index("collocation")
    kept = collocations(tokens, min_count=3).set_index("collocation")
    assert kept.index.tolist() == ["a b"]
    assert kept.loc["a b", "g2"] == pytest.approx(full.loc["a b", "g2"])  # same table
    by = collocations(tokens, by="period")
    assert by.loc[by.period == "q", ["collocation", "n", "n_pairs"]].values.tolist() == [["a b", 1, 1]]
    assert collocations(tokens, sort_by="pmi")["pmi"].is_monotonic_decreasing


def test_collocations_errors_empty_and_pure():
    tokens = frame([["a", "b"]])
    with pytest.raises(InputError, match="sort_by"):
        collocations(tokens, sort_by="G2")
    with pytest.raises(InputError, match="window"):
        collocations(tokens, window=0)
    empty = collocations(frame([["a", "."]]))
    assert empty.empty and list(empty.columns)[:3] == ["w1", "w2", "collocation"]
    before = copy.deepcopy(tokens)
    collocations(tokens, by="voice", stop_words=None, window=2)
    pd.testing.assert_frame_equal(tokens, before)


def test_collocations_on_the_chapter(chapter):
    out = collocations(chapter.tokens, stop_words=None, min_count=3)
    assert len(out) > 10
    assert (out["n"] >= 3).all()
    # every pair is a real adjacent pair of the text
    occ = ngrams(chapter.tokens, n=2, count=False)
    assert set(out["collocation"]) <= set(occ["ngram"])
