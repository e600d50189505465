"""The notebook suite: parameters, clean stored outputs, findings computed in code, reproducible figures.

The execution test runs every numbered notebook in a fresh kernel; nbval
separately checks the stored outputs cell by cell; tests/test_analyze.py runs
the suite on other texts (a second text and two degenerate ones).
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


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_findings_are_computed_and_commentary_is_guarded(path):
    """Findings come from code (a cell tagged findings); hand-written commentary shows only for the chapter."""
    nb = read(path)
    tags = [c.metadata.get("tags", []) for c in nb.cells]
    findings = [c for c, t in zip(nb.cells, tags) if "findings" in t]
    commentary = [c for c, t in zip(nb.cells, tags) if "chapter-commentary" in t]
    if path.stem == "06-explore":
        assert not findings and not commentary
        return
    assert len(findings) == 1 and findings[0].cell_type == "code"
    assert re.fullmatch(r"Markdown\(tm\.findings\.\w+\(.*\)\)", findings[0].source.strip(), re.S)
    for cell in commentary:
        assert cell.cell_type == "code" and cell.source.startswith("if CHAPTER:\n")
    # no markdown cell states a finding: the "## Findings" heading is followed by the computed cell
    heading = next(i for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and c.source.strip() == "## Findings")
    assert "findings" in tags[heading + 1]
    assert "CHAPTER = tm.is_example(doc)" in "\n".join(c.source for c in nb.cells)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_figures_never_go_to_figures_for_another_text(path):
    """A notebook writes figures through tm.figures_directory (figures/ only for the shipped chapter)."""
    source = "\n".join(c.source for c in read(path).cells if c.cell_type == "code")
    assert "\"../figures\"" not in source
    if "tm.save_figure" in source:
        assert "FIGURES_DIR = tm.figures_directory(TEXT_PATH)" in source


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
