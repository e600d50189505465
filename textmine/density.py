"""How much of a text is quotation: density by group, along the text, by speaker.

Three frame → frame functions:

- :func:`quotation_density` — quoted-word share, quotations and citations
  per 1,000 words, by period, paragraph, speaker... with source quotations,
  scare-quoted terms and titles counted separately;
- :func:`rolling_density` — the quoted share in a sliding window of words
  along the text (for a curve with period bands behind it);
- :func:`speaker_by_period` — who is quoted in which period (long form),
  with :func:`speaker_period_matrix` for the wide table.

Words are tokens whose ``kind`` is not ``punct`` (words and numbers). The
citation apparatus (tokens with ``in_citation``) is left out of every count
unless ``include_citations=True``: a parenthetical reference is neither the
author's words nor the quoted voice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ._frames import require_columns
from .errors import ColumnError, InputError

__all__ = [
    "KINDS",
    "DENSITY_MEASURES",
    "quotation_density",
    "rolling_density",
    "speaker_by_period",
    "speaker_period_matrix",
]

#: Quotation kinds counted separately (``doc.quotations.kind``).
KINDS: tuple[str, ...] = ("quotation", "term", "title")

#: Measure columns of :func:`quotation_density`, after the group columns.
DENSITY_MEASURES: list[str] = [
    "n_words", "n_quoted", "quoted_share",
    *[c for k in KINDS for c in (f"n_quoted_{k}", f"{k}_share")],
    *[c for k in KINDS for c in (f"n_{k}s", f"{k}s_per_1000")],
    "n_citations", "citations_per_1000",
]

_ALIASES = {"paragraph": "para_id", "sentence": "sent_id", "document": "doc_id"}
_TOKEN_COLUMNS = ("doc_id", "token_id", "start", "end", "kind", "in_quote", "quote_id")
_QUOTE_COLUMNS = ("doc_id", "quote_id", "start", "end", "kind", "group_id")
_CITE_COLUMNS = ("doc_id", "citation_id", "start", "end")


# ---------------------------------------------------------------- helpers
def _frames(data: Any, quotations: Any, citations: Any, func: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Resolve (tokens, quotations, citations) from a Document, a mapping or a tokens frame."""
    if isinstance(data, pd.DataFrame):
        tokens = data
    elif isinstance(data, Mapping):
        if "tokens" not in data:
            raise InputError(f"{func}: the mapping of frames has no 'tokens'; pass doc.frames() or a Document.")
        tokens = data["tokens"]
        quotations = data.get("quotations") if quotations is None else quotations
        citations = data.get("citations") if citations is None else citations
    elif all(isinstance(getattr(data, n, None), pd.DataFrame) for n in ("tokens", "quotations", "citations")):
        tokens = data.tokens
        quotations = data.quotations if quotations is None else quotations
        citations = data.citations if citations is None else citations
    else:
        raise TypeError(
            f"{func}: data must be a Document, a mapping of frames (doc.frames()) or the tokens frame, "
            f"got {type(data).__name__}."
        )
    for name, frame in (("tokens", tokens), ("quotations", quotations), ("citations", citations)):
        if frame is None:
            raise InputError(
                f"{func}: no {name} frame; with a tokens frame pass quotations=doc.quotations and "
                "citations=doc.citations, or pass the Document itself."
            )
        if not isinstance(frame, pd.DataFrame):
            raise TypeError(f"{func}: {name} must be a DataFrame, got {type(frame).__name__}.")
    return tokens, quotations, citations


def _keys(by: str | Sequence[str] | None, func: str) -> list[str]:
    if by is None:
        return []
    if isinstance(by, str):
        by = [by]
    elif not isinstance(by, Sequence) or not all(isinstance(b, str) for b in by):
        raise TypeError(f"{func}: by must be a column name, a list of column names or None, got {by!r}.")
    keys = [_ALIASES.get(b, b) for b in by]
    if len(set(keys)) != len(keys):
        raise InputError(f"{func}: by names a column twice: {list(by)}.")
    return keys


