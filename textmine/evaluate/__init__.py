"""Evaluating extraction against hand-made annotations.

Generic span scores live here; each extractor's scorer (quotations,
citations, dates, periods) builds on them and returns a tidy table with one
row per measure: ``task, measure, value, n_gold, n_pred, n_match``.

:func:`evaluate_text` scores one text against every gold file it has, and
``python -m textmine.evaluate`` (:func:`main`) prints one row of headline
scores per text for the chapter and the evaluation set of ``data/eval``
(:func:`evaluate_texts`; the texts and their format: ``data/eval/README.md``).
"""

from __future__ import annotations

import re
import sys

import numpy as np
import pandas as pd

__all__ = ["span_scores", "match_spans"]


def match_spans(pred: pd.DataFrame, gold: pd.DataFrame, *, mode: str = "exact") -> pd.DataFrame:
    """Pair predicted and gold spans one-to-one.

    Parameters
    ----------
    pred, gold : DataFrame
        Each with integer ``start`` and ``end`` columns.
    mode : {"exact", "overlap"}
        ``exact`` pairs spans with equal ``start`` and ``end``; ``overlap``
        pairs each gold span with the not-yet-paired predicted span that
        overlaps it most (ties: earliest), greedily in gold order.

    Returns
    -------
    DataFrame
        ``gold_index, pred_index``: positional indices of matched rows.
    """
    if mode not in ("exact", "overlap"):
        raise ValueError(f"textmine.evaluate.match_spans: mode must be 'exact' or 'overlap', got {mode!r}.")
    g = gold[["start", "end"]].to_numpy(dtype=np.int64)
    p = pred[["start", "end"]].to_numpy(dtype=np.int64)
    pairs: list[tuple[int, int]] = []
    if mode == "exact":
        where = {(int(s), int(e)): i for i, (s, e) in enumerate(p)}
        for gi, (s, e) in enumerate(g):
            pi = where.get((int(s), int(e)))
            if pi is not None:
                pairs.append((gi, pi))
    else:
        used = np.zeros(len(p), dtype=bool)
        for gi, (s, e) in enumerate(g):
            if len(p) == 0:
                break
            ov = np.minimum(p[:, 1], e) - np.maximum(p[:, 0], s)
            ov = np.where(used, 0, ov)
            best = int(np.argmax(ov))
            if ov[best] > 0:
                used[best] = True
                pairs.append((gi, best))
    return pd.DataFrame(pairs, columns=["gold_index", "pred_index"], dtype="int64")


def span_scores(pred: pd.DataFrame, gold: pd.DataFrame, *, task: str) -> pd.DataFrame:
    """Precision, recall and F1 of predicted spans, exact and overlapping.

    ``precision = n_match / n_pred``, ``recall = n_match / n_gold``,
    ``f1 = 2 P R / (P + R)`` (0 when both are 0; precision is 1 when nothing
    is predicted and nothing is gold).

    Returns
    -------
    DataFrame
        ``task, measure, value, n_gold, n_pred, n_match`` with measures
        ``span_precision_exact, span_recall_exact, span_f1_exact`` and the
        same for ``overlap``.
    """
    rows = []
    for mode in ("exact", "overlap"):
        m = len(match_spans(pred, gold, mode=mode))
        P = m / len(pred) if len(pred) else float(len(gold) == 0)
        R = m / len(gold) if len(gold) else 1.0
        F = 2 * P * R / (P + R) if (P + R) else 0.0
        for name, v in (("precision", P), ("recall", R), ("f1", F)):
            rows.append((task, f"span_{name}_{mode}", v, len(gold), len(pred), m))
    return pd.DataFrame(rows, columns=["task", "measure", "value", "n_gold", "n_pred", "n_match"])


# --- quotations and citations (see textmine.quotations, textmine.citations) ---

__all__ += [
    "read_quotation_annotations",
    "read_citation_annotations",
    "evaluate_quotations",
    "evaluate_citations",
    "CITATION_FIELDS",
]

#: Citation fields compared by :func:`evaluate_citations`.
CITATION_FIELDS = ["author", "title", "volume", "place", "publisher", "year", "date", "pages",
                   "page_start", "page_end", "is_ibid"]
_QC_INT = ("year", "page_start", "page_end")


def _qc_read(path, func: str, required: list[str]) -> pd.DataFrame:
    from ..errors import ColumnError

    gold = pd.read_csv(path, dtype="str", keep_default_na=False, na_values=[""])
    missing = [c for c in required if c not in gold.columns]
    if missing:
        raise ColumnError(f"{func}: {str(path)!r} lacks column(s) {missing}; expected the format of data/annotations/README.md.")
    return gold


def _qc_bool(col: pd.Series) -> pd.Series:
    return col.astype("str").str.strip().str.lower().isin(["true", "1", "yes"]).astype(bool)


def read_quotation_annotations(path) -> pd.DataFrame:
    """Read a gold quotations file (``data/annotations/*-quotations.csv``).

    Returns
    -------
    DataFrame
        ``quote_id, start, end, group_id`` (int64), ``kind, speaker`` (str,
        missing when empty), ``citation_id`` (Int64), ``closed`` (bool), and,
        when the file has them, ``head`` and ``speaker_kind`` (str) and
        ``note_id`` (Int64) (the evaluation texts' format, data/eval/README.md);
        sorted by ``start``, fresh RangeIndex.
    """
    func = "textmine.evaluate.read_quotation_annotations"
    g = _qc_read(path, func, ["quote_id", "start", "end", "kind", "speaker", "citation_id", "group_id", "closed"])
    out = pd.DataFrame({
        "quote_id": g["quote_id"].astype("int64"),
        "start": g["start"].astype("int64"),
        "end": g["end"].astype("int64"),
        "kind": g["kind"].astype("str"),
        "speaker": g["speaker"].astype("str"),
        "citation_id": pd.to_numeric(g["citation_id"]).astype("Int64"),
        "group_id": g["group_id"].astype("int64"),
        "closed": _qc_bool(g["closed"]),
    })
    for c in ("head", "speaker_kind"):
        if c in g.columns:
            out[c] = g[c].astype("str")
    if "note_id" in g.columns:
        out["note_id"] = pd.to_numeric(g["note_id"]).astype("Int64")
    return out.sort_values(["start", "end"], kind="stable").reset_index(drop=True)


def read_citation_annotations(path) -> pd.DataFrame:
    """Read a gold citations file (``data/annotations/*-citations.csv``).

    Returns
    -------
    DataFrame
        ``citation_id, start, end`` (int64), ``raw, author, title, volume,
        place, publisher, date, pages`` (str, missing when empty), ``year,
        page_start, page_end, refers_to`` (Int64), ``is_ibid`` (bool), and,
        when the file has them, ``periodical, archive`` (str) and
        ``reference_id`` (Int64); sorted by ``start``, fresh RangeIndex.
    """
    func = "textmine.evaluate.read_citation_annotations"
    g = _qc_read(path, func, ["citation_id", "start", "end", "raw", *CITATION_FIELDS, "refers_to"])
    out = pd.DataFrame({
        "citation_id": g["citation_id"].astype("int64"),
        "start": g["start"].astype("int64"),
        "end": g["end"].astype("int64"),
    })
    for c in ("raw", "author", "title", "volume", "place", "publisher", "date", "pages"):
        out[c] = g[c].astype("str")
    for c in (*_QC_INT, "refers_to"):
        out[c] = pd.to_numeric(g[c]).astype("Int64")
    out["is_ibid"] = _qc_bool(g["is_ibid"])
    for c in ("periodical", "archive"):
        if c in g.columns:
            out[c] = g[c].astype("str")
    if "reference_id" in g.columns:
        out["reference_id"] = pd.to_numeric(g["reference_id"]).astype("Int64")
    return out.sort_values(["start", "end"], kind="stable").reset_index(drop=True)


def _qc_check(frame, name: str, cols: list[str], func: str) -> None:
    from ..errors import ColumnError

    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{func}: {name} must be a DataFrame, got {type(frame).__name__}.")
    missing = [c for c in cols if c not in frame.columns]
    if missing:
        raise ColumnError(f"{func}: {name} lacks column(s) {missing}.")


def _qc_norm(v):
    """A comparable value: None for missing/empty, stripped single-spaced str, or int."""
    if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
        return None
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, np.integer)):
        return int(v)
    if isinstance(v, float) and v.is_integer():
        return int(v)
    s = " ".join(str(v).split())
    return s or None


