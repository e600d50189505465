"""Reference lists and the citations that point to them: textmine.citations.references."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import textmine as tm
from textmine.citations import REFERENCE_COLUMNS, REFERENCE_RULES, parse_reference, with_reference_ids


def doc_of(text: str) -> tm.Document:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return tm.parse(text, header=False)


@pytest.mark.parametrize("rule", REFERENCE_RULES, ids=lambda r: r.name)
def test_every_reference_rule_reads_its_examples(rule):
    assert rule.examples
    for entry, want in rule.examples:
        assert rule.pattern.fullmatch(entry) is not None, (rule.name, entry)
        got = parse_reference(entry)
        for k, v in want.items():
            assert got[k] == v, (rule.name, entry, k, got[k])
    for counter in rule.counter_examples:
        assert rule.pattern.fullmatch(counter) is None, (rule.name, counter)


def test_an_entry_no_rule_reads_keeps_empty_fields():
    got = parse_reference("Untitled pamphlet in the vestry cupboard")
    assert all(v is None for v in got.values())
    with pytest.raises(TypeError, match="parse_reference"):
        parse_reference(None)


ESSAY = (
    "Wells spread fast (Dale 1950, 12). Later work disagrees (Thorne 1979; Dale 1961). A stray (Smith 2001).\n\n"
    "References\n\n"
    "Dale, Ruth. 1950. Wheat and War. Chicago: Lakeshore Books.\n"
    "\u2014\u2014\u2014. 1961. \u201cWells and Windmills.\u201d Range Studies 12 (3):\n"
    "    30\u201341.\n"
    "Thorne, E. (1979). The Windbreak Years. Lincoln: Flatland Press.\n"
)


def test_one_entry_per_line_with_wrapped_lines_and_a_dash_author():
    doc = doc_of(ESSAY)
    r = doc.references
    assert list(r.columns) == REFERENCE_COLUMNS
    assert len(r) == 3 and all(doc.text[s:e] == t for s, e, t in zip(r["start"], r["end"], r["text"]))
    assert r["author"].tolist() == ["Dale, Ruth", "Dale, Ruth", "Thorne, E."]
    assert r["year"].tolist() == [1950, 1961, 1979]
    assert (r.loc[1, "periodical"], r.loc[1, "volume"], r.loc[1, "page_end"]) == ("Range Studies", "12", 41)
    assert str(r["ref_id"].dtype) == "int32" and str(r["year"].dtype) == "Int64"


def test_author_date_citations_point_to_their_entry():
    c = doc_of(ESSAY).citations
    got = dict(zip(c["raw"], c["reference_id"]))
    assert got["(Dale 1950, 12)"] == 0
    assert got["(Thorne 1979"] == 2 and got["Dale 1961)"] == 1  # each reference of the parenthesis is a row
    assert pd.isna(got["(Smith 2001)"])  # no entry for it
    assert str(c["reference_id"].dtype) == "Int32"


def test_blank_line_entries_and_a_heading_ends_the_list():
    text = ("Body.\n\nBibliography\n\nDale, Ruth. Wheat and War. Chicago: Lakeshore Books, 1950.\n\n"
            "Park, Jo. \u201cWells.\u201d Range Studies 12 (1950): 30\u201341.\n\nIndex of Names\n\nDale, 3, 7\n")
    r = doc_of(text).references
    assert r["author"].tolist() == ["Dale, Ruth", "Park, Jo"]
    assert r["year"].tolist() == [1950, 1950] and r.loc[0, "publisher"] == "Lakeshore Books"


def test_with_reference_ids_keeps_rows_and_validates():
    doc = doc_of(ESSAY)
    c = doc.citations.drop(columns=["reference_id"])
    out = with_reference_ids(c.iloc[::-1], doc.references)
    assert out["citation_id"].tolist() == c["citation_id"].tolist()[::-1]
    with pytest.raises(tm.ColumnError, match="with_reference_ids"):
        with_reference_ids(c, doc.references.drop(columns=["year"]))


def test_find_references_equals_the_document_frame():
    doc = doc_of(ESSAY)
    pd.testing.assert_frame_equal(tm.find_references(doc.text, doc_id=doc.doc_id), doc.references)


def test_year_letters_reprints_and_works_without_a_year_find_their_entries():
    text = ("Time work (Hale 2001b, 4) and clocks (Hale 2001a). Mills (Lee [1867] 1990, 3). A history "
            "(Ames n.d., 14); a study (Cole forthcoming). The bureau counted (U.S. Bureau of Mines 1921, 8).\n\n"
            "References\n\n"
            "Ames, Ruth. n.d. The Mill Book. Boston: Harbor Press.\n"
            "Cole, Ann. Forthcoming. The Long Shift. Boston: Harbor Press.\n"
            "Hale, Tom. 2001a. Clocks. Boston: Harbor Press.\n"
            "\u2014\u2014\u2014. 2001b. Bells. Boston: Harbor Press.\n"
            "Lee, Jo. (1867) 1990. The Mill Towns. Boston: Harbor Press.\n"
            "U.S. Bureau of Mines. 1921. Coal Towns. Washington, DC: Government Printing Office.\n")
    doc = doc_of(text)
    r = doc.references
    assert r["year"].isna().tolist() == [True, True, False, False, False, False]
    assert r["author"].tolist()[-1] == "U.S. Bureau of Mines" and r["year"].tolist()[-2:] == [1990, 1921]
    got = dict(zip(doc.citations["raw"], doc.citations["reference_id"]))
    assert got["(Hale 2001b, 4)"] == 3 and got["(Hale 2001a)"] == 2  # the letter decides between one year's works
    assert got["(Lee [1867] 1990, 3)"] == 4 and got["(U.S. Bureau of Mines 1921, 8)"] == 5
    assert got["(Ames n.d., 14)"] == 0 and got["(Cole forthcoming)"] == 1
