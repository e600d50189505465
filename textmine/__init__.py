"""textmine: tidy text mining for humanities research.

Text in, tidy pandas frames out, with character offsets back into the text::

    import textmine as tm
    doc = tm.load("data/north-1989-soviet-foreign-policy.txt")
    doc.paragraphs, doc.sentences, doc.tokens
"""

from .document import Corpus, Document, load, load_corpus, parse
from .errors import ColumnError, DecodingError, InputError, TextmineError
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
    "__version__",
]
