"""Tests for textmine.explore: mode detection, the static views and the widget wiring.

The widgets are driven without a browser: set a widget's value as the
frontend would, then check the explorer's state, the plot bytes and the HTML
it sends back. tests/browser/ drives the same widgets in JupyterLab.
"""

from __future__ import annotations

import base64
import sys
import types

import numpy as np
import pandas as pd
import pytest

import textmine as tm
from textmine import explore
from textmine.errors import InputError
from textmine.terms import term_counts

TEXT = """In 1920 peace was the word. Peace came slowly.

In 1925 the treaty spoke of peace.

Nothing else happened.

Lenin wrote: \u201cWe want peace and bread\u201d (Lenin, Works, vol. 2, p. 3). Then \u201cpeace\u201d became a slogan.

He added: \u201cBread comes first\u201d (Ibid., p. 5).
"""
# Paragraph periods (dates 1920 / 1925, then inherited): early, late, late, late, late.
# Words outside citations per paragraph (numbers count, punctuation does not): 9, 7, 3, 12, 5.
# "peace*" matches: 2, 1, 0, 2, 0.
PERIODS = pd.DataFrame({
    "period": ["early", "late"], "label": ["Early years", "Late years"],
    "year_start": [1917, 1923], "year_end": [1922, 1930],
})
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def doc():
    return tm.parse(TEXT)


@pytest.fixture
def fast_png(monkeypatch):
    """Replace PNG rendering by a cheap stand-in naming the figure: the wiring tests check
    that each update sends a new figure to the widget; real PNGs are tested in the static views."""
    n = iter(range(10**6))

    def fake(fig) -> bytes:
        titles = " | ".join(ax.get_title(loc="left") for ax in fig.axes)
        return PNG_MAGIC + f"{next(n)}: {titles}".encode()

    monkeypatch.setattr(explore._base, "png", fake)


@pytest.fixture(autouse=True)
def _no_env(monkeypatch):
    monkeypatch.delenv(explore.ENV_VAR, raising=False)
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


# ------------------------------------------------------------------ use_widgets
def test_use_widgets_explicit_and_type_errors():
    assert explore.use_widgets(True) is True
    assert explore.use_widgets(False) is False
    with pytest.raises(TypeError, match="use_widgets: interactive must be True, False or None"):
        explore.use_widgets("yes")


def test_use_widgets_is_static_outside_a_kernel():
    # pytest, like nbval's runner, a script or a terminal IPython, is no kernel
    assert explore.use_widgets() is False


def test_use_widgets_environment_variable(monkeypatch):
    monkeypatch.setenv(explore.ENV_VAR, "1")
    assert explore.use_widgets() is True
    monkeypatch.setenv(explore.ENV_VAR, "0")
    monkeypatch.setenv("JPY_SESSION_NAME", "/x/nb.ipynb")
    monkeypatch.setattr(explore._base, "_kernel_shell", lambda: object())
    assert explore.use_widgets() is False  # the variable wins over detection
    monkeypatch.setenv(explore.ENV_VAR, "maybe")
    with pytest.warns(UserWarning, match="ignoring TEXTMINE_INTERACTIVE='maybe'"):
        assert explore.use_widgets() is True  # ... then detection decides


def test_use_widgets_detects_a_server_started_kernel(monkeypatch):
    monkeypatch.setattr(explore._base, "_kernel_shell", lambda: object())
    # a kernel started by nbval / nbconvert / papermill: no session name, no widget manager
    assert explore.use_widgets() is False
    # a kernel started by a Jupyter server for a notebook (JupyterLab, Notebook 7)
    monkeypatch.setenv("JPY_SESSION_NAME", "/x/06-explore.ipynb")
    assert explore.use_widgets() is True


def test_use_widgets_detects_the_widget_control_comm(monkeypatch):
    import ipywidgets

    monkeypatch.setattr(explore._base, "_kernel_shell", lambda: object())
    monkeypatch.setattr(ipywidgets.Widget, "_control_comm", object())
    assert explore.use_widgets() is True


def test_use_widgets_without_ipywidgets(monkeypatch):
    monkeypatch.setattr(explore._base, "_ipywidgets_installed", lambda: False)
    monkeypatch.setattr(explore._base, "_kernel_shell", lambda: object())
    monkeypatch.setenv("JPY_SESSION_NAME", "/x/nb.ipynb")
    assert explore.use_widgets() is False
    with pytest.raises(InputError, match="ipywidgets is not installed"):
        explore.use_widgets(True)


