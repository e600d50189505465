"""textmine.date_anaphora: 'after the flood' takes the date the text gave the flood (invented sentences)."""

from __future__ import annotations

import pandas as pd
import pytest

from textmine.date_anaphora import INTRO_REACH, link_anaphora
from textmine.date_engine import PlainScanner
from textmine.dates import DateEngine

from test_dates import paras


@pytest.mark.parametrize("scanner", [None, PlainScanner])
def test_a_description_takes_the_date_that_introduced_it(scanner):
    engine = DateEngine() if scanner is None else DateEngine(scanner=scanner)
    text = ("Nothing hurt the valley like the flood. It struck on 3 May 1927 and took the bridge.\n\n"
            "After the flood the mill stood empty for a year; before the flood it had run two shifts.")
    d = engine.find_dates(text, paras(text))
    got = d[d["rule"] == "anaphora"]
    assert got["text"].tolist() == ["the flood", "the flood"]
    assert got[["year_start", "month", "day", "granularity", "kind"]].values.tolist() == [
        [1927, 5, 3, "day", "relative"]] * 2
    assert got["anchor_date_id"].tolist() == [0, 0]


def test_modifiers_must_agree_and_the_latest_introduction_wins():
    text = ("The dock strikes of 1911 were bitter. The dock strikes of 1912 were worse.\n\n"
            "After the dock strikes the union split. After the railway strikes nothing changed.")
    d = DateEngine().find_dates(text, paras(text))
    got = d[d["rule"] == "anaphora"]
    assert got["text"].tolist() == ["the dock strikes"] and got["year_start"].tolist() == [1912]
    # dated inside its own noun phrase ("of 1912"), the description names an event
    assert got[["kind", "event"]].values.tolist() == [["event", "the dock strikes"]]


@pytest.mark.parametrize("text", [
    "After the storm they left in 1935.",  # never dated before
    "A storm came in 1927. After the storm they left.",  # "a storm" is no introduction of "the storm"
    "The storm was bad. Everyone agreed. In 1927 they left. After the storm they came back.",  # too far from it
    "The fire of 1920 was small. After the fire of 1931 they moved.",  # a description dated in place
])
def test_no_row_without_an_introduction(text):
    d = DateEngine().find_dates(text, paras(text))
    assert not (d["rule"] == "anaphora").any(), d[["text", "rule"]]


def test_the_introduction_is_read_within_a_bounded_reach():
    far = "The flood" + " was long remembered by all" * (INTRO_REACH // 20) + " in 1927. After the flood it rained."
    d = DateEngine().find_dates(far, paras(far))
    assert not (d["rule"] == "anaphora").any()
    assert link_anaphora([], "", [], []) == []


def test_an_offset_from_a_dated_description_counts_from_its_date():
    text = ("The lockout began on 9 October 1911. The mill stayed shut the next day, and the day after. "
            "Three weeks after the lockout began the owners gave way.")
    d = DateEngine().find_dates(text, paras(text)).set_index("text")
    assert d.loc["Three weeks after the lockout began", ["month", "day"]].tolist() == [10, 30]  # not from the 11th
    assert d.loc["the day after", ["month", "day"]].tolist() == [10, 11]
