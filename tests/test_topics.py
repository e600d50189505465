"""Tests for textmine.topics: units, fitting, tidy outputs, coherence, stability, select_k."""

from __future__ import annotations

import copy
import dataclasses
import time
import warnings
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from textmine.errors import ColumnError, InputError
from textmine.topics import (
    UNIT_COLUMNS,
    TopicModel,
    fit_topics,
    topic_units,
    select_k,
    top_terms,
    topic_coherence,
    topic_labels,
    topic_prevalence,
    topic_stability,
)

DATA = Path(__file__).resolve().parents[1] / "data"
PERIODS = pd.CategoricalDtype(["early", "late"], ordered=True)


def make_tokens(paragraphs: list[list[str]], periods: list[str] | None = None) -> pd.DataFrame:
    """Tokens for paragraphs given as lists of sentences (space-separated words; '.' is punctuation)."""
    rows, offset, sent = [], 0, 0
    for p, sentences in enumerate(paragraphs):
        for s in sentences:
            for w in s.split():
                rows.append({
                    "doc_id": "d", "para_id": p, "sent_id": sent, "start": offset, "end": offset + len(w),
                    "token": w, "norm": w.lower(), "kind": "punct" if w == "." else "word",
                })
                offset += len(w) + 1
            sent += 1
        offset += 1
    t = pd.DataFrame(rows)
    t.insert(1, "token_id", np.arange(len(t), dtype=np.int64))
    t["kind"] = pd.Categorical(t["kind"], categories=["word", "number", "punct"])
    for c in ("doc_id", "token", "norm"):
        t[c] = t[c].astype("str")
    t["is_stop"] = t["norm"].isin(["the", "a"])
    t["in_quote"] = False
    t["in_citation"] = False
    if periods is not None:
        t["period"] = pd.Categorical([periods[p] for p in t["para_id"]], dtype=PERIODS)
    return t


PETS = "cat dog pet fur", "dog cat leash pet", "pet cat dog vet"
MONEY = "stock bond market price", "market stock bond trade", "price market stock bond"


def corpus() -> pd.DataFrame:
    paras = [[f"the {PETS[i]} ."] for i in range(3)] + [[f"a {MONEY[i]} ."] for i in range(3)]
    return make_tokens(paras, ["early"] * 3 + ["late"] * 3)


# ------------------------------------------------------------------ units
def test_topic_units_paragraphs_and_sentence_windows():
    t = make_tokens([["a b .", "c d ."], ["e f .", "g .", "h ."]], ["early", "late"])
    u = topic_units(t)
    assert list(u.columns) == [*UNIT_COLUMNS, "period"]
    assert u["unit_id"].tolist() == [0, 1]
    assert u["n_tokens"].tolist() == [6, 7] and u["n_words"].tolist() == [4, 4]
    assert u["token_start"].tolist() == [0, 6] and u["token_end"].tolist() == [6, 13]
    assert u["start"].iloc[0] == 0 and u["end"].iloc[-1] == t["end"].iloc[-1]
    w = topic_units(t, units="sentence", size=2)
    # sentences 0 1 | 2 3 | 4: the second window straddles the paragraph break
    assert w["sent_start"].tolist() == [0, 2, 4] and w["sent_end"].tolist() == [1, 3, 4]
    assert w["para_start"].tolist() == [0, 1, 1] and w["para_end"].tolist() == [0, 1, 1]
    assert w["period"].astype(str).tolist() == ["early", "late", "late"]
    assert w["period"].dtype == PERIODS


def test_topic_units_period_majority_and_ties():
    t = make_tokens([["a b c ."], ["d ."], ["e f ."]], ["early", "late", "late"])
    u = topic_units(t, units="paragraph", size=2)
    # unit 0: paragraph 0 (4 tokens early) + paragraph 1 (2 late) -> early
    assert u["period"].astype(str).tolist() == ["early", "late"]
    t2 = make_tokens([["a ."], ["b ."]], ["late", "early"])
    # a tie (2 tokens each): the period met first in reading order wins
    assert topic_units(t2, size=2)["period"].astype(str).tolist() == ["late"]


def test_topic_units_several_documents_keep_their_order():
    a = make_tokens([["a b ."], ["c ."]])
    b = make_tokens([["d e ."]]).assign(doc_id="b")
    t = pd.concat([b, a], ignore_index=True)  # document "b" comes first
    u = topic_units(t, units="sentence", size=5)
    assert u["doc_id"].tolist() == ["b", "d"]  # windows never cross documents
    assert u["unit_id"].tolist() == [0, 1] and u["n_tokens"].tolist() == [3, 5]


