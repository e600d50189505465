"""Plots for quotation density: bars by period, a rolling curve with period
bands, and who is quoted in which period (bars, or a heat map with a colour bar).

Shares are drawn on percent axes; with ``periods=`` (the period summary)
each period is named by its label and its number of words.

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

from .._frames import require_columns
from ..errors import InputError
from .style import PALETTE, get_ax, percent_axis, period_colors, period_labels

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


def _period_order(col: pd.Series) -> list[str]:
    if isinstance(col.dtype, pd.CategoricalDtype):
        return [str(c) for c in col.cat.categories]
    return [str(v) for v in pd.unique(col.dropna())]


def plot_density(
    data: pd.DataFrame,
    *,
    x: str = "period",
    y: str | Sequence[str] = ("quotation_share", "term_share", "title_share"),
    periods: pd.DataFrame | None = None,
    annotate: bool = True,
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
    periods : DataFrame, optional
        Periods table or period summary: tick labels are the periods'
        labels. The words of each group (``n_words`` of *data*, else of
        *periods*) are written under each label.
    annotate : bool, default True
        Write each bar's total above it (a percentage for shares).
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
    require_columns(data, [x, *ys], func=func, arg="data", hint="pass quotation_density(doc, by=...)")
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
    shares = all(c.endswith("_share") for c in ys)
    if annotate:
        for px, top in zip(pos, bottom):
            ax.text(px, top, f"{100 * top:.1f}%" if shares else f"{top:.2g}", ha="center", va="bottom", fontsize="x-small")
    names = period_labels(periods, words=False, width=14) if x == "period" else {}
    words = dict(zip(groups, data["n_words"].tolist())) if "n_words" in data.columns else {}
    if not words and periods is not None and "n_words" in periods.columns:
        words = dict(zip(periods["period"].astype(str), periods["n_words"].tolist()))
    ticks = [names.get(g, g) + (f"\n{int(words[g]):,} words" if g in words else "") for g in groups]
    ax.set_xticks(pos)
    ax.set_xticklabels(ticks, fontsize="small")
    ax.set_xlabel(x if x != "period" else "period (words in it)" if words else "period")
    if shares:
        ax.set_ylabel("share of words")
        percent_axis(ax)
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
    periods: pd.DataFrame | None = None,
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
    periods : DataFrame, optional
        Periods table or period summary: legend entries are the periods'
        labels (with their words, from a summary).
    color : str
        Line colour.

    Returns
    -------
    matplotlib Axes
        ``ax.lines[0]`` is the curve (x = position, y = share); the bands are
        ``ax.patches``, in reading order. x is the word position, the
        unit of :func:`textmine.plots.plot_dispersion` too (words:
        punctuation and citation apparatus excluded); y is a percentage.
    """
    func = "textmine.plots.plot_rolling_density"
    require_columns(data, ["position", "share"], func=func, arg="data", hint="pass rolling_density(doc.tokens)")
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
        names = period_labels(periods, sep=" \u00b7 ")
        if pairs:
            ax.legend([h for h, _ in pairs], [names.get(lab, lab) for _, lab in pairs], loc="upper left",
                      bbox_to_anchor=(1.0, 1.0), title="period", fontsize="small")
    ax.plot(x, d["share"].to_numpy(np.float64), color=color, linewidth=1.2, zorder=2)
    ax.set_ylim(0, 1)
    if len(x):
        ax.set_xlim(x.min() - 0.5, x.max() + 0.5)
    w = int(d["n_window"].max()) if "n_window" in d.columns and len(d) else None
    ax.set_xlabel("word position (punctuation and citations not counted)")
    ax.set_ylabel(f"quoted share ({w}-word window)" if w else "quoted share")
    percent_axis(ax)
    return ax