def _word_mask(tokens: pd.DataFrame, include_citations: bool) -> np.ndarray:
    word = np.array(tokens["kind"].astype("str").to_numpy() != "punct", dtype=bool)
    if not include_citations and "in_citation" in tokens.columns:
        word &= ~np.array(tokens["in_citation"].fillna(False).to_numpy(bool))
    return word


def _first_token_in(tokens: pd.DataFrame, spans: pd.DataFrame) -> np.ndarray:
    """Row of the first token (by start) lying inside each span of the same document, or -1."""
    out = np.full(len(spans), -1, dtype=np.int64)
    if len(tokens) == 0 or len(spans) == 0:
        return out
    t_doc = tokens["doc_id"].astype("str").to_numpy()
    s_doc = spans["doc_id"].astype("str").to_numpy()
    for d in pd.unique(s_doc):
        t_rows = np.flatnonzero(t_doc == d)
        if len(t_rows) == 0:
            continue
        ts = tokens["start"].to_numpy(np.int64)[t_rows]
        te = tokens["end"].to_numpy(np.int64)[t_rows]
        order = np.argsort(ts, kind="stable")
        ts, te, t_rows = ts[order], te[order], t_rows[order]
        s_rows = np.flatnonzero(s_doc == d)
        ss = spans["start"].to_numpy(np.int64)[s_rows]
        se = spans["end"].to_numpy(np.int64)[s_rows]
        i = np.searchsorted(ts, ss, side="left")
        ok = i < len(ts)
        j = np.where(ok, i, 0)
        ok &= te[j] <= se
        out[s_rows[ok]] = t_rows[j[ok]]
    return out


def _quote_row_of_tokens(tokens: pd.DataFrame, quotations: pd.DataFrame) -> np.ndarray:
    """Row in *quotations* of each token's ``quote_id`` (same doc_id), or -1."""
    if len(tokens) == 0:
        return np.array([], dtype=np.int64)
    qid = tokens["quote_id"].astype("Int64")
    key = pd.DataFrame({"doc_id": tokens["doc_id"].astype("str").to_numpy(), "quote_id": qid.to_numpy()})
    ref = pd.DataFrame({
        "doc_id": quotations["doc_id"].astype("str").to_numpy(),
        "quote_id": quotations["quote_id"].astype("Int64").to_numpy(),
        "_row": np.arange(len(quotations), dtype=np.int64),
    }).drop_duplicates(["doc_id", "quote_id"])
    merged = key.merge(ref, on=["doc_id", "quote_id"], how="left", sort=False)
    rows = merged["_row"].to_numpy(dtype="float64")
    rows = np.where(qid.isna().to_numpy(), np.nan, rows)
    return np.where(np.isnan(rows), -1, rows).astype(np.int64)


