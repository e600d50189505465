"""Lexical dispersion plot: where chosen terms occur along the text.

One row per term, first term at the top; a tick at each occurrence; the
periods (or any other column) as coloured bands behind, in the suite's
period colours. The x axis counts words as :func:`textmine.density.rolling_density`
does (punctuation and citation apparatus not counted), so the dispersion
plot and the rolling quotation density share one position scale. Row *i* is labelled with ``terms[i]`` and shows the hits of
``terms[i]`` — set by the same index, so labels cannot drift from rows.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable

import numpy as np
import pandas as pd

from .._frames import require_columns, require_frame
from .._tokens import reading_order as _reading_order
from ..errors import InputError, TextmineWarning
from .style import get_ax, period_colors, period_labels

__all__ = ["plot_dispersion"]

_X_LABELS = {"position": "word position (punctuation and citations not counted)", "start": "character offset", "token_id": "token id"}


def _band_levels(col: pd.Series) -> list:
    if isinstance(col.dtype, pd.CategoricalDtype):
        present = set(col.dropna().unique().tolist())
        return [c for c in col.cat.categories if c in present]
    return list(pd.unique(col.dropna()))


def plot_dispersion(
    data: pd.DataFrame,
    terms: str | Iterable[str],
    *,
    term: str = "norm",
    x: str = "position",
    bands: str | None = "period",
    color: str = "#222222",
    legend: bool = True,
    periods: pd.DataFrame | None = None,
    ax=None,
    **plot_kws,
):
    """Lexical dispersion plot of *terms* along the text, with period bands.

    Parameters
    ----------
    data : DataFrame
        A token frame (``doc.tokens``, with a ``period`` column once periods
        are assigned), in reading order.
    terms : str or list of str
        Terms to show, one row each, top to bottom in this order. Single
        tokens, matched on the *term* column (case-insensitively for
        ``norm``). A term that never occurs keeps its (empty) row, with a
        warning.
    term : str
        Token column to match (``norm`` or ``token``).
    x : str
        Horizontal coordinate: ``"position"`` (default), the word position:
        tokens in reading order numbered 0, 1, … skipping punctuation
        (``kind == "punct"``) and the citation apparatus (``in_citation``),
        the ``position`` of :func:`textmine.density.rolling_density`; an
        occurrence inside a citation is not drawn. Or any numeric column,
        such as ``"start"`` (character offset) or ``"token_id"``, over all
        tokens.
    bands : str or None
        Column whose runs of equal values are drawn as coloured bands
        behind the ticks (colours from
        :func:`textmine.plots.style.period_colors`, in the column's
        categorical order, else order of appearance). Default
        ``"period"``: skipped quietly when *data* has no such column.
        ``None``: no bands.
    color : str
        Colour of the occurrence ticks.
    legend : bool
        Add a legend of the bands.
    periods : DataFrame, optional
        Periods table or period summary: legend entries are the periods'
        labels (with their words, from a summary).
    ax : matplotlib Axes, optional
        Axes to draw on; the current Axes by default.
    **plot_kws
        Passed to :meth:`matplotlib.axes.Axes.plot` for the ticks.

    Returns
    -------
    matplotlib.axes.Axes
    """
    func = "textmine.plot_dispersion"
    require_frame(data, func=func, arg="data", hint="pass doc.tokens")
    if isinstance(terms, str):
        terms = [terms]
    elif isinstance(terms, Iterable):
        terms = list(terms)
    else:
        raise TypeError(f"{func}: terms must be a str or a list of str, got {type(terms).__name__}.")
    if not terms:
        raise InputError(f"{func}: terms is empty; pass the words to plot, e.g. ['revolution', 'peace'].")
    bad = [t for t in terms if not isinstance(t, str)]
    if bad:
        raise TypeError(f"{func}: terms must be strings; got {bad[0]!r}.")
    if len(set(terms)) != len(terms):
        raise InputError(f"{func}: terms lists a term twice: {terms}.")
    need = [term] + ([x] if x != "position" else [])
    if bands is not None and bands != "period":
        need.append(bands)
    require_columns(data, need, func=func, arg="data", hint="pass doc.tokens")
    if bands == "period" and "period" not in data.columns:
        bands = None

    frame = data.iloc[_reading_order(data)].reset_index(drop=True)
    if x == "position":
        # Words as rolling_density counts them: no punctuation, no citation apparatus.
        keep = np.ones(len(frame), dtype=bool)
        if "kind" in frame.columns:
            keep &= frame["kind"].astype("str").to_numpy() != "punct"
        if "in_citation" in frame.columns:
            keep &= ~frame["in_citation"].fillna(False).to_numpy(dtype=bool)
        frame = frame[keep].reset_index(drop=True)
        xs = np.arange(len(frame), dtype="float64")
    else:
        if not pd.api.types.is_numeric_dtype(frame[x]):
            raise TypeError(f"{func}: x column {x!r} must be numeric, got dtype {frame[x].dtype}.")
        xs = frame[x].to_numpy(dtype="float64")
    values = frame[term].astype("str")
    if term == "norm":
        values = values.str.lower().str.replace("\u2019", "'", regex=False)
        keys = [t.lower().replace("\u2019", "'") for t in terms]
    else:
        keys = list(terms)
    values = values.to_numpy(dtype=object)

    ax = get_ax(ax)
    x_max = float(xs.max()) + 1.0 if len(xs) else 1.0
    if bands is not None and len(frame):
        col = frame[bands]
        levels = _band_levels(col)
        # Colours come from every category (not only those present), so a
        # period has the same colour here as in every other figure.
        palette_levels = list(col.cat.categories) if isinstance(col.dtype, pd.CategoricalDtype) else levels
        colours = period_colors([str(v) for v in palette_levels])
        codes, uniques = pd.factorize(col)  # missing values → -1
        change = np.ones(len(codes), dtype=bool)
        change[1:] = codes[1:] != codes[:-1]
        starts = np.flatnonzero(change)
        ends = np.r_[starts[1:], len(codes)]
        for a, b in zip(starts, ends):
            if codes[a] < 0:
                continue
            x0 = xs[a]
            x1 = xs[b] if b < len(xs) else x_max
            ax.axvspan(x0, x1, color=colours[str(uniques[codes[a]])], alpha=0.35, linewidth=0, zorder=0)
        if legend and levels:
            from matplotlib.patches import Patch

            names = period_labels(periods, sep=" \u00b7 ") if bands == "period" else {}
            handles = [Patch(facecolor=colours[str(v)], alpha=0.35, label=names.get(str(v), str(v))) for v in levels]
            ax.legend(handles=handles, title=bands, fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1.0))

    kws = {"linestyle": "none", "marker": "|", "markersize": 12, "markeredgewidth": 1.2, "color": color}
    kws.update(plot_kws)
    absent = []
    for i, key in enumerate(keys):
        hit = values == key
        if not hit.any():
            absent.append(terms[i])
        ax.plot(xs[hit], np.full(int(hit.sum()), float(i)), gid=terms[i], label=f"_{terms[i]}", **kws)
    if absent:
        warnings.warn(f"{func}: {absent} never occur in column {term!r}; their rows are empty.", category=TextmineWarning, stacklevel=2)
    ax.set_yticks(np.arange(len(terms)), labels=list(terms))
    ax.set_ylim(len(terms) - 0.5, -0.5)  # first term on top
    ax.set_xlim(0.0 if x == "position" else (float(xs.min()) if len(xs) else 0.0), x_max)
    ax.set_xlabel(_X_LABELS.get(x, x.replace("_", " ")))
    ax.set_ylabel("")
    return ax