def plot_speaker_by_period(
    data: pd.DataFrame,
    *,
    values: str = "n_tokens",
    kind: str = "bar",
    periods: pd.DataFrame | None = None,
    annotate: bool = True,
    cmap: str = "Blues",
    ax=None,
):
    """Who is quoted in which period: stacked bars (default) or a heat map.

    Parameters
    ----------
    data : DataFrame
        From :func:`textmine.density.speaker_by_period` (``speaker``, the
        period column, *values*).
    values : str, default "n_tokens"
        What to count: ``n_tokens`` (quoted words), ``n_quotations`` or
        ``n_parts``.
    kind : {"bar", "heatmap"}
        ``"bar"``: one horizontal bar per speaker (most quoted on top), a
        segment per period in the period's colour, the total at its end; a
        sparse table stays readable. ``"heatmap"``: speakers × periods with
        a colour bar.
    periods : DataFrame, optional
        Periods table or period summary: periods are named by their labels
        (and words, from a summary) in the legend or on the x axis.
    annotate : bool
        Write totals at the bar ends, or each non-zero cell's value.
    cmap : str
        Heat map colours.

    Returns
    -------
    matplotlib Axes
        Bars: ``ax.patches`` speaker by speaker, each speaker's periods in
        chronological order (zero segments skipped); y tick labels are the
        speakers, top to bottom. Heat map: ``ax.images[0]``, rows =
        speakers in the table's order, columns = periods in chronological
        order.
    """
    func = "textmine.plots.plot_speaker_by_period"
    from ..density import speaker_period_matrix

    require_columns(data, ["speaker", values], func=func, arg="data", hint="pass speaker_by_period(doc.quotations)")
    if kind not in ("bar", "heatmap"):
        raise InputError(f"{func}: kind must be 'bar' or 'heatmap', got {kind!r}.")
    wide = speaker_period_matrix(data, values=values)
    ax = get_ax(ax)
    speakers = wide["speaker"].astype(str).tolist()
    cols = list(wide.columns[1:])
    M = wide[cols].to_numpy(np.float64) if cols else np.zeros((len(speakers), 0))
    pcol = data.columns[1]
    cm = period_colors(_period_order(data[pcol]))
    what = {"n_tokens": "quoted words", "n_quotations": "quotations", "n_parts": "quotation parts"}.get(values, values)
    if kind == "bar":
        names = period_labels(periods, sep=" \u00b7 ")
        y = np.arange(len(speakers))
        left = np.zeros(len(speakers))
        for j, p in enumerate(cols):
            w = M[:, j] if M.size else np.zeros(0)
            rows = np.flatnonzero(w > 0)
            if len(rows):
                ax.barh(y[rows], w[rows], left=left[rows], color=cm.get(str(p), "#DDDDDD"), edgecolor="white",
                        linewidth=0.5, label=names.get(str(p), str(p)))
            left = left + (w if len(w) else 0)
        if annotate:
            for i, total in enumerate(left):
                ax.text(total, i, f" {total:,.0f}", va="center", ha="left", fontsize="x-small")
        ax.set_yticks(y, labels=speakers)
        ax.set_ylim(len(speakers) - 0.5, -0.5)
        ax.set_xlabel(what)
        ax.set_ylabel("speaker")
        if len(speakers):
            ax.legend(title=str(pcol), fontsize="small", loc="upper left", bbox_to_anchor=(1.0, 1.0))
        return ax
    im = ax.imshow(M if M.size else np.zeros((max(len(speakers), 1), max(len(cols), 1))), aspect="auto", cmap=cmap,
                   vmin=0, vmax=max(float(M.max()) if M.size else 1.0, 1.0), interpolation="nearest")
    ax.figure.colorbar(im, ax=ax, label=what)
    names = period_labels(periods, width=14)
    ax.set_xticks(np.arange(len(cols)))
    ax.set_xticklabels([names.get(str(p), str(p)) for p in cols], rotation=30, ha="right", fontsize="small")
    ax.set_yticks(np.arange(len(speakers)))
    ax.set_yticklabels(speakers)
    if annotate and M.size:
        hi = float(M.max())
        for i in range(M.shape[0]):
            for j in range(M.shape[1]):
                if M[i, j]:
                    ax.text(j, i, f"{M[i, j]:.0f}", ha="center", va="center", fontsize=8,
                            color="white" if M[i, j] > 0.6 * hi else "black")
    ax.set_xlabel(str(pcol))
    ax.set_ylabel("speaker")
    return ax
