"""Time every analysis on the shipped chapter (issue: "each well under a second").

    python benchmarks/analyses.py [TEXT] [--out benchmarks/analyses.csv]

Loads the text once (with periods and events), then runs each analysis the
notebooks use, best of three, and prints a table of seconds. Topic-model
selection (45 fits) is timed once and reported separately.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]


def best_of(func, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        func()
        times.append(time.perf_counter() - t)
    return min(times)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("text", nargs="?", default=str(ROOT / "data" / "north-1989-soviet-foreign-policy.txt"))
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "analyses.csv"))
    args = ap.parse_args(argv)

    import warnings

    from sklearn.decomposition import NMF
    from sklearn.exceptions import ConvergenceWarning

    import textmine as tm

    warnings.filterwarnings("ignore", category=ConvergenceWarning)
    t = time.perf_counter()
    doc = tm.assign_periods(tm.load(args.text, events=ROOT / "data" / "events.csv"), ROOT / "data" / "periods.csv")
    doc.frames()
    load_s = time.perf_counter() - t
    tokens = tm.with_voice(doc.tokens, doc.quotations)
    counts = tm.term_counts(tokens, by="period")
    tasks = {
        "term_counts by period": lambda: tm.term_counts(tokens, by="period", stop_words=tm.ENGLISH_STOP_WORDS),
        "tf_idf by period": lambda: tm.tf_idf(counts, document="period"),
        "keyness, every period vs rest": lambda: tm.keyness(counts, group="period", min_count=3),
        "log_odds, every period vs rest": lambda: tm.log_odds(counts, group="period", min_count=3),
        "collocations": lambda: tm.collocations(tokens, stop_words=tm.ENGLISH_STOP_WORDS, min_count=3),
        "ngrams (n=3)": lambda: tm.ngrams(tokens, n=3),
        "kwic 'peaceful coexistence'": lambda: tm.kwic(doc, "peaceful coexistence"),
        "dispersion (6 terms)": lambda: tm.dispersion(tokens, ["revolution", "bureaucracy", "imperialism", "concessions", "coexistence", "perestroika"]),
        "fit_topics NMF k=4": lambda: tm.fit_topics(tokens, NMF(n_components=4, random_state=0, max_iter=1000)),
        "quotation_density by period": lambda: tm.quotation_density(doc, by="period"),
        "rolling_density": lambda: tm.rolling_density(doc.tokens, window=250, quotations=doc.quotations),
        "speaker_by_period": lambda: tm.speaker_by_period(doc.quotations),
    }
    rows = [("load + assign_periods (all frames, first call)", load_s)]
    rows += [(name, best_of(f)) for name, f in tasks.items()]
    t = time.perf_counter()
    tm.select_k(tokens, NMF(init="random", max_iter=1000), range(2, 11), seeds=range(5), sample=0.8)
    rows.append(("select_k k=2..10 x 5 seeds (45 fits)", time.perf_counter() - t))
    table = pd.DataFrame(rows, columns=["analysis", "seconds"])
    print(table.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    table.to_csv(args.out, index=False, float_format="%.4f")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
