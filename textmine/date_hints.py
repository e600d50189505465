"""Speed hints of a date rule, derived from its regular expression.

Internal to :mod:`textmine.date_engine`. A rule's pattern is parsed (the
standard library's ``re`` parser) and read, not run, to answer the questions
the windowed scanner asks:

* before the rule's **anchor** (its first digit, or its group of anchor words
  such as ``unit``): at most how many runs of ASCII letters (``words``),
  which other characters (``seps``), which letter words (``vocab``; None:
  any), one of which words every match contains (``req``, a gate), what the
  last character before the anchor can be (``last``);
* for a digit anchor: the possible lengths of the first run of digits in
  the text, the characters that can end it (``tail``), and whether a match
  always starts at the start of a run (``at_run``);
* the words of an anchor group (``anchor_words``).

Every answer is a *superset* (a larger window, a weaker gate): when a
construct is not understood the answer is "anything" (or the rule gets no
windows at all and is scanned plainly), never a wrong restriction.
``tests/test_date_rules.py`` checks the hints of every row against plain
``finditer`` on random text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

try:  # Python 3.11+
    from re import _compiler as _RC, _constants as C, _parser as P
except ImportError:  # pragma: no cover
    import sre_compile as _RC  # type: ignore[no-redef]
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse as P  # type: ignore[no-redef]

__all__ = ["Hints", "hints_for", "first_chars", "INF"]

#: "Unbounded" for word counts.
INF = 1 << 20
#: The most strings a literal piece of a pattern is expanded to (beyond: "any letters").
_MAX_LANGUAGE = 512
#: Digit runs longer than this are "long" (their exact length is not tracked).
_RUN_CAP = 8
_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)
_CATEGORIES = {
    C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_SPACE: r"\s",
    C.CATEGORY_NOT_SPACE: r"\S", C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W",
}
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


class _Unknown(Exception):
    """A construct the analysis does not read (the rule then gets no hint from it)."""


@dataclass(frozen=True)
class Hints:
    """What the windowed scanner may assume of a rule's matches (see the module docstring)."""

    anchored: bool  # False: scan the rule plainly
    words: int = INF
    seps: frozenset = frozenset()
    vocab: frozenset | None = None
    req: frozenset | None = None
    last: frozenset | None = None
    prefix_empty: bool = True  # the part before the anchor may be empty
    digit_first: bool = False  # no match has anything before its first digit
    lengths: frozenset | None = None  # digit anchor: the lengths of the first run of digits (None: any)
    tail: frozenset | None = None  # digit anchor: the characters that end that run (None: any)
    at_run: bool = False  # digit anchor: a match starts only where a run of digits starts
    anchor_words: frozenset | None = None  # word anchor: the anchor group's words (lower case)


# ---------------------------------------------------------------- character classes
def _esc(code: int) -> str:
    return re.escape(chr(code))


def _class_items(op, av) -> list[tuple]:
    """The items of a one-character node: ("lit", code) / ("range", a, b) / ("cat", category)."""
    if op is C.LITERAL:
        return [("lit", av)]
    if op is C.IN:
        out = []
        for o, a in av:
            if o is C.LITERAL:
                out.append(("lit", a))
            elif o is C.RANGE:
                out.append(("range", a[0], a[1]))
            elif o is C.CATEGORY and a in _CATEGORIES:
                out.append(("cat", a))
            else:  # NEGATE, RANGE_UNI_IGNORE, ...
                raise _Unknown
        return out
    raise _Unknown


def _item_fragment(item: tuple) -> str:
    if item[0] == "lit":
        return _esc(item[1])
    if item[0] == "range":
        return _esc(item[1]) + "-" + _esc(item[2])
    return _CATEGORIES[item[1]]


def _item_kinds(item: tuple) -> tuple[bool, bool, bool]:
    """(can be a digit, can be an ASCII letter, can be something else)."""
    if item[0] == "lit":
        c = chr(item[1])
        return c.isdecimal(), c in _ASCII_LETTERS, not (c.isdecimal() or c in _ASCII_LETTERS)
    if item[0] == "range":
        chars = [chr(k) for k in range(item[1], min(item[2], 0x2FF) + 1)]
        wide = item[2] > 0x2FF  # beyond: anything
        return (wide or any(c.isdecimal() for c in chars), wide or any(c in _ASCII_LETTERS for c in chars),
                wide or any(not c.isdecimal() and c not in _ASCII_LETTERS for c in chars))
    cat = item[1]
    digit = cat in (C.CATEGORY_DIGIT, C.CATEGORY_WORD, C.CATEGORY_NOT_SPACE)
    letter = cat in (C.CATEGORY_WORD, C.CATEGORY_NOT_SPACE, C.CATEGORY_NOT_DIGIT)
    return digit, letter, cat != C.CATEGORY_DIGIT