def _qc_surname(v) -> str | None:
    v = _qc_norm(v)
    if v is None:
        return None
    words = [w for w in str(v).replace(",", " ").split() if not (len(w) == 2 and w.endswith("."))]
    return words[-1].casefold() if words else None


def _qc_row(task: str, measure: str, n_match: int, n_gold: int, n_pred: int) -> tuple:
    value = n_match / n_gold if n_gold else float("nan")
    return (task, measure, value, n_gold, n_pred, n_match)


def _qc_table(rows: list[tuple]) -> pd.DataFrame:
    out = pd.DataFrame(rows, columns=["task", "measure", "value", "n_gold", "n_pred", "n_match"])
    for c in ("n_gold", "n_pred", "n_match"):
        out[c] = out[c].astype("int64")
    out["task"] = out["task"].astype("str")
    out["measure"] = out["measure"].astype("str")
    out["value"] = out["value"].astype("float64")
    return out


def _qc_citation_map(pred_citations, gold_citations) -> dict[int, int]:
    """Predicted citation_id to gold citation_id, for exactly matching spans."""
    if pred_citations is None or gold_citations is None:
        return {}
    pairs = match_spans(pred_citations, gold_citations, mode="exact")
    p_ids = pred_citations["citation_id"].to_numpy()
    g_ids = gold_citations["citation_id"].to_numpy()
    return {int(p_ids[p]): int(g_ids[g]) for g, p in zip(pairs["gold_index"], pairs["pred_index"])}


