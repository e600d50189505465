"""Reading: bytes or a string in, one normalized text and its header out.

Normalization is minimal and recorded (:class:`Normalization`): a byte-order
mark is removed, CRLF and CR become LF, and the text is put in Unicode NFC.
Nothing else changes: quotes, dashes, case and spacing are kept, so every
offset in every frame refers to a text a reader would recognise.

Header detection
----------------
Many texts start with a short header block (author, book, chapter title)
before the body. :func:`split_header` recognises two shapes and nothing else:

1. *Field lines*: a leading block whose every line is ``Name: value`` with a
   known field name (``title``, ``author``, ``book``, ``chapter``, ``date``,
   ``year``, ``source``, ``translator``, ``editor``), case-insensitive.
2. *Title lines*: one or two leading blocks of title-like lines, followed by
   a body. A title-like line has at most 20 words and 200 characters and does
   not end in sentence punctuation (``. , ; ! ? …`` or a closing quote after
   one). The shapes understood are: a block of two lines then a block of one
   line (``author``, ``book``, then ``chapter``); a block of two lines alone
   (``author``, ``title``); a single line (``title``).

A header is only taken when a body paragraph that is *not* title-like follows
it, so a text that simply starts with a paragraph never loses it. Pass
``header=False`` to keep everything in the body.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .errors import DecodingError, InputError
from .spans import doc_id_column, ids

__all__ = ["Normalization", "read_text", "normalize", "split_header"]

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

_FIELD_NAMES = frozenset(
    {"title", "author", "book", "chapter", "date", "year", "source", "translator", "editor"}
)
_FIELD_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z ]{0,20}?)\s*:\s*(\S.*?)\s*$")
_BLOCK_SEP = re.compile(r"\n[ \t\f\v\u00a0]*\n\s*")
_SENTENCE_END = re.compile(r"[.,;!?\u2026][\"'\u201d\u2019)\]]*$")


@dataclass(frozen=True)
class Normalization:
    """What :func:`normalize` changed, so nothing happens silently.

    Attributes
    ----------
    encoding : str
        Encoding the bytes were decoded with (``"str"`` for text passed in).
    bom_removed : bool
        A byte-order mark was removed from the start.
    newlines_converted : int
        Number of CRLF or lone CR line ends converted to LF.
    nfc_changed : bool
        Unicode NFC normalization changed the text.
    sha256 : str
        SHA-256 of the original bytes (of the UTF-8 encoding for a str).
    """

    encoding: str
    bom_removed: bool
    newlines_converted: int
    nfc_changed: bool
    sha256: str


def _where(func: str, path: str | None) -> str:
    return f"{func}: {path!r}" if path else f"{func}"


def read_text(path: str | os.PathLike, *, encoding: str | None = None, func: str = "textmine.load") -> tuple[str, Normalization]:
    """Read *path* and return its normalized text and the :class:`Normalization`.

    Raises
    ------
    FileNotFoundError
        The path does not exist.
    IsADirectoryError
        The path is a folder (use :func:`textmine.load_corpus`).
    DecodingError
        The bytes are not valid in *encoding* (UTF-8 by default).
    InputError
        The file is binary (contains NUL bytes) or holds no text.
    """
    p = Path(path)
    if not p.exists():
        raise FileNotFoundError(f"{func}: no such file: {str(p)!r}")
    if p.is_dir():
        raise IsADirectoryError(
            f"{func}: {str(p)!r} is a folder, not a text file; "
            "use textmine.load_corpus(folder) to read every text in it."
        )
    data = p.read_bytes()
    return decode(data, encoding=encoding, path=str(p), func=func)


def decode(data: bytes, *, encoding: str | None = None, path: str | None = None, func: str = "textmine.load") -> tuple[str, Normalization]:
    """Decode *data* and normalize it; see :func:`read_text` for errors."""
    sha = hashlib.sha256(data).hexdigest()
    where = _where(func, path)
    bom = False
    enc = encoding
    if enc is None:
        enc = "utf-8"
        for mark, name in _BOMS:
            if data.startswith(mark):
                enc, data, bom = name, data[len(mark):], True
                break
    if not enc.lower().replace("_", "-").startswith("utf-16"):
        nul = data.find(b"\x00")
        if nul >= 0:
            raise InputError(
                f"{where} looks like a binary file, not text: it has a NUL byte at "
                f"byte offset {nul}. Pass a plain-text file (convert PDF or Word "
                "files to .txt first)."
            )
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        raise DecodingError(
            f"{where} is not valid {enc}: byte 0x{bad} at byte offset {exc.start} "
            f"cannot be decoded ({exc.reason}). If the file uses another encoding, "
            f"pass it, e.g. encoding=\"cp1252\" (Windows) or encoding=\"latin-1\".",
            path=path or "<text>",
            offset=exc.start,
            encoding=enc,
        ) from None
    except LookupError:
        raise InputError(f"{where}: unknown encoding {encoding!r}; use a Python codec name such as 'utf-8' or 'cp1252'.") from None
    text, norm = normalize(text, encoding=enc, sha256=sha, bom_removed=bom)
    if not text.strip():
        raise InputError(f"{where} holds no text (it is empty or only whitespace).")
    return text, norm


def normalize(text: str, *, encoding: str = "str", sha256: str | None = None, bom_removed: bool = False) -> tuple[str, Normalization]:
    """Apply textmine's minimal normalization to *text*.

    BOM removed, CRLF and CR to LF, Unicode NFC; nothing else.
    """
    if sha256 is None:
        sha256 = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    if text.startswith("\ufeff"):
        text, bom_removed = text[1:], True
    n_crlf = n_cr = 0
    if "\r" in text:
        n_crlf = text.count("\r\n")
        n_cr = text.count("\r") - n_crlf
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if unicodedata.is_normalized("NFC", text):  # the usual case: a quick check, no copy
        nfc, changed = text, False
    else:
        nfc = unicodedata.normalize("NFC", text)
        changed = nfc != text
    return nfc, Normalization(encoding, bom_removed, n_crlf + n_cr, changed, sha256)


def _blocks(text: str, start: int = 0, limit: int = 4) -> list[tuple[int, int]]:
    """Spans of the first *limit* blank-line separated blocks at or after *start*."""
    out: list[tuple[int, int]] = []
    pos = start
    n = len(text)
    while pos < n and text[pos].isspace():
        pos += 1
    while pos < n and len(out) < limit:
        m = _BLOCK_SEP.search(text, pos)
        end = m.start() if m else n
        seg_end = end
        while seg_end > pos and text[seg_end - 1].isspace():
            seg_end -= 1
        out.append((pos, seg_end))
        if not m:
            break
        pos = m.end()
    return out


def _title_like(line: str) -> bool:
    line = line.strip()
    return bool(line) and len(line) <= 200 and len(line.split()) <= 20 and not _SENTENCE_END.search(line)


def _lines(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    out = []
    pos = span[0]
    for line in text[span[0] : span[1]].split("\n"):
        s = pos + (len(line) - len(line.lstrip()))
        e = pos + len(line.rstrip())
        if e > s:
            out.append((s, e))
        pos += len(line) + 1
    return out


def split_header(text: str, *, header: bool | None = None, doc_id: str = "doc") -> tuple[pd.DataFrame, int]:
    """Find the header block of *text*.

    Parameters
    ----------
    text : str
        Normalized text.
    header : bool or None
        ``None`` detects (see module docs); ``False`` takes no header;
        ``True`` requires one and raises :class:`InputError` if none is found.

    Returns
    -------
    fields : DataFrame
        Columns ``doc_id, field, start, end, text``: one row per header line,
        ``text == text[start:end]``.
    body_start : int
        Offset where the body starts (0 without a header).
    """
    cols = ["doc_id", "field", "start", "end", "text"]
    empty = pd.DataFrame({c: pd.Series(dtype="int32" if c in ("start", "end") else "str") for c in cols})
    empty["doc_id"] = doc_id_column(doc_id, 0)
    if header is False:
        return empty, 0
    blocks = _blocks(text)
    rows: list[tuple[str, int, int]] = []
    body_block = None
    if blocks:
        first = _lines(text, blocks[0])
        fields = [_FIELD_LINE.match(text[s:e]) for s, e in first]
        if first and all(m and m.group(1).strip().lower() in _FIELD_NAMES for m in fields):
            for (s, e), m in zip(first, fields):
                vs = s + m.start(2)
                rows.append((m.group(1).strip().lower().replace(" ", "_"), vs, s + m.end(2)))
            body_block = 1
        else:
            b = [_lines(text, blk) for blk in blocks]
            titled = [all(_title_like(text[s:e]) for s, e in ls) for ls in b]

            def body_follows(i: int) -> bool:
                return i < len(b) and not titled[i]

            if len(b) >= 3 and titled[0] and titled[1] and len(b[0]) == 2 and len(b[1]) == 1 and body_follows(2):
                rows = [("author", *b[0][0]), ("book", *b[0][1]), ("chapter", *b[1][0])]
                body_block = 2
            elif len(b) >= 2 and titled[0] and len(b[0]) == 2 and body_follows(1):
                rows = [("author", *b[0][0]), ("title", *b[0][1])]
                body_block = 1
            elif len(b) >= 2 and titled[0] and len(b[0]) == 1 and body_follows(1):
                rows = [("title", *b[0][0])]
                body_block = 1
    if body_block is None:
        if header is True:
            raise InputError("textmine: header=True but no header block was found at the start of the text; see textmine.reading for the shapes recognised.")
        return empty, 0
    body_start = blocks[body_block][0]
    frame = pd.DataFrame(
        {
            "doc_id": doc_id_column(doc_id, len(rows)),
            "field": pd.Series([r[0] for r in rows], dtype="str"),
            "start": ids([r[1] for r in rows]),
            "end": ids([r[2] for r in rows]),
            "text": pd.Series([text[r[1] : r[2]] for r in rows], dtype="str"),
        }
    )
    return frame, body_start
