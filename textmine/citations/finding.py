""":func:`find_citations`: the parentheses and notes of a text, parsed and resolved."""

from __future__ import annotations

import bisect
import re
import warnings
from typing import Any

import numpy as np
import pandas as pd

from .._frames import require_columns
from ..errors import TextmineWarning
from ..spans import ID_DTYPE, doc_id_column, ids, nullable_ids
from ..stopwords import ENGLISH_STOP_WORDS
from .cases import case_citations, resolve_short_forms
from .notes import find_notes, first_markers
from .sections import body_markers, link_markers, note_entries
from .references import first_surname, with_reference_ids
from .rules import NAME, NON_PERSON, clean, empty_fields, expand_pages, looks_like_name, parse_citation

__all__ = ["find_citations", "CITATION_COLUMNS", "MAX_CITATION_CHARS", "MAX_NESTED", "parentheses"]

#: Output columns of :func:`find_citations`, in order.
CITATION_COLUMNS = [
    "doc_id", "citation_id", "start", "end", "raw", "author", "title", "volume", "place",
    "publisher", "year", "date", "pages", "page_start", "page_end", "is_ibid", "refers_to",
    "kind", "placement", "para_id", "note", "marker_start", "marker_end", "archive", "unresolved", "n_refs", "periodical", "reference_id",
]
#: A parenthesis longer than this (characters, marks included) is an aside, never a citation.
MAX_CITATION_CHARS = 2000
#: A parenthesis holding more levels of parentheses than this is an aside (the levels inside it are still read).
MAX_NESTED = 3
#: Fields an Ibid or op. cit. takes from the citation it refers to.
_INHERITED = ["author", "title", "volume", "place", "publisher", "year", "date", "archive", "periodical"]
_NAME_BEFORE = re.compile(rf"(?P<author>{NAME}(?:\s+et\s+al\.?)?)(?:\u2019s|'s|\u2019)?\s*$")
_ARTICLE_END = re.compile(r"\b(the|a|an|of|in)\s*$")
_ET_AL_END = re.compile(r"\s+et\s+al\.?$")
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|\band\b|&)\s*")
_PARENS = re.compile(r"[()]")
#: How far before a year-only citation (``Smith (1978, 112)``) its author is looked for.
AUTHOR_LOOKBACK = 80


def _paren_positions(text: str) -> list[int]:
    """Sorted offsets of every ``(`` and ``)`` of *text*."""
    out = []
    for ch in "()":
        i = text.find(ch)
        while i >= 0:
            out.append(i)
            i = text.find(ch, i + 1)
    out.sort()
    return out


def parentheses(text: str, start: int, end: int, parens: list[int] | None = None, *,
                longest: int | None = None, deepest: int | None = None) -> list[tuple[int, int, int]]:
    """Balanced ``(...)`` spans in ``text[start:end]``, outer before inner, with how many levels each holds.

    ``(start, end, levels)`` sorted by (start, -end); ``levels`` is 0 for a
    parenthesis without parentheses inside. An unmatched ``(`` or ``)`` is
    skipped. *parens* (every parenthesis of *text*, sorted) saves scanning
    the text again. Spans longer than *longest* characters or holding more
    than *deepest* levels are left out.
    """
    longest = len(text) + 1 if longest is None else longest
    deepest = len(text) + 1 if deepest is None else deepest
    spans = []
    stack: list[list[int]] = []  # [offset of "(", deepest level inside]
    if parens is None or not 0 <= start <= end <= len(text):
        positions = [start + m.start() for m in _PARENS.finditer(text[start:end])]
    else:
        positions = parens[bisect.bisect_left(parens, start) : bisect.bisect_left(parens, end)]
    for i in positions:
        if text[i] == "(":
            stack.append([i, 0])
        elif stack:
            a, levels = stack.pop()
            if i + 1 - a <= longest and levels <= deepest:
                spans.append((a, i + 1, levels))
            if stack:
                stack[-1][1] = max(stack[-1][1], levels + 1)
    spans.sort(key=lambda se: (se[0], -se[1]))
    return spans


