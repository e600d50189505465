"""textmine.date_rules: every row's examples, on both scanners; hints derived from the rows; adding a row."""

from __future__ import annotations

import dataclasses
import random
import re

import pandas as pd
import pytest

import textmine.dates as dates_module
from textmine.date_engine import PlainScanner, WindowScanner, compile_table
from textmine.date_events import EVENT_DET, EVENT_MODIFIER, CASED_OR_WORD, modifier_and_det, prepare_events
from textmine.date_rules import (
    DATE_RULES, EVENT_ADJECTIVES, EVENT_ADVERBS, EVENT_MODIFIERS, EVENT_NOUNS, EVENT_PREPOSITIONS, DateRule, ex, values,
)
from textmine.dates import DateEngine

from test_dates import EVENTS, _fuzz_text, paras

ENGINES = {
    "windows": DateEngine(),
    "plain": DateEngine(scanner=PlainScanner),
    "windows-per-paragraph": DateEngine(layout="paragraph"),
}
EXAMPLES = [(r, e) for r in DATE_RULES for e in r.examples]
COUNTER = [(r, t) for r in DATE_RULES for t in r.counter_examples]


def _na(v):
    return None if v is pd.NA else v


@pytest.mark.parametrize("engine", list(ENGINES))
@pytest.mark.parametrize("rule,example", EXAMPLES, ids=[f"{r.name}:{e.span}" for r, e in EXAMPLES])
def test_every_example_matches_on_every_path(rule, example, engine):
    d = ENGINES[engine].find_dates(example.text, paras(example.text), events=EVENTS)
    row = d[d["text"] == example.span]
    assert len(row) == 1, d[["text", "rule"]]
    r = row.iloc[0].to_dict()
    want = dict(example.want)
    assert r["rule"] == want.pop("rule", r["rule"]) and r["rule"].split("+")[0] == rule.name
    assert r["kind"] == rule.kind
    assert example.text[r["start"]:r["end"]] == example.span
    for col, value in want.items():
        assert _na(r[col]) == value, (col, r)


@pytest.mark.parametrize("engine", list(ENGINES))
@pytest.mark.parametrize("rule,sentence", COUNTER, ids=[f"{r.name}:{t}" for r, t in COUNTER])
def test_every_counter_example_is_refused_on_every_path(rule, sentence, engine):
    d = ENGINES[engine].find_dates(sentence, paras(sentence), events=EVENTS)
    assert not d["rule"].str.split("+").str[0].eq(rule.name).any(), d[["text", "rule"]]


def test_every_rule_has_examples_and_counter_examples():
    for r in DATE_RULES:
        assert r.examples and r.counter_examples, r.name
    assert len({r.name for r in DATE_RULES}) == len(DATE_RULES)
    assert set(dates_module.RULES["rule"]) == {r.name for r in DATE_RULES} | {"event"}


def test_module_docstring_table_lists_every_rule():
    listed = re.findall(r"^``(\w+)``\s", dates_module.__doc__, flags=re.M)
    assert listed == [r.name for r in DATE_RULES] + ["event"]


# ------------------------------------------------------------------ hints derived from the rows
def _hints(name):
    cascade = compile_table(DATE_RULES)
    return next(c for c in cascade.rules if c.rule.name == name)


def test_every_shipped_rule_gets_windows():
    text = "In 1917, two days later, the past three years."
    cascade = compile_table(DATE_RULES)
    scanner = WindowScanner(cascade, text, text)
    finditer = type(re.finditer("x", ""))
    for c in cascade.rules:
        assert c.windowed, c.rule.name
        assert not isinstance(scanner.matches(c, 0, len(text)), finditer), c.rule.name  # the windows are used


