"""Connecting channels: configuration validated by the adapter's schema, secrets encrypted,
routing keys claimed in the shared table.

Every function takes the caller's tenant-bound session; the routing keys
(``public.routing_keys``) are written in the same transaction as the
channel, so a channel and the keys that route to it exist together or not
at all. A key another channel already holds is a 409 naming the field.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from jsonschema import Draft202012Validator
from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from atrium.channels.contract import ChannelAdapter
from atrium.channels.intake import CHANNEL_KIND, forget_channel
from atrium.channels.registry import adapter_for, adapters, secret_fields, split_config
from atrium.db.base import new_id
from atrium.errors import Conflict, Invalid, NotFound
from atrium.inbox.aftercommit import after_commit
from atrium.inbox.models import Channel
from atrium.security.crypto import decrypt
from atrium.tenancy.context import TenantRef
from atrium.tenancy.models import RoutingKey


def webhook_path(channel: Channel) -> str:
    """The absolute path a provider calls for ``channel``."""
    return f"/webhooks/{channel.type}/{channel.id}"


def stored_secrets(channel: Channel) -> dict[str, Any]:
    """The channel's decrypted secret fields."""
    return json.loads(decrypt(channel.secrets)) if channel.secrets else {}


def upload_rules(channel_type: str) -> dict[str, dict[str, Any]]:
    """The uploaded files a channel of ``channel_type`` sends, per message type: MIME types and largest size."""
    adapter = adapters().get(channel_type)
    rules = adapter.upload_rules if adapter is not None else {}
    return {kind: {"mime_types": sorted(rule.mime_types), "max_bytes": rule.max_bytes} for kind, rule in rules.items()}


def describe(channel: Channel) -> dict[str, Any]:
    """The API view of a channel: plain configuration only, and the names of the secrets that are set."""
    return {
        "id": channel.id,
        "type": channel.type,
        "name": channel.name,
        "webhook_url": webhook_path(channel),
        "config": dict(channel.config or {}),
        "secrets_set": sorted(stored_secrets(channel)),
        "upload_rules": upload_rules(channel.type),
        "status": channel.status,
        "last_event_at": channel.last_event_at,
        "last_error": channel.last_error,
        "last_error_at": channel.last_error_at,
        "created_at": channel.created_at,
        "updated_at": channel.updated_at,
    }


def get_channel(db: Session, channel_id: uuid.UUID) -> Channel:
    """The tenant's channel ``channel_id``; 404 otherwise."""
    channel = db.get(Channel, channel_id)
    if channel is None:
        raise NotFound("no channel with this id")
    return channel


def create_channel(db: Session, tenant: TenantRef, channel_type: str, name: str, config: dict[str, Any]) -> Channel:
    """Connect a channel of ``channel_type``; 422 naming a bad field, 409 when a routing key is taken."""
    adapter = adapter_for(channel_type)
    validate_config(adapter, config)
    plain, secrets = split_config(adapter, config)
    channel = Channel(id=new_id(), type=channel_type, name=name, config=plain, secrets=secrets, status="active")
    db.add(channel)
    db.flush()
    claim_routing_keys(db, tenant, channel, adapter, config)
    return channel


def update_channel(db: Session, tenant: TenantRef, channel: Channel, name: str | None = None, config: dict[str, Any] | None = None) -> Channel:
    """Rename a channel and/or merge ``config`` into its configuration.

    ``config`` is a JSON merge patch over the full configuration: given keys
    replace their values, ``null`` removes a key, omitted keys (secrets
    included) are kept. The result is validated as a whole.
    """
    if name is not None:
        channel.name = name
    if config is not None:
        adapter = adapter_for(channel.type)
        merged = {**channel.config, **stored_secrets(channel)}
        for key, value in config.items():
            if value is None:
                merged.pop(key, None)
            else:
                merged[key] = value
        validate_config(adapter, merged)
        channel.config, channel.secrets = split_config(adapter, merged)
        claim_routing_keys(db, tenant, channel, adapter, merged)
    db.flush()
    channel_id = channel.id
    after_commit(db, lambda: forget_channel(channel_id))
    return channel


def delete_channel(db: Session, tenant: TenantRef, channel: Channel) -> None:
    """Disconnect a channel: its routing keys go, and with it its conversations and messages."""
    db.execute(delete(RoutingKey).where(RoutingKey.tenant_id == tenant.id, RoutingKey.target_id == channel.id))
    channel_id = channel.id
    db.delete(channel)
    db.flush()
    after_commit(db, lambda: forget_channel(channel_id))


def validate_config(adapter: ChannelAdapter, config: dict[str, Any]) -> None:
    """Check ``config`` against the adapter's JSON Schema; ``Invalid`` naming each bad ``config.<field>``.

    Messages about secret fields never repeat the value.
    """
    errors = sorted(Draft202012Validator(adapter.config_schema).iter_errors(config), key=lambda e: list(e.absolute_path))
    if not errors:
        return
    secrets = secret_fields(adapter)
    found = []
    for error in errors:
        field = _field(error)
        secret = field.split(".")[0] in secrets
        found.append({"field": f"config.{field}" if field else "config", "message": "invalid secret" if secret else error.message})
    first = found[0]
    raise Invalid(f"invalid value for '{first['field']}': {first['message']}", errors=found)


def _field(error) -> str:
    """The dotted path of the property a JSON Schema error is about (for ``required``: the missing one)."""
    path = [str(part) for part in error.absolute_path]
    instance = error.instance if isinstance(error.instance, dict) else {}
    if error.validator == "required":
        path.extend([name for name in error.validator_value if name not in instance][:1])
    elif error.validator == "additionalProperties":
        allowed = set(error.schema.get("properties", {}))
        path.extend(sorted(name for name in instance if name not in allowed)[:1])
    return ".".join(path)


def claim_routing_keys(db: Session, tenant: TenantRef, channel: Channel, adapter: ChannelAdapter, config: dict[str, Any]) -> None:
    """Make ``public.routing_keys`` map exactly this channel's keys (and its id) to it.

    Keys the channel no longer has are released; a key held by any other
    channel, of this tenant or another, is a 409 on the config field that
    holds it (the transaction is rolled back with the request).
    """
    wanted = {(CHANNEL_KIND, str(channel.id))} | {(str(kind), str(key)) for kind, key in adapter.routing_keys(config)}
    held = {(row.kind, row.key): row for row in db.scalars(select(RoutingKey).where(RoutingKey.target_id == channel.id))}
    for pair, row in held.items():
        if pair not in wanted:
            db.delete(row)
    db.flush()
    for kind, key in sorted(wanted - set(held)):
        claimed = db.scalar(
            insert(RoutingKey)
            .values(id=new_id(), kind=kind, key=key, tenant_id=tenant.id, target_id=channel.id)
            .on_conflict_do_nothing(index_elements=["kind", "key"])
            .returning(RoutingKey.id)
        )
        if claimed is None:
            field = next((f"config.{name}" for name, value in config.items() if str(value) == key), "config")
            raise Conflict(f"another channel is already connected with this {field.removeprefix('config.')}", field=field)
