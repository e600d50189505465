"""The date rules of :func:`textmine.find_dates`, as data: one row per rule.

Each row of :data:`DATE_RULES` is a :class:`DateRule`: the rule's name, its
regular expression, what a match yields (a reader that turns the match into
years, month, day and granularity, and how the row is resolved after the
scan), examples that must match (with the expected span and values) and
examples that must not. The rows are tried in table order (a *cascade*); a
match is kept only where no earlier rule claimed its characters.

The engine (:mod:`textmine.date_engine`) reads nothing else: the speed hints
it uses (where a match can start, how far before its first digit or unit
word, which words it needs) are derived from the rows' patterns. Adding a
rule is adding a row with its examples; ``tests/test_date_rules.py`` runs
every row's examples on the plain and the windowed scanner.

Conventions a row follows
-------------------------
* ``anchor="digits"`` (calendar rules): every match contains a digit. The
  engine looks for matches only near runs of digits.
* ``anchor="unit"`` (relative rules): the pattern names its unit word group
  ``unit`` (``day``, ``week``...); the engine looks for matches only near
  those words. Any other group name made of literal words can anchor a rule
  the same way.
* A group named ``span`` (in one or more alternatives) is the row's span;
  the rest of the match is context that must be there but is not part of
  the date ("in" before "March", a word before a weekday).
* A rule whose matches need neither falls back to a plain scan of the text
  (correct, linear, slower).
* Patterns use no unbounded repetition of words (``{0,4}``, not ``*``), so
  that every match, and every look-back the engine derives from it, is
  bounded (see "Linear time" in :mod:`textmine.dates`).

The time noun phrases of events ("the end of", "the aftermath of"...) are
rows too (:data:`EVENT_MODIFIERS`, :data:`EVENT_PHASES`, :data:`EVENT_CUES`).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .date_anaphora import ANAPHORA_NOUNS

__all__ = [
    "DateRule", "Example", "ex", "DATE_RULES", "AFTERMATH_YEARS",
    "MONTHS", "NUMBER_WORDS", "PAGE_WORDS", "PAGE_ABBREVIATIONS", "COUNT_NOUNS",
    "EventModifier", "EVENT_MODIFIERS", "EVENT_PHASES", "EVENT_CUES", "EVENT_ADJECTIVES", "EVENT_NOUNS",
    "EVENT_PREPOSITIONS", "EVENT_ADVERBS", "FIRST", "LAST",
]

#: "The aftermath of X", "the early years of X" span this many years after
#: the year they start from (a convention, stated so it can be changed).
AFTERMATH_YEARS = 3

# ---------------------------------------------------------------- words
MONTHS: dict[str, int] = {name.lower(): i for i, name in enumerate(calendar.month_name) if i}
MONTHS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
               "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12})

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50,
}

#: Words that make a following four-digit number a page, volume or number
#: (abbreviations only with their full stop: "no. 1917", not "no 1917").
PAGE_WORDS = frozenset(
    "page pages volume volumes number numbers chapter article section figure table note notes line lines "
    "folio column item document room rooms suite box boxes folder route flight apartment platform".split()
)
PAGE_ABBREVIATIONS = frozenset("p pp vol vols no nos n nn ch chap art sec fig tab fol col ff doc".split())
#: Count and unit nouns that make a preceding four-digit number a quantity.
COUNT_NOUNS = frozenset(
    "people persons men women children workers soldiers troops members delegates deputies votes copies "
    "pages words letters tons tonnes km kilometres kilometers miles metres meters feet yards acres hectares "
    "dollars rubles roubles pounds francs marks lire yen kg kilograms casualties dead killed prisoners "
    "strikers families households villages factories units items cases times".split()
)

#: Ordinal words up to the twenty-second, for centuries ("the eighteenth century").
ORDINALS: dict[str, int] = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split())}
ORDINALS.update({"twenty-first": 21, "twenty-second": 22})
_UNITS = "one two three four five six seven eight nine".split()
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_TEENS = {w: i + 10 for i, w in enumerate(
    "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split())}
#: Ordinal words of the days of a month ("the twenty-first of September").
DAY_ORDINALS: dict[str, int] = {w: n for w, n in ORDINALS.items() if n <= 20}
DAY_ORDINALS.update({f"twenty-{w}": 20 + ORDINALS[w] for w in "first second third fourth fifth sixth seventh eighth "
                     "ninth".split()})
DAY_ORDINALS.update({"thirtieth": 30, "thirty-first": 31})


def words_number(s: str) -> int | None:
    """'forty-six' = 46, 'ten' = 10, 'five' = 5, 'oh five' = 5; None otherwise."""
    w = re.sub(r"[\s\-]+", " ", s.strip().lower()).split()
    if len(w) == 2 and w[0] == "oh" and w[1] in _UNITS:
        return _UNITS.index(w[1]) + 1
    if len(w) == 2 and w[0] in _TENS and w[1] in _UNITS:
        return _TENS[w[0]] + _UNITS.index(w[1]) + 1
    if len(w) == 1:
        return _TEENS.get(w[0], _TENS.get(w[0], _UNITS.index(w[0]) + 1 if w[0] in _UNITS else None))
    return None


def words_year(century: str, rest: str | None) -> int | None:
    """'nineteen' + 'thirty-eight' = 1938; 'eighteen' + 'hundred and forty-eight' = 1848; None otherwise."""
    c = _TEENS.get(century.lower())
    if c is None:
        return None
    rest = re.sub(r"^hundred(?:\s+and)?\s*", "", (rest or "").strip().lower())
    n = words_number(rest) if rest else 0
    return None if n is None else c * 100 + n


#: Decades written as words ("the twenties"): the decade's tens digit.
DECADE_WORDS: dict[str, int] = {w: i + 2 for i, w in enumerate(
    "twenties thirties forties fifties sixties seventies eighties nineties".split())}
#: Words near a decade word or a short year that make it a temperature, an age or a score, not a time.
NOT_A_TIME = frozenset(
    "temperature temperatures degree degrees thermometer mercury aged age ages score scored scores "
    "percent per cent mph".split()
)
#: Seasons: the month each starts in (winter runs into the next year).
SEASON_MONTHS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}

# ---------------------------------------------------------------- pattern pieces
# Month names are matched case-sensitively (capitalised) so that "may" and
# "march" the verbs are not months; abbreviations need their full stop.
_MONTH = (
    r"(?P<{g}>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.)"
)
_DAY = r"(?P<{g}>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th|(?<=[23])d(?![a-z]))?"  # "3d", "22d": the older forms
_Y = r"(?P<{g}>\d{{4}})(?!\d)"
_Y2 = r"(?P<{g}>\d{{4}}|\d{{2}})(?!\d)"  # second half of a range: 1925-26 or 1925-1926
_DASH = r"\s*[-\u2013\u2014/]\s*"
_NOT_BEFORE = r"(?<![\w$£€#.,/\-\u2013])"  # a year does not continue a number, a word or an amount
_YEAR_OR_RANGE = _Y.format(g="y") + r"(?:" + _DASH + _Y2.format(g="y2") + r")?"
_SEASON = r"(?:spring|summer|autumn|fall|winter)"
#: The calendar named inside a date: "(Old Style)", "(O.S.)", "(New Style)", "(N.S.)". It belongs to the date
#: ("March 1 to March 3 (Old Style) 1848" is one expression).
_STYLE = r"(?:\((?:(?P<os>Old)|New)\s+Style\)|\((?:(?P<os>O)|N)\.\s?S\.\))"
_STYLE_GAP = r"(?:,?\s+" + _STYLE + r")?,?\s+"
#: A double-dated year, "1740/41" (the Old Style year, then the modern one).
_DOUBLE = r"(?:/(?P<dy>\d{1,2})(?!\d))?"
_OF_YEAR = (r"(?:\s+of\s+(?:the\s+(?P<rel>following|next|previous|preceding|same)|(?P<rel>that)|(?P<this>this))"
            r"\s+year)?")
#: "of this year" after a year-less date: the year of writing (group ``this``).
_THIS_YEAR = r"(?P<this>\s+of\s+this\s+year\b)?"
_MONTH_NAMES = "January|February|March|April|May|June|July|August|September|October|November|December"
_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
#: Prepositions after which a capitalised month name alone is a month ("in March", "since January"); the
#: preposition stays out of the span (the pattern's ``span`` group). After "and", "or", "to" only when a
#: month comes before ("in August and September").
_MONTH_CUE = "|".join(w for c in ("in by since until till during through throughout before after from and or to"
                                 ).split() for w in (c, c.capitalize()))
#: Prepositions before "the winter", "the spring" (season_alone).
_SEASON_CUE = "in|into|by|until|till|during|through|throughout|before|after|over"
#: Possessives and articles that make "last year", "next month" a noun phrase ("his last year"), not deictic.
_NOT_DEICTIC = "".join(f"(?<!\\b{w}\\s)" for c in ("the", "his", "her", "its", "our", "my", "their", "your") for w in (c, c.capitalize()))

_NUM = r"(?P<num>\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
#: A number, or a vague count ("a few days later", "several weeks after the vote": the number unknown).
_NUM_OR_FEW = r"(?:" + _NUM + r"|(?P<few>a\s+few|several|a\s+couple\s+of))"
#: At most four approximating words before the number ("only about", "a little more than"):
#: a bound, so that no match (nor the look-back before its unit word) grows with the text.
_APPROX = (
    r"(?:(?:only|just|about|some|nearly|almost|roughly|around|barely|precisely|exactly|over|under"
    r"|(?:a\s+)?(?:little|bit|bit\s+more|good\s+deal)?\s*(?:more|less)\s+than)\s+){0,4}"
)
_UNIT = r"(?P<unit>day|week|fortnight|month|year|decade|century|centuries)s?"
_DURING = r"(?:(?:during|over|in|for|within|throughout)\s+)?"
_ORD = (r"(?P<{g}>(?:twenty[-\s](?:first|second))|" + "|".join(sorted((w for w in ORDINALS if "-" not in w),
        key=len, reverse=True)) + r"|(?:1\d|2[0-2]|[1-9])(?:st|nd|rd|th))")
#: Parts of a century or a decade before "of the" (the share of the period each covers: PERIOD_PARTS).
_PART_OF = (r"(?P<part2>(?:first|second|latter|last)\s+half|beginning|start|middle|end|close|turn|dawn"
            r"|(?:first|early|last|later|closing|final)\s+(?:years|decade))\s+of\s+the\s+")
_EARLY_MID_LATE = r"(?P<part>early|mid|middle|late)(?:\s*-\s*|\s+)"
_NUM_WORD = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?"
_TEEN_WORD = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
#: A year in words: "nineteen thirty-eight", "eighteen hundred and forty-eight", "nineteen oh five"; the word
#: after the century (group ``yw1``) anchors the rule.
_UNIT_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_YEAR_WORDS = (r"(?P<yc>[Ss]eventeen|[Ee]ighteen|[Nn]ineteen)\s+(?P<yrest>(?P<yw1>hundred|oh|twenty|thirty|forty|fifty"
               r"|sixty|seventy|eighty|ninety|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen"
               r"|nineteen)(?:(?<=hundred)\s+and\s+(?:" + _NUM_WORD + "|" + _TEEN_WORD + "|" + _UNIT_WORD
               + r")|(?<=oh)\s+" + _UNIT_WORD + r"|(?<=ty)[-\s]" + _UNIT_WORD + r")?)\b(?!-)")
_DAY_WORD = (r"(?P<dw>(?:twenty|thirty)-(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|thirtieth|"
             + "|".join(sorted((w for w, n in ORDINALS.items() if n <= 20), key=len, reverse=True)) + ")")
_SHORT = r"(?<![^\s(\[])['\u2019\u2018](?P<{g}>\d{{2}})"  # after a space or a bracket (not a note marker ’11)  # '38, ’38: a year without its century


# ---------------------------------------------------------------- rows
@dataclass(frozen=True)
class Example:
    """A sentence, the span a rule must find in it, and column values of that row."""

    text: str
    span: str
    want: tuple[tuple[str, Any], ...] = ()


def ex(text: str, span: str, **want: Any) -> Example:
    """``ex("In 1917 it began.", "1917", year_start=1917)``: an :class:`Example`."""
    return Example(text, span, tuple(want.items()))


@dataclass(frozen=True)
class DateRule:
    """One rule of the cascade.

    Attributes
    ----------
    name : str
        The ``rule`` column of its rows.
    kind : str
        ``explicit`` (a calendar date) or ``relative`` (resolved against another date).
    pattern : str
        The regular expression. A group name may occur in two alternatives
        (the reader sees the one that matched).
    read : callable
        ``read(match, text) -> dict | None`` (a new dict, the engine adds to it): the row's ``year_start``,
        ``year_end``, ``month``, ``day``, ``granularity`` (relative rules:
        ``_n``, ``_unit``, ``_dir`` for the resolution); None rejects the match.
    granularity : str
        What the rule yields, for the documentation table.
    description : str
        One sentence for :data:`textmine.dates.RULES`.
    examples : tuple of Example
        Sentences the rule must match: the row whose text is the span has
        this rule (or ``rule+context``/``rule+apposition``) and the values.
    counter_examples : tuple of str
        Sentences in which the rule must yield no row.
    resolve : str
        How the row is completed after the scan (:func:`textmine.dates._resolve`):
        ``none``; ``context_year`` (the year of the last explicit date);
        ``shift`` (the anchor plus or minus N units); ``next`` (one unit);
        ``from_writing`` (N years back from the time of writing);
        ``around_anchor`` (N years after or before the anchor).
    anchor : str
        ``digits``, or the name of the group holding the rule's anchor words.
    guard : bool
        Refuse a bare number after a page word or before a count noun.
    flags : int
        ``re`` flags of the pattern.
    """

    name: str
    kind: str
    pattern: str
    read: Callable[[Any, str], dict | None]
    granularity: str
    description: str
    examples: tuple[Example, ...]
    counter_examples: tuple[str, ...] = ()
    resolve: str = "none"
    anchor: str = "digits"
    guard: bool = False
    flags: int = 0


# ---------------------------------------------------------------- readers
def _second_year(first: int, s: str) -> int | None:
    """Expand ``26`` after ``1925`` to 1926; None when not after *first*."""
    y = int(s) if len(s) == 4 else first - first % 100 + int(s)
    return y if y > first else None


def _month(s: str) -> int:
    return MONTHS[s.rstrip(".").lower()]


def _valid_day(y: int, m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]


def values(ys, ye, gran, month=None, day=None) -> dict:
    """The values a reader returns."""
    return {"year_start": ys, "year_end": ye, "month": month, "day": day, "granularity": gran}


def _read_iso(m, text):
    y, mo, d = int(m["y"]), int(m["mo"]), int(m["d"])
    return values(y, y, "day", mo, d) if _valid_day(y, mo, d) else None


def _read_two_years(m, text):
    a, b = int(m["y1"]), int(m["y2"])
    if b < a:
        return None
    return values(a, b, "years" if b > a else "year")


def _read_from_on(m, text):
    y = int(m["y1"])
    return values(y, y, "years")


# Decades and parts of a period: which tenths of the decade each word covers.
_PART_OF_DECADE = {
    "early": (0, 3), "beginning": (0, 2), "start": (0, 2), "mid": (4, 6), "middle": (4, 6),
    "late": (7, 9), "end": (7, 9), "close": (7, 9),
    "first half": (0, 4), "second half": (5, 9), "latter half": (5, 9), "last half": (5, 9),
    "first years": (0, 3), "early years": (0, 3), "later years": (7, 9), "last years": (8, 9),
    "closing years": (8, 9), "final years": (8, 9),
}


def _read_decade_part(m, text):
    base = int(m["dec"])
    a, b = _PART_OF_DECADE[re.sub(r"\s+", " ", (m["part"] or m["part2"]).lower())]
    return values(base + a, base + b, "years")


def _read_decade(m, text):
    base = int(m["dec"])
    return values(base, base + 9, "decade")


#: Before this year an Old Style date between 1 January and 24 March belongs to the next modern year
#: (the English legal year began on 25 March until 1752).
LADY_DAY_UNTIL = 1752


def modern_year(y: int, month: int, day: int, old_style: bool, double: str | None) -> int | None:
    """The year in the modern reckoning: a double date "1740/41" is its later year; an Old Style date
    before 25 March (before :data:`LADY_DAY_UNTIL`) is the next year. None: a double date that is not
    two years in a row."""
    if double:
        later = y - y % 10 ** len(double) + int(double)
        return later if later == y + 1 else None
    if old_style and y < LADY_DAY_UNTIL and (month, day) < (3, 25):
        return y + 1
    return y


def _read_mdy(m, text):
    y, mo, d = int(m["y"]), _month(m["mon"]), int(m["day"])
    if not _valid_day(y, mo, d):
        return None
    y = modern_year(y, mo, d, m["os"] is not None, m["dy"])
    return None if y is None else values(y, y, "day", mo, d)


def _read_day_range(m, text):
    """'February 26 to March 2 (Old Style) 1740': the first day's month and day, granularity days."""
    y = int(m["y"])
    m1, d1 = _month(m["mon"]), int(m["day"])
    m2, d2 = _month(m["mon2"]) if m["mon2"] else m1, int(m["day2"])
    if not (_valid_day(y, m1, d1) and _valid_day(y, m2, d2)) or (m2, d2) <= (m1, d1):
        return None
    y1 = modern_year(y, m1, d1, m["os"] is not None, m["dy"])
    y2 = modern_year(y, m2, d2, m["os"] is not None, m["dy"])
    return None if y1 is None or y2 is None else values(y1, y2, "days", m1, d1)


