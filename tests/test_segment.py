"""Paragraphs, sentences and tokens on hand-written texts, one rule each."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import textmine as tm

from textmine import segment
from textmine.segment import paragraph_spans, sentence_spans, token_spans


def sentences(text: str, **kw) -> list[str]:
    paras = paragraph_spans(text)
    return [text[s:e] for s, e, _ in sentence_spans(text, paras, **kw)]


def tokens(text: str) -> list[str]:
    s, e = token_spans(text)
    return [text[a:b] for a, b in zip(s.tolist(), e.tolist())]


# ------------------------------------------------------------- paragraphs


def test_blank_lines_split_paragraphs_single_newlines_do_not():
    text = "One line\ncontinues here.\n\nSecond para.\n \t\nThird para.\n\n\n\nFourth."
    spans = paragraph_spans(text)
    assert [text[s:e] for s, e in spans] == ["One line\ncontinues here.", "Second para.", "Third para.", "Fourth."]


def test_paragraphs_are_trimmed():
    text = "  \n  Indented start.  \n\n   Next.\n"
    assert [text[s:e] for s, e in paragraph_spans(text)] == ["Indented start.", "Next."]


# -------------------------------------------------------------- sentences


@pytest.mark.parametrize(
    "text, expected",
    [
        ("See vol. 2 of the work. It is long.", ["See vol. 2 of the work.", "It is long."]),
        ("Read pp. 86-87 and p. 9 first. Then stop.", ["Read pp. 86-87 and p. 9 first.", "Then stop."]),
        ("Mr. Smith met Dr. Jones at St. Paul. They talked.", ["Mr. Smith met Dr. Jones at St. Paul.", "They talked."]),
        ("Some words, e.g. These, and i.e. Those. End.", ["Some words, e.g. These, and i.e. Those.", "End."]),
        ("V. I. Lenin wrote it. He was brief.", ["V. I. Lenin wrote it.", "He was brief."]),
        ("He lived in the U.S. Army barracks. Later not.", ["He lived in the U.S. Army barracks.", "Later not."]),
        ("I said no. Then I left.", ["I said no.", "Then I left."]),
        ("See No. 5 below. Fine.", ["See No. 5 below.", "Fine."]),
    ],
)
def test_abbreviations_and_initials_do_not_split(text, expected):
    assert sentences(text) == expected


def test_sentence_ends_inside_closing_quote():
    text = "He called for “world revolution.” The others agreed."
    assert sentences(text) == ["He called for “world revolution.”", "The others agreed."]


def test_parenthetical_citation_after_closing_quote_stays_with_sentence():
    text = "“Such is the basis of politics today” (Collected Works, vol. 31 [Moscow: Progress, 1966], pp. 365-66). Next sentence."
    assert sentences(text) == [
        "“Such is the basis of politics today” (Collected Works, vol. 31 [Moscow: Progress, 1966], pp. 365-66).",
        "Next sentence.",
    ]


def test_ibid_inside_parentheses_does_not_split():
    text = "“We knew it” (Ibid., p. 397). After that. (Ibid.) Done."
    assert sentences(text) == ["“We knew it” (Ibid., p. 397).", "After that.", "(Ibid.) Done."]


def test_a_parenthesis_of_several_sentences_stays_whole():
    text = "He wrote (as he said later. Nobody believed him. Not even Zinoviev.) and left. Next."
    assert sentences(text) == ["He wrote (as he said later. Nobody believed him. Not even Zinoviev.) and left.", "Next."]


def test_an_unclosed_bracket_holds_splits_back_for_bracket_cap_characters_at_most():
    sentence = "The committee met again. "
    n_in = segment.BRACKET_CAP // len(sentence)  # sentences within the cap of the "("
    text = "Stray (" + sentence * (n_in + 20) + "End."
    got = sentences(text)
    # the sentences whose full stop is within the cap stay with the bracket ...
    assert got[0] == text[: text.index(sentence) + len(sentence) * (n_in + 1) - 1]
    # ... and the rest split as they would without it
    assert got[1:] == [sentence.strip()] * (len(got) - 2) + ["End."]
    assert len(got) - 1 == (n_in + 20) - n_in
    assert sentence_spans(text, paragraph_spans(text)) == segment.sentence_spans_regex(text, paragraph_spans(text))


def test_the_cap_counts_from_the_innermost_open_bracket():
    # far inside an unclosed "(", a citation still keeps its full stops
    filler = "Words. " * (segment.BRACKET_CAP // 7 + 10)
    text = "Stray (" + filler + "So he said (Ibid. Vol. II, p. 3. See also XV). Then."
    got = sentences(text)
    assert got[-2:] == ["So he said (Ibid. Vol. II, p. 3. See also XV).", "Then."]
    assert sentence_spans(text, paragraph_spans(text)) == segment.sentence_spans_regex(text, paragraph_spans(text))


def test_a_bracket_never_reaches_past_its_paragraph():
    text = "An open (bracket. Still held.\n\nNew paragraph. Two."
    assert sentences(text) == ["An open (bracket. Still held.", "New paragraph.", "Two."]


def test_long_runs_of_closers_and_spaces_after_a_stop():
    for gap in (")" * 3, ")" * 40, "”" * 9, "’”)" * 20):
        text = f"It ended.{gap} Next one."
        assert sentences(text) == [f"It ended.{gap}", "Next one."]
    for spaces in (" ", " " * 8, " " * 9, " " * 500):
        text = f"It ended.{spaces}Next one."
        assert sentences(text) == ["It ended.", "Next one."]
    text = "It ended." + ")" * 30 + " " * 30 + "Next one."
    assert sentences(text) == ["It ended." + ")" * 30, "Next one."]


def test_ellipsis_then_capital_splits_but_not_before_lowercase():
    text = "The masses of the workers.... The toiling masses follow... and win. Yes."
    assert sentences(text) == ["The masses of the workers....", "The toiling masses follow... and win.", "Yes."]


def test_em_dashes_never_split():
    text = "If today the center lies in Moscow—and of this we are convinced—then it moves. End."
    assert sentences(text) == ["If today the center lies in Moscow—and of this we are convinced—then it moves.", "End."]


def test_quotation_with_several_sentences_and_speech_tag():
    text = "“We are living in a historic period,” Lenin explained. “We must teach. We must learn.” He stopped."
    assert sentences(text) == [
        "“We are living in a historic period,” Lenin explained.",
        "“We must teach.",
        "We must learn.”",
        "He stopped.",
    ]


def test_question_and_exclamation_marks():
    text = "What about us? Everything for us! fine."
    assert sentences(text) == ["What about us?", "Everything for us! fine."]


def test_sentences_never_cross_paragraphs():
    text = "A sentence without end\n\nand a new paragraph."
    out = sentence_spans(text, paragraph_spans(text))
    assert [(text[s:e], p) for s, e, p in out] == [("A sentence without end", 0), ("and a new paragraph.", 1)]


def test_custom_abbreviations_replace_the_list():
    text = "Ask Prof. Smith. Now."
    assert sentences(text) == ["Ask Prof. Smith.", "Now."]
    assert sentences(text, abbreviations=["dr"]) == ["Ask Prof.", "Smith.", "Now."]


# ----------------------------------------------------------------- tokens


def test_words_keep_internal_apostrophes_and_hyphens():
    assert tokens("Lenin’s right-wing Anglo-Russian counterrevolution don't") == [
        "Lenin’s", "right-wing", "Anglo-Russian", "counterrevolution", "don't",
    ]


def test_trailing_apostrophe_and_quotes_are_punctuation():
    assert tokens("the workers’ state ‘neutralized’") == ["the", "workers", "’", "state", "‘", "neutralized", "’"]


def test_one_letter_words_numbers_and_punct_runs():
    assert tokens("I saw a 1,000 men in 1925-26, the 1920s.... Go—now!") == [
        "I", "saw", "a", "1,000", "men", "in", "1925-26", ",", "the", "1920s", "....", "Go", "—", "now", "!",
    ]


def test_token_frame_columns_norm_kind_and_stop():
    doc = tm.parse("Lenin’s THE 1917 revolution!")
    t = doc.tokens
    assert t["token"].tolist() == ["Lenin’s", "THE", "1917", "revolution", "!"]
    assert t["norm"].tolist() == ["lenin's", "the", "1917", "revolution", "!"]
    assert t["kind"].astype(str).tolist() == ["word", "word", "number", "word", "punct"]
    assert t["is_stop"].tolist() == [False, True, False, False, False]


def test_stop_words_are_replaceable_with_any_iterable():
    doc = tm.parse("the revolution of words", stop_words=(w for w in ["revolution"]))
    assert doc.tokens["is_stop"].tolist() == [False, True, False, False]
    with pytest.raises(TypeError, match="single string"):
        tm.parse("text", stop_words="the")


# ------------------------------------- vectorised == reference expressions
# The segmenters are vectorised (NumPy over code points, Arrow strings); the
# regular expressions in textmine.segment stay the reference. These property
# tests compare the two, with tiny chunks so chunk edges are exercised.

import pandas as pd  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from textmine import _chars  # noqa: E402
from textmine import segment as seg  # noqa: E402

PIECES = st.sampled_from(
    list("abcXYZ É1290_  ..,;:!?'’‘“”\"()[]—-‐‑…\u00a0½²١")
    + ["\n", "\n\n", "\n \n", "Mr.", "p.", "No. 5", "Ibid.", "1917", "V. I.", "U.S.", "e.g.", "....", "\t", "𝐀", "ǅ", "İ", "ΣΑΣ", "x.y.z. A"]
    + [" " * 9, ")" * 9, "”’" * 5, "((", "[(", ". A"]
)
FAST = settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.fixture(params=[seg.BRACKET_CAP, 6], ids=["cap", "small-cap"])
def tiny_chunks(monkeypatch, request):
    monkeypatch.setattr(seg, "BRACKET_CAP", request.param)  # a small cap exercises the bracket rule
    monkeypatch.setattr(seg, "CHUNK_CHARS", 7)
    monkeypatch.setattr(_chars, "TAKE_MIN", 0)  # use the Arrow lookup path on short texts too


def _reference_tokens(text, start=0, end=None):
    s, e = seg.token_spans_regex(text, start, end)
    return list(zip(s.tolist(), e.tolist()))


@FAST
@given(st.lists(PIECES, min_size=1, max_size=60).map("".join))
def test_vectorised_tokens_and_sentences_match_the_regular_expressions(tiny_chunks, text):
    s, e = token_spans(text)
    assert list(zip(s.tolist(), e.tolist())) == _reference_tokens(text)
    s, e = token_spans(text, 1, len(text) - 1)
    assert list(zip(s.tolist(), e.tolist())) == _reference_tokens(text, 1, max(1, len(text) - 1))
    paras = paragraph_spans(text)
    assert sentence_spans(text, paras) == seg.sentence_spans_regex(text, paras)


@FAST
@given(st.lists(PIECES, min_size=1, max_size=40).map("".join), st.lists(st.integers(0, 60), max_size=8))
def test_arbitrary_spans_match_the_reference(tiny_chunks, text, cuts):
    # untrimmed, touching or empty paragraph/sentence spans (a user's own frames)
    pts = sorted(min(c, len(text)) for c in cuts)
    spans = [(pts[i], pts[i + 1]) for i in range(len(pts) - 1)]
    assert sentence_spans(text, spans) == seg.sentence_spans_regex(text, spans)
    ids = pd.Series(range(len(spans)), dtype="int64")
    sents = pd.DataFrame({
        "para_id": ids, "sent_id": ids,
        "start": pd.Series([a for a, _ in spans], dtype="int64"),
        "end": pd.Series([b for _, b in spans], dtype="int64"),
    })
    frame = seg.token_frame(text, sents, doc_id="d", stop_words=frozenset())
    expected = [t for a, b in spans for t in _reference_tokens(text, a, b)]
    assert list(zip(frame["start"].tolist(), frame["end"].tolist())) == expected
    assert frame["token"].tolist() == [text[a:b] for a, b in expected]
    # each token carries its own span's ids (spans may be empty or hold no token)
    owner = [i for i, (a, b) in enumerate(spans) for _ in _reference_tokens(text, a, b)]
    assert frame["sent_id"].tolist() == owner and frame["para_id"].tolist() == owner
    assert frame["sent_id"].dtype == seg.ID_DTYPE


def test_norm_matches_arrow_lower_and_kind_the_first_character():
    doc = tm.parse("İstanbul ÉLAN Ωmega ½x ١٢ don’t 𝐀B")
    t = doc.tokens
    assert t["norm"].tolist() == ["istanbul", "élan", "ωmega", "½x", "١٢", "don't", "𝐀b"]
    assert t["kind"].astype(str).tolist() == ["word", "word", "word", "number", "number", "word", "word"]


def test_chunked_document_equals_one_chunk(monkeypatch, chapter_path):
    names = ("paragraphs", "sentences", "tokens")
    whole = tm.load(chapter_path)
    expected = {name: getattr(whole, name) for name in names}
    monkeypatch.setattr(seg, "CHUNK_CHARS", 500)
    chunked = tm.load(chapter_path)
    for name in names:
        pd.testing.assert_frame_equal(expected[name], getattr(chunked, name))


@pytest.mark.parametrize(
    "text",
    [
        "Plain ASCII text. Another sentence (p. 3). And a third!\n\nA second paragraph.",
        "Title\n\n“Curly,” he said — naïve café. Next one.\n\nEmoji 😀 here: “a 𝔘 b.” Done.",
    ],
)
def test_an_encoded_text_gives_the_same_frames_as_the_str(text):
    def frames(t, as_arrays):
        ps = segment.paragraph_array(t) if as_arrays else segment.paragraph_spans(t)
        ss = segment.sentence_array(t, ps) if as_arrays else segment.sentence_spans(t, ps)
        sents = segment.sentence_frame(t, ss, doc_id="d")
        return (
            segment.paragraph_frame(t, ps, doc_id="d"),
            sents,
            segment.token_frame(t, sents, doc_id="d", stop_words=frozenset({"a", "the"})),
        )

    plain = frames(text, as_arrays=False)
    enc = segment.EncodedText(text)
    for got in (frames(enc, as_arrays=False), frames(enc, as_arrays=True), frames(text, as_arrays=True)):
        for a, b in zip(plain, got):
            pd.testing.assert_frame_equal(a, b)
    assert enc.text is text and len(enc) == len(text)


def test_span_arrays_equal_the_span_lists():
    text = "First one. Second one!\n\n  A new paragraph. Last.  "
    ps = segment.paragraph_spans(text)
    pa = segment.paragraph_array(text)
    assert pa.dtype == np.int64 and pa.shape == (len(ps), 2) and [tuple(r) for r in pa.tolist()] == ps
    ss = segment.sentence_spans(text, ps)
    sa = segment.sentence_array(text, pa)
    assert sa.dtype == np.int64 and sa.shape == (len(ss), 3) and [tuple(r) for r in sa.tolist()] == ss
    assert segment.sentence_array(text, []).shape == (0, 3) and segment.sentence_spans(text, np.zeros((0, 2))) == []
    with pytest.raises(ValueError, match="3 columns"):
        segment.sentence_frame(text, pa, doc_id="d")


def test_shared_encodings_is_deprecated_and_yields_an_encoded_text():
    with pytest.warns(DeprecationWarning, match="EncodedText"):
        with segment.shared_encodings("Some text. Two.") as enc:
            assert isinstance(enc, segment.EncodedText) and enc.text == "Some text. Two."


def test_an_encoded_text_needs_a_str():
    with pytest.raises(TypeError, match="EncodedText: text must be a str"):
        segment.EncodedText(b"bytes")
    with pytest.raises(TypeError, match="str or an EncodedText"):
        segment.sentence_array(3, [])


def test_a_full_stop_after_a_line_break_is_not_read_as_an_initial():
    # found by hypothesis: the reference regex's `$` matched before the line
    # break, so "X\n." looked like the initial "X." and did not split
    text = "X\n.\nX"
    expected = [(0, 3, 0), (4, 5, 0)]
    assert segment.sentence_spans(text, segment.paragraph_spans(text)) == expected
    assert segment.sentence_spans_regex(text, segment.paragraph_spans(text)) == expected


@pytest.mark.parametrize("text", ["plain ascii only", "naïve “café” — 😀 𝔘 x’s", "ÿ€\u0800\u07ff\uffff𐀀"])
def test_utf8_slices_of_an_encoded_text_equal_encoding_the_slice(text):
    enc = segment.EncodedText(text)
    assert enc.utf8().tobytes() == text.encode("utf-8")
    for a in range(len(text) + 1):
        for b in range(a, len(text) + 1):
            assert enc.utf8_slice(a, b) == text[a:b].encode("utf-8")
    offsets = np.arange(len(text) + 1)
    assert enc.byte_offsets(offsets).tolist() == [len(text[:i].encode("utf-8")) for i in offsets.tolist()]


def test_stop_words_given_as_a_set_or_frozenset_give_the_same_flags():
    text = "The cat and the hat. A dog!"
    sents = segment.sentence_frame(text, segment.sentence_spans(text, segment.paragraph_spans(text)), doc_id="d")
    a = segment.token_frame(text, sents, doc_id="d", stop_words=frozenset({"the", "a"}))
    b = segment.token_frame(text, sents, doc_id="d", stop_words={"the", "a"})
    pd.testing.assert_frame_equal(a, b)
    assert a["is_stop"].tolist() == [True, False, False, True, False, False, True, False, False]
    assert a["kind"].dtype == pd.CategoricalDtype(["word", "number", "punct"])


def test_token_frame_of_no_sentences_and_of_sentences_without_tokens():
    text = "A b.  ..  C"
    for spans in ([], [(0, 4), (4, 6), (6, 6), (9, 11)]):
        sents = pd.DataFrame({
            "para_id": pd.Series([7] * len(spans), dtype="int64"),
            "sent_id": pd.Series(range(10, 10 + len(spans)), dtype="int32"),
            "start": pd.Series([a for a, _ in spans], dtype="int32"),
            "end": pd.Series([b for _, b in spans], dtype="int64"),
        })
        frame = segment.token_frame(text, sents, doc_id="d", stop_words=frozenset({"a"}))
        expected = [(i, t) for i, (a, b) in enumerate(spans) for t in _reference_tokens(text, a, b)]
        assert frame["sent_id"].tolist() == [10 + i for i, _ in expected]
        assert frame["para_id"].tolist() == [7] * len(expected)
        assert frame["token"].tolist() == [text[a:b] for _, (a, b) in expected]
        assert frame["para_id"].dtype == frame["sent_id"].dtype == segment.ID_DTYPE


@pytest.mark.parametrize("text", ["Plain. Text here.", "“Curly,” naïve — café. Emoji 😀 x’s 𝔘.\n\nNext ½ para. Done İ."])
def test_multibyte_index_in_small_chunks_gives_the_same_frames(tiny_chunks, text):
    def frames(t):
        ps = segment.paragraph_spans(t)
        sents = segment.sentence_frame(t, segment.sentence_spans(t, ps), doc_id="d")
        return segment.paragraph_frame(t, ps, doc_id="d"), sents, segment.token_frame(t, sents, doc_id="d", stop_words=frozenset({"a"}))

    plain = frames(text)
    enc = segment.EncodedText(text)
    shared = frames(enc)
    na, cum = enc.multibyte()
    assert na.tolist() == [i for i, c in enumerate(text) if ord(c) >= 0x80]
    assert cum[-1] == len(text.encode("utf-8")) - len(text)
    for a, b in zip(plain, shared):
        pd.testing.assert_frame_equal(a, b)
