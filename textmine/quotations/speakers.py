"""Speakers: who a quotation's words belong to, as a table of search windows.

For a quotation (``kind == "quotation"``), in order:

1. its speech tag (``speech_tag``; ``according_to`` for ``according to X``);
   a tag with an unnamed or unresolved speaker (``cried his wife``) ends the
   search: earlier text is not guessed from;
2. the windows of :data:`SPEAKER_WINDOWS`, in order: in each, the best cue
   (:meth:`~textmine.quotations.cues.CueScanner.best`: an ``according to``
   cue, else the nearest of strength 2 or more) names the speaker, under the
   window's rule (``according_to`` for an ``according to`` cue); a window
   whose speech verb has no named subject (``As one pamphleteer wrote:``)
   ends the search with an unknown speaker;
3. the author of its citation (``citation_author``).

A later part of a group takes the name of the tag before it
(``speech_tag``) or the group's first speaker (``previous_part``); a
quotation documented by the same source as the previous one in the same or
the next paragraph takes its speaker (``carried_over``, an Ibid. chain).
A pronoun cue is resolved to the nearest fitting named cue before it,
subjects first, from the start of the paragraph two before the
quotation's (``Mr.`` is never ``she``, ``Mrs.``/``Ms.``/``Miss`` never
``he``).
"""

from __future__ import annotations

import bisect
from typing import Callable

from .context import Context
from .cues import Cue
from .record import Quotation

__all__ = ["SPEAKER_WINDOWS", "SpeakerWindow", "find_speakers", "carry_over", "PRONOUN_PARAGRAPHS"]

#: A pronoun is resolved from the start of the paragraph this many before the quotation's.
PRONOUN_PARAGRAPHS = 2
#: How many sentences back the ``previous_sentence`` and ``previous_paragraph`` windows reach.
SENTENCES_BACK = 2

#: (rule, function giving the windows ``(lo, hi)`` of a quotation, in the order they are read)
SpeakerWindow = tuple[str, Callable[[Quotation, Context], list[tuple[int, int]]]]


def _same_sentence(q: Quotation, ctx: Context) -> list[tuple[int, int]]:
    """The quotation's sentence, before it."""
    return [(q.prefix_start, q.start)]


def _sentences_before(ctx: Context, before: int, para_start: int) -> list[tuple[int, int]]:
    """Up to :data:`SENTENCES_BACK` sentences starting before *before* and not before *para_start*, last first."""
    out = []
    i = bisect.bisect_left(ctx.sent_s, before) - 1
    while len(out) < SENTENCES_BACK and i >= 0 and ctx.sent_s[i] >= para_start:
        out.append((ctx.sent_s[i], ctx.sent_e[i]))
        i -= 1
    return out


def _previous_sentences(q: Quotation, ctx: Context) -> list[tuple[int, int]]:
    """The sentences before the quotation's, in its paragraph."""
    return _sentences_before(ctx, q.prefix_start, ctx.paras[q.para_start][0])


def _previous_paragraph(q: Quotation, ctx: Context) -> list[tuple[int, int]]:
    """For a quotation opening its paragraph, the last sentences of the previous paragraph (``As X wrote:``)."""
    if q.para_initial and q.para_start > 0:
        pps, ppe = ctx.paras[q.para_start - 1]
        return _sentences_before(ctx, ppe, pps)
    return []


#: The windows searched for a cue after the speech tag, in order: (rule, windows).
SPEAKER_WINDOWS: tuple[SpeakerWindow, ...] = (
    ("same_sentence", _same_sentence),
    ("previous_sentence", _previous_sentences),
    ("previous_paragraph", _previous_paragraph),
)


def _named(c: Cue | None, q: Quotation, ctx: Context) -> str | None:
    """The name of cue *c*, a pronoun resolved to its antecedent."""
    if c is None:
        return None
    if c.name is not None:
        return c.name
    return ctx.cues.antecedent(c.pos, ctx.paras[max(0, q.para_start - PRONOUN_PARAGRAPHS)][0])


def speaker_of(q: Quotation, ctx: Context) -> tuple[str | None, str | None]:
    """(name as written, rule) of a quotation's speaker from its tag and windows, or (None, None)."""
    if q.tag is not None:
        if q.tag.name or q.tag.pronoun:
            name = _named(Cue(q.tag.pos, q.tag.name, 3), q, ctx)
            if name:
                return name, "according_to" if q.tag.according else "speech_tag"
        return None, None  # an unnamed or unresolved speaker ("cried his wife"): do not guess from earlier text
    for rule, windows in SPEAKER_WINDOWS:
        for lo, hi in windows(q, ctx):
            c = ctx.cues.best(lo, hi)
            if name := _named(c, q, ctx):
                return name, "according_to" if c.according else rule
            if ctx.cues.unnamed_speech(lo, hi):
                return None, None
    return None, None


def _from_group(q: Quotation, qi: int, quotes: list[Quotation]) -> tuple[str | None, str | None]:
    """A later part of a group: the tag just before it, else the group's first speaker."""
    prev = quotes[qi - 1]
    if prev.group == q.group and prev.tag is not None and prev.tag.name:
        return prev.tag.name, "speech_tag"
    first = quotes[q.group]
    if first.speaker_name:
        return first.speaker_name, "previous_part"
    return None, None


def find_speakers(quotes: list[Quotation], ctx: Context) -> None:
    """The speakers pass: ``speaker_name`` and ``speaker_rule`` of every ``quotation``."""
    authors = ctx.citations.author
    for qi, q in enumerate(quotes):
        q.speaker_name, q.speaker_rule = None, None
        if q.kind != "quotation":
            continue
        if q.group != qi:
            q.speaker_name, q.speaker_rule = _from_group(q, qi, quotes)
            if q.speaker_name:
                continue
        name, rule = speaker_of(q, ctx)
        if name is None and q.citation is not None:
            author = authors[q.citation]
            if isinstance(author, str) and author:
                name, rule = author, "citation_author"
        q.speaker_name, q.speaker_rule = name, rule


def carry_over(quotes: list[Quotation], ctx: Context) -> None:
    """``carried_over``: a quotation without a speaker documented by the source of the previous one."""
    last: dict[int, tuple[str, int]] = {}
    for q in quotes:
        src = ctx.citations.source(q.citation) if q.citation is not None else None
        if q.kind == "quotation" and q.speaker_name is None and src is not None and src in last:
            name, para = last[src]
            if q.para_start - para <= 1:
                q.speaker_name, q.speaker_rule = name, "carried_over"
        if src is not None and q.speaker_name:
            last[src] = (q.speaker_name, q.para_end)
