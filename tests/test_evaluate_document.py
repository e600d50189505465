"""evaluate_document scores whichever annotation files are given."""

import pandas as pd

import textmine as tm
from conftest import ANNOTATIONS, CHAPTER

A = ANNOTATIONS / "north-1989-"


def test_no_annotations_gives_an_empty_table_with_columns():
    doc = tm.parse("A text. “Quoted words,” he said.")
    out = tm.evaluate.evaluate_document(doc)
    assert out.empty and list(out.columns) == ["task", "measure", "value", "n_gold", "n_pred", "n_match"]


def test_chapter_headline_measures_meet_the_targets():
    doc = tm.assign_periods(tm.load(CHAPTER, events=ANNOTATIONS.parent / "events.csv"), ANNOTATIONS.parent / "periods.csv")
    scores = tm.evaluate.evaluate_document(
        doc, quotations=f"{A}quotations.csv", citations=f"{A}citations.csv",
        dates=f"{A}dates.csv", periods=f"{A}paragraph-periods.csv",
    )
    s = tm.evaluate.summary(scores)
    assert [tuple(r) for r in s[["task", "measure"]].itertuples(index=False)] == list(tm.evaluate.SUMMARY_MEASURES)
    v = s.set_index(["task", "measure"])["value"]
    assert v["quotations", "span_f1_exact"] >= 0.97
    assert v["quotations", "kind_accuracy"] >= 0.95
    assert v["quotations", "speaker_accuracy"] >= 0.90
    assert v["citations", "field_accuracy"] >= 0.95
    assert v["citations", "ibid_resolution_accuracy"] == 1.0
    assert v["dates_explicit", "span_precision_exact"] >= 0.95 and v["dates_explicit", "span_recall_exact"] >= 0.95
    assert v["citation_dates", "n_citation_as_historical"] == 0
    assert v["periods", "period_accuracy"] >= 0.90
    assert isinstance(s.index, pd.RangeIndex)
