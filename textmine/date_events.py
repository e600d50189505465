"""Named events as time anchors: the events table, its aliases, and the event pass of the cascade.

Internal to :mod:`textmine.dates` (which exports :func:`read_events` and
:func:`prepare_events`). An alias counts as a temporal reference only when
it is used to place something in time (see :mod:`textmine.dates`); the time
noun phrases and their years are rows of :mod:`textmine.date_rules`
(:data:`~textmine.date_rules.EVENT_MODIFIERS`, ``EVENT_PHASES``, ``EVENT_CUES``),
and the regexes here, including the reversed ones used as quick necessary
conditions, are built from those rows.
"""

from __future__ import annotations

import bisect
import functools
import os
import re

import numpy as np
import pandas as pd

from ._frames import require_columns
from ._tables import int_column, read_table
from .date_rules import (
    EVENT_ADJECTIVES, EVENT_ADVERBS, EVENT_CUES, EVENT_MODIFIERS, EVENT_NOUNS, EVENT_PHASES, EVENT_PREPOSITIONS,
    FIRST,
)
from .errors import InputError

__all__ = [
    "EVENT_COLUMNS", "GAZETTEER_COLUMNS", "GAZETTEER_KINDS", "FREE_STANDING", "read_events", "read_gazetteer",
    "combine_tables", "prepare_events", "PreparedEvents", "event_rows", "modifier_and_det",
    "EVENT_MODIFIER", "EVENT_DET", "CASED_OR_WORD", "CalendarIndex", "next_to_calendar",
    "alias_first_words", "alias_first_words_whole", "alias_next_chars", "alias_key", "event_years",
    "prepared_events",
]

#: Columns of the events table (:func:`read_events`).
EVENT_COLUMNS = ["name", "aliases", "year_start", "year_end", "source"]
#: Columns of the gazetteer of eras and events (:func:`read_gazetteer`).
GAZETTEER_COLUMNS = ["name", "aliases", "year_start", "year_end", "kind", "source"]
#: The kinds of gazetteer row: an era or a reign is a time wherever it is named with "the" ("the Victorian
#: era", "the reign of Victoria"); an event or an administration only as a time anchor (after a temporal
#: preposition or in a time noun phrase: "during the Korean War", "the last year of the Truman
#: administration"), as the events table's rows.
GAZETTEER_KINDS = ("era", "reign", "event", "administration")
FREE_STANDING = frozenset({"era", "reign"})
#: The gazetteer shipped with the package (``textmine/example_data/gazetteer.csv``).
GAZETTEER_FILE = "gazetteer.csv"


# ---------------------------------------------------------------- reading the table
def _check_rows(out: pd.DataFrame, years: dict, func: str, where: str) -> None:
    """Names, year order, aliases present and each alias naming one event; InputError naming the line."""
    seen: dict[str, int] = {}
    for i in range(len(out)):
        line = i + 2
        name = out["name"].iloc[i]
        if not isinstance(name, str) or not name.strip():
            raise InputError(f"{func}: {where} line {line}: the event name is empty; give every event a name.")
        if years["year_start"][i] > years["year_end"][i]:
            raise InputError(
                f"{func}: {where} line {line} ({name!r}): year_start {years['year_start'][i]} is after "
                f"year_end {years['year_end'][i]}; swap them."
            )
        aliases = out["aliases"].iloc[i]
        if not isinstance(aliases, str) or not [a for a in aliases.split("|") if a.strip()]:
            raise InputError(
                f"{func}: {where} line {line} ({name!r}): no aliases; list the surface forms to match, "
                "separated by '|'."
            )
        for a in aliases.split("|"):
            key = alias_key(a)
            if key and key in seen and seen[key] != i:
                raise InputError(
                    f"{func}: {where} line {line} ({name!r}): alias {a.strip()!r} also belongs to the event on "
                    f"line {seen[key] + 2}; an alias must name one event."
                )
            if key:
                seen[key] = i


