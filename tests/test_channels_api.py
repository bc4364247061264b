"""Channels API: connect, list, reconfigure and disconnect channels; secrets never returned; routing keys claimed once."""

from __future__ import annotations

import uuid

from inbound_helpers import SECRET, body, post_signed, sandbox_channel, text_message
from sqlalchemy import select
from test_users_api import member

from atrium.db.session import public_session
from atrium.tenancy.models import RoutingKey


def test_create_returns_the_webhook_path_and_never_the_secret(tenant_factory):
    t = tenant_factory()
    response = t.post("/api/v1/channels", json={"type": "sandbox", "name": "Loja", "config": {"number": "+5511900000101", "secret": SECRET}})
    assert response.status_code == 201, response.get_json()
    channel = response.get_json()
    assert channel["webhook_url"] == f"/webhooks/sandbox/{channel['id']}"
    assert channel["config"] == {"number": "+5511900000101"}
    assert channel["secrets_set"] == ["secret"]
    assert channel["upload_rules"]["image"] == {"mime_types": ["image/jpeg", "image/png"], "max_bytes": 5 * 1024 * 1024}
    assert set(channel["upload_rules"]) == {"image", "video", "audio", "document"}  # what the composer may attach
    assert (channel["type"], channel["name"], channel["status"], channel["last_event_at"], channel["last_error"]) == (
        "sandbox", "Loja", "active", None, None,
    )
    assert SECRET not in t.get(f"/api/v1/channels/{channel['id']}").get_data(as_text=True)
    listed = t.get("/api/v1/channels").get_json()
    assert [c["id"] for c in listed["items"]] == [channel["id"]] and listed["next_cursor"] is None
    assert SECRET not in t.get("/api/v1/channels").get_data(as_text=True)


def test_list_is_cursor_paginated(tenant_factory):
    t = tenant_factory()
    ids = [sandbox_channel(t)["id"] for _ in range(3)]
    first = t.get("/api/v1/channels?limit=2").get_json()
    second = t.get(f"/api/v1/channels?limit=2&cursor={first['next_cursor']}").get_json()
    assert [c["id"] for c in first["items"] + second["items"]] == ids[::-1]
    assert second["next_cursor"] is None


def test_unknown_type_and_bad_config_are_422_naming_the_field(tenant_factory):
    t = tenant_factory()
    unknown = t.post("/api/v1/channels", json={"type": "carrier-pigeon", "name": "x", "config": {}})
    assert unknown.status_code == 422 and unknown.get_json()["errors"][0]["field"] == "type"
    cases = {
        "config.number": {"number": "11 9000-0000"},
        "config.colour": {"colour": "blue"},
        "config.delivered_after_ms": {"delivered_after_ms": -1},
    }
    for field, config in cases.items():
        response = t.post("/api/v1/channels", json={"type": "sandbox", "name": "x", "config": config})
        assert response.status_code == 422, response.get_json()
        assert response.get_json()["errors"][0]["field"] == field
        assert field in response.get_json()["detail"]
    short = t.post("/api/v1/channels", json={"type": "sandbox", "name": "x", "config": {"secret": "tiny-secret"}})
    assert short.status_code == 422 and short.get_json()["errors"][0]["field"] == "config.secret"
    assert "tiny-secret" not in short.get_data(as_text=True)
    missing = t.post("/api/v1/channels", json={"type": "sandbox"})
    assert missing.status_code == 422 and missing.get_json()["errors"][0]["field"] == "name"
    assert t.get("/api/v1/channels").get_json()["items"] == []


