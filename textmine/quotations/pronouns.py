"""Pronouns: whom a ``he``/``she`` cue stands for, as a table of rules.

A pronoun cue (``he said``, ``She answered:``, ``His report said``) names
no one itself. The rows of :data:`PRONOUN_RULES` are read in order; the
first that finds a name gives the speaker:

======================  ============================================  ========================================
rule                    where the pronoun stands                      it stands for
======================  ============================================  ========================================
``asked_object``        after ``asked X``/``asked him`` + a question  X, the one asked (``him``: the
                        word, in its sentence or the one before       last fitting person named
                        (``Dent asked Hale why. He answered:``)       before ``asked``, not its subject)
``first_person_kin``    ``my father``/``my mother``... in its         the first person's surname (the
                        sentence or the one before, no one named      transcript label, else the author)
                        between
``known_gender``        the text gives names genders by honorifics    the last subject if the text gives
                        anywhere (``Mrs. Quill``, ``Mr. Ord``,        it the pronoun's gender, else the
                        :data:`~.lexicon.GENDERED_HONORIFICS`)        last person named after that
                                                                      subject whom it gives that gender
``last_subject``        anywhere                                      the last fitting named subject,
                                                                      else the last fitting named cue
                                                                      (:meth:`~.cues.CueScanner.antecedent`)
``last_named``          no named subject before it                    the last fitting person named at
                                                                      all (an object, a complement)
======================  ============================================  ========================================

*Fitting*: ``Mr.`` is never ``she``, ``Mrs.``/``Ms.``/``Miss`` never ``he``
(:data:`~.lexicon.PRONOUN_EXCLUDES`).

How the rules stay linear
-------------------------
``asked_object`` and ``first_person_kin`` read at most :data:`ASK_REACH`
characters before the pronoun (the pronoun's sentence and the one before
it, within its paragraph) and, for ``asked him``, at most
:data:`OBJECT_REACH` characters before ``asked``: a bounded window per
quotation. The persons named before an offset are read back, last first,
from the text's one index of name runs
(:meth:`~.referents.Referents.runs_before`, at most
:data:`~.referents.READ_BACK` runs). ``last_subject`` is the
cue scanner's folded antecedent search; ``known_gender`` reads the names
of at most :data:`GENDER_REACH` characters before the pronoun (the genders
are read once per text, :attr:`~.referents.Referents.genders`).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Callable

from .cues import DESCRIPTION_WORDS, after_stop, word_pattern
from .lexicon import ASKING_VERBS, DETERMINERS, KIN_NOUNS, QUESTION_WORDS, NOT_NAME, PREPOSITIONS, PRONOUN_EXCLUDES, RELATIVE
from .names import NAME_RUN, clean_name, first_word, name_kind

__all__ = ["PronounRule", "PRONOUN_RULES", "antecedent", "ASK_REACH", "OBJECT_REACH", "GENDER_REACH"]

#: A person of the pronoun's gender is looked for at most this many characters before it.
GENDER_REACH = 1500
#: ``asked`` is looked for at most this many characters before the pronoun.
ASK_REACH = 400
#: The person asked as ``him``/``her`` is looked for at most this many characters before ``asked``.
OBJECT_REACH = 600

# "asked" (or another asking verb) as a word, then the one asked: the letter first, so a scan skips to it
_ASKED = word_pattern(ASKING_VERBS)
_MY_KIN = re.compile(word_pattern(("my", "My")).pattern + r"[ \t\n]+(?:own[ \t\n]+)?("
                     + "|".join(sorted(KIN_NOUNS)) + r")\b")
# what follows the one asked when a question was put ("asked Hale whether", "asked him: ...", "asked him about")
_QUESTION_NEXT = re.compile(r"[ \t\n]*(?:[,:?\u2592]|(?:" + "|".join(sorted(QUESTION_WORDS)) + r")\b)")
_OBJECT = re.compile(r"[ \t\n]+(?:(him|her)\b|(?=[A-Z]))")
_GENDER = {"him": "he", "her": "she"}


def _pronoun(masked: str, pos: int) -> str:
    """``he`` or ``she`` when a pronoun cue at *pos* is ``he``, ``she``, ``his`` or ``her``, else ""."""
    w = masked[pos : pos + 4].lower()
    for p, g in (("she", "she"), ("her", "she"), ("his", "he"), ("he", "he")):
        if w.startswith(p) and not (w[len(p) : len(p) + 1].isalpha()):
            return g
    return ""


def _person(run: str, pronoun: str) -> str | None:
    """The clean name of a run when it is a person the pronoun can stand for, else None."""
    name = clean_name(run)
    if not name or name_kind(name) != "person" or first_word(run) in PRONOUN_EXCLUDES.get(pronoun, ()):
        return None
    if " " not in name and name.lower().endswith(("ly", "ing", "ed")):
        return None  # "Partly, not wholly.": a capitalized word
    return name


def _person_at(ctx, start: int, run: str, pronoun: str) -> str | None:
    """:func:`_person` of a name run of the masked text at *start*, but a single word opening a sentence
    is taken only when the text never writes it in lower case (``Yes``, ``Partly`` are no names)."""
    name = _person(run, pronoun)
    if name is None or " " in name:
        return name
    first = start in ctx.cues.sent_starts or after_stop(ctx.masked, max(0, start - 3), start)
    return None if first and (name.lower() in ctx.cues.common or name.lower() in NOT_NAME) else name


def _word_before(masked: str, start: int) -> str:
    """The word (lower case) before *start*, read over at most 12 characters."""
    before = masked[max(0, start - 12) : start].split()
    return before[-1].lower() if before else ""


def _people_before(ctx, lo: int, hi: int, pronoun: str, skip: frozenset[str] = frozenset()):
    """``(start, end, name)`` of the persons named in ``[lo, hi)`` that *pronoun* can stand for, last
    first (:meth:`~.referents.Referents.runs_before`), not after a word of *skip*."""
    if ctx.referents is None:
        return
    for start, end, run in ctx.referents.runs_before(lo, hi):
        if _word_before(ctx.masked, start) in skip:
            continue
        name = _person_at(ctx, start, run, pronoun)
        if name:
            yield start, end, name


_NOT_OBJECT = DETERMINERS | PREPOSITIONS | RELATIVE


def _named_before(ctx, lo: int, hi: int, pronoun: str, skip_subject: bool) -> tuple[int, str] | None:
    """The last person named in ``masked[lo:hi]`` the pronoun can stand for (not after ``the``, a
    preposition or a relative word), with its offset; with *skip_subject*, not one right before *hi*
    (the subject of the verb at *hi*)."""
    for start, end, name in _people_before(ctx, lo, hi, pronoun, _NOT_OBJECT):
        if skip_subject and not ctx.masked[end:hi].strip(" \t\n,"):
            continue  # "Dent asked him": Dent asks
        return start, name
    return None


def _asked_object(ctx, pos: int, lo: int, para_lo: int) -> str | None:
    """``asked X`` / ``asked him`` in the pronoun's sentence or the one before: the one asked."""
    masked = ctx.masked
    pronoun = _pronoun(masked, pos)
    if not pronoun:
        return None
    i = bisect.bisect_right(ctx.sent_s, pos) - 2  # the sentence before the pronoun's
    start = max(para_lo, pos - ASK_REACH, ctx.sent_s[i] if i >= 0 else para_lo)
    last = None
    for m in _ASKED.finditer(masked, start, pos):
        last = m
    if last is None:
        return None
    o = _OBJECT.match(masked, last.end(), pos)
    if o is None:
        return None
    if o.group(1):  # "asked him": whom "him" stands for
        if _GENDER[o.group(1)] != pronoun:
            return None
        hit = _named_before(ctx, max(lo, last.start() - OBJECT_REACH), last.start(), pronoun, skip_subject=True)
        if hit is None:
            return None
        name, after = hit[1], o.end()
    else:
        nm = NAME_RUN.match(masked, o.end(), pos)
        name = _person(nm.group(), pronoun) if nm else None
        if name is None:
            return None
        after = nm.end()
    if not _QUESTION_NEXT.match(masked, after, pos):
        return None  # "Dent asked Hale for the keys": no question, the pronoun may be Dent's
    # someone else named between the one asked and the pronoun: the pronoun may be theirs
    if _named_before(ctx, after, pos, pronoun, skip_subject=False) is not None:
        return None
    return name


