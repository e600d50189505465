"""Speaker cues: who is said to speak, in a window of the masked text.

A *cue* is a person name followed by an optional appositive, up to three
adverbs and a verb (a speech verb scores 3, another past-tense verb 2, only
an auxiliary or copula 1: good enough to resolve a pronoun, not a speaker;
an :data:`~.lexicon.OPEN_SPEECH_VERBS` verb, ``began``, ``went``, ``put``,
scores 3 only before the words, ``,`` or ``:``, or with ``on``/``it``; an
:data:`~.lexicon.AGREEMENT_VERBS` verb before ``with``, ``agreed with``,
scores 1),
``according to NAME`` (4), ``said NAME`` (3), or ``he``/``she`` + verb.
A name at the start of its sentence with no verb after it (``Mr. Dale of
the Union objected``) scores 1. A name after a comma (an appositive) may
take its verb after a second comma (``the club's clerk, Nora Blythe, set out
the choice``). A name after a preposition (``the voters of Dover adopted``) is
no subject.

Organisations and periodicals (``kind``, :func:`~.names.name_kind`) speak
only through a speech verb: ``the Morning Chronicle said``, ``said the
Board of Aldermen`` (their full name after ``the``, :data:`~.names.ORG_RUN`),
``according to the Ledger``, ``Congress declared`` (a single
:data:`~.lexicon.INSTITUTION_WORDS` word); ``Congress passed`` or
``Management was divided`` is no cue. ``I`` + verb (``I wrote``) is a
first-person cue (kind ``author``); ``the`` + a lower-case noun + a
reporting verb (:data:`REPORTING`: ``the commission said``, ``the
company, which ..., said``, not ``the critics would call``) or a speech
act (``its director issued a statement``, :data:`~.lexicon.SPEECH_ACT_VERBS`)
is a description cue, and so are ``it`` before one (``it said``, ``it
posted a notice``) and an organisation's document (``the company’s rules``,
:data:`~.lexicon.DOCUMENT_NOUNS`) (kind ``description``),
resolved by :mod:`.referents`. A name after a relative word (``in which
Sen. Hale spoke``) is the subject of its clause: a cue of strength 1 at
most (for a pronoun), never a speaker, unless the relative word follows a
:data:`~.lexicon.SPEECH_NOUNS` word (``the question that Mr. Hale put to
me``: Hale's words). A possessive name before a
:data:`~.lexicon.SPEECH_NOUNS` word (``Hale’s verdict was brief:``) scores
3, any other possessive 0, and so does ``his``/``her`` before one (``His
report said``, a pronoun). ``was told by NAME`` and ``in the words of
NAME`` score 3. A name after ``named`` (``a farmer named
Carl Dent, said``) is an appositive, as after a comma.
The text inside quotations and citations is masked (:data:`MASK`) and never
searched. The word lists are :mod:`.lexicon`'s.

How the windows stay linear
---------------------------
A cue looks at most :data:`LOOKBACK` characters before its name (the word
before it: ``the Party``, ``said Lenin``, ``, Lenin``), and no pattern
reads across a *wall*: ``; : ! ?``, the mask, or a full stop after a
lower-case letter (not after an honorific). So the cues of a window are
those of the pieces between its walls, and a piece that starts at least
:data:`LOOKBACK` characters into the window has the same cues whatever the
window: :class:`CueScanner` scans each piece once per text. A question
about a long window (the best cue of a sentence prefix, the antecedent of
a pronoun, an unnamed speech verb) is answered from the value of the
window up to its last wall, kept per window start, and the piece after
that wall: every piece is read a bounded number of times, so the cue
search is linear in the text, whatever the input (a run-on paragraph with
thousands of quotations, a pronoun with no fitting name before it). The
answers are exactly those of scanning each window whole.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Callable, Iterator

from .lexicon import (
    ACCORDING_TO, SOURCE_DOCUMENTS, ADVERBS, APPOSITIVE_WORDS, COPULA, CORPORATE_ABBREVIATIONS, DETERMINERS, FIRST_PERSON, HONORIFICS, INSTITUTION_WORDS,
    IRREGULAR_PAST, AGREEMENT_VERBS, DOCUMENT_NOUNS, NOT_NAME, OBJECT_VERBS, OPEN_SPEECH_PARTICLES, OPEN_SPEECH_VERBS, PREPOSITIONS, PRONOUN_EXCLUDES, PRONOUNS, RELATIVE, SPEECH_NOUNS,
    SPEECH_ACT_VERBS, SPEECH_PAST, SPEECH_VERBS, SPOKESPEOPLE,
)
from .names import NAME_RUN, NAME_START, ORG_RUN, clean_name, first_word, name_kind

__all__ = [
    "MASK", "LOOKBACK", "DESCRIPTION_WORDS", "Cue", "CueScanner", "LowerWords", "find_cues", "best_cue", "after_name", "after_stop",
    "last_word", "prev_lower_word", "word_pattern", "verb_strength", "ACCORDING", "PRONOUN", "ASCII_WORD",
]

#: Text inside quotations and citations is replaced by this character before cues are searched.
MASK = "\u2592"
#: Past-tense speech verbs that report words (the naming verbs ``called``, ``dubbed``... name a concept).
REPORTING: frozenset[str] = SPEECH_PAST - OBJECT_VERBS
#: The verbs through which a description speaks (``the judge said``, ``the judge told the jury that``,
#: ``the clerk warned them``): the reporting verbs and the speech verbs that take a hearer as object
#: (a description is their subject, never the object), not the naming verbs.
DESCRIPTION_VERBS: frozenset[str] = REPORTING | (SPEECH_PAST & OBJECT_VERBS) - {
    w for w in OBJECT_VERBS if w.startswith(("call", "dub", "label", "brand", "thank"))}
#: How far before a name a cue looks (the word before it), in characters: the one look-back of the cue rules.
LOOKBACK = 20
#: Windows shorter than this are scanned whole (cached); longer ones are folded over their walls.
FOLD_MIN = 2048

_WB = r"\w\u2019'"  # what may not touch a word (pronoun, ``according``) on either side


def word_pattern(words: tuple[str, ...]) -> re.Pattern:
    """``(?<![\\w’'])(?:w1|w2|...)(?![\\w’'])``, written to start with a character class.

    The check on the character before a word follows its first letter (then
    known), so a scan skips to the first letters instead of trying every
    position.
    """
    firsts = "".join(sorted({w[0] for w in words}))
    rests: dict[str, set[str]] = {}
    for w in words:
        rests.setdefault(w[1:], set()).add(w[0])
    alts = "|".join(f"(?<=[{''.join(sorted(f))}]){re.escape(rest)}" for rest, f in sorted(rests.items()))
    return re.compile(rf"[{firsts}](?<![{_WB}][{firsts}])(?:{alts})(?![{_WB}])")


#: ``he``/``she`` (and capitalized) as a word.
PRONOUN = word_pattern(PRONOUNS)
#: ``I`` as a word.
FIRST_PERSON_WORD = word_pattern(FIRST_PERSON)
# A string in every pronoun (lower case): a window without it has no PRONOUN match ("" when none is shared).
_PRONOUN_LETTERS = next((w for w in sorted({p.lower() for p in PRONOUNS}, key=len) if all(w in p.lower() for p in PRONOUNS)), "")
#: ``according to`` and the spaces after it.
ACCORDING = re.compile(rf"\b{ACCORDING_TO[0]}\s+{ACCORDING_TO[1]}\s+", re.I)
_ACCORDING_TO_END = re.compile(rf"{ACCORDING_TO[0]}\s+{ACCORDING_TO[1]}\W*$", re.I)
# Letters whose only case-insensitive equals are their ASCII cases (under re.I,
# "i", "k" and "s" also match "İ", "K" (Kelvin) and "ſ"): a window without the
# longest run of them in "according", lower-cased, has no ACCORDING match.
_PLAIN_LETTERS = frozenset("abcdefghjlmnopqrtuvwxyz")
ACCORDING_FILTER = max(re.findall(f"[{''.join(sorted(_PLAIN_LETTERS))}]+", ACCORDING_TO[0]), key=len)
#: A run of ASCII letters.
ASCII_WORD = re.compile(r"[A-Za-z]+")
_POSSESSIVE = re.compile(r"[\u2019']s?\b")
_APPOSITIVE = re.compile(
    r",\s*(?:(?:" + "|".join(APPOSITIVE_WORDS) + r")\b[^,.;:!?\u2592]{0,100}|[a-z][^,.;:!?\u2592]{0,40}"
    r"|[a-z]+ed\b[^,.;:!?\u2592]{0,100}"  # "Hale, asked about the fire at the meeting of the guild, replied"
    r"|[A-Z]{1,2}-[A-Z][A-Za-z]*\.?),\s*"  # "Sen. Ada Crowe, R-Ohio, said", "Rep. Hale, D-Ore., said"
)
_SPACES = re.compile(r"\s+")
# a lower-case possessor and the noun it owns ("daughter-in-law’s recollection"); the letter first: a fast scan
_UNNAMED_POSSESSIVE = re.compile(r"[a-z][a-z\-]*[\u2019']s[ \t\n]+([a-z]+)\b")
_WORD_OR_HYPHEN = re.compile(r"[\w\u2019'\-]")
_WITH = re.compile(r"with\b")
_RELATIVE_SUBJECT = re.compile(r",\s*(?:who|which)\s+")  # "Mr. Hale, who set out the case ...": the subject
_POSSESSIVE_END = re.compile(r"[\u2019']s?$")
# (each starts with a character class, then the check on the character before: a scan skips to the letter)
_POSSESSIVE_PRONOUN = re.compile(r"[Hh](?<![\w\u2019'][Hh])(?:is|er)[ \t\n]+([a-z]+)(?![\w\u2019'])")
_BY_AGENT = re.compile(r"(?<![\w\u2019'])([a-z]+)[ \t\n]+by[ \t\n]+$")
# "in the words of NAME", "the testimony of Dr. NAME": a speech noun's "of" names who says the words
# ("the question of NAME" is what is asked about, not who asks)
_WORDS_OF = re.compile(r"(?<![\w\u2019'])(?:" + "|".join(sorted(SPEECH_NOUNS - {"question"})) + r")[ \t\n]+of[ \t\n]+$")
_SPOKESPEOPLE_OF = re.compile(r"(?:" + "|".join(sorted(SPOKESPEOPLE)) + r")\s+(?:of|at|for|in)\s+")
_SPOKESPEOPLE_NEXT = re.compile(r"\s+(?:" + "|".join(sorted(SPOKESPEOPLE)) + r")\s+([A-Za-z]+)\b")
#: The words every description cue starts with (lower case): a window without one of them has none
#: (``the director said``, ``its secretary wrote``, ``the company’s rules``, ``the company, which ..., said``).
DESCRIPTION_WORDS: tuple[str, ...] = ("the", "its", "their")
_DESCRIPTION = re.compile(word_pattern(tuple(w2 for w in DESCRIPTION_WORDS for w2 in (w, w.capitalize()))).pattern
                          + r"[ \t\n]+([a-z]+)(?=[ \t\n]+([a-z]+)(?![\w\u2019']))")  # "the director said", "its secretary wrote"
# "the company’s rules", "its board’s report": an organisation's document (the noun, then the document)
_OWNED_DOCUMENT = re.compile(word_pattern(("the", "The", "its", "Its")).pattern
                             + r"[ \t\n]+([a-z]+)[\u2019']s[ \t\n]+([a-z]+)(?![\w\u2019'])")
_IT = re.compile(word_pattern(("it", "It")).pattern + r"(?=[ \t\n]+([a-z]+)(?![\w\u2019']))")  # "it said", "it posted a notice"
# a verb's object that makes it a speech act: "issued a statement", "posted a notice", "gave its answer"
_SPEECH_ACT_OBJECT = re.compile(r"[ \t\n]+(?:a|an|the|its|his|her|their)[ \t\n]+([a-z]+)\b")
_DESCRIPTION_COMMA = re.compile(r"[Tt](?<![\w\u2019'][Tt])he[ \t\n]+([a-z]+)(?=,)")  # "the company, which ..., said"
_THE_END = re.compile(r"(?<![\w\u2019'])[Tt]he\s+$")
_NEXT_WORD = re.compile(r"([A-Za-z]+)\b\s*")
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_HONORIFIC_WORDS = frozenset(HONORIFICS) | frozenset(CORPORATE_ABBREVIATIONS)  # their full stop is no wall
# A wall: ; : ! ? or the mask, or a full stop after a lower-case letter that
# does not end an honorific ("Mr."; a name run can hold a full stop only in an
# honorific or an initial, and no other cue pattern reads across one) or a
# company abbreviation ("Power Co.", which an organisation's name may end with).
_CUT = re.compile(r"[.;:!?\u2592][;:!?\u2592]*")
_CUT_BLOCK = 2048  # walls are found per block of this many characters, each block once


@dataclass(slots=True)
class Cue:
    """A speaker cue: a name (or a pronoun) and how strongly it marks a speaker."""

    pos: int  # offset of the name (or pronoun)
    name: str | None  # full name as written; None for a pronoun
    strength: int
    according: bool = False  # "according to X" (or a document from X): wins over nearer cues
    rule: str = ""  # the speaker rule it gives, when not the window's ("source_document")
    subject: bool = False  # at the start of its sentence or right after a comma
    raw: str = ""  # the name run as written, honorific included
    kind: str = "person"  # person, organisation, periodical or author (first person)
    spokes: bool = False  # an organisation named by its spokespeople ("Interior officials said"): never a role


def verb_strength(word: str) -> int:
    """3 for a speech verb, 2 for another past-tense verb, 0 otherwise."""
    w = word.lower()
    if w in SPEECH_VERBS:
        return 3
    if w in IRREGULAR_PAST or (len(w) > 4 and w.endswith("ed")):
        return 2
    return 0


def after_name(masked: str, pos: int, hi: int) -> int:
    """Strength of the verb after a name ending at *pos* (appositive and adverbs skipped).

    3 a speech verb, 2 another past-tense verb, 1 only an auxiliary or copula
    (used to resolve pronouns, not as a speaker cue), 0 none.
    """
    # The regexes match at positions of *masked* with endpos *hi*, which reads
    # the same as matching the slice masked[pos:hi] (none looks behind its start).
    if _POSSESSIVE.match(masked, pos, hi):
        return 0  # possessive
    m = _APPOSITIVE.match(masked, pos, hi) or _RELATIVE_SUBJECT.match(masked, pos, hi) or _SPACES.match(masked, pos, hi)
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
        s = verb_strength(word)
        if s == 3 and low in OPEN_SPEECH_VERBS and not _words_follow(masked, w.end(), hi):
            return 2  # "since the war began had": no speech
        if s == 3 and low in AGREEMENT_VERBS and _WITH.match(masked, w.end(), hi):
            return 1  # "I agreed with it": a subject, but the words are another's
        if s and low not in COPULA:
            return s
        if low in COPULA:
            aux = True
        elif not (low in ADVERBS or low.endswith("ly")):
            break
        at = w.end()
    return 1 if aux else 0  # "Stephenson was confident": a subject, good enough for a pronoun


def _words_follow(masked: str, at: int, hi: int) -> bool:
    """Quoted words (or ``,`` ``:`` before them) follow an open speech verb ending at *at*, or the
    window ends, or one of :data:`~.lexicon.OPEN_SPEECH_PARTICLES` (``went on``, ``put it``) follows."""
    j = at
    while j < hi and masked[j] in " \t\n":
        j += 1
    if j >= hi or masked[j] in ",:" + MASK:
        return True
    w = _NEXT_WORD.match(masked, j, hi)
    return w is not None and w.group(1).lower() in OPEN_SPEECH_PARTICLES


def after_stop(masked: str, a: int, b: int) -> bool:
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


def last_word(s: str) -> str:
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


def prev_lower_word(masked: str, a: int, b: int) -> str:
    """``re.search(r"\\b([a-z]+)\\s+$", masked[a:b]).group(1)``, or "" (no search from every position).

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


