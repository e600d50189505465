"""The evaluation set (data/eval): built files are current and every gold offset is right."""

from __future__ import annotations

import csv
import importlib.util
import re
import shutil
import sys
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT / "data" / "eval"
ANN = ROOT / "data" / "annotations"
NAMES = sorted(p.stem for p in (EVAL / "src").glob("*.ann"))


@lru_cache(maxsize=1)
def _script():
    spec = importlib.util.spec_from_file_location("eval_annotations", ROOT / "scripts" / "eval_annotations.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look the module up while it is executed
    spec.loader.exec_module(mod)
    return mod


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _text(name: str) -> str:
    return (EVAL / f"{name}.txt").read_text(encoding="utf-8")


def test_there_are_sources_in_both_splits():
    splits = {_rows(EVAL / f"{n}.meta.csv")[0]["split"] for n in NAMES}
    assert len(NAMES) >= 5 and splits == {"dev", "heldout"}


def test_built_files_are_current():
    assert _script().main(["--check"]) == 0


@pytest.mark.parametrize("name", NAMES)
def test_every_span_matches_its_text(name):
    text = _text(name)
    checked = 0
    for table, col in (("quotations", "head"), ("citations", "raw"), ("notes", "text"), ("note-markers", "text"),
                       ("references", "text"), ("dates", "text"), ("paragraphs", "head"), ("header", "text")):
        for row in _rows(ANN / f"{name}-{table}.csv"):
            s, e = int(row["start"]), int(row["end"])
            assert 0 <= s < e <= len(text), (table, row)
            span = text[s:e]
            assert span == span.strip(), (table, row)
            want = " ".join(span[:40].split()) if col == "head" else span
            assert row[col] == want, (table, row)
            checked += 1
    assert checked > 50


@pytest.mark.parametrize("name", NAMES)
def test_links_point_to_existing_rows_and_spans_are_in_order(name):
    q = _rows(ANN / f"{name}-quotations.csv")
    c = _rows(ANN / f"{name}-citations.csv")
    n = _rows(ANN / f"{name}-notes.csv")
    r = _rows(ANN / f"{name}-references.csv")
    m = _rows(ANN / f"{name}-note-markers.csv")
    for table in (q, c, n, r, m):
        starts = [int(x["start"]) for x in table]
        assert starts == sorted(starts)
    ids = {"q": {x["quote_id"] for x in q}, "c": {x["citation_id"] for x in c}, "n": {x["note_id"] for x in n},
           "r": {x["ref_id"] for x in r}}
    for x in q:
        assert x["group_id"] in ids["q"] and int(x["group_id"]) <= int(x["quote_id"])
        assert x["citation_id"] in ids["c"] | {""} and x["note_id"] in ids["n"] | {""}
        assert (x["speaker"] == "") == (x["speaker_kind"] == "")
        if x["kind"] != "quotation":
            assert x["speaker"] == ""
    for x in c:
        assert x["refers_to"] in ids["c"] | {""} and x["reference_id"] in ids["r"] | {""}
        assert (x["is_ibid"] == "True") == (x["refers_to"] != "")
    for x in n:  # a note's refers_to: the note an Ibid. repeats or a short form shortens
        assert x["refers_to"] in ids["n"] | {""} and int(x["refers_to"] or -1) < int(x["note_id"])
        assert x["is_ibid"] != "True" or x["refers_to"] != ""
    # every marker points to a note, and every note has a marker in the body
    assert {x["note_id"] for x in m} == ids["n"]
    # a quotation span starts at a quotation mark, or is a block quotation that starts its paragraph
    text = _text(name)
    para_starts = {int(p["start"]) for p in _rows(ANN / f"{name}-paragraphs.csv")}
    for x in q:
        assert text[int(x["start"])] in "\"'“‘«" or int(x["start"]) in para_starts, x


@pytest.mark.parametrize("name", NAMES)
def test_paragraphs_tile_the_body_and_periods_are_in_the_table(name):
    text = _text(name)
    paras = _rows(ANN / f"{name}-paragraphs.csv")
    header = _rows(ANN / f"{name}-header.csv")
    body_start = int(paras[0]["start"])
    assert all(int(h["end"]) <= body_start for h in header)
    for a, b in zip(paras, paras[1:]):
        assert int(a["end"]) <= int(b["start"]) and text[int(a["end"]):int(b["start"])].strip() == ""
    assert text[int(paras[-1]["end"]):].strip() == ""
    periods = {p["period"]: (int(p["year_start"]), int(p["year_end"])) for p in _rows(EVAL / f"{name}.periods.csv")}
    gold = _rows(ANN / f"{name}-paragraph-periods.csv")
    assert gold
    for row in gold:
        lo, hi = periods[row["period"]]
        assert lo <= int(row["year_focus"]) <= hi
    layout = _rows(EVAL / f"{name}.meta.csv")[0]["layout"]
    gaps = [text[int(a["end"]):int(b["start"])] for a, b in zip(paras, paras[1:])]
    if layout in ("lines", "indented"):
        assert all("\n\n" not in g for g in gaps)
    else:
        assert all("\n\n" in g for g in gaps)


@pytest.mark.parametrize("name", NAMES)
def test_dates_have_ordered_years_and_known_values(name):
    for row in _rows(ANN / f"{name}-dates.csv"):
        assert int(row["year_start"]) <= int(row["year_end"])
        assert row["kind"] in {"explicit", "relative", "event"}
        assert row["granularity"] in {"day", "days", "month", "season", "year", "years", "decade", "century"}
        if row["granularity"] in ("day", "days"):
            assert row["month"] and row["day"]


def test_the_script_refuses_typos_and_values_outside_the_vocabulary():
    ea = _script()
    with pytest.raises(ea.MarkupError, match="unknown attribute"):
        ea.strip_markup("⟦p⟧A ⟦q speker=Smith⟧“x”⟦/q⟧.", "t.ann")
    with pytest.raises(ea.MarkupError, match="not one of"):
        ea.strip_markup("⟦p⟧A ⟦q kind=quote⟧“x”⟦/q⟧.", "t.ann")
    with pytest.raises(ea.MarkupError, match="not an integer"):
        ea.strip_markup("⟦p⟧In ⟦d year_start=19x granularity=year kind=explicit⟧1917⟦/d⟧.", "t.ann")
    with pytest.raises(ea.MarkupError, match="before year_start"):
        ea.strip_markup("⟦p⟧In ⟦d year_start=1920 year_end=1919 granularity=years kind=explicit⟧x⟦/d⟧.", "t.ann")
    with pytest.raises(ea.MarkupError, match="has no speaker"):
        ea.strip_markup("⟦p⟧A ⟦q kind=term speaker=Smith⟧“x”⟦/q⟧.", "t.ann")


def test_nesting_gives_in_quote_and_in_citation(tmp_path):
    ea = _script()
    text, _, spans = ea.strip_markup(
        "⟦p⟧He said ⟦q⟧“in ⟦d year_start=1900 granularity=year kind=explicit⟧1900⟦/d⟧”⟦/q⟧ "
        "⟦c year=1901⟧(⟦d year_start=1901 granularity=year kind=explicit⟧1901⟦/d⟧)⟦/c⟧.", "t.ann")
    dates = ea.build_tables(text, spans)["dates"]
    assert text == "He said “in 1900” (1901)."
    assert [(d["text"], d["in_quote"], d["in_citation"]) for d in dates] == [("1900", True, False), ("1901", False, True)]


def test_check_detects_a_stale_built_file(tmp_path, monkeypatch):
    ea = _script()
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(EVAL / "src" / f"{NAMES[0]}.ann", src)
    shutil.copy(EVAL / f"{NAMES[0]}.periods.csv", tmp_path)
    monkeypatch.setattr(ea, "SRC", src)
    monkeypatch.setattr(ea, "OUT_TEXT", tmp_path)
    monkeypatch.setattr(ea, "OUT_ANN", tmp_path / "ann")
    assert ea.main([]) == 0 and ea.main(["--check"]) == 0
    built = tmp_path / f"{NAMES[0]}.txt"
    built.write_text(built.read_text(encoding="utf-8") + " ", encoding="utf-8")
    assert ea.main(["--check"]) == 1
    assert re.fullmatch(r"[a-z-]+", NAMES[0])
