"""KWIC concordance: words, phrases, globs, regexes, offsets and paragraph-bounded context."""

from __future__ import annotations

import copy

import pandas as pd
import pytest

import textmine as tm
from textmine.concordance import kwic
from textmine.errors import ColumnError, InputError

TEXT = (
    "Peace now! The war and the peace.\n"
    "\n"
    "Peaceful coexistence is not peace. Lenin’s peace was armed."
)


@pytest.fixture(scope="module")
def doc():
    return tm.parse(TEXT)


def test_word_match_is_case_insensitive_and_whole_token(doc):
    out = kwic(doc, "peace", window=2)
    assert out["match"].tolist() == ["Peace", "peace", "peace", "peace"]  # not "Peaceful"
    for s, e, m in out[["start", "end", "match"]].itertuples(index=False):
        assert doc.text[s:e] == m
    assert out["para_id"].tolist() == [0, 0, 1, 1]
    assert out["token_id"].is_monotonic_increasing


def test_context_window_and_paragraph_boundaries(doc):
    out = kwic(doc, "peace", window=2)
    first, second = out.iloc[0], out.iloc[1]
    assert (first["left"], first["right"]) == ("", "now!")
    # "the peace." ends paragraph 0: the right context stops at the paragraph
    assert (second["left"], second["right"]) == ("and the", ".")
    third = out.iloc[2]
    assert third["left"] == "is not"
    crossing = kwic(doc, "peaceful", window=3, within=None).iloc[0]
    assert crossing["left"] == "the peace."  # only without paragraph bounds
    assert kwic(doc, "peaceful", window=3).iloc[0]["left"] == ""


def test_phrase_glob_and_regex(doc):
    phrase = kwic(doc, "peaceful coexistence", window=1)
    assert phrase[["match", "n_tokens", "right"]].values.tolist() == [["Peaceful coexistence", 2, "is"]]
    assert doc.text[phrase["start"].iloc[0]:phrase["end"].iloc[0]] == "Peaceful coexistence"
    assert len(kwic(doc, "peace*")) == 5
    assert kwic(doc, r"peace\w*", regex=True)["match"].tolist() == ["Peace", "peace", "Peaceful", "peace", "peace"]
    assert kwic(doc, "eace", regex=True).empty  # the regex must match a whole token
    assert kwic(doc, r"(war|peace) \w+", regex=True)["match"].tolist() == ["Peace now", "war and", "peace was"]
    assert kwic(doc, "Lenin's peace")["match"].tolist() == ["Lenin’s peace"]  # apostrophes folded
    assert kwic(doc, "the peace.")["match"].tolist() == ["the peace."]  # tokenised like the text


def test_case_sensitive(doc):
    assert kwic(doc, "Peace", case=True)["match"].tolist() == ["Peace"]
    assert kwic(doc, "Lenin’s", case=True)["match"].tolist() == ["Lenin’s"]
    assert kwic(doc, "Lenin's", case=True).empty


def test_several_patterns_in_reading_order(doc):
    out = kwic(doc, ["war", "the"], window=0)
    assert out[["match", "pattern"]].values.tolist() == [["The", "the"], ["war", "war"], ["the", "the"]]
    assert (out["left"] == "").all() and (out["right"] == "").all()


def test_token_frame_with_and_without_text(doc):
    tokens = doc.tokens
    with_text = kwic(tokens, "peace", text=doc.text, window=2)
    pd.testing.assert_frame_equal(with_text, kwic(doc, "peace", window=2))
    bare = kwic(tokens, "peace", window=2)
    assert bare["left"].iloc[2] == "is not" and bare["right"].iloc[2] == ". Lenin’s"
    assert bare["right"].iloc[0] == "now !"  # tokens joined by spaces


def test_extra_token_columns_are_carried(doc):
    tokens = doc.tokens
    tokens["period"] = pd.Categorical(["early"] * 9 + ["late"] * (len(tokens) - 9), categories=["early", "late"], ordered=True)
    out = kwic(doc.replace(tokens=tokens), "peace")
    assert out["period"].tolist() == ["early", "early", "late", "late"]
    assert {"in_quote", "in_citation"} <= set(out.columns)
    assert "norm" not in out.columns and "kind" not in out.columns