def _read_season(m, text):
    y = ye = int(m["y"])
    if m["y2"]:
        ye = _second_year(y, m["y2"])
        if ye is None:
            return None
    return values(y, ye, "season")


def _read_part_year(m, text):
    y = int(m["y"])
    return values(y, y, "season")


def _read_month_year(m, text):
    y = int(m["y"])
    return values(y, y, "month", _month(m["mon"]))


def _read_year_range(m, text):
    a = int(m["y"])
    b = _second_year(a, m["y2"])
    return None if b is None else values(a, b, "years")


def _read_month_day(m, text):
    d, mo = int(m["day"]), _month(m["mon"])
    if not _valid_day(2000, mo, d):  # a leap year accepts 29 February
        return None
    return {**values(None, None, "day", mo, d), "_this": m["this"] is not None}


#: The place of a dateline, from the start of its line to the comma before the month: a capitalised place
#: ("GRANITE CITY"), then perhaps a state or country ("Idaho", "Mich."). At most 60 characters are read.
_DATELINE_PLACE = re.compile(r"^[ \t]*[A-Z]{2,}[A-Z.'\- ]{0,30}(?:,[ ][A-Z][A-Za-z.]{1,12}(?:[ ][A-Z][A-Za-z.]{1,12})?)?\Z",
                             re.M)


