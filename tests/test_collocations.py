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


# ------------------------------------------------------------------ collocates
# Three sentences; the node "peace" at S2 positions 0 and 6 and S3 position 2.
# Words (punctuation out): S1 the war ended | S2 peace came after the war and peace stayed | S3 war and peace are words
COLLOCATE_TEXT = "The war ended. Peace came after the war, and peace stayed. War and peace are words.\n"


@pytest.fixture(scope="module")
def colloc_doc():
    return tm.parse(COLLOCATE_TEXT)


def test_collocates_hand_count_within_sentences(colloc_doc):
    from textmine.collocations import collocates

    out = collocates(colloc_doc.tokens, "peace", window=(2, 2), measure="mi")
    got = out.set_index("collocate")
    # windows, cut at sentence ends: S2#0 -> (came, after); S2#6 -> (war, and | stayed); S3#2 -> (war, and | are, words)
    assert got["n"].to_dict() == {"came": 1, "after": 1, "war": 2, "and": 2, "stayed": 1, "are": 1, "words": 1}
    assert got.loc["war", "n_left"] == 2 and got.loc["war", "n_right"] == 0
    assert got.loc["stayed", "n_left"] == 0 and got.loc["stayed", "n_right"] == 1
    n_node, r1, n_words = 3, 2 + 3 + 4, 3 + 8 + 5
    assert set(out["n_node"]) == {n_node} and set(out["n_window"]) == {r1} and set(out["n_words"]) == {n_words}
    assert int(out["n"].sum()) == r1  # every window position holds one collocate
    c1 = {"came": 1, "after": 1, "war": 3, "and": 2, "stayed": 1, "are": 1, "words": 1}
    assert got["n_collocate"].to_dict() == c1
    for c, o11 in got["n"].items():
        e11 = r1 * c1[c] / n_words                                   # E11 = R1 C1 / N
        assert got.loc[c, "expected"] == pytest.approx(e11)
        assert got.loc[c, "mi"] == pytest.approx(math.log2(o11 / e11))
        assert got.loc[c, "t"] == pytest.approx((o11 - e11) / math.sqrt(o11))
        assert got.loc[c, "logdice"] == pytest.approx(14 + math.log2(2 * o11 / (n_node + c1[c])))
    # G2 for "and": O = [[2, 7], [0, 7]], E = [[9*2, 9*14], [7*2, 7*14]] / 16
    o = [2, 7, 0, 7]
    e = [18 / 16, 126 / 16, 14 / 16, 98 / 16]
    g2 = 2 * sum(x * math.log(x / y) for x, y in zip(o, e) if x > 0)
    assert got.loc["and", "g2"] == pytest.approx(g2)
    assert got.loc["and", "p_g2"] == pytest.approx(math.erfc(math.sqrt(g2 / 2)))
    # sorted by MI descending, then n descending, then collocate
    assert out["mi"].is_monotonic_decreasing
    top = out.loc[out["mi"] == out["mi"].max(), "collocate"].tolist()
    assert top == ["and", "after", "are", "came", "stayed", "words"]  # n=2 first, then alphabetical


def test_collocates_g2_matches_scipy_and_overlapping_windows(colloc_doc):
    from scipy.stats import chi2_contingency

    from textmine.collocations import collocates

    out = collocates(colloc_doc.tokens, "peace", window=(2, 2)).set_index("collocate")
    r = out.loc["war"]
    table = [[r["n"], r["n_window"] - r["n"]],
             [r["n_collocate"] - r["n"], r["n_words"] - r["n_window"] - r["n_collocate"] + r["n"]]]
    g2, *_ = chi2_contingency(table, correction=False, lambda_="log-likelihood")
    assert abs(r["g2"]) == pytest.approx(g2)
    assert r["g2"] > 0 and r["n"] > r["expected"]
    # across sentences the windows of S2#6 and S3#2 both hold the last "war": counted twice (as NLTK does),
    # more often than "war" occurs in windows' reach -> O21 = 3 - 4 < 0, so G2 is undefined (NaN), MI is not
    across = collocates(colloc_doc.tokens, "peace", window=(2, 2), within=None).set_index("collocate")
    assert across.loc["war", "n"] == 4 and across.loc["war", "n_collocate"] == 3
    assert np.isnan(across.loc["war", "g2"]) and np.isnan(across.loc["war", "p_g2"])
    assert np.isfinite(across.loc["war", "mi"])
    assert set(across["n_window"]) == {12}
    assert across.index[-1] == "war" or collocates(colloc_doc.tokens, "peace", window=(2, 2), within=None,
                                                      measure="g2")["collocate"].iloc[-1] == "war"


