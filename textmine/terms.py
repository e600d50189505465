"""Term statistics: counts, tf-idf, keyness and weighted log-odds.

Each function is a pure frame → frame verb, in the tidytext manner::

    tokens → term_counts → tf_idf / keyness / log_odds → plots

* :func:`term_counts` turns a token frame into tidy counts per group
  (``by=`` any column(s): ``period``, ``doc_id``, ``speaker``, ``voice``...).
* :func:`tf_idf` adds term frequency, inverse document frequency and their
  product, treating each value of ``document=`` as a document.
* :func:`keyness` compares a target group with a reference (the rest by
  default): signed log-likelihood G2, chi-square, log-ratio, p-values, with
  the raw counts and totals beside every statistic.
* :func:`log_odds` is Monroe, Colaresi and Quinn's (2008) "Fightin' Words"
  weighted log-odds-ratio with an informative Dirichlet prior.

Defaults that lose information are stated, never silent: punctuation and
citation apparatus (``in_citation``) are left out of counts; stop words are
kept unless you pass ``stop_words=`` (as in tidytext and quanteda, where
they are removed explicitly), because function words can be key and because
every denominator (``n_total``) counts all words anyway.
"""

from __future__ import annotations

import difflib
import warnings
from collections.abc import Hashable, Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ._compat import deprecated_alias
from ._frames import as_columns, empty_frame, require_columns, require_frame, require_int, sort_rows
from ._stats import chi2_sf, normal_two_sided
from ._tokens import VOICES, select_tokens, voice_column
from .errors import InputError, TextmineWarning
from .stopwords import as_stop_set

__all__ = ["term_counts", "count_terms", "tf_idf", "keyness", "log_odds", "with_voice", "VOICES"]


# --------------------------------------------------------------------------
# voice
# --------------------------------------------------------------------------
def with_voice(
    tokens: pd.DataFrame,
    quotations: pd.DataFrame | None = None,
    *,
    kinds: str | Iterable[str] = ("quotation",),
) -> pd.DataFrame:
    """Add a ``voice`` column (``author`` / ``quoted``) to a token frame.

    Without *quotations*, a token is ``quoted`` when ``in_quote`` is true —
    which includes the author's scare quotes ("friends") and quoted titles.
    With *quotations* (``doc.quotations``), a token is ``quoted`` only when
    its quotation's ``kind`` is in *kinds* (default: ``quotation``, words
    quoted from a source), so scare-quoted terms stay in the author's voice.

    :func:`term_counts` and friends use the ``voice`` column, when present,
    both for ``by="voice"`` and for ``voice="author"``/``"quoted"``.

    Parameters
    ----------
    tokens : DataFrame
        Token frame with ``in_quote`` (and ``quote_id`` with *quotations*).
    quotations : DataFrame, optional
        Quotation frame with ``quote_id`` and ``kind``.
    kinds : str or iterable of str
        Quotation kinds that count as quoted voice.

    Returns
    -------
    DataFrame
        A copy of *tokens* (same rows, same order, a fresh RangeIndex) with
        ``voice`` (ordered categorical ``["author", "quoted"]``), replacing
        any existing one.

    Examples
    --------
    >>> tokens = with_voice(doc.tokens, doc.quotations)                # doctest: +SKIP
    >>> keyness(term_counts(tokens, by="voice"), group="voice", target="quoted")  # doctest: +SKIP
    """
    func = "textmine.with_voice"
    require_frame(tokens, func=func, arg="tokens", hint="pass the token frame, e.g. doc.tokens")
    if quotations is None:
        require_columns(tokens, ["in_quote"], func=func, arg="tokens", hint="Pass doc.tokens.")
        out = tokens.reset_index(drop=True)
        out["voice"] = voice_column(out["in_quote"])
        return out
    require_frame(quotations, func=func, arg="quotations", hint="pass doc.quotations")
    kind_list = [kinds] if isinstance(kinds, str) else list(kinds)
    if not kind_list or not all(isinstance(k, str) for k in kind_list):
        raise TypeError(f"{func}: kinds must be a str or a list of str (e.g. ['quotation']), got {kinds!r}.")
    require_columns(tokens, ["quote_id"], func=func, arg="tokens", hint="Pass doc.tokens.")
    require_columns(quotations, ["quote_id", "kind"], func=func, arg="quotations", hint="Pass doc.quotations.")
    known = set(quotations["kind"].dropna().astype("str")) | {"quotation", "term", "title"}
    unknown = [k for k in kind_list if k not in known]
    if unknown:
        close = difflib.get_close_matches(unknown[0], sorted(known), n=1)
        guess = f" Did you mean {close[0]!r}?" if close else ""
        raise InputError(f"{func}: unknown quotation kind {unknown[0]!r}.{guess} Kinds: {sorted(known)}.")
    quoted_ids = set(quotations.loc[quotations["kind"].isin(kind_list), "quote_id"].dropna().astype("int64").tolist())
    out = tokens.reset_index(drop=True)
    qid = out["quote_id"]
    quoted = qid.notna() & qid.isin(quoted_ids)
    out["voice"] = voice_column(quoted.astype(bool))
    return out


