"""Citations: parenthetical references and numbered notes, parsed and resolved.

:func:`find_citations` finds every citation in a text and parses its fields;
:func:`parse_citation` parses one citation string; :func:`expand_pages` turns
a page string into first and last page numbers.

Which parentheses are citations
-------------------------------
A parenthesis (outer ``(...)``, inside one paragraph; square brackets may nest
inside) is a citation when its content, after a leading ``see``, ``see also``
or ``cf.``, has one of these shapes (``kind`` column):

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
"""

from __future__ import annotations

import bisect
import itertools
import re
import warnings
from typing import Any

import numpy as np
import pandas as pd

from .errors import ColumnError, TextmineWarning
from .spans import ID_DTYPE, doc_id_column, ids, nullable_ids
from .stopwords import ENGLISH_STOP_WORDS

__all__ = ["find_citations", "parse_citation", "expand_pages", "CITATION_COLUMNS", "MONTHS"]

#: Output columns of :func:`find_citations`, in order.
CITATION_COLUMNS = [
    "doc_id", "citation_id", "start", "end", "raw", "author", "title", "volume", "place",
    "publisher", "year", "date", "pages", "page_start", "page_end", "is_ibid", "refers_to",
    "kind", "placement", "para_id", "note", "marker_start", "marker_end", "archive", "unresolved", "n_refs",
]
_STR_FIELDS = ["author", "title", "volume", "place", "publisher", "date", "pages", "archive"]
_INT_FIELDS = ["year", "page_start", "page_end"]
#: Fields an Ibid or op. cit. takes from the citation it refers to.
_INHERITED = ["author", "title", "volume", "place", "publisher", "year", "date", "archive"]

#: Month names and abbreviations (lower case) to month numbers.
MONTHS: dict[str, int] = {}
for _i, _m in enumerate(
    "january february march april may june july august september october november december".split(), 1
):
    MONTHS[_m] = _i
    MONTHS[_m[:3]] = _i
MONTHS["sept"] = 9

_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DATE_DMY = re.compile(rf"\b(?P<d>\d{{1,2}})\s+(?P<m>{_MONTH})\s*,?\s+(?P<y>\d{{4}})\b")
_DATE_MDY = re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}})\s*,\s*(?P<y>\d{{4}})\b")
_DATE_ISO = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")
_DATE_MY = re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<y>\d{{4}})\b")

_PAGE_NUM = r"(?:\d+|[ivxlcdm]+)"
_PAGES = rf"{_PAGE_NUM}(?:\s*[-\u2013\u2014]\s*{_PAGE_NUM})?(?:\s*,\s*{_PAGE_NUM}(?:\s*[-\u2013]\s*{_PAGE_NUM})?)*(?:\s*ff?\.)?"
_PAGE_MARK = r"(?:pp?\.|pages?|pg\.|at|col(?:s|umns?)?\.?)"
_PAGES_TAIL = re.compile(rf"(?:^|,\s*|\s+)(?:{_PAGE_MARK}\s*)?(?P<pages>{_PAGES})\s*\.?$", re.I)
_PAGES_MARKED_TAIL = re.compile(rf"(?:^|,\s*|\s+){_PAGE_MARK}\s*(?P<pages>{_PAGES})\s*\.?$", re.I)
_VOLUME = re.compile(r"^(?:vol(?:ume)?s?\.?|v\.|tome|bd\.)\s*(?P<vol>[\dIVXLC]+[a-z]?)$", re.I)

_IMPRINT = re.compile(
    r"[\[(]\s*(?:(?P<place>[^\[\]():;]+?)\s*:\s*)?(?P<publisher>[^\[\]():;]+?)\s*,\s*(?P<year>\d{4})[a-z]?\s*[\])]"
)
_IMPRINT_YEAR = re.compile(r"[\[(]\s*(?P<year>\d{4})[a-z]?\s*[\])]")
_IBID = re.compile(r"^(?:ibid(?:em)?|ib)\b\.?\s*,?\s*(?P<rest>.*)$", re.I | re.S)
_OPCIT = re.compile(r"^(?:(?P<author>.+?)\s*,?\s+)?(?P<which>op|loc)\.\s*cit\.?\s*(?:,\s*)?(?P<rest>.*)$", re.I | re.S)
_LEAD = re.compile(r"^(?:see\s+also|see|cf\.?|e\.\s?g\.,?|compare|cited\s+in|quoted\s+in|as\s+cited\s+in)\s+", re.I)
#: Capitalized words that head cross-references, not author names ("(see Chapter 3)").
_NOT_AUTHOR = frozenset(
    "chapter chapters figure figures fig table tables part parts section sections appendix plate plates map maps "
    "note notes book books article volume vol line lines verse act scene no number page".split()
)

