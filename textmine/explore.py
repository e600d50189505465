"""Interactive exploration in JupyterLab, with a static view everywhere else.

Three explorers, one call each::

    import textmine as tm
    import textmine.explore
    tm.explore.terms(doc, "revolution*")          # rate by period, dispersion, concordance
    tm.explore.quotations(doc, speaker=None)      # filter by speaker/period/kind; read in context
    tm.explore.periods(doc, "data/periods.csv")   # edit boundaries; period figures redraw

Each call returns an explorer object that displays itself (make it the last
expression of a cell, or pass it to ``display``):

* **interactive** — ipywidgets controls: type a term, click a period, pick a
  speaker, change a period's years... and the figures and tables update;
* **static** — an HTML summary (with a plain-text twin) and a PNG figure,
  a pure function of the call's arguments. This is what nbval, nbconvert,
  papermill and ``make figures`` record, so the notebooks stay verifiable.

The explorers compute nothing of their own: matching is
:func:`textmine.concordance.kwic`, rates are :func:`textmine.terms.count_terms`,
dispersion is :func:`textmine.dispersion.dispersion`, periods are
:func:`textmine.periods.assign_periods`, and the figures are the suite's plot
functions (:func:`~textmine.plots.density.plot_density`,
:func:`~textmine.plots.dispersion.plot_dispersion`,
:func:`~textmine.plots.timeline.plot_timeline`). This module only wires them
to widgets. ipywidgets and matplotlib are imported lazily.

When are widgets used?
    :func:`use_widgets` decides, in this order:

    1. ``interactive=True`` / ``False`` passed to the call;
    2. the environment variable ``TEXTMINE_INTERACTIVE`` (``1``/``0``,
       ``true``/``false``; ``auto`` or unset: detect);
    3. detection: widgets only inside a Jupyter kernel (not a terminal
       IPython, not plain Python) with ipywidgets installed, *and* with
       evidence of a widget-capable frontend: the kernel was started by a
       Jupyter server for a notebook or console session (JupyterLab and
       Notebook 7 set ``JPY_SESSION_NAME``), or a widget manager has already
       opened ipywidgets' ``jupyter.widget.control`` comm. nbval,
       nbconvert, nbclient and papermill start kernels themselves, without
       a server, so they always get the static view.

    Other widget frontends (VS Code, Colab) start kernels their own way:
    pass ``interactive=True`` or set ``TEXTMINE_INTERACTIVE=1`` there.
"""

from __future__ import annotations

import base64
import html
import io
import os
import sys
import warnings
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .errors import InputError, TextmineError

__all__ = ["terms", "quotations", "periods", "use_widgets", "TermExplorer", "QuotationBrowser", "PeriodEditor", "ENV_VAR"]

#: Environment variable forcing the mode: "1"/"true" widgets, "0"/"false" static.
ENV_VAR = "TEXTMINE_INTERACTIVE"

_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")
_ALL = "\x00all"  # value of the "all" choice in selection widgets (never a real period or speaker)
_UNASSIGNED = "unassigned"
_ERROR_STYLE = "color:#B00020;font-weight:bold"
_MUTED = "color:#666666"


# ---------------------------------------------------------------- mode detection
def _ipywidgets_installed() -> bool:
    if "ipywidgets" in sys.modules:
        return True
    import importlib.util

    return importlib.util.find_spec("ipywidgets") is not None


def _kernel_shell():
    """The IPython shell if this code runs inside a Jupyter kernel, else None."""
    if "IPython" not in sys.modules:  # never import IPython just to find out
        return None
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython half-imported
        return None
    shell = get_ipython()
    if shell is None or getattr(shell, "kernel", None) is None:
        return None
    return shell


def _control_comm_seen() -> bool:
    """True if a widget manager opened ipywidgets' control comm in this kernel."""
    mod = sys.modules.get("ipywidgets")
    widget = getattr(mod, "Widget", None) if mod is not None else None
    return getattr(widget, "_control_comm", None) is not None


def _env_mode(func: str) -> bool | None:
    raw = os.environ.get(ENV_VAR, "")
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if value not in ("", "auto"):
        warnings.warn(
            f"{func}: ignoring {ENV_VAR}={raw!r}; use 1 (widgets), 0 (static) or auto.", stacklevel=3
        )
    return None


def use_widgets(interactive: bool | None = None) -> bool:
    """Whether the explorers show ipywidgets (True) or their static view (False).

    Parameters
    ----------
    interactive : bool or None
        ``True``/``False`` decide; ``None`` (default) reads
        ``TEXTMINE_INTERACTIVE`` and otherwise detects a widget frontend, as
        described in the module docs. nbval, nbconvert and papermill runs
        resolve to ``False``.

    Returns
    -------
    bool

    Raises
    ------
    TypeError
        *interactive* is not a bool or None.
    InputError
        ``interactive=True`` but ipywidgets is not installed.
    """
    func = "textmine.explore.use_widgets"
    if interactive is not None and not isinstance(interactive, (bool, np.bool_)):
        raise TypeError(f"{func}: interactive must be True, False or None (detect), got {interactive!r}.")
    if interactive is None:
        interactive = _env_mode(func)
    if interactive is not None:
        if interactive and not _ipywidgets_installed():
            raise InputError(
                f"{func}: widgets were requested (interactive=True or {ENV_VAR}=1) but ipywidgets is not "
                "installed; pip install ipywidgets, or use interactive=False for the static view."
            )
        return bool(interactive)
    if _kernel_shell() is None or not _ipywidgets_installed():
        return False
    return _control_comm_seen() or bool(os.environ.get("JPY_SESSION_NAME"))


