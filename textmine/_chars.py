"""Character classes for the vectorised segmenters (:mod:`textmine.segment`).

Internal module (not part of the public API). Two lookup tables over the
Basic Multilingual Plane are built once, on first use, from Python's own
``re`` (``\\w``, ``\\s``, ``\\d``) and ``str`` methods, so they agree with the
segmenter's reference regular expressions by construction:

* classes (:func:`char_classes`): one uint8 class per code point, for the
  full-length passes (``C_*``);
* flags (:func:`char_flags`): uint16 bit flags (``F_*``), looked up only at
  the few positions that need them (joiners, sentence-ending runs and their
  neighbours);

and a third table holds each code point's ``norm`` code point (lower case,
``’`` folded to ``'``). Code points beyond the BMP are classified on the fly.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

__all__ = [
    "F_W", "F_S", "F_D", "F_UP", "F_DIG", "F_NUM", "F_J", "F_NJ", "F_STOP", "F_CLOSER", "F_OPENER",
    "F_DELIM", "F_BOPEN", "F_BCLOSE", "F_DOT",
    "C_SPACE", "C_WORD", "C_OTHER", "C_JOIN", "C_DOT", "C_STOP", "C_BRACKET",
    "LITERALS", "classify_codepoints", "char_tables", "codepoints", "char_lookup", "char_flags", "char_classes",
]

F_W = 1 << 0  # \w
F_S = 1 << 1  # \s
F_D = 1 << 2  # \d
F_UP = 1 << 3  # str.isupper
F_DIG = 1 << 4  # str.isdigit
F_NUM = 1 << 5  # first character of a ``number`` token (pyarrow utf8_is_digit, as pandas .str.isdigit)
F_J = 1 << 6  # word-internal joiners: ' ’ - ‐ ‑
F_NJ = 1 << 7  # joiners between digits: . , :
F_STOP = 1 << 8  # . ! ? …
F_CLOSER = 1 << 9  # " ' ” ’ ) ]
F_OPENER = 1 << 10  # " ' “ ‘ ( [
F_DELIM = 1 << 11  # ( [ " ' “ ‘ — -   (may precede an abbreviation)
F_BOPEN = 1 << 12  # ( [
F_BCLOSE = 1 << 13  # ) ]
F_DOT = 1 << 14  # .

LITERALS = {
    F_J: "'\u2019-\u2010\u2011",
    F_NJ: ".,:",
    F_STOP: ".!?\u2026",
    F_CLOSER: "\"'\u201d\u2019)]",
    F_OPENER: "\"'\u201c\u2018([",
    F_DELIM: "([\"'\u201c\u2018\u2014-",
    F_BOPEN: "([",
    F_BCLOSE: ")]",
    F_DOT: ".",
}

# uint8 classes; ranges are tested with unsigned arithmetic: (cls - 3) <= 1
# selects joiner candidates (3, 4), (cls - 4) <= 1 sentence stops (4, 5).
C_SPACE, C_WORD, C_OTHER, C_JOIN, C_DOT, C_STOP, C_BRACKET = range(7)


def classify_codepoints(codepoints: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Flags, class and ``norm`` code point of each code point in *codepoints*."""
    import pyarrow as pa
    import pyarrow.compute as pc

    cps = np.asarray(codepoints, dtype=np.int64)
    chars = "".join(map(chr, cps.tolist()))
    flags = np.zeros(len(cps), dtype=np.uint16)
    for bit, rx in ((F_W, r"\w"), (F_S, r"\s"), (F_D, r"\d")):
        flags[[m.start() for m in re.finditer(rx, chars)]] |= bit
    flags[[i for i, c in enumerate(chars) if c.isupper()]] |= F_UP
    flags[[i for i, c in enumerate(chars) if c.isdigit()]] |= F_DIG
    for bit, lit in LITERALS.items():
        flags[np.isin(cps, [ord(c) for c in lit])] |= bit
    # ``kind == "number"`` and ``norm`` keep the rules of the first
    # implementation, which used pandas' Arrow-backed ``.str.isdigit()`` on
    # the first character and ``.str.lower()``: pyarrow's utf8_is_digit and
    # utf8_lower (one code point to one code point, no context rules).
    lower = cps.copy()
    ok = np.flatnonzero(~((cps >= 0xD800) & (cps < 0xE000)))  # lone surrogates are no valid UTF-8
    if len(ok):
        arr = pa.array([chars[i] for i in ok.tolist()], type=pa.string())
        flags[ok[pc.utf8_is_digit(arr).to_numpy(zero_copy_only=False)]] |= F_NUM
        low = pc.utf8_lower(arr).to_pylist()
        lower[ok] = [ord(c) if len(c) == 1 else -1 for c in low]
    lower[cps == 0x2019] = ord("'")
    cls = np.full(len(cps), C_OTHER, dtype=np.uint8)
    cls[(flags & F_W) != 0] = C_WORD
    cls[(flags & F_S) != 0] = C_SPACE
    cls[(flags & (F_J | F_NJ)) != 0] = C_JOIN
    cls[(flags & F_STOP) != 0] = C_STOP
    cls[cps == ord(".")] = C_DOT
    cls[(flags & (F_BOPEN | F_BCLOSE)) != 0] = C_BRACKET
    return flags, cls, lower


