"""The suite's shared matplotlib style and colour-blind-safe period palette."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["PALETTE", "RC", "period_colors", "get_ax"]

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
