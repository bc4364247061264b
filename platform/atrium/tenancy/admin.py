"""Operator views of a tenant: description and full export (written before deletion)."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Connection, func, select, text

from atrium.auth.models import Membership
from atrium.db.session import get_engine, public_session
from atrium.errors import NotFound
from atrium.migrate.runner import current_revisions, tenant_heads
from atrium.plugins.models import TenantPlugin
from atrium.tenancy.models import Tenant
from atrium.tenancy.names import check_schema_name

EXPORT_FORMAT = "atrium-tenant-export/1"
# Shared tables with a ``tenant_id`` that an export leaves out: credentials, not data.
NOT_EXPORTED = frozenset({"refresh_tokens"})


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
        "plugins_enabled": sorted(plugins),
        "revisions": sorted(revisions),
        "up_to_date": revisions == tenant_heads(),
    }


def export_tenant(slug: str, directory: Path) -> Path:
    """Write every row of tenant ``slug`` to ``<directory>/<slug>-<UTC time>.json.gz`` (mode 600).

    The document holds ``shared`` (the tenant row, its members without
    password hashes, and its rows of every other shared table with a
    ``tenant_id``) and ``tables`` (every table of its schema, row by row).
    Rows are streamed, so a large tenant does not need to fit in memory.
    """
    with public_session() as db:
        tenant = _tenant(db, slug)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{slug}-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%SZ}.json.gz"
    schema = check_schema_name(tenant.schema_name)
    with get_engine().connect() as conn, conn.begin(), gzip.open(path, "wt", encoding="utf-8") as out:
        conn.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        quote = conn.dialect.identifier_preparer.quote
        row = conn.execute(text("SELECT row_to_json(t)::text FROM public.tenants t WHERE id = :id"), {"id": tenant.id}).scalar_one()
        out.write(f'{{"format": {json.dumps(EXPORT_FORMAT)}, "schema": {json.dumps(schema)}, "shared": {{"tenant": {row}, "members": ')
        _write_rows(
            out,
            conn,
            "SELECT json_build_object('email', u.email, 'name', u.name, 'role', m.role, 'is_active', m.is_active,"
            " 'created_at', m.created_at)::text FROM public.memberships m JOIN public.users u ON u.id = m.user_id"
            " WHERE m.tenant_id = :id ORDER BY m.created_at",
            {"id": tenant.id},
        )
        for table in sorted(_tables_with_tenant_id(conn) - NOT_EXPORTED - {"memberships"}):
            out.write(f", {json.dumps(table)}: ")
            _write_rows(out, conn, f"SELECT row_to_json(t)::text FROM public.{quote(table)} t WHERE tenant_id = :id", {"id": tenant.id})
        out.write('}, "tables": {')
        tables = conn.execute(
            text("SELECT table_name FROM information_schema.tables WHERE table_schema = :s AND table_type = 'BASE TABLE' ORDER BY 1"),
            {"s": schema},
        ).scalars().all()
        for position, table in enumerate(tables):
            out.write(f"{', ' if position else ''}{json.dumps(table)}: ")
            _write_rows(out, conn, f"SELECT row_to_json(t)::text FROM {quote(schema)}.{quote(table)} t", {})
        out.write("}}")
    path.chmod(0o600)
    return path


def _tables_with_tenant_id(conn: Connection) -> set[str]:
    return set(
        conn.execute(
            text("SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'tenant_id'")
        ).scalars()
    )


def _write_rows(out: IO[str], conn: Connection, sql: str, params: dict[str, Any]) -> None:
    """Write the JSON texts returned by ``sql`` as a JSON array, streaming them from the server."""
    rows = conn.execute(text(sql), params, execution_options={"stream_results": True, "yield_per": 1000}).scalars()
    out.write("[")
    for position, row in enumerate(rows):
        out.write(f"{',' if position else ''}\n{row}")
    out.write("]")
