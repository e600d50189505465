"""Plots of term statistics: top terms and keyness.

Keyness bars carry their significance: dashed lines at the critical value
of the statistic for ``threshold`` (G² and χ² with one degree of freedom:
3.84 for p = 0.05; the log-odds z-score: 1.96), and bars that do not reach
it are drawn faded. Both follow the suite's seaborn contract: tidy frame first, keyword-only
options, ``ax=None`` (the current Axes), return the Axes, never show, save
or create a figure. Bars are horizontal, read top to bottom: the first
(largest) term is the top bar.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._frames import require_columns, require_int
from ..errors import InputError
from .style import PALETTE, get_ax, period_label

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


#: the p-value column of each signed statistic, and how its critical value is found
_P_COLUMNS = {"g2": "p_g2", "chi2": "p_chi2", "zeta": "p_value"}


def critical_value(statistic: str, threshold: float) -> float | None:
    """|statistic| at which the two-sided p-value equals *threshold*; None for effect sizes.

    G² and χ² (one degree of freedom): ``scipy.stats.chi2.isf(threshold, 1)``
    (3.84 for 0.05); the weighted log-odds z-score: ``norm.isf(threshold / 2)``
    (1.96). ``log_ratio`` and ``delta`` are effect sizes with no threshold.
    """
    from scipy import stats

    if statistic in ("g2", "chi2"):
        return float(stats.chi2.isf(threshold, 1))
    if statistic == "zeta":
        return float(stats.norm.isf(threshold / 2))
    return None


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
        One row per term, e.g. ``term_counts(tokens)``, or one group of
        ``term_counts(tokens, by="period")`` / ``tf_idf(...)`` (filter the
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
    require_columns(data, [x, y], func=func, arg="data", hint="pass term_counts(...) or tf_idf(...) output")
    n = require_int(n, func=func, arg="n", minimum=1)
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
    threshold: float | None = 0.05,
    periods: pd.DataFrame | None = None,
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
    threshold : float or None, default 0.05
        Significance level: dashed lines at ± the critical value of *x*
        (:func:`critical_value`; none for ``log_ratio``), and bars whose
        p-value column (``p_g2``, ``p_chi2``, ``p_value``) is at least
        *threshold* drawn faded. None: no lines, no fading.
    periods : DataFrame, optional
        Periods table or period summary: the legend names the target by its
        label. Word counts come from ``n_total_target`` and
        ``n_total_reference`` when present.
    colors : (str, str), optional
        Colours of target and reference bars.
    legend : bool
        Add a legend naming target and reference (from the ``target`` and
        ``reference`` columns when present) and the threshold.
    ax : matplotlib Axes, optional
        Axes to draw on; the current Axes by default.
    **bar_kws
        Passed to :meth:`matplotlib.axes.Axes.barh`.

    Returns
    -------
    matplotlib.axes.Axes
        Bars in ``ax.patches`` (target first); threshold lines are the
        dashed ``ax.lines``.
    """
    func = "textmine.plot_keyness"
    require_columns(data, [x, y], func=func, arg="data", hint="pass keyness(...) or log_odds(...) output")
    n = require_int(n, func=func, arg="n", minimum=1)
    if "target" in data.columns and data["target"].nunique() > 1:
        raise InputError(
            f"{func}: data holds {data['target'].nunique()} targets ({list(data['target'].unique())[:5]}); "
            "plot one at a time, e.g. data[data['target'] == 'revolution']."
        )
    if threshold is not None and not (isinstance(threshold, float) and 0 < threshold < 1):
        raise InputError(f"{func}: threshold must be a p-value between 0 and 1 (e.g. 0.05) or None, got {threshold!r}.")
    c_target, c_ref = colors if colors is not None else (PALETTE[4], PALETTE[5])
    pos_rows = data.loc[data[x] > 0].sort_values([x, y], ascending=[False, True], kind="stable").head(n)
    neg_rows = data.loc[data[x] < 0].sort_values([x, y], ascending=[True, True], kind="stable").head(n)
    neg_rows = neg_rows.iloc[::-1]  # most negative at the bottom
    rows = pd.concat([pos_rows, neg_rows])
    ax = get_ax(ax)
    labels = rows[y].astype("str").tolist()
    values = rows[x].to_numpy(dtype="float64")
    ypos = np.arange(len(labels))
    p_col = _P_COLUMNS.get(x)
    if threshold is not None and p_col in rows.columns:
        faded = (rows[p_col].to_numpy(dtype="float64") >= threshold)
    else:
        faded = np.zeros(len(rows), dtype=bool)

    def name(col: str, total: str, default: str) -> str:
        if col not in data.columns or not len(data):
            return default
        value = str(data[col].iloc[0])
        text = period_label(value, periods, words=False) if periods is not None else value
        if total in data.columns:
            text += f" ({int(data[total].iloc[0]):,} words)"
        return text

    t_label = name("target", "n_total_target", "target")
    r_label = name("reference", "n_total_reference", "reference")
    k = len(pos_rows)
    for sl, color, label in ((slice(0, k), c_target, t_label), (slice(k, len(rows)), c_ref, r_label)):
        idx = np.arange(len(rows))[sl]
        if not len(idx):
            continue
        strong, weak = idx[~faded[idx]], idx[faded[idx]]
        if len(strong):
            ax.barh(ypos[strong], values[strong], color=color, label=label, **bar_kws)
        if len(weak):
            ax.barh(ypos[weak], values[weak], color=color, alpha=0.35, label=None if len(strong) else label, **bar_kws)
    ax.set_yticks(ypos, labels=labels)
    ax.set_ylim(len(labels) - 0.5, -0.5)
    ax.axvline(0.0, color="#444444", linewidth=0.8)
    crit = critical_value(x, threshold) if threshold is not None else None
    if crit is not None:
        sym = {"g2": "G²", "chi2": "χ²", "zeta": "|z|"}[x]
        text = f"p = {threshold:g} ({sym} = {crit:.2f})" + ("; fainter bars: not significant" if faded.any() else "")
        for i, sign in enumerate((1.0, -1.0)):
            ax.axvline(sign * crit, color="#777777", linestyle="--", linewidth=0.9, zorder=0.5,
                       label=text if i == 0 else None)
    ax.set_xlabel(_LABELS.get(x, x.replace("_", " ")))
    ax.set_ylabel("")
    if legend and len(labels):
        handles, names = ax.get_legend_handles_labels()
        order = sorted(range(len(names)), key=lambda i: names[i].startswith("p = "))  # bars first, threshold last
        ax.legend([handles[i] for i in order], [names[i] for i in order], loc="lower right", fontsize="small")
    return ax
