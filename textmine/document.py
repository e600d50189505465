"""The Document and Corpus: a normalized text with its tidy frames.

``tm.load(path)`` reads a file, ``tm.parse(text)`` takes a string, and
``tm.load_corpus(folder_or_paths)`` reads several files. Frames are computed
on first access and cached; each access returns a fresh shallow copy, so
changing a returned frame never changes the Document.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable, Iterator, Mapping
from functools import cached_property, partial
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import segment
from ._failures import check_on_error, report, try_file
from ._corpus import (
    BATCH_BYTES, Batch, batch_frame, batches, build_batch, concat_frames, corpus_metadata, frames_to_compute,
    prepare_frame, progress_bar, share_rows, token_flags, uniform_concat,
)
from ._frames import require_columns, require_int
from .errors import InputError, TextmineError, TextmineWarning
from .layout import as_layout, detect_layout
from .reading import Normalization, decode, normalize, read_text, split_header
from .spans import MAX_CHARS
from .stopwords import as_stop_set

__all__ = ["Document", "Corpus", "load", "parse", "load_corpus"]


class Document:
    """One text and its frames.

    Attributes
    ----------
    doc_id : str
        Identifier used in every frame's ``doc_id`` column.
    text : str
        The normalized text every ``start``/``end`` offset refers to.
    meta : dict
        Header fields (``author``, ``book``, ``chapter`` or ``title``...) plus
        ``source`` (the path, if read from a file), ``sha256`` and ``layout``.
    layout : str
        The paragraph layout (:mod:`textmine.layout`), given or detected.
    normalization : Normalization
        What normalization changed.
    body_start : int
        Offset where the body starts (after the header block, if any).

    Frames (each with a fresh RangeIndex; offsets half-open into ``text``)
    ------------------------------------------------------------------------
    header : ``doc_id, field, start, end, text, line_start, line_end`` (the value, and its whole line)
    paragraphs : ``doc_id, para_id, start, end, text, n_sentences, n_tokens, n_words``
    sentences : ``doc_id, para_id, sent_id, start, end, text``
    tokens : ``doc_id, token_id, para_id, sent_id, start, end, token, norm, kind, is_stop``

    Ids are dense ``0..n-1`` in reading order; ids and offsets are ``int32``
    (``Int32`` where missing, e.g. ``quote_id``), counts ``int64``; ``doc_id``
    is categorical, ``text``-like columns are pandas ``str``; ``kind`` is
    categorical (word, number, punct). See :mod:`textmine.spans` for the rule.
    A text longer than ``2**31 - 1`` characters is refused (split it into
    several documents).
    """

    def __init__(
        self,
        text: str,
        *,
        doc_id: str = "doc",
        header: bool | None = None,
        normalization: Normalization | None = None,
        source: str | None = None,
        stop_words: Iterable[str] | None = None,
        abbreviations: Iterable[str] | None = None,
        events: "pd.DataFrame | str | os.PathLike | None" = None,
        quote_style: str = "auto",
        layout: str = "auto",
    ):
        if not isinstance(text, str):
            raise TypeError(f"textmine.Document: text must be a str, got {type(text).__name__}.")
        if normalization is None:
            text, normalization = normalize(text)
        if not isinstance(doc_id, str) or not doc_id:
            raise TypeError(f"textmine.Document: doc_id must be a non-empty str, got {doc_id!r}.")
        if len(text) > MAX_CHARS:
            where = f" ({source})" if source else ""
            raise InputError(
                f"textmine.Document: {doc_id!r}{where} has {len(text):,} characters, more than the "
                f"{MAX_CHARS:,} that int32 offsets can address; split it into several documents "
                "(e.g. one per chapter or volume) and use textmine.load_corpus."
            )
        self.text = text
        self.doc_id = doc_id
        self.normalization = normalization
        self.source = source
        self._stop_words = as_stop_set(stop_words, func="textmine.load")
        self._abbreviations = None if abbreviations is None else frozenset(abbreviations)
        self._header, self.body_start = split_header(text, header=header, doc_id=doc_id)
        self._overrides: dict[str, pd.DataFrame] = {}
        if events is not None and not isinstance(events, pd.DataFrame):
            from .dates import read_events

            events = read_events(events)
        self._events = events
        self._quote_style = quote_style
        self._layout = as_layout(layout, func="textmine.Document")

    # ------------------------------------------------------------------ meta
    @property
    def meta(self) -> dict[str, Any]:
        """Header fields plus ``doc_id``, ``source``, ``sha256`` and ``layout``."""
        out: dict[str, Any] = {"doc_id": self.doc_id}
        out.update(dict(zip(self._header["field"], self._header["text"])))
        out["source"] = self.source
        out["sha256"] = self.normalization.sha256
        out["layout"] = self.layout
        return out

    @cached_property
    def layout(self) -> str:
        """The paragraph layout (:mod:`textmine.layout`): as given, or detected from the body's lines."""
        return detect_layout(self.text, self.body_start) if self._layout == "auto" else self._layout

    def __repr__(self) -> str:
        title = self.meta.get("chapter") or self.meta.get("title") or ""
        title = f" {title[:50]!r}" if title else ""
        return f"<textmine.Document {self.doc_id!r}{title}: {len(self.text):,} characters>"

    # ---------------------------------------------------------------- frames
    @cached_property
    def _segmented(self) -> dict[str, pd.DataFrame]:
        enc = segment.EncodedText(self.text)  # the text encoded once, for all three frames
        para_spans = segment.paragraph_array(enc, self.body_start, layout=self.layout)
        sent_spans = segment.sentence_array(enc, para_spans, abbreviations=self._abbreviations)
        paragraphs = segment.paragraph_frame(enc, para_spans, doc_id=self.doc_id)
        sentences = segment.sentence_frame(enc, sent_spans, doc_id=self.doc_id)
        tokens = segment.token_frame(enc, sentences, doc_id=self.doc_id, stop_words=self._stop_words)
        del enc, para_spans, sent_spans  # the encodings are not kept with the frames
        n_par = len(paragraphs)
        token_para = tokens["para_id"].to_numpy()
        paragraphs["n_sentences"] = np.bincount(sentences["para_id"].to_numpy(), minlength=n_par).astype(np.int64)
        paragraphs["n_tokens"] = np.bincount(token_para, minlength=n_par).astype(np.int64)
        words = tokens["kind"].cat.codes.to_numpy() != tokens["kind"].cat.categories.get_loc("punct")
        paragraphs["n_words"] = np.bincount(token_para[words], minlength=n_par).astype(np.int64)
        return {"paragraphs": paragraphs, "sentences": sentences, "tokens": tokens}

    @cached_property
    def _citations(self) -> pd.DataFrame:
        from .citations import find_citations

        return find_citations(self.text, self._segmented["paragraphs"], doc_id=self.doc_id, references=self._notes["references"])

    @cached_property
    def _quotation_spans(self) -> pd.DataFrame:
        """Where the quotations are (no kinds or speakers): enough for the token flags."""
        from .quotations import quotation_spans

        return quotation_spans(self.text, self._segmented["paragraphs"], doc_id=self.doc_id, style=self._quote_style)

    @cached_property
    def _quotations(self) -> pd.DataFrame:
        from .citations import with_note_links
        from .quotations import find_quotations

        seg = self._segmented
        quotations = find_quotations(
            self.text, seg["paragraphs"], seg["tokens"], self._citations,
            doc_id=self.doc_id, style=self._quote_style, spans=self._quotation_spans,
            author=self.meta.get("author"),
        )
        return with_note_links(quotations, self._notes["notes"], self._notes["note_markers"], seg["sentences"])

    @cached_property
    def _notes(self) -> dict[str, pd.DataFrame]:
        from .citations import find_notes_and_markers

        return find_notes_and_markers(self.text, doc_id=self.doc_id, body_start=self.body_start)

    @cached_property
    def _dates(self) -> pd.DataFrame:
        from .dates import find_dates

        body = find_dates(
            self.text,
            self._segmented["paragraphs"],
            citations=self._citations,
            quotations=self._quotations,
            events=self._events,
            doc_id=self.doc_id,
            reference_year=self._written,
        )
        return _with_header_dates(body, self._header_dates)

    @cached_property
    def _header_dates(self) -> pd.DataFrame | None:
        """The explicit dates of the header's lines (a hearing's date line, an opinion's "Argued ..."
        line, a title's "1934–1942"), ``para_id`` -1; None without a header. They are found apart from
        the body's, so they never anchor a body date (the time of writing does that, :attr:`_written`)."""
        from .dates import find_dates

        header = self._header
        if not len(header):
            return None
        lines = header[["line_start", "line_end"]].drop_duplicates().sort_values("line_start")
        spans = pd.DataFrame({"para_id": np.full(len(lines), -1, dtype=np.int32),
                              "start": lines["line_start"].to_numpy(dtype=np.int64),
                              "end": lines["line_end"].to_numpy(dtype=np.int64)})
        # only the header's part of the text is read (the offsets are the same), an all-capitals line
        # in title case ("TUESDAY, MARCH 15, 1955")
        text = self.text[: int(spans["end"].max())]
        for a, b in zip(spans["start"].tolist(), spans["end"].tolist()):
            line = text[a:b]
            if line.isupper():
                recased = "".join(_title_char(line, i) for i in range(len(line)))
                text = text[:a] + recased + text[b:]
        found = find_dates(text, spans, gazetteer=None, doc_id=self.doc_id)
        found = found[found["kind"] == "explicit"].reset_index(drop=True)
        found["text"] = pd.array([self.text[a:b] for a, b in zip(found["start"], found["end"])], dtype=found["text"].dtype)
        return found

    @cached_property
    def _written(self) -> int | None:
        """The year of the header's date line (a hearing's, a letter's), the time of writing; None without one."""
        from .dates import find_dates

        years = []
        for line in self._header.loc[self._header["field"] == "date", "text"].tolist():
            found = find_dates(line, pd.DataFrame({"para_id": [0], "start": [0], "end": [len(line)]}), gazetteer=None)
            years += found["year_end"].dropna().astype(int).tolist()
        return max(years) if years else None

    @cached_property
    def _tokens(self) -> pd.DataFrame:
        """Base tokens plus ``in_quote``, ``quote_id`` and ``in_citation``."""
        # A shallow copy: with copy-on-write the new columns do not touch the
        # base frame, and the shared columns are not duplicated in memory.
        tokens = self._segmented["tokens"]
        # the spans alone: the token frame does not need speakers and kinds
        return tokens.assign(**token_flags(tokens["start"], tokens["end"], self._quotation_spans, self._citations))

    def _frame(self, name: str) -> pd.DataFrame:
        if name in self._overrides:
            return self._overrides[name].copy(deep=False)
        if name in ("citations", "quotations", "dates", "tokens"):
            return getattr(self, "_" + name).copy(deep=False)
        if name in ("notes", "note_markers", "references"):
            return self._notes[name].copy(deep=False)
        return self._segmented[name].copy(deep=False)

    @property
    def header(self) -> pd.DataFrame:
        """Header lines: ``doc_id, field, start, end, text`` (the value), ``line_start, line_end`` (the whole line)."""
        return self._header.copy(deep=False)

    @property
    def paragraphs(self) -> pd.DataFrame:
        """One row per body paragraph (see class docs for columns)."""
        return self._frame("paragraphs")

    @property
    def sentences(self) -> pd.DataFrame:
        """One row per sentence; sentences never cross paragraphs."""
        return self._frame("sentences")

    @property
    def tokens(self) -> pd.DataFrame:
        """One row per token, ordered, non-overlapping, inside its sentence."""
        return self._frame("tokens")

    @property
    def quotations(self) -> pd.DataFrame:
        """One row per quotation (see :mod:`textmine.quotations`)."""
        return self._frame("quotations")

    @property
    def citations(self) -> pd.DataFrame:
        """One row per parenthetical citation (see :mod:`textmine.citations`)."""
        return self._frame("citations")

    @property
    def dates(self) -> pd.DataFrame:
        """One row per temporal reference (see :mod:`textmine.dates`)."""
        return self._frame("dates")

    @property
    def notes(self) -> pd.DataFrame:
        """One row per footnote or endnote, its fields parsed (see :func:`textmine.find_notes`)."""
        return self._frame("notes")

    @property
    def note_markers(self) -> pd.DataFrame:
        """One row per note marker in the body, with its ``note_id`` (see :func:`textmine.find_note_markers`)."""
        return self._frame("note_markers")

    @property
    def references(self) -> pd.DataFrame:
        """One row per entry of a References list or bibliography (see :func:`textmine.find_references`)."""
        return self._frame("references")

    #: every frame a Document gives, in the order :meth:`frames` returns them
    FRAMES = ("header", "paragraphs", "sentences", "tokens", "quotations", "citations", "dates",
              "notes", "note_markers", "references")

    def frames(self) -> dict[str, pd.DataFrame]:
        """All frames by name (:attr:`FRAMES`), e.g. for saving."""
        return {name: getattr(self, name) for name in self.FRAMES}

    def replace(self, **frames: pd.DataFrame) -> "Document":
        """A new Document sharing this text, with some frames replaced.

        Used by functions that add columns (e.g. periods); the original
        Document is not changed.
        """
        new = object.__new__(Document)
        new.__dict__.update({k: v for k, v in self.__dict__.items() if k != "_overrides"})
        new._overrides = dict(self._overrides)
        for name, frame in frames.items():
            if not isinstance(frame, pd.DataFrame):
                raise TypeError(f"textmine.Document.replace: {name} must be a DataFrame, got {type(frame).__name__}.")
            new._overrides[name] = frame.reset_index(drop=True)
        return new


