"""Outbound webhooks: subscriptions API, signed deliveries, retries with backoff, the delivery log and replay.

The receiver is an HTTP-level fake (respx). Actors run inline (the real
code, synchronously) unless a test needs the queue; "time passes" by moving
a delivery's ``next_attempt_at`` into the past.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
import uuid

import httpx
import pytest
import respx
from sqlalchemy import func, select, update

from atrium.db.session import public_session, tenant_session
from atrium.inbox.dispatch import dispatch_events
from atrium.inbox.events import emit
from atrium.outbound_webhooks.deliveries import LOST_AFTER, MAX_ATTEMPTS, deliver_webhook, sweep_webhook_deliveries
from atrium.outbound_webhooks.models import WebhookDelivery, WebhookSubscription
from atrium.security.crypto import decrypt
from atrium.tenancy.context import tenant_context
from atrium.tenancy.models import Tenant

HOOK = "https://hooks.example.test"


def verify(secret: str, body: bytes, header: str) -> bool:
    """What a receiver does (docs/webhooks.md): HMAC-SHA256 of the raw body, compared in constant time."""
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header)


def ref(tenant):
    with public_session() as db:
        return db.scalar(select(Tenant).where(Tenant.slug == tenant.slug)).ref()


def subscribe(tenant, path: str, events=("*",), **extra) -> dict:
    response = tenant.post("/api/v1/webhook-subscriptions", json={"url": f"{HOOK}{path}", "events": list(events), **extra})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def emit_event(tenant, kind: str, data: dict | None = None) -> int:
    """Commit a domain event and dispatch it inline (creating its deliveries); return its id."""
    tenant_ref = ref(tenant)
    with tenant_context(tenant_ref):
        with tenant_session(tenant_ref.schema) as db:
            event_id = emit(db, kind, data or {"text": "Olá, quero um orçamento 😀"}).id
        dispatch_events([event_id])
    return event_id


def deliveries(tenant, subscription: dict, **query) -> list[dict]:
    response = tenant.get(f"/api/v1/webhook-subscriptions/{subscription['id']}/deliveries", query_string=query)
    assert response.status_code == 200, response.get_json()
    return response.get_json()["items"]


def attempt(tenant, delivery_id: str) -> None:
    """Run one attempt of a delivery now (as the worker would when its time comes)."""
    with tenant_context(ref(tenant)):
        deliver_webhook(delivery_id)


def time_passes(tenant, delivery_id: str, ago=None) -> None:
    """Make the delivery's next attempt (if it has one) due (``ago``: how long overdue)."""
    with tenant_session(ref(tenant).schema) as db:
        due = func.now() - ago if ago is not None else func.now()
        db.execute(
            update(WebhookDelivery)
            .where(WebhookDelivery.id == uuid.UUID(delivery_id), WebhookDelivery.next_attempt_at.is_not(None))
            .values(next_attempt_at=due)
        )


@pytest.fixture()
def receiver():
    with respx.mock(assert_all_called=False) as mock:
        yield mock


# -- subscriptions ---------------------------------------------------------------------------------


def test_the_secret_is_shown_once_and_stored_encrypted(tenant_factory):
    a = tenant_factory()
    created = subscribe(a, "/crm", events=["message.received", "contact.created"], description="Our CRM")

    assert created["secret"].startswith("whsec_") and len(created["secret"]) > 30
    assert created["events"] == ["message.received", "contact.created"] and created["active"] is True
    listed = a.get("/api/v1/webhook-subscriptions").get_json()["items"]
    one = a.get(f"/api/v1/webhook-subscriptions/{created['id']}").get_json()
    assert [s["id"] for s in listed] == [created["id"]]
    assert "secret" not in listed[0] and "secret" not in one
    with tenant_session(ref(a).schema) as db:
        stored = db.get(WebhookSubscription, uuid.UUID(created["id"])).secret
    assert created["secret"] not in stored and decrypt(stored) == created["secret"]


@pytest.mark.parametrize(
    "url",
    [
        "ftp://files.example.com/in",
        "file:///etc/passwd",
        "gopher://x.example.com/",
        "http:///no-host",
        "http://localhost:8000/hook",
        "http://api.localhost/hook",
        "http://127.0.0.1/hook",
        "http://10.1.2.3/hook",
        "http://192.168.0.10/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://2130706433/hook",
        "http://0x7f.1/hook",
        "http://0.0.0.0/hook",
        "https://user:password@hooks.example.com/hook",
        "https://hooks.example.com:99999/hook",
        "not a url",
    ],
)
def test_targets_that_are_not_public_http_urls_are_refused(tenant_factory, url):
    a = tenant_factory()
    response = a.post("/api/v1/webhook-subscriptions", json={"url": url, "events": ["*"]})

    assert response.status_code == 422, response.get_json()
    assert response.get_json()["errors"][0]["field"] == "url"


