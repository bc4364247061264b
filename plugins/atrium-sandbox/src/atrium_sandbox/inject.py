"""Injecting a message "from a lead": shared by the API and the command line."""

from __future__ import annotations

from atrium.plugins import receive_inbound
from atrium_sandbox import wire


def inject(channel_id, sender: str, text: str, name: str | None = None, message_id: str | None = None, reply_to: str | None = None) -> dict:
    """Send a text message from ``sender`` to sandbox channel ``channel_id`` through the durable inbound path.

    Returns ``{"event_id", "message_id"}`` (``event_id`` is ``None`` for a duplicate).
    Raises ``NotFound`` for an unknown channel (or another company's, when a tenant is bound).
    """
    item = wire.message(sender, text, name=name, message_id=message_id, reply_to=reply_to)
    event_id = receive_inbound("sandbox", channel_id, wire.body(messages=[item]))
    return {"event_id": event_id, "message_id": item["id"]}