# ------------------------------------------------------------------------ terms
def test_terms_rates_dispersion_and_concordance(doc):
    ex = explore.terms(doc, "peace*", periods=PERIODS, interactive=False)
    assert ex.widget is None and not ex.interactive
    r = ex.rates
    assert list(r.columns) == ["period", "n", "n_words", "matches_per_1000"]
    assert r["period"].astype(str).tolist() == ["early", "late"]
    assert r["n"].tolist() == [2, 3]
    assert r["n_words"].tolist() == [9, 3 + 7 + 12 + 5]
    np.testing.assert_allclose(r["matches_per_1000"], [1000 * 2 / 9, 1000 * 3 / 27])
    # DPnorm over the 5 paragraphs: s = (9, 7, 3, 12, 5)/36, v = (2, 1, 0, 2, 0)/5
    # DP = 1/2 * sum|v - s| = 2/9; DPnorm = DP / (1 - 3/36) = 8/33
    assert ex.dp == pytest.approx(8 / 33)
    assert ex.matches["match"].str.lower().tolist() == ["peace", "peace", "peace", "peace", "peace"]
    assert ex.matches["para_id"].tolist() == [0, 0, 1, 3, 3]
    assert ex.matches["period"].astype(str).tolist() == ["early", "early", "late", "late", "late"]
    assert ex.concordance.equals(ex.matches)


def test_terms_period_filter_and_pure(doc):
    before = doc.tokens.copy()
    ex = explore.terms(doc, "peace*", periods=PERIODS, period="late", interactive=False)
    assert ex.concordance["period"].astype(str).unique().tolist() == ["late"]
    assert len(ex.concordance) == 3 and len(ex.matches) == 5
    assert "period" not in doc.tokens.columns  # the input Document is not changed
    pd.testing.assert_frame_equal(doc.tokens, before)
    # the selected period's bar is opaque, the others faded
    bars = ex.figure.axes[0].containers[0].patches
    assert [b.get_alpha() for b in bars] == [0.25, 1.0]


def test_terms_static_view_is_deterministic(doc):
    a = explore.terms(doc, "peace*", periods=PERIODS, interactive=False)._static_bundles()
    b = explore.terms(doc, "peace*", periods=PERIODS, interactive=False)._static_bundles()
    assert [x["text/plain"] for x in a] == [x["text/plain"] for x in b]
    assert a[0]["text/html"] == b[0]["text/html"]
    html, plain = a[0]["text/html"], a[0]["text/plain"]
    assert "“peace*”: 5 matches, 138.89 per 1,000 words; in 3 of 5 paragraphs, DP 0.24" in plain
    assert html.count('class="textmine-match"') == 5 and "<b>peace</b>" in html and "<b>Peace</b>" in html
    assert "0x" not in plain + html  # no memory addresses
    png = base64.b64decode(a[1]["image/png"])
    assert png.startswith(PNG_MAGIC) and a[1]["text/plain"].startswith("Figure: matches of “peace*”")


def test_terms_without_periods_and_a_phrase(doc):
    ex = explore.terms(doc, "peace was", interactive=False)
    assert ex.rates["period"].astype(str).tolist() == ["all text"]
    assert ex.rates["n"].tolist() == [1] and ex.rates["n_words"].tolist() == [36]
    assert ex.periods == [] and ex.matches["match"].tolist() == ["peace was"]


def test_terms_no_match_is_an_empty_answer(doc):
    ex = explore.terms(doc, "zebra", periods=PERIODS, interactive=False)
    assert ex.rates["n"].tolist() == [0, 0] and ex.matches.empty
    assert "No match" in ex._concordance_html()


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"pattern": 3}, TypeError, "explore.terms: pattern must be a str"),
        ({"pattern": "  "}, InputError, "pattern is empty"),
        ({"pattern": "(", "regex": True}, InputError, r"explore.terms: .*not a valid regular expression"),
        ({"period": "lat"}, InputError, "Did you mean 'late'"),
        ({"window": -1}, InputError, "window must be at least 0"),
        ({"max_lines": 0}, InputError, "max_lines must be at least 1"),
        ({"regex": "yes"}, TypeError, "regex must be True or False"),
    ],
)
def test_terms_errors(doc, kwargs, error, message):
    args = {"pattern": "peace", "periods": PERIODS, "interactive": False, **kwargs}
    with pytest.raises(error, match=message):
        explore.terms(doc, **args)


