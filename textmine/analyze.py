"""Run the whole notebook suite on a user's text into a folder of their choice.

``textmine analyze my.txt`` (and ``make analyze TEXT=my.txt``) copies the
numbered notebooks (``notebooks/[0-9][0-9]-*.ipynb``) into ``OUT/notebooks/``,
sets their parameters in a cell tagged ``injected-parameters`` right after
the ``parameters`` cell (the papermill convention), executes each in a
fresh kernel, and writes:

- ``OUT/notebooks/*.ipynb`` — the executed notebooks, outputs included;
- ``OUT/figures/`` — every figure, with its ``MANIFEST.csv``;
- ``OUT/periods-proposed.csv`` — without ``--periods``, the periods table
  proposed from the text's own dates (:func:`textmine.propose.propose_periods`),
  ready to edit and pass back with ``--periods``;
- ``OUT/findings.md`` — the findings of every notebook, computed from the
  numbers (:mod:`textmine.findings`), in one page.

Nothing outside ``OUT`` is written: not ``notebooks/``, not ``figures/``.
The default ``OUT`` is ``analysis/<text stem>/`` in the current folder
(``analysis/`` is git-ignored in the repository).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError

__all__ = ["analyze", "suite_notebooks", "inject_parameters", "AnalysisResult"]

_PARAMETERS = ("TEXT_PATH", "PERIODS_PATH", "EVENTS_PATH", "ANNOTATIONS", "SOURCES_PATH")


def suite_notebooks(folder: str | os.PathLike | None = None) -> list[Path]:
    """The suite's numbered notebooks, in reading order.

    Parameters
    ----------
    folder : path, optional
        Where they are; default ``$TEXTMINE_NOTEBOOKS``, else the
        ``notebooks/`` folder of the repository this package runs from.
    """
    if folder is None:
        folder = os.environ.get("TEXTMINE_NOTEBOOKS") or Path(__file__).resolve().parents[1] / "notebooks"
    folder = Path(folder)
    found = sorted(folder.glob("[0-9][0-9]-*.ipynb")) if folder.is_dir() else []
    if not found:
        raise InputError(
            f"textmine analyze: no suite notebooks (NN-name.ipynb) in {folder}. The command runs the notebooks of a "
            "checkout of the textmine repository: run it from a clone (`make analyze TEXT=...`), or pass "
            "--notebooks DIR (or set TEXTMINE_NOTEBOOKS)."
        )
    return found


def inject_parameters(nb, values: dict[str, object]) -> None:
    """Insert a cell tagged ``injected-parameters`` after the ``parameters`` cell (papermill's convention)."""
    import nbformat

    index = next((i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])), None)
    if index is None:
        raise InputError("textmine analyze: a suite notebook has no cell tagged 'parameters'.")
    lines = ["# Parameters set by textmine analyze"] + [f"{k} = {v!r}" for k, v in values.items()]
    cell = nbformat.v4.new_code_cell("\n".join(lines))
    cell.metadata["tags"] = ["injected-parameters"]
    cell["id"] = "injected-parameters"
    nb.cells.insert(index + 1, cell)


@dataclass
class AnalysisResult:
    """What :func:`analyze` wrote."""

    out: Path
    notebooks: list[Path] = field(default_factory=list)
    figures: list[Path] = field(default_factory=list)
    proposed_periods: Path | None = None
    findings: Path | None = None
    errors: list[tuple[str, int, str]] = field(default_factory=list)  # (notebook, cell index, error)


def _check_out(out: Path, notebooks: list[Path]) -> None:
    protected = {notebooks[0].parent.resolve()}
    repo = notebooks[0].parent.resolve().parent
    protected |= {repo / "figures", repo / "data", repo / "textmine", repo / "tests"}
    o = out.resolve()
    for p in protected:
        if o == p or p in o.parents:
            raise InputError(f"textmine analyze: --out {out} is inside {p}, which holds tracked files; choose another folder "
                             "(the default is analysis/<text stem>/).")


def _findings_page(nb, name: str) -> str:
    parts = []
    for cell in nb.cells:
        if cell.cell_type != "code" or "findings" not in cell.metadata.get("tags", []):
            continue
        for o in cell.get("outputs", []):
            md = o.get("data", {}).get("text/markdown")
            if md:
                parts.append(md if isinstance(md, str) else "".join(md))
    return f"## {name}\n\n" + "\n\n".join(parts) + "\n" if parts else ""


