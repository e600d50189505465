"""Quotation fidelity: each quotation checked against its source texts.

:func:`align_quotations` takes a Document and a set of source texts (a
folder, paths, a :class:`~textmine.Corpus`, Documents or a mapping of name →
text) and says, for each quotation, where in the sources its words are, how
faithfully they are quoted, and whether the cited page is right. Text-reuse
tools (passim, TRACER, R's textreuse) find shared passages between corpora;
this module adds what a quotation knows: its marks, its ellipses, its
citation and pages.

Method
------
1. **Segments.** A quotation's words (its ``text``: the words inside the
   outer marks; for a speech-tag group, each part in turn) are cut at every
   ellipsis (``...``, ``. . .``, ``…``, ``[...]``; a fourth full stop belongs
   to the ellipsis). Each segment is aligned on its own; an ellipsis between
   two segments should stand for source words, one at either end for the
   rest of the source sentence.
2. **Words.** Quotations and sources are compared as words
   (:data:`WORD`: letters and digits, with inner apostrophes and hyphens),
   folded by :func:`fold` (case, curly and straight quotes, dashes), so
   punctuation and typography never hide a match; they are judged afterwards.
3. **Candidates (seed and extend).** As BLAST and passim do, every run of
   *k* consecutive words (a shingle, ``k=4`` by default) of every segment is
   hashed into a query table; each source is scanned once, its shingles
   hashed with NumPy and looked up in the table. Hits on the same source and
   diagonal (source position − segment position) within a band form a
   candidate; a segment shorter than *k* words is seeded by its own words
   (all its n-grams of its length), near the quotation's other segments when
   it has any. The scan is linear in the size of the sources; only the
   candidates are aligned.
4. **Alignment.** Each segment is aligned with its best candidate window
   (the hits' extent plus a margin) by :class:`difflib.SequenceMatcher` over
   folded words (``autojunk=False``); the aligned source span runs from the
   first to the last matching word. ``similarity = 2 M / (n_q + n_s)`` where
   *M* is the number of matching words, *n_q* the segment's words and *n_s*
   the aligned source span's words (:meth:`difflib.SequenceMatcher.ratio`).
   A segment is *found* when its similarity is at least *min_similarity*.
5. **Match type** of the quotation (``match``):

   ==============  =============================================================
   ``exact``       character for character the source (leading and trailing
                   punctuation and spaces aside, which quoting conventions move;
                   page markers inside the passage and a multi-paragraph
                   quotation's continuation marks are not characters of it)
   ``typography``  the same words, with other quotes or dashes, spacing,
                   punctuation between words, the case of the first letter, or
                   an ellipsis that stands for no source words
   ``elided``      every segment's words are the source's, and the ellipses
                   stand for source words (``elided_words`` counts them); a
                   segment from another passage (another source, earlier in the
                   source, more than *max_gap* words on, or across a paragraph
                   break of the source where the quotation has none) sets
                   ``joined``, and its gap is not counted as elided
   ``altered``     found, with word-level changes (changed, added or omitted
                   words, or a change of case inside the text; see the
                   ``differences`` frame)
   ``not_found``   no segment reaches *min_similarity* in any source
   ==============  =============================================================

6. **Pages.** A source may carry page markers: form feeds (each starts the
   next page), lines such as ``page 438``, ``p. 438`` or ``— 438 —``, and
   inline ``[p. 438]`` / ``[page 438]``. Markers are blanked before words are
   compared (a quotation may run across a page break). A match's pages are the
   pages of its first and last words; ``page_agrees`` is true when they
   overlap the pages of the quotation's citation (``citation_id`` →
   ``page_start``/``page_end`` of the citations frame, where ``Ibid.`` is
   already resolved), and missing when either side has no pages.
7. **Context.** ``context`` is the source sentence or sentences that hold
   the match (sentences as :mod:`textmine.segment` splits them, inside the
   match's paragraph); for a joined quotation, those of its longest segment.

Limits, by design: one best match per segment (a quotation found twice in
the sources reports the candidate with the most seeds, then the cited page,
then the earliest); words are compared, not characters, so a change inside a
word is a changed word; *min_similarity* is a threshold, not a model.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ._frames import require_columns
from .errors import InputError

__all__ = [
    "align_quotations",
    "fidelity_counts",
    "AlignmentPlan",
    "count_seeds",
    "Fidelity",
    "SourceText",
    "read_sources",
    "page_markers",
    "fold",
    "FIDELITY_COLUMNS",
    "DIFFERENCE_COLUMNS",
    "MATCH_TYPES",
]

#: Values of the ``match`` column, from the most to the least faithful.
MATCH_TYPES = ("exact", "typography", "elided", "altered", "not_found")

#: Columns of :attr:`Fidelity.quotations`, in order.
FIDELITY_COLUMNS = [
    "doc_id", "quote_id", "group_id", "n_parts", "start", "end", "quoted", "kind", "speaker",
    "match", "similarity", "source_id", "source_start", "source_end",
    "n_segments", "n_elisions", "elided_words", "joined",
    "source_page_start", "source_page_end", "citation_id", "cited_page_start", "cited_page_end", "page_agrees",
    "context", "context_start", "context_end",
]

#: Columns of :attr:`Fidelity.differences`, in order.
DIFFERENCE_COLUMNS = [
    "doc_id", "quote_id", "diff_id", "op", "quoted", "source", "start", "end",
    "source_id", "source_start", "source_end", "n_quoted_words", "n_source_words",
]

#: Operations of the differences frame, from the quotation's point of view.
OPS = ("changed", "added", "omitted", "elided", "typography")

#: A word: letters and digits, with inner apostrophes and hyphens.
WORD = re.compile(r"[^\W_]+(?:['\u2019\u2010\u2011-][^\W_]+)*")

# an ellipsis, with the spaces around it; a fourth full stop is part of it
_ELLIPSIS = re.compile(r"\s*(?:\[\s*(?:\.\s?){3}\]|\[\s*\u2026\s*\]|(?:\.\s?){3}\.?|\u2026\.?)\s*")

_QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
})
_SPACES = re.compile(r"\s+")
_DASH_RUN = re.compile(r"-{2,}")
_PARA_BREAK = re.compile(r"\n[ \t]*\n")
_CONTINUATION = re.compile(r"\n[ \t]*[\u201c\u2018\u00ab\"'](?=\S)")

# page markers: a line holding only "page 438", "p. 438", "pg 438" or "- 438 -"; inline "[p. 438]"
_PAGE_LINE = re.compile(
    r"^[ \t]*(?:(?:page|pg\.?|p\.)[ \t]*(\d{1,6})|[-\u2013\u2014][ \t]*(\d{1,6})[ \t]*[-\u2013\u2014])[ \t]*$",
    re.I | re.M,
)
_PAGE_INLINE = re.compile(r"\[(?:page|pp?\.|pg\.?)\s*(\d{1,6})\]", re.I)

_HASH_BASE = np.uint64(0x100000001B3)


_WORD_FOLD = dict(_QUOTES)
_WORD_FOLD.update({ord(c): " " for c in "\u2012\u2013\u2014\u2015\u2212"})  # a dash between words splits them


def fold(text: str) -> str:
    """The form words are compared in: case folded, quotes and apostrophes made
    plain (``’`` → ``'``, ``“`` → ``"``), hyphens plain (``‐`` → ``-``), and
    dashes between words made spaces (``roads—and`` is two words). Every
    character stays one character, unless case folding lengthens it (``ß``)."""
    text = text.casefold()
    if text.isascii():  # quotes and dashes to fold are all non-ASCII
        return text
    for code, to in _WORD_FOLD.items():  # a few C-speed replaces beat translate() on long texts
        ch = chr(code)
        if ch in text:
            text = text.replace(ch, to)
    return text


def _typography(text: str) -> str:
    """Text up to typography: quotes and dashes plain (``--`` is a dash), white space single, first letter lower."""
    t = _SPACES.sub(" ", _DASH_RUN.sub("-", text.translate(_QUOTES))).strip()
    return t[:1].lower() + t[1:]


# ------------------------------------------------------------------ sources


@dataclass
class SourceText:
    """One source text, its page markers blanked for matching.

    Attributes
    ----------
    source_id : str
    text : str
        The text as read (offsets refer to it).
    page_offsets, pages : ndarray
        From :func:`page_markers`: the page of offset *i* is
        ``pages[searchsorted(page_offsets, i, "right") - 1]`` (``-1``: before
        the first marker, unknown).
    """

    source_id: str
    text: str
    path: str | None = None
    page_offsets: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    pages: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    masked: str = ""
    marker_spans: list[tuple[int, int]] = field(default_factory=list)

    def without_markers(self, s: int, e: int) -> str:
        """``text[s:e]`` with its page markers taken out: a marker and the white space around it
        become one space, or a paragraph break where the text has one on both sides."""
        out, pos = [], s
        for a, b in self.marker_spans:
            if b <= s or a >= e:
                continue
            a0, b0 = a, b
            while a0 > pos and self.text[a0 - 1].isspace():
                a0 -= 1
            while b0 < e and self.text[b0].isspace():
                b0 += 1
            out.append(self.text[pos:a0])
            before, after = self.text[a0:a], self.text[b:b0]
            if a0 > pos and b0 < e:
                out.append("\n\n" if "\n\n" in before.replace(" ", "") and "\n\n" in after.replace(" ", "") else " ")
            pos = b0
        out.append(self.text[pos:e])
        return "".join(out)

    def page_at(self, offset: int) -> int | None:
        if not len(self.page_offsets):
            return None
        k = int(np.searchsorted(self.page_offsets, offset, side="right")) - 1
        return None if k < 0 or self.pages[k] < 0 else int(self.pages[k])


def page_markers(text: str, *, first_page: int = 1) -> tuple[np.ndarray, np.ndarray, list[tuple[int, int]]]:
    """Page markers of *text*: where each page starts, its number, and the markers' spans.

    Form feeds start the next page (the text before the first one is page
    *first_page* when no numbered marker comes first); a line ``page 438`` / ``p. 438`` / ``— 438 —`` or an inline
    ``[p. 438]`` starts page 438. With explicit markers only, the text before
    the first marker has no known page.

    Returns
    -------
    offsets, pages : ndarray of int64
        Sorted start offsets of pages and their numbers (``-1`` = unknown).
    spans : list of (start, end)
        The markers' own characters (blanked before matching).
    """
    events: list[tuple[int, int, int | None, int]] = []  # (offset, end, page or None for +1, marker start)
    for m in re.finditer("\f", text):
        events.append((m.end(), m.end(), None, m.start()))
    for rx in (_PAGE_LINE, _PAGE_INLINE):
        for m in rx.finditer(text):
            num = next(g for g in m.groups() if g is not None)
            events.append((m.end(), m.end(), int(num), m.start()))
    if not events:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), []
    events.sort()
    # before the first marker: page *first_page* when that marker is a form feed, else unknown
    offsets, pages = [0], [first_page if events[0][2] is None else -1]
    page = pages[0]
    spans = []
    for off, _end, num, ms in events:
        page = (page + 1 if page >= 0 else -1) if num is None else num
        offsets.append(off)
        pages.append(page)
        spans.append((ms, off))
    return np.asarray(offsets, dtype=np.int64), np.asarray(pages, dtype=np.int64), spans


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    parts, pos = [], 0
    for s, e in spans:
        parts.append(text[pos:s])
        parts.append(" " * (e - s))
        pos = e
    parts.append(text[pos:])
    return "".join(parts)


def _source(source_id: str, text: str, path: str | None, first_page: int) -> SourceText:
    offsets, pages, spans = page_markers(text, first_page=first_page)
    return SourceText(source_id, text, path, offsets, pages, _blank(text, spans), spans)


def read_sources(sources: Any, *, pattern: str = "*.txt", encoding: str | None = None, first_page: int = 1) -> list[SourceText]:
    """Source texts from a folder, paths, a Corpus, Documents or a mapping name → text.

    Files are read and normalized as :func:`textmine.load` reads them (no
    frames are built); ids are file names without suffix or the mapping's keys.
    """
    from .document import Corpus, Document
    from .reading import read_text

    func = "textmine.align_quotations"
    if isinstance(sources, (str, os.PathLike)):
        p = Path(sources)
        if p.is_dir():
            paths = sorted(q for q in p.glob(pattern) if q.is_file())
            if not paths:
                raise InputError(f"{func}: no files matching {pattern!r} in {str(p)!r}.")
        elif p.is_file():
            paths = [p]
        else:
            raise FileNotFoundError(f"{func}: no such file or folder: {str(p)!r}")
        return [_source(q.stem, read_text(q, encoding=encoding, func=func)[0], str(q), first_page) for q in paths]
    if isinstance(sources, Document):
        sources = [sources]
    if isinstance(sources, Corpus):
        sources = list(sources)
    if isinstance(sources, Mapping):
        out = []
        for k, v in sources.items():
            if not isinstance(v, str):
                raise TypeError(f"{func}: sources mapping values must be texts (str), got {type(v).__name__} for {k!r}.")
            out.append(_source(str(k), v, None, first_page))
        return out
    if isinstance(sources, Iterable):
        out = []
        for s in sources:
            if isinstance(s, Document):
                out.append(_source(s.doc_id, s.text, s.source, first_page))
            elif isinstance(s, (str, os.PathLike)) and Path(s).is_file():
                q = Path(s)
                out.append(_source(q.stem, read_text(q, encoding=encoding, func=func)[0], str(q), first_page))
            else:
                raise TypeError(f"{func}: each source must be a Document or a file path, got {s!r:.60}.")
        if not out:
            raise InputError(f"{func}: no sources given.")
        return out
    raise TypeError(f"{func}: sources must be a folder, paths, a Corpus, Documents or a mapping name → text; got {type(sources).__name__}.")


# ------------------------------------------------------------------ words and shingles


def _scan_text(text: str) -> tuple[str, bool]:
    """The text words are read from, with every offset kept, and whether it is fully folded.

    Folded (:func:`fold`) when folding keeps the length; otherwise (case
    folding lengthens a few letters, ``ß`` → ``ss``) only the quotes and
    dashes are folded there, and each word is case-folded on its own.
    """
    folded = fold(text)
    if len(folded) == len(text):
        return folded, True
    return text.translate(_WORD_FOLD), False


def _words(text: str, start: int = 0, end: int | None = None) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Folded words of ``text[start:end]`` with their offsets into *text* (read as sources are read)."""
    end = len(text) if end is None else end
    scan, folded = _scan_text(text[start:end])
    _, s, e = _word_table(scan)
    words = [scan[a:b] for a, b in zip(s.tolist(), e.tolist())]
    return (words if folded else [w.casefold() for w in words]), s + start, e + start


def _word_hashes(words: list[str]) -> np.ndarray:
    """The :func:`_word_table` hash of each (folded) word."""
    if not words:
        return np.zeros(0, dtype=np.uint64)
    return _word_table(" ".join(words))[0]


def _shingles(h: np.ndarray, k: int) -> np.ndarray:
    """Hash of every run of *k* consecutive words (``len(h) - k + 1`` values)."""
    n = len(h) - k + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    out = h[:n].copy()
    with np.errstate(over="ignore"):
        for j in range(1, k):
            out = out * _HASH_BASE + h[j:j + n]
    return out


@dataclass
class _Segment:
    qrow: int  # the quotation row (group) it belongs to
    part: int  # the part of the group
    start: int  # offsets in the Document's text, first word to last word
    end: int
    words: list[str]
    offsets: tuple[np.ndarray, np.ndarray]
    lead_ellipsis: bool = False  # an ellipsis before its first word (only for a part's first segment)
    trail_ellipsis: bool = False
    seeded: bool = True  # it has shingles of its own in the query


@dataclass
class _Found:
    source: int
    src_lo: int  # word index range in the source, half-open
    src_hi: int
    similarity: float
    matched: int
    opcodes: list[tuple[str, int, int, int, int]]  # segment words against the source span's words
    src_offsets: tuple[np.ndarray, np.ndarray]  # of the span's words

    @property
    def s0(self) -> int:
        return int(self.src_offsets[0][0])

    @property
    def s1(self) -> int:
        return int(self.src_offsets[1][-1])


#: characters per chunk when a text's words are tabled (bounds the temporary arrays)
_CHUNK = 1 << 20
_WEIGHTS = np.random.default_rng(20261202).integers(1, 2**63, size=256, dtype=np.uint64) | np.uint64(1)
_JOINERS = np.array([ord("'"), ord("-")], dtype=np.uint32)


def _isalnum_table(cps: np.ndarray) -> np.ndarray:
    """``chr(c).isalnum()`` for every code point in *cps* (ASCII by table, others once per distinct value)."""
    out = np.zeros(len(cps), dtype=bool)
    ascii_ = cps < 128
    table = np.array([chr(i).isalnum() for i in range(128)], dtype=bool)
    out[ascii_] = table[cps[ascii_]]
    if not ascii_.all():
        other = ~ascii_
        uniq, inv = np.unique(cps[other], return_inverse=True)
        out[other] = np.array([chr(int(c)).isalnum() for c in uniq], dtype=bool)[inv]
    return out


def _word_table(scan: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Every :data:`WORD` of *scan* (an already folded text): hash, start, end.

    Vectorised over the code points, chunk by chunk: a word character is
    alphanumeric (``[^\W_]``); an apostrophe or hyphen joins two of them.
    The hash of a word is ``Σ cp[j] · W[j]`` over its characters, with a
    fixed random 64-bit weight per position (:data:`_WEIGHTS`), wrapping;
    equal words always hash equal, and the rare collision is only a wasted
    candidate (every candidate is aligned word by word).
    """
    hashes, starts, ends = [], [], []
    pos, n = 0, len(scan)
    while pos < n:
        end = min(pos + _CHUNK, n)
        if end < n:  # cut at white space so that no word is split
            m = re.compile(r"\s").search(scan, end)
            end = m.start() if m else n
        cps = np.frombuffer(scan[pos:end].encode("utf-32-le"), dtype=np.uint32)
        is_w = _isalnum_table(cps)
        prev_w = np.concatenate(([False], is_w[:-1]))
        next_w = np.concatenate((is_w[1:], [False]))
        in_w = is_w | (np.isin(cps, _JOINERS) & prev_w & next_w)
        prev_in = np.concatenate(([False], in_w[:-1]))
        next_in = np.concatenate((in_w[1:], [False]))
        s = np.flatnonzero(in_w & ~prev_in)
        e = np.flatnonzero(in_w & ~next_in) + 1
        if len(s):
            idx = np.flatnonzero(in_w)
            # each word character's position inside its word
            first = np.zeros(len(cps), dtype=np.int64)
            first[s] = s
            first = np.maximum.accumulate(first)
            rel = np.minimum(idx - first[idx], len(_WEIGHTS) - 1)
            with np.errstate(over="ignore"):
                contrib = cps[idx].astype(np.uint64) * _WEIGHTS[rel]
            # words are runs of idx: reduce at each word's first character
            word_first = np.searchsorted(idx, s)
            hashes.append(np.add.reduceat(contrib, word_first))
            starts.append(s + pos)
            ends.append(e + pos)
        pos = end
    if not hashes:
        z = np.zeros(0, dtype=np.int64)
        return z.astype(np.uint64), z, z
    return np.concatenate(hashes), np.concatenate(starts).astype(np.int64), np.concatenate(ends).astype(np.int64)


class _Words:
    """A source's words: hash, start and end of each (:func:`_word_table` over the folded text)."""

    def __init__(self, text: str):
        self.text = text
        # words are read from the folded text (casefold can lengthen a few letters, ß → ss: then from the text)
        self.scan, self.same_length = _scan_text(text)
        self.hashes, self.starts, self.ends = _word_table(self.scan)
        if not self.same_length:  # rare: hash the case-folded words one by one
            self.hashes = _word_hashes(self.folded(0, len(self.hashes))[0])

    def __len__(self) -> int:
        return len(self.hashes)

    def folded(self, lo: int, hi: int) -> tuple[list[str], np.ndarray, np.ndarray]:
        """Words ``lo:hi`` folded, with their offsets."""
        lo, hi = max(lo, 0), min(hi, len(self))
        s, e = self.starts[lo:hi], self.ends[lo:hi]
        words = [self.scan[a:b] for a, b in zip(s.tolist(), e.tolist())]
        return (words if self.same_length else [w.casefold() for w in words]), s, e

    def count_between(self, a: int, b: int) -> int:
        """Words that start in ``[a, b)``."""
        return int(np.searchsorted(self.starts, b) - np.searchsorted(self.starts, a))


# ------------------------------------------------------------------ quotations → segments


def _segments_of(text: str, start: int, qrow: int, part: int) -> tuple[list[_Segment], int]:
    """Cut one part's words (``text``, found at *start* in the Document) at its ellipses.

    Returns the segments and the number of ellipses.
    """
    ms = list(_ELLIPSIS.finditer(text))
    bounds, pos = [], 0
    for m in ms:
        bounds.append((pos, m.start()))
        pos = m.end()
    bounds.append((pos, len(text)))
    out: list[_Segment] = []
    for a, b in bounds:
        words, s, e = _words(text, a, b)
        if words:
            out.append(_Segment(qrow, part, start + int(s[0]), start + int(e[-1]), words, (s + start, e + start)))
    if out and ms:
        out[0].lead_ellipsis = WORD.search(text, 0, ms[0].start()) is None
        out[-1].trail_ellipsis = WORD.search(text, ms[-1].end()) is None
    return out, len(ms)


def _quotation_rows(quotations: pd.DataFrame, *, by: str, kinds: tuple[str, ...] | None) -> tuple[pd.DataFrame, list[list[int]]]:
    """One row per quotation or group, with the positions of its parts in the (filtered) frame."""
    q = quotations.reset_index(drop=True)
    if kinds is not None:
        q = q[q["kind"].astype("str").isin(kinds)].reset_index(drop=True)
    key = (q["group_id"] if by == "group" else q["quote_id"]).to_numpy()
    parts = [sorted(ix.tolist()) for ix in q.groupby(key, sort=True).indices.values()]
    parts.sort(key=lambda ix: int(q["start"].iat[ix[0]]))
    return q, parts


# ------------------------------------------------------------------ candidate search


class _Query:
    """The query table: for each shingle length, sorted hashes with (segment, position).

    A segment of at least *k* words contributes its *k*-word shingles. A
    shorter one is seeded by its own words (one shingle of its length) only
    when its quotation has no segment of *k* words; otherwise it is aligned
    next to its neighbours once they are found.
    """

    def __init__(self, segments: list[_Segment], k: int):
        longest: dict[int, int] = {}
        for seg in segments:
            longest[seg.qrow] = max(longest.get(seg.qrow, 0), len(seg.words))
        keys: dict[int, list] = {}
        for si, seg in enumerate(segments):
            if len(seg.words) < k and longest[seg.qrow] >= k:
                seg.seeded = False
                continue
            n = min(k, len(seg.words))
            hs = _shingles(_word_hashes(seg.words), n)
            keys.setdefault(n, []).append((hs, np.full(len(hs), si, dtype=np.int64), np.arange(len(hs), dtype=np.int64)))
        self.by_len: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        for n, rows in keys.items():
            hs = np.concatenate([r[0] for r in rows])
            order = np.argsort(hs, kind="stable")
            self.by_len[n] = (hs[order], np.concatenate([r[1] for r in rows])[order], np.concatenate([r[2] for r in rows])[order])


def _scan(hashes: np.ndarray, query: _Query) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Seeds of the query in one source: arrays (segment, segment position, source position)."""
    out = []
    for n, (qh, qs, qp) in query.by_len.items():
        sh = _shingles(hashes, n)
        if not len(sh) or not len(qh):
            continue
        lo = np.searchsorted(qh, sh, side="left")
        hi = np.searchsorted(qh, sh, side="right")
        hit = np.flatnonzero(hi > lo)
        if not len(hit):
            continue
        counts = (hi - lo)[hit]
        src_pos = np.repeat(hit, counts)
        # positions lo..hi-1 of every hit, without a Python loop
        idx = np.repeat(lo[hit] - np.cumsum(counts) + counts, counts) + np.arange(int(counts.sum()))
        out.append((qs[idx], qp[idx], src_pos))
    return out


@dataclass
class _Candidate:
    source: int
    lo: int  # source word range the seeds imply for the whole segment
    hi: int
    seeds: int


def _candidates(seeds: dict[int, list], segments: list[_Segment], band: int, cap: int) -> list[list[_Candidate]]:
    """Cluster seeds by source and diagonal; each segment's candidates, best first (at most *cap*)."""
    cands: list[list[_Candidate]] = [[] for _ in segments]
    for src, parts in seeds.items():
        seg = np.concatenate([p[0] for p in parts])
        qpos = np.concatenate([p[1] for p in parts])
        spos = np.concatenate([p[2] for p in parts])
        diag = spos - qpos
        order = np.lexsort((diag, seg))
        seg, diag = seg[order], diag[order]
        brk = np.ones(len(seg), dtype=bool)
        brk[1:] = (seg[1:] != seg[:-1]) | (diag[1:] - diag[:-1] > band)
        starts = np.flatnonzero(brk)
        ends = np.append(starts[1:], len(seg))
        for a, b in zip(starts.tolist(), ends.tolist()):
            si = int(seg[a])
            lo = int(diag[a:b].min())
            cands[si].append(_Candidate(src, max(lo, 0), int(diag[a:b].max()) + len(segments[si].words), b - a))
    for i, c in enumerate(cands):
        c.sort(key=lambda x: (-x.seeds, x.source, x.lo))
        cands[i] = c[:cap]
    return cands


# ------------------------------------------------------------------ alignment


def _align(seg: _Segment, words: _Words, source: int, lo: int, hi: int) -> _Found:
    """Align *seg* with the source words ``lo:hi``; the span from the first to the last matching word."""
    lo, hi = max(lo, 0), min(hi, len(words))
    window, ws, we = words.folded(lo, hi)
    blocks = [b for b in difflib.SequenceMatcher(None, seg.words, window, autojunk=False).get_matching_blocks() if b.size]
    if not blocks:
        return _Found(source, lo, lo, 0.0, 0, [], (ws[:0], we[:0]))
    a0, a1 = blocks[0].b, blocks[-1].b + blocks[-1].size
    span = window[a0:a1]
    sm = difflib.SequenceMatcher(None, seg.words, span, autojunk=False)
    matched = sum(b.size for b in sm.get_matching_blocks())
    sim = 2.0 * matched / (len(seg.words) + len(span))
    return _Found(source, lo + a0, lo + a1, sim, matched, sm.get_opcodes(), (ws[a0:a1], we[a0:a1]))


def _page_ok(src: SourceText, f: _Found, pages: tuple[int, int] | None) -> int:
    if pages is None or f.src_hi <= f.src_lo:
        return 0
    p = src.page_at(f.s0)
    return int(p is not None and pages[0] <= p <= pages[1])


def _best(seg: _Segment, cands: list[_Candidate], srcs: list[SourceText], words: list[_Words], *,
          margin: int, near: _Found | None, pages: tuple[int, int] | None) -> _Found | None:
    """The best alignment among *seg*'s candidates: similarity, then near the anchor, the cited page, earliest."""
    best, best_key = None, None
    for c in cands:
        f = _align(seg, words[c.source], c.source, c.lo - margin, c.hi + margin)
        is_near = int(near is not None and f.source == near.source and abs(f.src_lo - near.src_lo) <= 4 * margin)
        key = (round(f.similarity, 6), is_near, _page_ok(srcs[c.source], f, pages), -f.source, -f.src_lo)
        if best_key is None or key > best_key:
            best, best_key = f, key
    return best


# ------------------------------------------------------------------ the result


@dataclass
class Fidelity:
    """The result of :func:`align_quotations`.

    Attributes
    ----------
    quotations : DataFrame
        One row per quotation (or group); columns :data:`FIDELITY_COLUMNS`.
    differences : DataFrame
        One row per difference; columns :data:`DIFFERENCE_COLUMNS`.
    sources : DataFrame
        One row per source: ``source_id, path, n_chars, n_words, first_page, last_page``.
    """

    quotations: pd.DataFrame
    differences: pd.DataFrame
    sources: pd.DataFrame

    def __repr__(self) -> str:
        counts = self.quotations["match"].value_counts().reindex(MATCH_TYPES, fill_value=0)
        shown = ", ".join(f"{k} {v}" for k, v in counts.items() if v)
        return f"<textmine.Fidelity: {len(self.quotations)} quotations against {len(self.sources)} sources ({shown})>"


def _sentence_context(src: SourceText, s: int, e: int, limit: int = 4000) -> tuple[int, int]:
    """The sentences of the source paragraph around ``[s, e)`` that hold it."""
    from . import segment

    text = src.masked
    a = text.rfind("\n\n", max(0, s - limit), s)
    a = max(0, s - limit) if a < 0 else a + 2
    b = text.find("\n\n", e, min(len(text), e + limit))
    b = min(len(text), e + limit) if b < 0 else b
    paras = segment.paragraph_spans(text[:b], a)
    if not paras:
        return s, e
    sents = segment.sentence_spans(text[:b], paras)
    hold = [(x, y) for x, y, _ in sents if x < e and y > s]
    if not hold:
        return s, e
    return hold[0][0], hold[-1][1]


def align_quotations(
    doc,
    sources: Any,
    *,
    by: str = "group",
    kinds: Iterable[str] | None = ("quotation",),
    k: int = 4,
    min_similarity: float = 0.6,
    margin: int = 40,
    max_gap: int = 50,
    max_candidates: int = 8,
    first_page: int = 1,
    pattern: str = "*.txt",
    encoding: str | None = None,
) -> Fidelity:
    """Find each quotation of *doc* in *sources* and say how faithful it is.

    Parameters
    ----------
    doc : Document
        Its ``quotations`` (and ``citations``, for pages) frames are used.
    sources : folder, paths, Corpus, Document(s) or mapping name → text
        The texts quoted (see :func:`read_sources`). Page markers in them are
        read by :func:`page_markers`.
    by : {"group", "quotation"}
        One row per quotation group (a quotation broken by a speech tag is one
        row, its parts aligned as consecutive segments) or per quotation.
    kinds : iterable of str or None
        Quotation kinds to align (default source quotations only; ``None``:
        all, scare quotes and titles too).
    k : int
        Shingle length in words for the candidate search.
    min_similarity : float
        A segment counts as found at this similarity or above.
    margin : int
        Words added on each side of a candidate before alignment.
    max_gap : int
        A segment found more than this many words after the previous one, in
        another paragraph of the source, before it, or in another source,
        comes from another passage: the row is ``joined``.
    max_candidates : int
        Candidates aligned per segment (the best seeded).
    first_page : int
        Page number of the text before a source's first form feed.

    Returns
    -------
    Fidelity
        ``quotations`` (one row per quotation or group, :data:`FIDELITY_COLUMNS`),
        ``differences`` (:data:`DIFFERENCE_COLUMNS`) and ``sources``.

        - ``match``: see the module docs; ``similarity`` is ``2 M / (n_q + n_s)``
          over the found segments' words (0 when not found);
        - ``source_id``, ``source_start``, ``source_end``: the source and the
          span from the first to the last quoted word found there (offsets
          into the source text as read);
        - ``n_segments``, ``n_elisions`` (ellipses), ``elided_words`` (source
          words the ellipses stand for: between segments, and to the sentence
          boundary for an ellipsis at either end), ``joined``;
        - ``source_page_start``/``source_page_end``, ``cited_page_start``/
          ``cited_page_end``, ``page_agrees`` (boolean, missing when unknown);
        - ``context`` with ``context_start``/``context_end``: the source
          sentences holding the match.

        ``differences`` has one row per change, from the quotation's side:
        ``changed`` (quoted words stand for other source words), ``added``
        (quoted words not in the source), ``omitted`` (source words left out
        without an ellipsis), ``elided`` (source words an ellipsis stands for),
        ``typography`` (the same words, other quotes, dashes, spacing or first
        letter case); ``start``/``end`` are offsets in ``doc.text`` and
        ``source_start``/``source_end`` in the source.

    Examples
    --------
    >>> fid = tm.align_quotations(doc, "sources/")               # doctest: +SKIP
    >>> fid.quotations[["quote_id", "match", "similarity", "page_agrees"]]  # doctest: +SKIP
    >>> fid.differences.query("quote_id == 12")                  # doctest: +SKIP
    """
    func = "textmine.align_quotations"
    from .document import Document

    if not isinstance(doc, Document):
        raise TypeError(f"{func}: doc must be a textmine Document (tm.load(path)), got {type(doc).__name__}.")
    if by not in ("group", "quotation"):
        raise ValueError(f"{func}: by must be 'group' or 'quotation', got {by!r}.")
    for name, value, low in (("k", k, 1), ("margin", margin, 1), ("max_gap", max_gap, 0), ("max_candidates", max_candidates, 1)):
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise ValueError(f"{func}: {name} must be an int of at least {low}, got {value!r}.")
    if not 0 < min_similarity <= 1:
        raise ValueError(f"{func}: min_similarity must be in (0, 1], got {min_similarity!r}.")
    plan = AlignmentPlan(doc, by=by, kinds=kinds, k=k)
    srcs = read_sources(sources, pattern=pattern, encoding=encoding, first_page=first_page)
    return plan.judge(srcs, margin=margin, max_gap=max_gap, min_similarity=min_similarity, max_candidates=max_candidates)


class AlignmentPlan:
    """The quotations of a Document cut into segments, and their query table.

    The building block of :func:`align_quotations` and of its Dask path
    (:func:`textmine.dask.align_quotations`): :func:`count_seeds` scans one
    source file for the plan's ``query`` (the costly part, run in parallel),
    :meth:`judge` aligns and judges the quotations against the sources.
    """

    def __init__(self, doc, *, by: str = "group", kinds: Iterable[str] | None = ("quotation",), k: int = 4):
        quotations = doc.quotations
        require_columns(quotations, ["quote_id", "group_id", "start", "end", "text", "kind", "citation_id"],
                        func="textmine.align_quotations", arg="doc.quotations")
        self.doc = doc
        self.q, self.groups = _quotation_rows(quotations, by=by, kinds=None if kinds is None else tuple(kinds))
        self.segments: list[_Segment] = []
        self.n_ellipses: list[int] = []
        for r, ix in enumerate(self.groups):
            n = 0
            for pi, i in enumerate(ix):
                segs, e = _segments_of(str(self.q["text"].iat[i]), int(self.q["start"].iat[i]) + 1, r, pi)
                self.segments.extend(segs)
                n += e
            self.n_ellipses.append(n)
        self.query = _Query(self.segments, k)


    def judge(self, srcs: list[SourceText], *, margin: int = 40, max_gap: int = 50,
              min_similarity: float = 0.6, max_candidates: int = 8) -> "Fidelity":
        """Scan *srcs*, align every segment with its best candidates, and judge each quotation."""
        words = [_Words(src.masked) for src in srcs]
        seeds = {i: found for i, w in enumerate(words) if (found := _scan(w.hashes, self.query))}
        cands = _candidates(seeds, self.segments, band=margin, cap=max_candidates)
        by_row: dict[int, list[int]] = {}
        for si, seg in enumerate(self.segments):
            by_row.setdefault(seg.qrow, []).append(si)
        cit = _citation_pages(self.doc.citations)
        judge = _Judge(self.doc, srcs, words, margin=margin, max_gap=max_gap, min_similarity=min_similarity)
        rows, diffs = [], []
        for r, ix in enumerate(self.groups):
            members = by_row.get(r, [])
            row, d = judge(self.q, ix, [self.segments[i] for i in members], [cands[i] for i in members],
                           self.n_ellipses[r], cit)
            rows.append(row)
            diffs.extend(d)
        return Fidelity(_quotation_frame(self.doc, rows), _difference_frame(self.doc, diffs), _source_frame(srcs, words))


def count_seeds(path: str | os.PathLike, query: "_Query", *, encoding: str | None = None, first_page: int = 1) -> int:
    """How many seeds of *query* (:attr:`AlignmentPlan.query`) the source file *path* holds."""
    src = read_sources([path], encoding=encoding, first_page=first_page)[0]
    return int(sum(len(f[0]) for f in _scan(_Words(src.masked).hashes, query)))


def _citation_pages(citations: pd.DataFrame) -> dict[int, tuple[int | None, int | None]]:
    """citation_id → (page_start, page_end) of a citations frame (``Ibid.`` rows carry their own pages)."""
    out: dict[int, tuple[int | None, int | None]] = {}
    if not len(citations) or "page_start" not in citations.columns:
        return out
    for c, ps, pe in zip(citations["citation_id"].tolist(), citations["page_start"].tolist(), citations["page_end"].tolist()):
        ps = None if ps is None or pd.isna(ps) else int(ps)
        pe = None if pe is None or pd.isna(pe) else int(pe)
        out[int(c)] = (ps, pe if pe is not None else ps)
    return out


def _cited(q: pd.DataFrame, ix: list[int], cit: dict) -> tuple[int | None, tuple | None]:
    """The citation of a quotation (its last part with one) and its pages."""
    for i in reversed(ix):
        c = q["citation_id"].iat[i]
        if not pd.isna(c) and int(c) in cit:
            return int(c), cit[int(c)]
    return None, None


def _match_type(kinds_seg: list[str], elided: int, joined: bool, n_ellipses: int) -> str:
    """The quotation's match type from its segments' (see the module docs)."""
    if any(k in ("altered", "missing") for k in kinds_seg):
        return "altered"
    if elided or joined:
        return "elided"
    if n_ellipses:  # ellipses that stand for no source words are typography
        return "typography"
    return "exact" if all(k == "exact" for k in kinds_seg) else "typography"


class _Judge:
    """Align one quotation's segments and judge the result (one row and its differences)."""

    def __init__(self, doc, srcs: list[SourceText], words: list[_Words], *, margin: int, max_gap: int, min_similarity: float):
        self.doc, self.srcs, self.words = doc, srcs, words
        self.margin, self.max_gap, self.min_similarity = margin, max_gap, min_similarity

    def __call__(self, q, ix, segs, cands, n_ellipses, cit):
        citation_id, pages = _cited(q, ix, cit)
        base = self._base(q, ix, segs, n_ellipses, citation_id, pages)
        prefer = pages if pages is not None and pages[0] is not None else None
        founds = self._find(segs, cands, prefer)
        ok = [f for f in founds if f is not None]
        if not ok:
            return base, [dict(d, quote_id=base["quote_id"]) for d in self._missing(segs)]
        diffs, kinds_seg = [], []
        for seg, f in zip(segs, founds):
            kind, d = self._compare(seg, f)
            kinds_seg.append(kind)
            diffs.extend(d)
        elided, joined, d = self._elisions(segs, founds)
        diffs.extend(d)
        n_q = sum(len(s.words) for s in segs)
        n_s = sum(f.src_hi - f.src_lo for f in ok)
        row = {**base, "match": _match_type(kinds_seg, elided, joined, n_ellipses),
               "similarity": 2.0 * sum(f.matched for f in ok) / (n_q + n_s),
               "elided_words": elided, "joined": joined, **self._where(ok, joined, prefer)}
        return row, [dict(d, quote_id=base["quote_id"]) for d in diffs]

    @staticmethod
    def _base(q, ix, segs, n_ellipses, citation_id, pages) -> dict:
        """The row's fields known before alignment (a ``not_found`` row as it stands)."""
        first, last = ix[0], ix[-1]
        return {
            "quote_id": int(q["quote_id"].iat[first]), "group_id": int(q["group_id"].iat[first]), "n_parts": len(ix),
            "start": int(q["start"].iat[first]), "end": int(q["end"].iat[last]),
            "quoted": " \u2026 ".join(str(q["text"].iat[i]) for i in ix),
            "kind": str(q["kind"].iat[first]), "speaker": q["speaker"].iat[first] if "speaker" in q.columns else None,
            "citation_id": citation_id,
            "cited_page_start": None if pages is None else pages[0], "cited_page_end": None if pages is None else pages[1],
            "n_segments": len(segs), "n_elisions": n_ellipses, "elided_words": 0, "joined": False,
            "match": "not_found", "similarity": 0.0,
        }

    def _where(self, ok: list[_Found], joined: bool, prefer) -> dict:
        """Source, span, pages and context of the found segments (in the source of the longest)."""
        anchor = max(ok, key=lambda f: f.src_hi - f.src_lo)
        src = self.srcs[anchor.source]
        same = [f for f in ok if f.source == anchor.source]
        s0, s1 = min(f.s0 for f in same), max(f.s1 for f in same)
        cs, ce = _sentence_context(src, *((anchor.s0, anchor.s1) if joined else (s0, s1)))
        ps, pe = src.page_at(s0), src.page_at(max(s1 - 1, s0))
        agrees = None
        if ps is not None and prefer is not None:
            agrees = bool(ps <= prefer[1] and (pe if pe is not None else ps) >= prefer[0])
        return {"source_id": src.source_id, "source_start": s0, "source_end": s1,
                "source_page_start": ps, "source_page_end": pe, "page_agrees": agrees,
                "context": src.text[cs:ce], "context_start": cs, "context_end": ce}

    def _find(self, segs, cands, pages) -> list[_Found | None]:
        """Seeded segments first (longest first, each near the first found), then the others between their neighbours."""
        founds: list[_Found | None] = [None] * len(segs)
        anchor = None
        for i in sorted((i for i, s in enumerate(segs) if s.seeded), key=lambda i: (-len(segs[i].words), i)):
            f = _best(segs[i], cands[i], self.srcs, self.words, margin=self.margin, near=anchor, pages=pages)
            if f is not None and f.similarity >= self.min_similarity:
                founds[i] = f
                anchor = anchor or f
        for i, seg in enumerate(segs):
            if seg.seeded or founds[i] is not None:
                continue
            before = next((founds[j] for j in range(i - 1, -1, -1) if founds[j] is not None), None)
            after = next((founds[j] for j in range(i + 1, len(segs)) if founds[j] is not None), None)
            ref = before or after
            if ref is None:
                continue
            if before is not None:
                lo, hi = before.src_hi, before.src_hi + self.max_gap + len(seg.words)
            else:
                lo, hi = after.src_lo - self.max_gap - len(seg.words), after.src_lo
            f = _align(seg, self.words[ref.source], ref.source, lo, hi)
            if f.similarity >= self.min_similarity:
                founds[i] = f
        return founds

    def _missing(self, segs) -> list[dict]:
        return [_diff("added", self.doc.text[s.start:s.end], "", s.start, s.end, None, None, None, len(s.words), 0) for s in segs]

    def _compare(self, seg: _Segment, f: _Found | None) -> tuple[str, list[dict]]:
        """``exact``, ``typography``, ``altered`` or ``missing`` for one segment, with its differences."""
        if f is None:
            return "missing", self._missing([seg])
        src = self.srcs[f.source]
        # a multi-paragraph quotation's continuation marks and a source's page markers are layout, not words
        qtext = _CONTINUATION.sub("\n", self.doc.text[seg.start:seg.end])
        stext = src.without_markers(f.s0, f.s1)
        if all(op[0] == "equal" for op in f.opcodes):
            if qtext == stext:
                return "exact", []
            changed = _word_diffs(self.doc, seg, f, src)
            if not changed:  # the same words: quotes, dashes, spacing, punctuation or the first letter's case differ
                return "typography", [_diff("typography", self.doc.text[seg.start:seg.end], src.text[f.s0:f.s1],
                                            seg.start, seg.end, src.source_id, f.s0, f.s1, len(seg.words), f.src_hi - f.src_lo)]
            return "altered", changed
        return "altered", _word_diffs(self.doc, seg, f, src)

    def _elisions(self, segs, founds) -> tuple[int, bool, list[dict]]:
        """Source words the ellipses stand for; whether a segment comes from another passage."""
        elided, joined, diffs = 0, False, []
        prev, prev_seg = None, None
        for seg, f in zip(segs, founds):
            if f is None:
                continue
            src, w = self.srcs[f.source], self.words[f.source]
            if seg.lead_ellipsis:
                cs, _ = _sentence_context(src, f.s0, f.s1)
                n = w.count_between(cs, f.s0)
                elided += n
                diffs.append(_diff("elided", "", src.text[cs:f.s0].strip(), seg.start, seg.start, src.source_id, cs, f.s0, 0, n))
            if prev is not None:
                # a paragraph break of the source between them joins passages unless the quotation breaks there too
                new_para = (f.source == prev.source and _PARA_BREAK.search(src.masked, prev.s1, f.s0) is not None
                            and _PARA_BREAK.search(self.doc.text, prev_seg.end, seg.start) is None)
                if f.source != prev.source or f.src_lo < prev.src_hi or f.src_lo - prev.src_hi > self.max_gap or new_para:
                    joined = True
                elif seg.part == prev_seg.part:  # an ellipsis between them
                    n = f.src_lo - prev.src_hi
                    elided += n
                    diffs.append(_diff("elided", self.doc.text[prev_seg.end:seg.start].strip(), src.text[prev.s1:f.s0].strip(),
                                       prev_seg.end, seg.start, src.source_id, prev.s1, f.s0, 0, n))
            if seg.trail_ellipsis:
                _, ce = _sentence_context(src, f.s0, f.s1)
                n = w.count_between(f.s1, ce)
                elided += n
                diffs.append(_diff("elided", "", src.text[f.s1:ce].strip(), seg.end, seg.end, src.source_id, f.s1, ce, 0, n))
            prev, prev_seg = f, seg
        return elided, joined, diffs


def _same_word(quoted: str, source: str, *, first: bool) -> bool:
    """Equal up to quotes and dashes (and the case of its first letter for a segment's first word)."""
    a, b = quoted.translate(_QUOTES), source.translate(_QUOTES)
    if first:
        a, b = a[:1].lower() + a[1:], b[:1].lower() + b[1:]
    return a == b


def _diff(op, quoted, source, start, end, source_id, s0, s1, nq, ns) -> dict:
    return {"op": op, "quoted": quoted, "source": source, "start": start, "end": end, "source_id": source_id,
            "source_start": s0, "source_end": s1, "n_quoted_words": nq, "n_source_words": ns}


def _word_diffs(doc, seg: _Segment, f: _Found, src: SourceText) -> list[dict]:
    """Word-level changes of one segment against its aligned source span."""
    out = []
    qs, qe = seg.offsets
    ss, se = f.src_offsets
    for op, i1, i2, j1, j2 in f.opcodes:
        if op == "equal":  # the same words once folded; a change of case inside the text still counts
            for i, j in zip(range(i1, i2), range(j1, j2)):
                a, b, c, d = int(qs[i]), int(qe[i]), int(ss[j]), int(se[j])
                if not _same_word(doc.text[a:b], src.text[c:d], first=i == 0):
                    out.append(_diff("changed", doc.text[a:b], src.text[c:d], a, b, src.source_id, c, d, 1, 1))
            continue
        name = {"replace": "changed", "delete": "added", "insert": "omitted"}[op]
        if i2 > i1:
            a, b = int(qs[i1]), int(qe[i2 - 1])
        else:  # nothing quoted here: the position before the next quoted word
            a = b = int(qs[i1]) if i1 < len(qs) else int(qe[-1])
        if j2 > j1:
            c, d = int(ss[j1]), int(se[j2 - 1])
        else:
            c = d = int(ss[j1]) if j1 < len(ss) else int(se[-1])
        out.append(_diff(name, doc.text[a:b], src.text[c:d], a, b, src.source_id, c, d, i2 - i1, j2 - j1))
    return out


def _quotation_frame(doc, rows: list[dict]) -> pd.DataFrame:
    from .spans import doc_id_column

    df = pd.DataFrame(rows, columns=[c for c in FIDELITY_COLUMNS if c != "doc_id"])
    out = pd.DataFrame({"doc_id": doc_id_column(doc.doc_id, len(df))})
    for c in df.columns:
        out[c] = df[c]
    for c in ("quote_id", "group_id", "start", "end"):
        out[c] = out[c].astype("int32")
    for c in ("n_parts", "n_segments", "n_elisions", "elided_words"):
        out[c] = out[c].fillna(0).astype("int64")
    for c in ("source_start", "source_end", "citation_id", "context_start", "context_end"):
        out[c] = pd.array(out[c].tolist(), dtype="Int32") if len(out) else pd.array([], dtype="Int32")
    for c in ("source_page_start", "source_page_end", "cited_page_start", "cited_page_end"):
        out[c] = pd.array(out[c].tolist(), dtype="Int64") if len(out) else pd.array([], dtype="Int64")
    out["page_agrees"] = pd.array(out["page_agrees"].tolist(), dtype="boolean") if len(out) else pd.array([], dtype="boolean")
    out["joined"] = out["joined"].fillna(False).astype(bool)
    out["similarity"] = out["similarity"].astype("float64")
    out["match"] = pd.Categorical(out["match"], categories=list(MATCH_TYPES))
    for c in ("quoted", "kind", "speaker", "source_id", "context"):
        out[c] = out[c].astype("str") if len(out) else pd.Series([], dtype="str")
    return out.reset_index(drop=True)


def _difference_frame(doc, rows: list[dict]) -> pd.DataFrame:
    from .spans import doc_id_column

    cols = [c for c in DIFFERENCE_COLUMNS if c not in ("doc_id", "quote_id", "diff_id")]
    df = pd.DataFrame(rows, columns=cols)
    out = pd.DataFrame({"doc_id": doc_id_column(doc.doc_id, len(df))})
    quote_of = [r.get("quote_id") for r in rows]
    out["quote_id"] = pd.Series(quote_of, dtype="int32") if rows else pd.Series([], dtype="int32")
    out["diff_id"] = np.arange(len(df), dtype=np.int32)
    for c in cols:
        out[c] = df[c]
    out["op"] = pd.Categorical(out["op"], categories=list(OPS))
    for c in ("start", "end"):
        out[c] = out[c].astype("int32")
    for c in ("source_start", "source_end"):
        out[c] = pd.array(out[c].tolist(), dtype="Int32") if len(out) else pd.array([], dtype="Int32")
    for c in ("n_quoted_words", "n_source_words"):
        out[c] = out[c].astype("int64")
    for c in ("quoted", "source", "source_id"):
        out[c] = out[c].astype("str") if len(out) else pd.Series([], dtype="str")
    return out.reset_index(drop=True)


def _source_frame(srcs: list[SourceText], words: list[_Words]) -> pd.DataFrame:
    rows = []
    for s, w in zip(srcs, words):
        known = s.pages[s.pages >= 0]
        rows.append({"source_id": s.source_id, "path": s.path, "n_chars": len(s.text), "n_words": len(w),
                     "first_page": int(known.min()) if len(known) else None,
                     "last_page": int(known.max()) if len(known) else None})
    out = pd.DataFrame(rows, columns=["source_id", "path", "n_chars", "n_words", "first_page", "last_page"])
    out["source_id"] = out["source_id"].astype("str")
    out["path"] = out["path"].astype("str")
    for c in ("n_chars", "n_words"):
        out[c] = out[c].astype("int64")
    for c in ("first_page", "last_page"):
        out[c] = pd.array(out[c].tolist(), dtype="Int64")
    return out


#: Columns of :func:`fidelity_counts`, after the *by* column.
COUNT_COLUMNS = ["match", "n_quotations", "n_words", "share", "n_group", "n_page_checked", "n_page_agrees"]


def fidelity_counts(data: pd.DataFrame, *, by: str = "period", quotations: pd.DataFrame | None = None) -> pd.DataFrame:
    """How faithfully each group quotes: quotations and quoted words per match type.

    Parameters
    ----------
    data : DataFrame
        :attr:`Fidelity.quotations`.
    by : str
        Grouping column: one of *data* (``speaker``, ``source_id``...) or of
        *quotations* (``period``), joined on ``quote_id``.
    quotations : DataFrame, optional
        ``doc.quotations`` (with ``period`` after :func:`textmine.assign_periods`),
        for a *by* column that *data* lacks.

    Returns
    -------
    DataFrame
        One row per group and match type (every type of :data:`MATCH_TYPES`,
        zeros kept), groups in their order (categories, or first appearance),
        types from the most to the least faithful: *by*, ``match``
        (categorical), ``n_quotations``, ``n_words`` (words of the quoted
        text), ``share = n_quotations / n_group``, ``n_group`` (the group's
        quotations), ``n_page_checked`` (quotations whose page could be
        checked: a cited page and a source page) and ``n_page_agrees``.
        A quotation without a *by* value is in the group ``(none)``.
    """
    func = "textmine.fidelity_counts"
    require_columns(data, ["quote_id", "match", "quoted", "page_agrees"], func=func, arg="data",
                    hint="pass align_quotations(doc, sources).quotations")
    d = data.copy()
    if by not in d.columns:
        if quotations is None:
            raise InputError(f"{func}: data has no column {by!r}; pass quotations=doc.quotations to take it from there.")
        require_columns(quotations, ["quote_id", by], func=func, arg="quotations")
        d = d.merge(quotations[["quote_id", by]], on="quote_id", how="left", validate="one_to_one")
    key = d[by]
    order = [str(c) for c in key.cat.categories] if isinstance(key.dtype, pd.CategoricalDtype) else []
    labels = key.astype("object").where(key.notna(), "(none)").astype(str)
    order = [g for g in order if g in set(labels)] + [g for g in pd.unique(labels) if g not in order]
    d = d.assign(**{by: labels, "_words": [len(WORD.findall(t)) if isinstance(t, str) else 0 for t in d["quoted"]]})
    agrees = d["page_agrees"].astype("boolean")
    rows = []
    for g in order:
        part = d[d[by] == g]
        a = agrees[part.index]
        for m in MATCH_TYPES:
            sel = part["match"].astype(str) == m
            rows.append((g, m, int(sel.sum()), int(part.loc[sel, "_words"].sum()), len(part),
                         int(a[sel].notna().sum()), int(a[sel].fillna(False).sum())))
    out = pd.DataFrame(rows, columns=[by, "match", "n_quotations", "n_words", "n_group", "n_page_checked", "n_page_agrees"])
    out[by] = pd.Categorical(out[by], categories=order)
    out["match"] = pd.Categorical(out["match"], categories=list(MATCH_TYPES), ordered=True)
    n_group = out["n_group"].to_numpy(dtype=np.float64)
    out["share"] = np.divide(out["n_quotations"].to_numpy(dtype=np.float64), n_group,
                             out=np.zeros(len(out), dtype=np.float64), where=n_group > 0)
    for c in ("n_quotations", "n_words", "n_group", "n_page_checked", "n_page_agrees"):
        out[c] = out[c].astype("int64")
    return out[[by, *COUNT_COLUMNS]].reset_index(drop=True)
