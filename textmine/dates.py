"""Temporal references: a table of date rules over one scan engine, no general date parser.

:func:`find_dates` turns the body paragraphs of a text into one row per
temporal reference. It does **not** use ``dateparser`` or similar parsers:
they fill missing parts with today's date, read "we" as Wednesday and split
"November 4, 1920". Instead, a fixed cascade of small regular expressions is
tried in order; a match is kept only if none of its characters was claimed
by an earlier rule, so ``between 1936 and 1939`` is one reference, not two
years.

The rules are data
------------------
Each rule is one row of :data:`textmine.date_rules.DATE_RULES`: its pattern,
what it yields (a reader giving years, month, day and granularity, and how
the row is resolved), examples that must match and examples that must not.
:data:`RULES` lists them. The engine (:mod:`textmine.date_engine`) takes the
table as it is: the speed hints of the fast scanner (where a match can
start, how many words before its first digit or unit word, which words it
needs) are derived from each row's pattern (:mod:`textmine.date_hints`), so
a new rule is a new row with its examples and nothing else.

The cascade
-----------
======================  =========  ===========  ==================================================
rule                    kind       granularity  examples (what the span covers)
======================  =========  ===========  ==================================================
``iso_date``            explicit   day          ``1920-11-03``
``century``             explicit   century      ``the eighteenth century``, ``the early twenty-first century``, ``mid-nineteenth-century``
``hundreds``            explicit   century      ``the 1800s``, ``the late 1700s``
``century_ellipsis``    explicit   century      ``the nineteenth century ...; the twentieth`` (the noun left out)
``fin_de_siecle``       explicit   years        ``the fin de siècle`` (1890-1899)
``between_years``       explicit   years        ``between 1936 and 1939``, ``between March 1919 and 1920``
``from_to_years``       explicit   years        ``from 1924 to 1927``, ``From 1924 until 1927``
``from_year_on``        explicit   years        ``From 1924 on``, ``from 1924 onwards`` (open: year_end = year_start)
``decade_part``         explicit   years        ``the latter half of the 1920s``, ``the mid-1950s``, ``the early 1930s``
``decade``              explicit   decade       ``the 1920s``, ``1920s``
``day_range``           explicit   days         ``March 1 to March 3 (Old Style) 1848``, ``26 February to 2 March 1740``
``month_day_year``      explicit   day          ``November 3, 1920``, ``Nov. 3rd, 1920``, ``February 10, 1740/41``
``day_month_year``      explicit   day          ``3 November 1920``, ``15 February 1989``
``season_year``         explicit   season       ``the autumn of 1924``, ``winter 1941-42``
``part_year``           explicit   season       ``early 1919``, ``mid-1920``, ``the end of 1920``, ``the first half of 1920``
``month_year``          explicit   month        ``October 1917``, ``November of 1920``, ``early November 1920``
``fiscal_year``         explicit   years        ``the fiscal year 1956`` (1955-1956), ``the financial year 1955-56``
``year_range``          explicit   years        ``1925-26``, ``1917-20``, ``1917–1920``, ``1941/42``
``weekday_day``         explicit   day          ``Thursday the 7th`` (the month from the last date's on in which the 7th is a Thursday)
``dateline``            explicit   day          ``DENVER, Oct. 4 (UPI) —`` (span ``Oct. 4``; the year the story gives)
``month_day``           explicit   day          ``November 26``, ``26 November`` (year carried from context)
``season_alone``        explicit   season       ``into the winter`` (span ``the winter``), ``by the autumn`` (year from context)
``month_alone``         explicit   month        ``in March`` (span ``March``), ``early April``, ``since January`` (year from context)
``year``                explicit   year         ``1917``
``instant``             relative   day          ``the 4th inst.``, ``the 28th ult.``, ``the 2d prox.``
``period_of_anchor``    relative   years        ``the end of the century``, ``early in the decade``, ``the turn of the century``
``ago``                 relative   year         ``seven years ago`` (from the time of writing)
``deictic``             relative   (varies)     ``last month``, ``next year``, ``last August`` (from the time of writing)
``season_of_anchor``    relative   (varies)     ``the following spring``, ``that September``
``weekday``             relative   day          ``Monday``, ``the following Saturday``
``offset_after``        relative   (varies)     ``three weeks after the storm``
``anaphora``            relative   (varies)     ``after the flood`` (span ``the flood``; the date the text gave it)
``span_back``           relative   years        ``during the past three years``, ``over the last three years``
``span_next``           relative   years        ``the following three years``, ``the preceding two years``
``next_unit``           relative   (varies)     ``the following year``, ``the next day``, ``the previous month``
``offset``              relative   (varies)     ``One day later``, ``a little more than two weeks later``, ``three years earlier``
``decade_word``         explicit   decade       ``the twenties``, ``the late forties`` (century from context)
``decade_short``        explicit   decade       ``the '20s``, ``the early ’30s`` (century from context)
``short_year``          explicit   year         ``’33``, ``the fall of ’38`` (century from context)
``day_words``           explicit   day          ``the twenty-first of September, nineteen thirty-eight``, ``the third day of March``
``year_words``          explicit   year         ``nineteen thirty-eight``, ``the winter of nineteen forty-six``
``event``               event      year/years   a name from the events table used as a time anchor
======================  =========  ===========  ==================================================

Rules of resolution
-------------------
A row's ``resolve`` says how it is completed after the scan, in reading order:

* **Context year** (``context_year``: ``month_day``): the year of the last
  earlier explicit date that has a year, outside citations
  (``anchor_date_id`` points to it). The row stays ``kind="explicit"``.
* **Relative offsets** (``shift``: ``offset``; ``next``: ``next_unit``;
  ``around_anchor``: ``span_next``) are resolved against the *last resolved
  date* before them: the latest earlier explicit or relative reference,
  never one in a citation nor an event (for a reference outside quotation
  marks, never one inside them: a quoted speaker's dates are not the
  narrative's). Day/week offsets need a day (or month) in the anchor;
  otherwise the result keeps the anchor's granularity. If the relative
  phrase is followed by an explicit date in apposition (``One day later, on
  November 4, 1920``), it takes that date (``rule="offset+apposition"``).
* **"The past/last N years"** (``from_writing``: ``span_back``) counts back
  from the time of writing, ``reference_year``; by default the latest year
  any date of the text mentions, citations included (a text is written
  after the sources it cites). "The previous/preceding N years"
  (``span_next``) counts back from the narrative anchor instead.
* **Events** come from a user-editable table (:func:`read_events`). An alias
  counts as a temporal reference only when it is used to place something in
  time: after a temporal preposition (after, before, during, since, until,
  following, throughout, at, by: ``EVENT_CUES``) or inside a time noun
  phrase (``the end of``, ``the aftermath of``, ``the early years of``,
  ``the eve of``...) or the clause ``as <event> was ending``. The time noun
  phrase is part of the span and changes the years, as the rows of
  ``EVENT_MODIFIERS`` and ``EVENT_PHASES`` say: end/close/conclusion → the
  event's last year; aftermath/wake/years following → the last year and the
  next :data:`AFTERMATH_YEARS`; eve/outbreak/beginning → the first year;
  early years of → the first year and the next :data:`AFTERMATH_YEARS`. An
  event whose date is given by an adjacent calendar expression (``Lenin's
  death in January 1924``, ``in 1928 at the Sixth Congress``) is not a
  separate row.
* **Citations**: a date inside a citation span gets ``in_citation=True``. It
  is kept (it is a date in the text) but it is never an anchor and never a
  historical reference (see :func:`historical_dates`). Without a citations
  frame, a small fallback flags dates inside a parenthesis or bracket that
  also holds a page reference, ``Ibid.``/``op. cit.``, a ``Place: Publisher,
  Year`` imprint, or that is an author-year reference ``(Smith 1998, 41)``.

Bare four-digit numbers are years only between ``year_min`` and ``year_max``
and not after a page/volume/number word (``p.``, ``pp.``, ``vol.``, ``no.``...)
or before a unit or count noun (``1500 workers``, ``2000 km``).

Linear time
-----------
Date extraction takes time linear in the length of the text, whatever the
text (``benchmarks/worst_case_dates.py`` measures date-dense text, digit and
month-name storms, long paragraphs, many tiny paragraphs). The caps that
make it so:

* every window of the fast scanner reaches back a bounded number of words
  from a run of digits or an anchor word (derived from the rule; at most
  ``date_engine.MAX_DIGIT_WORDS`` letter runs before a digit), and the
  look-back from one anchor stops at the previous digit;
* no rule repeats words without bound (``offset`` takes at most four
  approximating words, "only about", "a little more than");
* an event's time noun phrase is looked for in the 80 characters before
  the alias, its cue in 20, an adjacent calendar date within 20;
* the citation fallback looks 400 characters either side of a date for the
  enclosing bracket and reads each bracket once;
* a bare year's page word is looked for in the 20 characters before it,
  its count noun in the 30 after.

* A year-less date (``month_day``, ``month_alone``, ``day_words``) first
  takes a year it shares with the next date ("2 August and 6 September
  1926"), else the year its paragraph has reached (the latest of the last
  ``REACHED_ROWS`` dates of at most two years there, within
  ``REACHED_CHARS``), else the last such date before it, else the next one
  after it: never a year outside the text's own dates. A decade or year
  without its century ("the forties", "’38": ``century_context``) takes
  the century nearest that anchor.
* **Deictic phrases** ("seven years ago", "last month", "next January":
  ``ago``, ``deictic``) count from the **time of writing**: a wire story's
  dateline, else the last letter heading before them (a full date alone in
  its paragraph but a place), else the header's date line
  (``reference_date``), else ``reference_year``; with a month and day,
  "last week" is the month seven days before, "last September" the latest
  September before. The anchored ones ("the end of the century", "the
  following spring", weekdays: ``within_anchor``, ``season_of_anchor``,
  ``weekday``) count from the last resolved date (a weekday from the last
  explicit date with a day; "that was seven years ago" is no anchor).
* **Wire stories** (``dateline``: "DENVER, Oct. 4 (UPI) —" without a year):
  the story's year is read from the story (:mod:`textmine.date_stories`):
  after the previous story's date; not before the events and years it
  names; the year on which its "N years ago", "last year", "for N years"
  land on a year the narrative already has; a weekday it names is not the
  dateline's own. Inside the story the dateline is the time of writing and
  a year-less date takes its year unless its own paragraph dates it.
* **A year-less month told in the past** ("sent word in December") is
  not after the time of writing: the last such month before it. With a
  header date and no date in its own paragraph, a year-less month takes
  the year of writing ("February 2 of this year" always does).
* **Anaphoric descriptions** (``anaphora``: "after the flood") take the
  date the text gave the same description before (:mod:`textmine.date_anaphora`);
  without one they are no row. An event of a single year ("the summer of
  the Spanish-American War") anchors the dates after it like an explicit
  date; a wider one does not.
* **The gazetteer** (:func:`read_gazetteer`, ``gazetteer=``) adds named eras,
  events, administrations and reigns to the events table (whose aliases
  win). An era or a reign ("the Victorian era", "the reign of Victoria")
  is a temporal reference wherever it follows "the", written with the
  table's capitals and not alone on its line (a heading); events and
  administrations as above ("under the Attlee government", "early in the
  Eisenhower administration").

Not handled (by design, for now): deictic words ("now", "today", "then"),
anaphoric events the text never dated ("the war"), "since the flood"
(a span to the present), "within a year", and eras not in the gazetteer.
Each of those is a new row of a table.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as _dt
import os
import re
from typing import Any

import numpy as np
import pandas as pd

from . import spans
from ._frames import require_columns
from .date_engine import PlainScanner, WindowScanner, barrier_layout, barrier_text, compile_table, scan
from .date_events import (
    EVENT_COLUMNS, GAZETTEER_COLUMNS, GAZETTEER_KINDS, PreparedEvents, event_rows, prepare_events, prepared_events,
    read_events, read_gazetteer,
)
from .date_rules import AFTERMATH_YEARS, DATE_RULES, MONTHS, SEASON_MONTHS, DateRule, period_part, values
from .date_anaphora import link_anaphora
from .date_stories import header_date, mark_headings, story_year

__all__ = [
    "find_dates",
    "read_events",
    "read_gazetteer",
    "prepare_events",
    "historical_dates",
    "RULES",
    "DATE_COLUMNS",
    "EVENT_COLUMNS",
    "GAZETTEER_COLUMNS",
    "GAZETTEER_KINDS",
    "AFTERMATH_YEARS",
]

#: Columns of :func:`find_dates`, in order.
DATE_COLUMNS = [
    "doc_id", "date_id", "para_id", "start", "end", "text",
    "year_start", "year_end", "month", "day", "granularity", "kind",
    "in_citation", "in_quote", "rule", "anchor_date_id", "event",
]

GRANULARITIES = ("day", "days", "month", "season", "year", "years", "decade", "century")
KINDS = ("explicit", "relative", "event")
_EVENT_RULE = ("event", "event", "An alias from the events table used as a time anchor (see module docs).")


def __getattr__(name: str) -> Any:
    # RULES is built on first use: a frame at import time would slow down ``import textmine``.
    if name == "RULES":
        rules = pd.DataFrame(
            [(r.name, r.kind, r.description) for r in DATE_RULES] + [_EVENT_RULE],
            columns=["rule", "kind", "description"],
        ).astype({"rule": "str", "kind": "str", "description": "str"})
        globals()["RULES"] = rules
        return rules
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# ------------------------------------------------------------- the engine
class DateEngine:
    """:func:`find_dates` over a rule table, with a scanner and a layout.

    Parameters
    ----------
    rules : sequence of DateRule
        The cascade, in order (default :data:`~textmine.date_rules.DATE_RULES`).
    scanner : callable
        ``scanner(cascade, scan_text, text, prepared_events)`` → a scanner:
        :class:`~textmine.date_engine.WindowScanner` (the default, fast) or
        :class:`~textmine.date_engine.PlainScanner` (every rule by
        ``finditer``, the reference). Both give the same frames.
    layout : {"barrier", "paragraph"}
        ``"barrier"``: every paragraph in one scan where the paragraphs allow
        it (:func:`~textmine.date_engine.barrier_layout`); ``"paragraph"``:
        one scan per paragraph. Both give the same frames.
    """

    def __init__(self, rules=DATE_RULES, *, scanner=WindowScanner, layout: str = "barrier"):
        self.rules: tuple[DateRule, ...] = tuple(rules)
        self.scanner = scanner
        self.layout = layout

    def find_dates(self, text: str, paragraphs: pd.DataFrame, **options) -> pd.DataFrame:
        """:func:`textmine.find_dates` with this engine's rules, scanner and layout."""
        return find_dates(text, paragraphs, _engine=self, **options)

    def rows(self, text: str, paragraphs: pd.DataFrame, prepared: PreparedEvents, year_min: int,
             year_max: int, mentions: list | None = None) -> list[dict]:
        """The rows of every paragraph (with ``para_id``), in no particular order.

        *mentions*, if given, receives ``(start, first year)`` of every event alias found.
        """
        cascade = compile_table(self.rules)
        para_ids = paragraphs["para_id"].to_numpy(dtype=np.int64)
        p_starts = paragraphs["start"].to_numpy(dtype=np.int64)
        p_ends = paragraphs["end"].to_numpy(dtype=np.int64)
        layout = barrier_layout(text, p_starts, p_ends) if self.layout == "barrier" else None
        if layout is not None:  # every paragraph at once (see barrier_text)
            ss, se = p_starts[layout].tolist(), p_ends[layout].tolist()
            scanner = self.scanner(cascade, barrier_text(text, ss, se), text, prepared)
            rows = self._scan(cascade, scanner, text, 0, len(text), (ss, se), prepared, year_min, year_max, mentions)
            if rows:
                at = np.fromiter((r["start"] for r in rows), dtype=np.int64, count=len(rows))
                pids = para_ids[layout][np.searchsorted(p_starts[layout], at, side="right") - 1]
                for r, pid in zip(rows, pids.tolist()):
                    r["para_id"] = pid
            return rows
        odd = len(p_starts) and (p_starts.min() < 0 or p_ends.max() > len(text) or bool((p_starts > p_ends).any()))
        scanner = (PlainScanner if odd else self.scanner)(cascade, text, text, prepared)
        rows = []
        for pid, ps, pe in zip(para_ids.tolist(), p_starts.tolist(), p_ends.tolist()):
            found = self._scan(cascade, scanner, text, ps, pe, ([ps], [pe]), prepared, year_min, year_max, mentions)
            for r in found:
                r["para_id"] = pid
            rows.extend(found)
        return rows

    @staticmethod
    def _scan(cascade, scanner, text, lo, hi, bounds, prepared, year_min, year_max, mentions=None) -> list[dict]:
        claims = scan(cascade, scanner, text, lo, hi, year_min, year_max)
        if prepared.regex is not None:
            event_rows(claims, scanner.event_matches(lo, hi), text, bounds, prepared, mentions)
        return claims.rows


