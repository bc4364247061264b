"""The plugin's environment variables, read when they are used (so a changed value applies at once)."""

from __future__ import annotations

import os

DEFAULT_GRAPH_URL = "https://graph.facebook.com"
DEFAULT_GRAPH_VERSION = "v23.0"
DEFAULT_MEDIA_MAX_BYTES = 100 * 1024 * 1024


def _get(name: str) -> str | None:
    value = os.environ.get(name)
    return value if value else None


def graph_url() -> str:
    """Base URL of the Graph API (``META_GRAPH_API_URL``), without a trailing slash."""
    return (_get("META_GRAPH_API_URL") or DEFAULT_GRAPH_URL).rstrip("/")


def graph_version() -> str:
    """Graph API version used in every path (``META_GRAPH_API_VERSION``, default v23.0)."""
    return _get("META_GRAPH_API_VERSION") or DEFAULT_GRAPH_VERSION


def platform_app_secret() -> str | None:
    """App secret of the platform's own Meta app (``META_APP_SECRET``), for ``/webhooks/meta``."""
    return _get("META_APP_SECRET")


def platform_verify_token() -> str | None:
    """Verify token of the platform's own Meta app (``META_VERIFY_TOKEN``), for ``/webhooks/meta``."""
    return _get("META_VERIFY_TOKEN")


def media_max_bytes() -> int:
    """Largest media file served to agents (``ATRIUM_WHATSAPP_MEDIA_MAX_BYTES``, default 100 MB)."""
    raw = _get("ATRIUM_WHATSAPP_MEDIA_MAX_BYTES")
    try:
        return int(raw) if raw else DEFAULT_MEDIA_MAX_BYTES
    except ValueError:
        return DEFAULT_MEDIA_MAX_BYTES