def _first_person_kin(ctx, pos: int, lo: int, para_lo: int) -> str | None:
    """``my father ... He said``: the kin of the first person (:data:`~.lexicon.KIN_NOUNS`) named in the
    pronoun's sentence or the one before, with no one named between, shares the first person's surname
    (the transcript label of the turn, else the document's author)."""
    masked = ctx.masked
    pronoun = _pronoun(masked, pos)
    if not pronoun:
        return None
    i = bisect.bisect_right(ctx.sent_s, pos) - 2
    start = max(para_lo, pos - ASK_REACH, ctx.sent_s[i] if i >= 0 else para_lo)
    last = None
    for m in _MY_KIN.finditer(masked, start, pos):
        last = m
    if last is None or KIN_NOUNS[last.group(1).lower()] != pronoun:
        return None
    if _named_before(ctx, last.end(), pos, pronoun, skip_subject=False) is not None:
        return None
    label = ctx.referents.label(pos, para_lo) if ctx.referents is not None else None
    return label or ctx.author or ""  # "": the kin of an unknown first person, whose name is unknown too


def _known_gender(ctx, pos: int, lo: int, para_lo: int) -> str | None:
    """The last subject when the text gives it the pronoun's gender, else the last person named after it
    (within :data:`GENDER_REACH`) whom the text gives that gender (``Dr. Ord thought ... but Quill kept
    ... she wrote``), else None (the next rows decide)."""
    pronoun = _pronoun(ctx.masked, pos)
    refs = ctx.referents
    if not pronoun or refs is None or not refs.genders:
        return None
    cue = ctx.cues.antecedent_cue(pos, lo)
    if cue is None:
        return None  # no subject to prefer over: the last rows decide
    if refs.gender(cue.name) == pronoun:
        return cue.name
    for _, _, name in _people_before(ctx, max(lo, pos - GENDER_REACH, cue.pos + 1), pos, pronoun, DETERMINERS):
        if refs.gender(name) == pronoun:  # named after the last subject
            return name
    return None


