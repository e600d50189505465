"""Internals of reading many documents, shared by :func:`textmine.load_corpus`,
:mod:`textmine.storage` and :mod:`textmine.dask`.

Internal module (not part of the public API): the progress bar, the check of
a user's metadata table, which frames to compute while streaming files, how
files are cut into batches of bounded size, and how a batch's frames are
built: one DataFrame per frame for the whole batch, from the documents'
column arrays (:func:`concat_frames`), never one frame per document
re-typed and concatenated by pandas; the token flags of a batch in one
pass (:func:`batch_tokens`); and how a Document of a batch reads its rows
back (:class:`BatchFrames`). The batch helpers read a Document's caches
(``_segmented``, ``_overrides``...): they are the Corpus's half of the
Document, kept here so that storage and Dask share them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from ._frames import require_columns
from .errors import InputError
from .spans import concat_by_document, containing_span, nullable_ids

__all__ = [
    "FRAMES", "BATCH_BYTES", "DOC_STRIDE", "INTERMEDIATES", "progress_bar", "corpus_metadata", "frames_to_compute",
    "batches", "concat_frames", "uniform_concat", "Batch", "BatchFrames", "doc_rows", "one_document", "own_frame",
    "prepare_frame", "batch_frame", "batch_tokens", "build_batch", "attach", "corpus_batches", "share_rows", "token_flags",
]

#: default bound on the bytes of text read and parsed together (one batch)
BATCH_BYTES = 8 * 2**20

#: Frames of a Document, in the order they are written and listed.
FRAMES = ("header", "paragraphs", "sentences", "tokens", "quotations", "citations", "dates")


def progress_bar(items, show: bool, desc: str, unit: str = "doc"):
    """*items*, wrapped in a tqdm progress bar when *show* and tqdm is installed."""
    if not show:
        return items
    try:
        from tqdm.auto import tqdm
    except ImportError:  # tqdm is optional (the "scale" extra)
        return items
    return tqdm(items, desc=desc, unit=unit)


_DOC_COLUMNS = ("doc_id", "source", "sha256", "n_chars")


def corpus_metadata(metadata, *, func: str) -> pd.DataFrame | None:
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
    require_columns(metadata, ["file"], func=func, arg="metadata",
                    hint="the metadata table needs a 'file' column holding each text's file name (e.g. 'vol01.txt')")
    clash = [c for c in metadata.columns if c in _DOC_COLUMNS]
    if clash:
        raise InputError(f"{func}: the metadata table has a column {clash[0]!r}, which textmine sets itself; rename it.")
    meta = metadata.copy()
    meta["file"] = meta["file"].astype("str").map(os.path.basename)
    dup = meta["file"][meta["file"].duplicated()].tolist()
    if dup:
        raise InputError(f"{func}: the metadata table has two rows for file {dup[0]!r}; keep one row per file.")
    return meta.reset_index(drop=True)


def frames_to_compute(frames, *, func: str) -> list[str]:
    """``"all"`` → every frame; a list of frame names → that list, checked against :data:`FRAMES`."""
    if isinstance(frames, str):
        if frames != "all":
            raise InputError(f"{func}: frames must be 'all' or a list of frame names, got {frames!r}.")
        return list(FRAMES)
    names = list(frames)
    unknown = [f for f in names if f not in FRAMES]
    if unknown:
        raise InputError(f"{func}: unknown frame {unknown[0]!r}; choose from {list(FRAMES)}.")
    return names


def batches(sizes: list[int], limit: int) -> list[tuple[int, int]]:
    """Cut items of the given *sizes* (bytes), in order, into ``[start, end)``
    runs of total size at most *limit* (an item larger than *limit* is a run
    of its own; no run is empty)."""
    out: list[tuple[int, int]] = []
    start, total = 0, 0
    for i, size in enumerate(sizes):
        if i > start and total + size > limit:
            out.append((start, i))
            start, total = i, 0
        total += size
    if start < len(sizes):
        out.append((start, len(sizes)))
    return out


def _column_arrays(frame: pd.DataFrame) -> list:
    # the arrays behind the columns, without building a Series per column
    mgr = frame._mgr
    return [mgr.iget_values(i) for i in range(frame.shape[1])]


def _concat_arrays(arrays: list):
    first = arrays[0]
    if isinstance(first, np.ndarray):
        return np.concatenate(arrays)
    return type(first)._concat_same_type(arrays)


def concat_frames(frames: list[pd.DataFrame], doc_ids: list[str]) -> pd.DataFrame:
    """The frames of several documents as one frame, one column at a time.

    Equal to :func:`textmine.spans.concat_by_document` (``doc_id``
    categorical with *doc_ids*, in this order, as categories; a fresh
    RangeIndex) but built from the column arrays: each column is one
    concatenation of the documents' arrays, ``doc_id`` is one array of
    category codes, and one DataFrame is made at the end. *frames* may be
    the frames of single documents or of batches (whose ``doc_id`` already
    uses categories among *doc_ids*). Where the frames' columns or dtypes
    differ, pandas' concatenation decides (the same result as before).
    """
    if not frames:
        raise InputError("textmine.Corpus: the corpus has no documents.")
    out = uniform_concat(frames, doc_ids)
    return concat_by_document(frames, doc_ids) if out is None else out


def uniform_concat(frames: list[pd.DataFrame], doc_ids: list[str]) -> pd.DataFrame | None:
    """:func:`concat_frames` where every frame has the same columns and dtypes
    (and its ``doc_id`` values among *doc_ids*), else ``None``. Its rows, cut
    per document by :func:`one_document`, are then exactly the documents' frames."""
    columns = list(frames[0].columns)
    if "doc_id" not in columns or any(list(f.columns) != columns for f in frames):
        return None
    arrays = [_column_arrays(f) for f in frames]
    di = columns.index("doc_id")
    dtype = pd.CategoricalDtype(pd.Index(list(dict.fromkeys(str(d) for d in doc_ids)), dtype="str"))
    position = {d: i for i, d in enumerate(dtype.categories)}
    codes = []
    for cols in arrays:
        ids = cols[di]
        if not isinstance(ids, pd.Categorical):
            return None
        # each frame's own categories, mapped to their place among doc_ids
        cats = ids.categories
        where = np.array([position.get(c, -1) for c in cats], dtype=np.int64)
        if (where < 0).any():  # a doc_id outside the corpus: pandas decides where it goes
            return None
        own = ids.codes.astype(np.int64)
        codes.append(np.where(own >= 0, where[np.maximum(own, 0)] if len(where) else own, -1))
    out = {}
    for j, name in enumerate(columns):
        if j == di:
            all_codes = np.concatenate(codes) if codes else np.zeros(0, dtype=np.int64)
            out[name] = pd.Categorical.from_codes(all_codes, dtype=dtype)
            continue
        col = [cols[j] for cols in arrays]
        first = col[0].dtype
        if any(a.dtype != first for a in col):
            return None
        out[name] = _concat_arrays(col)
    return pd.DataFrame(out, copy=False)


