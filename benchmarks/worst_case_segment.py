"""Worst-case input for the segmenter: time against size for pathological shapes.

Each shape is built at 0.25, 0.5, 1 and 2 MB (characters) and segmented as
:class:`textmine.Document` does it, in two timed stages:

* ``sentences``: :class:`~textmine.segment.EncodedText`, the header
  (:func:`~textmine.reading.split_header`), paragraph spans in the detected
  layout and sentence spans (:func:`~textmine.segment.paragraph_array`,
  :func:`~textmine.segment.sentence_array`);
* ``tokens``: the paragraph, sentence and token frames
  (:func:`~textmine.segment.paragraph_frame`,
  :func:`~textmine.segment.sentence_frame`,
  :func:`~textmine.segment.token_frame`).

Times are CPU seconds of this process (``time.process_time``, as in issue
19), so that time spent waiting for a core on the shared machine does not
count. The table gives the minimum over ``--rounds`` rounds (sizes
interleaved within a round, so a burst of load hits one round, not one
size), the growth exponent (slope of log time against log size, least squares
over the sizes; 1 is linear) and the time at 1 MB::

    python benchmarks/worst_case_segment.py                 # every shape, 3 rounds
    python benchmarks/worst_case_segment.py --shapes unclosed_paren closer_run
    python benchmarks/worst_case_segment.py --sizes 0.25 1 --document unclosed_paren   # every Document stage too

The target (issue 19) is an exponent of at most 1.15 and under 3 s at 1 MB
for every shape. ``--document`` adds the other stages of a Document at the
largest size for the shapes it names, for information (they belong to the
extractors, some of which are still quadratic on some shapes).
"""

from __future__ import annotations

import argparse
import math
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SIZES_MB = (0.25, 0.5, 1.0, 2.0)


