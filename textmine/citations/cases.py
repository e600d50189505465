"""Legal citations in running text: reported cases and ``Id.`` (Bluebook style).

:data:`CASE_RULES` is read by :func:`case_citations`:

``case``
    ``Smith v. Jones, 12 Mass. 345, 350 (1850)``: the case name (``title``),
    the volume, the reporter (``periodical``), the first page and an
    optional pinpoint (``pages`` as written, ``page_start``/``page_end``),
    the court and year in brackets (``year``). Leading words that open a
    sentence or a signal (``In``, ``See``, ``Cf.``...) are not part of the name.
``short``
    ``Hale, 12 Mass. at 350`` or ``12 Mass. at 350``: the short form of a case
    cited in full before (Bluebook rule 10.9): the pinpoint is its ``pages``;
    the name, volume, reporter and year are the full citation's (the last
    one before it with the same volume and reporter; the name as written,
    ``Hale``, when there is none).
``statute``
    ``G. L. c. 231, § 4``, ``Rev. Stat. ch. 12, § 4 (1836)``, ``42 U.S.C. § 1983``: the
    code as written is the ``title``, the year in brackets the ``year`` (the chapter and
    section are in ``raw``). Each ``§`` is found with ``str.find`` and the code read back at
    most :data:`STATUTE_BACK_CHARS` characters.
``id``
    ``Id.`` or ``Id., at 351`` / ``Id. at 351``: the case cited just before
    (``is_ibid``, resolved by :func:`textmine.citations.find_citations` as an
    Ibid.).

Each ``v.`` is found with ``str.find`` and the name is read back at most
:data:`CASE_NAME_CHARS` characters, the rest forward at most
:data:`CASE_TAIL_CHARS`, so the scan is linear in the length of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .rules import empty_fields, expand_pages

__all__ = ["CASE_RULES", "CaseRule", "CASE_NAME_CHARS", "CASE_TAIL_CHARS", "STATUTE_BACK_CHARS", "case_citations",
           "resolve_short_forms"]

#: How far back from ``v.`` a case name is read (characters).
CASE_NAME_CHARS = 80
#: How far after ``v.`` the rest of a case citation is read (characters).
CASE_TAIL_CHARS = 160

_W = r"[A-Z][\w.\u2019'&-]*"
_NAME_BACK = re.compile(rf"((?:{_W}|of|the|and|&|de|ex|rel\.)(?:\s+(?:{_W}|of|the|and|&|de|ex|rel\.))*)\s+$")
#: A reporter's abbreviation: ``Mass.``, ``U.S.``, ``Pick.``, ``F. 2d``, ``N.E.2d`` (a full stop in each word:
#: ``Dollars`` or ``Men`` is no reporter).
_REPORTER = r"[A-Z][A-Za-z]*\.[A-Za-z.]*(?:\s*(?:[A-Z][A-Za-z]*\.[A-Za-z.]*|\d[a-z]{1,2}))?"
_LEADS = frozenset("in see cf. cf also accord compare but and as under following from the".split())


@dataclass(frozen=True)
class CaseRule:
    """One row of :data:`CASE_RULES`: a pattern, and examples of what :func:`case_citations` must give."""

    name: str
    pattern: re.Pattern
    description: str
    examples: tuple[tuple[str, dict[str, Any]], ...] = ()
    counter_examples: tuple[str, ...] = ()


#: The legal citation rules (the ``case`` pattern reads from ``v.`` on; the name before it is read back).
CASE_RULES: tuple[CaseRule, ...] = (
    CaseRule(
        "case",
        re.compile(rf"v\.\s+(?P<defendant>(?:{_W}|of|the|and|&)(?:\s+(?:{_W}|of|the|and|&)){{0,8}}?),\s+(?P<volume>\d{{1,4}})\s+"
                   rf"(?P<reporter>{_REPORTER})\s+(?P<page>\d{{1,5}})"
                   r"(?:,\s*(?P<pin>\d{1,5}(?:\s*[-\u2013]\s*\d{1,5})?))?(?:\s*\((?P<court>[^()\d]{0,40}?)\s*(?P<year>\d{4})\))?"),
        "a reported case: Name v. Name, volume Reporter page, pinpoint (court year)",
        (("In Hale v. Town of Dover, 12 Mass. 345, 350 (1850), the court held so.",
          {"title": "Hale v. Town of Dover", "volume": "12", "periodical": "Mass.", "pages": "345, 350", "page_start": 345,
           "page_end": 350, "year": 1850}),
         ("See Lee v. Park, 3 Pick. 10 (Mass. 1825).", {"title": "Lee v. Park", "periodical": "Pick.", "year": 1825})),
        ("The score was Hale v. Dover, 12 to 3.",),
    ),
    CaseRule(
        "short",
        re.compile(rf"(?P<volume>\d{{1,4}})\s+(?P<reporter>{_REPORTER})\s+at\s+(?P<pin>\d{{1,5}}(?:\s*[-\u2013]\s*\d{{1,5}})?)"),
        "the short form of a case cited before: (Name,) volume Reporter at pinpoint",
        (("Hale v. Dover, 12 Mass. 345 (1850). Later: Hale, 12 Mass. at 350.",
          {"title": "Hale v. Dover", "volume": "12", "periodical": "Mass.", "pages": "350", "year": 1850}),
         ("As 3 Pick. at 12 shows.", {"title": None, "volume": "3", "periodical": "Pick.", "pages": "12"})),
        ("He paid 12 Dollars at 3 o'clock.", "the 12 Men at 4"),
    ),
    CaseRule(
        "statute",
        re.compile(r"(?P<code>(?:[A-Z][A-Za-z]{0,5}\.\s?){1,4}|\d{1,3}\s+U\.\s?S\.\s?C\.(?:\s?A\.)?)\s*"
                   r"(?:(?:c|ch|chap)\.\s*(?P<chapter>\d{1,4}[A-Z]?),\s*)?$"),
        "a statute: code (chapter,) § section (year), read back from the section sign",
        (("The act, G. L. c. 231, § 4, governs.", {"title": "G. L.", "kind": "statute", "year": None}),
         ("It stood in Rev. Stat. ch. 12, § 4 (1836).", {"title": "Rev. Stat.", "year": 1836}),
         ("Under 42 U.S.C. § 1983 the claim lies.", {"title": "42 U.S.C.", "kind": "statute"})),
        ("See section § 4 of the rules.", "the 12 § 4"),
    ),
    CaseRule(
        "id",
        re.compile(r"I(?<![\w.]I)d\.(?:,?\s+at\s+(?P<pin>\d{1,5}(?:\s*[-\u2013]\s*\d{1,5})?))?"),  # the letter first: a fast scan
        "Id. (the authority cited just before), with an optional pinpoint",
        (("Id. at 351.", {"is_ibid": True, "pages": "351"}),),
        ("Idaho at 351.",),
    ),
)


def _case_name(text: str, v: int, lo: int) -> int | None:
    """Where the case name before ``v.`` at *v* starts (leading signal words dropped), or None."""
    m = _NAME_BACK.search(text, max(lo, v - CASE_NAME_CHARS), v)
    if m is None:
        return None
    start, words = m.start(1), m.group(1).split()
    while words and words[0].lower() in _LEADS:
        start = text.index(words[1], start + len(words[0])) if len(words) > 1 else v
        words.pop(0)
    return start if words else None


def _case_row(text: str, v: int, lo: int, hi: int) -> dict[str, Any] | None:
    m = CASE_RULES[0].pattern.match(text, v, min(hi, v + CASE_TAIL_CHARS))
    start = _case_name(text, v, lo) if m else None
    if m is None or start is None:
        return None
    f = empty_fields()
    pages = m.group("page") + (f", {m.group('pin')}" if m.group("pin") else "")
    f.update(kind="case", title=text[start:v].strip() + " v. " + m.group("defendant"), volume=m.group("volume"),
             periodical=m.group("reporter"), pages=pages, start=start, end=m.end(), raw=text[start : m.end()])
    f["page_start"], f["page_end"] = expand_pages(pages)
    if m.group("year"):
        f["year"] = int(m.group("year"))
    return f


def case_citations(text: str, lo: int = 0, hi: int | None = None) -> list[dict[str, Any]]:
    """The case and ``Id.`` citations of ``text[lo:hi]``, in reading order, as citation fields with ``start``, ``end``, ``raw``.

    Examples
    --------
    >>> [r["title"] for r in case_citations("As in Hale v. Dover, 12 Mass. 345 (1850).")]
    ['Hale v. Dover']
    """
    hi = len(text) if hi is None else hi
    rows = []
    v = text.find("v. ", lo, hi)
    while v >= 0:
        if v > lo and text[v - 1] == " ":
            row = _case_row(text, v, lo, hi)
            if row is not None:
                rows.append(row)
        v = text.find("v. ", v + 3, hi)
    rows.extend(_short_rows(text, lo, hi))
    rows.extend(_statute_rows(text, lo, hi))
    for m in CASE_RULES[3].pattern.finditer(text, lo, hi):
        f = empty_fields()
        f.update(kind="ibid", is_ibid=True, start=m.start(), end=m.end(), raw=m.group(0))
        if m.group("pin"):
            f["pages"] = m.group("pin")
            f["page_start"], f["page_end"] = expand_pages(f["pages"])
        rows.append(f)
    rows.sort(key=lambda r: r["start"])
    resolve_short_forms(rows)
    return rows


_WORD = re.compile(r"\S+")
_SHORT_NAME_BACK = re.compile(rf"({_W}(?:\s+(?:{_W}|of|the|and|&)){{0,4}}),\s+$")


def _short_rows(text: str, lo: int, hi: int) -> list[dict[str, Any]]:
    """The short-form case citations of ``text[lo:hi]`` (the name before them read back at most
    :data:`CASE_NAME_CHARS` characters)."""
    rows = []
    for m in CASE_RULES[1].pattern.finditer(text, lo, hi):
        if m.start() > lo and text[m.start() - 1].isalnum():
            continue
        start = m.start()
        named = _SHORT_NAME_BACK.search(text, max(lo, start - CASE_NAME_CHARS), start)
        if named is not None:  # the case's name, without a signal before it ("See Amsden, 296 Vand. at 20")
            words = [w for w in _WORD.finditer(text, named.start(1), named.end(1)) if w.group().lower() not in _LEADS]
            if words:
                start = words[0].start()
        f = empty_fields()
        name = " ".join(text[start : m.start()].rstrip(", \n").split()) or None  # "Pell": the title until resolved
        f.update(kind="case", title=name, volume=m.group("volume"), periodical=m.group("reporter"), pages=m.group("pin"),
                 start=start, end=m.end(), raw=text[start : m.end()], short=True)
        f["page_start"], f["page_end"] = expand_pages(f["pages"])
        rows.append(f)
    return rows


_SECTION = re.compile(r"§+\s*(?P<section>\d{1,5}[A-Za-z]?(?:[.-]\d{1,5}[A-Za-z]?)*)(?:\s*\((?P<year>\d{4})\))?")
#: How far before its section sign a statute's code and chapter are read (characters).
STATUTE_BACK_CHARS = 40


def _statute_rows(text: str, lo: int, hi: int) -> list[dict[str, Any]]:
    """The statutes of ``text[lo:hi]``: each ``§`` with a code (and chapter) right before it."""
    rows = []
    at = text.find("\u00a7", lo, hi)
    while at >= 0:
        sec = _SECTION.match(text, at, hi)
        back = CASE_RULES[2].pattern.search(text, max(lo, at - STATUTE_BACK_CHARS), at) if sec else None
        if back is not None and (back.start() == lo or not text[back.start() - 1].isalnum()):
            start = back.start() + len(back.group(0)) - len(back.group(0).lstrip())
            f = empty_fields()
            f.update(kind="statute", title=" ".join(back.group("code").split()), start=start, end=sec.end(),
                     raw=text[start : sec.end()])
            if sec.group("year"):
                f["year"] = int(sec.group("year"))
            rows.append(f)
            at = sec.end()
        at = text.find("\u00a7", at + 1, hi)
    return rows


def resolve_short_forms(rows: list[dict[str, Any]]) -> None:
    """Each short-form case citation of *rows* (in reading order; ``short`` set by :func:`case_citations`)
    takes the name and year of the last full case citation before it with its volume and reporter."""
    full: dict[tuple[str, str], dict[str, Any]] = {}
    for r in rows:
        if r.get("kind") != "case":
            continue
        key = (r["volume"], r["periodical"])
        if r.get("short"):
            if key in full:
                r["title"], r["year"] = full[key]["title"], full[key]["year"]
        else:
            full[key] = r
