"""Token and norm strings as Arrow arrays, cut straight from UTF-8 bytes.

Internal module (not part of the public API) of :mod:`textmine.segment`: no
Python string is made per token. The pandas ``str`` dtype is Arrow-backed,
so the columns wrap these arrays without copying (:func:`arrow_str`).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from ._chars import char_flags, char_lookup

__all__ = ["ASCII_SPACE", "TokenStrings", "apostrophe_shift", "fold_apostrophes", "str_dtype", "arrow_str", "str_series"]

ASCII_SPACE = bytes(c for c in range(128) if chr(c).isspace())


class TokenStrings:
    """Token and norm strings of one chunk as Arrow arrays, cut from its UTF-8 bytes *u8*.

    Tokens cover every token character in order, so when the other
    characters are ASCII whitespace the token bytes are the chunk's bytes
    with those deleted (``bytes.translate``); otherwise a byte mask is used.
    ``norm`` lower-cases ASCII bytes and folds ``’`` to ``'`` on that buffer;
    chunks holding other characters that lower-case differently use Arrow's
    ``utf8_lower`` (the same mapping, code point by code point).
    """

    def __init__(
        self, u8: bytes, cp: np.ndarray, tok: np.ndarray, ts: np.ndarray, te: np.ndarray, na: np.ndarray | None = None
    ):
        import pyarrow as pa

        self.first = char_flags(cp[ts])
        n = len(ts)
        lengths = te - ts
        if cp.dtype == np.uint8:  # ASCII: one byte per character
            na_pos = na_cp = np.zeros(0, dtype=np.int64)
        else:
            if na is None:  # offsets of the non-ASCII characters
                na = np.flatnonzero(cp >= 0x80)
            na = na[tok[na]]
            na_cp = cp[na]
            extra = 1 + (na_cp >= 0x800).astype(np.int64) + (na_cp >= 0x10000)
            tidx = np.searchsorted(ts, na, side="right") - 1
            lengths = lengths + np.bincount(tidx, weights=extra, minlength=n).astype(np.int64)
            na_pos = tidx
        offsets = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(lengths, out=offsets[1:])
        data = u8.translate(None, ASCII_SPACE)
        if len(data) != offsets[-1]:  # non-token characters other than ASCII spaces
            buf = np.frombuffer(u8, dtype=np.uint8)
            if cp.dtype == np.uint8:
                data = buf[tok].tobytes()
            else:
                width = np.ones(len(cp), dtype=np.uint8)
                width += cp >= 0x80
                width += cp >= 0x800
                width += cp >= 0x10000 if cp.dtype == np.uint32 else 0
                data = buf[np.repeat(tok, width)].tobytes()
        self.token = pa.LargeStringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(data))
        # norm
        lowered = char_lookup(na_cp, 2) if len(na_cp) else na_cp
        changed = lowered != na_cp
        apos = na_cp == 0x2019
        if (changed & ~apos).any():
            import pyarrow.compute as pc

            self.norm = pc.replace_substring(pc.utf8_lower(self.token), pattern="\u2019", replacement="'")
            return
        ndata = data.lower()
        if apos.any():
            ndata = fold_apostrophes(ndata)
            offsets = offsets - apostrophe_shift(na_pos[apos], n)
        self.norm = pa.LargeStringArray.from_buffers(n, pa.py_buffer(offsets), ndata if isinstance(ndata, pa.Buffer) else pa.py_buffer(ndata))


def apostrophe_shift(t: np.ndarray, n: int) -> np.ndarray:
    """Bytes lost before each of the *n* + 1 token offsets when every ``’`` (3 bytes)
    becomes ``'``; *t* holds the token index of each ``’``, sorted."""
    m = len(t)
    counts = np.empty(m + 1, dtype=np.int64)
    counts[0] = t[0] + 1
    counts[1:m] = t[1:] - t[:-1]
    counts[m] = n - t[-1]
    return np.repeat(np.arange(0, 2 * m + 1, 2, dtype=np.int64), counts)


def fold_apostrophes(data: bytes):
    """``data.replace("’".encode(), b"'")`` as an Arrow buffer (Arrow's kernel is several times faster)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    out = pc.replace_substring(pa.array([data], type=pa.large_binary()), pattern="\u2019".encode(), replacement=b"'")
    offsets = np.frombuffer(out.buffers()[1], dtype=np.int64, count=2)
    return out.buffers()[2][int(offsets[0]) : int(offsets[1])]


# ------------------------------------------------------------------ frames


@lru_cache(maxsize=1)
def str_dtype():
    return pd.Series([], dtype="str").dtype


def arrow_str(array) -> pd.Series:
    """A pandas ``str`` Series from a pyarrow (chunked) string array, without copying if possible."""
    dtype = str_dtype()
    if isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow":
        return pd.Series(pd.arrays.ArrowStringArray(array, dtype=dtype), copy=False)
    return pd.Series(array.to_pandas(), dtype=dtype)


def str_series(values: list[str]) -> pd.Series:
    import pyarrow as pa

    return arrow_str(pa.array(values, type=pa.large_string()))
