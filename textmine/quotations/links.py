"""Citation links: the citation or note that documents each quotation.

A quotation is documented by the citation that starts at most 4
characters after its closing mark, or after the speech tag that follows it,
with only spaces and punctuation between (``...world” (Ibid.).``,
``...,” the chairman wrote (Letter of ...)``); by one that ends it inside
its closing mark (``...world (Ibid.).”``); or by the note whose marker
directly follows it (``...world.”[3]``). Each link is a few binary searches
in the citations, sorted once. :func:`find_in_citation` marks the
quotations that lie inside a citation (titles in notes and references).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import InputError
from .record import Quotation

__all__ = ["CitationColumns", "citation_columns", "link_citations", "find_in_citation"]

_GAP4 = re.compile(r"[\s.,;:!?]{0,4}")
_GAP3 = re.compile(r"[\s.,;:!?]{0,3}")
_PUNCT_GAP = re.compile(r"[\s.,;:!?]*")
#: a note marker at most this many characters after a closing mark (or tag) documents the quotation
MARKER_GAP = 3


@dataclass
class CitationColumns:
    """The columns of a citations frame the pipeline reads, sorted by (start, end)."""

    starts: list[int]
    ends: list[int]
    ids: np.ndarray  # citation_id
    author: list
    refers_to: list
    marker_offsets: list[int]  # note markers, sorted by offset ...
    marker_rows: list[int]  # ... and the position of each one's citation

    def source(self, k: int) -> int:
        """The citation a citation documents its quotation by: its ``refers_to``, else itself."""
        r = self.refers_to[k]
        return int(r) if r is not None and not pd.isna(r) else int(self.ids[k])


def _sort_order(s: np.ndarray, e: np.ndarray) -> np.ndarray | None:
    """A stable order by (start, end); None when already in that order."""
    if len(s) > 1 and not bool(((s[1:] > s[:-1]) | ((s[1:] == s[:-1]) & (e[1:] >= e[:-1]))).all()):
        return np.lexsort((e, s))
    return None


def _markers(values: list, func: str) -> tuple[list[int], list[int]]:
    """(offset, row) of the note markers, sorted by offset (rows of equal offsets in order)."""
    try:
        pairs = sorted((int(m), k) for k, m in enumerate(values) if not (m is None or pd.isna(m)))
    except (TypeError, ValueError, OverflowError) as exc:
        raise InputError(f"{func}: citations['marker_start'] must hold character offsets (integers) or be missing; {exc}.") from None
    return [m for m, _ in pairs], [k for _, k in pairs]


def citation_columns(citations: pd.DataFrame, func: str) -> CitationColumns:
    """The columns of ``citations.sort_values(["start", "end"], kind="stable")``, without sorting the frame.

    ``author``, ``refers_to`` and ``marker_start`` are optional (all missing when absent).
    """
    s = citations["start"].to_numpy(dtype=np.int64)
    e = citations["end"].to_numpy(dtype=np.int64)
    n = len(s)
    order = _sort_order(s, e)

    def column(name: str) -> list:
        if name not in citations.columns:
            return [None] * n
        if name == "author":  # (to_numpy is faster than tolist for Arrow strings)
            values = citations[name].to_numpy(dtype=object)
            return (values if order is None else values[order]).tolist()
        values = citations[name].tolist()
        return values if order is None else [values[i] for i in order]

    if order is not None:
        s, e = s[order], e[order]
    ids_ = citations["citation_id"].to_numpy(dtype=np.int64)
    offsets, rows = _markers(column("marker_start"), func)
    return CitationColumns(s.tolist(), e.tolist(), ids_ if order is None else ids_[order], column("author"),
                           column("refers_to"), offsets, rows)


def _after(text: str, q: Quotation, ends: list[int], cols: CitationColumns) -> int | None:
    """A citation starting at most 4 characters after the closing mark (or the tag)."""
    cs = cols.starts
    k = bisect.bisect_left(cs, q.end)
    if k < len(cs):
        for e in ends:
            # at most 4 characters between (the slice is never longer than that)
            if cs[k] >= e and min(cs[k], len(text)) - e <= 4 and _GAP4.fullmatch(text[e : cs[k]]):
                return k
    return None


def _inside(text: str, q: Quotation, hi: int, cols: CitationColumns) -> int | None:
    """A citation just inside the closing mark: ``...world (Ibid., p. 5).”``."""
    j = bisect.bisect_left(cols.starts, q.end) - 1
    if j >= 0 and cols.starts[j] > q.start and cols.ends[j] <= q.end:
        a = cols.ends[j]
        gap = _GAP3.fullmatch(text, a, hi) if 0 <= a <= hi <= len(text) else _GAP3.fullmatch(text[a:hi])
        if gap:
            return j
    return None


def _marked(text: str, ends: list[int], cols: CitationColumns) -> int | None:
    """The first citation whose note marker directly follows the closing mark (or the tag): ``...world.”[3]``."""
    best = None
    for e in ends:
        i = bisect.bisect_left(cols.marker_offsets, e)
        while i < len(cols.marker_offsets) and cols.marker_offsets[i] <= e + MARKER_GAP:
            m, k = cols.marker_offsets[i], cols.marker_rows[i]
            if (best is None or k < best) and _PUNCT_GAP.fullmatch(text[e:m]):
                best = k
            i += 1
    return best


def link_citation(text: str, q: Quotation, hi: int, cols: CitationColumns) -> int | None:
    """Position (in *cols*) of the citation documenting *q*, or None; *hi*: where its words end."""
    ends = [q.end]
    if q.tag is not None and not q.tag.joins_next:
        ends.append(q.tag.end)  # "...,” the chairman wrote (Letter of ...)"
    for k in (_after(text, q, ends, cols), _inside(text, q, hi, cols)):
        if k is not None:
            return k
    return _marked(text, ends, cols)


def link_citations(quotes: list[Quotation], text: str, close_len: int, cols: CitationColumns) -> None:
    """The links pass: ``q.citation`` for every quotation."""
    if not cols.starts and not cols.marker_offsets:
        return  # nothing to link to (every q.citation stays None)
    for q in quotes:
        q.citation = link_citation(text, q, q.end - (close_len if q.closed else 0), cols)


def find_in_citation(quotes: list[Quotation], cols: CitationColumns) -> None:
    """``q.in_citation``: the quotation lies inside a citation (a note, a reference entry), where quoted
    words are the title of an article or chapter (``5. “Seed and Soil,” editorial, Harlow Courier``).

    The citations are sorted by start; with the running maximum of their
    ends, one binary search per quotation tells whether some citation that
    starts before it ends after it.
    """
    reach, m = [], -1
    for e in cols.ends:
        m = max(m, e)
        reach.append(m)
    for q in quotes:
        i = bisect.bisect_right(cols.starts, q.start) - 1
        q.in_citation = i >= 0 and reach[i] >= q.end
