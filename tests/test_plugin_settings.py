"""Per-company plugin state through the API: enable/disable, settings validated by the plugin's schema, secrets."""

from __future__ import annotations

import json
import os

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import text

from atrium.db.session import public_session, tenant_session
from atrium.plugins import hookimpl, plugin_settings
from atrium.plugins.manager import get_plugin_manager

PLUGIN = "test-crm"
SETTINGS = f"/api/v1/plugins/{PLUGIN}/settings"


class CrmPlugin:
    """A plugin with a settings schema: a plain required field, a number, and a secret."""

    @hookimpl
    def register_settings_schema(self):
        return {
            "type": "object",
            "properties": {
                "subdomain": {"type": "string", "pattern": "^[a-z0-9-]+$"},
                "sync_minutes": {"type": "integer", "minimum": 5},
                "api_key": {"type": "string", "minLength": 8, "writeOnly": True},
            },
            "required": ["subdomain"],
            "additionalProperties": False,
        }


@pytest.fixture(autouse=True)
def crm_plugin(app):
    with get_plugin_manager().installed(CrmPlugin(), PLUGIN, version="2.3.1"):
        yield


def _agent(company):
    """An agent of ``company``, with its own token."""
    from atrium.testing.plugin import TenantClient

    email = f"agent-{company.slug}@example.com"
    added = company.post("/api/v1/users", json={"email": email, "name": "Agent", "password": "agent password 1"})
    assert added.status_code == 201, added.get_json()
    login = company.client.post("/api/v1/auth/login", json={"email": email, "password": "agent password 1", "tenant": company.slug})
    assert login.status_code == 200, login.get_json()
    tokens = login.get_json()
    return TenantClient(company.client, company.slug, email, "agent password 1", tokens["access_token"], tokens["refresh_token"], company.tenant_id)


def _raw_secrets(company) -> str | None:
    with public_session() as db:
        schema = db.scalar(text("SELECT schema_name FROM public.tenants WHERE id = :id"), {"id": company.tenant_id})
    with tenant_session(schema) as db:
        return db.scalar(text("SELECT secrets FROM plugin_settings WHERE plugin_id = :p"), {"p": PLUGIN})


def _schema_of(company) -> str:
    with public_session() as db:
        return db.scalar(text("SELECT schema_name FROM public.tenants WHERE id = :id"), {"id": company.tenant_id})


def test_listed_with_version_schema_and_per_company_state(tenant_factory):
    a, b = tenant_factory(), tenant_factory()
    listed = {p["id"]: p for p in a.get("/api/v1/plugins").get_json()["items"]}
    assert listed[PLUGIN]["version"] == "2.3.1"
    assert listed[PLUGIN]["enabled"] is False
    assert listed[PLUGIN]["settings_schema"]["properties"]["api_key"]["writeOnly"] is True

    enabled = a.post(f"/api/v1/plugins/{PLUGIN}/enable")
    assert enabled.status_code == 200 and enabled.get_json()["enabled"] is True
    assert a.get(f"/api/v1/plugins/{PLUGIN}").get_json()["enabled"] is True
    assert b.get(f"/api/v1/plugins/{PLUGIN}").get_json()["enabled"] is False

    assert a.post(f"/api/v1/plugins/{PLUGIN}/disable").get_json()["enabled"] is False
    assert a.get(f"/api/v1/plugins/{PLUGIN}").get_json()["enabled"] is False
    assert a.post("/api/v1/plugins/not-installed/enable").status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"subdomain": "Não Pode"}, "subdomain"),
        ({"sync_minutes": 10}, "subdomain"),
        ({"subdomain": "acme", "sync_minutes": 1}, "sync_minutes"),
        ({"subdomain": "acme", "sync_minutes": "often"}, "sync_minutes"),
        ({"subdomain": "acme", "colour": "blue"}, "colour"),
        ({"subdomain": "acme", "api_key": "short"}, "api_key"),
    ],
)
def test_settings_that_break_the_schema_are_a_422_naming_the_field(tenant_factory, body, field):
    company = tenant_factory()
    response = company.put(SETTINGS, json=body)
    assert response.status_code == 422
    assert response.content_type == "application/problem+json"
    problem = response.get_json()
    assert problem["errors"][0]["field"] == field
    assert "short" not in json.dumps(problem)  # a rejected secret is not echoed
    assert company.get(SETTINGS).get_json() == {}