# --------------------------------------------------------------------------
# term_counts
# --------------------------------------------------------------------------
def term_counts(
    tokens: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = None,
    voice: str = "all",
    term: str = "norm",
    stop_words: Iterable[str] | None = (),
    min_count: int = 1,
    include_punct: bool = False,
    include_numbers: bool = True,
    include_citations: bool = False,
) -> pd.DataFrame:
    """Count terms per group, with relative frequency per 1,000 words.

    Parameters
    ----------
    tokens : DataFrame
        A token frame (``doc.tokens``): needs the *term* column, ``kind``
        (to leave out punctuation), ``in_citation`` (to leave out citation
        apparatus), ``in_quote`` (for *voice*) and the *by* columns.
    by : str or list of str, optional
        Grouping column(s) of *tokens*, e.g. ``"period"``, ``"doc_id"``,
        ``["period", "voice"]``. ``"voice"`` is derived from ``in_quote``
        (``author`` / ``quoted``, an ordered categorical) when *tokens* has
        no such column. ``None`` counts over the whole frame.
    voice : {"all", "author", "quoted"}
        Keep every token, only the author's own words (``in_quote`` False)
        or only quoted words (``in_quote`` True).
    term : str
        Column holding the term: ``"norm"`` (lower-cased, default) or
        ``"token"`` (as written), or any other column (a lemma...).
    stop_words : iterable of str or None
        Terms to leave out of the counts, matched case-insensitively. Any
        iterable (list, set, Series, generator); a single string is refused.
        ``()`` (default) removes nothing, as tidytext and quanteda do;
        ``None`` means :data:`textmine.ENGLISH_STOP_WORDS`. Stop words still
        count in ``n_total``, so ``per_1000`` does not depend on the list.
    min_count : int
        Keep rows with ``n >= min_count`` (per group). For keyness, filter
        in :func:`keyness` instead, so that both sides keep their counts.
    include_punct, include_numbers, include_citations : bool
        Count punctuation tokens (default no), number tokens (default yes:
        years matter to historians), and tokens inside parenthetical
        citations (default no).

    Returns
    -------
    DataFrame
        ``*by, term, n, n_total, per_1000``, where ``n`` is the count of the
        term in the group, ``n_total`` the number of running words in the
        group (tokens passing the voice, punctuation, number and citation
        filters, stop words included) and ``per_1000 = 1000 * n / n_total``.
        Sorted by the group columns (categoricals such as ``period`` in
        their category order, i.e. chronologically), then ``n`` descending,
        then ``term`` ascending. Rows with a missing group value are left
        out with a warning.

    Examples
    --------
    >>> counts = term_counts(doc.tokens, by="period")             # doctest: +SKIP
    >>> term_counts(doc.tokens, by="voice", stop_words=None)      # doctest: +SKIP
    """
    func = "textmine.term_counts"
    require_frame(tokens, func=func, arg="tokens", hint="pass the token frame, e.g. doc.tokens")
    by_cols = as_columns(by, func=func, arg="by")
    if "term" in by_cols or any(c in ("n", "n_total", "per_1000") for c in by_cols):
        raise InputError(f"{func}: by={by_cols} uses an output column name (term, n, n_total, per_1000); rename that column first.")
    if not isinstance(term, str):
        raise TypeError(f"{func}: term must be a column name (str), got {type(term).__name__}.")
    min_count = require_int(min_count, func=func, arg="min_count", minimum=1)
    stops = as_stop_set(stop_words, func=func)

    work, keep = select_tokens(
        tokens, func=func, by=by_cols, voice=voice, term=term,
        include_punct=include_punct, include_numbers=include_numbers, include_citations=include_citations,
    )
    columns: dict[str, Any] = {c: work[c].dtype for c in by_cols}
    columns.update({"term": "str", "n": "int64", "n_total": "int64", "per_1000": "float64"})
    sel = work.loc[keep].reset_index(drop=True)
    sel["term"] = sel["term"].astype("str")
    if sel.empty:
        return empty_frame(columns)

    keys = by_cols if by_cols else ["_all"]
    if not by_cols:
        sel["_all"] = 0
    totals = sel.groupby(keys, observed=True, sort=False).size().rename("n_total").reset_index()
    if stops:
        folded = sel["term"].str.lower().str.replace("\u2019", "'", regex=False)
        sel = sel.loc[~folded.isin(stops).to_numpy()]
    counts = sel.groupby([*keys, "term"], observed=True, sort=False).size().rename("n").reset_index()
    counts = counts.merge(totals, on=keys, how="left")
    counts = counts.loc[counts["n"] >= min_count]
    if not by_cols:
        counts = counts.drop(columns="_all")
    out = pd.DataFrame({c: counts[c] for c in by_cols})
    out["term"] = counts["term"].astype("str")
    out["n"] = counts["n"].astype("int64")
    out["n_total"] = counts["n_total"].astype("int64")
    out["per_1000"] = 1000.0 * out["n"] / out["n_total"]
    out = sort_rows(out, [*by_cols, "n", "term"], [True] * len(by_cols) + [False, True])
    if out.empty:
        return empty_frame(columns)
    return out


#: The old name (before the naming grammar of ``CONTRIBUTING.md``): warns and
#: calls :func:`term_counts`.
count_terms = deprecated_alias(term_counts, "textmine.count_terms", "textmine.term_counts")


