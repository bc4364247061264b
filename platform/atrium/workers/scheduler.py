"""The scheduler: enqueues periodic jobs registered by the core and by plugins.

Several scheduler processes may run; a Redis lease elects one leader (taken
and renewed atomically), and the time each job last fired is kept in Redis so
that a restart or a new leader does not fire it twice.
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

# Take the lease if free, or renew it if this scheduler holds it; 1 when held.
_ACQUIRE = """
if redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
if redis.call('get', KEYS[1]) == ARGV[1] then redis.call('pexpire', KEYS[1], ARGV[2]) return 1 end
return 0
"""
# Give the lease up, only if this scheduler holds it.
_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
return 0
"""


@dataclass(frozen=True)
class PeriodicJob:
    """Enqueue ``actor`` every ``every_seconds``; with ``per_tenant``, once for each
    active tenant that enabled the registering plugin (each active tenant, for
    the core's jobs), bound to that tenant."""

    actor: ActorRef
    every_seconds: float
    per_tenant: bool = False


def collect_jobs() -> list[tuple[str, PeriodicJob]]:
    """``(plugin id, job)`` for every job registered through ``register_periodic_jobs``."""
    from atrium.plugins.manager import get_plugin_manager

    return [(plugin_id, job) for plugin_id, jobs in get_plugin_manager().call_by_plugin("register_periodic_jobs").items() for job in jobs]


def _tenants_for(plugin_id: str):
    """Active tenants that enabled ``plugin_id`` (every active tenant for the core's own jobs)."""
    from atrium.plugins.manager import get_plugin_manager
    from atrium.plugins.models import TenantPlugin
    from atrium.tenancy.models import Tenant

    stmt = select(Tenant).where(Tenant.status == "active").order_by(Tenant.created_at)
    if plugin_id in get_plugin_manager().infos:
        stmt = stmt.join(TenantPlugin, TenantPlugin.tenant_id == Tenant.id).where(TenantPlugin.plugin_id == plugin_id)
    with public_session() as db:
        return [t.ref() for t in db.scalars(stmt)]


def enqueue(plugin_id: str, job: PeriodicJob) -> int:
    """Enqueue one round of ``job``; return how many messages were sent."""
    if not job.per_tenant:
        job.actor.send()
        return 1
    tenants = _tenants_for(plugin_id)
    for tenant in tenants:
        with tenant_context(tenant):
            job.actor.send()
    return len(tenants)


def acquire_lease(me: str) -> bool:
    """Take or renew the leader lease for ``me``; False while another scheduler holds it."""
    return bool(get_redis().eval(_ACQUIRE, 1, LEASE_KEY, me, LEASE_MS))


def release_lease(me: str) -> None:
    """Give the lease up (if ``me`` holds it), so another scheduler takes over at once."""
    get_redis().eval(_RELEASE, 1, LEASE_KEY, me)


def tick(jobs: list[tuple[str, PeriodicJob]], me: str, now: float | None = None) -> list[str]:
    """One scheduler pass: if ``me`` holds the lease, enqueue the jobs that are due; return their actor names."""
    if not acquire_lease(me):
        return []
    redis = get_redis()
    now = time.time() if now is None else now
    fired = []
    for plugin_id, job in jobs:
        key = f"atrium:scheduler:last:{plugin_id}:{job.actor.actor_name}"
        last = float(redis.get(key) or 0)
        if now - last >= job.every_seconds:
            redis.set(key, now)
            count = enqueue(plugin_id, job)
            log.info("periodic job enqueued", extra={"plugin": plugin_id, "job": job.actor.actor_name, "messages": count})
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
    release_lease(me)
