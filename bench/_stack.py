"""Shared pieces of the inbox benchmarks: a throwaway embedded stack running the real servers,
a company with a WhatsApp Cloud channel, and Meta-signed webhook bodies.

``Stack`` starts PostgreSQL and Redis in a temporary directory, points this
process at them, and runs ``atrium web`` (gunicorn, gevent workers, as in
production) and ``atrium worker`` as subprocesses; leaving the ``with`` block
stops everything it started and deletes the directory.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import suppress
from pathlib import Path
from typing import Self

import httpx
from cryptography.fernet import Fernet
from migrate_tenants import machine, percentile, server_cpu_seconds  # one definition for every bench

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
FIXTURE = ROOT / "tests" / "fixtures" / "whatsapp" / "text.json"
APP_SECRET = "bench-app-secret-5f2c"  # the channel's Meta app secret: webhook bodies are signed with it
PASSWORD = "correct horse battery"
WEB_WORKERS = 2  # `atrium web`'s default, one per core here


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def summary(seconds: list[float]) -> dict:
    """Count, p50, p95, p99 and max of ``seconds``, in milliseconds."""
    if not seconds:
        return {"count": 0}
    ms = [s * 1000 for s in seconds]
    return {
        "count": len(ms),
        "p50_ms": round(percentile(ms, 0.50), 2),
        "p95_ms": round(percentile(ms, 0.95), 2),
        "p99_ms": round(percentile(ms, 0.99), 2),
        "max_ms": round(max(ms), 2),
    }


def cpu_per(count: int, before: dict[str, float], after: dict[str, float]) -> dict[str, float]:
    """Milliseconds of CPU per operation of each process group, between two ``Stack.cpu_seconds``."""
    return {name: round(1000 * (after[name] - before[name]) / max(count, 1), 3) for name in after}


def process_cpu_seconds(pid: int) -> float:
    """CPU time of process ``pid`` and its live descendants (a gunicorn master and its workers)."""
    import psutil

    total = 0.0
    root = psutil.Process(pid)
    for process in [root, *root.children(recursive=True)]:
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


class Stack:
    """An embedded PostgreSQL + Redis and the Atrium processes started on them (see the module doc)."""

    def __init__(self) -> None:
        self.directory = Path(tempfile.mkdtemp(prefix="atrium-bench-"))
        self.children: list[subprocess.Popen] = []

    def __enter__(self) -> Self:
        from atrium.embedded import start_postgres, start_redis

        try:
            os.environ["DATABASE_URL"] = start_postgres(self.directory / "pg")
            os.environ["REDIS_URL"] = start_redis(self.directory / "redis")
        except BaseException:
            self.__exit__()
            raise
        os.environ.update(
            ATRIUM_SECRET_KEYS=Fernet.generate_key().decode(),
            ATRIUM_JWT_SECRET=uuid.uuid4().hex * 2,
            ATRIUM_VAR_DIR=str(self.directory / "var"),
            ATRIUM_LOG_LEVEL="WARNING",
            META_GRAPH_API_URL="http://127.0.0.1:9",  # nothing here may call Meta: a refused port
            PROMETHEUS_MULTIPROC_DIR=str(self.directory / "prometheus"),  # as `atrium run` sets it
        )
        os.makedirs(os.environ["PROMETHEUS_MULTIPROC_DIR"])
        from atrium.config import get_settings
        from atrium.db.session import dispose_engines
        from atrium.migrate.fleet import migrate_public

        get_settings.cache_clear()
        dispose_engines()
        migrate_public()
        return self

    def __exit__(self, *exc) -> None:
        for child in reversed(self.children):
            self.stop(child)
        from atrium.db.session import dispose_engines

        dispose_engines()
        with suppress(Exception):  # PostgreSQL may never have started
            import pgserver

            pgserver.get_server(self.directory / "pg").cleanup()
        shutil.rmtree(self.directory, ignore_errors=True)

    def cpu_seconds(self, **trees: list[int]) -> dict[str, float]:
        """CPU time used so far by each named group of process trees (e.g. ``web=[pid]``), PostgreSQL and Redis."""
        from atrium.cache import get_redis

        used = {name: sum(process_cpu_seconds(pid) for pid in pids) for name, pids in trees.items()}
        used["postgres"] = server_cpu_seconds(self.directory / "pg")
        redis = get_redis().info("cpu")
        used["redis"] = redis["used_cpu_user"] + redis["used_cpu_sys"]
        return used

    def spawn(self, name: str, command: list[str]) -> subprocess.Popen:
        """Start ``command`` in its own process group, its output in ``<name>.log`` of the stack's directory."""
        log = open(self.directory / f"{name}.log", "ab")  # noqa: SIM115 - closed with the process
        child = subprocess.Popen(
            command, env=dict(os.environ), stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        log.close()
        child.name = name
        self.children.append(child)
        return child

    def stop(self, child: subprocess.Popen) -> None:
        """SIGTERM ``child``'s process group, then SIGKILL it if it is still there after 20 s."""
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGTERM)
            try:
                child.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(child.pid, signal.SIGKILL)
                child.wait()
        if child in self.children:
            self.children.remove(child)

    def atrium(self, name: str, *args: str) -> subprocess.Popen:
        """Run ``atrium --no-embedded ARGS`` (the real command line) against the stack."""
        return self.spawn(name, [sys.executable, "-m", "atrium.cli", "--no-embedded", *args])

    def web(self, workers: int = WEB_WORKERS) -> tuple[subprocess.Popen, str]:
        """``atrium web`` on a free port, once ``/readyz`` answers; returns the process and its base URL."""
        port = free_port()
        child = self.atrium("web", "web", "--port", str(port), "--workers", str(workers))
        base = f"http://127.0.0.1:{port}"
        wait_ready(child, base, self.directory / "web.log")
        return child, base

    def worker(self, threads: int = 8) -> subprocess.Popen:
        """``atrium worker``: processes inbound events (and every other queue)."""
        return self.atrium("worker", "worker", "--threads", str(threads))

    def log_tail(self, name: str, lines: int = 40) -> str:
        """The end of a child's log (to explain a failure)."""
        path = self.directory / f"{name}.log"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""


