"""Per-tenant plugin state: enablement and settings validated against the plugin's schema.

Secret fields (``writeOnly`` in the schema) are stored encrypted, shown as
``MASK``, and kept when an update omits them or sends ``MASK`` back.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from jsonschema import Draft202012Validator
from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from atrium.db.session import public_session
from atrium.errors import Invalid, NotFound
from atrium.plugins.manager import PluginInfo, get_plugin_manager
from atrium.plugins.models import PluginSettings, TenantPlugin
from atrium.security.crypto import decrypt, encrypt
from atrium.tenancy.context import TenantRef

MASK = "********"


def plugin_info(plugin_id: str) -> PluginInfo:
    """The installed plugin ``plugin_id``; 404 when it is not installed."""
    info = get_plugin_manager().infos.get(plugin_id)
    if info is None:
        raise NotFound(f"no plugin '{plugin_id}' is installed")
    return info


def settings_schema(plugin_id: str) -> dict[str, Any]:
    """The plugin's declared settings schema (an empty object schema when it declares none)."""
    schemas = get_plugin_manager().call_by_plugin("register_settings_schema")
    return schemas.get(plugin_id) or {"type": "object", "properties": {}, "additionalProperties": False}


def secret_fields(schema: dict[str, Any]) -> set[str]:
    """Top-level properties the schema marks ``writeOnly``."""
    return {name for name, prop in schema.get("properties", {}).items() if prop.get("writeOnly")}


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
        if merged.get(name) in (None, MASK) and name in old_secrets:
            merged[name] = old_secrets[name]
        elif merged.get(name) == MASK:
            merged.pop(name)
    errors = sorted(Draft202012Validator(schema).iter_errors(merged), key=lambda e: list(e.absolute_path))
    if errors:
        raise Invalid(
            f"invalid value for '{_field(errors[0])}': {errors[0].message if _field(errors[0]) not in secret_names else 'invalid secret'}",
            errors=[{"field": _field(e), "message": e.message if _field(e) not in secret_names else "invalid secret"} for e in errors],
        )
    plain = {k: v for k, v in merged.items() if k not in secret_names}
    secrets = {k: v for k, v in merged.items() if k in secret_names}
    row = db.get(PluginSettings, plugin_id) or PluginSettings(plugin_id=plugin_id)
    row.settings = plain
    row.secrets = encrypt(json.dumps(secrets)) if secrets else None
    db.add(row)
    db.flush()
    return {**plain, **{name: MASK for name in secrets}}


def _field(error) -> str:
    if error.validator == "required":
        return error.message.split("'")[1]
    if error.validator == "additionalProperties" and "'" in error.message:
        return error.message.split("'")[1]
    return ".".join(str(p) for p in error.absolute_path) or "settings"
