#!/usr/bin/env bash
# Install what the real-browser test (tests/browser/) needs, on a fresh Debian/Ubuntu machine:
#   1. Debian's Chromium, with apt-get, when /usr/bin/chromium is missing;
#   2. the Python package playwright (pinned by constraints.txt) in the project's venv.
# It never runs `playwright install` and never downloads a browser: Playwright drives
# the system Chromium through executable_path. Where Chromium cannot be installed
# (no apt-get, no root, no package mirror), this script warns and exits 0, and the
# browser test skips with a message saying so.
#
#   bash scripts/install-browser.sh          # then: make test
#
# Environment: VENV (default .venv), PYTHON (default python3, to create the venv),
# TEXTMINE_CHROMIUM (default /usr/bin/chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

VENV="${VENV:-.venv}"
PYTHON="${PYTHON:-python3}"
CHROMIUM="${TEXTMINE_CHROMIUM:-/usr/bin/chromium}"

warn() { echo "install-browser: $*" >&2; }

# 1. Chromium
if [ -x "$CHROMIUM" ]; then
    echo "install-browser: Chromium present: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
elif ! command -v apt-get >/dev/null 2>&1; then
    warn "no apt-get: cannot install Chromium here; the browser test will be skipped."
else
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            SUDO="sudo -n"
        else
            warn "not root and no password-less sudo: cannot apt-get install chromium; the browser test will be skipped."
        fi
    fi
    if [ "$(id -u)" -eq 0 ] || [ -n "$SUDO" ]; then
        if $SUDO apt-get update && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; then
            echo "install-browser: installed $("$CHROMIUM" --version 2>/dev/null || echo chromium)"
        else
            warn "apt-get install chromium failed; the browser test will be skipped."
        fi
    fi
fi

# 2. Playwright for Python (the package only; no browser download)
if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet -c constraints.txt playwright
echo "install-browser: playwright $("$VENV/bin/python" -c 'from importlib.metadata import version; print(version("playwright"))') in $VENV"
