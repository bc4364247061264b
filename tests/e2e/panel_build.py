"""The built panel (``frontend/dist``) the browser tests load: rebuilt when a source is newer than the build.

``make test`` builds it before pytest starts; this module makes a bare
``pytest tests/e2e`` do the same. Run as a script (``python tests/e2e/panel_build.py``)
it builds when stale and prints what it did.
"""

from __future__ import annotations

import fcntl
import subprocess
import sys
import tempfile
from pathlib import Path

FRONTEND = Path(__file__).resolve().parents[2] / "frontend"
DIST_INDEX = FRONTEND / "dist" / "index.html"
SOURCES = (
    "src",
    "public",
    "index.html",
    "package.json",
    "package-lock.json",
    "vite.config.ts",
    "tsconfig.json",
    "tsconfig.app.json",
    "tsconfig.node.json",
)


def _newest(paths) -> float:
    newest = 0.0
    for path in paths:
        if path.is_dir():
            newest = max([newest, *(p.stat().st_mtime for p in path.rglob("*") if p.is_file())])
        elif path.is_file():
            newest = max(newest, path.stat().st_mtime)
    return newest


def is_stale() -> bool:
    """Whether ``frontend/dist`` is missing or older than a source of the panel."""
    return not DIST_INDEX.is_file() or DIST_INDEX.stat().st_mtime < _newest(FRONTEND / name for name in SOURCES)


def _needs_install() -> bool:
    marker = FRONTEND / "node_modules" / ".package-lock.json"  # written by npm on every install
    lock = FRONTEND / "package-lock.json"
    return not marker.is_file() or marker.stat().st_mtime < lock.stat().st_mtime


def ensure_built() -> bool:
    """Build the panel (``npm ci`` when needed, then ``npm run build``) if stale; True if it built.

    A lock file serialises concurrent test processes; the second one finds the build fresh.
    """
    if not (FRONTEND / "package.json").is_file():
        raise RuntimeError("frontend/package.json is missing: there is no panel to build")
    with open(Path(tempfile.gettempdir()) / "atrium-panel-build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not is_stale():
            return False
        if _needs_install():
            subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=FRONTEND, check=True)
        subprocess.run(["npm", "run", "build"], cwd=FRONTEND, check=True)
        DIST_INDEX.touch()  # the build may keep an unchanged index.html's old time
        return True


if __name__ == "__main__":
    if not (FRONTEND / "package.json").is_file():
        print("no panel sources (frontend/package.json): nothing to build", file=sys.stderr)
    else:
        print("panel built" if ensure_built() else "panel is up to date", file=sys.stderr)
