"""The ``atrium`` command line: run the platform, migrate, manage tenants.

With no ``DATABASE_URL`` / ``REDIS_URL``, every command first starts (or
attaches to) the embedded PostgreSQL and Redis in ``./var``.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time

import click

from atrium import logs
from atrium.config import get_settings


@click.group()
@click.option("--embedded/--no-embedded", default=True, help="Start the embedded PostgreSQL/Redis when their URLs are unset.")
def cli(embedded: bool) -> None:
    """Atrium: conversations, CRM and AI for sales teams."""
    logs.configure(get_settings().log_level)
    if embedded:
        from atrium.embedded import ensure_environment

        ensure_environment(get_settings().var_dir)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True)
@click.option("--web-workers", default=2, show_default=True)
def run(host: str, port: int, web_workers: int) -> None:
    """Run everything: migrations, then web, worker and scheduler until Ctrl-C."""
    _migrate_everything()
    children = [
        _spawn("web", ["web", "--host", host, "--port", str(port), "--workers", str(web_workers)]),
        _spawn("worker", ["worker"]),
        _spawn("scheduler", ["scheduler"]),
    ]
    click.echo(f"Atrium is running on http://{'localhost' if host in ('127.0.0.1', '0.0.0.0') else host}:{port}  (Ctrl-C stops)")
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    while not stop.is_set():
        if any(child.poll() is not None for child in children):
            click.echo("a process stopped; shutting down", err=True)
            break
        stop.wait(0.5)
    for child in children:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    deadline = time.time() + 15
    for child in children:
        try:
            child.wait(timeout=max(deadline - time.time(), 0.1))
        except subprocess.TimeoutExpired:
            child.kill()
    click.echo("stopped")


def _spawn(name: str, args: list[str]) -> subprocess.Popen:
    env = dict(os.environ)
    env.setdefault("PROMETHEUS_MULTIPROC_DIR", str(get_settings().var_dir / "prometheus"))
    os.makedirs(env["PROMETHEUS_MULTIPROC_DIR"], exist_ok=True)
    return subprocess.Popen([sys.executable, "-m", "atrium.cli", *args], env=env, start_new_session=True)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True)
@click.option("--workers", default=2, show_default=True)
@click.option("--worker-connections", default=1000, show_default=True, help="Open connections per worker, idle SSE streams included.")
def web(host: str, port: int, workers: int, worker_connections: int) -> None:
    """Serve the web app with gunicorn's gevent workers (thousands of idle SSE streams each)."""
    from atrium.realtime.server import serve

    sys.exit(serve(host, port, workers, worker_connections))


@cli.command()
@click.option("--threads", default=8, show_default=True)
def worker(threads: int) -> None:
    """Run Dramatiq workers for every actor of the core and the plugins."""
    from atrium.workers.runtime import run_worker

    run_worker(threads)


@cli.command()
def scheduler() -> None:
    """Run the periodic-job scheduler."""
    from atrium.workers import scheduler as sched
    from atrium.workers.runtime import load_actor_modules

    load_actor_modules()
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    sched.run(stop)


def _migrate_everything(only: list[str] | None = None, workers: int | None = None) -> bool:
    """Upgrade public, then the tenant schemas (all, or those of the slugs in ``only``); False if any failed."""
    from atrium.migrate.fleet import UnknownTenants, migrate_public, migrate_tenants, tenant_schemas

    applied = migrate_public()
    click.echo(f"public schema: {applied} revision(s) applied")
    try:
        schemas = tenant_schemas(only)
    except UnknownTenants as exc:
        raise click.BadParameter(str(exc), param_hint="--tenant") from exc
    report = migrate_tenants(schemas, workers or get_settings().migrate_workers)
    click.echo(
        f"tenants: {report.total} total, {report.upgraded} upgraded, {report.unchanged} already current, "
        f"{len(report.failed)} failed in {report.seconds:.1f} s"
    )
    for schema, error in sorted(report.failed.items()):
        click.echo(f"  FAILED {schema}: {error}", err=True)
    if report.failed:
        click.echo("fix the failures and run `atrium migrate` again: it resumes with the schemas not yet current", err=True)
    return report.ok


@cli.command()
@click.option("--tenant", "only", multiple=True, help="Only these tenant slugs (repeatable).")
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Parallel processes (default: ATRIUM_MIGRATE_WORKERS or CPU count).")
def migrate(only: tuple[str, ...], workers: int | None) -> None:
    """Upgrade the shared schema, then every tenant schema (parallel, resumable); exit 1 if a tenant failed."""
    if not _migrate_everything(list(only) or None, workers):
        sys.exit(1)


@cli.group()
def tenants() -> None:
    """Create, list, show and delete tenants."""