_NAME_WORD = r"(?:[A-Z][\w\u2019'\-]*\.?|[A-Z]\.|(?:de|da|di|du|van|von|der|den|la|le|ter|bin|ibn|al-\w+|y)\b)"
_NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,4}}"
_AUTHORS = rf"{_NAME}(?:\s*(?:,\s*|\s+and\s+|\s*&\s*){_NAME})*(?:\s+et\s+al\.?)?"
_AUTHOR_DATE = re.compile(
    rf"^(?P<author>{_AUTHORS}),?\s+(?P<year>\d{{4}})[a-z]?(?:\s*[,:]\s*(?:{_PAGE_MARK}\s*)?(?P<pages>{_PAGES}))?\s*$"
)
_YEAR_ONLY = re.compile(rf"^(?P<year>\d{{4}})[a-z]?(?:\s*[,:]\s*(?:{_PAGE_MARK}\s*)?(?P<pages>{_PAGES}))?\s*$")
_NAME_BEFORE = re.compile(rf"(?P<author>{_NAME}(?:\s+et\s+al\.?)?)(?:\u2019s|'s|\u2019)?\s*$")
_ARCHIVE_CUE = re.compile(
    r"\b(?:papers|archives?|collection|box|folder|file|fond|opis|delo|ms{1,2}\.?|record group|rg|series|f\.|fol\.|item|accession)\b",
    re.I,
)
_LETTER = re.compile(
    r"^(?P<what>letter|memorandum|memo|telegram|cable|note|minutes|diary|report)\s+(?:of|from|by)\s+(?P<author>.+?)\s+to\s+(?P<to>[^,]+)",
    re.I,
)
#: Words that make "(On 3 March 1918)" a dated aside rather than a periodical.
_DATE_PREPOSITIONS = frozenset("on in at since from until till by before after during of for to as about around".split())
_NON_PERSON = frozenset("the a an in on at of see this that these those".split())

_PAGE_TOKENS = re.compile(r"\d+|[-\u2013\u2014,]")
_SPACES = re.compile(r"\s+")
_KEEP_STOP = re.compile(r"(?:\bal|\b[A-Z]|\b(?:Jr|Sr|Inc|Ltd|Co|eds?))\.$")
_AUTHORS_RX = re.compile(_AUTHORS)
_COMMA_SPLIT = re.compile(r",\s+")
_COMMA_SPLIT_ANY = re.compile(r",\s*")
_EDITOR = re.compile(r"^(?:ed(?:s|ited)?\.?|trans(?:lated)?\.?)\s", re.I)
_WORD_CHAR = re.compile(r"\w")
_AUTHOR_PAGE = re.compile(rf"^(?P<author>{_AUTHORS}),?\s+(?P<pages>\d+(?:\s*[-\u2013]\s*\d+)?)$")
_ET_AL_END = re.compile(r"\s+et\s+al\.?$")
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|\band\b|&)\s*")

# notes
_NOTES_HEADING = re.compile(r"^\s*(?:notes|endnotes|footnotes|references|notes and references)\s*:?\s*$", re.I)
_NOTES_HEADING_AT = re.compile(r"\s*(?:notes|endnotes|footnotes|references|notes and references)\s*:?\s*$", re.I)
_NOTE_LINE = re.compile(
    r"^[ \t]*(?:\[(?P<n1>\d{1,3})\]|(?P<n2>\d{1,3})[.)]|(?P<n3>\d{1,3})(?=[ \t]+[A-Z\u201c\"]))[ \t]+(?P<body>\S.*)$", re.M
)
_GUTENBERG_NOTE = re.compile(r"\[Footnote\s+(?P<n>\d{1,3})\s*:\s*(?P<body>.*?)\]", re.S)
_BRACKET_NOTE_LINE = re.compile(r"^[ \t]*\[(?P<n>\d{1,3})\][ \t]+(?P<body>\S.*)$", re.M)
# The same lines found from their "[" (a literal the scan can skip to); the
# caller checks that only spaces and tabs precede it on its line.
_BRACKET_NOTE_AT = re.compile(r"\[(?P<n>\d{1,3})\][ \t]+(?P<body>\S.*)$", re.M)
_SUPERSCRIPTS = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"
_MARKER = re.compile(
    r"\[(?P<a>\d{1,3})\]|\^(?P<b>\d{1,3})|(?P<c>[" + _SUPERSCRIPTS + r"]+)"
    r"|(?<=[\u201d\u2019\"'.,;:!?)])(?P<d>\d{1,3})(?=[\s\u201d\u2019\"')\]]|$)"
)