_DEFAULT_ENGINE = DateEngine()


# ------------------------------------------------------------- extraction
def find_dates(
    text: str,
    paragraphs: pd.DataFrame,
    *,
    citations: pd.DataFrame | None = None,
    quotations: pd.DataFrame | None = None,
    events: "pd.DataFrame | str | os.PathLike | None" = None,
    gazetteer: "pd.DataFrame | str | os.PathLike | None" = "default",
    doc_id: str = "doc",
    year_min: int = 1000,
    year_max: int = 2099,
    reference_year: int | None = None,
    reference_date: "_dt.date | None" = None,
    _engine: DateEngine | None = None,
) -> pd.DataFrame:
    """Find the temporal references in the body paragraphs of a text.

    Parameters
    ----------
    text : str
        The normalized text (``doc.text``); offsets refer to it.
    paragraphs : DataFrame
        ``para_id, start, end`` of the paragraphs to scan (``doc.paragraphs``; int32 or int64).
        Text outside paragraphs (the header) is not scanned; no match crosses a paragraph boundary.
    citations : DataFrame, optional
        ``start, end`` of citation spans (``doc.citations``). Dates inside
        get ``in_citation=True``. Without it a small fallback is used (see
        module docs).
    quotations : DataFrame, optional
        ``start, end`` of quotation spans (``doc.quotations``); dates inside
        get ``in_quote=True``.
    events : DataFrame, path or prepared events, optional
        Events table (:func:`read_events`). Without it no ``event`` rows.
        For many texts, pass :func:`prepare_events` (the table read and
        compiled once); the same DataFrame passed again is also reused. Its aliases win over the gazetteer's.
    gazetteer : "default", DataFrame, path or None
        Eras, events, administrations, reigns (:func:`read_gazetteer`; ``"default"``: the shipped table;
        extend it with ``pd.concat([tm.read_gazetteer(), mine])``; None: none). Prepared events carry theirs.
    doc_id : str
        Value of the ``doc_id`` column.
    year_min, year_max : int
        No row has a year outside this range (bare four-digit numbers, centuries...).
    reference_year : int, optional
        Time of writing ("the past N years", "ago", "last month"). Default: the year of *reference_date*,
        else the latest explicit year found.
    reference_date : datetime.date, optional
        The day of writing ("last month" is the month before it; a past-tense "in December" is the last
        December before it). Default: a date alone on its line before the first paragraph (a hearing's or a
        letter's header, ``FRIDAY, MAY 6, 1966``) when its year agrees with *reference_year*.

    Returns
    -------
    DataFrame
        One row per temporal reference, sorted by ``start`` then ``end``:

        - ``doc_id`` (categorical, the one category *doc_id*), ``date_id``
          (int32, 0..n-1 in reading order), ``para_id`` (int32), ``start``,
          ``end`` (int32, half-open into *text*), ``text`` (str,
          ``text[start:end]``) — ids and offsets follow the column-type rule
          of :mod:`textmine.spans`;
        - ``year_start``, ``year_end`` (Int64): the inclusive years referred
          to; missing only when a relative date has nothing to resolve against;
        - ``month``, ``day`` (Int64): when the expression fixes them;
        - ``granularity`` (str): day, month, season, year, years, decade;
        - ``kind`` (str): explicit, relative, event;
        - ``in_citation``, ``in_quote`` (bool);
        - ``rule`` (str): the cascade rule that matched (:data:`RULES`),
          with ``+context``/``+apposition`` when resolved through another
          date;
        - ``anchor_date_id`` (Int32): the date a relative or month-day
          reference was resolved against;
        - ``event`` (str): the event's name for ``kind == "event"``.

    Examples
    --------
    >>> import textmine as tm
    >>> doc = tm.parse("It began on November 3, 1920. One day later he wrote again.")
    >>> doc.dates[["text", "year_start", "month", "day", "kind"]]  # doctest: +SKIP
    """
    _check_inputs(text, paragraphs, citations, quotations)
    engine = _DEFAULT_ENGINE if _engine is None else _engine
    prepared = prepared_events(events, gazetteer)
    mentions: list[tuple[int, int]] = []  # every event alias: (start, first year)
    rows = engine.rows(text, paragraphs, prepared, year_min, year_max, mentions)
    mentions.sort()
    rows.sort(key=lambda r: (r["start"], r["end"]))
    ps = paragraphs.sort_values("start")
    p_starts, p_ends = ps["start"].astype("int64").tolist(), ps["end"].astype("int64").tolist()
    rows = link_anaphora(rows, text, p_starts, p_ends)
    _flag(rows, text, citations, quotations)
    mark_headings(rows, text, p_starts, p_ends)
    if reference_date is not None:
        writing = {"year_start": reference_date.year, "year_end": reference_date.year, "month": reference_date.month,
                   "day": reference_date.day}
    else:
        first = int(paragraphs["start"].min()) if len(paragraphs) else 0
        writing = header_date(text, first)
    if writing is not None and reference_year is not None and writing["year_start"] != reference_year:
        writing = None
    if reference_year is None and writing is not None:
        reference_year = writing["year_start"]
    _resolve(rows, text, reference_year, mentions, writing, (year_min, year_max))
    return _frame(rows, doc_id)