def _read_dateline(m, text):
    """A wire story's year-less dateline: the month and day; the year is the story's (resolve ``dateline``).

    The match starts at the comma after the place; the place is read back to the start of its line."""
    s = m.start()
    if _DATELINE_PLACE.search(text, max(0, s - 60), s) is None:
        return None
    got = _read_month_day(m, text)
    return None if got is None else {**got, "_dateline": True}


def _read_fiscal_year(m, text):
    y = int(m["y"])
    if m["y2"]:
        y2 = _second_year(y, m["y2"])
        return None if y2 is None else values(y, y2, "years")
    return values(y - 1, y, "years")


def _read_weekday_day(m, text):
    return {**values(None, None, "day", None, int(m["day"])), "_weekday": m["wd"].lower()}


def _read_year(m, text):
    y = int(m["y"])
    return values(y, y, "year")


#: The years of a century each part word covers (offsets from its first year).
CENTURY_PARTS = {
    "early": (0, 33), "mid": (34, 66), "middle": (34, 66), "late": (67, 99),
    "first half": (0, 49), "second half": (50, 99), "latter half": (50, 99), "last half": (50, 99),
    "beginning": (0, 9), "start": (0, 9), "dawn": (0, 9), "end": (90, 99), "close": (90, 99),
    "first years": (0, 3), "early years": (0, 3), "last years": (96, 99), "later years": (67, 99),
    "closing years": (96, 99), "final years": (96, 99), "first decade": (0, 9), "last decade": (90, 99),
}


def period_part(part: str | None, start: int, length: int) -> tuple[int, int]:
    """The years of *part* ("early", "the end"...) of a decade or century (*length* 10 or 100) from *start*.

    Decades use the decade table (``_PART_OF_DECADE``: early = years 0-3, end
    = 7-9, like "late"), centuries :data:`CENTURY_PARTS`; "turn" is the year before
    *start* to the year after it (the turn of the century). A span of
    centuries ("the eighteenth and nineteenth centuries") takes no part.
    """
    if part is None:
        return start, start + length - 1
    part = re.sub(r"\s+", " ", part.lower())
    if part == "turn":
        return start - 1, start + 1
    table = _PART_OF_DECADE if length == 10 else CENTURY_PARTS
    if part not in table or length not in (10, 100):
        return start, start + length - 1
    a, b = table[part]
    return start + a, start + b


def _ordinal(s: str) -> int:
    s = re.sub(r"\s+", "-", s.lower())
    return int(s[:-2]) if s[0].isdigit() else ORDINALS[s]


def _read_century(m, text):
    first = _ordinal(m["ord"])
    last = _ordinal(m["ord2"]) if m["ord2"] else first
    if last < first:
        return None
    part = m["part"] or m["part2"]
    if m["ord2"]:  # "the late eighteenth and early nineteenth centuries": each end its own part
        a = period_part(part, (first - 1) * 100, 100)[0]
        b = period_part(m["part3"], (last - 1) * 100, 100)[1]
    else:
        a, b = period_part(part, (first - 1) * 100, 100)
    return values(a, b, "century" if part is None and m["part3"] is None else "years")


def _read_hundreds(m, text):
    base = int(m["c"]) * 100
    a, b = period_part(m["part"] or m["part2"], base, 100)
    return values(a, b, "century" if (m["part"] or m["part2"]) is None else "years")


#: How far back (characters) a century left out ("the twentieth") looks for the word "century".
ELLIPSIS_REACH = 160
_CENTURY_WORD = re.compile(r"\bcentur(?:y|ies)\b", re.I)


def _read_century_ellipsis(m, text):
    if _CENTURY_WORD.search(text, max(0, m.start() - ELLIPSIS_REACH), m.start()) is None:
        return None
    n = ORDINALS[m["ord"].lower()]
    part = m["part"] or m["part2"]
    a, b = period_part(part, (n - 1) * 100, 100)
    return values(a, b, "century" if part is None else "years")


def _read_fin_de_siecle(m, text):
    return values(1890, 1899, "years")


def _not_a_time(m, text) -> bool:
    """A temperature, an age or a score word within a few words of the match."""
    before = re.findall(r"[A-Za-z]+", text[max(0, m.start() - 40):m.start()])[-4:]
    after = re.findall(r"[A-Za-z]+", text[m.end():m.end() + 20])[:1]
    return any(w.lower() in NOT_A_TIME for w in before + after)


def _read_decade_word(m, text):
    if _not_a_time(m, text):
        return None
    tens = DECADE_WORDS[m["dw"].lower()] if m["dw"] else int(m["d2"])
    if m["dc"]:  # the century is written: no resolution needed
        start = _TEENS[m["dc"].lower()] * 100 + tens * 10
        a, b = period_part(m["part"], start, 10)
        return values(a, b, "decade" if m["part"] is None else "years")
    return {**values(None, None, "decade" if m["part"] is None else "years"), "_yy": tens * 10, "_len": 10,
            "_part": m["part"]}


def _read_short_year(m, text):
    if _not_a_time(m, text):
        return None
    return {**values(None, None, "season" if m["season"] else "year"), "_yy": int(m["yy"]), "_len": 1,
            "_part": None}


_WORD_END = re.compile(r"([A-Za-z]+)\.?,?\s*$")
#: The year a month names relative to the context year ("March of the following year" = the year after).
_YEAR_SHIFT = {"following": 1, "next": 1, "previous": -1, "preceding": -1, "same": 0, "that": 0}


def _read_words_date(m, text):
    """'the twenty-first of September, nineteen thirty-eight', 'the winter of nineteen forty-six'."""
    y = None
    if m["yc"]:
        y = words_year(m["yc"], m["yrest"])
        if y is None:
            return None
    if m["dw"]:
        mo, d = _month(m["mon"]), DAY_ORDINALS[m["dw"].lower()]
        if not _valid_day(y or 2000, mo, d):
            return None
        return values(y, y, "day", mo, d)
    return values(y, y, "season" if m["season"] else "year")


def _read_instant(m, text):
    step = {"inst": 0, "ult": -1, "prox": 1}[m["which"].lower()]
    return {**values(None, None, "day", None, int(m["day"])), "_unit": "month", "_n": step, "_dir": ""}


def _read_season_alone(m, text):
    return values(None, None, "season")


def _read_month_alone(m, text):
    """After "and", "or", "to" a month only when a month comes before: "in August and September"."""
    cue = (m["cue"] or "").lower()
    if cue in ("and", "or", "to"):
        before = _WORD_END.search(text, max(0, m.start() - 12), m.start())
        if before is None or before.group(1).lower() not in MONTHS:
            return None
    shift = _YEAR_SHIFT[m["rel"].lower()] if m["rel"] else 0
    return {**values(None, None, "month", _month(m["mon"])), "_yshift": shift, "_this": m["this"] is not None}


def _read_period_of_anchor(m, text):
    """'the end of the century', 'early in the decade': resolved against the anchor's decade or century."""
    rel = (m["rel"] or "").lower()
    return {**values(None, None, "years"), "_unit": m["unit"].lower(), "_part": m["part"] or m["part2"],
            "_rel": rel, "_n": 1, "_dir": rel}


def _read_season_word(m, text):
    """'the following spring', 'that September', 'last fall': the season or month, resolved later."""
    word = m["unit"]
    if (word == "May" and (m["dir"] or "").lower() == "that") or (word.lower() in MONTHS and word.islower()):
        return None
    month = MONTHS.get(word.lower())
    return {**values(None, None, "month" if month else "season", month), "_unit": word.lower(), "_n": 1,
            "_dir": (m["dir"] or "").lower(), "_month": month or SEASON_MONTHS.get(word.lower())}


def _read_weekday(m, text):
    """A weekday name ('Monday', 'the following Saturday'); not before a capitalised word ('Sunday Times')."""
    nxt = re.match(r"\s+([A-Za-z])", text[m.end():m.end() + 3])
    if (nxt and nxt.group(1).isupper()) or re.match(r"(?:a|every|each|one|any|some|on\s+a)\s", text[m.start():m.start() + 5]):
        return None
    return {**values(None, None, "day"), "_unit": m["wd"].lower(), "_n": 1, "_dir": (m["dir"] or "").lower()}


def _read_anaphora(m, text):
    return values(None, None, None)


def _read_relative(m, text):
    """N (a number word or digits; None without one), the unit and the direction word, resolved later."""
    num = m["num"]
    n = None if num is None else int(num) if num.isdigit() else NUMBER_WORDS[num.lower()]
    if m["few"]:
        n = 0  # a vague count: resolved to the anchor's years for units shorter than a year, else left open
    unit = m["unit"].lower()
    unit = "century" if unit.startswith("centur") else "day" if unit in _DAY_PARTS else unit
    return {**values(None, None, None), "_n": n, "_unit": unit, "_dir": (m["dir"] or "").lower(), "_part": m["part"]}


#: Parts of a day that count as a day unit ("the next morning" = the next day).
_DAY_PARTS = frozenset({"morning", "afternoon", "evening", "night"})


