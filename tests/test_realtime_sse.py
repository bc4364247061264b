"""Server-Sent Events at GET /api/v1/events, read through a real HTTP server (the Flask test client buffers)."""

from __future__ import annotations

import json
import threading
from contextlib import contextmanager

import httpx
import pytest
from sqlalchemy import select, text
from werkzeug.serving import make_server

from atrium.cache import get_redis
from atrium.db.session import public_session, tenant_session
from atrium.inbox.events import emit
from atrium.inbox.models import DomainEvent
from atrium.realtime.hub import LiveEvent, Subscription, close_hub
from atrium.realtime.stream import REPLAY_LIMIT
from atrium.tenancy.context import tenant_context
from atrium.tenancy.models import Tenant


@pytest.fixture(scope="module")
def base_url(app):
    """The app served by a threaded werkzeug server on a free port, for this module."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    close_hub()


def ref(tenant):
    with public_session() as db:
        return db.scalar(select(Tenant).where(Tenant.slug == tenant.slug)).ref()


def emit_events(tenant, *kinds: str) -> list[int]:
    """Commit one domain event per kind in ``tenant`` (one transaction); return their ids."""
    tenant_ref = ref(tenant)
    with tenant_context(tenant_ref), tenant_session(tenant_ref.schema) as db:
        return [emit(db, kind, {"n": n, "company": tenant.slug, "text": "olá 👋"}).id for n, kind in enumerate(kinds)]


class EventReader:
    """Parses the frames of an open SSE response into events; fails on a read timeout, never hangs."""

    def __init__(self, response: httpx.Response) -> None:
        self.response = response
        self._lines = response.iter_lines()

    def frame(self) -> dict:
        fields: dict[str, str] = {}
        for line in self._lines:
            if line == "":
                if fields:
                    return fields
                continue
            if line.startswith(":"):
                fields.setdefault("comment", line[1:].strip())
                continue
            name, _, value = line.partition(":")
            value = value.removeprefix(" ")
            fields[name] = fields[name] + "\n" + value if name in fields else value
        raise AssertionError("the stream ended")

    def event(self) -> dict:
        """The next frame that carries an event (retry and keepalive frames skipped)."""
        while True:
            frame = self.frame()
            if "event" in frame:
                return frame

    def until(self, event_id: int) -> list[dict]:
        """Every event up to and including ``event_id``."""
        events = []
        while not events or head(events[-1]) != event_id:
            events.append(self.event())
        return events


@contextmanager
def stream(base_url: str, token: str | None, *, last_event_id: int | str | None = None, query: dict | None = None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    if last_event_id is not None:
        headers["Last-Event-ID"] = str(last_event_id)
    with (
        httpx.Client(timeout=httpx.Timeout(10.0)) as client,
        client.stream("GET", f"{base_url}/api/v1/events", headers=headers, params=query or {}) as response,
    ):
        reader = EventReader(response)
        if response.status_code == 200:
            assert reader.frame() == {"retry": "3000"}  # subscribed: later events reach this stream
        yield reader


def head(event: dict) -> int | None:
    """The event id at the head of an SSE id (a cursor may add ``:<unseen ids>``)."""
    return int(event["id"].partition(":")[0]) if "id" in event else None


def ids(events: list[dict]) -> list[int]:
    return [head(e) for e in events]


def test_events_arrive_with_their_ids_kinds_and_data(base_url, tenant_factory):
    a = tenant_factory()
    with stream(base_url, a.access_token) as reader:
        assert reader.response.headers["content-type"].startswith("text/event-stream")
        sent = emit_events(a, "message.received", "conversation.updated")
        received = reader.until(sent[-1])

    assert ids(received) == sent
    assert [e["event"] for e in received] == ["message.received", "conversation.updated"]
    first = json.loads(received[0]["data"])
    assert first == {"id": sent[0], "kind": "message.received", "data": {"n": 0, "company": a.slug, "text": "olá 👋"}}


def test_another_companys_events_never_arrive(base_url, tenant_factory):
    a, b = tenant_factory(), tenant_factory()
    with stream(base_url, a.access_token) as reader:
        emit_events(b, "message.received", "contact.created")
        ours = emit_events(a, "message.received")
        received = reader.until(ours[-1])  # B's events were published first: they would come before

    assert [json.loads(e["data"])["data"]["company"] for e in received] == [a.slug]


def test_reconnecting_with_last_event_id_replays_what_was_missed_once_and_in_order(base_url, tenant_factory):
    a = tenant_factory()
    with stream(base_url, a.access_token) as reader:
        seen = emit_events(a, "message.received", "message.status")
        assert ids(reader.until(seen[-1])) == seen

    missed = emit_events(a, "message.received", "message.status", "conversation.updated")
    with stream(base_url, a.access_token, last_event_id=seen[-1]) as reader:
        replayed = reader.until(missed[-1])
        live = emit_events(a, "message.sent")
        after = reader.until(live[-1])

    assert ids(replayed) == missed
    assert ids(after) == live


def test_last_event_id_query_parameter_and_access_token_for_eventsource(base_url, tenant_factory):
    a = tenant_factory()
    first = emit_events(a, "contact.created", "contact.updated")
    with stream(base_url, None, query={"access_token": a.access_token, "last_event_id": first[0]}) as reader:
        assert reader.response.status_code == 200
        assert ids(reader.until(first[1])) == [first[1]]


def test_without_a_valid_token_the_stream_is_refused(base_url, tenant_factory):
    a = tenant_factory()
    with httpx.Client(timeout=10) as client:
        missing = client.get(f"{base_url}/api/v1/events")
        forged = client.get(f"{base_url}/api/v1/events", params={"access_token": a.access_token[:-3] + "abc"})
        bad_id = client.get(f"{base_url}/api/v1/events", headers={"Authorization": f"Bearer {a.access_token}", "Last-Event-ID": "x"})

    assert missing.status_code == 401 and missing.headers["content-type"] == "application/problem+json"
    assert forged.status_code == 401
    assert bad_id.status_code == 422
    assert bad_id.json()["errors"][0]["field"] == "Last-Event-ID"


def test_signing_out_ends_the_stream(app, base_url, tenant_factory):
    a = tenant_factory()
    app.config["SSE_HEARTBEAT_SECONDS"] = 0.2
    try:
        with stream(base_url, a.access_token) as reader:
            assert a.post("/api/v1/auth/logout").status_code == 204
            closed = reader.event()
    finally:
        app.config.pop("SSE_HEARTBEAT_SECONDS")

    assert closed["event"] == "stream.closed"
    assert json.loads(closed["data"]) == {"reason": "signed_out"}
    assert "id" not in closed


def test_idle_streams_get_keepalive_comments(app, base_url, tenant_factory):
    a = tenant_factory()
    app.config["SSE_HEARTBEAT_SECONDS"] = 0.2
    try:
        with stream(base_url, a.access_token) as reader:
            frame = reader.frame()
    finally:
        app.config.pop("SSE_HEARTBEAT_SECONDS")

    assert frame == {"comment": "keepalive"}


def test_too_far_behind_the_client_is_told_to_reload(base_url, tenant_factory):
    a = tenant_factory()
    tenant_ref = ref(a)
    with tenant_session(tenant_ref.schema) as db:
        db.execute(text("INSERT INTO domain_events (kind, data) SELECT 'message.received', '{}' FROM generate_series(1, :n)"), {"n": REPLAY_LIMIT + 1})
        first, latest = db.execute(select(DomainEvent.id).order_by(DomainEvent.id).limit(1)).scalar(), db.scalar(text("SELECT max(id) FROM domain_events"))

    with stream(base_url, a.access_token, last_event_id=first - 1) as reader:
        reset = reader.event()
        live = emit_events(a, "message.received")
        after = reader.until(live[-1])

    assert reset["event"] == "stream.reset" and reset["id"] == str(latest)
    assert ids(after) == live


def test_streams_share_one_redis_subscription_and_resync_after_it_drops(base_url, tenant_factory):
    a = tenant_factory()
    with stream(base_url, a.access_token) as one, stream(base_url, a.access_token) as two:
        first = emit_events(a, "message.received")
        assert ids(one.until(first[-1])) == ids(two.until(first[-1])) == first
        assert len(get_redis().client_list(_type="pubsub")) == 1

        get_redis().client_kill_filter(_type="pubsub")  # the hub's connection drops: published events are lost
        during = emit_events(a, "message.received", "message.status")
        after = emit_events(a, "conversation.updated")

        assert ids(one.until(after[-1])) == ids(two.until(after[-1])) == during + after


def test_a_stream_that_falls_too_far_behind_drops_its_buffer_and_replays_instead():
    subscription = Subscription("t", capacity=2)
    for n in (1, 2, 3):
        subscription.push(LiveEvent(n, "message.received", "{}"))
    subscription.push(LiveEvent(4, "message.received", "{}"))

    assert subscription.take(timeout=0) == ([LiveEvent(4, "message.received", "{}")], True, False)
    assert subscription.take(timeout=0) == ([], False, False)


def test_the_openapi_document_describes_the_stream(client):
    operation = client.get("/api/openapi.json").get_json()["paths"]["/api/v1/events"]["get"]

    assert "text/event-stream" in operation["responses"]["200"]["content"]
    assert {"bearerAuth": []} in operation["security"]
    assert {p["name"] for p in operation["parameters"]} >= {"last_event_id", "access_token"}


def test_an_event_committed_after_a_higher_one_is_replayed_on_reconnect(base_url, tenant_factory):
    """Ids are taken at write time but published at commit: 11 can arrive before 10 commits."""
    a = tenant_factory()
    tenant_ref = ref(a)
    with tenant_context(tenant_ref), tenant_session(tenant_ref.schema) as slow:
        late = emit(slow, "message.received", {"n": "late"}).id  # id taken, transaction still open
        with stream(base_url, a.access_token) as reader:
            early = emit_events(a, "message.status")  # a higher id, committed first
            frame = reader.until(early[-1])[-1]
        assert frame["id"] == f"{early[0]}:{late}"  # the cursor remembers the unseen lower id
    # the slow transaction commits here, while no stream is open

    with stream(base_url, a.access_token, last_event_id=frame["id"]) as reader:
        replayed = reader.event()
        newer = emit_events(a, "conversation.updated")
        after = reader.until(newer[-1])

    assert json.loads(replayed["data"])["id"] == late
    assert ids(after) == newer  # nothing replayed twice