def read_events(path_or_frame: "pd.DataFrame | str | os.PathLike") -> pd.DataFrame:
    """Read and validate a table of named events.

    Parameters
    ----------
    path_or_frame : DataFrame or path
        A CSV file (or frame) with columns ``name, aliases, year_start,
        year_end, source``. ``aliases`` is a ``|``-separated list of surface
        forms, matched case-insensitively (straight and curly apostrophes are
        interchangeable); the name itself is not matched unless it is listed.

    Returns
    -------
    DataFrame
        ``name, aliases, year_start, year_end, source`` (years ``int64``,
        text ``str``), one row per event in file order, fresh RangeIndex.

    Raises
    ------
    TypeError
        If *path_or_frame* is neither a DataFrame nor a path.
    ColumnError
        If a column is missing.
    InputError
        Naming the file and the line (data rows start at line 2) when a year
        is not an integer, ``year_start > year_end``, a name or alias is
        empty, or the same alias belongs to two events.
    """
    func = "textmine.read_events"
    if isinstance(path_or_frame, pd.DataFrame):
        entry = _cached_events(path_or_frame)
        if entry is not None:  # the same frame, read before: the same table
            return entry.table.copy(deep=False)
    frame, where = read_table(path_or_frame, func=func, what="events")
    require_columns(frame, EVENT_COLUMNS, func=func, arg=where, hint="see data/events.csv for an example")
    out = frame[EVENT_COLUMNS].copy()
    years = {col: int_column(out[col], col, func=func, where=where) for col in ("year_start", "year_end")}
    _check_rows(out, years, func, where)
    table = pd.DataFrame({
        "name": pd.Series(out["name"].astype("str").str.strip().to_numpy(), dtype="str"),
        "aliases": pd.Series(out["aliases"].astype("str").to_numpy(), dtype="str"),
        "year_start": pd.Series(years["year_start"], dtype="int64"),
        "year_end": pd.Series(years["year_end"], dtype="int64"),
        "source": pd.Series(out["source"].fillna("").astype("str").to_numpy(), dtype="str"),
    })
    if isinstance(path_or_frame, pd.DataFrame):  # read again quickly (find_dates per document)
        _EVENTS_CACHE.append(_CachedEvents(path_or_frame, table))
        del _EVENTS_CACHE[:-_EVENTS_CACHE_SIZE]
        return table.copy(deep=False)
    return table


def read_gazetteer(path_or_frame: "pd.DataFrame | str | os.PathLike | None" = None) -> pd.DataFrame:
    """Read and validate a gazetteer of named eras, events, administrations and reigns.

    The package ships one (``path_or_frame=None``): general facts written
    for textmine, from the Elizabethan era to the Obama administration, each
    with its conventional years and a note (``source``). :func:`find_dates`
    uses it beside the events table unless told otherwise (``gazetteer=``).
    To extend it, concatenate your rows and pass the frame; to replace it,
    pass your own table; ``gazetteer=None`` turns it off. Aliases of the
    events table take precedence over the gazetteer's.

    Parameters
    ----------
    path_or_frame : DataFrame, path or None
        A CSV file (or frame) with columns ``name, aliases, year_start,
        year_end, kind, source`` (:data:`GAZETTEER_COLUMNS`); ``aliases`` as
        in :func:`read_events`; ``kind`` one of :data:`GAZETTEER_KINDS`.
        None: the shipped table.

    Returns
    -------
    DataFrame
        ``name, aliases, year_start, year_end, kind, source`` (years
        ``int64``, text ``str``), one row per entry in file order.

    Raises
    ------
    TypeError, ColumnError, InputError
        As :func:`read_events`, and for a ``kind`` outside :data:`GAZETTEER_KINDS`
        (naming the file and the line).
    """
    func = "textmine.read_gazetteer"
    if path_or_frame is None:
        return _shipped_gazetteer().copy(deep=False)
    frame, where = read_table(path_or_frame, func=func, what="gazetteer")
    require_columns(frame, GAZETTEER_COLUMNS, func=func, arg=where, hint="see textmine.read_gazetteer() for an example")
    for i, k in enumerate(frame["kind"].tolist()):
        if k not in GAZETTEER_KINDS:
            raise InputError(f"{func}: {where} line {i + 2}: kind is {k!r}; use one of {', '.join(GAZETTEER_KINDS)}.")
    table = read_events(frame[EVENT_COLUMNS].reset_index(drop=True).copy())
    table.insert(4, "kind", pd.Series(frame["kind"].astype("str").to_numpy(), dtype="str"))
    return table


