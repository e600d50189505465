"""Speech tags and the groups they join (``“...,” Lenin explained, “...”``).

A speech tag is 2 to :data:`MAX_TAG_WORDS` (10) words right after the closing mark (note markers
skipped), within :data:`TAG_WINDOW` characters, in the quotation's
paragraph (a hard-wrapped line break inside it is a space) and before the
next quotation, with a speech verb (or ``according to``) and no
complementizer (``that``, ``whether``...; ``that`` before a time word, as
in ``wrote that September``, is none), ending at punctuation, a
parenthesis or the next quotation. After a quotation ending in ``.`` the
next words start a new sentence, not a tag. A tag without a name or
pronoun (``the chairman wrote``) counts only after a quotation ending in
``,``, ``?`` or ``!``; its *description* (``director`` of ``the director
explained``, ``paper`` of ``the paper remarked``, ``it`` of ``it wrote``)
is kept for the speakers pass to resolve.

Two quotations of one paragraph separated only by a tag are one group
(``group`` is the first part's index), unless the second part has its own
tag naming someone else (dialogue).
"""

from __future__ import annotations

import re

from .cues import CueScanner, best_cue
from .lexicon import ACCORDING_TO, COMPLEMENTIZERS, SPEECH_VERBS, TIME_WORDS
from .names import HONORIFIC, surname
from .record import Quotation, SpeechTag

__all__ = ["TAG_WINDOW", "TAG", "speech_tag", "description", "may_hold_tag", "tag_match", "find_speech_tags", "group_parts", "ends_with"]

#: A speech tag lies within this many characters after the closing mark.
TAG_WINDOW = 120
#: A speech tag has at most this many words (``the Board of Aldermen wrote to us in May``).
MAX_TAG_WORDS = 10
_MAX_TAG_CHARS = 80

_NOTE_MARK = re.compile(r"(?:\[\d{1,3}\]|\^\d{1,3}|[\u2070\u00b9\u00b2\u00b3\u2074-\u2079]+)")
#: A speech tag right after a closing mark: up to 80 characters to punctuation, a bracket or the end.
TAG = re.compile(
    rf"\s*,?\s*(?P<tag>(?:{HONORIFIC}|[A-Z]\.(?=\s*[A-Z])|[^.!?;:\u2014\u201c\u2018\u00ab\"(\[]){{1,{_MAX_TAG_CHARS}}}?)"
    r"\s*(?P<end>[.!?;:,\u2014]|(?=[(\[])|$)"
)
_TAG_WORDS = SPEECH_VERBS | {ACCORDING_TO[0]}
_LOWER_RUN = re.compile(r"[a-z]+")
_BEFORE_BRACKET = re.compile(r"\s*[(\[]")
_BLANK = re.compile(r"\s*")


def ends_with(s: str, chars: str) -> bool:
    r"""``re.search("[" + chars + r"]\W*$", s)``: one of *chars* among the trailing non-word characters."""
    i = len(s)
    while i and not (s[i - 1].isalnum() or s[i - 1] == "_"):
        if s[i - 1] in chars:
            return True
        i -= 1
    return False


def may_hold_tag(seg: str) -> bool:
    """Whether *seg* (the text after a closing mark) can start a tag at all: a quick filter before :func:`tag_match`.

    A tag needs a speech verb or ``according``: its letters, lower-cased,
    are a whole run of ``[a-z]`` in ``seg.lower()`` (commas, spaces or the
    tag's ends around them). Before a parenthesis the match is quick
    anyway. (``tag_match(seg)`` is None whenever this is False: a test
    checks it.)
    """
    return _BEFORE_BRACKET.match(seg) is not None or not _TAG_WORDS.isdisjoint(_LOWER_RUN.findall(seg.lower()))


