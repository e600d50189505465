"""Term statistics: term_counts, tf_idf, keyness, log_odds.

Expected values are computed by hand (arithmetic written out in comments)
or by an independent oracle (scikit-learn, scipy.stats).
"""

from __future__ import annotations

import copy
import math
import warnings

import numpy as np
import pandas as pd
import pytest

import textmine as tm
from textmine.errors import ColumnError, InputError
from textmine.terms import keyness, log_odds, term_counts, tf_idf, with_voice

PERIODS = ["war_years", "after"]  # chronological, deliberately not alphabetical

# token, kind, period, in_quote, in_citation, sent_id, para_id
ROWS = [
    ("The", "word", "war_years", False, False, 0, 0),
    ("war", "word", "war_years", False, False, 0, 0),
    ("and", "word", "war_years", False, False, 0, 0),
    ("the", "word", "war_years", False, False, 0, 0),
    ("peace", "word", "war_years", True, False, 0, 0),
    (",", "punct", "war_years", True, False, 0, 0),
    ("war", "word", "war_years", True, False, 0, 0),
    (".", "punct", "war_years", False, False, 0, 0),
    ("Peace", "word", "after", False, False, 1, 1),
    ("now", "word", "after", True, False, 1, 1),
    ("!", "punct", "after", False, False, 1, 1),
    ("peace", "word", "after", False, False, 2, 1),
    ("1917", "number", "after", False, False, 2, 1),
    ("(", "punct", "after", False, True, 2, 1),
    ("Ibid", "word", "after", False, True, 2, 1),
    (".", "punct", "after", False, True, 2, 1),
    (")", "punct", "after", False, True, 2, 1),
]


def make_tokens(rows=ROWS) -> pd.DataFrame:
    """A token frame with the columns of doc.tokens plus period."""
    starts, pos = [], 0
    for r in rows:
        starts.append(pos)
        pos += len(r[0]) + 1
    tok = pd.Series([r[0] for r in rows], dtype="str")
    return pd.DataFrame({
        "doc_id": pd.Series(["toy"] * len(rows), dtype="str"),
        "token_id": np.arange(len(rows), dtype=np.int64),
        "para_id": np.array([r[6] for r in rows], dtype=np.int64),
        "sent_id": np.array([r[5] for r in rows], dtype=np.int64),
        "start": np.array(starts, dtype=np.int64),
        "end": np.array(starts, dtype=np.int64) + tok.str.len().to_numpy(),
        "token": tok,
        "norm": tok.str.lower(),
        "kind": pd.Categorical([r[1] for r in rows], categories=["word", "number", "punct"]),
        "is_stop": False,
        "in_quote": np.array([r[3] for r in rows], dtype=bool),
        "quote_id": pd.array([0 if r[3] else None for r in rows], dtype="Int64"),
        "in_citation": np.array([r[4] for r in rows], dtype=bool),
        "period": pd.Categorical([r[2] for r in rows], categories=PERIODS, ordered=True),
    })


def rows_of(frame: pd.DataFrame, cols: list[str]) -> list[tuple]:
    return [tuple(r) for r in frame[cols].itertuples(index=False)]


# ----------------------------------------------------------- term_counts
def test_term_counts_by_period_hand_counted():
    out = term_counts(make_tokens(), by="period")
    assert list(out.columns) == ["period", "term", "n", "n_total", "per_1000"]
    # war_years words: The war and the peace war (6; punctuation out)
    # after words: Peace now peace 1917 (4; the citation "(Ibid.)" out)
    assert rows_of(out, ["period", "term", "n", "n_total"]) == [
        ("war_years", "the", 2, 6), ("war_years", "war", 2, 6),
        ("war_years", "and", 1, 6), ("war_years", "peace", 1, 6),
        ("after", "peace", 2, 4), ("after", "1917", 1, 4), ("after", "now", 1, 4),
    ]
    assert out["per_1000"].iloc[0] == pytest.approx(1000 * 2 / 6)
    assert out["per_1000"].iloc[4] == pytest.approx(500.0)
    assert isinstance(out["period"].dtype, pd.CategoricalDtype)  # chronological order kept
    assert out["n"].dtype == np.int64 and out["n_total"].dtype == np.int64
    assert str(out["term"].dtype) == "str"
    assert isinstance(out.index, pd.RangeIndex)