def test_a_routing_key_belongs_to_one_channel_only(tenant_factory):
    a, b = tenant_factory(), tenant_factory()
    number = "+5511900000202"
    mine = sandbox_channel(a, number=number)
    for tenant in (b, a):
        taken = tenant.post("/api/v1/channels", json={"type": "sandbox", "name": "copy", "config": {"number": number}})
        assert taken.status_code == 409, taken.get_json()
        assert taken.get_json()["errors"][0]["field"] == "config.number"
    assert [c["id"] for c in a.get("/api/v1/channels").get_json()["items"]] == [mine["id"]]
    assert b.get("/api/v1/channels").get_json()["items"] == []
    other = sandbox_channel(b)
    moved = b.patch(f"/api/v1/channels/{other['id']}", json={"config": {"number": number}})
    assert moved.status_code == 409 and moved.get_json()["errors"][0]["field"] == "config.number"
    released = a.patch(f"/api/v1/channels/{mine['id']}", json={"config": {"number": None}})
    assert released.status_code == 200 and released.get_json()["config"] == {}
    assert b.patch(f"/api/v1/channels/{other['id']}", json={"config": {"number": number}}).status_code == 200
    with public_session() as db:
        owners = db.scalars(select(RoutingKey.target_id).where(RoutingKey.kind == "sandbox", RoutingKey.key == number)).all()
    assert owners == [uuid.UUID(other["id"])]


def test_patch_renames_and_keeps_omitted_secrets(client, tenant_factory):
    t = tenant_factory()
    channel = sandbox_channel(t, number="+5511900000303")
    url = channel["webhook_url"]
    renamed = t.patch(f"/api/v1/channels/{channel['id']}", json={"name": "Vendas", "config": {"read_after_ms": None}})
    assert renamed.status_code == 200, renamed.get_json()
    assert (renamed.get_json()["name"], renamed.get_json()["config"], renamed.get_json()["secrets_set"]) == (
        "Vendas", {"number": "+5511900000303"}, ["secret"],
    )
    assert post_signed(client, url, body([text_message("old secret still works")])).status_code == 200
    new_secret = "a-brand-new-webhook-secret"
    assert t.patch(f"/api/v1/channels/{channel['id']}", json={"config": {"secret": new_secret}}).status_code == 200
    assert post_signed(client, url, body([text_message("old secret")])).status_code == 403
    assert post_signed(client, url, body([text_message("new secret")]), secret=new_secret).status_code == 200
    bad = t.patch(f"/api/v1/channels/{channel['id']}", json={"config": {"number": "nope"}})
    assert bad.status_code == 422 and bad.get_json()["errors"][0]["field"] == "config.number"


def test_delete_disconnects_the_channel_and_releases_its_keys(client, tenant_factory):
    a, b = tenant_factory(), tenant_factory()
    channel = sandbox_channel(a, number="+5511900000404")
    assert a.delete(f"/api/v1/channels/{channel['id']}").status_code == 204
    assert a.get(f"/api/v1/channels/{channel['id']}").status_code == 404
    assert post_signed(client, channel["webhook_url"], body([text_message("anyone?")])).status_code == 404
    assert sandbox_channel(b, number="+5511900000404")["config"]["number"] == "+5511900000404"


def test_writes_need_the_admin_role_and_other_companies_see_nothing(client, tenant_factory):
    a, b = tenant_factory(), tenant_factory()
    channel = sandbox_channel(a)
    agent = member(client, a)
    assert agent.request("GET", f"/api/v1/channels/{channel['id']}").status_code == 200
    refused = [
        agent.request("POST", "/api/v1/channels", json={"type": "sandbox", "name": "x", "config": {}}),
        agent.request("PATCH", f"/api/v1/channels/{channel['id']}", json={"name": "x"}),
        agent.request("DELETE", f"/api/v1/channels/{channel['id']}"),
    ]
    assert [r.status_code for r in refused] == [403, 403, 403]
    for method in ("GET", "PATCH", "DELETE"):
        assert b.request(method, f"/api/v1/channels/{channel['id']}", json={"name": "mine"}).status_code == 404
    assert b.get("/api/v1/channels").get_json()["items"] == []
    assert a.get(f"/api/v1/channels/{channel['id']}").get_json()["name"] == "Sandbox"