def tag_match(seg: str) -> tuple[re.Match, bool] | None:
    """The tag at the start of *seg* and whether it is ``according to``, or None."""
    m = TAG.match(seg)
    if not m:
        return None
    words = m.group("tag").split()
    if not 2 <= len(words) <= MAX_TAG_WORDS:
        return None
    low = [w.lower().strip(",") for w in words]
    according = tuple(low[:2]) == ACCORDING_TO
    if not (according or any(w in SPEECH_VERBS for w in low)) or _complementizer(low):
        return None
    return m, according


def _complementizer(low: list[str]) -> bool:
    """A complementizer among the lower-cased tag words (``that`` before a time word is a demonstrative)."""
    return any(w in COMPLEMENTIZERS and not (w == "that" and i + 1 < len(low) and low[i + 1] in TIME_WORDS)
               for i, w in enumerate(low))


def description(tag: str) -> str | None:
    """What an unnamed tag calls its speaker: ``director`` (``the director explained``), ``it`` (``it wrote``).

    The word after ``the`` right before the speech verb, or right after
    ``VERB the``; ``it`` before or after the verb. Lower case; None if
    the tag has neither.
    """
    words = [w.strip(",") for w in tag.split()]
    low = [w.lower() for w in words]
    for i, w in enumerate(low):
        if w not in SPEECH_VERBS:
            continue
        if i >= 2 and low[i - 2] == "the":
            return low[i - 1]
        if i + 2 < len(low) and low[i + 1] == "the":
            return low[i + 2]
        if (i >= 1 and low[i - 1] == "it") or (i + 1 < len(low) and low[i + 1] == "it"):
            return "it"
    return None


def speech_tag(text: str, q: Quotation, nxt: Quotation | None, cues: CueScanner,
               para_end: int | None = None) -> SpeechTag | None:
    """A speech tag right after quotation *q* (*nxt*: the next quotation; *para_end*: its paragraph's end), or None."""
    e = q.end
    if ends_with(q.text, ".\u2026"):
        return None
    limit = min(len(text), e + TAG_WINDOW, len(text) if para_end is None else max(e, para_end))
    if nxt is not None:
        limit = min(limit, nxt.start)
    lead = _NOTE_MARK.match(text, e, limit)
    e0 = lead.end() if lead else e
    seg = text[e0:limit]
    found = tag_match(seg) if may_hold_tag(seg) else None
    if found is None:
        return None
    m, according = found
    cue = best_cue([c for c in cues.cues(e0 + m.start("tag"), e0 + m.end("tag"))
                    if c.strength >= 3 and c.kind != "description"])  # a tag's description is read below
    if cue is None and not ends_with(q.text, ",?!"):
        return None
    rest = seg[m.end():]
    joins = nxt is not None and _BLANK.fullmatch(rest[: max(0, nxt.start - e0 - m.end())]) is not None
    return SpeechTag(
        according=according,
        name=cue.name if cue else None,
        description=None if cue else description(m.group("tag")),
        kind=cue.kind if cue else "person",
        pronoun=cue is not None and cue.name is None,
        pos=cue.pos if cue else e0,
        end=e0 + m.end("tag"),
        joins_next=joins,
    )


def find_speech_tags(quotes: list[Quotation], text: str, cues: CueScanner,
                     paras: list[tuple[int, int]] | None = None) -> None:
    """The tags pass: ``q.tag`` for every closed quotation (a tag stays in its paragraph of *paras*)."""
    last = len(quotes) - 1
    for qi, q in enumerate(quotes):
        end = paras[q.para_end][1] if paras is not None else None
        q.tag = speech_tag(text, q, quotes[qi + 1] if qi < last else None, cues, end) if q.closed else None


def group_parts(quotes: list[Quotation]) -> None:
    """The groups pass: a quotation whose tag joins it to the next one shares its group with it."""
    for qi, q in enumerate(quotes):
        q.group = qi
    for q, r in zip(quotes, quotes[1:]):
        if q.tag is None or not q.tag.joins_next or r.para_start != q.para_end:
            continue
        if r.tag is not None and q.tag.name and r.tag.name and surname(r.tag.name) != surname(q.tag.name):
            continue  # dialogue: the next part has its own, different speaker
        r.group = q.group
