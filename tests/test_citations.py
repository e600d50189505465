"""Citations: shapes, page ranges, Ibid / op. cit. resolution, notes, asides."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

import textmine as tm
from textmine.citations import CITATION_COLUMNS, expand_pages, find_citations, parse_citation

DATA = Path(__file__).resolve().parent / "data"


def cites(text: str) -> pd.DataFrame:
    return tm.parse(text, header=False).citations


def fields(raw: str) -> dict:
    out = parse_citation(raw)
    assert out is not None, raw
    return {k: v for k, v in out.items() if v not in (None, False) and not (k == "n_refs" and v == 1)}


# ------------------------------------------------------------------ pages
@pytest.mark.parametrize(
    "pages, expected",
    [
        ("137", (137, 137)),
        ("86-87", (86, 87)),
        ("365-66", (365, 366)),
        ("1205-9", (1205, 1209)),
        ("438-39", (438, 439)),
        ("98-102", (98, 102)),
        ("98-2", (98, 102)),
        ("12, 15-17", (12, 17)),
        ("45ff.", (45, 45)),
        ("112\u201314", (112, 114)),
        ("xii", (None, None)),
        (None, (None, None)),
    ],
)
def test_expand_pages(pages, expected):
    assert expand_pages(pages) == expected


# ------------------------------------------------------------------ shapes
def test_full_book_citation_with_author_volume_and_imprint():
    f = fields("(Leon Trotsky, The First Five Years of the Communist International, vol. 1 [London: New Park Publications, 1973], pp. 86-87)")
    assert f == {
        "kind": "book", "author": "Leon Trotsky", "title": "The First Five Years of the Communist International",
        "volume": "1", "place": "London", "publisher": "New Park Publications", "year": 1973,
        "pages": "86-87", "page_start": 86, "page_end": 87,
    }


def test_title_only_book_citation():
    f = fields("(Collected Works, vol. 31 [Moscow: Progress Publishers, 1966], pp. 365-66)")
    assert "author" not in f
    assert (f["title"], f["volume"], f["place"], f["year"], f["page_start"], f["page_end"]) == (
        "Collected Works", "31", "Moscow", 1966, 365, 366)


def test_note_style_imprint_in_parentheses():
    f = fields("E. H. Carr, The Bolshevik Revolution, vol. 3 (London: Macmillan, 1953), p. 12.")
    assert (f["author"], f["title"], f["volume"], f["publisher"], f["year"], f["pages"]) == (
        "E. H. Carr", "The Bolshevik Revolution", "3", "Macmillan", 1953, "12")


def test_periodical_with_full_date():
    f = fields("(Current Digest of the Soviet Press, 15 February 1989)")
    assert f == {"kind": "periodical", "title": "Current Digest of the Soviet Press", "year": 1989, "date": "1989-02-15",
                 "periodical": "Current Digest of the Soviet Press"}
    g = fields("(New York Times, February 15, 1989, p. 3)")
    assert (g["date"], g["page_start"]) == ("1989-02-15", 3)
    assert fields("(The Times, 4 May 1926, p. 2)")["title"] == "The Times"


@pytest.mark.parametrize(
    "raw, author, year, pages",
    [
        ("(Surname 1978, 112)", "Surname", 1978, (112, 112)),
        ("(Surname 2001, 58-61)", "Surname", 2001, (58, 61)),
        ("(Smith and Jones 2001: 58-61)", "Smith and Jones", 2001, (58, 61)),
        ("(Smith et al. 1999)", "Smith et al.", 1999, (None, None)),
        ("(see Smith 1990, 4)", "Smith", 1990, (4, 4)),
        ("(cited in Smith 1990a, 4)", "Smith", 1990, (4, 4)),
        ("(Smith 1990; Jones 2001)", "Smith", 1990, (None, None)),
    ],
)
def test_author_date(raw, author, year, pages):
    f = parse_citation(raw)
    assert f["kind"] == "author_date"
    assert (f["author"], f["year"], (f["page_start"], f["page_end"])) == (author, year, pages)


def test_several_references_in_one_parenthesis():
    assert parse_citation("(Smith 1990; Jones 2001, 5)")["n_refs"] == 2
    assert parse_citation("(Smith 1990, 5)")["n_refs"] == 1


def test_archival_reference():
    f = fields("(Letter of A to B, 14 June 1911, Company Papers, box 7)")
    assert f == {"kind": "archival", "author": "A", "title": "Letter of A to B", "date": "1911-06-14",
                 "year": 1911, "archive": "Company Papers, box 7"}


@pytest.mark.parametrize(
    "raw",
    ["(Communist)", "(also known as the Comintern)", "(Mr.)", "(including the United States)",
     "(the forerunner of the United Nations)", "(1925-26)", "(born 1879)", "(in March 1919)", "(a cautious man)",
     "(see Chapter 3)", "(Table 2)", "(1)", "(Smith 1990; an aside)", "(on 3 March 1918)"],
)
def test_asides_are_not_citations(raw):
    assert parse_citation(raw) is None


def test_parse_citation_rejects_non_strings():
    with pytest.raises(TypeError, match="parse_citation"):
        parse_citation(12)


# ------------------------------------------------------------------ find_citations
IBID_TEXT = (
    "First (Leon Trotsky, The Third International After Lenin [New York: Pathfinder, 1972], p. 137). "
    "Then (Ibid., pp. 140-41). Again (Ibid.). Aside (also known as the Comintern). "
    "Other (Collected Works, vol. 31 [Moscow: Progress Publishers, 1966], pp. 365-66). Last (Ibid., p. 397)."
)


def test_ibid_resolves_to_latest_full_citation_and_inherits_fields():
    c = cites(IBID_TEXT)
    assert c["raw"].str.startswith("(Also").sum() == 0
    assert len(c) == 5  # the aside is not a citation
    assert c["is_ibid"].tolist() == [False, True, True, False, True]
    assert c["refers_to"].tolist() == [pd.NA, 0, 0, pd.NA, 3] or c["refers_to"].isna().tolist() == [True, False, False, True, False]
    assert c.loc[[1, 2, 4], "refers_to"].tolist() == [0, 0, 3]
    assert c.loc[1, "author"] == "Leon Trotsky" and c.loc[1, "publisher"] == "Pathfinder"
    assert (c.loc[1, "page_start"], c.loc[1, "page_end"]) == (140, 141)
    # a bare Ibid. repeats the previous citation's pages
    assert (c.loc[2, "pages"], c.loc[2, "page_start"]) == ("140-41", 140)
    assert pd.isna(c.loc[4, "author"]) and c.loc[4, "title"] == "Collected Works" and c.loc[4, "volume"] == "31"
    assert c.loc[4, "page_end"] == 397


def test_ibid_with_nothing_before_is_flagged_not_guessed():
    with pytest.warns(UserWarning, match="no earlier citation"):
        c = cites("A claim (Ibid., p. 4). Then (Smith 1990, 5).")
    assert c.loc[0, "unresolved"] and pd.isna(c.loc[0, "refers_to"]) and pd.isna(c.loc[0, "author"])
    assert not c.loc[1, "unresolved"]


def test_op_cit_resolves_to_latest_citation_of_that_author():
    c = cites(
        "A (E. Preobrazhensky, The New Economics [Oxford: Clarendon Press, 1965], p. 12). "
        "B (Carr, The Interregnum [London: Macmillan, 1954], p. 5). "
        "C (Preobrazhensky, op. cit., p. 56). D (op. cit., p. 9)."
    )
    assert c["kind"].tolist() == ["book", "book", "op_cit", "op_cit"]
    assert c.loc[2, "refers_to"] == 0 and c.loc[2, "title"] == "The New Economics" and c.loc[2, "page_start"] == 56
    # no author named: the latest full citation
    assert c.loc[3, "refers_to"] == 1 and c.loc[3, "title"] == "The Interregnum"


def test_author_date_takes_author_from_text_but_bare_years_are_asides():
    c = cites("Jones (1978, 112) disagrees. The October Revolution (1917) and the year (1921) are asides.")
    assert c["raw"].tolist() == ["(1978, 112)"]
    assert (c.loc[0, "author"], c.loc[0, "year"], c.loc[0, "page_start"]) == ("Jones", 1978, 112)


def test_archival_file_and_columns():
    c = tm.load(DATA / "quotes-archival.txt", header=False).citations
    assert c["kind"].tolist() == ["archival", "author_date", "author_date", "author_date"]
    assert c.loc[0, "author"] == "J. Brown" and c.loc[0, "archive"] == "Company Papers, box 7"
    assert c.loc[2, "author"] == "Smith and Taylor" and (c.loc[2, "page_start"], c.loc[2, "page_end"]) == (58, 61)


def test_footnote_style_numbered_references():
    doc = tm.load(DATA / "quotes-footnotes.txt", header=False)
    c = doc.citations
    assert c["placement"].tolist() == ["note"] * 4
    assert c["note"].tolist() == [1, 2, 3, 4]
    assert c["kind"].tolist() == ["book", "book", "ibid", "op_cit"]
    # markers "[n]" in the body
    for n, mark_start in zip(c["note"], c["marker_start"]):
        assert doc.text[mark_start : mark_start + len(f"[{n}]")] == f"[{n}]"
    assert c.loc[2, "refers_to"] == 1 and c.loc[2, "author"] == "J. V. Stalin" and c.loc[2, "page_start"] == 70
    assert c.loc[3, "refers_to"] == 0 and c.loc[3, "title"] == "The Permanent Revolution"
    assert c.loc[1, "volume"] == "8" and (c.loc[1, "page_start"], c.loc[1, "page_end"]) == (64, 65)
    # note text is citation apparatus in the tokens
    toks = doc.tokens
    assert toks.loc[toks["token"] == "Pathfinder", "in_citation"].all()


def test_endnotes_with_superscript_markers_and_gutenberg_footnotes():
    text = (
        "Lenin wrote: \u201cConcessions do not mean peace.\u201d\u00b9 Trotsky disagreed.\u00b2\n\n"
        "Endnotes\n\n1 Collected Works, vol. 31 (Moscow: Progress Publishers, 1966), p. 432.\n\n2 Ibid., p. 440.\n"
    )
    doc = tm.parse(text, header=False)
    c = doc.citations
    assert c["note"].tolist() == [1, 2] and c["kind"].tolist() == ["book", "ibid"]
    assert c["marker_start"].tolist() == [text.index("\u00b9"), text.index("\u00b2")]
    assert c.loc[1, "refers_to"] == 0 and c.loc[1, "title"] == "Collected Works" and c.loc[1, "page_start"] == 440
    assert doc.quotations["citation_id"].tolist() == [0]
    g = tm.parse("He said: \u201cNo peace.\u201d[1]\n\n[Footnote 1: Leon Trotsky, My Life (New York: Scribner, 1930), p. 12.]\n", header=False)
    assert g.citations[["note", "author", "title", "year"]].values.tolist() == [[1, "Leon Trotsky", "My Life", 1930]]
    q = g.quotations
    assert (q.loc[0, "citation_id"], q.loc[0, "speaker"], q.loc[0, "speaker_rule"]) == (0, "Trotsky", "citation_author")


def test_frame_contract_on_the_chapter(chapter):
    c = chapter.citations
    assert list(c.columns) == CITATION_COLUMNS
    assert c["citation_id"].tolist() == list(range(len(c)))
    assert c["start"].is_monotonic_increasing
    assert all(chapter.text[s:e] == r for s, e, r in zip(c["start"], c["end"], c["raw"]))
    dtypes = c.dtypes.astype(str).to_dict()
    assert dtypes == EXPECTED_DTYPES
    assert list(c["doc_id"].cat.categories) == [chapter.doc_id]
    assert isinstance(c.index, pd.RangeIndex)


# ids and offsets int32 (Int32 when missing), doc_id categorical, counts/years/pages int64
EXPECTED_DTYPES = {
    "doc_id": "category", "citation_id": "int32", "start": "int32", "end": "int32", "raw": "str",
    "author": "str", "title": "str", "volume": "str", "place": "str", "publisher": "str", "year": "Int64",
    "date": "str", "pages": "str", "page_start": "Int64", "page_end": "Int64", "is_ibid": "bool",
    "refers_to": "Int32", "kind": "str", "placement": "str", "para_id": "int32", "note": "Int64",
    "marker_start": "Int32", "marker_end": "Int32", "archive": "str", "unresolved": "bool", "n_refs": "int64",
    "periodical": "str", "reference_id": "Int32",
}


def test_empty_text_gives_empty_frame_with_dtypes():
    doc = tm.parse("No citations here, only an aside (really).", header=False)
    c = doc.citations
    assert len(c) == 0 and list(c.columns) == CITATION_COLUMNS
    assert c.dtypes.astype(str).to_dict() == EXPECTED_DTYPES


def test_int32_and_categorical_inputs_give_the_same_frame():
    doc = tm.parse(IBID_TEXT, header=False)
    paras = doc.paragraphs
    ref = find_citations(doc.text, paras, doc_id="x")
    p32 = paras.astype({"para_id": "int32", "start": "int32", "end": "int32"})
    p32["doc_id"] = pd.Categorical(p32["doc_id"].astype(str))
    pd.testing.assert_frame_equal(find_citations(doc.text, p32, doc_id="x"), ref)
    assert ref.dtypes.astype(str).to_dict() == EXPECTED_DTYPES


def test_bracket_note_lines_match_the_line_regex():
    import re

    from textmine.citations.notes import bracket_note_lines

    line_rx = re.compile(r"^[ \t]*\[(?P<n>\d{1,3})\][ \t]+(?P<body>\S.*)$", re.M)  # the reference
    texts = [
        "[1] First note.\n  [2]\tSecond one\n",
        "text [3] not a note\n[12345] no\n \t[4] yes [5] inside\n[6]\n[7] \n[8] end",
        "x\r\n[9] after CR LF\n\n[10]  two spaces\n[1000] too long\n-[11] after a dash",
        "", "[", "[1] ",
    ]
    for t in texts:
        want = [(m.start() + len(m.group(0)) - len(m.group(0).lstrip()), m.end(), m.group("n"), m.group("body")) for m in line_rx.finditer(t)]
        got = [(m.start(), m.end(), m.group("n"), m.group("body")) for m in bracket_note_lines(t)]
        assert got == want, t


def test_gutenberg_notes_match_the_block_regex():
    import random
    import re

    from textmine.citations.notes import gutenberg_notes

    block_rx = re.compile(r"\[Footnote\s+(?P<n>\d{1,3})\s*:\s*(?P<body>.*?)\]", re.S)  # the reference
    rnd = random.Random(4)
    pieces = ["[Footnote 1: ", "[Footnote 12:", "[Footnote  3 :  ", "[Footnote 1234: ", "]", "Ibid.", " ", "\n", "x", "[", ":"]
    for _ in range(2000):
        t = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(0, 12)))
        want = [(m.start(), m.end(), int(m.group("n")), m.group("body")) for m in block_rx.finditer(t)]
        assert list(gutenberg_notes(t)) == want, t


def test_every_citation_rule_reads_its_examples():
    # each row of the rule table: its examples give its kind and fields by that rule; its
    # counter-examples are not read as its kind by it
    from textmine.citations.rules import CITATION_RULES, match_rule

    for rule in CITATION_RULES:
        assert rule.examples, rule.name
        for raw, fields in rule.examples:
            got_rule, got = match_rule(raw)
            assert got_rule is rule and got is not None, (rule.name, raw, got_rule)
            assert got["kind"] == rule.kind and parse_citation(raw)["kind"] == rule.kind, (rule.name, raw)
            for k, v in fields.items():
                assert got[k] == v, (rule.name, raw, k, got[k])
        for raw in rule.counter_examples:
            got_rule, got = match_rule(raw)
            assert got_rule is not rule or got is None, (rule.name, raw)


def test_a_rule_added_to_the_table_is_read():
    # rules are data: a new row (here a "(n.d.)" rule) is read by the same engine, in its place
    from textmine.citations.rules import CITATION_RULES, CitationRule, empty_fields, match_rule

    def no_date(c):
        return empty_fields() | {"kind": "undated"} if c == "n.d." else None

    rules = (CitationRule("undated", "undated", no_date, "no date", (("(n.d.)", {}),)),) + CITATION_RULES
    assert match_rule("(n.d.)", rules)[1]["kind"] == "undated"
    assert match_rule("(n.d.)")[1] is None and match_rule("(Ibid.)", rules)[1]["kind"] == "ibid"


def test_citation_patterns_read_ambiguous_names_once():
    # initials once made the author pattern try every split of the names ("A." read as two kinds
    # of name word): about 7 times longer per name, hours for the first string below. It is now
    # one reading per name (the time is in benchmarks/worst_case_quotations.py, not asserted here)
    assert parse_citation("(" + ", ".join(["A. B. C."] * 40) + " x)") is None
    assert parse_citation("(" + ", ".join(["Smith, J. R."] * 5) + " 1990, 5)")["year"] == 1990
    assert parse_citation("(" + " ".join(["Word"] * 3000) + " 12)") is None


def test_nested_and_long_parentheses_are_asides():
    # a parenthesis holding more than MAX_NESTED levels, or longer than MAX_CITATION_CHARS, is an
    # aside; the citations inside it are still found
    from textmine.citations.finding import MAX_CITATION_CHARS, MAX_NESTED

    deep = "(" * (MAX_NESTED + 3) + "Smith 1990, 5" + ")" * (MAX_NESTED + 3)
    c = cites(f"As he wrote {deep} later.")
    assert c["raw"].tolist() == ["(Smith 1990, 5)"]
    long_aside = "(Ibid., " + "word " * (MAX_CITATION_CHARS // 5) + "p. 5)"
    assert cites(f"He wrote {long_aside} and (Ibid., p. 6).")["raw"].tolist() == ["(Ibid., p. 6)"]
    ok = "(see (Smith 1990, 5), p. 3)"
    assert cites(f"He wrote {ok}.")["raw"].tolist() in (["(Smith 1990, 5)"], [ok])


def test_find_citations_is_pure_and_validates():
    doc = tm.parse(IBID_TEXT, header=False)
    paras = doc.paragraphs
    before = paras.copy(deep=True)
    find_citations(doc.text, paras, doc_id="x")
    pd.testing.assert_frame_equal(paras, before)
    with pytest.raises(TypeError, match="find_citations: text"):
        find_citations(None, paras, doc_id="x")
    with pytest.raises(TypeError, match="paragraphs must be a DataFrame"):
        find_citations(doc.text, [(0, 5)], doc_id="x")
    with pytest.raises(tm.ColumnError, match="lacks column"):
        find_citations(doc.text, paras.drop(columns="start"), doc_id="x")


def test_unbalanced_parentheses_never_raise():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        c = cites("An open ( paren (Smith 1990, 4) and a close ) one; (Ibid.")
    assert c["raw"].tolist() == ["(Smith 1990, 4)"]


def test_caption_and_source_credits_are_citations_of_their_own_kind():
    doc = tm.parse("Plate 2. The mill in 1890. Courtesy of the Borough Library.\n\n"
                   "The old photograph (Photograph by Ann Lee, 1921) survives (Source: Quarry Row Trust).", header=False)
    c = doc.citations
    assert c["kind"].tolist() == ["credit"] * 3
    assert c["placement"].tolist() == ["caption", "parenthetical", "parenthetical"]
    assert c.loc[0, "archive"] == "Borough Library" and c.loc[0, "raw"] == "Courtesy of the Borough Library."
    assert (c.loc[1, "author"], c.loc[1, "year"]) == ("Ann Lee", 1921) and c.loc[2, "archive"] == "Quarry Row Trust"
    assert len(tm.parse("They did it as a courtesy of sorts. Source material was thin.", header=False).citations) == 0


def test_every_case_rule_reads_its_examples():
    from textmine.citations.cases import CASE_RULES, case_citations

    for rule in CASE_RULES:
        assert rule.examples
        for text, want in rule.examples:
            rows = [r for r in case_citations(text)
                    if {"case": r["kind"] == "case" and not r.get("short"), "short": bool(r.get("short")),
                        "statute": r["kind"] == "statute", "id": r["kind"] == "ibid"}[rule.name]]
            assert len(rows) == 1, (rule.name, text)
            for k, v in want.items():
                assert rows[0][k] == v, (rule.name, text, k, rows[0][k])
            assert text[rows[0]["start"] : rows[0]["end"]] == rows[0]["raw"]
        for counter in rule.counter_examples:
            assert case_citations(counter) == [], (rule.name, counter)


def test_case_citations_in_running_text_and_id_resolution():
    doc = tm.parse("In Hale v. Town of Dover, 12 Mass. 345, 350 (1850), the court held so. Id. at 351. "
                   "See Lee v. Park, 3 Pick. 10 (Mass. 1825).", header=False)
    c = doc.citations
    assert c["raw"].tolist() == ["Hale v. Town of Dover, 12 Mass. 345, 350 (1850)", "Id. at 351", "Lee v. Park, 3 Pick. 10 (Mass. 1825)"]
    assert c["placement"].tolist() == ["inline"] * 3  # "(Mass. 1825)" is the case's court and year, not a citation of its own
    idr = c.loc[1]
    assert idr["is_ibid"] and idr["refers_to"] == 0 and idr["periodical"] == "Mass." and idr["pages"] == "351"



def test_a_case_short_form_takes_the_full_citation_of_an_earlier_paragraph():
    doc = tm.parse("The rule began in Hale v. Town of Dover, 12 Mass. 345 (1850).\n\n"
                   "Other courts followed Lee v. Park, 3 Pick. 10 (1825).\n\n"
                   "The court in Hale said no more, 12 Mass. at 350, and Lee agreed, 3 Pick. at 12-13.", header=False)
    c = doc.citations
    short = c[c["raw"].str.contains(" at ")]
    assert short["raw"].tolist() == ["12 Mass. at 350", "3 Pick. at 12-13"]
    assert short["title"].tolist() == ["Hale v. Town of Dover", "Lee v. Park"]
    assert short["year"].tolist() == [1850, 1825] and short["pages"].tolist() == ["350", "12-13"]
    assert short["page_end"].tolist() == [350, 13] and not short["is_ibid"].any()
    assert (c["raw"] == [doc.text[a:b] for a, b in zip(c["start"], c["end"])]).all()
