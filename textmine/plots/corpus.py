"""Plots of the corpus frames themselves."""

from __future__ import annotations

import pandas as pd

from ..errors import ColumnError
from .style import get_ax, period_colors

__all__ = ["plot_paragraph_lengths"]


def plot_paragraph_lengths(data: pd.DataFrame, *, y: str = "n_words", hue: str | None = None, ax=None, **bar_kws):
    """Bar chart of paragraph length along the text.

    Parameters
    ----------
    data : DataFrame
        Paragraph frame with ``para_id`` and the *y* column.
    y : str
        Length column, default ``n_words`` (word and number tokens).
    hue : str, optional
        Column to colour bars by (e.g. ``period``), in the column's
        categorical order when it has one.
    ax : matplotlib Axes, optional
        Axes to draw on; the current Axes by default.

    Returns
    -------
    matplotlib.axes.Axes
    """
    need = ["para_id", y] + ([hue] if hue else [])
    missing = [c for c in need if c not in data.columns]
    if missing:
        raise ColumnError(f"textmine.plot_paragraph_lengths: data lacks column(s) {missing}; pass doc.paragraphs.")
    ax = get_ax(ax)
    x = data["para_id"].to_numpy()
    if hue is None:
        ax.bar(x, data[y].to_numpy(), color="#0072B2", width=0.85, **bar_kws)
    else:
        col = data[hue]
        levels = list(col.cat.categories) if isinstance(col.dtype, pd.CategoricalDtype) else sorted(col.dropna().unique())
        colors = period_colors([str(v) for v in levels])
        for level in levels:
            m = (col == level).to_numpy()
            if m.any():
                ax.bar(x[m], data[y].to_numpy()[m], color=colors[str(level)], width=0.85, label=str(level), **bar_kws)
        ax.legend(title=hue, fontsize="small", ncols=2)
    ax.set_xlabel("paragraph (reading order)")
    ax.set_ylabel(y.replace("_", " "))
    return ax
