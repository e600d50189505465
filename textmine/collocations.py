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

__all__ = ["ngrams", "collocations", "collocates", "COLLOCATE_MEASURES"]

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


# --------------------------------------------------------------------------
# collocates of a node word in a window
# --------------------------------------------------------------------------
#: Association measures of :func:`collocates` (its ``measure=`` values).
COLLOCATE_MEASURES = ("logdice", "mi", "t", "g2")


def _window(window: Any, func: str) -> tuple[int, int]:
    """``(L, R)`` from an int (both sides) or a pair of ints."""
    if isinstance(window, (int, np.integer)) and not isinstance(window, bool):
        pair = (int(window), int(window))
    elif isinstance(window, (tuple, list)) and len(window) == 2:
        pair = tuple(window)
    else:
        raise TypeError(f"{func}: window must be an int or a pair (left, right) of ints, got {window!r}.")
    for side, v in zip(("left", "right"), pair):
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)):
            raise TypeError(f"{func}: window's {side} span must be an int, got {v!r}.")
        if v < 0:
            raise InputError(f"{func}: window's {side} span must be at least 0, got {v}.")
    if pair[0] + pair[1] == 0:
        raise InputError(f"{func}: window=(0, 0) has no room for a collocate; pass e.g. window=(5, 5).")
    return int(pair[0]), int(pair[1])


