"""Findings written from the numbers: Markdown sentences built from the frames.

Each notebook ends with its findings. Every sentence here is generated from
the frames the notebook computed, so it is true for whatever text the suite
runs on, and it names only terms, speakers and periods found in those
frames (the text's own words, and the labels of the periods table). Nothing
in this module knows any particular text: interpretive commentary about the
shipped chapter lives in the notebooks, shown only when
:func:`textmine.example.is_example` says the text is that chapter.

Every function returns a Markdown string (a bulleted list); in a notebook,
``IPython.display.Markdown(tm.findings.terms_findings(...))`` renders it. A
finding that cannot be computed for a text (one period, no quotations, too
few paragraphs for a topic model) is replaced by a sentence saying what
the text lacks.

Conventions: counts with thousands separators (``2,327``); shares as
percentages with one decimal (``46.6%``); terms in italics; periods by
their labels.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .periods import UNASSIGNED

__all__ = [
    "corpus_findings",
    "periods_findings",
    "narrative_stretches",
    "terms_findings",
    "topics_findings",
    "quotations_findings",
    "fidelity_findings",
    "SMALL_PERIOD_WORDS",
]

#: A period with fewer words than this is "thin": its statistics rest on little text.
SMALL_PERIOD_WORDS = 500

_RULE_PHRASES = {
    "manual": "by hand (overrides)",
    "explicit": "by their own dates",
    "quotation-source": "as block quotations (by the passage introducing them)",
    "present": "at the time of writing (they speak of the present)",
    "inherited": "by inheritance from the paragraph before",
    "unassigned": "unassigned (no date and nothing to inherit)",
}


# ------------------------------------------------------------- formatting
def _n(x: Any) -> str:
    return f"{int(x):,}"


def _pct(x: float, digits: int = 1) -> str:
    return f"{100 * float(x):.{digits}f}%"


def _f(x: float, digits: int = 3) -> str:
    return f"{float(x):.{digits}f}"


def _and(items: Sequence[str]) -> str:
    items = list(items)
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def _it(term: Any) -> str:
    return f"*{term}*"


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{_n(n)} {one if int(n) == 1 else (many or one + 's')}"


def _paras(a: int, b: int) -> str:
    return f"paragraph {a}" if a == b else f"paragraphs {a}–{b}"


def _bullets(lines: Iterable[str]) -> str:
    return "\n".join(f"- {line}" for line in lines if line)


def _labels(summary: pd.DataFrame | None) -> dict[str, str]:
    if summary is None or "period" not in summary.columns:
        return {}
    names = summary["label"] if "label" in summary.columns else summary["period"]
    return dict(zip(summary["period"].astype(str), names.astype(str)))


def _words(summary: pd.DataFrame | None) -> dict[str, int]:
    if summary is None or "n_words" not in summary.columns:
        return {}
    return dict(zip(summary["period"].astype(str), summary["n_words"].astype(int)))


def _real_periods(summary: pd.DataFrame) -> pd.DataFrame:
    """Rows of the summary for periods that hold at least one paragraph (unassigned included)."""
    return summary[summary["n_paragraphs"] > 0]


# ----------------------------------------------------------------- corpus
def corpus_findings(doc, scores: pd.DataFrame | None = None) -> str:
    """What the text holds, and how far the extraction was measured to be right.

    Parameters
    ----------
    doc : Document
    scores : DataFrame, optional
        :func:`textmine.evaluate.summary` of the hand annotations; without
        it the findings say that accuracy on this text is not measured.
    """
    paras, q = doc.paragraphs, doc.quotations
    lines = []
    if len(paras):
        w = paras["n_words"]
        size = (f"of {_plural(w.iloc[0], 'word')}" if len(paras) == 1
                else f"({_n(w.min())} to {_n(w.max())} words, median {_n(w.median())})")
        lines.append(
            f"**The text.** {_plural(len(paras), 'body paragraph')} {size}, "
            f"{_plural(len(doc.sentences), 'sentence')} and {_plural(len(doc.tokens), 'token')}."
        )
    kinds = q["kind"].astype(str).value_counts() if len(q) else pd.Series(dtype="int64")
    parts = [f"{_n(kinds.get(k, 0))} {one if kinds.get(k, 0) == 1 else many}" for k, one, many in
             (("quotation", "from a source", "from a source"), ("term", "scare-quoted term", "scare-quoted terms"),
              ("title", "title", "titles")) if kinds.get(k, 0)]
    found = f"{_plural(len(q), 'quotation')}" + (f" ({_and(parts)})" if parts else "")
    lines.append(
        f"**Extracted.** {found}, {_plural(len(doc.citations), 'parenthetical citation')} and "
        f"{_plural(len(doc.dates), 'temporal reference')}."
    )
    if scores is None or not len(scores):
        lines.append(
            "**Accuracy not measured.** No hand annotations were given for this text, so how far the quotations, "
            "speakers, citations and dates above are right is unknown: read a sample of each table before "
            "trusting a finding built on it."
        )
        return _bullets(lines)
    s = scores.set_index(["task", "measure"])

    def get(task: str, measure: str):
        return s.loc[(task, measure)] if (task, measure) in s.index else None

    acc = []
    r = get("quotations", "span_f1_exact")
    if r is not None:
        acc.append(f"quotation spans F1 = {_f(r['value'])} (exact offsets, {_plural(r['n_gold'], 'annotated quotation')})")
    r = get("quotations", "speaker_accuracy")
    if r is not None:
        acc.append(f"speaker accuracy {_f(r['value'])} on the {_n(r['n_gold'])} quotations from a source")
    r = get("citations", "field_accuracy")
    if r is not None:
        acc.append(f"citation field accuracy {_f(r['value'])} ({_n(r['n_gold'])} fields)")
    r = get("citations", "ibid_resolution_accuracy")
    if r is not None:
        acc.append(f"`Ibid.` resolved {_n(r['n_match'])} of {_n(r['n_gold'])}")
    p, rc = get("dates_explicit", "span_precision_exact"), get("dates_explicit", "span_recall_exact")
    if p is not None and rc is not None:
        acc.append(f"explicit dates found with precision {_f(p['value'])} and recall {_f(rc['value'])}")
    r = get("dates_explicit", "year_accuracy")
    if r is not None:
        acc.append(f"{_n(r['n_match'])} of {_n(r['n_gold'])} explicit dates normalized to the annotated years")
    r = get("citation_dates", "n_citation_as_historical")
    if r is not None:
        acc.append(f"{_plural(r['value'], 'publication year')} counted as history")
    r = get("periods", "period_accuracy")
    if r is not None:
        acc.append(f"{_n(r['n_match'])} of the {_n(r['n_gold'])} unambiguous paragraphs ({_f(r['value'])}) placed in the annotated period")
    lines.append("**Against the hand annotations:** " + "; ".join(acc) + ".")
    return _bullets(lines)


# ---------------------------------------------------------------- periods
def narrative_stretches(paragraphs: pd.DataFrame, *, jump: int = 20) -> pd.DataFrame:
    """Stretches of the narrative between jumps in time.

    Paragraphs with a ``year_focus`` are read in order; a new stretch starts
    where ``year_focus`` moves by at least *jump* years from the paragraph
    before (forwards or back).

    Returns
    -------
    DataFrame
        ``stretch, para_start, para_end, year_first, year_last, year_min,
        year_max, n_paragraphs`` (one row per stretch, in reading order).
    """
    d = paragraphs[paragraphs["year_focus"].notna()].sort_values("para_id", kind="stable")
    cols = ["stretch", "para_start", "para_end", "year_first", "year_last", "year_min", "year_max", "n_paragraphs"]
    if d.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64") for c in cols})
    years = d["year_focus"].astype("int64").to_numpy()
    ids = d["para_id"].astype("int64").to_numpy()
    new = np.r_[True, np.abs(np.diff(years)) >= jump]
    stretch = np.cumsum(new) - 1
    rows = []
    for k in range(int(stretch[-1]) + 1):
        m = stretch == k
        y = years[m]
        rows.append((k, int(ids[m][0]), int(ids[m][-1]), int(y[0]), int(y[-1]), int(y.min()), int(y.max()), int(m.sum())))
    return pd.DataFrame(rows, columns=cols)


def _stretch_phrase(r) -> str:
    where = _paras(r.para_start, r.para_end)
    if r.year_min == r.year_max:
        return f"{where} at {r.year_min}"
    if r.year_first <= r.year_last:
        return f"{where} from {r.year_first} to {r.year_last}"
    return f"{where} from {r.year_first} back to {r.year_last}"


def periods_findings(
    doc,
    periods: pd.DataFrame,
    summary: pd.DataFrame,
    *,
    proposed: bool = False,
    jump: int = 20,
    max_stretches: int = 8,
) -> str:
    """How the text moves in time, how much text each period gets, how paragraphs were placed.

    Parameters
    ----------
    doc : Document
        After :func:`textmine.periods.assign_periods`.
    periods : DataFrame
        The periods table used (possibly empty: no dates).
    summary : DataFrame
        :func:`textmine.propose.period_summary`.
    proposed : bool
        The periods were proposed from the text (:func:`textmine.propose.propose_periods`).
    jump : int
        Years between consecutive paragraphs that start a new stretch
        (:func:`narrative_stretches`).
    """
    paras, dates = doc.paragraphs, doc.dates
    lines = []
    if proposed:
        lines.append(
            f"**Proposed periods.** No periods table was given, so the {_plural(len(periods), 'period')} "
            f"{'was' if len(periods) == 1 else 'were'} proposed from the text's own dates (`tm.propose_periods`; the method is in the table's `source` column). "
            "They follow the text's chronology, not a historian's periodization: pass a periods table for that."
            if len(periods) else
            "**No periods.** No periods table was given and the text has no dated reference outside citations "
            "and quotations, so no periods could be proposed: every paragraph is *unassigned*, and the by-period "
            "analyses treat the whole text as one group."
        )
    st = narrative_stretches(paras, jump=jump)
    if len(st) > 1:
        shown = [_stretch_phrase(r) for r in st.head(max_stretches).itertuples()]
        more = f"; and {len(st) - max_stretches} more" if len(st) > max_stretches else ""
        lines.append(
            f"**The narrative moves in {_plural(len(st) - 1, 'jump')}** (a move of {jump} years or more between "
            f"consecutive placed paragraphs): {'; '.join(shown)}{more}. The timeline shows them at a glance."
        )
    elif len(st) == 1:
        lines.append(f"**No jumps in time.** The placed paragraphs stay within one stretch: {_stretch_phrase(st.iloc[0])}.")
    else:
        lines.append("**No timeline.** No paragraph is placed at a year, so the narrative's movement in time cannot be drawn.")
    real = _real_periods(summary)
    named = real[real["period"] != UNASSIGNED]
    total_p = int(summary["n_paragraphs"].sum())
    if len(named) >= 2:
        big = named.sort_values(["n_words", "period"], ascending=[False, True], kind="stable")
        top = big.iloc[0]
        rest = [f"{r.label} {_pct(r.share_of_words)}" for r in big.iloc[1:3].itertuples()]
        thin = named[named["n_words"] < SMALL_PERIOD_WORDS]
        text = (f"**The periods are unequal.** The largest, {top.label}, holds {_n(top.n_paragraphs)} of the "
                f"{_n(total_p)} paragraphs and {_pct(top.share_of_words)} of the words; then {_and(rest)}.")
        if len(thin):
            text += (f" {_plural(len(thin), 'period has', 'periods have')} fewer than {_n(SMALL_PERIOD_WORDS)} words "
                     f"({_and([f'{r.label}: {_n(r.n_words)}' for r in thin.itertuples()])}): any by-period statistic "
                     "for them rests on very little text.")
        lines.append(text)
    elif len(named) == 1:
        r = named.iloc[0]
        lines.append(f"**One period.** Every placed paragraph is in {r.label} ({_n(r.n_words)} words): there are no "
                     "periods to compare, so the by-period comparisons of the next notebooks are skipped.")
    empty = summary[(summary["n_paragraphs"] == 0) & (summary["period"] != UNASSIGNED)]
    if len(empty):
        lines.append(f"**Empty periods.** No paragraph is placed in {_and(empty['label'].astype(str).tolist())}.")
    if "period_rule" in paras.columns and len(paras):
        rules = paras["period_rule"].astype(str).value_counts()
        parts = [f"{_n(rules[r])} {_RULE_PHRASES.get(r, r)}" for r in _RULE_PHRASES if rules.get(r, 0)]
        lines.append(f"**How paragraphs were placed.** {_and(parts)}.")
    if len(dates):
        kinds = dates["kind"].astype(str).value_counts()
        text = f"**Dates.** {_plural(len(dates), 'temporal reference')} found ({_and([f'{_n(v)} {k}' for k, v in kinds.items()])})"
        cited = dates[dates["in_citation"].fillna(False).astype(bool)]
        if len(cited):
            shown = _and([str(t) for t in cited["text"].astype(str).head(6)]) + (" …" if len(cited) > 6 else "")
            text += (f"; the {_n(len(cited))} inside citations ({shown}) place nothing" if len(cited) > 1
                     else f"; the one inside a citation ({shown}) places nothing")
        lines.append(text + ".")
    else:
        lines.append("**Dates.** The text has no temporal reference the date rules recognise.")
    return _bullets(lines)


# ------------------------------------------------------------------ terms
def _term_evidence(r, first: bool) -> str:
    if first:
        return f"{_it(r.term)} ({_n(r.n_target)} against {_n(r.n_reference)} in the {r.reference}, G² = {r.g2:.1f})"
    return f"{_it(r.term)} ({_n(r.n_target)} against {_n(r.n_reference)})"


def terms_findings(
    key: pd.DataFrame,
    odds: pd.DataFrame,
    summary: pd.DataFrame,
    *,
    voice_key: pd.DataFrame | None = None,
    collocations: pd.DataFrame | None = None,
    dispersion: pd.DataFrame | None = None,
    alpha: float = 0.05,
    n_terms: int = 5,
    max_periods: int = 4,
) -> str:
    """Key terms by period and by voice, collocations and dispersion, from their tables.

    Parameters
    ----------
    key : DataFrame
        :func:`textmine.terms.keyness` by period (each period against the rest).
    odds : DataFrame
        :func:`textmine.terms.log_odds` by period.
    summary : DataFrame
        :func:`textmine.propose.period_summary` (labels and words).
    voice_key : DataFrame, optional
        Keyness of quoted against author's words.
    collocations, dispersion : DataFrame, optional
        :func:`textmine.collocations.collocations`, :func:`textmine.dispersion.dispersion`.
    alpha : float
        A term is key when its ``p_g2`` is below *alpha* (and its G² positive).
    n_terms : int
        Terms named per period.
    max_periods : int
        Periods described, the largest first; thin periods are summarised.
    """
    labels, words = _labels(summary), _words(summary)
    lines = []
    periods = summary.loc[summary["n_paragraphs"] > 0, "period"].astype(str).tolist()
    if len(periods) < 2 or key is None or not len(key):
        lines.append("**Key terms by period:** not computed, because the text has fewer than two periods with "
                     "text in them: there is nothing to compare a period with.")
    else:
        big = sorted(periods, key=lambda p: (-words.get(p, 0), p))
        described = [p for p in big if words.get(p, 0) >= SMALL_PERIOD_WORDS][:max_periods]
        for p in described:
            k = key[(key["target"].astype(str) == p) & (key["g2"] > 0) & (key["p_g2"] < alpha)]
            k = k.sort_values(["g2", "term"], ascending=[False, True], kind="stable").head(n_terms)
            if k.empty:
                lines.append(f"**{labels.get(p, p)}** ({_n(words.get(p, 0))} words): no term is key at p < {alpha:g}.")
                continue
            ev = [_term_evidence(r, i == 0) for i, r in enumerate(k.itertuples())]
            lines.append(f"**{labels.get(p, p)}** ({_n(words.get(p, 0))} words) is marked by {_and(ev)}.")
        thin = [p for p in big if words.get(p, 0) < SMALL_PERIOD_WORDS]
        if thin and odds is not None and len(odds):
            o = odds[odds["target"].astype(str).isin(thin)]
            if len(o):
                best = o.sort_values(["zeta", "term"], ascending=[False, True], kind="stable").iloc[0]
                verdict = ("below the 1.96 of p < 0.05, so they are not findings" if best.zeta < 1.96
                           else "so some of them may be findings; check their counts")
                lines.append(
                    f"**Thin periods.** For the {_plural(len(thin), 'period')} with fewer than {_n(SMALL_PERIOD_WORDS)} "
                    f"words ({_and([labels.get(p, p) for p in thin])}), key terms rest on a few occurrences; the "
                    f"largest weighted log-odds z-score among them is {best.zeta:.2f} ({_it(best.term)} in "
                    f"{labels.get(str(best.target), str(best.target))}, p = {best.p_value:.2f}), {verdict}."
                )
    if voice_key is not None and len(voice_key):
        q = voice_key[(voice_key["g2"] > 0) & (voice_key["p_g2"] < alpha)].sort_values(["g2", "term"], ascending=[False, True], kind="stable")
        a = voice_key[(voice_key["g2"] < 0) & (voice_key["p_g2"] < alpha)].sort_values(["g2", "term"], ascending=[True, True], kind="stable")
        parts = []
        if len(q):
            qq = q.head(n_terms)
            parts.append(f"quoted words are marked by {_and([_it(t) for t in qq['term']])} "
                         f"(G² from {qq['g2'].iloc[0]:.1f} down to {qq['g2'].iloc[-1]:.1f})")
        if len(a):
            aa = a.head(n_terms)
            parts.append("the author's own words by " + _and(
                [f"{_it(r.term)} ({_n(r.n_reference)} against {_n(r.n_target)})" if i < 2 else _it(r.term)
                 for i, r in enumerate(aa.itertuples())]))
        if parts:
            lines.append("**Voices.** Against each other, " + "; ".join(parts) + ".")
        else:
            lines.append(f"**Voices.** No term separates quoted words from the author's at p < {alpha:g}.")
    elif voice_key is not None:
        lines.append("**Voices:** not compared, because the text has no quotation from a source (or no words outside one).")
    if collocations is not None and len(collocations):
        c = collocations.head(4)
        lines.append("**Fixed phrases.** The strongest collocations (G²) are "
                     + _and([f"{_it(r.collocation)} ({_n(r.n)})" for r in c.itertuples()]) + ".")
    elif collocations is not None:
        lines.append("**Fixed phrases:** no word pair occurs often enough to rank.")
    if dispersion is not None and len(dispersion.dropna(subset=["dp"])) >= 2:
        d = dispersion.dropna(subset=["dp"]).sort_values(["dp", "term"], kind="stable")
        lo, hi = d.iloc[0], d.iloc[-1]
        lines.append(f"**Dispersion.** Of the terms plotted, {_it(hi.term)} is the most concentrated (DP = {hi.dp:.2f}, "
                     f"in {_n(hi.range)} of {_n(hi.n_parts)} paragraphs) and {_it(lo.term)} the most evenly spread "
                     f"(DP = {lo.dp:.2f}, in {_n(lo.range)}).")
    return _bullets(lines)


# ----------------------------------------------------------------- topics
def topics_findings(
    selection: pd.DataFrame | None,
    k: int | None,
    model=None,
    prevalence: pd.DataFrame | None = None,
    summary: pd.DataFrame | None = None,
    *,
    stability: pd.DataFrame | None = None,
    comparison: pd.DataFrame | None = None,
    n_terms: int = 5,
) -> str:
    """The choice of k, the topics, their prevalence by period and their stability.

    Parameters
    ----------
    selection : DataFrame or None
        :func:`textmine.topics.select_k` (None: no model could be fitted).
    k : int or None
        The number of topics chosen.
    model : TopicModel, optional
    prevalence : DataFrame, optional
        ``model.prevalence("period")``.
    summary : DataFrame, optional
        :func:`textmine.propose.period_summary`.
    stability : DataFrame, optional
        Per-topic ``mean, min, max`` Jaccard overlap of refits (index = topic).
    comparison : DataFrame, optional
        ``model, mean_npmi`` for the models compared (first row: this one).
    """
    if selection is None or model is None or k is None:
        return _bullets(["**No topic model.** The text has too few paragraphs, or too few terms shared between "
                         "paragraphs, to fit one (see the note above)."])
    lines = []
    sel = selection.sort_values("k")
    best = sel.loc[sel["stability"].idxmax()]
    first, last = sel.iloc[0], sel.iloc[-1]
    trend = "rises" if last["npmi"] > first["npmi"] else "falls" if last["npmi"] < first["npmi"] else "stays level"
    lines.append(
        f"**Choosing k.** Coherence {trend} with *k* (NPMI {first['npmi']:.3f} at *k* = {int(first['k'])}, "
        f"{last['npmi']:.3f} at *k* = {int(last['k'])}); stability is highest at *k* = {int(best['k'])} "
        f"({best['stability']:.3f}" + (f" ± {best['stability_sd']:.3f}" if pd.notna(best.get("stability_sd")) else "")
        + f"). The model below has *k* = {k}"
        + (", the most stable." if int(best["k"]) == k else ".")
    )
    top = model.top_terms(n_terms)
    coh = model.coherence(10).set_index("topic")
    desc = []
    for t in sorted(top["topic"].unique()):
        terms = top[top["topic"] == t].sort_values("rank")["term"].tolist()
        desc.append(f"topic {t}: {', '.join(_it(x) for x in terms)} (NPMI {coh.loc[t, 'npmi']:.3f})")
    hi, lo = coh["npmi"].idxmax(), coh["npmi"].idxmin()
    lines.append(f"**{_plural(len(desc), 'topic')}.** " + "; ".join(d[0].upper() + d[1:] for d in desc)
                 + (f". Topic {hi} is the most coherent, topic {lo} the least." if hi != lo else "."))
    if prevalence is not None and len(prevalence) and summary is not None:
        labels, words = _labels(summary), _words(summary)
        groups = [g for g in pd.unique(prevalence["period"].astype(str))]
        if len(groups) >= 2:
            parts = []
            for g in groups:
                p = prevalence[prevalence["period"].astype(str) == g].sort_values(["prevalence", "topic"], ascending=[False, True])
                if p.empty or p["prevalence"].iloc[0] <= 0:
                    continue
                main = p.iloc[0]
                txt = f"{labels.get(g, g)}: topic {int(main.topic)} ({_pct(main.prevalence, 0)})"
                if len(p) > 1 and p["prevalence"].iloc[1] >= 0.25:
                    txt += f", topic {int(p.iloc[1].topic)} ({_pct(p.iloc[1].prevalence, 0)})"
                parts.append(txt)
            one = summary[(summary["n_paragraphs"] == 1) & (summary["period"] != UNASSIGNED)]
            text = "**By period** (largest topic shares): " + "; ".join(parts) + "."
            if len(one):
                text += (f" The {_n(len(one))} single-paragraph period{'s' if len(one) > 1 else ''} "
                         f"({_and(one['label'].astype(str).tolist())}) show{'' if len(one) > 1 else 's'} one paragraph's "
                         "mixture, not a trend.")
            lines.append(text)
        else:
            lines.append("**By period:** not compared, because the text has only one period with text in it.")
    if stability is not None and len(stability):
        lines.append(
            f"**Stability.** Refitted on random samples of the paragraphs, each topic keeps on average "
            f"{stability['mean'].min():.2f}–{stability['mean'].max():.2f} of its top ten terms (mean Jaccard), "
            f"and in the worst run a topic keeps {stability['min'].min():.2f}."
        )
    if comparison is not None and len(comparison) >= 2:
        a, b = comparison.iloc[0], comparison.iloc[1]
        lines.append(f"**Another model.** {b['model']} has a mean NPMI of {b['mean_npmi']:.3f} against "
                     f"{a['mean_npmi']:.3f} for {a['model']}.")
    return _bullets(lines)


# ------------------------------------------------------------- quotations
def quotations_findings(
    doc,
    density: pd.DataFrame,
    summary: pd.DataFrame,
    *,
    speakers: pd.DataFrame | None = None,
    n_periods: int = 3,
    n_speakers: int = 3,
) -> str:
    """How much of each period is quoted, who is quoted, and how quotations are documented.

    Parameters
    ----------
    doc : Document
        After :func:`textmine.periods.assign_periods`.
    density : DataFrame
        :func:`textmine.density.quotation_density` by period.
    summary : DataFrame
        :func:`textmine.propose.period_summary`.
    speakers : DataFrame, optional
        :func:`textmine.density.speaker_by_period`.
    """
    q, cit = doc.quotations, doc.citations
    labels = _labels(summary)
    lines = []
    if not len(q):
        lines.append("**No quotations.** The text has no quotation marks the quotation rules recognise, so there is "
                     "no quotation density, no speaker and no quotation–citation link to report.")
    else:
        d = density[density["n_words"] > 0].copy()
        d["period"] = d["period"].astype(str)
        ranked = d.sort_values(["quoted_share", "period"], ascending=[False, True], kind="stable")
        if len(d) >= 2:
            top = ranked.iloc[0]
            others = [f"{labels.get(r.period, r.period)} {_pct(r.quoted_share)}" for r in ranked.iloc[1:n_periods].itertuples()]
            text = (f"**Most quoted period.** {_pct(top.quoted_share)} of {labels.get(top.period, top.period)}'s words are "
                    f"inside quotation marks ({_pct(top.quotation_share)} in quotations from a source)")
            text += f"; then {_and(others)}." if others else "."
            none = d[d["n_quotations"] == 0]
            if len(none):
                scare = none[none["n_terms"] > 0]
                text += (f" {_and([labels.get(p, p) for p in none['period']])} quote{'s' if len(none) == 1 else ''} "
                         "no source" + (f"; {_and([labels.get(p, p) for p in scare['period']])} only scare-quote terms." if len(scare) else "."))
            lines.append(text)
        elif len(d) == 1:
            r = d.iloc[0]
            lines.append(f"**Quoted share.** {_pct(r.quoted_share)} of the words are inside quotation marks "
                         f"({_pct(r.quotation_share)} in quotations from a source); with one period there is no comparison by period.")
        if speakers is not None and len(speakers):
            pcol = speakers.columns[1]
            tot = speakers.groupby("speaker", sort=False)["n_tokens"].sum()
            tot = tot[tot > 0].sort_values(ascending=False, kind="stable").head(n_speakers)
            parts = []
            for name, n in tot.items():
                s = speakers[(speakers["speaker"] == name) & (speakers["n_tokens"] > 0)]
                where = [labels.get(str(p), str(p)) for p in s[pcol].astype(str)]
                if len(s) == 1:
                    parts.append(f"{name} {_n(n)} quoted words, all in {where[0]}")
                else:
                    parts.append(f"{name} {_n(n)} (" + ", ".join(f"{_n(v)} in {w}" for v, w in zip(s["n_tokens"], where)) + ")")
            if parts:
                lines.append(f"**Who is quoted.** {'; '.join(parts)}.")
            else:
                lines.append("**Who is quoted.** No quotation has a speaker the rules could name.")
        multi = int((q["para_end"] > q["para_start"]).sum()) if "para_end" in q.columns else 0
        if multi:
            lines.append(f"**Long quotations.** {_plural(multi, 'quotation runs', 'quotations run')} over several paragraphs.")
        src = q[q["kind"].astype(str) == "quotation"]
        if len(src):
            groups = src["group_id"].nunique() if "group_id" in src.columns else len(src)
            cited = src.dropna(subset=["citation_id"])
            lines.append(f"**Documented?** {_n(len(cited))} of the {_plural(len(src), 'source quotation')} "
                         f"({_n(groups)} after joining parts broken by a speech tag) carry a citation.")
    if len(cit):
        ibid = cit[cit["is_ibid"].fillna(False).astype(bool)] if "is_ibid" in cit.columns else cit.iloc[:0]
        resolved = ibid["refers_to"].notna().sum() if "refers_to" in ibid.columns else 0
        text = (f"**Citations.** {_plural(len(cit), 'citation')}: {_n(len(cit) - len(ibid))} full "
                f"reference{'s' if len(cit) - len(ibid) != 1 else ''} and {_n(len(ibid))} `Ibid.`")
        if len(ibid):
            text += f", of which {_n(resolved)} resolve{'s' if resolved == 1 else ''} to an earlier citation"
        lines.append(text + ".")
    else:
        lines.append("**Citations.** The text has no parenthetical citation.")
    return _bullets(lines)


# --------------------------------------------------------------- fidelity
_MATCH_PHRASES = {
    "exact": "exact",
    "typography": "exact up to typography",
    "elided": "elided",
    "altered": "altered",
    "not_found": "not found in the sources",
}


def _who(r) -> str:
    sp = r.speaker if isinstance(r.speaker, str) and r.speaker else None
    return f"quotation {int(r.quote_id)}" + (f" ({sp})" if sp else "")


def fidelity_findings(fidelity, *, by_period: pd.DataFrame | None = None, summary: pd.DataFrame | None = None,
                      n_listed: int = 5) -> str:
    """How faithfully the text quotes its sources: match types, changed words, pages.

    Parameters
    ----------
    fidelity : Fidelity or None
        :func:`textmine.fidelity.align_quotations` result (None: no sources were given).
    by_period : DataFrame, optional
        :func:`textmine.fidelity.fidelity_counts` by ``period``.
    summary : DataFrame, optional
        :func:`textmine.propose.period_summary`, for period labels.
    n_listed : int
        At most this many quotations are named in each list.
    """
    if fidelity is None:
        return _bullets(["**No sources.** No folder of source texts was given, so no quotation was checked."])
    q, d = fidelity.quotations, fidelity.differences
    if not len(q):
        return _bullets(["**No source quotations.** The text has no quotation of kind *quotation* to check against sources."])
    if not len(fidelity.sources):
        return _bullets(["**No sources.** No source text was given (or none holds any of the quoted words), so no "
                         "quotation could be checked."])
    counts = q["match"].astype(str).value_counts()
    parts = [f"{_n(counts.get(m, 0))} {phrase}" for m, phrase in _MATCH_PHRASES.items() if counts.get(m, 0)]
    lines = [f"**Match types.** Of {_plural(len(q), 'source quotation')} checked against "
             f"{_plural(len(fidelity.sources), 'source text')}: {_and(parts)}."]
    alt = q[q["match"].astype(str) == "altered"]
    if len(alt):
        items = []
        for r in alt.head(n_listed).itertuples():
            ch = d[(d["quote_id"] == r.quote_id) & d["op"].astype(str).isin(["changed", "added", "omitted"])]
            shown = "; ".join(
                f"*{x.quoted}* for *{x.source}*" if x.op == "changed" else
                (f"*{x.quoted}* added" if x.op == "added" else f"*{x.source}* left out")
                for x in ch.head(3).itertuples())
            items.append(f"{_who(r)}: {shown}" if shown else _who(r))
        lines.append(f"**Altered wording.** {'; '.join(items)}" + (" …" if len(alt) > n_listed else "") + ".")
    el = q[q["match"].astype(str) == "elided"]
    if len(el):
        joined = el[el["joined"]]
        text = (f"**Elisions.** {_plural(len(el), 'quotation')} leave{'s' if len(el) == 1 else ''} out "
                f"{_plural(int(el['elided_words'].sum()), 'source word')} behind ellipses")
        if len(joined):
            text += f"; {_and([_who(r) for r in joined.head(n_listed).itertuples()])} join{'s' if len(joined) == 1 else ''} separate passages"
        lines.append(text + ".")
    checked = q[q["page_agrees"].notna()]
    if len(checked):
        wrong = checked[~checked["page_agrees"].astype(bool)]
        text = f"**Pages.** {_n(len(checked) - len(wrong))} of the {_plural(len(checked), 'quotation')} whose cited page could be checked are on that page"
        if len(wrong):
            where = [f"{_who(r)}: cited p. {int(r.cited_page_start)}, found on p. {int(r.source_page_start)}"
                     for r in wrong.head(n_listed).itertuples()]
            text += f"; {'; '.join(where)}"
        lines.append(text + ".")
    else:
        lines.append("**Pages.** No quotation could be checked against a page (no cited pages, or no page markers in the sources).")
    missing = q[q["match"].astype(str) == "not_found"]
    if len(missing):
        lines.append(f"**Not found.** {_and([_who(r) for r in missing.head(n_listed).itertuples()])}"
                     + (" …" if len(missing) > n_listed else "") + ": no source holds these words.")
    if by_period is not None and len(by_period):
        labels = _labels(summary)
        pcol = by_period.columns[0]
        faithful = by_period[by_period["match"].astype(str).isin(["exact", "typography"])]
        per = faithful.groupby(pcol, observed=True, sort=False).agg(n=("n_quotations", "sum"), g=("n_group", "first"))
        per = per[per["g"] > 0]
        if len(per) >= 2:
            lines.append("**By period.** Quoted word for word (exact or up to typography): " + "; ".join(
                f"{labels.get(str(p), str(p))} {_n(r.n)} of {_n(r.g)}" for p, r in per.iterrows()) + ".")
    return _bullets(lines)
