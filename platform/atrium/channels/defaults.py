"""The core's own hook implementations for the inbound path, registered like a plugin's.

``atrium.plugins.manager`` registers this module with every plugin manager,
so the scheduler runs the sweeper and the command line gains
``atrium events`` through the same hooks a plugin uses.
"""

from __future__ import annotations

from atrium.plugins.hookspecs import hookimpl
from atrium.workers.scheduler import PeriodicJob


@hookimpl(trylast=True)
def register_periodic_jobs():
    """The inbound sweeper, every ``SWEEP_EVERY_SECONDS``."""
    from atrium.channels.sweeper import SWEEP_EVERY_SECONDS, sweep_inbound_events

    return [PeriodicJob(sweep_inbound_events, every_seconds=SWEEP_EVERY_SECONDS)]


@hookimpl(trylast=True)
def register_commands(cli):
    """``atrium events list|show|replay|sweep``."""
    from atrium.channels.cli import events

    cli.add_command(events)
