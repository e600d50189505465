"""Speakers: who a quotation's words belong to, as a table of search windows.

For a quotation (``kind == "quotation"``), in order:

1. its speech tag (``speech_tag``; ``according_to`` for ``according to X``;
   ``description`` for ``the director explained``, ``the paper remarked``,
   ``it wrote``, resolved by :mod:`~textmine.quotations.referents`); a tag
   with an unnamed or unresolved speaker (``cried his wife``) ends the
   search: earlier text is not guessed from;
2. the windows of :data:`SPEAKER_WINDOWS`, in order: in each, the best cue
   (:meth:`~textmine.quotations.cues.CueScanner.best`: an ``according to``
   cue or a document's sender, ``a letter from X``, ``This is from X``, else
   the nearest of strength 2 or more) names the speaker, under the window's
   rule (``according_to`` for an ``according to`` cue, ``source_document``
   for a sender, :data:`~textmine.quotations.lexicon.SOURCE_DOCUMENTS`); a window
   whose speech verb has no named subject (``As one pamphleteer wrote:``)
   ends the search with an unknown speaker;
3. a document form that names its own author in its first words
   (:data:`SELF_NAMED_FORMS`: ``Resolved, That the village of Elm Ford
   ...``);
4. the author of its citation (``citation_author``).

Every speaker has a kind (``speaker_kind``): a person; an organisation or
periodical (its full name, :meth:`~.referents.Referents.resolve`); or, for
``I``, the author (``author``), unless a transcript label (``Mr. OSGOOD.``)
names the turn, which makes ``I`` that person. A person named by a first
name alone takes the one full name the text gives it
(:meth:`~.referents.Referents.person_name`).

A later part of a group takes the name of the tag before it
(``speech_tag``) or the group's first speaker (``previous_part``); a
quotation documented by the same source as the previous one in the same or
the next paragraph takes its speaker (``carried_over``, an Ibid. chain).
A pronoun cue is resolved by the rows of :data:`~.pronouns.PRONOUN_RULES`:
the one asked after ``asked X``/``asked him``; the first person's surname
after ``my father``; a person the text's honorifics give the pronoun's
gender over a subject they give none; else the nearest fitting named cue
before it, subjects first, from the start of the paragraph two before the
quotation's (``Mr.`` is never ``she``, ``Mrs.``/``Ms.``/``Miss`` never
``he``); else, with no named subject, the last fitting person named.
"""

from __future__ import annotations

import bisect
import re
from typing import Callable

from .context import Context
from .cues import Cue
from .names import ORG_RUN, name_kind
from .pronouns import antecedent as pronoun_antecedent
from .record import Quotation

__all__ = ["SPEAKER_WINDOWS", "SpeakerWindow", "SELF_NAMED_FORMS", "SELF_NAMED_READ", "self_named", "find_speakers",
           "is_cued", "carry_over", "PRONOUN_PARAGRAPHS"]

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


#: (name as written, rule, kind) of a speaker; (None, None, "") when unknown
Speaker = tuple[str | None, str | None, str]
_NOBODY: Speaker = (None, None, "")


def _first_person(q: Quotation, ctx: Context) -> tuple[str | None, str]:
    """Who ``I`` is: the speaker label of the transcript turn (``Mr. OSGOOD.`` at the start of its line, in
    its paragraph), else the document's author."""
    label = ctx.referents.label(q.start, ctx.paras[q.para_start][0]) if ctx.referents is not None else None
    if label:
        return label, "person"
    return ctx.author, "author"


def _near(q: Quotation, ctx: Context) -> int:
    """Where the near window of a quotation starts: its paragraph's start, :data:`PRONOUN_PARAGRAPHS` back."""
    return ctx.paras[max(0, q.para_start - PRONOUN_PARAGRAPHS)][0]


def _named(c: Cue | None, q: Quotation, ctx: Context) -> tuple[str | None, str]:
    """(name, kind) of cue *c*: a pronoun resolved to its antecedent, ``I`` to the author, an
    organisation's short name to its full name."""
    if c is None:
        return None, ""
    if c.kind == "author":
        return _first_person(q, ctx)
    if c.kind == "description":  # "the commission said"
        hit = ctx.referents.describe(c.raw, c.pos, _near(q, ctx)) if ctx.referents is not None else None
        return (hit[0], hit[1]) if hit else (None, "")
    if c.name is not None:
        if ctx.referents is None:
            return c.name, c.kind
        if c.spokes:  # "An Interior spokesman said": the organisation, never a person with that role
            return ctx.referents.spoken_for(c.name, c.pos)
        if c.kind != "person":
            return ctx.referents.resolve(c.name, c.kind, c.pos)
        if ctx.referents.introduced_as_periodical(c.name, c.pos):  # "Our paper, De Stem, ... De Stem wrote"
            return c.name, "periodical"
        return ctx.referents.person_name(c.name), c.kind
    return pronoun_antecedent(ctx, c.pos, _near(q, ctx), ctx.paras[q.para_start][0])[0], "person"


def _found(name: str | None, kind: str) -> bool:
    """A speaker is found: a name, or the first person (whose author may be unknown)."""
    return bool(name) or kind == "author"


def _from_tag(q: Quotation, ctx: Context) -> Speaker:
    """The speaker a speech tag names, describes (``the director``) or leaves unnamed."""
    t = q.tag
    if t.name or t.pronoun:
        name, kind = _named(Cue(t.pos, t.name, 3, kind=t.kind), q, ctx)
        if _found(name, kind):
            return name, "according_to" if t.according else "speech_tag", kind
    elif t.description and ctx.referents is not None:
        hit = ctx.referents.describe(t.description, t.pos, _near(q, ctx))
        if hit is not None:
            return hit[0], "description", hit[1]
    return _NOBODY  # an unnamed or unresolved speaker ("cried his wife"): do not guess from earlier text


