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
        order of *pattern*.

    Examples
    --------
    >>> kwic(doc, "peaceful coexistence", window=6)        # doctest: +SKIP
    >>> kwic(doc, r"revolution\\w*", regex=True)             # doctest: +SKIP
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

    # reading order
    order = reading_order(tokens)
    base = tokens.iloc[order].reset_index(drop=True)
    m = len(base)
    ids = [c for c in ("doc_id", "para_id", "sent_id", "token_id", "start", "end") if c in base.columns]
    carry = [c for c in base.columns if c not in _TOKEN_LEVEL and c not in ids]
    columns = {c: base[c].dtype for c in ids}
    columns.update({"pattern": "str", "left": "str", "match": "str", "right": "str", "n_tokens": "int64"})
    columns.update({c: base[c].dtype for c in carry})

    doc = pd.factorize(base["doc_id"])[0] if "doc_id" in base.columns else np.zeros(m, dtype=np.int64)
    if within:
        unit = pd.factorize(pd.Series(list(zip(doc.tolist(), base[within].tolist()))))[0] if m else np.zeros(0, dtype=np.int64)
    else:
        unit = doc
    pos = base["token_id"].to_numpy(dtype=np.int64) if "token_id" in base.columns else np.arange(m, dtype=np.int64)
    # a unit is a run of rows; first and last row of the run containing each row
    brk = np.ones(m, dtype=bool)
    if m:
        brk[1:] = (unit[1:] != unit[:-1]) | (pos[1:] - pos[:-1] != 1)
    run_id = np.cumsum(brk) - 1
    run_first = np.flatnonzero(brk)
    run_last = np.r_[run_first[1:] - 1, m - 1] if m else np.zeros(0, dtype=np.int64)
    first_row = run_first[run_id] if m else run_first
    last_row = run_last[run_id] if m else run_last

    values = base[col].astype("str").fillna("").to_numpy(dtype=object)
    tok_text = base["token"].astype("str").to_numpy(dtype=object) if "token" in base.columns else values
    starts = base["start"].to_numpy(dtype=np.int64) if "start" in base.columns else None
    ends = base["end"].to_numpy(dtype=np.int64) if "end" in base.columns else None

    hits = []  # (row, n_parts, pattern index)
    cache: dict[str, np.ndarray] = {}
    for pi, parts in enumerate(compiled):
        masks = []
        for rx in parts:
            key = f"{rx.pattern}\x00{rx.flags}"
            if key not in cache:
                cache[key] = np.fromiter((rx.fullmatch(v) is not None for v in values), dtype=bool, count=m)
            masks.append(cache[key])
        k = len(masks)
        cand = np.flatnonzero(masks[0])
        if k > 1:
            cand = cand[cand + k - 1 <= last_row[cand]]
            for d in range(1, k):
                cand = cand[masks[d][cand + d]]
        hits.extend((int(r), k, pi) for r in cand.tolist())
    if not hits:
        return pd.DataFrame({c: pd.Series(dtype=d) for c, d in columns.items()})
    hits.sort(key=lambda h: (h[0], h[2]))
    rows = np.fromiter((h[0] for h in hits), dtype=np.int64, count=len(hits))
    lens = np.fromiter((h[1] for h in hits), dtype=np.int64, count=len(hits))
    last = rows + lens - 1
    lo = np.maximum(rows - window, first_row[rows])
    hi = np.minimum(last + window, last_row[rows])

    def span(a: int, b: int) -> str:
        """Text of rows a..b inclusive (empty if a > b)."""
        if a > b:
            return ""
        if text is not None:
            return text[int(starts[a]):int(ends[b])]
        return " ".join(tok_text[a:b + 1])

    left = [span(int(a), int(r) - 1) for a, r in zip(lo, rows)]
    match = [span(int(r), int(e)) for r, e in zip(rows, last)]
    right = [span(int(e) + 1, int(b)) for e, b in zip(last, hi)]
    out = pd.DataFrame({c: base[c].iloc[rows].reset_index(drop=True) for c in ids})
    if "end" in ids:
        out["end"] = base["end"].iloc[last].reset_index(drop=True)
    out["pattern"] = pd.Series([patterns[h[2]] for h in hits], dtype="str")
    out["left"] = pd.Series(left, dtype="str")
    out["match"] = pd.Series(match, dtype="str")
    out["right"] = pd.Series(right, dtype="str")
    out["n_tokens"] = lens
    for c in carry:
        out[c] = base[c].iloc[rows].reset_index(drop=True)
    return out
