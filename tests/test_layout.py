"""Paragraph layouts: detection from line statistics, and the paragraphs of each layout."""

from __future__ import annotations

import textwrap

import pytest

import textmine as tm
from textmine import layout as lay
from textmine import segment
from textmine.errors import InputError

# Paragraphs written for these tests (each several sentences, so that wrapping gives several lines).
PARAS = [
    "The ferry across the estuary ran twice a day in the summer of 1902, and once a day in winter. "
    "Farmers on the southern shore sent their milk across in churns, and the ferryman kept a ledger "
    "of every churn he carried. The ledger survives in the county archive.",
    "In 1907 a second boat was bought from a yard on the northern coast. It was larger and slower, "
    "and the farmers complained that their milk arrived warm. The ferry company answered that a "
    "faster boat would cost more than the fares could pay for.",
    "The bridge that replaced both boats opened in 1931. Nobody kept a ledger of what crossed it, "
    "and the ferryman became a toll collector until the tolls were abolished after the war.",
]


def spans_text(text, spans):
    return [text[s:e] for s, e in spans]


def joined(paragraph_text):
    return " ".join(paragraph_text.split())


def wrapped(paras, width=60, indent="", blank=True):
    blocks = [textwrap.fill(p, width=width, initial_indent=indent) for p in paras]
    return ("\n\n" if blank else "\n").join(blocks)


# ------------------------------------------------------------- the rule table


@pytest.mark.parametrize("rule", lay.LINE_RULES, ids=lambda r: r.name)
def test_every_line_rule_matches_its_examples_and_not_its_counter_examples(rule):
    assert rule.examples and rule.counter_examples
    for line in rule.examples:
        assert rule.pattern.match(line), line
    for line in rule.counter_examples:
        assert not rule.pattern.match(line), line


def test_as_layout_refuses_an_unknown_name():
    assert lay.as_layout("auto") == "auto" and lay.as_layout("line") == "line"
    with pytest.raises(InputError, match=r"layout must be 'auto' or one of .*'wrapped'.*got 'lines'"):
        lay.as_layout("lines")
    with pytest.raises(InputError, match="textmine.parse"):
        tm.parse("One.\n\nTwo.", layout="paragraphs")


# ------------------------------------------------------------------ the lines


def test_line_table_offsets_indent_gaps_and_sentence_ends():
    text = "  First line.\n\tSecond line\n\n\n  Third “quoted.”\n"
    t = lay.line_table(text)
    assert spans_text(text, zip(t["start"], t["end"])) == ["First line.", "Second line", "Third “quoted.”"]
    assert t["indent"].tolist() == [2, lay.TAB_WIDTH, 2]
    assert t["gap"].tolist() == [True, False, True]
    assert t["ends"].tolist() == [True, False, True]
    assert t["width"].tolist() == [13, lay.TAB_WIDTH + 11, 17]


def test_line_table_from_an_offset_and_on_empty_input():
    text = "Header\n\nBody one.\nBody two."
    t = lay.line_table(text, 8)
    assert spans_text(text, zip(t["start"], t["end"])) == ["Body one.", "Body two."]
    assert len(lay.line_table("   \n\n ")["start"]) == 0
    text = "Title\n\n    Indented first line\nand the next."
    assert lay.line_table(text, text.index("Indented"))["indent"].tolist() == [4, 0]
    assert lay.line_table(text, text.index("first"))["indent"].tolist() == [0, 0]  # not only spaces before it
    assert lay.layout_stats("  \n")["n_lines"] == 0


# -------------------------------------------------------------- detection


def test_detects_blank_lines():
    text = "\n\n".join(PARAS)
    assert lay.detect_layout(text) == "blank"


def test_detects_one_line_per_paragraph():
    text = "\n".join(PARAS + PARAS)
    stats = lay.layout_stats(text)
    assert stats["n_breaks"] == 0 and stats["end_share"] == 1.0
    assert lay.detect_layout(text) == "line"


