"""Tests for textmine.plots.topics: Axes contents, ax= honoured, nothing shown or saved."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from textmine.errors import ColumnError, InputError  # noqa: E402
from textmine.plots.style import period_colors  # noqa: E402
from textmine.plots.topics import plot_k_selection, plot_topic_terms, plot_topic_prevalence, topic_colors  # noqa: E402

PERIODS = pd.CategoricalDtype(["early", "middle", "late"], ordered=True)


@pytest.fixture(autouse=True)
def forbid_show_and_save(monkeypatch):
    def boom(*args, **kwargs):
        raise AssertionError("a plot function showed or saved a figure")

    monkeypatch.setattr(plt, "show", boom)
    monkeypatch.setattr(Figure, "savefig", boom)
    monkeypatch.setattr(Figure, "show", boom)
    yield
    plt.close("all")


@pytest.fixture
def ax():
    fig = Figure()  # not registered with pyplot: any new pyplot figure would be noticed
    return fig.add_subplot()


def selection() -> pd.DataFrame:
    return pd.DataFrame({
        "k": [4, 2, 3],
        "npmi": [0.3, 0.1, 0.2], "npmi_sd": [0.01, 0.02, np.nan],
        "stability": [0.5, 0.9, 0.7], "stability_sd": [0.1, 0.0, 0.05],
        "umass": [-1.0, -2.0, -1.5],
    })


def prevalence() -> pd.DataFrame:
    return pd.DataFrame({
        "period": pd.Categorical(["early", "early", "late", "late"], dtype=PERIODS),
        "topic": [0, 1, 0, 1],
        "prevalence": [0.75, 0.25, 0.4, 0.6],
    })


def top() -> pd.DataFrame:
    return pd.DataFrame({
        "topic": [0, 0, 0, 1, 1, 1],
        "rank": [1, 2, 3, 1, 2, 3],
        "term": ["war", "peace", "army", "trade", "market", "bond"],
        "weight": [0.9, 0.5, 0.2, 0.8, 0.6, 0.1],
    })


def test_k_selection_lines_sorted_by_k(ax):
    n_figs = len(plt.get_fignums())
    out = plot_k_selection(selection(), highlight=3, ax=ax)
    assert out is ax and len(plt.get_fignums()) == n_figs
    lines = [ln for ln in ax.lines if ln.get_marker() == "o"]
    assert len(lines) == 2
    np.testing.assert_array_equal(lines[0].get_xdata(), [2, 3, 4])
    np.testing.assert_allclose(lines[0].get_ydata(), [0.1, 0.2, 0.3])  # npmi
    np.testing.assert_allclose(lines[1].get_ydata(), [0.9, 0.7, 0.5])  # stability
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["coherence (NPMI)", "stability (matched top-term Jaccard)"]
    assert [t for t in ax.get_xticks()] == [2, 3, 4]
    assert any(np.allclose(ln.get_xdata(), [3, 3]) for ln in ax.lines if ln.get_linestyle() == "--")
    assert ax.get_xlabel() == "number of topics k"


def test_k_selection_single_measure_and_errors(ax):
    plot_k_selection(selection(), measures="umass", ax=ax)
    np.testing.assert_allclose(ax.lines[0].get_ydata(), [-2.0, -1.5, -1.0])
    with pytest.raises(ColumnError, match="coherence"):
        plot_k_selection(selection(), measures=["coherence"], ax=ax)
    with pytest.raises(TypeError):
        plot_k_selection([1, 2], ax=ax)


def test_k_selection_uses_current_axes_without_ax():
    fig, cur = plt.subplots()
    assert plot_k_selection(selection()) is cur


def test_top_terms_labels_in_reading_order(ax):
    out = plot_topic_terms(top(), n=2, labels={0: "0: war", 1: "1: trade"}, ax=ax)
    assert out is ax
    # rank 1 at the top of each block, topic 0 above topic 1
    labels = [t.get_text() for t in ax.get_yticklabels()]
    ticks = list(ax.get_yticks())
    by_height = [lab for _, lab in sorted(zip(ticks, labels), reverse=True)]
    assert by_height == ["war", "peace", "trade", "market"]
    widths = [p.get_width() for p in ax.patches]
    assert widths == [0.9, 0.5, 0.8, 0.6]
    colors = topic_colors([0, 1])
    assert to_hex(ax.patches[0].get_facecolor()) == colors[0].lower()
    assert to_hex(ax.patches[2].get_facecolor()) == colors[1].lower()
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["0: war", "1: trade"]


def test_top_terms_topic_subset_and_model(ax):
    plot_topic_terms(top(), n=3, topics=[1], ax=ax)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["trade", "market", "bond"]


def test_top_terms_small_multiples_one_titled_panel_per_topic():
    fig = Figure()
    axes = fig.subplots(1, 2, sharex=True)
    for a, t in zip(axes, [0, 1]):
        plot_topic_terms(top(), n=3, topics=[t], labels={0: "0: war", 1: "1: trade"}, ax=a)
    assert [a.get_title() for a in axes] == ["0: war", "1: trade"]
    assert all(a.get_legend() is None for a in axes)  # the title names the topic
    assert axes[0].get_xlim() == axes[1].get_xlim()  # shared scale
    assert [t.get_text() for t in axes[1].get_yticklabels()] == ["trade", "market", "bond"]


def test_prevalence_stacked_bars(ax):
    out = plot_topic_prevalence(prevalence(), ax=ax)
    assert out is ax
    bars = ax.patches
    assert len(bars) == 4
    # topic 0 segments first (early, late), then topic 1 stacked on top
    np.testing.assert_allclose([b.get_height() for b in bars], [0.75, 0.4, 0.25, 0.6])
    np.testing.assert_allclose([b.get_y() for b in bars], [0, 0, 0.75, 0.4])
    assert [t.get_text() for t in ax.get_xticklabels()] == ["early", "late"]
    # x tick labels carry the period colour
    pc = period_colors(["early", "middle", "late"])
    assert to_hex(ax.get_xticklabels()[1].get_bbox_patch().get_facecolor(), keep_alpha=False) == pc["late"].lower()


def test_prevalence_labels_words_and_percent_axis(ax):
    from matplotlib.ticker import PercentFormatter

    periods = pd.DataFrame({"period": ["early", "middle", "late"], "label": ["Early days", "Middle", "Late"],
                            "n_words": [1500, 0, 132]})
    plot_topic_prevalence(prevalence(), periods=periods, ax=ax)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Early days\n1,500 words", "Late\n132 words"]
    assert isinstance(ax.yaxis.get_major_formatter(), PercentFormatter)
    pc = period_colors(["early", "middle", "late"])
    assert to_hex(ax.get_xticklabels()[1].get_bbox_patch().get_facecolor(), keep_alpha=False) == pc["late"].lower()


def test_prevalence_heatmap(ax):
    plot_topic_prevalence(prevalence(), kind="heatmap", labels={0: "a", 1: "b"}, ax=ax)
    assert len(ax.figure.axes) == 2  # with its colour bar
    img = ax.images[0].get_array()
    np.testing.assert_allclose(img, [[0.75, 0.4], [0.25, 0.6]])
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b"]
    assert [t.get_text() for t in ax.texts] == ["75%", "40%", "25%", "60%"]
    with pytest.raises(InputError, match="kind"):
        plot_topic_prevalence(prevalence(), kind="pie", ax=ax)


def test_plots_do_not_mutate_data(ax):
    d = prevalence()
    before = d.copy(deep=True)
    plot_topic_prevalence(d, ax=ax)
    pd.testing.assert_frame_equal(d, before)
    s = selection()
    before = s.copy(deep=True)
    plot_k_selection(s, ax=ax)
    pd.testing.assert_frame_equal(s, before)
