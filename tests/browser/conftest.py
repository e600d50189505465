"""Fixtures for the real-browser tests: headless Chromium and a throw-away JupyterLab.

* ``chromium`` — launch options for Debian's Chromium (``/usr/bin/chromium``,
  or ``TEXTMINE_CHROMIUM``). The tests skip, saying how to install it, only when
  it is missing: ``bash scripts/install-browser.sh`` installs it. Playwright
  drives it with ``executable_path``; no browser is ever downloaded.
* ``jupyter_lab`` — ``jupyter lab`` on 127.0.0.1 with a free port, a random
  token, no browser, and temporary runtime, config, settings and workspace
  folders. It serves a temporary copy of ``notebooks/`` beside a link to
  ``data/``, so autosave can never touch the tracked notebooks, and it is
  always shut down (HTTP shutdown, then terminate, then kill).

Screenshots and timings go to ``test-artifacts/`` (git-ignored).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
NOTEBOOK = "notebooks/06-explore.ipynb"
CHROMIUM = os.environ.get("TEXTMINE_CHROMIUM", "/usr/bin/chromium")
#: Flags for a machine without network access except localhost.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--disable-breakpad",
    "--no-first-run",
    "--no-default-browser-check",
    "--mute-audio",
]
SERVER_START_TIMEOUT = 90  # s
SHUTDOWN_TIMEOUT = 20  # s

#: User settings for the throw-away JupyterLab: never save the notebook, keep
#: every cell in the page, start the notebook's kernel without asking, fetch
#: no news and check for no updates.
LAB_SETTINGS = {
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none", "autoStartDefaultKernel": True},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false", "checkForUpdates": False},
}


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives JupyterLab in headless Chromium (deselect with -m 'not browser')")


@pytest.fixture(scope="session")
def chromium() -> dict:
    """Keyword arguments for ``playwright.chromium.launch`` (Debian's Chromium, headless)."""
    path = Path(CHROMIUM)
    if not (path.is_file() and os.access(path, os.X_OK)):
        pytest.skip(
            f"Chromium not found at {path}: the real-browser test needs Debian's chromium package. "
            "Install it with `bash scripts/install-browser.sh` (apt-get install -y chromium), "
            "or point TEXTMINE_CHROMIUM at a Chromium binary."
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.fail(
            "Chromium is installed but the Python package playwright is not: run "
            "`bash scripts/install-browser.sh` (pip install playwright; never `playwright install`)."
        )
    return {"executable_path": str(path), "headless": True, "args": list(CHROMIUM_ARGS)}


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, token: str, *, method: str = "GET", timeout: float = 5.0) -> int:
    req = urllib.request.Request(url, method=method, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(req, timeout=timeout) as r:  # noqa: S310 (localhost only)
        return r.status


class Lab:
    """A running JupyterLab: ``url(path)`` gives an authenticated URL."""

    def __init__(self, proc: subprocess.Popen, base: str, token: str, root: Path, log: Path):
        self.proc, self.base, self.token, self.root, self.log = proc, base, token, root, log
        self.start_s = 0.0  # seconds until the server answered

    def url(self, path: str) -> str:
        return f"{self.base}/{path.lstrip('/')}?token={self.token}"

    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return "(no log)"


def _stop(proc: subprocess.Popen, base: str, token: str) -> None:
    """Shut JupyterLab down: the shutdown API, then SIGTERM, then SIGKILL (its process group)."""
    if proc.poll() is None:
        try:
            _get(f"{base}/api/shutdown", token, method="POST")
        except (OSError, urllib.error.URLError):
            pass
        try:
            proc.wait(timeout=SHUTDOWN_TIMEOUT)
        except subprocess.TimeoutExpired:
            pass
    for sig in (signal.SIGTERM, signal.SIGKILL):
        if proc.poll() is not None:
            break
        try:
            os.killpg(proc.pid, sig)  # the server and the kernels it started
        except ProcessLookupError:
            break
        try:
            proc.wait(timeout=SHUTDOWN_TIMEOUT)
        except subprocess.TimeoutExpired:
            continue


@pytest.fixture(scope="module")
def jupyter_lab(chromium, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("lab")
    root = tmp / "root"
    (root / "notebooks").mkdir(parents=True)
    shutil.copy2(ROOT / NOTEBOOK, root / NOTEBOOK)
    (root / "data").symlink_to(ROOT / "data", target_is_directory=True)
    settings = tmp / "settings"
    for name, value in LAB_SETTINGS.items():
        f = settings / name
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(json.dumps(value))
    for d in ("runtime", "config", "workspaces", "figures"):
        (tmp / d).mkdir()

    port, token = _free_port(), secrets.token_hex(24)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JPY_", "JUPYTER_"))}
    env.pop("TEXTMINE_INTERACTIVE", None)  # let the kernels detect the browser frontend
    env.update({
        "JUPYTER_RUNTIME_DIR": str(tmp / "runtime"),
        "JUPYTER_CONFIG_DIR": str(tmp / "config"),
        "JUPYTERLAB_SETTINGS_DIR": str(settings),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp / "workspaces"),
        "TEXTMINE_FIGURES_DIR": str(tmp / "figures"),
        "MPLBACKEND": "module://matplotlib_inline.backend_inline",
        "PYTHONHASHSEED": "0",
    })
    cmd = [
        sys.executable, "-m", "jupyterlab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        f"--LabApp.user_settings_dir={settings}",
        f"--LabApp.workspaces_dir={tmp / 'workspaces'}",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",  # no PyPI queries
        "--ServerApp.terminals_enabled=False",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")  # CI containers run as root
    log = tmp / "jupyter-lab.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    lab = Lab(proc, base, token, root, log)
    t0 = time.monotonic()
    try:
        deadline = t0 + SERVER_START_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(f"jupyter lab exited with code {proc.returncode} before serving:\n{lab.log_tail()}")
            try:
                if _get(f"{base}/api/status", token) == 200:
                    break
            except (OSError, urllib.error.URLError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"jupyter lab did not answer within {SERVER_START_TIMEOUT} s:\n{lab.log_tail()}")
            time.sleep(0.25)
        lab.start_s = time.monotonic() - t0
        yield lab
    finally:
        _stop(proc, base, token)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
