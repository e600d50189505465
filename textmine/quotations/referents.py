"""Referents: who a description in a speech tag stands for (``the director``, ``the paper``, ``it``).

A speech tag without a name (``“...,” the director explained``) names its
speaker by a description (:func:`textmine.quotations.tags.description`).
:class:`Referents` reads the masked text once and keeps every *mention* a
description can stand for, in order:

* a **role mention**, a person's name with the word that says what they
  are: a title inside the name (``Treasury Secretary Hugo Lind``,
  ``Mayor Ann Cole`` → ``secretary``, ``mayor``), an abbreviated title
  (``Sen. Ada Crowe`` → ``senator``, :data:`~.lexicon.ROLE_ABBREVIATIONS`),
  or a lower-case word right before the name (``the director, Mr. Hale``,
  ``its secretary, Nora Blythe``, ``our own paper, De Stem``);
* an **organisation mention**, a name after ``the``
  (:data:`~.names.ORG_RUN`: ``the Board of Aldermen``, ``the Ashby
  Evening Ledger``), a periodical when :func:`~.names.name_kind` says so.

The rules of :data:`REFERENT_RULES` are read in order for a description;
the first that finds a mention before the tag names the speaker:

=================  ==============================================  ======================
rule               description                                     stands for
=================  ==============================================  ======================
``periodical``     a :data:`~.lexicon.PERIODICAL_NOUNS` word       the last periodical named
                   (``the paper``, ``the journal``)                (within the window)
``document_writer`` ``it`` after a document someone wrote         its writer (no organisation
                   (``the report, which Hale wrote``)              named between)
``it``             ``it`` (``“...,” it wrote``)                    the last periodical or
                                                                   institution named (window)
``spokespeople``   a :data:`~.lexicon.SPOKESPEOPLE` word           the last organisation named
                   (``the officials``, ``the spokesman``)          with one (``Harbour Board
                                                                   officials``, ``a spokesman for
                                                                   the Harbour Board``; whole text)
``it_described``   ``it`` after ``the company``, ``the board``     the organisation whose name
                                                                   ends in that noun (whole text)
``role``           any other word (``the mayor``, ``the            the last person named with
                   Secretary``)                                    that role (whole text before)
``short_form``     any other word (``the commission``)             the last organisation whose
                                                                   name ends in it (whole text)
=================  ==============================================  ======================

:meth:`Referents.full_name` gives an organisation or periodical named by
one word (``the Ledger``) its full name from the last longer mention that
ends in that word (``the Ashby Evening Ledger``); :meth:`Referents.resolve`
reads a one-word name that no organisation ends in as a role (``said the
Secretary`` after ``Treasury Secretary Hugo Lind``).

:meth:`Referents.full_name` also reads the word before ``of`` (``the
Bureau`` for ``the Bureau of Fisheries``). :meth:`Referents.person_name`
completes a person named by a first name alone (``Louisa``) from the one
longer name in the text that starts with it (``Louisa Hart``), unless the
word is also a surname there.

:meth:`Referents.label` gives the speaker label (:func:`~.names.speaker_label`,
``Mr. OSGOOD.``) of the transcript turn an offset is in: the last label at a
line start before it.

Every mention list is built in one pass over the text and asked by
bisection, so the pass is linear (n log n) whatever the input; a run of
more than :data:`MAX_NAME_WORDS` capitalized words is no name.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Callable

from .cues import word_pattern
from .lexicon import (
    GENDERED_HONORIFICS, HONORIFICS, INSTITUTION_WORDS, PERIODICAL_NOUNS, ROLE_ABBREVIATIONS, SOURCE_DOCUMENTS, SPEECH_NOUNS,
    SPOKESPEOPLE, WRITING_VERBS,
)
from .names import NAME_RUN, ORG_RUN, clean_name, name_kind, name_runs, speaker_label, surname

__all__ = ["Referents", "ReferentRule", "REFERENT_RULES", "MAX_NAME_WORDS", "READ_BACK", "CORPORATE_WORDS", "SPOKESPEOPLE_REACH",
           "WRITER_REACH"]

#: A run of capitalized words longer than this is not read as a name with a role.
MAX_NAME_WORDS = 6
#: A description is resolved from at most this many mentions of its kind before it.
READ_BACK = 64
_THE_ORG = re.compile(rf"[Tt](?<![\w\u2019'][Tt])he\s+({ORG_RUN.pattern})")  # the letter first: a fast scan
_ROLE_BEFORE = re.compile(r"(?<![\w\u2019'\-])([a-z]+),?\s+$")
_HONORIFIC_WORDS = frozenset(HONORIFICS)
_LINE_START = re.compile(r"(?:^|\n)[ \t]*")
_HEAD = re.compile(r"([A-Z]\w+) (?:of|for) ")
#: The noun a company abbreviation stands for (lower case, without its full stop): ``the company`` is the Co.
CORPORATE_WORDS: dict[str, str] = {"co": "company", "corp": "corporation", "bros": "brothers"}
# an honorific (its letter first: a fast scan), then up to three capitalized words
_GENDERED = re.compile(rf"({word_pattern(tuple(GENDERED_HONORIFICS)).pattern})[ \t\n]+"
                       r"((?:[A-Z][a-z\u00df-\u00ff][\w\u2019'\-]*[ \t\n]+){0,2}[A-Z][a-z\u00df-\u00ff][\w\u2019\-]*)")
#: An ``it`` is read as a document written by someone at most this many characters after the document.
WRITER_REACH = 400
_DOCUMENT_NOUN = word_pattern(tuple(sorted(SOURCE_DOCUMENTS | SPEECH_NOUNS)))
# after a document noun: ", which Hale wrote" / " that Hale had drafted" / " written by Hale"
_WRITTEN = re.compile(
    rf",?[ \t\n]+(?:(?:which|that)[ \t\n]+({NAME_RUN.pattern})[ \t\n]+(?:had[ \t\n]+)?(?:{'|'.join(WRITING_VERBS)})\b"
    rf"|(?:{'|'.join(WRITING_VERBS)}|written|drawn[ \t\n]+up)[ \t\n]+by[ \t\n]+({NAME_RUN.pattern}))")
_THE_NOUN = re.compile(r"[Tt](?<![\w\u2019'][Tt])he[ \t\n]+([a-z]+)\b")
_SPOKESPEOPLE = word_pattern(tuple(sorted(SPOKESPEOPLE)))
_SPOKESPEOPLE_FOR = re.compile(rf"[ \t\n]+(?:of|for|at)[ \t\n]+the[ \t\n]+({ORG_RUN.pattern})")
#: How far before a spokesperson word the organisation's name is read (``Harbour Board officials``).
SPOKESPEOPLE_REACH = 60


class _Mentions:
    """(offset, name, kind) mentions in text order, asked for the last one before an offset."""

    def __init__(self):
        self.pos: list[int] = []
        self.items: list[tuple[str, str]] = []

    def add(self, pos: int, name: str, kind: str) -> None:
        self.pos.append(pos)
        self.items.append((name, kind))

    def last(self, lo: int, hi: int, keep: Callable[[str, str], bool] = lambda n, k: True) -> tuple[int, str, str] | None:
        """(offset, name, kind) of the last mention in ``[lo, hi)`` that *keep* accepts, read back from *hi*
        over at most :data:`READ_BACK` mentions."""
        i = bisect.bisect_left(self.pos, hi) - 1
        for j in range(i, max(-1, i - READ_BACK), -1):
            if self.pos[j] < lo:
                break
            if keep(*self.items[j]):
                return (self.pos[j], *self.items[j])
        return None


class Referents:
    """The mentions of one masked text that descriptions stand for (see the module docs).

    Parameters
    ----------
    masked : str
        The text with quotations and citations masked.
    names : str, optional
        The text with only the quotations masked, where full person names
        are read (notes and references name people too); default *masked*.
    raw : str, optional
        The text itself, where the genders of names are read from their
        honorifics (``“Mrs. Hale is right,” he said`` says Hale is a woman);
        default *names*.
    """

    def __init__(self, masked: str, names: str | None = None, raw: str | None = None):
        self._masked = masked
        self._names = masked if names is None else names
        self._raw = self._names if raw is None else raw
        # Each index below is read from the text on first use: a text whose tags never need one
        # (no description, no first name alone, no transcript label) does not pay for it.

    @cached_property
    def orgs(self) -> _Mentions:
        """Every organisation or periodical after "the" (with :attr:`by_last` and :attr:`by_head`)."""
        orgs, by_last, by_head = _Mentions(), {}, {}
        for m in _THE_ORG.finditer(self._masked):
            name = " ".join(m.group(1).split())
            kind = name_kind(name, True)
            orgs.add(m.start(1), name, kind)
            last = name.split()[-1].lower()
            by_last.setdefault(last, _Mentions()).add(m.start(1), name, kind)
            if last.rstrip(".") in CORPORATE_WORDS:  # "the company" for "the Cedar Run Power Co."
                by_last.setdefault(CORPORATE_WORDS[last.rstrip(".")], _Mentions()).add(m.start(1), name, kind)
            head = _HEAD.match(name)
            if head:  # "the Bureau" for "the Bureau of Fisheries"
                by_head.setdefault(head.group(1).lower(), _Mentions()).add(m.start(1), name, kind)
        self.by_last, self.by_head = by_last, by_head
        return orgs

    @cached_property
    def by_last(self) -> dict[str, _Mentions]:
        """Organisations by the last word of their name (and a company abbreviation's noun, :data:`CORPORATE_WORDS`)."""
        self.orgs
        return self.__dict__["by_last"]

    @cached_property
    def by_head(self) -> dict[str, _Mentions]:
        """Organisations by the word before "of" (``Bureau of Fisheries``)."""
        self.orgs
        return self.__dict__["by_head"]

    @cached_property
    def roles(self) -> dict[str, _Mentions]:
        """Names by the role word written before or in them (``the Secretary``, ``Sen.``)."""
        self.__dict__["roles"] = {}
        for m in name_runs(self._masked):
            self._read_run(self._masked, m)
        return self.__dict__["roles"]

    @cached_property
    def given(self) -> dict[str, set[str]]:
        """Person names of two or three words by their first word (with :attr:`surnames`, their last words)."""
        self.__dict__["given"], self.__dict__["surnames"] = {}, set()
        for m in name_runs(self._names):
            self._read_person(m)
        return self.__dict__["given"]

    @cached_property
    def surnames(self) -> set[str]:
        """The last words of the names in :attr:`given`."""
        self.given
        return self.__dict__["surnames"]

    @cached_property
    def spokespeople(self) -> _Mentions:
        """Organisations named with the people who speak for them (``Harbour Board officials``,
        ``a spokesman for the Harbour Board``), at the spokesperson word."""
        out, masked = _Mentions(), self._masked
        for m in _SPOKESPEOPLE.finditer(masked):
            after = _SPOKESPEOPLE_FOR.match(masked, m.end())
            if after:
                name = " ".join(after.group(1).split())
                out.add(m.start(), name, "organisation")
                continue
            lo = max(0, m.start() - SPOKESPEOPLE_REACH)
            run = None
            for r in name_runs(masked, lo, m.start()):  # the run that ends right before the word
                run = r
            if run is not None and not masked[run.end() : m.start()].strip() and (run.start() > lo or lo == 0):
                name = clean_name(run.group())
                if name:
                    out.add(m.start(), name, "organisation")
        return out

    @cached_property
    def runs(self) -> tuple[list[int], list[int], list[str]]:
        """Every name run of the masked text (:func:`~.names.name_runs`): starts, ends and texts."""
        starts, ends, texts = [], [], []
        for m in name_runs(self._masked):
            starts.append(m.start())
            ends.append(m.end())
            texts.append(m.group())
        return starts, ends, texts

    def runs_before(self, lo: int, hi: int):
        """``(start, end, text)`` of the name runs starting in ``[lo, hi)``, last first, at most
        :data:`READ_BACK` of them."""
        starts, ends, texts = self.runs
        i = bisect.bisect_left(starts, hi) - 1
        for j in range(i, max(-1, i - READ_BACK), -1):
            if starts[j] < lo:
                return
            yield starts[j], ends[j], texts[j]

    @cached_property
    def genders(self) -> dict[str, str]:
        """Surname → ``he`` or ``she``, from the honorifics written before it anywhere in the text
        (:data:`~.lexicon.GENDERED_HONORIFICS`); a surname written with both is left out."""
        seen: dict[str, set[str]] = {}
        for m in _GENDERED.finditer(self._raw):
            seen.setdefault(surname(m.group(2)) or "", set()).add(GENDERED_HONORIFICS[m.group(1)])
        return {k: next(iter(v)) for k, v in seen.items() if k and len(v) == 1}

    def gender(self, name: str | None) -> str | None:
        """``he``, ``she`` or None: the gender the text gives *name*'s surname (:attr:`genders`)."""
        return self.genders.get(surname(name) or "") if name else None

    @cached_property
    def labels(self) -> _Mentions:
        """Transcript speaker labels at line starts (``Mr. OSGOOD.``)."""
        labels, masked = _Mentions(), self._masked
        for m in _LINE_START.finditer(masked):
            label = speaker_label(masked, m.end(), min(len(masked), m.end() + 80))
            if label:
                labels.add(m.end(), label, "person")
        return labels

    def _role(self, role: str, pos: int, name: str, kind: str = "person") -> None:
        self.roles.setdefault(role, _Mentions()).add(pos, name, kind)

    def _read_run(self, masked: str, m: re.Match) -> None:
        words = m.group().split()
        if len(words) > MAX_NAME_WORDS:
            return
        name = clean_name(m.group())
        if not name:
            return
        pos = m.start()
        head = words[0].rstrip(".")
        if head in ROLE_ABBREVIATIONS and words[0].endswith("."):
            self._role(ROLE_ABBREVIATIONS[head], pos, " ".join(words[1:]))
        for i, w in enumerate(words[:-1]):
            if w.rstrip(".") not in _HONORIFIC_WORDS and w[:1].isupper():
                self._role(w.lower(), pos, " ".join(words[i + 1:]))
        before = _ROLE_BEFORE.search(masked, max(0, pos - 20), pos)
        if before:
            role = before.group(1)
            self._role(role, pos, name, "periodical" if role in PERIODICAL_NOUNS else name_kind(name))

    def _read_person(self, m: re.Match) -> None:
        name = clean_name(m.group()) if len(m.group().split()) <= MAX_NAME_WORDS else None
        person = [w for w in name.split() if w.rstrip(".") not in _HONORIFIC_WORDS] if name else []
        if 2 <= len(person) <= 3 and name_kind(name) == "person":
            self.given.setdefault(person[0], set()).add(" ".join(person))
            self.surnames.add(person[-1])

    def label(self, pos: int, lo: int) -> str | None:
        """The speaker label of the transcript turn *pos* is in: the last one in ``[lo, pos]``."""
        hit = self.labels.last(lo, pos + 1)
        return hit[1] if hit else None

    def full_name(self, name: str, pos: int) -> str:
        """*name* (an organisation or periodical), or the full name of its last longer mention before *pos*."""
        if " " in name:
            return name
        for index in (self.by_last, self.by_head):
            found = index.get(name.lower())
            hit = found.last(0, pos, lambda n, k: " " in n) if found else None
            if hit:
                return hit[1]
        return name

    def person_name(self, name: str) -> str:
        """A person named by one word that is the first word of exactly one longer name in the text
        and no name's last word (``Louisa`` → ``Louisa Hart``), that longer name; else *name*."""
        if " " in name or name in self.surnames:
            return name
        full = self.given.get(name, ())
        return next(iter(full)) if len(full) == 1 else name

    def introduced_as_periodical(self, name: str, pos: int) -> bool:
        """*name* was named before *pos* after a :data:`~.lexicon.PERIODICAL_NOUNS` word (``Our own
        paper, De Stem,``; ``the weekly Voorwaarts``): a periodical wherever the text names it, though its
        words look like a person's."""
        roles = self.roles
        return any(roles[w].last(0, pos, lambda n, k: n == name) is not None for w in PERIODICAL_NOUNS if w in roles)

    @cached_property
    def by_first(self) -> dict[str, _Mentions]:
        """Organisations after "the" by their first word, read in the text itself (quotations too: ``“...
        nobody has told the Interior Department”`` names the department an ``Interior spokesman`` speaks for)."""
        out: dict[str, _Mentions] = {}
        for m in _THE_ORG.finditer(self._raw):
            name = " ".join(m.group(1).split())
            if " " in name:
                out.setdefault(name.split()[0].lower(), _Mentions()).add(m.start(1), name, name_kind(name, True))
        return out

    def spoken_for(self, name: str, pos: int) -> tuple[str, str]:
        """(name, kind) of the organisation its spokespeople name (``Interior officials``): its full name
        (:meth:`full_name`, else the last longer name before *pos* that starts with a one-word *name*),
        never a person with that role."""
        full = self.full_name(name, pos)
        if full == name and " " not in name:
            found = self.by_first.get(name.lower())
            hit = found.last(0, pos) if found else None
            if hit:
                return hit[1], hit[2]
        return full, "organisation"

    def resolve(self, name: str, kind: str, pos: int) -> tuple[str, str]:
        """(name, kind) of an organisation or periodical cue: its full name (:meth:`full_name`), or, for one
        word that no longer name ends in, the person with that role (``said the Secretary``)."""
        full = self.full_name(name, pos)
        if full == name and " " not in name:
            hit = _role(self, name.lower(), pos, 0)
            if hit is not None:
                return hit[1], hit[2]
        return full, kind

    def describe(self, description: str, pos: int, lo: int) -> tuple[str, str, str] | None:
        """(name, kind, rule) that *description* at *pos* stands for, or None (*lo*: start of the near window)."""
        for rule in REFERENT_RULES:
            if rule.applies(description):
                hit = rule.find(self, description, pos, lo)
                if hit is not None:
                    _, name, kind = hit
                    if kind != "person":
                        name = self.full_name(name, pos)
                    return name, kind, rule.name
        return None


Hit = tuple  # (offset, name, kind)


def _latest(hits: list[Hit | None]) -> Hit | None:
    """The hit mentioned last."""
    return max((h for h in hits if h is not None), default=None, key=lambda h: h[0])


def _periodical(r: Referents, d: str, pos: int, lo: int) -> Hit | None:
    hits = [r.orgs.last(lo, pos, lambda n, k: k == "periodical")]
    hits += [r.roles[w].last(lo, pos) for w in PERIODICAL_NOUNS if w in r.roles]
    return _latest(hits)


def _document_writer(r: Referents, d: str, pos: int, lo: int) -> Hit | None:
    """The writer of the last document named before an ``it`` (``the report, which Hale wrote``, ``a letter
    written by Hale``), within :data:`WRITER_REACH` characters and with no organisation named between."""
    masked = r._masked
    a = max(lo, pos - WRITER_REACH)
    last = None
    for m in _DOCUMENT_NOUN.finditer(masked, a, pos):
        w = _WRITTEN.match(masked, m.end(), pos)
        if w:
            last = w
    if last is None:
        return None
    name = clean_name(last.group(1) or last.group(2))
    if not name or name_kind(name) != "person" or r.orgs.last(last.end(), pos) is not None:
        return None
    return (last.start(1) if last.group(1) else last.start(2), name, "person")


def _it_described(r: Referents, d: str, pos: int, lo: int) -> Hit | None:
    """The organisation an ``it`` stands for through the last ``the NOUN`` before it (within
    :data:`WRITER_REACH`) whose noun ends an organisation's name (``the company ... it posted``)."""
    masked = r._masked
    last = None
    for m in _THE_NOUN.finditer(masked, max(lo, pos - WRITER_REACH), pos):
        if m.group(1) in r.by_last:
            last = m
    return _short_form(r, last.group(1), pos, lo) if last is not None else None


def _it(r: Referents, d: str, pos: int, lo: int) -> Hit | None:
    inst = r.orgs.last(lo, pos, lambda n, k: k == "periodical" or any(w in INSTITUTION_WORDS for w in n.split()))
    return _latest([inst, _periodical(r, d, pos, lo)])


def _short_form(r: Referents, d: str, pos: int, lo: int) -> Hit | None:
    found = r.by_last.get(d)
    return found.last(0, pos) if found else None


def _spokespeople(r: Referents, d: str, pos: int, lo: int) -> Hit | None:
    return r.spokespeople.last(0, pos)


def _role(r: Referents, d: str, pos: int, lo: int) -> Hit | None:
    found = r.roles.get(d)
    return found.last(0, pos, lambda n, k: k == "person") if found else None


@dataclass(frozen=True)
class ReferentRule:
    """One row of :data:`REFERENT_RULES`."""

    name: str
    applies: Callable[[str], bool]  # to the description (lower case)
    find: Callable[[Referents, str, int, int], tuple | None]  # (offset, name, kind)
    description: str
    examples: tuple[tuple[str, str], ...] = ()  # (text, speaker surname or full name) the rule must give
    counter_examples: tuple[str, ...] = ()  # texts whose tag this rule must not resolve


#: The rules that resolve a description, in order (see the module docs).
REFERENT_RULES: tuple[ReferentRule, ...] = (
    ReferentRule(
        "periodical", lambda d: d in PERIODICAL_NOUNS, _periodical,
        "the paper, the journal: the last periodical named nearby",
        (("The Dunmore Gazette had no doubts. \u201cThe bridge is a folly,\u201d the paper declared.", "Dunmore Gazette"),),
        ("Mr. Hale spoke first. \u201cThe bridge is a folly,\u201d the paper declared.",),
    ),
    ReferentRule(
        "document_writer", lambda d: d == "it", _document_writer,
        "it, after a document someone is said to have written: its writer",
        (("Her first report, which Ada Quill wrote in one evening, is short and angry. \u201cThe wards "
          "are filthy,\u201d it begins, \u201cand the board knows it.\u201d", "Quill"),
         ("The Fenwick Herald printed a letter written by Tobias Ord. \u201cThe mill will close,\u201d it said, "
          "\u201cand soon.\u201d", "Ord")),
        ("A letter came in May, which nobody answered. \u201cThe mill will close,\u201d it said, \u201cand soon.\u201d",),
    ),
    ReferentRule(
        "it", lambda d: d == "it", _it,
        "it: the last periodical or institution named nearby",
        (("The Fenwick Herald disagreed. \u201cThe mill will close,\u201d it wrote, \u201cand soon.\u201d", "Fenwick Herald"),),
        ("Nobody answered. \u201cThe mill will close,\u201d it wrote, \u201cand soon.\u201d",),
    ),
    ReferentRule(
        "it_described", lambda d: d == "it", _it_described,
        "it, after the company, the board...: the organisation whose name ends in that noun",
        (("The Ashby Gas Company raised its prices in 1901.\n\nThe workers struck, and the company hired others. "
          "In May it posted a notice at the works: \u201cNo striker will be taken back.\u201d", "Ashby Gas Company"),),
        ("The workers struck, and the company hired others. In May it posted a notice at the works: "
         "\u201cNo striker will be taken back.\u201d",),
    ),
    ReferentRule(
        "spokespeople", lambda d: d in SPOKESPEOPLE, _spokespeople,
        "the officials, the spokesman: the last organisation named with its spokespeople",
        (("Harbour Board officials met the press on Monday. The officials said the pier would stay \u201cclosed until "
          "further notice.\u201d", "Harbour Board"),
         ("A spokesman for the Fenwick Water Company was brief. \u201cThe pipes are sound,\u201d the spokesman said.",
          "Fenwick Water Company")),
        ("The pier was old. The officials said the pier would stay \u201cclosed until further notice.\u201d",),
    ),
    ReferentRule(
        "role", lambda d: True, _role,
        "the mayor, the Secretary: the last person named with that role",
        (("Mayor Ruth Oakley opened the fair. \u201cWe have waited long enough,\u201d the mayor said.", "Oakley"),
         ("The treasurer, Mr. Pim, was gloomy. \u201cThe funds are gone,\u201d the treasurer wrote.", "Pim"),
         ("Sen. Ada Crowe rose. \u201cNot one cent,\u201d averred the senator.", "Crowe")),
        ("The treasurer resigned. \u201cThe funds are gone,\u201d the treasurer wrote.",),
    ),
    ReferentRule(
        "short_form", lambda d: True, _short_form,
        "the commission, the board: the last organisation whose name ends in the noun",
        (("The Harbour Commission met in May. In its report the commission said the pier was \u201cbeyond repair.\u201d",
          "Harbour Commission"),),
        ("The pier was old. In its report the commission said the pier was \u201cbeyond repair.\u201d",),
    ),
)
