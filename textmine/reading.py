"""Reading: bytes or a string in, one normalized text and its header out.

Normalization is minimal and recorded (:class:`Normalization`): a byte-order
mark is removed, CRLF and CR become LF, and the text is put in Unicode NFC.
Nothing else changes: quotes, dashes, case and spacing are kept, so every
offset in every frame refers to a text a reader would recognise.

Header detection
----------------
Many texts start with a short header (title, author, translator, chapter,
a hearing's committee and date...) before the body. :func:`split_header`
reads at most :data:`HEADER_MAX_LINES` leading lines, each for at most
:data:`HEADER_MAX_CHARS` characters, and classifies each with the rows of
:data:`HEADER_RULES` (a table: pattern, field, role, examples that must and
must not match):

* ``strong`` lines are header lines on their own evidence: ``Name: value``
  field lines (labels in :data:`HEADER_LABELS`: ``Title:``, ``Author:``,
  ``Translator:``, ``Editor:``...), "by AUTHOR" lines, "Translated from
  the Dutch by ..." and "Edited by ..." lines, court lines ("SUPREME COURT
  OF ..."), case titles ("ABBOT v. THE TOWN OF MILLBROOK."), committee
  lines ("HEARING BEFORE THE SUBCOMMITTEE ON ...");
* ``weak`` lines (a date standing alone, "TUESDAY, MARCH 15, 1955") are
  header fields only beside other header lines;
* ``body`` lines are headings that start the body: a division heading
  ("CHAPTER FIVE", "Chapter 3: The Flood", "PART II."), a numbered heading
  ("I. THE CONCESSION"), a section word ("Introduction", "Notes");
* any other *title-like* line (at most 20 words and 200 characters, not
  ending in sentence punctuation ``. , ; ! ? …``, or a closing quote after
  one) is ``plain``; anything else is ``prose``.

Two shapes are headers, and only when a body follows them:

1. *Field lines*: a leading run of ``Name: value`` lines. Whatever follows
   is body (so a translator's note after the fields stays in the body).
2. *Header lines*: the strong, weak and plain lines before the first prose
   or body line, with or without blank lines between them. The body line
   must come after a blank line, unless the last header lines before it
   are rule lines (``"Title\nby A. Writer\nThe body..."``, or a court, case
   and date line over an opinion); plain lines after them in the body
   line's own block are body (a headline over its story). Date lines alone
   are no header.

Unlabelled (plain) lines get their fields by position. Among two or more
plain lines, the one that looks like a person's name (:func:`name_like`)
is the ``author``. Plain lines before the author (or all of them, without
one) are the ``title`` then ``subtitle``; plain lines after an author who
comes first are the ``title`` (one line), or ``book`` then ``chapter``
when the first shares the author's block and the next is in a later block
(``"Author\nBook\n\nChapter"``); after an author who follows a title, a
line in a later block is the ``chapter``. A text that starts with prose
has no header. Pass ``header=False`` to keep everything in the body.

Each header row gives the field's value (``start``, ``end``, ``text``) and
the whole line it stands on (``line_start``, ``line_end``), label included,
so that no character of the text is in no row. The ``author`` field is the
document's author in ``Document.meta`` (first-person speakers use it).
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

__all__ = [
    "Normalization", "read_text", "normalize", "split_header", "header_lines", "classify_header_line",
    "name_like", "title_like", "HeaderRule", "HeaderLine", "HEADER_RULES", "HEADER_LABELS", "HEADER_COLUMNS",
    "HEADER_MAX_LINES", "HEADER_MAX_CHARS", "NOT_NAME_WORDS",
]

#: Columns of the header frame (:func:`split_header`), in order.
HEADER_COLUMNS = ["doc_id", "field", "start", "end", "text", "line_start", "line_end"]

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

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


# ------------------------------------------------------------------ header
#
# The header engine reads the first lines of a text once (at most
# HEADER_MAX_LINES non-blank lines, each looked at for at most
# HEADER_MAX_CHARS characters), classifies each line with HEADER_RULES and
# the title-like test, and decides in three small steps: a run of field
# lines, else a block of title-like lines before the body, then the fields of
# the unlabelled lines. See the module docstring for the rules in words.

#: Non-blank lines read at most at the start of a text when looking for a header.
HEADER_MAX_LINES = 12

#: Longest header line (characters, after stripping); a longer line is body.
HEADER_MAX_CHARS = 200

#: Label of a ``Name: value`` field line (lower-case) -> the field it yields.
HEADER_LABELS: dict[str, str] = {
    "title": "title", "subtitle": "subtitle", "author": "author", "authors": "author", "by": "author",
    "translator": "translator", "translated by": "translator", "editor": "editor", "edited by": "editor",
    "book": "book", "chapter": "chapter", "date": "date", "year": "year", "source": "source",
    "committee": "committee", "court": "court", "docket": "docket",
}

_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_NUMBER_WORD = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|first|second|third|fourth|fifth|"
    r"sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|last)(?:[- ](?:one|two|three|four|five|six|"
    r"seven|eight|nine|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth))?"
)
_PARTY_WORD = r"(?:[A-Z][\w.'\u2019&-]*|of|the|and|for|et|al\.|ex|rel\.)"
_PARTY = r"[A-Z][\w.'\u2019&-]*(?:,?[ ]+" + _PARTY_WORD + r"){0,10}?"
_TITLE_END = re.compile(r"[.,;!?\u2026][\"'\u201d\u2019)\]]*$")


@dataclass(frozen=True)
class HeaderRule:
    """One kind of header line: a row of :data:`HEADER_RULES`.

    Attributes
    ----------
    name : str
        The rule's name.
    pattern : re.Pattern
        Matched against the whole stripped line. A group ``value`` is the
        field's value (else the whole line); a group ``label`` names the
        field through :data:`HEADER_LABELS`.
    field : str
        Field the line yields (``""`` for a label rule or a ``body`` rule).
    role : str
        ``"strong"``: a header line on its own evidence, even when no blank
        line separates it from the body; ``"weak"``: a header field only
        beside other header lines (a date line alone is a body line);
        ``"body"``: a heading that starts the body (the header ends before it).
    title_like : bool
        The line must also be title-like (no sentence punctuation at its end).
    name_value : bool
        The value must look like a person's name (:func:`name_like`).
    examples : tuple of (str, str)
        Lines the rule must match, with the value it must give.
    counter_examples : tuple of str
        Lines it must not match.
    """

    name: str
    pattern: re.Pattern
    field: str
    role: str
    title_like: bool
    name_value: bool
    examples: tuple[tuple[str, str], ...]
    counter_examples: tuple[str, ...]


def _rule(name, pattern, field, role, *, title_like=True, name_value=False, examples=(), counter_examples=(), flags=re.IGNORECASE):
    return HeaderRule(name, re.compile(pattern, flags), field, role, title_like, name_value, tuple(examples), tuple(counter_examples))


#: The header line rules, tried in order (the first that matches classifies the line).
HEADER_RULES: tuple[HeaderRule, ...] = (
    _rule("field line", r"(?P<label>" + "|".join(sorted(HEADER_LABELS, key=len, reverse=True)) + r")\s*:\s*(?P<value>\S.*?)",
          "", "strong", title_like=False,
          examples=[("Title: A History of the Canal", "A History of the Canal"), ("AUTHOR: J. Brown", "J. Brown"),
                    ("Translated by: Ann Lee", "Ann Lee"), ("Editor: R. Gray.", "R. Gray.")],
          counter_examples=["Note: the figures are rounded.", "Titles: none", "The author: a memoir"]),
    _rule("by line", r"by\s+(?P<value>\S.*?)", "author", "strong", name_value=True,
          examples=[("By Margaret A. Lindqvist", "Margaret A. Lindqvist"), ("by J. R. Hale and Ann Ray", "J. R. Hale and Ann Ray"),
                    ("BY THOMAS GREER", "THOMAS GREER")],
          counter_examples=["By the end of the year", "By Order of the Council", "Bystanders Remember"]),
    _rule("translator line", r"(?:translated|done\s+into\s+english)\b[^:]{0,80}?\bby\s+(?P<value>\S.*?)", "translator", "strong",
          name_value=True,
          examples=[("Translated from the Dutch by A. M. Lowe", "A. M. Lowe"), ("Translated by Olga Brandt", "Olga Brandt")],
          counter_examples=["Translated from the Dutch", "Translated by hand in the winter of 1920"]),
    _rule("editor line", r"edited\b[^:]{0,80}?\bby\s+(?P<value>\S.*?)", "editor", "strong", name_value=True,
          examples=[("Edited, with an introduction, by Clara Moss", "Clara Moss"), ("Edited by T. Hart", "T. Hart")],
          counter_examples=["Edited and abridged", "Edited by the society in 1910"]),
    _rule("court line",
          r"(?P<value>(?:in\s+the\s+)?(?:(?:supreme|superior|district|circuit|county|appellate|chancery|high)\s+court|"
          r"court\s+of\s+(?:appeals?|errors(?:\s+and\s+appeals)?|chancery|common\s+pleas|king'?s\s+bench|queen'?s\s+bench|claims|sessions))"
          r"(?:\s+(?:of|for)\s+(?:the\s+)?(?-i:[A-Z])[\w.,'\- ]{0,80}?)?\.?)",
          "court", "strong", title_like=False,
          examples=[("SUPREME COURT OF THE STATE OF NEW YORK.", "SUPREME COURT OF THE STATE OF NEW YORK."),
                    ("In the Court of Appeals of Maryland", "In the Court of Appeals of Maryland"),
                    ("Circuit Court for the Eastern District", "Circuit Court for the Eastern District")],
          counter_examples=["Supreme Court justices disagreed about the case.", "The Court of Appeals held otherwise."]),
    _rule("case title",
          r"(?P<value>" + _PARTY + r"[ ]+(?:v\.|vs\.|versus)[ ]+" + _PARTY + r"\.?)",
          "title", "strong", title_like=False, flags=0,
          examples=[("JOHN ABBOT v. THE TOWN OF MILLBROOK.", "JOHN ABBOT v. THE TOWN OF MILLBROOK."),
                    ("Hale et al. v. Board of Commissioners of Lane County", "Hale et al. v. Board of Commissioners of Lane County"),
                    ("The People versus Ward", "The People versus Ward")],
          counter_examples=["The court in Abbot v. Millbrook held that the town was liable.", "Abbot v. the town"]),
    _rule("committee line", r"(?P<value>(?:(?:joint\s+)?hearings?\s+)?before\s+(?:the|a)\s.{0,150}?\b(?:sub)?committee\b.*)",
          "committee", "strong",
          examples=[("HEARING BEFORE THE SUBCOMMITTEE ON HARBORS OF THE COMMITTEE ON PUBLIC WORKS",
                     "HEARING BEFORE THE SUBCOMMITTEE ON HARBORS OF THE COMMITTEE ON PUBLIC WORKS"),
                    ("Hearings before a Subcommittee of the Committee on Appropriations",
                     "Hearings before a Subcommittee of the Committee on Appropriations")],
          counter_examples=["Before the war the committee met weekly.", "Committee on Public Works"]),
    _rule("docket line", r"(?P<value>(?:docket\s+|case\s+)?nos?\.\s*\d[\w-]*(?:\s*(?:,|and|&)\s*\d[\w-]*)*)\.?",
          "docket", "strong", title_like=False,
          examples=[("No. 4417", "No. 4417"), ("Docket No. 51-233.", "Docket No. 51-233"), ("Nos. 12 and 13", "Nos. 12 and 13")],
          counter_examples=["No. 4 was the best of them.", "Notes"]),
    _rule("argued line",
          r"(?:[^.]{1,60}\.\s+)?(?:argued|submitted|heard|reargued)\s+(?:" + _MONTH + r"\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+" + _MONTH
          + r",?\s+\d{4})\.?(?:\s*[\u2014\u2013;,-]\s*(?:decided|filed)\s+.{0,40})?",
          "", "strong", title_like=False,
          examples=[("Harlow County. Argued October 9, 1951.", "Harlow County. Argued October 9, 1951."),
                    ("Argued May 3, 1874.", "Argued May 3, 1874.")],
          counter_examples=["The case was argued at length.", "Argued with his brother in 1951."]),
    _rule("opinion line",
          r"(?:(?:mr\.\s+)?(?:chief\s+)?(?:justice|judge)\s+)?(?P<value>[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){1,4}?)"
          r"(?:,\s*(?:C\.\s?)?J\.)?,?\s+delivered\s+the\s+opinion(?:\s+of\s+the\s+court)?\.?",
          "author", "strong", title_like=False, name_value=True,
          examples=[("JUSTICE ALDEN M. PRESCOTT delivered the opinion of the Court.", "ALDEN M. PRESCOTT"),
                    ("Mr. Justice Ruth Hale delivered the opinion of the court.", "Ruth Hale"),
                    ("Tom Hale, J., delivered the opinion.", "Tom Hale")],
          counter_examples=["The clerk delivered the opinion to the parties.", "Justice delivered the opinion."]),
    _rule("opinion heading", r"(?:opinion(?:\s+of\s+the\s+court)?|per\s+curiam)\.?", "", "strong", title_like=False,
          examples=[("OPINION OF THE COURT", "OPINION OF THE COURT"), ("PER CURIAM.", "PER CURIAM.")],
          counter_examples=["Opinion polls in 1952", "Opinions differ"]),
    _rule("date line",
          r"(?:(?:decided|delivered|dated|filed)\s+)?(?P<value>(?:" + _WEEKDAY + r",?\s+)?"
          r"(?:" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th|d)?,?\s+\d{4}|\d{1,2}(?:st|nd|rd|th|d)?\s+" + _MONTH + r",?\s+\d{4}|"
          + _MONTH + r",?\s+\d{4}|\d{4}))\.?",
          "date", "weak", title_like=False,
          examples=[("TUESDAY, MARCH 15, 1955", "TUESDAY, MARCH 15, 1955"), ("3 March 1881", "3 March 1881"),
                    ("Decided January 5, 1874.", "January 5, 1874"), ("May 1913", "May 1913")],
          counter_examples=["Veldhaven, May 1913.", "March 15, 1955, was a Tuesday.", "1955 and After"]),
    _rule("division heading",
          r"(?:chapter|part|book|section|lecture|letter|canto|act)\s+(?:[ivxlcdm]+|\d{1,3}|" + _NUMBER_WORD + r")"
          r"(?:\s*[.:\u2014\u2013-]\s*.{0,150}|\.?)",
          "", "body", title_like=False,
          examples=[("CHAPTER FIVE", "CHAPTER FIVE"), ("Chapter 3: The Flood", "Chapter 3: The Flood"), ("PART II.", "PART II."),
                    ("BOOK III", "BOOK III")],
          counter_examples=["Chapters of a Life", "Letter I wrote to the mayor", "Part of the Problem"]),
    _rule("numbered heading", r"(?:[IVXLC]+|\d{1,3})\.\s+[A-Z][A-Za-z].*", "", "body", flags=0,
          examples=[("I. THE CONCESSION", "I. THE CONCESSION"), ("2. Early Years", "2. Early Years")],
          counter_examples=["I. M. Pei", "V. I. Lenin and the Party"]),
    _rule("section heading",
          r"(?:introduction|preface|foreword|prologue|abstract|summary|acknowledge?ments|contents|table\s+of\s+contents|"
          r"notes|editor'?s\s+note|editorial\s+note)\s*[.:]?",
          "", "body", title_like=False,
          examples=[("Introduction", "Introduction"), ("EDITOR'S NOTE", "EDITOR'S NOTE"), ("Preface.", "Preface.")],
          counter_examples=["Introduction to the Canal Age", "Notes from a Small Town"]),
)

_NAME_PARTICLES = frozenset("van von de der den du da di la le del della ter ten y bin ibn al st. mac".split())
_NAME_SUFFIXES = frozenset("jr. sr. jr sr ii iii iv esq.".split())
_NAME_JOINERS = frozenset(["and", "&"])
#: Capitalised words that never stand in a person's name (articles, prepositions, institutions).
NOT_NAME_WORDS = frozenset(
    """the a an of in on for to at by from with and chapter part book volume notes introduction report
    history committee society association company council department office university press review
    journal times""".split()
)
_NAME_WORD = re.compile(
    r"(?:Ma?c)?[A-Z](?:[a-z\u00df-\u00ff]+|(?=['\u2019]))(?:['\u2019-][A-Z]?[a-z\u00df-\u00ff]+)*"
    r"|[A-Z][A-Z'\u2019-]+|(?:[A-Z]\.){1,3}(?:-[A-Z]\.)?"
)


def name_like(value: str) -> bool:
    """Whether *value* looks like a person's name, or several joined by commas and "and".

    Each name has two to five words: capitalised words (``Castellan``,
    ``CASTELLAN``), initials (``A.``, ``J.R.``), particles (``van``, ``de``)
    and suffixes (``Jr.``), at least one of them a capitalised word and none
    of them in :data:`NOT_NAME_WORDS`. No digits, colons or lower-case words
    other than particles. ``"Ruth A. Castellan"``, ``"A. M. Lowe"`` and
    ``"Jane Smith and John Doe"`` are names; ``"A Bell in Every Tower"`` is
    not. A short title in capitalised words (``"Soviet Foreign Policy"``)
    looks like a name too, which is why the header engine uses the test only
    to pick the author among several unlabelled lines.
    """
    if len(value) > 80 or any(c.isdigit() or c == ":" for c in value):
        return False
    people: list[list[str]] = [[]]
    for word in value.replace(",", " , ").split():
        if word == "," or word.lower() in _NAME_JOINERS:
            people.append([])
        else:
            people[-1].append(word)
    return all(_one_name(words) for words in people if words) and any(people) and bool(people[0])


def _one_name(words: list[str]) -> bool:
    if not 2 <= len(words) <= 5 or words[0].lower() in _NAME_PARTICLES:
        return False
    full = 0
    for w in words:
        low = w.lower()
        if low in _NAME_PARTICLES or low in _NAME_SUFFIXES:
            continue
        if not _NAME_WORD.fullmatch(w) or (not w.endswith(".") and low in NOT_NAME_WORDS):
            return False
        full += not w.endswith(".")
    return full >= 1


def title_like(line: str) -> bool:
    """A header-shaped line: at most 20 words and :data:`HEADER_MAX_CHARS`
    characters, not ending in sentence punctuation (``. , ; ! ? …``, or a
    closing quote or bracket after one)."""
    line = line.strip()
    return bool(line) and len(line) <= HEADER_MAX_CHARS and len(line.split()) <= 20 and not _TITLE_END.search(line)


@dataclass(frozen=True)
class HeaderLine:
    """A line at the start of a text, classified (see :func:`classify_header_line`).

    ``start, end``: the stripped line; ``block``: how many blank-line runs come
    before it; ``rule``: the name of the rule that matched it (``""``: none); ``kind``: ``strong``, ``weak``, ``body`` (a rule's role),
    ``plain`` (title-like, no rule) or ``prose`` (anything else);
    ``field``, ``value_start``, ``value_end``: the field a rule gives and its value.
    """

    start: int
    end: int
    block: int
    rule: str
    kind: str
    field: str
    value_start: int
    value_end: int


def classify_header_line(line: str) -> tuple[str, str, str, int, int]:
    """``(rule, kind, field, value_start, value_end)`` of one stripped line (offsets into *line*).

    The first row of :data:`HEADER_RULES` that matches the whole line (and
    whose ``title_like`` and ``name_value`` conditions hold) gives its role
    and field; a title-like line no rule matches is ``plain``; any other
    line is ``prose``.
    """
    is_title = title_like(line)
    for rule in HEADER_RULES:
        if rule.title_like and not is_title:
            continue
        m = rule.pattern.fullmatch(line)
        if not m:
            continue
        span = m.span("value") if "value" in rule.pattern.groupindex else (0, len(line))
        if rule.name_value and not name_like(line[span[0]:span[1]]):
            continue
        field = HEADER_LABELS[m.group("label").lower()] if "label" in rule.pattern.groupindex else rule.field
        return rule.name, rule.role, field, span[0], span[1]
    return "", ("plain" if is_title else "prose"), "", 0, len(line)


def _leading_lines(text: str) -> list[HeaderLine]:
    """The first non-blank lines of *text*, classified, up to the first prose or body line.

    At most :data:`HEADER_MAX_LINES` lines (the last of them counts as
    prose, so that a hard-wrapped first paragraph of title-shaped lines
    still ends the header), each read for at most
    :data:`HEADER_MAX_CHARS` characters past its indentation (a longer line
    is prose without reading its end), so the work is bounded whatever the text.
    """
    out: list[HeaderLine] = []
    pos, block, n = 0, 0, len(text)
    while pos < n and len(out) < HEADER_MAX_LINES:
        nl = text.find("\n", pos, pos + HEADER_MAX_CHARS + 64)
        if nl < 0 and pos + HEADER_MAX_CHARS + 64 < n:  # a long line: prose, end unread
            s = pos + (len(text[pos:pos + 64]) - len(text[pos:pos + 64].lstrip()))
            out.append(HeaderLine(s, s, block, "", "prose", "", s, s))
            break
        end = n if nl < 0 else nl
        raw = text[pos:end]
        line = raw.strip()
        if not line:
            block += bool(out)
        else:
            s = pos + len(raw) - len(raw.lstrip())
            rule, kind, field, a, b = classify_header_line(line)
            if len(out) == HEADER_MAX_LINES - 1:  # the last line read: the body, whatever its shape
                kind = "prose" if kind != "body" else kind
            out.append(HeaderLine(s, s + len(line), block, rule, kind, field, s + a, s + b))
            if kind in ("prose", "body"):
                break
        pos = end + 1
    return out


def _field_run(lines: list[HeaderLine]) -> tuple[list[HeaderLine], int] | None:
    """Shape 1: a leading run of ``Name: value`` field lines followed by any line."""
    run = []
    for ln in lines:
        if ln.rule != HEADER_RULES[0].name:
            break
        run.append(ln)
    if not run or len(run) == len(lines):
        return None
    return run, lines[len(run)].start


def _title_block(lines: list[HeaderLine]) -> tuple[list[HeaderLine], int] | None:
    """Shape 2: header-shaped lines (rule lines and plain lines) before a prose or body line.

    The body line must follow a blank line, unless the header's last lines
    before it are ``strong`` or ``weak`` rule lines; plain lines after the
    last of those in the body line's block are left to the body. A header
    of date lines alone is none.
    """
    if not lines or lines[-1].kind not in ("prose", "body"):
        return None  # nothing follows: no header
    stop, cand = lines[-1], lines[:-1]
    if cand and cand[-1].block == stop.block:
        last = max((i for i, ln in enumerate(cand) if ln.block == stop.block and ln.kind in ("strong", "weak")), default=-1)
        cand = cand[: last + 1] if last >= 0 else [ln for ln in cand if ln.block < stop.block]
    if not cand or all(ln.kind == "weak" for ln in cand):
        return None
    return cand, lines[len(cand)].start


def _author_index(lines: list[HeaderLine], text: str, plain: list[int]) -> int | None:
    """The unlabelled line that names the author: the one name-like line among
    two or more plain lines (with several, the one with an initial)."""
    if any(ln.field == "author" for ln in lines) or len(plain) < 2:
        return None
    names = [i for i in plain if name_like(text[lines[i].start:lines[i].end])]
    if len(names) > 1:
        names = [i for i in names if re.search(r"\b[A-Z]\.", text[lines[i].start:lines[i].end])]
    return names[0] if len(names) == 1 else None


def _plain_fields(lines: list[HeaderLine], text: str) -> dict[int, str]:
    """Fields of the unlabelled lines, by position around the author.

    Lines before the author (or all, without one): ``title`` then
    ``subtitle``. Lines after the author alone: one is the ``title``; with
    the first in the author's block and more in later blocks (an author and
    book line, then a chapter line), ``book`` then ``chapter``; otherwise
    ``title`` then ``subtitle``. After an author that follows a title, the
    first line of a later block is the ``chapter``, others ``subtitle``.
    Where a rule line already gave the ``title``, the first line before the
    author is a ``subtitle``.
    """
    plain = [i for i, ln in enumerate(lines) if ln.kind == "plain"]
    a = _author_index(lines, text, plain)
    out = {a: "author"} if a is not None else {}
    if a is None:
        a = next((i for i, ln in enumerate(lines) if ln.field == "author"), None)
    before = [i for i in plain if a is None or i < a]
    after = [i for i in plain if a is not None and i > a]
    first = "subtitle" if any(ln.field == "title" for ln in lines) else "title"  # a case title or Title: line came first
    out.update(zip(before, [first] + ["subtitle"] * len(before)))
    if after:
        out.update(zip(after, _names_after(lines, a, after, bool(before))))
    return out


def _names_after(lines: list[HeaderLine], a: int, after: list[int], title_before: bool) -> list[str]:
    """Fields of the plain lines after the author line *a* (see :func:`_plain_fields`)."""
    later = [lines[i].block > lines[a].block for i in after]
    if title_before:
        return ["chapter" if later[0] else "subtitle"] + ["subtitle"] * (len(after) - 1)
    if len(after) >= 2 and not later[0] and later[1]:
        return ["book", "chapter"] + ["subtitle"] * (len(after) - 2)
    return ["title"] + ["subtitle"] * (len(after) - 1)


def _header_frame(rows: list[tuple[str, int, int, int, int]], text: str, doc_id: str) -> pd.DataFrame:
    return pd.DataFrame(
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


def header_lines(text: str) -> tuple[list[tuple[str, int, int, int, int]], int]:
    """The header of *text* as rows ``(field, start, end, line_start, line_end)`` and the body's start.

    ``([], 0)`` when the text has no header (see the module docs).
    """
    lines = _leading_lines(text)
    found = _field_run(lines) or _title_block(lines)
    if found is None:
        return [], 0
    head, body_start = found
    plain = _plain_fields(head, text)
    rows = []
    for i, ln in enumerate(head):
        field = plain.get(i, ln.field)
        rows.append((field, ln.value_start, ln.value_end, ln.start, ln.end))
    return rows, body_start


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
    rows, body_start = ([], 0) if header is False else header_lines(text)
    if header is True and not rows:
        raise InputError("textmine: header=True but no header block was found at the start of the text; see textmine.reading for the shapes recognised.")
    return _header_frame(rows, text, doc_id), body_start
