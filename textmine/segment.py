"""Segmenting: paragraphs, sentences and tokens, each a tidy frame with offsets.

All offsets are half-open ``[start, end)`` indices into ``Document.text``, so
``text[start:end]`` equals the row's text in every frame.

Paragraphs
    Blocks separated by one or more blank lines (a line holding only
    whitespace counts as blank). A single line break does not split a
    paragraph. Paragraph spans are trimmed of surrounding whitespace.

Sentences (rule-based, never across paragraphs)
    A candidate boundary is a run of ``.``, ``!`` or ``?`` (an ellipsis
    ``....`` is one run), followed by any closing quotes or brackets, then
    whitespace, then an optional opening quote or bracket and an upper-case
    letter or a digit. A candidate is rejected when

    * it lies inside parentheses or square brackets (citations such as
      ``(Collected Works, vol. 31 [...], pp. 365-66)`` stay whole);
    * the run is a single ``.`` after a known abbreviation (:data:`ABBREVIATIONS`,
      case-insensitive: ``vol.``, ``pp.``, ``p.``, ``Ibid.``, ``Mr.``, ``Dr.``,
      ``St.``, ``e.g.``, ``i.e.``...) or after a single capital letter (an
      initial, as in ``V. I. Lenin``), or after dotted letters (``U.S.``).

    So ``...revolution.” Next`` splits after the closing quote, while
    ``...today” (Ibid., p. 3). Next`` splits after ``).``. Em-dashes never
    split.

Tokens ("minimal intervention")
    ``word``: letters/digits/underscore with internal apostrophes (``’`` or
    ``'``) and hyphens kept (``Lenin’s``, ``right-wing``); a token starting with
    a digit is a ``number`` (``1917``, ``1,000``, ``365-66``, ``1920s``);
    ``punct``: any other visible character, a run of the same character being
    one token (``....``, ``—``). One-letter words are kept. ``norm`` is the
    lower-cased token with ``’`` folded to ``'``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

__all__ = [
    "ABBREVIATIONS",
    "NUMERIC_ABBREVIATIONS",
    "paragraph_spans",
    "sentence_spans",
    "token_spans",
    "paragraph_frame",
    "sentence_frame",
    "token_frame",
]

#: Abbreviations after which a single period does not end a sentence
#: (lower-case, without the final period).
ABBREVIATIONS: frozenset[str] = frozenset(
    """
    mr mrs ms dr prof st mt rev gen col capt lt sgt gov sen rep jr sr hon
    vol vols p pp ed eds trans chap op cit loc ibid cf e.g i.e viz al ca
    approx esp vs n.d mss repr ser jan feb mar apr jun jul aug sep sept oct
    nov dec
    """.split()
)

#: Abbreviations that only hold before a number (``No. 5``, ``Fig. 2``), so
#: that ``I said no. Then`` still splits.
NUMERIC_ABBREVIATIONS: frozenset[str] = frozenset("no nos art sec ch fig n".split())

_PARA_SEP = re.compile(r"\n[ \t\f\v\u00a0\u2028\u2029]*\n")
_CANDIDATE = re.compile(
    r"(?P<stop>[.!?\u2026]+)[\"'\u201d\u2019)\]]*"
    r"(?=\s+[\"'\u201c\u2018(\[]?(?P<next>\w))"
)
_WORD_BEFORE = re.compile(r"(?:^|(?<=[\s(\[\"'\u201c\u2018\u2014-]))((?:\w+\.)*\w+)$")
_TOKEN = re.compile(
    r"\w+(?:(?:['\u2019\-\u2010\u2011]|(?<=\d)[.,:](?=\d))\w+)*"
    r"|(?P<p>[^\w\s])(?P=p)*"
)
_OPEN = "([\u2018\u201c"
_CLOSE = ")]"


def paragraph_spans(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Trimmed ``(start, end)`` spans of blank-line separated blocks after *start*."""
    out: list[tuple[int, int]] = []
    pos = start
    for m in _PARA_SEP.finditer(text, start):
        _append_trimmed(text, pos, m.start(), out)
        pos = m.end()
    _append_trimmed(text, pos, len(text), out)
    return out