# --------------------------------------------------------------------------
# tf-idf
# --------------------------------------------------------------------------
def _check_counts(counts: pd.DataFrame, keys: list[str], n: str, func: str, what: str) -> None:
    """One row per *keys* combination; *n* numeric, finite, non-negative."""
    if not pd.api.types.is_numeric_dtype(counts[n]) or pd.api.types.is_bool_dtype(counts[n]):
        raise TypeError(f"{func}: column {n!r} must hold numbers (counts), got dtype {counts[n].dtype}.")
    vals = counts[n].to_numpy(dtype="float64", na_value=np.nan)
    if np.isnan(vals).any():
        raise InputError(f"{func}: column {n!r} has {int(np.isnan(vals).sum())} missing value(s); drop or fill them first.")
    if (vals < 0).any() or np.isinf(vals).any():
        raise InputError(f"{func}: column {n!r} must be finite and non-negative counts; got {vals[(vals < 0) | np.isinf(vals)][:3].tolist()}.")
    dup = counts.duplicated(keys, keep=False)
    if dup.any():
        example = counts.loc[dup, keys].head(3).to_dict("records")
        raise InputError(
            f"{func}: counts must have one row per {what}, but {int(dup.sum())} rows repeat a "
            f"({', '.join(keys)}) pair, e.g. {example}. Aggregate first, e.g. "
            f"counts.groupby({keys}, as_index=False, observed=True)[{n!r}].sum(), or build the "
            "counts with textmine.term_counts."
        )


def tf_idf(
    counts: pd.DataFrame,
    *,
    document: str | Sequence[str] = "doc_id",
    term: str = "term",
    n: str = "n",
    smooth: bool = False,
    sublinear: bool = False,
) -> pd.DataFrame:
    """Add term frequency, inverse document frequency and tf-idf to tidy counts.

    Each distinct value of *document* (e.g. ``doc_id``, ``period``,
    ``para_id``) is one document. For term :math:`t` and document :math:`d`,
    with :math:`n_{t,d}` the count, :math:`N` the number of documents and
    :math:`df_t` the number of documents with :math:`n_{t,d} > 0`:

    .. math::

        tf_{t,d} = n_{t,d} / \\sum_{t'} n_{t',d}
        \\qquad (\\text{sublinear: } tf_{t,d} = 1 + \\ln n_{t,d},\\ 0 \\text{ if } n_{t,d}=0)

        idf_t = \\ln(N / df_t)
        \\qquad (\\text{smooth: } idf_t = \\ln\\frac{1 + N}{1 + df_t})

        tf\\_idf_{t,d} = tf_{t,d} \\cdot idf_t

    This is the textbook (and tidytext ``bind_tf_idf``) definition: a term
    in every document gets idf 0. The denominator of *tf* is the sum of the
    rows present for the document, so pass counts before any ``min_count``
    filter.

    How scikit-learn's ``TfidfTransformer`` differs: it uses raw counts as
    tf (not proportions), adds 1 to every idf (``ln(N/df) + 1``, or with
    ``smooth_idf=True`` — its default — ``ln((1+N)/(1+df)) + 1``), so that
    terms in every document are not zeroed, and then scales each document
    vector to unit Euclidean length (``norm="l2"``). Hence, for
    ``smooth=True``: ``sklearn idf_ = idf + 1``, and sklearn's unnormalised
    value is ``n * (idf + 1)``.

    Parameters
    ----------
    counts : DataFrame
        Tidy counts with one row per document–term pair (checked up front),
        e.g. from :func:`term_counts`.
    document : str or list of str
        Column(s) identifying a document.
    term, n : str
        Term and count columns.
    smooth : bool
        Use the smoothed idf above (as if one extra document held every term).
    sublinear : bool
        Use ``1 + ln(n)`` as tf (as scikit-learn's ``sublinear_tf``).

    Returns
    -------
    DataFrame
        The input columns plus ``tf``, ``idf``, ``tf_idf`` (float64); rows
        with ``n == 0`` get ``tf = tf_idf = 0`` and do not count in
        :math:`df_t` (a term never seen gets ``idf`` NaN). Sorted by
        *document* (categoricals in category order), then ``tf_idf``
        descending, then *term* ascending.
    """
    func = "textmine.tf_idf"
    require_frame(counts, func=func, arg="counts", hint="pass tidy counts, e.g. term_counts(doc.tokens, by='period')")
    docs = as_columns(document, func=func, arg="document")
    if not docs:
        raise InputError(f"{func}: document must name at least one column (e.g. 'doc_id' or 'period').")
    for name, val in (("term", term), ("n", n)):
        if not isinstance(val, str):
            raise TypeError(f"{func}: {name} must be a column name (str), got {type(val).__name__}.")
    for name, flag in (("smooth", smooth), ("sublinear", sublinear)):
        if not isinstance(flag, (bool, np.bool_)):
            raise TypeError(f"{func}: {name} must be True or False, got {flag!r}.")
    require_columns(counts, [*docs, term, n], func=func, arg="counts", hint="Name the columns with document=, term= and n= (term_counts gives 'term' and 'n').")
    clash = [c for c in ("tf", "idf", "tf_idf") if c in counts.columns]
    if clash:
        raise InputError(f"{func}: counts already has column(s) {clash}; drop them before computing tf-idf again.")
    _check_counts(counts, [*docs, term], n, func, "document–term pair")

    out = counts.reset_index(drop=True).copy()
    if out.empty:
        for c in ("tf", "idf", "tf_idf"):
            out[c] = pd.Series(dtype="float64")
        return out
    nval = out[n].to_numpy(dtype="float64")
    doc_key = out.groupby(docs, observed=True, sort=False, dropna=False).ngroup().to_numpy()
    n_docs = int(doc_key.max()) + 1
    doc_len = np.bincount(doc_key, weights=nval, minlength=n_docs)
    if sublinear:
        with np.errstate(divide="ignore"):
            tf = np.where(nval > 0, 1.0 + np.log(np.where(nval > 0, nval, 1.0)), 0.0)
    else:
        denom = doc_len[doc_key]
        tf = np.divide(nval, denom, out=np.zeros_like(nval), where=denom > 0)
    present = nval > 0
    df_t = out.loc[present].groupby(term, observed=True, sort=False).size()
    df = out[term].map(df_t).fillna(0).to_numpy(dtype="float64")
    with np.errstate(divide="ignore"):
        if smooth:
            idf = np.log((1.0 + n_docs) / (1.0 + df))
        else:
            idf = np.where(df > 0, np.log(n_docs / np.where(df > 0, df, 1.0)), np.nan)
    idf = np.where(df > 0, idf, np.nan)  # a term never seen: undefined
    out["tf"] = tf
    out["idf"] = idf
    out["tf_idf"] = np.where(tf == 0, 0.0, tf * np.nan_to_num(idf))
    return sort_rows(out, [*docs, "tf_idf", term], [True] * len(docs) + [False, True])


