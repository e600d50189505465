"""Plots for topic models: choosing k, top terms, prevalence by period.

For small multiples of the top terms, draw one topic per Axes
(``plot_topic_terms(data, topics=[t], ax=ax)``): each panel is titled with
its topic. Every function takes the tidy frame from :mod:`textmine.topics` first,
keyword-only options and ``ax=None`` (the current Axes), and returns the
Axes; nothing is shown, saved or created behind your back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .._frames import require_columns
from ..errors import InputError
from .style import PALETTE, get_ax, percent_axis, period_colors, period_labels

__all__ = ["plot_k_selection", "plot_topic_terms", "plot_topic_prevalence", "topic_colors"]

_MEASURE_LABELS = {
    "npmi": "coherence (NPMI)",
    "umass": "coherence (UMass)",
    "stability": "stability (matched top-term Jaccard)",
}
_MEASURE_COLORS = {"npmi": PALETTE[4], "umass": PALETTE[2], "stability": PALETTE[5]}


def topic_colors(topics: Sequence[int]) -> dict[int, str]:
    """Colours for topics, from the second half of the suite palette.

    Periods take the first eight palette colours, so topics use Paul Tol's
    "muted" colours to avoid reading a topic as a period.
    """
    tol = PALETTE[8:]
    return {int(t): tol[i % len(tol)] for i, t in enumerate(topics)}


def plot_k_selection(
    data: pd.DataFrame,
    *,
    measures: Sequence[str] = ("npmi", "stability"),
    highlight: int | None = None,
    ax=None,
):
    """Coherence and stability against the number of topics k.

    Parameters
    ----------
    data : DataFrame
        From :func:`textmine.topics.select_k`: ``k`` and the *measures*
        columns; ``<measure>_sd`` columns, when present, are drawn as error
        bars (± one standard deviation across runs / run pairs).
    measures : sequence of str
        Columns to draw, one line each, on a shared y axis. NPMI (in
        [-1, 1]) and stability (in [0, 1]) share a scale; UMass (≤ 0,
        unbounded below) is better drawn on its own Axes.
    highlight : int, optional
        A k to mark with a vertical line (e.g. the one you chose).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes
        One line per measure, in the order of *measures*, x = k.
    """
    func = "textmine.plots.plot_k_selection"
    if isinstance(measures, str):
        measures = [measures]
    require_columns(data, ["k", *measures], func=func, arg="data", hint="pass select_k(...) output")
    ax = get_ax(ax)
    d = data.sort_values("k", kind="mergesort")
    k = d["k"].to_numpy()
    for i, m in enumerate(measures):
        y = d[m].to_numpy(np.float64)
        sd = d[f"{m}_sd"].to_numpy(np.float64) if f"{m}_sd" in d.columns else None
        color = _MEASURE_COLORS.get(m, PALETTE[i % 8])
        ax.plot(k, y, marker="o", color=color, label=_MEASURE_LABELS.get(m, m))
        if sd is not None and np.isfinite(sd).any():
            ax.errorbar(k, y, yerr=np.nan_to_num(sd), fmt="none", ecolor=color, elinewidth=1, capsize=3)
    if highlight is not None:
        ax.axvline(highlight, color="#555555", linestyle="--", linewidth=1, zorder=0)
    if len(k):
        ax.set_xticks(k)
    ax.set_xlabel("number of topics k")
    ax.set_ylabel("score (higher is better)")
    if measures:
        ax.legend(loc="best")
    return ax


def plot_topic_terms(
    data: Any,
    *,
    n: int = 10,
    topics: Sequence[int] | None = None,
    labels: Mapping[int, str] | None = None,
    ax=None,
):
    """Horizontal bars of each topic's top terms, one block per topic.

    Parameters
    ----------
    data : DataFrame or TopicModel
        ``topic, rank, term, weight`` from :func:`textmine.topics.top_terms`
        (a TopicModel is turned into that with ``n``).
    n : int
        Terms per topic drawn (the *n* best ranks).
    topics : sequence of int, optional
        Topics to draw, in this order (default: all, ascending).
    labels : mapping topic → str, optional
        Legend labels (default ``"topic k"``).

    Returns
    -------
    matplotlib Axes
        Topics stacked top to bottom, rank 1 at the top of its block; the y
        tick labels are the terms in that reading order; bar length =
        weight; one colour (and legend entry) per topic. With one topic
        (small multiples: ``topics=[t]`` on each Axes of a grid), the Axes
        is titled with the topic's label instead of a legend.
    """
    func = "textmine.plots.plot_topic_terms"
    if hasattr(data, "top_terms") and not isinstance(data, pd.DataFrame):
        data = data.top_terms(n)
    require_columns(data, ["topic", "term", "weight"], func=func, arg="data", hint="pass model.top_terms(n)")
    ax = get_ax(ax)
    d = data
    if "rank" not in d.columns:
        d = d.sort_values(["topic", "weight", "term"], ascending=[True, False, True], kind="mergesort")
        d = d.assign(rank=d.groupby("topic").cumcount() + 1)
    d = d[d["rank"] <= n]
    order = sorted(d["topic"].unique().tolist()) if topics is None else list(topics)
    colors = topic_colors(sorted(d["topic"].unique().tolist()))
    y, ticks, ticklabels = 0.0, [], []
    for t in order:
        g = d[d["topic"] == t].sort_values("rank", kind="mergesort")
        if g.empty:
            continue
        ys = -(y + np.arange(len(g)))
        label = labels.get(t, f"topic {t}") if labels else f"topic {t}"
        ax.barh(ys, g["weight"].to_numpy(np.float64), color=colors.get(int(t), PALETTE[8]), label=label)
        ticks.extend(ys.tolist())
        ticklabels.extend(g["term"].astype(str).tolist())
        y += len(g) + 1
    ax.set_yticks(ticks)
    ax.set_yticklabels(ticklabels)
    ax.set_xlabel("weight")
    drawn = [t for t in order if (d["topic"] == t).any()]
    if len(drawn) == 1:
        t = drawn[0]
        ax.set_title(labels.get(t, f"topic {t}") if labels else f"topic {t}", fontsize="small")
        ax.set_ylim(min(ticks) - 0.5, max(ticks) + 0.5)
    elif ticks:
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax


def plot_topic_prevalence(
    data: pd.DataFrame,
    *,
    by: str = "period",
    kind: str = "bar",
    labels: Mapping[int, str] | None = None,
    annotate: bool = True,
    periods: pd.DataFrame | None = None,
    ax=None,
):
    """Topic prevalence by period: stacked bars or a heat map.

    Parameters
    ----------
    data : DataFrame
        From :func:`textmine.topics.topic_prevalence`: *by*, ``topic``,
        ``prevalence``.
    by : str, default "period"
        The group column (x axis), drawn in row order (chronological for
        periods).
    kind : {"bar", "heatmap"}
        ``"bar"``: one stacked bar per group, a segment per topic (heights =
        prevalence, summing to 1); ``"heatmap"``: topics × groups.
    labels : mapping topic → str, optional
        Topic labels (e.g. ``model.labels()``).
    annotate : bool
        Heat map only: write the percentage in each cell.
    periods : DataFrame, optional
        Periods table or period summary: x tick labels are the periods'
        labels, with their words from a summary.

    Returns
    -------
    matplotlib Axes
        Bars: y is a percentage axis. Heat map: ``ax.images[0]``, with a
        colour bar.
    """
    func = "textmine.plots.plot_topic_prevalence"
    require_columns(data, [by, "topic", "prevalence"], func=func, arg="data", hint="pass model.prevalence('period')")
    if kind not in ("bar", "heatmap"):
        raise InputError(f"{func}: kind must be 'bar' or 'heatmap', got {kind!r}.")
    ax = get_ax(ax)
    groups = list(pd.unique(data[by]))
    topics = sorted(data["topic"].unique().tolist())
    wide = data.pivot_table(index="topic", columns=by, values="prevalence", aggfunc="sum", observed=True, sort=False)
    wide = wide.reindex(index=topics, columns=groups).fillna(0.0)
    M = wide.to_numpy(np.float64)
    names = [labels.get(t, f"topic {t}") if labels else f"topic {t}" for t in topics]
    x = np.arange(len(groups))
    if kind == "bar":
        colors = topic_colors(topics)
        bottom = np.zeros(len(groups))
        for i, t in enumerate(topics):
            ax.bar(x, M[i], bottom=bottom, color=colors[t], label=names[i], width=0.8)
            bottom += M[i]
        ax.set_ylabel("topic prevalence (weighted by words)")
        ax.set_ylim(0, max(1.0, float(bottom.max()) if len(bottom) else 1.0))
        percent_axis(ax)
        if topics:
            ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    else:
        im = ax.imshow(M, aspect="auto", cmap="Blues", vmin=0.0, vmax=max(float(M.max()) if M.size else 1.0, 1e-12))
        bar = ax.figure.colorbar(im, ax=ax, label="prevalence")
        percent_axis(bar.ax)
        ax.set_yticks(np.arange(len(topics)))
        ax.set_yticklabels(names)
        if annotate:
            hi = float(M.max()) if M.size else 0.0
            for i in range(M.shape[0]):
                for j in range(M.shape[1]):
                    ax.text(j, i, f"{100 * M[i, j]:.0f}%", ha="center", va="center", fontsize=8,
                            color="white" if M[i, j] > 0.6 * hi else "black")
    names = period_labels(periods, width=14) if by == "period" else {}
    ax.set_xticks(x)
    ax.set_xticklabels([names.get(str(g), str(g)) for g in groups], fontsize="small")
    ax.set_xlabel(by)
    if by == "period":
        order = list(data[by].cat.categories) if isinstance(data[by].dtype, pd.CategoricalDtype) else groups
        cmap = period_colors([str(p) for p in order])
        for g, lab in zip(groups, ax.get_xticklabels()):
            lab.set_bbox({"facecolor": cmap.get(str(g), "white"), "edgecolor": "none", "alpha": 0.35, "pad": 1.5})
    return ax
