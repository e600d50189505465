"""Deprecated aliases: an old public name that keeps working and says what replaced it.

Internal module (not part of the public API). When the naming grammar
(``CONTRIBUTING.md``) renames a public function, the old name stays for a
while as :func:`deprecated_alias` of the new one: same signature and result,
plus a :class:`DeprecationWarning` naming the replacement.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from typing import Any

__all__ = ["deprecated_alias"]


def deprecated_alias(func: Callable[..., Any], old: str, new: str) -> Callable[..., Any]:
    """*func* under its old name *old*, warning that *new* replaces it.

    Both names are given as users write them (``"textmine.count_terms"``,
    ``"textmine.term_counts"``).
    """

    @functools.wraps(func)
    def alias(*args: Any, **kwargs: Any) -> Any:
        warnings.warn(
            f"{old} is deprecated and will be removed; use {new} (same arguments, same result).",
            DeprecationWarning,
            stacklevel=2,
        )
        return func(*args, **kwargs)

    alias.__name__ = alias.__qualname__ = old.rsplit(".", 1)[-1]
    alias.__doc__ = f"Deprecated alias of :func:`{new}` (same arguments, same result); use that name.\n"
    alias.__wrapped__ = func
    return alias