def test_unknown_event_kinds_and_empty_lists_are_refused(tenant_factory):
    a = tenant_factory()
    unknown = a.post("/api/v1/webhook-subscriptions", json={"url": f"{HOOK}/x", "events": ["message.received", "tenant.deleted"]})
    empty = a.post("/api/v1/webhook-subscriptions", json={"url": f"{HOOK}/x", "events": []})

    assert unknown.status_code == 422 and unknown.get_json()["errors"][0]["field"].startswith("events")
    assert empty.status_code == 422 and empty.get_json()["errors"][0]["field"] == "events"


def test_update_pause_and_delete(tenant_factory):
    a = tenant_factory()
    created = subscribe(a, "/one")
    path = f"/api/v1/webhook-subscriptions/{created['id']}"

    changed = a.patch(path, json={"url": f"{HOOK}/two", "events": ["message.status", "message.status"], "active": False})
    refused = a.patch(path, json={"url": "http://127.0.0.1/"})
    assert changed.status_code == 200 and refused.status_code == 422
    assert changed.get_json()["url"] == f"{HOOK}/two"
    assert changed.get_json()["events"] == ["message.status"] and changed.get_json()["active"] is False
    assert a.delete(path).status_code == 204
    assert a.get(path).status_code == 404


def test_only_admins_manage_webhooks_and_companies_see_only_their_own(client, tenant_factory):
    a, b = tenant_factory(), tenant_factory()
    created = subscribe(a, "/a")
    agent = a.post("/api/v1/users", json={"email": f"ag-{uuid.uuid4().hex[:8]}@example.com", "name": "Ana", "password": "a long enough password"})
    assert agent.status_code == 201
    login = client.post("/api/v1/auth/login", json={"email": agent.get_json()["email"], "password": "a long enough password", "tenant": a.slug})
    agent_headers = {"Authorization": f"Bearer {login.get_json()['access_token']}"}

    assert client.get("/api/v1/webhook-subscriptions", headers=agent_headers).status_code == 403
    assert b.get(f"/api/v1/webhook-subscriptions/{created['id']}").status_code == 404
    assert b.get("/api/v1/webhook-subscriptions").get_json()["items"] == []


# -- deliveries ------------------------------------------------------------------------------------


def test_a_subscribed_event_is_posted_signed_with_the_documented_body_and_headers(tenant_factory, receiver):
    a = tenant_factory()
    hook = subscribe(a, "/crm", events=["message.received"])
    route = receiver.post(f"{HOOK}/crm").mock(return_value=httpx.Response(204))

    event_id = emit_event(a, "message.received", {"text": "Olá 😀", "nested": {"a": [1, 2]}})
    emit_event(a, "contact.created")  # not subscribed
    [delivery] = deliveries(a, hook)
    attempt(a, delivery["id"])

    request = route.calls.last.request
    assert route.call_count == 1
    body = json.loads(request.content)
    assert set(body) == {"id", "kind", "data", "created_at", "tenant"}
    assert body["id"] == event_id and body["kind"] == "message.received"
    assert body["data"] == {"text": "Olá 😀", "nested": {"a": [1, 2]}}
    assert body["tenant"] == {"id": a.tenant_id, "slug": a.slug}
    assert request.headers["content-type"] == "application/json"
    assert request.headers["x-atrium-event"] == "message.received"
    assert request.headers["x-atrium-delivery"] == delivery["id"]
    assert abs(int(request.headers["x-atrium-timestamp"]) - time.time()) < 300
    assert verify(hook["secret"], request.content, request.headers["x-atrium-signature"])
    assert not verify(hook["secret"], request.content + b" ", request.headers["x-atrium-signature"])
    [logged] = deliveries(a, hook)
    assert logged["status"] == "succeeded" and logged["attempts"] == 1 and logged["response_code"] == 204
    assert logged["delivered_at"] is not None and logged["event_id"] == event_id


def test_every_kind_with_star_and_nothing_for_paused_or_other_companies(tenant_factory):
    a, b = tenant_factory(), tenant_factory()
    everything = subscribe(a, "/all")
    paused = subscribe(a, "/paused", active=False)
    theirs = subscribe(b, "/b")

    emit_event(a, "message.received")
    emit_event(a, "conversation.updated")

    assert [d["kind"] for d in deliveries(a, everything)] == ["conversation.updated", "message.received"]
    assert deliveries(a, paused) == []
    assert deliveries(b, theirs) == []