def _repeat(unit: str, n: int, head: str = "", tail: str = "") -> str:
    body = unit * max(1, (n - len(head) - len(tail)) // len(unit))
    return head + body + tail


def _chapter_body() -> str:
    text = (ROOT / "data" / "north-1989-soviet-foreign-policy.txt").read_text(encoding="utf-8")
    return "\n\n".join(p for p in text.split("\n\n")[3:] if p.strip()) + "\n\n"


SENTENCE = "The committee met again in Moscow. It decided nothing at all, as before. "


def _chapter_flat() -> str:
    """The chapter's paragraphs joined into one (quotations, citations and dates included)."""
    return " ".join(p.replace("\n", " ") for p in _chapter_body().split("\n\n") if p.strip()) + " "

#: name -> (what it is, builder(n characters) -> text)
SHAPES = {
    "chapter": ("the chapter's paragraphs repeated (ordinary text)", lambda n: _repeat(_chapter_body(), n)),
    "one_paragraph": ("ordinary sentences in one paragraph", lambda n: _repeat(SENTENCE, n)),
    "unclosed_paren": ("ordinary sentences after one unclosed (", lambda n: _repeat(SENTENCE, n, head="(")),
    "unclosed_paren_chapter": ("the chapter as one paragraph after one unclosed (", lambda n: _repeat(_chapter_flat(), n, head="(")),
    "unclosed_bracket_citations": (
        "an unclosed ( then sentences with citations (Ibid., p. 3.)",
        lambda n: _repeat("He said so (Ibid., p. 3. Vol. II). Then he left. ", n, head="("),
    ),
    "nested_parens": ("deeply nested parentheses", lambda n: "(" * (n // 2) + "x" + ")" * (n // 2)),
    "run_on_quotes": ("run-on text without full stops, with quotations", lambda n: _repeat("and then “they said, we will” and ", n)),
    "straight_quotes": ("a storm of straight double quotes", lambda n: _repeat('"a ', n)),
    "quote_pairs": ('1 MB of " "', lambda n: _repeat('" ', n)),
    "unclosed_curly": ("unclosed “word in one paragraph", lambda n: _repeat("“word ", n)),
    "tiny_paragraphs": ("many tiny paragraphs", lambda n: _repeat("A b.\n\n", n)),
    "closer_run": ("a full stop then one long run of closers", lambda n: _repeat(")", n, head="It ended.", tail=" Next one.")),
    "closer_runs": ("sentences ending in 20 closers", lambda n: _repeat("It ended." + "”)" * 10 + " ", n)),
    "space_run": ("a full stop then one long run of spaces", lambda n: _repeat(" ", n, head="It ended.", tail="Next one.")),
    "space_runs": ("sentences separated by 12 spaces", lambda n: _repeat("It ended." + " " * 12, n)),
    "stop_run": ("one run of full stops", lambda n: _repeat(".", n, head="A", tail=" B")),
    "dot_spaces": ("'. ' repeated (no sentence follows)", lambda n: _repeat(". ", n)),
    "initials": ("initials: 'A. ' repeated", lambda n: _repeat("A. ", n)),
    "abbreviations": ("abbreviations: 'Mr. Smith. ' repeated", lambda n: _repeat("Mr. Smith. ", n)),
    "long_word": ("one word of n letters", lambda n: "a" * n),
    "punct_run": ("one run of em-dashes", lambda n: "—" * n),
    "mixed_punct": ("alternating punctuation", lambda n: _repeat("-.,;:!?'’()[]", n)),
    "non_bmp": ("words of characters beyond the BMP", lambda n: _repeat("𝐀𝐁𝐂 𝔘. ", n)),
    # line shapes for the header and the paragraph layouts (textmine.reading, textmine.layout)
    "one_char_lines": ("one-character lines (detected as wrapped)", lambda n: _repeat("a\n", n)),
    "capital_lines": ("one-capital lines (header-shaped, heading candidates)", lambda n: _repeat("A\n", n)),
    "note_lines": ("numbered-note lines (every line a line rule)", lambda n: _repeat("1. A\n", n)),
    "speaker_lines": ("speaker-label lines", lambda n: _repeat("Mr. AB. c\n", n)),
    "indented_lines": ("indented first lines, hard-wrapped", lambda n: _repeat("  A b.\nc\n", n)),
    "blank_lines": ("only line breaks but one letter", lambda n: _repeat("\n", n, tail="y")),
}


def segment_stages(text: str) -> tuple[float, float]:
    """CPU seconds for the sentences stage and the tokens stage of *text*."""
    from textmine import segment
    from textmine.stopwords import ENGLISH_STOP_WORDS

    from textmine.reading import split_header

    t0 = time.process_time()
    enc = segment.EncodedText(text)
    _, body = split_header(text)  # as the Document does: the header, then the paragraphs in the detected layout
    paras = segment.paragraph_array(enc, body, layout="auto")
    sents = segment.sentence_array(enc, paras)
    t1 = time.process_time()
    segment.paragraph_frame(enc, paras, doc_id="d")
    frame = segment.sentence_frame(enc, sents, doc_id="d")
    segment.token_frame(enc, frame, doc_id="d", stop_words=ENGLISH_STOP_WORDS)
    t2 = time.process_time()
    return t1 - t0, t2 - t1


def exponent(sizes: list[float], times: list[float]) -> float:
    """Least-squares slope of log(time) against log(size) (NaN for a single size)."""
    if len(set(sizes)) < 2:
        return math.nan
    xs = [math.log(s) for s in sizes]
    ys = [math.log(max(t, 1e-6)) for t in times]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def document_stages(text: str) -> dict[str, float]:
    """CPU seconds per Document stage (as benchmarks/stages.py), for information."""
    import textmine as tm

    doc = tm.parse(text, header=False)
    out = {}
    for name in ("_segmented", "_citations", "_quotation_spans", "_tokens", "_quotations", "_dates"):
        t0 = time.process_time()
        getattr(doc, name)
        out[name.strip("_")] = time.process_time() - t0
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shapes", nargs="*", default=list(SHAPES), choices=list(SHAPES))
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--sizes", type=float, nargs="*", default=list(SIZES_MB), help="sizes in MB (millions of characters)")
    ap.add_argument("--document", nargs="*", metavar="SHAPE", default=None, choices=list(SHAPES),
                    help="also time every Document stage of these shapes (default: unclosed_paren) at the largest size; "
                    "the extractors are not all linear yet, so some shapes take minutes")
    args = ap.parse_args(argv)
    warnings.simplefilter("ignore")
    import pandas as pd

    segment_stages("Warm up. The tables.")  # build the character tables outside the timers
    texts = {(s, mb): SHAPES[s][1](int(mb * 1_000_000)) for s in args.shapes for mb in args.sizes}
    best: dict[tuple[str, float, str], float] = {}
    for _ in range(args.rounds):
        for shape in args.shapes:
            for mb in args.sizes:
                sent, tok = segment_stages(texts[shape, mb])
                for stage, t in (("sentences", sent), ("tokens", tok), ("total", sent + tok)):
                    key = (shape, mb, stage)
                    best[key] = min(t, best.get(key, math.inf))
    rows = []
    one = 1.0 if 1.0 in args.sizes else args.sizes[-1]
    for shape in args.shapes:
        row = {"shape": shape}
        for mb in args.sizes:
            row[f"{mb:g} MB"] = best[shape, mb, "total"]
        for stage in ("sentences", "tokens", "total"):
            row[f"exp {stage}"] = exponent(list(args.sizes), [best[shape, mb, stage] for mb in args.sizes])
        row[f"ok ({one:g} MB < 3 s, exp <= 1.15)"] = "yes" if best[shape, one, "total"] < 3 and row["exp total"] <= 1.15 else "NO"
        rows.append(row)
    table = pd.DataFrame(rows)
    fmt = {c: "{:.3f}".format for c in table.columns if c.endswith("MB")}
    fmt.update({c: "{:.2f}".format for c in table.columns if c.startswith("exp")})
    print(f"segmentation CPU time (s, min of {args.rounds} rounds; sentences + tokens stages) and growth exponents")
    print(table.to_string(index=False, formatters=fmt))
    if args.document is not None:
        mb = args.sizes[-1]
        shapes = args.document or ["unclosed_paren"]
        stages = pd.DataFrame([{"shape": s, **document_stages(SHAPES[s][1](int(mb * 1_000_000)))} for s in shapes])
        print(f"\nevery Document stage at {mb:g} MB (s, one run, for information)")
        print(stages.to_string(index=False, float_format="{:.2f}".format))
    return 0


if __name__ == "__main__":
    sys.exit(main())
