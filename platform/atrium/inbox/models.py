"""Tenant tables of the inbox and the CRM beside it."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import (
    BigInteger,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from atrium.crm.models import Tag
from atrium.db.base import TenantBase, TimestampMixin, new_id
from atrium.security.crypto import ENCRYPTED
from atrium.text_fold import fold_sql


class Channel(TimestampMixin, TenantBase):
    """A connected account of a provider (a WhatsApp number, an Instagram account, the sandbox)."""

    __tablename__ = "channels"

    type: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(120))
    config: Mapped[dict] = mapped_column(JSONB, default=dict)
    secrets: Mapped[str | None] = mapped_column(Text, info=ENCRYPTED)
    status: Mapped[str] = mapped_column(String(20), default="active")
    last_event_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)
    last_error_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


# The search vectors of the GIN indexes (queries must use the very same expressions): accents folded.
_CONTACT_TEXT = "coalesce(name, '') || ' ' || coalesce(phone, '') || ' ' || coalesce(email, '')"
CONTACT_SEARCH_VECTOR = f"to_tsvector('simple', {fold_sql(_CONTACT_TEXT)})"
_MESSAGE_TEXT = "coalesce(text, '')"
MESSAGE_SEARCH_VECTOR = f"to_tsvector('simple', {fold_sql(_MESSAGE_TEXT)})"


class Contact(TimestampMixin, TenantBase):
    """A person the company talks to; identified through ``ContactIdentity`` rows."""

    __tablename__ = "contacts"
    __table_args__ = (
        Index("ix_contacts_stage_key", "stage_key"),
        Index("ix_contacts_assignee_id", "assignee_id"),
        Index("ix_contacts_phone", "phone"),
        Index("ix_contacts_search", text(CONTACT_SEARCH_VECTOR), postgresql_using="gin"),
        Index("ix_contacts_created", "created_at"),
    )

    name: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(254))
    stage_key: Mapped[str | None] = mapped_column(String(60))
    assignee_id: Mapped[uuid.UUID | None] = mapped_column()
    custom_fields: Mapped[dict] = mapped_column(JSONB, default=dict)
    attribution: Mapped[dict | None] = mapped_column(JSONB)
    merged_into_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("contacts.id", ondelete="SET NULL"))

    tags: Mapped[list[Tag]] = relationship(secondary="contact_tags", viewonly=True, order_by=Tag.name)
    identities: Mapped[list[ContactIdentity]] = relationship(viewonly=True, order_by="ContactIdentity.kind")


class ContactIdentity(TenantBase):
    """One provider identity of a contact (phone, wa_id, BSUID, username, @lid, PSID...)."""

    __tablename__ = "contact_identities"
    __table_args__ = (UniqueConstraint("kind", "value"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    contact_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    value: Mapped[str] = mapped_column(String(200))


class ContactTag(TenantBase):
    """A tag on a contact."""

    __tablename__ = "contact_tags"

    contact_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True)
    tag_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True)


class Conversation(TimestampMixin, TenantBase):
    """The thread between one contact and one channel."""

    __tablename__ = "conversations"
    __table_args__ = (
        UniqueConstraint("contact_id", "channel_id"),
        Index("ix_conversations_list", text("last_message_at DESC"), text("id DESC")),
        Index("ix_conversations_status_list", "status", text("last_message_at DESC"), text("id DESC")),
        Index("ix_conversations_assignee_list", "assignee_id", text("last_message_at DESC"), text("id DESC")),
    )

    contact_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    channel_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("channels.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="open")
    assignee_id: Mapped[uuid.UUID | None] = mapped_column()
    unread_count: Mapped[int] = mapped_column(default=0)
    last_message_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    last_message_preview: Mapped[str | None] = mapped_column(String(200))
    last_inbound_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    ai_active: Mapped[bool] = mapped_column(default=False)
    handoff_summary: Mapped[dict | None] = mapped_column(JSONB)

    contact: Mapped[Contact] = relationship(viewonly=True)
    channel: Mapped[Channel] = relationship(viewonly=True)


class Message(TenantBase):
    """One message of a conversation, in either direction."""

    __tablename__ = "messages"
    __table_args__ = (
        UniqueConstraint("channel_id", "provider_message_id"),
        Index("ix_messages_conversation_created", "conversation_id", text("created_at DESC"), text("id DESC")),
        Index("ix_messages_search", text(MESSAGE_SEARCH_VECTOR), postgresql_using="gin"),
        Index("ix_messages_due", "scheduled_at", postgresql_where=text("status = 'scheduled'")),
        Index("ix_messages_outbox", "created_at", postgresql_where=text("status IN ('queued', 'sending')")),
        Index("ix_messages_created", "created_at"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    conversation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    channel_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("channels.id", ondelete="CASCADE"))
    direction: Mapped[str] = mapped_column(String(10))  # inbound / outbound
    type: Mapped[str] = mapped_column(String(20))
    text: Mapped[str | None] = mapped_column(Text)
    content: Mapped[dict] = mapped_column(JSONB, default=dict)
    reply_to_provider_id: Mapped[str | None] = mapped_column(String(200))
    provider_message_id: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20))
    error: Mapped[dict | None] = mapped_column(JSONB)
    author_type: Mapped[str] = mapped_column(String(10))  # contact / agent / ai / system
    author_id: Mapped[uuid.UUID | None] = mapped_column()
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    scheduled_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    delivered_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    read_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    attempts: Mapped[int] = mapped_column(default=0)  # send attempts made so far
    claimed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))  # when the last attempt began
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))  # retry after a refusal


class MediaUpload(TenantBase):
    """A file an agent uploaded for outbound messages (kept in the database, so every replica
    reads it). ``used_at`` is set when a message references it; unused uploads are swept."""

    __tablename__ = "media_uploads"
    __table_args__ = (Index("ix_media_uploads_unused", "created_at", postgresql_where=text("used_at IS NULL")),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    type: Mapped[str] = mapped_column(String(20))  # the message type it suits: image, audio, video, document
    filename: Mapped[str] = mapped_column(String(200))
    mime_type: Mapped[str] = mapped_column(String(120))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    uploaded_by: Mapped[uuid.UUID | None] = mapped_column()
    used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class StatusBacklog(TenantBase):
    """A status that arrived before we knew the message's provider id; reconciled after the send."""

    __tablename__ = "status_backlog"
    __table_args__ = (Index("ix_status_backlog_lookup", "channel_id", "provider_message_id"),)

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    channel_id: Mapped[uuid.UUID] = mapped_column()
    provider_message_id: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20))
    timestamp: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    error: Mapped[dict | None] = mapped_column(JSONB)