# ---------------------------------------------------------------- the table
CENTURY_RULES: tuple[DateRule, ...] = (
    DateRule(
        "century", "explicit",
        r"\b(?:the\s+)?(?:" + _EARLY_MID_LATE + r"|" + _PART_OF + r")?" + _ORD.format(g="ord")
        + r"(?:\s+(?:and|or|to)\s+(?:the\s+)?(?:(?P<part3>early|mid|middle|late)(?:\s*-\s*|\s+))?"
        + _ORD.format(g="ord2") + r")?(?:\s*-\s*|\s+)"
        r"(?P<cent>century|centuries)\b(?!-old|\s*B\.?C)",
        _read_century, "century",
        "A century in words or digits, with its part: 'the eighteenth century' = 1700..1799, 'the early "
        "twenty-first century', 'mid-nineteenth-century', 'the first half of the twentieth century' (parts: "
        "CENTURY_PARTS), 'the seventeenth and eighteenth centuries'.",
        (ex("Trade grew in the eighteenth century along the coast.", "the eighteenth century", year_start=1700,
            year_end=1799, granularity="century"),
         ex("It was built in the 15th century.", "the 15th century", year_start=1400, year_end=1499),
         ex("Critics of the early twenty-first century disagreed.", "the early twenty-first century",
            year_start=2000, year_end=2033, granularity="years"),
         ex("A mid-nineteenth-century chapel stood there.", "mid-nineteenth-century", year_start=1834, year_end=1866),
         ex("For the first half of the twentieth century it held.", "the first half of the twentieth century",
            year_start=1900, year_end=1949),
         ex("Ports of the Sixteenth and Seventeenth Centuries traded.", "the Sixteenth and Seventeenth Centuries",
            year_start=1500, year_end=1699),
         ex("By the end of the nineteenth century the mills had closed.", "the end of the nineteenth century",
            year_start=1890, year_end=1899),
         ex("Mills of the late eighteenth and early nineteenth centuries survive.",
            "the late eighteenth and early nineteenth centuries", year_start=1767, year_end=1833)),
        ("A century-old oak fell.", "The first century of the republic began.", "The fifth century BC was long.",
         "He scored a century at Lords."),
        anchor="cent", flags=re.I,
    ),
    DateRule(
        "hundreds", "explicit",
        r"(?:\b[Tt]he\s+)?(?:" + _EARLY_MID_LATE + r"|" + _PART_OF + r")?" + _NOT_BEFORE
        + r"(?P<c>1\d|[1-9])00(?:\u2019|')?s\b",
        _read_hundreds, "century", "'the 1800s' = the century 1800..1899 (parts as for centuries: 'the late 1800s').",
        (ex("Mills spread in the 1800s across the valley.", "the 1800s", year_start=1800, year_end=1899,
            granularity="century"),
         ex("By the late 1700s the port had silted.", "the late 1700s", year_start=1767, year_end=1799)),
        ("Code A1800s was sent.", "It cost 1800 dollars."),
    ),
    DateRule(
        "century_ellipsis", "explicit",
        r"\b[Tt]he\s+(?:" + _EARLY_MID_LATE + r"|" + _PART_OF + r")?(?P<ord>" + "|".join(sorted(
            (w for w, n in ORDINALS.items() if 11 <= n <= 20), key=len, reverse=True)) + r")\b"
        r"(?![\-'\u2019])(?=\s*[,;:.)]|\s+(?:will|would|was|is|had|has|and|or|to|saw|brought|began|belonged)\b)",
        _read_century_ellipsis, "century",
        "A century whose noun is left out after another ('the nineteenth century ...; the twentieth will', 'for "
        "most of the eighteenth century and the first half of the nineteenth,'): only within "
        "ELLIPSIS_REACH characters after the word 'century', before punctuation or a verb.",
        (ex("The eighteenth century built the docks; the nineteenth was to fill them.", "the nineteenth",
            year_start=1800, year_end=1899, granularity="century"),
         ex("It ruled for the whole seventeenth century and the first half of the eighteenth, then fell.",
            "the first half of the eighteenth", year_start=1700, year_end=1749, granularity="years")),
        ("On the twentieth, the council met.", "The century turned. Much later, on the twentieth of May, it rained.",
         "The nineteenth century ended; the twentieth amendment came.", "He came in the nineteenth."),
        anchor="ord", flags=re.I,
    ),
    DateRule(
        "fin_de_siecle", "explicit", r"\b(?:[Tt]he\s+)?[Ff]in[-\s](?P<de>de)[-\s]si(?:e|\u00e8|e\u0300)cle\b",
        _read_fin_de_siecle, "years", "'fin de siècle' (and 'fin-de-siecle'): the last decade of the nineteenth "
        "century, 1890..1899.",
        (ex("The mood of the fin de siècle was gloomy.", "the fin de siècle", year_start=1890, year_end=1899),
         ex("Its fin-de-siecle decor survives.", "fin-de-siecle", year_start=1890)),
        ("The finale decided it.", "Fin de la partie."),
        anchor="de",
    ),
)

#: Decades and years whose century comes from the narrative (resolve ``century_context``).
SHORT_RULES: tuple[DateRule, ...] = (
    DateRule(
        "decade_word", "explicit",
        r"\bthe\s+(?:" + _EARLY_MID_LATE + r")?(?:(?P<dc>eighteen|nineteen)[-\s])?(?P<dw>twenties|thirties|forties"
        r"|fifties|sixties|seventies|eighties|nineties)\b",
        _read_decade_word, "decade",
        "'the twenties', 'the late forties': the decade of the century nearest the narrative's dates ('the "
        "nineteen-twenties', 'the eighteen nineties': of that century); refused near a temperature, age or "
        "score word (NOT_A_TIME).",
        (ex("In 1931 the town looked back on the twenties.", "the twenties", year_start=1920, year_end=1929,
            granularity="decade"),
         ex("In 1954 he recalled the late forties.", "the late forties", year_start=1947, year_end=1949),
         ex("Novels of the nineteen-twenties sold.", "the nineteen-twenties", year_start=1920, year_end=1929,
            rule="decade_word"),
         ex("In 1950 they recalled the eighteen nineties.", "the eighteen nineties", year_start=1890)),
        ("The temperature stayed in the forties all week.", "He was in his forties then."),
        anchor="dw", flags=re.I, resolve="century_context",
    ),
    DateRule(
        "decade_short", "explicit",
        r"(?:\b[Tt]he\s+)?(?:" + _EARLY_MID_LATE + r")?(?<![\w'\u2019\u2018])['\u2019\u2018](?P<d2>\d)0s\b",
        _read_decade_word, "decade", "'the '20s', 'the early ’30s': a decade of the century nearest the narrative.",
        (ex("By 1935 the jazz of the '20s was gone.", "the '20s", year_start=1920, year_end=1929),
         ex("In 1938 they remembered the early ’30s.", "the early ’30s", year_start=1930, year_end=1933)),
        ("It cost '25s.", "The word’20s is odd."),
        resolve="century_context",
    ),
    DateRule(
        "short_year", "explicit",
        r"(?:(?:\b[Tt]he\s+)?\b(?P<season>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)\s+of\s+)?"
        + _SHORT.format(g="yy") + r"(?![\w'\u2019%]|[.,]\d|\s*per\s*cent)",
        _read_short_year, "year",
        "A year with an apostrophe for its century ('’33', 'the fall of ’38'): the year of the century nearest "
        "the narrative's dates (the anchor's year; the earlier on a tie).",
        (ex("It rained in 1935, and in ’33 it had not.", "’33", year_start=1933, year_end=1933, granularity="year"),
         ex("Work began in 1937 and stopped in the fall of '38.", "the fall of '38", year_start=1938,
            granularity="season")),
        ("He said 'rock'33 times.", "It was '50 percent' they said.", "He read '12 men' aloud.",
         "In 1911 they asked ‘who pays?’11 and waited."),
        guard=True, resolve="century_context",
    ),
)

#: Dates in words, as spoken (hearings, speeches) and in older legal prose.
WORD_RULES: tuple[DateRule, ...] = (
    DateRule(
        "day_words", "explicit",
        r"\b[Tt]he\s+" + _DAY_WORD + r"\s+(?:day\s+)?of\s+(?P<mon>" + _MONTH_NAMES + r")\b(?:,?\s+" + _YEAR_WORDS + ")?",
        _read_words_date, "day",
        "A day in words, 'the twenty-first of September' (the year from context) or with a year in words, "
        "'the third day of March, eighteen hundred and forty-eight'.",
        (ex("It came on the twenty-first of September, nineteen thirty-eight.",
            "the twenty-first of September, nineteen thirty-eight", year_start=1938, month=9, day=21),
         ex("In 1848 they met on the third day of March.", "the third day of March", year_start=1848, month=3,
            day=3, rule="day_words+context")),
        ("The thirty-first of February never came.", "The third of the men left in May."),
        anchor="mon", resolve="context_year",
    ),
    DateRule(
        "year_words", "explicit",
        r"\b(?:(?:[Tt]he\s+)?(?P<season>spring|summer|autumn|fall|winter)\s+of\s+)?" + _YEAR_WORDS,
        _read_words_date, "year",
        "A year in words: 'nineteen thirty-eight', 'the winter of nineteen forty-six', 'eighteen hundred and "
        "forty-eight' (guarded as a bare year: no count noun after it).",
        (ex("My father sold his boat in the winter of nineteen forty-six.", "the winter of nineteen forty-six",
            year_start=1946, granularity="season"),
         ex("It was built in eighteen hundred and forty-eight.", "eighteen hundred and forty-eight", year_start=1848)),
        ("He counted nineteen twenty-dollar bills.", "Nineteen thirty men came."),
        anchor="yw1", guard=True,
    ),
)

