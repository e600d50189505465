"""N-grams and collocations in tidy form, never across sentence boundaries.

Both functions walk the token frame in reading order (by ``doc_id`` in order
of appearance, then ``token_id``). Two tokens are adjacent only when they
are in the same document and the same sentence and their ``token_id`` values
are consecutive, so

* an n-gram or pair never crosses a sentence (hence never a paragraph);
* punctuation is a barrier: ``war, peace`` gives no bigram ``war peace``
  (n-grams containing a punctuation token are dropped unless
  ``include_punct=True``);
* citation apparatus is left out the same way (``include_citations``);
* rows removed from the token frame beforehand break adjacency rather than
  creating false neighbours — filter with ``stop_words=`` instead.

Group values (``by=``) are taken from the first token of the n-gram or pair.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ._frames import as_columns, empty_frame, require_columns, require_frame, require_int, sort_rows
from ._stats import chi2_sf
from ._tokens import reading_order, select_tokens
from .errors import InputError
from .stopwords import as_stop_set

__all__ = ["ngrams", "collocations"]

_HINT = "pass the token frame, e.g. doc.tokens"


def _sequence(
    tokens: pd.DataFrame,
    *,
    func: str,
    by: list[str],
    voice: str,
    term: str,
    stop_words: Iterable[str] | None,
    include_punct: bool,
    include_numbers: bool,
    include_citations: bool,
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Tokens in reading order with ``(work, keep, doc, sent, pos)`` arrays."""
    if "sent_id" not in tokens.columns:
        require_columns(tokens, ["sent_id"], func=func, arg="tokens", hint="N-grams never cross sentences; pass doc.tokens.")
    work, keep = select_tokens(
        tokens, func=func, by=by, voice=voice, term=term,
        include_punct=include_punct, include_numbers=include_numbers, include_citations=include_citations,
    )
    stops = as_stop_set(stop_words, func=func)
    if stops:
        folded = work["term"].astype("str").str.lower().str.replace("\u2019", "'", regex=False)
        keep &= ~folded.isin(stops).to_numpy()
    order = reading_order(tokens)
    work = work.iloc[order].reset_index(drop=True)
    keep = keep[order]
    base = tokens.iloc[order]
    doc = pd.factorize(base["doc_id"])[0] if "doc_id" in base.columns else np.zeros(len(base), dtype=np.int64)
    sent = base["sent_id"].to_numpy()
    if "token_id" in base.columns:
        pos = base["token_id"].to_numpy(dtype=np.int64)
    else:
        pos = np.arange(len(base), dtype=np.int64)
    for c in ("doc_id", "para_id", "sent_id", "token_id", "start", "end"):
        if c in base.columns and c not in work.columns:
            work[c] = base[c].to_numpy()
    return work, keep, doc, sent, pos


def _follows(doc, sent, pos, keep, r: np.ndarray, d: int) -> np.ndarray:
    """Whether the token *d* rows after each row in *r* is its *d*-th neighbour and kept."""
    m = len(doc)
    s = r + d
    ok = s < m
    s = np.where(ok, s, 0)
    ok &= (doc[s] == doc[r]) & (sent[s] == sent[r]) & (pos[s] - pos[r] == d) & keep[s]
    return ok