def test_detects_hard_wrapped_lines_with_blank_lines():
    text = wrapped(PARAS)
    stats = lay.layout_stats(text)
    assert stats["width"] <= 60 and stats["full_share"] >= 0.5 and stats["end_share"] < 0.5
    assert lay.detect_layout(text) == "wrapped"


def test_detects_indented_first_lines():
    text = wrapped(PARAS, indent="    ", blank=False)
    assert lay.layout_stats(text)["indent_share"] >= lay.INDENT_SHARE
    assert lay.detect_layout(text) == "indented"


def test_a_list_inside_a_blank_line_text_stays_blank():
    # three lines of notes in one block among blank-separated paragraphs: blank lines are the separator
    text = "\n\n".join(PARAS) + "\n\nNotes\n\n1. A note.\n2. Another note.\n3. A third."
    assert lay.detect_layout(text) == "blank"


def test_one_line_is_blank():
    assert lay.detect_layout("Just one line of text.") == "blank"


# ------------------------------------------------------------ the paragraphs


def test_blank_layout_is_the_segmenter_rule():
    text = "A one.\nstill one.\n\n  B two.  \n \nC three."
    spans, name = lay.layout_spans(text, 0, "blank")
    assert name == "blank"
    assert [tuple(x) for x in spans.tolist()] == segment.paragraph_spans(text)


def test_line_layout_makes_every_line_a_paragraph():
    text = "\n".join(PARAS) + "\n\n  Indented last line.  "
    spans, name = lay.layout_spans(text, 0, "line")
    assert spans_text(text, spans.tolist()) == PARAS + ["Indented last line."]


@pytest.mark.parametrize("blank", [True, False])
def test_wrapped_lines_are_joined_into_paragraphs(blank):
    text = wrapped(PARAS, blank=blank)
    spans, name = lay.layout_spans(text, 0, "auto")
    assert name == "wrapped"
    out = spans_text(text, spans.tolist())
    assert [joined(p) for p in out] == PARAS
    assert all("\n" in p for p in out)  # the spans hold their line breaks: offsets stay exact


def test_indented_first_lines_start_paragraphs():
    text = wrapped(PARAS, indent="   ", blank=False)
    spans, name = lay.layout_spans(text, 0, "auto")
    assert name == "indented"
    assert [joined(p) for p in spans_text(text, spans.tolist())] == PARAS


def test_indented_one_line_paragraphs_and_an_indented_block():
    text = ("    A short paragraph of one line.\n"
            "    Another short paragraph.\n"
            "    A longer paragraph that runs on\n"
            "over two lines of text.\n")
    spans, _ = lay.layout_spans(text, 0, "indented")
    assert [joined(p) for p in spans_text(text, spans.tolist())] == [
        "A short paragraph of one line.", "Another short paragraph.",
        "A longer paragraph that runs on over two lines of text."]


def test_headings_and_speaker_labels_stay_their_own_paragraphs_in_wrapped_text():
    body = textwrap.fill(PARAS[0], 60)
    speech = textwrap.fill("Mr. HALE. " + PARAS[1], 60)
    reply = textwrap.fill("The CHAIRMAN. " + PARAS[2], 60)
    text = "THE FERRY YEARS\n" + body + "\n" + speech + "\n" + reply + "\nNotes\n1. A ledger in the archive.\n2. Ibid."
    spans, _ = lay.layout_spans(text, 0, "wrapped")
    out = [joined(p) for p in spans_text(text, spans.tolist())]
    assert out == ["THE FERRY YEARS", PARAS[0], "Mr. HALE. " + PARAS[1], "The CHAIRMAN. " + PARAS[2],
                   "Notes", "1. A ledger in the archive.", "2. Ibid."]


