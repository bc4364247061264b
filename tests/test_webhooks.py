"""Webhook intake end to end: authenticated bodies are stored once and reach the inbox; anything else is refused, stored nowhere."""

from __future__ import annotations

import json
import threading

import httpx
import pytest
from inbound_helpers import (
    SECRET,
    body,
    contacts_of,
    count_messages,
    events_of,
    messages_of,
    post_signed,
    sandbox_channel,
    sign,
    text_message,
    wait_for,
)
from werkzeug.serving import make_server

from atrium.channels.store import list_events


def processed(channel_id: str, count: int = 1):
    """Wait until ``count`` events of the channel are processed; return them."""
    return wait_for(
        lambda: (events := events_of(channel_id)) and len(events) == count and all(e.status == "processed" for e in events) and events,
        what=f"{count} processed event(s)",
    )


def test_a_signed_webhook_is_stored_then_lands_in_the_inbox(client, tenant_factory, worker):
    t = tenant_factory()
    channel = sandbox_channel(t)
    raw = body([text_message("Oi, quero saber o preço", sender="+5511987650001", name="Ana Souza", message_id="wamid.first")])
    response = post_signed(client, channel["webhook_url"], raw)
    assert response.status_code == 200 and response.get_json() == {"status": "received"}
    [event] = processed(channel["id"])
    assert event.body == raw and str(event.tenant_id) == t.tenant_id
    [message] = messages_of(t)
    assert (message.direction, message.type, message.text, message.provider_message_id) == ("inbound", "text", "Oi, quero saber o preço", "wamid.first")
    [contact] = contacts_of(t)
    assert (contact.name, contact.phone) == ("Ana Souza", "+5511987650001")
    assert t.get(f"/api/v1/channels/{channel['id']}").get_json()["last_event_at"] is not None


def test_the_verification_handshake_answers_only_the_right_token(client, tenant_factory, monkeypatch):
    channel = sandbox_channel(tenant_factory())
    ok = client.get(f"{channel['webhook_url']}?token={SECRET}&challenge=1158201444")
    assert (ok.status_code, ok.get_data(as_text=True)) == (200, "1158201444")
    refused = client.get(f"{channel['webhook_url']}?token=guess&challenge=1158201444")
    assert refused.status_code == 403 and refused.mimetype == "application/problem+json"
    assert client.get("/webhooks/sandbox?token=anything&challenge=1").status_code == 403
    monkeypatch.setenv("ATRIUM_SANDBOX_SECRET", "the-platform-sandbox-secret")
    assert client.get("/webhooks/sandbox?token=the-platform-sandbox-secret&challenge=7").get_data(as_text=True) == "7"


def test_bad_or_missing_signatures_are_refused_and_nothing_is_stored(client, tenant_factory):
    channel = sandbox_channel(tenant_factory())
    url, raw = channel["webhook_url"], body([text_message("forged")])
    attempts = [
        client.post(url, data=raw, headers={"Content-Type": "application/json"}),
        client.post(url, data=raw, headers=sign(raw, secret="not-the-channel-secret")),
        client.post(url, data=raw, headers=sign(body([text_message("another body")]))),
        client.post(url, data=raw + b" ", headers=sign(raw)),
        client.post(url, data=raw, headers={**sign(raw), "X-Sandbox-Signature": "sha256=" + "0" * 64}),
        client.post(url, data=raw, headers={**sign(raw), "X-Sandbox-Signature": "sha256=\u00ff"}),
        client.post("/webhooks/sandbox", data=raw, headers=sign(raw)),
    ]
    assert [r.status_code for r in attempts] == [403] * len(attempts)
    assert all(r.get_json()["code"] == "invalid_signature" for r in attempts)
    assert events_of(channel["id"]) == [] and events_of(None) == []


def test_unknown_channels_and_types_are_404(client, tenant_factory):
    channel = sandbox_channel(tenant_factory())
    raw = body([text_message("hello?")])
    assert post_signed(client, "/webhooks/sandbox/0195f3a0-0000-7000-8000-000000000000", raw).status_code == 404
    assert post_signed(client, channel["webhook_url"].replace("/sandbox/", "/telegraph/"), raw).status_code == 404
    assert post_signed(client, "/webhooks/telegraph", raw).status_code == 404
    assert events_of(channel["id"]) == []


def test_a_repeated_post_is_stored_once_and_the_same_message_in_two_posts_is_one_message(client, tenant_factory, worker):
    t = tenant_factory()
    channel = sandbox_channel(t)
    message = text_message("só uma vez", message_id="wamid.repeated")
    raw = body([message])
    assert [post_signed(client, channel["webhook_url"], raw).status_code for _ in range(3)] == [200, 200, 200]
    other = body([message, text_message("e outra", message_id="wamid.sibling")])
    assert post_signed(client, channel["webhook_url"], other).status_code == 200
    processed(channel["id"], count=2)
    assert count_messages(t, "wamid.repeated") == 1 and count_messages(t, "wamid.sibling") == 1


