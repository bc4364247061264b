"""Shared helpers of the inbox tests (no tests here): a scripted channel plugin and a tenant with a channel.

The ``fake`` channel type is a real ``ChannelAdapter`` registered on the
plugin manager for one test, like a third-party plugin would be. Its sends
follow a script (accept, or raise a given ``SendError``) and are recorded.
Inbound messages enter through the real ingestion (``apply_events``).
"""

from __future__ import annotations

import datetime as dt
import itertools
import threading
import time
import uuid
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest

from atrium.channels import registry
from atrium.channels.contract import (
    ChannelAdapter,
    ContactInfo,
    Identity,
    InboundMessage,
    OutboundMessage,
    SendResult,
    StatusUpdate,
)
from atrium.db.session import public_session, tenant_session
from atrium.inbox.ingest import apply_events
from atrium.inbox.models import Channel, Conversation, Message
from atrium.plugins.hookspecs import hookimpl
from atrium.plugins.manager import get_plugin_manager
from atrium.tenancy.context import TenantRef, tenant_context
from atrium.tenancy.models import Tenant

_numbers = itertools.count(1)


class FakeAdapter(ChannelAdapter):
    """A channel whose sends follow ``script`` (exceptions are raised, anything else accepts)."""

    type = "fake"
    customer_service_window_hours = 24

    def __init__(self) -> None:
        self.script: deque = deque()
        self.sent: list[OutboundMessage] = []
        self.read: list[str] = []
        self._lock = threading.Lock()

    def authenticate(self, channel, headers, body) -> bool:
        return False

    def parse(self, channel, payload):
        return []

    def send(self, channel, message: OutboundMessage) -> SendResult:
        with self._lock:
            self.sent.append(message)
            outcome = self.script.popleft() if self.script else None
        if isinstance(outcome, BaseException):
            raise outcome
        return SendResult(provider_message_id=f"wamid.{message.id}")

    def mark_read(self, channel, provider_message_id: str) -> None:
        self.read.append(provider_message_id)

    def sends_of(self, message_id) -> list[OutboundMessage]:
        """The send attempts of one of our messages."""
        return [m for m in self.sent if m.id == str(message_id)]


class NoWindowAdapter(FakeAdapter):
    """Like ``fake``, without a customer-service window."""

    type = "fake_open"
    customer_service_window_hours = None


class HangingAdapter(FakeAdapter):
    """Like ``fake``; the fault test's worker process hangs in ``send`` for this type."""

    type = "hanging"


class _FakePlugin:
    def __init__(self, *adapters: ChannelAdapter) -> None:
        self.adapters = list(adapters)

    @hookimpl
    def register_channel_types(self):
        return self.adapters


@dataclass
class Inbox:
    """A signed-up company with one ``fake`` channel (and a ``fake_open`` one)."""

    t: object
    tenant: TenantRef
    channel_id: uuid.UUID
    open_channel_id: uuid.UUID
    adapter: FakeAdapter
    numbers: list = field(default_factory=list)

    def db(self):
        """A session bound to the company's schema (and the company bound as current tenant)."""
        return bound_session(self.tenant)

    def inbound(
        self,
        text="Oi, tudo bem?",
        *,
        phone=None,
        name="Maria Silva",
        at=None,
        channel_id=None,
        kind="text",
        content=None,
    ):
        """Ingest a message from ``phone`` (a new number by default); return ``(conversation id, provider id)``."""
        phone = phone or f"+55119{next(_numbers):08d}"
        provider_id = f"wamid.in.{uuid.uuid4().hex}"
        event = InboundMessage(
            provider_message_id=provider_id,
            contact=ContactInfo(identities=(Identity("phone", phone),), name=name, phone=phone),
            type=kind,
            timestamp=at or dt.datetime.now(dt.UTC),
            text=text if kind == "text" else None,
            content=content or {},
        )
        with self.db() as db:
            channel = db.get(Channel, channel_id or self.channel_id)
            apply_events(db, channel, [event])
            message = db.query(Message).filter_by(provider_message_id=provider_id).one()
            return message.conversation_id, provider_id

    def status(self, provider_message_id, status, *, our_message_id=None, at=None):
        """Ingest a delivery status for one of our sent messages."""
        update = StatusUpdate(provider_message_id, status, at or dt.datetime.now(dt.UTC), our_message_id=our_message_id)
        with self.db() as db:
            apply_events(db, db.get(Channel, self.channel_id), [update])

    def message(self, message_id) -> Message:
        """A message row as stored now."""
        with self.db() as db:
            return db.get(Message, uuid.UUID(str(message_id)))

    def conversation(self, conversation_id) -> Conversation:
        """A conversation row as stored now."""
        with self.db() as db:
            return db.get(Conversation, uuid.UUID(str(conversation_id)))

    def send_text(self, conversation_id, text="Olá! Como posso ajudar?"):
        """Send a text through the API; return the 202 body."""
        response = self.t.post(f"/api/v1/conversations/{conversation_id}/messages", json={"type": "text", "text": text})
        assert response.status_code == 202, response.get_json()
        return response.get_json()


@contextmanager
def bound_session(tenant: TenantRef):
    """A session on ``tenant``'s schema, with ``tenant`` bound as the current tenant."""
    with tenant_context(tenant), tenant_session(tenant.schema) as db:
        yield db


def tenant_ref(tenant_id: str) -> TenantRef:
    """The ``TenantRef`` of a signed-up company."""
    with public_session() as db:
        return db.get(Tenant, uuid.UUID(tenant_id)).ref()


def add_channel(tenant: TenantRef, channel_type: str = "fake", config: dict | None = None) -> uuid.UUID:
    """Create a channel row of ``channel_type`` in the company's schema."""
    with tenant_session(tenant.schema) as db:
        channel = Channel(type=channel_type, name=f"{channel_type} channel", config=config or {}, status="active")
        db.add(channel)
        db.flush()
        return channel.id


def wait_for(predicate, timeout: float = 15.0, what: str = "condition"):
    """Poll ``predicate`` until it returns something truthy; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture()
def fake_adapter():
    """The ``fake``, ``fake_open`` and ``hanging`` channel types, registered for this test only."""
    adapter = FakeAdapter()
    pm = get_plugin_manager()
    plugin = _FakePlugin(adapter, NoWindowAdapter(), HangingAdapter())
    pm.register(plugin, name="fake-channel")
    registry.adapters.cache_clear()
    try:
        yield adapter
    finally:
        pm.unregister(name="fake-channel")
        registry.adapters.cache_clear()


@pytest.fixture()
def inbox(tenant_factory, fake_adapter):
    """A new company with a ``fake`` channel (24-hour window) and a ``fake_open`` one (no window)."""
    t = tenant_factory()
    tenant = tenant_ref(t.tenant_id)
    return Inbox(t, tenant, add_channel(tenant, "fake"), add_channel(tenant, "fake_open"), fake_adapter)
