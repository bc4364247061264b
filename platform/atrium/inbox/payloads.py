"""JSON-simple views of inbox rows, shared by domain events and the API."""

from __future__ import annotations

from typing import Any

from atrium.inbox.models import Contact, Conversation, Message


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
        "created_at": m.created_at.isoformat() if m.created_at else None,
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
        "last_message_at": c.last_message_at.isoformat() if c.last_message_at else None,
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