class Corpus:
    """Several Documents; each frame is the concatenation with ``doc_id``.

    The documents are held in batches (:func:`load_corpus` reads files in
    batches of bounded size; a Corpus built from Documents is one batch).
    Each frame is built once per batch, as one DataFrame from the
    documents' column arrays, and kept; the corpus frame is the batches'
    frames laid end to end, ``doc_id`` categorical with the doc ids in
    corpus order. A Document of a batch whose frames are built reads its
    own frames as row ranges of the batch's.

    Attributes
    ----------
    failures : DataFrame
        ``path, error`` for files that could not be read (``on_error="skip"``).

    Parameters
    ----------
    documents : iterable of Document
    failures : DataFrame, optional
    metadata : DataFrame, optional
        Extra per-document columns keyed by a ``doc_id`` column (e.g. from a
        metadata CSV, see :func:`load_corpus`); shown in :attr:`documents`.
    """

    def __init__(self, documents: Iterable[Document], *, failures: pd.DataFrame | None = None, metadata: pd.DataFrame | None = None):
        if metadata is not None:
            require_columns(metadata, ["doc_id"], func="textmine.Corpus", arg="metadata",
                            hint="the metadata table needs a doc_id column (one row per document)")
        self._metadata = None if metadata is None else metadata.drop_duplicates("doc_id").reset_index(drop=True)
        docs = list(documents)
        for d in docs:
            if not isinstance(d, Document):
                raise TypeError(f"textmine.Corpus: expected Documents, got {type(d).__name__}.")
        seen: dict[str, Document] = {}
        for d in docs:
            if d.doc_id in seen:
                raise InputError(
                    f"textmine.Corpus: two documents have doc_id {d.doc_id!r} "
                    f"({seen[d.doc_id].source!r} and {d.source!r}); pass distinct doc_ids."
                )
            seen[d.doc_id] = d
        self._docs = docs
        self._batches = [Batch(docs)] if docs else []
        self._joined: dict[str, pd.DataFrame] = {}  # frames of several batches, laid end to end
        self.failures = failures if failures is not None else pd.DataFrame({"path": pd.Series(dtype="str"), "error": pd.Series(dtype="str")})

    def __len__(self) -> int:
        return len(self._docs)

    def __iter__(self) -> Iterator[Document]:
        return iter(self._docs)

    def __getitem__(self, key: int | str) -> Document:
        if isinstance(key, str):
            for d in self._docs:
                if d.doc_id == key:
                    return d
            raise KeyError(f"textmine.Corpus: no document with doc_id {key!r}; have {[d.doc_id for d in self._docs][:10]}.")
        return self._docs[key]

    def __repr__(self) -> str:
        return f"<textmine.Corpus: {len(self._docs)} documents>"

    @classmethod
    def _from_batches(cls, parts: list[Batch], **options: Any) -> "Corpus":
        corpus = cls([d for b in parts for d in b.docs], **options)
        corpus._batches = [b for b in parts if b.docs]
        return corpus

    def _concat(self, name: str) -> pd.DataFrame:
        if not self._docs:
            raise InputError("textmine.Corpus: the corpus has no documents.")
        if name in self._joined:
            return self._joined[name].copy(deep=False)
        frames = [batch_frame(b, name) for b in self._batches]
        ids = [d.doc_id for d in self._docs]
        if len(frames) == 1 and list(frames[0]["doc_id"].cat.categories) == ids:
            return frames[0].copy(deep=False)
        out = uniform_concat(frames, ids)
        if out is None:  # the batches' dtypes differ: pandas decides, nothing is shared
            return concat_frames(frames, ids)
        share_rows(self._batches, name, out)  # the batches' frames become views of it: held once
        self._joined[name] = out
        return out.copy(deep=False)

    @property
    def documents(self) -> pd.DataFrame:
        """One row per document: ``doc_id, source, file, sha256, layout, n_chars``, header
        fields, then the columns of the user's metadata (joined on ``doc_id``)."""
        rows = []
        for d in self._docs:
            m = d.meta
            m["file"] = os.path.basename(d.source) if d.source else None
            m["n_chars"] = len(d.text)
            rows.append(m)
        out = pd.DataFrame(rows)
        if self._metadata is not None and len(out):
            extra = self._metadata.drop(columns=[c for c in self._metadata.columns if c in out.columns and c != "doc_id"])
            extra = extra.assign(doc_id=extra["doc_id"].astype("str"))
            out = out.merge(extra, on="doc_id", how="left", validate="one_to_one")
        if len(out):
            out["doc_id"] = out["doc_id"].astype(pd.CategoricalDtype(pd.Index(out["doc_id"].tolist(), dtype="str")))
        return out

    def to_parquet(self, folder: str | os.PathLike, **options: Any):
        """Save every frame of every document as Parquet, one file per batch
        and frame; reload with :func:`textmine.read_parquet` (see
        :func:`textmine.storage.to_parquet` for options and layout)."""
        from .storage import to_parquet

        return to_parquet(self, folder, **options)

    @property
    def header(self) -> pd.DataFrame:
        return self._concat("header")

    @property
    def paragraphs(self) -> pd.DataFrame:
        return self._concat("paragraphs")

    @property
    def sentences(self) -> pd.DataFrame:
        return self._concat("sentences")

    @property
    def tokens(self) -> pd.DataFrame:
        return self._concat("tokens")

    @property
    def quotations(self) -> pd.DataFrame:
        return self._concat("quotations")

    @property
    def citations(self) -> pd.DataFrame:
        return self._concat("citations")

    @property
    def dates(self) -> pd.DataFrame:
        return self._concat("dates")

    @property
    def notes(self) -> pd.DataFrame:
        return self._concat("notes")

    @property
    def note_markers(self) -> pd.DataFrame:
        return self._concat("note_markers")

    @property
    def references(self) -> pd.DataFrame:
        return self._concat("references")


