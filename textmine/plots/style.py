"""The suite's shared matplotlib style, colour-blind-safe period palette and period labels.

Every by-period plot takes ``periods=``: the periods table
(:func:`textmine.periods.read_periods`) or, better, the period summary
(:func:`textmine.propose.period_summary`), which adds ``n_words``. With it,
axes, legends and panel titles name each period by its label and say how
many words it holds ("Third Period · 132 words"), so a reader sees at once
when a bar rests on very little text.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["PALETTE", "RC", "period_colors", "get_ax", "period_label", "period_labels", "percent_axis"]

#: Okabe & Ito (2008) colour-blind-safe palette (its grey moved last, so no
#: period looks like "unassigned"), then Paul Tol's "muted" colours for
#: tables with more than eight periods.
PALETTE: tuple[str, ...] = (
    "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#882255",
    "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#999999",
)

#: rcParams applied by :func:`textmine.figures.style_context` and the notebooks.
RC: dict[str, object] = {
    "figure.figsize": (8.0, 4.5),
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "legend.frameon": False,
    "svg.hashsalt": "textmine",
    "image.cmap": "viridis",
}


def period_colors(periods: Sequence[str]) -> dict[str, str]:
    """Map period ids, in the given (chronological) order, to palette colours.

    The same periods table always gives the same colours, so a period looks
    the same in every figure. ``"unassigned"`` is always light grey.
    """
    out: dict[str, str] = {}
    i = 0
    for p in periods:
        if p in out:
            continue
        if p == "unassigned":
            out[p] = "#DDDDDD"
            continue
        out[p] = PALETTE[i % len(PALETTE)]
        i += 1
    return out


def get_ax(ax=None):
    """Return *ax*, or the current Axes (matplotlib imported lazily)."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    return plt.gca()


def period_labels(periods=None, *, words: bool = True, sep: str = "\n", width: int | None = None) -> dict[str, str]:
    """Period id → display label, from a periods table or period summary.

    Parameters
    ----------
    periods : DataFrame, optional
        ``period`` and optionally ``label`` and ``n_words``. None gives
        ``{}`` (callers then show the ids).
    words : bool
        Add the word count (``"1,234 words"``) when *periods* has ``n_words``.
    sep : str
        Between the label and the word count (a line break for tick
        labels, ``" · "`` for titles and legends).
    width : int, optional
        Wrap the label to lines of at most this many characters (tick
        labels of long period names).
    """
    if periods is None:
        return {}
    from .._frames import require_columns

    require_columns(periods, ["period"], func="textmine.plots.period_labels", arg="periods",
                    hint="pass the periods table (read_periods) or period_summary(doc, periods)")
    ids = periods["period"].astype("str").tolist()
    names = periods["label"].astype("str").tolist() if "label" in periods.columns else ids
    if width:
        import textwrap

        names = [textwrap.fill(n, width) for n in names]
    out = dict(zip(ids, names))
    if words and "n_words" in periods.columns:
        for p, n in zip(ids, periods["n_words"].tolist()):
            out[p] = f"{out[p]}{sep}{int(n):,} word{'' if int(n) == 1 else 's'}"
    return out


def period_label(period: str, periods=None, *, words: bool = True, sep: str = " \u00b7 ") -> str:
    """One period's display label (see :func:`period_labels`); the id when unknown."""
    return period_labels(periods, words=words, sep=sep).get(str(period), str(period))


def percent_axis(ax, axis: str = "y", *, decimals: int | None = 0):
    """Format a 0–1 share axis as percentages (0 %–100 %)."""
    from matplotlib.ticker import PercentFormatter

    fmt = PercentFormatter(1.0, decimals=decimals)
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(fmt)
    return ax
