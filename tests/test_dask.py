"""The Dask path gives the same frames and counts as one machine (LocalCluster, 2 workers)."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

import textmine as tm
from textmine import dtm, storage
from textmine.periods import assign_periods

pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("dask.distributed")

import textmine.dask as tmd  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")

ROOT = __import__("pathlib").Path(__file__).resolve().parents[1]
PERIODS = ROOT / "data" / "periods.csv"
EVENTS = ROOT / "data" / "events.csv"


@pytest.fixture(scope="module")
def folder(tmp_path_factory, chapter_path):
    d = tmp_path_factory.mktemp("dask-texts")
    shutil.copy(chapter_path, d / "a-chapter.txt")
    (d / "b-small.txt").write_text("A small text written in 1920. Another sentence.\n\nIn 1921, more.", encoding="utf-8")
    (d / "c-tiny.txt").write_text("A third text, about 1937.", encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


@pytest.fixture(scope="module")
def single(folder):
    """The single-machine path: load_corpus, then assign_periods per document."""
    return [assign_periods(doc, PERIODS) for doc in tm.load_corpus(folder, events=EVENTS)]


def test_dask_frames_equal_the_single_machine_frames(client, folder, single, tmp_path):
    import dask

    corpus = tmd.load_corpus(folder, periods=PERIODS, events=EVENTS).persist()  # parsed once, on the workers
    # one partition per batch of files: the chapter alone, the two small texts together
    assert len(corpus) == 3 and corpus.tokens.npartitions == 2
    names = ("header", "paragraphs", "sentences", "tokens", "quotations", "citations", "dates")
    per_file = tmd.load_corpus(folder, periods=PERIODS, events=EVENTS, batch_size=1)
    assert per_file.tokens.npartitions == 3
    for c in (corpus, per_file):
        computed = dask.compute(*(getattr(c, name) for name in names))
        for name, got in zip(names, computed):
            expected = getattr(tm.Corpus(single), name)  # the single-machine path
            pd.testing.assert_frame_equal(got.reset_index(drop=True), expected, obj=f"{name} ({c.tokens.npartitions} partitions)", check_exact=True)
    assert "period" in corpus.tokens.columns

    # counts by period: Dask groupby == sparse single-machine counts
    tokens = tm.Corpus(single).tokens
    by_dask = tmd.term_counts(corpus.tokens, by="period", drop_stop=True)
    by_one = dtm.term_counts(tokens, by="period", drop_stop=True)
    pd.testing.assert_frame_equal(by_dask, by_one)
    assert by_dask["n"].sum() == int(((tokens["kind"] != "punct") & ~tokens["is_stop"]).sum())

    # written in parallel, read back on one machine or into Dask
    out = corpus.to_parquet(tmp_path / "saved")
    back = storage.read_parquet(out)
    pd.testing.assert_frame_equal(back.tokens, tokens)
    pd.testing.assert_frame_equal(tmd.read_frame(out, "paragraphs").compute().reset_index(drop=True), back.paragraphs)
    docs = corpus.documents()
    assert docs["doc_id"].tolist() == ["a-chapter", "b-small", "c-tiny"]


def test_unreadable_files_are_reported_as_on_one_machine(client, tmp_path):
    (tmp_path / "good.txt").write_text("Fine text.", encoding="utf-8")
    (tmp_path / "bad1.txt").write_bytes(b"\x93bad\x94")
    (tmp_path / "bad2.txt").write_bytes(b"")
    with pytest.raises(tm.TextmineError) as single:
        tm.load_corpus(tmp_path)
    with pytest.raises(tm.TextmineError) as dasked:
        tmd.load_corpus(tmp_path)
    # the same listing, under each function's name
    assert str(dasked.value).replace("textmine.dask.load_corpus", "textmine.load_corpus") == str(single.value)
    assert "2 of 3 files" in str(single.value) and "bad1.txt" in str(single.value) and "bad2.txt" in str(single.value)
    with pytest.warns(tm.TextmineWarning, match="skipped 2 of 3 files"):
        corpus = tmd.load_corpus(tmp_path, on_error="skip")
    with pytest.warns(tm.TextmineWarning, match="skipped 2 of 3 files"):
        one = tm.load_corpus(tmp_path, on_error="skip")
    pd.testing.assert_frame_equal(corpus.failures, one.failures)
    assert len(corpus) == len(one) == 1
    # frames and len agree: nothing silently left out
    assert corpus.tokens["doc_id"].compute().astype(str).unique().tolist() == ["good"]
    corpus.to_parquet(tmp_path / "out")
    assert storage.read_frame(tmp_path / "out", "tokens")["doc_id"].unique().tolist() == ["good"]


def test_a_file_that_changes_after_loading_fails_loudly(client, tmp_path):
    (tmp_path / "a.txt").write_text("Fine text.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Also fine.", encoding="utf-8")
    corpus = tmd.load_corpus(tmp_path)
    (tmp_path / "b.txt").write_bytes(b"")
    with pytest.raises(tm.TextmineError, match=r"b.txt.*could be read when the corpus was loaded"):
        corpus.tokens.compute()


def test_friendly_errors(tmp_path):
    with pytest.raises(FileNotFoundError):
        tmd.load_corpus(tmp_path / "missing")
    with pytest.raises(TypeError, match="Dask DataFrame"):
        tmd.term_counts(pd.DataFrame({"norm": ["a"]}))
