"""``atrium migrate``: the shared schema, then every tenant schema in parallel.

One query finds the schemas already at the heads; they are skipped. For
the others, the upgrade from each distinct starting point is rendered to
SQL once (see ``runner``) and replayed per schema by a pool of forked
worker processes (``ATRIUM_MIGRATE_WORKERS``, default: CPU count), in small
chunks, each schema in its own transaction, with a progress bar. A tenant
that fails is rolled back, reported and does not stop the others; a re-run
(after an error or an interruption) picks up exactly the schemas that are
not current.
"""

from __future__ import annotations

import logging
import math
import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field

from sqlalchemy import select
from tqdm import tqdm

from atrium.db.session import dispose_engines, get_engine, public_session
from atrium.migrate.runner import (
    RenderedUpgrade,
    plugin_migration_locations,
    render_tenant_upgrade,
    schema_revisions,
    tenant_heads,
    upgrade_public,
    upgrade_tenant,
)

log = logging.getLogger(__name__)

MAX_CHUNK = 16


@dataclass
class FleetReport:
    """What a fleet migration did."""

    total: int = 0
    upgraded: int = 0
    unchanged: int = 0
    failed: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """True when no tenant failed."""
        return not self.failed


def migrate_public() -> int:
    """Upgrade the shared schema; return the number of revisions applied."""
    with get_engine().begin() as conn:
        return upgrade_public(conn)


class UnknownTenants(LookupError):
    """Some requested slugs are not tenants."""


def tenant_schemas(only: list[str] | None = None) -> list[str]:
    """Schema names of every tenant, oldest first (or only of the tenants with slugs in ``only``)."""
    from atrium.tenancy.models import Tenant

    with public_session() as db:
        stmt = select(Tenant.slug, Tenant.schema_name).order_by(Tenant.created_at, Tenant.slug)
        if only:
            stmt = stmt.where(Tenant.slug.in_(only))
        rows = db.execute(stmt).all()
    missing = sorted(set(only or ()) - {slug for slug, _ in rows})
    if missing:
        raise UnknownTenants(f"no such tenant: {', '.join(missing)}")
    return [schema for _, schema in rows]


Pending = tuple[str, frozenset[str]]  # a schema and the revisions it is at


def outdated_schemas(schemas: list[str], locations: tuple[str, ...]) -> list[Pending]:
    """The schemas of ``schemas`` not exactly at the tenant heads, with their revisions (same order)."""
    heads = tenant_heads(locations)
    with get_engine().connect() as conn:
        current = schema_revisions(conn, schemas)
    return [(schema, current.get(schema, frozenset())) for schema in schemas if current.get(schema) != heads]


def _migrate_chunk(
    chunk: list[Pending], upgrades: dict[frozenset[str], RenderedUpgrade | None], locations: tuple[str, ...]
) -> list[tuple[str, int, str | None]]:
    results = []
    for schema, start in chunk:
        try:
            with get_engine().begin() as conn:
                # No WAL flush wait per schema: a crash can only lose the last commits, which a re-run redoes.
                conn.exec_driver_sql("SET LOCAL synchronous_commit TO off")
                applied = upgrade_tenant(conn, schema, locations, upgrades.get(start))
            results.append((schema, applied, None))
        except Exception as exc:  # reported per tenant; the fleet goes on
            results.append((schema, 0, f"{type(exc).__name__}: {exc}".splitlines()[0][:500]))
    return results


def _chunks(pending: list[Pending], workers: int) -> list[list[Pending]]:
    size = max(1, min(MAX_CHUNK, math.ceil(len(pending) / (workers * 4))))
    return [pending[i : i + size] for i in range(0, len(pending), size)]


def migrate_tenants(schemas: list[str], workers: int, progress: bool = True) -> FleetReport:
    """Upgrade ``schemas`` to the tenant heads with ``workers`` processes; skip those already current."""
    started = time.perf_counter()
    locations = plugin_migration_locations()
    pending = outdated_schemas(schemas, locations)
    upgrades = {start: render_tenant_upgrade(start, locations) for start in {start for _, start in pending}}
    report = FleetReport(total=len(schemas), unchanged=len(schemas) - len(pending))
    bar = tqdm(total=len(schemas), initial=report.unchanged, unit="tenant", desc="tenants", disable=not progress or not schemas)

    def record(results: list[tuple[str, int, str | None]]) -> None:
        for schema, applied, error in results:
            if error:
                report.failed[schema] = error
                log.error("tenant migration failed", extra={"schema": schema, "error": error})
            elif applied:
                report.upgraded += 1
            else:
                report.unchanged += 1
        bar.update(len(results))

    chunks = _chunks(pending, max(workers, 1))
    if workers <= 1 or len(chunks) <= 1:
        for chunk in chunks:
            record(_migrate_chunk(chunk, upgrades, locations))
    else:
        dispose_engines()
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=dispose_engines) as pool:
            futures = {pool.submit(_migrate_chunk, chunk, upgrades, locations): chunk for chunk in chunks}
            for future in as_completed(futures):
                try:
                    record(future.result())
                except Exception as exc:  # a worker process died: its chunk is reported, not lost
                    record([(schema, 0, f"worker failed: {exc!r}"[:500]) for schema, _ in futures[future]])
    bar.close()
    report.seconds = time.perf_counter() - started
    return report