def _described_subject(ctx, pos: int, lo: int, para_lo: int) -> str | None:
    """``The judge told the jury ... he said``: a description speaking (``the judge told``, ``the plaintiff
    testified``) at most :data:`ASK_REACH` characters before the pronoun in its paragraph, nearer than any
    named subject, stands for the person the text names with that role
    (:meth:`~.referents.Referents.describe`); None otherwise."""
    refs = ctx.referents
    pronoun = _pronoun(ctx.masked, pos)
    if refs is None or not pronoun:
        return None
    start = max(para_lo, pos - ASK_REACH)  # in its paragraph (a record citation may stand as a sentence between)
    low = ctx.masked[start:pos].lower()
    if not any(w in low for w in DESCRIPTION_WORDS):
        return None  # no description cue can be there
    window = ctx.cues.cues_upto(start, pos)  # from the pieces between walls, each read once per text
    described = [c for c in window if c.kind == "description" and c.raw != "it"]
    if not described:
        return None
    last = described[-1]
    named = ctx.cues.antecedent_cue(pos, lo)
    if named is not None and named.pos > last.pos:
        return None  # a named subject is nearer
    between = {_pronoun(ctx.masked, c.pos) for c in window if c.pos > last.pos and c.name is None and c.kind == "person"}
    if between - {pronoun, ""}:
        return None  # "the senator told her ... He went on ... She answered": the other one speaks now
    hit = refs.describe(last.raw, last.pos, lo)
    if hit is None or hit[1] != "person" or first_word(hit[0]) in PRONOUN_EXCLUDES.get(pronoun, ()):
        return None
    if refs.genders and refs.gender(hit[0]) not in (None, pronoun):
        return None
    return hit[0]


def _last_subject(ctx, pos: int, lo: int, para_lo: int) -> str | None:
    return ctx.cues.antecedent(pos, lo)


def _last_named(ctx, pos: int, lo: int, para_lo: int) -> str | None:
    """No named subject: the last fitting person named at all (within :data:`GENDER_REACH`), as an
    object or a complement (``The engineer was Col. Ada Marsh, and she wrote``)."""
    pronoun = _pronoun(ctx.masked, pos)
    if not pronoun:
        return None
    for _, _, name in _people_before(ctx, max(lo, pos - GENDER_REACH), pos, pronoun, DETERMINERS | PREPOSITIONS):
        return name
    return None


@dataclass(frozen=True)
class PronounRule:
    """One row of :data:`PRONOUN_RULES`."""

    name: str
    find: Callable  # (ctx, pronoun offset, near-window start, paragraph start) -> name, "" (nobody named) or None
    description: str
    examples: tuple[tuple[str, str], ...] = ()  # (text, speaker surname) the rule must give
    counter_examples: tuple[str, ...] = ()  # texts whose pronoun this rule must leave to the next rows


