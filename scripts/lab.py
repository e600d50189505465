"""``make lab``: JupyterLab on working copies of the notebooks, safe to explore in.

The tracked notebooks in ``notebooks/`` are nbval's reference outputs: if
JupyterLab's autosave rewrote one while you explored, ``make test`` would
fail. So this opens *working copies* instead:

- ``lab/notebooks/NN-*.ipynb`` — copied from ``notebooks/`` the first time
  (an existing copy is yours and is never overwritten: delete it to get a
  fresh one); autosave and your edits land here;
- ``lab/data`` — a link to ``data/``, so the notebooks' ``../data/...``
  paths work; ``lab/figures/`` — where their figures go;
- ``lab/`` is git-ignored, and JupyterLab's root is ``lab/``, so the server
  cannot write to the tracked files.

It also ships JupyterLab defaults in the environment's ``overrides.json``
(news and update checks off, so no pop-up covers the notebook), adds
``--allow-root`` when run as root (as in most containers) with a note, and
provisions CurveZMQ keys for kernels (``transport_encryption=auto``), so
kernels neither talk in plain TCP nor warn about it.

    python scripts/lab.py [--work DIR] [--settings-only] [-- JUPYTER-LAB-ARGS ...]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"

#: JupyterLab defaults (overrides.json): no news pop-up, no update check.
OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}


def install_overrides(prefix: str | os.PathLike = sys.prefix) -> Path:
    """Merge :data:`OVERRIDES` into ``<prefix>/share/jupyter/lab/settings/overrides.json``."""
    path = Path(prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    current = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    for plugin, values in OVERRIDES.items():
        current.setdefault(plugin, {}).update(values)
    path.write_text(json.dumps(current, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def prepare_work(work: Path) -> list[tuple[Path, str]]:
    """Create the working folder; copy the notebooks that have no working copy yet."""
    (work / "notebooks").mkdir(parents=True, exist_ok=True)
    (work / "figures").mkdir(exist_ok=True)
    link = work / "data"
    if not link.exists() and not link.is_symlink():
        link.symlink_to(os.path.relpath(ROOT / "data", work), target_is_directory=True)
    done = []
    for src in sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb")):
        dst = work / "notebooks" / src.name
        if dst.exists():
            done.append((dst, "kept (your working copy; delete it for a fresh copy)"))
        else:
            shutil.copy2(src, dst)
            done.append((dst, "copied from notebooks/"))
    return done


def lab_command(work: Path, extra: list[str]) -> list[str]:
    cmd = [
        sys.executable, "-m", "jupyterlab",
        f"--ServerApp.root_dir={work}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--KernelManager.transport_encryption=auto",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    return cmd + extra


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    extra = []
    if "--" in args:
        i = args.index("--")
        args, extra = args[:i], args[i + 1:]
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--work", type=Path, default=ROOT / "lab", help="working folder (default: lab/)")
    ap.add_argument("--settings-only", action="store_true", help="only install the JupyterLab defaults (Binder's postBuild)")
    opts = ap.parse_args(args)
    path = install_overrides()
    if opts.settings_only:
        print(f"make lab: JupyterLab defaults (no news, no update check) in {path}")
        return 0
    work = opts.work.resolve()
    for dst, what in prepare_work(work):
        print(f"make lab: {dst.relative_to(work.parent) if work.parent in dst.parents else dst}: {what}")
    print(f"make lab: JupyterLab opens {work} (working copies); notebooks/ itself is never written.")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        print("make lab: running as root (uid 0, as in most containers): passing --allow-root to JupyterLab.")
    env = dict(os.environ, TEXTMINE_FIGURES_DIR=str(work / "figures"))
    env.pop("TEXTMINE_INTERACTIVE", None)  # the explorers detect the widget frontend
    cmd = lab_command(work, extra)
    sys.stdout.flush()
    os.chdir(work)
    os.execve(cmd[0], cmd, env)  # JupyterLab replaces this process: Ctrl-C and signals reach it directly
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())