def speaker_of(q: Quotation, ctx: Context) -> Speaker:
    """(name as written, rule, kind) of a quotation's speaker from its tag and windows, or (None, None, "")."""
    if q.tag is not None:
        return _from_tag(q, ctx)
    for rule, windows in SPEAKER_WINDOWS:
        for lo, hi in windows(q, ctx):
            c = ctx.cues.best(lo, hi)
            name, kind = _named(c, q, ctx)
            if _found(name, kind):
                return name, c.rule or ("according_to" if c.according else rule), kind
            if ctx.cues.unnamed_speech(lo, hi):
                return _NOBODY
    return _NOBODY


#: A document form that names its own author in its first words: (rule, pattern on the quotation's first
#: :data:`SELF_NAMED_READ` characters giving the author as group 1, description, examples, counter-examples).
SelfNamedForm = tuple[str, re.Pattern, str, tuple[tuple[str, str], ...], tuple[str, ...]]
#: How many characters of a quotation a :data:`SELF_NAMED_FORMS` pattern reads.
SELF_NAMED_READ = 200
#: Document forms whose words name who says them, read when no tag or cue names a speaker (before the
#: author of the quotation's citation).
SELF_NAMED_FORMS: tuple[SelfNamedForm, ...] = (
    ("resolution",
     re.compile(r"[\u201c\u2018\"']?(?:Be it )?[Rr]esolved,?[ \t\n]+[Tt]hat[ \t\n]+the[ \t\n]+"
                r"((?:[a-z]+[ \t\n]+of[ \t\n]+)?" + ORG_RUN.pattern + ")"),
     "Resolved, That the X ...: a resolution's enacting words name the body that resolves",
     (("The clerk read the motion into the minutes: \u201cResolved, That the village of Elm Ford will pave the "
       "square at its own cost.\u201d", "village of Elm Ford"),
      ("It reads: \u201cResolved, That the Fenwick Harbour Board asks the state for a new pier.\u201d",
       "Fenwick Harbour Board")),
     ("It reads: \u201cResolved, That a new pier be built at the public cost.\u201d",
      "The clerk read it: \u201cWe resolved that the village of Elm Ford will pave the square.\u201d")),
)


def self_named(q: Quotation, ctx: Context) -> Speaker:
    """(author, rule, ``organisation``) of a quotation whose first words name its author
    (:data:`SELF_NAMED_FORMS`), or (None, None, "")."""
    for rule, pattern, *_ in SELF_NAMED_FORMS:
        m = pattern.match(ctx.text, q.start, min(q.end, q.start + SELF_NAMED_READ))
        if m:
            return " ".join(m.group(1).split()), rule, "organisation"
    return _NOBODY


def _from_group(q: Quotation, qi: int, quotes: list[Quotation]) -> Speaker:
    """A later part of a group: the tag just before it, else the group's first speaker."""
    prev = quotes[qi - 1]
    if prev.group == q.group and prev.tag is not None and prev.tag.name and prev.speaker_rule == "speech_tag":
        return prev.speaker_name, "speech_tag", prev.speaker_kind  # the tag's name as the speakers pass read it
    first = quotes[q.group]
    if _found(first.speaker_name, first.speaker_kind):
        return first.speaker_name, "previous_part", first.speaker_kind
    return _NOBODY


def find_speakers(quotes: list[Quotation], ctx: Context) -> None:
    """The speakers pass: ``speaker_name``, ``speaker_rule`` and ``speaker_kind`` of every ``quotation``."""
    authors = ctx.citations.author
    for qi, q in enumerate(quotes):
        q.speaker_name, q.speaker_rule, q.speaker_kind = _NOBODY
        if q.kind != "quotation":
            continue
        if q.group != qi:
            q.speaker_name, q.speaker_rule, q.speaker_kind = _from_group(q, qi, quotes)
            if q.speaker_rule:
                continue
        name, rule, kind = speaker_of(q, ctx)
        if rule is None:
            name, rule, kind = self_named(q, ctx)
        if rule is None and q.citation is not None:
            author = authors[q.citation]
            if isinstance(author, str) and author:  # a corporate author ("Soil Erosion Service") is no person
                name, rule, kind = author, "citation_author", name_kind(" ".join(author.split()))
        q.speaker_name, q.speaker_rule, q.speaker_kind = name, rule, kind


def is_cued(q: Quotation, ctx: Context) -> bool:
    """A speech cue (a named, pronoun, first-person, described or ``according to`` subject of a speech
    verb) or a reporting verb with no named subject (``a spokesman said only that``; not a naming verb
    such as ``called``) precedes the quotation in its sentence: its words are someone's (kind rule
    ``cued``). Asked by the kinds pass only for the quotations that reach that rule."""
    if q.tag is not None or q.citation is not None:
        return False
    c = ctx.cues.best(q.prefix_start, q.start)
    return (c is not None and c.strength >= 3) or ctx.cues.reported_speech(q.prefix_start, q.start)


def carry_over(quotes: list[Quotation], ctx: Context) -> None:
    """``carried_over``: a quotation without a speaker documented by the source of the previous one."""
    last: dict[int, tuple[str, int, str]] = {}
    for q in quotes:
        src = ctx.citations.source(q.citation) if q.citation is not None else None
        if q.kind == "quotation" and q.speaker_name is None and src is not None and src in last:
            name, para, kind = last[src]
            if q.para_start - para <= 1:
                q.speaker_name, q.speaker_rule, q.speaker_kind = name, "carried_over", kind
        if src is not None and q.speaker_name:
            last[src] = (q.speaker_name, q.para_end, q.speaker_kind)
