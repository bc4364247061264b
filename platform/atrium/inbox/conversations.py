"""Conversations: the inbox list and its filters, status, assignment, AI flag, read state,
and starting a conversation with a phone number.

The list is ordered by ``last_message_at desc, id desc`` (the order of the
``ix_conversations_*list`` indexes) and cursor-paginated; a page costs three
queries whatever its size (conversations joined to contacts, then their
tags and channels).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Select, exists, or_, select
from sqlalchemy.orm import Session, contains_eager, selectinload

from atrium.api.pagination import paginate
from atrium.crm.models import Tag
from atrium.errors import Invalid, NotFound
from atrium.inbox import counters
from atrium.inbox.activity import Actor, record
from atrium.inbox.aftercommit import after_commit
from atrium.inbox.contacts import check_member, contact_for_phone, normalise_phone
from atrium.inbox.events import emit
from atrium.inbox.filters import assignee_clause, conversations_with_text, matching_contact_ids
from atrium.inbox.ingest import conversation_for
from atrium.inbox.messages import queue_message
from atrium.inbox.models import Channel, Contact, ContactTag, Conversation, Message
from atrium.inbox.outbound import now, send_read_receipt
from atrium.inbox.payloads import contact_ref, conversation_payload, conversation_view, optional_id, tag_ref

STATUSES = ("open", "pending", "resolved")


def _with_contact(stmt: Select) -> Select:
    return stmt.join(Contact, Contact.id == Conversation.contact_id).options(
        contains_eager(Conversation.contact).selectinload(Contact.tags), selectinload(Conversation.channel)
    )


def get_conversation(db: Session, conversation_id: uuid.UUID, *, lock: bool = False) -> Conversation:
    """The conversation with its contact (row-locked with ``lock``); 404 when the tenant has none."""
    stmt = _with_contact(select(Conversation)).where(Conversation.id == conversation_id)
    conversation = db.scalars(stmt.with_for_update(of=Conversation) if lock else stmt).first()
    if conversation is None:
        raise NotFound("no conversation with this id")
    return conversation


_LIST_COLUMNS = (
    Conversation.id,
    Conversation.status,
    Conversation.channel_id,
    Conversation.unread_count,
    Conversation.last_message_at,
    Conversation.last_message_preview,
    Conversation.last_inbound_at,
    Conversation.assignee_id,
    Conversation.ai_active,
    Conversation.created_at,
    Conversation.contact_id,
    Contact.name.label("contact_name"),
    Contact.phone.label("contact_phone"),
    Contact.stage_key.label("contact_stage_key"),
)


def conversations_query(filters: dict[str, Any], me: uuid.UUID) -> Select:
    """The list's columns (conversation and contact) of conversations matching ``status``,
    ``channel_id``, ``assignee``, ``tag``, ``unread``, ``stage`` (the contact's lead status)
    and ``q`` (message text, contact name or phone)."""
    stmt = (
        select(*_LIST_COLUMNS)
        .select_from(Conversation)
        .join(Contact, Contact.id == Conversation.contact_id)
        .where(Conversation.last_message_at.is_not(None))
    )
    if filters.get("status"):
        stmt = stmt.where(Conversation.status == filters["status"])
    if filters.get("channel_id"):
        stmt = stmt.where(Conversation.channel_id == filters["channel_id"])
    if filters.get("assignee"):
        stmt = stmt.where(assignee_clause(Conversation.assignee_id, filters["assignee"], me))
    if filters.get("tag"):
        stmt = stmt.where(
            exists().where(ContactTag.contact_id == Conversation.contact_id, ContactTag.tag_id == filters["tag"])
        )
    if filters.get("unread") is not None:
        stmt = stmt.where(Conversation.unread_count > 0 if filters["unread"] else Conversation.unread_count == 0)
    if filters.get("stage"):
        stmt = stmt.where(Contact.stage_key == filters["stage"])
    if filters.get("q"):  # two hashed sub-queries: the cost is bounded by the matches and the list's size
        matches = [Conversation.contact_id.in_(matching_contact_ids(filters["q"]))]
        with_text = conversations_with_text(filters["q"])
        if with_text is not None:
            matches.append(Conversation.id.in_(with_text))
        stmt = stmt.where(or_(*matches))
    return stmt


def list_conversations(db: Session, filters: dict[str, Any], me: uuid.UUID) -> dict:
    """A page of the inbox, latest activity first (``filters`` also carries ``cursor`` and ``limit``).

    Three plain queries (the page, its contacts' tags, its channels' types)
    and no ORM objects: this is the panel's busiest request.
    """
    page = paginate(db, conversations_query(filters, me), [Conversation.last_message_at, Conversation.id], filters)
    rows = page["items"]
    tags: dict[uuid.UUID, list[dict[str, Any]]] = {}
    if rows:
        for contact_id, tag_id, name, color in db.execute(
            select(ContactTag.contact_id, Tag.id, Tag.name, Tag.color)
            .join(Tag, Tag.id == ContactTag.tag_id)
            .where(ContactTag.contact_id.in_({row.contact_id for row in rows}))
            .order_by(Tag.name)
        ):
            tags.setdefault(contact_id, []).append(tag_ref(tag_id, name, color))
    channel_types = (
        dict(db.execute(select(Channel.id, Channel.type).where(Channel.id.in_({row.channel_id for row in rows}))).all())
        if rows
        else {}
    )
    at = now()
    page["items"] = [
        conversation_view(
            row,
            contact_ref(row.contact_id, row.contact_name, row.contact_phone, row.contact_stage_key),
            tags.get(row.contact_id, []),
            channel_types[row.channel_id],
            at,
        )
        for row in rows
    ]
    return page


def conversation_detail(conversation: Conversation) -> dict[str, Any]:
    """``conversation`` (loaded by ``get_conversation``) as the API returns it."""
    contact = conversation.contact
    return conversation_view(
        conversation,
        contact_ref(contact.id, contact.name, contact.phone, contact.stage_key),
        [tag_ref(tag.id, tag.name, tag.color) for tag in contact.tags],
        conversation.channel.type,
        now(),
    )


def conversation_changed(db: Session, conversation: Conversation) -> None:
    """Publish ``conversation.updated`` and drop the cached counters."""
    db.flush()
    emit(db, "conversation.updated", {"conversation": conversation_payload(conversation)})
    counters.invalidate(db)


def update_conversation(db: Session, conversation: Conversation, data: dict[str, Any], actor: Actor) -> Conversation:
    """Change ``status``, ``assignee_id`` and/or ``ai_active``; each change goes to the contact's timeline."""
    if "status" in data and data["status"] != conversation.status:
        record(
            db,
            conversation.contact_id,
            "conversation_status_changed",
            _change(conversation, conversation.status, data["status"]),
            actor,
        )
        conversation.status = data["status"]
    if "assignee_id" in data and data["assignee_id"] != conversation.assignee_id:
        check_member(db, data["assignee_id"], "assignee_id")
        change = _change(conversation, optional_id(conversation.assignee_id), optional_id(data["assignee_id"]))
        record(db, conversation.contact_id, "conversation_assigned", change, actor)
        conversation.assignee_id = data["assignee_id"]
    if "ai_active" in data and data["ai_active"] != conversation.ai_active:
        record(
            db,
            conversation.contact_id,
            "ai_toggled",
            _change(conversation, conversation.ai_active, data["ai_active"]),
            actor,
        )
        conversation.ai_active = data["ai_active"]
    conversation_changed(db, conversation)
    return conversation


def mark_read(db: Session, conversation: Conversation) -> Conversation:
    """Zero the unread count and, after the commit, send the provider a read receipt for the
    contact's latest message."""
    conversation.unread_count = 0
    latest = db.scalar(
        select(Message.provider_message_id)
        .where(
            Message.conversation_id == conversation.id,
            Message.direction == "inbound",
            Message.provider_message_id.is_not(None),
        )
        .order_by(Message.created_at.desc(), Message.id.desc())
        .limit(1)
    )
    if latest:
        channel_id = str(conversation.channel_id)
        after_commit(db, lambda: send_read_receipt.send(channel_id, latest))
    conversation_changed(db, conversation)
    return conversation


def start_conversation(db: Session, actor: Actor, data: dict[str, Any]) -> tuple[Conversation, Message]:
    """Open (or reuse) the conversation with ``phone`` on ``channel_id`` by sending ``template``.

    The contact is found by phone or created (with ``name``).
    """
    channel = db.get(Channel, data["channel_id"])
    if channel is None:
        raise Invalid("no channel with this id", field="channel_id")
    phone = normalise_phone(data["phone"])
    contact = contact_for_phone(db, phone, data.get("name"))
    conversation = conversation_for(db, contact.id, channel.id)
    message = queue_message(db, conversation, actor, {"type": "template", "template": data["template"]})
    update_conversation(db, conversation, {"status": "open"}, actor)
    return get_conversation(db, conversation.id), message


def _change(conversation: Conversation, old, new) -> dict[str, Any]:
    return {"conversation_id": str(conversation.id), "from": old, "to": new}