@tenants.command("create")
@click.argument("slug")
@click.option("--name", required=True, help="Company name.")
@click.option("--owner-email", required=True)
@click.option("--owner-name", default="Owner", show_default=True)
@click.option("--owner-password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--blueprint", default=None, help="A blueprint of tenants/ (e.g. education, real-estate, clinic; default: generic).")
def tenants_create(slug, name, owner_email, owner_name, owner_password, blueprint) -> None:
    """Provision tenant SLUG (schema, migrations, blueprint) with its owner."""
    from atrium.auth.passwords import hash_password
    from atrium.auth.service import check_password_rules
    from atrium.errors import Problem
    from atrium.migrate.fleet import migrate_public
    from atrium.tenancy.provisioning import Owner, provision

    migrate_public()
    try:
        check_password_rules(owner_password)
        started = time.perf_counter()
        tenant, _ = provision(slug, name, Owner(owner_email, owner_name, hash_password(owner_password)), blueprint)
    except Problem as exc:
        raise click.ClickException(exc.detail) from exc
    click.echo(f"created {tenant.slug} (schema {tenant.schema_name}) in {time.perf_counter() - started:.2f} s")


@tenants.command("list")
def tenants_list() -> None:
    """List tenants: slug, schema, status, blueprint, name."""
    from sqlalchemy import select

    from atrium.db.session import public_session
    from atrium.tenancy.models import Tenant

    with public_session() as db:
        for t in db.scalars(select(Tenant).order_by(Tenant.created_at, Tenant.slug)):
            click.echo(f"{t.slug:40} {t.schema_name:42} {t.status:10} {t.blueprint or '-':12} {t.name}")


@tenants.command("show")
@click.argument("slug")
def tenants_show(slug: str) -> None:
    """Show tenant SLUG as JSON: schema, blueprint, members, enabled plugins, migration state."""
    from atrium.errors import NotFound
    from atrium.tenancy.admin import describe

    try:
        info = describe(slug)
    except NotFound as exc:
        raise click.ClickException(exc.detail) from exc
    click.echo(json.dumps(info, indent=2, default=str, ensure_ascii=False))


@tenants.command("delete")
@click.argument("slug")
@click.option("--export-dir", type=click.Path(file_okay=False), default=None, help="Where to write the export (default: var/exports).")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def tenants_delete(slug: str, export_dir: str | None, yes: bool) -> None:
    """Export tenant SLUG's data to a gzipped JSON file, then drop it."""
    from pathlib import Path

    from atrium.errors import NotFound
    from atrium.tenancy.admin import describe, export_tenant
    from atrium.tenancy.provisioning import drop_tenant

    target = Path(export_dir) if export_dir else get_settings().var_dir / "exports"
    try:
        info = describe(slug)
    except NotFound as exc:
        raise click.ClickException(exc.detail) from exc
    if not yes:
        click.confirm(
            f"Delete tenant '{slug}' ({info['name']}, {info['members']} member(s)) and all of its data, after exporting it to {target}?",
            abort=True,
        )
    path = export_tenant(slug, target)
    click.echo(f"exported to {path}")
    drop_tenant(slug)
    click.echo(f"deleted {slug}")


@cli.group()
def secrets() -> None:
    """Keys that encrypt stored secrets (ATRIUM_SECRET_KEYS)."""


@secrets.command("new-key")
def secrets_new_key() -> None:
    """Print a new key: put it first in ATRIUM_SECRET_KEYS, then run `atrium secrets rotate`."""
    from atrium.security.crypto import new_key

    click.echo(new_key())


@secrets.command("rotate")
@click.option("--tenant", "only", multiple=True, help="Only these tenant slugs (repeatable).")
def secrets_rotate(only: tuple[str, ...]) -> None:
    """Re-encrypt every stored secret of every tenant with the first key; exit 1 if a tenant failed."""
    from atrium.migrate.fleet import UnknownTenants, tenant_schemas
    from atrium.security.crypto import SecretKeyError
    from atrium.security.rotation import rotate_tenants

    try:
        schemas = tenant_schemas(list(only) or None)
    except UnknownTenants as exc:
        raise click.BadParameter(str(exc), param_hint="--tenant") from exc
    try:
        report = rotate_tenants(schemas)
    except SecretKeyError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"secrets: {report.secrets} re-encrypted in {report.tenants} tenant(s), {len(report.failed)} failed")
    for schema, error in sorted(report.failed.items()):
        click.echo(f"  FAILED {schema}: {error}", err=True)
    if report.failed:
        sys.exit(1)


def main() -> None:
    """Entry point of the ``atrium`` console script."""
    from atrium.plugins.manager import get_plugin_manager

    get_plugin_manager().call("register_commands", cli=cli)
    cli()


if __name__ == "__main__":
    main()