# --------------------------------------------------------------------------
# keyness and log-odds: shared set-up
# --------------------------------------------------------------------------
def _as_values(value: Any) -> list[Hashable]:
    if isinstance(value, (list, tuple, set, frozenset, pd.Series, pd.Index, np.ndarray)):
        vals = list(value)
        if isinstance(value, (set, frozenset)):
            vals = sorted(vals, key=str)
        return vals
    return [value]


def _label(values: list[Hashable]) -> str:
    return "+".join(str(v) for v in values)


def _check_levels(values: list[Hashable], levels: list[Hashable], func: str, arg: str, group: str) -> None:
    level_set = set(levels)
    for v in values:
        if v not in level_set:
            close = difflib.get_close_matches(str(v), [str(x) for x in levels], n=1)
            guess = f" Did you mean {close[0]!r}?" if close else ""
            raise InputError(
                f"{func}: {arg}={v!r} is not a value of column {group!r}.{guess} "
                f"Values present: {[*levels][:15]}."
            )


def _comparisons(
    counts: pd.DataFrame, group: str, target: Any, reference: Any, func: str
) -> list[tuple[list[Hashable], list[Hashable], str, str]]:
    """``(target values, reference values, target label, reference label)`` per comparison."""
    col = counts[group]
    if isinstance(col.dtype, pd.CategoricalDtype):
        present = set(col.dropna().unique().tolist())
        levels = [c for c in col.cat.categories if c in present]
    else:
        levels = list(pd.unique(col.dropna()))
        try:
            levels = sorted(levels)
        except TypeError:
            pass
    if len(levels) < 2:
        raise InputError(f"{func}: column {group!r} has {len(levels)} group(s) ({levels}); a comparison needs at least two.")
    if target is None:
        if reference is not None:
            raise InputError(f"{func}: reference={reference!r} needs a target; pass target= too, or leave both out to compare every group with the rest.")
        return [([lv], [x for x in levels if x != lv], str(lv), "rest") for lv in levels]
    tvals = _as_values(target)
    _check_levels(tvals, levels, func, "target", group)
    if reference is None:
        rvals = [x for x in levels if x not in set(tvals)]
        rlabel = "rest"
    else:
        rvals = _as_values(reference)
        _check_levels(rvals, levels, func, "reference", group)
        rlabel = _label(rvals)
    overlap = set(tvals) & set(rvals)
    if overlap:
        raise InputError(f"{func}: {sorted(map(str, overlap))} is both in target and in reference; they must be disjoint.")
    if not rvals:
        raise InputError(f"{func}: target={tvals} covers every group of {group!r}; there is nothing left to compare with.")
    return [(tvals, rvals, _label(tvals), rlabel)]


def _prepare_comparison(counts, *, group, term, n, func, total_col):
    if not isinstance(group, str):
        raise TypeError(f"{func}: group must be one column name (str), got {type(group).__name__}.")
    for name, val in (("term", term), ("n", n)):
        if not isinstance(val, str):
            raise TypeError(f"{func}: {name} must be a column name (str), got {type(val).__name__}.")
    need = [group, term, n] + ([total_col] if total_col else [])
    require_columns(counts, need, func=func, arg="counts", hint="Build counts with textmine.term_counts(tokens, by=...).")
    _check_counts(counts, [group, term], n, func, "group–term pair")