def _according_cues(masked: str, a: int, hi: int) -> list[Cue]:
    out: list[Cue] = []
    if ACCORDING_FILTER not in masked[a:hi].lower():
        return out
    for m in ACCORDING.finditer(masked, a, hi):
        sp = _SPOKESPEOPLE_OF.match(masked, m.end(), hi)  # "according to officials of the Board"
        named = _name_at(masked, sp.end() if sp else m.end(), hi)
        if named:
            out.append(Cue(named[0], named[1], 4, according=True, kind=named[2]))
    return out


def _name_at(masked: str, at: int, hi: int) -> tuple[int, str, str] | None:
    """``(offset, name, kind)`` of the organisation (after ``the``) or person named at *at*, or None."""
    the = masked.startswith(("the ", "The "), at)
    nm = ORG_RUN.match(masked, at + 4, hi) if the else NAME_RUN.match(masked, at, hi)
    name = (_one_line(nm.group()) if the else clean_name(nm.group())) if nm else None
    return (nm.start(), name, name_kind(name, the)) if name else None


#: ``a letter from``, ``the resolutions from``, ``This is from``: the sender named next is the source.
_FROM_SOURCE = re.compile(
    r"\b(?:(?:" + "|".join(sorted(SOURCE_DOCUMENTS)) + r")s?|(?:this|that|it)\s+(?:is|was))\s+from\s+", re.I)


