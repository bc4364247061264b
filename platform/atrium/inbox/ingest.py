"""Storing normalised channel events in a tenant's inbox, idempotently.

Messages are unique per ``(channel_id, provider_message_id)``: a provider
retry, the same message in two webhooks or ten concurrent copies leave one
row. Contacts are found by any of their identities; concurrent first
messages of a new person are serialised with transaction-scoped advisory
locks on the identities, so one person never becomes two contacts. Statuses
only move forward (a late ``delivered`` never undoes ``read``); a status for
a message we have not recorded yet waits in ``status_backlog`` until the
send completes.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import delete, func, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from atrium.channels.contract import ContactInfo, InboundMessage, NormalisedEvent, StatusUpdate
from atrium.db.base import new_id
from atrium.inbox.events import emit
from atrium.inbox.models import Channel, Contact, ContactIdentity, Conversation, Message, StatusBacklog
from atrium.inbox.payloads import conversation_payload, message_payload
from atrium.inbox.sanitize import clean, clean_text

STATUS_RANK = {"scheduled": 0, "queued": 1, "sending": 2, "sent": 3, "delivered": 4, "read": 5, "failed": 6}
SILENT_TYPES = ("reaction",)  # shown on their target message; no unread bump, no preview


@dataclass
class IngestResult:
    """What one batch of events changed."""

    messages: int = 0
    duplicates: int = 0
    statuses: int = 0
    backlogged: int = 0


def apply_events(db: Session, channel: Channel, events: list[NormalisedEvent]) -> IngestResult:
    """Store ``events`` of ``channel`` in the bound tenant's inbox, in order."""
    result = IngestResult()
    for event in events:
        if isinstance(event, InboundMessage):
            if ingest_message(db, channel, event):
                result.messages += 1
            else:
                result.duplicates += 1
        elif isinstance(event, StatusUpdate):
            if apply_status(db, channel.id, event):
                result.statuses += 1
            else:
                result.backlogged += 1
    channel.last_event_at = func.now()
    return result


# One lock per identity, taken in the order given (sorted by every caller, so two never deadlock).
_LOCK_IDENTITIES = text("SELECT pg_advisory_xact_lock(hashtextextended(key, 0)) FROM unnest(CAST(:keys AS text[])) AS key")


def find_or_create_contact(db: Session, info: ContactInfo) -> tuple[Contact, bool]:
    """The contact owning any of ``info``'s identities (adding the others), or a new one."""
    identities = sorted({(i.kind, clean_text(i.value)) for i in info.identities})
    db.execute(_LOCK_IDENTITIES, {"keys": [f"identity:{kind}:{value}" for kind, value in identities]})
    existing = db.scalars(
        select(ContactIdentity.contact_id).where(
            func.row(ContactIdentity.kind, ContactIdentity.value).in_([func.row(k, v) for k, v in identities])
        )
    ).first()
    created = existing is None
    if created:
        contact = Contact(name=clean_text(info.name) if info.name else None, phone=info.phone, custom_fields={})
        db.add(contact)
        db.flush()
    else:
        contact = db.get(Contact, existing)
        if not contact.name and info.name:
            contact.name = clean_text(info.name)
        if not contact.phone and info.phone:
            contact.phone = info.phone
    if identities:
        db.execute(
            insert(ContactIdentity)
            .values([{"id": new_id(), "contact_id": contact.id, "kind": k, "value": v} for k, v in identities])
            .on_conflict_do_nothing(index_elements=["kind", "value"])
        )
    return contact, created


def conversation_for(db: Session, contact_id: uuid.UUID, channel_id: uuid.UUID) -> Conversation:
    """The conversation of a contact on a channel, created when it does not exist."""
    db.execute(
        insert(Conversation)
        .values(id=new_id(), contact_id=contact_id, channel_id=channel_id, status="open", unread_count=0, ai_active=False)
        .on_conflict_do_nothing(index_elements=["contact_id", "channel_id"])
    )
    return db.scalars(
        select(Conversation).where(Conversation.contact_id == contact_id, Conversation.channel_id == channel_id).with_for_update()
    ).one()


def _preview(message: InboundMessage, text_value: str | None) -> str:
    if text_value:
        return text_value[:200]
    caption = message.content.get("caption") if isinstance(message.content, dict) else None
    return (clean_text(caption) if caption else f"[{message.type}]")[:200]


