"""What every explorer shares: when to show widgets, and the static view's pieces (internal).

:func:`use_widgets` decides between ipywidgets and the static view (see
:mod:`textmine.explore`); the rest are small helpers for HTML, text and PNG
output, argument checks and the display protocol every explorer follows
(:class:`Explorer`). Internal to :mod:`textmine.explore`: the names are
shared by its modules, not public API.
"""

from __future__ import annotations

import base64
import html
import io
import os
import sys
import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InputError

ENV_VAR = "TEXTMINE_INTERACTIVE"

_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")
ALL = "\x00all"  # value of the "all" choice in selection widgets (never a real period or speaker)
UNASSIGNED = "unassigned"
ERROR_STYLE = "color:#B00020;font-weight:bold"
MUTED = "color:#666666"


# ---------------------------------------------------------------- mode detection
def _ipywidgets_installed() -> bool:
    if "ipywidgets" in sys.modules:
        return True
    import importlib.util

    return importlib.util.find_spec("ipywidgets") is not None


def _kernel_shell():
    """The IPython shell if this code runs inside a Jupyter kernel, else None."""
    if "IPython" not in sys.modules:  # never import IPython just to find out
        return None
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython half-imported
        return None
    shell = get_ipython()
    if shell is None or getattr(shell, "kernel", None) is None:
        return None
    return shell


def _control_comm_seen() -> bool:
    """True if a widget manager opened ipywidgets' control comm in this kernel."""
    mod = sys.modules.get("ipywidgets")
    widget = getattr(mod, "Widget", None) if mod is not None else None
    return getattr(widget, "_control_comm", None) is not None


def _env_mode(func: str) -> bool | None:
    raw = os.environ.get(ENV_VAR, "")
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if value not in ("", "auto"):
        warnings.warn(
            f"{func}: ignoring {ENV_VAR}={raw!r}; use 1 (widgets), 0 (static) or auto.", stacklevel=3
        )
    return None


def use_widgets(interactive: bool | None = None) -> bool:
    """Whether the explorers show ipywidgets (True) or their static view (False).

    Parameters
    ----------
    interactive : bool or None
        ``True``/``False`` decide; ``None`` (default) reads
        ``TEXTMINE_INTERACTIVE`` and otherwise detects a widget frontend, as
        described in the module docs. nbval, nbconvert and papermill runs
        resolve to ``False``.

    Returns
    -------
    bool

    Raises
    ------
    TypeError
        *interactive* is not a bool or None.
    InputError
        ``interactive=True`` but ipywidgets is not installed.
    """
    func = "textmine.explore.use_widgets"
    if interactive is not None and not isinstance(interactive, (bool, np.bool_)):
        raise TypeError(f"{func}: interactive must be True, False or None (detect), got {interactive!r}.")
    if interactive is None:
        interactive = _env_mode(func)
    if interactive is not None:
        if interactive and not _ipywidgets_installed():
            raise InputError(
                f"{func}: widgets were requested (interactive=True or {ENV_VAR}=1) but ipywidgets is not "
                "installed; pip install ipywidgets, or use interactive=False for the static view."
            )
        return bool(interactive)
    if _kernel_shell() is None or not _ipywidgets_installed():
        return False
    return _control_comm_seen() or bool(os.environ.get("JPY_SESSION_NAME"))


def widgets():
    import ipywidgets

    return ipywidgets


# ---------------------------------------------------------------- shared helpers
def check_doc(doc: Any, func: str):
    from ..document import Document

    if not isinstance(doc, Document):
        raise TypeError(
            f"{func}: doc must be a textmine.Document (tm.load(path)), got {type(doc).__name__}; "
            "explore one document at a time (corpus[i] for a Corpus)."
        )


def check_bool(value: Any, func: str, name: str) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{func}: {name} must be True or False, got {value!r}.")
    return bool(value)


