"""Plots for quotation density: bars by period, a rolling curve with period
bands, and a speaker-by-period heat map.

Every function takes the tidy frame from :mod:`textmine.density` first,
keyword-only options and ``ax=None`` (the current Axes), and returns the
Axes; nothing is shown, saved or created behind your back. Periods have the
suite's colours (:func:`textmine.plots.style.period_colors`), in their
chronological order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..errors import ColumnError, InputError
from .style import PALETTE, get_ax, period_colors

__all__ = ["plot_density", "plot_rolling_density", "plot_speaker_by_period"]

_LABELS = {
    "quoted_share": "all quoted words",
    "quotation_share": "source quotations",
    "term_share": "scare-quoted terms",
    "title_share": "quoted titles",
    "quotations_per_1000": "source quotations",
    "terms_per_1000": "scare-quoted terms",
    "titles_per_1000": "quoted titles",
    "citations_per_1000": "citations",
}
#: Segment styles for stacked bars: the period colour at decreasing opacity, with hatching.
_SEGMENTS = ((1.0, ""), (0.55, "///"), (0.3, "..."), (0.15, "xx"))
_BASE = PALETTE[4]


def _require(frame: Any, columns: Sequence[str], func: str) -> None:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{func}: data must be a DataFrame, got {type(frame).__name__}.")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ColumnError(f"{func}: data lacks column(s) {missing}; it has {list(frame.columns)}.")


def _period_order(col: pd.Series) -> list[str]:
    if isinstance(col.dtype, pd.CategoricalDtype):
        return [str(c) for c in col.cat.categories]
    return [str(v) for v in pd.unique(col.dropna())]


def plot_density(
    data: pd.DataFrame,
    *,
    x: str = "period",
    y: str | Sequence[str] = ("quotation_share", "term_share", "title_share"),
    ax=None,
):
    """Bars of quotation density by group.

    Parameters
    ----------
    data : DataFrame
        From :func:`textmine.density.quotation_density`.
    x : str, default "period"
        Group column; bars in row order (chronological for periods).
    y : str or sequence of str
        One measure column: plain bars. Several: stacked bars, one segment
        per measure from the bottom up (the default stacks source quotations,
        scare-quoted terms and titles, whose heights sum to
        ``quoted_share``). Stack only measures that add up (shares with
        shares, per-1,000 rates with rates).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes
        Bars coloured by period (``x="period"``) or in one colour otherwise;
        stacked segments are told apart by opacity and hatching, named in the
        legend.
    """
    func = "textmine.plots.plot_density"
    ys = [y] if isinstance(y, str) else list(y)
    if not ys:
        raise InputError(f"{func}: y must name at least one measure column.")
    if len(ys) > len(_SEGMENTS):
        raise InputError(f"{func}: at most {len(_SEGMENTS)} measures can be stacked, got {len(ys)}.")
    _require(data, [x, *ys], func)
    ax = get_ax(ax)
    groups = [str(g) for g in data[x].tolist()]
    pos = np.arange(len(groups))
    if x == "period":
        cmap = period_colors(_period_order(data[x]))
        colors = [cmap.get(g, _BASE) for g in groups]
    else:
        colors = [_BASE] * len(groups)
    bottom = np.zeros(len(groups))
    for i, col in enumerate(ys):
        h = data[col].to_numpy(np.float64)
        h = np.nan_to_num(h)
        alpha, hatch = _SEGMENTS[i] if len(ys) > 1 else (1.0, "")
        ax.bar(pos, h, bottom=bottom, color=colors, alpha=alpha, hatch=hatch, edgecolor="#444444", linewidth=0.5,
               label=_LABELS.get(col, col))
        bottom = bottom + h
    ax.set_xticks(pos)
    ax.set_xticklabels(groups, rotation=30 if x == "period" else 0, ha="right" if x == "period" else "center")
    ax.set_xlabel(x)
    if all(c.endswith("_share") for c in ys):
        ax.set_ylabel("share of words")
    elif all(c.endswith("_per_1000") for c in ys):
        ax.set_ylabel("per 1,000 words")
    else:
        ax.set_ylabel(", ".join(ys))
    if len(ys) > 1:
        from matplotlib.patches import Patch

        handles = [
            Patch(facecolor="#777777", alpha=_SEGMENTS[i][0], hatch=_SEGMENTS[i][1], edgecolor="#444444", label=_LABELS.get(c, c))
            for i, c in enumerate(ys)
        ]
        ax.legend(handles=handles, loc="best")
    return ax


def plot_rolling_density(
    data: pd.DataFrame,
    *,
    bands: bool = True,
    color: str = "#222222",
    ax=None,
):
    """The rolling quoted share along the text, with period bands behind it.

    Parameters
    ----------
    data : DataFrame
        From :func:`textmine.density.rolling_density` for one document:
        ``position, share`` (and ``period`` for the bands).
    bands : bool, default True
        Shade each run of consecutive positions with the same period in the
        period's colour (needs a ``period`` column); one legend entry per
        period, chronological.
    color : str
        Line colour.

    Returns
    -------
    matplotlib Axes
        ``ax.lines[0]`` is the curve (x = position, y = share); the bands are
        ``ax.patches``, in reading order.
    """
    func = "textmine.plots.plot_rolling_density"
    _require(data, ["position", "share"], func)
    if "doc_id" in data.columns and data["doc_id"].nunique() > 1:
        raise InputError(
            f"{func}: data holds {data['doc_id'].nunique()} documents; plot one at a time, "
            "e.g. data[data.doc_id == 'name']."
        )
    ax = get_ax(ax)
    d = data.sort_values("position", kind="mergesort")
    x = d["position"].to_numpy(np.float64)
    if bands and "period" in d.columns and len(d):
        order = _period_order(d["period"])
        cmap = period_colors(order)
        p = d["period"].astype("str").fillna("").to_numpy()
        change = np.flatnonzero(np.r_[True, p[1:] != p[:-1]])
        ends = np.r_[change[1:], len(p)]
        seen = set()
        for s, e in zip(change, ends):
            if not p[s]:
                continue
            label = p[s] if p[s] not in seen else None
            seen.add(p[s])
            left = x[s] - 0.5
            right = x[e - 1] + 0.5 if e == len(p) else (x[e - 1] + x[e]) / 2
            if s > 0:
                left = (x[s - 1] + x[s]) / 2
            ax.axvspan(left, right, color=cmap.get(p[s], "#DDDDDD"), alpha=0.35, linewidth=0, zorder=0, label=label)
        handles, labels = ax.get_legend_handles_labels()
        rank = {q: i for i, q in enumerate(order)}
        pairs = sorted(((h, lab) for h, lab in zip(handles, labels) if lab in rank), key=lambda hl: rank[hl[1]])
        if pairs:
            ax.legend([h for h, _ in pairs], [lab for _, lab in pairs], loc="upper left", bbox_to_anchor=(1.0, 1.0), title="period")
    ax.plot(x, d["share"].to_numpy(np.float64), color=color, linewidth=1.2, zorder=2)
    ax.set_ylim(0, 1)
    if len(x):
        ax.set_xlim(x.min() - 0.5, x.max() + 0.5)
    w = int(d["n_window"].max()) if "n_window" in d.columns and len(d) else None
    ax.set_xlabel("word position")
    ax.set_ylabel(f"quoted share ({w}-word window)" if w else "quoted share")
    return ax


def plot_speaker_by_period(
    data: pd.DataFrame,
    *,
    values: str = "n_quotations",
    annotate: bool = True,
    cmap: str = "Blues",
    ax=None,
):
    """Heat map of who is quoted in which period.

    Parameters
    ----------
    data : DataFrame
        From :func:`textmine.density.speaker_by_period` (``speaker``, the
        period column, *values*).
    values : str, default "n_quotations"
        The cell value (``n_quotations``, ``n_parts`` or ``n_tokens``).
    annotate : bool
        Write each cell's value (zeros left blank).

    Returns
    -------
    matplotlib Axes
        Rows = speakers in the table's order (most quoted first), columns =
        periods in chronological order; tick labels in that order.
    """
    func = "textmine.plots.plot_speaker_by_period"
    from ..density import speaker_period_matrix

    _require(data, ["speaker", values], func)
    wide = speaker_period_matrix(data, values=values)
    ax = get_ax(ax)
    speakers = wide["speaker"].tolist()
    periods = list(wide.columns[1:])
    M = wide[periods].to_numpy(np.float64) if periods else np.zeros((len(speakers), 0))
    if M.size:
        ax.imshow(M, aspect="auto", cmap=cmap, vmin=0, vmax=max(float(M.max()), 1.0), interpolation="nearest")
    ax.set_xticks(np.arange(len(periods)))
    ax.set_xticklabels(periods, rotation=30, ha="right")
    ax.set_yticks(np.arange(len(speakers)))
    ax.set_yticklabels(speakers)
    if annotate and M.size:
        hi = float(M.max())
        for i in range(M.shape[0]):
            for j in range(M.shape[1]):
                if M[i, j]:
                    ax.text(j, i, f"{M[i, j]:.0f}", ha="center", va="center", fontsize=8,
                            color="white" if M[i, j] > 0.6 * hi else "black")
    pcol = data.columns[1]
    cm = period_colors(_period_order(data[pcol]))
    for lab in ax.get_xticklabels():
        lab.set_bbox({"facecolor": cm.get(lab.get_text(), "white"), "edgecolor": "none", "alpha": 0.35, "pad": 1.5})
    ax.set_xlabel(str(pcol))
    ax.set_ylabel("speaker")
    return ax
