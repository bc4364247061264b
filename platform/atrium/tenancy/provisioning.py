"""Provisioning and removing tenants.

``provision`` does everything in one PostgreSQL transaction (DDL is
transactional): the tenant row, its schema and every tenant migration, the
blueprint's seed data, the owner's membership and each plugin's
``on_tenant_created``. Either all of it exists afterwards, or none of it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from atrium.auth.models import Membership, User
from atrium.crm.models import PipelineStage, Tag
from atrium.db.session import BoundSession, get_engine
from atrium.errors import Conflict
from atrium.migrate.runner import upgrade_tenant
from atrium.tenancy.blueprints import load_blueprint
from atrium.tenancy.models import Tenant, TenantConfig
from atrium.tenancy.names import check_slug, schema_for_slug

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

    Raises ``Conflict`` (field ``slug``) if the slug is taken, ``Invalid`` for a bad
    slug or an unknown blueprint.
    """
    from atrium.plugins.manager import get_plugin_manager

    check_slug(slug)
    plan = load_blueprint(blueprint)
    schema = schema_for_slug(slug)
    with BoundSession(bind=get_engine(), info={"schema": None}, expire_on_commit=False) as db:
        try:
            with db.begin():
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
                db.flush()
                db.add(Membership(user_id=user.id, tenant_id=tenant.id, role="owner", is_active=True))
                upgrade_tenant(db.connection(), schema)
                db.info["schema"] = schema
                apply_blueprint(db, plan)
                db.flush()
                for plugin_id in get_plugin_manager().infos:
                    _notify_created(db, plugin_id, tenant, plan)
        except IntegrityError as exc:
            raise Conflict(f"the slug '{slug}' is already taken", field="slug") from exc
    log.info("tenant provisioned", extra={"tenant": slug, "blueprint": plan["id"]})
    return tenant, user


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


def drop_tenant(slug: str) -> None:
    """Drop tenant ``slug``: its schema and every shared row that refers to it (one transaction)."""
    with BoundSession(bind=get_engine(), info={"schema": None}) as db, db.begin():
        tenant = db.scalar(select(Tenant).where(Tenant.slug == slug))
        if tenant is None:
            return
        db.connection().exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema_for_slug(tenant.slug)}" CASCADE')
        db.delete(tenant)
    log.info("tenant dropped", extra={"tenant": slug})
