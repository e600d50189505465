"""Segmenting: paragraphs, sentences and tokens, each a tidy frame with offsets.

All offsets are half-open ``[start, end)`` indices into ``Document.text``, so
``text[start:end]`` equals the row's text in every frame.

Paragraphs
    Blocks separated by one or more blank lines (a line holding only
    whitespace counts as blank). A single line break does not split a
    paragraph. Paragraph spans are trimmed of surrounding whitespace.

Sentences (rule-based, never across paragraphs)
    A candidate boundary is a run of ``.``, ``!`` or ``?`` (an ellipsis
    ``....`` is one run), followed by any closing quotes or brackets, then
    whitespace, then an optional opening quote or bracket and an upper-case
    letter or a digit. A candidate is rejected when

    * it lies inside parentheses or square brackets (citations such as
      ``(Collected Works, vol. 31 [...], pp. 365-66)`` stay whole);
    * the run is a single ``.`` after a known abbreviation (:data:`ABBREVIATIONS`,
      case-insensitive: ``vol.``, ``pp.``, ``p.``, ``Ibid.``, ``Mr.``, ``Dr.``,
      ``St.``, ``e.g.``, ``i.e.``...) or after a single capital letter (an
      initial, as in ``V. I. Lenin``), or after dotted letters (``U.S.``).

    So ``...revolution.” Next`` splits after the closing quote, while
    ``...today” (Ibid., p. 3). Next`` splits after ``).``. Em-dashes never
    split.

Tokens ("minimal intervention")
    ``word``: letters/digits/underscore with internal apostrophes (``’`` or
    ``'``) and hyphens kept (``Lenin’s``, ``right-wing``); a token starting with
    a digit is a ``number`` (``1917``, ``1,000``, ``365-66``, ``1920s``);
    ``punct``: any other visible character, a run of the same character being
    one token (``....``, ``—``). One-letter words are kept. ``norm`` is the
    lower-cased token with ``’`` folded to ``'``.

Implementation
--------------
The rules above are written once as regular expressions (``_TOKEN``,
``_CANDIDATE``, ``_WORD_BEFORE``), which remain the reference: the functions
below compute exactly what those expressions find, but without a Python loop
per token. The text is cut into chunks of about :data:`CHUNK_CHARS`
characters at sentence (or paragraph) boundaries; each chunk becomes a NumPy
array of code points, a lookup table gives each code point its character
classes (``\\w``, ``\\s``, ``\\d``, upper case, opening quote...), and token and
sentence boundaries are boolean expressions over shifted class arrays. Token
strings are cut from the UTF-8 bytes straight into Arrow buffers (the pandas
``str`` dtype is Arrow-backed), so no Python string is made per token, and
``norm`` and ``is_stop`` are computed by Arrow kernels. Memory stays
proportional to one chunk plus the output.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from contextlib import contextmanager
from functools import lru_cache

import numpy as np
import pandas as pd

from .spans import ID_DTYPE, doc_id_column, ids

__all__ = [
    "shared_encodings",
    "ABBREVIATIONS",
    "NUMERIC_ABBREVIATIONS",
    "CHUNK_CHARS",
    "paragraph_spans",
    "sentence_spans",
    "token_spans",
    "paragraph_frame",
    "sentence_frame",
    "token_frame",
]

#: Abbreviations after which a single period does not end a sentence
#: (lower-case, without the final period).
ABBREVIATIONS: frozenset[str] = frozenset(
    """
    mr mrs ms dr prof st mt rev gen col capt lt sgt gov sen rep jr sr hon
    vol vols p pp ed eds trans chap op cit loc ibid cf e.g i.e viz al ca
    approx esp vs n.d mss repr ser jan feb mar apr jun jul aug sep sept oct
    nov dec
    """.split()
)

#: Abbreviations that only hold before a number (``No. 5``, ``Fig. 2``), so
#: that ``I said no. Then`` still splits.
NUMERIC_ABBREVIATIONS: frozenset[str] = frozenset("no nos art sec ch fig n".split())

#: Characters processed at once by the vectorised segmenters (a chunk ends at
#: a sentence or paragraph boundary, so a chunk may be longer when one
#: sentence is). Peak working memory is a few dozen bytes per chunk character.
CHUNK_CHARS = 1 << 22

_PARA_SEP = re.compile(r"\n[ \t\f\v\u00a0\u2028\u2029]*\n")
_CANDIDATE = re.compile(
    r"(?P<stop>[.!?\u2026]+)[\"'\u201d\u2019)\]]*"
    r"(?=\s+[\"'\u201c\u2018(\[]?(?P<next>\w))"
)
_WORD_BEFORE = re.compile(r"(?:^|(?<=[\s(\[\"'\u201c\u2018\u2014-]))((?:\w+\.)*\w+)\Z")
_TOKEN = re.compile(
    r"\w+(?:(?:['\u2019\-\u2010\u2011]|(?<=\d)[.,:](?=\d))\w+)*"
    r"|(?P<p>[^\w\s])(?P=p)*"
)
_OPEN = "([\u2018\u201c"
_CLOSE = ")]"

# ----------------------------------------------------------------- classes
# Two lookup tables over the Basic Multilingual Plane, built once on first use
# from Python's own ``re`` (\w \s \d) and str methods, so they agree with the
# reference regular expressions above by construction:
#
# * ``_CLS``: one uint8 class per code point for the full-length passes;
# * ``_FLAGS``: uint16 bit flags, looked up only at the few positions that
#   need them (joiners, sentence-ending runs and their neighbours).
_W = 1 << 0  # \w
_S = 1 << 1  # \s
_D = 1 << 2  # \d
_UP = 1 << 3  # str.isupper
_DIG = 1 << 4  # str.isdigit
_NUM = 1 << 5  # first character of a ``number`` token (pyarrow utf8_is_digit, as pandas .str.isdigit)
_J = 1 << 6  # word-internal joiners: ' ’ - ‐ ‑
_NJ = 1 << 7  # joiners between digits: . , :
_STOP = 1 << 8  # . ! ? …
_CLOSER = 1 << 9  # " ' ” ’ ) ]
_OPENER = 1 << 10  # " ' “ ‘ ( [
_DELIM = 1 << 11  # ( [ " ' “ ‘ — -   (may precede an abbreviation)
_BOPEN = 1 << 12  # ( [
_BCLOSE = 1 << 13  # ) ]
_DOT = 1 << 14  # .

_LITERALS = {
    _J: "'\u2019-\u2010\u2011",
    _NJ: ".,:",
    _STOP: ".!?\u2026",
    _CLOSER: "\"'\u201d\u2019)]",
    _OPENER: "\"'\u201c\u2018([",
    _DELIM: "([\"'\u201c\u2018\u2014-",
    _BOPEN: "([",
    _BCLOSE: ")]",
    _DOT: ".",
}

# uint8 classes; ranges are tested with unsigned arithmetic: (cls - 3) <= 1
# selects joiner candidates (3, 4), (cls - 4) <= 1 sentence stops (4, 5).
_C_SPACE, _C_WORD, _C_OTHER, _C_JOIN, _C_DOT, _C_STOP, _C_BRACKET = range(7)


def _classify(codepoints: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Flags, class and ``norm`` code point of each code point in *codepoints*."""
    import pyarrow as pa
    import pyarrow.compute as pc

    cps = np.asarray(codepoints, dtype=np.int64)
    chars = "".join(map(chr, cps.tolist()))
    flags = np.zeros(len(cps), dtype=np.uint16)
    for bit, rx in ((_W, r"\w"), (_S, r"\s"), (_D, r"\d")):
        flags[[m.start() for m in re.finditer(rx, chars)]] |= bit
    flags[[i for i, c in enumerate(chars) if c.isupper()]] |= _UP
    flags[[i for i, c in enumerate(chars) if c.isdigit()]] |= _DIG
    for bit, lit in _LITERALS.items():
        flags[np.isin(cps, [ord(c) for c in lit])] |= bit
    # ``kind == "number"`` and ``norm`` keep the rules of the first
    # implementation, which used pandas' Arrow-backed ``.str.isdigit()`` on
    # the first character and ``.str.lower()``: pyarrow's utf8_is_digit and
    # utf8_lower (one code point to one code point, no context rules).
    lower = cps.copy()
    ok = np.flatnonzero(~((cps >= 0xD800) & (cps < 0xE000)))  # lone surrogates are no valid UTF-8
    if len(ok):
        arr = pa.array([chars[i] for i in ok.tolist()], type=pa.string())
        flags[ok[pc.utf8_is_digit(arr).to_numpy(zero_copy_only=False)]] |= _NUM
        low = pc.utf8_lower(arr).to_pylist()
        lower[ok] = [ord(c) if len(c) == 1 else -1 for c in low]
    lower[cps == 0x2019] = ord("'")
    cls = np.full(len(cps), _C_OTHER, dtype=np.uint8)
    cls[(flags & _W) != 0] = _C_WORD
    cls[(flags & _S) != 0] = _C_SPACE
    cls[(flags & (_J | _NJ)) != 0] = _C_JOIN
    cls[(flags & _STOP) != 0] = _C_STOP
    cls[cps == ord(".")] = _C_DOT
    cls[(flags & (_BOPEN | _BCLOSE)) != 0] = _C_BRACKET
    return flags, cls, lower


