"""Segmenting: paragraphs, sentences and tokens, each a tidy frame with offsets.

All offsets are half-open ``[start, end)`` indices into ``Document.text``, so
``text[start:end]`` equals the row's text in every frame.

Paragraphs
    In the default ``"blank"`` layout, blocks separated by one or more blank
    lines (a line holding only whitespace counts as blank). A single line
    break does not split a paragraph. Paragraph spans are trimmed of
    surrounding whitespace. The other layouts (``"line"``, ``"wrapped"``,
    ``"indented"``, and ``"auto"``, which detects one per text) are
    described in :mod:`textmine.layout`; pass ``layout=`` to
    :func:`paragraph_spans` or :func:`paragraph_array`.

Sentences (rule-based, never across paragraphs)
    A candidate boundary is a run of ``.``, ``!`` or ``?`` (an ellipsis
    ``....`` is one run), followed by any closing quotes or brackets, then
    whitespace, then an optional opening quote or bracket and an upper-case
    letter or a digit. A candidate is rejected when

    * it lies inside parentheses or square brackets (citations such as
      ``(Collected Works, vol. 31 [...], pp. 365-66)`` stay whole), for at
      most :data:`BRACKET_CAP` characters after the innermost open bracket
      (see *Brackets* below);
    * the run is a single ``.`` after a known abbreviation (:data:`ABBREVIATIONS`,
      case-insensitive: ``vol.``, ``pp.``, ``p.``, ``Ibid.``, ``Mr.``, ``Dr.``,
      ``St.``, ``e.g.``, ``i.e.``...) or after a single capital letter (an
      initial, as in ``V. I. Lenin``), or after dotted letters (``U.S.``).

    So ``...revolution.” Next`` splits after the closing quote, while
    ``...today” (Ibid., p. 3). Next`` splits after ``).``. Em-dashes never
    split.

Brackets
    The bracket depth at a position is the number of ``(`` and ``[`` minus
    the number of ``)`` and ``]`` from the start of its paragraph (a stray
    closer can make it negative; only a depth above zero is "inside"). The
    open bracket that holds a candidate back is the innermost one: the
    last ``(`` or ``[`` before the candidate that brought the depth to the
    candidate's depth. It holds splits back until it closes, until its
    paragraph ends, or for :data:`BRACKET_CAP` characters, whichever comes
    first. So an unclosed ``(`` (a typo, a list marker such as ``(a``)
    cannot make the rest of a long paragraph one sentence, while every
    parenthesis or bracket of ordinary prose (citations, asides, editorial
    notes of a few sentences) keeps its sentences whole.

Tokens ("minimal intervention")
    ``word``: letters/digits/underscore with internal apostrophes (``’`` or
    ``'``) and hyphens kept (``Lenin’s``, ``right-wing``); a token starting with
    a digit is a ``number`` (``1917``, ``1,000``, ``365-66``, ``1920s``);
    ``punct``: any other visible character, a run of the same character being
    one token (``....``, ``—``). One-letter words are kept. ``norm`` is the
    lower-cased token with ``’`` folded to ``'``.

Encoded text
    Every function takes the text either as a ``str`` or as an
    :class:`EncodedText`, which computes the text's code points, character
    classes and UTF-8 bytes once, on first use, and keeps them for the
    functions it is passed to. :class:`textmine.Document` builds one per
    text and passes it to every step; the output is the same either way.
    The span functions return lists (:func:`paragraph_spans`,
    :func:`sentence_spans`) or int64 arrays with one row per span
    (:func:`paragraph_array`, :func:`sentence_array`, which the Document
    uses); the frame functions take either.

Implementation
--------------
The rules above are written once as regular expressions (``_CANDIDATE``,
``_WORD_BEFORE``, ``_TOKEN``), which remain the reference
(:func:`sentence_spans_regex`, :func:`token_spans_regex`): the functions
below compute exactly what those expressions find, but without a Python loop
per token. The text is cut into chunks of about :data:`CHUNK_CHARS`
characters at sentence (or paragraph) boundaries; a lookup table gives each
code point its character classes (``\\w``, ``\\s``, ``\\d``, upper case,
opening quote...; :mod:`textmine._chars`), and token and sentence
boundaries are boolean expressions over shifted class arrays. Token strings
are cut from the UTF-8 bytes straight into Arrow buffers (the pandas
``str`` dtype is Arrow-backed; :mod:`textmine._strings`), so no Python
string is made per token, and ``norm`` and ``is_stop`` are computed by
Arrow kernels. Working memory is a few bytes per character of the text (its
encodings) plus a few dozen per character of one chunk.

Every pass takes time linear in the length of the text, whatever the text:
runs of closing marks or spaces after a full stop are skipped with one
search once they are longer than a few characters, the look-back for an
abbreviation is at most 40 characters, and the bracket rule above bounds
how far a bracket reaches (``benchmarks/worst_case_segment.py`` measures
pathological shapes).
"""

from __future__ import annotations

import bisect
import re
import warnings
from collections.abc import Iterable
from contextlib import contextmanager
from functools import lru_cache

import numpy as np
import pandas as pd