def _check_inputs(text, paragraphs, citations, quotations) -> None:
    func = "textmine.find_dates"
    if not isinstance(text, str):
        raise TypeError(f"{func}: text must be a str, got {type(text).__name__}.")
    require_columns(paragraphs, ["para_id", "start", "end"], func=func, arg="paragraphs", hint="pass doc.paragraphs")
    for name, frame in (("citations", citations), ("quotations", quotations)):
        if frame is not None:
            require_columns(frame, ["start", "end"], func=func, arg=name, hint=f"pass doc.{name} or None")


def _flag(rows: list[dict], text: str, citations, quotations) -> None:
    """Each row's text, ``in_citation`` and ``in_quote``."""
    n = len(rows)
    starts = np.array([r["start"] for r in rows], dtype=np.int64)
    ends = np.array([r["end"] for r in rows], dtype=np.int64)
    in_cit = _inside(starts, ends, citations) if citations is not None else _fallback_citation(text, starts, ends)
    in_q = _inside(starts, ends, quotations) if quotations is not None else np.zeros(n, dtype=bool)
    for i, r in enumerate(rows):
        r["text"] = text[r["start"]:r["end"]]
        r["in_citation"] = bool(in_cit[i])
        r["in_quote"] = bool(in_q[i])


def historical_dates(dates: pd.DataFrame) -> pd.DataFrame:
    """The dates that are historical references: not in citations, years known.

    A pure filter on a :func:`find_dates` frame (row order kept, fresh index).
    """
    require_columns(dates, ["in_citation", "year_start"], func="textmine.historical_dates", arg="dates",
                    hint="pass doc.dates")
    keep = ~dates["in_citation"].astype(bool).to_numpy() & dates["year_start"].notna().to_numpy()
    return dates[keep].reset_index(drop=True)