def _author_before(text: str, s: int, a: int, surnames: frozenset[str] = frozenset()) -> str | None:
    """The author of a year-only citation at *a*: the name right before it in the paragraph starting at *s*.

    After ``the``/``of``/``in`` a name is an event's or a place's (``the October Revolution (1917)``), unless
    it reads as authors (``the findings of Dunmore et al. (2014)``) or its surname heads an entry of the
    References list (*surnames*).
    """
    nm = _NAME_BEFORE.search(text, max(s, a - AUTHOR_LOOKBACK), a)
    if nm is None:
        return None
    author = nm.group("author")
    authors = _ET_AL_END.search(author) is not None or first_surname(_ET_AL_END.sub("", author)) in surnames
    after_article = _ARTICLE_END.search(text[max(s, nm.start() - 6) : nm.start()]) is not None
    if (after_article and not authors) or not looks_like_name(author) or author.split()[0].lower() in NON_PERSON:
        return None  # a bare year "(1917)", or "the October Revolution (1917)", is an aside
    words = author.split()
    while len(words) > 1 and words[0].lower() in ENGLISH_STOP_WORDS:
        words.pop(0)  # "As Carr (1950)"
    if words[0].lower() in ENGLISH_STOP_WORDS:
        return None
    return clean(" ".join(words))


#: A caption or source credit outside parentheses, as a sentence of its own (``Plate 2. The mill. Courtesy of the Borough Library.``).
#: It must begin the text, a line, or follow ``.``, ``!`` or ``?`` and a space (:func:`_credit_matches`).
_CREDIT_SENTENCE = re.compile(
    r"(?:By\s+courtesy\s+of|Courtesy\s+of|Reproduced\s+by\s+(?:kind\s+)?permission\s+of|"
    r"By\s+(?:kind\s+)?permission\s+of|Photograph(?:ed)?\s+by|Source:)[ \t]+[^.\n()]{2,200}\.?",
)


def _credit_matches(text: str, s: int, e: int):
    """The :data:`_CREDIT_SENTENCE` matches of ``text[s:e]`` that begin a sentence or a line, in order.

    The place is checked here rather than by a look-behind in the regex (which would be tried at
    every character): a match at a wrong place is skipped and the search goes on from the next
    character, so the matches are those of the look-behind pattern.
    """
    pos = s
    while True:
        m = _CREDIT_SENTENCE.search(text, pos, e)
        if m is None:
            return
        i = m.start()
        if i == 0 or text[i - 1] == "\n" or (i >= 2 and text[i - 1].isspace() and text[i - 2] in ".!?"):
            yield m
            pos = m.end()
        else:
            pos = i + 1


