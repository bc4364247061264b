"""Plugin tables: the installed catalogue and per-tenant enablement (shared), settings (per tenant)."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import DateTime, ForeignKey, String, Text, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from atrium.db.base import PublicBase, TenantBase
from atrium.security.crypto import ENCRYPTED


class PluginCatalogue(PublicBase):
    """A plugin seen installed on this platform (refreshed when the web app starts)."""

    __tablename__ = "plugins"

    id: Mapped[str] = mapped_column(String(60), primary_key=True)
    version: Mapped[str] = mapped_column(String(40))
    distribution: Mapped[str | None] = mapped_column(String(200))
    seen_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class TenantPlugin(PublicBase):
    """A plugin enabled for a tenant (a row exists only while it is enabled).

    Kept in the shared schema so that the scheduler and the hook dispatcher
    find the tenants of a plugin, and the plugins of a tenant, in one query.
    """

    __tablename__ = "tenant_plugins"

    tenant_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"), primary_key=True)
    plugin_id: Mapped[str] = mapped_column(String(60), primary_key=True, index=True)
    enabled_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class PluginSettings(TenantBase):
    """A plugin's settings for this tenant.

    ``settings`` holds the plain fields; ``secrets`` holds the fields the
    plugin marked ``writeOnly``, as one Fernet token of a JSON object.
    """

    __tablename__ = "plugin_settings"

    plugin_id: Mapped[str] = mapped_column(String(60), primary_key=True)
    settings: Mapped[dict] = mapped_column(JSONB, default=dict)
    secrets: Mapped[str | None] = mapped_column(Text, info=ENCRYPTED)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(), onupdate=func.now())
