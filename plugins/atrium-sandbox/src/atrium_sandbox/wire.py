"""The sandbox's wire format: the JSON its pretend provider posts, and its parsing.

    {"number": "+5511900000000",      optional: the sandbox number, routes /webhooks/sandbox
     "messages": [{"id", "from", "name", "type", "text", "timestamp", "reply_to", "content"}],
     "statuses": [{"id", "message_id", "status", "timestamp", "error"}]}

``timestamp`` is Unix seconds. Bodies are written with ASCII escapes (as
Meta does), so any text, lone surrogates included, survives the round trip.
Parsing never fails on an odd element: nulls and non-objects are skipped,
unknown types become ``unsupported`` messages.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from typing import Any

from atrium.plugins import ContactInfo, Identity, InboundMessage, StatusUpdate

E164 = re.compile(r"^\+[1-9][0-9]{7,14}$")
TYPES = ("text", "image", "audio", "video", "document", "sticker", "location", "contacts", "interactive", "button", "reaction")
STATUSES = ("sent", "delivered", "read", "failed")


def now_ts() -> int:
    """The current time in Unix seconds."""
    return int(dt.datetime.now(dt.UTC).timestamp())


def message(sender: str, text: str, name: str | None = None, message_id: str | None = None, reply_to: str | None = None) -> dict[str, Any]:
    """A text message from ``sender`` as the sandbox provider sends it."""
    return {
        "id": message_id or f"sbx-in-{uuid.uuid4().hex}",
        "from": sender,
        "name": name,
        "type": "text",
        "text": text,
        "timestamp": now_ts(),
        "reply_to": reply_to,
    }


def status(provider_message_id: str, our_message_id: str, state: str) -> dict[str, Any]:
    """A delivery status of a message the sandbox 'sent'."""
    return {"id": provider_message_id, "message_id": our_message_id, "status": state, "timestamp": now_ts()}


def body(messages: list[dict] = (), statuses: list[dict] = (), number: str | None = None) -> bytes:
    """The exact bytes of a sandbox webhook."""
    payload: dict[str, Any] = {"messages": list(messages), "statuses": list(statuses)}
    if number:
        payload["number"] = number
    return json.dumps(payload, ensure_ascii=True).encode("ascii")


def parse(payload: Any) -> list[InboundMessage | StatusUpdate]:
    """Every message and status in ``payload``, in order."""
    if not isinstance(payload, dict):
        return []
    events: list[InboundMessage | StatusUpdate] = []
    for item in _objects(payload.get("messages")):
        parsed = _message(item)
        if parsed is not None:
            events.append(parsed)
    for item in _objects(payload.get("statuses")):
        parsed = _status(item)
        if parsed is not None:
            events.append(parsed)
    return events


def _objects(value: Any) -> list[dict]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _time(value: Any) -> dt.datetime:
    try:
        return dt.datetime.fromtimestamp(int(value), dt.UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return dt.datetime.now(dt.UTC)


def _message(item: dict) -> InboundMessage | None:
    message_id, sender = _text(item.get("id")), _text(item.get("from"))
    if message_id is None or sender is None:
        return None
    phone = sender if E164.match(sender) else None
    kind = item.get("type") if item.get("type") in TYPES else "unsupported"
    content = item.get("content") if isinstance(item.get("content"), dict) else {}
    if kind == "unsupported":
        content = {"provider_type": str(item.get("type"))[:60]}
    return InboundMessage(
        provider_message_id=message_id[:200],
        contact=ContactInfo(
            identities=(Identity("sandbox", sender[:200]), *((Identity("phone", phone),) if phone else ())),
            name=_text(item.get("name")),
            phone=phone,
        ),
        type=kind,
        timestamp=_time(item.get("timestamp")),
        text=_text(item.get("text")) if kind == "text" else _text(content.get("caption")),
        content=content,
        reply_to=_text(item.get("reply_to")),
    )


def _status(item: dict) -> StatusUpdate | None:
    provider_id, state = _text(item.get("id")), item.get("status")
    if provider_id is None or state not in STATUSES:
        return None
    error = item.get("error") if isinstance(item.get("error"), dict) else None
    return StatusUpdate(
        provider_message_id=provider_id[:200],
        status=state,
        timestamp=_time(item.get("timestamp")),
        error=error,
        our_message_id=_text(item.get("message_id")),
    )