def _source_cues(masked: str, a: int, hi: int, out: list[Cue]) -> None:
    """``a letter from the Harbour Board``, ``This is from the Evening Ledger``: the sender (strength 4)."""
    if "from" not in masked[a:hi].lower():
        return
    for m in _FROM_SOURCE.finditer(masked, a, hi):
        named = _name_at(masked, m.end(), hi)
        if named:
            out.append(Cue(named[0], named[1], 4, according=True, rule="source_document", kind=named[2]))


def _one_line(run: str) -> str:
    """A name run with its line breaks and runs of spaces read as one space."""
    return " ".join(run.split())


def _object_of_word(prev: str, before: str) -> bool:
    """The word before a name makes it no subject: ``the Party``, ``according to X``, ``which Russia``."""
    low = prev.lower()
    if low in DETERMINERS:
        return True
    if low == "to" and _ACCORDING_TO_END.search(before):
        return True
    return low in RELATIVE and before.rstrip().endswith(prev)


def _name_cues(masked: str, lo: int, hi: int, scan_from: int, sent_starts, common, out: list[Cue]) -> None:
    """The cues of the name runs in the window (appended to *out*, in order)."""
    pos = scan_from
    match_run = NAME_RUN.match
    # NAME_RUN.finditer(masked, scan_from, hi), trying only the positions where a name can start
    for c in NAME_START.finditer(masked, scan_from, hi):
        start = c.start()
        if start < pos:
            continue
        nm = match_run(masked, start, hi)
        if nm is None:
            continue
        pos = nm.end()
        raw = nm.group()
        name = clean_name(raw)
        if not name:
            continue
        before = masked[max(lo, start - LOOKBACK) : start]
        prev = last_word(before)
        org_at = _org_start(raw, start, before, prev)
        if org_at is not None:  # "the Morning Chronicle said", "The Chief of Engineers wrote"
            b = masked[max(lo, org_at - LOOKBACK) : org_at]
            pos = _org_cue(masked, lo, org_at, hi, b, sent_starts, out) or pos
            continue
        relative = prev.lower() in RELATIVE and prev.lower() not in DETERMINERS and before.rstrip().endswith(prev)
        said = prev.lower() in RELATIVE and _words_relative(before)  # "the question that Mr. Hale put"
        spoken = prev.lower() in ("a", "an") and _spokespeople_speak(masked, pos, hi)  # "A Treasury spokesman said"
        if prev and not (relative or said or spoken) and (_object_of_word(prev, before) or _after_preposition(prev, before)):
            continue
        cue = _person_cue(masked, lo, hi, start, pos, raw, name, before, prev, sent_starts, common)
        if cue is not None:
            if said:  # "the question that Mr. Hale put to me": Hale's words
                cue.subject = True
            elif relative:  # "in which Sen. Hale spoke": the subject of a clause, for a pronoun only
                cue.strength, cue.subject = min(cue.strength, 1), True
            out.append(cue)