def test_secrets_are_masked_encrypted_at_rest_and_given_to_the_plugin_in_clear(tenant_factory):
    company = tenant_factory()
    stored = company.put(SETTINGS, json={"subdomain": "acme", "sync_minutes": 15, "api_key": "sk-live-0123456789"})
    assert stored.status_code == 200, stored.get_json()
    assert stored.get_json() == {"subdomain": "acme", "sync_minutes": 15, "api_key": "********"}
    assert company.get(SETTINGS).get_json() == {"subdomain": "acme", "sync_minutes": 15, "api_key": "********"}

    raw = _raw_secrets(company)
    assert "sk-live-0123456789" not in raw
    key = Fernet(os.environ["ATRIUM_SECRET_KEYS"].split(",")[0].encode())
    assert json.loads(key.decrypt(raw.encode())) == {"api_key": "sk-live-0123456789"}
    with tenant_session(_schema_of(company)) as db:
        assert plugin_settings(db, PLUGIN) == {"subdomain": "acme", "sync_minutes": 15, "api_key": "sk-live-0123456789"}


def test_an_omitted_or_masked_secret_keeps_its_value_and_null_removes_it(tenant_factory):
    company = tenant_factory()
    company.put(SETTINGS, json={"subdomain": "acme", "api_key": "sk-live-0123456789"})
    schema = _schema_of(company)

    assert company.put(SETTINGS, json={"subdomain": "acme-2"}).get_json() == {"subdomain": "acme-2", "api_key": "********"}
    assert company.put(SETTINGS, json={"subdomain": "acme-3", "api_key": "********"}).status_code == 200
    with tenant_session(schema) as db:
        assert plugin_settings(db, PLUGIN) == {"subdomain": "acme-3", "api_key": "sk-live-0123456789"}

    assert company.put(SETTINGS, json={"subdomain": "acme-3", "api_key": "sk-new-9876543210"}).status_code == 200
    with tenant_session(schema) as db:
        assert plugin_settings(db, PLUGIN)["api_key"] == "sk-new-9876543210"

    assert company.put(SETTINGS, json={"subdomain": "acme-3", "api_key": None}).get_json() == {"subdomain": "acme-3"}
    assert _raw_secrets(company) is None


def test_settings_belong_to_one_company(tenant_factory):
    a, b = tenant_factory(), tenant_factory()
    a.put(SETTINGS, json={"subdomain": "acme", "api_key": "sk-live-0123456789"})
    assert b.get(SETTINGS).get_json() == {}
    b.put(SETTINGS, json={"subdomain": "beta"})
    assert a.get(SETTINGS).get_json() == {"subdomain": "acme", "api_key": "********"}


def test_only_admins_change_plugins_and_read_settings(tenant_factory):
    company = tenant_factory()
    agent = _agent(company)
    assert agent.get("/api/v1/plugins").status_code == 200
    for method, path, body in [
        ("PUT", SETTINGS, {"subdomain": "acme"}),
        ("GET", SETTINGS, None),
        ("POST", f"/api/v1/plugins/{PLUGIN}/enable", None),
        ("POST", f"/api/v1/plugins/{PLUGIN}/disable", None),
    ]:
        response = agent.request(method, path, json=body) if body else agent.request(method, path)
        assert response.status_code == 403, (method, path)
        assert response.content_type == "application/problem+json"
    assert company.get(SETTINGS).get_json() == {}


def test_settings_of_a_plugin_that_is_not_installed_are_404(tenant_factory):
    company = tenant_factory()
    assert company.put("/api/v1/plugins/nope/settings", json={}).status_code == 404
    assert company.get("/api/v1/plugins/nope/settings").status_code == 404
