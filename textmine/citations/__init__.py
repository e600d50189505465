"""Citations: parenthetical references and numbered notes, parsed and resolved.

:func:`find_citations` finds every citation in a text and parses its fields;
:func:`parse_citation` parses one citation string; :func:`expand_pages` turns
a page string into first and last page numbers.

Which parentheses are citations
-------------------------------
A parenthesis (outer ``(...)``, inside one paragraph; square brackets may nest
inside) is a citation when its content, after a leading ``see``, ``see also``
or ``cf.``, has one of these shapes (``kind`` column):

``credit``
    A caption or source credit: ``(Courtesy of the County Record Office)``
    (``archive``), ``(Photograph by Ann Lee, 1921)`` (``author``, ``year``),
    ``(Source: …)``, ``(By permission of …)``; also written as a sentence of
    its own after a caption (``Plate 2. The mill. Courtesy of the Borough
    Library.``, ``placement == "caption"``).
``case`` (in running text, ``placement == "inline"``)
    A reported case, ``Hale v. Dover, 12 Mass. 345, 350 (1850)``, and
    ``Id. at 351`` (an Ibid.): :mod:`textmine.citations.cases`.
``ibid``
    ``Ibid.``, ``Ibid., p. 397``, ``ibidem, 12``.
``op_cit``
    ``Trotsky, op. cit., p. 140`` or ``op. cit., p. 3`` (also ``loc. cit.``).
``book``
    An imprint in brackets or parentheses, ``[Place: Publisher, Year]``:
    ``Leon Trotsky, The Third International After Lenin [New York:
    Pathfinder, 1972], p. 137``; ``Collected Works, vol. 31 [Moscow: Progress
    Publishers, 1966], pp. 365-66``.
``periodical``
    A title followed by a full date: ``Current Digest of the Soviet Press, 15
    February 1989`` (optionally ``, p. 3``).
``archival``
    A dated document with an archival cue (``papers``, ``archive``,
    ``collection``, ``box``, ``folder``, ``file``, ``fond``...), or a
    ``Letter``/``Memorandum``/``Telegram`` ``of/from A to B`` with a date:
    ``Letter of A to B, 14 June 1911, Company Papers, box 7``.
``author_date``
    ``Surname 1978, 112``, ``Surname and Other 2001: 58-61``, ``Surname et
    al. 1999``; or only ``1978, 112`` right after a name in the text
    (``Smith (1978, 112) argues``), the author then taken from the text.
``short``
    Author and/or title with explicit pages and no imprint: ``Trotsky, p.
    12``, ``Trotsky, History, vol. 2, pp. 5-6``.
``page``
    Only a page: ``(p. 45)`` (a page of the most recent work).

Anything else (an aside or gloss such as ``(also known as the Comintern)``,
``(Mr.)``, ``(including the United States)``, a bare year ``(1917)``) is not
a citation.

Numbered notes
--------------
When a text has a notes section (a paragraph reading ``Notes``,
``Endnotes``, ``Footnotes`` or ``References`` followed by lines ``1. ...``,
``[1] ...``, ``1) ...`` or ``1 Capitalized...``), or Project Gutenberg style blocks ``[Footnote 1:
...]`` / ``[1] ...`` lines, each note is one row (``placement == "note"``,
``note`` its number, ``start``/``end`` the note itself). Its first in-text
marker (``[1]``, ``^1``, superscript digits, or digits directly after a
closing quote or punctuation mark) is given by ``marker_start``/``marker_end``.

Resolution
----------
``Ibid.`` (and a page-only citation) refers to the source of the most recent
earlier non-Ibid citation (``refers_to``; an op. cit. passes on its own
referent), and its empty fields are filled from that source; a bare ``Ibid.``
also takes the pages of the citation just before it. ``op. cit.`` refers to
the most recent earlier citation with the same author surname, or, when it
names no author, the most recent full citation. A citation with nothing to
refer to keeps ``refers_to`` empty and ``unresolved == True``, with a warning.

Time and caps
-------------
:func:`find_citations` is linear in the length of its text, whatever the
input: every parenthesis is found in one pass over the text, notes and
markers in one pass each, and no citation pattern can match a string in
more than a linear number of ways. Two caps keep nested parentheses from
being read again at every level: a parenthesis longer than
:data:`~textmine.citations.finding.MAX_CITATION_CHARS` (2,000) characters,
or holding more than :data:`~textmine.citations.finding.MAX_NESTED` (3)
levels of parentheses, is an aside (the shorter levels inside it are still
read), so each character is read by at most four citation parses.

Notes, markers, references
--------------------------
:func:`find_notes` (``doc.notes``), :func:`find_note_markers`
(``doc.note_markers``) and :func:`find_references` (``doc.references``) give
the notes sections, the body markers linked to them, and the entries of a
References list, each parsed by its own rule table
(:mod:`~textmine.citations.note_rules`, :mod:`~textmine.citations.references`);
:mod:`~textmine.citations.sections` says which lines are notes and markers and
:mod:`~textmine.citations.note_frames` how Ibid. and short forms resolve and how
quotations are linked to notes (:func:`with_note_links`). The note rows of
:func:`find_citations` are the same notes.

Rules
-----
The shapes above are the rows of
:data:`textmine.citations.rules.CITATION_RULES`, each with its examples;
:mod:`textmine.citations.notes` finds the numbered notes and their markers.
"""

from __future__ import annotations

from .finding import CITATION_COLUMNS, find_citations
from .rules import MONTHS, expand_pages, parse_citation

__all__ = ["find_citations", "parse_citation", "expand_pages", "CITATION_COLUMNS", "MONTHS"]

from .note_frames import MARKER_COLUMNS, NOTE_COLUMNS, find_note_markers, find_notes, note_frame, marker_frame, notes_and_markers, with_note_links
from .note_rules import NOTE_RULES, NOTE_TEXT_RULES, parse_note
from .references import REFERENCE_COLUMNS, REFERENCE_RULES, find_references, parse_reference, with_reference_ids

__all__ += [
    "find_notes", "find_note_markers", "find_references", "find_notes_and_markers", "with_note_links", "with_reference_ids",
    "parse_note", "parse_reference", "NOTE_COLUMNS", "MARKER_COLUMNS", "REFERENCE_COLUMNS", "NOTE_RULES", "NOTE_TEXT_RULES",
    "REFERENCE_RULES",
]


def find_notes_and_markers(text: str, *, doc_id: str = "doc", body_start: int = 0) -> dict:
    """``{"notes", "note_markers", "references"}``: :func:`find_notes`, :func:`find_note_markers` and :func:`find_references` in one pass over the notes."""
    entries, parsed, markers = notes_and_markers(text, body_start)
    return {
        "notes": note_frame(text, entries, parsed, doc_id),
        "note_markers": marker_frame(text, markers, doc_id),
        "references": find_references(text, doc_id=doc_id, body_start=body_start),
    }