@lru_cache(maxsize=1)
def _tables() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Flags, classes and norm code points of every BMP code point (built once, ~0.1 s)."""
    return _classify(np.arange(0x10000))


def _codepoints(text: str) -> np.ndarray:
    """Code points of *text* as the narrowest unsigned array (one per character)."""
    if text.isascii():
        return np.frombuffer(text.encode("ascii"), dtype=np.uint8)
    b16 = text.encode("utf-16-le", "surrogatepass")
    if len(b16) == 2 * len(text):  # no character beyond the BMP
        return np.frombuffer(b16, dtype=np.uint16)
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


class _Shared(threading.local):
    """Per-thread encodings of the text being segmented (see :func:`shared_encodings`)."""

    text: str | None = None
    cp: np.ndarray | None = None
    cls: np.ndarray | None = None
    u8: np.ndarray | None = None
    spans: dict | None = None  # id(span list) -> (the list, its columns as int64 arrays)
    multibyte: tuple | None = None  # see _text_multibyte


_SHARED = _Shared()


@contextmanager
def shared_encodings(text: str):
    """Compute the code points, classes and UTF-8 bytes of *text* once.

    Inside the ``with`` block, the functions of this module reuse them for
    this very string object (paragraph and sentence spans and frames, the
    token frame) instead of encoding it again for each; on leaving the block
    they are dropped, so no memory is held afterwards. Outputs are the same
    with or without it. :class:`textmine.Document` uses it.

    The span lists passed to or returned by :func:`sentence_spans` inside
    the block also keep their columns as arrays, which
    :func:`paragraph_frame` and :func:`sentence_frame` reuse when given the
    very same list (checked by identity, length and first and last span);
    do not change such a list in place within the block.
    """
    outer = (_SHARED.text, _SHARED.cp, _SHARED.cls, _SHARED.u8, _SHARED.spans, _SHARED.multibyte)
    _SHARED.text, _SHARED.cp, _SHARED.cls, _SHARED.u8, _SHARED.spans, _SHARED.multibyte = text, None, None, None, {}, None
    try:
        yield
    finally:
        _SHARED.text, _SHARED.cp, _SHARED.cls, _SHARED.u8, _SHARED.spans, _SHARED.multibyte = outer


def _remember_spans(text: str, spans: list, columns: tuple[np.ndarray, ...]) -> None:
    """Keep the int64 columns of a span list made from (or into) arrays, for the frames."""
    if _SHARED.text is text and isinstance(spans, list):
        _SHARED.spans[id(spans)] = (spans, columns)


def _recall_spans(text: str, spans, width: int) -> tuple[np.ndarray, ...] | None:
    """The columns remembered for this very list, if it still has their length and ends."""
    if _SHARED.text is not text or not _SHARED.spans:
        return None
    entry = _SHARED.spans.get(id(spans))
    if entry is None or entry[0] is not spans:
        return None
    cols = entry[1]
    n = len(cols[0])
    if len(spans) != n or len(cols) != width:
        return None
    if n and (tuple(spans[0]) != tuple(int(c[0]) for c in cols) or tuple(spans[-1]) != tuple(int(c[-1]) for c in cols)):
        return None
    return cols


def _text_codepoints(text: str, a: int, b: int) -> np.ndarray:
    """``_codepoints(text[a:b])``, sliced from the shared array when there is one.

    The shared array may be wider than the slice needs (e.g. uint16 for an
    ASCII slice of a non-ASCII text); every caller handles any width.
    """
    if _SHARED.text is text:
        if _SHARED.cp is None:
            _SHARED.cp = _codepoints(text)
        return _SHARED.cp[a:b]
    return _codepoints(text[a:b])


def _text_classes(text: str, a: int, b: int, cp: np.ndarray) -> np.ndarray:
    """``_classes(cp)`` for ``cp = codepoints of text[a:b]`` (shared when possible)."""
    if _SHARED.text is text:
        if _SHARED.cls is None:
            _SHARED.cls = _classes(_text_codepoints(text, 0, len(text)))
        return _SHARED.cls[a:b]
    return _classes(cp)


def _text_utf8(text: str) -> np.ndarray:
    """UTF-8 bytes of *text* as uint8 (shared when possible)."""
    if _SHARED.text is text:
        if _SHARED.u8 is None:
            _SHARED.u8 = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
        return _SHARED.u8
    return np.frombuffer(text.encode("utf-8"), dtype=np.uint8)


def _text_multibyte(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Offsets of the non-ASCII characters of *text* and the extra UTF-8 bytes
    before each (``cum[k]`` = extra bytes of the first *k*), shared when possible."""
    if _SHARED.text is text and _SHARED.multibyte is not None:
        return _SHARED.multibyte
    cp = _text_codepoints(text, 0, len(text))
    na = np.flatnonzero(cp >= 0x80)
    extra = 1 + (cp[na] >= 0x800).astype(np.int64) + (cp[na] >= 0x10000)
    out = na, np.concatenate(([0], np.cumsum(extra)))
    if _SHARED.text is text:
        _SHARED.multibyte = out
    return out


