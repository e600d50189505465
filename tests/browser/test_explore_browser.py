"""The explore notebook in a real browser: JupyterLab + headless Chromium.

Opens ``notebooks/06-explore.ipynb`` in JupyterLab, runs all cells, types a
term into the term explorer and checks, in the page itself, that

* every code cell ran (an execution count, no ``[*]``) and no cell shows an
  error or any stderr output, and no widget failed to render;
* the explorers rendered as widgets (the kernel detected the frontend);
* after typing the term, the summary, the plot image and the concordance
  all changed, the concordance lines match the new term, and no explorer
  reports an input error;
* clicking a period button leaves only that period's concordance lines.

Artifacts in ``test-artifacts/`` (git-ignored): ``explore.png``, the term
explorer after typing the term; ``explore-page.png``, the JupyterLab window
then; ``explore-period.png``, the explorer after the period click;
``explore-quotations.png`` and ``explore-periods.png``, the other two explorers;
``explore-timing.json``, the time of each phase; ``explore-failure.png``
and the outputs' text (printed) when the test fails.
"""

from __future__ import annotations

import json
import re
import time

import pytest

pytestmark = pytest.mark.browser

NOTEBOOK = "notebooks/06-explore.ipynb"
NEW_TERM = "peace*"
PAGE_TIMEOUT = 60_000  # ms: load JupyterLab and the notebook
RUN_TIMEOUT = 180_000  # ms: run every cell
UPDATE_TIMEOUT = 60_000  # ms: one widget round trip


def _wait_idle(page, timeout: int) -> None:
    """The notebook's kernel is connected and idle (accepting a kernel dialog if one asks)."""
    deadline = time.monotonic() + timeout / 1000
    while True:
        dialog = page.locator(".jp-Dialog .jp-Dialog-button.jp-mod-accept")
        if dialog.count():
            dialog.first.click()
        idle = page.locator(".jp-NotebookPanel .jp-Notebook-ExecutionIndicator[data-status='idle']")
        status = page.locator("#jp-main-statusbar", has_text=re.compile(r"\| Idle"))
        if idle.count() and status.count() and not page.locator(".jp-Dialog").count():
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"the notebook's kernel was not idle within {timeout / 1000:.0f} s")
        page.wait_for_timeout(250)


def _code_prompts(page) -> list[str]:
    return page.eval_on_selector_all(
        ".jp-NotebookPanel .jp-CodeCell .jp-InputArea-prompt", "els => els.map(e => e.textContent.trim())")


def _all_cells_ran(page) -> bool:
    prompts = _code_prompts(page)
    return bool(prompts) and all(re.fullmatch(r"\[\d+\]:", p) for p in prompts)


def _menu(page, menu: str, item: str) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{menu}$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{item}$")).click()


def _run_all(page) -> None:
    """Clear the stored (static) outputs, so that what is checked afterwards is this run's; run all."""
    _menu(page, "Edit", "Clear Outputs of All Cells")
    page.wait_for_function(
        """() => document.querySelectorAll('.jp-NotebookPanel .jp-OutputArea-output').length === 0""",
        timeout=PAGE_TIMEOUT)
    _menu(page, "Run", "Run All Cells")


def _errors_on_page(page) -> list[str]:
    """Text of error/stderr outputs, widget render errors and explorer input errors."""
    js = """() => {
      const sel = [
        ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']",  // tracebacks and warnings
        ".jupyter-widgets.widget-error",                                           // a widget that failed to render
        ".textmine-error",                                                         // an explorer rejecting its input
      ];
      const out = [];
      for (const s of sel) for (const e of document.querySelectorAll(s)) out.push(s + ": " + e.textContent.trim().slice(0, 300));
      for (const e of document.querySelectorAll(".jp-OutputArea-output"))
        if (/Error displaying widget|Traceback \\(most recent call last\\)/.test(e.textContent)) out.push("output: " + e.textContent.trim().slice(0, 300));
      return out;
    }"""
    return page.evaluate(js)