# ---------------------------------------------------------------- pages
def expand_pages(pages: str | None) -> tuple[int | None, int | None]:
    """First and last page of a page string, abbreviated ranges expanded.

    ``"137"`` gives (137, 137); ``"86-87"`` (86, 87); ``"365-66"`` (365, 366);
    ``"1205-9"`` (1205, 1209); ``"98-102"`` (98, 102); ``"12, 15-17"`` (12, 17);
    ``"45ff."`` (45, 45). Roman numerals and empty strings give (None, None).

    The end of an abbreviated range keeps the leading digits of the start:
    ``end = int(str(start)[:len(start) - len(end)] + end)``, plus
    ``10 ** len(end)`` if that is still below the start (``98-2`` gives 102).
    """
    if pages is None or (isinstance(pages, float) and np.isnan(pages)):
        return None, None
    nums = _PAGE_TOKENS.findall(str(pages))
    seq: list[int] = []
    i = 0
    while i < len(nums):
        tok = nums[i]
        if tok.isdigit():
            if seq and i >= 1 and nums[i - 1] in "-\u2013\u2014" and i >= 2 and nums[i - 2].isdigit():
                start_s = nums[i - 2]
                end = int(tok)
                if end < int(start_s) and len(tok) < len(start_s):
                    end = int(start_s[: len(start_s) - len(tok)] + tok)
                    if end < int(start_s):
                        end += 10 ** len(tok)
                seq.append(end)
            else:
                seq.append(int(tok))
        i += 1
    if not seq:
        return None, None
    return seq[0], seq[-1]


# ---------------------------------------------------------------- dates
def _find_date(s: str) -> tuple[re.Match | None, str | None, int | None]:
    """The first full date in *s*: (match, ISO date, year); month-year gives ``YYYY-MM``."""
    best = None
    for rx in (_DATE_DMY, _DATE_MDY, _DATE_ISO):
        m = rx.search(s)
        if m and (best is None or m.start() < best.start()):
            best = m
    if best is not None:
        y = int(best.group("y"))
        mon = best.group("m")
        mnum = int(mon) if mon.isdigit() else MONTHS.get(mon.rstrip(".").lower()[:3])
        d = int(best.group("d"))
        if mnum and 1 <= mnum <= 12 and 1 <= d <= 31:
            return best, f"{y:04d}-{mnum:02d}-{d:02d}", y
    m = _DATE_MY.search(s)
    if m:
        mnum = MONTHS.get(m.group("m").rstrip(".").lower()[:3])
        y = int(m.group("y"))
        return m, f"{y:04d}-{mnum:02d}", y
    return None, None, None


# ---------------------------------------------------------------- parsing
def _empty_fields() -> dict[str, Any]:
    return {k: None for k in _STR_FIELDS + _INT_FIELDS} | {"kind": None, "is_ibid": False, "op_author": None, "n_refs": 1}


def _clean(s: str | None) -> str | None:
    if s is None:
        return None
    s = _SPACES.sub(" ", s).strip(" ,;:")
    if s.endswith(".") and not _KEEP_STOP.search(s):
        s = s[:-1].rstrip()
    return s or None


def _set_pages(out: dict[str, Any], pages: str | None) -> None:
    pages = _clean(pages)
    if pages:
        out["pages"] = pages
        out["page_start"], out["page_end"] = expand_pages(pages)


def _looks_like_name(s: str) -> bool:
    s = s.strip()
    if not s or len(s) > 80:
        return False
    first = s.split()[0].lower().rstrip(".")
    return _AUTHORS_RX.fullmatch(s) is not None and first not in _NON_PERSON and first not in _NOT_AUTHOR


