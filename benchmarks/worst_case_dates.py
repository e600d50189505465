"""Worst-case input for date extraction: time against input size, and the growth exponent.

For each pathological shape of text, :func:`textmine.find_dates` (with the
shipped events table and no citations frame, so that the citation fallback
runs too) is timed at several sizes; the growth exponent is the slope of
log(time) against log(size), least squares over the sizes (1.0 is linear)::

    python benchmarks/worst_case_dates.py                  # 0.25, 0.5, 1, 2 MB
    python benchmarks/worst_case_dates.py --sizes 0.1 0.2 --repeat 1

Times are CPU seconds (``time.process_time``), the best of ``--repeat`` runs,
each run alone in this process. For reuse (``benchmarks/worst_case.py``)::

    from worst_case_dates import SHAPES, measure, growth
    table = measure(SHAPES, sizes_mb=(0.25, 0.5, 1, 2))
    growth(table)  # shape -> exponent
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
import warnings
from collections.abc import Callable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
EVENTS = ROOT / "data" / "events.csv"


def _fill(pieces: list[str], n: int, seed: int, sep: Callable[[random.Random], str]) -> str:
    """Random *pieces* joined by ``sep(rnd)`` up to *n* characters (seeded)."""
    rnd = random.Random(seed)
    out, size = [], 0
    while size < n:
        p = rnd.choice(pieces) + sep(rnd)
        out.append(p)
        size += len(p)
    return "".join(out)[:n]


def date_dense(n: int) -> str:
    """Paragraphs made of nothing but dates of every rule, events and relative phrases."""
    pieces = ["On November 3, 1920,", "between 1936 and 1939", "from 1924 to 1927", "the early 1930s", "in the 1920s",
              "3 May 1925", "the autumn of 1924", "mid-1920", "October 1917", "1925-26", "November 26", "in 1917",
              "two weeks later", "the following year", "during the past three years", "the preceding two years",
              "after World War II", "the end of the Cold War", "1920-11-03", "(London: Verso, 1973)", "pp. 1917-20"]
    return _fill(pieces, n, 1, lambda r: r.choice([", ", " and ", "; ", ". ", ".\n\n"]))


def digit_storm(n: int) -> str:
    """Long paragraphs of numbers: years, days, ranges, amounts, one- to six-digit runs."""
    pieces = ["1917", "3", "12", "1925-26", "1,950", "19.50", "123456", "2000", "1941/42", "31", "0", "19201", "1917–20"]
    return _fill(pieces, n, 2, lambda r: r.choice([" ", " ", "-", "/", ", ", "\n"]))


def month_storm(n: int) -> str:
    """Month names, abbreviations and seasons with and without numbers, in one run-on paragraph per 20 KB."""
    pieces = ["January", "May", "March", "Sept.", "Nov.", "June 3", "3 June", "May 1917", "the spring of",
              "early", "mid-", "December 31", "Jan. 1st", "winter", "of", "1920"]
    text = _fill(pieces, n, 3, lambda r: r.choice([" ", " ", ", "]))
    return re.sub(r"(.{20000}) ", "\\1\n\n", text, flags=re.S)


def long_paragraph(n: int) -> str:
    """One paragraph without a full stop or line break: words, unit words, approximators, years."""
    pieces = ["the", "of", "about", "more", "than", "a", "little", "only", "some", "two", "day", "days", "year",
              "years", "later", "earlier", "following", "past", "war", "after", "before", "in", "1917", "early",
              "end", "revolution", "workers", "during", "Stalin's", "death"]
    return _fill(pieces, n, 4, lambda r: " ")


def tiny_paragraphs(n: int) -> str:
    """Many paragraphs of a few characters each, half of them dates."""
    pieces = ["In 1917.", "x", "Two days later.", "May 3.", "1920s", "ok", "After World War II."]
    return _fill(pieces, n, 5, lambda r: "\n\n")


def approximator_storm(n: int) -> str:
    """Words an ``offset`` match may start with, endlessly, then a unit word without a number (quadratic without a cap)."""
    phrase = "about nearly a little more than only some "
    return phrase * max(1, (n - 11) // len(phrase)) + "days later"  # no number: every start fails, late


def bracket_dates(n: int) -> str:
    """Dates inside long parentheses (the citation fallback looks for the enclosing bracket)."""
    body = _fill(["1917", "in 1920", "May 3", "the 1930s"], 380, 6, lambda r: " ")
    return (("(" + body + ") ") * (n // 390 + 1))[:n]


def calendar_words(n: int) -> str:
    """Centuries, decades in words, short years, bare months, weekdays, deictic phrases and gazetteer names."""
    pieces = ["the early twentieth century", "mid-nineteenth-century", "the 1800s", "the fin de siècle", "in March",
              "early April", "in August and September", "the forties", "the '20s", "’38", "the fall of '38",
              "the following spring", "that September", "last August", "next year", "seven years ago", "testified Monday",
              "the end of the century", "early in the decade", "three weeks after the storm", "during the Victorian era",
              "under the Attlee government", "the reign of Victoria", "March 1 to March 3 (Old Style) 1848",
              "February 10, 1740/41", "2 August and 6 September 1926", "in 1917", "the",
              "the twenty-first of September, nineteen thirty-eight", "eighteen hundred and forty-eight",
              "a few days later", "the nineteen-twenties", "March of the following year", "the 3d of September"]
    return _fill(pieces, n, 7, lambda r: r.choice([" ", ", ", " and ", ". ", ".\n\n"]))


#: name -> generator of a text of about *n* characters.
SHAPES: dict[str, Callable[[int], str]] = {
    "date-dense": date_dense,
    "digit storm": digit_storm,
    "month-name storm": month_storm,
    "long paragraph, no punctuation": long_paragraph,
    "many tiny paragraphs": tiny_paragraphs,
    "approximator storm": approximator_storm,
    "dates in long brackets": bracket_dates,
    "calendar words and eras": calendar_words,
}


def paragraphs(text: str) -> pd.DataFrame:
    """Blank-line separated paragraphs (as ``doc.paragraphs`` gives them), without the segmenter."""
    rows = [(i, m.start(), m.end()) for i, m in enumerate(re.finditer(r"[^\n]+(?:\n[^\n]+)*", text))]
    return pd.DataFrame(rows, columns=["para_id", "start", "end"])


def time_dates(text: str, *, repeat: int = 3, events=None) -> tuple[float, int]:
    """Best CPU seconds of :func:`textmine.find_dates` on *text* (paragraph frame built outside the timer), and the rows."""
    import textmine as tm

    paras = paragraphs(text)
    best, n = float("inf"), 0
    for _ in range(repeat):
        t0 = time.process_time()
        n = len(tm.find_dates(text, paras, events=events))
        best = min(best, time.process_time() - t0)
    return best, n


def measure(shapes: Mapping[str, Callable[[int], str]] = SHAPES, sizes_mb=(0.25, 0.5, 1, 2), *,
            repeat: int = 3) -> pd.DataFrame:
    """One row per (shape, size): ``shape, mb, seconds, dates``."""
    from textmine.dates import prepare_events

    events = prepare_events(str(EVENTS))
    time_dates("Warm up in 1917. Two days later.", repeat=1, events=events)
    rows = []
    for name, make in shapes.items():
        for mb in sizes_mb:
            text = make(int(mb * 1_000_000))
            seconds, n = time_dates(text, repeat=repeat, events=events)
            rows.append((name, mb, seconds, n))
    return pd.DataFrame(rows, columns=["shape", "mb", "seconds", "dates"])


def growth(table: pd.DataFrame) -> pd.Series:
    """The growth exponent of each shape: slope of log(seconds) on log(mb), least squares."""
    out = {}
    for name, g in table.groupby("shape", sort=False):
        if g["mb"].nunique() < 2:
            out[name] = float("nan")  # one size: no slope
            continue
        slope, _ = np.polyfit(np.log(g["mb"].to_numpy()), np.log(np.maximum(g["seconds"].to_numpy(), 1e-6)), 1)
        out[name] = slope
    return pd.Series(out, name="exponent")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[0.25, 0.5, 1, 2], help="sizes in MB")
    ap.add_argument("--repeat", type=int, default=3, help="best of this many runs per size")
    args = ap.parse_args(argv)
    warnings.simplefilter("ignore")
    table = measure(SHAPES, args.sizes, repeat=args.repeat)
    wide = table.pivot(index="shape", columns="mb", values="seconds").reindex(list(SHAPES))
    wide.columns = [f"{mb:g} MB (s)" for mb in wide.columns]
    wide["dates at largest"] = table.groupby("shape", sort=False)["dates"].last()
    wide["exponent"] = growth(table)
    print(f"find_dates, CPU seconds (best of {args.repeat}); exponent = slope of log time on log size")
    print(wide.to_string(float_format=lambda v: f"{v:.3f}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
