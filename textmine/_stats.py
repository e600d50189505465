"""Tail probabilities shared by the term statistics (no scipy import needed).

Internal module (not part of the public API): :func:`textmine.keyness`,
:func:`textmine.log_odds` and :func:`textmine.collocations` turn their test
statistics into p-values here, through :func:`math.erfc`.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["chi2_sf", "normal_two_sided"]

_erfc = np.vectorize(math.erfc, otypes=[np.float64])


def chi2_sf(x: np.ndarray) -> np.ndarray:
    """Upper tail of the chi-square distribution with 1 degree of freedom.

    ``P(X > x) = erfc(sqrt(x / 2))``.
    """
    x = np.abs(np.asarray(x, dtype=np.float64))
    return _erfc(np.sqrt(x / 2.0)) if x.size else x


def normal_two_sided(z: np.ndarray) -> np.ndarray:
    """Two-sided normal p-value ``2 * P(Z > |z|) = erfc(|z| / sqrt(2))``."""
    z = np.abs(np.asarray(z, dtype=np.float64))
    return _erfc(z / math.sqrt(2.0)) if z.size else z
