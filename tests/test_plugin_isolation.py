"""A plugin that raises in a hook, or cannot load, is logged and left out; nobody else notices."""

from __future__ import annotations

import logging
import textwrap
import uuid

import pytest
from flask_smorest import Blueprint
from sqlalchemy import text

from atrium.db.session import public_session, tenant_session
from atrium.plugins import hookimpl
from atrium.plugins.manager import AtriumPluginManager, get_plugin_manager
from atrium.tenancy.models import TenantConfig


class Broken:
    """Raises in every hook it implements (after writing, where it can)."""

    @hookimpl
    def register_blueprints(self, app):
        raise RuntimeError("boom: blueprints")

    @hookimpl
    def register_settings_schema(self):
        raise RuntimeError("boom: schema")

    @hookimpl
    def register_periodic_jobs(self):
        raise RuntimeError("boom: jobs")

    @hookimpl
    def on_plugin_enabled(self, tenant, plugin_id):
        raise RuntimeError("boom: enabled")

    @hookimpl
    def on_tenant_created(self, tenant, session):
        session.add(TenantConfig(key="written-by-broken", value={}))
        session.flush()
        raise RuntimeError("boom: tenant created")


class Healthy:
    """Does its job in the same hooks."""

    blp = Blueprint("healthy-probe", __name__, url_prefix="/plugins/healthy-probe")

    @hookimpl
    def register_blueprints(self, app):
        return [self.blp]

    @hookimpl
    def on_tenant_created(self, tenant, session):
        session.add(TenantConfig(key="written-by-healthy", value={"slug": tenant.slug}))


@Healthy.blp.route("/ping")
def _ping():
    return {"pong": True}


@pytest.fixture()
def plugins(app):
    pm = get_plugin_manager()
    with pm.installed(Healthy(), "healthy-probe"), pm.installed(Broken(), "broken-probe"):
        yield pm


def _failures(caplog, hook: str) -> list[logging.LogRecord]:
    return [r for r in caplog.records if getattr(r, "plugin", None) == "broken-probe" and getattr(r, "hook", hook) == hook and r.exc_info]


def test_a_plugin_raising_in_register_blueprints_does_not_stop_the_app(plugins, caplog):
    from atrium.app import create_app

    app = create_app({"TESTING": True})
    assert app.test_client().get("/api/v1/plugins/healthy-probe/ping").get_json() == {"pong": True}
    assert app.test_client().get("/healthz").status_code == 200
    assert _failures(caplog, "register_blueprints")


def test_a_plugin_raising_in_on_plugin_enabled_does_not_fail_the_request(plugins, tenant_factory, caplog):
    company = tenant_factory()
    response = company.post("/api/v1/plugins/broken-probe/enable")
    assert response.status_code == 200
    assert response.get_json()["enabled"] is True
    assert _failures(caplog, "on_plugin_enabled")


def test_a_plugin_raising_in_register_settings_schema_gets_no_settings(plugins, tenant_factory):
    company = tenant_factory()
    listed = {p["id"]: p for p in company.get("/api/v1/plugins").get_json()["items"]}
    assert listed["broken-probe"]["settings_schema"]["properties"] == {}
    assert company.put("/api/v1/plugins/broken-probe/settings", json={"x": 1}).status_code == 422


def test_a_plugin_raising_in_register_periodic_jobs_does_not_stop_the_scheduler(plugins):
    from atrium.workers.scheduler import collect_jobs

    assert all(plugin_id != "broken-probe" for plugin_id, _ in collect_jobs())


def test_a_plugin_raising_in_on_tenant_created_does_not_fail_provisioning(plugins, tenant_factory, caplog):
    company = tenant_factory()
    with public_session() as db:
        schema = db.scalar(text("SELECT schema_name FROM public.tenants WHERE slug = :s"), {"s": company.slug})
    with tenant_session(schema) as db:
        keys = set(db.scalars(text("SELECT key FROM tenant_config")))
    assert "written-by-healthy" in keys
    assert "written-by-broken" not in keys  # its savepoint was rolled back
    assert company.get("/api/v1/auth/me").status_code == 200
    assert any(getattr(r, "plugin", None) == "broken-probe" and r.exc_info for r in caplog.records)


def test_plugins_that_fail_to_import_or_validate_are_left_out(tmp_path, monkeypatch, caplog):
    """Entry points of a missing module and of a module with an unknown hook, found via importlib.metadata."""
    suffix = uuid.uuid4().hex[:8]
    module = f"typo_plugin_{suffix}"
    (tmp_path / f"{module}.py").write_text(
        textwrap.dedent(
            """
            from atrium.plugins import hookimpl

            @hookimpl
            def register_blueprint(app):  # typo: the hook is register_blueprints
                return []
            """
        )
    )
    dist = tmp_path / f"faulty_plugins_{suffix}-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: faulty-plugins-{suffix}\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text(f"[atrium]\nmissing-{suffix} = no_such_module_{suffix}\ntypo-{suffix} = {module}\n")
    monkeypatch.syspath_prepend(str(tmp_path))

    pm = AtriumPluginManager()
    pm.load_entry_points()

    assert f"missing-{suffix}" not in pm.infos and not pm.has_plugin(f"missing-{suffix}")
    assert f"typo-{suffix}" not in pm.infos and not pm.has_plugin(f"typo-{suffix}")
    assert not hasattr(pm.hook, "register_blueprint")
    failed = {getattr(r, "plugin", None) for r in caplog.records if r.message == "plugin failed to load"}
    assert {f"missing-{suffix}", f"typo-{suffix}"} <= failed
