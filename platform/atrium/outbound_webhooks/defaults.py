"""The outbound webhooks' own hook implementations, registered like a plugin's (``CORE_PLUGINS``)."""

from __future__ import annotations

from atrium.plugins.hookspecs import hookimpl
from atrium.workers.scheduler import PeriodicJob


@hookimpl(trylast=True)
def register_periodic_jobs():
    """The delivery sweeper, for every tenant, every ``SWEEP_EVERY_SECONDS``."""
    from atrium.outbound_webhooks.deliveries import SWEEP_EVERY_SECONDS, sweep_webhook_deliveries

    return [PeriodicJob(sweep_webhook_deliveries, every_seconds=SWEEP_EVERY_SECONDS, per_tenant=True)]
