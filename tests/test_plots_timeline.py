"""plot_timeline: seaborn contract, colours by period, layers."""

from __future__ import annotations

import matplotlib.colors as mcolors
import pandas as pd
import pytest

from textmine.errors import ColumnError
from textmine.plots.style import period_colors
from textmine.plots.timeline import plot_timeline

PERIODS = pd.DataFrame({"period": ["early", "late"], "label": ["Early", "Late"], "year_start": [1900, 1950],
                        "year_end": [1949, 1999], "description": ["", ""], "source": ["", ""]})
DTYPE = pd.CategoricalDtype(["early", "late", "unassigned"], ordered=True)
PARAS = pd.DataFrame({
    "para_id": [0, 1, 2, 3],
    "period": pd.Categorical(["late", "early", "early", "unassigned"], dtype=DTYPE),
    "period_rule": ["explicit", "explicit", "inherited", "unassigned"],
    "year_focus": pd.array([1989, 1917, 1917, None], dtype="Int64"),
})
DATES = pd.DataFrame({
    "para_id": [0, 1, 1, 1],
    "year_start": pd.array([1989, 1917, 1973, 1920], dtype="Int64"),
    "year_end": pd.array([1989, 1920, 1973, 1920], dtype="Int64"),
    "in_citation": [False, False, True, False],
    "in_quote": [False, False, False, True],
})


@pytest.fixture
def ax(close_figures):
    import matplotlib.pyplot as plt

    return plt.figure().add_subplot()


def test_draws_on_the_given_axes_and_returns_it(ax):
    import matplotlib.pyplot as plt

    n = len(plt.get_fignums())
    out = plot_timeline(PARAS, periods=PERIODS, dates=DATES, ax=ax)
    assert out is ax
    assert len(plt.get_fignums()) == n
    assert ax.get_xlabel() == "paragraph (reading order)" and ax.get_ylabel() == "year referred to"


def test_uses_current_axes_by_default(close_figures):
    import matplotlib.pyplot as plt

    cur = plt.figure().add_subplot()
    assert plot_timeline(PARAS) is cur


def test_focus_markers_coloured_by_period_filled_only_when_dated(ax):
    plot_timeline(PARAS, ax=ax, show_dates=False, legend=False)
    colors = period_colors(["early", "late", "unassigned"])
    filled, hollow = ax.collections[-2], ax.collections[-1]
    assert [tuple(c) for c in filled.get_facecolors()] == [mcolors.to_rgba(colors["late"]), mcolors.to_rgba(colors["early"])]
    assert list(filled.get_offsets()[:, 0]) == [0, 1]
    assert list(hollow.get_offsets()[:, 0]) == [2]                      # inherited: hollow
    assert tuple(hollow.get_facecolors()[0]) == mcolors.to_rgba("white")
    step = ax.lines[0]
    assert list(step.get_xdata()) == [0, 1, 2] and list(step.get_ydata()) == [1989, 1917, 1917]


def test_dates_layer_skips_citations_and_draws_ranges(ax):
    from matplotlib.collections import LineCollection, PathCollection

    plot_timeline(PARAS, dates=DATES, ax=ax, show_focus=False, legend=False)
    ys = sorted(y for c in ax.collections if isinstance(c, PathCollection) for y in c.get_offsets()[:, 1])
    assert 1973 not in ys                                              # citation year not drawn
    assert ys == [1917, 1920, 1920, 1989]
    bars = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert len(bars) == 1 and [tuple(seg[:, 1]) for seg in bars[0].get_segments()] == [(1917, 1920)]


def test_bands_and_labels_from_the_periods_table(ax):
    plot_timeline(PARAS, periods=PERIODS, ax=ax, show_dates=False)
    texts = [t.get_text() for t in ax.texts]
    assert texts == ["Early", "Late"]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[:3] == ["Early", "Late", "unassigned"]


def test_accepts_a_document_with_periods(close_figures):
    import matplotlib.pyplot as plt

    import textmine as tm
    from textmine.periods import assign_periods

    doc = assign_periods(tm.parse("In 1910 it began.\n\nBy 1960 it ended."), PERIODS)
    ax = plt.figure().add_subplot()
    plot_timeline(doc, periods=PERIODS, ax=ax)
    assert list(ax.lines[0].get_ydata()) == [1910, 1960]


def test_errors(ax):
    with pytest.raises(ColumnError, match=r"data lacks column\(s\) \['year_focus'\].*Run textmine.periods.assign_periods"):
        plot_timeline(PARAS.drop(columns="year_focus"), ax=ax)
    with pytest.raises(TypeError, match="data must be a DataFrame"):
        plot_timeline([1, 2], ax=ax)
    with pytest.raises(ColumnError, match="dates lacks column"):
        plot_timeline(PARAS, dates=DATES.drop(columns="in_citation"), ax=ax)


def test_period_summary_gives_band_labels_with_words(ax):
    summary = pd.DataFrame({
        "period": ["early", "late", "unassigned"], "label": ["Early", "Late", "unassigned"],
        "year_start": pd.array([1900, 1950, None], dtype="Int64"), "year_end": pd.array([1949, 1999, None], dtype="Int64"),
        "n_paragraphs": [2, 1, 1], "n_words": [150, 90, 12], "share_of_words": [0.6, 0.36, 0.04],
    })
    plot_timeline(PARAS, periods=summary, ax=ax)
    assert [t.get_text() for t in ax.texts] == ["Early · 150 words", "Late · 90 words"]  # no band for unassigned
    assert len([p for p in ax.patches if p.get_alpha() == 0.12]) == 2


def test_input_not_mutated(ax):
    p, d = PARAS.copy(deep=True), DATES.copy(deep=True)
    plot_timeline(PARAS, periods=PERIODS, dates=DATES, ax=ax)
    pd.testing.assert_frame_equal(p, PARAS)
    pd.testing.assert_frame_equal(d, DATES)
