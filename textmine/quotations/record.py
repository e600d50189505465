"""The one record every pass of the pipeline reads and fills: :class:`Quotation`.

Each pass of :func:`textmine.quotations.find_quotations` sets its own
fields (the comments below name the pass); :func:`quotation_frame` turns
the records into the output frame, :func:`span_frame` into the
:func:`textmine.quotations.quotation_spans` frame.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter

import numpy as np
import pandas as pd

from ..spans import ID_DTYPE, doc_id_column, ids, nullable_ids
from .names import surname

__all__ = ["Quotation", "SpeechTag", "QUOTATION_COLUMNS", "SPAN_COLUMNS", "quotation_frame", "span_frame",
           "speaker_value"]

#: Output columns of :func:`textmine.quotations.find_quotations`, in order.
QUOTATION_COLUMNS = [
    "doc_id", "quote_id", "start", "end", "text", "para_start", "para_end", "n_tokens",
    "kind", "speaker", "speaker_rule", "citation_id", "group_id", "closed",
    "n_words", "n_nested", "speaker_name", "speaker_kind", "style",
]
#: Output columns of :func:`textmine.quotations.quotation_spans`: those of
#: :func:`~textmine.quotations.find_quotations` that the span finder decides.
SPAN_COLUMNS = ["doc_id", "quote_id", "start", "end", "para_start", "para_end", "closed", "style"]


@dataclass(slots=True)
class SpeechTag:
    """A speech tag right after a quotation (``“...,” Lenin explained``)."""

    according: bool  # "according to X"
    name: str | None  # the name as written; None for a pronoun or an unnamed tag ("the chairman wrote")
    pronoun: bool  # the tag's speaker is a pronoun (resolved by the speakers pass)
    pos: int  # offset of the name or pronoun (of the tag when unnamed)
    end: int  # offset where the tag ends
    joins_next: bool  # only the tag stands between this quotation and the next: one group
    description: str | None = None  # an unnamed tag's word for its speaker ("director", "paper", "it")
    kind: str = "person"  # the kind of its cue: person, organisation, periodical, author


@dataclass(init=False, slots=True)
class Quotation:
    """One quotation as the passes see it (offsets into the document text).

    Made from its span (the pairing passes); every other field starts at
    its default until its pass sets it. Slots, not a dict per record: a
    text of hundreds of thousands of quotations makes that many objects,
    which the garbage collector walks again and again.
    """

    # marks, pairing, paragraph continuation
    start: int  # the opening mark
    para_start: int
    end: int = -1  # after the closing mark; the paragraph end (or the next opening mark) when unclosed
    para_end: int = -1
    closed: bool = False
    secondary: bool = False  # found in the inner marks outside every outer quotation
    cont: Sequence[int] = ()  # paragraph starts where it continues (a list when it does)
    # contents and context
    text: str = ""  # between the outer marks
    n_tokens: int = 0
    n_words: int = 0
    n_nested: int = 0
    para_initial: bool = False  # opens its paragraph
    block: bool = False  # opens its paragraph and runs to its end (a citation aside), or over several
    prefix_start: int = 0  # start of what precedes it in its sentence (the prefix ends at ``start``)
    after_colon: bool = False  # the prefix ends with ":"
    after_comma: bool = False  # the prefix ends with ","
    prev_word: str = ""  # last word of the prefix, lower case ("" for none or a word over 40 letters)
    # speech-tag groups, citation links
    tag: SpeechTag | None = None
    citation: int | None = None  # position in the citation columns (links pass), not the citation_id
    in_citation: bool = False  # inside a citation's span (a note or reference entry)
    group: int = 0  # index of the group's first quotation
    # kinds, speakers
    kind: str = ""
    kind_rule: str = ""  # the kind rule that decided (see textmine.quotations.kinds.KIND_RULES)
    speaker_name: str | None = None
    speaker_rule: str | None = None
    speaker_kind: str = ""  # person, organisation, periodical or author ("" when there is no speaker)

    def __init__(self, start: int, para_start: int, end: int = -1, para_end: int = -1, closed: bool = False,
                 secondary: bool = False, cont: Sequence[int] | None = None):
        self.start, self.para_start, self.end, self.para_end = start, para_start, end, para_end
        self.closed, self.secondary, self.cont = closed, secondary, () if cont is None else cont
        self.text, self.n_tokens, self.n_words, self.n_nested = "", 0, 0, 0
        self.para_initial = self.block = self.after_colon = self.after_comma = False
        self.prefix_start, self.prev_word, self.tag, self.citation, self.group = 0, "", None, None, 0
        self.kind = self.kind_rule = ""
        self.in_citation = False
        self.speaker_name = self.speaker_rule = None
        self.speaker_kind = ""


def speaker_value(name: str | None, kind: str) -> str | None:
    """The ``speaker`` column: a person's (or the author's) surname, an organisation's or periodical's
    full name without a leading ``the``."""
    if kind in ("organisation", "periodical") and name:
        return name[4:] if name.startswith(("the ", "The ")) else name
    return surname(name)


def span_frame(quotes: list[Quotation], doc_id: str, style: str) -> pd.DataFrame:
    """The :data:`SPAN_COLUMNS` frame of the quotations."""
    n = len(quotes)
    return pd.DataFrame(
        {
            "doc_id": doc_id_column(doc_id, n),
            "quote_id": np.arange(n, dtype=ID_DTYPE),
            "start": ids(list(map(attrgetter("start"), quotes))),
            "end": ids(list(map(attrgetter("end"), quotes))),
            "para_start": ids(list(map(attrgetter("para_start"), quotes))),
            "para_end": ids(list(map(attrgetter("para_end"), quotes))),
            "closed": np.array(list(map(bool, map(attrgetter("closed"), quotes))), dtype=bool),
            "style": pd.array([style] * n, dtype="str"),
        },
        columns=SPAN_COLUMNS,
    )


def quotation_frame(quotes: list[Quotation], doc_id: str, style: str, citation_ids: np.ndarray) -> pd.DataFrame:
    """The :data:`QUOTATION_COLUMNS` frame, built column by column (no per-row pandas work).

    ``q.citation`` is a position in *citation_ids* (the citation ids in the
    order the links pass read the citations), or None.
    """
    n = len(quotes)

    def col(name: str) -> list:
        return list(map(attrgetter(name), quotes))

    def ints(name: str) -> np.ndarray:
        return np.fromiter(map(attrgetter(name), quotes), dtype=np.int64, count=n)

    def strs(values: list) -> pd.api.extensions.ExtensionArray:
        return pd.array(values, dtype="str")

    cit = col("citation")
    missing = np.fromiter((c is None for c in cit), dtype=bool, count=n)
    names = col("speaker_name")
    kinds = col("speaker_kind")
    return pd.DataFrame(
        {
            "doc_id": doc_id_column(doc_id, n),
            "quote_id": np.arange(n, dtype=ID_DTYPE),
            "start": ids(ints("start")),
            "end": ids(ints("end")),
            "text": strs(col("text")),
            "para_start": ids(ints("para_start")),
            "para_end": ids(ints("para_end")),
            "n_tokens": ints("n_tokens"),
            "kind": strs(col("kind")),
            "speaker": strs(list(map(speaker_value, names, kinds))),
            "speaker_rule": strs(col("speaker_rule")),
            "citation_id": nullable_ids([0 if c is None else int(citation_ids[c]) for c in cit], missing),
            "group_id": ids(ints("group")),
            "closed": np.fromiter(map(bool, col("closed")), dtype=bool, count=n),
            "n_words": ints("n_words"),
            "n_nested": ints("n_nested"),
            "speaker_name": strs(names),
            "speaker_kind": strs([k or None for k in kinds]),
            "style": pd.array([style] * n, dtype="str"),
        },
        columns=QUOTATION_COLUMNS,
    )