# -------------------------------------------------------------- density
def quotation_density(
    data: Any,
    *,
    by: str | Sequence[str] | None = "period",
    quotations: pd.DataFrame | None = None,
    citations: pd.DataFrame | None = None,
    include_citations: bool = False,
) -> pd.DataFrame:
    """Quoted-word share, quotations and citations per 1,000 words, by group.

    Parameters
    ----------
    data : Document, mapping of frames, or DataFrame
        A :class:`~textmine.Document` (its ``tokens``, ``quotations`` and
        ``citations`` are used), a mapping with those keys (e.g.
        ``doc.frames()``), or the tokens frame itself, in which case
        *quotations* and *citations* must be given. The tokens define the
        scope: subset them (one period, one document) to subset everything.
    by : str, list of str, or None, default "period"
        Group columns. A column of the tokens (``period``, ``para_id``,
        ``sent_id``, ``doc_id``; aliases ``"paragraph"``, ``"sentence"``,
        ``"document"``) groups the text; a column found only on the
        quotations (``speaker``, ``speaker_rule``...) splits the quoted
        material. ``None`` gives one row for everything.
    quotations, citations : DataFrame, optional
        ``doc.quotations`` (``doc_id, quote_id, start, end, kind,
        group_id``, plus any quotation group column) and ``doc.citations``
        (``doc_id, citation_id, start, end``). With a Document they default
        to its own and override it when given.
    include_citations : bool, default False
        Count citation tokens as words.

    Returns
    -------
    DataFrame
        The group columns, then (:data:`DENSITY_MEASURES`):

        - ``n_words`` — W_g, word tokens (``kind != "punct"``, citation
          apparatus excluded) of the text group. For a quotation column
          (``speaker``) this is the words of the whole text group it sits
          in, so shares stay shares *of the text*.
        - ``n_quoted`` — Q_g, words with ``in_quote`` in the group;
          ``quoted_share = Q_g / W_g``.
        - ``n_quoted_<kind>``, ``<kind>_share = Q_g,kind / W_g`` for kind in
          ``quotation`` (source quotations), ``term`` (scare-quoted terms),
          ``title``. The three sum to ``n_quoted`` when every quoted token's
          quotation has one of these kinds.
        - ``n_<kind>s`` — number of quotations of the kind, counting a
          quotation broken by a speech tag (one ``group_id``) once; each is
          counted in the group of its first word (quotations with no token
          in *data* are not counted); ``<kind>s_per_1000 = 1000 · n / W_g``.
        - ``n_citations``, ``citations_per_1000 = 1000 · C_g / W_g``:
          citations in the group of their first token; with a quotation
          column in *by*, the citations linked to the group's quotations
          (``quotations.citation_id``).

        Shares and rates are NaN when W_g = 0. Rows are sorted by the group
        columns (periods in their chronological category order, missing
        values last). With only text columns every group of the tokens has a
        row; with a quotation column, only the combinations that occur among
        the quotations.

    Examples
    --------
    >>> quotation_density(doc, by="period")                 # doctest: +SKIP
    >>> quotation_density(doc.tokens, by="speaker",
    ...                   quotations=doc.quotations, citations=doc.citations)  # doctest: +SKIP
    """
    func = "textmine.quotation_density"
    tokens, quotations, citations = _frames(data, quotations, citations, func)
    if not isinstance(include_citations, bool):
        raise TypeError(f"{func}: include_citations must be True or False, got {include_citations!r}.")
    keys = _keys(by, func)
    require_columns(tokens, _TOKEN_COLUMNS, func=func, arg="tokens", hint="Pass doc.tokens (with the quotation columns).")
    require_columns(quotations, _QUOTE_COLUMNS, func=func, arg="quotations", hint="Pass doc.quotations.")
    require_columns(citations, _CITE_COLUMNS, func=func, arg="citations", hint="Pass doc.citations.")
    tkeys = [k for k in keys if k in tokens.columns]
    qkeys = [k for k in keys if k not in tokens.columns]
    missing = [k for k in qkeys if k not in quotations.columns]
    if missing:
        hint = " Assign periods first (textmine.periods.assign_periods)." if "period" in missing else ""
        raise ColumnError(
            f"{func}: by={missing[0]!r} is a column of neither tokens nor quotations "
            f"(tokens have {list(tokens.columns)}).{hint}"
        )

    # --- per token: text group, word, quoted, quotation row and kind ---------
    word = _word_mask(tokens, include_citations)
    quoted = word & np.array(tokens["in_quote"].fillna(False).to_numpy(bool))
    qrow = _quote_row_of_tokens(tokens, quotations)
    has_q = qrow >= 0
    safe = np.where(has_q, qrow, 0)
    tok = tokens[tkeys].reset_index(drop=True)
    tok["_word"] = word.astype(np.int64)
    qt = tok.loc[quoted, tkeys].reset_index(drop=True)
    for k in qkeys:
        vals = quotations[k].iloc[safe[quoted]].reset_index(drop=True) if len(quotations) else pd.Series([pd.NA] * int(quoted.sum()))
        qt[k] = vals.where(pd.Series(has_q[quoted]), other=pd.NA) if len(vals) else vals
    kinds_arr = quotations["kind"].astype("str").to_numpy()
    qt["_kind"] = np.where(has_q[quoted], kinds_arr[safe[quoted]] if len(kinds_arr) else "", "")

    # --- quotations in scope, in the text group of their first word ----------
    word_rows = np.flatnonzero(word)
    qfirst = _first_token_in(tokens.iloc[word_rows].reset_index(drop=True), quotations)
    q_in = qfirst >= 0
    cols = [*qkeys, "kind", "group_id", "doc_id"] + (["citation_id"] if "citation_id" in quotations.columns else [])
    qtab = quotations.loc[q_in, list(dict.fromkeys(cols))].reset_index(drop=True)
    for k in tkeys:
        qtab[k] = tokens[k].iloc[word_rows[qfirst[q_in]]].reset_index(drop=True)
    qtab["kind"] = qtab["kind"].astype("str")
    qtab["doc_id"] = qtab["doc_id"].astype("str")
    quotes = qtab.drop_duplicates([*keys, "doc_id", "group_id", "kind"])

    # --- citations: by their first token, or through the quotations ----------
    if qkeys:
        if "citation_id" not in qtab.columns:
            raise ColumnError(f"{func}: by={qkeys[0]!r} counts citations through quotations.citation_id, which is missing.")
        cit = qtab[qtab["citation_id"].notna()].drop_duplicates([*keys, "doc_id", "citation_id"])
    else:
        cfirst = _first_token_in(tokens, citations)
        cit = tokens[tkeys].iloc[cfirst[cfirst >= 0]].reset_index(drop=True)

    # --- assemble -------------------------------------------------------------
    def count(frame: pd.DataFrame, name: str, value: str | None = None) -> pd.DataFrame | int:
        if not keys:
            return int(frame[value].sum()) if value else len(frame)
        g = frame.groupby(keys, sort=False, dropna=False, observed=True)
        return (g[value].sum() if value else g.size()).rename(name).reset_index()

    if tkeys:
        words_by = tok.groupby(tkeys, sort=False, dropna=False, observed=True)["_word"].sum().rename("n_words").reset_index()
    if qkeys:
        out = pd.concat([qt[keys], qtab[keys]], ignore_index=True).drop_duplicates().reset_index(drop=True)
        out = out.merge(words_by, on=tkeys, how="left", sort=False) if tkeys else out.assign(n_words=int(word.sum()))
    elif tkeys:
        out = words_by
    else:
        out = pd.DataFrame({"n_words": [int(word.sum())]})

    def attach(out: pd.DataFrame, counted: pd.DataFrame | int, name: str) -> pd.DataFrame:
        if not keys:
            return out.assign(**{name: counted})
        return out.merge(counted, on=keys, how="left", sort=False)

    out = attach(out, count(qt, "n_quoted"), "n_quoted")
    for kind in KINDS:
        out = attach(out, count(qt[qt["_kind"] == kind], f"n_quoted_{kind}"), f"n_quoted_{kind}")
    for kind in KINDS:
        out = attach(out, count(quotes[quotes["kind"] == kind], f"n_{kind}s"), f"n_{kind}s")
    out = attach(out, count(cit, "n_citations"), "n_citations")

    n_words = out["n_words"].fillna(0).to_numpy(np.float64)
    res = out[keys].copy() if keys else pd.DataFrame(index=range(len(out)))
    for k in keys:
        src = tokens[k] if k in tkeys else quotations[k]
        res[k] = res[k].astype(src.dtype)

    def ratio(num: np.ndarray, scale: float = 1.0) -> np.ndarray:
        return np.divide(scale * num, n_words, out=np.full(len(num), np.nan), where=n_words > 0)

    res["n_words"] = n_words.astype(np.int64)
    nq = out["n_quoted"].fillna(0).to_numpy(np.int64)
    res["n_quoted"] = nq
    res["quoted_share"] = ratio(nq)
    for kind in KINDS:
        v = out[f"n_quoted_{kind}"].fillna(0).to_numpy(np.int64)
        res[f"n_quoted_{kind}"] = v
        res[f"{kind}_share"] = ratio(v)
    for kind in KINDS:
        v = out[f"n_{kind}s"].fillna(0).to_numpy(np.int64)
        res[f"n_{kind}s"] = v
        res[f"{kind}s_per_1000"] = ratio(v, 1000.0)
    v = out["n_citations"].fillna(0).to_numpy(np.int64)
    res["n_citations"] = v
    res["citations_per_1000"] = ratio(v, 1000.0)
    if keys:
        res = res.sort_values(keys, kind="mergesort", na_position="last")
    return res.reset_index(drop=True)


