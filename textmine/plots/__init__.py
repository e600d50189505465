"""Plot functions: tidy frame in, matplotlib Axes out.

Every function follows seaborn's contract: ``data`` first, keyword-only
options, ``ax=None`` (draw on the current Axes when not given), returns the
Axes, never shows or saves. :mod:`textmine.plots.style` holds the shared
style and the period palette, so periods have the same colour and order in
every figure. matplotlib itself is imported only when a plot is drawn.
"""

from . import style
from .corpus import plot_paragraph_lengths
from .density import plot_density, plot_rolling_density, plot_speaker_by_period
from .dispersion import plot_dispersion
from .fidelity import plot_fidelity
from .terms import plot_keyness, plot_top_terms
from .timeline import plot_timeline
from .trends import plot_trends
from .topics import plot_k_selection, plot_topic_prevalence, plot_topic_terms

__all__ = [
    "style",
    "plot_paragraph_lengths",
    "plot_timeline",
    "plot_top_terms",
    "plot_keyness",
    "plot_dispersion",
    "plot_k_selection",
    "plot_topic_terms",
    "plot_topic_prevalence",
    "plot_density",
    "plot_rolling_density",
    "plot_speaker_by_period",
    "plot_fidelity",
    "plot_trends",
]