def _widgets():
    import ipywidgets

    return ipywidgets


# ---------------------------------------------------------------- shared helpers
def _check_doc(doc: Any, func: str):
    from .document import Document

    if not isinstance(doc, Document):
        raise TypeError(
            f"{func}: doc must be a textmine.Document (tm.load(path)), got {type(doc).__name__}; "
            "explore one document at a time (corpus[i] for a Corpus)."
        )


def _check_bool(value: Any, func: str, name: str) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{func}: {name} must be True or False, got {value!r}.")
    return bool(value)


def _check_int(value: Any, func: str, name: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{func}: {name} must be an int, got {type(value).__name__}.")
    if value < minimum:
        raise InputError(f"{func}: {name} must be at least {minimum}, got {value}.")
    return int(value)


def _with_periods(doc, periods, func: str):
    """(document, periods table or None): assign *periods* if given."""
    if periods is None:
        return doc, None
    from .periods import assign_periods, read_periods

    table = read_periods(periods)
    return assign_periods(doc, table), table


def _period_order(col: pd.Series) -> list[str]:
    if isinstance(col.dtype, pd.CategoricalDtype):
        return [str(c) for c in col.cat.categories]
    return [str(v) for v in pd.unique(col.dropna())]


def _check_choice(value: Any, choices: Sequence[str], func: str, name: str, what: str) -> str | None:
    """None stays None; otherwise *value* must be one of *choices*."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"{func}: {name} must be a str or None (all), got {type(value).__name__}.")
    if value not in choices:
        import difflib

        close = difflib.get_close_matches(value, [c for c in choices if c], n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise InputError(f"{func}: {name}={value!r} is not {what}; expected None (all) or one of {list(choices)}.{hint}")
    return value


def _png(fig) -> bytes:
    """PNG bytes of a figure (no software tag; the layout is constrained)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100, metadata={"Software": None})
    return buf.getvalue()


def _new_figure(width: float, height: float):
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def _count(n: int, word: str, plural: str | None = None) -> str:
    """``"1 match"``, ``"2 matches"``."""
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def _esc(value: Any) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return html.escape(str(value))


def _frame_html(frame: pd.DataFrame, *, floats: str = "{:.2f}") -> str:
    return frame.to_html(index=False, escape=True, border=0, na_rep="", float_format=floats.format)


def _frame_text(frame: pd.DataFrame) -> str:
    with pd.option_context("display.width", 200, "display.max_columns", 50, "display.max_colwidth", 60):
        return frame.to_string(index=False, float_format="{:.2f}".format, na_rep="")


def _swatch(colour: str) -> str:
    return (f'<span style="display:inline-block;width:0.8em;height:0.8em;background:{colour};'
            'margin-right:0.3em;vertical-align:middle"></span>')


def _static_note(kind: str) -> str:
    return (f'<p style="{_MUTED};font-size:small">Static view of the {kind} (no widget frontend: nbval, '
            'nbconvert or a terminal). In JupyterLab with ipywidgets the same call is interactive; '
            'see <code>tm.explore.use_widgets</code>.</p>')


