"""plot_fidelity and fidelity_counts: match types per group."""

from __future__ import annotations

import pandas as pd
import pytest

import textmine as tm
from textmine.fidelity import MATCH_TYPES, fidelity_counts


def _fid_rows():
    return pd.DataFrame({
        "quote_id": [0, 1, 2, 3, 4],
        "match": pd.Categorical(["exact", "exact", "altered", "not_found", "elided"], categories=list(MATCH_TYPES)),
        "quoted": ["one two three", "four five", "six", "seven eight", "nine ten eleven twelve"],
        "page_agrees": pd.array([True, False, True, None, None], dtype="boolean"),
        "speaker": ["A", "A", "B", None, "B"],
    })


def test_counts_by_a_column_of_the_data():
    c = fidelity_counts(_fid_rows(), by="speaker")
    assert list(c.columns) == ["speaker", "match", "n_quotations", "n_words", "share", "n_group", "n_page_checked", "n_page_agrees"]
    assert c["speaker"].cat.categories.tolist() == ["A", "B", "(none)"]
    a = c[c["speaker"] == "A"].assign(match=lambda f: f["match"].astype(str)).set_index("match")
    assert a.loc["exact", "n_quotations"] == 2 and a.loc["exact", "n_words"] == 5 and a.loc["exact", "share"] == 1.0
    assert (a.loc["exact", "n_page_checked"], a.loc["exact", "n_page_agrees"]) == (2, 1)
    assert len(c) == 3 * len(MATCH_TYPES)  # every type, zeros kept
    b = c[c["speaker"] == "B"].assign(match=lambda f: f["match"].astype(str)).set_index("match")
    assert b.loc["altered", "share"] == 0.5 and b.loc["elided", "n_words"] == 4


def test_counts_by_a_column_of_the_quotations():
    q = pd.DataFrame({"quote_id": [0, 1, 2, 3, 4], "period": pd.Categorical(["p2", "p1", "p1", "p2", "p2"], categories=["p1", "p2"])})
    c = fidelity_counts(_fid_rows(), by="period", quotations=q)
    assert c["period"].cat.categories.tolist() == ["p1", "p2"]  # the periods' own order
    assert c.groupby("period", observed=True)["n_quotations"].sum().tolist() == [2, 3]
    with pytest.raises(tm.InputError, match="pass quotations=doc.quotations"):
        fidelity_counts(_fid_rows(), by="period")
    with pytest.raises(tm.ColumnError, match="fidelity_counts"):
        fidelity_counts(pd.DataFrame({"quote_id": [1]}), by="speaker")


def test_does_not_mutate_and_empty_gives_empty():
    rows = _fid_rows()
    before = rows.copy()
    fidelity_counts(rows, by="speaker")
    pd.testing.assert_frame_equal(rows, before)
    empty = fidelity_counts(rows.iloc[:0], by="speaker")
    assert len(empty) == 0 and "n_quotations" in empty.columns


def test_plot_fidelity_draws_one_segment_per_non_zero_type(close_figures):
    import matplotlib.pyplot as plt

    c = fidelity_counts(_fid_rows(), by="speaker")
    fig, ax = plt.subplots()
    out = tm.plots.plot_fidelity(c, ax=ax)
    assert out is ax
    assert [t.get_text() for t in ax.get_yticklabels()] == ["A", "B", "(none)"]
    # A: exact; B: elided, altered; (none): not_found
    assert len(ax.patches) == 4
    widths = sorted(round(p.get_width(), 3) for p in ax.patches)
    assert widths == [0.5, 0.5, 1.0, 1.0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["exact", "elided", "altered", "not found"]
    with pytest.raises(tm.ColumnError, match="plot_fidelity"):
        tm.plots.plot_fidelity(pd.DataFrame({"x": [1]}))
