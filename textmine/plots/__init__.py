"""Plot functions: tidy frame in, matplotlib Axes out.

Every function follows seaborn's contract: ``data`` first, keyword-only
options, ``ax=None`` (draw on the current Axes when not given), returns the
Axes, never shows or saves. :mod:`textmine.plots.style` holds the shared
style and the period palette, so periods have the same colour and order in
every figure.
"""