def _title_char(line: str, i: int) -> str:
    """Character *i* of an all-capitals *line* in title case, when that keeps it one character."""
    c = line[i]
    if i and line[i - 1].isalpha():
        low = c.lower()
        return low if len(low) == 1 else c
    return c


def _with_header_dates(body: pd.DataFrame, head: pd.DataFrame | None) -> pd.DataFrame:
    """The header's dates before the body's, ``date_id`` renumbered (and the anchors with them)."""
    if head is None or not len(head):
        return body
    n = len(head)
    body = body.assign(date_id=(body["date_id"] + n).astype(body["date_id"].dtype),
                       anchor_date_id=(body["anchor_date_id"] + n).astype(body["anchor_date_id"].dtype))
    head = head.assign(date_id=np.arange(n, dtype=body["date_id"].dtype))
    out = pd.concat([head.astype(body.dtypes.to_dict()), body], ignore_index=True)
    out["doc_id"] = out["doc_id"].astype(body["doc_id"].dtype)
    return out


def _looks_like_text(s: str) -> bool:
    return "\n" in s or len(s) > 1024


def load(
    source: str | os.PathLike,
    *,
    doc_id: str | None = None,
    encoding: str | None = None,
    header: bool | None = None,
    stop_words: Iterable[str] | None = None,
    abbreviations: Iterable[str] | None = None,
    events: pd.DataFrame | str | os.PathLike | None = None,
    quote_style: str = "auto",
    layout: str = "auto",
) -> Document:
    """Read one text file into a :class:`Document`.

    Parameters
    ----------
    source : str or os.PathLike
        Path to a text file. To parse a string you already hold, use
        :func:`parse`; for several files, :func:`load_corpus`.
    doc_id : str, optional
        Identifier for the frames; defaults to the file name without suffix.
    encoding : str, optional
        Codec of the file. Default: UTF-8 (a UTF-8 or UTF-16 byte-order mark
        is honoured). Undecodable bytes raise :class:`DecodingError` naming
        the byte offset.
    header : bool, optional
        Header detection: ``None`` detects, ``False`` disables, ``True``
        requires (see :mod:`textmine.reading`).
    stop_words : iterable of str, optional
        Words flagged ``is_stop`` (default :data:`ENGLISH_STOP_WORDS`).
    abbreviations : iterable of str, optional
        Replaces the sentence splitter's abbreviation list.
    events : DataFrame or path, optional
        Table of named events for date extraction (see
        :func:`textmine.dates.read_events`), e.g. ``"data/events.csv"``.
        Without it, only calendar and relative dates are found.
    quote_style : str
        Quotation-mark convention for :func:`textmine.quotations.find_quotations`:
        ``"auto"`` (detected per document), ``"double"`` (“...” outer),
        ``"single"`` (British ‘...’ outer), ``"straight"``, ``"straight_single"``
        or ``"guillemets"``.
    layout : str
        Paragraph layout (:mod:`textmine.layout`): ``"auto"`` (detected per
        document, recorded in ``meta["layout"]``), ``"blank"`` (blank-line
        separated), ``"line"`` (one line per paragraph), ``"wrapped"``
        (hard-wrapped lines joined) or ``"indented"`` (indented first lines).

    Examples
    --------
    >>> import textmine as tm
    >>> doc = tm.load("data/north-1989-soviet-foreign-policy.txt")  # doctest: +SKIP
    >>> doc.tokens.head()                                            # doctest: +SKIP
    """
    if isinstance(source, (list, tuple, set, frozenset, Mapping)) or (
        not isinstance(source, (str, bytes, os.PathLike)) and isinstance(source, Iterable)
    ):
        raise TypeError(
            f"textmine.load: expected one path, got a {type(source).__name__}; "
            "to read several texts use textmine.load_corpus(paths)."
        )
    if isinstance(source, bytes):
        raise TypeError("textmine.load: expected a path, got bytes; decode them and use textmine.parse(text).")
    if not isinstance(source, (str, os.PathLike)):
        raise TypeError(f"textmine.load: expected a path (str or pathlib.Path), got {type(source).__name__}.")
    if isinstance(source, str) and _looks_like_text(source) and not os.path.exists(source):
        raise InputError(
            "textmine.load: this looks like the text itself, not a path "
            f"({source[:40]!r}...); use textmine.parse(text) to parse a string."
        )
    as_layout(layout, func="textmine.load")
    text, norm = read_text(source, encoding=encoding)
    path = Path(source)
    return Document(
        text,
        doc_id=doc_id or path.stem,
        header=header,
        normalization=norm,
        source=str(source),
        stop_words=stop_words,
        abbreviations=abbreviations,
        events=events,
        quote_style=quote_style,
        layout=layout,
    )


