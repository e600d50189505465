"""The year of a wire story whose dateline has none ("DENVER, Oct. 4 (UPI) —"), read from the story.

Internal to :mod:`textmine.dates`. A collection of dated stories gives each
story's month and day in its dateline and leaves the year to the reader,
who knows it from the story itself and from the stories before it:

* a story comes after the one before it (a dateline on or before the
  previous story's month and day is in a later year);
* a story is written after the events and the years it names ("since the
  Boer War", "the 1931 survey"): each is a lower bound;
* a story that counts back from its own time ("six years ago", "last year",
  "over the last two years", "eight years after the plan", "has waited for
  three years") counts back to a year the narrative already has (a year
  written in the text so far, or an earlier story's year);
* a story that calls its own day "today" names a weekday only for another
  day ("opened the inquiry Monday ... closed it today" is not written
  on a Monday; a story that names its own day by weekday gives no such cue).

Each candidate year from the lowest bound on (at most :data:`STORY_YEARS`
of them) scores one point per back-count that lands on a known year and
one per weekday that is not the dateline's own; the best score wins, the
earliest year on a tie. The first story, with no story before it, starts
from the next year the text writes (never a year outside the text's own
dates). The back-counts are the rows of :data:`STORY_CUES`.

Inside a story the dateline is the time of writing: "last week", "next
January", "six years ago" count from it, and a year-less month or weekday
takes the story's year unless its own paragraph dates it.

Linear time: a story's cues are its own rows and one bounded regex over
its own text; each story is read once.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from .date_rules import MONTHS, NUMBER_WORDS, SEASON_MONTHS

__all__ = ["STORY_YEARS", "STORY_CUES", "StoryCue", "story_year", "back_count", "PRESENT_PERFECT"]

#: The candidate years of a story: its lowest bound and the next ``STORY_YEARS - 1``.
STORY_YEARS = 12

_UNIT_YEARS = {"year": 1, "decade": 10}


@dataclass(frozen=True)
class StoryCue:
    """A kind of phrase that counts back from the time of writing to a year the narrative has."""

    name: str
    description: str
    examples: tuple[tuple[str, int], ...]  # (a phrase, the years it counts back, written in a March story)


STORY_CUES: tuple[StoryCue, ...] = (
    StoryCue("ago", "'six years ago', 'a decade ago' (rule ago, units of a year or more).",
             (("the mill burned four years ago", 4),)),
    StoryCue("last", "'last year' (1); 'last September', 'last fall' (1 when the month or season's start "
             "comes after the dateline's month, else 0; rule deictic).", (("it opened last year", 1),
                                                                          ("the vote last October", 1))),
    StoryCue("span_back", "'over the last two years', 'the past decade' (rule span_back).",
             (("over the last two years", 2),)),
    StoryCue("years_after", "'eight years after the plan was proposed' (rule offset_after, 'after').",
             (("nine years after the flood", 9),)),
    StoryCue("present_perfect", "'has fought the dam for seven years', 'have been patient for three years' "
             "(has/have, at most six words, 'for N years': PRESENT_PERFECT).",
             (("the town has waited for five years", 5),)),
)

_NUM = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
#: "has fought the dam for seven years": has/have, at most six words, "for", a number, "years".
PRESENT_PERFECT = re.compile(
    r"\b(?:has|have)(?:\s+[A-Za-z'\u2019\-]+,?){0,6}?\s+for\s+(?:(?:more|less)\s+than\s+|nearly\s+|almost\s+|over\s+)?"
    r"(?P<num>\d{1,2}|" + _NUM + r")\s+(?P<unit>year|decade)s\b", re.I)


_TODAY = re.compile(r"\b(?:today|tonight|this\s+(?:morning|afternoon|evening))\b", re.I)


def back_count(r: dict, month: int) -> int | None:
    """The years a row counts back from the time of writing (a story written in *month*), or None."""
    rule = r["rule"]
    unit, n = r.get("_unit"), r.get("_n")
    if rule in ("ago", "span_back") or (rule == "offset_after" and r.get("_dir") == "after"):
        return n * _UNIT_YEARS[unit] if unit in _UNIT_YEARS and n else None
    if rule == "deictic" and r.get("_dir") == "last":
        if unit == "year":
            return 1
        start = MONTHS.get(unit) or SEASON_MONTHS.get(unit)
        return None if start is None else (1 if start >= month else 0)
    return None


def _weekday_ok(r: dict, y: int, month: int, day: int) -> bool | None:
    if r["rule"] != "weekday":
        return None
    try:
        d = _dt.date(y, month, day)
    except ValueError:
        return False
    return d.strftime("%A").lower() != r["_unit"]


def story_year(rows: list[dict], k: int, end: int, text: str, known: set[int], lower: int | None,
               events_years: list[int], start_year: int | None) -> int | None:
    """The year of the dateline row ``rows[k]``, its story running to character *end*.

    *known*: the years the narrative has by the story's end; *lower*: the
    bound from the story before (None for the first story); *events_years*:
    the first years of the events the story names; *start_year*: for the
    first story, the next year the text writes after it.
    """
    me = rows[k]
    month, day = me["month"], me["day"]
    bounds = [b for b in [lower, *events_years] if b is not None]
    counts, weekdays = [], []
    j = k + 1
    while j < len(rows) and rows[j]["start"] < end:
        r = rows[j]
        if not r["in_citation"]:
            if r["kind"] == "explicit" and r["year_start"] is not None and r["_resolve"] == "none":
                bounds.append(r["year_start"])
            n = back_count(r, month)
            if n is not None:
                counts.append(n)
            elif r["rule"] == "weekday":
                weekdays.append(r)
        j += 1
    if weekdays and _TODAY.search(text, me["end"], end) is None:
        weekdays = []  # only a story that calls its own day "today" names the other days by weekday
    for m in PRESENT_PERFECT.finditer(text, me["end"], end):
        num = m["num"].lower()
        n = int(num) if num.isdigit() else NUMBER_WORDS[num]
        counts.append(n * _UNIT_YEARS[m["unit"].lower()])
    if lower is None:  # the first story: from the next year the text writes
        low = max(bounds) if bounds else None
        base = start_year if start_year is not None and (low is None or start_year >= low) else low
    else:
        base = max(bounds)
    if base is None:
        return None
    best, best_score = base, -1
    for y in range(base, base + STORY_YEARS):
        score = sum((y - n) in known for n in counts) + sum(bool(_weekday_ok(w, y, month, day)) for w in weekdays)
        if score > best_score:
            best, best_score = y, score
    return best


# ---------------------------------------------------------------- the date of a header
_MONTH_WORDS = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY_WORDS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
#: A date alone on its line: "FRIDAY, MAY 6, 1966", "May 6, 1966", "6 May 1966" (any case).
HEADER_DATE = re.compile(
    r"^[ \t]*(?:(?:" + _WEEKDAY_WORDS + r"),?[ \t]+)?(?:(?P<mon>" + _MONTH_WORDS + r")\.?[ \t]+(?P<day>\d{1,2})"
    r"(?:st|nd|rd|th|d)?,?|(?P<day2>\d{1,2})(?:st|nd|rd|th|d)?[ \t]+(?P<mon2>" + _MONTH_WORDS + r")\.?,?)[ \t]+"
    r"(?P<y>\d{4})[ \t.]*$", re.M | re.I)
#: How far before the first paragraph (characters) a header's date line is looked for.
HEADER_REACH = 2000


def header_date(text: str, first: int) -> dict | None:
    """The date of writing a header gives: the last date line alone on its line before character *first*.

    A hearing's or a letter's header ("FRIDAY, MAY 6, 1966"); None without one. Reads at most
    :data:`HEADER_REACH` characters.
    """
    found = None
    for m in HEADER_DATE.finditer(text, max(0, first - HEADER_REACH), max(0, first)):
        found = m
    if found is None:
        return None
    y, mon = int(found["y"]), MONTHS[(found["mon"] or found["mon2"]).lower()]
    day = int(found["day"] or found["day2"])
    try:
        _dt.date(y, mon, day)
    except ValueError:
        return None
    return {"year_start": y, "year_end": y, "month": mon, "day": day}


# ---------------------------------------------------------------- letter headings
#: What may stand before a heading's date in its paragraph: a place ("Boston,", "Port Ansel, Me.,").
_HEADING_HEAD = re.compile(r"[ \t]*(?:[A-Z][A-Za-z.'\- ]{0,40},[ \t]+(?:[A-Z][A-Za-z.]{1,15},[ \t]+)?)?\Z")
_HEADING_TAIL = re.compile(r"[ \t.]*\Z")
#: A dateline with its year ("HELENA, Mont., Sept. 9, 1962 (AP) —"): the place before the date, the agency
#: and the dash after it.
_DATELINE_HEAD = re.compile(r"[ \t]*[A-Z]{2,}[A-Z.'\- ]{0,30}(?:,[ ][A-Z][A-Za-z.]{1,12}(?:[ ][A-Z][A-Za-z.]{1,12})?)?,[ ]\Z")
_DATELINE_TAIL = re.compile(r"[ ]?(?:\([A-Z][A-Za-z.& ]{0,20}\)[ ]?)?(?:[\u2014\u2013]|--)")
#: The rules of a full date (a day, a month and a year) that a heading can be.
HEADING_RULES = frozenset({"month_day_year", "day_month_year"})


def mark_headings(rows: list[dict], text: str, p_starts: list[int], p_ends: list[int]) -> None:
    """Flag (``_heading``) each full date that is its paragraph's whole text but a place, a letter's heading
    ("Boston, March 9, 1880."), or that opens it as a dateline ("HELENA, Sept. 9, 1962 (AP) —"): the time of
    writing of what follows it. Reads at most the 60 characters before the date and a few after it."""
    import bisect

    for r in rows:
        if r["rule"] not in HEADING_RULES or r["kind"] != "explicit":
            continue
        k = bisect.bisect_right(p_starts, r["start"]) - 1
        if k < 0 or r["end"] > p_ends[k]:
            continue
        ps, pe = p_starts[k], p_ends[k]
        if r["start"] - ps > 60:
            continue
        if pe - r["end"] <= 4 and _HEADING_HEAD.match(text, ps, r["start"]) and _HEADING_TAIL.match(text, r["end"], pe):
            r["_heading"] = True
        elif _DATELINE_HEAD.match(text, ps, r["start"]) and _DATELINE_TAIL.match(text, r["end"], pe):
            r["_heading"] = True  # a dated wire story: its dateline is the time of writing
