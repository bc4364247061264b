"""Schema binding: a session reaches exactly one tenant schema, and only through validated names."""

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import ProgrammingError

from atrium.crm.models import Tag
from atrium.db.session import public_session, tenant_session
from atrium.tenancy.context import TenantRef
from atrium.tenancy.names import InvalidName, check_schema_name, schema_for_slug

INJECTION_SHAPED = [
    "a'; DROP SCHEMA public CASCADE; --",
    'acme"; DROP TABLE tenants; --',
    "acme; select 1",
    "acme\" , public",
    "ACME",
    "ac me",
    "-acme",
    "acme-",
    "ac--me",
    "ac_me",
    "ab",
    "a" * 41,
    "public",
    "admin",
    "acmé",
]


def _schema(tenant) -> str:
    return schema_for_slug(tenant.slug)


@pytest.mark.parametrize("table", ["tags", "pipeline_stages", "tenant_config", "plugin_settings"])
def test_public_session_cannot_reach_tenant_tables(tenant_factory, table):
    tenant_factory()
    with pytest.raises(ProgrammingError, match="does not exist"), public_session() as db:
        db.execute(text(f"SELECT * FROM {table}"))


def test_tenant_session_sees_only_its_own_rows(tenant_factory):
    a, b = tenant_factory(), tenant_factory()
    with tenant_session(_schema(a)) as db:
        db.add(Tag(name="only-in-a", color="#000000"))
    with tenant_session(_schema(a)) as db:
        assert "only-in-a" in db.scalars(select(Tag.name)).all()
    with tenant_session(_schema(b)) as db:
        names = db.scalars(select(Tag.name)).all()
        assert names and "only-in-a" not in names
        assert db.execute(text("SELECT current_schema()")).scalar() == _schema(b)


def test_tenant_session_stays_bound_across_transactions(tenant_factory):
    a = tenant_factory()
    with tenant_session(_schema(a)) as db:
        db.execute(text("SELECT 1"))
        db.commit()
        assert db.execute(text("SELECT current_schema()")).scalar() == _schema(a)


@pytest.mark.parametrize("slug", INJECTION_SHAPED)
def test_injection_shaped_slugs_are_refused(slug):
    with pytest.raises(InvalidName):
        schema_for_slug(slug)


@pytest.mark.parametrize(
    "name",
    ["public", "pg_catalog", "information_schema", 't_acme"; DROP SCHEMA public; --', "t_acme, public", "T_ACME", "t_ab", "t_" + "a" * 41, "", None],
)
def test_invalid_schema_names_are_refused_everywhere(atrium_stack, name):
    with pytest.raises(InvalidName):
        check_schema_name(name)
    with pytest.raises(InvalidName), tenant_session(name):
        pass
    with pytest.raises(InvalidName):
        TenantRef(id=None, slug="acme", schema=name)


def test_signup_refuses_an_injection_shaped_slug_naming_the_field(client):
    body = {"company": "X", "slug": "x'; DROP SCHEMA public; --", "name": "X", "email": "x@example.com", "password": "correct horse battery"}
    response = client.post("/api/v1/signup", json=body)
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert any(error["field"] == "slug" for error in response.get_json()["errors"])
