"""textmine.periods: the periods table, the placement rules, assign_periods."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from textmine.dates import find_dates
from textmine.errors import ColumnError, InputError
from textmine.periods import (
    PERIOD_COLUMNS,
    assign_periods,
    paragraph_periods,
    period_dtype,
    period_of_years,
    read_periods,
)

PERIODS = pd.DataFrame({
    "period": ["early", "middle", "late"],
    "label": ["Early", "Middle", "Late"],
    "year_start": [1900, 1920, 1950],
    "year_end": [1919, 1949, 1999],
    "description": ["", "", ""],
    "source": ["", "", ""],
})


def paras(text: str) -> pd.DataFrame:
    rows = [(i, m.start(), m.end(), m.group()) for i, m in enumerate(re.finditer(r"[^\n]+", text))]
    return pd.DataFrame(rows, columns=["para_id", "start", "end", "text"]).astype({"text": "str"}).assign(doc_id="d")


def place(text: str, quotations=None, **kw) -> pd.DataFrame:
    p = paras(text)
    d = find_dates(text, p, quotations=quotations, doc_id="d")
    return paragraph_periods(p, d, PERIODS, quotations, **kw)


def quotes_of(text: str) -> pd.DataFrame:
    """Quotation spans from curly marks; an unclosed one runs to the next closing mark."""
    spans, i = [], 0
    while (s := text.find("“", i)) >= 0:
        e = text.find("”", s)
        spans.append((s, e + 1))
        i = e + 1
    return pd.DataFrame(spans, columns=["start", "end"])


# ------------------------------------------------------------------ read_periods
def test_read_shipped_periods_table():
    from conftest import ROOT

    p = read_periods(ROOT / "data" / "periods.csv")
    assert list(p.columns) == PERIOD_COLUMNS
    assert p["year_start"].is_monotonic_increasing
    assert (p["year_start"].iloc[1:].to_numpy() == p["year_end"].iloc[:-1].to_numpy() + 1).all()  # contiguous
    assert p["year_start"].iloc[0] == 1917 and p["year_end"].iloc[-1] == 1991
    assert p["year_start"].dtype == "int64" and str(p["period"].dtype) == "str"


def test_read_periods_sorts_and_fills_optional_columns():
    t = pd.DataFrame({"period": ["b", "a"], "year_start": [1930, 1900], "year_end": [1940, 1910]})
    p = read_periods(t)
    assert list(p["period"]) == ["a", "b"]
    assert list(p["label"]) == ["a", "b"] and list(p["source"]) == ["", ""]


@pytest.mark.parametrize("rows,message", [
    ([("a", "1900", "1910"), ("b", "1905", "1920")], r"lines 2 and 3: periods 'a' \(1900-1910\) and 'b' \(1905-1920\) overlap"),
    ([("a", "1920", "1910")], r"line 2 \('a'\): year_start 1920 is after year_end 1910"),
    ([("a", "1900.5", "1910")], r"line 2: year_start is '1900.5'"),
    ([("a", "1900", "1910"), ("a", "1911", "1920")], r"line 3: period 'a' already appears on line 2"),
    ([("unassigned", "1900", "1910")], r"'unassigned' is reserved"),
])
def test_read_periods_errors_name_file_and_line(tmp_path, rows, message):
    f = tmp_path / "my-periods.csv"
    f.write_text("period,label,year_start,year_end,description,source\n"
                 + "".join(f"{p},{p},{a},{b},,\n" for p, a, b in rows), encoding="utf-8")
    with pytest.raises(InputError, match=message) as e:
        read_periods(f)
    assert "my-periods.csv" in str(e.value)


def test_read_periods_missing_column_and_type():
    with pytest.raises(ColumnError, match=r"lacks column\(s\) \['year_end'\]"):
        read_periods(pd.DataFrame({"period": ["a"], "year_start": [1900]}))
    with pytest.raises(TypeError, match="expected a DataFrame or a path"):
        read_periods(["a", 1900, 1910])


def test_period_of_years_majority_and_unassigned():
    s = period_of_years([1910, 1915, 1948, None, 1800], [1910, 1925, 1955, None, 1801], PERIODS)
    # 1915-1925: 5 years early, 6 middle; 1948-1955: 2 middle, 6 late
    assert list(s.astype(str)) == ["early", "middle", "late", "unassigned", "unassigned"]
    assert list(s.cat.categories) == ["early", "middle", "late", "unassigned"] and s.cat.ordered


# ------------------------------------------------------------------ rules
def test_explicit_and_inherited():
    out = place("In 1910 it began.\nNothing more was said.\nBy 1930 it was over.")
    assert list(out["period"].astype(str)) == ["early", "early", "middle"]
    assert list(out["period_rule"]) == ["explicit", "inherited", "explicit"]
    assert list(out["year_focus"]) == [1910, 1910, 1930]
    assert list(out["source_para_id"]) == [0, 0, 2]
    assert list(out["n_dates"]) == [1, 0, 1]


def test_first_undated_paragraph_is_unassigned():
    out = place("Nothing is dated here.\nIn 1910 it began.")
    assert (out["period"].iloc[0], out["period_rule"].iloc[0]) == ("unassigned", "unassigned")
    assert pd.isna(out["year_focus"].iloc[0])


def test_majority_of_votes_wins():
    # 1910 and 1915 vote early (2), 1930 votes middle (1)
    out = place("In 1930, as in 1910 and 1915, it was so.")
    assert out["period"].iloc[0] == "early" and out["year_focus"].iloc[0] == 1910


def test_ranges_spread_their_vote():
    # 1918-21: 2/4 early, 2/4 middle; 1925: 1 middle -> middle (1.5 vs 0.5)
    out = place("From 1918 to 1921 and in 1925 it grew.")
    assert out["period"].iloc[0] == "middle" and out["year_focus"].iloc[0] == 1925


def test_ties_go_to_the_date_mentioned_first():
    assert place("In 1930 it began, not in 1910.")["period"].iloc[0] == "middle"
    assert place("In 1910 it began, not in 1930.")["period"].iloc[0] == "early"


def test_citation_years_do_not_place_a_paragraph():
    text = "In 1910 it began.\nIt was reprinted (London: Verso, 1973), p. 3."
    out = place(text)
    assert list(out["period_rule"]) == ["explicit", "inherited"]
    assert out["period"].iloc[1] == "early"


def test_block_quotation_takes_the_period_of_the_introduction():
    text = ("In 1910 he wrote a letter to the party.\n"
            "“Remember the lessons of 1930-35, comrades.\n"
            "“And never forget them.”\n"
            "Nothing more was said.")
    q = quotes_of(text)
    out = place(text, quotations=q)
    assert list(out["period_rule"]) == ["explicit", "quotation-source", "quotation-source", "inherited"]
    assert list(out["period"].astype(str)) == ["early"] * 4
    # the quoted 1930-35 is in_quote: it neither places nor anchors
    assert list(out["n_dates"]) == [1, 0, 0, 0]
    # without a quotations frame: opening with a quotation mark is enough
    out2 = place(text)
    assert list(out2["period_rule"])[:3] == ["explicit", "explicit", "quotation-source"]


def test_quoted_paragraph_with_own_dates_outside_the_quote_is_explicit():
    text = "In 1930 it began.\n“Peace,” he said on 3 March 1910, “is near, indeed very near, for all of us.”"
    out = place(text, quotations=quotes_of(text))
    assert (out["period_rule"].iloc[1], out["period"].iloc[1]) == ("explicit", "early")


def test_present_rule_uses_the_time_of_writing():
    text = ("In 1930 it began.\n"
            "The changes that are now taking place are deep.\n"
            "Stalin now turned to the peasants.")
    out = place(text, reference_year=1989)
    assert list(out["period_rule"]) == ["explicit", "present", "inherited"]
    assert list(out["period"].astype(str)) == ["middle", "late", "late"]
    assert out["year_focus"].iloc[1] == 1989
    # "now" in narrative past is not present
    out2 = place("In 1930 it began.\nStalin now turned to the peasants.", reference_year=1989)
    assert out2["period_rule"].iloc[1] == "inherited"


def test_present_rule_ignores_quoted_words():
    text = "In 1930 it began.\nHe said: “this is being decided today.”"
    out = place(text, quotations=quotes_of(text), reference_year=1989)
    assert out["period_rule"].iloc[1] == "inherited"


def test_overrides_are_applied_and_inherited():
    out = place("In 1910 it began.\nIt went on.\nAnd on.", overrides={1: "late"})
    assert list(out["period"].astype(str)) == ["early", "late", "late"]
    assert list(out["period_rule"]) == ["explicit", "manual", "inherited"]
    with pytest.raises(InputError, match="overrides gives period 'nope'"):
        place("In 1910.", overrides={0: "nope"})


def test_no_inheritance_across_documents():
    a = paras("In 1910 it began.")
    b = paras("Undated.").assign(doc_id="e")
    p = pd.concat([a, b], ignore_index=True)
    d = find_dates("In 1910 it began.", a, doc_id="d")
    out = paragraph_periods(p, d, PERIODS)
    assert list(out["period"].astype(str)) == ["early", "unassigned"]


def test_dates_outside_every_period():
    out = place("In 1850 it began.")
    assert (out["period"].iloc[0], out["period_rule"].iloc[0]) == ("unassigned", "explicit")


def test_output_contract_and_purity():
    text = "In 1910 it began.\nIt went on."
    p = paras(text)
    d = find_dates(text, p, doc_id="d")
    before = (p.copy(deep=True), d.copy(deep=True), PERIODS.copy(deep=True))
    out = paragraph_periods(p, d, PERIODS)
    for a, b in zip(before, (p, d, PERIODS)):
        pd.testing.assert_frame_equal(a, b)
    assert list(out.columns) == ["doc_id", "para_id", "period", "period_rule", "year_focus", "source_para_id", "n_dates"]
    assert out["period"].dtype == period_dtype(read_periods(PERIODS))
    assert str(out["year_focus"].dtype) == "Int64" and out["para_id"].dtype == "int64"
    assert isinstance(out.index, pd.RangeIndex)


def test_empty_paragraphs():
    p = paras("")
    out = paragraph_periods(p, find_dates("", p), PERIODS)
    assert len(out) == 0 and "period" in out.columns and isinstance(out["period"].dtype, pd.CategoricalDtype)


def test_wrong_inputs():
    p = paras("In 1910.")
    d = find_dates("In 1910.", p, doc_id="d")
    with pytest.raises(InputError, match=r"dates have doc_id\(s\) \['other'\] that are not in paragraphs"):
        paragraph_periods(p, d.assign(doc_id="other"), PERIODS)
    with pytest.raises(TypeError, match="paragraph_periods: paragraphs must be a DataFrame"):
        paragraph_periods("text", d, PERIODS)
    with pytest.raises(ColumnError, match=r"dates lacks column\(s\) \['in_quote'\]"):
        paragraph_periods(p, d.drop(columns="in_quote"), PERIODS)
    with pytest.raises(TypeError, match="periods must be a periods table"):
        paragraph_periods(p, d, 5)


# ------------------------------------------------------------------ assign_periods
def test_assign_periods_on_a_document():
    import textmine as tm

    text = ("On 3 March 1910 he wrote to them.\n\n"
            "“We shall win,” the letter said, “whatever happens, comrades, and whatever they may say.”\n\n"
            "By 1930 it was over. He said “enough”.")
    doc = tm.parse(text)
    new = assign_periods(doc, PERIODS)
    assert "period" not in doc.paragraphs.columns  # the input Document is unchanged
    par = new.paragraphs
    assert list(par["period"].astype(str)) == ["early", "early", "middle"]
    assert list(par["period_rule"]) == ["explicit", "quotation-source", "explicit"]
    tok = new.tokens
    assert (tok.groupby("para_id")["period"].nunique() == 1).all()
    assert tok.loc[tok["para_id"] == 2, "period"].eq("middle").all()
    q = new.quotations
    assert list(q["period"].astype(str)) == [par["period"].astype(str).iloc[p] for p in
                                              [int(par.index[(par["start"] <= s) & (s < par["end"])][0]) for s in q["start"]]]
    dd = new.dates
    assert list(dd["period"].astype(str)) == ["early", "middle"]
    assert list(dd["date_period"].astype(str)) == ["early", "middle"]
    assert isinstance(tok["period"].dtype, pd.CategoricalDtype) and tok["period"].cat.ordered


def test_assign_periods_type_error():
    with pytest.raises(TypeError, match="expected a textmine.Document"):
        assign_periods(pd.DataFrame(), PERIODS)
