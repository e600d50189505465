"""Pairing the marks into quotations, across paragraphs; :func:`quotation_spans`, :func:`quote_marks`.

The second and third passes of the pipeline (see *Reading the marks* in
:mod:`textmine.quotations`): :func:`pair_outer` pairs the outer marks
paragraph by paragraph and carries an open quotation into the next
paragraph when that paragraph opens with a mark (continuation);
:func:`pair_secondary` pairs the inner marks outside every outer quotation;
:func:`pair_inner` reads the nested quotations inside one. Every pass reads
each mark a bounded number of times (the closing mark is chosen by
:class:`~textmine.quotations.marks.Closers`), so pairing is linear in the
marks.
"""

from __future__ import annotations

import bisect
import itertools
import warnings
from operator import attrgetter

import numpy as np
import pandas as pd

from .._frames import require_columns
from ..errors import InputError, TextmineWarning
from ..spans import ids
from .marks import LETTER_OR_DIGIT, Closers, Mark, MarkIndex, is_apostrophe_like, marks_in
from .record import SPAN_COLUMNS, Quotation, span_frame
from .styles import STYLES, QuoteStyle, find_all, resolve_style

__all__ = [
    "pair_outer", "pair_secondary", "pair_inner", "find_spans", "quotes_from_spans", "paragraph_list", "body",
    "quotation_spans", "quote_marks", "warn_all", "MAX_WARNINGS", "MAX_UNCLOSED",
]

#: Reading a paragraph from its start, once the quotations it opened and left unclosed outnumber those it
#: closed by more than this, the paragraph is not read for quotations (its marks are strays; one warning names
#: it): no prose reads that way, and a storm of unpaired marks then costs no record per mark.
MAX_UNCLOSED = 100

def encloses_word(text: str, q: Quotation) -> bool:
    """Whether the quotation has a letter or digit between its marks (``""`` and ``" "`` have none)."""
    return LETTER_OR_DIGIT.search(text, q.start + 1, q.end - 1 if q.closed else q.end) is not None




def _fill_roles(ms: list[Mark], a: int, b: int) -> None:
    """Marks passed over inside an open quotation: a closing-capable one is an apostrophe."""
    for j in range(a, b):
        ms[j].role = "apostrophe" if ms[j].can_close else "stray"


def rstrip_pos(text: str, lo: int, e: int) -> int:
    """*e* moved back over whitespace, not before *lo*."""
    while e > lo and text[e - 1].isspace():
        e -= 1
    return e


