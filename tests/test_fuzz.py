"""Fuzzing the whole pipeline: random mixtures of what makes real text hard.

Quotes of every style (curly, straight, British, guillemets, unclosed),
apostrophes, brackets (nested, unclosed), citations (``(Ibid., p. 3)``,
``(Smith 1990, 41)``, imprints), dates (calendar, ranges, decades,
relative), abbreviations and initials, footnote markers, and every kind of
line break. Each generated text must give frames that keep every invariant
(``tests/invariants.py``), within a time budget per example that only a
super-linear path would miss (examples are at most a few kilobytes).

The example count is bounded for CI (``TEXTMINE_FUZZ_EXAMPLES`` raises it
for a longer local run).
"""

from __future__ import annotations

import os
import time
import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import textmine as tm
from invariants import check_document

N = int(os.environ.get("TEXTMINE_FUZZ_EXAMPLES", "120"))
#: seconds for one example of at most ~4 KB; linear code takes a few hundredths
BUDGET = 5.0

PIECES = [
    # words and spacing
    "the", "Bolsheviks", "said", "wrote", "he", "She", "Smith", "Government", "  ", " ", " ", " ", "\t",
    # sentence ends and abbreviations
    ". ", "! ", "? ", "....", "...", "…", "Mr.", "Dr.", "p.", "pp.", "vol.", "No. 5", "e.g.", "V. I. Lenin", "U.S.",
    # quotes and apostrophes
    "\u201c", "\u201d", "\u2018", "\u2019", '"', "'", "\u00ab", "\u00bb", "don\u2019t", "workers\u2019", "'em",
    "\u201cWe shall win,\u201d", "\u2018a term\u2019", '"plain quote"', "\u201cunclosed",
    # brackets and citations
    "(", ")", "[", "]", "((", "))", "(Ibid., p. 3)", "(Smith 1990, 41)", "(ibid.)",
    "(Collected Works, vol. 31 [Moscow: Progress, 1966], pp. 365-66)", "(op. cit., p. 12)", "[3]", "\u00b9",
    # dates
    "1917", "in 1921", "March 3, 1920", "3 March 1920", "the 1920s", "1925-26", "between 1936 and 1939",
    "the following year", "two weeks later", "early 1919", "October", "May",
    # line breaks and layout
    "\n", "\n\n", "\n \n", "\r\n", "\n\n\n", "\n    ", "\u2014", "-",
]


@settings(max_examples=N, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=400).map("".join))
def test_every_frame_keeps_its_invariants(text):
    if not text.strip():
        with pytest.raises(tm.InputError):
            tm.parse(text)
        return
    t0 = time.process_time()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", tm.TextmineWarning)  # unclosed quotations and lone Ibid. warn, by design
        doc = tm.parse(text)
        for name in doc.FRAMES:
            getattr(doc, name)
    elapsed = time.process_time() - t0
    assert elapsed < BUDGET, f"{elapsed:.1f} s for {len(text)} characters"
    check_document(doc)


@settings(max_examples=max(N // 4, 10), deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=60).map("".join), st.sampled_from(["curly", "straight", "british"]))
def test_header_and_styles_keep_the_invariants(body, style):
    header = {"curly": "Jane Doe\nA Book\n\nChapter One\n\n", "straight": "Title: A Pamphlet\nAuthor: Someone\n\n",
              "british": "A History\n\n"}[style]
    text = header + "A first paragraph, plain.\n\n" + body
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", tm.TextmineWarning)
        check_document(tm.parse(text))
