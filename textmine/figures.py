"""Saving figures reproducibly, with a manifest.

:func:`save_figure` is the one way the notebooks write figures. It removes
everything that would make two runs differ: the software version and date in
the file metadata, and SVG's random ids (``svg.hashsalt`` is fixed). The same
environment (see ``constraints.txt``) therefore gives byte-identical files,
and ``figures/MANIFEST.csv`` records for each file the notebook that made
it, the SHA-256 of the input text and of the figure, and the textmine version.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import InputError

__all__ = ["save_figure", "style_context", "figures_directory", "MANIFEST_COLUMNS", "file_sha256"]

MANIFEST_NAME = "MANIFEST.csv"
MANIFEST_COLUMNS = ("figure", "format", "notebook", "source", "source_sha256", "sha256", "textmine_version")
_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]*$")

_METADATA = {
    "png": {"Software": None},
    "svg": {"Creator": None, "Date": None, "Format": None, "Type": None},
    "pdf": {"Creator": None, "Producer": None, "CreationDate": None, "ModDate": None},
}


def file_sha256(path: str | os.PathLike) -> str:
    """SHA-256 hex digest of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def figures_directory(
    source: str | os.PathLike,
    *,
    tracked: str | os.PathLike = "../figures",
    others: str | os.PathLike = "../analysis",
) -> Path:
    """Where a notebook run on *source* writes its figures.

    The repository's ``figures/`` holds the figures of the shipped chapter
    only, so a run on another text can never overwrite them:

    1. ``$TEXTMINE_FIGURES_DIR`` when set (``make analyze``, the tests);
    2. *tracked* when *source* is the shipped chapter
       (:func:`textmine.example.is_example`);
    3. otherwise ``<others>/<text stem>/figures`` (``analysis/`` is
       git-ignored).

    Parameters
    ----------
    source : path
        The text the notebook analyses.
    tracked, others : path
        Relative to the notebook's folder by default (``notebooks/``).
    """
    from .example import is_example

    env = os.environ.get("TEXTMINE_FIGURES_DIR")
    if env:
        return Path(env)
    if is_example(source):
        return Path(tracked)
    return Path(others) / Path(source).stem / "figures"


@contextlib.contextmanager
def style_context() -> Iterator[None]:
    """Context manager applying the suite's matplotlib style (:data:`textmine.plots.style.RC`)."""
    import matplotlib as mpl

    from .plots.style import RC

    with mpl.rc_context(RC):
        yield


def save_figure(
    fig,
    name: str,
    *,
    directory: str | os.PathLike = "figures",
    formats: Iterable[str] = ("png", "svg"),
    notebook: str = "",
    source: str | os.PathLike | None = None,
    dpi: int = 150,
    bbox_inches: str | None = "tight",
) -> list[Path]:
    """Write *fig* as ``directory/name.<fmt>`` reproducibly and record it.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure (e.g. ``ax.figure``).
    name : str
        File stem: lower-case letters, digits, ``.``, ``_`` and ``-``.
    directory : path
        Output folder (created if missing); it holds ``MANIFEST.csv``.
    formats : iterable of {"png", "svg", "pdf"}
        PNG for the README and notebooks, SVG or PDF for print.
    notebook : str
        Name of the notebook that made the figure (for the manifest).
    source : path, optional
        The input text; its SHA-256 goes in the manifest.
    dpi : int
        Raster resolution for PNG.
    bbox_inches : "tight" or None
        ``"tight"`` (default) crops to the drawn content, so legends and long
        tick labels placed outside the Axes are kept.

    Returns
    -------
    list of pathlib.Path
        The files written.

    Notes
    -----
    The manifest row for ``(figure, format)`` is replaced on each save and
    the file is kept sorted, so re-running the suite rewrites it identically.
    """
    from matplotlib.figure import Figure

    from . import __version__

    if not isinstance(fig, Figure):
        raise TypeError(f"textmine.save_figure: fig must be a matplotlib Figure (e.g. ax.figure), got {type(fig).__name__}.")
    if not isinstance(name, str) or not _NAME.match(name):
        raise InputError(f"textmine.save_figure: name must be a file stem like 'terms-by-period' (lower-case letters, digits, . _ -), got {name!r}.")
    formats = [formats] if isinstance(formats, str) else list(formats)
    for fmt in formats:
        if fmt not in _METADATA:
            raise InputError(f"textmine.save_figure: unknown format {fmt!r}; use 'png', 'svg' or 'pdf'.")
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    source_sha = file_sha256(source) if source is not None else ""
    source_name = Path(source).name if source is not None else ""
    import matplotlib as mpl

    written, rows = [], []
    with mpl.rc_context({"svg.hashsalt": "textmine", "svg.fonttype": "path", "pdf.compression": 6}):
        for fmt in formats:
            path = out / f"{name}.{fmt}"
            fig.savefig(path, format=fmt, dpi=dpi, metadata=_METADATA[fmt], bbox_inches=bbox_inches)
            written.append(path)
            rows.append({
                "figure": path.name, "format": fmt, "notebook": notebook, "source": source_name,
                "source_sha256": source_sha, "sha256": file_sha256(path), "textmine_version": __version__,
            })
    _update_manifest(out / MANIFEST_NAME, rows)
    return written


def _update_manifest(path: Path, rows: list[dict[str, str]]) -> None:
    existing: dict[str, dict[str, str]] = {}
    if path.exists():
        with open(path, newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                existing[r["figure"]] = r
    for r in rows:
        existing[r["figure"]] = r
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=MANIFEST_COLUMNS, lineterminator="\n")
        w.writeheader()
        for key in sorted(existing):
            w.writerow({c: existing[key].get(c, "") for c in MANIFEST_COLUMNS})
