"""The notebook suite: parameters, clean stored outputs, reproducible figures,
and a run on a second text with other conventions.

The two execution tests run every numbered notebook in a fresh kernel
(about a minute each); nbval separately checks the stored outputs cell by cell.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
FIGURES = ROOT / "figures"
sys.path.insert(0, str(ROOT / "scripts"))
import run_notebooks  # noqa: E402


def read(path: Path):
    return nbformat.read(path, as_version=4)


def test_suite_is_numbered_in_reading_order():
    names = [p.name for p in NOTEBOOKS]
    assert names[:5] == ["01-corpus.ipynb", "02-periods.ipynb", "03-terms.ipynb", "04-topics.ipynb", "05-quotations.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_first_code_cell_is_the_parameters_cell(path):
    nb = read(path)
    first = next(c for c in nb.cells if c.cell_type == "code")
    assert "parameters" in first.metadata.get("tags", [])
    for name in ("TEXT_PATH", "PERIODS_PATH"):
        assert re.search(rf"^{name} = ", first.source, re.M), name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stored_outputs_are_clean(path):
    nb = read(path)
    assert "widgets" not in nb.metadata
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        assert "execution" not in cell.metadata, "per-cell timing metadata stored"
        assert cell.outputs == [] or cell.execution_count is not None
        text = json.dumps(cell.outputs)
        assert not re.search(r"0x[0-9a-f]{8,}", text), "memory address in an output"
        assert "Traceback" not in text and '"output_type": "error"' not in text
        assert not re.search(r"\b20\d\d-\d\d-\d\dT\d\d:\d\d", text), "timestamp in an output"


def read_manifest(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_manifest_matches_the_figure_files():
    from textmine.figures import file_sha256

    rows = read_manifest(FIGURES / "MANIFEST.csv")
    listed = {r["figure"] for r in rows}
    on_disk = {p.name for p in FIGURES.iterdir() if p.suffix in (".png", ".svg", ".pdf")}
    assert listed == on_disk
    for r in rows:
        assert file_sha256(FIGURES / r["figure"]) == r["sha256"], r["figure"]
        assert r["notebook"] and (ROOT / "notebooks" / f"{r['notebook']}.ipynb").exists()


def copy_suite(tmp_path: Path) -> list[Path]:
    """Copies of the notebooks in a folder at the same depth, so ../data resolves."""
    work = tmp_path / "notebooks"
    work.mkdir()
    (tmp_path / "data").symlink_to(ROOT / "data")
    out = []
    for p in NOTEBOOKS:
        shutil.copy(p, work / p.name)
        out.append(work / p.name)
    return out


def test_make_figures_reproduces_the_manifest(tmp_path):
    figures = tmp_path / "figures"
    for nb in copy_suite(tmp_path):
        run_notebooks.execute(nb, figures_dir=figures)
    assert read_manifest(figures / "MANIFEST.csv") == read_manifest(FIGURES / "MANIFEST.csv")


def test_suite_runs_on_a_second_text(tmp_path):
    """A short text with British quotes, author–date citations and other periods."""
    text = ROOT / "tests" / "data" / "second-text.txt"
    periods = ROOT / "tests" / "data" / "second-periods.csv"
    figures = tmp_path / "figures"
    for path in copy_suite(tmp_path):
        nb = read(path)
        params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
        params.source += (
            f"\nTEXT_PATH = {str(text)!r}\nPERIODS_PATH = {str(periods)!r}\nEVENTS_PATH = None\nANNOTATIONS = None\n"
        )
        nbformat.write(nb, path)
        run_notebooks.execute(path, figures_dir=figures)
        done = read(path)
        errors = [o for c in done.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
        assert not errors, (path.name, errors[:1])
    rows = read_manifest(figures / "MANIFEST.csv")
    assert rows and {r["source"] for r in rows} == {text.name}
