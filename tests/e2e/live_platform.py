"""The real platform for browser tests and the panel benchmark: ``atrium web`` and ``atrium worker`` subprocesses.

They run with this process's environment (``DATABASE_URL``, ``REDIS_URL``,
secrets: the embedded stack's) plus ``extra_env``; the web server is gunicorn
with a gevent worker, as in production, on a free port of 127.0.0.1, serving
the built panel from ``frontend/dist``. Their logs go to files in ``logs``.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

START_TIMEOUT = 90.0
DRAIN_TIMEOUT = 30.0


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class LivePlatform:
    """The running platform: its base URL and where its processes log."""

    url: str
    logs: Path

    def log_tail(self, lines: int = 40) -> str:
        """The last lines of every process's log (for failure messages)."""
        parts = []
        for path in sorted(self.logs.glob("*.log")):
            text = path.read_text(errors="replace").splitlines()[-lines:]
            parts.append(f"--- {path.name}\n" + "\n".join(text))
        return "\n".join(parts)


def _spawn(name: str, args: list[str], env: dict[str, str], logs: Path) -> subprocess.Popen:
    out = open(logs / f"{name}.log", "ab")  # noqa: SIM115 - closed when the process is stopped
    return subprocess.Popen(
        [sys.executable, "-m", "atrium.cli", "--no-embedded", *args],
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    if process.stdout:
        process.stdout.close()


def _wait_ready(platform: LivePlatform, processes: dict[str, subprocess.Popen]) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        dead = [name for name, process in processes.items() if process.poll() is not None]
        if dead:
            raise RuntimeError(f"`atrium {dead[0]}` exited while starting:\n{platform.log_tail()}")
        try:
            if httpx.get(f"{platform.url}/readyz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"the platform was not ready after {START_TIMEOUT:.0f} s:\n{platform.log_tail()}")
        time.sleep(0.2)


def _pending_jobs(redis) -> int:
    """Jobs waiting or running in any Dramatiq queue (namespace ``atrium``), dead letters aside."""
    keys = [k for k in redis.scan_iter(match="atrium:*.msgs", count=1000) if not k.endswith(b".XQ.msgs")]
    return sum(redis.hlen(key) for key in keys)


def _drain() -> None:
    """Until the worker has finished every job (for up to ``DRAIN_TIMEOUT`` s), so none is left behind."""
    import redis

    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    deadline = time.monotonic() + DRAIN_TIMEOUT
    try:
        while _pending_jobs(client) and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        client.close()


@contextmanager
def live_platform(logs: Path, extra_env: dict[str, str] | None = None) -> Iterator[LivePlatform]:
    """Run ``atrium web`` (1 gevent worker) and ``atrium worker`` until the block ends; yield once ready.

    On the way out the worker first finishes the jobs the block caused (the test process's Redis
    is shared with the tests that run after it).
    """
    logs.mkdir(parents=True, exist_ok=True)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "ATRIUM_PUBLIC_URL": url, "ATRIUM_LOG_LEVEL": "WARNING", **(extra_env or {})}
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    platform = LivePlatform(url, logs)
    processes = {
        "web": _spawn("web", ["web", "--host", "127.0.0.1", "--port", str(port), "--workers", "1"], env, logs),
        "worker": _spawn("worker", ["worker", "--threads", "4"], env, logs),
    }
    try:
        _wait_ready(platform, processes)
        yield platform
        _drain()
    finally:
        for process in processes.values():
            _stop(process)
