"""Historical periods: read a periodization, place every paragraph in it.

A periods table has one row per period: ``period, label, year_start,
year_end, description, source`` (``data/periods.csv`` is the default
periodization of Soviet foreign policy; any table of the same shape works).

:func:`paragraph_periods` places each paragraph with a small set of rules,
tried in this order, and records which rule decided in ``period_rule``:

1. ``manual`` — the user's correction (``overrides``), if any.
2. ``explicit`` — the paragraph has its own historical dates: references
   outside citations and outside quotation marks (a quoted speaker's dates
   and a book's publication year do not place the author's paragraph). Each
   date casts one vote, spread evenly over the years it covers; each year's
   share goes to the period containing it. The paragraph goes to the period
   with the most votes — the one it "mostly talks about". Ties go to the
   period of the date mentioned first (the topic sentence), then to the
   earlier period. Dates outside every period vote for nothing; a paragraph
   whose dates all fall outside the table is ``unassigned``.
3. ``quotation-source`` — a block quotation (a paragraph that opens with a
   quotation mark, or continues a quotation from the paragraph before, and is
   mostly quoted text) takes the period of the passage introducing it: the
   nearest earlier paragraph that is not itself a block quotation. Lenin's
   letter of 4 November 1920, quoted in the next paragraph, belongs to 1920,
   whatever years the letter mentions.
4. ``present`` — an undated paragraph written about the time of writing:
   outside quotations it says "today", "nowadays", "at present", "currently",
   or uses the present progressive ("are now taking place", "is being
   pursued"). It goes to ``reference_year`` (the time of writing; by default
   the latest year any date of the text mentions, citations included).
5. ``inherited`` — otherwise an undated paragraph continues the paragraph
   before it.
6. ``unassigned`` — nothing before it to inherit from.

``year_focus`` is the single year the paragraph is placed at: for
``explicit``, the year with the most votes inside the chosen period (ties:
the year mentioned first; among the years of one range, the one closest to
the previous paragraph's ``year_focus``; then the earlier); for the other rules, the year of the
paragraph the period came from (``source_para_id``).

``period`` is an ordered pandas Categorical whose categories are the table's
periods in chronological order followed by ``"unassigned"``, so every later
groupby, pivot and plot lists periods in the same order.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from ._frames import require_columns, require_frame
from ._tables import int_column, read_table
from .errors import ColumnError, InputError

__all__ = [
    "read_periods",
    "paragraph_periods",
    "assign_periods",
    "period_of_years",
    "period_dtype",
    "PERIOD_COLUMNS",
    "PERIOD_RULES",
    "UNASSIGNED",
]

PERIOD_COLUMNS = ["period", "label", "year_start", "year_end", "description", "source"]
PERIOD_RULES = ("manual", "explicit", "quotation-source", "present", "inherited", "unassigned")
UNASSIGNED = "unassigned"

_OPENING_MARKS = "\u201c\"\u00ab\u201e"
_PRESENT = re.compile(
    r"\b(?:today|nowadays|at\s+present|at\s+the\s+present\s+time|currently|presently)\b"
    r"|\b(?:is|are|am)\s+(?:now\s+|currently\s+|still\s+)?being\s+[a-z]+(?:ed|en|wn|lt|nt)\b"
    r"|\b(?:is|are|am)\s+(?:now|currently)\s+[a-z]+ing\b"
    r"|\bnow\s+being\s+[a-z]+(?:ed|en|wn|lt|nt)\b",
    re.I,
)


# ------------------------------------------------------------ the table


def read_periods(path_or_frame: "pd.DataFrame | str | os.PathLike") -> pd.DataFrame:
    """Read and validate a periods table.

    Parameters
    ----------
    path_or_frame : DataFrame or path
        A CSV file (or frame) with columns ``period, year_start, year_end``
        and, optionally, ``label`` (default: the period id),
        ``description`` and ``source`` (default: empty).

    Returns
    -------
    DataFrame
        ``period, label, year_start, year_end, description, source``, sorted
        by ``year_start`` (chronological order), years ``int64``, text
        ``str``, fresh RangeIndex. Gaps between periods are allowed (their
        years are "unassigned"); overlaps are not.

    Raises
    ------
    TypeError
        Not a DataFrame or path.
    ColumnError
        ``period``, ``year_start`` or ``year_end`` missing.
    InputError
        Naming the file and line (data rows start at line 2): empty or
        duplicated period id, the reserved id ``"unassigned"``, a year that
        is not a whole number, ``year_start > year_end``, two periods that
        overlap.
    """
    func = "textmine.read_periods"
    frame, where = read_table(path_or_frame, func=func, what="periods")
    require_columns(frame, ("period", "year_start", "year_end"), func=func, arg=where,
                    hint=f"a periods table has the columns {list(PERIOD_COLUMNS)} (see data/periods.csv for an example)")
    if len(frame) == 0:
        raise InputError(f"{func}: {where} has no periods; add at least one row.")
    ys = int_column(frame["year_start"], "year_start", func=func, where=where)
    ye = int_column(frame["year_end"], "year_end", func=func, where=where)
    ids = []
    for i, p in enumerate(frame["period"].tolist()):
        line = i + 2
        if not isinstance(p, str) or not p.strip():
            raise InputError(f"{func}: {where} line {line}: the period id is empty; give every period a short id.")
        p = p.strip()
        if p == UNASSIGNED:
            raise InputError(f"{func}: {where} line {line}: {UNASSIGNED!r} is reserved for paragraphs with no period; rename it.")
        if p in ids:
            raise InputError(f"{func}: {where} line {line}: period {p!r} already appears on line {ids.index(p) + 2}; ids must be unique.")
        if ys[i] > ye[i]:
            raise InputError(f"{func}: {where} line {line} ({p!r}): year_start {ys[i]} is after year_end {ye[i]}; swap them.")
        ids.append(p)

    def text_col(name, default):
        if name not in frame.columns:
            return list(default)
        return [v.strip() if isinstance(v, str) and v.strip() else d for v, d in zip(frame[name].tolist(), default)]

    out = pd.DataFrame({
        "period": pd.Series(ids, dtype="str"),
        "label": pd.Series(text_col("label", ids), dtype="str"),
        "year_start": pd.Series(ys, dtype="int64"),
        "year_end": pd.Series(ye, dtype="int64"),
        "description": pd.Series(text_col("description", [""] * len(ids)), dtype="str"),
        "source": pd.Series(text_col("source", [""] * len(ids)), dtype="str"),
        "_line": pd.Series(np.arange(len(ids)) + 2, dtype="int64"),
    })
    out = out.sort_values(["year_start", "year_end", "_line"], kind="stable").reset_index(drop=True)
    for i in range(1, len(out)):
        if out["year_start"].iloc[i] <= out["year_end"].iloc[i - 1]:
            raise InputError(
                f"{func}: {where} lines {out['_line'].iloc[i - 1]} and {out['_line'].iloc[i]}: periods "
                f"{out['period'].iloc[i - 1]!r} ({out['year_start'].iloc[i - 1]}-{out['year_end'].iloc[i - 1]}) and "
                f"{out['period'].iloc[i]!r} ({out['year_start'].iloc[i]}-{out['year_end'].iloc[i]}) overlap; "
                "a year must belong to one period."
            )
    return out.drop(columns="_line")


def _periods(periods, func: str) -> pd.DataFrame:
    if isinstance(periods, (pd.DataFrame, str, os.PathLike)):
        return read_periods(periods)
    raise TypeError(f"{func}: periods must be a periods table (DataFrame) or a path to one, got {type(periods).__name__}.")


def period_dtype(periods: pd.DataFrame) -> pd.CategoricalDtype:
    """The ordered Categorical dtype of ``period``: chronological, then ``"unassigned"``."""
    return pd.CategoricalDtype(list(periods["period"]) + [UNASSIGNED], ordered=True)


def _year_to_period(periods: pd.DataFrame):
    ps = periods["year_start"].to_numpy(dtype=np.int64)
    pe = periods["year_end"].to_numpy(dtype=np.int64)

    def find(year: int) -> int:
        i = int(np.searchsorted(ps, year, side="right")) - 1
        return i if i >= 0 and year <= pe[i] else -1

    return find


def period_of_years(year_start, year_end, periods: pd.DataFrame) -> pd.Series:
    """The period each span of years falls in (most years; ties: earlier period).

    Parameters
    ----------
    year_start, year_end : array-like of int (missing allowed)
    periods : DataFrame
        A periods table (:func:`read_periods`).

    Returns
    -------
    Series
        Ordered Categorical (:func:`period_dtype`); ``"unassigned"`` for
        missing years and years outside every period.
    """
    periods = _periods(periods, "textmine.period_of_years")
    find = _year_to_period(periods)
    names = list(periods["period"])
    out = []
    for a, b in zip(pd.array(year_start, dtype="Int64"), pd.array(year_end, dtype="Int64")):
        if a is pd.NA or b is pd.NA:
            out.append(UNASSIGNED)
            continue
        votes = np.zeros(len(names))
        for y in range(int(a), int(b) + 1):
            k = find(y)
            if k >= 0:
                votes[k] += 1
        out.append(names[int(np.argmax(votes))] if votes.max() > 0 else UNASSIGNED)
    return pd.Series(pd.Categorical(out, dtype=period_dtype(periods)))


# --------------------------------------------------------- paragraphs


def _quote_cover(paragraphs: pd.DataFrame, quotations: pd.DataFrame | None):
    """Per paragraph: quoted share of characters, whether its start is quoted, quoted mask ranges."""
    n = len(paragraphs)
    share = np.zeros(n)
    starts_quoted = np.zeros(n, dtype=bool)
    if quotations is None or len(quotations) == 0:
        return share, starts_quoted
    qs = quotations["start"].to_numpy(dtype=np.int64)
    qe = quotations["end"].to_numpy(dtype=np.int64)
    for i, (s, e, t) in enumerate(zip(paragraphs["start"].to_numpy(dtype=np.int64),
                                       paragraphs["end"].to_numpy(dtype=np.int64),
                                       paragraphs["text"].tolist())):
        lead = len(t) - len(t.lstrip())
        first = s + lead
        ov = np.clip(np.minimum(qe, e) - np.maximum(qs, s), 0, None)
        share[i] = min(1.0, ov.sum() / max(1, e - s))
        starts_quoted[i] = bool(((qs <= first) & (first < qe)).any())
    return share, starts_quoted


def _unquoted_text(t: str, s: int, spans: list[tuple[int, int]]) -> str:
    chars = list(t)
    for a, b in spans:
        for k in range(max(a, s), min(b, s + len(t))):
            chars[k - s] = " "
    return "".join(chars)


def paragraph_periods(
    paragraphs: pd.DataFrame,
    dates: pd.DataFrame,
    periods: "pd.DataFrame | str | os.PathLike",
    quotations: pd.DataFrame | None = None,
    *,
    citations: pd.DataFrame | None = None,
    reference_year: int | None = None,
    overrides: Mapping | None = None,
    block_quote_share: float = 0.5,
) -> pd.DataFrame:
    """Place every paragraph in a period (see the module docs for the rules).

    Parameters
    ----------
    paragraphs : DataFrame
        ``doc_id, para_id, start, end, text`` (``doc.paragraphs``); several
        documents may be stacked: each ``doc_id`` is handled on its own and
        nothing is inherited across documents.
    dates : DataFrame
        ``para_id, year_start, year_end, in_citation, in_quote, start``
        (:func:`textmine.dates.find_dates`); with several documents also
        ``doc_id``.
    periods : DataFrame or path
        A periods table (:func:`read_periods`).
    quotations : DataFrame, optional
        ``start, end`` of quotations (``doc.quotations``), to find block
        quotations and to ignore quoted words in the ``present`` rule.
        Without it a block quotation is a paragraph that opens with a
        quotation mark.
    citations : DataFrame, optional
        ``start, end`` of citations, ignored by the ``present`` rule.
    reference_year : int, optional
        Time of writing for the ``present`` rule. Default: the latest year in
        *dates* (citations included).
    overrides : mapping, optional
        Corrections ``{para_id: period}`` (or ``{(doc_id, para_id): period}``);
        later undated paragraphs inherit from a corrected one.
    block_quote_share : float
        Minimum quoted share of a paragraph's characters for it to count as a
        block quotation (used when *quotations* is given).

    Returns
    -------
    DataFrame
        One row per paragraph, in the input order: ``doc_id, para_id,
        period`` (ordered Categorical, :func:`period_dtype`), ``period_rule``
        (str, one of :data:`PERIOD_RULES`), ``year_focus`` (Int64),
        ``source_para_id`` (Int64: the paragraph whose dates decided, itself
        for ``explicit``), ``n_dates`` (int64: own historical dates used).
    """
    func = "textmine.paragraph_periods"
    for name, frame in (("paragraphs", paragraphs), ("dates", dates)):
        require_frame(frame, func=func, arg=name, hint=f"pass doc.{name}")
    need_p = ["para_id", "start", "end", "text"]
    need_d = ["para_id", "start", "year_start", "year_end", "in_citation", "in_quote"]
    require_columns(paragraphs, need_p, func=func, arg="paragraphs", hint="pass doc.paragraphs")
    require_columns(dates, need_d, func=func, arg="dates", hint="pass doc.dates (or the output of find_dates)")
    for name, frame in (("quotations", quotations), ("citations", citations)):
        if frame is not None:
            require_columns(frame, ("start", "end"), func=func, arg=name, hint=f"pass doc.{name}, or None")
    if not 0 < block_quote_share <= 1:
        raise InputError(f"{func}: block_quote_share must be in (0, 1], got {block_quote_share!r}.")
    periods = _periods(periods, func)
    dtype = period_dtype(periods)
    valid = set(dtype.categories)
    over: dict = {}
    for k, v in (overrides or {}).items():
        if v not in valid:
            raise InputError(f"{func}: overrides gives period {v!r} for paragraph {k!r}; expected one of {list(valid)}.")
        over[k] = v

    if reference_year is None:
        ye = dates["year_end"].dropna()
        reference_year = int(ye.max()) if len(ye) else None

    has_doc = "doc_id" in paragraphs.columns
    doc_ids = paragraphs["doc_id"].astype("str").to_numpy() if has_doc else np.array(["doc"] * len(paragraphs))
    d_doc = dates["doc_id"].astype("str").to_numpy() if has_doc and "doc_id" in dates.columns else None
    if d_doc is not None and len(d_doc):
        unknown = sorted(set(d_doc) - set(doc_ids))
        if unknown:
            raise InputError(
                f"{func}: dates have doc_id(s) {unknown[:5]} that are not in paragraphs "
                f"({sorted(set(doc_ids))[:5]}); pass the dates and paragraphs of the same documents."
            )
    quote_spans = [] if quotations is None else list(zip(quotations["start"].astype("int64"), quotations["end"].astype("int64")))
    cite_spans = [] if citations is None else list(zip(citations["start"].astype("int64"), citations["end"].astype("int64")))
    share, starts_quoted = _quote_cover(paragraphs, quotations)
    find = _year_to_period(periods)
    names = list(periods["period"])

    n = len(paragraphs)
    period = [UNASSIGNED] * n
    rule = ["unassigned"] * n
    focus: list = [None] * n
    source: list = [None] * n
    n_dates = np.zeros(n, dtype=np.int64)
    pids = paragraphs["para_id"].to_numpy(dtype=np.int64)
    texts = paragraphs["text"].astype("str").tolist()
    pstarts = paragraphs["start"].to_numpy(dtype=np.int64)

    own = ~dates["in_citation"].astype(bool).to_numpy() & ~dates["in_quote"].astype(bool).to_numpy()
    own &= dates["year_start"].notna().to_numpy() & dates["year_end"].notna().to_numpy()
    d = dates[own]
    d_doc_own = d_doc[own] if d_doc is not None else None
    by_para: dict[tuple[str, int], list[tuple[int, int, int]]] = {}
    for j, (pid, st, a, b) in enumerate(zip(d["para_id"].astype("int64"), d["start"].astype("int64"),
                                            d["year_start"].astype("int64"), d["year_end"].astype("int64"))):
        key = (str(d_doc_own[j]) if d_doc_own is not None else None, int(pid))
        by_para.setdefault(key, []).append((int(st), int(a), int(b)))

    prev_doc = None
    last_i = None  # previous paragraph in the same document
    last_nonblock = None  # previous non-block-quotation paragraph in the same document
    for i in range(n):
        doc = doc_ids[i]
        if doc != prev_doc:
            last_i = last_nonblock = None
            prev_doc = doc
        key = (doc if d_doc is not None else None, int(pids[i]))
        mine = sorted(by_para.get(key, []))
        n_dates[i] = len(mine)
        text = texts[i]
        is_block = (starts_quoted[i] or text.lstrip()[:1] in _OPENING_MARKS) and (
            quotations is None or share[i] >= block_quote_share
        )
        manual = over.get((doc, int(pids[i])), over.get(int(pids[i])))
        if manual is not None:
            period[i], rule[i], source[i] = manual, "manual", int(pids[i])
            focus[i] = _focus_in(manual, mine, periods, find)
        elif mine:
            period[i], focus[i] = _vote(mine, find, names, near=focus[last_i] if last_i is not None else None)
            rule[i], source[i] = "explicit", int(pids[i])
        elif is_block and last_nonblock is not None:
            j = last_nonblock
            period[i], focus[i], source[i], rule[i] = period[j], focus[j], source[j], "quotation-source"
        elif reference_year is not None and _PRESENT.search(
            _unquoted_text(text, int(pstarts[i]), quote_spans + cite_spans)
        ):
            k = find(reference_year)
            period[i] = names[k] if k >= 0 else UNASSIGNED
            focus[i], rule[i], source[i] = reference_year, "present", int(pids[i])
        elif last_i is not None:
            j = last_i
            period[i], focus[i], source[i], rule[i] = period[j], focus[j], source[j], "inherited"
        last_i = i
        if not is_block:
            last_nonblock = i

    return pd.DataFrame({
        "doc_id": pd.Series(doc_ids, dtype="str"),
        "para_id": pd.Series(pids, dtype="int64"),
        "period": pd.Series(pd.Categorical(period, dtype=dtype)),
        "period_rule": pd.Series(rule, dtype="str"),
        "year_focus": pd.Series(focus, dtype="Int64"),
        "source_para_id": pd.Series(source, dtype="Int64"),
        "n_dates": pd.Series(n_dates, dtype="int64"),
    })


def _vote(mine: list[tuple[int, int, int]], find, names: list[str], near: int | None = None) -> tuple[str, int | None]:
    """Period and year_focus of a paragraph from its own dates ``(start, ys, ye)``.

    Each date has one vote, ``1 / (ye - ys + 1)`` per year; a year's share
    goes to its period. Ties between periods: the one mentioned first, then
    the earlier. Ties between years: the one mentioned first, then the one
    closest to *near* (the previous paragraph's year_focus), then the earlier.
    """
    votes = np.zeros(len(names))
    first = np.full(len(names), np.iinfo(np.int64).max)
    year_votes: dict[int, float] = {}
    year_first: dict[int, int] = {}
    for pos, (st, a, b) in enumerate(mine):
        w = 1.0 / (b - a + 1)
        for y in range(a, b + 1):
            year_votes[y] = year_votes.get(y, 0.0) + w
            year_first.setdefault(y, pos)
            k = find(y)
            if k >= 0:
                votes[k] += w
                first[k] = min(first[k], pos)
    if votes.max() <= 0:
        return UNASSIGNED, None
    best = votes.max()
    tied = [k for k in range(len(names)) if abs(votes[k] - best) < 1e-9]
    k = min(tied, key=lambda k: (first[k], k))
    years = [y for y in year_votes if find(y) == k]
    bestv = max(year_votes[y] for y in years)
    year = min((y for y in years if abs(year_votes[y] - bestv) < 1e-9),
               key=lambda y: (year_first[y], abs(y - near) if near is not None else 0, y))
    return names[k], year


def _focus_in(period: str, mine, periods: pd.DataFrame, find) -> int | None:
    """year_focus of a manually placed paragraph: its own dates clipped to the period."""
    if period == UNASSIGNED:
        return None
    row = periods.index[periods["period"] == period][0]
    lo, hi = int(periods["year_start"].iloc[row]), int(periods["year_end"].iloc[row])
    inside = [(st, max(a, lo), min(b, hi)) for st, a, b in mine if max(a, lo) <= min(b, hi)]
    return _vote(inside, find, list(periods["period"]))[1] if inside else None


def assign_periods(
    doc,
    periods: "pd.DataFrame | str | os.PathLike",
    *,
    reference_year: int | None = None,
    overrides: Mapping | None = None,
    block_quote_share: float = 0.5,
):
    """Give every paragraph, token, quotation and date of a Document a period.

    Parameters
    ----------
    doc : textmine.Document
    periods : DataFrame or path
        A periods table (:func:`read_periods`), e.g. ``"data/periods.csv"``.
    reference_year, overrides, block_quote_share
        See :func:`paragraph_periods`.

    Returns
    -------
    textmine.Document
        ``doc.replace(paragraphs=..., tokens=..., quotations=..., dates=...)``:

        - paragraphs gain ``period, period_rule, year_focus, source_para_id,
          n_dates`` (:func:`paragraph_periods`);
        - tokens gain ``period``, the period of their paragraph;
        - quotations gain ``period``, the period of the paragraph where they
          start (a quotation over several paragraphs: its first one);
        - dates gain ``period`` (their paragraph's, like tokens) and
          ``date_period`` (the period their own years fall in; "unassigned"
          for citation dates and unresolved ones).

        The input Document is not changed.

    Examples
    --------
    >>> import textmine as tm
    >>> doc = tm.load("data/north-1989-soviet-foreign-policy.txt", events="data/events.csv")  # doctest: +SKIP
    >>> doc = tm.assign_periods(doc, "data/periods.csv")  # doctest: +SKIP
    >>> doc.tokens.groupby("period", observed=False).size()  # doctest: +SKIP
    """
    from .document import Document

    func = "textmine.assign_periods"
    if not isinstance(doc, Document):
        raise TypeError(
            f"{func}: expected a textmine.Document, got {type(doc).__name__}; "
            "for frames use textmine.periods.paragraph_periods(paragraphs, dates, periods)."
        )
    periods = _periods(periods, func)
    paragraphs, dates, quotations, tokens = doc.paragraphs, doc.dates, doc.quotations, doc.tokens
    pp = paragraph_periods(
        paragraphs, dates, periods, quotations, citations=doc.citations,
        reference_year=reference_year, overrides=overrides, block_quote_share=block_quote_share,
    )
    new_cols = ["period", "period_rule", "year_focus", "source_para_id", "n_dates"]
    paragraphs = paragraphs.drop(columns=[c for c in new_cols if c in paragraphs.columns])
    for c in new_cols:
        paragraphs[c] = pp[c].to_numpy() if c != "period" else pp[c].array
    dtype = period_dtype(periods)
    # One array lookup per row: the period code of every para_id.
    unassigned_code = list(dtype.categories).index(UNASSIGNED)
    para_ids_pp = pp["para_id"].to_numpy(dtype=np.int64)
    size = int(para_ids_pp.max()) + 1 if len(para_ids_pp) else 0
    code_of_para = np.full(size, unassigned_code, dtype=np.int64)
    code_of_para[para_ids_pp] = pd.Categorical(pp["period"].astype("str"), dtype=dtype).codes

    def by_para(para_ids) -> pd.Categorical:
        ids = np.asarray(para_ids, dtype=np.int64)
        ok = (ids >= 0) & (ids < size)
        codes = np.where(ok, code_of_para[np.where(ok, ids, 0)] if size else unassigned_code, unassigned_code)
        return pd.Categorical.from_codes(codes, dtype=dtype)

    tokens = tokens.copy()
    tokens["period"] = by_para(tokens["para_id"].to_numpy())
    quotations = quotations.copy()
    if "para_start" in quotations.columns:
        q_para = quotations["para_start"].to_numpy()
    else:
        starts = paragraphs["start"].to_numpy(dtype=np.int64)
        idx = np.searchsorted(starts, quotations["start"].to_numpy(dtype=np.int64), side="right") - 1
        q_para = paragraphs["para_id"].to_numpy()[np.clip(idx, 0, None)] if len(paragraphs) else idx
    quotations["period"] = by_para(q_para)
    dates = dates.copy()
    dates["period"] = by_para(dates["para_id"].to_numpy())
    own = period_of_years(dates["year_start"], dates["year_end"], periods)
    own[dates["in_citation"].to_numpy(dtype=bool)] = UNASSIGNED
    dates["date_period"] = own.array
    return doc.replace(paragraphs=paragraphs, tokens=tokens, quotations=quotations, dates=dates)
