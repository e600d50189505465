"""Quote styles: the conventions, and which one a text follows (see :mod:`textmine.quotations`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import InputError

__all__ = ["QuoteStyle", "STYLES", "detect_quote_style", "resolve_style", "find_all"]


@dataclass(frozen=True)
class QuoteStyle:
    """Outer and inner quote marks of a quoting convention."""

    name: str
    open: str
    close: str
    inner_open: str
    inner_close: str


#: The conventions :func:`textmine.quotations.find_quotations` knows.
STYLES: dict[str, QuoteStyle] = {
    "double": QuoteStyle("double", "\u201c", "\u201d", "\u2018", "\u2019"),
    "single": QuoteStyle("single", "\u2018", "\u2019", "\u201c", "\u201d"),
    "straight": QuoteStyle("straight", '"', '"', "'", "'"),
    "straight_single": QuoteStyle("straight_single", "'", "'", '"', '"'),
    "guillemets": QuoteStyle("guillemets", "\u00ab", "\u00bb", "\u2039", "\u203a"),
}

# what may stand before and after a mark in an opening position
_OPEN_BEFORE = "([{\u2014\u2013-\u201c\u2018\"'"
_OPEN_AFTER = "\u201c\u2018\"'"


def find_all(text: str, ch: str) -> list[int]:
    """Offsets of every *ch* in *text* (``str.find`` skips ahead faster than a regex)."""
    out = []
    i = text.find(ch)
    while i >= 0:
        out.append(i)
        i = text.find(ch, i + 1)
    return out


_OPENING: dict[str, re.Pattern] = {}


def open_positions(text: str, ch: str) -> int:
    """Occurrences of *ch* in an opening position (start/space/bracket before, letter after).

    Before: the start of the text, a character ``str.isspace`` accepts or one
    of ``_OPEN_BEFORE``; after: one ``str.isalnum`` accepts (``[^\\W_]``) or one
    of ``_OPEN_AFTER``. A regex that starts with the mark finds the candidates
    (a fast literal scan); the character before each is checked here.
    """
    rx = _OPENING.get(ch)
    if rx is None:
        rx = _OPENING[ch] = re.compile(re.escape(ch) + "(?=[^\\W_]|[" + re.escape(_OPEN_AFTER) + "])")
    n = 0
    for m in rx.finditer(text):
        i = m.start()
        if i == 0 or text[i - 1].isspace() or text[i - 1] in _OPEN_BEFORE:
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
    n_sq_open = open_positions(text, "\u2018")
    if n_dq or n_sq_open:
        n_dq_open = open_positions(text, "\u201c")
        if n_sq_open == n_dq_open:  # a tie: the convention that opens first is the outer one
            return "single" if 0 <= text.find("\u2018") < (text.find("\u201c") % (len(text) + 1)) else "double"
        return "single" if n_sq_open > n_dq_open else "double"
    if '"' in text or "'" in text:
        return "straight_single" if open_positions(text, "'") > open_positions(text, '"') else "straight"
    return "double"


def resolve_style(text: str, style: str, func: str) -> QuoteStyle:
    """The :class:`QuoteStyle` for *style* (``"auto"``: detected in *text*)."""
    if not isinstance(style, str):
        raise TypeError(f"{func}: style must be a str, got {type(style).__name__}.")
    if style == "auto":
        return STYLES[detect_quote_style(text)]
    if style not in STYLES:
        raise InputError(f"{func}: style must be 'auto' or one of {sorted(STYLES)}, got {style!r}.")
    return STYLES[style]
