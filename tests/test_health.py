"""Probes: /healthz (process up), /readyz (PostgreSQL and Redis answer), /metrics (Prometheus)."""

import os
import re

import pytest


def test_healthz_answers_while_the_process_is_up(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_readyz_is_200_when_postgres_and_redis_answer(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "checks": {"postgres": "ok", "redis": "ok"}}


@pytest.fixture()
def unreachable(request, atrium_stack):
    """Point ``DATABASE_URL`` or ``REDIS_URL`` (the test's parameter) at a closed port for one test."""
    from atrium.config import get_settings

    name, url = request.param
    saved = os.environ[name]
    os.environ[name] = url
    get_settings.cache_clear()
    yield name
    os.environ[name] = saved
    get_settings.cache_clear()


@pytest.mark.parametrize(
    ("unreachable", "check"),
    [
        (("REDIS_URL", "redis://127.0.0.1:1/0"), "redis"),
        (("DATABASE_URL", "postgresql+psycopg://atrium@127.0.0.1:1/atrium"), "postgres"),
    ],
    indirect=["unreachable"],
)
def test_readyz_is_503_when_a_dependency_is_down(client, unreachable, check):
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["status"] == "unavailable"
    assert body["checks"][check].startswith("error")
    assert client.get("/healthz").status_code == 200, "the process itself is still up"


def test_readyz_recovers_once_the_dependency_is_back(client):
    assert client.get("/readyz").status_code == 200


def test_metrics_expose_request_counts_in_prometheus_text(client):
    client.get("/healthz")
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    text = response.get_data(as_text=True)
    assert "# TYPE atrium_http_requests_total counter" in text
    samples = re.findall(r"^atrium_http_requests_total\{(.*)\} ([0-9.e+]+)$", text, re.MULTILINE)
    healthz = [
        float(value)
        for labels, value in samples
        if {'endpoint="/healthz"', 'method="GET"', 'status="200"'} <= set(labels.split(","))
    ]
    assert healthz and healthz[0] >= 1
    assert "atrium_http_request_seconds_bucket" in text
