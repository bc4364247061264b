"""Pytest fixtures for Atrium and its plugins: a real embedded stack, the app, tenants, a worker.

Installed as a pytest plugin (entry point ``pytest11``), so a plugin's own
test suite gets them too. Nothing starts unless a fixture is used.

- ``atrium_stack``: a fresh PostgreSQL (pgvector) and Redis for the session,
  the shared schema migrated; ``DATABASE_URL``/``REDIS_URL`` point at them.
- ``app`` / ``client``: the web app built by ``create_app`` and its test client.
- ``tenant_factory``: signs up a company through the API and returns a ``TenantClient``.
- ``worker``: a Dramatiq worker running in this process while the test runs.
"""

from __future__ import annotations

import itertools
import os
import uuid
from dataclasses import dataclass

import pytest
from cryptography.fernet import Fernet

_counter = itertools.count(1)


def reset_process_state() -> None:
    """Forget cached settings, engines, Redis clients, the broker, the plugin manager and what it contributed."""
    from atrium import cache, config
    from atrium.channels.registry import adapters
    from atrium.db.session import dispose_engines
    from atrium.migrate import runner
    from atrium.plugins.manager import get_plugin_manager
    from atrium.workers.broker import reset_broker

    config.get_settings.cache_clear()
    dispose_engines()
    cache._client.cache_clear()
    reset_broker()
    get_plugin_manager.cache_clear()
    adapters.cache_clear()
    runner._script.cache_clear()
    runner.render_tenant_upgrade.cache_clear()


@pytest.fixture(scope="session")
def atrium_stack(tmp_path_factory):
    """Start an embedded PostgreSQL and Redis for this test session and migrate the shared schema."""
    from atrium.embedded import start_postgres, start_redis, stop_all

    base = tmp_path_factory.mktemp("atrium")
    saved = {k: os.environ.get(k) for k in ("DATABASE_URL", "REDIS_URL", "ATRIUM_SECRET_KEYS", "ATRIUM_JWT_SECRET", "ATRIUM_VAR_DIR")}
    os.environ["DATABASE_URL"] = start_postgres(base / "pg")
    os.environ["REDIS_URL"] = start_redis(base / "redis")
    os.environ["ATRIUM_SECRET_KEYS"] = Fernet.generate_key().decode()
    os.environ["ATRIUM_JWT_SECRET"] = "test-" + uuid.uuid4().hex + uuid.uuid4().hex
    os.environ["ATRIUM_VAR_DIR"] = str(base / "var")
    reset_process_state()
    from atrium.migrate.fleet import migrate_public

    migrate_public()
    yield base
    reset_process_state()
    stop_all(save=False)
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(scope="session")
def app(atrium_stack):
    """The web app on the session's stack."""
    from atrium.app import create_app

    return create_app({"TESTING": True})


@pytest.fixture()
def client(app):
    """A Flask test client."""
    return app.test_client()


@dataclass
class TenantClient:
    """A signed-up company: its slug, tokens and a client that sends its bearer token."""

    client: object
    slug: str
    email: str
    password: str
    access_token: str
    refresh_token: str
    tenant_id: str

    @property
    def headers(self) -> dict[str, str]:
        """``Authorization`` header for this tenant's owner."""
        return {"Authorization": f"Bearer {self.access_token}"}

    def request(self, method: str, path: str, **kwargs):
        """Send a request as the owner."""
        headers = {**self.headers, **kwargs.pop("headers", {})}
        return self.client.open(path, method=method.upper(), headers=headers, **kwargs)

    def get(self, path: str, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs):
        return self.request("POST", path, **kwargs)

    def put(self, path: str, **kwargs):
        return self.request("PUT", path, **kwargs)

    def patch(self, path: str, **kwargs):
        return self.request("PATCH", path, **kwargs)

    def delete(self, path: str, **kwargs):
        return self.request("DELETE", path, **kwargs)


@pytest.fixture()
def tenant_factory(app):
    """Call with optional ``blueprint``/``slug`` to sign up a new company through the API."""

    def make(blueprint: str | None = None, slug: str | None = None) -> TenantClient:
        n = next(_counter)
        slug = slug or f"co-{uuid.uuid4().hex[:8]}-{n}"
        email, password = f"owner-{slug}@example.com", "correct horse battery"
        body = {"company": f"Company {n}", "slug": slug, "name": "Owner", "email": email, "password": password}
        if blueprint:
            body["blueprint"] = blueprint
        client = app.test_client()
        response = client.post("/api/v1/signup", json=body)
        assert response.status_code == 201, response.get_json()
        data = response.get_json()
        return TenantClient(client, slug, email, password, data["access_token"], data["refresh_token"], data["tenant"]["id"])

    return make


@pytest.fixture()
def worker(atrium_stack):
    """A Dramatiq worker consuming every queue in this process for the duration of the test."""
    from atrium.workers.broker import get_broker
    from atrium.workers.runtime import start_worker

    running = start_worker(threads=2)
    yield running
    running.stop(timeout=5_000)
    get_broker().flush_all()  # the test's leftovers (retries due in minutes) must not reach the next test's worker