@pytest.mark.parametrize("name,words,lengths,req", [
    ("iso_date", 0, {4}, None),
    ("between_years", 3, {4}, {"Between", "between"}),   # between the years | between Sept.
    ("from_year_on", 1, {4}, {"From", "from"}),
    ("decade_part", 5, {4}, None),                       # the latter half of the
    ("decade", 1, {4}, None),                            # the
    ("month_day_year", 1, {1, 2}, "months"),             # Nov.
    ("day_month_year", 0, {1, 2}, None),
    ("season_year", 4, {4}, "seasons"),                  # the early autumn of
    ("month_year", 3, {4}, "months"),                    # early November of
    ("month_day", 1, {1, 2}, None),
    ("year", 0, {4}, None),
])
def test_digit_hints_read_off_the_patterns(name, words, lengths, req):
    h = _hints(name).hints
    assert h.words == words and h.lengths == lengths
    if req == "months":
        assert {"January", "Sept", "Dec"} <= h.req and "may" not in h.req
    elif req == "seasons":
        assert {"spring", "Spring", "winter"} <= h.req
    elif req is not None:
        assert h.req == req
    assert h.digit_first == (words == 0)


def test_decade_runs_end_with_an_s_and_word_rules_anchor_on_their_units():
    assert _hints("decade").hints.tail == frozenset({"s", "'", "\u2019"})
    assert _hints("year").hints.tail is None and _hints("year").hints.at_run
    assert _hints("offset").hints.anchor_words == {"day", "week", "fortnight", "month", "year", "decade", "century",
                                                   "centuries"}
    assert _hints("span_back").hints.words == 4 and _hints("next_unit").hints.words == 3
    assert _hints("offset").hints.words < 30  # bounded: _APPROX takes at most four words


@pytest.mark.parametrize("seed", range(4))
def test_windows_find_each_rules_plain_matches(seed):
    # the derived windows of every row hold every match plain finditer finds
    text = _fuzz_text(120, seed)
    if seed:
        text = re.sub("[\u0130\u0131\u017f]", "i", text)
    cascade = compile_table(DATE_RULES)
    plain = PlainScanner(cascade, text, text)
    windows = WindowScanner(cascade, text, text)
    found = 0
    for rule in cascade.rules:
        want = [m.span() for m in plain.matches(rule, 0, len(text))]
        assert [m.span() for m in windows.matches(rule, 0, len(text))] == want, rule.rule.name
        found += len(want)
    assert found > 300


# ------------------------------------------------------------------ adding a rule
def _read_twenties(m, text):
    base = 1900 + int(m["dec"])  # a twentieth-century text
    return values(base, base + 9, "decade")


TWENTIES = DateRule(
    "decade_apostrophe", "explicit", r"(?:\b[Tt]he\s+)?(?<![\w'\u2019])['\u2019](?P<dec>\d0)s\b", _read_twenties,
    "decade", "'the '20s' = 1920..1929 (a twentieth-century text).",
    (ex("Jazz filled the '20s and the \u201930s.", "the '20s", year_start=1920, year_end=1929, granularity="decade"),),
    ("It cost '25s.",),
)


@pytest.mark.parametrize("scanner", [WindowScanner, PlainScanner])
def test_a_rule_added_as_a_row_is_found_on_both_paths(scanner):
    base = tuple(r for r in DATE_RULES if r.name != "decade_short")  # the shipped row that does the same
    rules = base + (TWENTIES,)
    engine = DateEngine(rules, scanner=scanner)
    for example in TWENTIES.examples:
        d = engine.find_dates(example.text, paras(example.text))
        got = d[d["rule"] == "decade_apostrophe"]
        assert got["text"].tolist() == ["the '20s", "the \u201930s"]
        assert got[["year_start", "year_end"]].values.tolist() == [[1920, 1929], [1930, 1939]]
    assert DateEngine(base, scanner=scanner).find_dates("the '20s", paras("the '20s")).empty
    assert engine.find_dates("It cost '25s.", paras("It cost '25s.")).empty
    text = _fuzz_text(80, 1) + "\n\nIn the '20s, the ’40s and '50s; then 1920s."
    both = [DateEngine(rules, scanner=s).find_dates(text, paras(text), events=EVENTS)
            for s in (WindowScanner, PlainScanner)]
    pd.testing.assert_frame_equal(*both)
    assert (both[0]["rule"] == "decade_apostrophe").sum() >= 3


