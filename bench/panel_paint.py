"""Measure how fast the panel's inbox paints, and how much JavaScript it loads (measured, not asserted).

Starts a throwaway embedded PostgreSQL and Redis, the built panel served by
``atrium web`` (gunicorn) with ``atrium worker`` (``tests/e2e/live_platform.py``),
signs up a company whose sandbox channel has ``--conversations`` leads, logs in
once through the login form, then loads ``/inbox`` ``--runs`` times, each in a
new browser context (empty HTTP cache, the stored session: a returning agent
opening the panel). Debian's chromium, driven by Playwright, as in the browser tests.

Per load, from the browser's own clocks (milliseconds since navigation start):
first contentful paint, DOMContentLoaded, when the conversation list was
requested and answered (``GET /api/v1/conversations``), and "list painted": the first frame
after the newest conversation's name is in the document (the inbox's first
meaningful paint). Also the JavaScript of the built entry point (index.html's
scripts and module preloads) and of everything fetched to show the inbox,
gzipped at level 6 (``atrium web`` sends its own precompressed copies; see docs/performance.md).

Usage: ``.venv/bin/python bench/panel_paint.py [--runs 7 --conversations 40]``.
Results go to ``bench/results/panel_paint.tmp`` (JSON, not committed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import re
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))

from chromium import launch
from live_platform import live_platform
from migrate_tenants import machine, percentile
from panel import log_in, sign_up_by_api
from panel_build import FRONTEND, ensure_built

RESULTS = ROOT / "bench" / "results"
# Records when the newest conversation's name is first in the document, then the next frame.
LIST_PAINTED = """
(marker) => {
  const seen = () => document.body && document.body.textContent.includes(marker);
  const observer = new MutationObserver(() => {
    if (window.__listPaintedAt === undefined && seen()) {
      window.__listPaintedAt = null;
      observer.disconnect();
      requestAnimationFrame(() => { window.__listPaintedAt = performance.now(); });
    }
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
}
"""
TIMINGS = """
() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  const list = performance.getEntriesByType('resource').find((e) => new URL(e.name).pathname === '/api/v1/conversations');
  return {fcp_ms: fcp ? fcp.startTime : null, dom_content_loaded_ms: nav.domContentLoadedEventEnd,
          load_ms: nav.loadEventEnd, list_request_start_ms: list ? list.startTime : null,
          list_response_end_ms: list ? list.responseEnd : null, list_painted_ms: window.__listPaintedAt};
}
"""


def gzip_size(data: bytes) -> int:
    """Size of ``data`` gzipped at level 6 (what common web servers use)."""
    return len(gzip.compress(data, compresslevel=6))


def entry_javascript() -> dict:
    """The JavaScript index.html loads up front (its module scripts and module preloads), raw and gzipped."""
    dist = FRONTEND / "dist"
    html = (dist / "index.html").read_text()
    paths = re.findall(r'<script[^>]+src="([^"]+\.js)"', html) + re.findall(
        r'<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"', html
    )
    files = [(dist / p.lstrip("/")).read_bytes() for p in dict.fromkeys(paths)]
    return {"files": len(files), "bytes": sum(map(len, files)), "gzip_bytes": sum(map(gzip_size, files))}


def start_stack(directory: Path) -> None:
    """Embedded PostgreSQL and Redis in ``directory``, the shared schema migrated; this process points at them."""
    from atrium.config import get_settings
    from atrium.embedded import start_postgres, start_redis
    from atrium.migrate.fleet import migrate_public

    os.environ["DATABASE_URL"] = start_postgres(directory / "pg")
    os.environ["REDIS_URL"] = start_redis(directory / "redis")
    os.environ["ATRIUM_SECRET_KEYS"] = Fernet.generate_key().decode()
    os.environ["ATRIUM_JWT_SECRET"] = uuid.uuid4().hex * 2
    os.environ["ATRIUM_VAR_DIR"] = str(directory / "var")
    get_settings.cache_clear()
    migrate_public()


def seed_inbox(api: httpx.Client, conversations: int):
    """A company whose sandbox channel received one message from each of ``conversations`` leads."""
    company = sign_up_by_api(api)
    assert api.post("/api/v1/plugins/sandbox/enable", headers=company.headers).status_code == 200
    channel = api.post("/api/v1/channels", headers=company.headers, json={"type": "sandbox", "name": "Bench"}).json()
    for n in range(1, conversations + 1):
        body = {"from": f"+55119{n:08d}", "name": f"Lead {n:03d}", "text": f"Mensagem de teste número {n}"}
        assert (
            api.post(
                f"/api/v1/plugins/sandbox/channels/{channel['id']}/inbound", headers=company.headers, json=body
            ).status_code
            == 202
        )
    return company, f"Lead {conversations:03d}"


def wait_for_conversations(api: httpx.Client, company, count: int) -> None:
    """Until the worker has stored every lead's conversation (checked through the API)."""
    deadline = time.monotonic() + 120
    while len(api.get("/api/v1/conversations?limit=100", headers=company.headers).json()["items"]) < count:
        assert time.monotonic() < deadline, "the worker did not store every conversation"
        time.sleep(0.2)


def load_inbox(browser, url: str, session: dict, newest: str) -> dict:
    """Open ``/inbox`` in a new context (empty cache, the stored session); its timings and JavaScript."""
    context = browser.new_context(base_url=url, storage_state=session, locale="pt-BR", timezone_id="America/Sao_Paulo")
    page = context.new_page()
    scripts: list[bytes] = []
    page.on("response", lambda r: scripts.append(r.body()) if r.request.resource_type == "script" else None)
    page.add_init_script(script=f"({LIST_PAINTED})({json.dumps(newest)})")
    page.goto("/inbox")
    page.wait_for_function("typeof window.__listPaintedAt === 'number'", timeout=30_000)
    timings = page.evaluate(TIMINGS)
    context.close()
    return {**timings, "js_files": len(scripts), "js_gzip_bytes": sum(map(gzip_size, scripts))}


def measure(runs: int, conversations: int) -> dict:
    """Everything, on a throwaway stack."""
    from playwright.sync_api import sync_playwright

    from atrium.embedded import stop_all

    ensure_built()
    load_at_start = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="atrium-bench-panel-") as tmp:
        start_stack(Path(tmp))
        try:
            with (
                live_platform(Path(tmp) / "logs") as platform,
                httpx.Client(base_url=platform.url, timeout=30) as api,
                sync_playwright() as pw,
            ):
                browser = launch(pw)
                company, newest = seed_inbox(api, conversations)
                wait_for_conversations(api, company, conversations)
                first = browser.new_context(base_url=platform.url, locale="pt-BR", timezone_id="America/Sao_Paulo")
                log_in(first.new_page(), company.email)
                session = first.storage_state()  # its access token outlives the runs: no load refreshes (rotates) it
                first.close()
                load_inbox(browser, platform.url, session, newest)  # warms the server's caches; not counted
                loads = [load_inbox(browser, platform.url, session, newest) for _ in range(runs)]
                browser.close()
        finally:
            stop_all(save=False)

    def stats(key: str) -> dict:
        values = [load[key] for load in loads if load[key] is not None]
        return {
            "median": round(statistics.median(values), 1),
            "p95": round(percentile(values, 0.95), 1),
            "max": round(max(values), 1),
        }

    return {
        "measured_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "load_average": {"start": load_at_start, "end": os.getloadavg()},
        "runs": runs,
        "conversations": conversations,
        "first_contentful_paint_ms": stats("fcp_ms"),
        "list_painted_ms": stats("list_painted_ms"),
        "dom_content_loaded_ms": stats("dom_content_loaded_ms"),
        "list_request_start_ms": stats("list_request_start_ms"),
        "list_response_end_ms": stats("list_response_end_ms"),
        "entry_js": entry_javascript(),
        "inbox_js": {"files": loads[0]["js_files"], "gzip_bytes": loads[0]["js_gzip_bytes"]},
        "loads": loads,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="measured loads of /inbox (after one warm-up load)")
    parser.add_argument("--conversations", type=int, default=40, help="leads in the inbox")
    args = parser.parse_args()
    result = measure(args.runs, args.conversations)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "panel_paint.tmp").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps({k: v for k, v in result.items() if k not in ("loads", "machine")}, indent=2))


if __name__ == "__main__":
    main()
