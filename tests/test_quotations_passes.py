"""The passes of the quotation pipeline: each linear-time shortcut equals the plain reading it replaces,
the rule tables read their examples, and pathological input gives the documented result."""

from __future__ import annotations

import bisect
import random
import re
import warnings

import pytest

import textmine as tm
from textmine.quotations.pipeline import quotation_records


def records(text: str, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = tm.parse(text, header=False)
        base = doc.tokens.drop(columns=["in_quote", "quote_id", "in_citation"])
        return doc, quotation_records(doc.text, doc.paragraphs, base, doc.citations, **kw)


# ------------------------------------------------------------------ marks
def _pick_closer_plain(marks, k):
    """The closing mark as first written: read every candidate up to the next open-only mark."""
    j, cands = k, []
    while j < len(marks) and not (marks[j].can_open and not marks[j].can_close):
        if marks[j].can_close:
            cands.append(j)
        j += 1
    if not cands:
        return None, j
    return min(cands, key=lambda c: (marks[c].weak, c)), j


def test_closers_pick_what_reading_every_candidate_picks():
    from textmine.quotations.marks import Closers, Mark

    rnd = random.Random(1)
    for _ in range(2000):
        marks = [Mark(i, *rnd.choice([(True, False), (False, True), (True, True)]), rnd.randrange(3)) for i in range(rnd.randrange(0, 25))]
        closers = Closers(marks)
        k = 0
        while k <= len(marks):  # in increasing order, as the pairing asks
            assert closers.pick(k) == _pick_closer_plain(marks, k), (marks, k)
            k += rnd.randrange(1, 4)
        for k in rnd.sample(range(len(marks) + 1), min(5, len(marks) + 1)):  # and in any order
            assert closers.pick(k) == _pick_closer_plain(marks, k)


# ------------------------------------------------------------------ lower-case words
def test_lower_words_equal_the_word_set_after_the_budget_runs_out():
    from textmine.quotations.cues import LOWER_WORD, LowerWords

    rnd = random.Random(2)
    alpha = "ab-'\u2019 A_1\n"
    for _ in range(300):
        s = "".join(rnd.choice(alpha) for _ in range(rnd.randint(0, 40)))
        truth = set(LOWER_WORD.findall(s))
        words = LowerWords(s)
        words.budget = rnd.randrange(0, 30)  # runs out after a few look-ups: the set is built then
        asked = sorted(truth | {s[i:j] for i in range(len(s)) for j in range(i + 2, min(len(s), i + 5) + 1)})
        rnd.shuffle(asked)
        for w in asked:
            assert (w in words) == (w in truth), (s, w)
    long_run = "-".join(["concessions"] * 2000)
    words = LowerWords("Concessions. " + long_run + " concessions-x")
    words.budget = 1000  # the walk back over the long run would exceed it: the set answers
    assert "concessions" not in words and words.words is not None  # (the run is one word)
    assert "concessions-x" in words


# ------------------------------------------------------------------ prefixes
def _prefix_plain(text, q, paras, sent_s):
    """The prefix of a quotation as first written: slices and a windowed search."""
    from textmine.quotations.context import NOTE_BOUNDARY, MAX_PREV_WORD

    ps = paras[q.para_start][0]
    i = bisect.bisect_right(sent_s, q.start) - 1
    s0 = sent_s[i] if i >= 0 else q.start
    s0 = max(s0, ps) if s0 <= q.start else ps
    for nm in NOTE_BOUNDARY.finditer(text, s0, q.start):
        s0 = nm.end()
    before = text[s0 : q.start].rstrip()
    m = re.search(r"([A-Za-z]+)\W*$", before)
    word = m.group(1).lower() if m else ""
    return s0, before.endswith(":"), before.endswith(","), word if len(word) <= MAX_PREV_WORD else ""


def test_prefixes_equal_slicing_each_sentence():
    from textmine.quotations.context import sentence_bounds

    rnd = random.Random(3)
    pieces = ["He wrote", "entitled", ":", ",", ".", ". ", "[3] ", "\u00b9 ", "Trotsky", "\u201c", "\u201d", "\u201cWe go\u201d",
              " ", "  ", "\n\n", "x" * 45, "_", "1", "\u00e9", "said", "(p. 4)", "!", "?"]
    n = 0
    for _ in range(300):
        text = "A " + "".join(rnd.choice(pieces) + rnd.choice([" ", ""]) for _ in range(rnd.randrange(1, 60)))
        doc, (st, quotes, _) = records(text)
        paras = list(zip(doc.paragraphs["start"].tolist(), doc.paragraphs["end"].tolist()))
        sent_s, _ = sentence_bounds(doc.tokens)
        for q in quotes:
            assert (q.prefix_start, q.after_colon, q.after_comma, q.prev_word) == _prefix_plain(doc.text, q, paras, sent_s), (text, q)
            n += 1
    assert n > 300


def test_note_boundaries_equal_scanning_the_whole_text():
    from textmine.quotations.context import NOTE_BOUNDARY, note_boundaries

    rnd = random.Random(5)
    pieces = [".", "!", "?", "\u201d", "\u2019", '"', "'", "[3]", "[12]", "[1234]", "[", "]", "\u00b9", "\u00b2\u00b3", "\u2074", " ", "\n",
              "Trotsky", "\u201c", "x", "a.", "\u00b9\u2070", "\u2070", "11", "3", "1234", "3.5"]
    for _ in range(3000):
        t = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(0, 20)))
        assert note_boundaries(t) == [(m.start(), m.end()) for m in NOTE_BOUNDARY.finditer(t)], t


