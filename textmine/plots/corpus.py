"""Plots of the corpus frames themselves."""

from __future__ import annotations

import pandas as pd

from .._frames import require_columns
from .style import get_ax, period_colors, period_labels

__all__ = ["plot_paragraph_lengths"]


def plot_paragraph_lengths(
    data: pd.DataFrame,
    *,
    y: str = "n_words",
    hue: str | None = None,
    periods: pd.DataFrame | None = None,
    ax=None,
    **bar_kws,
):
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
    periods : DataFrame, optional
        With ``hue="period"``: the periods table or period summary; legend
        entries are the periods' labels (with their words, from a summary).
    ax : matplotlib Axes, optional
        Axes to draw on; the current Axes by default.

    Returns
    -------
    matplotlib.axes.Axes
    """
    need = ["para_id", y] + ([hue] if hue else [])
    require_columns(data, need, func="textmine.plot_paragraph_lengths", arg="data", hint="pass doc.paragraphs")
    ax = get_ax(ax)
    x = data["para_id"].to_numpy()
    if hue is None:
        ax.bar(x, data[y].to_numpy(), color="#0072B2", width=0.85, **bar_kws)
    else:
        col = data[hue]
        levels = list(col.cat.categories) if isinstance(col.dtype, pd.CategoricalDtype) else sorted(col.dropna().unique())
        colors = period_colors([str(v) for v in levels])
        names = period_labels(periods, sep=" \u00b7 ") if hue == "period" else {}
        for level in levels:
            m = (col == level).to_numpy()
            if m.any():
                ax.bar(x[m], data[y].to_numpy()[m], color=colors[str(level)], width=0.85,
                       label=names.get(str(level), str(level)), **bar_kws)
        ax.legend(title=hue, fontsize="small", loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_xlabel("paragraph (reading order)")
    ax.set_ylabel(y[2:] if y.startswith("n_") else y.replace("_", " "))
    return ax
