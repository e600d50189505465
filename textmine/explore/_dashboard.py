"""The corpus dashboard: word list, sorted concordance, collocates and trends on one screen.

What AntConc and Voyant Tools users reach for first, for a Document or a
Corpus, within 1366 × 768 pixels: the word list on the left (click a word),
and on the right a tab each for the concordance (sort by left or right
context, click a line to read its paragraph), the collocates of the word in
a window, and its trends across periods, documents or a metadata column.
Filters by document, by a metadata value and by period narrow every table;
each table exports to CSV. The tables are the package's functions
(:func:`~textmine.wordlist.word_list`, :func:`~textmine.concordance.kwic`,
:func:`~textmine.collocations.collocates`, :func:`~textmine.trends.trends`);
this module only keeps their arguments and draws their results.

Only what is on screen is computed: the word list, and the open tab; a tab
left behind is recomputed when it is opened again.
"""

from __future__ import annotations

import base64
import os
import re
import time
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InputError, TextmineError
from . import _base as base
from ._source import Source, source

#: Tables the dashboard shows and exports.
TABLES = ("wordlist", "concordance", "collocates", "trends")
TABS = ("concordance", "collocates", "trends")
SORT_CHOICES = ("", "L3", "L2", "L1", "match", "R1", "R2", "R3")
#: Every position level of the sort choices, found once per search (re-sorting needs no new search).
ALL_LEVELS = ("L3", "L2", "L1", "R1", "R2", "R3")
#: Characters of a long paragraph shown before and after a concordance line's match.
CONTEXT_BEFORE, CONTEXT_AFTER = 320, 480
#: Concordance lines and collocates in the static view (the interactive one scrolls through max_lines).
STATIC_ROWS = 15
NBSP = "\u00a0"
_SLUG = re.compile(r"[^A-Za-z0-9]+")
#: A word or glob that kwic reads as one token (words joined by internal apostrophes or hyphens).
_ONE_TOKEN = re.compile(r"(?:[^\W_]|\*)+(?:['\u2019-](?:[^\W_]|\*)+)*")
#: CSS scoped to the dashboard: fixed-width lines, scroll boxes, the 1366 × 768 budget.
_STYLE = """<style>
.textmine-dashboard select { font-family: var(--jp-code-font-family, monospace); font-size: 11px; }
.textmine-dashboard .textmine-scroll { overflow: auto; border: 1px solid #e0e0e0; padding: 2px 6px; }
.textmine-dashboard table { border-collapse: collapse; font-size: 12px; }
.textmine-dashboard td, .textmine-dashboard th { padding: 1px 6px !important; line-height: 1.25 !important;
  text-align: right; border: none; }
.textmine-dashboard tr:nth-child(even) { background: #f5f5f5; }
.textmine-dashboard td.t, .textmine-dashboard th.t { text-align: left; }
.textmine-dashboard mark { background: #ffe08a; }
</style>"""


def _slug(value: str) -> str:
    return _SLUG.sub("-", value).strip("-").lower()[:40] or "all"


def _pad_line(left: str, match: str, right: str, width: int) -> str:
    """A fixed-width KWIC line: left context right-aligned in *width* characters, cut at word boundaries."""
    left, right = " ".join(left.split()), " ".join(right.split())
    if len(left) > width:
        cut = left[-width:]
        left = cut.split(" ", 1)[1] if " " in cut else cut
    if len(right) > width:
        cut = right[:width + 1]
        right = cut.rsplit(" ", 1)[0] if " " in cut else cut[:width]
    return left.rjust(width, NBSP) + NBSP * 2 + " ".join(match.split()) + NBSP * 2 + right


