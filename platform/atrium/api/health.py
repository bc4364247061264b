"""``/healthz`` (process up), ``/readyz`` (PostgreSQL and Redis answer) and ``/metrics`` (Prometheus)."""

from __future__ import annotations

import os
import time

from flask import Blueprint, Flask, Response, g, request
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest, multiprocess
from sqlalchemy import text

from atrium.cache import get_redis
from atrium.db.session import get_engine

blp = Blueprint("health", __name__)

REQUESTS = Counter("atrium_http_requests_total", "HTTP requests", ["method", "endpoint", "status"])
LATENCY = Histogram("atrium_http_request_seconds", "HTTP request latency", ["method", "endpoint"])


@blp.get("/healthz")
def healthz():
    """The process is up."""
    return {"status": "ok"}


@blp.get("/readyz")
def readyz():
    """200 only when PostgreSQL and Redis both answer; 503 with the failing checks otherwise."""
    checks = {"postgres": _probe(_ping_postgres), "redis": _probe(lambda: get_redis().ping())}
    ready = all(v == "ok" for v in checks.values())
    return {"status": "ok" if ready else "unavailable", "checks": checks}, 200 if ready else 503


def _ping_postgres() -> None:
    with get_engine().connect() as conn:
        conn.execute(text("SELECT 1"))


def _probe(check) -> str:
    """``"ok"``, or ``"error: <type>"`` (never the message: it may hold a URL with a password)."""
    try:
        check()
    except Exception as exc:  # noqa: BLE001 - whatever fails, the process is not ready
        return f"error: {type(exc).__name__}"
    return "ok"


@blp.get("/metrics")
def metrics():
    """Prometheus metrics of this process (or of every worker, in multiprocess mode)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        data = generate_latest(registry)
    else:
        data = generate_latest()
    return Response(data, mimetype=CONTENT_TYPE_LATEST)


def install(app: Flask) -> None:
    """Register the health routes and request metrics on ``app``."""
    app.register_blueprint(blp)

    @app.before_request
    def _start_timer():
        g._started = time.perf_counter()

    @app.after_request
    def _observe(response):
        endpoint = request.url_rule.rule if request.url_rule else "unmatched"
        if endpoint != "/metrics":
            REQUESTS.labels(request.method, endpoint, str(response.status_code)).inc()
            LATENCY.labels(request.method, endpoint).observe(
                time.perf_counter() - g.get("_started", time.perf_counter())
            )
        return response
