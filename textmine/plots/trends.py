"""Trends of several terms across periods, documents or years (Voyant's *Trends*).

Follows the suite's seaborn contract: tidy frame first, keyword-only
options, ``ax=None`` (the current Axes), returns the Axes, never shows, saves
or creates a figure.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._frames import require_columns
from ..errors import InputError
from .style import PALETTE, get_ax

__all__ = ["plot_trends"]

_Y_LABELS = {"per_1000": "per 1,000 words", "n": "matches"}
_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")


def plot_trends(
    data: pd.DataFrame,
    *,
    x: str | None = None,
    y: str = "per_1000",
    term: str = "term",
    labels: dict | None = None,
    ax=None,
    **line_kws,
):
    """One line per term across the groups of :func:`textmine.trends.trends`.

    Parameters
    ----------
    data : DataFrame
        ``trends(...)`` output: a group column, ``term``, ``n``, ``per_1000``.
    x : str, optional
        The group column; default the first column that is not a term or a
        count. Groups in their order in *data* (chronological for periods).
    y : {"per_1000", "n"}
        Relative (per 1,000 words, default) or raw counts.
    term : str
        The column naming each line.
    labels : dict, optional
        Tick labels for group values (e.g. period id → label).
    ax : matplotlib Axes, optional
        Axes to draw on; the current Axes by default.
    **line_kws
        Passed to :meth:`matplotlib.axes.Axes.plot`.

    Returns
    -------
    matplotlib Axes
        With a legend of the terms; an empty frame draws empty Axes with a
        note.
    """
    func = "textmine.plots.plot_trends"
    require_columns(data, [term, y], func=func, arg="data", hint="pass the output of textmine.trends(...)")
    if x is None:
        rest = [c for c in data.columns if c not in (term, "n", "n_total", "per_1000")]
        if not rest:
            raise InputError(f"{func}: data has no group column; pass x= or the output of textmine.trends(...).")
        x = rest[0]
    require_columns(data, [x], func=func, arg="data", hint="pass x= one of its group columns")
    ax = get_ax(ax)
    if data.empty:
        ax.text(0.5, 0.5, "no words to count", ha="center", va="center", transform=ax.transAxes, color="#666666")
        ax.set_xticks([])
        ax.set_yticks([])
        return ax
    groups = list(pd.unique(data[x]))
    pos = {g: i for i, g in enumerate(groups)}
    names = [str(g) for g in groups]
    if labels:
        names = [str(labels.get(g, labels.get(str(g), g))) for g in groups]
    for k, (name, part) in enumerate(data.groupby(term, sort=False)):
        xs = np.array([pos[g] for g in part[x]], dtype=float)
        kws = {"marker": _MARKERS[k % len(_MARKERS)], "color": PALETTE[k % len(PALETTE)], "linewidth": 1.5,
               "markersize": 4}
        kws.update(line_kws)
        ax.plot(xs, part[y].to_numpy(dtype=float), label=str(name), **kws)
    ax.set_xticks(range(len(groups)))
    rotate = len(groups) > 6 or max((len(n) for n in names), default=0) > 12
    ax.set_xticklabels(names, rotation=45 if rotate else 0, ha="right" if rotate else "center")
    ax.set_xlabel(x)
    ax.set_ylabel(_Y_LABELS.get(y, y))
    ax.set_ylim(bottom=0)
    ax.legend(loc="best", fontsize="small")
    return ax
