"""Token selection shared by the term statistics: which rows count, in what order.

Internal module (not part of the public API). :func:`textmine.term_counts`,
:func:`textmine.ngrams`, :func:`textmine.collocations`,
:func:`textmine.kwic` and :func:`textmine.dispersion` all read a token frame
the same way:

* :func:`select_tokens` picks the grouping and term columns and a keep-mask
  from the ``voice``, punctuation, number and citation filters (one rule for
  every function, with a warning for rows whose group is missing);
* :func:`reading_order` is the row order: documents in order of appearance,
  then ``token_id``;
* :func:`fold` folds a term as the ``norm`` column is folded (lower case,
  ``’`` → ``'``), so that ``terms=["Lenin’s"]`` finds ``lenin's``.
"""

from __future__ import annotations

import difflib
import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ._frames import require_columns
from .errors import InputError, TextmineWarning

__all__ = ["VOICES", "VOICE_OPTIONS", "check_voice", "voice_column", "fold", "select_tokens", "reading_order"]

#: Values of ``voice=`` and of the derived ``voice`` grouping column.
VOICES = ("author", "quoted")

#: Values of the ``voice=`` option of the term statistics.
VOICE_OPTIONS = ("all", "author", "quoted")


def check_voice(voice: str, func: str) -> None:
    """``InputError`` unless *voice* is one of :data:`VOICE_OPTIONS` (with a "did you mean")."""
    if voice not in VOICE_OPTIONS:
        close = difflib.get_close_matches(str(voice), VOICE_OPTIONS, n=1)
        guess = f" Did you mean {close[0]!r}?" if close else ""
        raise InputError(f"{func}: voice must be one of {list(VOICE_OPTIONS)}, got {voice!r}.{guess}")


def voice_column(in_quote: pd.Series) -> pd.Categorical:
    """``author`` / ``quoted`` (ordered categorical) from a boolean ``in_quote`` column."""
    q = in_quote.fillna(False).to_numpy(dtype=bool)
    return pd.Categorical.from_codes(q.astype(np.int8), categories=list(VOICES), ordered=True)


def fold(s: str) -> str:
    """Fold a term the way the ``norm`` column is folded (lower case, ’ → ')."""
    return s.lower().replace("\u2019", "'")


def reading_order(tokens: pd.DataFrame) -> np.ndarray:
    """Row order: documents in order of appearance, then ``token_id``."""
    if "token_id" not in tokens.columns:
        return np.arange(len(tokens))
    doc = pd.factorize(tokens["doc_id"])[0] if "doc_id" in tokens.columns else np.zeros(len(tokens), dtype=np.int64)
    return np.lexsort((tokens["token_id"].to_numpy(), doc))


def select_tokens(
    tokens: pd.DataFrame,
    *,
    func: str,
    by: list[str],
    voice: str,
    term: str,
    include_punct: bool,
    include_numbers: bool,
    include_citations: bool,
    extra: Sequence[str] = (),
) -> tuple[pd.DataFrame, np.ndarray]:
    """Columns *by* (a derived ``voice`` if needed), ``term`` and *extra*, plus a keep-mask.

    The returned frame is aligned with *tokens* row for row (fresh RangeIndex);
    the mask says which rows pass the voice, punctuation, number and citation
    filters and have a non-missing term and group (rows with a missing group
    are left out with a warning).
    """
    check_voice(voice, func)
    flags = {"include_punct": include_punct, "include_numbers": include_numbers, "include_citations": include_citations}
    for name, flag in flags.items():
        if not isinstance(flag, (bool, np.bool_)):
            raise TypeError(f"{func}: {name} must be True or False, got {flag!r}.")
    derive_voice = "voice" in by and "voice" not in tokens.columns
    _require_selected(tokens, func=func, by=by, voice=voice, term=term, extra=extra, derive_voice=derive_voice, **flags)
    out = _selected_columns(tokens, by=by, term=term, extra=extra, derive_voice=derive_voice)
    keep = out["term"].notna().to_numpy().copy()
    keep &= _kind_mask(tokens, include_punct=include_punct, include_numbers=include_numbers)
    if not include_citations:
        keep &= ~tokens["in_citation"].fillna(False).to_numpy(dtype=bool)
    if voice != "all":
        q = _quoted(tokens)
        keep &= q if voice == "quoted" else ~q
    if by:
        na = out[by].isna().any(axis=1).to_numpy()
        dropped = int((na & keep).sum())
        if dropped:
            warnings.warn(
                f"{func}: {dropped} token(s) have a missing value in {by} and were left out; "
                "fill the column (e.g. with 'unassigned') to count them.",
                category=TextmineWarning, stacklevel=3,
            )
        keep &= ~na
    return out, keep


def _require_selected(
    tokens: pd.DataFrame, *, func: str, by: list[str], voice: str, term: str, extra: Sequence[str],
    derive_voice: bool, include_punct: bool, include_numbers: bool, include_citations: bool,
) -> None:
    """The columns :func:`select_tokens` reads, checked, with a hint for the filters that need them."""
    need = [term, *extra]
    if not include_punct or not include_numbers:
        need.append("kind")
    if not include_citations:
        need.append("in_citation")
    if (voice != "all" and "voice" not in tokens.columns) or derive_voice:
        need.append("in_quote")
    need += [c for c in by if not (c == "voice" and derive_voice)]
    hint_bits = []
    if "kind" in need and "kind" not in tokens.columns:
        hint_bits.append("pass include_punct=True and include_numbers=True to keep every row")
    if "in_citation" in need and "in_citation" not in tokens.columns:
        hint_bits.append("pass include_citations=True, or use doc.tokens, which has in_citation")
    require_columns(tokens, need, func=func, arg="tokens", hint="; ".join(hint_bits))


def _selected_columns(tokens: pd.DataFrame, *, by: list[str], term: str, extra: Sequence[str], derive_voice: bool) -> pd.DataFrame:
    """The *by* columns (``voice`` derived from ``in_quote`` if asked), ``term`` and *extra*, with a fresh RangeIndex."""
    out = pd.DataFrame(index=pd.RangeIndex(len(tokens)))
    for c in by:
        if c == "voice" and derive_voice:
            out["voice"] = voice_column(tokens["in_quote"].reset_index(drop=True))
        else:
            out[c] = tokens[c].reset_index(drop=True)
    out["term"] = tokens[term].reset_index(drop=True)
    for c in extra:
        if c not in out.columns:
            out[c] = tokens[c].reset_index(drop=True)
    return out


def _kind_mask(tokens: pd.DataFrame, *, include_punct: bool, include_numbers: bool) -> np.ndarray:
    """Rows kept by the punctuation and number filters."""
    keep = np.ones(len(tokens), dtype=bool)
    if include_punct and include_numbers:
        return keep
    kind = tokens["kind"].astype("object").to_numpy()
    if not include_punct:
        keep &= kind != "punct"
    if not include_numbers:
        keep &= kind != "number"
    return keep


def _quoted(tokens: pd.DataFrame) -> np.ndarray:
    """Whether each token is in the quoted voice: its ``voice`` column if it has one, else ``in_quote``."""
    if "voice" in tokens.columns:
        return (tokens["voice"].astype("object") == "quoted").to_numpy(dtype=bool)
    return tokens["in_quote"].fillna(False).to_numpy(dtype=bool)
