"""Quotation fidelity against constructed sources: every match type, ellipses, pages, joins."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import textmine as tm
from textmine import fidelity
from textmine.fidelity import align_quotations, fold, page_markers

# Two invented source texts (written for these tests), with page markers of two kinds.
SPEECHES = (
    "Speeches of the Council\n\n"
    "page 437\n\n"
    "The first duty of the council is to keep the roads open in winter, for without roads "
    "the markets close and the villages starve. We have said this many times before.\n\n"
    "page 438\n\n"
    "The second duty is harder. It is to keep the schools open when the money runs short, "
    "and to pay the teachers before anything else is paid. No other expense comes first.\n\n"
    "page 439\n\n"
    "Some members say the harbour matters more than the schools. They are wrong, and the "
    "accounts of the last ten years show it plainly to anyone who reads them.\n"
)
LETTERS = (
    "Letters\f"
    "My dear friend, the winter has been hard on the whole valley, and the mill is silent.\n\n"
    "We \u2018manage\u2019 as we can \u2014 the neighbours share what little they have.\f"
    "The new year brought better news: the mill will open again in March, and the men "
    "will be paid their arrears in full.\n"
)
SOURCES = {"speeches": SPEECHES, "letters": LETTERS}


def _doc(body: str) -> tm.Document:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", tm.TextmineWarning)
        return tm.parse("A Study of the Council\n\n" + body + "\n")


def _row(result, i: int = 0) -> dict:
    return result.quotations.iloc[i].to_dict()


def test_exact_with_the_right_page():
    doc = _doc("The council declared: \u201cThe second duty is harder. It is to keep the schools open when the money runs short\u201d (Speeches, p. 438).")
    r = align_quotations(doc, SOURCES)
    row = _row(r)
    assert row["match"] == "exact" and row["similarity"] == 1.0
    assert row["source_id"] == "speeches"
    assert SPEECHES[row["source_start"]:row["source_end"]] == (
        "The second duty is harder. It is to keep the schools open when the money runs short")
    assert (row["source_page_start"], row["source_page_end"]) == (438, 438)
    assert (row["cited_page_start"], row["page_agrees"]) == (438, True)
    assert row["context"].startswith("The second duty is harder.") and row["context"].endswith("paid.")
    assert len(r.differences) == 0


def test_wrong_page_is_flagged():
    doc = _doc("The council declared: \u201cThe second duty is harder. It is to keep the schools open when the money runs short\u201d (Speeches, p. 437).")
    row = _row(align_quotations(doc, SOURCES))
    assert row["match"] == "exact" and row["source_page_start"] == 438 and row["page_agrees"] is False


def test_ibid_pages_are_resolved_through_the_citations_frame():
    doc = _doc(
        "First: \u201cThe first duty of the council is to keep the roads open in winter\u201d (Speeches, p. 437). "
        "Then: \u201cSome members say the harbour matters more than the schools\u201d (Ibid., p. 439)."
    )
    q = align_quotations(doc, SOURCES).quotations
    assert q["cited_page_start"].tolist() == [437, 439]
    assert q["page_agrees"].tolist() == [True, True]


def test_typography_quotes_dashes_spaces_and_first_letter():
    # straight quotes for curly, a hyphen pair for the em dash, a double space, a capital first letter
    doc = _doc("She wrote that \u201cWe 'manage' as we can -- the neighbours  share what little they have\u201d.")
    row = _row(align_quotations(doc, SOURCES))
    # "--" is two hyphens against one em dash: words equal, typography differs
    assert row["match"] == "typography", row
    ops = align_quotations(doc, SOURCES).differences["op"].tolist()
    assert ops == ["typography"]


def test_elided_inside_counts_the_words_left_out():
    doc = _doc("He said: \u201cThe second duty is harder. . . . It is to keep the schools open\u201d (Speeches, p. 438).")
    r = align_quotations(doc, SOURCES)
    row = _row(r)
    # the ellipsis stands for no source words (the sentences follow each other): typography, not elision
    assert row["match"] == "typography" and row["n_elisions"] == 1 and row["elided_words"] == 0
    doc = _doc("He said: \u201cThe second duty is harder . . . to pay the teachers before anything else is paid\u201d (Speeches, p. 438).")
    r = align_quotations(doc, SOURCES)
    row = _row(r)
    assert row["match"] == "elided" and row["n_elisions"] == 1 and not row["joined"]
    left_out = "It is to keep the schools open when the money runs short, and"
    assert row["elided_words"] == len(left_out.split())
    el = r.differences[r.differences["op"] == "elided"].iloc[0]
    assert el["source"] == ". " + left_out or el["source"].endswith(left_out)
    assert el["n_source_words"] == len(left_out.split())


def test_ellipsis_at_the_ends_counts_to_the_sentence_boundary():
    doc = _doc("He said the council must act \u201c. . . to keep the schools open when the money runs short . . .\u201d (Speeches, p. 438).")
    r = align_quotations(doc, SOURCES)
    row = _row(r)
    assert row["match"] == "elided" and row["n_elisions"] == 2
    # before: "It is" (2 words); after: "and to pay the teachers before anything else is paid" (10 words)
    assert row["elided_words"] == 2 + 10
    el = r.differences[r.differences["op"] == "elided"]
    assert el["source"].tolist() == ["It is", ", and to pay the teachers before anything else is paid."]


def test_altered_words_are_listed():
    doc = _doc("He said: \u201cThe first duty of the council is to keep the streets open in summer, for without roads the markets close\u201d (Speeches, p. 437).")
    r = align_quotations(doc, SOURCES)
    row = _row(r)
    assert row["match"] == "altered" and 0.6 <= row["similarity"] < 1
    d = r.differences
    assert d[["op", "quoted", "source"]].values.tolist() == [["changed", "streets", "roads"], ["changed", "summer", "winter"]]
    for _, x in d.iterrows():
        assert doc.text[x["start"]:x["end"]] == x["quoted"]
        assert SPEECHES[x["source_start"]:x["source_end"]] == x["source"]


def test_added_and_omitted_words():
    doc = _doc("He said: \u201cThe first duty of the council is always to keep the roads open, for without roads the markets close and the villages starve\u201d.")
    d = align_quotations(doc, SOURCES).differences
    assert d[["op", "quoted", "source"]].values.tolist() == [["added", "always", ""], ["omitted", "", "in winter"]]


def test_not_found():
    doc = _doc("A visitor claimed: \u201cThe harbour was built by the Romans in a single summer of hard labour\u201d.")
    r = align_quotations(doc, SOURCES)
    row = _row(r)
    assert row["match"] == "not_found" and row["similarity"] == 0 and pd.isna(row["source_id"])
    assert r.differences["op"].tolist() == ["added"]


def test_a_quotation_joining_two_separate_passages():
    doc = _doc("He told them: \u201cThe first duty of the council is to keep the roads open in winter . . . the accounts of the last ten years show it plainly\u201d.")
    row = _row(align_quotations(doc, SOURCES))
    assert row["match"] == "elided" and row["joined"] is True


def test_out_of_order_segments_are_joined():
    doc = _doc("He told them: \u201cThe second duty is harder. . . . The first duty of the council is to keep the roads open in winter\u201d.")
    row = _row(align_quotations(doc, SOURCES))
    assert row["joined"] is True


def test_multi_paragraph_quotation_across_a_page_break():
    doc = _doc(
        "The record reads:\n\n"
        "\u201cThe first duty of the council is to keep the roads open in winter, for without roads "
        "the markets close and the villages starve. We have said this many times before.\n\n"
        "\u201cThe second duty is harder.\u201d\n\n"
        "So it stood."
    )
    q = doc.quotations
    assert len(q) == 1 and q["para_start"].iat[0] != q["para_end"].iat[0]
    r = align_quotations(doc, SOURCES)
    row = _row(r)
    # the page marker in the source's paragraph break and the continuation mark are layout, not text
    assert row["match"] == "exact", row
    assert (row["source_page_start"], row["source_page_end"]) == (437, 438)
    assert r.differences["op"].tolist() == []


def test_page_marker_inside_the_quoted_words_is_not_a_difference():
    src = {"notes": "[p. 1] The roads stay open in winter. [p. 2] The schools stay open in spring.\n"}
    doc = _doc("\u201cThe roads stay open in winter. The schools stay open in spring\u201d (Notes, pp. 1-2).")
    row = _row(align_quotations(doc, src))
    assert row["match"] == "exact" and (row["source_page_start"], row["source_page_end"]) == (1, 2)
    assert row["page_agrees"] is True


def test_an_ellipsis_at_a_paragraph_break_the_quotation_keeps_is_not_a_join():
    src = {"s": "The roads stay open in winter. The markets need them.\n\nThe schools stay open in spring.\n"}
    doc = _doc("He wrote:\n\n\u201cThe roads stay open in winter....\n\n\u201cThe schools stay open in spring.\u201d\n\nSo it was.")
    row = _row(align_quotations(doc, src))
    assert row["match"] == "elided" and not row["joined"] and row["elided_words"] == 4
    doc = _doc("He wrote: \u201cThe roads stay open in winter . . . the schools stay open in spring.\u201d")
    row = _row(align_quotations(doc, src))
    assert row["match"] == "elided" and row["joined"] and row["elided_words"] == 0


def test_speech_tag_group_is_one_row():
    doc = _doc("\u201cThe second duty is harder,\u201d the chairman said, \u201cIt is to keep the schools open when the money runs short.\u201d")
    q = doc.quotations
    assert q["group_id"].nunique() == 1 and len(q) == 2
    r = align_quotations(doc, SOURCES)
    assert len(r.quotations) == 1 and r.quotations["n_parts"].iat[0] == 2
    assert r.quotations["match"].iat[0] in ("typography", "exact")
    assert not r.quotations["joined"].iat[0]
    per = align_quotations(doc, SOURCES, by="quotation")
    assert len(per.quotations) == 2


def test_form_feed_pages_and_other_sources():
    doc = _doc("She wrote: \u201cthe mill will open again in March, and the men will be paid their arrears in full.\u201d")
    row = _row(align_quotations(doc, SOURCES))
    assert row["source_id"] == "letters" and row["source_page_start"] == 3  # after the second form feed
    assert row["match"] in ("exact", "typography")


def test_short_quotation_is_found_by_its_own_words():
    doc = _doc("He called the school money \u201cshort\u201d and the roads \u201cthe markets close\u201d.")
    q = align_quotations(doc, SOURCES, kinds=None).quotations
    assert q["match"].tolist()[1] == "exact"


def test_page_markers_forms():
    text = "intro\fone\n\npage 5\n\nfive [p. 6] six\n\u2014 7 \u2014\nseven"
    offsets, pages, spans = page_markers(text)
    assert pages.tolist() == [1, 2, 5, 6, 7]
    got = [text[s:e] for s, e in spans]
    assert got == ["\f", "page 5", "[p. 6]", "\u2014 7 \u2014"]
    src = fidelity.read_sources({"t": text})[0]
    assert src.page_at(text.index("one")) == 2 and src.page_at(text.index("six")) == 6
    assert len(src.masked) == len(text) and "page 5" not in src.masked
    only_explicit = page_markers("before\n\npage 3\n\nafter")
    assert only_explicit[1].tolist() == [-1, 3]
    line_then_feeds = page_markers("title\npage 135\ntext\fmore")
    assert line_then_feeds[1].tolist() == [-1, 135, 136]


def test_fold():
    assert fold("\u201cWe\u2019re\u201d \u2014 Told roads\u2014and \u2010x") == "\"we're\"   told roads and -x"


def test_sources_from_a_folder_and_a_corpus(tmp_path):
    for name, text in SOURCES.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    doc = _doc("\u201cThe second duty is harder. It is to keep the schools open when the money runs short\u201d (p. 438).")
    a = align_quotations(doc, tmp_path).quotations
    b = align_quotations(doc, tm.load_corpus(tmp_path)).quotations
    pd.testing.assert_frame_equal(a, b)
    assert a["source_id"].tolist() == ["speeches"]
    assert align_quotations(doc, tmp_path).sources["path"].str.endswith(".txt").all()


def test_frames_have_the_documented_columns_and_offsets():
    doc = _doc("\u201cThe first duty of the council is to keep the streets open\u201d and \u201cnothing of the sort was ever said here\u201d.")
    r = align_quotations(doc, SOURCES)
    assert list(r.quotations.columns) == fidelity.FIDELITY_COLUMNS
    assert list(r.differences.columns) == fidelity.DIFFERENCE_COLUMNS
    assert isinstance(r.quotations.index, pd.RangeIndex)
    for _, row in r.quotations.iterrows():
        assert doc.text[row["start"]] in "\u201c\"'\u2018"
    assert r.differences["diff_id"].tolist() == list(range(len(r.differences)))
    assert set(r.quotations["match"].astype(str)) <= set(fidelity.MATCH_TYPES)


def test_empty_and_bad_input():
    doc = _doc("No quotations here at all.")
    r = align_quotations(doc, SOURCES)
    assert len(r.quotations) == 0 and list(r.quotations.columns) == fidelity.FIDELITY_COLUMNS
    with pytest.raises(TypeError, match="Document"):
        align_quotations("text", SOURCES)
    with pytest.raises(ValueError, match="by must be"):
        align_quotations(doc, SOURCES, by="para")
    with pytest.raises(FileNotFoundError, match="no such file or folder"):
        align_quotations(doc, "/nonexistent/sources")


def test_deterministic():
    doc = _doc("\u201cThe first duty of the council is to keep the streets open\u201d and \u201cSome members say the harbour matters\u201d.")
    a, b = align_quotations(doc, SOURCES), align_quotations(doc, SOURCES)
    pd.testing.assert_frame_equal(a.quotations, b.quotations)
    pd.testing.assert_frame_equal(a.differences, b.differences)


def test_dask_path_gives_the_same_result(tmp_path):
    pytest.importorskip("dask")
    import dask

    import textmine.dask as tmd

    for name, text in SOURCES.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    (tmp_path / "unrelated.txt").write_text("Nothing quoted comes from this file at all.\n", encoding="utf-8")
    doc = _doc(
        "\u201cThe first duty of the council is to keep the streets open\u201d (Speeches, p. 437) and "
        "\u201cthe mill will open again in March\u201d and \u201cnothing of the sort was ever written down\u201d."
    )
    with dask.config.set(scheduler="threads"):
        got = tmd.align_quotations(doc, tmp_path)
    want = align_quotations(doc, tmp_path)
    pd.testing.assert_frame_equal(got.quotations, want.quotations)
    pd.testing.assert_frame_equal(got.differences, want.differences)
    assert sorted(got.sources["source_id"]) == ["letters", "speeches"]  # the file without seeds is not read again


def test_the_chapter_against_the_constructed_sources_gives_the_expected_table(chapter):
    # data/fidelity/expected.csv was written from how the sources were built, before the aligner ran on them
    root = __import__("pathlib").Path(__file__).resolve().parents[1]
    want = pd.read_csv(root / "data" / "fidelity" / "expected.csv", dtype=str, keep_default_na=False)
    got = align_quotations(chapter, root / "data" / "fidelity").quotations
    assert got["quote_id"].tolist() == want["quote_id"].astype(int).tolist()

    def s(v):
        return "" if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)) else str(v)

    for (_, g), (_, w) in zip(got.iterrows(), want.iterrows()):
        assert s(g["source_id"]) == w["source_id"], w["quote_id"]
        assert str(g["match"]) == w["match"], w["quote_id"]
        assert s(g["source_page_start"]) == w["page_start"] and s(g["source_page_end"]) == w["page_end"], w["quote_id"]
        assert s(g["page_agrees"]) == w["page_agrees"], w["quote_id"]
        assert str(bool(g["joined"])) == w["joined"], w["quote_id"]
        assert str(g["elided_words"]) == w["elided_words"], w["quote_id"]
