"""Trends by period, document and metadata; periods of dated documents."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import textmine as tm
from textmine.errors import ColumnError, InputError
from textmine.trends import document_periods, trends

PERIODS = pd.DataFrame({
    "period": ["early", "late"], "label": ["Early years", "Late years"],
    "year_start": [1917, 1923], "year_end": [1922, 1930],
})


@pytest.fixture(scope="module")
def corpus():
    # three dated documents; words: 5, 6, 6 (punctuation and the citation do not count)
    return tm.Corpus([
        tm.parse("Peace and bread (Lenin, Works, p. 3) for all.\n", doc_id="d1921", header=False),
        tm.parse("War, war and a peaceful word.\n", doc_id="d1925", header=False),
        tm.parse("Peace, peace and peace talks today.\n", doc_id="d1927", header=False),
    ], metadata=pd.DataFrame({"doc_id": ["d1921", "d1925", "d1927"], "date": ["1921-03-15", "1925", "1927-11"],
                              "author": ["b", "a", "b"]}))


def test_trends_by_document_hand_counted(corpus):
    out = trends(corpus.tokens, ["peace*", "war"], by="doc_id")
    assert list(out.columns) == ["doc_id", "term", "n", "n_total", "per_1000"]
    assert out["doc_id"].astype(str).tolist() == ["d1921", "d1921", "d1925", "d1925", "d1927", "d1927"]
    assert out["term"].tolist() == ["peace*", "war"] * 3
    assert out["n"].tolist() == [1, 0, 1, 2, 3, 0]  # peace* also matches "peaceful"
    assert out["n_total"].tolist() == [5, 5, 6, 6, 6, 6]
    np.testing.assert_allclose(out["per_1000"], 1000 * out["n"] / out["n_total"])


def test_trends_by_metadata_and_document_periods(corpus):
    docs = document_periods(corpus.documents, PERIODS)
    assert docs["year"].tolist() == [1921, 1925, 1927]
    assert docs["period"].astype(str).tolist() == ["early", "late", "late"]
    by_period = trends(corpus.tokens, ["peace"], by="period", documents=docs)
    assert by_period["period"].astype(str).tolist() == ["early", "late"]  # chronological, from the periods table
    assert by_period["n"].tolist() == [1, 3] and by_period["n_total"].tolist() == [5, 12]
    by_year = trends(corpus.tokens, "peace", by="year", documents=docs)
    assert by_year["year"].tolist() == [1921, 1925, 1927] and by_year["n"].tolist() == [1, 0, 3]
    by_author = trends(corpus.tokens, ["war"], by="author", documents=corpus.documents)
    assert by_author["author"].tolist() == ["a", "b"] and by_author["n"].tolist() == [2, 0]
    assert by_author["n_total"].tolist() == [6, 11]


def test_trends_agree_with_the_term_explorer(chapter_path):
    doc = tm.load(chapter_path, events=chapter_path.parent / "events.csv")
    periods = chapter_path.parent / "periods.csv"
    ex = tm.explore.terms(doc, "revolution*", periods=periods, interactive=False)
    out = trends(tm.assign_periods(doc, periods).tokens, ["revolution*"], by="period")
    rates = ex.rates.loc[ex.rates["n_words"] > 0]
    assert out["period"].astype(str).tolist() == rates["period"].astype(str).tolist()
    assert out["n"].tolist() == rates["n"].tolist()
    assert out["n_total"].tolist() == rates["n_words"].tolist()


def test_trends_case_empty_errors_and_purity(corpus):
    tokens = corpus.tokens
    before = tokens.copy()
    assert trends(tokens, ["Peace"], by="doc_id", term="token", case=True)["n"].tolist() == [1, 0, 1]
    pd.testing.assert_frame_equal(tokens, before)
    empty = trends(tokens.iloc[:0], ["peace"], by="doc_id")
    assert empty.empty and list(empty.columns) == ["doc_id", "term", "n", "n_total", "per_1000"]
    with pytest.raises(InputError, match="not a single word"):
        trends(tokens, ["peace talks"], by="doc_id")
    with pytest.raises(InputError, match="lists a term twice"):
        trends(tokens, ["war", "war"], by="doc_id")
    with pytest.raises(ColumnError, match="Pass documents=corpus.documents"):
        trends(tokens, ["war"], by="year")
    with pytest.raises(ColumnError, match=r"documents lacks column\(s\) \['year'\]"):
        trends(tokens, ["war"], by="year", documents=corpus.documents)
    with pytest.raises(TypeError, match="terms must be a word or a list of words"):
        trends(tokens, 3, by="doc_id")


def test_document_periods_reads_dates_and_refuses_undated():
    docs = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "date": ["1921-03-15", "1940", None, "c. 1950"]})
    out = document_periods(docs, PERIODS)
    assert out["year"].tolist()[:2] == [1921, 1940] and out["year"].isna().tolist() == [False, False, True, True]
    assert out["period"].astype(str).tolist() == ["early", "unassigned", "unassigned", "unassigned"]
    years = document_periods(pd.DataFrame({"doc_id": ["a"], "year": [1925]}), PERIODS)
    assert years["period"].astype(str).tolist() == ["late"]
    dt = document_periods(pd.DataFrame({"doc_id": ["a"], "date": pd.to_datetime(["1918-01-01"])}), PERIODS)
    assert dt["year"].tolist() == [1918]
    with pytest.raises(ColumnError, match=r"lacks column\(s\) \['year'\].*'year' or a 'date' column"):
        document_periods(pd.DataFrame({"doc_id": ["a"]}), PERIODS)
    assert list(docs.columns) == ["doc_id", "date"]  # input unchanged
