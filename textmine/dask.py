"""Beyond one machine: the same batch code as :func:`textmine.load_corpus`, run by Dask.

The files are cut into batches (partitions of files, by size: several per
worker thread, at most 8 MiB of text each); every batch is parsed by one
Dask task with exactly the code of
:func:`textmine.load` per file (and :func:`textmine.assign_periods` when a
periods table is given) and its frames built as one DataFrame per frame, as
:class:`textmine.Corpus` builds them. Each frame becomes a Dask DataFrame
with one partition per batch and the same columns, dtypes and rows as on
one machine. Run it on a
laptop's cores or on a ``dask.distributed`` cluster (create a ``Client``
first; Dask then uses it)::

    from dask.distributed import Client
    import textmine.dask as tmd

    client = Client("scheduler-address:8786")        # or LocalCluster()
    corpus = tmd.load_corpus("volumes/", periods="data/periods.csv")
    corpus.to_parquet("cache/volumes")                # parsed once, in parallel
    counts = tmd.term_counts(corpus.tokens, by="period")

A folder written by :meth:`DaskCorpus.to_parquet` has the layout of
:func:`textmine.storage.to_parquet`, so ``tm.read_parquet`` and
``textmine.storage.read_frame`` read it on one machine, and :func:`read_frame`
reads it back into Dask.

Dask (``pip install 'textmine[scale]'``) is optional: this module imports it
when used, and nothing else in textmine needs it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from ._failures import check_on_error, report, try_file
from ._corpus import BATCH_BYTES, FRAMES, batches, concat_frames
from ._parquet import FORMAT, VERSION, dtype_spec, part_name, prepare_folder, read_documents, read_manifest, restore_dtypes, write_table
from .errors import InputError, TextmineError
from .spans import doc_id_dtype

__all__ = ["DaskCorpus", "load_corpus", "term_counts", "read_frame", "align_quotations"]


def _require_dask():
    try:
        import dask  # noqa: F401
        import dask.dataframe as dd
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError(
            "textmine.dask needs Dask: pip install 'textmine[scale]' (dask[distributed])."
        ) from None
    return dd


def _paths(paths_or_folder, pattern: str, func: str) -> list[Path]:
    if isinstance(paths_or_folder, (str, os.PathLike)):
        p = Path(paths_or_folder)
        if p.is_file():
            return [p]
        if not p.exists():
            raise FileNotFoundError(f"{func}: no such folder: {str(p)!r}")
        paths = sorted(q for q in p.glob(pattern) if q.is_file())
        if not paths:
            raise InputError(f"{func}: no files matching {pattern!r} in {str(p)!r}.")
        return paths
    if isinstance(paths_or_folder, Iterable):
        paths = [Path(q) for q in paths_or_folder]
        if not paths:
            raise InputError(f"{func}: the list of paths is empty.")
        return paths
    raise TypeError(f"{func}: expected a folder or a list of paths, got {type(paths_or_folder).__name__}.")


def _check(paths: list[str], options: dict[str, Any]) -> list[str | None]:
    """Read, decode and split each file as :func:`textmine.load` does; each one's error, if any (runs on a worker)."""
    from .document import load

    return [try_file(lambda: load(path, **options))[1] for path in paths]


def _parse(paths: list[str], options: dict[str, Any], periods) -> dict[str, Any]:
    """One batch's frames, one DataFrame per frame (runs on a worker)."""
    from .document import Corpus, load

    docs, errors = [], []
    for path in paths:
        try:
            doc = load(path, **options)
            if periods is not None:
                from .periods import assign_periods

                doc = assign_periods(doc, periods)
            docs.append(doc)
        except (OSError, TextmineError) as exc:
            errors.append(f"{path}: {exc}")
    if errors:
        return {"error": errors[0], "errors": errors}
    batch = Corpus(docs)
    frames = {name: getattr(batch, name) for name in FRAMES}
    rows = batch.documents
    rows["body_start"] = [d.body_start for d in docs]
    for field in ("encoding", "bom_removed", "newlines_converted", "nfc_changed"):
        rows[f"normalization_{field}"] = [getattr(d.normalization, field) for d in docs]
    frames["texts"] = pd.DataFrame({"doc_id": pd.Series([d.doc_id for d in docs], dtype="str"), "text": pd.Series([d.text for d in docs], dtype="str")})
    frames["documents"] = rows
    frames["error"] = None
    return frames


