"""The durable inbound event store (shared schema): every authenticated webhook, before the 200."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import DateTime, Index, LargeBinary, String, Text, func, text
from sqlalchemy.orm import Mapped, mapped_column

from atrium.db.base import PublicBase, new_id

EVENT_STATES = ("pending", "processed", "unroutable", "failed", "dead")


class InboundEvent(PublicBase):
    """A raw webhook body as received (exact bytes), and how far its processing got.

    ``dedupe_key`` (SHA-256 of channel type, channel and body) makes a
    provider's retry of the same POST a no-op. ``status`` moves from
    ``pending`` to ``processed``; ``unroutable`` when no tenant owns its
    routing key; ``failed`` while retries remain, ``dead`` after the last one.
    """

    __tablename__ = "inbound_events"
    __table_args__ = (
        Index("ix_inbound_events_due", "next_attempt_at", postgresql_where=text("status IN ('pending', 'failed')")),
        Index("ix_inbound_events_status", "status", "received_at"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    channel_type: Mapped[str] = mapped_column(String(40))
    channel_id: Mapped[uuid.UUID | None] = mapped_column()
    tenant_id: Mapped[uuid.UUID | None] = mapped_column()
    dedupe_key: Mapped[str] = mapped_column(String(64), unique=True)
    body: Mapped[bytes] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    next_attempt_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    processed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
