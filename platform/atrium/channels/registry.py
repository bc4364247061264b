"""The channel types contributed by plugins, and channel configuration (secrets encrypted)."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from atrium.channels.contract import ChannelAdapter, ChannelContext
from atrium.errors import Invalid, NotFound
from atrium.inbox.models import Channel
from atrium.security.crypto import decrypt, encrypt


@lru_cache(maxsize=1)
def adapters() -> dict[str, ChannelAdapter]:
    """``{type: adapter}`` of every installed channel plugin."""
    from atrium.plugins.manager import get_plugin_manager

    found: dict[str, ChannelAdapter] = {}
    for contributed in get_plugin_manager().call("register_channel_types"):
        for adapter in contributed:
            found[adapter.type] = adapter
    return found


def adapter_for(channel_type: str) -> ChannelAdapter:
    """The adapter of ``channel_type``; 422 on ``type`` when no plugin provides it."""
    adapter = adapters().get(channel_type)
    if adapter is None:
        raise Invalid(f"unknown channel type '{channel_type}'; installed: {', '.join(sorted(adapters())) or 'none'}", field="type")
    return adapter


def secret_fields(adapter: ChannelAdapter) -> set[str]:
    """Configuration fields the adapter marks ``writeOnly`` (stored encrypted, never returned)."""
    return {k for k, v in adapter.config_schema.get("properties", {}).items() if v.get("writeOnly")}


def split_config(adapter: ChannelAdapter, config: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """``(plain config, encrypted secrets)`` for storing a channel's configuration."""
    secrets = {k: v for k, v in config.items() if k in secret_fields(adapter)}
    plain = {k: v for k, v in config.items() if k not in secrets}
    return plain, encrypt(json.dumps(secrets)) if secrets else None


def context(channel: Channel) -> ChannelContext:
    """What an adapter needs to act for ``channel``: its id, tenant and full (decrypted) config."""
    from atrium.tenancy.context import current_tenant

    if channel is None:
        raise NotFound("no channel with this id")
    secrets = json.loads(decrypt(channel.secrets)) if channel.secrets else {}
    return ChannelContext(id=str(channel.id), tenant_id=str(current_tenant().id), config={**channel.config, **secrets})
