"""The web server: gunicorn with gevent workers, so an idle SSE stream costs a greenlet, not a thread.

``atrium web`` runs ``python -m atrium.realtime.server`` as a child process.
That fresh gunicorn master imports neither the app nor psycopg, redis or
SQLAlchemy: each worker monkey-patches the standard library first (gunicorn's
gevent worker does it on start) and only then builds the app, so psycopg
(which picks its wait function when imported), redis and the connection
pool all yield to other greenlets while they wait.
"""

from __future__ import annotations

import argparse
import gc
import signal
import subprocess
import sys

from gunicorn.app.base import BaseApplication


def _close_streams_on_shutdown(worker) -> None:
    """gunicorn ``post_worker_init`` hook: when the worker is told to stop, end its SSE streams.

    gunicorn waits for open connections before a worker exits; streams never
    finish by themselves, so they are ended and browsers reconnect elsewhere.
    """
    import gevent

    from atrium.realtime.hub import close_hub

    def watch() -> None:
        while worker.alive:
            gevent.sleep(0.5)
        close_hub()

    gevent.spawn(watch)


class WebServer(BaseApplication):
    """gunicorn serving ``create_app()`` with gevent workers."""

    def __init__(self, host: str, port: int, workers: int, worker_connections: int) -> None:
        self.options = {
            "bind": f"{host}:{port}",
            "workers": workers,
            "worker_class": "gevent",
            "worker_connections": worker_connections,
            "accesslog": None,
            "control_socket_disable": True,
            "graceful_timeout": 10,
            "post_worker_init": _close_streams_on_shutdown,
        }
        super().__init__()

    def load_config(self) -> None:
        """Apply the options to gunicorn's configuration."""
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        """Build the app, in the worker, after gevent patched the standard library."""
        from atrium import logs
        from atrium.app import create_app
        from atrium.config import get_settings

        logs.configure(get_settings().log_level)
        app = create_app()
        gc.freeze()  # the app's long-lived objects: out of every later collection's walk
        return app


def serve(host: str, port: int, workers: int, worker_connections: int) -> int:
    """Run the server in a child process until it exits; forward SIGINT/SIGTERM to it."""
    child = subprocess.Popen(
        [sys.executable, "-m", "atrium.realtime.server", host, str(port), str(workers), str(worker_connections)]
    )
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda number, _frame: child.send_signal(number))
    return child.wait()


def main(argv: list[str] | None = None) -> None:
    """Entry point of the child process: ``HOST PORT WORKERS WORKER_CONNECTIONS``."""
    parser = argparse.ArgumentParser(prog="python -m atrium.realtime.server")
    parser.add_argument("host")
    parser.add_argument("port", type=int)
    parser.add_argument("workers", type=int)
    parser.add_argument("worker_connections", type=int)
    args = parser.parse_args(argv)
    WebServer(args.host, args.port, args.workers, args.worker_connections).run()


if __name__ == "__main__":
    main()
