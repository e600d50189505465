"""Quotations: spans, kinds, speakers, citations and groups.

:func:`find_quotations` finds every quotation of a text as a careful reader
would; :func:`quotation_spans` gives only where they are (the same spans,
without kinds, speakers or citations); :func:`quote_marks` shows how each quote mark was read, and
:func:`detect_quote_style` which convention a text follows.

Quote styles
------------
``style`` names the outer and inner marks:

=================== ============ ============
style               outer        inner
=================== ============ ============
``double``          “ ... ”      ‘ ... ’
``single``          ‘ ... ’      “ ... ”   (British)
``straight``        " ... "      ' ... '   (plain-text e-books)
``straight_single`` ' ... '      " ... "
``guillemets``      « ... »      ‹ ... ›
=================== ============ ============

``style="auto"`` (default) picks, per document: guillemets if any ``«``;
else curly marks if any, ``single`` when opening ``‘`` outnumber opening
``“`` (otherwise ``double``; on a tie, whichever opens first); else
straight marks, ``straight_single`` when opening-position ``'`` outnumber
``"`` (otherwise ``straight``). The detected style is in the ``style``
column.

Reading the marks
-----------------
* An apostrophe-like mark (``’`` or ``'``) between two letters or digits is an
  apostrophe (``Lenin’s``); one before a digit after a space is an elision
  (``’90s``).
* Where opening and closing marks are the same character (straight quotes),
  a mark after a space or an opening bracket/dash and before a non-space can
  open; a mark after a non-space and before a space, punctuation or the end
  can close.
* An open quotation closes at the first closing candidate before the next
  mark that can only open. A closing ``’``/``'`` after a letter and before a
  lower-case word is weak (it may be a possessive: ``workers’ state``): a
  strong candidate is preferred, then a weak one not after ``s``, then one
  after ``s`` (``cells’ secretaries``).
* A paragraph that ends inside a quotation continues it when the next
  paragraph begins with an opening mark (the multi-paragraph convention);
  otherwise the quotation is unclosed (``closed == False``): it ends at the
  end of its paragraph (or before the next opening mark in the same
  paragraph) and a warning is issued. Unbalanced marks never raise.
* Inner marks inside a quotation are nested quotations; they are not rows
  (see :func:`quote_marks`, ``role == "inner_open"``/``"inner_close"``).
* Inner marks *outside* every quotation are read as quotations too, when
  they pair up within a paragraph (texts that mix conventions, e.g. ‘...’
  for terms and “...” for a letter); an unpaired one there is an apostrophe
  or stray mark, never an unclosed quotation.

Kinds (first rule that applies)
-------------------------------
1. ``title``: the quotation sits inside the author's sentence (not after
   ``:``, not paragraph-initial, no citation, no speech tag) and either
   follows a title cue word (``entitled``, ``titled``, ``article``,
   ``essay``, ``pamphlet``, ``speech``, ``report``, ``book``...) or is in
   Title Case with at least four words (every word but short function words
   capitalized). Shorter Title Case names (‘New Economic Policy’, “Third
   Period”) stay terms.
2. ``quotation``: a citation follows it; or a speech tag follows it or it is
   part of a group; or it is a block quotation (it opens its paragraph and
   runs to its end, a citation aside, or over several paragraphs); or it is
   introduced by ``:`` and has three or more words or a capital first word
   (so the list in ``two words: “peace” and “bread”`` stays terms), or by
   ``,`` after a speech verb; or it has at least ``min_words`` words
   (default 6).
3. ``quotation`` (rule ``echo``): a phrase of two or more words found verbatim
   in the neighbouring source quotation (the previous or next one, within one
   paragraph), i.e. the author borrowing the source's own words.
4. ``term`` otherwise: a short quoted word or phrase inside the author's
   sentence (a scare quote or a named concept).

Speakers (``speaker_rule``; first that applies, for ``quotation`` only)
-----------------------------------------------------------------------
A cue is a person name (capitalized words, not after ``the``/``a``; surname
kept) followed by an optional appositive (``, who was then ...,``), up to
three adverbs and a verb: a speech verb (``said``, ``wrote``, ``explained``,
``stressed``...) scores 3, another past-tense verb (``-ed`` or a common
irregular form) scores 2; ``according to NAME`` scores 4; ``said NAME``
scores 3; ``he``/``she`` + verb is resolved to the nearest earlier named
subject (within the paragraph and the two before it; ``Mr.`` is never
``she``, ``Mrs.``/``Ms.``/``Miss`` never ``he``). Text inside quotations and
citations is never searched. In a window, ``according to X`` wins, otherwise
the cue nearest the quotation (scores 2 and 3 alike; score 1, a name before
``was``/``had``..., only resolves pronouns). A window whose only speech verb
has no named subject (``As one pamphleteer wrote:``, ``“...,” cried his
wife``) names an unknown speaker: the search stops there.

* ``speech_tag``: a tag right after the quotation (``“...,” Lenin
  explained.``, ``“...,” said Smith``), also for the parts it joins
  (``“...,” according to Smith.`` gives ``according_to``);
* ``same_sentence``: a cue in the quotation's sentence, before it;
* ``according_to``: ``According to X`` in the same or a preceding sentence;
* ``previous_sentence``: a cue in one of the two preceding sentences of the
  paragraph;
* ``previous_paragraph``: for a quotation opening its paragraph, a cue in the
  last two sentences of the previous paragraph (``As Leon Trotsky ...
  wrote ...:``);
* ``citation_author``: the author (surname) of the attached citation;
* ``previous_part``: a later part of a group without its own tag;
* ``echo``: the speaker of the quotation whose words are echoed;
* ``carried_over``: the speaker of the previous quotation documented by the
  same source (an Ibid. chain), in the same or the next paragraph.

Citations and groups
--------------------
``citation_id`` is the citation that starts at most 4 characters after the
closing mark, or after the speech tag that follows it, with only spaces and
punctuation between (``...world” (Ibid.).``, ``...world.” (Ibid.)``,
``...,” the chairman wrote (Letter of ...)``); or that ends the quotation
inside its closing mark (``...world (Ibid.).”``); or the note whose marker
directly follows it (``...world.”[3]``). Two quotations of one paragraph
separated only by a speech tag share ``group_id`` (the first part's
``quote_id``), unless the second part has its own tag naming someone else
(dialogue). A speech tag is 2 to 8 words right after the closing mark with a
speech verb (or ``according to``) and no ``that``/``whether``; after a
quotation ending in ``.`` the next words start a new sentence, not a tag.

Known limits
------------
Block quotations set off only by indentation (no marks) are not found. Names
are recognised by capitalization, so a capitalized common noun or place
followed by a past-tense verb can pass for a person, and pronouns are
resolved by position (and ``Mr.``/``Mrs.``), not by meaning. Short quoted
words are terms unless a citation, speech tag, colon or echo marks them as
someone's words; a scare quote with a citation attached counts as a
quotation.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .errors import ColumnError, InputError, TextmineWarning
from .spans import ID_DTYPE, doc_id_column, ids, nullable_ids
from .stopwords import ENGLISH_STOP_WORDS

__all__ = [
    "find_quotations",
    "quotation_spans",
    "quote_marks",
    "detect_quote_style",
    "QuoteStyle",
    "STYLES",
    "SPEECH_VERBS",
    "QUOTATION_COLUMNS",
    "SPAN_COLUMNS",
]

#: Output columns of :func:`find_quotations`, in order.
QUOTATION_COLUMNS = [
    "doc_id", "quote_id", "start", "end", "text", "para_start", "para_end", "n_tokens",
    "kind", "speaker", "speaker_rule", "citation_id", "group_id", "closed",
    "n_words", "n_nested", "speaker_name", "style",
]


@dataclass(frozen=True)
class QuoteStyle:
    """Outer and inner quote marks of a quoting convention."""

    name: str
    open: str
    close: str
    inner_open: str
    inner_close: str


#: The conventions :func:`find_quotations` knows.
STYLES: dict[str, QuoteStyle] = {
    "double": QuoteStyle("double", "\u201c", "\u201d", "\u2018", "\u2019"),
    "single": QuoteStyle("single", "\u2018", "\u2019", "\u201c", "\u201d"),
    "straight": QuoteStyle("straight", '"', '"', "'", "'"),
    "straight_single": QuoteStyle("straight_single", "'", "'", '"', '"'),
    "guillemets": QuoteStyle("guillemets", "\u00ab", "\u00bb", "\u2039", "\u203a"),
}

_SPEECH_BASE = """
say write explain state declare note observe remark add ask reply answer insist argue
claim stress emphasize emphasise warn recall conclude continue tell comment exclaim cry
shout announce proclaim maintain assert urge admit concede acknowledge complain protest
point remind suggest speak testify affirm contend report respond retort mutter whisper
sound summarize summarise describe characterize characterise predict advise demand assure
confess reason recount remember repeat reiterate formulate put declare begin go
object counter caution plead inform thunder scoff sneer concur agree call dub label brand
return rejoin murmur sigh interrupt resume venture gasp groan snap
""".split()
_SPEECH_IRREGULAR = "said says wrote written writes told tells spoke speaks began begins put puts went goes cried cries replied replies".split()


def _forms(base: str) -> set[str]:
    out = {base}
    if base.endswith("e"):
        out |= {base + "s", base + "d", base[:-1] + "ing"}
    elif base.endswith("y") and base[-2:-1] not in "aeiou":
        out |= {base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    else:
        out |= {base + "s", base + "ed", base + "ing", base + "es"}
    return out


#: Speech verbs (all forms) that make a speech tag or a strong cue.
SPEECH_VERBS: frozenset[str] = frozenset(set(_SPEECH_IRREGULAR).union(*(_forms(b) for b in _SPEECH_BASE)))
_IRREGULAR_PAST = frozenset(
    """wrote said spoke told sought gave made took saw thought held put went came began became
    knew felt found left meant brought stood kept led won fought taught drew chose rose sent
    set struck tried got paid laid lost heard read ran sat understood wrote""".split()
)
_ADVERBS = frozenset(
    """once again later then also had has have was still even already never always soon often
    would could himself herself subsequently further first finally famously thus too
    publicly privately bluntly""".split()
)
_MONTHS = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday""".split()
)
_NOT_NAME = ENGLISH_STOP_WORDS | _MONTHS | frozenset(
    """according however although though yet also mr mrs ms miss lady madame mme dr prof comrade thus hence indeed
    moreover furthermore nevertheless meanwhile instead despite whereas like unlike
    although""".split()
)
_TITLE_CUES = frozenset(
    """entitled titled article essay pamphlet speech report book poem chapter lecture address
    headline editorial resolution manifesto novel play song column letter thesis theses
    paper""".split()
)
_FUNCTION = frozenset("a an the and or nor but of in on at to for by with from as vs via into upon per".split())

