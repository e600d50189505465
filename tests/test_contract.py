"""The contract of every public function, after quanteda's ``test-default-methods.R``.

Every name in ``textmine.__all__`` is registered here, once: either as a
frame → frame function (:data:`FRAME_CASES`, with how to call it on the
chapter's frames) or with the kind of thing it is (:data:`OTHER_NAMES`). A
name added to ``__all__`` without an entry fails
:func:`test_every_public_name_is_registered`.

Each frame → frame function, called on the chapter's frames,

(a) refuses a frame that lacks a column it needs with a :class:`ColumnError`
    in the one message shape (``textmine.<name>: <argument> lacks column(s)
    [...]``, then what the frame has), and refuses a value that is not a
    frame with a ``TypeError`` naming the function;
(b) returns an empty frame with the same columns and dtypes on empty input;
(c) does not change its input (values, dtypes or index);
(d) returns a fresh ``RangeIndex`` and the same result when called again,
    when its input has another index, and (for the functions whose output
    order does not follow the input's) when the input rows are shuffled.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

import textmine as tm
from textmine.errors import ColumnError

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


@dataclass(frozen=True)
class Case:
    """How to call one frame → frame function.

    frames : fixtures → the frame arguments, by name
    call : the function called with those frames (other options fixed)
    required : frame argument → one column the function needs in it
    order_free : the result does not depend on the order of the input rows
    message_arg : frame argument → its name in error messages, where they differ
    empty_refused : empty input is refused with an ``InputError`` naming the
        function instead of giving an empty frame (only where there is
        nothing a result could be computed from: fitting topic models)
    """

    frames: Callable[[SimpleNamespace], dict[str, pd.DataFrame]]
    call: Callable[..., pd.DataFrame]
    required: dict[str, str] = field(default_factory=dict)
    order_free: bool = True
    message_arg: dict[str, str] = field(default_factory=dict)
    empty_refused: bool = False


def _nmf(seed: int):
    from sklearn.decomposition import NMF

    return NMF(n_components=3, random_state=seed, init="nndsvda", max_iter=300)


FRAME_CASES: dict[str, Case] = {
    # term statistics
    "term_counts": Case(lambda f: {"tokens": f.tokens}, lambda tokens: tm.term_counts(tokens, by="period"), {"tokens": "norm"}),
    "with_voice": Case(
        lambda f: {"tokens": f.tokens, "quotations": f.quotations},
        lambda tokens, quotations: tm.with_voice(tokens, quotations),
        {"tokens": "quote_id", "quotations": "kind"},
        order_free=False,
    ),
    "tf_idf": Case(lambda f: {"counts": f.counts}, lambda counts: tm.tf_idf(counts, document="period"), {"counts": "n"}),
    "keyness": Case(lambda f: {"counts": f.counts}, lambda counts: tm.keyness(counts, group="period", min_count=3), {"counts": "term"}),
    "log_odds": Case(lambda f: {"counts": f.counts}, lambda counts: tm.log_odds(counts, group="period", min_count=3), {"counts": "n"}),
    "ngrams": Case(lambda f: {"tokens": f.tokens}, lambda tokens: tm.ngrams(tokens, n=2, min_count=2), {"tokens": "sent_id"}),
    "collocations": Case(
        lambda f: {"tokens": f.tokens},
        lambda tokens: tm.collocations(tokens, stop_words=None, min_count=2),
        {"tokens": "sent_id"},
    ),
    "kwic": Case(lambda f: {"tokens": f.tokens}, lambda tokens: tm.kwic(tokens, "revolution", window=3), {"tokens": "norm"}),
    "dispersion": Case(lambda f: {"tokens": f.tokens}, lambda tokens: tm.dispersion(tokens, min_count=3), {"tokens": "in_citation"}),
    # the concordancer
    "word_list": Case(lambda f: {"tokens": f.tokens}, lambda tokens: tm.word_list(tokens), {"tokens": "norm"}),
    "collocates": Case(lambda f: {"tokens": f.tokens}, lambda tokens: tm.collocates(tokens, "revolution", window=(3, 3)), {"tokens": "norm"}),
    "trends": Case(lambda f: {"tokens": f.tokens}, lambda tokens: tm.trends(tokens, ["revolution", "peace"], by="period"), {"tokens": "period"}),
    "document_periods": Case(
        lambda f: {"documents": f.documents},
        lambda documents: tm.document_periods(documents, DATA / "periods.csv"),
        {"documents": "year"},
        order_free=False,  # one row per document, in the input order
    ),
    # topics
    "topic_units": Case(lambda f: {"tokens": f.tokens}, lambda tokens: tm.topic_units(tokens, size=2), {"tokens": "para_id"}),
    "top_terms": Case(lambda f: {"data": f.model.terms}, lambda data: tm.top_terms(data, n=5), {"data": "weight"}),
    "topic_coherence": Case(
        lambda f: {"top_terms": f.top, "occurrences": f.occurrences},
        lambda top_terms, occurrences: tm.topic_coherence(top_terms, occurrences),
        {"top_terms": "term", "occurrences": "unit_id"},
    ),
    "topic_stability": Case(
        lambda f: {"run_a": f.top, "run_b": f.top_other},
        lambda run_a, run_b: tm.topic_stability([run_a, run_b], n_terms=5),
        {"run_a": "term"},
        message_arg={"run_a": "runs[i]"},
    ),
    "select_k": Case(
        lambda f: {"tokens": f.tokens},
        lambda tokens: tm.select_k(tokens, _nmf(0), [2, 3], seeds=[0, 1], n_terms=5),
        {"tokens": "para_id"},
        empty_refused=True,  # it fits models: nothing to fit
    ),
    # quotation density
    "quotation_density": Case(
        lambda f: {"tokens": f.tokens, "quotations": f.quotations, "citations": f.citations},
        lambda tokens, quotations, citations: tm.quotation_density(tokens, quotations=quotations, citations=citations, by="period"),
        {"tokens": "in_quote", "quotations": "group_id", "citations": "citation_id"},
    ),
    "rolling_density": Case(lambda f: {"tokens": f.tokens}, lambda tokens: tm.rolling_density(tokens, window=100, step=25), {"tokens": "in_quote"}),
    "speaker_by_period": Case(lambda f: {"quotations": f.quotations}, lambda quotations: tm.speaker_by_period(quotations), {"quotations": "speaker"}),
    "speaker_period_matrix": Case(
        lambda f: {"data": f.speakers},
        lambda data: tm.speaker_period_matrix(data),
        {"data": "n_quotations"},
        order_free=False,  # rows follow the long table's speaker order
    ),
    # periods
    "paragraph_periods": Case(
        lambda f: {"paragraphs": f.paragraphs, "dates": f.dates, "quotations": f.quotations, "citations": f.citations},
        lambda paragraphs, dates, quotations, citations: tm.paragraph_periods(
            paragraphs, dates, DATA / "periods.csv", quotations, citations=citations
        ),
        {"paragraphs": "text", "dates": "year_start", "quotations": "end", "citations": "start"},
        order_free=False,  # one row per paragraph, in the input order
    ),
    # periods proposed from the dates, fidelity by group
    "propose_periods": Case(lambda f: {"dates": f.dates}, lambda dates: tm.propose_periods(dates), {"dates": "year_start"}),
    "fidelity_counts": Case(
        lambda f: {"data": f.fidelity, "quotations": f.quotations},
        lambda data, quotations: tm.fidelity_counts(data, by="period", quotations=quotations),
        {"data": "match", "quotations": "period"},
        order_free=False,  # groups in the order of their categories or first appearance
    ),
    # storage
    "compact_tokens": Case(lambda f: {"tokens": f.tokens}, lambda tokens: tm.compact_tokens(tokens), order_free=False),
}

#: Every other public name and what it is (these get no frame → frame contract).
OTHER_NAMES: dict[str, str] = {
    # reading: files or strings → objects or tables
    "load": "reading", "parse": "reading", "load_corpus": "reading", "read_events": "reading",
    "read_gazetteer": "reading",
    "read_periods": "reading", "read_parquet": "reading",
    # extraction: text (+ its frames) → one frame; each extractor's contract is in its own tests
    "find_quotations": "extractor", "find_citations": "extractor", "find_dates": "extractor",
    "find_notes": "extractor", "find_note_markers": "extractor", "find_references": "extractor",
    # verbs on Documents and models
    "assign_periods": "Document → Document", "fit_topics": "frame → TopicModel",
    "resample_topics": "frame → list of TopicModels", "topic_prevalence": "TopicModel → frame",
    "document_term_matrix": "frame → TermMatrix",
    "with_periods": "Document → (Document, periods table)", "period_summary": "Document → frame",
    "align_quotations": "Document + sources → Fidelity",
    # figures and the example text
    "save_figure": "figure → files", "style_context": "context manager", "figures_directory": "path → path",
    "example_path": "the shipped text's path", "is_example": "Document → bool",
    # classes, modules, errors, constants
    "Document": "class", "Corpus": "class", "TopicModel": "class", "TermMatrix": "class", "Fidelity": "class",
    "findings": "module", "dtm": "module", "storage": "module", "evaluate": "module", "explore": "module", "plots": "module",
    "TextmineError": "error", "InputError": "error", "DecodingError": "error", "ColumnError": "error",
    "TextmineWarning": "warning", "ENGLISH_STOP_WORDS": "constant", "__version__": "constant",
}

#: Deprecated aliases: old name → the name that replaced it (a frame → frame case).
DEPRECATED: dict[str, str] = {"count_terms": "term_counts", "make_units": "topic_units"}


@pytest.fixture(scope="module")
def chapter() -> SimpleNamespace:
    warnings.simplefilter("ignore")
    doc = tm.assign_periods(tm.load(DATA / "north-1989-soviet-foreign-policy.txt", events=DATA / "events.csv"), DATA / "periods.csv")
    tokens = doc.tokens
    model = tm.fit_topics(tokens, _nmf(0))
    other = tm.fit_topics(tokens, _nmf(1))
    quotations = doc.quotations
    return SimpleNamespace(
        tokens=tokens,
        quotations=quotations,
        citations=doc.citations,
        paragraphs=doc.paragraphs,
        dates=doc.dates,
        counts=tm.term_counts(tokens, by="period"),
        model=model,
        top=model.top_terms(8),
        top_other=other.top_terms(8),
        occurrences=model.occurrences(),
        speakers=tm.speaker_by_period(quotations),
        fidelity=tm.align_quotations(doc, DATA / "fidelity").quotations,
        documents=pd.DataFrame({"doc_id": ["a", "b", "c"], "year": [1918, 1926, 1988]}),
    )


def _run(case: Case, frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return case.call(**frames)


def _run_empty(case: Case, frames: dict[str, pd.DataFrame]) -> pd.DataFrame | None:
    """The case on its frames cut to zero rows (``None`` where empty input is refused, as it must be)."""
    empty = {k: v.iloc[:0] for k, v in frames.items()}
    if not case.empty_refused:
        return _run(case, empty)
    with pytest.raises(tm.InputError, match=r"^textmine\.\w+: .*empty"):
        _run(case, empty)
    return None


def _is_fresh_range(index: pd.Index, n: int) -> bool:
    return isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1 and len(index) == n


CASES = sorted(FRAME_CASES)


def test_every_public_name_is_registered():
    names = set(tm.__all__)
    registered = set(FRAME_CASES) | set(OTHER_NAMES) | set(DEPRECATED)
    assert not set(FRAME_CASES) & set(OTHER_NAMES), "a name is registered twice"
    assert names - registered == set(), (
        "public names without an entry in tests/test_contract.py: add a Case to FRAME_CASES "
        "(frame → frame) or say what it is in OTHER_NAMES"
    )
    assert registered - names == set(), "entries for names that are no longer public"
    for name in tm.__all__:
        assert getattr(tm, name) is not None


@pytest.mark.parametrize("name", CASES)
def test_result_has_a_fresh_range_index_and_is_deterministic(chapter, name):
    case = FRAME_CASES[name]
    frames = case.frames(chapter)
    out = _run(case, frames)
    assert isinstance(out, pd.DataFrame)
    assert len(out) > 0, f"{name}: the chapter should give rows (choose other options in the Case)"
    assert _is_fresh_range(out.index, len(out))
    pd.testing.assert_frame_equal(_run(case, frames), out, check_exact=True)
    # another index on the input (same rows, same order) changes nothing
    relabelled = {k: v.set_axis(np.arange(len(v))[::-1] * 3 + 11) for k, v in frames.items()}
    pd.testing.assert_frame_equal(_run(case, relabelled), out, check_exact=True)
    if case.order_free:  # nor does the order of the input rows
        shuffled = {k: v.sample(frac=1.0, random_state=7) for k, v in frames.items()}
        pd.testing.assert_frame_equal(_run(case, shuffled), out, check_exact=True)


@pytest.mark.parametrize("name", CASES)
def test_input_is_not_changed(chapter, name):
    case = FRAME_CASES[name]
    frames = case.frames(chapter)
    before = {k: v.copy(deep=True) for k, v in frames.items()}
    _run(case, frames)
    _run_empty(case, frames)
    for k, v in frames.items():
        pd.testing.assert_frame_equal(v, before[k], check_exact=True)
        assert v.index.equals(before[k].index)


@pytest.mark.parametrize("name", CASES)
def test_empty_input_gives_an_empty_frame_with_the_same_columns(chapter, name):
    case = FRAME_CASES[name]
    frames = case.frames(chapter)
    full = _run(case, frames)
    empty = _run_empty(case, frames)
    if case.empty_refused:
        return
    assert isinstance(empty, pd.DataFrame) and len(empty) == 0
    assert list(empty.columns) == list(full.columns)
    assert dict(empty.dtypes.astype(str)) == dict(full.dtypes.astype(str))
    assert _is_fresh_range(empty.index, 0)


@pytest.mark.parametrize("name", CASES)
def test_a_frame_without_its_columns_is_refused_in_the_one_message_shape(chapter, name):
    case = FRAME_CASES[name]
    frames = case.frames(chapter)
    if not case.required:
        pytest.skip(f"{name} needs no particular column")
    for arg, column in case.required.items():
        shown = case.message_arg.get(arg, arg)
        broken = {**frames, arg: frames[arg].drop(columns=column)}
        with pytest.raises(ColumnError) as info:
            _run(case, broken)
        message = str(info.value)
        assert message.startswith(f"textmine.{name}: {shown} lacks column(s) ["), message
        assert repr(column) in message.split(" It has ")[0] and " It has [" in message, message


@pytest.mark.parametrize("name", CASES)
def test_a_value_that_is_not_a_frame_is_refused_naming_the_function(chapter, name):
    case = FRAME_CASES[name]
    frames = case.frames(chapter)
    for arg in frames:
        with pytest.raises(TypeError) as info:
            _run(case, {**frames, arg: "a string, not a frame"})
        assert f"textmine.{name}: " in str(info.value), str(info.value)


@pytest.mark.parametrize("old, new", sorted(DEPRECATED.items()))
def test_deprecated_aliases_warn_and_give_the_same_result(chapter, old, new):
    case = FRAME_CASES[new]
    frames = case.frames(chapter)
    alias = getattr(tm, old)
    assert alias.__wrapped__ is getattr(tm, new)
    with pytest.warns(DeprecationWarning, match=rf"textmine\.{old} is deprecated.*textmine\.{new}"):
        out = alias(*frames.values(), **_fixed_options(new))
    pd.testing.assert_frame_equal(out, _run(case, frames))


def _fixed_options(name: str) -> dict:
    return {"term_counts": {"by": "period"}, "topic_units": {"size": 2}}[name]
