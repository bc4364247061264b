"""Contacts through the API: create, read, change, list with filters and search, tags, notes, timeline."""

from __future__ import annotations

import datetime as dt
import uuid

from atrium.channels.contract import ContactInfo, Identity, InboundMessage
from atrium.inbox.ingest import apply_events
from atrium.inbox.models import Channel

pytest_plugins = ("test_inbox_support",)  # fixtures: inbox, fake_adapter


def _field(response) -> str:
    return response.get_json()["errors"][0]["field"]


def _stage(t, index=0) -> str:
    return t.get("/api/v1/pipeline/stages").get_json()["items"][index]["key"]


def _me(t) -> str:
    return t.get("/api/v1/auth/me").get_json()["user"]["id"]


def test_create_read_and_change_a_contact(tenant_factory):
    t = tenant_factory()
    stage = _stage(t)
    body = {
        "name": "Helena Costa",
        "phone": "+55 11 95555-4444",
        "email": "helena@example.com.br",
        "custom_fields": {"curso": "MBA", "turno": "noite"},
        "stage_key": stage,
        "attribution": {"utm_source": "google", "utm_campaign": "mba-2027", "utm_medium": "cpc"},
    }
    r = t.post("/api/v1/contacts", json=body)
    assert r.status_code == 201, r.get_json()
    contact = r.get_json()
    assert contact["phone"] == "+5511955554444" and contact["stage_key"] == stage
    assert contact["identities"] == [{"kind": "phone", "value": "+5511955554444"}]
    assert contact["attribution"]["source"] == "utm" and contact["attribution"]["utm_campaign"] == "mba-2027"
    assert contact["attribution"]["first_touch_at"]

    r = t.patch(
        f"/api/v1/contacts/{contact['id']}",
        json={"name": "Helena C. Costa", "phone": "+5511944443333", "assignee_id": _me(t)},
    )
    assert r.status_code == 200, r.get_json()
    changed = r.get_json()
    assert changed["name"] == "Helena C. Costa" and changed["assignee_id"] == _me(t)
    assert changed["identities"] == [{"kind": "phone", "value": "+5511944443333"}]
    assert changed["email"] == "helena@example.com.br" and changed["custom_fields"] == {
        "curso": "MBA",
        "turno": "noite",
    }
    assert t.get(f"/api/v1/contacts/{contact['id']}").get_json()["name"] == "Helena C. Costa"
    kinds = [a["kind"] for a in t.get(f"/api/v1/contacts/{contact['id']}/activities").get_json()["items"]]
    assert kinds.count("assigned") == 1 and kinds.count("stage_changed") == 1


def test_invalid_contact_input_names_the_field(tenant_factory):
    t = tenant_factory()
    other = t.post("/api/v1/contacts", json={"name": "Ivo", "phone": "+5511933332222"}).get_json()
    cases = [
        ({"phone": "11 93333-2222"}, "phone", 422),
        ({"phone": "+55"}, "phone", 422),
        ({"phone": "+5511933332222"}, "phone", 409),
        ({"email": "not-an-email"}, "email", 422),
        ({"stage_key": "no_such_stage"}, "stage_key", 422),
        ({"assignee_id": str(uuid.uuid4())}, "assignee_id", 422),
        ({"custom_fields": ["a"]}, "custom_fields", 422),
        ({"name": "x" * 201}, "name", 422),
    ]
    for body, field, status in cases:
        r = t.post("/api/v1/contacts", json={"name": "Novo", **body})
        assert r.status_code == status, (body, r.get_json())
        assert _field(r) == field, (body, r.get_json())
        r = t.patch(f"/api/v1/contacts/{other['id']}", json=body)
        if body.get("phone") != other["phone"]:
            assert r.status_code == status and _field(r) == field, (body, r.get_json())


def test_server_owned_fields_are_ignored(tenant_factory):
    t = tenant_factory()
    forged = {
        "id": str(uuid.uuid4()),
        "merged_into_id": str(uuid.uuid4()),
        "created_at": "2000-01-01T00:00:00Z",
        "tenant_id": "x",
    }
    r = t.post("/api/v1/contacts", json={"name": "Joana", **forged})
    assert r.status_code == 201
    contact = r.get_json()
    assert (
        contact["id"] != forged["id"]
        and contact["merged_into_id"] is None
        and not contact["created_at"].startswith("2000")
    )
    r = t.patch(f"/api/v1/contacts/{contact['id']}", json={**forged, "attribution": {"utm_source": "forged"}})
    assert r.status_code == 200
    assert r.get_json()["id"] == contact["id"] and r.get_json()["attribution"] is None


def test_list_filters_search_and_pages(tenant_factory):
    t = tenant_factory()
    stage = _stage(t, 1)
    tag = t.get("/api/v1/tags").get_json()["items"][0]
    made = {}
    for name, phone in [
        ("Karina Alves", "+5511922221111"),
        ("Lucas Alves", "+5521922220000"),
        ("Marta Dias", "+5531911110000"),
    ]:
        made[name] = t.post("/api/v1/contacts", json={"name": name, "phone": phone}).get_json()["id"]
    t.patch(f"/api/v1/contacts/{made['Karina Alves']}", json={"stage_key": stage, "assignee_id": _me(t)})
    t.post(f"/api/v1/contacts/{made['Lucas Alves']}/tags", json={"tag_id": tag["id"]})

    def names(**query):
        r = t.get("/api/v1/contacts", query_string=query)
        assert r.status_code == 200, r.get_json()
        return sorted(c["name"] for c in r.get_json()["items"])

    assert names() == ["Karina Alves", "Lucas Alves", "Marta Dias"]
    assert names(q="alves") == ["Karina Alves", "Lucas Alves"]
    assert names(q="kar alv") == ["Karina Alves"]
    assert names(q="2222-0000") == ["Lucas Alves"]
    assert names(stage=stage) == ["Karina Alves"]
    assert names(tag=tag["id"]) == ["Lucas Alves"]
    assert names(assignee="me") == ["Karina Alves"]
    assert names(assignee="unassigned") == ["Lucas Alves", "Marta Dias"]
    listed = t.get("/api/v1/contacts", query_string={"tag": tag["id"]}).get_json()["items"][0]
    assert listed["tags"] == [{"id": tag["id"], "name": tag["name"], "color": tag["color"]}]

    first = t.get("/api/v1/contacts?limit=2").get_json()
    second = t.get(f"/api/v1/contacts?limit=2&cursor={first['next_cursor']}").get_json()
    assert [c["name"] for c in first["items"] + second["items"]] == ["Marta Dias", "Lucas Alves", "Karina Alves"]
    assert second["next_cursor"] is None


