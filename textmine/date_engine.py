"""The scan engine of :func:`textmine.find_dates`: one cascade over a rule table, two scanners.

Internal. :func:`compile_table` turns a table of :class:`~textmine.date_rules.DateRule`
rows into a :class:`Cascade` (the compiled patterns and the hints derived
from them, :mod:`textmine.date_hints`). :func:`scan` runs the cascade over a
region of text with a *scanner*, the object that finds each rule's matches:

* :class:`PlainScanner`: ``finditer`` of every rule over the region (the
  reference);
* :class:`WindowScanner`: the same matches, looking only in *windows* that
  hold every position where a match can start: near runs of digits for a
  digit-anchored rule (from at most ``words`` letter runs before them, of a
  run length the rule can have, passing its gate and tail), near anchor
  words for a word-anchored rule, at the first words of event aliases.

In a window one regex call (a "seeker": a lazy run over the window's
characters, then the pattern's possible first characters and the pattern
itself as lookaheads) finds the leftmost start. The pattern always sees the
text to the paragraph end, and a match consumes the text up to its end as in
``finditer``, so the matches are the same; the tests run every rule's
examples and random text through both scanners.

All paragraphs in one scan
--------------------------
Scanning paragraph by paragraph repeats the per-call work of every rule for
each of hundreds of paragraphs. Instead the rules run once over a copy of the
text in which every character outside the paragraphs is replaced by
:data:`BARRIER` (NUL). No rule's pattern (nor the lead of its seeker, nor an
alias) matches that character, so no match includes or crosses it, and every
lookahead and ``\\b`` treats it as the end of the string: the matches are those
of ``finditer(text, para_start, para_end)`` as long as (1) the paragraphs
neither overlap nor touch and (2) the character before each paragraph is
whitespace (:func:`barrier_layout`). Other paragraph frames take the scan per
paragraph.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from .date_hints import Hints, first_chars, hints_for
from .date_rules import COUNT_NOUNS, PAGE_ABBREVIATIONS, PAGE_WORDS, DateRule

__all__ = [
    "Cascade", "CompiledRule", "compile_table", "compile_pattern", "Merged", "PlainScanner", "WindowScanner",
    "WordSet", "low8", "scan", "Claims", "barrier_layout", "barrier_text", "BARRIER", "seek", "seek_digits",
    "seek_boundaries", "merge_windows",
]

#: The most letter runs before a first digit the shared look-back reads (a rule needing more is scanned plainly).
MAX_DIGIT_WORDS = 12
_LETTERS = "A-Za-z"
_WORD_CHARS = "0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ\u0130\u0131\u017f\u212a"


# ---------------------------------------------------------------- patterns
def compile_pattern(pattern: str, flags: int = 0) -> re.Pattern:
    """Compile *pattern*, renaming a group name's second, third... occurrence ``name__2``, ``name__3``."""
    seen: dict[str, int] = {}

    def rename(mo: re.Match) -> str:
        n = mo.group(1)
        seen[n] = seen.get(n, 0) + 1
        return f"(?P<{n}>" if seen[n] == 1 else f"(?P<{n}__{seen[n]}>"

    return re.compile(re.sub(r"\(\?P<(\w+)>", rename, pattern), flags)


class Merged:
    """Match wrapper: ``m["y"]`` gives the first non-empty of ``y``, ``y__2``, ``y__3``... (pattern order).

    A name the pattern does not have gives None. *names* maps each base name
    to its group names (:func:`group_aliases`).
    """

    __slots__ = ("m", "names")

    def __init__(self, m: re.Match, names: dict[str, tuple[str, ...]]):
        self.m, self.names = m, names

    def start(self) -> int:
        return self.m.start()

    def end(self) -> int:
        return self.m.end()

    def __getitem__(self, key: str):
        for name in self.names.get(key, ()):
            v = self.m.group(name)
            if v is not None:
                return v
        return None


class Named:
    """:class:`Merged` for a pattern whose group names are all different: ``m["y"]``, None for a name it lacks."""

    __slots__ = ("m",)

    def __init__(self, m: re.Match, names=None):
        self.m = m

    def start(self) -> int:
        return self.m.start()

    def end(self) -> int:
        return self.m.end()

    def __getitem__(self, key: str):
        try:
            return self.m[key]
        except IndexError:
            return None


def group_aliases(rx: re.Pattern) -> dict[str, tuple[str, ...]]:
    """Base group name -> its group names in pattern order (``y``, ``y__2``...), see :func:`compile_pattern`."""
    out: dict[str, list[tuple[int, str]]] = {}
    for name, index in rx.groupindex.items():
        out.setdefault(name.split("__")[0], []).append((index, name))
    return {k: tuple(n for _, n in sorted(v)) for k, v in out.items()}


# ---------------------------------------------------------------- the compiled table
@dataclass(frozen=True)
class CompiledRule:
    """A rule with its compiled pattern and what the windowed scanner needs of it."""

    rule: DateRule
    regex: re.Pattern
    hints: Hints
    windowed: bool  # the windowed scanner has windows for it (else: plain finditer)
    seeker: re.Pattern | None = None  # lead (lazy), the first characters and the pattern as lookaheads
    starts: re.Pattern | None = None  # a word-anchored rule starting with \b: the positions to try
    gate: re.Pattern | None = None  # one of these words is between the window start and the anchor
    tail: re.Pattern | None = None  # the character after the first run of digits
    back: re.Pattern | None = None  # word anchor: on reversed text, what may come before the anchor word
    groups: dict | None = None  # base group name -> group names (Merged)

    @property
    def view(self):
        """The match wrapper its reader gets: :class:`Named`, or :class:`Merged` when a name repeats."""
        return Merged if any(len(v) > 1 for v in (self.groups or {}).values()) else Named


