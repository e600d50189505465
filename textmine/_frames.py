"""Validation of the frames passed to public functions: one helper, one message shape.

Every public function that takes a frame checks it here, so a caller always
reads the same kind of message::

    textmine.keyness: counts lacks column(s) ['n']; did you mean 'n_'? It has
    ['period', 'term', 'n_']. Build counts with textmine.term_counts(tokens, by=...).

The message names the public function, the argument, what is missing, a
"did you mean" where a name is close, what the caller passed (its columns)
and the fix. A value that is not a frame at all gets a ``TypeError`` of the
same shape (``textmine.kwic: tokens must be a DataFrame, got a Document.
Pass doc.tokens.``).

The module also holds the two helpers every frame → frame function uses on
its way out: :func:`empty_frame` (an empty result with the declared columns
and dtypes) and :func:`sort_rows` (stable, deterministic order and a fresh
``RangeIndex``).

This module is internal: its names are shared by the package's modules, not
part of the public API.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .errors import ColumnError, InputError

__all__ = ["require_frame", "require_columns", "as_columns", "require_int", "empty_frame", "sort_rows"]

#: how many of the caller's columns a message lists
_SHOWN = 20


def _hint(hint: str) -> str:
    hint = hint.strip()
    if not hint:
        return ""
    hint = hint[0].upper() + hint[1:]
    return " " + (hint if hint.endswith((".", "?", "!")) else hint + ".")


def require_frame(obj: Any, *, func: str, arg: str, hint: str = "") -> None:
    """Raise ``TypeError`` unless *obj* is a DataFrame.

    A Document or Corpus passed where one of its frames is expected gets a
    message that says which frame to pass (*hint*).
    """
    if isinstance(obj, pd.DataFrame):
        return
    name = type(obj).__name__
    what = f"a {name}" if name in ("Document", "Corpus") else name
    raise TypeError(f"{func}: {arg} must be a DataFrame, got {what}.{_hint(hint)}")


def _dtype_ok(series: pd.Series, want: str) -> bool:
    dtype = series.dtype
    if want == "integer":
        return pd.api.types.is_integer_dtype(dtype)
    if want == "numeric":
        return pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype)
    if want == "bool":
        return pd.api.types.is_bool_dtype(dtype)
    if want == "string":
        return pd.api.types.is_string_dtype(dtype) or isinstance(dtype, pd.CategoricalDtype) or dtype == object
    raise ValueError(f"textmine._frames: unknown dtype class {want!r}")


def _guess(missing: list[str], have: list[str]) -> str:
    """``"; did you mean 'period'?"`` for the missing names that are close to one the frame has."""
    close = {c: difflib.get_close_matches(c, have, n=1) for c in missing}
    pairs = [(c, m[0]) for c, m in close.items() if m]
    if not pairs:
        return ""
    if len(missing) == 1:
        return f"; did you mean {pairs[0][1]!r}?"
    return "; did you mean " + " and ".join(f"{m!r} (for {c!r})" for c, m in pairs) + "?"


def require_columns(
    frame: Any,
    columns: Iterable[str],
    *,
    func: str,
    arg: str,
    hint: str = "",
    dtypes: Mapping[str, str] | None = None,
) -> None:
    """Check that *frame* is a DataFrame with *columns* (and, optionally, dtypes).

    Parameters
    ----------
    frame : DataFrame
    columns : iterable of str
        Columns the function reads.
    func : str
        The public function's name as users call it (``"textmine.keyness"``).
    arg : str
        The argument's name (``"counts"``).
    hint : str
        What to pass instead (``"pass doc.tokens"``).
    dtypes : mapping, optional
        Column → ``"integer"``, ``"numeric"``, ``"bool"`` or ``"string"``.

    Raises
    ------
    TypeError
        *frame* is not a DataFrame.
    ColumnError
        A column is missing, or has the wrong kind of dtype.
    """
    require_frame(frame, func=func, arg=arg, hint=hint)
    have = [str(c) for c in frame.columns]
    missing = [c for c in dict.fromkeys(columns) if c not in frame.columns]
    if missing:
        shown = have[:_SHOWN] + (["..."] if len(have) > _SHOWN else [])
        guess = _guess(missing, have)
        raise ColumnError(f"{func}: {arg} lacks column(s) {missing}{guess or '.'} It has {shown}.{_hint(hint)}")
    for col, want in (dtypes or {}).items():
        if col in frame.columns and not _dtype_ok(frame[col], want):
            raise ColumnError(
                f"{func}: {arg}[{col!r}] must be {want}, got dtype {frame[col].dtype}.{_hint(hint)}"
            )


def as_columns(value: str | Sequence[str] | None, *, func: str, arg: str) -> list[str]:
    """``None`` → ``[]``, a column name → ``[name]``, a list of names → that list."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, Iterable) and not isinstance(value, (bytes, pd.DataFrame)):
        cols = list(value)
        bad = [c for c in cols if not isinstance(c, str)]
        if bad:
            raise TypeError(f"{func}: {arg} must be a column name or a list of column names; got {bad[0]!r}.")
        if len(set(cols)) != len(cols):
            raise InputError(f"{func}: {arg} names a column twice: {cols}.")
        return cols
    raise TypeError(f"{func}: {arg} must be a column name or a list of column names, got {type(value).__name__}.")


def require_int(value: Any, *, func: str, arg: str, minimum: int) -> int:
    """*value* as an ``int`` at least *minimum*; ``TypeError``/``InputError`` otherwise."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{func}: {arg} must be an int, got {type(value).__name__}.")
    if value < minimum:
        raise InputError(f"{func}: {arg} must be at least {minimum}, got {value}.")
    return int(value)


def empty_frame(columns: Mapping[str, Any]) -> pd.DataFrame:
    """An empty frame with *columns* (name → dtype), in that order, and a RangeIndex."""
    return pd.DataFrame({c: pd.Series(dtype=d) for c, d in columns.items()})


def sort_rows(frame: pd.DataFrame, keys: Sequence[str], ascending: Sequence[bool]) -> pd.DataFrame:
    """*frame* sorted stably by *keys* (categoricals in category order, missing
    values last), with a fresh ``RangeIndex``; ties keep their input order."""
    if frame.empty or not keys:
        return frame.reset_index(drop=True)
    return frame.sort_values(list(keys), ascending=list(ascending), kind="stable", na_position="last").reset_index(drop=True)
