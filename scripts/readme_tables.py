"""Generate README.md's tables from the code: the frames' columns and each module's functions.

The tables sit between ``<!-- BEGIN generated: NAME -->`` and ``<!-- END generated: NAME -->``
markers; everything else in README.md is left as written.

    python scripts/readme_tables.py          # rewrite the tables in README.md
    python scripts/readme_tables.py --check  # exit 1 (and show the difference) if README.md is out of date

``tests/test_readme.py`` runs ``--check``, so a renamed column or a new public
function fails the tests until the README says so.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import inspect
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"

#: frame → what one row is (the columns come from the code)
FRAMES = {
    "header": "header line",
    "paragraphs": "body paragraph (in the text's layout)",
    "sentences": "sentence (never across paragraphs)",
    "tokens": "token",
    "quotations": "quotation",
    "citations": "citation (parenthetical, note, caption credit)",
    "dates": "temporal reference",
    "notes": "footnote or endnote (fields parsed)",
    "note_markers": "note marker in the body",
    "references": "References or bibliography entry",
}

#: rows of the functions table: modules, and a note for some functions
MODULES = [
    (["quotations", "citations"], "quotations and citations"),
    (["dates", "periods", "propose"], "dates and periods"),
    (["terms"], "term statistics"),
    (["collocations", "concordance", "dispersion"], "collocations, concordance, dispersion"),
    (["wordlist", "trends"], "the concordancer's word list and trends"),
    (["topics"], "topics"),
    (["density"], "quotation density"),
    (["fidelity"], "quotation fidelity"),
    (["plots"], "plots"),
    (["findings"], "findings"),
    (["figures", "evaluate", "example", "analyze"], "figures, evaluation, example data, the suite"),
]
NOTES = {
    "find_quotations": "styles: curly, British, straight; multi-paragraph; speech-tag groups; kind; speaker with `speaker_rule`",
    "find_citations": "book, periodical, author–date (locators, original dates, corporate authors, n.d.), archival, cases (short forms, `Id.`), `Ibid.`, `op. cit.`, notes",
    "find_notes": "notes sections, chapter groups, Ibid. and short forms; field rules with examples",
    "find_note_markers": "superscripts, `[3]`, digits after punctuation, linked to notes",
    "find_references": "References list or bibliography entries; linked from author–date citations",
    "find_dates": "a documented regex cascade, no general date parser",
    "propose_periods": "from the text's own dates: gaps, quantiles or fixed widths",
    "keyness": "signed G², χ², log-ratio, p-values",
    "log_odds": "Monroe et al. 2008",
    "collocations": "PMI, t-score, G²",
    "collocates": "a node's window: MI, t, G², logDice",
    "kwic": "sorted by AntConc-style `L`/`R` levels",
    "word_list": "frequency, relative frequency, range, DP, by group",
    "trends": "by period, document or metadata",
    "align_quotations": "exact, typography, elided, altered, not found; pages; a shingle index over the sources",
    "dispersion": "Gries' DP, DPnorm",
    "fit_topics": "pass an unfitted scikit-learn `NMF` or `LatentDirichletAllocation`",
    "topic_coherence": "NPMI, UMass",
    "save_figure": "byte-identical files, manifest",
    "analyze": "the whole suite on a text, into one folder",
}


def frames_table() -> str:
    import textmine as tm

    doc = tm.load(ROOT / "data" / "north-1989-soviet-foreign-policy.txt")
    frames = doc.frames() | {name: getattr(doc, name) for name in FRAMES if name not in doc.FRAMES}
    lines = ["| frame | one row per | columns |", "|---|---|---|"]
    for name, what in FRAMES.items():
        cols = ", ".join(str(c) for c in frames[name].columns)
        lines.append(f"| `doc.{name}` | {what} | `{cols}` |")
    return "\n".join(lines)


def _functions(module_name: str) -> list[str]:
    mod = importlib.import_module(f"textmine.{module_name}")
    return [n for n in getattr(mod, "__all__", []) if inspect.isfunction(getattr(mod, n, None))]


def functions_table() -> str:
    lines = ["| module | functions |", "|---|---|"]
    for modules, _ in MODULES:
        names = []
        for m in modules:
            for f in _functions(m):
                names.append(f"`{f}` ({NOTES[f]})" if f in NOTES else f"`{f}`")
        lines.append(f"| {', '.join(f'`textmine.{m}`' for m in modules)} | {', '.join(names)} |")
    return "\n".join(lines)


TABLES = {"frames": frames_table, "functions": functions_table}


def render(text: str) -> str:
    for name, make in TABLES.items():
        pattern = re.compile(rf"(<!-- BEGIN generated: {name} -->\n).*?(\n<!-- END generated: {name} -->)", re.S)
        if not pattern.search(text):
            raise SystemExit(f"readme_tables: README.md has no '<!-- BEGIN generated: {name} -->' block")
        table = make()
        text = pattern.sub(lambda m: m.group(1) + table + m.group(2), text)
    return text


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="do not write; exit 1 if README.md is out of date")
    args = ap.parse_args(argv)
    current = README.read_text(encoding="utf-8")
    wanted = render(current)
    if args.check:
        if wanted != current:
            sys.stdout.writelines(difflib.unified_diff(current.splitlines(True), wanted.splitlines(True), "README.md", "generated"))
            print("\nreadme_tables: README.md is out of date; run `python scripts/readme_tables.py`.", file=sys.stderr)
            return 1
        print("readme_tables: README.md's tables match the code.")
        return 0
    if wanted != current:
        README.write_text(wanted, encoding="utf-8")
        print("readme_tables: README.md updated.")
    else:
        print("readme_tables: README.md already up to date.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