def _explorer_state(page) -> dict:
    return page.evaluate("""() => {
      const box = document.querySelector(".textmine-terms");
      if (!box) return null;
      const summary = box.querySelector(".textmine-summary");
      const img = box.querySelector("img.textmine-term-plot") || box.querySelector(".textmine-term-plot img");
      const matches = [...box.querySelectorAll(".textmine-concordance .textmine-match")].map(e => e.textContent.trim());
      return {
        summary: summary ? summary.textContent.trim() : null,
        n_matches: summary ? Number(summary.dataset.matches) : null,
        img_src: img ? img.getAttribute("src") : null,
        img_width: img ? img.naturalWidth : 0,
        matches: matches,
        input: box.querySelector(".textmine-term-input input") ? box.querySelector(".textmine-term-input input").value : null,
      };
    }""")


def test_term_explorer_in_jupyterlab(jupyter_lab, chromium, artifacts):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    (artifacts / "explore-failure.png").unlink(missing_ok=True)  # from an earlier failed run
    timing: dict[str, float] = {"start_jupyter_lab_s": jupyter_lab.start_s}
    t0 = time.perf_counter()
    console: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(**chromium)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1400})
            page.on("console", lambda m: console.append(f"{m.type}: {m.text}") if m.type == "error" else None)
            page.on("pageerror", lambda e: console.append(f"pageerror: {e}"))
            page.set_default_timeout(PAGE_TIMEOUT)

            # 1. open the notebook, wait for its kernel
            page.goto(jupyter_lab.url(f"lab/tree/{NOTEBOOK}"), wait_until="domcontentloaded")
            page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=PAGE_TIMEOUT)
            _wait_idle(page, PAGE_TIMEOUT)
            timing["open_notebook_s"] = time.perf_counter() - t0

            # 2. run all cells; wait until each code cell has an execution count and the kernel is idle
            t = time.perf_counter()
            _run_all(page)
            page.wait_for_function(  # every code cell numbered, or an error (which stops Run All)
                """() => { const p = [...document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell .jp-InputArea-prompt')]
                              .map(e => e.textContent.trim());
                           const failed = document.querySelector(
                              ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']");
                           return failed || (p.length > 0 && p.every(x => /^\\[\\d+\\]:$/.test(x))); }""",
                timeout=RUN_TIMEOUT,
            )
            _wait_idle(page, RUN_TIMEOUT)
            errors = _errors_on_page(page)
            assert not errors, f"cells show errors after Run All: {errors}\nbrowser console: {console[-10:]}"
            assert _all_cells_ran(page), f"some code cells did not run: {_code_prompts(page)}"
            try:
                page.wait_for_selector(".textmine-terms .textmine-term-input input", timeout=UPDATE_TIMEOUT)
            except PlaywrightTimeout:
                static = page.locator(".jp-OutputArea-output", has_text="Static view of the term explorer").count()
                raise AssertionError(
                    "the term explorer did not render as a widget"
                    + (" (the kernel chose the static view: see tm.explore.use_widgets)" if static else "")
                ) from None
            page.wait_for_function(
                """() => { const i = document.querySelector('.textmine-terms img.textmine-term-plot');
                           return i && i.complete && i.naturalWidth > 0; }""", timeout=UPDATE_TIMEOUT)
            timing["run_all_cells_s"] = time.perf_counter() - t
            for cls in ("textmine-terms", "textmine-quotations", "textmine-periods"):
                assert page.locator(f".{cls}").count() >= 1, f"no .{cls} widget on the page: the explorers did not render as widgets"
            before = _explorer_state(page)
            assert before["n_matches"] and before["n_matches"] > 0, before
            assert before["img_width"] > 0, before
            assert all(m.lower().startswith("revolution") for m in before["matches"]), before["matches"][:5]

            # 3. type a term into the term explorer, press Enter; the plot and the concordance update
            t = time.perf_counter()
            box = page.locator(".textmine-terms").first
            box.scroll_into_view_if_needed()
            field = box.locator(".textmine-term-input input")
            field.fill(NEW_TERM)
            field.press("Enter")
            page.wait_for_function(
                """([term, src]) => { const b = document.querySelector('.textmine-terms');
                       const s = b && b.querySelector('.textmine-summary');
                       const i = b && b.querySelector('img.textmine-term-plot');
                       return s && s.textContent.includes('“' + term + '”') && i && i.getAttribute('src') !== src
                              && i.complete && i.naturalWidth > 0; }""",
                arg=[NEW_TERM, before["img_src"]], timeout=UPDATE_TIMEOUT,
            )
            timing["update_after_typing_s"] = time.perf_counter() - t
            after = _explorer_state(page)
            assert after["input"] == NEW_TERM
            assert after["img_src"] != before["img_src"], "the plot did not change"
            assert after["n_matches"] > 0 and after["n_matches"] != before["n_matches"], (before["summary"], after["summary"])
            assert after["matches"], "the concordance is empty after typing the term"
            assert all(m.lower().startswith("peace") for m in after["matches"]), after["matches"]
            assert after["matches"] != before["matches"]
            errors = _errors_on_page(page)
            assert not errors, f"errors after typing {NEW_TERM!r}: {errors}"
            box.screenshot(path=str(artifacts / "explore.png"))
            page.screenshot(path=str(artifacts / "explore-page.png"))

            # 4. click the period of the first concordance line: only its lines remain
            t = time.perf_counter()
            period = box.locator(".textmine-concordance tr").nth(1).locator("td").nth(1).inner_text().strip()
            box.locator(".textmine-period-buttons button", has_text=re.compile(f"^{re.escape(period)}$")).click()
            page.wait_for_function(
                """(p) => { const b = document.querySelector('.textmine-terms');
                            const s = b.querySelector('.textmine-summary');
                            const cells = [...b.querySelectorAll('.textmine-concordance tr td:nth-child(2)')];
                            return s && s.textContent.includes('Period ' + p) && cells.length > 0
                                   && cells.every(c => c.textContent.trim() === p); }""",
                arg=period, timeout=UPDATE_TIMEOUT)
            timing["update_after_period_click_s"] = time.perf_counter() - t
            shown = box.locator(".textmine-concordance tr td:nth-child(2)").all_inner_texts()
            assert shown and {x.strip() for x in shown} == {period}, (period, shown)
            assert not _errors_on_page(page)
            box.screenshot(path=str(artifacts / "explore-period.png"))
            page.set_viewport_size({"width": 1400, "height": 2200})  # room for the taller explorers
            for cls, name in (("textmine-quotations", "explore-quotations.png"), ("textmine-periods", "explore-periods.png")):
                other = page.locator(f".{cls}").first
                other.scroll_into_view_if_needed()
                other.screenshot(path=str(artifacts / name))
        except Exception:
            # leave evidence: the window and the text of every output
            try:
                page.screenshot(path=str(artifacts / "explore-failure.png"))
                outputs = page.eval_on_selector_all(
                    ".jp-OutputArea-output", "els => els.map(e => e.textContent.trim().slice(0, 200))")
                print("outputs at failure:", *outputs, sep="\n  ")
                print("browser console errors:", *console[-20:], sep="\n  ")
                print("jupyter lab log:\n" + jupyter_lab.log_tail())
            except Exception as exc:  # the page itself may be gone
                print(f"could not collect failure evidence: {exc}")
            raise
        finally:
            browser.close()
    timing["browser_total_s"] = time.perf_counter() - t0
    (artifacts / "explore-timing.json").write_text(json.dumps({k: round(v, 1) for k, v in timing.items()}, indent=2) + "\n")
    print("browser test timing:", {k: round(v, 1) for k, v in timing.items()})

