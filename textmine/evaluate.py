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

# --- end quotations and citations ---


# --- dates and periods (see textmine.dates, textmine.periods) ---

# --- end dates and periods ---