class Batch:
    """Documents read together, and the frames built for all of them at once.

    ``frames[name]`` is one DataFrame for the whole batch (its ``doc_id``
    categories among the corpus's doc ids, rows in document order); the
    documents' frames are its row ranges (:class:`BatchFrames`).
    """

    def __init__(self, docs):
        self.docs = list(docs)
        self.frames: dict[str, pd.DataFrame] = {}

    @property
    def doc_ids(self) -> list[str]:
        return [d.doc_id for d in self.docs]


def doc_rows(frame: pd.DataFrame, doc_id: str) -> tuple[int, int]:
    """``[start, end)`` rows of *doc_id* in a frame whose rows are in document
    order and whose ``doc_id`` categories are in that order too."""
    col = frame["doc_id"].array
    try:
        code = col.categories.get_loc(doc_id)
    except KeyError:
        return 0, 0
    codes = col.codes
    return int(np.searchsorted(codes, code, "left")), int(np.searchsorted(codes, code, "right"))


def one_document(frame: pd.DataFrame, doc_id: str) -> pd.DataFrame:
    """The rows of *doc_id* as that document's own frame (``doc_id`` with the
    one category *doc_id*, a fresh RangeIndex), as it would build it itself."""
    from .spans import doc_id_column

    a, b = doc_rows(frame, doc_id)
    out = frame.iloc[a:b].reset_index(drop=True)
    out["doc_id"] = doc_id_column(doc_id, b - a)
    return out


class BatchFrames(Mapping):
    """A Document's frames read from its batch's frames, on access.

    Holds only a reference to the batch: nothing is copied until a frame is
    asked for. Pickling (e.g. sending a Document to another process) takes
    the document's own rows, not the batch.
    """

    def __init__(self, batch: Batch, doc_id: str, names):
        self._batch, self._doc_id, self._names = batch, doc_id, tuple(names)

    def __contains__(self, name) -> bool:
        return name in self._names

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self._names:
            raise KeyError(name)
        return one_document(self._batch.frames[name], self._doc_id)

    def __iter__(self):
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __reduce__(self):
        return (dict, (dict(self.items()),))


def own_frame(doc, name: str) -> pd.DataFrame:
    """A Document's frame as it holds it (no copy: only read, to concatenate)."""
    if name in doc._overrides:
        return doc._overrides[name]
    if name == "header":
        return doc._header
    if name in ("citations", "quotations", "dates", "tokens"):
        return getattr(doc, "_" + name)
    if name in ("notes", "note_markers", "references"):  # the notes pass, where a Document has one
        return doc._notes[name]
    return doc._segmented[name]


def prepare_frame(doc, name: str) -> None:
    """Compute what :func:`build_batch` builds the frame *name* from: the frame
    itself, or for ``tokens`` the base tokens, quotation spans and citations
    (the flags are set for the whole batch at once)."""
    if name == "tokens" and not doc._overrides:
        for attr in ("_segmented", "_quotation_spans", "_citations"):
            getattr(doc, attr)
    else:
        own_frame(doc, name)


