"""textmine._strings: token and norm strings cut from UTF-8 bytes (the helpers of its fast paths)."""

from __future__ import annotations

import numpy as np
import pytest

from textmine._strings import apostrophe_shift, fold_apostrophes


@pytest.mark.parametrize("data", [b"", b"plain", "don\u2019t \u2019x\u2019 \u2019\u2019".encode(), "\u2019".encode() * 5])
def test_apostrophes_folded_by_arrow_equal_bytes_replace(data):
    assert fold_apostrophes(data).to_pybytes() == data.replace("\u2019".encode(), b"'")


@pytest.mark.parametrize("t,n", [([0], 1), ([0, 0, 2], 3), ([4], 5), ([1, 3, 3], 6)])
def test_apostrophe_shift_equals_the_cumulative_count(t, n):
    expected = [2 * sum(1 for x in t if x < i) for i in range(n + 1)]
    assert apostrophe_shift(np.array(t, dtype=np.int64), n).tolist() == expected
