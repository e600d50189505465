"""Person names: the pattern of a run of capitalized words, its clean form and its surname.

A name run is an optional honorific (``Mr.``), initials, then capitalized
words, with particles (``de``, ``van``) and initials between them, not
after a letter, apostrophe or hyphen. The word lists come from
:mod:`.lexicon`.
"""

from __future__ import annotations

import functools
import re

from .lexicon import HONORIFICS, NAME_PARTICLES, NOT_NAME

__all__ = ["NAME_RUN", "NAME_START", "HONORIFIC", "clean_name", "surname", "first_word"]

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