_WORD = re.compile(r"[^\W_]+(?:[\u2019'\-][^\W_]+)*")
_CAP = r"[A-Z\u00C0-\u00DE][a-z\u00DF-\u00FF][\w\u2019'\-]*"
_INIT = r"[A-Z]\."
_PARTICLE = r"(?:de|da|di|du|van|von|der|den|la|le|ter|bin|ibn)"
_HONORIFIC = r"(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Capt|Sen|Rev|St)\."
_NAME_RUN = re.compile(
    rf"(?<![\w\u2019'\-])(?:{_HONORIFIC}\s+)?(?:{_INIT}\s*)*{_CAP}(?:\s+(?:(?:{_INIT}\s*)+|{_PARTICLE}\s+)?{_CAP})*"
)
_ACCORDING = re.compile(r"\baccording\s+to\s+", re.I)
_PRONOUN = re.compile(r"(?<![\w\u2019'])(?:he|she|He|She)(?![\w\u2019'])")
# The same matches as _PRONOUN, found faster: the check on the preceding
# character follows the first letter (then known), so the scan can skip to
# the letters h, H, s, S.
_PRONOUN_FAST = re.compile(r"[hHsS](?<![\w\u2019'][hHsS])(?:(?<=[hH])e|(?<=[sS])he)(?![\w\u2019'])")
# Where a _NAME_RUN match can start: every alternative begins with a capital.
_NAME_START = re.compile(r"[A-Z\u00C0-\u00DE](?<![\w\u2019'\-][A-Z\u00C0-\u00DE])")
_FEMALE = frozenset("Mrs. Ms. Miss Lady Madame Mme.".split())
_COPULA = frozenset("was were is are had has have would could will".split())
_RELATIVE = frozenset("which that whom whose where whereby".split())
_MASK = "\u2592"  # text inside quotations and citations is replaced by this before cue search


# ------------------------------------------------------------------ style
def _apostrophe_like(ch: str) -> bool:
    return ch in "\u2019'"


def _open_positions(text: str, ch: str) -> int:
    """Occurrences of *ch* in an opening position (start/space/bracket before, letter after)."""
    n = 0
    for i in _find_all(text, ch):
        prev = text[i - 1] if i > 0 else " "
        nxt = text[i + 1] if i + 1 < len(text) else " "
        if (prev.isspace() or prev in "([{\u2014\u2013-\u201c\u2018\"'") and (nxt.isalnum() or nxt in "\u201c\u2018\"'"):
            n += 1
    return n


def detect_quote_style(text: str) -> str:
    """Name of the quoting convention *text* follows (see the module docs).

    Examples
    --------
    >>> detect_quote_style("He said ‘no’ and left.")
    'single'
    >>> detect_quote_style('He said "no" and left.')
    'straight'
    """
    if not isinstance(text, str):
        raise TypeError(f"textmine.quotations.detect_quote_style: text must be a str, got {type(text).__name__}.")
    if "\u00ab" in text:
        return "guillemets"
    n_dq = text.count("\u201c") + text.count("\u201d")
    n_sq_open = _open_positions(text, "\u2018")
    if n_dq or n_sq_open:
        n_dq_open = _open_positions(text, "\u201c")
        if n_sq_open == n_dq_open:  # a tie: the convention that opens first is the outer one
            return "single" if 0 <= text.find("\u2018") < (text.find("\u201c") % (len(text) + 1)) else "double"
        return "single" if n_sq_open > n_dq_open else "double"
    if '"' in text or "'" in text:
        return "straight_single" if _open_positions(text, "'") > _open_positions(text, '"') else "straight"
    return "double"


# ------------------------------------------------------------------ marks
@dataclass
class _Mark:
    pos: int
    can_open: bool
    can_close: bool
    weak: int  # 0 strong, 1 weak (letter + mark + lower-case word), 2 weak after "s"
    role: str = ""


def _classify(text: str, i: int, open_ch: str, close_ch: str, lo: int, hi: int) -> _Mark | None:
    ch = text[i]
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    if _apostrophe_like(ch) or ch == "\u2018":
        if (prev.isalnum() and nxt.isalnum()) or ((prev.isspace() or i == lo) and nxt.isdigit()):
            return None  # apostrophe or elision (’90s, also typed ‘90s)
    weak = 0
    if _apostrophe_like(ch) and prev.isalpha():
        j = i + 1
        while j < hi and text[j] in " \t":
            j += 1
        if j > i + 1 and j < hi and text[j].islower():
            weak = 2 if prev in "sS" else 1
    if open_ch != close_ch:
        if ch == open_ch:
            return _Mark(i, True, False, 0)
        return _Mark(i, False, True, weak)
    left = i == lo or prev.isspace() or prev in "([{\u2014\u2013-/\u201c\u2018\u00ab\"'"
    right = i + 1 >= hi or nxt.isspace() or nxt in ".,;:!?)]}\u2014\u2013-\u2026\u201d\u2019\u00bb\"'"
    can_open = left and not nxt.isspace()
    can_close = right and not prev.isspace() and i > lo
    if not can_open and not can_close:
        if prev.isalnum() and nxt.isalnum():
            return None
        can_open, can_close = not prev.isalnum(), prev.isalnum()
    return _Mark(i, can_open, can_close, weak)


_MARK_RX: dict[str, re.Pattern] = {}


def _find_all(text: str, ch: str) -> list[int]:
    """Offsets of every *ch* in *text* (``str.find`` skips ahead faster than a regex)."""
    out = []
    i = text.find(ch)
    while i >= 0:
        out.append(i)
        i = text.find(ch, i + 1)
    return out


class _MarkIndex:
    """Offsets of the quote characters of one text, found once per pair of marks.

    With *paras*, also whether the paragraphs are in order and within the
    text (``0 <= start <= end <= next start``, ``end <= len(text)``), as a
    Document's are: then a paragraph without marks can be skipped.
    """

    def __init__(self, text: str, paras: list[tuple[int, int]] | None = None):
        self.text = text
        self.positions: dict[str, list[int]] = {}
        self.starts: list[int] | None = None
        if paras is not None and _regular(paras, len(text)):
            self.starts = [a for a, _ in paras]

    def all(self, open_ch: str, close_ch: str) -> list[int]:
        """Offsets of *open_ch* and *close_ch* in the text, sorted."""
        key = open_ch + close_ch
        pos = self.positions.get(key)
        if pos is None:
            pos = self.positions[key] = sorted(set(_find_all(self.text, open_ch) + _find_all(self.text, close_ch)))
        return pos

    def between(self, lo: int, hi: int, open_ch: str, close_ch: str) -> list[int]:
        """Offsets of *open_ch* and *close_ch* in ``[lo, hi)`` (``0 <= lo``), sorted."""
        pos = self.all(open_ch, close_ch)
        return pos[bisect.bisect_left(pos, lo) : bisect.bisect_left(pos, hi)]

    def paragraphs_with(self, paras: list[tuple[int, int]], open_ch: str, close_ch: str) -> list[int]:
        """Indices of the paragraphs holding a mark, in order (regular paragraphs only)."""
        starts, out = self.starts, []
        for p in self.all(open_ch, close_ch):
            pi = bisect.bisect_right(starts, p) - 1
            if pi >= 0 and p < paras[pi][1] and (not out or out[-1] != pi):
                out.append(pi)
        return out


def _regular(paras: list[tuple[int, int]], n: int) -> bool:
    """Paragraphs in order, not overlapping, within a text of length *n*."""
    prev = 0
    for a, b in paras:
        if not prev <= a <= b:
            return False
        prev = b
    return prev <= n


_CONTEXT_MARKS = "\u2019'\u2018"  # marks _classify reads with their neighbours


def _marks_in(text: str, lo: int, hi: int, open_ch: str, close_ch: str, index: _MarkIndex | None = None) -> list[_Mark]:
    if index is not None and lo >= 0 and hi >= 0:
        if open_ch != close_ch and open_ch not in _CONTEXT_MARKS and close_ch not in _CONTEXT_MARKS:
            # two distinct marks, neither apostrophe-like nor "‘": _classify reads no context
            return [_Mark(i, True, False, 0) if text[i] == open_ch else _Mark(i, False, True, 0) for i in index.between(lo, hi, open_ch, close_ch)]
        out = []
        for i in index.between(lo, hi, open_ch, close_ch):
            m = _classify(text, i, open_ch, close_ch, lo, hi)
            if m is not None:
                out.append(m)
        return out
    if text.find(open_ch, lo, hi) < 0 and text.find(close_ch, lo, hi) < 0:
        return []
    rx = _MARK_RX.get(open_ch + close_ch)
    if rx is None:
        rx = _MARK_RX[open_ch + close_ch] = re.compile("[" + re.escape(open_ch + close_ch) + "]")
    out = []
    for hit in rx.finditer(text, lo, hi):
        m = _classify(text, hit.start(), open_ch, close_ch, lo, hi)
        if m is not None:
            out.append(m)
    return out


def _pick_closer(marks: list[_Mark], k: int) -> tuple[int | None, int]:
    """Index of the closing mark for a quotation open before ``marks[k]``.

    Returns (closer index or None, index of the next open-only mark or len).
    """
    j = k
    cands = []
    while j < len(marks) and not (marks[j].can_open and not marks[j].can_close):
        if marks[j].can_close:
            cands.append(j)
        j += 1
    if not cands:
        return None, j
    best = min(cands, key=lambda c: (marks[c].weak, c))
    return best, j


def _rstrip_pos(text: str, lo: int, e: int) -> int:
    while e > lo and text[e - 1].isspace():
        e -= 1
    return e