def _one_char(op, av) -> tuple[frozenset, bool, bool, bool]:
    """(fragments, can be a digit, can be an ASCII letter, can be another character)."""
    items = _class_items(op, av)
    kinds = [_item_kinds(i) for i in items]
    return (frozenset(_item_fragment(i) for i in items), any(k[0] for k in kinds), any(k[1] for k in kinds),
            any(k[2] for k in kinds))


# ---------------------------------------------------------------- literal languages
def _language(seq, flags: int) -> frozenset | None:
    """The strings of ASCII letters *seq* matches, when finitely many (None otherwise)."""
    out = frozenset([""])
    for op, av in seq:
        if op in _ZERO_WIDTH:
            continue
        part = _node_language(op, av, flags)
        if part is None:
            return None
        out = frozenset(a + b for a in out for b in part)
        if len(out) > _MAX_LANGUAGE:
            return None
    return out


def _letters_language(op, av) -> frozenset | None:
    """A one-character node made of ASCII letters: those letters."""
    try:
        items = _class_items(op, av)
    except _Unknown:
        return None
    if any(i[0] != "lit" or chr(i[1]) not in _ASCII_LETTERS for i in items):
        return None
    return frozenset(chr(i[1]) for i in items)


def _repeat_language(av, flags: int) -> frozenset | None:
    """A short repeat (at most three times) of a literal language."""
    lo, hi, sub = av
    base = _language(sub, flags)
    if base is None or hi > 3:
        return None
    out, layer = (frozenset([""]) if lo == 0 else frozenset()), frozenset([""])
    for k in range(1, hi + 1):
        layer = frozenset(a + b for a in layer for b in base)
        if k >= lo:
            out |= layer
    return out


def _node_language(op, av, flags: int) -> frozenset | None:
    if op in (C.LITERAL, C.IN):
        return _letters_language(op, av)
    if op is C.SUBPATTERN:
        _, add, dele, sub = av
        return None if add or dele else _language(sub, flags)
    if op is C.BRANCH:
        parts = [_language(alt, flags) for alt in av[1]]
        return None if None in parts else frozenset().union(*parts)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT):
        return _repeat_language(av, flags)
    return None


# ---------------------------------------------------------------- the part before the anchor
@dataclass(frozen=True)
class _Path:
    """A summary of a set of strings (the text of a match before its anchor)."""

    words: int = 0
    seps: frozenset = frozenset()
    vocab: frozenset | None = frozenset()
    req: frozenset | None = None
    empty: bool = True
    lead: bool = False  # every string starts with a letter
    tail: bool = False  # every string ends with a letter
    last: frozenset = frozenset()  # the last character of the non-empty strings


_EMPTY = _Path()
_ANY_LETTERS = _Path(words=INF, vocab=None, empty=True)


def _better(a: frozenset | None, b: frozenset | None) -> frozenset | None:
    """The more selective of two gates (longer shortest word, then fewer words)."""
    if a is None or b is None:
        return a if b is None else b
    return max((a, b), key=lambda s: (min(map(len, s)), -len(s)))


def _vocab(a: _Path, b: _Path) -> frozenset | None:
    return None if a.vocab is None or b.vocab is None else a.vocab | b.vocab


def _cat(a: _Path | None, b: _Path | None) -> _Path | None:
    if a is None or b is None:
        return None
    merge = 1 if a.tail and b.lead else 0
    return _Path(
        words=min(INF, a.words + b.words - merge), seps=a.seps | b.seps, vocab=_vocab(a, b),
        req=_better(a.req, b.req), empty=a.empty and b.empty,
        lead=a.lead or (a.empty and not a.last and b.lead), tail=b.tail or (b.empty and not b.last and a.tail),
        last=b.last if not b.empty else a.last | b.last,
    )


