"""Message history and sending through the API: text, media, templates, the 24-hour window,
scheduled messages and new conversations started with a template."""

from __future__ import annotations

import datetime as dt
import uuid

from test_inbox_support import wait_for

from atrium.inbox.models import Conversation, Message
from atrium.inbox.sweeper import sweep

pytest_plugins = ("test_inbox_support",)  # fixtures: inbox, fake_adapter

TEMPLATE = {"name": "boas_vindas", "language": "pt_BR", "parameters": ["Maria", "Escola Atrium"]}


def _post(inbox, cid, body):
    return inbox.t.post(f"/api/v1/conversations/{cid}/messages", json=body)


def _field(response) -> str:
    return response.get_json()["errors"][0]["field"]


def test_text_is_queued_then_sent_and_listed(inbox, worker):
    cid, _ = inbox.inbound("Oi")
    r = _post(inbox, cid, {"type": "text", "text": "Olá, Maria! 😊"})
    assert r.status_code == 202, r.get_json()
    queued = r.get_json()
    assert (queued["direction"], queued["type"], queued["status"], queued["text"]) == (
        "outbound",
        "text",
        "queued",
        "Olá, Maria! 😊",
    )
    assert queued["author_type"] == "agent" and queued["provider_message_id"] is None

    sent = wait_for(lambda: (m := inbox.message(queued["id"])).status == "sent" and m, what="the send")
    assert sent.provider_message_id == f"wamid.{queued['id']}" and sent.sent_at
    [outbound] = inbox.adapter.sends_of(queued["id"])
    assert outbound.text == "Olá, Maria! 😊" and outbound.to[0].kind == "phone"

    items = inbox.t.get(f"/api/v1/conversations/{cid}/messages").get_json()["items"]
    assert [(m["direction"], m["status"]) for m in items] == [("outbound", "sent"), ("inbound", "received")]
    for key in ("id", "direction", "type", "text", "status", "provider_message_id", "created_at", "content", "error"):
        assert key in items[0]
    conversation = inbox.t.get(f"/api/v1/conversations/{cid}").get_json()
    assert conversation["last_message_preview"] == "Olá, Maria! 😊"


def test_free_form_messages_are_refused_outside_the_24_hour_window(inbox):
    old = dt.datetime.now(dt.UTC) - dt.timedelta(hours=25)
    cid, _ = inbox.inbound("Oi", at=old)
    assert inbox.t.get(f"/api/v1/conversations/{cid}").get_json()["window_open"] is False
    r = _post(inbox, cid, {"type": "text", "text": "Ainda tem interesse?"})
    assert r.status_code == 422
    problem = r.get_json()
    assert problem["code"] == "window_closed" and "template" in problem["detail"]
    assert _field(r) == "type"
    r = _post(inbox, cid, {"type": "image", "content": {"url": "https://example.com/a.jpg"}})
    assert r.status_code == 422 and r.get_json()["code"] == "window_closed"

    r = _post(inbox, cid, {"type": "template", "template": TEMPLATE})
    assert r.status_code == 202, r.get_json()
    assert r.get_json()["content"] == {
        "name": "boas_vindas",
        "language": "pt_BR",
        "variables": {"body.1": "Maria", "body.2": "Escola Atrium"},
    }

    open_cid, _ = inbox.inbound("Oi", at=old, channel_id=inbox.open_channel_id)
    assert _post(inbox, open_cid, {"type": "text", "text": "Sem janela neste canal"}).status_code == 202


def test_bad_messages_name_the_field(inbox):
    cid, _ = inbox.inbound("Oi")
    cases = [
        ({"type": "text", "text": "   "}, "text"),
        ({"type": "text"}, "text"),
        ({"type": "sticker", "text": "x"}, "type"),
        ({"text": "sem tipo"}, "type"),
        ({"type": "image", "content": {"caption": "sem arquivo"}}, "content.url"),
        ({"type": "image", "content": {"url": "ftp://example.com/a.jpg"}}, "content.url"),
        ({"type": "template"}, "template"),
        ({"type": "template", "template": {"language": "pt_BR"}}, "template.name"),
        ({"type": "template", "template": {"name": "x", "parameters": [1, 2]}}, "template.parameters"),
        ({"type": "text", "text": "x" * 4097}, "text"),
        ({"type": "text", "text": "oi", "reply_to": str(uuid.uuid4())}, "reply_to"),
        ({"type": "text", "text": "oi", "scheduled_at": "2020-01-01T10:00:00Z"}, "scheduled_at"),
        ({"type": "text", "text": "oi", "scheduled_at": "2999-01-01T10:00:00"}, "scheduled_at"),
    ]
    for body, field in cases:
        r = _post(inbox, cid, body)
        assert r.status_code == 422, (body, r.get_json())
        assert _field(r) == field, (body, r.get_json())
    assert len(inbox.t.get(f"/api/v1/conversations/{cid}/messages").get_json()["items"]) == 1


def test_media_and_replies(inbox):
    cid, provider_id = inbox.inbound("Pode mandar o folheto?")
    incoming = inbox.t.get(f"/api/v1/conversations/{cid}/messages").get_json()["items"][0]
    r = _post(
        inbox,
        cid,
        {
            "type": "document",
            "content": {"url": "https://example.com/folheto.pdf", "filename": "folheto.pdf", "caption": "Segue"},
            "reply_to": incoming["id"],
        },
    )
    assert r.status_code == 202, r.get_json()
    body = r.get_json()
    assert body["content"] == {"url": "https://example.com/folheto.pdf", "filename": "folheto.pdf", "caption": "Segue"}
    assert body["reply_to"] == provider_id
    assert inbox.t.get(f"/api/v1/conversations/{cid}").get_json()["last_message_preview"] == "Segue"


