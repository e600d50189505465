"""textmine.date_stories: the year of a year-less wire-story dateline, read from the story (invented stories)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from textmine.date_engine import PlainScanner
from textmine.date_stories import PRESENT_PERFECT, STORY_CUES, back_count
from textmine.dates import DateEngine, find_dates


def lines(text: str) -> pd.DataFrame:
    """One paragraph per line (the layout of a wire-story collection)."""
    rows = [(k, m.start(), m.end()) for k, m in enumerate(re.finditer(r"[^\n]+", text))]
    return pd.DataFrame(rows, columns=["para_id", "start", "end"])


GAZ = pd.DataFrame({"name": ["Boer War", "Kennedy administration"],
                    "aliases": ["Boer War", "Kennedy administration"],
                    "year_start": [1899, 1961], "year_end": [1902, 1963], "kind": ["event", "administration"],
                    "source": ["", ""]})

STORIES = "\n".join([
    "RESERVOIR PLAN FILED",
    "DENVER, April 2 (UPI) \u2014 The city filed its reservoir plan today. A survey of the 1930s had found the site dry.",
    "The plan went to the council last week.",
    "COUNCIL VOTES BONDS",
    "GREELEY, Colo., Feb. 10 (UPI) \u2014 The council voted the bonds today, ending a quarrel that began three "
    "years ago with the city's plan.",
    "WORK BEGINS AT LAST",
    "FORT COLLINS, Colo., Aug. 5 (UPI) \u2014 Work began today on the reservoir first drawn in the 1948 plan. "
    "The valley has argued over it for four years, and the bonds were sold last year.",
    "The mayor, speaking in 1931 terms, recalled the drought.",
    "The council meets again in September.",
])


@pytest.mark.parametrize("scanner", [None, PlainScanner])
def test_each_story_takes_the_year_its_own_text_gives(scanner):
    engine = DateEngine() if scanner is None else DateEngine(scanner=scanner)
    d = engine.find_dates(STORIES, lines(STORIES), gazetteer=None).set_index("text")
    # the first story: the next year the text writes (1948), not the 1930s it looks back to
    assert d.loc["April 2", ["year_start", "month", "day", "rule"]].tolist() == [1948, 4, 2, "dateline+story"]
    # after April 1948, a February is 1949 at the earliest; "three years ago" lands on 1948: 1951
    assert d.loc["Feb. 10", "year_start"] == 1951 and d.loc["three years ago", "year_start"] == 1948
    # "for four years" lands on 1948 and "last year" on 1951: 1952
    assert d.loc["Aug. 5", "year_start"] == 1952 and d.loc["last year", "year_start"] == 1951
    assert d.loc["last year", "granularity"] == "year"
    # "last week" counts from the story's own dateline: the week before 2 April 1948
    assert d.loc["last week", ["year_start", "month", "granularity"]].tolist() == [1948, 3, "month"]
    # a year-less month of a story: the story's year, not the 1931 of the paragraph before
    assert d.loc["September", ["year_start", "month"]].tolist() == [1952, 9]


def test_a_weekday_the_story_names_is_not_the_datelines_own():
    text = "\n".join([
        "DENVER, March 3 (UPI) \u2014 The board met today. It had last met in 1949.",
        "INQUIRY CLOSES",
        "HELENA, Mont., Sept. 13 (UPI) \u2014 The rail inquiry closed today. The chairman opened it Monday, and the "
        "railroad answered Tuesday.",
    ])
    d = find_dates(text, lines(text), gazetteer=None).set_index("text")
    assert d.loc["March 3", "year_start"] == 1949
    # 13 September 1949 was a Tuesday: a story that says "answered Tuesday" is of 1950 (a Wednesday)
    assert d.loc["Sept. 13", "year_start"] == 1950
    assert d.loc["Monday", ["year_start", "month", "day"]].tolist() == [1950, 9, 11]
    assert d.loc["Tuesday", ["year_start", "month", "day"]].tolist() == [1950, 9, 12]


def test_events_the_story_names_are_lower_bounds():
    text = "\n".join([
        "OMAHA, May 1 (UPI) \u2014 The depot opened today. It was planned in 1957.",
        "DEPOT CLOSES",
        "OMAHA, Sept. 9 (UPI) \u2014 The depot closed today; the Kennedy administration ended its lease, "
        "citing costs that had risen for years.",
    ])
    d = find_dates(text, lines(text), gazetteer=GAZ).set_index("text")
    assert d.loc["May 1", "year_start"] == 1957
    assert d.loc["Sept. 9", "year_start"] == 1961  # not 1957: the administration named took office in 1961


def test_years_after_that_would_pass_the_time_of_writing_are_the_time_of_writing():
    text = "\n".join([
        "DENVER, March 3 (UPI) \u2014 The plan for the reservoir was sent to the city in 1950.",
        "PLAN PASSES",
        "DENVER, July 8 (UPI) \u2014 The council passed the plan tonight, four years after the city first saw it.",
    ])
    d = find_dates(text, lines(text), gazetteer=None).set_index("text")
    assert d.loc["July 8", "year_start"] == 1954
    assert d.loc["four years after the city", ["year_start", "granularity"]].tolist() == [1954, "year"]


def test_without_a_dateline_nothing_changes():
    text = "In 1950 the board met.\nOn Oct. 4 \u2014 it snowed \u2014 the board met again; last year it had not."
    d = find_dates(text, lines(text), gazetteer=None).set_index("text")
    assert d.loc["Oct. 4", ["year_start", "rule"]].tolist() == [1950, "month_day+context"]
    assert d.loc["last year", "year_start"] == 1949
    assert "dateline" not in set(d["rule"].str.split("+").str[0])


def test_the_cue_table_and_the_present_perfect_pattern():
    assert [c.name for c in STORY_CUES] == ["ago", "last", "span_back", "years_after", "present_perfect"]
    for phrase in ("the town has waited for five years", "they have been patient for three years"):
        assert PRESENT_PERFECT.search(phrase)
    for phrase in ("he had waited for five years", "it has rained for five days", "for five years it has"):
        assert PRESENT_PERFECT.search(phrase) is None
    assert back_count({"rule": "deictic", "_dir": "last", "_unit": "september"}, 2) == 1
    assert back_count({"rule": "deictic", "_dir": "last", "_unit": "september"}, 10) == 0
    assert back_count({"rule": "deictic", "_dir": "next", "_unit": "year"}, 10) is None
    assert back_count({"rule": "ago", "_unit": "decade", "_n": 2}, 5) == 20


def test_since_an_event_began_runs_to_the_time_of_the_passage():
    text = "\n".join([
        "OMAHA, May 1 (UPI) \u2014 The depot opened today. It was planned in 1962.",
        "DEPOT CLOSES",
        "OMAHA, Sept. 9 (UPI) \u2014 Freight has doubled since the Kennedy administration took office, "
        "the manager said.",
    ])
    d = find_dates(text, lines(text), gazetteer=GAZ).set_index("text")
    row = d.loc["since the Kennedy administration took office"]
    assert row[["year_start", "year_end", "granularity", "kind"]].tolist() == [1961, 1962, "years", "event"]
    # without a dateline: to the time of writing (the latest year the text writes)
    text = "In 1908 the board wrote that costs had risen since the Boer War began."
    d = find_dates(text, lines(text), gazetteer=GAZ).set_index("text")
    assert d.loc["since the Boer War began", ["year_start", "year_end"]].tolist() == [1899, 1908]
    # a plain "since" before the event keeps the event's own span and years
    text = "In 1908 costs were higher than since the Boer War, the board said."
    d = find_dates(text, lines(text), gazetteer=GAZ).set_index("text")
    assert d.loc["the Boer War", ["year_start", "year_end"]].tolist() == [1899, 1902]


def _body(text: str, first: int) -> pd.DataFrame:
    """Paragraphs (one a line) from character *first* on: the lines before are the header."""
    rows = [(k, first + m.start(), first + m.end()) for k, m in enumerate(re.finditer(r"[^\n]+", text[first:]))]
    return pd.DataFrame(rows, columns=["para_id", "start", "end"])


def test_a_headers_date_line_is_the_day_of_writing():
    from textmine.date_stories import header_date

    text = "WATER BOARD INQUIRY\nMONDAY, APRIL 4, 1960\n\nThe clerk said the board wrote last month. It met in 1951.\n" \
           "A letter dated March 2 of this year was read."
    first = text.index("The clerk")
    assert header_date(text, first) == {"year_start": 1960, "year_end": 1960, "month": 4, "day": 4}
    d = find_dates(text, _body(text, first), gazetteer=None).set_index("text")
    assert d.loc["last month", ["year_start", "month", "granularity"]].tolist() == [1960, 3, "month"]
    assert d.loc["March 2 of this year", ["year_start", "month", "day"]].tolist() == [1960, 3, 2]
    assert "APRIL 4, 1960" not in d.index  # the header is read, not scanned
    # a reference year that disagrees with the header wins, and the header's month is not used
    d = find_dates(text, _body(text, first), gazetteer=None, reference_year=1961).set_index("text")
    assert d.loc["last month", ["year_start", "month"]].tolist() == [1961, None] or pd.isna(d.loc["last month", "month"])
    # no date line alone on its line: no day of writing
    assert header_date("A title, 1934\u20131942\nApril 4 was wet 1960\n\nBody.", 40) is None


def test_a_month_told_in_the_past_is_not_after_the_day_of_writing():
    text = ("WATER BOARD INQUIRY\nMONDAY, APRIL 4, 1960\n\nThe town met on January 10 and voted. The mayor sent "
            "word to the board in December that the town would wait.\nThe clerk will report in June.\nThe engineer, "
            "who finished his survey in November, spoke next.\nIn 1951 the survey was made; in October it was printed.")
    first = text.index("The town")
    d = find_dates(text, _body(text, first), gazetteer=None).set_index("text")
    assert d.loc["January 10", "year_start"] == 1960  # no date in its paragraph: the year of writing
    assert d.loc["December", "year_start"] == 1959  # "sent word ... in December": the December before April 1960
    assert d.loc["June", "year_start"] == 1960  # "will report": a later month of the year of writing
    assert d.loc["November", "year_start"] == 1959
    assert d.loc["October", "year_start"] == 1951  # its own paragraph dates it


def test_past_clause_words():
    from textmine.dates import _past_clause

    for clause in ("The mayor wrote to us in ", "It was printed in ", "He said so. They voted in "):
        assert _past_clause(clause, len(clause)), clause
    for clause in ("They will meet in ", "Congress adjourns in ", "He wrote that. We'll see in ", "The need in "):
        assert not _past_clause(clause, len(clause)), clause
    # with nothing of tense before the date, the words after it decide (up to a subordinating word)
    text = "In December we met the board. In August the board will meet. In May, which they wanted, he came."
    at = [text.index(m) for m in ("December", "August", "May")]
    assert [_past_clause(text, a, a + n) for a, n in zip(at, (8, 6, 3))] == [True, False, False]


def test_story_years_stay_within_year_max():
    story = "DENVER, March 3 (UPI) \u2014 The board met today; its plan of 2097 was read.\n"
    text = story * 6
    d = find_dates(text, lines(text), gazetteer=None)
    lines_ = d[d["text"] == "March 3"]
    assert lines_["year_start"].max() <= 2099 and lines_["year_start"].notna().all()
    assert lines_["year_start"].tolist()[:3] == [2097, 2098, 2099]  # a story after another on the same day


def test_a_letters_heading_is_the_time_of_writing_of_the_letter():
    from test_dates import paras

    text = ("Boston, March 9, 1880.\n\nDear Sir, I wrote to you last month. In December we met the board.\n\n"
            "Chicago, June 2, 1881.\n\nDear Sir, we sailed last week and will land in August.")
    d = find_dates(text, paras(text), gazetteer=None).set_index("text")
    assert d.loc["last month", ["year_start", "month"]].tolist() == [1880, 2]
    assert d.loc["December", "year_start"] == 1879  # told in the past: the December before the letter
    assert d.loc["last week", ["year_start", "month"]].tolist() == [1881, 5]
    assert d.loc["August", "year_start"] == 1881
    # a full date inside a sentence is no heading
    text = "On March 9, 1880, I wrote to you.\n\nIn December we met the board."
    d = find_dates(text, paras(text), gazetteer=None).set_index("text")
    assert d.loc["December", "year_start"] == 1880


def test_a_dateline_with_its_year_is_the_time_of_writing_too():
    text = "\n".join([
        "HELENA, Mont., Sept. 9, 1962 (AP) \u2014 The inquiry opened. The report was sent last week.",
        "BRIDGE VOTE",
        "BILLINGS, Jan. 18, 1963 \u2014 The vote came today; the bridge was approved last October.",
    ])
    d = find_dates(text, lines(text), gazetteer=None).set_index("text")
    assert d.loc["last week", ["year_start", "month"]].tolist() == [1962, 9]
    assert d.loc["last October", ["year_start", "month"]].tolist() == [1962, 10]


def test_the_weekday_cue_needs_a_story_that_says_today():
    text = "\n".join([
        "DENVER, March 3 (UPI) \u2014 The board met. It had last met in 1949.",
        "INQUIRY ENDS",
        "HELENA, Mont., Sept. 13 (UPI) \u2014 The inquiry ended. The railroad answered Tuesday.",
    ])
    d = find_dates(text, lines(text), gazetteer=None).set_index("text")
    assert d.loc["Sept. 13", "year_start"] == 1949  # the weekday may be the dateline's own day: no cue


def test_a_story_reaches_at_most_story_chars():
    from textmine.dates import STORY_CHARS

    filler = "The valley waited. " * (STORY_CHARS // 19 + 10)
    text = "\n".join([
        "DENVER, March 3 (UPI) \u2014 The board met today. It had last met in 1949.",
        filler,
        "In 1931 the council voted.",
        "In April the dam opened.",
    ])
    d = find_dates(text, lines(text), gazetteer=None).set_index("text")
    assert d.loc["March 3", "year_start"] == 1949
    assert d.loc["April", "year_start"] == 1931  # beyond the story: the last year before, as without datelines
    near = text.replace(filler, "The valley waited.")
    d = find_dates(near, lines(near), gazetteer=None).set_index("text")
    assert d.loc["April", "year_start"] == 1948  # inside the story: the last April before its March 1949
