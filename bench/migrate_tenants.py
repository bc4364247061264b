"""Benchmark tenancy operations on a throwaway embedded PostgreSQL.

Measures, on this machine:

1. provisioning one tenant (``provision()``: schema, every tenant migration,
   blueprint seed, owner): median and p95 of ``--provisions`` runs;
2. ``atrium migrate`` (the real command, in a subprocess) over fleets of
   ``--fleets`` tenants whose schemas exist but are empty, so every tenant
   migration really runs in every schema;
3. a second ``atrium migrate`` over the largest fleet, where every schema is
   already current (the no-op re-run).

Usage: ``make bench-migrate`` or ``.venv/bin/python bench/migrate_tenants.py [--fleets 200,1000]``.
Results go to ``bench/results/migrate_tenants.tmp`` (JSON, not committed);
``--baseline`` also writes ``bench/results/migrate_tenants.baseline.json``.
Nothing outside a temporary directory is touched.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from importlib.metadata import version
from pathlib import Path

from cryptography.fernet import Fernet

RESULTS = Path(__file__).resolve().parent / "results"
BASELINE = RESULTS / "migrate_tenants.baseline.json"
SUMMARY = re.compile(r"tenants: (\d+) total, (\d+) upgraded, (\d+) already current, (\d+) failed")


def percentile(values: list[float], fraction: float) -> float:
    """The ``fraction`` percentile of ``values`` (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))]


def machine() -> dict:
    """What the numbers were measured on."""
    cpu = "unknown"
    if Path("/proc/cpuinfo").exists():
        cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")), cpu)
    memory = "unknown"
    if Path("/proc/meminfo").exists():
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kib / 1024 / 1024:.1f} GiB"
    return {
        "cpus": os.cpu_count(),
        "cpu_model": cpu,
        "memory": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
        "sqlalchemy": version("sqlalchemy"),
        "alembic": version("alembic"),
        "psycopg": version("psycopg"),
    }


def start_stack(directory: Path) -> None:
    """Start an embedded PostgreSQL in ``directory`` and point this process (and its children) at it."""
    from atrium.config import get_settings
    from atrium.db.session import dispose_engines
    from atrium.embedded import start_postgres

    os.environ["DATABASE_URL"] = start_postgres(directory / "pg")
    os.environ["ATRIUM_SECRET_KEYS"] = Fernet.generate_key().decode()
    os.environ["ATRIUM_JWT_SECRET"] = uuid.uuid4().hex * 2
    os.environ["ATRIUM_VAR_DIR"] = str(directory / "var")
    os.environ["ATRIUM_LOG_LEVEL"] = "WARNING"
    get_settings.cache_clear()
    dispose_engines()


def bench_provisioning(count: int, pgdata: Path) -> dict:
    """Provision ``count`` tenants one after the other; the first (cold) one is reported apart.

    Also reports the mean CPU time per provisioning in this process and in
    PostgreSQL: their sum is roughly what one provisioning takes on an idle machine.
    """
    from atrium.auth.passwords import hash_password
    from atrium.tenancy.provisioning import Owner, drop_tenant, provision

    password_hash = hash_password("correct horse battery")  # hashing is part of sign-up, not of provisioning
    seconds, slugs = [], []
    for n in range(count + 1):
        if n == 1:
            cpu_before = (time.process_time(), server_cpu_seconds(pgdata))
        slug = f"bench-prov-{n:04d}"
        started = time.perf_counter()
        provision(slug, f"Bench {n}", Owner(f"{slug}@example.com", "Owner", password_hash), "education")
        seconds.append(time.perf_counter() - started)
        slugs.append(slug)
    client_cpu, server_cpu = time.process_time() - cpu_before[0], server_cpu_seconds(pgdata) - cpu_before[1]
    for slug in slugs:
        drop_tenant(slug)
    warm = seconds[1:]
    return {
        "runs": count,
        "cold_first_s": round(seconds[0], 4),
        "median_s": round(statistics.median(warm), 4),
        "p95_s": round(percentile(warm, 0.95), 4),
        "max_s": round(max(warm), 4),
        "cpu_s_per_provision_client": round(client_cpu / count, 4),
        "cpu_s_per_provision_postgres": round(server_cpu / count, 4),
    }


def make_empty_fleet(count: int) -> None:
    """Replace the bench fleet by ``count`` tenants whose schemas exist and are empty."""
    from sqlalchemy import text

    from atrium.db.session import get_engine
    from atrium.ids import uuid7

    engine = get_engine()
    with engine.connect() as conn:
        old = conn.execute(text("SELECT schema_name FROM public.tenants WHERE slug LIKE 'fleet-%'")).scalars().all()
    for schema in old:  # one transaction each: dropping many schemas at once exhausts the lock table
        with engine.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    rows = [{"id": uuid7(), "slug": f"fleet-{n:05d}", "name": f"Fleet {n}", "schema": f"t_fleet_{n:05d}"} for n in range(count)]
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM public.tenants WHERE slug LIKE 'fleet-%'"))
        conn.execute(
            text(
                "INSERT INTO public.tenants (id, slug, name, schema_name, blueprint, locale, timezone, status) "
                "VALUES (:id, :slug, :name, :schema, 'generic', 'pt-BR', 'America/Sao_Paulo', 'active')"
            ),
            rows,
        )
        for row in rows:
            conn.exec_driver_sql(f'CREATE SCHEMA "{row["schema"]}"')


