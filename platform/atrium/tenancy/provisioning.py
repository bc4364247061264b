"""Provisioning and removing tenants.

``provision`` does everything in one PostgreSQL transaction (DDL is
transactional): the tenant row, its schema and every tenant migration, the
blueprint's seed data, the owner's membership and each plugin's
``on_tenant_created``. Either all of it exists afterwards, or none of it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from psycopg.errors import DuplicateSchema
from sqlalchemy.exc import IntegrityError, ProgrammingError

from atrium.auth.models import Membership, User
from atrium.crm.models import PipelineStage, Tag
from atrium.db.session import BoundSession, get_engine
from atrium.errors import Conflict, Invalid
from atrium.migrate.runner import plugin_migration_locations, render_tenant_upgrade, upgrade_tenant
from atrium.tenancy.blueprints import load_blueprint
from atrium.tenancy.models import Tenant, TenantConfig
from atrium.tenancy.names import InvalidName, check_schema_name, schema_for_slug

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Owner:
    """The first user of a tenant: an existing user (by id) or a new one."""

    email: str
    name: str
    password_hash: str | None = None
    user_id: object | None = None


def provision(slug: str, name: str, owner: Owner, blueprint: str | None = None) -> tuple[Tenant, User]:
    """Create tenant ``slug`` from ``blueprint`` with ``owner`` as its owner; all or nothing.

    Raises ``Conflict`` if the slug (or a new owner's email) is taken,
    ``Invalid`` for a bad slug or an unknown or broken blueprint. Any other
    failure (a migration, a seed row) rolls everything back and propagates.
    """
    from atrium.plugins.manager import get_plugin_manager

    try:
        schema = schema_for_slug(slug)
    except InvalidName as exc:
        raise Invalid(str(exc), field="slug") from exc
    plan = load_blueprint(blueprint)
    with BoundSession(bind=get_engine(), info={"schema": None}, expire_on_commit=False) as db, db.begin():
        if db.scalar(select(Tenant.id).where(Tenant.slug == slug)):
            raise Conflict(f"the slug '{slug}' is already taken", field="slug")
        tenant = Tenant(
            slug=slug,
            name=name,
            schema_name=schema,
            blueprint=plan["id"],
            locale=plan.get("locale", "pt-BR"),
            timezone=plan.get("timezone", "America/Sao_Paulo"),
            status="active",
        )
        db.add(tenant)
        user = _owner_user(db, owner)
        _flush_new_identities(db, slug)
        db.add(Membership(user_id=user.id, tenant_id=tenant.id, role="owner", is_active=True))
        _create_schema(db, schema, slug)
        locations = plugin_migration_locations()
        upgrade_tenant(db.connection(), schema, locations, render_tenant_upgrade(frozenset(), locations))
        db.info["schema"] = schema
        apply_blueprint(db, plan)
        db.flush()
        for plugin_id in get_plugin_manager().infos:
            _notify_created(db, plugin_id, tenant, plan)
    log.info("tenant provisioned", extra={"tenant": slug, "blueprint": plan["id"]})
    return tenant, user


def _flush_new_identities(db: BoundSession, slug: str) -> None:
    """Insert the tenant (and a new owner); a concurrent sign-up with the same slug or email is a 409."""
    try:
        db.flush()
    except IntegrityError as exc:
        constraint = getattr(getattr(exc.orig, "diag", None), "constraint_name", None) or ""
        if constraint.startswith("uq_tenants_"):
            raise Conflict(f"the slug '{slug}' is already taken", field="slug") from exc
        if constraint == "uq_users_email_lower":
            raise Conflict("this email is already registered; log in to create another company", field="email") from exc
        raise


def _create_schema(db: BoundSession, schema: str, slug: str) -> None:
    """Create the tenant's schema; one that already exists (left behind by hand) is never adopted."""
    try:
        db.connection().exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    except ProgrammingError as exc:
        if not isinstance(exc.orig, DuplicateSchema):
            raise
        log.error("a schema without a tenant blocks this slug", extra={"tenant": slug, "schema": schema})
        raise Conflict(f"the slug '{slug}' is not available", field="slug") from exc


def _owner_user(db: BoundSession, owner: Owner) -> User:
    if owner.user_id is not None:
        return db.get(User, owner.user_id)
    existing = db.scalar(select(User).where(func.lower(User.email) == owner.email.lower()))
    if existing is not None:
        raise Conflict("this email is already registered; log in to create another company", field="email")
    user = User(email=owner.email.lower(), name=owner.name, password_hash=owner.password_hash, is_active=True)
    db.add(user)
    return user


def _notify_created(db: BoundSession, plugin_id: str, tenant: Tenant, plan: dict) -> None:
    from atrium.plugins.manager import get_plugin_manager

    savepoint = db.begin_nested()
    try:
        get_plugin_manager().call_one("on_tenant_created", plugin_id, tenant=tenant.ref(), blueprint=plan, session=db)
        db.flush()
    except Exception:
        savepoint.rollback()
        log.exception("plugin failed while seeding a new tenant", extra={"plugin": plugin_id})
    else:
        savepoint.commit()


def apply_blueprint(db: BoundSession, plan: dict) -> None:
    """Seed a tenant schema from a blueprint: pipeline stages, tags, and the blueprint itself."""
    for position, stage in enumerate(plan.get("pipeline", [])):
        db.add(
            PipelineStage(
                key=stage["key"],
                name=stage["name"],
                position=position,
                color=stage.get("color", "#64748b"),
                outcome=stage.get("outcome"),
            )
        )
    for tag in plan.get("tags", []):
        db.add(Tag(name=tag["name"], color=tag.get("color", "#64748b")))
    db.add(TenantConfig(key="blueprint", value=plan))


def drop_tenant(slug: str) -> bool:
    """Drop tenant ``slug`` in one transaction; return False if there is no such tenant.

    Drops its schema and every shared row that refers to it (memberships,
    tokens, routing keys, plugin enablement cascade), and the accounts that
    belonged to this tenant only.
    """
    with BoundSession(bind=get_engine(), info={"schema": None}) as db, db.begin():
        tenant = db.scalar(select(Tenant).where(Tenant.slug == slug).with_for_update())
        if tenant is None:
            return False
        members = list(db.scalars(select(Membership.user_id).where(Membership.tenant_id == tenant.id)))
        db.connection().exec_driver_sql(f'DROP SCHEMA IF EXISTS "{check_schema_name(tenant.schema_name)}" CASCADE')
        db.delete(tenant)
        db.flush()
        still_member = select(Membership.id).where(Membership.user_id == User.id).exists()
        db.execute(delete(User).where(User.id.in_(members), ~still_member))
    log.info("tenant dropped", extra={"tenant": slug})
    return True
