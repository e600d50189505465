"""plot_top_terms and plot_keyness: Axes contents, ax= honoured, nothing shown or saved."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

from textmine.errors import ColumnError, InputError  # noqa: E402
from textmine.plots.style import PALETTE  # noqa: E402
from textmine.plots.terms import plot_keyness, plot_top_terms  # noqa: E402


@pytest.fixture(autouse=True)
def no_show_no_save(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a plot function must not show or save")

    monkeypatch.setattr(plt, "show", refuse)
    monkeypatch.setattr(matplotlib.figure.Figure, "savefig", refuse)
    yield
    plt.close("all")


def counts() -> pd.DataFrame:
    return pd.DataFrame({
        "term": ["war", "peace", "bread", "land", "army"],
        "n": [5, 9, 2, 5, 1],
        "per_1000": [50.0, 90.0, 20.0, 50.0, 10.0],
    })


def bars(ax):
    """(label, width) of the horizontal bars from top to bottom."""
    ticks = {round(t, 6): lab.get_text() for t, lab in zip(ax.get_yticks(), ax.get_yticklabels())}
    top_down = sorted(ax.patches, key=lambda p: p.get_y() + p.get_height() / 2, reverse=bool(ax.get_ylim()[0] < ax.get_ylim()[1]))
    return [(ticks[round(p.get_y() + p.get_height() / 2, 6)], p.get_width()) for p in top_down]


def test_top_terms_bars_and_labels_in_order():
    fig, ax = plt.subplots()
    out = plot_top_terms(counts(), n=3, ax=ax)
    assert out is ax
    # top 3 by n, ties (war, land: 5) broken alphabetically; largest at the top
    assert bars(ax) == [("peace", 9.0), ("land", 5.0), ("war", 5.0)]
    assert len(ax.patches) == 3
    assert ax.get_ylim()[0] > ax.get_ylim()[1]  # inverted: first row on top
    assert ax.get_xlabel() == "count"
    assert to_hex(ax.patches[0].get_facecolor()) == PALETTE[4].lower()


def test_top_terms_other_value_column_and_kwargs():
    fig, ax = plt.subplots()
    plot_top_terms(counts(), x="per_1000", n=10, color="#000000", ax=ax, height=0.5)
    assert [lab for lab, _ in bars(ax)] == ["peace", "land", "war", "bread", "army"]
    assert ax.patches[0].get_height() == pytest.approx(0.5)
    assert ax.get_xlabel() == "per 1,000 words"


def test_top_terms_uses_current_axes_and_creates_no_figure():
    fig, (ax1, ax2) = plt.subplots(1, 2)
    n_figs = len(plt.get_fignums())
    plt.sca(ax1)
    out = plot_top_terms(counts())
    assert out is ax1 and len(ax2.patches) == 0
    plot_top_terms(counts(), ax=ax2)
    assert len(plt.get_fignums()) == n_figs


def test_top_terms_refuses_several_groups_and_bad_input():
    data = pd.concat([counts().assign(period="a"), counts().assign(period="b")])
    with pytest.raises(InputError, match="select one group"):
        plot_top_terms(data, ax=plt.subplots()[1])
    with pytest.raises(ColumnError, match="tf_idf"):
        plot_top_terms(counts(), x="tf_idf", ax=plt.subplots()[1])
    with pytest.raises(TypeError, match="DataFrame"):
        plot_top_terms(counts().to_dict())
    with pytest.raises(InputError, match="n must"):
        plot_top_terms(counts(), n=0)


def keyness_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "target": "revolution", "reference": "rest",
        "term": ["we", "will", "lenin", "the", "policy", "foreign", "class"],
        "g2": [31.8, 29.0, 11.7, 0.0, -16.6, -15.4, -16.6],
        "zeta": [2.9, 2.6, 1.9, 0.0, -2.1, -2.0, -2.0],
    })


def test_keyness_diverging_bars():
    fig, ax = plt.subplots()
    out = plot_keyness(keyness_frame(), n=2, ax=ax)
    assert out is ax
    # two most positive (largest first), then the two most negative (most negative last; ties by term)
    got = bars(ax)
    assert [lab for lab, _ in got] == ["we", "will", "policy", "class"]
    assert [w for _, w in got] == [31.8, 29.0, -16.6, -16.6]
    colours = [to_hex(p.get_facecolor()) for p in sorted(ax.patches, key=lambda p: p.get_y())]
    assert colours == [PALETTE[4].lower()] * 2 + [PALETTE[5].lower()] * 2
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["revolution", "rest"]
    assert "the" not in [lab for lab, _ in got]  # zero is neither side


def test_keyness_zeta_from_log_odds_and_colours():
    fig, ax = plt.subplots()
    plot_keyness(keyness_frame(), x="zeta", n=10, colors=("#111111", "#eeeeee"), legend=False, ax=ax)
    got = bars(ax)
    assert [lab for lab, _ in got] == ["we", "will", "lenin", "foreign", "class", "policy"]
    assert ax.get_legend() is None
    assert ax.get_xlabel().startswith("weighted log-odds")


def test_keyness_refuses_several_targets():
    data = pd.concat([keyness_frame(), keyness_frame().assign(target="postwar")])
    with pytest.raises(InputError, match="one at a time"):
        plot_keyness(data, ax=plt.subplots()[1])


def test_plots_from_real_outputs(chapter):
    from textmine.terms import keyness, log_odds, tf_idf, term_counts as count_terms

    tokens = chapter.tokens
    tokens["part"] = np.where(tokens["para_id"] < 25, "first", "second")
    c = count_terms(tokens, by="part")
    fig, axes = plt.subplots(1, 3)
    plot_top_terms(tf_idf(c, document="part").query("part == 'first'"), x="tf_idf", n=8, ax=axes[0])
    assert len(axes[0].patches) == 8
    plot_keyness(keyness(c, group="part", target="first"), n=5, ax=axes[1])
    assert len(axes[1].patches) == 10
    plot_keyness(log_odds(c, group="part", target="first"), x="zeta", n=5, ax=axes[2])
    assert len(axes[2].patches) == 10