#: The rules that resolve a pronoun, in order (see the module docs).
PRONOUN_RULES: tuple[PronounRule, ...] = (
    PronounRule(
        "asked_object", _asked_object,
        "he answered after 'asked X' or 'asked him': the one asked, not the asker",
        (("Judge Ruth Marsh questioned the ferryman at length and asked Tobias Ord whether the boat had been "
          "overloaded. He answered: \u201cNever by more than two sheep.\u201d", "Ord"),
         ("The new keeper was a man named Silas Crane. When a visitor asked him why the lamp was out, he replied: "
          "\u201cBecause the oil came late again.\u201d", "Crane")),
        ("Silas Crane asked for a second lamp. He wrote: \u201cOne lamp is not enough for this coast.\u201d",
         "Tobias Ord asked Silas Crane for the keys. He said: \u201cOne lamp is not enough for this coast.\u201d",
         "Mrs. Ida Crane asked the keeper about the lamp. She said: \u201cThe oil came late again.\u201d",
         "Tobias Ord asked Silas Crane about the lamp. Mayor Ann Pike then rose, and he said: \u201cThe oil is late.\u201d"),
    ),
    PronounRule(
        "first_person_kin", _first_person_kin,
        "my father ... he said: the first person's kin, under the first person's surname",
        (("Mr. HALE. I remember what my own father told me when he sold the farm. He said: \u201cLand is the "
          "only thing they are not making more of.\u201d", "Hale"),),
        ("Mr. HALE. I remember what my father told Tobias Ord when he sold the farm. He said: \u201cLand is "
         "the only thing they are not making more of.\u201d",
         "Mr. HALE. I remember what my mother told me when we sold the farm. He said: \u201cLand is "
         "the only thing they are not making more of.\u201d"),
    ),
    PronounRule(
        "described_subject", _described_subject,
        "he/she after 'the judge told ...', 'the witness testified ...' (nearer than any named subject): "
        "the person the text names with that role",
        (("The case was tried before Judge Ada Marsh in May. The judge told the jury that the road was old. Later "
          "she said that \u201cthe town must keep its drains open at all times.\u201d", "Marsh"),),
        ("The case was tried before Judge Ada Marsh in May. The judge told the jury that the road was old. Tom "
         "Hale then rose, and he said that \u201cthe town must keep its drains open at all times.\u201d",
         "Senator Tom Hale met her in May. \u201cNo money,\u201d the senator told her. He went on to say more. She "
         "answered: \u201cThen I will find it elsewhere.\u201d"),
    ),
    PronounRule(
        "known_gender", _known_gender,
        "she/he: a person the text gives that gender (Mrs., Miss, Mr. anywhere) over one it gives none",
        (("Miss Ada Quill taught at the school. Dr. Tobias Ord, who ran the clinic, thought the school a waste, "
          "but Quill kept her counsel. \u201cThe doctor has never taught a child to read,\u201d she wrote.", "Quill"),
         ("Mayor Ann Pike gave Mr. Ord the contract. Pike\u2019s council was not pleased. \u201cThe roads will "
          "be done by June,\u201d he said.", "Ord")),
        ("Ada Quill taught at the school. Dr. Tobias Ord thought the school a waste, but Quill kept her counsel. "
         "\u201cThe doctor has never taught a child to read,\u201d she wrote.",
         "Mr. Tobias Ord ran the clinic. A farmer named Carl Dent spoke next. \u201cThe clinic is too far "
         "from the farms,\u201d he said."),
    ),
    PronounRule(
        "last_subject", _last_subject,
        "the last fitting named subject, else the last fitting named cue, from two paragraphs back",
        (("Tobias Ord ran the ferry. \u201cThe river is too high to cross,\u201d he said.", "Ord"),),
        (),
    ),
    PronounRule(
        "last_named", _last_named,
        "no named subject: the last fitting person named at all (an object, a complement)",
        (("The keeper that winter was Tobias Ord, who lived alone, and he kept a log. His report said: "
          "\u201cThe lamp failed twice in the gale.\u201d", "Ord"),),
        ("The keeper that winter lived alone, and he kept a log. His report said: "
         "\u201cThe lamp failed twice in the gale.\u201d",),
    ),
)


def antecedent(ctx, pos: int, lo: int, para_lo: int) -> tuple[str | None, str]:
    """(name, rule) a pronoun cue at *pos* stands for: the first rule of :data:`PRONOUN_RULES` that
    decides (*lo*: the start of the near window; *para_lo*: the start of the quotation's paragraph); the
    name is None when that rule finds a person the text does not name (``my father`` of an unknown
    author) or no rule decides."""
    for rule in PRONOUN_RULES:
        name = rule.find(ctx, pos, lo, para_lo)
        if name is not None:  # "" decides too: a person whose name the text does not give
            return name or None, rule.name
    return None, ""