def _split_author_title(before: str, out: dict[str, Any], *, has_imprint: bool) -> None:
    """Split ``Author, Title, vol. N`` (before the imprint or pages) into fields."""
    pieces = [p.strip() for p in _COMMA_SPLIT.split(before) if p.strip()]
    rest = []
    for p in pieces:
        m = _VOLUME.match(p)
        if m and out["volume"] is None:
            out["volume"] = m.group("vol")
        elif _EDITOR.match(p):
            continue
        else:
            rest.append(p)
    if not rest:
        return
    if len(rest) >= 2 and _looks_like_name(rest[0]):
        out["author"] = rest[0]
        out["title"] = ", ".join(rest[1:])
    elif len(rest) == 1 and not has_imprint and _looks_like_name(rest[0]) and len(rest[0].split()) <= 3 and not re.search(r"\s(?:of|the|and)\s", rest[0]):
        out["author"] = rest[0]
    else:
        out["title"] = ", ".join(rest)


def parse_citation(raw: str) -> dict[str, Any] | None:
    """Parse one citation (with or without its outer parentheses).

    Returns
    -------
    dict or None
        ``kind, author, title, volume, place, publisher, year, date, pages,
        page_start, page_end, archive, is_ibid`` (and ``op_author`` for an
        op. cit.), or None when the string is not a citation. ``author`` of an
        ``author_date`` citation with only a year (``(1978, 112)``) is None;
        :func:`find_citations` fills it from the text before the parenthesis.

    Several references separated by ``;`` (``(Smith 1990; Jones 2001)``)
    give the first one, with ``n_refs`` set to their number.

    Examples
    --------
    >>> parse_citation("(Ibid., pp. 365-66)")["page_end"]
    366
    >>> parse_citation("(also known as the Comintern)") is None
    True
    """
    if not isinstance(raw, str):
        raise TypeError(f"textmine.citations.parse_citation: raw must be a str, got {type(raw).__name__}.")
    out = _parse_one(raw)
    if out is None and ";" in raw:
        c = raw.strip()
        if c.startswith("(") and c.endswith(")"):
            c = c[1:-1]
        first = _parse_one(c.split(";")[0])
        if first is not None and first["kind"] in ("author_date", "book", "short", "periodical", "archival"):
            rest = [_parse_one(part) for part in c.split(";")[1:]]
            if all(r is not None for r in rest):
                first["n_refs"] = 1 + len(rest)
                return first
    return out


