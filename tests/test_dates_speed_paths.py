"""textmine.dates: the fast paths give the same frames as the plain ones, without monkeypatching.

* one scan over a barrier text for all paragraphs = one scan per paragraph
  (``DateEngine(layout="paragraph")``);
* prepared events, a cached frame and a path give the same dates;
* the windowed scanner = the plain scanner (``DateEngine(scanner=PlainScanner)``),
  with each of its event-anchor filters on and off (scanner options);
* the NumPy word anchors = a plain lower-case comparison.
"""

from __future__ import annotations

import random
import re

import numpy as np
import pandas as pd
import pytest

import functools

import textmine.date_engine as E
from test_dates import EVENTS, _fuzz_text, paras
from textmine.date_events import alias_first_words, alias_first_words_whole, alias_next_chars, prepared_events
from textmine.date_rules import DATE_RULES
from textmine.dates import DateEngine, find_dates, prepare_events, read_events

PER_PARAGRAPH = DateEngine(layout="paragraph")
PLAIN = DateEngine(scanner=E.PlainScanner)


def _plain(text, p=None, **kw):
    return PLAIN.find_dates(text, paras(text) if p is None else p, **kw)


def _random_paragraphs(text: str, seed: int) -> pd.DataFrame:
    """Sorted, non-overlapping spans cut anywhere (gaps of 0-3 characters, some empty spans)."""
    rnd = random.Random(seed)
    rows, pos = [], rnd.randrange(3)
    while pos < len(text):
        end = min(len(text), pos + rnd.randrange(0, 400))
        rows.append((len(rows), pos, end))
        pos = end + rnd.randrange(0, 4)
    rnd.shuffle(rows)  # frame order is not text order
    return pd.DataFrame(rows, columns=["para_id", "start", "end"])


@pytest.mark.parametrize("seed", range(3))
def test_barrier_scan_equals_scan_per_paragraph(seed):
    text = _fuzz_text(200, seed)
    p = paras(text)
    assert E.barrier_layout(text, p["start"].to_numpy(), p["end"].to_numpy()) is not None
    fast = find_dates(text, p, events=EVENTS)
    assert len(fast) > 50
    pd.testing.assert_frame_equal(fast, PER_PARAGRAPH.find_dates(text, p, events=EVENTS))


@pytest.mark.parametrize("seed", range(6))
def test_odd_paragraph_cuts_give_the_same_dates_either_way(seed):
    # spans that start after a letter or a digit, touch, or end inside a word
    text = re.sub("[\u0130\u0131\u017f]", "i", _fuzz_text(120, seed))
    p = _random_paragraphs(text, seed)
    layout = E.barrier_layout(text, p["start"].to_numpy(), p["end"].to_numpy())
    fast = find_dates(text, p, events=EVENTS)
    pd.testing.assert_frame_equal(fast, PER_PARAGRAPH.find_dates(text, p, events=EVENTS))
    pd.testing.assert_frame_equal(fast, _plain(text, p, events=EVENTS))
    if seed == 0:
        assert layout is None  # some cut starts after a word character: per paragraph


def test_barrier_layout_conditions():
    text = "ab cd\n\nef gh"
    arr = np.array
    assert E.barrier_layout(text, arr([0, 7]), arr([5, 12])).tolist() == [0, 1]
    assert E.barrier_layout(text, arr([7, 0]), arr([12, 5])).tolist() == [1, 0]  # sorted by start
    assert E.barrier_layout(text, arr([0, 5]), arr([5, 12])) is None  # touching
    assert E.barrier_layout(text, arr([0, 4]), arr([5, 12])) is None  # overlapping
    assert E.barrier_layout(text, arr([1]), arr([5])) is None  # starts after a letter
    assert E.barrier_layout(text, arr([0, 3, 7]), arr([2, 3, 12])).tolist() == [0, 2]  # empty span left out
    assert E.barrier_layout(text, arr([-1]), arr([5])) is None
    assert E.barrier_layout(text, arr([0]), arr([13])) is None
    assert E.barrier_text(text, [3, 7], [5, 9]) == "\x00\x00\x00cd\x00\x00ef\x00\x00\x00"


