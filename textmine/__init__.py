"""textmine: tidy text mining for humanities research.

Text in, tidy pandas frames out, with character offsets back into the text::

    import textmine as tm
    doc = tm.load("data/north-1989-soviet-foreign-policy.txt")
    doc.paragraphs, doc.sentences, doc.tokens
"""

from . import plots
from .document import Corpus, Document, load, load_corpus, parse
from .errors import ColumnError, DecodingError, InputError, TextmineError
from .figures import save_figure, style_context
from .plots import corpus as _plots_corpus  # noqa: F401  (registers tm.plots.corpus)
from .plots import style as _plots_style  # noqa: F401
from .stopwords import ENGLISH_STOP_WORDS

__version__ = "0.1.0"

__all__ = [
    "Corpus",
    "Document",
    "load",
    "load_corpus",
    "parse",
    "TextmineError",
    "InputError",
    "DecodingError",
    "ColumnError",
    "ENGLISH_STOP_WORDS",
    "save_figure",
    "style_context",
    "plots",
    "__version__",
]
