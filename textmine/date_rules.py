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

__all__ = [
    "DateRule", "Example", "ex", "DATE_RULES", "AFTERMATH_YEARS",
    "MONTHS", "NUMBER_WORDS", "PAGE_WORDS", "PAGE_ABBREVIATIONS", "COUNT_NOUNS",
    "EventModifier", "EVENT_MODIFIERS", "EVENT_PHASES", "EVENT_CUES", "EVENT_ADJECTIVES", "EVENT_NOUNS",
    "EVENT_PREPOSITIONS", "FIRST", "LAST",
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
    "folio column item document".split()
)
PAGE_ABBREVIATIONS = frozenset("p pp vol vols no nos n nn ch chap art sec fig tab fol col ff doc".split())
#: Count and unit nouns that make a preceding four-digit number a quantity.
COUNT_NOUNS = frozenset(
    "people persons men women children workers soldiers troops members delegates deputies votes copies "
    "pages words letters tons tonnes km kilometres kilometers miles metres meters feet yards acres hectares "
    "dollars rubles roubles pounds francs marks lire yen kg kilograms casualties dead killed prisoners "
    "strikers families households villages factories units items cases times".split()
)

# ---------------------------------------------------------------- pattern pieces
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
_YEAR_OR_RANGE = _Y.format(g="y") + r"(?:" + _DASH + _Y2.format(g="y2") + r")?"
_SEASON = r"(?:spring|summer|autumn|fall|winter)"

_NUM = r"(?P<num>\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
#: At most four approximating words before the number ("only about", "a little more than"):
#: a bound, so that no match (nor the look-back before its unit word) grows with the text.
_APPROX = (
    r"(?:(?:only|just|about|some|nearly|almost|roughly|around|barely|precisely|exactly|over|under"
    r"|(?:a\s+)?(?:little|bit|bit\s+more|good\s+deal)?\s*(?:more|less)\s+than)\s+){0,4}"
)
_UNIT = r"(?P<unit>day|week|fortnight|month|year|decade)s?"
_DURING = r"(?:(?:during|over|in|for|within|throughout)\s+)?"


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
    "late": (7, 9), "end": (8, 9), "close": (8, 9),
    "first half": (0, 4), "second half": (5, 9), "latter half": (5, 9), "last half": (5, 9),
}


def _read_decade_part(m, text):
    base = int(m["dec"])
    a, b = _PART_OF_DECADE[re.sub(r"\s+", " ", (m["part"] or m["part2"]).lower())]
    return values(base + a, base + b, "years")


def _read_decade(m, text):
    base = int(m["dec"])
    return values(base, base + 9, "decade")


def _read_mdy(m, text):
    y, mo, d = int(m["y"]), _month(m["mon"]), int(m["day"])
    return values(y, y, "day", mo, d) if _valid_day(y, mo, d) else None


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
    return values(None, None, "day", mo, d)


def _read_year(m, text):
    y = int(m["y"])
    return values(y, y, "year")


def _read_relative(m, text):
    """N (a number word or digits; None without one), the unit and the direction word, resolved later."""
    num = m["num"]
    n = None if num is None else int(num) if num.isdigit() else NUMBER_WORDS[num.lower()]
    return {**values(None, None, None), "_n": n, "_unit": m["unit"].lower(), "_dir": (m["dir"] or "").lower()}