def test_term_counts_without_groups_and_term_column():
    out = term_counts(make_tokens(), term="token")
    # case kept: "The"/"the", "Peace"/"peace" are different terms
    assert dict(zip(out["term"], out["n"])) == {"war": 2, "the": 1, "The": 1, "and": 1, "peace": 2, "Peace": 1, "now": 1, "1917": 1}
    assert set(out["n_total"]) == {10}
    assert list(out.columns) == ["term", "n", "n_total", "per_1000"]


def test_term_counts_voice():
    author = term_counts(make_tokens(), by="period", voice="author")
    quoted = term_counts(make_tokens(), by="period", voice="quoted")
    # author, war_years: The war and the (4); quoted: peace war (2)
    assert rows_of(author[author.period == "war_years"], ["term", "n", "n_total"]) == [("the", 2, 4), ("and", 1, 4), ("war", 1, 4)]
    assert rows_of(quoted, ["period", "term", "n", "n_total"]) == [
        ("war_years", "peace", 1, 2), ("war_years", "war", 1, 2), ("after", "now", 1, 1),
    ]


def test_term_counts_derives_a_voice_column():
    out = term_counts(make_tokens(), by="voice")
    assert list(out["voice"].cat.categories) == ["author", "quoted"]
    assert rows_of(out[out.voice == "quoted"], ["term", "n", "n_total"]) == [("now", 1, 3), ("peace", 1, 3), ("war", 1, 3)]


def test_term_counts_stop_words_keep_the_denominator():
    out = term_counts(make_tokens(), by="period", stop_words=["The", "AND"])  # matched case-insensitively
    assert rows_of(out[out.period == "war_years"], ["term", "n", "n_total"]) == [("war", 2, 6), ("peace", 1, 6)]
    default = term_counts(make_tokens(), by="period", stop_words=None)  # ENGLISH_STOP_WORDS
    assert "now" in tm.ENGLISH_STOP_WORDS
    assert set(default["term"]) == {"war", "peace", "1917"}
    assert set(term_counts(make_tokens())["term"]) >= {"the", "and"}  # default keeps stop words


@pytest.mark.parametrize("stops", [{"the", "and"}, ["the", "and"], pd.Series(["the", "and"]), (w for w in ["the", "and"]), frozenset({"the", "and"})])
def test_term_counts_accepts_any_iterable_of_stop_words(stops):
    out = term_counts(make_tokens(), stop_words=stops)
    assert not {"the", "and"} & set(out["term"])


def test_term_counts_refuses_a_single_string_of_stop_words():
    with pytest.raises(TypeError, match=r"single string.*\['the'\]"):
        term_counts(make_tokens(), stop_words="the")


def test_term_counts_filters():
    tokens = make_tokens()
    cit = term_counts(tokens, by="period", include_citations=True)
    assert ("after", "ibid", 1, 5) in rows_of(cit, ["period", "term", "n", "n_total"])
    punct = term_counts(tokens, include_punct=True)
    assert dict(zip(punct["term"], punct["n"]))["."] == 1  # the citation's "." stays out
    nonum = term_counts(tokens, by="period", include_numbers=False)
    assert "1917" not in set(nonum["term"]) and set(nonum.loc[nonum.period == "after", "n_total"]) == {3}
    mc = term_counts(tokens, by="period", min_count=2)
    assert rows_of(mc, ["period", "term", "n"]) == [("war_years", "the", 2), ("war_years", "war", 2), ("after", "peace", 2)]


def test_term_counts_empty_input_gives_typed_empty_frame():
    out = term_counts(make_tokens().iloc[0:0], by="period")
    assert out.empty and list(out.columns) == ["period", "term", "n", "n_total", "per_1000"]
    assert out["n"].dtype == np.int64 and out["per_1000"].dtype == np.float64
    only_punct = term_counts(make_tokens().iloc[[5, 7]])
    assert only_punct.empty and list(only_punct.columns) == ["term", "n", "n_total", "per_1000"]


def test_term_counts_does_not_mutate_input():
    tokens = make_tokens()
    before = copy.deepcopy(tokens)
    term_counts(tokens, by=["period", "voice"], stop_words=None, voice="author")
    pd.testing.assert_frame_equal(tokens, before)


def test_term_counts_warns_about_missing_group_values():
    tokens = make_tokens()
    tokens["period"] = tokens["period"].astype("object")
    tokens.loc[0, "period"] = None
    with pytest.warns(UserWarning, match="1 token"):
        out = term_counts(tokens, by="period")
    assert out.loc[out.period == "war_years", "n_total"].iloc[0] == 5


