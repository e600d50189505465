"""The narrative timeline: paragraphs in reading order against the years they refer to."""

from __future__ import annotations

import pandas as pd

from .._frames import require_columns
from .style import get_ax, period_colors, period_labels

__all__ = ["plot_timeline"]

_PLACED_BY_DATES = ("explicit", "manual")


def plot_timeline(
    data,
    *,
    periods: pd.DataFrame | None = None,
    dates: pd.DataFrame | None = None,
    ax=None,
    show_dates: bool = True,
    show_focus: bool = True,
    bands: bool = True,
    legend: bool = True,
    marker_size: float = 28.0,
):
    """Draw where the narrative is in time, paragraph by paragraph.

    x is the paragraph (reading order), y the year. Each element is coloured
    by the period of its paragraph (:func:`textmine.plots.style.period_colors`,
    in the periods' chronological order):

    - grey step line through each paragraph's ``year_focus``: a vertical
      jump is the narrative moving in time (e.g. 1989 → 1917);
    - a marker at ``year_focus``: filled when the paragraph's own dates place
      it (``period_rule`` explicit/manual), hollow when it was inherited,
      taken from the passage introducing a quotation, or set to the time of
      writing;
    - with *dates*, every historical date (not in a citation) as a dot at
      its year, or a vertical bar from ``year_start`` to ``year_end`` for a
      range; dates inside quotation marks are drawn faint, since they do not
      place the paragraph;
    - with *periods*, a faint horizontal band and label for each period.

    Parameters
    ----------
    data : DataFrame or Document
        Paragraphs with ``para_id, period, year_focus`` and optionally
        ``period_rule`` (the paragraphs of
        :func:`textmine.periods.assign_periods`, or
        :func:`textmine.periods.paragraph_periods`). A Document returned by
        ``assign_periods`` is accepted too: its paragraphs are used, and its
        dates when *dates* is not given.
    periods : DataFrame, optional
        Periods table (:func:`textmine.periods.read_periods`) for the bands,
        labels and colour order. Without it, the order of the ``period``
        categories is used and no bands are drawn.
    dates : DataFrame, optional
        ``para_id, year_start, year_end, in_citation`` (+ ``in_quote``).
    ax : matplotlib Axes, optional
        Axes to draw on; the current Axes by default.
    show_dates, show_focus, bands, legend : bool
        Switch the layers on or off.
    marker_size : float
        Area of the ``year_focus`` markers (points²).

    Returns
    -------
    matplotlib.axes.Axes
    """
    func = "textmine.plot_timeline"
    if hasattr(data, "paragraphs") and hasattr(data, "dates") and not isinstance(data, pd.DataFrame):
        if dates is None and show_dates:
            dates = data.dates
        data = data.paragraphs
    require_columns(data, ["para_id", "period", "year_focus"], func=func, arg="data",
                    hint="run textmine.periods.assign_periods(doc, periods) first and pass its paragraphs (or the Document)")
    if periods is not None:
        require_columns(periods, ["period", "year_start", "year_end"], func=func, arg="periods",
                        hint="pass read_periods(path) or period_summary(doc, periods)")
        # a period summary may hold "unassigned" (no years): it has no band
        periods = periods[periods["year_start"].notna() & periods["year_end"].notna()]
    if dates is not None:
        require_columns(dates, ["para_id", "year_start", "year_end", "in_citation"], func=func, arg="dates",
                        hint="pass doc.dates")

    ax = get_ax(ax)
    col = data["period"]
    if periods is not None:
        order = list(periods["period"]) + ["unassigned"]
        labels = period_labels(periods, sep=" \u00b7 ")
    elif isinstance(col.dtype, pd.CategoricalDtype):
        order = [str(c) for c in col.cat.categories]
        labels = {}
    else:
        order = sorted(col.dropna().astype(str).unique())
        labels = {}
    colors = period_colors(order)
    para_period = dict(zip(data["para_id"].astype("int64"), col.astype("str")))

    if bands and periods is not None:
        from matplotlib.transforms import blended_transform_factory

        trans = blended_transform_factory(ax.transAxes, ax.transData)
        for p, ys, ye in zip(periods["period"], periods["year_start"].astype("int64"), periods["year_end"].astype("int64")):
            ax.axhspan(ys - 0.5, ye + 0.5, color=colors[p], alpha=0.12, lw=0, zorder=0)
            ax.text(1.005, (ys + ye) / 2, labels.get(p, p), transform=trans, fontsize="x-small",
                    va="center", ha="left", color="#444444", clip_on=False)

    if show_dates and dates is not None and len(dates):
        d = dates[~dates["in_citation"].astype(bool) & dates["year_start"].notna() & dates["year_end"].notna()]
        quoted = d["in_quote"].astype(bool).to_numpy() if "in_quote" in d.columns else [False] * len(d)
        for pid, ys, ye, q in zip(d["para_id"].astype("int64"), d["year_start"].astype("int64"),
                                  d["year_end"].astype("int64"), quoted):
            c = colors.get(para_period.get(int(pid), "unassigned"), "#999999")
            alpha = 0.35 if q else 0.9
            if ye > ys:
                ax.vlines(pid, ys, ye, colors=c, lw=2.2, alpha=alpha, zorder=2)
            ax.scatter([pid, pid] if ye > ys else [pid], [ys, ye] if ye > ys else [ys], s=10, color=c,
                       alpha=alpha, zorder=3, lw=0)

    if show_focus:
        f = data[data["year_focus"].notna()].sort_values("para_id", kind="stable")
        ax.plot(f["para_id"].to_numpy(), f["year_focus"].astype("int64").to_numpy(), color="#777777",
                lw=0.8, drawstyle="steps-mid", zorder=1)
        rule = f["period_rule"].astype("str") if "period_rule" in f.columns else pd.Series(["explicit"] * len(f))
        for placed in (True, False):
            sel = (rule.isin(_PLACED_BY_DATES) == placed).to_numpy()
            g = f[sel]
            cs = [colors.get(str(p), "#999999") for p in g["period"]]
            ax.scatter(g["para_id"].to_numpy(), g["year_focus"].astype("int64").to_numpy(), s=marker_size,
                       facecolors=cs if placed else "white", edgecolors=cs, linewidths=1.4, zorder=4)

    if legend:
        from matplotlib.lines import Line2D
        from matplotlib.patches import Patch

        present = set(col.astype("str"))
        handles = [Patch(color=colors[p], label=labels.get(p, p)) for p in order if p in present]
        handles += [
            Line2D([], [], marker="o", ls="", color="#555555", label="placed by its own dates"),
            Line2D([], [], marker="o", ls="", markerfacecolor="white", color="#555555",
                   label="inherited / quotation / present"),
        ]
        ax.legend(handles=handles, fontsize="x-small", loc="upper left", bbox_to_anchor=(0, -0.14), ncols=4)
    ax.set_xlabel("paragraph (reading order)")
    ax.set_ylabel("year referred to")
    if len(data):
        ax.set_xlim(data["para_id"].min() - 0.8, data["para_id"].max() + 0.8)
    return ax
