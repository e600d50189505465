"""Reading small user tables (events, periods): one loader, one year-column check.

Internal: shared by :mod:`textmine.dates` (:func:`~textmine.dates.read_events`)
and :mod:`textmine.periods` (:func:`~textmine.periods.read_periods`), not part
of the public API. Messages name the public function, the file (or "the X
frame") and the line, as every textmine error does.
"""

from __future__ import annotations

import os
import re

import numpy as np
import pandas as pd

from .errors import InputError

__all__ = ["read_table", "int_column"]

_WHOLE_NUMBER = re.compile(r"\s*-?\d+\s*")


def read_table(path_or_frame, *, func: str, what: str) -> tuple[pd.DataFrame, str]:
    """A frame plus a description of where it came from (for messages).

    A DataFrame is returned with a fresh RangeIndex (``"the {what} frame"``);
    a path is read as CSV with every cell a string (``repr(path)``).
    """
    if isinstance(path_or_frame, pd.DataFrame):
        return path_or_frame.reset_index(drop=True), f"the {what} frame"
    if isinstance(path_or_frame, (str, os.PathLike)):
        path = os.fspath(path_or_frame)
        if not os.path.exists(path):
            raise FileNotFoundError(f"{func}: no such file: {path!r}.")
        try:
            frame = pd.read_csv(path, dtype="str", keep_default_na=False, na_values=[""])
        except (pd.errors.ParserError, UnicodeDecodeError) as exc:
            raise InputError(f"{func}: could not read {path!r} as CSV: {exc}") from exc
        return frame, repr(path)
    raise TypeError(f"{func}: expected a DataFrame or a path to a CSV file, got {type(path_or_frame).__name__}.")


def _whole(v) -> int | None:
    """*v* as an int when it is a whole number (int, integral float, digit string), else None."""
    if isinstance(v, (int, np.integer)) and not isinstance(v, bool):
        return int(v)
    if isinstance(v, (float, np.floating)) and np.isfinite(v) and float(v).is_integer():
        return int(v)
    if isinstance(v, str) and _WHOLE_NUMBER.fullmatch(v):
        return int(v)
    return None


def int_column(col: pd.Series, name: str, *, func: str, where: str) -> np.ndarray:
    """The column as ``int64`` years; ``InputError`` naming the line (data rows start at line 2) otherwise."""
    out = np.empty(len(col), dtype=np.int64)
    for i, v in enumerate(col.tolist()):
        y = _whole(v)
        if y is None:
            raise InputError(
                f"{func}: {where} line {i + 2}: {name} is {v!r}, expected a whole year such as 1917; fix that cell."
            )
        out[i] = y
    return out
