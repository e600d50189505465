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
    text = "Jane Author\nA Book About Things\n\nBeginnings of the Trade\n\nThe body starts here. It goes on."
    fields, body = split_header(text)
    assert dict(zip(fields["field"], fields["text"])) == {
        "author": "Jane Author",
        "book": "A Book About Things",
        "chapter": "Beginnings of the Trade",
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


# ------------------------------------------------------- header rule table

from textmine.reading import HEADER_RULES, classify_header_line, header_lines, name_like, title_like  # noqa: E402


@pytest.mark.parametrize("rule", HEADER_RULES, ids=lambda r: r.name)
def test_every_header_rule_matches_its_examples_and_not_its_counter_examples(rule):
    assert rule.examples and rule.counter_examples
    for line, value in rule.examples:
        name, kind, field, a, b = classify_header_line(line)
        assert (name, kind, line[a:b]) == (rule.name, rule.role, value), line
    for line in rule.counter_examples:
        assert classify_header_line(line)[0] != rule.name, line


@pytest.mark.parametrize("value", ["Ruth A. Castellan", "A. M. Lowe", "Hendrik van der Berg", "JOHN T. SMALL",
                                   "Ann Lee and Tom Ray", "Mary Jones, Ed Lowe and Kay Moss", "Peter O'Neill Jr."])
def test_name_like_accepts_names(value):
    assert name_like(value)


@pytest.mark.parametrize("value", ["A Bell in Every Tower", "The Canal Age", "Notes", "Chapter Five", "Ann",
                                   "Report of the Committee", "1848 Revisited", "Steam: A History", "van Dyke"])
def test_name_like_refuses_titles(value):
    assert not name_like(value)


def test_title_like():
    assert title_like("The Mill on the Brook")
    assert not title_like("The mill was rebuilt.")
    assert not title_like("He said “no.”")
    assert not title_like(" ".join(["word"] * 21))


def fields_of(text):
    rows, body = header_lines(text)
    for field, s, e, ls, le in rows:
        assert ls <= s <= e <= le and text[s:e].strip() == text[s:e]
    return [(f, text[s:e]) for f, s, e, _, _ in rows], text[body:]


BODY2 = "The mill stood by the river for a century. Its wheel turned two stones."


@pytest.mark.parametrize("head, expected", [
    # title then author, each in its own block
    ("The Mill on the Brook\n\nJohn T. Small\n\n", [("title", "The Mill on the Brook"), ("author", "John T. Small")]),
    # author then title in one block
    ("John T. Small\nThe Mill on the Brook: A Village History\n\n",
     [("author", "John T. Small"), ("title", "The Mill on the Brook: A Village History")]),
    # a title and a "by" line
    ("The Mill on the Brook\n\nBy John T. Small\n\n", [("title", "The Mill on the Brook"), ("author", "John T. Small")]),
    # title, subtitle, by line
    ("The Mill on the Brook\nA Village History\nby Ann Lee\n\n",
     [("title", "The Mill on the Brook"), ("subtitle", "A Village History"), ("author", "Ann Lee")]),
    # field lines with a translator and an editor
    ("Title: The Mill\nAuthor: Ann Lee\nTranslator: Tom Ray\nEditor: Kay Moss\n\n",
     [("title", "The Mill"), ("author", "Ann Lee"), ("translator", "Tom Ray"), ("editor", "Kay Moss")]),
    # translated-by and edited-by lines under a title
    ("The Mill\n\nby Ann Lee\nTranslated from the German by Tom Ray\nEdited, with notes, by Kay Moss\n\n",
     [("title", "The Mill"), ("author", "Ann Lee"), ("translator", "Tom Ray"), ("editor", "Kay Moss")]),
    # a hearing: title, committee, date
    ("FLOOD CONTROL ON THE GREEN RIVER\nHEARING BEFORE THE COMMITTEE ON PUBLIC WORKS\nMONDAY, MAY 2, 1949\n\n",
     [("title", "FLOOD CONTROL ON THE GREEN RIVER"), ("committee", "HEARING BEFORE THE COMMITTEE ON PUBLIC WORKS"),
      ("date", "MONDAY, MAY 2, 1949")]),
    # a case title, then an unlabelled line: the subtitle
    ("ABBOT v. MILLBROOK\nAn Appeal from the County Court\n\n",
     [("title", "ABBOT v. MILLBROOK"), ("subtitle", "An Appeal from the County Court")]),
    # a court line, then the opinion with no blank line (the court line is strong)
    ("SUPREME COURT OF THE STATE OF OHIO.\n", [("court", "SUPREME COURT OF THE STATE OF OHIO.")]),
    # court, case title and date over an indented opinion, no blank line anywhere
    ("IN THE SUPREME COURT OF NORTHLAND\nJOHN ABBOT v. THE TOWN OF MILLBROOK.\nDecided March 3, 1852.\n    ",
     [("court", "IN THE SUPREME COURT OF NORTHLAND"), ("title", "JOHN ABBOT v. THE TOWN OF MILLBROOK."),
      ("date", "March 3, 1852")]),
])
def test_header_variants(head, expected):
    fields, body = fields_of(head + BODY2)
    assert fields == expected
    assert body == BODY2


def test_a_division_heading_after_title_and_author_starts_the_body():
    text = "The Mill on the Brook\n\nJohn T. Small\n\nCHAPTER FIVE\n\nThe Flood Years\n\n" + BODY2
    fields, body = fields_of(text)
    assert fields == [("title", "The Mill on the Brook"), ("author", "John T. Small")]
    assert body.startswith("CHAPTER FIVE\n\nThe Flood Years")
    fields, body = fields_of("Jane Author\nA Book\n\nChapter One: Beginnings\n\n" + BODY2)
    assert fields == [("author", "Jane Author"), ("title", "A Book")] and body.startswith("Chapter One")


@pytest.mark.parametrize("text", [
    BODY2 + "\n\nA second paragraph.",                       # prose first
    "Introduction\n\n" + BODY2,                               # a section heading first
    "CHAPTER ONE\n\n" + BODY2,                                # a division heading first
    "I. THE MILL\n\n" + BODY2,                                # a numbered heading first
    "3 March 1881\n\n" + BODY2,                               # a date line alone
    "MILL BURNS IN NIGHT FIRE\n" + BODY2 + "\n" + BODY2,      # a headline over its story, no blank line
    "Roses are red\nViolets are blue",                        # nothing follows
    "\n".join(["A Short Line"] * 30) + "\n\n" + BODY2,       # too many header-shaped lines
])
def test_no_header(text):
    assert header_lines(text) == ([], 0)


def test_a_hard_wrapped_first_paragraph_is_not_header():
    import textwrap

    para = ("the mill stood by the river for a century and more and its wheel turned two pairs of stones "
            "through every season of the year while the village grew around it and the road was paved ") * 3
    for sep in ("\n\n", "\n"):
        text = "THE MILL" + sep + textwrap.fill(para.strip().capitalize() + ".", 40)
        fields, body = fields_of(text)
        assert fields == ([("title", "THE MILL")] if sep == "\n\n" else [])
        assert body.startswith("The mill stood") if sep == "\n\n" else body == text


def test_header_reading_is_bounded_on_a_long_first_line():
    text = "x" * 1_000_000
    assert header_lines(text) == ([], 0)
    text = "Title\n\n" + "y" * 1_000_000
    assert fields_of(text)[0] == [("title", "Title")]


def test_author_from_the_header_is_in_meta():
    doc = tm.parse("The Mill\n\nBy Ann Lee\n\n" + BODY2)
    assert doc.meta["author"] == "Ann Lee" and doc.meta["title"] == "The Mill"
    row = doc.header.iloc[1]
    assert doc.text[row.line_start:row.line_end] == "By Ann Lee" and row.text == "Ann Lee"