def test_every_explorer_refuses_a_non_document(doc):
    for call in (lambda: explore.terms("text", "x"), lambda: explore.quotations(doc.tokens),
                 lambda: explore.periods(None, PERIODS)):
        with pytest.raises(TypeError, match="doc must be a textmine.Document"):
            call()


def test_term_widgets_update_on_typing_and_period_click(doc, fast_png):
    ex = explore.terms(doc, "peace*", periods=PERIODS, interactive=True)
    assert ex.widget is not None and "textmine-terms" in ex.widget._dom_classes
    png0 = bytes(ex._w_plot.value)
    assert png0.startswith(PNG_MAGIC)
    assert 'data-matches="5"' in ex._w_status.value
    # typing a term (the frontend sets the Text widget's value)
    ex._w_term.value = "treaty"
    assert ex.pattern == "treaty" and len(ex.matches) == 1
    assert bytes(ex._w_plot.value) != png0 and "“treaty” per 1,000 words" in bytes(ex._w_plot.value).decode(errors="ignore")
    assert "<b>treaty</b>" in ex._w_concordance.value and "<b>peace</b>" not in ex._w_concordance.value
    assert 'data-matches="1"' in ex._w_status.value
    # a bad regex is reported in the widget, the last good state stays
    ex._w_regex.value = True
    ex._w_term.value = "trea(ty"
    assert "textmine-error" in ex._w_status.value and "not a valid regular expression" in ex.error
    assert ex.pattern == "treaty" and len(ex.matches) == 1
    ex._w_regex.value = False
    ex._w_term.value = "peace*"
    assert ex.error is None and len(ex.matches) == 5
    # clicking a period filters the concordance
    png1 = bytes(ex._w_plot.value)
    ex._w_period.value = "early"
    assert ex.period == "early" and ex.concordance["period"].astype(str).tolist() == ["early", "early"]
    assert "Period early (Early years): 2 concordance lines" in ex._w_status.value
    assert ex._w_concordance.value.count('class="textmine-match"') == 2
    assert bytes(ex._w_plot.value) != png1
    ex._w_period.value = explore._base.ALL
    assert ex.period is None and len(ex.concordance) == 5


def test_display_static_and_widget_bundles(doc, monkeypatch):
    shown = []
    fake = types.ModuleType("IPython.display")
    fake.display = lambda obj, raw=False: shown.append((obj, raw))
    monkeypatch.setitem(sys.modules, "IPython.display", fake)
    explore.terms(doc, "peace*", periods=PERIODS, interactive=False)._ipython_display_()
    assert [sorted(b) for b, _ in shown] == [["text/html", "text/plain"], ["image/png", "text/plain"]]
    assert all(raw for _, raw in shown)
    shown.clear()
    explore.quotations(doc, interactive=True)._ipython_display_()  # no figure: nothing to render
    (bundle, raw), = shown
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert "open this notebook in JupyterLab" in bundle["text/html"]  # shown by a frontend without widgets


# ------------------------------------------------------------------- quotations
def test_quotations_filters_counts_and_cards(doc):
    qb = explore.quotations(doc, periods=PERIODS, interactive=False)
    assert qb.speakers == ["Lenin", ""] and qb.kinds == ["quotation", "term"] and qb.periods == ["late"]
    assert qb.quotations["quote_id"].tolist() == [0, 1, 2]
    c = qb.counts()
    assert c.to_dict("list") == {"period": ["late"], "quotation": [2], "term": [1], "all": [3]}
    only = explore.quotations(doc, speaker="Lenin", kind="quotation", interactive=False)
    assert only.quotations["quote_id"].tolist() == [0, 2]
    assert explore.quotations(doc, speaker="", interactive=False).quotations["quote_id"].tolist() == [1]
    html = qb._static_bundles()[0]["text/html"]
    assert html.count('class="textmine-quote"') == 3
    # the citation as written, and what an Ibid. resolves to
    assert "(Lenin, Works, vol. 2, p. 3)" in html
    assert "(Ibid., p. 5) → Lenin, Works, vol. 2, p. 5" in html
    # the quoted words highlighted in their paragraph
    assert "Lenin wrote: <mark>“We want peace and bread”</mark> (Lenin, Works" in html
    plain = qb._static_bundles()[0]["text/plain"]
    assert plain.startswith("Quotation browser\n3 of 3 quotations (all speakers, all periods, all kinds).")