def _parse_one(raw: str) -> dict[str, Any] | None:
    if not isinstance(raw, str):
        raise TypeError(f"textmine.citations.parse_citation: raw must be a str, got {type(raw).__name__}.")
    c = raw.strip()
    if c.startswith("(") and c.endswith(")"):
        c = c[1:-1]
    c = _SPACES.sub(" ", c).strip()
    c = _LEAD.sub("", c).strip()
    c = c.rstrip(" ;")
    if not c or not _WORD_CHAR.search(c):
        return None
    out = _empty_fields()

    m = _IBID.match(c)
    if m:
        rest = m.group("rest").strip()
        if rest:
            pm = _PAGES_TAIL.search(rest)
            if not pm:
                return None  # "Ibidenko ..." or an Ibid followed by prose
            _split_volume_only(rest[: pm.start()], out)
            _set_pages(out, pm.group("pages"))
        out.update(kind="ibid", is_ibid=True)
        return out

    m = _OPCIT.match(c)
    if m:
        author = _clean(m.group("author"))
        rest = m.group("rest").strip()
        if author is not None and not _looks_like_name(author):
            out["title"] = author
        else:
            out["author"] = author
            out["op_author"] = author
        if rest:
            pm = _PAGES_TAIL.search(rest)
            if pm:
                _split_volume_only(rest[: pm.start()], out)
                _set_pages(out, pm.group("pages"))
        out["kind"] = "op_cit"
        return out

    m = _IMPRINT.search(c)
    if m and not _DATE_DMY.search(m.group(0)) and not _DATE_MDY.search(m.group(0)):
        out["place"] = _clean(m.group("place"))
        out["publisher"] = _clean(m.group("publisher"))
        out["year"] = int(m.group("year"))
        before, after = c[: m.start()], c[m.end():]
        _split_author_title(before.strip().rstrip(","), out, has_imprint=True)
        pm = _PAGES_TAIL.search(after.strip())
        if pm:
            _split_volume_only(after.strip()[: pm.start()], out)
            _set_pages(out, pm.group("pages"))
        out["kind"] = "book"
        return out

    m = _AUTHOR_DATE.match(c)
    if m and _looks_like_name(m.group("author")):
        out["author"] = _clean(m.group("author"))
        out["year"] = int(m.group("year"))
        _set_pages(out, m.group("pages"))
        out["kind"] = "author_date"
        return out
    m = _YEAR_ONLY.match(c)
    if m:
        out["year"] = int(m.group("year"))
        _set_pages(out, m.group("pages"))
        out["kind"] = "author_date"
        return out

    dm, iso, year = _find_date(c)
    if dm is not None and iso is not None:
        head = c[: dm.start()].strip().rstrip(",").strip()
        tail = c[dm.end():].strip().lstrip(",").strip()
        lm = _LETTER.match(head)
        if lm or _ARCHIVE_CUE.search(tail) or _ARCHIVE_CUE.search(head):
            out["title"] = _clean(head)
            if lm:
                out["author"] = _clean(lm.group("author"))
            out["date"], out["year"] = iso, year
            pm = _PAGES_MARKED_TAIL.search(tail)
            if pm:
                _set_pages(out, pm.group("pages"))
                tail = tail[: pm.start()]
            out["archive"] = _clean(tail)
            out["kind"] = "archival"
            return out
        titled = bool(head) and head[0].isupper() and head.split()[0].lower().strip(",") not in _DATE_PREPOSITIONS
        if titled and len(iso) == 10 and (not tail or _PAGES_TAIL.search(tail)):
            pieces = [p.strip() for p in _COMMA_SPLIT.split(head) if p.strip()]
            if len(pieces) >= 2 and _looks_like_name(pieces[0]) and len(pieces[0].split()) <= 4:
                out["author"] = pieces[0]
                out["title"] = ", ".join(pieces[1:])
            else:
                out["title"] = head
            out["date"], out["year"] = iso, year
            if tail:
                pm = _PAGES_TAIL.search(tail)
                if pm is not None and not tail[: pm.start()].strip(" ,"):
                    _set_pages(out, pm.group("pages"))
                else:
                    return None
            out["kind"] = "periodical"
            return out

    pm = _PAGES_MARKED_TAIL.search(c)
    if pm is None:
        # MLA "(Trotsky 137)": a name then a bare page number
        mm = _AUTHOR_PAGE.match(c)
        if mm and _looks_like_name(mm.group("author")) and not re.fullmatch(r"\d{4}", mm.group("pages")):
            out["author"] = _clean(mm.group("author"))
            _set_pages(out, mm.group("pages"))
            out["kind"] = "short"
            return out
        return None
    before = c[: pm.start()].strip().rstrip(",")
    _set_pages(out, pm.group("pages"))
    if not before:
        out["kind"] = "page"
        return out
    _split_author_title(before, out, has_imprint=False)
    if out["author"] is None and out["title"] is None:
        if out["volume"] is None:
            return None
    out["kind"] = "short"
    return out


def _split_volume_only(s: str, out: dict[str, Any]) -> None:
    for p in _COMMA_SPLIT_ANY.split(s):
        m = _VOLUME.match(p.strip())
        if m:
            out["volume"] = m.group("vol")


# ---------------------------------------------------------------- scanning
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


def _parentheses(text: str, start: int, end: int, parens: list[int] | None = None) -> list[tuple[int, int]]:
    """Balanced ``(...)`` spans in ``text[start:end]``, outer before inner.

    Sorted by (start, -end); an unmatched ``(`` or ``)`` is skipped. *parens*
    (from :func:`_paren_positions`) saves scanning the text again.
    """
    spans = []
    stack: list[int] = []
    if parens is None or not 0 <= start <= end <= len(text):
        positions = [start + m.start() for m in re.finditer(r"[()]", text[start:end])]
    else:
        positions = parens[bisect.bisect_left(parens, start):bisect.bisect_left(parens, end)]
    for i in positions:
        if text[i] == "(":
            stack.append(i)
        elif stack:
            spans.append((stack.pop(), i + 1))
    spans.sort(key=lambda se: (se[0], -se[1]))
    return spans


def _check_paragraphs(paragraphs: pd.DataFrame, func: str) -> None:
    if not isinstance(paragraphs, pd.DataFrame):
        raise TypeError(f"{func}: paragraphs must be a DataFrame (Document.paragraphs), got {type(paragraphs).__name__}.")
    missing = [c for c in ("para_id", "start", "end") if c not in paragraphs.columns]
    if missing:
        raise ColumnError(f"{func}: paragraphs lacks column(s) {missing}; pass Document.paragraphs.")


