"""load_corpus on many files: metadata joined on file name, progress, failures at the end."""

from __future__ import annotations

import pandas as pd
import pytest

import textmine as tm


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "vol01.txt").write_text("First volume. Short.", encoding="utf-8")
    (tmp_path / "vol02.txt").write_text("Second volume.\n\nTwo paragraphs.", encoding="utf-8")
    (tmp_path / "vol03.txt").write_text("Third volume.", encoding="utf-8")
    return tmp_path


def test_metadata_csv_is_joined_on_file_name(folder):
    meta = folder / "meta.csv"
    pd.DataFrame({"file": ["vol02.txt", "vol01.txt", "vol03.txt", "vol99.txt"], "year": [1921, 1920, 1922, 1930]}).to_csv(meta, index=False)
    with pytest.warns(tm.TextmineWarning, match=r"1 rows of the metadata table name a file that is not in the corpus: 'vol99.txt'"):
        corpus = tm.load_corpus(folder, metadata=meta)
    docs = corpus.documents
    assert docs["doc_id"].tolist() == ["vol01", "vol02", "vol03"]
    assert docs["file"].tolist() == ["vol01.txt", "vol02.txt", "vol03.txt"]
    assert docs["year"].tolist() == [1920, 1921, 1922]  # rows follow the corpus, not the CSV
    assert docs["n_chars"].tolist() == [20, 31, 13]


def test_metadata_frame_with_paths_and_missing_rows_warns(folder):
    meta = pd.DataFrame({"file": [str(folder / "vol01.txt")], "collection": ["A"]})
    with pytest.warns(UserWarning, match="2 files have no row"):
        corpus = tm.load_corpus(folder, metadata=meta)
    assert corpus.documents["collection"].tolist()[0] == "A"
    assert corpus.documents["collection"].isna().tolist() == [False, True, True]


@pytest.mark.parametrize(
    "meta, error, match",
    [
        (pd.DataFrame({"name": ["vol01.txt"]}), tm.InputError, "'file' column"),
        (pd.DataFrame({"file": ["vol01.txt", "vol01.txt"]}), tm.InputError, "two rows for file 'vol01.txt'"),
        (pd.DataFrame({"file": ["vol01.txt"], "doc_id": ["x"]}), tm.InputError, "rename it"),
        ([("vol01.txt", 1920)], TypeError, "DataFrame or the path"),
    ],
)
def test_bad_metadata_is_refused_up_front(folder, meta, error, match):
    with pytest.raises(error, match=match):
        tm.load_corpus(folder, metadata=meta)


def test_missing_metadata_file(folder):
    with pytest.raises(FileNotFoundError, match="metadata file"):
        tm.load_corpus(folder, metadata=folder / "nope.csv")


def test_frames_are_computed_while_streaming_with_a_progress_bar(folder, capsys):
    corpus = tm.load_corpus(folder, frames=["tokens"], progress=True)
    assert all("_tokens" in d.__dict__ for d in corpus)  # computed, cached
    assert "loading" in capsys.readouterr().err
    lazy = tm.load_corpus(folder)
    assert not any("_tokens" in d.__dict__ for d in lazy)
    with pytest.raises(tm.InputError, match="unknown frame"):
        tm.load_corpus(folder, frames=["words"])
    with pytest.raises(tm.InputError, match="'all'"):
        tm.load_corpus(folder, frames="tokens")


def test_unreadable_files_are_reported_together_at_the_end(folder):
    (folder / "vol04.txt").write_bytes(b"\x93bad\x94")
    (folder / "vol05.txt").write_bytes(b"")
    meta = pd.DataFrame({"file": [f"vol0{i}.txt" for i in range(1, 6)], "year": range(1920, 1925)})
    with pytest.warns(UserWarning, match="skipped 2 of 5"):
        corpus = tm.load_corpus(folder, on_error="skip", metadata=meta, frames="all")
    assert corpus.documents["year"].tolist() == [1920, 1921, 1922]
    assert sorted(corpus.failures["path"].map(lambda p: p.rsplit("/", 1)[-1])) == ["vol04.txt", "vol05.txt"]


def test_corpus_metadata_must_have_doc_id():
    with pytest.raises(tm.ColumnError, match=r"textmine\.Corpus: metadata lacks column\(s\) \['doc_id'\].*doc_id column"):
        tm.Corpus([tm.parse("A.")], metadata=pd.DataFrame({"x": [1]}))
    with pytest.raises(TypeError, match=r"textmine\.Corpus: metadata must be a DataFrame, got dict"):
        tm.Corpus([tm.parse("A.")], metadata={"doc_id": ["doc"]})