def ngrams(
    tokens: pd.DataFrame,
    *,
    n: int = 2,
    by: str | Sequence[str] | None = None,
    voice: str = "all",
    term: str = "norm",
    stop_words: Iterable[str] | None = (),
    min_count: int = 1,
    include_punct: bool = False,
    include_numbers: bool = True,
    include_citations: bool = False,
    count: bool = True,
) -> pd.DataFrame:
    """N-grams of consecutive tokens within a sentence.

    Parameters
    ----------
    tokens : DataFrame
        A token frame (``doc.tokens``) with ``sent_id`` (and ``doc_id``,
        ``token_id`` when there are several documents).
    n : int
        Tokens per n-gram (``1`` gives unigrams).
    by : str or list of str, optional
        Grouping column(s), as in :func:`textmine.term_counts`
        (``"voice"`` is derived from ``in_quote``).
    voice : {"all", "author", "quoted"}
        Keep n-grams whose tokens are all outside (``author``) or all inside
        (``quoted``) quotations; ``all`` keeps every n-gram.
    term : str
        Token column to join (``norm`` by default, ``token`` as written).
    stop_words : iterable of str or None
        Drop n-grams containing any of these words (tidytext's practice);
        ``()`` keeps all, ``None`` uses :data:`textmine.ENGLISH_STOP_WORDS`.
    min_count : int
        With ``count=True``, keep n-grams seen at least this often (per group).
    include_punct, include_numbers, include_citations : bool
        Allow punctuation, number and citation tokens inside n-grams.
    count : bool
        ``True``: tidy counts. ``False``: one row per occurrence, with
        offsets.

    Returns
    -------
    DataFrame
        ``count=True``: ``*by, ngram, n`` (the words joined by one space),
        sorted by group, then ``n`` descending, then ``ngram``.
        ``count=False``: ``doc_id, para_id, sent_id, token_id, start, end,
        *by, ngram`` (those of the first five present in *tokens*;
        ``token_id`` of the first token; ``start``/``end`` span the n-gram in
        ``doc.text``), in reading order.
    """
    func = "textmine.ngrams"
    require_frame(tokens, func=func, arg="tokens", hint=_HINT)
    n = require_int(n, func=func, arg="n", minimum=1)
    min_count = require_int(min_count, func=func, arg="min_count", minimum=1)
    if not isinstance(count, (bool, np.bool_)):
        raise TypeError(f"{func}: count must be True or False, got {count!r}.")
    by_cols = as_columns(by, func=func, arg="by")
    if "ngram" in by_cols or "n" in by_cols:
        raise InputError(f"{func}: by={by_cols} uses an output column name (ngram, n); rename that column first.")
    work, keep, doc, sent, pos = _sequence(
        tokens, func=func, by=by_cols, voice=voice, term=term, stop_words=stop_words,
        include_punct=include_punct, include_numbers=include_numbers, include_citations=include_citations,
    )
    r = np.flatnonzero(keep)
    ok = np.ones(len(r), dtype=bool)
    for d in range(1, n):
        ok &= _follows(doc, sent, pos, keep, r, d)
    r = r[ok]
    terms = work["term"].astype("str").to_numpy(dtype=object)
    gram = pd.Series(terms[r], dtype="str")
    for d in range(1, n):
        gram = gram + " " + pd.Series(terms[r + d], dtype="str")
    if count:
        columns: dict[str, Any] = {c: work[c].dtype for c in by_cols}
        columns.update({"ngram": "str", "n": "int64"})
        if len(r) == 0:
            return empty_frame(columns)
        occ = pd.DataFrame({c: work[c].to_numpy()[r] for c in by_cols})
        for c in by_cols:
            occ[c] = occ[c].astype(work[c].dtype)
        occ["ngram"] = gram.to_numpy()
        out = occ.groupby([*by_cols, "ngram"], observed=True, sort=False).size().rename("n").reset_index()
        out["ngram"] = out["ngram"].astype("str")
        out["n"] = out["n"].astype("int64")
        out = out.loc[out["n"] >= min_count]
        out = sort_rows(out, [*by_cols, "n", "ngram"], [True] * len(by_cols) + [False, True])
        return out if not out.empty else empty_frame(columns)
    ids = [c for c in ("doc_id", "para_id", "sent_id", "token_id", "start") if c in work.columns]
    out = pd.DataFrame({c: work[c].iloc[r].reset_index(drop=True) for c in ids})
    if "end" in work.columns:
        out["end"] = work["end"].iloc[r + n - 1].reset_index(drop=True) if len(r) else pd.Series(dtype=work["end"].dtype)
    for c in by_cols:
        if c not in out.columns:
            out[c] = work[c].iloc[r].reset_index(drop=True)
    out["ngram"] = gram
    return out.reset_index(drop=True)


