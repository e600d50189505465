"""Worst-case input for the quotation and citation engines: time against size.

Each *shape* is a pathological or odd text built to any size (characters);
for each shape and size the script times, in a fresh process, the engines
a Document runs on it (the text already segmented, outside the timer):

===================  ====================================================
engine               what is timed
===================  ====================================================
``citations``        ``textmine.citations.find_citations(text, paragraphs)``
``spans``            ``textmine.quotations.quotation_spans(text, paragraphs)``
``quotations``       ``find_quotations(text, paragraphs, tokens, citations,
                     spans=spans)`` (kinds, speakers, groups, citations)
``marks``            ``textmine.quotations.quote_marks(text, paragraphs)``
===================  ====================================================

and prints one row per shape: the seconds at each size (all engines
together; ``--engines`` adds a row per engine) and the growth exponent
``b`` of ``time ≈ a · size^b``, fitted by least squares on the log-log
points (1 is linear, 2 quadratic)::

    python benchmarks/worst_case_quotations.py                    # 0.25 0.5 1 2 MB
    python benchmarks/worst_case_quotations.py --sizes 0.1 0.2 --shapes straight_storm
    python benchmarks/worst_case_quotations.py --engines          # one row per engine

Each case runs alone in a child process under ``--timeout`` seconds (a
case over the limit is shown as ``>T``), best of ``--repeat`` runs inside
the child. :func:`measure` and :data:`SHAPES` are what a wider worst-case
benchmark calls. Read the exponents first: absolute numbers depend on the
machine. Times are CPU seconds of the child process (``time.process_time``,
garbage collection included), as in the issue's table: on a shared machine
they move far less than wall time (the time limit is wall time).
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import time
import warnings
from collections.abc import Callable

ENGINES = ("citations", "spans", "quotations", "marks")


def _repeat(unit: str, n: int) -> str:
    """*unit* repeated to *n* characters (cut at the end)."""
    return (unit * (n // len(unit) + 1))[:n]


def _words(n: int, seed: int = 0) -> list[str]:
    import random

    rnd = random.Random(seed)
    vocab = "the party and of policy state with revolution for its in world to was soviet peace".split()
    return [rnd.choice(vocab) for _ in range(n)]


#: name → (what it is, function making a text of about *n* characters)
SHAPES: dict[str, tuple[str, Callable[[int], str]]] = {
    "straight_storm": ("straight `\"` marks only, one paragraph", lambda n: '"' * n),
    "straight_words": ("`word\"` and `\"word` marks between words", lambda n: _repeat('a" "b -"- ', n)),
    "spaced_marks": ("`\" \"` repeated: every mark opens, none closes", lambda n: _repeat('" ', n)),
    "unclosed_curly": ("`“word ` repeated in one paragraph: nothing closes", lambda n: _repeat("\u201cword ", n)),
    "closers_storm": ("one `“` then `”` marks: one pair, the rest stray", lambda n: "\u201c" + _repeat("a\u201d ", n - 1)),
    "weak_closers": ("`“` then possessive-like `’` closers in British style", lambda n: _repeat("\u2018the workers\u2019 state s\u2019 word ", n)),
    "nested_parens": ("one nest of parentheses around a citation", lambda n: "(" * (n // 2 - 7) + "Smith 1990, 5" + ")" * (n // 2 - 7)),
    "nested_parens_many": ("nests of 200 parentheses, one after another", lambda n: _repeat("(" * 200 + "Ibid., p. 5" + ")" * 200 + " and ", n)),
    "open_parens": ("`(` never closed, between words", lambda n: _repeat("(Smith 1990 word ", n)),
    "citation_dense": ("parenthetical citations and Ibids, no full stops", lambda n: _repeat("as he wrote (Smith 1990, 5) and (Ibid., 7) then ", n)),
    "run_on": ("run-on text without full stops, with quotations and speech tags",
               lambda n: _repeat("and Smith wrote \u201cwe must go on with the work,\u201d said Jones and the party ", n)),
    "pronoun_storm": ("`she said “…”` after a `Mr.` name, no full stops: no antecedent fits",
                      lambda n: "Mr. Smith arrived and " + _repeat("she said \u201cwe go,\u201d and ", n - 22)),
    "names_storm": ("capitalised names before a colon quotation, no full stops",
                    lambda n: _repeat("Alpha Beta Gamma Delta wrote Lenin Trotsky \u201cWe must advance now and never stop\u201d ", n)),
    "lower_hyphen": ("hyphenated lower-case runs with sentence-initial capitals",
                     lambda n: _repeat("Concessions were made. \u201cYes,\u201d he said. " + "-".join(["concessions"] * 40) + " ", n)),
    "long_quotation": ("one quotation over the whole text, inner marks inside",
                       lambda n: "\u201c" + _repeat("the \u2018term\u2019 and \u2018words\u2019 of it ", n - 2) + "\u201d"),
    "many_paragraphs": ("tiny paragraphs, each a quotation", lambda n: _repeat("\u201cWe go now,\u201d he said.\n\n", n)),
    "ordinary": ("ordinary prose: sentences, quotations, citations (the baseline)",
                 lambda n: _repeat("Lenin wrote in 1918 that \u201cthe revolution must go on\u201d (Works, p. 3). "
                                   "Trotsky disagreed. He said: \u201cWe cannot wait for the world party.\u201d\n\n", n)),
}


def measure(shape: str, mb: float, *, repeat: int = 1) -> dict[str, float]:
    """Seconds per engine on *shape* at *mb* million characters (best of *repeat*)."""
    import textmine as tm
    from textmine.citations import find_citations
    from textmine.quotations import find_quotations, quotation_spans, quote_marks

    text = SHAPES[shape][1](int(mb * 1_000_000))
    warnings.simplefilter("ignore")
    doc = tm.parse(text, header=False, doc_id="x")
    seg = doc._segmented  # paragraphs and base tokens, outside the timer
    paragraphs, tokens = seg["paragraphs"], seg["tokens"]
    best = dict.fromkeys(ENGINES, math.inf)
    for _ in range(repeat):
        t0 = time.process_time()
        citations = find_citations(doc.text, paragraphs, doc_id="x")
        t1 = time.process_time()
        spans = quotation_spans(doc.text, paragraphs, doc_id="x")
        t2 = time.process_time()
        find_quotations(doc.text, paragraphs, tokens, citations, doc_id="x", spans=spans)
        t3 = time.process_time()
        quote_marks(doc.text, paragraphs)
        t4 = time.process_time()
        for k, t in zip(ENGINES, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
            best[k] = min(best[k], t)
    return best


def exponent(sizes: list[float], times: list[float]) -> float:
    """Least-squares slope of log(time) on log(size)."""
    pts = [(math.log(s), math.log(max(t, 1e-4))) for s, t in zip(sizes, times)]
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    return sum((x - mx) * (y - my) for x, y in pts) / sum((x - mx) ** 2 for x, _ in pts)


def _child(shape: str, mb: float, repeat: int) -> None:
    print(json.dumps(measure(shape, mb, repeat=repeat)))


def run_case(shape: str, mb: float, *, timeout: float, repeat: int = 1) -> dict[str, float] | None:
    """:func:`measure` in a fresh process; None when it takes longer than *timeout* seconds."""
    cmd = [sys.executable, __file__, "--child", shape, str(mb), "--repeat", str(repeat)]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[0.25, 0.5, 1, 2], help="sizes in million characters")
    ap.add_argument("--shapes", nargs="+", default=list(SHAPES), choices=list(SHAPES))
    ap.add_argument("--timeout", type=float, default=60, help="seconds per case")
    ap.add_argument("--repeat", type=int, default=2, help="best of this many runs per case")
    ap.add_argument("--engines", action="store_true", help="one row per engine, not only the total")
    ap.add_argument("--child", nargs=2, metavar=("SHAPE", "MB"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        _child(args.child[0], float(args.child[1]), args.repeat)
        return 0
    head = ["shape", "engine"] + [f"{s:g} MB" for s in args.sizes] + ["exponent"]
    print("| " + " | ".join(head) + " |")
    print("| --- | --- |" + " ---: |" * (len(head) - 2))
    for shape in args.shapes:
        results = []
        for mb in args.sizes:
            r = run_case(shape, mb, timeout=args.timeout, repeat=args.repeat)
            results.append(r)
            if r is None:
                break  # larger sizes take longer still
        rows = list(ENGINES) if args.engines else []
        for engine in rows + ["total"]:
            times = [None if r is None else (sum(r.values()) if engine == "total" else r[engine]) for r in results]
            times += [None] * (len(args.sizes) - len(times))
            cells = [f"{t:.2f}" if t is not None else f">{args.timeout:g}" for t in times]
            done = [(s, t) for s, t in zip(args.sizes, times) if t is not None]
            b = f"{exponent(*map(list, zip(*done))):.2f}" if len(done) >= 2 else "-"
            print(f"| {shape} | {engine} | " + " | ".join(cells) + f" | {b} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
