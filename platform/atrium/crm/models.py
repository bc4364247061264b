"""Tenant tables of the CRM: tags and pipeline stages."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from atrium.db.base import TenantBase, TimestampMixin


class Tag(TimestampMixin, TenantBase):
    """A colored label for contacts and conversations."""

    __tablename__ = "tags"

    name: Mapped[str] = mapped_column(String(60), unique=True)
    color: Mapped[str] = mapped_column(String(7), default="#64748b")


class PipelineStage(TimestampMixin, TenantBase):
    """A column of the sales pipeline; ``key`` is stable, ``name`` is shown."""

    __tablename__ = "pipeline_stages"

    key: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(default=0)
    color: Mapped[str] = mapped_column(String(7), default="#64748b")
    outcome: Mapped[str | None] = mapped_column(String(10))  # None, "won" or "lost"
