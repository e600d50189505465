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


def _two_columns(doc_id: str) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": spans.doc_id_column(doc_id, 0), "text": pd.array([], dtype="str"),
                         "n": pd.array([], dtype="Int64")})


def test_empty_frame_is_the_builders_frame_and_shares_nothing():
    a = spans.empty_frame(_two_columns, "d1")
    pd.testing.assert_frame_equal(a, _two_columns("d1"), check_exact=True)
    b = spans.empty_frame(_two_columns, "d2")
    assert list(b["doc_id"].cat.categories) == ["d2"] and list(a["doc_id"].cat.categories) == ["d1"]
    a.loc[0] = ["d1", "x", 1]  # growing one copy leaves the template and the other copies empty
    assert len(spans.empty_frame(_two_columns, "d1")) == 0 and len(b) == 0


def test_frames_without_notes_are_empty_frames_of_their_document():
    import textmine as tm

    doc = tm.parse("A text without notes (Smith 1990, 3).\n\nA second paragraph.", doc_id="plain")
    for name in ("notes", "note_markers", "references"):
        frame = getattr(doc, name)
        assert len(frame) == 0 and list(frame["doc_id"].cat.categories) == ["plain"]
        assert isinstance(frame.index, pd.RangeIndex)