def test_paragraph_followed_by_digits_and_headers_are_not_read_into():
    # the second span ends right before digits: "19" must not run on into "17"
    text = "Intro 1917\n\nIn 19 17 they met.\n\nBy 1920 it was over"
    p = pd.DataFrame({"para_id": [0, 1], "start": [12, 32], "end": [17, 39]})
    d = find_dates(text, p)
    assert d["text"].tolist() == ["1920"] and d["para_id"].tolist() == [1]


def test_int32_and_categorical_inputs_are_accepted():
    text = "In 1917 it began.\n\nOne day later, on 3 May 1920, “in 1905” (London: X, 1973)."
    p = paras(text)
    q = pd.DataFrame({"start": [text.index("“")], "end": [text.index("”") + 1]})
    want = find_dates(text, p, quotations=q, events=EVENTS)
    p32 = p.astype({"para_id": "int32", "start": "int32", "end": "int32"}).assign(
        doc_id=pd.Categorical(["d"] * len(p)))
    got = find_dates(text, p32, quotations=q.astype("int32"), events=EVENTS)
    pd.testing.assert_frame_equal(got, want)


# ------------------------------------------------------------------ events prepared once
def test_prepared_events_frame_and_path_give_the_same_dates(tmp_path):
    text = ("After the death of Stalin in 1953 it changed.\n\nIt was fixed at the end of World War II. "
            "During the Second World War, in 1942, and in the aftermath of World War II.\n\n"
            "As the Spanish Civil War was ending, in the early years following the October Revolution.")
    p = paras(text)
    path = tmp_path / "ev.csv"
    EVENTS.to_csv(path, index=False)
    by_frame = find_dates(text, p, events=EVENTS)
    assert (by_frame["kind"] == "event").sum() >= 4
    pd.testing.assert_frame_equal(find_dates(text, p, events=prepare_events(EVENTS)), by_frame)
    pd.testing.assert_frame_equal(find_dates(text, p, events=prepare_events(str(path))), by_frame)
    pd.testing.assert_frame_equal(find_dates(text, p, events=str(path)), by_frame)
    prepared = prepare_events(EVENTS)
    assert prepare_events(prepared) is prepared
    # the table is the events table, then the gazetteer's rows (kind) without the aliases the events have
    pd.testing.assert_frame_equal(prepare_events(EVENTS, gazetteer=None).table, read_events(EVENTS))
    assert prepared.table["name"].tolist()[:len(EVENTS)] == EVENTS["name"].tolist()
    assert (prepared.table["kind"].iloc[:len(EVENTS)] == "event").all() and len(prepared.table) > len(EVENTS)


def test_events_frame_is_prepared_once_and_changes_are_seen():
    ev = EVENTS.copy()
    first = prepared_events(ev)
    assert prepared_events(ev) is first  # the same frame: no second read
    t1 = read_events(ev)
    pd.testing.assert_frame_equal(t1, read_events(EVENTS))
    t1.loc[0, "name"] = "changed"  # the caller's copy only
    assert read_events(ev).loc[0, "name"] == "World War II"
    ev.loc[0, "year_end"] = 1946  # the same object, new content: read again
    assert prepared_events(ev) is not first
    d = find_dates("After World War II it ended.", paras("After World War II it ended."), events=ev)
    assert d["year_end"].tolist() == [1946]


def test_a_bad_events_frame_still_raises_every_time():
    bad = EVENTS.assign(year_start=["19x9", "1953", "1917", "1936"])
    for _ in range(2):
        with pytest.raises(Exception, match="year_start is '19x9'"):
            find_dates("In 1917.", paras("In 1917."), events=bad)


# ------------------------------------------------------------------ windows
@pytest.mark.parametrize("sentence", [
    "In 1920 it began. Then xyz more than two days later it ended.",  # a match starting with whitespace
    "It began in 1920; only about   a little more than two weeks later it ended.",
    "It began in 1920. some nearly twenty-one days later, the year before, the following three years.",
    "It began in 1920. During the past 3 years and over the last ten decades, the next day came.",
    "They met in 1917mid-1920s and 1917early autumn of 1920, from 1921 on, between the years 1922 and 1923.",
    "The 1920’s, the 1930's and 1940s; the latter half of the 1950s; the first half of 1961.",
])
def test_windows_equal_plain_finditer(sentence):
    fast = find_dates(sentence, paras(sentence), events=EVENTS)
    pd.testing.assert_frame_equal(fast, _plain(sentence, events=EVENTS))


def test_offset_may_start_with_whitespace():
    # a quirk of _APPROX (kept): "\b\s*more than" matches at the end of "xyz"
    t = "In 1920 it began. Then xyz more than two days later it ended."
    d = find_dates(t, paras(t))
    assert d["text"].tolist() == ["1920", " more than two days later"]


def test_word_sets_equal_lower_case_comparison():
    rnd = random.Random(11)
    words = ["first", "world", "war", "october", "1926", "20th", "anglo", "a", "fortnight", "month"]
    pieces = words + ["FIRST", "Wor", "wORLD", "\u212aorea", "k", "octobe", "x", "_", "é", "\U00010061", "-", " ", "  "]
    text = "".join(rnd.choice(pieces) + rnd.choice(["", " ", "-", "\n"]) for _ in range(3000))
    ws = E.WordSet(words)
    cp = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    low = np.concatenate([np.take(E.low8(), cp, mode="clip"), np.zeros(ws.longest, dtype=np.uint8)])
    idx = np.arange(len(text))
    at, found = ws.at(low, idx)
    want = {}
    for p in range(len(text)):
        head = text[p:p + ws.longest].lower()
        hit = tuple(sorted(w for w in set(words) if head.startswith(w)))
        if hit:
            want[p] = hit
    assert dict(zip(at.tolist(), [tuple(sorted(w)) for w in found])) == want
    assert len(want) > 500


def test_whole_word_lookup_equals_lower_case_comparison():
    rnd = random.Random(12)
    words = ["first", "world", "war", "october", "1926", "20th", "anglo", "fortnight", "nonaggression"]
    pieces = words + ["FIRST", "Worlds", "wORLD", "\u212aorea", "k", "octobe", "x", "_", "é", "\U00010061", "-",
                      "Warsaw", "anglo_", " ", "  ", "aa" * 9]
    text = "".join(rnd.choice(pieces) + rnd.choice(["", " ", "-", "\n"]) for _ in range(3000))
    ws = E.WordSet(words)
    cp = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    low = np.concatenate([np.take(E.low8(), cp, mode="clip"), np.zeros(16, dtype=np.uint8)])
    runs = [(m.start(), m.end()) for m in re.finditer(r"[0-9A-Za-z_\u212a]+", text)]
    idx = np.array([s for s, _ in runs], dtype=np.int64)
    at, found = ws.whole(low, idx, np.array([e - s for s, e in runs], dtype=np.int64))
    want = {s: (text[s:e].lower(),) for s, e in runs if text[s:e].lower() in words}
    assert dict(zip(at.tolist(), found)) == want
    assert len(want) > 300


@pytest.mark.parametrize("seed", range(3))
def test_whole_word_event_anchors_give_the_same_dates(seed):
    # aliases whose first word is also the start of longer words (Stalinist, Germany, Warsaw...)
    text = re.sub("[\u0130\u0131\u017f]", "i", _fuzz_text(150, seed))
    extra = ["the Great Warsaw talks", "after the Great War", "after World Wars", "since the October Revolutions",
             "after the \u212aorean War", "after the KOREAN WAR", "during World War II.", "during WORLD WAR II",
             "after Stalin's death", "after Stalin\u2019s deaths", "after the death of Stalinism"]
    rnd = random.Random(seed)
    text += "\n\n" + " ".join(rnd.choice(extra) for _ in range(200))
    prepared = prepare_events(EVENTS)
    assert prepared.whole_words
    fast = find_dates(text, paras(text), events=prepared)
    assert (fast["kind"] == "event").sum() > 20
    no_whole = DateEngine(scanner=functools.partial(E.WindowScanner, whole_words=False))
    pd.testing.assert_frame_equal(fast, no_whole.find_dates(text, paras(text), events=prepared))


def test_whole_words_off_when_an_alias_can_run_on():
    assert alias_first_words_whole(["great war", "world war i", "non-aggression pact", "lenin's death", "wwi"])
    # U+017F matches "s" under re.IGNORECASE: "War\u017f" is the word "Wars"
    keys = ["war\u017f of the roses", "great war"]
    assert not alias_first_words_whole(keys)
    events = pd.DataFrame({"name": ["Roses"], "aliases": ["War\u017f of the Roses"], "year_start": [1455],
                           "year_end": [1487], "source": [""]})
    text = "It happened after the Wars of the Roses."
    assert find_dates(text, paras(text), events=events)["event"].tolist() == ["Roses"]


def test_bare_year_guard_words():
    t = "See page 1917 and 1918 troops, but not p. 1919; in 1920 it ended."
    assert find_dates(t, paras(t))["text"].tolist() == ["1920"]


# ------------------------------------------------------------------ gates (derived, case as in the patterns)
@pytest.mark.parametrize("seed", range(3))
def test_gates_give_the_same_dates_as_plain_scan(seed):
    text = _fuzz_text(150, seed)
    text += ("\n\nThe SPRING of 1924, the Autumn OF 1925, BETWEEN 1926 and 1927, FROM 1928 to 1929, "
             "the EARLY 1930s, the MID-1940s, the Close of 1950, the first HALF of 1951, Late 1952.")
    p = paras(text)
    fast = find_dates(text, p, events=EVENTS)
    assert (fast["rule"] == "season_year").any() and (fast["rule"] == "decade_part").any()
    pd.testing.assert_frame_equal(fast, _plain(text, p, events=EVENTS))


@pytest.mark.parametrize("text", [
    "The \u017fpring of 1924 and the \u212Aate 1925, the END of 1926.",  # U+017F: no anchor words
    "Fortn\u0131ght: the \u0130ate summer of 1927, between 1928 and 1929.",
    "Mid-1920 and the \u212Alose of 1930; the EARLY 1940s.",  # U+212A (Kelvin) lower-cases to k
])
def test_gate_with_special_caseless_letters_equals_plain_scan(text):
    fast = find_dates(text, paras(text), events=EVENTS)
    pd.testing.assert_frame_equal(fast, _plain(text, events=EVENTS))


# ------------------------------------------------------------------ rules tried at the first digit of a run
@pytest.mark.parametrize("seed", range(3))
def test_seek_digits_equals_seek(seed):
    text = _fuzz_text(120, seed) + " 1920-11-03 x1920 -1921 1925-26 3 March 1920 12345 03rd of May, 1921 19201"
    cascade = E.compile_table(DATE_RULES)
    runs = E.TextAnchors(text, text, cascade).digit_runs(0, len(text))
    tried = []
    for rule in cascade.rules:
        if not (rule.hints.digit_first and rule.hints.at_run):
            continue
        tried.append(rule.rule.name)
        wins = [(d, e - 1) for d, e in runs]
        want = [m.span() for m in E.seek(rule.regex, rule.seeker, text, 0, len(text), wins)]
        got = [m.span() for m in E.seek_digits(rule.regex, rule.seeker, text, 0, len(text), wins)]
        assert got == want and len(want) > 0, rule.rule.name
    assert tried == ["iso_date", "day_month_year", "year_range", "year"]


@pytest.mark.parametrize("seed", range(3))
def test_word_rule_starts_equal_every_boundary(seed):
    text = _fuzz_text(120, seed) + " The next day, during the past 3 years, One day later, the year before."
    cascade = E.compile_table(DATE_RULES)
    wins = [(0, len(text) - 1)]
    found = 0
    for rule in cascade.rules:
        if rule.rule.anchor == "digits":
            continue
        assert rule.starts is not None, rule.rule.name
        want = [m.span() for m in E.seek_boundaries(rule.regex, text, 0, len(text), wins, re.compile(r"\b"))]
        got = [m.span() for m in E.seek_boundaries(rule.regex, text, 0, len(text), wins, rule.starts)]
        assert got == want, rule.rule.name
        found += len(want)
    assert found > 4


def test_whole_word_head_filter_with_short_and_sharing_words():
    # words shorter than four characters and words sharing their first four: the head filter keeps them all
    rnd = random.Random(13)
    words = ["wwi", "wwii", "to", "a", "nep", "new", "newspaper", "news"]
    pieces = words + ["WWI", "ww", "wwiii", "t", "toe", "A", "an", "newsp", "Nep_", "to x", "a b", " ", "-"]
    text = "".join(rnd.choice(pieces) + rnd.choice(["", " ", "-", "\n"]) for _ in range(3000))
    ws = E.WordSet(words)
    cp = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    low = np.concatenate([np.take(E.low8(), cp, mode="clip"), np.zeros(16, dtype=np.uint8)])
    runs = [(m.start(), m.end()) for m in re.finditer(r"[0-9A-Za-z_\u212a]+", text)]
    idx = np.array([s for s, _ in runs], dtype=np.int64)
    at, found = ws.whole(low, idx, np.array([e - s for s, e in runs], dtype=np.int64))
    want = {s: (text[s:e].lower(),) for s, e in runs if text[s:e].lower() in words}
    assert dict(zip(at.tolist(), found)) == want
    assert len(want) > 500


@pytest.mark.parametrize("sentence", [
    "On November 3, 1920 and in early Nov. 1921, in Sept. of 1922, late in december 1923, in may 1924.",
    "It was 3 May 1925; in the Spring Of 1926 and on 4 june, 1927, then October, 1928 and June of 1929.",
    "x1920 Mid-March 1930 - March 31 - 31st of March 1931 ;MARCH 1932 and Dec.1933.",
])
def test_month_gate_equals_plain_finditer(sentence):
    fast = find_dates(sentence, paras(sentence), events=EVENTS)
    assert fast["rule"].isin(["month_day_year", "month_year"]).any()
    pd.testing.assert_frame_equal(fast, _plain(sentence, events=EVENTS))


# ------------------------------------------------------------------ the look-back before a digit
def test_back_explicit_groups_equal_the_nested_optional_groups():
    # the words before a digit: each group matches a word or nothing; a missing word ends where the match does
    back = E.compile_table(DATE_RULES).back_digits
    n = len(back.groupindex) - 1
    assert n == 5  # decade_part: the latter half of the
    nested = re.compile(r"[\s.,\-]*" + "".join(r"(?:(?P<w%d>[A-Za-z]+[\s.,\-]*)" % k for k in range(1, n + 1))
                        + ")?" * n)
    rnd = random.Random(7)
    pieces = ["the", "Sept.", "mid-", "early", "of", " ", ", ", "\u2003", "(", "é", "x1", "\x00", "\n", "-"]
    for _ in range(500):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 14))) + "1920"
        hi, d = len(text), len(text) - 4
        rp = text[::-1]
        old, new = nested.match(rp, hi - d).regs, back.match(rp, hi - d)
        for k in range(1, n + 1):
            want = d + (hi - d) - (old[k][1] if old[k][1] >= 0 else old[0][1])
            assert hi - new.end(f"w{k}") == want, (text, k)


# ------------------------------------------------------------------ event anchors filtered by the next word
def test_alias_next_chars():
    keys = ["world war ii", "world war i", "wwii", "lenin's death", "new  economic policy", "moscow (trials)",
            "first five-year plan", "first congress"]
    words = alias_first_words(keys)
    t = alias_next_chars(keys, words)
    row = dict(zip(words, t))
    assert np.flatnonzero(row["world"]).tolist() == [ord("w")]
    assert row["wwii"].all() and row["moscow"].all()  # one word; a bracket after the space
    assert not row["lenin"].any()  # only "'s" after it
    assert np.flatnonzero(row["new"]).tolist() == [ord("e")]
    assert np.flatnonzero(row["first"]).tolist() == [ord("c"), ord("f")]


