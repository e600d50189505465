"""Files that could not be read: one report, the same on one machine and on Dask.

:func:`textmine.load_corpus` and :func:`textmine.dask.load_corpus` try every
file, then report the failures together: ``on_error="raise"`` raises one
:class:`~textmine.errors.TextmineError` listing every file and its error;
``"skip"`` warns (:class:`~textmine.errors.TextmineWarning`) with the same
listing and returns them as a ``path, error`` frame (``Corpus.failures``).
This module is internal.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import pandas as pd

from .errors import TextmineError, TextmineWarning

__all__ = ["ON_ERROR", "check_on_error", "try_file", "report"]

ON_ERROR = ("raise", "skip")


def check_on_error(on_error: str, func: str) -> None:
    if on_error not in ON_ERROR:
        raise ValueError(f"{func}: on_error must be 'raise' or 'skip', got {on_error!r}.")


def try_file(work: Callable[[], Any]) -> tuple[Any, str | None, BaseException | None]:
    """Run *work*; return ``(result, error message, exception)``.

    Reading problems (``OSError``, :class:`TextmineError`) give their message;
    any other exception is a bug in textmine and says so, so that one file
    never stops a whole corpus.
    """
    try:
        return work(), None, None
    except (OSError, TextmineError) as exc:
        return None, str(exc), exc
    except Exception as exc:  # noqa: BLE001 - reported, never swallowed
        msg = f"unexpected {type(exc).__name__} in textmine (a bug; please report it with this file): {exc}"
        return None, msg, exc


def report(failed: list[tuple[str, str]], n_files: int, *, on_error: str, func: str,
           cause: BaseException | None = None, stacklevel: int = 2) -> pd.DataFrame:
    """Raise or warn about *failed* (``(path, error)`` pairs); return the failures frame.

    *stacklevel* is counted from the function that calls :func:`report`
    (2: the warning points at that function's caller).
    """
    frame = pd.DataFrame({"path": pd.Series([f[0] for f in failed], dtype="str"),
                          "error": pd.Series([f[1] for f in failed], dtype="str")})
    if not failed:
        return frame
    listing = "\n".join(f"  - {path}: {err}" for path, err in failed)
    if on_error == "raise":
        raise TextmineError(
            f"{func}: {len(failed)} of {n_files} files could not be read:\n{listing}\n"
            "Pass on_error='skip' to load the rest."
        ) from cause
    warnings.warn(f"{func}: skipped {len(failed)} of {n_files} files:\n{listing}", category=TextmineWarning, stacklevel=stacklevel + 1)
    return frame
