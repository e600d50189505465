"""Evaluating dates and periods: hand-computed scores, then the chapter's targets."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import ANNOTATIONS, CHAPTER, ROOT
from textmine.evaluate import evaluate_dates, evaluate_periods, read_date_annotations, read_period_annotations

COLS = ["task", "measure", "value", "n_gold", "n_pred", "n_match"]


def frame(rows):
    return pd.DataFrame(rows, columns=["start", "end", "year_start", "year_end", "month", "day", "granularity", "kind",
                                       "in_citation", "in_quote"]).astype(
        {"year_start": "Int64", "year_end": "Int64", "month": "Int64", "day": "Int64"})


GOLD = frame([
    (0, 4, 1917, 1917, None, None, "year", "explicit", False, False),
    (10, 22, 1920, 1920, 11, 3, "day", "explicit", False, False),
    (30, 43, 1920, 1920, 11, 4, "day", "relative", False, False),
    (50, 54, 1973, 1973, None, None, "year", "explicit", True, False),
])
PRED = frame([
    (0, 4, 1917, 1917, None, None, "year", "explicit", False, False),        # exact, all right
    (10, 20, 1920, 1920, 11, None, "month", "explicit", False, False),       # overlap only, month right, day missed
    (50, 54, 1973, 1973, None, None, "year", "explicit", False, False),      # citation year NOT flagged
    (60, 64, 1930, 1930, None, None, "year", "explicit", False, False),      # false positive
])


def value(table, task, measure):
    row = table[(table["task"] == task) & (table["measure"] == measure)]
    assert len(row) == 1, (task, measure)
    return row.iloc[0]


def test_evaluate_dates_hand_computed():
    t = evaluate_dates(PRED, GOLD)
    assert list(t.columns) == COLS
    r = value(t, "dates", "span_recall_exact")           # 2 exact of 4 gold
    assert (r["value"], r["n_gold"], r["n_pred"], r["n_match"]) == (0.5, 4, 4, 2)
    assert value(t, "dates", "span_recall_overlap")["value"] == 0.75
    assert value(t, "dates", "span_precision_overlap")["value"] == 0.75
    # explicit only: gold 3, pred 4 -> exact 2, overlap 3
    assert value(t, "dates_explicit", "span_precision_exact")["value"] == 0.5
    assert value(t, "dates_explicit", "span_recall_overlap")["value"] == 1.0
    # attributes over the 3 overlap pairs
    y = value(t, "dates", "year_accuracy")
    assert (y["value"], y["n_gold"], y["n_match"]) == (1.0, 3, 3)
    assert value(t, "dates", "month_day_accuracy")["n_match"] == 2
    assert value(t, "dates", "granularity_accuracy")["n_match"] == 2
    assert value(t, "dates", "in_citation_accuracy")["n_match"] == 2
    c = value(t, "citation_dates", "n_citation_as_historical")
    assert (c["value"], c["n_gold"], c["n_pred"], c["n_match"]) == (1.0, 1, 0, 0)
    # historical = not in citations: gold 3, pred 4
    assert value(t, "dates_historical", "span_recall_exact")["n_gold"] == 3


def test_evaluate_dates_pure_and_typed():
    p, g = PRED.copy(deep=True), GOLD.copy(deep=True)
    t = evaluate_dates(PRED, GOLD)
    pd.testing.assert_frame_equal(p, PRED)
    pd.testing.assert_frame_equal(g, GOLD)
    assert t["value"].dtype == "float64" and t["n_match"].dtype == "int64"
    assert isinstance(t.index, pd.RangeIndex)


def test_evaluate_dates_errors():
    with pytest.raises(TypeError, match="pred must be a DataFrame"):
        evaluate_dates([1], GOLD)
    with pytest.raises(KeyError, match=r"gold lacks column\(s\) \['kind'\]"):
        evaluate_dates(PRED, GOLD.drop(columns="kind"))


def test_evaluate_periods_hand_computed():
    gold = pd.DataFrame({"para_id": [0, 1, 2, 3, 4], "period": ["a", "a", "b", None, "b"],
                         "year_focus": pd.array([1900, 1901, 1930, None, 1931], dtype="Int64"),
                         "ambiguous": [False, False, False, True, True]})
    pred = pd.DataFrame({"para_id": [0, 1, 2, 3, 4], "period": ["a", "b", "b", "a", "unassigned"],
                         "year_focus": pd.array([1900, 1930, 1932, 1900, None], dtype="Int64")})
    t = evaluate_periods(pred, gold)
    assert list(t.columns) == COLS
    r = value(t, "periods", "period_accuracy")             # paras 0,1,2: 0 and 2 right
    assert (r["value"], r["n_gold"], r["n_pred"], r["n_match"]) == (2 / 3, 3, 3, 2)
    r = value(t, "periods", "period_accuracy_all")         # paras 0,1,2,4 (3 has no period)
    assert (r["value"], r["n_gold"], r["n_pred"], r["n_match"]) == (0.5, 4, 3, 2)
    assert value(t, "periods", "year_focus_accuracy")["n_match"] == 1
    assert value(t, "periods", "year_focus_mae")["value"] == pytest.approx((0 + 29 + 2) / 3)
    # a paragraph missing from the prediction counts as wrong
    t2 = evaluate_periods(pred[pred["para_id"] != 0], gold)
    assert value(t2, "periods", "period_accuracy")["n_match"] == 1


def test_read_annotations_types():
    g = read_date_annotations(ANNOTATIONS / "north-1989-dates.csv")
    assert g["in_citation"].dtype == bool and str(g["month"].dtype) == "Int64"
    assert g["in_citation"].sum() == 4
    p = read_period_annotations(ANNOTATIONS / "north-1989-paragraph-periods.csv")
    assert len(p) == 51 and p["ambiguous"].dtype == bool and p["period"].isna().sum() == 2


# ------------------------------------------------------------------ the chapter's targets
@pytest.fixture(scope="module")
def chapter_with_periods():
    import textmine as tm
    from textmine.periods import assign_periods

    doc = tm.load(CHAPTER, events=ROOT / "data" / "events.csv")
    return assign_periods(doc, ROOT / "data" / "periods.csv")


def test_chapter_explicit_dates_targets(chapter_with_periods):
    gold = read_date_annotations(ANNOTATIONS / "north-1989-dates.csv")
    t = evaluate_dates(chapter_with_periods.dates, gold)
    assert value(t, "dates_explicit", "span_recall_exact")["value"] >= 0.95
    assert value(t, "dates_explicit", "span_precision_exact")["value"] >= 0.95
    assert value(t, "dates_explicit", "year_accuracy")["value"] >= 0.95


def test_chapter_no_citation_year_is_historical(chapter_with_periods):
    gold = read_date_annotations(ANNOTATIONS / "north-1989-dates.csv")
    d = chapter_with_periods.dates
    t = evaluate_dates(d, gold)
    c = value(t, "citation_dates", "n_citation_as_historical")
    assert c["value"] == 0 and c["n_match"] == c["n_gold"] == 4
    # and no citation date placed a paragraph: every explicit paragraph has a non-citation date
    par = chapter_with_periods.paragraphs
    explicit = set(par.loc[par["period_rule"] == "explicit", "para_id"])
    hist = d[~d["in_citation"] & ~d["in_quote"]]
    assert explicit <= set(hist["para_id"])


def test_chapter_paragraph_period_target(chapter_with_periods):
    gold = read_period_annotations(ANNOTATIONS / "north-1989-paragraph-periods.csv")
    t = evaluate_periods(chapter_with_periods.paragraphs, gold)
    assert value(t, "periods", "period_accuracy")["value"] >= 0.90


def test_chapter_block_quotations_follow_their_introduction(chapter_with_periods):
    par = chapter_with_periods.paragraphs.set_index("para_id")
    # the paragraph introducing a letter of 4 November 1920 and the letter quoted after it
    intro = par.index[par["text"].str.startswith("One day later")][0]
    letter = intro + 1
    assert par.loc[letter, "period_rule"] == "quotation-source"
    assert par.loc[letter, "period"] == par.loc[intro, "period"] and par.loc[letter, "year_focus"] == 1920
