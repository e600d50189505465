"""The default English stop-word list.

The list is the Snowball (Porter) English stop list as distributed with NLTK
(179 words), with apostrophes written as ASCII ``'`` so that it matches the
``norm`` column of the token table (where curly apostrophes are folded).
Replace it anywhere a ``stop_words`` argument is accepted with any iterable of
strings; ``()`` disables stop words.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["ENGLISH_STOP_WORDS", "as_stop_set"]

ENGLISH_STOP_WORDS: frozenset[str] = frozenset(
    """
    i me my myself we our ours ourselves you you're you've you'll you'd your
    yours yourself yourselves he him his himself she she's her hers herself it
    it's its itself they them their theirs themselves what which who whom this
    that that'll these those am is are was were be been being have has had
    having do does did doing a an the and but if or because as until while of
    at by for with about against between into through during before after
    above below to from up down in out on off over under again further then
    once here there when where why how all any both each few more most other
    some such no nor not only own same so than too very s t can will just don
    don't should should've now d ll m o re ve y ain aren aren't couldn
    couldn't didn didn't doesn doesn't hadn hadn't hasn hasn't haven haven't
    isn isn't ma mightn mightn't mustn mustn't needn needn't shan shan't
    shouldn shouldn't wasn wasn't weren weren't won won't wouldn wouldn't
    """.split()
)


def as_stop_set(stop_words: Iterable[str] | None, *, func: str = "textmine") -> frozenset[str]:
    """Return *stop_words* as a frozenset of lower-cased strings.

    ``None`` gives :data:`ENGLISH_STOP_WORDS`. Any iterable of strings is
    accepted (list, set, Series, generator). A single string is refused,
    because iterating it would give its characters.
    """
    if stop_words is None:
        return ENGLISH_STOP_WORDS
    if isinstance(stop_words, (str, bytes)):
        raise TypeError(
            f"{func}: stop_words must be an iterable of words, not a single string "
            f"({stop_words[:30]!r}); pass e.g. [{stop_words[:30]!r}] or "
            "stop_words=() for none."
        )
    try:
        words = [w for w in stop_words]
    except TypeError:
        raise TypeError(
            f"{func}: stop_words must be an iterable of strings, "
            f"got {type(stop_words).__name__}."
        ) from None
    bad = [w for w in words if not isinstance(w, str)]
    if bad:
        raise TypeError(
            f"{func}: stop_words must contain strings only; got {bad[0]!r} "
            f"({type(bad[0]).__name__})."
        )
    return frozenset(w.lower().replace("\u2019", "'") for w in words)