def analyze(
    text: str | os.PathLike,
    *,
    periods: str | os.PathLike | None = None,
    events: str | os.PathLike | None = None,
    annotations: str | None = None,
    sources: str | os.PathLike | None = None,
    out: str | os.PathLike | None = None,
    notebooks: str | os.PathLike | None = None,
    timeout: int = 1800,
    log: Callable[[str], None] | None = print,
) -> AnalysisResult:
    """Execute the notebook suite on *text*, writing everything into *out*.

    Parameters
    ----------
    text : path
        The text (UTF-8 plain text; see :func:`textmine.load`).
    periods : path, optional
        A periods table (:func:`textmine.periods.read_periods`). Without it
        the notebooks propose one from the text's own dates, and the
        proposal is written to ``OUT/periods-proposed.csv``.
    events : path, optional
        A named-events table (:func:`textmine.dates.read_events`).
    annotations : str, optional
        Prefix of hand-annotation files (as the notebooks' ``ANNOTATIONS``).
    sources : path, optional
        A folder of the texts the text quotes, for ``07-fidelity``
        (``SOURCES_PATH``); without it that notebook says so and skips.
    out : path, optional
        Output folder; default ``analysis/<text stem>``.
    notebooks : path, optional
        Folder of the suite notebooks (:func:`suite_notebooks`).
    timeout : int
        Seconds allowed per cell.
    log : callable or None
        Progress messages (default ``print``).

    Returns
    -------
    AnalysisResult
        The files written; ``errors`` lists any cell that raised (the
        notebooks are written anyway, so the traceback can be read there).
    """
    import nbformat
    from nbclient import NotebookClient
    from traitlets.config import Config

    from . import load
    from .propose import propose_periods

    say = log or (lambda msg: None)
    text = Path(text)
    if not text.is_file():
        raise InputError(f"textmine analyze: no such file: {str(text)!r}.")
    for name, value in (("--periods", periods), ("--events", events)):
        if value is not None and not Path(value).is_file():
            raise InputError(f"textmine analyze: {name} {str(value)!r}: no such file.")
    if sources is not None and not Path(sources).is_dir():
        raise InputError(f"textmine analyze: --sources {str(sources)!r}: no such folder.")
    paths = suite_notebooks(notebooks)
    out = Path(out) if out is not None else Path("analysis") / text.stem
    _check_out(out, paths)
    nb_dir, fig_dir = out / "notebooks", out / "figures"
    nb_dir.mkdir(parents=True, exist_ok=True)
    fig_dir.mkdir(parents=True, exist_ok=True)
    result = AnalysisResult(out=out)

    doc = load(text, events=events)  # fails early, with textmine's message, on an unreadable text
    if periods is None:
        proposal = propose_periods(doc.dates)
        result.proposed_periods = out / "periods-proposed.csv"
        proposal.to_csv(result.proposed_periods, index=False)
        say(f"textmine analyze: no periods table given; proposed {len(proposal)} period(s) from the text's dates "
            f"-> {result.proposed_periods} (edit it and pass --periods to use your own)")
    values = {
        "TEXT_PATH": str(text.resolve()),
        "PERIODS_PATH": str(Path(periods).resolve()) if periods is not None else None,
        "EVENTS_PATH": str(Path(events).resolve()) if events is not None else None,
        "ANNOTATIONS": os.path.abspath(annotations) if annotations else None,  # a prefix: "…/north-1989-"
        "SOURCES_PATH": str(Path(sources).resolve()) if sources is not None else None,
    }
    env = {
        "TEXTMINE_FIGURES_DIR": str(fig_dir.resolve()),
        "TEXTMINE_INTERACTIVE": "0",
        "MPLBACKEND": "module://matplotlib_inline.backend_inline",
        "PYTHONHASHSEED": "0",
    }
    config = Config()
    config.KernelManager.transport_encryption = "auto"  # CurveZMQ: no "unencrypted TCP" warning, no plain-text traffic
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    pages = [f"# Findings for {text.name}\n\nComputed from the numbers by the textmine notebooks "
             f"(`{out}/notebooks/`); figures in `{out}/figures/`.\n"]
    t0 = time.perf_counter()
    try:
        for path in paths:
            t = time.perf_counter()
            nb = nbformat.read(path, as_version=4)
            inject_parameters(nb, values)
            client = NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=True, record_timing=False,
                                    config=config, resources={"metadata": {"path": str(nb_dir.resolve())}})
            client.execute()
            nb.metadata.pop("widgets", None)
            target = nb_dir / path.name
            nbformat.write(nb, target)
            result.notebooks.append(target)
            errors = [(path.name, i, f"{o.ename}: {o.evalue}") for i, c in enumerate(nb.cells) if c.cell_type == "code"
                      for o in c.get("outputs", []) if o.output_type == "error"]
            result.errors += errors
            pages.append(_findings_page(nb, path.stem))
            say(f"  {path.stem}: {time.perf_counter() - t:.0f} s" + (f", {len(errors)} cell(s) with an error" if errors else ""))
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    result.findings = out / "findings.md"
    result.findings.write_text("\n".join(p for p in pages if p), encoding="utf-8")
    result.figures = sorted(p for p in fig_dir.iterdir() if p.suffix in (".png", ".svg", ".pdf"))
    say(f"textmine analyze: {len(result.notebooks)} notebooks, {len(result.figures)} figure files, findings in "
        f"{result.findings} ({time.perf_counter() - t0:.0f} s)")
    return result
