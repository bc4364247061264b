"""`atrium web` serves with gunicorn's gevent workers: psycopg, Redis and Flask work, idle streams are cheap."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import httpx
import pytest
from sqlalchemy import select

from atrium.db.session import public_session, tenant_session
from atrium.inbox.events import emit
from atrium.tenancy.context import tenant_context
from atrium.tenancy.models import Tenant

IDLE_STREAMS = 150


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(atrium_stack):
    """``python -m atrium.realtime.server`` with one gevent worker, on the test stack."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "atrium.realtime.server", "127.0.0.1", str(port), "1", "1000"],
        env=dict(os.environ),
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            pass
        assert process.poll() is None, "the server exited"
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.2)
    yield base
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 0


def test_database_and_redis_work_under_gevent(server):
    ready = httpx.get(f"{server}/readyz", timeout=10)

    assert ready.status_code == 200, ready.text
    assert ready.json()["checks"] == {"postgres": "ok", "redis": "ok"}


def test_one_worker_holds_many_idle_streams_and_still_answers(server):
    slug = f"gev-{os.urandom(4).hex()}"
    with httpx.Client(base_url=server, timeout=10, limits=httpx.Limits(max_connections=None, max_keepalive_connections=0)) as client:
        signup = client.post(
            "/api/v1/signup",
            json={"company": "Gevent", "slug": slug, "name": "Owner", "email": f"{slug}@example.com", "password": "correct horse battery"},
        )
        assert signup.status_code == 201, signup.text
        headers = {"Authorization": f"Bearer {signup.json()['access_token']}"}

        streams = [client.send(client.build_request("GET", "/api/v1/events", headers=headers), stream=True) for _ in range(IDLE_STREAMS)]
        try:
            assert {s.status_code for s in streams} == {200}
            me = client.get("/api/v1/auth/me", headers=headers)  # a worker with 8 threads would be stuck here
            assert me.status_code == 200, me.text

            with public_session() as db:
                tenant = db.scalar(select(Tenant).where(Tenant.slug == slug)).ref()
            with tenant_context(tenant), tenant_session(tenant.schema) as db:
                event_id = emit(db, "message.received", {"text": "oi"}).id

            for response in (streams[0], streams[-1]):
                lines = response.iter_lines()
                assert next(line for line in lines if line.startswith("id:")) == f"id: {event_id}"
        finally:
            for response in streams:
                response.close()