_SPEECH_NOUN_RELATIVE = re.compile(r"(?<![\w\u2019'])([a-z]+)[ \t\n]+(?:that|which)[ \t\n]+$")


def _words_relative(before: str) -> bool:
    """*before* ends with a speech noun and a relative word (``the question that``, ``the reply which``):
    the name after it says those words."""
    m = _SPEECH_NOUN_RELATIVE.search(before)
    return m is not None and m.group(1) in SPEECH_NOUNS


def _spokespeople_speak(masked: str, end: int, hi: int) -> bool:
    """Spokespeople and a speech verb follow a name ending at *end* (``Treasury officials said``)."""
    sp = _SPOKESPEOPLE_NEXT.match(masked, end, hi)
    return sp is not None and sp.group(1).lower() in SPEECH_VERBS


def _org_start(raw: str, start: int, before: str, prev: str) -> int | None:
    """Where an organisation's name starts, when a name run follows ``the`` or opens with ``The``."""
    if prev and prev.lower() in DETERMINERS:
        return start if _THE_END.search(before) else None
    if raw.startswith("The") and raw[3:4].isspace() and not (prev and _object_of_word(prev, before)):
        return start + 3 + len(raw[3:]) - len(raw[3:].lstrip())
    return None


def _person_cue(masked: str, lo: int, hi: int, start: int, pos: int, raw: str, name: str, before: str, prev: str,
                sent_starts, common) -> Cue | None:
    """The cue of a name run ``[start, pos)`` that is not an organisation after ``the``, or None."""
    first_in_sentence = start in sent_starts or after_stop(masked, max(lo - 3, 0), start)
    single_initial = first_in_sentence and " " not in name
    low = name.lower()
    if single_initial and (low.endswith(("ing", "ed", "ly")) or low in NOT_NAME):
        return None  # a capitalized common word ("Concessions were ...")
    appositive = before.rstrip().endswith(",") or prev == "named"
    if _spokespeople_speak(masked, pos, hi):  # "Highway Board officials said": the organisation speaks
        return Cue(start, name, 3, subject=first_in_sentence or appositive, raw=raw, kind="organisation", spokes=True)
    s = _name_strength(masked, lo, start, pos, hi, appositive)
    if s == 1 and single_initial:
        return None
    kind = name_kind(name)
    if kind != "person" and s < 3:
        return None  # "Congress passed", "Management was divided": no speaker
    if s == 0 and first_in_sentence and not single_initial:
        s = 1  # "Mr. Dale of the Union objected": a subject for a pronoun
    # the words the text also writes in lower case are asked about last
    # (a look-up may read the text): only for a would-be cue
    if not s or (single_initial and low in common):
        return None
    name = _POSSESSIVE_END.sub("", name)  # "Hale’s reply": Hale
    return Cue(start, name, s, subject=first_in_sentence or appositive, raw=raw, kind=kind)


