"""The sweeper: events left behind get queued again, so every stored event is processed eventually.

An event is left behind when its enqueue failed (Redis was down), when a
worker died holding it, or when it failed and its backoff has passed. The
scheduler runs ``sweep_inbound_events`` every ``SWEEP_EVERY_SECONDS``, which
also deletes processed events older than ``store.RETENTION``;
``atrium events sweep`` runs one pass by hand.
"""

from __future__ import annotations

import logging

from atrium.channels.processing import INBOUND_PRIORITY, INBOUND_QUEUE, enqueue
from atrium.channels.store import lease_due, purge_processed
from atrium.workers.actors import actor

log = logging.getLogger(__name__)

SWEEP_EVERY_SECONDS = 15
BATCH = 500


@actor(queue_name=INBOUND_QUEUE, priority=INBOUND_PRIORITY, max_retries=0, time_limit=300_000)
def sweep_inbound_events() -> None:
    """Queue again every pending or failed event whose next attempt is due; drop old processed ones."""
    sweep()
    purged = purge_processed()
    if purged:
        log.info("old processed inbound events deleted", extra={"events": purged})


def sweep(limit: int = 20 * BATCH) -> int:
    """One sweeper pass over at most ``limit`` due events; return how many were queued."""
    queued = 0
    while queued < limit:
        due = lease_due(min(BATCH, limit - queued))
        done = enqueue(due)
        queued += done
        if done < len(due) or len(due) < BATCH:
            break
    if queued:
        log.info("sweeper queued inbound events", extra={"events": queued})
    return queued