def test_make_units_is_a_deprecated_alias_of_topic_units():
    import textmine as tm

    t = make_tokens([["a b ."], ["c ."]], ["early", "late"])
    with pytest.warns(DeprecationWarning, match=r"textmine\.make_units is deprecated.*use textmine\.topic_units"):
        old = tm.make_units(t, size=2)
    pd.testing.assert_frame_equal(old, topic_units(t, size=2))


def test_topic_units_empty_and_errors():
    t = make_tokens([["a b ."]], ["early"])
    u = topic_units(t.iloc[:0])
    assert len(u) == 0 and list(u.columns) == [*UNIT_COLUMNS, "period"]
    assert u["n_words"].dtype == np.int64
    with pytest.raises(InputError, match="units"):
        topic_units(t, units="chapter")
    with pytest.raises(InputError, match="size"):
        topic_units(t, size=0)
    with pytest.raises(ColumnError, match="para_id"):
        topic_units(t.drop(columns="para_id"))
    with pytest.raises(TypeError, match="DataFrame"):
        topic_units("some text")


# ---------------------------------------------------------------- fitting
def test_fit_nmf_separates_two_obvious_topics():
    from sklearn.decomposition import NMF

    est = NMF(n_components=2, random_state=0)
    m = fit_topics(corpus(), est, min_df=1)
    assert isinstance(m, TopicModel) and m.matrix == "tfidf" and m.n_topics == 2
    assert not hasattr(est, "components_")  # the estimator passed in is not fitted
    assert list(m.terms.columns) == ["topic", "term", "weight", "share"]
    assert list(m.units.columns) == ["unit_id", "topic", "weight", "share"]
    assert len(m.terms) == 2 * len(m.vocabulary) and len(m.units) == 6 * 2
    assert "the" not in set(m.vocabulary["term"]) and "." not in set(m.vocabulary["term"])
    tops = {frozenset(g["term"]) for _, g in m.top_terms(n=3).groupby("topic")}
    assert tops == {frozenset({"cat", "dog", "pet"}), frozenset({"stock", "bond", "market"})}
    dominant = m.units.loc[m.units.groupby("unit_id")["weight"].idxmax(), "topic"].tolist()
    assert len(set(dominant[:3])) == 1 and len(set(dominant[3:])) == 1 and dominant[0] != dominant[3]
    np.testing.assert_allclose(m.units.groupby("unit_id")["share"].sum(), 1.0)
    np.testing.assert_allclose(m.terms.groupby("topic")["share"].sum(), 1.0)


def test_lda_uses_counts_and_matrix_override():
    from sklearn.decomposition import NMF, LatentDirichletAllocation

    assert fit_topics(corpus(), LatentDirichletAllocation(n_components=2, random_state=0)).matrix == "counts"
    assert fit_topics(corpus(), NMF(n_components=2, random_state=0), matrix="counts").matrix == "counts"


@pytest.mark.parametrize("kind", ["nmf", "lda"])
def test_same_seed_same_output(kind):
    from sklearn.decomposition import NMF, LatentDirichletAllocation

    make = (lambda: NMF(n_components=3, init="random", random_state=7)) if kind == "nmf" else (
        lambda: LatentDirichletAllocation(n_components=3, random_state=7)
    )
    a, b = fit_topics(corpus(), make(), min_df=1), fit_topics(corpus(), make(), min_df=1)
    pd.testing.assert_frame_equal(a.terms, b.terms)
    pd.testing.assert_frame_equal(a.units, b.units)


def test_vocabulary_filters_and_stop_words():
    from sklearn.decomposition import NMF

    t = corpus()
    m = fit_topics(t, NMF(n_components=2, random_state=0))  # min_df=2
    v = m.vocabulary.set_index("term")
    assert "fur" not in v.index and "vet" not in v.index  # in one unit only
    assert v.loc["cat", "n"] == 3 and v.loc["cat", "n_units"] == 3
    assert m.vocabulary["term"].tolist() == sorted(m.vocabulary["term"])
    m2 = fit_topics(t, NMF(n_components=2, random_state=0), stop_words={"cat", "dog"}, min_df=1)
    assert {"cat", "dog"}.isdisjoint(m2.vocabulary["term"]) and "the" in set(m2.vocabulary["term"])
    m3 = fit_topics(t, NMF(n_components=2, random_state=0), stop_words=(), max_df=0.5)
    assert "the" in set(m3.vocabulary["term"]) and "cat" in set(m3.vocabulary["term"])
    with pytest.raises(TypeError, match="single string"):
        fit_topics(t, NMF(n_components=2), stop_words="the")
    with pytest.raises(InputError, match="no term is left"):
        fit_topics(t, NMF(n_components=2), min_df=10)