class _TermMatrix:
    """Counts as a dense term × group matrix, built once for all comparisons."""

    def __init__(self, counts: pd.DataFrame, *, group: str, term: str, n: str):
        t_codes, self.terms = pd.factorize(counts[term].astype("str"), sort=True)
        g_codes, groups = pd.factorize(counts[group])
        self.index = {g: i for i, g in enumerate(groups.tolist())}
        self.matrix = np.zeros((len(self.terms), len(groups)), dtype="float64")
        np.add.at(self.matrix, (t_codes, g_codes), counts[n].to_numpy(dtype="float64"))

    def vector(self, values: list[Hashable]) -> np.ndarray:
        cols = [self.index[v] for v in values if v in self.index]
        return self.matrix[:, cols].sum(axis=1)


def _group_totals(counts: pd.DataFrame, *, group: str, n: str, total_col: str | None, func: str) -> pd.Series:
    sums = counts.groupby(group, observed=True, sort=False)[n].sum().astype("float64")
    if total_col is None:
        return sums
    t = counts.groupby(group, observed=True, sort=False)[total_col]
    if (t.nunique(dropna=False) > 1).any():
        raise InputError(f"{func}: column {total_col!r} must hold one value per group (the group's size), but it varies within a group.")
    tot = t.first().astype("float64")
    if (tot < sums - 1e-9).any():
        bad = tot.index[(tot < sums - 1e-9).to_numpy()][0]
        raise InputError(f"{func}: in group {bad!r}, {total_col!r} ({tot[bad]:g}) is smaller than the sum of {n!r} ({sums[bad]:g}).")
    return tot


# --------------------------------------------------------------------------
# keyness
# --------------------------------------------------------------------------
_KEYNESS_STATS = ("g2", "chi2", "log_ratio")


def keyness(
    counts: pd.DataFrame,
    *,
    group: str,
    target: Any = None,
    reference: Any = None,
    term: str = "term",
    n: str = "n",
    total: str | None = None,
    min_count: int = 1,
    yates: bool = False,
    zero: float = 0.5,
    sort_by: str = "g2",
) -> pd.DataFrame:
    """Keyness of each term in a target group against a reference.

    For each term, with :math:`a` its count in the target, :math:`b` in the
    reference, :math:`N_T` and :math:`N_R` the target and reference sizes
    and :math:`N = N_T + N_R`, the 2×2 table is
    ``[[a, b], [N_T - a, N_R - b]]`` with expected values
    :math:`E_{ij} = R_i C_j / N` (row totals :math:`R`, column totals
    :math:`C`). Then

    * ``g2``: log-likelihood :math:`G^2 = 2 \\sum_{ij} O_{ij} \\ln(O_{ij}/E_{ij})`
      over all four cells (Dunning 1993; :math:`0 \\ln 0 = 0`). Rayson and
      Garside's (2000) keyness calculator sums only the two cells of the
      term (:math:`a` and :math:`b`); the two agree closely when the term is
      rare. Equals ``scipy.stats.chi2_contingency(table, correction=False,
      lambda_="log-likelihood")``.
    * ``chi2``: Pearson's :math:`X^2 = \\sum_{ij} (O_{ij}-E_{ij})^2/E_{ij}`,
      without Yates' continuity correction by default (``yates=True``
      applies it as scipy does: each :math:`|O-E|` reduced by
      :math:`\\min(0.5, |O-E|)`).
    * ``log_ratio``: Hardie's (2014) effect size
      :math:`\\log_2\\frac{a/N_T}{b/N_R}`, where a zero count is replaced by
      *zero* (0.5, as Hardie suggests) so that the value stays finite.

    ``g2`` and ``chi2`` are signed: positive when the term is relatively
    more frequent in the target (:math:`a/N_T > b/N_R`), negative when
    more frequent in the reference. ``p_g2`` and ``p_chi2`` are the upper
    tail of the chi-square distribution with 1 degree of freedom (no
    correction for testing many terms: read them as a ranking aid).

    Parameters
    ----------
    counts : DataFrame
        Tidy counts, one row per group–term pair (checked), e.g.
        ``term_counts(tokens, by="period")`` or ``by="voice"``.
    group : str
        Column holding the groups (``"period"``, ``"voice"``, ``"doc_id"``...).
    target : value or list of values, optional
        Group(s) forming the target. ``None`` compares every group in turn
        with the rest, stacking the results.
    reference : value or list of values, optional
        Group(s) forming the reference; ``None`` (default) is every other
        group. Target and reference must be disjoint.
    term, n : str
        Term and count columns.
    total : str, optional
        Column with each group's size in words. Default: ``n_total`` when
        *counts* has it (as :func:`term_counts` gives, so that removing stop
        words does not shrink the corpus), else the sum of *n* per group.
    min_count : int
        Keep terms with ``n_target + n_reference >= min_count``.
    yates : bool
        Apply Yates' continuity correction to ``chi2`` (not to ``g2``).
    zero : float
        Count substituted for zero counts in ``log_ratio`` only.
    sort_by : {"g2", "chi2", "log_ratio"}
        Statistic to sort by (descending, so the target's key terms come
        first and the reference's last); ties broken by ``term`` ascending.

    Returns
    -------
    DataFrame
        ``target, reference, term, n_target, n_reference, n_total_target,
        n_total_reference, per_1000_target, per_1000_reference, g2, p_g2,
        chi2, p_chi2, log_ratio``. ``target``/``reference`` are labels (the
        group value, values joined by ``+``, or ``"rest"``). Sorted by
        target (group order), then *sort_by* descending, then ``term``.

    Examples
    --------
    >>> counts = term_counts(doc.tokens, by="period")                    # doctest: +SKIP
    >>> keyness(counts, group="period", target="revolution")             # doctest: +SKIP
    >>> keyness(term_counts(doc.tokens, by="voice"), group="voice", target="quoted")  # doctest: +SKIP
    """
    func = "textmine.keyness"
    require_frame(counts, func=func, arg="counts", hint="pass tidy counts, e.g. term_counts(doc.tokens, by='period')")
    if total is None:
        total_col = "n_total" if "n_total" in counts.columns else None
    elif isinstance(total, str):
        total_col = total
    else:
        raise TypeError(f"{func}: total must be a column name or None, got {type(total).__name__}.")
    _prepare_comparison(counts, group=group, term=term, n=n, func=func, total_col=total_col)
    min_count = require_int(min_count, func=func, arg="min_count", minimum=1)
    if not isinstance(yates, (bool, np.bool_)):
        raise TypeError(f"{func}: yates must be True or False, got {yates!r}.")
    if isinstance(zero, bool) or not isinstance(zero, (int, float)) or not zero > 0:
        raise InputError(f"{func}: zero must be a positive number (0.5 as Hardie 2014), got {zero!r}.")
    if sort_by not in _KEYNESS_STATS:
        raise InputError(f"{func}: sort_by must be one of {list(_KEYNESS_STATS)}, got {sort_by!r}.")

    columns = {
        "target": "str", "reference": "str", "term": "str", "n_target": "int64", "n_reference": "int64",
        "n_total_target": "int64", "n_total_reference": "int64", "per_1000_target": "float64",
        "per_1000_reference": "float64", "g2": "float64", "p_g2": "float64", "chi2": "float64",
        "p_chi2": "float64", "log_ratio": "float64",
    }
    if counts.empty:
        return empty_frame(columns)
    totals = _group_totals(counts, group=group, n=n, total_col=total_col, func=func)
    tm_ = _TermMatrix(counts, group=group, term=term, n=n)
    frames = []
    for tvals, rvals, tlabel, rlabel in _comparisons(counts, group, target, reference, func):
        vocab, a, b = tm_.terms, tm_.vector(tvals), tm_.vector(rvals)
        n_t = float(totals.reindex(tvals).sum())
        n_r = float(totals.reindex(rvals).sum())
        if n_t <= 0 or n_r <= 0:
            raise InputError(f"{func}: target {tlabel!r} has {n_t:g} words and reference {rlabel!r} has {n_r:g}; both need words.")
        keep = (a + b) >= min_count
        keep &= (a + b) > 0
        vocab, a, b = vocab[keep], a[keep], b[keep]
        stats = _two_by_two(a, b, n_t, n_r, yates=yates, zero=float(zero))
        frame = pd.DataFrame({
            "target": pd.Series([tlabel] * len(vocab), dtype="str"),
            "reference": pd.Series([rlabel] * len(vocab), dtype="str"),
            "term": pd.Series(vocab.astype("str"), dtype="str"),
            "n_target": a.astype("int64"),
            "n_reference": b.astype("int64"),
            "n_total_target": np.full(len(vocab), int(round(n_t)), dtype="int64"),
            "n_total_reference": np.full(len(vocab), int(round(n_r)), dtype="int64"),
            "per_1000_target": 1000.0 * a / n_t,
            "per_1000_reference": 1000.0 * b / n_r,
            **stats,
        })
        frame = sort_rows(frame, [sort_by, "term"], [False, True])
        frames.append(frame)
    out = pd.concat(frames, ignore_index=True) if frames else empty_frame(columns)
    if out.empty:
        return empty_frame(columns)
    return out.reset_index(drop=True)


