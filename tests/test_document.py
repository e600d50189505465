"""The Document's invariants, on the chapter and on generated texts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import textmine as tm

TEXT_FRAMES = {"header": "text", "paragraphs": "text", "sentences": "text", "tokens": "token"}


def check_invariants(doc: tm.Document) -> None:
    text = doc.text
    for name, col in TEXT_FRAMES.items():
        f = getattr(doc, name)
        assert isinstance(f.index, pd.RangeIndex) and f.index.start == 0 and f.index.step == 1, name
        for s, e, t in zip(f["start"].tolist(), f["end"].tolist(), f[col].tolist()):
            assert text[s:e] == t, (name, s, e)
    paras, sents, toks = doc.paragraphs, doc.sentences, doc.tokens
    # dense ids in reading order
    assert paras["para_id"].tolist() == list(range(len(paras)))
    assert sents["sent_id"].tolist() == list(range(len(sents)))
    assert toks["token_id"].tolist() == list(range(len(toks)))
    # paragraphs: ordered, disjoint, cover every non-whitespace character of the body once
    covered = np.zeros(len(text), dtype=np.int64)
    for s, e in zip(paras["start"], paras["end"]):
        covered[s:e] += 1
    assert covered.max(initial=0) <= 1
    for i in range(doc.body_start, len(text)):
        if not text[i].isspace():
            assert covered[i] == 1, (i, text[i])
    # nothing dropped: characters outside the header and paragraphs are whitespace
    head = np.zeros(len(text), dtype=bool)
    for s, e in zip(doc.header["line_start"], doc.header["line_end"]):
        head[s:e] = True
    outside = [text[i] for i in range(len(text)) if covered[i] == 0 and not head[i]]
    assert all(c.isspace() for c in outside)
    # sentences inside their paragraph, ordered, non-overlapping; cover paragraph non-space chars
    pstart = paras.set_index("para_id")["start"]
    pend = paras.set_index("para_id")["end"]
    assert (sents["start"].to_numpy() >= pstart.loc[sents["para_id"]].to_numpy()).all()
    assert (sents["end"].to_numpy() <= pend.loc[sents["para_id"]].to_numpy()).all()
    assert (sents["start"].to_numpy()[1:] >= sents["end"].to_numpy()[:-1]).all()
    sent_cov = np.zeros(len(text), dtype=bool)
    for s, e in zip(sents["start"], sents["end"]):
        sent_cov[s:e] = True
    assert all(sent_cov[i] or text[i].isspace() for i in range(len(text)) if covered[i])
    # tokens ordered, non-overlapping, inside their sentence, cover every non-space char of the body
    ts, te = toks["start"].to_numpy(), toks["end"].to_numpy()
    assert (te > ts).all() and (ts[1:] >= te[:-1]).all()
    ss = sents.set_index("sent_id")
    assert (ts >= ss.loc[toks["sent_id"], "start"].to_numpy()).all()
    assert (te <= ss.loc[toks["sent_id"], "end"].to_numpy()).all()
    assert (toks["para_id"].to_numpy() == ss.loc[toks["sent_id"], "para_id"].to_numpy()).all()
    tok_cov = np.zeros(len(text), dtype=bool)
    for s, e in zip(ts, te):
        tok_cov[s:e] = True
    assert all(tok_cov[i] for i in range(len(text)) if covered[i] and not text[i].isspace())


def test_chapter_invariants(chapter):
    check_invariants(chapter)


def test_chapter_row_counts(chapter):
    # 51 body paragraphs, hand-counted (data/annotations/north-1989-paragraph-periods.csv)
    assert len(chapter.paragraphs) == 51
    gold = pd.read_csv(tm_root() / "data" / "annotations" / "north-1989-paragraph-periods.csv")
    assert chapter.paragraphs["text"].str.slice(0, 40).tolist() == gold["head"].tolist()


def tm_root():
    from pathlib import Path

    return Path(__file__).resolve().parents[1]


def test_documented_dtypes(chapter):
    t = chapter.tokens
    for col in ("token_id", "para_id", "sent_id", "start", "end"):
        assert t[col].dtype == np.int32, col
    assert str(t["quote_id"].dtype) == "Int32"
    assert str(t["token"].dtype) == "str" and str(t["norm"].dtype) == "str"
    assert isinstance(t["kind"].dtype, pd.CategoricalDtype)
    assert list(t["kind"].cat.categories) == ["word", "number", "punct"]
    assert t["is_stop"].dtype == bool
    p = chapter.paragraphs
    assert list(p.columns[:5]) == ["doc_id", "para_id", "start", "end", "text"]
    assert (p["n_tokens"] == t.groupby("para_id").size().reindex(p["para_id"], fill_value=0).to_numpy()).all()
    assert p["n_tokens"].dtype == np.int64


ID_OR_OFFSET = {"start", "end", "para_start", "para_end", "marker_start", "marker_end", "refers_to"}


def _check_column_types(frame, name, doc_ids):
    """The rule of textmine.spans: int32 ids and offsets, categorical doc_id."""
    assert isinstance(frame["doc_id"].dtype, pd.CategoricalDtype), name
    assert list(frame["doc_id"].cat.categories) == doc_ids, name
    for col in frame.columns:
        if col != "doc_id" and (col.endswith("_id") or col in ID_OR_OFFSET):
            assert str(frame[col].dtype) in ("int32", "Int32"), f"{name}.{col}: {frame[col].dtype}"
        if col.startswith("n_"):
            assert frame[col].dtype == np.int64, f"{name}.{col}"


FRAMES = ("header", "paragraphs", "sentences", "tokens", "quotations", "citations", "dates")


def test_every_frame_follows_the_column_type_rule(chapter):
    for name in FRAMES:
        _check_column_types(getattr(chapter, name), name, [chapter.doc_id])


def test_corpus_frames_share_one_doc_id_category_list():
    docs = [tm.parse("A text “with a quote” in 1917.\n\nMore.", doc_id=i) for i in ("b", "a")]
    corpus = tm.Corpus(docs)
    for name in FRAMES:
        frame = getattr(corpus, name)
        _check_column_types(frame, name, ["b", "a"])
    tokens = corpus.tokens
    assert tokens["doc_id"].astype(str).tolist()[:1] == ["b"] and set(tokens["doc_id"].astype(str)) == {"a", "b"}
    # a value outside the corpus's ids is kept, never turned into a missing value
    odd = docs[0].replace(paragraphs=docs[0].paragraphs.assign(doc_id="zz"))
    paragraphs = tm.Corpus([odd, docs[1]]).paragraphs
    assert paragraphs["doc_id"].notna().all() and "zz" in set(paragraphs["doc_id"].astype(str))


def test_a_text_too_long_for_int32_offsets_is_refused(monkeypatch):
    import textmine.document as document

    monkeypatch.setattr(document, "MAX_CHARS", 10)
    with pytest.raises(tm.InputError, match="int32.*split it"):
        tm.parse("A text longer than ten characters.")


def test_loading_is_deterministic(chapter_path):
    a, b = tm.load(chapter_path), tm.load(chapter_path)
    for name in ("header", "paragraphs", "sentences", "tokens"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))


def test_returned_frames_are_copies(chapter):
    t = chapter.tokens
    t["token"] = "x"
    t.loc[0, "start"] = -1
    assert chapter.tokens["token"].iloc[0] != "x"
    assert chapter.tokens["start"].iloc[0] >= 0


def test_replace_returns_a_new_document(chapter):
    p = chapter.paragraphs.assign(extra=1)
    new = chapter.replace(paragraphs=p)
    assert "extra" in new.paragraphs.columns and "extra" not in chapter.paragraphs.columns
    assert new.text is chapter.text


# ------------------------------------------------------------ wrong input


def test_load_refuses_a_list_and_points_to_load_corpus(chapter_path):
    with pytest.raises(TypeError, match="load_corpus"):
        tm.load([chapter_path])


def test_load_refuses_text_and_points_to_parse():
    with pytest.raises(tm.InputError, match=r"textmine\.parse"):
        tm.load("A text.\n\nWith paragraphs, not a path.")


def test_parse_refuses_a_path_and_a_list(chapter_path):
    with pytest.raises(TypeError, match=r"textmine\.load\(path\)"):
        tm.parse(chapter_path)
    with pytest.raises(TypeError, match="load_corpus"):
        tm.parse(["one text", "two"])


def test_load_corpus_refuses_one_file(chapter_path):
    with pytest.raises(TypeError, match=r"textmine\.load\(path\)"):
        tm.load_corpus(str(chapter_path))


# ----------------------------------------------------------------- corpus


def test_corpus_concatenates_with_doc_id(tmp_path):
    (tmp_path / "a.txt").write_text("First text. Two sentences.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Second text.\n\nTwo paragraphs.", encoding="utf-8")
    corpus = tm.load_corpus(tmp_path)
    assert len(corpus) == 2
    p = corpus.paragraphs
    assert p["doc_id"].tolist() == ["a", "b", "b"]
    assert isinstance(p.index, pd.RangeIndex) and len(p) == 3
    assert corpus.documents["doc_id"].tolist() == ["a", "b"]
    for name in ("quotations", "citations", "dates"):
        frame = getattr(corpus, name)
        assert list(frame.columns) == list(getattr(corpus[0], name).columns)
    for doc in corpus:
        check_invariants(doc)


def test_corpus_reports_every_unreadable_file(tmp_path):
    (tmp_path / "good.txt").write_text("Fine text.", encoding="utf-8")
    (tmp_path / "bad1.txt").write_bytes(b"\x93bad\x94")
    (tmp_path / "bad2.txt").write_bytes(b"")
    with pytest.raises(tm.TextmineError) as info:
        tm.load_corpus(tmp_path)
    assert "bad1.txt" in str(info.value) and "bad2.txt" in str(info.value) and "2 of 3" in str(info.value)
    with pytest.warns(UserWarning, match="skipped 2 of 3"):
        corpus = tm.load_corpus(tmp_path, on_error="skip")
    assert [d.doc_id for d in corpus] == ["good"]
    assert sorted(corpus.failures["path"].str.rsplit("/", n=1).str[-1]) == ["bad1.txt", "bad2.txt"]


def test_corpus_refuses_duplicate_doc_ids():
    a = tm.parse("One.", doc_id="x")
    b = tm.parse("Two.", doc_id="x")
    with pytest.raises(tm.InputError, match="doc_id 'x'"):
        tm.Corpus([a, b])


# ------------------------------------------------------ property tests

ALPHABET = st.sampled_from(
    list("abcXYZ  ..,;:!?'’‘“”\"()[]—-")
    + ["\n", "\n\n", "\n \n", "Mr.", "p.", "Ibid.", "1917", "V. I.", "....", "\r\n", "e\u0301", "\t"]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ALPHABET, min_size=1, max_size=80).map("".join))
def test_invariants_hold_on_generated_texts(s):
    if not s.strip():
        with pytest.raises(tm.InputError):
            tm.parse(s)
        return
    check_invariants(tm.parse(s))


@settings(max_examples=50, deadline=None)
@given(st.text(min_size=1, max_size=200))
def test_any_unicode_text_loads_or_fails_clearly(s):
    try:
        doc = tm.parse(s)
    except tm.InputError:
        assert not s.replace("\x00", "").strip() or "\x00" in s
        return
    check_invariants(doc)


def test_quote_style_is_passed_to_the_quotation_finder():
    text = "He said 'go home' now. She wrote: 'We shall win the long war against them all.'"
    auto = tm.parse(text).quotations
    assert auto["text"].tolist() == ["go home", "We shall win the long war against them all."]
    assert set(auto["style"]) == {"straight_single"}
    assert tm.parse(text, quote_style="double").quotations.empty


def test_odd_input_warns_with_a_textmine_warning():
    with pytest.warns(tm.TextmineWarning, match="never closed"):
        tm.parse("“An unclosed quotation runs to the end.\n\nNext paragraph.").quotations


def test_a_header_date_line_is_the_time_of_writing():
    # "last month" counts from the hearing's date, not from the latest year the body names
    text = ("HARBOR WORKS\n\nHEARING BEFORE THE COMMITTEE ON PUBLIC WORKS\n\nTUESDAY, MARCH 15, 1955\n\n"
            "The board met last month to plan the work for the fiscal year 1956.\n")
    doc = tm.parse(text)
    assert doc.header["field"].tolist()[-1] == "date"
    last = doc.dates.set_index("text").loc["last month"]
    assert last["year_start"] == 1955
    plain = tm.parse(text.replace("TUESDAY, MARCH 15, 1955\n\n", ""))
    assert plain.dates.set_index("text").loc["last month", "year_start"] == 1956  # the latest explicit year


def test_the_header_lines_dates_come_first_with_para_id_minus_one():
    text = ("HEARING BEFORE THE COMMITTEE ON ROADS\n\nTUESDAY, MARCH 15, 1955\n\n"
            "The committee met in 1954 and again in the spring of 1955.\n")
    doc = tm.parse(text)
    d = doc.dates
    assert d.loc[0, "text"] == "MARCH 15, 1955" and d.loc[0, "day"] == 15 and d.loc[0, "para_id"] == -1 and d.loc[0, "kind"] == "explicit"
    assert (d["para_id"].iloc[1:] >= 0).all() and d["date_id"].tolist() == list(range(len(d)))
    assert all(doc.text[s:e] == t for s, e, t in zip(d["start"], d["end"], d["text"]))
    body = tm.find_dates(doc.text, doc.paragraphs, reference_year=1955)
    assert d["text"].iloc[1:].tolist() == body["text"].tolist()  # the header's date anchors nothing in the body
    ok = d["anchor_date_id"].dropna().astype(int)
    assert (ok < len(d)).all() and (d.loc[ok.index, "date_id"] > ok).all()