class _OuterPairs:
    """State of :func:`pair_outer`: the quotation open so far, and what was found."""

    def __init__(self, text: str, paras: list[tuple[int, int]], st: QuoteStyle, func: str, index: MarkIndex | None):
        self.text, self.paras, self.st, self.func, self.index = text, paras, st, func, index
        self.quotes: list[Quotation] = []
        self.marks: list[Mark] = []
        self.events: list[tuple[int, str, int]] = []  # (offset, what, how many) to warn about (see warn_all)
        self.cur: Quotation | None = None
        self.pi = self.balance = 0  # the paragraph read, and its unclosed minus closed quotations so far
        self.last_end = self.last_para = 0  # where the open quotation's last paragraph ends
        self.jump = index is not None and index.starts is not None
        if self.jump:
            self.pos = index.all(st.open, st.close)

    def run(self) -> None:
        pi = 0
        while pi < len(self.paras):
            nxt = self._next_paragraph(pi)
            if nxt is None:
                break
            if nxt != pi:
                pi = nxt
                continue
            self._paragraph(pi)
            pi += 1
        if self.cur is not None:
            first, n_events = len(self.quotes), len(self.events)
            self._unclosed(self.last_end, self.last_para)
            self._screen(first, n_events, -1)

    def _next_paragraph(self, pi: int) -> int | None:
        """*pi*, or (no quotation open) the paragraph of the next mark; None when no mark is left."""
        if not self.jump or self.cur is not None:
            return pi
        ps, pe = self.paras[pi]
        k = bisect.bisect_left(self.pos, ps)
        if k == len(self.pos):
            return None
        if self.pos[k] >= pe:  # a paragraph without marks changes nothing
            return max(pi + 1, bisect.bisect_right(self.index.starts, self.pos[k]) - 1)
        return pi

    def _paragraph(self, pi: int) -> None:
        ps, pe = self.paras[pi]
        ms = marks_in(self.text, ps, pe, self.st.open, self.st.close, self.index)
        self.marks.extend(ms)
        k = 0
        first, n_events = len(self.quotes), len(self.events)
        if self.cur is not None:
            if ms and ms[0].pos == ps and ms[0].can_open:  # the multi-paragraph convention
                ms[0].role = "continue"
                if not self.cur.cont:
                    self.cur.cont = []
                self.cur.cont.append(ps)
                k = 1
            else:
                self._unclosed(self.last_end, self.last_para)
        closers = Closers(ms)
        self.pi, self.balance = pi, 0
        while k < len(ms):
            k = self._open(ms[k], k, pi) if self.cur is None else self._close(ms, k, pi, closers)
            if self.balance > MAX_UNCLOSED:
                self._refuse(ms, first, n_events, pi)
                break
        if self.cur is not None:
            self.last_end, self.last_para = pe, pi
        if len(self.quotes) > first:
            self._screen(first, n_events, pi)

    def _refuse(self, ms: list[Mark], first: int, n_events: int, pi: int) -> None:
        """Paragraph *pi* is not read for quotations (:data:`MAX_UNCLOSED`): drop what it opened, strays for its marks."""
        new = self.quotes[first:]
        kept = [q for q in new if q.para_start != pi]  # a quotation carried in from before and closed here stays
        self.quotes[first:] = kept
        self.cur = None
        closers = {q.end - 1 for q in kept if q.para_end == pi}
        for m in ms:
            if m.role != "continue" and m.pos not in closers:
                m.role = "stray"
        ps = self.paras[pi][0]
        self.events[n_events:] = [e for e in self.events[n_events:] if e[0] < ps]  # what was said of its marks
        self.events.append((ps, "unbalanced", len(ms)))

    def _screen(self, first: int, n_events: int, pi: int) -> None:
        """Drop the quotations found since *first* that enclose no letter or digit; their marks become strays."""
        text, new = self.text, self.quotes[first:]
        drop = [q for q in new if not encloses_word(text, q)]
        if not drop:
            return
        self.events.extend((q.start, "empty", 1) for q in drop)
        gone = {id(q) for q in drop}
        starts = {q.start for q in drop}
        self.quotes[first:] = [q for q in new if id(q) not in gone]
        self.events[n_events:] = [e for e in self.events[n_events:] if not (e[1] == "unclosed" and e[0] in starts)]
        for p in starts | {q.end - 1 for q in drop if q.closed}:
            k = bisect.bisect_left(self.marks, p, key=attrgetter("pos"))
            if k < len(self.marks) and self.marks[k].pos == p:
                self.marks[k].role = "stray"

    def _open(self, m: Mark, k: int, pi: int) -> int:
        if m.can_open:
            m.role = "open"
            self.cur = Quotation(start=m.pos, para_start=pi)
        else:
            text = self.text
            apostrophe = m.weak or (m.pos > 0 and text[m.pos - 1].isalpha() and is_apostrophe_like(text[m.pos]))
            m.role = "apostrophe" if apostrophe else "stray"
            if m.role == "stray":
                self.events.append((m.pos, "stray", 1))
        return k + 1

    def _close(self, ms: list[Mark], k: int, pi: int, closers: Closers) -> int:
        c, nxt_open = closers.pick(k)
        if c is not None:
            _fill_roles(ms, k, c)
            ms[c].role = "close"
            q, self.cur = self.cur, None
            q.end, q.para_end, q.closed = ms[c].pos + 1, pi, True
            self.quotes.append(q)
            self.balance -= q.para_start == pi
            return c + 1
        if nxt_open < len(ms):
            self._unclosed(rstrip_pos(self.text, self.paras[pi][0], ms[nxt_open].pos), pi)
            return nxt_open
        _fill_roles(ms, k, len(ms))
        return len(ms)

    def _unclosed(self, end: int, para: int) -> None:
        q, self.cur = self.cur, None
        q.end, q.para_end, q.closed = end, para, False
        self.quotes.append(q)
        self.events.append((q.start, "unclosed", 1))
        self.balance += q.para_start == self.pi


