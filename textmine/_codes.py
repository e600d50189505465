"""Integer codes for fast counting over token frames (internal).

Word lists, trends and collocates count terms over a million tokens and more
while an explorer waits for them. They never group strings: a term column is
turned into integer codes once (free when the column is categorical, as the
explorers prepare it; one ``pd.factorize`` otherwise), groups become integer
codes the same way, and every count is an ``np.bincount`` or one sort over
those codes. This module holds those steps, so that the analyses built on
them (:mod:`textmine.wordlist`, :mod:`textmine.trends`,
:func:`textmine.collocations.collocates`) read like their formulas.

Internal: the names are shared by the package's modules, not public API.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ._frames import require_columns
from .errors import InputError, TextmineWarning

__all__ = [
    "doc_codes",
    "reading_order",
    "in_order",
    "units",
    "term_codes",
    "word_mask",
    "group_codes",
    "count_keys",
    "glob_regex",
    "vocabulary_matches",
    "single_token_patterns",
    "document_columns",
    "folded",
]


def doc_codes(tokens: pd.DataFrame) -> np.ndarray:
    """Each row's document as an int64 code (categorical codes when ``doc_id`` is one; 0 without ``doc_id``)."""
    if "doc_id" not in tokens.columns:
        return np.zeros(len(tokens), dtype=np.int64)
    col = tokens["doc_id"]
    if isinstance(col.dtype, pd.CategoricalDtype):
        return col.cat.codes.to_numpy().astype(np.int64)
    return pd.factorize(col)[0].astype(np.int64)


def reading_order(tokens: pd.DataFrame) -> np.ndarray | None:
    """Row order: documents in order of appearance, then ``token_id``; None if the rows are in that order."""
    if "token_id" not in tokens.columns or len(tokens) < 2:
        return None
    pos = tokens["token_id"].to_numpy(dtype=np.int64)
    doc = doc_codes(tokens)
    if np.any(doc[1:] < doc[:-1]):  # categorical codes out of order: number documents by first appearance
        doc = pd.factorize(doc)[0]
    step = doc[1:] - doc[:-1]
    if np.all((step > 0) | ((step == 0) & (pos[1:] > pos[:-1]))):
        return None
    return np.lexsort((pos, doc))


def in_order(values: np.ndarray, order: np.ndarray | None) -> np.ndarray:
    """*values* in reading *order* (as they are when *order* is None)."""
    return values if order is None else values[order]


def units(tokens: pd.DataFrame, order: np.ndarray | None, within: str | None) -> np.ndarray:
    """Run number of each row in reading *order*: a new run at each document, each change of
    *within* (``sent_id``, ``para_id``) and each gap in ``token_id`` (rows removed beforehand)."""
    m = len(tokens)
    brk = np.ones(m, dtype=bool)
    if m > 1:
        doc = in_order(doc_codes(tokens), order)
        brk[1:] = doc[1:] != doc[:-1]
        if within is not None:
            col = tokens[within]
            if isinstance(col.dtype, pd.CategoricalDtype):
                w = col.cat.codes.to_numpy()
            elif pd.api.types.is_integer_dtype(col.dtype) and not col.hasnans:
                w = col.to_numpy()
            else:
                w = pd.factorize(col, use_na_sentinel=True)[0]
            w = in_order(w, order)
            brk[1:] |= w[1:] != w[:-1]
        if "token_id" in tokens.columns:
            pos = in_order(tokens["token_id"].to_numpy(dtype=np.int64), order)
            brk[1:] |= (pos[1:] - pos[:-1]) != 1
    return np.cumsum(brk) - 1


