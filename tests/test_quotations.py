"""Quotations: marks, styles, multi-paragraph, groups, citations, kinds, speakers."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import textmine as tm
from textmine.quotations import QUOTATION_COLUMNS, detect_quote_style, find_quotations, quote_marks

DATA = Path(__file__).resolve().parent / "data"


def doc_of(text: str) -> tm.Document:
    return tm.parse(text, header=False)


def quotes(text: str) -> pd.DataFrame:
    return doc_of(text).quotations


def run(text: str, **kw) -> pd.DataFrame:
    """find_quotations called directly (to pass options)."""
    doc = doc_of(text)
    base = doc.tokens.drop(columns=["in_quote", "quote_id", "in_citation"])
    return find_quotations(doc.text, doc.paragraphs, base, doc.citations, doc_id=doc.doc_id, **kw)


def span(text: str, piece: str) -> tuple[int, int]:
    s = text.index(piece)
    return s, s + len(piece)


# ------------------------------------------------------------------ spans
def test_multi_paragraph_quotation_is_one_row():
    text = (
        "He wrote:\n\n"
        "\u201cThe first paragraph of the letter.\n\n"
        "\u201cThe second paragraph, still quoted.\n\n"
        "\u201cThe last paragraph ends here.\u201d\n\n"
        "Back to the author."
    )
    q = quotes(text)
    assert len(q) == 1
    s = text.index("\u201cThe first")
    e = text.index("here.\u201d") + len("here.\u201d")
    assert (q.loc[0, "start"], q.loc[0, "end"]) == (s, e)
    assert (q.loc[0, "para_start"], q.loc[0, "para_end"]) == (1, 3)
    assert q.loc[0, "closed"] and q.loc[0, "kind"] == "quotation"
    assert q.loc[0, "text"] == text[s + 1 : e - 1]


def test_nested_single_quotes_are_not_apostrophes_and_not_rows():
    text = (
        "It is wrong that Lenin\u2019s workers\u2019 state can be \u201cthe bourgeoisie can be \u2018neutralized\u2019 "
        "until the cells\u2019 secretaries agree,\u201d he said. The workers\u2019 party met."
    )
    q = quotes(text)
    assert len(q) == 1 and q.loc[0, "n_nested"] == 1
    marks = quote_marks(text)
    role = dict(zip(marks["start"], marks["role"]))
    assert role[text.index("\u2019s workers")] == "apostrophe"  # Lenin's
    assert role[text.index("\u2019 state")] == "apostrophe"  # workers'
    assert role[text.index("\u2019 secretaries")] == "apostrophe"  # cells'
    assert role[text.index("\u2018neutralized")] == "inner_open"
    assert role[text.index("\u2019 \nuntil") if "\u2019 \nuntil" in text else text.index("\u2019 until")] == "inner_close"
    assert role[text.index("\u2019 party")] == "apostrophe"
    assert marks.loc[marks["role"] == "inner_open", "quote_index"].tolist() == [0]


def test_closing_mark_after_nested_closing_mark_ends_both():
    text = "She said: \u201cthe law of \u2018our epoch.\u2019\u201d Then she left."
    q = quotes(text)
    assert len(q) == 1 and q.loc[0, "end"] == text.index("\u2019\u201d") + 2 and q.loc[0, "n_nested"] == 1


def test_unclosed_quotation_ends_at_paragraph_end_with_a_warning():
    text = (DATA / "quotes-unclosed.txt").read_text(encoding="utf-8")
    doc = doc_of(text)
    with pytest.warns(UserWarning, match="never closed"):
        q = doc.quotations
    assert q["closed"].tolist() == [False, True]
    para0 = doc.paragraphs.loc[0]
    assert q.loc[0, "start"] == text.index("\u201cAll power")
    assert q.loc[0, "end"] == para0["end"]
    assert q.loc[0, "text"] == text[q.loc[0, "start"] + 1 : para0["end"]]
    assert q.loc[1, "text"] == "against" and q.loc[1, "kind"] == "term"


def test_unclosed_quotation_before_a_new_opening_mark_stops_there():
    text = "He said \u201cone thing and then \u201canother\u201d here."
    with pytest.warns(UserWarning):
        q = quotes(text)
    assert q["closed"].tolist() == [False, True]
    assert q.loc[0, "end"] == text.index(" \u201canother")
    assert q["start"].tolist() == [text.index("\u201cone"), text.index("\u201canother")]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["\u201c", "\u201d", "\u2018", "\u2019", '"', "'", "word", " ", "\n\n", ".", ",", "(Ibid.)", "s"]), min_size=1, max_size=40))
def test_unbalanced_marks_never_raise_and_spans_stay_valid(pieces):
    text = "A " + "".join(pieces) + " end."
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = doc_of(text)
        q = doc.quotations
        toks = doc.tokens
    starts, ends = q["start"].tolist(), q["end"].tolist()
    assert starts == sorted(starts)
    assert all(s < e for s, e in zip(starts, ends))
    assert all(e <= s2 for e, s2 in zip(ends, starts[1:]))  # disjoint
    assert q["quote_id"].tolist() == list(range(len(q)))
    assert toks["in_quote"].sum() == toks["quote_id"].notna().sum()


# ------------------------------------------------------------------ styles
def test_detect_quote_style():
    assert detect_quote_style("He said \u201cno\u201d to Lenin\u2019s plan.") == "double"
    assert detect_quote_style("He said \u2018no \u201cnever\u201d\u2019 to the workers\u2019 plan.") == "single"
    assert detect_quote_style('He said "no" and didn\'t.') == "straight"
    assert detect_quote_style("He said 'no' and 'yes'.") == "straight_single"
    assert detect_quote_style("Il a dit \u00ab non \u00bb.") == "guillemets"
    assert detect_quote_style("No quotes at all.") == "double"


def test_straight_quotes_as_in_plain_text_ebooks():
    doc = tm.load(DATA / "quotes-straight-ebook.txt", header=False)
    text, q = doc.text, doc.quotations
    assert (q["style"] == "straight").all()
    assert len(q) == 6
    assert (q.loc[0, "start"], q.loc[0, "end"]) == span(text, '"I don\'t think,"')
    # interrupted by a speech tag: one group, both parts attributed
    assert q["group_id"].tolist()[:3] == [0, 0, 2]
    assert q.loc[:2, "speaker"].tolist() == ["Dalloway", "Dalloway", "Richard"]
    assert q.loc[2, "speaker_rule"] == "speech_tag"  # "he replied", he = Richard
    # multi-paragraph, nested 'bad luck', apostrophes (captain's, '90s, sailors') untouched
    mp = q.loc[3]
    assert (mp["para_start"], mp["para_end"], mp["closed"], mp["n_nested"]) == (3, 4, True, 1)
    assert mp["text"].startswith("We left port") and mp["text"].endswith("every man thought it")
    assert doc.citations.loc[mp["citation_id"], "author"] == "Hardy"
    assert (mp["speaker"], mp["speaker_rule"]) == ("Hardy", "citation_author")
    assert q.loc[4, "kind"] == "term" and q.loc[4, "text"] == "sea story,"
    assert (q.loc[5, "speaker"], q.loc[5, "speaker_rule"], q.loc[5, "kind"]) == ("Woolf", "same_sentence", "quotation")
    marks = quote_marks(text, doc.paragraphs)
    role = dict(zip(marks["start"], marks["role"]))
    assert role[text.index("'s log")] == "apostrophe"
    assert role[text.index("' memories")] == "apostrophe"
    assert role[text.index("'90s")] == "apostrophe"  # an elision


def test_british_style_single_outer_double_inner():
    doc = tm.load(DATA / "quotes-british.txt", header=False)
    text, q = doc.text, doc.quotations
    assert (q["style"] == "single").all()
    assert q["text"].tolist() == [
        "New Economic Policy",
        "We must say to the peasants: \u201cEnrich yourselves.\u201d There is no other way for the workers\u2019 state to hold out",
        "The retreat is over,",
        "Now we must advance on the whole front",
        "scissors crisis",
    ]
    assert q["kind"].tolist() == ["term", "quotation", "quotation", "quotation", "term"]
    assert q.loc[1, "n_nested"] == 1  # “Enrich yourselves.” is nested, not a row
    assert q["speaker"].tolist()[1:4] == ["Bukharin", "Preobrazhensky", "Preobrazhensky"]
    assert q["group_id"].tolist() == [0, 1, 2, 2, 4]
    c = doc.citations
    assert q.loc[3, "citation_id"] == 2 and c.loc[2, "kind"] == "op_cit" and c.loc[2, "refers_to"] == 0


def test_mixed_conventions_find_the_other_marks_outside_quotations():
    text = "He called it a \u2018mad project\u2019. Brassey wrote: \u201cWe are now building lines where nothing will pay.\u201d"
    q = quotes(text)
    assert q["text"].tolist() == ["mad project", "We are now building lines where nothing will pay."]
    assert q.loc[1, "speaker"] == "Brassey"


def test_style_can_be_set_by_parameter():
    text = "He said \u2018no\u2019 and then wrote \u201cthe long answer that everyone had expected from him\u201d and \u201cyes.\u201d"
    assert detect_quote_style(text) == "double"
    q = run(text, style="single")
    assert q["text"].tolist()[0] == "no" and (q["style"] == "single").all()
    with pytest.raises(tm.InputError, match="style must be"):
        run(text, style="curly")
    with pytest.raises(TypeError, match="style must be a str"):
        run(text, style=None)


# ------------------------------------------------------------------ groups and citations
def test_quotation_interrupted_by_a_speech_tag_shares_a_group():
    text = "\u201cWe are living in a historic period,\u201d Lenin explained. \u201cWe must inculcate discipline.\u201d (Works, p. 3)."
    q = quotes(text)
    assert q["group_id"].tolist() == [0, 0]
    assert q["speaker"].tolist() == ["Lenin", "Lenin"]
    assert q["speaker_rule"].tolist() == ["speech_tag", "speech_tag"]
    assert pd.isna(q.loc[0, "citation_id"]) and q.loc[1, "citation_id"] == 0


def test_dialogue_with_two_speakers_is_not_one_group():
    text = "\u201cWill you come?\u201d asked Anna. \u201cNo,\u201d said Boris."
    q = quotes(text)
    assert q["group_id"].tolist() == [0, 1]
    assert q["speaker"].tolist() == ["Anna", "Boris"]


def test_three_part_quotation_carries_the_speaker_to_the_last_part():
    text = "\u201cFirst,\u201d said Ada, \u201csecond,\u201d she went on, \u201cand third.\u201d"
    q = quotes(text)
    assert q["group_id"].tolist() == [0, 0, 0]
    assert q["speaker"].tolist() == ["Ada", "Ada", "Ada"]


@pytest.mark.parametrize(
    "text",
    [
        "As Smith wrote, \u201cthe world is wide and the sea is deep\u201d (Smith 1990, 5).",  # after the mark, before the period
        "As Smith wrote, \u201cthe world is wide and the sea is deep.\u201d (Smith 1990, 5)",  # after the final punctuation
        "As Smith wrote, \u201cthe world is wide and the sea is deep (Smith 1990, 5).\u201d",  # inside the closing mark
    ],
)
def test_quotation_followed_by_a_parenthetical_citation(text):
    doc = doc_of(text)
    q, c = doc.quotations, doc.citations
    assert len(q) == 1 and len(c) == 1
    assert q.loc[0, "citation_id"] == 0
    assert q.loc[0, "speaker"] == "Smith"


def test_citation_after_an_unnamed_speech_tag_and_citation_author():
    doc = tm.load(DATA / "quotes-archival.txt", header=False)
    q = doc.quotations
    assert q.loc[0, "citation_id"] == 0  # "...,” the chairman wrote to the London agent (Letter of J. Brown ...)"
    assert (q.loc[0, "speaker"], q.loc[0, "speaker_rule"]) == ("Brown", "citation_author")
    assert (q.loc[1, "speaker"], q.loc[1, "speaker_rule"], q.loc[1, "citation_id"]) == ("Jones", "according_to", 3)


def test_footnote_markers_link_quotations_to_notes():
    doc = tm.load(DATA / "quotes-footnotes.txt", header=False)
    q, c = doc.quotations, doc.citations
    assert q["citation_id"].tolist() == [0, 1, 3]
    assert c.loc[q["citation_id"], "note"].tolist() == [1, 2, 4]
    assert q["speaker"].tolist() == ["Trotsky", "Stalin", "Trotsky"]
    assert q["group_id"].tolist() == [0, 1, 2]  # "[1] Stalin answered that ..." is not a speech tag


# ------------------------------------------------------------------ kinds
@pytest.mark.parametrize(
    "text, kind",
    [
        ("The party\u2019s efforts to \u201cneutralize\u201d the imperialists failed.", "term"),
        ("Stalin revived the cause of \u201cantifascism.\u201d The parties swung over.", "term"),
        ("The theory of \u201csocialism in one country\u201d was new.", "term"),
        ("Lenin addressed the conference on the \u201cForeign and Domestic Position and the Tasks of the Party.\u201d", "title"),
        ("He published an article entitled \u201cBetter Fewer\u201d in Pravda.", "title"),
        ("Lenin sounded a note of caution: \u201cWe should not forget.\u201d", "quotation"),
        ("The slogan was then that \u201cwe must take advantage of the antagonisms\u201d in any case.", "quotation"),
        ("The phrase \u201cpeaceful coexistence\u201d (Ibid., p. 4) is his.", "quotation"),
        # opening a paragraph is not enough: a block quotation runs to the paragraph end
        ("\u201cPeaceful coexistence\u201d became the slogan of the day.", "term"),
        ("Lenin said:\n\n\u201cNo.\u201d (Works, p. 3)", "quotation"),
    ],
)
def test_kind_rules(text, kind):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        q = quotes(text)
    assert q["kind"].tolist() == [kind]


def test_a_list_after_a_colon_stays_terms():
    q = quotes("The crowd chanted two words: \u201cpeace\u201d and \u201cbread\u201d all night.")
    assert q["kind"].tolist() == ["term", "term"]


def test_elision_typed_with_an_opening_mark_opens_nothing():
    q = quotes("In the \u201890s the workers\u2019 state was gone, and \u201cnobody\u201d cared.")
    assert q["text"].tolist() == ["nobody"]


def test_according_to_after_the_quotation():
    q = quotes("\u201cThe revolution is over,\u201d according to Smith.")
    assert (q.loc[0, "kind"], q.loc[0, "speaker"], q.loc[0, "speaker_rule"]) == ("quotation", "Smith", "according_to")


def test_min_words_sets_the_length_rule():
    text = "The delegates agreed that \u201cwe must take advantage of the antagonisms\u201d in any case."
    assert run(text)["kind"].tolist() == ["quotation"]
    assert run(text, min_words=10)["kind"].tolist() == ["term"]
    with pytest.raises(tm.InputError, match="min_words"):
        run(text, min_words=0)


def test_echo_a_short_phrase_borrowed_from_the_next_quotation():
    text = (
        "Dissatisfied with the \u201cpoorly reported\u201d meeting, Lenin stressed the point:\n\n"
        "\u201cAt the meeting which was so poorly reported in Pravda, I said that we had passed from war to peace.\u201d"
    )
    q = quotes(text)
    assert q["kind"].tolist() == ["quotation", "quotation"]
    assert (q.loc[0, "speaker"], q.loc[0, "speaker_rule"]) == ("Lenin", "echo")
    assert (q.loc[1, "speaker"], q.loc[1, "speaker_rule"]) == ("Lenin", "previous_paragraph")


# ------------------------------------------------------------------ speakers
@pytest.mark.parametrize(
    "text, speaker, rule",
    [
        # cue at the end of the previous paragraph, with an appositive
        ("As Leon Trotsky, who was then the commander of the army, wrote at the congress.\n\n"
         "\u201cThe dictatorship of the working class will be able to entrench itself.\u201d", "Trotsky", "previous_paragraph"),
        ("In assessing the defeat, Trotsky exposed its source:\n\n\u201cThe contradiction is a fundamental one.\u201d",
         "Trotsky", "previous_paragraph"),
        # pronoun resolved to the subject of an earlier sentence, not to a relative clause
        ("Lenin expanded on the relations which Soviet Russia hoped to establish. He explained the considerations:\n\n"
         "\u201cFrom the political point of view, the fundamental thing is a rule.\u201d", "Lenin", "previous_paragraph"),
        ("For the bureaucrats it simply meant, as Trotsky once explained, \u201cNot everything for the world revolution!\u201d",
         "Trotsky", "same_sentence"),
        ("According to Medvedev, Lenin\u2019s views changed. \u201cLenin considered peaceful coexistence as active cooperation.\u201d",
         "Medvedev", "according_to"),
        ("Celebrating the anniversary, Lenin recalled the perspectives. \u201cWe knew at that time that our victory would last.\u201d",
         "Lenin", "previous_sentence"),
        ("Concessions were essential, he explained, to Soviet Russia. Lenin returned to this question: \u201cWe must seize the opportunity now.\u201d",
         "Lenin", "same_sentence"),
        ("Lenin returned to the question. Concessions were essential, he explained, for the next stage: \u201cWe must seize the opportunity now.\u201d",
         "Lenin", "same_sentence"),
        # an unnamed speaker stops the search: no guess from earlier sentences
        ("Investors poured capital into new lines. As one anonymous pamphleteer wrote:\n\n\u201cEvery clerk now holds scrip in lines never built.\u201d",
         None, None),
    ],
)
def test_speaker_rules(text, speaker, rule):
    q = quotes(text)
    row = q[q["kind"] == "quotation"].iloc[-1]
    if speaker is None:
        assert pd.isna(row["speaker"]) and pd.isna(row["speaker_rule"])
    else:
        assert (row["speaker"], row["speaker_rule"]) == (speaker, rule)


def test_unnamed_or_unresolved_speech_tags_leave_the_speaker_empty():
    text = (
        "Mr. Bennet made no answer.\n\n"
        "\"Do you not want to know who has taken it?\" cried his wife impatiently.\n\n"
        "\"But it is,\" returned she; \"for Mrs. Long has just been here.\""
    )
    q = quotes(text)
    assert q["group_id"].tolist() == [0, 1, 1]
    assert q["speaker"].isna().all()  # not "Bennet": his wife is unnamed, and "she" is not Mr. Bennet


def test_note_marker_after_a_period_starts_a_new_sentence_for_cues():
    text = "Stalin returned to it later.[3] Trotsky, for his part, never changed his view: \u201cThe revolution is permanent and international.\u201d"
    q = quotes(text)
    assert (q.loc[0, "speaker"], q.loc[0, "speaker_rule"]) == ("Trotsky", "same_sentence")


def test_speaker_carried_over_along_an_ibid_chain():
    text = (
        "Lenin wrote: \u201cThe first long passage of the speech is here.\u201d (Collected Works, vol. 31 [Moscow: Progress, 1966], p. 3).\n\n"
        "The second passage follows. \u201cAnd the second long passage of the same speech is here\u201d (Ibid., p. 4)."
    )
    q = quotes(text)
    assert q["speaker"].tolist() == ["Lenin", "Lenin"]
    assert q["speaker_rule"].tolist() == ["same_sentence", "carried_over"]


def test_terms_and_titles_have_no_speaker():
    q = quotes("Trotsky said the \u201cstrategy\u201d was on the \u201cForeign and Domestic Position of the Party\u201d today.")
    assert q["kind"].tolist() == ["term", "title"]
    assert q["speaker"].isna().all() and q["speaker_rule"].isna().all()


# ------------------------------------------------------------------ contract
def test_tokens_gain_in_quote_quote_id_in_citation():
    text = "He wrote \u201cthe world\u201d (Smith 1990, 5) today."
    toks = doc_of(text).tokens
    row = toks.set_index("token")
    assert (bool(row.at["world", "in_quote"]), row.at["world", "quote_id"], bool(row.at["world", "in_citation"])) == (True, 0, False)
    assert (bool(row.at["Smith", "in_quote"]), bool(row.at["Smith", "in_citation"])) == (False, True)
    assert pd.isna(row.at["Smith", "quote_id"])
    assert not row.at["today", "in_quote"] and not row.at["today", "in_citation"]
    assert toks["in_quote"].tolist() == [False, False, True, True, True, True] + [False] * (len(toks) - 6)
    assert str(toks["quote_id"].dtype) == "Int32"


def test_frame_contract_on_the_chapter(chapter):
    q = chapter.quotations
    assert list(q.columns) == QUOTATION_COLUMNS + ["note_id"]  # doc.quotations adds the note links (textmine.citations)
    assert q["quote_id"].tolist() == list(range(len(q)))
    assert q["start"].is_monotonic_increasing and isinstance(q.index, pd.RangeIndex)
    text = chapter.text
    for s, e, t, closed in zip(q["start"], q["end"], q["text"], q["closed"]):
        assert text[s] == "\u201c" and (not closed or text[e - 1] == "\u201d")
        assert t == text[s + 1 : e - 1 if closed else e]
    assert q.dtypes.astype(str).to_dict() == EXPECTED_DTYPES | {"note_id": "Int32"}
    assert list(q["doc_id"].cat.categories) == [chapter.doc_id]
    assert set(q["kind"]) <= {"quotation", "term", "title"}
    toks = chapter.tokens
    inside = toks[toks["in_quote"]]
    assert len(inside) and (inside["quote_id"].notna()).all()
    assert not toks.loc[toks["in_citation"], "in_quote"].any()


# ids and offsets int32 (Int32 when missing), doc_id categorical, counts int64
EXPECTED_DTYPES = {
    "doc_id": "category", "quote_id": "int32", "start": "int32", "end": "int32", "text": "str",
    "para_start": "int32", "para_end": "int32", "n_tokens": "int64", "kind": "str", "speaker": "str",
    "speaker_rule": "str", "citation_id": "Int32", "group_id": "int32", "closed": "bool", "n_words": "int64",
    "n_nested": "int64", "speaker_name": "str", "speaker_kind": "str", "style": "str",
}


def test_no_quotations_gives_empty_frame_with_dtypes():
    q = quotes("Nothing is quoted here; the workers\u2019 state stands.")
    assert len(q) == 0 and list(q.columns) == QUOTATION_COLUMNS + ["note_id"]  # doc.quotations adds the note links
    assert q.dtypes.astype(str).to_dict() == EXPECTED_DTYPES | {"note_id": "Int32"}


def test_int32_and_categorical_inputs_give_the_same_frame():
    doc = doc_of("He wrote \u201cthe world\u201d (Smith 1990, 5) today. \u201cNo,\u201d Lenin said.")
    base = doc.tokens.drop(columns=["in_quote", "quote_id", "in_citation"])
    ref = find_quotations(doc.text, doc.paragraphs, base, doc.citations, doc_id="x")
    assert ref.dtypes.astype(str).to_dict() == EXPECTED_DTYPES
    to32 = lambda f: f.astype({c: "int32" for c in f.columns if c.endswith("_id") and c != "doc_id" or c in ("start", "end")})
    p, t = to32(doc.paragraphs), to32(base)
    p["doc_id"] = pd.Categorical(p["doc_id"].astype(str))
    c = doc.citations  # already int32 ids and a categorical doc_id
    pd.testing.assert_frame_equal(find_quotations(doc.text, p, t, c, doc_id="x"), ref)
    c64 = c.astype({"citation_id": "int64", "start": "int64", "end": "int64", "refers_to": "Int64", "marker_start": "Int64"})
    pd.testing.assert_frame_equal(find_quotations(doc.text, doc.paragraphs, base, c64, doc_id="x"), ref)


def test_trailing_punctuation_helper_matches_the_regex():
    import re

    from textmine.quotations.tags import ends_with

    for t in ["", "a.", "a.\u201d", "a. ", "a._", "a,\n", "word", "x?!", "\u2026", "a.b", "a._.", "a\u00e9."]:
        for chars in (".\u2026", ",?!"):
            assert ends_with(t, chars) == bool(re.search("[" + chars + r"]\W*$", t)), (t, chars)


def test_find_quotations_is_pure_and_validates():
    doc = doc_of("He wrote \u201cthe world\u201d (Smith 1990, 5) today.")
    paras, cits = doc.paragraphs, doc.citations
    base = doc.tokens.drop(columns=["in_quote", "quote_id", "in_citation"])
    copies = [f.copy(deep=True) for f in (paras, base, cits)]
    find_quotations(doc.text, paras, base, cits, doc_id="x")
    for f, c in zip((paras, base, cits), copies):
        pd.testing.assert_frame_equal(f, c)
    with pytest.raises(TypeError, match="find_quotations: text must be a str"):
        find_quotations(b"x", paras, base, cits, doc_id="x")
    with pytest.raises(TypeError, match="tokens must be a DataFrame"):
        find_quotations(doc.text, paras, None, cits, doc_id="x")
    with pytest.raises(tm.ColumnError, match="citations lacks column"):
        find_quotations(doc.text, paras, base, cits.drop(columns="citation_id"), doc_id="x")


def test_pronoun_resolved_to_according_to_name_does_not_crash():
    # "According to Smith" is a cue without a raw name run; "He" must still resolve to it.
    text = "According to Smith, the plan failed. He said: \u201cWe must advance now and never stop.\u201d"
    q = quotes(text)
    assert q.loc[0, "speaker"] == "Smith" and q.loc[0, "speaker_rule"] == "same_sentence"


def test_cues_upto_reuses_cues_before_walls_exactly():
    # cues_upto (the cues of a window from the pieces between walls) must equal a fresh scan
    import random

    from textmine.quotations.cues import MASK, CueScanner

    rnd = random.Random(7)
    words = ("Lenin said he wrote ; : ! ? , . according to Smith Mr. Jones who was then the leader , "
             "She replied he argued Trotsky later explained that the Party was Concessions were made "
             "Mrs. Brown insisted ").split() + [MASK * 3, "\n", "  "]
    masked = " ".join(rnd.choice(words) for _ in range(4000))
    scanner = CueScanner(masked, set(), frozenset({"concessions"}))
    fresh = CueScanner(masked, set(), frozenset({"concessions"}))
    for hi in sorted(rnd.sample(range(5000, len(masked)), 25)):
        assert scanner.cues_upto(0, hi) == fresh.cues(0, hi)
    assert len(list(scanner.walls_reversed(0, len(masked)))) > 100


def test_cues_upto_pieces_equal_a_fresh_scan_for_any_start():
    # pieces between walls (full stops included) scanned once per text, whatever the start
    import random

    from textmine.quotations.cues import MASK, CueScanner, find_cues

    rnd = random.Random(11)
    words = ("Lenin said he wrote ; : ! ? , . according to Smith Mr. Jones who was then the leader , "
             "She replied he argued J. R. Trotsky later explained that the Party was Concessions were made "
             "Mrs. Brown insisted Dr. Who St. Petersburg e.g. U.S. officials. she. he, Prof. Gen. "
             "stated.He wrote.She").split() + [MASK * 3, "\n", "  ", ".", "a."]
    for _ in range(3):
        masked = " ".join(rnd.choice(words) for _ in range(1500))
        starts = set(rnd.sample(range(len(masked)), 200))
        scanner = CueScanner(masked, starts, frozenset({"concessions"}))
        for _ in range(40):
            lo = rnd.randrange(0, len(masked) - 10)
            hi = rnd.randrange(lo, min(len(masked), lo + 3000) + 1)
            assert scanner.cues_upto(lo, hi) == find_cues(masked, lo, hi, starts, frozenset({"concessions"})), (lo, hi)


def _word_regex(words):
    """The plain pattern a fast word pattern must equal (the reference of cues.word_pattern)."""
    import re

    return re.compile(r"(?<![\w\u2019'])(?:" + "|".join(map(re.escape, words)) + r")(?![\w\u2019'])")


def _find_cues_regex(masked, lo, hi, sent_starts, common, scan_from):
    """The cue scan written plainly (regex searches, one sort): the reference for find_cues."""
    import re

    from textmine.quotations.cues import ACCORDING, DESCRIPTION_VERBS, REPORTING, Cue, after_name
    from textmine.quotations.lexicon import SPEECH_NOUNS
    from textmine.quotations.lexicon import (
        APPOSITIVE_WORDS, DOCUMENT_NOUNS, FIRST_PERSON, NOT_NAME, OBJECT_VERBS, PREPOSITIONS, PRONOUNS, RELATIVE, SOURCE_DOCUMENTS,
        SPEECH_ACT_VERBS, SPEECH_NOUNS, SPEECH_VERBS, SPOKESPEOPLE,
    )
    from textmine.quotations.names import NAME_RUN, ORG_RUN, clean_name, name_kind

    according_to_end = re.compile(r"according\s+to\W*$", re.I)
    pronoun = _word_regex(PRONOUNS)
    first_person = _word_regex(FIRST_PERSON)
    text = masked[:hi]

    def said_before(at):
        pv = re.search(r"\b([a-z]+)\s+$", masked[max(lo, at - 20) : at])
        return bool(pv and pv.group(1) in SPEECH_VERBS and not pv.group(1).endswith("ing") and pv.group(1) not in OBJECT_VERBS)

    def agent_before(before):  # "was told by NAME", "in the words of NAME"
        by = re.search(r"(?<![\w\u2019'])([a-z]+)[ \t\n]+by[ \t\n]+$", before)
        nouns = "|".join(sorted(SPEECH_NOUNS - {"question"}))  # "in the words of NAME", "the testimony of NAME"
        return bool(by and by.group(1) in SPEECH_VERBS) or bool(re.search(rf"(?<![\w\u2019'])(?:{nouns})[ \t\n]+of[ \t\n]+$", before))

    def org_cue(at, the_len):
        org = ORG_RUN.match(text, at)
        if org:
            oname = " ".join(org.group().split())
            the_at = at - the_len
            if after_name(masked, org.end(), hi) == 3 or said_before(the_at):
                subject = starts_sentence(the_at) or masked[max(lo, the_at - 20) : the_at].rstrip().endswith(",")
                out.append(Cue(at, oname, 3, subject=subject, raw=oname, kind=name_kind(oname, True)))
        return org.end() if org else None

    def starts_sentence(at):
        return at in sent_starts or bool(re.search(r"(?:^|[.!?:;]\s+)$", masked[max(lo - 3, 0) : at]))

    out = []
    spokes = "|".join(sorted(SPOKESPEOPLE))
    for m in ACCORDING.finditer(text, scan_from):
        sp = re.match(rf"(?:{spokes})\s+(?:of|at|for|in)\s+", text[m.end():])
        at = m.end() + (sp.end() if sp else 0)
        the = text.startswith(("the ", "The "), at)
        nm = ORG_RUN.match(text, at + 4) if the else NAME_RUN.match(text, at)
        name = (" ".join(nm.group().split()) if the else clean_name(nm.group())) if nm else None
        if name:
            out.append(Cue(nm.start(), name, 4, according=True, kind=name_kind(name, the)))
    pos = scan_from
    while (nm := NAME_RUN.search(text, pos)) is not None:
        pos = nm.end()
        name = clean_name(nm.group())
        if not name:
            continue
        before = masked[max(lo, nm.start() - 20) : nm.start()]
        pw = re.search(r"([A-Za-z]+)\W*$", before)
        low = pw.group(1).lower() if pw else ""
        noun_rel = re.search(r"(?<![\w\u2019'])([a-z]+)[ \t\n]+(?:that|which)[ \t\n]+$", before)
        said = low in RELATIVE and bool(noun_rel and noun_rel.group(1) in SPEECH_NOUNS)  # "the question that X put"
        spoken = low in ("a", "an") and re.match(rf"\s+(?:{spokes})\s+([A-Za-z]+)\b", text[nm.end():])
        spoken = bool(spoken and spoken.group(1).lower() in SPEECH_VERBS)  # "A Treasury spokesman said"
        if low in ("the", "a", "an", "this", "that", "its", "his", "her", "their", "our") and not said and not spoken:
            the = re.search(r"(?<![\w\u2019'])[Tt]he\s+$", before)
            if the:
                pos = org_cue(nm.start(), len(the.group())) or pos
            continue
        if low == "to" and according_to_end.search(before):
            continue
        relative = low in RELATIVE and low != "that" and before.rstrip().endswith(pw.group(1))
        lead = re.match(r"The\s+", nm.group())
        if lead and not relative and not said:
            pos = org_cue(nm.start() + lead.end(), lead.end()) or pos
            continue
        if low in PREPOSITIONS and before.rstrip().endswith(pw.group(1)) and not agent_before(before):
            continue
        first = starts_sentence(nm.start())
        single = first and " " not in name
        if single and (name.lower().endswith(("ing", "ed", "ly")) or name.lower() in NOT_NAME or name.lower() in common):
            continue
        appositive = re.search(r",\s*$", before) is not None or low == "named"
        sp = re.match(rf"\s+(?:{spokes})\s+([A-Za-z]+)\b", text[nm.end():])
        if sp and sp.group(1).lower() in SPEECH_VERBS:
            out.append(Cue(nm.start(), name, 1 if relative and not said else 3, subject=first or appositive or relative or said,
                           raw=nm.group(), kind="organisation", spokes=True))
            continue
        s = after_name(masked, nm.end(), hi)
        if re.search(r"[\u2019']s?$", nm.group()):
            w = re.match(r"\s([A-Za-z]+)\b", text[nm.end():])
            s = 3 if w and w.group(1).lower() in SPEECH_NOUNS else 0
        elif s == 0 and (said_before(nm.start()) or agent_before(before)):
            s = 3
        elif s == 0 and appositive and text[nm.end():nm.end() + 1] == ",":
            s = after_name(masked, nm.end() + 1, hi)
        if s == 1 and single:
            continue
        kind = name_kind(name)
        if kind != "person" and s < 3:
            continue
        if s == 0 and first and not single:
            s = 1
        if s:
            name = re.sub(r"[\u2019']s?$", "", name)
            subject = first or appositive or relative or said
            out.append(Cue(nm.start(), name, min(s, 1) if relative and not said else s, subject=subject, raw=nm.group(),
                           kind=kind))
    for pm in pronoun.finditer(text, scan_from):
        s = after_name(masked, pm.end(), hi)
        if s == 0:
            pv = re.search(r"\b([a-z]+)\s+$", masked[max(lo, pm.start() - 20) : pm.start()])
            if pv and pv.group(1) in SPEECH_VERBS:
                s = 3
        if s:
            out.append(Cue(pm.start(), None, s))
    for dm in re.compile(r"(?<![\w\u2019'])(?:[Tt]he|[Ii]ts|[Tt]heir)[ \t\n]+([a-z]+)(?=[ \t\n]+([a-z]+)(?![\w\u2019']))"
                         ).finditer(text, scan_from):
        obj = re.match(r"[ \t\n]+(?:a|an|the|its|his|her|their)[ \t\n]+([a-z]+)\b", text[dm.end(2):])
        act = dm.group(2) in SPEECH_ACT_VERBS and obj and obj.group(1) in SPEECH_NOUNS | SOURCE_DOCUMENTS
        if dm.group(2) in DESCRIPTION_VERBS or act:  # "the chairman said", "the judge told", "its director issued a statement"
            out.append(Cue(dm.start(1), None, 3, kind="description", raw=dm.group(1)))
    owned = r"(?<![\w\u2019'])(?:[Tt]he|[Ii]ts)[ \t\n]+([a-z]+)[\u2019']s[ \t\n]+([a-z]+)(?![\w\u2019'])"
    for om in re.compile(owned).finditer(text, scan_from):
        if om.group(2) in DOCUMENT_NOUNS:  # "the company’s rules forbade"
            out.append(Cue(om.start(1), None, 3, kind="description", raw=om.group(1)))
    for im in re.compile(r"(?<![\w\u2019'])[Ii]t(?=[ \t\n]+([a-z]+)(?![\w\u2019']))").finditer(text, scan_from):
        obj = re.match(r"[ \t\n]+(?:a|an|the|its|his|her|their)[ \t\n]+([a-z]+)\b", text[im.end(1):])
        act = im.group(1) in SPEECH_ACT_VERBS and obj and obj.group(1) in SPEECH_NOUNS | SOURCE_DOCUMENTS
        if im.group(1) in REPORTING or act:  # "it said", "it posted a notice"
            out.append(Cue(im.start(), None, 3, kind="description", raw="it"))
    appositive_rx = re.compile(
        r",\s*(?:(?:" + "|".join(APPOSITIVE_WORDS) + r")\b[^,.;:!?\u2592]{0,100}|[a-z][^,.;:!?\u2592]{0,40}"
        r"|[a-z]+ed\b[^,.;:!?\u2592]{0,100}|[A-Z]{1,2}-[A-Z][A-Za-z]*\.?),\s*")
    for dm in re.compile(r"(?<![\w\u2019'])[Tt]he[ \t\n]+([a-z]+)(?=,)").finditer(text, scan_from):
        ap = appositive_rx.match(text, dm.end())
        verb = re.match(r"([A-Za-z]+)\b", text[ap.end():]) if ap else None
        if verb and verb.group(1).lower() in REPORTING:  # "the company, which ..., said"
            out.append(Cue(dm.start(1), None, 3, kind="description", raw=dm.group(1)))
    for pm in first_person.finditer(text, scan_from):
        if after_name(masked, pm.end(), hi) == 3:
            out.append(Cue(pm.start(), None, 3, kind="author"))
    for pm in re.compile(r"(?<![\w\u2019'])(?:[Hh]is|[Hh]er)[ \t\n]+([a-z]+)(?![\w\u2019'])").finditer(text, scan_from):
        if pm.group(1) in SPEECH_NOUNS:
            out.append(Cue(pm.start(), None, 3))
    out.sort(key=lambda c: c.pos)
    return out


def test_find_cues_equals_the_regex_scan():
    # find_cues (no per-name searches, no sort when the cues come in order) against the regex version
    import random

    from textmine.quotations.cues import MASK, find_cues

    rnd = random.Random(5)
    words = ("Lenin said he wrote ; : ! ? , . according to Smith Mr. Jones who was then the leader , According "
             "She replied he argued J. R. Trotsky later explained that the Party was Concessions were made which "
             "Mrs. Brown insisted Dr. Who St. Petersburg e.g. U.S. officials. she. he, told 1917 Lenin\u2019s x_ "
             "stated.He wrote.She \u00e9 \u00c9mile said\tPlekhanov the Mensheviks their Kautsky to_ 3said "
             "the Evening Ledger Board of Trade I wrote Congress declared of Russia Smith, replied The Chief of Staff "
             "told Jones Kautsky\u2019s Smith, was , R-Ohio, who which the chairman said the critics would call named Hale\u2019s reply Hale\u2019s\nverdict according to The Times Power Co., which said officials of the Bureau Board officials said His report her reply was told by in the words of Its director issued a statement the company, which began in May, said the question that Hale put to me the testimony of Dr. Ames the judge told D-Ore., Ames, asked about it, replied it said It posted a notice the company\u2019s rules forbade its board's report A Treasury spokesman said an Army official").split() + [MASK * 3, "\n", "  ", ".", "a."]
    n = 0
    for _ in range(4):
        masked = " ".join(rnd.choice(words) for _ in range(800))
        starts, common = set(rnd.sample(range(len(masked)), 100)), frozenset({"concessions"})
        for _ in range(150):
            lo = rnd.randrange(0, len(masked) - 10)
            hi = rnd.randrange(lo, min(len(masked), lo + 400) + 1)
            sf = rnd.randrange(lo, hi + 1)
            got = find_cues(masked, lo, hi, starts, common, sf)
            assert got == _find_cues_regex(masked, lo, hi, starts, common, sf), (lo, hi, sf)
            n += len({(c.according, c.name is None) for c in got}) > 1
    assert n > 50  # windows where the three kinds of cue mix (the sort)


def test_fast_word_patterns_equal_the_plain_alternation():
    # cues.word_pattern (a character class first, for speed) matches exactly the plain pattern
    import random

    from textmine.quotations.cues import PRONOUN, word_pattern
    from textmine.quotations.lexicon import PRONOUNS

    rnd = random.Random(12)
    pieces = ["he", "she", "He", "She", "s", "h", "e", "x", " ", "\u2019", "'", "-", "_", "1", "\u00e9", "."]
    for words in (PRONOUNS, ("he", "she"), ("we", "they", "We", "They", "I"), ("ab", "b", "cab")):
        fast, plain = word_pattern(words), _word_regex(words)
        for _ in range(400):
            t = "".join(rnd.choice(pieces + list(words)) for _ in range(rnd.randrange(0, 12)))
            assert [m.span() for m in fast.finditer(t)] == [m.span() for m in plain.finditer(t)], (words, t)
    assert PRONOUN.pattern == word_pattern(PRONOUNS).pattern


def test_according_filter_letters_have_no_other_case_equals():
    # the "according" prefilter may only use letters that re.I matches nowhere but in their two ASCII cases
    import re
    import sys

    from textmine.quotations import cues

    every = "".join(map(chr, range(sys.maxunicode + 1)))
    assert cues.ACCORDING_FILTER == "accord"
    for ch in cues.ACCORDING_FILTER:
        assert set(re.findall(re.escape(ch), every, re.I)) == {ch, ch.upper()}, ch


def test_prev_lower_word_matches_the_regex():
    import re

    from textmine.quotations.cues import prev_lower_word

    for t in ["", " ", "said ", "said", "x said  ", "3said ", "_said ", "Said ", "\u00e9 said\n", "\u00e9said ", "(said ", "it\u2019said ", "a\n\n", "so. "]:
        for a in range(len(t) + 1):
            m = re.search(r"\b([a-z]+)\s+$", t[a:])
            assert prev_lower_word(t, a, len(t)) == (m.group(1) if m else ""), (t, a)


def test_speech_tag_word_filter_is_only_a_shortcut():
    # may_hold_tag is False only where tag_match finds no tag: the filter changes no result
    import random

    from textmine.quotations.tags import may_hold_tag, tag_match

    rnd = random.Random(9)
    pieces = [" ", ", ", "said", "Said", "SAID", "as\u212aed", "according", "According", " to", "Lenin", "he", "the chairman",
              "wrote", "(", "[3]", "\u00b9", ".", ";", "\u2014", "\n", "that", "explained", "x", "\u201c", "said,", "\u0130", "\u03a3"]
    n_tags = n_filtered = 0
    for _ in range(3000):
        seg = rnd.choice(["", " ", ", ", "[2] "]) + " ".join(rnd.choice(pieces) for _ in range(rnd.randrange(0, 8)))
        found = tag_match(seg)
        if not may_hold_tag(seg):
            assert found is None, seg
            n_filtered += 1
        n_tags += found is not None
    assert n_tags > 200 and n_filtered > 200, (n_tags, n_filtered)


def test_citations_and_tokens_out_of_order_give_the_same_frame(chapter):
    # the citation columns are sorted by (start, end) without sorting the frame, and not at all
    # when in order; tokens in order skip the argsort: shuffled inputs must give the same rows
    from textmine.quotations.links import citation_columns

    doc = chapter
    base = doc.tokens.drop(columns=["in_quote", "quote_id", "in_citation"])
    cits = doc.citations
    ref = find_quotations(doc.text, doc.paragraphs, base, cits, doc_id=doc.doc_id)
    shuffled = cits.sample(frac=1.0, random_state=1)
    shuffled_tokens = base.sample(frac=1.0, random_state=2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        got = find_quotations(doc.text, doc.paragraphs, shuffled_tokens, shuffled, doc_id=doc.doc_id)
    pd.testing.assert_frame_equal(got, ref)
    # ties on start: the stable order of sort_values
    tied = pd.concat([cits.head(5), cits.head(5).assign(end=cits.head(5)["end"] - 1, citation_id=range(100, 105))])
    tied = tied.sample(frac=1.0, random_state=3)
    srt = tied.sort_values(["start", "end"], kind="stable")
    cols = citation_columns(tied, "f")
    assert cols.starts == srt["start"].tolist() and cols.ends == srt["end"].tolist() and cols.ids.tolist() == srt["citation_id"].tolist()
    assert cols.author == srt["author"].tolist()
    assert [str(r) for r in cols.refers_to] == [str(r) for r in srt["refers_to"].tolist()]
    markers = [(int(m), k) for k, m in enumerate(srt["marker_start"].tolist()) if not pd.isna(m)]
    assert list(zip(cols.marker_offsets, cols.marker_rows)) == sorted(markers)
    bare = citation_columns(cits.drop(columns=["author", "refers_to", "marker_start"]), "f")
    assert bare.author == bare.refers_to == [None] * len(cits) and bare.marker_offsets == []
    with pytest.raises(tm.InputError, match="marker_start"):
        citation_columns(cits.assign(marker_start="x"), "f")


def test_best_cue_equals_filtering_the_list():
    import random

    from textmine.quotations.cues import Cue, best_cue

    rnd = random.Random(2)
    for _ in range(500):
        cues = [Cue(i, rnd.choice(["A", None]), rnd.randrange(0, 5), according=rnd.random() < 0.2) for i in range(rnd.randrange(0, 7))]
        for k in (2, 3):
            kept = [c for c in cues if c.strength >= k]
            according = [c for c in kept if c.according]
            assert best_cue(cues, k) is (according[-1] if according else kept[-1] if kept else None)


def _antecedent_plain(masked, lo, pos):
    """The antecedent as first written: read the cues of [lo, pos) back to the first fitting subject."""
    from textmine.quotations.cues import find_cues

    pronoun = masked[pos : pos + 3].lower().strip()
    last = None
    for c in reversed(find_cues(masked, lo, pos, set(), frozenset())):
        if c.name is None or c.kind != "person" or c.pos >= pos:
            continue
        if (pronoun == "she" and c.raw.startswith("Mr.")) or (pronoun == "he" and (c.raw.split() or [""])[0] in "Mrs. Ms. Miss Lady Madame Mme.".split()):
            continue
        if c.subject:
            return c.name
        if last is None:
            last = c
    return last.name if last is not None else None


def test_folded_windows_equal_reading_each_window_whole():
    # CueScanner.best / antecedent / unnamed_speech fold long windows over their walls (kept per
    # window start): the answers must be those of a fresh scan of the whole window, for any window
    import random

    from textmine.quotations.cues import ASCII_WORD, FOLD_MIN, MASK, CueScanner, best_cue, find_cues
    from textmine.quotations.lexicon import SPEECH_PAST

    rnd = random.Random(8)
    words = ("Lenin said . he wrote ; Mr. Jones argued she replied , Mrs. Brown insisted the Party was Trotsky SAID x_ wrote3 "
             "according to Smith , Kautsky who was then the leader , explained he, she.").split() + [MASK, "\n\n", "words", "and"]
    n_long = 0
    for _ in range(3):
        masked = " ".join(rnd.choice(words) for _ in range(3000))
        scanner = CueScanner(masked, set(), frozenset())
        for _ in range(150):
            lo = rnd.randrange(0, len(masked) - 1)
            hi = rnd.randrange(lo, min(len(masked), lo + rnd.choice([100, 3 * FOLD_MIN, 8 * FOLD_MIN])) + 1)
            n_long += hi - lo >= FOLD_MIN
            assert scanner.best(lo, hi) == best_cue(find_cues(masked, lo, hi, set(), frozenset())), (lo, hi)
            assert scanner.unnamed_speech(lo, hi) == any(w.lower() in SPEECH_PAST for w in ASCII_WORD.findall(masked[lo:hi]))
            pronouns = [m.start() for m in re.finditer(r"\b[hs]h?e\b", masked[lo : lo + 9000])]
            pos = lo + rnd.choice(pronouns) if pronouns else hi
            assert scanner.antecedent(pos, lo) == _antecedent_plain(masked, lo, pos), (lo, pos)
    assert n_long > 50
