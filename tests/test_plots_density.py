"""Tests for textmine.plots.density: Axes contents, ax= honoured, nothing shown or saved."""

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
from textmine.plots.density import plot_density, plot_rolling_density, plot_speaker_by_period  # noqa: E402
from textmine.plots.style import period_colors  # noqa: E402

PERIODS = pd.CategoricalDtype(["early", "middle", "late"], ordered=True)
COLORS = period_colors(["early", "middle", "late"])


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
    return Figure().add_subplot()


def density() -> pd.DataFrame:
    return pd.DataFrame({
        "period": pd.Categorical(["early", "late"], dtype=PERIODS),
        "quoted_share": [0.5, 0.3],
        "quotation_share": [0.4, 0.1],
        "term_share": [0.1, 0.15],
        "title_share": [0.0, 0.05],
        "quotations_per_1000": [4.0, 2.0],
    })


def rolling() -> pd.DataFrame:
    return pd.DataFrame({
        "doc_id": "d",
        "position": [0, 1, 2, 3, 4, 5],
        "share": [0.0, 0.5, 1.0, 0.5, 0.25, 0.0],
        "n_window": [2, 3, 3, 3, 3, 2],
        "period": pd.Categorical(["late", "late", "early", "early", "late", "late"], dtype=PERIODS),
    })


def speakers() -> pd.DataFrame:
    return pd.DataFrame({
        "speaker": ["Zed"] * 3 + ["Abe"] * 3,
        "period": pd.Categorical(["early", "middle", "late"] * 2, dtype=PERIODS),
        "n_quotations": [3, 0, 1, 0, 2, 0],
        "n_tokens": [30, 0, 5, 0, 12, 0],
    })


# ------------------------------------------------------------------ bars
def test_density_stacked_bars(ax):
    n_figs = len(plt.get_fignums())
    out = plot_density(density(), ax=ax)
    assert out is ax and len(plt.get_fignums()) == n_figs
    bars = ax.patches
    assert len(bars) == 6  # 3 measures x 2 periods
    np.testing.assert_allclose([b.get_height() for b in bars], [0.4, 0.1, 0.1, 0.15, 0.0, 0.05])
    np.testing.assert_allclose([b.get_y() for b in bars], [0, 0, 0.4, 0.1, 0.5, 0.25])
    # total height = quoted_share
    np.testing.assert_allclose([bars[i].get_y() + bars[i].get_height() for i in (4, 5)], [0.5, 0.3])
    assert [t.get_text() for t in ax.get_xticklabels()] == ["early", "late"]
    assert to_hex(bars[0].get_facecolor(), keep_alpha=False) == COLORS["early"].lower()
    assert to_hex(bars[1].get_facecolor(), keep_alpha=False) == COLORS["late"].lower()
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["source quotations", "scare-quoted terms", "quoted titles"]
    assert ax.get_ylabel() == "share of words"


def test_density_single_measure(ax):
    plot_density(density(), y="quotations_per_1000", ax=ax)
    assert [b.get_height() for b in ax.patches] == [4.0, 2.0]
    assert ax.get_ylabel() == "per 1,000 words"
    assert ax.get_legend() is None


def test_density_non_period_groups(ax):
    d = pd.DataFrame({"para_id": [0, 1, 2], "quoted_share": [0.1, 0.0, 0.7]})
    plot_density(d, x="para_id", y="quoted_share", ax=ax)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0", "1", "2"]
    np.testing.assert_allclose([b.get_height() for b in ax.patches], [0.1, 0.0, 0.7])


def test_density_errors(ax):
    with pytest.raises(ColumnError, match="nope"):
        plot_density(density(), y="nope", ax=ax)
    with pytest.raises(TypeError):
        plot_density("table", ax=ax)
    with pytest.raises(InputError):
        plot_density(density(), y=[], ax=ax)


# --------------------------------------------------------------- rolling
def test_rolling_curve_and_bands(ax):
    out = plot_rolling_density(rolling(), ax=ax)
    assert out is ax
    line = ax.lines[0]
    np.testing.assert_array_equal(line.get_xdata(), [0, 1, 2, 3, 4, 5])
    np.testing.assert_allclose(line.get_ydata(), [0.0, 0.5, 1.0, 0.5, 0.25, 0.0])
    # three runs of periods: late [0,1], early [2,3], late [4,5]
    bands = ax.patches
    assert len(bands) == 3
    assert [to_hex(b.get_facecolor(), keep_alpha=False) for b in bands] == [
        COLORS["late"].lower(), COLORS["early"].lower(), COLORS["late"].lower()
    ]
    xs = [(b.get_x(), b.get_x() + b.get_width()) for b in bands]
    np.testing.assert_allclose(xs, [(-0.5, 1.5), (1.5, 3.5), (3.5, 5.5)])
    # one legend entry per period, chronological even though "late" comes first in the text
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["early", "late"]
    assert ax.get_ylabel() == "quoted share (3-word window)"