def _inside(starts: np.ndarray, ends: np.ndarray, spans: pd.DataFrame) -> np.ndarray:
    """Is each [start, end) inside some span (``span.start <= start`` and ``end <= span.end``)?"""
    if len(spans) == 0 or len(starts) == 0:
        return np.zeros(len(starts), dtype=bool)
    ss = spans["start"].to_numpy(dtype=np.int64)
    se = spans["end"].to_numpy(dtype=np.int64)
    order = np.argsort(ss, kind="stable")
    reach = np.maximum.accumulate(se[order])  # the furthest end among spans starting at or before
    k = np.searchsorted(ss[order], starts, side="right")
    out = np.zeros(len(starts), dtype=bool)
    has = k > 0
    out[has] = reach[k[has] - 1] >= ends[has]
    return out


# Bibliographic cues inside a bracket: a page reference, Ibid./op. cit., a
# "Place: Publisher" imprint, or an author-year reference "(Smith 1998, 41)".
_BIB_CUE = re.compile(
    r"\bpp?\.\s*\d|\bibid\b|\bop\.\s*cit\b"
    r"|\b[A-Z][a-z]+(?:\s[A-Z][a-z]+)?:\s*[A-Z][^,():;]*,\s*\d{4}"
    r"|^\(\s*(?:[A-Z][\w'\-]+\s+){1,3}(?:et\s+al\.\s+)?\d{4}[a-z]?\s*(?:[,:;]\s*[\d\-\u2013]+\s*)?\)$"
)
#: How far (characters) the citation fallback looks for the bracket around a date.
BRACKET_REACH = 400


def _enclosing(codes: np.ndarray, starts: np.ndarray, ends: np.ndarray, open_ch: str, close_ch: str):
    """For each span: the bracket around it within :data:`BRACKET_REACH` characters, as (open, close) offsets or -1.

    The open bracket is the last one before the span with no close bracket
    between; the close bracket the first after it with no open bracket
    between (``str.rfind``/``str.find`` over the reach, vectorised over
    the text's code points *codes*).
    """
    opens = np.flatnonzero(codes == ord(open_ch))
    closes = np.flatnonzero(codes == ord(close_ch))
    o = np.full(len(starts), -1, dtype=np.int64)
    c = np.full(len(starts), -1, dtype=np.int64)
    if not len(opens) or not len(closes):
        return o, c
    i = np.searchsorted(opens, starts) - 1  # the last open bracket before the start
    o_at = opens[np.maximum(i, 0)]
    j = np.searchsorted(closes, starts) - 1  # the last close bracket before the start
    ok = (i >= 0) & (o_at >= starts - BRACKET_REACH) & ~((j >= 0) & (closes[np.maximum(j, 0)] >= o_at))
    k = np.searchsorted(closes, ends)  # the first close bracket at or after the end
    c_at = closes[np.minimum(k, len(closes) - 1)]
    m = np.searchsorted(opens, ends)  # the first open bracket at or after the end
    ok &= (k < len(closes)) & (c_at < ends + BRACKET_REACH)
    ok &= ~((m < len(opens)) & (opens[np.minimum(m, len(opens) - 1)] < c_at))
    o[ok], c[ok] = o_at[ok], c_at[ok]
    return o, c


