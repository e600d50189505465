"""load_corpus on many files: metadata joined on file name, progress, failures at the end,
batches of bounded size whose frames equal the documents' own."""

from __future__ import annotations

import pickle
import random
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import textmine as tm
from textmine._corpus import batches, concat_frames, uniform_concat
from textmine.spans import concat_by_document

DATA = Path(__file__).parent / "data"
CHAPTER = Path(__file__).parents[1] / "data" / "north-1989-soviet-foreign-policy.txt"


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
    # computed while loading, held once in the batch's frame; the documents read their rows
    assert all("tokens" in d._overrides and "_tokens" not in d.__dict__ for d in corpus)
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


def _small_documents(folder: Path, n: int = 90, seed: int = 3) -> list[Path]:
    """Many small documents of paragraphs of the chapter and the test texts (quotations in
    curly, straight and British marks, citations, notes, dates), some with a header."""
    rng = random.Random(seed)
    paras = []
    for p in [CHAPTER, *sorted(DATA.glob("*.txt"))]:
        paras += [b.strip() for b in re.split(r"\n\s*\n", p.read_text(encoding="utf-8")) if b.strip()]
    paths = []
    for i in range(n):
        chosen = [rng.choice(paras) for _ in range(rng.randint(1, 5))]
        if i % 3 == 1:
            chosen = [c.replace("\u201c", '"').replace("\u201d", '"') for c in chosen]
        if i % 5 == 2:
            chosen = [f"Author: Writer {i}\nTitle: Piece {i}", *chosen]
        path = folder / f"d{i:03d}.txt"
        path.write_text("\n\n".join(chosen) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def test_batch_frames_equal_the_documents_own_frames(tmp_path):
    paths = _small_documents(tmp_path)
    own = [tm.load(p) for p in paths]  # each Document alone: a batch of one
    ids = [d.doc_id for d in own]
    dtype = pd.CategoricalDtype(pd.Index(ids, dtype="str"))
    small = 20_000  # a few documents per batch, so batch edges fall everywhere
    for frames in ("all", ["tokens", "dates"], ()):
        corpus = tm.load_corpus(tmp_path, frames=frames, batch_size=small, progress=False)
        assert len(corpus._batches) > 5
        for name in tm.Document.FRAMES:
            parts = [getattr(d, name) for d in own]
            expected = pd.concat([f.assign(doc_id=f["doc_id"].astype(dtype)) for f in parts], ignore_index=True)
            got = getattr(corpus, name)
            pd.testing.assert_frame_equal(got, expected, check_exact=True)
            assert list(got["doc_id"].cat.categories) == ids
            for d, e in zip(corpus, own):  # and every Document of the corpus reads its own rows
                pd.testing.assert_frame_equal(getattr(d, name), getattr(e, name), check_exact=True)
    # several batches: the corpus frame is built once, and the batches' frames become views of it
    again = corpus.tokens
    assert np.shares_memory(corpus._batches[1].frames["tokens"]["start"].to_numpy(), again["start"].to_numpy())
    # the generated corpus exercises every extractor
    assert all(len(getattr(corpus, n)) > 20 for n in ("quotations", "citations", "dates", "header"))
    assert corpus.tokens["in_quote"].any() and corpus.tokens["in_citation"].any()


def test_batches_are_bounded_in_bytes_and_cover_every_file():
    assert batches([5, 5, 5, 5], 10) == [(0, 2), (2, 4)]
    assert batches([25, 1, 1], 10) == [(0, 1), (1, 3)]  # a big file is a batch of its own
    assert batches([], 10) == []
    assert batches([3] * 7, 1) == [(i, i + 1) for i in range(7)]
    with pytest.raises(TypeError, match="batch_size must be an int"):
        tm.load_corpus([CHAPTER], batch_size=1.5)


def test_concat_frames_equals_pandas_also_where_dtypes_differ():
    a = tm.parse("One “quoted” word (Smith 1999).", doc_id="a")
    b = tm.parse("Two words in 1917.", doc_id="b")
    for name in tm.Document.FRAMES:
        frames = [getattr(a, name), getattr(b, name)]
        pd.testing.assert_frame_equal(concat_frames(frames, ["a", "b"]), concat_by_document(frames, ["a", "b"]), check_exact=True)
    left = a.paragraphs
    right = b.paragraphs.assign(n_tokens=b.paragraphs["n_tokens"].astype("float64"))
    assert uniform_concat([left, right], ["a", "b"]) is None  # not one dtype: pandas decides
    pd.testing.assert_frame_equal(concat_frames([left, right], ["a", "b"]), concat_by_document([left, right], ["a", "b"]))
    # a batch frame's categories are mapped onto the corpus's order
    ab = concat_frames([left, b.paragraphs], ["a", "b"])
    ba = concat_frames([ab], ["b", "a"])
    assert list(ba["doc_id"].cat.categories) == ["b", "a"] and ba["doc_id"].tolist() == ab["doc_id"].tolist()


def test_a_document_of_a_batch_pickles_its_own_rows_only(tmp_path):
    _small_documents(tmp_path, n=12)
    corpus = tm.load_corpus(tmp_path, frames="all", progress=False)
    doc = corpus[3]
    size_one = len(pickle.dumps(doc))
    assert size_one < len(pickle.dumps(corpus.tokens)) / 3
    back = pickle.loads(pickle.dumps(doc))
    for name in tm.Document.FRAMES:
        pd.testing.assert_frame_equal(getattr(back, name), getattr(doc, name), check_exact=True)
    assert np.array_equal(back.tokens["start"].to_numpy(), doc.tokens["start"].to_numpy())
