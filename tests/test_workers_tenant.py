"""Jobs run bound to the tenant that enqueued them, and a job enqueued with no tenant reaches no tenant table."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import ProgrammingError

from atrium.cache import get_redis
from atrium.db.session import public_session, tenant_session
from atrium.plugins import actor, tenant_context
from atrium.tenancy.context import current_tenant_or_none
from atrium.tenancy.models import Tenant, TenantConfig
from atrium.workers.broker import get_broker


@actor(max_retries=0)
def record_tenant(probe: str, n: int = 0) -> None:
    """Write what the job sees: its tenant (a row in that tenant's schema) or, with none, whether tenant tables are visible."""
    tenant = current_tenant_or_none()
    redis = get_redis()
    if tenant is not None:
        with tenant_session(tenant.schema) as db:
            db.add(TenantConfig(key=f"{probe}:{n}", value={"slug": tenant.slug}))
        redis.rpush(probe, tenant.slug)
        return
    try:
        with public_session() as db:
            db.execute(text("SELECT count(*) FROM tenant_config"))
        redis.rpush(probe, "none: tenant tables visible")
    except ProgrammingError:
        redis.rpush(probe, "none: tenant tables invisible")


def _ref(company):
    with public_session() as db:
        return db.scalar(select(Tenant).where(Tenant.slug == company.slug)).ref()


def _drain(worker) -> None:
    get_broker().join(record_tenant.queue_name, timeout=30_000)
    worker.join()


def _probe_rows(tenant) -> list[str]:
    with tenant_session(tenant.schema) as db:
        return list(db.scalars(select(TenantConfig.key).where(TenantConfig.key.like("probe-%"))))


@pytest.fixture()
def probe():
    key = f"probe-{uuid.uuid4().hex}"
    yield key
    get_redis().delete(key)


def test_a_job_enqueued_for_a_tenant_runs_in_that_tenant_schema(tenant_factory, worker, probe):
    a, b = _ref(tenant_factory()), _ref(tenant_factory())
    with tenant_context(a):
        record_tenant.send(probe)
    _drain(worker)

    assert get_redis().lrange(probe, 0, -1) == [a.slug]
    assert _probe_rows(a) == [f"{probe}:0"]
    assert _probe_rows(b) == []


def test_a_job_enqueued_without_a_tenant_cannot_see_tenant_tables(tenant_factory, worker, probe):
    a = _ref(tenant_factory())
    for n in range(3):  # interleaved on the same worker threads: no tenant leaks from one job to the next
        with tenant_context(a):
            record_tenant.send(probe, n)
        record_tenant.send(probe, n)
    _drain(worker)

    seen = get_redis().lrange(probe, 0, -1)
    assert sorted(seen) == sorted([a.slug] * 3 + ["none: tenant tables invisible"] * 3)
    assert len(_probe_rows(a)) == 3