def wait_ready(child: subprocess.Popen, base: str, log: Path, path: str = "/readyz", timeout: float = 120) -> None:
    """Wait until ``base + path`` answers 200; fail with the log's end if ``child`` exits or time runs out."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if httpx.get(base + path, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if child.poll() is not None or time.monotonic() > deadline:
            tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
            raise SystemExit(f"{' '.join(child.args)} did not become ready:\n{tail}")
        time.sleep(0.3)


class Company:
    """A company signed up through the API, and its owner's client."""

    def __init__(self, base: str, slug: str = "bench") -> None:
        self.base = base
        self.email = f"owner@{slug}.example.com"
        signup = httpx.post(
            f"{base}/api/v1/signup",
            json={"company": f"Bench {slug}", "slug": slug, "name": "Owner", "email": self.email, "password": PASSWORD},
            timeout=30,
        )
        signup.raise_for_status()
        self.tenant_id = signup.json()["tenant"]["id"]
        self.login()
        self.user_id = self.get("/api/v1/auth/me").json()["user"]["id"]

    def login(self) -> None:
        """A fresh access token (they live 15 minutes)."""
        answer = httpx.post(
            f"{self.base}/api/v1/auth/login", json={"email": self.email, "password": PASSWORD}, timeout=30
        )
        answer.raise_for_status()
        self.token = answer.json()["access_token"]
        self.client = httpx.Client(base_url=self.base, headers={"Authorization": f"Bearer {self.token}"}, timeout=60)

    @property
    def schema(self) -> str:
        """The company's tenant schema."""
        from sqlalchemy import text

        from atrium.db.session import get_engine

        with get_engine().connect() as conn:
            return conn.execute(
                text("SELECT schema_name FROM public.tenants WHERE id = :id"), {"id": self.tenant_id}
            ).scalar_one()

    def get(self, path: str, **kwargs) -> httpx.Response:
        return self.client.get(path, **kwargs)

    def post(self, path: str, **kwargs) -> httpx.Response:
        answer = self.client.post(path, **kwargs)
        answer.raise_for_status()
        return answer

    def connect_whatsapp(self, phone_number_id: str = "106540352242922") -> dict:
        """Connect a WhatsApp Cloud number (per-channel webhook URL); returns the API's answer."""
        config = {
            "phone_number_id": phone_number_id,
            "waba_id": "102290129340398",
            "access_token": "EAAGbenchtoken",
            "app_secret": APP_SECRET,
            "verify_token": "bench-verify",
        }
        return self.post("/api/v1/channels", json={"type": "whatsapp_cloud", "name": "Vendas", "config": config}).json()


