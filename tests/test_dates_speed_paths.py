"""textmine.dates: the fast paths give the same frames as the plain ones.

* one scan over a barrier text for all paragraphs = one scan per paragraph;
* prepared events, a cached frame and a path give the same dates;
* the per-rule windows (explicit, relative) and the gate = plain finditer;
* the NumPy word anchors = a plain lower-case comparison.
"""

from __future__ import annotations

import random
import re

import numpy as np
import pandas as pd
import pytest

import textmine.dates as D
from test_dates import EVENTS, _PlainAnchors, _fuzz_text, paras
from textmine.dates import find_dates, prepare_events, read_events


def _per_paragraph(monkeypatch):
    """Make find_dates take the scan per paragraph (the reference for the barrier scan)."""
    monkeypatch.setattr(D, "_barrier_layout", lambda text, s, e: None)


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
def test_barrier_scan_equals_scan_per_paragraph(seed, monkeypatch):
    text = _fuzz_text(200, seed)
    p = paras(text)
    assert D._barrier_layout(text, p["start"].to_numpy(), p["end"].to_numpy()) is not None
    fast = find_dates(text, p, events=EVENTS)
    assert len(fast) > 50
    _per_paragraph(monkeypatch)
    pd.testing.assert_frame_equal(fast, find_dates(text, p, events=EVENTS))


@pytest.mark.parametrize("seed", range(6))
def test_odd_paragraph_cuts_give_the_same_dates_either_way(seed, monkeypatch):
    # spans that start after a letter or a digit, touch, or end inside a word
    text = re.sub("[\u0130\u0131\u017f]", "i", _fuzz_text(120, seed))
    p = _random_paragraphs(text, seed)
    layout = D._barrier_layout(text, p["start"].to_numpy(), p["end"].to_numpy())
    fast = find_dates(text, p, events=EVENTS)
    _per_paragraph(monkeypatch)
    slow = find_dates(text, p, events=EVENTS)
    pd.testing.assert_frame_equal(fast, slow)
    if seed == 0:
        assert layout is None  # some cut starts after a word character: per paragraph


def test_barrier_layout_conditions():
    text = "ab cd\n\nef gh"
    arr = np.array
    assert D._barrier_layout(text, arr([0, 7]), arr([5, 12])).tolist() == [0, 1]
    assert D._barrier_layout(text, arr([7, 0]), arr([12, 5])).tolist() == [1, 0]  # sorted by start
    assert D._barrier_layout(text, arr([0, 5]), arr([5, 12])) is None  # touching
    assert D._barrier_layout(text, arr([0, 4]), arr([5, 12])) is None  # overlapping
    assert D._barrier_layout(text, arr([1]), arr([5])) is None  # starts after a letter
    assert D._barrier_layout(text, arr([0, 3, 7]), arr([2, 3, 12])).tolist() == [0, 2]  # empty span left out
    assert D._barrier_layout(text, arr([-1]), arr([5])) is None
    assert D._barrier_layout(text, arr([0]), arr([13])) is None
    assert D._barrier_text(text, [3, 7], [5, 9]) == "\x00\x00\x00cd\x00\x00ef\x00\x00\x00"


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
    pd.testing.assert_frame_equal(prepared.table, read_events(EVENTS))