def test_message_history_pages(inbox):
    cid, _ = inbox.inbound("1")
    for i in range(4):
        _post(inbox, cid, {"type": "text", "text": f"resposta {i}"})
    first = inbox.t.get(f"/api/v1/conversations/{cid}/messages?limit=3").get_json()
    second = inbox.t.get(f"/api/v1/conversations/{cid}/messages?limit=3&cursor={first['next_cursor']}").get_json()
    texts = [m["text"] for m in first["items"] + second["items"]]
    assert texts == ["resposta 3", "resposta 2", "resposta 1", "resposta 0", "1"]
    assert second["next_cursor"] is None


def test_scheduled_message_is_sent_when_due(inbox, worker):
    cid, _ = inbox.inbound("Me lembra amanhã")
    when = dt.datetime.now(dt.UTC) + dt.timedelta(hours=2)
    r = _post(inbox, cid, {"type": "text", "text": "Bom dia! Lembrete.", "scheduled_at": when.isoformat()})
    assert r.status_code == 202, r.get_json()
    scheduled = r.get_json()
    assert scheduled["status"] == "scheduled" and scheduled["scheduled_at"]
    with inbox.db() as db:
        assert sweep(db)["released"] == 0
    assert inbox.message(scheduled["id"]).status == "scheduled"
    assert inbox.adapter.sends_of(scheduled["id"]) == []

    with inbox.db() as db:  # two hours later
        db.get(Message, uuid.UUID(scheduled["id"])).scheduled_at = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    with inbox.db() as db:
        assert sweep(db)["released"] == 1
    wait_for(lambda: inbox.message(scheduled["id"]).status == "sent", what="the scheduled send")
    assert len(inbox.adapter.sends_of(scheduled["id"])) == 1


def test_scheduled_free_form_message_fails_when_the_window_closed_meanwhile(inbox, worker):
    cid, _ = inbox.inbound("Oi", at=dt.datetime.now(dt.UTC) - dt.timedelta(hours=23))
    when = dt.datetime.now(dt.UTC) + dt.timedelta(hours=2)
    scheduled = _post(inbox, cid, {"type": "text", "text": "Tarde demais", "scheduled_at": when.isoformat()}).get_json()
    template = _post(
        inbox, cid, {"type": "template", "template": TEMPLATE, "scheduled_at": when.isoformat()}
    ).get_json()
    with inbox.db() as db:  # two hours later: the contact's last message is now 25 hours old
        for mid in (scheduled["id"], template["id"]):
            db.get(Message, uuid.UUID(mid)).scheduled_at = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
        db.get(Conversation, cid).last_inbound_at = dt.datetime.now(dt.UTC) - dt.timedelta(hours=25)
    with inbox.db() as db:
        assert sweep(db)["released"] == 2
    failed = wait_for(lambda: (m := inbox.message(scheduled["id"])).status == "failed" and m, what="the refusal")
    assert failed.error["code"] == "window_closed" and "template" in failed.error["message"]
    assert inbox.adapter.sends_of(scheduled["id"]) == []
    wait_for(lambda: inbox.message(template["id"]).status == "sent", what="the template send")


def test_cancel_a_scheduled_message(inbox):
    cid, _ = inbox.inbound("Oi")
    when = (dt.datetime.now(dt.UTC) + dt.timedelta(days=1)).isoformat()
    scheduled = _post(inbox, cid, {"type": "text", "text": "depois", "scheduled_at": when}).get_json()
    queued = _post(inbox, cid, {"type": "text", "text": "agora"}).get_json()
    assert inbox.t.delete(f"/api/v1/conversations/{cid}/messages/{queued['id']}").status_code == 409
    assert inbox.t.delete(f"/api/v1/conversations/{cid}/messages/{scheduled['id']}").status_code == 204
    assert inbox.message(scheduled["id"]) is None
    assert inbox.t.delete(f"/api/v1/conversations/{cid}/messages/{scheduled['id']}").status_code == 404


def test_new_conversation_by_phone_with_a_template(inbox, worker):
    t = inbox.t
    body = {
        "channel_id": str(inbox.channel_id),
        "phone": "+55 (11) 96666-5555",
        "name": "Gabriela",
        "template": TEMPLATE,
    }
    r = t.post("/api/v1/conversations", json=body)
    assert r.status_code == 201, r.get_json()
    started = r.get_json()
    conversation, message = started["conversation"], started["message"]
    assert conversation["contact"]["phone"] == "+5511966665555" and conversation["contact"]["name"] == "Gabriela"
    assert conversation["window_open"] is False
    assert message["type"] == "template" and message["status"] == "queued"
    wait_for(lambda: inbox.message(message["id"]).status == "sent", what="the template send")
    [outbound] = inbox.adapter.sends_of(message["id"])
    assert ("phone", "+5511966665555") in [(i.kind, i.value) for i in outbound.to]

    again = t.post("/api/v1/conversations", json=body).get_json()
    assert again["conversation"]["id"] == conversation["id"]
    r = t.post(f"/api/v1/conversations/{conversation['id']}/messages", json={"type": "text", "text": "e aí?"})
    assert r.status_code == 422 and r.get_json()["code"] == "window_closed"

    for wrong, field in [
        ({**body, "phone": "11966665555"}, "phone"),
        ({**body, "channel_id": str(uuid.uuid4())}, "channel_id"),
        ({k: v for k, v in body.items() if k != "template"}, "template"),
    ]:
        r = t.post("/api/v1/conversations", json=wrong)
        assert r.status_code == 422 and _field(r) == field, r.get_json()