def parse(
    text: str | bytes,
    *,
    doc_id: str = "doc",
    encoding: str | None = None,
    header: bool | None = None,
    stop_words: Iterable[str] | None = None,
    abbreviations: Iterable[str] | None = None,
    events: pd.DataFrame | str | os.PathLike | None = None,
    quote_style: str = "auto",
    layout: str = "auto",
) -> Document:
    """Parse a string (or bytes) into a :class:`Document` (see :func:`load` for options).

    Parameters
    ----------
    text : str or bytes
        The text. Bytes are decoded with *encoding* (default UTF-8, a
        byte-order mark honoured), exactly as :func:`load` decodes a file.
    encoding : str, optional
        Codec of *text* when it is bytes; ignored for a str.
    """
    if isinstance(text, os.PathLike):
        raise TypeError("textmine.parse: expected the text itself, got a path; use textmine.load(path).")
    as_layout(layout, func="textmine.parse")
    if isinstance(text, (bytes, bytearray, memoryview)):
        decoded, norm = decode(bytes(text), encoding=encoding, func="textmine.parse")
        return Document(decoded, doc_id=doc_id, header=header, normalization=norm, stop_words=stop_words, abbreviations=abbreviations, events=events, quote_style=quote_style, layout=layout)
    if not isinstance(text, str):
        hint = " to parse several texts use [textmine.parse(t) for t in texts] or textmine.load_corpus(paths)" if isinstance(text, Iterable) else ""
        raise TypeError(f"textmine.parse: expected one text (str), got {type(text).__name__};{hint}.")
    if "\x00" in text:
        raise InputError(f"textmine.parse: the text has a NUL character at offset {text.index(chr(0))}; it looks binary, not text.")
    text_n, norm = normalize(text)
    if not text_n.strip():
        raise InputError("textmine.parse: the text is empty or only whitespace.")
    return Document(text_n, doc_id=doc_id, header=header, normalization=norm, stop_words=stop_words, abbreviations=abbreviations, events=events, quote_style=quote_style, layout=layout)


