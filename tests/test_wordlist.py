"""Word lists: hand-computed frequencies, ranges and DP; agreement with term_counts and dispersion."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import textmine as tm
from textmine.errors import ColumnError, InputError, TextmineWarning
from textmine.wordlist import word_list

COLUMNS = ["rank", "term", "n", "n_total", "per_1000", "range", "n_parts", "dp", "dp_norm"]


@pytest.fixture(scope="module")
def corpus():
    # doc a: peace and war peace again (5 words); doc b: war war and more war (5 words)
    return tm.Corpus([
        tm.parse("Peace and war. Peace again.\n", doc_id="a", header=False),
        tm.parse("War, war and more war.\n", doc_id="b", header=False),
    ])


def test_word_list_hand_computed(corpus):
    wl = word_list(corpus.tokens)
    assert list(wl.columns) == COLUMNS
    assert wl["term"].tolist() == ["war", "and", "peace", "again", "more"]
    assert wl["rank"].tolist() == [1, 2, 2, 4, 4]  # competition ranking of n
    assert wl["n"].tolist() == [4, 2, 2, 1, 1]
    assert set(wl["n_total"]) == {10} and set(wl["n_parts"]) == {2}  # parts: the two documents
    np.testing.assert_allclose(wl["per_1000"], [400, 200, 200, 100, 100])
    assert wl["range"].tolist() == [2, 2, 1, 1, 1]
    # s = (0.5, 0.5); war v = (1/4, 3/4): DP = (|.25-.5| + |.75-.5|) / 2 = .25; DPnorm = .25 / (1 - .5)
    # and v = (.5, .5): 0; peace v = (1, 0): .5, DPnorm 1; again, more: .5, 1
    np.testing.assert_allclose(wl["dp"], [0.25, 0.0, 0.5, 0.5, 0.5])
    np.testing.assert_allclose(wl["dp_norm"], [0.5, 0.0, 1.0, 1.0, 1.0])


def test_word_list_unequal_parts_and_groups(corpus):
    # paragraphs of a corpus: parts keyed by document and paragraph
    tokens = corpus.tokens
    by_doc = word_list(tokens, by="doc_id", parts=["doc_id", "sent_id"])
    a = by_doc.loc[by_doc["doc_id"] == "a"].set_index("term")
    # doc a: sentences "peace and war" (3 words) and "peace again" (2): s = (.6, .4)
    assert a.loc["peace", "range"] == 2 and a.loc["peace", "n_parts"] == 2
    # peace v = (.5, .5): DP = (|.5-.6| + |.5-.4|) / 2 = .1, DPnorm = .1 / (1 - .4)
    assert a.loc["peace", "dp"] == pytest.approx(0.1)
    assert a.loc["peace", "dp_norm"] == pytest.approx(0.1 / 0.6)
    # war only in sentence 1: v = (1, 0): DP = (.4 + .4) / 2
    assert a.loc["war", "dp"] == pytest.approx(0.4)
    assert by_doc["doc_id"].astype(str).tolist()[:4] == ["a"] * 4  # groups in corpus order
    assert by_doc.groupby("doc_id", observed=True)["rank"].min().tolist() == [1, 1]
    assert isinstance(by_doc["doc_id"].dtype, pd.CategoricalDtype)
    one = word_list(tokens, by="doc_id")  # several documents: parts = doc_id, one per group
    assert set(one["n_parts"]) == {1} and one["dp_norm"].isna().all()


def test_word_list_agrees_with_term_counts_and_dispersion(chapter_path):
    doc = tm.assign_periods(tm.load(chapter_path, events=chapter_path.parent / "events.csv"),
                            chapter_path.parent / "periods.csv")
    wl = word_list(doc.tokens)  # one document: parts are paragraphs
    disp = tm.dispersion(doc.tokens, parts="para_id")
    m = wl.merge(disp, on="term", suffixes=("", "_dispersion"), validate="one_to_one")
    assert len(m) == len(wl) == len(disp)
    for c in ("n", "range", "n_parts", "dp", "dp_norm"):
        np.testing.assert_allclose(m[c], m[f"{c}_dispersion"], rtol=1e-12, err_msg=c)
    by = word_list(doc.tokens, by="period", stop_words=None)
    counts = tm.term_counts(doc.tokens, by="period", stop_words=None)
    pd.testing.assert_frame_equal(by[["period", "term", "n", "n_total", "per_1000"]], counts)


def test_word_list_stop_words_min_count_and_categorical_terms(corpus):
    tokens = corpus.tokens
    wl = word_list(tokens, stop_words=["and"])
    assert "and" not in set(wl["term"])
    assert set(wl["n_total"]) == {10}  # stop words are still running words
    assert wl.set_index("term").loc["war", "dp"] == pytest.approx(0.25)
    assert word_list(tokens, min_count=2)["term"].tolist() == ["war", "and", "peace"]
    cat = word_list(tokens.assign(norm=tokens["norm"].astype("category")))
    pd.testing.assert_frame_equal(cat, word_list(tokens))
    as_written = word_list(tokens, term="token")
    assert {"Peace", "War", "war"} <= set(as_written["term"])


def test_word_list_empty_errors_and_purity(corpus):
    tokens = corpus.tokens
    before = tokens.copy()
    word_list(tokens, by="doc_id")
    pd.testing.assert_frame_equal(tokens, before)
    empty = word_list(tokens.iloc[:0])
    assert empty.empty and list(empty.columns) == COLUMNS
    only_punct = word_list(tokens.loc[tokens["kind"] == "punct"], by="doc_id")
    assert only_punct.empty and list(only_punct.columns) == ["doc_id", *COLUMNS]
    with pytest.raises(TypeError, match="tokens must be a DataFrame"):
        word_list(corpus)
    with pytest.raises(ColumnError, match=r"lacks column\(s\) \['period'\]"):
        word_list(tokens, by="period")
    with pytest.raises(InputError, match="uses an output column name"):
        word_list(tokens, by="term")
    with pytest.raises(InputError, match="min_count must be at least 1"):
        word_list(tokens, min_count=0)
    with pytest.raises(TypeError, match="stop_words must be an iterable of words"):
        word_list(tokens, stop_words="and")


def test_word_list_missing_group_warns(corpus):
    tokens = corpus.tokens.assign(group=pd.Series(["x"] * 3 + [None] * (len(corpus.tokens) - 3), dtype="str"))
    with pytest.warns(TextmineWarning, match="missing value in \\['group'\\]"):
        wl = word_list(tokens, by="group", parts="doc_id")
    assert set(wl["group"]) == {"x"}
