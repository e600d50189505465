"""Paragraphs, sentences and tokens on hand-written texts, one rule each."""

from __future__ import annotations

import pytest

import textmine as tm
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
