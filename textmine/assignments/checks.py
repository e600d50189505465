"""Helpers for writing check cells, with failure messages a student can act on.

Every helper raises ``AssertionError`` whose message becomes the *reason*
column of the score table, so each names the answer (``name=``), what was
expected and what was found. Compare values computed from the data, with a
tolerance for floats, never printed text::

    from textmine.assignments.checks import assert_columns, assert_frame_close
    assert_columns(counts, ["period", "term", "n"], name="counts")
    ref = tm.term_counts(...)            # the reference, computed in the check
    assert_frame_close(counts, ref, on=["period", "term"], name="counts")

The grader runs checks in its own process, on the student's answers taken
out of the sandbox as data, in a namespace where these names come from the
solution's setup cells: a student redefining ``assert_frame_close`` (or
patching numpy or pandas) in their notebook changes nothing.

Each helper also notes what it compared (:func:`observe`), so that the
feedback of a visible check can show the expected value beside the student's.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "assert_type",
    "assert_columns",
    "assert_close",
    "assert_frame_close",
    "assert_same_items",
    "observe",
    "Comparison",
]


@dataclass(frozen=True)
class Comparison:
    """One comparison a check made: the answer's name, the student's value, the expected value."""

    name: str
    actual: Any
    expected: Any


_observers: list[list[Comparison]] = []


@contextlib.contextmanager
def observe() -> Iterator[list[Comparison]]:
    """Collect the comparisons the helpers make inside the ``with`` block.

    ``with observe() as seen: assert_close(x, 3, name="x")`` leaves
    ``seen == [Comparison("x", x, 3)]``. The grader's check process uses it to
    write "yours / expected" into the feedback of visible checks.
    """
    seen: list[Comparison] = []
    _observers.append(seen)
    try:
        yield seen
    finally:
        _observers.remove(seen)


def note(name: str, actual: Any, expected: Any) -> None:
    """Record a comparison for every active :func:`observe` block (checks may call it too)."""
    for seen in _observers:
        seen.append(Comparison(name, actual, expected))


def _short(value: Any, width: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= width else text[: width - 3] + "..."


def assert_type(value: Any, types: type | tuple[type, ...], *, name: str = "answer") -> None:
    """Assert that *value* is an instance of *types*.

    A value the grader could not take out of the student's notebook (a
    model object, a function: :class:`textmine.assignments.answers.Unexported`)
    passes when the type the kernel reported is one of *types* (by module and
    name); its data attributes are checked separately.
    """
    from .answers import Unexported

    classes = types if isinstance(types, tuple) else (types,)
    want = " or ".join(t.__name__ for t in classes)
    note(name, value.type_name if isinstance(value, Unexported) else type(value).__name__, want)
    _require_type(value, classes, name)


def _require_type(value: Any, classes: tuple[type, ...], name: str) -> None:
    from .answers import Unexported

    want = " or ".join(t.__name__ for t in classes)
    if isinstance(value, Unexported):
        full = {f"{t.__module__}.{t.__qualname__}" if t.__module__ != "builtins" else t.__name__ for t in classes}
        if value.type_name not in full:
            raise AssertionError(f"`{name}` should be a {want}, but it is a {value.type_name}.")
        return
    if not isinstance(value, classes):
        raise AssertionError(f"`{name}` should be a {want}, but it is a {type(value).__name__}: {_short(value)}.")


def assert_columns(frame: Any, columns: Iterable[str], *, name: str = "answer", exact: bool = False) -> None:
    """Assert that *frame* is a DataFrame with (at least, or with ``exact``: only) *columns*."""
    import pandas as pd

    columns = list(columns)
    _require_type(frame, (pd.DataFrame,), name)
    note(f"{name} columns", [str(c) for c in frame.columns], columns)
    _require_columns(frame, columns, name, exact)


def _require_columns(frame: Any, columns: list[str], name: str, exact: bool = False) -> None:
    have = [str(c) for c in frame.columns]
    missing = [c for c in columns if c not in have]
    if missing:
        raise AssertionError(f"`{name}` lacks column(s) {missing}; it has {have}.")
    if exact and sorted(have) != sorted(columns):
        extra = [c for c in have if c not in columns]
        raise AssertionError(f"`{name}` should have exactly the columns {columns}; remove {extra}.")


def assert_close(actual: Any, expected: Any, *, name: str = "answer", rtol: float = 1e-6, atol: float = 1e-9) -> None:
    """Assert that a number or array equals *expected* within ``atol + rtol * |expected|``.

    NaN equals NaN. Shapes must match.
    """
    import numpy as np

    note(name, actual, expected)
    try:
        a = np.asarray(actual, dtype=float)
    except (TypeError, ValueError):
        raise AssertionError(f"`{name}` should be a number (or numbers), got {type(actual).__name__}: {_short(actual)}.") from None
    e = np.asarray(expected, dtype=float)
    if a.shape != e.shape:
        raise AssertionError(f"`{name}` should have shape {e.shape}, but has shape {a.shape}.")
    ok = np.isclose(a, e, rtol=rtol, atol=atol, equal_nan=True)
    if not ok.all():
        if a.ndim == 0:
            raise AssertionError(f"`{name}` should be {float(e):.6g}, got {float(a):.6g}.")
        i = tuple(int(j) for j in np.argwhere(~ok)[0])
        raise AssertionError(
            f"`{name}`: {int((~ok).sum())} of {ok.size} values differ; first at {i}: expected {e[i]:.6g}, got {a[i]:.6g}."
        )


def _key_text(row: Sequence[Any], on: Sequence[str]) -> str:
    return "(" + ", ".join(f"{k}={v!r}" for k, v in zip(on, row)) + ")"


def assert_frame_close(
    actual: Any,
    expected: Any,
    *,
    on: Sequence[str] | None = None,
    columns: Sequence[str] | None = None,
    name: str = "answer",
    rtol: float = 1e-6,
    atol: float = 1e-9,
    check_order: bool = False,
) -> None:
    """Assert that a frame has the rows and values of *expected*.

    Parameters
    ----------
    actual, expected : pandas.DataFrame
        The student's answer and the reference.
    on : list of str, optional
        Key columns identifying a row (must be unique in both frames). Rows
        are matched on these; missing and extra rows are reported. Without
        ``on`` the frames are compared row by row, in order.
    columns : list of str, optional
        Value columns to compare (default: every column of *expected* not in
        ``on``). Numeric columns compare within ``atol + rtol * |expected|``,
        others exactly (as strings).
    check_order : bool
        With ``on``: also require the rows in the same order as *expected*.
    """
    import numpy as np
    import pandas as pd

    note(name, actual, expected)
    _require_type(actual, (pd.DataFrame,), name)
    on = list(on or [])
    columns = list(columns) if columns is not None else [c for c in expected.columns if c not in on]
    _require_columns(actual, on + columns, name)
    if on:
        dup = actual.duplicated(on)
        if dup.any():
            first = actual.loc[dup, on].iloc[0].tolist()
            raise AssertionError(
                f"`{name}` should have one row per {tuple(on)}, but {int(dup.sum())} rows repeat a key, e.g. {_key_text(first, on)}."
            )
        left = actual[on + columns].astype({k: str for k in on})
        right = expected[on + columns].astype({k: str for k in on})
        merged = left.merge(right, on=on, how="outer", suffixes=("_actual", "_expected"), indicator=True, sort=False)
        missing = merged[merged["_merge"] == "right_only"]
        extra = merged[merged["_merge"] == "left_only"]
        if len(missing):
            raise AssertionError(
                f"`{name}` misses {len(missing)} of the {len(expected)} expected rows, "
                f"e.g. {_key_text(missing[on].iloc[0].tolist(), on)}."
            )
        if len(extra):
            raise AssertionError(
                f"`{name}` has {len(extra)} rows that should not be there, e.g. {_key_text(extra[on].iloc[0].tolist(), on)}."
            )
        if check_order:
            if actual[on].astype(str).values.tolist() != expected[on].astype(str).values.tolist():
                raise AssertionError(f"`{name}` has the right rows in the wrong order; sort them as the exercise asks.")
        merged = merged[merged["_merge"] == "both"].reset_index(drop=True)
        pairs = [(merged[f"{c}_actual"], merged[f"{c}_expected"], c) for c in columns]
        keys = merged[on]
    else:
        if len(actual) != len(expected):
            raise AssertionError(f"`{name}` should have {len(expected)} rows, but has {len(actual)}.")
        a = actual.reset_index(drop=True)
        e = expected.reset_index(drop=True)
        pairs = [(a[c], e[c], c) for c in columns]
        keys = None
    for got, want, col in pairs:
        if pd.api.types.is_numeric_dtype(want) and not pd.api.types.is_bool_dtype(want):
            try:
                g = pd.to_numeric(got, errors="raise").to_numpy(dtype=float, na_value=np.nan)
            except (TypeError, ValueError):
                raise AssertionError(f"`{name}`: column {col!r} should be numeric, but has {got.dtype} values.") from None
            w = want.to_numpy(dtype=float, na_value=np.nan)
            bad = ~np.isclose(g, w, rtol=rtol, atol=atol, equal_nan=True)
            show = lambda x: f"{x:.6g}"  # noqa: E731
        else:
            g = got.astype(str).to_numpy()
            w = want.astype(str).to_numpy()
            bad = g != w
            show = repr
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            where = _key_text(keys.iloc[i].tolist(), on) if keys is not None else f"row {i}"
            raise AssertionError(
                f"`{name}`: {int(bad.sum())} of {len(bad)} values of column {col!r} differ; "
                f"first at {where}: expected {show(w[i])}, got {show(g[i])}."
            )


def assert_same_items(actual: Any, expected: Iterable[Any], *, name: str = "answer", ordered: bool = False) -> None:
    """Assert that *actual* holds the items of *expected* (as a set, or in order with ``ordered``)."""
    note(name, actual, expected)
    try:
        got = list(actual)
    except TypeError:
        raise AssertionError(f"`{name}` should be a list of items, got {type(actual).__name__}: {_short(actual)}.") from None
    want = list(expected)
    if ordered:
        if got != want:
            for i, (g, w) in enumerate(zip(got, want)):
                if g != w:
                    raise AssertionError(f"`{name}`: item {i} should be {w!r}, got {g!r} (expected {_short(want)}).")
            raise AssertionError(f"`{name}` should have {len(want)} items, got {len(got)}.")
        return
    missing = [w for w in want if w not in got]
    extra = [g for g in got if g not in want]
    if missing or extra:
        parts = []
        if missing:
            parts.append(f"misses {_short(missing)}")
        if extra:
            parts.append(f"should not contain {_short(extra)}")
        raise AssertionError(f"`{name}` " + " and ".join(parts) + ".")