class WhatsAppBodies:
    """Distinct Meta text-message webhooks built from ``tests/fixtures/whatsapp/text.json``.

    The fixture's exact bytes (Meta's ``\\uXXXX`` escapes included) with the
    number, sender, message id, timestamp and text replaced, each signed with
    ``X-Hub-Signature-256`` over those bytes.
    """

    def __init__(self, phone_number_id: str, senders: int = 1000, run: str | None = None) -> None:
        template = json.loads(FIXTURE.read_bytes())
        value = template["entry"][0]["changes"][0]["value"]
        message = value["messages"][0]
        self.raw = FIXTURE.read_bytes()
        self.replacements = {
            value["metadata"]["phone_number_id"]: phone_number_id,
            message["id"]: "{wamid}",
            message["timestamp"]: "{timestamp}",
            message["from"]: "{phone}",
            message["from_user_id"]: "{user_id}",
        }
        self.senders = senders
        self.run = run or uuid.uuid4().hex[:8]

    @staticmethod
    def signature(body: bytes) -> str:
        """Meta's ``X-Hub-Signature-256`` of ``body``."""
        return "sha256=" + hmac.new(APP_SECRET.encode(), body, hashlib.sha256).hexdigest()

    def wamid(self, n: int) -> str:
        """The provider message id of body ``n``."""
        return f"wamid.bench.{self.run}.{n:08d}"

    def body(self, n: int) -> bytes:
        """Body ``n``: a text from sender ``n % senders``, with a message id of its own."""
        sender = n % self.senders
        fields = {
            "wamid": self.wamid(n),
            "timestamp": str(int(dt.datetime.now(dt.UTC).timestamp())),
            "phone": f"55119{sender:08d}",
            "user_id": f"BR.bench{sender:08d}",
        }
        data = self.raw
        for old, new in self.replacements.items():
            data = data.replace(old.encode(), new.format(**fields).encode())
        return data.replace(b"Quanto custa o plano anual?", f"Mensagem {n} sobre o plano anual".encode())

    def requests(self, path: str, port: int, first: int, count: int) -> list[bytes]:
        """``count`` raw signed POSTs of bodies ``first``... to ``path``."""
        from _load import request_bytes

        out = []
        for n in range(first, first + count):
            body = self.body(n)
            headers = {"Content-Type": "application/json", "X-Hub-Signature-256": self.signature(body)}
            out.append(request_bytes("POST", path, port, headers, body))
        return out


def write_results(name: str, results: dict, baseline: bool) -> None:
    """``bench/results/<name>.tmp`` (and ``<name>.baseline.json`` with ``baseline``), and print them."""
    RESULTS.mkdir(exist_ok=True)
    text = json.dumps(results, indent=2) + "\n"
    (RESULTS / f"{name}.tmp").write_text(text)
    if baseline:
        (RESULTS / f"{name}.baseline.json").write_text(text)
    print(text)


def header(benchmark: str) -> dict:
    """The common head of every result file: what, when, on what, under which load."""
    return {
        "benchmark": benchmark,
        "measured_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "machine": machine(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }
