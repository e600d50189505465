"""Exceptions raised by textmine.

Every error textmine raises on purpose is a :class:`TextmineError`, so callers
can catch them all at once. Messages name the function, the argument (or the
file), what was expected, and what to do next.
"""

from __future__ import annotations

__all__ = ["TextmineError", "InputError", "DecodingError", "ColumnError", "TextmineWarning"]


class TextmineError(Exception):
    """Base class of every error raised on purpose by textmine."""


class InputError(TextmineError, ValueError):
    """A text or table that cannot be used: empty, binary, malformed."""


class DecodingError(InputError):
    """A file whose bytes are not valid in the requested encoding.

    Attributes
    ----------
    path : str
        The file that failed.
    offset : int
        Byte offset of the first undecodable byte.
    encoding : str
        The encoding that was tried.
    """

    def __init__(self, message: str, *, path: str, offset: int, encoding: str):
        super().__init__(message)
        self.path = path
        self.offset = offset
        self.encoding = encoding


class ColumnError(InputError, KeyError):
    """A frame lacks the columns a function needs."""

    def __str__(self) -> str:  # KeyError would otherwise repr() the message
        return str(self.args[0]) if self.args else ""


class TextmineWarning(UserWarning):
    """Something in the input was odd but work went on (an unclosed quotation,
    an unresolvable Ibid., a skipped file). Filter with
    ``warnings.filterwarnings("ignore", category=textmine.TextmineWarning)``."""
