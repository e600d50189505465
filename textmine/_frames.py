"""Validation of the frames passed to public functions: one helper, one message shape.

Every public function that takes a frame checks it here, so a caller always
reads the same kind of message::

    textmine.keyness: counts lacks column(s) ['n']; did you mean 'n_'? It has
    ['period', 'norm', 'n_']. Pass the output of count_terms(tokens, by=...).

The message names the public function, the argument, what is missing, what
the caller passed, a "did you mean" where a name is close, and the fix.
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

__all__ = ["require_frame", "require_columns", "as_columns", "require_int"]

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
    raise TypeError(f"{func}: {arg} must be a pandas DataFrame, got {what}.{_hint(hint)}")


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
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        guesses = []
        for c in missing:
            close = difflib.get_close_matches(c, have, n=1)
            if close:
                guesses.append(f"did you mean {close[0]!r} for {c!r}?")
        guess = (" " + " ".join(g[0].upper() + g[1:] for g in guesses)) if guesses else ""
        shown = have[:_SHOWN] + (["..."] if len(have) > _SHOWN else [])
        raise ColumnError(f"{func}: {arg} lacks column(s) {missing}.{guess} It has {shown}.{_hint(hint)}")
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
