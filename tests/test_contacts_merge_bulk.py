"""Merging two contacts and bulk actions on many contacts."""

from __future__ import annotations

import datetime as dt
import uuid

from atrium.inbox.contacts import MAX_BULK

pytest_plugins = ("test_inbox_support",)  # fixtures: inbox, fake_adapter


def _contact_of(inbox, cid) -> dict:
    return inbox.t.get(f"/api/v1/conversations/{cid}").get_json()["contact"]


def test_merge_moves_everything_and_keeps_one_conversation_per_channel(inbox):
    t = inbox.t
    earlier = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=10)
    keep_cid, _ = inbox.inbound("Oi, sou a Quitéria", name="Quitéria", phone="+5511900000001", at=earlier)
    dup_cid, _ = inbox.inbound("Mandei do outro número", name=None, phone="+5511900000002")
    other_channel_cid, _ = inbox.inbound(
        "E por aqui também", name=None, phone="+5511900000002", channel_id=inbox.open_channel_id
    )
    keep, dup = _contact_of(inbox, keep_cid), _contact_of(inbox, dup_cid)
    tags = t.get("/api/v1/tags").get_json()["items"]
    t.post(f"/api/v1/contacts/{keep['id']}/tags", json={"tag_id": tags[0]["id"]})
    t.post(f"/api/v1/contacts/{dup['id']}/tags", json={"tag_id": tags[0]["id"]})
    t.post(f"/api/v1/contacts/{dup['id']}/tags", json={"tag_id": tags[1]["id"]})
    t.post(f"/api/v1/contacts/{dup['id']}/notes", json={"text": "Mesmo lead, outro chip"})
    t.patch(
        f"/api/v1/contacts/{dup['id']}", json={"email": "quiteria@example.com", "custom_fields": {"curso": "Direito"}}
    )

    r = t.post(f"/api/v1/contacts/{keep['id']}/merge", json={"contact_id": dup["id"]})
    assert r.status_code == 200, r.get_json()
    merged = r.get_json()
    assert (
        merged["name"] == "Quitéria"
        and merged["phone"] == "+5511900000001"
        and merged["email"] == "quiteria@example.com"
    )
    assert merged["custom_fields"] == {"curso": "Direito"}
    assert {i["value"] for i in merged["identities"]} == {"+5511900000001", "+5511900000002"}
    assert {x["id"] for x in merged["tags"]} == {tags[0]["id"], tags[1]["id"]}
    assert [n["text"] for n in t.get(f"/api/v1/contacts/{keep['id']}/notes").get_json()["items"]] == [
        "Mesmo lead, outro chip"
    ]
    kinds = [a["kind"] for a in t.get(f"/api/v1/contacts/{keep['id']}/activities").get_json()["items"]]
    assert kinds[0] == "merged" and "note_added" in kinds and kinds.count("tag_added") == 3

    stub = t.get(f"/api/v1/contacts/{dup['id']}").get_json()
    assert stub["merged_into_id"] == keep["id"]
    assert [c["id"] for c in t.get("/api/v1/contacts").get_json()["items"]] == [keep["id"]]

    conversations = t.get("/api/v1/conversations").get_json()["items"]
    assert sorted(c["id"] for c in conversations) == sorted([str(keep_cid), str(other_channel_cid)])
    assert {c["contact"]["id"] for c in conversations} == {keep["id"]}
    folded = t.get(f"/api/v1/conversations/{keep_cid}").get_json()
    assert folded["unread_count"] == 2 and folded["last_message_preview"] == "Mandei do outro número"
    texts = [m["text"] for m in t.get(f"/api/v1/conversations/{keep_cid}/messages").get_json()["items"]]
    assert texts == ["Mandei do outro número", "Oi, sou a Quitéria"]
    assert t.get(f"/api/v1/conversations/{dup_cid}").status_code == 404

    again_cid, _ = inbox.inbound("Voltei", phone="+5511900000002")  # the merged number lands on the kept contact
    assert again_cid == keep_cid

    for body, status in [
        ({"contact_id": keep["id"]}, 422),
        ({"contact_id": dup["id"]}, 409),
        ({"contact_id": str(uuid.uuid4())}, 422),
    ]:
        r = t.post(f"/api/v1/contacts/{keep['id']}/merge", json=body)
        assert r.status_code == status and r.get_json()["errors"][0]["field"] == "contact_id", r.get_json()


def test_bulk_actions_apply_to_every_listed_contact(tenant_factory):
    t = tenant_factory()
    ids = [t.post("/api/v1/contacts", json={"name": f"Lead {i}"}).get_json()["id"] for i in range(4)]
    stage = t.get("/api/v1/pipeline/stages").get_json()["items"][2]["key"]
    tag = t.get("/api/v1/tags").get_json()["items"][0]
    me = t.get("/api/v1/auth/me").get_json()["user"]["id"]
    unknown = str(uuid.uuid4())

    r = t.post(
        "/api/v1/contacts/bulk",
        json={"ids": ids[:3] + [unknown], "set_stage": stage, "add_tag": tag["id"], "assign": me},
    )
    assert r.status_code == 200, r.get_json()
    assert r.get_json() == {"updated": 3, "missing": [unknown]}
    for cid in ids[:3]:
        contact = t.get(f"/api/v1/contacts/{cid}").get_json()
        assert (contact["stage_key"], contact["assignee_id"], [x["id"] for x in contact["tags"]]) == (
            stage,
            me,
            [tag["id"]],
        )
        kinds = {a["kind"] for a in t.get(f"/api/v1/contacts/{cid}/activities").get_json()["items"]}
        assert kinds == {"stage_changed", "tag_added", "assigned"}
    untouched = t.get(f"/api/v1/contacts/{ids[3]}").get_json()
    assert (untouched["stage_key"], untouched["tags"]) == (None, [])

    r = t.post("/api/v1/contacts/bulk", json={"ids": ids, "remove_tag": tag["id"], "assign": None})
    assert r.get_json()["updated"] == 4
    assert all(t.get(f"/api/v1/contacts/{cid}").get_json()["tags"] == [] for cid in ids)


def test_bulk_input_is_bounded_and_checked(tenant_factory):
    t = tenant_factory()
    some = [t.post("/api/v1/contacts", json={"name": "X"}).get_json()["id"]]
    cases = [
        ({"ids": [], "set_stage": None}, "ids"),
        ({"ids": [str(uuid.uuid4()) for _ in range(MAX_BULK + 1)], "set_stage": None}, "ids"),
        ({"ids": some}, "set_stage"),
        ({"ids": some, "set_stage": "nope"}, "set_stage"),
        ({"ids": some, "add_tag": str(uuid.uuid4())}, "add_tag"),
        ({"ids": some, "assign": str(uuid.uuid4())}, "assign"),
        ({"ids": ["not-a-uuid"], "set_stage": None}, "ids.0"),
    ]
    for body, field in cases:
        r = t.post("/api/v1/contacts/bulk", json=body)
        assert r.status_code == 422, (field, r.get_json())
        assert r.get_json()["errors"][0]["field"] == field, r.get_json()