def test_events_frame_is_prepared_once_and_changes_are_seen():
    ev = EVENTS.copy()
    first = D._prepare_events(ev)
    assert D._prepare_events(ev) is first  # the same frame: no second read
    t1 = read_events(ev)
    pd.testing.assert_frame_equal(t1, read_events(EVENTS))
    t1.loc[0, "name"] = "changed"  # the caller's copy only
    assert read_events(ev).loc[0, "name"] == "World War II"
    ev.loc[0, "year_end"] = 1946  # the same object, new content: read again
    assert D._prepare_events(ev) is not first
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
def test_windows_equal_plain_finditer(sentence, monkeypatch):
    fast = find_dates(sentence, paras(sentence), events=EVENTS)
    monkeypatch.setattr(D, "_Anchors", _PlainAnchors)
    pd.testing.assert_frame_equal(fast, find_dates(sentence, paras(sentence), events=EVENTS))


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
    ws = D._WordSet(words)
    cp = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    low = np.concatenate([np.take(D._low8(), cp, mode="clip"), np.zeros(ws.longest, dtype=np.uint8)])
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
    ws = D._WordSet(words)
    cp = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    low = np.concatenate([np.take(D._low8(), cp, mode="clip"), np.zeros(16, dtype=np.uint8)])
    runs = [(m.start(), m.end()) for m in re.finditer(r"[0-9A-Za-z_\u212a]+", text)]
    idx = np.array([s for s, _ in runs], dtype=np.int64)
    at, found = ws.whole(low, idx, np.array([e - s for s, e in runs], dtype=np.int64))
    want = {s: (text[s:e].lower(),) for s, e in runs if text[s:e].lower() in words}
    assert dict(zip(at.tolist(), found)) == want
    assert len(want) > 300


@pytest.mark.parametrize("seed", range(3))
def test_whole_word_event_anchors_give_the_same_dates(seed, monkeypatch):
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
    monkeypatch.setattr(prepared, "whole_words", False)
    pd.testing.assert_frame_equal(fast, find_dates(text, paras(text), events=prepared))


def test_whole_words_off_when_an_alias_can_run_on():
    assert D._alias_first_words_whole(["great war", "world war i", "non-aggression pact", "lenin's death", "wwi"])
    # U+017F matches "s" under re.IGNORECASE: "War\u017f" is the word "Wars"
    keys = ["war\u017f of the roses", "great war"]
    assert not D._alias_first_words_whole(keys)
    events = pd.DataFrame({"name": ["Roses"], "aliases": ["War\u017f of the Roses"], "year_start": [1455],
                           "year_end": [1487], "source": [""]})
    text = "It happened after the Wars of the Roses."
    assert find_dates(text, paras(text), events=events)["event"].tolist() == ["Roses"]


def test_bare_year_guard_words():
    t = "See page 1917 and 1918 troops, but not p. 1919; in 1920 it ended."
    assert find_dates(t, paras(t))["text"].tolist() == ["1920"]


