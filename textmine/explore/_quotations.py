"""The quotation browser: quotations by speaker, period and kind, each with its citation and context."""

from __future__ import annotations

import html
import os
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InputError
from . import _base as base


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
        intro = (f'<p style="{base.MUTED}">{"… " if c > ps else ""}{para_html(text[c:pe])}</p>')
    body = (("… " if a > lo else "") + para_html(text[a:s]) + "<mark>" + para_html(text[s:e]) + "</mark>"
            + para_html(text[e:b]) + (" …" if b < hi else ""))
    return f"{intro}<p>{body}</p>"


#: how each difference is marked beside the quotation (a colour-blind-safe pair: orange changes, blue elisions)
_DIFF_STYLE = {
    "changed": "background:#F9D3B5", "added": "background:#F9D3B5", "omitted": "background:#F9D3B5",
    "elided": "background:#CDE6F7", "typography": "background:#EEEEEE",
}
_MATCH_LABEL = {"exact": "exact", "typography": "exact up to typography", "elided": "elided",
                "altered": "altered", "not_found": "not found in the sources"}


def _marked(text: str, lo: int, hi: int, spans: list[tuple[int, int, str]]) -> str:
    """``text[lo:hi]`` as HTML with the *spans* (start, end, op) marked, each with its operation as a tooltip."""
    out, pos = [], lo
    for a, b, op in sorted((max(a, lo), min(b, hi), op) for a, b, op in spans if b > lo and a < hi):
        if a < pos:
            continue
        out.append(html.escape(text[pos:a]))
        if b > a:
            out.append(f'<span title="{op}" style="{_DIFF_STYLE.get(op, "")}">{html.escape(text[a:b])}</span>')
        else:  # a point (words left out here): a caret
            out.append(f'<span title="{op}" style="{_DIFF_STYLE.get(op, "")}">‸</span>')
        pos = b
    out.append(html.escape(text[pos:hi]))
    return "".join(out).replace("\n\n", "<br><br>")


class _FidelityView:
    """One quotation's row of a :class:`textmine.Fidelity` and its differences, as HTML or plain text."""

    def __init__(self, fidelity, quotations: pd.DataFrame):
        self.rows = fidelity.quotations.set_index("quote_id")
        self.diffs = fidelity.differences
        self.sources = dict(zip(fidelity.sources["source_id"], fidelity.sources["path"]))
        self._texts: dict[str, str] = {}
        # a part of a quotation group is judged with the group (under the group's first quote_id)
        group = quotations.set_index("quote_id")["group_id"] if "group_id" in quotations.columns else None
        self.key = {} if group is None else {int(q): int(g) for q, g in group.items()}

    def row(self, quote_id: int):
        k = quote_id if quote_id in self.rows.index else self.key.get(quote_id, quote_id)
        return (k, self.rows.loc[k]) if k in self.rows.index else (None, None)

    def html(self, doc_text: str, quote_id: int, source_texts) -> str:
        k, r = self.row(quote_id)
        if r is None:
            return f'<div style="{base.MUTED}">Not checked against the sources (not a source quotation).</div>'
        head = f"<b>Source:</b> {base.esc(_MATCH_LABEL.get(str(r['match']), str(r['match'])))}"
        if str(r["match"]) == "not_found":
            return f"<div>{head}; no source holds these words.</div>"
        pages = ""
        if not pd.isna(r["source_page_start"]):
            pages = f", p. {int(r['source_page_start'])}" + (f"–{int(r['source_page_end'])}" if r["source_page_end"] != r["source_page_start"] else "")
        agree = "" if pd.isna(r["page_agrees"]) else (" (the cited page)" if bool(r["page_agrees"]) else
                                                      f" — cited p. {int(r['cited_page_start'])}")
        head += f" · {base.esc(r['source_id'])}{pages}{agree} · similarity {float(r['similarity']):.2f}"
        if bool(r["joined"]):
            head += " · joins separate passages"
        d = self.diffs[self.diffs["quote_id"] == k]
        src_text = source_texts(str(r["source_id"]))
        src_spans = [(int(a), int(b), str(o)) for a, b, o in zip(d["source_start"], d["source_end"], d["op"]) if not pd.isna(a)]
        q_spans = [(int(a), int(b), str(o)) for a, b, o in zip(d["start"], d["end"], d["op"])]
        q_html = _marked(doc_text, int(r["start"]), int(r["end"]), q_spans)
        s_html = _marked(src_text, int(r["context_start"]), int(r["context_end"]), src_spans) if src_text else base.esc(r["context"])
        changes = "; ".join(
            f"{o}: “{base.esc(x)}” → “{base.esc(y)}”" if o == "changed" else f"{o}: “{base.esc(x or y)}”"
            for o, x, y in zip(d["op"].astype(str), d["quoted"], d["source"]) if o != "typography")
        return (f"<div>{head}</div>"
                '<div style="display:flex;gap:1em;margin-top:0.3em">'
                f'<div style="flex:1"><div style="{base.MUTED}">quoted</div>{q_html}</div>'
                f'<div style="flex:1"><div style="{base.MUTED}">source</div>{s_html}</div></div>'
                + (f'<div style="{base.MUTED}">{changes}</div>' if changes else ""))

    def plain(self, quote_id: int) -> str:
        k, r = self.row(quote_id)
        if r is None:
            return ""
        if str(r["match"]) == "not_found":
            return "  source: not found"
        pages = "" if pd.isna(r["source_page_start"]) else f" p. {int(r['source_page_start'])}"
        agree = "" if pd.isna(r["page_agrees"]) else ("" if bool(r["page_agrees"]) else f" (cited p. {int(r['cited_page_start'])})")
        return f"  source: {r['match']} · {r['source_id']}{pages}{agree} · similarity {float(r['similarity']):.2f}"