@functools.lru_cache(maxsize=1)
def _shipped_gazetteer() -> pd.DataFrame:
    from importlib import resources

    path = resources.files("textmine").joinpath("example_data", GAZETTEER_FILE)
    with resources.as_file(path) as p:
        return read_gazetteer(p)


def combine_tables(events: pd.DataFrame | None, gazetteer: pd.DataFrame | None) -> pd.DataFrame | None:
    """The events table (kind ``event``) then the gazetteer rows, without the aliases the events table has.

    A gazetteer row left with no alias is dropped; None when both are None.
    """
    if gazetteer is None or len(gazetteer) == 0:
        return events
    taken = set()
    if events is not None:
        for aliases in events["aliases"].tolist():
            taken.update(alias_key(a) for a in aliases.split("|") if a.strip())
    keep, aliases = [], []
    for i, a in enumerate(gazetteer["aliases"].tolist()):
        mine = [x for x in a.split("|") if x.strip() and alias_key(x) not in taken]
        if mine:
            keep.append(i)
            aliases.append("|".join(mine))
    g = gazetteer.iloc[keep].reset_index(drop=True).copy()
    g["aliases"] = pd.Series(aliases, dtype="str")
    if events is None:
        return g[GAZETTEER_COLUMNS]
    e = events[EVENT_COLUMNS].copy()
    e.insert(4, "kind", pd.Series(["event"] * len(e), dtype="str"))
    return pd.concat([e, g[GAZETTEER_COLUMNS]], ignore_index=True)


class PreparedEvents:
    """An events table read, validated and compiled once (see :func:`prepare_events`)."""

    def __init__(self, table: pd.DataFrame | None):
        self.table = table
        self.regex, self.event_of, keys = _event_matcher(table)
        self.columns = None if table is None else (
            table["name"].tolist(), table["year_start"].tolist(), table["year_end"].tolist())
        kinds = table["kind"].tolist() if table is not None and "kind" in table.columns else []
        self.free = [k in FREE_STANDING for k in kinds] if kinds else [False] * (0 if table is None else len(table))
        # the aliases written with a capital: named free-standing only when the text capitalises them too
        self.capital = frozenset() if table is None else frozenset(
            alias_key(a) for aliases in table["aliases"].tolist() for a in aliases.split("|")
            if a.strip() and a.strip()[0].isupper())
        self.first_words = alias_first_words(keys) if self.regex is not None else None
        self.whole_words = self.first_words is not None and alias_first_words_whole(keys)
        self.next_chars = alias_next_chars(keys, self.first_words) if self.whole_words else None
        self.event_regexes = _EventRegexes(keys)

    def __repr__(self) -> str:
        n = 0 if self.table is None else len(self.table)
        return f"<textmine.dates prepared events: {n} events>"


def prepare_events(events: "pd.DataFrame | str | os.PathLike | PreparedEvents | None",
                   *, gazetteer: "pd.DataFrame | str | os.PathLike | None" = "default") -> PreparedEvents:
    """Read, validate and compile an events table and the gazetteer once, for many :func:`find_dates` calls.

    ``find_dates(..., events=prepare_events("data/events.csv"))`` gives the
    same frames as ``events="data/events.csv"`` without reading the table
    and building its regexes again for every text. (A DataFrame passed
    again and again is also prepared only once: :func:`find_dates` keeps
    the last few, checked by content.)

    Parameters
    ----------
    events : DataFrame, path, prepared events or None
        As for :func:`read_events` (prepared events are returned as they are).
    gazetteer : "default", DataFrame, path or None
        The gazetteer of eras (:func:`read_gazetteer`): the shipped one, your
        own, or None for none. Its aliases that the events table also has
        are the events table's.

    Returns
    -------
    An opaque object; its ``table`` attribute is the combined table
    (:data:`GAZETTEER_COLUMNS`).
    """
    if isinstance(events, PreparedEvents):
        return events
    return prepared_events(events, gazetteer)


