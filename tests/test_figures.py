"""save_figure writes byte-identical files and keeps an exact manifest."""

from __future__ import annotations

import csv

import matplotlib.pyplot as plt
import pytest

import textmine as tm
from textmine.figures import MANIFEST_COLUMNS, file_sha256


def make_fig():
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.plot([0, 1, 2], [2, 0, 1], label="line")
    ax.set_title("A title")
    ax.legend()
    return fig


def test_same_figure_twice_gives_identical_bytes(tmp_path, close_figures):
    a = tm.save_figure(make_fig(), "f", directory=tmp_path / "a", formats=("png", "svg", "pdf"))
    b = tm.save_figure(make_fig(), "f", directory=tmp_path / "b", formats=("png", "svg", "pdf"))
    for pa, pb in zip(a, b):
        assert pa.read_bytes() == pb.read_bytes(), pa.name


def test_no_version_or_date_in_files(tmp_path, close_figures):
    png, svg = tm.save_figure(make_fig(), "f", directory=tmp_path)
    assert b"Matplotlib" not in png.read_bytes()
    text = svg.read_text(encoding="utf-8")
    assert "Matplotlib v" not in text and "<dc:date>" not in text


def test_manifest_rows_are_replaced_and_sorted(tmp_path, chapter_path, close_figures):
    tm.save_figure(make_fig(), "zeta", directory=tmp_path, notebook="02-x", source=chapter_path)
    tm.save_figure(make_fig(), "alpha", directory=tmp_path, formats=["png"], notebook="01-y")
    tm.save_figure(make_fig(), "zeta", directory=tmp_path, notebook="02-x", source=chapter_path)
    with open(tmp_path / "MANIFEST.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [r["figure"] for r in rows] == ["alpha.png", "zeta.png", "zeta.svg"]
    assert tuple(rows[0].keys()) == MANIFEST_COLUMNS
    z = rows[1]
    assert z["notebook"] == "02-x" and z["source"] == chapter_path.name
    assert z["source_sha256"] == file_sha256(chapter_path)
    assert z["sha256"] == file_sha256(tmp_path / "zeta.png")
    assert z["textmine_version"] == tm.__version__


def test_bad_arguments(tmp_path, close_figures):
    with pytest.raises(TypeError, match="Figure"):
        tm.save_figure(plt.gca(), "x", directory=tmp_path)
    with pytest.raises(tm.InputError, match="file stem"):
        tm.save_figure(make_fig(), "Bad Name!", directory=tmp_path)
    with pytest.raises(tm.InputError, match="unknown format"):
        tm.save_figure(make_fig(), "x", directory=tmp_path, formats=["jpg"])


def test_plot_paragraph_lengths_contract(chapter, close_figures):
    fig, ax = plt.subplots()
    n_figs = len(plt.get_fignums())
    out = tm.plots.corpus.plot_paragraph_lengths(chapter.paragraphs, ax=ax)
    assert out is ax and len(plt.get_fignums()) == n_figs
    heights = [p.get_height() for p in ax.patches]
    assert heights == chapter.paragraphs["n_words"].tolist()
    with pytest.raises(tm.ColumnError, match="n_words"):
        tm.plots.corpus.plot_paragraph_lengths(chapter.paragraphs.drop(columns="n_words"))


def test_figures_directory_keeps_other_texts_out_of_figures(monkeypatch, chapter_path, tmp_path):
    from pathlib import Path

    monkeypatch.delenv("TEXTMINE_FIGURES_DIR", raising=False)
    assert tm.figures_directory(chapter_path) == Path("../figures")
    other = tmp_path / "my-text.txt"
    other.write_text("Another text.", encoding="utf-8")
    assert tm.figures_directory(other) == Path("../analysis/my-text/figures")
    assert tm.figures_directory(other, others="out") == Path("out/my-text/figures")
    monkeypatch.setenv("TEXTMINE_FIGURES_DIR", str(tmp_path / "figs"))
    assert tm.figures_directory(chapter_path) == tmp_path / "figs"
