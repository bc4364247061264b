"""The plugin's tenant tables (``ai_agent_*``), created by its Alembic branch.

Rows that belong to a conversation or a contact reference the core tables
with ``ON DELETE CASCADE`` in the migration, so erasing a contact (LGPD)
erases the agent's state about them too.
"""

from __future__ import annotations

import datetime as dt
import uuid

from pgvector.sqlalchemy import Vector
from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Computed,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Integer,
    String,
    Text,
    func,
)
from sqlalchemy.dialects.postgresql import JSONB, TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from atrium.plugins import TenantBase, TimestampMixin

EMBEDDING_DIMENSIONS = 1536

#: Lower-cases and strips Portuguese accents, in SQL (``translate`` is immutable, so it can feed an index).
FOLD_SQL = "translate(lower({}), 'áàâãäéèêëíìîïóòôõöúùûüçñ', 'aaaaaeeeeiiiiooooouuuucn')"


class Document(TimestampMixin, TenantBase):
    """A knowledge-base document: its full text, split into ``Chunk`` rows.

    ``embedding_status``: ``pending`` (a worker will embed it), ``ready``,
    ``failed`` (``embedding_error`` says why) or ``disabled`` (no provider:
    full-text search only).
    """

    __tablename__ = "ai_agent_documents"

    title: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(20))  # text / file / blueprint
    filename: Mapped[str | None] = mapped_column(String(255))
    text: Mapped[str] = mapped_column(Text)
    chunk_count: Mapped[int] = mapped_column(Integer, default=0)
    embedding_status: Mapped[str] = mapped_column(String(20))
    embedding_model: Mapped[str | None] = mapped_column(String(100))
    embedding_error: Mapped[str | None] = mapped_column(Text)


class Chunk(TenantBase):
    """A passage of a document with its embedding and its (generated) Portuguese search vector."""

    __tablename__ = "ai_agent_chunks"
    __table_args__ = (
        Index("ix_ai_agent_chunks_document", "document_id", "position"),
        Index("ix_ai_agent_chunks_tsv", "tsv", postgresql_using="gin"),
        Index(
            "ix_ai_agent_chunks_embedding",
            "embedding",
            postgresql_using="hnsw",
            postgresql_ops={"embedding": "vector_cosine_ops"},
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    document_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("ai_agent_documents.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    embedding: Mapped[list[float] | None] = mapped_column(Vector(EMBEDDING_DIMENSIONS))
    tsv: Mapped[str] = mapped_column(
        TSVECTOR, Computed(f"to_tsvector('portuguese', {FOLD_SQL.format('text')})", persisted=True)
    )


#: The agent's states of a conversation: the AI board's columns, in order.
STATUSES = ("qualifying", "qualified", "scheduled", "awaiting_human", "converted", "lost")


class AgentConversation(TenantBase):
    """The agent's state of one conversation.

    ``status`` (the AI board's columns): ``qualifying`` (awaiting AI),
    ``qualified``, ``scheduled``, ``awaiting_human`` (handed off),
    ``converted`` or ``lost``; ``status_changed_at`` orders a column.
    """

    __tablename__ = "ai_agent_conversations"
    __table_args__ = (
        Index("ix_ai_agent_conversations_board", "status", "status_changed_at", "conversation_id"),
        CheckConstraint(f"status IN ({', '.join(repr(s) for s in STATUSES)})", name="status"),
    )

    conversation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True
    )
    contact_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="qualifying")
    status_changed_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), default=lambda: dt.datetime.now(dt.UTC)
    )
    asked_step: Mapped[str | None] = mapped_column(String(60))
    booking: Mapped[dict | None] = mapped_column(JSONB)
    notes: Mapped[list] = mapped_column(JSONB, default=list)
    handed_off_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )


class Reply(TenantBase):
    """What the agent did about one inbound message: at most one row (and one answer) per message."""

    __tablename__ = "ai_agent_replies"
    __table_args__ = (Index("ix_ai_agent_replies_conversation", "conversation_id", "created_at"),)

    inbound_message_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("messages.id", ondelete="CASCADE"), primary_key=True
    )
    conversation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    # sent, outside_hours, opted_out, capped, inactive, failed (provider), empty, repeated, switched_off, refused (inbox)
    outcome: Mapped[str] = mapped_column(String(20))
    message_id: Mapped[uuid.UUID | None] = mapped_column()
    model: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class OptOut(TenantBase):
    """A contact who asked the agent to stop (an opt-out keyword)."""

    __tablename__ = "ai_agent_opt_outs"

    contact_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True)
    keyword: Mapped[str] = mapped_column(String(50))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Usage(TenantBase):
    """One call to the provider: model, tokens, latency and outcome (for the usage report)."""

    __tablename__ = "ai_agent_usage"

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(), index=True)
    purpose: Mapped[str] = mapped_column(String(20))  # reply / test_chat / embedding / search
    model: Mapped[str] = mapped_column(String(100))
    outcome: Mapped[str] = mapped_column(String(20))  # ok / empty / timeout / rate_limited / error
    prompt_tokens: Mapped[int] = mapped_column(Integer, default=0)
    completion_tokens: Mapped[int] = mapped_column(Integer, default=0)
    latency_ms: Mapped[int] = mapped_column(Integer, default=0)
    conversation_id: Mapped[uuid.UUID | None] = mapped_column()
