"""Parenthetical citations (first version: detection and basic fields)."""

from __future__ import annotations

import re

import pandas as pd

__all__ = ["find_citations", "CITATION_COLUMNS"]

CITATION_COLUMNS = [
    "doc_id", "citation_id", "start", "end", "raw", "author", "title", "volume", "place",
    "publisher", "year", "date", "pages", "page_start", "page_end", "is_ibid", "refers_to",
]

_PAREN = re.compile(r"\([^()]*\)")
_CUE = re.compile(r"\bibid\b|\bpp?\.\s*\d|\b1[5-9]\d\d\b|\b20\d\d\b", re.I)


def find_citations(text: str, paragraphs: pd.DataFrame, *, doc_id: str) -> pd.DataFrame:
    rows = []
    for m in _PAREN.finditer(text):
        if _CUE.search(m.group()):
            rows.append((m.start(), m.end(), m.group(), "ibid" in m.group().lower()))
    n = len(rows)
    str_na = lambda: pd.Series([None] * n, dtype="str")  # noqa: E731
    int_na = lambda: pd.Series([None] * n, dtype="Int64")  # noqa: E731
    out = pd.DataFrame({
        "doc_id": pd.Series([doc_id] * n, dtype="str"),
        "citation_id": pd.Series(range(n), dtype="int64"),
        "start": pd.Series([r[0] for r in rows], dtype="int64"),
        "end": pd.Series([r[1] for r in rows], dtype="int64"),
        "raw": pd.Series([r[2] for r in rows], dtype="str"),
        "author": str_na(), "title": str_na(), "volume": str_na(), "place": str_na(),
        "publisher": str_na(), "year": int_na(), "date": str_na(), "pages": str_na(),
        "page_start": int_na(), "page_end": int_na(),
        "is_ibid": pd.Series([r[3] for r in rows], dtype="bool"),
        "refers_to": int_na(),
    })
    return out