def _frame_of(parsed: dict[str, Any], name: str, meta: pd.DataFrame) -> pd.DataFrame:
    if parsed.get("error") is not None:
        # the file was read when the corpus was loaded (load_corpus checks every file), so it changed
        # or vanished since: a frame never silently leaves a document out
        raise TextmineError(f"textmine.dask: {parsed['error']} (the file could be read when the corpus was loaded)")
    frame = parsed.get(name)
    if frame is None:
        return meta.iloc[:0].copy()
    if name == "documents":
        return frame
    # every partition gets the corpus's doc_id categories (those of the meta)
    if isinstance(meta["doc_id"].dtype, pd.CategoricalDtype):
        doc_ids = list(meta["doc_id"].cat.categories)
        if isinstance(frame["doc_id"].dtype, pd.CategoricalDtype):
            frame = concat_frames([frame], doc_ids)  # the batch's codes mapped onto the corpus's
        return restore_dtypes(frame.copy(deep=False), dtype_spec(meta), doc_ids)
    return restore_dtypes(frame.copy(), dtype_spec(meta), None)


def _meta(options: dict[str, Any], periods, doc_ids: list[str]) -> dict[str, pd.DataFrame]:
    """Empty frames with the columns and dtypes every partition will have
    (``doc_id`` categorical over *doc_ids*, as in :class:`textmine.Corpus`)."""
    from .document import parse

    sample = "Title\n\nA first sentence (Ibid., p. 3) in 1917. “A quotation,” he said.\n\nA second paragraph."
    opts = {k: v for k, v in options.items() if k not in ("encoding",)}
    doc = parse(sample, doc_id="meta", **opts)
    if periods is not None:
        from .periods import assign_periods

        doc = assign_periods(doc, periods)
    dtype = doc_id_dtype(doc_ids)
    out = {name: getattr(doc, name).iloc[:0].astype({"doc_id": dtype}) for name in FRAMES}
    out["texts"] = pd.DataFrame({"doc_id": pd.Series([], dtype="str"), "text": pd.Series([], dtype="str")})
    return out


