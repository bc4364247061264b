"""``atrium migrate``: the shared schema, then every tenant schema in parallel.

Each tenant is upgraded in its own transaction in a pool of worker processes
(``ATRIUM_MIGRATE_WORKERS``, default: CPU count), with a progress bar. A
tenant that fails is rolled back, reported and does not stop the others; a
re-run picks up exactly the tenants that are not at the heads yet.
"""

from __future__ import annotations

import logging
import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field

from sqlalchemy import select
from tqdm import tqdm

from atrium.db.session import dispose_engines, get_engine, public_session
from atrium.migrate.runner import plugin_migration_locations, upgrade_public, upgrade_tenant

log = logging.getLogger(__name__)


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


def tenant_schemas(only: list[str] | None = None) -> list[str]:
    """Schema names of active tenants (optionally only those with slugs in ``only``)."""
    from atrium.tenancy.models import Tenant

    with public_session() as db:
        stmt = select(Tenant.schema_name).where(Tenant.status == "active").order_by(Tenant.created_at)
        if only:
            stmt = stmt.where(Tenant.slug.in_(only))
        return list(db.scalars(stmt))


def _migrate_one(schema: str, locations: tuple[str, ...]) -> tuple[str, int, str | None]:
    try:
        with get_engine().begin() as conn:
            return schema, upgrade_tenant(conn, schema, locations), None
    except Exception as exc:  # reported per tenant; the fleet goes on
        return schema, 0, f"{type(exc).__name__}: {exc}".splitlines()[0][:500]


def _init_worker() -> None:
    dispose_engines()


def migrate_tenants(schemas: list[str], workers: int, progress: bool = True) -> FleetReport:
    """Upgrade ``schemas`` to the tenant heads with ``workers`` processes."""
    report = FleetReport(total=len(schemas))
    started = time.perf_counter()
    locations = plugin_migration_locations()
    bar = tqdm(total=len(schemas), unit="tenant", desc="tenants", disable=not progress)

    def record(schema: str, applied: int, error: str | None) -> None:
        if error:
            report.failed[schema] = error
            log.error("tenant migration failed", extra={"schema": schema, "error": error})
        elif applied:
            report.upgraded += 1
        else:
            report.unchanged += 1
        bar.update(1)

    if workers <= 1 or len(schemas) <= 1:
        for schema in schemas:
            record(*_migrate_one(schema, locations))
    else:
        dispose_engines()
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker) as pool:
            futures = [pool.submit(_migrate_one, schema, locations) for schema in schemas]
            for future in as_completed(futures):
                record(*future.result())
    bar.close()
    report.seconds = time.perf_counter() - started
    return report