def collocates(
    tokens: pd.DataFrame,
    node: str,
    *,
    window: int | tuple[int, int] = (5, 5),
    measure: str = "logdice",
    min_count: int = 1,
    within: str | None = "sent_id",
    term: str = "norm",
    case: bool = False,
    stop_words: Iterable[str] | None = (),
    include_punct: bool = False,
    include_numbers: bool = True,
    include_citations: bool = False,
) -> pd.DataFrame:
    """Collocates of a node word: the words within *L* words left and *R* right of it.

    Counts follow the window ("surface co-occurrence") model of Evert
    (2008, sections 3.1 and 5.1), as #LancsBox, AntConc and NLTK's
    ``BigramCollocationFinder.from_words(window_size=...)`` count. The
    sequence is the tokens that count as words (punctuation and citation
    apparatus left out unless included), in reading order; a window never
    crosses a document, a *within* unit (default: the sentence) or a gap in
    ``token_id``. For every occurrence of the node, each word in its window
    is one co-occurrence (a word in the windows of two nearby occurrences
    counts twice, as in NLTK). With

    * :math:`O_{11}` — co-occurrences of node and collocate (``n``);
    * :math:`R_1` — the positions in all the node's windows (``n_window``;
      :math:`(L + R) f_{node}` when no window is cut by a boundary);
    * :math:`C_1` — the collocate's frequency (``n_collocate``);
    * :math:`N` — the words of the sequence (``n_words``);
    * :math:`f_x = f_{node}` and :math:`f_y = C_1` — node and collocate
      frequencies; :math:`f_{xy} = O_{11}` (Rychlý 2008),

    the measures are

    .. math::

        E_{11} = R_1 C_1 / N, \\qquad
        \\mathrm{MI} = \\log_2 (O_{11} / E_{11}), \\qquad
        t = (O_{11} - E_{11}) / \\sqrt{O_{11}}

        G^2 = \\pm 2 \\sum_{ij} O_{ij} \\ln (O_{ij} / E_{ij}), \\qquad
        \\mathrm{logDice} = 14 + \\log_2 \\frac{2 f_{xy}}{f_x + f_y}

    over the 2×2 table :math:`O_{12} = R_1 - O_{11}`, :math:`O_{21} = C_1 -
    O_{11}`, :math:`O_{22} = N - R_1 - C_1 + O_{11}`, :math:`E_{ij} = R_i
    C_j / N`; :math:`G^2` is negative when :math:`O_{11} < E_{11}` and NaN
    where windows overlap so much that a cell would be negative (a
    collocate counted more often than it occurs). Uncut windows give
    :math:`E_{11} = (L + R) f_{node} C_1 / N`, the expected count of Evert's
    ``am.score(span.size=L+R)``, #LancsBox and NLTK (whose ``pmi`` with
    ``window_size=w`` is MI here with ``window=(0, w - 1)``; its
    ``student_t`` is :math:`t / \\sqrt{w - 1}`); with ``window=(0, 1)`` the
    table is NLTK's bigram table and every measure equals NLTK's.

    Parameters
    ----------
    tokens : DataFrame
        A token frame (``doc.tokens``, ``corpus.tokens``).
    node : str
        The node: a word or a glob (``"peace*"``), matched like
        :func:`textmine.kwic` matches one token.
    window : int or (int, int)
        Words to the left and to the right (an int: the same on both sides).
    measure : {"logdice", "mi", "t", "g2"}
        Sort key (descending); every measure is computed.
    min_count : int
        Report collocates co-occurring at least this often (``n``).
    within : str or None
        Column whose boundaries windows do not cross (``"sent_id"``,
        ``"para_id"``); ``None``: only documents bound them.
    term : str
        Token column compared and reported (``"norm"``; ``"token"`` as written).
    case : bool
        Match the node case-sensitively.
    stop_words : iterable of str or None
        Collocates left out of the table; they still occupy window positions
        and count in :math:`N`. ``()`` keeps all; ``None``:
        :data:`textmine.ENGLISH_STOP_WORDS`.
    include_punct, include_numbers, include_citations : bool
        Which tokens are words of the sequence (default: no punctuation,
        numbers kept, no citation apparatus).

    Returns
    -------
    DataFrame
        ``node, collocate, n, n_left, n_right, n_node, n_collocate,
        n_window, n_words, expected, mi, t, g2, p_g2, logdice``: ``n_left``
        and ``n_right`` split :math:`O_{11}` by side, ``n_node`` is
        :math:`f_{node}`, ``expected`` :math:`E_{11}`, ``p_g2`` the
        chi-square (1 df) upper tail of :math:`|G^2|`. One row per collocate
        with ``n >= min_count`` (the node itself included when it occurs in
        its own windows), sorted by *measure* descending (NaN last), then
        ``n`` descending, then ``collocate``. No match of the node: an empty
        frame with these columns.

    Examples
    --------
    >>> collocates(doc.tokens, "peace", window=(5, 5), measure="logdice", min_count=2)  # doctest: +SKIP
    """
    from scipy.special import erfc

    from ._codes import (
        in_order,
        reading_order,
        single_token_patterns,
        term_codes,
        units,
        vocabulary_matches,
        word_mask,
    )
    from ._frames import require_columns, require_frame, require_int
    from .stopwords import as_stop_set

    func = "textmine.collocates"
    require_frame(tokens, func=func, arg="tokens", hint="pass the token frame, e.g. doc.tokens")
    if not isinstance(node, str):
        raise TypeError(f"{func}: node must be a word (str), got {type(node).__name__}.")
    (node,) = single_token_patterns([node], func=func, arg="node")
    left, right = _window(window, func)
    if measure not in COLLOCATE_MEASURES:
        raise InputError(f"{func}: measure must be one of {list(COLLOCATE_MEASURES)}, got {measure!r}.")
    min_count = require_int(min_count, func=func, arg="min_count", minimum=1)
    if within is not None and not isinstance(within, str):
        raise TypeError(f"{func}: within must be a column name or None, got {type(within).__name__}.")
    if not isinstance(case, (bool, np.bool_)):
        raise TypeError(f"{func}: case must be True or False, got {case!r}.")
    stops = as_stop_set(stop_words, func=func)
    require_columns(tokens, [term] + ([within] if within else []), func=func, arg="tokens", hint="pass doc.tokens")
    columns = {"node": "str", "collocate": "str", "n": "int64", "n_left": "int64", "n_right": "int64",
               "n_node": "int64", "n_collocate": "int64", "n_window": "int64", "n_words": "int64",
               "expected": "float64", "mi": "float64", "t": "float64", "g2": "float64", "p_g2": "float64",
               "logdice": "float64"}
    empty = pd.DataFrame({c: pd.Series(dtype=d) for c, d in columns.items()})

    order = reading_order(tokens)
    keep = in_order(word_mask(tokens, func=func, include_punct=include_punct, include_numbers=include_numbers,
                              include_citations=include_citations), order)
    codes, vocab = term_codes(tokens[term])
    codes = in_order(codes, order)
    keep &= codes >= 0
    seq = np.flatnonzero(keep)                       # the sequence: word rows in reading order
    t = codes[seq]                                   # its terms
    run = units(tokens, order, within)[seq]          # its units (a window stays in one)
    n_words = len(seq)                               # N
    is_node = vocabulary_matches(vocab, node, case=bool(case))[t] if n_words else np.zeros(0, dtype=bool)
    at = np.flatnonzero(is_node)                     # node positions in the sequence
    if len(at) == 0:
        return empty
    # run numbers ascend along the sequence: a node's unit spans these positions
    lo = np.maximum(at - left, np.searchsorted(run, run[at], side="left"))
    hi = np.minimum(at + right, np.searchsorted(run, run[at], side="right") - 1)
    n_window = int((at - lo).sum() + (hi - at).sum())    # R1
    n_vocab = len(vocab)
    n_left = np.zeros(n_vocab, dtype=np.int64)
    n_right = np.zeros(n_vocab, dtype=np.int64)
    for d in range(1, left + 1):
        j = at - d
        n_left += np.bincount(t[j[j >= lo]], minlength=n_vocab)
    for d in range(1, right + 1):
        j = at + d
        n_right += np.bincount(t[j[j <= hi]], minlength=n_vocab)
    o11_all = n_left + n_right
    c1_all = np.bincount(t, minlength=n_vocab)             # C1
    cand = np.flatnonzero(o11_all >= min_count)
    if stops:
        cand = cand[~np.isin(np.asarray([v.lower().replace("\u2019", "'") for v in vocab[cand]], dtype=object),
                             list(stops))]
    if len(cand) == 0:
        return empty
    o11 = o11_all[cand].astype("float64")
    c1 = c1_all[cand].astype("float64")
    r1, n, f_node = float(n_window), float(n_words), float(len(at))
    e11 = r1 * c1 / n                                                  # E11 = R1 C1 / N
    obs = np.stack([o11, r1 - o11, c1 - o11, n - r1 - c1 + o11])
    exp = np.stack([r1 * c1, r1 * (n - c1), (n - r1) * c1, (n - r1) * (n - c1)]) / n
    with np.errstate(divide="ignore", invalid="ignore"):
        g2 = 2.0 * np.where(obs > 0, obs * np.log(obs / exp), 0.0).sum(axis=0)
    g2 = np.where((obs < 0).any(axis=0), np.nan, np.maximum(g2, 0.0))
    out = pd.DataFrame({
        "node": pd.Series([node] * len(cand), dtype="str"),
        "collocate": pd.Series(vocab[cand], dtype="str"),
        "n": o11_all[cand],
        "n_left": n_left[cand],
        "n_right": n_right[cand],
        "n_node": np.full(len(cand), len(at), dtype=np.int64),
        "n_collocate": c1_all[cand].astype(np.int64),
        "n_window": np.full(len(cand), n_window, dtype=np.int64),
        "n_words": np.full(len(cand), n_words, dtype=np.int64),
        "expected": e11,
        "mi": np.log2(o11 / e11),                                     # MI
        "t": (o11 - e11) / np.sqrt(o11),                              # t-score
        "g2": np.where(o11 < e11, -g2, g2),                           # signed G2
        "p_g2": erfc(np.sqrt(np.nan_to_num(g2, nan=0.0) / 2.0)),      # chi-square (1 df) upper tail
        "logdice": 14.0 + np.log2(2.0 * o11 / (f_node + c1)),         # logDice (Rychlý 2008)
    })
    out.loc[np.isnan(g2), "p_g2"] = np.nan
    keys = [measure] + (["n"] if measure != "n" else []) + ["collocate"]
    out = out.sort_values(keys, ascending=[False, False, True], kind="stable", na_position="last")
    return out.reset_index(drop=True)