def test_no_match_and_errors(doc):
    none = kwic(doc, "bread")
    assert none.empty
    assert list(none.columns[:9]) == ["doc_id", "para_id", "sent_id", "token_id", "start", "end", "pattern", "left", "match"]
    with pytest.raises(InputError, match="not a valid regular expression"):
        kwic(doc, "(peace", regex=True)
    with pytest.raises(InputError, match="empty pattern"):
        kwic(doc, "  ")
    with pytest.raises(TypeError, match="Document or a token frame"):
        kwic(TEXT, "peace")
    with pytest.raises(TypeError, match="pattern"):
        kwic(doc, 3)
    with pytest.raises(ColumnError, match="norm"):
        kwic(doc.tokens.drop(columns="norm"), "peace")


def test_inputs_unchanged(doc):
    tokens = doc.tokens
    before = copy.deepcopy(tokens)
    kwic(tokens, ["peace", "war and"], text=doc.text)
    pd.testing.assert_frame_equal(tokens, before)


def test_chapter_offsets_point_into_the_text(chapter):
    out = kwic(chapter, ["revolution*", "peaceful coexistence"], window=5)
    assert len(out) > 20
    for s, e, m in out[["start", "end", "match"]].itertuples(index=False):
        assert chapter.text[s:e] == m
    paras = chapter.paragraphs.set_index("para_id")
    # contexts stay in the match's paragraph
    for r in out.itertuples(index=False):
        assert r.left in paras.loc[r.para_id, "text"] and r.right in paras.loc[r.para_id, "text"]


# ------------------------------------------------------------------- sorting
def test_sort_by_right_then_left_context(doc):
    # lines in reading order: "Peace| now! The", "and the |peace.", "is not |peace. Lenin’s peace", "Lenin’s |peace was armed"
    plain = kwic(doc, "peace", window=3)
    by_r1 = kwic(doc, "peace", window=3, sort="R1")
    assert by_r1["R1"].tolist() == ["lenin's", "now", "was", ""]  # punctuation skipped; paragraph end sorts last
    assert by_r1["token_id"].tolist() == plain["token_id"].iloc[[2, 0, 3, 1]].tolist()
    pd.testing.assert_frame_equal(by_r1.drop(columns="R1").sort_values("token_id").reset_index(drop=True), plain)
    levels = kwic(doc, "peace", sort=["L1", "R1"])
    assert levels[["L1", "R1"]].values.tolist() == [["lenin's", "was"], ["not", "lenin's"], ["the", ""], ["", "now"]]
    # AntConc's spelling, and positions beyond the display window
    assert kwic(doc, "peace", window=1, sort=["2R", "1L"])[["R2", "L1"]].values.tolist() == [
        ["armed", "lenin's"], ["peace", "not"], ["the", ""], ["", "the"]]
    # ties keep reading order; "match" sorts by the match itself
    by_match = kwic(doc, "peace*", sort="match")
    assert by_match["match"].tolist() == ["Peace", "peace", "peace", "peace", "Peaceful"]
    assert by_match["token_id"].iloc[:4].is_monotonic_increasing


def test_sort_case_and_unit_bounds(doc):
    # case=True compares words as written: "The" before "the" (code-point order)
    out = kwic(doc, "war", case=True, sort="L1")
    assert out["L1"].tolist() == ["The"]
    # without paragraph bounds the R1 of the paragraph-final "peace" is the next paragraph's first word
    assert kwic(doc, "peace", within=None, sort="R1")["R1"].tolist() == ["lenin's", "now", "peaceful", "was"]
    empty = kwic(doc, "bread", sort=["R1", "L2"])
    assert empty.empty and list(empty.columns[-2:]) == ["R1", "L2"]


@pytest.mark.parametrize(
    ("sort", "error", "message"),
    [("R0", InputError, "is not a position"), ("middle", InputError, "is not a position"),
     (["R1", "1R"], InputError, "names a level twice"), ([1], TypeError, "sort levels must be strings"),
     (3, TypeError, "sort must be a level")],
)
def test_sort_errors(doc, sort, error, message):
    with pytest.raises(error, match=message):
        kwic(doc, "peace", sort=sort)


def test_sorted_chapter_lines_group_the_next_word(chapter):
    out = kwic(chapter, "soviet", sort=["R1", "R2"])
    assert out["R1"].tolist() == sorted(out["R1"].tolist(), key=lambda w: (w == "", w))
    assert len(out) == len(kwic(chapter, "soviet"))
    union = out.loc[out["R1"] == "union"]
    assert len(union) > 3 and union["R2"].tolist() == sorted(union["R2"].tolist(), key=lambda w: (w == "", w))
    for r in union.itertuples(index=False):
        assert r.right.lower().startswith("union")
