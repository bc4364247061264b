"""The scheduler: enqueues periodic jobs registered by the core and by plugins.

Several scheduler processes may run; a Redis lease elects one leader, and the
time each job last ran is kept in Redis so a restart does not fire it twice.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import uuid
from dataclasses import dataclass

from sqlalchemy import select

from atrium.cache import get_redis
from atrium.db.session import public_session
from atrium.tenancy.context import tenant_context
from atrium.workers.actors import ActorRef

log = logging.getLogger(__name__)

LEASE_KEY = "atrium:scheduler:leader"
LEASE_MS = 10_000


@dataclass(frozen=True)
class PeriodicJob:
    """Enqueue ``actor`` every ``every_seconds``; with ``per_tenant``, once for each
    tenant that enabled the registering plugin, bound to that tenant."""

    actor: ActorRef
    every_seconds: float
    per_tenant: bool = False


def collect_jobs() -> list[tuple[str, PeriodicJob]]:
    """``(plugin id, job)`` for every job registered through ``register_periodic_jobs``."""
    from atrium.plugins.manager import get_plugin_manager

    return [(plugin_id, job) for plugin_id, jobs in get_plugin_manager().call_by_plugin("register_periodic_jobs").items() for job in jobs]


def _tenants_with(plugin_id: str):
    from atrium.plugins.models import TenantPlugin
    from atrium.tenancy.models import Tenant

    with public_session() as db:
        rows = db.scalars(
            select(Tenant).join(TenantPlugin, TenantPlugin.tenant_id == Tenant.id).where(
                TenantPlugin.plugin_id == plugin_id, Tenant.status == "active"
            )
        )
        return [t.ref() for t in rows]


def enqueue(plugin_id: str, job: PeriodicJob) -> int:
    """Enqueue one round of ``job``; return how many messages were sent."""
    if not job.per_tenant:
        job.actor.send()
        return 1
    tenants = _tenants_with(plugin_id)
    for tenant in tenants:
        with tenant_context(tenant):
            job.actor.send()
    return len(tenants)


def tick(jobs: list[tuple[str, PeriodicJob]], me: str, now: float | None = None) -> list[str]:
    """One scheduler pass: if this process holds the lease, enqueue the jobs that are due."""
    redis = get_redis()
    now = time.time() if now is None else now
    if not (redis.set(LEASE_KEY, me, nx=True, px=LEASE_MS) or redis.get(LEASE_KEY) == me):
        return []
    redis.pexpire(LEASE_KEY, LEASE_MS)
    fired = []
    for plugin_id, job in jobs:
        key = f"atrium:scheduler:last:{job.actor.actor_name}"
        last = float(redis.get(key) or 0)
        if now - last >= job.every_seconds:
            redis.set(key, now)
            count = enqueue(plugin_id, job)
            log.info("periodic job enqueued", extra={"job": job.actor.actor_name, "messages": count})
            fired.append(job.actor.actor_name)
    return fired


def run(stop: threading.Event, interval: float = 1.0) -> None:
    """Run scheduler passes every ``interval`` seconds until ``stop`` is set."""
    jobs = collect_jobs()
    me = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
    log.info("scheduler started", extra={"jobs": [j.actor.actor_name for _, j in jobs]})
    while not stop.is_set():
        try:
            tick(jobs, me)
        except Exception:
            log.exception("scheduler pass failed")
        stop.wait(interval)
    redis = get_redis()
    if redis.get(LEASE_KEY) == me:
        redis.delete(LEASE_KEY)