# ------------------------------------------------------------------ gate on the lower-cased window
class _NoFoldAnchors(D._Anchors):
    """The case-insensitive _GATE search on every window (the reference for the lower-cased one)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.folds = False


@pytest.mark.parametrize("seed", range(3))
def test_lower_cased_gate_equals_case_insensitive_gate(seed, monkeypatch):
    from test_dates import _fuzz_text
    text = _fuzz_text(150, seed)
    extra = ("\n\nThe SPRING of 1924, the Autumn OF 1925, BETWEEN 1926 and 1927, FROM 1928 to 1929, "
             "the EARLY 1930s, the MID-1940s, the Close of 1950, the first HALF of 1951, Late 1952.")
    text += extra
    p = paras(text)
    fast = find_dates(text, p, events=EVENTS)
    assert (fast["rule"] == "season_year").any() and (fast["rule"] == "decade_part").any()
    monkeypatch.setattr(D, "_Anchors", _NoFoldAnchors)
    pd.testing.assert_frame_equal(fast, find_dates(text, p, events=EVENTS))


@pytest.mark.parametrize("text", [
    "The \u017fpring of 1924 and the \u212Aate 1925, the END of 1926.",  # U+017F: no lower-cased gate
    "Fortn\u0131ght: the \u0130ate summer of 1927, between 1928 and 1929.",
    "Mid-1920 and the \u212Alose of 1930; the EARLY 1940s.",  # U+212A (Kelvin) lower-cases to k
])
def test_gate_with_special_caseless_letters_equals_plain_scan(text, monkeypatch):
    fast = find_dates(text, paras(text), events=EVENTS)
    monkeypatch.setattr(D, "_Anchors", _PlainAnchors)
    pd.testing.assert_frame_equal(fast, find_dates(text, paras(text), events=EVENTS))


# ------------------------------------------------------------------ rules tried at the first digit of a run
@pytest.mark.parametrize("seed", range(3))
def test_seek_digits_equals_seek(seed):
    from test_dates import _fuzz_text
    text = _fuzz_text(120, seed) + " 1920-11-03 x1920 -1921 1925-26 3 March 1920 12345 03rd of May, 1921 19201"
    comp = D._compiled()
    runs = D._Anchors(text, None).digit_runs(0, len(text))
    tried = 0
    for i, rule in enumerate(comp.explicit):
        if not comp.explicit_at_run[i]:
            continue
        tried += 1
        assert comp.explicit_digit_first[i]
        wins = [(d, e - 1) for d, e in runs]
        seek = comp.explicit_seek[i]
        want = [m.span() for m in D._seek(rule.pattern, seek, text, 0, len(text), wins)]
        got = [m.span() for m in D._seek_digits(rule.pattern, seek, text, 0, len(text), wins)]
        assert got == want and len(want) > 0, rule.name
    assert tried == 4  # iso_date, day_month_year, year_range, year


def test_starts_at_run():
    assert D._starts_at_run(re.compile(r"(?<![\d-])\d{4}"))
    assert D._starts_at_run(re.compile(r"\b\d\d"))
    assert not D._starts_at_run(re.compile(r"\d{4}"))  # may start inside a run
    assert not D._starts_at_run(re.compile(r"\b(?:the\s+)?\d{4}"))  # not digit-first


@pytest.mark.parametrize("seed", range(3))
def test_relative_rule_starts_equal_every_boundary(seed):
    from test_dates import _fuzz_text
    text = _fuzz_text(120, seed) + " The next day, during the past 3 years, One day later, the year before."
    comp = D._compiled()
    wins = [(0, len(text) - 1)]
    found = 0
    for (name, pat), starts in zip(comp.relative, comp.relative_starts):
        assert starts is not D._BOUNDARY, name
        want = [m.span() for m in D._seek_boundaries(pat, text, 0, len(text), wins)]
        got = [m.span() for m in D._seek_boundaries(pat, text, 0, len(text), wins, starts)]
        assert got == want, name
        found += len(want)
    assert found > 4
    assert D._boundary_starts(re.compile(r"(?:x|\d)y")) is D._BOUNDARY  # no leading \b


def test_whole_word_head_filter_with_short_and_sharing_words():
    # words shorter than four characters and words sharing their first four: the head filter keeps them all
    rnd = random.Random(13)
    words = ["wwi", "wwii", "to", "a", "nep", "new", "newspaper", "news"]
    pieces = words + ["WWI", "ww", "wwiii", "t", "toe", "A", "an", "newsp", "Nep_", "to x", "a b", " ", "-"]
    text = "".join(rnd.choice(pieces) + rnd.choice(["", " ", "-", "\n"]) for _ in range(3000))
    ws = D._WordSet(words)
    cp = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    low = np.concatenate([np.take(D._low8(), cp, mode="clip"), np.zeros(16, dtype=np.uint8)])
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
def test_month_initial_gate_equals_plain_finditer(sentence, monkeypatch):
    names = re.sub(r"\(\?P<[^>]*>", "", D._MONTH)  # every month alternative starts with one of the initials
    assert set("JFMASOND") == {w[0] for w in re.findall(r"[A-Z][a-z]*", names)}
    fast = find_dates(sentence, paras(sentence), events=EVENTS)
    assert fast["rule"].isin(["month_day_year", "month_year"]).any()
    monkeypatch.setattr(D, "_Anchors", _PlainAnchors)
    pd.testing.assert_frame_equal(fast, find_dates(sentence, paras(sentence), events=EVENTS))


# ------------------------------------------------------------------ event modifier on the lower-cased window
def test_lower_cased_modifier_search_equals_case_insensitive_search():
    rnd = random.Random(5)
    words = ("the The THE tHe early EARLY Final end END close Close aftermath WAKE eve years Days run-up RUN-UP "
             "period of OF following After BEFORE xyz Lenin’s “war” — \u2003 é É \u0131 \u017f \u212a \u0130 "
             "years\u2019 ENd theory 1917 , -").split()
    n_fast = n_mod = 0
    for _ in range(4000):
        parts = [rnd.choice(words) + rnd.choice([" ", " ", "\u2009", "\n", "", "\u2014"]) for _ in range(rnd.randint(0, 9))]
        window = "".join(parts)[-80:]
        mod, det = D._modifier_and_det(window)
        want = D._EVENT_MODIFIER.search(window)
        assert (mod is None) == (want is None), window
        if mod is not None:
            n_mod += 1
            assert mod.span() == want.span() and mod.groupdict() == want.groupdict(), window
        n_fast += D._CASED_OR_WORD.search(window) is None
    assert n_mod > 40 and 500 < n_fast < 3500


def test_back_explicit_groups_equal_the_nested_optional_groups():
    # the words before a digit: each group matches a word or nothing; a missing word ends where the match does
    comp = D._compiled()
    assert min(comp.explicit_words) >= 1 and comp.gate_words >= 1  # group 0 is the whole match, not the digits
    n = D._MAX_WORDS_BEFORE_DIGIT
    nested = re.compile(r"[\s.,\-]*" + "".join(r"(?:(?P<w%d>[A-Za-z]+[\s.,\-]*)" % k for k in range(1, n + 1))
                        + ")?" * n)
    rnd = random.Random(7)
    pieces = ["the", "Sept.", "mid-", "early", "of", " ", ", ", "\u2003", "(", "é", "x1", "\x00", "\n", "-"]
    for _ in range(500):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 14))) + "1920"
        hi, d = len(text), len(text) - 4
        rp = text[::-1]
        old, new = nested.match(rp, hi - d).regs, comp.back_explicit.match(rp, hi - d).regs
        for k in range(1, n + 1):
            want = d + (hi - d) - (old[k][1] if old[k][1] >= 0 else old[0][1])
            assert hi - new[k][1] == want, (text, k)


# ------------------------------------------------------------------ event anchors filtered by the next word
class _NoNextCharsAnchors(D._Anchors):
    """Event anchors at every whole first word (the reference for the next-character filter)."""

    def __init__(self, *args, next_chars=None, **kwargs):
        super().__init__(*args, **kwargs)


def test_alias_next_chars():
    keys = ["world war ii", "world war i", "wwii", "lenin's death", "new  economic policy", "moscow (trials)",
            "first five-year plan", "first congress"]
    words = D._alias_first_words(keys)
    t = D._alias_next_chars(keys, words)
    row = dict(zip(words, t))
    assert np.flatnonzero(row["world"]).tolist() == [ord("w")]
    assert row["wwii"].all() and row["moscow"].all()  # one word; a bracket after the space
    assert not row["lenin"].any()  # only "'s" after it
    assert np.flatnonzero(row["new"]).tolist() == [ord("e")]
    assert np.flatnonzero(row["first"]).tolist() == [ord("c"), ord("f")]


@pytest.mark.parametrize("seed", range(3))
def test_next_char_filter_gives_the_same_dates(seed, monkeypatch):
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
    assert D.prepare_events(EVENTS).next_chars is not None  # the filter is on
    monkeypatch.setattr(D, "_Anchors", _NoNextCharsAnchors)
    pd.testing.assert_frame_equal(fast, find_dates(text, p, events=EVENTS))
    monkeypatch.setattr(D, "_Anchors", _PlainAnchors)
    pd.testing.assert_frame_equal(fast, find_dates(text, p, events=EVENTS))
