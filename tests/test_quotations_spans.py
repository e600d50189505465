"""quotation_spans: the spans alone, always those of find_quotations; reuse through spans=."""

from __future__ import annotations

import random
import re
import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import textmine as tm
from textmine.quotations import SPAN_COLUMNS, find_quotations, quotation_spans

DATA = Path(__file__).resolve().parent / "data"

HARD_CASES = [
    # nested quotations
    "He said: \u201cThe \u2018old guard\u2019 wrote \u2018no\u2019 and left.\u201d Then he went.",
    # a quotation over several paragraphs (each continued paragraph opens with a mark)
    "\u201cFirst paragraph of the letter,\n\n\u201csecond paragraph,\n\n\u201cand the end.\u201d (Ibid., p. 3)\n\nAfter.",
    # unclosed, at the end of its paragraph and before the next opening mark
    "He wrote \u201cnever closed here.\n\nNext paragraph \u201copen \u201cagain\u201d done.",
    # apostrophes, possessives, elisions
    "The workers\u2019 state and Lenin\u2019s \u2018cells\u2019 secretaries\u2019 in the \u201990s said \u201cit\u2019s so\u201d.",
    # mixed conventions: inner marks outside every outer quotation
    "The \u2018New Economic Policy\u2019 and the letter: \u201cWe must \u2018advance\u2019 now.\u201d \u2018stray",
    # straight quotes (plain-text e-books)
    'He said "no," and she said "don\'t go" and \'maybe\' "unclosed\n\n"Another" one.',
    # British single marks
    "He called it \u2018the \u201cthird period\u201d line\u2019, later \u2018a term\u2019.",
    # guillemets
    "Il a dit \u00ab non \u00bb et \u00ab \u2039 oui \u203a \u00bb. \u00ab pas ferm\u00e9",
    # stray closing marks, marks at paragraph edges, empty paragraphs
    "\u201d stray close\n\n\u201c\n\n\u201c\u201d\n\nx\u201c\u201dy \u201c \u201d \u201cend",
    # no quotations at all
    "Nothing quoted; the workers\u2019 state stands.",
]