# ---------------------------------------------------------------- the table
DATE_RULES: tuple[DateRule, ...] = (
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
        "end/close = 8-9, first half = 0-4, second/latter/last half = 5-9.",
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
        "month_day_year", "explicit",
        _MONTH.format(g="mon") + r"\s+" + _DAY.format(g="day") + r",?\s+" + _Y.format(g="y"),
        _read_mdy, "day", "'November 3, 1920' (comma optional, ordinal suffix allowed).",
        (ex("On November 3, 1920, Lenin spoke.", "November 3, 1920", year_start=1920, month=11, day=3,
            granularity="day"),
         ex("On Nov. 3rd, 1920 he left.", "Nov. 3rd, 1920", month=11, day=3)),
        ("On November 31, 1920 nothing.", "He may 3, 1920 not."),
    ),
    DateRule(
        "day_month_year", "explicit",
        r"\b" + _DAY.format(g="day") + r"\s+(?:of\s+)?" + _MONTH.format(g="mon") + r",?\s+" + _Y.format(g="y"),
        _read_mdy, "day", "'3 November 1920', '3rd of November, 1920'.",
        (ex("On 3 November 1920 Lenin spoke.", "3 November 1920", year_start=1920, month=11, day=3),
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
        "month_day", "explicit",
        _MONTH.format(g="mon") + r"\s+" + _DAY.format(g="day") + r"(?![\d,.]*\d)(?!\s*,?\s*\d)"
        r"|\b" + _DAY.format(g="day") + r"\s+(?:of\s+)?" + _MONTH.format(g="mon") + r"(?!,?\s*\d)",
        _read_month_day, "day", "'November 26', '26 November' without a year: the year comes from context.",
        (ex("On November 26, 1920, he spoke.\n\nHis November 26 remarks were poorly reported.", "November 26",
            year_start=1920, month=11, day=26, rule="month_day+context"),
         ex("He spoke on November 26 to the cells.", "November 26", year_start=None, month=11, day=26),
         ex("In 1921 it began; on 26 November it ended.", "26 November", year_start=1921, day=26)),
        ("On November 31 nothing happened.", "He met them on November 26, 1920."),
        resolve="context_year",
    ),
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
        r"\b(?:the\s+(?P<dir>following|next|previous|preceding)\s+(?P<unit>day|week|month|year|decade)"
        r"|the\s+(?P<unit>day|week|month|year)\s+(?P<dir>before|after)(?=\s*[,.;:!?)]))\b",
        _read_relative, "(varies)", "'the following year', 'the next day', 'the previous month', 'the year before'.",
        (ex("In 1927 it failed. The following year was quiet.", "The following year", year_start=1928),
         ex("He left on 3 May 1920. He had come the year before, in spring.", "the year before", year_start=1919),
         ex("On 3 May 1920 he left; the next day he wrote.", "the next day", month=5, day=4, granularity="day")),
        ("He left on the day before yesterday.", "In 1927 the year before the war began."),
        resolve="next", anchor="unit", flags=re.I,
    ),
    DateRule(
        "offset", "relative",
        r"\b" + _APPROX + _NUM + r"\s+" + _UNIT
        + r"\s+(?P<dir>later|afterwards?|earlier|previously|(?:after|before|since|on)(?=\s*[,.;:!?)]))\b",
        _read_relative, "(varies)",
        "'One day later', 'a little more than two weeks later', 'three years earlier': "
        "the last resolved date plus or minus N days/weeks/months/years.",
        (ex("On 12 April 1927 the massacre began. Two weeks later the party met.", "Two weeks later",
            year_start=1927, month=4, day=26, granularity="day", anchor_date_id=0),
         ex("On November 6, 1920, he spoke. A little more than two weeks later, on November 21, 1920, he left.",
            "A little more than two weeks later", month=11, day=21, rule="offset+apposition"),
         ex("In 1927 it failed. Three years earlier all was well.", "Three years earlier", year_start=1924),
         ex("It began on 31 January 1920. One day later it ended.", "One day later", month=2, day=1)),
        ("Two years after the war it ended.", "For two years, Stalin observed it.",
         "It was a day on which nothing happened."),
        resolve="shift", anchor="unit", flags=re.I,
    ),
)


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
                  nouns=_words("years days months"), example="the last years of"),
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
    EventModifier("early days", ((FIRST, 0), (FIRST, 0)), adjectives=_words("early first initial"),
                  nouns=_words("days months period"), example="the first months of"),
)
#: The words a time noun phrase is made of, in the order its regex tries them:
#: ``(the) (adjective) noun preposition (the) <alias>``. A row's words must be here.
EVENT_ADJECTIVES = ("early", "first", "initial", "last", "final", "closing", "opening", "later")
EVENT_NOUNS = ("end", "close", "conclusion", "aftermath", "wake", "eve", "outbreak", "beginning", "start", "onset",
               "time", "years", "days", "months", "course", "height", "middle", "run-up", "period", "era")
EVENT_PREPOSITIONS = ("of", "following", "after", "before")
#: "As <event> was ending": (phase patterns, years), in order.
EVENT_PHASES: tuple[tuple[tuple[str, ...], tuple[tuple[str, int], tuple[str, int]]], ...] = (
    ((r"ending", r"drawing\s+to\s+a\s+close", r"coming\s+to\s+an\s+end"), ((LAST, 0), (LAST, 0))),
    ((r"beginning", r"starting", r"breaking\s+out"), ((FIRST, 0), (FIRST, 0))),
    ((r"unfolding", r"raging", r"under\s*way", r"approaching"), _SPAN),
)
#: Temporal prepositions that make an alias right after them a time anchor ("in" is not one).
EVENT_CUES = ("after", "before", "during", "since", "until", "till", "following", "throughout", "at", "by",
              r"prior\s+to", r"up\s+to")
