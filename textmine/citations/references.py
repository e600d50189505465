"""``doc.references``: the entries of a References list or bibliography, and the citations that point to them.

Which lines are entries
-----------------------
A line reading only ``References``, ``Bibliography``, ``Select
Bibliography``, ``Works Cited``, ``Literature Cited``, ``Sources`` or
``Reference List`` (any case) opens the list. Each paragraph after it is an
entry; inside a paragraph, a line that starts like an entry (a capitalised
surname and a comma, a dash line ``———.`` repeating the author, or a
corporate author and its year, ``U.S. Bureau of Mines. 1921.``) after a
line ending in a full stop starts a new one (one entry per line, no blank
lines), and any other line continues the entry (hard wrapping, hanging
indents). A short line without final punctuation (a heading) or a notes
heading ends the list. Every line is read once.

Fields
------
:data:`REFERENCE_RULES` is read in order; the first row whose pattern
matches the whole entry gives its fields. A dash author (``———``) is the
author of the entry before. Pages are expanded as in
:func:`textmine.citations.expand_pages`.

Links
-----
:func:`with_reference_ids` gives each author–date citation the entry with
the same first-author surname and year (and the year's letter, ``2001b``,
where both have one; ``n.d.`` and ``forthcoming`` count as years).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .._frames import require_columns
from ..spans import ID_DTYPE, doc_id_column, empty_frame, ids, nullable_ids
from .rules import clean, expand_pages

__all__ = ["MAX_ENTRY_CHARS", "REFERENCE_COLUMNS", "REFERENCE_RULES", "ReferenceRule", "find_references", "parse_reference",
           "reference_entries", "with_reference_ids", "first_surname"]

#: Output columns of :func:`find_references`, in order.
REFERENCE_COLUMNS = ["doc_id", "ref_id", "start", "end", "text", "author", "year", "title", "periodical", "volume",
                     "place", "publisher", "date", "pages", "page_start", "page_end"]
#: An entry longer than this (characters) is not parsed (its fields stay empty).
MAX_ENTRY_CHARS = 1000
_STR = ["author", "title", "periodical", "volume", "place", "publisher", "date", "pages"]

_HEADING = re.compile(r"[ \t]*(?:references|bibliography|select bibliography|works cited|literature cited|sources|"
                      r"reference list|references cited)[ \t]*:?[ \t]*", re.I)
_NOTES_HEADING = re.compile(r"[ \t]*(?:notes|endnotes|footnotes)[ \t]*:?[ \t]*", re.I)
_SHORT_HEADING = re.compile(r"[ \t]*[A-Z0-9][^.!?;,:]{0,60}[^.!?;,:\s][ \t]*")
_ENTRY_START = re.compile(
    r"[ \t]*(?:[A-Z][\w\u2019'-]+(?:\s+[a-z]{1,3})?\s*,|[\u2014\u2013-]{2,}\s*[.,]"
    # a corporate author and the year: "U.S. Bureau of Mines. 1921."
    r"|(?:(?:[A-Z][\w.\u2019'&-]*|of|the|and|for|on)[ \t]+){0,8}?[A-Z][\w\u2019'&-]*\.[ \t]+(?:\(?\d{4}|n\.\s?d\.|Forthcoming))")

# an author: a dash repeating the one before, or a name (``U.S. Bureau of Labor Statistics``: an initialism may lead)
_AUTHOR = r"(?P<author>(?:[\u2014\u2013-]{2,}|(?:(?:[A-Z]\.){2,}\s+)?[A-Z][^.()]*?(?:\s[A-Z]\.)*?))"
# the year, after the original date of a reprint (``(1894) 1979``, ``[1894] 1979``), or none: ``n.d.``, ``Forthcoming``
_YEAR = (r"(?:(?:\(\d{4}\)|\[\d{4}\])\s+)?(?:(?P<year>\d{4})(?P<suffix>[a-z])?"
         r"|(?P<no_year>n\.\s?d(?=\.)|[Ff]orthcoming|[Ii]n\s+press))")
_TITLE_Q = r"[\u201c\"\u2018](?P<qtitle>.+?)[.,]?[\u201d\"\u2019]"
_PAGES = r"(?P<pages>\d+(?:\s*[-\u2013]\s*\d+)?)"
_IMPRINT = r"(?:(?P<place>[^.:]+?)\s*:\s*)?(?P<publisher>[^.:]+?)"


@dataclass(frozen=True)
class ReferenceRule:
    """One row of :data:`REFERENCE_RULES`: a whole-entry pattern and examples of the fields it gives."""

    name: str
    pattern: re.Pattern
    description: str
    examples: tuple[tuple[str, dict[str, Any]], ...] = ()
    counter_examples: tuple[str, ...] = ()


#: The reference-entry rules, first whose pattern matches the whole entry wins.
REFERENCE_RULES: tuple[ReferenceRule, ...] = (
    ReferenceRule(
        "article_author_date",
        re.compile(rf"{_AUTHOR}\.?\s+\(?{_YEAR}\)?\.\s+{_TITLE_Q}\s+(?P<periodical>[^\d]+?)\s+(?P<volume>\d+)"
                   rf"(?:\s*\((?P<issue>[^()]+)\))?\s*[:,]\s*{_PAGES}\.?", re.S),
        "author-date journal article: Author. Year. “Title.” Journal Vol (Issue): pages.",
        (("Dale, Ruth. 1961. “Wells and Windmills.” Range Studies 12 (3): 30–41.",
          {"author": "Dale, Ruth", "year": 1961, "title": "Wells and Windmills", "periodical": "Range Studies", "volume": "12",
           "page_start": 30, "page_end": 41}),
         ("Hale, Mary. 1990. \u2018The Vestry.\u2019 Parish Studies 3: 4\u20139.", {"title": "The Vestry", "periodical": "Parish Studies"})),
        ("Dale, Ruth. 1950. Wheat and War. Chicago: Lakeshore Books.",),
    ),
    ReferenceRule(
        "chapter_author_date",
        re.compile(rf"{_AUTHOR}\.?\s+\(?{_YEAR}\)?\.\s+{_TITLE_Q}\s+In\s+(?P<book>[^,]+?),\s+(?:edited\s+by|eds?\.)\s+[^,]+?,"
                   rf"\s+(?:pp?\.\s*)?{_PAGES}\.\s+{_IMPRINT}\.?", re.S),
        "author-date chapter in an edited book: Author. Year. “Chapter.” In Book, edited by Editor, pages. Place: Publisher.",
        (("Hale, Mary. 1990. “The Vestry.” In Parish Life, edited by Jo Park, 12–30. London: Mill Press.",
          {"author": "Hale, Mary", "year": 1990, "title": "The Vestry", "page_end": 30, "place": "London", "publisher": "Mill Press"}),),
    ),
    ReferenceRule(
        "article_apa",
        re.compile(rf"{_AUTHOR}\.?\s+\({_YEAR}\)\.\s+(?P<title>[^.\u201c\"]+?)\.\s+(?P<periodical>[^,\d]+?),\s*(?P<volume>\d+)"
                   rf"(?:\s*\((?P<issue>[^()]+)\))?,\s*{_PAGES}\.?", re.S),
        "APA journal article: Author (Year). Title. Journal, Vol(Issue), pages.",
        (("Park, J. (1961). Wells and windmills. Range Studies, 12(3), 30–41.",
          {"author": "Park, J.", "year": 1961, "title": "Wells and windmills", "periodical": "Range Studies", "volume": "12", "page_start": 30}),),
        ("Dale, R. (1950). Wheat and war. Lakeshore Books.",),
    ),
    ReferenceRule(
        "book_author_date",
        re.compile(rf"{_AUTHOR}\.?\s+\(?{_YEAR}\)?\.\s+(?P<title>[^\u201c\"].*?)\.\s+{_IMPRINT}(?:,\s*\d{{4}}[a-z]?)?\.?", re.S),
        "author-date book: Author. Year. Title. Place: Publisher.",
        (("Dale, Ruth. 1950. Wheat and War. Chicago: Lakeshore Books.",
          {"author": "Dale, Ruth", "year": 1950, "title": "Wheat and War", "place": "Chicago", "publisher": "Lakeshore Books"}),
         ("Thorne, E. (1979). The Windbreak Years. Lincoln: Flatland Press.", {"author": "Thorne, E.", "year": 1979}),
         ("Lee, Ann. 1962. The Long Drought. Omaha: Plains Press, 1962.", {"publisher": "Plains Press", "place": "Omaha"}),
         ("Hale, Tom. (1867) 1990. The Mill Towns. Boston: Harbor Press.", {"author": "Hale, Tom", "year": 1990}),
         ("U.S. Bureau of the Census. 1913. Thirteenth Census. Washington, DC: Government Printing Office.",
          {"author": "U.S. Bureau of the Census", "year": 1913}),
         ("Hale, Tom. n.d. The Mill Book. Boston: Harbor Press.", {"author": "Hale, Tom", "year": None}),
         ("Hale, Tom. Forthcoming. The Mill Book. Boston: Harbor Press.", {"author": "Hale, Tom", "year": None})),
    ),
    ReferenceRule(
        "work_author_date",
        re.compile(rf"{_AUTHOR}\.?\s+\(?{_YEAR}\)?\.\s+{_TITLE_Q}\s+(?:(?P<periodical>[A-Z][^,.:;()\d]*?)|[^\d].*?)\.?", re.S),
        "author-date work with a quoted title and no volume or pages: an article in press, a manuscript, a paper "
        "(Author. Year. “Title.” Journal, or a description)",
        (("Hale, Tom. Forthcoming. “Mill Bells.” Review of Town Studies.",
          {"author": "Hale, Tom", "year": None, "title": "Mill Bells", "periodical": "Review of Town Studies"}),
         ("Hale, Tom. n.d. “A History of the Mill.” Unpublished manuscript, Town Library, Dover.",
          {"author": "Hale, Tom", "title": "A History of the Mill", "periodical": None}),
         ("Hale, Tom. 1990. “Mill Bells.” Paper presented at the Town Studies Meeting, Dover.", {"year": 1990, "periodical": None})),
        ("Dale, Ruth. 1950. Wheat and War. Chicago: Lakeshore Books.",),  # (an article with a volume is read by the rows before)
    ),
    ReferenceRule(
        "article_bibliography",
        re.compile(rf"{_AUTHOR}\.\s+{_TITLE_Q}\s+(?P<periodical>[^\d]+?)\s+(?P<volume>\d+)(?:,\s*no\.\s*\d+)?"
                   rf"\s*\((?P<when>[^()]*?{_YEAR})\)\s*:\s*{_PAGES}\.?", re.S),
        "bibliography article: Author. “Title.” Journal Vol (Year): pages.",
        (("Dale, Ruth. “Wells and Windmills.” Range Studies 12 (1961): 30–41.",
          {"author": "Dale, Ruth", "year": 1961, "volume": "12", "pages": "30–41"}),),
    ),
    ReferenceRule(
        "book_bibliography",
        re.compile(rf"{_AUTHOR}\.\s+(?P<title>[^\u201c\"].*?)\.\s+{_IMPRINT},\s*{_YEAR}\.?", re.S),
        "bibliography book: Author. Title. Place: Publisher, Year.",
        (("Dale, Ruth. Wheat and War. Chicago: Lakeshore Books, 1950.",
          {"author": "Dale, Ruth", "title": "Wheat and War", "place": "Chicago", "year": 1950}),),
    ),
)


def parse_reference(entry: str, *, previous_author: str | None = None) -> dict[str, Any]:
    """The fields of one reference entry (all None when no rule matches); a dash author is *previous_author*.

    Examples
    --------
    >>> parse_reference("Dale, Ruth. 1950. Wheat and War. Chicago: Lakeshore Books.")["publisher"]
    'Lakeshore Books'
    """
    if not isinstance(entry, str):
        raise TypeError(f"textmine.citations.parse_reference: entry must be a str, got {type(entry).__name__}.")
    out: dict[str, Any] = {k: None for k in _STR} | {"year": None, "suffix": None, "page_start": None, "page_end": None}
    s = re.sub(r"\s+", " ", entry.strip())
    for rule in REFERENCE_RULES if len(s) <= MAX_ENTRY_CHARS else ():
        m = rule.pattern.fullmatch(s)
        if m is None:
            continue
        g = m.groupdict()
        out["author"] = clean(g.get("author"))
        if out["author"] and set(out["author"]) <= set("\u2014\u2013-"):
            out["author"] = previous_author
        out["title"] = clean(g.get("title") or g.get("qtitle"))
        for k in ("periodical", "volume", "place", "publisher", "pages"):
            out[k] = clean(g.get(k))
        out["year"], out["suffix"] = (int(g["year"]) if g.get("year") else None), g.get("suffix")
        out["page_start"], out["page_end"] = expand_pages(out["pages"])
        break
    return out


def _line_spans(text: str, start: int):
    pos, n = start, len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        yield pos, end
        if nl < 0:
            return
        pos = nl + 1


def reference_entries(text: str, body_start: int = 0) -> list[tuple[int, int]]:
    """``(start, end)`` of every entry of the text's reference lists (see the module docs)."""
    entries: list[list[int]] = []
    inside, blank = False, True
    for a, b in _line_spans(text, body_start):
        line = text[a:b]
        if not line.strip():
            blank = True
            continue
        if _HEADING.fullmatch(line):
            inside, blank = True, True
            continue
        if inside and (_NOTES_HEADING.fullmatch(line) or (_SHORT_HEADING.fullmatch(line) and blank)):
            inside = False
        elif inside:
            prev_ends = bool(entries) and text[entries[-1][1] - 1] in ".)"
            end = a + len(line.rstrip())
            if blank or not entries or (prev_ends and _ENTRY_START.match(line)):
                entries.append([a + len(line) - len(line.lstrip()), end])
            else:
                entries[-1][1] = end
        blank = False
    return [(a, b) for a, b in entries]


