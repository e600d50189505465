"""Temporal references: a documented regex cascade, no general date parser.

:func:`find_dates` turns the body paragraphs of a text into one row per
temporal reference. It does **not** use ``dateparser`` or similar parsers:
they fill missing parts with today's date, read "we" as Wednesday and split
"November 4, 1920". Instead, a fixed cascade of small regular expressions is
tried in order (:data:`RULES`); a match is kept only if none of its characters
was claimed by an earlier rule, so ``between 1936 and 1939`` is one reference,
not two years.

The cascade
-----------
======================  =========  ===========  ==================================================
rule                    kind       granularity  examples (what the span covers)
======================  =========  ===========  ==================================================
``iso_date``            explicit   day          ``1920-11-03``
``between_years``       explicit   years        ``between 1936 and 1939``, ``between March 1919 and 1920``
``from_to_years``       explicit   years        ``from 1924 to 1927``, ``From 1924 until 1927``
``from_year_on``        explicit   years        ``From 1924 on``, ``from 1924 onwards`` (open: year_end = year_start)
``decade_part``         explicit   years        ``the latter half of the 1920s``, ``the mid-1950s``, ``the early 1930s``
``decade``              explicit   decade       ``the 1920s``, ``1920s``
``month_day_year``      explicit   day          ``November 3, 1920``, ``Nov. 3rd, 1920``
``day_month_year``      explicit   day          ``3 November 1920``, ``15 February 1989``
``season_year``         explicit   season       ``the autumn of 1924``, ``winter 1941-42``
``part_year``           explicit   season       ``early 1919``, ``mid-1920``, ``the end of 1920``, ``the first half of 1920``
``month_year``          explicit   month        ``October 1917``, ``November of 1920``, ``early November 1920``
``year_range``          explicit   years        ``1925-26``, ``1917-20``, ``1917–1920``, ``1941/42``
``month_day``           explicit   day          ``November 26``, ``26 November`` (year carried from context)
``year``                explicit   year         ``1917``
``offset``              relative   (varies)     ``One day later``, ``a little more than two weeks later``, ``three years earlier``
``next_unit``           relative   (varies)     ``the following year``, ``the next day``, ``the previous month``
``span_back``           relative   years        ``during the past three years``, ``over the last three years``
``span_next``           relative   years        ``the following three years``, ``the preceding two years``
``event``               event      year/years   a name from the events table used as a time anchor
======================  =========  ===========  ==================================================

Rules of resolution
-------------------
* **Context year** (``month_day``): the year of the last earlier explicit date
  that has a year, outside citations (``anchor_date_id`` points to it). The
  row stays ``kind="explicit"``.
* **Relative offsets** (``offset``, ``next_unit``, ``span_next``) are
  resolved against the *last resolved date* before them: the latest earlier
  explicit or relative reference, never one in a citation nor an event (for
  a reference outside quotation marks, never one inside them: a quoted
  speaker's dates are not the narrative's). Day/week offsets need a day (or
  month) in the anchor; otherwise the result keeps the anchor's granularity.
  If the relative phrase is followed by an explicit date in apposition
  (``One day later, on November 4, 1920``), it takes that date
  (``rule="offset+apposition"``).
* **"The past/last N years"** (``span_back``) counts back from the time of
  writing, ``reference_year``; by default the latest year any date of the
  text mentions, citations included (a text is written after the sources it
  cites). "The previous/preceding N years" (``span_next``) counts back from
  the narrative anchor instead.
* **Events** come from a user-editable table (:func:`read_events`). An alias
  counts as a temporal reference only when it is used to place something in
  time: after a temporal preposition (after, before, during, since, until,
  following, throughout, at, by) or inside a time noun phrase (``the end of``,
  ``the aftermath of``, ``the early years of``, ``the eve of``...) or the
  clause ``as <event> was ending``. The time noun phrase is part of the span
  and changes the years: end/close/conclusion → the event's last year;
  aftermath/wake/years following → the last year and the next
  :data:`AFTERMATH_YEARS`; eve/outbreak/beginning → the first year; early
  years of → the first year and the next :data:`AFTERMATH_YEARS`. An event
  whose date is given by an adjacent calendar expression (``Lenin's death in
  January 1924``, ``in 1928 at the Sixth Congress``) is not a separate row.
* **Citations**: a date inside a citation span gets ``in_citation=True``. It
  is kept (it is a date in the text) but it is never an anchor and never a
  historical reference (see :func:`historical_dates`). Without a citations
  frame, a small fallback flags dates inside a parenthesis or bracket that
  also holds a page reference, ``Ibid.``/``op. cit.``, a ``Place: Publisher,
  Year`` imprint, or that is an author-year reference ``(Smith 1998, 41)``.

Bare four-digit numbers are years only between ``year_min`` and ``year_max``
and not after a page/volume/number word (``p.``, ``pp.``, ``vol.``, ``no.``...)
or before a unit or count noun (``1500 workers``, ``2000 km``).

Not handled (by design): dates written in words ("nineteen seventeen"),
centuries, "a few days later"/"several years later" (no number), deictic words
("now", "today", "then"), and events not in the table.
"""

from __future__ import annotations

import bisect
import calendar
import functools
import datetime as _dt
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from . import spans
from .errors import ColumnError, InputError

__all__ = [
    "find_dates",
    "read_events",
    "prepare_events",
    "historical_dates",
    "RULES",
    "DATE_COLUMNS",
    "EVENT_COLUMNS",
    "AFTERMATH_YEARS",
]

#: Columns of :func:`find_dates`, in order.
DATE_COLUMNS = [
    "doc_id", "date_id", "para_id", "start", "end", "text",
    "year_start", "year_end", "month", "day", "granularity", "kind",
    "in_citation", "in_quote", "rule", "anchor_date_id", "event",
]

#: Columns of the events table (:func:`read_events`).
EVENT_COLUMNS = ["name", "aliases", "year_start", "year_end", "source"]

#: "The aftermath of X", "the early years of X" span this many years after
#: the year they start from (a convention, stated so it can be changed).
AFTERMATH_YEARS = 3

GRANULARITIES = ("day", "month", "season", "year", "years", "decade")
KINDS = ("explicit", "relative", "event")

# ---------------------------------------------------------------- words
_MONTHS: dict[str, int] = {}
for _i, _name in enumerate(calendar.month_name):
    if _i:
        _MONTHS[_name.lower()] = _i
for _abbr, _i in (("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6), ("jul", 7), ("aug", 8),
                  ("sep", 9), ("sept", 9), ("oct", 10), ("nov", 11), ("dec", 12)):
    _MONTHS[_abbr] = _i

# Month names are matched case-sensitively (capitalised) so that "may" and
# "march" the verbs are not months; abbreviations need their full stop.
_MONTH = (
    r"(?P<{g}>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.)"
)
_DAY = r"(?P<{g}>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_Y = r"(?P<{g}>\d{{4}})(?!\d)"
_Y2 = r"(?P<{g}>\d{{4}}|\d{{2}})(?!\d)"  # second half of a range: 1925-26 or 1925-1926
_DASH = r"\s*[-\u2013\u2014/]\s*"
_NOT_BEFORE = r"(?<![\w$£€#.,/\-\u2013])"  # a year does not continue a number, a word or an amount

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50,
}
_NUM = r"(?P<num>\d{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_APPROX = (
    r"(?:(?:only|just|about|some|nearly|almost|roughly|around|barely|precisely|exactly|over|under"
    r"|(?:a\s+)?(?:little|bit|bit\s+more|good\s+deal)?\s*(?:more|less)\s+than)\s+)*"
)
_UNIT = r"(?P<unit>day|week|fortnight|month|year|decade)s?"

#: Words that make a following four-digit number a page, volume or number
#: (abbreviations only with their full stop: "no. 1917", not "no 1917").
_PAGE_WORDS = frozenset(
    "page pages volume volumes number numbers chapter article section figure table note notes line lines "
    "folio column item document".split()
)
_PAGE_ABBREVIATIONS = frozenset("p pp vol vols no nos n nn ch chap art sec fig tab fol col ff doc".split())
#: Count and unit nouns that make a preceding four-digit number a quantity.
_COUNT_NOUNS = frozenset(
    "people persons men women children workers soldiers troops members delegates deputies votes copies "
    "pages words letters tons tonnes km kilometres kilometers miles metres meters feet yards acres hectares "
    "dollars rubles roubles pounds francs marks lire yen kg kilograms casualties dead killed prisoners "
    "strikers families households villages factories units items cases times".split()
)

# ------------------------------------------------------------ the cascade


@dataclass(frozen=True)
class Rule:
    """One step of the cascade: a name, the regex, and how to read a match."""

    name: str
    kind: str
    pattern: re.Pattern
    read: Callable[[re.Match, str], dict | None]
    doc: str


def _year(s: str) -> int:
    return int(s)


def _second_year(first: int, s: str) -> int | None:
    """Expand ``26`` after ``1925`` to 1926; None when not after *first*."""
    if len(s) == 4:
        y = int(s)
    else:
        y = first - first % 100 + int(s)
    return y if y > first else None


def _month(s: str) -> int:
    return _MONTHS[s.rstrip(".").lower()]


def _valid_day(y: int, m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]


def _vals(ys, ye, gran, month=None, day=None) -> dict:
    return {"year_start": ys, "year_end": ye, "month": month, "day": day, "granularity": gran}


def _read_iso(m, text):
    y, mo, d = int(m["y"]), int(m["mo"]), int(m["d"])
    return _vals(y, y, "day", mo, d) if _valid_day(y, mo, d) else None


def _read_two_years(m, text):
    a, b = _year(m["y1"]), _year(m["y2"])
    if b < a:
        return None
    return _vals(a, b, "years" if b > a else "year")


def _read_from_on(m, text):
    y = _year(m["y1"])
    return _vals(y, y, "years")


# Decades and parts of a period: which tenths of the decade each word covers.
_PART_OF_DECADE = {
    "early": (0, 3), "beginning": (0, 2), "start": (0, 2), "mid": (4, 6), "middle": (4, 6),
    "late": (7, 9), "end": (8, 9), "close": (8, 9),
    "first half": (0, 4), "second half": (5, 9), "latter half": (5, 9), "last half": (5, 9),
}


def _read_decade_part(m, text):
    base = int(m["dec"])
    part = re.sub(r"\s+", " ", (m["part"] or m["part2"]).lower())
    a, b = _PART_OF_DECADE[part]
    return _vals(base + a, base + b, "years")


def _read_decade(m, text):
    base = int(m["dec"])
    return _vals(base, base + 9, "decade")


def _read_mdy(m, text):
    y, mo, d = _year(m["y"]), _month(m["mon"]), int(m["day"])
    return _vals(y, y, "day", mo, d) if _valid_day(y, mo, d) else None


def _read_season(m, text):
    y = _year(m["y"])
    ye = y
    if m["y2"]:
        ye = _second_year(y, m["y2"])
        if ye is None:
            return None
    return _vals(y, ye, "season")


def _read_part_year(m, text):
    y = _year(m["y"])
    return _vals(y, y, "season")


def _read_month_year(m, text):
    y = _year(m["y"])
    return _vals(y, y, "month", _month(m["mon"]))


def _read_year_range(m, text):
    a = _year(m["y"])
    b = _second_year(a, m["y2"])
    if b is None:
        return None
    return _vals(a, b, "years")


def _read_month_day(m, text):
    d, mo = int(m["day"]), _month(m["mon"])
    if not _valid_day(2000, mo, d):  # a leap year accepts 29 February
        return None
    return _vals(None, None, "day", mo, d)


def _read_year(m, text):
    y = _year(m["y"])
    return _vals(y, y, "year")