def _append_trimmed(text: str, s: int, e: int, out: list[tuple[int, int]]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append((s, e))


def _depth_before(text: str, s: int, e: int) -> np.ndarray:
    """Bracket depth at each offset of text[s:e] (cumulative opens minus closes)."""
    seg = np.frombuffer(text[s:e].encode("utf-32-le"), dtype=np.uint32)
    opens = (seg == ord("(")) | (seg == ord("["))
    closes = (seg == ord(")")) | (seg == ord("]"))
    return np.cumsum(opens.astype(np.int32) - closes.astype(np.int32))


def sentence_spans(
    text: str,
    paragraphs: Iterable[tuple[int, int]],
    *,
    abbreviations: Iterable[str] | None = None,
) -> list[tuple[int, int, int]]:
    """``(start, end, para_index)`` of every sentence, in reading order."""
    abbrev = ABBREVIATIONS if abbreviations is None else frozenset(a.lower().rstrip(".") for a in abbreviations)
    out: list[tuple[int, int, int]] = []
    for pi, (ps, pe) in enumerate(paragraphs):
        depth = None
        sent_start = ps
        for m in _CANDIDATE.finditer(text, ps, pe):
            nxt = m.group("next")
            if not (nxt.isupper() or nxt.isdigit()):
                continue
            if depth is None:
                depth = _depth_before(text, ps, pe)
            if depth[m.start() - ps] > 0 and depth[m.end() - 1 - ps] > 0:
                continue
            if m.group("stop") == ".":
                w = _WORD_BEFORE.search(text, max(ps, m.start() - 40), m.start())
                if w:
                    word = w.group(1)
                    low = word.lower()
                    if (low in NUMERIC_ABBREVIATIONS and nxt.isdigit()) or low in abbrev or (len(word) == 1 and word.isupper()) or ("." in word and len(word) <= 8):
                        continue
            end = m.end()
            _append_sentence(text, sent_start, end, pi, out)
            sent_start = end
        _append_sentence(text, sent_start, pe, pi, out)
    return out


def _append_sentence(text: str, s: int, e: int, pi: int, out: list) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append((s, e, pi))


def token_spans(text: str, start: int = 0, end: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Start and end offsets (int64 arrays) of the tokens of ``text[start:end]``."""
    end = len(text) if end is None else end
    spans = [m.span() for m in _TOKEN.finditer(text, start, end)]
    if not spans:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    arr = np.asarray(spans, dtype=np.int64)
    return arr[:, 0].copy(), arr[:, 1].copy()


def _str(values) -> pd.Series:
    return pd.Series(values, dtype="str")


def paragraph_frame(text: str, spans: list[tuple[int, int]], *, doc_id: str) -> pd.DataFrame:
    """Frame of paragraphs; ``n_sentences``/``n_tokens`` are filled by the Document."""
    starts = np.fromiter((s for s, _ in spans), dtype=np.int64, count=len(spans))
    ends = np.fromiter((e for _, e in spans), dtype=np.int64, count=len(spans))
    return pd.DataFrame(
        {
            "doc_id": _str([doc_id] * len(spans)),
            "para_id": np.arange(len(spans), dtype=np.int64),
            "start": starts,
            "end": ends,
            "text": _str([text[s:e] for s, e in spans]),
        }
    )


def sentence_frame(text: str, spans: list[tuple[int, int, int]], *, doc_id: str) -> pd.DataFrame:
    """Frame of sentences with ``doc_id, para_id, sent_id, start, end, text``."""
    n = len(spans)
    arr = np.asarray(spans, dtype=np.int64).reshape(n, 3)
    return pd.DataFrame(
        {
            "doc_id": _str([doc_id] * n),
            "para_id": arr[:, 2],
            "sent_id": np.arange(n, dtype=np.int64),
            "start": arr[:, 0],
            "end": arr[:, 1],
            "text": _str([text[s:e] for s, e, _ in spans]),
        }
    )


def token_frame(
    text: str,
    sentences: pd.DataFrame,
    *,
    doc_id: str,
    stop_words: frozenset[str],
) -> pd.DataFrame:
    """Frame of tokens, each inside its sentence.

    Columns: ``doc_id, token_id, para_id, sent_id, start, end, token, norm,
    kind, is_stop``.
    """
    starts_l, ends_l = [], []
    for s, e in zip(sentences["start"].to_numpy(), sentences["end"].to_numpy()):
        ts, te = token_spans(text, int(s), int(e))
        starts_l.append(ts)
        ends_l.append(te)
    starts = np.concatenate(starts_l) if starts_l else np.zeros(0, dtype=np.int64)
    ends = np.concatenate(ends_l) if ends_l else np.zeros(0, dtype=np.int64)
    counts = np.fromiter((len(a) for a in starts_l), dtype=np.int64, count=len(starts_l))
    sent_ids = np.repeat(sentences["sent_id"].to_numpy(), counts)
    para_ids = np.repeat(sentences["para_id"].to_numpy(), counts)
    token = _str([text[s:e] for s, e in zip(starts.tolist(), ends.tolist())])
    norm = token.str.lower().str.replace("\u2019", "'", regex=False)
    first = token.str.slice(0, 1)
    kind = np.where(first.str.isdigit(), "number", np.where(first.str.match(r"\w"), "word", "punct"))
    return pd.DataFrame(
        {
            "doc_id": _str([doc_id] * len(starts)),
            "token_id": np.arange(len(starts), dtype=np.int64),
            "para_id": para_ids,
            "sent_id": sent_ids,
            "start": starts,
            "end": ends,
            "token": token,
            "norm": norm,
            "kind": pd.Categorical(kind, categories=["word", "number", "punct"]),
            "is_stop": norm.isin(stop_words).to_numpy(),
        }
    )
