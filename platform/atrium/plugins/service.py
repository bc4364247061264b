"""Per-tenant plugin state: enablement and settings validated against the plugin's schema.

Secret fields (top-level properties marked ``writeOnly`` in the schema) are
stored encrypted, shown as ``MASK``, kept when an update omits them or sends
``MASK`` back, and removed when an update sends ``null``.
"""

from __future__ import annotations

import json
import logging
import uuid
from typing import Any

from jsonschema import Draft202012Validator, SchemaError
from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from atrium.db.session import public_session
from atrium.errors import Invalid, NotFound
from atrium.plugins.manager import PluginInfo, get_plugin_manager
from atrium.plugins.models import PluginCatalogue, PluginSettings, TenantPlugin
from atrium.security.crypto import decrypt, encrypt
from atrium.tenancy.context import TenantRef

log = logging.getLogger(__name__)

MASK = "********"
EMPTY_SCHEMA: dict[str, Any] = {"type": "object", "properties": {}, "additionalProperties": False}


def plugin_info(plugin_id: str) -> PluginInfo:
    """The installed plugin ``plugin_id``; 404 when it is not installed."""
    info = get_plugin_manager().infos.get(plugin_id)
    if info is None:
        raise NotFound(f"no plugin '{plugin_id}' is installed")
    return info


def settings_schemas() -> dict[str, dict[str, Any]]:
    """Every installed plugin's settings schema, by plugin id (see ``settings_schema``)."""
    declared = get_plugin_manager().call_by_plugin("register_settings_schema")
    return {info.id: _usable(info.id, declared.get(info.id)) for info in get_plugin_manager().plugin_infos()}


def settings_schema(plugin_id: str) -> dict[str, Any]:
    """The plugin's declared settings schema (an empty object schema when it declares none)."""
    declared = get_plugin_manager().call_by_plugin("register_settings_schema")
    return _usable(plugin_id, declared.get(plugin_id))


def _usable(plugin_id: str, schema: Any) -> dict[str, Any]:
    """``schema`` if it is a valid object schema; otherwise (logged) the empty schema."""
    if schema is None:
        return EMPTY_SCHEMA
    try:
        Draft202012Validator.check_schema(schema)
        if schema.get("type") != "object":
            raise SchemaError("the settings schema must have type 'object'")
    except (SchemaError, AttributeError):
        log.exception("plugin declared an invalid settings schema; ignoring it", extra={"plugin": plugin_id})
        return EMPTY_SCHEMA
    return schema


def secret_fields(schema: dict[str, Any]) -> set[str]:
    """Top-level properties the schema marks ``writeOnly``."""
    return {name for name, prop in schema.get("properties", {}).items() if prop.get("writeOnly")}


def record_catalogue() -> None:
    """Record this process's installed plugins (id, version, distribution) in the shared catalogue.

    A database that cannot be reached yet is logged, not raised: the catalogue
    is informative and the next process start records it again.
    """
    rows = [{"id": i.id, "version": i.version, "distribution": i.distribution} for i in get_plugin_manager().plugin_infos()]
    if not rows:
        return
    stmt = insert(PluginCatalogue).values(rows)
    stmt = stmt.on_conflict_do_update(
        index_elements=[PluginCatalogue.id],
        set_={"version": stmt.excluded.version, "distribution": stmt.excluded.distribution, "seen_at": func.now()},
    )
    try:
        with public_session() as db:
            db.execute(stmt)
    except SQLAlchemyError:
        log.exception("could not record the plugin catalogue")


def enabled_plugin_ids(tenant_id: uuid.UUID) -> set[str]:
    """Ids of the plugins enabled for ``tenant_id``."""
    with public_session() as db:
        return set(db.scalars(select(TenantPlugin.plugin_id).where(TenantPlugin.tenant_id == tenant_id)))


def set_enabled(tenant: TenantRef, plugin_id: str, enabled: bool) -> None:
    """Enable or disable ``plugin_id`` for ``tenant`` and notify every plugin."""
    plugin_info(plugin_id)
    with public_session() as db:
        if enabled:
            db.execute(insert(TenantPlugin).values(tenant_id=tenant.id, plugin_id=plugin_id).on_conflict_do_nothing())
        else:
            db.execute(delete(TenantPlugin).where(TenantPlugin.tenant_id == tenant.id, TenantPlugin.plugin_id == plugin_id))
    get_plugin_manager().call("on_plugin_enabled" if enabled else "on_plugin_disabled", tenant=tenant, plugin_id=plugin_id)


def _stored(db: Session, plugin_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    row = db.get(PluginSettings, plugin_id)
    if row is None:
        return {}, {}
    return dict(row.settings or {}), json.loads(decrypt(row.secrets)) if row.secrets else {}


def get_settings_masked(db: Session, plugin_id: str) -> dict[str, Any]:
    """The tenant's settings of ``plugin_id`` with every set secret shown as ``MASK``."""
    plugin_info(plugin_id)
    plain, secrets = _stored(db, plugin_id)
    return {**plain, **{name: MASK for name in secrets}}


def get_settings_for_plugin(db: Session, plugin_id: str) -> dict[str, Any]:
    """The tenant's settings of ``plugin_id`` with secrets decrypted (for the plugin's own use)."""
    plain, secrets = _stored(db, plugin_id)
    return {**plain, **secrets}


def put_settings(db: Session, plugin_id: str, data: dict[str, Any]) -> dict[str, Any]:
    """Validate and store ``data`` as the tenant's settings of ``plugin_id``; return them masked.

    Raises ``Invalid`` naming the first offending field.
    """
    plugin_info(plugin_id)
    if not isinstance(data, dict):
        raise Invalid("settings must be a JSON object", field="settings")
    schema = settings_schema(plugin_id)
    secret_names = secret_fields(schema)
    _, old_secrets = _stored(db, plugin_id)
    merged = dict(data)
    for name in secret_names:
        if name not in merged or merged[name] == MASK:
            merged.pop(name, None)
            if name in old_secrets:
                merged[name] = old_secrets[name]
        elif merged[name] is None:
            merged.pop(name)
    errors = sorted(Draft202012Validator(schema).iter_errors(merged), key=lambda e: list(e.absolute_path))
    if errors:
        described = [{"field": _field(e), "message": _message(e, secret_names)} for e in errors]
        raise Invalid(f"invalid value for '{described[0]['field']}': {described[0]['message']}", errors=described)
    plain = {k: v for k, v in merged.items() if k not in secret_names}
    secrets = {k: v for k, v in merged.items() if k in secret_names}
    row = db.get(PluginSettings, plugin_id) or PluginSettings(plugin_id=plugin_id)
    row.settings = plain
    row.secrets = encrypt(json.dumps(secrets)) if secrets else None
    db.add(row)
    db.flush()
    return {**plain, **{name: MASK for name in secrets}}


def _field(error) -> str:
    """Dotted path of the offending property (the missing or unexpected one, for those errors)."""
    path = [str(p) for p in error.absolute_path]
    if error.validator in ("required", "additionalProperties") and "'" in error.message:
        path.append(error.message.split("'")[1])
    return ".".join(path) or "settings"


def _message(error, secret_names: set[str]) -> str:
    """The validator's message, except for secrets, whose value must not be echoed."""
    secret = _field(error).split(".")[0] in secret_names and error.validator != "required"
    return "invalid secret" if secret else error.message