def test_quotations_max_rows_and_errors(doc):
    qb = explore.quotations(doc, max_rows=1, interactive=False)
    plain = qb._static_bundles()[0]["text/plain"]
    assert plain.count("#") == 1 and "… 2 more; narrow the filters" in plain
    with pytest.raises(InputError, match="Did you mean 'Lenin'"):
        explore.quotations(doc, speaker="Lennin", interactive=False)
    with pytest.raises(InputError, match="has no periods; pass periods="):
        explore.quotations(doc, period="late", interactive=False)
    with pytest.raises(InputError, match="kind='poem' is not a quotation kind"):
        explore.quotations(doc, kind="poem", interactive=False)


def test_quotation_widgets_filter_and_step(doc):
    qb = explore.quotations(doc, periods=PERIODS, interactive=True)
    assert [v for _, v in qb._w_list.options] == [0, 1, 2] and qb.selected == 0
    assert 'data-quote-id="0"' in qb._w_card.value
    qb._w_next.click()
    assert qb.selected == 1 and 'data-quote-id="1"' in qb._w_card.value
    qb._w_speaker.value = "Lenin"
    assert [v for _, v in qb._w_list.options] == [0, 2]
    assert qb.selected == 0  # the quotation read before is filtered out: the first one shown
    qb._w_next.click()
    qb._w_next.click()  # stays on the last
    assert qb.selected == 2 and "(Ibid., p. 5) →" in qb._w_card.value
    qb._w_kind.value = "term"
    assert qb._w_list.options == () and qb.selected is None
    assert "No quotation matches these filters" in qb._w_card.value
    assert 'data-quotations="0"' in qb._w_status.value


# ---------------------------------------------------------------------- periods
def test_period_editor_summary_and_edits(doc):
    ed = explore.periods(doc, PERIODS, interactive=False)
    s = ed.summary
    assert s["period"].astype(str).tolist() == ["early", "late"]
    assert s["n_paragraphs"].tolist() == [1, 4] and s["n_dated"].tolist() == [1, 1]
    assert s["n_words"].tolist() == [9, 27]
    np.testing.assert_allclose(s["word_share"], [9 / 36, 27 / 36])
    assert "period" in ed.document.paragraphs.columns and "period" not in doc.paragraphs.columns
    fig0 = ed.figure
    # move the boundary: 1925 now falls in "early", and the undated paragraphs after it follow
    ed.set_years("late", year_start=1926).set_years("early", year_end=1925)
    assert ed.table[["year_start", "year_end"]].values.tolist() == [[1917, 1925], [1926, 1930]]
    assert ed.summary["n_paragraphs"].tolist() == [5, 0]
    assert ed.figure is not fig0


def test_period_editor_rejects_overlaps_and_keeps_the_last_table(doc):
    ed = explore.periods(doc, PERIODS, interactive=False)
    table = ed.table.copy()
    with pytest.raises(InputError, match="overlap"):
        ed.set_years("late", year_start=1920)
    pd.testing.assert_frame_equal(ed.table, table)
    with pytest.raises(InputError, match="unknown period 'middle'"):
        ed.set_years("middle", year_end=1)
    # a gap is fine: its years are unassigned
    ed.set_years("late", year_start=1926)
    assert ed.summary["period"].astype(str).tolist() == ["early", "late", "unassigned"]
    assert ed.summary["n_paragraphs"].tolist() == [1, 0, 4]
    ed.reset()
    assert ed.summary["n_paragraphs"].tolist() == [1, 4]


def test_period_editor_static_view(doc):
    bundles = explore.periods(doc, PERIODS, interactive=False)._static_bundles()
    assert bundles[0]["text/plain"].startswith("Period editor\n2 periods, 5 paragraphs.")
    assert "Early years" in bundles[0]["text/html"]
    assert base64.b64decode(bundles[1]["image/png"]).startswith(PNG_MAGIC)