class _Explorer:
    """Display logic shared by the explorers: widgets, or static bundles."""

    _kind = "explorer"

    def __init__(self, interactive: bool):
        self.interactive = interactive
        #: The ipywidgets container (None in the static view).
        self.widget = None

    # subclasses provide these
    def _static_bundles(self) -> list[dict[str, str]]:  # pragma: no cover - abstract
        raise NotImplementedError

    def _plain(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def __repr__(self) -> str:
        mode = "interactive" if self.widget is not None else "static"
        return f"<textmine {self._kind} ({mode}): {self._plain().splitlines()[0]}>"

    def _widget_bundle(self) -> dict[str, Any]:
        data = dict(self.widget._repr_mimebundle_())
        data["text/plain"] = f"textmine {self._kind} (interactive): {self._plain().splitlines()[0]}"
        # Shown only by a frontend without the widget renderer:
        data["text/html"] = (f'<p style="{_MUTED}">Interactive {self._kind}: open this notebook in JupyterLab '
                             'with ipywidgets to use it, or call it with <code>interactive=False</code> '
                             'for the static view.</p>')
        return data

    def _ipython_display_(self) -> None:
        from IPython.display import display

        if self.widget is not None:
            display(self._widget_bundle(), raw=True)
            return
        for bundle in self._static_bundles():
            display(bundle, raw=True)


def _image_bundle(png: bytes, alt: str) -> dict[str, str]:
    return {"image/png": base64.b64encode(png).decode("ascii"), "text/plain": alt}


# ======================================================================= terms
def _term_state(tokens: pd.DataFrame, text: str, pattern: str, *, regex: bool, case: bool, window: int,
                order: list[str]) -> dict[str, Any]:
    """Matches, rates by period and dispersion of *pattern* (composition of textmine functions)."""
    from .concordance import kwic
    from .dispersion import dispersion
    from .terms import term_counts as count_terms

    conc = kwic(tokens, pattern, window=window, regex=regex, case=case, text=text)
    hit = tokens["token_id"].isin(conc["token_id"]).to_numpy()
    # One marker column for every function: the pattern where a match starts, "" elsewhere.
    work = tokens.assign(_match=pd.Series(np.where(hit, pattern, ""), dtype="str"),
                         _hit=pd.Series(np.where(hit, "hit", ""), dtype="str"))
    has_period = "period" in tokens.columns
    counts = count_terms(work, by="period" if has_period else None, term="_match")
    if has_period:
        n_words = counts.groupby("period", observed=True, sort=False)["n_total"].first()
        n_hits = counts.loc[counts["term"] == pattern].set_index("period")["n"]
        rows = [p for p in order if p != _UNASSIGNED or n_words.get(p, 0) > 0]
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


class TermExplorer(_Explorer):
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
        punctuation, outside citations, as :func:`textmine.terms.count_terms`
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
        self._order = _period_order(self._tokens["period"]) if has_period else []
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

    @property
    def figure(self):
        """The current figure (drawn on first access after each change)."""
        if self._figure is None:
            self._figure = self._draw()
        return self._figure

    def _draw(self):
        from .figures import style_context
        from .plots.density import plot_density
        from .plots.dispersion import plot_dispersion

        with style_context():
            fig = _new_figure(9.0, 5.4)
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
            f"“{self.pattern}”{' (regex)' if self.regex else ''}: {_count(total, 'match', 'matches')}"
            + (f" ({n_cit} in citations, not counted in rates)" if n_cit else "")
            + f", {rate:.2f} per 1,000 words; in {int(d['range'])} of {_count(int(d['n_parts']), 'paragraph')}, DP {dp}"
            " (0 = spread like the text, 1 = all in one place)."
        ]
        if self.period is not None:
            row = self.rates.loc[self.rates["period"].astype("str") == self.period]
            rn = int(row["n"].iloc[0]) if len(row) else 0
            rr = float(row["matches_per_1000"].iloc[0]) if len(row) else 0.0
            label = self._labels.get(self.period, "")
            lines.append(f"Period {self.period}{f' ({label})' if label else ''}: "
                         f"{_count(len(self.concordance), 'concordance line')}, "
                         f"{_count(rn, 'match', 'matches')} outside citations, {rr:.2f} per 1,000 words.")
        shown = min(len(self.concordance), self.max_lines)
        if shown < len(self.concordance):
            lines.append(f"Showing the first {shown} of {len(self.concordance)} lines in reading order.")
        return lines

    def _plain(self) -> str:
        return "\n".join(self._summary_lines())

    def _concordance_html(self) -> str:
        c = self.concordance.head(self.max_lines)
        if c.empty:
            return f'<p style="{_MUTED}">No match{" in this period" if self.period else ""}.</p>'
        colours = _period_colours(self._order)
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
                f'<td style="text-align:right;{_MUTED}">{int(r.para_id)}</td>'
                f'<td style="text-align:left;white-space:nowrap">{_swatch(colours.get(p, "#DDDDDD")) if p else ""}{_esc(p)}</td>'
                f'<td style="text-align:right">{_esc(r.left)}</td>'
                f'<td style="text-align:center" class="textmine-match"><b>{_esc(r.match)}</b></td>'
                f'<td style="text-align:left">{_esc(r.right)}</td>'
                f'<td style="text-align:left;{_MUTED}">{", ".join(flags)}</td>'
                "</tr>"
            )
        head = ("<tr><th>¶</th><th>period</th><th style='text-align:right'>left</th><th>match</th>"
                "<th style='text-align:left'>right</th><th></th></tr>")
        return f'<table class="textmine-concordance-table">{head}{"".join(rows)}</table>'

    def _summary_html(self) -> str:
        return "".join(f"<p>{_esc(line)}</p>" for line in self._summary_lines())

    def _static_bundles(self) -> list[dict[str, str]]:
        rates = self.rates.assign(period=self.rates["period"].astype("str"))
        html_ = (f"<h4>Term explorer</h4>{self._summary_html()}<h5>Rate by period</h5>{_frame_html(rates)}"
                 f"<h5>Concordance</h5>{self._concordance_html()}{_static_note('term explorer')}")
        conc = self.concordance.head(self.max_lines)
        cols = [c for c in ("para_id", "period", "left", "match", "right") if c in conc.columns]
        plain = (f"Term explorer\n{self._plain()}\n\nRate by period\n{_frame_text(rates)}\n\nConcordance\n"
                 + (_frame_text(conc[cols].astype({"period": "str"}) if "period" in cols else conc[cols]) if len(conc) else "no match"))
        alt = (f"Figure: matches of “{self.pattern}” per 1,000 words by period, and where they occur along the text.")
        return [{"text/html": html_, "text/plain": plain}, _image_bundle(_png(self.figure), alt)]

    # ------------------------------------------------------------ widgets
    def _build_widgets(self) -> None:
        W = _widgets()
        self._w_term = W.Text(value=self.pattern, description="Term", continuous_update=False,
                              placeholder="word, phrase, glob* or regex", layout=W.Layout(width="24em"))
        self._w_term.add_class("textmine-term-input")
        self._w_regex = W.Checkbox(value=self.regex, description="regex", indent=False, layout=W.Layout(width="7em"))
        self._w_case = W.Checkbox(value=self.case, description="match case", indent=False, layout=W.Layout(width="9em"))
        self._w_window = W.IntSlider(value=self.window, min=0, max=max(20, self.window), description="context",
                                     continuous_update=False, layout=W.Layout(width="18em"))
        options = [("All periods", _ALL)] + [(p, p) for p in self.periods]
        self._w_period = W.ToggleButtons(options=options, value=self.period or _ALL,
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
        self.period = None if value in (_ALL, None) else str(value)
        self._select()
        self._refresh()

    def _show_error(self, message: str) -> None:
        self.error = message
        self._w_status.value = f'<p class="textmine-error" style="{_ERROR_STYLE}">{_esc(message)}</p>'

    def _refresh(self) -> None:
        # the summary last: when it shows the new state, so do the plot and the concordance
        self._w_plot.value = _png(self.figure)
        self._w_concordance.value = self._concordance_html()
        self._w_status.value = (f'<div class="textmine-summary" data-matches="{len(self.matches)}" '
                                f'data-lines="{len(self.concordance)}">{self._summary_html()}</div>')


def _period_colours(order: Sequence[str]) -> dict[str, str]:
    from .plots.style import period_colors

    return period_colors(list(order))


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
    Rates follow :func:`textmine.terms.count_terms`: a match counts once (at
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
    _check_doc(doc, func)
    if not isinstance(pattern, str):
        raise TypeError(f"{func}: pattern must be a str (a word, phrase, glob or regex), got {type(pattern).__name__}.")
    if not pattern.strip():
        raise InputError(f"{func}: pattern is empty; pass a word, a phrase, a glob such as 'war*' or a regex.")
    regex = _check_bool(regex, func, "regex")
    case = _check_bool(case, func, "case")
    window = _check_int(window, func, "window", 0)
    max_lines = _check_int(max_lines, func, "max_lines", 1)
    mode = use_widgets(interactive)
    doc, table = _with_periods(doc, periods, func)
    tokens = doc.tokens
    order = _period_order(tokens["period"]) if "period" in tokens.columns else []
    present = [p for p in order if p != _UNASSIGNED or (tokens["period"].astype("str") == p).any()]
    period = _check_choice(period, present, func, "period", "a period of this document")
    labels = dict(zip(table["period"], table["label"])) if table is not None else {}
    try:
        return TermExplorer(doc, pattern.strip(), regex=regex, case=case, window=window, period=period,
                            max_lines=max_lines, labels=labels, interactive=mode)
    except InputError as exc:
        raise InputError(f"{func}: {exc}") from None


# ================================================================== quotations
_NO_SPEAKER_LABEL = "no speaker named"


def _speaker_values(q: pd.DataFrame) -> pd.Series:
    """Speaker as str, "" when none is named."""
    if "speaker" not in q.columns:
        return pd.Series([""] * len(q), dtype="str")
    return q["speaker"].astype("str").fillna("").str.strip()


def _shorten(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "…"


def _citation_text(cid: Any, citations: pd.DataFrame) -> str:
    """The citation as written, and what an Ibid. refers to."""
    if cid is None or pd.isna(cid) or "citation_id" not in citations.columns:
        return ""
    row = citations.loc[citations["citation_id"] == int(cid)]
    if row.empty:
        return ""
    r = row.iloc[0]
    raw = " ".join(str(r.get("raw", "")).split())
    parts = []
    for col, fmt in (("author", "{}"), ("title", "{}"), ("volume", "vol. {}"), ("year", "{}"), ("pages", "p. {}")):
        v = r.get(col)
        if v is not None and not pd.isna(v) and str(v).strip():
            v = str(v).strip()
            if col == "pages" and any(ch in v for ch in "-–,"):
                fmt = "pp. {}"
            parts.append(fmt.format(v))
    resolved = ", ".join(parts)
    if bool(r.get("is_ibid", False)) and resolved:
        return f"{raw} → {resolved}"
    return raw


def _context_html(text: str, paragraphs: pd.DataFrame, q: Any, context: int) -> str:
    """The quotation highlighted in its paragraph(s), *context* characters either side.

    A block quotation (little or no text of its own paragraph before it) also
    shows the end of the paragraph before, which usually introduces it.
    """
    by_id = paragraphs.set_index("para_id")
    p0, p1 = int(q.para_start), int(q.para_end)
    lo = int(by_id.at[p0, "start"]) if p0 in by_id.index else int(q.start)
    hi = int(by_id.at[p1, "end"]) if p1 in by_id.index else int(q.end)
    s, e = int(q.start), int(q.end)
    a, b = max(lo, s - context), min(hi, e + context)
    if a > lo:
        a = text.find(" ", a, s) + 1 or a
    if b < hi:
        cut = text.rfind(" ", e, b)
        b = cut if cut > e else b

    def para_html(chunk: str) -> str:
        return "<br><br>".join(html.escape(x) for x in chunk.split("\n\n"))

    intro = ""
    if len(text[lo:s].strip(" \n\u201c\u201d\"'\u2018\u2019«»")) < 40 and p0 - 1 in by_id.index:
        ps, pe = int(by_id.at[p0 - 1, "start"]), int(by_id.at[p0 - 1, "end"])
        c = max(ps, pe - context)
        if c > ps:
            c = text.find(" ", c, pe) + 1 or c
        intro = (f'<p style="{_MUTED}">{"… " if c > ps else ""}{para_html(text[c:pe])}</p>')
    body = (("… " if a > lo else "") + para_html(text[a:s]) + "<mark>" + para_html(text[s:e]) + "</mark>"
            + para_html(text[e:b]) + (" …" if b < hi else ""))
    return f"{intro}<p>{body}</p>"


class QuotationBrowser(_Explorer):
    """Quotations filtered by speaker, period and kind, each read in context.

    Made by :func:`quotations`; see there for the parameters.

    Attributes
    ----------
    document : textmine.Document
    speaker, period, kind : str or None
        Current filters (None: all; speaker ``""``: no speaker named).
    quotations : DataFrame
        The quotations passing the filters (``doc.quotations`` rows, reading order).
    selected : int or None
        ``quote_id`` of the quotation being read (interactive view).
    """

    _kind = "quotation browser"

    def __init__(self, doc, *, speaker, period, kind, context: int, max_rows: int, interactive: bool):
        super().__init__(interactive)
        self.document = doc
        self._all = doc.quotations
        self._speakers = _speaker_values(self._all)
        self._text = doc.text
        self._paragraphs = doc.paragraphs
        self._citations = doc.citations
        self.speaker, self.period, self.kind = speaker, period, kind
        self.context, self.max_rows = context, max_rows
        self._filter()
        self.selected = int(self.quotations["quote_id"].iloc[0]) if len(self.quotations) else None
        if interactive:
            self._build_widgets()

    # ------------------------------------------------------------ state
    @property
    def speakers(self) -> list[str]:
        """Named speakers, most quoted first (ties alphabetical); "" (none named) last."""
        counts = self._speakers[self._speakers != ""].value_counts()
        names = sorted(counts.index, key=lambda s: (-int(counts[s]), s))
        return names + ([""] if (self._speakers == "").any() else [])

    @property
    def kinds(self) -> list[str]:
        from .density import KINDS

        seen = set(self._all["kind"].astype("str")) if "kind" in self._all.columns else set()
        return [k for k in KINDS if k in seen] + sorted(seen - set(KINDS))

    @property
    def periods(self) -> list[str]:
        if "period" not in self._all.columns:
            return []
        col = self._all["period"]
        present = set(col.astype("str"))
        return [p for p in _period_order(col) if p in present]

    def _mask(self, speaker=None, period=None, kind=None) -> np.ndarray:
        q = self._all
        keep = np.ones(len(q), dtype=bool)
        if speaker is not None:
            keep &= (self._speakers == speaker).to_numpy()
        if period is not None:
            keep &= (q["period"].astype("str") == period).to_numpy()
        if kind is not None:
            keep &= (q["kind"].astype("str") == kind).to_numpy()
        return keep

    def _filter(self) -> None:
        self.quotations = self._all.loc[self._mask(self.speaker, self.period, self.kind)].reset_index(drop=True)

    def counts(self) -> pd.DataFrame:
        """Filtered quotations by period (rows, chronological) and kind (columns)."""
        q = self.quotations
        rows = self.periods if self.periods else ["all text"]
        per = q["period"].astype("str") if "period" in q.columns else pd.Series(["all text"] * len(q), dtype="str")
        out = pd.DataFrame({"period": pd.Series(rows, dtype="str")})
        for k in self.kinds:
            out[k] = [int(((per == p) & (q["kind"].astype("str") == k)).sum()) for p in rows]
        out["all"] = out[self.kinds].sum(axis=1).astype("int64") if self.kinds else 0
        return out

    # ------------------------------------------------------------ text
    def _filters_text(self) -> str:
        sp = "all speakers" if self.speaker is None else (_NO_SPEAKER_LABEL if self.speaker == "" else f"speaker {self.speaker}")
        pe = "all periods" if self.period is None else f"period {self.period}"
        ki = "all kinds" if self.kind is None else f"kind {self.kind}"
        return f"{sp}, {pe}, {ki}"

    def _plain(self) -> str:
        return f"{len(self.quotations)} of {len(self._all)} quotations ({self._filters_text()})."

    def _card(self, q: Any) -> str:
        speaker = str(q.speaker) if "speaker" in self._all.columns and not pd.isna(q.speaker) and str(q.speaker) else "—"
        period = str(getattr(q, "period", "")) if "period" in self._all.columns else ""
        paras = f"¶{q.para_start}" if q.para_start == q.para_end else f"¶{q.para_start}–{q.para_end}"
        cite = _citation_text(getattr(q, "citation_id", None), self._citations)
        cite_html = (f"<div><b>Citation:</b> {_esc(cite)}</div>" if cite
                     else f'<div style="{_MUTED}">No citation attached.</div>')
        meta = " · ".join(x for x in (f"#{q.quote_id}", speaker, str(q.kind), period, paras) if x)
        return (
            f'<div class="textmine-quote" data-quote-id="{int(q.quote_id)}" '
            'style="border-left:3px solid #0072B2;padding:0.2em 0.8em;margin:0.6em 0">'
            f'<div style="{_MUTED}">{_esc(meta)}</div>'
            f"<blockquote style='margin:0.3em 0'>“{_esc(_shorten(str(q.text), 1200))}”</blockquote>"
            f"{cite_html}"
            f'<details open><summary style="{_MUTED}">in context</summary>'
            f"{_context_html(self._text, self._paragraphs, q, self.context)}</details></div>"
        )

    def _card_plain(self, q: Any) -> str:
        speaker = str(q.speaker) if "speaker" in self._all.columns and not pd.isna(q.speaker) and str(q.speaker) else "—"
        cite = _citation_text(getattr(q, "citation_id", None), self._citations) or "no citation attached"
        period = str(getattr(q, "period", "")) if "period" in self._all.columns else ""
        return (f"#{q.quote_id} · {speaker} · {q.kind}{' · ' + period if period else ''} · ¶{q.para_start}\n"
                f"  “{_shorten(str(q.text), 160)}”\n  citation: {cite}")

    def _static_bundles(self) -> list[dict[str, str]]:
        shown = self.quotations.head(self.max_rows)
        more = len(self.quotations) - len(shown)
        more_text = (f"… {more} more; narrow the filters (speaker=, period=, kind=) or raise max_rows."
                     if more > 0 else "")
        cards = "".join(self._card(q) for q in shown.itertuples(index=False))
        html_ = (f"<h4>Quotation browser</h4><p>{_esc(self._plain())}</p><h5>By period and kind</h5>"
                 f"{_frame_html(self.counts())}<h5>Quotations</h5>{cards}"
                 + (f'<p style="{_MUTED}">{_esc(more_text)}</p>' if more_text else "")
                 + _static_note("quotation browser"))
        plain = (f"Quotation browser\n{self._plain()}\n\n{_frame_text(self.counts())}\n\n"
                 + "\n".join(self._card_plain(q) for q in shown.itertuples(index=False))
                 + (f"\n{more_text}" if more_text else ""))
        return [{"text/html": html_, "text/plain": plain}]

    # ------------------------------------------------------------ widgets
    def _options(self, values: list[str], counts: dict[str, int], everything: str, label=str):
        return [(f"{everything} ({sum(counts.values())})", _ALL)] + [(f"{label(v)} ({counts.get(v, 0)})", v) for v in values]

    def _build_widgets(self) -> None:
        W = _widgets()
        sp_counts = self._speakers.value_counts().to_dict()
        self._w_speaker = W.Dropdown(
            options=self._options(self.speakers, sp_counts, "All speakers", lambda s: s or _NO_SPEAKER_LABEL),
            value=_ALL if self.speaker is None else self.speaker, description="Speaker")
        pe_counts = self._all["period"].astype("str").value_counts().to_dict() if self.periods else {}
        self._w_period = W.Dropdown(options=self._options(self.periods, pe_counts, "All periods"),
                                    value=_ALL if self.period is None else self.period, description="Period")
        self._w_period.layout.display = None if self.periods else "none"
        ki_counts = self._all["kind"].astype("str").value_counts().to_dict()
        self._w_kind = W.Dropdown(options=self._options(self.kinds, ki_counts, "All kinds"),
                                  value=_ALL if self.kind is None else self.kind, description="Kind")
        self._w_list = W.Select(options=[], rows=8, layout=W.Layout(width="100%"))
        self._w_list.add_class("textmine-quote-list")
        self._w_prev = W.Button(description="◀ previous", layout=W.Layout(width="9em"))
        self._w_next = W.Button(description="next ▶", layout=W.Layout(width="9em"))
        self._w_status = W.HTML()
        self._w_status.add_class("textmine-status")
        self._w_card = W.HTML()
        self._w_card.add_class("textmine-quote-card")
        for w in (self._w_speaker, self._w_period, self._w_kind):
            w.observe(self._on_filter, names="value")
        self._w_list.observe(self._on_select, names="value")
        self._w_prev.on_click(lambda _: self._step(-1))
        self._w_next.on_click(lambda _: self._step(+1))
        self.widget = W.VBox([
            W.HBox([self._w_speaker, self._w_period, self._w_kind]),
            self._w_status, self._w_list, W.HBox([self._w_prev, self._w_next]), self._w_card,
        ])
        self.widget.add_class("textmine-quotations")
        self._refresh_list()

    @staticmethod
    def _value(v):
        return None if v in (_ALL, None) else str(v)

    def _on_filter(self, change=None) -> None:
        self.speaker = self._value(self._w_speaker.value)
        self.period = self._value(self._w_period.value)
        self.kind = self._value(self._w_kind.value)
        self._filter()
        self._refresh_list()

    def _refresh_list(self) -> None:
        q = self.quotations
        ids = [int(i) for i in q["quote_id"]]
        sp = _speaker_values(q)
        labels = [f"#{i} · {s or '—'} · {k} · {_shorten(str(t), 70)}"
                  for i, s, k, t in zip(ids, sp, q["kind"].astype("str"), q["text"].astype("str"))]
        keep = self.selected if self.selected in ids else (ids[0] if ids else None)
        self._w_list.unobserve(self._on_select, names="value")
        self._w_list.options = list(zip(labels, ids))
        self._w_list.value = keep
        self._w_list.observe(self._on_select, names="value")
        self.selected = keep
        self._w_status.value = f'<p class="textmine-summary" data-quotations="{len(q)}">{_esc(self._plain())}</p>'
        self._show()

    def _on_select(self, change=None) -> None:
        v = self._w_list.value
        self.selected = None if v is None else int(v)
        self._show()

    def _step(self, delta: int) -> None:
        ids = [int(i) for i in self.quotations["quote_id"]]
        if not ids:
            return
        i = ids.index(self.selected) if self.selected in ids else 0
        self._w_list.value = ids[min(max(i + delta, 0), len(ids) - 1)]

    def _show(self) -> None:
        if self.selected is None:
            self._w_card.value = f'<p style="{_MUTED}">No quotation matches these filters.</p>'
            return
        q = self.quotations.loc[self.quotations["quote_id"] == self.selected]
        self._w_card.value = self._card(next(q.itertuples(index=False)))


def quotations(
    doc,
    *,
    periods: "pd.DataFrame | str | os.PathLike | None" = None,
    speaker: str | None = None,
    period: str | None = None,
    kind: str | None = None,
    context: int = 300,
    max_rows: int = 8,
    interactive: bool | None = None,
) -> QuotationBrowser:
    """Browse quotations by speaker, period and kind; read each in context.

    Each quotation is shown with its speaker, kind, period and paragraphs,
    its citation (as written, and what an ``Ibid.`` resolves to) and its
    paragraph context with the quoted words highlighted; a block quotation
    also shows the end of the paragraph introducing it.

    Parameters
    ----------
    doc : textmine.Document
    periods : DataFrame or path, optional
        A periods table to assign first (needed for the period filter unless
        *doc* already has periods).
    speaker : str, optional
        Only this speaker (a value of ``doc.quotations.speaker``); ``""`` for
        quotations with no speaker named. None: all.
    period, kind : str, optional
        Only this period / kind (``quotation``, ``term``, ``title``). None: all.
    context : int
        Characters of context shown either side of a quotation, within its
        paragraph(s) (cut at a word boundary).
    max_rows : int
        Quotations shown in the static view (the first in reading order).
    interactive : bool or None
        Widgets or the static view; ``None`` detects (:func:`use_widgets`).

    Returns
    -------
    QuotationBrowser
        Displays itself; ``.quotations`` holds the filtered rows and
        ``.counts()`` their numbers by period and kind.
    """
    func = "textmine.explore.quotations"
    _check_doc(doc, func)
    context = _check_int(context, func, "context", 0)
    max_rows = _check_int(max_rows, func, "max_rows", 1)
    mode = use_widgets(interactive)
    doc, _ = _with_periods(doc, periods, func)
    browser_args = dict(context=context, max_rows=max_rows)
    probe = QuotationBrowser(doc, speaker=None, period=None, kind=None, interactive=False, **browser_args)
    speaker = _check_choice(speaker, probe.speakers, func, "speaker", "a speaker of this document (\"\" = none named)")
    if period is not None and not probe.periods:
        raise InputError(f"{func}: period={period!r} but the document has no periods; pass periods=PATH.")
    period = _check_choice(period, probe.periods, func, "period", "a period of a quotation")
    kind = _check_choice(kind, probe.kinds, func, "kind", "a quotation kind of this document")
    return QuotationBrowser(doc, speaker=speaker, period=period, kind=kind, interactive=mode, **browser_args)


# ===================================================================== periods
def _period_summary(doc, table: pd.DataFrame, density: pd.DataFrame) -> pd.DataFrame:
    """Per period: years, paragraphs (and how many placed by their own dates), words, quotation density."""
    from .periods import period_dtype

    paras = doc.paragraphs
    order = list(table["period"]) + [_UNASSIGNED]
    ppar = paras["period"].astype("str")
    explicit = paras["period_rule"].astype("str").isin(["explicit", "manual"])
    rows = [p for p in order if p != _UNASSIGNED or (ppar == p).any()]
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


class PeriodEditor(_Explorer):
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
        from .density import quotation_density
        from .periods import assign_periods

        doc = assign_periods(self._base, table)
        density = quotation_density(doc, by="period")
        summary = _period_summary(doc, table, density)
        self.table, self.document, self.summary, self.density = table, doc, summary, density
        self._figure = None  # drawn when first needed

    @property
    def figure(self):
        """The current figure (drawn on first access after each change)."""
        if self._figure is None:
            self._figure = self._draw()
        return self._figure

    def _draw(self):
        from .figures import style_context
        from .plots.density import plot_density
        from .plots.timeline import plot_timeline

        with style_context():
            fig = _new_figure(9.0, 7.6)
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
                new.loc[i, col] = _check_int(v, func, col, -10**6)
        self._try(new)
        return self

    def load(self, path_or_frame: "pd.DataFrame | str | os.PathLike") -> "PeriodEditor":
        """Replace the periodization with another table (validated) and redraw."""
        from .periods import read_periods

        self._try(read_periods(path_or_frame))
        if self.widget is not None:
            self._build_rows()
        return self

    def reset(self) -> "PeriodEditor":
        """Back to the table the editor was opened with."""
        return self.load(self.original)

    def _try(self, new: pd.DataFrame) -> None:
        from .periods import read_periods

        table = read_periods(new)  # raises InputError, keeping the current state
        self._apply(table)
        self.error = None
        if self.widget is not None:
            self._sync_rows()
            self._refresh()

    # ------------------------------------------------------------ text
    def _plain(self) -> str:
        s = self.summary
        un = s.loc[s["period"].astype("str") == _UNASSIGNED, "n_paragraphs"]
        return (f"{len(self.table)} periods, {int(s['n_paragraphs'].sum())} paragraphs"
                + (f" ({int(un.iloc[0])} unassigned)" if len(un) else "") + ".")

    def _summary_frame(self) -> pd.DataFrame:
        return self.summary.assign(period=self.summary["period"].astype("str"))

    def _static_bundles(self) -> list[dict[str, str]]:
        s = self._summary_frame()
        html_ = (f"<h4>Period editor</h4><p>{_esc(self._plain())}</p>{_frame_html(s)}"
                 f"{_static_note('period editor')}")
        plain = f"Period editor\n{self._plain()}\n{_frame_text(s)}"
        alt = "Figure: paragraphs against the years they refer to, coloured by period; quotation density by period."
        return [{"text/html": html_, "text/plain": plain}, _image_bundle(_png(self.figure), alt)]

    # ------------------------------------------------------------ widgets
    def _build_widgets(self) -> None:
        W = _widgets()
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
        help_ = W.HTML(f'<p style="{_MUTED}">Edit a year and press Enter: periods may leave gaps '
                       "(unassigned years) but must not overlap.</p>")
        self.widget = W.VBox([help_, self._w_rows, W.HBox([self._w_path, self._w_load, self._w_reset]),
                              self._w_status, self._w_plot, self._w_summary])
        self.widget.add_class("textmine-periods")
        self._build_rows()
        self._refresh()

    def _build_rows(self) -> None:
        W = _widgets()
        self._w_years: dict[str, tuple] = {}
        colours = _period_colours(list(self.table["period"]))
        rows = []
        for p, label, a, b in zip(self.table["period"], self.table["label"], self.table["year_start"], self.table["year_end"]):
            name = W.HTML(f"{_swatch(colours[p])}<b>{_esc(p)}</b> <span style='{_MUTED}'>{_esc(label)}</span>",
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
            self._w_status.value = f'<p class="textmine-error" style="{_ERROR_STYLE}">{_esc(exc)}</p>'

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
            self._w_status.value = f'<p class="textmine-error" style="{_ERROR_STYLE}">Type the path of a periods CSV first.</p>'
            return
        self._guard(lambda: self.load(path))

    def _refresh(self) -> None:
        self._w_status.value = f'<p class="textmine-summary">{_esc(self._plain())}</p>'
        self._w_plot.value = _png(self.figure)
        self._w_summary.value = _frame_html(self._summary_frame())


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
    _check_doc(doc, func)
    mode = use_widgets(interactive)
    from .periods import read_periods

    table = read_periods(periods)
    return PeriodEditor(doc, table, interactive=mode)