def _pair_outer(text: str, paras: list[tuple[int, int]], st: QuoteStyle, func: str, index: _MarkIndex | None = None) -> tuple[list[dict[str, Any]], list[_Mark]]:
    """Outer quotations as dicts (start, end, para_start, para_end, closed, cont)."""
    quotes: list[dict[str, Any]] = []
    all_marks: list[_Mark] = []
    cur: dict[str, Any] | None = None

    def finish_unclosed(q: dict[str, Any], end: int, para: int) -> None:
        q.update(end=end, para_end=para, closed=False)
        quotes.append(q)
        warnings.warn(
            f"{func}: the quotation opened at offset {q['start']} ({text[q['start']:q['start'] + 30]!r}...) "
            "is never closed; it ends at the end of its paragraph.",
            category=TextmineWarning, stacklevel=5,
        )

    jump = index is not None and index.starts is not None
    if jump:
        pos = index.all(st.open, st.close)
        starts = index.starts
    pi = 0
    while pi < len(paras):
        ps, pe = paras[pi]
        if jump and cur is None:
            # no quotation open: a paragraph without marks changes nothing, go to the next mark's
            k = bisect.bisect_left(pos, ps)
            if k == len(pos):
                break
            if pos[k] >= pe:
                pi = max(pi + 1, bisect.bisect_right(starts, pos[k]) - 1)
                continue
        ms = _marks_in(text, ps, pe, st.open, st.close, index)
        all_marks.extend(ms)
        k = 0
        if cur is not None:
            if ms and ms[0].pos == ps and ms[0].can_open:
                ms[0].role = "continue"
                cur["cont"].append(ps)
                k = 1
            else:
                finish_unclosed(cur, cur["last_end"], cur["last_para"])
                cur = None
        while k < len(ms):
            m = ms[k]
            if cur is None:
                if m.can_open:
                    m.role = "open"
                    cur = {"start": m.pos, "para_start": pi, "cont": []}
                else:
                    m.role = "apostrophe" if (m.weak or (m.pos > 0 and text[m.pos - 1].isalpha() and _apostrophe_like(text[m.pos]))) else "stray"
                    if m.role == "stray":
                        warnings.warn(f"{func}: a closing mark at offset {m.pos} has no opening mark; ignored.", category=TextmineWarning, stacklevel=5)
                k += 1
                continue
            c, nxt_open = _pick_closer(ms, k)
            if c is not None:
                for j in range(k, c):
                    ms[j].role = "apostrophe" if ms[j].can_close else "stray"
                ms[c].role = "close"
                cur.update(end=ms[c].pos + 1, para_end=pi, closed=True)
                quotes.append(cur)
                cur = None
                k = c + 1
            elif nxt_open < len(ms):
                finish_unclosed(cur, _rstrip_pos(text, ps, ms[nxt_open].pos), pi)
                cur = None
                k = nxt_open
            else:
                for j in range(k, len(ms)):
                    ms[j].role = "apostrophe" if ms[j].can_close else "stray"
                break
        if cur is not None:
            cur["last_end"], cur["last_para"] = pe, pi
        pi += 1
    if cur is not None:
        finish_unclosed(cur, cur["last_end"], cur["last_para"])
    return quotes, all_marks


def _pair_secondary(text: str, paras: list[tuple[int, int]], quotes: list[dict[str, Any]], st: QuoteStyle, index: _MarkIndex | None = None) -> tuple[list[dict[str, Any]], list[_Mark]]:
    """Quotations in the inner marks *outside* every outer quotation (mixed conventions).

    Only closed pairs within one paragraph count; an unpaired mark there is an
    apostrophe or stray, never an unclosed quotation.
    """
    found: list[dict[str, Any]] = []
    marks: list[_Mark] = []
    spans = sorted((q["start"], q["end"]) for q in quotes)
    # the spans that can overlap [ps, pe): start < pe and end > ps; the
    # furthest end among the first k spans tells where to begin looking
    span_starts = [a for a, _ in spans]
    reach = list(itertools.accumulate((b for _, b in spans), max))
    if index is not None and index.starts is not None:
        visit = index.paragraphs_with(paras, st.inner_open, st.inner_close)  # the others have no marks to pair
    else:
        visit = range(len(paras))
    for pi in visit:
        ps, pe = paras[pi]
        free, pos = [], ps
        first = bisect.bisect_right(reach, ps)  # spans before this one all end at or before ps
        for a, b in spans[first:bisect.bisect_left(span_starts, pe)]:
            if b <= ps or a >= pe:
                continue
            if a > pos:
                free.append((pos, a))
            pos = max(pos, b)
        if pos < pe:
            free.append((pos, pe))
        for a, b in free:
            ms = _marks_in(text, a, b, st.inner_open, st.inner_close, index)
            k = 0
            while k < len(ms):
                m = ms[k]
                if m.can_open:
                    c, _ = _pick_closer(ms, k + 1)
                    if c is not None:
                        m.role, ms[c].role = "open", "close"
                        for j in range(k + 1, c):
                            ms[j].role = "apostrophe" if ms[j].can_close else "stray"
                        found.append({"start": m.pos, "end": ms[c].pos + 1, "para_start": pi, "para_end": pi,
                                      "closed": True, "cont": [], "secondary": True})
                        k = c + 1
                        continue
                m.role = "apostrophe" if m.pos > 0 and text[m.pos - 1].isalpha() else "stray"
                k += 1
            marks.extend(ms)
    return found, marks


def _find_spans(text: str, paras: list[tuple[int, int]], st: QuoteStyle, func: str) -> tuple[list[dict[str, Any]], list[_Mark]]:
    """All quotations (outer marks, then inner marks used outside them), in reading order."""
    index = _MarkIndex(text, paras)
    quotes, marks = _pair_outer(text, paras, st, func, index)
    extra, extra_marks = _pair_secondary(text, paras, quotes, st, index)
    for q in quotes:
        q["secondary"] = False
    quotes = sorted(quotes + extra, key=lambda q: (q["start"], q["end"]))
    return quotes, marks + extra_marks


def _pair_inner(text: str, q: dict[str, Any], paras: list[tuple[int, int]], st: QuoteStyle, index: _MarkIndex | None = None) -> list[_Mark]:
    """Nested quotations inside one outer quotation (per paragraph)."""
    lo, hi = q["start"] + 1, q["end"] - (1 if q["closed"] else 0)
    out: list[_Mark] = []
    if index is not None and index.starts is not None and lo >= 0 and not index.between(lo, hi, st.inner_open, st.inner_close):
        return out  # no inner mark inside (each paragraph's piece is part of [lo, hi))
    for pi in range(q["para_start"], q["para_end"] + 1):
        ps, pe = paras[pi]
        a, b = max(ps, lo), min(pe, hi)
        if pi != q["para_start"] and pi in range(len(paras)) and ps in q["cont"]:
            a = max(a, ps + 1)
        ms = _marks_in(text, a, b, st.inner_open, st.inner_close, index)
        k = 0
        while k < len(ms):
            m = ms[k]
            if m.can_open and not (m.can_close and not m.can_open):
                c, nxt_open = _pick_closer(ms, k + 1)
                if c is not None and (st.inner_open != st.inner_close or True):
                    m.role = "inner_open"
                    for j in range(k + 1, c):
                        ms[j].role = "apostrophe"
                    ms[c].role = "inner_close"
                    k = c + 1
                    continue
                m.role = "stray"
            else:
                m.role = "apostrophe" if text[m.pos - 1].isalpha() else "stray"
            k += 1
        out.extend(ms)
    return out


def _check_frame(df: Any, name: str, cols: list[str], func: str, hint: str) -> None:
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{func}: {name} must be a DataFrame ({hint}), got {type(df).__name__}.")
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise ColumnError(f"{func}: {name} lacks column(s) {missing}; pass {hint}.")


def _resolve_style(text: str, style: str, func: str) -> QuoteStyle:
    if not isinstance(style, str):
        raise TypeError(f"{func}: style must be a str, got {type(style).__name__}.")
    if style == "auto":
        return STYLES[detect_quote_style(text)]
    if style not in STYLES:
        raise InputError(f"{func}: style must be 'auto' or one of {sorted(STYLES)}, got {style!r}.")
    return STYLES[style]


def quote_marks(text: str, paragraphs: pd.DataFrame | None = None, *, style: str = "auto") -> pd.DataFrame:
    """How each quote mark of *text* was read.

    Parameters
    ----------
    text : str
    paragraphs : DataFrame, optional
        ``Document.paragraphs``; default: blank-line separated blocks.
    style : str
        ``"auto"`` or a key of :data:`STYLES`.

    Returns
    -------
    DataFrame
        ``start, end`` (int32), ``mark, role, quote_index`` sorted by ``start``. ``role``
        is ``open``, ``close``, ``continue`` (opening mark of a continuation
        paragraph), ``inner_open``, ``inner_close``, ``apostrophe`` or
        ``stray``; ``quote_index`` (Int32) is the position of the enclosing
        outer quotation in reading order.
    """
    func = "textmine.quotations.quote_marks"
    if not isinstance(text, str):
        raise TypeError(f"{func}: text must be a str, got {type(text).__name__}.")
    paras = _para_list(text, paragraphs, func)
    st = _resolve_style(text, style, func)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        quotes, marks = _find_spans(text, paras, st, func)
        for q in quotes:
            if not q["secondary"]:
                marks.extend(_pair_inner(text, q, paras, st))
    seen: dict[int, _Mark] = {}
    for m in marks:
        if m.pos not in seen or (not seen[m.pos].role and m.role):
            seen[m.pos] = m
    # apostrophes outside any quotation (inner characters are not scanned there)
    inner = {st.inner_open, st.inner_close, "\u2019", "'"} - {st.open, st.close}
    for i, ch in enumerate(text):
        if ch in inner and i not in seen:
            prev = text[i - 1] if i else " "
            seen[i] = _Mark(i, False, False, 0, "apostrophe" if (prev.isalnum() or ch in "\u2019'" and i + 1 < len(text) and text[i + 1].isdigit()) else "stray")
    starts = np.array([q["start"] for q in quotes], dtype=np.int64)
    ends = np.array([q["end"] for q in quotes], dtype=np.int64)
    rows = []
    for pos in sorted(seen):
        m = seen[pos]
        idx = int(np.searchsorted(starts, pos, side="right") - 1) if len(starts) else -1
        qi = idx if idx >= 0 and pos < ends[idx] else None
        rows.append((pos, pos + 1, text[pos], m.role or "stray", qi))
    return pd.DataFrame(
        {
            "start": ids([r[0] for r in rows]),
            "end": ids([r[1] for r in rows]),
            "mark": pd.Series([r[2] for r in rows], dtype="str"),
            "role": pd.Series([r[3] for r in rows], dtype="str"),
            "quote_index": pd.array([r[4] for r in rows], dtype="Int32"),
        }
    )