def ingest_message(db: Session, channel: Channel, message: InboundMessage) -> bool:
    """Store one inbound message; ``False`` when it was already stored."""
    contact, contact_created = find_or_create_contact(db, message.contact)
    conversation = conversation_for(db, contact.id, channel.id)
    text_value = clean_text(message.text) if message.text is not None else None
    message_id = db.scalar(
        insert(Message)
        .values(
            id=new_id(),
            conversation_id=conversation.id,
            channel_id=channel.id,
            direction="inbound",
            type=message.type,
            text=text_value,
            content=clean(message.content or {}),
            reply_to_provider_id=message.reply_to,
            provider_message_id=message.provider_message_id,
            status="received",
            author_type="contact",
            author_id=contact.id,
            created_at=message.timestamp,
        )
        .on_conflict_do_nothing(index_elements=["channel_id", "provider_message_id"])
        .returning(Message.id)
    )
    if message_id is None:
        return False
    if message.referral and not contact.attribution:
        contact.attribution = {"source": "ctwa", **clean(message.referral), "first_touch_at": message.timestamp.isoformat()}
    if message.type == "system" and message.content.get("new_wa_id"):
        _add_identity(db, contact.id, "wa_id", message.content["new_wa_id"])
    if message.type not in SILENT_TYPES:
        conversation.unread_count += 1
    first = conversation.last_message_at is None  # even a reaction puts a new conversation in the list
    if first or (message.type not in SILENT_TYPES and message.timestamp >= conversation.last_message_at):
        conversation.last_message_at = message.timestamp
        conversation.last_message_preview = _preview(message, text_value)
    if conversation.last_inbound_at is None or message.timestamp > conversation.last_inbound_at:
        conversation.last_inbound_at = message.timestamp
    if conversation.status == "resolved":
        conversation.status = "open"
    db.flush()
    stored = db.get(Message, message_id)
    if contact_created:
        emit(db, "contact.created", {"id": str(contact.id), "name": contact.name, "phone": contact.phone})
    emit(db, "message.received", {"message": message_payload(stored), "conversation": conversation_payload(conversation)})
    return True


def _add_identity(db: Session, contact_id: uuid.UUID, kind: str, value: str) -> None:
    db.execute(
        insert(ContactIdentity)
        .values(id=new_id(), contact_id=contact_id, kind=kind, value=clean_text(value))
        .on_conflict_do_nothing(index_elements=["kind", "value"])
    )


def apply_status(db: Session, channel_id: uuid.UUID, update: StatusUpdate) -> bool:
    """Apply a delivery status; ``False`` when the message is unknown yet (kept in the backlog)."""
    message = db.scalars(
        select(Message).where(Message.channel_id == channel_id, Message.provider_message_id == update.provider_message_id).with_for_update()
    ).first()
    if message is None and update.our_message_id:
        try:
            message = db.scalars(
                select(Message).where(Message.id == uuid.UUID(update.our_message_id), Message.channel_id == channel_id).with_for_update()
            ).first()
        except ValueError:
            message = None
        if message is not None and message.provider_message_id is None:
            message.provider_message_id = update.provider_message_id
    if message is None:
        db.add(
            StatusBacklog(
                channel_id=channel_id,
                provider_message_id=update.provider_message_id,
                status=update.status,
                timestamp=update.timestamp,
                error=clean(update.error) if update.error else None,
            )
        )
        return False
    _advance(db, message, update.status, update.timestamp, update.error)
    return True


def _advance(db: Session, message: Message, status: str, at: dt.datetime, error: dict | None) -> None:
    current = STATUS_RANK.get(message.status, 0)
    new = STATUS_RANK.get(status, 0)
    if status == "failed" and message.status == "read":
        return
    stamp = {"sent": "sent_at", "delivered": "delivered_at", "read": "read_at"}.get(status)
    if stamp and getattr(message, stamp) is None:
        setattr(message, stamp, at)
    if new <= current:
        return
    message.status = status
    if status == "failed":
        message.error = clean(error) if error else {"message": "the provider reported a failure"}
    db.flush()
    emit(db, "message.status", {"message_id": str(message.id), "conversation_id": str(message.conversation_id), "status": status, "error": message.error})


def reconcile_backlog(db: Session, message: Message) -> int:
    """Apply statuses that arrived before ``message`` got its provider id; return how many."""
    if not message.provider_message_id:
        return 0
    rows = db.scalars(
        select(StatusBacklog)
        .where(StatusBacklog.channel_id == message.channel_id, StatusBacklog.provider_message_id == message.provider_message_id)
        .order_by(StatusBacklog.id)
    ).all()
    for row in rows:
        _advance(db, message, row.status, row.timestamp, row.error)
    if rows:
        db.execute(delete(StatusBacklog).where(StatusBacklog.id.in_([r.id for r in rows])))
    return len(rows)