def test_collocates_against_nltk_window_finder(chapter):
    """NLTK's BigramCollocationFinder.from_words(words, window_size=w) on the same word sequence."""
    nltk_collocations = pytest.importorskip("nltk.collocations")
    from nltk.metrics import BigramAssocMeasures as M

    from textmine.collocations import collocates

    tok = chapter.tokens
    words = tok.loc[(tok["kind"] != "punct") & ~tok["in_citation"], "norm"].astype(str).tolist()
    # nodes never within 5 words of either end of the text, so that no window is cut (NLTK does not cut them)
    where = {}
    for i, x in enumerate(words):
        where.setdefault(x, []).append(i)
    nodes = [x for x in ("peace", "soviet", "revolution", "of", "policy", "world", "lenin")
             if min(where[x]) >= 5 and max(where[x]) < len(words) - 5]
    assert len(nodes) >= 4
    checked = 0
    for w in (2, 3, 6):
        finder = nltk_collocations.BigramCollocationFinder.from_words(words, window_size=w)
        assert finder.N == len(words)
        for node in nodes:
            right = collocates(tok, node, window=(0, w - 1), within=None)
            left = collocates(tok, node, window=(w - 1, 0), within=None)
            assert set(right["n_window"]) == {(w - 1) * words.count(node)}
            nltk_right = {b: n for (a, b), n in finder.ngram_fd.items() if a == node}
            nltk_left = {a: n for (a, b), n in finder.ngram_fd.items() if b == node}
            assert dict(zip(right["collocate"], right["n"])) == nltk_right
            assert dict(zip(left["collocate"], left["n"])) == nltk_left
            assert set(right["n_node"]) == {finder.word_fd[node]}
            for r in right.itertuples(index=False):
                assert r.n_collocate == finder.word_fd[r.collocate]
                assert r.mi == pytest.approx(finder.score_ngram(M.pmi, node, r.collocate), rel=1e-12)
                # NLTK scales counts by 1/(w-1) (Church & Hanks): t differs by sqrt(w-1)
                assert r.t == pytest.approx(finder.score_ngram(M.student_t, node, r.collocate) * math.sqrt(w - 1), rel=1e-9)
                if w == 2:  # adjacent bigrams: the same 2x2 table, so G2 and Dice agree too
                    assert abs(r.g2) == pytest.approx(finder.score_ngram(M.likelihood_ratio, node, r.collocate), rel=1e-9)
                    assert r.logdice == pytest.approx(14 + math.log2(finder.score_ngram(M.dice, node, r.collocate)))
                checked += 1
    assert checked > 500


