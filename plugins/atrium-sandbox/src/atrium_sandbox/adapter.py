"""The ``sandbox`` channel type: a pretend provider that needs no account.

Outbound messages are accepted at once (``sent``), then reported
``delivered`` and ``read`` after a short delay through the same durable
inbound path a real provider's status webhooks take. Inbound messages "from
a lead" are injected through the API or ``atrium sandbox inject``, or posted
signed, like a provider would, to the channel's webhook URL
(``X-Sandbox-Signature: sha256=<HMAC-SHA256 of the body with the channel's
secret>``) or to ``/webhooks/sandbox`` (signed with ``ATRIUM_SANDBOX_SECRET``,
routed by ``number``).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
from collections.abc import Mapping
from typing import Any

from atrium.plugins import (
    STANDARD_MEDIA_RULES,
    ChannelAdapter,
    ChannelContext,
    InboundMessage,
    OutboundMessage,
    SendError,
    SendResult,
    StatusUpdate,
    Template,
)
from atrium_sandbox import wire

log = logging.getLogger(__name__)

TYPE = "sandbox"
SIGNATURE_HEADER = "x-sandbox-signature"
PLATFORM_SECRET_ENV = "ATRIUM_SANDBOX_SECRET"

CONFIG_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "number": {
            "type": "string", "pattern": wire.E164.pattern, "title": "Sandbox number",
            "description": "A pretend business number (E.164); events posted to /webhooks/sandbox are routed by it",
        },
        "secret": {
            "type": "string", "minLength": 16, "maxLength": 256, "writeOnly": True, "title": "Webhook secret",
            "description": "Signs webhooks posted to this channel's URL; without it only injected messages arrive",
        },
        "delivered_after_ms": {"type": "integer", "minimum": 0, "maximum": 600_000, "default": 500},
        "read_after_ms": {"type": ["integer", "null"], "minimum": 0, "maximum": 600_000, "default": 1500,
                          "description": "When the pretend lead reads a message; null: never"},
    },
    "additionalProperties": False,
}

TEMPLATES = [
    Template(
        name="boas_vindas",
        language="pt_BR",
        category="UTILITY",
        status="APPROVED",
        components=[{"type": "BODY", "text": "Olá {{1}}! Obrigado por falar com a {{2}}. Como podemos ajudar?"}],
        variables=["body.1", "body.2"],
    )
]


def sign(secret: str, body: bytes) -> str:
    """The ``X-Sandbox-Signature`` value for ``body``."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _header(headers: Mapping[str, str], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return None


class SandboxAdapter(ChannelAdapter):
    """A provider simulator: every core path of a real channel, no account needed."""

    type = TYPE
    title = "Sandbox"
    config_schema = CONFIG_SCHEMA
    global_webhook = "sandbox"
    upload_rules = STANDARD_MEDIA_RULES  # accepts the files a WhatsApp number would

    def routing_keys(self, config: dict[str, Any]) -> list[tuple[str, str]]:
        """The sandbox ``number``, which routes ``/webhooks/sandbox`` events."""
        return [(TYPE, config["number"])] if config.get("number") else []

    def verify_handshake(self, channel: ChannelContext | None, args: dict[str, str]) -> str | None:
        """``challenge`` when ``token`` is the webhook secret (the channel's, or the platform's)."""
        secret = self._secret(channel)
        token = args.get("token")
        if not secret or token is None or not hmac.compare_digest(token.encode("utf-8", "surrogatepass"), secret.encode()):
            return None
        return args.get("challenge", "")

    def authenticate(self, channel: ChannelContext | None, headers: Mapping[str, str], body: bytes) -> bool:
        """``X-Sandbox-Signature`` of ``body`` under the webhook secret, compared in constant time."""
        secret, given = self._secret(channel), _header(headers, SIGNATURE_HEADER)
        if not secret or not given:
            return False
        return hmac.compare_digest(sign(secret, body).encode(), given.strip().lower().encode("utf-8", "surrogatepass"))

    def route(self, payload: Any) -> list[tuple[str, str]]:
        """The payload's ``number``."""
        number = payload.get("number") if isinstance(payload, dict) else None
        return [(TYPE, number)] if isinstance(number, str) and number else []

    def parse(self, channel: ChannelContext, payload: Any) -> list[InboundMessage | StatusUpdate]:
        """Every message and status of the payload (none when it names another sandbox number)."""
        number = payload.get("number") if isinstance(payload, dict) else None
        if number and number != channel.config.get("number"):
            return []
        return wire.parse(payload)

    def send(self, channel: ChannelContext, message: OutboundMessage) -> SendResult:
        """Accept ``message`` at once; its ``delivered`` and ``read`` statuses follow as webhooks.
        An uploaded file is read in full, as a provider's upload would.

        The provider id is derived from our message id, so sending the same
        message twice (a retried job) is the same send, as with a real
        provider's idempotency key.
        """
        from atrium_sandbox.jobs import report_status

        if message.file is not None and len(message.file.read()) != message.file.size:
            raise SendError("the uploaded file could not be read in full", code="upload_unreadable")
        provider_id = f"sbx-{message.id}"
        delivered = channel.config.get("delivered_after_ms", 500)
        read = channel.config.get("read_after_ms", 1500)
        report_status.send_with_options(args=(channel.id, provider_id, message.id, "delivered"), delay=delivered)
        if read is not None:
            report_status.send_with_options(args=(channel.id, provider_id, message.id, "read"), delay=max(read, delivered))
        log.info("sandbox message sent", extra={"channel_id": channel.id, "message_id": message.id, "type": message.type})
        return SendResult(provider_message_id=provider_id)

    def list_templates(self, channel: ChannelContext) -> list[Template]:
        """One approved demo template, ``boas_vindas``, with two body variables (``body.1``, ``body.2``)."""
        return list(TEMPLATES)

    def _secret(self, channel: ChannelContext | None) -> str | None:
        return channel.config.get("secret") if channel is not None else os.environ.get(PLATFORM_SECRET_ENV)