class Dashboard(base.Explorer):
    """Word list, concordance, collocates and trends of a Document or a Corpus.

    Made by :func:`dashboard`; see there for the parameters. The attributes
    hold the current tables (they follow the widgets in the interactive view).

    Attributes
    ----------
    source : Source
        The text explored: joined text, tokens, paragraphs, documents.
    term : str or None
        The current word (a word, a glob such as ``peace*`` or, for the
        concordance only, a phrase).
    filters : dict
        ``document``, ``column``, ``value``, ``period``: None means all.
    word_list, concordance, collocates, trends : DataFrame
        The current tables (offsets in ``concordance`` are into the joined
        text; :meth:`table` gives them per document, as exported).
    figure : matplotlib Figure
        The trends (:func:`~textmine.plots.trends.plot_trends`), drawn on
        first access after each change: the static view's figure, and one
        to save with :func:`textmine.save_figure`.
    timings : list of (str, float)
        Each update's name and its seconds in the kernel (compute and draw).
    """

    _kind = "dashboard"

    def __init__(self, src: Source, *, term: str | None, sort: list[str], window: int,
                 span: tuple[int, int], measure: str, min_count: int, within_sentences: bool,
                 trend_terms: list[str] | None, by: str, relative: bool, hide_stop_words: bool,
                 max_lines: int, max_words: int, export_dir: Path, interactive: bool):
        super().__init__(interactive)
        self.source = src
        self.sort, self.window = sort, window
        self.span, self.measure, self.min_count, self.within_sentences = span, measure, min_count, within_sentences
        self.by, self.relative, self.hide_stop_words = by, relative, hide_stop_words
        self.max_lines, self.max_words, self.export_dir = max_lines, max_words, export_dir
        self.filters: dict[str, str | None] = {"document": None, "column": None, "value": None, "period": None}
        self.timings: list[tuple[str, float]] = []
        self.error: str | None = None
        self.selected_line: int | None = None
        self._tab = "concordance"
        self._stale = set(TABS)
        self._memo: dict[str, OrderedDict] = {}
        self._figure = None
        self._view = src.tokens
        self._keys_all: np.ndarray | None = None
        self.word_list = self._compute_word_list()
        self.term = term if term is not None else self._first_word()
        self.trend_terms = list(trend_terms) if trend_terms else ([self.term] if self.term else [])
        self.concordance = self.collocates = self.trends = None
        for tab in TABS:  # the static view shows every table
            self._compute(tab)
        if interactive:
            self._build_widgets()

    # ------------------------------------------------------------------ state
    def _first_word(self) -> str | None:
        wl = self.word_list
        words = wl.loc[wl["term"].str.contains(r"\w", regex=True), "term"] if len(wl) else wl["term"]
        return str(words.iloc[0]) if len(words) else None

    def _filter_mask(self) -> np.ndarray | None:
        f, tok, docs = self.filters, self.source.tokens, self.source.documents
        keep = None

        def both(mask):
            return mask if keep is None else keep & mask

        codes = tok["doc_id"].cat.codes.to_numpy() if isinstance(tok["doc_id"].dtype, pd.CategoricalDtype) else None
        ids = list(tok["doc_id"].cat.categories) if codes is not None else []
        if f["document"] is not None and codes is not None:
            keep = both(codes == ids.index(f["document"]))
        if f["column"] is not None and f["value"] is not None and codes is not None:
            chosen = set(docs.loc[docs[f["column"]].astype("str") == f["value"], "doc_id"].astype("str"))
            keep = both(np.isin(codes, [i for i, d in enumerate(ids) if str(d) in chosen]))
        if f["period"] is not None and "period" in tok.columns:
            p = tok["period"]
            keep = both(p.cat.codes.to_numpy() == list(p.cat.categories).index(f["period"]))
        return keep

    def _apply_filters(self) -> None:
        self._view = self._remember(("view", self._filter_key()), self._filtered_view, size=8)
        self.word_list = self._compute_word_list()
        self._stale = set(TABS)

    def _filter_key(self) -> tuple:
        return tuple(self.filters.values())

    def _filtered_view(self) -> pd.DataFrame:
        mask = self._filter_mask()
        return self.source.tokens if mask is None else self.source.tokens.loc[mask]

    def _remember(self, key: tuple, compute, size: int = 64):
        """*compute()*, kept for *key* (the filters and settings it depends on): going back is free."""
        memo = self._memo.setdefault(key[0], OrderedDict())
        if key in memo:
            memo.move_to_end(key)
            return memo[key]
        memo[key] = value = compute()
        while len(memo) > size:
            memo.popitem(last=False)
        return value

    def _compute_word_list(self) -> pd.DataFrame:
        from ..wordlist import word_list

        def compute():
            codes = self._view["doc_id"].cat.codes.to_numpy()
            several = len(codes) > 0 and codes.min() != codes.max()
            parts = "doc_id" if self.source.is_corpus and several else "para_id"
            return word_list(self._view, parts=parts, stop_words=None if self.hide_stop_words else ())

        return self._remember(("wordlist", self._filter_key(), self.hide_stop_words), compute)

    def _paragraphs_with(self, term: str) -> pd.DataFrame:
        """The view's tokens in the paragraphs where a one-word *term* occurs (all of them otherwise).

        :func:`~textmine.concordance.kwic` reads nothing outside a match's
        paragraph, so its lines are the same on these rows as on the whole
        view; on a large corpus they are a small share of it. A word or a
        glob is matched on the vocabulary exactly as ``kwic`` matches one
        token (folded, ``*`` any characters); anything else (a phrase, a
        hyphen at an end) goes to ``kwic`` whole.
        """
        from .._codes import vocabulary_matches

        view = self._view
        if not _ONE_TOKEN.fullmatch(term) or not len(view):
            return view
        cached = getattr(self, "_with", None)
        if cached is not None and cached[0] is view and cached[1] == term:  # a new sort: the same rows
            return cached[2]
        norm = view["norm"]
        hits = vocabulary_matches(np.asarray(norm.cat.categories, dtype=object), term, case=False)
        codes = norm.cat.codes.to_numpy()
        keys = self._paragraph_keys()
        present = np.zeros(int(keys.max(initial=0)) + 1, dtype=bool)
        present[keys[hits[codes] & (codes >= 0)]] = True       # the paragraphs with a match
        rows = np.flatnonzero(present[keys])
        # copying most of the rows costs more than kwic's passes over the rest
        subset = view if len(rows) > len(view) // 3 else view.iloc[rows]
        self._with = (view, term, subset)
        return subset

    def _paragraph_keys(self) -> np.ndarray:
        """A number per (document, paragraph) for each row of the view (kept until the filters change)."""
        if getattr(self, "_keys_of", None) is not self._view:
            tok = self.source.tokens
            if self._keys_all is None:
                doc = tok["doc_id"].cat.codes.to_numpy().astype(np.int64)
                para = tok["para_id"].to_numpy(dtype=np.int64)
                self._keys_all = doc * (int(para.max(initial=0)) + 1) + para
            rows = self._view.index.to_numpy()
            self._keys = self._keys_all if self._view is tok else self._keys_all[rows]
            self._keys_of = self._view
        return self._keys

    def _sorted_lines(self, kwic) -> pd.DataFrame:
        """``kwic(view, term, window, text, sort=self.sort)``, re-sorted without a new search when only the sort changes.

        The lines are found once with every ``L``/``R`` level's word
        (``L3``..``R3``); a new sort is a stable sort of those lines, from
        reading order, by the chosen levels (a missing word last), which is
        what :func:`~textmine.concordance.kwic` does (a test checks the two
        agree). Sorting by ``match`` asks kwic itself.
        """
        if "match" in self.sort:
            return kwic(self._paragraphs_with(self.term), self.term, window=self.window, text=self.source.text,
                        sort=self.sort)

        def search() -> pd.DataFrame:
            lines = kwic(self._paragraphs_with(self.term), self.term, window=self.window, text=self.source.text,
                         sort=list(ALL_LEVELS))
            if "doc_id" in lines.columns and len(lines):  # back to reading order, the ties' order
                reading = lines.assign(_doc=lines["doc_id"].cat.codes).sort_values(["_doc", "token_id"], kind="stable")
                lines = reading.drop(columns="_doc").reset_index(drop=True)
            return lines

        lines = self._remember(("lines", self._filter_key(), self.term, self.window), search, size=16)
        if self.sort and len(lines):
            lines = lines.sort_values(self.sort, kind="stable", na_position="last",
                                      key=lambda col: col.mask(col == "")).reset_index(drop=True)
        keep = [c for c in lines.columns if c not in ALL_LEVELS] + list(self.sort)  # kwic's column order
        return lines[keep]

    def _compute(self, tab: str) -> None:
        """Recompute one tab's table from the current term, filters and settings."""
        from ..collocations import collocates
        from ..concordance import kwic
        from ..trends import trends

        view, term = self._view, self.term
        single = term is not None and len(term.split()) == 1
        if tab == "concordance":
            self.concordance = self._sorted_lines(kwic) if term else None
            self.selected_line = 0 if self.concordance is not None and len(self.concordance) else None
        elif tab == "collocates":
            key = ("collocates", self._filter_key(), term, self.span, self.measure, self.min_count,
                   self.within_sentences, self.hide_stop_words)
            self.collocates = self._remember(key, lambda: collocates(
                view, term, window=self.span, measure=self.measure, min_count=self.min_count,
                within="sent_id" if self.within_sentences else None,
                stop_words=None if self.hide_stop_words else ())) if single else None
        else:
            terms = [t for t in self.trend_terms if t and len(t.split()) == 1]
            key = ("trends", self._filter_key(), tuple(terms), self.by)
            self.trends = self._remember(key, lambda: trends(view, terms, by=self.by, documents=self.source.documents)
                                         ) if terms else None
            self._figure = None
        self._stale.discard(tab)

    # ------------------------------------------------------------------ tables
    def table(self, name: str) -> pd.DataFrame:
        """The current table *name* (``wordlist``, ``concordance``, ``collocates``, ``trends``), as exported.

        Concordance offsets point into each document's own text; an empty
        table has its columns.
        """
        if name not in TABLES:
            raise InputError(f"textmine.explore.Dashboard.table: name must be one of {list(TABLES)}, got {name!r}.")
        if name in TABS and name in self._stale:
            self._compute(name)
        frame = {"wordlist": self.word_list, "concordance": self.concordance, "collocates": self.collocates,
                 "trends": self.trends}[name]
        if frame is None:
            return pd.DataFrame()
        return self.source.local(frame) if name == "concordance" else frame

    def export(self, name: str, path: str | os.PathLike | None = None) -> Path:
        """Write the current table *name* to CSV (UTF-8); return its path.

        Default path: ``textmine-<table>-<term>[-<filters>].csv`` in the
        dashboard's ``export_dir``.
        """
        frame = self.table(name)
        if path is None:
            bits = [name] + ([_slug(self.term)] if self.term and name != "wordlist" else [])
            bits += [_slug(str(v)) for v in self.filters.values() if v is not None]
            path = self.export_dir / ("textmine-" + "-".join(bits) + ".csv")
        path = Path(path)
        frame.to_csv(path, index=False, encoding="utf-8")
        return path

    # ------------------------------------------------------------------ text
    def _describe(self) -> str:
        src, view = self.source, self._view
        n_docs = view["doc_id"].nunique() if len(view) else 0
        words = int(self.word_list["n_total"].iloc[0]) if len(self.word_list) else 0
        what = f"{base.count(n_docs, 'document')}, " if src.is_corpus else ""
        active = [f"{k} {v}" for k, v in self.filters.items() if v is not None and k != "column"]
        return (f"{what}{words:,} words, {base.count(len(self.word_list), 'distinct term')}"
                + (" (stop words hidden)" if self.hide_stop_words else "")
                + (f"; filtered to {', '.join(active)}" if active else "") + ".")

    def _term_line(self) -> str:
        if self.term is None:
            return "No word to show: the text has no words."
        c = self.concordance
        n = len(c) if c is not None else 0
        return f"“{self.term}”: {base.count(n, 'concordance line')}."

    def _plain(self) -> str:
        return self._describe() + " " + self._term_line()

    def _wordlist_frame(self, n: int) -> pd.DataFrame:
        cols = ["rank", "term", "n", "per_1000", "range", "dp"]
        return self.word_list[cols].head(n)

    def _collocates_frame(self, n: int) -> pd.DataFrame:
        cols = ["collocate", "n", "n_left", "n_right", "n_collocate", "expected", self.measure]
        cols = list(dict.fromkeys(cols + ["logdice"] if self.measure != "logdice" else cols))
        return self.collocates[cols].head(n)

    def _trends_pivot(self) -> pd.DataFrame:
        t = self.trends
        value = "per_1000" if self.relative else "n"
        wide = t.pivot_table(index=self.by, columns="term", values=value, observed=True, sort=False)
        wide = wide.reindex(columns=[x for x in self.trend_terms if x in wide.columns])
        wide.columns.name = None
        return wide.reset_index().assign(**{self.by: lambda d: d[self.by].astype("str")})

    def _notes(self, tab: str) -> str:
        """Why a tab is empty, in words (None when it is not)."""
        if self.term is None:
            return "No words in this selection."
        single = len(self.term.split()) == 1
        if tab == "concordance" and (self.concordance is None or self.concordance.empty):
            return f"No match of “{self.term}” in this selection."
        if tab == "collocates":
            if not single:
                return "Collocates take one word or a glob (peace*), not a phrase."
            if self.collocates is None or self.collocates.empty:
                return (f"No collocate of “{self.term}” occurs at least {self.min_count} time(s) within "
                        f"{self.span[0]} word(s) left and {self.span[1]} right.")
        if tab == "trends" and (self.trends is None or self.trends.empty):
            return "Trends take words or globs (peace*), one per comma."
        return ""

    def _static_bundles(self) -> list[dict[str, str]]:
        notes = "".join(f'<p style="{base.MUTED}">{base.esc(n)}</p>' for n in self.source.notes)
        parts_html, parts_text = [], []
        wl = self._wordlist_frame(STATIC_ROWS)
        over = "documents" if self.source.is_corpus else "paragraphs"
        title = f"Word list (the first {len(wl)} of {len(self.word_list)}; range and DP over {over})"
        parts_html.append(f"<h5>{base.esc(title)}</h5>{base.frame_html(wl) if len(wl) else '<p>No words.</p>'}")
        parts_text.append(title + "\n" + (base.frame_text(wl) if len(wl) else "no words"))
        for tab in TABS:
            note = self._notes(tab)
            if tab == "concordance":
                title = f"Concordance of “{self.term}”" + (f", sorted by {', '.join(self.sort)}" if self.sort else "")
                body = None if note else self.table("concordance").head(min(self.max_lines, STATIC_ROWS))
                if body is not None and len(self.concordance) > len(body):
                    title += f" (the first {len(body)} of {len(self.concordance)} lines)"
                cols = ["doc_id", "para_id", "left", "match", "right"] + [s for s in self.sort if s != "match"]
                body = body[[c for c in cols if c in body.columns]] if body is not None else None
                if body is not None and not self.source.is_corpus:
                    body = body.drop(columns="doc_id")
            elif tab == "collocates":
                title = (f"Collocates of “{self.term}” ({self.span[0]} left, {self.span[1]} right, "
                         f"{self.measure}, at least {self.min_count})")
                body = None if note else self._collocates_frame(STATIC_ROWS)
            else:
                title = f"Trends by {self.by} ({'per 1,000 words' if self.relative else 'matches'})"
                body = None if note else self._trends_pivot()
            if body is not None and "doc_id" in body.columns:
                body = body.assign(doc_id=body["doc_id"].astype("str"))
            parts_html.append(f"<h5>{base.esc(title)}</h5>"
                              + (base.frame_html(body) if body is not None else f"<p>{base.esc(note)}</p>"))
            parts_text.append(title + "\n" + (base.frame_text(body) if body is not None else note))
        html_ = (f"<h4>Dashboard</h4><p>{base.esc(self._plain())}</p>{notes}" + "".join(parts_html)
                 + base.static_note("dashboard"))
        plain = "Dashboard\n" + self._plain() + "\n" + "".join(n + "\n" for n in self.source.notes) + "\n" \
            + "\n\n".join(parts_text)
        bundles = [{"text/html": html_, "text/plain": plain}]
        if self.trends is not None and not self.trends.empty:
            alt = f"Figure: {', '.join(self.trend_terms)} by {self.by}."
            bundles.append(base.image_bundle(base.png(self.figure), alt))
        return bundles

    # ------------------------------------------------------------------ figure
    def _draw(self):
        from ..figures import style_context
        from ..plots.trends import plot_trends

        labels = None
        if self.by == "period" and self.source.periods is not None and "label" in self.source.periods.columns:
            labels = dict(zip(self.source.periods["period"], self.source.periods["label"]))
        from matplotlib.figure import Figure

        with style_context():
            fig = Figure(figsize=(8.4, 3.3))  # a fixed layout: one draw (constrained layout takes two)
            ax = fig.subplots()
            data = self.trends if self.trends is not None else pd.DataFrame({self.by: [], "term": [], "n": [], "per_1000": []})
            plot_trends(data, x=self.by, y="per_1000" if self.relative else "n", labels=labels, ax=ax)
            ax.set_title(f"{', '.join(self.trend_terms) or 'no term'} by {self.by}", loc="left")
            rotated = any(t.get_rotation() for t in ax.get_xticklabels())
            fig.subplots_adjust(left=0.08, right=0.98, top=0.9, bottom=0.36 if rotated else 0.16)
        return fig

    # ------------------------------------------------------------------ widgets
    def _build_widgets(self) -> None:
        W = base.widgets()
        src = self.source
        lay = W.Layout
        self._busy = False
        self._w_exports: dict[str, Any] = {}
        # top bar: the term and the filters
        self._w_term = W.Text(value=self.term or "", description="Word", continuous_update=False,
                              placeholder="word, glob* or phrase", layout=lay(width="17em"))
        self._w_term.add_class("textmine-dash-term")
        docs = [str(d) for d in src.tokens["doc_id"].cat.categories] if src.is_corpus else []
        self._w_document = W.Dropdown(options=[("All documents", base.ALL)] + [(d, d) for d in docs],
                                      value=base.ALL, description="Document", layout=lay(width="17em"))
        self._w_document.layout.display = None if src.is_corpus else "none"
        self._w_document.add_class("textmine-dash-document")
        meta = src.metadata_columns
        self._w_column = W.Dropdown(options=[("metadata…", base.ALL)] + [(c, c) for c in meta], value=base.ALL,
                                    layout=lay(width="9em"))
        self._w_value = W.Dropdown(options=[("all", base.ALL)], value=base.ALL, layout=lay(width="10em"))
        for w in (self._w_column, self._w_value):
            w.layout.display = None if meta else "none"
        self._w_column.add_class("textmine-dash-column")
        self._w_value.add_class("textmine-dash-value")
        periods = [str(p) for p in src.tokens["period"].cat.categories
                   if (src.tokens["period"] == p).any()] if "period" in src.tokens.columns else []
        self._w_period = W.Dropdown(options=[("All periods", base.ALL)] + [(p, p) for p in periods], value=base.ALL,
                                    description="Period", layout=lay(width="15em"))
        self._w_period.layout.display = None if periods else "none"
        self._w_period.add_class("textmine-dash-period")
        self._w_status = W.HTML()
        self._w_status.add_class("textmine-status")
        # left: the word list
        self._w_search = W.Text(placeholder="find a word (glob*)", continuous_update=False, layout=lay(width="12em"))
        self._w_search.add_class("textmine-dash-search")
        self._w_stop = W.Checkbox(value=self.hide_stop_words, description="hide stop words", indent=False,
                                  layout=lay(width="10em"))
        self._w_stop.add_class("textmine-dash-stop")
        self._w_words = W.Select(options=[], rows=23, layout=lay(width="100%"))
        self._w_words.add_class("textmine-dash-words")
        self._w_words_head = W.HTML()
        left = W.VBox([W.HTML("<b>Word list</b>"), W.HBox([self._w_search, self._w_stop]), self._w_words_head,
                       self._w_words, self._export_button("wordlist")], layout=lay(width="330px", min_width="330px"))
        # concordance tab
        self._w_sort = [W.Dropdown(options=[(s or "—", s) for s in SORT_CHOICES],
                                   value=(self.sort[i] if i < len(self.sort) else ""),
                                   description=f"Sort {i + 1}", layout=lay(width="9.5em"),
                                   style={"description_width": "3.6em"}) for i in range(3)]
        for i, w in enumerate(self._w_sort):
            w.add_class(f"textmine-dash-sort{i + 1}")
        self._w_window = W.IntSlider(value=self.window, min=1, max=max(12, self.window), description="context",
                                     continuous_update=False, layout=lay(width="15em"),
                                     style={"description_width": "4em"})
        self._w_lines = W.Select(options=[], rows=12, layout=lay(width="100%"))
        self._w_lines.add_class("textmine-dash-lines")
        self._w_context = W.HTML(layout=lay(height="150px"))
        self._w_context.add_class("textmine-dash-context")
        self._w_context.add_class("textmine-scroll")
        conc = W.VBox([W.HBox([*self._w_sort, self._w_window]), self._w_lines, self._w_context,
                       self._export_button("concordance")])
        # collocates tab
        self._w_left = W.BoundedIntText(value=self.span[0], min=0, max=20, description="left",
                                        layout=lay(width="7.5em"), style={"description_width": "2.5em"})
        self._w_right = W.BoundedIntText(value=self.span[1], min=0, max=20, description="right",
                                         layout=lay(width="7.5em"), style={"description_width": "2.5em"})
        from ..collocations import COLLOCATE_MEASURES

        self._w_measure = W.Dropdown(options=list(COLLOCATE_MEASURES), value=self.measure, description="measure",
                                     layout=lay(width="12.5em"), style={"description_width": "4.8em"})
        self._w_measure.add_class("textmine-dash-measure")
        self._w_min = W.BoundedIntText(value=self.min_count, min=1, max=10**6, description="min",
                                       layout=lay(width="7.5em"), style={"description_width": "2.5em"})
        self._w_sentences = W.Checkbox(value=self.within_sentences, description="within sentences", indent=False,
                                       layout=lay(width="11em"))
        self._w_colloc = W.HTML(layout=lay(height="375px"))
        self._w_colloc.add_class("textmine-dash-collocates")
        self._w_colloc.add_class("textmine-scroll")
        coll = W.VBox([W.HBox([self._w_left, self._w_right, self._w_measure, self._w_min, self._w_sentences]),
                       self._w_colloc, self._export_button("collocates")])
        # trends tab
        self._w_trend_terms = W.Text(value=", ".join(self.trend_terms), description="words", continuous_update=False,
                                     placeholder="peace*, war", layout=lay(width="22em"),
                                     style={"description_width": "3.5em"})
        self._w_trend_terms.add_class("textmine-dash-trend-terms")
        self._w_by = W.Dropdown(options=src.group_columns, value=self.by, description="by", layout=lay(width="12em"),
                                style={"description_width": "2em"})
        self._w_by.add_class("textmine-dash-by")
        self._w_relative = W.Checkbox(value=self.relative, description="per 1,000 words", indent=False,
                                      layout=lay(width="11em"))
        self._w_relative.add_class("textmine-dash-relative")
        self._w_plot = W.HTML(layout=lay(width="100%"))
        self._w_plot.add_class("textmine-dash-plot")
        self._w_trend_note = W.HTML()
        trend = W.VBox([W.HBox([self._w_trend_terms, self._w_by, self._w_relative]), self._w_plot, self._w_trend_note,
                        self._export_button("trends")])
        self._w_tabs = W.Tab(children=[conc, coll, trend], layout=lay(flex="1 1 auto", min_width="600px"))
        self._w_tabs.titles = ("Concordance", "Collocates", "Trends")
        self._w_tabs.add_class("textmine-dash-tabs")
        self._w_export = W.HTML()
        self._w_export.add_class("textmine-dash-export")
        # wiring
        self._w_term.observe(lambda _: self._guard("term", self._on_term), names="value")
        for w in (self._w_document, self._w_period, self._w_value):
            w.observe(lambda _: self._guard("filter", self._on_filter), names="value")
        self._w_column.observe(lambda _: self._guard("filter", self._on_column), names="value")
        self._w_search.observe(lambda _: self._guard("search", self._fill_words), names="value")
        self._w_stop.observe(lambda _: self._guard("stop words", self._on_stop), names="value")
        self._w_words.observe(lambda _: self._guard("word", self._on_word), names="value")
        for w in (*self._w_sort, self._w_window):
            w.observe(lambda _: self._guard("sort", self._on_sort), names="value")
        self._w_lines.observe(lambda _: self._guard("line", self._on_line), names="value")
        for w in (self._w_left, self._w_right, self._w_measure, self._w_min, self._w_sentences):
            w.observe(lambda _: self._guard("collocates", self._on_collocates), names="value")
        for w in (self._w_trend_terms, self._w_by, self._w_relative):
            w.observe(lambda _: self._guard("trends", self._on_trends), names="value")
        self._w_tabs.observe(lambda _: self._guard("tab", self._on_tab), names="selected_index")
        top = W.HBox([self._w_term, self._w_document, self._w_column, self._w_value, self._w_period],
                     layout=lay(flex_flow="row wrap"))
        self.widget = W.VBox([W.HTML(_STYLE), top, self._w_status, W.HBox([left, self._w_tabs]), self._w_export],
                             layout=lay(max_width="1240px"))
        self.widget.add_class("textmine-dashboard")
        self._seq = 0
        self._busy = True  # filling the widgets must not run their handlers
        try:
            self._fill_words()
            for tab in TABS:
                self._show(tab)
        finally:
            self._busy = False
        self._status("start", 0.0)

    def _export_button(self, name: str):
        W = base.widgets()
        b = W.Button(description="Export CSV", icon="download", tooltip=f"save the {name} table as CSV",
                     layout=W.Layout(width="9em"))
        b.add_class(f"textmine-dash-export-{name}")
        b.on_click(lambda _: self._guard(f"export {name}", lambda: self._on_export(name)))
        self._w_exports[name] = b
        return b

    # updates: each handler changes the state, redraws what is on screen, then the status (last)
    def _guard(self, event: str, action) -> None:
        if self._busy:
            return
        self._busy = True
        t0 = time.perf_counter()
        try:
            action()
            self.error = None
        except (TextmineError, OSError) as exc:
            self.error = str(exc)
        finally:
            self._busy = False
        self._status(event, time.perf_counter() - t0)

    def _status(self, event: str, seconds: float) -> None:
        self._seq += 1
        self.timings.append((event, seconds))
        err = (f'<span class="textmine-error" style="{base.ERROR_STYLE}"> {base.esc(self.error)}</span>'
               if self.error else "")
        self._w_status.value = (f'<div class="textmine-summary" data-seq="{self._seq}" data-event="{base.esc(event)}" '
                                f'data-ms="{seconds * 1000:.0f}" data-term="{base.esc(self.term or "")}" '
                                f'data-lines="{len(self.concordance) if self.concordance is not None else 0}">'
                                f'{base.esc(self._plain())}{err}</div>')

    def _refresh_tab(self) -> None:
        tab = TABS[self._w_tabs.selected_index or 0]
        self._tab = tab
        if tab in self._stale:
            self._compute(tab)
        self._show(tab)

    def _on_term(self) -> None:
        term = self._w_term.value.strip()
        if not term or term == self.term:
            return
        from ..concordance import kwic

        kwic(self._view.iloc[:0], term)  # checks the pattern (raises InputError) before changing anything
        self.term = term
        self.trend_terms = [term]
        self._sync(self._w_trend_terms, ", ".join(self.trend_terms))
        labels = {v for _, v in self._w_words.options}
        self._sync(self._w_words, term if term in labels else None)  # the word list shows the word explored
        self._stale = set(TABS)
        self._refresh_tab()

    def _on_word(self) -> None:
        value = self._w_words.value
        if value is None or value == self.term:
            return
        self._sync(self._w_term, value)
        self._on_term()

    def _on_filter(self) -> None:
        self.filters = {"document": base_value(self._w_document.value), "column": base_value(self._w_column.value),
                        "value": base_value(self._w_value.value), "period": base_value(self._w_period.value)}
        self._apply_filters()
        self._fill_words()
        self._refresh_tab()

    def _on_column(self) -> None:
        col = base_value(self._w_column.value)
        values = [] if col is None else sorted({str(v) for v in self.source.documents[col].dropna()})
        self._sync(self._w_value, base.ALL, options=[("all", base.ALL)] + [(v, v) for v in values])
        self._on_filter()

    def _on_stop(self) -> None:
        self.hide_stop_words = bool(self._w_stop.value)
        self.word_list = self._compute_word_list()
        self._fill_words()
        self._stale.add("collocates")
        self._refresh_tab()

    def _on_sort(self) -> None:
        levels = [w.value for w in self._w_sort if w.value]
        if len(set(levels)) != len(levels):
            raise InputError("Each sort level once: pick different positions in Sort 1, 2 and 3.")
        self.sort, self.window = levels, int(self._w_window.value)
        self._compute("concordance")
        self._show("concordance")

    def _on_line(self) -> None:
        self.selected_line = self._w_lines.value
        self._show_context()

    def _on_collocates(self) -> None:
        span = (int(self._w_left.value), int(self._w_right.value))
        if sum(span) == 0:
            raise InputError("The window needs at least one word: set left or right above 0.")
        self.span, self.measure = span, self._w_measure.value
        self.min_count, self.within_sentences = int(self._w_min.value), bool(self._w_sentences.value)
        self._compute("collocates")
        self._show("collocates")

    def _on_trends(self) -> None:
        from .._codes import single_token_patterns

        raw = [t.strip() for t in self._w_trend_terms.value.split(",") if t.strip()]
        terms = single_token_patterns(raw, func="trends", arg="words") if raw else []
        self.trend_terms, self.by, self.relative = terms, self._w_by.value, bool(self._w_relative.value)
        self._compute("trends")
        self._show("trends")

    def _on_tab(self) -> None:
        self._refresh_tab()

    def _on_export(self, name: str) -> None:
        path = self.export(name)
        frame = self.table(name)
        data = path.read_bytes()
        link = ""
        if len(data) <= 5_000_000:
            href = "data:text/csv;charset=utf-8;base64," + base64.b64encode(data).decode("ascii")
            link = f' <a download="{base.esc(path.name)}" href="{href}" class="textmine-dash-download">download</a>'
        self._w_export.value = (f'<p class="textmine-dash-saved" data-rows="{len(frame)}" data-path="{base.esc(path)}">'
                                f'Saved {base.count(len(frame), "row")} to <code>{base.esc(path)}</code>{link}</p>')

    @staticmethod
    def _sync(widget, value, options=None) -> None:
        """Set a widget from code without running its handler (the handlers check ``_busy``)."""
        if options is not None:
            widget.options = options
        widget.value = value

    # drawing
    def _fill_words(self) -> None:
        from .._codes import vocabulary_matches

        wl = self.word_list
        pattern = self._w_search.value.strip() if hasattr(self, "_w_search") else ""
        if pattern and len(wl):
            if "*" not in pattern:
                pattern += "*"
            wl = wl.loc[vocabulary_matches(wl["term"].to_numpy(dtype=object), pattern, case=False)]
        shown = wl.head(self.max_words)
        # columns as wide as their widest value, so that a large corpus still fits the panel
        w_term = min(max([len(t) for t in shown["term"]] + [4]), 16)
        w_n = max([len(str(n)) for n in shown["n"]] + [4])
        w_range = max([len(str(g)) for g in shown["range"]] + [3])
        w_rel = max([len(f"{p:.2f}") for p in shown["per_1000"]] + [5])
        opts = [(f"{r:>4} {t[:w_term].ljust(w_term)} {n:>{w_n}} {p:>{w_rel}.2f} {g:>{w_range}} {d:>4.2f}".replace(" ", NBSP), t)
                for r, t, n, p, g, d in zip(shown["rank"], shown["term"], shown["n"], shown["per_1000"],
                                            shown["range"], shown["dp"].fillna(0.0))]
        head = f"{'rank':>4} {'word'.ljust(w_term)} {'freq':>{w_n}} {'per1k':>{w_rel}} {'rng':>{w_range}} {'DP':>4}"
        self._w_words_head.value = (f'<pre style="margin:0 0 0 3px;font-size:11px;font-family:var(--jp-code-font-family, monospace)">{base.esc(head)}</pre>'
                                    f'<div style="{base.MUTED};font-size:11px">{len(shown)} of {len(wl)} shown'
                                    f'{" matching " + base.esc(pattern) if pattern else ""}</div>')
        self._w_words.options = opts
        self._w_words.value = self.term if self.term in set(shown["term"]) else None

    def _show(self, tab: str) -> None:
        if tab == "concordance":
            c = self.concordance
            note = self._notes("concordance")
            if note:
                self._w_lines.options = []
                self._w_context.value = f'<p style="{base.MUTED}">{base.esc(note)}</p>'
                return
            shown = c.head(self.max_lines)
            doc_col = shown["doc_id"].astype("str").tolist() if self.source.is_corpus else [""] * len(shown)
            tag_w = max([len(d) for d in doc_col] + [0])
            self._w_lines.options = [
                ((d.ljust(tag_w, NBSP) + NBSP * 2 if tag_w else "") + _pad_line(lt, m, rt, 34 if tag_w else 40), i)
                for i, (d, lt, m, rt) in enumerate(zip(doc_col, shown["left"], shown["match"], shown["right"]))]
            self._w_lines.value = self.selected_line if self.selected_line is not None and self.selected_line < len(shown) else None
            self._show_context()
        elif tab == "collocates":
            note = self._notes("collocates")
            if note:
                self._w_colloc.value = f'<p style="{base.MUTED}">{base.esc(note)}</p>'
                return
            frame = self._collocates_frame(100)
            self._w_colloc.value = (f'<p style="{base.MUTED};margin:2px 0">{base.count(len(self.collocates), "collocate")}'
                                    f' of “{base.esc(self.term)}”, sorted by {base.esc(self.measure)}; '
                                    f'node {int(self.collocates["n_node"].iloc[0])} times, window positions '
                                    f'{int(self.collocates["n_window"].iloc[0])}.</p>' + _table_html(frame))
        else:
            note = self._notes("trends")
            self._w_plot.value = self._svg()
            self._w_trend_note.value = f'<p style="{base.MUTED}">{base.esc(note)}</p>' if note else ""

    def _svg(self, width: int = 560, height: int = 300) -> str:
        """The trends chart as inline SVG, drawn from the same table as :attr:`figure`.

        An update must render within half a second even on a large corpus; a
        matplotlib PNG takes 0.1-0.2 s of CPU alone, an SVG of a few dozen
        points a millisecond. The static view and :attr:`figure` draw with
        :func:`textmine.plots.trends.plot_trends`.
        """
        from ..plots.style import PALETTE

        t = self.trends
        self._svg_seq = getattr(self, "_svg_seq", 0) + 1
        head = f'<svg class="textmine-dash-svg" data-seq="{self._svg_seq}" width="{width}" height="{height}" ' \
               f'viewBox="0 0 {width} {height}" style="font: 11px sans-serif">'
        if t is None or t.empty:
            return head + f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle" fill="#666">no words</text></svg>'
        y_col = "per_1000" if self.relative else "n"
        groups = [str(g) for g in pd.unique(t[self.by])]
        labels = groups
        if self.by == "period" and self.source.periods is not None and "label" in self.source.periods.columns:
            names = dict(zip(self.source.periods["period"].astype(str), self.source.periods["label"].astype(str)))
            labels = [names.get(g, g) for g in groups]
        left, right, top, bottom = 90, 14, 36, 70
        w, h = width - left - right, height - top - bottom
        top_value = float(t[y_col].max()) or 1.0
        step = w / max(len(groups) - 1, 1)

        def x(i: int) -> float:
            return left + (i * step if len(groups) > 1 else w / 2)

        def y(v: float) -> float:
            return top + h - h * v / top_value

        out = [head, f'<line x1="{left}" y1="{top + h}" x2="{left + w}" y2="{top + h}" stroke="#999"/>',
               f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + h}" stroke="#999"/>']
        for frac in (0.0, 0.5, 1.0):
            v = top_value * frac
            out.append(f'<text x="{left - 4}" y="{y(v) + 4:.1f}" text-anchor="end">{v:.3g}</text>')
        every = max(1, int(np.ceil(len(groups) / 14)))
        for i, lab in enumerate(labels):
            if i % every == 0:
                out.append(f'<text text-anchor="end" transform="translate({x(i) + 3:.1f},{top + h + 12}) rotate(-35)">'
                           f'{base.esc(lab[:22])}</text>')
        out.append(f'<text x="{left}" y="12" fill="#333">{base.esc(", ".join(self.trend_terms))} by {base.esc(self.by)}'
                   f' ({"per 1,000 words" if self.relative else "matches"})</text>')
        for k, term in enumerate(self.trend_terms):
            part = t.loc[t["term"] == term]
            if part.empty:
                continue
            colour = PALETTE[k % len(PALETTE)]
            pos = {g: i for i, g in enumerate(groups)}
            pts = [(x(pos[str(g)]), y(float(v))) for g, v in zip(part[self.by], part[y_col])]
            out.append(f'<polyline fill="none" stroke="{colour}" stroke-width="1.6" points="'
                       + " ".join(f"{a:.1f},{b:.1f}" for a, b in pts) + '"/>')
            out += [f'<circle cx="{a:.1f}" cy="{b:.1f}" r="2.6" fill="{colour}"/>' for a, b in pts]
            at = left + sum(len(x) * 7 + 26 for x in self.trend_terms[:k])  # the legend: one row above the plot
            out.append(f'<rect x="{at}" y="18" width="10" height="10" fill="{colour}"/>'
                       f'<text x="{at + 14}" y="27" fill="{colour}">{base.esc(term)}</text>')
        return "".join(out) + "</svg>"

    def _show_context(self) -> None:
        c = self.concordance
        i = self.selected_line
        if c is None or i is None or i >= len(c):
            self._w_context.value = f'<p style="{base.MUTED}">Click a line to read its paragraph.</p>'
            return
        self._w_context.value = _paragraph_html(self.source, c.iloc[i])