def collocations(
    tokens: pd.DataFrame,
    *,
    window: int = 1,
    by: str | Sequence[str] | None = None,
    voice: str = "all",
    term: str = "norm",
    stop_words: Iterable[str] | None = (),
    min_count: int = 1,
    include_punct: bool = False,
    include_numbers: bool = True,
    include_citations: bool = False,
    sort_by: str = "g2",
) -> pd.DataFrame:
    """Association of word pairs: PMI, t-score and log-likelihood G2.

    A pair ``(w1, w2)`` is an occurrence of ``w1`` followed by ``w2`` at most
    *window* tokens later (``window=1``: adjacent bigrams) in the same
    sentence. Distance is counted in token positions, so a punctuation
    token occupies a position but is never a member of a pair. From the
    table of all pairs that pass the filters (per group), with
    :math:`O_{11}` the count of the pair, :math:`R_1` the number of pairs
    with ``w1`` first, :math:`C_1` the number with ``w2`` second and
    :math:`N` the number of pairs:

    .. math::

        E_{11} = R_1 C_1 / N, \\qquad
        \\mathrm{PMI} = \\log_2 (O_{11} / E_{11}), \\qquad
        t = (O_{11} - E_{11}) / \\sqrt{O_{11}}

        G^2 = \\pm 2 \\sum_{ij} O_{ij} \\ln (O_{ij} / E_{ij})

    over the 2×2 table :math:`O_{12} = R_1 - O_{11}`,
    :math:`O_{21} = C_1 - O_{11}`, :math:`O_{22} = N - R_1 - C_1 + O_{11}`
    with :math:`E_{ij} = R_i C_j / N` (Dunning 1993; Evert 2008), negative
    when :math:`O_{11} < E_{11}`. ``p_g2`` is its chi-square (1 df) upper
    tail. PMI favours rare pairs; use *min_count* (e.g. 2 or 3) with it.

    Parameters
    ----------
    tokens : DataFrame
        A token frame (``doc.tokens``).
    window : int
        Largest distance (in tokens) from ``w1`` to ``w2``.
    by, voice, term, include_punct, include_numbers, include_citations
        As in :func:`ngrams`.
    stop_words : iterable of str or None
        Pairs with a stop word in either slot are left out of the table
        (``()`` keeps all, ``None`` uses :data:`textmine.ENGLISH_STOP_WORDS`).
    min_count : int
        Report pairs seen at least this often; the measures are computed on
        the full table first.
    sort_by : {"g2", "pmi", "t_score", "n"}
        Sort key (descending), ties broken by ``n`` descending, ``w1``, ``w2``.

    Returns
    -------
    DataFrame
        ``*by, w1, w2, collocation, n, n_w1, n_w2, n_pairs, expected, pmi,
        t_score, g2, p_g2``, where ``n`` is :math:`O_{11}`, ``n_w1``
        :math:`R_1`, ``n_w2`` :math:`C_1`, ``n_pairs`` :math:`N` and
        ``expected`` :math:`E_{11}`. Sorted by group, then *sort_by*.
    """
    func = "textmine.collocations"
    require_frame(tokens, func=func, arg="tokens", hint=_HINT)
    window = require_int(window, func=func, arg="window", minimum=1)
    min_count = require_int(min_count, func=func, arg="min_count", minimum=1)
    if sort_by not in ("g2", "pmi", "t_score", "n"):
        raise InputError(f"{func}: sort_by must be one of ['g2', 'pmi', 't_score', 'n'], got {sort_by!r}.")
    by_cols = as_columns(by, func=func, arg="by")
    reserved = {"w1", "w2", "collocation", "n", "n_w1", "n_w2", "n_pairs", "expected", "pmi", "t_score", "g2", "p_g2"}
    if reserved & set(by_cols):
        raise InputError(f"{func}: by={by_cols} uses an output column name; rename that column first.")
    work, keep, doc, sent, pos = _sequence(
        tokens, func=func, by=by_cols, voice=voice, term=term, stop_words=stop_words,
        include_punct=include_punct, include_numbers=include_numbers, include_citations=include_citations,
    )
    columns: dict[str, Any] = {c: work[c].dtype for c in by_cols}
    columns.update({
        "w1": "str", "w2": "str", "collocation": "str", "n": "int64", "n_w1": "int64", "n_w2": "int64",
        "n_pairs": "int64", "expected": "float64", "pmi": "float64", "t_score": "float64", "g2": "float64",
        "p_g2": "float64",
    })
    r = np.flatnonzero(keep)
    firsts, seconds = [], []
    for d in range(1, window + 1):
        ok = _follows(doc, sent, pos, keep, r, d)
        firsts.append(r[ok])
        seconds.append(r[ok] + d)
    i = np.concatenate(firsts) if firsts else np.zeros(0, dtype=np.int64)
    j = np.concatenate(seconds) if seconds else np.zeros(0, dtype=np.int64)
    if len(i) == 0:
        return empty_frame(columns)
    terms = work["term"].astype("str").to_numpy(dtype=object)
    pairs = pd.DataFrame({c: work[c].to_numpy()[i] for c in by_cols})
    for c in by_cols:
        pairs[c] = pairs[c].astype(work[c].dtype)
    pairs["w1"] = pd.Series(terms[i], dtype="str")
    pairs["w2"] = pd.Series(terms[j], dtype="str")
    keys = by_cols if by_cols else ["_all"]
    if not by_cols:
        pairs["_all"] = 0
    table = pairs.groupby([*keys, "w1", "w2"], observed=True, sort=False).size().rename("n").reset_index()
    r1 = pairs.groupby([*keys, "w1"], observed=True, sort=False).size().rename("n_w1").reset_index()
    c1 = pairs.groupby([*keys, "w2"], observed=True, sort=False).size().rename("n_w2").reset_index()
    nn = pairs.groupby(keys, observed=True, sort=False).size().rename("n_pairs").reset_index()
    table = table.merge(r1, on=[*keys, "w1"], how="left").merge(c1, on=[*keys, "w2"], how="left").merge(nn, on=keys, how="left")
    o11 = table["n"].to_numpy(dtype="float64")
    row1 = table["n_w1"].to_numpy(dtype="float64")
    col1 = table["n_w2"].to_numpy(dtype="float64")
    total = table["n_pairs"].to_numpy(dtype="float64")
    row2, col2 = total - row1, total - col1
    obs = np.stack([o11, row1 - o11, col1 - o11, total - row1 - col1 + o11])
    exp = np.stack([row1 * col1, row1 * col2, row2 * col1, row2 * col2]) / total
    with np.errstate(divide="ignore", invalid="ignore"):
        g2 = 2.0 * np.where(obs > 0, obs * np.log(obs / exp), 0.0).sum(axis=0)
    g2 = np.maximum(g2, 0.0)
    e11 = exp[0]
    out = pd.DataFrame({c: table[c] for c in by_cols})
    out["w1"] = table["w1"].astype("str")
    out["w2"] = table["w2"].astype("str")
    out["collocation"] = (out["w1"] + " " + out["w2"]).astype("str")
    for c in ("n", "n_w1", "n_w2", "n_pairs"):
        out[c] = table[c].astype("int64")
    out["expected"] = e11
    out["pmi"] = np.log2(o11 / e11)
    out["t_score"] = (o11 - e11) / np.sqrt(o11)
    out["g2"] = np.where(o11 < e11, -g2, g2)
    out["p_g2"] = chi2_sf(g2)
    out = out.loc[out["n"] >= min_count]
    keys_sort = [*by_cols, sort_by] + (["n"] if sort_by != "n" else []) + ["w1", "w2"]
    asc = [True] * len(by_cols) + [False] + ([False] if sort_by != "n" else []) + [True, True]
    out = sort_rows(out, keys_sort, asc)
    return out if not out.empty else empty_frame(columns)