@dataclass(frozen=True)
class Cascade:
    """A compiled rule table (:func:`compile_table`)."""

    rules: tuple[CompiledRule, ...]
    back_digits: re.Pattern  # on reversed text: the letter runs before a digit (group w<k>: up to the k-th)
    anchor_words: tuple[str, ...]  # the anchor words of the word-anchored rules (lower case)
    before_anchor: re.Pattern | None  # what the character before an anchor word can be
    digit_seps: str  # the class of the characters other than letters before a first digit

    def lookback(self) -> "Lookback":
        """:attr:`back_digits` for every run of digits at once (NumPy), see :class:`Lookback`."""
        return _lookback(self.digit_seps)


def _class(frags) -> str:
    return "[" + _LETTERS + "".join(sorted(frags)) + "]"


def _digit_rule(rule: DateRule, rx: re.Pattern, h: Hints, lead: str) -> CompiledRule:
    windowed = h.anchored and (h.digit_first or h.words <= MAX_DIGIT_WORDS)
    first = first_chars(rx)[0]
    seeker = None if first is None else re.compile(f"{lead}*?\\d*?(?={first})(?=(?:{rx.pattern}))", rx.flags)
    gate = None if h.req is None else re.compile("|".join(sorted(h.req, key=lambda w: (-len(w), w))), rx.flags)
    tail = None if h.tail is None else re.compile("[" + "".join(sorted(h.tail)) + "]", rx.flags)
    return CompiledRule(rule, rx, h, windowed and seeker is not None, seeker=seeker, gate=gate, tail=tail,
                        groups=group_aliases(rx))


def _word_rule(rule: DateRule, rx: re.Pattern, h: Hints) -> CompiledRule:
    first = first_chars(rx)[0]
    before = None if h.last is None else re.compile("[" + "".join(sorted(h.last)) + "]", rx.flags)
    anchorable = h.anchored and before is not None and not any(before.match(c) for c in _WORD_CHARS)
    if not anchorable or first is None:
        return CompiledRule(rule, rx, h, False, groups=group_aliases(rx))
    seps = "[" + "".join(sorted(h.seps)) + "]" if h.seps else "(?!)"
    bounded = f"{{0,{h.words}}}"
    if h.vocab is not None and first.startswith("\\b"):  # every letter run before the anchor is made of vocab words
        words = "|".join(sorted((w[::-1] for w in h.vocab), key=lambda w: (-len(w), w))) or "(?!)"
        back = f"(?:{seps}*(?:{words})+(?![{_LETTERS}])){bounded}{seps}*"
    else:
        back = f"(?:{seps}*[{_LETTERS}]+){bounded}{seps}*"
    starts = re.compile(f"(?={first})", rx.flags) if first.startswith("\\b") else None
    seeker = re.compile(f"{_class(h.seps)}*?(?={first})(?=(?:{rx.pattern}))", rx.flags)
    # the vocabulary is lower case (date_hints), so the look-back ignores case whatever the rule's flags
    return CompiledRule(rule, rx, h, True, seeker=seeker, starts=starts, back=re.compile(back, rx.flags | re.I),
                        groups=group_aliases(rx))


@functools.lru_cache(maxsize=8)
def compile_table(rules: tuple[DateRule, ...]) -> Cascade:
    """The :class:`Cascade` of a rule table (compiled once per table)."""
    compiled = [(r, compile_pattern(r.pattern, r.flags)) for r in rules]
    hints = [hints_for(rx, r.anchor) for r, rx in compiled]
    digit = [h for (r, _), h in zip(compiled, hints) if r.anchor == "digits" and h.anchored]
    lead = _class(frozenset().union(*(h.seps for h in digit)))  # the seekers' lead
    out, words, before = [], set(), []
    for (r, rx), h in zip(compiled, hints):
        c = _digit_rule(r, rx, h, lead) if r.anchor == "digits" else _word_rule(r, rx, h)
        if c.windowed and r.anchor != "digits":
            words |= h.anchor_words
            before.append(c.hints.last)
        out.append(c)
    k = max([c.hints.words for c in out if c.windowed and c.rule.anchor == "digits"], default=0)
    seps = _seps_class(digit)
    last = frozenset().union(*before)
    return Cascade(
        rules=tuple(out), back_digits=_back_digits(seps, k), anchor_words=tuple(sorted(words)), digit_seps=seps,
        before_anchor=re.compile("[" + "".join(sorted(last)) + "]") if last else None,
    )


def _seps_class(hints: list[Hints]) -> str:
    """The class of the characters other than letters that may come before a first digit."""
    if not hints:
        return "(?!x)x"
    return "[" + "".join(sorted(frozenset().union(*(h.seps for h in hints)))) + "]"


def _back_digits(seps: str, k: int) -> re.Pattern:
    """On reversed text, from a digit: the separators (group w0), then up to *k* letter runs each with the separators before it."""
    return re.compile(f"(?P<w0>{seps}*)" + "".join(f"(?P<w{j}>[{_LETTERS}]+{seps}*|)" for j in range(1, k + 1)))


