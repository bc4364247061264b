"""The inbox's own hook implementations, registered like a plugin's (see ``CORE_PLUGINS``)."""

from __future__ import annotations

from atrium.plugins.hookspecs import hookimpl
from atrium.workers.scheduler import PeriodicJob


@hookimpl(trylast=True)
def register_periodic_jobs():
    """The outbound sweeper (scheduled messages, lost jobs, interrupted sends), for every tenant."""
    from atrium.inbox.sweeper import SWEEP_EVERY_SECONDS, sweep_outbound

    return [PeriodicJob(sweep_outbound, every_seconds=SWEEP_EVERY_SECONDS, per_tenant=True)]