def evaluate_quotations(
    pred: pd.DataFrame,
    gold: pd.DataFrame,
    *,
    pred_citations: pd.DataFrame | None = None,
    gold_citations: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Score extracted quotations against gold annotations.

    Parameters
    ----------
    pred : DataFrame
        ``doc.quotations`` (``start, end, kind, speaker, citation_id,
        group_id, closed``).
    gold : DataFrame
        :func:`read_quotation_annotations` output (same text and offsets).
    pred_citations, gold_citations : DataFrame, optional
        ``doc.citations`` and :func:`read_citation_annotations` output; with
        both, ``citation_link_accuracy`` is reported (predicted citation ids
        are mapped to gold ids through exactly matching citation spans).

    Returns
    -------
    DataFrame
        ``task, measure, value, n_gold, n_pred, n_match`` (task
        ``quotations``): the six span scores of :func:`span_scores`, then
        attribute accuracies. Gold rows are paired with predictions by
        overlap (:func:`match_spans`); a gold row without a prediction counts
        as wrong. For each accuracy, ``n_gold`` is the number of gold rows it
        is measured on, ``n_pred`` how many of them have a paired prediction,
        ``n_match`` how many are right, and ``value = n_match / n_gold``:

        - ``kind_accuracy``: all gold rows, ``kind`` equal;
        - ``speaker_accuracy``: gold rows of kind ``quotation`` (source
          quotations), surnames equal (case-insensitive; empty equals empty);
        - ``group_accuracy``: all gold rows, the set of gold rows sharing the
          paired prediction's ``group_id`` equals the gold group;
        - ``closed_accuracy``: all gold rows;
        - ``citation_link_accuracy``: all gold rows (only with citations).
    """
    func = "textmine.evaluate.evaluate_quotations"
    cols = ["start", "end", "kind", "speaker", "citation_id", "group_id", "closed"]
    _qc_check(pred, "pred", cols, func)
    _qc_check(gold, "gold", cols, func)
    pred = pred.reset_index(drop=True)
    gold = gold.reset_index(drop=True)
    task = "quotations"
    table = span_scores(pred, gold, task=task)
    pairs = match_spans(pred, gold, mode="overlap")
    g2p = dict(zip(pairs["gold_index"].tolist(), pairs["pred_index"].tolist()))
    p2g = {p: g for g, p in g2p.items()}
    rows: list[tuple] = []

    def accuracy(measure: str, eligible: list[int], correct) -> None:
        paired = [g for g in eligible if g in g2p]
        ok = sum(1 for g in paired if correct(g, g2p[g]))
        rows.append(_qc_row(task, measure, ok, len(eligible), len(paired)))

    everyone = list(range(len(gold)))
    accuracy("kind_accuracy", everyone, lambda g, p: _qc_norm(gold.at[g, "kind"]) == _qc_norm(pred.at[p, "kind"]))
    sources = [g for g in everyone if _qc_norm(gold.at[g, "kind"]) == "quotation"]
    accuracy("speaker_accuracy", sources, lambda g, p: _qc_surname(gold.at[g, "speaker"]) == _qc_surname(pred.at[p, "speaker"]))
    gold_groups = gold.groupby("group_id").indices
    pred_groups = pred.groupby("group_id").indices

    def same_group(g: int, p: int) -> bool:
        want = set(gold_groups[gold.at[g, "group_id"]].tolist())
        got = {p2g.get(int(i), -1 - int(i)) for i in pred_groups[pred.at[p, "group_id"]].tolist()}
        return want == got

    accuracy("group_accuracy", everyone, same_group)
    accuracy("closed_accuracy", everyone, lambda g, p: bool(gold.at[g, "closed"]) == bool(pred.at[p, "closed"]))
    if pred_citations is not None and gold_citations is not None:
        _qc_check(pred_citations, "pred_citations", ["citation_id", "start", "end"], func)
        _qc_check(gold_citations, "gold_citations", ["citation_id", "start", "end"], func)
        cmap = _qc_citation_map(pred_citations, gold_citations)

        def same_citation(g: int, p: int) -> bool:
            want = _qc_norm(gold.at[g, "citation_id"])
            got = _qc_norm(pred.at[p, "citation_id"])
            return want == (None if got is None else cmap.get(got, -1))

        accuracy("citation_link_accuracy", everyone, same_citation)
    return pd.concat([table, _qc_table(rows)], ignore_index=True)


def evaluate_citations(pred: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Score extracted citations against gold annotations.

    Parameters
    ----------
    pred : DataFrame
        ``doc.citations``.
    gold : DataFrame
        :func:`read_citation_annotations` output (same text and offsets).

    Returns
    -------
    DataFrame
        ``task, measure, value, n_gold, n_pred, n_match`` (task
        ``citations``): the six span scores of :func:`span_scores`, then

        - ``field_accuracy``: over every (gold row, field) cell of
          :data:`CITATION_FIELDS`, ``value = n_match / n_gold`` where
          ``n_gold`` counts cells, ``n_pred`` cells of paired rows (pairing by
          overlap; an unpaired gold row's cells are wrong), ``n_match``
          equal cells (whitespace-normalized strings, integers; empty equals
          empty);
        - ``field_accuracy_<field>`` for each field, counted in rows;
        - ``ibid_resolution_accuracy``: gold Ibid rows whose prediction
          ``refers_to`` the predicted citation that pairs with the gold
          ``refers_to`` (the target is 1: every Ibid resolved).
    """
    func = "textmine.evaluate.evaluate_citations"
    cols = ["start", "end", "citation_id", *CITATION_FIELDS, "refers_to"]
    _qc_check(pred, "pred", cols, func)
    _qc_check(gold, "gold", cols, func)
    pred = pred.reset_index(drop=True)
    gold = gold.reset_index(drop=True)
    task = "citations"
    table = span_scores(pred, gold, task=task)
    pairs = match_spans(pred, gold, mode="overlap")
    g2p = dict(zip(pairs["gold_index"].tolist(), pairs["pred_index"].tolist()))
    rows: list[tuple] = []
    per_field = {}
    for f in CITATION_FIELDS:
        ok = sum(1 for g, p in g2p.items() if _qc_norm(gold.at[g, f]) == _qc_norm(pred.at[p, f]))
        per_field[f] = ok
    n_f = len(CITATION_FIELDS)
    rows.append(_qc_row(task, "field_accuracy", sum(per_field.values()), len(gold) * n_f, len(g2p) * n_f))
    for f in CITATION_FIELDS:
        rows.append(_qc_row(task, f"field_accuracy_{f}", per_field[f], len(gold), len(g2p)))
    gold_id_to_index = {int(v): i for i, v in enumerate(gold["citation_id"].tolist())}
    pred_id_to_index = {int(v): i for i, v in enumerate(pred["citation_id"].tolist())}
    ibids = [g for g in range(len(gold)) if bool(gold.at[g, "is_ibid"])]
    ok = 0
    for g in ibids:
        if g not in g2p:
            continue
        want = _qc_norm(gold.at[g, "refers_to"])
        got = _qc_norm(pred.at[g2p[g], "refers_to"])
        if want is None or got is None:
            ok += want is None and got is None
            continue
        ok += g2p.get(gold_id_to_index.get(want, -1)) == pred_id_to_index.get(got, -2)
    rows.append(_qc_row(task, "ibid_resolution_accuracy", ok, len(ibids), sum(1 for g in ibids if g in g2p)))
    return pd.concat([table, _qc_table(rows)], ignore_index=True)

# --- end quotations and citations ---


# --- dates and periods (see textmine.dates, textmine.periods) ---

__all__ += ["read_date_annotations", "read_period_annotations", "evaluate_dates", "evaluate_periods"]

_DP_GOLD_DATE_COLUMNS = ["start", "end", "text", "year_start", "year_end", "month", "day", "granularity", "kind",
                      "in_citation", "in_quote"]


def _dp_bool(col: pd.Series) -> pd.Series:
    if col.dtype == bool:
        return col
    return col.astype("str").str.strip().str.lower().isin(["true", "1", "yes"])


def read_date_annotations(path) -> pd.DataFrame:
    """Read a gold dates file (``data/annotations/*-dates.csv``) with typed columns.

    Returns
    -------
    DataFrame
        ``date_id, start, end`` (int64), ``text, granularity, kind`` (str),
        ``year_start, year_end, month, day`` (Int64), ``in_citation,
        in_quote`` (bool), sorted by ``start``, fresh RangeIndex.
    """
    from ..errors import ColumnError

    gold = pd.read_csv(path, dtype="str", keep_default_na=False, na_values=[""])
    missing = [c for c in _DP_GOLD_DATE_COLUMNS if c not in gold.columns]
    if missing:
        raise ColumnError(f"textmine.evaluate.read_date_annotations: {str(path)!r} lacks column(s) {missing}.")
    out = pd.DataFrame({
        "date_id": pd.Series(np.arange(len(gold)), dtype="int64"),
        "start": gold["start"].astype("int64"),
        "end": gold["end"].astype("int64"),
        "text": gold["text"].astype("str"),
    })
    for c in ("year_start", "year_end", "month", "day"):
        out[c] = pd.to_numeric(gold[c]).astype("Int64")
    for c in ("granularity", "kind"):
        out[c] = gold[c].astype("str")
    for c in ("in_citation", "in_quote"):
        out[c] = _dp_bool(gold[c])
    return out.sort_values(["start", "end"], kind="stable").reset_index(drop=True)


def read_period_annotations(path) -> pd.DataFrame:
    """Read a gold paragraph-periods file with typed columns.

    Returns
    -------
    DataFrame
        ``para_id`` (int64), ``period`` (str, missing when the annotator gave
        none), ``year_focus`` (Int64), ``ambiguous`` (bool), ``note`` (str).
    """
    from ..errors import ColumnError

    gold = pd.read_csv(path, dtype="str", keep_default_na=False, na_values=[""])
    missing = [c for c in ("para_id", "period", "year_focus", "ambiguous") if c not in gold.columns]
    if missing:
        raise ColumnError(f"textmine.evaluate.read_period_annotations: {str(path)!r} lacks column(s) {missing}.")
    return pd.DataFrame({
        "para_id": gold["para_id"].astype("int64"),
        "period": gold["period"].astype("str"),
        "year_focus": pd.to_numeric(gold["year_focus"]).astype("Int64"),
        "ambiguous": _dp_bool(gold["ambiguous"]),
        "note": gold["note"].astype("str") if "note" in gold.columns else pd.Series([""] * len(gold), dtype="str"),
    })


def _dp_same(a: pd.Series, b: pd.Series) -> np.ndarray:
    """Element-wise equality where missing equals missing."""
    na_a, na_b = a.isna().to_numpy(), b.isna().to_numpy()
    eq = np.array([bool(na or nb or x == y) for x, y, na, nb in zip(a.tolist(), b.tolist(), na_a, na_b)], dtype=bool)
    return np.where(na_a | na_b, na_a & na_b, eq).astype(bool)


def evaluate_dates(pred: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Score extracted dates against gold annotations.

    Parameters
    ----------
    pred : DataFrame
        Output of :func:`textmine.dates.find_dates` (``doc.dates``).
    gold : DataFrame
        :func:`read_date_annotations` output (same text, same offsets).

    Returns
    -------
    DataFrame
        ``task, measure, value, n_gold, n_pred, n_match``:

        - span scores (:func:`span_scores`) for task ``dates`` (every row),
          ``dates_explicit``, ``dates_relative``, ``dates_event`` (gold and
          predicted rows of that ``kind``) and ``dates_historical`` (rows
          not in citations);
        - attribute accuracies over the overlap-matched pairs of a task,
          ``value = n_match / n_pairs`` with ``n_gold = n_pred = n_pairs``:
          ``year_accuracy`` (``year_start`` and ``year_end`` both equal),
          ``month_day_accuracy``, ``granularity_accuracy``,
          ``kind_accuracy``, ``in_citation_accuracy``, ``in_quote_accuracy``
          (task ``dates``) and ``year_accuracy`` (task ``dates_explicit``);
        - ``n_citation_as_historical`` (task ``citation_dates``): predicted
          rows *not* flagged ``in_citation`` that overlap a gold citation
          date (target 0); here ``n_gold`` counts gold citation dates,
          ``n_pred`` predicted citation dates, ``n_match`` gold citation
          dates matched by a flagged prediction.
    """
    func = "textmine.evaluate.evaluate_dates"
    for name, frame in (("pred", pred), ("gold", gold)):
        if not isinstance(frame, pd.DataFrame):
            raise TypeError(f"{func}: {name} must be a DataFrame, got {type(frame).__name__}.")
        missing = [c for c in ("start", "end", "kind", "in_citation") if c not in frame.columns]
        if missing:
            from ..errors import ColumnError

            raise ColumnError(f"{func}: {name} lacks column(s) {missing}.")
    cols = ["task", "measure", "value", "n_gold", "n_pred", "n_match"]
    parts = []
    subsets = {
        "dates": (np.ones(len(pred), bool), np.ones(len(gold), bool)),
        "dates_explicit": ((pred["kind"] == "explicit").to_numpy(), (gold["kind"] == "explicit").to_numpy()),
        "dates_relative": ((pred["kind"] == "relative").to_numpy(), (gold["kind"] == "relative").to_numpy()),
        "dates_event": ((pred["kind"] == "event").to_numpy(), (gold["kind"] == "event").to_numpy()),
        "dates_historical": (~_dp_bool(pred["in_citation"]).to_numpy(), ~_dp_bool(gold["in_citation"]).to_numpy()),
    }
    for task, (pm, gm) in subsets.items():
        p = pred[pm].reset_index(drop=True)
        g = gold[gm].reset_index(drop=True)
        parts.append(span_scores(p, g, task=task))
        attrs = ["year_start"] if task == "dates_explicit" else (
            ["year_start", "month_day", "granularity", "kind", "in_citation", "in_quote"] if task == "dates" else [])
        if not attrs:
            continue
        pairs = match_spans(p, g, mode="overlap")
        pp = p.iloc[pairs["pred_index"].to_numpy()].reset_index(drop=True)
        gg = g.iloc[pairs["gold_index"].to_numpy()].reset_index(drop=True)
        n = len(pairs)
        rows = []
        for a in attrs:
            if a == "year_start":
                ok = _dp_same(pp["year_start"], gg["year_start"]) & _dp_same(pp["year_end"], gg["year_end"])
                measure = "year_accuracy"
            elif a == "month_day":
                ok = _dp_same(pp["month"], gg["month"]) & _dp_same(pp["day"], gg["day"])
                measure = "month_day_accuracy"
            elif a in ("in_citation", "in_quote"):
                ok = _dp_same(_dp_bool(pp[a]), _dp_bool(gg[a]))
                measure = f"{a}_accuracy"
            else:
                ok = _dp_same(pp[a], gg[a])
                measure = f"{a}_accuracy"
            k = int(ok.sum())
            rows.append((task, measure, k / n if n else float("nan"), n, n, k))
        parts.append(pd.DataFrame(rows, columns=cols))
    # Citation years must never count as historical references.
    g_cit = gold[_dp_bool(gold["in_citation"]).to_numpy()].reset_index(drop=True)
    p_flag = _dp_bool(pred["in_citation"]).to_numpy()
    gs, ge = g_cit["start"].to_numpy(dtype=np.int64), g_cit["end"].to_numpy(dtype=np.int64)
    ps, pe = pred["start"].to_numpy(dtype=np.int64), pred["end"].to_numpy(dtype=np.int64)
    overlap = (np.minimum(pe[:, None], ge[None, :]) - np.maximum(ps[:, None], gs[None, :])) > 0
    leaked = int((overlap.any(axis=1) & ~p_flag).sum()) if len(gs) else 0
    caught = int((overlap & p_flag[:, None]).any(axis=0).sum()) if len(gs) and len(ps) else 0
    parts.append(pd.DataFrame(
        [("citation_dates", "n_citation_as_historical", float(leaked), len(g_cit), int(p_flag.sum()), caught)],
        columns=cols,
    ))
    out = pd.concat(parts, ignore_index=True)
    return out.astype({"task": "str", "measure": "str", "value": "float64", "n_gold": "int64", "n_pred": "int64",
                       "n_match": "int64"})


def evaluate_periods(pred: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Score paragraph periods against gold annotations.

    Parameters
    ----------
    pred : DataFrame
        ``para_id, period`` and optionally ``year_focus``
        (:func:`textmine.periods.paragraph_periods` or the paragraphs of
        :func:`textmine.periods.assign_periods`).
    gold : DataFrame
        :func:`read_period_annotations` output.

    Returns
    -------
    DataFrame
        ``task, measure, value, n_gold, n_pred, n_match`` (task ``periods``):

        - ``period_accuracy``: over the *unambiguous* gold paragraphs (gold
          has a period and ``ambiguous`` is False), ``n_match / n_gold``;
          ``n_pred`` counts those the prediction placed (not "unassigned");
        - ``period_accuracy_all``: the same over every gold paragraph that
          has a period, ambiguous ones included;
        - ``year_focus_accuracy``: exact ``year_focus`` on the unambiguous
          paragraphs; ``year_focus_mae``: mean absolute error in years over
          those where both have a year (``n_match`` = that count).
        A gold paragraph missing from *pred* counts as wrong.
    """
    func = "textmine.evaluate.evaluate_periods"
    for name, frame in (("pred", pred), ("gold", gold)):
        if not isinstance(frame, pd.DataFrame):
            raise TypeError(f"{func}: {name} must be a DataFrame, got {type(frame).__name__}.")
        if not {"para_id", "period"} <= set(frame.columns):
            from ..errors import ColumnError

            raise ColumnError(f"{func}: {name} lacks 'para_id'/'period' columns.")
    if "ambiguous" not in gold.columns:
        from ..errors import ColumnError

        raise ColumnError(f"{func}: gold lacks the 'ambiguous' column; read it with read_period_annotations.")
    p = pd.DataFrame({
        "para_id": pred["para_id"].astype("int64").to_numpy(),
        "period_pred": pred["period"].astype("str").to_numpy(),
        "year_pred": (pred["year_focus"] if "year_focus" in pred.columns else pd.Series([None] * len(pred))).astype("Int64").to_numpy(),
    })
    g = pd.DataFrame({
        "para_id": gold["para_id"].astype("int64").to_numpy(),
        "period_gold": gold["period"].astype("str").to_numpy(),
        "has_period": gold["period"].notna().to_numpy() & (gold["period"].astype("str").str.len() > 0).to_numpy(),
        "ambiguous": _dp_bool(gold["ambiguous"]).to_numpy(),
        "year_gold": gold["year_focus"].astype("Int64").to_numpy() if "year_focus" in gold.columns else pd.NA,
    })
    m = g.merge(p, on="para_id", how="left", validate="one_to_one")
    rows = []
    for measure, sel in (("period_accuracy", m["has_period"] & ~m["ambiguous"]), ("period_accuracy_all", m["has_period"])):
        s = m[sel]
        ok = (s["period_pred"] == s["period_gold"]).to_numpy()
        placed = (s["period_pred"].notna() & (s["period_pred"] != "unassigned")).to_numpy()
        n = len(s)
        rows.append(("periods", measure, ok.sum() / n if n else float("nan"), n, int(placed.sum()), int(ok.sum())))
    s = m[m["has_period"] & ~m["ambiguous"]]
    both = s["year_pred"].notna() & s["year_gold"].notna()
    exact = int((s.loc[both, "year_pred"] == s.loc[both, "year_gold"]).sum())
    n = len(s)
    rows.append(("periods", "year_focus_accuracy", exact / n if n else float("nan"), n, int(s["year_pred"].notna().sum()), exact))
    err = (s.loc[both, "year_pred"].astype("float64") - s.loc[both, "year_gold"].astype("float64")).abs()
    rows.append(("periods", "year_focus_mae", float(err.mean()) if len(err) else float("nan"), n,
                 int(s["year_pred"].notna().sum()), int(both.sum())))
    return pd.DataFrame(rows, columns=["task", "measure", "value", "n_gold", "n_pred", "n_match"]).astype(
        {"task": "str", "measure": "str", "value": "float64", "n_gold": "int64", "n_pred": "int64", "n_match": "int64"})

# --- end dates and periods ---


# --- everything at once ---

#: Measures shown by :func:`summary` (task, measure) in this order.
SUMMARY_MEASURES: tuple[tuple[str, str], ...] = (
    ("quotations", "span_f1_exact"),
    ("quotations", "span_f1_overlap"),
    ("quotations", "kind_accuracy"),
    ("quotations", "speaker_accuracy"),
    ("citations", "span_f1_exact"),
    ("citations", "field_accuracy"),
    ("citations", "ibid_resolution_accuracy"),
    ("dates_explicit", "span_precision_exact"),
    ("dates_explicit", "span_recall_exact"),
    ("dates_explicit", "year_accuracy"),
    ("citation_dates", "n_citation_as_historical"),
    ("periods", "period_accuracy"),
)


def evaluate_document(
    doc,
    *,
    quotations=None,
    citations=None,
    dates=None,
    periods=None,
) -> pd.DataFrame:
    """Score a Document's extraction against whichever annotation files exist.

    Parameters
    ----------
    doc : textmine.Document
        With periods assigned (:func:`textmine.assign_periods`) when
        *periods* is given.
    quotations, citations, dates, periods : path, optional
        Annotation CSVs in the formats of :func:`read_quotation_annotations`,
        :func:`read_citation_annotations`, :func:`read_date_annotations`
        and :func:`read_period_annotations`; ``None`` skips that task.

    Returns
    -------
    DataFrame
        ``task, measure, value, n_gold, n_pred, n_match`` for every task
        scored (empty, with these columns, when no file is given).
    """
    parts = []
    gold_cit = read_citation_annotations(citations) if citations is not None else None
    if quotations is not None:
        parts.append(evaluate_quotations(
            doc.quotations, read_quotation_annotations(quotations),
            pred_citations=doc.citations if gold_cit is not None else None, gold_citations=gold_cit,
        ))
    if gold_cit is not None:
        parts.append(evaluate_citations(doc.citations, gold_cit))
    if dates is not None:
        parts.append(evaluate_dates(doc.dates, read_date_annotations(dates)))
    if periods is not None:
        parts.append(evaluate_periods(doc.paragraphs, read_period_annotations(periods)))
    cols = ["task", "measure", "value", "n_gold", "n_pred", "n_match"]
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype="float64" if c == "value" else ("int64" if c.startswith("n_") else "str")) for c in cols})
    return pd.concat(parts, ignore_index=True)[cols]


