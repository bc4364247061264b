"""Data-subject rights (Brazil's LGPD): export everything stored about a contact, or erase it.

Both are audited in ``audit_log`` with ids and counts only, so the record of
an erasure survives it. A contact's data includes the stubs of contacts
merged into it (the same person). Erasure removes the contact, its
identities, tags, notes, timeline, conversations and messages, the files
agents uploaded for those messages (unless another contact's message uses them
too), the pending statuses of those messages, and the domain events that mention them; a
``contact.erased`` event (carrying only the id) tells plugins and webhook
subscribers to erase their copies.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import Text, delete, func, or_, select, tuple_
from sqlalchemy.orm import Session

from atrium.crm.models import Tag
from atrium.errors import Conflict
from atrium.inbox import counters
from atrium.inbox.activity import Actor
from atrium.inbox.audit import audit
from atrium.inbox.events import emit
from atrium.inbox.models import (
    Activity,
    Contact,
    ContactIdentity,
    ContactTag,
    Conversation,
    DomainEvent,
    Message,
    Note,
    StatusBacklog,
)
from atrium.inbox.uploads import delete_orphans

MEDIA_FIELDS = ("media_id", "url", "upload_id", "mime_type", "filename", "caption", "sha256")


def _person(db: Session, contact: Contact) -> list[uuid.UUID]:
    merged = db.scalars(select(Contact.id).where(Contact.merged_into_id == contact.id)).all()
    return [contact.id, *merged]


def _plain(row) -> dict[str, Any]:
    """Every stored column of ``row``, JSON-simple."""
    out = {}
    for column in row.__table__.columns:
        value = getattr(row, column.key)
        if isinstance(value, dt.datetime):
            value = value.isoformat()
        elif isinstance(value, uuid.UUID):
            value = str(value)
        out[column.key] = value
    return out


def export_contact(db: Session, contact: Contact, actor: Actor) -> dict[str, Any]:
    """Everything stored about ``contact`` as one JSON-simple document (audited)."""
    ids = _person(db, contact)
    contacts = db.scalars(select(Contact).where(Contact.id.in_(ids)).order_by(Contact.id)).all()
    conversations = db.scalars(
        select(Conversation).where(Conversation.contact_id.in_(ids)).order_by(Conversation.id)
    ).all()
    messages = db.scalars(
        select(Message)
        .where(Message.conversation_id.in_([c.id for c in conversations]))
        .order_by(Message.created_at, Message.id)
    ).all()
    tags = db.scalars(
        select(Tag).join(ContactTag, ContactTag.tag_id == Tag.id).where(ContactTag.contact_id.in_(ids))
    ).all()
    document = {
        "exported_at": dt.datetime.now(dt.UTC).isoformat(),
        "contact": _plain(contact),
        "merged_contacts": [_plain(c) for c in contacts if c.id != contact.id],
        "identities": [
            _plain(i) for i in db.scalars(select(ContactIdentity).where(ContactIdentity.contact_id.in_(ids)))
        ],
        "tags": [{"id": str(t.id), "name": t.name, "color": t.color} for t in tags],
        "notes": [_plain(n) for n in db.scalars(select(Note).where(Note.contact_id.in_(ids)).order_by(Note.id))],
        "activities": [
            _plain(a)
            for a in db.scalars(
                select(Activity).where(Activity.contact_id.in_(ids)).order_by(Activity.created_at, Activity.id)
            )
        ],
        "conversations": [
            {**_plain(c), "messages": [_plain(m) for m in messages if m.conversation_id == c.id]} for c in conversations
        ],
        "media": [
            {"message_id": str(m.id), "type": m.type, **{k: m.content[k] for k in MEDIA_FIELDS if m.content.get(k)}}
            for m in messages
            if m.content and (m.content.get("media_id") or m.content.get("url") or m.content.get("upload_id"))
        ],
    }
    counts = {key: len(document[key]) for key in ("identities", "notes", "activities", "conversations", "media")}
    audit(db, "contact.exported", "contact", contact.id, actor, {**counts, "messages": len(messages)})
    return document


def erase_contact(db: Session, contact: Contact, actor: Actor) -> dict[str, int]:
    """Erase ``contact`` and everything about it everywhere in the tenant; return what was removed (audited).

    A contact merged into another is part of that person: 409, erase the other one.
    """
    if contact.merged_into_id:
        raise Conflict(f"this contact was merged into {contact.merged_into_id}: erase that contact", field="erase")
    ids = _person(db, contact)
    conversation_ids = db.scalars(select(Conversation.id).where(Conversation.contact_id.in_(ids))).all()
    in_conversations = Message.conversation_id.in_(conversation_ids)
    counts = {
        "contacts": len(ids),
        "conversations": len(conversation_ids),
        "messages": db.scalar(select(func.count()).where(in_conversations)) or 0,
        "identities": db.scalar(select(func.count()).where(ContactIdentity.contact_id.in_(ids))) or 0,
        "notes": db.scalar(select(func.count()).where(Note.contact_id.in_(ids))) or 0,
    }
    db.execute(
        delete(StatusBacklog).where(
            tuple_(StatusBacklog.channel_id, StatusBacklog.provider_message_id).in_(
                select(Message.channel_id, Message.provider_message_id).where(
                    in_conversations, Message.provider_message_id.is_not(None)
                )
            )
        )
    )
    upload_ids = db.scalars(
        select(Message.content["upload_id"].astext).where(in_conversations, Message.content.has_key("upload_id"))
    ).all()
    mentioned = [str(i) for i in (*ids, *conversation_ids)]
    counts["events"] = db.execute(
        delete(DomainEvent).where(or_(*(DomainEvent.data.cast(Text).contains(i) for i in mentioned)))
    ).rowcount
    db.execute(delete(Contact).where(Contact.id.in_(ids)))
    counts["uploads"] = delete_orphans(db, list(set(upload_ids)))
    audit(db, "contact.erased", "contact", contact.id, actor, counts)
    emit(db, "contact.erased", {"id": str(contact.id)})
    counters.invalidate(db)
    return counts
