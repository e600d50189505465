"""Worst-case input, end to end: a whole Document on every pathological shape.

The engine benchmarks (``worst_case_segment.py``, ``worst_case_quotations.py``,
``worst_case_dates.py``, ``worst_case_notes.py``) each time their own stages; this one gathers all their
shapes, plus the rows of issue 19's table, and times what a user runs:
``tm.parse(text)`` with **every frame forced** (header, paragraphs, sentences,
tokens, quotations, citations, dates, and notes where the Document has them),
each case alone in a child process under a wall-clock limit, at 0.25, 0.5, 1
and 2 MB. Times are CPU seconds of the child (``time.process_time``), the best
of ``--repeat`` runs; the growth exponent is the least-squares slope of log
time on log size (1 is linear). The targets (issue 19): under 3 s at 1 MB and
an exponent of at most 1.15 for every shape.

    python benchmarks/worst_case.py                       # every shape, 0.25-2 MB
    python benchmarks/worst_case.py --shapes quote_pairs unclosed_paren --sizes 0.25 1
    python benchmarks/worst_case.py --markdown            # the table for benchmarks/README.md
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SIZES_MB = (0.25, 0.5, 1.0, 2.0)


def shapes() -> dict[str, tuple[str, object]]:
    """name → (description, builder(n characters) → text), from the three engine benchmarks."""
    sys.path.insert(0, str(HERE))
    import worst_case_dates as wd
    import worst_case_notes as wn
    import worst_case_quotations as wq
    import worst_case_segment as ws

    out: dict[str, tuple[str, object]] = {}
    for name, (what, build) in ws.SHAPES.items():
        out[name] = (what, build)
    for name, (what, build) in wq.SHAPES.items():
        out.setdefault(name if name not in out else f"q_{name}", (what, build))
    for what, build in wd.SHAPES.items():
        name = build.__name__
        out.setdefault(name if name not in out else f"d_{name}", (what, build))
    for what, build in wn.SHAPES.items():
        name = build.__name__
        out.setdefault(name if name not in out else f"n_{name}", (what, build))
    return out


def _child(name: str, mb: float, repeat: int) -> None:
    """Run one case in this (child) process and print its CPU seconds as JSON."""
    import warnings

    sys.path.insert(0, str(ROOT))
    import textmine as tm

    warnings.simplefilter("ignore")
    text = shapes()[name][1](int(mb * 1_000_000))
    best = math.inf
    for _ in range(repeat):
        t0 = time.process_time()
        doc = tm.parse(text)
        for frame in doc.FRAMES:
            getattr(doc, frame)
        best = min(best, time.process_time() - t0)
    print(json.dumps({"seconds": best, "chars": len(text)}))


def run_case(name: str, mb: float, *, timeout: float, repeat: int) -> float | None:
    """CPU seconds of one case, or None when it ran over *timeout* (wall clock)."""
    try:
        out = subprocess.run([sys.executable, __file__, "--child", name, str(mb), str(repeat)],
                             capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None
    except subprocess.CalledProcessError as exc:
        raise RuntimeError(f"{name} at {mb} MB failed:\n{exc.stderr[-2000:]}") from None
    return float(json.loads(out.stdout.strip().splitlines()[-1])["seconds"])


def exponent(sizes: list[float], times: list[float]) -> float:
    """Least-squares slope of log(time) on log(size)."""
    xs, ys = [math.log(s) for s in sizes], [math.log(max(t, 1e-6)) for t in times]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        _child(argv[1], float(argv[2]), int(argv[3]))
        return 0
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shapes", nargs="*", help="default: every shape")
    ap.add_argument("--sizes", type=float, nargs="*", default=list(SIZES_MB))
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    args = ap.parse_args(argv)
    table = shapes()
    names = args.shapes or list(table)
    rows = []
    for name in names:
        times = []
        for mb in args.sizes:
            t = run_case(name, mb, timeout=args.timeout, repeat=args.repeat)
            times.append(t)
            if t is None:
                break
        ok = [t for t in times if t is not None]
        b = exponent(args.sizes[:len(ok)], ok) if len(ok) >= 2 else float("nan")
        at1 = dict(zip(args.sizes, times)).get(1.0)
        rows.append((name, table[name][0], times, b, at1))
        cells = " ".join(f"{t:7.2f}" if t is not None else f">{args.timeout:.0f}".rjust(7) for t in times)
        print(f"{name:28s} {cells}  b={b:.2f}", flush=True)
    if args.markdown:
        head = " | ".join(f"{s:g} MB" for s in args.sizes)
        print(f"\n| shape | what | {head} | exponent |")
        print("|---|---|" + "---:|" * len(args.sizes) + "---:|")
        for name, what, times, b, _ in rows:
            cells = " | ".join(f"{t:.2f}" if t is not None else f">{args.timeout:.0f}" for t in times)
            cells += " | " * (len(args.sizes) - len(times))
            print(f"| `{name}` | {what} | {cells} | {b:.2f} |")
    bad = [r[0] for r in rows if (r[4] is None and 1.0 in args.sizes) or (r[4] or 0) > 3 or r[3] > 1.15]
    print(f"\n{len(rows) - len(bad)} of {len(rows)} shapes meet the targets (1 MB under 3 s, exponent <= 1.15)"
          + (f"; missed: {', '.join(bad)}" if bad else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
