"""Interactive exploration in JupyterLab, with a static view everywhere else.

Four explorers, one call each::

    import textmine as tm
    import textmine.explore
    tm.explore.dashboard(doc_or_corpus)           # word list, sorted concordance, collocates, trends
    tm.explore.terms(doc, "revolution*")          # rate by period, dispersion, concordance
    tm.explore.quotations(doc, speaker=None)      # filter by speaker/period/kind; read in context
    tm.explore.periods(doc, "data/periods.csv")   # edit boundaries; period figures redraw

Each call returns an explorer object that displays itself (make it the last
expression of a cell, or pass it to ``display``):

* **interactive** — ipywidgets controls: type a term, click a period, pick a
  speaker, change a period's years... and the figures and tables update;
* **static** — an HTML summary (with a plain-text twin) and a PNG figure,
  a pure function of the call's arguments. This is what nbval, nbconvert,
  papermill and ``make figures`` record, so the notebooks stay verifiable.

The explorers compute nothing of their own: matching is
:func:`textmine.concordance.kwic`, rates are :func:`textmine.terms.term_counts`,
the dashboard's tables are :func:`textmine.wordlist.word_list`,
:func:`textmine.concordance.kwic` (sorted), :func:`textmine.collocations.collocates`
and :func:`textmine.trends.trends`,
dispersion is :func:`textmine.dispersion.dispersion`, periods are
:func:`textmine.periods.assign_periods`, and the figures are the suite's plot
functions (:func:`~textmine.plots.density.plot_density`,
:func:`~textmine.plots.dispersion.plot_dispersion`,
:func:`~textmine.plots.timeline.plot_timeline`). This module only wires them
to widgets. ipywidgets and matplotlib are imported lazily. One module per
explorer (``_dashboard``, ``_terms``, ``_quotations``, ``_periods``;
``_source`` joins a corpus into one text for the dashboard), the
shared display logic in ``_base``.

When are widgets used?
    :func:`use_widgets` decides, in this order:

    1. ``interactive=True`` / ``False`` passed to the call;
    2. the environment variable ``TEXTMINE_INTERACTIVE`` (``1``/``0``,
       ``true``/``false``; ``auto`` or unset: detect);
    3. detection: widgets only inside a Jupyter kernel (not a terminal
       IPython, not plain Python) with ipywidgets installed, *and* with
       evidence of a widget-capable frontend: the kernel was started by a
       Jupyter server for a notebook or console session (JupyterLab and
       Notebook 7 set ``JPY_SESSION_NAME``), or a widget manager has already
       opened ipywidgets' ``jupyter.widget.control`` comm. nbval,
       nbconvert, nbclient and papermill start kernels themselves, without
       a server, so they always get the static view.

    Other widget frontends (VS Code, Colab) start kernels their own way:
    pass ``interactive=True`` or set ``TEXTMINE_INTERACTIVE=1`` there.
"""

from __future__ import annotations

from ._base import ENV_VAR, use_widgets
from ._dashboard import Dashboard, dashboard
from ._periods import PeriodEditor, periods
from ._quotations import QuotationBrowser, quotations
from ._terms import TermExplorer, terms

__all__ = ["dashboard", "terms", "quotations", "periods", "use_widgets", "Dashboard", "TermExplorer",
           "QuotationBrowser", "PeriodEditor", "ENV_VAR"]
