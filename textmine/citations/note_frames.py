"""``doc.notes`` and ``doc.note_markers``: the notes of a text, parsed, resolved and linked.

:func:`find_notes` finds the notes (:mod:`textmine.citations.sections`),
parses each one's fields (:func:`textmine.citations.note_rules.parse_note`)
and resolves the notes that repeat an earlier one:

- an **Ibid.** note repeats the work of the note just before it (or, when
  that one is an Ibid. too, the note it repeats): ``refers_to`` is that
  note, its empty fields are filled from it, a day and month without a year
  (``Ibid., 14 February``) take its year, and a bare ``Ibid.`` (no pages,
  no date) takes its pages too;
- a **short form** (an author, a title and no date, imprint or archive:
  ``Hale, Long Drought, 40``) refers to the latest earlier full note whose
  author has the same surname and whose title holds the short title's words
  in order (of the :data:`SHORT_FORM_LOOKBACK` latest with that surname);
  its fields stay as written.

:func:`find_note_markers` gives the markers the notes take.
:func:`with_note_links` adds ``note_id`` to the quotations (the note whose
marker closes the quotation's sentence) and fills a quotation's empty
speaker from that note: the person the note says is quoted, else its
author (unless unnamed, :data:`ANONYMOUS_AUTHOR_WORDS`), else its
periodical. It also corrects two kinds from the notes: a quoted title-case
phrase inside a note is a ``title``; a lower-case ``term`` with a note is a
``quotation``.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from .._frames import require_columns
from ..spans import ID_DTYPE, doc_id_column, empty_frame, ids, nullable_ids
from .note_rules import NOTE_FIELDS, parse_note
from .sections import Marker, NoteEntry, body_markers, link_markers, note_entries

__all__ = ["NOTE_COLUMNS", "MARKER_COLUMNS", "SHORT_FORM_LOOKBACK", "ANONYMOUS_AUTHOR_WORDS", "find_notes", "find_note_markers", "with_note_links",
           "notes_and_markers"]

#: Output columns of :func:`find_notes`, in order.
NOTE_COLUMNS = ["doc_id", "note_id", "number", "group_id", "group", "start", "end", "text", *NOTE_FIELDS[:-1],
                "is_ibid", "refers_to", "quoted"]
#: Output columns of :func:`find_note_markers`, in order.
MARKER_COLUMNS = ["doc_id", "marker_id", "start", "end", "text", "number", "kind", "note_id"]
#: How many earlier notes with the same author surname a short form is compared with.
SHORT_FORM_LOOKBACK = 50
_INHERITED = ["author", "title", "periodical", "volume", "place", "publisher", "date", "year", "archive", "box", "folder"]
_WORD = re.compile(r"\w+")
_INT_FIELDS = ("year", "page_start", "page_end")
#: Words of an unnamed author (``A Correspondent``, ``Anon.``): such a note gives its periodical as the speaker.
ANONYMOUS_AUTHOR_WORDS = frozenset("correspondent correspondents anon anonymous reader reporter contributor staff editor editors".split())


def _surname(name: str | None) -> str | None:
    words = _WORD.findall(name or "")
    return words[-1].lower() if words else None


def _holds_in_order(short: str, full: str) -> bool:
    """Every word of *short* appears in *full*, in order (case ignored)."""
    it = iter(w.lower() for w in _WORD.findall(full))
    return all(any(w == x for x in it) for w in (w.lower() for w in _WORD.findall(short)))


def _is_short_form(f: dict[str, Any]) -> bool:
    return (not f["is_ibid"] and f["author"] is not None and f["date"] is None and f["partial_date"] is None
            and not f["has_imprint"] and f["archive"] is None and f["periodical"] is None and f["box"] is None)


def _repeat(f: dict[str, Any], src: dict[str, Any]) -> None:
    """Fill an Ibid. note *f* from the note *src* it repeats."""
    bare = f["pages"] is None and f["date"] is None and f["partial_date"] is None
    own_date = f["date"] is not None
    for k in _INHERITED:
        if f[k] is None and not (own_date and k == "year"):
            f[k] = src[k]
    if f["partial_date"] is not None and src["year"] is not None:
        month, day = f["partial_date"]
        f["date"], f["year"] = f"{src['year']:04d}-{month:02d}-{day:02d}", src["year"]
    if bare:
        f["pages"], f["page_start"], f["page_end"] = src["pages"], src["page_start"], src["page_end"]


def _short_target(f: dict[str, Any], by_surname: dict[str, list[int]], parsed: list[dict[str, Any]]) -> int | None:
    for j in reversed(by_surname.get(_surname(f["author"]) or "", [])[-SHORT_FORM_LOOKBACK:]):
        full = parsed[j]["title"]
        if f["title"] is None or (full is not None and _holds_in_order(f["title"], full)):
            return j
    return None


def resolve_notes(parsed: list[dict[str, Any]]) -> None:
    """Set ``refers_to`` of the Ibid. notes and short forms (see the module docs), in place."""
    by_surname: dict[str, list[int]] = {}
    for i, f in enumerate(parsed):
        f["refers_to"] = None
        if f["is_ibid"]:
            if i == 0:
                continue
            prev = parsed[i - 1]
            f["refers_to"] = prev["refers_to"] if prev["is_ibid"] and prev["refers_to"] is not None else i - 1
            _repeat(f, prev)
        elif _is_short_form(f):
            f["refers_to"] = _short_target(f, by_surname, parsed)
        if not f["is_ibid"] and f["refers_to"] is None and f["author"] is not None:
            by_surname.setdefault(_surname(f["author"]) or "", []).append(i)


def notes_and_markers(text: str, body_start: int = 0) -> tuple[list[NoteEntry], list[dict[str, Any]], list[Marker]]:
    """The note entries, their parsed and resolved fields, and the linked markers."""
    entries, covered = note_entries(text, body_start)
    parsed = [parse_note(text[e.start : e.end]) for e in entries]
    resolve_notes(parsed)
    markers = link_markers(body_markers(text, covered, body_start), entries) if entries else []
    return entries, parsed, markers


def _strs(values: list) -> Any:
    return pd.array(values, dtype="str")


def _nullable_int(values: list, dtype: str = "Int64") -> Any:
    missing = np.fromiter((v is None for v in values), dtype=bool, count=len(values))
    data = np.asarray([0 if v is None else int(v) for v in values], dtype=np.int64)
    if dtype == "Int32":
        return nullable_ids(data, missing)
    return pd.arrays.IntegerArray(data, mask=missing)


def note_frame(text: str, entries: list[NoteEntry], parsed: list[dict[str, Any]], doc_id: str) -> pd.DataFrame:
    """The :data:`NOTE_COLUMNS` frame of *entries* and their fields."""
    return empty_frame(_no_notes, doc_id) if not entries else _note_rows_frame(text, entries, parsed, doc_id)


def _note_rows_frame(text: str, entries: list[NoteEntry], parsed: list[dict[str, Any]], doc_id: str) -> pd.DataFrame:
    n = len(entries)
    data: dict[str, Any] = {
        "doc_id": doc_id_column(doc_id, n),
        "note_id": np.arange(n, dtype=ID_DTYPE),
        "number": np.asarray([e.number for e in entries], dtype=np.int64),
        "group_id": ids([e.group for e in entries]),
        "group": _strs([e.heading for e in entries]),
        "start": ids([e.start for e in entries]),
        "end": ids([e.end for e in entries]),
        "text": _strs([text[e.start : e.end] for e in entries]),
    }
    for k in NOTE_COLUMNS[8:]:
        vals = [f.get(k) for f in parsed]
        if k in _INT_FIELDS:
            data[k] = _nullable_int(vals)
        elif k == "refers_to":
            data[k] = _nullable_int(vals, "Int32")
        elif k == "is_ibid":
            data[k] = np.asarray(vals, dtype=bool).reshape(n)
        else:
            data[k] = _strs(vals)
    return pd.DataFrame(data, columns=NOTE_COLUMNS)


def marker_frame(text: str, markers: list[Marker], doc_id: str) -> pd.DataFrame:
    """The :data:`MARKER_COLUMNS` frame of linked *markers*."""
    return empty_frame(_no_markers, doc_id) if not markers else _marker_rows_frame(text, markers, doc_id)


def _marker_rows_frame(text: str, markers: list[Marker], doc_id: str) -> pd.DataFrame:
    n = len(markers)
    return pd.DataFrame({
        "doc_id": doc_id_column(doc_id, n),
        "marker_id": np.arange(n, dtype=ID_DTYPE),
        "start": ids([m.start for m in markers]),
        "end": ids([m.end for m in markers]),
        "text": _strs([text[m.start : m.end] for m in markers]),
        "number": np.asarray([m.number for m in markers], dtype=np.int64),
        "kind": _strs([m.kind for m in markers]),
        "note_id": ids([m.note for m in markers]),
    }, columns=MARKER_COLUMNS)


def _no_notes(doc_id: str) -> pd.DataFrame:
    return _note_rows_frame("", [], [], doc_id)


def _no_markers(doc_id: str) -> pd.DataFrame:
    return _marker_rows_frame("", [], doc_id)


def _check_text(text: Any, func: str) -> None:
    if not isinstance(text, str):
        raise TypeError(f"{func}: text must be a str, got {type(text).__name__}.")


def find_notes(text: str, *, doc_id: str = "doc", body_start: int = 0) -> pd.DataFrame:
    """Find, parse and resolve the footnotes and endnotes of a text.

    Parameters
    ----------
    text : str
        The document text (``Document.text``).
    doc_id : str
        Value of the ``doc_id`` column.
    body_start : int
        Offset where the body begins (``Document.body_start``): the header is
        not read.

    Returns
    -------
    DataFrame
        One row per note of the text's notes sections, in reading order:

        - ``doc_id`` (categorical), ``note_id`` (int32, dense), ``number``
          (int64, as printed), ``group_id`` (int32: the chapter group, from 0;
          numbering restarts in each), ``group`` (str: its heading, e.g.
          ``Chapter Five``, or empty);
        - ``start``, ``end`` (int32) and ``text`` (``text[start:end]``, the
          note without its number);
        - ``author``, ``title``, ``periodical``, ``volume``, ``place``,
          ``publisher``, ``date`` (ISO to the precision written), ``pages``
          (as written), ``archive``, ``box``, ``folder`` (str, empty when
          absent); ``year``, ``page_start``, ``page_end`` (Int64);
        - ``is_ibid`` (bool), ``refers_to`` (Int32: the ``note_id`` an Ibid.
          repeats or a short form shortens), ``quoted`` (str: the person the
          note names as the source of the quoted words).

        See :mod:`textmine.citations.note_rules` for the field rules and
        :mod:`textmine.citations.note_frames` for the resolution.

    Examples
    --------
    >>> text = "It was dry.\\u00b9\\n\\nNotes\\n\\n1. Ruth Dale, Wheat and War (Chicago: Lakeshore Books, 1950), 7.\\n"
    >>> find_notes(text)[["number", "author", "year", "page_start"]].to_dict("records")
    [{'number': 1, 'author': 'Ruth Dale', 'year': 1950, 'page_start': 7}]
    """
    _check_text(text, "textmine.find_notes")
    entries, parsed, _ = notes_and_markers(text, body_start)
    return note_frame(text, entries, parsed, doc_id)


def find_note_markers(text: str, *, doc_id: str = "doc", body_start: int = 0) -> pd.DataFrame:
    """The note markers in the body of a text, each linked to its note.

    Returns
    -------
    DataFrame
        ``doc_id``, ``marker_id`` (int32, dense, reading order), ``start``,
        ``end`` (int32), ``text`` (the marker as written: ``³``, ``[3]``,
        ``^3``, ``3``), ``number`` (int64), ``kind`` (``superscript``,
        ``bracket``, ``caret``, ``digit``), ``note_id`` (int32, the
        :func:`find_notes` row it points to). Only markers a note takes are
        rows (see :mod:`textmine.citations.sections`).
    """
    _check_text(text, "textmine.find_note_markers")
    _, _, markers = notes_and_markers(text, body_start)
    return marker_frame(text, markers, doc_id)


def with_note_links(quotations: pd.DataFrame, notes: pd.DataFrame, markers: pd.DataFrame,
                    sentences: pd.DataFrame) -> pd.DataFrame:
    """The quotations with ``note_id``: the note whose marker closes the quotation's sentence.

    A quotation ending at ``end`` takes the first marker at or after
    ``end`` when the character before the marker lies in the same sentence
    as the quotation's last character; the other members of its quotation
    group (``group_id``, a speech-tag pair) without a marker of their own
    take the group's note. A quoted title-case phrase inside a note becomes
    a ``title``, and a lower-case ``term`` with a note a ``quotation`` (the
    note is its source). A quotation of kind ``quotation``
    with no speaker then takes one from its note: the note's ``quoted``
    person, else its ``author``, else its ``periodical`` (``speaker_rule``
    ``note``).

    Returns
    -------
    DataFrame
        The same rows, in the same order, with ``note_id`` (Int32) added
        (replaced if present), ``kind`` as above, and ``speaker``, ``speaker_name``,
        ``speaker_rule`` filled as above where they were empty.
    """
    func = "textmine.citations.with_note_links"
    require_columns(quotations, ["start", "end"], func=func, arg="quotations", hint="pass Document.quotations")
    require_columns(notes, ["note_id", "author", "periodical", "quoted"], func=func, arg="notes", hint="pass Document.notes")
    require_columns(markers, ["start", "note_id"], func=func, arg="markers", hint="pass Document.note_markers")
    require_columns(sentences, ["start"], func=func, arg="sentences", hint="pass Document.sentences")
    out = quotations.reset_index(drop=True).copy()
    if not len(notes) and not len(markers):  # no note to link: every note_id missing, nothing else changes
        out["note_id"] = nullable_ids(np.zeros(len(out), dtype=np.int64), np.ones(len(out), dtype=bool))
        return out
    q_end = out["end"].to_numpy(dtype=np.int64)
    m_start = markers["start"].to_numpy(dtype=np.int64)
    s_start = sentences["start"].to_numpy(dtype=np.int64)
    k = np.searchsorted(m_start, q_end, side="left")
    has = k < len(m_start)
    kk = np.minimum(k, max(len(m_start) - 1, 0))
    if len(m_start):
        at = m_start[kk]
        same = np.searchsorted(s_start, q_end - 1, side="right") == np.searchsorted(s_start, at - 1, side="right")
        has &= same
        note = markers["note_id"].to_numpy(dtype=np.int64)[kk]
    else:
        note = np.zeros(len(out), dtype=np.int64)
    if "group_id" in out.columns and has.any():
        note, has = _group_notes(out["group_id"], note, has)
    out["note_id"] = nullable_ids(note, ~has)
    if "kind" in out.columns:
        out["kind"] = pd.array(_kinds_from_notes(out, notes, has), dtype=out["kind"].dtype)
    return _speakers_from_notes(out, notes)


def _title_case(s: str) -> bool:
    """Every word of four letters or more is capitalised (``Five Years on Harlow Creek``)."""
    long = [w for w in _WORD.findall(s) if len(w) >= 4 and not w.isdigit()]
    return bool(long) and all(w[0].isupper() for w in long)


def _kinds_from_notes(q: pd.DataFrame, notes: pd.DataFrame, has: np.ndarray) -> list:
    """``kind`` with two note rules: a quoted title-case phrase inside a note is a ``title``; a
    lower-case scare quote (``term``) with a note is a ``quotation`` (its note is its source)."""
    kinds = q["kind"].astype("object").tolist()
    n_start = notes["start"].to_numpy(dtype=np.int64)
    n_end = notes["end"].to_numpy(dtype=np.int64)
    k = np.searchsorted(n_start, q["start"].to_numpy(dtype=np.int64), side="right") - 1
    inside_note = (k >= 0) & (q["end"].to_numpy(dtype=np.int64) <= n_end[np.maximum(k, 0)]) if len(n_end) else np.zeros(len(q), bool)
    for i, (text, kind) in enumerate(zip(q["text"].astype("object").tolist(), kinds)):
        inside = bool(inside_note[i])
        if inside and kind in ("quotation", "term") and _title_case(text):
            kinds[i] = "title"
        elif kind == "term" and has[i] and isinstance(text, str) and text[:1].islower():
            kinds[i] = "quotation"
    return kinds


def _group_notes(group_id: pd.Series, note: np.ndarray, has: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Members of a quotation group (a speech-tag pair) without a note take the group's last note."""
    group_note: dict[int, int] = {}
    groups = group_id.tolist()
    for g, n, h in zip(groups, note.tolist(), has.tolist()):
        if h and g is not pd.NA and g is not None:
            group_note[int(g)] = n
    note, has = note.copy(), has.copy()
    for i, g in enumerate(groups):
        if not has[i] and g is not pd.NA and g is not None and int(g) in group_note:
            note[i], has[i] = group_note[int(g)], True
    return note, has