def pair_outer(text: str, paras: list[tuple[int, int]], st: QuoteStyle, func: str,
               index: MarkIndex | None = None) -> tuple[list[Quotation], list[Mark], list[tuple[int, str, int]]]:
    """The outer quotations, the marks read, and what to warn about (``(offset, what, how many)``, see :func:`warn_all`)."""
    p = _OuterPairs(text, paras, st, func, index)
    p.run()
    return p.quotes, p.marks, p.events


def _free_ranges(spans: list[tuple[int, int]], span_starts: list[int], reach: list[int], ps: int, pe: int) -> list[tuple[int, int]]:
    """The parts of ``[ps, pe)`` outside every span (sorted spans; *reach*: running max of their ends)."""
    free, pos = [], ps
    first = bisect.bisect_right(reach, ps)  # spans before this one all end at or before ps
    for a, b in spans[first : bisect.bisect_left(span_starts, pe)]:
        if b <= ps or a >= pe:
            continue
        if a > pos:
            free.append((pos, a))
        pos = max(pos, b)
    if pos < pe:
        free.append((pos, pe))
    return free


def _pair_free(text: str, ms: list[Mark], pi: int, found: list[Quotation]) -> None:
    """Closed pairs of inner marks outside the outer quotations (in *found*); the rest apostrophes or strays."""
    closers = Closers(ms)
    k = 0
    while k < len(ms):
        m = ms[k]
        if m.can_open:
            c, _ = closers.pick(k + 1)
            if c is not None:
                q = Quotation(start=m.pos, end=ms[c].pos + 1, para_start=pi, para_end=pi, closed=True, secondary=True)
                m.role, ms[c].role = ("open", "close") if encloses_word(text, q) else ("stray", "stray")
                _fill_roles(ms, k + 1, c)
                if m.role == "open":
                    found.append(q)
                k = c + 1
                continue
        m.role = "apostrophe" if m.pos > 0 and text[m.pos - 1].isalpha() else "stray"
        k += 1


def pair_secondary(text: str, paras: list[tuple[int, int]], quotes: list[Quotation], st: QuoteStyle,
                   index: MarkIndex | None = None) -> tuple[list[Quotation], list[Mark]]:
    """Quotations in the inner marks *outside* every outer quotation (mixed conventions).

    Only closed pairs within one paragraph count; an unpaired mark there is an
    apostrophe or stray, never an unclosed quotation.
    """
    found: list[Quotation] = []
    marks: list[Mark] = []
    spans = sorted((q.start, q.end) for q in quotes)
    span_starts = [a for a, _ in spans]
    reach = list(itertools.accumulate((b for _, b in spans), max))
    if index is not None and index.starts is not None:
        visit = index.paragraphs_with(paras, st.inner_open, st.inner_close)  # the others have no marks to pair
    else:
        visit = range(len(paras))
    for pi in visit:
        for a, b in _free_ranges(spans, span_starts, reach, *paras[pi]):
            ms = marks_in(text, a, b, st.inner_open, st.inner_close, index)
            _pair_free(text, ms, pi, found)
            marks.extend(ms)
    return found, marks


def _pair_nested(text: str, ms: list[Mark]) -> None:
    closers = Closers(ms)
    k = 0
    while k < len(ms):
        m = ms[k]
        if m.can_open:
            c, _ = closers.pick(k + 1)
            if c is not None:
                empty = LETTER_OR_DIGIT.search(text, m.pos + 1, ms[c].pos) is None
                m.role = "stray" if empty else "inner_open"
                for j in range(k + 1, c):
                    ms[j].role = "apostrophe"
                ms[c].role = "stray" if empty else "inner_close"
                k = c + 1
                continue
            m.role = "stray"
        else:
            m.role = "apostrophe" if text[m.pos - 1].isalpha() else "stray"
        k += 1


