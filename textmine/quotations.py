"""Quotations (first version: curly double quotes, multi-paragraph)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

__all__ = ["find_quotations", "QUOTATION_COLUMNS"]

QUOTATION_COLUMNS = [
    "doc_id", "quote_id", "start", "end", "text", "para_start", "para_end", "n_tokens",
    "kind", "speaker", "speaker_rule", "citation_id", "group_id", "closed",
]


def find_quotations(text, paragraphs, tokens, citations, *, doc_id, style="auto"):
    spans = []  # (start, end, para_start, para_end, closed)
    open_at = None
    ps = paragraphs["start"].to_numpy()
    pe = paragraphs["end"].to_numpy()
    for pi, (s, e) in enumerate(zip(ps, pe)):
        i = s
        while i < e:
            ch = text[i]
            if ch == "\u201c":
                if open_at is not None and open_at[1] == pi:
                    pass
                elif open_at is None:
                    open_at = (i, pi)
            elif ch == "\u201d" and open_at is not None:
                spans.append((open_at[0], i + 1, open_at[1], pi, True))
                open_at = None
            i += 1
        if open_at is not None:
            nxt = ps[pi + 1] if pi + 1 < len(ps) else None
            if nxt is None or text[nxt] != "\u201c":
                warnings.warn(f"textmine.find_quotations: unclosed quotation at offset {open_at[0]}.", stacklevel=2)
                spans.append((open_at[0], int(e), open_at[1], pi, False))
                open_at = None
    n = len(spans)
    ts = tokens["start"].to_numpy()
    te = tokens["end"].to_numpy()
    texts, ntok = [], []
    for s, e, _, _, closed in spans:
        texts.append(text[s + 1 : e - 1 if closed else e])
        ntok.append(int(((ts > s) & (te < e)).sum()) if closed else int(((ts > s) & (te <= e)).sum()))
    out = pd.DataFrame({
        "doc_id": pd.Series([doc_id] * n, dtype="str"),
        "quote_id": pd.Series(range(n), dtype="int64"),
        "start": pd.Series([int(x[0]) for x in spans], dtype="int64"),
        "end": pd.Series([int(x[1]) for x in spans], dtype="int64"),
        "text": pd.Series(texts, dtype="str"),
        "para_start": pd.Series([int(x[2]) for x in spans], dtype="int64"),
        "para_end": pd.Series([int(x[3]) for x in spans], dtype="int64"),
        "n_tokens": pd.Series(ntok, dtype="int64"),
        "kind": pd.Series(["quotation"] * n, dtype="str"),
        "speaker": pd.Series([None] * n, dtype="str"),
        "speaker_rule": pd.Series([None] * n, dtype="str"),
        "citation_id": pd.Series([None] * n, dtype="Int64"),
        "group_id": pd.Series(range(n), dtype="int64"),
        "closed": pd.Series([x[4] for x in spans], dtype="bool"),
    })
    return out