def test_term_counts_errors_name_the_fix():
    tokens = make_tokens()
    with pytest.raises(TypeError, match="doc.tokens"):
        term_counts(tokens.to_dict())
    with pytest.raises(ColumnError, match="did you mean 'period'"):
        term_counts(tokens, by="perod")
    with pytest.raises(ColumnError, match="include_citations=True"):
        term_counts(tokens.drop(columns="in_citation"))
    with pytest.raises(InputError, match="voice must be one of"):
        term_counts(tokens, voice="quote")
    with pytest.raises(InputError, match="min_count"):
        term_counts(tokens, min_count=0)


def test_term_counts_on_the_chapter(chapter):
    tokens = chapter.tokens
    out = term_counts(tokens)
    words = ((tokens["kind"] != "punct") & ~tokens["in_citation"]).sum()
    assert out["n"].sum() == words
    assert set(out["n_total"]) == {words}
    # sorted: n descending, then term
    assert out["n"].is_monotonic_decreasing
    first = out.loc[out["n"] == out["n"].iloc[-1], "term"].tolist()
    assert first == sorted(first)


def test_count_terms_is_a_deprecated_alias_of_term_counts():
    from textmine.terms import count_terms

    tokens = make_tokens()
    with pytest.warns(DeprecationWarning, match=r"textmine\.count_terms is deprecated.*use textmine\.term_counts"):
        old = tm.count_terms(tokens, by="period")
    pd.testing.assert_frame_equal(old, term_counts(tokens, by="period"))
    assert count_terms is tm.count_terms and tm.term_counts is term_counts
    assert count_terms.__name__ == "count_terms" and "term_counts" in count_terms.__doc__


# ---------------------------------------------------------------- tf_idf
def toy_counts() -> pd.DataFrame:
    return pd.DataFrame({
        "doc_id": pd.Series(["d1", "d1", "d2", "d2"], dtype="str"),
        "term": pd.Series(["a", "b", "a", "c"], dtype="str"),
        "n": np.array([2, 1, 1, 3], dtype=np.int64),
    })


def test_tf_idf_hand_computed():
    out = tf_idf(toy_counts())
    got = {(d, t): (tf, idf, x) for d, t, tf, idf, x in out[["doc_id", "term", "tf", "idf", "tf_idf"]].itertuples(index=False)}
    ln2 = math.log(2)
    # N = 2; df(a) = 2 → idf 0; df(b) = df(c) = 1 → idf ln 2
    assert got[("d1", "a")] == pytest.approx((2 / 3, 0.0, 0.0))
    assert got[("d1", "b")] == pytest.approx((1 / 3, ln2, ln2 / 3))
    assert got[("d2", "c")] == pytest.approx((3 / 4, ln2, 0.75 * ln2))
    # order: document, then tf_idf descending, then term
    assert rows_of(out, ["doc_id", "term"]) == [("d1", "b"), ("d1", "a"), ("d2", "c"), ("d2", "a")]


def test_tf_idf_smooth_and_sublinear():
    sm = tf_idf(toy_counts(), smooth=True).set_index(["doc_id", "term"])
    assert sm.loc[("d1", "b"), "idf"] == pytest.approx(math.log(3 / 2))  # ln((1+N)/(1+df))
    assert sm.loc[("d1", "a"), "idf"] == pytest.approx(0.0)
    sub = tf_idf(toy_counts(), sublinear=True).set_index(["doc_id", "term"])
    assert sub.loc[("d2", "c"), "tf"] == pytest.approx(1 + math.log(3))


def test_tf_idf_on_groups_of_several_columns():
    counts = toy_counts().assign(part=["x", "y", "x", "x"])
    out = tf_idf(counts, document=["doc_id", "part"])
    # three documents: (d1,x) a2; (d1,y) b1; (d2,x) a1 c3 → df(a) = 2, idf(a) = ln(3/2)
    assert out.set_index(["doc_id", "part", "term"]).loc[("d2", "x", "a"), "idf"] == pytest.approx(math.log(1.5))


