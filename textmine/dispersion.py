"""Lexical dispersion: how evenly a term is spread over the parts of a text.

Gries' (2008) *deviation of proportions* compares where a term occurs with
how large the parts of the corpus are. With :math:`n` parts, :math:`s_i`
the share of the corpus's words in part :math:`i` (:math:`\\sum s_i = 1`)
and :math:`v_i` the share of the term's occurrences in part :math:`i`:

.. math::

    DP = \\tfrac12 \\sum_{i=1}^{n} |v_i - s_i|,
    \\qquad
    DP_{norm} = \\frac{DP}{1 - \\min_i s_i}

``DP`` is 0 for a term spread exactly like the words of the corpus and
approaches 1 for a term confined to one small part; ``DP_norm`` (Lijffijt and
Gries 2012) rescales it so that 1 is the largest value possible given the
part sizes. *range* is the number of parts the term occurs in.

For where terms occur along the text, see
:func:`textmine.plots.dispersion.plot_dispersion`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from ._frames import empty_frame, require_frame, require_int, sort_rows
from ._tokens import fold, reading_order, select_tokens
from .errors import InputError

__all__ = ["dispersion", "equal_parts"]


def equal_parts(n_items: int, n_parts: int) -> np.ndarray:
    """Part index ``floor(i * n_parts / n_items)`` of items ``0..n_items-1``.

    Consecutive parts whose sizes differ by at most one.
    """
    return (np.arange(n_items, dtype=np.int64) * n_parts) // max(n_items, 1)


def _as_terms(terms: Any, func: str) -> list[str] | None:
    if terms is None:
        return None
    if isinstance(terms, str):
        terms = [terms]
    elif isinstance(terms, Iterable) and not isinstance(terms, (bytes, pd.DataFrame)):
        terms = list(terms)
    else:
        raise TypeError(f"{func}: terms must be a str or a list of str, got {type(terms).__name__}.")
    bad = [t for t in terms if not isinstance(t, str)]
    if bad:
        raise TypeError(f"{func}: terms must be strings; got {bad[0]!r} ({type(bad[0]).__name__}).")
    multi = [t for t in terms if len(t.split()) != 1]
    if multi:
        raise InputError(f"{func}: {multi[0]!r} is not a single token; dispersion works on tokens (for phrases, use textmine.concordance.kwic).")
    if len(set(terms)) != len(terms):
        raise InputError(f"{func}: terms lists a term twice: {terms}.")
    return terms


def dispersion(
    tokens: pd.DataFrame,
    terms: str | Iterable[str] | None = None,
    *,
    parts: str | int = "para_id",
    term: str = "norm",
    voice: str = "all",
    include_punct: bool = False,
    include_numbers: bool = True,
    include_citations: bool = False,
    min_count: int = 1,
) -> pd.DataFrame:
    """Gries' DP and DPnorm, range and frequency per term.

    Parameters
    ----------
    tokens : DataFrame
        A token frame (``doc.tokens``), in reading order.
    terms : str or list of str, optional
        Terms to describe (single tokens; matched case-insensitively when
        *term* is ``"norm"``). ``None``: every term with at least
        *min_count* occurrences.
    parts : str or int
        A column of *tokens* whose values are the parts (``"para_id"``,
        ``"period"``, ``"doc_id"``...), or a number of consecutive parts of
        (nearly) equal size in words.
    term : str
        Token column holding the term (``norm`` or ``token``).
    voice, include_punct, include_numbers, include_citations
        Which tokens count as corpus words, as in
        :func:`textmine.term_counts` (punctuation and citations out by
        default). Part sizes :math:`s_i` are shares of these words.
    min_count : int
        With ``terms=None``, the smallest frequency reported.

    Returns
    -------
    DataFrame
        ``term, n, n_parts, range, dp, dp_norm``: ``n`` the term's frequency,
        ``n_parts`` the number of parts (with at least one word), ``range``
        the number of parts where the term occurs, ``dp`` and ``dp_norm``
        as in the module docstring (NaN for a term that does not occur;
        ``dp_norm`` NaN when there is only one part). With *terms* given,
        rows follow its order (absent terms get ``n = 0``); otherwise sorted
        by ``n`` descending, then ``term``.
    """
    func = "textmine.dispersion"
    require_frame(tokens, func=func, arg="tokens", hint="pass the token frame, e.g. doc.tokens")
    wanted = _as_terms(terms, func)
    min_count = require_int(min_count, func=func, arg="min_count", minimum=1)
    if isinstance(parts, bool) or not isinstance(parts, (str, int, np.integer)):
        raise TypeError(f"{func}: parts must be a column name or a number of parts, got {type(parts).__name__}.")
    by = [parts] if isinstance(parts, str) else []
    if not isinstance(parts, str):
        require_int(parts, func=func, arg="parts", minimum=1)
    work, keep = select_tokens(
        tokens, func=func, by=by, voice=voice, term=term,
        include_punct=include_punct, include_numbers=include_numbers, include_citations=include_citations,
    )
    columns = {"term": "str", "n": "int64", "n_parts": "int64", "range": "int64", "dp": "float64", "dp_norm": "float64"}
    order = reading_order(tokens)
    work = work.iloc[order].reset_index(drop=True)
    keep = keep[order]
    sel = work.loc[keep].reset_index(drop=True)
    values = sel["term"].astype("str")
    if term == "norm":
        values = values.str.lower().str.replace("\u2019", "'", regex=False)
        if wanted is not None:
            wanted_keys = [fold(t) for t in wanted]
    if wanted is not None and term != "norm":
        wanted_keys = list(wanted)
    if sel.empty:
        if wanted is None:
            return empty_frame(columns)
        return pd.DataFrame({
            "term": pd.Series(wanted, dtype="str"), "n": np.zeros(len(wanted), dtype="int64"),
            "n_parts": np.zeros(len(wanted), dtype="int64"), "range": np.zeros(len(wanted), dtype="int64"),
            "dp": np.full(len(wanted), np.nan), "dp_norm": np.full(len(wanted), np.nan),
        })
    if isinstance(parts, str):
        part = pd.factorize(sel[parts])[0]
    else:
        part = equal_parts(len(sel), int(parts))
    n_parts = int(part.max()) + 1
    size = np.bincount(part, minlength=n_parts).astype("float64")
    nonempty = size > 0
    s = size[nonempty] / size.sum()                                   # s_i
    codes, vocab = pd.factorize(values)
    table = np.zeros((len(vocab), n_parts), dtype="float64")
    np.add.at(table, (codes, part), 1.0)
    table = table[:, nonempty]
    freq = table.sum(axis=1)                                           # f
    v = table / freq[:, None]                                          # v_i
    dp = 0.5 * np.abs(v - s[None, :]).sum(axis=1)                      # DP (Gries 2008)
    min_s = s.min()
    dp_norm = dp / (1.0 - min_s) if min_s < 1.0 else np.full(len(dp), np.nan)   # DPnorm (Lijffijt & Gries 2012)
    rng = (table > 0).sum(axis=1)
    stats = pd.DataFrame({
        "term": pd.Series(np.asarray(vocab, dtype=object), dtype="str"),
        "n": freq.astype("int64"),
        "n_parts": np.full(len(vocab), int(nonempty.sum()), dtype="int64"),
        "range": rng.astype("int64"),
        "dp": dp,
        "dp_norm": dp_norm,
    })
    if wanted is None:
        stats = stats.loc[stats["n"] >= min_count]
        return sort_rows(stats, ["n", "term"], [False, True])
    found = stats.set_index("term").reindex(wanted_keys)
    out = pd.DataFrame({
        "term": pd.Series(wanted, dtype="str"),
        "n": found["n"].fillna(0).to_numpy(dtype="int64"),
        "n_parts": np.full(len(wanted), int(nonempty.sum()), dtype="int64"),
        "range": found["range"].fillna(0).to_numpy(dtype="int64"),
        "dp": found["dp"].to_numpy(dtype="float64"),
        "dp_norm": found["dp_norm"].to_numpy(dtype="float64"),
    })
    return out