class _CachedEvents:
    """A frame given to :func:`read_events`/:func:`find_dates`: a copy to check it by, the result, prepared events."""

    def __init__(self, frame: pd.DataFrame, table: pd.DataFrame):
        self.key, self.copy, self.table = id(frame), frame.copy(deep=True), table
        self.prepared: PreparedEvents | None = None


#: the last few frames read (most recent last), see :func:`_cached_events`
_EVENTS_CACHE: list[_CachedEvents] = []
_EVENTS_CACHE_SIZE = 4


def _cached_events(frame: pd.DataFrame) -> _CachedEvents | None:
    """The cache entry of *frame*: the same object, unchanged since it was read."""
    for k, entry in enumerate(_EVENTS_CACHE):
        if entry.key == id(frame) and _same_frame(entry.copy, frame):
            if k != len(_EVENTS_CACHE) - 1:
                _EVENTS_CACHE.append(_EVENTS_CACHE.pop(k))
            return entry
    return None


def prepared_events(events, gazetteer="default") -> PreparedEvents:
    """Prepared events for None, a path, a frame (prepared once, see :func:`_cached_events`) or prepared events.

    *gazetteer*: ``"default"`` (the shipped table, prepared once per events
    table), a frame or path (prepared on every call: pass
    :func:`prepare_events` to reuse it), or None.
    """
    if isinstance(events, PreparedEvents):
        return events
    default = isinstance(gazetteer, str) and gazetteer == "default"
    gaz = _shipped_gazetteer() if default else None if gazetteer is None else read_gazetteer(gazetteer)
    if events is None:
        return _default_only() if default else PreparedEvents(gaz)
    if not isinstance(events, pd.DataFrame):
        return PreparedEvents(combine_tables(read_events(events), gaz))
    entry = _cached_events(events)
    if entry is None:
        read_events(events)  # validates (raises before anything is cached) and caches
        entry = _cached_events(events)
    if not default:
        return PreparedEvents(combine_tables(entry.table, gaz))
    if entry.prepared is None:
        entry.prepared = PreparedEvents(combine_tables(entry.table, gaz))
    return entry.prepared


@functools.lru_cache(maxsize=1)
def _default_only() -> PreparedEvents:
    return PreparedEvents(_shipped_gazetteer())


def _same_frame(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    """Same column labels (in order), dtypes, index and values."""
    return (
        a.shape == b.shape
        and list(a.columns) == list(b.columns)
        and list(a.dtypes) == list(b.dtypes)
        and a.index.equals(b.index)
        and a.equals(b)
    )


# ---------------------------------------------------------------- aliases
_SPACES = re.compile(r"\s+")


def alias_key(alias: str) -> str:
    return _SPACES.sub(" ", alias.strip().lower().replace("\u2019", "'"))


def _alias_regex(alias: str) -> str:
    parts = []
    for ch in alias.strip():
        if ch in "'\u2019":
            parts.append("['\u2019]")
        elif ch in "-\u2013":
            parts.append(r"[-\u2013]\s?")
        elif ch.isspace():
            if not parts or parts[-1] != r"\s+":
                parts.append(r"\s+")
        else:
            parts.append(re.escape(ch))
    return "".join(parts)


class _EventRegexes:
    """The events regex restricted to the aliases that start with given words.

    At a position where the text starts with words W, an alias whose first
    word is not in W cannot match, so the regex of the other aliases (same
    order, same group names) finds the same match, faster.
    """

    def __init__(self, keys: list[str]):
        self.keys = tuple(keys)
        self.cache: dict[tuple[str, ...], re.Pattern] = {}

    def starting_with(self, words: tuple[str, ...]) -> re.Pattern:
        rx = self.cache.get(words)
        if rx is None:
            rx = self.cache[words] = _event_subregex(self.keys, words)
        return rx


@functools.lru_cache(maxsize=1024)
def _event_subregex(keys: tuple[str, ...], words: tuple[str, ...]) -> re.Pattern:
    first = _alias_first_word_tuple(keys)
    alts = [f"(?P<_{j}>{_alias_regex(k)})" for j, k in enumerate(keys) if first[j] in words]
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])", re.I)


