"""Tenant tables: webhook subscriptions and their delivery log."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import BigInteger, DateTime, ForeignKey, Index, Integer, String, Text, func, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from atrium.db.base import TenantBase, TimestampMixin, new_id
from atrium.security.crypto import ENCRYPTED


class WebhookSubscription(TimestampMixin, TenantBase):
    """A URL of the company's own systems that receives the domain events of ``events`` kinds."""

    __tablename__ = "webhook_subscriptions"

    url: Mapped[str] = mapped_column(String(2000))
    events: Mapped[list[str]] = mapped_column(ARRAY(String(60)))
    secret: Mapped[str] = mapped_column(Text, info=ENCRYPTED)  # the signing secret, encrypted
    description: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)


class WebhookDelivery(TenantBase):
    """One event sent (or to be sent) to one subscription: its attempts and outcome.

    A delivery is ``pending`` (waiting for its next attempt), ``sending``,
    ``succeeded`` or ``failed``. Each event has one first delivery per
    subscription; a replay is a further delivery pointing at it.
    """

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        Index(
            "uq_webhook_deliveries_first",
            "subscription_id",
            "event_id",
            unique=True,
            postgresql_where=text("replay_of_id IS NULL"),
        ),
        Index("ix_webhook_deliveries_subscription_id_id", "subscription_id", "id"),
        Index(
            "ix_webhook_deliveries_unfinished",
            "next_attempt_at",
            postgresql_where=text("status IN ('pending', 'sending')"),
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    subscription_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("webhook_subscriptions.id", ondelete="CASCADE"))
    event_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("domain_events.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(60))
    status: Mapped[str] = mapped_column(String(10), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    response_code: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), server_default=func.now())
    delivered_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    replay_of_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("webhook_deliveries.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )
