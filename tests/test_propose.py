"""propose_periods, with_periods, period_summary: hand-computed proposals on small date tables."""

from __future__ import annotations

import pandas as pd
import pytest

import textmine as tm
from textmine.propose import propose_periods, period_summary, with_periods


def dates(rows) -> pd.DataFrame:
    """rows: (para_id, year_start, year_end[, in_citation, in_quote])."""
    out = []
    for r in rows:
        pid, ys, ye, *flags = r
        cit, quo = (flags + [False, False])[:2]
        out.append({"para_id": pid, "year_start": ys, "year_end": ye, "in_citation": cit, "in_quote": quo})
    frame = pd.DataFrame(out)
    for c in ("year_start", "year_end"):
        frame[c] = frame[c].astype("Int64")
    return frame


# Paragraph years (lower median of each paragraph's middle years):
#   p0: 1917, 1919 -> 1917;  p1: 1920;  p2: 1921-1923 (middle 1922);  p3: 1950;  p4: 1985, 1989 -> 1985
#   distinct 1917, 1920, 1922, 1950, 1985; gaps 3, 2, 28, 35; span 68 -> min_gap max(5, ceil(6.8)) = 7
D = dates([(0, 1917, 1917), (0, 1919, 1919), (1, 1920, 1920), (2, 1921, 1923), (3, 1950, 1950), (4, 1985, 1985),
           (4, 1989, 1989), (5, 1066, 1066, True), (6, 1700, 1700, False, True)])


def test_gaps_split_at_the_largest_gaps_and_meet_in_the_middle():
    p = propose_periods(D)
    assert list(p.columns) == ["period", "label", "year_start", "year_end", "description", "source"]
    # breaks at the gaps 1922|1950 and 1950|1985; periods meet at (1922+1950)//2 = 1936 and (1950+1985)//2 = 1967;
    # they run from the first year any narrative date refers to (1917) to the last (1989)
    assert p[["year_start", "year_end"]].values.tolist() == [[1917, 1936], [1937, 1967], [1968, 1989]]
    assert p["period"].tolist() == ["1917-1936", "1937-1967", "1968-1989"]
    assert p["label"].tolist() == ["1917\u20131936", "1937\u20131967", "1968\u20131989"]
    assert p["description"].tolist()[0].startswith("3 dated paragraphs")
    assert "gaps of at least 7 years" in p["source"].iloc[0]
    # the result is a valid periods table
    pd.testing.assert_frame_equal(tm.read_periods(p), p)


def test_citation_and_quoted_dates_do_not_count():
    p = propose_periods(D)
    assert p["year_start"].min() == 1917  # not 1066 (citation) nor 1700 (quotation)


def test_max_periods_and_min_gap():
    assert len(propose_periods(D, max_periods=2)) == 2  # only the largest gap (1950|1985)
    assert propose_periods(D, max_periods=2)["year_end"].tolist() == [1967, 1989]
    assert len(propose_periods(D, min_gap=30)) == 2  # only the 35-year gap
    assert len(propose_periods(D, min_gap=100)) == 1
    assert propose_periods(D, max_periods=1)[["year_start", "year_end"]].values.tolist() == [[1917, 1989]]


def test_quantile_equal_numbers_of_dated_paragraphs():
    # 5 paragraph years, 2 periods: the cut by rank is at index 5 * 1 // 2 = 2 (1922): [1917, 1920] [1922, 1950, 1985]
    p = propose_periods(D, method="quantile", n_periods=2)
    assert p[["year_start", "year_end"]].values.tolist() == [[1917, 1921], [1922, 1989]]
    assert [d.split()[0] for d in p["description"]] == ["2", "3"]


def test_quantile_never_splits_a_year():
    d = dates([(i, 1900, 1900) for i in range(4)] + [(9, 1901, 1901)])
    p = propose_periods(d, method="quantile", n_periods=4)
    assert p["period"].tolist() == ["1900", "1901"]


