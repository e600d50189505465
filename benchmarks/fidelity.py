"""Quotation fidelity at scale: align the chapter's quotations against 1, 10 and 100 MB of sources.

The sources are made from the shipped chapter's sentences that hold no
quotation, shuffled with a fixed seed (no third-party text), with page lines,
and the words of every source quotation of the chapter planted once, so every quotation has exactly one true source
passage among megabytes of similar prose. Peers, timed in the same process,
interleaved, minimum of several rounds:

- ``findall``: a bare ``re.findall(r"\\w+", text.lower())`` over the sources,
  the floor of any word-level scan;
- ``str.find``: each quotation's exact text searched with ``str.find`` in
  every source (finds only exact quotations; no alignment, no pages).

    python benchmarks/fidelity.py [--sizes 1 10 100] [--rounds 3]

Prints a table (seconds, MB/s, ratio to the peers, quotations found) and
writes ``benchmarks/fidelity.csv``.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import textmine as tm  # noqa: E402
from textmine.fidelity import align_quotations  # noqa: E402


def make_sources(doc, mb: float, n_files: int = 10, seed: int = 0) -> dict[str, str]:
    rng = random.Random(seed)
    quotes = doc.quotations
    # filler: the chapter's sentences that hold no quotation (each quoted passage is planted once)
    spans = list(zip(quotes["start"].tolist(), quotes["end"].tolist()))
    sents = [t for a, b, t in zip(doc.sentences["start"], doc.sentences["end"], doc.sentences["text"])
             if len(t) > 40 and not any(a < e and b > s for s, e in spans)]
    planted = [t for t, k in zip(quotes["text"], quotes["kind"]) if k == "quotation"]
    target = int(mb * 1_000_000)
    per = target // n_files
    out = {}
    for f in range(n_files):
        parts, size, page = [], 0, 1
        while size < per:
            para = " ".join(rng.choice(sents) for _ in range(rng.randint(3, 7)))
            if rng.random() < 0.08:
                page += 1
                para = f"page {page}\n\n" + para
            parts.append(para)
            size += len(para) + 2
        out[f"src{f:02d}"] = "\n\n".join(parts)
    # plant each source quotation once, in one file, mid-text
    keys = sorted(out)
    for i, words in enumerate(planted):
        k = keys[i % len(keys)]
        text = out[k]
        cut = text.find("\n\n", len(text) * (i + 1) // (len(planted) + 1))
        out[k] = text[:cut] + "\n\n" + words.replace("\u201c", "").replace("\u201d", "") + text[cut:]
    return out


def bench(sizes, rounds):
    warnings.simplefilter("ignore")
    doc = tm.load(ROOT / "data" / "north-1989-soviet-foreign-policy.txt")
    doc.quotations, doc.citations  # parsed before timing
    rows = []
    for mb in sizes:
        sources = make_sources(doc, mb)
        quoted = [t for t, k in zip(doc.quotations["text"], doc.quotations["kind"]) if k == "quotation"]
        best = {"textmine": float("inf"), "findall": float("inf"), "str.find": float("inf")}
        found = None
        for _ in range(rounds):
            for name in ("textmine", "findall", "str.find"):  # interleaved
                t0 = time.perf_counter()
                if name == "textmine":
                    res = align_quotations(doc, sources)
                    found = int((res.quotations["match"].astype(str) != "not_found").sum())
                elif name == "findall":
                    n = sum(len(re.findall(r"\w+", t.lower())) for t in sources.values())
                else:
                    hits = sum(any(t.find(q) >= 0 for t in sources.values()) for q in quoted)
                best[name] = min(best[name], time.perf_counter() - t0)
        total = sum(len(t) for t in sources.values()) / 1e6
        rows.append({
            "mb": round(total, 1), "textmine_s": round(best["textmine"], 2),
            "mb_per_s": round(total / best["textmine"], 1),
            "findall_s": round(best["findall"], 2), "ratio_findall": round(best["textmine"] / best["findall"], 2),
            "strfind_s": round(best["str.find"], 2), "ratio_strfind": round(best["textmine"] / best["str.find"], 2),
            "quotations": len(res.quotations), "found": found, "exact_by_strfind": hits, "words": n,
        })
        print(rows[-1], flush=True)
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[1, 10, 100])
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)
    rows = bench(args.sizes, args.rounds)
    with open(ROOT / "benchmarks" / "fidelity.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    print("\n| MB | textmine s | MB/s | ÷ findall | ÷ str.find | found / quotations |")
    print("|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['mb']} | {r['textmine_s']} | {r['mb_per_s']} | {r['ratio_findall']} | {r['ratio_strfind']} | {r['found']} / {r['quotations']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
