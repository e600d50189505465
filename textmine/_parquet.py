"""Internals of the Parquet layout shared by :mod:`textmine.storage` and :mod:`textmine.dask`.

Internal module (not part of the public API). The layout itself is
documented in :mod:`textmine.storage`: one file per batch of documents and
frame (:func:`part_name`; version 2 folders hold one document per file),
documents read back in runs of one file each (:func:`parts_of`,
:func:`read_parts`), column dtypes recorded in ``textmine.json``
(:func:`dtype_spec`) and put back on reading (:func:`restore_dtypes`),
integer columns delta-encoded (:func:`write_table`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from .errors import InputError
from .spans import doc_id_dtype

__all__ = [
    "FORMAT", "VERSION", "part_name", "dtype_spec", "restore_dtypes", "write_table",
    "prepare_folder", "read_manifest", "read_documents", "parts_of", "read_parts",
]

#: ``format`` recorded in ``textmine.json``.
FORMAT = "textmine-parquet"
#: Layout version written (see :mod:`textmine.storage` for what each version holds).
VERSION = 3


def part_name(i: int) -> str:
    return f"part-{i:06d}.parquet"


def dtype_spec(frame: pd.DataFrame) -> list[dict[str, Any]]:
    out = []
    for col, dtype in frame.dtypes.items():
        spec: dict[str, Any] = {"column": str(col), "dtype": str(dtype)}
        if col == "doc_id" and isinstance(dtype, pd.CategoricalDtype):
            # categories are the documents read back, in corpus order (see restore_dtypes)
            spec["dtype"] = "doc_id"
        elif isinstance(dtype, pd.CategoricalDtype):
            spec["dtype"] = "category"
            spec["categories"] = [str(c) for c in dtype.categories]
            spec["ordered"] = bool(dtype.ordered)
        out.append(spec)
    return out


def restore_dtypes(frame: pd.DataFrame, spec: list[dict[str, Any]], doc_ids: Sequence[str] | None = None) -> pd.DataFrame:
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


def write_table(frame: pd.DataFrame, path: Path, compression: str) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(frame, preserve_index=False)
    # Dictionary pages cost time and, for these frames, space; dtypes are
    # restored from textmine.json on reading anyway. Ids and offsets rise
    # steadily, so delta encoding stores them in a few bits each (about a
    # third of the size of plain pages, and faster to read).
    delta = {f.name: "DELTA_BINARY_PACKED" for f in table.schema if pa.types.is_integer(f.type)}
    pq.write_table(table, path, compression=compression, use_dictionary=False, column_encoding=delta or None)


def prepare_folder(out: Path, *, overwrite: bool, func: str) -> None:
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



def read_manifest(folder: Path, func: str) -> dict:
    path = folder / "textmine.json"
    if not folder.is_dir():
        raise FileNotFoundError(f"{func}: no such folder: {str(folder)!r}")
    if not path.exists():
        raise InputError(f"{func}: {str(folder)!r} holds no textmine.json; write it with corpus.to_parquet(folder) first.")
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT or manifest.get("version", 0) > VERSION:
        raise InputError(f"{func}: {str(folder)!r} was written in an unknown format ({manifest.get('format')!r} v{manifest.get('version')}).")
    return manifest


def read_documents(folder: Path, manifest: dict) -> pd.DataFrame:
    import pyarrow.parquet as pq

    frame = pq.read_table(folder / "documents.parquet").to_pandas()
    return restore_dtypes(frame, manifest["documents_dtypes"])


def parts_of(docs: pd.DataFrame, wanted: Sequence[str] | None = None) -> list[tuple[str, int, int]]:
    """Runs ``(part, start, end)`` of consecutive documents held by one file.

    *docs* is the documents table (``doc_id``, ``part``), in corpus order;
    with *wanted* the documents are taken in that order instead. ``start``
    and ``end`` index the documents so ordered.
    """
    if wanted is not None:
        where = dict(zip(docs["doc_id"].astype("str"), docs["part"].astype("str")))
        parts = [where[d] for d in wanted]
    else:
        parts = docs["part"].astype("str").tolist()
    runs: list[tuple[str, int, int]] = []
    for i, part in enumerate(parts):
        if runs and runs[-1][0] == part:
            runs[-1] = (part, runs[-1][1], i + 1)
        else:
            runs.append((part, i, i + 1))
    return runs


def read_parts(folder: Path, runs: list[tuple[str, int, int]], columns: Sequence[str] | None, ids: Sequence[str] | None):
    """The rows of the documents *ids* (in that order) from the files of *runs*,
    as one Arrow table (``None`` if there are no runs). ``ids=None``: every
    row of the files, in file order. A file is read once, whatever its runs."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    files = list(dict.fromkeys(part for part, _, _ in runs))
    if not files:
        return None
    read = None if columns is None else list(dict.fromkeys(["doc_id", *columns]))
    paths = [str(folder / f) for f in files]
    try:  # one multi-threaded read when every file has the same schema
        table = pq.ParquetDataset(paths).read(columns=read)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        table = pa.concat_tables([pq.read_table(p, columns=read) for p in paths], promote_options="permissive")
    if ids is not None:
        doc = table.column("doc_id")
        if pa.types.is_dictionary(doc.type):
            doc = doc.cast(pa.string())
        position = pc.index_in(doc, value_set=pa.array(list(ids), type=pa.string()))
        keep = pc.is_valid(position)
        if not pc.all(keep).as_py():
            table, position = table.filter(keep), position.filter(keep)
        order = pc.sort_indices(position)  # stable: each document's rows keep their order
        if len(order) and not pc.all(pc.equal(order, pa.array(range(len(order)), type=order.type))).as_py():
            table = table.take(order)
    if columns is not None and "doc_id" not in columns:
        table = table.drop_columns(["doc_id"])
    return table