# ---------------------------------------------------------------- rolling
def rolling_density(
    tokens: pd.DataFrame,
    *,
    window: int = 250,
    center: bool = True,
    step: int = 1,
    kinds: Iterable[str] | None = None,
    quotations: pd.DataFrame | None = None,
    include_citations: bool = False,
) -> pd.DataFrame:
    """Quoted share in a sliding window of words along the text.

    Words (``kind != "punct"``, citation apparatus excluded) are numbered
    0..n-1 in reading order within each document; that number is the
    ``position``. With q_j = 1 if word j is quoted,

    ``share(i) = (1 / |w(i)|) Σ_{j ∈ w(i)} q_j``,

    where the window w(i) is, with ``center=True``, the ``window`` words
    ``i - window // 2 … i - window // 2 + window - 1`` (centred on word i),
    and with ``center=False`` the trailing ``window`` words ``i - window +
    1 … i``. Near the ends of the text the window is cut to the words that
    exist; ``n_window`` = |w(i)| says how many, so edge values can be
    masked (``df[df.n_window == window]``).

    Parameters
    ----------
    tokens : DataFrame or Document
        ``doc.tokens`` (``doc_id, token_id, start, kind, in_quote``, plus
        ``quote_id`` when *kinds* is given); a ``period`` column is carried
        over.
    window : int, default 250
        Window length in words.
    center : bool, default True
    step : int, default 1
        Keep every ``step``-th position (the first is always kept).
    kinds : iterable of str, optional
        Count only quotations of these kinds (e.g. ``["quotation"]`` for
        source quotations); needs *quotations*.
    quotations : DataFrame, optional
        ``doc.quotations``, for *kinds*.

    Returns
    -------
    DataFrame
        ``doc_id, position, token_id, start, share, n_window`` (+ ``period``),
        sorted by document (order of first appearance) and position.
    """
    func = "textmine.rolling_density"
    if not isinstance(tokens, pd.DataFrame):
        frame = getattr(tokens, "tokens", None)
        if not isinstance(frame, pd.DataFrame):
            raise TypeError(f"{func}: tokens must be a DataFrame (doc.tokens) or a Document, got {type(tokens).__name__}.")
        if kinds is not None and quotations is None:
            quotations = tokens.quotations
        tokens = frame
    for name, val in (("window", window), ("step", step)):
        if isinstance(val, bool) or not isinstance(val, (int, np.integer)):
            raise TypeError(f"{func}: {name} must be an int, got {type(val).__name__}.")
        if val < 1:
            raise InputError(f"{func}: {name} must be at least 1, got {val}.")
    if not isinstance(center, bool):
        raise TypeError(f"{func}: center must be True or False, got {center!r}.")
    require_columns(tokens, ("doc_id", "token_id", "start", "kind", "in_quote"), func=func, arg="tokens", hint="Pass doc.tokens.")
    quoted = np.array(tokens["in_quote"].fillna(False).to_numpy(bool))
    if kinds is not None:
        if isinstance(kinds, str):
            raise TypeError(f"{func}: kinds must be an iterable of kinds, not a single string; pass [{kinds!r}].")
        kinds = frozenset(kinds)
        if quotations is None:
            raise InputError(f"{func}: kinds={sorted(kinds)} needs quotations=doc.quotations to know each quotation's kind.")
        require_columns(tokens, ("quote_id",), func=func, arg="tokens")
        require_columns(quotations, ("doc_id", "quote_id", "kind"), func=func, arg="quotations", hint="Pass doc.quotations.")
        rows = _quote_row_of_tokens(tokens, quotations)
        qk = quotations["kind"].astype("str").to_numpy()
        ok = rows >= 0
        kind_ok = np.zeros(len(rows), dtype=bool)
        kind_ok[ok] = np.isin(qk[rows[ok]], list(kinds))
        quoted &= kind_ok
    word = _word_mask(tokens, include_citations)
    has_period = "period" in tokens.columns
    doc = pd.factorize(tokens["doc_id"], sort=False)[0]
    order = np.lexsort((tokens["token_id"].to_numpy(np.int64), doc))
    order = order[word[order]]
    d = doc[order]
    q = quoted[order].astype(np.int64)
    parts = []
    for code in pd.unique(d):
        idx = order[d == code]
        qq = q[d == code]
        n = len(idx)
        cs = np.concatenate([[0], np.cumsum(qq)])
        i = np.arange(0, n, step)
        if center:
            lo = i - window // 2
            hi = lo + window
        else:
            hi = i + 1
            lo = hi - window
        lo = np.clip(lo, 0, n)
        hi = np.clip(hi, 0, n)
        nw = hi - lo
        part = pd.DataFrame({
            "doc_id": pd.Series(tokens["doc_id"].to_numpy()[idx[i]], dtype="str"),
            "position": pd.Series(i, dtype="int64"),
            "token_id": pd.Series(tokens["token_id"].to_numpy(np.int64)[idx[i]], dtype="int64"),
            "start": pd.Series(tokens["start"].to_numpy(np.int64)[idx[i]], dtype="int64"),
            "share": (cs[hi] - cs[lo]) / nw,
            "n_window": pd.Series(nw, dtype="int64"),
        })
        if has_period:
            part["period"] = tokens["period"].iloc[idx[i]].reset_index(drop=True)
        parts.append(part)
    if not parts:
        out = pd.DataFrame({
            "doc_id": pd.Series(dtype="str"), "position": pd.Series(dtype="int64"),
            "token_id": pd.Series(dtype="int64"), "start": pd.Series(dtype="int64"),
            "share": pd.Series(dtype="float64"), "n_window": pd.Series(dtype="int64"),
        })
        if has_period:
            out["period"] = tokens["period"].iloc[:0].reset_index(drop=True)
        return out
    out = pd.concat(parts, ignore_index=True)
    if has_period:
        out["period"] = out["period"].astype(tokens["period"].dtype)
    return out


