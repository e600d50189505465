"""Topic models over paragraphs or windows of sentences, with model selection.

The pipeline is tokens → units → unit × term matrix → a scikit-learn
estimator you pass in unfitted → tidy frames::

    from sklearn.decomposition import NMF
    tm_ = fit_topics(doc.tokens, NMF(n_components=6, random_state=0))
    tm_.terms            # topic, term, weight, share
    tm_.units            # unit_id, topic, weight, share
    tm_.top_terms(10)    # topic, rank, term, weight
    tm_.prevalence()     # period, topic, prevalence, n_units, n_words
    select_k(doc.tokens, NMF(random_state=0), ks=range(2, 9))  # coherence + stability per k

Nothing is re-wrapped: the estimator's own parameters stay on the estimator;
this module only builds the matrix, clones the estimator (so yours is never
fitted in place), fits it and tidies the result. scikit-learn is imported
inside the functions.

Units
-----
A unit ("document" in topic-model terms) is ``size`` consecutive paragraphs
(``units="paragraph"``) or ``size`` consecutive sentences
(``units="sentence"``) of one document. Sentence windows run across
paragraph boundaries (``para_start``/``para_end`` say which paragraphs a
unit touches); the last window of a document may be shorter.

References
----------
Bouma, G. (2009). Normalized (pointwise) mutual information in collocation
extraction. *Proceedings of GSCL*, 31–40.

Greene, D., O'Callaghan, D. and Cunningham, P. (2014). How many topics?
Stability analysis for topic models. *ECML PKDD 2014*, LNCS 8724, 498–513.

Mimno, D., Wallach, H., Talley, E., Leenders, M. and McCallum, A. (2011).
Optimizing semantic coherence in topic models. *EMNLP 2011*, 262–272.

Röder, M., Both, A. and Hinneburg, A. (2015). Exploring the space of topic
coherence measures. *WSDM 2015*, 399–408.
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ._compat import deprecated_alias
from ._frames import require_columns, require_int
from .errors import InputError, TextmineWarning
from .stopwords import as_stop_set

__all__ = [
    "TopicModel",
    "topic_units",
    "make_units",
    "fit_topics",
    "top_terms",
    "topic_labels",
    "topic_prevalence",
    "topic_coherence",
    "topic_stability",
    "select_k",
    "resample_topics",
    "UNIT_COLUMNS",
]

#: Columns of :func:`topic_units` (plus ``period`` when the tokens have one).
UNIT_COLUMNS = [
    "doc_id", "unit_id", "para_start", "para_end", "sent_start", "sent_end",
    "token_start", "token_end", "start", "end", "n_tokens", "n_words",
]
_TOKEN_COLUMNS = ("doc_id", "token_id", "para_id", "sent_id", "start", "end", "kind")


# ---------------------------------------------------------------- helpers
def _as_tokens(tokens: Any, func: str) -> pd.DataFrame:
    """Accept a tokens frame or anything with a ``.tokens`` frame (a Document)."""
    if isinstance(tokens, pd.DataFrame):
        return tokens
    frame = getattr(tokens, "tokens", None)
    if isinstance(frame, pd.DataFrame):
        return frame
    raise TypeError(f"{func}: tokens must be a DataFrame (doc.tokens) or a Document, got {type(tokens).__name__}.")


def _doc_order(doc_ids: pd.Series) -> np.ndarray:
    """Integer code of each row's doc_id, in order of first appearance."""
    codes, _ = pd.factorize(doc_ids, sort=False)
    return codes.astype(np.int64)