def _name_strength(masked: str, lo: int, start: int, pos: int, hi: int, appositive: bool) -> int:
    """The strength of a name run ``[start, pos)``: its verb, ``said NAME``, or ``, NAME, VERB``."""
    if _POSSESSIVE_END.search(masked, start, pos):  # "Hale’s lodgers": a possessive is no subject ...
        w = _NEXT_WORD.match(masked, pos + 1, hi) if masked[pos : pos + 1].isspace() else None
        return 3 if w and w.group(1).lower() in SPEECH_NOUNS else 0  # ... but "Hale’s reply" speaks
    s = after_name(masked, pos, hi)
    if s == 0:
        if _inverted(masked, lo, start) or _agent(masked[max(lo, start - LOOKBACK) : start]):
            return 3  # "said Lenin", "was told by Lenin", "in the words of Lenin"
        if appositive and masked.startswith(",", pos):
            return after_name(masked, pos + 1, hi)  # "the clerk, Nora Blythe, set out the choice"
    return s


def _after_preposition(prev: str, before: str) -> bool:
    """The name is a preposition's object (``the voters of Dover``), but not in ``the words of NAME``."""
    return prev.lower() in PREPOSITIONS and before.rstrip().endswith(prev) and _WORDS_OF.search(before) is None


def _agent(before: str) -> bool:
    """The name after *before* says the words: ``was told by NAME``, ``in the words of NAME``."""
    m = _BY_AGENT.search(before)
    return (m is not None and m.group(1) in SPEECH_VERBS) or _WORDS_OF.search(before) is not None


def _inverted(masked: str, lo: int, start: int) -> bool:
    """A speech verb right before *start* whose subject follows it (``said Lenin``; not ``told Lenin``)."""
    pv = prev_lower_word(masked, max(lo, start - LOOKBACK), start)
    return pv in SPEECH_VERBS and not pv.endswith("ing") and pv not in OBJECT_VERBS


def _org_cue(masked: str, lo: int, start: int, hi: int, before: str, sent_starts, out: list[Cue]) -> int | None:
    """An organisation or periodical named after ``the`` at *start*, speaking (appended to *out*); its end."""
    m = ORG_RUN.match(masked, start, hi)
    if m is None:
        return None
    name = _one_line(m.group())
    end = m.end()
    the = start - len(_THE_END.search(before).group())
    if after_name(masked, end, hi) == 3 or _inverted(masked, lo, the):
        first = the in sent_starts or after_stop(masked, max(lo - 3, 0), the)
        out.append(Cue(start, name, 3, subject=first or masked[max(lo, the - LOOKBACK):the].rstrip().endswith(","),
                       raw=name, kind=name_kind(name, True)))
    return end


def _pronoun_cues(masked: str, lo: int, hi: int, scan_from: int, out: list[Cue]) -> None:
    seg = masked[scan_from:hi]  # each scan is skipped when the words it looks for are not in the window
    low = seg.lower()
    if _PRONOUN_LETTERS in low:
        _he_she_cues(masked, lo, hi, scan_from, out)
    if any(w in seg for w in FIRST_PERSON):
        for pm in FIRST_PERSON_WORD.finditer(masked, scan_from, hi):
            s = after_name(masked, pm.end(), hi)
            if s == 3:  # "I wrote", "I answered him": the author speaks (only through a speech verb)
                out.append(Cue(pm.start(), None, s, kind="author"))
    if "h" in low:  # _POSSESSIVE_PRONOUN starts with [Hh]
        for pm in _POSSESSIVE_PRONOUN.finditer(masked, scan_from, hi):
            if pm.group(1).lower() in SPEECH_NOUNS:  # "His report said", "her reply was short"
                out.append(Cue(pm.start(), None, 3))


def _he_she_cues(masked: str, lo: int, hi: int, scan_from: int, out: list[Cue]) -> None:
    for pm in PRONOUN.finditer(masked, scan_from, hi):
        s = after_name(masked, pm.end(), hi)
        if s == 0 and prev_lower_word(masked, max(lo, pm.start() - LOOKBACK), pm.start()) in SPEECH_VERBS:
            s = 3
        if s:
            out.append(Cue(pm.start(), None, s))