from ._chars import (
    C_BRACKET,
    C_DOT,
    C_JOIN,
    C_SPACE,
    C_WORD,
    F_CLOSER,
    F_D,
    F_DELIM,
    F_DIG,
    F_DOT,
    F_J,
    F_NJ,
    F_NUM,
    F_OPENER,
    F_S,
    F_UP,
    F_W,
    char_classes,
    char_flags,
    codepoints,
)
from ._strings import TokenStrings, arrow_str, str_series
from .errors import InputError
from .spans import ID_DTYPE, doc_id_column, ids

__all__ = [
    "EncodedText",
    "ABBREVIATIONS",
    "NUMERIC_ABBREVIATIONS",
    "BRACKET_CAP",
    "CHUNK_CHARS",
    "paragraph_spans",
    "paragraph_array",
    "sentence_spans",
    "sentence_array",
    "sentence_spans_regex",
    "token_spans",
    "token_spans_regex",
    "paragraph_frame",
    "sentence_frame",
    "token_frame",
    "shared_encodings",
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

#: Characters after its innermost open bracket for which a candidate
#: sentence boundary is held back (see *Brackets* in the module docs). The
#: longest parenthesis of ordinary prose holding a sentence boundary is far
#: shorter (in the shipped texts 117 characters, a citation); this bounds
#: what an unclosed bracket can do.
BRACKET_CAP = 2000

#: Characters processed at once by the vectorised segmenters (a chunk ends at
#: a sentence or paragraph boundary, so a chunk may be longer when one
#: sentence is). Peak working memory is a few dozen bytes per chunk character.
CHUNK_CHARS = 1 << 22

#: Runs of closing marks or spaces after a full stop longer than this are
#: skipped with one search over the chunk instead of a step per character.
_SHORT_RUN = 8

_PARA_SEP = re.compile(r"\n[ \t\f\v\u00a0\u2028\u2029]*\n")
_CANDIDATE = re.compile(
    r"(?P<stop>[.!?\u2026]+)[\"'\u201d\u2019)\]]*"
    r"(?=\s+[\"'\u201c\u2018(\[]?(?P<next>\w))"
)
_STOP_RUN = re.compile(r"[.!?\u2026]+")
_BRACKET = re.compile(r"[()\[\]]")
_WORD_BEFORE = re.compile(r"(?:^|(?<=[\s(\[\"'\u201c\u2018\u2014-]))((?:\w+\.)*\w+)\Z")
_TOKEN = re.compile(
    r"\w+(?:(?:['\u2019\-\u2010\u2011]|(?<=\d)[.,:](?=\d))\w+)*"
    r"|(?P<p>[^\w\s])(?P=p)*"
)


# ------------------------------------------------------------ encoded text


class EncodedText:
    """A text with its encodings, each computed once on first use.

    Pass the same object to :func:`paragraph_spans`, :func:`sentence_array`,
    :func:`paragraph_frame`, :func:`sentence_frame` and :func:`token_frame`
    to encode the text once for all of them (:class:`textmine.Document`
    does); every function also takes a plain ``str``. The object holds
    nothing but *text* and arrays derived from it, so it gives the same
    results wherever it is used; drop it to free them.

    Attributes
    ----------
    text : str
        The text all offsets refer to.
    """

    __slots__ = ("text", "_cp", "_cls", "_u8", "_multibyte")

    def __init__(self, text: str):
        if not isinstance(text, str):
            raise TypeError(f"textmine.segment.EncodedText: text must be a str, got {type(text).__name__}.")
        self.text = text
        self._cp: np.ndarray | None = None
        self._cls: np.ndarray | None = None
        self._u8: np.ndarray | None = None
        self._multibyte: tuple[np.ndarray, np.ndarray] | None = None

    def __len__(self) -> int:
        return len(self.text)

    def __repr__(self) -> str:
        return f"<textmine.segment.EncodedText: {len(self.text):,} characters>"

    def codepoints(self) -> np.ndarray:
        """Code points, one per character, as the narrowest unsigned array that holds them all."""
        if self._cp is None:
            self._cp = codepoints(self.text)
        return self._cp

    def classes(self) -> np.ndarray:
        """The uint8 character class of each character (:mod:`textmine._chars`)."""
        if self._cls is None:
            self._cls = char_classes(self.codepoints())
        return self._cls

    def utf8(self) -> np.ndarray:
        """The UTF-8 bytes of the text as a uint8 array."""
        if self._u8 is None:
            self._u8 = np.frombuffer(self.text.encode("utf-8"), dtype=np.uint8)
        return self._u8

    def multibyte(self) -> tuple[np.ndarray, np.ndarray]:
        """Offsets of the non-ASCII characters and the extra UTF-8 bytes before
        each (``cum[k]`` = extra bytes of the first *k* of them)."""
        if self._multibyte is None:
            cp = self.codepoints()
            na = np.flatnonzero(cp >= 0x80)
            extra = 1 + (cp[na] >= 0x800).astype(np.int64) + (cp[na] >= 0x10000)
            self._multibyte = na, np.concatenate(([0], np.cumsum(extra)))
        return self._multibyte

    def byte_offsets(self, offsets: np.ndarray) -> np.ndarray:
        """UTF-8 byte offset of each character offset."""
        if len(self.utf8()) == len(self.text):  # ASCII
            return offsets
        na, cum = self.multibyte()
        return offsets + cum[np.searchsorted(na, offsets)]

    def utf8_slice(self, start: int, end: int) -> bytes:
        """``text[start:end].encode("utf-8")``, cut from :meth:`utf8`."""
        b0, b1 = self.byte_offsets(np.array([start, end], dtype=np.int64)).tolist()
        return self.utf8()[b0:b1].tobytes()


def _encoded(text: str | EncodedText) -> EncodedText:
    """*text* as an :class:`EncodedText` (a new one for a ``str``)."""
    if isinstance(text, EncodedText):
        return text
    if not isinstance(text, str):
        raise TypeError(f"textmine.segment: text must be a str or an EncodedText, got {type(text).__name__}.")
    return EncodedText(text)


def _plain(text: str | EncodedText) -> str:
    return text.text if isinstance(text, EncodedText) else text


@contextmanager
def shared_encodings(text: str):
    """Deprecated: build ``EncodedText(text)`` and pass it to the functions instead.

    Yields that :class:`EncodedText`. (It used to make the functions share
    a text's encodings inside the block through a per-thread cache; the
    results were the same with or without it.)
    """
    warnings.warn(
        "textmine.segment.shared_encodings is deprecated and will be removed; build "
        "textmine.segment.EncodedText(text) and pass it to the segment functions.",
        DeprecationWarning,
        stacklevel=3,
    )
    yield EncodedText(text)


# ------------------------------------------------------------------ arrays


def _as_array(spans, width: int) -> np.ndarray:
    """Spans (a list of tuples or an ``(n, width)`` array) as an int64 array."""
    if isinstance(spans, np.ndarray):
        arr = spans.astype(np.int64, copy=False)
        if arr.ndim != 2 or arr.shape[1] != width:
            if arr.size == 0:
                return np.zeros((0, width), dtype=np.int64)
            raise InputError(f"textmine.segment: expected spans with {width} columns, got an array of shape {arr.shape}.")
        return arr
    spans = spans if isinstance(spans, list) else list(spans)
    n = len(spans)
    return np.fromiter((x for span in spans for x in span), dtype=np.int64, count=width * n).reshape(n, width)


def _as_list(arr: np.ndarray) -> list[tuple[int, ...]]:
    return list(map(tuple, arr.tolist()))


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


def paragraph_spans(text: str | EncodedText, start: int = 0, *, layout: str = "blank") -> list[tuple[int, int]]:
    """Trimmed ``(start, end)`` spans of the paragraphs after *start*.

    *layout*: ``"blank"`` (blank-line separated blocks, the default),
    ``"line"``, ``"wrapped"``, ``"indented"`` or ``"auto"``
    (:mod:`textmine.layout`).
    """
    if layout != "blank":
        return _as_list(paragraph_array(text, start, layout=layout))
    text = _plain(text)
    out: list[tuple[int, int]] = []
    pos = start
    for m in _PARA_SEP.finditer(text, start):
        _append_trimmed(text, pos, m.start(), out)
        pos = m.end()
    _append_trimmed(text, pos, len(text), out)
    return out


def paragraph_array(text: str | EncodedText, start: int = 0, *, layout: str = "blank") -> np.ndarray:
    """:func:`paragraph_spans` as an ``(n, 2)`` int64 array of ``start, end``."""
    if layout != "blank":
        from .layout import layout_spans

        return layout_spans(text, start, layout)[0]
    return _as_array(paragraph_spans(text, start), 2)


def _append_trimmed(text: str, s: int, e: int, out: list[tuple[int, int]]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append((s, e))


# --------------------------------------------------------------- sentences


def _abbrev_set(abbreviations: Iterable[str] | None) -> frozenset[str]:
    return ABBREVIATIONS if abbreviations is None else frozenset(a.lower().rstrip(".") for a in abbreviations)


def sentence_spans(
    text: str | EncodedText,
    paragraphs: Iterable[tuple[int, int]] | np.ndarray,
    *,
    abbreviations: Iterable[str] | None = None,
) -> list[tuple[int, int, int]]:
    """``(start, end, para_index)`` of every sentence, in reading order.

    *paragraphs* are ``(start, end)`` spans (a list, or an ``(n, 2)`` array
    as from :func:`paragraph_array`); ``para_index`` is a row of it.
    """
    return _as_list(sentence_array(text, paragraphs, abbreviations=abbreviations))


def sentence_array(
    text: str | EncodedText,
    paragraphs: Iterable[tuple[int, int]] | np.ndarray,
    *,
    abbreviations: Iterable[str] | None = None,
) -> np.ndarray:
    """:func:`sentence_spans` as an ``(n, 3)`` int64 array of ``start, end, para_index``."""
    enc = _encoded(text)
    abbrev = _abbrev_set(abbreviations)
    paras = _as_array(paragraphs, 2)
    ps, pe = paras[:, 0].copy(), paras[:, 1].copy()
    if not _sorted_disjoint(ps, pe, len(enc)):
        return _as_array(_sentences_regex(enc.text, _as_list(paras), abbrev), 3)
    starts, ends, pidx = _sentence_arrays(enc, ps, pe, abbrev)
    return np.stack((starts, ends, pidx), axis=1) if len(starts) else np.zeros((0, 3), dtype=np.int64)


def sentence_spans_regex(
    text: str | EncodedText,
    paragraphs: Iterable[tuple[int, int]] | np.ndarray,
    *,
    abbreviations: Iterable[str] | None = None,
) -> list[tuple[int, int, int]]:
    """The reference implementation of :func:`sentence_spans`.

    The rules of the module docs as regular expressions, one paragraph and
    one candidate at a time (no vectorisation); :func:`sentence_spans`
    gives the same result (tests check it on generated texts), and uses
    this one itself for paragraphs that overlap or are out of order.
    """
    paras = _as_list(_as_array(paragraphs, 2))
    return _sentences_regex(_plain(text), paras, _abbrev_set(abbreviations))


def _sentences_regex(text: str, paragraphs: list[tuple[int, int]], abbrev: frozenset[str]) -> list[tuple[int, int, int]]:
    out: list[tuple[int, int, int]] = []
    for pi, (ps, pe) in enumerate(paragraphs):
        brackets = None
        sent_start = ps
        for m in _candidates(text, ps, pe):
            nxt = m.group("next")
            if not (nxt.isupper() or nxt.isdigit()):
                continue
            if brackets is None:
                brackets = _Brackets(text, ps, pe)
            if brackets.holds(m.start(), m.end() - 1):
                continue
            if m.group("stop") == "." and _abbreviation_regex(text, ps, m.start(), nxt, abbrev):
                continue
            end = m.end()
            _append_sentence(text, sent_start, end, pi, out)
            sent_start = end
        _append_sentence(text, sent_start, pe, pi, out)
    return out


def _candidates(text: str, ps: int, pe: int):
    """``_CANDIDATE`` matches in ``text[ps:pe]``, tried once per run of stops.

    The same matches as ``_CANDIDATE.finditer(text, ps, pe)``: a match
    always takes a whole run of ``. ! ? …`` (a shorter run is followed by
    another stop, never by the closer or space the pattern needs), so only
    each run's first character needs trying; ``finditer`` would try every
    character of a long run again (quadratic in the run's length).
    """
    pos = ps
    for run in _STOP_RUN.finditer(text, ps, pe):
        if run.start() < pos:  # inside the closers of the previous match
            continue
        m = _CANDIDATE.match(text, run.start(), pe)
        if m:
            pos = m.end()
            yield m


class _Brackets:
    """Bracket depth of one paragraph and the innermost open bracket at each offset (reference path)."""

    def __init__(self, text: str, ps: int, pe: int):
        self.pos: list[int] = []  # offset of each bracket
        self.depth: list[int] = []  # depth after it
        self.inner: list[int] = []  # innermost open bracket after it (-1: none)
        last: dict[int, int] = {}  # depth -> the open bracket that last reached it
        d = 0
        for m in _BRACKET.finditer(text, ps, pe):
            if m.group() in "([":
                d += 1
                last[d] = m.start()
            else:
                d -= 1
            self.pos.append(m.start())
            self.depth.append(d)
            self.inner.append(last[d] if d > 0 else -1)

    def _at(self, offset: int) -> tuple[int, int]:
        """Depth at *offset* (after the character there) and its innermost open bracket."""
        k = bisect.bisect_right(self.pos, offset) - 1
        return (self.depth[k], self.inner[k]) if k >= 0 else (0, -1)

    def holds(self, first: int, last: int) -> bool:
        """Whether a candidate from *first* (its first stop) to *last* (its last closer) is held back."""
        d1, opened = self._at(first)
        return d1 > 0 and self._at(last)[0] > 0 and first - opened < BRACKET_CAP


def _abbreviation_regex(text: str, ps: int, stop: int, nxt: str, abbrev: frozenset[str]) -> bool:
    """Whether the single ``.`` at *stop* follows an abbreviation, an initial or dotted letters."""
    w = _WORD_BEFORE.search(text, max(ps, stop - 40), stop)
    if not w:
        return False
    word = w.group(1)
    low = word.lower()
    return (
        (low in NUMERIC_ABBREVIATIONS and nxt.isdigit())
        or low in abbrev
        or (len(word) == 1 and word.isupper())
        or ("." in word and len(word) <= 8)
    )


def _append_sentence(text: str, s: int, e: int, pi: int, out: list) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append((s, e, pi))


def _sentence_arrays(
    enc: EncodedText, ps: np.ndarray, pe: np.ndarray, abbrev: frozenset[str]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Vectorised :func:`sentence_spans` for sorted, disjoint paragraphs.

    Returns sentence starts, ends and paragraph indexes (int64 arrays).
    """
    maxlen = max([8, *(len(a) for a in abbrev), *(len(a) for a in NUMERIC_ABBREVIATIONS)])
    starts_l, ends_l, para_l = [], [], []
    for k0, k1 in _chunks(ps, pe, CHUNK_CHARS):
        a = max(0, int(ps[k0]) - 1)  # one character of left context for look-behinds
        b = int(pe[k1 - 1])
        cut, nxt_start, untrimmed = _candidate_cuts(enc, a, b, ps[k0:k1] - a, pe[k0:k1] - a, abbrev, maxlen)
        s, e, p = _assemble_sentences(enc.text, ps[k0:k1], pe[k0:k1], cut + a, nxt_start + a, untrimmed)
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
        self._run_ends: dict[int, np.ndarray] = {}

    def flags(self, pos: np.ndarray) -> np.ndarray:
        valid = pos < self.n
        return np.where(valid, char_flags(self.cp[np.where(valid, pos, 0)]), 0)

    def has(self, pos: np.ndarray, bits: int, *, same: bool = True) -> np.ndarray:
        """Flag test at *pos*; with *same*, also inside a span and not at its first character."""
        ok = (self.flags(pos) & bits) != 0
        if same:
            p = np.minimum(pos, self.n - 1)
            ok &= self.inside[p] & ~self.pstart[p]
        return ok

    def advance(self, pos: np.ndarray, bits: int) -> np.ndarray:
        """Move each position forward over characters with *bits* in the same span.

        A step per character for the first :data:`_SHORT_RUN` characters
        (runs are short in prose), then one search for the longer runs.
        """
        pos = pos.copy()
        active = np.flatnonzero(self.has(pos, bits))
        for _ in range(_SHORT_RUN):
            if not len(active):
                return pos
            pos[active] += 1
            active = active[self.has(pos[active], bits)]
        if len(active):
            stops = self._stops(bits)
            pos[active] = stops[np.searchsorted(stops, pos[active])]
        return pos

    def _stops(self, bits: int) -> np.ndarray:
        """Sorted positions where :meth:`advance` stops (``has`` is false), then *n*."""
        if bits not in self._run_ends:
            member = ((char_flags(self.cp) & bits) != 0) & self.inside & ~self.pstart
            self._run_ends[bits] = np.append(np.flatnonzero(~member), self.n)
        return self._run_ends[bits]


def _candidate_cuts(
    enc: EncodedText, a: int, b: int, lps: np.ndarray, lpe: np.ndarray, abbrev: frozenset[str], maxlen: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Accepted sentence ends in ``text[a:b]``, where each next sentence starts (local
    offsets), and whether each non-empty paragraph starts or ends with a space.

    Full-length work is one class lookup and two scans (sentence stops and
    brackets); everything else runs on the few candidate positions.
    """
    z = np.zeros(0, dtype=np.int64)
    cp = enc.codepoints()[a:b]
    cls = enc.classes()[a:b]
    n = len(cp)
    inside = _span_mask(n, lps, lpe)
    nonempty = lpe > lps
    pstart = np.zeros(n, dtype=bool)
    pstart[lps[nonempty]] = True
    ch = _Chars(cp, inside, pstart)
    untrimmed = (cls[lps[nonempty]] == C_SPACE) | (cls[lpe[nonempty] - 1] == C_SPACE)
    # maximal runs of . ! ? … inside one paragraph
    sp = np.flatnonzero(((cls - np.uint8(C_DOT)) <= 1) & inside)
    if len(sp) == 0:
        return z, z, untrimmed
    new = np.ones(len(sp), dtype=bool)
    new[1:] = (sp[1:] != sp[:-1] + 1) | pstart[sp[1:]]
    last = np.ones(len(sp), dtype=bool)
    last[:-1] = new[1:]
    rs, re_ = sp[new], sp[last] + 1
    # closing quotes/brackets, at least one space, an optional opener, then \w
    q = ch.advance(re_, F_CLOSER)
    has_ws = ch.has(q, F_S)
    r = ch.advance(q, F_S)
    nxt = np.where(ch.has(r, F_OPENER) & ch.has(r + 1, F_W), r + 1, r)
    ok = has_ws & ch.has(nxt, F_W) & ((ch.flags(nxt) & (F_UP | F_DIG)) != 0)
    rs, re_, q, r, nxt = rs[ok], re_[ok], q[ok], r[ok], nxt[ok]
    if len(rs) == 0:
        return z, z, untrimmed
    pi = np.searchsorted(lps, rs, side="right") - 1
    keep = ~_held_by_brackets(cp, cls, inside, lps[pi], rs, q - 1)
    rs, re_, q, r, nxt, pi = rs[keep], re_[keep], q[keep], r[keep], nxt[keep], pi[keep]
    # a single "." after an abbreviation, an initial or dotted letters
    idx = np.flatnonzero((re_ - rs == 1) & (cp[rs] == ord(".")))
    if len(idx):
        dots = sp[cp[sp] == ord(".")]
        reject = _abbreviation_before(enc, a, ch, dots, rs[idx], lps[pi[idx]], nxt[idx], abbrev, maxlen)
        keep = np.ones(len(rs), dtype=bool)
        keep[idx[reject]] = False
        q, r = q[keep], r[keep]
    return q, r, untrimmed


def _held_by_brackets(
    cp: np.ndarray, cls: np.ndarray, inside: np.ndarray, para_start: np.ndarray, first: np.ndarray, last: np.ndarray
) -> np.ndarray:
    """Which candidates (from *first*, their first stop, to *last*, their last
    closer) a bracket holds back (*Brackets* in the module docs).

    Depths come from one cumulative sum over the brackets of the chunk; the
    innermost open bracket of a candidate is found among the open brackets
    sorted by (depth they reached, position) with one binary search.
    """
    bpos = np.flatnonzero((cls == C_BRACKET) & inside)
    if len(bpos) == 0:
        return np.zeros(len(first), dtype=bool)
    bcp = cp[bpos]
    bval = np.where((bcp == ord("(")) | (bcp == ord("[")), 1, -1)
    cum = np.concatenate(([0], np.cumsum(bval)))  # cum[k]: depth after the first k brackets
    base = cum[np.searchsorted(bpos, para_start, side="left")]
    k1 = np.searchsorted(bpos, first, side="right")
    d1 = cum[k1] - base
    d2 = cum[np.searchsorted(bpos, last, side="right")] - base
    held = (d1 > 0) & (d2 > 0)
    if held.any():
        # open bracket k reached depth cum[k + 1]; key = (depth, index) in one int64
        opens = np.flatnonzero(bval > 0)
        width = len(bpos) + 1
        lowest = int(cum.min())
        okeys = np.sort((cum[opens + 1] - lowest) * width + opens)
        qkeys = (cum[k1] - lowest) * width + (k1 - 1)
        # the last open bracket at or before the candidate that reached its depth
        # (one exists for every held candidate: the depth rose to d1 > 0 in its paragraph)
        j = np.maximum(np.searchsorted(okeys, qkeys, side="right") - 1, 0)
        innermost = bpos[okeys[j] % width]
        held &= first - innermost < BRACKET_CAP
    return held


def _abbreviation_before(
    enc: EncodedText,
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
    active = active[ch.has(p[active] - 1, F_W | F_DOT, same=False)]
    while len(active):
        p[active] -= 1
        pa_ = p[active]
        active = active[pa_ > lo[active]]
        active = active[ch.has(p[active] - 1, F_W | F_DOT, same=False)]
    length = dot - p
    valid = (length > 0) & ch.has(p, F_W, same=False) & ch.has(np.maximum(dot - 1, 0), F_W, same=False)
    before = ch.flags(np.maximum(p - 1, 0))
    valid &= ((p + a) == 0) | (((before & (F_S | F_DELIM)) != 0) & (p > 0))
    # no ".." inside the word, and whether it holds a "." at all
    n_dots = np.searchsorted(dots, dot, side="left") - np.searchsorted(dots, p, side="left")
    dd = dots[:-1][dots[1:] == dots[:-1] + 1]
    n_dd = np.searchsorted(dd, dot - 1, side="left") - np.searchsorted(dd, p, side="left")
    valid &= n_dd == 0
    reject = valid & (length == 1) & ((ch.flags(p) & F_UP) != 0)
    reject |= valid & (n_dots > 0) & (length <= 8)
    check = np.flatnonzero(valid & ~reject & (length <= maxlen))
    if len(check):
        words = _lower_words(enc, p[check] + a, dot[check] + a)
        nxt_digit = (ch.flags(nxt[check]) & F_DIG) != 0
        hit = _in_set(words, abbrev) | (nxt_digit & _in_set(words, NUMERIC_ABBREVIATIONS))
        reject[check[hit]] = True
    return reject


def _lower_words(enc: EncodedText, starts: np.ndarray, ends: np.ndarray):
    """``text[s:e].lower()`` for each span, as an Arrow string array.

    Cut from the UTF-8 bytes; ASCII words are lower-cased by Arrow (the same
    mapping as ``str.lower`` on ASCII), the others by ``str.lower``.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    u8 = enc.utf8()
    bs, be = enc.byte_offsets(starts), enc.byte_offsets(ends)
    lengths = be - bs
    offsets = np.zeros(len(bs) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    gather = np.repeat(bs - offsets[:-1], lengths) + np.arange(offsets[-1], dtype=np.int64)
    words = pa.LargeStringArray.from_buffers(len(bs), pa.py_buffer(offsets), pa.py_buffer(u8[gather].tobytes()))
    lowered = pc.ascii_lower(words)
    other = np.flatnonzero(~pc.string_is_ascii(words).to_numpy(zero_copy_only=False))
    if len(other):
        values = lowered.to_pylist()
        for i, (s, e) in zip(other.tolist(), zip(starts[other].tolist(), ends[other].tolist())):
            values[i] = enc.text[s:e].lower()
        lowered = pa.array(values, type=pa.large_string())
    return lowered


def _in_set(words, values: frozenset[str]) -> np.ndarray:
    """Whether each of the Arrow strings *words* is in *values* (bool array)."""
    import pyarrow.compute as pc

    return pc.is_in(words, value_set=_value_set(values)).to_numpy(zero_copy_only=False)


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


def token_spans(text: str | EncodedText, start: int = 0, end: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Start and end offsets (int64 arrays) of the tokens of ``text[start:end]``."""
    enc = _encoded(text)
    end = len(enc) if end is None else min(end, len(enc))
    start = max(0, start)
    if end <= start:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    ts, te, _, _ = _tokenize(enc, np.array([start], dtype=np.int64), np.array([end], dtype=np.int64), with_strings=False)
    return ts, te


def token_spans_regex(text: str | EncodedText, start: int = 0, end: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The reference implementation of :func:`token_spans`: ``_TOKEN.finditer``."""
    text = _plain(text)
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
    tok = cls != C_SPACE
    w = cls == C_WORD
    jmask = (cls - np.uint8(C_JOIN)) <= 1
    if inside is not None:
        tok &= inside
        w &= inside
        jmask &= inside
    jp = np.flatnonzero(jmask)
    jp = jp[(jp > 0) & (jp < n - 1)]
    jp = jp[w[jp - 1] & w[jp + 1]]
    inword = w
    if len(jp):
        f, fp, fn = char_flags(cp[jp]), char_flags(cp[jp - 1]), char_flags(cp[jp + 1])
        join = ((f & F_J) != 0) | (((f & F_NJ) != 0) & ((fp & F_D) != 0) & ((fn & F_D) != 0))
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
    fl = char_flags(cp)
    w = ((fl & F_W) != 0) & inside
    d = ((fl & F_D) != 0) & inside
    tok = inside & ((fl & F_S) == 0)
    same = ~sstart & ~_next(sstart)
    joining = tok & same & ((((fl & F_J) != 0) & _prev(w) & _next(w)) | (((fl & F_NJ) != 0) & _prev(d) & _next(d)))
    inword = w | joining
    brk = sstart | (inword != _prev(inword)) | (~inword & (cp != _prev(cp)))
    cont = tok & _prev(tok) & ~brk
    return np.flatnonzero(tok & ~cont), np.flatnonzero(tok & ~_next(cont)) + 1, tok


def _tokenize(
    enc: EncodedText, ss: np.ndarray, se: np.ndarray, *, with_strings: bool = True
) -> tuple[np.ndarray, np.ndarray, np.ndarray, list]:
    """Tokens of sorted, disjoint spans ``[ss, se)`` (sentences).

    Returns global starts, ends, the number of tokens in each span and, if
    *with_strings*, one :class:`textmine._strings.TokenStrings` per chunk.
    """
    starts_l, ends_l, pieces = [], [], []
    counts = np.zeros(len(ss), dtype=np.int64)
    for k0, k1 in _chunks(ss, se, CHUNK_CHARS):
        c0, c1 = int(ss[k0]), int(se[k1 - 1])
        if c1 <= c0:
            continue
        cp = enc.codepoints()[c0:c1]
        ls, le = ss[k0:k1] - c0, se[k0:k1] - c0
        ts, te, tok = _chunk_tokens(enc, c0, c1, ls, le)
        # tokens of each span: from its first token to the next span's first
        first_tok = np.searchsorted(ts, ls, side="left")
        counts[k0:k1 - 1] = first_tok[1:] - first_tok[:-1]
        counts[k1 - 1] = len(ts) - first_tok[-1]
        starts_l.append(ts + c0)
        ends_l.append(te + c0)
        if with_strings:
            pieces.append(_chunk_strings(enc, c0, c1, cp, tok, ts, te))
    if not starts_l:
        z = np.zeros(0, dtype=np.int64)
        return z, z.copy(), counts, pieces
    return np.concatenate(starts_l), np.concatenate(ends_l), counts, pieces


def _chunk_tokens(enc: EncodedText, c0: int, c1: int, ls: np.ndarray, le: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Token bounds (local offsets) and token-character mask of the spans ``[ls, le)`` of ``text[c0:c1]``."""
    cp = enc.codepoints()[c0:c1]
    nonempty = le > ls
    ls_ne, le_ne = ls[nonempty], le[nonempty]
    if len(ls_ne) == 1 and ls_ne[0] == 0 and le_ne[0] == len(cp):
        return _token_bounds(cp, enc.classes()[c0:c1], None)
    if (ls_ne[1:] > le_ne[:-1]).all():
        return _token_bounds(cp, enc.classes()[c0:c1], _span_mask(len(cp), ls_ne, le_ne))
    sstart = np.zeros(len(cp), dtype=bool)
    sstart[ls_ne] = True
    return _token_bounds_abutting(cp, _span_mask(len(cp), ls_ne, le_ne), sstart)


def _chunk_strings(enc: EncodedText, c0: int, c1: int, cp: np.ndarray, tok: np.ndarray, ts: np.ndarray, te: np.ndarray) -> TokenStrings:
    """Token and norm strings of one chunk, cut from the text's UTF-8 bytes."""
    if cp.dtype == np.uint8:  # an ASCII text
        return TokenStrings(enc.text[c0:c1].encode("ascii"), cp, tok, ts, te)
    na_all = enc.multibyte()[0]  # non-ASCII offsets cut from the text's index
    lo, hi = np.searchsorted(na_all, [c0, c1])
    return TokenStrings(enc.utf8_slice(c0, c1), cp, tok, ts, te, na_all[lo:hi] - c0)


# ------------------------------------------------------------------ frames


def _slices(enc: EncodedText, starts: np.ndarray, ends: np.ndarray) -> pd.Series:
    """``text[s:e]`` for sorted, disjoint spans as a ``str`` Series, cut from the UTF-8 bytes."""
    import pyarrow as pa

    n = len(starts)
    if n == 0 or not _sorted_disjoint(starts, ends, len(enc)):
        return str_series([enc.text[s:e] for s, e in zip(starts.tolist(), ends.tolist())])
    u8 = enc.utf8()
    bs, be = enc.byte_offsets(starts), enc.byte_offsets(ends)
    data = u8[_span_mask(len(u8), bs, be)]
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(be - bs, out=offsets[1:])
    return arrow_str(pa.LargeStringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(data)))


def paragraph_frame(text: str | EncodedText, spans: list[tuple[int, int]] | np.ndarray, *, doc_id: str) -> pd.DataFrame:
    """Frame of paragraphs; ``n_sentences``/``n_tokens`` are filled by the Document.

    *spans*: ``(start, end)`` per paragraph, a list or an ``(n, 2)`` array
    (:func:`paragraph_spans`, :func:`paragraph_array`).
    """
    enc = _encoded(text)
    arr = _as_array(spans, 2)
    n = len(arr)
    starts, ends = arr[:, 0].copy(), arr[:, 1].copy()
    return pd.DataFrame(
        {
            "doc_id": doc_id_column(doc_id, n),
            "para_id": np.arange(n, dtype=ID_DTYPE),
            "start": ids(starts),
            "end": ids(ends),
            "text": _slices(enc, starts, ends),
        },
        copy=False,
    )


def sentence_frame(text: str | EncodedText, spans: list[tuple[int, int, int]] | np.ndarray, *, doc_id: str) -> pd.DataFrame:
    """Frame of sentences with ``doc_id, para_id, sent_id, start, end, text``.

    *spans*: ``(start, end, para_index)`` per sentence, a list or an
    ``(n, 3)`` array (:func:`sentence_spans`, :func:`sentence_array`).
    """
    enc = _encoded(text)
    arr = _as_array(spans, 3)
    n = len(arr)
    starts, ends, para = arr[:, 0].copy(), arr[:, 1].copy(), arr[:, 2]
    return pd.DataFrame(
        {
            "doc_id": doc_id_column(doc_id, n),
            "para_id": ids(para),
            "sent_id": np.arange(n, dtype=ID_DTYPE),
            "start": ids(starts),
            "end": ids(ends),
            "text": _slices(enc, starts, ends),
        },
        copy=False,
    )


_KINDS = ["word", "number", "punct"]


@lru_cache(maxsize=1)
def _kinds_dtype() -> pd.CategoricalDtype:
    # building the dtype costs more than the column; dtypes are immutable
    return pd.CategoricalDtype(_KINDS)


@lru_cache(maxsize=8)
def _value_set(words: frozenset[str]):
    """*words* as a sorted Arrow array (cached per set: stop words, abbreviations)."""
    import pyarrow as pa

    return pa.array(sorted(words), type=pa.large_string())


def token_frame(
    text: str | EncodedText,
    sentences: pd.DataFrame,
    *,
    doc_id: str,
    stop_words: frozenset[str],
) -> pd.DataFrame:
    """Frame of tokens, each inside its sentence.

    Columns: ``doc_id, token_id, para_id, sent_id, start, end, token, norm,
    kind, is_stop``.
    """
    import pyarrow.compute as pc

    enc = _encoded(text)
    ss = sentences["start"].to_numpy(dtype=np.int64)
    se = sentences["end"].to_numpy(dtype=np.int64)
    sent_ids = sentences["sent_id"].to_numpy(dtype=np.int64)
    para_ids = sentences["para_id"].to_numpy(dtype=np.int64)
    if _sorted_disjoint(ss, se, len(enc)):
        starts, ends, counts, token_arr, norm_arr, first = _tokens_in_order(enc, ss, se)
    else:  # overlapping or unordered sentences: tokenise each on its own
        starts, ends, counts, token_arr, norm_arr, first = _tokens_one_by_one(enc, ss, se)
    n = len(starts)
    if n:
        is_stop = pc.is_in(norm_arr, value_set=_value_set(frozenset(stop_words))).to_numpy(zero_copy_only=False)
    else:
        is_stop = np.zeros(0, dtype=bool)
    codes = np.where((first & F_NUM) != 0, 1, np.where((first & F_W) != 0, 0, 2)).astype(np.int8)
    return pd.DataFrame(
        {
            "doc_id": doc_id_column(doc_id, n),
            "token_id": np.arange(n, dtype=ID_DTYPE),
            "para_id": np.repeat(ids(para_ids), counts),  # ids checked once per sentence
            "sent_id": np.repeat(ids(sent_ids), counts),
            "start": ids(starts),
            "end": ids(ends),
            "token": arrow_str(token_arr),
            "norm": arrow_str(norm_arr),
            "kind": pd.Categorical.from_codes(codes, dtype=_kinds_dtype()),
            "is_stop": np.asarray(is_stop, dtype=bool),
        },
        copy=False,
    )


def _tokens_in_order(enc: EncodedText, ss: np.ndarray, se: np.ndarray) -> tuple:
    """Starts, ends, counts per sentence, token and norm arrays and first-character flags (sorted, disjoint sentences)."""
    import pyarrow as pa

    starts, ends, counts, pieces = _tokenize(enc, ss, se)
    token_arr = pa.chunked_array([p.token for p in pieces], type=pa.large_string())
    norm_arr = pa.chunked_array([p.norm for p in pieces], type=pa.large_string())
    first = np.concatenate([p.first for p in pieces]) if pieces else np.zeros(0, dtype=np.uint16)
    return starts, ends, counts, token_arr, norm_arr, first


def _tokens_one_by_one(enc: EncodedText, ss: np.ndarray, se: np.ndarray) -> tuple:
    """As :func:`_tokens_in_order`, for sentences that overlap or are out of order."""
    import pyarrow as pa
    import pyarrow.compute as pc

    text = enc.text
    starts_l, ends_l, counts = [], [], []
    for s, e in zip(ss.tolist(), se.tolist()):
        ts, te = token_spans(enc, s, e)
        starts_l.append(ts)
        ends_l.append(te)
        counts.append(len(ts))
    starts = np.concatenate(starts_l) if starts_l else np.zeros(0, dtype=np.int64)
    ends = np.concatenate(ends_l) if ends_l else np.zeros(0, dtype=np.int64)
    token_arr = pa.array([text[s:e] for s, e in zip(starts.tolist(), ends.tolist())], type=pa.large_string())
    norm_arr = pc.replace_substring(pc.utf8_lower(token_arr), pattern="\u2019", replacement="'")
    first = char_flags(np.asarray([ord(text[s]) for s in starts.tolist()], dtype=np.uint32))
    return starts, ends, counts, token_arr, norm_arr, first
