"""A company's own settings: its name, the panel's language and its time zone."""

from __future__ import annotations

import uuid
from functools import lru_cache
from zoneinfo import available_timezones

from atrium.db.session import public_session
from atrium.errors import NotFound
from atrium.tenancy.models import Tenant

LOCALES = ("pt-BR", "en")
EDITABLE = ("name", "locale", "timezone")


@lru_cache(maxsize=1)
def time_zones() -> frozenset[str]:
    """Every IANA time zone name this machine knows (``America/Sao_Paulo``, ``UTC``...)."""
    return frozenset(available_timezones())


def get_tenant(tenant_id: uuid.UUID) -> Tenant:
    """The tenant row of ``tenant_id``."""
    with public_session() as db:
        tenant = db.get(Tenant, tenant_id)
    if tenant is None:
        raise NotFound("no such company")
    return tenant


def update_tenant(tenant_id: uuid.UUID, changes: dict) -> Tenant:
    """Apply ``changes`` (already validated; only ``EDITABLE`` keys) to the tenant row and return it."""
    with public_session() as db:
        tenant = db.get(Tenant, tenant_id, with_for_update=True)
        if tenant is None:
            raise NotFound("no such company")
        for key in EDITABLE:
            if key in changes:
                setattr(tenant, key, changes[key])
    return tenant
