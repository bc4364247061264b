"""JSON-simple views of inbox rows, shared by domain events and the API."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from atrium.channels.registry import adapters
from atrium.inbox.models import Contact, Conversation, Message
from atrium.inbox.window import window_expires_at, window_open


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def optional_id(value) -> str | None:
    """``str(value)``, or ``None`` for a missing id."""
    return str(value) if value else None


def message_payload(m: Message) -> dict[str, Any]:
    """A message as published in events."""
    return {
        "id": str(m.id),
        "conversation_id": str(m.conversation_id),
        "channel_id": str(m.channel_id),
        "direction": m.direction,
        "type": m.type,
        "text": m.text,
        "content": m.content,
        "status": m.status,
        "error": m.error,
        "provider_message_id": m.provider_message_id,
        "reply_to_provider_id": m.reply_to_provider_id,
        "author_type": m.author_type,
        "author_id": optional_id(m.author_id),
        "created_at": _iso(m.created_at),
        "scheduled_at": _iso(m.scheduled_at),
    }


def conversation_payload(c: Conversation) -> dict[str, Any]:
    """A conversation's list fields as published in events."""
    return {
        "id": str(c.id),
        "contact_id": str(c.contact_id),
        "channel_id": str(c.channel_id),
        "status": c.status,
        "assignee_id": optional_id(c.assignee_id),
        "unread_count": c.unread_count,
        "last_message_at": _iso(c.last_message_at),
        "last_message_preview": c.last_message_preview,
        "ai_active": c.ai_active,
    }


def contact_payload(c: Contact) -> dict[str, Any]:
    """A contact's main fields as published in events."""
    return {
        "id": str(c.id),
        "name": c.name,
        "phone": c.phone,
        "email": c.email,
        "stage_key": c.stage_key,
        "assignee_id": optional_id(c.assignee_id),
        "custom_fields": c.custom_fields,
    }


def contact_ref(contact_id: uuid.UUID, name: str | None, phone: str | None, stage_key: str | None) -> dict[str, Any]:
    """The contact as a conversation shows it."""
    return {"id": str(contact_id), "name": name, "phone": phone, "stage_key": stage_key}


def tag_ref(tag_id: uuid.UUID, name: str, color: str) -> dict[str, Any]:
    """A tag as contacts and conversations show it."""
    return {"id": str(tag_id), "name": name, "color": color}


def conversation_view(
    c: Conversation | Any, contact: dict[str, Any], tags: list[dict[str, Any]], channel_type: str, now: dt.datetime
) -> dict[str, Any]:
    """A conversation as the API returns it (documented by ``ConversationSchema``).

    ``c`` is a ``Conversation`` or a row with its columns (the inbox list
    builds pages from plain rows: the ORM and marshmallow cost more than
    the query).
    """
    adapter = adapters().get(channel_type)
    return {
        "id": str(c.id),
        "status": c.status,
        "channel_id": str(c.channel_id),
        "channel_type": channel_type,
        "unread_count": c.unread_count,
        "last_message_at": _iso(c.last_message_at),
        "last_message_preview": c.last_message_preview,
        "last_inbound_at": _iso(c.last_inbound_at),
        "window_open": window_open(c, adapter, now),
        "window_expires_at": _iso(window_expires_at(c, adapter)),
        "assignee_id": optional_id(c.assignee_id),
        "ai_active": c.ai_active,
        "contact": contact,
        "tags": tags,
        "created_at": _iso(c.created_at),
    }
