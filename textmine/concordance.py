"""Keyword in context (KWIC): every match of a word, phrase or regex with its context.

Matching is done on tokens, so a match always starts and ends on token
boundaries and ``doc.text[start:end]`` is exactly the ``match`` column.

Patterns
    * a word: ``"revolution"``; ``*`` is a wildcard inside a token
      (``"revolution*"`` also finds *revolutionary*, *revolutions*);
    * a phrase: words separated by spaces, ``"peaceful coexistence"``,
      matched on consecutive tokens (tokenised like the text, so
      ``"Lenin's"`` or ``"world revolution,"`` line up with the tokens);
    * with ``regex=True``, each space-separated part is a regular expression
      that must match a whole token (``re.fullmatch``): ``r"revolution\\w*"``,
      ``r"(soviet|russian) \\w+"``.

Case
    ``case=False`` (default) compares with the ``norm`` column (lower case,
    curly apostrophe folded to ``'``), folding the pattern the same way;
    ``case=True`` compares with the ``token`` column as written.

Context
    *window* tokens (punctuation included) on each side. By default context
    and matches never cross paragraph boundaries (``within="para_id"``): a
    concordance line that ran into the next paragraph would put words side
    by side that the author separated. Pass ``within="sent_id"`` for
    sentence-bounded lines or ``within=None`` for document-bounded ones.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from ._frames import require_columns, require_int
from ._tokens import fold, reading_order
from .errors import InputError

__all__ = ["kwic"]

#: Token-level columns not carried into the concordance (the rest are, e.g.
#: ``period``, ``in_quote``, ``quote_id``, ``in_citation``, ``speaker``).
_TOKEN_LEVEL = {"token_id", "start", "end", "token", "norm", "kind", "is_stop"}


def _pattern_parts(pattern: str, *, regex: bool, case: bool) -> list[re.Pattern]:
    """Compiled full-match regexes, one per token of the pattern."""
    from .segment import token_spans

    chunks = pattern.split()
    parts: list[str] = []
    for chunk in chunks:
        if regex or "*" in chunk:
            parts.append(chunk)
        else:
            s, e = token_spans(chunk)
            parts.extend(chunk[a:b] for a, b in zip(s.tolist(), e.tolist()))
    compiled = []
    flags = 0 if case else re.IGNORECASE
    for p in parts:
        if not case:
            p = p.replace("\u2019", "'")
        if regex:
            compiled.append(re.compile(p, flags))
        else:
            if not case:
                p = fold(p)
            body = ".*".join(re.escape(x) for x in p.split("*"))
            compiled.append(re.compile(body, flags))
    return compiled


def kwic(
    doc_or_tokens: Any,
    pattern: str | Sequence[str],
    *,
    window: int = 5,
    regex: bool = False,
    case: bool = False,
    within: str | None = "para_id",
    text: str | None = None,
    sort: str | Sequence[str] | None = None,
) -> pd.DataFrame:
    """Keyword-in-context concordance of a word, phrase or regex.

    Parameters
    ----------
    doc_or_tokens : Document or DataFrame
        A :class:`textmine.Document` (its ``tokens`` and ``text`` are used;
        a Document returned by ``doc.replace(tokens=...)`` with a ``period``
        column carries it through), or a token frame. With a bare token frame
        pass ``text=doc.text`` to get the text exactly as written; without
        it, ``left``/``match``/``right`` are the tokens joined by spaces.
    pattern : str or list of str
        Word, phrase or (with ``regex=True``) regexes; see the module notes.
        Several patterns give one block of rows per match of each.
    window : int
        Tokens of context on each side (punctuation counts as a token).
    regex : bool
        Treat each space-separated part as a regex that must match a whole
        token.
    case : bool
        Case-sensitive matching on ``token`` instead of ``norm``.
    within : str or None
        Column whose boundaries clip matches and context (default
        ``"para_id"``); ``None`` clips only at document boundaries.
    text : str, optional
        The document text, when *doc_or_tokens* is a token frame.
    sort : str or list of str, optional
        Sort the lines as AntConc and WordSmith do, by the words at given
        positions, one level after another: ``"R1"`` (AntConc's ``1R``) is
        the first word right of the match, ``"L2"`` the second word to its
        left, ``"match"`` the match itself; ``["R1", "R2", "L1"]`` sorts by
        R1, ties by R2, then by L1, then in reading order. Positions count
        words: punctuation tokens are skipped (AntConc's tokens have no
        punctuation), and no position lies beyond the *within* unit (a
        line whose paragraph ends before R2 sorts after every R2 word).
        Words compare as the matching does (``norm`` unless ``case=True``)
        in code-point order. Default: reading order.

    Returns
    -------
    DataFrame
        ``doc_id, para_id, sent_id, token_id, start, end, pattern, left,
        match, right, n_tokens`` (those id columns present in the tokens),
        then every other non token-level column of the first matched token
        (``in_quote``, ``quote_id``, ``in_citation``, ``period``...).
        ``token_id``, ``sent_id`` and ``para_id`` are those of the first
        matched token; ``start``/``end`` span the match in the text, so
        ``text[start:end] == match``; ``n_tokens`` is the number of tokens
        matched. Rows in reading order (document, ``token_id``), then in the
        order of *pattern*. With *sort*, one more column per ``L``/``R``
        level (named ``"L1"``, ``"R2"``...: the word at that position, empty
        where there is none), and rows in sorted order.

    Examples
    --------
    >>> kwic(doc, "peaceful coexistence", window=6)        # doctest: +SKIP
    >>> kwic(doc, r"revolution\\w*", regex=True)             # doctest: +SKIP
    >>> kwic(doc, "peace", sort=["R1", "R2", "L1"])          # doctest: +SKIP
    """
    func = "textmine.kwic"
    if isinstance(doc_or_tokens, pd.DataFrame):
        tokens = doc_or_tokens
        if text is not None and not isinstance(text, str):
            raise TypeError(f"{func}: text must be a str (doc.text), got {type(text).__name__}.")
    elif hasattr(doc_or_tokens, "tokens") and hasattr(doc_or_tokens, "text") and isinstance(getattr(doc_or_tokens, "text"), str):
        if text is not None:
            raise InputError(f"{func}: text= is only for token frames; a Document brings its own text.")
        tokens = doc_or_tokens.tokens
        text = doc_or_tokens.text
    else:
        raise TypeError(
            f"{func}: expected a Document or a token frame, got {type(doc_or_tokens).__name__}; "
            "pass doc (from textmine.load) or doc.tokens with text=doc.text."
        )
    if isinstance(pattern, str):
        patterns = [pattern]
    elif isinstance(pattern, Sequence) and not isinstance(pattern, bytes):
        patterns = list(pattern)
    else:
        raise TypeError(f"{func}: pattern must be a str or a list of str, got {type(pattern).__name__}.")
    for p in patterns:
        if not isinstance(p, str):
            raise TypeError(f"{func}: each pattern must be a str, got {type(p).__name__}.")
        if not p.strip():
            raise InputError(f"{func}: empty pattern; pass a word, a phrase or a regex.")
    if not patterns:
        raise InputError(f"{func}: no pattern given; pass a word, a phrase or a regex.")
    window = require_int(window, func=func, arg="window", minimum=0)
    for name, flag in (("regex", regex), ("case", case)):
        if not isinstance(flag, (bool, np.bool_)):
            raise TypeError(f"{func}: {name} must be True or False, got {flag!r}.")
    if within is not None and not isinstance(within, str):
        raise TypeError(f"{func}: within must be a column name or None, got {type(within).__name__}.")
    col = "token" if case else "norm"
    need = [col] + ([within] if within else []) + (["start", "end"] if text is not None else [])
    require_columns(tokens, need, func=func, arg="tokens", hint="Pass doc or doc.tokens.")
    compiled = []
    for p in patterns:
        try:
            compiled.append(_pattern_parts(p, regex=regex, case=case))
        except re.error as exc:
            raise InputError(f"{func}: pattern {p!r} is not a valid regular expression ({exc}); escape special characters or pass regex=False.") from None
        if not compiled[-1]:
            raise InputError(f"{func}: pattern {p!r} has no token to match.")

    return _lines(tokens, text, patterns, compiled, col=col, window=window, within=within,
                  levels=_sort_levels(sort, func))


_LEVEL = re.compile(r"^(?:([LR])(\d+)|(\d+)([LR]))$", re.IGNORECASE)


def _sort_levels(sort: Any, func: str) -> list[tuple[str, int]]:
    """``[("R", 1), ("L", 2), ("match", 0)]`` from ``["R1", "2L", "match"]``."""
    if sort is None:
        return []
    names = [sort] if isinstance(sort, str) else sort
    if not isinstance(names, Sequence) or isinstance(names, bytes):
        raise TypeError(f"{func}: sort must be a level such as 'R1' or a list of levels, got {type(sort).__name__}.")
    levels = []
    for name in names:
        if not isinstance(name, str):
            raise TypeError(f"{func}: sort levels must be strings such as 'R1', 'L2' or 'match'; got {name!r}.")
        if name.strip().lower() == "match":
            levels.append(("match", 0))
            continue
        m = _LEVEL.match(name.strip())
        if not m or int(m.group(2) or m.group(3)) < 1:
            raise InputError(
                f"{func}: sort level {name!r} is not a position; use 'L1'..'L9' (left of the match), "
                "'R1'..'R9' (right), AntConc's '1L'/'1R', or 'match'."
            )
        levels.append(((m.group(1) or m.group(4)).upper(), int(m.group(2) or m.group(3))))
    if len(set(levels)) != len(levels):
        raise InputError(f"{func}: sort names a level twice: {list(names)}.")
    return levels


def _lines(tokens: pd.DataFrame, text: str | None, patterns: list[str], compiled: list[list[re.Pattern]], *,
           col: str, window: int, within: str | None, levels: list[tuple[str, int]]) -> pd.DataFrame:
    """The concordance: matching on the distinct values of *col*, output built for the hits only.

    Works on arrays in reading order without reordering the frame, so its
    cost beyond one pass over the column is proportional to the matches.
    """
    from ._codes import in_order, reading_order, term_codes, units

    order = reading_order(tokens)
    m = len(tokens)
    ids = [c for c in ("doc_id", "para_id", "sent_id", "token_id", "start", "end") if c in tokens.columns]
    carry = [c for c in tokens.columns if c not in _TOKEN_LEVEL and c not in ids]
    columns = {c: tokens[c].dtype for c in ids}
    columns.update({"pattern": "str", "left": "str", "match": "str", "right": "str", "n_tokens": "int64"})
    columns.update({c: tokens[c].dtype for c in carry})
    columns.update({f"{side}{k}": "str" for side, k in levels if side != "match"})

    codes, vocab = term_codes(tokens[col])
    codes = in_order(codes, order)
    run = units(tokens, order, within)  # a line never leaves its run
    found_rows, found_lens, found_pattern = [], [], []  # per pattern: first rows, tokens matched, its index
    cache: dict[str, np.ndarray] = {}
    for pi, parts in enumerate(compiled):
        masks = []
        for rx in parts:
            key = f"{rx.pattern}\x00{rx.flags}"
            if key not in cache:
                on_vocab = np.fromiter((rx.fullmatch(v) is not None for v in vocab), dtype=bool, count=len(vocab))
                on_missing = rx.fullmatch("") is not None  # a missing value (code -1: the last entry) is ""
                cache[key] = np.append(on_vocab, on_missing)[codes]
            masks.append(cache[key])
        k = len(masks)
        cand = np.flatnonzero(masks[0])
        if k > 1:
            cand = cand[cand + k - 1 < m]
            cand = cand[run[cand + k - 1] == run[cand]]
            for d in range(1, k):
                cand = cand[masks[d][cand + d]]
        found_rows.append(cand)
        found_lens.append(np.full(len(cand), k, dtype=np.int64))
        found_pattern.append(np.full(len(cand), pi, dtype=np.int64))
    rows = np.concatenate(found_rows).astype(np.int64)
    if not len(rows):
        return pd.DataFrame({c: pd.Series(dtype=d) for c, d in columns.items()})
    which = np.concatenate(found_pattern)
    by_row = np.lexsort((which, rows))  # reading order, then the order of the patterns
    rows, lens, which = rows[by_row], np.concatenate(found_lens)[by_row], which[by_row]
    last = rows + lens - 1
    first_row = np.searchsorted(run, run[rows], side="left")
    last_row = np.searchsorted(run, run[rows], side="right") - 1
    lo = np.maximum(rows - window, first_row)
    hi = np.minimum(last + window, last_row)

    def src(r: np.ndarray) -> np.ndarray:
        """Rows of *tokens* for reading-order rows *r*."""
        return r if order is None else order[r]

    if text is not None:
        starts = tokens["start"].to_numpy(dtype=np.int64)
        ends = tokens["end"].to_numpy(dtype=np.int64)

        def spans(a: np.ndarray, b: np.ndarray) -> list[str]:
            """Text of rows a..b inclusive (empty where a > b)."""
            sa, eb = starts[src(np.minimum(a, b))], ends[src(b)]
            return [text[x:y] if i <= j else "" for x, y, i, j in zip(sa.tolist(), eb.tolist(), a.tolist(), b.tolist())]
    else:
        if "token" in tokens.columns:
            words = in_order(tokens["token"].astype("str").to_numpy(dtype=object), order)
        else:  # the compared column itself (codes are in reading order already)
            words = np.where(codes >= 0, np.asarray(vocab, dtype=object)[np.maximum(codes, 0)], "")

        def spans(a: np.ndarray, b: np.ndarray) -> list[str]:
            return [" ".join(words[i:j + 1]) if i <= j else "" for i, j in zip(a.tolist(), b.tolist())]

    at, at_last = src(rows), src(last)
    out = pd.DataFrame({c: tokens[c].iloc[at].reset_index(drop=True) for c in ids})
    if "end" in ids:
        out["end"] = tokens["end"].iloc[at_last].reset_index(drop=True)
    out["pattern"] = pd.Series(np.asarray(patterns, dtype=object)[which], dtype="str")
    out["left"] = pd.Series(spans(lo, rows - 1), dtype="str")
    out["match"] = pd.Series(spans(rows, last), dtype="str")
    out["right"] = pd.Series(spans(last + 1, hi), dtype="str")
    out["n_tokens"] = lens
    for c in carry:
        out[c] = tokens[c].iloc[at].reset_index(drop=True)
    if not levels:
        return out
    return _sorted(out, tokens, order, codes, vocab, levels, rows, last, first_row, last_row)


def _sorted(out: pd.DataFrame, tokens: pd.DataFrame, order, codes: np.ndarray, vocab: np.ndarray,
            levels: list[tuple[str, int]], rows: np.ndarray, last: np.ndarray,
            first_row: np.ndarray, last_row: np.ndarray) -> pd.DataFrame:
    """Add a column per L/R level (the word there) and sort by the levels, then reading order."""
    from ._codes import in_order, word_mask

    if "kind" in tokens.columns:
        is_word = in_order(word_mask(tokens, func="textmine.kwic", include_punct=False, include_numbers=True,
                                     include_citations=True), order)
    else:
        is_word = np.ones(len(codes), dtype=bool)
    word_rows = np.flatnonzero(is_word)
    words_upto = np.cumsum(is_word)  # words in rows 0..r
    vocab = np.asarray(list(vocab) + [""], dtype=object)  # code -1 (missing) reads as ""

    def value(rows_at: np.ndarray) -> np.ndarray:
        return vocab[codes[rows_at]]

    keys, names = [], []
    for side, k in levels:
        if side == "match":
            key = pd.Series([" ".join(value(np.arange(r, e + 1))) for r, e in zip(rows.tolist(), last.tolist())], dtype="str")
            names.append("_match_key")
        else:
            if side == "R":
                idx = words_upto[last] + k - 1               # the k-th word after the match
                ok = idx < len(word_rows)
                row = word_rows[np.where(ok, idx, 0)] if len(word_rows) else idx
                ok &= row <= last_row
            else:
                idx = words_upto[rows] - is_word[rows] - k   # the k-th word before the match
                ok = idx >= 0
                row = word_rows[np.where(ok, idx, 0)] if len(word_rows) else idx
                ok &= row >= first_row
            key = pd.Series(np.where(ok, value(np.where(ok, row, 0)), None), dtype="str")
            names.append(f"{side}{k}")
        keys.append(key)
    for name, key in zip(names, keys):
        out[name] = key
    ordered = out.sort_values(names, kind="stable", na_position="last")
    ordered = ordered.drop(columns=[c for c in names if c == "_match_key"])
    for c in names:
        if c != "_match_key":
            ordered[c] = ordered[c].fillna("")
    return ordered.reset_index(drop=True)
