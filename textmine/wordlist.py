"""Word lists: frequency, relative frequency, range and dispersion of every term.

The table a concordancer starts from (AntConc's *Word List*, Voyant's
*Terms*): every term of a text or corpus with how often it occurs, how often
per 1,000 words, in how many parts (documents or paragraphs) and how evenly
it is spread over them, optionally for each group (``by="period"``,
``by="doc_id"``...). With :math:`f` the term's frequency in a group,
:math:`N` the group's running words, :math:`n` the group's parts with at
least one word, :math:`N_i` the words of part :math:`i`, :math:`f_i` the
term's frequency there, :math:`s_i = N_i / N` and :math:`v_i = f_i / f`:

.. math::

    \\mathrm{per\\_1000} = 1000 \\, f / N, \\qquad
    \\mathrm{range} = |\\{i : f_i > 0\\}|

    DP = \\tfrac12 \\sum_{i=1}^{n} |v_i - s_i|, \\qquad
    DP_{norm} = \\frac{DP}{1 - \\min_i s_i}

Gries' (2008) deviation of proportions and its normalisation (Lijffijt and
Gries 2012), as in :func:`textmine.dispersion.dispersion`, which this module
agrees with exactly; it is computed here over the (term, part) pairs that
occur only, as :math:`DP = \\tfrac12 (\\sum_{f_i > 0} |v_i - s_i| + 1 -
\\sum_{f_i > 0} s_i)`, so a list over twenty thousand paragraphs never builds
a terms × parts table.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ._codes import count_keys, folded, group_codes, term_codes, word_mask
from ._frames import as_columns, require_columns, require_frame, require_int
from .errors import InputError
from .stopwords import as_stop_set

__all__ = ["word_list"]

_OUTPUT = ("rank", "term", "n", "n_total", "per_1000", "range", "n_parts", "dp", "dp_norm")


def _default_parts(tokens: pd.DataFrame) -> list[str]:
    """``doc_id`` for several documents, ``para_id`` for one."""
    if "doc_id" in tokens.columns and tokens["doc_id"].nunique(dropna=True) > 1:
        return ["doc_id"]
    return ["para_id"]


def word_list(
    tokens: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = None,
    parts: str | Sequence[str] | None = None,
    term: str = "norm",
    stop_words: Iterable[str] | None = (),
    min_count: int = 1,
    include_punct: bool = False,
    include_numbers: bool = True,
    include_citations: bool = False,
) -> pd.DataFrame:
    """Every term with its frequency, relative frequency, range and dispersion.

    Parameters
    ----------
    tokens : DataFrame
        A token frame (``doc.tokens``, ``corpus.tokens``), with the *term*
        column, ``kind`` and ``in_citation`` (for the word filters) and the
        *by* and *parts* columns.
    by : str or list of str, optional
        Grouping column(s): one word list per group (``"period"``,
        ``"doc_id"``, a metadata column joined onto the tokens). ``None``:
        one list for all tokens.
    parts : str or list of str, optional
        The column(s) whose values are the parts for range and dispersion.
        Default: ``"doc_id"`` when *tokens* hold several documents (AntConc's
        range is the number of files), ``"para_id"`` within one document.
        For paragraphs of a corpus pass ``["doc_id", "para_id"]``.
    term : str
        Column holding the term (``"norm"``: lower-cased; ``"token"``: as written).
    stop_words : iterable of str or None
        Terms left out of the list (case-insensitive); they still count as
        running words in ``n_total`` and in the part sizes, so the other
        numbers do not depend on the list. ``()`` keeps all; ``None`` uses
        :data:`textmine.ENGLISH_STOP_WORDS`.
    min_count : int
        Keep terms with ``n >= min_count`` (per group).
    include_punct, include_numbers, include_citations : bool
        Which tokens are words, as in :func:`textmine.terms.term_counts`
        (default: no punctuation, numbers kept, no citation apparatus).

    Returns
    -------
    DataFrame
        ``*by, rank, term, n, n_total, per_1000, range, n_parts, dp,
        dp_norm``: ``n`` is :math:`f`, ``n_total`` :math:`N`, ``range`` and
        ``n_parts`` :math:`n` as in the module notes, ``dp``/``dp_norm``
        Gries' DP and DPnorm (``dp_norm`` NaN when the group has a single
        part). ``rank`` is the competition rank of ``n`` within the group
        (1, 2, 2, 4...). Sorted by group (categoricals such as ``period`` in
        category order), then ``n`` descending, then ``term``. Empty input
        gives an empty frame with these columns.

    Examples
    --------
    >>> word_list(doc.tokens, stop_words=None).head(20)          # doctest: +SKIP
    >>> word_list(corpus.tokens, by="period", min_count=5)       # doctest: +SKIP
    """
    func = "textmine.word_list"
    require_frame(tokens, func=func, arg="tokens", hint="pass the token frame, e.g. doc.tokens")
    by_cols = as_columns(by, func=func, arg="by")
    if set(by_cols) & set(_OUTPUT):
        raise InputError(f"{func}: by={by_cols} uses an output column name ({', '.join(_OUTPUT)}); rename that column first.")
    part_cols = _default_parts(tokens) if parts is None else as_columns(parts, func=func, arg="parts")
    if not part_cols:
        raise InputError(f"{func}: parts is empty; pass a column such as 'doc_id' or 'para_id'.")
    if not isinstance(term, str):
        raise TypeError(f"{func}: term must be a column name (str), got {type(term).__name__}.")
    min_count = require_int(min_count, func=func, arg="min_count", minimum=1)
    stops = as_stop_set(stop_words, func=func)
    require_columns(tokens, dict.fromkeys([term, *by_cols, *part_cols]), func=func, arg="tokens",
                    hint="pass doc.tokens (for a metadata column, join it onto the tokens first)")
    keep = word_mask(tokens, func=func, include_punct=include_punct, include_numbers=include_numbers,
                     include_citations=include_citations)
    t_all, vocab = term_codes(tokens[term])
    keep &= t_all >= 0
    g_all, levels = group_codes(tokens, by_cols, func=func, keep=keep)
    keep &= g_all >= 0
    p_all, _ = group_codes(tokens, part_cols, func=func, keep=keep, warn=False, dense=False)
    keep &= p_all >= 0

    columns: dict[str, Any] = {c: tokens[c].dtype for c in by_cols}
    columns.update({"rank": "int64", "term": "str", "n": "int64", "n_total": "int64", "per_1000": "float64",
                    "range": "int64", "n_parts": "int64", "dp": "float64", "dp_norm": "float64"})
    if not keep.any():
        return pd.DataFrame({c: pd.Series(dtype=d) for c, d in columns.items()})
    t, p = t_all[keep], p_all[keep]
    n_vocab, n_part_codes = len(vocab), int(p.max()) + 1
    if by_cols:
        g = g_all[keep]
        n_groups = int(g.max()) + 1
        gp, gt = g * n_part_codes + p, g * n_vocab + t
    else:  # one group: no group arrays to carry
        n_groups, gp, gt = 1, p, t

    # words per group (N) and per (group, part) (N_i): stop words included
    gp_keys, gp_size = count_keys(gp, n_groups * n_part_codes)
    n_total = np.bincount(gp_keys // n_part_codes, weights=gp_size, minlength=n_groups).astype(np.int64)
    gp_group = gp_keys // n_part_codes
    n_parts = np.bincount(gp_group, minlength=n_groups).astype(np.int64)
    share = gp_size / n_total[gp_group]                                   # s_i = N_i / N
    min_share = np.full(n_groups, np.inf)
    np.minimum.at(min_share, gp_group, share)

    # f_i: the term's count in each part where it occurs, keyed (group, term, part)
    gtp_keys, f_i = count_keys(gt * n_part_codes + p, n_groups * n_vocab * n_part_codes)
    if stops:  # stop words leave the list, not the counts of words (dropped after counting: fewer passes)
        is_stop = np.isin(np.asarray(folded(vocab), dtype=object), list(stops))
        counted = ~is_stop[(gtp_keys // n_part_codes) % n_vocab]
        gtp_keys, f_i = gtp_keys[counted], f_i[counted]
        if not len(gtp_keys):
            return pd.DataFrame({c: pd.Series(dtype=d) for c, d in columns.items()})
    gtp_gt = gtp_keys // n_part_codes
    gtp_gp = (gtp_gt // n_vocab) * n_part_codes + gtp_keys % n_part_codes
    if n_groups * n_part_codes <= max(4 * len(gtp_gp), 1 << 20):
        dense = np.zeros(n_groups * n_part_codes)
        dense[gp_keys] = share
        s_i = dense[gtp_gp]
    else:
        s_i = share[np.searchsorted(gp_keys, gtp_gp)]
    # gtp keys are ascending, so each (group, term) is one run
    first = np.flatnonzero(np.r_[True, gtp_gt[1:] != gtp_gt[:-1]])
    gt_keys = gtp_gt[first]
    f = np.add.reduceat(f_i, first)                                       # f
    v_i = f_i / np.repeat(f, np.diff(np.r_[first, len(f_i)]))            # v_i = f_i / f
    dev = np.add.reduceat(np.abs(v_i - s_i), first)                       # sum over f_i > 0 of |v_i - s_i|
    covered = np.add.reduceat(s_i, first)                                 # sum over f_i > 0 of s_i
    rng = np.diff(np.r_[first, len(f_i)])
    grp = gt_keys // n_vocab
    dp = 0.5 * (dev + np.maximum(1.0 - covered, 0.0))                     # DP (Gries 2008)
    denom = 1.0 - min_share[grp]
    with np.errstate(divide="ignore", invalid="ignore"):
        dp_norm = np.where(n_parts[grp] > 1, dp / denom, np.nan)          # DPnorm (Lijffijt & Gries 2012)

    out = levels.iloc[grp].reset_index(drop=True) if by_cols else pd.DataFrame(index=pd.RangeIndex(len(grp)))
    out["term"] = pd.Series(vocab[gt_keys % n_vocab], dtype="str")
    out["n"] = f.astype(np.int64)
    out["n_total"] = n_total[grp]
    out["per_1000"] = 1000.0 * f / n_total[grp]
    out["range"] = rng.astype(np.int64)
    out["n_parts"] = n_parts[grp]
    out["dp"] = dp
    out["dp_norm"] = dp_norm
    out["_g"] = grp
    out = out.loc[out["n"] >= min_count]
    out = out.sort_values(["_g", "n", "term"], ascending=[True, False, True], kind="stable").reset_index(drop=True)
    out.insert(len(by_cols), "rank", out.groupby("_g", sort=False)["n"].rank(method="min", ascending=False).astype("int64"))
    out = out.drop(columns="_g")
    if out.empty:
        return pd.DataFrame({c: pd.Series(dtype=d) for c, d in columns.items()})
    return out
