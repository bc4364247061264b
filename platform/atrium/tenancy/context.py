"""The current tenant of a request or a job, carried in a ``ContextVar``."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from atrium.tenancy.names import check_schema_name


@dataclass(frozen=True)
class TenantRef:
    """What code needs to know to act for one tenant."""

    id: uuid.UUID
    slug: str
    schema: str

    def __post_init__(self) -> None:
        check_schema_name(self.schema)

    def as_dict(self) -> dict[str, str]:
        """JSON-simple form, for job messages."""
        return {"id": str(self.id), "slug": self.slug, "schema": self.schema}

    @classmethod
    def from_dict(cls, data: dict[str, str]) -> "TenantRef":
        """Inverse of ``as_dict``."""
        return cls(id=uuid.UUID(data["id"]), slug=data["slug"], schema=data["schema"])


_current: ContextVar[TenantRef | None] = ContextVar("atrium_tenant", default=None)


class NoTenant(RuntimeError):
    """Tenant-scoped code ran with no tenant bound."""


def current_tenant() -> TenantRef:
    """The tenant bound to this request or job; raises ``NoTenant`` if there is none."""
    tenant = _current.get()
    if tenant is None:
        raise NoTenant("no tenant is bound to this context")
    return tenant


def current_tenant_or_none() -> TenantRef | None:
    """The bound tenant, or ``None``."""
    return _current.get()


@contextmanager
def tenant_context(tenant: TenantRef) -> Iterator[TenantRef]:
    """Bind ``tenant`` for the duration of the block, restoring the previous binding after."""
    token = _current.set(tenant)
    try:
        yield tenant
    finally:
        _current.reset(token)