# --------------------------------------------------------------- speakers
def speaker_by_period(
    quotations: pd.DataFrame,
    *,
    period: str = "period",
    kinds: Iterable[str] | None = ("quotation",),
    missing: str | None = "(unattributed)",
) -> pd.DataFrame:
    """Who is quoted in which period: counts and quoted tokens per speaker × period.

    Parameters
    ----------
    quotations : DataFrame or Document
        ``doc.quotations`` with ``speaker``, ``group_id``, ``n_tokens``,
        ``kind`` and the *period* column.
    period : str, default "period"
        The column to cross with speakers (any quotation column works, e.g.
        ``doc_id``).
    kinds : iterable of str or None, default ("quotation",)
        Quotation kinds counted; ``None`` for all. Scare-quoted terms have no
        speaker, so the default keeps source quotations only.
    missing : str or None, default "(unattributed)"
        Label for quotations without a speaker; ``None`` leaves them out.

    Returns
    -------
    DataFrame
        ``speaker, <period>, n_quotations, n_parts, n_tokens``: one row for
        every speaker × period pair (zeros included), where ``n_quotations``
        counts distinct ``group_id`` (a quotation broken by a speech tag
        counts once), ``n_parts`` the rows, ``n_tokens`` the sum of
        ``n_tokens``. Periods are all categories of a categorical column (in
        chronological order), else the observed values sorted. Speakers are
        ordered by total quotations (descending), then total tokens
        (descending), then name, with the *missing* label last; periods in
        their order within each speaker. Quotations with a missing period are
        left out.
    """
    func = "textmine.speaker_by_period"
    if not isinstance(quotations, pd.DataFrame):
        frame = getattr(quotations, "quotations", None)
        if not isinstance(frame, pd.DataFrame):
            raise TypeError(f"{func}: quotations must be a DataFrame (doc.quotations) or a Document, got {type(quotations).__name__}.")
        quotations = frame
    if not isinstance(period, str):
        raise TypeError(f"{func}: period must be a column name (str), got {type(period).__name__}.")
    hint = "Assign periods first (textmine.periods.assign_periods)." if period == "period" else ""
    require_columns(quotations, ("speaker", "group_id", "n_tokens", "kind", period), func=func, arg="quotations", hint=hint)
    if missing is not None and not isinstance(missing, str):
        raise TypeError(f"{func}: missing must be a str or None, got {type(missing).__name__}.")
    q = quotations
    if kinds is not None:
        if isinstance(kinds, str):
            raise TypeError(f"{func}: kinds must be an iterable of kinds, not a single string; pass [{kinds!r}].")
        q = q[q["kind"].astype("str").isin(list(kinds))]
    speaker = q["speaker"].astype("str")
    if missing is None:
        keep = speaker.notna().to_numpy()
        q, speaker = q[keep], speaker[keep]
    else:
        speaker = speaker.fillna(missing)
    pcol = quotations[period]
    df = pd.DataFrame({
        "speaker": speaker.to_numpy(),
        "period": q[period].to_numpy(),
        "doc_id": q["doc_id"].astype("str").to_numpy() if "doc_id" in q.columns else "",
        "group_id": q["group_id"].to_numpy(),
        "n_tokens": q["n_tokens"].to_numpy(np.int64),
    })
    df = df[pd.notna(df["period"])]
    if isinstance(pcol.dtype, pd.CategoricalDtype):
        periods = list(pcol.cat.categories)
    else:
        periods = sorted(pd.unique(df["period"]).tolist())
    g = df.groupby(["speaker", "period"], sort=False)
    agg = pd.DataFrame({
        "n_quotations": g.apply(lambda x: len(x[["doc_id", "group_id"]].drop_duplicates()), include_groups=False) if len(df) else pd.Series(dtype="int64"),
        "n_parts": g.size(),
        "n_tokens": g["n_tokens"].sum(),
    })
    totals = df.groupby("speaker", sort=False).agg(n=("n_tokens", "size"), t=("n_tokens", "sum"))
    if len(df):
        tq = agg.groupby(level="speaker")["n_quotations"].sum()
        totals["q"] = tq.reindex(totals.index).to_numpy()
    else:
        totals["q"] = pd.Series(dtype="int64")
    totals = totals.reset_index()
    totals["_missing"] = totals["speaker"] == missing if missing is not None else False
    totals = totals.sort_values(["_missing", "q", "t", "speaker"], ascending=[True, False, False, True], kind="mergesort")
    speakers = totals["speaker"].tolist()
    grid = pd.MultiIndex.from_product([speakers, periods], names=["speaker", "period"])
    agg = agg.reindex(grid, fill_value=0).reset_index()
    out = pd.DataFrame({
        "speaker": pd.Series(agg["speaker"].to_numpy(), dtype="str"),
        period: pd.Series(agg["period"].to_numpy(), dtype=pcol.dtype if isinstance(pcol.dtype, pd.CategoricalDtype) else None),
        "n_quotations": agg["n_quotations"].to_numpy(np.int64),
        "n_parts": agg["n_parts"].to_numpy(np.int64),
        "n_tokens": agg["n_tokens"].to_numpy(np.int64),
    })
    if not isinstance(pcol.dtype, pd.CategoricalDtype):
        out[period] = out[period].astype(pcol.dtype)
    return out


