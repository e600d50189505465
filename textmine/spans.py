"""Span arithmetic and column types shared by every frame builder.

Column types (the rule every frame follows)
-------------------------------------------
- ids (``*_id``) and character offsets (``start``, ``end`` and other
  ``*_start``/``*_end`` offsets) are ``int32`` (:data:`ID_DTYPE`), or
  pandas ``Int32`` where a value can be missing. A document may therefore
  hold at most ``2**31 - 1`` characters (:data:`MAX_CHARS`); longer texts
  are refused with an :class:`~textmine.errors.InputError`.
- ``doc_id`` is categorical (:func:`doc_id_column`); a Corpus gives every
  frame the same categories, its doc ids in corpus order.
- counts (``n_*``), years, pages, months and days stay ``int64``/``Int64``.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

__all__ = [
    "ID_DTYPE", "MAX_CHARS", "concat_by_document", "containing_span", "doc_id_column", "doc_id_dtype", "empty_frame", "ids",
    "nullable_ids",
]

#: dtype of ids and character offsets in every frame
ID_DTYPE = np.dtype(np.int32)
#: the longest document whose offsets fit :data:`ID_DTYPE`
MAX_CHARS = int(np.iinfo(np.int32).max)


def ids(values) -> np.ndarray:
    """*values* (ids or offsets, never missing) as an :data:`ID_DTYPE` array.

    Raises :class:`OverflowError` rather than wrap a value that int32
    cannot hold (a Document refuses such long texts up front).
    """
    arr = np.asarray(values, dtype=np.int64)
    if arr.size and (arr.max() > MAX_CHARS or arr.min() < -MAX_CHARS - 1):
        raise OverflowError(f"textmine.spans.ids: a value ({int(arr.max())}) does not fit int32 ids and offsets.")
    return arr.astype(ID_DTYPE, copy=False)


def nullable_ids(values, missing=None) -> pd.arrays.IntegerArray:
    """Ids or offsets that may be missing, as a pandas ``Int32`` array.

    *values* may hold ``None``/NaN/``pd.NA``, or *missing* may be a boolean
    mask of the missing entries (their values are then ignored).
    """
    if missing is None:
        return pd.array(list(values) if not hasattr(values, "dtype") else values, dtype="Int32")
    data = np.where(np.asarray(missing, dtype=bool), 0, np.asarray(values, dtype=np.int64))
    return pd.arrays.IntegerArray(data.astype(ID_DTYPE), mask=np.asarray(missing, dtype=bool).copy())


def doc_id_column(doc_id: str, n: int) -> pd.Categorical:
    """A categorical ``doc_id`` column of *n* rows with the one category *doc_id*.

    One byte per row instead of a string per row; :class:`textmine.Corpus`
    widens the categories to all of its doc ids when it concatenates.
    """
    return pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), dtype=_one_doc_dtype(doc_id))


@lru_cache(maxsize=1024)
def _one_doc_dtype(doc_id: str) -> pd.CategoricalDtype:
    # building the category index costs more than the column; dtypes are immutable
    return pd.CategoricalDtype(pd.Index([doc_id], dtype="str"))


def empty_frame(build, doc_id: str) -> pd.DataFrame:
    """The zero-row frame ``build(doc_id)`` gives, from a template made once per *build*.

    *build(doc_id)* makes a frame (with its ``doc_id`` column first) of no rows:
    building one column by column costs milliseconds, a copy of the
    template tenths of one, which counts once per document of a corpus
    of many small ones. The copy is deep (nothing shared with the template).
    """
    out = _empty_template(build).copy(deep=True)
    out["doc_id"] = doc_id_column(doc_id, 0)
    return out


@lru_cache(maxsize=64)
def _empty_template(build) -> pd.DataFrame:
    return build("")


def containing_span(starts, ends, span_starts, span_ends) -> np.ndarray:
    """Index of the span that contains each ``[start, end)`` item, or -1.

    Spans must be sorted by start and non-overlapping. An item is contained
    when ``span_start <= start`` and ``end <= span_end``.

    Returns
    -------
    numpy.ndarray of int64, one entry per item.
    """
    starts = np.asarray(starts, dtype=np.int64)
    ends = np.asarray(ends, dtype=np.int64)
    ss = np.asarray(span_starts, dtype=np.int64)
    se = np.asarray(span_ends, dtype=np.int64)
    if len(ss) == 0:
        return np.full(len(starts), -1, dtype=np.int64)
    idx = np.searchsorted(ss, starts, side="right") - 1
    ok = idx >= 0
    safe = np.where(ok, idx, 0)
    ok &= ends <= se[safe]
    return np.where(ok, idx, -1).astype(np.int64)


def doc_id_dtype(doc_ids, values=None) -> pd.CategoricalDtype:
    """The categorical dtype of ``doc_id`` for a corpus with *doc_ids* (in order).

    Values in *values* (a Series, or an iterable of Series) that are not among
    *doc_ids* are appended, sorted, so that casting never loses a value.
    """
    cats = list(dict.fromkeys(str(d) for d in doc_ids))
    known = set(cats)
    extra: set[str] = set()
    series = [] if values is None else [values] if isinstance(values, pd.Series) else list(values)
    for col in series:
        if isinstance(col.dtype, pd.CategoricalDtype):
            codes = col.cat.codes.to_numpy()
            present = col.cat.categories[np.unique(codes[codes >= 0])]
        else:
            present = col.dropna().unique()
        extra.update(str(v) for v in present if str(v) not in known)
    return pd.CategoricalDtype(pd.Index(cats + sorted(extra), dtype="str"))


def concat_by_document(frames: list[pd.DataFrame], doc_ids: list[str]) -> pd.DataFrame:
    """Concatenate per-document frames with one shared categorical ``doc_id``.

    The categories are *doc_ids* in the given (corpus) order, followed by
    any other value a frame holds (sorted), so nothing becomes missing.
    Frames without a ``doc_id`` column are concatenated as they are.
    """
    if not frames or any("doc_id" not in f.columns for f in frames):
        return pd.concat(frames, ignore_index=True)
    dtype = doc_id_dtype(doc_ids, [f["doc_id"] for f in frames])
    return pd.concat([f.assign(doc_id=f["doc_id"].astype(dtype)) for f in frames], ignore_index=True)