def server_cpu_seconds(pgdata: Path) -> float:
    """CPU time used so far by the PostgreSQL server: postmaster, live and exited backends."""
    import pgserver
    import psutil

    postmaster = psutil.Process(pgserver.get_server(pgdata).get_pid())
    times = postmaster.cpu_times()
    total = times.user + times.system + times.children_user + times.children_system
    for child in postmaster.children():
        try:
            child_times = child.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += child_times.user + child_times.system
    return total


def client_cpu_seconds() -> float:
    """CPU time used by the finished child processes of this one (the migrate command and its workers)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_migrate(workers: int | None, pgdata: Path) -> dict:
    """Run ``atrium migrate`` as an operator would; return its wall-clock and CPU time and its summary.

    CPU time (client processes + PostgreSQL) divided by the number of cores is
    what the run would take on that many idle cores with perfect parallelism:
    a load-independent figure next to the wall clock of a shared machine.
    """
    command = [sys.executable, "-m", "atrium.cli", "--no-embedded", "migrate"]
    if workers:
        command += ["--workers", str(workers)]
    cpu_before = (client_cpu_seconds(), server_cpu_seconds(pgdata))
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=dict(os.environ))
    seconds = time.perf_counter() - started
    client_cpu = client_cpu_seconds() - cpu_before[0]
    server_cpu = server_cpu_seconds(pgdata) - cpu_before[1]
    match = SUMMARY.search(done.stdout)
    if done.returncode != 0 or not match:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"atrium migrate failed (exit {done.returncode})")
    total, upgraded, current, failed = map(int, match.groups())
    return {
        "seconds": round(seconds, 2),
        "tenants": total,
        "upgraded": upgraded,
        "already_current": current,
        "failed": failed,
        "cpu_seconds_client": round(client_cpu, 2),
        "cpu_seconds_postgres": round(server_cpu, 2),
    }


def tenant_revision_count() -> int:
    """How many revisions a fresh tenant schema goes through (core and installed plugins)."""
    from atrium.migrate.runner import tenant_script

    return sum(1 for _ in tenant_script().walk_revisions())


def compare(results: dict) -> None:
    """Print this run next to the committed baseline, when there is one."""
    if not BASELINE.exists():
        return
    base = json.loads(BASELINE.read_text())
    print(f"\nbaseline ({base['measured_at']}, {base['machine']['cpus']} CPUs):")
    print(f"  provision median {base['provisioning']['median_s']} s, p95 {base['provisioning']['p95_s']} s")
    for size, run in base["migrate"].items():
        print(f"  migrate {size}: {run['seconds']} s")
    print(f"  no-op re-run over {base['noop_rerun']['tenants']}: {base['noop_rerun']['seconds']} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--provisions", type=int, default=20, help="tenants provisioned for the provisioning timing")
    parser.add_argument("--fleets", default="200,1000", help="comma-separated fleet sizes for `atrium migrate`")
    parser.add_argument("--workers", type=int, default=None, help="passed to `atrium migrate --workers` (default: its own)")
    parser.add_argument("--baseline", action="store_true", help="also write bench/results/migrate_tenants.baseline.json")
    args = parser.parse_args()
    fleets = [int(size) for size in args.fleets.split(",")]

    directory = Path(tempfile.mkdtemp(prefix="atrium-bench-"))
    try:
        start_stack(directory)
        from atrium.config import get_settings
        from atrium.migrate.fleet import migrate_public

        migrate_public()
        results = {
            "benchmark": "migrate_tenants",
            "measured_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "machine": machine(),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
            "migrate_workers": args.workers or get_settings().migrate_workers,
            "tenant_revisions": tenant_revision_count(),
        }
        print(f"provisioning {args.provisions} tenants (education blueprint)...", flush=True)
        results["provisioning"] = bench_provisioning(args.provisions, directory / "pg")
        print(f"  {results['provisioning']}", flush=True)
        results["migrate"] = {}
        for size in fleets:
            make_empty_fleet(size)
            print(f"atrium migrate over {size} empty tenant schemas...", flush=True)
            results["migrate"][str(size)] = run_migrate(args.workers, directory / "pg")
            print(f"  {results['migrate'][str(size)]}", flush=True)
        print(f"atrium migrate again over {fleets[-1]} current schemas...", flush=True)
        results["noop_rerun"] = run_migrate(args.workers, directory / "pg")
        print(f"  {results['noop_rerun']}", flush=True)
        results["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
        if results["noop_rerun"]["upgraded"]:  # someone added a migration or installed a plugin meanwhile
            results["warning"] = "tenant migrations or plugins changed during the run: the numbers are not comparable"
            print(f"WARNING: {results['warning']}", file=sys.stderr)
    finally:
        import pgserver

        pgserver.get_server(directory / "pg").cleanup()
        shutil.rmtree(directory, ignore_errors=True)

    RESULTS.mkdir(exist_ok=True)
    text = json.dumps(results, indent=2) + "\n"
    (RESULTS / "migrate_tenants.tmp").write_text(text)
    if args.baseline:
        BASELINE.write_text(text)
    print(text)
    compare(results)


if __name__ == "__main__":
    main()
