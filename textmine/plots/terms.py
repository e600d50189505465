"""Plots of term statistics: top terms and keyness.

Both follow the suite's seaborn contract: tidy frame first, keyword-only
options, ``ax=None`` (the current Axes), return the Axes, never show, save
or create a figure. Bars are horizontal, read top to bottom: the first
(largest) term is the top bar.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import ColumnError, InputError
from .style import PALETTE, get_ax

__all__ = ["plot_top_terms", "plot_keyness"]

_LABELS = {
    "n": "count",
    "per_1000": "per 1,000 words",
    "tf_idf": "tf-idf",
    "g2": "log-likelihood G² (signed)",
    "chi2": "chi-square (signed)",
    "log_ratio": "log ratio (log₂ of relative frequencies)",
    "zeta": "weighted log-odds (z-score)",
    "delta": "log-odds ratio",
    "pmi": "PMI",
    "t_score": "t-score",
    "dp": "DP",
    "dp_norm": "DP (normalised)",
}


def _check_data(data, func: str, cols: list[str], hint: str) -> None:
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"{func}: data must be a DataFrame, got {type(data).__name__}; {hint}.")
    missing = [c for c in cols if c not in data.columns]
    if missing:
        raise ColumnError(f"{func}: data lacks column(s) {missing}; it has {list(data.columns)[:15]}. {hint}.")


def _check_n(n, func: str) -> int:
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise InputError(f"{func}: n must be a positive int, got {n!r}.")
    return int(n)


def plot_top_terms(
    data: pd.DataFrame,
    *,
    x: str = "n",
    y: str = "term",
    n: int = 15,
    color: str | None = None,
    ax=None,
    **bar_kws,
):
    """Horizontal bars of the *n* terms with the largest *x*.

    Parameters
    ----------
    data : DataFrame
        One row per term, e.g. ``count_terms(tokens)``, or one group of
        ``count_terms(tokens, by="period")`` / ``tf_idf(...)`` (filter the
        group first: terms must be unique; for one panel per group, loop
        over ``data.groupby(...)`` with a grid of Axes).
    x : str
        Value column: ``n``, ``per_1000``, ``tf_idf``...
    y : str
        Label column.
    n : int
        Number of bars; the top *n* by *x* descending, ties by *y* ascending.
    color : str, optional
        Bar colour (default the palette's blue).
    ax : matplotlib Axes, optional
        Axes to draw on; the current Axes by default.
    **bar_kws
        Passed to :meth:`matplotlib.axes.Axes.barh`.

    Returns
    -------
    matplotlib.axes.Axes
    """
    func = "textmine.plot_top_terms"
    _check_data(data, func, [x, y], "pass count_terms(...) or tf_idf(...) output")
    n = _check_n(n, func)
    if data[y].duplicated().any():
        dup = data.loc[data[y].duplicated(), y].iloc[0]
        raise InputError(
            f"{func}: {y!r} repeats ({dup!r} appears more than once), so data holds several groups; "
            "select one group first, e.g. data[data['period'] == 'revolution']."
        )
    top = data.sort_values([x, y], ascending=[False, True], kind="stable").head(n)
    ax = get_ax(ax)
    labels = top[y].astype("str").tolist()
    values = top[x].to_numpy(dtype="float64")
    pos = np.arange(len(labels))
    ax.barh(pos, values, color=color or PALETTE[4], **bar_kws)
    ax.set_yticks(pos, labels=labels)
    ax.set_ylim(len(labels) - 0.5, -0.5)  # first term on top
    ax.set_xlabel(_LABELS.get(x, x.replace("_", " ")))
    ax.set_ylabel("")
    return ax


def plot_keyness(
    data: pd.DataFrame,
    *,
    x: str = "g2",
    y: str = "term",
    n: int = 10,
    colors: tuple[str, str] | None = None,
    legend: bool = True,
    ax=None,
    **bar_kws,
):
    """Diverging bars: the target's *n* key terms and the reference's *n*.

    Parameters
    ----------
    data : DataFrame
        Output of :func:`textmine.terms.keyness` (``x="g2"``, ``"chi2"``,
        ``"log_ratio"``) or :func:`textmine.terms.log_odds` (``x="zeta"``)
        for one target (filter ``data[data.target == ...]`` when several).
    x : str
        Signed statistic: positive means key in the target.
    y : str
        Label column.
    n : int
        Bars on each side: the *n* largest positive values (top, largest
        first) and the *n* most negative (bottom, most negative last); ties
        broken by *y*.
    colors : (str, str), optional
        Colours of target and reference bars.
    legend : bool
        Add a legend naming target and reference (from the ``target`` and
        ``reference`` columns when present).
    ax : matplotlib Axes, optional
        Axes to draw on; the current Axes by default.
    **bar_kws
        Passed to :meth:`matplotlib.axes.Axes.barh`.

    Returns
    -------
    matplotlib.axes.Axes
    """
    func = "textmine.plot_keyness"
    _check_data(data, func, [x, y], "pass keyness(...) or log_odds(...) output")
    n = _check_n(n, func)
    if "target" in data.columns and data["target"].nunique() > 1:
        raise InputError(
            f"{func}: data holds {data['target'].nunique()} targets ({list(data['target'].unique())[:5]}); "
            "plot one at a time, e.g. data[data['target'] == 'revolution']."
        )
    c_target, c_ref = colors if colors is not None else (PALETTE[4], PALETTE[5])
    pos_rows = data.loc[data[x] > 0].sort_values([x, y], ascending=[False, True], kind="stable").head(n)
    neg_rows = data.loc[data[x] < 0].sort_values([x, y], ascending=[True, True], kind="stable").head(n)
    neg_rows = neg_rows.iloc[::-1]  # most negative at the bottom
    rows = pd.concat([pos_rows, neg_rows])
    ax = get_ax(ax)
    labels = rows[y].astype("str").tolist()
    values = rows[x].to_numpy(dtype="float64")
    ypos = np.arange(len(labels))
    t_label = str(data["target"].iloc[0]) if "target" in data.columns and len(data) else "target"
    r_label = str(data["reference"].iloc[0]) if "reference" in data.columns and len(data) else "reference"
    k = len(pos_rows)
    if k:
        ax.barh(ypos[:k], values[:k], color=c_target, label=t_label, **bar_kws)
    if len(neg_rows):
        ax.barh(ypos[k:], values[k:], color=c_ref, label=r_label, **bar_kws)
    ax.set_yticks(ypos, labels=labels)
    ax.set_ylim(len(labels) - 0.5, -0.5)
    ax.axvline(0.0, color="#444444", linewidth=0.8)
    ax.set_xlabel(_LABELS.get(x, x.replace("_", " ")))
    ax.set_ylabel("")
    if legend and len(labels):
        ax.legend(loc="best", fontsize="small")
    return ax