def test_the_added_rule_gets_derived_windows():
    c = next(c for c in compile_table(DATE_RULES + (TWENTIES,)).rules if c.rule.name == "decade_apostrophe")
    assert c.windowed and c.hints.lengths == {2} and c.hints.words == 1
    assert "'" in c.hints.seps and c.tail is not None


def test_a_rule_the_analysis_cannot_read_is_scanned_plainly():
    odd = dataclasses.replace(TWENTIES, name="anything", pattern=r"(?P<dec>\d0)(?=x)|\w+z",
                              read=lambda m, text: values(1950, 1950, "year"))
    c = next(c for c in compile_table(DATE_RULES + (odd,)).rules if c.rule.name == "anything")
    assert not c.windowed  # a match may have no digit
    text = "abz 10x 20x"
    both = [DateEngine(DATE_RULES + (odd,), scanner=s).find_dates(text, paras(text)) for s in (WindowScanner, PlainScanner)]
    pd.testing.assert_frame_equal(*both)


# ------------------------------------------------------------------ event modifier rows
def test_event_modifier_rows_use_the_phrase_words():
    for mod in EVENT_MODIFIERS:
        assert mod.adjectives <= set(EVENT_ADJECTIVES) | set(EVENT_ADVERBS) and mod.nouns <= set(EVENT_NOUNS)
        assert mod.prepositions <= set(EVENT_PREPOSITIONS), mod.name
    for w in EVENT_ADJECTIVES + EVENT_ADVERBS + EVENT_NOUNS + EVENT_PREPOSITIONS:
        assert re.fullmatch(r"[a-z\-]+", w), w  # what the reversed quick checks assume


@pytest.mark.parametrize("engine", list(ENGINES))
def test_event_modifier_examples(engine):
    got = {}
    for mod in EVENT_MODIFIERS:
        text = f"It was decided in {mod.example} World War II."
        d = ENGINES[engine].find_dates(text, paras(text), events=EVENTS)
        assert d["text"].tolist() == [f"{mod.example} World War II"], mod.name
        got[mod.name] = (d.loc[0, "year_start"], d.loc[0, "year_end"])
    assert got["end"] == (1945, 1945) and got["aftermath"] == (1945, 1948) and got["eve"] == (1939, 1939)
    assert got["early years"] == (1939, 1942) and got["early days"] == (1939, 1939)
    assert got["early in"] == (1939, 1940) and got["late in"] == (1944, 1945)


def test_modifier_and_det_shortcuts_equal_the_plain_searches():
    words = ("the The THE early first last final opening later end close conclusion aftermath wake eve outbreak in late "
             "beginning years days run-up RUN-UP period era of OF following after before BEFORE xyz Lenin’s theory "
             "1917 , - ( — \u2003 é É \u0131 \u017f \u212a \u0130 years\u2019 ENd").split()
    rnd = random.Random(3)
    n_mod = n_det = n_fast = 0
    for _ in range(4000):
        parts = [rnd.choice(words) + rnd.choice([" ", " ", "  ", "\n", "", " \n", "\u2009"]) for _ in range(rnd.randint(0, 9))]
        window = "".join(parts)[-80:]
        mod, det = modifier_and_det(window)
        want_mod, want_det = EVENT_MODIFIER.search(window), EVENT_DET.search(window)
        assert (mod is None) == (want_mod is None), window
        if mod is not None:
            n_mod += 1
            assert mod.span() == want_mod.span() and mod.groupdict() == want_mod.groupdict(), window
        assert det == (None if want_det is None else want_det.start()), window
        n_det += want_det is not None
        n_fast += CASED_OR_WORD.search(window) is None
    assert n_mod > 40 and n_det > 100 and 500 < n_fast < 3500


def test_prepared_events_are_shared_by_both_scanners():
    text = "After the death of Stalin it changed; during the Second World War, in 1942, it held."
    prepared = prepare_events(EVENTS)
    both = [e.find_dates(text, paras(text), events=prepared) for e in ENGINES.values()]
    for d in both[1:]:
        pd.testing.assert_frame_equal(both[0], d)
    assert both[0]["kind"].tolist() == ["event", "event", "explicit"]