def _alt(a: _Path | None, b: _Path | None) -> _Path | None:
    if a is None or b is None:
        return a if b is None else b
    return _Path(
        words=max(a.words, b.words), seps=a.seps | b.seps, vocab=_vocab(a, b),
        req=None if a.req is None or b.req is None else a.req | b.req,
        empty=a.empty or b.empty, lead=a.lead and b.lead, tail=a.tail and b.tail, last=a.last | b.last,
    )


def _repeat(a: _Path | None, lo: int, hi: int) -> _Path | None:
    if a is None:
        return _EMPTY if lo == 0 else None
    if hi == 0:
        return _EMPTY
    if a.words == 0 or (a.words == 1 and a.lead and a.tail):
        words = a.words  # no letters, or one run that merges with itself ([A-Za-z]+)
    elif hi >= INF or hi is C.MAXREPEAT:
        words = INF
    else:
        words = min(INF, hi * a.words - (hi - 1) * (1 if a.lead and a.tail else 0))
    return replace(a, words=words, req=a.req if lo >= 1 else None, empty=a.empty or lo == 0,
                   lead=a.lead and lo >= 1, tail=a.tail and lo >= 1)


def _word(strings: frozenset, flags: int) -> _Path:
    """A piece of literal letters (one word of the pattern)."""
    full = frozenset(s for s in strings if s)
    empty = "" in strings
    req = None if empty or not full else frozenset(re.escape(s) for s in full)
    return _Path(words=1, vocab=frozenset(s.lower() for s in full), req=req, empty=empty,
                 lead=not empty, tail=not empty, last=frozenset(re.escape(s[-1]) for s in full))


class _Before:
    """The part of a pattern's matches before the anchor: ``(through, upto)`` for each node.

    *through* summarises the strings a node matches without meeting the
    anchor, *upto* the parts before the anchor of those that meet it (None:
    there are none).
    """

    def __init__(self, flags: int, anchor: str):
        self.flags, self.anchor = flags, anchor
        self.names: dict[int, str] = {}

    def seq(self, seq) -> tuple[_Path | None, _Path | None]:
        through, upto = _EMPTY, None
        pending: frozenset | None = None  # the letters of the word being read (a literal language)
        for op, av in list(seq) + [(None, None)]:
            if op is not None and op in _ZERO_WIDTH:
                continue
            lang = None if op is None or self._holds_anchor(op, av) else _node_language(op, av, self.flags)
            if lang is not None:
                pending = lang if pending is None else frozenset(a + b for a in pending for b in lang)
                if len(pending) > _MAX_LANGUAGE:
                    through, pending = _cat(through, _ANY_LETTERS), None
                continue
            if pending is not None:
                through, pending = _cat(through, _word(pending, self.flags)), None
            if op is None:
                break
            t, u = self.node(op, av)
            if u is not None and through is not None:
                upto = _alt(upto, _cat(through, u))
            through = _cat(through, t)
        return through, upto

    def _holds_anchor(self, op, av) -> bool:
        return op is C.SUBPATTERN and self.names.get(av[0], "").split("__")[0] == self.anchor

    def node(self, op, av) -> tuple[_Path | None, _Path | None]:
        if op in _ZERO_WIDTH:
            return _EMPTY, None
        if op in (C.LITERAL, C.IN, C.NOT_LITERAL, C.ANY):
            return self.char(op, av)
        if op is C.SUBPATTERN:
            if self._holds_anchor(op, av):
                return None, _EMPTY
            if av[1] or av[2]:
                raise _Unknown  # local flags
            return self.seq(av[3])
        if op is C.BRANCH:
            through = upto = None
            for alt in av[1]:
                t, u = self.seq(alt)
                through, upto = _alt(through, t), _alt(upto, u)
            return through, upto
        if op in (C.MAX_REPEAT, C.MIN_REPEAT):
            lo, hi, sub = av
            t, u = self.seq(sub)
            before = _repeat(t, 0, max(0, hi - 1)) if hi is not C.MAXREPEAT else _repeat(t, 0, INF)
            return _repeat(t, lo, hi), (None if u is None else _cat(before, u))
        raise _Unknown

    def char(self, op, av) -> tuple[_Path | None, _Path | None]:
        if op in (C.NOT_LITERAL, C.ANY):
            raise _Unknown
        frags, digit, letter, other = _one_char(op, av)
        if self.anchor == "digits" and digit:
            if letter or other:
                raise _Unknown  # may or may not be the first digit
            return None, _EMPTY
        if letter and not other:
            return _Path(words=1, vocab=None, empty=False, lead=True, tail=True, last=frags), None
        return _Path(words=1 if letter else 0, seps=frags, vocab=None if letter else frozenset(), empty=False,
                     last=frags), None