def find_references(text: str, *, doc_id: str = "doc", body_start: int = 0) -> pd.DataFrame:
    """The entries of a text's References list or bibliography, parsed.

    Returns
    -------
    DataFrame
        One row per entry: ``doc_id``, ``ref_id`` (int32, dense, reading
        order), ``start``, ``end`` (int32), ``text`` (``text[start:end]``),
        ``author``, ``title``, ``periodical``, ``volume``, ``place``,
        ``publisher``, ``date``, ``pages`` (str, empty when absent),
        ``year``, ``page_start``, ``page_end`` (Int64).
    """
    if not isinstance(text, str):
        raise TypeError(f"textmine.find_references: text must be a str, got {type(text).__name__}.")
    spans = reference_entries(text, body_start)
    return empty_frame(_no_references, doc_id) if not spans else _reference_frame(text, spans, doc_id)


def _no_references(doc_id: str) -> pd.DataFrame:
    return _reference_frame("", [], doc_id)


def _reference_frame(text: str, spans: list[tuple[int, int]], doc_id: str) -> pd.DataFrame:
    rows, prev = [], None
    for a, b in spans:
        f = parse_reference(text[a:b], previous_author=prev)
        prev = f["author"] or prev
        rows.append(f)
    n = len(rows)

    def col(k: str) -> list:
        return [r[k] for r in rows]

    def nullable(k: str) -> Any:
        vals = col(k)
        missing = np.fromiter((v is None for v in vals), dtype=bool, count=n)
        return pd.arrays.IntegerArray(np.asarray([0 if v is None else v for v in vals], dtype=np.int64), mask=missing)

    data: dict[str, Any] = {
        "doc_id": doc_id_column(doc_id, n), "ref_id": np.arange(n, dtype=ID_DTYPE),
        "start": ids([a for a, _ in spans]), "end": ids([b for _, b in spans]),
        "text": pd.array([text[a:b] for a, b in spans], dtype="str"),
    }
    for k in REFERENCE_COLUMNS[5:]:
        data[k] = nullable(k) if k in ("year", "page_start", "page_end") else pd.array(col(k), dtype="str")
    return pd.DataFrame(data, columns=REFERENCE_COLUMNS)