def _notes(text: str, paragraphs: pd.DataFrame) -> tuple[list[tuple[int, int, int, str]], int]:
    """Numbered notes: (start, end, number, body) and the offset where notes begin."""
    notes: list[tuple[int, int, int, str]] = []
    notes_from = len(text)
    ps = paragraphs["start"].to_numpy().tolist()
    pe = paragraphs["end"].to_numpy().tolist()
    for i in range(len(ps)):
        if _notes_heading(text, ps[i], pe[i]):
            region_start = int(pe[i])
            for m in _NOTE_LINE.finditer(text, region_start):
                n = int(m.group("n1") or m.group("n2") or m.group("n3"))
                notes.append((m.start() + _lead_ws(m.group(0)), m.end(), n, m.group("body")))
            if notes:
                notes_from = int(ps[i])
                break
    if not notes:
        for m in _GUTENBERG_NOTE.finditer(text):
            notes.append((m.start(), m.end(), int(m.group("n")), m.group("body")))
        if not notes:
            for m in _bracket_note_lines(text):
                notes.append((m.start(), m.end(), int(m.group("n")), m.group("body")))
        if notes:
            notes_from = min(s for s, _, _, _ in notes)
    return notes, notes_from


def _bracket_note_lines(text: str):
    """The matches of ``_BRACKET_NOTE_LINE.finditer(text)``, each starting at its ``[``.

    A match of :data:`_BRACKET_NOTE_AT` never crosses a line end, so there
    is at most one per line, and it is a note line when only spaces and tabs
    precede its ``[`` on the line (the one place ``_BRACKET_NOTE_LINE`` can
    match on that line).
    """
    for m in _BRACKET_NOTE_AT.finditer(text):
        i = m.start()
        while i and text[i - 1] in " \t":
            i -= 1
        if i == 0 or text[i - 1] == "\n":
            yield m


def _notes_heading(text: str, a: int, b: int) -> bool:
    """``_NOTES_HEADING.match(text[a:b])`` without copying the paragraph."""
    if 0 <= a <= b <= len(text):  # the same regex without "^", matched at a with endpos b
        return _NOTES_HEADING_AT.match(text, a, b) is not None
    return _NOTES_HEADING.match(text[a:b]) is not None


def _lead_ws(s: str) -> int:
    return len(s) - len(s.lstrip())


def _markers(text: str, body_start: int, body_end: int, notes: list[tuple[int, int, int, str]]) -> dict[int, tuple[int, int]]:
    """First in-text marker of each note number (outside the notes themselves)."""
    # inside a note: the furthest end among the notes starting at or before the offset is beyond it
    starts = sorted(s for s, _, _, _ in notes)
    by_start = sorted((s, e) for s, e, _, _ in notes)
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


def _surname(name: str | None) -> str | None:
    if not name:
        return None
    name = _ET_AL_END.sub("", name.strip())
    first = _AUTHOR_SPLIT.split(name)[0].strip()
    words = [w for w in first.split() if w]
    return words[-1].strip(".").lower() if words else None


