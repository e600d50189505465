"""Parquet round trips: frames equal after reload, dtypes preserved."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import textmine as tm
from textmine import storage

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, chapter_path):
    folder = tmp_path_factory.mktemp("texts")
    (folder / "a-chapter.txt").write_text(chapter_path.read_text(encoding="utf-8"), encoding="utf-8")
    # no quotations, citations or dates: empty frames must round-trip too
    (folder / "b-small.txt").write_text("A short text. It has two sentences.\n\nAnd a second paragraph.", encoding="utf-8")
    return tm.load_corpus(folder, frames="all")


@pytest.fixture(scope="module")
def saved(corpus, tmp_path_factory):
    return storage.to_parquet(corpus, tmp_path_factory.mktemp("saved") / "corpus")


def test_round_trip_gives_equal_frames_and_dtypes(corpus, saved):
    back = storage.read_parquet(saved)
    assert [d.doc_id for d in back] == [d.doc_id for d in corpus]
    for name in storage.FRAMES:
        pd.testing.assert_frame_equal(getattr(back, name), getattr(corpus, name), check_exact=True)
    for a, b in zip(corpus, back):
        assert a.text == b.text and a.body_start == b.body_start and a.normalization == b.normalization
        for name in storage.FRAMES:
            pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))
    pd.testing.assert_frame_equal(back.documents, corpus.documents)
    t = back.tokens
    assert list(t["kind"].cat.categories) == ["word", "number", "punct"]
    assert str(t["norm"].dtype) == "str" and t["token_id"].dtype == np.int32 and str(t["quote_id"].dtype) == "Int32"
    assert list(t["doc_id"].cat.categories) == ["a-chapter", "b-small"]


def test_one_file_per_batch_and_frame(saved, corpus, tmp_path):
    for name in (*storage.FRAMES, "texts"):
        assert sorted(p.name for p in (saved / name).iterdir()) == ["part-000000.parquet"]  # one batch
    docs = pd.read_parquet(saved / "documents.parquet")
    assert docs["part"].tolist() == ["part-000000.parquet"] * 2
    # a corpus read in batches writes one file per batch
    folder = Path(corpus[0].source).parent
    batched = tm.load_corpus(folder, frames="all", batch_size=1)
    out = storage.to_parquet(batched, tmp_path / "batched")
    for name in (*storage.FRAMES, "texts"):
        assert sorted(p.name for p in (out / name).iterdir()) == ["part-000000.parquet", "part-000001.parquet"]
    back = storage.read_parquet(out)
    for name in storage.FRAMES:
        pd.testing.assert_frame_equal(getattr(back, name), getattr(corpus, name), check_exact=True)
    pd.testing.assert_frame_equal(storage.read_frame(out, "tokens"), corpus.tokens, check_exact=True)
    t = storage.read_frame(out, "tokens", doc_ids=["b-small", "a-chapter"], columns=["norm"])
    assert t["norm"].tolist() == corpus["b-small"].tokens["norm"].tolist() + corpus["a-chapter"].tokens["norm"].tolist()


def _as_version_2(saved: Path, out: Path) -> Path:
    """Rewrite a folder in the version 2 layout: one file per document and frame."""
    import json
    import shutil

    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    shutil.copytree(saved, out)
    docs = pq.read_table(out / "documents.parquet").to_pandas()
    ids = docs["doc_id"].astype(str).tolist()
    for sub in [p for p in out.iterdir() if p.is_dir()]:
        table = pa.concat_tables([pq.read_table(p) for p in sorted(sub.iterdir())])
        for p in sub.iterdir():
            p.unlink()
        doc = table.column("doc_id").cast(pa.string())
        for i, d in enumerate(ids):
            pq.write_table(table.filter(pc.equal(doc, d)), sub / f"part-{i:06d}.parquet")
    docs["part"] = [f"part-{i:06d}.parquet" for i in range(len(ids))]
    pq.write_table(pa.Table.from_pandas(docs, preserve_index=False), out / "documents.parquet")
    manifest = json.loads((out / "textmine.json").read_text(encoding="utf-8"))
    (out / "textmine.json").write_text(json.dumps({**manifest, "version": 2}), encoding="utf-8")
    return out


def test_a_version_2_folder_one_file_per_document_reads_the_same(corpus, saved, tmp_path):
    old = _as_version_2(saved, tmp_path / "v2")
    assert sorted(p.name for p in (old / "tokens").iterdir()) == ["part-000000.parquet", "part-000001.parquet"]
    back = storage.read_parquet(old)
    for name in storage.FRAMES:
        pd.testing.assert_frame_equal(getattr(back, name), getattr(corpus, name), check_exact=True)
        pd.testing.assert_frame_equal(getattr(back["b-small"], name), getattr(corpus["b-small"], name), check_exact=True)
    pd.testing.assert_frame_equal(storage.read_frame(old, "dates"), corpus.dates, check_exact=True)
    pd.testing.assert_frame_equal(storage.read_parquet(old, doc_ids=["b-small"]).tokens, corpus["b-small"].tokens)


def test_read_frame_selects_documents_and_columns(corpus, saved):
    t = storage.read_frame(saved, "tokens", doc_ids=["b-small"], columns=["doc_id", "norm", "kind"])
    expected = corpus["b-small"].tokens[["doc_id", "norm", "kind"]]
    pd.testing.assert_frame_equal(t, expected)
    assert t["norm"].tolist()[:3] == ["a", "short", "text"]
    whole = storage.read_frame(saved, "paragraphs")
    pd.testing.assert_frame_equal(whole, corpus.paragraphs)
    texts = storage.read_frame(saved, "texts")
    assert texts["text"].tolist() == [d.text for d in corpus]


def test_reload_a_subset_of_documents(corpus, saved):
    back = storage.read_parquet(saved, doc_ids=["b-small"])
    assert len(back) == 1
    pd.testing.assert_frame_equal(back.sentences, corpus["b-small"].sentences)


def test_writing_does_not_change_the_corpus(corpus, tmp_path):
    before = corpus.tokens.copy()
    corpus.to_parquet(tmp_path / "again")
    pd.testing.assert_frame_equal(corpus.tokens, before)


def test_a_single_document_can_be_saved(tmp_path):
    doc = tm.parse("One text. Two sentences.", doc_id="solo")
    back = storage.read_parquet(storage.to_parquet(doc, tmp_path / "solo"))
    pd.testing.assert_frame_equal(back["solo"].tokens, doc.tokens)


def test_refuses_to_overwrite_without_asking(corpus, saved, tmp_path):
    with pytest.raises(tm.InputError, match="overwrite=True"):
        storage.to_parquet(corpus, saved)
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(tm.InputError, match="not written by textmine"):
        storage.to_parquet(corpus, other)
    out = storage.to_parquet(corpus, tmp_path / "w")
    storage.to_parquet(corpus, out, overwrite=True, frames=["tokens"])
    with pytest.raises(tm.InputError, match="no frame 'dates'"):
        storage.read_frame(out, "dates")


def test_friendly_errors(saved, tmp_path):
    with pytest.raises(FileNotFoundError, match="no such folder"):
        storage.read_parquet(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(tm.InputError, match="to_parquet"):
        storage.read_parquet(tmp_path / "empty")
    with pytest.raises(TypeError, match="not one string"):
        storage.read_frame(saved, "tokens", doc_ids="b-small")
    with pytest.raises(tm.InputError, match="no document 'zzz'"):
        storage.read_frame(saved, "tokens", doc_ids=["zzz"])
    with pytest.raises(tm.InputError, match="no column 'nope'"):
        storage.read_frame(saved, "tokens", columns=["nope"])
    with pytest.raises(TypeError, match="Corpus or Document"):
        storage.to_parquet("text", tmp_path / "x")
    with pytest.raises(tm.InputError, match="unknown frame"):
        storage.to_parquet(tm.parse("A."), tmp_path / "y", frames=["words"])


def test_compact_tokens_makes_strings_categorical_and_keeps_values(corpus):
    t = corpus.tokens
    c = storage.compact_tokens(t)
    assert isinstance(c["token"].dtype, pd.CategoricalDtype)
    for col in ("token_id", "para_id", "sent_id", "start", "end"):
        assert c[col].dtype == np.int32
        assert (c[col].to_numpy() == t[col].to_numpy()).all()
    assert isinstance(c["norm"].dtype, pd.CategoricalDtype)
    assert c["norm"].astype(str).tolist() == t["norm"].tolist()
    assert c.memory_usage(deep=True).sum() < 0.8 * t.memory_usage(deep=True).sum()
    pd.testing.assert_frame_equal(t, corpus.tokens)  # input unchanged
    # frames with the former int64 ids (e.g. from older Parquet files) are narrowed
    wide = storage.compact_tokens(t.astype({"token_id": "int64", "start": "int64"}))
    assert wide["token_id"].dtype == np.int32 and wide["start"].dtype == np.int32
    with pytest.raises(TypeError):
        storage.compact_tokens([1, 2])
    big = pd.DataFrame({"start": np.array([0, 2**40], dtype=np.int64)})
    with pytest.raises(tm.InputError, match="int32"):
        storage.compact_tokens(big)


def test_ids_and_offsets_are_delta_encoded(saved):
    import pyarrow.parquet as pq

    meta = pq.ParquetFile(saved / "tokens" / "part-000000.parquet").metadata
    encodings = {meta.schema.column(i).name: meta.row_group(0).column(i).encodings for i in range(meta.num_columns)}
    for col in ("token_id", "para_id", "sent_id", "start", "end", "quote_id"):
        assert "DELTA_BINARY_PACKED" in encodings[col], col
    assert "DELTA_BINARY_PACKED" not in encodings["norm"]


def test_format_version_is_recorded_and_a_newer_one_refused(saved, tmp_path):
    import json
    import shutil

    manifest = json.loads((saved / "textmine.json").read_text(encoding="utf-8"))
    assert manifest["version"] == storage.VERSION == 3
    spec = {s["column"]: s["dtype"] for s in manifest["dtypes"]["tokens"]}
    assert spec["doc_id"] == "doc_id" and spec["token_id"] == "int32"
    newer = tmp_path / "newer"
    shutil.copytree(saved, newer)
    (newer / "textmine.json").write_text(json.dumps({**manifest, "version": 4}), encoding="utf-8")
    with pytest.raises(tm.InputError, match="unknown format"):
        storage.read_frame(newer, "tokens")


def test_a_version_1_folder_reads_with_its_recorded_dtypes(saved, tmp_path):
    import json
    import shutil

    old = tmp_path / "v1"
    shutil.copytree(saved, old)
    manifest = json.loads((old / "textmine.json").read_text(encoding="utf-8"))
    for spec in manifest["dtypes"]["paragraphs"]:  # what version 1 recorded
        if spec["column"] == "doc_id":
            spec["dtype"] = "str"
        elif spec["dtype"] == "int32":
            spec["dtype"] = "int64"
    (old / "textmine.json").write_text(json.dumps({**manifest, "version": 1}), encoding="utf-8")
    p = storage.read_frame(old, "paragraphs")
    assert str(p["doc_id"].dtype) == "str" and p["para_id"].dtype == np.int64
    assert p["doc_id"].tolist()[:1] == ["a-chapter"]


def test_a_forced_layout_survives_parquet(tmp_path):
    # a layout given at load time is restored, not detected again, when the corpus is read back
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_text("First line of a paragraph\nand its second line.\n\nAnother paragraph.\n", encoding="utf-8")
    corpus = tm.load_corpus(folder, layout="line", progress=False)
    assert corpus[0].layout == "line" and len(corpus[0].paragraphs) == 3
    corpus.to_parquet(tmp_path / "store")
    back = tm.read_parquet(tmp_path / "store")
    assert back[0].layout == "line" and back[0].meta["layout"] == "line"
    pd.testing.assert_frame_equal(back.paragraphs, corpus.paragraphs)
