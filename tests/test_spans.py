"""The column-type helpers and span lookup of textmine.spans."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from textmine import spans


def test_ids_are_int32_and_never_wrap():
    assert spans.ids([0, 5, 2**31 - 1]).dtype == np.int32
    assert spans.ids(np.array([3, 4], dtype=np.int64)).tolist() == [3, 4]
    with pytest.raises(OverflowError, match="int32"):
        spans.ids([0, 2**31])


def test_nullable_ids_from_values_or_a_mask():
    a = spans.nullable_ids([1, None, 3])
    assert str(a.dtype) == "Int32" and a.isna().tolist() == [False, True, False]
    b = spans.nullable_ids(np.array([7, 8]), missing=np.array([True, False]))
    assert b.isna().tolist() == [True, False] and int(b[1]) == 8


def test_doc_id_column_is_one_category():
    col = spans.doc_id_column("d1", 3)
    assert list(col.categories) == ["d1"] and col.tolist() == ["d1"] * 3
    assert spans.doc_id_column("d1", 0).dtype == col.dtype


def test_concat_keeps_corpus_order_and_every_value():
    a = pd.DataFrame({"doc_id": spans.doc_id_column("b", 2), "x": [1, 2]})
    b = pd.DataFrame({"doc_id": pd.Series(["a", "zz"], dtype="str"), "x": [3, 4]})
    out = spans.concat_by_document([a, b], ["b", "a"])
    assert list(out["doc_id"].cat.categories) == ["b", "a", "zz"]
    assert out["doc_id"].astype(str).tolist() == ["b", "b", "a", "zz"]
    assert a["doc_id"].dtype == spans.doc_id_column("b", 1).dtype  # inputs untouched


def test_containing_span():
    got = spans.containing_span([0, 5, 12, 20], [3, 8, 14, 21], [4, 10], [9, 15])
    assert got.tolist() == [-1, 0, 1, -1]