def test_fit_errors_and_purity():
    from sklearn.decomposition import NMF

    t = corpus()
    before = t.copy(deep=True)
    est = NMF(n_components=2, random_state=0)
    est_before = copy.deepcopy(est.get_params())
    fit_topics(t, est, voice="author")
    pd.testing.assert_frame_equal(t, before)
    assert est.get_params() == est_before
    with pytest.raises(TypeError, match="class NMF"):
        fit_topics(t, NMF)
    with pytest.raises(TypeError, match="unfitted scikit-learn"):
        fit_topics(t, "nmf")
    with pytest.raises(InputError, match="empty"):
        fit_topics(t.iloc[:0], NMF(n_components=2))
    with pytest.raises(InputError, match="voice"):
        fit_topics(t, NMF(n_components=2), voice="narrator")
    with pytest.raises(InputError, match="matrix"):
        fit_topics(t, NMF(n_components=2), matrix="binary")


# ----------------------------------------------------------- tidy outputs
def test_top_terms_ranks_ties_and_zero_weights():
    terms = pd.DataFrame({
        "topic": [0, 0, 0, 1, 1, 1],
        "term": ["b", "a", "c", "x", "y", "z"],
        "weight": [2.0, 2.0, 1.0, 0.0, 3.0, 1.0],
    })
    t = top_terms(terms, n=2)
    assert list(t.columns) == ["topic", "rank", "term", "weight"]
    assert t["term"].tolist() == ["a", "b", "y", "z"]  # tie a/b broken by term; zero weight never listed
    assert t["rank"].tolist() == [1, 2, 1, 2]
    assert topic_labels(terms, n=1) == {0: "0: a", 1: "1: y"}
    assert len(top_terms(terms.iloc[:0])) == 0


def hand_model() -> TopicModel:
    """Three units, two topics, θ and weights chosen by hand."""
    table = pd.DataFrame({
        "unit_id": [0, 1, 2],
        "n_words": [10, 30, 20],
        "period": pd.Categorical(["early", "early", "late"], dtype=PERIODS),
    })
    theta = np.array([[1.0, 0.0], [0.5, 0.5], [0.2, 0.8]])
    units = pd.DataFrame({
        "unit_id": np.repeat([0, 1, 2], 2), "topic": np.tile([0, 1], 3),
        "weight": theta.ravel() * 3, "share": theta.ravel(),
    })
    return TopicModel(
        terms=pd.DataFrame({"topic": [0, 1], "term": ["a", "b"], "weight": [1.0, 1.0], "share": [1.0, 1.0]}),
        units=units, unit_table=table, vocabulary=pd.DataFrame({"term": ["a", "b"]}),
        model=SimpleNamespace(components_=np.ones((2, 2))), matrix="tfidf", counts=None,
    )


def test_topic_prevalence_hand_computed():
    p = topic_prevalence(hand_model())
    assert list(p.columns) == ["period", "topic", "prevalence", "n_units", "weight"]
    assert p["period"].astype(str).tolist() == ["early", "early", "late", "late"]
    # early: (10·1 + 30·0.5) / 40 = 0.625 and (30·0.5) / 40 = 0.375; late: θ of unit 2
    np.testing.assert_allclose(p["prevalence"], [0.625, 0.375, 0.2, 0.8])
    assert p["n_units"].tolist() == [2, 2, 1, 1]
    np.testing.assert_allclose(p["weight"], [40, 40, 20, 20])
    flat = topic_prevalence(hand_model(), by=None, weight=None)
    np.testing.assert_allclose(flat["prevalence"], [(1 + 0.5 + 0.2) / 3, (0 + 0.5 + 0.8) / 3])
    no_period = dataclasses.replace(hand_model(), unit_table=hand_model().unit_table.drop(columns="period"))
    with pytest.raises(ColumnError, match="assign_periods"):
        topic_prevalence(no_period)
    with pytest.raises(TypeError, match="TopicModel"):
        topic_prevalence(hand_model().units)