def _chunk_utf8(text: str, c0: int, c1: int) -> bytes:
    """``text[c0:c1].encode("utf-8")``, cut from the shared bytes when there are some."""
    if _SHARED.text is text and _SHARED.u8 is not None:
        na, cum = _text_multibyte(text)
        b0 = c0 + int(cum[np.searchsorted(na, c0)])
        b1 = c1 + int(cum[np.searchsorted(na, c1)])
        return _SHARED.u8[b0:b1].tobytes()
    return text[c0:c1].encode("utf-8")


_TAKE_MIN = 4096


@lru_cache(maxsize=1)
def _arrow_tables() -> tuple:
    import pyarrow as pa

    return tuple(pa.array(t) for t in _tables())


def _take(which: int, idx: np.ndarray) -> np.ndarray:
    """``_tables()[which][idx]``; Arrow's take is several times faster than NumPy's on long arrays."""
    if len(idx) < _TAKE_MIN:
        return _tables()[which][idx]
    import pyarrow as pa
    import pyarrow.compute as pc

    return pc.take(_arrow_tables()[which], pa.array(idx)).to_numpy(zero_copy_only=False)  # read-only


def _lookup(cps: np.ndarray, which: int) -> np.ndarray:
    """Table *which* (0 flags, 1 class, 2 norm code point) at each code point."""
    if cps.dtype != np.uint32:
        return _take(which, cps)
    big = cps > 0xFFFF
    out = _take(which, np.where(big, 0, cps).astype(np.uint16)).copy()
    if big.any():
        pos = np.flatnonzero(big)
        uniq, inv = np.unique(cps[pos], return_inverse=True)
        out[pos] = _classify(uniq)[which][inv]
    return out


def _flags(cps: np.ndarray) -> np.ndarray:
    return _lookup(cps, 0)


def _classes(cps: np.ndarray) -> np.ndarray:
    return _lookup(cps, 1)


def _prev(x: np.ndarray, fill=False) -> np.ndarray:
    out = np.empty_like(x)
    out[:1] = fill
    out[1:] = x[:-1]
    return out


def _next(x: np.ndarray, fill=False) -> np.ndarray:
    out = np.empty_like(x)
    out[-1:] = fill
    out[:-1] = x[1:]
    return out


