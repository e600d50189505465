"""`textmine analyze`: the whole suite on other texts, into a folder of their own.

Three runs of the six notebooks (about a minute each):

* a second text (British quotes, author–date citations, its own periods table);
* a degenerate text: one paragraph, no quotation, no date (no periods can be proposed);
* a text whose dates all fall in one period, with no quotation (periods proposed from its dates).

Each must give 0 error cells, write only into its output folder (the tracked
notebooks and figures are unchanged), and its findings must name no person or
term that the text does not contain.
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
import subprocess
from pathlib import Path

import pytest

import textmine as tm
from textmine.analyze import analyze, suite_notebooks

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SECOND = DATA / "second-text.txt"
ONE_PARAGRAPH = DATA / "degenerate-one-paragraph.txt"
ONE_PERIOD = DATA / "degenerate-one-period.txt"

#: Words the findings take from the package's own labels, not from the text: keyness's
#: reference "rest", the voices, the models compared in notebook 4, the unassigned group.
PACKAGE_WORDS = {"rest", "author", "quoted", "nmf", "tf", "idf", "lda", "counts", "unassigned"}


def tracked_state() -> dict[str, str]:
    """SHA-256 of every file under notebooks/ and figures/ (what a run must never touch)."""
    out = {}
    for folder in ("notebooks", "figures"):
        for p in sorted((ROOT / folder).rglob("*")):
            if p.is_file() and "__pycache__" not in p.parts and ".ipynb_checkpoints" not in p.parts:
                out[str(p.relative_to(ROOT))] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    before = tracked_state()
    base = tmp_path_factory.mktemp("analyze")
    results = {
        "second": analyze(SECOND, periods=DATA / "second-periods.csv", out=base / "second", log=None),
        "one-paragraph": analyze(ONE_PARAGRAPH, out=base / "one-paragraph", log=None),
        "one-period": analyze(ONE_PERIOD, out=base / "one-period", log=None),
    }
    return results, before, tracked_state()


def read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def outputs_of(nb: dict, tag: str) -> str:
    texts = []
    for cell in nb["cells"]:
        if tag in cell.get("metadata", {}).get("tags", []):
            for o in cell.get("outputs", []):
                md = o.get("data", {}).get("text/markdown")
                if md:
                    texts.append(md if isinstance(md, str) else "".join(md))
    return "\n".join(texts)


def error_cells(nb: dict) -> list[str]:
    return [f"{o['ename']}: {o['evalue']}" for c in nb["cells"] if c["cell_type"] == "code"
            for o in c.get("outputs", []) if o["output_type"] == "error"]


@pytest.mark.parametrize("name", ["second", "one-paragraph", "one-period"])
def test_no_error_cell_and_everything_in_the_output_folder(runs, name):
    results, before, after = runs
    r = results[name]
    assert r.errors == []
    assert [p.name for p in r.notebooks] == [p.name for p in suite_notebooks()]
    for path in r.notebooks:
        assert path.parent == r.out / "notebooks"
        nb = read(path)
        assert error_cells(nb) == [], path.name
        # the injected parameters cell follows the parameters cell (papermill's convention)
        tags = [c.get("metadata", {}).get("tags", []) for c in nb["cells"]]
        i = next(k for k, t in enumerate(tags) if "parameters" in t)
        assert "injected-parameters" in tags[i + 1]
    manifest = (r.out / "figures" / "MANIFEST.csv").read_text(encoding="utf-8")
    text = {"second": SECOND, "one-paragraph": ONE_PARAGRAPH, "one-period": ONE_PERIOD}[name]
    assert text.name in manifest and "north-1989" not in manifest
    assert r.findings.read_text(encoding="utf-8").startswith(f"# Findings for {text.name}")
    assert after == before, "a run on another text changed notebooks/ or figures/"


def test_degenerate_texts_say_what_they_lack(runs):
    results, _, _ = runs
    one = {p.stem: read(p) for p in results["one-paragraph"].notebooks}
    notes = "\n".join(json.dumps(nb["cells"]) for nb in one.values())
    for expected in ("no topic model is fitted", "only one period with text in it", "no quotation marks",
                     "no usable date", "Moving a boundary needs two periods"):
        assert expected in notes, expected
    assert "**No periods.**" in outputs_of(one["02-periods"], "findings")
    assert results["one-paragraph"].proposed_periods.read_text(encoding="utf-8").count("\n") == 1  # header only
    proposed = results["one-period"].proposed_periods.read_text(encoding="utf-8").splitlines()
    assert len(proposed) == 2 and proposed[1].startswith("1850-1853,")
    period_nb = read(results["one-period"].out / "notebooks" / "02-periods.ipynb")
    assert "**Proposed periods.**" in outputs_of(period_nb, "findings")
    assert "**One period.**" in outputs_of(period_nb, "findings")


def _template_words() -> set[str]:
    """Words in the string literals of textmine/findings.py, docstrings excluded."""
    tree = ast.parse((ROOT / "textmine" / "findings.py").read_text(encoding="utf-8"))
    docs = {id(n.body[0].value) for n in ast.walk(tree)
            if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef)) and n.body
            and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    words = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            words |= _words(node.value)
    return words


def _words(text: str) -> set[str]:
    """Lower-case runs of letters (any other character, digits and ² included, splits words)."""
    return set("".join(c.lower() if c.isalpha() else " " for c in text).split())


@pytest.mark.parametrize("name", ["second", "one-paragraph", "one-period"])
def test_findings_name_nothing_the_text_does_not_contain(runs, name, chapter):
    results, _, _ = runs
    r = results[name]
    text = {"second": SECOND, "one-paragraph": ONE_PARAGRAPH, "one-period": ONE_PERIOD}[name]
    doc = tm.load(text)
    vocabulary = _words(" ".join(doc.tokens["norm"].astype(str)))
    periods_file = DATA / "second-periods.csv" if name == "second" else r.proposed_periods
    periods = tm.read_periods(periods_file) if name == "second" or len(tm.propose_periods(doc.dates)) else None
    labels = _words(" ".join(periods["label"]) + " " + " ".join(periods["period"])) if periods is not None else set()
    kinds = _words(" ".join(doc.dates["kind"].astype(str)) + " " + " ".join(doc.quotations["kind"].astype(str)))
    allowed = vocabulary | labels | _template_words() | PACKAGE_WORDS | kinds
    findings = ""
    for path in r.notebooks:
        nb = read(path)
        assert outputs_of(nb, "chapter-commentary") == "", f"{path.name} shows the chapter's commentary"
        findings += outputs_of(nb, "findings") + "\n"
    assert findings.strip()
    foreign = sorted(w for w in _words(findings) - allowed if not (w.endswith("s") and w[:-1] in allowed))  # plurals
    assert foreign == [], f"findings name words the text does not contain: {foreign}"
    # and, directly: none of the chapter's names (capitalised, never written in lower case there) that this text lacks
    lower = set(re.findall(r"\b[a-z]+\b", chapter.text))
    chapter_names = {w.lower() for w in re.findall(r"\b[A-Z][a-z]{3,}\b", chapter.text) if w.lower() not in lower}
    assert {"lenin", "trotsky", "medvedev", "gorbachev"} <= chapter_names
    chapter_names -= vocabulary | _template_words()  # the templates' own words ("Ibid.") are not the chapter's names
    assert not (chapter_names & _words(findings)), sorted(chapter_names & _words(findings))


def test_the_shipped_chapter_shows_its_commentary():
    """The stored notebooks (run on the chapter) show the hand-written commentary, marked as such."""
    for path in suite_notebooks():
        nb = read(path)
        if path.stem == "06-explore":
            continue
        shown = outputs_of(nb, "chapter-commentary")
        assert shown.startswith("**About the shipped chapter** (written by hand after reading it; shown only when the "
                                "text is the shipped chapter)."), path.name
        assert outputs_of(nb, "findings"), path.name


def test_analyze_refuses_bad_input(tmp_path):
    with pytest.raises(tm.InputError, match="no such file"):
        analyze(tmp_path / "missing.txt", out=tmp_path / "out", log=None)
    text = tmp_path / "t.txt"
    text.write_text("A text.", encoding="utf-8")
    with pytest.raises(tm.InputError, match="--periods"):
        analyze(text, periods=tmp_path / "nope.csv", out=tmp_path / "out", log=None)
    with pytest.raises(tm.InputError, match="tracked files"):
        analyze(text, out=ROOT / "figures" / "mine", log=None)
    with pytest.raises(tm.InputError, match="no suite notebooks"):
        analyze(text, out=tmp_path / "out", notebooks=tmp_path, log=None)


def test_command_line_wiring(tmp_path, capsys):
    from textmine.cli import main

    assert main(["analyze", str(tmp_path / "missing.txt")]) == 2
    assert "error: textmine analyze: no such file" in capsys.readouterr().err
    assert main(["load", str(SECOND), "--out", str(tmp_path / "frames"), "--format", "csv"]) == 0
    assert sorted(p.name for p in (tmp_path / "frames").iterdir()) == [
        "citations.csv", "dates.csv", "header.csv", "note_markers.csv", "notes.csv", "paragraphs.csv", "quotations.csv",
        "references.csv", "sentences.csv", "tokens.csv"]  # every frame of the Document, the notes' too
    assert main(["load", str(SECOND), "--out", str(tmp_path / "pq"), "--propose-periods"]) == 0
    back = tm.read_parquet(tmp_path / "pq")
    assert len(back.tokens) == len(tm.load(SECOND).tokens) and "period" in back.tokens.columns
    assert main(["load", str(SECOND), "--out", str(tmp_path / "pq")]) == 2  # not empty: refused
    assert main(["nonsense"]) == 2
    assert "textmine {load,analyze,assignments}" in capsys.readouterr().err


def test_make_analyze_passes_its_variables():
    out = subprocess.run(["make", "-n", "-o", ".venv/.textmine-installed", "analyze", "TEXT=my text.txt", "PERIODS=p.csv", "OUT=res"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    assert '.venv/bin/textmine analyze "my text.txt" --periods "p.csv" --out "res"' in re.sub(" +", " ", out)
    usage = subprocess.run(["make", "-s", "-o", ".venv/.textmine-installed", "analyze"], cwd=ROOT, capture_output=True, text=True)
    assert usage.returncode != 0 and "usage: make analyze TEXT=" in usage.stderr