# -------------------------------------------------------------- coherence
def occurrences() -> pd.DataFrame:
    # N = 4 units: a in 0 1 2, b in 0 1, c in 3
    return pd.DataFrame({"unit_id": [0, 0, 1, 1, 2, 3, 0], "term": ["a", "b", "a", "b", "a", "c", "a"]})


def test_coherence_hand_computed():
    tt = pd.DataFrame({
        "topic": [0, 0, 1, 1, 2, 2, 2],
        "rank": [1, 2, 1, 2, 1, 2, 3],
        "term": ["a", "b", "a", "c", "b", "a", "c"],
    })
    c = topic_coherence(tt, occurrences())
    assert list(c.columns) == ["topic", "n_terms", "n_pairs", "npmi", "umass", "terms"]
    log = np.log
    # topic 0 (a, b): UMass log((D(b,a)+1)/D(a)) = log(3/3) = 0
    #   NPMI: P(a)=3/4, P(b)=1/2, P(a,b)=1/2 -> log(0.5/0.375) / -log(0.5)
    npmi_ab = log(0.5 / 0.375) / -log(0.5)
    # topic 1 (a, c): never together -> UMass log(1/3), NPMI -1
    # topic 2 (b, a, c): UMass pairs (a|b) log(3/2), (c|b) log(1/2), (c|a) log(1/3)
    np.testing.assert_allclose(c["umass"], [0.0, log(1 / 3), (log(3 / 2) + log(1 / 2) + log(1 / 3)) / 3])
    np.testing.assert_allclose(c["npmi"], [npmi_ab, -1.0, (npmi_ab - 1 - 1) / 3])
    assert c["n_pairs"].tolist() == [1, 1, 3]
    assert c["terms"].tolist() == ["a, b", "a, c", "b, a, c"]


def test_coherence_edge_cases():
    # N given larger than observed units changes the probabilities; a term absent from the reference is skipped
    tt = pd.DataFrame({"topic": [0, 0, 0], "term": ["a", "b", "zzz"]})
    c = topic_coherence(tt, occurrences(), n_units=8)
    npmi = np.log((2 / 8) / ((3 / 8) * (2 / 8))) / -np.log(2 / 8)
    np.testing.assert_allclose(c["npmi"], [npmi])
    assert c["n_pairs"].tolist() == [1]
    # both terms in every unit -> NPMI 1
    full = pd.DataFrame({"unit_id": [0, 0, 1, 1], "term": ["a", "b", "a", "b"]})
    assert topic_coherence(pd.DataFrame({"topic": [0, 0], "term": ["a", "b"]}), full)["npmi"].tolist() == [1.0]
    empty = topic_coherence(tt.iloc[:0], occurrences())
    assert len(empty) == 0 and list(empty.columns) == ["topic", "n_terms", "n_pairs", "npmi", "umass", "terms"]
    with pytest.raises(ColumnError, match="unit_id"):
        topic_coherence(tt, occurrences().rename(columns={"unit_id": "u"}))


# -------------------------------------------------------------- stability
def test_stability_hand_computed():
    run_a = pd.DataFrame({"topic": [0, 0, 1, 1], "term": ["a", "b", "c", "d"]})
    run_b = pd.DataFrame({"topic": [0, 0, 1, 1], "term": ["c", "d", "a", "e"]})
    s = topic_stability([run_a, run_b], n_terms=2)
    assert list(s.columns) == ["run_a", "run_b", "topic_a", "topic_b", "jaccard"]
    # J(A0,B1) = |{a}| / |{a,b,e}| = 1/3, J(A1,B0) = 1; the matching pairs A0-B1 and A1-B0
    assert s["topic_b"].tolist() == [1, 0]
    np.testing.assert_allclose(s["jaccard"], [1 / 3, 1.0])
    assert s["jaccard"].mean() == pytest.approx(2 / 3)
    s3 = topic_stability([run_a, run_b, run_a], n_terms=2)
    assert s3[["run_a", "run_b"]].drop_duplicates().values.tolist() == [[0, 1], [0, 2], [1, 2]]
    np.testing.assert_allclose(s3.query("run_a == 0 and run_b == 2")["jaccard"], [1.0, 1.0])
    with pytest.raises(TypeError, match="list"):
        topic_stability(run_a)