def test_period_widgets_redraw_on_edit_and_load(doc, tmp_path, fast_png):
    ed = explore.periods(doc, PERIODS, interactive=True)
    start, end = ed._w_years["early"]
    assert (start.value, end.value) == (1917, 1922)
    png0 = bytes(ed._w_plot.value)
    ed._w_years["late"][0].value = 1924  # a gap first (valid) ...
    end.value = 1923                     # ... then the boundary: 1917-1923 | 1924-1930
    assert ed.table["year_end"].tolist() == [1923, 1930] and ed.error is None
    assert bytes(ed._w_plot.value) != png0
    end.value = 1926                     # overlaps "late": reported, table kept
    assert "overlap" in ed.error and "textmine-error" in ed._w_status.value
    assert ed.table["year_end"].tolist() == [1923, 1930]
    # load another table from a file: the rows are rebuilt
    other = tmp_path / "three.csv"
    pd.DataFrame({"period": ["a", "b", "c"], "year_start": [1900, 1921, 1924], "year_end": [1920, 1923, 1950]}).to_csv(other, index=False)
    ed._w_path.value = str(other)
    ed._w_load.click()
    assert ed.table["period"].tolist() == ["a", "b", "c"] and len(ed._w_rows.children) == 3
    assert ed.summary["n_paragraphs"].tolist() == [1, 0, 4]
    ed._w_path.value = str(tmp_path / "missing.csv")
    ed._w_load.click()
    assert "textmine-error" in ed._w_status.value and ed.table["period"].tolist() == ["a", "b", "c"]
    # an edit from code shows in the boxes
    ed.set_years("c", year_end=1960)
    assert ed._w_years["c"][1].value == 1960 and ed.error is None


# ------------------------------------------------------------------ the chapter
def test_explorers_on_the_chapter(chapter_path):
    doc = tm.load(chapter_path, events=chapter_path.parent / "events.csv")
    periods = chapter_path.parent / "periods.csv"
    ex = explore.terms(doc, "revolution*", periods=periods, interactive=False)
    n_cit = int(ex.matches["in_citation"].sum())
    assert int(ex.rates["n"].sum()) + n_cit == len(ex.matches) > 0
    assert ex.rates["n_words"].sum() == term_counts(doc.tokens)["n_total"].iloc[0]
    qb = explore.quotations(doc, periods=periods, interactive=False)
    assert qb.counts()["all"].sum() == len(doc.quotations)
    ed = explore.periods(doc, periods, interactive=False)
    assert ed.summary["n_paragraphs"].sum() == len(doc.paragraphs)
    assert ed.summary["n_words"].sum() == ex.rates["n_words"].sum()


# -------------------------------------------------------------------- dashboard
DATED = {
    "1921-report.txt": "Report of 1921\n\nThe New Economic Policy brought peace to the countryside. Peace with the "
                       "peasants was the slogan.\n\nThe war was over, but the struggle for peace continued.\n",
    "1935-speech.txt": "Speech of 1935\n\nThe popular front promised peace and bread. War was coming all the same, "
                       "and peace was a hope.\n\nThe war in Spain tested the front.\n",
    "1956-report.txt": "Report of 1956\n\nPeaceful coexistence became the line. Peace, peace and more peace, said "
                       "the speakers.\n\nNobody spoke of war.\n",
}
DATED_PERIODS = pd.DataFrame({"period": ["revolution", "front", "thaw"], "label": ["Revolution", "Popular front", "Thaw"],
                              "year_start": [1917, 1934, 1953], "year_end": [1924, 1939, 1964]})


@pytest.fixture(scope="module")
def dated(tmp_path_factory):
    """Three dated documents with a metadata CSV (date, genre)."""
    folder = tmp_path_factory.mktemp("dated")
    for name, text in DATED.items():
        (folder / name).write_text(text, encoding="utf-8")
    pd.DataFrame({"file": list(DATED), "date": ["1921-03-15", "1935-08-02", "1956-02-25"],
                  "genre": ["report", "speech", "report"]}).to_csv(folder / "meta.csv", index=False)
    return tm.load_corpus(folder, metadata=folder / "meta.csv")


