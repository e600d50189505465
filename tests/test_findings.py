"""textmine.findings: every sentence comes from the frames; hand-made frames, expected sentences."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import textmine as tm
from textmine import findings as F

TEXT = """In 1850 the mill on the river was rebuilt. The new wheel was larger than the old one.

The miller hired three men in 1851. ‘The stones never stop,’ said Ann Hale, ‘and neither do we’ (Hale 1890, 12).

In 1890 the mill burned down, and the town talked of nothing else (Ibid., 14).
"""


@pytest.fixture(scope="module")
def mill(tmp_path_factory):
    path = tmp_path_factory.mktemp("mill") / "mill.txt"
    path.write_text(TEXT, encoding="utf-8")
    doc, periods = tm.with_periods(tm.load(path))
    return doc, periods, tm.period_summary(doc, periods)


def summary(rows) -> pd.DataFrame:
    """rows: (period, label, n_paragraphs, n_words)."""
    s = pd.DataFrame(rows, columns=["period", "label", "n_paragraphs", "n_words"])
    s["share_of_words"] = s["n_words"] / s["n_words"].sum()
    return s


def test_corpus_findings_without_annotations(mill):
    doc, _, _ = mill
    out = F.corpus_findings(doc)
    w = doc.paragraphs["n_words"]
    assert out.splitlines()[0] == (
        f"- **The text.** 3 body paragraphs ({w.min()} to {w.max()} words, median {int(w.median())}), "
        f"{len(doc.sentences)} sentences and {len(doc.tokens)} tokens."
    )
    # the quotation broken by "said Ann Hale" is two rows (one group)
    assert "**Extracted.** 2 quotations (2 from a source), 2 parenthetical citations and 4 temporal references." in out
    assert "**Accuracy not measured.**" in out


def test_corpus_findings_reads_the_scores():
    doc = tm.parse("One short paragraph of six words.")
    scores = pd.DataFrame([
        ("quotations", "span_f1_exact", 0.5, 4, 4, 2), ("quotations", "speaker_accuracy", 0.75, 4, 4, 3),
        ("periods", "period_accuracy", 0.9, 10, 10, 9),
    ], columns=["task", "measure", "value", "n_gold", "n_pred", "n_match"])
    out = F.corpus_findings(doc, scores)
    assert "- **The text.** 1 body paragraph of 6 words, 1 sentence and 7 tokens." in out
    assert ("**Against the hand annotations:** quotation spans F1 = 0.500 (exact offsets, 4 annotated quotations); "
            "speaker accuracy 0.750 on the 4 quotations from a source; 9 of the 10 unambiguous paragraphs (0.900) "
            "placed in the annotated period.") in out


def test_narrative_stretches_split_at_jumps():
    paras = pd.DataFrame({"para_id": range(7), "year_focus": pd.array([1989, 1917, 1920, None, 1930, 1890, 1989], dtype="Int64")})
    st = F.narrative_stretches(paras, jump=20)
    # 1989 | 1917 1920 (undated) 1930 | 1890 | 1989: moves of 72, 40 and 99 years start new stretches
    assert st[["para_start", "para_end", "year_first", "year_last"]].values.tolist() == [
        [0, 0, 1989, 1989], [1, 4, 1917, 1930], [5, 5, 1890, 1890], [6, 6, 1989, 1989]]
    assert F.narrative_stretches(paras, jump=100)["n_paragraphs"].tolist() == [6]
    assert F.narrative_stretches(paras.assign(year_focus=pd.NA)).empty


def test_periods_findings_on_a_small_text(mill):
    doc, periods, s = mill
    out = F.periods_findings(doc, periods, s, proposed=True)
    assert "**Proposed periods.** No periods table was given, so the 2 periods were proposed" in out
    assert ("**The narrative moves in 1 jump** (a move of 20 years or more between consecutive placed paragraphs): "
            "paragraphs 0–1 from 1850 to 1851; paragraph 2 at 1890.") in out
    assert "holds 2 of the 3 paragraphs" in out
    assert "2 periods have fewer than 500 words (1850–1870: " in out
    assert "**How paragraphs were placed.** 3 by their own dates." in out
    assert "the 2 inside citations (1890 and 14) place nothing" not in out  # 14 is a page, not a date
    cited = doc.dates[doc.dates["in_citation"]]
    if len(cited) == 1:
        assert f"the one inside a citation ({cited['text'].iloc[0]}) places nothing" in out


def test_periods_findings_one_period_and_no_dates():
    doc = tm.parse("No date at all in this paragraph.\n\nNor in this one.")
    doc, periods = tm.with_periods(doc)
    out = F.periods_findings(doc, periods, tm.period_summary(doc, periods), proposed=True)
    assert "**No periods.**" in out and "**No timeline.**" in out
    assert "The text has no temporal reference the date rules recognise." in out


def key_table():
    rows = [  # target, reference, term, n_target, n_reference, g2, p_g2
        ("big", "rest", "alpha", 12, 1, 20.0, 1e-5), ("big", "rest", "beta", 6, 0, 9.5, 0.002),
        ("big", "rest", "gamma", 3, 2, 1.0, 0.3), ("big", "rest", "delta", 1, 9, -8.0, 0.005),
        ("small", "rest", "delta", 9, 1, 8.0, 0.005),
    ]
    return pd.DataFrame(rows, columns=["target", "reference", "term", "n_target", "n_reference", "g2", "p_g2"])


def odds_table():
    return pd.DataFrame([("small", "delta", 1.2, 0.23), ("small", "eps", 0.4, 0.7)],
                        columns=["target", "term", "zeta", "p_value"])


def test_terms_findings_names_only_significant_terms():
    s = summary([("big", "The Big Years", 5, 900), ("small", "Small", 1, 120)])
    voice = pd.DataFrame([("quoted", "author", "we", 10, 1, 15.0, 1e-4), ("quoted", "author", "policy", 0, 12, -9.0, 0.003)],
                         columns=["target", "reference", "term", "n_target", "n_reference", "g2", "p_g2"])
    coll = pd.DataFrame({"collocation": ["alpha beta"], "n": [4]})
    disp = pd.DataFrame({"term": ["alpha", "beta"], "dp": [0.2, 0.9], "range": [4, 1], "n_parts": [6, 6]})
    out = F.terms_findings(key_table(), odds_table(), s, voice_key=voice, collocations=coll, dispersion=disp)
    lines = out.splitlines()
    assert lines[0] == ("- **The Big Years** (900 words) is marked by *alpha* (12 against 1 in the rest, G² = 20.0) "
                        "and *beta* (6 against 0).")  # gamma is not significant
    assert lines[1] == ("- **Thin periods.** For the 1 period with fewer than 500 words (Small), key terms rest on a few "
                        "occurrences; the largest weighted log-odds z-score among them is 1.20 (*delta* in Small, "
                        "p = 0.23), below the 1.96 of p < 0.05, so they are not findings.")
    assert lines[2] == ("- **Voices.** Against each other, quoted words are marked by *we* (G² from 15.0 down to 15.0); "
                        "the author's own words by *policy* (12 against 0).")
    assert lines[3] == "- **Fixed phrases.** The strongest collocations (G²) are *alpha beta* (4)."
    assert lines[4] == ("- **Dispersion.** Of the terms plotted, *beta* is the most concentrated (DP = 0.90, in 1 of 6 "
                        "paragraphs) and *alpha* the most evenly spread (DP = 0.20, in 4).")


def test_terms_findings_with_one_period():
    s = summary([("all", "All", 3, 400)])
    out = F.terms_findings(None, None, s, voice_key=None, collocations=pd.DataFrame({"collocation": [], "n": []}))
    assert "**Key terms by period:** not computed" in out
    assert "**Fixed phrases:** no word pair occurs often enough to rank." in out


def test_topics_findings_without_a_model():
    assert "**No topic model.**" in F.topics_findings(None, None)


def test_topics_findings_from_a_model(chapter):
    from sklearn.decomposition import NMF

    doc = tm.assign_periods(chapter, chapter.meta["source"].replace("north-1989-soviet-foreign-policy.txt", "periods.csv"))
    model = tm.fit_topics(doc.tokens, NMF(n_components=2, random_state=0, max_iter=500))
    sel = pd.DataFrame({"k": [2, 3], "npmi": [0.1, 0.2], "stability": [0.8, 0.5], "stability_sd": [0.05, 0.1]})
    prev = model.prevalence("period")
    s = tm.period_summary(doc, tm.read_periods(doc.meta["source"].replace("north-1989-soviet-foreign-policy.txt", "periods.csv")))
    out = F.topics_findings(sel, 2, model, prev, s)
    assert out.splitlines()[0] == ("- **Choosing k.** Coherence rises with *k* (NPMI 0.100 at *k* = 2, 0.200 at *k* = 3); "
                                   "stability is highest at *k* = 2 (0.800 ± 0.050). The model below has *k* = 2, the most stable.")
    top = model.top_terms(5)
    first = ", ".join(f"*{t}*" for t in top[top["topic"] == 0].sort_values("rank")["term"])
    assert f"**2 topics.** Topic 0: {first} (NPMI " in out
    one = s.loc[s["n_paragraphs"] == 1, "label"].tolist()
    assert len(one) >= 2
    assert f"The {len(one)} single-paragraph periods ({', '.join(one[:-1])} and {one[-1]})" in out


def test_quotations_findings_without_quotations():
    doc = tm.parse("Nothing quoted here.")
    doc, periods = tm.with_periods(doc)
    out = F.quotations_findings(doc, tm.quotation_density(doc, by="period"), tm.period_summary(doc, periods))
    assert out.splitlines() == [
        "- **No quotations.** The text has no quotation marks the quotation rules recognise, so there is no quotation "
        "density, no speaker and no quotation–citation link to report.",
        "- **Citations.** The text has no parenthetical citation.",
    ]


def test_quotations_findings_on_a_small_text(mill):
    doc, periods, s = mill
    who = tm.speaker_by_period(doc.quotations)
    out = F.quotations_findings(doc, tm.quotation_density(doc, by="period"), s, speakers=who)
    assert "**Most quoted period.**" in out
    speaker = doc.quotations["speaker"].dropna()
    if len(speaker):
        assert f"**Who is quoted.** {speaker.iloc[0]}" in out
    assert "**Citations.** 2 citations: 1 full reference and 1 `Ibid.`, of which 1 resolves to an earlier citation." in out


def _literal_words() -> set[str]:
    """Words in the string literals of textmine/findings.py that are not docstrings."""
    tree = ast.parse(Path(F.__file__).read_text(encoding="utf-8"))
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef)) and n.body
                  and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    words = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            words |= set(re.findall(r"[A-Za-z][a-z]+", node.value))
    return words


def test_the_templates_name_no_person_or_term_of_any_text(chapter):
    """No capitalised word of the chapter that is not ordinary English is in a findings template."""
    capitalised = set(re.findall(r"\b[A-Z][a-z]{2,}\b", chapter.text))
    template = _literal_words()
    names = {"Lenin", "Trotsky", "Stalin", "Medvedev", "Gorbachev", "Comintern", "Bolshevik", "Soviet", "Kuomintang",
             "Chiang", "Bukharin", "Perestroika", "North", "Moscow", "Russia", "Hitler"}
    assert names <= capitalised  # the list is about this chapter
    assert not (names & template)
    assert not ({w.lower() for w in names} & {w.lower() for w in template})