_YEAR_OR_RANGE = _Y.format(g="y") + r"(?:" + _DASH + _Y2.format(g="y2") + r")?"
_SEASON = r"(?:spring|summer|autumn|fall|winter)"

_EXPLICIT_SPECS: list[tuple[str, str, Callable, str]] = [
    ("iso_date", r"(?<![\d-])(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})(?![\d-])", _read_iso,
     "ISO calendar date YYYY-MM-DD."),
    ("between_years",
     r"\b[Bb]etween\s+(?:(?:the\s+years\s+)|" + _MONTH.format(g="m1") + r"\s+)?" + _Y.format(g="y1")
     + r"\s+and\s+(?:" + _MONTH.format(g="m2") + r"\s+)?" + _Y.format(g="y2"),
     _read_two_years, "'between Y1 and Y2' (months allowed before each year): the span Y1..Y2."),
    ("from_to_years",
     r"\b[Ff]rom\s+(?:" + _MONTH.format(g="m1") + r"\s+)?" + _Y.format(g="y1")
     + r"\s+(?:to|until|till|through|thru)\s+(?:" + _MONTH.format(g="m2") + r"\s+)?" + _Y.format(g="y2"),
     _read_two_years, "'from Y1 to/until/through Y2': the span Y1..Y2."),
    ("from_year_on",
     r"\b[Ff]rom\s+" + _Y.format(g="y1") + r"\s+(?:on(?:ward|wards)?|forward)\b",
     _read_from_on, "'from Y on(wards)': an open span; year_end = year_start because the text gives no end."),
    ("decade_part",
     r"(?:\b[Tt]he\s+)?(?:(?P<part>early|mid|late|middle)(?:\s*-\s*|\s+)|"
     r"(?P<part2>(?:first|second|latter|last)\s+half|beginning|start|middle|end|close)\s+of\s+the\s+)"
     r"(?P<dec>\d{3}0)(?:\u2019|')?s\b",
     _read_decade_part,
     "Part of a decade: early = years 0-3, mid/middle = 4-6, late = 7-9, beginning/start = 0-2, "
     "end/close = 8-9, first half = 0-4, second/latter/last half = 5-9."),
    ("decade", r"(?:\b[Tt]he\s+)?" + _NOT_BEFORE + r"(?P<dec>\d{3}0)(?:\u2019|')?s\b", _read_decade,
     "A decade 'the 1920s' = 1920..1929."),
    ("month_day_year",
     _MONTH.format(g="mon") + r"\s+" + _DAY.format(g="day") + r",?\s+" + _Y.format(g="y"),
     _read_mdy, "'November 3, 1920' (comma optional, ordinal suffix allowed)."),
    ("day_month_year",
     r"\b" + _DAY.format(g="day") + r"\s+(?:of\s+)?" + _MONTH.format(g="mon") + r",?\s+" + _Y.format(g="y"),
     _read_mdy, "'3 November 1920', '3rd of November, 1920'."),
    ("season_year",
     r"(?:\b[Tt]he\s+)?(?:(?:early|late|mid|high)\s*-?\s*)?\b" + _SEASON + r"\s+of\s+" + _YEAR_OR_RANGE
     + r"|\b(?:[Ss]pring|[Ss]ummer|[Aa]utumn|[Ww]inter|[Ff]all)\s+" + _NOT_BEFORE + _YEAR_OR_RANGE,
     _read_season, "A season of a year (or of a two-year range for winters): 'the autumn of 1924', 'winter 1941-42'."),
    ("part_year",
     r"\b(?:[Ee]arly|[Ll]ate|[Mm]id)(?:\s*-\s*|\s+)(?:in\s+)?" + _Y.format(g="y")
     + r"|(?:\b[Tt]he\s+)?\b(?:beginning|start|middle|end|close|(?:first|second|latter|last)\s+half)\s+of\s+"
     + _Y.format(g="y"),
     _read_part_year, "Part of a year: 'early 1919', 'mid-1920', 'late in 1920', 'the end of 1920'."),
    ("month_year",
     r"(?:\b(?:[Ee]arly|[Ll]ate|[Mm]id)(?:\s*-\s*|\s+))?" + _MONTH.format(g="mon") + r",?\s+(?:of\s+)?"
     + _NOT_BEFORE + _Y.format(g="y"),
     _read_month_year, "'October 1917', 'November of 1920', 'early November 1920'."),
    ("year_range", _NOT_BEFORE + _Y.format(g="y") + _DASH + _Y2.format(g="y2"), _read_year_range,
     "'1925-26', '1917-20', '1917-1920', '1941/42' (the second year must be later than the first)."),
    ("month_day",
     _MONTH.format(g="mon") + r"\s+" + _DAY.format(g="day") + r"(?![\d,.]*\d)(?!\s*,?\s*\d)"
     r"|\b" + _DAY.format(g="day") + r"\s+(?:of\s+)?" + _MONTH.format(g="mon") + r"(?!,?\s*\d)",
     _read_month_day, "'November 26', '26 November' without a year: the year comes from context."),
    ("year", _NOT_BEFORE + _Y.format(g="y") + r"(?![\d%]|[.,]\d|\s*per\s*cent)", _read_year,
     "A bare year between year_min and year_max (see page-word and count-noun guards)."),
]


def _compile(pattern: str, flags: int = 0) -> re.Pattern:
    # The same group name may occur in two alternatives; rename duplicates
    # before compiling (re does not allow repeated names) and let the reader
    # look them up through a merged view.
    seen: dict[str, int] = {}

    def rename(mo: re.Match) -> str:
        n = mo.group(1)
        seen[n] = seen.get(n, 0) + 1
        return f"(?P<{n}>" if seen[n] == 1 else f"(?P<{n}__{seen[n]}>"

    return re.compile(re.sub(r"\(\?P<(\w+)>", rename, pattern), flags)


class _Merged:
    """Match wrapper: ``m["y"]`` gives the first non-empty of ``y``, ``y__2``, ``y__x``... (pattern order)."""

    def __init__(self, m: re.Match):
        self.m = m
        self._d = m.groupdict()

    def __getitem__(self, key: str):
        v = self._d.get(key)
        if v is None:
            prefix = key + "__"
            for name, val in self._d.items():
                if val is not None and name.startswith(prefix):
                    return val
        return v

    def start(self):
        return self.m.start()

    def end(self):
        return self.m.end()


# Relative expressions (case-insensitive): (name, pattern) in the order they are tried.
_RELATIVE_SPECS: list[tuple[str, str]] = [
    ("span_back",
     r"\b(?:(?:during|over|in|for|within|throughout)\s+)?the\s+(?:past|last)\s+" + _NUM + r"\s+"
     r"(?P<unit>year|decade|month)s?\b"),
    ("span_next",
     r"\b(?:(?:during|over|in|for|within|throughout)\s+)?the\s+(?P<dir>following|next|previous|preceding)\s+"
     + _NUM + r"\s+(?P<unit>year|decade)s?\b"),
    ("next_unit",
     r"\b(?:the\s+(?P<dir>following|next|previous|preceding)\s+(?P<unit>day|week|month|year|decade)"
     r"|the\s+(?P<unit__x>day|week|month|year)\s+(?P<dir__x>before|after)(?=\s*[,.;:!?)]))\b"),
    ("offset",
     r"\b" + _APPROX + _NUM + r"\s+" + _UNIT
     + r"\s+(?P<dir>later|afterwards?|earlier|previously|(?:after|before|since|on)(?=\s*[,.;:!?)]))\b"),
]

_RULE_DOCS = [
    ("offset", "relative", "'One day later', 'a little more than two weeks later', 'three years earlier': "
     "the last resolved date plus or minus N days/weeks/months/years."),
    ("next_unit", "relative", "'the following year', 'the next day', 'the previous month', 'the year before'."),
    ("span_back", "relative", "'during the past three years', 'over the last three years': "
     "reference_year - N .. reference_year."),
    ("span_next", "relative", "'the following three years' = anchor+1 .. anchor+N; "
     "'the preceding three years' = anchor-N .. anchor-1."),
    ("event", "event", "An alias from the events table used as a time anchor (see module docs)."),
]


def __getattr__(name: str) -> Any:
    # RULES is built on first use: a frame at import time would slow down ``import textmine``.
    if name == "RULES":
        rules = pd.DataFrame(
            [(n, "explicit", d) for n, _, _, d in _EXPLICIT_SPECS] + _RULE_DOCS,
            columns=["rule", "kind", "description"],
        ).astype({"rule": "str", "kind": "str", "description": "str"})
        globals()["RULES"] = rules
        return rules
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# ------------------------------------------------------------ fast scanning
#
# Running each rule's regex over every paragraph costs time in proportion to
# the text times the number of rules, although few positions can start a
# match. The scan below gives exactly the matches of
# ``pattern.finditer(text, para_start, para_end)`` but tries the pattern only
# in *windows* that hold every position where a match can start:
#
# * every explicit rule's match contains a digit, and before its first digit
#   there are only ASCII letters, whitespace, ``.``, ``,`` and ``-``, in at
#   most :data:`_WORDS_BEFORE_DIGIT` letter runs ("the latter half of the
#   1920s" has five; ``Sept.`` and ``mid-`` are one): a window runs from
#   there to the end of the digits (from the digits, for a rule that starts
#   with one). The match takes the
#   whole run of digits, four long or (a day) one or two (:data:`_FIRST_DIGITS`),
#   so a window is tried only by the rules its run fits;
# * every relative rule's match contains a unit word (day, week, fortnight,
#   month, year, decade) after whitespace, with only letters, digits and
#   whitespace before it: a window runs from there to the unit word;
# * an event match starts where the first word of an alias does (and, when
#   that word is followed by one space and a word character, where some alias
#   allows that character there: :func:`_alias_next_chars`);
# * cheap necessary conditions narrow the windows further: the gated rules
#   need a gate word (:data:`_GATE`), month_day_year and month_year a month's
#   capital initial before the digits (:data:`_MONTH_INITIAL`); a rule that
#   starts at the first digit of a run is tried there alone (:func:`_seek_digits`).
#
# In a window, one regex call (a "seeker": a lazy run over the window's
# characters, then the pattern's possible first characters and the pattern
# itself as lookaheads) finds the leftmost start. The pattern always sees the
# text to the paragraph end, and a match consumes the text up to its end as
# in ``finditer``, so the matches are the same. tests/test_dates.py checks
# this against the plain ``finditer`` on random text.