def test_dashboard_tables_are_the_package_functions(doc):
    from textmine.collocations import collocates
    from textmine.concordance import kwic
    from textmine.trends import trends
    from textmine.wordlist import word_list

    d = explore.dashboard(doc, periods=PERIODS, term="peace*", sort=["R1", "L1"], span=(3, 3), min_count=1,
                          interactive=False)
    tokens = tm.assign_periods(doc, PERIODS).tokens
    pd.testing.assert_frame_equal(d.table("wordlist"), word_list(tokens, parts="para_id", stop_words=None),
                                  check_categorical=False)
    lines = kwic(tokens, "peace*", window=6, text=doc.text, sort=["R1", "L1"])
    shown = d.table("concordance")
    common = [c for c in lines.columns if c in shown.columns]
    assert len(common) >= 15 and set(lines.columns) - set(common) == {"quote_id"}  # the dashboard keeps fewer columns
    pd.testing.assert_frame_equal(shown[common], lines[common], check_categorical=False)
    pd.testing.assert_frame_equal(d.table("collocates"), collocates(tokens, "peace*", window=(3, 3), min_count=1,
                                                                    stop_words=None))
    pd.testing.assert_frame_equal(d.table("trends"), trends(tokens, ["peace*"], by="period"), check_categorical=False)
    assert d.by == "period" and d.term == "peace*"
    # the default word: the first of the word list (stop words hidden)
    assert explore.dashboard(doc, interactive=False).term == d.table("wordlist")["term"].iloc[0]


def test_dashboard_static_view_is_deterministic(doc):
    a = explore.dashboard(doc, periods=PERIODS, term="peace", interactive=False)._static_bundles()
    b = explore.dashboard(doc, periods=PERIODS, term="peace", interactive=False)._static_bundles()
    assert [x.get("text/plain") for x in a] == [x.get("text/plain") for x in b]
    assert a[0]["text/html"] == b[0]["text/html"] and a[1]["image/png"] == b[1]["image/png"]
    plain = a[0]["text/plain"]
    assert plain.startswith("Dashboard\n36 words, ")
    assert "Concordance of “peace”, sorted by R1, R2, L1" in plain and "Trends by period (per 1,000 words)" in plain
    assert "0x" not in plain + a[0]["text/html"]
    assert base64.b64decode(a[1]["image/png"]).startswith(PNG_MAGIC)


def test_dashboard_on_dated_documents_periods_and_filters(dated, tmp_path, fast_png):
    d = explore.dashboard(dated, periods=DATED_PERIODS, term="peace", interactive=True, export_dir=tmp_path)
    src = d.source
    assert src.is_corpus and src.period_source == "documents"
    assert src.documents["period"].astype(str).tolist() == ["revolution", "front", "thaw"]
    assert src.group_columns == ["period", "year", "doc_id", "genre"] and src.metadata_columns == ["genre"]
    # offsets into the joined text, back into each document's text for export
    for r in d.table("concordance").itertuples(index=False):
        assert dated[r.doc_id].text[r.start:r.end] == r.match
    assert len(d.concordance) == 8 and set(d.word_list["n_parts"]) == {3}  # range over the three documents
    # a metadata filter: the two reports
    d._w_column.value = "genre"
    assert [v for _, v in d._w_value.options][1:] == ["report", "speech"]
    d._w_value.value = "report"
    assert set(d.concordance["doc_id"].astype(str)) == {"1921-report", "1956-report"} and len(d.concordance) == 6
    d._w_document.value = "1956-report"
    assert set(d.concordance["doc_id"].astype(str)) == {"1956-report"}
    d._w_document.value = explore._base.ALL
    d._w_value.value = explore._base.ALL
    d._w_period.value = "front"
    assert set(d.concordance["doc_id"].astype(str)) == {"1935-speech"}
    assert "filtered to period front" in d._w_status.value
    d._w_period.value = explore._base.ALL
    assert len(d.concordance) == 8 and d.error is None


