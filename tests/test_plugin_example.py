"""The out-of-tree example plugin (tests/example_plugin), built and installed the way a third party's is.

pip builds the package's wheel (PEP 517, like any distribution) and installs it
with ``--target`` into a temporary directory that only this test process puts
on ``sys.path``. Discovery still goes through ``importlib.metadata`` and the
``atrium`` entry-point group, exactly as for a plugin in site-packages, but the
shared virtualenv is never touched: the suite runs under pytest-xdist, and a
plugin installed there would appear in the other workers' processes while
they run. The ``atrium migrate`` subprocess gets the directory through
``PYTHONPATH``. At the end, the plugin's tenants are dropped (their schemas
carry its Alembic revision) and the process forgets the plugin.
"""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import httpx
import pytest
import respx
from sqlalchemy import text

from atrium.db.session import public_session
from atrium.plugins.manager import get_plugin_manager
from atrium.tenancy.provisioning import drop_tenant

SOURCE = Path(__file__).parent / "example_plugin"
PLUGIN = "example-notes"
NOTES = f"/api/v1/plugins/{PLUGIN}/notes"


def _signup(app, slug: str) -> dict:
    body = {"company": f"Notes {slug}", "slug": slug, "name": "Owner", "email": f"{slug}@example.com", "password": "correct horse battery"}
    response = app.test_client().post("/api/v1/signup", json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def _has_notes_table(tenant_id: str) -> bool:
    with public_session() as db:
        return bool(
            db.scalar(
                text(
                    "SELECT count(*) FROM information_schema.tables t JOIN public.tenants n ON n.schema_name = t.table_schema "
                    "WHERE n.id = :id AND t.table_name = 'example_notes_note'"
                ),
                {"id": tenant_id},
            )
        )


def _note_titles_in_schema(tenant_id: str) -> list[str]:
    with public_session() as db:
        schema = db.scalar(text("SELECT schema_name FROM public.tenants WHERE id = :id"), {"id": tenant_id})
        return list(db.scalars(text(f'SELECT title FROM "{schema}".example_notes_note ORDER BY title')))


@pytest.fixture(scope="module")
def installed(app, tmp_path_factory):
    """Install the example plugin for this module; yield the slug of a company created before it."""
    existing = f"pre-{uuid.uuid4().hex[:8]}"
    _signup(app, existing)
    work = tmp_path_factory.mktemp("example-plugin")
    source = shutil.copytree(SOURCE, work / "src", ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
    site = work / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site), str(source)],
        check=True,
        capture_output=True,
    )
    sys.path.insert(0, str(site))
    importlib.invalidate_caches()
    get_plugin_manager.cache_clear()
    try:
        yield {"site": site, "existing": existing}
    finally:
        _forget(site)


def _forget(site: Path) -> None:
    """Drop every tenant that got the plugin's revision and unload the plugin from this process."""
    from atrium.db.base import TenantBase

    with public_session() as db:
        slugs = list(db.scalars(text("SELECT slug FROM public.tenants")))
    for slug in slugs:
        with public_session() as db:
            schema = db.scalar(text("SELECT schema_name FROM public.tenants WHERE slug = :s"), {"s": slug})
            marked = db.scalar(
                text(f"SELECT to_regclass('\"{schema}\".example_notes_note') IS NOT NULL")  # schema names are validated identifiers
            )
        if marked:
            drop_tenant(slug)
    sys.path.remove(str(site))
    for name in [m for m in sys.modules if m == "atrium_example_notes" or m.startswith("atrium_example_notes.")]:
        del sys.modules[name]
    table = TenantBase.metadata.tables.get("example_notes_note")
    if table is not None:
        TenantBase.metadata.remove(table)
    importlib.invalidate_caches()
    get_plugin_manager.cache_clear()


@pytest.fixture(scope="module")
def plugin_app(installed):
    """A web app built after the plugin was installed."""
    from atrium.app import create_app

    return create_app({"TESTING": True})


@pytest.fixture()
def company(plugin_app):
    """A company signed up while the plugin is installed, with a client for the plugin's app."""
    from atrium.testing.plugin import TenantClient

    slug = f"notes-{uuid.uuid4().hex[:8]}"
    data = _signup(plugin_app, slug)
    return TenantClient(
        plugin_app.test_client(), slug, f"{slug}@example.com", "correct horse battery",
        data["access_token"], data["refresh_token"], data["tenant"]["id"],
    )


def test_it_is_discovered_through_its_entry_point(installed):
    pm = get_plugin_manager()
    info = pm.infos[PLUGIN]
    assert (info.version, info.distribution) == ("1.2.0", "atrium-example-notes")
    assert Path(pm.get_plugin(PLUGIN).__file__).is_relative_to(installed["site"])


