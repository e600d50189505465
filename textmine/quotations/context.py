"""What the passes read beside the quotations: sentences, the masked text, token counts, prefixes.

:func:`build_context` gathers once per document what every later pass
reads (:class:`Context`); :func:`read_contents` and
:func:`read_surroundings` are the passes that fill each quotation's words,
token counts, block status and *prefix* (what precedes it in its sentence).

Each prefix question is answered in time independent of the prefix's
length: the note boundaries (``...later.[3] Trotsky ...`` starts a new
sentence) are found once per text, and the last character and last word of
a prefix are found walking back only over what no earlier quotation's walk
covered. A run-on paragraph with tens of thousands of quotations costs the
same per quotation as an ordinary one.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .cues import MASK, CueScanner, LowerWords
from .links import CitationColumns
from .record import Quotation
from .referents import Referents
from .styles import QuoteStyle

__all__ = ["Context", "build_context", "read_contents", "read_surroundings", "mask", "sentence_bounds",
           "inner_token_counts", "is_word", "block_tail", "MAX_PREV_WORD", "NOTE_BOUNDARY", "note_boundaries"]

#: The last word before a quotation is read up to this many letters (a longer one is no title cue).
MAX_PREV_WORD = 40

#: A note marker after a sentence end, then a new sentence: "...later.[3] Trotsky", "...later.¹⁰ Trotsky", and a
#: plain-digit one after a word's full stop ("...later.’11 Trotsky"; not "3.5 Trotsky").
NOTE_BOUNDARY = re.compile(r"[.!?](?:[\u201d\u2019\"']*(?:\[\d{1,3}\]|[\u00b9\u00b2\u00b3\u2074-\u2079][\u2070\u00b9\u00b2\u00b3\u2074-\u2079]*)"
                           r"|(?<=[A-Za-z][.!?])[\u201d\u2019\"']*\d{1,3})\s+(?=[A-Z\u201c\u2018\"'])")
_BLOCK_TAIL = re.compile(r"[\s.,;:]*(?:\([^()]*(?:\([^()]*\)[^()]*)*\)[\s.,;:]*)?(?:\[\d{1,3}\][\s.]*)?")
_MARKER_CHARS = "[\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u20790123456789"  # what a NOTE_BOUNDARY marker starts with
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


@dataclass
class Context:
    """One document as the passes after pairing read it."""

    text: str
    paras: list[tuple[int, int]]
    style: QuoteStyle
    sent_s: list[int]  # sentence starts and ends, in order
    sent_e: list[int]
    masked: str  # the text with quotations and citations masked
    cues: CueScanner
    citations: CitationColumns
    author: str | None = None  # the document's author (first-person speakers)
    referents: Referents | None = None  # what descriptions in tags stand for

    def sentence_of(self, pos: int) -> tuple[int, int]:
        """``(start, end)`` of the sentence starting last at or before *pos* (``(pos, pos)`` if none)."""
        i = bisect.bisect_right(self.sent_s, pos) - 1
        if i < 0:
            return pos, pos
        return self.sent_s[i], self.sent_e[i]


def mask(text: str, spans: list[tuple[int, int]]) -> str:
    """*text* with every character inside the spans replaced by :data:`~.cues.MASK`."""
    n = len(text)
    if any(not 0 <= a <= b <= n for a, b in spans):  # odd offsets: as list slice assignment reads them
        chars = list(text)
        for a, b in spans:
            chars[a:b] = [MASK] * (b - a)
        return "".join(chars)
    pieces, pos = [], 0
    for a, b in sorted(spans):
        if b <= pos:
            continue
        if a > pos:
            pieces.append(text[pos:a])
            pos = a
        pieces.append(MASK * (b - pos))
        pos = b
    pieces.append(text[pos:])
    return "".join(pieces)


def sentence_bounds(tokens: pd.DataFrame, ts: np.ndarray | None = None, te: np.ndarray | None = None) -> tuple[list[int], list[int]]:
    """First start and last end of the tokens of each sentence, by ``sent_id``.

    The same as ``tokens.groupby("sent_id").agg(start=("start", "min"), end=("end", "max"))``,
    with NumPy when the ids are integers in order (as the Document's are).
    *ts*, *te*: the token starts and ends as int64 arrays, when already at hand.
    """
    sent_ids = tokens["sent_id"]
    if len(sent_ids) and pd.api.types.is_integer_dtype(sent_ids.dtype) and not isinstance(sent_ids.dtype, pd.CategoricalDtype):
        sid = sent_ids.to_numpy()
        if isinstance(sid, np.ndarray) and sid.dtype.kind in "iu" and (len(sid) < 2 or bool((sid[1:] >= sid[:-1]).all())):
            cuts = np.flatnonzero(np.diff(sid)) + 1
            at = np.concatenate([[0], cuts])
            if ts is None or te is None:
                ts = tokens["start"].to_numpy(dtype=np.int64)
                te = tokens["end"].to_numpy(dtype=np.int64)
            return np.minimum.reduceat(ts, at).tolist(), np.maximum.reduceat(te, at).tolist()
    sent = tokens.groupby("sent_id", sort=True).agg(start=("start", "min"), end=("end", "max"))
    return sent["start"].to_numpy(dtype=np.int64).tolist(), sent["end"].to_numpy(dtype=np.int64).tolist()


def is_word(tokens: pd.DataFrame, text: str, ts: np.ndarray, te: np.ndarray) -> np.ndarray:
    """Tokens that are not punctuation (``kind != "punct"``)."""
    if "kind" not in tokens.columns:
        return np.array([bool(re.match(r"\w", text[a:b])) for a, b in zip(ts, te)], dtype=bool)
    kind = tokens["kind"]
    if isinstance(kind.dtype, pd.CategoricalDtype):
        cats = list(kind.cat.categories)
        codes = kind.cat.codes.to_numpy()
        return codes != cats.index("punct") if "punct" in cats else np.ones(len(kind), dtype=bool)
    return kind.astype(str).to_numpy() != "punct"


def inner_token_counts(quotes: list[Quotation], st: QuoteStyle, ts: np.ndarray, te: np.ndarray, words: np.ndarray) -> tuple[list[int], list[int]] | None:
    """Tokens and words strictly inside the outer marks of each quotation, all at once.

    *ts*, *te*, *words* are in start order. The tokens starting in
    ``[lo, hi)`` and ending by ``hi``; when the ends are in order too (as in
    a Document) those are a prefix of the tokens starting there, so two
    searches per quotation count them. None otherwise (count one by one).
    """
    if len(te) > 1 and not bool((te[1:] >= te[:-1]).all()):
        return None
    lo = np.array([q.start + len(st.open) for q in quotes], dtype=np.int64)
    hi = np.array([q.end - (len(st.close) if q.closed else 0) for q in quotes], dtype=np.int64)
    a = np.searchsorted(ts, lo, side="left")
    b = np.maximum(np.searchsorted(ts, hi, side="left"), a)
    c = np.minimum(np.maximum(np.searchsorted(te, hi, side="right"), a), b)
    cum = np.concatenate([[0], np.cumsum(words, dtype=np.int64)])
    return (c - a).tolist(), (cum[c] - cum[a]).tolist()


def block_tail(text: str, end: int, para_end: int) -> bool:
    """Only punctuation, a parenthesis (a citation) or a note marker from *end* to the paragraph end."""
    if end <= para_end:  # the pattern looks neither behind nor ahead: same as on the slice
        return _BLOCK_TAIL.fullmatch(text, end, para_end) is not None
    return _BLOCK_TAIL.fullmatch(text[end:para_end]) is not None


def build_context(text: str, paras: list[tuple[int, int]], st: QuoteStyle, tokens: pd.DataFrame,
                  citations: CitationColumns, quotes: list[Quotation], author: str | None = None) -> Context:
    """The sentences, the masked text, its cue scanner and referents, for the passes after pairing."""
    ts = tokens["start"].to_numpy(dtype=np.int64)
    te = tokens["end"].to_numpy(dtype=np.int64)
    sent_s, sent_e = sentence_bounds(tokens, ts, te)
    masked = mask(text, [(q.start, q.end) for q in quotes] + list(zip(citations.starts, citations.ends)))
    cues = CueScanner(masked, set(sent_s), LowerWords(masked))
    names = mask(text, [(q.start, q.end) for q in quotes])  # notes and references name people too
    return Context(text, paras, st, sent_s, sent_e, masked, cues, citations, author, Referents(masked, names, text))


def read_contents(quotes: list[Quotation], ctx: Context, tokens: pd.DataFrame) -> None:
    """The contents pass: ``text``, ``n_tokens`` and ``n_words`` of each quotation."""
    text, st = ctx.text, ctx.style
    ts = tokens["start"].to_numpy(dtype=np.int64)
    te = tokens["end"].to_numpy(dtype=np.int64)
    words = is_word(tokens, text, ts, te)
    if len(ts) < 2 or bool((ts[1:] >= ts[:-1]).all()):  # in order already (a Document's tokens)
        order, ts_sorted, te_sorted, words_sorted = np.arange(len(ts)), ts, te, words
    else:
        order = np.argsort(ts, kind="stable")
        ts_sorted, te_sorted, words_sorted = ts[order], te[order], words[order]
    counts = inner_token_counts(quotes, st, ts_sorted, te_sorted, words_sorted)
    for qi, q in enumerate(quotes):
        lo = q.start + len(st.open)
        hi = q.end - (len(st.close) if q.closed else 0)
        q.text = text[lo:hi]
        if counts is not None:
            q.n_tokens, q.n_words = counts[0][qi], counts[1][qi]
        else:
            a = int(np.searchsorted(ts_sorted, lo, side="left"))
            b = int(np.searchsorted(ts_sorted, hi, side="left"))
            idx = order[a:b]
            idx = idx[te[idx] <= hi]
            q.n_tokens = int(len(idx))
            q.n_words = int(words[idx].sum())


class _BackReader:
    """The last word character before an offset, for offsets asked in increasing order.

    A walk back stops where the previous walk began: each character is
    passed over once, however long the runs of marks, spaces and
    punctuation before the quotations.
    """

    def __init__(self, text: str):
        self.text = text
        self.e = self.lo = 0
        self.j = -1  # the answer for (self.e, self.lo)

    def last_word_char(self, e: int, lo: int) -> int:
        """The largest ``j`` in ``[lo, e)`` with ``text[j]`` alphanumeric or ``_``; -1 if none."""
        text = self.text
        reuse = self.e <= e and self.lo <= lo
        stop = max(lo, self.e) if reuse else lo
        j = e - 1
        while j >= stop and not (text[j].isalnum() or text[j] == "_"):
            j -= 1
        if j < stop:
            j = self.j if reuse and self.j >= lo else -1
        self.e, self.lo, self.j = e, lo, j
        return j


def _prev_word(text: str, j: int, lo: int) -> str:
    """``last_word(text[lo:j + 1]).lower()`` for a word character at *j* (see :data:`MAX_PREV_WORD`)."""
    if j < lo or text[j] not in _ASCII_LETTERS:
        return ""
    k = j
    while k > lo and text[k - 1] in _ASCII_LETTERS:
        k -= 1
        if j - k >= MAX_PREV_WORD:
            return ""
    return text[k : j + 1].lower()


def _last_char(text: str, lo: int, e: int) -> str:
    """The last non-space character of ``text[lo:e]`` ("" if none)."""
    j = e
    while j > lo and text[j - 1].isspace():
        j -= 1
    return text[j - 1] if j > lo else ""


def _prefix_starts(quotes: list[Quotation], ctx: Context) -> list[int]:
    """Where the sentence of each quotation starts, before any note boundary is taken into account."""
    qs = np.fromiter((q.start for q in quotes), dtype=np.int64, count=len(quotes))
    sent_s = np.asarray(ctx.sent_s, dtype=np.int64)
    i = np.searchsorted(sent_s, qs, side="right") - 1
    return np.where(i >= 0, sent_s[np.maximum(i, 0)] if len(sent_s) else qs, qs).tolist()  # ctx.sentence_of(q.start)[0]


def note_boundaries(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every :data:`NOTE_BOUNDARY` match, found from the markers (``[`` and superscripts).

    A match is a sentence end, closing quotes, a marker, spaces: it holds
    one ``.!?`` (its first character) and starts at the one before its
    marker's quotes. So the matches are those that start there, for each
    marker, and they never overlap (``NOTE_BOUNDARY.finditer`` finds the
    same ones, reading the whole text).
    """
    out = []
    for ch in _MARKER_CHARS:
        i = text.find(ch)
        while i >= 0:
            j = i
            while j and text[j - 1] in "\u201d\u2019\"'":
                j -= 1
            if j and text[j - 1] in ".!?":
                m = NOTE_BOUNDARY.match(text, j - 1)
                if m is not None:
                    out.append((m.start(), m.end()))
            i = text.find(ch, i + 1)
    return sorted(set(out))


def read_surroundings(quotes: list[Quotation], ctx: Context) -> None:
    """The surroundings pass: ``para_initial``, ``block``, the prefix and what it ends with."""
    text, paras = ctx.text, ctx.paras
    bounds = note_boundaries(text)
    b_ends = [b for _, b in bounds]
    back = _BackReader(text)
    for q, s0 in zip(quotes, _prefix_starts(quotes, ctx)):
        ps = paras[q.para_start][0]
        q.para_initial = q.start == ps
        # a block quotation: opens its paragraph and runs to its end (a citation may follow)
        q.block = q.para_initial and (q.para_end > q.para_start or not q.closed or block_tail(text, q.end, paras[q.para_end][1]))
        s0 = max(s0, ps) if s0 <= q.start else ps
        if bounds:  # "...later.[3] Trotsky ..." starts a new sentence: the last note boundary of the prefix
            i = bisect.bisect_left(b_ends, q.start) - 1
            if i >= 0 and bounds[i][0] >= s0:
                s0 = bounds[i][1]
        q.prefix_start = s0
        last = _last_char(text, s0, q.start)
        q.after_colon, q.after_comma = last == ":", last == ","
        q.prev_word = _prev_word(text, back.last_word_char(q.start, s0), s0)