def test_width_keeps_every_bin_a_date_falls_in():
    p = propose_periods(D, method="width", width=10)
    assert p["period"].tolist() == ["1910-1919", "1920-1929", "1950-1959", "1980-1989"]
    assert propose_periods(D, method="width", width=50)["period"].tolist() == ["1900-1949", "1950-1999"]


def test_no_usable_dates_gives_an_empty_table():
    p = propose_periods(dates([(0, 1066, 1066, True)]))
    assert len(p) == 0 and list(p.columns) == ["period", "label", "year_start", "year_end", "description", "source"]
    empty = D.iloc[:0]
    assert len(propose_periods(empty)) == 0


def test_bad_arguments():
    with pytest.raises(tm.InputError, match="method"):
        propose_periods(D, method="jenks")
    with pytest.raises(tm.ColumnError, match="year_start"):
        propose_periods(D.drop(columns="year_start"))
    with pytest.raises(TypeError):
        propose_periods("dates")
    with pytest.raises(tm.InputError, match="max_periods"):
        propose_periods(D, max_periods=0)


TEXT = """In 1850 the mill was rebuilt. The wheel turned two pairs of stones.

The miller hired three men in 1851. Grain came from both banks.

Nothing is dated here, and the carts queued along the road.

In 1890 the mill burned down (Smith 1999, 4).
"""


def test_with_periods_proposes_and_assigns(tmp_path):
    path = tmp_path / "mill.txt"
    path.write_text(TEXT, encoding="utf-8")
    doc, periods = with_periods(tm.load(path))
    # paragraph years 1850, 1851, 1890 (the citation year 1999 does not count): one gap of 39 >= max(5, 4) -> 2 periods
    assert periods["period"].tolist() == ["1850-1870", "1871-1890"]
    assert doc.paragraphs["period"].astype(str).tolist() == ["1850-1870", "1850-1870", "1850-1870", "1871-1890"]
    assert doc.paragraphs["period_rule"].tolist() == ["explicit", "explicit", "inherited", "explicit"]
    s = period_summary(doc, periods)
    assert s["period"].tolist() == ["1850-1870", "1871-1890"]  # no unassigned row: every paragraph is placed
    assert s["n_paragraphs"].tolist() == [3, 1]
    words = doc.tokens[(doc.tokens["kind"] != "punct") & ~doc.tokens["in_citation"]].groupby(
        doc.tokens["para_id"]).size()
    assert s["n_words"].tolist() == [int(words.loc[[0, 1, 2]].sum()), int(words.loc[3])]
    assert s["share_of_words"].sum() == pytest.approx(1.0)
    assert s["label"].tolist() == ["1850\u20131870", "1871\u20131890"]


def test_with_periods_reads_a_given_table(tmp_path, chapter_path):
    doc, periods = with_periods(tm.load(chapter_path), chapter_path.parent / "periods.csv")
    assert periods["period"].iloc[0] == "revolution"
    assert "period" in doc.tokens.columns


def test_with_periods_without_dates_leaves_every_paragraph_unassigned(tmp_path):
    path = tmp_path / "undated.txt"
    path.write_text("A paragraph without any date.\n\nAnother one, today.\n", encoding="utf-8")
    doc, periods = with_periods(tm.load(path))
    assert len(periods) == 0
    for frame in (doc.paragraphs, doc.tokens):
        assert list(frame["period"].cat.categories) == ["unassigned"]
        assert (frame["period"] == "unassigned").all()
    s = period_summary(doc, periods)
    assert s[["period", "n_paragraphs"]].values.tolist() == [["unassigned", 2]]
    assert s["year_start"].isna().all()


def test_period_summary_keeps_empty_periods_and_checks_input(chapter):
    periods = pd.DataFrame({"period": ["early", "never"], "label": ["Early", "Never"], "year_start": [1900, 2500],
                            "year_end": [1999, 2600]})
    doc = tm.assign_periods(chapter, periods)
    s = period_summary(doc, periods)
    assert s["period"].tolist()[:2] == ["early", "never"]
    assert s.loc[s["period"] == "never", "n_words"].item() == 0
    with pytest.raises(tm.ColumnError, match="(?i)assign periods first"):
        period_summary(chapter)