def test_rolling_without_bands_and_multi_doc(ax):
    plot_rolling_density(rolling(), bands=False, ax=ax)
    assert len(ax.patches) == 0 and len(ax.lines) == 1
    two = pd.concat([rolling(), rolling().assign(doc_id="e")], ignore_index=True)
    with pytest.raises(InputError, match="one at a time"):
        plot_rolling_density(two, ax=ax)


def test_rolling_uses_current_axes():
    fig, cur = plt.subplots()
    assert plot_rolling_density(rolling()) is cur


# --------------------------------------------------------------- speakers
SUMMARY = pd.DataFrame({"period": ["early", "middle", "late"], "label": ["Early", "Middle", "Late"],
                        "n_words": [1200, 80, 1]})


def test_speaker_bars(ax):
    d = speakers()
    before = d.copy(deep=True)
    out = plot_speaker_by_period(d, values="n_quotations", periods=SUMMARY, ax=ax)
    assert out is ax
    pd.testing.assert_frame_equal(d, before)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Zed", "Abe"]  # the table's order, most quoted on top
    assert ax.get_ylim()[0] > ax.get_ylim()[1]
    # one segment per non-zero (speaker, period), periods in chronological order, stacked left to right
    segs = [(round(p.get_y() + p.get_height() / 2), p.get_x(), p.get_width()) for p in ax.patches]
    assert sorted(segs) == [(0, 0.0, 3.0), (0, 3.0, 1.0), (1, 0.0, 2.0)]
    colours = {round(p.get_x() + p.get_width(), 6): to_hex(p.get_facecolor(), keep_alpha=False) for p in ax.patches}
    assert colours[3.0] == COLORS["early"].lower() and colours[4.0] == COLORS["late"].lower()
    assert colours[2.0] == COLORS["middle"].lower()
    assert [t.get_text().strip() for t in ax.texts] == ["4", "2"]  # totals at the bar ends
    # the legend names periods by label, with their words
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Early · 1,200 words", "Middle · 80 words", "Late · 1 word"]
    assert ax.get_xlabel() == "quotations"


def test_speaker_heatmap_has_a_colour_bar():
    fig = Figure()
    ax = fig.add_subplot()
    plot_speaker_by_period(speakers(), kind="heatmap", values="n_quotations", ax=ax)
    np.testing.assert_array_equal(ax.images[0].get_array(), [[3, 0, 1], [0, 2, 0]])
    assert len(fig.axes) == 2 and fig.axes[1].get_ylabel() == "quotations"  # the colour bar
    assert [t.get_text() for t in ax.get_xticklabels()] == ["early", "middle", "late"]
    assert [t.get_text() for t in ax.texts] == ["3", "1", "2"]  # zeros left blank
    with pytest.raises(InputError, match="kind"):
        plot_speaker_by_period(speakers(), kind="pie", ax=ax)


def test_density_labels_words_and_percent_axis(ax):
    from matplotlib.ticker import PercentFormatter

    d = density().assign(n_words=[2327, 132])
    plot_density(d, periods=SUMMARY.assign(label=["Revolution and world revolution", "Middle", "Late"]), ax=ax)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Revolution and\nworld\nrevolution\n2,327 words", "Late\n132 words"]
    assert isinstance(ax.yaxis.get_major_formatter(), PercentFormatter)
    assert [t.get_text() for t in ax.texts] == ["50.0%", "30.0%"]  # each bar's total
    assert ax.get_xlabel() == "period (words in it)"


def test_rolling_legend_labels_and_percent_axis(ax):
    from matplotlib.ticker import PercentFormatter

    plot_rolling_density(rolling(), periods=SUMMARY, ax=ax)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Early · 1,200 words", "Late · 1 word"]
    assert isinstance(ax.yaxis.get_major_formatter(), PercentFormatter)
    assert ax.get_xlabel().startswith("word position")


def test_errors_share_one_message_shape(ax):
    with pytest.raises(ColumnError, match=r"textmine.plots.plot_density: data lacks column\(s\) \['nope'\]"):
        plot_density(density(), y="nope", ax=ax)
    with pytest.raises(ColumnError, match=r"plot_speaker_by_period: data lacks column\(s\) \['speaker'\]"):
        plot_speaker_by_period(speakers().drop(columns="speaker"), ax=ax)
    with pytest.raises(TypeError, match="must be a DataFrame"):
        plot_rolling_density([1, 2], ax=ax)
