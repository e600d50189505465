"""Trends: how often terms occur across periods, documents or any metadata column.

Voyant's *Trends* for a text or a corpus: one row per group and term, raw
and relative. With :math:`f_{g,t}` the matches of term :math:`t` in group
:math:`g` and :math:`N_g` the group's running words (the words
:func:`textmine.terms.term_counts` counts: no punctuation, no citation
apparatus):

.. math::

    \\mathrm{per\\_1000}_{g,t} = 1000 \\, f_{g,t} / N_g

A term is a word or a glob (``revolution*``: every word it matches, summed),
matched like :func:`textmine.kwic` matches one token (case-insensitively on
``norm`` unless ``case=True``).

Groups come from the tokens (``period`` after :func:`textmine.assign_periods`,
``doc_id``, ``para_id``...) or, for a corpus, from a per-document table
(``documents=corpus.documents``: ``year``, ``author``, a ``period`` made by
:func:`document_periods` from each document's ``year`` or ``date``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from ._codes import document_columns, group_codes, single_token_patterns, term_codes, vocabulary_matches, word_mask
from ._frames import as_columns, require_columns, require_frame
from .errors import InputError

__all__ = ["trends", "document_periods"]

_OUTPUT = ("term", "n", "n_total", "per_1000")
_YEAR = re.compile(r"^\s*(-?\d{1,4})(?:\b|[-/T ])")


def trends(
    tokens: pd.DataFrame,
    terms: str | Sequence[str],
    *,
    by: str | Sequence[str] = "period",
    documents: pd.DataFrame | None = None,
    term: str = "norm",
    case: bool = False,
    include_punct: bool = False,
    include_numbers: bool = True,
    include_citations: bool = False,
) -> pd.DataFrame:
    """Frequency of each term in each group, raw and per 1,000 words.

    Parameters
    ----------
    tokens : DataFrame
        A token frame (``doc.tokens``, ``corpus.tokens``).
    terms : str or list of str
        Words or globs (``"peace"``, ``"revolution*"``), one row per term
        and group, in this order.
    by : str or list of str
        The group column(s): ``"period"`` (default), ``"doc_id"``, or a
        column of *documents* (``"year"``, ``"author"``...).
    documents : DataFrame, optional
        One row per document with ``doc_id`` (``corpus.documents``, or
        :func:`document_periods` of it): *by* columns that the tokens lack
        are taken from here.
    term : str
        Token column matched (``"norm"``; ``"token"`` with ``case=True``
        for the text as written).
    case : bool
        Match case-sensitively (default: fold case as ``norm`` does).
    include_punct, include_numbers, include_citations : bool
        Which tokens are running words, as in :func:`textmine.terms.term_counts`.

    Returns
    -------
    DataFrame
        ``*by, term, n, n_total, per_1000``: ``n`` is :math:`f_{g,t}` (0
        where the term does not occur), ``n_total`` :math:`N_g`. Every group
        with at least one word, in group order (categoricals such as
        ``period`` in category order, i.e. chronologically; other columns
        ascending), and within a group the terms in the order given. Groups
        with a missing value are left out with a warning. No words: an empty
        frame with these columns.

    Examples
    --------
    >>> trends(doc.tokens, ["peace*", "war"], by="period")                     # doctest: +SKIP
    >>> trends(corpus.tokens, ["peace*"], by="year", documents=corpus.documents)  # doctest: +SKIP
    """
    func = "textmine.trends"
    require_frame(tokens, func=func, arg="tokens", hint="pass the token frame, e.g. doc.tokens")
    patterns = single_token_patterns(terms, func=func, arg="terms")
    by_cols = as_columns(by, func=func, arg="by")
    if not by_cols:
        raise InputError(f"{func}: by is empty; pass a column such as 'period', 'doc_id' or 'year'.")
    if set(by_cols) & set(_OUTPUT):
        raise InputError(f"{func}: by={by_cols} uses an output column name ({', '.join(_OUTPUT)}); rename that column first.")
    if not isinstance(case, (bool, np.bool_)):
        raise TypeError(f"{func}: case must be True or False, got {case!r}.")
    if documents is not None:
        require_frame(documents, func=func, arg="documents", hint="pass corpus.documents")
    require_columns(tokens, [term], func=func, arg="tokens", hint="pass doc.tokens")
    groups = document_columns(tokens, documents, by_cols, func=func)
    keep = word_mask(tokens, func=func, include_punct=include_punct, include_numbers=include_numbers,
                     include_citations=include_citations)
    codes, vocab = term_codes(tokens[term])
    keep &= codes >= 0
    g, levels = group_codes(groups, by_cols, func=func, keep=keep)
    keep &= g >= 0

    columns: dict[str, Any] = {c: groups[c].dtype for c in by_cols}
    columns.update({"term": "str", "n": "int64", "n_total": "int64", "per_1000": "float64"})
    if not keep.any():
        return pd.DataFrame({c: pd.Series(dtype=d) for c, d in columns.items()})
    g, codes = g[keep], codes[keep]
    n_groups = len(levels)
    n_total = np.bincount(g, minlength=n_groups).astype(np.int64)           # N_g
    counts = np.zeros((n_groups, len(patterns)), dtype=np.int64)
    for j, p in enumerate(patterns):
        hit = vocabulary_matches(vocab, p, case=bool(case))[codes]
        counts[:, j] = np.bincount(g[hit], minlength=n_groups)               # f_{g,t}
    present = np.flatnonzero(n_total > 0)
    rows = np.repeat(present, len(patterns))
    out = levels.iloc[rows].reset_index(drop=True)
    out["term"] = pd.Series(np.tile(np.asarray(patterns, dtype=object), len(present)), dtype="str")
    out["n"] = counts[present].reshape(-1)
    out["n_total"] = n_total[rows]
    out["per_1000"] = 1000.0 * out["n"].to_numpy() / out["n_total"].to_numpy()
    return out


def _years(values: pd.Series) -> pd.Series:
    """Years of a ``year`` column (numbers) or a ``date`` column (ISO text or datetimes)."""
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        return pd.Series(values.dt.year, dtype="Int64")
    if pd.api.types.is_numeric_dtype(values.dtype) and not pd.api.types.is_bool_dtype(values.dtype):
        v = pd.to_numeric(values, errors="coerce")
        whole = v.isna() | (v == v.round())
        return pd.Series(v.where(whole).round(), dtype="Int64")
    text = values.astype("str").where(values.notna(), "")
    found = text.str.extract(_YEAR, expand=False)
    return pd.Series(pd.to_numeric(found, errors="coerce"), dtype="Int64")


def document_periods(
    documents: pd.DataFrame,
    periods: "pd.DataFrame | str | os.PathLike",
    *,
    column: str | None = None,
) -> pd.DataFrame:
    """Each dated document's year and period, for a corpus of dated documents.

    Parameters
    ----------
    documents : DataFrame
        One row per document with ``doc_id`` and a ``year`` (numbers) or
        ``date`` column (ISO text ``1921``, ``1921-03``, ``1921-03-15``, or
        datetimes), e.g. ``corpus.documents`` of a corpus loaded with a
        metadata CSV.
    periods : DataFrame or path
        A periods table (:func:`textmine.periods.read_periods`).
    column : str, optional
        The column holding the dates; default ``"year"`` if present, else
        ``"date"``.

    Returns
    -------
    DataFrame
        A copy of *documents* with ``year`` (``Int64``; missing where the
        date cannot be read) and ``period``, the period containing that
        year (:func:`textmine.periods.period_of_years`; an ordered
        Categorical, chronological, ``"unassigned"`` for missing years and
        years outside every period), replacing any columns of those names.
        Pass it as ``documents=`` to :func:`trends` with ``by="period"``.
    """
    from .periods import period_of_years, read_periods

    func = "textmine.document_periods"
    require_frame(documents, func=func, arg="documents", hint="pass corpus.documents")
    if column is None:
        column = next((c for c in ("year", "date") if c in documents.columns), None)
        if column is None:
            require_columns(documents, ["year"], func=func, arg="documents",
                            hint="it needs a 'year' or a 'date' column: load the corpus with metadata= holding one per file")
    if not isinstance(column, str):
        raise TypeError(f"{func}: column must be a column name, got {type(column).__name__}.")
    require_columns(documents, ["doc_id", column], func=func, arg="documents",
                    hint="load the corpus with metadata= holding a year or date per file")
    table = read_periods(periods)
    year = _years(documents[column]).reset_index(drop=True)
    out = documents.reset_index(drop=True).copy()
    out["year"] = year
    out["period"] = period_of_years(year, year, table).array
    return out