def test_last_words_equal_findall_of_each_window():
    from textmine.quotations.cues import ASCII_WORD, MASK
    from textmine.quotations.kinds import COMMA_VERB_WORDS, LastWords

    rnd = random.Random(4)
    pieces = ["said", "he", ",", " ", MASK * 3, "x", "ab", ".", "1"]
    for _ in range(300):
        masked = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(1, 80)))
        last = LastWords(masked)
        lo = e = 0
        for _ in range(20):
            e = rnd.randrange(e, len(masked) + 1)
            lo = rnd.randrange(lo, e + 1) if rnd.random() < 0.8 else rnd.randrange(0, e + 1)
            assert last.get(lo, e) == ASCII_WORD.findall(masked, lo, e)[-COMMA_VERB_WORDS:], (masked, lo, e)


# ------------------------------------------------------------------ kinds
def _quoted(doc, quotes):
    """The record of the (first) quotation in ``“...”`` of an example."""
    return next(q for q in quotes if doc.text[q.start] in "\u201c\"")


def test_every_kind_rule_reads_its_examples():
    from textmine.quotations.kinds import KIND_RULES

    for rule in KIND_RULES:
        assert rule.examples, rule.name
        for text in rule.examples:
            doc, (_, quotes, _) = records(text)
            q = _quoted(doc, quotes)
            assert (q.kind, q.kind_rule) == (rule.kind, rule.name), (rule.name, text, q.kind_rule)
            assert tm.parse(text, header=False).quotations["kind"].iloc[quotes.index(q)] == rule.kind
        for text in rule.counter_examples:
            doc, (_, quotes, _) = records(text)
            assert _quoted(doc, quotes).kind_rule != rule.name, (rule.name, text)


def test_a_kind_rule_added_to_the_table_is_read_in_its_place():
    # rules are data: a new first row decides where it applies, the others are read as before
    from textmine.quotations.kinds import KIND_RULES, KindRule, classify_kinds

    text = "The editorial \u201cOur Tasks\u201d appeared. \u201cPeace,\u201d Lenin said."
    doc, (_, quotes, _) = records(text)
    before = [(q.kind, q.kind_rule) for q in quotes]
    assert before == [("title", "title_cue"), ("quotation", "sourced")]
    slogan = KindRule("slogan", "slogan", lambda f: f.read(2) == ["Peace"], "a one-word slogan")
    doc2, (_, quotes2, _) = records(text)
    classify_kinds(quotes2, "\u2592" * len(doc2.text), 6, rules=(slogan,) + KIND_RULES)
    assert [(q.kind, q.kind_rule) for q in quotes2] == [("title", "title_cue"), ("slogan", "slogan")]


def test_speaker_windows_are_read_in_the_documented_order():
    from textmine.quotations.speakers import SPEAKER_WINDOWS

    assert [rule for rule, _ in SPEAKER_WINDOWS] == ["same_sentence", "previous_sentence", "previous_paragraph"]
    q = tm.parse("Lenin arrived. Trotsky wrote: \u201cWe must go on with the work.\u201d", header=False).quotations
    assert (q.loc[0, "speaker"], q.loc[0, "speaker_rule"]) == ("Trotsky", "same_sentence")


# ------------------------------------------------------------------ warnings
def test_pairing_warnings_point_at_the_caller_and_stop_after_a_hundred():
    from textmine.quotations import quotation_spans
    from textmine.quotations.pairing import MAX_WARNINGS

    doc = tm.parse("A \u201cfirst one.\n\nAnd a stray\u201d mark.", header=False)
    with warnings.catch_warnings(record=True) as got:
        warnings.simplefilter("always")
        quotation_spans(doc.text, doc.paragraphs, doc_id="x")
    assert [str(w.message).split(": ", 1)[1][:12] for w in got] == ["the quotatio", "a closing ma"]
    assert {w.filename for w in got} == {__file__}
    many = tm.parse("A \u201cword\n\n" * (MAX_WARNINGS + 50), header=False)  # one unclosed per paragraph
    with warnings.catch_warnings(record=True) as got:
        warnings.simplefilter("always")
        spans = quotation_spans(many.text, many.paragraphs, doc_id="x")
    assert len(spans) == MAX_WARNINGS + 50 and len(got) == MAX_WARNINGS + 1
    assert "50 more quotations are never closed (warnings stop" in str(got[-1].message)