def test_dispatching_an_event_twice_creates_its_deliveries_once(tenant_factory):
    a = tenant_factory()
    hook = subscribe(a, "/once")
    event_id = emit_event(a, "message.received")
    with tenant_context(ref(a)):
        dispatch_events([event_id])

    assert len(deliveries(a, hook)) == 1


def test_5xx_429_and_network_errors_are_retried_with_backoff_until_success(tenant_factory, receiver):
    a = tenant_factory()
    hook = subscribe(a, "/flaky")
    receiver.post(f"{HOOK}/flaky").mock(
        side_effect=[httpx.Response(503), httpx.Response(429, headers={"Retry-After": "120"}), httpx.ConnectError("refused"), httpx.Response(200)]
    )
    emit_event(a, "message.received")
    [delivery] = deliveries(a, hook)

    attempt(a, delivery["id"])
    first = deliveries(a, hook)[0]
    attempt(a, delivery["id"])  # not due yet: nothing happens
    assert deliveries(a, hook)[0] == first
    assert first["status"] == "pending" and first["attempts"] == 1 and first["response_code"] == 503
    assert first["error"] == "HTTP 503" and first["next_attempt_at"] > first["updated_at"]

    time_passes(a, delivery["id"])
    attempt(a, delivery["id"])
    second = deliveries(a, hook)[0]
    assert second["attempts"] == 2 and second["response_code"] == 429 and second["status"] == "pending"

    time_passes(a, delivery["id"])
    attempt(a, delivery["id"])
    third = deliveries(a, hook)[0]
    assert third["attempts"] == 3 and third["response_code"] is None and "ConnectError" in third["error"]

    time_passes(a, delivery["id"])
    attempt(a, delivery["id"])
    done = deliveries(a, hook)[0]
    assert done["status"] == "succeeded" and done["attempts"] == 4 and done["response_code"] == 200
    assert receiver.calls.call_count == 4


def test_backoff_grows_and_honours_retry_after():
    from atrium.outbound_webhooks.deliveries import MAX_RETRY, retry_delay

    delays = [retry_delay(n) for n in range(1, MAX_ATTEMPTS)]

    assert all(later > earlier for earlier, later in itertools.pairwise(delays))
    assert delays[0] >= 45 and max(delays) <= MAX_RETRY
    assert retry_delay(1, retry_after=600) == 600


def test_it_gives_up_after_the_last_attempt(tenant_factory, receiver):
    a = tenant_factory()
    hook = subscribe(a, "/down")
    receiver.post(f"{HOOK}/down").mock(return_value=httpx.Response(500))
    emit_event(a, "message.received")
    [delivery] = deliveries(a, hook)

    for _ in range(MAX_ATTEMPTS + 2):
        attempt(a, delivery["id"])
        time_passes(a, delivery["id"])

    [failed] = deliveries(a, hook)
    assert failed["status"] == "failed" and failed["attempts"] == MAX_ATTEMPTS
    assert failed["response_code"] == 500 and failed["next_attempt_at"] is None
    assert receiver.calls.call_count == MAX_ATTEMPTS


def test_a_refusal_is_final_and_redirects_are_not_followed(tenant_factory, receiver):
    a = tenant_factory()
    gone, moved = subscribe(a, "/gone"), subscribe(a, "/moved")
    receiver.post(f"{HOOK}/gone").mock(return_value=httpx.Response(410))
    receiver.post(f"{HOOK}/moved").mock(return_value=httpx.Response(301, headers={"Location": "http://169.254.169.254/"}))
    emit_event(a, "message.received")

    for hook in (gone, moved):
        attempt(a, deliveries(a, hook)[0]["id"])

    assert deliveries(a, gone)[0].items() >= {"status": "failed", "attempts": 1, "response_code": 410}.items()
    assert deliveries(a, moved)[0]["status"] == "failed"
    assert "redirects are not followed" in deliveries(a, moved)[0]["error"]
    assert [str(c.request.url) for c in receiver.calls] == [f"{HOOK}/gone", f"{HOOK}/moved"]


def test_an_attempt_that_died_midway_is_claimed_again_after_its_lease(tenant_factory, receiver):
    a = tenant_factory()
    hook = subscribe(a, "/crash")
    receiver.post(f"{HOOK}/crash").mock(side_effect=[RuntimeError("worker killed"), httpx.Response(200)])
    emit_event(a, "message.received")
    [delivery] = deliveries(a, hook)

    with pytest.raises(RuntimeError):
        attempt(a, delivery["id"])
    stuck = deliveries(a, hook)[0]
    attempt(a, delivery["id"])  # the lease still holds: no second concurrent attempt
    assert deliveries(a, hook)[0] == stuck and stuck["status"] == "sending"

    time_passes(a, delivery["id"])
    attempt(a, delivery["id"])
    assert deliveries(a, hook)[0].items() >= {"status": "succeeded", "attempts": 2}.items()


