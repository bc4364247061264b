"""The inbox and CRM as plugins see them: JSON-simple views and the changes a plugin may make.

Every function takes a session bound to one company (``g.db`` in a view,
``tenant_session(current_tenant().schema)`` in a job) and works in the
caller's transaction, through the same services as the API: timeline
entries, domain events and checks (stages, the 24-hour window) are the same.
Exported from ``atrium.plugins``; see ``docs/plugins.md``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from atrium.inbox.activity import Actor, record
from atrium.inbox.aftercommit import after_commit as _after_commit
from atrium.inbox.contacts import get_contact
from atrium.inbox.contacts import update_contact as _update_contact
from atrium.inbox.conversations import get_conversation, update_conversation
from atrium.inbox.events import emit
from atrium.inbox.messages import queue_message
from atrium.inbox.models import Conversation, Message
from atrium.inbox.payloads import contact_payload, conversation_payload, message_payload
from atrium.tenancy.models import TenantConfig

ACTOR_TYPES = ("agent", "ai", "system", "contact")


def _actor(actor_type: str, actor_id: uuid.UUID | None) -> Actor:
    if actor_type not in ACTOR_TYPES:
        raise ValueError(f"actor_type must be one of {ACTOR_TYPES}")
    return Actor(actor_type, actor_id)


def conversation_info(session: Session, conversation_id: uuid.UUID, *, lock: bool = False) -> dict[str, Any]:
    """A conversation as in ``conversation.updated`` events, plus ``channel_type``, ``channel_name``, ``last_inbound_at``,
    ``handoff_summary`` and its ``contact`` (``id``, ``name``, ``phone``, ``email``, ``stage_key``,
    ``custom_fields``...). ``lock`` holds its row until the transaction ends; ``NotFound`` when missing."""
    return _info(get_conversation(session, conversation_id, lock=lock))


def conversations_info(session: Session, conversation_ids: list[uuid.UUID]) -> dict[str, dict[str, Any]]:
    """Several conversations as ``conversation_info`` shows them, by id (``str``), in one round of queries;
    ids the company does not have are left out."""
    if not conversation_ids:
        return {}
    rows = session.scalars(
        select(Conversation)
        .where(Conversation.id.in_(conversation_ids))
        .options(selectinload(Conversation.contact), selectinload(Conversation.channel))
    ).all()
    return {str(c.id): _info(c) for c in rows}


def _info(conversation: Conversation) -> dict[str, Any]:
    return {
        **conversation_payload(conversation),
        "channel_type": conversation.channel.type,
        "channel_name": conversation.channel.name,
        "last_inbound_at": conversation.last_inbound_at.isoformat() if conversation.last_inbound_at else None,
        "handoff_summary": conversation.handoff_summary,
        "contact": contact_payload(conversation.contact),
    }


def conversation_messages(session: Session, conversation_id: uuid.UUID, limit: int = 20) -> list[dict[str, Any]]:
    """The conversation's latest ``limit`` messages in the order they were stored (ids are time-ordered),
    oldest first, as in message events. Providers stamp messages in whole seconds, so ``created_at``
    alone can put a lead's quick answer before the message it answers."""
    rows = session.scalars(
        select(Message).where(Message.conversation_id == conversation_id).order_by(Message.id.desc()).limit(limit)
    ).all()
    return [message_payload(m) for m in reversed(rows)]


def send_text(
    session: Session,
    conversation_id: uuid.UUID,
    text: str,
    *,
    author_type: str = "ai",
    author_id: uuid.UUID | None = None,
) -> dict[str, Any]:
    """Queue a text message in the conversation, written by ``author_type`` (sent by a worker after the
    commit, like the API's). ``Invalid`` for an empty text or a closed 24-hour window (``window_closed``)."""
    conversation = get_conversation(session, conversation_id, lock=True)
    message = queue_message(session, conversation, _actor(author_type, author_id), {"type": "text", "text": text})
    return message_payload(message)


def set_conversation_ai(
    session: Session, conversation_id: uuid.UUID, active: bool, *, actor_type: str, actor_id: uuid.UUID | None = None
) -> dict[str, Any]:
    """Switch the AI agent on or off for the conversation (``ai_active``), as ``PATCH /conversations/{id}``
    does: an ``ai_toggled`` timeline entry and a ``conversation.updated`` event when it changes."""
    conversation = get_conversation(session, conversation_id, lock=True)
    update_conversation(session, conversation, {"ai_active": active}, _actor(actor_type, actor_id))
    return conversation_info(session, conversation_id)


def save_handoff_summary(session: Session, conversation_id: uuid.UUID, summary: dict[str, Any] | None) -> None:
    """Store ``summary`` (JSON-simple) as the conversation's handoff summary."""
    get_conversation(session, conversation_id, lock=True).handoff_summary = summary
    session.flush()


def update_contact(
    session: Session,
    contact_id: uuid.UUID,
    *,
    custom_fields: dict[str, Any] | None = None,
    stage_key: str | None = None,
    actor_type: str,
    actor_id: uuid.UUID | None = None,
) -> dict[str, Any]:
    """Merge ``custom_fields`` into the contact's (key by key) and/or move it to pipeline stage
    ``stage_key``; publishes ``contact.updated``. ``Invalid`` (field ``stage_key``) for an unknown stage."""
    contact = get_contact(session, contact_id, lock=True)
    data: dict[str, Any] = {}
    if custom_fields:
        data["custom_fields"] = {**(contact.custom_fields or {}), **custom_fields}
    if stage_key is not None:
        data["stage_key"] = stage_key
    _update_contact(session, _actor(actor_type, actor_id), contact, data)
    return contact_payload(contact)


def record_activity(
    session: Session,
    contact_id: uuid.UUID,
    kind: str,
    data: dict[str, Any],
    *,
    actor_type: str,
    actor_id: uuid.UUID | None = None,
) -> None:
    """Add a ``kind`` entry with JSON-simple ``data`` to the contact's timeline."""
    record(session, contact_id, kind, data, _actor(actor_type, actor_id))


def emit_event(session: Session, kind: str, data: dict[str, Any]) -> int:
    """Publish domain event ``kind`` with JSON-simple ``data`` when the transaction commits (SSE,
    outbound webhooks, ``on_domain_event``); returns its id. Needs a bound company."""
    return emit(session, kind, data).id


def tenant_config(session: Session, key: str) -> Any:
    """The company's configuration value ``key`` (e.g. ``"blueprint"``: the blueprint it was created from), or ``None``."""
    row = session.get(TenantConfig, key)
    return row.value if row is not None else None


def after_commit(session: Session, callback: Callable[[], object]) -> None:
    """Call ``callback()`` once ``session`` commits, bound to the current company (never after a rollback):
    enqueue jobs about rows the transaction writes."""
    _after_commit(session, callback)
