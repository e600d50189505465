"""Parquet storage: parse a corpus once, reload its frames in seconds.

Layout of a folder written by :func:`to_parquet` (one file per document and
frame, so a corpus can be read whole, a few documents at a time, or by Dask)::

    folder/
        textmine.json              format, frames, column dtypes, documents
        documents.parquet          one row per document (see Corpus.documents)
        texts/part-000000.parquet  doc_id, text (the normalized text)
        header/part-000000.parquet
        paragraphs/part-000000.parquet
        sentences/...  tokens/...  quotations/...  citations/...  dates/...

``part-NNNNNN`` is the document's position in the corpus (file names never
depend on a ``doc_id``, which may hold any character); every file keeps its
``doc_id`` column. Column dtypes (``str``, categorical with its categories,
nullable ``Int32``...) are recorded in ``textmine.json`` and restored on
reading, so reloaded frames equal the frames written. Integer columns are
delta-encoded (``DELTA_BINARY_PACKED``).

Format versions: 2 records ``doc_id`` as ``"doc_id"`` (categorical, its
categories the documents read, in corpus order) and holds int32 ids and
offsets; 1 (before) held int64 ids and a ``str`` ``doc_id``. Folders of
either version are read, each with the dtypes it recorded; a textmine that
only knows version 1 refuses a version 2 folder with a clear message.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .errors import InputError
from .spans import doc_id_dtype

__all__ = ["FRAMES", "to_parquet", "read_parquet", "read_frame", "compact_tokens"]

#: Frames written for every document, in this order.
FRAMES = ("header", "paragraphs", "sentences", "tokens", "quotations", "citations", "dates")
FORMAT = "textmine-parquet"
VERSION = 2


def _part(i: int) -> str:
    return f"part-{i:06d}.parquet"


def _dtype_spec(frame: pd.DataFrame) -> list[dict[str, Any]]:
    out = []
    for col, dtype in frame.dtypes.items():
        spec: dict[str, Any] = {"column": str(col), "dtype": str(dtype)}
        if col == "doc_id" and isinstance(dtype, pd.CategoricalDtype):
            # categories are the documents read back, in corpus order (see _restore)
            spec["dtype"] = "doc_id"
        elif isinstance(dtype, pd.CategoricalDtype):
            spec["dtype"] = "category"
            spec["categories"] = [str(c) for c in dtype.categories]
            spec["ordered"] = bool(dtype.ordered)
        out.append(spec)
    return out


def _restore(frame: pd.DataFrame, spec: list[dict[str, Any]], doc_ids: Sequence[str] | None = None) -> pd.DataFrame:
    """Put the recorded column order and dtypes back on a frame read from Parquet.

    A ``doc_id`` recorded as categorical gets *doc_ids* (the documents read,
    in corpus order) as its categories, plus any other value it holds.
    """
    cols = [s["column"] for s in spec]
    missing = [c for c in cols if c not in frame.columns]
    for c in missing:
        frame[c] = pd.Series([None] * len(frame), dtype="object")
    frame = frame[cols]
    for s in spec:
        col, want = s["column"], s["dtype"]
        if want == "doc_id":
            have = frame[col]
            order = doc_ids if doc_ids is not None else pd.unique(have.astype("str").dropna())
            dtype = doc_id_dtype(order, have)
            if have.dtype != dtype:
                frame[col] = have.astype("str").astype(dtype) if isinstance(have.dtype, pd.CategoricalDtype) else have.astype(dtype)
        elif want == "category":
            dtype = pd.CategoricalDtype(s["categories"], ordered=s["ordered"])
            have = frame[col]
            if not len(frame):
                frame[col] = pd.Series([], dtype=dtype)
            elif isinstance(have.dtype, pd.CategoricalDtype) and set(have.cat.categories) <= set(s["categories"]):
                if list(have.cat.categories) != s["categories"] or have.cat.ordered != s["ordered"]:
                    # unordered categoricals compare equal whatever their order: set it explicitly
                    frame[col] = have.cat.set_categories(s["categories"], ordered=s["ordered"])
            else:
                frame[col] = have.astype("str").astype(dtype)
        elif str(frame[col].dtype) != want:
            frame[col] = frame[col].astype(want)
    return frame.reset_index(drop=True)


def _write_table(frame: pd.DataFrame, path: Path, compression: str) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(frame, preserve_index=False)
    # Dictionary pages cost time and, for these frames, space; dtypes are
    # restored from textmine.json on reading anyway. Ids and offsets rise
    # steadily, so delta encoding stores them in a few bits each (about a
    # third of the size of plain pages, and faster to read).
    delta = {f.name: "DELTA_BINARY_PACKED" for f in table.schema if pa.types.is_integer(f.type)}
    pq.write_table(table, path, compression=compression, use_dictionary=False, column_encoding=delta or None)


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
        Each document's frames are computed (if not yet) and written in turn,
        one file per document and frame (see the module docs for the layout).
    folder : path
        Created if needed. It must be empty, or a folder written by this
        function with ``overwrite=True``.
    frames : sequence of str, optional
        Subset of :data:`FRAMES` to write (default: all).
    compression : str
        Parquet codec (``"zstd"``, ``"snappy"``, ``"gzip"``, ``"none"``).
    progress : bool, optional
        Show a tqdm progress bar (default: when there are 20 documents or more
        and tqdm is installed).

    Returns
    -------
    pathlib.Path
        The folder; read it back with :func:`read_parquet`.
    """
    from .document import Corpus, Document

    func = "textmine.to_parquet"
    if isinstance(corpus, Document):
        docs = [corpus]
    elif isinstance(corpus, Corpus):
        docs = list(corpus)
    elif isinstance(corpus, Iterable) and not isinstance(corpus, (str, bytes)):
        docs = list(corpus)
        bad = [type(d).__name__ for d in docs if not isinstance(d, Document)]
        if bad:
            raise TypeError(f"{func}: expected Documents, got {bad[0]}.")
    else:
        raise TypeError(f"{func}: expected a textmine.Corpus or Document, got {type(corpus).__name__}.")
    if not docs:
        raise InputError(f"{func}: the corpus has no documents; nothing to write.")
    names = list(FRAMES if frames is None else frames)
    unknown = [f for f in names if f not in FRAMES]
    if unknown:
        raise InputError(f"{func}: unknown frame {unknown[0]!r}; choose from {list(FRAMES)}.")
    out = Path(folder)
    _prepare_folder(out, overwrite=overwrite, func=func)
    metadata = getattr(corpus, "documents", None) if isinstance(corpus, Corpus) else None
    if metadata is None:
        metadata = Corpus(docs).documents
    specs: dict[str, list] = {}
    for name in ("texts", *names):
        (out / name).mkdir(parents=True, exist_ok=True)
    show = progress if progress is not None else len(docs) >= 20
    from concurrent.futures import ThreadPoolExecutor

    # Frames are computed here (Python); Arrow encodes and compresses the
    # files in two threads meanwhile (it releases the GIL).
    with ThreadPoolExecutor(max_workers=2) as pool:
        pending = []
        for i, doc in enumerate(_progress(docs, show, "writing Parquet")):
            texts = pd.DataFrame({"doc_id": pd.Series([doc.doc_id], dtype="str"), "text": pd.Series([doc.text], dtype="str")})
            pending.append(pool.submit(_write_table, texts, out / "texts" / _part(i), compression))
            for name in names:
                frame = getattr(doc, name)
                specs.setdefault(name, _dtype_spec(frame))
                pending.append(pool.submit(_write_table, frame, out / name / _part(i), compression))
            if len(pending) > 64:
                for f in pending:
                    f.result()
                pending = []
        for f in pending:
            f.result()
    docs_frame = metadata.copy()
    docs_frame["part"] = pd.Series([_part(i) for i in range(len(docs))], dtype="str")
    docs_frame["body_start"] = np.array([d.body_start for d in docs], dtype=np.int64)
    for field in ("encoding", "bom_removed", "newlines_converted", "nfc_changed"):
        docs_frame[f"normalization_{field}"] = [getattr(d.normalization, field) for d in docs]
    _write_table(docs_frame, out / "documents.parquet", compression)
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "frames": names,
        "n_documents": len(docs),
        "dtypes": {name: specs[name] for name in names},
        "documents_dtypes": _dtype_spec(docs_frame),
    }
    (out / "textmine.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return out


def _prepare_folder(out: Path, *, overwrite: bool, func: str) -> None:
    if out.exists() and not out.is_dir():
        raise InputError(f"{func}: {str(out)!r} is a file; pass a folder.")
    if out.exists() and any(out.iterdir()):
        if not (out / "textmine.json").exists():
            raise InputError(f"{func}: {str(out)!r} is not empty and was not written by textmine; pass an empty or new folder.")
        if not overwrite:
            raise InputError(f"{func}: {str(out)!r} already holds a saved corpus; pass overwrite=True to replace it.")
        import shutil

        for child in out.iterdir():
            shutil.rmtree(child) if child.is_dir() else child.unlink()
    out.mkdir(parents=True, exist_ok=True)


def _progress(items, show: bool, desc: str, unit: str = "doc"):
    """*items*, wrapped in a tqdm progress bar when *show* and tqdm is installed."""
    if not show:
        return items
    try:
        from tqdm.auto import tqdm
    except ImportError:  # tqdm is optional (the "scale" extra)
        return items
    return tqdm(items, desc=desc, unit=unit)


_DOC_COLUMNS = ("doc_id", "source", "sha256", "n_chars")


def _corpus_metadata(metadata, *, func: str) -> pd.DataFrame | None:
    """Validate a user's metadata table (DataFrame or CSV path) with a ``file`` column."""
    if metadata is None:
        return None
    if isinstance(metadata, (str, os.PathLike)):
        path = Path(metadata)
        if not path.is_file():
            raise FileNotFoundError(f"{func}: no such metadata file: {str(path)!r}")
        try:
            metadata = pd.read_csv(path)
        except pd.errors.EmptyDataError:
            raise InputError(f"{func}: the metadata file {str(path)!r} is empty; it needs a header row with a 'file' column and one row per text.") from None
        except (pd.errors.ParserError, UnicodeDecodeError) as exc:
            raise InputError(f"{func}: the metadata file {str(path)!r} is not a readable CSV: {str(exc).strip()}") from None
    if not isinstance(metadata, pd.DataFrame):
        raise TypeError(f"{func}: metadata must be a DataFrame or the path of a CSV file, got {type(metadata).__name__}.")
    if "file" not in metadata.columns:
        raise InputError(
            f"{func}: the metadata table needs a 'file' column holding each text's file name "
            f"(e.g. 'vol01.txt'); it has {list(metadata.columns)}."
        )
    clash = [c for c in metadata.columns if c in _DOC_COLUMNS]
    if clash:
        raise InputError(f"{func}: the metadata table has a column {clash[0]!r}, which textmine sets itself; rename it.")
    meta = metadata.copy()
    meta["file"] = meta["file"].astype("str").map(os.path.basename)
    dup = meta["file"][meta["file"].duplicated()].tolist()
    if dup:
        raise InputError(f"{func}: the metadata table has two rows for file {dup[0]!r}; keep one row per file.")
    return meta.reset_index(drop=True)


def _frames_to_compute(frames, *, func: str) -> list[str]:
    if isinstance(frames, str):
        if frames != "all":
            raise InputError(f"{func}: frames must be 'all' or a list of frame names, got {frames!r}.")
        return list(FRAMES)
    names = list(frames)
    unknown = [f for f in names if f not in FRAMES]
    if unknown:
        raise InputError(f"{func}: unknown frame {unknown[0]!r}; choose from {list(FRAMES)}.")
    return names


def _manifest(folder: Path, func: str) -> dict:
    path = folder / "textmine.json"
    if not folder.is_dir():
        raise FileNotFoundError(f"{func}: no such folder: {str(folder)!r}")
    if not path.exists():
        raise InputError(f"{func}: {str(folder)!r} holds no textmine.json; write it with corpus.to_parquet(folder) first.")
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT or manifest.get("version", 0) > VERSION:
        raise InputError(f"{func}: {str(folder)!r} was written in an unknown format ({manifest.get('format')!r} v{manifest.get('version')}).")
    return manifest


def _documents(folder: Path, manifest: dict) -> pd.DataFrame:
    import pyarrow.parquet as pq

    frame = pq.read_table(folder / "documents.parquet").to_pandas()
    return _restore(frame, manifest["documents_dtypes"])


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
        Read only these documents.
    columns : sequence of str, optional
        Read only these columns.
    """
    import pyarrow.parquet as pq

    func = "textmine.read_frame"
    folder = Path(folder)
    manifest = _manifest(folder, func)
    names = [*manifest["frames"], "texts"]
    if frame not in names:
        raise InputError(f"{func}: no frame {frame!r} in {str(folder)!r}; it holds {names}.")
    docs = _documents(folder, manifest)
    parts = docs["part"].tolist()
    if doc_ids is not None:
        if isinstance(doc_ids, str):
            raise TypeError(f"{func}: doc_ids must be a list of doc_ids, not one string; pass [{doc_ids!r}].")
        wanted = list(doc_ids)
        known = dict(zip(docs["doc_id"], docs["part"]))
        unknown = [d for d in wanted if d not in known]
        if unknown:
            raise InputError(f"{func}: no document {unknown[0]!r} in {str(folder)!r}.")
        parts = [known[d] for d in wanted]
    spec = manifest["dtypes"].get(frame) or [{"column": "doc_id", "dtype": "str"}, {"column": "text", "dtype": "str"}]
    if columns is not None:
        columns = list(columns)
        bad = [c for c in columns if c not in {s["column"] for s in spec}]
        if bad:
            raise InputError(f"{func}: frame {frame!r} has no column {bad[0]!r}.")
        spec = [s for s in spec if s["column"] in columns]
    paths = [str(folder / frame / p) for p in parts]
    if not paths:
        return _restore(pd.DataFrame({s["column"]: [] for s in spec}), spec, [])
    import pyarrow as pa

    try:  # one multi-threaded read when every file has the same schema
        table = pq.ParquetDataset(paths).read(columns=columns)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        tables = [pq.read_table(p, columns=columns) for p in paths]
        table = pa.concat_tables(tables, promote_options="permissive")
    read_ids = docs["doc_id"].astype("str").tolist() if doc_ids is None else wanted
    return _restore(table.to_pandas(), spec, read_ids)


def read_parquet(folder: str | os.PathLike, *, doc_ids: Iterable[str] | None = None, progress: bool | None = None):
    """Reload a corpus saved with :meth:`textmine.Corpus.to_parquet`.

    Returns a :class:`textmine.Corpus` whose Documents hold the saved text
    and frames; nothing is parsed again. (For one big table without
    Documents, :func:`read_frame` is faster.)

    Parameters
    ----------
    folder : path
    doc_ids : iterable of str, optional
        Reload only these documents.
    progress : bool, optional
        tqdm progress bar (default: 20 documents or more, if tqdm is installed).

    Examples
    --------
    >>> corpus.to_parquet("cache/corpus")          # doctest: +SKIP
    >>> corpus = tm.read_parquet("cache/corpus")   # doctest: +SKIP
    """
    import pyarrow.parquet as pq

    from .document import Corpus, Document
    from .reading import Normalization

    func = "textmine.read_parquet"
    folder = Path(folder)
    manifest = _manifest(folder, func)
    docs = _documents(folder, manifest)
    if doc_ids is not None:
        if isinstance(doc_ids, str):
            raise TypeError(f"{func}: doc_ids must be a list of doc_ids, not one string; pass [{doc_ids!r}].")
        wanted = list(doc_ids)
        missing = sorted(set(wanted) - set(docs["doc_id"]))
        if missing:
            raise InputError(f"{func}: no document {missing[0]!r} in {str(folder)!r}.")
        docs = docs.set_index("doc_id").loc[wanted].reset_index()
    frames = [f for f in manifest["frames"] if f != "header"]
    out = []
    rows = docs.to_dict("records")
    show = progress if progress is not None else len(rows) >= 20
    for row in _progress(rows, show, "reading Parquet"):
        part = row["part"]
        text = pq.read_table(folder / "texts" / part).column("text")[0].as_py()
        norm = Normalization(
            row["normalization_encoding"], bool(row["normalization_bom_removed"]),
            int(row["normalization_newlines_converted"]), bool(row["normalization_nfc_changed"]), row["sha256"],
        )
        has_header = "header" in manifest["frames"] and pq.read_metadata(folder / "header" / part).num_rows > 0
        doc = Document(text, doc_id=row["doc_id"], header=None if has_header else False, normalization=norm, source=row.get("source"))
        if doc.body_start != row["body_start"]:
            doc = Document(text, doc_id=row["doc_id"], header=False, normalization=norm, source=row.get("source"))
        loaded = {
            name: _restore(pq.read_table(folder / name / part).to_pandas(), manifest["dtypes"][name], [str(row["doc_id"])])
            for name in frames
        }
        out.append(doc.replace(**loaded))
    extra = [c for c in docs.columns if c not in _BUILTIN_DOC_COLUMNS and c != "doc_id"]
    metadata = docs[["doc_id", *extra]] if extra else None
    return _corpus(Corpus, out, metadata)


_BUILTIN_DOC_COLUMNS = {
    "part", "body_start", "normalization_encoding", "normalization_bom_removed",
    "normalization_newlines_converted", "normalization_nfc_changed",
}


def _corpus(Corpus, docs, metadata):
    try:
        return Corpus(docs, metadata=metadata)
    except TypeError:  # a Corpus without metadata support
        return Corpus(docs)


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
    if not isinstance(tokens, pd.DataFrame):
        raise TypeError(f"textmine.compact_tokens: expected a DataFrame, got {type(tokens).__name__}.")
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