def test_the_worker_delivers_through_the_queue_and_the_sweeper_recovers_lost_jobs(tenant_factory, receiver, worker):
    from atrium.workers.broker import get_broker

    a = tenant_factory()
    hook = subscribe(a, "/queued", events=["contact.updated"])
    route = receiver.post(f"{HOOK}/queued").mock(return_value=httpx.Response(200))
    tenant_ref = ref(a)

    with tenant_context(tenant_ref), tenant_session(tenant_ref.schema) as db:
        emit(db, "contact.updated", {"id": "c1"})  # dispatched by the worker, delivered by the worker
    first = _wait_for(lambda: [d for d in deliveries(a, hook) if d["status"] == "succeeded"])

    worker.pause()
    emit_event(a, "contact.updated", {"id": "c2"})
    for queue in ("events", "webhooks"):  # the jobs are lost (e.g. Redis lost its data)
        get_broker().flush(queue)
    lost = next(d for d in deliveries(a, hook) if d["status"] == "pending")
    time_passes(a, lost["id"], ago=LOST_AFTER * 2)
    worker.resume()
    with tenant_context(tenant_ref):
        sweep_webhook_deliveries()

    _wait_for(lambda: [d for d in deliveries(a, hook) if d["id"] == lost["id"] and d["status"] == "succeeded"])
    assert len(first) == 1 and route.call_count == 2


def _wait_for(check, seconds: float = 20.0):
    deadline = time.monotonic() + seconds
    while not (result := check()):
        assert time.monotonic() < deadline, "gave up waiting"
        time.sleep(0.1)
    return result


# -- replay ----------------------------------------------------------------------------------------


def test_replay_delivers_again_as_a_new_delivery_in_the_log(tenant_factory, receiver):
    a = tenant_factory()
    hook = subscribe(a, "/replay")
    route = receiver.post(f"{HOOK}/replay").mock(side_effect=[httpx.Response(400), httpx.Response(200)])
    event_id = emit_event(a, "message.sent")
    [original] = deliveries(a, hook)
    attempt(a, original["id"])
    assert deliveries(a, hook)[0]["status"] == "failed"

    replayed = a.post(f"/api/v1/webhook-subscriptions/{hook['id']}/deliveries", json={"event_id": event_id})
    assert replayed.status_code == 202, replayed.get_json()
    assert replayed.get_json()["replay_of_id"] == original["id"] and replayed.get_json()["status"] == "pending"
    attempt(a, replayed.get_json()["id"])

    log = deliveries(a, hook)
    assert [d["id"] for d in log] == [replayed.get_json()["id"], original["id"]]
    assert [d["status"] for d in log] == ["succeeded", "failed"]
    assert deliveries(a, hook, status="failed")[0]["id"] == original["id"]
    first, second = (json.loads(c.request.content) for c in route.calls)
    assert first == second  # the same event: receivers de-duplicate by its id
    assert route.calls[0].request.headers["x-atrium-delivery"] != route.calls[1].request.headers["x-atrium-delivery"]


def test_replay_needs_an_event_delivered_to_an_active_subscription(tenant_factory):
    a = tenant_factory()
    hook = subscribe(a, "/r", events=["message.status"])
    not_delivered = emit_event(a, "message.received")
    delivered = emit_event(a, "message.status")
    path = f"/api/v1/webhook-subscriptions/{hook['id']}/deliveries"

    unknown = a.post(path, json={"event_id": not_delivered})
    assert unknown.status_code == 422 and unknown.get_json()["errors"][0]["field"] == "event_id"
    a.patch(f"/api/v1/webhook-subscriptions/{hook['id']}", json={"active": False})
    assert a.post(path, json={"event_id": delivered}).status_code == 409


def test_the_delivery_log_is_paginated_newest_first(tenant_factory):
    a = tenant_factory()
    hook = subscribe(a, "/many")
    ids = [emit_event(a, "message.received") for _ in range(5)]

    first = a.get(f"/api/v1/webhook-subscriptions/{hook['id']}/deliveries", query_string={"limit": 3}).get_json()
    rest = a.get(
        f"/api/v1/webhook-subscriptions/{hook['id']}/deliveries", query_string={"limit": 3, "cursor": first["next_cursor"]}
    ).get_json()

    assert [d["event_id"] for d in first["items"] + rest["items"]] == ids[::-1]
    assert rest["next_cursor"] is None