# ---------------------------------------------------------------- the first run of digits
class _Run:
    """The first run of digits of a match, by abstract interpretation over states.

    States: ``("pre", left)``: no digit yet, *left*: the character before is
    known not to be a digit; ``("in", n, left, right)``: *n* digits of the
    run read, *right*: the next character is known not to be a digit;
    ``("post", n, left, closer)``: the run ended (*closer*: the fragments of
    the character that ended it, or "" when an assertion did).
    """

    def __init__(self, flags: int):
        self.flags = flags

    def seq(self, seq, states: frozenset) -> frozenset:
        for op, av in seq:
            states = self.node(op, av, states)
        return states

    def node(self, op, av, states: frozenset) -> frozenset:
        if op in (C.LITERAL, C.IN):
            frags, digit, letter, other = _one_char(op, av)
            return frozenset(s2 for s in states for s2 in self.char(s, frags, digit, letter or other))
        if op is C.AT:
            return frozenset(self.at(s, av) for s in states)
        if op in (C.ASSERT, C.ASSERT_NOT):
            return frozenset(self.assertion(s, op, av) for s in states)
        if op is C.SUBPATTERN:
            return self.seq(av[3], states)
        if op is C.BRANCH:
            return frozenset().union(*(self.seq(alt, states) for alt in av[1]))
        if op in (C.MAX_REPEAT, C.MIN_REPEAT):
            return self.repeat(av, states)
        raise _Unknown

    def repeat(self, av, states: frozenset) -> frozenset:
        lo, hi, sub = av
        out = frozenset() if lo > 0 else states
        k, cur = 0, states
        while k < hi:
            nxt = self.seq(sub, cur)
            k += 1
            if k >= lo:
                if nxt <= out:
                    break
                out |= nxt
            cur = nxt
        return out

    @staticmethod
    def char(s: tuple, frags: frozenset, digit: bool, non_digit: bool):
        if s[0] == "pre":
            if digit:
                yield ("in", 1, s[1], False)
            if non_digit:
                yield ("pre", True)
        elif s[0] == "in":
            if digit and not s[3]:
                yield ("in", min(s[1] + 1, _RUN_CAP), s[2], False)
            if non_digit:
                yield ("post", s[1], s[2], frags)
        else:
            yield s

    @staticmethod
    def at(s: tuple, code) -> tuple:
        if s[0] == "pre" and code in (C.AT_BOUNDARY, C.AT_BEGINNING, C.AT_BEGINNING_STRING):
            return ("pre", True)
        if s[0] == "in" and code in (C.AT_BOUNDARY, C.AT_END, C.AT_END_STRING):
            return ("in", s[1], s[2], True)
        return s

    def assertion(self, s: tuple, op, av) -> tuple:
        direction, sub = av
        if op is not C.ASSERT_NOT or s[0] == "post":
            return s
        try:
            rx = _RC.compile(sub, self.flags)
        except Exception:  # noqa: BLE001 - a sub-pattern that does not compile alone says nothing
            return s
        every_digit = all(rx.match(d) for d in "0123456789")
        if every_digit and direction < 0 and s[0] == "pre":
            return ("pre", True)
        if every_digit and direction > 0 and s[0] == "in":
            return ("in", s[1], s[2], True)
        return s


def _run_hints(tree, flags: int) -> dict:
    """lengths, tail, at_run for a digit-anchored rule (see :class:`_Run`)."""
    ends = _Run(flags).seq(tree, frozenset([("pre", False)]))
    if any(s[0] == "pre" for s in ends):
        raise _Unknown  # a match without a digit
    closed = all(s[0] == "post" or s[3] for s in ends)  # the run ends inside the match
    lefts = all(s[2] for s in ends)
    lengths = frozenset(s[1] for s in ends)
    tail = None
    if all(s[0] == "post" and s[3] for s in ends):
        tail = frozenset().union(*(s[3] for s in ends))
    return {
        "lengths": lengths if closed and lefts and max(lengths) < _RUN_CAP else None,
        "tail": tail,
        "at_run": lefts,
    }


