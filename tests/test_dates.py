"""textmine.dates: one test per rule of the cascade, plus resolution, flags and errors."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from textmine.date_engine import PlainScanner
from textmine.date_events import CalendarIndex, next_to_calendar
from textmine.dates import DATE_COLUMNS, RULES, DateEngine, find_dates, historical_dates, read_events
from textmine.errors import ColumnError, InputError

EVENTS = pd.DataFrame({
    "name": ["World War II", "Death of Stalin", "October Revolution", "Spanish Civil War"],
    "aliases": ["World War II|Second World War", "death of Stalin|Stalin's death", "October Revolution",
                "Spanish Civil War"],
    "year_start": [1939, 1953, 1917, 1936],
    "year_end": [1945, 1953, 1917, 1939],
    "source": ["", "", "", ""],
})


def paras(text: str) -> pd.DataFrame:
    """Blank-line separated paragraphs, as doc.paragraphs would give them."""
    rows = []
    for m in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text):
        rows.append((len(rows), m.start(), m.end(), m.group()))
    return pd.DataFrame(rows, columns=["para_id", "start", "end", "text"]).astype({"text": "str"})


def dates(text: str, **kw) -> pd.DataFrame:
    return find_dates(text, paras(text), **kw)


def one(text: str, **kw) -> dict:
    d = dates(text, **kw)
    assert len(d) == 1, d[["text", "rule"]]
    return d.iloc[0].to_dict()


def _na(v):
    return None if v is pd.NA else v


# ------------------------------------------------------------------ cascade: one case per rule
CASES = [
    # sentence, expected span, year_start, year_end, month, day, granularity, rule
    ("It was filed on 1920-11-03 in Moscow.", "1920-11-03", 1920, 1920, 11, 3, "day", "iso_date"),
    ("The war raged between 1936 and 1939 there.", "between 1936 and 1939", 1936, 1939, None, None, "years", "between_years"),
    ("It lasted from 1924 to 1927 at least.", "from 1924 to 1927", 1924, 1927, None, None, "years", "from_to_years"),
    ("From 1924 on, the line hardened.", "From 1924 on", 1924, 1924, None, None, "years", "from_year_on"),
    ("In the latter half of the 1920s it grew.", "the latter half of the 1920s", 1925, 1929, None, None, "years", "decade_part"),
    ("By the mid-1950s it was over.", "the mid-1950s", 1954, 1956, None, None, "years", "decade_part"),
    ("Life in the 1920s was hard.", "the 1920s", 1920, 1929, None, None, "decade", "decade"),
    ("On November 3, 1920, Lenin spoke.", "November 3, 1920", 1920, 1920, 11, 3, "day", "month_day_year"),
    ("On 3 November 1920 Lenin spoke.", "3 November 1920", 1920, 1920, 11, 3, "day", "day_month_year"),
    ("It was announced in the autumn of 1924 by them.", "the autumn of 1924", 1924, 1924, None, None, "season", "season_year"),
    ("The front held in the winter of 1941-42 somehow.", "the winter of 1941-42", 1941, 1942, None, None, "season", "season_year"),
    ("It was crushed in early 1919 by the army.", "early 1919", 1919, 1919, None, None, "season", "part_year"),
    ("They met at the end of 1920 again.", "the end of 1920", 1920, 1920, None, None, "season", "part_year"),
    ("The victory of October 1917 changed much.", "October 1917", 1917, 1917, 10, None, "month", "month_year"),
    ("Of all the centuries he loved the eighteenth, its music above all.", "the eighteenth", 1700, 1799, None, None,
     "century", "century_ellipsis"),
    ("The grant lapsed at the end of the fiscal year 1948.", "the fiscal year 1948", 1947, 1948, None, None, "years",
     "fiscal_year"),
    ("The committee of 1925-26 failed.", "1925-26", 1925, 1926, None, None, "years", "year_range"),
    ("The lessons of 1917-20 are clear.", "1917-20", 1917, 1920, None, None, "years", "year_range"),
    ("The Russia of 1917 was poor.", "1917", 1917, 1917, None, None, "year", "year"),
    ("Its looms date from the seventeenth century.", "the seventeenth century", 1600, 1699, None, None, "century",
     "century"),
    ("Its looms date from the late 1600s.", "the late 1600s", 1667, 1699, None, None, "years", "hundreds"),
    ("Painters of the fin de siècle drank.", "the fin de siècle", 1890, 1899, None, None, "years", "fin_de_siecle"),
    ("It sat March 1 to March 3 (Old Style) 1848.", "March 1 to March 3 (Old Style) 1848", 1848, 1848, 3, 1, "days",
     "day_range"),
]


@pytest.mark.parametrize("sentence,span,ys,ye,month,day,gran,rule", CASES, ids=[c[-1] + ":" + c[1] for c in CASES])
def test_each_explicit_rule(sentence, span, ys, ye, month, day, gran, rule):
    r = one(sentence)
    assert r["text"] == span
    assert sentence[r["start"]:r["end"]] == span
    assert (r["year_start"], r["year_end"]) == (ys, ye)
    assert (_na(r["month"]), _na(r["day"])) == (month, day)
    assert r["granularity"] == gran
    assert r["rule"] == rule
    assert r["kind"] == "explicit"


def test_every_rule_of_the_cascade_has_a_test():
    tested = {c[-1] for c in CASES} | {"month_day", "offset", "next_unit", "span_back", "span_next", "event"}
    tested |= {"instant", "month_alone", "season_alone", "period_of_anchor", "ago", "deictic", "season_of_anchor", "weekday", "offset_after",
               "day_words", "year_words", "decade_word", "decade_short", "short_year"}  # test_calendar_words_and_relatives
    tested |= {"dateline", "anaphora", "weekday_day"}  # tests/test_date_stories.py, tests/test_date_anaphora.py
    assert tested == set(RULES["rule"])


def test_month_day_takes_the_year_of_the_last_explicit_date():
    text = "On November 26, 1920, he spoke.\n\nHis November 26 remarks were poorly reported."
    d = dates(text)
    assert list(d["text"]) == ["November 26, 1920", "November 26"]
    r = d.iloc[1]
    assert (r["year_start"], r["month"], r["day"], r["rule"], r["anchor_date_id"]) == (1920, 11, 26, "month_day+context", 0)
    assert r["kind"] == "explicit"


def test_month_day_without_context_has_no_year():
    r = one("He spoke on November 26 to the cells.")
    assert pd.isna(r["year_start"]) and r["month"] == 11 and r["day"] == 26


# ------------------------------------------------------------------ guards
@pytest.mark.parametrize("sentence", [
    "See p. 1920 for details.",
    "See pp. 1917-20 for details.",
    "It is in vol. 1999 of the series.",
    "Some 1500 workers marched.",
    "A line 2000 km long.",
    "It fell by 1,950 points.",
    "The share was 19.50 percent.",
    "The Sixth Congress met; vol. 31, pp. 365-66.",
    "It may march on, and March on it did.",
])
def test_numbers_that_are_not_years(sentence):
    assert len(dates(sentence)) == 0


def test_year_bounds_are_options():
    assert len(dates("In 1066 the Normans came.")) == 1
    assert len(dates("In 1066 the Normans came.", year_min=1500)) == 0


def test_range_needs_a_later_second_year():
    # 1925-12 is not a range (12 < 25): only the year is kept
    r = one("The plan of 1925-12 failed.")
    assert (r["text"], r["rule"]) == ("1925", "year")


# ------------------------------------------------------------------ relative
def test_offset_resolved_against_last_date():
    text = "On 12 April 1927 the massacre began. Two weeks later the party met."
    d = dates(text)
    r = d.iloc[1]
    assert r["text"] == "Two weeks later"
    assert (r["year_start"], r["month"], r["day"], r["granularity"]) == (1927, 4, 26, "day")
    assert (r["kind"], r["rule"], r["anchor_date_id"]) == ("relative", "offset", 0)


def test_offset_with_apposition_takes_the_appositive_date():
    text = "On November 6, 1920, Lenin spoke. A little more than two weeks later, on November 21, 1920, he spoke again."
    d = dates(text)
    assert list(d["text"]) == ["November 6, 1920", "A little more than two weeks later", "November 21, 1920"]
    r = d.iloc[1]
    assert (r["month"], r["day"], r["rule"], r["anchor_date_id"]) == (11, 21, "offset+apposition", 2)


def test_one_day_later_crosses_a_month():
    d = dates("It began on 31 January 1920. One day later it ended.")
    assert (d.iloc[1]["month"], d.iloc[1]["day"]) == (2, 1)


def test_next_unit_and_earlier():
    d = dates("In 1927 it failed. The following year was quiet. Three years earlier all was well.")
    assert list(d["text"]) == ["1927", "The following year", "Three years earlier"]
    assert (d.iloc[1]["year_start"], d.iloc[1]["rule"]) == (1928, "next_unit")
    # chains: anchored to the resolved relative date (1928), minus three years
    assert (d.iloc[2]["year_start"], d.iloc[2]["anchor_date_id"]) == (1925, 1)


def test_span_back_counts_from_reference_year():
    text = "During the past three years much changed."
    r = one(text, reference_year=1989)
    assert (r["text"], r["year_start"], r["year_end"], r["rule"]) == ("During the past three years", 1986, 1989, "span_back")
    # default reference year: the latest year in the text (citations included)
    d = dates("Over the last two years it grew (Smith, History [London: Verso, 2005], p. 3).")
    assert (d.iloc[0]["year_start"], d.iloc[0]["year_end"]) == (2003, 2005)


def test_span_next():
    d = dates("In 1921 the NEP began. The following three years were calm.")
    assert (d.iloc[1]["year_start"], d.iloc[1]["year_end"], d.iloc[1]["rule"]) == (1922, 1924, "span_next")


def test_relative_without_anchor_is_kept_unresolved():
    r = one("One day later he left.")
    assert r["kind"] == "relative" and pd.isna(r["year_start"]) and pd.isna(r["anchor_date_id"])


@pytest.mark.parametrize("sentence", [
    "He worked for 30 years on the railway.",
    "It was a day on which nothing happened.",
    "For two years, Stalin observed it.",
])
def test_not_relative_dates(sentence):
    assert len(dates(sentence)) == 0


def test_offset_after_a_noun_without_an_anchor_is_kept_unresolved():
    # "two years after the war" is a relative date (data/annotations/README-dates.md, rule 3); with no
    # earlier date to resolve it against, its years stay missing
    d = dates("Two years after the war it ended.")
    assert d["text"].tolist() == ["Two years after the war"] and d["year_start"].isna().all()


@pytest.mark.parametrize("text,span,ys,ye,month,day,rule", [
    ("The mill opened in 1860. In October it sold flour.", "October", 1860, 1860, 10, None, "month_alone+context"),
    ("The strike of 1926 lasted into the winter.", "the winter", 1926, 1926, None, None, "season_alone+context"),
    ("London, 3 May 1881. I have yours of the 2d inst.", "the 2d inst.", 1881, 1881, 5, 2, "instant"),
    ("In March the mill opened; the deed is dated 4 June 1861.", "March", 1861, 1861, 3, None, "month_alone+context"),
    ("It grew in 1895. By the end of the century it had nine shops.", "the end of the century", 1890, 1899, None, None,
     "period_of_anchor"),
    ("The hearing of 1955 recalled a storm seven years ago.", "seven years ago", 1948, 1948, None, None, "ago"),
    ("The report of 1955 came out last month.", "last month", 1955, 1955, None, None, "deictic"),
    ("On 3 December 1934 few had signed; the following spring many did.", "the following spring", 1935, 1935,
     None, None, "season_of_anchor"),
    ("CITY, June 14, 1950 — The hearing opened Monday.", "Monday", 1950, 1950, 6, 12, "weekday"),
    ("The storm came on 10 April 1935. Three weeks after the storm, they counted.", "Three weeks after the storm",
     1935, 1935, 5, 1, "offset_after"),
    ("In 1954 he remembered the forties.", "the forties", 1940, 1949, None, None, "decade_word+context"),
    ("In 1912 they missed the '90s.", "the '90s", 1890, 1899, None, None, "decade_short+context"),
    ("The dam of 1937 failed in the fall of ’38.", "the fall of ’38", 1938, 1938, None, None, "short_year+context"),
    ("It struck on the twenty-first of September, nineteen thirty-eight.",
     "the twenty-first of September, nineteen thirty-eight", 1938, 1938, 9, 21, "day_words"),
    ("He sold the boat in nineteen forty-six.", "nineteen forty-six", 1946, 1946, None, None, "year_words"),
])
def test_calendar_words_and_relatives(text, span, ys, ye, month, day, rule):
    # (the shared year of a coordination: see test_a_year_less_date_shares_the_year_after_a_conjunction)
    d = dates(text)
    row = d[d["text"] == span]
    assert len(row) == 1, d[["text", "rule"]]
    r = row.iloc[0]
    assert (r["rule"], _na(r["year_start"]), _na(r["year_end"]), _na(r["month"]), _na(r["day"])) == (
        rule, ys, ye, month, day)


# ------------------------------------------------------------------ events
def test_event_after_a_temporal_preposition():
    r = one("After the death of Stalin the line changed.", events=EVENTS)
    assert (r["text"], r["year_start"], r["kind"], r["event"], r["granularity"]) == (
        "the death of Stalin", 1953, "event", "Death of Stalin", "year")


def test_event_after_then_is_the_narratives_next_step():
    r = one("The mill reopened, and then the Second World War came.", events=EVENTS)
    assert (r["text"], r["year_start"], r["year_end"], r["kind"]) == ("the Second World War", 1939, 1945, "event")
    assert (dates("The Second World War was then the talk of the town.", events=EVENTS)["kind"] == "event").sum() == 0


def test_event_time_noun_phrases_change_the_years():
    text = ("It was fixed at the end of World War II. It held in the aftermath of World War II. "
            "It was planned in the early years following the October Revolution. "
            "As World War II was ending, they agreed.")
    d = dates(text, events=EVENTS)
    got = list(zip(d["text"], d["year_start"], d["year_end"]))
    assert got == [
        ("the end of World War II", 1945, 1945),
        ("the aftermath of World War II", 1945, 1948),
        ("the early years following the October Revolution", 1917, 1920),
        ("As World War II was ending", 1945, 1945),
    ]


@pytest.mark.parametrize("sentence", [
    "He was the leader of the October Revolution.",            # not a time anchor
    "The achievements of the October Revolution were many.",
    "The Spanish Civil War between 1936 and 1939 was lost.",   # calendar date adjacent
    "After Stalin's death in March 1953 things changed.",
])
def test_event_not_used_as_time_or_dated_by_calendar(sentence):
    d = dates(sentence, events=EVENTS)
    assert (d["kind"] == "event").sum() == 0


def test_events_need_a_table():
    assert len(dates("After the death of Stalin it changed.")) == 0


def test_events_path_is_read(tmp_path):
    p = tmp_path / "ev.csv"
    EVENTS.to_csv(p, index=False)
    assert len(dates("During the Second World War it held.", events=str(p))) == 1


# ------------------------------------------------------------------ flags
def test_in_citation_from_frame_and_never_an_anchor():
    text = "On November 3, 1920, he spoke (Works, vol. 31 [Moscow: Progress, 1966], p. 2). One day later he wrote."
    s = text.index("(")
    cit = pd.DataFrame({"start": [s], "end": [text.index(")") + 1]})
    d = dates(text, citations=cit)
    assert list(d["in_citation"]) == [False, True, False]
    assert d.iloc[2]["anchor_date_id"] == 0 and d.iloc[2]["day"] == 4
    assert list(historical_dates(d)["text"]) == ["November 3, 1920", "One day later"]


def test_in_citation_fallback_without_frame():
    d = dates("It was printed (London: New Park, 1973), pp. 86-87. In 1919 it began (p. 3).")
    assert list(zip(d["text"], d["in_citation"])) == [("1973", True), ("1919", False)]


def test_in_citation_fallback_author_year_but_not_asides():
    d = dates("As shown (Smith 1998, 41), there was no 1848 in Russia (in 1905 there was).")
    assert list(zip(d["text"], d["in_citation"])) == [("1998", True), ("1848", False), ("1905", False)]


def test_in_quote_and_quoted_dates_do_not_anchor_the_narrative():
    text = "In 1920 he wrote: “In 1905 we lost.” March 5 passed."
    q0 = text.index("“")
    quotes = pd.DataFrame({"start": [q0], "end": [text.index("”") + 1]})
    d = dates(text, quotations=quotes)
    assert list(d["in_quote"]) == [False, True, False]
    assert d.iloc[2]["year_start"] == 1920 and d.iloc[2]["anchor_date_id"] == 0


# ------------------------------------------------------------------ frame contract
def test_columns_dtypes_offsets_and_order():
    text = "In 1917 it began.\n\nBy October 1917 and then early 1919, it spread."
    d = dates(text, doc_id="x")
    assert list(d.columns) == DATE_COLUMNS
    assert str(d["text"].dtype) == "str"
    assert isinstance(d["doc_id"].dtype, pd.CategoricalDtype) and list(d["doc_id"].cat.categories) == ["x"]
    assert (d["doc_id"] == "x").all()
    for c in ("year_start", "year_end", "month", "day"):
        assert str(d[c].dtype) == "Int64"
    assert str(d["anchor_date_id"].dtype) == "Int32"
    for c in ("date_id", "para_id", "start", "end"):
        assert d[c].dtype == "int32"
    assert d["in_citation"].dtype == bool and d["in_quote"].dtype == bool
    assert list(d["date_id"]) == list(range(len(d)))
    assert list(d["para_id"]) == [0, 1, 1]
    assert d["start"].is_monotonic_increasing
    assert all(text[s:e] == t for s, e, t in zip(d["start"], d["end"], d["text"]))
    assert isinstance(d.index, pd.RangeIndex) and d.index.start == 0


def test_empty_input_gives_typed_empty_frame():
    d = find_dates("", paras(""))
    assert len(d) == 0 and list(d.columns) == DATE_COLUMNS
    assert str(d["year_start"].dtype) == "Int64" and d["start"].dtype == "int32"
    assert str(d["anchor_date_id"].dtype) == "Int32" and isinstance(d["doc_id"].dtype, pd.CategoricalDtype)
    full = dates("In 1917 it began.")
    assert list(d.dtypes) == list(full.dtypes)


def test_header_outside_paragraphs_is_not_scanned():
    text = "History 1917-1991\n\nIn 1920 it began."
    p = paras(text).iloc[1:].reset_index(drop=True)
    d = find_dates(text, p)
    assert list(d["text"]) == ["1920"]


def test_inputs_are_not_mutated():
    text = "In 1917 it began (Works [London: X, 1973], p. 1). One day later, “in 1905”."
    p = paras(text)
    cit = pd.DataFrame({"start": [text.index("(")], "end": [text.index(")") + 1]})
    q = pd.DataFrame({"start": [text.index("“")], "end": [text.index("”") + 1]})
    before = [f.copy(deep=True) for f in (p, cit, q, EVENTS)]
    find_dates(text, p, citations=cit, quotations=q, events=EVENTS)
    for a, b in zip(before, (p, cit, q, EVENTS)):
        pd.testing.assert_frame_equal(a, b)


def test_wrong_types_and_missing_columns():
    with pytest.raises(TypeError, match="find_dates: text must be a str"):
        find_dates(b"1917", paras("1917"))
    with pytest.raises(TypeError, match="find_dates: paragraphs must be a DataFrame, got list. Pass doc.paragraphs"):
        find_dates("1917", [(0, 4)])
    with pytest.raises(ColumnError, match=r"find_dates: paragraphs lacks column\(s\) \['para_id'\]. It has \['start', 'end'\]"):
        find_dates("1917", pd.DataFrame({"start": [0], "end": [4]}))
    with pytest.raises(TypeError, match="find_dates: citations must be a DataFrame"):
        find_dates("1917", paras("1917"), citations=[1])
    with pytest.raises(ColumnError, match=r"historical_dates: dates lacks column\(s\) \['in_citation'\]"):
        historical_dates(pd.DataFrame({"year_start": [1917]}))


# ------------------------------------------------------------------ read_events
def test_read_events_shipped_table():
    from conftest import ROOT

    ev = read_events(ROOT / "data" / "events.csv")
    assert list(ev.columns) == ["name", "aliases", "year_start", "year_end", "source"]
    assert ev["year_start"].dtype == "int64"
    assert (ev["year_start"] <= ev["year_end"]).all()
    ww2 = ev[ev["name"] == "World War II"].iloc[0]
    assert (ww2["year_start"], ww2["year_end"]) == (1939, 1945)


@pytest.mark.parametrize("change,message", [
    ({"year_start": "19x7"}, r"line 2: year_start is '19x7'"),
    ({"year_start": 1950, "year_end": 1940}, r"line 2 \('A'\): year_start 1950 is after year_end 1940"),
    ({"aliases": ""}, r"line 2 \('A'\): no aliases"),
])
def test_read_events_errors_name_file_and_line(tmp_path, change, message):
    row = {"name": "A", "aliases": "a|b", "year_start": 1917, "year_end": 1918, "source": "s"}
    row.update(change)
    p = tmp_path / "events.csv"
    pd.DataFrame([row]).to_csv(p, index=False)
    with pytest.raises(InputError, match=message) as e:
        read_events(p)
    assert "events.csv" in str(e.value)


def test_read_events_duplicate_alias_and_missing_column():
    ev = pd.DataFrame({"name": ["A", "B"], "aliases": ["x|y", "Y"], "year_start": [1, 2], "year_end": [1, 2], "source": ["", ""]})
    with pytest.raises(InputError, match="alias 'Y' also belongs to the event on line 2"):
        read_events(ev)
    with pytest.raises(ColumnError, match=r"read_events: the events frame lacks column\(s\) \['source'\]"):
        read_events(ev.drop(columns="source"))
    with pytest.raises(TypeError, match="expected a DataFrame or a path"):
        read_events(42)


def test_the_year_before_is_read_not_raised():
    # the second alternative of next_unit names its groups unit__x and dir__x
    d = dates("He left on 3 May 1920. He had come the year before, in spring.")
    assert d["text"].tolist() == ["3 May 1920", "the year before"]
    assert d.loc[1, "rule"] == "next_unit" and d.loc[1, "year_start"] == 1919 and d.loc[1, "anchor_date_id"] == 0


def test_alias_written_with_another_dash_is_its_event():
    events = EVENTS.assign(aliases=EVENTS["aliases"].str.replace("Spanish Civil War", "Spanish-Civil War"))
    d = dates("Long after the Spanish\u2013Civil War it ended.", events=events)
    assert d["event"].tolist() == ["Spanish Civil War"] and d["text"].tolist() == ["the Spanish\u2013Civil War"]


# ------------------------------------------------------------ fast scanning
_FUZZ_TOKENS = (
    "January February March April May June July August September October November December "
    "Jan. Feb. Sept. Sep. Oct. Nov. Dec. spring summer autumn fall winter Spring Winter the The early "
    "Early mid mid- late Late middle beginning start end close first second latter last half of in on "
    "between Between and from From to until through on onwards forward years year Years YEAR days day "
    "weeks week fortnight months month decade decades later earlier afterwards previously after before "
    "since following next previous preceding past over during only about nearly a an one two three ten "
    "twenty more less than little p. pp. vol. no. page workers km per cent % $ 1917 1920 1925 26 1941 "
    "42 1930s 1920s 1950’s 3 15 31 4th 21st 1920-11-03 1925-26 1917–1920 1941/42 1500 2000 0 7 "
    "World War I Second WWII Great war October Revolution death Stalin's Stalin’s Spanish Civil "
    "was ending drawing to a close aftermath eve outbreak wake as As ( ) [ ] , . ; : ! ? - — – ’ ' \" "
    "\u212a \u0131 \u017f \u0130 \u0661\u0669\u0661\u0667 \U0001d7ce\U0001d7d7"
).split() + [
    "the latter half of the", "the first half of the", "the early spring of", "the mid-summer of",
    "between the years", "between Sept.", "early November of", "late Sept. of", "the end of", "from Sept.",
    "the beginning of the", "only about three", "a little more than two", "during the past three",
    "the following two", "the year before", "over the last ten",
]


def _fuzz_text(n_paragraphs: int, seed: int) -> str:
    import random

    rnd = random.Random(seed)
    out = []
    for _ in range(n_paragraphs):
        parts = []
        for _ in range(rnd.randint(5, 80)):
            parts.append(rnd.choice(_FUZZ_TOKENS))
            parts.append(rnd.choice([" ", " ", " ", "", "  ", "\n", ", "]))
        out.append("".join(parts))
    return "\n\n".join(out)


@pytest.mark.parametrize("seed", range(3))
def test_fast_scan_gives_the_same_dates_as_plain_finditer(seed):
    text = _fuzz_text(300, seed)
    if seed > 0:  # without the letters that turn the anchors off
        text = re.sub("[\u0130\u0131\u017f]", "i", text)
    fast = find_dates(text, paras(text), events=EVENTS)
    assert len(fast) > 100
    plain = DateEngine(scanner=PlainScanner).find_dates(text, paras(text), events=EVENTS)
    pd.testing.assert_frame_equal(fast, plain)


def test_caseless_special_letters_fall_back_to_plain_scan():
    # U+0131 (dotless i) matches "i" when case is ignored: "fortn\u0131ght" is a unit word
    text = "It began on 3 March 1920. One fortn\u0131ght later, after the Spanish C\u0131vil War, it ended."
    d = dates(text, events=EVENTS)
    assert d["text"].tolist() == ["3 March 1920", "One fortn\u0131ght later", "the Spanish C\u0131vil War"]
    assert d["rule"].tolist() == ["day_month_year", "offset", "event"]
    assert d.loc[2, "event"] == "Spanish Civil War"


def test_calendar_index_equals_the_scan_over_rows():
    import random

    rnd = random.Random(5)
    text = "".join(rnd.choice(["in ", "the ", "on ", ", ", "(", "after ", "x", "  "]) for _ in range(400))
    rows = []
    for _ in range(60):
        a = rnd.randrange(len(text) - 10)
        rows.append({"kind": rnd.choice(["explicit", "relative", "event"]), "start": a, "end": a + rnd.randint(1, 9)})
    index = CalendarIndex(rows)
    hits = 0
    for _ in range(500):
        s = rnd.randrange(len(text) - 10)
        e = s + rnd.randint(1, 9)
        want = next_to_calendar(text, s, e, rows)
        assert index.next_to(text, s, e) == want
        hits += want
    assert 20 < hits < 480


def test_fallback_citation_reads_each_bracket_once_and_agrees_with_the_frame():
    text = "(London: Verso, 1973, 1974 and 1975) and (in 1905 and 1906) [Moscow: X 1920]; In 1930 (p. 3, 1931)."
    d = dates(text)
    assert list(zip(d["text"], d["in_citation"])) == [
        ("1973", True), ("1974", True), ("1975", True), ("1905", False), ("1906", False), ("1920", True),
        ("1930", False), ("1931", True)]


# ------------------------------------------------------------------ the gazetteer of eras
def test_shipped_gazetteer_is_valid_and_documented():
    from textmine.dates import GAZETTEER_COLUMNS, GAZETTEER_KINDS, read_gazetteer

    g = read_gazetteer()
    assert list(g.columns) == GAZETTEER_COLUMNS and len(g) > 50
    assert set(g["kind"]) == set(GAZETTEER_KINDS)
    assert (g["year_start"] <= g["year_end"]).all()
    victoria = g[g["name"] == "Victorian era"].iloc[0]
    assert (victoria["year_start"], victoria["year_end"], victoria["kind"]) == (1837, 1901, "era")


@pytest.mark.parametrize("text,span,ys,ye", [
    ("Cotton mills multiplied in the Victorian era.", "the Victorian era", 1837, 1901),   # an era: no cue needed
    ("Painters loved the Belle Époque and its cafés.", "the Belle Époque", 1871, 1914),
    ("Mines closed during the Great Depression.", "the Great Depression", 1929, 1939),
    ("Prices fell before the New Deal.", "the New Deal", 1933, 1939),                  # an event: after a cue
    ("Coal was nationalised under the Attlee government.", "the Attlee government", 1945, 1951),
    ("Railways spread in the reign of Victoria.", "the reign of Victoria", 1837, 1901),
    ("He served in the last year of the Truman administration.", "the last year of the Truman administration",
     1953, 1953),
    ("Trade revived after the Napoleonic Wars.", "the Napoleonic Wars", 1803, 1815),
])
def test_gazetteer_names_eras_events_administrations_and_reigns(text, span, ys, ye):
    r = one(text)
    assert (r["text"], r["year_start"], r["year_end"], r["kind"]) == (span, ys, ye, "event")


@pytest.mark.parametrize("text", [
    "The Attlee government nationalised coal.",          # an administration as a subject is not a time
    "The cold war propaganda went on.",                  # lower case: not the named era
    "The restoration of the church took years.",
    "The Victorian Era\n\nIt was long.",                 # a heading
])
def test_gazetteer_names_that_are_not_times(text):
    assert dates(text, gazetteer="default").empty


def test_gazetteer_is_replaced_extended_or_turned_off():
    from textmine.dates import read_gazetteer

    text = "Looms were silent during the Cotton Famine and in the Hungry Forties."
    assert dates(text)["text"].tolist() == ["the Cotton Famine"]
    assert dates(text, gazetteer=None).empty
    mine = pd.DataFrame({"name": ["Hungry Forties"], "aliases": ["Hungry Forties"], "year_start": [1840],
                         "year_end": [1849], "kind": ["era"], "source": ["our own row"]})
    extended = dates(text, gazetteer=pd.concat([read_gazetteer(), mine], ignore_index=True))
    assert extended["text"].tolist() == ["the Cotton Famine", "the Hungry Forties"]
    assert dates(text, gazetteer=mine)["text"].tolist() == ["the Hungry Forties"]
    # the events table's aliases take precedence over the gazetteer's
    ev = pd.DataFrame({"name": ["Famine"], "aliases": ["Cotton Famine"], "year_start": [1862], "year_end": [1864],
                       "source": [""]})
    r = dates(text, events=ev).iloc[0]
    assert (r["event"], r["year_start"]) == ("Famine", 1862)


def test_gazetteer_errors_name_the_line(tmp_path):
    from textmine.dates import read_gazetteer

    bad = pd.DataFrame({"name": ["A"], "aliases": ["a"], "year_start": [1900], "year_end": [1901], "kind": ["age"],
                        "source": [""]})
    with pytest.raises(InputError, match=r"line 2: kind is 'age'"):
        read_gazetteer(bad)


def test_a_year_less_date_shares_the_year_after_a_conjunction():
    d = dates("In 1911 he wrote; the memoranda of 2 August and 6 September 1926 say so.")
    r = d[d["text"] == "2 August"].iloc[0]
    assert (r["year_start"], r["rule"], r["anchor_date_id"]) == (1926, "month_day+context", 2)
    d = dates("In 1911 he wrote on 2 August; on 6 September 1926 he wrote again.")  # not one phrase
    assert d[d["text"] == "2 August"].iloc[0]["year_start"] == 1911


def test_old_style_date_is_one_expression_and_modern():
    d = dates("In 1700 it began. It was signed on February 26 (Old Style) 1740 at the inn.")
    assert d["text"].tolist() == ["1700", "February 26 (Old Style) 1740"]
    assert d.loc[1, "year_start"] == 1741  # before 25 March, Old Style: the next modern year


def test_a_year_less_date_takes_the_year_the_paragraph_has_reached():
    # the flashback (September 1933) and the decade in passing do not give the year
    text = ("The method arrived in October 1934. The service had been created in September 1933 by men who "
            "had worked in the 1920s; its director arrived on November 2.")
    r = dates(text).set_index("text").loc["November 2"]
    assert r["year_start"] == 1934


def test_a_date_in_a_note_takes_its_own_notes_year():
    text = "The council met in 1919.\n\n4. Evening Ledger, 9 February 1900, reporting the meeting of 14 February."
    cit = pd.DataFrame({"start": [text.index("Evening")], "end": [len(text)]})
    r = dates(text, citations=cit).set_index("text").loc["14 February"]
    assert (r["year_start"], r["in_citation"]) == (1900, True)


def test_a_notes_year_less_date_takes_the_last_dated_note():
    text = "In 1902 the school closed.\n\n4. Journal, 2 June 1887, folder 9.\n\n5. Ibid., 6 June."
    p = paras(text)
    notes = pd.DataFrame({"start": p["start"].iloc[1:].to_numpy(), "end": p["end"].iloc[1:].to_numpy()})
    d = dates(text, citations=notes).set_index("text")
    assert d.loc["6 June", ["year_start", "in_citation"]].tolist() == [1887, True]  # not the body's 1902


def test_an_event_of_one_year_dates_what_follows():
    d = dates("After the death of Stalin the line changed; in April the new leaders met.", events=EVENTS)
    assert d.set_index("text").loc["April", ["year_start", "month"]].tolist() == [1953, 4]
    # an event of many years does not: the month takes the year the text writes
    d = dates("In 1941 it began. During World War II the line held; in April the leaders met.", events=EVENTS)
    assert d.set_index("text").loc["April", "year_start"] == 1941


def test_a_season_of_an_event_and_the_season_after_it():
    flood = pd.DataFrame({"name": ["Great Flood"], "aliases": ["Great Flood"],
                          "year_start": [1889], "year_end": [1889], "source": [""]})
    text = ("In the summer of the Great Flood he rebuilt the mill.\n\n"
            "The clubs had grown during the 1870s. His letters of the following winter were short.")
    d = dates(text, events=flood, gazetteer=None).set_index("text")
    assert d.loc["the summer of the Great Flood", ["granularity", "kind"]].tolist() == ["season", "event"]
    # the winter after that summer, not after the decade in between
    assert d.loc["the following winter", ["year_start", "year_end"]].tolist() == [1889, 1890]


def test_ago_restating_a_date_is_no_new_anchor():
    text = "The audit was published in May of 1921. That was nine years ago. Three months after that audit the council acted."
    d = dates(text, reference_year=1930).set_index("text")
    assert d.loc["nine years ago", "year_start"] == 1921
    assert d.loc["Three months after that audit", ["year_start", "month", "granularity"]].tolist() == [1921, 8, "month"]


def test_weekdays_a_flashback_and_the_following_one():
    text = ("The lockout began on 9 October 1911, a Monday; two weavers had been sacked on the Saturday. "
            "The mill stayed shut the next day. Two weeks later the men met, and the following Saturday "
            "the union paper wrote.")
    d = dates(text).set_index("text")
    assert d.loc["the Saturday", ["month", "day"]].tolist() == [10, 7]
    # "had been sacked on the Saturday" looks back: the next day counts from the 9th
    assert d.loc["the next day", ["month", "day"]].tolist() == [10, 10]
    # "the following Saturday" comes after the last day told (24 October), not after the last calendar date
    assert d.loc["Two weeks later", ["month", "day"]].tolist() == [10, 24]
    assert d.loc["the following Saturday", ["month", "day"]].tolist() == [10, 28]


def test_relative_dates_after_an_undated_event_do_not_crash():
    import textmine as tm

    # found by benchmarks/worst_case.py (calendar_words): the intro anchor of the second phrase
    # had no year yet; every date stays unresolved rather than raising
    d = tm.parse("Two weeks after the storm three weeks after the storm and in August and September and eighteen.",
                 header=False).dates
    assert d["text"].tolist()[:2] == ["Two weeks after the storm", "three weeks after the storm"]
    assert d["year_start"].isna().all()