def check_int(value: Any, func: str, name: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{func}: {name} must be an int, got {type(value).__name__}.")
    if value < minimum:
        raise InputError(f"{func}: {name} must be at least {minimum}, got {value}.")
    return int(value)


def with_periods(doc, periods, func: str):
    """(document, periods table or None): assign *periods* if given."""
    if periods is None:
        return doc, None
    from ..periods import assign_periods, read_periods

    table = read_periods(periods)
    return assign_periods(doc, table), table


def period_order(col: pd.Series) -> list[str]:
    if isinstance(col.dtype, pd.CategoricalDtype):
        return [str(c) for c in col.cat.categories]
    return [str(v) for v in pd.unique(col.dropna())]


def check_choice(value: Any, choices: Sequence[str], func: str, name: str, what: str) -> str | None:
    """None stays None; otherwise *value* must be one of *choices*."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"{func}: {name} must be a str or None (all), got {type(value).__name__}.")
    if value not in choices:
        import difflib

        close = difflib.get_close_matches(value, [c for c in choices if c], n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise InputError(f"{func}: {name}={value!r} is not {what}; expected None (all) or one of {list(choices)}.{hint}")
    return value


def png(fig) -> bytes:
    """PNG bytes of a figure (no software tag; the layout is constrained)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100, metadata={"Software": None})
    return buf.getvalue()


def new_figure(width: float, height: float):
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def count(n: int, word: str, plural: str | None = None) -> str:
    """``"1 match"``, ``"2 matches"``."""
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def esc(value: Any) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return html.escape(str(value))


def frame_html(frame: pd.DataFrame, *, floats: str = "{:.2f}") -> str:
    return frame.to_html(index=False, escape=True, border=0, na_rep="", float_format=floats.format)


def frame_text(frame: pd.DataFrame) -> str:
    with pd.option_context("display.width", 200, "display.max_columns", 50, "display.max_colwidth", 60):
        return frame.to_string(index=False, float_format="{:.2f}".format, na_rep="")


def swatch(colour: str) -> str:
    return (f'<span style="display:inline-block;width:0.8em;height:0.8em;background:{colour};'
            'margin-right:0.3em;vertical-align:middle"></span>')


def static_note(kind: str) -> str:
    return (f'<p style="{MUTED};font-size:small">Static view of the {kind} (no widget frontend: nbval, '
            'nbconvert or a terminal). In JupyterLab with ipywidgets the same call is interactive; '
            'see <code>tm.explore.use_widgets</code>.</p>')


class Explorer:
    """Display logic shared by the explorers: widgets, or static bundles."""

    _kind = "explorer"

    def __init__(self, interactive: bool):
        self.interactive = interactive
        #: The ipywidgets container (None in the static view).
        self.widget = None
        self._figure = None

    # subclasses provide these
    def _static_bundles(self) -> list[dict[str, str]]:  # pragma: no cover - abstract
        raise NotImplementedError

    def _plain(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    @property
    def figure(self):
        """The current figure (drawn by the explorer's ``_draw`` on first access after each change)."""
        if self._figure is None:
            self._figure = self._draw()
        return self._figure

    def _draw(self):  # pragma: no cover - explorers with a figure provide it
        raise NotImplementedError

    def __repr__(self) -> str:
        mode = "interactive" if self.widget is not None else "static"
        return f"<textmine {self._kind} ({mode}): {self._plain().splitlines()[0]}>"

    def _widget_bundle(self) -> dict[str, Any]:
        data = dict(self.widget._repr_mimebundle_())
        data["text/plain"] = f"textmine {self._kind} (interactive): {self._plain().splitlines()[0]}"
        # Shown only by a frontend without the widget renderer:
        data["text/html"] = (f'<p style="{MUTED}">Interactive {self._kind}: open this notebook in JupyterLab '
                             'with ipywidgets to use it, or call it with <code>interactive=False</code> '
                             'for the static view.</p>')
        return data

    def _ipython_display_(self) -> None:
        from IPython.display import display

        if self.widget is not None:
            display(self._widget_bundle(), raw=True)
            return
        for bundle in self._static_bundles():
            display(bundle, raw=True)


def image_bundle(png: bytes, alt: str) -> dict[str, str]:
    return {"image/png": base64.b64encode(png).decode("ascii"), "text/plain": alt}


def period_colours(order: Sequence[str]) -> dict[str, str]:
    from ..plots.style import period_colors

    return period_colors(list(order))