def _speech_act(masked: str, verb: str, end: int, hi: int) -> bool:
    """A :data:`~.lexicon.SPEECH_ACT_VERBS` *verb* ending at *end* whose object is a speech noun or a document (``issued a
    statement``, ``posted a notice``, :data:`~.lexicon.SPEECH_NOUNS`, :data:`~.lexicon.SOURCE_DOCUMENTS`)."""
    if verb.lower() not in SPEECH_ACT_VERBS:
        return False
    o = _SPEECH_ACT_OBJECT.match(masked, end, hi)
    return o is not None and (o.group(1) in SPEECH_NOUNS or o.group(1) in SOURCE_DOCUMENTS)


def _description_cues(masked: str, lo: int, hi: int, scan_from: int, out: list[Cue]) -> None:
    """``the chairman said``, ``its secretary wrote``, ``the company, which ..., said``, ``the director issued
    a statement``: a description (``kind == "description"``, the noun in ``raw``) before a speech verb (an
    appositive between them) or a speech act (:func:`_speech_act`)."""
    for m in _DESCRIPTION.finditer(masked, scan_from, hi):
        if m.group(2).lower() in DESCRIPTION_VERBS or _speech_act(masked, m.group(2), m.end(2), hi):
            out.append(Cue(m.start(1), None, 3, kind="description", raw=m.group(1)))
    for m in _OWNED_DOCUMENT.finditer(masked, scan_from, hi):  # "the company’s rules forbade"
        if m.group(2) in DOCUMENT_NOUNS:
            out.append(Cue(m.start(1), None, 3, kind="description", raw=m.group(1)))
    for m in _IT.finditer(masked, scan_from, hi):
        if m.group(1) in REPORTING or _speech_act(masked, m.group(1), m.end(1), hi):
            out.append(Cue(m.start(), None, 3, kind="description", raw="it"))
    if "," not in masked[scan_from:hi]:
        return
    for m in _DESCRIPTION_COMMA.finditer(masked, scan_from, hi):  # "the company, which began in May, said"
        a = _APPOSITIVE.match(masked, m.end(), hi)
        w = _NEXT_WORD.match(masked, a.end(), hi) if a else None
        if w and w.group(1).lower() in REPORTING:
            out.append(Cue(m.start(1), None, 3, kind="description", raw=m.group(1)))


def find_cues(masked: str, lo: int, hi: int, sent_starts, common, scan_from: int | None = None,
              named: bool = False) -> list[Cue]:
    """Speaker cues in ``masked[lo:hi]``, in order (from *scan_from* on, the context still from *lo*).

    *sent_starts*: offsets where sentences start. *common*: words the text
    also writes in lower case; a single capitalized word at the start of a
    sentence that is one of them is not a name. *named*: only the cues
    with a name (``according to``, a document's sender, a name run), not
    pronouns, ``I`` or descriptions: the cues a pronoun's antecedent can be.
    """
    scan_from = lo if scan_from is None else scan_from
    out = _according_cues(masked, scan_from, hi)
    _source_cues(masked, scan_from, hi, out)
    _name_cues(masked, lo, hi, scan_from, sent_starts, common, out)
    if not named:
        _pronoun_cues(masked, lo, hi, scan_from, out)
        _description_cues(masked, lo, hi, scan_from, out)
    # each run is in order already: sort only when they mix
    if any(a.pos > b.pos for a, b in zip(out, out[1:])):
        out.sort(key=lambda c: c.pos)
    return out


def best_cue(cues: list[Cue], min_strength: int = 2) -> Cue | None:
    """The last ``according to`` cue of at least *min_strength*, else the last such cue."""
    best = None
    for c in reversed(cues):
        if c.strength >= min_strength:
            if c.according:
                return c
            if best is None:
                best = c
    return best


# ---------------------------------------------------------------- folds
# The value of a window, folded over its pieces: a pair (preferred, last),
# each the last cue of its sort in the window (None when there is none).
_Pair = tuple  # (Cue | None, Cue | None)


def _later(a: _Pair, b: _Pair) -> _Pair:
    """The pair of two consecutive windows: the later one's cue where it has one."""
    return (b[0] or a[0], b[1] or a[1])


def _best_pair(cues: list[Cue]) -> _Pair:
    """(last ``according to`` cue, last cue), of strength 2 or more."""
    according = last = None
    for c in reversed(cues):
        if c.strength >= 2:
            if last is None:
                last = c
            if c.according:
                according = c
                break
    return (according, last)


def _antecedent_pair(cues: list[Cue], excludes: frozenset[str]) -> _Pair:
    """(last named subject, last named cue) that the pronoun can stand for."""
    subject = last = None
    for c in reversed(cues):
        if c.name is None or c.kind != "person" or first_word(c.raw) in excludes:
            continue
        if last is None:
            last = c
        if c.subject:
            subject = c
            break
    return (subject, last)


