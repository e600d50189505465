"""Person names: the pattern of a run of capitalized words, its clean form and its surname.

A name run is an optional honorific (``Mr.``), initials, then capitalized
words, with particles (``de``, ``van``) and initials between them, not
after a letter, apostrophe or hyphen. An organisation's name
(:data:`ORG_RUN`, read after ``the``) is capitalized words joined by
spaces and :data:`~.lexicon.ORG_CONNECTORS` (``Board of Engineers for
Rivers and Harbors``), with the full stop of a final
:data:`~.lexicon.CORPORATE_ABBREVIATIONS` word (``Power Co.``). :func:`name_kind` tells a periodical or an
organisation from a person by its words. The word lists come from
:mod:`.lexicon`.
"""

from __future__ import annotations

import calendar
import functools
import re

from .lexicon import (
    CORPORATE_ABBREVIATIONS, HONORIFICS, INSTITUTION_WORDS, NAME_PARTICLES, NOT_NAME, ORG_CONNECTORS, PERIODICAL_SUFFIXES, PERIODICAL_WORDS,
)

__all__ = ["NAME_RUN", "NAME_START", "name_runs", "HONORIFIC", "ORG_RUN", "SPEAKER_LABEL", "clean_name", "surname", "first_word", "name_kind",
           "speaker_label"]

#: letters a name word may start with (ASCII and Latin-1 capitals)
_CAP_FIRST = "A-Z\u00c0-\u00de"
#: a name never starts right after one of these
_NOT_BEFORE = r"\w\u2019'\-"
_CAP = rf"[{_CAP_FIRST}][a-z\u00df-\u00ff][\w\u2019'\-]*"
_INIT = r"[A-Z]\."
_PARTICLE = "(?:" + "|".join(NAME_PARTICLES) + ")"
#: An honorific with its full stop, as a pattern.
HONORIFIC = "(?:" + "|".join(HONORIFICS) + r")\."

#: A run of capitalized words that may be a person's name.
NAME_RUN = re.compile(
    rf"(?<![{_NOT_BEFORE}])(?:{HONORIFIC}\s+)?(?:{_INIT}\s*)*{_CAP}(?:\s+(?:(?:{_INIT}\s*)+|{_PARTICLE}\s+)?{_CAP})*"
)
#: Where a :data:`NAME_RUN` match can start (every alternative begins with a capital):
#: the capital first, then the check on the character before it, so a scan skips to capitals.
NAME_START = re.compile(rf"[{_CAP_FIRST}](?<![{_NOT_BEFORE}][{_CAP_FIRST}])")


def name_runs(text: str, lo: int = 0, hi: int | None = None):
    """``NAME_RUN.finditer(text, lo, hi)``, trying only the places where a name can start (:data:`NAME_START`).

    The same matches in the same order: a match begins at a capital not
    after a letter, apostrophe or hyphen, and after a match the search goes
    on from its end, as ``finditer`` does; a regex that begins with a
    look-behind is otherwise tried at every character.
    """
    hi = len(text) if hi is None else hi
    end = lo
    for c in NAME_START.finditer(text, lo, hi):
        p = c.start()
        if p < end:
            continue
        m = NAME_RUN.match(text, p, hi)
        if m is not None:
            end = m.end()
            yield m

_CONNECT = "(?:" + "|".join(re.escape(c) for c in ORG_CONNECTORS) + ")"
#: An organisation's or periodical's name after ``the``: capitalized words, connectors between them.
_CORP = "|".join(rf"(?<=\b{a})" for a in CORPORATE_ABBREVIATIONS)
#: A month name after a connector ends the name: ``the Evening Ledger of May 2`` is the Ledger, on a date.
_NO_MONTH = "(?!(?:" + "|".join(calendar.month_name[1:]) + r")\b)"
ORG_RUN = re.compile(
    rf"{_CAP}(?:[ \t]*\n?[ \t]*(?:(?:{_CONNECT}[ \t]*\n?[ \t]*){{1,2}}{_NO_MONTH})?{_CAP})*(?:(?:{_CORP})\.)?")

_INIT_RX = re.compile(_INIT)
_POSSESSIVE_END = re.compile(r"[\u2019']s?$")


@functools.lru_cache(maxsize=4096)
def clean_name(run: str) -> str | None:
    """*run* without the :data:`~.lexicon.NOT_NAME` words at its ends; None if only initials are left."""
    words = run.split()
    while words and (words[0].lower().strip(".") in NOT_NAME):
        words.pop(0)
    while words and words[-1].lower().strip(".") in NOT_NAME:
        words.pop()
    if not words or all(_INIT_RX.fullmatch(w) for w in words):
        return None
    return " ".join(words)


@functools.lru_cache(maxsize=4096)
def surname(name: str | None) -> str | None:
    """The last word of *name* that is not an initial, without a possessive ``’s``."""
    if not name:
        return None
    words = [w for w in name.split() if not _INIT_RX.fullmatch(w)]
    if not words:
        return None
    return _POSSESSIVE_END.sub("", words[-1])


def first_word(run: str) -> str:
    """The first word of a name run as written (``Mr.`` of ``Mr. Jones``), or ""."""
    return (run.split() or [""])[0]


@functools.lru_cache(maxsize=4096)
def name_kind(name: str, after_the: bool = False) -> str:
    """``periodical``, ``organisation`` or ``person``, from the words of *name*.

    A name whose last word is a :data:`~.lexicon.PERIODICAL_WORDS` word or
    ends in a :data:`~.lexicon.PERIODICAL_SUFFIXES` ending is a periodical
    (``Ashby Evening Ledger``, ``Dagblad``); one with an
    :data:`~.lexicon.INSTITUTION_WORDS` word is an organisation
    (``Board of Aldermen``, ``Congress``); any other name written after
    ``the`` (*after_the*) is an organisation too (``the Coast Guard``).

    >>> name_kind("Morning Chronicle"), name_kind("Board of Aldermen"), name_kind("Nora Blythe")
    ('periodical', 'organisation', 'person')
    """
    words = name.split()
    if not words:
        return "person"
    last = words[-1]
    if last in PERIODICAL_WORDS or last.lower().endswith(PERIODICAL_SUFFIXES):
        return "periodical"
    if after_the or any(w in INSTITUTION_WORDS for w in words):
        return "organisation"
    return "person"


#: A hearing-transcript speaker label opening a paragraph: ``The CHAIRMAN.``, ``Mr. OSGOOD.``, ``Colonel ASHER.``
SPEAKER_LABEL = re.compile(rf"(?:(?:{HONORIFIC}|[A-Z][a-z]+)[ \t]+)?([A-Z][A-Z\u2019'\-]+(?:[ \t]+[A-Z][A-Z\u2019'\-]+)?)\.[ \t]")


_ROMAN = re.compile(r"[IVXLCDM]+")


def speaker_label(text: str, start: int, end: int) -> str | None:
    """The speaker of a transcript paragraph ``text[start:end]`` from its label (``Mr. OSGOOD.`` → ``Osgood``), or None.

    The label is an optional title word or honorific, then one or two words
    in capitals (two letters or more, not a Roman numeral: ``II. THE
    STRIKE`` is a heading), then a full stop and a space.

    >>> speaker_label("Mr. OSGOOD. I am.", 0, 17), speaker_label("Mr. Osgood spoke.", 0, 17)
    ('Osgood', None)
    """
    m = SPEAKER_LABEL.match(text, start, end)
    if not m or _ROMAN.fullmatch(m.group(1)):
        return None
    return " ".join(w.capitalize() for w in m.group(1).split())
