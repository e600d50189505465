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

``--peer DIR`` also times the ``textmine`` package in DIR (for instance a
``git worktree`` of an earlier commit), interleaved with this one in the same
process, and adds each stage's ratio (this / peer, best of the passes)::

    git worktree add --detach /tmp/base main
    python benchmarks/stages.py --peer /tmp/base/textmine

With ``--only STAGE`` (and ``--peer``), the documents are loaded once per
package with every earlier stage computed outside the timer, and only STAGE
is timed, document by document, alternating the two packages (the finest
interleaving, for a stage's ratio on a noisy machine)::

    python benchmarks/stages.py --peer /tmp/base/textmine --only dates --repeat 5
"""

from __future__ import annotations

import argparse
import importlib.util
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


def _peer(folder: str):
    """The textmine package in *folder*, imported as ``textmine_peer``."""
    spec = importlib.util.spec_from_file_location(
        "textmine_peer", os.path.join(folder, "__init__.py"), submodule_search_locations=[folder])
    mod = importlib.util.module_from_spec(spec)
    sys.modules["textmine_peer"] = mod
    spec.loader.exec_module(mod)
    return mod


def _pass(tm, paths, events) -> dict[str, float]:
    """One pass over the corpus: the seconds each stage took, summed over the documents."""
    spent = dict.fromkeys((name for name, _ in STAGES), 0.0)
    for path in paths:
        t0 = time.perf_counter()
        doc = tm.load(path, events=events)
        spent["reading"] += time.perf_counter() - t0
        for name, attr in STAGES[1:]:
            t0 = time.perf_counter()
            getattr(doc, attr)
            spent[name] += time.perf_counter() - t0
    return spent


def _only(packages: dict, paths, events: dict, stage: str, repeat: int) -> dict[str, float]:
    """Per package: one stage's seconds summed over the documents, each the best of *repeat* passes.

    The packages alternate document by document (in alternating order).
    """
    attr = dict(STAGES)[stage]
    docs = {}
    for key, package in packages.items():
        docs[key] = [package.load(p, events=events[key]) for p in paths]
        for doc in docs[key]:
            for _, a in STAGES[1:]:
                getattr(doc, a)
    best = {k: [float("inf")] * len(paths) for k in packages}  # per document: the best of the passes
    keys = list(packages)
    for r in range(repeat):
        for i in range(len(paths)):
            for key in keys[::-1] if (r + i) % 2 else keys:
                doc = docs[key][i]
                doc.__dict__.pop(attr, None)
                t0 = time.perf_counter()
                getattr(doc, attr)
                best[key][i] = min(best[key][i], time.perf_counter() - t0)
    return {k: sum(v) for k, v in best.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=float, default=10, help="corpus size in MB (built as in bench.py)")
    ap.add_argument("--cache", default=os.path.join(tempfile.gettempdir(), "textmine-bench"))
    ap.add_argument("--repeat", type=int, default=3, help="best of this many passes")
    ap.add_argument("--peer", help="a textmine package folder to time alongside (ratio this / peer)")
    ap.add_argument("--only", choices=[name for name, _ in STAGES[1:]], help="time this stage alone (see above)")
    args = ap.parse_args(argv)
    warnings.simplefilter("ignore")
    import pandas as pd

    import textmine as tm

    folder = corpus_for(Path(args.cache), args.size)
    paths = sorted(folder.glob("*.txt"))
    packages = {"this": tm} | ({"peer": _peer(args.peer)} if args.peer else {})
    events = {k: p.read_events(EVENTS) for k, p in packages.items()}
    for p in packages.values():
        p.parse("Warm up. Tables.").dates
    if args.only:
        best_only = _only(packages, paths, events, args.only, args.repeat)
        print(f"{len(paths)} documents; {args.only}: the sum over documents of each one's best of {args.repeat} "
              "passes, the packages alternating document by document")
        for key, seconds in best_only.items():
            print(f"{key:>5}: {seconds:.3f} s")
        if args.peer:
            print(f"ratio this / peer: {best_only['this'] / best_only['peer']:.3f}")
        return 0
    best: dict[str, dict[str, float]] = {k: {} for k in packages}
    for r in range(args.repeat):
        order = list(packages.items())
        for key, package in order[::-1] if r % 2 else order:  # interleaved, in alternating order
            spent = _pass(package, paths, events[key])
            best[key] = {k: min(v, best[key].get(k, float("inf"))) for k, v in spent.items()}
    total = sum(best["this"].values())
    table = pd.DataFrame({"stage": list(best["this"]), "seconds": list(best["this"].values())})
    table["share"] = table["seconds"] / total
    table.loc[len(table)] = ["total", total, 1.0]
    formatters = {"seconds": "{:.3f}".format, "share": "{:.0%}".format}
    if args.peer:
        table["peer seconds"] = list(best["peer"].values()) + [sum(best["peer"].values())]
        table["ratio"] = table["seconds"] / table["peer seconds"]
        formatters |= {"peer seconds": "{:.3f}".format, "ratio": "{:.2f}".format}
    mb = sum(p.stat().st_size for p in paths) / 1e6
    print(f"{len(paths)} documents, {mb:.1f} MB; best of {args.repeat} passes per stage"
          + (f", interleaved with {args.peer}" if args.peer else ""))
    print(table.to_string(index=False, formatters=formatters))
    return 0


if __name__ == "__main__":
    sys.exit(main())
