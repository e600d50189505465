"""Worst-case input for notes, markers and references: time against input size, and the growth exponent.

For each pathological shape of text, the notes pass of a Document
(:func:`textmine.citations.find_notes_and_markers`: the notes sections,
every note parsed and resolved, the body markers linked, the reference
list parsed) is timed at several sizes; the growth exponent is the slope of
log(time) against log(size), least squares over the sizes (1.0 is linear)::

    python benchmarks/worst_case_notes.py                  # 0.25, 0.5, 1, 2 MB
    python benchmarks/worst_case_notes.py --sizes 0.1 0.2 --repeat 1

Times are CPU seconds (``time.process_time``), the best of ``--repeat`` runs.
For reuse::

    from worst_case_notes import SHAPES, measure, growth
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from collections.abc import Callable, Mapping

import pandas as pd
from worst_case_dates import growth  # the same growth exponent (this folder is on sys.path when run)

_SUP = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"


def _sup(n: int) -> str:
    return "".join(_SUP[int(c)] for c in str(n))


def marker_storm(n: int) -> str:
    """A body of nothing but sentences with markers (superscript, digit, bracket), then as many notes."""
    k = max(1, n // 60)
    body = "".join(f"It was so.{_sup(i + 1)} And so.’{i + 1} Then [{i + 1}] " for i in range(k // 3))
    notes = "".join(f"{i + 1}. Ann Lee to Tom Lee, 3 May 1901, Lee Papers, box {i % 9}, folder 2.\n" for i in range(k // 3))
    return (body + "\n\nNotes\n\n" + notes)[:n]


def note_lines(n: int) -> str:
    """A notes section of 100k-scale short notes: Ibid. chains, short forms, restarts per chapter."""
    pieces = ["Ruth Dale, Wheat and War (Chicago: Lakeshore Books, 1950), 7.", "Ibid., 9.", "Ibid.", "Dale, Wheat, 12.",
              "“Dust,” Plains Farmer, 4 May 1936, 2.", "Ibid., 14 February.", "Minutes of the Vestry, 2 June 1888."]
    out, i, size = ["Text.\n\nNotes\n\n"], 0, 0
    while size < n:
        if i % 500 == 499:
            line = "Chapter Next\n\n"
        else:
            line = f"{i % 500 + 1}. {pieces[i % len(pieces)]}\n\n"
        out.append(line)
        size += len(line)
        i += 1
    return "".join(out)[:n]


def one_long_note(n: int) -> str:
    """One note line of *n* characters: commas, quotes and brackets that never close."""
    return "Notes\n\n1. " + ("Dale, “Wheat (Chicago: Lake, " * (n // 28 + 1))[:n]


def comma_storm(n: int) -> str:
    """Notes made of many short comma parts (the part rules run on each)."""
    note = "1. " + ", ".join(["A B"] * 40) + ".\n"
    return ("Notes\n\n" + note * (n // len(note) + 1))[:n]


def headings_storm(n: int) -> str:
    """Notes headings and chapter headings over and over, with body prose between (sections open and close)."""
    block = "Notes\n\n1. Dale, Wheat, 7.\n\nChapter Two\n\nThe body goes on here, a long sentence of prose.\n\n"
    return (block * (n // len(block) + 1))[:n]


def reference_list(n: int) -> str:
    """A References list of one entry per line, no blank lines, dash authors."""
    entries = ["Dale, Ruth. 1950. Wheat and War. Chicago: Lakeshore Books.", "———. 1961. “Wells.” Range Studies 12 (3): 30–41.",
               "Marsh, E. (1979). The Blowing Years. Lincoln: Prairie Press."]
    body = "As Dale (1950) showed.\n\nReferences\n\n"
    return (body + "\n".join(entries * (n // 150 + 1)))[:n]


#: name -> generator of a text of about *n* characters.
SHAPES: dict[str, Callable[[int], str]] = {
    "marker storm": marker_storm,
    "note lines (Ibid., short forms, restarts)": note_lines,
    "one long unclosed note": one_long_note,
    "comma storm": comma_storm,
    "headings storm": headings_storm,
    "reference list, one per line": reference_list,
}


def time_notes(text: str, *, repeat: int = 3) -> tuple[float, int]:
    """Best CPU seconds of the notes pass on *text*, and the number of notes, markers and references."""
    from textmine.citations import find_notes_and_markers

    best, n = float("inf"), 0
    for _ in range(repeat):
        t0 = time.process_time()
        out = find_notes_and_markers(text)
        n = sum(len(f) for f in out.values())
        best = min(best, time.process_time() - t0)
    return best, n


def measure(shapes: Mapping[str, Callable[[int], str]] = SHAPES, sizes_mb=(0.25, 0.5, 1, 2), *,
            repeat: int = 3) -> pd.DataFrame:
    """One row per (shape, size): ``shape, mb, seconds, rows``."""
    time_notes("Warm up.\u00b9\n\nNotes\n\n1. Ibid.", repeat=1)
    rows = []
    for name, make in shapes.items():
        for mb in sizes_mb:
            text = make(int(mb * 1_000_000))
            seconds, n = time_notes(text, repeat=repeat)
            rows.append((name, mb, seconds, n))
    return pd.DataFrame(rows, columns=["shape", "mb", "seconds", "rows"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[0.25, 0.5, 1, 2], help="sizes in MB")
    ap.add_argument("--repeat", type=int, default=3, help="best of this many runs per size")
    args = ap.parse_args(argv)
    warnings.simplefilter("ignore")
    table = measure(SHAPES, args.sizes, repeat=args.repeat)
    wide = table.pivot(index="shape", columns="mb", values="seconds").reindex(list(SHAPES))
    wide.columns = [f"{mb:g} MB (s)" for mb in wide.columns]
    wide["rows at largest"] = table.groupby("shape", sort=False)["rows"].last()
    wide["exponent"] = growth(table)
    print(f"notes pass, CPU seconds (best of {args.repeat}); exponent = slope of log time on log size")
    print(wide.to_string(float_format=lambda v: f"{v:.3f}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