# ---------------------------------------------------------------- first characters (for seekers)
def first_chars(pattern: re.Pattern) -> tuple[str | None, bool]:
    """A regex matching (at least) every character a match of *pattern* can start with.

    Preceded by the zero-width assertions *pattern* starts with. None when
    that cannot be worked out or when the pattern can match the empty string.
    The flag tells whether those characters are all digits.
    """
    items: list[str] = []

    def nullable(seq) -> bool:
        """Add the first characters of *seq* to items; can *seq* match empty?"""
        for op, av in seq:
            if op in (C.LITERAL, C.IN):
                items.extend(_item_fragment(i) for i in _class_items(op, av))
                return False
            if op in _ZERO_WIDTH:
                continue
            if op is C.SUBPATTERN:
                if av[1] or av[2]:
                    raise _Unknown
                if not nullable(av[3]):
                    return False
            elif op is C.BRANCH:
                if not any([nullable(alt) for alt in av[1]]):
                    return False
            elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
                if not nullable(av[2]) and av[0] > 0:
                    return False
            else:
                raise _Unknown
        return True

    try:
        tree = P.parse(pattern.pattern, pattern.flags)
        if nullable(tree):
            return None, False
    except _Unknown:
        return None, False
    digits = all(it == r"\d" or re.fullmatch(r"[0-9](?:-[0-9])?", it) for it in items)
    return _leading_assertions(pattern, tree) + "[" + "".join(items) + "]", digits


def _leading_assertions(pattern: re.Pattern, tree) -> str:
    """The source of the zero-width assertions *pattern* starts with (``\\b``, lookbehinds), or ""."""
    n = 0
    while n < len(tree) and tree[n][0] in _ZERO_WIDTH:
        n += 1
    if n == 0:
        return ""
    want = repr(tree.data[:n])
    src = pattern.pattern
    for k in range(1, len(src) + 1):
        if src[k - 1] not in ")b":
            continue
        try:
            head = P.parse(src[:k], pattern.flags)
        except re.error:
            continue
        if repr(head.data) == want:
            return src[:k]
    return ""


# ---------------------------------------------------------------- all together
def _group_names(tree) -> dict[int, str]:
    return {v: k for k, v in tree.state.groupdict.items()}


def _anchor_words(tree, flags: int, anchor: str, names: dict[int, str]) -> frozenset | None:
    """The words of the groups named *anchor* (lower case), or None when they are not literal words."""
    words: set[str] = set()
    found, stack = False, list(tree)
    while stack:
        op, av = stack.pop()
        if op is C.SUBPATTERN and names.get(av[0], "").split("__")[0] == anchor:
            lang = _language(av[3], flags)
            if lang is None or "" in lang:
                return None
            found = True
            words |= {w.lower() for w in lang}
        elif op is C.SUBPATTERN:
            stack.extend(av[3])
        elif op is C.BRANCH:
            for alt in av[1]:
                stack.extend(alt)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
            stack.extend(av[2])
    return frozenset(words) if found else None


def hints_for(pattern: re.Pattern, anchor: str) -> Hints:
    """The :class:`Hints` of a compiled rule pattern whose anchor is ``"digits"`` or a group name."""
    try:
        tree = P.parse(pattern.pattern, pattern.flags)
        before = _Before(pattern.flags, anchor)
        before.names = _group_names(tree)
        through, upto = before.seq(tree)
        if through is not None or upto is None:
            return Hints(anchored=False)  # some match has no anchor
        extra = {}
        if anchor == "digits":
            extra = _run_hints(tree, pattern.flags)
        else:
            extra["anchor_words"] = _anchor_words(tree, pattern.flags, anchor, before.names)
            if extra["anchor_words"] is None:
                return Hints(anchored=False)
    except _Unknown:
        return Hints(anchored=False)
    seps = upto.seps
    if pattern.flags & re.IGNORECASE:  # letters that match ASCII letters when case is ignored
        seps = seps | {"\u0130", "\u0131", "\u017f", "\u212a"}
    return Hints(
        anchored=upto.words < INF, words=upto.words, seps=frozenset(seps), vocab=upto.vocab, req=upto.req,
        last=upto.last if not upto.empty else None, prefix_empty=upto.empty,
        digit_first=upto.words == 0 and not upto.seps and upto.empty and not upto.last, **extra,
    )
