"""The period editor: edit a periodization and watch the period figures redraw."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InputError, TextmineError
from . import _base as base


def _period_summary(doc, table: pd.DataFrame, density: pd.DataFrame) -> pd.DataFrame:
    """Per period: years, paragraphs (and how many placed by their own dates), words, quotation density."""
    from ..periods import period_dtype

    paras = doc.paragraphs
    order = list(table["period"]) + [base.UNASSIGNED]
    ppar = paras["period"].astype("str")
    explicit = paras["period_rule"].astype("str").isin(["explicit", "manual"])
    rows = [p for p in order if p != base.UNASSIGNED or (ppar == p).any()]
    info = table.set_index("period")
    dens = density.assign(period=density["period"].astype("str")).set_index("period")

    def from_density(col: str, dtype: str):
        return np.array([dens.at[p, col] if p in dens.index else 0 for p in rows], dtype=dtype)

    out = pd.DataFrame({
        "period": pd.Categorical(rows, dtype=period_dtype(table)),
        "label": pd.Series([str(info.at[p, "label"]) if p in info.index else "" for p in rows], dtype="str"),
        "year_start": pd.array([int(info.at[p, "year_start"]) if p in info.index else None for p in rows], dtype="Int64"),
        "year_end": pd.array([int(info.at[p, "year_end"]) if p in info.index else None for p in rows], dtype="Int64"),
        "n_paragraphs": np.array([int((ppar == p).sum()) for p in rows], dtype="int64"),
        "n_dated": np.array([int(((ppar == p) & explicit).sum()) for p in rows], dtype="int64"),
        "n_words": from_density("n_words", "int64"),
        "n_quotations": from_density("n_quotations", "int64"),
        "quoted_share": from_density("quoted_share", "float64"),
    })
    total = int(out["n_words"].sum())
    out["word_share"] = out["n_words"] / total if total else 0.0
    return out


class PeriodEditor(base.Explorer):
    """Edit a periodization and watch the period-based figures redraw.

    Made by :func:`periods`; see there for the parameters.

    Attributes
    ----------
    table : DataFrame
        The current, valid periods table (:func:`textmine.periods.read_periods`
        columns); save it with ``editor.table.to_csv(path, index=False)``.
    document : textmine.Document
        The document with the current periods assigned.
    summary : DataFrame
        ``period, label, year_start, year_end, n_paragraphs, n_dated,
        n_words, n_quotations, quoted_share, word_share``: ``n_dated``
        paragraphs placed by their own dates (rule ``explicit`` or
        ``manual``); ``n_words``, ``n_quotations`` (source quotations) and
        ``quoted_share`` from :func:`textmine.density.quotation_density`
        (words: no punctuation, no citation apparatus); ``word_share =
        n_words / sum(n_words)``. One row per period, chronological;
        ``unassigned`` only if some paragraph is.
    density : DataFrame
        :func:`textmine.density.quotation_density` by period (the bars).
    figure : matplotlib Figure
        The narrative timeline (:func:`~textmine.plots.timeline.plot_timeline`)
        above quotation density by period
        (:func:`~textmine.plots.density.plot_density`).
    error : str or None
        The last invalid edit, shown in the interactive view (the figures keep
        the last valid table).
    """

    _kind = "period editor"

    def __init__(self, doc, table: pd.DataFrame, *, interactive: bool):
        super().__init__(interactive)
        self._base = doc
        self.original = table
        self.error: str | None = None
        self._apply(table)
        if interactive:
            self._build_widgets()

    # ------------------------------------------------------------ state
    def _apply(self, table: pd.DataFrame) -> None:
        from ..density import quotation_density
        from ..periods import assign_periods

        doc = assign_periods(self._base, table)
        density = quotation_density(doc, by="period")
        summary = _period_summary(doc, table, density)
        self.table, self.document, self.summary, self.density = table, doc, summary, density
        self._figure = None  # drawn when first needed

    def _draw(self):
        from ..figures import style_context
        from ..plots.density import plot_density
        from ..plots.timeline import plot_timeline

        with style_context():
            fig = base.new_figure(9.0, 7.6)
            ax1, ax2 = fig.subplots(2, 1, height_ratios=[1.6, 1.0])
            plot_timeline(self.document.paragraphs, periods=self.table, dates=self.document.dates, ax=ax1)
            ax1.set_title("Where the narrative is in time, paragraph by paragraph", loc="left")
            plot_density(self.density, x="period", ax=ax2)
            ax2.set_title("Quotation density by period", loc="left")
            ax2.set_xlabel("")
        return fig

    def set_years(self, period: str, year_start: int | None = None, year_end: int | None = None) -> "PeriodEditor":
        """Move one period's boundaries, re-assign and redraw.

        Raises :class:`~textmine.errors.InputError` (and keeps the current
        table) if the result is not a valid periodization, e.g. two periods
        overlap. Gaps are allowed: their years are ``unassigned``.
        """
        func = "textmine.explore.PeriodEditor.set_years"
        if period not in list(self.table["period"]):
            raise InputError(f"{func}: unknown period {period!r}; expected one of {list(self.table['period'])}.")
        new = self.table.copy()
        i = int(np.flatnonzero(new["period"].to_numpy() == period)[0])
        for col, v in (("year_start", year_start), ("year_end", year_end)):
            if v is not None:
                new.loc[i, col] = base.check_int(v, func, col, -10**6)
        self._try(new)
        return self

    def load(self, path_or_frame: "pd.DataFrame | str | os.PathLike") -> "PeriodEditor":
        """Replace the periodization with another table (validated) and redraw."""
        from ..periods import read_periods

        self._try(read_periods(path_or_frame))
        if self.widget is not None:
            self._build_rows()
        return self

    def reset(self) -> "PeriodEditor":
        """Back to the table the editor was opened with."""
        return self.load(self.original)

    def _try(self, new: pd.DataFrame) -> None:
        from ..periods import read_periods

        table = read_periods(new)  # raises InputError, keeping the current state
        self._apply(table)
        self.error = None
        if self.widget is not None:
            self._sync_rows()
            self._refresh()

    # ------------------------------------------------------------ text
    def _plain(self) -> str:
        s = self.summary
        un = s.loc[s["period"].astype("str") == base.UNASSIGNED, "n_paragraphs"]
        return (f"{len(self.table)} periods, {int(s['n_paragraphs'].sum())} paragraphs"
                + (f" ({int(un.iloc[0])} unassigned)" if len(un) else "") + ".")

    def _summary_frame(self) -> pd.DataFrame:
        return self.summary.assign(period=self.summary["period"].astype("str"))

    def _static_bundles(self) -> list[dict[str, str]]:
        s = self._summary_frame()
        html_ = (f"<h4>Period editor</h4><p>{base.esc(self._plain())}</p>{base.frame_html(s)}"
                 f"{base.static_note('period editor')}")
        plain = f"Period editor\n{self._plain()}\n{base.frame_text(s)}"
        alt = "Figure: paragraphs against the years they refer to, coloured by period; quotation density by period."
        return [{"text/html": html_, "text/plain": plain}, base.image_bundle(base.png(self.figure), alt)]

    # ------------------------------------------------------------ widgets
    def _build_widgets(self) -> None:
        W = base.widgets()
        self._syncing = False
        self._w_rows = W.VBox()
        self._w_rows.add_class("textmine-period-rows")
        self._w_path = W.Text(placeholder="path to another periods CSV", layout=W.Layout(width="28em"))
        self._w_load = W.Button(description="Load table")
        self._w_reset = W.Button(description="Reset")
        self._w_status = W.HTML()
        self._w_status.add_class("textmine-status")
        self._w_plot = W.Image(format="png")
        self._w_plot.add_class("textmine-period-plot")
        self._w_summary = W.HTML()
        self._w_load.on_click(lambda _: self._on_load())
        self._w_reset.on_click(lambda _: self._guard(self.reset))
        help_ = W.HTML(f'<p style="{base.MUTED}">Edit a year and press Enter: periods may leave gaps '
                       "(unassigned years) but must not overlap.</p>")
        self.widget = W.VBox([help_, self._w_rows, W.HBox([self._w_path, self._w_load, self._w_reset]),
                              self._w_status, self._w_plot, self._w_summary])
        self.widget.add_class("textmine-periods")
        self._build_rows()
        self._refresh()

    def _build_rows(self) -> None:
        W = base.widgets()
        self._w_years: dict[str, tuple] = {}
        colours = base.period_colours(list(self.table["period"]))
        rows = []
        for p, label, a, b in zip(self.table["period"], self.table["label"], self.table["year_start"], self.table["year_end"]):
            name = W.HTML(f"{base.swatch(colours[p])}<b>{base.esc(p)}</b> <span style='{base.MUTED}'>{base.esc(label)}</span>",
                          layout=W.Layout(width="26em"))
            start = W.IntText(value=int(a), layout=W.Layout(width="6em"))
            end = W.IntText(value=int(b), layout=W.Layout(width="6em"))
            start.observe(self._on_years, names="value")
            end.observe(self._on_years, names="value")
            self._w_years[p] = (start, end)
            rows.append(W.HBox([name, start, W.HTML("–"), end]))
        self._w_rows.children = rows

    def _sync_rows(self) -> None:
        """Show the current table's years in the boxes (after an edit from code)."""
        self._syncing = True
        try:
            for p, a, b in zip(self.table["period"], self.table["year_start"], self.table["year_end"]):
                if p in self._w_years:
                    self._w_years[p][0].value, self._w_years[p][1].value = int(a), int(b)
        finally:
            self._syncing = False

    def _guard(self, action: Callable[[], Any]) -> None:
        try:
            action()
        except (TextmineError, OSError) as exc:
            self.error = str(exc)
            self._w_status.value = f'<p class="textmine-error" style="{base.ERROR_STYLE}">{base.esc(exc)}</p>'

    def _on_years(self, change=None) -> None:
        if self._syncing:
            return
        new = self.table.copy()
        for i, p in enumerate(new["period"]):
            if p in self._w_years:
                start, end = self._w_years[p]
                new.loc[i, "year_start"] = int(start.value)
                new.loc[i, "year_end"] = int(end.value)
        self._guard(lambda: self._try(new))

    def _on_load(self) -> None:
        path = self._w_path.value.strip()
        if not path:
            self._w_status.value = f'<p class="textmine-error" style="{base.ERROR_STYLE}">Type the path of a periods CSV first.</p>'
            return
        self._guard(lambda: self.load(path))

    def _refresh(self) -> None:
        self._w_status.value = f'<p class="textmine-summary">{base.esc(self._plain())}</p>'
        self._w_plot.value = base.png(self.figure)
        self._w_summary.value = base.frame_html(self._summary_frame())