def _fallback_citation(text: str, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Without a citations frame: inside a (...) or [...] that looks bibliographic.

    The bracket around a date has no other bracket between it and the date,
    so two dates in different brackets read different, disjoint stretches of
    text; each bracket is read once (linear time).
    """
    out = np.zeros(len(starts), dtype=bool)
    if not len(starts):
        return out
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    colons = np.flatnonzero(codes == ord(":"))
    for open_ch, close_ch in (("(", ")"), ("[", "]")):
        o_all, c_all = _enclosing(codes, starts, ends, open_ch, close_ch)
        inside = np.flatnonzero(o_all >= 0)
        if not len(inside):
            continue
        keys, which = np.unique(o_all[inside] * (len(text) + 1) + c_all[inside], return_inverse=True)  # the brackets
        cue = np.array([_BIB_CUE.search(text[o:c + 1]) is not None
                        for o, c in zip(*(k.tolist() for k in np.divmod(keys, len(text) + 1)))], dtype=bool)
        hit = cue[which.ravel()]
        if open_ch == "[":  # a colon between the bracket and the date
            o = o_all[inside]
            hit |= np.searchsorted(colons, starts[inside]) > np.searchsorted(colons, o)
        out[inside[hit]] = True
    return out


# ------------------------------------------------------------- resolution
_APPOSITION = re.compile(r"^\s*,?\s*(?:on|in)?\s*$", re.I)


def _later_years(rows: list[dict]) -> list[int | None]:
    """For each row: the index of the next row with a year of its own (explicit, outside citations), or None."""
    out: list[int | None] = [None] * len(rows)
    nxt = None
    for i in range(len(rows) - 1, -1, -1):
        out[i] = nxt
        r = rows[i]
        if r["kind"] == "explicit" and r["year_start"] is not None and r["year_end"] - r["year_start"] <= 1 and (
                not r["in_citation"]):
            nxt = i
    return out


def _resolve(rows: list[dict], text: str, reference_year: int | None, mentions: list | None = None,
             writing: dict | None = None, years: tuple[int, int] = (1000, 2099)) -> None:
    """Fill context years, relative dates and apposition, in reading order."""
    if reference_year is None:  # the latest explicit year (an era's end says nothing of the time of writing)
        ys = [r["year_end"] for r in rows if r["year_end"] is not None and r["kind"] == "explicit"]
        reference_year = max(ys) if ys else None
    # The anchor of row i is the nearest earlier row, outside citations, that
    # passes a test (and is outside quotations when row i is): kept up to date
    # as rows are finished, for both tests, instead of searched backwards.
    # A year-less date ("month_day" anchors) takes the year the narrative has
    # reached in its paragraph: the latest recent date of at most two years
    # there (REACHED_ROWS, REACHED_CHARS; not "the 1920s" in passing, nor an
    # earlier flashback), else the last
    # such date before; without one, the next later year (the nearest year of
    # the narrative, never one outside the text's dates). A row inside a
    # citation or note takes the last dated row of its own note.
    # Inside a wire story (after a year-less dateline, textmine.date_stories)
    # the dateline is the time of writing and the anchor of last resort.
    last = {"month_day": [None, None], "relative": [None, None]}  # [any, outside quotations]
    later = _later_years(rows)
    cite = [None]  # the last dated row inside a citation
    recent: list[int] = []  # the last REACHED_ROWS narrow dates outside quotations
    stories = _stories(rows, text)
    heading = [None]  # the last letter heading (date_stories.mark_headings)

    def anchor(kind: str, me: dict, i: int | None = None) -> int | None:
        c = cite[0]
        if me["in_citation"] and c is not None:  # a note's year-less date: the last dated note ("Ibid., 14 May.")
            return c
        story = me.get("_story")
        if story is not None and rows[story]["year_start"] is not None and not me["in_citation"]:
            if me["rule"] == "weekday":  # a weekday in a dated story: a day of the dateline's week
                return story
            a = _reached(rows, recent, me) if kind == "month_day" and not me["in_quote"] else (
                last[kind][0] if me["in_quote"] else last[kind][1])
            return a if a is not None and a >= story else story
        if kind == "month_day" and not me["in_quote"]:
            best = _reached(rows, recent, me)
            if best is not None:
                return best
        a = last[kind][0] if me["in_quote"] else last[kind][1]
        return later[i] if a is None and i is not None else a

    index = {id(r): i for i, r in enumerate(rows)}
    for i, r in enumerate(rows):
        if r["_resolve"] == "anaphora":  # "after the flood": the date the text gave it (date_anaphora)
            intro = r["_intro"]
            for k in ("year_start", "year_end", "month", "day", "granularity"):
                r[k] = intro[k]
            r["anchor_date_id"] = index.get(id(intro))
        if r["_resolve"] == "dateline":
            _dateline_year(rows, i, r, text, stories, later, mentions or [], years)
        _resolve_row(rows, i, r, text, reference_year, anchor, writing if heading[0] is None else rows[heading[0]],
                     index)
        if r.get("_heading") and not r["in_citation"] and not r["in_quote"]:
            heading[0] = i  # a letter's heading: the time of writing from here on
        if r["year_start"] is None or (r["kind"] == "event" and r["year_end"] != r["year_start"]):
            continue  # an event of one year ("the first months of the Wilson administration") dates what follows
        if r["rule"] == "ago":  # "That was seven years ago" restates a date: it is no new anchor
            continue
        if r["rule"] == "weekday" and r["_dir"] == "" and r["anchor_date_id"] is not None and _before(
                r, rows[r["anchor_date_id"]]):
            continue  # "had dismissed them on the Saturday": a day before the narrative's, no new anchor
        if r["in_citation"]:
            cite[0] = i
            continue
        kinds = ("relative",)
        if r["kind"] in ("explicit", "event") and r["year_end"] - r["year_start"] <= 1:
            kinds = ("month_day", "relative")
            if not r["in_quote"]:
                recent.append(i)
                del recent[:-REACHED_ROWS]
        for kind in kinds:
            last[kind][0] = i
            if not r["in_quote"]:
                last[kind][1] = i


#: A wire story runs from its dateline to the next one, at most this many characters (a long article that
#: quotes one dispatch does not become that dispatch's story).
STORY_CHARS = 6000


class _Stories:
    """The year-less datelines of a text: each row's story, each story's end, the known years (date_stories)."""

    def __init__(self, rows: list[dict], text: str):
        self.heads = [i for i, r in enumerate(rows) if r["_resolve"] == "dateline"]
        self.end = {}
        for n, k in enumerate(self.heads):
            nxt = rows[self.heads[n + 1]]["start"] if n + 1 < len(self.heads) else len(text)
            self.end[k] = min(nxt, rows[k]["start"] + STORY_CHARS)
        story = None
        heads = set(self.heads)
        for i, r in enumerate(rows):
            if i in heads:
                story = i
            elif story is not None and r["start"] >= self.end[story]:
                story = None  # past the story's reach: the text around a quoted dispatch is no story
            r["_story"] = story if story != i else None
        # the years written in the text (explicit, of at most two years, outside citations), in text order
        self.written = [(r["start"], r["year_start"]) for r in rows if r["kind"] == "explicit" and (
            r["_resolve"] == "none") and r["year_start"] is not None and not r["in_citation"] and (
            r["year_end"] - r["year_start"] <= 1)]
        self.known: set[int] = set()  # the written years before the current story's end, and the stories' years
        self.taken = 0  # how many of self.written are in self.known
        self.prev: tuple[int, int, int] | None = None

    def known_by(self, end: int) -> set[int]:
        """The known years at character *end* (ends only grow: each written year is added once)."""
        while self.taken < len(self.written) and self.written[self.taken][0] < end:
            self.known.add(self.written[self.taken][1])
            self.taken += 1
        return self.known


def _stories(rows: list[dict], text: str) -> _Stories | None:
    if not any(r["_resolve"] == "dateline" for r in rows):
        return None
    return _Stories(rows, text)


def _dateline_year(rows, i, r, text, stories: _Stories, later, mentions: list, years: tuple[int, int]) -> None:
    """The year of a year-less dateline (:func:`textmine.date_stories.story_year`); else a context year.

    *mentions*: ``(start, first year)`` of every event alias of the text, sorted."""
    end = stories.end[i]
    known = stories.known_by(end)
    lower = None
    if stories.prev is not None:
        py, pm, pd_ = stories.prev
        lower = py + (1 if (r["month"], r["day"]) <= (pm, pd_) else 0)
    k = bisect.bisect_left(mentions, (r["end"], -1))
    ev = []
    while k < len(mentions) and mentions[k][0] < end:  # the events the story names
        ev.append(mentions[k][1])
        k += 1
    nxt = later[i]
    y = story_year(rows, i, end, text, known, lower, ev, None if nxt is None else rows[nxt]["year_start"])
    if y is None or not years[0] <= y <= years[1]:  # no year, or one outside year_min..year_max
        r["_resolve"] = "context_year"
        return
    r["year_start"] = r["year_end"] = y
    r["rule"] += "+story"
    r["_resolve"] = "none"
    stories.known.add(y)
    stories.prev = (y, r["month"], r["day"])


#: A year-less date looks at most this many narrow dates back, within :data:`REACHED_CHARS` characters
#: and its own paragraph, for the latest year the narrative has reached.
REACHED_ROWS, REACHED_CHARS = 6, 1200


def _reached(rows: list[dict], recent: list[int], me: dict) -> int | None:
    """The latest of the recent narrow dates in *me*'s paragraph and reach (the later one on a tie)."""
    best = None
    for k in recent:
        r = rows[k]
        if r["para_id"] == me["para_id"] and me["start"] - r["end"] <= REACHED_CHARS and (
                best is None or r["year_end"] >= rows[best]["year_end"]):
            best = k
    return best


#: Relative rules that an explicit date just before them, and a comma, restate ("in 1974, three years after
#: the first"): the phrase dates the same moment.
_APPOSED_AFTER = frozenset({"offset", "offset_after"})
_COMMA_ONLY = re.compile(r"^\s*,\s*$")


def _before(r: dict, anchor: dict) -> bool:
    """Is day row *r* before day row *anchor*?"""
    if None in (r["month"], r["day"], anchor["month"], anchor["day"]):
        return False
    return (r["year_start"], r["month"], r["day"]) < (anchor["year_start"], anchor["month"], anchor["day"])


def _apposition(rows: list[dict], i: int, r: dict, text: str) -> bool:
    """An explicit date in apposition ("One day later, on November 4, 1920"; "in 1974, three years after the
    first") decides: copy it."""
    src = None
    nxt = rows[i + 1] if i + 1 < len(rows) else None
    if nxt is not None and nxt["kind"] == "explicit" and nxt["year_start"] is not None and _APPOSITION.match(
            text[r["end"]:nxt["start"]]):
        src = i + 1
    elif i and r["rule"] in _APPOSED_AFTER:
        prev = rows[i - 1]
        if prev["kind"] == "explicit" and prev["year_start"] is not None and not prev["in_citation"] and (
                _COMMA_ONLY.match(text[prev["end"]:r["start"]])):
            src = i - 1
    if src is None:
        return False
    for k in ("year_start", "year_end", "month", "day", "granularity"):
        r[k] = rows[src][k]
    r["anchor_date_id"] = src
    r["rule"] += "+apposition"
    return True


def _years_long(row: dict) -> int:
    """How many years after its first a date's span ends (0 when either end is unknown, as for an
    intro anchor whose year is not yet resolved)."""
    a, b = row.get("year_start"), row.get("year_end")
    return b - a if a is not None and b is not None else 0


def _resolve_row(rows: list[dict], i: int, r: dict, text: str, reference_year: int | None, anchor,
                 header: dict | None = None, index: dict | None = None) -> None:
    how = r["_resolve"]
    if how == "anaphora":  # resolved from its introduction (_resolve)
        return
    story = r.get("_story")
    writing = None  # the time of writing: a wire story's dateline, else the header's date
    if story is not None and rows[story]["year_start"] is not None and not r["in_citation"]:
        writing = rows[story]
    elif header is not None and not r["in_citation"]:
        writing = header
    if r.get("_this") and r["year_start"] is None:  # "February 2 of this year": the year of writing
        now = rows[story]["year_start"] if story is not None else reference_year
        if now is not None:
            r["year_start"] = r["year_end"] = now
            r["anchor_date_id"] = story
            r["rule"] += "+context"
            return
    if how == "weekday_day":  # "Thursday the 7th": the month, from the last date's on, where the 7th is a Thursday
        a = anchor("month_day", r, i)
        if a is not None and rows[a]["month"] is not None:
            found = _weekday_day(rows[a], r)
            if found is not None:
                r.update(found)
                r["anchor_date_id"] = a
                r["rule"] += "+context"
        return
    if how in ("context_year", "century_context") and r["year_start"] is None:
        a = _shared_year(rows, i, r, text)  # "2 August and 6 September 1926": the year both share
        a = anchor("month_day", r, i) if a is None else a  # else the last explicit date with a year (or the next)
        if (how == "context_year" and writing is header and writing is not None and not r["in_quote"]
                and not r.get("_yshift") and (a is None or rows[a]["para_id"] != r["para_id"])):
            # a header's date and no date in the month's own paragraph: the time of writing's year
            r["year_start"] = r["year_end"] = writing["year_start"]
            if r["month"] is not None:
                _not_after_writing(r, text, writing)
            r["rule"] += "+context"
            return
        if a is not None:
            if how == "context_year":  # ("March of the following year": one more)
                r["year_start"] = r["year_end"] = rows[a]["year_end"] + r.get("_yshift", 0)
                if writing is not None and r["month"] is not None and not r.get("_yshift"):
                    _not_after_writing(r, text, writing)
            else:
                r.update(_in_century(rows[a], r, reference_year))
            r["anchor_date_id"] = a
            r["rule"] += "+context"
        return
    if how == "since_event":  # "since the war began": to the time of the passage
        now = writing["year_end"] if writing is not None else reference_year
        if now is not None and now > r["year_start"]:
            r["year_end"], r["granularity"] = now, "years"
        return
    if r["kind"] != "relative" or _apposition(rows, i, r, text):
        return
    if how in _FROM_WRITING:
        if writing is not None:
            r.update(_FROM_WRITING[how](r, writing["year_start"], writing))
            r["anchor_date_id"] = story if writing is not header else None
        elif reference_year is not None:
            r.update(_FROM_WRITING[how](r, reference_year, None))
        return
    a = anchor("month_day" if how == "weekday" else "relative", r)  # the last (explicit) date with a year
    if "_intro_anchor" in r and index is not None and id(r["_intro_anchor"]) in index \
            and rows[index[id(r["_intro_anchor"])]]["year_start"] is not None:  # "three weeks after the strike": its date
        a = index[id(r["_intro_anchor"])]  # (only once that date has a year)
    if how == "weekday" and r["_dir"] in ("following", "next"):  # "the following Saturday": after the last day told
        b = anchor("relative", r)
        if b is not None and rows[b]["granularity"] == "day" and rows[b]["day"] is not None and (
                a is None or b > a):
            a = b
    if a is not None and r.get("_unit") in _SHORT_UNITS and _years_long(rows[a]) > 1:
        a = anchor("month_day", r)  # "the next day" after "the 1890s": the last date of at most two years
    if a is None:
        return
    r["anchor_date_id"] = a
    r.update(_ANCHORED.get(how, _shift)(rows[a], r))
    if writing is not None and r["rule"] == "offset_after" and r["_dir"] == "after" and r["year_start"] is not None \
            and r["year_start"] > writing["year_end"]:
        # "voted tonight, eight years after the plan": not after the time of writing, but the time of writing
        r.update(values(writing["year_start"], writing["year_end"], "year"))
        r["anchor_date_id"] = story if writing is not header else None


#: Words of a clause that say it tells the past ("sent word in December"); any other word ending in "-ed"
#: (but PAST_NOT) counts too. A future or a present word ("will", "adjourns") leaves a date as it is.
PAST_WORDS = frozenset(
    "was were had did wrote went made took came said told gave began sent met saw found left got brought held "
    "knew thought stood ran won lost paid sold bought built fell rose spoke broke chose drove grew kept led meant "
    "put read sat sought struck taught threw understood".split())
PAST_NOT = frozenset("need needed speed hundred indeed proceed exceed succeed red bed seed feed".split()) - {"needed"}
_FUTURE_WORDS = frozenset("will shall would going expects expect plans plan next".split())
#: How far back (characters) the clause of a year-less month is read, to its last sentence mark or quotation mark.
CLAUSE_REACH = 80
_CLAUSE_HEAD = re.compile(r"[.;:!?\"\u201c\u201d]\s*([^.;:!?\"\u201c\u201d]*)$")
_WORD = re.compile(r"[A-Za-z']+")
_CLAUSE_TAIL = re.compile(r"[^.;:!?,\"\u201c\u201d]*")


def _past_clause(text: str, end: int, after: int | None = None) -> bool:
    """Does the clause around a date tell the past? The words before *end* back to the sentence or quotation
    mark decide; when they hold no verb of tense, those after *after* to the next mark or subordinating word
    ("that", "which"...) do. At most CLAUSE_REACH characters each way."""
    lo = max(0, end - CLAUSE_REACH)
    chunk = text[lo:end]
    m = _CLAUSE_HEAD.search(chunk)
    parts = [[w.lower() for w in _WORD.findall(m.group(1) if m else chunk)]]
    if after is not None:
        tail = _CLAUSE_TAIL.match(text, after, min(len(text), after + CLAUSE_REACH)).group(0)
        words = [w.lower() for w in _WORD.findall(tail)]
        cut = next((k for k, w in enumerate(words) if w in _SUBORDINATORS), len(words))
        parts.append(words[:cut])
    for words in parts:
        if any(w in _FUTURE_WORDS or w.endswith("'ll") for w in words):
            return False
        if any(w in PAST_WORDS or (len(w) > 4 and w.endswith("ed") and w not in PAST_NOT) for w in words):
            return True
    return False


_SUBORDINATORS = frozenset("that which who whom whose when where because although though if unless".split())


def _not_after_writing(r: dict, text: str, writing: dict) -> None:
    """A year-less month told in the past ('sent word in December') is not after the time of writing: the
    last such month (and day) on or before it."""
    wy, wm, wd = writing["year_start"], writing["month"], writing["day"]
    if wm is None or r["year_start"] is None:
        return
    when, now = (r["year_start"], r["month"], r["day"] or 1), (wy, wm, wd or 31)
    if when <= now or not _past_clause(text, r["start"], r["end"]):
        return
    y = wy if (r["month"], r["day"] or 1) <= (wm, wd or 31) else wy - 1
    r["year_start"] = r["year_end"] = y


_JOINED = re.compile(r"^\s*,?\s*(?:and|or|to|through|until|till|-|\u2013)\s*$")


def _shared_year(rows: list[dict], i: int, r: dict, text: str) -> int | None:
    """The next row, when only a conjunction separates it and it has a year of its own (a shared year)."""
    if i + 1 >= len(rows) or r["_resolve"] != "context_year":
        return None
    nxt = rows[i + 1]
    if nxt["kind"] != "explicit" or nxt["year_start"] is None or nxt["_resolve"] != "none":
        return None
    return i + 1 if nxt["start"] - r["end"] <= 12 and _JOINED.match(text[r["end"]:nxt["start"]]) else None


def _in_century(anchor: dict, r: dict, reference_year: int | None) -> dict:
    """A decade or year written without its century ('the forties', '’38'): the century nearest the anchor.

    Of the candidates in the anchor's century and the ones either side, the
    one nearest the anchor's year (the earlier on a tie).
    """
    y = anchor["year_start"]
    cands = [c + r["_yy"] for c in (y - y % 100 - 100, y - y % 100, y - y % 100 + 100)]
    start = min(cands, key=lambda c: (abs(c - y) if not c <= y < c + r["_len"] else 0, c))
    if r["_len"] == 1:
        return values(start, start, r["granularity"])
    a, b = period_part(r["_part"], start, 10)
    return values(a, b, r["granularity"])


def _from_writing_span(r: dict, ref: int, when: dict | None = None) -> dict:
    """'the past N years': reference_year - N .. reference_year."""
    n = r["_n"] * (10 if r["_unit"] == "decade" else 1)
    if r["_unit"] == "month":
        n = max(1, round(r["_n"] / 12))
    return values(ref - n, ref, "years")


_UNIT_YEARS = {"year": 1, "decade": 10, "century": 100}
#: Units shorter than a year: resolved against a date of at most two years ("the following winter" after "the
#: 1890s" counts from the last such date, not from the decade).
_SHORT_UNITS = frozenset({"day", "week", "fortnight", "month"} | set(SEASON_MONTHS) | {m for m in MONTHS if len(m) > 3})


def _ago(r: dict, ref: int, when: dict | None = None) -> dict:
    """'seven years ago': reference_year - N (units shorter than a year: the year of writing)."""
    y = ref - r["_n"] * _UNIT_YEARS.get(r["_unit"], 0)
    return values(y, y, "year")


def _deictic(r: dict, ref: int, when: dict | None = None) -> dict:
    """'last month', 'next year', 'last August' from the time of writing.

    *when*: the date of writing (a story's dateline, with its month and day):
    "last week" is the month seven days before it, "next month" the month
    after, "last September" the latest September before its month, "next
    spring" the first spring after it.
    """
    step = -1 if r["_dir"] == "last" else 1
    unit = r["_unit"]
    wm = None if when is None else when["month"]
    if wm is not None and unit in ("week", "month"):
        d = _dt.date(ref, wm, when["day"] or 15)
        d = d + _dt.timedelta(days=7 * step) if unit == "week" else _add_months(d.replace(day=15), step)
        return values(d.year, d.year, "month", d.month)
    if unit in ("week", "month"):
        return values(ref, ref, "month")
    if unit == "year":
        return values(ref + step, ref + step, "year")
    start = r["_month"]
    if wm is None:
        y = ref + step
    elif step < 0:
        y = ref if start < wm else ref - 1
    else:
        y = ref if start > wm else ref + 1
    if unit == "winter":
        return values(y, y + 1, "season")
    return values(y, y, r["granularity"], r["month"])


_FROM_WRITING = {"from_writing": _from_writing_span, "ago": _ago, "deictic": _deictic}


def _within_anchor(anchor: dict, r: dict) -> dict:
    """'the end of the century', 'early in the decade': a part of the anchor's decade or century."""
    y = anchor["year_start"]
    if r["_unit"] == "year":
        y += {"next": 1, "previous": -1}.get(r["_rel"], 0)
        return values(y, y, "season")
    length = 100 if r["_unit"] == "century" else 10
    start = y - y % length
    rel = r["_rel"]
    if rel in ("next", "following"):
        start += length
    elif rel in ("previous", "preceding"):
        start -= length
    elif rel == "new" or (r["_part"] or "").lower() == "turn":
        start = (y + length // 2) // length * length  # the one that starts nearest
    a, b = period_part(r["_part"], start, length)
    return values(a, b, "century" if (a, b) == (start, start + 99) else "years")


_SEASON_WORD = re.compile(r"\b(?:spring|summer|autumn|fall|winter)\b", re.I)


def _season_of_anchor(anchor: dict, r: dict) -> dict:
    """'the following spring', 'that September': in the anchor's year, the year after or before."""
    y, am, tm = anchor["year_start"], anchor["month"], r["_month"]
    if am is None and anchor["granularity"] == "season":  # "the summer of 1898": the season's first month
        named = _SEASON_WORD.search(anchor["text"])
        am = None if named is None else SEASON_MONTHS[named.group(0).lower()]
    d = r["_dir"]
    if d in ("following", "next"):
        y = anchor["year_end"] if am is not None and tm > am else anchor["year_end"] + 1
    elif d in ("previous", "preceding"):
        y = y if am is not None and tm < am else y - 1
    elif r["_unit"] == "winter" and am is not None and am <= 2:
        y -= 1  # "that winter" in January: the winter that began the year before
    ye = y + 1 if r["_unit"] == "winter" else y
    return values(y, ye, r["granularity"], r["month"])


_WEEKDAY = {d: k for k, d in enumerate(calendar.day_name)}
#: How many months from the anchor's on "Thursday the 7th" is looked for in.
WEEKDAY_DAY_MONTHS = 3


def _weekday_day(anchor: dict, r: dict) -> dict | None:
    """The first of WEEKDAY_DAY_MONTHS months from the anchor's in which day ``r["day"]`` is the weekday."""
    want = _WEEKDAY[r["_weekday"].capitalize()]
    for k in range(WEEKDAY_DAY_MONTHS):
        d = _add_months(_dt.date(anchor["year_start"], anchor["month"], 1), k)
        if r["day"] <= calendar.monthrange(d.year, d.month)[1] and d.replace(day=r["day"]).weekday() == want:
            return values(d.year, d.year, "day", d.month, r["day"])
    return None


def _weekday(anchor: dict, r: dict) -> dict:
    """A weekday: the nearest such day on or before the anchor's day (following/next: after it)."""
    if anchor["granularity"] != "day" or anchor["month"] is None or anchor["day"] is None:
        return values(anchor["year_start"], anchor["year_end"], anchor["granularity"], anchor["month"])
    d = _dt.date(anchor["year_start"], anchor["month"], anchor["day"])
    want = _WEEKDAY[r["_unit"].capitalize()]
    if r["_dir"] in ("following", "next"):
        d += _dt.timedelta(days=(want - d.weekday() - 1) % 7 + 1)
    else:
        d -= _dt.timedelta(days=(d.weekday() - want) % 7 + (7 if r["_dir"] == "previous" else 0))
    return values(d.year, d.year, "day", d.month, d.day)


def _instant(anchor: dict, r: dict) -> dict:
    """'the 4th inst.': the day of the anchor's month (ult.: the month before, prox.: the month after)."""
    if anchor["month"] is None:
        return values(anchor["year_start"], anchor["year_end"], anchor["granularity"])
    d = _add_months(_dt.date(anchor["year_start"], anchor["month"], 1), r["_n"])
    day = r["day"]
    if day > calendar.monthrange(d.year, d.month)[1]:
        return values(d.year, d.year, "month", d.month)
    return values(d.year, d.year, "day", d.month, day)


_ANCHORED = {"instant": _instant, "within_anchor": _within_anchor, "season_of_anchor": _season_of_anchor, "weekday": _weekday}


def _add_months(d: _dt.date, n: int) -> _dt.date:
    k = d.year * 12 + d.month - 1 + n
    y, m = divmod(k, 12)
    return _dt.date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


_BACKWARDS = ("earlier", "before", "previously", "previous", "preceding")


def _shift_within_year(anchor: dict, unit: str, n: int) -> dict:
    """A shift by days, weeks or months (n signed) of an anchor that has a month (and a day)."""
    g = anchor["granularity"]
    if g == "day" and anchor["month"] is not None and anchor["day"] is not None:
        d = _dt.date(anchor["year_start"], anchor["month"], anchor["day"])
        if unit == "month":
            d = _add_months(d, n)
            return values(d.year, d.year, "month", d.month)
        d = d + _dt.timedelta(days=n * (7 if unit == "week" else 1))
        return values(d.year, d.year, "day", d.month, d.day)
    d = _dt.date(anchor["year_start"], anchor["month"], 15)
    d = _add_months(d, n) if unit == "month" else d + _dt.timedelta(days=n * (7 if unit == "week" else 1))
    return values(d.year, d.year, "month", d.month)


def _around(anchor: dict, step: int, sign: int) -> dict:
    """The *step* years after (sign 1) or before (-1) the anchor's years."""
    if sign > 0:
        return values(anchor["year_end"] + 1, anchor["year_end"] + step, "years")
    return values(anchor["year_start"] - step, anchor["year_start"] - 1, "years")


def _shift(anchor: dict, r: dict) -> dict:
    """The values of relative row *r* resolved against *anchor* (``resolve``: shift, next, around_anchor)."""
    unit, n = r["_unit"], r["_n"]
    sign = -1 if r["_dir"] in _BACKWARDS else 1
    if r["_resolve"] == "next":
        n = 1
    if r["_resolve"] == "around_anchor":
        return _around(anchor, n * (10 if unit == "decade" else 1), sign)
    if unit == "fortnight":
        unit, n = "week", 2 * n
    if n == 0 and r["_resolve"] != "next":  # a vague count ("a few", "several")
        if unit in _UNIT_YEARS:
            return values(None, None, None)
        return values(anchor["year_start"], anchor["year_end"], "year" if anchor["year_start"] == anchor["year_end"]
                      else "years")
    if unit in _UNIT_YEARS:
        step = sign * n * _UNIT_YEARS[unit]
        ys, ye = anchor["year_start"] + step, anchor["year_end"] + step
        if unit == "year" and r.get("_part") and ys == ye:  # "early the next year": a part of that year
            return values(ys, ye, "season")
        return values(ys, ye, "year" if ys == ye else "years")
    g = anchor["granularity"]
    if (g == "day" and anchor["month"] is not None and anchor["day"] is not None) or (
            g == "month" and anchor["month"] is not None):
        return _shift_within_year(anchor, unit, sign * n)
    # Coarser anchors: a shift smaller than a year keeps the anchor's years.
    return values(anchor["year_start"], anchor["year_end"], g if g in ("year", "years", "season", "decade") else "year")


def _frame(rows: list[dict], doc_id: str) -> pd.DataFrame:
    """The dates frame, built column by column from the row dicts (see :func:`find_dates` for the types)."""
    n = len(rows)

    def ints(key):  # never missing
        return np.fromiter([r[key] for r in rows], dtype=np.int64, count=n)

    def nullable(key, dtype):
        vals = [r.get(key) for r in rows]
        missing = np.fromiter([v is None for v in vals], dtype=bool, count=n)
        data = np.fromiter([0 if v is None else v for v in vals], dtype=np.int64, count=n)
        if dtype == "Int32":
            return spans.nullable_ids(data, missing)
        return pd.arrays.IntegerArray(data, mask=missing)

    def strings(key):
        return pd.array([r.get(key) for r in rows], dtype="str")

    return pd.DataFrame({
        "doc_id": spans.doc_id_column(doc_id, n),
        "date_id": spans.ids(np.arange(n)),
        "para_id": spans.ids(ints("para_id")),
        "start": spans.ids(ints("start")),
        "end": spans.ids(ints("end")),
        "text": strings("text"),
        "year_start": nullable("year_start", "Int64"),
        "year_end": nullable("year_end", "Int64"),
        "month": nullable("month", "Int64"),
        "day": nullable("day", "Int64"),
        "granularity": strings("granularity"),
        "kind": strings("kind"),
        "in_citation": np.fromiter([r["in_citation"] for r in rows], dtype=bool, count=n),
        "in_quote": np.fromiter([r["in_quote"] for r in rows], dtype=bool, count=n),
        "rule": strings("rule"),
        "anchor_date_id": nullable("anchor_date_id", "Int32"),
        "event": strings("event"),
    })
