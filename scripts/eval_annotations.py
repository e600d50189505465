"""Build evaluation texts and their gold annotations from inline-markup sources.

An evaluation text is written once, by hand, as ``data/eval/src/NAME.ann``: the
text exactly as it should appear, with each annotated span wrapped in tags
``⟦tag attr=value ...⟧ ... ⟦/tag⟧`` (the brackets are U+27E6 and U+27E7,
which never occur in prose). This script strips the tags, writes the clean
text to ``data/eval/NAME.txt`` and the gold tables to
``data/annotations/NAME-*.csv`` with exact character offsets into it. The
annotator decides every kind, speaker, link and field by reading; the script
only turns positions into offsets, so offsets can never be miscounted.

    python scripts/eval_annotations.py            # rebuild every source
    python scripts/eval_annotations.py --check    # exit 1 if a built file is stale

The format (full description in ``data/eval/README.md``):

- ``⟦doc key=value ...⟧`` on the first line: document attributes (``split``:
  ``dev`` or ``heldout``; ``convention``; ``layout``: ``blank``, ``lines``,
  ``wrapped``, ``indented``; ``quote_style``; ``author``, the document's
  author for first-person speakers). The line is removed from the text.
- ``⟦h field=author⟧...⟦/h⟧``: a header line's value (``header.csv``).
- ``⟦p⟧`` at the start of each body paragraph, optionally
  ``⟦p period=NAME year=YYYY ambiguous=true⟧``: the paragraph runs from the
  marker to the next ``⟦p⟧`` (trailing whitespace excluded)
  (``paragraphs.csv``, and ``paragraph-periods.csv`` where a period is given).
- ``⟦q kind=quotation speaker="..." speaker_kind=person id=a group=a cite=c1 note=n3 closed=false⟧“...”⟦/q⟧``
  (``quotations.csv``): ``speaker_kind`` is ``person`` (default; scored by
  surname), ``periodical`` or ``organisation`` (scored by full name, e.g.
  "the Manchester Evening News"), or ``author`` (first person: the speaker is
  the document's author, from ``⟦doc author=...⟧``); ``id`` labels the row; ``group`` is the label of the
  group's first part (default: the row's own label); ``cite`` the label of the
  citation that documents it; ``note`` the label of the note its marker
  points to.
- ``⟦c id=c1 author=... title=... volume=... place=... publisher=... year=...
  date=... pages=... page_start=... page_end=... is_ibid=true refers_to=c0
  periodical=... archive=... ref=r2 kind=credit⟧(...)⟦/c⟧`` (``citations.csv``):
  ``periodical`` a journal, newspaper or law reporter named in the citation,
  ``archive`` a collection or repository, ``ref`` the label of the
  reference-list entry an author-date citation points to (column
  ``reference_id``), ``kind`` an optional class (``credit`` for a caption's
  source credit).
- ``⟦m note=n3⟧³⟦/m⟧``: a note marker in the body (``note-markers.csv``).
- ``⟦n id=n3 number=3 author=... title=... periodical=... volume=... place=...
  publisher=... date=... year=... pages=... page_start=... page_end=...
  archive=... box=... folder=... is_ibid=true refers_to=n2⟧...⟦/n⟧``: a
  note's text, without its number (``notes.csv``).
- ``⟦r id=r2 author=... year=... title=... periodical=... volume=... place=...
  publisher=... date=... pages=... page_start=... page_end=...⟧...⟦/r⟧``: one
  entry of a reference list or bibliography (``references.csv``).
- ``⟦d year_start=1848 year_end=1848 month=3 day=1 granularity=day kind=explicit⟧...⟦/d⟧``
  (``dates.csv``; ``in_quote``/``in_citation`` come from the nesting: a date
  inside a ``q`` or inside a ``c``, ``n`` or ``r``).

Tags nest (a ``d`` or ``m`` inside a ``q``, a ``d`` inside an ``n``); a tag
closes the innermost open tag of its name.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import shlex
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "data" / "eval" / "src"
OUT_TEXT = ROOT / "data" / "eval"
OUT_ANN = ROOT / "data" / "annotations"

OPEN, CLOSE = "\u27e6", "\u27e7"
TAG = re.compile(OPEN + r"(/?)([a-z]+)((?:[^" + CLOSE + r"])*)" + CLOSE)
TAGS = {"doc", "h", "p", "q", "c", "m", "n", "r", "d"}
EMPTY = {"doc", "p"}  # tags without a closing tag

QUOTATION_COLUMNS = ["quote_id", "start", "end", "kind", "speaker", "speaker_kind", "citation_id", "note_id",
                     "group_id", "closed", "head"]
CITATION_COLUMNS = ["citation_id", "start", "end", "raw", "author", "title", "volume", "place",
                    "publisher", "year", "date", "pages", "page_start", "page_end", "is_ibid", "refers_to",
                    "periodical", "archive", "reference_id", "kind"]
NOTE_COLUMNS = ["note_id", "number", "start", "end", "text", "author", "title", "periodical", "volume", "place",
                "publisher", "date", "year", "pages", "page_start", "page_end", "archive", "box", "folder",
                "is_ibid", "refers_to"]
REFERENCE_COLUMNS = ["ref_id", "start", "end", "text", "author", "year", "title", "periodical", "volume", "place",
                     "publisher", "date", "pages", "page_start", "page_end"]
MARKER_COLUMNS = ["marker_id", "start", "end", "text", "note_id"]
DATE_COLUMNS = ["date_id", "start", "end", "text", "year_start", "year_end", "month", "day",
                "granularity", "kind", "in_citation", "in_quote"]
PARAGRAPH_COLUMNS = ["para_id", "start", "end", "head"]
PERIOD_COLUMNS = ["para_id", "head", "period", "year_focus", "ambiguous", "note"]
HEADER_COLUMNS = ["field", "start", "end", "text"]


class MarkupError(ValueError):
    pass


_BIB = {"author", "title", "periodical", "volume", "place", "publisher", "year", "date", "pages", "page_start",
        "page_end"}
#: Attributes each tag accepts (a typo such as ``speker=`` is an error, not a silently empty field).
ATTRIBUTES: dict[str, set[str]] = {
    "doc": set(),  # free-form document attributes (copied to NAME.meta.csv); split and layout are checked
    "h": {"field"},
    "p": {"period", "year", "ambiguous", "note"},
    "q": {"kind", "speaker", "speaker_kind", "id", "group", "cite", "note", "closed"},
    "c": _BIB | {"id", "is_ibid", "refers_to", "archive", "ref", "kind"},
    "m": {"note"},
    "n": _BIB | {"id", "number", "archive", "box", "folder", "is_ibid", "refers_to"},
    "r": _BIB | {"id"},
    "d": {"year_start", "year_end", "month", "day", "granularity", "kind"},
}
#: Closed vocabularies (data/eval/README.md describes each value).
VALUES: dict[tuple[str, str], set[str]] = {
    ("doc", "split"): {"dev", "heldout"},
    ("doc", "layout"): {"blank", "lines", "wrapped", "indented"},
    ("q", "kind"): {"quotation", "term", "title"},
    ("q", "speaker_kind"): {"person", "periodical", "organisation", "author"},
    ("q", "closed"): {"true", "false"},
    ("p", "ambiguous"): {"true", "false"},
    ("c", "is_ibid"): {"true", "false"},
    ("n", "is_ibid"): {"true", "false"},
    ("d", "granularity"): {"day", "days", "month", "season", "year", "years", "decade", "century"},
    ("d", "kind"): {"explicit", "relative", "event"},
}
_INTEGER = {("d", "year_start"), ("d", "year_end"), ("d", "month"), ("d", "day"), ("p", "year"),
            *((t, f) for t in ("c", "n", "r") for f in ("year", "page_start", "page_end"))}


def check_attrs(tag: str, attrs: dict[str, str], where: str) -> None:
    """Refuse unknown attributes, values outside a closed vocabulary, and non-integer numbers."""
    unknown = sorted(set(attrs) - ATTRIBUTES[tag]) if tag != "doc" else []
    if unknown:
        raise MarkupError(f"{where}: ⟦{tag}⟧ has unknown attribute(s) {unknown}")
    for k, v in attrs.items():
        allowed = VALUES.get((tag, k))
        if allowed is not None and v.lower() not in allowed:
            raise MarkupError(f"{where}: ⟦{tag} {k}={v}⟧ is not one of {sorted(allowed)}")
        if (tag, k) in _INTEGER and v and not re.fullmatch(r"-?\d+", v):
            raise MarkupError(f"{where}: ⟦{tag} {k}={v}⟧ is not an integer")
    if tag == "d":
        ys, ye = attrs.get("year_start", ""), attrs.get("year_end", "")
        if not ys:
            raise MarkupError(f"{where}: ⟦d⟧ needs year_start")
        if ye and int(ye) < int(ys):
            raise MarkupError(f"{where}: ⟦d⟧ year_end {ye} is before year_start {ys}")
        if not attrs.get("granularity") or not attrs.get("kind"):
            raise MarkupError(f"{where}: ⟦d⟧ needs granularity and kind")
    if tag == "q" and attrs.get("speaker") and attrs.get("kind", "quotation") != "quotation":
        raise MarkupError(f"{where}: a {attrs['kind']} has no speaker")


@dataclass
class Span:
    tag: str
    attrs: dict[str, str]
    start: int
    end: int = -1
    parents: list[str] = field(default_factory=list)


def parse_attrs(raw: str, where: str) -> dict[str, str]:
    try:
        parts = shlex.split(raw.strip())
    except ValueError as exc:
        raise MarkupError(f"{where}: bad attributes {raw!r}: {exc}") from None
    out = {}
    for p in parts:
        if "=" not in p:
            raise MarkupError(f"{where}: attribute {p!r} has no '='")
        k, v = p.split("=", 1)
        out[k] = v
    return out


def strip_markup(source: str, name: str = "<source>") -> tuple[str, dict[str, str], list[Span]]:
    """Clean text, document attributes, and every tagged span with offsets into the clean text."""
    doc: dict[str, str] = {}
    first, _, rest = source.partition("\n")
    m = TAG.fullmatch(first.strip())
    if m and m.group(2) == "doc":
        doc = parse_attrs(m.group(3), f"{name}: line 1")
        check_attrs("doc", doc, f"{name}: line 1")
        source = rest
    out: list[str] = []
    pos = 0  # offset in the clean text
    last = 0
    stack: list[Span] = []
    spans: list[Span] = []
    for m in TAG.finditer(source):
        chunk = source[last:m.start()]
        out.append(chunk)
        pos += len(chunk)
        last = m.end()
        closing, tag, raw = m.group(1), m.group(2), m.group(3)
        line = source.count("\n", 0, m.start()) + 2
        where = f"{name}: line {line}"
        if tag not in TAGS:
            raise MarkupError(f"{where}: unknown tag {tag!r}")
        if tag == "doc":
            raise MarkupError(f"{where}: ⟦doc⟧ must be the first line")
        if closing:
            for k in range(len(stack) - 1, -1, -1):
                if stack[k].tag == tag:
                    sp = stack.pop(k)
                    sp.end = pos
                    break
            else:
                raise MarkupError(f"{where}: ⟦/{tag}⟧ closes nothing")
            continue
        attrs = parse_attrs(raw, where)
        check_attrs(tag, attrs, where)
        sp = Span(tag, attrs, pos, parents=[s.tag for s in stack])
        spans.append(sp)
        if tag in EMPTY:
            sp.end = pos
        else:
            stack.append(sp)
    out.append(source[last:])
    if stack:
        raise MarkupError(f"{name}: unclosed tag(s) {[s.tag for s in stack]}")
    text = "".join(out)
    if OPEN in text or CLOSE in text:
        raise MarkupError(f"{name}: a stray bracket is left in the text")
    return text, doc, spans


def _labels(spans: list[Span], tag: str) -> dict[str, int]:
    out = {}
    for i, s in enumerate(x for x in spans if x.tag == tag):
        label = s.attrs.get("id", f"{tag}{i}")
        if label in out:
            raise MarkupError(f"duplicate {tag} id {label!r}")
        out[label] = i
    return out


def _ref(label: str | None, table: dict[str, int], what: str) -> str:
    if label in (None, ""):
        return ""
    if label not in table:
        raise MarkupError(f"reference to unknown {what} {label!r}")
    return str(table[label])


def _head(text: str, s: int, e: int) -> str:
    return " ".join(text[s:e][:40].split())


def build_tables(text: str, spans: list[Span]) -> dict[str, list[dict]]:
    q_ids, c_ids, n_ids = _labels(spans, "q"), _labels(spans, "c"), _labels(spans, "n")
    r_ids = _labels(spans, "r")
    tables: dict[str, list[dict]] = {k: [] for k in
                                     ("quotations", "citations", "notes", "note-markers", "references", "dates",
                                      "paragraphs", "paragraph-periods", "header")}
    paras = [s for s in spans if s.tag == "p"]
    for i, p in enumerate(paras):
        end = paras[i + 1].start if i + 1 < len(paras) else len(text)
        nxt_stop = len(text[p.start:end].rstrip())
        p.end = p.start + nxt_stop
    for s in spans:
        a = s.attrs
        if s.tag == "q":
            i = len(tables["quotations"])
            label = a.get("id", f"q{i}")
            tables["quotations"].append({
                "quote_id": i, "start": s.start, "end": s.end, "kind": a.get("kind", "quotation"),
                "speaker": a.get("speaker", ""),
                "speaker_kind": a.get("speaker_kind", "person" if a.get("speaker") else ""),
                "citation_id": _ref(a.get("cite"), c_ids, "citation"),
                "note_id": _ref(a.get("note"), n_ids, "note"),
                "group_id": _ref(a.get("group", label), q_ids, "quotation"),
                "closed": a.get("closed", "true").lower() == "true", "head": _head(text, s.start, s.end),
            })
        elif s.tag == "c":
            i = len(tables["citations"])
            row = {"citation_id": i, "start": s.start, "end": s.end, "raw": text[s.start:s.end]}
            for c in CITATION_COLUMNS[4:]:
                row[c] = a.get(c, "")
            row["is_ibid"] = a.get("is_ibid", "false").lower() == "true"
            row["refers_to"] = _ref(a.get("refers_to"), c_ids, "citation")
            row["reference_id"] = _ref(a.get("ref"), r_ids, "reference")
            tables["citations"].append(row)
        elif s.tag == "n":
            i = len(tables["notes"])
            row = {"note_id": i, "number": a.get("number", ""), "start": s.start, "end": s.end,
                   "text": text[s.start:s.end]}
            for c in NOTE_COLUMNS[5:]:
                row[c] = a.get(c, "")
            row["is_ibid"] = a.get("is_ibid", "false").lower() == "true"
            row["refers_to"] = _ref(a.get("refers_to"), n_ids, "note")
            tables["notes"].append(row)
        elif s.tag == "r":
            row = {"ref_id": len(tables["references"]), "start": s.start, "end": s.end,
                   "text": text[s.start:s.end]}
            for c in REFERENCE_COLUMNS[4:]:
                row[c] = a.get(c, "")
            tables["references"].append(row)
        elif s.tag == "m":
            tables["note-markers"].append({
                "marker_id": len(tables["note-markers"]), "start": s.start, "end": s.end,
                "text": text[s.start:s.end], "note_id": _ref(a.get("note"), n_ids, "note"),
            })
        elif s.tag == "d":
            row = {"date_id": len(tables["dates"]), "start": s.start, "end": s.end, "text": text[s.start:s.end]}
            for c in ("year_start", "year_end", "month", "day", "granularity", "kind"):
                row[c] = a.get(c, "")
            if not row["year_end"]:
                row["year_end"] = row["year_start"]
            row["in_citation"] = bool({"c", "n", "r"} & set(s.parents))
            row["in_quote"] = "q" in s.parents
            tables["dates"].append(row)
        elif s.tag == "p":
            i = len(tables["paragraphs"])
            tables["paragraphs"].append({"para_id": i, "start": s.start, "end": s.end,
                                         "head": _head(text, s.start, s.end)})
            if "period" in a:
                tables["paragraph-periods"].append({
                    "para_id": i, "head": _head(text, s.start, s.end), "period": a["period"],
                    "year_focus": a.get("year", ""), "ambiguous": a.get("ambiguous", "false").lower() == "true",
                    "note": a.get("note", ""),
                })
        elif s.tag == "h":
            tables["header"].append({"field": a.get("field", ""), "start": s.start, "end": s.end,
                                     "text": text[s.start:s.end]})
    return tables


COLUMNS = {"quotations": QUOTATION_COLUMNS, "citations": CITATION_COLUMNS, "notes": NOTE_COLUMNS,
           "note-markers": MARKER_COLUMNS, "references": REFERENCE_COLUMNS, "dates": DATE_COLUMNS, "paragraphs": PARAGRAPH_COLUMNS,
           "paragraph-periods": PERIOD_COLUMNS, "header": HEADER_COLUMNS}


def _csv(rows: list[dict], columns: list[str]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({k: r.get(k, "") for k in columns})
    return buf.getvalue()


def check_tables(src: Path, doc: dict[str, str], tables: dict[str, list[dict]]) -> None:
    """Cross-checks: paragraph periods against the text's periods table, author speakers, Ibid. links."""
    periods_path = OUT_TEXT / f"{src.stem}.periods.csv"
    if tables["paragraph-periods"]:
        if not periods_path.exists():
            raise MarkupError(f"{src.name}: paragraphs have periods but {periods_path.name} does not exist")
        with periods_path.open(encoding="utf-8", newline="") as fh:
            table = {r["period"]: (int(r["year_start"]), int(r["year_end"])) for r in csv.DictReader(fh)}
        for row in tables["paragraph-periods"]:
            if row["period"] not in table:
                raise MarkupError(f"{src.name}: paragraph {row['para_id']} has unknown period {row['period']!r}")
            y = row["year_focus"]
            lo, hi = table[row["period"]]
            if y and not lo <= int(y) <= hi:
                raise MarkupError(f"{src.name}: paragraph {row['para_id']} year {y} is outside {row['period']} ({lo}-{hi})")
    for row in tables["quotations"]:
        if row["speaker_kind"] == "author" and not doc.get("author"):
            raise MarkupError(f"{src.name}: quotation {row['quote_id']} has speaker_kind=author but ⟦doc⟧ has no author")
    for row in tables["notes"]:
        if row["is_ibid"] and row["refers_to"] == "":
            raise MarkupError(f"{src.name}: Ibid. note {row['note_id']} has no refers_to")
    for row in tables["citations"]:
        if row["is_ibid"] and row["refers_to"] == "":
            raise MarkupError(f"{src.name}: Ibid. citation {row['citation_id']} has no refers_to")