def speaker_period_matrix(data: pd.DataFrame, *, values: str = "n_quotations") -> pd.DataFrame:
    """Wide speaker × period table from :func:`speaker_by_period`.

    Returns
    -------
    DataFrame
        A ``speaker`` column, then one column per period (named by the
        period as str, in order), holding *values*; rows in the long table's
        speaker order, fresh RangeIndex.
    """
    func = "textmine.speaker_period_matrix"
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"{func}: data must be the frame from speaker_by_period, got {type(data).__name__}.")
    if len(data.columns) < 2 or data.columns[0] != "speaker":
        raise ColumnError(f"{func}: data must start with speaker and the period column (from speaker_by_period); it has {list(data.columns)}.")
    period = data.columns[1]
    require_columns(data, (values,), func=func, arg="data")
    speakers = list(pd.unique(data["speaker"]))
    pcol = data[period]
    periods = list(pcol.cat.categories) if isinstance(pcol.dtype, pd.CategoricalDtype) else list(pd.unique(pcol))
    wide = data.pivot(index="speaker", columns=period, values=values)
    wide = wide.reindex(index=speakers, columns=periods).fillna(0).astype(np.int64)
    out = pd.DataFrame({"speaker": pd.Series(speakers, dtype="str")})
    for p in periods:
        out[str(p)] = wide[p].to_numpy()
    return out
