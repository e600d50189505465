"""Span arithmetic shared by the extractors: which span holds which offset."""

from __future__ import annotations

import numpy as np

__all__ = ["containing_span"]


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
