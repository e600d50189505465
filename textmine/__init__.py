"""textmine: tidy text mining for humanities research.

Text in, tidy pandas frames out, with character offsets back into the text::

    import textmine as tm
    doc = tm.load("data/north-1989-soviet-foreign-policy.txt", events="data/events.csv")
    doc = tm.assign_periods(doc, "data/periods.csv")
    doc.paragraphs, doc.sentences, doc.tokens, doc.quotations, doc.citations, doc.dates

Naming (after quanteda): text → frames (``load``, ``parse``); frame → frame
analyses named for what they return (``count_terms``, ``keyness``,
``quotation_density``...); ``tm.plots.plot_*`` draw on a matplotlib Axes.
scikit-learn, scipy and matplotlib are imported only when a function needs
them.
"""

from . import dtm, evaluate, explore, plots, storage
from .collocations import collocates, collocations, ngrams
from .concordance import kwic
from .dates import find_dates, read_events
from .density import quotation_density, rolling_density, speaker_by_period, speaker_period_matrix
from .dispersion import dispersion
from .document import Corpus, Document, load, load_corpus, parse
from .dtm import TermMatrix, document_term_matrix
from .errors import ColumnError, DecodingError, InputError, TextmineError, TextmineWarning
from .figures import save_figure, style_context
from .periods import assign_periods, paragraph_periods, read_periods
from .stopwords import ENGLISH_STOP_WORDS
from .storage import compact_tokens, read_parquet
from .terms import count_terms, term_counts, keyness, log_odds, tf_idf, with_voice
from .trends import document_periods, trends
from .wordlist import word_list
from .topics import (
    TopicModel,
    fit_topics,
    make_units,
    select_k,
    topic_coherence,
    topic_prevalence,
    resample_topics,
    topic_stability,
    top_terms,
)

__version__ = "0.1.0"

__all__ = [
    # reading
    "load", "parse", "load_corpus", "Document", "Corpus",
    # extraction and periods
    "find_dates", "read_events", "read_periods", "assign_periods", "paragraph_periods",
    # term statistics
    "term_counts", "count_terms", "with_voice", "tf_idf", "keyness", "log_odds", "ngrams", "collocations", "kwic", "dispersion",
    # the concordancer: word list, collocates in a window, trends
    "word_list", "collocates", "trends", "document_periods",
    # topics
    "make_units", "fit_topics", "TopicModel", "top_terms", "topic_prevalence", "topic_coherence",
    "topic_stability", "select_k", "resample_topics",
    # quotation density
    "quotation_density", "rolling_density", "speaker_by_period", "speaker_period_matrix",
    # scale: Parquet storage, sparse matrices (tm.dask is imported on first use)
    "read_parquet", "compact_tokens", "document_term_matrix", "TermMatrix", "dtm", "storage",
    # figures, evaluation, plots
    "save_figure", "style_context", "evaluate", "explore", "plots",
    # errors and constants
    "TextmineError", "InputError", "DecodingError", "ColumnError", "TextmineWarning", "ENGLISH_STOP_WORDS",
    "__version__",
]


def __getattr__(name: str):
    # ``tm.dask`` imports Dask only when first used (it is an optional extra).
    if name == "dask":
        import importlib

        return importlib.import_module(".dask", __name__)
    raise AttributeError(f"module 'textmine' has no attribute {name!r}")
