"""plot_trends: one line per term over the groups, the seaborn contract."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from textmine.errors import ColumnError  # noqa: E402
from textmine.plots import plot_trends  # noqa: E402


@pytest.fixture
def data():
    periods = pd.Categorical(["early", "early", "late", "late"], categories=["early", "late"], ordered=True)
    return pd.DataFrame({"period": periods, "term": ["peace", "war"] * 2, "n": [1, 0, 3, 2],
                         "n_total": [10, 10, 20, 20], "per_1000": [100.0, 0.0, 150.0, 100.0]})


def test_one_line_per_term_in_group_order(data, close_figures):
    fig, ax = plt.subplots()
    out = plot_trends(data, ax=ax, labels={"early": "Early years"})
    assert out is ax and len(ax.figure.axes) == 1
    lines = ax.get_lines()
    assert [ln.get_label() for ln in lines] == ["peace", "war"]
    np.testing.assert_allclose(lines[0].get_ydata(), [100.0, 150.0])
    np.testing.assert_allclose(lines[1].get_xdata(), [0, 1])
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Early years", "late"]
    assert ax.get_ylabel() == "per 1,000 words" and ax.get_xlabel() == "period"
    raw = plot_trends(data, y="n", ax=plt.figure().subplots())
    np.testing.assert_allclose(raw.get_lines()[0].get_ydata(), [1, 3])
    assert raw.get_ylabel() == "matches"


def test_current_axes_empty_and_errors(data, close_figures):
    plt.figure()
    ax = plot_trends(data.iloc[:0])
    assert ax is plt.gca() and not ax.get_lines()
    assert "no words" in ax.texts[0].get_text()
    with pytest.raises(ColumnError, match="per_1000"):
        plot_trends(data.drop(columns="per_1000"))
