"""Worker process runtime: import every actor, bind it to the broker, consume until stopped."""

from __future__ import annotations

import importlib
import logging
import signal
import threading

import dramatiq

from atrium.workers.actors import declared_actors
from atrium.workers.broker import get_broker

log = logging.getLogger(__name__)

CORE_ACTOR_MODULES: tuple[str, ...] = (
    "atrium.inbox.dispatch",
    "atrium.channels.processing",
    "atrium.channels.sweeper",
    "atrium.inbox.outbound",
    "atrium.inbox.sweeper",
    "atrium.outbound_webhooks.deliveries",
)


def load_actor_modules() -> None:
    """Import the core's actor modules and every plugin (whose modules declare theirs)."""
    from atrium.plugins.manager import get_plugin_manager

    for name in CORE_ACTOR_MODULES:
        importlib.import_module(name)
    get_plugin_manager()


def bind_all() -> list[str]:
    """Declare every known actor on the broker; return their queue names."""
    load_actor_modules()
    return sorted({ref.bind().queue_name for ref in declared_actors()})


class Worker(dramatiq.Worker):
    """A Dramatiq worker that detaches from the broker when it stops.

    Dramatiq's worker leaves its middleware on the broker, which would start
    consumers for a stopped worker whenever a queue is declared later (and
    then hold that queue's messages): a process that starts a worker again
    (tests, a restart in place) must not inherit that.
    """

    def stop(self, timeout: int = 600_000) -> None:
        """Stop consuming, wait up to ``timeout`` ms for running jobs, and detach from the broker."""
        super().stop(timeout)
        self.broker.middleware[:] = [m for m in self.broker.middleware if getattr(m, "worker", None) is not self]


def start_worker(threads: int = 8) -> Worker:
    """Start a worker consuming every actor's queue (in this process's threads)."""
    queues = bind_all()
    worker = Worker(get_broker(), worker_threads=threads)
    worker.start()
    log.info("worker started", extra={"queues": queues, "threads": threads})
    return worker


def run_worker(threads: int = 8) -> None:
    """Run a worker until SIGINT/SIGTERM, then stop it gracefully."""
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    worker = start_worker(threads)
    stop.wait()
    worker.stop(timeout=10_000)
    log.info("worker stopped")