_MAX_WORDS_BEFORE_DIGIT = 6
#: The most letter runs a rule's match can have before its first digit (read
#: off the patterns; rules starting with a digit need none, other rules not
#: listed get :data:`_MAX_WORDS_BEFORE_DIGIT`).
_WORDS_BEFORE_DIGIT = {
    "between_years": 3,   # between the years | between Sept.
    "from_to_years": 2,   # from Sept.
    "from_year_on": 1,    # from
    "decade_part": 5,     # the latter half of the | the mid-
    "decade": 1,          # the
    "month_day_year": 1,  # Nov.
    "season_year": 4,     # the early autumn of | the mid-summer of
    "part_year": 4,       # the first half of | early in
    "month_year": 3,      # early November of
    "month_day": 1,       # November
}
#: The length of the first run of digits in a match (a day, else a four-digit year or decade).
_FIRST_DIGITS = {"month_day_year": (1, 2), "day_month_year": (1, 2), "month_day": (1, 2)}
#: Rules that rarely match: a window (its first run of digits four long) is
#: tried by them only when it passes :data:`_GATE` or :data:`_GATE_AFTER`.
_GATED = ("between_years", "from_to_years", "from_year_on", "decade_part", "decade", "season_year", "part_year")
#: A match of a gated rule that starts before its first run of digits has
#: one of these words between its start and the digits (read off the
#: patterns: between, from, a season, a part of a year; decade_part has a
#: decade after it as well)...
_GATE = re.compile(r"between|from|spring|summer|autumn|fall|winter|early|late|mid|beginning|start|end|close|half", re.I)
#: ...and one that starts with its digits is a decade: ``1920s``, ``1920's``.
_GATE_AFTER = re.compile(r"(?<=0)(?:\u2019|')?s")
#: :data:`_GATE` without ``re.I``, for a lower-cased window (much faster than
#: the case-insensitive search; see :class:`_Anchors` ``folds``).
_GATE_LOWER = re.compile(_GATE.pattern)
#: Rules whose match has a month name (matched case-sensitively, so capitalised)
#: between its start and its first digit: a window is tried by them only
#: when it has one of the month names' initials, :data:`_MONTH_INITIAL`,
#: before its digits (month_day can have its month after the day: not listed).
_MONTH_FIRST = ("month_day_year", "month_year")
_MONTH_INITIAL = re.compile(r"[JFMASOND]")
_UNIT_WORDS = ("day", "week", "fortnight", "month", "year", "decade")
#: The most words a relative rule's match can have before its unit word
#: ("during the past three years"; offset: see :func:`_relative_back`).
_WORDS_BEFORE_UNIT = {"span_back": 4, "span_next": 4, "next_unit": 2}
_EXPLICIT_CHARS = r"[A-Za-z\s.,\-]"  # what may come before the first digit of an explicit date
_RELATIVE_CHARS = r"[a-z\d\s]"  # (case-insensitive) what may come before a unit word


@dataclass(frozen=True)
class _Compiled:
    explicit: list[Rule]
    explicit_seek: list[re.Pattern | None]
    explicit_digit_first: list[bool]  # the match starts with its first digit
    explicit_at_run: list[bool]  # ... and never inside a run of digits (see _seek_digits)
    explicit_lengths: list[tuple[int, ...]]  # the possible lengths of its first run of digits
    explicit_words: list[int]  # the most letter runs before its first digit
    explicit_gated: list[bool]  # tried only in the windows that pass _gate
    explicit_month_first: list[bool]  # tried only in the windows with _MONTH_INITIAL before the digits
    gate_words: int  # the most letter runs before the first digit of a gated rule
    relative: list[tuple[str, re.Pattern]]
    relative_seek: list[re.Pattern | None]
    relative_starts: list[re.Pattern]  # where each may start in a window (see _seek_boundaries)
    back_explicit: re.Pattern  # on reversed text: the letter runs before a digit (group w<k>: the k-th, or empty)
    back_relative: list[re.Pattern]  # on reversed text, for each relative rule: what may come before a unit word


_COMPILED: _Compiled | None = None


def _compiled() -> _Compiled:
    """The cascade's regexes, compiled on first use (import time stays low)."""
    global _COMPILED
    if _COMPILED is None:
        explicit = [Rule(n, "explicit", _compile(p), r, d) for n, p, r, d in _EXPLICIT_SPECS]
        relative = [(n, _compile(p, re.I)) for n, p in _RELATIVE_SPECS]
        _COMPILED = _Compiled(
            explicit=explicit,
            explicit_seek=[_seeker(r.pattern, _EXPLICIT_CHARS + r"*?\d*?") for r in explicit],
            explicit_digit_first=[_first_chars(r.pattern)[1] for r in explicit],
            explicit_at_run=[_starts_at_run(r.pattern) for r in explicit],
            explicit_lengths=[_FIRST_DIGITS.get(r.name, (4,)) for r in explicit],
            explicit_words=[min(_WORDS_BEFORE_DIGIT.get(r.name, _MAX_WORDS_BEFORE_DIGIT), _MAX_WORDS_BEFORE_DIGIT)
                            for r in explicit],
            explicit_gated=[r.name in _GATED for r in explicit],
            explicit_month_first=[r.name in _MONTH_FIRST for r in explicit],
            gate_words=max(_WORDS_BEFORE_DIGIT.get(n, _MAX_WORDS_BEFORE_DIGIT) for n in _GATED),
            relative=relative,
            relative_seek=[_seeker(p, _RELATIVE_CHARS + "*?") for _, p in relative],
            relative_starts=[_boundary_starts(p) for _, p in relative],
            back_explicit=re.compile(r"[\s.,\-]*" + "".join(
                r"(?P<w%d>[A-Za-z]+[\s.,\-]*|)" % k for k in range(1, _MAX_WORDS_BEFORE_DIGIT + 1))),
            back_relative=[_relative_back(n) for n, _ in relative],
        )
    return _COMPILED


def _relative_back(name: str) -> re.Pattern:
    """On reversed text, from a unit word: what a match of the relative rule *name* may have before it.

    The words before the unit word are separated by whitespace: at most
    :data:`_WORDS_BEFORE_UNIT` of them, or for ``offset`` any number of
    words made of the words of ``_APPROX`` and the number words (or digits),
    plus the whitespace before them (``_APPROX`` lets a match start with
    whitespace). A word is taken whole or not at all. Other rules: letters,
    digits and whitespace.
    """
    if name in _WORDS_BEFORE_UNIT:
        return re.compile(r"(?:\s+[a-z\d]+(?![a-z\d])){0,%d}" % _WORDS_BEFORE_UNIT[name], re.I)
    if name == "offset":
        words = set(re.findall(r"[a-z]+", re.sub(r"\\[a-zA-Z]", " ", _APPROX))) | set(_NUMBER_WORDS)
        alternatives = "|".join(sorted((w[::-1] for w in words), key=lambda w: (-len(w), w)))
        # the trailing \s*: a match may start at the end of a word, "\b\s*more than two days later"
        return re.compile(r"(?:\s+(?:\d|" + alternatives + r")+(?![a-z\d]))*\s*", re.I)
    return re.compile(_RELATIVE_CHARS + "*", re.I)


def _seeker(pattern: re.Pattern, lead: str) -> re.Pattern | None:
    """``lead`` (lazy), then lookaheads for the possible first characters and *pattern*.

    ``seeker.match(text, lo, end).end()`` is the first position from *lo*
    (over the characters *lead* admits) where *pattern* matches. None when
    the first characters cannot be worked out (the caller then uses
    ``finditer``).
    """
    first = _first_chars(pattern)[0]
    if first is None:
        return None
    return re.compile(f"{lead}(?={first})(?=(?:{pattern.pattern}))", pattern.flags)


def _first_chars(pattern: re.Pattern) -> tuple[str | None, bool]:
    """A regex matching (at least) every character a match of *pattern* can start with.

    Preceded by the zero-width assertions *pattern* starts with. None when
    that cannot be worked out or when the pattern can match the empty string.
    The flag tells whether those characters are all digits.
    """
    try:
        from re import _constants as C, _parser as P
    except ImportError:  # pragma: no cover - Python < 3.11
        import sre_constants as C  # type: ignore[no-redef]
        import sre_parse as P  # type: ignore[no-redef]
    categories = {
        C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_SPACE: r"\s",
        C.CATEGORY_NOT_SPACE: r"\S", C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W",
    }
    items: list[str] = []

    class _Unknown(Exception):
        pass

    def esc(code: int) -> str:
        return re.escape(chr(code))

    def nullable(seq) -> bool:
        """Add the first characters of *seq* to items; can *seq* match empty?"""
        for op, av in seq:
            if op is C.LITERAL:
                items.append(esc(av))
                return False
            if op is C.IN:
                for o, a in av:
                    if o is C.LITERAL:
                        items.append(esc(a))
                    elif o is C.RANGE:
                        items.append(esc(a[0]) + "-" + esc(a[1]))
                    elif o is C.CATEGORY and a in categories:
                        items.append(categories[a])
                    else:
                        raise _Unknown
                return False
            if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
                continue  # zero width
            if op is C.SUBPATTERN:
                _, add_flags, del_flags, sub = av
                if add_flags or del_flags:
                    raise _Unknown
                if not nullable(sub):
                    return False
                continue
            if op is C.BRANCH:
                if not any([nullable(alt) for alt in av[1]]):
                    return False
                continue
            if op in (C.MAX_REPEAT, C.MIN_REPEAT):
                lo, _, sub = av
                if not nullable(sub) and lo > 0:
                    return False
                continue
            raise _Unknown
        return True

    try:
        tree = P.parse(pattern.pattern, pattern.flags)
        if nullable(tree):
            return None, False
    except _Unknown:
        return None, False
    digits = all(it == r"\d" or re.fullmatch(r"[0-9](?:-[0-9])?", it) for it in items)
    return _leading_assertions(pattern, tree, P, C) + "[" + "".join(items) + "]", digits


def _leading_assertions(pattern: re.Pattern, tree, P, C) -> str:
    """The source of the zero-width assertions *pattern* starts with (``\\b``, lookbehinds), or ""."""
    n = 0
    while n < len(tree) and tree[n][0] in (C.AT, C.ASSERT, C.ASSERT_NOT):
        n += 1
    if n == 0:
        return ""
    want = repr(tree.data[:n])
    src = pattern.pattern
    for k in range(1, len(src) + 1):
        if src[k - 1] not in ")b":
            continue
        try:
            head = P.parse(src[:k], pattern.flags)
        except re.error:
            continue
        if repr(head.data) == want:
            return src[:k]
    return ""


def _seek(rx: re.Pattern, seeker: re.Pattern, text: str, ps: int, pe: int, windows):
    """The matches of ``rx.finditer(text, ps, pe)``, looking only in *windows*.

    *windows* are sorted ``(lo, hi)`` ranges (both inclusive) that hold every
    position where a match of *rx* can start; from each *lo* the characters
    up to *hi* are ones the *seeker*'s lazy lead admits.
    """
    pos = ps
    for lo, hi in windows:
        if hi < pos:
            continue
        if lo < pos:
            lo = pos
        while lo <= hi:
            w = seeker.match(text, lo, pe)
            if w is None:
                break
            m = rx.match(text, w.end(), pe)  # matches: the seeker's lookahead did
            yield m
            lo = pos = m.end()


def _seek_digits(rx: re.Pattern, seeker: re.Pattern, text: str, ps: int, pe: int, windows):
    """:func:`_seek` for a rule whose match starts at the start of a run of digits.

    Its pattern starts with its first digit behind ``\\b`` or a lookbehind
    that refuses a digit before it, so no match starts inside a run of
    digits: in a window ``(d, end)`` from the first digit of a run, the
    pattern is tried at *d* alone (one call instead of the seeker's and the
    pattern's). After a match, the rest of the window is left to :func:`_seek`.
    """
    pos = ps
    match = rx.match
    for lo, hi in windows:
        if hi < pos:
            continue
        if lo >= pos:
            m = match(text, lo, pe)
            if m is None:
                continue
            yield m
            pos = m.end()
            if pos > hi:
                continue
        for m in _seek(rx, seeker, text, pos, pe, [(max(lo, pos), hi)]):
            yield m
            pos = m.end()


def _starts_at_run(pattern: re.Pattern) -> bool:
    """Does *pattern* start with ``\\b`` or a lookbehind refusing a digit, then a digit (see :func:`_seek_digits`)?"""
    return _first_chars(pattern)[1] and pattern.pattern.startswith(("\\b", "(?<![\\d", "(?<![\\w"))


_BOUNDARY = re.compile(r"\b")