@pytest.mark.parametrize("smooth", [True, False])
def test_tf_idf_agrees_with_scikit_learn(smooth):
    from sklearn.feature_extraction.text import TfidfTransformer

    rng = np.random.default_rng(0)
    X = rng.integers(0, 4, size=(5, 7))
    X[:, 0] = np.maximum(X[:, 0], 1)  # a term in every document
    docs = [f"d{i}" for i in range(5)]
    terms = [f"t{j}" for j in range(7)]
    counts = pd.DataFrame([(d, t, int(X[i, j])) for i, d in enumerate(docs) for j, t in enumerate(terms) if X[i, j] > 0],
                          columns=["doc_id", "term", "n"])
    ours = tf_idf(counts, smooth=smooth)
    sk = TfidfTransformer(smooth_idf=smooth, norm=None).fit(X)
    idf = ours.drop_duplicates("term").set_index("term")["idf"].reindex(terms).to_numpy()
    # scikit-learn adds 1 to every idf
    np.testing.assert_allclose(sk.idf_, idf + 1.0)
    # its unnormalised value is the raw count times (idf + 1); with norm="l2" each row has unit length
    dense = sk.transform(X).toarray()
    mine = np.zeros_like(dense)
    for d, t, n, i in ours[["doc_id", "term", "n", "idf"]].itertuples(index=False):
        mine[docs.index(d), terms.index(t)] = n * (i + 1.0)
    np.testing.assert_allclose(dense, mine)
    l2 = TfidfTransformer(smooth_idf=smooth, norm="l2").fit_transform(X).toarray()
    np.testing.assert_allclose(l2, mine / np.linalg.norm(mine, axis=1, keepdims=True))


def test_tf_idf_checks_one_row_per_document_term_up_front():
    counts = pd.concat([toy_counts(), toy_counts().iloc[[0]]], ignore_index=True)
    with pytest.raises(InputError, match="one row per document–term pair.*groupby"):
        tf_idf(counts)
    with pytest.raises(InputError, match="non-negative"):
        tf_idf(toy_counts().assign(n=[1, -1, 1, 1]))
    with pytest.raises(ColumnError, match="document="):
        tf_idf(toy_counts(), document="period")
    with pytest.raises(TypeError, match="counts"):
        tf_idf(toy_counts(), n="term")


def test_tf_idf_empty_and_pure():
    empty = tf_idf(toy_counts().iloc[0:0])
    assert empty.empty and list(empty.columns) == ["doc_id", "term", "n", "tf", "idf", "tf_idf"]
    counts = toy_counts()
    before = copy.deepcopy(counts)
    tf_idf(counts, smooth=True)
    pd.testing.assert_frame_equal(counts, before)


# --------------------------------------------------------------- keyness
def table_counts(a=10, b=5, n_t=100, n_r=200) -> pd.DataFrame:
    """One term 'x' with a in group T (size n_t) and b in R (size n_r), plus a filler term."""
    return pd.DataFrame({
        "g": ["T", "T", "R", "R"],
        "term": ["x", "filler", "x", "filler"],
        "n": [a, n_t - a, b, n_r - b],
    })


def test_keyness_hand_computed():
    out = keyness(table_counts(), group="g", target="T").set_index("term")
    x = out.loc["x"]
    # O = [10, 5, 90, 195]; E = [5, 10, 95, 190]
    # G2 = 2(10 ln 2 + 5 ln .5 + 90 ln(90/95) + 195 ln(195/190)) = 7.32981
    assert x["g2"] == pytest.approx(7.329811674221491)
    # X2 = 25/5 + 25/10 + 25/95 + 25/190 = 7.89474
    assert x["chi2"] == pytest.approx(7.894736842105264)
    assert x["log_ratio"] == pytest.approx(2.0)  # log2((10/100) / (5/200))
    assert (x["n_target"], x["n_reference"], x["n_total_target"], x["n_total_reference"]) == (10, 5, 100, 200)
    assert x["per_1000_target"] == pytest.approx(100.0) and x["per_1000_reference"] == pytest.approx(25.0)
    assert x["p_g2"] == pytest.approx(math.erfc(math.sqrt(7.329811674221491 / 2)))
    # the filler is relatively rarer in T: negative
    assert out.loc["filler", "g2"] < 0 and out.loc["filler", "chi2"] < 0
    assert out.loc["filler", "g2"] == pytest.approx(-7.329811674221491)
    yates = keyness(table_counts(), group="g", target="T", yates=True).set_index("term")
    assert yates.loc["x", "chi2"] == pytest.approx(6.394736842105262)  # Σ(|O-E| - 0.5)² / E


