"""The example text shipped inside the package, and a test for "is this the example?".

The wheel carries a copy of the chapter the notebooks study, with its
periods and events tables, so ``pip install textmine`` is enough to try the
package::

    import textmine as tm
    doc = tm.load(tm.example_path(), events=tm.example_path("events"))
    doc = tm.assign_periods(doc, tm.example_path("periods"))

The files are byte-identical copies of ``data/`` in the repository (a test
checks it). :func:`is_example` recognises the chapter by the SHA-256 of its
bytes, so notebooks can show commentary written about that chapter only
when it is the text being analysed.
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import InputError

__all__ = ["EXAMPLE_FILES", "example_path", "is_example", "example_sha256"]

#: short name → file in the package's ``example_data`` folder
EXAMPLE_FILES: dict[str, str] = {
    "text": "north-1989-soviet-foreign-policy.txt",
    "periods": "periods.csv",
    "events": "events.csv",
}


def example_path(name: str = "text") -> Path:
    """Path of a file shipped with the package.

    Parameters
    ----------
    name : {"text", "periods", "events"}
        ``"text"``: the chapter *Soviet Foreign Policy: From Lenin to
        Gorbachev* (David North, 1989; see ``data/README.md`` for its
        provenance and what is known of its rights); ``"periods"`` and
        ``"events"``: the tables the notebooks use with it.

    Returns
    -------
    pathlib.Path
        A file on disk (packages installed from a wheel or in editable mode
        are always unpacked).
    """
    if name not in EXAMPLE_FILES:
        raise InputError(f"textmine.example_path: name must be one of {sorted(EXAMPLE_FILES)}, got {name!r}.")
    path = Path(str(resources.files("textmine").joinpath("example_data", EXAMPLE_FILES[name])))
    if not path.is_file():
        raise InputError(
            f"textmine.example_path: {path} is missing; the package was installed without its example data. "
            "Reinstall it from a wheel or the repository."
        )
    return path


@lru_cache(maxsize=1)
def example_sha256() -> str:
    """SHA-256 of the shipped chapter's bytes (computed from the file, not stored)."""
    return hashlib.sha256(example_path("text").read_bytes()).hexdigest()


def is_example(text: Any) -> bool:
    """True when *text* is the shipped chapter.

    Parameters
    ----------
    text : Document, path or str
        A Document (its ``meta["sha256"]`` of the text as read), or a path to
        a file (its bytes are hashed).
    """
    meta = getattr(text, "meta", None)
    if isinstance(meta, dict) and "sha256" in meta:
        return meta["sha256"] == example_sha256()
    if isinstance(text, (str, os.PathLike)) and Path(text).is_file():
        return hashlib.sha256(Path(text).read_bytes()).hexdigest() == example_sha256()
    return False