def summary(scores: pd.DataFrame) -> pd.DataFrame:
    """The headline measures of :func:`evaluate_document`, one row each, in a fixed order."""
    key = pd.MultiIndex.from_frame(scores[["task", "measure"]])
    wanted = [m for m in SUMMARY_MEASURES if m in key]
    out = scores.set_index(["task", "measure"]).loc[wanted].reset_index()
    return out


__all__ += ["evaluate_document", "summary", "SUMMARY_MEASURES"]


# --- the evaluation texts (data/eval): one row of headline scores per text ---

__all__ += [
    "NOTE_FIELDS",
    "REFERENCE_FIELDS",
    "TEXT_MEASURES",
    "read_gold_table",
    "evaluate_speakers",
    "evaluate_source_quotations",
    "evaluate_citation_fields",
    "evaluate_notes",
    "evaluate_paragraphs",
    "evaluate_header",
    "evaluate_text",
    "list_texts",
    "evaluate_texts",
    "format_table",
    "main",
]

#: Note fields compared by :func:`evaluate_notes` (gold ``NAME-notes.csv``).
NOTE_FIELDS = ["author", "title", "periodical", "volume", "place", "publisher", "date", "year", "pages",
               "page_start", "page_end", "archive", "box", "folder", "is_ibid"]
