"""Talking to Meta's Graph API: one pooled httpx client per process, URLs, and error mapping.

Graph errors look like ``{"error": {"message", "type", "code", "error_data":
{"details"}, "error_subcode", "fbtrace_id"}}``. Throttling and temporary
outages are retryable (``SendError.retryable``); everything else (a closed
24-hour window, a bad parameter, an expired token) is not.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from typing import Any

import httpx

from atrium.plugins import NotFound, SendError
from atrium_whatsapp_cloud import env
from atrium_whatsapp_cloud.errors import WhatsAppUnavailable

TIMEOUT = httpx.Timeout(15.0, connect=5.0)

# Throttling: 4 app rate limit, 613 calls per hour, 80007 WABA rate limit,
# 130429 throughput, 131056 pair rate limit. Outages: 2 temporary downtime,
# 131016 service unavailable, 133004 server temporarily unavailable.
RETRYABLE_CODES = frozenset({4, 613, 80007, 130429, 131056, 2, 131016, 133004})


@lru_cache(maxsize=2)
def _client_for(pid: int) -> httpx.Client:
    return httpx.Client(timeout=TIMEOUT, headers={"User-Agent": "atrium-whatsapp-cloud"})


def client() -> httpx.Client:
    """The process's pooled client (a forked worker gets its own)."""
    return _client_for(os.getpid())


def url(path: str) -> str:
    """Absolute Graph URL of ``path`` (e.g. ``"<phone number id>/messages"``) at the configured version."""
    return f"{env.graph_url()}/{env.graph_version()}/{path.lstrip('/')}"


def auth(token: str) -> dict[str, str]:
    """The bearer header for ``token``."""
    return {"Authorization": f"Bearer {token}"}


def get_json(path: str, token: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
    """GET a Graph object for an agent's request; ``NotFound`` or ``WhatsAppUnavailable`` when refused."""
    try:
        response = client().get(url(path), params=params, headers=auth(token))
    except httpx.HTTPError as exc:
        raise WhatsAppUnavailable(f"Graph API unreachable: {type(exc).__name__}") from exc
    if response.status_code != 200:
        error = error_body(response)
        if response.status_code == 404 or (error.get("code") == 100 and error.get("error_subcode") == 33):
            raise NotFound(error_message(error, response.status_code))
        raise WhatsAppUnavailable(error_message(error, response.status_code))
    try:
        data = response.json()
    except ValueError as exc:
        raise WhatsAppUnavailable("Graph API answered with a body that is not JSON") from exc
    if not isinstance(data, dict):
        raise WhatsAppUnavailable("Graph API answered with an unexpected body")
    return data


def error_body(response: httpx.Response) -> dict[str, Any]:
    """The ``error`` object of a Graph error response (empty when the body is not one)."""
    try:
        data = response.json()
    except ValueError:
        return {}
    error = data.get("error") if isinstance(data, dict) else None
    return error if isinstance(error, dict) else {}


def error_message(error: dict[str, Any], status: int) -> str:
    """The most useful human text of a Graph ``error`` (its details, else its message)."""
    data = error.get("error_data")
    details = data.get("details") if isinstance(data, dict) else None
    return str(details or error.get("message") or f"Graph API answered HTTP {status}")


def send_error(response: httpx.Response) -> SendError:
    """A ``SendError`` for a refused Graph request, retryable for 429, 5xx and throttling codes."""
    error = error_body(response)
    code = error.get("code")
    retryable = response.status_code == 429 or response.status_code >= 500 or code in RETRYABLE_CODES
    return SendError(
        error_message(error, response.status_code),
        code=str(code) if code is not None else f"http_{response.status_code}",
        retryable=retryable,
        retry_after=retry_after(response.headers) if retryable else None,
    )


def network_error(exc: httpx.HTTPError) -> SendError:
    """A retryable ``SendError`` for a timeout or a connection failure."""
    return SendError(f"Graph API unreachable: {type(exc).__name__}", code="network", retryable=True)


def retry_after(headers: httpx.Headers) -> float | None:
    """Seconds to wait, from ``Retry-After`` or the business use case header's
    ``estimated_time_to_regain_access`` (minutes); ``None`` when neither says."""
    raw = headers.get("retry-after")
    if raw:
        try:
            return max(0.0, float(raw))
        except ValueError:
            pass
    usage = headers.get("x-business-use-case-usage")
    if not usage:
        return None
    try:
        data = json.loads(usage)
    except ValueError:
        return None
    minutes = [
        item.get("estimated_time_to_regain_access")
        for items in (data.values() if isinstance(data, dict) else [])
        if isinstance(items, list)
        for item in items
        if isinstance(item, dict)
    ]
    waits = [m for m in minutes if isinstance(m, int | float) and m > 0]
    return max(waits) * 60.0 if waits else None
