"""The evaluation texts' scorers and ``python -m textmine.evaluate``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import textmine as tm
from textmine import evaluate as ev

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


def _v(table: pd.DataFrame, measure: str, task: str | None = None) -> float:
    sel = table["measure"] == measure
    if task is not None:
        sel &= table["task"] == task
    (value,) = table.loc[sel, "value"].tolist()
    return value


def _q(rows):
    return pd.DataFrame(rows, columns=["start", "end", "kind", "speaker", "speaker_kind"][: len(rows[0])])


# --- speakers -------------------------------------------------------------------------------------

def test_speakers_by_kind_surname_full_name_and_author():
    gold = _q([(0, 10, "quotation", "Walter E. Ames", "person"),
               (20, 30, "quotation", "the Harlow Courier", "periodical"),
               (40, 50, "quotation", "the Bureau of the Budget", "organisation"),
               (60, 70, "quotation", "Helen Carrow", "author"),
               (80, 90, "quotation", None, None),
               (95, 99, "term", None, None)])
    right = _q([(0, 10, "quotation", "Ames"), (20, 30, "quotation", "Harlow  courier"),
                (40, 50, "quotation", "The Bureau of the Budget"), (60, 70, "quotation", "Carrow"),
                (80, 90, "quotation", None), (95, 99, "term", None)])
    out = ev.evaluate_speakers(right, gold, author="Helen Carrow")
    assert _v(out, "speaker_accuracy") == 1.0 and out.loc[0, "n_gold"] == 5
    wrong = _q([(0, 10, "quotation", "Walter"), (20, 30, "quotation", "Courier"),
                (40, 50, "quotation", "Budget"), (60, 70, "quotation", "Ames"),
                (80, 90, "quotation", "Ames"), (95, 99, "term", None)])
    out = ev.evaluate_speakers(wrong, gold, author="Helen Carrow")
    assert _v(out, "speaker_accuracy") == 0.0
    assert set(out["measure"]) >= {"speaker_accuracy_person", "speaker_accuracy_periodical",
                                   "speaker_accuracy_organisation", "speaker_accuracy_author"}


def test_an_author_row_without_a_known_author_is_right_only_by_speaker_kind():
    gold = _q([(0, 10, "quotation", "Wessels", "author")])
    none = pd.DataFrame({"start": [0], "end": [10], "speaker": [None]})
    assert _v(ev.evaluate_speakers(none, gold), "speaker_accuracy") == 0.0
    tagged = pd.DataFrame({"start": [0], "end": [10], "speaker": [None], "speaker_kind": ["author"]})
    assert _v(ev.evaluate_speakers(tagged, gold), "speaker_accuracy") == 1.0


def test_a_missed_quotation_counts_against_speaker_accuracy():
    gold = _q([(0, 10, "quotation", "Ames", "person"), (20, 30, "quotation", "Ames", "person")])
    pred = _q([(0, 10, "quotation", "Ames")])
    out = ev.evaluate_speakers(pred, gold)
    assert _v(out, "speaker_accuracy") == 0.5 and out.loc[0, "n_pred"] == 1


def test_without_speaker_kind_speakers_equal_the_chapter_scorer(chapter):
    gold = ev.read_quotation_annotations(DATA / "annotations" / "north-1989-quotations.csv")
    assert "speaker_kind" not in gold.columns
    pred = chapter.quotations.copy()
    pred.loc[pred.index[:5], "speaker"] = "Nobody"
    old = _v(ev.evaluate_quotations(pred, gold), "speaker_accuracy")
    assert old < 1.0 and _v(ev.evaluate_speakers(pred, gold), "speaker_accuracy") == old


# --- source quotations ----------------------------------------------------------------------------

def test_source_quotation_f1_counts_kind_errors_both_ways():
    gold = _q([(0, 10, "quotation"), (20, 30, "quotation"), (40, 50, "term"), (60, 70, "title")])
    pred = _q([(0, 10, "quotation"), (21, 29, "term"), (40, 50, "quotation"), (60, 70, "title")])
    out = ev.evaluate_source_quotations(pred, gold)
    # P = {0-10, 40-50}, G = {0-10, 20-30}: one pair
    assert _v(out, "precision") == 0.5 and _v(out, "recall") == 0.5 and _v(out, "f1") == 0.5
    assert _v(ev.evaluate_source_quotations(gold, gold), "f1") == 1.0
    empty = gold.iloc[:0]
    assert _v(ev.evaluate_source_quotations(empty, empty), "f1") == 1.0
    assert _v(ev.evaluate_source_quotations(empty, gold), "f1") == 0.0


# --- citation fields ------------------------------------------------------------------------------

def test_citation_fields_add_periodical_only_when_gold_has_it(chapter):
    gold = ev.read_citation_annotations(DATA / "annotations" / "north-1989-citations.csv")
    old = _v(ev.evaluate_citations(chapter.citations, gold), "field_accuracy")
    assert _v(ev.evaluate_citation_fields(chapter.citations, gold), "field_accuracy") == old
    gold = gold.assign(periodical=["", "", "Current Digest of the Soviet Press", *[""] * (len(gold) - 3)])
    gold["periodical"] = gold["periodical"].replace("", None)
    # a prediction without the column counts as empty (doc.citations has one now: drop it to test that)
    out = ev.evaluate_citation_fields(chapter.citations.drop(columns=["periodical"]), gold)
    assert _v(out, "field_accuracy_periodical") == (len(gold) - 1) / len(gold)


# --- notes ----------------------------------------------------------------------------------------

def _notes():
    gold_notes = pd.DataFrame({"note_id": [0, 1, 2], "start": [100, 120, 140], "end": [118, 138, 150],
                               "author": ["Ellen Thorne", "Ellen Thorne", None], "title": ["Windbreak Years"] * 2 + [None],
                               "year": [1979, 1979, None], "pages": ["88", "95", "4"], "box": [None, None, 2],
                               "is_ibid": [False, True, False], "refers_to": [None, 0, None]})
    gold_markers = pd.DataFrame({"start": [10, 30, 50], "end": [11, 31, 52], "note_id": [0, 1, 2]})
    return gold_notes, gold_markers


def test_notes_fields_and_links_when_the_package_gets_them_right():
    gn, gm = _notes()
    pn = gn.assign(note_id=[7, 8, 9], refers_to=[None, 7, None], box=["", "", "2"])
    pm = gm.assign(note_id=[7, 8, 9])
    out = ev.evaluate_notes(pn, gn, pred_markers=pm, gold_markers=gm)
    assert _v(out, "field_accuracy") == 1.0
    assert _v(out, "link_accuracy") == 1.0 and out.set_index("measure").at["link_accuracy", "n_gold"] == 4
    # a marker pointing at the wrong note and an Ibid. resolved to itself
    bad = ev.evaluate_notes(pn.assign(refers_to=[None, 8, None]), gn, pred_markers=pm.assign(note_id=[7, 7, 9]),
                            gold_markers=gm)
    assert _v(bad, "link_accuracy_markers") == 2 / 3 and _v(bad, "link_accuracy_refers_to") == 0.0


def test_notes_are_not_applicable_without_a_predicted_frame():
    gn, gm = _notes()
    out = ev.evaluate_notes(None, gn, gold_markers=gm)
    assert np.isnan(_v(out, "field_accuracy")) and np.isnan(_v(out, "link_accuracy"))


def test_quotation_and_reference_links():
    gn, _ = _notes()
    gq = pd.DataFrame({"start": [0], "end": [9], "kind": ["quotation"], "note_id": pd.array([1], dtype="Int64")})
    pq = pd.DataFrame({"start": [0], "end": [9], "kind": ["quotation"], "note_id": [8]})
    out = ev.evaluate_notes(gn.assign(note_id=[7, 8, 9], refers_to=[None, 7, None]), gn, pred_quotations=pq,
                            gold_quotations=gq)
    assert _v(out, "link_accuracy_quotations") == 1.0
    gr = pd.DataFrame({"ref_id": [0, 1], "start": [200, 260], "end": [250, 300], "author": ["Pryor, Edmund", "Tennant, George"]})
    gc = pd.DataFrame({"start": [5, 20], "end": [15, 30], "reference_id": pd.array([1, 0], dtype="Int64")})
    pc = gc.assign(reference_id=[4, 4])
    out = ev.evaluate_notes(None, None, pred_references=gr.assign(ref_id=[3, 4]), gold_references=gr,
                            pred_citations=pc, gold_citations=gc)
    assert _v(out, "link_accuracy_references") == 0.5 and _v(out, "field_accuracy") == 1.0


# --- paragraphs, periods, header ------------------------------------------------------------------

def test_periods_follow_paragraph_offsets_not_para_ids():
    gold_par = pd.DataFrame({"para_id": [0, 1, 2], "start": [0, 10, 20], "end": [9, 19, 29]})
    # the package saw one paragraph where the gold has the first two
    pred_par = pd.DataFrame({"para_id": [0, 1], "start": [0, 20], "end": [19, 29], "period": ["a", "b"],
                             "year_focus": pd.array([1900, 1950], dtype="Int64")})
    mapped = ev._paragraph_periods_by_offset(pred_par, gold_par)
    assert mapped["period"].tolist()[0] == "a" and mapped["period"].tolist()[2] == "b"
    assert pd.isna(mapped["period"].tolist()[1])
    gold = pd.DataFrame({"para_id": [0, 1, 2], "period": ["a", "a", "b"], "year_focus": pd.array([1900, 1901, 1950], dtype="Int64"),
                         "ambiguous": [False, False, False]})
    out = ev.evaluate_periods(mapped, gold)
    assert _v(out, "period_accuracy") == 2 / 3
    assert _v(ev.evaluate_paragraphs(pred_par, gold_par), "span_f1_exact") == pytest.approx(0.4)


def test_header_fields_need_the_same_field_and_text():
    gold = pd.DataFrame({"field": ["title", "author"], "text": ["The Tramway Question", "Hendrik Wessels"]})
    pred = pd.DataFrame({"field": ["title", "translator"], "text": ["The  Tramway Question", "Hendrik Wessels"]})
    out = ev.evaluate_header(pred, gold)
    assert _v(out, "field_accuracy") == 0.5 and out.loc[0, "n_match"] == 1


def test_read_gold_table_types_the_columns():
    g = ev.read_gold_table(DATA / "annotations" / "govhistory-footnotes-notes.csv")
    assert g["year"].dtype == "Int64" and g["is_ibid"].dtype == bool and g["refers_to"].dtype == "Int64"
    assert g["start"].is_monotonic_increasing


# --- texts and the command ------------------------------------------------------------------------

def test_list_texts_keeps_the_heldout_split_out_of_dev():
    dev = ev.list_texts(DATA)
    assert dev["name"].iloc[0] == "north-1989" and set(dev["split"]) == {"chapter", "dev"}
    held = ev.list_texts(DATA, split="heldout")
    assert len(held) >= 2 and set(held["split"]) == {"heldout"}
    assert set(ev.list_texts(DATA, split="all")["name"]) == set(dev["name"]) | set(held["name"])
    assert ev.list_texts(DATA, names=["north-1989"])["split"].tolist() == ["chapter"]
    with pytest.raises(tm.InputError, match="unknown text"):
        ev.list_texts(DATA, names=["no-such-text"])
    with pytest.raises(ValueError, match="split"):
        ev.list_texts(DATA, split="test")


def test_evaluate_text_on_a_dev_text_scores_every_part_it_has_gold_for():
    t = ev.list_texts(DATA, names=["govhistory-footnotes"]).iloc[0]
    doc = tm.load(t["text"], events=DATA / "events.csv")
    long = ev.evaluate_text(doc, t["prefix"], periods=t["periods"], author=t["author"])
    tasks = set(long["task"])
    assert {"quotations", "source_quotations", "speakers", "notes", "dates", "paragraphs", "periods", "header"} <= tasks
    rates = long[~long["measure"].isin(["year_focus_mae", "n_citation_as_historical"])]["value"].dropna()
    assert rates.between(0, 1).all()
    n_quotes = len(pd.read_csv(DATA / "annotations" / "govhistory-footnotes-quotations.csv"))
    assert long.set_index(["task", "measure"]).at[("quotations", "span_f1_exact"), "n_gold"] == n_quotes


def test_the_command_prints_one_row_per_text_with_the_chapter_first():
    out = subprocess.run([sys.executable, "-m", "textmine.evaluate", "north-1989", "pamphlet-straight"],
                         cwd=ROOT, capture_output=True, text=True, check=True)
    lines = out.stdout.strip().splitlines()
    assert lines[0].split() == ["text", "split", "words", *(c for c, _, _ in ev.TEXT_MEASURES)]
    assert [ln.split()[0] for ln in lines[1:]] == ["north-1989", "pamphlet-straight"]
    chapter = lines[1].split()
    assert chapter[3] == "1.000" and "n/a" in chapter  # the chapter has no notes
    assert "RuntimeWarning" not in out.stderr


def test_the_command_refuses_an_unknown_name_with_a_clear_message():
    out = subprocess.run([sys.executable, "-m", "textmine.evaluate", "no-such-text"], cwd=ROOT,
                         capture_output=True, text=True)
    assert out.returncode == 2 and "unknown text(s) ['no-such-text']" in out.stderr


def test_format_table_shows_missing_values_as_na():
    scores = pd.DataFrame({"text": ["a"], "split": ["dev"], "words": [10], "quote_f1": [0.5], "note_links": [np.nan]})
    assert ev.format_table(scores).splitlines()[1].split() == ["a", "dev", "10", "0.500", "n/a"]
    md = ev.format_table(scores, markdown=True).splitlines()
    assert md == ["| text | split | words | quote_f1 | note_links |", "|---|---|---:|---:|---:|",
                  "| a | dev | 10 | 0.500 | n/a |"]