def pair_inner(text: str, q: Quotation, paras: list[tuple[int, int]], st: QuoteStyle, index: MarkIndex | None = None) -> list[Mark]:
    """Nested quotations inside one outer quotation (per paragraph)."""
    lo, hi = q.start + 1, q.end - (1 if q.closed else 0)
    out: list[Mark] = []
    if index is not None and index.starts is not None and lo >= 0 and not index.between(lo, hi, st.inner_open, st.inner_close):
        return out  # no inner mark inside (each paragraph's piece is part of [lo, hi))
    cont = set(q.cont) if q.cont else ()
    for pi in range(q.para_start, q.para_end + 1):
        ps, pe = paras[pi]
        a, b = max(ps, lo), min(pe, hi)
        if pi != q.para_start and 0 <= pi < len(paras) and ps in cont:
            a = max(a, ps + 1)  # after the continuation mark
        ms = marks_in(text, a, b, st.inner_open, st.inner_close, index)
        _pair_nested(text, ms)
        out.extend(ms)
    return out


def find_spans(text: str, paras: list[tuple[int, int]], st: QuoteStyle, func: str,
               index: MarkIndex | None = None) -> tuple[list[Quotation], list[Mark], list[tuple[int, str, int]]]:
    """All quotations (outer marks, then inner marks used outside them) in reading order, the marks, the warnings."""
    index = MarkIndex(text, paras) if index is None else index
    quotes, marks, events = pair_outer(text, paras, st, func, index)
    events = sorted(events + [(first, "wordless", n) for first, n in index.set_aside(st.open, st.close)])
    extra, extra_marks = pair_secondary(text, paras, quotes, st, index)
    quotes = sorted(quotes + extra, key=lambda q: (q.start, q.end))
    return quotes, marks + extra_marks, events


#: At most this many warnings about unclosed quotations and stray marks per call; then one that counts the rest.
MAX_WARNINGS = 100


_MESSAGES = {
    "unclosed": "the quotation opened at offset {pos} ({near!r}...) is never closed; it ends at the end of its paragraph.",
    "stray": "a closing mark at offset {pos} has no opening mark; ignored.",
    "empty": "the marks at offset {pos} ({near!r}...) enclose no letter or digit; not a quotation.",
    "wordless": ("{n} quote marks from offset {pos} ({near!r}...) have no letter or digit between them; "
                 "they are not read as quotations."),
    "unbalanced": ("in the paragraph at offset {pos}, the quotations never closed come to outnumber those closed "
                   "by over " + str(MAX_UNCLOSED) + "; its {n} quote marks are not read as quotations."),
}
_COUNTED = {"unclosed": "quotations are never closed", "stray": "closing marks have no opening mark",
            "empty": "mark pairs enclose no letter or digit", "wordless": "runs of marks have no letter or digit",
            "unbalanced": "paragraphs have marks that do not pair"}


def warn_all(text: str, func: str, events: list[tuple[int, str, int]], stacklevel: int = 3) -> None:
    """Warn about what the pairing set aside (by default on the line that called the public function).

    *events* are ``(offset, what, n)``: ``unclosed`` quotations, ``stray``
    closing marks, ``empty`` pairs (no letter or digit inside) and
    ``unbalanced`` paragraphs (:data:`MAX_UNCLOSED`); at most
    :data:`MAX_WARNINGS` warnings, then one that counts the rest.
    """
    for pos, what, n in events[:MAX_WARNINGS]:
        msg = _MESSAGES[what].format(pos=pos, near=text[pos:pos + 30], n=n)
        warnings.warn(f"{func}: {msg}", category=TextmineWarning, stacklevel=stacklevel)
    rest = events[MAX_WARNINGS:]
    if rest:
        counts = {what: 0 for what in _COUNTED}
        for _, what, _n in rest:
            counts[what] += 1
        said = ", ".join(f"{n} more {_COUNTED[what]}" for what, n in counts.items() if n)
        warnings.warn(f"{func}: {said} (warnings stop after {MAX_WARNINGS} per call).",
                      category=TextmineWarning, stacklevel=stacklevel)


