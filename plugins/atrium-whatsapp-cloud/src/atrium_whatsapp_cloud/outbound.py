"""Outbound messages as Graph API ``/<phone number id>/messages`` request bodies.

``OutboundMessage.content`` by type:

- ``text``: ``text`` is the body; ``content.preview_url`` (default: whether
  the text holds a link).
- ``image``/``video``/``document``/``audio``/``sticker``: ``media_id`` (an
  uploaded media id) or ``link`` (a public https URL); ``caption`` (not for
  audio and stickers); ``filename`` (documents).
- ``template``: ``name``, ``language`` (e.g. ``pt_BR``) and either
  ``variables`` (``{"body.1": "Maria", "header.1": ..., "button.0.1": ...,
  "header.media": <link or media id>}``, the names ``list_templates``
  reports) or ``components`` (Graph's own component list, sent as is).
- ``reaction``: ``emoji`` (empty removes the reaction) and ``message_id``
  (defaults to ``reply_to``).

Every body carries ``biz_opaque_callback_data`` = our message id, which
Meta echoes in status webhooks, and ``context.message_id`` for replies.
"""

from __future__ import annotations

import re
from typing import Any

from atrium.plugins import OutboundMessage, SendError
from atrium_whatsapp_cloud.templates import template_components

MEDIA_TYPES = ("image", "video", "document", "audio", "sticker")
CAPTIONED = ("image", "video", "document")
TEXT_LIMIT = 4096
LINK = re.compile(r"https?://", re.IGNORECASE)
NON_DIGITS = re.compile(r"[^0-9]")


def message_body(message: OutboundMessage) -> dict[str, Any]:
    """The JSON body that sends ``message``; ``SendError`` (not retryable) when it cannot be sent."""
    body: dict[str, Any] = {"messaging_product": "whatsapp", "recipient_type": "individual", **recipient(message)}
    if message.reply_to and message.type != "reaction":
        body["context"] = {"message_id": message.reply_to}
    body["type"] = message.type
    body[message.type] = _payload(message)
    body["biz_opaque_callback_data"] = message.id
    return body


def recipient(message: OutboundMessage) -> dict[str, str]:
    """``{"to": <wa_id or phone digits>}``, else ``{"recipient": <business-scoped user id>}``;
    the first identity of each kind in ``message.to`` wins."""
    by_kind = {identity.kind: identity.value for identity in reversed(message.to)}
    number = by_kind.get("wa_id") or NON_DIGITS.sub("", by_kind.get("phone") or "")
    if number:
        return {"to": number}
    if by_kind.get("bsuid"):
        return {"recipient": by_kind["bsuid"]}
    raise _invalid("the contact has no WhatsApp number or business-scoped user id")


def _payload(message: OutboundMessage) -> dict[str, Any]:
    content = message.content or {}
    if message.type == "text":
        return _text(message.text, content)
    if message.type in MEDIA_TYPES:
        return _media(message.type, content)
    if message.type == "template":
        return _template(content)
    if message.type == "reaction":
        target = content.get("message_id") or message.reply_to
        if not target:
            raise _invalid("a reaction needs the id of the message it reacts to")
        return {"message_id": target, "emoji": content.get("emoji") or ""}
    raise SendError(f"WhatsApp Cloud cannot send '{message.type}' messages", code="unsupported_type")


def _text(text: str | None, content: dict[str, Any]) -> dict[str, Any]:
    if not text or not text.strip():
        raise _invalid("a text message needs text")
    if len(text) > TEXT_LIMIT:
        raise _invalid(f"WhatsApp text messages are limited to {TEXT_LIMIT} characters")
    preview = content.get("preview_url")
    return {"body": text, "preview_url": bool(preview) if preview is not None else bool(LINK.search(text))}


def _media(kind: str, content: dict[str, Any]) -> dict[str, Any]:
    media_id, link = content.get("media_id"), content.get("link") or content.get("url")
    if media_id:
        payload: dict[str, Any] = {"id": str(media_id)}
    elif link:
        payload = {"link": str(link)}
    else:
        raise _invalid(f"a {kind} message needs a media_id or a link")
    if kind in CAPTIONED and content.get("caption"):
        payload["caption"] = content["caption"]
    if kind == "document" and content.get("filename"):
        payload["filename"] = content["filename"]
    return payload


def _template(content: dict[str, Any]) -> dict[str, Any]:
    name = content.get("name")
    if not name:
        raise _invalid("a template message needs the template's name")
    payload: dict[str, Any] = {"name": name, "language": {"code": content.get("language") or "pt_BR"}}
    components = content.get("components")
    if components is None:
        components = template_components(content.get("variables") or {})
    if components:
        payload["components"] = components
    return payload


def _invalid(reason: str) -> SendError:
    return SendError(reason, code="invalid_message", retryable=False)