def test_keyness_matches_scipy():
    from scipy.stats import chi2 as chi2_dist
    from scipy.stats import chi2_contingency

    counts = term_counts(make_tokens(), by="period")
    counts = pd.concat([counts, pd.DataFrame({"period": pd.Categorical(["after"], categories=PERIODS, ordered=True),
                                              "term": ["the"], "n": [1], "n_total": [4], "per_1000": [250.0]})], ignore_index=True)
    counts["n_total"] = np.where(counts["period"] == "after", 8, 6)
    for yates in (False, True):
        out = keyness(counts, group="period", target="war_years", yates=yates)
        assert len(out) == 6
        for r in out.itertuples(index=False):
            table = np.array([[r.n_target, r.n_reference], [r.n_total_target - r.n_target, r.n_total_reference - r.n_reference]])
            g2, p, _, _ = chi2_contingency(table, correction=False, lambda_="log-likelihood")
            x2, px, _, _ = chi2_contingency(table, correction=yates)
            assert abs(r.g2) == pytest.approx(g2, abs=1e-12)
            assert r.p_g2 == pytest.approx(p, abs=1e-12)
            assert abs(r.chi2) == pytest.approx(x2, abs=1e-12)
            assert r.p_chi2 == pytest.approx(px, abs=1e-12)
            assert r.p_g2 == pytest.approx(chi2_dist.sf(abs(r.g2), 1), abs=1e-12)


def test_keyness_zero_correction_and_ties():
    counts = pd.DataFrame({"g": ["T", "T", "T", "R", "R"], "term": ["b", "a", "c", "c", "d"], "n": [2, 2, 6, 10, 10]})
    out = keyness(counts, group="g", target="T")
    # a and b tie exactly: ordered by term
    assert out["term"].tolist()[:2] == ["a", "b"]
    a = out.set_index("term").loc["a"]
    assert a["log_ratio"] == pytest.approx(math.log2((2 / 10) / (0.5 / 20)))  # zero → 0.5
    d = out.set_index("term").loc["d"]
    assert d["log_ratio"] == pytest.approx(math.log2((0.5 / 10) / (10 / 20)))
    assert keyness(counts, group="g", target="T", zero=1.0).set_index("term").loc["a", "log_ratio"] == pytest.approx(math.log2(0.2 / 0.05))


def test_keyness_each_group_against_the_rest_and_pairs():
    counts = pd.DataFrame({
        "g": pd.Categorical(["c", "c", "a", "a", "b"], categories=["c", "a", "b"], ordered=True),
        "term": ["x", "y", "x", "z", "z"],
        "n": [3, 1, 1, 4, 5],
    })
    every = keyness(counts, group="g")
    assert every["target"].unique().tolist() == ["c", "a", "b"]  # category order
    assert set(every["reference"]) == {"rest"}
    rest_c = every[every.target == "c"].set_index("term")
    # reference for c = a + b: x 1, z 9, total 10
    assert (rest_c.loc["x", "n_reference"], rest_c.loc["z", "n_reference"], rest_c.loc["x", "n_total_reference"]) == (1, 9, 10)
    pair = keyness(counts, group="g", target="c", reference="a")
    assert set(pair["term"]) == {"x", "y", "z"} and pair["reference"].iloc[0] == "a"
    both = keyness(counts, group="g", target=["a", "b"], reference="c")
    assert both["target"].iloc[0] == "a+b"
    assert both.set_index("term").loc["z", "n_target"] == 9


def test_keyness_uses_n_total_so_stop_word_removal_keeps_corpus_size():
    with_stops = term_counts(make_tokens(), by="period")
    without = term_counts(make_tokens(), by="period", stop_words=["the", "and"])
    a = keyness(with_stops, group="period", target="war_years").set_index("term")
    b = keyness(without, group="period", target="war_years").set_index("term")
    assert b.loc["war", "n_total_target"] == 6
    assert b.loc["war", "g2"] == pytest.approx(a.loc["war", "g2"])
    summed = keyness(without.drop(columns="n_total"), group="period", target="war_years")
    assert summed["n_total_target"].iloc[0] == 3  # war 2 + peace 1


