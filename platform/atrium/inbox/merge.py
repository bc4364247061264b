"""Merging two contacts that turned out to be the same person.

Everything of the merged contact moves to the kept one: identities (so its
next message lands on the kept contact), conversations (two conversations on
the same channel become one), notes, tags and timeline. The merged contact
stays as a stub with ``merged_into_id`` set, so old links can be redirected.
"""

from __future__ import annotations

import uuid

from sqlalchemy import Uuid, delete, literal, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from atrium.errors import Conflict, Invalid
from atrium.inbox import counters
from atrium.inbox.activity import Actor, record
from atrium.inbox.contacts import contact_changed, get_contact
from atrium.inbox.events import emit
from atrium.inbox.models import Activity, Contact, ContactIdentity, ContactTag, Conversation, Message, Note

FILLED_FROM_MERGED = ("name", "phone", "email", "stage_key", "assignee_id", "attribution")


def merge_contacts(db: Session, keep_id: uuid.UUID, merged_id: uuid.UUID, actor: Actor) -> Contact:
    """Fold contact ``merged_id`` into ``keep_id``; return the kept contact.

    Empty fields of the kept contact are filled from the merged one; its own
    custom fields win over the merged one's.
    """
    keep = get_contact(db, keep_id)
    if keep_id == merged_id:
        raise Invalid("a contact cannot be merged into itself", field="contact_id")
    rows = {
        c.id: c
        for c in db.scalars(
            select(Contact).where(Contact.id.in_([keep_id, merged_id])).order_by(Contact.id).with_for_update()
        )
    }
    if merged_id not in rows:
        raise Invalid("no contact with this id", field="contact_id")
    merged = rows[merged_id]
    if keep.merged_into_id or merged.merged_into_id:
        raise Conflict("this contact was already merged into another one", field="contact_id")
    _move_conversations(db, keep, merged)
    for model in (ContactIdentity, Note, Activity):
        db.execute(update(model).where(model.contact_id == merged.id).values(contact_id=keep.id))
    db.execute(
        insert(ContactTag)
        .from_select(
            ["contact_id", "tag_id"],
            select(literal(keep.id, Uuid), ContactTag.tag_id).where(ContactTag.contact_id == merged.id),
        )
        .on_conflict_do_nothing()
    )
    db.execute(delete(ContactTag).where(ContactTag.contact_id == merged.id))
    db.execute(update(Contact).where(Contact.merged_into_id == merged.id).values(merged_into_id=keep.id))
    for field in FILLED_FROM_MERGED:
        if getattr(keep, field) is None and getattr(merged, field) is not None:
            setattr(keep, field, getattr(merged, field))
    keep.custom_fields = {**(merged.custom_fields or {}), **(keep.custom_fields or {})}
    merged.merged_into_id = keep.id
    record(db, keep.id, "merged", {"contact_id": str(merged.id), "name": merged.name}, actor)
    db.expire(keep, ["tags"])
    emit(db, "contact.merged", {"id": str(keep.id), "merged_id": str(merged.id)})
    contact_changed(db, keep)
    counters.invalidate(db)
    return keep


def _move_conversations(db: Session, keep: Contact, merged: Contact) -> None:
    conversations = db.scalars(
        select(Conversation)
        .where(Conversation.contact_id.in_([keep.id, merged.id]))
        .order_by(Conversation.id)
        .with_for_update()
    ).all()
    kept = {c.channel_id: c for c in conversations if c.contact_id == keep.id}
    for conversation in conversations:
        if conversation.contact_id != merged.id:
            continue
        target = kept.get(conversation.channel_id)
        if target is None:
            conversation.contact_id = keep.id
        else:
            _fold(db, conversation, target)


def _fold(db: Session, source: Conversation, target: Conversation) -> None:
    """Move ``source``'s messages into ``target`` (same contact person, same channel) and drop it."""
    db.execute(update(Message).where(Message.conversation_id == source.id).values(conversation_id=target.id))
    if source.last_message_at and (target.last_message_at is None or source.last_message_at > target.last_message_at):
        target.last_message_at, target.last_message_preview = source.last_message_at, source.last_message_preview
    if source.last_inbound_at and (target.last_inbound_at is None or source.last_inbound_at > target.last_inbound_at):
        target.last_inbound_at = source.last_inbound_at
    target.unread_count += source.unread_count
    if target.status == "resolved" and source.status != "resolved":
        target.status = source.status
    target.assignee_id = target.assignee_id or source.assignee_id
    db.delete(source)
