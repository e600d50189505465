"""The term explorer: a term's rate by period, its dispersion and its concordance."""

from __future__ import annotations

import os
import warnings
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InputError, TextmineError
from . import _base as base


def _term_state(tokens: pd.DataFrame, text: str, pattern: str, *, regex: bool, case: bool, window: int,
                order: list[str]) -> dict[str, Any]:
    """Matches, rates by period and dispersion of *pattern* (composition of textmine functions)."""
    from ..concordance import kwic
    from ..dispersion import dispersion
    from ..terms import term_counts

    conc = kwic(tokens, pattern, window=window, regex=regex, case=case, text=text)
    hit = tokens["token_id"].isin(conc["token_id"]).to_numpy()
    # One marker column for every function: the pattern where a match starts, "" elsewhere.
    work = tokens.assign(_match=pd.Series(np.where(hit, pattern, ""), dtype="str"),
                         _hit=pd.Series(np.where(hit, "hit", ""), dtype="str"))
    has_period = "period" in tokens.columns
    counts = term_counts(work, by="period" if has_period else None, term="_match")
    if has_period:
        n_words = counts.groupby("period", observed=True, sort=False)["n_total"].first()
        n_hits = counts.loc[counts["term"] == pattern].set_index("period")["n"]
        rows = [p for p in order if p != base.UNASSIGNED or n_words.get(p, 0) > 0]
        dtype = pd.CategoricalDtype(order, ordered=True)
    else:
        n_words = pd.Series({"all text": int(counts["n_total"].iloc[0]) if len(counts) else 0})
        n_hits = pd.Series({"all text": int(counts.loc[counts["term"] == pattern, "n"].sum())})
        rows = ["all text"]
        dtype = pd.CategoricalDtype(rows, ordered=True)
    n = np.array([int(n_hits.get(p, 0)) for p in rows], dtype="int64")
    w = np.array([int(n_words.get(p, 0)) for p in rows], dtype="int64")
    rates = pd.DataFrame({
        "period": pd.Categorical(rows, dtype=dtype),
        "n": n,                                                     # matches outside citations
        "n_words": w,                                               # words (no punctuation, no citations)
        "matches_per_1000": np.where(w > 0, 1000.0 * n / np.maximum(w, 1), 0.0),
    })
    disp = dispersion(work, ["hit"], term="_hit", parts="para_id").iloc[0]
    return {"concordance": conc, "work": work, "rates": rates, "dispersion": disp}


