"""Which strings are citations, and their fields: the citation rules as a table.

:data:`CITATION_RULES` is read in order; each row's ``parse`` reads the
content of a parenthesis (outer marks, a leading ``see``/``cf.`` and extra
spaces removed) and answers with the fields (the rule applies), ``None``
(the next rule is tried) or :data:`REJECT` (no citation at all: ``Ibid``
followed by prose). Every row carries examples (with some of the fields
they must give) and counter-examples that the tests run through
:func:`parse_citation`.

Every pattern here reads its string in time linear in its length: no
pattern can match the same text in exponentially many ways (an initial
``A.`` is one name word, not two readings of one).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

__all__ = [
    "CITATION_RULES", "CitationRule", "REJECT", "MONTHS", "expand_pages", "find_date", "parse_citation", "match_rule",
    "looks_like_name", "clean", "empty_fields", "NAME", "NON_PERSON", "PERIODICAL_WORDS",
]

#: Month names and abbreviations (lower case) to month numbers.
MONTHS: dict[str, int] = {}
for _i, _m in enumerate(
    "january february march april may june july august september october november december".split(), 1
):
    MONTHS[_m] = _i
    MONTHS[_m[:3]] = _i
MONTHS["sept"] = 9

#: Last words of newspaper and periodical names (``the Harlow Courier``, ``Co-operative News``).
PERIODICAL_WORDS = frozenset(
    "times courier advertiser ledger journal news gazette herald chronicle post tribune quarterly review magazine "
    "bulletin mercury observer standard telegraph express star recorder register examiner inquirer enquirer dispatch "
    "globe monitor independent guardian intelligencer argus democrat republican sentinel digest weekly daily "
    "monthly annual transcript leader mail record clarion beacon banner eagle pioneer spectator statesman courant "
    "bee sun press yearbook proceedings transactions pravda izvestia".split()
)
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
_IBID = re.compile(r"^(?:ibid(?:em)?|ib)\b\.?\s*,?\s*(?P<rest>.*)$", re.I | re.S)
_OPCIT = re.compile(r"^(?:(?P<author>.+?)\s*,?\s+)?(?P<which>op|loc)\.\s*cit\.?\s*(?:,\s*)?(?P<rest>.*)$", re.I | re.S)
_LEAD = re.compile(r"^(?:see\s+also|see|cf\.?|e\.\s?g\.,?|compare|cited\s+in|quoted\s+in|as\s+cited\s+in)\s+", re.I)
#: Capitalized words that head cross-references, not author names ("(see Chapter 3)").
_NOT_AUTHOR = frozenset(
    "chapter chapters figure figures fig table tables part parts section sections appendix plate plates map maps "
    "note notes book books article volume vol line lines verse act scene no number page".split()
)

# A name word: a capitalized word (an initial "A." is one, with its full stop), or a particle.
_NAME_WORD = r"(?:(?:[A-Z]\.){2,}|[A-Z][\w\u2019'\-]*\.?|(?:de|da|di|du|van|von|der|den|la|le|ter|bin|ibn|al-\w+|y)\b)"
#: Up to five name words: an author's name; ``of``/``for``/``on``/``the`` join the words of a
#: corporate author (``U.S. Bureau of Labor``, ``Board of Trade``), never start one.
NAME = rf"{_NAME_WORD}(?:\s+(?:(?:of|for|on|the)\s+){{0,2}}{_NAME_WORD}){{0,5}}"
_AUTHORS = rf"{NAME}(?:\s*(?:,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*){NAME})*(?:,?\s+et\s+al\.?)?"
# What an author-date citation may give after its year (Chicago 15.22-15.26, APA 8.13): pages (a
# note number after them: ``45n3``, ``45 n. 3``), a volume and pages (``2:45``), or a division
# without pages (``chap. 3``, ``sec. 2``, ``fig. 4``, ``§ 12``); then ``emphasis added`` and kin.
_DIVISION = r"(?:(?:chaps?|ch|secs?|pts?|bk|figs?|tables?|apps?|paras?|nos?)\.?\s*[\dIVXLC]+[a-z]?|§+\s*[\d.]+)"
_NOTE_NO = r"(?:\s*nn?\.?\s*\d+|nn?\d+)"
_EMPHASIS = r"(?:\s*[,;]\s*(?:(?:emphasis|italics)\s+(?:added|mine|in\s+(?:the\s+)?original)|(?:my|original)\s+(?:emphasis|italics)))"
_AFTER_YEAR = (rf"(?:\s*[,:]\s*(?:(?:(?P<volume>\d+)\s*:\s*)?(?:{_PAGE_MARK}\s*)?(?P<pages>{_PAGES}){_NOTE_NO}?"
               rf"|{_DIVISION}))?{_EMPHASIS}?\s*$")
#: ``[1867] 1979``: the original date in brackets before the edition's year.
_ORIGINAL = r"(?:\[\d{4}\]\s*)?"
#: A work without a year: ``n.d.`` (no date), ``forthcoming``, ``in press`` (its ``year`` is missing).
_NO_YEAR = r"(?:n\.\s?d\.|forthcoming|in\s+press)"
_AUTHOR_DATE = re.compile(
    rf"^(?P<author>{_AUTHORS}),?\s+(?:{_ORIGINAL}(?P<year>\d{{4}})[a-z]?|(?P<no_year>{_NO_YEAR})(?:[-\u2013][a-z])?){_AFTER_YEAR}")
_YEAR_ONLY = re.compile(rf"^{_ORIGINAL}(?P<year>\d{{4}})[a-z]?{_AFTER_YEAR}")
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
#: Words that start no person's name.
NON_PERSON = frozenset("the a an in on at of see this that these those".split())

_PAGE_TOKENS = re.compile(r"\d+|[-\u2013\u2014,]")
_SPACES = re.compile(r"\s+")
_KEEP_STOP = re.compile(r"(?:\bal|\b[A-Z]|\b(?:Jr|Sr|Inc|Ltd|Co|eds?))\.$")
_AUTHORS_RX = re.compile(_AUTHORS)
_COMMA_SPLIT = re.compile(r",\s+")
_COMMA_SPLIT_ANY = re.compile(r",\s*")
_EDITOR = re.compile(r"^(?:ed(?:s|ited)?\.?|trans(?:lated)?\.?)\s", re.I)
_WORD_CHAR = re.compile(r"\w")
_AUTHOR_PAGE = re.compile(rf"^(?P<author>{_AUTHORS}),?\s+(?P<pages>\d+(?:\s*[-\u2013]\s*\d+)?)$")
_OF_THE_AND = re.compile(r"\s(?:of|the|and)\s")
_YEAR = re.compile(r"\d{4}")

_STR_FIELDS = ["author", "title", "volume", "place", "publisher", "date", "pages", "archive", "periodical"]
_INT_FIELDS = ["year", "page_start", "page_end"]


# ---------------------------------------------------------------- pages and dates
def _expanded_end(start_s: str, tok: str) -> int:
    """The end of ``start-tok`` with the leading digits of the start kept (``365-66`` → 366)."""
    end = int(tok)
    if end < int(start_s) and len(tok) < len(start_s):
        end = int(start_s[: len(start_s) - len(tok)] + tok)
        if end < int(start_s):
            end += 10 ** len(tok)
    return end


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
    for i, tok in enumerate(nums):
        if not tok.isdigit():
            continue
        if seq and i >= 2 and nums[i - 1] in "-\u2013\u2014" and nums[i - 2].isdigit():
            seq.append(_expanded_end(nums[i - 2], tok))
        else:
            seq.append(int(tok))
    if not seq:
        return None, None
    return seq[0], seq[-1]


@functools.lru_cache(maxsize=256)
def find_date(s: str) -> tuple[re.Match | None, str | None, int | None]:
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


# ---------------------------------------------------------------- fields
def empty_fields() -> dict[str, Any]:
    """The fields of a citation, all missing."""
    return {k: None for k in _STR_FIELDS + _INT_FIELDS} | {"kind": None, "is_ibid": False, "op_author": None, "n_refs": 1}


def clean(s: str | None) -> str | None:
    """*s* with spaces collapsed, outer ``,;:`` and a final full stop (not of an initial) removed; None if empty."""
    if s is None:
        return None
    s = _SPACES.sub(" ", s).strip(" ,;:")
    if s.endswith(".") and not _KEEP_STOP.search(s):
        s = s[:-1].rstrip()
    return s or None


def _set_pages(out: dict[str, Any], pages: str | None) -> None:
    pages = clean(pages)
    if pages:
        out["pages"] = pages
        out["page_start"], out["page_end"] = expand_pages(pages)


def looks_like_name(s: str) -> bool:
    """Author names (``Smith``, ``Smith and Other``, ``A. B. Smith et al.``), not ``the``/``Chapter`` words."""
    s = s.strip()
    if not s or len(s) > 80:
        return False
    first = s.split()[0].lower().rstrip(".")
    return _AUTHORS_RX.fullmatch(s) is not None and first not in NON_PERSON and first not in _NOT_AUTHOR


def _split_author_title(before: str, out: dict[str, Any], *, has_imprint: bool) -> None:
    """Split ``Author, Title, vol. N`` (before the imprint or pages) into fields."""
    rest = []
    for p in (p.strip() for p in _COMMA_SPLIT.split(before) if p.strip()):
        m = _VOLUME.match(p)
        if m and out["volume"] is None:
            out["volume"] = m.group("vol")
        elif not _EDITOR.match(p):
            rest.append(p)
    if not rest:
        return
    if len(rest) >= 2 and looks_like_name(rest[0]):
        out["author"] = rest[0]
        out["title"] = ", ".join(rest[1:])
    elif len(rest) == 1 and not has_imprint and looks_like_name(rest[0]) and len(rest[0].split()) <= 3 and not _OF_THE_AND.search(rest[0]):
        out["author"] = rest[0]
    else:
        out["title"] = ", ".join(rest)


def _split_volume_only(s: str, out: dict[str, Any]) -> None:
    for p in _COMMA_SPLIT_ANY.split(s):
        m = _VOLUME.match(p.strip())
        if m:
            out["volume"] = m.group("vol")


def _pages_after(rest: str, out: dict[str, Any]) -> bool:
    """Volume and pages at the end of *rest*; False when it does not end with pages."""
    pm = _PAGES_TAIL.search(rest)
    if not pm:
        return False
    _split_volume_only(rest[: pm.start()], out)
    _set_pages(out, pm.group("pages"))
    return True


# ---------------------------------------------------------------- the rules
class _Reject:
    def __repr__(self) -> str:
        return "REJECT"


#: What a rule's ``parse`` answers for a string that is no citation at all.
REJECT = _Reject()
_Answer = dict | None | _Reject


_CREDIT = re.compile(
    r"^(?P<cue>(?:by\s+)?courtesy\s+of|reproduced\s+(?:by\s+(?:kind\s+)?permission\s+of|courtesy\s+of)|"
    r"by\s+(?:kind\s+)?permission\s+of|from\s+the\s+collections?\s+of|collection\s+of|source\s*:|credit\s*:|"
    r"(?P<maker>photograph|photo|drawing|engraving|sketch|map|plan)\s+(?:by|from))\s+(?:the\s+)?(?P<who>[^()]+?)\.?$",
    re.I,
)


def _credit(c: str) -> _Answer:
    m = _CREDIT.match(c)
    if not m:
        return None
    out = empty_fields()
    who = m.group("who")
    ym = re.search(r",\s*(\d{4})$", who)
    if ym:  # "Photograph by Ann Lee, 1921"
        out["year"], who = int(ym.group(1)), who[: ym.start()]
    who = clean(who)
    if m.group("maker") and m.group(0).lower().split()[1] == "by":
        out["author"] = who  # "Photograph by Ann Lee"
    else:
        out["archive"] = who  # "Courtesy of the County Record Office"
    out["kind"] = "credit"
    return out


#: A citation of the record of a case: the record (``R.``), the transcript (``Tr.``), the appendix
#: (``App.``, ``J.A.``) and its pages (``Tr. 40-42``, ``Tr. 112:4-9``), a final full stop allowed.
_RECORD = re.compile(r"^(?P<title>R|Tr|Rec|App|J\.\s?A|Supp\.\s?R)\.\s*(?P<pages>\d{1,5}(?:\s*[-\u2013]\s*\d{1,5})?)"
                     r"(?::\d{1,3}(?:\s*[-\u2013]\s*\d{1,3})?)?\.?$")


def _record(c: str) -> _Answer:
    m = _RECORD.match(c)
    if not m:
        return None
    out = empty_fields()
    out["title"] = m.group("title").replace(" ", "") + "."
    _set_pages(out, m.group("pages"))
    out["kind"] = "record"
    return out


def _ibid(c: str) -> _Answer:
    m = _IBID.match(c)
    if not m:
        return None
    out = empty_fields()
    rest = m.group("rest").strip()
    if rest and not _pages_after(rest, out):
        return REJECT  # "Ibidenko ..." or an Ibid followed by prose
    out.update(kind="ibid", is_ibid=True)
    return out


def _op_cit(c: str) -> _Answer:
    m = _OPCIT.match(c)
    if not m:
        return None
    out = empty_fields()
    author = clean(m.group("author"))
    if author is not None and not looks_like_name(author):
        out["title"] = author
    else:
        out["author"] = out["op_author"] = author
    rest = m.group("rest").strip()
    if rest:
        _pages_after(rest, out)
    out["kind"] = "op_cit"
    return out


def _book(c: str) -> _Answer:
    m = _IMPRINT.search(c)
    if not m or _DATE_DMY.search(m.group(0)) or _DATE_MDY.search(m.group(0)):
        return None
    out = empty_fields()
    out["place"] = clean(m.group("place"))
    out["publisher"] = clean(m.group("publisher"))
    out["year"] = int(m.group("year"))
    _split_author_title(c[: m.start()].strip().rstrip(","), out, has_imprint=True)
    _pages_after(c[m.end():].strip(), out)
    out["kind"] = "book"
    return out


def _author_date(c: str) -> _Answer:
    m = _AUTHOR_DATE.match(c)
    if not (m and looks_like_name(m.group("author"))):
        return None
    out = empty_fields()
    out["author"] = clean(m.group("author"))
    out["year"] = int(m.group("year")) if m.group("year") else None
    out["volume"] = m.group("volume")
    _set_pages(out, m.group("pages"))
    out["kind"] = "author_date"
    return out


def _year_only(c: str) -> _Answer:
    m = _YEAR_ONLY.match(c)
    if not m:
        return None
    out = empty_fields()
    out["year"] = int(m.group("year"))
    out["volume"] = m.group("volume")
    _set_pages(out, m.group("pages"))
    out["kind"] = "author_date"
    return out


def _around_date(c: str) -> tuple[str, str, str, int] | None:
    """(text before the first full date, text after it, ISO date, year), or None without one."""
    dm, iso, year = find_date(c)
    if dm is None or iso is None:
        return None
    return c[: dm.start()].strip().rstrip(",").strip(), c[dm.end():].strip().lstrip(",").strip(), iso, year


def _archival(c: str) -> _Answer:
    dated = _around_date(c)
    if dated is None:
        return None
    head, tail, iso, year = dated
    lm = _LETTER.match(head)
    if not (lm or _ARCHIVE_CUE.search(tail) or _ARCHIVE_CUE.search(head)):
        return None
    out = empty_fields()
    out["title"] = clean(head)
    if lm:
        out["author"] = clean(lm.group("author"))
    out["date"], out["year"] = iso, year
    pm = _PAGES_MARKED_TAIL.search(tail)
    if pm:
        _set_pages(out, pm.group("pages"))
        tail = tail[: pm.start()]
    out["archive"] = clean(tail)
    out["kind"] = "archival"
    return out


def _periodical(c: str) -> _Answer:
    dated = _around_date(c)
    if dated is None:
        return None
    head, tail, iso, year = dated
    titled = bool(head) and head[0].isupper() and head.split()[0].lower().strip(",") not in _DATE_PREPOSITIONS
    if not (titled and len(iso) == 10 and (not tail or _PAGES_TAIL.search(tail))):
        return None
    out = empty_fields()
    pieces = [p.strip() for p in _COMMA_SPLIT.split(head) if p.strip()]
    if len(pieces) >= 2 and looks_like_name(pieces[0]) and len(pieces[0].split()) <= 4:
        out["author"] = pieces[0]
        out["title"] = ", ".join(pieces[1:])
    else:
        out["title"] = head
    out["date"], out["year"] = iso, year
    last = re.split(r"[\u201d\u2019\"]\s+", pieces[-1] if pieces else head)[-1]  # after a quoted title
    if last.split() and last.split()[-1].strip(".,").lower() in PERIODICAL_WORDS:
        out["periodical"] = last.strip("\u201c\u201d\"' ,")  # the newspaper or journal named last
    if tail:
        pm = _PAGES_TAIL.search(tail)
        if pm is None or tail[: pm.start()].strip(" ,"):
            return REJECT
        _set_pages(out, pm.group("pages"))
    out["kind"] = "periodical"
    return out


@functools.lru_cache(maxsize=256)
def _marked_pages(c: str) -> re.Match | None:
    """Pages with a page mark (``p. 12``) at the end of *c* (the three page rules ask in turn)."""
    return _PAGES_MARKED_TAIL.search(c)


def _page(c: str) -> _Answer:
    pm = _marked_pages(c)
    if pm is None or c[: pm.start()].strip().rstrip(","):
        return None
    out = empty_fields()
    _set_pages(out, pm.group("pages"))
    out["kind"] = "page"
    return out


def _short(c: str) -> _Answer:
    pm = _marked_pages(c)
    if pm is None:
        return None
    out = empty_fields()
    _set_pages(out, pm.group("pages"))
    _split_author_title(c[: pm.start()].strip().rstrip(","), out, has_imprint=False)
    if out["author"] is None and out["title"] is None and out["volume"] is None:
        return REJECT
    out["kind"] = "short"
    return out


def _author_page(c: str) -> _Answer:
    if _marked_pages(c):
        return None
    mm = _AUTHOR_PAGE.match(c)
    if not (mm and looks_like_name(mm.group("author")) and not _YEAR.fullmatch(mm.group("pages"))):
        return REJECT
    out = empty_fields()
    out["author"] = clean(mm.group("author"))
    _set_pages(out, mm.group("pages"))
    out["kind"] = "short"
    return out


@dataclass(frozen=True)
class CitationRule:
    """One row of :data:`CITATION_RULES`."""

    name: str
    kind: str  # the ``kind`` it gives
    parse: Callable[[str], _Answer]
    description: str
    examples: tuple[tuple[str, dict[str, Any]], ...] = ()  # (citation, fields it must give)
    counter_examples: tuple[str, ...] = ()  # strings this rule must not read as its kind


#: The citation rules, first that applies wins (see the module docs of :mod:`textmine.citations`).
CITATION_RULES: tuple[CitationRule, ...] = (
    CitationRule(
        "credit", "credit", _credit, "a caption or source credit: courtesy of, by permission of, photograph by, source:",
        (("(Courtesy of the Borough Museum)", {"archive": "Borough Museum", "author": None}),
         ("(Reproduced by kind permission of the Dean and Chapter)", {"archive": "Dean and Chapter"}),
         ("(Photograph by Ann Lee, 1921)", {"author": "Ann Lee", "year": 1921}),
         ("(Source: Quarry Row Trust archive)", {"archive": "Quarry Row Trust archive"})),
        ("(courtesy titles were dropped)", "(Smith 1990)"),
    ),
    CitationRule(
        "record", "record", _record, "the record or transcript of a case and its pages (R. 45, Tr. 112, App. 3)",
        (("(R. 45)", {"title": "R.", "author": None, "page_start": 45}), ("(Tr. 40-42.)", {"title": "Tr.", "page_end": 42}),
         ("(Tr. 112:4-9)", {"title": "Tr.", "pages": "112"}), ("(J. A. 17)", {"title": "J.A."})),
        ("(Rd. 45)", "(R. Hale 1990)", "(Tr. Smith, 4)"),
    ),
    CitationRule(
        "ibid", "ibid", _ibid, "Ibid. or ibidem, with optional volume and pages",
        (("(Ibid.)", {"is_ibid": True, "pages": None}), ("(Ibid., p. 397)", {"page_start": 397, "page_end": 397}),
         ("(ibidem, 12)", {"pages": "12"}), ("(Ibid., vol. 2, pp. 5-6)", {"volume": "2", "page_end": 6})),
        ("(Ibidenko 1990)", "(Ibid. and more prose here)"),
    ),
    CitationRule(
        "op_cit", "op_cit", _op_cit, "op. cit. or loc. cit., with an optional author before and pages after",
        (("(Trotsky, op. cit., p. 140)", {"author": "Trotsky", "page_start": 140}), ("(op. cit., p. 3)", {"author": None, "pages": "3"}),
         ("(loc. cit.)", {"pages": None})),
    ),
    CitationRule(
        "book", "book", _book, "an imprint [Place: Publisher, Year], with author, title, volume and pages around it",
        (("(Leon Trotsky, The Third International After Lenin [New York: Pathfinder, 1972], p. 137)",
          {"author": "Leon Trotsky", "title": "The Third International After Lenin", "place": "New York", "publisher": "Pathfinder",
           "year": 1972, "page_start": 137}),
         ("(Collected Works, vol. 31 [Moscow: Progress Publishers, 1966], pp. 365-66)",
          {"title": "Collected Works", "volume": "31", "page_start": 365, "page_end": 366})),
        ("(Letter of A to B [3 March 1917, Moscow])",),
    ),
    CitationRule(
        "author_date", "author_date", _author_date, "Surname Year, with optional pages (author-date style)",
        (("(Smith 1978, 112)", {"author": "Smith", "year": 1978, "page_start": 112}),
         ("(Smith and Other 2001: 58-61)", {"author": "Smith and Other", "page_end": 61}),
         ("(Smith et al. 1999)", {"author": "Smith et al.", "year": 1999}), ("(J. R. Smith 1990)", {"author": "J. R. Smith"}),
         ("(Smith 1978, 112n4)", {"author": "Smith", "pages": "112", "page_start": 112}),
         ("(Smith 1978, 112 n. 4)", {"pages": "112"}),
         ("(Smith 1978, 2:112)", {"volume": "2", "pages": "112"}),
         ("(Smith 1978, chap. 3)", {"author": "Smith", "year": 1978, "pages": None}),
         ("(Smith 1978, § 12)", {"year": 1978, "pages": None}),
         ("(Smith [1867] 1978, 40)", {"author": "Smith", "year": 1978, "page_start": 40}),
         ("(Smith 1978, 40, emphasis added)", {"page_start": 40}),
         ("(Smith 1978, 40; emphasis in original)", {"page_start": 40}),
         ("(Board of Trade 1921, 8)", {"author": "Board of Trade", "year": 1921}),
         ("(U.S. Bureau of the Census 1913, 4)", {"author": "U.S. Bureau of the Census", "page_start": 4}),
         ("(Smith, Jones, and Lee 1990)", {"author": "Smith, Jones, and Lee", "year": 1990}),
         ("(Smith, Jones, & Lee, 1990, p. 4)", {"author": "Smith, Jones, & Lee", "page_start": 4}),
         ("(Smith n.d., 4)", {"author": "Smith", "year": None, "page_start": 4}),
         ("(Smith forthcoming)", {"author": "Smith", "year": None})),
        ("(the 1990s)", "(Chapter 1990)", "(of Trade 1921)", "(Smith 1978, emphasis)"),
    ),
    CitationRule(
        "year_only", "author_date", _year_only, "only a year and pages; the author is the name before the parenthesis",
        (("(1978, 112)", {"author": None, "year": 1978, "page_start": 112}), ("(1917)", {"year": 1917}),
         ("(1978, chap. 2)", {"year": 1978, "pages": None}), ("([1867] 1978, 3)", {"year": 1978, "page_start": 3})),
    ),
    CitationRule(
        "archival", "archival", _archival, "a dated letter or memorandum of A to B, or a date with an archival cue (papers, box, fond...)",
        (("(Letter of A to B, 14 June 1911, Company Papers, box 7)",
          {"author": "A", "date": "1911-06-14", "archive": "Company Papers, box 7"}),
         ("(Minutes, 3 March 1920, Party Archive, fond 17)", {"title": "Minutes", "year": 1920})),
    ),
    CitationRule(
        "periodical", "periodical", _periodical, "a title and a full date, with optional pages",
        (("(Current Digest of the Soviet Press, 15 February 1989)", {"title": "Current Digest of the Soviet Press", "date": "1989-02-15",
                                                                     "periodical": "Current Digest of the Soviet Press"}),
         ("(Jo Park, \u201cWells,\u201d Valley Mercury, 3 May 1950, 2)", {"author": "Jo Park", "periodical": "Valley Mercury"}),
         ("(Pravda, 3 March 1918, p. 2)", {"title": "Pravda", "page_start": 2})),
        ("(On 3 March 1918)", "(Pravda, 3 March 1918, and again later)"),
    ),
    CitationRule(
        "page", "page", _page, "only a page (a page of the most recent work)",
        (("(p. 45)", {"page_start": 45}), ("(pp. 12-15)", {"page_end": 15})),
    ),
    CitationRule(
        "short", "short", _short, "author and/or title with marked pages, no imprint",
        (("(Trotsky, p. 12)", {"author": "Trotsky", "page_start": 12}),
         ("(Trotsky, History, vol. 2, pp. 5-6)", {"author": "Trotsky", "title": "History", "volume": "2"})),
        ("(see Chapter 5)",),
    ),
    CitationRule(
        "author_page", "short", _author_page, "a name and a bare page number (MLA style)",
        (("(Trotsky 137)", {"author": "Trotsky", "page_start": 137}),),
        ("(the 137)", "(see Chapter 5)", "(also known as the Comintern)", "(Mr.)", "(including the United States)"),
    ),
)


def _content(raw: str) -> str:
    """The citation text: outer parentheses, extra spaces, a leading ``see``/``cf.`` and a final ``;`` removed."""
    c = raw.strip()
    if c.startswith("(") and c.endswith(")"):
        c = c[1:-1]
    c = _SPACES.sub(" ", c).strip()
    return _LEAD.sub("", c).strip().rstrip(" ;")


def match_rule(raw: str, rules: tuple[CitationRule, ...] = CITATION_RULES) -> tuple[CitationRule | None, dict[str, Any] | None]:
    """The rule that decides *raw* and its fields (None fields: not a citation; no rule: none applied)."""
    if not isinstance(raw, str):
        raise TypeError(f"textmine.citations.parse_citation: raw must be a str, got {type(raw).__name__}.")
    c = _content(raw)
    if not c or not _WORD_CHAR.search(c):
        return None, None
    for rule in rules:
        out = rule.parse(c)
        if out is REJECT:
            return rule, None
        if out is not None:
            return rule, out
    return None, None


def _several(raw: str) -> dict[str, Any] | None:
    """``(Smith 1990; Jones 2001)``: the first reference, with ``n_refs``, when every part is a citation."""
    c = raw.strip()
    if c.startswith("(") and c.endswith(")"):
        c = c[1:-1]
    parts = c.split(";")
    first = match_rule(parts[0])[1]
    if first is None or first["kind"] not in ("author_date", "book", "short", "periodical", "archival", "record"):
        return None
    if all(match_rule(part)[1] is not None for part in parts[1:]):
        first["n_refs"] = len(parts)
        return first
    return None


def parse_citation(raw: str) -> dict[str, Any] | None:
    """Parse one citation (with or without its outer parentheses).

    Returns
    -------
    dict or None
        ``kind, author, title, volume, place, publisher, year, date, pages,
        page_start, page_end, archive, is_ibid`` (and ``op_author`` for an
        op. cit.), or None when the string is not a citation. ``author`` of an
        ``author_date`` citation with only a year (``(1978, 112)``) is None;
        :func:`textmine.citations.find_citations` fills it from the text
        before the parenthesis.

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
    out = match_rule(raw)[1]
    if out is None and ";" in raw:
        return _several(raw)
    return out
