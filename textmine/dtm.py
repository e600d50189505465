"""Document–term matrices and term counts by group for large corpora, sparse.

The token frame is already tokenised, so nothing is re-tokenised here: terms
(``norm`` by default) are dictionary-encoded by Arrow, groups (``doc_id``,
``period``, any columns) become integer codes, and counts are a
``numpy.bincount`` over ``group * n_terms + term`` in blocks of groups, so no
dense documents × terms table is ever made and no Python loop runs per token.
The result is a :class:`TermMatrix`: a ``scipy.sparse.csr_matrix`` (what
scikit-learn's ``CountVectorizer`` returns, ready for ``TfidfTransformer``,
``NMF`` or ``LatentDirichletAllocation``) with its row keys and terms.

Three vocabularies:

* default: every term seen, in sorted order (like ``CountVectorizer``);
* ``vocabulary=[...]``: a fixed list; other terms are not counted (stable
  columns across corpora and runs);
* ``hashing=True``: terms hashed into ``n_features`` columns exactly as
  scikit-learn's ``HashingVectorizer(alternate_sign=False, norm=None)`` does
  (signed 32-bit MurmurHash3 of the UTF-8 term, seed 0; column ``|h| mod
  n_features``), so no vocabulary is held at all.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._frames import require_columns, require_frame
from .errors import InputError

__all__ = ["TermMatrix", "document_term_matrix", "term_counts"]

#: Cells of one block of counts (``groups_in_block * n_terms``); memory is 8 bytes per cell.
BLOCK_CELLS = 1 << 24


@dataclass(frozen=True)
class TermMatrix:
    """Sparse counts: one row per group, one column per term.

    Attributes
    ----------
    matrix : scipy.sparse.csr_matrix of int64
        ``matrix[i, j]`` = number of tokens of group ``rows.iloc[i]`` whose
        term is ``terms[j]``.
    rows : DataFrame
        The group keys (the ``by`` columns), one row per matrix row, sorted.
    terms : numpy.ndarray of str, or None
        Column labels; ``None`` for a hashed matrix (columns are hash buckets).
    """

    matrix: "object"
    rows: pd.DataFrame
    terms: np.ndarray | None

    @property
    def shape(self) -> tuple[int, int]:
        return self.matrix.shape

    def to_frame(self) -> pd.DataFrame:
        """Tidy counts: the ``by`` columns, ``term`` (or ``feature`` when hashed), ``n``.

        Only non-zero counts; rows in matrix order, then term order.
        """
        m = self.matrix.tocsr()
        m.sort_indices()
        counts = np.diff(m.indptr)
        out = self.rows.iloc[np.repeat(np.arange(m.shape[0]), counts)].reset_index(drop=True)
        if self.terms is None:
            out["feature"] = m.indices.astype(np.int64)
        else:
            out["term"] = pd.Series(self.terms[m.indices], dtype="str")
        out["n"] = m.data.astype(np.int64)
        return out


def _arrow(series: pd.Series):
    """The column as a pyarrow ChunkedArray of strings."""
    import pyarrow as pa

    arr = getattr(series.array, "_pa_array", None)
    if arr is not None and (pa.types.is_large_string(arr.type) or pa.types.is_string(arr.type)):
        return arr
    return pa.chunked_array([pa.array(series.astype("str").tolist(), type=pa.large_string())])


def _term_codes(series: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Code of each row into the array of distinct terms (in dictionary order; -1 for missing)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(series.dtype, pd.CategoricalDtype):
        return series.cat.codes.to_numpy().astype(np.int64), series.cat.categories.astype("str").to_numpy(dtype=object)
    arr = _arrow(series)
    if arr.num_chunks == 0 or len(arr) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=object)
    if arr.num_chunks > 1 and len(arr) > 1_000_000:  # Arrow releases the GIL: encode chunks in threads
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=min(8, os.cpu_count() or 1)) as pool:
            enc = pa.chunked_array(list(pool.map(pc.dictionary_encode, arr.chunks))).unify_dictionaries()
    else:
        enc = pc.dictionary_encode(arr).unify_dictionaries()
    dictionary = enc.chunk(0).dictionary
    parts = [c.indices if c.null_count == 0 else pc.fill_null(c.indices, -1) for c in enc.chunks]
    indices = np.concatenate([p.to_numpy(zero_copy_only=False) for p in parts])
    return indices, np.asarray(dictionary.to_pylist(), dtype=object)


def _group_codes(frame: pd.DataFrame, by: list[str], keep: np.ndarray) -> tuple[np.ndarray, pd.DataFrame]:
    """Integer code of each row's group, and the sorted table of the groups present.

    Groups are those of all rows, before filtering: a document whose tokens
    are all filtered out keeps its (empty) row, as in CountVectorizer."""
    if not by:
        return np.zeros(len(frame), dtype=np.int64), pd.DataFrame(index=range(1))
    codes_l, levels_l = [], []
    for col in by:
        s = frame[col]
        if isinstance(s.dtype, pd.CategoricalDtype):
            codes, levels = s.cat.codes.to_numpy().astype(np.int64), s.cat.categories
        else:
            codes, levels = _runs_factorize(s)
        codes_l.append(codes)
        levels_l.append(levels)
    # combine several keys, keep only observed combinations, sorted by key
    if len(by) == 1 and (codes_l[0] >= 0).all():
        present = np.bincount(codes_l[0], minlength=len(levels_l[0])) > 0
        if present.all():  # every level observed: the codes are the rows
            s = frame[by[0]]
            values = pd.Series(levels_l[0])
            values = pd.Series(pd.Categorical(values, dtype=s.dtype)) if isinstance(s.dtype, pd.CategoricalDtype) else values.astype(s.dtype)
            return codes_l[0], pd.DataFrame({by[0]: values})
    if len(by) == 1:
        key = codes_l[0] + 1
    else:
        key = np.zeros(len(frame), dtype=np.int64)
        for codes, levels in zip(codes_l, levels_l):
            key = key * (len(levels) + 1) + (codes + 1)
    total = int(np.prod([len(levels) + 1 for levels in levels_l], dtype=np.float64))
    if total <= BLOCK_CELLS:  # compact the observed keys without sorting the rows
        present = np.bincount(key, minlength=total) > 0
        remap = np.cumsum(present) - 1
        uniq, inv = np.flatnonzero(present), remap[key]
    else:
        uniq, inv = np.unique(key, return_inverse=True)
    rows = {}
    rest = uniq.copy()
    for col, levels, s in reversed(list(zip(by, levels_l, (frame[c] for c in by)))):
        code = rest % (len(levels) + 1) - 1
        rest = rest // (len(levels) + 1)
        values = pd.Series(levels).iloc[np.maximum(code, 0)].reset_index(drop=True)
        if isinstance(s.dtype, pd.CategoricalDtype):
            values = pd.Series(pd.Categorical(values, dtype=s.dtype))
        else:
            values = values.astype(s.dtype)
        values[code < 0] = None
        rows[col] = values
    return inv.astype(np.int64), pd.DataFrame({col: rows[col] for col in by})


def _runs_factorize(s: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Sorted factorisation, hashing only one value per run of equal values.

    Group columns such as ``doc_id`` or ``period`` come in long runs, so this
    is much cheaper than hashing every row.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    n = len(s)
    if n == 0:
        return np.zeros(0, dtype=np.int64), pd.Index([])
    arr = getattr(s.array, "_pa_array", None)
    if arr is not None and n > 1 and arr.null_count == 0:
        changed = pc.not_equal(arr.slice(1), arr.slice(0, n - 1)).to_numpy(zero_copy_only=False)
        starts = np.concatenate(([0], np.flatnonzero(changed) + 1))
        run_values = pd.Series(arr.take(pa.array(starts)).to_pylist(), dtype=s.dtype)
        run_codes, levels = pd.factorize(run_values, sort=True)
        lengths = np.diff(np.append(starts, n))
        return np.repeat(run_codes.astype(np.int64), lengths), pd.Index(levels)
    codes, levels = pd.factorize(s, sort=True)
    return codes.astype(np.int64), pd.Index(levels)


def _hash_terms(terms: np.ndarray, n_features: int) -> np.ndarray:
    """Column of each term as scikit-learn's HashingVectorizer computes it."""
    from sklearn.utils import murmurhash3_32

    return np.fromiter((abs(murmurhash3_32(t, seed=0)) % n_features for t in terms.tolist()), dtype=np.int64, count=len(terms))