#: what a Document computes and keeps, released once its batch holds the frames
INTERMEDIATES = ("_segmented", "_notes", "_citations", "_quotation_spans", "_quotations", "_dates", "_tokens")


def batch_frame(batch: Batch, name: str) -> pd.DataFrame:
    """The frame *name* of every document of *batch*, built once and kept."""
    if name not in batch.frames:
        batch.frames[name] = concat_frames([own_frame(d, name) for d in batch.docs], batch.doc_ids)
    return batch.frames[name]


def build_batch(batch: Batch, names: list[str]) -> None:
    """Build the frames *names* of *batch* at once, and let its documents read
    them from there (their own copies and intermediates are released, so
    memory holds each frame once; a frame not built is computed again from
    the text if asked for)."""
    held = []
    for name in names:
        if name in batch.frames:
            held.append(name)
            continue
        uniform = batch_tokens(batch) if name == "tokens" else None
        frames = [] if uniform is not None else [own_frame(d, name) for d in batch.docs]
        if uniform is None:
            uniform = uniform_concat(frames, batch.doc_ids)
        batch.frames[name] = concat_frames(frames, batch.doc_ids) if uniform is None else uniform
        if uniform is not None and name != "header":  # the documents' rows are exactly theirs
            held.append(name)
    attach(batch, held)


def attach(batch: Batch, names) -> None:
    """Let the documents of *batch* read the frames *names* from the batch's
    frames, releasing what they computed themselves (a document whose frames
    were replaced, :meth:`textmine.Document.replace`, keeps its own)."""
    for d in batch.docs:
        if isinstance(d._overrides, BatchFrames) or not d._overrides:
            for attr in INTERMEDIATES:
                d.__dict__.pop(attr, None)
            d._overrides = BatchFrames(batch, d.doc_id, names)


def corpus_batches(corpus) -> list[Batch]:
    """The batches of a :class:`textmine.Corpus`, in corpus order."""
    return list(corpus._batches)


def token_flags(starts, ends, quotations: pd.DataFrame, citations: pd.DataFrame, shift=None, span_shift=(None, None)) -> dict:
    """``in_quote``, ``quote_id`` and ``in_citation`` of tokens ``[starts, ends)``.

    A token is in a quotation (a citation) when a quotation's (citation's)
    span contains it; ``quote_id`` is that quotation's id, missing outside.
    For a batch, *shift* and *span_shift* move each document's offsets apart
    (document *k* by ``k * 2**31``), so that one pass serves every document
    and no span reaches into another document.
    """
    def moved(values, by):
        values = np.asarray(values, dtype=np.int64)
        return values if by is None else values + by

    ts, te = moved(starts, shift), moved(ends, shift)
    qs, qe = moved(quotations["start"].to_numpy(), span_shift[0]), moved(quotations["end"].to_numpy(), span_shift[0])
    cs, ce = moved(citations["start"].to_numpy(), span_shift[1]), moved(citations["end"].to_numpy(), span_shift[1])
    q = containing_span(ts, te, qs, qe)
    qid = quotations["quote_id"].to_numpy(dtype=np.int64)
    values = qid[np.maximum(q, 0)] if len(qid) else np.zeros(len(q), dtype=np.int64)
    c = containing_span(ts, te, cs, ce)
    return {"in_quote": q >= 0, "quote_id": nullable_ids(values, missing=q < 0), "in_citation": c >= 0}


#: how far apart a batch's documents are laid for one pass of :func:`token_flags`
DOC_STRIDE = 2**31


def batch_tokens(batch: Batch) -> pd.DataFrame | None:
    """The token frame of every document of *batch* in one pass: the base
    tokens concatenated, then the quotation and citation flags over the
    documents laid :data:`DOC_STRIDE` apart. ``None`` where the documents'
    frames differ in dtypes (the caller then takes each document's own)."""
    docs = batch.docs
    if any(d._overrides for d in docs):
        return None
    base = uniform_concat([d._segmented["tokens"] for d in docs], batch.doc_ids)
    quotes = uniform_concat([d._quotation_spans for d in docs], batch.doc_ids)
    cites = uniform_concat([d._citations for d in docs], batch.doc_ids)
    if base is None or quotes is None or cites is None:
        return None

    def stride(frame):
        return frame["doc_id"].array.codes.astype(np.int64) * DOC_STRIDE

    flags = token_flags(base["start"], base["end"], quotes, cites, shift=stride(base), span_shift=(stride(quotes), stride(cites)))
    return base.assign(**flags)


def share_rows(parts: list[Batch], name: str, frame: pd.DataFrame) -> None:
    """Make each batch's frame *name* a row slice (a view) of *frame*, the
    batches' frames laid end to end, so that memory holds the rows once."""
    start = 0
    for batch in parts:
        n = len(batch.frames[name])
        batch.frames[name] = frame.iloc[start : start + n]
        start += n