def test_wrapped_text_without_blank_lines_ends_a_paragraph_at_a_short_sentence_end():
    # at 56 columns every paragraph's last line is short (under 3/4 of the width)
    text = wrapped(PARAS, width=56, blank=False)
    spans, name = lay.layout_spans(text, 0, "wrapped")
    assert [joined(p) for p in spans_text(text, spans.tolist())] == PARAS
    # at 64 the second paragraph ends in a full line: with no other cue, the third runs on (the rule's limit)
    text = wrapped(PARAS, width=64, blank=False)
    spans, name = lay.layout_spans(text, 0, "wrapped")
    assert [joined(p) for p in spans_text(text, spans.tolist())] == [PARAS[0], PARAS[1] + " " + PARAS[2]]


def test_paragraphs_start_at_the_offset_given():
    text = "Title Line\n\n" + "\n".join(PARAS)
    spans, name = lay.layout_spans(text, 12, "auto")
    assert name == "line" and spans_text(text, spans.tolist()) == PARAS


def test_segment_functions_take_a_layout():
    text = "\n".join(PARAS)
    assert segment.paragraph_spans(text, layout="line") == [tuple(x) for x in lay.layout_spans(text, 0, "line")[0].tolist()]
    assert segment.paragraph_array(text, layout="auto").shape == (3, 2)
    assert segment.paragraph_array(text).shape == (1, 2)  # the default stays "blank"


@pytest.mark.parametrize("text", ["a\n" * 5000, "x" * 20000, "\n" * 5000 + "y", " \t\n" * 3000])
def test_degenerate_shapes(text):
    spans, name = lay.layout_spans(text, 0, "auto")
    assert name in lay.LAYOUTS
    for s, e in spans.tolist():
        assert text[s:e] == text[s:e].strip() and e > s


# -------------------------------------------------------------- the Document


@pytest.mark.parametrize("layout", ["blank", "line", "wrapped", "indented"])
def test_sentences_never_cross_paragraphs(layout):
    text = wrapped(PARAS, indent="  ", blank=False)
    doc = tm.parse(text, layout=layout)
    assert doc.layout == layout == doc.meta["layout"]
    paras = doc.paragraphs.set_index("para_id")
    for row in doc.sentences.itertuples():
        assert paras.at[row.para_id, "start"] <= row.start < row.end <= paras.at[row.para_id, "end"]
        assert doc.text[row.start:row.end] == row.text
    for row in doc.paragraphs.itertuples():
        assert doc.text[row.start:row.end] == row.text


def test_document_records_the_detected_layout_and_takes_an_override(tmp_path):
    text = "The Ferry\n\nBy Ann Lee\n\n" + "\n".join(PARAS)
    doc = tm.parse(text)
    assert doc.meta["layout"] == "line" and doc.meta["author"] == "Ann Lee"
    assert doc.paragraphs["text"].tolist() == PARAS
    assert tm.parse(text, layout="blank").paragraphs["text"].tolist() == ["\n".join(PARAS)]
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text("\n\n".join(PARAS), encoding="utf-8")
    assert tm.load(tmp_path / "a.txt", layout="blank").layout == "blank"
    docs = tm.load_corpus(tmp_path).documents
    assert docs["layout"].tolist() == ["line", "blank"]
    assert tm.load_corpus(tmp_path, layout="line").documents["layout"].tolist() == ["line", "line"]


def test_chapter_is_blank(chapter):
    assert chapter.layout == "blank"


def test_line_rules_never_match_across_a_line_break():
    for rule in lay.LINE_RULES:
        for line in rule.examples:
            head, _, rest = line.partition(" ")
            assert not rule.pattern.match(head + "\n" + rest), (rule.name, line)