class TermExplorer(base.Explorer):
    """A term or regex: rate by period, dispersion along the text, concordance.

    Made by :func:`terms`; see there for the parameters. Attributes hold the
    current state (they follow the widgets in the interactive view).

    Attributes
    ----------
    document : textmine.Document
        The document explored (with periods, if it has or was given them).
    pattern, regex, case, window, period
        Current settings; ``period`` None means all periods.
    matches : DataFrame
        Every match (:func:`textmine.concordance.kwic` columns, in reading order).
    concordance : DataFrame
        The matches of the selected period (all of them when ``period`` is None).
    rates : DataFrame
        ``period, n, n_words, matches_per_1000``: ``n`` matches outside
        citations, ``n_words`` the period's words (tokens that are not
        punctuation, outside citations, as :func:`textmine.terms.term_counts`
        counts them), ``matches_per_1000 = 1000 * n / n_words``. One row per
        period in chronological order (``unassigned`` only if it has words);
        a single ``"all text"`` row when the document has no periods.
    dp : float
        Gries' DPnorm of the matches over paragraphs
        (:func:`textmine.dispersion.dispersion`; 0 even, 1 concentrated).
    figure : matplotlib Figure
        Bars of ``matches_per_1000`` by period (the selected period opaque)
        above the dispersion plot.
    error : str or None
        The last input error shown in the interactive view.
    """

    _kind = "term explorer"

    def __init__(self, doc, pattern: str, *, regex: bool, case: bool, window: int, period: str | None,
                 max_lines: int, labels: dict[str, str], interactive: bool):
        super().__init__(interactive)
        self.document = doc
        self._tokens = doc.tokens
        self._text = doc.text
        self._labels = labels
        has_period = "period" in self._tokens.columns
        self._order = base.period_order(self._tokens["period"]) if has_period else []
        self.pattern, self.regex, self.case, self.window = pattern, regex, case, window
        self.period = period
        self.max_lines = max_lines
        self.error: str | None = None
        self._compute()  # errors in the call's own arguments are raised
        if interactive:
            self._build_widgets()

    # ------------------------------------------------------------ state
    @property
    def periods(self) -> list[str]:
        """Periods with words, chronological (the period buttons)."""
        return [str(p) for p in self.rates["period"]] if self._order else []

    def _compute(self) -> None:
        state = _term_state(self._tokens, self._text, self.pattern, regex=self.regex, case=self.case,
                            window=self.window, order=self._order)
        self.matches = state["concordance"]
        self.rates = state["rates"]
        self._work = state["work"]
        self._disp = state["dispersion"]
        self.dp = float(state["dispersion"]["dp_norm"])
        self._select()

    def _select(self) -> None:
        if self.period is None:
            self.concordance = self.matches
        else:
            self.concordance = self.matches.loc[self.matches["period"].astype("str") == self.period].reset_index(drop=True)
        self._figure = None  # drawn when first needed

    def _draw(self):
        from ..figures import style_context
        from ..plots.density import plot_density
        from ..plots.dispersion import plot_dispersion

        with style_context():
            fig = base.new_figure(9.0, 5.4)
            ax1, ax2 = fig.subplots(2, 1, height_ratios=[1.3, 1.0])
            plot_density(self.rates, x="period", y="matches_per_1000", ax=ax1)
            bars = ax1.containers[0]
            for patch, p in zip(bars.patches, self.rates["period"].astype("str")):
                patch.set_alpha(1.0 if self.period in (None, p) else 0.25)
            ax1.bar_label(bars, labels=[str(v) for v in self.rates["n"]], fontsize="x-small", padding=2)
            n = int(self.rates["n"].sum())
            ax1.set_title(f"“{self.pattern}” per 1,000 words by period (labels: matches, {n} in all)", loc="left")
            ax1.set_xlabel("")
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # an empty row is the answer when nothing matches
                plot_dispersion(self._work, [self.pattern], term="_match", ax=ax2)
            ax2.set_title("Where the matches are (one tick each; bands: periods)", loc="left")
        return fig

    # ------------------------------------------------------------ text
    def _summary_lines(self) -> list[str]:
        total = len(self.matches)
        n_cit = int(self.matches["in_citation"].fillna(False).astype(bool).sum()) if "in_citation" in self.matches else 0
        n = int(self.rates["n"].sum())
        words = int(self.rates["n_words"].sum())
        rate = 1000.0 * n / words if words else 0.0
        d = self._disp
        dp = "n/a" if pd.isna(self.dp) else f"{self.dp:.2f}"
        lines = [
            f"“{self.pattern}”{' (regex)' if self.regex else ''}: {base.count(total, 'match', 'matches')}"
            + (f" ({n_cit} in citations, not counted in rates)" if n_cit else "")
            + f", {rate:.2f} per 1,000 words; in {int(d['range'])} of {base.count(int(d['n_parts']), 'paragraph')}, DP {dp}"
            " (0 = spread like the text, 1 = all in one place)."
        ]
        if self.period is not None:
            row = self.rates.loc[self.rates["period"].astype("str") == self.period]
            rn = int(row["n"].iloc[0]) if len(row) else 0
            rr = float(row["matches_per_1000"].iloc[0]) if len(row) else 0.0
            label = self._labels.get(self.period, "")
            lines.append(f"Period {self.period}{f' ({label})' if label else ''}: "
                         f"{base.count(len(self.concordance), 'concordance line')}, "
                         f"{base.count(rn, 'match', 'matches')} outside citations, {rr:.2f} per 1,000 words.")
        shown = min(len(self.concordance), self.max_lines)
        if shown < len(self.concordance):
            lines.append(f"Showing the first {shown} of {len(self.concordance)} lines in reading order.")
        return lines

    def _plain(self) -> str:
        return "\n".join(self._summary_lines())

    def _concordance_html(self) -> str:
        c = self.concordance.head(self.max_lines)
        if c.empty:
            return f'<p style="{base.MUTED}">No match{" in this period" if self.period else ""}.</p>'
        colours = base.period_colours(self._order)
        rows = []
        for r in c.itertuples(index=False):
            p = str(getattr(r, "period", ""))
            flags = []
            if bool(getattr(r, "in_quote", False)):
                flags.append("quoted")
            if bool(getattr(r, "in_citation", False)):
                flags.append("citation")
            rows.append(
                "<tr>"
                f'<td style="text-align:right;{base.MUTED}">{int(r.para_id)}</td>'
                f'<td style="text-align:left;white-space:nowrap">{base.swatch(colours.get(p, "#DDDDDD")) if p else ""}{base.esc(p)}</td>'
                f'<td style="text-align:right">{base.esc(r.left)}</td>'
                f'<td style="text-align:center" class="textmine-match"><b>{base.esc(r.match)}</b></td>'
                f'<td style="text-align:left">{base.esc(r.right)}</td>'
                f'<td style="text-align:left;{base.MUTED}">{", ".join(flags)}</td>'
                "</tr>"
            )
        head = ("<tr><th>¶</th><th>period</th><th style='text-align:right'>left</th><th>match</th>"
                "<th style='text-align:left'>right</th><th></th></tr>")
        return f'<table class="textmine-concordance-table">{head}{"".join(rows)}</table>'

    def _summary_html(self) -> str:
        return "".join(f"<p>{base.esc(line)}</p>" for line in self._summary_lines())

    def _static_bundles(self) -> list[dict[str, str]]:
        rates = self.rates.assign(period=self.rates["period"].astype("str"))
        html_ = (f"<h4>Term explorer</h4>{self._summary_html()}<h5>Rate by period</h5>{base.frame_html(rates)}"
                 f"<h5>Concordance</h5>{self._concordance_html()}{base.static_note('term explorer')}")
        conc = self.concordance.head(self.max_lines)
        cols = [c for c in ("para_id", "period", "left", "match", "right") if c in conc.columns]
        plain = (f"Term explorer\n{self._plain()}\n\nRate by period\n{base.frame_text(rates)}\n\nConcordance\n"
                 + (base.frame_text(conc[cols].astype({"period": "str"}) if "period" in cols else conc[cols]) if len(conc) else "no match"))
        alt = (f"Figure: matches of “{self.pattern}” per 1,000 words by period, and where they occur along the text.")
        return [{"text/html": html_, "text/plain": plain}, base.image_bundle(base.png(self.figure), alt)]

    # ------------------------------------------------------------ widgets
    def _build_widgets(self) -> None:
        W = base.widgets()
        self._w_term = W.Text(value=self.pattern, description="Term", continuous_update=False,
                              placeholder="word, phrase, glob* or regex", layout=W.Layout(width="24em"))
        self._w_term.add_class("textmine-term-input")
        self._w_regex = W.Checkbox(value=self.regex, description="regex", indent=False, layout=W.Layout(width="7em"))
        self._w_case = W.Checkbox(value=self.case, description="match case", indent=False, layout=W.Layout(width="9em"))
        self._w_window = W.IntSlider(value=self.window, min=0, max=max(20, self.window), description="context",
                                     continuous_update=False, layout=W.Layout(width="18em"))
        options = [("All periods", base.ALL)] + [(p, p) for p in self.periods]
        self._w_period = W.ToggleButtons(options=options, value=self.period or base.ALL,
                                         tooltips=["every period"] + [self._labels.get(p, p) for p in self.periods],
                                         style={"button_width": "auto"})
        self._w_period.add_class("textmine-period-buttons")
        self._w_period.layout.display = "flex" if self.periods else "none"
        self._w_status = W.HTML()
        self._w_status.add_class("textmine-status")
        self._w_plot = W.Image(format="png")
        self._w_plot.add_class("textmine-term-plot")
        self._w_concordance = W.HTML()
        self._w_concordance.add_class("textmine-concordance")
        for w in (self._w_term, self._w_regex, self._w_case, self._w_window):
            w.observe(self._on_query, names="value")
        self._w_period.observe(self._on_period, names="value")
        self.widget = W.VBox([
            W.HBox([self._w_term, self._w_regex, self._w_case, self._w_window]),
            self._w_period, self._w_status, self._w_plot, self._w_concordance,
        ])
        self.widget.add_class("textmine-terms")
        self._refresh()

    def _on_query(self, change=None) -> None:
        pattern = self._w_term.value.strip()
        if not pattern:
            self._show_error("Type a word, a phrase, a glob (word*) or, with regex ticked, a regular expression.")
            return
        old = (self.pattern, self.regex, self.case, self.window)
        self.pattern, self.regex, self.case, self.window = (
            pattern, bool(self._w_regex.value), bool(self._w_case.value), int(self._w_window.value))
        try:
            self._compute()
        except TextmineError as exc:
            self.pattern, self.regex, self.case, self.window = old
            self._show_error(str(exc).replace("textmine.kwic: ", ""))
            return
        self.error = None
        self._refresh()

    def _on_period(self, change=None) -> None:
        value = self._w_period.value
        self.period = None if value in (base.ALL, None) else str(value)
        self._select()
        self._refresh()

    def _show_error(self, message: str) -> None:
        self.error = message
        self._w_status.value = f'<p class="textmine-error" style="{base.ERROR_STYLE}">{base.esc(message)}</p>'

    def _refresh(self) -> None:
        # the summary last: when it shows the new state, so do the plot and the concordance
        self._w_plot.value = base.png(self.figure)
        self._w_concordance.value = self._concordance_html()
        self._w_status.value = (f'<div class="textmine-summary" data-matches="{len(self.matches)}" '
                                f'data-lines="{len(self.concordance)}">{self._summary_html()}</div>')


