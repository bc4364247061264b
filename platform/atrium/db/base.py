"""Declarative bases.

``PublicBase`` tables live in the ``public`` schema (tenants, identities,
routing keys, the event store). ``TenantBase`` tables carry no schema: they
resolve through the ``search_path`` of a tenant-bound session, so the same
model reads and writes whichever single tenant the session is bound to.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import DateTime, MetaData, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from atrium.ids import uuid7

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class PublicBase(DeclarativeBase):
    """Base for tables of the shared ``public`` schema."""

    metadata = MetaData(schema="public", naming_convention=NAMING)


class TenantBase(DeclarativeBase):
    """Base for tables that exist once per tenant schema."""

    metadata = MetaData(naming_convention=NAMING)


def new_id() -> uuid.UUID:
    """Default primary key value: a time-ordered UUID."""
    return uuid7()


class TimestampMixin:
    """``id`` (UUIDv7), ``created_at`` and ``updated_at`` columns."""

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )
