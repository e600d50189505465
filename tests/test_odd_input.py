"""Odd and hostile input: each case a clear textmine error naming the file and the problem, or a correct result.

One test per row of the odd-input table of issue 19 (header labels, field-only
headers, lone surrogates, bytes with another encoding, BOM-less UTF-16,
symbolic link loops, unreadable files in a corpus, metadata problems).
"""

from __future__ import annotations

import os
import warnings

import pandas as pd
import pytest

import textmine as tm
from textmine.errors import InputError, TextmineError, TextmineWarning


def _covered_or_space(doc: tm.Document) -> list[str]:
    """Characters of the text in no row of header or paragraphs that are not whitespace."""
    text = doc.text
    cov = [False] * len(text)
    for s, e in zip(doc.header["line_start"], doc.header["line_end"]):
        cov[s:e] = [True] * (e - s)
    for s, e in zip(doc.paragraphs["start"], doc.paragraphs["end"]):
        cov[s:e] = [True] * (e - s)
    return [c for c, k in zip(text, cov) if not k and not c.isspace()]


def test_header_label_is_in_a_row():
    doc = tm.parse("Title:k\n\nn")
    assert doc.header[["field", "text"]].values.tolist() == [["title", "k"]]
    row = doc.header.iloc[0]
    assert doc.text[row["line_start"]:row["line_end"]] == "Title:k"
    assert _covered_or_space(doc) == []


def test_header_of_field_lines_only_is_the_body():
    doc = tm.parse("Title: A Book\nAuthor: Someone")
    assert len(doc.header) == 0 and doc.body_start == 0
    assert doc.paragraphs["text"].tolist() == ["Title: A Book\nAuthor: Someone"]
    assert _covered_or_space(doc) == []


def test_field_only_header_does_not_abort_a_corpus(tmp_path):
    (tmp_path / "a.txt").write_text("Title: A Book\nAuthor: Someone\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("A plain text.", encoding="utf-8")
    corpus = tm.load_corpus(tmp_path, on_error="skip", frames="all")
    assert [d.doc_id for d in corpus] == ["a", "b"] and len(corpus.failures) == 0


def test_lone_surrogate_is_a_clear_error():
    bad = b"caf\xe9 au lait".decode("utf-8", "surrogateescape")
    with pytest.raises(InputError, match=r"lone surrogate U\+DCE9 at offset 3.*encoding="):
        tm.parse(bad)


def test_parse_takes_bytes_with_an_encoding():
    data = "\u201cNa\u00efve,\u201d she said.".encode("cp1252")
    with pytest.raises(tm.DecodingError, match=r'encoding="cp1252"'):
        tm.parse(data)
    doc = tm.parse(data, encoding="cp1252")
    assert doc.text == "\u201cNa\u00efve,\u201d she said."
    assert doc.normalization.encoding == "cp1252"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_named(tmp_path, codec):
    p = tmp_path / "t.txt"
    p.write_bytes("The Soviet government, in 1921, signed a treaty.\n".encode(codec))
    with pytest.raises(InputError, match=rf"looks like {codec.upper()} text without a byte-order mark.*encoding='{codec}'"):
        tm.load(p)
    assert tm.load(p, encoding=codec).text.startswith("The Soviet")


def test_binary_file_is_still_binary(tmp_path):
    p = tmp_path / "b.bin"
    p.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(InputError, match="binary file"):
        tm.load(p)


def test_symlink_loop_is_named(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    os.symlink(b, a)
    os.symlink(a, b)
    with pytest.raises(FileNotFoundError, match="symbolic link loop"):
        tm.load(a)


def test_broken_symlink_is_named(tmp_path):
    a = tmp_path / "a.txt"
    os.symlink(tmp_path / "gone.txt", a)
    with pytest.raises(FileNotFoundError, match=r"broken symbolic link \(to .*gone.txt"):
        tm.load(a)


def test_unreadable_file_is_named(tmp_path, monkeypatch):
    # root reads any file, so the refusal is simulated where the bytes are read
    p = tmp_path / "x.txt"
    p.write_text("text", encoding="utf-8")

    def denied(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(type(p), "read_bytes", denied)
    with pytest.raises(PermissionError, match=r"x.txt' cannot be read: permission denied"):
        tm.load(p)


def test_unexpected_error_in_one_file_is_reported_not_fatal(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("Good text.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Bad text.", encoding="utf-8")
    real = tm.Document.__init__

    def broken(self, text, **kw):
        if text.startswith("Bad"):
            raise IndexError("boom")
        real(self, text, **kw)

    monkeypatch.setattr(tm.Document, "__init__", broken)
    with pytest.warns(TextmineWarning, match=r"unexpected IndexError in textmine \(a bug"):
        corpus = tm.load_corpus(tmp_path, on_error="skip")
    assert [d.doc_id for d in corpus] == ["a"]
    assert corpus.failures["path"].str.endswith("b.txt").tolist() == [True]
    with pytest.raises(TextmineError, match="1 of 2 files could not be read") as info:
        tm.load_corpus(tmp_path)
    assert isinstance(info.value.__cause__, IndexError)


def test_empty_metadata_csv_is_a_clear_error(tmp_path):
    (tmp_path / "a.txt").write_text("Text.", encoding="utf-8")
    meta = tmp_path / "meta.csv"
    meta.write_text("", encoding="utf-8")
    with pytest.raises(InputError, match=r"metadata file .*meta.csv' is empty"):
        tm.load_corpus(tmp_path, metadata=meta)


def test_metadata_row_for_a_missing_file_warns(tmp_path):
    (tmp_path / "vol1.txt").write_text("Text one.", encoding="utf-8")
    meta = pd.DataFrame({"file": ["vol1.txt", "Vol2.txt"], "year": [1900, 1901]})
    (tmp_path / "vol2.txt").write_text("Text two.", encoding="utf-8")
    with pytest.warns(TextmineWarning, match=r"name a file that is not in the corpus: 'Vol2.txt' \(did you mean 'vol2.txt'\?\)"):
        corpus = tm.load_corpus(tmp_path, metadata=meta)
    assert corpus.documents["year"].isna().tolist() == [False, True]


def test_metadata_row_for_a_failed_file_is_not_an_orphan(tmp_path):
    (tmp_path / "a.txt").write_text("Text.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    meta = pd.DataFrame({"file": ["a.txt", "b.txt"], "year": [1, 2]})
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        tm.load_corpus(tmp_path, metadata=meta, on_error="skip")
    messages = [str(w.message) for w in seen]
    assert any("skipped 1 of 2 files" in m for m in messages)
    assert not any("not in the corpus" in m for m in messages)
