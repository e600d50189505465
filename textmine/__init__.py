"""textmine: tidy text mining for humanities research.

Text in, tidy pandas frames out, with character offsets back into the text::

    import textmine as tm
    doc = tm.load("data/north-1989-soviet-foreign-policy.txt", events="data/events.csv")
    doc = tm.assign_periods(doc, "data/periods.csv")
    doc.paragraphs, doc.sentences, doc.tokens, doc.quotations, doc.citations, doc.dates

Naming (the grammar is written down in ``CONTRIBUTING.md``): ``load``,
``parse``, ``load_corpus``, ``read_*`` turn files or strings into objects or
tables; ``find_*`` extract one frame from a text (``find_quotations``,
``find_citations``, ``find_dates``); other verbs work on texts, Documents or
models (``fit_topics``, ``assign_periods``); frame → frame analyses are
nouns named for the table they return (``term_counts``, ``keyness``,
``quotation_density``...); ``with_*`` adds columns to the same rows;
``tm.plots.plot_*`` draw on a matplotlib Axes. scikit-learn, scipy and
matplotlib are imported only when a function needs them (and the quotation
and citation extractors when first used).
"""

from . import dtm, evaluate, explore, findings, plots, storage
from .collocations import collocates, collocations, ngrams
from .concordance import kwic
from .dates import find_dates, read_events, read_gazetteer
from .density import quotation_density, rolling_density, speaker_by_period, speaker_period_matrix
from .dispersion import dispersion
from .document import Corpus, Document, load, load_corpus, parse
from .dtm import TermMatrix, document_term_matrix
from .errors import ColumnError, DecodingError, InputError, TextmineError, TextmineWarning
from .example import example_path, is_example
from .figures import figures_directory, save_figure, style_context
from .periods import assign_periods, paragraph_periods, read_periods
from .propose import period_summary, propose_periods, with_periods
from .fidelity import Fidelity, align_quotations, fidelity_counts
from .stopwords import ENGLISH_STOP_WORDS
from .storage import compact_tokens, read_parquet
from .terms import count_terms, keyness, log_odds, term_counts, tf_idf, with_voice
from .trends import document_periods, trends
from .wordlist import word_list
from .topics import (
    TopicModel,
    fit_topics,
    make_units,
    resample_topics,
    select_k,
    top_terms,
    topic_coherence,
    topic_prevalence,
    topic_stability,
    topic_units,
)

__version__ = "0.1.0"

__all__ = [
    # reading
    "load", "parse", "load_corpus", "Document", "Corpus",
    # extraction and periods
    "find_quotations", "find_citations", "find_notes", "find_note_markers", "find_references", "find_dates",
    "read_events", "read_gazetteer", "read_periods", "assign_periods",
    "paragraph_periods", "propose_periods", "with_periods", "period_summary",
    # term statistics
    "term_counts", "with_voice", "tf_idf", "keyness", "log_odds", "ngrams", "collocations", "kwic", "dispersion",
    # the concordancer: word list, collocates in a window, trends
    "word_list", "collocates", "trends", "document_periods",
    # topics
    "topic_units", "fit_topics", "TopicModel", "top_terms", "topic_prevalence", "topic_coherence",
    "topic_stability", "select_k", "resample_topics",
    # quotation density and fidelity
    "quotation_density", "rolling_density", "speaker_by_period", "speaker_period_matrix",
    "align_quotations", "Fidelity", "fidelity_counts",
    # scale: Parquet storage, sparse matrices (tm.dask is imported on first use)
    "read_parquet", "compact_tokens", "document_term_matrix", "TermMatrix", "dtm", "storage",
    # figures, evaluation, plots
    "save_figure", "figures_directory", "style_context", "evaluate", "explore", "findings", "plots",
    # the example text shipped in the package
    "example_path", "is_example",
    # errors and constants
    "TextmineError", "InputError", "DecodingError", "ColumnError", "TextmineWarning", "ENGLISH_STOP_WORDS",
    "__version__",
    # deprecated aliases (each warns and names its replacement)
    "count_terms", "make_units",
]

#: Names imported on first use: the extractors' rule tables take a moment to
#: compile, and a Document imports them only when it needs them too.
_LAZY = {
    "find_quotations": ".quotations",
    "find_citations": ".citations",
    "find_notes": ".citations",
    "find_note_markers": ".citations",
    "find_references": ".citations",
}


def __getattr__(name: str):
    import importlib

    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name], __name__), name)
    # ``tm.dask`` imports Dask only when first used (it is an optional extra).
    if name == "dask":
        return importlib.import_module(".dask", __name__)
    raise AttributeError(f"module 'textmine' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY) | {"dask"})
