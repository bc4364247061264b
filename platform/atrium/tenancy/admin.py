"""Operator views of a tenant: description and full export (used before deletion)."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text

from atrium.auth.models import Membership
from atrium.db.session import get_engine, public_session
from atrium.errors import NotFound
from atrium.migrate.runner import current_revisions, tenant_heads
from atrium.plugins.models import TenantPlugin
from atrium.tenancy.models import Tenant


def _tenant(db, slug: str) -> Tenant:
    tenant = db.scalar(select(Tenant).where(Tenant.slug == slug))
    if tenant is None:
        raise NotFound(f"no tenant '{slug}'")
    return tenant


def describe(slug: str) -> dict[str, Any]:
    """Schema, blueprint, member count, enabled plugins and migration state of tenant ``slug``."""
    with public_session() as db:
        tenant = _tenant(db, slug)
        members = db.scalar(select(func.count()).select_from(Membership).where(Membership.tenant_id == tenant.id))
        plugins = list(db.scalars(select(TenantPlugin.plugin_id).where(TenantPlugin.tenant_id == tenant.id)))
    with get_engine().connect() as conn:
        revisions = current_revisions(conn, tenant.schema_name)
    return {
        "id": tenant.id,
        "slug": tenant.slug,
        "name": tenant.name,
        "schema": tenant.schema_name,
        "status": tenant.status,
        "blueprint": tenant.blueprint,
        "locale": tenant.locale,
        "timezone": tenant.timezone,
        "created_at": tenant.created_at,
        "members": members,
        "plugins_enabled": plugins,
        "revisions": list(revisions),
        "up_to_date": set(revisions) == set(tenant_heads()),
    }


def export_tenant(slug: str, directory: Path) -> Path:
    """Write every row of tenant ``slug`` (its schema and its shared rows) to a gzipped JSON file."""
    with public_session() as db:
        tenant = _tenant(db, slug)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{slug}-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%SZ}.json.gz"
    schema = tenant.schema_name
    with get_engine().connect() as conn, gzip.open(path, "wt", encoding="utf-8") as out:
        shared = {
            "tenant": conn.execute(text("SELECT row_to_json(t) FROM public.tenants t WHERE id = :id"), {"id": tenant.id}).scalar(),
            "memberships": conn.execute(
                text(
                    "SELECT json_build_object('email', u.email, 'name', u.name, 'role', m.role, 'is_active', m.is_active) "
                    "FROM public.memberships m JOIN public.users u ON u.id = m.user_id WHERE m.tenant_id = :id"
                ),
                {"id": tenant.id},
            ).scalars().all(),
        }
        tables = conn.execute(
            text("SELECT table_name FROM information_schema.tables WHERE table_schema = :s AND table_type = 'BASE TABLE' ORDER BY 1"),
            {"s": schema},
        ).scalars().all()
        data: dict[str, Any] = {"format": "atrium-tenant-export/1", "shared": shared, "tables": {}}
        for table in tables:
            quoted = conn.dialect.identifier_preparer.quote
            rows = conn.execute(text(f"SELECT row_to_json(t) FROM {quoted(schema)}.{quoted(table)} t")).scalars().all()
            data["tables"][table] = rows
        json.dump(data, out, ensure_ascii=False, default=str)
    path.chmod(0o600)
    return path
