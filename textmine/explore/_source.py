"""One text to explore, whether a Document or a Corpus (internal to the dashboard).

The dashboard works on a single token frame and a single text. For a
Corpus the documents' texts are joined (two blank lines between them) and
every token's and paragraph's ``start``/``end`` is shifted by its document's
offset in the joined text, so that :func:`textmine.kwic` cuts contexts from
the text as written and a paragraph is one slice; :meth:`Source.local`
shifts offsets back for export, so an exported row points into its own
document's text. Built once per dashboard; every update only filters it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import InputError

#: Between two documents of the joined text: a paragraph break that no context crosses.
SEPARATOR = "\n\n\n"
#: The token columns the dashboard reads (the rest are never copied).
#: (not ``token``: contexts are cut from the text, and every table compares ``norm``)
TOKEN_COLUMNS = ["doc_id", "token_id", "para_id", "sent_id", "start", "end", "norm", "kind",
                 "in_citation", "in_quote"]
#: Equal parts of a single document, the trends axis when it has no periods (as Voyant's default).
N_SEGMENTS = 10


@dataclass
class Source:
    """The joined text and its frames."""

    text: str
    tokens: pd.DataFrame
    paragraphs: pd.DataFrame
    documents: pd.DataFrame
    offsets: dict[str, int]
    is_corpus: bool
    periods: pd.DataFrame | None = None
    #: where the period comes from: "paragraphs" (assign_periods), "documents" (a date per document) or None
    period_source: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def group_columns(self) -> list[str]:
        """Columns trends can be drawn by, most useful first."""
        out = []
        if "period" in self.tokens.columns:
            out.append("period")
        if "year" in self.documents.columns and self.documents["year"].notna().any():
            out.append("year")
        if self.is_corpus:
            out.append("doc_id")
        else:
            out.append("segment")
        out += [c for c in self.metadata_columns if c not in out]
        return out

    @property
    def metadata_columns(self) -> list[str]:
        """Per-document columns with a few distinct values: the metadata filter's choices."""
        skip = {"doc_id", "source", "file", "sha256", "n_chars", "period", "year", "date", "title", "author_line"}
        out = []
        for c in self.documents.columns:
            if c in skip:
                continue
            values = self.documents[c].dropna()
            if 1 < values.nunique() <= 50 and len(values):
                out.append(c)
        return out

    def local(self, frame: pd.DataFrame) -> pd.DataFrame:
        """*frame* with ``start``/``end`` back in each document's own text."""
        if not self.is_corpus or not {"start", "end", "doc_id"} <= set(frame.columns) or frame.empty:
            return frame
        base = frame["doc_id"].astype("str").map(self.offsets).to_numpy(dtype=np.int64)
        return frame.assign(start=frame["start"].to_numpy(dtype=np.int64) - base,
                            end=frame["end"].to_numpy(dtype=np.int64) - base)


def _slim(tokens: pd.DataFrame) -> pd.DataFrame:
    cols = [c for c in TOKEN_COLUMNS if c in tokens.columns] + (["period"] if "period" in tokens.columns else [])
    out = tokens[cols].reset_index(drop=True)
    # a categorical term column makes every count an integer operation (textmine._codes)
    return out.assign(norm=out["norm"].astype("category"))


def _segments(tokens: pd.DataFrame) -> pd.Categorical:
    """Tenths of the text by running words (a punctuation token goes with the word before it)."""
    labels = [str(i + 1) for i in range(N_SEGMENTS)]
    word = (tokens["kind"].astype("object") != "punct").to_numpy() if "kind" in tokens.columns else np.ones(len(tokens), bool)
    n_words = int(word.sum())
    index = np.maximum(np.cumsum(word) - 1, 0)
    codes = (index * N_SEGMENTS) // max(n_words, 1)
    return pd.Categorical.from_codes(codes.astype(np.int64), categories=labels, ordered=True)


def from_document(doc, periods, func: str) -> Source:
    """A Document (with periods assigned from *periods*, if given)."""
    from ..periods import assign_periods, read_periods

    table = None
    notes = []
    if periods is not None:
        table = read_periods(periods)
        doc = assign_periods(doc, table)
        if (doc.paragraphs["period"].astype("str") == "unassigned").all():
            notes.append("No paragraph could be placed in a period (the text has no dates in the periods "
                         "table); trends are drawn by segment of the text instead.")
    tokens = _slim(doc.tokens)
    period_source = "paragraphs" if "period" in tokens.columns else None
    if notes:
        tokens = tokens.drop(columns="period")
        period_source = None
    tokens["segment"] = _segments(tokens)
    paragraphs = doc.paragraphs[[c for c in ("doc_id", "para_id", "start", "end", "period") if c in doc.paragraphs.columns]]
    documents = pd.DataFrame([doc.meta])
    documents["doc_id"] = documents["doc_id"].astype("str")
    return Source(text=doc.text, tokens=tokens, paragraphs=paragraphs.reset_index(drop=True), documents=documents,
                  offsets={str(doc.doc_id): 0}, is_corpus=False, periods=table, period_source=period_source,
                  notes=notes)