def _event_matcher(events: pd.DataFrame | None):
    """The events regex, the event (row) of each alias key and group, and the keys in regex order."""
    if events is None or len(events) == 0:
        return None, {}, []
    alias_to_row: dict[str, int] = {}
    for i, aliases in enumerate(events["aliases"].astype("str").tolist()):
        for a in aliases.split("|"):
            key = alias_key(a)
            if key:
                alias_to_row.setdefault(key, i)
    keys = sorted(alias_to_row, key=lambda k: (-len(k), k))
    # Each alias is a named group, so that a match whose text normalizes to no
    # alias ("Russo\u2013Japanese" for "Russo-Japanese") still finds its event.
    pattern = r"(?<![\w-])(?:" + "|".join(f"(?P<_{j}>{_alias_regex(k)})" for j, k in enumerate(keys)) + r")(?![\w-])"
    return re.compile(pattern, re.I), alias_to_row | {(f"_{j}",): alias_to_row[k] for j, k in enumerate(keys)}, keys


def _alias_first_word(key: str) -> str | None:
    """The ASCII word characters an alias's regex starts with (see :func:`_alias_regex`), or None."""
    w = []
    for ch in key.strip():
        if not (ch.isascii() and (ch.isalnum() or ch == "_")):
            break
        w.append(ch)
    return "".join(w).lower() or None


@functools.lru_cache(maxsize=16)
def _alias_first_word_tuple(keys: tuple[str, ...]) -> tuple[str | None, ...]:
    return tuple(_alias_first_word(k) for k in keys)


def alias_first_words(keys: list[str]) -> list[str] | None:
    """The first words of the aliases (see :func:`_alias_first_word`).

    None when an alias does not start with one (its matches cannot be
    anchored; the events are then found by a plain scan). A word of word
    characters after a non-word character cannot overlap another such word,
    so a plain ``finditer`` finds them all.
    """
    words = [_alias_first_word(k) for k in keys]
    return None if not words or None in words else sorted(set(words))


def alias_next_chars(keys: list[str], words: list[str]) -> np.ndarray:
    """For each first word (row, in *words* order): which lower-cased ASCII word characters can follow it after one whitespace.

    An alias whose first word is followed by whitespace and then an ASCII
    word character ``x`` allows ``x`` (its regex there is ``\\s+x``, case
    ignored); an alias that is one word, or whose words are followed by
    whitespace then another character, allows every character (the row is
    all True). An alias whose first word is followed by anything else
    (``'s``, ``-``) cannot match where the first word is followed by
    whitespace (see :class:`~textmine.date_engine.TextAnchors`).
    """
    row = {w: i for i, w in enumerate(words)}
    table = np.zeros((len(words), 256), dtype=bool)
    for k in keys:
        w = _alias_first_word(k)
        rest = k.strip()[len(w):]
        after = rest.lstrip()
        if not rest or (rest[0].isspace() and not (after[0].isascii() and (after[0].isalnum() or after[0] == "_"))):
            table[row[w]] = True
        elif rest[0].isspace():
            table[row[w], ord(after[0].lower())] = True
    return table


def alias_first_words_whole(keys: list[str]) -> bool:
    """Does every alias's regex match its first word as a whole word (no word character after it)?

    True unless the character after the first word of some alias is one
    whose regex also matches an ASCII word character or U+212A under
    ``re.IGNORECASE`` (such as U+017F, which matches ``s``). Then a match
    starts where the text's word (a run of those characters) is exactly an
    alias's first word (:meth:`~textmine.date_engine.WordSet.whole`).
    """
    word_chars = "0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ\u212a"
    for k in keys:
        w = _alias_first_word(k)
        rest = k.strip()[len(w):] if w is not None else ""
        if not rest or rest[0].isspace():
            continue
        piece = re.compile(_alias_regex(rest[0]), re.I)
        if any(piece.match(c) for c in word_chars):
            return False
    return True


# ---------------------------------------------------------------- time noun phrases (from the rows)
def _alternatives(words) -> str:
    return "|".join(w.replace(" ", r"\s+") for w in words)


