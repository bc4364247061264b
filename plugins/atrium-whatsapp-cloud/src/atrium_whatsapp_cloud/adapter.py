"""The ``whatsapp_cloud`` channel type: WhatsApp Business Platform numbers on Meta's Graph API.

A channel is connected either with the business's own Meta app (its
``app_secret`` and ``verify_token``; Meta calls ``/webhooks/whatsapp_cloud/<channel id>``)
or through the platform's Meta app (``META_APP_SECRET``/``META_VERIFY_TOKEN``;
Meta calls ``/webhooks/meta`` and events are routed by ``phone_number_id``).
See ``docs/whatsapp-cloud.md``.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from typing import Any

import httpx

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
from atrium_whatsapp_cloud import env, graph, inbound, media, outbound, signature, templates

TYPE = "whatsapp_cloud"
GRAPH_ID = {"type": "string", "pattern": "^[A-Za-z0-9_-]{1,64}$"}

CONFIG_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["phone_number_id", "waba_id", "access_token"],
    "properties": {
        "phone_number_id": {
            **GRAPH_ID,
            "title": "Phone number ID",
            "description": "WhatsApp Manager > API Setup: the number's id",
        },
        "waba_id": {
            **GRAPH_ID,
            "title": "WhatsApp Business Account ID",
            "description": "Used to list the approved templates",
        },
        "access_token": {
            "type": "string",
            "minLength": 1,
            "maxLength": 4096,
            "writeOnly": True,
            "title": "Access token",
            "description": "A system user token with whatsapp_business_messaging and whatsapp_business_management",
        },
        "app_secret": {
            "type": "string",
            "minLength": 1,
            "maxLength": 256,
            "writeOnly": True,
            "title": "App secret",
            "description": "Your Meta app's secret; signs the webhooks sent to this channel's URL",
        },
        "verify_token": {
            "type": "string",
            "minLength": 1,
            "maxLength": 256,
            "title": "Verify token",
            "description": "Any text you choose; paste the same text in Meta's webhook settings",
        },
        "display_phone_number": {"type": "string", "maxLength": 32, "title": "Display phone number"},
        "messages_per_second": {
            "type": "number",
            "exclusiveMinimum": 0,
            "maximum": 1000,
            "title": "Messages per second",
            "description": "The number's throughput (Meta's default is 80)",
        },
    },
    "additionalProperties": False,
}


class WhatsAppCloudAdapter(ChannelAdapter):
    """WhatsApp Cloud API: Meta's webhooks in, Graph API ``/messages`` out."""

    type = TYPE
    title = "WhatsApp Cloud API"
    config_schema = CONFIG_SCHEMA
    global_webhook = "meta"
    customer_service_window_hours = 24
    upload_rules = STANDARD_MEDIA_RULES  # Meta's documented media types and sizes

    def routing_keys(self, config: dict[str, Any]) -> list[tuple[str, str]]:
        """The channel's ``phone_number_id``, the key Meta's platform-app webhooks are routed by."""
        number = config.get("phone_number_id")
        return [(TYPE, str(number))] if number else []

    def verify_handshake(self, channel: ChannelContext | None, args: dict[str, str]) -> str | None:
        """``hub.challenge`` for the channel's verify token (or ``META_VERIFY_TOKEN`` on the global URL)."""
        expected = channel.config.get("verify_token") if channel else env.platform_verify_token()
        return signature.challenge(expected, args)

    def authenticate(self, channel: ChannelContext | None, headers: dict[str, str], body: bytes) -> bool:
        """``X-Hub-Signature-256`` of ``body`` under the channel's app secret (or ``META_APP_SECRET``)."""
        secret = channel.config.get("app_secret") if channel else env.platform_app_secret()
        return signature.valid_signature(secret, headers, body)

    def route(self, payload: Any) -> list[tuple[str, str]]:
        """One routing key per ``phone_number_id`` found in the batch, in order."""
        return [(TYPE, number) for number in inbound.phone_number_ids(payload)]

    def parse(self, channel: ChannelContext, payload: Any) -> list[InboundMessage | StatusUpdate]:
        """Every message and status in ``payload`` that belongs to this channel's phone number."""
        return inbound.parse_payload(payload, channel.config.get("phone_number_id"))

    def send(self, channel: ChannelContext, message: OutboundMessage) -> SendResult:
        """POST ``message`` to ``/<phone number id>/messages``; ``SendError`` when Meta refuses it.
        A file uploaded to Atrium (``message.file``) is uploaded to ``/<phone number id>/media`` first
        and sent by its media id."""
        if message.file is not None:
            media_id = media.upload(_number(channel), _token(channel), message.file)
            message = dataclasses.replace(message, content={**message.content, "media_id": media_id})
        data = self._post_message(channel, outbound.message_body(message))
        messages = data.get("messages")
        first = messages[0] if isinstance(messages, list) and messages and isinstance(messages[0], dict) else {}
        if not isinstance(first.get("id"), str):
            raise SendError("Graph API accepted the message without returning its id", code="bad_response")
        return SendResult(provider_message_id=first["id"])

    def mark_read(self, channel: ChannelContext, provider_message_id: str) -> None:
        """Mark the contact's message read (blue ticks); ``SendError`` when Meta refuses."""
        self._post_message(
            channel, {"messaging_product": "whatsapp", "status": "read", "message_id": provider_message_id}
        )

    def list_templates(self, channel: ChannelContext) -> list[Template]:
        """The approved templates of the channel's WhatsApp Business Account, with their variables."""
        waba_id = channel.config.get("waba_id")
        return templates.fetch_approved(str(waba_id), _token(channel)) if waba_id else []

    def preview(self, template: Template, values: dict[str, str] | None = None) -> str:
        """``template`` as the contact will read it, filled with ``values`` (see ``templates.preview``)."""
        return templates.preview(template, values)

    def fetch_media(self, channel: ChannelContext, media_id: str) -> tuple[str, int | None, Iterator[bytes]]:
        """``(content type, size, chunks)`` of an inbound media file, streamed from Meta."""
        return media.open_media(media_id, _token(channel), channel.config.get("phone_number_id"))

    def _post_message(self, channel: ChannelContext, body: dict[str, Any]) -> dict[str, Any]:
        number = _number(channel)
        try:
            response = graph.client().post(
                graph.url(f"{number}/messages"),
                content=json.dumps(body).encode(),  # ASCII escapes, as Meta sends: no lone surrogate can break encoding
                headers={**graph.auth(_token(channel)), "Content-Type": "application/json"},
            )
        except httpx.HTTPError as exc:
            raise graph.network_error(exc) from exc
        if not response.is_success:
            raise graph.send_error(response)
        try:
            data = response.json()
        except ValueError:
            data = None
        if not isinstance(data, dict):
            raise SendError("Graph API answered with a body that is not a JSON object", code="bad_response")
        return data


def _number(channel: ChannelContext) -> str:
    number = channel.config.get("phone_number_id")
    if not number:
        raise SendError("the channel has no phone_number_id", code="not_configured")
    return str(number)


def _token(channel: ChannelContext) -> str:
    token = channel.config.get("access_token")
    if not token:
        raise SendError("the channel has no access token", code="not_configured")
    return str(token)