def _two_by_two(a: np.ndarray, b: np.ndarray, n_t: float, n_r: float, *, yates: bool, zero: float) -> dict[str, np.ndarray]:
    """Signed G2, chi-square, p-values and log-ratio for vectors of 2×2 tables."""
    total = n_t + n_r
    obs = np.stack([a, b, n_t - a, n_r - b])            # O11, O12, O21, O22
    row1 = a + b
    row2 = total - row1
    exp = np.stack([row1 * n_t, row1 * n_r, row2 * n_t, row2 * n_r]) / total
    with np.errstate(divide="ignore", invalid="ignore"):
        cell = np.where(obs > 0, obs * np.log(obs / exp), 0.0)   # 0 ln 0 = 0
        g2 = 2.0 * cell.sum(axis=0)
        dev = np.abs(obs - exp)
        if yates:
            dev = dev - np.minimum(0.5, dev)
        chi2 = np.where(exp > 0, dev**2 / exp, 0.0).sum(axis=0)
    g2 = np.maximum(g2, 0.0)  # rounding can give -1e-15
    sign = np.sign(a / n_t - b / n_r)
    a_z = np.where(a > 0, a, zero)
    b_z = np.where(b > 0, b, zero)
    return {
        "g2": sign * g2,
        "p_g2": chi2_sf(g2),
        "chi2": sign * chi2,
        "p_chi2": chi2_sf(chi2),
        "log_ratio": np.log2((a_z / n_t) / (b_z / n_r)),
    }