def test_listed_with_version_state_and_settings_schema(company):
    listed = {p["id"]: p for p in company.get("/api/v1/plugins").get_json()["items"]}
    assert listed[PLUGIN]["version"] == "1.2.0"
    assert listed[PLUGIN]["enabled"] is False
    schema = listed[PLUGIN]["settings_schema"]
    assert schema["properties"]["export_token"]["writeOnly"] is True
    assert schema["properties"]["retention_days"]["type"] == "integer"
    with public_session() as db:  # the shared catalogue, recorded when the app was built
        row = db.execute(text("SELECT version, distribution FROM public.plugins WHERE id = :id"), {"id": PLUGIN}).one()
    assert tuple(row) == ("1.2.0", "atrium-example-notes")


def test_routes_are_documented_and_answer_404_until_enabled(company):
    paths = company.client.get("/api/openapi.json").get_json()["paths"]
    assert NOTES in paths and f"{NOTES}/{{note_id}}" in paths

    assert company.get(NOTES).status_code == 404
    assert company.post(f"/api/v1/plugins/{PLUGIN}/enable").get_json()["enabled"] is True
    assert company.get(NOTES).get_json() == {"items": [], "next_cursor": None}
    company.post(f"/api/v1/plugins/{PLUGIN}/disable")
    assert company.get(NOTES).status_code == 404


def test_provisioning_creates_its_table_and_atrium_migrate_adds_it_to_existing_companies(installed, company):
    existing = _tenant_id(installed["existing"])
    assert _has_notes_table(company.tenant_id)
    assert not _has_notes_table(existing)

    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(installed["site"]), os.environ.get("PYTHONPATH", "")])}
    run = subprocess.run(
        [sys.executable, "-m", "atrium.cli", "--no-embedded", "migrate", "--tenant", installed["existing"], "--workers", "1"],
        env=env, capture_output=True, text=True,
    )
    assert run.returncode == 0, run.stderr
    assert "1 upgraded" in run.stdout
    assert _has_notes_table(existing)


def test_notes_live_in_the_company_schema_only(company, plugin_app):
    other_slug = f"notes-{uuid.uuid4().hex[:8]}"
    other = _signup(plugin_app, other_slug)
    other_headers = {"Authorization": f"Bearer {other['access_token']}"}
    other_client = plugin_app.test_client()
    for headers in (company.headers, other_headers):
        plugin_app.test_client().post(f"/api/v1/plugins/{PLUGIN}/enable", headers=headers)

    created = company.post(NOTES, json={"title": "Ligar para a Ana", "body": "Quer visitar o apartamento"})
    assert created.status_code == 201, created.get_json()
    note_id = created.get_json()["id"]
    assert company.get(f"{NOTES}/{note_id}").get_json()["title"] == "Ligar para a Ana"
    assert [n["title"] for n in company.get(NOTES).get_json()["items"]] == ["Ligar para a Ana"]

    assert other_client.get(NOTES, headers=other_headers).get_json()["items"] == []
    assert other_client.get(f"{NOTES}/{note_id}", headers=other_headers).status_code == 404
    assert other_client.delete(f"{NOTES}/{note_id}", headers=other_headers).status_code == 404
    assert _note_titles_in_schema(company.tenant_id) == ["Ligar para a Ana"]
    assert _note_titles_in_schema(other["tenant"]["id"]) == []

    assert company.post(NOTES, json={"title": ""}).get_json()["errors"][0]["field"] == "title"
    assert company.delete(f"{NOTES}/{note_id}").status_code == 204
    assert company.get(f"{NOTES}/{note_id}").status_code == 404


def test_export_actor_runs_bound_to_the_company_with_its_secret(company, worker):
    from atrium.workers.broker import get_broker

    company.post(f"/api/v1/plugins/{PLUGIN}/enable")
    settings = {"export_url": "https://crm.example.com/notes", "export_token": "s3cret-token-123"}
    assert company.put(f"/api/v1/plugins/{PLUGIN}/settings", json=settings).status_code == 200
    company.post(NOTES, json={"title": "Proposta enviada"})

    with respx.mock(assert_all_called=True) as http:
        route = http.post("https://crm.example.com/notes").mock(return_value=httpx.Response(204))
        assert company.post(f"/api/v1/plugins/{PLUGIN}/export").status_code == 202
        get_broker().join("default", timeout=30_000)
        worker.join()

    sent = route.calls.last.request
    assert sent.headers["Authorization"] == "Bearer s3cret-token-123"
    body = httpx.Response(200, content=sent.content).json()
    assert body["tenant"] == company.slug
    assert [n["title"] for n in body["notes"]] == ["Proposta enviada"]


def test_its_periodic_job_is_per_company(installed):
    from atrium.workers.scheduler import collect_jobs

    jobs = {(plugin_id, job.actor.actor_name, job.per_tenant) for plugin_id, job in collect_jobs()}
    assert (PLUGIN, "atrium_example_notes.jobs.purge_old_notes", True) in jobs


def _tenant_id(slug: str) -> str:
    with public_session() as db:
        return str(db.scalar(text("SELECT id FROM public.tenants WHERE slug = :s"), {"s": slug}))
