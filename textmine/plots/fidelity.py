"""Quotation fidelity: how faithfully each period or speaker quotes.

:func:`plot_fidelity` draws :func:`textmine.fidelity.fidelity_counts` as one
horizontal bar per group, a segment per match type (from the most to the
least faithful), as shares of the group's quotations, with the number of
quotations and the page agreement at the bar's end. Same contract as every
plot: ``data`` first, keyword-only options, ``ax=None``, returns the Axes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._frames import require_columns
from .style import get_ax, percent_axis, period_labels

__all__ = ["plot_fidelity", "MATCH_COLORS"]

#: One colour per match type, from faithful (dark green) to not found (grey); colour-blind safe (Okabe–Ito).
MATCH_COLORS = {
    "exact": "#009E73",
    "typography": "#56B4E9",
    "elided": "#F0E442",
    "altered": "#D55E00",
    "not_found": "#BBBBBB",
}
_NAMES = {"exact": "exact", "typography": "exact up to typography", "elided": "elided",
          "altered": "altered", "not_found": "not found"}


def plot_fidelity(data: pd.DataFrame, *, by: str | None = None, periods: pd.DataFrame | None = None,
                  annotate: bool = True, ax=None):
    """Stacked bars of match types per group (period, speaker, source).

    Parameters
    ----------
    data : DataFrame
        From :func:`textmine.fidelity.fidelity_counts`; its first column is
        the group.
    by : str, optional
        The group column (default: the first column).
    periods : DataFrame, optional
        Periods table or period summary: a ``period`` group is named by its
        label (and words, from a summary).
    annotate : bool
        Write ``n`` quotations and ``pages k/m`` agreeing at each bar's end.

    Returns
    -------
    matplotlib Axes
        ``ax.patches`` group by group (top to bottom), match types in
        :data:`textmine.fidelity.MATCH_TYPES` order, zero segments skipped;
        the x axis is a percent axis of the group's quotations.
    """
    func = "textmine.plots.plot_fidelity"
    require_columns(data, ["match", "share", "n_quotations", "n_group"], func=func, arg="data",
                    hint="pass fidelity_counts(fid.quotations, by=...)")
    by = by or data.columns[0]
    require_columns(data, [by], func=func, arg="data")
    ax = get_ax(ax)
    key = data[by]
    groups = [str(c) for c in key.cat.categories] if isinstance(key.dtype, pd.CategoricalDtype) else [str(v) for v in pd.unique(key)]
    groups = [g for g in groups if (data.loc[key.astype(str) == g, "n_group"] > 0).any()]
    names = period_labels(periods, sep=" \u00b7 ") if by == "period" and periods is not None else {}
    y = np.arange(len(groups))
    left = np.zeros(len(groups))
    seen = set()
    matches = [str(m) for m in (data["match"].cat.categories if isinstance(data["match"].dtype, pd.CategoricalDtype) else pd.unique(data["match"]))]
    for m in matches:
        widths = np.array([float(data.loc[(key.astype(str) == g) & (data["match"].astype(str) == m), "share"].sum()) for g in groups])
        keep = widths > 0
        if keep.any():
            ax.barh(y[keep], widths[keep], left=left[keep], color=MATCH_COLORS.get(m, "#777777"), edgecolor="white",
                    linewidth=0.6, label=_NAMES.get(m, m) if m not in seen else None, height=0.7)
            seen.add(m)
        left += widths
    if annotate:
        for i, g in enumerate(groups):
            part = data[key.astype(str) == g]
            n = int(part["n_group"].iloc[0])
            text = f"n = {n}"
            if {"n_page_checked", "n_page_agrees"} <= set(part.columns) and part["n_page_checked"].sum():
                text += f"; pages {int(part['n_page_agrees'].sum())}/{int(part['n_page_checked'].sum())} right"
            ax.text(1.01, i, text, va="center", ha="left", fontsize=8, transform=ax.get_yaxis_transform())
    ax.set_yticks(y)
    ax.set_yticklabels([names.get(g, g) for g in groups])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    percent_axis(ax, "x")
    ax.set_xlabel("share of the group's quotations")
    if seen:
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=min(5, len(seen)), frameon=False, fontsize=8)
    return ax
