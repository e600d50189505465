"""Paragraph layouts: how a text marks its paragraphs, detected per document.

Texts mark paragraphs in four common ways (the *layouts*, :data:`LAYOUTS`):

``"blank"``
    Paragraphs are separated by blank lines; a single line break does not
    split one (the rule of :func:`textmine.segment.paragraph_spans`, which
    this layout uses unchanged).
``"line"``
    One line per paragraph, no blank lines needed (many e-texts, exports and
    transcripts): every non-blank line is a paragraph.
``"wrapped"``
    Hard-wrapped lines (a paragraph runs over several lines cut at a fixed
    width). A wrapped line continues its paragraph; a blank line or an
    indented first line (a line indented more than the line before it and
    the next line of its block) starts one. In a text with no blank line in
    its body, a line that :data:`LINE_RULES` marks (a speaker label, a
    numbered note) or a heading (below) starts one too, and a line that ends
    a sentence and is shorter than :data:`WRAP_NEAR` times the wrap width
    ends its paragraph (the short last line of a paragraph). Where blank
    lines are there, they are the cue: the lines of a letter's heading or
    signature in one block stay one paragraph.
``"indented"``
    Indented first lines (hard-wrapped): a line indented more than the text's
    base indentation starts a paragraph, unless it continues an indented
    block (same indentation as the line before, which does not end a
    sentence); blank lines and :data:`LINE_RULES` lines start one too.

In every layout a paragraph is a run of lines: its span runs from the first
non-space character of its first line to the last non-space character of its
last line, so ``text[start:end]`` is exact and holds the line breaks between
its lines. Sentences are found inside paragraphs and never cross them.

Headings and speaker labels
---------------------------
In the ``indented`` layout, and the ``wrapped`` layout without blank lines,
:data:`LINE_RULES` mark lines that start a paragraph (a transcript's
speaker label ``Mr. GREER.``, ``The CHAIRMAN.``, ``Q.``; a numbered note
``12.`` or ``[12]``), and a *heading* line stands alone (the line after it
starts a paragraph too): a line of at most :data:`HEADING_MAX_CHARS`
characters and less than :data:`WRAP_NEAR` of the wrap width, starting
with a capital or a digit, not ending in sentence punctuation, after a
blank line or a line that ends a sentence. In the
``line`` layout every line is its own paragraph anyway.

Detection (``layout="auto"``)
-----------------------------
:func:`layout_stats` measures the body's non-blank lines: their number, the
blank-line breaks between them, the wrap width (the 90th percentile of line
lengths, indentation included), the share of lines at least
:data:`WRAP_NEAR` of that width, the share of lines that end a sentence
(``. ! ? … : ;`` before any closing quotes or brackets) and the share
indented more than the base (the most common indentation).
:func:`detect_layout` then decides:

1. fewer than two lines: ``blank``;
2. *wrapped* (at least :data:`WRAP_MIN_LINES` lines, a width of at most
   :data:`WRAP_MAX_WIDTH`, at least :data:`WRAP_SHARE` of the lines near it,
   at most :data:`WRAP_MAX_ENDS` of them ending a sentence): ``indented``
   when at least :data:`INDENT_SHARE` of the lines are indented, else
   ``wrapped``;
3. otherwise ``line`` when the blank-separated blocks hold on average at
   least :data:`LINE_MIN_PER_BLOCK` lines (blank lines are rare, so lines
   are the paragraphs), else ``blank`` (blank lines separate the
   paragraphs; a block of several lines, such as a list of notes, stays one
   paragraph, as before).

The detected (or given) layout is recorded in ``Document.meta["layout"]``
and in the ``layout`` column of ``Corpus.documents``; pass ``layout=`` to
:func:`textmine.load`, :func:`textmine.parse` or :func:`textmine.load_corpus`
to set it.

Linear time
-----------
The line table is computed with array operations over the text's code
points (no Python loop per character or per line); the rows of
:data:`LINE_RULES` are joined into one pattern anchored at line starts that
scans the text once (the rows cannot match a line break, so each match is
a row's match on one line; a test checks the scan against the rows). Every
pattern is anchored and bounded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ._chars import C_SPACE, F_DIG, F_UP, char_flags
from .errors import InputError

__all__ = [
    "LAYOUTS",
    "LINE_RULES",
    "LineRule",
    "WRAP_MAX_WIDTH",
    "WRAP_MIN_LINES",
    "WRAP_NEAR",
    "WRAP_SHARE",
    "WRAP_MAX_ENDS",
    "INDENT_SHARE",
    "LINE_MIN_PER_BLOCK",
    "HEADING_MAX_CHARS",
    "TAB_WIDTH",
    "BASE_SHARE",
    "as_layout",
    "line_table",
    "layout_stats",
    "detect_layout",
    "layout_spans",
]

#: The paragraph layouts (see the module docs); ``"auto"`` detects one.
LAYOUTS = ("blank", "line", "wrapped", "indented")

#: Widest wrap width (characters) of a hard-wrapped text.
WRAP_MAX_WIDTH = 120
#: Fewest non-blank lines for a text to count as hard-wrapped.
WRAP_MIN_LINES = 5
#: A line at least this share of the wrap width is a full (wrapped) line.
WRAP_NEAR = 0.75
#: Least share of full lines in a hard-wrapped text.
WRAP_SHARE = 0.5
#: Largest share of lines ending a sentence in a hard-wrapped text.
WRAP_MAX_ENDS = 0.5
#: Least share of indented lines for the ``indented`` layout.
INDENT_SHARE = 0.05
#: Least mean number of lines per blank-separated block for the ``line`` layout.
LINE_MIN_PER_BLOCK = 3.0
#: Longest heading line (characters) in the ``wrapped`` and ``indented`` layouts.
HEADING_MAX_CHARS = 80
#: The base indentation is the smallest one at least this share of the lines have.
BASE_SHARE = 0.1
#: Columns a tab counts for in indentation.
TAB_WIDTH = 4

_ENDS = frozenset(map(ord, ".!?\u2026:;"))
_CLOSERS = frozenset(map(ord, "\"'\u201d\u2019)]"))


@dataclass(frozen=True)
class LineRule:
    """A kind of line that starts a paragraph: a row of :data:`LINE_RULES`.

    ``pattern`` is matched at the line's first non-space character and
    must not match a line break (write ``[^\\S\\n]`` for a space);
    ``examples`` must match, ``counter_examples`` must not.
    """

    name: str
    pattern: re.Pattern
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...]


#: Lines that start a paragraph in the ``wrapped`` and ``indented`` layouts.
LINE_RULES: tuple[LineRule, ...] = (
    LineRule(
        "speaker label",
        re.compile(
            r"(?:(?:Mr|Mrs|Ms|Miss|Dr|Senator|Representative|Chairman|Judge|Justice|General|Colonel|Governor|Mayor"
            r"|Alderman|Councillor|Sir|Lord|Lady)\.?[^\S\n]+[A-Z][A-Z'\u2019-]+(?:[^\S\n]+of[^\S\n]+[A-Z][a-z]+)?"
            r"|The[^\S\n]+(?:CHAIRMAN|CHAIR|PRESIDENT|SPEAKER|CLERK|WITNESS|COURT|SECRETARY|MAYOR))[.:][^\S\n]"
            r"|(?:Q|A)\.[^\S\n]+[A-Z][a-z]"
        ),
        ("Mr. GREER. Thank you, Mr. Chairman.", "The CHAIRMAN. The committee will come to order.",
         "Senator HOLT of Idaho. I have a question.", "Q. Where were you that night?", "A. At home."),
        ("Mr. Greer said he would come.", "The Chairman spoke first.", "A. M. Lowe translated it.",
         "Mr. GREERSON was not there"),
    ),
    LineRule(
        "numbered note",
        re.compile(r"(?:\d{1,3}\.|\[\d{1,3}\])[^\S\n]+\S"),
        ("12. Harlow Courier, June 9, 1931, 4.", "[4] Minutes of the board, box 2."),
        ("1905, the year of the strike", "12 men were hired", "3.5 per cent of the vote"),
    ),
)


def as_layout(layout: str, *, func: str = "textmine.load") -> str:
    """*layout* checked: one of :data:`LAYOUTS` or ``"auto"``; :class:`InputError` otherwise."""
    if layout == "auto" or layout in LAYOUTS:
        return layout
    raise InputError(
        f"{func}: layout must be 'auto' or one of {list(LAYOUTS)}, got {layout!r} "
        "(see textmine.layout for what each means)."
    )


def _encoded(text):
    from .segment import EncodedText

    return text if isinstance(text, EncodedText) else EncodedText(text)


def line_table(text, start: int = 0) -> dict[str, np.ndarray]:
    """The non-blank lines of ``text[start:]`` as arrays (one row per line).

    Parameters
    ----------
    text : str or textmine.segment.EncodedText
    start : int
        Where the lines start (the body's start). When only whitespace
        comes before it on its line, that line's indentation counts.

    Returns
    -------
    dict of numpy arrays
        ``start, end``: the line without its surrounding whitespace;
        ``indent``: its indentation in columns (a tab counts
        :data:`TAB_WIDTH`); ``width``: indentation plus length; ``gap``: a
        blank line (or the start) comes before it; ``ends``: it ends a
        sentence (``. ! ? … : ;`` before at most three closing quotes or
        brackets).
    """
    enc = _encoded(text)
    cp = enc.codepoints()
    n = len(cp)
    nl = np.flatnonzero(cp[start:] == 10) + start
    ls = np.concatenate(([start], nl + 1)).astype(np.int64)
    le = np.concatenate((nl, [n])).astype(np.int64)
    solid = np.flatnonzero(enc.classes()[:n] != C_SPACE)
    k = np.searchsorted(solid, ls)
    first = solid[np.minimum(k, max(len(solid) - 1, 0))] if len(solid) else ls
    keep = (k < len(solid)) & (first < le) if len(solid) else np.zeros(len(ls), dtype=bool)
    index = np.flatnonzero(keep)
    s = first[keep].astype(np.int64)
    e = solid[np.searchsorted(solid, le[keep]) - 1].astype(np.int64) + 1 if len(s) else s.copy()
    line0 = enc.text.rfind("\n", 0, start) + 1  # the first line's indentation counts from its real start
    if line0 < start and not enc.text[line0:start].strip():
        ls[0] = line0
    tabs = np.concatenate(([0], np.cumsum(cp == 9, dtype=np.int64)))
    indent = (s - ls[keep]) + (TAB_WIDTH - 1) * (tabs[s] - tabs[ls[keep]])
    gap = np.ones(len(s), dtype=bool)
    gap[1:] = np.diff(index) > 1
    return {"start": s, "end": e, "indent": indent, "width": indent + (e - s), "gap": gap, "ends": _ends_sentence(cp, s, e)}


def _ends_sentence(cp: np.ndarray, s: np.ndarray, e: np.ndarray) -> np.ndarray:
    """Whether each line ``[s, e)`` ends in sentence punctuation before up to three closers."""
    pos = e - 1
    closers = np.fromiter(_CLOSERS, dtype=np.int64)
    for _ in range(3):
        back = np.isin(cp[pos], closers) & (pos > s)
        pos = pos - back
    return np.isin(cp[pos], np.fromiter(_ENDS, dtype=np.int64)) if len(pos) else np.zeros(0, dtype=bool)


def layout_stats(text, start: int = 0, *, lines: dict[str, np.ndarray] | None = None) -> dict[str, float]:
    """The line statistics :func:`detect_layout` decides on.

    Returns
    -------
    dict
        ``n_lines`` (non-blank lines), ``n_breaks`` (blank-line runs
        between them), ``lines_per_block`` (``n_lines / (n_breaks + 1)``),
        ``width`` (90th percentile of line widths), ``full_share`` (lines
        at least ``WRAP_NEAR * width`` wide), ``end_share`` (lines ending a
        sentence), ``base_indent`` (the smallest indentation of at least
        :data:`BASE_SHARE` of the lines) and ``indent_share`` (indented
        first lines: lines indented more than the base whose next line, in
        the same block, is at the base).
    """
    t = line_table(text, start) if lines is None else lines
    n = len(t["start"])
    if n == 0:
        return {"n_lines": 0, "n_breaks": 0, "lines_per_block": 0.0, "width": 0.0, "full_share": 0.0,
                "end_share": 0.0, "base_indent": 0, "indent_share": 0.0}
    breaks = int(t["gap"][1:].sum())
    width = float(np.quantile(t["width"], 0.9, method="lower"))
    counts = np.bincount(np.minimum(t["indent"], 64))
    base = int(np.flatnonzero(counts >= BASE_SHARE * n)[0]) if (counts >= BASE_SHARE * n).any() else int(t["indent"].min())
    return {
        "n_lines": n,
        "n_breaks": breaks,
        "lines_per_block": n / (breaks + 1),
        "width": width,
        "full_share": float(np.mean(t["width"] >= WRAP_NEAR * width)),
        "end_share": float(np.mean(t["ends"])),
        "base_indent": base,
        "indent_share": float(np.mean(_first_line_indents(t, base))),
    }


def _first_line_indents(t: dict[str, np.ndarray], base: int) -> np.ndarray:
    """Lines indented beyond *base* whose next line, in the same block, is at *base*."""
    ind = t["indent"]
    return (ind > base) & (_next(ind, -1) == base) & ~_next(t["gap"], True)


def _wrapped(stats: dict[str, float]) -> bool:
    return (
        stats["n_lines"] >= WRAP_MIN_LINES
        and stats["width"] <= WRAP_MAX_WIDTH
        and stats["full_share"] >= WRAP_SHARE
        and stats["end_share"] <= WRAP_MAX_ENDS
    )


def detect_layout(text, start: int = 0, *, stats: dict[str, float] | None = None) -> str:
    """The paragraph layout of ``text[start:]``: one of :data:`LAYOUTS` (rules in the module docs)."""
    stats = layout_stats(text, start) if stats is None else stats
    if stats["n_lines"] < 2:
        return "blank"
    if _wrapped(stats):
        return "indented" if stats["indent_share"] >= INDENT_SHARE else "wrapped"
    return "line" if stats["lines_per_block"] >= LINE_MIN_PER_BLOCK else "blank"


@lru_cache(maxsize=1)
def _rule_scan() -> re.Pattern:
    """Every row of :data:`LINE_RULES` in one pattern, anchored at line starts
    (the rows cannot match a line break, so a match is a row's match on its line)."""
    return re.compile(r"^[^\S\n]*(?:" + "|".join(f"(?:{r.pattern.pattern})" for r in LINE_RULES) + ")", re.MULTILINE)


def _rule_starts(text: str, t: dict[str, np.ndarray], start: int) -> np.ndarray:
    """Lines that a row of :data:`LINE_RULES` marks as starting a paragraph (one scan of the text, in C)."""
    out = np.zeros(len(t["start"]), dtype=bool)
    found = np.fromiter((m.start() for m in _rule_scan().finditer(text, start)), dtype=np.int64)
    lines = np.searchsorted(t["start"], found, side="left")
    out[lines[lines < len(out)]] = True
    return out


def _headings(cp: np.ndarray, t: dict[str, np.ndarray], width: float) -> np.ndarray:
    """Heading lines: short, capitalised, no sentence end, after a blank line or a sentence end."""
    s, ends, gap = t["start"], t["ends"], t["gap"]
    short = (t["width"] <= HEADING_MAX_CHARS) & (t["width"] < WRAP_NEAR * width) & ~ends
    prev_end = np.ones(len(s), dtype=bool)
    prev_end[1:] = ends[:-1]
    first = char_flags(cp[s]) if len(s) else np.zeros(0, dtype=np.uint16)
    return short & (gap | prev_end) & ((first & (F_UP | F_DIG)) != 0)


def _prev(x: np.ndarray, fill) -> np.ndarray:
    out = np.empty_like(x)
    out[:1] = fill
    out[1:] = x[:-1]
    return out


def _next(x: np.ndarray, fill) -> np.ndarray:
    out = np.empty_like(x)
    out[-1:] = fill
    out[:-1] = x[1:]
    return out


def _wrapped_starts(t: dict[str, np.ndarray], width: float) -> np.ndarray:
    """``wrapped``: blank lines and indented first lines; without blank lines, short sentence ends too."""
    ind, gap = t["indent"], t["gap"]
    same_block_next = ~_next(gap, True)
    starts = gap | ((ind > _prev(ind, 0)) & (ind > _next(ind, 0)) & same_block_next)
    if not gap[1:].any():
        short_end = t["ends"] & (t["width"] < WRAP_NEAR * width)
        starts |= _prev(short_end, False)
    return starts


def _indented_starts(t: dict[str, np.ndarray], base: int) -> np.ndarray:
    """``indented``: a line indented beyond *base* that does not continue an indented block."""
    ind = t["indent"]
    continues = (ind == _prev(ind, -1)) & ~_prev(t["ends"], True)
    return t["gap"] | ((ind > base) & ~continues)


def layout_spans(text, start: int = 0, layout: str = "auto") -> tuple[np.ndarray, str]:
    """Paragraph spans of ``text[start:]`` in *layout*, and the layout used.

    Parameters
    ----------
    text : str or textmine.segment.EncodedText
    start : int
        Where the body starts.
    layout : {"auto", "blank", "line", "wrapped", "indented"}
        ``"auto"`` detects (:func:`detect_layout`).

    Returns
    -------
    spans : ndarray
        ``(n, 2)`` int64 ``start, end`` of each paragraph, in reading order.
    layout : str
        The layout the spans follow.
    """
    layout = as_layout(layout, func="textmine.layout.layout_spans")
    enc = _encoded(text)
    t = line_table(enc, start)
    stats = layout_stats(enc, start, lines=t)
    if layout == "auto":
        layout = detect_layout(enc, start, stats=stats)
    if layout == "blank":
        from .segment import paragraph_array

        return paragraph_array(enc, start), layout
    return _group_lines(t, _line_starts(enc, t, layout, stats, start)), layout


def _line_starts(enc, t: dict[str, np.ndarray], layout: str, stats: dict[str, float], start: int) -> np.ndarray:
    """Which lines start a paragraph in *layout* (not ``blank``)."""
    n = len(t["start"])
    if layout == "line" or n == 0:
        return np.ones(n, dtype=bool)
    width = stats["width"]
    if layout == "wrapped":
        starts = _wrapped_starts(t, width)
        if t["gap"][1:].any():  # blank lines separate the paragraphs: they are the only cue besides indents
            starts[:1] = True
            return starts
    else:
        starts = _indented_starts(t, int(stats["base_indent"]))
    heads = _headings(enc.codepoints(), t, width)
    starts |= _rule_starts(enc.text, t, start) | heads | _prev(heads, False)
    starts[:1] = True
    return starts


def _group_lines(t: dict[str, np.ndarray], starts: np.ndarray) -> np.ndarray:
    """Paragraph spans from the lines that start them: first line's start to the last line's end."""
    first = np.flatnonzero(starts)
    if len(first) == 0:
        return np.zeros((0, 2), dtype=np.int64)
    last = np.concatenate((first[1:] - 1, [len(starts) - 1]))
    return np.stack((t["start"][first], t["end"][last]), axis=1).astype(np.int64)
