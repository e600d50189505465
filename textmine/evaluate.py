"""Evaluating extraction against hand-made annotations.

Generic span scores live here; each extractor's scorer (quotations,
citations, dates, periods) builds on them and returns a tidy table with one
row per measure: ``task, measure, value, n_gold, n_pred, n_match``.
"""

from __future__ import annotations

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
    from .errors import ColumnError

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
        missing when empty), ``citation_id`` (Int64), ``closed`` (bool), and
        ``head`` (str) if present; sorted by ``start``, fresh RangeIndex.
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
    if "head" in g.columns:
        out["head"] = g["head"].astype("str")
    return out.sort_values(["start", "end"], kind="stable").reset_index(drop=True)


def read_citation_annotations(path) -> pd.DataFrame:
    """Read a gold citations file (``data/annotations/*-citations.csv``).

    Returns
    -------
    DataFrame
        ``citation_id, start, end`` (int64), ``raw, author, title, volume,
        place, publisher, date, pages`` (str, missing when empty), ``year,
        page_start, page_end, refers_to`` (Int64), ``is_ibid`` (bool); sorted
        by ``start``, fresh RangeIndex.
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
    return out.sort_values(["start", "end"], kind="stable").reset_index(drop=True)


def _qc_check(frame, name: str, cols: list[str], func: str) -> None:
    from .errors import ColumnError

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

# --- end dates and periods ---
