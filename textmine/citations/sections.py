"""Where the notes are: notes sections, their chapter groups, and the markers in the body.

Notes section
-------------
The text is read line by line, once. A line that reads only ``Notes``,
``Endnotes``, ``Footnotes``, ``Notes and References``, ``Notes and
Sources``, ``Sources and Notes``, ``References and Notes``, ``Notes on
Sources`` or ``Chapter Notes`` (any case, an optional colon) opens a notes
section. A text without one may still have Project Gutenberg footnotes
(``[Footnote 1: …]`` blocks) or ``[1] …`` note lines
(:mod:`textmine.citations.notes`); each is then a note of group 0. Inside it:

- a **note line** starts a note: ``1. Text``, ``1) Text``, ``[1] Text``,
  ``1 Text`` (a number and a space, as a PDF export leaves a superscript) or
  ``¹ Text``, indented or not; the note runs to the end of its paragraph
  (the next blank line, note line or heading), hard-wrapped lines included;
- a **group heading**, a short line without final punctuation (``Chapter
  Five``, ``CHAPTER 2``, ``Part One: The Mill``) at most
  :data:`GROUP_HEADING_WORDS` words long, starts a new group of notes; so
  does a note whose number is not above the one before (numbering restarts
  per chapter);
- any other paragraph before the first note (``Abbreviations: …``) is
  skipped; after a note, a paragraph that is neither a note nor a heading
  ends the section (the body goes on: chapter-end notes).

Markers
-------
Outside the notes (and their headings), a marker is one of (``kind``):
``superscript`` (``³``, ``¹²``), ``bracket`` (``[3]``), ``caret`` (``^3``),
or ``digit``: one to three digits right after a full stop, comma, colon,
semicolon, question or exclamation mark, closing quote or bracket that
follows a non-digit (``…scales’.2 The``), followed by a space, a quote, a
bracket or the end of the line. Markers are linked to notes in reading
order: a marker takes the note of its number in the current group when the
number is above the last one linked (a ``digit`` marker at most
:data:`DIGIT_MARKER_GAP` above, so ``3.5 million`` is no marker); a number
not above the last one moves on to the next group when that group has it;
a ``superscript``, ``bracket`` or ``caret`` marker may repeat the last
number. A marker that no note takes is dropped.

Both passes are linear in the length of the text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .notes import bracket_note_lines, gutenberg_notes

__all__ = ["NoteEntry", "Marker", "note_entries", "body_markers", "link_markers", "SUPERSCRIPT_DIGITS",
           "GROUP_HEADING_WORDS", "DIGIT_MARKER_GAP"]

#: The superscript digits 0-9.
SUPERSCRIPT_DIGITS = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"
#: A group heading inside a notes section has at most this many words.
GROUP_HEADING_WORDS = 8
#: A ``digit`` marker is at most this much above the last number linked.
DIGIT_MARKER_GAP = 3

_SECTION_HEADING = re.compile(
    r"[ \t]*(?:notes|endnotes|footnotes|notes and references|notes and sources|sources and notes|references and notes|"
    r"notes on sources|chapter notes)[ \t]*:?[ \t]*", re.I)
_NOTE_LINE = re.compile(
    r"[ \t]*(?:\[(?P<n1>\d{1,4})\]|(?P<n2>\d{1,4})[.)]|(?P<n3>\d{1,4})(?=[ \t]+\S)|(?P<n4>[" + SUPERSCRIPT_DIGITS + r"]{1,4}))"
    r"[ \t]+(?P<body>\S)"
)
_GROUP_HEADING = re.compile(r"[ \t]*[A-Z0-9][^.!?;,]*[^.!?;,\s][ \t]*")
_MARKERS = re.compile(
    r"(?P<superscript>[" + SUPERSCRIPT_DIGITS + r"]{1,4})|\[(?P<bracket>\d{1,4})\]|\^(?P<caret>\d{1,4})"
    r"|(?<=[^\d\s][.,;:!?\u201d\u2019\"')\]])(?P<digit>\d{1,3})(?=[\s\u201d\u2019\"')\]]|$)"
)


@dataclass(slots=True)
class NoteEntry:
    """One note of a notes section: its number, group and text span (without the number)."""

    number: int
    group: int
    heading: str | None  # the group heading, if any
    start: int
    end: int


@dataclass(slots=True)
class Marker:
    """One marker in the body."""

    start: int
    end: int
    number: int
    kind: str
    note: int | None = None  # index of the note it is linked to


def _number(m: re.Match, group_names: tuple[str, ...]) -> int:
    for g in group_names:
        v = m.group(g)
        if v:
            return int(v) if v.isascii() else int("".join(str(SUPERSCRIPT_DIGITS.index(c)) for c in v))
    raise ValueError("no number")  # pragma: no cover - every alternative has a number


def _lines(text: str):
    """``(start, end)`` of every line (without its newline)."""
    pos, n = 0, len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        yield pos, end
        if nl < 0:
            return
        pos = nl + 1


class _Section:
    """The state of the line reader inside a notes section."""

    def __init__(self) -> None:
        self.group = 0
        self.heading: str | None = None
        self.last = 0
        self.open: NoteEntry | None = None  # the note whose paragraph is being read
        self.seen_note = False


def _heading_words(text: str, a: int, b: int) -> int:
    return len(text[a:b].split())


def _note_line(text: str, a: int, b: int, sec: _Section, notes: list[NoteEntry]) -> bool:
    m = _NOTE_LINE.match(text, a, b)
    if m is None:
        return False
    n = _number(m, ("n1", "n2", "n3", "n4"))
    if m.group("n3") and sec.seen_note and n > sec.last + DIGIT_MARKER_GAP:
        return False  # "1934 was dry": a year opening a line, not a note
    if sec.seen_note and n <= sec.last:
        sec.group += 1
        sec.heading = None
    sec.open = NoteEntry(n, sec.group, sec.heading, m.start("body"), b)
    notes.append(sec.open)
    sec.last, sec.seen_note = n, True
    return True


def _section_line(text: str, a: int, b: int, sec: _Section, notes: list[NoteEntry], blank_before: bool) -> bool:
    """Read one non-blank line inside a section; False when the section ends here."""
    if _note_line(text, a, b, sec, notes):
        return True
    if sec.open is not None and not blank_before:
        sec.open.end = b  # a wrapped continuation line (trailing spaces are cut at the end)
        return True
    if _GROUP_HEADING.fullmatch(text, a, b) and _heading_words(text, a, b) <= GROUP_HEADING_WORDS:
        if sec.seen_note:
            sec.group += 1
        sec.heading = text[a:b].strip()
        sec.last, sec.open = 0, None
        return True
    sec.open = None
    return not sec.seen_note  # prose before the first note is skipped; after a note it ends the section


def note_entries(text: str, body_start: int = 0) -> tuple[list[NoteEntry], list[tuple[int, int]]]:
    """The notes of every notes section, and the spans the sections cover (headings and notes).

    Linear: every line is read once.
    """
    notes: list[NoteEntry] = []
    covered: list[tuple[int, int]] = []
    sec: _Section | None = None
    section_start = -1
    blank_before = True
    for a, b in _lines(text):
        if a < body_start:
            continue
        stripped_empty = not text[a:b].strip()
        if stripped_empty:
            blank_before = True
            continue
        if _SECTION_HEADING.fullmatch(text, a, b):
            if sec is not None and section_start >= 0:
                covered.append((section_start, a))
            sec, section_start = _Section(), a
            if notes:
                sec.group = notes[-1].group + 1
        elif sec is not None and not _section_line(text, a, b, sec, notes, blank_before):
            covered.append((section_start, a))
            sec, section_start = None, -1
        blank_before = False
    if sec is not None:
        covered.append((section_start, len(text)))
    if not notes:
        notes, covered = _unheaded_notes(text, body_start)
    for e in notes:
        e.end = e.start + len(text[e.start : e.end].rstrip())
    return notes, covered


def _unheaded_notes(text: str, body_start: int) -> tuple[list[NoteEntry], list[tuple[int, int]]]:
    """Gutenberg ``[Footnote n: …]`` blocks, else ``[n] …`` lines: notes without a notes heading."""
    blocks = [(a, b, n, body) for a, b, n, body in gutenberg_notes(text) if a >= body_start]
    if blocks:  # the body ends at the block's "]"
        return [NoteEntry(n, 0, None, b - 1 - len(body), b - 1) for a, b, n, body in blocks], [(a, b) for a, b, _, _ in blocks]
    lines = [m for m in bracket_note_lines(text) if m.start() >= body_start]
    return [NoteEntry(int(m.group("n")), 0, None, m.start("body"), m.end()) for m in lines], [(m.start(), m.end()) for m in lines]


def body_markers(text: str, covered: list[tuple[int, int]], body_start: int = 0) -> list[Marker]:
    """Every marker outside the *covered* spans (sorted, not overlapping), in reading order."""
    starts = [s for s, _ in covered]
    out = []
    for m in _MARKERS.finditer(text, body_start):
        k = bisect.bisect_right(starts, m.start()) - 1
        if k >= 0 and covered[k][1] > m.start():
            continue
        kind = m.lastgroup or "digit"
        out.append(Marker(m.start(), m.end(), _number(m, (kind,)), kind))
    return out


def link_markers(markers: list[Marker], notes: list[NoteEntry]) -> list[Marker]:
    """The markers some note takes (see the module docs), with ``note`` set to the note's index."""
    groups: list[dict[int, int]] = []
    for i, e in enumerate(notes):
        while len(groups) <= e.group:
            groups.append({})
        groups[e.group].setdefault(e.number, i)
    groups = [g for g in groups if g]
    g, last, out = 0, 0, []
    for mk in markers:
        if not groups:
            break
        n, strong = mk.number, mk.kind != "digit"
        here = groups[g]
        if n in here and n > last and (strong or n - last <= DIGIT_MARKER_GAP):
            mk.note, last = here[n], n
        elif n <= last and g + 1 < len(groups) and n in groups[g + 1] and (strong or n <= DIGIT_MARKER_GAP):
            g, last = g + 1, n
            mk.note = groups[g][n]
        elif strong and n == last and n in here:
            mk.note = here[n]
        else:
            continue
        out.append(mk)
    return out
