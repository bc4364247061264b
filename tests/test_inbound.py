"""Processing stored events: exactly once in effect, retries with backoff, dead letters, the sweeper, global routing, replays.

A throwaway ``probe`` channel type (a plugin object registered for the test)
lets a test break and mend the parser, and route one global event to several
channels.
"""

from __future__ import annotations

import datetime as dt
import json
import time
import uuid
from typing import ClassVar

import pytest
from click.testing import CliRunner
from inbound_helpers import contacts_of, count_messages, messages_of, wait_for
from sqlalchemy import select, update

from atrium.channels import store
from atrium.channels.cli import events as events_cli
from atrium.channels.models import InboundEvent
from atrium.channels.processing import process
from atrium.channels.registry import adapters
from atrium.channels.sweeper import sweep
from atrium.db.session import public_session
from atrium.plugins import ChannelAdapter, ContactInfo, Identity, InboundMessage, SendError, hookimpl
from atrium.plugins.manager import get_plugin_manager
from atrium.workers.actors import actor
from atrium.workers.broker import get_broker
from atrium.workers.runtime import start_worker

GENUINE = {"X-Probe": "genuine", "Content-Type": "application/json"}
REPORTS_DONE: list[int] = []


@actor(queue_name="tests-reports", actor_name="tests.slow_report")
def slow_report(n: int) -> None:
    """Stands for a long report or campaign job."""
    time.sleep(0.2)
    REPORTS_DONE.append(n)


class ProbeAdapter(ChannelAdapter):
    """A minimal channel type: messages addressed ``to`` a channel's number; a parser that can be broken."""

    type = "probe"
    global_webhook = "probe"
    config_schema: ClassVar[dict] = {"type": "object", "properties": {"number": {"type": "string"}}, "additionalProperties": False}

    def __init__(self) -> None:
        self.broken = False

    def routing_keys(self, config):
        return [("probe", config["number"])] if config.get("number") else []

    def authenticate(self, channel, headers, body):
        return headers.get("X-Probe") == "genuine"

    def route(self, payload):
        return [("probe", m["to"]) for m in payload.get("messages", [])]

    def parse(self, channel, payload):
        if self.broken:
            raise RuntimeError("the probe parser is broken")
        return [
            InboundMessage(
                provider_message_id=m["id"],
                contact=ContactInfo((Identity("phone", m["from"]),), phone=m["from"]),
                type="text",
                timestamp=dt.datetime.now(dt.UTC),
                text=m["text"],
            )
            for m in payload.get("messages", [])
            if m.get("to") in (None, channel.config.get("number"))
        ]

    def send(self, channel, message):
        raise SendError("the probe cannot send")


class ProbePlugin:
    def __init__(self, adapter: ProbeAdapter) -> None:
        self.adapter = adapter

    @hookimpl
    def register_channel_types(self):
        return [self.adapter]


@pytest.fixture()
def probe():
    """The ``probe`` channel type, installed for this test."""
    adapter = ProbeAdapter()
    with get_plugin_manager().installed(ProbePlugin(adapter), "probe-channel"):
        adapters.cache_clear()
        yield adapter
    adapters.cache_clear()


def probe_channel(tenant, number: str | None = None) -> dict:
    config = {"number": number} if number else {}
    response = tenant.post("/api/v1/channels", json={"type": "probe", "name": "Probe", "config": config})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def message(text: str, to: str | None = None, sender: str = "+5511987654321") -> dict:
    return {"id": f"probe-{uuid.uuid4().hex}", "from": sender, "text": text, "to": to}


def post(client, url: str, *messages: dict) -> bytes:
    raw = json.dumps({"messages": list(messages)}).encode()
    assert client.post(url, data=raw, headers=GENUINE).status_code == 200
    return raw


def event_of(raw: bytes) -> InboundEvent:
    with public_session() as db:
        return db.scalars(select(InboundEvent).where(InboundEvent.body == raw)).one()


def event_of_global(raw: bytes) -> InboundEvent:
    with public_session() as db:
        return db.scalars(select(InboundEvent).where(InboundEvent.body == raw, InboundEvent.channel_id.is_(None))).one()