def find_citations(text: str, paragraphs: pd.DataFrame, *, doc_id: str) -> pd.DataFrame:
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
        - ``kind`` (see the module docs), ``placement``
          (``parenthetical``/``note``), ``para_id`` (int32), ``note`` (Int64
          number of a note), ``marker_start``/``marker_end`` (Int32, first
          in-text marker of a note), ``n_refs`` (int64: references in
          the parenthesis, ``(Smith 1990; Jones 2001)`` has 2; the fields are
          those of the first).

    Examples
    --------
    >>> import textmine as tm
    >>> doc = tm.parse("He wrote so (Smith 1978, 112). Later (Ibid., 115).")
    >>> doc.citations[["author", "year", "page_start", "refers_to"]].to_dict("list")  # doctest: +SKIP
    """
    func = "textmine.citations.find_citations"
    if not isinstance(text, str):
        raise TypeError(f"{func}: text must be a str, got {type(text).__name__}.")
    _check_paragraphs(paragraphs, func)
    notes, notes_from = _notes(text, paragraphs)
    ps = paragraphs["start"].to_numpy(dtype=np.int64)
    pe = paragraphs["end"].to_numpy(dtype=np.int64)
    pid = paragraphs["para_id"].to_numpy(dtype=np.int64)
    rows: list[dict[str, Any]] = []
    parens = _paren_positions(text)
    for s, e, p in zip(ps.tolist(), pe.tolist(), pid.tolist()):
        if s >= notes_from:
            break
        taken_until = -1
        for a, b in _parentheses(text, s, min(e, notes_from), parens):
            if a < taken_until:
                continue  # inside a citation already taken (e.g. an imprint in parentheses)
            raw = text[a:b]
            f = parse_citation(raw)
            if f is None:
                continue  # an aside; a citation nested in it is still looked at
            if f["kind"] == "author_date" and f["author"] is None:
                nm = _NAME_BEFORE.search(text, max(s, a - 80), a)
                art = re.search(r"\b(the|a|an|of|in)\s*$", text[max(s, (nm.start() if nm else a) - 6) : nm.start()]) if nm else None
                if nm is None or art is not None or not _looks_like_name(nm.group("author")) or nm.group("author").split()[0].lower() in _NON_PERSON:
                    continue  # a bare year "(1917)", or "the October Revolution (1917)", is an aside
                words = nm.group("author").split()
                while len(words) > 1 and words[0].lower() in ENGLISH_STOP_WORDS:
                    words.pop(0)  # "As Carr (1950)"
                if words[0].lower() in ENGLISH_STOP_WORDS:
                    continue
                f["author"] = _clean(" ".join(words))
            f.update(start=a, end=b, raw=raw, placement="parenthetical", para_id=p, note=None)
            rows.append(f)
            taken_until = b
    if notes:
        first_marker = _markers(text, int(ps[0]) if len(ps) else 0, notes_from, notes)
        para_of = np.searchsorted(ps, np.array([n[0] for n in notes], dtype=np.int64), side="right") - 1
        for (a, b, n, body), p in zip(notes, para_of.tolist()):
            f = parse_citation(body.strip())
            if f is None:
                f = _empty_fields()
                f["kind"] = "note"
            mk = first_marker.get(n)
            f.update(start=a, end=b, raw=text[a:b], placement="note", para_id=int(pid[p]) if p >= 0 else -1, note=n,
                     marker_start=mk[0] if mk else None, marker_end=mk[1] if mk else None)
            rows.append(f)
    rows.sort(key=lambda r: (r["start"], r["end"]))
    _resolve(rows, func)
    return _frame(rows, doc_id)


def _resolve(rows: list[dict[str, Any]], func: str) -> None:
    """Fill ``refers_to`` and inherited fields of Ibid, op. cit. and page-only citations."""
    last_source: int | None = None  # most recent non-ibid citation, as its resolved source
    last_full: int | None = None  # most recent citation that is not ibid, page, op. cit. or a note
    last_by_surname: dict[str | None, int] = {}  # ... by author surname
    for i, r in enumerate(rows):
        if i and rows[i - 1]["kind"] not in ("ibid", "page", "op_cit", "note"):
            last_full = i - 1
            last_by_surname[_surname(rows[i - 1]["author"])] = i - 1
        r["refers_to"] = None
        r["unresolved"] = False
        kind = r["kind"]
        if kind in ("ibid", "page"):
            if last_source is None:
                r["unresolved"] = True
                warnings.warn(f"{func}: {r['raw'].strip()[:40]!r} at offset {r['start']} has no earlier citation to refer to; left unresolved.", category=TextmineWarning, stacklevel=3)
                continue
            r["refers_to"] = last_source
            _inherit(r, rows[last_source])
            if r["pages"] is None and kind == "ibid" and i > 0:
                prev = rows[i - 1]
                r["pages"], r["page_start"], r["page_end"] = prev["pages"], prev["page_start"], prev["page_end"]
        elif kind == "op_cit":
            want = _surname(r.get("op_author"))
            # the most recent earlier full citation (with that author surname)
            target = last_full if want is None else last_by_surname.get(want)
            if target is None:
                r["unresolved"] = True
                warnings.warn(f"{func}: {r['raw'].strip()[:40]!r} at offset {r['start']} names no earlier citation; left unresolved.", category=TextmineWarning, stacklevel=3)
                continue
            r["refers_to"] = target
            _inherit(r, rows[target])
            last_source = target
        elif kind != "note":
            last_source = i


def _inherit(r: dict[str, Any], src: dict[str, Any]) -> None:
    for k in _INHERITED:
        if r.get(k) is None and src.get(k) is not None:
            r[k] = src[k]


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
    return pd.DataFrame(data, columns=CITATION_COLUMNS)