# ---------------------------------------------------------------- finding matches in windows
def seek(rx: re.Pattern, seeker: re.Pattern, text: str, ps: int, pe: int, windows) -> Iterator[re.Match]:
    """The matches of ``rx.finditer(text, ps, pe)``, looking only in *windows*.

    *windows* are sorted ``(lo, hi)`` ranges (both inclusive) that hold every
    position where a match of *rx* can start; from each *lo* the characters
    up to *hi* are ones the *seeker*'s lazy lead admits.
    """
    pos = ps
    for lo, hi in windows:
        if hi < pos:
            continue
        lo = max(lo, pos)
        while lo <= hi:
            w = seeker.match(text, lo, pe)
            if w is None:
                break
            m = rx.match(text, w.end(), pe)  # matches: the seeker's lookahead did
            yield m
            lo = pos = m.end()


def seek_digits(rx: re.Pattern, seeker: re.Pattern, text: str, ps: int, pe: int, windows) -> Iterator[re.Match]:
    """:func:`seek` for a rule whose match starts only at the start of a run of digits (``at_run``).

    In a window ``(d, end)`` from the first digit of a run, the pattern is
    tried at *d* alone (one call instead of the seeker's and the pattern's).
    After a match, the rest of the window is left to :func:`seek`.
    """
    pos = ps
    match = rx.match
    for lo, hi in windows:
        if hi < pos:
            continue
        if lo >= pos:
            m = match(text, lo, pe)
            if m is None:
                continue
            yield m
            pos = m.end()
            if pos > hi:
                continue
        for m in seek(rx, seeker, text, pos, pe, [(max(lo, pos), hi)]):
            yield m
            pos = m.end()


def seek_boundaries(rx: re.Pattern, text: str, ps: int, pe: int, windows, starts: re.Pattern) -> Iterator[re.Match]:
    """The matches of ``rx.finditer(text, ps, pe)`` for a pattern that starts with ``\\b``.

    *rx* is tried at the positions *starts* finds in the windows (``\\b``
    then one of the pattern's first characters). (A seeker would run on past
    the window's end until a character its lead does not admit.)
    """
    pos = ps
    for lo, hi in windows:
        if hi < pos:
            continue
        for b in starts.finditer(text, max(lo, pos), hi + 1):
            x = b.start()
            if x < pos:
                continue
            m = rx.match(text, x, pe)
            if m is not None:
                yield m
                pos = m.end()