# --------------------------------------------------------------------------
# log-odds with an informative Dirichlet prior
# --------------------------------------------------------------------------
def _prior_counts(prior: Any, vocab: pd.Index, corpus: pd.Series, *, term: str, n: str, func: str) -> tuple[np.ndarray, str]:
    """Raw prior frequencies for *vocab* and a description of the prior.

    *corpus* holds each term's count over every group of the counts.
    """
    if isinstance(prior, str):
        if prior == "corpus":
            return corpus.reindex(vocab, fill_value=0).to_numpy(dtype="float64"), "corpus"
        if prior == "uniform":
            return np.ones(len(vocab), dtype="float64"), "uniform"
        raise InputError(f"{func}: prior must be 'corpus', 'uniform', a frequency table (DataFrame with {term!r} and {n!r}) or a Series term → count; got {prior!r}.")
    if isinstance(prior, pd.DataFrame):
        require_columns(prior, [term, n], func=func, arg="prior", hint=f"A prior table needs a term column {term!r} and a count column {n!r}.")
        table = prior.groupby(term, observed=True, sort=False)[n].sum()
    elif isinstance(prior, pd.Series):
        table = prior.groupby(level=0, sort=False).sum()
    elif isinstance(prior, dict):
        table = pd.Series(prior, dtype="float64")
    else:
        raise TypeError(f"{func}: prior must be 'corpus', 'uniform', a DataFrame or a Series, got {type(prior).__name__}.")
    if not pd.api.types.is_numeric_dtype(table):
        raise TypeError(f"{func}: the prior's counts must be numbers, got dtype {table.dtype}.")
    table = table.astype("float64")
    if table.isna().any() or (table < 0).any():
        raise InputError(f"{func}: the prior's counts must be non-negative numbers without gaps.")
    table.index = [str(i) for i in table.index]
    table = table.groupby(level=0).sum()
    positive = table[table > 0]
    if positive.empty:
        raise InputError(f"{func}: the prior table has no positive counts.")
    raw = table.reindex(vocab).to_numpy(dtype="float64")
    missing = np.isnan(raw) | (raw <= 0)
    if missing.any():
        floor = float(positive.min())
        warnings.warn(
            f"{func}: {int(missing.sum())} of {len(vocab)} terms are missing from the prior table "
            f"(e.g. {list(vocab[missing][:3])}); they get the table's smallest positive count ({floor:g}).",
            category=TextmineWarning, stacklevel=3,
        )
        raw = np.where(missing, floor, raw)
    return raw, "table"


