"""Where the time of ``tm.load_corpus(..., frames="all")`` goes, stage by stage.

Times each stage a :class:`textmine.Document` runs, summed over the
documents of a corpus built by ``bench.py`` (wall clock, no profiler
overhead), and prints a table with each stage's share::

    python benchmarks/stages.py                 # the 10 MB corpus
    python benchmarks/stages.py --size 1

Stages, in the order a Document computes them: reading (decode, normalize,
header), segmentation (paragraphs, sentences, tokens), citations, quotation
spans, the token flags (``in_quote``, ``quote_id``, ``in_citation``),
quotations (kinds, speakers, citation links), dates.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import EVENTS, corpus_for  # noqa: E402

STAGES = [
    ("reading", None),
    ("segmentation", "_segmented"),
    ("citations", "_citations"),
    ("quotation spans", "_quotation_spans"),
    ("token flags", "_tokens"),
    ("quotations", "_quotations"),
    ("dates", "_dates"),
]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=float, default=10, help="corpus size in MB (built as in bench.py)")
    ap.add_argument("--cache", default=os.path.join(tempfile.gettempdir(), "textmine-bench"))
    ap.add_argument("--repeat", type=int, default=3, help="best of this many passes")
    args = ap.parse_args(argv)
    warnings.simplefilter("ignore")
    import pandas as pd

    import textmine as tm
    from textmine.dates import read_events

    folder = corpus_for(Path(args.cache), args.size)
    paths = sorted(folder.glob("*.txt"))
    events = read_events(EVENTS)
    tm.parse("Warm up. Tables.").dates
    best: dict[str, float] = {}
    for _ in range(args.repeat):
        spent = dict.fromkeys((name for name, _ in STAGES), 0.0)
        for path in paths:
            t0 = time.perf_counter()
            doc = tm.load(path, events=events)
            spent["reading"] += time.perf_counter() - t0
            for name, attr in STAGES[1:]:
                t0 = time.perf_counter()
                getattr(doc, attr)
                spent[name] += time.perf_counter() - t0
        best = {k: min(v, best.get(k, float("inf"))) for k, v in spent.items()}
    total = sum(best.values())
    table = pd.DataFrame({"stage": list(best), "seconds": list(best.values())})
    table["share"] = table["seconds"] / total
    table.loc[len(table)] = ["total", total, 1.0]
    mb = sum(p.stat().st_size for p in paths) / 1e6
    print(f"{len(paths)} documents, {mb:.1f} MB; best of {args.repeat} passes per stage")
    print(table.to_string(index=False, formatters={"seconds": "{:.3f}".format, "share": "{:.0%}".format}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
