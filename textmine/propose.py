"""Periods from the text itself: propose a periods table, place a text in one, summarise it.

Every analysis of the suite is *by period*. A researcher with a periodization
passes it as a table (:func:`textmine.periods.read_periods`); without one,
:func:`propose_periods` divides the years the text itself refers to, so a
first run on any text gives periods that follow its own chronology (and
says so). The proposal is a starting point to edit, not a finding.

Which dates count: the *narrative's* dates, the same ones that can place a
paragraph (:func:`textmine.periods.paragraph_periods`, rule ``explicit``):
references with a resolved year, outside parenthetical citations (a
publication year is not history) and outside quotation marks (a quoted
speaker's dates do not place the author's paragraph). Each such date stands
at its middle year ⌊(year_start + year_end) / 2⌋, and each *dated
paragraph* (a paragraph with at least one such date) at the lower median of
its dates' years: the proposal divides the distribution of the dated
paragraphs, so every proposed period holds at least one of them. The
periods together run from the first to the last year any narrative date
refers to.

Methods (``method=``):

``"gaps"`` (default): natural breaks. The distinct paragraph years
    y₁ < … < y_m are split at the gaps y_{i+1} − y_i of at least
    ``min_gap`` years, the largest first, into at most ``max_periods``
    periods; two neighbouring periods meet in the middle of the gap between
    them (the earlier ends at ⌊(y_i + y_{i+1}) / 2⌋). ``min_gap`` defaults
    to max(5, ⌈(y_m − y₁) / 10⌉): a tenth of the span, at least five years.
    A text whose paragraph years have no such gap gets one period.
``"quantile"``: ``n_periods`` periods (default 4; fewer when there are
    fewer distinct paragraph years) holding about equal numbers of dated
    paragraphs: the sorted paragraph years are cut into equal runs by rank,
    a cut moved forward so that one year is never split; periods meet as
    for ``"gaps"``.
``"width"``: fixed-width bins of ``width`` years (default 10) aligned on
    multiples of ``width`` (decades: 1910–1919, 1920–1929 …); every bin a
    narrative date falls in is kept, including bins whose dates sit in
    paragraphs placed elsewhere (they may get no paragraph).

Period ids are the years (``"1917-1956"``, or ``"1850"`` for a single
year); labels use an en dash (``"1917–1956"``); ``description`` gives the
number of dates in the period and ``source`` the method and its settings.
"""

from __future__ import annotations

import math
import os
from typing import Any

import numpy as np
import pandas as pd

from ._frames import require_columns, require_int
from .errors import InputError

__all__ = ["propose_periods", "with_periods", "period_summary", "PROPOSAL_METHODS", "SUMMARY_COLUMNS"]

PROPOSAL_METHODS = ("gaps", "quantile", "width")
SUMMARY_COLUMNS = ["period", "label", "year_start", "year_end", "n_paragraphs", "n_words", "share_of_words"]
_PERIOD_COLUMNS = ["period", "label", "year_start", "year_end", "description", "source"]
_SOURCE = "proposed by textmine.propose_periods"