def _speakers_from_notes(out: pd.DataFrame, notes: pd.DataFrame) -> pd.DataFrame:
    if "speaker" not in out.columns or not len(notes):
        return out
    def named(a: Any) -> Any:
        return None if isinstance(a, str) and {w.lower() for w in _WORD.findall(a)} & ANONYMOUS_AUTHOR_WORDS else a

    linked = out["note_id"].notna().to_numpy()
    if not linked.any():
        return out  # no quotation has a note to take a speaker from
    used = {int(i) for i in out["note_id"].to_numpy()[linked]}
    by_id = {int(i): next((v for v in (q, named(a), p) if isinstance(v, str) and v), None)
             for i, q, a, p in zip(notes["note_id"], notes["quoted"], notes["author"], notes["periodical"]) if int(i) in used}
    speaker = out["speaker"].astype("object").tolist()
    names = out["speaker_name"].astype("object").tolist() if "speaker_name" in out.columns else None
    rules = out["speaker_rule"].astype("object").tolist() if "speaker_rule" in out.columns else None
    kinds = out["kind"].astype("str").tolist() if "kind" in out.columns else ["quotation"] * len(out)
    changed = False
    for i, (sp, nid, kind) in enumerate(zip(speaker, out["note_id"].tolist(), kinds)):
        if kind != "quotation" or nid is pd.NA or (isinstance(sp, str) and sp):
            continue
        who = by_id.get(int(nid))
        if who is None:
            continue
        speaker[i], changed = who, True
        if names is not None and not (isinstance(names[i], str) and names[i]):
            names[i] = who
        if rules is not None:
            rules[i] = "note"
    if changed:
        out["speaker"] = pd.array(speaker, dtype=out["speaker"].dtype)
        if names is not None:
            out["speaker_name"] = pd.array(names, dtype=out["speaker_name"].dtype)
        if rules is not None:
            out["speaker_rule"] = pd.array(rules, dtype=out["speaker_rule"].dtype)
    return out