def test_keyness_author_against_quoted_voice():
    counts = term_counts(make_tokens(), by="voice")
    out = keyness(counts, group="voice", target="quoted", reference="author")
    assert (out["target"].iloc[0], out["reference"].iloc[0]) == ("quoted", "author")
    now = out.set_index("term").loc["now"]
    assert (now["n_target"], now["n_reference"], now["n_total_target"], now["n_total_reference"]) == (1, 0, 3, 7)
    assert now["g2"] > 0


def test_keyness_min_count_sort_and_errors():
    counts = term_counts(make_tokens(), by="period")
    out = keyness(counts, group="period", target="war_years", min_count=2)
    assert set(out["term"]) == {"the", "war", "peace"}
    lr = keyness(counts, group="period", target="war_years", sort_by="log_ratio")
    assert lr["log_ratio"].is_monotonic_decreasing
    with pytest.raises(InputError, match="Did you mean .after."):
        keyness(counts, group="period", target="aftr")
    with pytest.raises(InputError, match="disjoint"):
        keyness(counts, group="period", target="after", reference=["after"])
    with pytest.raises(InputError, match="one row per group–term pair"):
        keyness(pd.concat([counts, counts.iloc[[0]]]), group="period", target="after")
    with pytest.raises(ColumnError, match="perod"):
        keyness(counts, group="perod", target="after")
    with pytest.raises(InputError, match="sort_by"):
        keyness(counts, group="period", target="after", sort_by="G2")
    with pytest.raises(InputError, match="one value per group"):
        keyness(counts.assign(n_total=range(len(counts))), group="period", target="after")
    with pytest.raises(TypeError, match="term_counts"):
        keyness(make_tokens, group="period")


def test_keyness_empty_and_pure():
    counts = term_counts(make_tokens(), by="period")
    empty = keyness(counts.iloc[0:0], group="period", target="after")
    assert empty.empty and "g2" in empty.columns and "n_target" in empty.columns
    before = copy.deepcopy(counts)
    keyness(counts, group="period")
    pd.testing.assert_frame_equal(counts, before)


# -------------------------------------------------------------- log_odds
def lo_counts() -> pd.DataFrame:
    return pd.DataFrame({"g": ["i", "i", "j", "j"], "term": ["a", "b", "a", "b"], "n": [3, 1, 1, 3]})


def test_log_odds_hand_computed_corpus_prior():
    out = log_odds(lo_counts(), group="g", target="i").set_index("term")
    # corpus prior: α_a = α_b = 4, α_0 = 8; n_i = n_j = 4
    # δ_a = ln((3+4)/(4+8-3-4)) - ln((1+4)/(4+8-1-4)) = ln(7/5) - ln(5/7)
    assert out.loc["a", "alpha"] == pytest.approx(4.0)
    assert out.loc["a", "delta"] == pytest.approx(0.6729444732424258)
    assert out.loc["a", "sigma2"] == pytest.approx(1 / 7 + 1 / 5)
    assert out.loc["a", "zeta"] == pytest.approx(1.1492714809232922)
    assert out.loc["b", "zeta"] == pytest.approx(-1.1492714809232922)
    assert out.loc["a", "p_value"] == pytest.approx(math.erfc(1.1492714809232922 / math.sqrt(2)))
    assert out.index.tolist() == ["a", "b"]  # zeta descending


def test_log_odds_alpha0_rescales_the_prior():
    out = log_odds(lo_counts(), group="g", target="i", alpha0=2).set_index("term")
    # α_a = α_b = 1: δ_a = ln(4/2) - ln(2/4) = 2 ln 2; σ² = 1/4 + 1/2
    assert out.loc["a", "delta"] == pytest.approx(2 * math.log(2))
    assert out.loc["a", "zeta"] == pytest.approx(1.6007548451372582)


@pytest.mark.parametrize("prior", [
    pd.DataFrame({"term": ["a", "b", "zzz"], "n": [30, 10, 60]}),
    pd.Series({"a": 30, "b": 10, "zzz": 60}),
    {"a": 30, "b": 10, "zzz": 60},
])
def test_log_odds_external_prior(prior):
    out = log_odds(lo_counts(), group="g", target="i", prior=prior).set_index("term")
    # over the vocabulary {a, b}: α_a = 30, α_b = 10, α_0 = 40
    # δ_a = ln(33/11) - ln(31/13); δ_b = ln(11/33) - ln(13/31)
    assert out.loc["a", "alpha"] == pytest.approx(30.0)
    assert out.loc["a", "delta"] == pytest.approx(0.22957444164450025)
    assert out.loc["a", "zeta"] == pytest.approx(0.9178492694735552)
    assert out.loc["b", "zeta"] == pytest.approx(-0.5603842680348505)