#: "(the) (adjective) noun preposition (the)" at the end of the text before an alias.
EVENT_MODIFIER = re.compile(
    r"(?:(?:\b(?P<the>the)\s+)?(?:(?P<adj>" + _alternatives(EVENT_ADJECTIVES) + r")\s+)?"
    r"(?P<noun>" + _alternatives(EVENT_NOUNS) + r")\s+(?P<prep>" + _alternatives(p for p in EVENT_PREPOSITIONS if p != "in")
    + r")|\b(?P<adv>" + _alternatives(EVENT_ADVERBS) + r")\s+(?P<prep2>in))\s+(?:the\s+)?$",
    re.I,
)
EVENT_DET = re.compile(r"\b(?:the)\s+$", re.I)
# Quick necessary conditions for EVENT_MODIFIER and EVENT_DET, on the reversed
# window (searching every position of the window is slow): it ends with
# whitespace, an optional "the" and whitespace, after a preposition; the
# modifier is within its last words (as many as the phrase can have).
_MODIFIER_END = re.compile(r"\s+(?:eht\s+)?(?:" + "|".join(p[::-1] for p in EVENT_PREPOSITIONS) + ")", re.I)
_MODIFIER_WORDS = 2 + max(len(re.findall(r"[a-z\-]+", w)) for w in EVENT_ADJECTIVES) + max(
    len(re.findall(r"[a-z\-]+", w)) for w in EVENT_NOUNS) + max(len(re.findall(r"[a-z\-]+", w)) for w in EVENT_PREPOSITIONS)
_LAST_WORDS = re.compile(r"\s*(?:[a-z\-]+\s*){0,%d}" % _MODIFIER_WORDS, re.I)
_DET_REVERSED = re.compile(r"\s+eht\b", re.I)
# EVENT_MODIFIER without re.I (its literals are lower case), for a lower-cased window.
_MODIFIER_LOWER = re.compile(EVENT_MODIFIER.pattern)
#: A character neither ASCII nor in General Punctuation (U+2000-U+206F: spaces,
#: dashes, quotes; no letters, digits or cased characters, unchanged by lower()).
CASED_OR_WORD = re.compile(r"[^\x00-\x7f\u2000-\u206f]")
_EVENT_CUE = re.compile(r"\b(?:" + "|".join(EVENT_CUES) + r")\s+$", re.I)
_EVENT_AS = re.compile(
    r"\s+(?:was|were)\s+(?P<phase>" + "|".join(f"(?P<phase{k}>{'|'.join(p)})" for k, (p, _) in enumerate(EVENT_PHASES))
    + r")\b",
    re.I,
)
_AS_BEFORE = re.compile(r"\b[Aa]s\s+(?:the\s+)?$")


def modifier_and_det(window: str) -> tuple[re.Match | None, int | None]:
    """``EVENT_MODIFIER.search(window)`` and ``EVENT_DET.search(window).start()`` (or None).

    Both must end the window; the reversed window tells quickly whether they
    can, and where to start looking (tests/test_date_rules.py checks the equality).
    """
    backwards = window[::-1]
    mod = None
    if _MODIFIER_END.match(backwards):  # the modifier is in the last words of the window
        start = len(window) - _LAST_WORDS.match(backwards).end()
        if CASED_OR_WORD.search(window) is None:
            # Only ASCII and uncased punctuation: the case-sensitive search of the
            # lower-cased window starts where the case-insensitive one does (and
            # is twice as fast); the match itself is taken from the window.
            low = _MODIFIER_LOWER.search(window.lower(), start)
            mod = None if low is None else EVENT_MODIFIER.match(window, low.start())
        else:
            mod = EVENT_MODIFIER.search(window, start)
    det = _DET_REVERSED.match(backwards)
    return mod, (None if det is None else len(window) - det.end())


def _years_of(spec, ys: int, ye: int) -> tuple[int, int]:
    (w0, a0), (w1, a1) = spec
    return (ys if w0 == FIRST else ye) + a0, (ys if w1 == FIRST else ye) + a1


#: The modifier rows as (adjectives, nouns, prepositions, years), an empty set standing for any word.
_MODIFIER_ROWS = tuple((m.adjectives, m.nouns, m.prepositions, m.years) for m in EVENT_MODIFIERS)


