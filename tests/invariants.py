"""Every frame's invariants, for any Document (used by the fuzz tests).

- each frame has a fresh RangeIndex and dense ids in reading order;
- ``text[start:end]`` equals the row's text for every frame with a text
  column (header value, paragraphs, sentences, tokens, citations' ``raw``,
  dates); a quotation's ``text`` is the words inside its outer marks
  (``text[start + 1:end - 1]``, or ``text[start + 1:end]`` when unclosed);
- nothing is lost: every character outside the header lines and the
  paragraphs is whitespace; paragraphs are disjoint and ordered; tokens cover
  every non-space character of the paragraphs, inside their sentence;
- quotations, citations and dates lie inside the body, ordered by start,
  and the token flags agree with the spans (``in_quote``/``quote_id``,
  ``in_citation``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

TEXT_COLUMN = {"header": "text", "paragraphs": "text", "sentences": "text", "tokens": "token",
               "citations": "raw", "dates": "text"}
ID_COLUMN = {"paragraphs": "para_id", "sentences": "sent_id", "tokens": "token_id",
             "quotations": "quote_id", "citations": "citation_id", "dates": "date_id"}


def _offsets_match(text: str, frame: pd.DataFrame, col: str, name: str) -> None:
    for s, e, t in zip(frame["start"].tolist(), frame["end"].tolist(), frame[col].tolist()):
        assert 0 <= s <= e <= len(text), (name, s, e)
        assert text[s:e] == t, (name, s, e, t)


def check_document(doc) -> None:
    text = doc.text
    frames = {name: getattr(doc, name) for name in (*TEXT_COLUMN, "quotations")}
    for name, frame in frames.items():
        idx = frame.index
        assert isinstance(idx, pd.RangeIndex) and idx.start == 0 and idx.step == 1, name
        if name in TEXT_COLUMN:
            _offsets_match(text, frame, TEXT_COLUMN[name], name)
        if name in ID_COLUMN:
            assert frame[ID_COLUMN[name]].tolist() == list(range(len(frame))), name
    head = frames["header"]
    for s, e in zip(head["line_start"], head["line_end"]):
        assert 0 <= s <= e <= doc.body_start
    paras, sents, toks = frames["paragraphs"], frames["sentences"], frames["tokens"]
    covered = np.zeros(len(text), dtype=np.int8)
    for s, e in zip(paras["start"], paras["end"]):
        assert s >= doc.body_start
        covered[s:e] += 1
    assert covered.max(initial=0) <= 1, "paragraphs overlap"
    for s, e in zip(head["line_start"], head["line_end"]):
        covered[s:e] += 1
    lost = [i for i in np.flatnonzero(covered == 0) if not text[i].isspace()]
    assert not lost, f"characters in no row: {[(i, text[i]) for i in lost[:5]]}"
    ts, te = toks["start"].to_numpy(), toks["end"].to_numpy()
    assert (te > ts).all() and (ts[1:] >= te[:-1]).all()
    if len(toks):
        ss = sents.set_index("sent_id")
        assert (ts >= ss.loc[toks["sent_id"], "start"].to_numpy()).all()
        assert (te <= ss.loc[toks["sent_id"], "end"].to_numpy()).all()
    tok_cov = np.zeros(len(text), dtype=bool)
    for s, e in zip(ts, te):
        tok_cov[s:e] = True
    in_para = np.zeros(len(text), dtype=bool)
    for s, e in zip(paras["start"], paras["end"]):
        in_para[s:e] = True
    missed = [i for i in np.flatnonzero(in_para & ~tok_cov) if not text[i].isspace()]
    assert not missed, f"paragraph characters in no token: {[(i, text[i]) for i in missed[:5]]}"
    for name in ("quotations", "citations", "dates"):
        f = frames[name]
        assert (f["start"].to_numpy() >= doc.body_start).all(), name
        assert (np.diff(f["start"].to_numpy()) >= 0).all(), f"{name} not ordered by start"
    q = frames["quotations"]
    for s, e, t, closed in zip(q["start"], q["end"], q["text"], q["closed"]):
        assert t == text[s + 1:e - 1 if closed else e], ("quotations", s, e, t)
    # a token is in a quotation when one quotation's span contains it (quotations do not overlap)
    label = np.full(len(text), -1, dtype=np.int64)
    for k, (s, e) in enumerate(zip(q["start"], q["end"])):
        assert (label[s:e] == -1).all(), "quotations overlap"
        label[s:e] = k
    tok_q = np.array([label[s] if (label[s:e] == label[s]).all() else -1 for s, e in zip(ts, te)], dtype=np.int64)
    assert (toks["in_quote"].to_numpy(dtype=bool) == (tok_q >= 0)).all(), "in_quote disagrees with the quotation spans"
    qids = q["quote_id"].to_numpy()
    got = toks["quote_id"].astype("Int64").fillna(-1).to_numpy()
    want = np.where(tok_q >= 0, qids[np.maximum(tok_q, 0)] if len(qids) else -1, -1)
    assert (got == want).all(), "quote_id disagrees with the quotation spans"
    c = frames["citations"]
    inc = np.zeros(len(text), dtype=bool)
    for s, e in zip(c["start"], c["end"]):
        inc[s:e] = True
    tok_c = np.array([inc[s:e].all() for s, e in zip(ts, te)], dtype=bool)
    assert (toks["in_citation"].to_numpy(dtype=bool) == tok_c).all(), "in_citation disagrees with the citation spans"
