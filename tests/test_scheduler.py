"""The scheduler: per-tenant jobs reach only the tenants that enabled the plugin; one leader fires each round once."""

from __future__ import annotations

import uuid

import pytest

from atrium.cache import get_redis
from atrium.plugins import PeriodicJob, actor, current_tenant, hookimpl
from atrium.plugins.manager import get_plugin_manager
from atrium.workers import scheduler
from atrium.workers.broker import get_broker

SEEN = "test-scheduler:seen"
RUNS = "test-scheduler:runs"


@actor(max_retries=0)
def note_tenant() -> None:
    """Record the tenant this run is bound to."""
    get_redis().sadd(SEEN, current_tenant().slug)


@actor(max_retries=0)
def count_run() -> None:
    """Count runs of a platform-wide job."""
    get_redis().incr(RUNS)


class Scheduled:
    """A plugin with a per-tenant job and a platform-wide one."""

    @hookimpl
    def register_periodic_jobs(self):
        return [PeriodicJob(note_tenant, every_seconds=300, per_tenant=True), PeriodicJob(count_run, every_seconds=60)]


@pytest.fixture()
def plugin_id(app):
    plugin_id = f"sched-{uuid.uuid4().hex[:8]}"
    get_redis().delete(SEEN, RUNS)
    with get_plugin_manager().installed(Scheduled(), plugin_id):
        yield plugin_id
    for me in ("one", "two"):
        scheduler.release_lease(me)


def _jobs(plugin_id: str, actor_ref) -> list:
    return [(p, job) for p, job in scheduler.collect_jobs() if p == plugin_id and job.actor is actor_ref]


def _drain(worker) -> None:
    get_broker().join("default", timeout=30_000)
    worker.join()


def test_per_tenant_jobs_run_once_for_each_tenant_that_enabled_the_plugin(plugin_id, tenant_factory, worker):
    on_a, off, on_b = tenant_factory(), tenant_factory(), tenant_factory()
    for company in (on_a, on_b):
        assert company.post(f"/api/v1/plugins/{plugin_id}/enable").status_code == 200

    assert scheduler.tick(_jobs(plugin_id, note_tenant), "one", now=10_000.0) == [note_tenant.actor_name]
    _drain(worker)

    assert get_redis().smembers(SEEN) == {on_a.slug, on_b.slug}
    assert off.slug not in get_redis().smembers(SEEN)


def test_a_disabled_plugin_gets_no_more_runs(plugin_id, tenant_factory, worker):
    company = tenant_factory()
    company.post(f"/api/v1/plugins/{plugin_id}/enable")
    company.post(f"/api/v1/plugins/{plugin_id}/disable")
    scheduler.tick(_jobs(plugin_id, note_tenant), "one", now=10_000.0)
    _drain(worker)
    assert get_redis().smembers(SEEN) == set()


def test_two_schedulers_fire_each_round_once_and_the_second_takes_over_when_the_leader_stops(plugin_id, worker):
    jobs = _jobs(plugin_id, count_run)
    fired = []
    for now in (1000.0, 1030.0, 1060.0, 1090.0, 1120.0):  # every 60 s: due at 1000, 1060 and 1120
        fired.append((scheduler.tick(jobs, "one", now=now), scheduler.tick(jobs, "two", now=now)))
    assert [bool(a) for a, _ in fired] == [True, False, True, False, True]
    assert all(b == [] for _, b in fired)

    scheduler.release_lease("one")  # the leader stops
    assert scheduler.tick(jobs, "two", now=1150.0) == []  # not due yet: the new leader knows the last round
    assert scheduler.tick(jobs, "two", now=1180.0) == [count_run.actor_name]
    assert scheduler.tick(jobs, "one", now=1300.0) == []  # "two" leads now
    _drain(worker)

    assert get_redis().get(RUNS) == "4"