def _unit_of_tokens(tokens: pd.DataFrame, units: str, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Unit index of every token (tokens in reading order) and the row order used."""
    doc = _doc_order(tokens["doc_id"])
    order = np.lexsort((tokens["token_id"].to_numpy(), doc))
    key_col = "para_id" if units == "paragraph" else "sent_id"
    key = tokens[key_col].to_numpy()[order].astype(np.int64)
    d = doc[order]
    # ordinal of the paragraph/sentence inside its document (0, 1, 2...)
    new_block = np.ones(len(key), dtype=bool)
    if len(key) > 1:
        new_block[1:] = (key[1:] != key[:-1]) | (d[1:] != d[:-1])
    new_doc = np.ones(len(key), dtype=bool)
    if len(key) > 1:
        new_doc[1:] = d[1:] != d[:-1]
    block = np.cumsum(new_block) - 1
    doc_first_block = np.maximum.accumulate(np.where(new_doc, block, 0))
    ordinal = block - doc_first_block
    window = ordinal // size
    # dense unit id over (doc, window)
    new_unit = np.ones(len(key), dtype=bool)
    if len(key) > 1:
        new_unit[1:] = (window[1:] != window[:-1]) | new_doc[1:]
    unit_sorted = np.cumsum(new_unit) - 1
    unit = np.empty(len(key), dtype=np.int64)
    unit[order] = unit_sorted
    return unit, order


def _majority(unit: np.ndarray, values: pd.Series, weight: np.ndarray, n_units: int) -> pd.Series:
    """Most frequent value per unit (weighted); ties go to the value met first in the unit."""
    codes = values.cat.codes.to_numpy() if isinstance(values.dtype, pd.CategoricalDtype) else None
    if codes is None:
        codes, uniques = pd.factorize(values, sort=False)
    df = pd.DataFrame({"unit": unit, "code": codes, "w": weight, "pos": np.arange(len(unit))})
    df = df[df["code"] >= 0]
    g = df.groupby(["unit", "code"], sort=False).agg(w=("w", "sum"), pos=("pos", "min")).reset_index()
    g = g.sort_values(["unit", "w", "pos"], ascending=[True, False, True], kind="mergesort")
    g = g.drop_duplicates("unit", keep="first")
    out_codes = np.full(n_units, -1, dtype=np.int64)
    out_codes[g["unit"].to_numpy()] = g["code"].to_numpy()
    if isinstance(values.dtype, pd.CategoricalDtype):
        return pd.Series(pd.Categorical.from_codes(out_codes, dtype=values.dtype))
    return pd.Series([uniques[c] if c >= 0 else None for c in out_codes], dtype=values.dtype)


# ------------------------------------------------------------------ units
def topic_units(tokens: pd.DataFrame, *, units: str = "paragraph", size: int = 1) -> pd.DataFrame:
    """Build the table of units (the "documents" of a topic model) from tokens.

    Parameters
    ----------
    tokens : DataFrame or Document
        ``doc.tokens``: needs ``doc_id, token_id, para_id, sent_id, start,
        end, kind``; a ``period`` column, if present, is carried over.
    units : {"paragraph", "sentence"}
        What a unit is made of.
    size : int, default 1
        Number of consecutive paragraphs or sentences per unit
        (non-overlapping windows; the last of each document may be shorter).
        Sentence windows may span paragraph boundaries.

    Returns
    -------
    DataFrame
        One row per unit, sorted by ``unit_id`` (reading order; documents in
        order of first appearance):

        ``doc_id``; ``unit_id`` (int64, dense 0..n-1); ``para_start``,
        ``para_end``, ``sent_start``, ``sent_end`` (first and last paragraph /
        sentence id, inclusive); ``token_start``, ``token_end`` (token ids,
        half-open); ``start``, ``end`` (character offsets, half-open);
        ``n_tokens`` (all tokens); ``n_words`` (tokens whose ``kind`` is not
        ``punct``); and ``period`` when the tokens carry one: the period of
        most of the unit's tokens, ties going to the one met first in reading
        order (same dtype as the tokens' column).
    """
    func = "textmine.topic_units"
    tokens = _as_tokens(tokens, func)
    if units not in ("paragraph", "sentence"):
        raise InputError(f"{func}: units must be 'paragraph' or 'sentence', got {units!r}.")
    size = require_int(size, func=func, arg="size", minimum=1)
    require_columns(tokens, _TOKEN_COLUMNS, func=func, arg="tokens", hint="Pass doc.tokens.")
    unit, _ = _unit_of_tokens(tokens, units, size)
    return _unit_table(tokens, unit)


#: The old name (before the naming grammar of ``CONTRIBUTING.md``): warns and
#: calls :func:`topic_units`.
make_units = deprecated_alias(topic_units, "textmine.make_units", "textmine.topic_units")


def _unit_table(tokens: pd.DataFrame, unit: np.ndarray) -> pd.DataFrame:
    n = int(unit.max()) + 1 if len(unit) else 0
    words = (tokens["kind"].astype("str").to_numpy() != "punct").astype(np.int64)
    df = pd.DataFrame({
        "unit": unit,
        "para": tokens["para_id"].to_numpy(np.int64),
        "sent": tokens["sent_id"].to_numpy(np.int64),
        "tok": tokens["token_id"].to_numpy(np.int64),
        "start": tokens["start"].to_numpy(np.int64),
        "end": tokens["end"].to_numpy(np.int64),
        "word": words,
    })
    g = df.groupby("unit", sort=True).agg(
        para_start=("para", "min"), para_end=("para", "max"),
        sent_start=("sent", "min"), sent_end=("sent", "max"),
        token_start=("tok", "min"), token_end=("tok", "max"),
        start=("start", "min"), end=("end", "max"),
        n_tokens=("tok", "size"), n_words=("word", "sum"),
    )
    first = pd.Series(np.arange(len(unit))).groupby(unit).min().to_numpy() if len(unit) else np.array([], dtype=np.int64)
    out = pd.DataFrame({
        "doc_id": pd.Series(tokens["doc_id"].to_numpy()[first], dtype="str"),
        "unit_id": pd.Series(np.arange(n), dtype="int64"),
    })
    for col in UNIT_COLUMNS[2:]:
        out[col] = g[col].to_numpy(dtype=np.int64) if n else np.array([], dtype=np.int64)
    out["token_end"] = out["token_end"] + 1
    if "period" in tokens.columns:
        out["period"] = _majority(unit, tokens["period"], np.ones(len(unit)), n).to_numpy()
        if isinstance(tokens["period"].dtype, pd.CategoricalDtype):
            out["period"] = out["period"].astype(tokens["period"].dtype)
    return out


# ----------------------------------------------------------------- matrix
@dataclass(frozen=True)
class _Prepared:
    unit_table: pd.DataFrame
    counts: Any  # scipy.sparse.csr_matrix, units × terms, int64
    vocabulary: pd.DataFrame


def _prepare(
    tokens: Any, *, units: str, size: int, stop_words: Iterable[str] | None, min_df: int | float,
    max_df: int | float, voice: str, kinds: Iterable[str], term: str, func: str,
) -> _Prepared:
    import scipy.sparse as sp

    tokens = _as_tokens(tokens, func)
    if units not in ("paragraph", "sentence"):
        raise InputError(f"{func}: units must be 'paragraph' or 'sentence', got {units!r}.")
    size = require_int(size, func=func, arg="size", minimum=1)
    if voice not in ("all", "author", "quoted"):
        raise InputError(f"{func}: voice must be 'all', 'author' or 'quoted', got {voice!r}.")
    if isinstance(kinds, str):
        raise TypeError(f"{func}: kinds must be an iterable of token kinds, not a single string; pass e.g. [{kinds!r}].")
    kinds = frozenset(kinds)
    if not isinstance(term, str):
        raise TypeError(f"{func}: term must be a column name (str), got {type(term).__name__}.")
    require_columns(tokens, (*_TOKEN_COLUMNS, term), func=func, arg="tokens", hint="Pass doc.tokens.")
    if voice != "all":
        require_columns(tokens, ("in_quote",), func=func, arg="tokens", hint="voice='author'/'quoted' needs the in_quote column of doc.tokens.")
    stop = None if stop_words is None and "is_stop" in tokens.columns else as_stop_set(stop_words, func=func)
    for name, val in (("min_df", min_df), ("max_df", max_df)):
        if isinstance(val, bool) or not isinstance(val, (int, float, np.integer, np.floating)):
            raise TypeError(f"{func}: {name} must be an int (number of units) or a float (share of units), got {type(val).__name__}.")
        if (isinstance(val, (float, np.floating)) and not 0.0 <= val <= 1.0) or val < 0:
            raise InputError(f"{func}: {name} must be an int >= 0 or a float in [0, 1], got {val!r}.")

    unit, _ = _unit_of_tokens(tokens, units, size)
    unit_table = _unit_table(tokens, unit)
    n_units = len(unit_table)
    if n_units == 0:
        raise InputError(f"{func}: tokens is empty; there is nothing to model.")

    keep = np.array(tokens["kind"].astype("str").isin(kinds).to_numpy(), dtype=bool)
    if "in_citation" in tokens.columns:
        keep &= ~tokens["in_citation"].fillna(False).to_numpy(bool)
    if voice == "author":
        keep &= ~tokens["in_quote"].fillna(False).to_numpy(bool)
    elif voice == "quoted":
        keep &= tokens["in_quote"].fillna(False).to_numpy(bool)
    norm = tokens[term].astype("str")
    if stop is None:
        keep &= ~tokens["is_stop"].fillna(False).to_numpy(bool)
    else:
        keep &= ~norm.str.lower().isin(stop).to_numpy()
    keep &= norm.notna().to_numpy() & (norm.str.len() > 0).to_numpy()
    words = norm.to_numpy()[keep]
    vocab, term_idx = np.unique(words.astype(str), return_inverse=True)
    u = unit[keep]
    counts = sp.csr_matrix(
        (np.ones(len(u), dtype=np.int64), (u, term_idx)), shape=(n_units, len(vocab)), dtype=np.int64
    )
    counts.sum_duplicates()
    df = np.asarray((counts > 0).sum(axis=0)).ravel()
    lo = min_df if isinstance(min_df, (int, np.integer)) else int(np.ceil(min_df * n_units))
    hi = max_df if isinstance(max_df, (int, np.integer)) else int(np.floor(max_df * n_units))
    cols = np.flatnonzero((df >= lo) & (df <= hi))
    if len(cols) == 0:
        raise InputError(
            f"{func}: no term is left after filtering (min_df={min_df!r}, max_df={max_df!r}, "
            f"{n_units} units, {len(vocab)} distinct terms before filtering); lower min_df or raise max_df."
        )
    counts = counts[:, cols].tocsr()
    vocabulary = pd.DataFrame({
        "term_id": pd.Series(np.arange(len(cols)), dtype="int64"),
        "term": pd.Series(vocab[cols], dtype="str"),
        "n": pd.Series(np.asarray(counts.sum(axis=0)).ravel(), dtype="int64"),
        "n_units": pd.Series(df[cols], dtype="int64"),
    })
    return _Prepared(unit_table=unit_table, counts=counts, vocabulary=vocabulary)


def _occurrences(data: Any) -> pd.DataFrame:
    c = data.counts.tocoo()
    order = np.lexsort((c.col, c.row))
    return pd.DataFrame({
        "unit_id": pd.Series(c.row[order], dtype="int64"),
        "term": pd.Series(data.vocabulary["term"].to_numpy()[c.col[order]], dtype="str"),
    })


def _check_estimator(estimator: Any, func: str) -> None:
    if isinstance(estimator, type):
        raise TypeError(
            f"{func}: estimator must be an estimator instance, got the class {estimator.__name__}; "
            f"pass e.g. {estimator.__name__}(n_components=6, random_state=0)."
        )
    if not (hasattr(estimator, "fit_transform") and hasattr(estimator, "get_params")):
        raise TypeError(
            f"{func}: estimator must be an unfitted scikit-learn decomposition estimator such as "
            f"NMF(n_components=6, random_state=0) or LatentDirichletAllocation(...), got {type(estimator).__name__}."
        )
    if "n_components" not in estimator.get_params():
        raise TypeError(f"{func}: estimator {type(estimator).__name__} has no n_components parameter; use NMF or LatentDirichletAllocation.")


def _resolve_matrix(estimator: Any, matrix: str, func: str) -> str:
    if matrix not in ("auto", "tfidf", "counts"):
        raise InputError(f"{func}: matrix must be 'auto', 'tfidf' or 'counts', got {matrix!r}.")
    if matrix != "auto":
        return matrix
    from sklearn.decomposition import LatentDirichletAllocation

    return "counts" if isinstance(estimator, LatentDirichletAllocation) else "tfidf"


# ------------------------------------------------------------------ model
@dataclass(frozen=True)
class TopicModel:
    """A fitted topic model in tidy form.

    Attributes
    ----------
    terms : DataFrame
        Topic–term weights, every (topic, term) pair: ``topic`` (int64),
        ``term`` (str), ``weight`` (the estimator's ``components_[topic, term]``;
        for LDA a pseudo-count, for NMF an unscaled loading), ``share``
        (``weight`` divided by the topic's total, i.e. a distribution over
        terms; LDA's β). Sorted by topic, weight descending, term.
    units : DataFrame
        Unit–topic weights, every (unit, topic) pair: ``unit_id``, ``topic``,
        ``weight`` (the row of ``fit_transform``), ``share`` (``weight`` over
        the unit's total; 0 for a unit with no weight; LDA's θ). Sorted by
        unit_id, topic.
    unit_table : DataFrame
        The units (see :func:`topic_units`).
    vocabulary : DataFrame
        ``term_id`` (column of the matrix), ``term``, ``n`` (occurrences),
        ``n_units`` (units containing the term); sorted by term.
    model : estimator
        The fitted clone of the estimator you passed.
    matrix : {"tfidf", "counts"}
        What the estimator was fitted on.
    counts : scipy.sparse.csr_matrix
        The unit × term count matrix (rows = unit_id, columns = term_id).
    """

    terms: pd.DataFrame
    units: pd.DataFrame
    unit_table: pd.DataFrame
    vocabulary: pd.DataFrame
    model: Any
    matrix: str
    counts: Any

    @property
    def n_topics(self) -> int:
        """Number of topics."""
        return int(self.model.components_.shape[0])

    def top_terms(self, n: int = 10) -> pd.DataFrame:
        """The *n* heaviest terms of each topic (see :func:`top_terms`)."""
        return top_terms(self, n=n)

    def labels(self, n: int = 3) -> dict[int, str]:
        """Short labels ``"0: a, b, c"`` (see :func:`topic_labels`)."""
        return topic_labels(self, n=n)

    def prevalence(self, by: str | None = "period", *, weight: str | None = "n_words") -> pd.DataFrame:
        """Topic prevalence by group (see :func:`topic_prevalence`)."""
        return topic_prevalence(self, by=by, weight=weight)

    def occurrences(self) -> pd.DataFrame:
        """``unit_id, term`` pairs (one per unit containing the term), sorted; the reference for coherence."""
        return _occurrences(self)

    def coherence(self, n_terms: int = 10) -> pd.DataFrame:
        """NPMI and UMass coherence of each topic on the model's own units (see :func:`topic_coherence`)."""
        return topic_coherence(self.top_terms(n_terms), self.occurrences(), n_units=len(self.unit_table))

    def __repr__(self) -> str:
        return (
            f"<textmine.TopicModel {type(self.model).__name__} on {self.matrix}: {self.n_topics} topics, "
            f"{len(self.unit_table)} units, {len(self.vocabulary)} terms>"
        )


def _fit(prepared: _Prepared, estimator: Any, matrix: str) -> TopicModel:
    from sklearn.base import clone

    X = prepared.counts.astype(np.float64)
    if matrix == "tfidf":
        from sklearn.feature_extraction.text import TfidfTransformer

        X = TfidfTransformer().fit_transform(X)
    est = clone(estimator)
    W = np.asarray(est.fit_transform(X), dtype=np.float64)
    H = np.asarray(est.components_, dtype=np.float64)
    k, v = H.shape
    n = W.shape[0]
    vocab = prepared.vocabulary["term"].to_numpy()
    # topic-term, sorted by topic, weight desc, term asc (vocab is sorted, so stable sort on -weight keeps term order)
    order = np.argsort(-H, axis=1, kind="stable")
    hsum = H.sum(axis=1, keepdims=True)
    share = np.divide(H, hsum, out=np.zeros_like(H), where=hsum > 0)
    rows = np.repeat(np.arange(k), v)
    cols = order.ravel()
    terms = pd.DataFrame({
        "topic": pd.Series(rows, dtype="int64"),
        "term": pd.Series(vocab[cols], dtype="str"),
        "weight": H[rows, cols],
        "share": share[rows, cols],
    })
    wsum = W.sum(axis=1, keepdims=True)
    wshare = np.divide(W, wsum, out=np.zeros_like(W), where=wsum > 0)
    units = pd.DataFrame({
        "unit_id": pd.Series(np.repeat(np.arange(n), k), dtype="int64"),
        "topic": pd.Series(np.tile(np.arange(k), n), dtype="int64"),
        "weight": W.ravel(),
        "share": wshare.ravel(),
    })
    return TopicModel(
        terms=terms, units=units, unit_table=prepared.unit_table, vocabulary=prepared.vocabulary,
        model=est, matrix=matrix, counts=prepared.counts,
    )


def fit_topics(
    tokens: pd.DataFrame,
    estimator: Any,
    *,
    units: str = "paragraph",
    size: int = 1,
    matrix: str = "auto",
    stop_words: Iterable[str] | None = None,
    min_df: int | float = 2,
    max_df: int | float = 1.0,
    voice: str = "all",
    kinds: Iterable[str] = ("word",),
    term: str = "norm",
) -> TopicModel:
    """Fit a scikit-learn topic model on paragraphs or windows of sentences.

    Parameters
    ----------
    tokens : DataFrame or Document
        ``doc.tokens`` (a ``period`` column, if present, goes into the unit
        table).
    estimator : scikit-learn estimator, unfitted
        ``NMF(n_components=k, random_state=0)``,
        ``LatentDirichletAllocation(n_components=k, random_state=0)`` or any
        estimator with ``n_components``, ``fit_transform`` and
        ``components_``. It is cloned, so the object you pass is not changed;
        the fitted clone is ``result.model``. The result is deterministic when
        the estimator's ``random_state`` is an int.
    units : {"paragraph", "sentence"}
    size : int, default 1
        Paragraphs or sentences per unit (see :func:`topic_units`).
    matrix : {"auto", "tfidf", "counts"}
        What the estimator is fitted on. ``"auto"``: raw counts for
        ``LatentDirichletAllocation`` (a model of counts), tf-idf otherwise.
        The tf-idf is scikit-learn's ``TfidfTransformer()`` default:
        ``tfidf(t, d) = tf(t, d) · (ln((1 + N) / (1 + df(t))) + 1)``, each
        unit's row then scaled to unit L2 norm (N units, df(t) units
        containing t).
    stop_words : iterable of str, optional
        Terms left out (compared lower-cased with ``term``). ``None`` uses
        the tokens' ``is_stop`` column (the stop list the Document was built
        with) or, without it, :data:`textmine.ENGLISH_STOP_WORDS`; ``()``
        keeps every word. A single string is refused.
    min_df, max_df : int or float
        Keep terms found in at least ``min_df`` and at most ``max_df`` units
        (an int is a number of units, a float a share of units). The default
        ``min_df=2`` drops terms found in one unit only: they cannot co-occur,
        so they add nothing to a topic's coherence but noise.
    voice : {"all", "author", "quoted"}
        All words, only words outside quotations, or only quoted words.
    kinds : iterable of str, default ("word",)
        Token kinds used as terms; add ``"number"`` to keep years.
    term : str, default "norm"
        Token column used as the term.

    Citation apparatus (``in_citation``) is always left out.

    Returns
    -------
    TopicModel
        ``.terms`` (topic, term, weight, share), ``.units`` (unit_id, topic,
        weight, share), ``.unit_table``, ``.vocabulary``, ``.model``.

    Examples
    --------
    >>> from sklearn.decomposition import NMF                      # doctest: +SKIP
    >>> model = fit_topics(doc.tokens, NMF(n_components=6, random_state=0))  # doctest: +SKIP
    >>> model.top_terms(8)                                         # doctest: +SKIP
    """
    func = "textmine.fit_topics"
    _check_estimator(estimator, func)
    kind = _resolve_matrix(estimator, matrix, func)
    prepared = _prepare(
        tokens, units=units, size=size, stop_words=stop_words, min_df=min_df, max_df=max_df,
        voice=voice, kinds=kinds, term=term, func=func,
    )
    return _fit(prepared, estimator, kind)


# ----------------------------------------------------------- tidy outputs
def _terms_frame(data: Any, func: str) -> pd.DataFrame:
    if isinstance(data, TopicModel):
        return data.terms
    if isinstance(data, pd.DataFrame):
        require_columns(data, ("topic", "term", "weight"), func=func, arg="data", hint="Pass a TopicModel or its .terms frame.")
        return data
    raise TypeError(f"{func}: data must be a TopicModel or a topic–term frame, got {type(data).__name__}.")


def top_terms(data: TopicModel | pd.DataFrame, *, n: int = 10) -> pd.DataFrame:
    """The *n* heaviest terms of each topic.

    Parameters
    ----------
    data : TopicModel or DataFrame
        A model, or a frame with ``topic, term, weight``.
    n : int
        Terms per topic. Terms with zero weight are never listed, so a topic
        may have fewer.

    Returns
    -------
    DataFrame
        ``topic, rank, term, weight``; ``rank`` starts at 1. Sorted by topic
        and rank; ties in weight are broken by term.
    """
    func = "textmine.top_terms"
    terms = _terms_frame(data, func)
    n = require_int(n, func=func, arg="n", minimum=1)
    t = terms.loc[terms["weight"] > 0, ["topic", "term", "weight"]]
    t = t.sort_values(["topic", "weight", "term"], ascending=[True, False, True], kind="mergesort")
    t = t.groupby("topic", sort=False).head(n).reset_index(drop=True)
    rank = t.groupby("topic", sort=False).cumcount().to_numpy() + 1
    return pd.DataFrame({
        "topic": t["topic"].to_numpy(np.int64),
        "rank": pd.Series(rank, dtype="int64"),
        "term": pd.Series(t["term"].to_numpy(), dtype="str"),
        "weight": t["weight"].to_numpy(np.float64),
    })


def topic_labels(data: TopicModel | pd.DataFrame, *, n: int = 3) -> dict[int, str]:
    """Short topic labels from the top terms: ``{0: "0: soviet, policy, world", ...}``."""
    t = top_terms(data, n=n)
    topics = sorted(_terms_frame(data, "textmine.topics.topic_labels")["topic"].unique().tolist())
    out = {int(k): f"{k}:" for k in topics}
    for k, g in t.groupby("topic", sort=True):
        out[int(k)] = f"{k}: " + ", ".join(g["term"].tolist())
    return out


def topic_prevalence(model: TopicModel, *, by: str | Sequence[str] | None = "period", weight: str | None = "n_words") -> pd.DataFrame:
    """Share of each group's text given to each topic, weighted by unit length.

    With θ_dk the share of topic k in unit d (``units.share``) and w_d the
    unit's weight (``n_words`` by default: its word tokens),

    ``prevalence(g, k) = Σ_{d∈g} w_d θ_dk / Σ_{d∈g} w_d``,

    the sums running over the units of group g that have some topic weight
    (an NMF unit with no vocabulary term gets θ_d = 0 and is left out of
    both sums; ``n_units`` counts only the units used). Within a group the
    prevalences sum to 1.

    Parameters
    ----------
    model : TopicModel
    by : str, list of str or None, default "period"
        Column(s) of ``model.unit_table`` to group by; ``None`` for the whole
        corpus. Units with a missing group value are left out.
    weight : str or None, default "n_words"
        Numeric column of the unit table used as w_d; ``None`` gives every
        unit the same weight (a plain mean of θ).

    Returns
    -------
    DataFrame
        ``<by>..., topic, prevalence, n_units, weight`` (``weight`` = Σ w_d),
        sorted by group (categorical periods in their chronological order)
        then topic. Every (group, topic) pair of an observed group is present.
    """
    func = "textmine.topic_prevalence"
    if not isinstance(model, TopicModel):
        raise TypeError(f"{func}: model must be a TopicModel (from fit_topics), got {type(model).__name__}.")
    table = model.unit_table
    keys = [] if by is None else [by] if isinstance(by, str) else list(by)
    hint = "Assign periods before fitting (textmine.periods.assign_periods) or pass by=None." if "period" in keys else ""
    require_columns(table, keys, func=func, arg="model.unit_table", hint=hint)
    if weight is not None:
        require_columns(table, (weight,), func=func, arg="model.unit_table")
    k = model.n_topics
    theta = model.units["share"].to_numpy(np.float64).reshape(len(table), k)
    used = theta.sum(axis=1) > 0
    w = np.ones(len(table)) if weight is None else table[weight].to_numpy(np.float64)
    df = table[keys].copy()
    df["_used"] = used
    df["_w"] = np.where(used, w, 0.0)
    wt = theta * df["_w"].to_numpy()[:, None]
    for j in range(k):
        df[f"_t{j}"] = wt[:, j]
    df = df[df["_used"]]
    if keys:
        df = df.dropna(subset=keys)
        g = df.groupby(keys, sort=True, observed=True)
        agg = g[["_w", *[f"_t{j}" for j in range(k)]]].sum()
        agg["_n"] = g.size()
        agg = agg.reset_index()
    else:
        agg = pd.DataFrame({"_w": [df["_w"].sum()], **{f"_t{j}": [df[f"_t{j}"].sum()] for j in range(k)}, "_n": [len(df)]})
    m = len(agg)
    out = agg.loc[np.repeat(np.arange(m), k), keys].reset_index(drop=True)
    num = agg[[f"_t{j}" for j in range(k)]].to_numpy(np.float64).ravel()
    den = np.repeat(agg["_w"].to_numpy(np.float64), k)
    out["topic"] = pd.Series(np.tile(np.arange(k), m), dtype="int64")
    out["prevalence"] = np.divide(num, den, out=np.full(len(num), np.nan), where=den > 0)
    out["n_units"] = pd.Series(np.repeat(agg["_n"].to_numpy(), k), dtype="int64")
    out["weight"] = den
    return out


# ------------------------------------------------------------- coherence
def topic_coherence(
    top_terms: pd.DataFrame, occurrences: pd.DataFrame, *, n_units: int | None = None
) -> pd.DataFrame:
    """NPMI and UMass coherence of each topic's top terms on a reference corpus.

    Both count co-occurrence in units ("documents"): D(v) is the number of
    units containing v, D(v, v') the number containing both, N the number of
    units. For a topic with top terms v_1 ... v_M (in rank order):

    UMass (Mimno et al. 2011, eq. 1), averaged over pairs::

        C_UMass = 2 / (M (M - 1)) · Σ_{m=2..M} Σ_{l=1..m-1} log((D(v_m, v_l) + 1) / D(v_l))

    (Mimno et al. sum; the mean, as in Röder et al. 2015 and gensim, makes
    topics with different M comparable.) Each term is at most log 2 (with
    this +1 smoothing, when v_m is in every unit that has v_l) and as low as
    -log D(v_l) when they never co-occur; higher is more coherent.

    NPMI (Bouma 2009; the C_NPMI of Röder et al. 2015 with units as the
    co-occurrence window), averaged over the M (M - 1) / 2 pairs::

        P(v) = D(v) / N,  P(v, v') = D(v, v') / N
        NPMI(v, v') = log(P(v, v') / (P(v) P(v'))) / (-log P(v, v'))

    in [-1, 1], with NPMI = -1 for pairs that never co-occur (the limit) and
    NPMI = 1 when both terms are in every unit. Pairs with a term absent from
    the reference (D(v) = 0) are left out; ``n_pairs`` counts those used.

    Computed on the corpus the model was fitted on (``TopicModel.coherence``)
    this is an intrinsic measure: it says whether a topic's top terms
    actually occur together in these units, not whether they would in other
    texts.

    Parameters
    ----------
    top_terms : DataFrame
        ``topic, term`` and optionally ``rank`` (else the row order within a
        topic is the rank order), e.g. from :func:`top_terms`.
    occurrences : DataFrame
        ``unit_id, term``: which terms occur in which unit (repeats are fine;
        only presence counts), e.g. ``TopicModel.occurrences()``.
    n_units : int, optional
        N; default the number of distinct ``unit_id`` in *occurrences* (pass
        it when some units have no terms).

    Returns
    -------
    DataFrame
        ``topic, n_terms, n_pairs, npmi, umass, terms`` (``terms``: the top
        terms joined with ", "), sorted by topic. NaN when a topic has fewer
        than two usable terms.
    """
    func = "textmine.topic_coherence"
    for name, frame in (("top_terms", top_terms), ("occurrences", occurrences)):
        if not isinstance(frame, pd.DataFrame):
            raise TypeError(f"{func}: {name} must be a DataFrame, got {type(frame).__name__}.")
    require_columns(top_terms, ("topic", "term"), func=func, arg="top_terms", hint="Pass model.top_terms(n).")
    require_columns(occurrences, ("unit_id", "term"), func=func, arg="occurrences", hint="Pass model.occurrences().")
    occ = occurrences[["unit_id", "term"]].drop_duplicates()
    n_ref = occ["unit_id"].nunique() if n_units is None else n_units
    if n_units is not None:
        n_ref = require_int(n_units, func=func, arg="n_units", minimum=1)
    tt = top_terms
    if "rank" in tt.columns:
        tt = tt.sort_values(["topic", "rank"], kind="mergesort")
    else:
        tt = tt.sort_values("topic", kind="mergesort")
    columns = {
        "topic": pd.Series(dtype="int64"), "n_terms": pd.Series(dtype="int64"), "n_pairs": pd.Series(dtype="int64"),
        "npmi": pd.Series(dtype="float64"), "umass": pd.Series(dtype="float64"), "terms": pd.Series(dtype="str"),
    }
    if tt.empty:
        return pd.DataFrame(columns)
    # binary unit × term incidence for the terms needed
    needed = pd.unique(tt["term"].astype("str"))
    col_of = {t: i for i, t in enumerate(needed)}
    occ = occ[occ["term"].isin(col_of)]
    units_codes, _ = pd.factorize(occ["unit_id"], sort=True)
    B = np.zeros((max(int(units_codes.max()) + 1 if len(units_codes) else 0, 1), len(needed)), dtype=np.int64)
    B[units_codes, occ["term"].map(col_of).to_numpy(np.int64)] = 1
    D = B.sum(axis=0)  # D(v)
    DD = B.T @ B  # D(v, v')
    rows = {k: [] for k in columns}
    for topic, g in tt.groupby("topic", sort=True):
        terms = g["term"].astype("str").tolist()
        idx = [col_of[t] for t in terms]
        npmi, umass = [], []
        for m in range(1, len(idx)):
            for l in range(m):
                a, b = idx[m], idx[l]
                if D[a] == 0 or D[b] == 0:
                    continue
                # UMass: log((D(v_m, v_l) + 1) / D(v_l))      (Mimno et al. 2011, eq. 1)
                umass.append(np.log((DD[a, b] + 1) / D[b]))
                # NPMI: log(P(v,v') / (P(v) P(v'))) / -log P(v,v')   (Bouma 2009)
                p_ab, p_a, p_b = DD[a, b] / n_ref, D[a] / n_ref, D[b] / n_ref
                if DD[a, b] == 0:
                    npmi.append(-1.0)
                elif p_ab >= 1.0:
                    npmi.append(1.0)
                else:
                    npmi.append(np.log(p_ab / (p_a * p_b)) / -np.log(p_ab))
        rows["topic"].append(int(topic))
        rows["n_terms"].append(len(terms))
        rows["n_pairs"].append(len(npmi))
        rows["npmi"].append(float(np.mean(npmi)) if npmi else np.nan)
        rows["umass"].append(float(np.mean(umass)) if umass else np.nan)
        rows["terms"].append(", ".join(terms))
    return pd.DataFrame({k: pd.Series(v, dtype=columns[k].dtype) for k, v in rows.items()})


# ------------------------------------------------------------- stability
def _top_sets(run: Any, n_terms: int, func: str) -> list[frozenset[str]]:
    if isinstance(run, TopicModel):
        t = run.top_terms(n_terms)
        topics = range(run.n_topics)
    elif isinstance(run, pd.DataFrame):
        require_columns(run, ("topic", "term"), func=func, arg="runs[i]", hint="Pass TopicModels or top_terms frames.")
        t = run.sort_values(["topic", "rank"], kind="mergesort") if "rank" in run.columns else run.sort_values("topic", kind="mergesort")
        t = t.groupby("topic", sort=True).head(n_terms)
        topics = sorted(t["topic"].unique().tolist())
    else:
        raise TypeError(f"{func}: each run must be a TopicModel or a top-terms frame, got {type(run).__name__}.")
    by = {k: frozenset(g["term"].astype("str")) for k, g in t.groupby("topic", sort=True)}
    return [by.get(k, frozenset()) for k in topics]


def topic_stability(runs: Sequence[TopicModel | pd.DataFrame], *, n_terms: int = 10) -> pd.DataFrame:
    """Match the topics of every pair of runs and report their top-term overlap.

    For runs a and b (e.g. the same model fitted with different seeds), let
    T_i^a be the set of the *n_terms* top terms of topic i in run a. Their
    overlap is the Jaccard index J_ij = |T_i^a ∩ T_j^b| / |T_i^a ∪ T_j^b|.
    Topics are paired one-to-one so that the total Jaccard is largest
    (Hungarian algorithm, ``scipy.optimize.linear_sum_assignment``). The
    stability of the pair is the mean matched J; of a set of runs, the mean
    over all pairs (cf. Greene, O'Callaghan and Cunningham 2014, who use an
    average Jaccard over ranked lists with the same matching). 1 means every
    run finds the same top terms; near 0 means the topics are artefacts of
    the seed.

    Parameters
    ----------
    runs : sequence of TopicModel or DataFrame
        At least two; frames need ``topic, term`` (and ``rank``, if present,
        orders terms).
    n_terms : int
        Top terms per topic compared.

    Returns
    -------
    DataFrame
        ``run_a, run_b, topic_a, topic_b, jaccard``: one row per matched
        topic pair, for every pair of runs a < b (indices into *runs*),
        sorted by run_a, run_b, topic_a. Per-topic stability of run 0:
        ``df[df.run_a == 0].groupby("topic_a").jaccard.mean()``.
    """
    from scipy.optimize import linear_sum_assignment

    func = "textmine.topic_stability"
    if isinstance(runs, (pd.DataFrame, TopicModel)) or not isinstance(runs, Sequence):
        raise TypeError(f"{func}: runs must be a list of TopicModels or top-terms frames, got {type(runs).__name__}.")
    n_terms = require_int(n_terms, func=func, arg="n_terms", minimum=1)
    sets = [_top_sets(r, n_terms, func) for r in runs]
    cols: dict[str, list] = {"run_a": [], "run_b": [], "topic_a": [], "topic_b": [], "jaccard": []}
    for a, b in itertools.combinations(range(len(sets)), 2):
        sa, sb = sets[a], sets[b]
        if not sa or not sb:
            continue
        J = np.array([[len(x & y) / len(x | y) if (x | y) else 0.0 for y in sb] for x in sa])
        ri, ci = linear_sum_assignment(J, maximize=True)
        for i, j in zip(ri.tolist(), ci.tolist()):
            cols["run_a"].append(a)
            cols["run_b"].append(b)
            cols["topic_a"].append(i)
            cols["topic_b"].append(j)
            cols["jaccard"].append(float(J[i, j]))
    out = pd.DataFrame({k: pd.Series(v, dtype="float64" if k == "jaccard" else "int64") for k, v in cols.items()})
    return out.sort_values(["run_a", "run_b", "topic_a"], kind="mergesort").reset_index(drop=True)


# -------------------------------------------------------- model selection
SELECT_K_COLUMNS = [
    "k", "n_runs", "npmi", "npmi_sd", "umass", "umass_sd", "stability", "stability_sd", "n_units", "n_terms",
]


def _resampled(prepared: "_Prepared", seed: int, sample: float | None) -> "_Prepared":
    """The units a run is fitted on: all of them, or a random share drawn with *seed*."""
    if sample is None:
        return prepared
    n_units = len(prepared.unit_table)
    rng = np.random.default_rng(seed)
    m = max(2, int(round(sample * n_units)))
    rows = np.sort(rng.choice(n_units, size=min(m, n_units), replace=False))
    return _Prepared(
        unit_table=prepared.unit_table.iloc[rows].reset_index(drop=True),
        counts=prepared.counts[rows], vocabulary=prepared.vocabulary,
    )


def resample_topics(
    tokens: pd.DataFrame,
    estimator: Any,
    *,
    seeds: Iterable[int] = range(5),
    sample: float | None = 0.8,
    **options: Any,
) -> list[TopicModel]:
    """Fit the same model once per seed, each on a random share of the units.

    The runs :func:`select_k` compares for one k, returned so that a chosen
    model's stability can be inspected topic by topic with
    :func:`topic_stability`. The estimator is cloned with
    ``random_state=seed``; with *sample* (default 0.8) each run sees a random
    share of the units drawn with its seed (as in :func:`select_k`).

    Parameters
    ----------
    tokens, estimator, **options
        As in :func:`fit_topics` (``units``, ``size``, ``stop_words``...).
    seeds : iterable of int
    sample : float in (0, 1) or None

    Returns
    -------
    list of TopicModel, one per seed, in the order of *seeds*.
    """
    from sklearn.base import clone

    func = "textmine.resample_topics"
    _check_estimator(estimator, func)
    if sample is not None and not 0.0 < float(sample) < 1.0:
        raise InputError(f"{func}: sample must be in (0, 1), e.g. 0.8, or None; got {sample!r}.")
    kind = _resolve_matrix(estimator, options.pop("matrix", "auto"), func)
    prepared = _prepare(tokens, func=func, **{**_PREPARE_DEFAULTS, **options})
    return [
        _fit(_resampled(prepared, int(seed), sample), clone(estimator).set_params(random_state=int(seed)), kind)
        for seed in seeds
    ]


_PREPARE_DEFAULTS: dict[str, Any] = {
    "units": "paragraph", "size": 1, "stop_words": None, "min_df": 2, "max_df": 1.0,
    "voice": "all", "kinds": ("word",), "term": "norm",
}


def select_k(
    tokens: pd.DataFrame,
    estimator: Any,
    ks: Iterable[int] = range(2, 11),
    *,
    seeds: Iterable[int] = range(5),
    n_terms: int = 10,
    units: str = "paragraph",
    size: int = 1,
    matrix: str = "auto",
    stop_words: Iterable[str] | None = None,
    min_df: int | float = 2,
    max_df: int | float = 1.0,
    voice: str = "all",
    kinds: Iterable[str] = ("word",),
    term: str = "norm",
    sample: float | None = None,
) -> pd.DataFrame:
    """Coherence and stability of a topic model for each number of topics k.

    For every k in *ks* and every seed, the estimator is cloned with
    ``n_components=k, random_state=seed`` and fitted (options as in
    :func:`fit_topics`); with *sample*, each run is fitted on a random share
    of the units drawn with its seed (Greene et al. 2014 resample documents
    the same way), so stability also measures how much the topics depend on
    which paragraphs happen to be in the text. Per k:

    - ``npmi``, ``umass``: each run's mean topic coherence on the model's own
      units (:func:`topic_coherence`, top *n_terms* terms), averaged over
      runs; ``*_sd`` is the standard deviation of the run means (ddof=1).
    - ``stability``: mean matched top-term Jaccard over all pairs of runs
      (:func:`topic_stability`); ``stability_sd`` its standard deviation over
      run pairs (ddof=1). Needs at least two seeds (else NaN).

    Prefer a k where coherence is high *and* stability is near its best: a
    coherent topic set that changes with the seed is not a finding.

    Parameters
    ----------
    sample : float in (0, 1), optional
        Share of units each run is fitted on (without replacement, at least
        two units). ``None`` fits every run on all units, so only the
        estimator's ``random_state`` varies. Coherence is always computed on
        all units.

    Warns
    -----
    UserWarning
        When the runs can hardly differ: ``sample=None`` and an NMF whose
        initialisation is SVD-based (``init`` None, "nndsvd" or "nndsvda",
        the default; the seed only enters through a randomized SVD).
        Stability would be near 1 by construction; use
        ``NMF(init="random")``, ``init="nndsvdar"`` or ``sample=0.8``.

    Returns
    -------
    DataFrame
        ``k, n_runs, npmi, npmi_sd, umass, umass_sd, stability, stability_sd,
        n_units, n_terms`` (``n_terms``: vocabulary size), sorted by k.

    Notes
    -----
    Costs ``len(ks) × len(seeds)`` fits; the matrix is built once.
    """
    func = "textmine.select_k"
    _check_estimator(estimator, func)
    kind = _resolve_matrix(estimator, matrix, func)
    if isinstance(ks, (int, np.integer)):
        raise TypeError(f"{func}: ks must be an iterable of ints such as range(2, 11), got a single int; pass [{ks}].")
    ks = sorted({require_int(k, func=func, arg="ks", minimum=1) for k in ks})
    if isinstance(seeds, (int, np.integer)):
        raise TypeError(f"{func}: seeds must be an iterable of ints such as range(5), got a single int; pass range({seeds}).")
    seeds = [int(s) for s in seeds]
    if not ks or not seeds:
        raise InputError(f"{func}: ks and seeds must not be empty.")
    n_terms = require_int(n_terms, func=func, arg="n_terms", minimum=1)
    params = estimator.get_params()
    if "random_state" not in params:
        raise TypeError(f"{func}: estimator {type(estimator).__name__} has no random_state parameter to vary.")
    if sample is not None:
        if isinstance(sample, bool) or not isinstance(sample, (float, np.floating)):
            raise TypeError(f"{func}: sample must be a float in (0, 1) or None, got {type(sample).__name__}.")
        if not 0.0 < sample < 1.0:
            raise InputError(f"{func}: sample must be in (0, 1), e.g. 0.8, got {sample!r}.")
    else:
        from sklearn.decomposition import NMF

        if isinstance(estimator, NMF) and params.get("init") in (None, "nndsvd", "nndsvda") and len(seeds) > 1:
            warnings.warn(
                f"{func}: NMF(init={params.get('init')!r}) depends on random_state only through a "
                "randomized SVD, so seeds give (nearly) the same topics and a stability near 1 says little; "
                "use NMF(init='random'), init='nndsvdar', or sample=0.8 to measure stability.",
                category=TextmineWarning, stacklevel=2,
            )
    prepared = _prepare(
        tokens, units=units, size=size, stop_words=stop_words, min_df=min_df, max_df=max_df,
        voice=voice, kinds=kinds, term=term, func=func,
    )
    from sklearn.base import clone

    rows = []
    occurrences = None
    n_units = len(prepared.unit_table)
    for k in ks:
        runs = []
        coh = []
        for seed in seeds:
            est = clone(estimator).set_params(n_components=k, random_state=seed)
            model = _fit(_resampled(prepared, seed, sample), est, kind)
            if occurrences is None:
                occurrences = _occurrences(prepared)
            tt = model.top_terms(n_terms)
            c = topic_coherence(tt, occurrences, n_units=n_units)
            coh.append((c["npmi"].mean(), c["umass"].mean()))
            runs.append(tt)
        coh_a = np.array(coh, dtype=np.float64)
        stab = topic_stability(runs, n_terms=n_terms) if len(runs) > 1 else None
        pair_means = (
            stab.groupby(["run_a", "run_b"], sort=True)["jaccard"].mean().to_numpy()
            if stab is not None and len(stab) else np.array([])
        )
        sd = (lambda x: float(np.std(x, ddof=1)) if len(x) > 1 else np.nan)  # noqa: E731
        rows.append({
            "k": k, "n_runs": len(seeds),
            "npmi": float(np.nanmean(coh_a[:, 0])), "npmi_sd": sd(coh_a[:, 0]),
            "umass": float(np.nanmean(coh_a[:, 1])), "umass_sd": sd(coh_a[:, 1]),
            "stability": float(pair_means.mean()) if len(pair_means) else np.nan,
            "stability_sd": sd(pair_means),
            "n_units": n_units, "n_terms": len(prepared.vocabulary),
        })
    out = pd.DataFrame(rows, columns=SELECT_K_COLUMNS)
    for c in ("k", "n_runs", "n_units", "n_terms"):
        out[c] = out[c].astype("int64")
    return out