def paragraph_list(text: str, paragraphs: pd.DataFrame | None, func: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each paragraph; blank-line separated blocks when *paragraphs* is None."""
    if paragraphs is None:
        from ..segment import paragraph_spans

        return paragraph_spans(text)
    require_columns(paragraphs, ["start", "end"], func=func, arg="paragraphs", hint="pass Document.paragraphs")
    return list(zip(paragraphs["start"].to_numpy(dtype=np.int64).tolist(), paragraphs["end"].to_numpy(dtype=np.int64).tolist()))


def body(text: str, paras: list[tuple[int, int]]) -> str:
    """The text from the first paragraph to the last (where ``style="auto"`` looks)."""
    return text[paras[0][0] : paras[-1][1]] if paras else ""


def quotes_from_spans(text: str, paras: list[tuple[int, int]], spans: pd.DataFrame, style: str, func: str) -> tuple[QuoteStyle, list[Quotation]]:
    """The style and the quotations (as :func:`find_spans` gives them) of a :func:`quotation_spans` frame.

    A quotation over several paragraphs continues in each of them after the
    first (that is the only way one goes on), and one found in the inner
    marks outside the outer quotations opens with the inner mark.
    """
    require_columns(spans, SPAN_COLUMNS, func=func, arg="spans", hint="pass textmine.quotations.quotation_spans(...)")
    n = len(spans)
    qid = spans["quote_id"].to_numpy()
    if n and not (np.asarray(qid, dtype=np.int64) == np.arange(n)).all():
        raise InputError(f"{func}: spans must be the quotation_spans(...) frame (quote_id 0, 1, ... in order).")
    names = set(spans["style"].astype(str)) if n else set()
    if len(names) > 1 or not names <= set(STYLES):
        raise InputError(f"{func}: spans must be the quotation_spans(...) frame of one document; styles {sorted(names)}.")
    if not names:
        return resolve_style(body(text, paras), style, func), []
    (name,) = names
    if style != "auto" and style != name:
        resolve_style(text, style, func)  # the usual errors for a bad style
        raise InputError(f"{func}: style {style!r} differs from the style of spans ({name!r}).")
    st = STYLES[name]
    cols = [spans[c].to_numpy(dtype=np.int64).tolist() for c in ("start", "end", "para_start", "para_end")]
    closed = spans["closed"].to_numpy(dtype=bool).tolist()
    opening = st.open
    return st, [
        Quotation(a, p0, b, p1, c, text[a] != opening, [paras[pi][0] for pi in range(p0 + 1, p1 + 1)] if p1 > p0 else None)
        for a, b, p0, p1, c in zip(*cols, closed)
    ]


def quotation_spans(text: str, paragraphs: pd.DataFrame, *, doc_id: str, style: str = "auto") -> pd.DataFrame:
    """Where the quotations of a text are, without kinds, speakers or citations.

    The spans :func:`~textmine.quotations.find_quotations` reports, found by
    the same code (see the module docs, *Reading the marks*): always equal
    to ``find_quotations(text, paragraphs, ...)[SPAN_COLUMNS]`` for the same
    *text*, *paragraphs* and *style*, whatever the tokens and citations.
    Enough to tell which tokens are inside a quotation; pass the frame as
    ``find_quotations(..., spans=...)`` to reuse it.

    Parameters
    ----------
    text : str
        ``Document.text``.
    paragraphs : DataFrame
        ``Document.paragraphs`` (``start, end``).
    doc_id : str
        Value of the ``doc_id`` column.
    style : str
        ``"auto"`` (detect per document) or one of :data:`STYLES`.

    Returns
    -------
    DataFrame
        ``doc_id`` (categorical), ``quote_id, start, end, para_start,
        para_end`` (int32), ``closed`` (bool), ``style`` (str), one row per
        quotation in reading order, as in
        :func:`~textmine.quotations.find_quotations`.

    Warns
    -----
    UserWarning
        For a quotation that is never closed and for a closing mark with no
        opening mark, as :func:`~textmine.quotations.find_quotations` does.

    Examples
    --------
    >>> import textmine as tm
    >>> doc = tm.parse("He said “no” and ‘left’.", header=False)
    >>> quotation_spans(doc.text, doc.paragraphs, doc_id="d")[["start", "end"]].values.tolist()
    [[8, 12], [17, 23]]
    """
    func = "textmine.quotations.quotation_spans"
    if not isinstance(text, str):
        raise TypeError(f"{func}: text must be a str, got {type(text).__name__}.")
    paras = paragraph_list(text, paragraphs, func)
    st = resolve_style(body(text, paras), style, func)
    quotes, _, events = find_spans(text, paras, st, func)
    warn_all(text, func, events)
    return span_frame(quotes, doc_id, st.name)


def _read_marks(text: str, paras: list[tuple[int, int]], st: QuoteStyle, func: str) -> tuple[list[Quotation], dict[int, Mark]]:
    """The quotations and every mark as the passes read it (by offset; the first reading with a role wins)."""
    index = MarkIndex(text, paras)
    quotes, marks, _ = find_spans(text, paras, st, func, index)
    for q in quotes:
        if not q.secondary:
            marks.extend(pair_inner(text, q, paras, st, index))
    seen: dict[int, Mark] = {}
    for m in marks:
        if m.pos not in seen or (not seen[m.pos].role and m.role):
            seen[m.pos] = m
    for key in {st.open + st.close, st.inner_open + st.inner_close}:
        for p in set(find_all(text, key[0]) + find_all(text, key[1])) - set(index.all(key[0], key[1])):
            seen.setdefault(p, Mark(p, False, False, 0, "stray"))  # set aside in a run without words
    # apostrophes outside any quotation (inner characters are not scanned there)
    inner = {st.inner_open, st.inner_close, "\u2019", "'"} - {st.open, st.close}
    for i in sorted(itertools.chain.from_iterable(find_all(text, ch) for ch in inner)):
        if i not in seen:
            ch, prev = text[i], text[i - 1] if i else " "
            elision = ch in "\u2019'" and i + 1 < len(text) and text[i + 1].isdigit()
            seen[i] = Mark(i, False, False, 0, "apostrophe" if (prev.isalnum() or elision) else "stray")
    return quotes, seen


def quote_marks(text: str, paragraphs: pd.DataFrame | None = None, *, style: str = "auto") -> pd.DataFrame:
    """How each quote mark of *text* was read.

    Parameters
    ----------
    text : str
    paragraphs : DataFrame, optional
        ``Document.paragraphs``; default: blank-line separated blocks.
    style : str
        ``"auto"`` or a key of :data:`STYLES`.

    Returns
    -------
    DataFrame
        ``start, end`` (int32), ``mark, role, quote_index`` sorted by ``start``. ``role``
        is ``open``, ``close``, ``continue`` (opening mark of a continuation
        paragraph), ``inner_open``, ``inner_close``, ``apostrophe`` or
        ``stray``; ``quote_index`` (Int32) is the position of the enclosing
        outer quotation in reading order.
    """
    func = "textmine.quotations.quote_marks"
    if not isinstance(text, str):
        raise TypeError(f"{func}: text must be a str, got {type(text).__name__}.")
    paras = paragraph_list(text, paragraphs, func)
    st = resolve_style(text, style, func)
    quotes, seen = _read_marks(text, paras, st, func)
    pos = np.array(sorted(seen), dtype=np.int64)
    starts = np.array([q.start for q in quotes], dtype=np.int64)
    ends = np.array([q.end for q in quotes], dtype=np.int64)
    idx = np.searchsorted(starts, pos, side="right") - 1
    inside = (idx >= 0) & (pos < ends[np.maximum(idx, 0)]) if len(starts) else np.zeros(len(pos), dtype=bool)
    return pd.DataFrame(
        {
            "start": ids(pos),
            "end": ids(pos + 1),
            "mark": pd.Series([text[p] for p in pos.tolist()], dtype="str"),
            "role": pd.Series([seen[p].role or "stray" for p in pos.tolist()], dtype="str"),
            "quote_index": pd.arrays.IntegerArray(np.where(inside, idx, 0).astype(np.int32), mask=~inside),
        }
    )