def test_dashboard_widgets_word_sort_line_collocates_trends_export(dated, tmp_path, fast_png):
    d = explore.dashboard(dated, periods=DATED_PERIODS, term="peace", interactive=True, export_dir=tmp_path)
    seq = lambda: int(d._w_status.value.split('data-seq="')[1].split('"')[0])  # noqa: E731
    s0 = seq()
    # click a word in the word list
    d._w_words.value = "war"
    assert d.term == "war" and d._w_term.value == "war" and seq() == s0 + 1
    assert all(m.lower() == "war" for m in d.concordance["match"])
    assert d.trend_terms == ["war"]
    # sort by the word to the left, then reading order
    d._w_sort[0].value, d._w_sort[1].value, d._w_sort[2].value = "L1", "", ""
    assert d.sort == ["L1"] and d.concordance["L1"].tolist() == sorted(d.concordance["L1"], key=lambda w: (w == "", w))
    # the same level twice is refused in the status line; the last good sort stays
    d._w_sort[1].value = "L1"
    assert "Each sort level once" in d.error and d.sort == ["L1"] and "textmine-error" in d._w_status.value
    d._w_sort[1].value = ""
    # click a line: its paragraph, the match marked
    d._w_lines.value = 2
    line = d.concordance.iloc[2]
    assert f'data-para-id="{int(line["para_id"])}"' in d._w_context.value
    assert f'data-doc-id="{line["doc_id"]}"' in d._w_context.value and "<mark>" in d._w_context.value
    # collocates: computed when their tab opens
    d._w_term.value = "peace"
    assert "collocates" in d._stale
    d._w_tabs.selected_index = 1
    assert "collocates" not in d._stale and d.collocates["collocate"].iloc[0] == "peace"
    d._w_min.value = 1
    d._w_measure.value = "mi"
    assert d.measure == "mi" and d.collocates["mi"].is_monotonic_decreasing
    d._w_left.value, d._w_right.value = 0, 0
    assert "at least one word" in d.error
    d._w_right.value = 2
    assert d.span == (0, 2) and (d.collocates["n_left"] == 0).all()
    # trends: two words by document, raw counts
    d._w_tabs.selected_index = 2
    d._w_trend_terms.value = "peace*, war"
    d._w_by.value = "doc_id"
    d._w_relative.value = False
    t = d.trends
    assert t["term"].unique().tolist() == ["peace*", "war"] and t["doc_id"].astype(str).unique().tolist() == list(dated.documents["doc_id"].astype(str))
    assert t.loc[t["term"] == "war", "n"].tolist() == [1, 2, 1]
    svg = d._w_plot.value
    assert svg.count("<polyline") == 2 and ">1921-report<" in svg and ">peace*<" in svg
    d._w_by.value = "period"
    assert d._w_plot.value != svg and ">Popular front<" in d._w_plot.value  # period labels on the axis
    d._w_trend_terms.value = "peace talks"
    assert "not a single word" in d.error and d.trend_terms == ["peace*", "war"]
    # export the current table of each panel: its button writes the CSV and offers a download link
    for name, rows in (("wordlist", len(d.word_list)), ("trends", len(d.trends))):
        d._w_exports[name].click()
        assert f'data-rows="{rows}"' in d._w_export.value and 'class="textmine-dash-download"' in d._w_export.value
    saved = pd.read_csv(tmp_path / "textmine-wordlist.csv")
    assert saved["term"].tolist() == d.word_list["term"].tolist()
    assert pd.read_csv(tmp_path / "textmine-trends-peace.csv")["n"].tolist() == d.trends["n"].tolist()
    path = d.export("concordance")
    lines = pd.read_csv(path, keep_default_na=False)
    assert len(lines) == len(d.concordance) and path.name == "textmine-concordance-peace.csv"
    for r in lines.itertuples(index=False):
        assert dated[r.doc_id].text[r.start:r.end] == r.match
    assert [e for e, _ in d.timings][-2:] == ["export wordlist", "export trends"]


def test_dashboard_errors(doc, tmp_path):
    with pytest.raises(TypeError, match="expected a textmine.Document .* or a Corpus"):
        explore.dashboard(doc.tokens)
    with pytest.raises(InputError, match="sort level 'R0' is not a position"):
        explore.dashboard(doc, sort=["R0"], interactive=False)
    with pytest.raises(InputError, match="up to three levels"):
        explore.dashboard(doc, sort=["R1", "R2", "R3", "L1"], interactive=False)
    with pytest.raises(InputError, match="measure must be one of"):
        explore.dashboard(doc, measure="dice", interactive=False)
    with pytest.raises(InputError, match="by='year' is not available"):
        explore.dashboard(doc, by="year", interactive=False)
    with pytest.raises(InputError, match="is not a folder"):
        explore.dashboard(doc, export_dir=tmp_path / "missing", interactive=False)


# ------------------------------------------------------------ degenerate texts
DEGENERATE = "A Title\n\nJust one plain paragraph with some words and no dates at all.\n"