def _narrative_dates(dates: pd.DataFrame) -> pd.DataFrame:
    """Dated references outside citations and quotations, with their middle year."""
    d = dates[dates["year_start"].notna() & dates["year_end"].notna()]
    if "in_citation" in d.columns:
        d = d[~d["in_citation"].fillna(False).astype(bool)]
    if "in_quote" in d.columns:
        d = d[~d["in_quote"].fillna(False).astype(bool)]
    ys = d["year_start"].to_numpy(dtype=np.int64)
    ye = d["year_end"].to_numpy(dtype=np.int64)
    para = d["para_id"].to_numpy(dtype=np.int64) if "para_id" in d.columns else np.arange(len(d))
    return pd.DataFrame({"para_id": para, "year_start": ys, "year_end": ye, "year": (ys + ye) // 2})


def _paragraph_years(narrative: pd.DataFrame) -> np.ndarray:
    """The lower median of each dated paragraph's date years, sorted."""
    years = []
    for _, g in narrative.groupby("para_id", sort=True):
        v = np.sort(g["year"].to_numpy())
        years.append(int(v[(len(v) - 1) // 2]))
    return np.sort(np.asarray(years, dtype=np.int64))


def _meet(clusters: list[np.ndarray], lo: int, hi: int) -> list[tuple[int, int]]:
    """Contiguous periods from clusters of years: neighbours meet in the middle of their gap."""
    bins = []
    for i, c in enumerate(clusters):
        start = lo if i == 0 else bins[-1][1] + 1
        end = hi if i == len(clusters) - 1 else (int(c[-1]) + int(clusters[i + 1][0])) // 2
        bins.append((start, end))
    return bins


def _gap_clusters(years: np.ndarray, max_periods: int, min_gap: int) -> list[np.ndarray]:
    distinct = np.unique(years)
    gaps = np.diff(distinct)
    # candidate breaks: gaps of at least min_gap, the largest first (ties: the earlier gap)
    order = sorted((i for i in range(len(gaps)) if gaps[i] >= min_gap), key=lambda i: (-int(gaps[i]), i))
    breaks = sorted(order[: max_periods - 1])
    return np.split(distinct, [b + 1 for b in breaks])


def _quantile_clusters(years: np.ndarray, n_periods: int) -> list[np.ndarray]:
    distinct = np.unique(years)
    n = min(n_periods, len(distinct))
    starts = {int(years[0])}
    for q in range(1, n):
        pos = (q * len(years)) // n
        while 0 < pos < len(years) and years[pos] == years[pos - 1]:
            pos += 1  # a cut inside a run of one year moves forward: a year is never split
        if pos < len(years):
            starts.add(int(years[pos]))
    cuts = [int(np.searchsorted(distinct, s)) for s in sorted(starts)[1:]]
    return np.split(distinct, cuts)


def _width_bins(narrative: pd.DataFrame, width: int) -> list[tuple[int, int]]:
    covered = set()
    for ys, ye in zip(narrative["year_start"], narrative["year_end"]):
        covered.update(range(int(ys) // width, int(ye) // width + 1))
    return [(k * width, k * width + width - 1) for k in sorted(covered)]


def _empty_periods() -> pd.DataFrame:
    return pd.DataFrame({
        "period": pd.Series(dtype="str"), "label": pd.Series(dtype="str"),
        "year_start": pd.Series(dtype="int64"), "year_end": pd.Series(dtype="int64"),
        "description": pd.Series(dtype="str"), "source": pd.Series(dtype="str"),
    })


def propose_periods(
    dates: Any,
    *,
    method: str = "gaps",
    max_periods: int = 6,
    min_gap: int | None = None,
    n_periods: int = 4,
    width: int = 10,
) -> pd.DataFrame:
    """Propose a periods table from the years a text refers to.

    Parameters
    ----------
    dates : DataFrame or Document
        ``doc.dates`` (``year_start, year_end`` and, when present,
        ``in_citation, in_quote``), or a Document (its dates are used).
    method : {"gaps", "quantile", "width"}
        How to divide the years; see the module docstring.
    max_periods : int, default 6
        ``"gaps"``: at most this many periods (the largest gaps win).
    min_gap : int, optional
        ``"gaps"``: the smallest gap, in years, that separates two periods;
        default max(5, ⌈span / 10⌉).
    n_periods : int, default 4
        ``"quantile"``: the number of periods (fewer when there are fewer
        distinct years).
    width : int, default 10
        ``"width"``: the bin width in years.

    Returns
    -------
    DataFrame
        ``period, label, year_start, year_end, description, source`` in
        chronological order, the shape :func:`textmine.periods.read_periods`
        returns (pass it to :func:`textmine.periods.assign_periods`). Empty
        (no rows) when the text has no dated reference outside citations and
        quotations: there is nothing to divide.

    Examples
    --------
    >>> doc = tm.load("my-text.txt")                       # doctest: +SKIP
    >>> periods = tm.propose_periods(doc.dates)            # doctest: +SKIP
    >>> doc = tm.assign_periods(doc, periods)              # doctest: +SKIP
    """
    func = "textmine.propose_periods"
    if not isinstance(dates, pd.DataFrame) and isinstance(getattr(dates, "dates", None), pd.DataFrame):
        dates = dates.dates
    require_columns(dates, ["year_start", "year_end"], func=func, arg="dates", hint="pass doc.dates")
    if method not in PROPOSAL_METHODS:
        raise InputError(f"{func}: method must be one of {list(PROPOSAL_METHODS)}, got {method!r}.")
    max_periods = require_int(max_periods, func=func, arg="max_periods", minimum=1)
    n_periods = require_int(n_periods, func=func, arg="n_periods", minimum=1)
    width = require_int(width, func=func, arg="width", minimum=1)
    narrative = _narrative_dates(dates)
    if len(narrative) == 0:
        return _empty_periods()
    para_years = _paragraph_years(narrative)
    lo, hi = int(narrative["year_start"].min()), int(narrative["year_end"].max())
    if method == "gaps":
        span = int(para_years[-1] - para_years[0])
        gap = max(5, math.ceil(span / 10)) if min_gap is None else require_int(min_gap, func=func, arg="min_gap", minimum=1)
        bins = _meet(_gap_clusters(para_years, max_periods, gap), lo, hi)
        how = f"method 'gaps': breaks at gaps of at least {gap} years between dated paragraphs, at most {max_periods} periods"
    elif method == "quantile":
        bins = _meet(_quantile_clusters(para_years, n_periods), lo, hi)
        how = f"method 'quantile': {n_periods} periods with about equal numbers of dated paragraphs"
    else:
        bins = _width_bins(narrative, width)
        how = f"method 'width': bins of {width} years"
    rows = []
    for start, end in bins:
        n = int(((para_years >= start) & (para_years <= end)).sum())
        rows.append({
            "period": f"{start}" if start == end else f"{start}-{end}",
            "label": f"{start}" if start == end else f"{start}\u2013{end}",
            "year_start": start,
            "year_end": end,
            "description": f"{n} dated paragraph{'' if n == 1 else 's'} (by the median year of their dates)",
            "source": f"{_SOURCE} ({how})",
        })
    from .periods import read_periods

    return read_periods(pd.DataFrame(rows, columns=_PERIOD_COLUMNS))


def with_periods(doc, periods: "pd.DataFrame | str | os.PathLike | None" = None, **options) -> tuple[Any, pd.DataFrame]:
    """Place a Document in a periods table, proposing one first when none is given.

    Parameters
    ----------
    doc : textmine.Document
    periods : DataFrame, path or None
        A periods table or CSV (:func:`textmine.periods.read_periods`);
        ``None``: :func:`propose_periods` from the document's dates, with
        *options*.

    Returns
    -------
    (Document, DataFrame)
        The document from :func:`textmine.periods.assign_periods` and the
        periods table used. When ``periods`` is None and the text has no
        narrative dates, the table is empty and every paragraph, token,
        quotation and date gets the period ``"unassigned"`` (a categorical
        with that one category), so the by-period analyses see one group.
    """
    from .periods import UNASSIGNED, assign_periods, read_periods

    table = propose_periods(doc.dates, **options) if periods is None else read_periods(periods)
    if len(table):
        return assign_periods(doc, table), table
    # Nothing to divide: a throw-away period no date can fall in, then drop its category.
    placeholder = pd.DataFrame({"period": ["_none"], "year_start": [0], "year_end": [0]})
    placed = assign_periods(doc, placeholder)
    frames = {}
    for name in ("paragraphs", "tokens", "quotations", "dates"):
        frame = getattr(placed, name).copy()
        for col in ("period", "date_period"):
            if col in frame.columns:
                values = frame[col].astype("str").where(frame[col].astype("str") != "_none", UNASSIGNED)
                frame[col] = pd.Categorical(values, categories=[UNASSIGNED], ordered=True)
        frames[name] = frame
    return placed.replace(**frames), table


def period_summary(doc, periods: pd.DataFrame | None = None) -> pd.DataFrame:
    """How much text each period gets.

    Parameters
    ----------
    doc : textmine.Document
        After :func:`textmine.periods.assign_periods` (paragraphs and tokens
        with ``period``).
    periods : DataFrame, optional
        The periods table, for labels and years.

    Returns
    -------
    DataFrame
        ``period, label, year_start, year_end, n_paragraphs, n_words,
        share_of_words``: one row per category of ``period`` (the table's
        periods in chronological order, then ``unassigned``), leaving out
        ``unassigned`` when no paragraph is unassigned. ``n_words`` counts
        word and number tokens outside citations (punctuation and the
        citation apparatus excluded, as in
        :func:`textmine.density.quotation_density` and
        :func:`textmine.density.rolling_density`);
        ``share_of_words = n_words / Σ n_words``. Years are missing
        (``<NA>``) for ``unassigned``.
    """
    func = "textmine.period_summary"
    paragraphs, tokens = doc.paragraphs, doc.tokens
    require_columns(paragraphs, ["para_id", "period"], func=func, arg="doc.paragraphs",
                    hint="assign periods first: tm.assign_periods(doc, periods)")
    require_columns(tokens, ["kind", "period"], func=func, arg="doc.tokens",
                    hint="assign periods first: tm.assign_periods(doc, periods)")
    col = paragraphs["period"]
    order = [str(c) for c in col.cat.categories] if isinstance(col.dtype, pd.CategoricalDtype) else sorted(col.astype(str).unique())
    word = tokens["kind"].astype("str").to_numpy() != "punct"
    if "in_citation" in tokens.columns:
        word &= ~tokens["in_citation"].fillna(False).to_numpy(dtype=bool)
    n_words = tokens.loc[word, "period"].astype("str").value_counts()
    n_paras = col.astype("str").value_counts()
    labels, starts, ends = {}, {}, {}
    if periods is not None and len(periods):
        require_columns(periods, ["period", "year_start", "year_end"], func=func, arg="periods", hint="pass read_periods(path)")
        names = periods["label"] if "label" in periods.columns else periods["period"]
        labels = dict(zip(periods["period"].astype(str), names.astype(str)))
        starts = dict(zip(periods["period"].astype(str), periods["year_start"]))
        ends = dict(zip(periods["period"].astype(str), periods["year_end"]))
    from .periods import UNASSIGNED

    rows = [p for p in order if p != UNASSIGNED or n_paras.get(p, 0) > 0]
    out = pd.DataFrame({
        "period": pd.Series(rows, dtype="str"),
        "label": pd.Series([labels.get(p, p) for p in rows], dtype="str"),
        "year_start": pd.array([starts.get(p) for p in rows], dtype="Int64"),
        "year_end": pd.array([ends.get(p) for p in rows], dtype="Int64"),
        "n_paragraphs": pd.Series([int(n_paras.get(p, 0)) for p in rows], dtype="int64"),
        "n_words": pd.Series([int(n_words.get(p, 0)) for p in rows], dtype="int64"),
    })
    total = int(out["n_words"].sum())
    out["share_of_words"] = out["n_words"] / total if total else 0.0
    return out
