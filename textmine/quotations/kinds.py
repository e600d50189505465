"""Kinds: whether a quotation is someone's words, a term or a title, as a table of rules.

:data:`KIND_RULES` is read in order; the first rule whose test holds
decides the kind (``q.kind``) and names itself (``q.kind_rule``). A rule's
test reads the quotation's *features* (:class:`Features`: its words, what
precedes it, whether it has a source), each computed only when a test asks.
Every rule carries examples that the tests run through
:func:`textmine.quotations.find_quotations`: the quotation in ``“...”`` of
each ``examples`` text must get the rule's kind by that rule, and that of
each ``counter_examples`` text must not be decided by it.

:func:`apply_echoes` is the one rule that needs the speakers: a term that
repeats the words of a neighbouring source quotation is that source's
quotation too (rule ``echo``), and so it runs after the speakers pass.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Callable

from .cues import ASCII_WORD
from .lexicon import DETERMINERS, FUNCTION_WORDS, SPEECH_VERBS, TITLE_CUES, TITLE_NOUNS
from .record import Quotation

__all__ = ["KindRule", "KIND_RULES", "Features", "LastWords", "classify_kinds", "apply_echoes", "WORD"]

#: A word of a quotation (letters or digits, with inner apostrophes and hyphens).
WORD = re.compile(r"[^\W_]+(?:[\u2019'\-][^\W_]+)*")
#: A quotation inside a citation with at least this many words is a quoted passage, not a title.
CITED_TITLE_WORDS = 25
#: The speech verb of ``said, “...”`` is among this many words before the comma.
COMMA_VERB_WORDS = 4
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


class LastWords:
    """The last :data:`COMMA_VERB_WORDS` ASCII words of ``masked[lo:e]``, for *e* asked in increasing order.

    Only the text since the previous question is read; the words before it
    are those kept from the previous answer (a quotation's start is masked,
    so no word runs across it).
    """

    def __init__(self, masked: str):
        self.masked = masked
        self.e = self.lo = 0
        self.words: list[tuple[int, int]] = []

    def get(self, lo: int, e: int) -> list[str]:
        masked, k, a = self.masked, COMMA_VERB_WORDS, self.e
        across = lo < a < len(masked) and masked[a - 1] in _ASCII_LETTERS and masked[a] in _ASCII_LETTERS
        reuse = self.lo <= lo <= a <= e and not across
        words = [(m.start(), m.end()) for m in ASCII_WORD.finditer(masked, a if reuse else lo, e)][-k:]
        if reuse and len(words) < k:
            words = ([(max(s, lo), t) for s, t in self.words if t > lo] + words)[-k:]
        self.e, self.lo, self.words = e, lo, words
        return [masked[s:t] for s, t in words]


class Features:
    """What the kind rules read about one quotation (the costlier ones computed when first asked).

    Parameters
    ----------
    q : Quotation
    grouped : bool
        The quotation is part of a group of two or more.
    min_words : int
        See :func:`textmine.quotations.find_quotations`.
    last_words : callable
        ``last_words(lo, e)``: the last ASCII words of the masked text in ``[lo, e)``.
    cued : callable, optional
        ``cued(q)``: a speech cue precedes *q* in its sentence (see :attr:`cued`).

    Attributes
    ----------
    sentence_like : bool
        Three or more words, or a capital first word.
    introduced : bool
        After ``:`` and sentence-like, or a block quotation.
    sourced : bool
        A citation, a speech tag, or another part of its group.
    in_authors_sentence : bool
        Neither introduced nor sourced: part of the author's own sentence.
    """

    __slots__ = ("q", "grouped", "min_words", "_last_words", "_cued", "words", "_it", "_title_case",
                 "sentence_like", "introduced", "sourced", "in_authors_sentence")

    def __init__(self, q: Quotation, grouped: bool, min_words: int, last_words: Callable[[int, int], list[str]],
                 cued: Callable[[Quotation], bool] | None = None):
        self.q, self.grouped, self.min_words, self._last_words, self._cued = q, grouped, min_words, last_words, cued
        self.words: list[str] = []
        self._it = WORD.finditer(q.text)  # read only as far as the rules ask
        self._title_case: bool | None = None
        words = self.read(3)
        self.sentence_like = len(words) >= 3 or bool(words and words[0][0].isupper())
        self.introduced = (q.after_colon and self.sentence_like) or q.block
        self.sourced = q.citation is not None or q.tag is not None or grouped
        self.in_authors_sentence = not self.introduced and not self.sourced

    def read(self, k: int) -> list[str]:
        """The first *k* words (or all), read only as far as needed: a long quotation is decided by its first few."""
        if len(self.words) < k:
            for m in self._it:
                self.words.append(m.group())
                if len(self.words) >= k:
                    break
        return self.words

    @property
    def title_case(self) -> bool:
        """Four or more words, every word but function words capitalized, two or more content words."""
        if self._title_case is None:
            self._title_case = self._read_title_case()
        return self._title_case

    def _read_title_case(self) -> bool:
        words = self.read(3)
        if not (words and words[0][0].isupper()):
            return False
        title = all(w[0].isupper() for w in words if w.lower() not in FUNCTION_WORDS)
        while title:  # read on until a word is not in Title Case
            n = len(words)
            words = self.read(n + 1)
            if len(words) == n:
                break
            w = words[-1]
            title = w[0].isupper() or w.lower() in FUNCTION_WORDS
        return title and len(words) >= 4 and sum(1 for w in words if w.lower() not in FUNCTION_WORDS) >= 2

    @property
    def speech_verb_before_comma(self) -> bool:
        """After ``,`` with a speech verb among the :data:`COMMA_VERB_WORDS` words before it."""
        q = self.q
        return q.after_comma and any(w.lower() in SPEECH_VERBS for w in self._last_words(q.prefix_start, q.start))

    @property
    def cued(self) -> bool:
        """A speech cue precedes it in its sentence (``Hale said the plan was “...”``)."""
        return self._cued is not None and self._cued(self.q)

    @property
    def capitalized(self) -> bool:
        """The first word begins with a capital or a digit (a title does; a scare-quoted phrase mostly not)."""
        words = self.read(1)
        return bool(words) and (words[0][0].isupper() or words[0][0].isdigit())

    @property
    def long_quotation(self) -> bool:
        """At least :data:`CITED_TITLE_WORDS` words: too long for a title quoted in a citation."""
        return len(self.read(CITED_TITLE_WORDS)) >= CITED_TITLE_WORDS

    @property
    def long(self) -> bool:
        """At least ``min_words`` words."""
        return len(self.read(self.min_words)) >= self.min_words


@dataclass(frozen=True)
class KindRule:
    """One row of :data:`KIND_RULES`."""

    name: str
    kind: str  # "quotation", "term" or "title"
    test: Callable[[Features], bool]
    description: str
    examples: tuple[str, ...] = ()  # the quotation of each must get *kind* by this rule
    counter_examples: tuple[str, ...] = ()  # the quotation of each must not be decided by this rule


#: The kind rules, first match wins (see the module docs of :mod:`textmine.quotations`).
KIND_RULES: tuple[KindRule, ...] = (
    KindRule(
        "in_citation", "title", lambda f: f.q.in_citation and f.capitalized and not f.q.after_colon and not f.long_quotation,
        "inside a citation (a note, a reference entry), capitalized, not after a colon, under 25 words: an article's title",
        ("The rains failed.[1]\n\nNotes\n\n1. Ann Lowe, \u201cThe Dry Years,\u201d Prairie Quarterly 3 (1950): 4.",
         "The rains failed.[1] The wells went dry.[2]\n\nNotes\n\n1. Ann Lowe, Farm Life (Ames: Dale, 1950), 4."
         "\n\n2. Lowe, \u201cDry Years,\u201d 12."),
        ("The rains failed.[1]\n\nNotes\n\n1. Lowe wrote to her son: \u201cThe well is dry.\u201d Lowe Papers, box 2.",
         "The rains failed.[1]\n\nNotes\n\n1. Lowe, Farm Life, 4, calls it the \u201clast straw\u201d for the county."),
    ),
    KindRule(
        "title_cue", "title", lambda f: f.in_authors_sentence and f.q.prev_word in TITLE_CUES,
        "in the author's sentence, after a title cue word (entitled, article, pamphlet, ...)",
        ("He then published a pamphlet entitled \u201cBetter Fewer\u201d in the spring.",
         "The editorial \u201cOur Tasks\u201d appeared in March."),
        ("The editorial said: \u201cOur Tasks are many and they grow.\u201d",),
    ),
    KindRule(
        "title_case", "title", lambda f: f.in_authors_sentence and f.title_case,
        "in the author's sentence, in Title Case with four or more words",
        ("Many read \u201cThe State and the Revolution\u201d that winter.",),
        ("Many spoke of the \u201cNew Economic Policy\u201d that winter.",),
    ),
    KindRule(
        "title_noun", "title",
        lambda f: f.q.prev_word in TITLE_NOUNS and f.capitalized and not f.introduced and f.q.tag is None
        and not f.grouped and not f.long_quotation,
        "right after a title noun (title, heading, headline, caption), capitalized, under 25 words, "
        "even when a note or citation documents it",
        ("The Gazette reprinted the piece under its old title, \u201cDust and Dollars.\u201d[4]\n\nNotes\n\n"
         "4. Fenwick Gazette, May 2, 1950.",
         "The paper ran the story under the headline \u201cNo Bread Today\u201d (Fenwick Gazette, May 2, 1950)."),
        ("The paper ran the story under the heading: \u201cNo bread will be sold in the town today.\u201d",
         "Its title was plain and its \u201cheading\u201d was worse."),
    ),
    KindRule(
        "sourced", "quotation", lambda f: f.sourced,
        "a citation, a speech tag, or a part of a group",
        ("\u201cPeace,\u201d Lenin said.", "The \u201cworld\u201d (Ibid., p. 5) was changing."),
    ),
    KindRule(
        "introduced", "quotation", lambda f: f.introduced,
        "after a colon and sentence-like (three words or a capital), or a block quotation",
        ("He put it plainly: \u201cWe must go on.\u201d", "He put it plainly: \u201cPeace.\u201d"),
        ("He asked for two words: \u201cpeace\u201d and \u201cbread\u201d.",),
    ),
    KindRule(
        "speech_verb_comma", "quotation", lambda f: f.speech_verb_before_comma,
        "after a comma that follows a speech verb (among the four words before it)",
        ("Then he said, \u201cno more\u201d and left.",),
        ("Then he left, \u201cno more\u201d and gone.",),
    ),
    KindRule(
        "cued", "quotation", lambda f: f.q.prev_word not in DETERMINERS and len(f.read(2)) >= 2 and f.cued,
        "after a speech verb whose subject is named (a person, a periodical, an organisation, a pronoun, I) "
        "or after an organisation's document (the company's rules), "
        "not right after an article or possessive (``called the book a “sea story”`` names a concept), "
        "two words or more (one quoted word stays a term)",
        ("Mr. Hale said the bridge was \u201cnot worth a penny\u201d that year.",
         "The Fenwick Herald called the plan \u201ca folly\u201d at once.",
         "According to the Ashby Ledger, the harbour was \u201csilting up beyond repair.\u201d",
         "A spokesman said only that the plan was \u201cunder review.\u201d",
         "The Ashby Gas Company was strict. The company\u2019s rules forbade \u201csmoking, singing and idling\u201d at the works."),
        ("Many people thought the bridge \u201cnot worth a penny\u201d that year.",
         "The bridge was called \u201ca folly\u201d at once.",
         "Mr. Hale called the bridge a \u201cwhite elephant\u201d that year.",
         "Mr. Hale said the policy of \u201cthrift\u201d had failed."),
    ),
    KindRule(
        "long", "quotation", lambda f: f.long,
        "at least min_words words (6 by default)",
        ("It was called \u201ca policy of peace with all the world\u201d at the time.",),
        ("It was called \u201ca policy of peace\u201d at the time.",),
    ),
    KindRule(
        "term", "term", lambda f: True,
        "otherwise: a short quoted word or phrase in the author's sentence (a scare quote, a named concept)",
        ("It was called \u201ca policy of peace\u201d at the time.",),
    ),
)


def classify_kinds(quotes: list[Quotation], masked: str, min_words: int, rules: tuple[KindRule, ...] = KIND_RULES,
                   cued: Callable[[Quotation], bool] | None = None) -> None:
    """The kinds pass: ``q.kind`` and ``q.kind_rule`` by the first rule of *rules* that holds.

    *cued(q)* says whether a speech cue precedes the quotation in its
    sentence (:func:`textmine.quotations.speakers.is_cued`; asked only when
    a rule reads it); without it no quotation is cued.
    """
    size = Counter(q.group for q in quotes)
    last_words = LastWords(masked).get
    tests = [(r.test, r.kind, r.name) for r in rules]
    for q in quotes:
        f = Features(q, size[q.group] > 1, min_words, last_words, cued)
        for test, kind, name in tests:
            if test(f):
                q.kind, q.kind_rule = kind, name
                break


def _neighbour_distance(q: Quotation, r: Quotation) -> int:
    """Paragraphs between *q*'s first paragraph and *r* (0 when *r* spans it)."""
    if r.para_start <= q.para_start <= r.para_end:
        return 0
    return min(abs(r.para_start - q.para_start), abs(r.para_end - q.para_start))


def apply_echoes(quotes: list[Quotation]) -> None:
    """Kind rule ``echo``: a term of two or more words found verbatim in the previous or next source quotation.

    The author borrows the source's own words: the term becomes a
    quotation with that source's speaker (``speaker_rule == "echo"``). The
    source must be a quotation within one paragraph of it.
    """
    for qi, q in enumerate(quotes):
        if q.kind != "term":
            continue
        phrase = [w.lower() for w in WORD.findall(q.text)]
        if len(phrase) < 2:
            continue
        pat = None
        for nb in (qi - 1, qi + 1):
            if not 0 <= nb < len(quotes):
                continue
            r = quotes[nb]
            if r.kind != "quotation" or _neighbour_distance(q, r) > 1:
                continue
            pat = pat or r"(?<![\w\u2019'])" + r"\W+".join(re.escape(w) for w in phrase) + r"(?![\w\u2019'])"
            if re.search(pat, r.text, re.I):
                q.kind, q.kind_rule = "quotation", "echo"
                q.speaker_name, q.speaker_rule = r.speaker_name, "echo" if r.speaker_name else None
                q.speaker_kind = r.speaker_kind if r.speaker_name else ""
                break