def test_tags_notes_and_timeline(tenant_factory):
    t = tenant_factory()
    contact = t.post("/api/v1/contacts", json={"name": "Nina"}).get_json()
    tag = t.get("/api/v1/tags").get_json()["items"][0]
    path = f"/api/v1/contacts/{contact['id']}"

    r = t.post(f"{path}/tags", json={"tag_id": tag["id"]})
    assert r.status_code == 200 and [x["id"] for x in r.get_json()["tags"]] == [tag["id"]]
    assert t.post(f"{path}/tags", json={"tag_id": tag["id"]}).status_code == 200  # already tagged: no change
    r = t.post(f"{path}/tags", json={"tag_id": str(uuid.uuid4())})
    assert r.status_code == 422 and _field(r) == "tag_id"
    assert t.delete(f"{path}/tags/{tag['id']}").status_code == 204
    assert t.get(path).get_json()["tags"] == []

    note = t.post(f"{path}/notes", json={"text": "Prefere contato à noite."})
    assert note.status_code == 201 and note.get_json()["author_id"] == _me(t)
    t.post(f"{path}/notes", json={"text": "Pediu desconto."})
    notes = t.get(f"{path}/notes").get_json()["items"]
    assert [n["text"] for n in notes] == ["Pediu desconto.", "Prefere contato à noite."]
    assert t.post(f"{path}/notes", json={"text": ""}).status_code == 422
    assert t.delete(f"{path}/notes/{notes[0]['id']}").status_code == 204
    assert t.delete(f"{path}/notes/{notes[0]['id']}").status_code == 404
    assert [n["text"] for n in t.get(f"{path}/notes").get_json()["items"]] == ["Prefere contato à noite."]

    timeline = t.get(f"{path}/activities").get_json()["items"]
    assert [a["kind"] for a in timeline] == ["note_deleted", "note_added", "note_added", "tag_removed", "tag_added"]
    assert timeline[-1]["data"] == {"tag_id": tag["id"], "name": tag["name"]}
    assert timeline[-1]["actor_type"] == "agent" and timeline[-1]["actor_id"] == _me(t)


def test_contacts_from_the_inbox_show_their_identities_and_ad_attribution(inbox):
    referral = {
        "source_type": "ad",
        "source_id": "120200000001",
        "source_url": "https://fb.me/ad",
        "headline": "MBA",
        "ctwa_clid": "ARAkLk",
    }
    event = InboundMessage(
        provider_message_id=f"wamid.{uuid.uuid4().hex}",
        contact=ContactInfo(
            identities=(Identity("wa_id", "5511977771111"), Identity("phone", "+5511977771111")),
            name="Otávio",
            phone="+5511977771111",
        ),
        type="text",
        timestamp=dt.datetime.now(dt.UTC),
        text="Vi o anúncio",
        referral=referral,
    )
    with inbox.db() as db:
        apply_events(db, db.get(Channel, inbox.channel_id), [event])
    [item] = inbox.t.get("/api/v1/contacts", query_string={"q": "otávio"}).get_json()["items"]
    contact = inbox.t.get(f"/api/v1/contacts/{item['id']}").get_json()
    assert {(i["kind"], i["value"]) for i in contact["identities"]} == {
        ("wa_id", "5511977771111"),
        ("phone", "+5511977771111"),
    }
    assert contact["attribution"]["source"] == "ctwa" and contact["attribution"]["ctwa_clid"] == "ARAkLk"


def test_unknown_and_other_companies_contacts_are_not_found(tenant_factory):
    t, other = tenant_factory(), tenant_factory()
    contact = t.post("/api/v1/contacts", json={"name": "Paula"}).get_json()
    note = t.post(f"/api/v1/contacts/{contact['id']}/notes", json={"text": "x"}).get_json()
    tag = other.get("/api/v1/tags").get_json()["items"][0]
    path = f"/api/v1/contacts/{contact['id']}"
    for method, url, body in [
        ("get", path, None),
        ("patch", path, {"name": "Hacked"}),
        ("delete", f"{path}?erase=true", None),
        ("get", f"{path}/export", None),
        ("get", f"{path}/notes", None),
        ("post", f"{path}/notes", {"text": "x"}),
        ("delete", f"{path}/notes/{note['id']}", None),
        ("get", f"{path}/activities", None),
        ("post", f"{path}/tags", {"tag_id": tag["id"]}),
        ("post", f"{path}/merge", {"contact_id": str(uuid.uuid4())}),
        ("get", f"/api/v1/contacts/{uuid.uuid4()}", None),
    ]:
        r = getattr(other, method)(url, **({"json": body} if body else {}))
        assert r.status_code == 404, (method, url, r.get_json())
    assert t.get(path).get_json()["name"] == "Paula"
    assert other.get("/api/v1/contacts").get_json()["items"] == []