def test_ten_concurrent_identical_posts_leave_one_event_and_one_message(app, tenant_factory, worker):
    t = tenant_factory()
    channel = sandbox_channel(t)
    raw = body([text_message("dez vezes", message_id="wamid.concurrent")])
    start, answers = threading.Barrier(10), []

    def post():
        own_client = app.test_client()
        start.wait()
        answers.append(post_signed(own_client, channel["webhook_url"], raw).status_code)

    threads = [threading.Thread(target=post) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [200] * 10
    processed(channel["id"], count=1)
    assert count_messages(t, "wamid.concurrent") == 1 and len(messages_of(t)) == 1


def test_the_platform_webhook_routes_by_number_and_keeps_unroutable_events(client, tenant_factory, worker, monkeypatch):
    monkeypatch.setenv("ATRIUM_SANDBOX_SECRET", "the-platform-sandbox-secret")
    t = tenant_factory()
    sandbox_channel(t, number="+5511900000505")
    routed = body([text_message("pelo número", message_id="wamid.routed")], number="+5511900000505")
    stray = body([text_message("ninguém", message_id="wamid.stray")], number="+5511999999999")
    for raw in (routed, stray):
        assert post_signed(client, "/webhooks/sandbox", raw, secret="the-platform-sandbox-secret").status_code == 200
    wait_for(lambda: count_messages(t, "wamid.routed") == 1, what="the routed message")
    [kept] = wait_for(lambda: [e for e in events_of(None) if e.body == stray and e.status == "unroutable"], what="an unroutable event")
    assert kept.tenant_id is None and "routing keys" in kept.last_error
    assert kept.id in {e.id for e in list_events("unroutable", limit=1000)}
    assert count_messages(t, "wamid.stray") == 0


HOSTILE = {
    "truncated JSON": (b'{"messages": [{"id": "x", "from": "+5511', "application/json", 400),
    "not JSON at all": (b"hello", "application/json", 400),
    "20,000 levels of nesting": (b"[" * 20_000 + b"]" * 20_000, "application/json", 400),
    "20,000 nested objects": (b'{"a":' * 20_000 + b"1" + b"}" * 20_000, "application/json", 400),
    "NaN": (b'{"messages": NaN}', "application/json", 400),
    "invalid UTF-8": (b'{"messages": "\xff\xfe"}', "application/json", 400),
    "text/plain": (body([text_message("plain")]), "text/plain", 415),
    "a form": (b"messages=1", "application/x-www-form-urlencoded", 415),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_bodies_get_a_problem_never_a_500_and_are_not_stored(client, tenant_factory, name):
    raw, content_type, status = HOSTILE[name]
    channel = sandbox_channel(tenant_factory())
    response = client.post(channel["webhook_url"], data=raw, headers={**sign(raw), "Content-Type": content_type})
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    assert response.mimetype == "application/problem+json"
    assert events_of(channel["id"]) == []


@pytest.fixture()
def live_server(app):
    """The app behind a real HTTP server in a thread."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


def test_a_5_mb_body_is_answered_413_over_http(live_server, tenant_factory):
    channel = sandbox_channel(tenant_factory())
    raw = body([text_message("x" * (5 * 1024 * 1024))])
    response = httpx.post(live_server + channel["webhook_url"], content=raw, headers=sign(raw), timeout=30)
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json" and response.json()["code"] == "payload_too_large"
    small = body([text_message("still listening")])
    assert httpx.post(live_server + channel["webhook_url"], content=small, headers=sign(small), timeout=30).status_code == 200
    assert [e.body for e in events_of(channel["id"])] == [small]


def test_odd_payloads_are_processed_without_losing_the_good_parts(client, tenant_factory, worker):
    t = tenant_factory()
    channel = sandbox_channel(t)
    raws = [
        b"null",
        b"[]",
        json.dumps({"messages": None, "statuses": [None, 5, "x", {"id": None}]}).encode(),
        json.dumps({"messages": {"id": "not-a-list"}, "statuses": None}).encode(),
        body([None, {"from": "+5511987650002"}, text_message("sobrevivi", message_id="wamid.survivor")]),
        body([
            {"id": "wamid.hologram", "from": "+5511987650003", "type": "hologram", "timestamp": None},
            text_message("irmão", message_id="wamid.sibling-of-unknown", sender="+5511987650003"),
        ]),
    ]
    for raw in raws:
        assert post_signed(client, channel["webhook_url"], raw).status_code == 200
    processed(channel["id"], count=len(raws))
    by_id = {m.provider_message_id: m for m in messages_of(t)}
    assert set(by_id) == {"wamid.survivor", "wamid.hologram", "wamid.sibling-of-unknown"}
    assert (by_id["wamid.hologram"].type, by_id["wamid.hologram"].content) == ("unsupported", {"provider_type": "hologram"})
    assert by_id["wamid.sibling-of-unknown"].text == "irmão"


def test_emoji_nul_and_lone_surrogates_are_stored_sanitised(client, tenant_factory, worker):
    t = tenant_factory()
    channel = sandbox_channel(t)
    raw = body([text_message("Olá 👋🏽 \x00 fim \ud83d!", message_id="wamid.weird", name="Zoë \udc00")])
    assert b"\\ud83d" in raw and b"\\u0000" in raw
    assert post_signed(client, channel["webhook_url"], raw).status_code == 200
    processed(channel["id"])
    [message] = messages_of(t)
    assert message.text.startswith("Olá 👋🏽 \ufffd fim \ufffd") and message.text.endswith("!")
    assert not any("\ud800" <= ch <= "\udfff" for ch in message.text)
    assert contacts_of(t)[0].name.startswith("Zoë \ufffd")