class QuotationBrowser(base.Explorer):
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

    def __init__(self, doc, *, speaker, period, kind, context: int, max_rows: int, interactive: bool,
                 fidelity=None):
        super().__init__(interactive)
        self.document = doc
        self.fidelity = fidelity
        self._all = doc.quotations
        self._fid = None if fidelity is None else _FidelityView(fidelity, self._all)
        self._source_texts: dict[str, str] = {}
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
        from ..density import KINDS

        seen = set(self._all["kind"].astype("str")) if "kind" in self._all.columns else set()
        return [k for k in KINDS if k in seen] + sorted(seen - set(KINDS))

    @property
    def periods(self) -> list[str]:
        if "period" not in self._all.columns:
            return []
        col = self._all["period"]
        present = set(col.astype("str"))
        return [p for p in base.period_order(col) if p in present]

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

    @property
    def most_quoted(self) -> str | None:
        """The named speaker quoted most often (ties alphabetical); None if no speaker is named."""
        named = [s for s in self.speakers if s]
        return named[0] if named else None

    def _plain(self) -> str:
        if len(self._all) == 0:
            return "This document has no quotations (no words between quotation marks)."
        return f"{len(self.quotations)} of {len(self._all)} quotations ({self._filters_text()})."

    def _empty_note(self) -> str:
        return "No quotation matches these filters." if len(self._all) and self.quotations.empty else ""

    def _card(self, q: Any) -> str:
        speaker = str(q.speaker) if "speaker" in self._all.columns and not pd.isna(q.speaker) and str(q.speaker) else "—"
        period = str(getattr(q, "period", "")) if "period" in self._all.columns else ""
        paras = f"¶{q.para_start}" if q.para_start == q.para_end else f"¶{q.para_start}–{q.para_end}"
        cite = _citation_text(getattr(q, "citation_id", None), self._citations)
        cite_html = (f"<div><b>Citation:</b> {base.esc(cite)}</div>" if cite
                     else f'<div style="{base.MUTED}">No citation attached.</div>')
        meta = " · ".join(x for x in (f"#{q.quote_id}", speaker, str(q.kind), period, paras) if x)
        return (
            f'<div class="textmine-quote" data-quote-id="{int(q.quote_id)}" '
            'style="border-left:3px solid #0072B2;padding:0.2em 0.8em;margin:0.6em 0">'
            f'<div style="{base.MUTED}">{base.esc(meta)}</div>'
            f"<blockquote style='margin:0.3em 0'>“{base.esc(_shorten(str(q.text), 1200))}”</blockquote>"
            f"{cite_html}"
            f"{self._fid.html(self._text, int(q.quote_id), self._source_text) if self._fid is not None else ''}"
            f'<details open><summary style="{base.MUTED}">in context</summary>'
            f"{_context_html(self._text, self._paragraphs, q, self.context)}</details></div>"
        )

    def _card_plain(self, q: Any) -> str:
        speaker = str(q.speaker) if "speaker" in self._all.columns and not pd.isna(q.speaker) and str(q.speaker) else "—"
        cite = _citation_text(getattr(q, "citation_id", None), self._citations) or "no citation attached"
        period = str(getattr(q, "period", "")) if "period" in self._all.columns else ""
        fid = self._fid.plain(int(q.quote_id)) if self._fid is not None else ""
        return (f"#{q.quote_id} · {speaker} · {q.kind}{' · ' + period if period else ''} · ¶{q.para_start}\n"
                f"  “{_shorten(str(q.text), 160)}”\n  citation: {cite}" + (f"\n{fid}" if fid else ""))

    def _source_text(self, source_id: str) -> str:
        """The text of a source of the fidelity result (read once), for its passage beside a quotation."""
        if source_id not in self._source_texts:
            path = self._fid.sources.get(source_id) if self._fid is not None else None
            text = ""
            if path and os.path.isfile(path):
                from ..reading import read_text

                text = read_text(path)[0]
            self._source_texts[source_id] = text
        return self._source_texts[source_id]

    def _static_bundles(self) -> list[dict[str, str]]:
        shown = self.quotations.head(self.max_rows)
        more = len(self.quotations) - len(shown)
        more_text = (f"… {more} more; narrow the filters (speaker=, period=, kind=) or raise max_rows."
                     if more > 0 else "")
        cards = "".join(self._card(q) for q in shown.itertuples(index=False))
        note = self._empty_note()
        cards = cards or (f'<p style="{base.MUTED}">{base.esc(note)}</p>' if note else "")
        html_ = (f"<h4>Quotation browser</h4><p>{base.esc(self._plain())}</p><h5>By period and kind</h5>"
                 f"{base.frame_html(self.counts())}<h5>Quotations</h5>{cards}"
                 + (f'<p style="{base.MUTED}">{base.esc(more_text)}</p>' if more_text else "")
                 + base.static_note("quotation browser"))
        plain = (f"Quotation browser\n{self._plain()}\n\n{base.frame_text(self.counts())}\n\n"
                 + ("\n".join(self._card_plain(q) for q in shown.itertuples(index=False)) or note)
                 + (f"\n{more_text}" if more_text else ""))
        return [{"text/html": html_, "text/plain": plain}]

    # ------------------------------------------------------------ widgets
    def _options(self, values: list[str], counts: dict[str, int], everything: str, label=str):
        return [(f"{everything} ({sum(counts.values())})", base.ALL)] + [(f"{label(v)} ({counts.get(v, 0)})", v) for v in values]

    def _build_widgets(self) -> None:
        W = base.widgets()
        sp_counts = self._speakers.value_counts().to_dict()
        self._w_speaker = W.Dropdown(
            options=self._options(self.speakers, sp_counts, "All speakers", lambda s: s or _NO_SPEAKER_LABEL),
            value=base.ALL if self.speaker is None else self.speaker, description="Speaker")
        pe_counts = self._all["period"].astype("str").value_counts().to_dict() if self.periods else {}
        self._w_period = W.Dropdown(options=self._options(self.periods, pe_counts, "All periods"),
                                    value=base.ALL if self.period is None else self.period, description="Period")
        self._w_period.layout.display = None if self.periods else "none"
        ki_counts = self._all["kind"].astype("str").value_counts().to_dict()
        self._w_kind = W.Dropdown(options=self._options(self.kinds, ki_counts, "All kinds"),
                                  value=base.ALL if self.kind is None else self.kind, description="Kind")
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
        return None if v in (base.ALL, None) else str(v)

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
        self._w_status.value = f'<p class="textmine-summary" data-quotations="{len(q)}">{base.esc(self._plain())}</p>'
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
            self._w_card.value = f'<p style="{base.MUTED}">No quotation matches these filters.</p>'
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
    fidelity=None,
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
        A period of the document or a kind with no quotation gives an empty
        browser that says so (a document without quotations too).
    context : int
        Characters of context shown either side of a quotation, within its
        paragraph(s) (cut at a word boundary).
    max_rows : int
        Quotations shown in the static view (the first in reading order).
    fidelity : Fidelity, or a folder or paths of source texts, optional
        :func:`textmine.align_quotations` of *doc* (or the sources to align
        it against): each source quotation then shows its match type, pages
        and the source passage beside it, the differences marked (changed,
        added and omitted words in orange, elided source words in blue).
    interactive : bool or None
        Widgets or the static view; ``None`` detects (:func:`use_widgets`).

    Returns
    -------
    QuotationBrowser
        Displays itself; ``.quotations`` holds the filtered rows,
        ``.counts()`` their numbers by period and kind, ``.most_quoted`` the
        most quoted speaker (None if none is named).
    """
    func = "textmine.explore.quotations"
    base.check_doc(doc, func)
    context = base.check_int(context, func, "context", 0)
    max_rows = base.check_int(max_rows, func, "max_rows", 1)
    mode = base.use_widgets(interactive)
    doc, _ = base.with_periods(doc, periods, func)
    if fidelity is not None:
        from ..fidelity import Fidelity, align_quotations

        if not isinstance(fidelity, Fidelity):
            fidelity = align_quotations(doc, fidelity)
    browser_args = dict(context=context, max_rows=max_rows, fidelity=fidelity)
    probe = QuotationBrowser(doc, speaker=None, period=None, kind=None, interactive=False, **browser_args)
    speaker = base.check_choice(speaker, probe.speakers, func, "speaker", "a speaker of this document (\"\" = none named)")
    paras = doc.paragraphs
    doc_periods = base.period_order(paras["period"]) if "period" in paras.columns else []
    if period is not None and not doc_periods:
        raise InputError(f"{func}: period={period!r} but the document has no periods; pass periods=PATH.")
    # a period or kind the document has but no quotation of: an empty browser that says so, not an error
    period = base.check_choice(period, doc_periods, func, "period", "a period of this document")
    from ..density import KINDS

    kind = base.check_choice(kind, probe.kinds + [k for k in KINDS if k not in probe.kinds], func, "kind",
                             "a quotation kind")
    return QuotationBrowser(doc, speaker=speaker, period=period, kind=kind, interactive=mode, **browser_args)
