"""Meta's webhook authentication: the ``X-Hub-Signature-256`` HMAC and the GET verification handshake."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping

HEADER = "x-hub-signature-256"


def sign(secret: str, body: bytes) -> str:
    """The ``X-Hub-Signature-256`` value Meta sends for ``body``: ``sha256=`` + hex HMAC-SHA256."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def header(headers: Mapping[str, str], name: str) -> str | None:
    """Header ``name`` from ``headers``, whatever the case of its key."""
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return None


def valid_signature(secret: str | None, headers: Mapping[str, str], body: bytes) -> bool:
    """Whether ``headers`` carry Meta's signature of exactly ``body`` under ``secret`` (constant time)."""
    given = header(headers, HEADER)
    if not secret or not given:
        return False
    return hmac.compare_digest(sign(secret, body).encode(), given.strip().lower().encode("utf-8", "surrogatepass"))


def challenge(expected_token: str | None, args: Mapping[str, str]) -> str | None:
    """``hub.challenge`` when ``args`` subscribe with ``expected_token``; ``None`` refuses the handshake."""
    token = args.get("hub.verify_token")
    if args.get("hub.mode") != "subscribe" or not expected_token or token is None:
        return None
    if not hmac.compare_digest(expected_token.encode(), token.encode("utf-8", "surrogatepass")):
        return None
    return args.get("hub.challenge")
