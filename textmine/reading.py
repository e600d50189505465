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

A header is only taken when a body follows it: any block after field lines,
a block that is *not* title-like after title lines. So a text that simply
starts with a paragraph never loses it, and a text of field lines alone is a
body. Pass ``header=False`` to keep everything in the body.

Each header row gives the field's value (``start``, ``end``, ``text``) and
the whole line it stands on (``line_start``, ``line_end``), label included,
so that no character of the text is in no row.
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

__all__ = ["Normalization", "read_text", "normalize", "split_header", "HEADER_COLUMNS"]

#: Columns of the header frame (:func:`split_header`), in order.
HEADER_COLUMNS = ["doc_id", "field", "start", "end", "text", "line_start", "line_end"]

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
        raise FileNotFoundError(f"{func}: {_missing(p)}")
    if p.is_dir():
        raise IsADirectoryError(
            f"{func}: {str(p)!r} is a folder, not a text file; "
            "use textmine.load_corpus(folder) to read every text in it."
        )
    try:
        data = p.read_bytes()
    except PermissionError:
        raise PermissionError(f"{func}: {str(p)!r} cannot be read: permission denied (check the file's permissions).") from None
    except OSError as exc:
        raise OSError(f"{func}: {str(p)!r} cannot be read: {exc.strerror or exc}.") from None
    return decode(data, encoding=encoding, path=str(p), func=func)


def _missing(p: Path) -> str:
    """Why *p* does not exist: a symbolic link loop, a broken link, or no such file."""
    if p.is_symlink():
        try:
            p.resolve(strict=True)
        except RuntimeError:  # Python 3.11-3.12 raise RuntimeError on a loop
            return f"{str(p)!r} is a symbolic link loop (it points, directly or not, to itself)."
        except OSError as exc:
            if exc.errno == 40:  # ELOOP (3.13+ raise OSError)
                return f"{str(p)!r} is a symbolic link loop (it points, directly or not, to itself)."
            return f"{str(p)!r} is a broken symbolic link (to {os.readlink(p)!r}, which does not exist)."
        return f"{str(p)!r} is a broken symbolic link."
    return f"no such file: {str(p)!r}"


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
            utf16 = _utf16_guess(data)
            if utf16:
                raise InputError(
                    f"{where} looks like {utf16.upper()} text without a byte-order mark (every other "
                    f"byte is NUL, from byte offset {nul}); pass encoding={utf16!r}."
                )
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


def _utf16_guess(data: bytes, sample: int = 4096) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` when the bytes look like BOM-less UTF-16 text.

    In UTF-16 text that is mostly Latin script, the high byte of each code
    unit is NUL: at odd offsets (little-endian) or even ones (big-endian).
    The guess needs at least 8 bytes, NUL in 90 % of one parity and 10 % or
    less of the other, and the sample must decode.
    """
    head = data[: sample - sample % 2]
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    ze, zo = even.count(0) / len(even), odd.count(0) / len(odd)
    for name, hi, lo in (("utf-16-le", zo, ze), ("utf-16-be", ze, zo)):
        if hi >= 0.9 and lo <= 0.1:
            try:
                head.decode(name)
            except UnicodeDecodeError:
                return None
            return name
    return None


def _check_encodable(text: str, func: str, path: str | None = None) -> None:
    """:class:`InputError` if *text* holds a lone surrogate (no valid Unicode text does)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        where = _where(func, path)
        ch = text[exc.start]
        raise InputError(
            f"{where}: the text holds a lone surrogate U+{ord(ch):04X} at offset {exc.start}, which is not "
            "valid Unicode (it comes from bytes decoded with errors='surrogateescape' or from broken "
            "UTF-16). Pass the original bytes to textmine.parse(data, encoding=...) or textmine.load(path, "
            "encoding=...), or clean the string first, e.g. text.encode('utf-8', 'surrogateescape')"
            ".decode('cp1252')."
        ) from None


def normalize(text: str, *, encoding: str = "str", sha256: str | None = None, bom_removed: bool = False) -> tuple[str, Normalization]:
    """Apply textmine's minimal normalization to *text*.

    BOM removed, CRLF and CR to LF, Unicode NFC; nothing else.

    Raises
    ------
    InputError
        *text* holds a lone surrogate (it is not valid Unicode).
    """
    if encoding == "str":  # decoded bytes cannot hold lone surrogates; a str passed in can
        _check_encodable(text, "textmine.parse")
    if sha256 is None:
        sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
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
        Columns ``doc_id, field, start, end, text, line_start, line_end``: one
        row per header line, ``text == text[start:end]`` (the value) and
        ``text[line_start:line_end]`` the whole line (``Title: A Book``).
    body_start : int
        Offset where the body starts (0 without a header).
    """
    empty = pd.DataFrame({c: pd.Series(dtype="int32" if c in ("start", "end", "line_start", "line_end") else "str")
                          for c in HEADER_COLUMNS})
    empty["doc_id"] = doc_id_column(doc_id, 0)
    if header is False:
        return empty, 0
    blocks = _blocks(text)
    rows: list[tuple[str, int, int, int, int]] = []  # field, start, end, line_start, line_end
    body_block = None
    if blocks:
        first = _lines(text, blocks[0])
        fields = [_FIELD_LINE.match(text[s:e]) for s, e in first]
        if first and len(blocks) > 1 and all(m and m.group(1).strip().lower() in _FIELD_NAMES for m in fields):
            for (s, e), m in zip(first, fields):
                vs = s + m.start(2)
                rows.append((m.group(1).strip().lower().replace(" ", "_"), vs, s + m.end(2), s, e))
            body_block = 1
        else:
            b = [_lines(text, blk) for blk in blocks]
            titled = [all(_title_like(text[s:e]) for s, e in ls) for ls in b]

            def body_follows(i: int) -> bool:
                return i < len(b) and not titled[i]

            if len(b) >= 3 and titled[0] and titled[1] and len(b[0]) == 2 and len(b[1]) == 1 and body_follows(2):
                rows = [("author", *b[0][0], *b[0][0]), ("book", *b[0][1], *b[0][1]), ("chapter", *b[1][0], *b[1][0])]
                body_block = 2
            elif len(b) >= 2 and titled[0] and len(b[0]) == 2 and body_follows(1):
                rows = [("author", *b[0][0], *b[0][0]), ("title", *b[0][1], *b[0][1])]
                body_block = 1
            elif len(b) >= 2 and titled[0] and len(b[0]) == 1 and body_follows(1):
                rows = [("title", *b[0][0], *b[0][0])]
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
            "line_start": ids([r[3] for r in rows]),
            "line_end": ids([r[4] for r in rows]),
        }
    )
    return frame, body_start