def _count(g: np.ndarray, t: np.ndarray, n_groups: int, n_terms: int):
    """CSR matrix of counts of (group, term) pairs, in blocks of groups."""
    from scipy import sparse

    if len(g) == 0 or n_terms == 0:
        return sparse.csr_matrix((n_groups, n_terms), dtype=np.int64)
    per_block = max(1, BLOCK_CELLS // max(n_terms, 1))
    if per_block >= n_groups:
        counts = np.bincount(g * n_terms + t, minlength=n_groups * n_terms).reshape(n_groups, n_terms)
        return sparse.csr_matrix(counts)
    if not (np.diff(g) >= 0).all():  # gather each block's rows together (a stable counting sort)
        order = np.argsort(g.astype(np.uint32 if n_groups < 2**32 else np.int64), kind="stable")
        g, t = g[order], t[order]
    bounds = np.searchsorted(g, np.arange(0, n_groups + per_block, per_block))
    blocks = []
    for b in range(len(bounds) - 1):
        lo_g = b * per_block
        if lo_g >= n_groups:
            break
        k = min(per_block, n_groups - lo_g)
        seg = slice(bounds[b], bounds[b + 1])
        counts = np.bincount((g[seg] - lo_g) * n_terms + t[seg], minlength=k * n_terms).reshape(k, n_terms)
        blocks.append(sparse.csr_matrix(counts))
    return sparse.vstack(blocks, format="csr")


def document_term_matrix(
    tokens: pd.DataFrame,
    *,
    by: str | Sequence[str] = "doc_id",
    term: str = "norm",
    vocabulary: Iterable[str] | None = None,
    hashing: bool = False,
    n_features: int = 2**20,
    kinds: Iterable[str] | None = ("word", "number"),
    drop_stop: bool = False,
) -> TermMatrix:
    """Sparse counts of terms per group (document, period, paragraph...).

    Parameters
    ----------
    tokens : DataFrame
        A token frame (``doc.tokens``, ``corpus.tokens``, or one read back
        with :func:`textmine.storage.read_frame`), with the *by* and *term*
        columns, and ``kind`` / ``is_stop`` when filtering on them.
    by : str or list of str
        Group columns; one matrix row per combination present in *tokens*
        (also when all its tokens are filtered out: an empty row), sorted,
        categorical columns in category order. ``[]`` gives one row.
    term : str
        Column holding the terms (``norm``, ``token``, a lemma column...).
    vocabulary : iterable of str, optional
        Fixed columns, in this order; other terms are not counted.
    hashing : bool
        Hash terms into *n_features* columns (see the module docs).
    kinds : iterable of str or None
        Keep these token kinds (default words and numbers); ``None`` keeps all.
    drop_stop : bool
        Leave out stop words (``is_stop``).

    Returns
    -------
    TermMatrix
        ``n_{g,w}`` = number of tokens of group *g* with term *w*.
    """
    func = "textmine.document_term_matrix"
    require_frame(tokens, func=func, arg="tokens", hint="pass the token frame, e.g. doc.tokens")
    by = [by] if isinstance(by, str) else list(by)
    need = [*by, term] + (["kind"] if kinds is not None else []) + (["is_stop"] if drop_stop else [])
    require_columns(tokens, need, func=func, arg="tokens", hint="pass doc.tokens (for 'period', assign periods first)")
    if hashing and vocabulary is not None:
        raise InputError(f"{func}: pass either vocabulary=... or hashing=True, not both.")
    if hashing and (not isinstance(n_features, (int, np.integer)) or n_features < 1):
        raise InputError(f"{func}: n_features must be a positive int, got {n_features!r}.")
    keep = np.ones(len(tokens), dtype=bool)
    if kinds is not None:
        if isinstance(kinds, str):
            raise TypeError(f"{func}: kinds must be a list such as ['word'], not one string.")
        kind = tokens["kind"]
        if isinstance(kind.dtype, pd.CategoricalDtype):  # compare small integer codes, not strings
            lut = np.zeros(len(kind.cat.categories) + 1, dtype=bool)  # index -1 (missing) -> False
            lut[[i for i, c in enumerate(kind.cat.categories) if c in set(kinds)]] = True
            keep &= lut[kind.cat.codes.to_numpy()]
        else:
            keep &= kind.isin(list(kinds)).to_numpy()
    if drop_stop:
        keep &= ~tokens["is_stop"].to_numpy(dtype=bool)
    # Codes are computed on whole columns and then filtered: no row copies.
    g, rows = _group_codes(tokens, by, keep)
    frame = tokens
    if vocabulary is not None:
        if isinstance(vocabulary, str):
            raise TypeError(f"{func}: vocabulary must be a list of terms, not one string.")
        import pyarrow as pa
        import pyarrow.compute as pc

        terms = np.asarray(list(dict.fromkeys(vocabulary)), dtype=object)
        t = pc.index_in(_arrow(frame[term]), value_set=pa.array(terms.tolist(), type=pa.large_string()))
        t = t.to_numpy(zero_copy_only=False)
        t = np.where(np.isnan(t), -1, t).astype(np.int64) if t.dtype.kind == "f" else t.astype(np.int64)
    else:
        t, terms = _term_codes(frame[term])
    # Dropped tokens (filtered, missing or out of vocabulary) go to a spare
    # last column, removed after counting: no row is copied or compacted.
    n_terms = len(terms)
    ok = keep & (t >= 0)
    if not ok.all():
        t = np.where(ok, t, n_terms)
    if hashing:
        columns = np.append(_hash_terms(terms, int(n_features)), int(n_features))
        matrix = _count(g, columns[t], len(rows), int(n_features) + 1)[:, : int(n_features)]
        return TermMatrix(matrix.tocsr(), rows.reset_index(drop=True), None)
    matrix = _count(g, t, len(rows), n_terms + 1)[:, :n_terms].tocsr()
    labels = np.asarray(terms, dtype=object)
    if vocabulary is None:  # observed terms only, in sorted order (as CountVectorizer)
        observed = np.flatnonzero(np.bincount(matrix.indices, minlength=n_terms) > 0)
        order = observed[np.argsort(labels[observed].astype(str), kind="stable")]
        matrix = matrix[:, order].tocsr()
        labels = labels[order]
    matrix.sort_indices()
    return TermMatrix(matrix, rows.reset_index(drop=True), labels)


def term_counts(
    tokens: pd.DataFrame,
    *,
    by: str | Sequence[str] = "doc_id",
    term: str = "norm",
    **options,
) -> pd.DataFrame:
    """Tidy term counts per group, computed through a sparse matrix.

    Same options as :func:`document_term_matrix`. Columns: the *by*
    columns, ``term``, ``n`` (non-zero counts only), sorted by group then
    term.

    Examples
    --------
    >>> counts = tm.dtm.term_counts(corpus.tokens, by="doc_id", drop_stop=True)  # doctest: +SKIP
    """
    return document_term_matrix(tokens, by=by, term=term, **options).to_frame()
