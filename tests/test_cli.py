"""`atrium tenants create|list|show|delete`, run through click as an operator would."""

import gzip
import json
import uuid

from click.testing import CliRunner
from sqlalchemy import func, select, text

from atrium.auth.models import Membership, User
from atrium.cli import cli
from atrium.crm.models import Tag
from atrium.db.session import get_engine, public_session, tenant_session
from atrium.tenancy.blueprints import load_blueprint
from atrium.tenancy.models import Tenant
from atrium.tenancy.names import schema_for_slug
from atrium.tenancy.provisioning import Owner, provision

PASSWORD = "correct horse battery"


def atrium(*args, input=None):
    return CliRunner().invoke(cli, ["--no-embedded", *args], input=input)


def create(slug: str, email: str, blueprint: str = "education"):
    return atrium(
        "tenants", "create", slug, "--name", "Escola Saber", "--owner-email", email,
        "--owner-password", PASSWORD, "--blueprint", blueprint,
    )  # fmt: skip


def new_slug() -> str:
    return f"cli-{uuid.uuid4().hex[:10]}"


def test_create_list_show(atrium_stack):
    slug, email = new_slug(), f"{uuid.uuid4().hex[:8]}@example.com"
    created = create(slug, email)
    assert created.exit_code == 0, created.output
    assert f"created {slug} (schema {schema_for_slug(slug)})" in created.output

    listed = atrium("tenants", "list")
    assert listed.exit_code == 0
    line = next(line for line in listed.output.splitlines() if line.startswith(slug))
    assert schema_for_slug(slug) in line and "education" in line and "Escola Saber" in line

    shown = atrium("tenants", "show", slug)
    assert shown.exit_code == 0, shown.output
    info = json.loads(shown.output)
    assert (info["slug"], info["schema"], info["blueprint"], info["members"], info["up_to_date"]) == (
        slug, schema_for_slug(slug), "education", 1, True,
    )  # fmt: skip


def test_create_asks_for_the_password_twice_when_not_given(atrium_stack):
    slug = new_slug()
    result = atrium(
        "tenants", "create", slug, "--name", "Prompted", "--owner-email", f"{slug}@example.com",
        input=f"{PASSWORD}\n{PASSWORD}\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output


def test_create_refuses_bad_input_with_a_message(atrium_stack):
    slug = new_slug()
    assert create(slug, f"{slug}@example.com").exit_code == 0
    duplicate = create(slug, f"other-{slug}@example.com")
    assert duplicate.exit_code == 1 and "already taken" in duplicate.output
    injected = create("x'; DROP SCHEMA public; --", f"x-{slug}@example.com")
    assert injected.exit_code == 1 and "slug must be" in injected.output
    unknown = create(new_slug(), f"y-{slug}@example.com", blueprint="bakery")
    assert unknown.exit_code == 1 and "unknown blueprint 'bakery'" in unknown.output
    assert atrium("tenants", "show", "no-such-company").exit_code == 1


def test_delete_asks_for_confirmation(atrium_stack, tmp_path):
    slug = new_slug()
    assert create(slug, f"{slug}@example.com").exit_code == 0
    refused = atrium("tenants", "delete", slug, "--export-dir", str(tmp_path), input="n\n")
    assert refused.exit_code == 1 and "Aborted" in refused.output
    assert list(tmp_path.iterdir()) == []
    with public_session() as db:
        assert db.scalar(select(func.count()).select_from(Tenant).where(Tenant.slug == slug)) == 1


def test_delete_exports_everything_then_drops_the_tenant(atrium_stack, tmp_path):
    slug, email = new_slug(), f"{uuid.uuid4().hex[:8]}@example.com"
    assert create(slug, email).exit_code == 0
    schema = schema_for_slug(slug)
    with public_session() as db:
        tenant_id = db.scalar(select(Tenant.id).where(Tenant.slug == slug))
        owner_id = db.scalar(select(User.id).where(User.email == email))
    with tenant_session(schema) as db:
        db.add(Tag(name="ex-aluno", color="#123456"))
    other_slug = new_slug()  # the owner also runs another company: that account must survive
    provision(other_slug, "Outra", Owner(email=email, name="Owner", user_id=owner_id))
    lonely = f"agent-{uuid.uuid4().hex[:8]}@example.com"  # belongs to this tenant only: removed with it
    with public_session() as db:
        agent = User(email=lonely, name="Agente", password_hash="x", is_active=True)
        db.add(agent)
        db.flush()
        db.add(Membership(user_id=agent.id, tenant_id=tenant_id, role="agent", is_active=True))

    result = atrium("tenants", "delete", slug, "--yes", "--export-dir", str(tmp_path))
    assert result.exit_code == 0, result.output
    [export] = tmp_path.iterdir()
    assert f"exported to {export}" in result.output and f"deleted {slug}" in result.output
    assert export.name.startswith(slug) and export.name.endswith(".json.gz")
    assert export.stat().st_mode & 0o777 == 0o600

    raw = gzip.decompress(export.read_bytes()).decode("utf-8")
    assert "password_hash" not in raw
    data = json.loads(raw)
    assert data["format"] == "atrium-tenant-export/1" and data["schema"] == schema
    assert data["shared"]["tenant"]["slug"] == slug
    assert {(m["email"], m["role"]) for m in data["shared"]["members"]} == {(email, "owner"), (lonely, "agent")}
    blueprint = load_blueprint("education")
    assert {t["name"] for t in data["tables"]["tags"]} == {t["name"] for t in blueprint["tags"]} | {"ex-aluno"}
    stages = sorted(data["tables"]["pipeline_stages"], key=lambda s: s["position"])
    assert [s["key"] for s in stages] == [s["key"] for s in blueprint["pipeline"]]
    assert data["tables"]["tenant_config"] == [{"key": "blueprint", "value": blueprint}]
    assert data["tables"]["alembic_version"]

    with get_engine().connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM pg_namespace WHERE nspname = :s"), {"s": schema}).scalar() == 0
    with public_session() as db:
        assert db.scalar(select(func.count()).select_from(Tenant).where(Tenant.slug == slug)) == 0
        assert db.scalar(select(func.count()).select_from(Membership).where(Membership.tenant_id == tenant_id)) == 0
        assert db.scalar(select(func.count()).select_from(User).where(User.email == lonely)) == 0
        assert db.scalar(select(func.count()).select_from(Membership).where(Membership.user_id == owner_id)) == 1
    assert atrium("tenants", "delete", slug, "--yes").exit_code == 1
