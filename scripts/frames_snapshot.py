"""Dump every frame textmine makes for a fixed set of texts, and compare dumps.

Refactors of the extraction engines must not change any frame. This script
makes that checkable against any earlier commit::

    python scripts/frames_snapshot.py dump OUT_DIR          # frames of the working tree
    python scripts/frames_snapshot.py compare A_DIR B_DIR    # exit 1 on any difference
    python scripts/frames_snapshot.py check --base COMMIT    # dump COMMIT (in a temporary
                                                             # git worktree) and the working
                                                             # tree, then compare

The texts: the shipped chapter (with its events and periods), every ``.txt``
in ``tests/data/``, and a generated corpus of many small documents (seeded:
paragraphs of those texts recombined, with straight-quote, British-quote
and field-header variants), loaded both as Documents and as one
Corpus. Frames are written with pickle (exact dtypes, categories included) and
compared with :func:`pandas.testing.assert_frame_equal` (``check_exact=True``).
"""

from __future__ import annotations

import argparse
import warnings
import os
import pickle
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FRAMES = ("header", "paragraphs", "sentences", "tokens", "quotations", "citations", "dates")


def _texts() -> dict[str, str]:
    """name → text, deterministic."""
    texts: dict[str, str] = {}
    chapter = (ROOT / "data" / "north-1989-soviet-foreign-policy.txt").read_text(encoding="utf-8")
    texts["chapter"] = chapter
    for p in sorted((ROOT / "tests" / "data").glob("*.txt")):
        texts[p.stem] = p.read_text(encoding="utf-8")
    return texts


def generated_corpus(n_docs: int = 120, seed: int = 0) -> dict[str, str]:
    """Many small documents made from the test texts' paragraphs (seeded)."""
    rng = random.Random(seed)
    paras: list[str] = []
    for text in _texts().values():
        paras.extend(p.strip() for p in text.split("\n\n") if p.strip())
    out: dict[str, str] = {}
    for i in range(n_docs):
        k = rng.randint(1, 6)
        chosen = [rng.choice(paras) for _ in range(k)]
        variant = i % 4
        if variant == 1:  # straight quotes
            chosen = [p.replace("\u201c", '"').replace("\u201d", '"') for p in chosen]
        elif variant == 2:  # British quotes
            chosen = [p.replace("\u201c", "\u2018").replace("\u201d", "\u2019") for p in chosen]
        elif variant == 3:  # a field-line header
            chosen = [f"Author: Writer {i}\nTitle: Piece {i}", *chosen]
        sep = "\n\n"
        out[f"gen{i:03d}"] = sep.join(chosen) + "\n"
    return out


def dump(out: Path) -> int:
    import pandas as pd  # noqa: F401  (pickle needs it importable)
    import textmine as tm

    out.mkdir(parents=True, exist_ok=True)
    warnings.simplefilter("ignore")  # unclosed quotations in the test texts warn; the frames are what counts
    n = 0
    events = ROOT / "data" / "events.csv"
    periods = ROOT / "data" / "periods.csv"
    for name, text in _texts().items():
        kwargs = {"events": str(events)} if name == "chapter" else {}
        doc = tm.parse(text, doc_id=name, **kwargs)
        frames = {f: getattr(doc, f) for f in FRAMES}
        if name == "chapter":
            dated = tm.assign_periods(doc, str(periods))
            frames["periods.paragraphs"] = dated.paragraphs
            frames["periods.dates"] = dated.dates
        for f, df in frames.items():
            with open(out / f"{name}.{f}.pkl", "wb") as fh:
                pickle.dump(df, fh, protocol=4)
            n += 1
    gen = generated_corpus()
    docs = [tm.parse(t, doc_id=k) for k, t in gen.items()]
    corpus = tm.Corpus(docs)
    for f in FRAMES:
        with open(out / f"corpus.{f}.pkl", "wb") as fh:
            pickle.dump(getattr(corpus, f), fh, protocol=4)
        n += 1
    return n


def compare(a: Path, b: Path) -> list[str]:
    import pandas as pd

    problems = []
    names_a = {p.name for p in a.glob("*.pkl")}
    names_b = {p.name for p in b.glob("*.pkl")}
    for missing in sorted(names_a ^ names_b):
        problems.append(f"{missing}: only in {'A' if missing in names_a else 'B'}")
    for name in sorted(names_a & names_b):
        with open(a / name, "rb") as fa, open(b / name, "rb") as fb:
            da, db = pickle.load(fa), pickle.load(fb)
        try:
            pd.testing.assert_frame_equal(da, db, check_exact=True, check_categorical=True)
        except AssertionError as exc:
            problems.append(f"{name}: {str(exc).splitlines()[0:6]}")
    return problems


def check(base: str) -> int:
    with tempfile.TemporaryDirectory(prefix="frames-") as tmp:
        tmp = Path(tmp)
        wt = tmp / "base"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(wt), base],
                       check=True, capture_output=True)
        try:
            env = dict(os.environ, PYTHONPATH=str(wt))
            # the base commit's package, this script's texts (so both sides see the same inputs)
            code = (
                "import sys, runpy, pathlib; sys.path.insert(0, sys.argv[1]); "
                "print(runpy.run_path(sys.argv[2])['dump'](pathlib.Path(sys.argv[3])))"
            )
            subprocess.run([sys.executable, "-c", code, str(wt), __file__, str(tmp / "a")],
                           check=True, env=env, cwd=str(wt))
            subprocess.run([sys.executable, "-c", code, str(ROOT), __file__, str(tmp / "b")],
                           check=True, env=dict(os.environ, PYTHONPATH=str(ROOT)), cwd=str(ROOT))
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(wt)],
                           check=False, capture_output=True)
        problems = compare(tmp / "a", tmp / "b")
    n = len(list(FRAMES))
    if problems:
        print(f"{len(problems)} frame(s) differ from {base}:")
        for p in problems:
            print("  ", p)
        return 1
    print(f"all frames identical to {base} (chapter, tests/data, generated corpus; {n} frame kinds)")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    c = sub.add_parser("compare")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    k = sub.add_parser("check")
    k.add_argument("--base", required=True)
    args = ap.parse_args(argv)
    if args.cmd == "dump":
        print(dump(args.out), "frames written to", args.out)
        return 0
    if args.cmd == "compare":
        problems = compare(args.a, args.b)
        for p in problems:
            print(p)
        return 1 if problems else 0
    return check(args.base)


if __name__ == "__main__":
    sys.exit(main())