# ------------------------------------------------------------------ pathological input
@pytest.mark.parametrize(
    "text, n, closed",
    [
        ('" ' * 300, 0, False),  # every mark opens, none closes, none encloses a letter: no quotation
        ('"' * 600, 0, True),  # marks in pairs, each enclosing nothing
        ("\u201cword " * 400, 0, False),  # 400 unclosed in one paragraph: over MAX_UNCLOSED, not read
        ("\u201cword " * 100, 100, False),  # at the cap: each is an unclosed quotation
        ("\u201c" + "a\u201d " * 500, 1, True),  # one pair, the rest stray
        ('"a" ' * 300, 300, True),  # closed pairs around a letter, however many
    ],
)
def test_mark_storms_give_the_documented_spans(text, n, closed):
    doc, (_, quotes, _) = records(text)
    assert len(quotes) == n and all(q.closed == closed for q in quotes)
    frame = tm.parse(text, header=False).quotations
    assert len(frame) == n and (frame["end"] > frame["start"]).all()


def _spans_and_warnings(text: str):
    from textmine.quotations import quotation_spans

    doc = tm.parse(text, header=False)
    with warnings.catch_warnings(record=True) as got:
        warnings.simplefilter("always")
        spans = quotation_spans(doc.text, doc.paragraphs, doc_id="x")
    return doc, spans, [str(w.message).split(": ", 1)[1] for w in got]


def test_marks_that_enclose_no_letter_or_digit_are_not_quotations():
    doc, spans, said = _spans_and_warnings('He typed "" and \u201c \u201d, then \u201cyes\u201d and \u201c1917\u201d.')
    assert [doc.text[a:b] for a, b in zip(spans["start"], spans["end"])] == ["\u201cyes\u201d", "\u201c1917\u201d"]
    assert sum("enclose no letter or digit" in m for m in said) == 1  # the “ ” pair; "" is not a mark of this style
    marks = tm.quotations.quote_marks(doc.text, doc.paragraphs)
    assert marks.loc[marks["mark"].isin(["\u201c", "\u201d"]), "role"].tolist() == ["stray", "stray", "open", "close", "open", "close"]


def test_a_run_of_marks_without_words_is_set_aside_but_its_ends_still_pair():
    # the run is the seven marks and the one before "and" (a space between): the six inside are set aside;
    # the first of the run pairs with nothing (what it would open encloses no word), the last opens "and now."
    text = '"We go," he said """"""" "and now."'
    doc, spans, said = _spans_and_warnings(text)
    got = [doc.text[a:b] for a, b in zip(spans["start"], spans["end"])]
    assert got == ['"We go,"', '"and now."']
    assert [m for m in said if "have no letter or digit between them" in m] == [
        f"6 quote marks from offset {text.index(chr(34) * 7) + 1} ('\"\"\"\"\"\" \"and now.\"'...) have no letter or digit "
        "between them; they are not read as quotations."]
    roles = tm.quotations.quote_marks(doc.text, doc.paragraphs)["role"].tolist()
    assert roles.count("stray") == 7 and roles.count("open") == 2 and roles.count("close") == 2


def test_an_unbalanced_paragraph_is_refused_with_one_warning_and_the_others_are_read():
    from textmine.quotations.pairing import MAX_UNCLOSED

    storm = "\u201cword " * (MAX_UNCLOSED + 50)
    doc, spans, said = _spans_and_warnings(f"\u201cFine,\u201d he said.\n\n{storm}\n\n\u201cAnd you?\u201d she asked.")
    assert [doc.text[a:b] for a, b in zip(spans["start"], spans["end"])] == ["\u201cFine,\u201d", "\u201cAnd you?\u201d"]
    assert len(said) == 1 and "quotations never closed come to outnumber those closed" in said[0]
    assert f"its {MAX_UNCLOSED + 50} quote marks are not read" in said[0]
    # closed quotations keep the balance: a paragraph of many unclosed among more closed ones is read
    mixed = ("\u201ca\u201d \u201cb\u201d \u201cc " * (MAX_UNCLOSED + 50))
    _, spans, _ = _spans_and_warnings(mixed)
    assert len(spans) == 3 * (MAX_UNCLOSED + 50) and (~spans["closed"]).sum() == MAX_UNCLOSED + 50


def test_run_on_text_finds_speakers_far_into_one_sentence():
    # thousands of quotations in one sentence: the cue windows are folded, same answers
    unit = "and Smith wrote \u201cwe must go on with the work\u2026\u201d and the party "
    q = tm.parse("Then " + unit * 300, header=False).quotations
    assert len(q) == 300 and set(q["speaker"]) == {"Smith"} and set(q["speaker_rule"]) == {"same_sentence"}
    she = "Mr. Smith arrived and " + "she said \u201cwe go,\u201d and " * 300
    q = tm.parse(she, header=False).quotations
    assert len(q) == 300 and q["speaker"].isna().all()  # "Mr." is never "she": no antecedent, however far back