def from_corpus(corpus, periods, func: str) -> Source:
    """A Corpus: joined text, shifted offsets; periods from each document's date, if it has one."""
    from ..periods import assign_periods, read_periods
    from ..trends import document_periods

    docs = list(corpus)
    if not docs:
        raise InputError(f"{func}: the corpus has no documents.")
    documents = corpus.documents.reset_index(drop=True)
    documents["doc_id"] = documents["doc_id"].astype("str")
    table = read_periods(periods) if periods is not None else None
    dated = next((c for c in ("year", "date") if c in documents.columns and documents[c].notna().any()), None)
    notes: list[str] = []
    period_source = None
    if dated is not None:
        documents = document_periods(documents, table, column=dated) if table is not None else documents.assign(
            year=document_periods(documents, _no_periods(), column=dated)["year"])
        if table is not None:
            period_source = "documents"
            undated = int(documents["year"].isna().sum())
            if undated:
                notes.append(f"{undated} document(s) have no readable {dated}; their period is 'unassigned'.")
    elif table is not None:
        docs = [assign_periods(d, table) for d in docs]
        period_source = "paragraphs"
        notes.append("The documents have no year or date column: periods come from each paragraph's own dates.")
    offsets, parts, at = {}, [], 0
    for d in docs:
        offsets[str(d.doc_id)] = at
        parts.append(d.text)
        at += len(d.text) + len(SEPARATOR)
    text = SEPARATOR.join(parts)
    tok_frames, par_frames = [], []
    for d in docs:
        base = offsets[str(d.doc_id)]
        t = d.tokens
        tok_frames.append(t.assign(start=t["start"].to_numpy(dtype=np.int64) + base,
                                   end=t["end"].to_numpy(dtype=np.int64) + base))
        p = d.paragraphs
        par_frames.append(p.assign(start=p["start"].to_numpy(dtype=np.int64) + base,
                                   end=p["end"].to_numpy(dtype=np.int64) + base))
    ids = pd.CategoricalDtype(pd.Index([str(d.doc_id) for d in docs], dtype="str"))
    tokens = pd.concat(tok_frames, ignore_index=True)
    tokens["doc_id"] = tokens["doc_id"].astype("str").astype(ids)
    tokens = _slim(tokens)
    paragraphs = pd.concat(par_frames, ignore_index=True)
    paragraphs = paragraphs[[c for c in ("doc_id", "para_id", "start", "end", "period") if c in paragraphs.columns]]
    paragraphs["doc_id"] = paragraphs["doc_id"].astype("str").astype(ids)
    if period_source == "documents":
        by_doc = documents.set_index("doc_id")["period"]
        codes = tokens["doc_id"].cat.codes.to_numpy()
        doc_period = pd.Categorical(by_doc.reindex(list(ids.categories)).astype("str"),
                                    dtype=documents["period"].dtype)
        tokens["period"] = pd.Categorical.from_codes(np.asarray(doc_period.codes)[codes], dtype=documents["period"].dtype)
        paragraphs["period"] = pd.Categorical.from_codes(
            np.asarray(doc_period.codes)[paragraphs["doc_id"].cat.codes.to_numpy()], dtype=documents["period"].dtype)
    return Source(text=text, tokens=tokens, paragraphs=paragraphs.reset_index(drop=True), documents=documents,
                  offsets=offsets, is_corpus=True, periods=table, period_source=period_source, notes=notes)


def _no_periods() -> pd.DataFrame:
    """A one-period table, only to read the years of a corpus without a periods table."""
    return pd.DataFrame({"period": ["all"], "year_start": [-10**6], "year_end": [10**6]})


def source(obj, periods: "pd.DataFrame | str | os.PathLike | None", func: str) -> Source:
    from ..document import Corpus, Document

    if isinstance(obj, Document):
        return from_document(obj, periods, func)
    if isinstance(obj, Corpus):
        return from_corpus(obj, periods, func)
    raise TypeError(f"{func}: expected a textmine.Document (tm.load(path)) or a Corpus (tm.load_corpus(folder)), "
                    f"got {type(obj).__name__}.")