def outputs(src: Path) -> dict[Path, str]:
    name = src.stem
    text, doc, spans = strip_markup(src.read_text(encoding="utf-8"), src.name)
    for s in spans:
        if s.end > s.start and text[s.start:s.end] != text[s.start:s.end].strip() and s.tag in {"q", "c", "d", "m", "n", "r", "h"}:
            raise MarkupError(f"{src.name}: a {s.tag} span starts or ends with whitespace: {text[s.start:s.end]!r}")
    tables = build_tables(text, spans)
    check_tables(src, doc, tables)
    files = {OUT_TEXT / f"{name}.txt": text}
    for key, rows in tables.items():
        files[OUT_ANN / f"{name}-{key}.csv"] = _csv(rows, COLUMNS[key])
    meta = dict(doc, name=name, n_words=str(len(re.findall(r"\w+", text))))
    files[OUT_TEXT / f"{name}.meta.csv"] = _csv([meta], sorted(meta))
    return files


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="fail if any built file differs from its source")
    ap.add_argument("names", nargs="*", help="source names (default: every data/eval/src/*.ann)")
    args = ap.parse_args(argv)
    sources = sorted(SRC.glob("*.ann")) if not args.names else [SRC / f"{n}.ann" for n in args.names]
    stale = []
    for src in sources:
        for path, content in outputs(src).items():
            if args.check:
                if not path.exists() or path.read_text(encoding="utf-8") != content:
                    stale.append(path)
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(content, encoding="utf-8", newline="")
    if args.check and stale:
        print("stale (run python scripts/eval_annotations.py):", *map(str, stale), sep="\n  ")
        return 1
    print(f"{len(sources)} source(s) {'checked' if args.check else 'built'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
