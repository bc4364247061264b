"""The HTTP side of a delivery: the exact body, its headers and signature, one POST, its outcome.

No database work happens here, and no transaction is open while the
receiver answers.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import httpx

from atrium import __version__
from atrium.errors import Invalid
from atrium.outbound_webhooks.signing import signature
from atrium.outbound_webhooks.targets import check_url

TIMEOUT = httpx.Timeout(10.0, connect=5.0)
RETRYABLE_STATUSES = {408, 425, 429}  # and every 5xx


@dataclass(frozen=True)
class Attempt:
    """Everything needed to POST one delivery once."""

    delivery_id: str
    number: int
    url: str
    secret: str
    event: dict[str, Any]  # {"id", "kind", "data", "created_at", "tenant"}


@dataclass(frozen=True)
class Outcome:
    """What the receiver did with an attempt."""

    succeeded: bool
    response_code: int | None = None
    error: str | None = None
    retryable: bool = False
    retry_after: float | None = None


def body(event: dict[str, Any]) -> bytes:
    """The JSON body of a delivery: ``{"id", "kind", "data", "created_at", "tenant"}``, UTF-8."""
    return json.dumps(event, ensure_ascii=False, separators=(",", ":"), default=str).encode()


def headers(attempt: Attempt, payload: bytes) -> dict[str, str]:
    """The headers of an attempt, signature over ``payload`` included."""
    return {
        "Content-Type": "application/json",
        "User-Agent": f"Atrium-Webhooks/{__version__}",
        "X-Atrium-Event": attempt.event["kind"],
        "X-Atrium-Delivery": attempt.delivery_id,
        "X-Atrium-Timestamp": str(int(time.time())),
        "X-Atrium-Signature": signature(attempt.secret, payload),
    }


@lru_cache(maxsize=1)
def _client() -> httpx.Client:
    return httpx.Client(timeout=TIMEOUT, follow_redirects=False)


def post(attempt: Attempt) -> Outcome:
    """POST the attempt's event to its URL and classify the answer (never raises for HTTP trouble)."""
    try:
        check_url(attempt.url)
    except Invalid as exc:
        return Outcome(False, error=f"refused target: {exc.detail}")
    payload = body(attempt.event)
    try:
        with _client().stream("POST", attempt.url, content=payload, headers=headers(attempt, payload)) as response:
            code, retry_after = response.status_code, _retry_after(response.headers.get("Retry-After"))
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        return Outcome(False, error=f"{type(exc).__name__}: {exc}"[:1000], retryable=True)
    if 200 <= code < 300:
        return Outcome(True, response_code=code)
    error = f"HTTP {code}" + (" (redirects are not followed)" if 300 <= code < 400 else "")
    return Outcome(
        False,
        response_code=code,
        error=error,
        retryable=code >= 500 or code in RETRYABLE_STATUSES,
        retry_after=retry_after,
    )


def _retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or HTTP date), if any."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = dt.datetime.strptime(value.strip(), "%a, %d %b %Y %H:%M:%S GMT").replace(tzinfo=dt.UTC)
    except ValueError:
        return None
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())