class CueScanner:
    """The cues of one masked text, each piece between walls scanned once.

    Parameters
    ----------
    masked : str
        The text with quotations and citations masked by :data:`MASK`.
    sent_starts : set of int
        Offsets where sentences start.
    common : container of str
        Words the text also writes in lower case (a :class:`LowerWords`).
    """

    def __init__(self, masked: str, sent_starts=frozenset(), common=frozenset()):
        self.masked, self.sent_starts, self.common = masked, sent_starts, common
        self._cues: dict[tuple, list[Cue]] = {}
        self._walls: dict[int, list[int]] = {}
        self._memo: dict[tuple, tuple[list[int], dict[int, object]]] = {}
        self._windows: dict[tuple, object] = {}

    def cues(self, lo: int, hi: int, scan_from: int | None = None, named: bool = False) -> list[Cue]:
        """:func:`find_cues` of ``[lo, hi)`` (cached)."""
        key = (lo, hi, scan_from, named)
        out = self._cues.get(key)
        if out is None:
            out = self._cues[key] = find_cues(self.masked, lo, hi, self.sent_starts, self.common, scan_from, named)
        return out

    # -------------------------------------------------------------- walls
    def walls_reversed(self, a: int, b: int) -> Iterator[int]:
        """Offsets of the walls in ``[a, b)``, last first (each block of the text read once).

        A run of walls split by a block boundary gives one more wall
        offset, which is as exact a place to cut as any other.
        """
        for k in range((b - 1) // _CUT_BLOCK, a // _CUT_BLOCK - 1, -1):
            for c in reversed(self._block_walls(k)):
                if c < a:
                    return
                if c < b:
                    yield c

    def _block_walls(self, k: int) -> list[int]:
        """The walls of block *k* (found once per block)."""
        walls = self._walls.get(k)
        if walls is None:
            masked, lo = self.masked, k * _CUT_BLOCK
            walls = self._walls[k] = [w.start() for w in _CUT.finditer(masked, lo, lo + _CUT_BLOCK) if _is_wall(masked, w.start())]
        return walls

    def last_wall(self, a: int, b: int) -> int | None:
        """The last wall offset in ``[a, b)`` (the first of :meth:`walls_reversed`), or None."""
        for k in range((b - 1) // _CUT_BLOCK, a // _CUT_BLOCK - 1, -1):
            walls = self._block_walls(k)
            i = bisect.bisect_left(walls, b) - 1
            if i >= 0:
                return walls[i] if walls[i] >= a else None
        return None

    def _piece_cues(self, lo: int, a: int, b: int, named: bool = False) -> list[Cue]:
        """Cues of the piece ``[a, b)`` of a window starting at *lo* (*a* is *lo* or a wall)."""
        return self.cues(lo, b, named=named) if a == lo else self.cues(a - LOOKBACK, b, scan_from=a, named=named)

    def cues_upto(self, lo: int, hi: int) -> list[Cue]:
        """``self.cues(lo, hi)`` put together from the cues of the pieces between walls."""
        if lo < 0 or hi > len(self.masked):
            return self.cues(lo, hi)
        out, end = [], hi
        for c in self.walls_reversed(lo + LOOKBACK, hi):
            out.extend(reversed(self._piece_cues(lo, c, end)))
            end = c
        out.extend(reversed(self._piece_cues(lo, lo, end)))
        return out[::-1]

    def _fold(self, kind: tuple, lo: int, hi: int, piece: Callable[[int, int], object], join: Callable) -> object:
        """``piece(lo, hi)``, from the value up to the last wall (kept per *kind* and *lo*) and the rest.

        *piece(a, b)* is the value of ``[a, b)`` for a window starting at
        *lo*; *join* puts the values of consecutive pieces together.
        """
        last = self.last_wall(lo + LOOKBACK, hi)
        if last is None:
            return piece(lo, hi)
        return join(self._upto_wall(kind, lo, last, piece, join), piece(last, hi))

    def _upto_wall(self, kind: tuple, lo: int, wall: int, piece, join) -> object:
        """The value of ``[lo, wall)``, *wall* a wall at least :data:`LOOKBACK` after *lo*."""
        keys, values = self._memo.setdefault((kind, lo), ([], {}))
        if wall in values:
            return values[wall]
        i = bisect.bisect_left(keys, wall)
        start = keys[i - 1] if i else None
        new = list(self.walls_reversed(lo + LOOKBACK if start is None else start + 1, wall))[::-1] + [wall]
        acc = values[start] if start is not None else None
        for w in new:
            acc = piece(lo, w) if start is None else join(acc, piece(start, w))
            values[w] = acc
            start = w
        keys[i:i] = new
        return acc

    # -------------------------------------------------------------- questions
    def _long(self, lo: int, hi: int) -> bool:
        """A window worth folding over its walls (shorter ones are scanned whole, and cached)."""
        return hi - lo >= FOLD_MIN and lo >= 0 and hi <= len(self.masked)

    def best(self, lo: int, hi: int) -> Cue | None:
        """:func:`best_cue` of the cues of ``[lo, hi)`` (the strongest cue of a window)."""
        if not self._long(lo, hi):
            return best_cue(self.cues(lo, hi))
        key = ("best", lo, hi)
        if key not in self._windows:
            pair = self._fold(("best",), lo, hi, lambda a, b: _best_pair(self._piece_cues(lo, a, b)), _later)
            self._windows[key] = pair[0] or pair[1]
        return self._windows[key]

    def antecedent(self, pos: int, lo: int) -> str | None:
        """The name a pronoun at *pos* stands for: the last fitting named cue in ``[lo, pos)``, the last subject first."""
        cue = self.antecedent_cue(pos, lo)
        return cue.name if cue is not None else None

    def antecedent_cue(self, pos: int, lo: int) -> Cue | None:
        """The cue of :meth:`antecedent` (its offset too), or None."""
        key = ("antecedent", lo, pos)
        if key not in self._windows:
            excludes = PRONOUN_EXCLUDES.get(self.masked[pos : pos + 3].lower().strip(), frozenset())
            if self._long(lo, pos):
                pair = self._fold(("antecedent", excludes), lo, pos,
                                  lambda a, b: _antecedent_pair(self._piece_cues(lo, a, b, named=False), excludes), _later)
            else:
                pair = _antecedent_pair(self.cues(lo, pos, named=True), excludes)
            self._windows[key] = pair[0] or pair[1]
        return self._windows[key]

    def unnamed_speech(self, lo: int, hi: int) -> bool:
        """A past-tense speech verb in ``[lo, hi)`` (``As one pamphleteer wrote:``), or a speech noun owned by
        a lower-case noun (``her daughter-in-law’s recollection``): the speaker is unnamed."""
        if not self._long(lo, hi):
            return self._speech_past(lo, hi)
        key = ("unnamed", lo, hi)
        if key not in self._windows:
            self._windows[key] = self._fold(("unnamed",), lo, hi, self._speech_past, bool.__or__)
        return self._windows[key]

    def reported_speech(self, lo: int, hi: int) -> bool:
        """A past-tense speech verb in ``[lo, hi)`` that is not a naming verb (``said``, not ``called``)."""
        if not self._long(lo, hi):
            return self._reporting(lo, hi)
        key = ("reported", lo, hi)
        if key not in self._windows:
            self._windows[key] = self._fold(("reported",), lo, hi, self._reporting, bool.__or__)
        return self._windows[key]

    def _reporting(self, a: int, b: int) -> bool:
        return not REPORTING.isdisjoint(map(str.lower, ASCII_WORD.findall(self.masked, a, b)))

    def _speech_past(self, a: int, b: int) -> bool:
        # (the pattern looks neither behind nor ahead: the same words as in the slice masked[a:b])
        if not SPEECH_PAST.isdisjoint(map(str.lower, ASCII_WORD.findall(self.masked, a, b))):
            return True
        # "her daughter-in-law’s recollection is that": an unnamed source's words (the possessor inside [a, b))
        return any(m.group(1) in SPEECH_NOUNS and (m.start() == a or not _WORD_OR_HYPHEN.match(self.masked, m.start() - 1))
                   for m in _UNNAMED_POSSESSIVE.finditer(self.masked, a, b))


def _party_state(masked: str, j: int) -> bool:
    """The letters at *j* are a state after a party's one or two capitals and a hyphen (``D-Ore``)."""
    if not (j >= 2 and masked[j - 1] == "-" and masked[j : j + 1].isupper()):
        return False
    k = j - 1
    while k > 0 and "A" <= masked[k - 1] <= "Z" and j - 1 - k < 3:
        k -= 1
    return 1 <= j - 1 - k <= 2 and (k == 0 or not masked[k - 1].isalnum())


def _is_wall(masked: str, i: int) -> bool:
    """A :data:`_CUT` match at *i* starts at a wall (a full stop only after a
    lower-case letter and not ending an honorific)."""
    if masked[i] != ".":
        return True
    if not (i and "a" <= masked[i - 1] <= "z"):
        return False
    j = i
    while j and masked[j - 1] in _ASCII_LETTERS:
        j -= 1
    if _party_state(masked, j):
        return False  # "Rep. Hale, D-Ore., said": a party and state, not a sentence end
    return masked[j:i] not in _HONORIFIC_WORDS


# ---------------------------------------------------------------- lower-case words
_LOWER_WORD_SHAPE = re.compile(r"[a-z][a-z\u2019'\-]+")
_WORD_CHAR = re.compile(r"[\w\u2019']")
_LOWER_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz\u2019'-")
#: The words :class:`LowerWords` stands for: a lower-case letter not after a word
#: character or apostrophe, then letters, apostrophes, hyphens (the check on the
#: character before comes after the first letter, so the scan skips to letters).
LOWER_WORD = re.compile(r"[a-z](?<![\w\u2019'][a-z])[a-z\u2019'\-]+")


class LowerWords:
    """``word in LowerWords(s)`` is ``word in set(LOWER_WORD.findall(s))``.

    Only the few words asked about are looked up (with ``str.find``),
    instead of collecting every lower-case word of the text; once the
    look-ups have read the text a few times over (many different words
    asked about), the set is built after all, so the cost stays linear. A
    match of :data:`LOWER_WORD` starts at a lower-case letter not after a
    word character or apostrophe and runs to the end of its run of
    ``[a-z’'-]``; inside such a run, a letter after ``-`` starts a match
    only when no earlier letter of the run did (that match would have
    taken it).
    """

    #: read the text this many times over at most before building the set
    BUDGET = 4

    def __init__(self, s: str):
        self.s = s
        self.cache: dict[str, bool] = {}
        self.words: set[str] | None = None
        self.budget = self.BUDGET * len(s) + 4096

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        hit = self.cache.get(word)
        if hit is None:
            hit = self.cache[word] = self._find(word) if self.words is None else word in self.words
        return hit

    def _all_words(self, word: str) -> bool:
        """The look-ups have read enough: collect the words once and answer from them."""
        self.words = set(LOWER_WORD.findall(self.s))
        return word in self.words

    def _find(self, word: str) -> bool:
        if _LOWER_WORD_SHAPE.fullmatch(word) is None:
            return False
        if self.budget <= 0:
            return self._all_words(word)
        s, n, chars = self.s, len(word), _LOWER_WORD_CHARS
        i = s.find(word)
        while i >= 0:
            e = i + n
            if (e == len(s) or s[e] not in chars) and (i == 0 or not _WORD_CHAR.match(s, i - 1)):
                if i == 0 or s[i - 1] != "-":
                    self.budget -= i
                    return True
                r = i - 1  # after "-": the start of the run, then no earlier match start in it
                while r and s[r - 1] in chars and i - r < self.budget:
                    r -= 1
                self.budget -= i - r
                if self.budget <= 0:
                    return self._all_words(word)
                if not any("a" <= s[x] <= "z" and (x == 0 or not _WORD_CHAR.match(s, x - 1)) for x in range(r, i)):
                    self.budget -= i
                    return True
            i = s.find(word, i + 1)
        self.budget -= len(s)
        return False