def test_stability_n_terms_truncates_by_rank():
    run_a = pd.DataFrame({"topic": [0, 0], "rank": [2, 1], "term": ["z", "a"]})
    run_b = pd.DataFrame({"topic": [0, 0], "rank": [1, 2], "term": ["a", "y"]})
    assert topic_stability([run_a, run_b], n_terms=1)["jaccard"].tolist() == [1.0]
    assert topic_stability([run_a, run_b], n_terms=2)["jaccard"].tolist() == [1 / 3]


# --------------------------------------------------------------- select_k
def test_select_k_shape_determinism_and_warning():
    from sklearn.decomposition import NMF

    t = corpus()
    est = NMF(init="random", max_iter=500)
    a = select_k(t, est, [3, 2], seeds=[0, 1, 2], n_terms=3, min_df=1)
    b = select_k(t, est, [2, 3], seeds=[0, 1, 2], n_terms=3, min_df=1)
    pd.testing.assert_frame_equal(a, b)
    assert a["k"].tolist() == [2, 3] and a["n_runs"].tolist() == [3, 3]
    assert list(a.columns) == ["k", "n_runs", "npmi", "npmi_sd", "umass", "umass_sd", "stability", "stability_sd", "n_units", "n_terms"]
    assert a.loc[0, "stability"] == pytest.approx(1.0)  # two obvious topics: every seed finds them
    assert a["npmi"].between(-1, 1).all()
    with pytest.warns(UserWarning, match="randomized SVD"):
        select_k(t, NMF(), [2], seeds=[0, 1], min_df=1)
    s = select_k(t, NMF(), [2], seeds=[0, 1], min_df=1, sample=0.7)
    assert np.isfinite(s.loc[0, "stability"])
    one = select_k(t, est, [2], seeds=[0], min_df=1)
    assert np.isnan(one.loc[0, "stability"])
    with pytest.raises(TypeError, match="single int"):
        select_k(t, est, 3)
    with pytest.raises(InputError, match="sample"):
        select_k(t, est, [2], sample=1.5)


# ---------------------------------------------------------------- chapter
@pytest.fixture(scope="module")
def chapter_tokens():
    import textmine as tm

    return tm.load(DATA / "north-1989-soviet-foreign-policy.txt").tokens


def test_chapter_fit_is_fast_and_sane(chapter_tokens):
    from sklearn.decomposition import NMF

    t0 = time.perf_counter()
    m = fit_topics(chapter_tokens, NMF(n_components=6, random_state=0))
    tt = m.top_terms(10)
    c = m.coherence()
    assert time.perf_counter() - t0 < 1.0
    assert m.n_topics == 6 and len(m.unit_table) == chapter_tokens["para_id"].nunique()
    assert tt.groupby("topic").size().tolist() == [10] * 6
    assert c["npmi"].between(-1, 1).all() and (c["umass"] <= np.log(2)).all()
    w = fit_topics(chapter_tokens, NMF(n_components=4, random_state=0), units="sentence", size=5)
    assert len(w.unit_table) == -(-chapter_tokens.groupby("sent_id").ngroups // 5)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        k = select_k(chapter_tokens, NMF(init="random", max_iter=300), [3, 6], seeds=[0, 1])
    assert k["stability"].between(0, 1).all()


def test_resample_topics_one_model_per_seed_deterministic():
    from sklearn.decomposition import NMF

    from textmine.topics import resample_topics

    toks = corpus()
    est = NMF(n_components=2, init="random", max_iter=500)
    runs = resample_topics(toks, est, seeds=[3, 4], sample=0.8)
    again = resample_topics(toks, est, seeds=[3, 4], sample=0.8)
    assert len(runs) == 2 and est.get_params()["random_state"] is None  # estimator not changed
    for a, b in zip(runs, again):
        pd.testing.assert_frame_equal(a.terms, b.terms)
    n_units = len(fit_topics(toks, NMF(n_components=2, random_state=3, init="random", max_iter=500)).unit_table)
    assert all(len(r.unit_table) == max(2, round(0.8 * n_units)) for r in runs)
    full = resample_topics(toks, est, seeds=[3], sample=None)[0]
    ref = fit_topics(toks, NMF(n_components=2, random_state=3, init="random", max_iter=500))
    pd.testing.assert_frame_equal(full.terms, ref.terms)
    with pytest.raises(InputError, match="sample"):
        resample_topics(toks, est, sample=1.5)