class DaskCorpus:
    """The frames of a corpus as Dask DataFrames, one partition per batch of files.

    Attributes
    ----------
    header, paragraphs, sentences, tokens, quotations, citations, dates, texts : dask.dataframe.DataFrame
        Same columns and dtypes as :class:`textmine.Corpus` frames.
    paths : list of str
        The files read (those that failed are not in it; ``len()`` counts these).
    failures : DataFrame
        ``path, error`` for files that could not be read (``on_error="skip"``),
        as :attr:`textmine.Corpus.failures`.
    """

    def __init__(self, parsed: list, paths: list[Path], meta: dict[str, pd.DataFrame], failures: pd.DataFrame | None = None):
        dd = _require_dask()
        from dask import delayed

        self._parsed = parsed
        self.paths = [str(p) for p in paths]
        self._meta = meta
        self.failures = report([], 0, on_error="skip", func="") if failures is None else failures
        for name, m in meta.items():
            parts = [delayed(_frame_of)(p, name, m) for p in parsed]
            setattr(self, name, dd.from_delayed(parts, meta=m, verify_meta=False))

    def __len__(self) -> int:
        return len(self.paths)

    def persist(self) -> "DaskCorpus":
        """Parse every batch now and keep the results in the workers' memory,
        so later computations (several frames, counts, ``to_parquet``) do not parse again."""
        import dask

        return DaskCorpus(list(dask.persist(*self._parsed)), [Path(p) for p in self.paths], self._meta, self.failures)

    def __repr__(self) -> str:
        return f"<textmine.dask.DaskCorpus: {len(self.paths)} documents>"

    def documents(self) -> pd.DataFrame:
        """Computed: one row per document read (as :attr:`textmine.Corpus.documents`)."""
        import dask

        parsed = dask.compute(*self._parsed)
        rows = [p["documents"] for p in parsed if p.get("error") is None]
        drop = [c for c in rows[0].columns if c == "body_start" or c.startswith("normalization_")] if rows else []
        ids = list(self._meta["tokens"]["doc_id"].cat.categories)
        return concat_frames(rows, ids).drop(columns=drop) if rows else pd.DataFrame()

    def to_parquet(self, folder: str | os.PathLike, *, overwrite: bool = False, compression: str = "zstd") -> Path:
        """Parse every batch (in parallel) and write the layout of :func:`textmine.storage.to_parquet`
        (one file per batch and frame).

        Files that cannot be read are reported together at the end, as one
        :class:`textmine.TextmineError`, after the others are written.
        """
        import dask
        from dask import delayed

        func = "textmine.dask.DaskCorpus.to_parquet"
        out = Path(folder)
        prepare_folder(out, overwrite=overwrite, func=func)
        names = [*FRAMES, "texts"]
        for name in names:
            (out / name).mkdir(parents=True, exist_ok=True)
        writes = []
        for i, p in enumerate(self._parsed):
            for name in names:
                part = delayed(_frame_of)(p, name, self._meta[name])
                writes.append(delayed(_write)(part, str(out / name / part_name(i)), compression))
        docs = [delayed(_doc_row)(p, part_name(i)) for i, p in enumerate(self._parsed)]
        results = dask.compute(*writes, *docs)
        rows = results[len(writes):]
        failed = [e for r in rows if isinstance(r, list) for e in r]
        good = [r for r in rows if not isinstance(r, list)]
        if good:
            docs_frame = concat_frames(good, [str(d) for r in good for d in r["doc_id"]])
            write_table(docs_frame, out / "documents.parquet", compression)
            manifest = {
                "format": FORMAT,
                "version": VERSION,
                "frames": list(FRAMES),
                "n_documents": len(docs_frame),
                "n_parts": len(self._parsed),
                "dtypes": {name: dtype_spec(self._meta[name]) for name in FRAMES},
                "documents_dtypes": dtype_spec(docs_frame),
            }
            (out / "textmine.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        if failed:
            listing = "\n".join(f"  - {f}" for f in failed)
            raise TextmineError(f"{func}: {len(failed)} of {len(self.paths)} files could not be read (the other batches are written):\n{listing}")
        return out


def _write(frame: pd.DataFrame, path: str, compression: str) -> None:
    write_table(frame, Path(path), compression)


def _doc_row(parsed: dict[str, Any], part: str):
    if parsed.get("error") is not None:
        return parsed["errors"]
    docs = parsed["documents"].copy()
    docs.insert(len(docs.columns), "part", pd.Series([part] * len(docs), dtype="str"))
    cols = [c for c in docs.columns if c not in ("body_start", "part") and not c.startswith("normalization_")]
    rest = ["part", "body_start"] + [c for c in docs.columns if c.startswith("normalization_")]
    return docs[cols + rest]


def load_corpus(
    paths_or_folder: str | os.PathLike | Iterable[str | os.PathLike],
    *,
    pattern: str = "*.txt",
    periods: pd.DataFrame | str | os.PathLike | None = None,
    on_error: str = "raise",
    batch_size: int | None = None,
    **options: Any,
) -> DaskCorpus:
    """Read text files lazily into a :class:`DaskCorpus` (one task per batch of files).

    Every file is first read, decoded and checked on the workers (cheap next
    to parsing; one task per batch), so failures are reported now and
    exactly as :func:`textmine.load_corpus` reports them; the frames are
    parsed lazily, one task per batch.

    Parameters
    ----------
    paths_or_folder : folder, or iterable of paths
        Paths must be readable by the workers (a shared file system).
    on_error : {"raise", "skip"}
        Every file is tried either way. ``"raise"`` then raises one
        :class:`TextmineError` listing every file that failed; ``"skip"``
        warns and records them in :attr:`DaskCorpus.failures`, and the
        corpus holds the others.
    periods : DataFrame or path, optional
        If given, every document goes through :func:`textmine.assign_periods`,
        so tokens, paragraphs, quotations and dates carry a ``period`` column.
    batch_size : int, optional
        Bytes of text per batch (one task and one partition each). Default:
        the corpus cut into about four batches per worker thread of the
        current Dask client (or per core), at most 8 MiB each.
    **options
        Passed to :func:`textmine.load` (``events``, ``header``, ``stop_words``...).
    """
    _require_dask()
    import dask
    from dask import delayed

    func = "textmine.dask.load_corpus"
    check_on_error(on_error, func)
    paths = _paths(paths_or_folder, pattern, func)
    if periods is not None and not isinstance(periods, pd.DataFrame):
        from .periods import read_periods

        periods = read_periods(periods)
    if isinstance(options.get("events"), (str, os.PathLike)):
        from .dates import read_events

        options = {**options, "events": read_events(options["events"])}
    sizes = [_size(p) for p in paths]
    if batch_size is None:
        batch_size = max(1, min(BATCH_BYTES, sum(sizes) // (4 * _threads())))
    elif isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise TypeError(f"{func}: batch_size must be a positive int (bytes), got {batch_size!r}.")
    runs = batches(sizes, batch_size)
    checked = dask.compute(*(delayed(_check, pure=True)([str(p) for p in paths[a:b]], options) for a, b in runs))
    errors = [e for batch in checked for e in batch]
    failed = [(str(p), e) for p, e in zip(paths, errors) if e is not None]
    failures = report(failed, len(paths), on_error=on_error, func=func)
    ok = [e is None for e in errors]
    if not any(ok):
        raise InputError(f"{func}: none of the files could be read.")
    groups = [[p for p, good in zip(paths[a:b], ok[a:b]) if good] for a, b in runs]
    groups = [g for g in groups if g]
    paths = [p for g in groups for p in g]
    meta = _meta(options, periods, [p.stem for p in paths])
    from dask.base import tokenize

    # a key names the batch by its files and options: another cut of the same files is another task
    parsed = [
        delayed(_parse, pure=True)(
            [str(p) for p in g], options, periods,
            dask_key_name=f"textmine-parse-{g[0].name}-{len(g)}-{tokenize([str(p) for p in g], options, periods)}",
        )
        for g in groups
    ]
    return DaskCorpus(parsed, paths, meta, failures)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # reported when the file is checked
        return 0


def _threads() -> int:
    """Worker threads of the current Dask client, else this machine's cores."""
    try:
        from dask.distributed import get_client

        return max(1, sum(get_client().nthreads().values()))
    except (ImportError, ValueError):
        return os.cpu_count() or 1


def term_counts(
    tokens,
    *,
    by: str | Sequence[str] = "period",
    term: str = "norm",
    kinds: Iterable[str] | None = ("word", "number"),
    drop_stop: bool = False,
) -> pd.DataFrame:
    """Term counts by group with a Dask groupby, computed.

    Same result as :func:`textmine.dtm.term_counts` on one machine: the *by*
    columns, ``term``, ``n`` (non-zero counts), sorted by group then term.
    """
    dd = _require_dask()
    func = "textmine.dask.term_counts"
    if not isinstance(tokens, dd.DataFrame):
        raise TypeError(f"{func}: expected a Dask DataFrame (DaskCorpus.tokens), got {type(tokens).__name__}.")
    by = [by] if isinstance(by, str) else list(by)
    missing = [c for c in [*by, term] if c not in tokens.columns]
    if missing:
        raise InputError(f"{func}: the token frame has no column {missing[0]!r}; pass periods= to load_corpus for 'period'.")
    if kinds is not None:
        tokens = tokens[tokens["kind"].isin(list(kinds))]
    if drop_stop:
        tokens = tokens[~tokens["is_stop"]]
    counts = tokens.groupby([*by, term], observed=True, sort=False).size().compute()
    out = counts.rename("n").reset_index().rename(columns={term: "term"})
    sort_keys = [out[c].cat.codes if isinstance(out[c].dtype, pd.CategoricalDtype) else out[c] for c in by]
    order = pd.DataFrame({f"k{i}": k for i, k in enumerate(sort_keys)} | {"term": out["term"]}).sort_values([*(f"k{i}" for i in range(len(by))), "term"], kind="stable").index
    out = out.loc[order].reset_index(drop=True)
    out["n"] = out["n"].astype("int64")
    out["term"] = out["term"].astype("str")
    return out


def read_frame(folder: str | os.PathLike, frame: str):
    """One frame of a saved corpus as a Dask DataFrame (one partition per file: a batch of
    documents, or one document in a version 2 folder), dtypes restored."""
    dd = _require_dask()
    func = "textmine.dask.read_frame"
    folder = Path(folder)
    manifest = read_manifest(folder, func)
    if frame not in (*manifest["frames"], "texts"):
        raise InputError(f"{func}: no frame {frame!r} in {str(folder)!r}.")
    spec = manifest["dtypes"].get(frame) or [{"column": "doc_id", "dtype": "str"}, {"column": "text", "dtype": "str"}]
    docs = read_documents(folder, manifest)
    parts = [str(folder / frame / p) for p in dict.fromkeys(docs["part"].astype("str"))]
    doc_ids = docs["doc_id"].astype("str").tolist()
    ddf = dd.read_parquet(parts)
    meta = restore_dtypes(ddf._meta.copy(), spec, doc_ids)
    return ddf.map_partitions(restore_dtypes, spec, doc_ids, meta=meta)


def align_quotations(
    doc,
    sources: str | os.PathLike | Iterable[str | os.PathLike],
    *,
    pattern: str = "*.txt",
    encoding: str | None = None,
    first_page: int = 1,
    by: str = "group",
    kinds: Iterable[str] | None = ("quotation",),
    k: int = 4,
    **options: Any,
):
    """:func:`textmine.align_quotations` with the scan of the sources on Dask.

    The quotations' query table is built once and sent to the workers; each
    task reads one source file and counts the query's seeds in it (the part
    that grows with the sources). Only the files that hold seeds are then read
    on this machine, aligned and judged, exactly as by
    :func:`textmine.align_quotations`, so the result is the same; its
    ``sources`` frame lists those files.

    Parameters
    ----------
    doc : Document
    sources : folder or iterable of paths
        Source files, readable by the workers and by this machine.
    **options
        ``margin``, ``max_gap``, ``min_similarity``, ``max_candidates`` (see
        :func:`textmine.align_quotations`).
    """
    _require_dask()
    import dask
    from dask import delayed

    from .fidelity import AlignmentPlan, count_seeds, read_sources

    func = "textmine.dask.align_quotations"
    plan = AlignmentPlan(doc, by=by, kinds=kinds, k=k)
    paths = _paths(sources, pattern, func)
    query = delayed(plan.query, traverse=False)
    counts = dask.compute(*(delayed(count_seeds, pure=True)(str(p), query, encoding=encoding, first_page=first_page) for p in paths))
    hit = [p for p, n in zip(paths, counts) if n]
    srcs = read_sources(hit, encoding=encoding, first_page=first_page) if hit else []
    return plan.judge(srcs, **options)