def event_years(ys: int, ye: int, noun: str | None, adj: str | None, prep: str | None, phase: int | None):
    """The years a time noun phrase (or phase row *phase*) gives an event of years ``ys..ye``."""
    if phase is not None:
        return _years_of(EVENT_PHASES[phase][1], ys, ye)
    adj, noun, prep = (adj or "").lower(), (noun or "").lower(), (prep or "").lower()
    for adjectives, nouns, prepositions, years in _MODIFIER_ROWS:
        if (not adjectives or adj in adjectives) and (not nouns or noun in nouns) and (
                not prepositions or prep in prepositions):
            return _years_of(years, ys, ye)
    return ys, ye


# ---------------------------------------------------------------- the event pass
_GAP_AFTER = re.compile(r"^\s*\(?\s*(?:(?:in|on|of|during|between|from|at|since|by)\s+)?(?:the\s+)?$", re.I)
_GAP_BEFORE = re.compile(r"^\s*,?\s*(?:in|on|at|during|with|by|after|before)?\s*(?:the|its)?\s*$", re.I)
#: How far (characters) an adjacent calendar date, a time noun phrase and a cue are looked for.
CALENDAR_GAP, MODIFIER_WINDOW, CUE_WINDOW, AS_WINDOW = 20, 80, 20, 10


class CalendarIndex:
    """The explicit rows by start and by end, for :func:`next_to_calendar`."""

    def __init__(self, rows: list[dict]):
        explicit = [r for r in rows if r["kind"] == "explicit"]
        self.starts = sorted(r["start"] for r in explicit)
        self.ends = sorted(r["end"] for r in explicit)

    def next_to(self, text: str, s: int, e: int, ps: int = 0, pe: int | None = None) -> bool:
        """``next_to_calendar(text, s, e, rows)``, looking only at rows within :data:`CALENDAR_GAP` characters.

        With *ps*, *pe* (the paragraph of the span): only at the rows of that
        paragraph (a row starts before *pe* and ends after *ps*).
        """
        if pe is None:
            pe = len(text)
        i = bisect.bisect_left(self.starts, e)
        while i < len(self.starts) and self.starts[i] - e <= CALENDAR_GAP and self.starts[i] < pe:
            if _GAP_AFTER.match(text[e:self.starts[i]]):
                return True
            i += 1
        i = bisect.bisect_left(self.ends, max(s - CALENDAR_GAP, ps + 1))
        while i < len(self.ends) and self.ends[i] <= s:
            if _GAP_BEFORE.match(text[self.ends[i]:s]):
                return True
            i += 1
        return False


def next_to_calendar(text: str, s: int, e: int, rows: list[dict]) -> bool:
    """Is an explicit calendar date adjacent to the event span (same phrase)? (The reference for :class:`CalendarIndex`.)"""
    for r in rows:
        if r["kind"] != "explicit":
            continue
        if r["start"] >= e and r["start"] - e <= CALENDAR_GAP and _GAP_AFTER.match(text[e:r["start"]]):
            return True
        if r["end"] <= s and s - r["end"] <= CALENDAR_GAP and _GAP_BEFORE.match(text[r["end"]:s]):
            return True
    return False


def _event_span(text: str, a_s: int, a_e: int, ps: int, pe: int, free: bool = False):
    """The span of an alias match used as a time anchor, with its phrase words; None when it is not one.

    *free*: the alias names an era or a reign, a time wherever it follows "the".
    """
    window = text[max(ps, a_s - MODIFIER_WINDOW):a_s]
    mod, det = modifier_and_det(window)
    s, e = a_s, a_e
    noun = adj = prep = phase = None
    if mod:
        first = "the" if mod["the"] else "adj" if mod["adj"] else "noun" if mod["noun"] else "adv"
        s = a_s - (len(window) - mod.start(first))
        noun, adj, prep = mod["noun"], mod["adj"] or mod["adv"], mod["prep"] or mod["prep2"]
    elif det is not None:
        s = a_s - (len(window) - det)
    before = text[max(ps, a_s - AS_WINDOW):a_s]
    as_m = _AS_BEFORE.search(before)
    ph = _EVENT_AS.match(text, a_e, pe) if as_m else None
    if ph:
        s, e = a_s - (len(before) - as_m.start()), ph.end()
        phase = next(k for k in range(len(EVENT_PHASES)) if ph[f"phase{k}"] is not None)
    elif not mod and not (free and det is not None) and not _EVENT_CUE.search(text[max(ps, s - CUE_WINDOW):s]):
        return None
    return s, e, noun, adj, prep, phase


