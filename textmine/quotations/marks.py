"""Reading the quote marks: which can open, which can close, which are apostrophes.

The first pass of the pipeline (see *Reading the marks* in
:mod:`textmine.quotations`). :func:`classify` reads one mark with its
neighbours; :func:`marks_in` reads the marks of a range; :class:`MarkIndex`
finds the quote characters of a text once, so that ranges without marks
cost nothing; :class:`Closers` chooses the closing mark of an open
quotation in amortized constant time (a text of nothing but ``"`` marks
would otherwise rescan every candidate for every quotation).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import numpy as np

from .styles import find_all

__all__ = ["Mark", "LETTER_OR_DIGIT", "classify", "marks_in", "MarkIndex", "regular", "Closers", "is_apostrophe_like"]

#: characters before a straight mark that let it open
_OPENS_AFTER = "([{\u2014\u2013-/\u201c\u2018\u00ab\"'"
#: characters after a straight mark that let it close
_CLOSES_BEFORE = ".,;:!?)]}\u2014\u2013-\u2026\u201d\u2019\u00bb\"'"
#: marks :func:`classify` reads with their neighbours
_CONTEXT_MARKS = "\u2019'\u2018"


@dataclass(slots=True)
class Mark:
    """One quote mark: where, whether it can open or close, and how it was read."""

    pos: int
    can_open: bool
    can_close: bool
    weak: int  # 0 strong, 1 weak (letter + mark + lower-case word), 2 weak after "s"
    role: str = ""


def is_apostrophe_like(ch: str) -> bool:
    """``’`` or ``'``: a mark that may also be an apostrophe."""
    return ch in "\u2019'"


def _is_apostrophe(ch: str, prev: str, nxt: str, at_start: bool) -> bool:
    """An apostrophe (``Lenin’s``) or an elision (``’90s``, also typed ``‘90s``)."""
    if not (is_apostrophe_like(ch) or ch == "\u2018"):
        return False
    return (prev.isalnum() and nxt.isalnum()) or ((prev.isspace() or at_start) and nxt.isdigit())


def _weakness(text: str, i: int, hi: int, ch: str, prev: str) -> int:
    """0, or 1/2 for a closing ``’``/``'`` after a letter and before a lower-case word (2 after ``s``)."""
    if not (is_apostrophe_like(ch) and prev.isalpha()):
        return 0
    j = i + 1
    while j < hi and text[j] in " \t":
        j += 1
    if j > i + 1 and j < hi and text[j].islower():
        return 2 if prev in "sS" else 1
    return 0


def classify(text: str, i: int, open_ch: str, close_ch: str, lo: int, hi: int) -> Mark | None:
    """How the mark at *i* reads within ``text[lo:hi]`` (None: an apostrophe, not a quote mark)."""
    ch = text[i]
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    weak = 0
    if ch in _CONTEXT_MARKS:  # ’ ' ‘ read with their neighbours
        if _is_apostrophe(ch, prev, nxt, i == lo):
            return None
        weak = _weakness(text, i, hi, ch, prev)
    if open_ch != close_ch:
        return Mark(i, True, False, 0) if ch == open_ch else Mark(i, False, True, weak)
    left = i == lo or prev.isspace() or prev in _OPENS_AFTER
    right = i + 1 >= hi or nxt.isspace() or nxt in _CLOSES_BEFORE
    can_open = left and not nxt.isspace()
    can_close = right and not prev.isspace() and i > lo
    if not can_open and not can_close:
        if prev.isalnum() and nxt.isalnum():
            return None
        can_open, can_close = not prev.isalnum(), prev.isalnum()
    return Mark(i, can_open, can_close, weak)


def regular(paras: list[tuple[int, int]], n: int) -> bool:
    """Paragraphs in order, not overlapping, within a text of length *n*."""
    prev = 0
    for a, b in paras:
        if not prev <= a <= b:
            return False
        prev = b
    return prev <= n


class MarkIndex:
    """Offsets of the quote characters of one text, found once per pair of marks.

    With *paras*, also whether the paragraphs are in order and within the
    text (``0 <= start <= end <= next start``, ``end <= len(text)``), as a
    Document's are: then a paragraph without marks can be skipped.
    """

    def __init__(self, text: str, paras: list[tuple[int, int]] | None = None):
        self.text = text
        self.positions: dict[str, list[int]] = {}
        self.wordless: dict[str, list[tuple[int, int]]] = {}
        self.starts: list[int] | None = None  # paragraph starts, to skip paragraphs without marks
        self.breaks: list[int] | None = None  # the same, for the runs of marks without words in one paragraph
        if paras is not None and regular(paras, len(text)):
            self.starts = self.breaks = [a for a, _ in paras]

    def all(self, open_ch: str, close_ch: str) -> list[int]:
        """Offsets of *open_ch* and *close_ch* in the text, sorted, but for those :meth:`set_aside`."""
        key = open_ch + close_ch
        pos = self.positions.get(key)
        if pos is None:
            found = find_all(self.text, open_ch)  # sorted; two distinct characters never share an offset
            if close_ch != open_ch:
                found = sorted(found + find_all(self.text, close_ch))
            keep, runs = wordless_inside(self.text, found, self.breaks) if self.breaks is not None else (found, [])
            self.wordless[key] = runs
            pos = self.positions[key] = keep
        return pos


    def set_aside(self, open_ch: str, close_ch: str) -> list[tuple[int, int]]:
        """``(offset of the first, how many)`` of each run of marks set aside by :func:`wordless_inside`."""
        self.all(open_ch, close_ch)
        return self.wordless[open_ch + close_ch]

    def between(self, lo: int, hi: int, open_ch: str, close_ch: str) -> list[int]:
        """Offsets of *open_ch* and *close_ch* in ``[lo, hi)`` (``0 <= lo``), sorted."""
        pos = self.all(open_ch, close_ch)
        return pos[bisect.bisect_left(pos, lo) : bisect.bisect_left(pos, hi)]

    def paragraphs_with(self, paras: list[tuple[int, int]], open_ch: str, close_ch: str) -> list[int]:
        """Indices of the paragraphs holding a mark, in order (regular paragraphs only)."""
        starts, out = self.starts, []
        for p in self.all(open_ch, close_ch):
            pi = bisect.bisect_right(starts, p) - 1
            if pi >= 0 and p < paras[pi][1] and (not out or out[-1] != pi):
                out.append(pi)
        return out