def _para_list(text: str, paragraphs: pd.DataFrame | None, func: str) -> list[tuple[int, int]]:
    if paragraphs is None:
        from .segment import paragraph_spans

        return paragraph_spans(text)
    _check_frame(paragraphs, "paragraphs", ["start", "end"], func, "Document.paragraphs")
    return list(zip(paragraphs["start"].to_numpy(dtype=np.int64).tolist(), paragraphs["end"].to_numpy(dtype=np.int64).tolist()))


# ------------------------------------------------------------------ cues
@dataclass(frozen=True)
class _Ctx:
    sent_starts: set[int]
    common: "_LowerWords | frozenset[str]"  # words the text also writes in lower case
    cue_cache: dict = field(default_factory=dict)  # for _cues and _cues_upto


@dataclass
class _Cue:
    pos: int  # offset of the name (or pronoun)
    name: str | None  # full name as written; None for a pronoun
    strength: int
    according: bool = False
    subject: bool = False  # at the start of its sentence or right after a comma
    raw: str = ""  # the name run as written, honorific included


_INIT_RX = re.compile(_INIT)
_POSSESSIVE_END = re.compile(r"[\u2019']s?$")


@functools.lru_cache(maxsize=4096)
def _clean_name(run: str) -> str | None:
    words = run.split()
    while words and (words[0].lower().strip(".") in _NOT_NAME):
        words.pop(0)
    while words and words[-1].lower().strip(".") in _NOT_NAME:
        words.pop()
    if not words or all(_INIT_RX.fullmatch(w) for w in words):
        return None
    return " ".join(words)


@functools.lru_cache(maxsize=4096)
def _surname(name: str | None) -> str | None:
    if not name:
        return None
    words = [w for w in name.split() if not _INIT_RX.fullmatch(w)]
    if not words:
        return None
    w = words[-1]
    return _POSSESSIVE_END.sub("", w)


def _verb_strength(word: str) -> int:
    w = word.lower()
    if w in SPEECH_VERBS:
        return 3
    if w in _IRREGULAR_PAST or (len(w) > 4 and w.endswith("ed")):
        return 2
    return 0


_POSSESSIVE = re.compile(r"[\u2019']s?\b")
_APPOSITIVE = re.compile(r",\s*(?:(?:who|whom|then|the|a|an|himself|herself|one|later|now|still|once)\b[^,.;:!?\u2592]{0,100}|[a-z][^,.;:!?\u2592]{0,40}),\s*")
_SPACES = re.compile(r"\s+")
_NEXT_WORD = re.compile(r"([A-Za-z]+)\b\s*")


def _after_name(masked: str, pos: int, hi: int) -> int:
    """Strength of the verb after a name ending at *pos* (appositive and adverbs skipped).

    3 a speech verb, 2 another past-tense verb, 1 only an auxiliary or copula
    (used to resolve pronouns, not as a speaker cue), 0 none.
    """
    # The regexes match at positions of *masked* with endpos *hi*, which reads
    # the same as matching the slice masked[pos:hi] (none looks behind its start).
    if _POSSESSIVE.match(masked, pos, hi):
        return 0  # possessive
    m = _APPOSITIVE.match(masked, pos, hi) or _SPACES.match(masked, pos, hi)
    if not m:
        return 0
    at = m.end()
    aux = False
    for _ in range(4):
        w = _NEXT_WORD.match(masked, at, hi)
        if not w:
            break
        word = w.group(1)
        low = word.lower()
        s = _verb_strength(word)
        if s and low not in _COPULA:
            return s
        if low in _COPULA:
            aux = True
        elif not (low in _ADVERBS or low.endswith("ly")):
            break
        at = w.end()
    return 1 if aux else 0  # "Stephenson was confident": a subject, good enough for a pronoun


def _after_stop(masked: str, a: int, b: int) -> bool:
    """``re.search(r"(?:^|[.!?:;]\\s+)$", masked[a:b])``, without the slice.

    True when the slice is empty (or one newline) or ends with ``.!?:;`` and
    whitespace (``$`` also matches before a final newline, which is
    whitespace itself).
    """
    if b - a == 0 or (b - a == 1 and masked[a] == "\n"):
        return True
    j = b
    while j > a and masked[j - 1].isspace():
        j -= 1
    return a < j < b and masked[j - 1] in ".!?:;"


_PREV_WORD = re.compile(r"([A-Za-z]+)\W*$")
_ACCORDING_TO_END = re.compile(r"according\s+to\W*$", re.I)
_PREV_LOWER_WORD = re.compile(r"\b([a-z]+)\s+$")
_COMMA_END = re.compile(r",\s*$")


def _cues(masked: str, lo: int, hi: int, ctx: "_Ctx", scan_from: int | None = None) -> list[_Cue]:
    """Speaker cues in ``masked[lo:hi]``, in order.

    ``ctx.common`` holds words the text also writes in lower case; a single
    capitalized word at the start of a sentence that is one of them is not a
    name. With *scan_from*, only the cues from there on (the context before
    them still reaches back to *lo*; see :func:`_cues_upto`).
    """
    key = (lo, hi, scan_from)
    out = ctx.cue_cache.get(key)
    if out is None:
        out = ctx.cue_cache[key] = _find_cues(masked, lo, hi, ctx, lo if scan_from is None else scan_from)
    return out


def _find_cues(masked: str, lo: int, hi: int, ctx: "_Ctx", scan_from: int) -> list[_Cue]:
    out: list[_Cue] = []
    # (no "according" without "ccord": the letters c, o, r, d have no other case-insensitive equal)
    for m in _ACCORDING.finditer(masked, scan_from, hi) if "ccord" in masked[scan_from:hi].lower() else ():
        nm = _NAME_RUN.match(masked, m.end(), hi)
        if nm:
            name = _clean_name(nm.group())
            if name:
                out.append(_Cue(nm.start(), name, 4, according=True))
    n_according = len(out)
    sent_starts, common = ctx.sent_starts, ctx.common
    pos = scan_from
    match_run = _NAME_RUN.match
    # _NAME_RUN.finditer(masked, scan_from, hi), trying only the positions where a name can start
    for c in _NAME_START.finditer(masked, scan_from, hi):
        start = c.start()
        if start < pos:
            continue
        nm = match_run(masked, start, hi)
        if nm is None:
            continue
        pos = nm.end()
        raw = nm.group()
        name = _clean_name(raw)
        if not name:
            continue
        before = masked[max(lo, start - 20) : start]
        prev = _last_word(before)  # _PREV_WORD.search(before).group(1), or ""
        if prev:
            low = prev.lower()
            if low in _DETERMINERS:
                continue
            if low == "to" and _ACCORDING_TO_END.search(before):
                continue
            if low in _RELATIVE and before.rstrip().endswith(prev):
                continue  # subject of a relative clause ("which Soviet Russia hoped"), not of the sentence
        first_in_sentence = start in sent_starts or _after_stop(masked, max(lo - 3, 0), start)
        single_initial = first_in_sentence and " " not in name
        if single_initial:
            low = name.lower()
            if low.endswith(("ing", "ed", "ly")) or low in _NOT_NAME:
                continue  # a capitalized common word ("Concessions were ...")
        s = _after_name(masked, pos, hi)
        if s == 1 and single_initial:
            continue
        if s == 0:
            pv = _prev_lower_word(masked, max(lo, start - 20), start)
            if pv in SPEECH_VERBS and not pv.endswith("ing"):
                s = 3  # "said Lenin"
        # the words the text also writes in lower case are asked about last
        # (a look-up may read the whole text): only for a would-be cue
        if s and not (single_initial and low in common):
            subject = first_in_sentence or before.rstrip().endswith(",")  # _COMMA_END.search(before)
            out.append(_Cue(start, name, s, subject=subject, raw=raw))
    n_named = len(out)
    for pm in _PRONOUN_FAST.finditer(masked, scan_from, hi):
        s = _after_name(masked, pm.end(), hi)
        if s == 0:
            pv = _prev_lower_word(masked, max(lo, pm.start() - 20), pm.start())
            if pv in SPEECH_VERBS:
                s = 3
        if s:
            out.append(_Cue(pm.start(), None, s))
    # each of the three runs is in order already: sort only when they mix
    if 0 < n_according < len(out) or n_according < n_named < len(out):
        out.sort(key=lambda c: c.pos)
    return out


_DETERMINERS = frozenset(("the", "a", "an", "this", "that", "its", "his", "her", "their", "our"))


def _prev_lower_word(masked: str, a: int, b: int) -> str:
    """``_PREV_LOWER_WORD.search(masked[a:b]).group(1)``, or "" (no search from every position).

    The run of ``[a-z]`` just before the trailing whitespace (at least one
    space), when a word boundary precedes it (the slice start counts as one).
    """
    k = b
    while k > a and masked[k - 1].isspace():
        k -= 1
    if k == b:
        return ""
    j = k
    while j > a and "a" <= masked[j - 1] <= "z":
        j -= 1
    if j == k or (j > a and (masked[j - 1].isalnum() or masked[j - 1] == "_")):
        return ""
    return masked[j:k]