def _with_cases(text: str, s: int, e: int, p: int, parenthetical: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """*parenthetical* plus the case and ``Id.`` citations in the running text of ``[s, e)``
    (:mod:`textmine.citations.cases`); a parenthetical row overlapping a case (its court and year) is dropped."""
    cases = case_citations(text, s, e)
    if not cases:
        return parenthetical
    for f in cases:
        f.update(placement="inline", para_id=p, note=None)
    starts = [f["start"] for f in cases]  # sorted; the cases do not overlap

    def overlaps(r: dict[str, Any]) -> bool:
        k = bisect.bisect_left(starts, r["end"]) - 1  # the last case starting before the row ends
        return k >= 0 and cases[k]["end"] > r["start"]

    return cases + [r for r in parenthetical if not overlaps(r)]


def _credit_sentences(text: str, s: int, e: int, p: int) -> list[dict[str, Any]]:
    """Credits written as sentences of their own in the paragraph ``[s, e)`` (``placement == "caption"``)."""
    rows = []
    for m in _credit_matches(text, s, e):
        f = parse_citation(m.group(0))
        if f is not None and f["kind"] == "credit":
            f.update(start=m.start(), end=m.end(), raw=m.group(0), placement="caption", para_id=p, note=None)
            rows.append(f)
    return rows


class _ReferenceList:
    """Where a text's References entries are, and the surnames of their first authors (lower case)."""

    def __init__(self, references: pd.DataFrame | None):
        has = references is not None and len(references)
        self.starts = references["start"].tolist() if has else []
        self.ends = references["end"].tolist() if has else []
        names = references["author"].tolist() if has else []
        self.surnames = frozenset(s for s in (first_surname(a) for a in names) if s)

    def holds(self, s: int, e: int) -> bool:
        """``[s, e)`` lies inside one entry."""
        k = bisect.bisect_right(self.starts, s) - 1
        return k >= 0 and self.ends[k] >= e


#: A parenthesis of bare pages (``(14)``, ``(54–55)``) right after a closing quotation mark: the page
#: of the work cited last (author–date and MLA style: ``“…” (14)``).
_BARE_PAGES = re.compile(r"\((?P<pages>\d{1,4}(?:\s*[-\u2013]\s*\d{1,4})?)\)")
_AFTER_QUOTE = re.compile(r"[\u201d\u2019\"'][ \t]?$")


def _quoted_page(text: str, s: int, a: int, raw: str) -> dict[str, Any] | None:
    """The page-only citation *raw* at *a* when it follows a quotation's closing mark, else None."""
    m = _BARE_PAGES.fullmatch(raw)
    if m is None or not _AFTER_QUOTE.search(text, max(s, a - 2), a):
        return None
    f = empty_fields()
    f.update(kind="page", pages=m.group("pages"))
    f["page_start"], f["page_end"] = expand_pages(f["pages"])
    return f


def _paragraph_citations(text: str, s: int, e: int, p: int, parens: list[int],
                         surnames: frozenset[str] = frozenset()) -> list[dict[str, Any]]:
    """The parenthetical citations of the paragraph ``[s, e)`` with id *p* (*surnames*: the
    References list's, which make a name before a year-only citation an author)."""
    rows = []
    taken_until = -1
    for a, b, _ in parentheses(text, s, e, parens, longest=MAX_CITATION_CHARS, deepest=MAX_NESTED):
        if a < taken_until:
            continue  # inside a citation taken already (an imprint in parentheses)
        raw = text[a:b]
        f = parse_citation(raw) or _quoted_page(text, s, a, raw)
        if f is None:
            continue  # an aside; a citation nested in it is still looked at
        if f["kind"] == "author_date" and f["author"] is None:
            f["author"] = _author_before(text, s, a, surnames)
            if f["author"] is None:
                continue
        if f["n_refs"] > 1:
            rows.extend(_references_of(text, a, b, f, p))
        else:
            f.update(start=a, end=b, raw=raw, placement="parenthetical", para_id=p, note=None)
            rows.append(f)
        taken_until = b
    return rows


_PART = re.compile(r"[^;]+")


def _references_of(text: str, a: int, b: int, first: dict[str, Any], p: int) -> list[dict[str, Any]]:
    """One row per reference of a parenthesis of several (``(Smith 1990, 4; Jones 2001)``): each spans
    its own words (the first from the ``(``, the last to the ``)``, so that a quotation before it
    links to it), a year without a name (``(Smith 1990; 1992)``) is the name before it again, and every
    row has ``n_refs``, the number of references in the parenthesis."""
    rows: list[dict[str, Any]] = []
    parts = [m for m in _PART.finditer(text, a + 1, b - 1) if text[m.start() : m.end()].strip()]
    for i, m in enumerate(parts):
        lo = m.start() + len(text[m.start() : m.end()]) - len(text[m.start() : m.end()].lstrip())
        hi = m.end() - (len(text[m.start() : m.end()]) - len(text[m.start() : m.end()].rstrip()))
        lo, hi = (a if i == 0 else lo), (b if i == len(parts) - 1 else hi)
        f = first if i == 0 else (parse_citation(text[m.start() : m.end()]) or empty_fields())
        if f["kind"] == "author_date" and f["author"] is None and rows:
            f["author"] = rows[-1]["author"]  # "(Smith 1990; 1992)"
        f.update(start=lo, end=hi, raw=text[lo:hi], placement="parenthetical", para_id=p, note=None, n_refs=len(parts))
        rows.append(f)
    return rows


def _numbered_notes(text: str, paragraphs: pd.DataFrame, body_start: int) -> tuple[list, int, list]:
    """The notes (``(start, end, number, body)``), where they begin, and each note's first marker (or None).

    The notes sections of :mod:`textmine.citations.sections` (their markers
    linked per chapter group) when the text has one; else the notes of
    :func:`textmine.citations.notes.find_notes` (Project Gutenberg blocks,
    ``[1]`` lines) and the first marker of each number.
    """
    entries, covered = note_entries(text, body_start)
    if entries:
        first: dict[int, tuple[int, int]] = {}
        for mk in link_markers(body_markers(text, covered, body_start), entries):
            first.setdefault(mk.note, (mk.start, mk.end))
        notes = [(e.start, e.end, e.number, text[e.start : e.end]) for e in entries]
        return notes, covered[0][0], [first.get(i) for i in range(len(notes))]
    notes, notes_from = find_notes(text, paragraphs)
    by_number = first_markers(text, body_start, notes_from, notes) if notes else {}
    return notes, notes_from, [by_number.get(n[2]) for n in notes]


def _note_rows(text: str, notes: list, markers: list, ps: np.ndarray, pid: np.ndarray) -> list[dict[str, Any]]:
    para_of = np.searchsorted(ps, np.array([n[0] for n in notes], dtype=np.int64), side="right") - 1
    rows = []
    for (a, b, n, body), p, mk in zip(notes, para_of.tolist(), markers):
        f = parse_citation(body.strip())
        if f is None:
            f = empty_fields()
            f["kind"] = "note"
        f.update(start=a, end=b, raw=text[a:b], placement="note", para_id=int(pid[p]) if p >= 0 else -1, note=n,
                 marker_start=mk[0] if mk else None, marker_end=mk[1] if mk else None)
        rows.append(f)
    return rows


def find_citations(text: str, paragraphs: pd.DataFrame, *, doc_id: str, references: pd.DataFrame | None = None) -> pd.DataFrame:
    """Find, parse and resolve the citations of a text.

    Parameters
    ----------
    text : str
        The document text (``Document.text``).
    paragraphs : DataFrame
        ``Document.paragraphs`` (``para_id, start, end``); only parentheses
        inside a paragraph are considered.
    doc_id : str
        Value of the ``doc_id`` column.
    references : DataFrame, optional
        The text's reference list (:func:`textmine.find_references`), for
        ``reference_id``.

    Returns
    -------
    DataFrame
        One row per citation, sorted by ``start``, with columns

        - ``doc_id`` (categorical), ``citation_id`` (int32, dense, reading
          order), ``start``, ``end`` (int32: the parentheses included, or the
          note), ``raw`` (``text[start:end]``);
        - ``author``, ``title``, ``volume``, ``place``, ``publisher``,
          ``date`` (ISO), ``pages`` (as written), ``archive`` (str, empty
          when absent); ``year``, ``page_start``, ``page_end`` (Int64;
          abbreviated ranges expanded, see :func:`expand_pages`);
        - ``is_ibid`` (bool), ``refers_to`` (Int32: the citation an Ibid, op.
          cit. or page-only citation resolves to), ``unresolved`` (bool: it
          should refer to something but nothing came before);
        - ``kind`` (see the module docs),
          ``periodical`` (str: the newspaper or journal a ``periodical``
          citation names last, when its last word is one of
          :data:`~textmine.citations.rules.PERIODICAL_WORDS`); ``placement``
          (``parenthetical``, ``note``, ``inline`` for a case or ``Id.``
          citation in running text, see :mod:`textmine.citations.cases`, or
          ``caption`` for a credit written as a sentence of its own), ``para_id`` (int32), ``note`` (Int64
          number of a note), ``marker_start``/``marker_end`` (Int32, first
          in-text marker of a note), ``n_refs`` (int64: references in
          the parenthesis, ``(Smith 1990; Jones 2001)`` has 2, each a row of its
          own spanning its words, the first from the ``(``, the last to the ``)``),
          ``reference_id`` (Int32: the *references*
          entry with the citation's first-author surname and year, see
          :func:`textmine.citations.with_reference_ids`).

    Examples
    --------
    >>> import textmine as tm
    >>> doc = tm.parse("He wrote so (Smith 1978, 112). Later (Ibid., 115).")
    >>> doc.citations[["author", "year", "page_start", "refers_to"]].to_dict("list")  # doctest: +SKIP
    """
    func = "textmine.citations.find_citations"
    if not isinstance(text, str):
        raise TypeError(f"{func}: text must be a str, got {type(text).__name__}.")
    require_columns(paragraphs, ["para_id", "start", "end"], func=func, arg="paragraphs", hint="pass Document.paragraphs")
    ps = paragraphs["start"].to_numpy(dtype=np.int64)
    notes, notes_from, markers = _numbered_notes(text, paragraphs, int(ps[0]) if len(ps) else 0)
    pe = paragraphs["end"].to_numpy(dtype=np.int64)
    pid = paragraphs["para_id"].to_numpy(dtype=np.int64)
    rows: list[dict[str, Any]] = []
    parens = _paren_positions(text)
    refs = _ReferenceList(references)
    for s, e, p in zip(ps.tolist(), pe.tolist(), pid.tolist()):
        if s >= notes_from:
            break
        if refs.holds(s, e):
            continue  # an entry of the References list is no citation (its "(1894) 1979" neither)
        found = _paragraph_citations(text, s, min(e, notes_from), p, parens, refs.surnames)
        rows.extend(_with_cases(text, s, min(e, notes_from), p, found))
        rows.extend(_credit_sentences(text, s, min(e, notes_from), p))
    if notes:
        rows.extend(_note_rows(text, notes, markers, ps, pid))
    rows.sort(key=lambda r: (r["start"], r["end"]))
    resolve_short_forms(rows)  # a case's short form in a later paragraph
    _resolve(rows, func)
    out = _frame(rows, doc_id)
    if references is None or not len(references):
        out["reference_id"] = nullable_ids(np.zeros(len(out), dtype=np.int64), np.ones(len(out), dtype=bool))
        return out
    return with_reference_ids(out, references)


def _surname(name: str | None) -> str | None:
    if not name:
        return None
    name = _ET_AL_END.sub("", name.strip())
    first = _AUTHOR_SPLIT.split(name)[0].strip()
    words = [w for w in first.split() if w]
    return words[-1].strip(".").lower() if words else None


def _unresolved(r: dict[str, Any], func: str, why: str) -> None:
    r["unresolved"] = True
    warnings.warn(f"{func}: {r['raw'].strip()[:40]!r} at offset {r['start']} {why}; left unresolved.", category=TextmineWarning, stacklevel=5)


def _inherit(r: dict[str, Any], src: dict[str, Any]) -> None:
    for k in _INHERITED:
        if r.get(k) is None and src.get(k) is not None:
            r[k] = src[k]


class _Sources:
    """The citations an Ibid, a page-only citation or an op. cit. can refer to, as the rows are read."""

    def __init__(self) -> None:
        self.last_source: int | None = None  # most recent non-ibid citation, as its resolved source
        self.last_full: int | None = None  # most recent citation that is not ibid, page, op. cit. or a note
        self.by_surname: dict[str | None, int] = {}  # ... by author surname

    def saw(self, i: int, row: dict[str, Any]) -> None:
        """Row *i* was read (before the next one is resolved)."""
        if row["kind"] not in ("ibid", "page", "op_cit", "note"):
            self.last_full = i
            self.by_surname[_surname(row["author"])] = i


def _resolve_row(i: int, r: dict[str, Any], rows: list[dict[str, Any]], src: _Sources, func: str) -> None:
    kind = r["kind"]
    if kind in ("ibid", "page"):
        if src.last_source is None:
            return _unresolved(r, func, "has no earlier citation to refer to")
        r["refers_to"] = src.last_source
        _inherit(r, rows[src.last_source])
        if r["pages"] is None and kind == "ibid" and i > 0:
            prev = rows[i - 1]
            r["pages"], r["page_start"], r["page_end"] = prev["pages"], prev["page_start"], prev["page_end"]
    elif kind == "op_cit":
        want = _surname(r.get("op_author"))
        # the most recent earlier full citation (with that author surname)
        target = src.last_full if want is None else src.by_surname.get(want)
        if target is None:
            return _unresolved(r, func, "names no earlier citation")
        r["refers_to"] = target
        _inherit(r, rows[target])
        src.last_source = target
    elif kind != "note":
        src.last_source = i


def _resolve(rows: list[dict[str, Any]], func: str) -> None:
    """Fill ``refers_to`` and inherited fields of Ibid, op. cit. and page-only citations."""
    src = _Sources()
    for i, r in enumerate(rows):
        if i:
            src.saw(i - 1, rows[i - 1])
        r["refers_to"] = None
        r["unresolved"] = False
        _resolve_row(i, r, rows, src, func)


def _frame(rows: list[dict[str, Any]], doc_id: str) -> pd.DataFrame:
    """The output frame, built column by column from lists (no per-row pandas work)."""
    n = len(rows)

    def values(name: str) -> list:
        return [r.get(name) for r in rows]

    def strs(name: str) -> Any:
        return pd.array(values(name), dtype="str")

    def nullable(name: str, dtype: str) -> Any:
        vals = values(name)
        missing = np.fromiter((v is None for v in vals), dtype=bool, count=n)
        if not missing.any() or missing.all():
            data = np.zeros(n, dtype=np.int64) if missing.all() else np.asarray(vals, dtype=np.int64)
        else:
            data = np.asarray([0 if v is None else v for v in vals], dtype=np.int64)
        if dtype == "Int32":
            return nullable_ids(data, missing)
        return pd.arrays.IntegerArray(data, mask=missing)

    def plain(name: str, dtype: Any) -> np.ndarray:
        return np.asarray(values(name), dtype=dtype).reshape(n)

    data = {
        "doc_id": doc_id_column(doc_id, n),
        "citation_id": np.arange(n, dtype=ID_DTYPE),
        "start": ids(plain("start", np.int64)),
        "end": ids(plain("end", np.int64)),
        "raw": strs("raw"),
    }
    for k in ("author", "title", "volume", "place", "publisher"):
        data[k] = strs(k)
    data["year"] = nullable("year", "Int64")
    data["date"] = strs("date")
    data["pages"] = strs("pages")
    data["page_start"] = nullable("page_start", "Int64")
    data["page_end"] = nullable("page_end", "Int64")
    data["is_ibid"] = plain("is_ibid", bool)
    data["refers_to"] = nullable("refers_to", "Int32")
    data["kind"] = strs("kind")
    data["placement"] = strs("placement")
    data["para_id"] = ids(plain("para_id", np.int64))
    data["note"] = nullable("note", "Int64")
    data["marker_start"] = nullable("marker_start", "Int32")
    data["marker_end"] = nullable("marker_end", "Int32")
    data["archive"] = strs("archive")
    data["unresolved"] = plain("unresolved", bool)
    data["n_refs"] = plain("n_refs", np.int64)
    data["periodical"] = strs("periodical")
    return pd.DataFrame(data, columns=CITATION_COLUMNS[:-1])