#: Reference-list fields compared by :func:`evaluate_notes` (gold ``NAME-references.csv``).
REFERENCE_FIELDS = ["author", "year", "title", "periodical", "volume", "place", "publisher", "date", "pages",
                    "page_start", "page_end"]
#: Extra citation fields of the evaluation texts' format, scored when the gold file has them.
_EXTRA_CITATION_FIELDS = ["periodical", "archive"]

#: Columns of :func:`evaluate_texts` and of ``python -m textmine.evaluate``: (column, task, measure)
#: of :func:`evaluate_text`'s long table.
TEXT_MEASURES: tuple[tuple[str, str, str], ...] = (
    ("quote_f1", "quotations", "span_f1_exact"),
    ("source_f1", "source_quotations", "f1"),
    ("kind_acc", "quotations", "kind_accuracy"),
    ("speaker_acc", "speakers", "speaker_accuracy"),
    ("cite_fields", "citation_fields", "field_accuracy"),
    ("ibid_links", "citations", "ibid_resolution_accuracy"),
    ("note_fields", "notes", "field_accuracy"),
    ("note_links", "notes", "link_accuracy"),
    ("date_p", "dates", "span_precision_overlap"),
    ("date_r", "dates", "span_recall_overlap"),
    ("year_acc", "dates", "year_accuracy"),
    ("period_acc", "periods", "period_accuracy"),
    ("para_f1", "paragraphs", "span_f1_exact"),
    ("header_acc", "header", "field_accuracy"),
)

_INT_GOLD = {"start", "end", "year", "page_start", "page_end", "year_start", "year_end", "month", "day",
             "year_focus", "number", "box", "folder"}
_ID_GOLD = {"quote_id", "citation_id", "note_id", "marker_id", "ref_id", "para_id", "date_id", "group_id",
            "refers_to", "reference_id"}
_BOOL_GOLD = {"closed", "is_ibid", "in_citation", "in_quote", "ambiguous"}


def read_gold_table(path) -> pd.DataFrame:
    """Read any gold CSV of ``data/annotations`` with typed columns.

    Offsets, ids, years, pages, note numbers, boxes and folders become Int64
    (missing when empty; a box or folder that is not a number stays a str),
    ``closed, is_ibid, in_citation, in_quote, ambiguous`` bool, everything
    else str (missing when empty). Sorted by ``start`` when the table has
    offsets; fresh RangeIndex.
    """
    g = pd.read_csv(path, dtype="str", keep_default_na=False, na_values=[""])
    out = pd.DataFrame(index=g.index)
    for c in g.columns:
        if c in _BOOL_GOLD:
            out[c] = _qc_bool(g[c])
        elif c in _INT_GOLD | _ID_GOLD:
            num = pd.to_numeric(g[c], errors="coerce")
            bad = num.isna() & g[c].notna()
            out[c] = g[c].astype("str") if bad.any() and c in ("box", "folder") else num.astype("Int64")
        else:
            out[c] = g[c].astype("str")
    if {"start", "end"} <= set(out.columns):
        out = out.sort_values(["start", "end"], kind="stable")
    return out.reset_index(drop=True)


def _field(v):
    """A comparable field value: :func:`_qc_norm`, with digit strings read as integers."""
    v = _qc_norm(v)
    if isinstance(v, str) and v.isdigit():
        return int(v)
    return v


def _full_name(v) -> str | None:
    """A periodical's or organisation's name for comparison: case, a leading "the", ’ and spacing ignored."""
    v = _qc_norm(v)
    if v is None:
        return None
    v = v.replace("\u2019", "'").casefold()
    v = re.sub(r"^the\s+", "", v).strip(" .,;:")
    return v or None


def _pairs(pred: pd.DataFrame, gold: pd.DataFrame) -> dict[int, int]:
    """Gold row position to predicted row position, paired by overlap (:func:`match_spans`)."""
    if pred is None or gold is None or not len(pred) or not len(gold):
        return {}
    m = match_spans(pred, gold, mode="overlap")
    return dict(zip(m["gold_index"].tolist(), m["pred_index"].tolist()))


def _cell(frame: pd.DataFrame, i: int, col: str):
    return frame.at[i, col] if col in frame.columns else None


def evaluate_speakers(pred: pd.DataFrame, gold: pd.DataFrame, *, author: str | None = None) -> pd.DataFrame:
    """Speaker accuracy with the speaker kinds of the evaluation texts.

    Parameters
    ----------
    pred : DataFrame
        ``doc.quotations`` (``start, end, speaker``; ``speaker_kind`` is used
        when present).
    gold : DataFrame
        Gold quotations (:func:`read_quotation_annotations`); ``speaker_kind``
        is ``person`` where the column is missing (the chapter's format).
    author : str, optional
        The document's author, for gold rows of kind ``author``.

    Returns
    -------
    DataFrame
        ``task, measure, value, n_gold, n_pred, n_match`` (task ``speakers``):
        ``speaker_accuracy`` over the gold rows of kind ``quotation``, paired
        by overlap (an unpaired row is wrong), ``value = n_match / n_gold``,
        then ``speaker_accuracy_<kind>`` per speaker kind. A pair is right when

        - ``person``: the surnames are equal (last word, initials dropped,
          case ignored), as in :func:`evaluate_quotations`;
        - ``periodical``, ``organisation``: the full names are equal, case, a
          leading "the", apostrophe shape and spacing ignored ("the Harlow
          Courier" = "Harlow Courier" ≠ "Courier");
        - ``author``: the predicted speaker's surname is the author's, or the
          prediction's ``speaker_kind`` is ``author``;
        - no gold speaker (an unnamed source): the prediction has none either.

        With no ``speaker_kind`` column in *gold* the overall value equals
        :func:`evaluate_quotations`' ``speaker_accuracy``.
    """
    func = "textmine.evaluate.evaluate_speakers"
    _qc_check(pred, "pred", ["start", "end", "speaker"], func)
    _qc_check(gold, "gold", ["start", "end", "kind", "speaker"], func)
    pred, gold = pred.reset_index(drop=True), gold.reset_index(drop=True)
    g2p = _pairs(pred, gold)
    by_kind: dict[str, list[int]] = {}
    rows = []
    for g in range(len(gold)):
        if _qc_norm(gold.at[g, "kind"]) != "quotation":
            continue
        kind = _qc_norm(_cell(gold, g, "speaker_kind")) or "person"
        ok = 0
        if g in g2p:
            p = g2p[g]
            want, got = gold.at[g, "speaker"], pred.at[p, "speaker"]
            if _qc_norm(want) is None:
                ok = _qc_norm(got) is None
            elif kind == "author":
                ok = (author is not None and _qc_surname(got) == _qc_surname(author)) or \
                    _qc_norm(_cell(pred, p, "speaker_kind")) == "author"
            elif kind in ("periodical", "organisation"):
                ok = _full_name(got) == _full_name(want)
            else:
                ok = _qc_surname(got) == _qc_surname(want)
        by_kind.setdefault(kind, []).append(int(g in g2p) * 2 + int(ok))
    everyone = [x for xs in by_kind.values() for x in xs]
    rows.append(_qc_row("speakers", "speaker_accuracy", sum(x & 1 for x in everyone), len(everyone),
                        sum(x >> 1 for x in everyone)))
    for kind in sorted(by_kind):
        xs = by_kind[kind]
        rows.append(_qc_row("speakers", f"speaker_accuracy_{kind}", sum(x & 1 for x in xs), len(xs), sum(x >> 1 for x in xs)))
    return _qc_table(rows)