def test_log_odds_prior_missing_terms_warns_and_floors():
    with pytest.warns(UserWarning, match="missing from the prior"):
        out = log_odds(lo_counts(), group="g", target="i", prior=pd.Series({"a": 30, "c": 5})).set_index("term")
    assert out.loc["b", "alpha"] / out.loc["a", "alpha"] == pytest.approx(5 / 30)


def test_log_odds_each_group_against_rest_and_errors():
    counts = pd.DataFrame({"g": ["i", "i", "j", "k"], "term": ["a", "b", "a", "b"], "n": [3, 1, 1, 3]})
    out = log_odds(counts, group="g")
    assert out["target"].unique().tolist() == ["i", "j", "k"]
    uni = log_odds(lo_counts(), group="g", target="i", prior="uniform", alpha0=2).set_index("term")
    assert uni.loc["a", "zeta"] == pytest.approx(1.6007548451372582)  # uniform with α_0 = 2 is α_w = 1 here
    with pytest.raises(InputError, match="prior must be"):
        log_odds(lo_counts(), group="g", target="i", prior="background")
    with pytest.raises(InputError, match="alpha0"):
        log_odds(lo_counts(), group="g", target="i", alpha0=0)
    empty = log_odds(lo_counts().iloc[0:0], group="g", target="i")
    assert empty.empty and list(empty.columns)[:3] == ["target", "reference", "term"]
    counts = lo_counts()
    before = copy.deepcopy(counts)
    log_odds(counts, group="g", target="i")
    pd.testing.assert_frame_equal(counts, before)


def test_chapter_term_statistics_smoke(chapter):
    tokens = chapter.tokens
    tokens["part"] = pd.cut(tokens["para_id"], 3, labels=["first", "middle", "last"])  # stand-in groups
    counts = term_counts(tokens, by="part")
    key = keyness(counts, group="part")
    assert key["target"].unique().tolist() == ["first", "middle", "last"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        lo = log_odds(counts, group="part", target="last")
    assert np.isfinite(lo["zeta"]).all()
    assert np.isfinite(key[["g2", "chi2", "log_ratio", "p_g2"]].to_numpy()).all()
    ti = tf_idf(counts, document="part")
    assert (ti["idf"] >= 0).all()


# ------------------------------------------------------------- with_voice
def test_with_voice_separates_source_quotations_from_scare_quotes():
    tokens = make_tokens()
    tokens["quote_id"] = pd.array([None, None, None, None, 0, 0, 0, None, None, 1, None, None, None, None, None, None, None], dtype="Int64")
    quotations = pd.DataFrame({"quote_id": [0, 1], "kind": ["quotation", "term"]})
    out = with_voice(tokens, quotations)
    # "peace , war" is a source quotation; "now" only a scare quote → author's voice
    assert out.loc[out.voice == "quoted", "token"].tolist() == ["peace", ",", "war"]
    assert list(out["voice"].cat.categories) == ["author", "quoted"]
    both = with_voice(tokens, quotations, kinds=["quotation", "term"])
    assert both.loc[both.voice == "quoted", "token"].tolist() == ["peace", ",", "war", "now"]
    plain = with_voice(tokens)  # no quotations: in_quote decides
    assert (plain["voice"] == "quoted").sum() == tokens["in_quote"].sum()
    # term_counts honours the voice column, both as a group and as a filter
    counts = term_counts(out, by="voice")
    assert set(counts.loc[counts.voice == "quoted", "term"]) == {"peace", "war"}
    assert set(term_counts(out, voice="author")["term"]) >= {"now"}
    with pytest.raises(InputError, match="Did you mean 'quotation'"):
        with_voice(tokens, quotations, kinds="quotations")
    before = copy.deepcopy(tokens)
    with_voice(tokens, quotations)
    pd.testing.assert_frame_equal(tokens, before)


def test_with_voice_on_the_chapter(chapter):
    tokens = with_voice(chapter.tokens, chapter.quotations)
    quoted = tokens["voice"] == "quoted"
    assert quoted.sum() < chapter.tokens["in_quote"].sum()  # scare quotes moved to the author's voice
    assert not (quoted & ~tokens["in_quote"]).any()
