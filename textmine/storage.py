"""Parquet storage: parse a corpus once, reload its frames in seconds.

Layout of a folder written by :func:`to_parquet` (a dataset: one file per
batch of documents and frame, so a corpus is read whole in a few
multi-threaded reads, or a few documents at a time, or by Dask)::

    folder/
        textmine.json              format, frames, column dtypes, documents
        documents.parquet          one row per document (see Corpus.documents),
                                   with ``part``: the file holding its rows
        texts/part-000000.parquet  doc_id, text (the normalized texts)
        header/part-000000.parquet
        paragraphs/part-000000.parquet
        sentences/...  tokens/...  quotations/...  citations/...  dates/...

``part-NNNNNN`` is the batch's position in the corpus (file names never
depend on a ``doc_id``, which may hold any character). A part holds the rows
of its documents in corpus order, each document's rows together, every row
with its ``doc_id``; the batches are the Corpus's (:func:`textmine.load_corpus`
reads files in batches of about 8 MiB; a Corpus made of Documents is one
batch). Column dtypes (``str``, categorical with its categories, nullable
``Int32``...) are recorded in ``textmine.json`` and restored on reading, so
reloaded frames equal the frames written. Integer columns are delta-encoded
(``DELTA_BINARY_PACKED``).

Format versions: 3 (this one) lets a part hold many documents; 2 held one
document per part file, ``doc_id`` categorical and int32 ids and offsets;
1 (before) held int64 ids and a ``str`` ``doc_id``. Folders of every
version are read (a version 2 or 1 folder is a dataset whose parts hold
one document each), each with the dtypes it recorded; a textmine that
knows only an older version refuses a newer folder with a clear message.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from ._corpus import FRAMES, Batch, attach, batch_frame, corpus_batches, progress_bar
from ._frames import require_frame
from ._parquet import (
    FORMAT,
    VERSION,
    dtype_spec,
    part_name,
    parts_of,
    prepare_folder,
    read_parts,
    read_documents,
    read_manifest,
    restore_dtypes,
    write_table,
)
from .errors import InputError

__all__ = ["FRAMES", "to_parquet", "read_parquet", "read_frame", "compact_tokens"]



def to_parquet(
    corpus,
    folder: str | os.PathLike,
    *,
    frames: Sequence[str] | None = None,
    overwrite: bool = False,
    compression: str = "zstd",
    progress: bool | None = None,
) -> Path:
    """Write every frame of every document of *corpus* to *folder* as Parquet.

    Parameters
    ----------
    corpus : textmine.Corpus, textmine.Document or iterable of Documents
        Each batch's frames are computed (if not yet) and written, one file
        per batch and frame (see the module docs for the layout).
    folder : path
        Created if needed. It must be empty, or a folder written by this
        function with ``overwrite=True``.
    frames : sequence of str, optional
        Subset of :data:`FRAMES` to write (default: all).
    compression : str
        Parquet codec (``"zstd"``, ``"snappy"``, ``"gzip"``, ``"none"``).
    progress : bool, optional
        Show a tqdm progress bar over the batches (default: when there are
        several and tqdm is installed).

    Returns
    -------
    pathlib.Path
        The folder; read it back with :func:`read_parquet`.
    """
    from .document import Corpus, Document

    func = "textmine.to_parquet"
    if isinstance(corpus, Document):
        corpus = Corpus([corpus])
    elif not isinstance(corpus, Corpus):
        if isinstance(corpus, Iterable) and not isinstance(corpus, (str, bytes)):
            docs = list(corpus)
            bad = [type(d).__name__ for d in docs if not isinstance(d, Document)]
            if bad:
                raise TypeError(f"{func}: expected Documents, got {bad[0]}.")
            corpus = Corpus(docs)
        else:
            raise TypeError(f"{func}: expected a textmine.Corpus or Document, got {type(corpus).__name__}.")
    if not len(corpus):
        raise InputError(f"{func}: the corpus has no documents; nothing to write.")
    names = list(FRAMES if frames is None else frames)
    unknown = [f for f in names if f not in FRAMES]
    if unknown:
        raise InputError(f"{func}: unknown frame {unknown[0]!r}; choose from {list(FRAMES)}.")
    out = Path(folder)
    prepare_folder(out, overwrite=overwrite, func=func)
    metadata = corpus.documents
    specs: dict[str, list] = {}
    for name in ("texts", *names):
        (out / name).mkdir(parents=True, exist_ok=True)
    parts = corpus_batches(corpus)
    show = progress if progress is not None else len(parts) > 1
    from concurrent.futures import ThreadPoolExecutor

    # A batch's frames are built here (Python); Arrow encodes and compresses
    # the files in two threads meanwhile (it releases the GIL).
    part_of: list[str] = []
    with ThreadPoolExecutor(max_workers=2) as pool:
        pending = []
        for i, batch in enumerate(progress_bar(parts, show, "writing Parquet", unit="batch")):
            part_of += [part_name(i)] * len(batch.docs)
            texts = pd.DataFrame({"doc_id": pd.Series(batch.doc_ids, dtype="str"), "text": pd.Series([d.text for d in batch.docs], dtype="str")})
            pending.append(pool.submit(write_table, texts, out / "texts" / part_name(i), compression))
            for name in names:
                frame = batch_frame(batch, name)
                specs.setdefault(name, dtype_spec(frame))
                pending.append(pool.submit(write_table, frame, out / name / part_name(i), compression))
            for f in pending[:-16]:  # bounded: at most a few batches' frames waiting
                f.result()
            pending = pending[-16:]
        for f in pending:
            f.result()
    docs = list(corpus)
    docs_frame = metadata.copy()
    docs_frame["part"] = pd.Series(part_of, dtype="str")
    docs_frame["body_start"] = np.array([d.body_start for d in docs], dtype=np.int64)
    for field in ("encoding", "bom_removed", "newlines_converted", "nfc_changed"):
        docs_frame[f"normalization_{field}"] = [getattr(d.normalization, field) for d in docs]
    write_table(docs_frame, out / "documents.parquet", compression)
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "frames": names,
        "n_documents": len(docs),
        "n_parts": len(parts),
        "dtypes": {name: specs[name] for name in names},
        "documents_dtypes": dtype_spec(docs_frame),
    }
    (out / "textmine.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return out


def _wanted(docs: pd.DataFrame, doc_ids, folder: Path, func: str) -> list[str] | None:
    if doc_ids is None:
        return None
    if isinstance(doc_ids, str):
        raise TypeError(f"{func}: doc_ids must be a list of doc_ids, not one string; pass [{doc_ids!r}].")
    wanted = [str(d) for d in doc_ids]
    known = set(docs["doc_id"].astype("str"))
    unknown = [d for d in wanted if d not in known]
    if unknown:
        raise InputError(f"{func}: no document {unknown[0]!r} in {str(folder)!r}.")
    return wanted


def read_frame(
    folder: str | os.PathLike,
    frame: str,
    *,
    doc_ids: Iterable[str] | None = None,
    columns: Sequence[str] | None = None,
) -> pd.DataFrame:
    """One frame of a saved corpus, all documents concatenated in corpus order.

    The fast way back to a large table: no Document objects are built.

    Parameters
    ----------
    folder : path
        Written by :func:`to_parquet` (or :func:`textmine.dask.to_parquet`).
    frame : str
        ``"tokens"``, ``"paragraphs"``... or ``"texts"``.
    doc_ids : iterable of str, optional
        Read only these documents, in this order.
    columns : sequence of str, optional
        Read only these columns.
    """
    func = "textmine.read_frame"
    folder = Path(folder)
    manifest = read_manifest(folder, func)
    names = [*manifest["frames"], "texts"]
    if frame not in names:
        raise InputError(f"{func}: no frame {frame!r} in {str(folder)!r}; it holds {names}.")
    docs = read_documents(folder, manifest)
    wanted = _wanted(docs, doc_ids, folder, func)
    spec = manifest["dtypes"].get(frame) or [{"column": "doc_id", "dtype": "str"}, {"column": "text", "dtype": "str"}]
    if columns is not None:
        columns = list(columns)
        bad = [c for c in columns if c not in {s["column"] for s in spec}]
        if bad:
            raise InputError(f"{func}: frame {frame!r} has no column {bad[0]!r}.")
        spec = [s for s in spec if s["column"] in columns]
    read_ids = docs["doc_id"].astype("str").tolist() if wanted is None else wanted
    table = read_parts(folder / frame, parts_of(docs, wanted), columns, wanted)
    if table is None:
        return restore_dtypes(pd.DataFrame({s["column"]: [] for s in spec}), spec, [])
    return restore_dtypes(table.to_pandas(), spec, read_ids)


def read_parquet(folder: str | os.PathLike, *, doc_ids: Iterable[str] | None = None, progress: bool | None = None):
    """Reload a corpus saved with :meth:`textmine.Corpus.to_parquet`.

    Returns a :class:`textmine.Corpus` whose Documents hold the saved text
    and frames; nothing is parsed again. Each saved batch becomes a batch of
    the Corpus: its frames are read as one table per frame, and the
    Documents read their rows from them. (For one big table without
    Documents, :func:`read_frame` is faster still.)

    Parameters
    ----------
    folder : path
    doc_ids : iterable of str, optional
        Reload only these documents, in this order.
    progress : bool, optional
        tqdm progress bar over the batches (default: several batches, if
        tqdm is installed).

    Examples
    --------
    >>> corpus.to_parquet("cache/corpus")          # doctest: +SKIP
    >>> corpus = tm.read_parquet("cache/corpus")   # doctest: +SKIP
    """
    from .document import Corpus, Document
    from .reading import Normalization

    func = "textmine.read_parquet"
    folder = Path(folder)
    manifest = read_manifest(folder, func)
    docs = read_documents(folder, manifest)
    wanted = _wanted(docs, doc_ids, folder, func)
    if wanted is not None:
        docs = docs.set_index("doc_id").loc[wanted].reset_index()
    frames = list(manifest["frames"])
    runs = parts_of(docs, None)  # consecutive documents of one file: one batch
    show = progress if progress is not None else len(runs) > 1
    parts = []
    rows = docs.to_dict("records")
    for part, a, b in progress_bar(runs, show, "reading Parquet", unit="batch"):
        run = rows[a:b]
        ids = [str(r["doc_id"]) for r in run]
        texts = read_parts(folder / "texts", [(part, 0, len(run))], None, ids).column("text").to_pylist()
        batch_docs = []
        for row, text in zip(run, texts):
            norm = Normalization(
                row["normalization_encoding"], bool(row["normalization_bom_removed"]),
                int(row["normalization_newlines_converted"]), bool(row["normalization_nfc_changed"]), row["sha256"],
            )
            layout = row.get("layout") if isinstance(row.get("layout"), str) else "auto"  # as loaded, even if forced
            doc = Document(text, doc_id=row["doc_id"], header=None if "header" in frames else False, normalization=norm,
                           source=row.get("source"), layout=layout)
            if doc.body_start != row["body_start"]:
                doc = Document(text, doc_id=row["doc_id"], header=False, normalization=norm, source=row.get("source"),
                               layout=layout)
            batch_docs.append(doc)
        batch = Batch(batch_docs)
        for name in frames:
            table = read_parts(folder / name, [(part, 0, len(run))], None, ids)
            batch.frames[name] = restore_dtypes(table.to_pandas(), manifest["dtypes"][name], ids)
        attach(batch, [f for f in frames if f != "header"])
        parts.append(batch)
    extra = [c for c in docs.columns if c not in _BUILTIN_DOC_COLUMNS and c != "doc_id"]
    metadata = docs[["doc_id", *extra]] if extra else None
    return Corpus._from_batches(parts, metadata=metadata)


_BUILTIN_DOC_COLUMNS = {
    "part", "body_start", "normalization_encoding", "normalization_bom_removed",
    "normalization_newlines_converted", "normalization_nfc_changed",
}


def compact_tokens(tokens: pd.DataFrame) -> pd.DataFrame:
    """A smaller copy of a token frame for large corpora: categorical strings.

    ``token`` and ``norm`` become categorical (one small integer code per
    token instead of a string), as does ``doc_id`` if it is not already;
    ids and offsets (``token_id, para_id, sent_id, start, end``) are
    narrowed to int32 and ``quote_id`` to ``Int32`` if a frame still has
    them wider (e.g. from files written before they were int32). Other
    columns are kept. The functions of textmine accept either form; note
    that ``value_counts`` on a categorical column also lists the categories
    that no row of a filtered frame holds (with count 0).

    Returns
    -------
    DataFrame
        Same rows and columns, a fresh RangeIndex.
    """
    require_frame(tokens, func="textmine.compact_tokens", arg="tokens", hint="pass a token frame, e.g. corpus.tokens")
    out = tokens.copy(deep=False)
    for col in ("token_id", "para_id", "sent_id", "start", "end"):
        if col in out.columns:
            values = out[col].to_numpy()
            if len(values) and (values.max() > np.iinfo(np.int32).max or values.min() < np.iinfo(np.int32).min):
                raise InputError(f"textmine.compact_tokens: column {col!r} holds values beyond int32; keep int64.")
            out[col] = values.astype(np.int32)
    for col in ("doc_id", "token", "norm"):
        if col in out.columns and not isinstance(out[col].dtype, pd.CategoricalDtype):
            out[col] = out[col].astype("category")
    if "quote_id" in out.columns:
        out["quote_id"] = out["quote_id"].astype("Int32")
    return out.reset_index(drop=True)
