"""plot_dispersion: every row is labelled with the term whose hits it shows; period bands."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

from textmine.errors import ColumnError, InputError  # noqa: E402
from textmine.plots.dispersion import plot_dispersion  # noqa: E402
from textmine.plots.style import period_colors  # noqa: E402

PERIODS = ["late", "early", "middle"]  # chronological order, not alphabetical


@pytest.fixture(autouse=True)
def no_show_no_save(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a plot function must not show or save")

    monkeypatch.setattr(plt, "show", refuse)
    monkeypatch.setattr(matplotlib.figure.Figure, "savefig", refuse)
    yield
    plt.close("all")


def tokens() -> pd.DataFrame:
    words = "war peace bread war land peace peace war bread land Land".split()
    per = ["late"] * 4 + ["early"] * 4 + ["middle"] * 3
    n = len(words)
    return pd.DataFrame({
        "doc_id": "d",
        "token_id": np.arange(n, dtype=np.int64),
        "start": np.arange(n, dtype=np.int64) * 10,
        "token": pd.Series(words, dtype="str"),
        "norm": pd.Series([w.lower() for w in words], dtype="str"),
        "period": pd.Categorical(per, categories=PERIODS, ordered=True),
    })


def rows_drawn(ax) -> dict[str, list[float]]:
    """Label of each row → x positions of the ticks drawn on that row (read from the Axes)."""
    labels = {round(float(y), 6): t.get_text() for y, t in zip(ax.get_yticks(), ax.get_yticklabels())}
    out: dict[str, list[float]] = {}
    for line in ax.lines:
        if line.get_marker() != "|":
            continue
        ys = np.unique(np.asarray(line.get_ydata(), dtype=float))
        if len(ys) == 0:  # an empty row: identify it by its gid only
            continue
        assert len(ys) == 1, "one row per line"
        out[labels[round(float(ys[0]), 6)]] = list(np.asarray(line.get_xdata(), dtype=float))
    return out


def test_each_row_label_matches_the_term_whose_hits_are_drawn():
    data = tokens()
    terms = ["peace", "war", "land", "bread"]  # not alphabetical, not by frequency
    fig, ax = plt.subplots()
    out = plot_dispersion(data, terms, ax=ax)
    assert out is ax
    drawn = rows_drawn(ax)
    assert set(drawn) == set(terms)
    for term in terms:
        expected = np.flatnonzero(data["norm"].to_numpy() == term).astype(float).tolist()
        assert drawn[term] == expected, term
    # top to bottom in the given order: the first term has the highest row on screen
    labels = [t.get_text() for t in ax.get_yticklabels()]
    screen_y = [ax.transData.transform((0, y))[1] for y in ax.get_yticks()]
    assert [lab for _, lab in sorted(zip(screen_y, labels), reverse=True)] == terms


def test_case_and_x_column():
    fig, ax = plt.subplots()
    plot_dispersion(tokens(), ["Land"], x="start", ax=ax)
    assert rows_drawn(ax)["Land"] == [40.0, 90.0, 100.0]  # norm match folds case; x is the character offset
    assert ax.get_xlabel() == "character offset"
    fig, ax = plt.subplots()
    plot_dispersion(tokens(), ["Land"], term="token", ax=ax)
    assert rows_drawn(ax)["Land"] == [10.0]


def test_period_bands_in_period_colours_and_order():
    fig, ax = plt.subplots()
    plot_dispersion(tokens(), ["war"], ax=ax)
    colours = period_colors(PERIODS)
    spans = sorted(ax.patches, key=lambda p: p.get_x())
    assert len(spans) == 3  # one band per run of a period
    # data coordinates of each band: tokens 0-3 late, 4-7 early, 8-10 middle
    assert [(p.get_x(), p.get_x() + p.get_width()) for p in spans] == [(0.0, 4.0), (4.0, 8.0), (8.0, 11.0)]
    got = [to_hex(p.get_facecolor(), keep_alpha=False) for p in spans]
    assert got == [colours["late"].lower(), colours["early"].lower(), colours["middle"].lower()]
    assert all(p.get_zorder() < line.get_zorder() for p in spans for line in ax.lines)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == PERIODS


def test_bands_optional_and_checked():
    fig, ax = plt.subplots()
    plot_dispersion(tokens().drop(columns="period"), ["war"], ax=ax)  # default: quietly no bands
    assert len(ax.patches) == 0 and ax.get_legend() is None
    plot_dispersion(tokens(), ["war"], bands=None, ax=ax)
    assert len(ax.patches) == 0
    with pytest.raises(ColumnError, match="speaker"):
        plot_dispersion(tokens(), ["war"], bands="speaker", ax=ax)


def test_absent_term_keeps_its_row_and_warns():
    fig, ax = plt.subplots()
    with pytest.warns(UserWarning, match="never occur"):
        plot_dispersion(tokens(), ["war", "famine", "peace"], ax=ax)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["war", "famine", "peace"]
    drawn = rows_drawn(ax)
    assert drawn["peace"] == [1.0, 5.0, 6.0] and "famine" not in drawn


def test_current_axes_no_new_figure_and_errors():
    fig, (ax1, ax2) = plt.subplots(1, 2)
    n_figs = len(plt.get_fignums())
    plt.sca(ax2)
    assert plot_dispersion(tokens(), "war") is ax2
    assert len(ax1.lines) == 0
    assert len(plt.get_fignums()) == n_figs
    with pytest.raises(InputError, match="twice"):
        plot_dispersion(tokens(), ["war", "war"], ax=ax1)
    with pytest.raises(InputError, match="empty"):
        plot_dispersion(tokens(), [], ax=ax1)
    with pytest.raises(TypeError, match="doc.tokens"):
        plot_dispersion("war peace", ["war"], ax=ax1)


def test_chapter_rows_match_hits_in_word_positions(chapter):
    data = chapter.tokens
    data["period"] = pd.Categorical(np.where(data["para_id"] < 20, "a", "b"), categories=["a", "b"], ordered=True)
    terms = ["soviet", "revolution", "peace", "lenin"]
    fig, ax = plt.subplots()
    plot_dispersion(data, terms, ax=ax)
    drawn = rows_drawn(ax)
    words = data[(data["kind"] != "punct") & ~data["in_citation"]].reset_index(drop=True)
    norm = words["norm"].to_numpy()
    for term in terms:
        assert drawn[term] == np.flatnonzero(norm == term).astype(float).tolist()
    assert len(ax.patches) == 2
    assert ax.get_xlabel() == "word position (punctuation and citations not counted)"


def test_word_position_is_the_rolling_density_position(chapter):
    """One position unit: a tick at x marks the word that rolling_density numbers x."""
    from textmine.density import rolling_density

    tokens = chapter.tokens
    roll = rolling_density(tokens, window=10)
    position_of = dict(zip(roll["token_id"], roll["position"]))
    fig, ax = plt.subplots()
    plot_dispersion(tokens, ["lenin"], ax=ax)
    hits = tokens[(tokens["norm"] == "lenin") & (tokens["kind"] != "punct") & ~tokens["in_citation"]]
    assert rows_drawn(ax)["lenin"] == sorted(float(position_of[t]) for t in hits["token_id"])
    assert len(tokens[(tokens["norm"] == "lenin") & tokens["in_citation"]]) > 0  # occurrences in citations are left out


def test_period_legend_uses_labels():
    fig, ax = plt.subplots()
    periods = pd.DataFrame({"period": PERIODS, "label": ["Late", "Early", "Middle"], "n_words": [4, 4, 3]})
    plot_dispersion(tokens(), ["war"], periods=periods, ax=ax)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Late · 4 words", "Early · 4 words", "Middle · 3 words"]


def test_band_colours_do_not_shift_when_a_period_is_absent(close_figures):
    import matplotlib.pyplot as plt
    import pandas as pd

    from textmine.plots.dispersion import plot_dispersion
    from textmine.plots.style import period_colors

    dtype = pd.CategoricalDtype(["early", "middle", "late"], ordered=True)
    toks = pd.DataFrame({"norm": ["a", "b", "a", "c"], "period": pd.Categorical(["early", "early", "late", "late"], dtype=dtype)})
    fig, ax = plt.subplots()
    plot_dispersion(toks, ["a"], ax=ax)
    from matplotlib.colors import to_hex

    faces = {to_hex(p.get_facecolor(), keep_alpha=False) for p in ax.patches}
    expected = period_colors(["early", "middle", "late"])
    assert to_hex(expected["late"]) in faces and to_hex(expected["middle"]) not in faces
