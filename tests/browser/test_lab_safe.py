"""`make lab` is safe to explore in: JupyterLab started by scripts/lab.py, in headless Chromium.

Starts JupyterLab exactly as ``make lab`` does (``scripts/lab.py``; as root
it must add ``--allow-root`` itself), with autosave every 2 s, then opens
``06-explore.ipynb`` from the file browser's root, runs all cells, types a
term into the term explorer and saves. It checks that

* JupyterLab serves the working copies (its root is the working folder) and
  the notebook opened is ``<work>/notebooks/06-explore.ipynb``;
* the working copy was rewritten (autosave and the save reached it), so the
  test could fail; every tracked notebook under ``notebooks/`` is
  byte-identical afterwards;
* no cell shows an error, and no news pop-up is shown.

Screenshots in ``test-artifacts/``: ``lab-safe.png`` (after exploring) and
``lab-safe-failure.png`` when the test fails.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = "notebooks/06-explore.ipynb"
START_TIMEOUT = 90  # s
PAGE_TIMEOUT = 60_000  # ms
RUN_TIMEOUT = 180_000  # ms
SAVE_TIMEOUT = 60  # s


def tracked_notebooks() -> dict[str, str]:
    return {str(p.relative_to(ROOT)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted((ROOT / "notebooks").rglob("*.ipynb")) if ".ipynb_checkpoints" not in p.parts}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _status(base: str, token: str, path: str = "api/status", method: str = "GET") -> int:
    req = urllib.request.Request(f"{base}/{path}", method=method, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(req, timeout=5) as r:  # noqa: S310 (localhost)
        return r.status


@pytest.fixture(scope="module")
def lab(chromium, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("lab-safe")
    work, settings = tmp / "work", tmp / "settings"
    # the user's settings: autosave on, every 2 s (so a save happens while we explore)
    f = settings / "@jupyterlab" / "docmanager-extension" / "plugin.jupyterlab-settings"
    f.parent.mkdir(parents=True)
    f.write_text(json.dumps({"autosave": True, "autosaveInterval": 2}))
    for d in ("runtime", "config", "workspaces"):
        (tmp / d).mkdir()
    port, token = _free_port(), secrets.token_hex(24)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JPY_", "JUPYTER_"))}
    env.pop("TEXTMINE_INTERACTIVE", None)
    env.pop("TEXTMINE_FIGURES_DIR", None)  # lab.py sets it to <work>/figures
    env.update({"JUPYTER_RUNTIME_DIR": str(tmp / "runtime"), "JUPYTER_CONFIG_DIR": str(tmp / "config"),
                "MPLBACKEND": "module://matplotlib_inline.backend_inline", "PYTHONHASHSEED": "0"})
    cmd = [sys.executable, str(ROOT / "scripts" / "lab.py"), "--work", str(work), "--",
           "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
           f"--IdentityProvider.token={token}", f"--LabApp.user_settings_dir={settings}",
           f"--LabApp.workspaces_dir={tmp / 'workspaces'}", "--LabApp.extension_manager=readonly",
           "--ServerApp.terminals_enabled=False"]
    log = tmp / "lab.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(f"make lab's JupyterLab exited with code {proc.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
            try:
                if _status(base, token) == 200:
                    break
            except (OSError, urllib.error.URLError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"JupyterLab did not answer within {START_TIMEOUT} s:\n{log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.25)
        yield {"base": base, "token": token, "work": work, "log": log, "proc": proc}
    finally:
        if proc.poll() is None:
            try:
                _status(base, token, "api/shutdown", "POST")
                proc.wait(timeout=20)
            except (OSError, urllib.error.URLError, subprocess.TimeoutExpired):
                pass
        for sig in (signal.SIGTERM, signal.SIGKILL):
            if proc.poll() is not None:
                break
            try:
                os.killpg(proc.pid, sig)
                proc.wait(timeout=20)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                pass


def _wait_idle(page, timeout_ms: int) -> None:
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        dialog = page.locator(".jp-Dialog .jp-Dialog-button.jp-mod-accept")
        if dialog.count():
            dialog.first.click()
        idle = page.locator(".jp-NotebookPanel .jp-Notebook-ExecutionIndicator[data-status='idle']")
        if idle.count() and page.locator("#jp-main-statusbar", has_text=re.compile(r"\| Idle")).count():
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"the kernel was not idle within {timeout_ms / 1000:.0f} s")
        page.wait_for_timeout(250)


def _menu(page, menu: str, item: str) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{menu}$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{item}$")).click()


def test_exploring_in_make_lab_leaves_the_tracked_notebooks_unchanged(lab, chromium, artifacts):
    from playwright.sync_api import sync_playwright

    before = tracked_notebooks()
    log = lab["log"].read_text(errors="replace")
    assert f"JupyterLab opens {lab['work']}" in log
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        assert "running as root (uid 0" in log and "--allow-root" in log  # and it started (the fixture waited for it)
    copy = lab["work"] / NOTEBOOK
    assert copy.read_bytes() == (ROOT / NOTEBOOK).read_bytes()  # a fresh working copy
    original = hashlib.sha256(copy.read_bytes()).hexdigest()

    with sync_playwright() as pw:
        browser = pw.chromium.launch(**chromium)
        page = browser.new_page(viewport={"width": 1400, "height": 1200})
        page.set_default_timeout(PAGE_TIMEOUT)
        try:
            # the file browser's root is the working folder: it lists notebooks/ and data/, nothing of the repository
            page.goto(f"{lab['base']}/lab/tree/{NOTEBOOK}?token={lab['token']}", wait_until="domcontentloaded")
            page.wait_for_selector(".jp-NotebookPanel .jp-Cell")
            _wait_idle(page, PAGE_TIMEOUT)
            listing = json.loads(urllib.request.urlopen(urllib.request.Request(  # noqa: S310
                f"{lab['base']}/api/contents", headers={"Authorization": f"token {lab['token']}"}), timeout=5).read())
            assert sorted(c["name"] for c in listing["content"]) == ["data", "figures", "notebooks"]

            _menu(page, "Run", "Run All Cells")
            page.wait_for_function(
                """() => { const p = [...document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell .jp-InputArea-prompt')]
                              .map(e => e.textContent.trim());
                           return p.length > 0 && p.every(x => /^\\[\\d+\\]:$/.test(x)); }""", timeout=RUN_TIMEOUT)
            _wait_idle(page, RUN_TIMEOUT)
            field = page.locator(".textmine-terms .textmine-term-input input").first
            field.wait_for(timeout=PAGE_TIMEOUT)
            field.fill("peace*")
            field.press("Enter")
            page.wait_for_function("""() => { const s = document.querySelector('.textmine-terms .textmine-summary');
                                              return s && s.textContent.includes('“peace*”'); }""", timeout=PAGE_TIMEOUT)
            errors = page.eval_on_selector_all(
                ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']", "els => els.map(e => e.textContent)")
            assert not errors, errors
            page.keyboard.press("Control+s")
            deadline = time.monotonic() + SAVE_TIMEOUT
            while hashlib.sha256(copy.read_bytes()).hexdigest() == original:
                if time.monotonic() > deadline:
                    raise AssertionError("neither autosave nor Ctrl+S rewrote the working copy: the test proves nothing")
                page.wait_for_timeout(500)
            # no news pop-up: the toast JupyterLab shows to ask about (or show) news
            toasts = page.eval_on_selector_all(".Toastify__toast, .jp-Notification-Toast",
                                               "els => els.map(e => e.textContent)")
            assert not [t for t in toasts if "news" in t.lower()], toasts
            page.screenshot(path=str(artifacts / "lab-safe.png"))
        except Exception:
            page.screenshot(path=str(artifacts / "lab-safe-failure.png"))
            print("JupyterLab log:\n" + lab["log"].read_text(errors="replace")[-3000:])
            raise
        finally:
            browser.close()
    saved = json.loads(copy.read_text(encoding="utf-8"))
    assert any(c.get("outputs") for c in saved["cells"] if c["cell_type"] == "code")
    assert tracked_notebooks() == before, "exploring in make lab changed a tracked notebook"