def load_corpus(
    paths_or_folder: str | os.PathLike | Iterable[str | os.PathLike],
    *,
    pattern: str = "*.txt",
    encoding: str | None = None,
    on_error: str = "raise",
    metadata: pd.DataFrame | str | os.PathLike | None = None,
    frames: Iterable[str] | str = (),
    progress: bool | None = None,
    batch_size: int = BATCH_BYTES,
    **options: Any,
) -> Corpus:
    """Read several text files into a :class:`Corpus`.

    Parameters
    ----------
    paths_or_folder : folder, or iterable of paths
        A folder (its files matching *pattern*, sorted by name) or paths.
    on_error : {"raise", "skip"}
        Every file is tried either way. ``"raise"`` then raises one
        :class:`TextmineError` listing every file that failed; ``"skip"``
        warns and records them in ``Corpus.failures``.
    metadata : DataFrame or path to a CSV, optional
        One row per file with a ``file`` column (the file name, e.g.
        ``vol01.txt``) and any other columns (year, author, collection...);
        joined on the file name and shown in :attr:`Corpus.documents`. A
        file without a row, and a row naming no file of the corpus, each
        give a :class:`TextmineWarning`; an empty or unreadable CSV, a
        missing ``file`` column or two rows for one file raise
        :class:`InputError`.
    frames : iterable of str or "all", optional
        Frames to compute while streaming the files (e.g. ``"all"`` or
        ``["tokens"]``), so the progress bar shows the real work. Each batch's
        frames are then built as one DataFrame per frame and the documents
        read theirs from it (a frame not listed is computed per document on
        first access). By default frames are computed on first access.
    progress : bool, optional
        Show a tqdm progress bar per batch; default: for 20 files or more
        (if tqdm is installed; it comes with the ``scale`` extra).
    batch_size : int
        Files are read and parsed in batches of at most this many bytes
        (8 MiB by default; a larger file is a batch of its own), so that
        what a batch computes on the way is freed before the next: until
        its frames are built, a batch's documents hold their own pandas
        frames, some 40 times the size of the text.
    **options
        Passed to :func:`load` (``header``, ``layout``, ``stop_words``...).

    Examples
    --------
    >>> corpus = tm.load_corpus("texts/", metadata="texts/metadata.csv", frames="all")  # doctest: +SKIP
    >>> corpus.to_parquet("cache/texts")                                               # doctest: +SKIP
    """
    check_on_error(on_error, "textmine.load_corpus")
    if isinstance(paths_or_folder, (str, os.PathLike)):
        p = Path(paths_or_folder)
        if p.is_file():
            raise TypeError(f"textmine.load_corpus: {str(p)!r} is one file; use textmine.load(path) for a single text, or pass a folder or a list of paths.")
        if not p.exists():
            raise FileNotFoundError(f"textmine.load_corpus: no such folder: {str(p)!r}")
        paths = sorted(q for q in p.glob(pattern) if q.is_file())
        if not paths:
            raise InputError(f"textmine.load_corpus: no files matching {pattern!r} in {str(p)!r}.")
    elif isinstance(paths_or_folder, Iterable):
        paths = [Path(q) for q in paths_or_folder]
        if not paths:
            raise InputError("textmine.load_corpus: the list of paths is empty.")
    else:
        raise TypeError(f"textmine.load_corpus: expected a folder or a list of paths, got {type(paths_or_folder).__name__}.")
    meta = corpus_metadata(metadata, func="textmine.load_corpus")
    compute = frames_to_compute(frames, func="textmine.load_corpus")
    if isinstance(options.get("events"), (str, os.PathLike)):  # read the events table once, not per file
        from .dates import read_events

        options = {**options, "events": read_events(options["events"])}
    require_int(batch_size, func="textmine.load_corpus", arg="batch_size", minimum=1)
    parts, failed, first_bug = [], [], None

    def work(q: Path) -> Document:
        doc = load(q, encoding=encoding, **options)
        for name in compute:  # what the batch's frames are built from (no copies)
            prepare_frame(doc, name)
        return doc

    show = len(paths) >= 20 if progress is None else progress
    runs = batches([_file_size(q) for q in paths], batch_size)
    for k, (a, b) in enumerate(runs):
        docs = []
        desc = "loading" if len(runs) == 1 else f"loading batch {k + 1}/{len(runs)}"
        for q in progress_bar(paths[a:b], show, desc, unit="file"):
            doc, error, exc = try_file(partial(work, q))
            if error is None:
                docs.append(doc)
            else:
                failed.append((str(q), error))
                if not isinstance(exc, (OSError, TextmineError)):
                    first_bug = first_bug or exc
        batch = Batch(docs)
        if docs and compute:
            build_batch(batch, compute)
        parts.append(batch)
    failures = report(failed, len(paths), on_error=on_error, func="textmine.load_corpus", cause=first_bug)
    all_docs = [d for p in parts for d in p.docs]
    if meta is not None:
        meta = _join_metadata(meta, all_docs, [q.name for q in paths])
    return Corpus._from_batches(parts, failures=failures, metadata=meta)


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # reported with the file's other errors when it is read
        return 0


