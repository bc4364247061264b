"""Helpers shared by the channel, webhook, inbound, sandbox and fault tests (sandbox channels as the provider)."""

from __future__ import annotations

import json
import time
import uuid

from sqlalchemy import func, select, text

from atrium.channels.models import InboundEvent
from atrium.db.session import public_session, tenant_session
from atrium.inbox.models import Contact, Message

SECRET = "a-sandbox-webhook-secret"


def sandbox_channel(tenant, **config) -> dict:
    """Connect a sandbox channel for ``tenant`` (webhook ``secret`` by default); return the API's answer."""
    response = tenant.post("/api/v1/channels", json={"type": "sandbox", "name": "Sandbox", "config": {"secret": SECRET, **config}})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def schema_of(tenant) -> str:
    """The schema of a signed-up company."""
    with public_session() as db:
        return db.scalar(text("SELECT schema_name FROM public.tenants WHERE id = :id"), {"id": tenant.tenant_id})


def body(messages=(), statuses=(), number=None) -> bytes:
    """A sandbox webhook body, ASCII-escaped as providers send it."""
    payload = {"messages": list(messages), "statuses": list(statuses)}
    if number:
        payload["number"] = number
    return json.dumps(payload).encode()


def text_message(text_value: str, sender: str = "+5511987654321", message_id: str | None = None, name: str = "Ana") -> dict:
    """One inbound text message of the sandbox wire format."""
    return {"id": message_id or f"in-{uuid.uuid4().hex}", "from": sender, "name": name, "type": "text", "text": text_value, "timestamp": 1_763_000_000}


def sign(raw: bytes, secret: str = SECRET) -> dict[str, str]:
    """Headers of a correctly signed sandbox webhook."""
    from atrium_sandbox.adapter import sign as sandbox_sign

    return {"X-Sandbox-Signature": sandbox_sign(secret, raw), "Content-Type": "application/json"}


def post_signed(client, url: str, raw: bytes, secret: str = SECRET):
    """POST ``raw`` to ``url`` signed with ``secret``."""
    return client.post(url, data=raw, headers=sign(raw, secret))


def events_of(channel_id: str | None = None, channel_type: str = "sandbox") -> list[InboundEvent]:
    """Stored events of one channel (or the global ones of ``channel_type`` when ``channel_id`` is None)."""
    with public_session() as db:
        where = InboundEvent.channel_id == uuid.UUID(channel_id) if channel_id else InboundEvent.channel_id.is_(None)
        return list(db.scalars(select(InboundEvent).where(where, InboundEvent.channel_type == channel_type).order_by(InboundEvent.received_at)))


def messages_of(tenant) -> list[Message]:
    """Every message stored in ``tenant``'s inbox, oldest first."""
    with tenant_session(schema_of(tenant)) as db:
        return list(db.scalars(select(Message).order_by(Message.created_at, Message.id)))


def contacts_of(tenant) -> list[Contact]:
    """Every contact of ``tenant``."""
    with tenant_session(schema_of(tenant)) as db:
        return list(db.scalars(select(Contact)))


def count_messages(tenant, provider_message_id: str) -> int:
    """How many rows ``tenant`` holds for one provider message id."""
    with tenant_session(schema_of(tenant)) as db:
        return db.scalar(select(func.count()).select_from(Message).where(Message.provider_message_id == provider_message_id))


def wait_for(predicate, timeout: float = 30.0, what: str = "condition"):
    """Poll ``predicate`` until it returns something truthy (and return it); fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)