def periods(
    doc,
    periods: "pd.DataFrame | str | os.PathLike",
    *,
    interactive: bool | None = None,
) -> PeriodEditor:
    """Edit a periodization: change boundaries or load another table; figures redraw.

    Each edit re-runs :func:`textmine.periods.assign_periods` and redraws the
    period-based figures: the narrative timeline and quotation density by
    period, with a per-period summary (paragraphs, paragraphs placed by their
    own dates, words, quotations). Invalid edits (overlapping periods,
    ``year_start`` after ``year_end``) are reported and leave the last valid
    table in place.

    Parameters
    ----------
    doc : textmine.Document
        The text (loaded with ``events=`` if its dates need an events table).
    periods : DataFrame or path
        The periods table to start from (:func:`textmine.periods.read_periods`).
    interactive : bool or None
        Widgets or the static view; ``None`` detects (:func:`use_widgets`).

    Returns
    -------
    PeriodEditor
        Displays itself; ``.table`` is the edited table, ``.document`` the
        document with it assigned, ``.set_years(period, start, end)`` and
        ``.load(path)`` edit it from code.
    """
    func = "textmine.explore.periods"
    base.check_doc(doc, func)
    mode = base.use_widgets(interactive)
    from ..periods import read_periods

    table = read_periods(periods)
    return PeriodEditor(doc, table, interactive=mode)