def _seek_boundaries(rx: re.Pattern, text: str, ps: int, pe: int, windows, starts: re.Pattern = _BOUNDARY):
    """The matches of ``rx.finditer(text, ps, pe)`` for a pattern that starts with ``\\b``.

    *windows* are sorted ``(lo, hi)`` ranges (both inclusive) that hold every
    position where a match can start; *rx* is tried at the word boundaries
    in them. (A seeker would run on past *hi* until a character its lead
    does not admit: up to the end of the sentence for a relative rule.)
    *starts* finds the positions to try: by default every boundary; for a
    rule, :func:`_boundary_starts` (the boundaries before a possible first
    character).
    """
    pos = ps
    for lo, hi in windows:
        if hi < pos:
            continue
        for b in starts.finditer(text, max(lo, pos), hi + 1):
            x = b.start()
            if x < pos:
                continue
            m = rx.match(text, x, pe)
            if m is not None:
                yield m
                pos = m.end()


def _boundary_starts(pattern: re.Pattern) -> re.Pattern:
    """The positions where *pattern* (starting with ``\\b``) can match: ``\\b`` then one of its first characters.

    :data:`_BOUNDARY` when the first characters cannot be worked out.
    """
    first = _first_chars(pattern)[0]
    return _BOUNDARY if first is None or not first.startswith("\\b") else re.compile(f"(?={first})", pattern.flags)


def _at_words(subs: "_EventRegexes", text: str, ps: int, pe: int, starts: list[tuple[int, tuple[str, ...]]]):
    """Like :func:`_at` with the events regex, trying at each start only the aliases beginning there."""
    pos = ps
    for p, words in starts:
        if p >= pos:
            m = subs.starting_with(words).match(text, p, pe)
            if m is not None:
                yield m
                pos = m.end()


