"""The example data shipped in the package: copies of data/, found by tm.example_path, recognised by tm.is_example."""

from __future__ import annotations

import pytest

import textmine as tm
from conftest import ROOT
from textmine.example import EXAMPLE_FILES


@pytest.mark.parametrize("name", sorted(EXAMPLE_FILES))
def test_example_files_are_byte_identical_copies_of_data(name):
    path = tm.example_path(name)
    assert path.parent.name == "example_data" and path.is_file()
    assert path.read_bytes() == (ROOT / "data" / EXAMPLE_FILES[name]).read_bytes(), (
        f"textmine/example_data/{path.name} differs from data/{path.name}: copy data/ over it")


def test_example_path_loads_with_its_tables():
    doc = tm.load(tm.example_path(), events=tm.example_path("events"))
    doc = tm.assign_periods(doc, tm.example_path("periods"))
    assert doc.meta["doc_id"] == "north-1989-soviet-foreign-policy"
    assert doc.paragraphs["period"].iloc[1] == "revolution"


def test_example_path_refuses_unknown_names():
    with pytest.raises(tm.InputError, match="one of"):
        tm.example_path("chapter-2")


def test_is_example(chapter, chapter_path, tmp_path):
    assert tm.is_example(chapter) and tm.is_example(chapter_path) and tm.is_example(str(chapter_path))
    edited = tmp_path / "edited.txt"
    edited.write_bytes(chapter_path.read_bytes() + b" ")
    assert not tm.is_example(edited) and not tm.is_example(tm.load(edited))
    assert not tm.is_example(tmp_path / "missing.txt") and not tm.is_example(42)