def merge_windows(windows: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, overlapping or adjacent ``(lo, hi)`` windows merged."""
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(windows):
        if out and lo <= out[-1][1] + 1:
            if hi > out[-1][1]:
                out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


# ---------------------------------------------------------------- anchors in a text
_BMP_DIGITS: np.ndarray | None = None
_LOW8: np.ndarray | None = None


def _bmp_digits() -> np.ndarray:
    """Which code points below U+10000 ``\\d`` matches (Unicode decimal digits)."""
    global _BMP_DIGITS
    if _BMP_DIGITS is None:
        _BMP_DIGITS = np.array([chr(i).isdecimal() for i in range(0x10000)], dtype=bool)
    return _BMP_DIGITS


def low8() -> np.ndarray:
    """For each code point below U+10000: its lower case if an ASCII word character (U+212A: ``k``), else 0.

    Under ``re.IGNORECASE`` and ``str.lower`` these are the characters that
    can stand for a letter, digit or ``_`` of an ASCII word.
    """
    global _LOW8
    if _LOW8 is None:
        t = np.zeros(0x10000, dtype=np.uint8)
        for c in b"0123456789_abcdefghijklmnopqrstuvwxyz":
            t[c] = c
        for c in b"ABCDEFGHIJKLMNOPQRSTUVWXYZ":
            t[c] = c + 32
        t[0x212A] = ord("k")
        _LOW8 = t
    return _LOW8


def _digit_mask(cp: np.ndarray) -> np.ndarray:
    """Which code points are decimal digits (``\\d``)."""
    digit = (cp - 48) < 10
    wide = np.flatnonzero(cp >= 0x660)  # the first decimal digit beyond ASCII is U+0660
    if len(wide):
        vals = cp[wide]
        bmp = vals < 0x10000
        hit = np.zeros(len(wide), dtype=bool)
        hit[bmp] = _bmp_digits()[vals[bmp]]
        for k in np.flatnonzero(~bmp).tolist():
            hit[k] = chr(int(vals[k])).isdecimal()
        digit[wide[hit]] = True
    return digit


def _runs(pos: np.ndarray) -> tuple[list[int], list[int]]:
    """Maximal runs of consecutive offsets: (starts, ends), ends exclusive."""
    if len(pos) == 0:
        return [], []
    brk = np.flatnonzero(np.diff(pos) != 1)
    starts = np.concatenate([pos[:1], pos[brk + 1]])
    ends = np.concatenate([pos[brk] + 1, pos[-1:] + 1])
    return starts.tolist(), ends.tolist()


class WordSet:
    """Lower-case ASCII words (``[a-z0-9_]+``), looked for at given offsets of a :func:`low8` array."""

    def __init__(self, words):
        self.words = sorted(set(words))
        self.index = {w: i for i, w in enumerate(self.words)}
        self.longest = max(4, max(map(len, self.words)))
        self.shortest = min(map(len, self.words))
        self.packed = None  # for whole(), built on first use
        # for whole(): the first four characters of each word, zeros after its end, as big-endian codes
        self.heads4 = np.array(sorted({int.from_bytes(w[:4].encode("ascii").ljust(4, b"\0"), "big")
                                       for w in self.words}), dtype=np.uint32)
        self.first = np.zeros(256, dtype=bool)
        self.first[[ord(w[0]) for w in self.words]] = True
        self.two = None  # the first two characters, when every word has two
        if min(map(len, self.words)) > 1:
            self.two = np.zeros(0x10000, dtype=bool)
            self.two[[(ord(w[0]) << 8) | ord(w[1]) for w in self.words]] = True
        heads: dict[int, set[int]] = {}  # the codes of the first min(len, 4) characters, by that length
        for w in self.words:
            k = min(len(w), 4)
            heads.setdefault(k, set()).add(int.from_bytes(w[:k].encode("ascii"), "big"))
        self.heads = {k: np.array(sorted(v), dtype=np.uint32) for k, v in heads.items()}
        by_length: dict[int, list[tuple[bytes, int]]] = {}  # the words of each length (bytes, index)
        for j, w in enumerate(self.words):
            by_length.setdefault(len(w), []).append((w.encode("ascii"), j))
        self.by_length = {k: (np.array([b for b, _ in v], dtype=f"S{k}"), np.array([j for _, j in v], dtype=np.int64))
                          for k, v in by_length.items()}

    def _first_two(self, low: np.ndarray, idx: np.ndarray) -> np.ndarray:
        if self.two is not None:
            return self.two[(low[idx].astype(np.uint16) << 8) | low[idx + 1]]
        return self.first[low[idx]]

    def whole(self, low: np.ndarray, idx: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, list[tuple[str, ...]]]:
        """The word starts *idx* (of runs *lengths* long) whose whole run is one of the words (case ignored).

        Like :meth:`at` where a word must not be followed by a word character;
        *low* is a :func:`low8` array with at least 16 entries after each offset.
        """
        if self.packed is None:
            self.packed = self._pack_words()
        want, which = self.packed
        ok = (lengths >= self.shortest) & (lengths <= self.longest) & self._first_two(low, idx)
        sel = np.flatnonzero(ok)
        c, n = idx[sel], lengths[sel]
        if len(c):  # the first four characters of the run (zeros after its end) must be those of a word
            head = np.zeros(len(c), dtype=np.uint32)
            for j in range(4):
                head = (head << np.uint32(8)) | (low[c + j] * (n > j))
            heads = self.heads4
            keep = heads[np.minimum(np.searchsorted(heads, head), len(heads) - 1)] == head
            c, n = c[keep], n[keep]
        if not len(c):
            return c, []
        chars = low[c[:, None] + np.arange(16)] * (np.arange(16) < n[:, None])  # the run alone
        keys = chars.view(np.uint64)  # two per row
        key = keys[:, 0] ^ (keys[:, 1] * np.uint64(0x9E3779B97F4A7C15))
        pos = np.minimum(np.searchsorted(want[:, 0], key), len(want) - 1)
        rows = np.flatnonzero((want[pos, 0] == key) & (want[pos, 1] == keys[:, 0]) & (want[pos, 2] == keys[:, 1]))
        return c[rows], [(self.words[j],) for j in which[pos[rows]].tolist()]

    def _pack_words(self) -> tuple[np.ndarray, np.ndarray]:
        """The words as (hash, first 8 bytes, next 8 bytes) rows sorted by hash, and their indices (see :meth:`whole`)."""
        rows = []
        for j, w in enumerate(self.words):
            b = np.zeros(16, dtype=np.uint8)
            b[:len(w)] = np.frombuffer(w.encode("ascii"), dtype=np.uint8)
            k0, k1 = (int(k) for k in b.view(np.uint64))
            rows.append((k0 ^ ((k1 * 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF), k0, k1, j))
        rows.sort()
        arr = np.array([r[:3] for r in rows], dtype=np.uint64)
        return arr, np.array([r[3] for r in rows], dtype=np.int64)

    def at(self, low: np.ndarray, idx: np.ndarray) -> tuple[np.ndarray, list[tuple[str, ...]]]:
        """The offsets *idx* where some word starts (case ignored), and those words.

        *low* is a :func:`low8` array with at least :attr:`longest` zeros after the last offset.
        """
        c = idx[self._first_two(low, idx)]
        if len(c):
            head = ((low[c].astype(np.uint32) << 24) | (low[c + 1].astype(np.uint32) << 16)
                    | (low[c + 2].astype(np.uint32) << 8) | low[c + 3])
            keep = np.zeros(len(c), dtype=bool)
            for k, want in self.heads.items():
                code = head >> np.uint32(8 * (4 - k))
                keep |= want[np.minimum(np.searchsorted(want, code), len(want) - 1)] == code
            c = c[keep]
        if not len(c):
            return c, []
        chars = low[c[:, None] + np.arange(self.longest)]  # the next characters, one row per offset
        pairs = []  # (row, word)
        for k, (want, which) in self.by_length.items():
            keys = np.ascontiguousarray(chars[:, :k]).view(f"S{k}").ravel()
            pos = np.minimum(np.searchsorted(want, keys), len(want) - 1)
            rows = np.flatnonzero(want[pos] == keys)
            pairs.append(np.stack([rows, which[pos[rows]]], axis=1))
        pairs = np.concatenate(pairs)
        pairs = pairs[np.lexsort((pairs[:, 1], pairs[:, 0]))]
        hit: list[int] = []
        words: list[tuple[str, ...]] = []
        for r, j in pairs.tolist():
            if hit and hit[-1] == r:
                words[-1] += (self.words[j],)
            else:
                hit.append(r)
                words.append((self.words[j],))
        return c[np.array(hit, dtype=np.int64)], words


@functools.lru_cache(maxsize=16)
def word_set(words: tuple[str, ...]) -> WordSet:
    return WordSet(words)


class _Chunk:
    """One chunk of the text as code points (with some context after it), for :class:`TextAnchors`."""

    def __init__(self, text: str, off: int, size: int, longest: int):
        n = len(text)
        self.lo, hi = max(0, off - 1), min(n, off + size + longest)
        self.a, self.b = off - self.lo, min(n, off + size) - self.lo  # the chunk proper, in local offsets
        self.cp = np.frombuffer(text[self.lo:hi].encode("utf-32-le"), dtype=np.uint32)
        self.low = np.concatenate([np.take(low8(), self.cp, mode="clip"), np.zeros(longest, dtype=np.uint8)])
        self.word = self.low[:len(self.cp)] != 0
        start = self.word.copy()
        start[1:] &= ~self.word[:-1]
        self.start = start
        self.idx = np.flatnonzero(start[self.a:self.b]) + self.a  # the word starts in the chunk

    def lengths(self) -> np.ndarray:
        """The length of the word run at each of :attr:`idx`."""
        stop = self.word.copy()
        stop[:-1] &= ~self.word[1:]
        runs = np.flatnonzero(self.start)  # the runs of the whole region, so that each has its end
        first = int(np.searchsorted(runs, self.a))  # idx is runs[first:first + len(idx)]
        return (np.flatnonzero(stop) + 1 - runs)[first:first + len(self.idx)]


class TextAnchors:
    """Per-text anchors for the :class:`WindowScanner`: runs of digits, anchor words, event words.

    One pass over the code points (NumPy, in chunks) finds the digits and the
    starts of ASCII words whose first letters (lower-cased) begin an anchor
    word or an alias; those are then checked in full. Under
    ``re.IGNORECASE`` an ASCII letter also matches U+0130, U+0131, U+017F and
    U+212A: with any of the first three in the text (rare), anchor words and
    aliases are left to a plain scan (``units``/``events`` None); U+212A
    (Kelvin) is read as ``k``. *context* is the text whose character before a
    word decides whether it is one (the original text when *text* is a
    :func:`barrier_text`).
    """

    CHUNK = 1 << 22

    def __init__(self, text: str, context: str, cascade: Cascade, events=None, *, whole_words: bool = True,
                 next_chars: bool = True):
        anchored = not ("\u0130" in text or "\u0131" in text or "\u017f" in text)
        units = word_set(cascade.anchor_words) if anchored and cascade.anchor_words else None
        alias = None
        if anchored and events is not None and events.first_words is not None:
            alias = word_set(tuple(events.first_words))
        whole = whole_words and alias is not None and events.whole_words and alias.longest <= 16
        nxt = events.next_chars if whole and next_chars else None
        digits, unit_at, event_at = self._scan(text, units, alias, whole, nxt)
        self.d_starts, self.d_ends = _runs(digits)
        self._d_starts, self._d_ends = np.asarray(self.d_starts, dtype=np.int64), np.asarray(self.d_ends, dtype=np.int64)
        self.units = self.unit_words = None
        self._by_word: dict[str, np.ndarray] | None = None  # units_for: word -> its sorted starts
        if units is not None:
            self.units, self.unit_words = self._after_separator(unit_at, context, cascade.before_anchor)
        self.events = self.event_words = None
        if alias is not None:
            self.events, self.event_words = self._alias_anchors(event_at, context)

    @staticmethod
    def _after_separator(points: list[tuple[int, tuple[str, ...]]], context: str,
                         before: re.Pattern | None) -> tuple[list[int], list[tuple[str, ...]]]:
        """The anchor word starts whose previous character is one the rules allow there, and their words."""
        if before is None:
            return [], []
        kept = [(p, w) for p, w in points if p > 0 and before.match(context, p - 1)]
        return [p for p, _ in kept], [w for _, w in kept]

    def units_for(self, words: frozenset, ps: int, pe: int) -> list[int]:
        """The anchor word starts in ``[ps, pe)`` where one of *words* (a rule's anchor words) starts."""
        if self._by_word is None:  # built once
            by: dict[str, list[int]] = {}
            for p, ws in zip(self.units, self.unit_words):
                for w in ws:
                    by.setdefault(w, []).append(p)
            self._by_word = {w: np.asarray(v, dtype=np.int64) for w, v in by.items()}
        parts = [self._by_word[w] for w in words if w in self._by_word]
        if not parts:
            return []
        at = np.unique(np.concatenate(parts)) if len(parts) > 1 else parts[0]
        return at[np.searchsorted(at, ps):np.searchsorted(at, pe)].tolist()

    @staticmethod
    def _alias_anchors(found, context: str) -> tuple[list[int], list]:
        """The alias starts not preceded by a word character or a hyphen, with their first words."""
        starts, words = [], []
        for at, which in found:
            for p, w in zip(at, which):
                if p == 0 or not (context[p - 1].isalnum() or context[p - 1] in "_-"):
                    starts.append(p)
                    words.append(w)
        return starts, words

    def _scan(self, text: str, units: WordSet | None, alias: WordSet | None, whole: bool, nxt):
        """The digits, the anchor word starts and the alias starts (with their words), chunk by chunk."""
        longest = max([s.longest for s in (units, alias) if s is not None] + [16 if whole else 0])
        digits, unit_at, event_at = [np.zeros(0, dtype=np.int64)], [], []
        for off in range(0, len(text), self.CHUNK):
            ch = _Chunk(text, off, self.CHUNK, longest)
            digits.append(np.flatnonzero(_digit_mask(ch.cp[ch.a:ch.b])) + off)
            if units is not None:
                at, which = units.at(ch.low, ch.idx)
                unit_at.extend(zip((at + ch.lo).tolist(), which))
            if alias is not None:
                event_at.append(self._alias_starts(ch, alias, whole, nxt))
        return np.concatenate(digits), unit_at, event_at

    @staticmethod
    def _alias_starts(ch: _Chunk, alias: WordSet, whole: bool, next_chars) -> tuple[list[int], list]:
        if not whole:
            at, which = alias.at(ch.low, ch.idx)
            return (at + ch.lo).tolist(), which
        lengths = ch.lengths()
        at, which = alias.whole(ch.low, ch.idx, lengths)
        if next_chars is not None and len(at):
            # an alias cannot start where its first word is followed by one whitespace
            # character and an ASCII word character it does not allow (alias_next_chars)
            end = at + lengths[np.searchsorted(ch.idx, at)]  # the end of the word (local offsets)
            gap = ch.cp[np.minimum(end, len(ch.cp) - 1)]
            nxt = ch.low[end + 1]  # 0: not an ASCII word character (low has zeros after the region)
            ids = np.fromiter((alias.index[w[0]] for w in which), dtype=np.int64, count=len(which))
            keep = ~(((gap == 32) | (gap == 10)) & (end < len(ch.cp)) & (nxt != 0)) | next_chars[ids, nxt]
            if not keep.all():
                at = at[keep]
                which = [w for w, k in zip(which, keep.tolist()) if k]
        return (at + ch.lo).tolist(), which

    def digit_runs(self, ps: int, pe: int) -> list[tuple[int, int]]:
        """The runs of digits in ``[ps, pe)``, cut to it: (start, end) pairs."""
        d, e = self.digit_arrays(ps, pe)
        return list(zip(d.tolist(), e.tolist()))

    def digit_arrays(self, ps: int, pe: int) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`digit_runs` as two arrays (starts, ends)."""
        i = bisect.bisect_right(self.d_ends, ps)
        j = bisect.bisect_left(self.d_starts, pe)
        return np.maximum(self._d_starts[i:j], ps), np.minimum(self._d_ends[i:j], pe)

    @staticmethod
    def between(points: list[int], ps: int, pe: int) -> list[int]:
        return points[bisect.bisect_left(points, ps):bisect.bisect_left(points, pe)]

    def events_between(self, ps: int, pe: int) -> list[tuple[int, tuple[str, ...]]]:
        """(offset, the alias first words found there) for the event anchors in [ps, pe)."""
        i, j = bisect.bisect_left(self.events, ps), bisect.bisect_left(self.events, pe)
        return list(zip(self.events[i:j], self.event_words[i:j]))


class Lookback:
    """Where the k-th run of ASCII letters before each run of digits starts: ``back_digits``, vectorised.

    Before a run of digits, the look-back crosses letters and the characters
    of *seps* (:attr:`Cascade.digit_seps`) up to any other character (or the
    region's start): the *stretch*. The window start for *k* letter runs is
    the end of the (k+1)-th run back when the stretch has one, else the
    stretch's start (the group ``w<k>`` of ``back_digits`` ends there;
    tests/test_dates_speed_paths.py checks the two agree).
    """

    def __init__(self, seps: str):
        rx = re.compile(seps)
        self.bmp = np.array([rx.match(chr(i)) is not None for i in range(0x10000)], dtype=bool)
        self.rx = rx

    def stretches(self, cp: np.ndarray, lo: int, starts: np.ndarray):
        """For the code points *cp* of a region starting at *lo* and the runs of digits starting at *starts*."""
        letter = ((cp >= 65) & (cp <= 90)) | ((cp >= 97) & (cp <= 122))
        sep = np.zeros(len(cp), dtype=bool)
        bmp = cp < 0x10000
        sep[bmp] = self.bmp[cp[bmp]]
        for k in np.flatnonzero(~bmp).tolist():
            sep[k] = self.rx.match(chr(int(cp[k]))) is not None
        other = np.flatnonzero(~(letter | sep)) + lo
        i = np.searchsorted(other, starts) - 1
        self.stretch = np.where(i >= 0, other[np.maximum(i, 0)], lo - 1) + 1  # where each stretch starts
        before = np.concatenate([[False], letter[:-1]])
        after = np.concatenate([letter[1:], [False]])
        self.run_starts = np.flatnonzero(letter & ~before) + lo
        self.run_ends = np.flatnonzero(letter & ~after) + 1 + lo
        self.j = np.searchsorted(self.run_starts, starts)  # the runs that start before each run of digits
        self.count = self.j - np.searchsorted(self.run_starts, self.stretch - 1, side="right")  # ... in its stretch
        return self

    def starts(self, k: int) -> np.ndarray:
        """Where a window with at most *k* letter runs before each run of digits starts."""
        has = self.count > k
        at = np.where(has, self.j - k - 1, 0)
        ends = self.run_ends[at] if len(self.run_ends) else np.zeros(len(at), dtype=np.int64)
        return np.where(has, ends, self.stretch)


class RegexLookback:
    """:class:`Lookback` by running ``back_digits`` once per run of digits (faster where runs are sparse)."""

    def __init__(self, back: re.Pattern, reversed_region: str, hi: int, starts: np.ndarray):
        self.back, self.hi = back, hi
        self.matches = [back.match(reversed_region, hi - x) for x in starts.tolist()]

    def starts(self, k: int) -> np.ndarray:
        group = self.back.groupindex[f"w{k}"]
        return self.hi - np.fromiter((m.end(group) for m in self.matches), dtype=np.int64, count=len(self.matches))


#: Below one run of digits per this many characters, :class:`RegexLookback` is used.
SPARSE_DIGITS = 150


@functools.lru_cache(maxsize=8)
def _lookback(seps: str) -> Lookback:
    return Lookback(seps)


# ---------------------------------------------------------------- scanners
class PlainScanner:
    """Every rule's matches by ``finditer`` over the region: the reference the windows must equal."""

    def __init__(self, cascade: Cascade, scan: str, context: str, events=None):
        self.cascade, self.text, self.context, self.prepared = cascade, scan, context, events

    def matches(self, rule: CompiledRule, lo: int, hi: int) -> Iterator[re.Match]:
        return rule.regex.finditer(self.text, lo, hi)

    def event_matches(self, lo: int, hi: int) -> Iterator[re.Match]:
        return self.prepared.regex.finditer(self.text, lo, hi)


class WindowScanner(PlainScanner):
    """The matches of :class:`PlainScanner`, looked for only in windows (see the module docstring).

    *whole_words* and *next_chars* turn two filters of the event anchors off
    (for the tests: each is checked against the scan without it).
    """

    def __init__(self, cascade: Cascade, scan: str, context: str, events=None, *, whole_words: bool = True,
                 next_chars: bool = True):
        super().__init__(cascade, scan, context, events)
        self.anchors = TextAnchors(scan, context, cascade, events, whole_words=whole_words, next_chars=next_chars)
        self._region: tuple[int, int] | None = None
        self._reversed = ""
        self._cp: np.ndarray | None = None

    def _prepare(self, lo: int, hi: int) -> None:
        """The runs of digits of the region ``[lo, hi)``, their look-backs, and the region reversed."""
        if self._region == (lo, hi):
            return
        self._region = (lo, hi)
        self._reversed = self.text[lo:hi][::-1]
        self._d, self._e = self.anchors.digit_arrays(lo, hi)
        self._lengths = self._e - self._d
        self._look = None
        self._starts: dict[int, np.ndarray] = {}
        self._after: np.ndarray | None = None
        self._units = None

    def matches(self, rule: CompiledRule, lo: int, hi: int) -> Iterator[re.Match]:
        if not rule.windowed:
            return super().matches(rule, lo, hi)
        self._prepare(lo, hi)
        if rule.rule.anchor == "digits":
            return self._digit_matches(rule, lo, hi)
        if self.anchors.units is None:
            return super().matches(rule, lo, hi)
        return self._word_matches(rule, lo, hi)

    def _window_starts(self, words: int, lo: int) -> np.ndarray:
        """For each run of digits: where a match with at most *words* letter runs before it can start."""
        if self._look is None:
            hi = self._region[1]
            if len(self._d) * SPARSE_DIGITS < hi - lo:
                self._look = RegexLookback(self.cascade.back_digits, self._reversed, hi, self._d)
            else:
                if self._cp is None:
                    self._cp = np.frombuffer(self.text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
                self._look = self.cascade.lookback().stretches(self._cp[lo:hi], lo, self._d)
        if words not in self._starts:
            self._starts[words] = self._look.starts(words)
        return self._starts[words]

    def _tail_ok(self, tail: re.Pattern) -> np.ndarray:
        """Which runs of digits are followed by a character *tail* matches."""
        if self._after is None:  # the distinct characters after the runs, and which each run has
            text, n = self.text, len(self.text)
            after = np.array([text[x] if x < n else "" for x in self._e.tolist()], dtype=object)
            self._after_chars, self._after = np.unique(after, return_inverse=True)
        ok = np.array([tail.match(c) is not None for c in self._after_chars.tolist()], dtype=bool)
        return ok[self._after]

    def _digit_windows(self, rule: CompiledRule, hi: int) -> list[tuple[int, int]]:
        h = rule.hints
        keep = np.ones(len(self._d), dtype=bool)
        if h.lengths is not None:
            keep &= np.isin(self._lengths, np.fromiter(h.lengths, dtype=np.int64))
        if rule.tail is not None:
            keep &= self._tail_ok(rule.tail)
        idx = np.flatnonzero(keep)
        d, e = self._d[idx], self._e[idx] - 1
        if h.digit_first:
            return list(zip(d.tolist(), e.tolist()))
        wins = zip(self._window_starts(h.words, self._region[0])[idx].tolist(), d.tolist(), e.tolist())
        if rule.gate is None:
            return [(s, last) for s, _, last in wins]
        gate, text = rule.gate.search, self.text
        return [(s, last) for s, first, last in wins if gate(text, s, first)]

    def _digit_matches(self, rule: CompiledRule, lo: int, hi: int) -> Iterator[re.Match]:
        wins = self._digit_windows(rule, hi)
        if not wins:
            return iter(())
        if rule.hints.digit_first and rule.hints.at_run:
            return seek_digits(rule.regex, rule.seeker, self.text, lo, hi, wins)
        return seek(rule.regex, rule.seeker, self.text, lo, hi, wins)

    def _word_matches(self, rule: CompiledRule, lo: int, hi: int) -> Iterator[re.Match]:
        words = rule.hints.anchor_words
        units = self._units.get(words) if self._units is not None else None
        if units is None:  # the starts of this rule's own anchor words (rules share few of them)
            if self._units is None:
                self._units = {}
            units = self._units[words] = self.anchors.units_for(words, lo, hi)
        if not units:
            return iter(())
        back, rp = rule.back.match, self._reversed
        wins = merge_windows([(u - (back(rp, hi - u).end() - (hi - u)), u) for u in units])
        if rule.starts is not None:
            return seek_boundaries(rule.regex, self.text, lo, hi, wins, rule.starts)
        return seek(rule.regex, rule.seeker, self.text, lo, hi, wins)

    def event_matches(self, lo: int, hi: int) -> Iterator[re.Match]:
        if self.anchors.events is None:
            return super().event_matches(lo, hi)
        return self._alias_matches(lo, hi)

    def _alias_matches(self, lo: int, hi: int) -> Iterator[re.Match]:
        regexes = self.prepared.event_regexes
        pos = lo
        for p, words in self.anchors.events_between(lo, hi):  # an alias match starts where its first word does
            if p >= pos:
                m = regexes.starting_with(words).match(self.text, p, hi)
                if m is not None:
                    yield m
                    pos = m.end()


# ---------------------------------------------------------------- the cascade
class Claims:
    """The rows found in ``[lo, hi)`` and the characters they claim (a match is kept only where none is claimed)."""

    def __init__(self, lo: int, hi: int):
        self.lo = lo
        self.claimed = bytearray(hi - lo)
        self.rows: list[dict] = []

    def free(self, s: int, e: int) -> bool:
        return self.claimed.find(1, s - self.lo, e - self.lo) < 0

    def claim(self, row: dict) -> None:
        s, e = row["start"], row["end"]
        self.claimed[s - self.lo:e - self.lo] = b"\x01" * (e - s)
        self.rows.append(row)


_WORD_BEFORE = re.compile(r"([A-Za-z]+)(\.?)\s*$")
_WORD_AFTER = re.compile(r"\s*([A-Za-z]+)")


def _guarded_year(text: str, s: int, e: int) -> bool:
    """A bare number is a year unless a page word is before it or a count noun after it."""
    w = _WORD_BEFORE.search(text, max(0, s - 20), s)
    if w and (w.group(1).lower() in PAGE_WORDS or (w.group(2) and w.group(1).lower() in PAGE_ABBREVIATIONS)):
        return False
    after = _WORD_AFTER.match(text, e, e + 30)
    return not (after and after.group(1).lower() in COUNT_NOUNS)


def _row(rule: DateRule, view, groups, m: re.Match, text: str, year_min: int, year_max: int) -> dict | None:
    """The row of a match, or None when its reader, the year bounds or the guards refuse it."""
    v = rule.read(view(m, groups), text)
    if v is None:
        return None
    s, e = m.span()
    for name in groups.get("span", ()) if groups else ():  # a rule's span group: the row's span
        if m.group(name) is not None:
            s, e = m.span(name)
            break
    for y in (v["year_start"], v["year_end"]):
        if y is not None and not (year_min <= y <= year_max):
            return None
    if rule.guard and not _guarded_year(text, s, e):
        return None
    v.update(start=s, end=e, kind=rule.kind, rule=rule.name, _resolve=rule.resolve)
    return v


def scan(cascade: Cascade, scanner: PlainScanner, text: str, lo: int, hi: int, year_min: int, year_max: int) -> Claims:
    """The cascade over ``scanner.text[lo:hi]``: each rule in table order, each match where nothing is claimed.

    *text* is the original text (the readers and guards look at it); the
    rows carry no ``para_id`` (the caller adds it). Events are matched after
    the rules, on the returned :class:`Claims` (:mod:`textmine.date_events`).
    """
    claims = Claims(lo, hi)
    free, claim = claims.free, claims.claim
    for rule in cascade.rules:
        view, groups, row_rule = rule.view, rule.groups, rule.rule
        for m in scanner.matches(rule, lo, hi):
            s, e = m.span()
            if s == e or not free(s, e):
                continue
            row = _row(row_rule, view, groups, m, text, year_min, year_max)
            if row is not None:
                claim(row)
    return claims


# ---------------------------------------------------------------- layout
BARRIER = "\x00"


def barrier_layout(text: str, starts: np.ndarray, ends: np.ndarray) -> np.ndarray | None:
    """The non-empty paragraphs in text order (indices), or None when one scan cannot stand for them."""
    if len(starts) == 0:
        return np.zeros(0, dtype=np.int64)
    if starts.min() < 0 or ends.max() > len(text) or bool((starts > ends).any()):
        return None
    keep = np.flatnonzero(starts < ends)
    order = keep[np.argsort(starts[keep], kind="stable")]
    ss, se = starts[order], ends[order]
    if len(ss) > 1 and not bool((ss[1:] > se[:-1]).all()):
        return None
    for s in ss.tolist():
        if s > 0 and not text[s - 1].isspace():
            return None
    return order


def barrier_text(text: str, starts: list[int], ends: list[int]) -> str:
    """*text* with every character outside ``[starts[i], ends[i])`` replaced by :data:`BARRIER`."""
    parts, pos = [], 0
    for s, e in zip(starts, ends):
        if s > pos:
            parts.append(BARRIER * (s - pos))
        parts.append(text[s:e])
        pos = e
    if len(text) > pos:
        parts.append(BARRIER * (len(text) - pos))
    return "".join(parts)
