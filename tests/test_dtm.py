"""Sparse document-term matrices, cross-checked against scikit-learn."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import textmine as tm
from textmine import dtm


@pytest.fixture(scope="module")
def tokens():
    a = tm.parse("The cat saw the dog. The dog ran, 1917!", doc_id="a").tokens
    b = tm.parse("A dog? No: a cat.", doc_id="b").tokens
    return pd.concat([a, b], ignore_index=True)


def test_counts_by_document_hand_computed(tokens):
    m = dtm.document_term_matrix(tokens, by="doc_id")
    assert m.rows["doc_id"].tolist() == ["a", "b"]
    assert m.terms.tolist() == ["1917", "a", "cat", "dog", "no", "ran", "saw", "the"]
    dense = m.matrix.toarray()
    assert dense.tolist() == [[1, 0, 1, 2, 0, 1, 1, 3], [0, 2, 1, 1, 1, 0, 0, 0]]
    assert m.matrix.dtype == np.int64


def test_equals_sklearn_count_vectorizer_on_the_chapter(chapter):
    from sklearn.feature_extraction.text import CountVectorizer

    t = chapter.tokens
    m = dtm.document_term_matrix(t, by="para_id", kinds=None)
    docs = t.groupby("para_id")["norm"].agg(list)
    cv = CountVectorizer(analyzer=lambda x: x)
    expected = cv.fit_transform(docs.tolist())
    assert m.terms.tolist() == cv.get_feature_names_out().tolist()
    assert (m.matrix != expected).nnz == 0
    assert m.rows["para_id"].tolist() == docs.index.tolist()


def test_hashing_equals_sklearn_hashing_vectorizer(tokens):
    from sklearn.feature_extraction.text import HashingVectorizer

    m = dtm.document_term_matrix(tokens, by="doc_id", hashing=True, n_features=64)
    assert m.terms is None and m.shape == (2, 64)
    words = tokens[tokens["kind"] != "punct"].groupby("doc_id")["norm"].agg(list)
    hv = HashingVectorizer(analyzer=lambda x: x, n_features=64, alternate_sign=False, norm=None)
    assert np.array_equal(m.matrix.toarray(), hv.transform(words.tolist()).toarray().astype(np.int64))


def test_fixed_vocabulary_keeps_its_order_and_ignores_other_terms(tokens):
    m = dtm.document_term_matrix(tokens, vocabulary=["the", "dog", "unicorn"])
    assert m.terms.tolist() == ["the", "dog", "unicorn"]
    assert m.matrix.toarray().tolist() == [[3, 2, 0], [0, 1, 0]]


def test_groups_by_several_columns_and_categorical_order(tokens):
    t = tokens.assign(period=pd.Categorical(np.where(tokens["sent_id"] == 0, "late", "early"), categories=["early", "late"]))
    m = dtm.document_term_matrix(t, by=["period", "doc_id"], drop_stop=True)
    assert m.rows.astype(str).values.tolist() == [["early", "a"], ["early", "b"], ["late", "a"], ["late", "b"]]
    assert isinstance(m.rows["period"].dtype, pd.CategoricalDtype)
    counts = dtm.term_counts(t, by="period", drop_stop=True)
    assert list(counts.columns) == ["period", "term", "n"]
    got = {(p, w): n for p, w, n in counts.astype({"period": str}).itertuples(index=False)}
    assert got[("late", "cat")] == 1 and got[("early", "cat")] == 1 and got[("early", "dog")] == 1 and got[("late", "dog")] == 2
    assert ("late", "the") not in got  # stop word dropped
    # the same through pandas
    kept = t[(t["kind"] != "punct") & ~t["is_stop"]]
    expected = kept.groupby(["period", "norm"], observed=True).size()
    assert counts["n"].sum() == expected.sum() == len(kept)


def test_blocks_give_the_same_matrix(tokens, monkeypatch):
    whole = dtm.document_term_matrix(tokens, by="sent_id")
    monkeypatch.setattr(dtm, "BLOCK_CELLS", 5)
    blocked = dtm.document_term_matrix(tokens, by="sent_id")
    assert (whole.matrix != blocked.matrix).nnz == 0
    shuffled = tokens.sample(frac=1, random_state=0).reset_index(drop=True)
    again = dtm.document_term_matrix(shuffled, by="sent_id")
    assert (whole.matrix != again.matrix).nnz == 0


def test_empty_and_pure(tokens):
    before = tokens.copy()
    dtm.document_term_matrix(tokens)
    pd.testing.assert_frame_equal(tokens, before)
    m = dtm.document_term_matrix(tokens.iloc[:0])
    assert m.shape == (0, 0)
    assert list(m.to_frame().columns) == ["doc_id", "term", "n"]


def test_friendly_errors(tokens):
    with pytest.raises(TypeError, match="token frame"):
        dtm.document_term_matrix(["a", "b"])
    with pytest.raises(tm.ColumnError, match="'period'"):
        dtm.document_term_matrix(tokens, by="period")
    with pytest.raises(tm.InputError, match="not both"):
        dtm.document_term_matrix(tokens, vocabulary=["a"], hashing=True)
    with pytest.raises(TypeError, match="not one string"):
        dtm.document_term_matrix(tokens, vocabulary="the")
    with pytest.raises(TypeError, match="kinds"):
        dtm.document_term_matrix(tokens, kinds="word")
