"""Execute the notebook suite in place, in order, and regenerate figures/.

Used by ``make figures`` (the shipped chapter only: to run the suite on
another text, use ``make analyze TEXT=...``). Each notebook runs in a fresh kernel from the
``notebooks/`` folder; per-cell timing metadata and widget state are not
stored, so the saved notebooks (nbval's reference outputs) only change when
results change. Ends with a one-line summary.

    python scripts/run_notebooks.py [NOTEBOOK ...] [--figures DIR] [--keep-figures]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"


def suite() -> list[Path]:
    """The numbered notebooks, in reading order."""
    return sorted(p for p in NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))


def execute(path: Path, *, figures_dir: Path, timeout: int = 900) -> None:
    """Run *path* in place with a fresh kernel."""
    import nbformat
    from nbclient import NotebookClient
    from traitlets.config import Config

    config = Config()
    # CurveZMQ keys for the kernel: no plain-text TCP, so no "running over TCP without encryption" warning.
    config.KernelManager.transport_encryption = "auto"
    nb = nbformat.read(path, as_version=4)
    env = dict(os.environ, TEXTMINE_FIGURES_DIR=str(figures_dir), MPLBACKEND="module://matplotlib_inline.backend_inline", PYTHONHASHSEED="0")
    old = os.environ.copy()
    os.environ.update(env)
    try:
        client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False, config=config,
                                resources={"metadata": {"path": str(path.parent)}})
        client.execute()
    finally:
        os.environ.clear()
        os.environ.update(old)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    nbformat.write(nb, path)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("notebooks", nargs="*", type=Path, help="default: every numbered notebook")
    ap.add_argument("--figures", type=Path, default=ROOT / "figures", help="output folder for figures")
    ap.add_argument("--keep-figures", action="store_true", help="do not clear the figures folder first")
    args = ap.parse_args(argv)
    paths = [p.resolve() for p in args.notebooks] or suite()
    fig_dir = args.figures.resolve()
    fig_dir.mkdir(parents=True, exist_ok=True)
    if not args.notebooks and not args.keep_figures:
        for old in fig_dir.iterdir():
            if old.suffix in (".png", ".svg", ".pdf") or old.name == "MANIFEST.csv":
                old.unlink()
    t0 = time.perf_counter()
    for p in paths:
        t = time.perf_counter()
        execute(p, figures_dir=fig_dir)
        print(f"  executed {p.relative_to(ROOT)} in {time.perf_counter() - t:.1f} s", flush=True)
    n_fig = len([f for f in fig_dir.iterdir() if f.suffix in (".png", ".svg", ".pdf")])
    print(f"make figures: {len(paths)} notebooks executed, {n_fig} figure files in {fig_dir.relative_to(ROOT) if fig_dir.is_relative_to(ROOT) else fig_dir}/ ({time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