def test_collocates_left_right_symmetry_on_random_text():
    from textmine.collocations import collocates

    rng = np.random.default_rng(7)
    vocab = ["a", "b", "c", "d", "e", "f"]
    sentences = [[vocab[i] for i in rng.integers(0, len(vocab), rng.integers(1, 12))] for _ in range(60)]
    tok = frame(sentences)
    for (L, R) in ((1, 3), (2, 2), (0, 4)):
        ahead = {x: collocates(tok, x, window=(L, R)).set_index("collocate")["n_right"] for x in vocab}
        behind = {y: collocates(tok, y, window=(R, L)).set_index("collocate")["n_left"] for y in vocab}
        for x in vocab:
            for y in vocab:
                # y at distance d right of x  <=>  x at distance d left of y
                assert int(ahead[x].get(y, 0)) == int(behind[y].get(x, 0))
    # a hand check of the sequence model: windows never cross a sentence
    two = frame([["a", "b"], ["b", "a"]])
    assert collocates(two, "a", window=(1, 1))["n"].tolist() == [2]
    assert collocates(two, "a", window=(1, 1), within=None).set_index("collocate")["n"].to_dict() == {"b": 2}
    assert collocates(two, "a", window=(1, 1), within="para_id")["collocate"].tolist() == ["b"]


def test_collocates_options_barriers_and_documents(colloc_doc):
    from textmine.collocations import collocates

    tok = colloc_doc.tokens
    stop = collocates(tok, "peace", window=(2, 2), stop_words=["and"])
    assert "and" not in set(stop["collocate"]) and set(stop["n_window"]) == {9} and set(stop["n_words"]) == {16}
    assert collocates(tok, "peace", window=(2, 2), min_count=2)["collocate"].tolist() == ["and", "war"]
    assert collocates(tok, "pea*", window=1)["node"].unique().tolist() == ["pea*"]
    assert collocates(tok, "Peace", window=1, term="token", case=True)["n_node"].unique().tolist() == [1]
    assert collocates(tok, "zebra", window=2).empty
    assert list(collocates(tok, "zebra").columns) == ["node", "collocate", "n", "n_left", "n_right", "n_node",
                                                       "n_collocate", "n_window", "n_words", "expected", "mi", "t",
                                                       "g2", "p_g2", "logdice"]
    # windows never cross documents: "x" ends doc a, "y" starts doc b
    corpus = tm.Corpus([tm.parse("Alpha beta x\n", doc_id="a", header=False), tm.parse("y gamma\n", doc_id="b", header=False)])
    out = collocates(corpus.tokens, "x", window=(0, 3), within=None)
    assert out.empty
    # citation apparatus is out of the sequence: "peace" and "bread" become neighbours across it
    cited = tm.parse("Lenin wanted peace (Lenin, Works, p. 3) bread and land.\n", header=False)
    assert collocates(cited.tokens, "peace", window=(0, 1))["collocate"].tolist() == ["bread"]
    assert "lenin" in set(collocates(cited.tokens, "peace", window=(0, 1), include_citations=True)["collocate"])


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"node": 3}, TypeError, "node must be a word"),
        ({"node": "peace now"}, InputError, "not a single word"),
        ({"window": (0, 0)}, InputError, r"window=\(0, 0\)"),
        ({"window": (-1, 2)}, InputError, "left span must be at least 0"),
        ({"window": "5"}, TypeError, "window must be an int or a pair"),
        ({"measure": "dice"}, InputError, "measure must be one of"),
        ({"min_count": 0}, InputError, "min_count must be at least 1"),
        ({"within": "chapter"}, ColumnError, r"lacks column\(s\) \['chapter'\]"),
    ],
)
def test_collocates_errors(colloc_doc, kwargs, error, message):
    from textmine.collocations import collocates

    args = {"node": "peace", **kwargs}
    with pytest.raises(error, match=message):
        collocates(colloc_doc.tokens, **args)


def test_collocates_pure_and_order_independent(colloc_doc):
    from textmine.collocations import collocates

    tok = colloc_doc.tokens
    before = tok.copy()
    a = collocates(tok, "peace", window=(2, 2))
    pd.testing.assert_frame_equal(tok, before)
    b = collocates(tok.sample(frac=1, random_state=3), "peace", window=(2, 2))
    pd.testing.assert_frame_equal(a, b)
    with pytest.raises(TypeError, match="tokens must be a DataFrame"):
        collocates(colloc_doc, "peace")
