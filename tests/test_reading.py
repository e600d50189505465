"""Reading and normalization: minimal, recorded, and loud on bad input."""

from __future__ import annotations

import hashlib

import pytest

import textmine as tm
from textmine.errors import DecodingError, InputError
from textmine.reading import normalize, split_header

BODY = "The first paragraph ends here.\n\nThe second one too."


def test_normalize_removes_bom_converts_newlines_and_applies_nfc():
    raw = "\ufeffCafe\u0301 one.\r\nline two.\rthree."
    text, norm = normalize(raw)
    assert text == "Caf\u00e9 one.\nline two.\nthree."
    assert norm.bom_removed is True
    assert norm.newlines_converted == 2
    assert norm.nfc_changed is True


def test_normalize_keeps_quotes_dashes_and_case():
    raw = "“Quoted”—‘single’ and \"straight\" CASE."
    text, norm = normalize(raw)
    assert text == raw
    assert (norm.bom_removed, norm.newlines_converted, norm.nfc_changed) == (False, 0, False)


def test_load_records_sha256_of_the_original_bytes(tmp_path):
    data = "\ufeffOne line.\r\n\r\nAnother line.".encode("utf-8")
    p = tmp_path / "t.txt"
    p.write_bytes(data)
    doc = tm.load(p)
    assert doc.meta["sha256"] == hashlib.sha256(data).hexdigest()
    assert doc.text == "One line.\n\nAnother line."
    assert doc.normalization.encoding == "utf-8"
    assert doc.doc_id == "t"


def test_missing_file_names_the_path(tmp_path):
    missing = tmp_path / "nope.txt"
    with pytest.raises(FileNotFoundError, match="nope.txt"):
        tm.load(missing)


def test_directory_is_refused_with_a_pointer_to_load_corpus(tmp_path):
    with pytest.raises(IsADirectoryError, match="load_corpus"):
        tm.load(tmp_path)


def test_not_utf8_names_file_offset_and_fix(tmp_path):
    p = tmp_path / "win.txt"
    p.write_bytes("Ab \u201cquoted\u201d text.".encode("cp1252"))
    with pytest.raises(DecodingError) as info:
        tm.load(p)
    msg = str(info.value)
    assert "win.txt" in msg and "byte offset 3" in msg and 'encoding="cp1252"' in msg
    assert info.value.offset == 3 and isinstance(info.value, tm.TextmineError)
    doc = tm.load(p, encoding="cp1252")
    assert doc.text == "Ab \u201cquoted\u201d text."


def test_utf16_with_bom_is_decoded(tmp_path):
    p = tmp_path / "u16.txt"
    p.write_bytes("Hello there.\n\nSecond.".encode("utf-16"))
    doc = tm.load(p)
    assert doc.text == "Hello there.\n\nSecond."
    assert doc.normalization.bom_removed


def test_binary_file_is_refused(tmp_path):
    p = tmp_path / "b.txt"
    p.write_bytes(b"abc\x00def")
    with pytest.raises(InputError, match=r"b\.txt.*NUL byte at byte offset 3"):
        tm.load(p)


@pytest.mark.parametrize("content", [b"", b"   \n\n\t \r\n"])
def test_empty_or_whitespace_file_is_refused(tmp_path, content):
    p = tmp_path / "e.txt"
    p.write_bytes(content)
    with pytest.raises(InputError, match="e.txt.*no text"):
        tm.load(p)


def test_parse_refuses_empty_text():
    with pytest.raises(InputError, match="empty"):
        tm.parse("  \n ")


# ---------------------------------------------------------------- header


def test_header_author_book_then_chapter():
    text = "Jane Author\nA Book About Things\n\nChapter One: Beginnings\n\nThe body starts here. It goes on."
    fields, body = split_header(text)
    assert dict(zip(fields["field"], fields["text"])) == {
        "author": "Jane Author",
        "book": "A Book About Things",
        "chapter": "Chapter One: Beginnings",
    }
    assert text[body:].startswith("The body starts")
    for r in fields.itertuples():
        assert text[r.start : r.end] == r.text


def test_header_field_lines():
    text = "Title: On Things\nAuthor: A. Person\n\nBody text here."
    fields, body = split_header(text)
    assert dict(zip(fields["field"], fields["text"])) == {"title": "On Things", "author": "A. Person"}
    assert text[body:] == "Body text here."


def test_no_header_when_text_starts_with_a_paragraph():
    fields, body = split_header(BODY)
    assert body == 0 and len(fields) == 0
    doc = tm.parse(BODY)
    assert doc.paragraphs["text"].tolist() == ["The first paragraph ends here.", "The second one too."]


def test_no_header_when_everything_is_title_like():
    # Two short unpunctuated lines with nothing after them: a poem, not a header.
    text = "Roses are red\nViolets are blue"
    fields, body = split_header(text)
    assert body == 0 and fields.empty


def test_header_false_keeps_everything_in_the_body():
    text = "Jane Author\nA Book\n\nChapter\n\nBody here."
    doc = tm.parse(text, header=False)
    assert doc.header.empty
    assert doc.paragraphs["text"].iloc[0] == "Jane Author\nA Book"


def test_header_true_without_header_raises():
    with pytest.raises(InputError, match="no header"):
        tm.parse(BODY, header=True)


def test_chapter_header(chapter):
    assert chapter.meta["author"] == "David North"
    assert chapter.meta["book"].startswith("Perestroika versus Socialism")
    assert chapter.meta["chapter"] == "Soviet Foreign Policy: From Lenin to Gorbachev"
    # header lines are not body paragraphs
    assert not chapter.paragraphs["text"].str.contains("David North").any()
