"""LGPD: exporting everything stored about a contact and erasing it everywhere, both audited."""

from __future__ import annotations

import json
import uuid

from sqlalchemy import Text, func, select

from atrium.inbox.models import AuditRecord, ContactIdentity, Conversation, DomainEvent, Message, Note

pytest_plugins = ("test_inbox_support",)  # fixtures: inbox, fake_adapter

PHONE = "+5511912345678"


def _person(inbox):
    """A contact with identities, tags, notes, a timeline, two conversations and media."""
    t = inbox.t
    cid, _ = inbox.inbound("Meu CPF é 123.456.789-00", name="Rita Moura", phone=PHONE)
    inbox.inbound(
        None, phone=PHONE, kind="image", content={"media_id": "media-42", "mime_type": "image/jpeg", "caption": "RG"}
    )
    inbox.inbound("Oi pelo outro canal", phone=PHONE, channel_id=inbox.open_channel_id)
    contact = t.get(f"/api/v1/conversations/{cid}").get_json()["contact"]
    t.post(
        f"/api/v1/contacts/{contact['id']}/tags", json={"tag_id": t.get("/api/v1/tags").get_json()["items"][0]["id"]}
    )
    t.post(f"/api/v1/contacts/{contact['id']}/notes", json={"text": "Mora na Rua das Flores, 10"})
    t.post(f"/api/v1/conversations/{cid}/messages", json={"type": "text", "text": "Recebido, Rita!"})
    return contact["id"], cid


def test_export_holds_everything_stored_about_the_contact(inbox):
    contact_id, _ = _person(inbox)
    r = inbox.t.get(f"/api/v1/contacts/{contact_id}/export")
    assert r.status_code == 200, r.get_json()
    assert "attachment" in r.headers["Content-Disposition"]
    doc = r.get_json()
    assert (
        doc["contact"]["id"] == contact_id
        and doc["contact"]["name"] == "Rita Moura"
        and doc["contact"]["phone"] == PHONE
    )
    assert {"kind": "phone", "value": PHONE} in [{"kind": i["kind"], "value": i["value"]} for i in doc["identities"]]
    assert len(doc["tags"]) == 1 and [n["text"] for n in doc["notes"]] == ["Mora na Rua das Flores, 10"]
    assert {a["kind"] for a in doc["activities"]} >= {"tag_added", "note_added"}
    assert len(doc["conversations"]) == 2
    texts = [m["text"] for c in doc["conversations"] for m in c["messages"]]
    assert {"Meu CPF é 123.456.789-00", "Oi pelo outro canal", "Recebido, Rita!"} <= set(texts)
    assert doc["media"] == [
        {
            "message_id": doc["media"][0]["message_id"],
            "type": "image",
            "media_id": "media-42",
            "mime_type": "image/jpeg",
            "caption": "RG",
        }
    ]
    [record] = inbox.t.get("/api/v1/audit-log").get_json()["items"]
    assert (record["action"], record["subject_id"], record["actor_type"]) == ("contact.exported", contact_id, "agent")
    assert record["details"]["messages"] == 4


def test_erase_removes_the_contact_everywhere_and_leaves_an_audit_record(inbox):
    contact_id, cid = _person(inbox)
    keep_cid, _ = inbox.inbound("Outro lead", name="Sérgio")
    r = inbox.t.delete(f"/api/v1/contacts/{contact_id}")
    assert r.status_code == 422 and r.get_json()["errors"][0]["field"] == "erase"
    assert inbox.t.get(f"/api/v1/contacts/{contact_id}").status_code == 200

    assert inbox.t.delete(f"/api/v1/contacts/{contact_id}?erase=true").status_code == 204
    assert inbox.t.get(f"/api/v1/contacts/{contact_id}").status_code == 404
    assert inbox.t.get(f"/api/v1/conversations/{cid}").status_code == 404
    assert [c["id"] for c in inbox.t.get("/api/v1/conversations").get_json()["items"]] == [str(keep_cid)]
    with inbox.db() as db:
        assert db.scalar(select(func.count()).select_from(Conversation).where(Conversation.id == cid)) == 0
        assert db.scalar(select(func.count()).select_from(ContactIdentity).where(ContactIdentity.value == PHONE)) == 0
        assert db.scalar(select(func.count()).select_from(Note)) == 0
        assert db.scalar(select(func.count()).select_from(Message).where(Message.text.contains("CPF"))) == 0
        leftovers = db.scalars(select(DomainEvent).where(DomainEvent.data.cast(Text).contains("Rita"))).all()
        assert leftovers == []
        assert db.scalar(select(func.count()).select_from(Message)) == 1  # Sérgio's message is untouched
        audit = db.scalars(select(AuditRecord).where(AuditRecord.action == "contact.erased")).one()
        assert (
            str(audit.subject_id) == contact_id
            and audit.details["messages"] == 4
            and audit.details["conversations"] == 2
        )
        assert "Rita" not in json.dumps(audit.details) and PHONE not in json.dumps(audit.details)
    log = inbox.t.get("/api/v1/audit-log").get_json()["items"]
    assert [e["action"] for e in log] == ["contact.erased"]

    again, _ = inbox.inbound("Oi de novo", phone=PHONE)  # the person writes again: a brand-new contact
    assert _contact_id(inbox, again) != contact_id


def _contact_id(inbox, cid) -> str:
    return inbox.t.get(f"/api/v1/conversations/{cid}").get_json()["contact"]["id"]


def test_only_admins_export_or_erase(inbox, client):
    contact_id, _ = _person(inbox)
    email = f"agent-{uuid.uuid4().hex[:8]}@example.com"
    assert (
        inbox.t.post(
            "/api/v1/users", json={"email": email, "name": "Agente", "password": "correct horse battery"}
        ).status_code
        == 201
    )
    token = client.post("/api/v1/auth/login", json={"email": email, "password": "correct horse battery"}).get_json()[
        "access_token"
    ]
    agent = {"Authorization": f"Bearer {token}"}
    assert client.get(f"/api/v1/contacts/{contact_id}/export", headers=agent).status_code == 403
    assert client.delete(f"/api/v1/contacts/{contact_id}?erase=true", headers=agent).status_code == 403
    assert client.get("/api/v1/audit-log", headers=agent).status_code == 403
    assert client.get(f"/api/v1/contacts/{contact_id}", headers=agent).status_code == 200


def test_a_merged_contact_is_erased_with_the_one_it_was_merged_into(tenant_factory):
    t = tenant_factory()
    keep = t.post("/api/v1/contacts", json={"name": "Tânia", "phone": "+5511987650001"}).get_json()
    dup = t.post("/api/v1/contacts", json={"name": "Tânia (2º número)", "phone": "+5511987650002"}).get_json()
    assert t.post(f"/api/v1/contacts/{keep['id']}/merge", json={"contact_id": dup["id"]}).status_code == 200
    r = t.delete(f"/api/v1/contacts/{dup['id']}?erase=true")
    assert r.status_code == 409 and keep["id"] in r.get_json()["detail"]
    export = t.get(f"/api/v1/contacts/{keep['id']}/export").get_json()
    assert [c["name"] for c in export["merged_contacts"]] == ["Tânia (2º número)"]
    assert t.delete(f"/api/v1/contacts/{keep['id']}?erase=true").status_code == 204
    assert t.get(f"/api/v1/contacts/{dup['id']}").status_code == 404
    assert t.get("/api/v1/contacts", query_string={"q": "tânia"}).get_json()["items"] == []
