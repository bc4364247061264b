"""WhatsApp Cloud end to end: Meta's signed payloads through the core's webhook routes into the inbox,
and an agent's replies out to a fake Graph API with their statuses coming back.

Each test connects its own number (routing keys are unique across companies),
so the fixtures' ``phone_number_id`` is swapped in the raw bytes before
signing; everything else is sent exactly as stored.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import time
import uuid

import pytest
import respx
from inbound_helpers import events_of, wait_for
from whatsapp_cloud_fakes import (
    APP_SECRET,
    CONFIG,
    GRAPH,
    PHONE_NUMBER_ID,
    VERIFY_TOKEN,
    graph_url,
    payload,
    raw,
)

INBOUND_FIXTURES = {  # fixture: how many messages it carries
    "text.json": 1,
    "media.json": 5,
    "location_contacts.json": 2,
    "interactive.json": 4,
    "reaction.json": 2,
    "referral.json": 1,
    "reply_forwarded.json": 2,
    "unsupported.json": 4,
    "system.json": 1,
    "username.json": 1,
}


def new_number() -> str:
    return str(uuid.uuid4().int)[:15]


def connect(tenant, number: str, without: tuple[str, ...] = ()) -> dict:
    """Connect a WhatsApp Cloud channel for ``number`` (leaving out the ``without`` fields); return the API's answer."""
    config = {k: v for k, v in CONFIG.items() if k not in without}
    body = {"type": "whatsapp_cloud", "name": "Vendas", "config": {**config, "phone_number_id": number}}
    response = tenant.post("/api/v1/channels", json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def body_for(name: str, number: str, fresh: bool = False) -> bytes:
    """Fixture ``name`` as Meta would send it to ``number`` (timestamps set to now when ``fresh``)."""
    data = raw(name).replace(PHONE_NUMBER_ID.encode(), number.encode())
    if fresh:
        data = re.sub(rb'"timestamp": "\d+"', f'"timestamp": "{int(time.time())}"'.encode(), data)
    return data


def meta_post(client, url: str, data: bytes, secret: str = APP_SECRET):
    """POST ``data`` to ``url`` with Meta's headers, signed over the exact bytes."""
    signature = "sha256=" + hmac.new(secret.encode(), data, hashlib.sha256).hexdigest()
    return client.post(url, data=data, headers={"Content-Type": "application/json", "X-Hub-Signature-256": signature})


def conversations(tenant) -> list[dict]:
    return tenant.get("/api/v1/conversations?limit=100").get_json()["items"]


def history(tenant, conversation_id: str) -> list[dict]:
    return tenant.get(f"/api/v1/conversations/{conversation_id}/messages?limit=100").get_json()["items"]


def all_messages(tenant) -> list[dict]:
    return [m for c in conversations(tenant) for m in history(tenant, c["id"])]


def processed(channel_id: str, count: int) -> None:
    wait_for(
        lambda: (
            len(events := events_of(channel_id, "whatsapp_cloud")) == count
            and all(e.status == "processed" for e in events)
        ),
        what=f"{count} processed WhatsApp event(s)",
    )


@pytest.fixture()
def graph(monkeypatch):
    monkeypatch.setenv("META_GRAPH_API_URL", GRAPH)
    monkeypatch.delenv("META_GRAPH_API_VERSION", raising=False)
    with respx.mock(assert_all_called=False) as mock:
        yield mock


# ------------------------------------------------------------------ connecting


def test_connecting_a_number_follows_the_channel_contract(tenant_factory):
    tenant, number = tenant_factory(), new_number()
    channel = connect(tenant, number)
    assert set(channel) >= {"id", "type", "name", "webhook_url", "config"}
    assert channel["type"] == "whatsapp_cloud"
    assert channel["webhook_url"] == f"/webhooks/whatsapp_cloud/{channel['id']}"
    assert "access_token" not in channel["config"] and "app_secret" not in channel["config"]
    assert channel["config"]["verify_token"] == VERIFY_TOKEN  # shown: the business pastes it into Meta
    listed = tenant.get(f"/api/v1/channels/{channel['id']}").get_json()
    assert "access_token" not in listed["config"] and listed["secrets_set"] == ["access_token", "app_secret"]
    assert CONFIG["access_token"] not in json.dumps(listed) and APP_SECRET not in json.dumps(listed)

    bad = tenant.post(
        "/api/v1/channels",
        json={"type": "whatsapp_cloud", "name": "x", "config": {**CONFIG, "phone_number_id": "../me"}},
    )
    assert bad.status_code == 422 and bad.get_json()["errors"][0]["field"] == "config.phone_number_id"
    incomplete = {k: v for k, v in CONFIG.items() if k != "access_token"}
    missing = tenant.post(
        "/api/v1/channels",
        json={"type": "whatsapp_cloud", "name": "x", "config": {**incomplete, "phone_number_id": new_number()}},
    )
    assert missing.status_code == 422 and missing.get_json()["errors"][0]["field"] == "config.access_token"
    taken = tenant_factory().post(
        "/api/v1/channels",
        json={"type": "whatsapp_cloud", "name": "x", "config": {**CONFIG, "phone_number_id": number}},
    )
    assert taken.status_code == 409 and taken.get_json()["errors"][0]["field"] == "config.phone_number_id"


def test_meta_verifies_the_channel_webhook_with_its_token(client, tenant_factory):
    channel = connect(tenant_factory(), new_number())
    url = channel["webhook_url"]
    ok = client.get(
        url, query_string={"hub.mode": "subscribe", "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "1158201444"}
    )
    assert (ok.status_code, ok.get_data(as_text=True), ok.mimetype) == (200, "1158201444", "text/plain")
    wrong = client.get(url, query_string={"hub.mode": "subscribe", "hub.verify_token": "guess", "hub.challenge": "1"})
    assert wrong.status_code == 403


# ------------------------------------------------------------------ inbound


def test_every_message_type_meta_sends_reaches_the_inbox_once(client, tenant_factory, worker):
    tenant, number = tenant_factory(), new_number()
    channel = connect(tenant, number)
    for name in INBOUND_FIXTURES:
        response = meta_post(client, channel["webhook_url"], body_for(name, number))
        assert response.status_code == 200, (name, response.get_json())
    assert meta_post(client, channel["webhook_url"], body_for("text.json", number)).status_code == 200  # Meta retries
    processed(channel["id"], len(INBOUND_FIXTURES))
    messages = all_messages(tenant)
    assert len(messages) == sum(INBOUND_FIXTURES.values())
    by_provider_id = {m["provider_message_id"]: m for m in messages}
    text = by_provider_id["wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFDNBMDFBQkMxMjM0NTY3ODkwQUJDAA=="]
    assert (text["direction"], text["type"], text["text"]) == ("inbound", "text", "Olá! Quanto custa o plano anual? 😀")
    assert by_provider_id["wamid.MEDIA-AUDIO-1"]["content"]["voice"] is True
    assert by_provider_id["wamid.IREPLY-BUTTON-1"]["reply_to"] == "wamid.BUTTONS-SENT-1"
    assert by_provider_id["wamid.UNSUPPORTED-1"]["type"] == "unsupported"
    assert by_provider_id["wamid.AFTER-UNSUPPORTED-1"]["text"] == "Mandei uma enquete, viu?"
    people = {c["contact"]["name"]: c["contact"]["phone"] for c in conversations(tenant)}
    assert people == {
        "Maria Conceição": "+5511987654321",
        "João Pedro": "+5521998877665",
        "Ana Luíza": "+5531912345678",
        "Bia": None,  # a username user: known by business-scoped user id, no phone
    }


def test_forged_or_altered_bodies_are_refused_and_stored_nowhere(client, tenant_factory):
    number = new_number()
    channel = connect(tenant_factory(), number)
    data = body_for("text.json", number)
    genuine = meta_post(client, channel["webhook_url"], data).request.headers["X-Hub-Signature-256"]
    refused = [
        client.post(channel["webhook_url"], data=data, headers={"Content-Type": "application/json"}),
        meta_post(client, channel["webhook_url"], data, secret="someone else's app secret"),
        client.post(  # the same JSON in other bytes: the signature covers the bytes
            channel["webhook_url"],
            data=data.replace(b"\\u00e7", "ç".encode()),
            headers={"Content-Type": "application/json", "X-Hub-Signature-256": genuine},
        ),
    ]
    assert [r.status_code for r in refused] == [403, 403, 403]
    assert [e.body for e in events_of(channel["id"], "whatsapp_cloud")] == [data]  # only the genuine POST


def test_hostile_payloads_are_answered_200_and_stored_sanitised(client, tenant_factory, worker):
    tenant, number = tenant_factory(), new_number()
    channel = connect(tenant, number)
    assert meta_post(client, channel["webhook_url"], body_for("hostile.json", number)).status_code == 200
    processed(channel["id"], 1)
    texts = {m["provider_message_id"]: m["text"] for m in all_messages(tenant)}
    weird = texts["wamid.HOSTILE-WEIRD"]
    assert weird.startswith("emoji 😀🇧🇷 nul \ufffd fim, lone \ufffd") and weird.endswith("\ufffd, bom dia ☕")
    assert not any(0xD800 <= ord(ch) <= 0xDFFF for ch in weird)  # lone surrogates replaced, the rest kept
    assert len(texts) == 6  # every readable sibling kept


def test_the_platform_webhook_routes_each_number_to_its_company(client, tenant_factory, worker, monkeypatch):
    monkeypatch.setenv("META_APP_SECRET", "platform-app-secret")
    monkeypatch.setenv("META_VERIFY_TOKEN", "platform-verify-token")
    first, second = tenant_factory(), tenant_factory()
    a_number, b_number = new_number(), new_number()
    connect(first, a_number, without=("app_secret", "verify_token"))  # through the platform app: no secret of its own
    connect(second, b_number)
    handshake = client.get(
        "/webhooks/meta",
        query_string={"hub.mode": "subscribe", "hub.verify_token": "platform-verify-token", "hub.challenge": "42"},
    )
    assert handshake.get_data(as_text=True) == "42"
    data = body_for("batch.json", a_number).replace(b"110000000000001", b_number.encode())
    assert (
        meta_post(client, "/webhooks/meta", data, secret=APP_SECRET).status_code == 403
    )  # the platform app signs these
    assert meta_post(client, "/webhooks/meta", data, secret="platform-app-secret").status_code == 200
    wait_for(lambda: len(all_messages(first)) == 4 and len(all_messages(second)) == 1, what="the batch split by number")
    assert sorted(m["text"] for m in all_messages(first)) == ["primeira", "quarta", "segunda", "terceira"]
    assert [m["text"] for m in all_messages(second)] == ["para outro número"]


# ------------------------------------------------------------------ outbound


def test_an_agent_reply_goes_to_meta_and_its_statuses_come_back(client, tenant_factory, worker, graph):
    tenant, number = tenant_factory(), new_number()
    channel = connect(tenant, number)
    sent_ids = iter(f"wamid.SENT-{i}" for i in range(10))

    def fake_meta(request):
        if json.loads(request.content).get("status") == "read":  # a read receipt
            return respx.MockResponse(200, json={"success": True})
        return respx.MockResponse(200, json={"messaging_product": "whatsapp", "messages": [{"id": next(sent_ids)}]})

    sends = graph.post(graph_url(f"{number}/messages")).mock(side_effect=fake_meta)
    assert meta_post(client, channel["webhook_url"], body_for("text.json", number, fresh=True)).status_code == 200
    conversation = wait_for(lambda: conversations(tenant), what="the conversation")[0]

    reply = tenant.post(
        f"/api/v1/conversations/{conversation['id']}/messages",
        json={"type": "text", "text": "Olá, Maria! O plano anual sai por R$ 99/mês."},
    )
    assert reply.status_code == 202, reply.get_json()
    ours = reply.get_json()
    wait_for(
        lambda: next(m for m in history(tenant, conversation["id"]) if m["id"] == ours["id"])["status"] == "sent",
        what="sent",
    )
    request = json.loads(sends.calls[0].request.content)
    assert request["to"] == "5511987654321" and request["biz_opaque_callback_data"] == ours["id"]
    assert request["text"]["body"] == "Olá, Maria! O plano anual sai por R$ 99/mês."
    assert sends.calls[0].request.headers["Authorization"] == f"Bearer {CONFIG['access_token']}"

    template = tenant.post(
        f"/api/v1/conversations/{conversation['id']}/messages",
        json={
            "type": "template",
            "template": {
                "name": "pedido_confirmado",
                "language": "pt_BR",
                "parameters": ["Maria", "R$ 259,90", "3 dias úteis"],
            },
        },
    )
    assert template.status_code == 202, template.get_json()
    wait_for(lambda: len(sends.calls) == 2, what="the template send")
    assert json.loads(sends.calls[1].request.content)["template"]["components"] == [
        {
            "type": "body",
            "parameters": [
                {"type": "text", "text": "Maria"},
                {"type": "text", "text": "R$ 259,90"},
                {"type": "text", "text": "3 dias úteis"},
            ],
        }
    ]

    statuses = payload("statuses.json")
    [change] = statuses["entry"][0]["changes"]
    change["value"]["metadata"]["phone_number_id"] = number
    change["value"]["statuses"] = [
        {**s, "id": "wamid.SENT-0", "biz_opaque_callback_data": ours["id"]} for s in change["value"]["statuses"][:3]
    ][::-1]  # read arrives first; the late sent/delivered never move it back
    assert meta_post(client, channel["webhook_url"], json.dumps(statuses).encode()).status_code == 200
    wait_for(
        lambda: next(m for m in history(tenant, conversation["id"]) if m["id"] == ours["id"])["status"] == "read",
        what="read",
    )

    assert tenant.post(f"/api/v1/conversations/{conversation['id']}/read").status_code == 200
    wait_for(lambda: len(sends.calls) == 3, what="the read receipt")
    assert json.loads(sends.calls[2].request.content) == {
        "messaging_product": "whatsapp",
        "status": "read",
        "message_id": "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFDNBMDFBQkMxMjM0NTY3ODkwQUJDAA==",
    }


def test_a_message_meta_refuses_for_good_fails_with_its_reason(client, tenant_factory, worker, graph):
    tenant, number = tenant_factory(), new_number()
    channel = connect(tenant, number)
    graph.post(graph_url(f"{number}/messages")).respond(400, json=payload("graph_error_re_engagement.json"))
    assert meta_post(client, channel["webhook_url"], body_for("text.json", number, fresh=True)).status_code == 200
    conversation = wait_for(lambda: conversations(tenant), what="the conversation")[0]
    reply = tenant.post(f"/api/v1/conversations/{conversation['id']}/messages", json={"type": "text", "text": "Oi!"})
    failed = wait_for(
        lambda: next(
            (
                m
                for m in history(tenant, conversation["id"])
                if m["id"] == reply.get_json()["id"] and m["status"] == "failed"
            ),
            None,
        ),
        what="the failure",
    )
    assert failed["error"]["code"] == "131047"
    assert "24 hours" in failed["error"]["message"]


def test_after_a_number_change_replies_go_to_the_new_number(client, tenant_factory, worker, graph):
    tenant, number = tenant_factory(), new_number()
    channel = connect(tenant, number)
    sends = graph.post(graph_url(f"{number}/messages")).respond(
        200, json={"messaging_product": "whatsapp", "messages": [{"id": "wamid.SENT-NEW"}]}
    )
    for fixture in ("text.json", "system.json"):  # Maria writes, then changes her number
        assert meta_post(client, channel["webhook_url"], body_for(fixture, number, fresh=True)).status_code == 200
        processed(channel["id"], 1 if fixture == "text.json" else 2)
    [conversation] = conversations(tenant)

    reply = tenant.post(f"/api/v1/conversations/{conversation['id']}/messages", json={"type": "text", "text": "Oi!"})
    assert reply.status_code == 202, reply.get_json()
    wait_for(lambda: sends.called, what="the reply")
    assert json.loads(sends.calls[0].request.content)["to"] == "5511955554444"
