"""Shared fixtures: the chapter, and tiny hand-written texts for each rule."""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

# tests/data holds fixtures (texts, notebooks, a toy assignment), not tests.
collect_ignore_glob = ["data/*"]

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = ROOT / "data" / "north-1989-soviet-foreign-policy.txt"
ANNOTATIONS = ROOT / "data" / "annotations"


def pytest_configure(config):
    # Explorers render their static view under pytest/nbval, even when pytest
    # is started from a JupyterLab terminal (the browser test sets its own).
    os.environ.setdefault("TEXTMINE_INTERACTIVE", "0")
    # Notebooks executed by nbval write figures here, not into figures/,
    # so running the tests never changes tracked files.
    if "TEXTMINE_FIGURES_DIR" not in os.environ:
        import tempfile

        os.environ["TEXTMINE_FIGURES_DIR"] = tempfile.mkdtemp(prefix="textmine-figures-")


@pytest.fixture(scope="session")
def chapter_path() -> Path:
    return CHAPTER


@pytest.fixture(scope="session")
def chapter():
    import textmine as tm

    return tm.load(CHAPTER)


@pytest.fixture
def close_figures():
    import matplotlib.pyplot as plt

    yield
    plt.close("all")