def base_value(v):
    return None if v in (base.ALL, None, "") else str(v)


def _table_html(frame: pd.DataFrame) -> str:
    head = "".join(f'<th class="{"t" if c in ("collocate", "term") else ""}">{base.esc(c)}</th>' for c in frame.columns)
    rows = []
    for r in frame.itertuples(index=False):
        cells = []
        for c, v in zip(frame.columns, r):
            text = f"{v:.2f}" if isinstance(v, float) else str(v)
            cells.append(f'<td class="{"t" if c in ("collocate", "term") else ""}">{base.esc(text)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f'<table class="textmine-table"><tr>{head}</tr>{"".join(rows)}</table>'


def _paragraph_html(src: Source, line: pd.Series) -> str:
    """The paragraph of a concordance line, the match highlighted."""
    p = src.paragraphs
    doc = str(line["doc_id"]) if "doc_id" in line.index else None
    rows = p.loc[(p["para_id"] == int(line["para_id"])) & ((p["doc_id"].astype("str") == doc) if doc else True)]
    if rows.empty:
        return ""
    row = rows.iloc[0]
    a, b = int(row["start"]), int(row["end"])
    s, e = int(line["start"]), int(line["end"])
    text = src.text
    meta = " · ".join(x for x in ((doc if src.is_corpus else ""), f"¶{int(line['para_id'])}",
                                  str(row["period"]) if "period" in row.index else "") if x)
    before, after = text[a:s], text[e:b]
    if len(before) > CONTEXT_BEFORE:  # a long paragraph: the part around the match, cut between words
        cut = before[-CONTEXT_BEFORE:]
        before = "… " + (cut.split(" ", 1)[1] if " " in cut else cut)
    if len(after) > CONTEXT_AFTER:
        cut = after[:CONTEXT_AFTER]
        after = (cut.rsplit(" ", 1)[0] if " " in cut else cut) + " …"
    body = (base.esc(before) + "<mark>" + base.esc(text[s:e]) + "</mark>" + base.esc(after)).replace("\n", "<br>")
    return (f'<div class="textmine-dash-paragraph" data-para-id="{int(line["para_id"])}" data-doc-id="{base.esc(doc or "")}">'
            f'<div style="{base.MUTED};font-size:11px">{base.esc(meta)}</div><div>{body}</div></div>')


def dashboard(
    source_: Any,
    *,
    periods: "pd.DataFrame | str | os.PathLike | None" = None,
    term: str | None = None,
    sort: str | Sequence[str] | None = ("R1", "R2", "L1"),
    window: int = 6,
    span: int | tuple[int, int] = (5, 5),
    measure: str = "logdice",
    min_count: int = 2,
    within_sentences: bool = True,
    trend_terms: Sequence[str] | None = None,
    by: str | None = None,
    relative: bool = True,
    hide_stop_words: bool = True,
    max_lines: int = 300,
    max_words: int = 500,
    export_dir: str | os.PathLike = ".",
    interactive: bool | None = None,
) -> Dashboard:
    """A concordancer's dashboard: word list, sorted concordance, collocates, trends.

    For a Document or a Corpus. The word list is on the left (click a word
    to explore it; type in the box to find one); on the right a tab each
    for the concordance (three sort levels, as AntConc; click a line to
    read its paragraph), the collocates of the word in a window (as
    #LancsBox and AntConc), and its trends across periods, documents, years
    or a metadata column (as Voyant). The filters above narrow everything
    to one document, the documents with a metadata value, or one period;
    each table exports to CSV.

    Parameters
    ----------
    source_ : textmine.Document or textmine.Corpus
        The text. A corpus loaded with metadata (``tm.load_corpus(folder,
        metadata=...)``) gets a filter for each column with a few distinct
        values, and trends by ``year`` when it has a ``year`` or ``date``.
    periods : DataFrame or path, optional
        A periods table (:func:`textmine.periods.read_periods`). For a
        Document, each paragraph's period (:func:`textmine.assign_periods`).
        For a Corpus whose documents have a ``year`` or ``date``, each
        document's period (:func:`textmine.trends.document_periods`);
        without dates, each paragraph's, document by document.
    term : str, optional
        The word to start with; default the first of the word list.
    sort : str or list of str, optional
        Concordance sort levels (:func:`textmine.kwic`'s ``sort``; up to three).
    window : int
        Concordance context, tokens on each side.
    span, measure, min_count, within_sentences
        Collocates' window ``(left, right)``, sort measure, minimum
        co-occurrences and sentence bounds (:func:`textmine.collocates`).
    trend_terms : list of str, optional
        Words or globs for the trends; default the term.
    by : str, optional
        Trends axis: ``"period"``, ``"year"``, ``"doc_id"``, ``"segment"``
        (tenths of one document) or a metadata column; default the first
        available in that order.
    relative : bool
        Trends per 1,000 words (True) or raw counts.
    hide_stop_words : bool
        Leave :data:`textmine.ENGLISH_STOP_WORDS` out of the word list and
        the collocates (they still count as words).
    max_lines, max_words : int
        Concordance lines and word-list rows shown (exports hold all).
    export_dir : path
        Where *Export CSV* writes (default: the notebook's folder).
    interactive : bool or None
        Widgets or the static view; ``None`` detects (:func:`use_widgets`).

    Returns
    -------
    Dashboard
        Displays itself; ``.table(name)`` and ``.export(name)`` give the
        current tables.
    """
    from ..collocations import collocates
    from ..concordance import kwic

    func = "textmine.explore.dashboard"
    src = source(source_, periods, func)
    empty = src.tokens.iloc[:0]
    # the package's own checks, on no rows: bad sort levels, windows and measures get its messages
    try:
        columns = list(kwic(empty, "x", sort=sort).columns) if sort else []
        collocates(empty, "x", window=span, measure=measure)
    except (TypeError, InputError) as exc:
        raise type(exc)(f"{func}: {exc}") from None
    names = [sort] if isinstance(sort, str) else list(sort or [])
    if len(names) > 3:
        raise InputError(f"{func}: sort takes up to three levels, got {names}.")
    positions = iter(c for c in columns if re.fullmatch(r"[LR]\d+", c))
    sort_names = ["match" if n.strip().lower() == "match" else next(positions) for n in names]
    span = (int(span), int(span)) if isinstance(span, (int, np.integer)) else (int(span[0]), int(span[1]))
    window = base.check_int(window, func, "window", 0)
    min_count = base.check_int(min_count, func, "min_count", 1)
    max_lines = base.check_int(max_lines, func, "max_lines", 1)
    max_words = base.check_int(max_words, func, "max_words", 1)
    for name, flag in (("within_sentences", within_sentences), ("relative", relative), ("hide_stop_words", hide_stop_words)):
        base.check_bool(flag, func, name)
    choices = src.group_columns
    by = choices[0] if by is None else by
    if by not in choices:
        raise InputError(f"{func}: by={by!r} is not available for this text; choose one of {choices}.")
    if term is not None and (not isinstance(term, str) or not term.strip()):
        raise InputError(f"{func}: term must be a word, a glob or a phrase, got {term!r}.")
    out_dir = Path(export_dir)
    if not out_dir.is_dir():
        raise InputError(f"{func}: export_dir {str(out_dir)!r} is not a folder.")
    mode = base.use_widgets(interactive)
    try:
        return Dashboard(src, term=term.strip() if term else None, sort=sort_names, window=window, span=span,
                         measure=measure, min_count=min_count, within_sentences=bool(within_sentences),
                         trend_terms=list(trend_terms) if trend_terms else None, by=by, relative=bool(relative),
                         hide_stop_words=bool(hide_stop_words), max_lines=max_lines, max_words=max_words,
                         export_dir=out_dir, interactive=mode)
    except InputError as exc:
        raise InputError(f"{func}: {exc}") from None
