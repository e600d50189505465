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