def terms(
    doc,
    pattern: str,
    *,
    periods: "pd.DataFrame | str | os.PathLike | None" = None,
    regex: bool = False,
    case: bool = False,
    window: int = 6,
    period: str | None = None,
    max_lines: int = 30,
    interactive: bool | None = None,
) -> TermExplorer:
    """Explore a term: its rate by period, where it occurs, its concordance.

    Type a term or a regex; the bars show its matches per 1,000 words in each
    period, the dispersion plot shows each match along the text over the
    period bands, and the concordance lists the matches in context. Click a
    period to keep only its concordance lines (its bar stays opaque).

    Parameters
    ----------
    doc : textmine.Document
        The text; with periods (``assign_periods``) for the by-period view.
    pattern : str
        A word, a glob (``revolution*``), a phrase (``peaceful coexistence``)
        or, with ``regex=True``, one regular expression per token; see
        :func:`textmine.concordance.kwic`.
    periods : DataFrame or path, optional
        A periods table to assign first (:func:`textmine.periods.read_periods`);
        also gives the period labels in tooltips and summaries.
    regex, case, window
        As in :func:`textmine.concordance.kwic` (*window*: tokens of context
        on each side).
    period : str, optional
        Start with this period selected (the static view shows only its
        concordance lines).
    max_lines : int
        Concordance lines shown (the first in reading order).
    interactive : bool or None
        Widgets or the static view; ``None`` detects (:func:`use_widgets`).

    Returns
    -------
    TermExplorer
        Displays itself; its attributes (``rates``, ``matches``,
        ``concordance``, ``dp``, ``figure``) hold the current results.

    Raises
    ------
    TypeError, InputError
        Bad arguments (e.g. an invalid regex or an unknown period), named in
        the message.

    Notes
    -----
    Rates follow :func:`textmine.terms.term_counts`: a match counts once (at
    its first token), punctuation and citation apparatus are not words, and
    ``matches_per_1000 = 1000 * n / n_words`` per period. The concordance
    keeps matches inside citations, flagged. DP is Gries' DPnorm over
    paragraphs (:func:`textmine.dispersion.dispersion`).

    Examples
    --------
    >>> tm.explore.terms(doc, "peace*", periods="data/periods.csv")   # doctest: +SKIP
    >>> tm.explore.terms(doc, r"(soviet|russian) \\w+", regex=True)  # doctest: +SKIP
    """
    func = "textmine.explore.terms"
    base.check_doc(doc, func)
    if not isinstance(pattern, str):
        raise TypeError(f"{func}: pattern must be a str (a word, phrase, glob or regex), got {type(pattern).__name__}.")
    if not pattern.strip():
        raise InputError(f"{func}: pattern is empty; pass a word, a phrase, a glob such as 'war*' or a regex.")
    regex = base.check_bool(regex, func, "regex")
    case = base.check_bool(case, func, "case")
    window = base.check_int(window, func, "window", 0)
    max_lines = base.check_int(max_lines, func, "max_lines", 1)
    mode = base.use_widgets(interactive)
    doc, table = base.with_periods(doc, periods, func)
    tokens = doc.tokens
    order = base.period_order(tokens["period"]) if "period" in tokens.columns else []
    present = [p for p in order if p != base.UNASSIGNED or (tokens["period"].astype("str") == p).any()]
    period = base.check_choice(period, present, func, "period", "a period of this document")
    labels = dict(zip(table["period"], table["label"])) if table is not None else {}
    try:
        return TermExplorer(doc, pattern.strip(), regex=regex, case=case, window=window, period=period,
                            max_lines=max_lines, labels=labels, interactive=mode)
    except InputError as exc:
        raise InputError(f"{func}: {exc}") from None
