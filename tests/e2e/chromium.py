"""Debian's chromium under Playwright: where it is and how it is launched (tests and bench alike)."""

from __future__ import annotations

import os
from pathlib import Path

CHROMIUM = Path(os.environ.get("ATRIUM_E2E_CHROMIUM", "/usr/bin/chromium"))
# Playwright adds a fresh temporary --user-data-dir to every launch (and --headless, given headless=True).
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launch(playwright):
    """Launch the system chromium headless (Playwright never downloads a browser here)."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