def _merge(windows: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(windows):
        if out and lo <= out[-1][1] + 1:
            if hi > out[-1][1]:
                out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


_BMP_DIGITS: np.ndarray | None = None


def _bmp_digits() -> np.ndarray:
    """Which code points below U+10000 ``\\d`` matches (Unicode decimal digits)."""
    global _BMP_DIGITS
    if _BMP_DIGITS is None:
        _BMP_DIGITS = np.array([chr(i).isdecimal() for i in range(0x10000)], dtype=bool)
    return _BMP_DIGITS


def _runs(pos: np.ndarray) -> tuple[list[int], list[int]]:
    """Maximal runs of consecutive offsets: (starts, ends), ends exclusive."""
    if len(pos) == 0:
        return [], []
    brk = np.flatnonzero(np.diff(pos) != 1)
    starts = np.concatenate([pos[:1], pos[brk + 1]])
    ends = np.concatenate([pos[brk] + 1, pos[-1:] + 1])
    return starts.tolist(), ends.tolist()


_LOW8: np.ndarray | None = None


def _low8() -> np.ndarray:
    """For each code point below U+10000: its lower case if an ASCII word character (U+212A: ``k``), else 0.

    Under ``re.IGNORECASE`` and ``str.lower`` these are the characters that
    can stand for a letter, digit or ``_`` of an ASCII word (see :class:`_Anchors`).
    """
    global _LOW8
    if _LOW8 is None:
        t = np.zeros(0x10000, dtype=np.uint8)
        for c in b"0123456789_abcdefghijklmnopqrstuvwxyz":
            t[c] = c
        for c in b"ABCDEFGHIJKLMNOPQRSTUVWXYZ":
            t[c] = c + 32
        t[0x212A] = ord("k")
        _LOW8 = t
    return _LOW8


class _WordSet:
    """Lower-case ASCII words (``[a-z0-9_]+``), looked for at given offsets of a :func:`_low8` array."""

    def __init__(self, words):
        self.words = sorted(set(words))
        self.index = {w: i for i, w in enumerate(self.words)}
        self.longest = max(4, max(map(len, self.words)))
        self.shortest = min(map(len, self.words))
        self.packed = None  # for whole(), built on first use
        # for whole(): the first four characters of each word, zeros after its end, as big-endian codes
        self.heads4 = np.array(sorted({int.from_bytes(w[:4].encode("ascii").ljust(4, b"\0"), "big")
                                       for w in self.words}), dtype=np.uint32)
        self.first = np.zeros(256, dtype=bool)
        self.first[[ord(w[0]) for w in self.words]] = True
        self.two = None  # the first two characters, when every word has two
        if min(map(len, self.words)) > 1:
            self.two = np.zeros(0x10000, dtype=bool)
            self.two[[(ord(w[0]) << 8) | ord(w[1]) for w in self.words]] = True
        heads: dict[int, set[int]] = {}  # the codes of the first min(len, 4) characters, by that length
        for w in self.words:
            k = min(len(w), 4)
            heads.setdefault(k, set()).add(int.from_bytes(w[:k].encode("ascii"), "big"))
        self.heads = {k: np.array(sorted(v), dtype=np.uint32) for k, v in heads.items()}
        by_length: dict[int, list[tuple[bytes, int]]] = {}  # the words of each length (bytes, index)
        for j, w in enumerate(self.words):
            by_length.setdefault(len(w), []).append((w.encode("ascii"), j))
        self.by_length = {k: (np.array([b for b, _ in v], dtype=f"S{k}"), np.array([j for _, j in v], dtype=np.int64))
                          for k, v in by_length.items()}

    def whole(self, low: np.ndarray, idx: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, list[tuple[str, ...]]]:
        """The word starts *idx* (of runs *lengths* long) whose whole run is one of the words (case ignored).

        Like :meth:`at` where a word must not be followed by a word character;
        *low* is a :func:`_low8` array with at least 16 entries after each offset.
        """
        if self.packed is None:
            self.packed = self._pack_words()
        want, which = self.packed
        ok = (lengths >= self.shortest) & (lengths <= self.longest)
        if self.two is not None:
            ok &= self.two[(low[idx].astype(np.uint16) << 8) | low[idx + 1]]
        else:
            ok &= self.first[low[idx]]
        sel = np.flatnonzero(ok)
        c, n = idx[sel], lengths[sel]
        if len(c):  # the first four characters of the run (zeros after its end) must be those of a word
            head = np.zeros(len(c), dtype=np.uint32)
            for j in range(4):
                head = (head << np.uint32(8)) | (low[c + j] * (n > j))
            heads = self.heads4
            keep = heads[np.minimum(np.searchsorted(heads, head), len(heads) - 1)] == head
            c, n = c[keep], n[keep]
        if not len(c):
            return c, []
        chars = low[c[:, None] + np.arange(16)] * (np.arange(16) < n[:, None])  # the run alone
        keys = chars.view(np.uint64)  # two per row
        key = keys[:, 0] ^ (keys[:, 1] * np.uint64(0x9E3779B97F4A7C15))
        pos = np.minimum(np.searchsorted(want[:, 0], key), len(want) - 1)
        rows = np.flatnonzero((want[pos, 0] == key) & (want[pos, 1] == keys[:, 0]) & (want[pos, 2] == keys[:, 1]))
        return c[rows], [(self.words[j],) for j in which[pos[rows]].tolist()]

    def _pack_words(self) -> tuple[np.ndarray, np.ndarray]:
        """The words as (hash, first 8 bytes, next 8 bytes) rows sorted by hash, and their indices (see :meth:`whole`)."""
        rows = []
        for j, w in enumerate(self.words):
            b = np.zeros(16, dtype=np.uint8)
            b[:len(w)] = np.frombuffer(w.encode("ascii"), dtype=np.uint8)
            k0, k1 = (int(k) for k in b.view(np.uint64))
            rows.append((k0 ^ ((k1 * 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF), k0, k1, j))
        rows.sort()
        arr = np.array([r[:3] for r in rows], dtype=np.uint64)
        return arr, np.array([r[3] for r in rows], dtype=np.int64)

    def at(self, low: np.ndarray, idx: np.ndarray) -> tuple[np.ndarray, list[tuple[str, ...]]]:
        """The offsets *idx* where some word starts (case ignored), and those words.

        *low* is a :func:`_low8` array with at least :attr:`longest` zeros after the last offset.
        """
        if self.two is not None:
            c = idx[self.two[(low[idx].astype(np.uint16) << 8) | low[idx + 1]]]
        else:
            c = idx[self.first[low[idx]]]
        if len(c):
            head = ((low[c].astype(np.uint32) << 24) | (low[c + 1].astype(np.uint32) << 16)
                    | (low[c + 2].astype(np.uint32) << 8) | low[c + 3])
            keep = np.zeros(len(c), dtype=bool)
            for k, want in self.heads.items():
                code = head >> np.uint32(8 * (4 - k))
                keep |= want[np.minimum(np.searchsorted(want, code), len(want) - 1)] == code
            c = c[keep]
        if not len(c):
            return c, []
        chars = low[c[:, None] + np.arange(self.longest)]  # the next characters, one row per offset
        pairs = []  # (row, word)
        for k, (want, which) in self.by_length.items():
            keys = np.ascontiguousarray(chars[:, :k]).view(f"S{k}").ravel()
            pos = np.minimum(np.searchsorted(want, keys), len(want) - 1)
            rows = np.flatnonzero(want[pos] == keys)
            pairs.append(np.stack([rows, which[pos[rows]]], axis=1))
        pairs = np.concatenate(pairs)
        pairs = pairs[np.lexsort((pairs[:, 1], pairs[:, 0]))]
        hit: list[int] = []
        words: list[tuple[str, ...]] = []
        for r, j in pairs.tolist():
            if hit and hit[-1] == r:
                words[-1] += (self.words[j],)
            else:
                hit.append(r)
                words.append((self.words[j],))
        return c[np.array(hit, dtype=np.int64)], words


class _Anchors:
    """Per-text anchors for :func:`_scan` (see "fast scanning" above).

    One pass over the code points (NumPy, in chunks) finds the digits and the
    starts of ASCII words whose first four letters (lower-cased) begin a unit
    word or an alias; those are then checked in full. Under
    ``re.IGNORECASE`` an ASCII letter also matches U+0130, U+0131, U+017F and
    U+212A: with any of the first three in the text (rare), unit words and
    aliases are left to a plain scan (``units``/``events`` None); U+212A
    (Kelvin) is read as ``k``. *context*, when given, is the text whose
    character before a word decides whether it is one (a unit word follows
    whitespace, an alias no word character): the original text when *text*
    is a :func:`_barrier_text`.
    """

    CHUNK = 1 << 22
    folds = False  # True: the text has none of U+0130, U+0131, U+017F (set per text)
    windows = True  # False: plain finditer for every rule (a reference for the tests)

    def __init__(self, text: str, event_words: list[str] | None, context: str | None = None, whole: bool = False,
                 next_chars: np.ndarray | None = None):
        n = len(text)
        ctx = text if context is None else context  # the characters before a word are looked up here
        anchored = not ("\u0130" in text or "\u0131" in text or "\u017f" in text)
        # Without these three, str.lower() maps every character that re.I
        # matches to an ASCII letter onto that letter (U+212A becomes k).
        self.folds = anchored
        sets = [_UNIT_SET] if anchored else []
        if anchored and event_words is not None:
            sets.append(_word_set(tuple(event_words)))
        longest = max([s.longest for s in sets], default=0)
        whole = whole and len(sets) > 1 and sets[1].longest <= 16
        if whole:
            longest = max(longest, 16)
        none = np.zeros(0, dtype=np.int64)
        digits: list[np.ndarray] = [none]
        found: list[list[tuple[np.ndarray, list]]] = [[] for _ in sets]
        for off in range(0, n, self.CHUNK):
            lo, hi = max(0, off - 1), min(n, off + self.CHUNK + longest)
            a, b = off - lo, min(n, off + self.CHUNK) - lo  # the chunk proper, in local offsets
            cp = np.frombuffer(text[lo:hi].encode("utf-32-le"), dtype=np.uint32)
            digit = (cp[a:b] - 48) < 10
            wide = np.flatnonzero(cp[a:b] >= 0x660)  # the first decimal digit beyond ASCII is U+0660
            if len(wide):
                vals = cp[a:b][wide]
                bmp = vals < 0x10000
                hit = np.zeros(len(wide), dtype=bool)
                hit[bmp] = _bmp_digits()[vals[bmp]]
                for k in np.flatnonzero(~bmp).tolist():
                    hit[k] = chr(int(vals[k])).isdecimal()
                digit[wide[hit]] = True
            digits.append(np.flatnonzero(digit) + off)
            if not sets:
                continue
            low = np.concatenate([np.take(_low8(), cp, mode="clip"), np.zeros(longest, dtype=np.uint8)])
            word = low[:len(cp)] != 0
            start = word.copy()
            start[1:] &= ~word[:-1]
            idx = np.flatnonzero(start[a:b]) + a
            for f, words in zip(found, sets):
                if whole and words is not sets[0]:
                    stop = word.copy()
                    stop[:-1] &= ~word[1:]
                    runs = np.flatnonzero(start)  # the runs of the whole region, so that each has its end
                    first = int(np.searchsorted(runs, a))  # idx is runs[first:first + len(idx)]
                    lengths = (np.flatnonzero(stop) + 1 - runs)[first:first + len(idx)]
                    at, which = words.whole(low, idx, lengths)
                    if next_chars is not None and len(at):
                        # an alias cannot start where its first word is followed by one whitespace
                        # character and an ASCII word character it does not allow (_alias_next_chars)
                        end = at + lengths[np.searchsorted(idx, at)]  # the end of the word (local offsets)
                        gap = cp[np.minimum(end, len(cp) - 1)]
                        nxt = low[end + 1]  # 0: not an ASCII word character (low has zeros after the region)
                        ids = np.fromiter((words.index[w[0]] for w in which), dtype=np.int64, count=len(which))
                        keep = ~(((gap == 32) | (gap == 10)) & (end < len(cp)) & (nxt != 0)) | next_chars[ids, nxt]
                        if not keep.all():
                            at = at[keep]
                            which = [w for w, k in zip(which, keep.tolist()) if k]
                else:
                    at, which = words.at(low, idx)
                f.append(((at + lo).tolist(), which))
        self.d_starts, self.d_ends = _runs(np.concatenate(digits))
        self.units = self.events = self.event_words = None
        if sets:
            self.units = [p for at, _ in found[0] for p in at if p > 0 and ctx[p - 1].isspace()]
        if len(sets) > 1:
            self.events, self.event_words = [], []
            for at, which in found[1]:
                for p, words in zip(at, which):
                    if p == 0 or not (ctx[p - 1].isalnum() or ctx[p - 1] in "_-"):
                        self.events.append(p)
                        self.event_words.append(words)

    def digit_runs(self, ps: int, pe: int) -> list[tuple[int, int]]:
        i = bisect.bisect_right(self.d_ends, ps)
        j = bisect.bisect_left(self.d_starts, pe)
        return [(max(s, ps), min(e, pe)) for s, e in zip(self.d_starts[i:j], self.d_ends[i:j])]

    @staticmethod
    def between(points: list[int], ps: int, pe: int) -> list[int]:
        return points[bisect.bisect_left(points, ps):bisect.bisect_left(points, pe)]

    def events_between(self, ps: int, pe: int) -> list[tuple[int, tuple[str, ...]]]:
        """(offset, the alias first words found there) for the event anchors in [ps, pe)."""
        i, j = bisect.bisect_left(self.events, ps), bisect.bisect_left(self.events, pe)
        return list(zip(self.events[i:j], self.event_words[i:j]))


_UNIT_SET = _WordSet(_UNIT_WORDS)


@functools.lru_cache(maxsize=16)
def _word_set(words: tuple[str, ...]) -> _WordSet:
    return _WordSet(words)


# All paragraphs in one scan. Scanning paragraph by paragraph repeats the
# per-call work of every rule for each of hundreds of paragraphs. Instead the
# rules run once over a copy of the text in which every character outside
# the paragraphs is replaced by ``_BARRIER`` (NUL). No rule's pattern (nor
# the lead of its seeker, nor an alias) matches that character, so no match
# includes or crosses it, and every lookahead and ``\b`` treats it as the
# end of the string (``(?!\d)``, ``(?![\w-])``, ``(?=\s*[,.;:!?)])``...):
# the matches are those of ``finditer(text, para_start, para_end)`` as long
# as (1) the paragraphs neither overlap nor touch, so that a barrier
# character ends each one, and (2) the character before each paragraph is
# whitespace, which the one-character lookbehinds and ``\b`` treat as they
# treat the barrier. Other paragraph frames take the scan per paragraph.
# tests/test_dates_speed_paths.py checks both scans give the same frame.

_BARRIER = "\x00"


def _barrier_layout(text: str, starts: np.ndarray, ends: np.ndarray) -> np.ndarray | None:
    """The non-empty paragraphs in text order (indices), or None when one scan cannot stand for them."""
    if len(starts) == 0:
        return np.zeros(0, dtype=np.int64)
    if starts.min() < 0 or ends.max() > len(text) or bool((starts > ends).any()):
        return None
    keep = np.flatnonzero(starts < ends)
    order = keep[np.argsort(starts[keep], kind="stable")]
    ss, se = starts[order], ends[order]
    if len(ss) > 1 and not bool((ss[1:] > se[:-1]).all()):
        return None
    for s in ss.tolist():
        if s > 0 and not text[s - 1].isspace():
            return None
    return order


def _barrier_text(text: str, starts: list[int], ends: list[int]) -> str:
    """*text* with every character outside ``[starts[i], ends[i])`` replaced by :data:`_BARRIER`."""
    parts, pos = [], 0
    for s, e in zip(starts, ends):
        if s > pos:
            parts.append(_BARRIER * (s - pos))
        parts.append(text[s:e])
        pos = e
    if len(text) > pos:
        parts.append(_BARRIER * (len(text) - pos))
    return "".join(parts)


# ------------------------------------------------------------------ events


def read_events(path_or_frame: "pd.DataFrame | str | os.PathLike") -> pd.DataFrame:
    """Read and validate a table of named events.

    Parameters
    ----------
    path_or_frame : DataFrame or path
        A CSV file (or frame) with columns ``name, aliases, year_start,
        year_end, source``. ``aliases`` is a ``|``-separated list of surface
        forms, matched case-insensitively (straight and curly apostrophes are
        interchangeable); the name itself is not matched unless it is listed.

    Returns
    -------
    DataFrame
        ``name, aliases, year_start, year_end, source`` (years ``int64``,
        text ``str``), one row per event in file order, fresh RangeIndex.

    Raises
    ------
    TypeError
        If *path_or_frame* is neither a DataFrame nor a path.
    ColumnError
        If a column is missing.
    InputError
        Naming the file and the line (data rows start at line 2) when a year
        is not an integer, ``year_start > year_end``, a name or alias is
        empty, or the same alias belongs to two events.
    """
    func = "textmine.read_events"
    if isinstance(path_or_frame, pd.DataFrame):
        entry = _cached_events(path_or_frame)
        if entry is not None:  # the same frame, read before: the same table
            return entry.table.copy(deep=False)
    frame, where = _read_table(path_or_frame, func=func, what="events")
    missing = [c for c in EVENT_COLUMNS if c not in frame.columns]
    if missing:
        raise ColumnError(
            f"{func}: {where} lacks column(s) {missing}; expected {EVENT_COLUMNS} "
            "(see data/events.csv for an example)."
        )
    out = frame[EVENT_COLUMNS].copy()
    years = {}
    for col in ("year_start", "year_end"):
        years[col] = _int_column(out[col], col, func=func, where=where)
    seen: dict[str, int] = {}
    for i in range(len(out)):
        line = i + 2
        name = out["name"].iloc[i]
        if not isinstance(name, str) or not name.strip():
            raise InputError(f"{func}: {where} line {line}: the event name is empty; give every event a name.")
        if years["year_start"][i] > years["year_end"][i]:
            raise InputError(
                f"{func}: {where} line {line} ({name!r}): year_start {years['year_start'][i]} is after "
                f"year_end {years['year_end'][i]}; swap them."
            )
        aliases = out["aliases"].iloc[i]
        if not isinstance(aliases, str) or not [a for a in aliases.split("|") if a.strip()]:
            raise InputError(
                f"{func}: {where} line {line} ({name!r}): no aliases; list the surface forms to match, "
                "separated by '|'."
            )
        for a in aliases.split("|"):
            key = _alias_key(a)
            if not key:
                continue
            if key in seen and seen[key] != i:
                raise InputError(
                    f"{func}: {where} line {line} ({name!r}): alias {a.strip()!r} also belongs to the event on "
                    f"line {seen[key] + 2}; an alias must name one event."
                )
            seen[key] = i
    table = pd.DataFrame({
        "name": pd.Series(out["name"].astype("str").str.strip().to_numpy(), dtype="str"),
        "aliases": pd.Series(out["aliases"].astype("str").to_numpy(), dtype="str"),
        "year_start": pd.Series(years["year_start"], dtype="int64"),
        "year_end": pd.Series(years["year_end"], dtype="int64"),
        "source": pd.Series(out["source"].fillna("").astype("str").to_numpy(), dtype="str"),
    })
    if isinstance(path_or_frame, pd.DataFrame):  # read again quickly (find_dates per document)
        _EVENTS_CACHE.append(_CachedEvents(path_or_frame, table))
        del _EVENTS_CACHE[:-_EVENTS_CACHE_SIZE]
        return table.copy(deep=False)
    return table


def _read_table(path_or_frame, *, func: str, what: str) -> tuple[pd.DataFrame, str]:
    """A frame plus a description of where it came from (for messages)."""
    if isinstance(path_or_frame, pd.DataFrame):
        return path_or_frame.reset_index(drop=True), f"the {what} frame"
    if isinstance(path_or_frame, (str, os.PathLike)):
        path = os.fspath(path_or_frame)
        if not os.path.exists(path):
            raise FileNotFoundError(f"{func}: no such file: {path!r}.")
        try:
            frame = pd.read_csv(path, dtype="str", keep_default_na=False, na_values=[""])
        except (pd.errors.ParserError, UnicodeDecodeError) as exc:
            raise InputError(f"{func}: could not read {path!r} as CSV: {exc}") from exc
        return frame, repr(path)
    raise TypeError(f"{func}: expected a DataFrame or a path to a CSV file, got {type(path_or_frame).__name__}.")


class _PreparedEvents:
    """An events table read, validated and compiled once (see :func:`prepare_events`)."""

    def __init__(self, table: pd.DataFrame | None):
        self.table = table
        self.regex, self.event_of, keys = _event_matcher(table)
        self.columns = None if table is None else (
            table["name"].tolist(), table["year_start"].tolist(), table["year_end"].tolist())
        self.first_words = _alias_first_words(keys) if self.regex is not None else None
        self.whole_words = self.first_words is not None and _alias_first_words_whole(keys)
        self.next_chars = _alias_next_chars(keys, self.first_words) if self.whole_words else None
        self.event_regexes = _EventRegexes(keys)

    def __repr__(self) -> str:
        n = 0 if self.table is None else len(self.table)
        return f"<textmine.dates prepared events: {n} events>"


def prepare_events(events: "pd.DataFrame | str | os.PathLike | _PreparedEvents") -> _PreparedEvents:
    """Read, validate and compile an events table once, for many :func:`find_dates` calls.

    ``find_dates(..., events=prepare_events("data/events.csv"))`` gives the
    same frames as ``events="data/events.csv"`` without reading the table
    and building its regexes again for every text. (A DataFrame passed
    again and again is also prepared only once: :func:`find_dates` keeps
    the last few, checked by content.)

    Parameters
    ----------
    events : DataFrame, path, or prepared events
        As for :func:`read_events` (prepared events are returned as they are).

    Returns
    -------
    An opaque object; its ``table`` attribute is the :func:`read_events` frame.
    """
    if isinstance(events, _PreparedEvents):
        return events
    return _prepare_events(events)


class _CachedEvents:
    """A frame given to :func:`read_events`/:func:`find_dates`: a copy to check it by, the result, prepared events."""

    def __init__(self, frame: pd.DataFrame, table: pd.DataFrame):
        self.key, self.copy, self.table = id(frame), frame.copy(deep=True), table
        self.prepared: _PreparedEvents | None = None


#: the last few frames read (most recent last), see :func:`_cached_events`
_EVENTS_CACHE: list[_CachedEvents] = []
_EVENTS_CACHE_SIZE = 4


def _cached_events(frame: pd.DataFrame) -> _CachedEvents | None:
    """The cache entry of *frame*: the same object, unchanged since it was read."""
    for k, entry in enumerate(_EVENTS_CACHE):
        if entry.key == id(frame) and _same_frame(entry.copy, frame):
            if k != len(_EVENTS_CACHE) - 1:
                _EVENTS_CACHE.append(_EVENTS_CACHE.pop(k))
            return entry
    return None


def _prepare_events(events) -> _PreparedEvents:
    """Prepared events for None, a path or a frame (a frame is prepared once, see :func:`_cached_events`)."""
    if events is None or not isinstance(events, pd.DataFrame):
        return _PreparedEvents(None if events is None else read_events(events))
    entry = _cached_events(events)
    if entry is None:
        read_events(events)  # validates (raises before anything is cached) and caches
        entry = _cached_events(events)
    if entry.prepared is None:
        entry.prepared = _PreparedEvents(entry.table)
    return entry.prepared


def _same_frame(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    """Same column labels (in order), dtypes, index and values."""
    return (
        a.shape == b.shape
        and list(a.columns) == list(b.columns)
        and list(a.dtypes) == list(b.dtypes)
        and a.index.equals(b.index)
        and a.equals(b)
    )


def _int_column(col: pd.Series, name: str, *, func: str, where: str) -> np.ndarray:
    out = np.empty(len(col), dtype=np.int64)
    for i, v in enumerate(col.tolist()):
        ok = False
        if isinstance(v, (int, np.integer)) and not isinstance(v, bool):
            out[i], ok = int(v), True
        elif isinstance(v, (float, np.floating)) and np.isfinite(v) and float(v).is_integer():
            out[i], ok = int(v), True
        elif isinstance(v, str) and re.fullmatch(r"\s*-?\d+\s*", v):
            out[i], ok = int(v), True
        if not ok:
            raise InputError(
                f"{func}: {where} line {i + 2}: {name} is {v!r}, expected a whole year such as 1917; fix that cell."
            )
    return out


_SPACES = re.compile(r"\s+")


def _alias_key(alias: str) -> str:
    return _SPACES.sub(" ", alias.strip().lower().replace("\u2019", "'"))


def _alias_regex(alias: str) -> str:
    parts = []
    for ch in alias.strip():
        if ch in "'\u2019":
            parts.append("['\u2019]")
        elif ch in "-\u2013":
            parts.append(r"[-\u2013]\s?")
        elif ch.isspace():
            if not parts or parts[-1] != r"\s+":
                parts.append(r"\s+")
        else:
            parts.append(re.escape(ch))
    return "".join(parts)


# Time noun phrases before an event alias: (regex, how the years change).
_EVENT_MODIFIER = re.compile(
    r"(?:\b(?P<the>the)\s+)?(?:(?P<adj>early|first|initial|last|final|closing|opening|later)\s+)?"
    r"(?P<noun>end|close|conclusion|aftermath|wake|eve|outbreak|beginning|start|onset|time|years|days|months"
    r"|course|height|middle|run-up|period|era)\s+(?P<prep>of|following|after|before)\s+(?:the\s+)?$",
    re.I,
)
# A necessary condition for _EVENT_MODIFIER, checked on the reversed window
# first because searching every position of the window is slow: the window
# ends with whitespace, an optional "the" and whitespace, after the preposition.
_EVENT_MODIFIER_END = re.compile(r"\s+(?:eht\s+)?(?:fo|gniwollof|retfa|erofeb)", re.I)
# _EVENT_MODIFIER without re.I (its literals are lower case), for a lower-cased window.
_EVENT_MODIFIER_LOWER = re.compile(_EVENT_MODIFIER.pattern)
# A character neither ASCII nor in General Punctuation (U+2000-U+206F: spaces,
# dashes, quotes; no letters, digits or cased characters, unchanged by lower()).
_CASED_OR_WORD = re.compile(r"[^\x00-\x7f\u2000-\u206f]")
_EVENT_DET = re.compile(r"\b(?:the)\s+$", re.I)
# On the reversed window: whitespace and up to five words (the most an _EVENT_MODIFIER match has)
_LAST_FIVE_WORDS = re.compile(r"\s*(?:[a-z\-]+\s*){0,5}", re.I)
# _EVENT_DET on the reversed window, matched at its start (one try instead of a search from every position)
_EVENT_DET_REVERSED = re.compile(r"\s+eht\b", re.I)
_EVENT_CUE = re.compile(
    r"\b(?:after|before|during|since|until|till|following|throughout|at|by|prior\s+to|up\s+to|in)\s+$",
    re.I,
)
_EVENT_AS = re.compile(
    r"\s+(?:was|were)\s+(?P<phase>ending|drawing\s+to\s+a\s+close|coming\s+to\s+an\s+end|beginning|starting"
    r"|breaking\s+out|unfolding|raging|under\s*way|approaching)\b",
    re.I,
)


def _modifier_and_det(window: str) -> tuple[re.Match | None, int | None]:
    """``_EVENT_MODIFIER.search(window)`` and ``_EVENT_DET.search(window).start()`` (or None).

    Both must end the window; the reversed window tells quickly whether they
    can, and where to start looking (tests/test_dates.py checks the equality).
    """
    backwards = window[::-1]
    mod = None
    if _EVENT_MODIFIER_END.match(backwards):  # the modifier is in the last five words of the window
        start = len(window) - _LAST_FIVE_WORDS.match(backwards).end()
        if _CASED_OR_WORD.search(window) is None:
            # Only ASCII and uncased punctuation: the case-sensitive search of the
            # lower-cased window starts where the case-insensitive one does (and
            # is twice as fast); the match itself is taken from the window.
            low = _EVENT_MODIFIER_LOWER.search(window.lower(), start)
            mod = None if low is None else _EVENT_MODIFIER.match(window, low.start())
        else:
            mod = _EVENT_MODIFIER.search(window, start)
    det = _EVENT_DET_REVERSED.match(backwards)
    return mod, (None if det is None else len(window) - det.end())


def _event_years(ys: int, ye: int, noun: str | None, adj: str | None, prep: str | None, phase: str | None):
    noun = (noun or "").lower()
    adj = (adj or "").lower()
    prep = (prep or "").lower()
    if phase:
        phase = phase.lower()
        if phase.startswith(("ending", "drawing", "coming")):
            return ye, ye
        if phase.startswith(("beginning", "starting", "breaking")):
            return ys, ys
        return ys, ye
    if noun in ("end", "close", "conclusion") or (adj in ("last", "final", "closing") and noun in ("years", "days", "months")):
        return ye, ye
    if noun in ("aftermath", "wake") or prep in ("following", "after"):
        return ye, ye + AFTERMATH_YEARS
    if prep == "before" or noun in ("eve", "run-up"):
        return ys, ys
    if noun in ("outbreak", "beginning", "start", "onset") or adj == "opening":
        return ys, ys
    if adj in ("early", "first", "initial") and noun in ("years", "days", "months", "period"):
        return ys, (ys + AFTERMATH_YEARS if noun == "years" else ys)
    return ys, ye


# ------------------------------------------------------------- extraction


def find_dates(
    text: str,
    paragraphs: pd.DataFrame,
    *,
    citations: pd.DataFrame | None = None,
    quotations: pd.DataFrame | None = None,
    events: "pd.DataFrame | str | os.PathLike | None" = None,
    doc_id: str = "doc",
    year_min: int = 1000,
    year_max: int = 2099,
    reference_year: int | None = None,
) -> pd.DataFrame:
    """Find the temporal references in the body paragraphs of a text.

    Parameters
    ----------
    text : str
        The normalized text (``doc.text``); offsets refer to it.
    paragraphs : DataFrame
        ``para_id, start, end`` of the paragraphs to scan (``doc.paragraphs``;
        int32 or int64).
        Text outside paragraphs (the header) is not scanned, and no match
        crosses a paragraph boundary.
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
        compiled once); the same DataFrame passed again is also reused.
    doc_id : str
        Value of the ``doc_id`` column.
    year_min, year_max : int
        Bare four-digit numbers outside this range are not years.
    reference_year : int, optional
        Time of writing, for "the past N years". Default: the latest year of
        any date found, citations included.

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
    func = "textmine.find_dates"
    if not isinstance(text, str):
        raise TypeError(f"{func}: text must be a str, got {type(text).__name__}.")
    if not isinstance(paragraphs, pd.DataFrame):
        raise TypeError(f"{func}: paragraphs must be a DataFrame (doc.paragraphs), got {type(paragraphs).__name__}.")
    _need(paragraphs, ["para_id", "start", "end"], "paragraphs", func)
    for name, frame in (("citations", citations), ("quotations", quotations)):
        if frame is not None:
            if not isinstance(frame, pd.DataFrame):
                raise TypeError(f"{func}: {name} must be a DataFrame or None, got {type(frame).__name__}.")
            _need(frame, ["start", "end"], name, func)

    para_ids = paragraphs["para_id"].to_numpy(dtype=np.int64)
    p_starts = paragraphs["start"].to_numpy(dtype=np.int64)
    p_ends = paragraphs["end"].to_numpy(dtype=np.int64)
    prepared = events if isinstance(events, _PreparedEvents) else _prepare_events(events)
    event_re, event_of, event_cols = prepared.regex, prepared.event_of, prepared.columns
    words = prepared.first_words if event_re is not None else None
    layout = _barrier_layout(text, p_starts, p_ends)
    if layout is not None:  # every paragraph at once (see _barrier_text)
        ss, se, pids = p_starts[layout], p_ends[layout], para_ids[layout]
        scan = _barrier_text(text, ss.tolist(), se.tolist())
        anchors = _Anchors(scan, words, context=text, whole=prepared.whole_words, next_chars=prepared.next_chars)
        anchors.event_regexes = prepared.event_regexes
        rows = _scan(text, scan, 0, len(text), (ss.tolist(), se.tolist()), year_min, year_max,
                     event_re, event_of, event_cols, anchors)
        if rows:
            at = np.fromiter((r["start"] for r in rows), dtype=np.int64, count=len(rows))
            for r, pid in zip(rows, pids[np.searchsorted(ss, at, side="right") - 1].tolist()):
                r["para_id"] = pid
    else:  # odd paragraphs (overlapping, touching, outside the text...): one scan per paragraph
        rows = []
        anchors = _Anchors(text, words, whole=prepared.whole_words, next_chars=prepared.next_chars)
        anchors.event_regexes = prepared.event_regexes
        if len(p_starts) and (p_starts.min() < 0 or p_ends.max() > len(text) or bool((p_starts > p_ends).any())):
            anchors.windows, anchors.units, anchors.events = False, None, None  # odd offsets: plain scans
        for pid, ps, pe in zip(para_ids.tolist(), p_starts.tolist(), p_ends.tolist()):
            found = _scan(text, text, ps, pe, ([ps], [pe]), year_min, year_max, event_re, event_of, event_cols, anchors)
            for r in found:
                r["para_id"] = pid
            rows.extend(found)
    rows.sort(key=lambda r: (r["start"], r["end"]))
    n = len(rows)
    starts = np.array([r["start"] for r in rows], dtype=np.int64)
    ends = np.array([r["end"] for r in rows], dtype=np.int64)
    in_cit = _inside(starts, ends, citations) if citations is not None else _fallback_citation(text, starts, ends)
    in_q = _inside(starts, ends, quotations) if quotations is not None else np.zeros(n, dtype=bool)
    for i, r in enumerate(rows):
        r["text"] = text[r["start"]:r["end"]]
        r["in_citation"] = bool(in_cit[i])
        r["in_quote"] = bool(in_q[i])
    _resolve(rows, text, reference_year)
    return _frame(rows, doc_id)


def historical_dates(dates: pd.DataFrame) -> pd.DataFrame:
    """The dates that are historical references: not in citations, years known.

    A pure filter on a :func:`find_dates` frame (row order kept, fresh index).
    """
    if not isinstance(dates, pd.DataFrame):
        raise TypeError(f"textmine.historical_dates: dates must be a DataFrame, got {type(dates).__name__}.")
    _need(dates, ["in_citation", "year_start"], "dates", "textmine.historical_dates")
    keep = ~dates["in_citation"].astype(bool).to_numpy() & dates["year_start"].notna().to_numpy()
    return dates[keep].reset_index(drop=True)


def _need(frame: pd.DataFrame, cols: list[str], name: str, func: str) -> None:
    missing = [c for c in cols if c not in frame.columns]
    if missing:
        raise ColumnError(f"{func}: {name} lacks column(s) {missing}; expected at least {cols}.")


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


def _fallback_citation(text: str, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Without a citations frame: inside a (...) or [...] that looks bibliographic."""
    out = np.zeros(len(starts), dtype=bool)
    for i, (s, e) in enumerate(zip(starts.tolist(), ends.tolist())):
        for open_ch, close_ch in (("(", ")"), ("[", "]")):
            o = text.rfind(open_ch, max(0, s - 400), s)
            if o < 0 or text.rfind(close_ch, o, s) >= 0:
                continue
            c = text.find(close_ch, e, e + 400)
            if c < 0 or text.find(open_ch, e, c) >= 0:
                continue
            if _BIB_CUE.search(text[o:c + 1]) or (open_ch == "[" and ":" in text[o:s]):
                out[i] = True
    return out


class _EventRegexes:
    """The events regex restricted to the aliases that start with given words.

    At a position where the text starts with words W, an alias whose first
    word is not in W cannot match, so the regex of the other aliases (same
    order, same group names) finds the same match, faster.
    """

    def __init__(self, keys: list[str]):
        self.keys = tuple(keys)
        self.cache: dict[tuple[str, ...], re.Pattern] = {}

    def starting_with(self, words: tuple[str, ...]) -> re.Pattern:
        rx = self.cache.get(words)
        if rx is None:
            rx = self.cache[words] = _event_subregex(self.keys, words)
        return rx


@functools.lru_cache(maxsize=1024)
def _event_subregex(keys: tuple[str, ...], words: tuple[str, ...]) -> re.Pattern:
    first = _alias_first_word_tuple(keys)
    alts = [f"(?P<_{j}>{_alias_regex(k)})" for j, k in enumerate(keys) if first[j] in words]
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])", re.I)


def _event_matcher(events: pd.DataFrame | None):
    """The events regex, the event (row) of each alias key and group, and the keys in regex order."""
    if events is None or len(events) == 0:
        return None, {}, []
    alias_to_row: dict[str, int] = {}
    for i, aliases in enumerate(events["aliases"].astype("str").tolist()):
        for a in aliases.split("|"):
            key = _alias_key(a)
            if key:
                alias_to_row.setdefault(key, i)
    keys = sorted(alias_to_row, key=lambda k: (-len(k), k))
    # Each alias is a named group, so that a match whose text normalizes to no
    # alias ("Russo\u2013Japanese" for "Russo-Japanese") still finds its event.
    pattern = r"(?<![\w-])(?:" + "|".join(f"(?P<_{j}>{_alias_regex(k)})" for j, k in enumerate(keys)) + r")(?![\w-])"
    return re.compile(pattern, re.I), alias_to_row | {(f"_{j}",): alias_to_row[k] for j, k in enumerate(keys)}, keys


def _alias_first_word(key: str) -> str | None:
    """The ASCII word characters an alias's regex starts with (see :func:`_alias_regex`), or None."""
    w = []
    for ch in key.strip():
        if not (ch.isascii() and (ch.isalnum() or ch == "_")):
            break
        w.append(ch)
    return "".join(w).lower() or None


@functools.lru_cache(maxsize=16)
def _alias_first_word_tuple(keys: tuple[str, ...]) -> tuple[str | None, ...]:
    return tuple(_alias_first_word(k) for k in keys)


def _alias_first_words(keys: list[str]) -> list[str] | None:
    """The first words of the aliases (see :func:`_alias_first_word`).

    None when an alias does not start with one (its matches cannot be
    anchored; the events are then found by a plain scan). A word of word
    characters after a non-word character cannot overlap another such word,
    so a plain ``finditer`` finds them all.
    """
    words = [_alias_first_word(k) for k in keys]
    return None if not words or None in words else sorted(set(words))


def _alias_next_chars(keys: list[str], words: list[str]) -> np.ndarray:
    """For each first word (row, in *words* order): which lower-cased ASCII word characters can follow it after one whitespace.

    An alias whose first word is followed by whitespace and then an ASCII
    word character ``x`` allows ``x`` (its regex there is ``\\s+x``, case
    ignored); an alias that is one word, or whose words are followed by
    whitespace then another character, allows every character (the row is
    all True). An alias whose first word is followed by anything else
    (``'s``, ``-``) cannot match where the first word is followed by
    whitespace (see :class:`_Anchors`, ``next_chars``).
    """
    row = {w: i for i, w in enumerate(words)}
    table = np.zeros((len(words), 256), dtype=bool)
    for k in keys:
        w = _alias_first_word(k)
        rest = k.strip()[len(w):]
        after = rest.lstrip()
        if not rest or (rest[0].isspace() and not (after[0].isascii() and (after[0].isalnum() or after[0] == "_"))):
            table[row[w]] = True
        elif rest[0].isspace():
            table[row[w], ord(after[0].lower())] = True
    return table


def _alias_first_words_whole(keys: list[str]) -> bool:
    """Does every alias's regex match its first word as a whole word (no word character after it)?

    True unless the character after the first word of some alias is one
    whose regex also matches an ASCII word character or U+212A under
    ``re.IGNORECASE`` (such as U+017F, which matches ``s``). Then a match
    starts where the text's word (a run of those characters) is exactly an
    alias's first word (:meth:`_WordSet.whole`).
    """
    word_chars = "0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ\u212a"
    for k in keys:
        w = _alias_first_word(k)
        rest = k.strip()[len(w):] if w is not None else ""
        if not rest or rest[0].isspace():
            continue
        piece = re.compile(_alias_regex(rest[0]), re.I)
        if any(piece.match(c) for c in word_chars):
            return False
    return True


_WORD_BEFORE = re.compile(r"([A-Za-z]+)(\.?)\s*$")
_WORD_AFTER = re.compile(r"\s*([A-Za-z]+)")
_AS_BEFORE = re.compile(r"\b[Aa]s\s+(?:the\s+)?$")


def _guarded_year(text: str, s: int, e: int, y: int, year_min: int, year_max: int) -> bool:
    if not (year_min <= y <= year_max):
        return False
    before = text[max(0, s - 20):s]
    w = _WORD_BEFORE.search(before)
    if w and (w.group(1).lower() in _PAGE_WORDS or (w.group(2) and w.group(1).lower() in _PAGE_ABBREVIATIONS)):
        return False
    after = _WORD_AFTER.match(text, e, e + 30)
    if after and after.group(1).lower() in _COUNT_NOUNS:
        return False
    return True


def _scan(text, scan, lo, hi, bounds, year_min, year_max, event_re, event_of, event_cols, anchors) -> list[dict]:
    """The cascade over ``scan[lo:hi]``: one paragraph, or (fast path) every paragraph at once.

    *scan* is the text the regexes run on: *text* itself for one paragraph,
    or :func:`_barrier_text` for all of them. *bounds* are the sorted
    ``(starts, ends)`` of the paragraphs in ``[lo, hi)``; the event rules
    look at context only inside the paragraph of a match. The rows carry no
    ``para_id`` (the caller adds it).
    """
    claimed = bytearray(hi - lo)
    out: list[dict] = []
    comp = _compiled()
    reversed_scan: list[str] = []  # built on first use
    b_starts, b_ends = bounds

    def free(s: int, e: int) -> bool:
        return claimed.find(1, s - lo, e - lo) < 0

    def claim(s: int, e: int, row: dict) -> None:
        claimed[s - lo:e - lo] = b"\x01" * (e - s)
        out.append(row)

    def windows(points: list[tuple[int, int]], back: re.Pattern) -> list[tuple[int, int, int]]:
        """(start, anchor, end) for each (anchor, end): start is where *back* (run on the reversed region) stops."""
        if not reversed_scan:
            reversed_scan.append(scan[lo:hi][::-1])
        rp = reversed_scan[0]
        match = back.match
        return [(a - (match(rp, hi - a).end() - (hi - a)), a, end) for a, end in points]

    def matches(rx: re.Pattern, seeker: re.Pattern | None, wins: list[tuple[int, int]] | None, at_run: bool = False):
        if wins is None or seeker is None:
            return rx.finditer(scan, lo, hi)
        if at_run:
            return _seek_digits(rx, seeker, scan, lo, hi, wins)
        return _seek(rx, seeker, scan, lo, hi, wins)

    def matches_at_boundaries(rx: re.Pattern, wins: list[tuple[int, int]] | None, starts: re.Pattern):
        if wins is None:
            return rx.finditer(scan, lo, hi)
        return _seek_boundaries(rx, scan, lo, hi, wins, starts)

    # Every calendar expression has a digit: the cascade looks only near digits.
    runs = anchors.digit_runs(lo, hi)
    digit_wins = None
    if runs and anchors.windows:
        # (digits start, end, back): hi - back.end(k) (k >= 1) is where k letter runs
        # before the digits (at most) start, see back_explicit
        if not reversed_scan:
            reversed_scan.append(scan[lo:hi][::-1])
        rp, back = reversed_scan[0], comp.back_explicit.match
        digit_wins = [(d, e, back(rp, hi - d)) for d, e in runs]
    gated_wins = None
    if digit_wins is not None:  # the windows where a gated rule can start
        after, k = _GATE_AFTER.match, comp.gate_words
        if anchors.folds:  # str.lower() folds the window as re.I does for ASCII letters
            gate = _GATE_LOWER.search
            gated_wins = [w for w in digit_wins if w[1] - w[0] == 4
                          and (after(scan, w[1], hi) is not None or gate(scan[hi - w[2].end(k):w[0]].lower()) is not None)]
        else:
            gate = _GATE.search
            gated_wins = [w for w in digit_wins if w[1] - w[0] == 4
                          and (after(scan, w[1], hi) is not None or gate(scan, hi - w[2].end(k), w[0]) is not None)]
    for i, rule in enumerate(comp.explicit if runs else ()):
        wins = None
        if digit_wins is not None:
            lengths, from_digit, k = comp.explicit_lengths[i], comp.explicit_digit_first[i], comp.explicit_words[i]
            if comp.explicit_gated[i]:
                wins = [(hi - b.end(k), e - 1) for d, e, b in gated_wins if e - d in lengths]
            elif comp.explicit_month_first[i]:  # a capital letter (a month's) between the start and the digits
                month = _MONTH_INITIAL.search
                wins = [(hi - b.end(k), e - 1) for d, e, b in digit_wins
                        if e - d in lengths and month(scan, hi - b.end(k), d) is not None]
            elif from_digit:
                wins = [(d, e - 1) for d, e, _ in digit_wins if e - d in lengths]
            else:
                wins = [(hi - b.end(k), e - 1) for d, e, b in digit_wins if e - d in lengths]
            if not wins:
                continue
        name, read, guarded = rule.name, rule.read, rule.name in ("year", "year_range")
        for m in matches(rule.pattern, comp.explicit_seek[i], wins,
                         comp.explicit_at_run[i] and not comp.explicit_gated[i]):
            s, e = m.span()
            if s == e or not free(s, e):
                continue
            v = read(_Merged(m), text)
            if v is None:
                continue
            ys, ye = v["year_start"], v["year_end"]
            if (ys is not None and not (year_min <= ys <= year_max)) or (ye is not None and not (year_min <= ye <= year_max)):
                continue
            if guarded and not _guarded_year(text, s, e, ys, year_min, year_max):
                continue
            claim(s, e, {"start": s, "end": e, "kind": "explicit", "rule": name, **v})

    # Every relative expression has a unit word (day, week, ..., decade).
    if anchors.units is None:
        wins_rel = None
    else:
        units = anchors.between(anchors.units, lo, hi)
        wins_rel = [(u, u) for u in units]
    for (name, pat), seeker, back, b_starts_rx in zip(comp.relative if wins_rel != [] else (), comp.relative_seek,
                                                     comp.back_relative, comp.relative_starts):
        wins = None if wins_rel is None else _merge([(w, u) for w, u, _ in windows(wins_rel, back)])
        for m in (matches_at_boundaries(pat, wins, b_starts_rx) if seeker is not None and seeker.pattern.startswith(
                _RELATIVE_CHARS + r"*?(?=\b") else matches(pat, seeker, wins)):
            s, e = m.span()
            if not free(s, e):
                continue
            mm = _Merged(m)
            num = mm["num"]
            n = None
            if num is not None:
                n = int(num) if num.isdigit() else _NUMBER_WORDS[num.lower()]
            unit = mm["unit"].lower()
            direction = (mm["dir"] or "").lower()
            claim(s, e, {
                "start": s, "end": e, "kind": "relative", "rule": name,
                "year_start": None, "year_end": None, "month": None, "day": None,
                "granularity": None, "_n": n, "_unit": unit, "_dir": direction,
            })

    if event_re is not None:
        names, ystart, yend = event_cols
        calendar_index = None
        if anchors.events is None:
            found = event_re.finditer(scan, lo, hi)
        else:  # an alias match starts where the first word of an alias does
            found = _at_words(anchors.event_regexes, scan, lo, hi, anchors.events_between(lo, hi))
        for m in found:
            a_s, a_e = m.span()
            if not free(a_s, a_e):
                continue
            k = bisect.bisect_right(b_starts, a_s) - 1  # the paragraph of the match
            ps, pe = b_starts[k], b_ends[k]
            i = event_of.get(_alias_key(m.group()), event_of[(m.lastgroup,)])
            window = text[max(ps, a_s - 80):a_s]
            mod, det = _modifier_and_det(window)
            s, e = a_s, a_e
            noun = adj = prep = phase = None
            if mod:
                s = a_s - (len(window) - mod.start())
                if not mod["the"]:
                    s = a_s - (len(window) - mod.start("noun") if not mod["adj"] else len(window) - mod.start("adj"))
                noun, adj, prep = mod["noun"], mod["adj"], mod["prep"]
            elif det is not None:
                s = a_s - (len(window) - det)
            as_m = _AS_BEFORE.search(text[max(ps, a_s - 10):a_s])
            ph = _EVENT_AS.match(text, a_e, pe) if as_m else None
            if ph:
                s = a_s - (len(text[max(ps, a_s - 10):a_s]) - as_m.start())
                e = ph.end()
                phase = ph["phase"]
            elif not mod:
                cue = _EVENT_CUE.search(text[max(ps, s - 20):s])
                if not cue or cue.group().strip().lower() == "in":
                    continue
            if calendar_index is None:  # the explicit rows are all found by now
                calendar_index = _CalendarIndex(out)
            if not free(s, e) or calendar_index.next_to(text, s, e, ps, pe):
                continue
            y0, y1 = _event_years(int(ystart[i]), int(yend[i]), noun, adj, prep, phase)
            claim(s, e, {
                "start": s, "end": e, "kind": "event", "rule": "event",
                "year_start": y0, "year_end": y1, "month": None, "day": None,
                "granularity": "year" if y0 == y1 else "years", "event": names[i],
            })
    return out


_GAP_AFTER = re.compile(r"^\s*\(?\s*(?:(?:in|on|of|during|between|from|at|since|by)\s+)?(?:the\s+)?$", re.I)
_GAP_BEFORE = re.compile(r"^\s*,?\s*(?:in|on|at|during|with|by|after|before)?\s*(?:the|its)?\s*$", re.I)


class _CalendarIndex:
    """The explicit rows of a paragraph by start and by end, for :func:`_next_to_calendar`."""

    def __init__(self, rows: list[dict]):
        explicit = [r for r in rows if r["kind"] == "explicit"]
        self.starts = sorted(r["start"] for r in explicit)
        self.ends = sorted(r["end"] for r in explicit)

    def next_to(self, text: str, s: int, e: int, ps: int = 0, pe: int | None = None) -> bool:
        """``_next_to_calendar(text, s, e, rows)``, looking only at rows within 20 characters.

        With *ps*, *pe* (the paragraph of the span): only at the rows of that
        paragraph (a row starts before *pe* and ends after *ps*).
        """
        if pe is None:
            pe = len(text)
        i = bisect.bisect_left(self.starts, e)
        while i < len(self.starts) and self.starts[i] - e <= 20 and self.starts[i] < pe:
            if _GAP_AFTER.match(text[e:self.starts[i]]):
                return True
            i += 1
        i = bisect.bisect_left(self.ends, max(s - 20, ps + 1))
        while i < len(self.ends) and self.ends[i] <= s:
            if _GAP_BEFORE.match(text[self.ends[i]:s]):
                return True
            i += 1
        return False


def _next_to_calendar(text: str, s: int, e: int, rows: list[dict]) -> bool:
    """Is an explicit calendar date adjacent to the event span (same phrase)?"""
    for r in rows:
        if r["kind"] != "explicit":
            continue
        if r["start"] >= e and r["start"] - e <= 20 and _GAP_AFTER.match(text[e:r["start"]]):
            return True
        if r["end"] <= s and s - r["end"] <= 20 and _GAP_BEFORE.match(text[r["end"]:s]):
            return True
    return False


_APPOSITION = re.compile(r"^\s*,?\s*(?:on|in)?\s*$", re.I)
_GRAN_RANK = {"day": 0, "month": 1, "season": 2, "year": 3, "years": 4, "decade": 5}


def _resolve(rows: list[dict], text: str, reference_year: int | None) -> None:
    """Fill context years, relative dates and apposition, in reading order."""
    if reference_year is None:
        ys = [r["year_end"] for r in rows if r["year_end"] is not None]
        reference_year = max(ys) if ys else None
    # The anchor of row i is the nearest earlier row, outside citations, that
    # passes a test (and is outside quotations when row i is): kept up to date
    # as rows are finished, for both tests, instead of searched backwards.
    last = {"month_day": [None, None], "relative": [None, None]}  # [any, outside quotations]

    def anchor(kind: str, me: dict) -> int | None:
        return last[kind][0] if me["in_quote"] else last[kind][1]

    for i, r in enumerate(rows):
        _resolve_row(rows, i, r, text, reference_year, anchor)
        if not r["in_citation"] and r["year_start"] is not None:
            kinds = ("month_day", "relative") if r["kind"] == "explicit" else ("relative",) if r["kind"] == "relative" else ()
            for kind in kinds:
                last[kind][0] = i
                if not r["in_quote"]:
                    last[kind][1] = i


def _resolve_row(rows: list[dict], i: int, r: dict, text: str, reference_year: int | None, anchor) -> None:
    if r["rule"] == "month_day":
        a = anchor("month_day", r)  # the last explicit date with a year
        if a is not None:
            r["year_start"] = r["year_end"] = rows[a]["year_end"]
            r["anchor_date_id"] = a
            r["rule"] = "month_day+context"
        return
    if r["kind"] != "relative":
        return
    # An explicit date in apposition ("One day later, on November 4, 1920") decides.
    if i + 1 < len(rows):
        nxt = rows[i + 1]
        if nxt["kind"] == "explicit" and nxt["year_start"] is not None and _APPOSITION.match(text[r["end"]:nxt["start"]]):
            for k in ("year_start", "year_end", "month", "day", "granularity"):
                r[k] = nxt[k]
            r["anchor_date_id"] = i + 1
            r["rule"] += "+apposition"
            return
    if r["rule"] == "span_back":
        if reference_year is not None:
            n = r["_n"] * (10 if r["_unit"] == "decade" else 1)
            if r["_unit"] == "month":
                n = max(1, round(r["_n"] / 12))
            r.update(year_start=reference_year - n, year_end=reference_year, granularity="years")
        return
    a = anchor("relative", r)  # the last explicit or relative date with a year
    if a is None:
        return
    r["anchor_date_id"] = a
    r.update(_shift(rows[a], r))


def _add_months(d: _dt.date, n: int) -> _dt.date:
    k = d.year * 12 + d.month - 1 + n
    y, m = divmod(k, 12)
    return _dt.date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _shift(anchor: dict, r: dict) -> dict:
    unit, n, direction, rule = r["_unit"], r["_n"], r["_dir"], r["rule"]
    sign = -1 if direction in ("earlier", "before", "previously", "previous", "preceding") else 1
    if rule == "next_unit":
        n = 1
    if rule == "span_next":
        step = n * (10 if unit == "decade" else 1)
        if sign > 0:
            return _vals(anchor["year_end"] + 1, anchor["year_end"] + step, "years")
        return _vals(anchor["year_start"] - step, anchor["year_start"] - 1, "years")
    if unit == "fortnight":
        unit, n = "week", 2 * n
    if unit in ("year", "decade"):
        step = sign * n * (10 if unit == "decade" else 1)
        ys, ye = anchor["year_start"] + step, anchor["year_end"] + step
        return _vals(ys, ye, "year" if ys == ye else "years")
    g = anchor["granularity"]
    if g == "day" and anchor["month"] is not None and anchor["day"] is not None:
        d = _dt.date(anchor["year_start"], anchor["month"], anchor["day"])
        if unit == "month":
            d = _add_months(d, sign * n)
            return _vals(d.year, d.year, "month", d.month)
        d = d + _dt.timedelta(days=sign * n * (7 if unit == "week" else 1))
        return _vals(d.year, d.year, "day", d.month, d.day)
    if g == "month" and anchor["month"] is not None:
        d = _dt.date(anchor["year_start"], anchor["month"], 15)
        if unit == "month":
            d = _add_months(d, sign * n)
        else:
            d = d + _dt.timedelta(days=sign * n * (7 if unit == "week" else 1))
        return _vals(d.year, d.year, "month", d.month)
    # Coarser anchors: a shift smaller than a year keeps the anchor's years.
    return _vals(anchor["year_start"], anchor["year_end"], g if g in ("year", "years", "season", "decade") else "year")


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