def log_odds(
    counts: pd.DataFrame,
    *,
    group: str,
    target: Any = None,
    reference: Any = None,
    term: str = "term",
    n: str = "n",
    prior: Any = "corpus",
    alpha0: float | None = None,
    min_count: int = 1,
) -> pd.DataFrame:
    """Weighted log-odds-ratio with an informative Dirichlet prior ("Fightin' Words").

    Monroe, Colaresi and Quinn (2008), *Political Analysis* 16(4): 372–403,
    section 3.5. In their notation (topic subscript :math:`k` kept for
    fidelity; here there is one topic), :math:`y_{kw}^{(i)}` is the count of
    word :math:`w` in group :math:`i` (the target), :math:`y_{kw}^{(j)}` in
    group :math:`j` (the reference), :math:`n_k^{(i)} = \\sum_w y_{kw}^{(i)}`,
    :math:`\\alpha_{kw}` the prior pseudo-count of :math:`w` and
    :math:`\\alpha_{k0} = \\sum_w \\alpha_{kw}`:

    .. math::

        \\hat\\delta_{kw}^{(i-j)} = \\log\\frac{y_{kw}^{(i)} + \\alpha_{kw}}
            {n_k^{(i)} + \\alpha_{k0} - y_{kw}^{(i)} - \\alpha_{kw}}
          - \\log\\frac{y_{kw}^{(j)} + \\alpha_{kw}}
            {n_k^{(j)} + \\alpha_{k0} - y_{kw}^{(j)} - \\alpha_{kw}}

        \\sigma^2(\\hat\\delta_{kw}^{(i-j)}) \\approx
            \\frac{1}{y_{kw}^{(i)} + \\alpha_{kw}} + \\frac{1}{y_{kw}^{(j)} + \\alpha_{kw}}

        \\hat\\zeta_{kw}^{(i-j)} = \\hat\\delta_{kw}^{(i-j)} / \\sqrt{\\sigma^2(\\hat\\delta_{kw}^{(i-j)})}

    (natural logarithms). The informative prior sets
    :math:`\\alpha_{kw} = \\alpha_{k0} \\cdot f_w / \\sum_{w'} f_{w'}`, with
    :math:`f_w` the prior frequency of :math:`w`, the sum running over the
    compared vocabulary (terms seen in target or reference).

    Parameters
    ----------
    counts : DataFrame
        Tidy counts, one row per group–term pair (checked).
    group : str
        Column holding the groups.
    target, reference : value or list of values, optional
        As in :func:`keyness`: ``reference=None`` is the rest;
        ``target=None`` compares every group in turn with the rest.
    term, n : str
        Term and count columns (also the column names of a prior table).
    prior : "corpus", "uniform", DataFrame, Series or dict
        Source of :math:`f_w`. ``"corpus"`` (default): the counts of every
        group in *counts* (the whole corpus, as tidylo does). A DataFrame
        with *term* and *n* columns, or a Series / dict term → count: an
        external frequency table; terms it lacks get its smallest positive
        count, with a warning. ``"uniform"``: the same :math:`f_w` for all.
    alpha0 : float, optional
        :math:`\\alpha_{k0}`, the prior's total weight in pseudo-counts.
        Default: the prior's own total over the vocabulary (for the corpus
        prior, the corpus size, so the prior weighs as much as the data;
        for ``"uniform"``, one pseudo-count per term). Smaller values shrink
        less.
    min_count : int
        Report terms with ``n_target + n_reference >= min_count`` (all terms
        still enter :math:`n_k` and :math:`\\alpha_{k0}`).

    Returns
    -------
    DataFrame
        ``target, reference, term, n_target, n_reference, alpha, delta,
        sigma2, zeta, p_value``: ``n_target`` is :math:`y_{kw}^{(i)}`,
        ``n_reference`` :math:`y_{kw}^{(j)}`, ``alpha`` :math:`\\alpha_{kw}`,
        ``delta`` :math:`\\hat\\delta`, ``sigma2`` its approximate variance,
        ``zeta`` the z-score (positive: the target's word) and ``p_value``
        its two-sided normal p-value. Sorted by target, then ``zeta``
        descending, then ``term``.
    """
    func = "textmine.log_odds"
    require_frame(counts, func=func, arg="counts", hint="pass tidy counts, e.g. term_counts(doc.tokens, by='period')")
    _prepare_comparison(counts, group=group, term=term, n=n, func=func, total_col=None)
    min_count = require_int(min_count, func=func, arg="min_count", minimum=1)
    if alpha0 is not None and (isinstance(alpha0, bool) or not isinstance(alpha0, (int, float)) or not alpha0 > 0):
        raise InputError(f"{func}: alpha0 must be a positive number or None, got {alpha0!r}.")
    columns = {
        "target": "str", "reference": "str", "term": "str", "n_target": "int64", "n_reference": "int64",
        "alpha": "float64", "delta": "float64", "sigma2": "float64", "zeta": "float64", "p_value": "float64",
    }
    if counts.empty:
        return empty_frame(columns)
    tm_ = _TermMatrix(counts, group=group, term=term, n=n)
    corpus = pd.Series(tm_.matrix.sum(axis=1), index=tm_.terms)
    frames = []
    for tvals, rvals, tlabel, rlabel in _comparisons(counts, group, target, reference, func):
        vocab = tm_.terms
        y_kw_i = tm_.vector(tvals)                                                 # y_kw^(i)
        y_kw_j = tm_.vector(rvals)                                                 # y_kw^(j)
        seen = (y_kw_i + y_kw_j) > 0
        vocab, y_kw_i, y_kw_j = vocab[seen], y_kw_i[seen], y_kw_j[seen]
        if len(vocab) == 0:
            continue
        f_w, _ = _prior_counts(prior, vocab, corpus, func=func, term=term, n=n)
        a_k0 = float(f_w.sum()) if alpha0 is None else float(alpha0)
        alpha_kw = a_k0 * f_w / f_w.sum()                  # informative prior: α_kw = α_k0 · f_w / Σ f
        alpha_k0 = alpha_kw.sum()                          # α_k0 = Σ_w α_kw
        n_k_i = y_kw_i.sum()                               # n_k^(i)
        n_k_j = y_kw_j.sum()                               # n_k^(j)
        if n_k_i <= 0 or n_k_j <= 0:
            raise InputError(f"{func}: target {tlabel!r} or reference {rlabel!r} has no counts.")
        omega_kw_i = (y_kw_i + alpha_kw) / (n_k_i + alpha_k0 - y_kw_i - alpha_kw)   # posterior odds in i (eq. 16)
        omega_kw_j = (y_kw_j + alpha_kw) / (n_k_j + alpha_k0 - y_kw_j - alpha_kw)   # posterior odds in j (eq. 16)
        delta_kw = np.log(omega_kw_i) - np.log(omega_kw_j)                          # δ̂_kw^(i-j) (eq. 16)
        sigma2_kw = 1.0 / (y_kw_i + alpha_kw) + 1.0 / (y_kw_j + alpha_kw)           # σ²(δ̂_kw^(i-j)) (eq. 19)
        zeta_kw = delta_kw / np.sqrt(sigma2_kw)                                     # ζ̂_kw^(i-j) (eq. 22)
        p_value = normal_two_sided(zeta_kw)
        keep = (y_kw_i + y_kw_j) >= min_count
        frame = pd.DataFrame({
            "target": pd.Series([tlabel] * int(keep.sum()), dtype="str"),
            "reference": pd.Series([rlabel] * int(keep.sum()), dtype="str"),
            "term": pd.Series(vocab[keep].astype("str"), dtype="str"),
            "n_target": y_kw_i[keep].astype("int64"),
            "n_reference": y_kw_j[keep].astype("int64"),
            "alpha": alpha_kw[keep],
            "delta": delta_kw[keep],
            "sigma2": sigma2_kw[keep],
            "zeta": zeta_kw[keep],
            "p_value": p_value[keep],
        })
        frames.append(sort_rows(frame, ["zeta", "term"], [False, True]))
    out = pd.concat(frames, ignore_index=True) if frames else empty_frame(columns)
    if out.empty:
        return empty_frame(columns)
    return out
