"""The orchestrator: :func:`find_quotations` runs the passes of :mod:`textmine.quotations` in order."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._frames import require_columns
from ..errors import InputError
from .context import build_context, read_contents, read_surroundings
from .kinds import apply_echoes, classify_kinds
from .links import citation_columns, find_in_citation, link_citations
from .marks import MarkIndex
from .pairing import body, find_spans, pair_inner, paragraph_list, quotes_from_spans, warn_all
from .record import Quotation, quotation_frame
from .speakers import carry_over, find_speakers, is_cued
from .styles import QuoteStyle, resolve_style
from .tags import find_speech_tags, group_parts

__all__ = ["find_quotations", "quotation_records"]

_FUNC = "textmine.quotations.find_quotations"


def _check(text, paragraphs, tokens, citations, min_words, func: str) -> None:
    if not isinstance(text, str):
        raise TypeError(f"{func}: text must be a str, got {type(text).__name__}.")
    require_columns(paragraphs, ["start", "end"], func=func, arg="paragraphs", hint="pass Document.paragraphs")
    require_columns(tokens, ["start", "end", "sent_id"], func=func, arg="tokens", hint="pass the base tokens of the Document")
    require_columns(citations, ["citation_id", "start", "end"], func=func, arg="citations", hint="pass textmine.citations.find_citations(...)")
    if not isinstance(min_words, (int, np.integer)) or isinstance(min_words, bool) or min_words < 1:
        raise InputError(f"{func}: min_words must be a positive int, got {min_words!r}.")


def _count_nested(quotes: list[Quotation], text: str, paras: list[tuple[int, int]], st: QuoteStyle) -> None:
    """``n_nested``: the nested quotations of each outer quotation (only those with an inner mark are read)."""
    index = MarkIndex(text, paras)
    candidates = [q for q in quotes if not q.secondary]
    if index.starts is not None and candidates:  # regular paragraphs: skip the quotations without inner marks
        inner = np.asarray(index.all(st.inner_open, st.inner_close), dtype=np.int64)
        lo = np.fromiter((q.start + 1 for q in candidates), dtype=np.int64, count=len(candidates))
        hi = np.fromiter((q.end - (1 if q.closed else 0) for q in candidates), dtype=np.int64, count=len(candidates))
        marked = (np.searchsorted(inner, hi) > np.searchsorted(inner, lo)) | (lo < 0)
        candidates = [q for q, m in zip(candidates, marked.tolist()) if m]
    for q in candidates:
        q.n_nested = sum(1 for m in pair_inner(text, q, paras, st, index) if m.role == "inner_open")


def quotation_records(text: str, paragraphs: pd.DataFrame, tokens: pd.DataFrame, citations: pd.DataFrame, *,
                      style: str = "auto", min_words: int = 6, spans: pd.DataFrame | None = None,
                      author: str | None = None, func: str = _FUNC) -> tuple[QuoteStyle, list[Quotation], np.ndarray]:
    """The passes of :func:`find_quotations`: the style, the :class:`~.record.Quotation` records, the citation ids.

    ``q.citation`` indexes the citation ids returned. The warnings of the
    span finder are given here (unless *spans* are reused).
    """
    _check(text, paragraphs, tokens, citations, min_words, func)
    paras = paragraph_list(text, paragraphs, func)
    if spans is None:  # marks, pairing, paragraph continuation
        st = resolve_style(body(text, paras), style, func)
        quotes, _, events = find_spans(text, paras, st, func)
        warn_all(text, func, events, stacklevel=4)
    else:
        st, quotes = quotes_from_spans(text, paras, spans, style, func)
    _count_nested(quotes, text, paras, st)
    if not quotes:
        return st, quotes, np.zeros(0, dtype=np.int64)
    cols = citation_columns(citations, func)
    ctx = build_context(text, paras, st, tokens, cols, quotes, author)
    read_contents(quotes, ctx, tokens)  # words and token counts
    read_surroundings(quotes, ctx)  # block quotations, what precedes each in its sentence
    find_speech_tags(quotes, text, ctx.cues, paras)
    link_citations(quotes, text, len(st.close), cols)
    find_in_citation(quotes, cols)  # titles in notes and references
    group_parts(quotes)  # part, speech tag, part
    classify_kinds(quotes, ctx.masked, min_words, cued=lambda q: is_cued(q, ctx))
    find_speakers(quotes, ctx)
    apply_echoes(quotes)  # a term repeating its neighbour's words is that source's quotation
    carry_over(quotes, ctx)  # along an Ibid. chain
    return st, quotes, cols.ids


def find_quotations(
    text: str,
    paragraphs: pd.DataFrame,
    tokens: pd.DataFrame,
    citations: pd.DataFrame,
    *,
    doc_id: str,
    style: str = "auto",
    min_words: int = 6,
    spans: pd.DataFrame | None = None,
    author: str | None = None,
) -> pd.DataFrame:
    """Find the quotations of a text, with kind, speaker, citation and group.

    Parameters
    ----------
    text : str
        ``Document.text``.
    paragraphs : DataFrame
        ``Document.paragraphs`` (``start, end``).
    tokens : DataFrame
        Base tokens (``start, end, sent_id, para_id, kind``); sentences are
        taken from their ``sent_id``.
    citations : DataFrame
        :func:`textmine.citations.find_citations` output (``citation_id,
        start, end, author``; ``refers_to`` and ``marker_start`` if present).
    doc_id : str
        Value of the ``doc_id`` column.
    style : str
        ``"auto"`` (detect per document) or one of :data:`STYLES`.
    min_words : int
        A quotation of at least this many words is a ``quotation`` even when
        nothing else marks it as one (see the module docs).
    spans : DataFrame, optional
        :func:`quotation_spans` of the same text and paragraphs, to reuse
        instead of finding the spans again (their ``style`` is used; a
        different explicit *style* is an error). The warnings about unclosed
        quotations are then those :func:`quotation_spans` gave.
    author : str, optional
        ``Document.meta["author"]``: who ``I`` is (``I wrote: “...”``,
        ``speaker_kind == "author"``), unless a transcript label names the turn.

    Returns
    -------
    DataFrame
        One row per quotation, sorted by ``start``:
        ``doc_id`` (categorical), ``quote_id`` (int32, dense, reading order),
        ``start, end`` (int32: opening mark to closing mark inclusive; to the
        paragraph end when unclosed), ``text`` (``text[start + 1:end - 1]``, or to ``end`` when
        unclosed: the words without the outer marks; a multi-paragraph
        quotation keeps its paragraph breaks and continuation marks),
        ``para_start, para_end`` (int32), ``n_tokens`` (tokens strictly
        inside the outer marks), ``kind`` (``quotation``/``term``/``title``),
        ``speaker`` (surname, empty when unknown), ``speaker_rule``,
        ``citation_id`` (Int32), ``group_id`` (int32), ``closed`` (bool), and
        ``n_words`` (non-punctuation tokens), ``n_nested`` (nested quotations),
        ``speaker_name`` (as written), ``speaker_kind`` (``person``, ``author``,
        ``organisation`` or ``periodical``: their ``speaker`` is the full name), ``style``.

    Warns
    -----
    UserWarning
        For a quotation that is never closed (it ends at the end of its
        paragraph) and for a closing mark with no opening mark, at most
        :data:`~textmine.quotations.pairing.MAX_WARNINGS` (100) per call and
        then one that counts the rest. Unbalanced marks never raise.

    Examples
    --------
    >>> import textmine as tm
    >>> doc = tm.parse("“We must advance,” Lenin explained. “Now.” (Works, p. 3).")
    >>> doc.quotations[["text", "speaker", "group_id", "citation_id"]]  # doctest: +SKIP
                   text speaker  group_id  citation_id
    0  We must advance,   Lenin         0         <NA>
    1              Now.   Lenin         0            0
    """
    st, quotes, ids = quotation_records(text, paragraphs, tokens, citations, style=style, min_words=min_words,
                                        spans=spans, author=author)
    return quotation_frame(quotes, doc_id, st.name, ids)
