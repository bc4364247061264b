"""Taking an inbound event in: find its channel, store it durably, queue its processing.

Shared by the webhook routes and by plugins that receive events some other
way (``atrium.plugins.receive_inbound``: the sandbox's injected messages, a
polling channel), so every event follows the same durable path.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select

from atrium.channels.contract import ChannelContext
from atrium.channels.processing import enqueue_soon
from atrium.channels.registry import context
from atrium.channels.store import Received, insert_events
from atrium.db.group_commit import GroupCommit
from atrium.db.session import public_session, tenant_session
from atrium.errors import NotFound
from atrium.inbox.models import Channel
from atrium.local_cache import LocalCache
from atrium.tenancy.context import TenantRef, current_tenant_or_none, tenant_context
from atrium.tenancy.models import RoutingKey, Tenant

CHANNEL_KIND = "channel"  # routing-key kind mapping a channel id to its tenant (per-channel webhook URLs)
CACHE_SECONDS = 10.0


@dataclass(frozen=True)
class ChannelTarget:
    """A configured channel found from its id alone: its tenant, type and adapter context."""

    tenant: TenantRef
    type: str
    channel: ChannelContext


_channels: LocalCache[ChannelTarget] = LocalCache(CACHE_SECONDS)


def find_channel(channel_id: uuid.UUID) -> ChannelTarget | None:
    """The channel ``channel_id`` of whichever tenant registered it, or ``None``.

    Found channels are kept for ``CACHE_SECONDS`` per process (the webhook
    path must stay lean): a changed configuration applies at once in the
    process that changed it, and within ``CACHE_SECONDS`` everywhere else.
    """
    return _channels.get(channel_id, lambda: _load_channel(channel_id))


def forget_channel(channel_id: uuid.UUID) -> None:
    """Drop a channel from this process's cache (after its configuration changed)."""
    _channels.forget(channel_id)


def _load_channel(channel_id: uuid.UUID) -> ChannelTarget | None:
    with public_session() as db:
        tenant = db.scalar(
            select(Tenant)
            .join(RoutingKey, RoutingKey.tenant_id == Tenant.id)
            .where(RoutingKey.kind == CHANNEL_KIND, RoutingKey.key == str(channel_id))
        )
        ref = tenant.ref() if tenant is not None else None
    if ref is None:
        return None
    with tenant_context(ref), tenant_session(ref.schema) as db:
        channel = db.get(Channel, channel_id)
        return ChannelTarget(ref, channel.type, context(channel)) if channel is not None else None


def _store_and_queue(batch: list[Received]) -> list[uuid.UUID | None]:
    event_ids = insert_events(batch)
    enqueue_soon([event_id for event_id in event_ids if event_id is not None])
    return event_ids


_group = GroupCommit(_store_and_queue)


def receive(channel_type: str, body: bytes, tenant_id: uuid.UUID | None = None, channel_id: uuid.UUID | None = None) -> uuid.UUID | None:
    """Store ``body`` as an event and queue it; ``None`` when the same event was received before.

    Concurrent calls in a process are stored in one statement
    (``GroupCommit``); each returns once its event is stored, and the
    processing is queued right after from a background thread (``enqueue_soon``).
    """
    return _group(Received(channel_type, body, tenant_id, channel_id))


def receive_inbound(channel_type: str, channel_id: uuid.UUID | str, body: bytes) -> str | None:
    """Take ``body`` in for channel ``channel_id`` exactly as a verified webhook would be.

    The body goes to the durable event store, then to the adapter's ``parse``
    in a worker. When a tenant is bound, the channel must be one of its own.
    Returns the event id, or ``None`` when the same body was received before
    for this channel. Raises ``NotFound`` for an unknown channel or one of
    another type.
    """
    try:
        target = find_channel(uuid.UUID(str(channel_id)))
    except ValueError:
        target = None
    bound = current_tenant_or_none()
    if target is None or target.type != channel_type or (bound is not None and bound.id != target.tenant.id):
        raise NotFound(f"no {channel_type} channel with this id")
    event_id = receive(channel_type, body, target.tenant.id, uuid.UUID(target.channel.id))
    return str(event_id) if event_id is not None else None
