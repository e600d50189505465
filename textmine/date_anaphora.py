"""Anaphoric event descriptions: "after the flood" once the text has dated the flood.

Internal to :mod:`textmine.dates`. The rule ``anaphora`` of
:data:`textmine.date_rules.DATE_RULES` finds a temporal preposition and a
definite description of an event ("after the flood", "before the dock
strikes"; the nouns are :data:`ANAPHORA_NOUNS`). Such a phrase is a
date only when the text has dated the same thing before: a mention of
"the <noun>" (with at least the reference's modifier words) followed, in its
sentence, by an explicit date ("The dock strikes of 1911 were bitter ...")
or followed by a sentence that begins with a pronoun and holds one ("...
was the flood. It came on 3 May 1927"). The
reference takes that date (kind ``relative``, ``anchor_date_id`` the date;
kind ``event`` when the date was part of the description, "the dock strikes
of 1911", which then names the event); without such an introduction it is
no row.

An offset from such a description ("three weeks after the strike began",
rule ``offset_after``) counts from its introducing date too.

Linear time: one scan of the text for the mentions (a regex led by "the"),
each mention looks at most :data:`INTRO_REACH` characters ahead, and the
references look up the latest introduction of their noun.
"""

from __future__ import annotations

import bisect
import re

__all__ = ["ANAPHORA_NOUNS", "INTRO_REACH", "link_anaphora"]

#: Nouns of events a text dates once and then refers back to ("the flood", "the strike"); single words of
#: letters (the windowed scanner anchors on them).
ANAPHORA_NOUNS = (
    "hurricane", "hurricanes", "storm", "storms", "gale", "flood", "floods", "fire", "blaze", "earthquake",
    "explosion", "disaster", "wreck", "strike", "strikes", "lockout", "riot", "riots", "epidemic",
    "famine", "drought", "blizzard", "referendum", "crash", "panic", "slump", "rising", "uprising", "mutiny", "coup",
    "massacre", "raid",
)
#: How far (characters) after a mention its introducing date may start.
INTRO_REACH = 200

_NOUNS = "|".join(sorted((re.escape(n) for n in ANAPHORA_NOUNS), key=len, reverse=True))
_MENTION = re.compile(r"\b[Tt]he\s+(?P<mods>(?:[a-z]+\s+){0,2}?)(?P<noun>" + _NOUNS + r")\b(?![\-'\u2019])")
_SENTENCE_END = re.compile(r"[.!?]")
_NAMING_GAP = re.compile(r"\s+(?:of|in)\s+\Z")
_PRONOUN_START = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+(?:It|They|This|That|These|Those)\b")


def _intro_row(text: str, end: int, starts: list[int], rows: list[dict], para_end: int) -> tuple[dict, bool] | None:
    """The explicit date that dates a mention ending at *end*: in its sentence, or in the next when that
    sentence begins with a pronoun; None otherwise. The flag: the date is part of the mention's own noun
    phrase ("the dock strikes of 1911"), which then names an event."""
    k = bisect.bisect_left(starts, end)
    while k < len(rows) and rows[k]["start"] < min(para_end, end + INTRO_REACH):
        r = rows[k]
        if r["kind"] == "explicit" and (r["year_start"] is not None or r["_resolve"] == "context_year"):
            gap = text[end:r["start"]]
            ends = len(_SENTENCE_END.findall(gap))
            if ends == 0 or (ends == 1 and _PRONOUN_START.search(gap)):
                return r, _NAMING_GAP.match(gap) is not None
            return None
        k += 1
    return None


def link_anaphora(rows: list[dict], text: str, p_starts: list[int], p_ends: list[int]) -> list[dict]:
    """*rows* (sorted by start) with each ``anaphora`` row given its introducing date (``_intro``) or dropped."""
    if not any(r["_resolve"] == "anaphora" or r["rule"] == "offset_after" for r in rows):
        return rows
    refs = {r["start"]: r for r in rows if r["_resolve"] == "anaphora"}
    for r in rows:  # "three weeks after the strike began": the strike the text dated, if it did
        if r["rule"] == "offset_after":
            m = _MENTION.search(text, r["start"], r["end"])
            if m is not None:
                refs[m.start()] = r
    starts = [r["start"] for r in rows]
    latest: dict[str, list[tuple[frozenset, dict]]] = {}  # noun -> the introductions so far (their modifiers)
    if not refs:
        return rows
    hi = max(refs)
    for m in _MENTION.finditer(text):
        if m.start() > hi:
            break
        noun, mods = m["noun"].lower(), frozenset(m["mods"].split())
        ref = refs.get(m.start())
        if ref is not None:
            intro = next((found for ms, found in reversed(latest.get(noun, [])) if mods <= ms), None)
            if intro is not None and ref["rule"] == "offset_after":
                ref["_intro_anchor"] = intro[0]  # the offset counts from the thing's own date
            elif intro is not None:
                ref["_intro"], named = intro
                if named:  # "the dock strikes of 1911" named the event: the reference is to an event
                    ref["kind"], ref["event"] = "event", text[ref["start"]:ref["end"]]
        k = bisect.bisect_right(p_starts, m.start()) - 1
        para_end = p_ends[k] if k >= 0 else len(text)
        found = _intro_row(text, m.end(), starts, rows, para_end)
        if found is not None:
            latest.setdefault(noun, []).append((mods, found))
            del latest[noun][:-4]  # the last few introductions of a noun are enough (a bound)
    return [r for r in rows if r["_resolve"] != "anaphora" or "_intro" in r]