def term_codes(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """``(codes, vocabulary)``: an int64 code per row (-1 where missing) and the strings.

    A categorical column gives its codes and categories as they are (unused
    categories are simply never counted); any other column is factorized.
    """
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes = values.cat.codes.to_numpy().astype(np.int64, copy=False)
        vocab = np.asarray([str(c) for c in values.cat.categories], dtype=object)
        return codes, vocab
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    vocab = np.asarray([str(u) for u in uniques], dtype=object)
    return codes.astype(np.int64, copy=False), vocab


def folded(values: Iterable[str]) -> list[str]:
    """Lower case with ``’`` folded to ``'``, as the ``norm`` column is."""
    return [str(v).lower().replace("\u2019", "'") for v in values]


def word_mask(
    tokens: pd.DataFrame,
    *,
    func: str,
    include_punct: bool,
    include_numbers: bool,
    include_citations: bool,
) -> np.ndarray:
    """Rows that count as words: not punctuation, (optionally) not numbers, not citation apparatus.

    The same rule as :func:`textmine.terms.term_counts`: punctuation out,
    numbers in, tokens inside parenthetical citations out, by default.
    """
    for name, flag in (("include_punct", include_punct), ("include_numbers", include_numbers),
                       ("include_citations", include_citations)):
        if not isinstance(flag, (bool, np.bool_)):
            raise TypeError(f"{func}: {name} must be True or False, got {flag!r}.")
    need = []
    if not include_punct or not include_numbers:
        need.append("kind")
    if not include_citations:
        need.append("in_citation")
    hint = []
    if "kind" in need and "kind" not in tokens.columns:
        hint.append("pass include_punct=True and include_numbers=True to count every row")
    if "in_citation" in need and "in_citation" not in tokens.columns:
        hint.append("pass include_citations=True, or use doc.tokens, which has in_citation")
    require_columns(tokens, need, func=func, arg="tokens", hint="; ".join(hint) or "pass doc.tokens")
    keep = np.ones(len(tokens), dtype=bool)
    if "kind" in need:
        kind = tokens["kind"]
        if isinstance(kind.dtype, pd.CategoricalDtype):
            cats = [str(c) for c in kind.cat.categories]
            codes = kind.cat.codes.to_numpy()
            drop = [i for i, c in enumerate(cats) if (c == "punct" and not include_punct)
                    or (c == "number" and not include_numbers)]
            keep &= ~np.isin(codes, drop)
        else:
            k = kind.astype("object").to_numpy()
            if not include_punct:
                keep &= k != "punct"
            if not include_numbers:
                keep &= k != "number"
    if not include_citations:
        keep &= ~tokens["in_citation"].fillna(False).to_numpy(dtype=bool)
    return keep


def group_codes(frame: pd.DataFrame, columns: Sequence[str], *, func: str, keep: np.ndarray | None = None,
                warn: bool = True, dense: bool = True) -> tuple[np.ndarray, pd.DataFrame]:
    """``(codes, levels)``: each row's group as an int64 code (-1: a missing value), and one row per group.

    Groups are numbered in sorted order of their values: a categorical
    column (``period``, ``doc_id``) in its category order (chronological,
    corpus order), any other column ascending. ``levels`` has one row per
    group *present in the rows kept* (``keep``), code ``i`` in row ``i``,
    with the columns' own dtypes. Rows with a missing value are counted in
    no group; with *warn*, a :class:`~textmine.errors.TextmineWarning` says
    how many kept rows that leaves out. ``dense=False`` allows codes with
    gaps (groups without rows) and skips ``levels``, for callers that only
    need rows of one group to share a code: one categorical column then
    costs no pass at all.
    """
    n = len(frame)
    if not columns:
        return np.zeros(n, dtype=np.int64), pd.DataFrame(index=pd.RangeIndex(1))
    if not dense and len(columns) == 1 and isinstance(frame[columns[0]].dtype, pd.CategoricalDtype):
        return frame[columns[0]].cat.codes.to_numpy().astype(np.int64), pd.DataFrame()
    per_col = []
    for c in columns:
        col = frame[c]
        if isinstance(col.dtype, pd.CategoricalDtype):
            codes = col.cat.codes.to_numpy().astype(np.int64)
            levels = col.cat.categories
        else:
            codes, levels = pd.factorize(col, sort=True, use_na_sentinel=True)
            codes = codes.astype(np.int64)
        per_col.append((codes, levels))
    missing = np.zeros(n, dtype=bool)
    combined = np.zeros(n, dtype=np.int64)
    for codes, levels in per_col:
        missing |= codes < 0
        combined = combined * max(len(levels), 1) + np.maximum(codes, 0)
    kept = ~missing if keep is None else keep & ~missing
    if warn:
        dropped = int((missing if keep is None else (missing & keep)).sum())
        if dropped:
            warnings.warn(
                f"{func}: {dropped} token(s) have a missing value in {list(columns)} and were left out; "
                "fill the column (e.g. with 'unassigned') to count them.",
                category=TextmineWarning, stacklevel=3,
            )
    present, inverse = _sorted_factorize(combined[kept])
    out = np.full(n, -1, dtype=np.int64)
    out[kept] = inverse
    levels_frame = pd.DataFrame(index=pd.RangeIndex(len(present)))
    rest = present.copy()
    parts = []
    for codes, levels in reversed(per_col):
        size = max(len(levels), 1)
        parts.append((rest % size, levels))
        rest = rest // size
    for c, (idx, levels) in zip(columns, reversed(parts)):
        src = frame[c]
        if isinstance(src.dtype, pd.CategoricalDtype):
            levels_frame[c] = pd.Categorical.from_codes(idx, dtype=src.dtype)
        else:
            levels_frame[c] = pd.Series(np.asarray(levels)[idx], dtype=src.dtype) if len(idx) else pd.Series(dtype=src.dtype)
    return out, levels_frame


def _sorted_factorize(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(sorted unique keys, code of each key)``, as ``np.unique(return_inverse=True)``.

    A dense lookup table when the keys are small numbers against their count
    (linear time); ``np.unique`` otherwise.
    """
    if len(keys) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    top = int(keys.max()) + 1
    if top <= max(4 * len(keys), 1 << 16):
        present = np.flatnonzero(np.bincount(keys, minlength=top))
        lookup = np.full(top, -1, dtype=np.int64)
        lookup[present] = np.arange(len(present), dtype=np.int64)
        return present.astype(np.int64), lookup[keys]
    present, inverse = np.unique(keys, return_inverse=True)
    return present.astype(np.int64), inverse.astype(np.int64)


def count_keys(keys: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """``(unique keys, counts)`` of non-negative int64 *keys* below *size*, keys ascending.

    ``np.bincount`` when the key space is small against the number of keys
    (linear time), one sort otherwise.
    """
    if len(keys) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    if size <= max(4 * len(keys), 1 << 16):
        counts = np.bincount(keys, minlength=size)
        found = np.flatnonzero(counts)
        return found.astype(np.int64), counts[found].astype(np.int64)
    ordered = np.sort(keys)
    first = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    return ordered[first].astype(np.int64), np.diff(np.r_[first, len(ordered)]).astype(np.int64)


def glob_regex(pattern: str, *, case: bool) -> re.Pattern:
    """A full-match regex for a word with ``*`` wildcards, folded like ``norm`` unless *case*."""
    p = pattern if case else folded([pattern])[0]
    body = ".*".join(re.escape(x) for x in p.split("*"))
    return re.compile(body, 0 if case else re.IGNORECASE)


def vocabulary_matches(vocab: np.ndarray, pattern: str, *, case: bool) -> np.ndarray:
    """Which vocabulary entries a word or glob (``revolution*``) matches, as a bool array."""
    rx = glob_regex(pattern, case=case)
    return np.fromiter((rx.fullmatch(v) is not None for v in vocab), dtype=bool, count=len(vocab))


def single_token_patterns(terms: Any, *, func: str, arg: str) -> list[str]:
    """*terms* as a list of distinct, non-empty single-token words or globs."""
    if isinstance(terms, str):
        terms = [terms]
    elif isinstance(terms, Iterable) and not isinstance(terms, (bytes, pd.DataFrame)):
        terms = list(terms)
    else:
        raise TypeError(f"{func}: {arg} must be a word or a list of words, got {type(terms).__name__}.")
    bad = [t for t in terms if not isinstance(t, str)]
    if bad:
        raise TypeError(f"{func}: {arg} must hold strings; got {bad[0]!r} ({type(bad[0]).__name__}).")
    terms = [t.strip() for t in terms]
    if not terms or any(not t for t in terms):
        raise InputError(f"{func}: {arg} has an empty term; pass words such as 'peace' or globs such as 'revolution*'.")
    multi = [t for t in terms if len(t.split()) != 1]
    if multi:
        raise InputError(
            f"{func}: {multi[0]!r} is not a single word; {arg} are matched against single tokens "
            "(a word or a glob such as 'revolution*'); for phrases use textmine.kwic."
        )
    if len(set(terms)) != len(terms):
        raise InputError(f"{func}: {arg} lists a term twice: {terms}.")
    return terms


def document_columns(tokens: pd.DataFrame, documents: pd.DataFrame | None, columns: Sequence[str], *,
                     func: str) -> pd.DataFrame:
    """*tokens*' own *columns*, the others looked up in *documents* by ``doc_id``.

    Returns a frame aligned with *tokens* (fresh RangeIndex) holding
    *columns*. A document column keeps its dtype; a token whose document has
    no row gets a missing value.
    """
    out = pd.DataFrame(index=pd.RangeIndex(len(tokens)))
    from_docs = [c for c in columns if c not in tokens.columns]
    if from_docs:
        if documents is None:
            require_columns(tokens, from_docs, func=func, arg="tokens",
                            hint="pass documents=corpus.documents to group by a document's metadata")
        require_columns(documents, ["doc_id", *from_docs], func=func, arg="documents",
                        hint="pass corpus.documents (one row per document)")
        require_columns(tokens, ["doc_id"], func=func, arg="tokens", hint="pass corpus.tokens")
        keys = pd.Index(documents["doc_id"].astype("str"))
        if keys.has_duplicates:
            raise InputError(f"{func}: documents has more than one row for a doc_id; pass one row per document.")
        doc_col = tokens["doc_id"]
        if isinstance(doc_col.dtype, pd.CategoricalDtype):
            idx = keys.get_indexer([str(c) for c in doc_col.cat.categories])
            codes = doc_col.cat.codes.to_numpy()
            row = np.where(codes >= 0, idx[np.maximum(codes, 0)], -1)
        else:
            row = keys.get_indexer(doc_col.astype("str"))
    for c in columns:
        if c in tokens.columns:
            out[c] = tokens[c].reset_index(drop=True)
            continue
        src = documents[c].reset_index(drop=True)
        taken = src.take(np.maximum(row, 0)).reset_index(drop=True)
        if (row < 0).any():
            taken = taken.where(pd.Series(row >= 0))
        out[c] = taken
    return out
