"""The fields of one footnote or endnote: the note rules as tables.

A note (``Edwin Hale, The Long Drought (Omaha: Plains Press, 1961), 12.``)
is read in four steps, each driven by a table:

1. **Cut** to its first citation: the note ends at the first ``;`` outside
   brackets and quotation marks, or at a full stop after a page number or a
   closing bracket that is followed by a capitalised word (``…, 48. Whitcomb
   was her daughter.``): later citations and comments in the same note are
   not its fields.
2. **Whole-note rules** (:data:`NOTE_TEXT_RULES`) look at the whole note for
   what no single part says: the person quoted (``Sen. Ada Roe, quoted in
   …``, ``remark of Councillor J. Pike``), a repository in prose (``the
   minute books are held at the Borough Library``), and whether the cited
   work is a later part (``…, quoted in “Title,” …``).
3. **Split** into parts at commas outside brackets, quoted titles and
   month-day-year dates (``June 1, 1934``); a comma just inside a closing
   quotation mark (``“Title,” Journal``) ends the part after the mark.
4. **Part rules** (:data:`NOTE_RULES`): each part, left to right, takes the
   first row whose pattern matches it whole and whose ``where`` holds; the
   row's named groups give fields (a field already set is kept).

``where`` is one of ``first`` (the first part only), ``rest`` (any later
part), ``any``, ``before_date`` (a later part before any date part),
``after_title`` (a later part after a title, before any date). The roles
that are not plain fields: ``date`` (read as ISO to the precision written;
a day and month without a year, ``14 February``, is kept for the note it
repeats), ``title_more`` (an imprint's leading text continues the title of
the part before it), ``candidate`` (a capitalised part that may name the
archive). After the parts, the archive is the candidates since the last
date and before ``box``/``folder``, else the repository after them; without
box or folder, only a candidate with an archive word (``Papers``,
``Records``, ``Collection``...) is kept.

A note that opens with a case or a statute (``Pell, 301 Vand. at 126``, ``See Hale v. Dover,
12 Mass. 345 (1850)``, ``Rev. Stat. ch. 12, § 4 (1836)``; :mod:`textmine.citations.cases`) takes
its fields from it (the case name or code as ``title``, the reporter as ``periodical``, volume,
pages, year); so does a note of prose whose parts give no author or title.

Every pattern is matched against a part of at most :data:`MAX_PART_CHARS`
characters (longer parts are prose and give no field) and reads it in
linear time, so a note is parsed in time linear in its length. Only the
first :data:`MAX_PARTS` parts of a citation are read: a citation's fields
come in its first few parts (a full book citation has about six), and a
longer run of commas is a list (of names, places, items), whose later
parts give no field.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

from ..date_hints import first_chars
from .cases import case_citations
from .rules import MONTHS, PERIODICAL_WORDS, clean, expand_pages, find_date

__all__ = [
    "NoteRule", "NOTE_RULES", "NOTE_TEXT_RULES", "NOTE_FIELDS", "PERIODICAL_WORDS", "DOCUMENT_WORDS", "ARCHIVE_WORDS",
    "HONORIFICS", "MAX_PART_CHARS", "MAX_PARTS", "parse_note", "note_parts", "first_citation",
]

#: Fields of a parsed note, in the order of ``doc.notes``.
NOTE_FIELDS = ["author", "title", "periodical", "volume", "place", "publisher", "date", "year", "pages",
               "page_start", "page_end", "archive", "box", "folder", "quoted"]
#: A part longer than this (characters) is prose: no part rule is tried on it.
MAX_PART_CHARS = 300
#: The part rules read at most this many parts of a citation (the later parts of a longer list give no field).
MAX_PARTS = 16

#: Words that make a note's first part the title of a document, not its author (``Minutes of the Board``).
DOCUMENT_WORDS = frozenset(
    "minutes report reports diary memorandum memoranda letter letters circular proceedings transcript act law "
    "statute treaty ordinance code resolution resolutions petition survey census register ledger accounts "
    "returns papers".split()
)
#: Words that mark a collection or repository (an archive candidate is kept without box or folder).
ARCHIVE_WORDS = frozenset(
    "papers records collection collections archives archive library manuscripts mss office repository "
    "group series fonds museum society institute institution centre center".split()
)
#: Titles before a person's name (``Councillor F. Nuttall``, ``Sen. Ada Roe``).
HONORIFICS = ("Councillor|Alderman|Mr|Mrs|Miss|Ms|Dr|Sen|Senator|Rep|Representative|Gen|General|Col|Capt|Rev|"
              "Reverend|Sir|Lord|Lady|Judge|Justice|Mayor|Professor|Prof|Governor|Gov|President|Secretary")

_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_NUM = r"(?:\d+|[ivxlcdm]+)"
PAGES = rf"{_NUM}(?:\s*[-\u2013\u2014]\s*{_NUM})?(?:\s*,\s*{_NUM}(?:\s*[-\u2013]\s*{_NUM})?)*"
_CAP = r"[A-Z][\w.\u2019'&-]*"
#: A person or an organisation: capitalised words, with particles between them.
ORG = rf"{_CAP}(?:\s+(?:(?:of|the|and|for|on|in|&|de|la|van|von|der)\s+)*{_CAP}){{0,9}}"
_HONOR = rf"(?:(?:{HONORIFICS})\.?\s+)"
_OPEN, _CLOSE = "\u201c\u2018\"'", "\u201d\u2019\"'"


@dataclass(frozen=True)
class NoteRule:
    """One row of :data:`NOTE_RULES` or :data:`NOTE_TEXT_RULES`.

    ``pattern`` is matched whole against a part (``search`` for a whole-note
    rule); its named groups are the fields or roles it yields. ``examples``
    are whole notes with some of the fields :func:`parse_note` must give
    them; ``counter_examples`` are parts (or notes) the pattern must not match.
    """

    name: str
    pattern: re.Pattern
    where: str
    description: str
    examples: tuple[tuple[str, dict[str, Any]], ...] = ()
    counter_examples: tuple[str, ...] = ()
    needs: frozenset[str] = frozenset()  # a whole-note rule's match must hold one of these words (lower case)


def _rx(p: str, flags: int = 0) -> re.Pattern:
    return re.compile(p, flags)


_PERIODICAL = rf"(?P<periodical>(?:{_CAP}\s+(?:(?:and|of|the|&)\s+)*)*(?i:{'|'.join(sorted(PERIODICAL_WORDS))}))"
_DOC_TITLE = rf"(?P<title>(?=[A-Z])[^,()]*?\b(?i:{'|'.join(sorted(DOCUMENT_WORDS))})\b[^,()]*)"

#: The part rules, tried in order on each part (see the module docs).
NOTE_RULES: tuple[NoteRule, ...] = (
    NoteRule("ibid", _rx(r"(?P<ibid>(?i:ibid(?:em)?|id)\.?)"), "first", "Ibid. (or Id.): the work of the note before",
             (("Ibid., 12.", {"is_ibid": True, "pages": "12"}),), ("Ibidenko",)),
    NoteRule("letter", _rx(rf"(?:(?i:letter|memorandum|memo|telegram|cable|note)\s+(?:from|of|by)\s+)?(?P<author>{_HONOR}?{ORG})\s+to\s+(?:the\s+)?{ORG}"),
             "first", "a letter or memorandum: (Letter from) writer to recipient; the writer is the author",
             (("Ann Lee to the Board of Trade, 3 May 1901, Lee Papers, box 2.", {"author": "Ann Lee", "date": "1901-05-03", "box": "2"}),
              ("Letter from Ann Lee to Tom Lee, 3 May 1901, Lee Papers.", {"author": "Ann Lee", "title": None, "archive": "Lee Papers"})),
             ("ledger entries to 1901",)),
    NoteRule("interview", _rx(rf"(?i:interview|conversation)\s+with\s+(?P<author>{_HONOR}?{ORG})"), "first",
             "an interview with a person: the person interviewed is the author",
             (("Interview with Ann Lee, 3 May 1976.", {"author": "Ann Lee", "date": "1976-05-03"}),)),
    NoteRule("quoted_title", _rx(rf"[{_OPEN}](?P<title>.+?)[,.]?[{_CLOSE}]"), "any",
             "a title in quotation marks (an article, editorial, chapter, memorandum)",
             (("“Dust on the Wheat,” Plains Farmer, 4 May 1936, 2.", {"title": "Dust on the Wheat", "periodical": "Plains Farmer"}),
              ("R. Hart, ‘The Old Mill’, Valley Mercury, 2 June 1888, p. 4.", {"author": "R. Hart", "title": "The Old Mill"}))),
    NoteRule("box", _rx(r"(?i:box(?:es)?)\s+(?P<box>[\w-]+)(?:\s*\([^()]*\))?\.?"), "rest", "an archival box",
             (("Ann Lee to Tom Lee, 3 May 1901, Lee Papers, Box 2, Folder 7.", {"box": "2", "folder": "7", "archive": "Lee Papers"}),)),
    NoteRule("folder", _rx(r"(?i:folder|file|fol\.)\s+(?P<folder>[\w-]+)(?:\s*\([^()]*\))?\.?"), "rest", "an archival folder or file"),
    NoteRule("date", _rx(rf"(?P<date>(?:\d{{1,2}}\s+{_MONTH}\s+(?:and|to|[-\u2013])\s+)?(?:\d{{1,2}}\s+)?{_MONTH}(?:\s+\d{{1,2}})?(?:,?\s+\d{{4}})?)\.?"),
             "rest", "a date (day month year, month day, year, month year; or a day and month only)",
             (("Ames to J. Roe, May 9, 1935, Soil Records, box 1.", {"date": "1935-05-09", "year": 1935}),
              ("H. Platt, memoranda to the Board, 2 August and 6 September 1926, Platt Papers.", {"date": "1926-08-02"})),
             ("Mayfield Papers", "May Day Fund")),
    NoteRule("journal_volume", _rx(rf"(?P<periodical>[A-Z][^()\d,]*?)\s+(?P<volume>\d{{1,4}})(?:\s*\((?P<date>[^()]+)\))?(?:\s*:\s*(?P<pages>{PAGES}))?\.?"),
             "after_title", "a journal and its volume after an article title, with the issue's date and pages",
             (("Jo Park, “Wells,” Range Studies 12 (May 1950): 30–41.",
               {"periodical": "Range Studies", "volume": "12", "date": "1950-05", "page_start": 30, "page_end": 41}),),
             ("Roe Papers, box 3",)),
    NoteRule("issue", _rx(rf"no\.\s*\d+(?:\s*\((?P<date>[^()]+)\))?(?:\s*:\s*(?P<pages>{PAGES}))?\.?"), "rest",
             "an issue number, with the issue's date and pages",
             (("Jo Park, “Wells,” Range Studies 12, no. 3 (Fall 1950): 33.", {"volume": "12", "pages": "33"}),)),
    NoteRule("statute", _rx(r"(?P<volume>\d+)\s+Stat\.\s+(?P<pages>\d+)(?:\s*\((?P<year>\d{4})\))?\.?"), "rest",
             "a statute in the Statutes at Large: volume, page, year",
             (("Grazing Act, Pub. L. No. 73-482, 48 Stat. 1269 (1934).", {"title": "Grazing Act", "volume": "48", "pages": "1269", "year": 1934}),)),
    NoteRule("public_law", _rx(r"Pub\.\s*L\.\s*(?:No\.\s*)?[\d-]+"), "rest", "a public law number (no field)"),
    NoteRule("imprint", _rx(r"(?P<title_more>[^()]*?)\s*\((?:(?P<place>[^():]+?)\s*:\s*)?(?:(?P<publisher>[^():]+?)\s*,\s*)?(?P<year>\d{4})\)\.?"),
             "any", "a book's imprint (Place: Publisher, Year), (Place, Year) or (Year), after its title",
             (("Ruth Dale, Wheat and War (Chicago: Lakeshore Books, 1950), 7–9.",
               {"author": "Ruth Dale", "title": "Wheat and War", "place": "Chicago", "publisher": "Lakeshore Books", "year": 1950}),
              ("County Board, Second Report (Dayton, 1911), 4.", {"author": "County Board", "place": "Dayton", "publisher": None}))),
    NoteRule("pages", _rx(rf"(?:(?:pp?\.|pages?)\s*)?(?P<pages>{PAGES})(?:\s*\([^()]*\))?\.?"), "rest",
             "pages (bare or after p./pp.), with an optional remark in brackets",
             (("Valley Mercury, 2 June 1888, p. 4.", {"periodical": "Valley Mercury", "pages": "4"}),), ("box 4",)),
    NoteRule("copy_in", _rx(r"(?:a\s+)?cop(?:y|ied)\s+(?:in|at)\s+(?P<candidate>[A-Z].*)"), "rest",
             "a copy in a collection: the collection may be the archive",
             (("Jo Park, “Memorandum on Wells,” 3 May 1940, copy in Park Papers, box 1.", {"archive": "Park Papers"}),)),
    NoteRule("descriptor", _rx(r"(?!(?:pp?\.|pages?)\s*\d)[a-z(].*"), "rest", "a lower-case description (diary, editorial, interview by…): no field"),
    NoteRule("first_periodical", _rx(_PERIODICAL), "first", "a newspaper or periodical named first (its last word is a periodical word)",
             (("Valley Mercury, 2 June 1888, p. 4.", {"periodical": "Valley Mercury", "date": "1888-06-02", "author": None}),),
             ("Ruth Dale",)),
    NoteRule("first_document", _rx(_DOC_TITLE), "first", "a document named first (minutes, a report, an act): its title",
             (("Minutes of the Vestry, 2 June 1888.", {"title": "Minutes of the Vestry", "author": None}),), ("Ruth Dale",)),
    NoteRule("first_author", _rx(rf"(?P<author>{_HONOR}?{ORG})"), "first", "a person or body named first: the author",
             (("Ruth Dale, diary, 4 March 1911, Dale Papers, box 3.", {"author": "Ruth Dale", "title": None}),)),
    NoteRule("periodical_after_title", _rx(rf"(?P<periodical>{ORG})"), "after_title", "a name after a quoted title: the periodical",
             (("“Dust on the Wheat,” editorial, Plains Farmer, 4 May 1936, 2.", {"periodical": "Plains Farmer", "date": "1936-05-04"}),)),
    NoteRule("title_after_author", _rx(r"(?P<title>[A-Z][^()]*)"), "before_date", "a capitalised part after the author: the title",
             (("Dale, Wheat and War, 12.", {"author": "Dale", "title": "Wheat and War", "pages": "12"}),)),
    NoteRule("candidate", _rx(r"(?P<candidate>[A-Z].*)"), "rest", "a capitalised part after the date: a collection or repository"),
)

_QUOTED_NAME = rf"{_HONOR}?(?P<quoted>{ORG})"
#: Rules over the whole note (``search``), before it is cut and split.
NOTE_TEXT_RULES: tuple[NoteRule, ...] = (
    NoteRule("lead", _rx(rf"^(?i:see\s+also|see|cf\.|compare)\s+(?P<rest>[A-Z{_OPEN}].*)$", re.S), "any",
             "a leading See, See also, Cf. or Compare: the citation after it is parsed",
             (("See Ruth Dale, Wheat and War (Chicago: Lakeshore Books, 1950), 7.", {"author": "Ruth Dale"}),
              ("Cf. Dale, Wheat, 9.", {"author": "Dale", "title": "Wheat"})),
             ("Seely, Mills, 4.",)),
    NoteRule("quoted_in", _rx(rf"^{_QUOTED_NAME},?\s+(?:quoted|cited)\s+in\s+(?P<rest>.+)$", re.S), "any",
             "the person quoted, then the work quoting them: the work is parsed",
             (("Sen. Ada Roe, quoted in “Fight on the Bill,” Plains Farmer, 3 March 1938, 2.",
               {"quoted": "Ada Roe", "title": "Fight on the Bill", "author": None, "periodical": "Plains Farmer"}),)),
    NoteRule("remark_of", _rx(rf"\b(?:remarks?|words|evidence|statement|testimony|speech|phrase)\s+of\s+(?:the\s+)?{_QUOTED_NAME}"), "any",
             "the remark, evidence or words of a person named in the note",
             (("Vestry minutes, 4 May 1950, remark of Councillor J. Pike.", {"quoted": "J. Pike", "title": "Vestry minutes"}),
              ("Valley Mercury, 2 June 1901, p. 6, reporting the evidence of W. Hale, town clerk.", {"quoted": "W. Hale"}))),
    NoteRule("attributes", _rx(rf"\battribut(?:es|ed|ing)\s+(?:the|this|these|that)\s+(?:remark|words?|phrase|comment|line)s?\s+to\s+(?:the\s+)?{_QUOTED_NAME}"),
             "any", "a note that attributes the words to a person",
             (("Minutes, 4 May 1901, Ward Papers, box 1. The clerk attributes the remark to Mrs. Ann Bell.", {"quoted": "Ann Bell"}),)),
    NoteRule("held_at", _rx(rf"\b(?:held|kept|deposited|preserved|housed)\s+(?:at|in|by)\s+(?:the\s+)?(?P<archive>{ORG})"), "any",
             "records said in prose to be held at a repository",
             (("The vestry books are held at the Borough Library, uncatalogued.", {"archive": "Borough Library"}),),
             ("The meeting was held in June.",), ARCHIVE_WORDS),
)

_SPLIT_TOKENS = re.compile(r"[,;()\[\]]|\.(?=\s+[A-Z])|" + "[" + _OPEN + _CLOSE + "]")
_MDY_COMMA = re.compile(rf"\b{_MONTH}\s+\d{{1,2}}(,)\s+\d{{4}}\b")
_DAY_MONTH = re.compile(rf"^(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{_MONTH})|(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}}))$")
_YEAR_RANGE = re.compile(r"^\d{4}\s*[-\u2013]\s*\d{2,4}\.?$")


_QUOTE_SPAN = re.compile(r"\u201c[^\u201c\u201d]*\u201d|\"[^\"]*\"|(?<!\w)\u2018[^\u2018]*?\u2019(?=[\s,.;:)]|$)")
_PART_TOKENS = re.compile(r"[,()\[\]]")


def _quote_spans(s: str) -> list[tuple[int, int]]:
    """Quoted titles: ``“…”``, ``"…"`` and ``‘…’`` whose closing mark is followed by punctuation, a space or the end."""
    return [m.span() for m in _QUOTE_SPAN.finditer(s)]


class _Protected:
    """Which offsets of a string are inside a quoted title or are the comma of a month-day-year date."""

    def __init__(self, s: str) -> None:
        self.quotes = _quote_spans(s)
        self.starts = [a for a, _ in self.quotes]
        self.commas = {m.start(1) for m in _MDY_COMMA.finditer(s)} if "," in s else set()

    def __contains__(self, i: int) -> bool:
        if i in self.commas:
            return True
        k = bisect.bisect_right(self.starts, i) - 1
        return k >= 0 and self.quotes[k][0] < i < self.quotes[k][1] - 1


def first_citation(s: str, inside: _Protected | None = None) -> str:
    """*s* up to its first ``;`` (outside brackets and quotes) or its first full stop after a page or bracket before a capital."""
    inside = _Protected(s) if inside is None else inside
    depth = 0
    for m in _SPLIT_TOKENS.finditer(s):
        i, ch = m.start(), m.group()
        if i in inside:
            continue
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif depth == 0 and ch == ";":
            return s[:i]
        elif depth == 0 and ch == "." and i and (s[i - 1].isdigit() or s[i - 1] in ")"):
            return s[: i + 1]
    return s


def note_parts(s: str, inside: _Protected | None = None) -> list[str]:
    """The comma-separated parts of one citation (see the module docs), stripped, empty parts dropped.

    *inside* is the :class:`_Protected` of a string *s* is a prefix of (it is computed when not given).
    """
    inside = _Protected(s) if inside is None else inside
    quote_end = {b - 2: b for a, b in inside.quotes if a < b - 2 < len(s) and s[b - 2] == ","}
    parts, depth, start = [], 0, 0
    for m in _PART_TOKENS.finditer(s):
        i, ch = m.start(), m.group()
        if i < start:
            continue
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif depth == 0 and i in quote_end:
            parts.append(s[start : quote_end[i]])
            start = quote_end[i]
        elif depth == 0 and i not in inside:
            parts.append(s[start:i])
            start = i + 1
    parts.append(s[start:])
    return [p.strip() for p in parts if p.strip(" .")]


def _where_holds(where: str, k: int, state: dict[str, Any]) -> bool:
    if where == "first":
        return k == 0
    if where == "any":
        return True
    if k == 0:
        return False
    if where == "before_date":
        return state["date"] is None and state["title"] is None and state["author"] is not None
    if where == "after_title":
        return state["title"] is not None and state["date"] is None and state["periodical"] is None and not state["boxed"]
    return True  # "rest"


def _set_date(out: dict[str, Any], text: str) -> None:
    text = text.strip().rstrip(".")
    dm = _DAY_MONTH.match(text)
    if dm:  # a day and month only: the year comes from the note it repeats
        mon = (dm.group("m1") or dm.group("m2")).rstrip(".").lower()[:3]
        out["partial_date"] = (MONTHS[mon], int(dm.group("d1") or dm.group("d2")))
        return
    m, iso, year = find_date(text)
    if m is None or out["date"] is not None:
        return
    lead = re.match(rf"(?P<d>\d{{1,2}})\s+(?P<m>{_MONTH})\s+(?:and|to|[-\u2013])\s+", text)
    if lead and year is not None:  # "2 August and 6 September 1926": the first, in the year given
        iso = f"{year:04d}-{MONTHS[lead.group('m').rstrip('.').lower()[:3]]:02d}-{int(lead.group('d')):02d}"
    out["date"], out["year"] = iso, year


def _take(rule: NoteRule, m: re.Match, out: dict[str, Any], state: dict[str, Any]) -> None:
    """The fields a matched rule yields (a field already set is kept)."""
    g = {k: v for k, v in m.groupdict().items() if v is not None}
    if "ibid" in g:
        out["is_ibid"] = True
    if "title_more" in g and g["title_more"].strip():
        more = clean(g["title_more"])
        if out["title"] is None:
            out["title"] = more
        elif state["last"] == "title":
            out["title"] = f"{out['title']}, {more}"
    if rule.name == "imprint" and g.get("publisher") and not g.get("place"):
        g["place"] = g.pop("publisher")  # (Place, Year)
    if "candidate" in g:
        state["candidates"].append(clean(g["candidate"]))
    if "date" in g:
        _set_date(out, g["date"])
    for k in ("author", "title", "periodical", "volume", "place", "publisher", "box", "folder"):
        if k in g and out[k] is None:
            out[k] = clean(g[k])
    if "year" in g and out["year"] is None:
        out["year"] = int(g["year"])
    if "pages" in g and out["pages"] is None:
        out["pages"] = clean(g["pages"])


def _part_rule(part: str, k: int, state: dict[str, Any]) -> tuple[NoteRule, re.Match] | None:
    if len(part) > MAX_PART_CHARS or _YEAR_RANGE.match(part):
        return None
    for rule, always, first in _REST_RULES if k else _FIRST_RULES:  # the rows whose ``where`` can hold here
        if (first is None or first.match(part)) and (always or _where_holds(rule.where, k, state)):
            m = rule.pattern.fullmatch(part)
            if m is not None:
                return rule, m
    return None


def _engine_row(rule: NoteRule) -> tuple[NoteRule, bool, re.Pattern | None]:
    """(rule, whether its ``where`` always holds where it is tried, the characters its match can start with).

    The first characters are derived from the pattern (:func:`textmine.date_hints.first_chars`):
    a part that starts with none of them is not tried against the pattern (None: every part is).
    """
    first = first_chars(rule.pattern)[0]
    return rule, rule.where in ("first", "any", "rest"), None if first is None else re.compile(first, rule.pattern.flags)


#: :data:`NOTE_RULES` for the first part and for later parts (derived from each row's ``where``).
_FIRST_RULES = tuple(_engine_row(r) for r in NOTE_RULES if r.where in ("first", "any"))
_REST_RULES = tuple(_engine_row(r) for r in NOTE_RULES if r.where != "first")


def _archive(out: dict[str, Any], spans: list[tuple[str, str | None]]) -> None:
    """The archive from the candidates: since the last date and before box/folder, else after them."""
    before: list[str] = []
    after: list[str] = []
    boxed = False
    for role, value in spans:
        if role in ("box", "folder"):
            boxed = True
        elif role == "date" and not boxed:
            before = []
        elif role == "candidate" and value:
            (after if boxed else before).append(value)
    chosen = before or after
    if not boxed:
        chosen = [c for c in chosen if set(re.findall(r"[a-z]+", c.lower())) & ARCHIVE_WORDS]
    if chosen and out["archive"] is None:
        out["archive"] = ", ".join(chosen)


def empty_note() -> dict[str, Any]:
    """The fields of a note, all missing."""
    return {k: None for k in NOTE_FIELDS} | {"is_ibid": False, "partial_date": None, "has_imprint": False}


def _whole_note(s: str, out: dict[str, Any]) -> str:
    """Apply :data:`NOTE_TEXT_RULES`; returns the text the part rules read."""
    for rule in NOTE_TEXT_RULES:
        m = rule.pattern.search(s)
        if m is None or (rule.needs and not set(re.findall(r"[a-z]+", m.group(0).lower())) & rule.needs):
            continue
        g = m.groupdict()
        if g.get("quoted") and out["quoted"] is None:
            out["quoted"] = clean(g["quoted"])
        if g.get("archive") and out["archive"] is None:
            out["archive"] = clean(g["archive"])
        if g.get("rest"):
            s = g["rest"]
    return s


def parse_note(note: str) -> dict[str, Any]:
    """The fields of one note (its text without its number).

    Returns
    -------
    dict
        :data:`NOTE_FIELDS` (str, ``year`` and pages as int, None when absent;
        ``pages`` as written, ``page_start``/``page_end`` expanded), ``is_ibid``,
        ``partial_date`` (``(month, day)`` of a year-less date, else None) and
        ``has_imprint``.

    Examples
    --------
    >>> parse_note("Ruth Dale, Wheat and War (Chicago: Lakeshore Books, 1950), 7–9.")["publisher"]
    'Lakeshore Books'
    """
    if not isinstance(note, str):
        raise TypeError(f"textmine.citations.parse_note: note must be a str, got {type(note).__name__}.")
    out = empty_note()
    s = _whole_note(note.strip(), out)
    legal = _legal_citations(s)
    if legal and legal[0]["start"] <= _signal_end(s):  # a note that opens with a case or a statute: its fields
        return _legal_fields(out, legal[0])
    inside = _Protected(s)
    parts = note_parts(first_citation(s, inside), inside)
    if parts and len(parts[0]) > MAX_PART_CHARS // 2:
        parts = []  # a note of prose: only the whole-note rules
    del parts[MAX_PARTS:]
    state: dict[str, Any] = {"candidates": [], "last": None, "boxed": False}
    spans: list[tuple[str, str | None]] = []
    for k, part in enumerate(parts):
        state.update(date=out["date"] or out["partial_date"], title=out["title"], author=out["author"], periodical=out["periodical"])
        found = _part_rule(part, k, state)
        if found is None:
            state["last"] = None
            continue
        rule, m = found
        n_before = len(state["candidates"])
        _take(rule, m, out, state)
        state["boxed"] |= rule.name in ("box", "folder")
        out["has_imprint"] |= rule.name in ("imprint", "statute")
        role = "date" if rule.name == "date" else rule.name
        spans.append((role, state["candidates"][-1] if len(state["candidates"]) > n_before else None))
        state["last"] = "title" if (rule.name in ("quoted_title", "title_after_author", "first_document", "imprint")
                                    and out["title"] is not None) else rule.name
    _archive(out, [(r if r not in ("copy_in",) else "candidate", v) for r, v in spans])
    if out["title"] is None and out["author"] is None and legal:  # a note of prose citing a case or statute
        return _legal_fields(out, legal[0])
    if out["pages"] is not None:
        out["page_start"], out["page_end"] = expand_pages(out["pages"])
    return out


_SIGNAL = re.compile(r"(?:(?:see\s+also|see|cf\.|accord|compare|but\s+see|e\.\s?g\.,?)\s+)?", re.I)


def _signal_end(s: str) -> int:
    """Where a note's text starts after a leading signal (``See``, ``Cf.``, ``Accord``)."""
    return _SIGNAL.match(s).end()


def _legal_citations(s: str) -> list[dict[str, Any]]:
    """The case, short-form and statute citations of a note (:func:`textmine.citations.cases.case_citations`)."""
    if "v. " not in s and " at " not in s and "\u00a7" not in s:
        return []
    return [r for r in case_citations(s) if r["kind"] in ("case", "statute")]


def _legal_fields(out: dict[str, Any], row: dict[str, Any]) -> dict[str, Any]:
    """A note's fields from the case or statute it cites: name (or code) as ``title``, reporter as ``periodical``."""
    for k in ("title", "volume", "periodical", "year", "pages", "page_start", "page_end"):
        if out.get(k) is None and row.get(k) is not None:
            out[k] = row[k]
    return out