def test_rule_lines_found_by_the_one_pass_scan_are_the_lines_each_row_matches():
    # wrapped lines, some starting with what a row matches, some with near misses
    starts = [r.examples for r in lay.LINE_RULES] + [r.counter_examples for r in lay.LINE_RULES]
    lines = [x for group in starts for x in group]
    filler = "and the ferry ran on through the winter months without stop"
    text = "\n".join(f"{filler}\n{line}" for line in lines)
    spans, _ = lay.layout_spans(text, 0, "wrapped")
    got = {text[s:e].split("\n")[0] for s, e in spans.tolist()}
    expected = {line for line in lines if any(r.pattern.match(line) for r in lay.LINE_RULES)}
    assert expected <= got
    assert not ({line for line in lines} - expected) & got


def test_wrapped_text_with_blank_lines_keeps_a_letters_heading_and_signature_in_their_blocks():
    letter = ("To Mrs. Ellen Crane\nHarbour Street, 4 March 1880.\n\n" + textwrap.fill(PARAS[0], 60) + "\n\n"
              + textwrap.fill(PARAS[1], 60) + "\n\n" + " " * 30 + "Your affectionate brother,\n" + " " * 40 + "THOMAS.")
    spans, name = lay.layout_spans(letter, 0, "auto")
    assert name == "wrapped"
    assert [tuple(x) for x in spans.tolist()] == segment.paragraph_spans(letter)
    indented = (textwrap.fill(PARAS[0], 60) + "\n" + textwrap.fill(PARAS[1], 60, initial_indent="    ")
                + "\n\n" + textwrap.fill(PARAS[2], 60))
    spans, _ = lay.layout_spans(indented, 0, "wrapped")
    # an indented first line inside a block starts a paragraph
    assert [joined(p) for p in spans_text(indented, spans.tolist())] == PARAS


def test_an_opinion_in_indented_hard_wrapped_lines_with_no_blank_line():
    paras = [
        "HALE, J. The plaintiff brought this action against the town to recover the value of a horse "
        "that drowned at the ford below the mill, which the town had left without a rail for two winters.",
        "The town answers that the ford was never a highway, and that no statute bound it to fence the "
        "bank. The record shows that carts had crossed there for forty years without objection.",
        "We think the verdict was right, and the judgment is affirmed.",
    ]
    head = "SUPREME COURT OF NORTHLAND.\nABBOT v. THE TOWN OF MILLBROOK.\nDecided March 3, 1852.\n"
    body = "\n".join(textwrap.fill(p, 72, initial_indent="    ") for p in paras)
    doc = tm.parse(head + body)
    assert doc.header["field"].tolist() == ["court", "title", "date"]
    assert doc.layout == "indented"
    assert [joined(p) for p in doc.paragraphs["text"]] == paras


# ---------------------------------------------------------- property tests

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_LINE = st.tuples(
    st.sampled_from(["", "", "  ", "\t", "      "]),
    st.sampled_from(["The mill", "it ran on", "Mr. HALE. Yes.", "12. A note.", "NOTES", "and so “on.”", "x", "A"]),
    st.sampled_from(["", ".", " ", "  "]),
).map("".join)
_TEXT = st.lists(st.one_of(_LINE, st.just(""), st.just(" \t")), min_size=1, max_size=40).map("\n".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT, st.sampled_from(["auto", *lay.LAYOUTS]))
def test_paragraphs_are_ordered_trimmed_and_lose_no_character(text, layout):
    spans, name = lay.layout_spans(text, 0, layout)
    assert name in lay.LAYOUTS and (layout == "auto" or name == layout)
    covered = [False] * len(text)
    last = 0
    for s, e in spans.tolist():
        assert last <= s < e and not text[s].isspace() and not text[e - 1].isspace()
        covered[s:e] = [True] * (e - s)
        last = e
    assert all(c.isspace() for c, cov in zip(text, covered) if not cov)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_every_line_layout_splits_at_least_where_blank_lines_do(text):
    blank = {s for s, _ in segment.paragraph_spans(text)}
    for layout in ("line", "wrapped", "indented"):
        starts = {s for s, _ in lay.layout_spans(text, 0, layout)[0].tolist()}
        assert blank <= starts, layout