@lru_cache(maxsize=1)
def char_tables() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Flags, classes and norm code points of every BMP code point (built once, ~0.1 s)."""
    return classify_codepoints(np.arange(0x10000))


def codepoints(text: str) -> np.ndarray:
    """Code points of *text* as the narrowest unsigned array (one per character)."""
    if text.isascii():
        return np.frombuffer(text.encode("ascii"), dtype=np.uint8)
    b16 = text.encode("utf-16-le", "surrogatepass")
    if len(b16) == 2 * len(text):  # no character beyond the BMP
        return np.frombuffer(b16, dtype=np.uint16)
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)



TAKE_MIN = 4096


@lru_cache(maxsize=1)
def arrow_char_tables() -> tuple:
    import pyarrow as pa

    return tuple(pa.array(t) for t in char_tables())


def char_take(which: int, idx: np.ndarray) -> np.ndarray:
    """``char_tables()[which][idx]``; Arrow's take is several times faster than NumPy's on long arrays."""
    if len(idx) < TAKE_MIN:
        return char_tables()[which][idx]
    import pyarrow as pa
    import pyarrow.compute as pc

    return pc.take(arrow_char_tables()[which], pa.array(idx)).to_numpy(zero_copy_only=False)  # read-only


def char_lookup(cps: np.ndarray, which: int) -> np.ndarray:
    """Table *which* (0 flags, 1 class, 2 norm code point) at each code point."""
    if cps.dtype != np.uint32:
        return char_take(which, cps)
    big = cps > 0xFFFF
    out = char_take(which, np.where(big, 0, cps).astype(np.uint16)).copy()
    if big.any():
        pos = np.flatnonzero(big)
        out[pos] = _ASTRAL.lookup(cps[pos], which)
    return out


class _AstralTables:
    """The three tables for code points beyond the BMP, filled in as code points
    are met: each is classified once per process, so a lookup is a gather
    (linear), not a sort of the text's code points."""

    def __init__(self) -> None:
        self.known = np.zeros(0x110000 - 0x10000, dtype=bool)
        self.tables: tuple[np.ndarray, ...] | None = None

    def lookup(self, cps: np.ndarray, which: int) -> np.ndarray:
        idx = cps.astype(np.int64) - 0x10000
        new = idx[~self.known[idx]]
        if len(new):
            new = np.unique(new)
            values = classify_codepoints(new + 0x10000)
            if self.tables is None:
                self.tables = tuple(np.zeros(len(self.known), dtype=v.dtype) for v in values)
            for table, v in zip(self.tables, values):
                table[new] = v
            self.known[new] = True
        return self.tables[which][idx]


_ASTRAL = _AstralTables()


def char_flags(cps: np.ndarray) -> np.ndarray:
    return char_lookup(cps, 0)


def char_classes(cps: np.ndarray) -> np.ndarray:
    return char_lookup(cps, 1)