MONTH_RULES: tuple[DateRule, ...] = (
    DateRule(
        "season_alone", "explicit",
        r"\b(?:" + _SEASON_CUE + r")\s+(?P<span>the\s+(?:(?:early|late)\s+)?(?P<season>spring|summer|autumn|fall|winter))\b"
        r"(?!['\u2019\-]|\s+of\b|\s+(?:months?|term|session|holidays?|season|school|time)\b)",
        _read_season_alone, "season",
        "A season without a year after a temporal preposition ('lasted into the winter', 'by the autumn'): the "
        "year comes from context (as for month_day); not 'the fall of', nor before a noun ('the summer term').",
        (ex("The lock-out of 1926 lasted into the winter and emptied the shops.", "the winter", year_start=1926,
            granularity="season", rule="season_alone+context"),
         ex("The mill reopened in 1861; by the autumn it had work.", "the autumn", year_start=1861)),
        ("After the fall of the city in 1920 they fled.", "In the summer term of 1920 he taught.",
         "In the spring-time of 1920 they sang.", "The summer was hot in 1920."),
        anchor="season", resolve="context_year", flags=re.I,
    ),
    DateRule(
        "month_alone", "explicit",
        r"\b(?P<cue>" + _MONTH_CUE + r")\s+(?P<span>(?:(?P<mod>early|late|mid)(?:\s*-\s*|\s+))?(?P<mon>" + _MONTH_NAMES
        + r")" + _OF_YEAR + r")(?![\w\-'\u2019])(?!\s*,?\s*\d)"
        r"|\b(?P<span>(?P<mod>[Ee]arly|[Ll]ate|[Mm]id)(?:\s*-\s*|\s+(?:in\s+)?)(?P<mon>" + _MONTH_NAMES
        + r")" + _OF_YEAR + r")(?![\w\-'\u2019])(?!\s*,?\s*\d)",
        _read_month_alone, "month",
        "A month without a year after a temporal preposition or a part word ('in March', 'since January', "
        "'early April', 'in August and September'): the year comes from context (as for month_day).",
        (ex("In 1933 they plowed in March and harvested nothing.", "March", year_start=1933, month=3,
            granularity="month", rule="month_alone+context"),
         ex("The mill opened in 1860. By early April it had a hundred members.", "early April", month=4,
            year_start=1860),
         ex("In 1916 the wards filled in August and September.", "September", month=9, year_start=1916),
         ex("The board met in 1901; in May it refused.", "May", month=5, year_start=1901),
         ex("In 1936 he brought congressmen to the creek in June, and they walked.", "June", month=6),
         ex("The strike of 1905 failed; in March of the following year they tried again.",
            "March of the following year", year_start=1906, month=3),
         ex("In 1948 the plan failed. The report of 1951 says the board met in June of this year.",
            "June of this year", year_start=1951, month=6)),
        ("May I speak?", "They will march in March 1917.", "Tom and June came in 1920.", "In March's wind.",
         "She met him in April 3 times.", "He wrote to June in 1920."),
        anchor="mon", resolve="context_year",
    ),
)

RELATIVE_RULES: tuple[DateRule, ...] = (
    DateRule(
        "instant", "relative",
        r"\b(?:the\s+)?" + _DAY.format(g="day") + r"\s+(?P<which>inst|ult|prox)(?:\.|(?:ant|imo)\b)",
        _read_instant, "day",
        "Letter-writers' days of the month: 'the 4th inst.' (this month), 'the 28th ult.' (last month), 'the 2d "
        "prox.' (next month), from the month of the last resolved date.",
        (ex("Boston, March 9, 1880. Your letter of the 4th inst. came today.", "the 4th inst.", year_start=1880,
            month=3, day=4, granularity="day"),
         ex("Boston, January 9, 1880. Yours of the 28th ult. is here.", "the 28th ult.", year_start=1879, month=12,
            day=28)),
        ("He paid 4 instalments in 1880.", "The 28th ultimatum came in 1880."),
        resolve="instant",
    ),
    DateRule(
        "period_of_anchor", "relative",
        r"\b(?:the\s+)?" + _PART_OF + r"(?:(?P<rel>new|next|previous|same)\s+)?(?P<unit>decade|century|year)\b(?!-)"
        r"|\b(?P<part>early|late)\s+in\s+the\s+(?:(?P<rel>new|next|previous|same)\s+)?(?P<unit>decade|century|year)"
        r"\b(?!-)"
        r"|\bthe\s+(?P<rel>new|next|previous|following|preceding)\s+(?P<unit>decade|century)\b(?!-)",
        _read_period_of_anchor, "years",
        "'the end of the century', 'early in the decade', 'the turn of the century', 'the next century', 'the end "
        "of the year': a part of the anchor's decade or century (next/following: the one after; new: the one that "
        "starts nearest), or the anchor's year (granularity season).",
        (ex("The shop opened in 1895. By the end of the century it had nine branches.", "the end of the century",
            year_start=1890, year_end=1899, granularity="years"),
         ex("In 1931 it failed. Early in the decade the committee met.", "Early in the decade", year_start=1930,
            year_end=1933),
         ex("The shop opened in 1903. By the end of the decade it had nine branches.", "the end of the decade",
            year_start=1907, year_end=1909),
         ex("In 1898 she wrote that it would last into the next century.", "the next century", year_start=1900,
            year_end=1999),
         ex("By 1899 they knew. Around the turn of the century it grew.", "the turn of the century",
            year_start=1899, year_end=1901),
         ex("It was 1899. In the first years of the new century a driver worked long hours.",
            "the first years of the new century", year_start=1900, year_end=1903),
         ex("The plan came in October 1934. By the end of the year few had signed.", "the end of the year",
            year_start=1934, year_end=1934, granularity="season")),
        ("The century was young.", "A decade-long feud ended in 1920.", "In 1920 the decade began."),
        resolve="within_anchor", anchor="unit", flags=re.I,
    ),
    DateRule(
        "ago", "relative", r"\b" + _APPROX + _NUM + r"\s+" + _UNIT + r"\s+(?P<dir>ago)\b",
        _read_relative, "year",
        "'seven years ago', 'a century ago': N units back from the time of writing (reference_year); units "
        "shorter than a year give the year of writing.",
        (ex("The report of 1955 said: that was seven years ago.", "seven years ago", year_start=1948,
            year_end=1948, granularity="year"),
         ex("In 1950 it was built; that was two months ago.", "two months ago", year_start=1950)),
        ("Long ago it was built in 1920.", "Ages ago in 1920."),
        resolve="ago", anchor="unit", flags=re.I,
    ),
    DateRule(
        "deictic", "relative",
        r"\b" + _NOT_DEICTIC + r"(?P<dir>[Ll]ast|[Nn]ext)\s+(?P<unit>week|month|year|spring|summer|autumn|fall|winter|"
        + _MONTH_NAMES + r")\b(?![\-'\u2019])",
        _read_season_word, "(varies)",
        "'last month', 'next year', 'last August', 'last fall': counted from the time of writing (reference_year; "
        "a month or season named 'last' is taken in the year before it, 'next' in the year after).",
        (ex("In 1955 the witness saw it himself last August.", "last August", year_start=1954, month=8),
         ex("The paper of 1955 said so in an editorial last month.", "last month", year_start=1955),
         ex("In 1955 he said he would introduce a bill next January.", "next January", year_start=1956)),
        ("It was the last year of his term in 1952.", "Her last August was in 1920.", "The next Monday in 1920."),
        resolve="deictic", anchor="unit",
    ),
    DateRule(
        "season_of_anchor", "relative",
        r"\b[Tt]he\s+(?P<dir>following|next|previous|preceding)\s+(?P<unit>spring|summer|autumn|fall|winter|"
        + _MONTH_NAMES + r")\b|\b(?P<dir>[Tt]hat)\s+(?P<unit>spring|summer|autumn|fall|winter|" + _MONTH_NAMES
        + r")\b",
        _read_season_word, "(varies)",
        "'the following spring', 'the previous winter', 'that September': the season or month after, before or "
        "in the anchor's year (a winter runs into the next year).",
        (ex("By December 1934 few had signed. The storms of the following spring changed that.",
            "the following spring", year_start=1935, year_end=1935, granularity="season"),
         ex("In September 1898 she left. In the following winter she wrote.", "the following winter",
            year_start=1898, year_end=1899),
         ex("In 1898 she nursed soldiers. She wrote to her sister that September.", "that September",
            year_start=1898, month=9),
         ex("The report of 1909 appeared the following January.", "the following January", year_start=1910)),
        ("The following springs are hot.", "He said that May be so.", "The following may apply in 1920."),
        resolve="season_of_anchor", anchor="unit",
    ),
    DateRule(
        "weekday", "relative",
        r"\b[a-z]+,?\s+(?P<span>(?:the\s+(?:(?P<dir>following|next|previous)\s+)?)?(?P<wd>" + _WEEKDAYS + r")"
        r"(?:\s+(?:morning|afternoon|evening|night))?)\b(?![\-'\u2019]|\s+(?:mornings|afternoons|evenings|nights)\b)"
        r"|\b(?P<span>[Tt]he\s+(?P<dir>following|next|previous)\s+(?P<wd>" + _WEEKDAYS + r")"
        r"(?:\s+(?:morning|afternoon|evening|night))?)\b(?![\-'\u2019])",
        _read_weekday, "day",
        "A weekday after a lower-case word ('testified Monday', 'on Thursday night', 'the following Saturday'; "
        "the word stays out of the span): the nearest such day on or before the last explicit date with a day "
        "(following/next: after it); not before a capitalised word ('Sunday Times').",
        (ex("BOISE, June 14, 1950 — The hearing opened Monday with a telegram.", "Monday", year_start=1950,
            month=6, day=12, granularity="day"),
         ex("On 3 May 1905 the men struck; the following Saturday the paper spoke.", "the following Saturday",
            month=5, day=6)),
        ("He read the Sunday Times in 1920.", "Mondays in 1920 were dull.", "It began on 6 March 1905, a Monday.",
         "In 1883 they shut on Wednesday afternoons."),
        resolve="weekday", anchor="wd",
    ),
    DateRule(
        "offset_after", "relative",
        r"\b" + _APPROX + _NUM_OR_FEW + r"\s+" + _UNIT + r"\s+(?P<dir>after|before)\s+(?:the|that|this|his|her|its|their)"
        r"\s+(?P<obj>[a-z]+)(?:\s+(?:began|ended|opened|closed|broke\s+out))?\b",
        _read_relative, "(varies)",
        "'three weeks after the storm', 'two months after that report': the last resolved date (the thing "
        "named is taken to be the last dated thing) plus or minus N units; right after a date and a comma ('in "
        "1974, three years after the first') it restates that date.",
        (ex("The storm struck on 10 April 1935. Three weeks after the storm, the paper counted signatures.",
            "Three weeks after the storm", year_start=1935, month=5, day=1),
         ex("The vote came in April 1883. Three weeks after the vote the paper wrote.", "Three weeks after the vote",
            year_start=1883),
         ex("In 1950 the county built roads. The museum opened in 1974, three years after the first in the state.",
            "three years after the first", year_start=1974, rule="offset_after+apposition")),
        ("He came after the storm in 1935.", "Two years after 1935 it ended."),
        resolve="shift", anchor="unit", flags=re.I,
    ),
    DateRule(
        "anaphora", "relative",
        r"\b(?:[Aa]fter|[Bb]efore|[Uu]ntil|[Ff]ollowing|[Dd]uring)\s+(?P<span>the\s+(?:[a-z]+\s+){0,2}?"
        r"(?P<unit>" + "|".join(sorted((re.escape(n) for n in ANAPHORA_NOUNS), key=len, reverse=True)) + r"))\b"
        r"(?![\-'\u2019]|\s+(?:of|in|on)\s)",
        _read_anaphora, "(varies)",
        "'after the flood', 'before the dock strikes' (span: the description): the date the text gave "
        "the same thing before ('... the flood. It came on 3 May 1927'; 'The dock strikes of 1911 ...', "
        "which names an event: kind event; textmine.date_anaphora); no row when the text never dated it.",
        (ex("The flood ruined them. It came on 3 May 1927. After the flood the mill closed.",
            "the flood", year_start=1927, month=5, day=3, granularity="day"),
         ex("The dock strikes were bitter. They began in 1911. After the dock strikes wages had risen.",
            "the dock strikes", year_start=1911, granularity="year")),
        ("After the storm they left in 1935.", "The fire of 1920 was small. After the fire of 1931 they moved.",
         "In 1927 a storm came. After the flood they left."),
        resolve="anaphora", anchor="unit",
    ),
)

