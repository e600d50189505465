"""Speed and memory of textmine against spaCy, NLTK and scikit-learn.

Builds corpora of about 1, 10 and 100 MB by repeating and shuffling the
paragraphs of the shipped chapter (documents of about 250 KB, each with its
own title line and ``doc_id``), then measures, one task per fresh Python
process (so every task's peak RSS is its own):

=================  ==========================================================
task               what is timed
=================  ==========================================================
findall            ``re.findall(r"\\w+", text)`` over every text (the floor)
tokens             the token table: paragraphs, sentences and tokens with
                   ids, offsets, ``norm``, ``kind``, ``is_stop``
                   (``textmine.segment`` on the texts in memory)
tokens_in_quote    ``tm.parse(text).tokens``: the token table plus
                   ``in_quote``, ``quote_id``, ``in_citation`` (needs the
                   quotations and citations)
load               ``tm.load_corpus(folder, frames="all", events=...)``:
                   reading and every frame (paragraphs, sentences, tokens,
                   quotations, citations, dates)
term_counts        ``tm.dtm.term_counts(tokens, by=...)`` through sparse
                   matrices, by ``period`` (a categorical column) and by
                   ``doc_id``; pandas ``groupby(...).size()`` for reference
parquet            ``corpus.to_parquet`` and ``storage.read_frame("tokens")``
spacy              ``spacy.blank("en")``: ``len(doc)`` over ``nlp.pipe(texts)``
nltk_treebank      ``TreebankWordTokenizer().span_tokenize`` over every text
nltk_regexp        ``RegexpTokenizer(r"\\w+|\\$[\\d\\.]+|\\S+").tokenize``
sklearn_count      ``CountVectorizer().fit_transform(paragraphs)``
import             ``import textmine`` on top of ``import pandas``
=================  ==========================================================

Peers are optional (``pip install -e '.[bench]'``); a missing one is skipped.

Usage::

    python benchmarks/bench.py                       # 1, 10, 100 MB (~10 min)
    python benchmarks/bench.py --sizes 1 10          # quicker
    python benchmarks/bench.py --out benchmarks/results.csv

It prints a table (MB/s, tokens/s, peak RSS, time as a ratio to ours) and
writes it to a CSV.

Many small documents (``--small-docs N``): N documents of ~5 KB each, every
task once per round in one process, interleaved, the minimum of
``--rounds`` (default 3) reported, every lazy frame forced inside the timer
(see :func:`interleaved`); writes ``benchmarks/small_docs.csv``::

    python benchmarks/bench.py --small-docs 1000                 # peers and load
    python benchmarks/bench.py --small-docs 1000 --tasks load read_parquet read_frame dask
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any, Sequence

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = ROOT / "data" / "north-1989-soviet-foreign-policy.txt"
EVENTS = ROOT / "data" / "events.csv"
DOC_BYTES = 250_000

CORE_COLUMNS = ["doc_id", "token_id", "para_id", "sent_id", "start", "end", "norm", "in_quote"]
PEER_TASKS = ["spacy", "nltk_treebank", "nltk_regexp", "sklearn_count"]
OUR_TASKS = ["findall", "tokens", "tokens_in_quote", "load", "term_counts", "parquet"]


# ------------------------------------------------------------------ corpora


def build_corpus(folder: Path, megabytes: float, seed: int = 0) -> Path:
    """Write documents of ~250 KB of shuffled chapter paragraphs into *folder*."""
    text = CHAPTER.read_text(encoding="utf-8")
    blocks = [b for b in re.split(r"\n\s*\n", text) if b.strip()]
    paras = blocks[3:]  # the body, without the header block
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    target = int(megabytes * 1e6)
    written, k = 0, 0
    while written < target:
        size = min(DOC_BYTES, target - written)
        out, n = [f"Document {k:05d}"], 0
        while n < size:
            p = rng.choice(paras)
            out.append(p)
            n += len(p.encode("utf-8")) + 2
        data = "\n\n".join(out) + "\n"
        (folder / f"doc-{k:05d}.txt").write_text(data, encoding="utf-8")
        written += len(data.encode("utf-8"))
        k += 1
    return folder


def corpus_for(cache: Path, megabytes: float) -> Path:
    folder = cache / f"corpus-{megabytes:g}mb"
    stamp = folder / ".complete"
    if not stamp.exists():
        build_corpus(folder, megabytes)
        stamp.write_text("ok")
    return folder


def build_small_corpus(folder: Path, n_docs: int, doc_bytes: int = 5_000, seed: int = 0) -> Path:
    """Write *n_docs* documents of ~*doc_bytes* of shuffled chapter paragraphs (a title line each)."""
    text = CHAPTER.read_text(encoding="utf-8")
    paras = [b for b in re.split(r"\n\s*\n", text) if b.strip()][3:]
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(n_docs):
        out, n = [f"Document {k:05d}"], 0
        while n < doc_bytes:
            p = rng.choice(paras)
            out.append(p)
            n += len(p.encode("utf-8")) + 2
        (folder / f"doc-{k:05d}.txt").write_text("\n\n".join(out) + "\n", encoding="utf-8")
    return folder


def small_corpus_for(cache: Path, n_docs: int) -> Path:
    folder = cache / f"small-{n_docs}x5kb"
    stamp = folder / ".complete"
    if not stamp.exists():
        build_small_corpus(folder, n_docs)
        stamp.write_text("ok")
    return folder


#: the frames a Corpus gives; every one is built inside the timer
CORPUS_FRAMES = ("header", "paragraphs", "sentences", "tokens", "quotations", "citations", "dates")


SMALL_TASKS = ("findall", "spacy", "sklearn_count", "load", "read_parquet", "read_frame", "dask")


def interleaved(folder: Path, rounds: int = 3, tasks: Sequence[str] = ("findall", "spacy", "sklearn_count", "load")) -> list[dict]:
    """Every task once per round, in one process, tasks interleaved; the minimum of the rounds.

    Each timer starts before the files are read (the peers read them too) and
    stops after the work is done: for ``load``, ``tm.load_corpus(folder,
    frames="all", events=...)`` *and* every corpus frame
    (``corpus.tokens``... are built on access, so they are forced inside the
    timer). ``read_parquet``: ``tm.read_parquet`` of the corpus saved once
    before the rounds, every frame forced; ``read_frame``: the token frame
    alone; ``dask``: ``textmine.dask.load_corpus`` on a two-worker
    ``LocalCluster`` (one thread each, started before the rounds) and every
    frame computed, checked equal to the single-process frames once. Peak
    RSS is of the whole process (all tasks; Dask workers not counted).
    """
    warnings.simplefilter("ignore")
    paths = sorted(folder.glob("*.txt"))

    def read() -> list[str]:
        return [p.read_text(encoding="utf-8") for p in paths]

    runners: dict[str, Any] = {}
    if "findall" in tasks:
        rx = re.compile(r"\w+")
        runners["findall"] = lambda: sum(len(rx.findall(t)) for t in read())
    if "spacy" in tasks:
        try:
            import spacy

            nlp = spacy.blank("en")
            runners["spacy"] = lambda: sum(len(d) for d in nlp.pipe(read()))
        except ImportError:
            pass
    if "sklearn_count" in tasks:
        try:
            from sklearn.feature_extraction.text import CountVectorizer

            runners["sklearn_count"] = lambda: int(CountVectorizer().fit_transform(read()).sum())
        except ImportError:
            pass
    if "load" in tasks:
        import textmine as tm

        tm.parse("Warm up. Tables.").dates  # lookup tables and imports outside the timer

        def load() -> int:
            corpus = tm.load_corpus(folder, frames="all", events=EVENTS, progress=False)
            frames = {name: getattr(corpus, name) for name in CORPUS_FRAMES}
            return len(frames["tokens"])

        runners["load"] = load
    saved = None
    if "read_parquet" in tasks or "read_frame" in tasks:
        import textmine as tm
        from textmine import storage

        saved = Path(tempfile.mkdtemp(prefix="textmine-bench-")) / "corpus"
        tm.load_corpus(folder, frames="all", events=EVENTS, progress=False).to_parquet(saved, progress=False)
        if "read_parquet" in tasks:
            def read_parquet() -> int:
                corpus = tm.read_parquet(saved, progress=False)
                frames = {name: getattr(corpus, name) for name in CORPUS_FRAMES}
                return len(frames["tokens"])

            runners["read_parquet"] = read_parquet
        if "read_frame" in tasks:
            runners["read_frame"] = lambda: len(storage.read_frame(saved, "tokens"))
    cluster = None
    if "dask" in tasks:
        import dask
        from dask import distributed

        import textmine as tm
        import textmine.dask as tmd

        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
        client = distributed.Client(cluster)

        def run_dask(check: bool = False) -> int:
            corpus = tmd.load_corpus(folder, events=EVENTS)
            frames = dict(zip(CORPUS_FRAMES, dask.compute(*(getattr(corpus, n) for n in CORPUS_FRAMES))))
            if check:
                import pandas as pd

                one = tm.load_corpus(folder, frames="all", events=EVENTS, progress=False)
                for name, got in frames.items():
                    pd.testing.assert_frame_equal(got.reset_index(drop=True), getattr(one, name), check_exact=True)
                print("  dask frames equal the single-process frames", flush=True)
            return len(frames["tokens"])

        run_dask(check=True)
        runners["dask"] = run_dask
    best: dict[str, float] = {}
    counts: dict[str, int] = {}
    for r in range(rounds):
        for name, run in runners.items():
            t0 = time.perf_counter()
            counts[name] = run()
            took = time.perf_counter() - t0
            best[name] = min(best.get(name, took), took)
            print(f"  round {r + 1}  {name:<14} {took:.3f} s", flush=True)
    if cluster is not None:
        client.close()
        cluster.close()
    if saved is not None:
        import shutil

        shutil.rmtree(saved.parent, ignore_errors=True)
    n_bytes = sum(p.stat().st_size for p in paths)
    return [{"task": name, "seconds": best[name], "tokens": counts[name], "bytes": n_bytes, "documents": len(paths),
             "rounds": rounds, "peak_rss_mb": round(_peak_mb(), 1)} for name in runners]


# -------------------------------------------------------------------- tasks


def _texts(folder: Path) -> list[tuple[str, str]]:
    return [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_task(task: str, folder: Path) -> dict:
    """Run one task in this process; return its measurements."""
    warnings.simplefilter("ignore")
    texts = _texts(folder)
    n_bytes = sum(len(t.encode("utf-8")) for _, t in texts)
    out: dict = {"task": task, "bytes": n_bytes, "documents": len(texts)}

    if task == "findall":
        rx = re.compile(r"\w+")
        t0 = time.perf_counter()
        n = sum(len(rx.findall(t)) for _, t in texts)
        out.update(seconds=time.perf_counter() - t0, tokens=n)

    elif task == "tokens":
        import textmine as tm
        from textmine import segment

        tm.parse("Warm up. Tables.").tokens  # build the lookup tables outside the timer
        t0 = time.perf_counter()
        n = 0
        for doc_id, text in texts:
            enc = segment.EncodedText(text)  # as textmine.Document does: encoded once
            ps = segment.paragraph_array(enc)
            ss = segment.sentence_array(enc, ps)
            segment.paragraph_frame(enc, ps, doc_id=doc_id)
            sents = segment.sentence_frame(enc, ss, doc_id=doc_id)
            n += len(segment.token_frame(enc, sents, doc_id=doc_id, stop_words=tm.ENGLISH_STOP_WORDS))
        out.update(seconds=time.perf_counter() - t0, tokens=n)

    elif task == "tokens_in_quote":
        import textmine as tm

        tm.parse("Warm up. Tables.").tokens
        t0 = time.perf_counter()
        n = sum(len(tm.parse(text, doc_id=doc_id).tokens) for doc_id, text in texts)
        out.update(seconds=time.perf_counter() - t0, tokens=n)

    elif task == "load":
        import textmine as tm
        from textmine import storage

        tm.parse("Warm up. Tables.").tokens
        t0 = time.perf_counter()
        corpus = tm.load_corpus(folder, frames="all", events=EVENTS, progress=False)
        frames = {name: getattr(corpus, name) for name in CORPUS_FRAMES}  # corpus frames forced inside the timer
        seconds = time.perf_counter() - t0
        tokens = frames["tokens"]
        n = len(tokens)
        rows = {name: len(getattr(corpus, name)) for name in ("paragraphs", "sentences", "quotations", "citations", "dates")}
        out.update(
            seconds=seconds,
            tokens=n,
            bytes_per_token=round(float(tokens.memory_usage(deep=True).sum()) / max(n, 1), 1),
            # the columns the issue names for the token table: ids, offsets, norm, in_quote
            core_bytes_per_token=round(float(tokens[CORE_COLUMNS].memory_usage(deep=True).sum()) / max(n, 1), 1),
            core_compact_bytes_per_token=round(float(storage.compact_tokens(tokens[CORE_COLUMNS]).memory_usage(deep=True).sum()) / max(n, 1), 1),
            compact_bytes_per_token=round(float(storage.compact_tokens(tokens).memory_usage(deep=True).sum()) / max(n, 1), 1),
            rows=rows,
        )

    elif task == "term_counts":
        import numpy as np
        import pandas as pd

        import textmine as tm
        from textmine import dtm, segment

        frames = []
        for doc_id, text in texts:
            ps = segment.paragraph_spans(text)
            sents = segment.sentence_frame(text, segment.sentence_spans(text, ps), doc_id=doc_id)
            frames.append(segment.token_frame(text, sents, doc_id=doc_id, stop_words=tm.ENGLISH_STOP_WORDS))
        tokens = pd.concat(frames, ignore_index=True)
        names = ["1917-1923", "1924-1933", "1934-1941", "1941-1953", "1953-1991"]
        tokens["period"] = pd.Categorical.from_codes((tokens["para_id"].to_numpy() // 7) % 5, categories=names)
        del frames
        dtm.term_counts(tokens.iloc[:1000], by="period")  # warm up imports
        timings = {}
        for by in ("period", "doc_id"):
            t0 = time.perf_counter()
            counts = dtm.term_counts(tokens, by=by)
            timings[by] = time.perf_counter() - t0
        t0 = time.perf_counter()
        words = tokens[tokens["kind"] != "punct"]
        ref = words.groupby(["period", "norm"], observed=True).size()
        timings["pandas_groupby_period"] = time.perf_counter() - t0
        assert int(ref.sum()) == int(dtm.term_counts(tokens, by="period")["n"].sum())
        out.update(seconds=timings["period"], tokens=len(tokens), timings=timings, rows=len(counts))

    elif task == "parquet":
        import textmine as tm
        from textmine import storage

        corpus = tm.load_corpus(folder, frames="all", events=EVENTS, progress=False)
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            corpus.to_parquet(Path(tmp) / "c", progress=False)
            write = time.perf_counter() - t0
            t0 = time.perf_counter()
            tokens = storage.read_frame(Path(tmp) / "c", "tokens")
            read_tokens = time.perf_counter() - t0
            t0 = time.perf_counter()
            back = storage.read_parquet(Path(tmp) / "c", progress=False)
            {name: getattr(back, name) for name in CORPUS_FRAMES}  # every frame forced inside the timer
            read_all = time.perf_counter() - t0
            size = sum(f.stat().st_size for f in Path(tmp).rglob("*.parquet"))
        out.update(seconds=read_tokens, tokens=len(tokens), timings={"write": write, "read_frame_tokens": read_tokens, "read_parquet_corpus": read_all}, parquet_mb=round(size / 1e6, 1))

    elif task == "spacy":
        import spacy

        nlp = spacy.blank("en")
        nlp.max_length = max(nlp.max_length, max(len(t) for _, t in texts) + 1)
        t0 = time.perf_counter()
        n = sum(len(doc) for doc in nlp.pipe(t for _, t in texts))
        out.update(seconds=time.perf_counter() - t0, tokens=n)

    elif task == "nltk_treebank":
        from nltk.tokenize import TreebankWordTokenizer

        tok = TreebankWordTokenizer()
        t0 = time.perf_counter()
        n = sum(sum(1 for _ in tok.span_tokenize(t)) for _, t in texts)
        out.update(seconds=time.perf_counter() - t0, tokens=n)

    elif task == "nltk_regexp":
        from nltk.tokenize import RegexpTokenizer

        tok = RegexpTokenizer(r"\w+|\$[\d\.]+|\S+")
        t0 = time.perf_counter()
        n = sum(len(tok.tokenize(t)) for _, t in texts)
        out.update(seconds=time.perf_counter() - t0, tokens=n)

    elif task == "sklearn_count":
        from sklearn.feature_extraction.text import CountVectorizer

        paras = [p for _, t in texts for p in t.split("\n\n") if p.strip()]
        t0 = time.perf_counter()
        x = CountVectorizer().fit_transform(paras)
        out.update(seconds=time.perf_counter() - t0, tokens=int(x.sum()))

    else:
        raise SystemExit(f"unknown task {task!r}")
    out["peak_rss_mb"] = round(_peak_mb(), 1)
    return out


def import_time(repeat: int = 7) -> dict:
    """Best wall time of ``import pandas`` and of ``import pandas, textmine`` in fresh interpreters."""

    def best(stmt: str) -> float:
        times = []
        for _ in range(repeat):
            code = f"import time; t=time.perf_counter(); {stmt}; print(time.perf_counter()-t)"
            res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
            times.append(float(res.stdout.strip().splitlines()[-1]))
        return min(times)

    pandas = best("import pandas")
    both = best("import pandas; import textmine")
    heavy = subprocess.run(
        [sys.executable, "-c", "import sys, textmine; print(','.join(m for m in ('sklearn', 'matplotlib.pyplot', 'scipy.sparse', 'dask', 'spacy') if m in sys.modules))"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    return {"task": "import", "seconds": both - pandas, "pandas_seconds": pandas, "with_textmine_seconds": both, "heavy_modules_imported": heavy}


# ------------------------------------------------------------------- driver


def run_in_subprocess(task: str, folder: Path, timeout: float) -> dict | None:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--task", task, "--corpus", str(folder)]
    try:
        res = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"task": task, "error": f"timeout after {timeout:.0f} s"}
    if res.returncode != 0:
        last = (res.stderr.strip().splitlines() or ["?"])[-1]
        if "ModuleNotFoundError" in res.stderr or "ImportError" in res.stderr:
            return {"task": task, "error": f"skipped ({last})"}
        return {"task": task, "error": last}
    return json.loads(res.stdout.strip().splitlines()[-1])


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError):
        mem = float("nan")
    import numpy
    import pandas
    import pyarrow

    return (
        f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, numpy {numpy.__version__}, pandas {pandas.__version__}, pyarrow {pyarrow.__version__}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[1, 10, 100], help="corpus sizes in MB")
    ap.add_argument("--tasks", nargs="+", default=None,
                    help="tasks to run (default: all); with --small-docs, among " + ", ".join(SMALL_TASKS))
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results.csv"))
    ap.add_argument("--cache", default=os.path.join(tempfile.gettempdir(), "textmine-bench"), help="where corpora are built")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds allowed per task")
    ap.add_argument("--task", help=argparse.SUPPRESS)
    ap.add_argument("--corpus", help=argparse.SUPPRESS)
    ap.add_argument("--small-docs", type=int, nargs="+", metavar="N",
                    help="instead: N documents of ~5 KB each, tasks interleaved in one process (see interleaved())")
    ap.add_argument("--rounds", type=int, default=3, help="rounds of --small-docs (the minimum is reported)")
    args = ap.parse_args(argv)
    args.tasks_given = args.tasks is not None
    if args.tasks is None:
        args.tasks = OUR_TASKS + PEER_TASKS + ["import"]
    if args.small_docs:
        return main_small(args)
    if args.task:  # worker mode
        print(json.dumps(run_task(args.task, Path(args.corpus))))
        return 0

    import pandas as pd

    cache = Path(args.cache)
    print(f"machine: {machine()}\n", flush=True)
    rows = []
    started = time.perf_counter()
    for size in args.sizes:
        folder = corpus_for(cache, size)
        for task in [t for t in args.tasks if t != "import"]:
            t0 = time.perf_counter()
            res = run_in_subprocess(task, folder, args.timeout)
            res["size_mb"] = size
            rows.append(res)
            took = time.perf_counter() - t0
            msg = res.get("error") or f"{res['seconds']:.2f} s"
            print(f"  {size:>5g} MB  {task:<16} {msg}   (process {took:.0f} s)", flush=True)
    if "import" in args.tasks:
        rows.append({**import_time(), "size_mb": None})
    table = pd.DataFrame(rows)
    table = summarise(table)
    table.insert(0, "machine", machine())
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(args.out, index=False)
    show = [c for c in ("size_mb", "task", "seconds", "mb_per_s", "m_tokens_per_s", "peak_rss_mb", "ratio_to_tokens", "ratio_to_load", "ratio_to_findall", "bytes_per_token", "compact_bytes_per_token", "core_bytes_per_token", "core_compact_bytes_per_token", "error") if c in table.columns]
    with pd.option_context("display.width", 200, "display.max_columns", 30, "display.max_rows", 200):
        print()
        print(table[show].to_string(index=False, float_format=lambda v: f"{v:.3g}"))
    print(f"\nwrote {args.out}; total {time.perf_counter() - started:.0f} s")
    return 0


def main_small(args) -> int:
    """``--small-docs``: interleaved rounds on corpora of many ~5 KB documents."""
    import pandas as pd

    print(f"machine: {machine()}\n", flush=True)
    rows = []
    for n in args.small_docs:
        folder = small_corpus_for(Path(args.cache), n)
        tasks = [t for t in args.tasks if t in SMALL_TASKS] if args.tasks_given else ["findall", "spacy", "sklearn_count", "load"]
        for row in interleaved(folder, rounds=args.rounds, tasks=tasks):
            rows.append({**row, "size_mb": round(row["bytes"] / 1e6, 2)})
    table = pd.DataFrame(rows)
    table["ms_per_doc"] = table["seconds"] / table["documents"] * 1e3
    table["mb_per_s"] = table["bytes"] / 1e6 / table["seconds"]
    ours = table[table["task"] == "load"].set_index("documents")["seconds"]
    # how fast textmine is against each peer: peer time / textmine time
    # each task's time over the load's: for a peer, the "peer ÷ textmine" speed ratio;
    # for read_parquet, read_frame and dask, below 1 is faster than loading
    table["ratio_to_load"] = table["seconds"] / table["documents"].map(ours)
    table.insert(0, "machine", machine())
    out = Path(args.out) if args.out != str(ROOT / "benchmarks" / "results.csv") else ROOT / "benchmarks" / "small_docs.csv"
    table.to_csv(out, index=False)
    with pd.option_context("display.width", 200, "display.max_columns", 30):
        print(table[["documents", "task", "seconds", "ms_per_doc", "mb_per_s", "ratio_to_load", "peak_rss_mb"]].to_string(index=False, float_format=lambda v: f"{v:.3g}"))
    print(f"\nwrote {out}")
    return 0


def summarise(table):
    """Add MB/s, tokens/s and ratios (each time divided by ours on the same corpus)."""
    import numpy as np

    t = table.copy()
    if "seconds" not in t.columns:
        t["seconds"] = np.nan
    if "bytes" in t.columns:
        t["mb_per_s"] = t["bytes"] / 1e6 / t["seconds"]
    if "tokens" in t.columns:
        t["m_tokens_per_s"] = t["tokens"] / 1e6 / t["seconds"]
    for ref in ("tokens", "load", "findall"):
        base = t[t["task"] == ref].set_index("size_mb")["seconds"]
        t[f"ratio_to_{ref}"] = t["seconds"] / t["size_mb"].map(base)
    for col in ("timings", "rows"):
        if col in t.columns:
            t[col] = t[col].map(lambda v: json.dumps(v) if isinstance(v, dict) else v)
    return t


if __name__ == "__main__":
    sys.exit(main())