def _span_mask(n: int, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Boolean mask of length *n* covering sorted, disjoint ``[start, end)`` spans."""
    lengths = np.empty(2 * len(starts) + 1, dtype=np.int64)
    lengths[0:-1:2] = starts - np.concatenate(([0], ends[:-1]))
    lengths[1::2] = ends - starts
    lengths[-1] = n - (ends[-1] if len(ends) else 0)
    pattern = np.zeros(len(lengths), dtype=bool)
    pattern[1::2] = True
    return np.repeat(pattern, lengths)


def _sorted_disjoint(starts: np.ndarray, ends: np.ndarray, n: int) -> bool:
    return bool(
        len(starts) == 0
        or ((starts[0] >= 0) and (ends[-1] <= n) and (ends >= starts).all() and (starts[1:] >= ends[:-1]).all())
    )


def _chunks(starts: np.ndarray, ends: np.ndarray, size: int) -> list[tuple[int, int]]:
    """Split spans ``0..n`` into runs of consecutive spans covering about *size* characters."""
    out = []
    k, n = 0, len(starts)
    while k < n:
        j = max(int(np.searchsorted(ends, starts[k] + size, side="right")), k + 1)
        out.append((k, j))
        k = j
    return out


# -------------------------------------------------------------- paragraphs


def paragraph_spans(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Trimmed ``(start, end)`` spans of blank-line separated blocks after *start*."""
    out: list[tuple[int, int]] = []
    pos = start
    for m in _PARA_SEP.finditer(text, start):
        _append_trimmed(text, pos, m.start(), out)
        pos = m.end()
    _append_trimmed(text, pos, len(text), out)
    return out


def _append_trimmed(text: str, s: int, e: int, out: list[tuple[int, int]]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append((s, e))


# --------------------------------------------------------------- sentences


def _depth_before(text: str, s: int, e: int) -> np.ndarray:
    """Bracket depth at each offset of text[s:e] (cumulative opens minus closes)."""
    seg = np.frombuffer(text[s:e].encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    opens = (seg == ord("(")) | (seg == ord("["))
    closes = (seg == ord(")")) | (seg == ord("]"))
    return np.cumsum(opens.astype(np.int32) - closes.astype(np.int32))


def _abbrev_set(abbreviations: Iterable[str] | None) -> frozenset[str]:
    return ABBREVIATIONS if abbreviations is None else frozenset(a.lower().rstrip(".") for a in abbreviations)


def sentence_spans(
    text: str,
    paragraphs: Iterable[tuple[int, int]],
    *,
    abbreviations: Iterable[str] | None = None,
) -> list[tuple[int, int, int]]:
    """``(start, end, para_index)`` of every sentence, in reading order."""
    abbrev = _abbrev_set(abbreviations)
    paras = list(paragraphs)
    ps = np.fromiter((int(s) for s, _ in paras), dtype=np.int64, count=len(paras))
    pe = np.fromiter((int(e) for _, e in paras), dtype=np.int64, count=len(paras))
    _remember_spans(text, paragraphs, (ps, pe))
    if not _sorted_disjoint(ps, pe, len(text)):
        return _sentence_spans_regex(text, paras, abbrev)
    starts, ends, pidx = _sentence_arrays(text, ps, pe, abbrev)
    out = list(zip(starts.tolist(), ends.tolist(), pidx.tolist()))
    _remember_spans(text, out, (starts, ends, pidx))
    return out


def _sentence_spans_regex(text: str, paragraphs: Iterable[tuple[int, int]], abbrev: frozenset[str]) -> list[tuple[int, int, int]]:
    """Reference implementation: one regular-expression pass per paragraph."""
    out: list[tuple[int, int, int]] = []
    for pi, (ps, pe) in enumerate(paragraphs):
        depth = None
        sent_start = ps
        for m in _CANDIDATE.finditer(text, ps, pe):
            nxt = m.group("next")
            if not (nxt.isupper() or nxt.isdigit()):
                continue
            if depth is None:
                depth = _depth_before(text, ps, pe)
            if depth[m.start() - ps] > 0 and depth[m.end() - 1 - ps] > 0:
                continue
            if m.group("stop") == ".":
                w = _WORD_BEFORE.search(text, max(ps, m.start() - 40), m.start())
                if w:
                    word = w.group(1)
                    low = word.lower()
                    if (low in NUMERIC_ABBREVIATIONS and nxt.isdigit()) or low in abbrev or (len(word) == 1 and word.isupper()) or ("." in word and len(word) <= 8):
                        continue
            end = m.end()
            _append_sentence(text, sent_start, end, pi, out)
            sent_start = end
        _append_sentence(text, sent_start, pe, pi, out)
    return out


def _append_sentence(text: str, s: int, e: int, pi: int, out: list) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append((s, e, pi))


def _sentence_arrays(
    text: str, ps: np.ndarray, pe: np.ndarray, abbrev: frozenset[str]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Vectorised :func:`sentence_spans` for sorted, disjoint paragraphs.

    Returns sentence starts, ends and paragraph indexes (int64 arrays).
    """
    maxlen = max([8, *(len(a) for a in abbrev), *(len(a) for a in NUMERIC_ABBREVIATIONS)])
    starts_l, ends_l, para_l = [], [], []
    for k0, k1 in _chunks(ps, pe, CHUNK_CHARS):
        a = max(0, int(ps[k0]) - 1)  # one character of left context for look-behinds
        b = int(pe[k1 - 1])
        cut, nxt_start, untrimmed = _candidate_cuts(text, a, b, ps[k0:k1] - a, pe[k0:k1] - a, abbrev, maxlen)
        s, e, p = _assemble_sentences(text, ps[k0:k1], pe[k0:k1], cut + a, nxt_start + a, untrimmed)
        starts_l.append(s)
        ends_l.append(e)
        para_l.append(p + k0)
    if not starts_l:
        z = np.zeros(0, dtype=np.int64)
        return z, z.copy(), z.copy()
    return np.concatenate(starts_l), np.concatenate(ends_l), np.concatenate(para_l)


class _Chars:
    """Sparse access to the characters of one chunk; positions past its end have no flags."""

    def __init__(self, cp: np.ndarray, inside: np.ndarray, pstart: np.ndarray):
        self.n = len(cp)
        self.cp = cp
        self.inside = inside
        self.pstart = pstart

    def flags(self, pos: np.ndarray) -> np.ndarray:
        valid = pos < self.n
        return np.where(valid, _flags(self.cp[np.where(valid, pos, 0)]), 0)

    def has(self, pos: np.ndarray, bits: int, *, same: bool = True) -> np.ndarray:
        """Flag test at *pos*; with *same*, also inside a span and not at its first character."""
        ok = (self.flags(pos) & bits) != 0
        if same:
            p = np.minimum(pos, self.n - 1)
            ok &= self.inside[p] & ~self.pstart[p]
        return ok

    def advance(self, pos: np.ndarray, bits: int) -> np.ndarray:
        """Move each position forward over characters with *bits* in the same span."""
        pos = pos.copy()
        active = np.flatnonzero(self.has(pos, bits))
        while len(active):
            pos[active] += 1
            active = active[self.has(pos[active], bits)]
        return pos


def _candidate_cuts(
    text: str, a: int, b: int, lps: np.ndarray, lpe: np.ndarray, abbrev: frozenset[str], maxlen: int
) -> tuple[np.ndarray, np.ndarray]:
    """Accepted sentence ends in ``text[a:b]``, where each next sentence starts (local
    offsets), and whether each non-empty paragraph starts or ends with a space.

    Full-length work is one class lookup and two scans (sentence stops and
    brackets); everything else runs on the few candidate positions.
    """
    z = np.zeros(0, dtype=np.int64)
    cp = _text_codepoints(text, a, b)
    n = len(cp)
    cls = _text_classes(text, a, b, cp)
    inside = _span_mask(n, lps, lpe)
    nonempty = lpe > lps
    pstart = np.zeros(n, dtype=bool)
    pstart[lps[nonempty]] = True
    ch = _Chars(cp, inside, pstart)
    untrimmed = (cls[lps[nonempty]] == _C_SPACE) | (cls[lpe[nonempty] - 1] == _C_SPACE)
    # maximal runs of . ! ? … inside one paragraph
    sp = np.flatnonzero(((cls - np.uint8(_C_DOT)) <= 1) & inside)
    if len(sp) == 0:
        return z, z, untrimmed
    new = np.ones(len(sp), dtype=bool)
    new[1:] = (sp[1:] != sp[:-1] + 1) | pstart[sp[1:]]
    last = np.ones(len(sp), dtype=bool)
    last[:-1] = new[1:]
    rs, re_ = sp[new], sp[last] + 1
    # closing quotes/brackets, at least one space, an optional opener, then \w
    q = ch.advance(re_, _CLOSER)
    has_ws = ch.has(q, _S)
    r = ch.advance(q, _S)
    nxt = np.where(ch.has(r, _OPENER) & ch.has(r + 1, _W), r + 1, r)
    ok = has_ws & ch.has(nxt, _W) & ((ch.flags(nxt) & (_UP | _DIG)) != 0)
    rs, re_, q, r, nxt = rs[ok], re_[ok], q[ok], r[ok], nxt[ok]
    if len(rs) == 0:
        return z, z, untrimmed
    # inside parentheses or brackets: depth after the run's first char and after its last
    pi = np.searchsorted(lps, rs, side="right") - 1
    bpos = np.flatnonzero((cls == _C_BRACKET) & inside)
    if len(bpos):
        bcp = cp[bpos]
        bval = np.where((bcp == ord("(")) | (bcp == ord("[")), 1, -1)
        cum = np.concatenate(([0], np.cumsum(bval)))
        base = cum[np.searchsorted(bpos, lps[pi], side="left")]
        d1 = cum[np.searchsorted(bpos, rs, side="right")] - base
        d2 = cum[np.searchsorted(bpos, q - 1, side="right")] - base
        keep = ~((d1 > 0) & (d2 > 0))
        rs, re_, q, r, nxt, pi = rs[keep], re_[keep], q[keep], r[keep], nxt[keep], pi[keep]
    # a single "." after an abbreviation, an initial or dotted letters
    idx = np.flatnonzero((re_ - rs == 1) & (cp[rs] == ord(".")))
    if len(idx):
        dots = sp[cp[sp] == ord(".")]
        reject = _abbreviation_before(text, a, ch, dots, rs[idx], lps[pi[idx]], nxt[idx], abbrev, maxlen)
        keep = np.ones(len(rs), dtype=bool)
        keep[idx[reject]] = False
        q, r = q[keep], r[keep]
    return q, r, untrimmed


def _abbreviation_before(
    text: str,
    a: int,
    ch: _Chars,
    dots: np.ndarray,
    dot: np.ndarray,
    lo_para: np.ndarray,
    nxt: np.ndarray,
    abbrev: frozenset[str],
    maxlen: int,
) -> np.ndarray:
    """For each single-period candidate at local offset *dot*: is the word before it an abbreviation?

    Mirrors ``_WORD_BEFORE.search(text, max(ps, dot - 40), dot)``: the word is
    the run of ``\\w`` and ``.`` characters ending just before the period,
    clipped at *lo*; it must start and end with ``\\w``, hold no ``..``, and
    be preceded by whitespace, an opening bracket or quote, or a dash (or be
    at the start of the text). *dots* are the positions of every ``.``
    inside the paragraphs.
    """
    lo = np.maximum(lo_para, dot - 40)
    p = dot.copy()
    active = np.flatnonzero(p > lo)
    active = active[ch.has(p[active] - 1, _W | _DOT, same=False)]
    while len(active):
        p[active] -= 1
        pa_ = p[active]
        active = active[pa_ > lo[active]]
        active = active[ch.has(p[active] - 1, _W | _DOT, same=False)]
    length = dot - p
    valid = (length > 0) & ch.has(p, _W, same=False) & ch.has(np.maximum(dot - 1, 0), _W, same=False)
    before = ch.flags(np.maximum(p - 1, 0))
    valid &= ((p + a) == 0) | (((before & (_S | _DELIM)) != 0) & (p > 0))
    # no ".." inside the word, and whether it holds a "." at all
    n_dots = np.searchsorted(dots, dot, side="left") - np.searchsorted(dots, p, side="left")
    dd = dots[:-1][dots[1:] == dots[:-1] + 1]
    n_dd = np.searchsorted(dd, dot - 1, side="left") - np.searchsorted(dd, p, side="left")
    valid &= n_dd == 0
    reject = valid & (length == 1) & ((ch.flags(p) & _UP) != 0)
    reject |= valid & (n_dots > 0) & (length <= 8)
    check = np.flatnonzero(valid & ~reject & (length <= maxlen))
    if len(check):
        nxt_digit = ((ch.flags(nxt[check]) & _DIG) != 0).tolist()
        gp = (p[check] + a).tolist()
        gd = (dot[check] + a).tolist()
        hit = [
            (low in abbrev) or (dg and low in NUMERIC_ABBREVIATIONS)
            for low, dg in zip((text[s:e].lower() for s, e in zip(gp, gd)), nxt_digit)
        ]
        reject[check[np.asarray(hit, dtype=bool)]] = True
    return reject


def _assemble_sentences(
    text: str, ps: np.ndarray, pe: np.ndarray, cuts: np.ndarray, next_starts: np.ndarray, untrimmed: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sentences between paragraph edges and accepted cuts, trimmed of whitespace."""
    nonempty = pe > ps
    n_par = int(nonempty.sum())
    seg_s = np.concatenate((ps[nonempty], next_starts))
    seg_e = np.concatenate((pe[nonempty], cuts))
    order_s = np.argsort(seg_s, kind="stable")
    order_e = np.argsort(seg_e, kind="stable")
    s = seg_s[order_s]
    e = seg_e[order_e]
    para = np.searchsorted(ps, s, side="right") - 1
    # Cuts follow a non-space and next starts are on one, so only paragraph
    # edges can need trimming (when the paragraph spans were not trimmed).
    from_para_s = order_s < n_par
    from_para_e = order_e < n_par
    if untrimmed.any():
        bad = np.zeros(len(s), dtype=bool)
        bad[np.flatnonzero(from_para_s)[untrimmed[order_s[from_para_s]]]] = True
        bad[np.flatnonzero(from_para_e)[untrimmed[order_e[from_para_e]]]] = True
        for i in np.flatnonzero(bad).tolist():
            si, ei = int(s[i]), int(e[i])
            if from_para_s[i]:
                while si < ei and text[si].isspace():
                    si += 1
            if from_para_e[i]:
                while ei > si and text[ei - 1].isspace():
                    ei -= 1
            s[i], e[i] = si, ei
    keep = e > s
    return s[keep], e[keep], para[keep]


# ------------------------------------------------------------------ tokens


def token_spans(text: str, start: int = 0, end: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Start and end offsets (int64 arrays) of the tokens of ``text[start:end]``."""
    end = len(text) if end is None else min(end, len(text))
    start = max(0, start)
    if end <= start:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    ts, te, _, _ = _tokenize(text, np.array([start], dtype=np.int64), np.array([end], dtype=np.int64), with_strings=False)
    return ts, te


def _token_spans_regex(text: str, start: int = 0, end: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Reference implementation of :func:`token_spans` (``_TOKEN.finditer``)."""
    end = len(text) if end is None else end
    spans = [m.span() for m in _TOKEN.finditer(text, start, end)]
    if not spans:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    arr = np.asarray(spans, dtype=np.int64)
    return arr[:, 0].copy(), arr[:, 1].copy()


def _token_bounds(cp: np.ndarray, cls: np.ndarray, inside: np.ndarray | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Token starts and ends (local offsets) and the mask of token characters.

    For spans separated by at least one character (*inside* marks them;
    ``None`` means the whole chunk is one span). A word is a run of ``\\w``
    characters and *joining* joiners (``’ ' -`` between two ``\\w``, ``. , :``
    between two ``\\d``); any other non-space character starts a punctuation
    token that runs over repeats of that same character.
    """
    n = len(cp)
    tok = cls != _C_SPACE
    w = cls == _C_WORD
    jmask = (cls - np.uint8(_C_JOIN)) <= 1
    if inside is not None:
        tok &= inside
        w &= inside
        jmask &= inside
    jp = np.flatnonzero(jmask)
    jp = jp[(jp > 0) & (jp < n - 1)]
    jp = jp[w[jp - 1] & w[jp + 1]]
    inword = w
    if len(jp):
        f, fp, fn = _flags(cp[jp]), _flags(cp[jp - 1]), _flags(cp[jp + 1])
        join = ((f & _J) != 0) | (((f & _NJ) != 0) & ((fp & _D) != 0) & ((fn & _D) != 0))
        inword = w.copy()
        inword[jp[join]] = True
    pp = np.flatnonzero(tok & ~inword)
    new = np.ones(len(pp), dtype=bool)
    new[1:] = (pp[1:] != pp[:-1] + 1) | (cp[pp[1:]] != cp[pp[:-1]])
    last = np.ones(len(pp), dtype=bool)
    last[:-1] = new[1:]
    smask = inword & ~_prev(inword)
    smask[pp[new]] = True
    emask = inword & ~_next(inword)
    emask[pp[last]] = True
    return np.flatnonzero(smask), np.flatnonzero(emask) + 1, tok


def _token_bounds_abutting(cp: np.ndarray, inside: np.ndarray, sstart: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`_token_bounds` for spans that may touch (a break is forced at each span start)."""
    fl = _flags(cp)
    w = ((fl & _W) != 0) & inside
    d = ((fl & _D) != 0) & inside
    tok = inside & ((fl & _S) == 0)
    same = ~sstart & ~_next(sstart)
    joining = tok & same & ((((fl & _J) != 0) & _prev(w) & _next(w)) | (((fl & _NJ) != 0) & _prev(d) & _next(d)))
    inword = w | joining
    brk = sstart | (inword != _prev(inword)) | (~inword & (cp != _prev(cp)))
    cont = tok & _prev(tok) & ~brk
    return np.flatnonzero(tok & ~cont), np.flatnonzero(tok & ~_next(cont)) + 1, tok


def _tokenize(
    text: str, ss: np.ndarray, se: np.ndarray, *, with_strings: bool = True
) -> tuple[np.ndarray, np.ndarray, np.ndarray, list]:
    """Tokens of sorted, disjoint spans ``[ss, se)`` (sentences).

    Returns global starts, ends, the number of tokens in each span and, if
    *with_strings*, one ``_Strings`` per chunk.
    """
    starts_l, ends_l, pieces = [], [], []
    counts = np.zeros(len(ss), dtype=np.int64)
    for k0, k1 in _chunks(ss, se, CHUNK_CHARS):
        c0, c1 = int(ss[k0]), int(se[k1 - 1])
        if c1 <= c0:
            continue
        cp = _text_codepoints(text, c0, c1)
        ls, le = ss[k0:k1] - c0, se[k0:k1] - c0
        nonempty = le > ls
        ls_ne, le_ne = ls[nonempty], le[nonempty]
        if len(ls_ne) == 1 and ls_ne[0] == 0 and le_ne[0] == len(cp):
            ts, te, tok = _token_bounds(cp, _text_classes(text, c0, c1, cp), None)
        elif (ls_ne[1:] > le_ne[:-1]).all():
            ts, te, tok = _token_bounds(cp, _text_classes(text, c0, c1, cp), _span_mask(len(cp), ls_ne, le_ne))
        else:
            sstart = np.zeros(len(cp), dtype=bool)
            sstart[ls_ne] = True
            ts, te, tok = _token_bounds_abutting(cp, _span_mask(len(cp), ls_ne, le_ne), sstart)
        # tokens of each span: from its first token to the next span's first
        first_tok = np.searchsorted(ts, ls, side="left")
        counts[k0:k1 - 1] = first_tok[1:] - first_tok[:-1]
        counts[k1 - 1] = len(ts) - first_tok[-1]
        starts_l.append(ts + c0)
        ends_l.append(te + c0)
        if with_strings:
            if cp.dtype == np.uint8:
                pieces.append(_Strings(text[c0:c1].encode("ascii"), cp, tok, ts, te))
            elif _SHARED.text is text:  # non-ASCII offsets cut from the shared index
                na_all = _text_multibyte(text)[0]
                lo, hi = np.searchsorted(na_all, [c0, c1])
                pieces.append(_Strings(_chunk_utf8(text, c0, c1), cp, tok, ts, te, na_all[lo:hi] - c0))
            else:
                pieces.append(_Strings(text[c0:c1].encode("utf-8"), cp, tok, ts, te))
    if not starts_l:
        z = np.zeros(0, dtype=np.int64)
        return z, z.copy(), counts, pieces
    return np.concatenate(starts_l), np.concatenate(ends_l), counts, pieces


_ASCII_SPACE = bytes(c for c in range(128) if chr(c).isspace())


class _Strings:
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

        self.first = _flags(cp[ts])
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
        data = u8.translate(None, _ASCII_SPACE)
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
        lowered = _lookup(na_cp, 2) if len(na_cp) else na_cp
        changed = lowered != na_cp
        apos = na_cp == 0x2019
        if (changed & ~apos).any():
            import pyarrow.compute as pc

            self.norm = pc.replace_substring(pc.utf8_lower(self.token), pattern="\u2019", replacement="'")
            return
        ndata = data.lower()
        if apos.any():
            ndata = _fold_apostrophes(ndata)
            offsets = offsets - _apostrophe_shift(na_pos[apos], n)
        self.norm = pa.LargeStringArray.from_buffers(n, pa.py_buffer(offsets), ndata if isinstance(ndata, pa.Buffer) else pa.py_buffer(ndata))


def _apostrophe_shift(t: np.ndarray, n: int) -> np.ndarray:
    """Bytes lost before each of the *n* + 1 token offsets when every ``’`` (3 bytes)
    becomes ``'``; *t* holds the token index of each ``’``, sorted."""
    m = len(t)
    counts = np.empty(m + 1, dtype=np.int64)
    counts[0] = t[0] + 1
    counts[1:m] = t[1:] - t[:-1]
    counts[m] = n - t[-1]
    return np.repeat(np.arange(0, 2 * m + 1, 2, dtype=np.int64), counts)


def _fold_apostrophes(data: bytes):
    """``data.replace("’".encode(), b"'")`` as an Arrow buffer (Arrow's kernel is several times faster)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    out = pc.replace_substring(pa.array([data], type=pa.large_binary()), pattern="\u2019".encode(), replacement=b"'")
    offsets = np.frombuffer(out.buffers()[1], dtype=np.int64, count=2)
    return out.buffers()[2][int(offsets[0]) : int(offsets[1])]


# ------------------------------------------------------------------ frames


@lru_cache(maxsize=1)
def _str_dtype():
    return pd.Series([], dtype="str").dtype


def _arrow_str(array) -> pd.Series:
    """A pandas ``str`` Series from a pyarrow (chunked) string array, without copying if possible."""
    dtype = _str_dtype()
    if isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow":
        return pd.Series(pd.arrays.ArrowStringArray(array, dtype=dtype), copy=False)
    return pd.Series(array.to_pandas(), dtype=dtype)


def _str(values: list[str]) -> pd.Series:
    import pyarrow as pa

    return _arrow_str(pa.array(values, type=pa.large_string()))


def _slices(text: str, starts: np.ndarray, ends: np.ndarray) -> pd.Series:
    """``text[s:e]`` for sorted, disjoint spans as a ``str`` Series, cut from the UTF-8 bytes."""
    import pyarrow as pa

    n = len(starts)
    if n == 0 or not _sorted_disjoint(starts, ends, len(text)):
        return _str([text[s:e] for s, e in zip(starts.tolist(), ends.tolist())])
    u8 = _text_utf8(text)
    if len(u8) == len(text):  # ASCII: one byte per character
        bs, be = starts, ends
    else:
        na, cum = _text_multibyte(text)
        bs = starts + cum[np.searchsorted(na, starts)]
        be = ends + cum[np.searchsorted(na, ends)]
    data = u8[_span_mask(len(u8), bs, be)]
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(be - bs, out=offsets[1:])
    return _arrow_str(pa.LargeStringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(data)))


def paragraph_frame(text: str, spans: list[tuple[int, int]], *, doc_id: str) -> pd.DataFrame:
    """Frame of paragraphs; ``n_sentences``/``n_tokens`` are filled by the Document."""
    n = len(spans)
    cols = _recall_spans(text, spans, 2)
    if cols is not None:
        starts, ends = cols
    else:
        arr = np.fromiter((x for span in spans for x in span), dtype=np.int64, count=2 * n).reshape(n, 2)
        starts, ends = arr[:, 0].copy(), arr[:, 1].copy()
    return pd.DataFrame(
        {
            "doc_id": doc_id_column(doc_id, n),
            "para_id": np.arange(n, dtype=ID_DTYPE),
            "start": ids(starts),
            "end": ids(ends),
            "text": _slices(text, starts, ends),
        },
        copy=False,
    )


def sentence_frame(text: str, spans: list[tuple[int, int, int]], *, doc_id: str) -> pd.DataFrame:
    """Frame of sentences with ``doc_id, para_id, sent_id, start, end, text``."""
    n = len(spans)
    cols = _recall_spans(text, spans, 3)
    if cols is not None:
        starts, ends, para = cols
    else:
        arr = np.fromiter((x for span in spans for x in span), dtype=np.int64, count=3 * n).reshape(n, 3)
        starts, ends, para = arr[:, 0].copy(), arr[:, 1].copy(), arr[:, 2]
    return pd.DataFrame(
        {
            "doc_id": doc_id_column(doc_id, n),
            "para_id": ids(para),
            "sent_id": np.arange(n, dtype=ID_DTYPE),
            "start": ids(starts),
            "end": ids(ends),
            "text": _slices(text, starts, ends),
        },
        copy=False,
    )


_KINDS = ["word", "number", "punct"]


@lru_cache(maxsize=1)
def _kinds_dtype() -> pd.CategoricalDtype:
    # building the dtype costs more than the column; dtypes are immutable
    return pd.CategoricalDtype(_KINDS)


@lru_cache(maxsize=8)
def _stop_value_set(stop_words: frozenset[str]):
    """The stop words as a sorted Arrow array (cached per stop-word set)."""
    import pyarrow as pa

    return pa.array(sorted(stop_words), type=pa.large_string())


def token_frame(
    text: str,
    sentences: pd.DataFrame,
    *,
    doc_id: str,
    stop_words: frozenset[str],
) -> pd.DataFrame:
    """Frame of tokens, each inside its sentence.

    Columns: ``doc_id, token_id, para_id, sent_id, start, end, token, norm,
    kind, is_stop``.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    ss = sentences["start"].to_numpy(dtype=np.int64)
    se = sentences["end"].to_numpy(dtype=np.int64)
    sent_ids = sentences["sent_id"].to_numpy(dtype=np.int64)
    para_ids = sentences["para_id"].to_numpy(dtype=np.int64)
    if _sorted_disjoint(ss, se, len(text)):
        starts, ends, counts, pieces = _tokenize(text, ss, se)
        token_arr = pa.chunked_array([p.token for p in pieces], type=pa.large_string())
        norm_arr = pa.chunked_array([p.norm for p in pieces], type=pa.large_string())
        first = np.concatenate([p.first for p in pieces]) if pieces else np.zeros(0, dtype=np.uint16)
    else:  # overlapping or unordered sentences: tokenise each on its own
        starts_l, ends_l, counts = [], [], []
        for s, e in zip(ss.tolist(), se.tolist()):
            ts, te = token_spans(text, s, e)
            starts_l.append(ts)
            ends_l.append(te)
            counts.append(len(ts))
        starts = np.concatenate(starts_l) if starts_l else np.zeros(0, dtype=np.int64)
        ends = np.concatenate(ends_l) if ends_l else np.zeros(0, dtype=np.int64)
        token_arr = pa.array([text[s:e] for s, e in zip(starts.tolist(), ends.tolist())], type=pa.large_string())
        norm_arr = pc.replace_substring(pc.utf8_lower(token_arr), pattern="\u2019", replacement="'")
        first = _flags(np.asarray([ord(text[s]) for s in starts.tolist()], dtype=np.uint32))
    n = len(starts)
    if n:
        is_stop = pc.is_in(norm_arr, value_set=_stop_value_set(frozenset(stop_words))).to_numpy(zero_copy_only=False)
    else:
        is_stop = np.zeros(0, dtype=bool)
    codes = np.where((first & _NUM) != 0, 1, np.where((first & _W) != 0, 0, 2)).astype(np.int8)
    return pd.DataFrame(
        {
            "doc_id": doc_id_column(doc_id, n),
            "token_id": np.arange(n, dtype=ID_DTYPE),
            "para_id": np.repeat(ids(para_ids), counts),  # ids checked once per sentence
            "sent_id": np.repeat(ids(sent_ids), counts),
            "start": ids(starts),
            "end": ids(ends),
            "token": _arrow_str(token_arr),
            "norm": _arrow_str(norm_arr),
            "kind": pd.Categorical.from_codes(codes, dtype=_kinds_dtype()),
            "is_stop": np.asarray(is_stop, dtype=bool),
        },
        copy=False,
    )
