"""Scoring quotations and citations against annotations; the chapter targets."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import textmine as tm
from textmine.evaluate import (
    CITATION_FIELDS,
    evaluate_citations,
    evaluate_quotations,
    read_citation_annotations,
    read_quotation_annotations,
)

ANNOTATIONS = Path(__file__).resolve().parents[1] / "data" / "annotations"

COLUMNS = ["task", "measure", "value", "n_gold", "n_pred", "n_match"]


def qframe(rows):
    """start, end, kind, speaker, citation_id, group_id, closed."""
    cols = ["start", "end", "kind", "speaker", "citation_id", "group_id", "closed"]
    f = pd.DataFrame(rows, columns=cols)
    f["citation_id"] = f["citation_id"].astype("Int64")
    f["speaker"] = f["speaker"].astype("str")
    return f


def measure(table: pd.DataFrame, name: str) -> pd.Series:
    rows = table[table["measure"] == name]
    assert len(rows) == 1, name
    return rows.iloc[0]


GOLD_Q = qframe([
    (0, 10, "quotation", "Lenin", 0, 0, True),
    (12, 20, "quotation", "Lenin", None, 0, True),
    (30, 40, "term", None, None, 2, True),
    (50, 60, "quotation", "Trotsky", None, 3, True),
])
PRED_Q = qframe([
    (0, 10, "quotation", "Lenin", 5, 0, True),      # exact, right (citation 5 maps to gold 0)
    (12, 20, "quotation", "lenin", None, 1, True),  # exact, speaker case differs, group split wrong
    (31, 40, "quotation", None, None, 2, True),     # overlap only, kind wrong
    (70, 80, "term", None, None, 3, True),          # spurious
])


def test_evaluate_quotations_hand_computed():
    gc = pd.DataFrame({"citation_id": [0], "start": [100], "end": [110]})
    pc = pd.DataFrame({"citation_id": [5], "start": [100], "end": [110]})
    t = evaluate_quotations(PRED_Q, GOLD_Q, pred_citations=pc, gold_citations=gc)
    assert list(t.columns) == COLUMNS and (t["task"] == "quotations").all()
    # exact: 2 of 4 predicted, 2 of 4 gold
    r = measure(t, "span_f1_exact")
    assert (r["value"], r["n_gold"], r["n_pred"], r["n_match"]) == (0.5, 4, 4, 2)
    assert measure(t, "span_recall_overlap")["value"] == 0.75
    # kind: 3 gold rows paired (50-60 has no prediction); right on 2 of 4 gold rows
    r = measure(t, "kind_accuracy")
    assert (r["value"], r["n_gold"], r["n_pred"], r["n_match"]) == (0.5, 4, 3, 2)
    # speaker on gold source quotations (3): Lenin, lenin right; Trotsky unpaired
    r = measure(t, "speaker_accuracy")
    assert (r["n_gold"], r["n_pred"], r["n_match"]) == (3, 2, 2) and r["value"] == pytest.approx(2 / 3)
    # groups: gold {0,1} split into {0} and {1} -> both wrong; {2} right; 3 unpaired
    assert measure(t, "group_accuracy")["n_match"] == 1
    # citation link: gold 0 <- pred 5 right; rows 1 and 2 right (both empty); row 3 unpaired
    assert measure(t, "citation_link_accuracy")["n_match"] == 3
    assert measure(t, "closed_accuracy")["n_match"] == 3


def test_evaluate_quotations_validates():
    with pytest.raises(TypeError, match="pred must be a DataFrame"):
        evaluate_quotations([], GOLD_Q)
    with pytest.raises(tm.ColumnError, match="gold lacks column"):
        evaluate_quotations(PRED_Q, GOLD_Q.drop(columns="kind"))


def cframe(rows):
    cols = ["citation_id", "start", "end", *CITATION_FIELDS, "refers_to"]
    f = pd.DataFrame(rows, columns=cols)
    for c in ("year", "page_start", "page_end", "refers_to"):
        f[c] = f[c].astype("Int64")
    return f


def test_evaluate_citations_hand_computed():
    book = ["A. Author", "Book", "2", "Place", "Pub", 1990, None, "5-6", 5, 6]
    gold = cframe([
        [0, 0, 10, *book, False, None],
        [1, 20, 30, "A. Author", "Book", "2", "Place", "Pub", 1990, None, "7", 7, 7, True, 0],
        [2, 40, 50, "A. Author", "Book", "2", "Place", "Pub", 1990, None, "8", 8, 8, True, 0],
    ])
    pred = cframe([
        [0, 0, 10, *book, False, None],
        [1, 20, 30, "A. Author", "Book", "2", "Place", "Pub", 1990, None, "7", 7, 7, True, 0],
        [2, 40, 50, None, None, None, None, None, None, None, "8", 8, 8, True, None],  # unresolved Ibid
    ])
    t = evaluate_citations(pred, gold)
    assert list(t.columns) == COLUMNS
    n_f = len(CITATION_FIELDS)
    r = measure(t, "field_accuracy")
    # the unresolved Ibid misses author, title, volume, place, publisher, year (date is empty in both)
    assert (r["n_gold"], r["n_pred"], r["n_match"]) == (3 * n_f, 3 * n_f, 3 * n_f - 6)
    assert measure(t, "field_accuracy_author")["n_match"] == 2
    assert measure(t, "field_accuracy_date")["n_match"] == 3
    r = measure(t, "ibid_resolution_accuracy")
    assert (r["value"], r["n_gold"], r["n_match"]) == (0.5, 2, 1)


def test_readers_give_typed_frames():
    q = read_quotation_annotations(ANNOTATIONS / "north-1989-quotations.csv")
    c = read_citation_annotations(ANNOTATIONS / "north-1989-citations.csv")
    assert len(q) == 27 and len(c) == 12
    assert str(q["citation_id"].dtype) == "Int64" and q["closed"].dtype == bool
    assert str(q["speaker"].dtype) == "str" and q["speaker"].isna().sum() == 11
    assert str(c["year"].dtype) == "Int64" and str(c["refers_to"].dtype) == "Int64"
    assert c["is_ibid"].sum() == 8 and c["volume"].dropna().tolist() == ["1", "31"] + ["31"] * 8


def test_chapter_meets_the_targets(chapter):
    gq = read_quotation_annotations(ANNOTATIONS / "north-1989-quotations.csv")
    gc = read_citation_annotations(ANNOTATIONS / "north-1989-citations.csv")
    tq = evaluate_quotations(chapter.quotations, gq, pred_citations=chapter.citations, gold_citations=gc)
    tc = evaluate_citations(chapter.citations, gc)
    assert measure(tq, "span_f1_exact")["value"] >= 0.97
    assert measure(tq, "kind_accuracy")["value"] >= 0.95
    assert measure(tq, "speaker_accuracy")["value"] >= 0.90
    assert measure(tc, "field_accuracy")["value"] >= 0.95
    ibid = measure(tc, "ibid_resolution_accuracy")
    assert ibid["n_gold"] == 8 and ibid["value"] == 1.0
    assert measure(tc, "span_f1_exact")["value"] == 1.0  # asides such as "(Mr.)" are not citations
