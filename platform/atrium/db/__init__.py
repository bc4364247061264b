"""Database access: declarative bases, the engine, and tenant-bound sessions."""

from atrium.db.base import PublicBase, TenantBase, TimestampMixin
from atrium.db.session import get_engine, public_session, tenant_session

__all__ = ["PublicBase", "TenantBase", "TimestampMixin", "get_engine", "public_session", "tenant_session"]