#: A letter or digit: what a quotation must enclose, and what a run of marks set aside has none of.
LETTER_OR_DIGIT = re.compile(r"[^\W_]")


def wordless_inside(text: str, pos: list[int], starts: list[int]) -> tuple[list[int], list[tuple[int, int]]]:
    """*pos* without the marks inside a run of marks with no letter or digit between any two (in one paragraph).

    In a run such as five straight double quotes in a row, or
    ``\" \" \" \"``, every mark but the first and the last is set aside: it
    is a stray, never read by the pairing (the first may still close a
    quotation and the last open one). No prose has such runs; a storm of
    marks then costs one check per gap, not a record per mark. *starts*: the
    paragraph starts (a gap across a paragraph break ends a run).

    Returns the marks kept and, for the runs set aside, ``(offset of the
    first mark set aside, how many)``.
    """
    if len(pos) < 3:
        return pos, []
    p = np.asarray(pos, dtype=np.int64)
    same_para = np.searchsorted(starts, p[:-1], side="right") == np.searchsorted(starts, p[1:], side="right")
    bare = same_para & (np.diff(p) == 1)  # adjacent marks: nothing between
    search = LETTER_OR_DIGIT.search
    for i in np.flatnonzero(same_para & ~bare).tolist():
        bare[i] = search(text, pos[i] + 1, pos[i + 1]) is None
    inside = np.flatnonzero(bare[:-1] & bare[1:]) + 1
    if not len(inside):
        return pos, []
    kept = np.ones(len(p), dtype=bool)
    kept[inside] = False
    first = np.flatnonzero(np.diff(inside, prepend=-2) != 1)  # where each run of set-aside marks begins
    sizes = np.diff(np.append(first, len(inside)))
    return p[kept].tolist(), list(zip(p[inside[first]].tolist(), sizes.tolist()))


_MARK_RX: dict[str, re.Pattern] = {}


def _classified(text: str, positions, open_ch: str, close_ch: str, lo: int, hi: int) -> list[Mark]:
    out = []
    for i in positions:
        m = classify(text, i, open_ch, close_ch, lo, hi)
        if m is not None:
            out.append(m)
    return out


def marks_in(text: str, lo: int, hi: int, open_ch: str, close_ch: str, index: MarkIndex | None = None) -> list[Mark]:
    """The marks *open_ch* and *close_ch* of ``text[lo:hi]``, read by :func:`classify`, in order."""
    if index is not None and lo >= 0 and hi >= 0:
        if open_ch != close_ch and open_ch not in _CONTEXT_MARKS and close_ch not in _CONTEXT_MARKS:
            # two distinct marks, neither apostrophe-like nor "‘": classify reads no context
            marks = [Mark(i, True, False, 0) if text[i] == open_ch else Mark(i, False, True, 0) for i in index.between(lo, hi, open_ch, close_ch)]
        else:
            marks = _classified(text, index.between(lo, hi, open_ch, close_ch), open_ch, close_ch, lo, hi)
        return marks
    if text.find(open_ch, lo, hi) < 0 and text.find(close_ch, lo, hi) < 0:
        return []
    rx = _MARK_RX.get(open_ch + close_ch)
    if rx is None:
        rx = _MARK_RX[open_ch + close_ch] = re.compile("[" + re.escape(open_ch + close_ch) + "]")
    return _classified(text, (hit.start() for hit in rx.finditer(text, lo, hi)), open_ch, close_ch, lo, hi)


class Closers:
    """The closing mark for a quotation open before ``marks[k]``: :meth:`pick`.

    The candidates are the marks that can close, from *k* up to the next
    mark that can only open; the strongest wins (``weak`` 0, then 1, then
    2), the first of equals. Every *k* of one such run shares its
    candidates, so a run is read once, its candidates kept by strength, and
    each pick is a binary search: linear in the marks overall, where
    reading the run again for every quotation is quadratic.
    """

    __slots__ = ("marks", "lo", "hi", "by_weak")

    def __init__(self, marks: list[Mark]):
        self.marks = marks
        self.lo = self.hi = -1  # the run read last: [lo, hi), hi the next open-only mark (or len)
        self.by_weak: tuple[list[int], list[int], list[int]] = ([], [], [])

    def pick(self, k: int) -> tuple[int | None, int]:
        """(index of the closing mark or None, index of the next open-only mark or ``len(marks)``)."""
        if not self.lo <= k < self.hi:
            self._read(k)
        for cands in self.by_weak:
            i = bisect.bisect_left(cands, k)
            if i < len(cands):
                return cands[i], self.hi
        return None, self.hi

    def _read(self, k: int) -> None:
        marks, by_weak = self.marks, ([], [], [])
        j = k
        while j < len(marks) and not (marks[j].can_open and not marks[j].can_close):
            if marks[j].can_close:
                by_weak[marks[j].weak].append(j)
            j += 1
        self.lo, self.hi, self.by_weak = k, j, by_weak