def both(text: str, style: str = "auto"):
    doc = tm.parse(text, header=False)
    base = doc.tokens.drop(columns=["in_quote", "quote_id", "in_citation"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        spans = quotation_spans(doc.text, doc.paragraphs, doc_id=doc.doc_id, style=style)
        full = find_quotations(doc.text, doc.paragraphs, base, doc.citations, doc_id=doc.doc_id, style=style)
        reused = find_quotations(doc.text, doc.paragraphs, base, doc.citations, doc_id=doc.doc_id, style=style, spans=spans)
    return spans, full, reused


def check(text: str, style: str = "auto") -> pd.DataFrame:
    spans, full, reused = both(text, style)
    pd.testing.assert_frame_equal(spans, full[SPAN_COLUMNS])
    pd.testing.assert_frame_equal(spans[["doc_id", "quote_id", "start", "end"]], full[["doc_id", "quote_id", "start", "end"]])
    pd.testing.assert_frame_equal(reused, full)
    return spans


@pytest.mark.parametrize("text", HARD_CASES)
def test_spans_equal_find_quotations_on_hard_cases(text):
    check(text)


@pytest.mark.parametrize("style", ["double", "single", "straight", "straight_single", "guillemets"])
def test_spans_equal_find_quotations_for_every_style(style):
    for text in HARD_CASES[:6]:
        check(text, style)


def test_hard_cases_read_as_expected():
    s = check(HARD_CASES[1], "double")
    assert len(s) == 1 and (s.loc[0, "para_start"], s.loc[0, "para_end"], bool(s.loc[0, "closed"])) == (0, 2, True)
    s = check(HARD_CASES[2], "double")
    assert s["closed"].tolist() == [False, False, True]
    s = check(HARD_CASES[0], "double")
    assert len(s) == 1  # nested quotations are not rows
    s = check(HARD_CASES[4], "double")
    assert len(s) == 2  # the outer quotation and the term in inner marks outside it; the stray mark is none


def test_spans_equal_find_quotations_on_the_chapter_and_test_texts(chapter):
    docs = [chapter] + [tm.parse(p.read_text(encoding="utf-8"), doc_id=p.stem) for p in sorted(DATA.glob("*.txt"))]
    for doc in docs:
        base = doc.tokens.drop(columns=["in_quote", "quote_id", "in_citation"])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            spans = quotation_spans(doc.text, doc.paragraphs, doc_id=doc.doc_id)
            reused = find_quotations(doc.text, doc.paragraphs, base, doc.citations, doc_id=doc.doc_id, spans=spans)
        full = doc.quotations
        pd.testing.assert_frame_equal(spans, full[SPAN_COLUMNS])
        pd.testing.assert_frame_equal(reused, full.drop(columns=["note_id"]))  # doc.quotations adds the note links
    assert len(quotation_spans(chapter.text, chapter.paragraphs, doc_id=chapter.doc_id)) > 20


MARKS = ["\u201c", "\u201d", "\u2018", "\u2019", '"', "'", "\u00ab", "\u00bb", "\u2039", "\u203a"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(MARKS + ["a", "b", "s", "He", " ", " ", "\n\n", ".", ",", "(Ibid.)", "1", "-"]), max_size=60))
def test_spans_equal_find_quotations_on_random_texts(pieces):
    text = "x " + "".join(pieces)  # (parse refuses blank texts)
    for style in ("auto", "straight", "single"):
        check(text, style)


def test_warnings_once_when_spans_are_reused():
    doc = tm.parse(HARD_CASES[2], header=False)
    base = doc.tokens.drop(columns=["in_quote", "quote_id", "in_citation"])
    with pytest.warns(tm.TextmineWarning, match="never closed"):
        spans = quotation_spans(doc.text, doc.paragraphs, doc_id="x")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        find_quotations(doc.text, doc.paragraphs, base, doc.citations, doc_id="x", spans=spans)


def test_spans_frame_contract_and_errors():
    doc = tm.parse(HARD_CASES[0], header=False)
    s = quotation_spans(doc.text, doc.paragraphs, doc_id="x")
    assert list(s.columns) == SPAN_COLUMNS
    assert s.dtypes.astype(str).to_dict() == {
        "doc_id": "category", "quote_id": "int32", "start": "int32", "end": "int32",
        "para_start": "int32", "para_end": "int32", "closed": "bool", "style": "str",
    }
    empty = quotation_spans("No quotes.", doc.paragraphs.iloc[:0], doc_id="x")
    assert len(empty) == 0 and empty.dtypes.astype(str).to_dict() == s.dtypes.astype(str).to_dict()
    base = doc.tokens.drop(columns=["in_quote", "quote_id", "in_citation"])
    with pytest.raises(tm.InputError, match="differs from the style of spans"):
        find_quotations(doc.text, doc.paragraphs, base, doc.citations, doc_id="x", style="straight", spans=s)
    with pytest.raises(tm.ColumnError, match="spans lacks column"):
        find_quotations(doc.text, doc.paragraphs, base, doc.citations, doc_id="x", spans=s.drop(columns="closed"))
    with pytest.raises(tm.InputError, match="quote_id"):
        find_quotations(doc.text, doc.paragraphs, base, doc.citations, doc_id="x", spans=pd.concat([s, s], ignore_index=True))
    with pytest.raises(TypeError, match="quotation_spans: text"):
        quotation_spans(None, doc.paragraphs, doc_id="x")
    with pytest.raises(tm.InputError, match="style"):
        quotation_spans(doc.text, doc.paragraphs, doc_id="x", style="curly")


def test_lower_words_lookup_equals_the_word_set():
    from textmine.quotations.cues import LOWER_WORD, LowerWords

    rnd = random.Random(3)
    alpha = "ab-'\u2019 A_1\n\u2592\u00e9"
    for _ in range(3000):
        s = "".join(rnd.choice(alpha) for _ in range(rnd.randint(0, 14)))
        truth = set(LOWER_WORD.findall(s))
        words = LowerWords(s)
        for w in truth | {s[i:j].lower() for i in range(len(s)) for j in range(i + 1, min(len(s), i + 6) + 1)}:
            assert (w in words) == (w in truth), (s, w)
    assert 3 not in LowerWords("abc")


def test_inner_token_counts_equal_counting_one_by_one():
    import numpy as np

    from textmine.quotations import STYLES
    from textmine.quotations.context import inner_token_counts
    from textmine.quotations.record import Quotation

    rnd = random.Random(5)
    st_ = STYLES["double"]
    for _ in range(200):
        n = rnd.randint(0, 30)
        ts = np.sort(np.array([rnd.randint(0, 100) for _ in range(n)], dtype=np.int64))
        te = ts + 1 + np.array([rnd.randint(0, 4) for _ in range(n)], dtype=np.int64)
        te = np.maximum.accumulate(te) if rnd.random() < 0.7 else te
        words = np.array([rnd.random() < 0.7 for _ in range(n)], dtype=bool)
        quotes = []
        for _ in range(rnd.randint(1, 5)):
            a = rnd.randint(0, 100)
            quotes.append(Quotation(start=a, para_start=0, end=a + rnd.randint(1, 30), closed=rnd.random() < 0.8))
        got = inner_token_counts(quotes, st_, ts, te, words)
        if len(te) > 1 and not (te[1:] >= te[:-1]).all():
            assert got is None
            continue
        for q, nt, nw in zip(quotes, *got):
            lo, hi = q.start + 1, q.end - (1 if q.closed else 0)
            inside = (ts >= lo) & (ts < hi) & (te <= hi)
            assert (nt, nw) == (int(inside.sum()), int((inside & words).sum()))


def test_skipping_paragraphs_without_marks_changes_nothing():
    # MarkIndex(text, paras) with regular paragraphs skips those without marks in
    # pair_outer/pair_secondary/pair_inner; without paras every paragraph is read
    from textmine.quotations import STYLES
    from textmine.quotations.marks import MarkIndex, regular
    from textmine.quotations.pairing import pair_inner, pair_outer, pair_secondary

    rnd = random.Random(3)
    pieces = ["plain words ", "\u201c", "\u201d", "\u2018", "\u2019", '"', "'", "s\u2019 word ", "x", " ", "\n\n", "\n\n\u201c", "Lenin\u2019s "]
    n_regular = n_aside = 0
    for _ in range(300):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(1, 60)))
        paras = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
        if rnd.random() < 0.2 and paras:  # odd paragraphs too: overlapping, out of order
            paras = paras[::-1] + [(0, len(text))]
        n_regular += regular(paras, len(text))
        for name in ("double", "single", "straight"):
            sty = STYLES[name]
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                fast, slow = MarkIndex(text, paras), MarkIndex(text, paras)
                slow.starts = None  # read every paragraph; the runs without words are set aside in both
                n_aside += bool(fast.set_aside(sty.open, sty.close))
                qf, mf, wf = pair_outer(text, paras, sty, "f", fast)
                qs, ms, ws = pair_outer(text, paras, sty, "f", slow)
                assert (qf, mf, wf) == (qs, ms, ws), (text, paras)
                assert pair_secondary(text, paras, qf, sty, fast) == pair_secondary(text, paras, qs, sty, slow), (text, paras)
                for q in qf:
                    assert pair_inner(text, q, paras, sty, fast) == pair_inner(text, q, paras, sty, slow), (text, q)
    assert 150 < n_regular < 300 and n_aside > 5
    assert not regular([(0, 5), (4, 8)], 10) and not regular([(0, 5)], 4) and regular([(0, 0), (0, 3), (5, 9)], 9)