_SURNAME = re.compile(r"[A-Z][\w\u2019'-]+")


def first_surname(author: Any) -> str | None:
    """The first author's surname: the word before the first comma of ``Surname, First``, else the last capitalised word before ``and``/``et al.``."""
    if not isinstance(author, str) or not author:
        return None
    head = author.split(",")[0] if "," in author else re.split(r"\s+(?:and|&|et\s+al\.?)\s*", author)[0]
    words = _SURNAME.findall(head)
    return (words[0] if "," in author else words[-1]).lower() if words else None


_YEAR_LETTER = r"(?<![\d\[])({year})([a-z])?\b"
_NO_YEAR = re.compile(r"\b(n\.\s?d\.|forthcoming|in\s+press)", re.I)


def _when(year: Any, text: Any) -> tuple[Any, str] | None:
    """``(year, letter)`` of a citation or an entry (``2001b``: ``(2001, "b")``), ``("n.d.", "")`` and the like
    for a work without a year (read from *text*), or None."""
    text = text if isinstance(text, str) else ""
    if year is not pd.NA and year is not None:
        m = re.search(_YEAR_LETTER.format(year=int(year)), text)
        return int(year), (m.group(2) or "") if m else ""
    m = _NO_YEAR.search(text)
    return (re.sub(r"\s", "", m.group(1).lower()), "") if m else None


