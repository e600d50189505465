"""Notes, note markers and their links: textmine.citations.sections, note_rules, note_frames."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import textmine as tm
from textmine.citations import NOTE_COLUMNS, MARKER_COLUMNS, NOTE_RULES, NOTE_TEXT_RULES, parse_note, with_note_links
from textmine.citations.note_rules import MAX_PART_CHARS, first_citation, note_parts



def doc_of(text: str) -> tm.Document:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return tm.parse(text, header=False)


# ------------------------------------------------------------------ the rule tables
@pytest.mark.parametrize("rule", NOTE_RULES + NOTE_TEXT_RULES, ids=lambda r: r.name)
def test_every_note_rule_reads_its_examples(rule):
    for note, want in rule.examples:
        got = parse_note(note)
        for k, v in want.items():
            assert got[k] == v, (rule.name, note, k, got[k])
    for counter in rule.counter_examples:
        if rule in NOTE_RULES:
            assert rule.pattern.fullmatch(counter) is None, (rule.name, counter)
        else:
            m = rule.pattern.search(counter)
            assert m is None or not set(m.group(0).lower().split()) & rule.needs, (rule.name, counter)


def test_every_part_rule_has_an_example_or_is_a_no_field_rule():
    no_field = {"public_law", "descriptor", "folder", "candidate"}
    assert all(r.examples or r.name in no_field for r in NOTE_RULES)
    assert {r.where for r in NOTE_RULES} <= {"first", "rest", "any", "before_date", "after_title"}


def test_a_note_is_cut_at_its_first_citation():
    assert first_citation("Valley Mercury, 2 June 1888, p. 4; Parish minutes, 1888.") == "Valley Mercury, 2 June 1888, p. 4"
    assert first_citation("Hale, Long Drought, 40. Hale was the county agent.") == "Hale, Long Drought, 40."
    # an initial or an abbreviation is no end; a semicolon inside a title is no end
    assert first_citation("J. R. Hale, “Wells; and Windmills,” Range 3 (1950): 4.").endswith("(1950): 4.")


def test_parts_split_at_commas_outside_titles_brackets_and_dates():
    parts = note_parts("Jo Park, “Wells, Pumps,” Range 12 (May, 1950): 3, June 1, 1934, Box 2")
    assert parts == ["Jo Park", "“Wells, Pumps,”", "Range 12 (May, 1950): 3", "June 1, 1934", "Box 2"]


def test_book_article_newspaper_archival_and_statute_notes():
    book = parse_note("Ruth Dale, Wheat and War: A Study, 1914–1918 (Chicago: Lakeshore Books, 1950), 7–9.")
    assert (book["author"], book["title"], book["place"], book["publisher"], book["year"]) == (
        "Ruth Dale", "Wheat and War: A Study, 1914–1918", "Chicago", "Lakeshore Books", 1950)
    assert (book["page_start"], book["page_end"]) == (7, 9)
    article = parse_note("Jo Park, “Wells and Pumps,” Range Studies 12 (March 1950): 301–9.")
    assert (article["title"], article["periodical"], article["volume"], article["date"], article["page_end"]) == (
        "Wells and Pumps", "Range Studies", "12", "1950-03", 309)
    paper = parse_note("Valley Mercury, 2 June 1888, p. 4, reporting the vestry meeting.")
    assert (paper["periodical"], paper["date"], paper["pages"], paper["author"], paper["title"]) == (
        "Valley Mercury", "1888-06-02", "4", None, None)
    letter = parse_note("Ann Lee to the Board of Trade, 3 May 1901, transcript, Lee Family Papers, Box 2, Folder 7, County Archives.")
    assert (letter["author"], letter["archive"], letter["box"], letter["folder"]) == ("Ann Lee", "Lee Family Papers", "2", "7")
    repo_only = parse_note("Dale, diary, 4 March 1911, Box 3, Folder 1, County Archives.")
    assert repo_only["archive"] == "County Archives" and repo_only["author"] == "Dale"
    statute = parse_note("Grazing Act, Pub. L. No. 73-482, 48 Stat. 1269 (1934).")
    assert (statute["title"], statute["volume"], statute["pages"], statute["year"], statute["author"]) == (
        "Grazing Act", "48", "1269", 1934, None)


def test_a_name_and_a_date_without_archive_words_is_no_archive():
    f = parse_note("Minutes of the Vestry, 2 June 1888, Smith present.")
    assert f["archive"] is None and f["title"] == "Minutes of the Vestry"


def test_prose_notes_give_only_the_whole_note_rules():
    f = parse_note("The vestry books, " + "which are long " * (MAX_PART_CHARS // 10) + "are kept at the Borough Library.")
    assert f["archive"] == "Borough Library" and f["author"] is None and f["title"] is None


def test_parse_note_refuses_non_strings():
    with pytest.raises(TypeError, match="parse_note"):
        parse_note(12)


# ------------------------------------------------------------------ sections and markers
NOTES_TEXT = (
    "The mill closed in the spring.\u00b9 Its owner wrote: \u201cWe are done.\u201d\u00b2\n\n"
    "Chapter Two\n\nThe vestry met again.[1] It spent 3.5 pounds on repairs.\u00b2\n\n"
    "Notes\n\n"
    "Abbreviations: CA, County Archives.\n\n"
    "Chapter One\n\n"
    "1. Ruth Dale, Wheat and War (Chicago: Lakeshore Books, 1950), 7.\n\n"
    "2. Ann Lee to Tom Lee, 3 May 1901, Lee Papers, box 2,\n   folder 7.\n\n"
    "Chapter Two\n\n"
    "1. Ibid., 9.\n\n"
    "2. Dale, Wheat and War, 12.\n"
)


def test_notes_section_groups_and_wrapped_lines():
    doc = doc_of(NOTES_TEXT)
    n = doc.notes
    assert list(n.columns) == NOTE_COLUMNS
    assert n["number"].tolist() == [1, 2, 1, 2]
    assert n["group_id"].tolist() == [0, 0, 1, 1]
    assert n["group"].tolist() == ["Chapter One", "Chapter One", "Chapter Two", "Chapter Two"]
    assert all(doc.text[s:e] == t for s, e, t in zip(n["start"], n["end"], n["text"]))
    assert n.loc[1, "text"].endswith("folder 7.") and n.loc[1, "folder"] == "7"  # the wrapped line is part of the note


def test_markers_link_to_the_notes_of_their_chapter():
    doc = doc_of(NOTES_TEXT)
    m = doc.note_markers
    assert list(m.columns) == MARKER_COLUMNS
    assert m["text"].tolist() == ["\u00b9", "\u00b2", "[1]", "\u00b2"]
    assert m["note_id"].tolist() == [0, 1, 2, 3]
    assert m["kind"].tolist() == ["superscript", "superscript", "bracket", "superscript"]
    assert all(doc.text[s:e] == t for s, e, t in zip(m["start"], m["end"], m["text"]))


def test_ibid_and_short_form_resolution():
    n = doc_of(NOTES_TEXT).notes
    ibid = n.loc[2]
    assert ibid["is_ibid"] and ibid["refers_to"] == 1  # the note just before, across the chapter break
    assert ibid["author"] == "Ann Lee" and ibid["pages"] == "9" and ibid["date"] == "1901-05-03"
    short = n.loc[3]
    assert not short["is_ibid"] and short["refers_to"] == 0  # Dale, Wheat and War -> the full note 1
    assert (short["author"], short["title"], short["pages"]) == ("Dale", "Wheat and War", "12")  # as written
    assert pd.isna(short["year"]) and pd.isna(short["publisher"])


def test_ibid_chains_bare_ibid_and_year_less_dates():
    text = ("A.\u00b9 B.\u00b2 C.\u00b3 D.\u2074\n\nNotes\n\n1. Dale, diary, 11 February 1903, Dale Papers, box 5.\n\n"
            "2. Ibid., 14 February.\n\n3. Ibid.\n\n4. Ibid., 20.\n")
    n = doc_of(text).notes
    assert pd.isna(n.loc[0, "refers_to"]) and n["refers_to"].iloc[1:].tolist() == [0, 0, 0]  # a chain ends at the full note
    assert n.loc[1, "date"] == "1903-02-14" and n.loc[1, "year"] == 1903 and n.loc[1, "box"] == "5"
    assert n.loc[2, "date"] == "1903-02-14"  # a bare Ibid. repeats everything, the date of note 2 included
    assert n.loc[3, "pages"] == "20"


def test_a_short_form_with_another_title_refers_to_nothing():
    text = "A.\u00b9 B.\u00b2\n\nNotes\n\n1. Ruth Dale, Wheat and War (Chicago: Lakeshore, 1950), 7.\n\n2. Dale, Cotton Years, 9.\n"
    n = doc_of(text).notes
    assert pd.isna(n.loc[1, "refers_to"])


def test_digit_markers_need_the_next_number_and_punctuation_before_them():
    text = ("It cost 3.5 pounds. The vestry agreed.1 A year later, 1888.2 The vote was 12 to 3. Then it fell.’2 "
            "Later.3\n\nNotes\n\n1 Parish minutes, 2 June 1887.\n\t2 Parish minutes, 9 June 1888.\n3 Valley Mercury, 2 July 1888.\n")
    doc = doc_of(text)
    m = doc.note_markers
    assert m["text"].tolist() == ["1", "2", "3"]  # "3.5" and "1888.2" (a digit before the stop) are no markers
    assert m["note_id"].tolist() == [0, 1, 2]
    assert doc.notes["number"].tolist() == [1, 2, 3]


def test_prose_after_the_notes_ends_the_section():
    text = ("One.\u00b9\n\nNotes\n\n1. Dale, Wheat, 7.\n\nCHAPTER TWO\n\n1. Lee, Mills, 3.\n\n"
            "The body goes on after the chapter's notes, with a sentence that is plainly prose.\n\n"
            "2. A numbered list item in the body.\n")
    n = doc_of(text).notes
    assert n["text"].tolist() == ["Dale, Wheat, 7.", "Lee, Mills, 3."]  # the list item after the prose is no note
    assert n["group_id"].tolist() == [0, 1] and n["group"].tolist()[1] == "CHAPTER TWO"
    assert len(doc_of("No notes here.\u00b9 [2] none.").note_markers) == 0  # markers need notes


def test_empty_and_noteless_texts_give_empty_frames_with_dtypes():
    doc = doc_of("Nothing noted here (really).")
    full = doc_of(NOTES_TEXT)
    for name in ("notes", "note_markers", "references"):
        empty, ref = getattr(doc, name), getattr(full, name)
        assert len(empty) == 0 and list(empty.columns) == list(ref.columns)
        assert empty.dtypes.astype(str).to_dict() == ref.dtypes.astype(str).to_dict()


def test_frame_dtypes():
    n, m = doc_of(NOTES_TEXT).notes, doc_of(NOTES_TEXT).note_markers
    assert str(n["note_id"].dtype) == "int32" and str(n["start"].dtype) == "int32" and str(n["refers_to"].dtype) == "Int32"
    assert str(n["year"].dtype) == "Int64" and str(n["doc_id"].dtype) == "category" and str(n["author"].dtype) == "str"
    assert str(m["note_id"].dtype) == "int32" and str(m["marker_id"].dtype) == "int32"


def test_public_finders_equal_the_document_frames():
    doc = doc_of(NOTES_TEXT)
    pd.testing.assert_frame_equal(tm.find_notes(doc.text, doc_id=doc.doc_id), doc.notes)
    pd.testing.assert_frame_equal(tm.find_note_markers(doc.text, doc_id=doc.doc_id), doc.note_markers)
    with pytest.raises(TypeError, match="textmine.find_notes"):
        tm.find_notes(None)


def test_corpus_concatenates_the_note_frames():
    a, b = doc_of(NOTES_TEXT), tm.parse(NOTES_TEXT, doc_id="b", header=False)
    c = tm.Corpus([a, b])
    assert len(c.notes) == 8 and list(c.notes["doc_id"].cat.categories) == [a.doc_id, "b"]
    assert len(c.note_markers) == 8 and str(c.note_markers["note_id"].dtype) == "int32"


# ------------------------------------------------------------------ quotations -> notes
QUOTE_TEXT = (
    "\u201cThe checks will buy flour,\u201d the paper wrote, \u201cbut not rain.\u201d\u00b9 "
    "One farmer recalled \u201cthe dust in the bread.\u201d\u00b2 A clerk called it \u201cthe end.\u201d\n\n"
    "Ann Lee said \u201cnothing.\u201d Then a \u201cnew\u201d rule.\u00b3\n\n"
    "Notes\n\n1. Plains Farmer, 4 May 1936, 2.\n\n2. Tom Raley, interview by Jo Park, 3 May 1976, Oral History Collection, box 2.\n\n"
    "3. Sen. Ada Roe, quoted in \u201cFight on the Bill,\u201d Plains Farmer, 3 March 1938, 2.\n"
)


def test_quotations_take_the_note_whose_marker_closes_their_sentence():
    doc = doc_of(QUOTE_TEXT)
    q = doc.quotations
    by_text = dict(zip(q["text"], q["note_id"]))
    assert by_text["The checks will buy flour,"] == 0  # the first half of a speech-tag pair takes the group's note
    assert by_text["but not rain."] == 0
    assert by_text["the dust in the bread."] == 1
    assert pd.isna(by_text["the end."])  # no marker closes its sentence
    assert pd.isna(by_text["nothing."])  # the marker after the next sentence is not its own
    assert str(q["note_id"].dtype) == "Int32"


def test_an_empty_speaker_is_filled_from_the_note():
    q = doc_of(QUOTE_TEXT).quotations.set_index("text")
    assert q.at["the dust in the bread.", "speaker"] == "Tom Raley"  # the note's author (an interview)
    assert q.at["the dust in the bread.", "speaker_rule"] == "note"
    # a lower-case "term" with a note is a quotation (the note is its source), and takes the note's quoted person
    assert (q.at["new", "kind"], q.at["new", "note_id"], q.at["new", "speaker"]) == ("quotation", 2, "Ada Roe")
    assert q.at["the end.", "kind"] == "term" and pd.isna(q.at["the end.", "speaker"])  # no note: unchanged
    assert q.at["The checks will buy flour,", "speaker"] == "Plains Farmer"  # "the paper wrote": the note's periodical


def test_an_unnamed_author_gives_the_periodical():
    text = "A reader found it \u201cbetter said than done.\u201d\u00b9\n\nNotes\n\n1. A Correspondent, \u2018Mill Talk\u2019, Valley Mercury, 2 June 1888, p. 4.\n"
    q = doc_of(text).quotations
    assert q.loc[0, "speaker"] == "Valley Mercury"


def test_with_note_links_validates_and_keeps_rows():
    doc = doc_of(QUOTE_TEXT)
    q = doc.quotations.drop(columns=["note_id"])
    out = with_note_links(q.iloc[::-1], doc.notes, doc.note_markers, doc.sentences)
    assert out["quote_id"].tolist() == q["quote_id"].tolist()[::-1]
    with pytest.raises(tm.ColumnError, match="with_note_links"):
        with_note_links(q, doc.notes.drop(columns=["quoted"]), doc.note_markers, doc.sentences)


def test_quoted_titles_inside_notes_are_titles_and_names_stay_terms():
    text = ("It was \u201cBlack Monday\u201d for the mill.\u00b9\n\nNotes\n\n"
            "1. \u201cDust on the Wheat,\u201d Plains Farmer, 4 May 1936, 2; the \u201clast word\u201d on it.\n")
    q = doc_of(text).quotations.set_index("text")
    assert q.at["Black Monday", "kind"] == "term" and q.at["Black Monday", "note_id"] == 0  # a name keeps its kind
    assert q.at["Dust on the Wheat,", "kind"] == "title"
    assert q.at["last word", "kind"] != "title"  # lower case: not a title


def test_a_note_naming_the_quoted_person_gives_that_person():
    text = ("The board heard \u201cno more loans.\u201d\u00b9\n\nNotes\n\n"
            "1. General Committee minutes, 4 May 1957, remark of Councillor J. Pike.\n")
    q = doc_of(text).quotations
    assert q.loc[0, "note_id"] == 0 and q.loc[0, "speaker"] == "J. Pike"


def test_the_chapter_has_no_notes_and_its_quotations_no_links(chapter_doc):
    assert len(chapter_doc.notes) == 0 and len(chapter_doc.note_markers) == 0
    assert chapter_doc.quotations["note_id"].isna().all()


@pytest.fixture(scope="module")
def chapter_doc():
    from pathlib import Path

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return tm.load(Path(__file__).resolve().parents[1] / "data" / "north-1989-soviet-foreign-policy.txt")


@pytest.mark.parametrize("notes", [
    "[Footnote 1: Ruth Dale, Wheat and War (Chicago: Lake, 1950), 7.]\n\n[Footnote 2: Ibid., 9.]\n",
    "[1] Ruth Dale, Wheat and War (Chicago: Lake, 1950), 7.\n[2] Ibid., 9.\n",
    "Sources and Notes\n\n1. Ruth Dale, Wheat and War (Chicago: Lake, 1950), 7.\n2. Ibid., 9.\n",
])
def test_notes_without_a_notes_heading_and_heading_variants(notes):
    doc = doc_of("He said so.[1] And more.[2]\n\n" + notes)
    n, m = doc.notes, doc.note_markers
    assert n["text"].tolist() == ["Ruth Dale, Wheat and War (Chicago: Lake, 1950), 7.", "Ibid., 9."]
    assert n["refers_to"].tolist()[1] == 0 and n.loc[1, "author"] == "Ruth Dale"
    assert m["text"].tolist() == ["[1]", "[2]"] and m["note_id"].tolist() == [0, 1]
    c = doc.citations
    assert c.loc[c["placement"] == "note", "marker_start"].tolist() == m["start"].tolist()


def test_op_cit_refers_to_the_latest_note_by_that_author():
    text = ("A.\u00b9 B.\u00b2 C.\u00b3\n\nNotes\n\n1. J. Smith, The Mill (London, 1902), 12.\n\n"
            "2. Valley Mercury, 2 June 1888, p. 4.\n\n3. Smith, op. cit., p. 30.\n")
    n = doc_of(text).notes
    assert n.loc[2, "refers_to"] == 0 and n.loc[2, "pages"] == "30" and not n.loc[2, "is_ibid"]


@pytest.mark.parametrize(
    "note, fields",
    [
        ("See Hale v. Town of Dover, 12 Mass. 345, 350 (1850).",
         {"title": "Hale v. Town of Dover", "periodical": "Mass.", "volume": "12", "year": 1850, "page_start": 345, "author": None}),
        ("Hale, 12 Mass. at 352 (a notice \u201cneed not be exact\u201d).", {"title": "Hale", "pages": "352", "author": None}),
        ("Rev. Stat. ch. 12, \u00a7 4 (1836), was itself drawn from an older act.", {"title": "Rev. Stat.", "year": 1836}),
        ("The writ is dated May 3, 1949. We said as much in Lee v. Park, 3 Pick. 10 (1825).",
         {"title": "Lee v. Park", "periodical": "Pick.", "year": 1825}),
    ],
)
def test_a_note_citing_a_case_or_statute_takes_its_fields(note, fields):
    from textmine.citations import parse_note

    got = parse_note(note)
    for k, v in fields.items():
        assert got[k] == v, (note, k, got[k])