def run_cli(*args: str):
    result = CliRunner().invoke(events_cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_processing_an_event_twice_stores_its_message_once(client, tenant_factory, probe):
    t = tenant_factory()
    channel = probe_channel(t)
    raw = post(client, channel["webhook_url"], message("uma vez"))
    event = event_of(raw)
    assert event.status == "pending" and event.attempts == 0
    assert process(event.id) == "processed"
    assert process(event.id) is None
    [stored] = messages_of(t)
    assert stored.text == "uma vez" and event_of(raw).processed_at is not None


def test_a_failing_event_backs_off_then_dies_and_is_replayed_once_the_parser_is_fixed(client, tenant_factory, probe):
    t = tenant_factory()
    channel = probe_channel(t)
    probe.broken = True
    raw = post(client, channel["webhook_url"], message("vou falhar"))
    event_id = event_of(raw).id
    assert process(event_id) == "failed"
    failed = event_of(raw)
    assert (failed.attempts, failed.last_error) == (1, "RuntimeError: the probe parser is broken")
    assert failed.next_attempt_at > failed.received_at and event_id not in store.lease_due()
    assert t.get(f"/api/v1/channels/{channel['id']}").get_json()["last_error"] == "RuntimeError: the probe parser is broken"
    statuses = [process(event_id) for _ in range(store.MAX_ATTEMPTS - 1)]
    assert statuses == ["failed"] * (store.MAX_ATTEMPTS - 2) + ["dead"]
    assert event_of(raw).attempts == store.MAX_ATTEMPTS and process(event_id) is None
    assert str(event_id) in run_cli("list", "--status", "dead")
    assert json.loads(run_cli("show", str(event_id)))["body"] == raw.decode()
    probe.broken = False
    assert "replayed 1 event(s) inline" in run_cli("replay", str(event_id), "--inline")
    assert event_of(raw).status == "processed" and [m.text for m in messages_of(t)] == ["vou falhar"]


def test_backoff_doubles_up_to_an_hour():
    delays = [store.backoff(n).total_seconds() for n in range(1, 10)]
    assert delays == [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]


def test_the_sweeper_queues_left_behind_events_once_they_are_due(tenant_factory, probe, worker):
    t = tenant_factory()
    channel = probe_channel(t)
    raw = json.dumps({"messages": [message("esquecido")]}).encode()
    [event_id] = store.insert_events([store.Received("probe", raw, uuid.UUID(t.tenant_id), uuid.UUID(channel["id"]))])
    fresh = event_of(raw).next_attempt_at
    sweep()
    assert (event_of(raw).status, event_of(raw).next_attempt_at) == ("pending", fresh)
    store.make_due([event_id])
    assert sweep() >= 1
    wait_for(lambda: event_of(raw).status == "processed", what="the swept event")
    assert [m.text for m in messages_of(t)] == ["esquecido"]


def test_a_leased_event_is_not_handed_out_twice():
    raw = json.dumps({"lease": uuid.uuid4().hex}).encode()
    [event_id] = store.insert_events([store.Received("probe", raw)])
    store.make_due([event_id])
    assert event_id in store.lease_due()
    assert event_id not in store.lease_due()


def test_a_global_event_for_several_channels_reaches_each_company_once(client, tenant_factory, probe, worker):
    a, b = tenant_factory(), tenant_factory()
    probe_channel(a, "+5511900000601")
    probe_channel(b, "+5511900000602")
    for_a, for_b, stray = message("para A", to="+5511900000601"), message("para B", to="+5511900000602"), message("?", to="+1555")
    raw = post(client, "/webhooks/probe", for_a, for_b, stray)
    wait_for(lambda: count_messages(a, for_a["id"]) and count_messages(b, for_b["id"]), what="both companies' messages")
    assert [m.text for m in messages_of(a)] == ["para A"] and [m.text for m in messages_of(b)] == ["para B"]
    assert event_of_global(raw).status == "processed"
    with public_session() as db:
        copies = db.scalars(select(InboundEvent).where(InboundEvent.body == raw, InboundEvent.channel_id.is_not(None))).all()
    assert sorted(str(c.tenant_id) for c in copies) == sorted([a.tenant_id, b.tenant_id])


def test_an_unroutable_event_is_kept_and_replayed_once_its_channel_is_connected(client, tenant_factory, probe):
    raw = post(client, "/webhooks/probe", message("alguém aí?", to="+5511900000701", sender="+5511987650701"))
    event_id = event_of(raw).id
    assert process(event_id) == "unroutable"
    assert str(event_id) in run_cli("list", "--status", "unroutable", "--type", "probe")
    t = tenant_factory()
    probe_channel(t, "+5511900000701")
    assert "inline" in run_cli("replay", "--status", "unroutable", "--inline")
    assert event_of(raw).status == "processed"
    assert [c.phone for c in contacts_of(t)] == ["+5511987650701"]


def test_an_event_whose_channel_was_deleted_is_unroutable(client, tenant_factory, probe):
    t = tenant_factory()
    channel = probe_channel(t)
    raw = post(client, channel["webhook_url"], message("tarde demais"))
    assert t.delete(f"/api/v1/channels/{channel['id']}").status_code == 204
    assert process(event_of(raw).id) == "unroutable"
    assert event_of(raw).last_error == "the channel of this event no longer exists"


def test_replay_refuses_what_cannot_be_replayed():
    runner = CliRunner()
    assert runner.invoke(events_cli, ["replay"]).exit_code != 0
    assert runner.invoke(events_cli, ["replay", "--status", "processed"]).exit_code != 0
    assert runner.invoke(events_cli, ["replay", str(uuid.uuid4())]).exit_code != 0
    assert "no event" in runner.invoke(events_cli, ["show", str(uuid.uuid4())]).output


def test_a_backlog_of_other_work_does_not_hold_inbound_events_back(client, tenant_factory, probe):
    t = tenant_factory()
    channel = probe_channel(t)
    busy = start_worker(threads=1)
    try:
        REPORTS_DONE.clear()
        for n in range(30):
            slow_report.send(n)
        raw = post(client, channel["webhook_url"], message("não me faça esperar"))
        wait_for(lambda: event_of(raw).status == "processed", what="the inbound event")
        assert len(REPORTS_DONE) < 30 // 2, "the inbound event waited behind the report backlog"
    finally:
        busy.stop(timeout=5_000)
        get_broker().flush("tests-reports")


def test_processed_events_are_deleted_after_the_retention_period_and_the_others_kept(client, tenant_factory, probe):
    t = tenant_factory()
    channel = probe_channel(t)
    done = post(client, channel["webhook_url"], message("antigo"))
    assert process(event_of(done).id) == "processed"
    probe.broken = True
    broken = post(client, channel["webhook_url"], message("quebrado"))
    assert process(event_of(broken).id) == "failed"
    with public_session() as db:
        db.execute(
            update(InboundEvent)
            .where(InboundEvent.body.in_([done, broken]))
            .values(received_at=InboundEvent.received_at - store.RETENTION - dt.timedelta(days=1))
        )
    assert store.purge_processed() >= 1
    with public_session() as db:
        left = db.scalars(select(InboundEvent.status).where(InboundEvent.body.in_([done, broken]))).all()
    assert left == ["failed"] and [m.text for m in messages_of(t)] == ["antigo"]
