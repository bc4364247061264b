"""The ceiling of webhook ingest: a minimal Flask handler that checks Meta's HMAC and inserts one row.

``bench/webhook_ingest.py`` serves it with gunicorn under the same settings
as ``atrium web`` (gevent workers, as many, as many connections) and compares
Atrium's intake with it. It reads ``DATABASE_URL`` and ``BENCH_APP_SECRET``;
the table ``bench_ceiling`` must exist.
"""

from __future__ import annotations

import hashlib
import hmac
import os

from flask import Flask, Response, abort, request
from sqlalchemy import create_engine, text

SECRET = os.environ["BENCH_APP_SECRET"].encode()
engine = create_engine(os.environ["DATABASE_URL"], pool_size=10, max_overflow=20)  # Atrium's pool size
INSERT = text("INSERT INTO public.bench_ceiling (body) VALUES (:body)")
app = Flask(__name__)


@app.get("/healthz")
def healthz() -> Response:
    """The process is up (the benchmark waits for it)."""
    return Response('{"status":"ok"}', mimetype="application/json")


@app.post("/webhook")
def webhook() -> Response:
    """200 once the signed body is stored; 403 for a bad signature."""
    body = request.get_data()
    expected = "sha256=" + hmac.new(SECRET, body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, request.headers.get("X-Hub-Signature-256", "")):
        abort(403)
    with engine.begin() as conn:
        conn.execute(INSERT, {"body": body})
    return Response('{"status":"received"}', mimetype="application/json")