class Note(TimestampMixin, TenantBase):
    """An internal note on a contact, written by an agent."""

    __tablename__ = "notes"

    contact_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[uuid.UUID | None] = mapped_column()
    text: Mapped[str] = mapped_column(Text)


class Activity(TenantBase):
    """One entry of a contact's timeline (status change, tag, assignment, note, AI toggle...)."""

    __tablename__ = "activities"
    __table_args__ = (Index("ix_activities_contact_created", "contact_id", text("created_at DESC"), text("id DESC")),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    contact_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    data: Mapped[dict] = mapped_column(JSONB, default=dict)
    actor_type: Mapped[str] = mapped_column(String(10))  # agent / ai / system / contact
    actor_id: Mapped[uuid.UUID | None] = mapped_column()
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class DomainEvent(TenantBase):
    """The tenant's outbox of domain events: written in the same transaction as the change,
    then pushed to browsers (SSE ids are these ids), plugins and outbound webhooks."""

    __tablename__ = "domain_events"

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    kind: Mapped[str] = mapped_column(String(60))
    data: Mapped[dict] = mapped_column(JSONB)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(), index=True)


class AuditRecord(TenantBase):
    """Who did what to which record (exports, erasures). Holds ids and counts, never the
    personal data itself, so it survives the erasure it records."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_created", text("created_at DESC"), text("id DESC")),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    action: Mapped[str] = mapped_column(String(60))
    subject_type: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[uuid.UUID] = mapped_column()
    actor_type: Mapped[str] = mapped_column(String(10))
    actor_id: Mapped[uuid.UUID | None] = mapped_column()
    details: Mapped[dict] = mapped_column(JSONB, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