def test_marks_of_two_distinct_plain_marks_need_no_context():
    # marks_in's shortcut for “ ” and « » (and ‹ ›) equals reading each mark with classify
    from textmine.quotations.marks import MarkIndex, classify, marks_in

    rnd = random.Random(4)
    pieces = ["a", " ", "\u201c", "\u201d", "\u00ab", "\u00bb", "\u2039", "\u203a", "s", "\n", "1", "("]
    for _ in range(200):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(1, 40)))
        lo = rnd.randrange(0, len(text) + 1)
        hi = rnd.randrange(lo, len(text) + 1)
        for o, c in (("\u201c", "\u201d"), ("\u00ab", "\u00bb"), ("\u2039", "\u203a")):
            expected = [m for i in range(lo, hi) if text[i] in (o, c) for m in [classify(text, i, o, c, lo, hi)] if m is not None]
            assert marks_in(text, lo, hi, o, c, MarkIndex(text)) == expected == marks_in(text, lo, hi, o, c), (text, lo, hi)


def test_open_positions_equals_the_regex_scan():
    from textmine.quotations.styles import open_positions

    rnd = random.Random(6)
    pieces = ["a", " ", "(", "\u2018", "\u201c", '"', "'", "\u2014", "1", "\n", "-",
              "\u00a0", "\u2003", "\x1c", "\u00e9", "\u0663", "_", "\u00b2", "\u00bd", "\u3000", "\u0301"]
    for _ in range(1000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(0, 30)))
        for ch in ("\u2018", "\u201c", '"', "'"):
            n = 0
            for m in re.finditer(re.escape(ch), text):
                i = m.start()
                prev = text[i - 1] if i > 0 else " "
                nxt = text[i + 1] if i + 1 < len(text) else " "
                n += (prev.isspace() or prev in "([{\u2014\u2013-\u201c\u2018\"'") and (nxt.isalnum() or nxt in "\u201c\u2018\"'")
            assert open_positions(text, ch) == n, (text, ch)
