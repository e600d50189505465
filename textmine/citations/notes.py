"""Numbered notes: the notes section, Project Gutenberg footnotes, and the markers in the text.

Each finder reads the text once: the notes section's lines are read from
the first heading on (a later heading cannot find lines the first did not);
a ``[Footnote n: ...`` without its ``]`` ends the search (no later one has a
``]`` either).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator

import pandas as pd

__all__ = ["Note", "find_notes", "bracket_note_lines", "gutenberg_notes", "first_markers", "notes_heading"]

#: (start, end, number, body) of one note
Note = tuple[int, int, int, str]

_HEADINGS = r"(?:notes|endnotes|footnotes|references|notes and references)"
_NOTES_HEADING = re.compile(rf"^\s*{_HEADINGS}\s*:?\s*$", re.I)
_NOTES_HEADING_AT = re.compile(rf"\s*{_HEADINGS}\s*:?\s*$", re.I)
_NOTE_LINE = re.compile(
    r"^[ \t]*(?:\[(?P<n1>\d{1,3})\]|(?P<n2>\d{1,3})[.)]|(?P<n3>\d{1,3})(?=[ \t]+[A-Z\u201c\"]))[ \t]+(?P<body>\S.*)$", re.M
)
# The opening of a "[Footnote 1: ...]" block; the note runs to the next "]".
_GUTENBERG_HEAD = re.compile(r"\[Footnote\s+(?P<n>\d{1,3})\s*:\s*")
# "[1] ..." note lines found from their "[" (a literal the scan can skip to);
# bracket_note_lines checks that only spaces and tabs precede it on its line.
_BRACKET_NOTE_AT = re.compile(r"\[(?P<n>\d{1,3})\][ \t]+(?P<body>\S.*)$", re.M)
_SUPERSCRIPTS = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"
_MARKER = re.compile(
    r"\[(?P<a>\d{1,3})\]|\^(?P<b>\d{1,3})|(?P<c>[" + _SUPERSCRIPTS + r"]+)"
    r"|(?<=[\u201d\u2019\"'.,;:!?)])(?P<d>\d{1,3})(?=[\s\u201d\u2019\"')\]]|$)"
)


def notes_heading(text: str, a: int, b: int) -> bool:
    """``text[a:b]`` reads ``Notes``, ``Endnotes``, ``Footnotes`` or ``References`` (without copying it)."""
    if 0 <= a <= b <= len(text):  # the same regex without "^", matched at a with endpos b
        return _NOTES_HEADING_AT.match(text, a, b) is not None
    return _NOTES_HEADING.match(text[a:b]) is not None


def _section_notes(text: str, region_start: int) -> list[Note]:
    notes = []
    for m in _NOTE_LINE.finditer(text, region_start):
        n = int(m.group("n1") or m.group("n2") or m.group("n3"))
        line = m.group(0)
        notes.append((m.start() + len(line) - len(line.lstrip()), m.end(), n, m.group("body")))
    return notes


def gutenberg_notes(text: str) -> Iterator[Note]:
    """``[Footnote 1: ...]`` blocks: the matches of ``\\[Footnote\\s+(\\d{1,3})\\s*:\\s*(.*?)\\]`` (re.S)."""
    pos = 0
    while (m := _GUTENBERG_HEAD.search(text, pos)) is not None:
        close = text.find("]", m.end())
        if close < 0:
            return  # no "]" after this opening, so none after any later one
        yield m.start(), close + 1, int(m.group("n")), text[m.end() : close]
        pos = close + 1


def bracket_note_lines(text: str) -> Iterator[re.Match]:
    """The ``[1] ...`` note lines: matches of ``^[ \\t]*\\[(\\d{1,3})\\][ \\t]+(\\S.*)$`` (re.M), each from its ``[``.

    A match of the pattern from ``[`` never crosses a line end, so there
    is at most one per line, and it is a note line when only spaces and tabs
    precede its ``[`` on the line (the one place the line pattern can match
    on that line).
    """
    for m in _BRACKET_NOTE_AT.finditer(text):
        i = m.start()
        while i and text[i - 1] in " \t":
            i -= 1
        if i == 0 or text[i - 1] == "\n":
            yield m


def find_notes(text: str, paragraphs: pd.DataFrame) -> tuple[list[Note], int]:
    """The numbered notes and the offset where the notes begin (``len(text)`` when there are none)."""
    ps = paragraphs["start"].to_numpy().tolist()
    pe = paragraphs["end"].to_numpy().tolist()
    scanned_from = len(text) + 1  # the note lines from here on were looked for and not found
    for a, b in zip(ps, pe):
        if b < scanned_from and notes_heading(text, a, b):
            notes = _section_notes(text, int(b))
            if notes:
                return notes, int(a)
            scanned_from = b  # a heading further on would find no line this one did not
    notes = list(gutenberg_notes(text)) or [(m.start(), m.end(), int(m.group("n")), m.group("body")) for m in bracket_note_lines(text)]
    return notes, (min(s for s, _, _, _ in notes) if notes else len(text))


def first_markers(text: str, body_start: int, body_end: int, notes: list[Note]) -> dict[int, tuple[int, int]]:
    """``(start, end)`` of the first in-text marker of each note number (outside the notes themselves)."""
    # inside a note: the furthest end among the notes starting at or before the offset is beyond it
    by_start = sorted((s, e) for s, e, _, _ in notes)
    starts = [s for s, _ in by_start]
    reach = list(itertools.accumulate((e for _, e in by_start), max))
    first: dict[int, tuple[int, int]] = {}
    for m in _MARKER.finditer(text, body_start, body_end):
        k = bisect.bisect_right(starts, m.start())
        if k and reach[k - 1] > m.start():
            continue
        g = m.group("a") or m.group("b") or m.group("d")
        if g is None:
            g = "".join(str(_SUPERSCRIPTS.index(ch)) for ch in m.group("c"))
        first.setdefault(int(g), (m.start(), m.end()))
    return first