def test_explorers_are_graceful_on_a_degenerate_text(tmp_path, fast_png):
    """One paragraph, no quotations, no dates: notes, never an exception (the 06-explore calls)."""
    path = tmp_path / "degenerate.txt"
    path.write_text(DEGENERATE, encoding="utf-8")
    periods = PERIODS
    doc = tm.assign_periods(tm.load(path), periods)
    d = explore.dashboard(doc, periods=periods, interactive=False)
    plain = d._static_bundles()[0]["text/plain"]
    assert "No paragraph could be placed in a period" in plain and d.by == "segment"
    assert "No collocate of" in plain
    w = explore.dashboard(doc, periods=periods, interactive=True)
    for i in (1, 2, 0):
        w._w_tabs.selected_index = i
    w._w_term.value = "zebra"
    assert w.error is None and "No match of “zebra”" in w._w_context.value
    browser = explore.quotations(doc, max_rows=4, interactive=False)
    assert browser.most_quoted is None
    one = explore.quotations(doc, speaker=browser.most_quoted, kind="quotation", max_rows=3, interactive=False)
    assert one._static_bundles()[0]["text/plain"].startswith("Quotation browser\nThis document has no quotations")
    last = periods["period"].iloc[-1]
    explore.terms(doc, r"peace\w*|coexist\w*", regex=True, periods=periods, period=last, interactive=False)._static_bundles()
    explore.periods(doc, periods, interactive=False)._static_bundles()
    with pytest.raises(InputError, match="kind='poem' is not a quotation kind"):
        explore.quotations(doc, kind="poem", interactive=False)


def test_dashboard_concordance_reads_only_paragraphs_with_the_word(chapter_path):
    """The dashboard hands kwic only the paragraphs holding a one-word term: the same lines as on every row."""
    from textmine.concordance import kwic

    doc = tm.load(chapter_path)
    d = explore.dashboard(doc, interactive=False)
    view = d.source.tokens
    for term in ("peace", "peace*", "*ism", "Lenin's", "Lenin’s", "right-wing", "1917", "Soviet", "the",
                 "peaceful coexistence", "zebra", "co-*", "u.s.", "(", "*"):
        subset = d._paragraphs_with(term)
        assert len(subset) <= len(view)
        for sort in (None, ["R1", "L1"]):
            full = kwic(view, term, window=6, text=d.source.text, sort=sort)
            pd.testing.assert_frame_equal(kwic(subset, term, window=6, text=d.source.text, sort=sort), full)
    assert len(d._paragraphs_with("peace")) < len(view) / 3


def test_dashboard_resorting_agrees_with_kwic(dated, fast_png):
    from textmine.concordance import kwic

    d = explore.dashboard(dated, term="peace", interactive=True)
    view = d.source.tokens
    for levels in (["R1"], ["L1", "R2"], ["R3", "L3", "L2"], [], ["match", "R1"]):
        for i in range(3):
            d._w_sort[i].value = levels[i] if i < len(levels) else ""
        assert d.sort == levels and d.error is None
        pd.testing.assert_frame_equal(d.concordance, kwic(view, "peace", window=6, text=d.source.text,
                                                          sort=levels or None))


def test_quotation_browser_shows_the_source_passage_with_the_differences(chapter):
    root = __import__("pathlib").Path(__file__).resolve().parents[1]
    fid = tm.align_quotations(chapter, root / "data" / "fidelity")
    b = tm.explore.quotations(chapter, kind="quotation", fidelity=fid, max_rows=20, interactive=False)
    bundle = b._static_bundles()[0]
    plain, page = bundle["text/plain"], bundle["text/html"]
    altered = fid.quotations[fid.quotations["match"].astype(str) == "altered"].iloc[0]
    change = fid.differences[(fid.differences["quote_id"] == altered["quote_id"]) & (fid.differences["op"].astype(str) == "changed")].iloc[0]
    assert f"source: altered · {altered['source_id']}" in plain
    assert "source: not found" in plain
    # the changed words are marked on both sides, with the operation as a tooltip
    assert f'<span title="changed" style="background:#F9D3B5">{change["quoted"]}</span>' in page
    assert f'<span title="changed" style="background:#F9D3B5">{change["source"]}</span>' in page
    # a path of sources works as well as a Fidelity result
    again = tm.explore.quotations(chapter, kind="quotation", fidelity=root / "data" / "fidelity", max_rows=20, interactive=False)
    assert again._static_bundles()[0]["text/plain"] == plain