_CALENDAR_RULES: tuple[DateRule, ...] = (
    DateRule(
        "iso_date", "explicit", r"(?<![\d-])(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})(?![\d-])", _read_iso,
        "day", "ISO calendar date YYYY-MM-DD.",
        (ex("It was filed on 1920-11-03 in Moscow.", "1920-11-03", year_start=1920, month=11, day=3),),
        ("The code 1920-13-45 is no date.", "Item 1920-11-031 was sent."),
    ),
    DateRule(
        "between_years", "explicit",
        r"\b[Bb]etween\s+(?:(?:the\s+years\s+)|" + _MONTH.format(g="m1") + r"\s+)?" + _Y.format(g="y1")
        + r"\s+and\s+(?:" + _MONTH.format(g="m2") + r"\s+)?" + _Y.format(g="y2"),
        _read_two_years, "years",
        "'between Y1 and Y2' (months allowed before each year): the span Y1..Y2.",
        (ex("The war raged between 1936 and 1939 there.", "between 1936 and 1939", year_start=1936, year_end=1939,
            granularity="years"),
         ex("It lasted between March 1919 and 1920.", "between March 1919 and 1920", year_start=1919, year_end=1920),
         ex("Between the years 1922 and 1923 it grew.", "Between the years 1922 and 1923", year_end=1923)),
        ("It fell between 1939 and 1936, they say.",),
    ),
    DateRule(
        "from_to_years", "explicit",
        r"\b[Ff]rom\s+(?:" + _MONTH.format(g="m1") + r"\s+)?" + _Y.format(g="y1")
        + r"\s+(?:to|until|till|through|thru)\s+(?:" + _MONTH.format(g="m2") + r"\s+)?" + _Y.format(g="y2"),
        _read_two_years, "years", "'from Y1 to/until/through Y2': the span Y1..Y2.",
        (ex("It lasted from 1924 to 1927 at least.", "from 1924 to 1927", year_start=1924, year_end=1927),
         ex("From 1924 until 1927 it held.", "From 1924 until 1927", granularity="years")),
        ("It went from 1927 to 1924 in reverse.",),
    ),
    DateRule(
        "from_year_on", "explicit",
        r"\b[Ff]rom\s+" + _Y.format(g="y1") + r"\s+(?:on(?:ward|wards)?|forward)\b",
        _read_from_on, "years",
        "'from Y on(wards)': an open span; year_end = year_start because the text gives no end.",
        (ex("From 1924 on, the line hardened.", "From 1924 on", year_start=1924, year_end=1924, granularity="years"),
         ex("It grew from 1924 onwards.", "from 1924 onwards", year_start=1924)),
        ("Apart from 1924 one saw little.",),
    ),
    DateRule(
        "decade_part", "explicit",
        r"(?:\b[Tt]he\s+)?(?:(?P<part>early|mid|late|middle)(?:\s*-\s*|\s+)|"
        r"(?P<part2>(?:first|second|latter|last)\s+half|beginning|start|middle|end|close)\s+of\s+the\s+)"
        r"(?P<dec>\d{3}0)(?:\u2019|')?s\b",
        _read_decade_part, "years",
        "Part of a decade: early = years 0-3, mid/middle = 4-6, late = 7-9, beginning/start = 0-2, "
        "end/close = 7-9 (the end of a decade is its late years), first half = 0-4, second/latter/last half = 5-9.",
        (ex("In the latter half of the 1920s it grew.", "the latter half of the 1920s", year_start=1925, year_end=1929,
            granularity="years"),
         ex("By the mid-1950s it was over.", "the mid-1950s", year_start=1954, year_end=1956),
         ex("In the early 1930s it failed.", "the early 1930s", year_start=1930, year_end=1933)),
        ("By the mid-1955s nothing.", "In the early 1930 elections."),
    ),
    DateRule(
        "decade", "explicit", r"(?:\b[Tt]he\s+)?" + _NOT_BEFORE + r"(?P<dec>\d{3}0)(?:\u2019|')?s\b", _read_decade,
        "decade", "A decade 'the 1920s' = 1920..1929.",
        (ex("Life in the 1920s was hard.", "the 1920s", year_start=1920, year_end=1929, granularity="decade"),
         ex("In 1930’s Europe it grew.", "1930’s", year_start=1930)),
        ("Code A1920s was sent.", "The 1925s are no decade."),
    ),
    DateRule(
        "day_range", "explicit",
        _MONTH.format(g="mon") + r"\s+" + _DAY.format(g="day") + r",?\s*(?:to|until|through|-|\u2013)\s*(?:"
        + _MONTH.format(g="mon2") + r"\s+)?" + _DAY.format(g="day2") + _STYLE_GAP + _Y.format(g="y") + _DOUBLE
        + r"|\b" + _DAY.format(g="day") + r"(?:\s+" + _MONTH.format(g="mon") + r")?\s*(?:to|until|-|\u2013)\s*"
        + _DAY.format(g="day2") + r"\s+" + _MONTH.format(g="mon2") + _STYLE_GAP + _Y.format(g="y") + _DOUBLE,
        _read_day_range, "days",
        "A range of days with one year: 'March 1 to March 3 (Old Style) 1848', 'February 26 to March 2, 1740', "
        "'26 February to 2 March 1740' (month and day of the first day; Old Style years in the modern reckoning).",
        (ex("The sittings ran March 1 to March 3 (Old Style) 1848 in the hall.", "March 1 to March 3 (Old Style) 1848",
            year_start=1848, year_end=1848, month=3, day=1, granularity="days"),
         ex("They met February 26 to March 2 (Old Style) 1740.", "February 26 to March 2 (Old Style) 1740",
            year_start=1741, month=2, day=26),
         ex("It sat from 26 February to 2 March 1740.", "26 February to 2 March 1740", year_start=1740, day=26),
         ex("It sat June 3-5, 1920.", "June 3-5, 1920", day=3, granularity="days")),
        ("It sat June 5 to June 3, 1920.", "It sat June 3 to 31 1920 too."),
    ),
    DateRule(
        "month_day_year", "explicit",
        _MONTH.format(g="mon") + r"\s+" + _DAY.format(g="day") + _STYLE_GAP + _Y.format(g="y") + _DOUBLE,
        _read_mdy, "day", "'November 3, 1920' (comma optional, ordinal suffix allowed; a calendar in brackets "
        "and a double-dated year belong to it: 'March 3 (Old Style) 1740', 'February 10, 1740/41', both in "
        "the modern reckoning).",
        (ex("On November 3, 1920, Lenin spoke.", "November 3, 1920", year_start=1920, month=11, day=3,
            granularity="day"),
         ex("On Nov. 3rd, 1920 he left.", "Nov. 3rd, 1920", month=11, day=3),
         ex("The deed is dated February 10, 1740/41, at Bristol.", "February 10, 1740/41", year_start=1741),
         ex("It was sealed March 3 (Old Style) 1740 at noon.", "March 3 (Old Style) 1740", year_start=1741,
            month=3, day=3),
         ex("He sailed on June 3 (O.S.) 1740.", "June 3 (O.S.) 1740", year_start=1740)),
        ("On November 31, 1920 nothing.", "He may 3, 1920 not.", "Dated February 10, 1740/43 it was not."),
    ),
    DateRule(
        "day_month_year", "explicit",
        r"\b" + _DAY.format(g="day") + r"\s+(?:day\s+of\s+|of\s+)?" + _MONTH.format(g="mon") + _STYLE_GAP
        + _Y.format(g="y")
        + _DOUBLE,
        _read_mdy, "day", "'3 November 1920', '3rd of November, 1920', '10 February 1740/41' (as month_day_year).",
        (ex("On 3 November 1920 Lenin spoke.", "3 November 1920", year_start=1920, month=11, day=3),
         ex("Done the 3d day of March, 1848, at Albany.", "3d day of March, 1848", day=3, month=3),
         ex("On the 3rd of November, 1920 he left.", "3rd of November, 1920", day=3)),
        ("On 31 April 1920 nothing.",),
    ),
    DateRule(
        "season_year", "explicit",
        r"(?:\b[Tt]he\s+)?(?:(?:early|late|mid|high)\s*-?\s*)?\b" + _SEASON + r"\s+of\s+" + _YEAR_OR_RANGE
        + r"|\b(?:[Ss]pring|[Ss]ummer|[Aa]utumn|[Ww]inter|[Ff]all)\s+" + _NOT_BEFORE + _YEAR_OR_RANGE,
        _read_season, "season",
        "A season of a year (or of a two-year range for winters): 'the autumn of 1924', 'winter 1941-42'.",
        (ex("It was announced in the autumn of 1924 by them.", "the autumn of 1924", year_start=1924, year_end=1924,
            granularity="season"),
         ex("The front held in the winter of 1941-42 somehow.", "the winter of 1941-42", year_end=1942),
         ex("It froze in winter 1941-42.", "winter 1941-42", year_start=1941)),
        ("It held in the winter of 1941-40 too.",),
    ),
    DateRule(
        "part_year", "explicit",
        r"\b(?:[Ee]arly|[Ll]ate|[Mm]id)(?:\s*-\s*|\s+)(?:in\s+)?" + _Y.format(g="y")
        + r"|(?:\b[Tt]he\s+)?\b(?:beginning|start|middle|end|close|(?:first|second|latter|last)\s+half)\s+of\s+"
        + _Y.format(g="y"),
        _read_part_year, "season", "Part of a year: 'early 1919', 'mid-1920', 'late in 1920', 'the end of 1920'.",
        (ex("It was crushed in early 1919 by the army.", "early 1919", year_start=1919, granularity="season"),
         ex("They met at the end of 1920 again.", "the end of 1920", year_start=1920),
         ex("By mid-1920 it was over.", "mid-1920", year_end=1920),
         ex("It came late in 1920.", "late in 1920", year_start=1920),
         ex("In the first half of 1961 it grew.", "the first half of 1961", year_start=1961)),
        ("It was nearly 1919 when he came.",),
    ),
    DateRule(
        "month_year", "explicit",
        r"(?:\b(?:[Ee]arly|[Ll]ate|[Mm]id)(?:\s*-\s*|\s+))?" + _MONTH.format(g="mon") + r",?\s+(?:of\s+)?"
        + _NOT_BEFORE + _Y.format(g="y"),
        _read_month_year, "month", "'October 1917', 'November of 1920', 'early November 1920'.",
        (ex("The victory of October 1917 changed much.", "October 1917", year_start=1917, month=10,
            granularity="month"),
         ex("It came in November of 1920.", "November of 1920", month=11),
         ex("By early November 1920 it was over.", "early November 1920", year_start=1920)),
        ("They march 1917 miles.", "It may 1917 be."),
    ),
    DateRule(
        "fiscal_year", "explicit",
        r"(?:\b[Tt]he\s+)?\b(?:[Ff]iscal|[Ff]inancial)\s+[Yy]ear\s+(?:of\s+)?" + _YEAR_OR_RANGE + r"|\bFY\s?" + _Y.format(g="y"),
        _read_fiscal_year, "years",
        "A fiscal year named by one year, 'the fiscal year 1956', 'FY 1956': the year before it and that year "
        "(a fiscal year named by the calendar year it ends in); by two, 'the financial year 1955-56': those two.",
        (ex("The bill covers the fiscal year 1961 only.", "the fiscal year 1961", year_start=1960, year_end=1961,
            granularity="years"),
         ex("Rates rose in the financial year 1930-31.", "the financial year 1930-31", year_start=1930,
            year_end=1931),
         ex("Its FY 1972 budget was cut.", "FY 1972", year_start=1971, year_end=1972)),
        ("In 1956 the year was dry.", "The fiscal year ended in June."),
    ),
    DateRule(
        "year_range", "explicit", _NOT_BEFORE + _Y.format(g="y") + _DASH + _Y2.format(g="y2"), _read_year_range,
        "years", "'1925-26', '1917-20', '1917-1920', '1941/42' (the second year must be later than the first).",
        (ex("The committee of 1925-26 failed.", "1925-26", year_start=1925, year_end=1926, granularity="years"),
         ex("The lessons of 1917-20 are clear.", "1917-20", year_end=1920),
         ex("The years 1917–1920 were hard.", "1917–1920", year_end=1920),
         ex("The plan of 1941/42 failed.", "1941/42", year_end=1942)),
        ("The plan of 1925-12 failed.", "See pp. 1917-20 for details."),
        guard=True,
    ),
    DateRule(
        "weekday_day", "explicit",
        r"\b(?P<wd>" + _WEEKDAYS + r"),?\s+the\s+(?P<day>3[01]|[12]\d|[1-9])(?:st|nd|rd|th|(?<=[23])d)\b"
        r"(?!\s+(?:of|day)\b|\s+[A-Z])",
        _read_weekday_day, "day",
        "A weekday and a day of the month, 'Thursday the 7th': the first month, from the month of the last date "
        "with a month on (at most three), in which that day is that weekday.",
        (ex("The ship sailed in March 1921. His log for Thursday the 7th is blank.", "Thursday the 7th",
            year_start=1921, month=4, day=7, granularity="day", rule="weekday_day+context"),),
        ("On Sunday the 24 men left.", "On Sunday, the 24th Regiment marched in 1918.",
         "On Thursday the 7th of April 1921 it rained."),
        resolve="weekday_day",
    ),
    DateRule(
        "dateline", "explicit",
        r",[ ](?P<span>" + _MONTH.format(g="mon") + r"[ ]" + _DAY.format(g="day") + r")(?![\d,.]*\d)"
        r"(?:[ ]\([A-Z][A-Za-z.&]{0,15}(?:[ ][A-Z][A-Za-z.&]{0,15}){0,2}\))?[ ]?(?:[\u2014\u2013]|--)",
        _read_dateline, "day",
        "A wire story's dateline without a year, 'DENVER, Oct. 4 (UPI) \u2014' (span: the month and day): the year "
        "the story's own text gives (its events, its 'N years ago', 'last year', 'for N years', weekdays; see "
        "textmine.date_stories), after the previous story's date.",
        (ex("ALBANY, Oct. 4 (UPI) \u2014 The mill closed today. Its owners had bought it in 1931.", "Oct. 4",
            month=10, day=4, granularity="day", rule="dateline+story"),
         ex("PORT HURON, Mich., May 9 \u2014 The ferry sank.", "May 9", month=5, day=9)),
        ("He was in DENVER, Oct. 4, 1950 \u2014 it snowed.", "We met on Oct. 4 \u2014 it snowed.",
         "DENVER, Oct. 4 was cold.", "They went to DENVER, Oct. 4 \u2014 it snowed.",
         "Denver, Oct. 4 \u2014 a letter."),
        resolve="dateline",
    ),
    DateRule(
        "month_day", "explicit",
        _MONTH.format(g="mon") + r"\s+" + _DAY.format(g="day") + r"(?![\d,.]*\d)(?!\s*,?\s*\d)" + _THIS_YEAR
        + r"|(?:\b[Tt]he\s+)?\b" + _DAY.format(g="day") + r"\s+(?:day\s+of\s+|of\s+)?" + _MONTH.format(g="mon")
        + r"(?!,?\s*\d)" + _THIS_YEAR,
        _read_month_day, "day", "'November 26', '26 November', 'the 3d of September' without a year: the year comes "
        "from context ('February 2 of this year': the year of writing).",
        (ex("On November 26, 1920, he spoke.\n\nHis November 26 remarks were poorly reported.", "November 26",
            year_start=1920, month=11, day=26, rule="month_day+context"),
         ex("He spoke on November 26 to the cells.", "November 26", year_start=None, month=11, day=26),
         ex("In 1921 it began; on 26 November it ended.", "26 November", year_start=1921, day=26),
         ex("The deed of 1848 was signed on the 3d of September.", "the 3d of September", year_start=1848, day=3),
         ex("In 1948 the dam was planned. The Mayor, writing in 1950, recalled a letter of March 9 of this year.",
            "March 9 of this year", year_start=1950, month=3, day=9)),
        ("On November 31 nothing happened.", "He met them on November 26, 1920."),
        resolve="context_year",
    ),
) + MONTH_RULES + (
    DateRule(
        "year", "explicit", _NOT_BEFORE + _Y.format(g="y") + r"(?![\d%]|[.,]\d|\s*per\s*cent)", _read_year,
        "year", "A bare year between year_min and year_max (see page-word and count-noun guards).",
        (ex("The Russia of 1917 was poor.", "1917", year_start=1917, year_end=1917, granularity="year"),
         ex("In 1066 the Normans came.", "1066", year_start=1066)),
        ("See p. 1920 for details.", "It is in vol. 1999 of the series.", "Some 1500 workers marched.",
         "A line 2000 km long.", "It fell by 1,950 points.", "The share was 19.50 percent.",
         "In 2100 it will end.", "It rose 1917 per cent."),
        guard=True,
    ),
) + RELATIVE_RULES + (
    DateRule(
        "span_back", "relative",
        r"\b" + _DURING + r"the\s+(?:past|last)\s+" + _NUM + r"\s+(?P<unit>year|decade|month)s?\b",
        _read_relative, "years",
        "'during the past three years', 'over the last three years': reference_year - N .. reference_year.",
        (ex("In 1989 he wrote it. During the past three years much changed.", "During the past three years",
            year_start=1986, year_end=1989, granularity="years"),
         ex("In 1989 it grew over the last ten decades.", "over the last ten decades", year_start=1889)),
        ("He worked for 30 years on the railway.", "During the past three weeks it rained."),
        resolve="from_writing", anchor="unit", flags=re.I,
    ),
    DateRule(
        "span_next", "relative",
        r"\b" + _DURING + r"the\s+(?P<dir>following|next|previous|preceding)\s+" + _NUM + r"\s+(?P<unit>year|decade)s?\b",
        _read_relative, "years",
        "'the following three years' = anchor+1 .. anchor+N; 'the preceding three years' = anchor-N .. anchor-1.",
        (ex("In 1921 the NEP began. The following three years were calm.", "The following three years",
            year_start=1922, year_end=1924, granularity="years"),
         ex("In 1921 it began. The preceding two years were hard.", "The preceding two years",
            year_start=1919, year_end=1920)),
        ("In 1921 it began. The following three days were calm.",),
        resolve="around_anchor", anchor="unit", flags=re.I,
    ),
    DateRule(
        "next_unit", "relative",
        r"\b(?:(?:(?P<part>early|late)\s+)?the\s+(?P<dir>following|next|previous|preceding)\s+(?P<unit>day|week|month"
        r"|year|decade|morning|afternoon"
        r"|evening|night)"
        r"|the\s+(?P<unit>day|week|month|year)\s+(?P<dir>before|after)(?=\s*[,.;:!?)]))\b",
        _read_relative, "(varies)", "'the following year', 'the next day', 'the previous month', 'the year before'; 'early the next year' "
        "(a part of that year: granularity season).",
        (ex("In 1927 it failed. The following year was quiet.", "The following year", year_start=1928),
         ex("He left on 3 May 1920. He had come the year before, in spring.", "the year before", year_start=1919),
         ex("On 3 May 1920 he left; the next day he wrote.", "the next day", month=5, day=4, granularity="day"),
         ex("On 3 May 1920 he left; the next morning he wrote.", "the next morning", month=5, day=4),
         ex("They met on 3 May 1920 and had argued the previous evening.", "the previous evening", day=2),
         ex("The survey began in May 1930; its maps were printed early the next year.", "early the next year",
            year_start=1931, granularity="season")),
        ("He left on the day before yesterday.", "In 1927 the year before the war began."),
        resolve="next", anchor="unit", flags=re.I,
    ),
    DateRule(
        "offset", "relative",
        r"\b" + _APPROX + _NUM_OR_FEW + r"\s+" + _UNIT
        + r"\s+(?P<dir>later|afterwards?|earlier|previously|(?:after|before|since|on)(?=\s*[,.;:!?)]))\b",
        _read_relative, "(varies)",
        "'One day later', 'a little more than two weeks later', 'three years earlier': "
        "the last resolved date plus or minus N days/weeks/months/years ('a few days later', 'several weeks "
        "later': the anchor's year; 'several years later': no year).",
        (ex("On 12 April 1927 the massacre began. Two weeks later the party met.", "Two weeks later",
            year_start=1927, month=4, day=26, granularity="day", anchor_date_id=0),
         ex("On November 6, 1920, he spoke. A little more than two weeks later, on November 21, 1920, he left.",
            "A little more than two weeks later", month=11, day=21, rule="offset+apposition"),
         ex("In 1927 it failed. Three years earlier all was well.", "Three years earlier", year_start=1924),
         ex("It began on 31 January 1920. One day later it ended.", "One day later", month=2, day=1),
         ex("The strike began in May 1905. A few days later it ended.", "A few days later", year_start=1905),
         ex("It began in 1905. Several years later it ended.", "Several years later", year_start=None)),
        ("Two years after the war it ended.", "For two years, Stalin observed it.",
         "It was a day on which nothing happened."),
        resolve="shift", anchor="unit", flags=re.I,
    ),
)