def with_reference_ids(citations: pd.DataFrame, references: pd.DataFrame) -> pd.DataFrame:
    """The citations with ``reference_id`` (Int32): the reference entry each author–date citation points to.

    A citation points to the first entry whose first-author surname and
    year are its own (see the module docs); other citations, and those
    with no such entry, get a missing ``reference_id``. Same rows, same
    order.
    """
    func = "textmine.citations.with_reference_ids"
    require_columns(citations, ["author", "year", "raw"], func=func, arg="citations", hint="pass Document.citations")
    require_columns(references, ["ref_id", "author", "year"], func=func, arg="references", hint="pass Document.references")
    index: dict[tuple, int] = {}
    texts = references["text"].tolist() if "text" in references.columns else [""] * len(references)
    for rid, author, year, text in zip(references["ref_id"].tolist(), references["author"].tolist(),
                                       references["year"].tolist(), texts):
        key = first_surname(author)
        when = _when(year, text)
        if key is not None and when is not None:
            index.setdefault((key, *when), int(rid))
            index.setdefault((key, when[0], ""), int(rid))  # a citation without the letter: the first such entry
    out = citations.reset_index(drop=True).copy()
    found = []
    for author, year, raw in zip(out["author"].tolist(), out["year"].tolist(), out["raw"].tolist()):
        key = first_surname(author)
        when = _when(year, raw)
        found.append(None if key is None or when is None else index.get((key, *when), index.get((key, when[0], ""))))
    missing = np.fromiter((v is None for v in found), dtype=bool, count=len(found))
    out["reference_id"] = nullable_ids(np.asarray([0 if v is None else v for v in found], dtype=np.int64), missing)
    return out
