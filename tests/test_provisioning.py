"""Provisioning is all or nothing: a tenant exists completely, or not at all."""

import uuid

import pytest
from sqlalchemy import func, select, text

from atrium.auth.models import Membership, User
from atrium.db.session import get_engine, public_session
from atrium.errors import Conflict, Invalid
from atrium.tenancy.models import Tenant
from atrium.tenancy.names import schema_for_slug
from atrium.tenancy.provisioning import Owner, provision


def new_slug() -> str:
    return f"prov-{uuid.uuid4().hex[:10]}"


def new_owner() -> Owner:
    return Owner(email=f"owner-{uuid.uuid4().hex[:8]}@example.com", name="Owner", password_hash=None)


def schema_exists(schema: str) -> bool:
    with get_engine().connect() as conn:
        return bool(conn.execute(text("SELECT count(*) FROM pg_namespace WHERE nspname = :s"), {"s": schema}).scalar())


def leftovers(slug: str, email: str) -> dict[str, int]:
    """What exists of tenant ``slug`` and account ``email`` in the shared schema."""
    with public_session() as db:
        return {
            "tenants": db.scalar(select(func.count()).select_from(Tenant).where(Tenant.slug == slug)),
            "users": db.scalar(select(func.count()).select_from(User).where(User.email == email)),
            "memberships": db.scalar(
                select(func.count()).select_from(Membership).join(Tenant, Tenant.id == Membership.tenant_id).where(Tenant.slug == slug)
            ),
        }


def test_provision_creates_tenant_schema_owner_and_membership(atrium_stack):
    slug, owner = new_slug(), new_owner()
    tenant, user = provision(slug, "Clínica Sorriso", owner, "clinic")
    assert (tenant.schema_name, tenant.blueprint, tenant.status) == (schema_for_slug(slug), "clinic", "active")
    assert user.email == owner.email
    assert leftovers(slug, owner.email) == {"tenants": 1, "users": 1, "memberships": 1}
    with public_session() as db:
        assert db.scalar(select(Membership.role).where(Membership.tenant_id == tenant.id)) == "owner"
    assert schema_exists(tenant.schema_name)


def test_duplicate_slug_is_a_conflict_and_changes_nothing(atrium_stack):
    slug, first = new_slug(), new_owner()
    provision(slug, "First", first)
    second = new_owner()
    with pytest.raises(Conflict) as caught:
        provision(slug, "Second", second)
    assert caught.value.errors[0]["field"] == "slug"
    assert leftovers(slug, first.email) == {"tenants": 1, "users": 1, "memberships": 1}
    assert leftovers(slug, second.email)["users"] == 0


def test_duplicate_slug_through_the_api_is_409(client, tenant_factory):
    taken = tenant_factory()
    body = {"company": "Other", "slug": taken.slug, "name": "O", "email": "other-dup@example.com", "password": "correct horse battery"}
    response = client.post("/api/v1/signup", json=body)
    assert response.status_code == 409
    assert response.get_json()["errors"][0]["field"] == "slug"


def test_unknown_blueprint_is_refused_before_anything_is_created(client):
    slug = new_slug()
    body = {"company": "Company X", "slug": slug, "name": "Owner X", "email": f"{slug}@example.com", "password": "correct horse battery", "blueprint": "bakery"}
    response = client.post("/api/v1/signup", json=body)
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["field"] == "blueprint"
    assert leftovers(slug, f"{slug}@example.com") == {"tenants": 0, "users": 0, "memberships": 0}
    assert not schema_exists(schema_for_slug(slug))


def test_invalid_slug_is_a_422_on_slug(atrium_stack):
    with pytest.raises(Invalid) as caught:
        provision("Bad Slug; --", "X", new_owner())
    assert caught.value.errors[0]["field"] == "slug"


def test_existing_schema_is_never_adopted_and_the_failure_rolls_everything_back(atrium_stack):
    """A schema left behind by hand must not become a new tenant's data: 409, and nothing of the tenant remains."""
    slug, owner = new_slug(), new_owner()
    schema = schema_for_slug(slug)
    with get_engine().begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
        conn.exec_driver_sql(f'CREATE TABLE "{schema}".tags (note text)')
        conn.exec_driver_sql(f"INSERT INTO \"{schema}\".tags VALUES ('stale data')")
    with pytest.raises(Conflict) as caught:
        provision(slug, "Late", owner)
    assert caught.value.errors[0]["field"] == "slug"
    assert leftovers(slug, owner.email) == {"tenants": 0, "users": 0, "memberships": 0}
    with get_engine().connect() as conn:
        assert conn.exec_driver_sql(f'SELECT note FROM "{schema}".tags').scalars().all() == ["stale data"]
        tables = conn.execute(text("SELECT table_name FROM information_schema.tables WHERE table_schema = :s"), {"s": schema})
        assert tables.scalars().all() == ["tags"]


def test_an_existing_user_gets_a_membership_in_the_new_tenant(atrium_stack):
    first_owner = new_owner()
    _, user = provision(new_slug(), "First", first_owner)
    slug = new_slug()
    tenant, same = provision(slug, "Second", Owner(email=first_owner.email, name="Owner", user_id=user.id))
    assert same.id == user.id
    with public_session() as db:
        assert db.scalar(select(func.count()).select_from(Membership).where(Membership.user_id == user.id)) == 2
        assert db.scalar(select(func.count()).select_from(User).where(User.email == first_owner.email)) == 1