#: The cascade, in order: centuries first (so that "the 1800s" is not the decade 1800-1809), then the
#: calendar rules, the months alone, the short years, the relative rules.
DATE_RULES: tuple[DateRule, ...] = _CALENDAR_RULES[:1] + CENTURY_RULES + _CALENDAR_RULES[1:] + SHORT_RULES + WORD_RULES


# ---------------------------------------------------------------- events
#: The years of an event a time noun phrase refers to: the first or the last,
#: plus a number of years.
FIRST, LAST = "first", "last"


@dataclass(frozen=True)
class EventModifier:
    """A time noun phrase before an event alias ("the end of", "the early years of") and the years it means.

    A modifier matches when each of its word sets (``adjectives``, ``nouns``,
    ``prepositions``; empty: any) holds the phrase's word; the first
    matching row of :data:`EVENT_MODIFIERS` decides. ``years`` is
    ``((FIRST or LAST, add), (FIRST or LAST, add))``: the start and the end
    as the event's first or last year plus *add* years.
    """

    name: str
    years: tuple[tuple[str, int], tuple[str, int]]
    adjectives: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()
    prepositions: frozenset[str] = frozenset()
    example: str = ""


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


_SPAN = ((FIRST, 0), (LAST, 0))
#: In order; the first that matches decides (no match: the event's own years).
EVENT_MODIFIERS: tuple[EventModifier, ...] = (
    EventModifier("end", ((LAST, 0), (LAST, 0)), nouns=_words("end close conclusion"), example="the end of"),
    EventModifier("last years", ((LAST, 0), (LAST, 0)), adjectives=_words("last final closing"),
                  nouns=_words("years year days months"), example="the last years of"),
    EventModifier("aftermath", ((LAST, 0), (LAST, AFTERMATH_YEARS)), nouns=_words("aftermath wake"),
                  example="the aftermath of"),
    EventModifier("following", ((LAST, 0), (LAST, AFTERMATH_YEARS)), prepositions=_words("following after"),
                  example="the years following"),
    EventModifier("before", ((FIRST, 0), (FIRST, 0)), prepositions=_words("before"), example="the days before"),
    EventModifier("eve", ((FIRST, 0), (FIRST, 0)), nouns=_words("eve run-up"), example="the eve of"),
    EventModifier("outbreak", ((FIRST, 0), (FIRST, 0)), nouns=_words("outbreak beginning start onset"),
                  example="the outbreak of"),
    EventModifier("opening", ((FIRST, 0), (FIRST, 0)), adjectives=_words("opening"), example="the opening days of"),
    EventModifier("early years", ((FIRST, 0), (FIRST, AFTERMATH_YEARS)), adjectives=_words("early first initial"),
                  nouns=_words("years"), example="the early years of"),
    EventModifier("early in", ((FIRST, 0), (FIRST, 1)), adjectives=_words("early"), prepositions=_words("in"),
                  example="early in"),
    EventModifier("late in", ((LAST, -1), (LAST, 0)), adjectives=_words("late"), prepositions=_words("in"),
                  example="late in"),
    EventModifier("early days", ((FIRST, 0), (FIRST, 0)), adjectives=_words("early first initial"),
                  nouns=_words("days months period year"), example="the first months of"),
)
#: The words a time noun phrase is made of, in the order its regex tries them:
#: ``(the) (adjective) noun preposition (the) <alias>``. A row's words must be here.
EVENT_ADJECTIVES = ("early", "first", "initial", "last", "final", "closing", "opening", "later")
EVENT_NOUNS = ("end", "close", "conclusion", "aftermath", "wake", "eve", "outbreak", "beginning", "start", "onset",
               "time", "years", "year", "days", "months", "course", "height", "middle", "run-up", "period", "era",
               "spring", "summer", "autumn", "winter")
EVENT_PREPOSITIONS = ("of", "following", "after", "before", "in")
#: "early in <event>", "late in <event>": an adverb and "in" without a noun (EVENT_MODIFIERS rows with
#: preposition "in"); "in" follows no noun of EVENT_NOUNS.
EVENT_ADVERBS = ("early", "late")
#: "As <event> was ending": (phase patterns, years), in order.
EVENT_PHASES: tuple[tuple[tuple[str, ...], tuple[tuple[str, int], tuple[str, int]]], ...] = (
    ((r"ending", r"drawing\s+to\s+a\s+close", r"coming\s+to\s+an\s+end"), ((LAST, 0), (LAST, 0))),
    ((r"beginning", r"starting", r"breaking\s+out"), ((FIRST, 0), (FIRST, 0))),
    ((r"unfolding", r"raging", r"under\s*way", r"approaching"), _SPAN),
)
#: Temporal prepositions that make an alias right after them a time anchor ("in" is not one), and the
#: adverb "then" of a narrative's next step ("and then the Boer War came").
EVENT_CUES = ("after", "before", "during", "since", "until", "till", "following", "throughout", "at", "by",
              r"prior\s+to", r"up\s+to", "under", "amid", "then")