#: A time noun that makes an event's phrase a part of a year ("the summer of the Spanish-American War").
_SEASON_NOUNS = frozenset({"spring", "summer", "autumn", "winter"})
#: "since <event> began": the conjunction (at most 8 characters before the event's span) and the verbs that
#: make the clause ("since the war began", "since the administration took office"); the clause runs from the
#: event's first year to the time of the passage (resolve ``since_event``).
_SINCE = re.compile(r"\b[Ss]ince\s+$")
_SINCE_VERB = re.compile(r"[ \t]+(?:first[ \t]+)?(?:began|started|broke[ \t]+out|took[ \t]+office|came[ \t]+to[ \t]+power"
                         r"|opened|ended)\b")
_LINE_HEAD = re.compile(r"\n[ \t]*(?:the[ \t]+)?$", re.I)
_LINE_TAIL = re.compile(r"[ \t]*\n")


def _alone_on_line(text: str, s: int, e: int, ps: int, pe: int) -> bool:
    """Is the alias (after an optional "the") all its line holds (a heading such as "The Cotton Famine")?

    Looks at most 8 characters either side (linear time).
    """
    lo = max(ps, s - 8)
    head = ("\n" if lo == ps else "") + text[lo:s]
    rest = text[e:min(pe, e + 8)]
    at_end = (e + len(rest) == pe and not rest.strip(" \t")) or _LINE_TAIL.match(rest) is not None
    return at_end and _LINE_HEAD.search(head) is not None


def event_rows(claims, matches, text: str, bounds: tuple[list[int], list[int]], prepared: PreparedEvents,
               mentions: list | None = None) -> None:
    """The event pass: add a row to *claims* for each alias match used as a time anchor.

    *matches* are the alias matches in text order (a scanner's
    ``event_matches``); *bounds* the sorted ``(starts, ends)`` of the
    paragraphs scanned (context is looked at only inside a match's paragraph).
    *mentions*, if given, receives ``(start, first year)`` of every alias match, anchor or not (a wire
    story's year is not before the events it names: :mod:`textmine.date_stories`).
    """
    names, ystart, yend = prepared.columns
    event_of = prepared.event_of
    b_starts, b_ends = bounds
    calendar = None
    for m in matches:
        a_s, a_e = m.span()
        key = alias_key(m.group())
        i = event_of.get(key, event_of[(m.lastgroup,)])
        if mentions is not None:
            mentions.append((a_s, int(ystart[i])))
        if not claims.free(a_s, a_e):
            continue
        k = bisect.bisect_right(b_starts, a_s) - 1  # the paragraph of the match
        ps, pe = b_starts[k], b_ends[k]
        free = prepared.free[i] and (m.group()[0].isupper() or key not in prepared.capital) and not _alone_on_line(
            text, a_s, a_e, ps, pe)
        found = _event_span(text, a_s, a_e, ps, pe, free)
        if found is None:
            continue
        s, e, noun, adj, prep, phase = found
        if calendar is None:  # the explicit rows are all found by now
            calendar = CalendarIndex(claims.rows)
        if not claims.free(s, e) or calendar.next_to(text, s, e, ps, pe):
            continue
        y0, y1 = event_years(int(ystart[i]), int(yend[i]), noun, adj, prep, phase)
        resolve = "none"
        since = _SINCE.search(text, max(ps, s - 8), s) if phase is None and noun is None else None
        began = _SINCE_VERB.match(text, e, pe) if since is not None else None
        if began is not None and claims.free(since.start(), began.end()):
            # "since the Boer War began": a temporal clause, from the event's start to the time of the passage
            s, e, y1, resolve = since.start(), began.end(), y0, "since_event"
        claims.claim({
            "start": s, "end": e, "kind": "event", "rule": "event", "_resolve": resolve,
            "year_start": y0, "year_end": y1, "month": None, "day": None,
            "granularity": "season" if noun in _SEASON_NOUNS else "year" if y0 == y1 else "years", "event": names[i],
        })
