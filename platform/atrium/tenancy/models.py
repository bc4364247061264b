"""Tenancy tables: tenants and routing keys (shared), tenant configuration (per tenant)."""

from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from atrium.db.base import PublicBase, TenantBase, TimestampMixin
from atrium.tenancy.context import TenantRef


class Tenant(TimestampMixin, PublicBase):
    """A business using Atrium; its data lives in schema ``schema_name``."""

    __tablename__ = "tenants"

    slug: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    schema_name: Mapped[str] = mapped_column(String(63), unique=True)
    blueprint: Mapped[str | None] = mapped_column(String(60))
    locale: Mapped[str] = mapped_column(String(10), default="pt-BR")
    timezone: Mapped[str] = mapped_column(String(60), default="America/Sao_Paulo")
    status: Mapped[str] = mapped_column(String(20), default="active")

    def ref(self) -> TenantRef:
        """The ``TenantRef`` of this tenant."""
        return TenantRef(id=self.id, slug=self.slug, schema=self.schema_name)


class RoutingKey(TimestampMixin, PublicBase):
    """Maps a provider's identifier (phone_number_id, instance name, page id) to a tenant."""

    __tablename__ = "routing_keys"
    __table_args__ = (UniqueConstraint("kind", "key"),)

    kind: Mapped[str] = mapped_column(String(40))
    key: Mapped[str] = mapped_column(String(200))
    tenant_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"), index=True)
    target_id: Mapped[uuid.UUID | None] = mapped_column()


class TenantConfig(TenantBase):
    """Key/value configuration of one tenant (e.g. the blueprint it was created from)."""

    __tablename__ = "tenant_config"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[dict] = mapped_column(JSONB)
