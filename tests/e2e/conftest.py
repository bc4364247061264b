"""Browser tests: Debian's chromium, driven by Playwright, against the real platform on the embedded stack.

Fixtures start the embedded PostgreSQL and Redis (``atrium_stack``) and
chromium once per test process, and for each test module a fake Graph API,
the built panel, ``atrium web`` and ``atrium worker`` (``live_platform``).
Each test gets a new browser context (no cookies or storage shared between
tests). Screenshots go to ``tests/e2e/screenshots/`` (a failing test leaves
``failed-<test>.png``).
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from chromium import CHROMIUM, launch
from fake_graph import start_fake_graph
from live_platform import live_platform
from panel_build import ensure_built

SCREENSHOTS = Path(__file__).parent / "screenshots"
TIMEOUT_MS = 20_000  # the longest any visible condition may take (the first page load builds caches)


@pytest.fixture(scope="session", autouse=True)
def _needs_chromium():
    """Skip every browser test, before anything starts, when chromium is not installed."""
    if not CHROMIUM.is_file():
        pytest.skip(
            f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium; .ci/run installs it)"
        )


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """``tests/e2e/screenshots/``, emptied when the session starts (it shows the last run)."""
    if SCREENSHOTS.is_dir():
        for old in SCREENSHOTS.glob("*.png"):
            old.unlink()
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS


@pytest.fixture(scope="module")
def fake_graph():
    """Meta's Graph API, faked over HTTP for the worker processes."""
    graph, server = start_fake_graph()
    yield graph
    server.shutdown()


@pytest.fixture(scope="module")
def platform(atrium_stack, fake_graph, tmp_path_factory):
    """``atrium web`` + ``atrium worker`` on the session's embedded stack, serving the built panel.

    Module-scoped: the platform's worker must not outlive the browser tests, or it would take
    the jobs of the next test file in this process.
    """
    ensure_built()
    with live_platform(tmp_path_factory.mktemp("platform-logs"), {"META_GRAPH_API_URL": fake_graph.url}) as running:
        yield running


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, headless (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item, so ``page`` knows whether the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture()
def page(browser, platform, screenshots, request):
    """A page in a new browser context (Brazilian locale and time zone) on the platform's URL."""
    from playwright.sync_api import expect

    context = browser.new_context(
        base_url=platform.url, viewport={"width": 1366, "height": 850}, locale="pt-BR", timezone_id="America/Sao_Paulo"
    )
    context.set_default_timeout(TIMEOUT_MS)
    expect.set_options(timeout=TIMEOUT_MS)
    page = context.new_page()
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        page.screenshot(path=screenshots / f"failed-{request.node.name}.png", full_page=True)
    context.close()


@pytest.fixture()
def shoot(screenshots):
    """``shoot(page, name)`` saves a full-page screenshot as ``tests/e2e/screenshots/<name>.png``."""

    def save(page, name: str) -> Path:
        path = screenshots / f"{name}.png"
        page.screenshot(path=path, full_page=True)
        return path

    return save


@pytest.fixture()
def api(platform):
    """An HTTP client on the platform (for what a provider or a script does, never for what a user does)."""
    with httpx.Client(base_url=platform.url, timeout=30) as client:
        yield client
