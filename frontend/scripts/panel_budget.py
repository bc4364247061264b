"""The panel's performance budget: initial JavaScript (gzipped) and the inbox's first paint.

    .venv/bin/python frontend/scripts/panel_budget.py            # sizes of frontend/dist
    .venv/bin/python frontend/scripts/panel_budget.py --url http://localhost:8000

With ``--url`` (a running platform, e.g. ``make run``) it also signs up a company, lets 40 leads
write through the sandbox channel, and loads ``/inbox`` five times in a fresh browser context
(cold cache) with Debian's chromium, reporting when the conversation list is on screen.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import time
import uuid
from pathlib import Path

DIST = Path(__file__).resolve().parents[1] / "dist"
IMPORT = re.compile(r'(?:from|import)\s*"\./([^"]+\.js)"')


def _closure(name: str, seen: set[str]) -> set[str]:
    if name not in seen:
        seen.add(name)
        for dep in IMPORT.findall((DIST / "assets" / name).read_text(encoding="utf-8")):
            _closure(dep, seen)
    return seen


def _gz(names: set[str]) -> int:
    return sum(len(gzip.compress((DIST / "assets" / n).read_bytes(), 9)) for n in names)


def sizes() -> dict[str, int]:
    """Gzipped bytes of the JavaScript loaded at startup, and added by the inbox and dashboard pages."""
    html = (DIST / "index.html").read_text(encoding="utf-8")
    entry = re.search(r'src="/assets/([^"]+\.js)"', html).group(1)
    initial = _closure(entry, set())
    result = {"initial_js_gzip": _gz(initial)}
    for page in ("InboxPage", "DashboardPage"):
        chunk = next((DIST / "assets").glob(f"{page}-*.js")).name
        result[f"{page}_extra_gzip"] = _gz(_closure(chunk, set()) - initial)
    return result


def inbox_paint(url: str, runs: int = 5) -> list[float]:
    """Milliseconds from navigation to the conversation list on screen, for each cold load."""
    import httpx
    from playwright.sync_api import sync_playwright

    slug = f"budget-{uuid.uuid4().hex[:8]}"
    api = httpx.Client(base_url=url, timeout=30)
    body = {
        "company": f"Budget {slug}",
        "slug": slug,
        "name": "Ana",
        "email": f"{slug}@example.com",
        "password": "uma senha bem longa",
    }
    pair = api.post("/api/v1/signup", json=body).json()
    headers = {"Authorization": f"Bearer {pair['access_token']}"}
    api.post("/api/v1/plugins/sandbox/enable", headers=headers)
    channel = api.post("/api/v1/channels", headers=headers, json={"type": "sandbox", "name": "Budget"}).json()
    for i in range(40):
        lead = {"from": f"+55119876{i:05d}", "name": f"Lead {i}", "text": f"Mensagem {i}"}
        api.post(f"/api/v1/plugins/sandbox/channels/{channel['id']}/inbound", headers=headers, json=lead)
    session = {
        "accessToken": pair["access_token"],
        "refreshToken": pair["refresh_token"],
        "expiresAt": int(time.time() * 1000) + 600_000,
        "tenantSlug": slug,
    }
    timings = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 1366, "height": 820})
            page = context.new_page()
            page.goto(f"{url}/login")
            page.evaluate("s => localStorage.setItem('atrium.session', s)", json.dumps(session))
            page.goto(f"{url}/inbox")
            page.locator(".conversation-item").nth(29).wait_for(timeout=30_000)
            timings.append(page.evaluate("performance.now()"))
            session = json.loads(page.evaluate("localStorage.getItem('atrium.session')"))
            context.close()
        browser.close()
    return timings


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running platform to measure the inbox's first paint against")
    args = parser.parse_args()
    print(json.dumps(sizes(), indent=2))
    if args.url:
        timings = inbox_paint(args.url)
        print(f"inbox list on screen (ms): {[round(t) for t in timings]}, median {round(statistics.median(timings))}")