@pytest.mark.parametrize("seed", range(3))
def test_next_char_filter_gives_the_same_dates(seed):
    from test_dates import _fuzz_text
    rnd = random.Random(seed)
    names = ["World War II", "WORLD  war I", "world\nWar Two", "World Bank", "World\u2009War", "World-War",
             "Lenin’s death", "Lenin's death", "Lenin died", "New Economic Policy", "new economy", "NEP",
             "First World War", "First K\u212aongress", "Great War", "Great October", "great deal",
             "Stalin's death", "Stalin’s death", "Stalin died", "death of Stalin", "Death Of stalin", "death toll",
             "Spanish Civil War", "Spanish flu", "October Revolution", "October 1917", "Second World War",
             "second time", "SECOND  WORLD WAR", "October\nRevolution"]
    cues = ["after the ", "during ", "before ", "the end of the ", "since ", "in "]
    text = _fuzz_text(80, seed) + "\n\n" + " ".join(rnd.choice(cues) + rnd.choice(names) + rnd.choice([",", ".", ""])
                                                     for _ in range(300))
    p = paras(text)
    fast = find_dates(text, p, events=EVENTS)
    assert (fast["kind"] == "event").sum() > 10
    assert prepare_events(EVENTS).next_chars is not None  # the filter is on
    no_next = DateEngine(scanner=functools.partial(E.WindowScanner, next_chars=False))
    pd.testing.assert_frame_equal(fast, no_next.find_dates(text, p, events=EVENTS))
    pd.testing.assert_frame_equal(fast, _plain(text, p, events=EVENTS))


@pytest.mark.parametrize("seed", range(3))
def test_vectorised_lookback_equals_the_lookback_regex(seed):
    # Lookback.starts(k) is where group w<k> of back_digits (run on the reversed region) ends, for every run of digits
    rnd = random.Random(seed)
    pieces = ["the", "Sept.", "mid-", "early", "of", " ", ", ", "\u2003", "(", "é", "x", "\x00", "\n", "-", "1920",
              "3", "12345", "\U0001d7ce", "AB", "'", "’"]
    text = "".join(rnd.choice(pieces) for _ in range(3000))
    cascade = E.compile_table(DATE_RULES)
    back = cascade.back_digits
    anchors = E.TextAnchors(text, text, cascade)
    for lo, hi in [(0, len(text)), (7, len(text) - 5), (100, 2000)]:
        d, _ = anchors.digit_arrays(lo, hi)
        cp = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)[lo:hi]
        look = cascade.lookback().stretches(cp, lo, d)
        rp = text[lo:hi][::-1]
        assert len(d) > 50
        by_regex = E.RegexLookback(back, rp, hi, d)  # the sparse-digit path
        for k in range(len(back.groupindex)):
            want = [hi - back.match(rp, hi - x).end(f"w{k}") for x in d.tolist()]
            assert look.starts(k).tolist() == want == by_regex.starts(k).tolist(), k


def test_sparse_and_dense_digit_texts_take_both_lookbacks_and_agree_with_plain():
    sparse = "It began in 1917 and ended early in 1921, between 1936 and 1939. " + "No numbers here at all. " * 40
    dense = " ".join(["the 1920s, mid-1930, 3 May 1925, 12 34 56"] * 40)
    for text in (sparse, dense):
        fast = find_dates(text, paras(text), events=EVENTS)
        pd.testing.assert_frame_equal(fast, _plain(text, events=EVENTS))
    assert len(E.TextAnchors(sparse, sparse, E.compile_table(DATE_RULES)).digit_runs(0, len(sparse))) * E.SPARSE_DIGITS < len(sparse)
    assert len(E.TextAnchors(dense, dense, E.compile_table(DATE_RULES)).digit_runs(0, len(dense))) * E.SPARSE_DIGITS > len(dense)