# Characters no cue regex can match or look past: every regex of _cues and
# _after_name stops at one of them exactly as at the end of the text. So the
# cues of [lo, hi) are those of [lo, c) followed by those found from c on
# (with lo still the left context), for any such character at c.
_WALL = re.compile(r"[;:!?\u2592]+")
# A full stop after a lower-case letter is a wall too, unless it ends an
# honorific ("Mr."): a name run can hold a full stop only in an honorific or
# an initial ("J."), and no other cue regex reads across one (the full stop
# is there or the text ends: the same match either way).
_CUT = re.compile(r"[.;:!?\u2592][;:!?\u2592]*")  # a full stop is checked by _is_cut
_HONORIFIC_WORDS = frozenset("Mr Mrs Ms Dr Prof Gen Col Capt Sen Rev St".split())
# The left context lo matters only for cues less than this many characters
# after it (the 20 characters _find_cues looks back; _after_stop stops at the
# wall itself, which is not a space).
_LOOKBACK = 20


_CUT_BLOCK = 2048


def _cuts_reversed(masked: str, a: int, b: int, ctx: "_Ctx"):
    """Offsets of the walls of ``masked[a:b]`` (see :data:`_CUT`), last first.

    Found per block of :data:`_CUT_BLOCK` characters, each block once per
    text and only when reached (a run of walls split by a block boundary
    gives one more wall offset, which is as exact as any other).
    """
    cache = ctx.cue_cache.setdefault("cuts", {})
    for k in range((b - 1) // _CUT_BLOCK, a // _CUT_BLOCK - 1, -1):
        cuts = cache.get(k)
        if cuts is None:
            lo = k * _CUT_BLOCK
            cuts = cache[k] = [w.start() for w in _CUT.finditer(masked, lo, lo + _CUT_BLOCK) if _is_cut(masked, w)]
        for c in reversed(cuts):
            if c < a:
                return
            if c < b:
                yield c


def _is_cut(masked: str, w: re.Match) -> bool:
    """A :data:`_CUT` match that starts at a wall (a full stop only after a
    lower-case letter and not ending an honorific)."""
    i = w.start()
    if masked[i] != ".":
        return True
    if not (i and "a" <= masked[i - 1] <= "z"):
        return False
    j = i
    while j and masked[j - 1] in _ASCII_LETTERS:
        j -= 1
    return masked[j:i] not in _HONORIFIC_WORDS


def _cues_upto(masked: str, lo: int, hi: int, ctx: "_Ctx") -> list[_Cue]:
    """``_cues(masked, lo, hi, ctx)``, from the cues of the pieces between walls.

    Pronoun resolution asks for the cues from a paragraph start up to each
    pronoun, and reads them backwards until one fits; rescanning from the
    paragraph start each time would be quadratic in the length of the
    paragraphs.
    """
    return list(reversed(list(_cues_upto_reversed(masked, lo, hi, ctx))))


def _cues_upto_reversed(masked: str, lo: int, hi: int, ctx: "_Ctx"):
    """The cues of :func:`_cues_upto`, last first, each piece scanned only when reached.

    A piece from a wall at least :data:`_LOOKBACK` characters after *lo* has
    the same cues whatever *lo* is, so it is scanned (and cached) once per
    text, with the left context starting ``_LOOKBACK`` characters before it.
    """
    if lo < 0 or hi > len(masked):  # odd offsets: a plain scan
        yield from reversed(_cues(masked, lo, hi, ctx))
        return
    end = hi
    for c in _cuts_reversed(masked, lo + _LOOKBACK, hi, ctx):
        yield from reversed(_cues(masked, c - _LOOKBACK, end, ctx, scan_from=c))
        end = c
    yield from reversed(_cues(masked, lo, end, ctx))


def _best(cues: list[_Cue], min_strength: int = 2) -> _Cue | None:
    """The last ``according to`` cue of at least *min_strength*, else the last such cue."""
    best = None
    for c in reversed(cues):
        if c.strength >= min_strength:
            if c.according:
                return c
            if best is None:
                best = c
    return best


# ------------------------------------------------------------------ spans
#: Output columns of :func:`quotation_spans`: those of :func:`find_quotations`
#: that the span finder decides.
SPAN_COLUMNS = ["doc_id", "quote_id", "start", "end", "para_start", "para_end", "closed", "style"]


def _body(text: str, paras: list[tuple[int, int]]) -> str:
    """The text from the first paragraph to the last (where ``style="auto"`` looks)."""
    return text[paras[0][0] : paras[-1][1]] if paras else ""


def quotation_spans(text: str, paragraphs: pd.DataFrame, *, doc_id: str, style: str = "auto") -> pd.DataFrame:
    """Where the quotations of a text are, without kinds, speakers or citations.

    The spans :func:`find_quotations` reports, found by the same code (see
    the module docs, *Reading the marks*): always equal to
    ``find_quotations(text, paragraphs, ...)[SPAN_COLUMNS]`` for the same
    *text*, *paragraphs* and *style*, whatever the tokens and citations.
    Enough to tell which tokens are inside a quotation; pass the frame as
    ``find_quotations(..., spans=...)`` to reuse it.

    Parameters
    ----------
    text : str
        ``Document.text``.
    paragraphs : DataFrame
        ``Document.paragraphs`` (``start, end``).
    doc_id : str
        Value of the ``doc_id`` column.
    style : str
        ``"auto"`` (detect per document) or one of :data:`STYLES`.

    Returns
    -------
    DataFrame
        ``doc_id`` (categorical), ``quote_id, start, end, para_start,
        para_end`` (int32), ``closed`` (bool), ``style`` (str), one row per
        quotation in reading order, as in :func:`find_quotations`.

    Warns
    -----
    UserWarning
        For a quotation that is never closed and for a closing mark with no
        opening mark, as :func:`find_quotations` does.

    Examples
    --------
    >>> import textmine as tm
    >>> doc = tm.parse("He said “no” and ‘left’.", header=False)
    >>> quotation_spans(doc.text, doc.paragraphs, doc_id="d")[["start", "end"]].values.tolist()
    [[8, 12], [17, 23]]
    """
    func = "textmine.quotations.quotation_spans"
    if not isinstance(text, str):
        raise TypeError(f"{func}: text must be a str, got {type(text).__name__}.")
    _check_frame(paragraphs, "paragraphs", ["start", "end"], func, "Document.paragraphs")
    paras = _para_list(text, paragraphs, func)
    st = _resolve_style(_body(text, paras), style, func)
    quotes, _ = _find_spans(text, paras, st, func)
    return _span_frame(quotes, doc_id, st.name)


def _span_frame(quotes: list[dict[str, Any]], doc_id: str, style: str) -> pd.DataFrame:
    n = len(quotes)
    return pd.DataFrame(
        {
            "doc_id": doc_id_column(doc_id, n),
            "quote_id": np.arange(n, dtype=ID_DTYPE),
            "start": ids([q["start"] for q in quotes]),
            "end": ids([q["end"] for q in quotes]),
            "para_start": ids([q["para_start"] for q in quotes]),
            "para_end": ids([q["para_end"] for q in quotes]),
            "closed": np.array([bool(q["closed"]) for q in quotes], dtype=bool),
            "style": pd.array([style] * n, dtype="str"),
        },
        columns=SPAN_COLUMNS,
    )


def _quotes_from_spans(text: str, paras: list[tuple[int, int]], spans: Any, style: str, func: str) -> tuple[QuoteStyle, list[dict[str, Any]]]:
    """The style and the quotations (as :func:`_find_spans` gives them) of a :func:`quotation_spans` frame.

    A quotation over several paragraphs continues in each of them after the
    first (that is the only way one goes on), and one found in the inner
    marks outside the outer quotations opens with the inner mark.
    """
    _check_frame(spans, "spans", SPAN_COLUMNS, func, "textmine.quotations.quotation_spans(...)")
    n = len(spans)
    qid = spans["quote_id"].to_numpy()
    if n and not (np.asarray(qid, dtype=np.int64) == np.arange(n)).all():
        raise InputError(f"{func}: spans must be the quotation_spans(...) frame (quote_id 0, 1, ... in order).")
    names = set(spans["style"].astype(str)) if n else set()
    if len(names) > 1 or not names <= set(STYLES):
        raise InputError(f"{func}: spans must be the quotation_spans(...) frame of one document; styles {sorted(names)}.")
    if not names:
        return _resolve_style(_body(text, paras), style, func), []
    (name,) = names
    if style != "auto" and style != name:
        _resolve_style(text, style, func)  # the usual errors for a bad style
        raise InputError(f"{func}: style {style!r} differs from the style of spans ({name!r}).")
    st = STYLES[name]
    cols = [spans[c].to_numpy(dtype=np.int64).tolist() for c in ("start", "end", "para_start", "para_end")]
    closed = spans["closed"].to_numpy(dtype=bool).tolist()
    quotes = []
    for a, b, p0, p1, c in zip(*cols, closed):
        quotes.append({"start": a, "end": b, "para_start": p0, "para_end": p1, "closed": c,
                       "cont": [paras[pi][0] for pi in range(p0 + 1, p1 + 1)], "secondary": text[a] != st.open})
    return st, quotes


# ------------------------------------------------------------------ main
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

    Returns
    -------
    DataFrame
        One row per quotation, sorted by ``start``:
        ``doc_id`` (categorical), ``quote_id`` (int32, dense, reading
        order), ``start, end`` (int32:
        opening mark to closing mark inclusive; to the paragraph end when
        unclosed), ``text`` (``text[start + 1:end - 1]``, or to ``end`` when
        unclosed: the words without the outer marks; a multi-paragraph
        quotation keeps its paragraph breaks and continuation marks),
        ``para_start, para_end`` (int32), ``n_tokens`` (tokens strictly
        inside the outer marks), ``kind`` (``quotation``/``term``/``title``),
        ``speaker`` (surname, empty when unknown), ``speaker_rule``,
        ``citation_id`` (Int32), ``group_id`` (int32), ``closed`` (bool), and
        ``n_words`` (non-punctuation tokens), ``n_nested`` (nested
        quotations), ``speaker_name`` (the name as written), ``style``.

    Warns
    -----
    UserWarning
        For a quotation that is never closed (it ends at the end of its
        paragraph) and for a closing mark with no opening mark. Unbalanced
        marks never raise.

    Examples
    --------
    >>> import textmine as tm
    >>> doc = tm.parse("“We must advance,” Lenin explained. “Now.” (Works, p. 3).")
    >>> doc.quotations[["text", "speaker", "group_id", "citation_id"]]  # doctest: +SKIP
                   text speaker  group_id  citation_id
    0  We must advance,   Lenin         0         <NA>
    1              Now.   Lenin         0            0
    """
    func = "textmine.quotations.find_quotations"
    if not isinstance(text, str):
        raise TypeError(f"{func}: text must be a str, got {type(text).__name__}.")
    _check_frame(paragraphs, "paragraphs", ["start", "end"], func, "Document.paragraphs")
    _check_frame(tokens, "tokens", ["start", "end", "sent_id"], func, "the base tokens of the Document")
    _check_frame(citations, "citations", ["citation_id", "start", "end"], func, "textmine.citations.find_citations(...)")
    if not isinstance(min_words, (int, np.integer)) or isinstance(min_words, bool) or min_words < 1:
        raise InputError(f"{func}: min_words must be a positive int, got {min_words!r}.")
    paras = _para_list(text, paragraphs, func)
    if spans is None:
        st = _resolve_style(_body(text, paras), style, func)
        quotes, _ = _find_spans(text, paras, st, func)
    else:
        st, quotes = _quotes_from_spans(text, paras, spans, style, func)
    index = _MarkIndex(text, paras)
    for q in quotes:
        q["n_nested"] = 0 if q["secondary"] else sum(1 for m in _pair_inner(text, q, paras, st, index) if m.role == "inner_open")
    if not quotes:
        return _frame([], doc_id, st.name, np.zeros(0, dtype=np.int64))

    ts = tokens["start"].to_numpy(dtype=np.int64)
    te = tokens["end"].to_numpy(dtype=np.int64)
    # sentences from tokens
    sent_s, sent_e = _sentence_bounds(tokens, ts, te)
    sent_starts = set(sent_s)

    # text with quotations and citations masked, for cue search
    cs, ce, cit_ids, cit_author, refers, marker_list = _citation_columns(citations)
    masked = _mask(text, [(q["start"], q["end"]) for q in quotes] + list(zip(cs, ce)))
    ctx = _Ctx(sent_starts, _LowerWords(masked))

    is_word = _is_word(tokens, text, ts, te)
    if len(ts) < 2 or bool((ts[1:] >= ts[:-1]).all()):  # in order already (a Document's tokens)
        order = np.arange(len(ts))
        ts_sorted, te_sorted, is_word_sorted = ts, te, is_word
    else:
        order = np.argsort(ts, kind="stable")
        ts_sorted, te_sorted, is_word_sorted = ts[order], te[order], is_word[order]
    counts = _inner_token_counts(quotes, st, ts_sorted, te_sorted, is_word_sorted)

    def sentence_of(pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(sent_s, pos) - 1
        if i < 0:
            return pos, pos
        return sent_s[i], sent_e[i]

    markers = _Markers(marker_list)

    for qi, q in enumerate(quotes):
        lo = q["start"] + len(st.open)
        hi = q["end"] - (len(st.close) if q["closed"] else 0)
        q["text"] = text[lo:hi]
        if counts is not None:
            q["n_tokens"], q["n_words"] = counts[0][qi], counts[1][qi]
        else:
            a = int(np.searchsorted(ts_sorted, lo, side="left"))
            b = int(np.searchsorted(ts_sorted, hi, side="left"))
            idx = order[a:b]
            idx = idx[te[idx] <= hi]
            q["n_tokens"] = int(len(idx))
            q["n_words"] = int(is_word[idx].sum())
        ps, pe = paras[q["para_start"]]
        q["para_initial"] = q["start"] == ps
        # a block quotation: opens its paragraph and runs to its end (a citation may follow)
        q["block"] = q["para_initial"] and (
            q["para_end"] > q["para_start"]
            or not q["closed"]
            or _block_tail(text, q["end"], paras[q["para_end"]][1])
        )
        # what precedes the mark in its sentence
        s0, _ = sentence_of(q["start"])
        s0 = max(s0, ps) if s0 <= q["start"] else ps
        for nm in _NOTE_BOUNDARY.finditer(text, s0, q["start"]):
            s0 = nm.end()  # "...later.[3] Trotsky ..." starts a new sentence
        q["prefix"] = (s0, q["start"])
        before = text[s0 : q["start"]].rstrip()
        q["after_colon"] = before.endswith(":")
        q["after_comma"] = before.endswith(",")
        q["prev_word"] = _last_word(before).lower()
        # speech tag after the closing mark
        q["tag"] = _speech_tag(text, masked, q, quotes[qi + 1] if qi + 1 < len(quotes) else None, ctx) if q["closed"] else None
        q["citation"] = _link_citation(text, q, hi, cs, ce, markers)

    # groups: part, speech tag, part (same paragraph)
    for qi, q in enumerate(quotes):
        q["group"] = qi
    for qi in range(len(quotes) - 1):
        q, r = quotes[qi], quotes[qi + 1]
        if q["tag"] is None or not q["tag"]["joins_next"] or r["para_start"] != q["para_end"]:
            continue
        if r["tag"] is not None and q["tag"]["name"] and r["tag"]["name"] and _surname(r["tag"]["name"]) != _surname(q["tag"]["name"]):
            continue  # dialogue: the next part has its own, different speaker
        r["group"] = q["group"]

    # kinds
    group_size: dict[int, int] = {}
    for q in quotes:
        group_size[q["group"]] = group_size.get(q["group"], 0) + 1
    for q in quotes:
        q["kind"] = _kind(q, masked, group_size[q["group"]] > 1, min_words)
    sourced_groups = {q["group"] for q in quotes if q["kind"] == "quotation"}
    for q in quotes:
        if group_size[q["group"]] > 1 and q["group"] in sourced_groups:
            q["kind"] = "quotation"

    # speakers
    for qi, q in enumerate(quotes):
        q["speaker_name"], q["speaker_rule"] = None, None
        if q["kind"] != "quotation":
            continue
        if q["group"] != qi:
            prev = quotes[qi - 1]
            if prev["group"] == q["group"] and prev["tag"] is not None and prev["tag"]["name"]:
                q["speaker_name"], q["speaker_rule"] = prev["tag"]["name"], "speech_tag"
            elif quotes[q["group"]]["speaker_name"]:
                q["speaker_name"], q["speaker_rule"] = quotes[q["group"]]["speaker_name"], "previous_part"
            if q["speaker_name"]:
                continue
        name, rule = _speaker(text, masked, q, paras, sent_s, sent_e, ctx)
        if name is None and q["citation"] is not None:
            author = cit_author[q["citation"]]
            if isinstance(author, str) and author:
                name, rule = author, "citation_author"
        q["speaker_name"], q["speaker_rule"] = name, rule
    # echo: a short term whose words recur in a neighbouring source quotation
    for qi, q in enumerate(quotes):
        if q["kind"] != "term":
            continue
        phrase = [w.lower() for w in _WORD.findall(q["text"])]
        if len(phrase) < 2:
            continue
        for nb in (qi - 1, qi + 1):
            if not 0 <= nb < len(quotes):
                continue
            r = quotes[nb]
            if r["kind"] != "quotation":
                continue
            dist = 0 if r["para_start"] <= q["para_start"] <= r["para_end"] else min(abs(r["para_start"] - q["para_start"]), abs(r["para_end"] - q["para_start"]))
            if dist > 1:
                continue
            pat = r"(?<![\w\u2019'])" + r"\W+".join(re.escape(w) for w in phrase) + r"(?![\w\u2019'])"
            if re.search(pat, r["text"], re.I):
                q["kind"] = "quotation"
                q["speaker_name"], q["speaker_rule"] = r["speaker_name"], "echo" if r["speaker_name"] else None
                break
    # carried over along an Ibid chain
    def source_of(k: int | None) -> int | None:
        if k is None:
            return None
        r = refers[k]
        return int(r) if r is not None and not pd.isna(r) else int(cit_ids[k])

    last: dict[int, tuple[str, int]] = {}
    for q in quotes:
        src = source_of(q["citation"])
        if q["kind"] == "quotation" and q["speaker_name"] is None and src is not None and src in last:
            name, para = last[src]
            if q["para_start"] - para <= 1:
                q["speaker_name"], q["speaker_rule"] = name, "carried_over"
        if src is not None and q["speaker_name"]:
            last[src] = (q["speaker_name"], q["para_end"])

    return _frame(quotes, doc_id, st.name, cit_ids)


_NOTE_BOUNDARY = re.compile(r"[.!?][\u201d\u2019\"']*(?:\[\d{1,3}\]|[\u00b9\u00b2\u00b3\u2074-\u2079]+)\s+(?=[A-Z\u201c\u2018\"'])")
_NOTE_MARK = re.compile(r"(?:\[\d{1,3}\]|\^\d{1,3}|[\u2070\u00b9\u00b2\u00b3\u2074-\u2079]+)")
_TAG = re.compile(
    rf"\s*,?\s*(?P<tag>(?:{_HONORIFIC}|[A-Z]\.(?=\s*[A-Z])|[^.!?;:\u2014\u201c\u2018\u00ab\"(\[\n]){{1,80}}?)\s*(?P<end>[.!?;:,\u2014]|(?=[(\[])|$)"
)


class _Markers:
    """Note markers of the citations frame: (offset, position) sorted by offset."""

    def __init__(self, markers: list):
        self.raw = markers
        try:
            pairs = sorted((int(m), k) for k, m in enumerate(markers) if not (m is None or pd.isna(m)))
        except (TypeError, ValueError):
            pairs = None  # odd values: scan them in order as given
        self.pairs = pairs
        self.offsets = None if pairs is None else [m for m, _ in pairs]


_PUNCT_GAP = re.compile(r"[\s.,;:!?]*")


# Words written in lower case: a lower-case letter not after a word character
# or apostrophe, then letters, apostrophes, hyphens. The check on the
# preceding character comes after the first letter (the same condition, as that
# letter is known) so that the regex starts with a character class and is
# scanned quickly; the words are lower case already.
_LOWER_WORD = re.compile(r"[a-z](?<![\w\u2019'][a-z])[a-z\u2019'\-]+")


_LOWER_WORD_SHAPE = re.compile(r"[a-z][a-z\u2019'\-]+")
_WORD_CHAR = re.compile(r"[\w\u2019']")
_LOWER_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz\u2019'-")


class _LowerWords:
    """``word in _LowerWords(s)`` is ``word in set(_LOWER_WORD.findall(s))``.

    Only the few words asked about are looked up (with ``str.find``), instead
    of collecting every lower-case word of the text. A match of
    :data:`_LOWER_WORD` starts at a lower-case letter not after a word
    character or apostrophe and runs to the end of its run of ``[a-z’'-]``;
    inside such a run, a letter after ``-`` starts a match only when no
    earlier letter of the run did (that match would have taken it).
    """

    def __init__(self, s: str):
        self.s = s
        self.cache: dict[str, bool] = {}

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        hit = self.cache.get(word)
        if hit is None:
            hit = self.cache[word] = self._find(word)
        return hit

    def _find(self, word: str) -> bool:
        if _LOWER_WORD_SHAPE.fullmatch(word) is None:
            return False
        s, n, chars = self.s, len(word), _LOWER_WORD_CHARS
        i = s.find(word)
        while i >= 0:
            e = i + n
            if (e == len(s) or s[e] not in chars) and (i == 0 or not _WORD_CHAR.match(s, i - 1)):
                if i == 0 or s[i - 1] != "-":
                    return True
                r = i - 1  # after "-": the start of the run, then no earlier match start in it
                while r and s[r - 1] in chars:
                    r -= 1
                if not any("a" <= s[x] <= "z" and (x == 0 or not _WORD_CHAR.match(s, x - 1)) for x in range(r, i)):
                    return True
            i = s.find(word, i + 1)
        return False


def _last_word(s: str) -> str:
    """``re.search(r"([A-Za-z]+)\\W*$", s).group(1)``, or "" (no search from every position).

    The ASCII letters just before the trailing non-word characters; "" when
    the character there is not an ASCII letter.
    """
    i = len(s)
    while i and not (s[i - 1].isalnum() or s[i - 1] == "_"):
        i -= 1
    j = i
    while j and s[j - 1] in _ASCII_LETTERS:
        j -= 1
    return s[j:i]


_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _citation_columns(citations: pd.DataFrame) -> tuple[list[int], list[int], np.ndarray, list, list, list]:
    """Starts, ends, ids, authors, ``refers_to`` and ``marker_start`` of the citations, sorted by (start, end).

    The columns of ``citations.sort_values(["start", "end"], kind="stable")``
    without sorting the whole frame (not at all when it is in order).
    """
    s = citations["start"].to_numpy(dtype=np.int64)
    e = citations["end"].to_numpy(dtype=np.int64)
    n = len(s)
    order = None
    if n > 1 and not bool(((s[1:] > s[:-1]) | ((s[1:] == s[:-1]) & (e[1:] >= e[:-1]))).all()):
        order = np.lexsort((e, s))  # a stable sort, by start then end

    def column(name: str) -> list:
        if name not in citations.columns:
            return [None] * n
        values = citations[name].tolist()
        return values if order is None else [values[i] for i in order]

    if order is not None:
        s, e = s[order], e[order]
    ids_ = citations["citation_id"].to_numpy(dtype=np.int64)
    if "author" in citations.columns:
        author = citations["author"].to_numpy(dtype=object)  # (faster than tolist for Arrow strings)
        author = (author if order is None else author[order]).tolist()
    else:
        author = [None] * n
    return s.tolist(), e.tolist(), ids_ if order is None else ids_[order], author, column("refers_to"), column("marker_start")


def _sentence_bounds(tokens: pd.DataFrame, ts: np.ndarray | None = None, te: np.ndarray | None = None) -> tuple[list[int], list[int]]:
    """First start and last end of the tokens of each sentence, by ``sent_id``.

    The same as ``tokens.groupby("sent_id").agg(start=("start", "min"), end=("end", "max"))``,
    with NumPy when the ids are integers in order (as the Document's are).
    *ts*, *te*: the token starts and ends as int64 arrays, when already at hand.
    """
    ids = tokens["sent_id"]
    if len(ids) and pd.api.types.is_integer_dtype(ids.dtype) and not isinstance(ids.dtype, pd.CategoricalDtype):
        sid = ids.to_numpy()
        if isinstance(sid, np.ndarray) and sid.dtype.kind in "iu" and (len(sid) < 2 or bool((sid[1:] >= sid[:-1]).all())):
            cuts = np.flatnonzero(np.diff(sid)) + 1
            at = np.concatenate([[0], cuts])
            if ts is None or te is None:
                ts = tokens["start"].to_numpy(dtype=np.int64)
                te = tokens["end"].to_numpy(dtype=np.int64)
            return np.minimum.reduceat(ts, at).tolist(), np.maximum.reduceat(te, at).tolist()
    sent = tokens.groupby("sent_id", sort=True).agg(start=("start", "min"), end=("end", "max"))
    return sent["start"].to_numpy(dtype=np.int64).tolist(), sent["end"].to_numpy(dtype=np.int64).tolist()


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    """*text* with every character inside the spans replaced by :data:`_MASK`."""
    n = len(text)
    if any(not 0 <= a <= b <= n for a, b in spans):  # odd offsets: as list slice assignment reads them
        chars = list(text)
        for a, b in spans:
            chars[a:b] = [_MASK] * (b - a)
        return "".join(chars)
    pieces, pos = [], 0
    for a, b in sorted(spans):
        if b <= pos:
            continue
        if a > pos:
            pieces.append(text[pos:a])
            pos = a
        pieces.append(_MASK * (b - pos))
        pos = b
    pieces.append(text[pos:])
    return "".join(pieces)


def _inner_token_counts(quotes: list[dict[str, Any]], st: QuoteStyle, ts: np.ndarray, te: np.ndarray, is_word: np.ndarray) -> tuple[list[int], list[int]] | None:
    """Tokens and words strictly inside the outer marks of each quotation, all at once.

    *ts*, *te*, *is_word* are in start order. The tokens starting in
    ``[lo, hi)`` and ending by ``hi``; when the ends are in order too (as in
    a Document) those are a prefix of the tokens starting there, so two
    searches per quotation count them. None otherwise (count one by one).
    """
    if len(te) > 1 and not bool((te[1:] >= te[:-1]).all()):
        return None
    lo = np.array([q["start"] + len(st.open) for q in quotes], dtype=np.int64)
    hi = np.array([q["end"] - (len(st.close) if q["closed"] else 0) for q in quotes], dtype=np.int64)
    a = np.searchsorted(ts, lo, side="left")
    b = np.maximum(np.searchsorted(ts, hi, side="left"), a)
    c = np.minimum(np.maximum(np.searchsorted(te, hi, side="right"), a), b)
    cum = np.concatenate([[0], np.cumsum(is_word, dtype=np.int64)])
    return (c - a).tolist(), (cum[c] - cum[a]).tolist()


def _is_word(tokens: pd.DataFrame, text: str, ts: np.ndarray, te: np.ndarray) -> np.ndarray:
    """Tokens that are not punctuation (``kind != "punct"``)."""
    if "kind" not in tokens.columns:
        return np.array([bool(re.match(r"\w", text[a:b])) for a, b in zip(ts, te)], dtype=bool)
    kind = tokens["kind"]
    if isinstance(kind.dtype, pd.CategoricalDtype):
        cats = list(kind.cat.categories)
        codes = kind.cat.codes.to_numpy()
        return codes != cats.index("punct") if "punct" in cats else np.ones(len(kind), dtype=bool)
    return kind.astype(str).to_numpy() != "punct"


_BLOCK_TAIL = re.compile(r"[\s.,;:]*(?:\([^()]*(?:\([^()]*\)[^()]*)*\)[\s.,;:]*)?(?:\[\d{1,3}\][\s.]*)?")


def _block_tail(text: str, end: int, para_end: int) -> bool:
    """Only punctuation, a parenthesis (a citation) or a note marker from *end* to the paragraph end."""
    if end <= para_end:  # the pattern looks neither behind nor ahead: same as on the slice
        return _BLOCK_TAIL.fullmatch(text, end, para_end) is not None
    return _BLOCK_TAIL.fullmatch(text[end:para_end]) is not None


def _link_citation(text: str, q: dict[str, Any], hi: int, cs: list[int], ce: list[int], markers: _Markers) -> int | None:
    """Position (in the citations frame) of the citation documenting *q*, or None."""
    ends = [q["end"]]
    tag = q["tag"]
    if tag is not None and not tag["joins_next"]:
        ends.append(tag["end"])  # "...,” the chairman wrote (Letter of ...)"
    k = bisect.bisect_left(cs, q["end"])
    if k < len(cs):
        for e in ends:
            # at most 4 characters between (the slice is never longer than that)
            if cs[k] >= e and min(cs[k], len(text)) - e <= 4 and _GAP4.fullmatch(text[e : cs[k]]):
                return k
    # a citation just inside the closing mark: "...world (Ibid., p. 5).”"
    j = bisect.bisect_left(cs, q["end"]) - 1
    if j >= 0 and cs[j] > q["start"] and ce[j] <= q["end"] and _GAP3.fullmatch(text[ce[j] : hi]):
        return j
    # a note marker right after the closing mark: "...world.”[3]"; the first such citation
    if markers.pairs is None:
        for k, m in enumerate(markers.raw):
            if m is None or pd.isna(m):
                continue
            m = int(m)
            if any(e <= m <= e + 3 and _PUNCT_GAP.fullmatch(text[e:m]) for e in ends):
                return k
        return None
    best = None
    for e in ends:
        i = bisect.bisect_left(markers.offsets, e)
        while i < len(markers.pairs) and markers.pairs[i][0] <= e + 3:
            m, k = markers.pairs[i]
            if (best is None or k < best) and _PUNCT_GAP.fullmatch(text[e:m]):
                best = k
            i += 1
    return best


_TAG_WORDS = SPEECH_VERBS | {"according"}
_LOWER_RUN = re.compile(r"[a-z]+")
_BEFORE_BRACKET = re.compile(r"\s*[(\[]")


def _speech_tag(text: str, masked: str, q: dict[str, Any], nxt: dict[str, Any] | None, ctx: "_Ctx") -> dict[str, Any] | None:
    """A speech tag right after quotation *q*, or None.

    A tag is 2 to 8 words right after the closing mark (footnote markers
    skipped) with a speech verb and no complementizer (``that``, ``whether``),
    ending at punctuation, a parenthesis or the next quotation. After a
    quotation ending in ``.`` the next words start a new sentence, not a tag.
    A tag without a name or pronoun (``the chairman wrote``) counts only after
    a quotation ending in ``,``, ``?`` or ``!``.

    Returns ``{name, pos, end, joins_next}``: ``name`` is None for a pronoun
    or an unnamed tag, ``end`` the offset where the tag ends.
    """
    e = q["end"]
    if _ends_with(q["text"], ".\u2026"):  # re.search(r"[.\u2026]\W*$", text)
        return None
    limit = min(len(text), e + 120)
    if nxt is not None:
        limit = min(limit, nxt["start"])
    lead = _NOTE_MARK.match(text, e, limit)
    e0 = lead.end() if lead else e
    seg = text[e0:limit]
    # A tag needs a speech verb or "according": its letters, lower-cased, are a
    # whole run of [a-z] in seg.lower() (commas, spaces or the tag's ends around
    # them). Without one, skip the (slow) _TAG match; it is quick anyway before
    # a parenthesis.
    if not _BEFORE_BRACKET.match(seg) and _TAG_WORDS.isdisjoint(_LOWER_RUN.findall(seg.lower())):
        return None
    m = _TAG.match(seg)
    if not m:
        return None
    words = m.group("tag").split()
    if not 2 <= len(words) <= 8:
        return None
    low = [w.lower().strip(",") for w in words]
    according = low[:2] == ["according", "to"]
    if not (according or any(w in SPEECH_VERBS for w in low)) or any(w in ("that", "whether", "if", "how", "why") for w in low):
        return None
    cues = [c for c in _cues(masked, e0 + m.start("tag"), e0 + m.end("tag"), ctx) if c.strength >= 3]
    cue = _best(cues)
    if cue is None and not _ends_with(q["text"], ",?!"):  # re.search(r"[,?!]\W*$", text)
        return None
    rest = seg[m.end():]
    joins = nxt is not None and _BLANK.fullmatch(rest[: max(0, nxt["start"] - e0 - m.end())]) is not None
    return {
        "according": according,
        "name": cue.name if cue else None,
        "pronoun": cue is not None and cue.name is None,
        "pos": cue.pos if cue else e0,
        "end": e0 + m.end("tag"),
        "joins_next": joins,
    }


def _kind(q: dict[str, Any], masked: str, grouped: bool, min_words: int) -> str:
    # The words of the quotation (_WORD.findall) are read only as far as the
    # rules need them: a long quotation is decided by its first few words.
    words: list[str] = []
    it = _WORD.finditer(q["text"])

    def read(k: int) -> None:  # until k words are read (or all)
        if len(words) < k:
            for m in it:
                words.append(m.group())
                if len(words) >= k:
                    break

    read(3)
    sentence_like = len(words) >= 3 or bool(words and words[0][0].isupper())
    introduced = (q["after_colon"] and sentence_like) or q["block"]
    sourced = q["citation"] is not None or q["tag"] is not None or grouped
    if not introduced and not sourced:
        if q["prev_word"] in _TITLE_CUES:
            return "title"
        if words and words[0][0].isupper():
            # Title Case: every content word capitalized; read on until one is not
            title = all(w[0].isupper() for w in words if w.lower() not in _FUNCTION)
            while title:
                n = len(words)
                read(n + 1)
                if len(words) == n:
                    break
                w = words[-1]
                title = w[0].isupper() or w.lower() in _FUNCTION
            if title and len(words) >= 4 and sum(1 for w in words if w.lower() not in _FUNCTION) >= 2:
                return "title"
    if sourced or introduced:
        return "quotation"
    if q["after_comma"]:
        s0, s1 = q["prefix"]
        if any(w.lower() in SPEECH_VERBS for w in _ASCII_WORD.findall(masked, s0, s1)[-4:]):
            return "quotation"
    read(min_words)
    if len(words) >= min_words:
        return "quotation"
    return "term"


def _resolve_pronoun(masked: str, pos: int, paras: list[tuple[int, int]], para: int, ctx: "_Ctx") -> str | None:
    """The name a pronoun at *pos* stands for (the answer depends on *pos* and where the search starts: cached)."""
    lo = paras[max(0, para - 2)][0]
    key = ("pronoun", lo, pos)
    if key not in ctx.cue_cache:
        ctx.cue_cache[key] = _find_antecedent(masked, lo, pos, ctx)
    return ctx.cue_cache[key]


def _find_antecedent(masked: str, lo: int, pos: int, ctx: "_Ctx") -> str | None:
    pronoun = masked[pos : pos + 3].lower().strip()
    # the last named cue before pos that can be this pronoun, preferring the last subject
    last = None
    for c in _cues_upto_reversed(masked, lo, pos, ctx):
        if c.name is None or c.pos >= pos:
            continue
        if (pronoun == "she" and c.raw.startswith("Mr.")) or (pronoun == "he" and (c.raw.split() or [""])[0] in _FEMALE):
            continue
        if c.subject:
            return c.name
        if last is None:
            last = c
    return last.name if last is not None else None


def _unnamed_speech(masked: str, lo: int, hi: int) -> bool:
    """A past-tense speech verb with no named speaker (``As one pamphleteer wrote:``)."""
    # (the pattern looks neither behind nor ahead: the same words as in the slice masked[lo:hi])
    return not _SPEECH_PAST.isdisjoint(map(str.lower, _ASCII_WORD.findall(masked, lo, hi)))


_ASCII_WORD = re.compile(r"[A-Za-z]+")
_BLANK = re.compile(r"\s*")
_SPEECH_PAST = frozenset(w for w in SPEECH_VERBS if w.endswith("ed") or w in _IRREGULAR_PAST)
_GAP4 = re.compile(r"[\s.,;:!?]{0,4}")
_GAP3 = re.compile(r"[\s.,;:!?]{0,3}")


def _ends_with(s: str, chars: str) -> bool:
    r"""``re.search("[" + chars + r"]\W*$", s)``: one of *chars* among the trailing non-word characters."""
    i = len(s)
    while i and not (s[i - 1].isalnum() or s[i - 1] == "_"):
        if s[i - 1] in chars:
            return True
        i -= 1
    return False


def _speaker(text, masked, q, paras, sent_s, sent_e, ctx) -> tuple[str | None, str | None]:
    pi = q["para_start"]

    def named(c: _Cue | None) -> str | None:
        if c is None:
            return None
        if c.name is not None:
            return c.name
        return _resolve_pronoun(masked, c.pos, paras, pi, ctx)
    # (each step below resolves its cue once: "if name := named(c)")

    # 1. speech tag after the quotation
    if q["tag"] is not None and (q["tag"]["name"] or q["tag"]["pronoun"]):
        c = _Cue(q["tag"]["pos"], q["tag"]["name"], 3)
        name = named(c)
        if name:
            return name, "according_to" if q["tag"]["according"] else "speech_tag"
    if q["tag"] is not None:
        return None, None  # an unnamed or unresolved speaker ("cried his wife"): do not guess from earlier text
    # 2. same sentence, before the quotation
    s0, s1 = q["prefix"]
    cues = _cues(masked, s0, s1, ctx)
    c = _best(cues)
    if name := named(c):
        return name, "according_to" if c.according else "same_sentence"
    if _unnamed_speech(masked, s0, s1):
        return None, None
    # 3. preceding sentences of the paragraph
    ps, _ = paras[pi]
    i = bisect.bisect_left(sent_s, s0) - 1
    for _ in range(2):
        if i < 0 or sent_s[i] < ps:
            break
        c = _best(_cues(masked, int(sent_s[i]), int(sent_e[i]), ctx))
        if name := named(c):
            return name, "according_to" if c.according else "previous_sentence"
        if _unnamed_speech(masked, int(sent_s[i]), int(sent_e[i])):
            return None, None
        i -= 1
    # 4. end of the previous paragraph, for a quotation that opens its paragraph
    if q["para_initial"] and pi > 0:
        pps, ppe = paras[pi - 1]
        j = bisect.bisect_left(sent_s, ppe) - 1
        for _ in range(2):
            if j < 0 or sent_s[j] < pps:
                break
            c = _best(_cues(masked, int(sent_s[j]), int(sent_e[j]), ctx))
            if name := named(c):
                return name, "according_to" if c.according else "previous_paragraph"
            if _unnamed_speech(masked, int(sent_s[j]), int(sent_e[j])):
                return None, None
            j -= 1
    return None, None


def _frame(quotes: list[dict[str, Any]], doc_id: str, style: str, cit_ids: np.ndarray) -> pd.DataFrame:
    """The output frame, built column by column from the quotations (no per-row pandas work).

    ``q["citation"]`` is a position in *cit_ids* (the citation ids in the
    order the citations were read), or None.
    """
    n = len(quotes)

    def ints(name: str) -> np.ndarray:
        return np.fromiter((q[name] for q in quotes), dtype=np.int64, count=n)

    def strs(values: list) -> Any:
        return pd.array(values, dtype="str")

    cit = [q["citation"] for q in quotes]
    missing = np.fromiter((c is None for c in cit), dtype=bool, count=n)
    return pd.DataFrame(
        {
            "doc_id": doc_id_column(doc_id, n),
            "quote_id": np.arange(n, dtype=ID_DTYPE),
            "start": ids(ints("start")),
            "end": ids(ints("end")),
            "text": strs([q["text"] for q in quotes]),
            "para_start": ids(ints("para_start")),
            "para_end": ids(ints("para_end")),
            "n_tokens": ints("n_tokens"),
            "kind": strs([q["kind"] for q in quotes]),
            "speaker": strs([_surname(q["speaker_name"]) for q in quotes]),
            "speaker_rule": strs([q["speaker_rule"] for q in quotes]),
            "citation_id": nullable_ids([0 if c is None else int(cit_ids[c]) for c in cit], missing),
            "group_id": ids(ints("group")),
            "closed": np.fromiter((bool(q["closed"]) for q in quotes), dtype=bool, count=n),
            "n_words": ints("n_words"),
            "n_nested": ints("n_nested"),
            "speaker_name": strs([q["speaker_name"] for q in quotes]),
            "style": pd.array([style] * n, dtype="str"),
        },
        columns=QUOTATION_COLUMNS,
    )
