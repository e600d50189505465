"""Internals of reading many documents, shared by :func:`textmine.load_corpus`,
:mod:`textmine.storage` and :mod:`textmine.dask`.

Internal module (not part of the public API): the progress bar, the check of
a user's metadata table, and which frames to compute while streaming files.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from ._frames import require_columns
from .errors import InputError

__all__ = ["FRAMES", "progress_bar", "corpus_metadata", "frames_to_compute"]

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