def evaluate_source_quotations(pred: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Precision, recall and F1 of *source quotations* (kind ``quotation``).

    A source quotation is a quotation of words from a named or implied source
    (gold ``kind == "quotation"``), as opposed to a scare quote (``term``) or
    a title. With ``G`` the gold rows of kind ``quotation`` and ``P`` the
    predicted rows of kind ``quotation``, ``m`` is the number of one-to-one
    pairs between them by overlap (:func:`match_spans`, mode ``overlap``);
    ``precision = m / |P|``, ``recall = m / |G|``, ``f1 = 2PR / (P + R)``
    (precision 1 when ``P`` and ``G`` are both empty, recall 1 when ``G`` is
    empty, F1 0 when both are 0). It falls when a source quotation is missed
    or typed ``term``/``title``, and when a scare quote or title is typed
    ``quotation``; span boundaries matter only through the overlap.

    Returns
    -------
    DataFrame
        ``task, measure, value, n_gold, n_pred, n_match`` (task
        ``source_quotations``, measures ``precision, recall, f1``).
    """
    func = "textmine.evaluate.evaluate_source_quotations"
    _qc_check(pred, "pred", ["start", "end", "kind"], func)
    _qc_check(gold, "gold", ["start", "end", "kind"], func)
    P = pred[pred["kind"].astype("str") == "quotation"].reset_index(drop=True)
    G = gold[gold["kind"].astype("str") == "quotation"].reset_index(drop=True)
    m = len(_pairs(P, G))
    prec = m / len(P) if len(P) else float(len(G) == 0)
    rec = m / len(G) if len(G) else 1.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    rows = [("source_quotations", k, v, len(G), len(P), m) for k, v in (("precision", prec), ("recall", rec), ("f1", f1))]
    return _qc_table(rows)


def _field_rows(task: str, pred: pd.DataFrame | None, gold: pd.DataFrame, fields: list[str]) -> tuple[list[tuple], int, int]:
    """Per-field accuracy rows over gold rows paired by overlap; returns (rows, matched cells, gold cells)."""
    g2p = _pairs(pred, gold) if pred is not None else {}
    rows, total = [], 0
    for f in fields:
        ok = sum(1 for g, p in g2p.items() if _field(_cell(gold, g, f)) == _field(_cell(pred, p, f)))
        total += ok
        rows.append(_qc_row(task, f"field_accuracy_{f}", ok, len(gold), len(g2p)))
    return rows, total, len(gold) * len(fields)


def evaluate_citation_fields(pred: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Citation field accuracy with the evaluation texts' extra fields.

    Like :func:`evaluate_citations`' ``field_accuracy`` (cells of
    :data:`CITATION_FIELDS` over the gold rows paired by overlap, unpaired
    rows wrong), plus ``periodical`` and ``archive`` when *gold* has those
    columns (a prediction without the column counts as empty). Values are
    compared whitespace-normalised, digit strings as integers, empty equal
    to empty. On the chapter's gold the value equals
    :func:`evaluate_citations`' ``field_accuracy``.

    Returns
    -------
    DataFrame
        Task ``citation_fields``: ``field_accuracy`` (``n_gold`` counts
        cells) and ``field_accuracy_<field>`` (counted in rows).
    """
    func = "textmine.evaluate.evaluate_citation_fields"
    _qc_check(pred, "pred", ["start", "end"], func)
    _qc_check(gold, "gold", ["start", "end"], func)
    fields = CITATION_FIELDS + [f for f in _EXTRA_CITATION_FIELDS if f in gold.columns]
    pred, gold = pred.reset_index(drop=True), gold.reset_index(drop=True)
    rows, ok, n = _field_rows("citation_fields", pred, gold, fields)
    n_pred = len(_pairs(pred, gold)) * len(fields)
    return _qc_table([_qc_row("citation_fields", "field_accuracy", ok, n, n_pred), *rows])


def _links(g2p: dict[int, int], gold_ref: pd.Series, pred_ref: pd.Series, gold_target_pos: dict, pred_target_pos: dict,
           target_pairs: dict[int, int], eligible: list[int]) -> tuple[int, int]:
    """Count gold rows whose link points where the paired prediction's link points.

    A gold row ``g`` (in *eligible*) links to the gold target whose id is
    ``gold_ref[g]``; it is right when it is paired with a prediction ``p``
    whose ``pred_ref[p]`` is the id of the predicted target paired with that
    gold target (an empty gold link must be empty in the prediction).
    """
    ok = 0
    for g in eligible:
        if g not in g2p:
            continue
        want, got = _qc_norm(gold_ref.iloc[g]), _qc_norm(pred_ref.iloc[g2p[g]])
        if want is None or got is None:
            ok += want is None and got is None
            continue
        ok += target_pairs.get(gold_target_pos.get(want, -1), -1) == pred_target_pos.get(got, -2)
    return ok, len(eligible)


def evaluate_notes(
    pred_notes: pd.DataFrame | None,
    gold_notes: pd.DataFrame | None,
    *,
    pred_markers: pd.DataFrame | None = None,
    gold_markers: pd.DataFrame | None = None,
    pred_references: pd.DataFrame | None = None,
    gold_references: pd.DataFrame | None = None,
    pred_quotations: pd.DataFrame | None = None,
    gold_quotations: pd.DataFrame | None = None,
    pred_citations: pd.DataFrame | None = None,
    gold_citations: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Fields and links of notes and reference-list entries.

    Written against the gold format (data/eval/README.md) so that it scores
    whatever the package produces. The predicted frames it expects:

    - notes: ``note_id, start, end`` and the :data:`NOTE_FIELDS`, with
      ``refers_to`` the ``note_id`` an Ibid. note repeats or a short form
      shortens (``doc.notes``, :func:`textmine.find_notes`);
    - markers: ``start, end, note_id`` (``doc.note_markers``,
      :func:`textmine.find_note_markers`);
    - references: ``ref_id, start, end`` and the :data:`REFERENCE_FIELDS`
      (``doc.references``);
    - quotations with ``note_id`` and citations with ``reference_id`` for the
      quotation → note and citation → reference links.

    A part whose predicted frame (or link column) is missing is left out, so
    ``None`` is "the package has no output for this", never "all wrong".
    Rows are paired by overlap (:func:`match_spans`).

    Returns
    -------
    DataFrame
        Task ``notes``:

        - ``field_accuracy``: matched cells over gold cells, for the notes
          (:data:`NOTE_FIELDS`) and reference entries
          (:data:`REFERENCE_FIELDS`) that have a predicted frame; NaN
          (``n_gold`` 0) when neither has;
        - ``field_accuracy_note_<field>``, ``field_accuracy_ref_<field>``;
        - ``link_accuracy``: over every scored link, right / gold links,
          where the links are marker → note (each gold marker), note →
          ``refers_to`` (each gold note with one: an Ibid. or a short form),
          quotation → note (gold quotations with a ``note_id``) and citation
          → reference (gold citations with a ``reference_id``); NaN when none
          can be scored;
        - ``link_accuracy_markers``, ``_refers_to``, ``_quotations``,
          ``_references`` for the parts scored.
    """
    task = "notes"
    rows: list[tuple] = []
    ok_cells = n_cells = pred_cells = 0
    parts = []
    if gold_notes is not None and len(gold_notes) and pred_notes is not None:
        parts.append(("note", pred_notes.reset_index(drop=True), gold_notes.reset_index(drop=True), NOTE_FIELDS))
    if gold_references is not None and len(gold_references) and pred_references is not None:
        parts.append(("ref", pred_references.reset_index(drop=True), gold_references.reset_index(drop=True), REFERENCE_FIELDS))
    per_field = []
    for name, p, g, fields in parts:
        r, ok, n = _field_rows(task, p, g, fields)
        per_field += [(t, m.replace("field_accuracy_", f"field_accuracy_{name}_"), *rest) for t, m, *rest in r]
        ok_cells, n_cells, pred_cells = ok_cells + ok, n_cells + n, pred_cells + len(_pairs(p, g)) * len(fields)
    rows.append(_qc_row(task, "field_accuracy", ok_cells, n_cells, pred_cells))
    rows += per_field
    links: list[tuple[str, int, int]] = []
    gn = gold_notes.reset_index(drop=True) if gold_notes is not None else None
    pn = pred_notes.reset_index(drop=True) if pred_notes is not None else None
    if gn is not None and len(gn) and pn is not None:
        note_pairs = _pairs(pn, gn)
        g_pos = {int(v): i for i, v in enumerate(gn["note_id"].tolist())}
        p_pos = {int(v): i for i, v in enumerate(pn["note_id"].tolist())}
        if gold_markers is not None and len(gold_markers) and pred_markers is not None:
            gm, pm = gold_markers.reset_index(drop=True), pred_markers.reset_index(drop=True)
            ok, n = _links(_pairs(pm, gm), gm["note_id"], pm["note_id"], g_pos, p_pos, note_pairs, list(range(len(gm))))
            links.append(("markers", ok, n))
        linked = [i for i in range(len(gn)) if _qc_norm(_cell(gn, i, "refers_to")) is not None]
        if linked:
            ok, n = _links(note_pairs, gn["refers_to"], pn["refers_to"] if "refers_to" in pn.columns else pd.Series([None] * len(pn)),
                           g_pos, p_pos, note_pairs, linked)
            links.append(("refers_to", ok, n))
        gq = gold_quotations.reset_index(drop=True) if gold_quotations is not None else None
        if gq is not None and "note_id" in gq.columns and pred_quotations is not None and "note_id" in pred_quotations.columns:
            pq = pred_quotations.reset_index(drop=True)
            eligible = [i for i in range(len(gq)) if _qc_norm(gq.at[i, "note_id"]) is not None]
            if eligible:
                ok, n = _links(_pairs(pq, gq), gq["note_id"], pq["note_id"], g_pos, p_pos, note_pairs, eligible)
                links.append(("quotations", ok, n))
    gr = gold_references.reset_index(drop=True) if gold_references is not None else None
    gc = gold_citations.reset_index(drop=True) if gold_citations is not None else None
    if (gr is not None and len(gr) and pred_references is not None and gc is not None and "reference_id" in gc.columns
            and pred_citations is not None and "reference_id" in pred_citations.columns):
        pr, pc = pred_references.reset_index(drop=True), pred_citations.reset_index(drop=True)
        eligible = [i for i in range(len(gc)) if _qc_norm(gc.at[i, "reference_id"]) is not None]
        if eligible:
            ok, n = _links(_pairs(pc, gc), gc["reference_id"], pc["reference_id"],
                           {int(v): i for i, v in enumerate(gr["ref_id"].tolist())},
                           {int(v): i for i, v in enumerate(pr["ref_id"].tolist())}, _pairs(pr, gr), eligible)
            links.append(("references", ok, n))
    rows.append(_qc_row(task, "link_accuracy", sum(x[1] for x in links), sum(x[2] for x in links), sum(x[2] for x in links)))
    rows += [_qc_row(task, f"link_accuracy_{name}", ok, n, n) for name, ok, n in links]
    return _qc_table(rows)


def evaluate_paragraphs(pred: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Paragraph spans (``doc.paragraphs`` against gold ``NAME-paragraphs.csv``): :func:`span_scores`, task ``paragraphs``."""
    return span_scores(pred.reset_index(drop=True), gold.reset_index(drop=True), task="paragraphs")


def evaluate_header(pred: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Header fields: gold header lines found with the same ``field`` and (whitespace-normalised) ``text``.

    Returns task ``header``, measure ``field_accuracy = n_match / n_gold``
    (``n_pred`` the number of predicted header rows).
    """
    got = {(str(f), _qc_norm(t)) for f, t in zip(pred["field"], pred["text"])} if len(pred) else set()
    ok = sum(1 for f, t in zip(gold["field"], gold["text"]) if (str(f), _qc_norm(t)) in got)
    return _qc_table([("header", "field_accuracy", ok / len(gold) if len(gold) else float("nan"), len(gold), len(pred), ok)])


def _pred_notes(doc) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """The package's notes and markers: ``doc.notes`` and ``doc.note_markers`` (None for an object without them)."""
    notes, markers = getattr(doc, "notes", None), getattr(doc, "note_markers", None)
    return (notes if isinstance(notes, pd.DataFrame) else None), (markers if isinstance(markers, pd.DataFrame) else None)


def _paragraph_periods_by_offset(paragraphs: pd.DataFrame, gold_paragraphs: pd.DataFrame) -> pd.DataFrame:
    """``para_id`` (gold), ``period``, ``year_focus``: each gold paragraph takes its most-overlapping predicted paragraph's."""
    pairs = _pairs(paragraphs.reset_index(drop=True), gold_paragraphs.reset_index(drop=True))
    pp = paragraphs.reset_index(drop=True)
    period, year = [], []
    for g in range(len(gold_paragraphs)):
        p = pairs.get(g)
        period.append(None if p is None else str(pp.at[p, "period"]))
        year.append(None if p is None or "year_focus" not in pp.columns else pp.at[p, "year_focus"])
    return pd.DataFrame({"para_id": gold_paragraphs["para_id"].astype("int64").to_numpy(),
                         "period": pd.Series(period, dtype="str"),
                         "year_focus": pd.array(pd.to_numeric(pd.Series(year, dtype="object")), dtype="Int64")})


def evaluate_text(doc, prefix, *, periods=None, author: str | None = None) -> pd.DataFrame:
    """Every measure of one text against whichever gold files ``PREFIX*.csv`` exist.

    Parameters
    ----------
    doc : textmine.Document
        The text as loaded (periods are assigned here when *periods* is given).
    prefix : str or path
        Gold files are ``{prefix}quotations.csv``, ``citations.csv``,
        ``notes.csv``, ``note-markers.csv``, ``references.csv``,
        ``dates.csv``, ``paragraphs.csv``, ``paragraph-periods.csv``,
        ``header.csv``; missing files are skipped.
    periods : DataFrame or path, optional
        The text's periods table (:func:`textmine.assign_periods`).
    author : str, optional
        The document's author, for first-person speakers (default: the
        ``author`` header field of *doc*).

    Returns
    -------
    DataFrame
        ``task, measure, value, n_gold, n_pred, n_match``: the tables of
        :func:`evaluate_quotations`, :func:`evaluate_source_quotations`,
        :func:`evaluate_speakers`, :func:`evaluate_citations`,
        :func:`evaluate_citation_fields`, :func:`evaluate_notes`,
        :func:`evaluate_dates`, :func:`evaluate_periods`,
        :func:`evaluate_paragraphs` and :func:`evaluate_header`, as far as
        the gold files allow. The headline measures are :data:`TEXT_MEASURES`:

        - ``quote_f1``: exact-span F1 of every quotation row;
        - ``source_f1``: :func:`evaluate_source_quotations`;
        - ``kind_acc``, ``speaker_acc``: over gold rows paired by overlap;
        - ``cite_fields``, ``ibid_links``: parenthetical (and case) citations,
          i.e. ``doc.citations`` rows that are not notes;
        - ``note_fields``, ``note_links``: :func:`evaluate_notes`;
        - ``date_p``, ``date_r``: every gold date, paired by **overlap** (the
          exact-span scores are in the long table), ``year_acc`` over those
          pairs;
        - ``period_acc``: unambiguous gold paragraphs; when the gold gives
          paragraph offsets each gold paragraph takes the period of the
          predicted paragraph that overlaps it most, otherwise ``para_id`` is
          matched (the chapter);
        - ``para_f1``: exact paragraph spans; ``header_acc``:
          :func:`evaluate_header`.
    """
    from pathlib import Path

    prefix = str(prefix)

    def gold(name: str):
        path = Path(prefix + f"{name}.csv")
        return path if path.exists() else None

    if author is None:
        author = doc.meta.get("author")
    if periods is not None:
        from .. import assign_periods

        doc = assign_periods(doc, periods)
    parts = []
    g_cit = read_citation_annotations(gold("citations")) if gold("citations") else None
    pred_notes, pred_markers = _pred_notes(doc)
    cit = doc.citations
    inline = cit[cit["placement"].astype("str") != "note"].reset_index(drop=True) if "placement" in cit.columns else cit
    g_quo = read_quotation_annotations(gold("quotations")) if gold("quotations") else None
    if g_quo is not None:
        parts.append(evaluate_quotations(doc.quotations, g_quo, pred_citations=inline if g_cit is not None else None,
                                         gold_citations=g_cit))
        parts.append(evaluate_source_quotations(doc.quotations, g_quo))
        parts.append(evaluate_speakers(doc.quotations, g_quo, author=author))
    if g_cit is not None and len(g_cit):
        parts.append(evaluate_citations(inline, g_cit))
        parts.append(evaluate_citation_fields(inline, g_cit))
    g_notes = read_gold_table(gold("notes")) if gold("notes") else None
    g_refs = read_gold_table(gold("references")) if gold("references") else None
    if (g_notes is not None and len(g_notes)) or (g_refs is not None and len(g_refs)):
        parts.append(evaluate_notes(
            pred_notes, g_notes, pred_markers=pred_markers,
            gold_markers=read_gold_table(gold("note-markers")) if gold("note-markers") else None,
            pred_references=getattr(doc, "references", None), gold_references=g_refs,
            pred_quotations=doc.quotations, gold_quotations=g_quo, pred_citations=inline, gold_citations=g_cit,
        ))
    if gold("dates"):
        parts.append(evaluate_dates(doc.dates, read_date_annotations(gold("dates"))))
    g_par = read_gold_table(gold("paragraphs")) if gold("paragraphs") else None
    if g_par is not None:
        parts.append(evaluate_paragraphs(doc.paragraphs, g_par))
    if periods is not None and gold("paragraph-periods"):
        g_per = read_period_annotations(gold("paragraph-periods"))
        pred = doc.paragraphs if g_par is None else _paragraph_periods_by_offset(doc.paragraphs, g_par)
        parts.append(evaluate_periods(pred, g_per))
    if gold("header"):
        parts.append(evaluate_header(doc.header, read_gold_table(gold("header"))))
    cols = ["task", "measure", "value", "n_gold", "n_pred", "n_match"]
    if not parts:
        return _qc_table([])
    return pd.concat(parts, ignore_index=True)[cols]


#: The chapter's row in :func:`list_texts` (paths relative to the data folder).
_CHAPTER = {"name": "north-1989", "split": "chapter", "text": "north-1989-soviet-foreign-policy.txt",
            "prefix": "annotations/north-1989-", "periods": "periods.csv"}


def list_texts(data="data", *, split: str = "dev", names=None) -> pd.DataFrame:
    """The texts to score: the chapter and the evaluation texts of ``data/eval``.

    Parameters
    ----------
    data : path
        The project's ``data`` folder.
    split : {"dev", "heldout", "all"}
        ``dev``: the chapter and the dev texts (the default, so that held-out
        texts are never scored by accident); ``heldout``: the held-out texts
        only; ``all``: everything.
    names : list of str, optional
        Text names (``north-1989`` for the chapter); overrides *split*.

    Returns
    -------
    DataFrame
        ``name, split, text, prefix, periods, author, n_words`` (paths as
        str), the chapter first, then by name.
    """
    from pathlib import Path

    from ..errors import InputError

    func = "textmine.evaluate.list_texts"
    if split not in ("dev", "heldout", "all"):
        raise ValueError(f"{func}: split must be 'dev', 'heldout' or 'all', got {split!r}.")
    data = Path(data)
    if not (data / "eval").is_dir():
        raise InputError(f"{func}: {str(data)!r} has no eval folder; run from the repository root or pass data=.")
    rows = []
    chapter_text = data / _CHAPTER["text"]
    if chapter_text.exists():
        rows.append({"name": _CHAPTER["name"], "split": _CHAPTER["split"], "text": str(chapter_text),
                     "prefix": str(data / _CHAPTER["prefix"]), "periods": str(data / _CHAPTER["periods"]),
                     "author": None, "n_words": len(re.findall(r"\w+", chapter_text.read_text(encoding="utf-8")))})
    for meta_path in sorted((data / "eval").glob("*.meta.csv")):
        meta = pd.read_csv(meta_path, dtype="str", keep_default_na=False).iloc[0]
        name = meta["name"]
        periods = data / "eval" / f"{name}.periods.csv"
        rows.append({"name": name, "split": meta.get("split", ""), "text": str(data / "eval" / f"{name}.txt"),
                     "prefix": str(data / "annotations" / f"{name}-"), "periods": str(periods) if periods.exists() else None,
                     "author": meta.get("author") or None, "n_words": int(meta.get("n_words") or 0)})
    out = pd.DataFrame(rows, columns=["name", "split", "text", "prefix", "periods", "author", "n_words"])
    if names:
        unknown = sorted(set(names) - set(out["name"]))
        if unknown:
            raise InputError(f"{func}: unknown text(s) {unknown}; known: {sorted(out['name'])}.")
        return out.set_index("name").loc[list(names)].reset_index()
    keep = {"dev": {"chapter", "dev"}, "heldout": {"heldout"}, "all": {"chapter", "dev", "heldout"}}[split]
    return out[out["split"].isin(keep)].reset_index(drop=True)


def evaluate_texts(data="data", *, split: str = "dev", names=None, events=None) -> pd.DataFrame:
    """Headline scores, one row per text (:func:`list_texts`, :func:`evaluate_text`).

    Each text is loaded with :func:`textmine.load` (``events``: default the
    shipped ``data/events.csv``) and scored against its gold files and its
    own periods table.

    Returns
    -------
    DataFrame
        ``text, split, words`` and one float column per entry of
        :data:`TEXT_MEASURES` (NaN where the text has no gold for the
        measure or the package no output for it), in :func:`list_texts` order.
    """
    from pathlib import Path

    from .. import load

    texts = list_texts(data, split=split, names=names)
    events = Path(data) / "events.csv" if events is None else events
    rows = []
    for t in texts.itertuples(index=False):
        doc = load(t.text, events=events)
        long = evaluate_text(doc, t.prefix, periods=t.periods, author=t.author)
        key = {(a, b): v for a, b, v in zip(long["task"], long["measure"], long["value"])}
        row = {"text": t.name, "split": t.split, "words": int(t.n_words)}
        for col, task, measure in TEXT_MEASURES:
            row[col] = float(key.get((task, measure), float("nan")))
        rows.append(row)
    out = pd.DataFrame(rows, columns=["text", "split", "words", *(c for c, _, _ in TEXT_MEASURES)])
    return out.astype({"words": "int64", **{c: "float64" for c, _, _ in TEXT_MEASURES}})


def format_table(scores: pd.DataFrame, *, digits: int = 3, markdown: bool = False) -> str:
    """:func:`evaluate_texts` as aligned text (or a Markdown table), NaN shown as ``n/a``."""
    shown = scores.copy()
    for c in shown.columns:
        if shown[c].dtype == "float64":
            shown[c] = [("n/a" if np.isnan(v) else f"{v:.{digits}f}") for v in shown[c]]
    if not markdown:
        return shown.to_string(index=False)
    cols = [str(c) for c in shown.columns]
    numeric = [c not in ("text", "split") for c in cols]
    lines = ["| " + " | ".join(cols) + " |", "|" + "|".join("---:" if n else "---" for n in numeric) + "|"]
    lines += ["| " + " | ".join(str(v) for v in row) + " |" for row in shown.itertuples(index=False)]
    return "\n".join(lines)


def main(argv=None) -> int:
    """``python -m textmine.evaluate [--split dev|heldout|all] [--data DIR] [--long] [--markdown] [NAMES...]``.

    Prints :func:`evaluate_texts` (one row per text); ``--long`` prints every
    measure of :func:`evaluate_text` for each text instead. Returns the exit
    status (0; an unknown name or a missing data folder exits with 2).
    """
    import argparse

    from ..errors import TextmineError

    ap = argparse.ArgumentParser(prog="python -m textmine.evaluate",
                                 description="Score the extraction on the hand-annotated texts (data/eval/README.md).")
    ap.add_argument("names", nargs="*", help="text names (default: every text of the split; north-1989 is the chapter)")
    ap.add_argument("--split", choices=["dev", "heldout", "all"], default="dev",
                    help="dev (default: the chapter and the dev texts), heldout, or all")
    ap.add_argument("--data", default="data", help="the project's data folder (default: ./data)")
    ap.add_argument("--long", action="store_true", help="print every measure of every text")
    ap.add_argument("--markdown", action="store_true", help="print the table as Markdown (as in README.md)")
    args = ap.parse_args(argv)
    try:
        if args.long:
            from .. import load

            for t in list_texts(args.data, split=args.split, names=args.names).itertuples(index=False):
                doc = load(t.text, events=f"{args.data}/events.csv")
                long = evaluate_text(doc, t.prefix, periods=t.periods, author=t.author)
                print(f"== {t.name} ({t.split})")
                print(long.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
        else:
            print(format_table(evaluate_texts(args.data, split=args.split, names=args.names), markdown=args.markdown))
    except TextmineError as exc:
        print(f"textmine.evaluate: {exc}", file=sys.stderr)
        return 2
    return 0

# --- end evaluation texts ---