def _join_metadata(meta: pd.DataFrame, docs: list[Document], names: list[str]) -> pd.DataFrame:
    """Metadata rows keyed by doc_id, matched on each document's file name.

    Warns (:class:`TextmineWarning`) about files without a metadata row, and
    about metadata rows that name none of the files given (*names*), with the
    closest file name as a hint.
    """
    import difflib

    files = pd.DataFrame({"doc_id": [d.doc_id for d in docs], "file": [os.path.basename(d.source or "") for d in docs]})
    unmatched = sorted(set(files["file"]) - set(meta["file"]))
    if unmatched:
        warnings.warn(
            f"textmine.load_corpus: {len(unmatched)} files have no row in the metadata table "
            f"(e.g. {unmatched[:3]}); their metadata columns are empty.",
            category=TextmineWarning,
            stacklevel=3,
        )
    orphans = [f for f in meta["file"].tolist() if f not in set(names)]
    if orphans:
        hints = []
        for f in orphans[:3]:
            close = difflib.get_close_matches(f, names, n=1)
            hints.append(f"{f!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
        warnings.warn(
            f"textmine.load_corpus: {len(orphans)} rows of the metadata table name a file that is not in "
            f"the corpus: {', '.join(hints)}{' ...' if len(orphans) > 3 else ''}; those rows are not used. "
            "Check the file names (case, extension).",
            category=TextmineWarning,
            stacklevel=3,
        )
    return files.merge(meta, on="file", how="left").drop(columns=["file"])
