"""The inbox list and conversation actions through the API: filters, search, pagination,
status, assignment, AI flag, read state, counters, isolation."""

from __future__ import annotations

import datetime as dt
import uuid

from test_inbox_support import wait_for

pytest_plugins = ("test_inbox_support",)  # fixtures: inbox, fake_adapter


def _me(t) -> str:
    return t.get("/api/v1/auth/me").get_json()["user"]["id"]


def _member(t, name="Bruno Agente") -> str:
    slug = uuid.uuid4().hex[:8]
    r = t.post(
        "/api/v1/users", json={"email": f"agent-{slug}@example.com", "name": name, "password": "correct horse battery"}
    )
    assert r.status_code == 201, r.get_json()
    return r.get_json()["id"]


def _ids(response) -> list[str]:
    assert response.status_code == 200, response.get_json()
    return [item["id"] for item in response.get_json()["items"]]


def test_list_item_has_the_contract_fields(inbox):
    cid, _ = inbox.inbound("Quero saber o preço", name="Ana Souza", phone="+5511988887777")
    body = inbox.t.get("/api/v1/conversations").get_json()
    assert body["next_cursor"] is None
    [item] = body["items"]
    assert item["id"] == str(cid)
    assert item["status"] == "open"
    assert item["channel_id"] == str(inbox.channel_id)
    assert item["unread_count"] == 1
    assert item["last_message_at"]
    assert item["last_message_preview"] == "Quero saber o preço"
    assert item["assignee_id"] is None and item["ai_active"] is False
    assert item["contact"]["name"] == "Ana Souza" and item["contact"]["phone"] == "+5511988887777"
    assert uuid.UUID(item["contact"]["id"])
    assert item["window_open"] is True and item["window_expires_at"]
    assert item["tags"] == []


def test_the_list_shows_each_conversation_exactly_as_its_own_page_does(inbox):
    t = inbox.t
    me = _me(t)
    plain, _ = inbox.inbound("sem etiqueta", name="Bia")
    rich, _ = inbox.inbound("com tudo", name="Caio", phone="+5511977776666", channel_id=inbox.open_channel_id)
    contact = t.get(f"/api/v1/conversations/{rich}").get_json()["contact"]["id"]
    for name in ("zeta", "alfa"):
        tag = t.post("/api/v1/tags", json={"name": name}).get_json()
        assert t.post(f"/api/v1/contacts/{contact}/tags", json={"tag_id": tag["id"]}).status_code == 200
    key = t.get("/api/v1/pipeline/stages").get_json()["items"][0]["key"]
    assert t.patch(f"/api/v1/contacts/{contact}", json={"stage_key": key}).status_code == 200
    assert t.patch(f"/api/v1/conversations/{rich}", json={"assignee_id": me, "ai_active": True}).status_code == 200

    listed = {item["id"]: item for item in t.get("/api/v1/conversations").get_json()["items"]}
    for conversation_id in (plain, rich):
        assert listed[str(conversation_id)] == t.get(f"/api/v1/conversations/{conversation_id}").get_json()
    item = listed[str(rich)]
    assert [tag["name"] for tag in item["tags"]] == ["alfa", "zeta"]  # by name
    assert item["contact"]["stage_key"] == key and item["assignee_id"] == me and item["ai_active"] is True
    assert item["window_open"] is True  # the channel without a window
    assert listed[str(plain)]["channel_type"] == t.get(f"/api/v1/channels/{inbox.channel_id}").get_json()["type"]


def test_pages_follow_the_latest_activity_without_gaps_or_repeats(inbox):
    base = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
    made = [inbox.inbound(f"mensagem {i}", at=base + dt.timedelta(minutes=i))[0] for i in range(7)]
    seen, cursor = [], None
    while True:
        r = inbox.t.get("/api/v1/conversations", query_string={"limit": 3, **({"cursor": cursor} if cursor else {})})
        seen += _ids(r)
        cursor = r.get_json()["next_cursor"]
        if not cursor:
            break
    assert seen == [str(c) for c in reversed(made)]
    bad = inbox.t.get("/api/v1/conversations", query_string={"cursor": "not-a-cursor"})
    assert bad.status_code == 422 and bad.get_json()["errors"][0]["field"] == "cursor"


def test_filters_status_channel_assignee_unread_tag_and_stage(inbox):
    t = inbox.t
    me = _me(t)
    a, _ = inbox.inbound("primeira", name="Alice")
    b, _ = inbox.inbound("segunda", name="Bruna")
    c, _ = inbox.inbound("terceira", name="Carla", channel_id=inbox.open_channel_id)
    assert t.patch(f"/api/v1/conversations/{a}", json={"status": "pending", "assignee_id": me}).status_code == 200
    assert t.post(f"/api/v1/conversations/{b}/read").status_code == 200

    assert _ids(t.get("/api/v1/conversations?status=pending")) == [str(a)]
    assert set(_ids(t.get("/api/v1/conversations?status=open"))) == {str(b), str(c)}
    assert _ids(t.get(f"/api/v1/conversations?channel_id={inbox.open_channel_id}")) == [str(c)]
    assert _ids(t.get("/api/v1/conversations?assignee=me")) == [str(a)]
    assert _ids(t.get(f"/api/v1/conversations?assignee={me}")) == [str(a)]
    assert set(_ids(t.get("/api/v1/conversations?assignee=unassigned"))) == {str(b), str(c)}
    assert set(_ids(t.get("/api/v1/conversations?unread=true"))) == {str(a), str(c)}
    assert _ids(t.get("/api/v1/conversations?unread=false")) == [str(b)]

    tag = t.post("/api/v1/tags", json={"name": "vip", "color": "#ff0000"}).get_json()
    contact_c = t.get(f"/api/v1/conversations/{c}").get_json()["contact"]["id"]
    assert t.post(f"/api/v1/contacts/{contact_c}/tags", json={"tag_id": tag["id"]}).status_code == 200
    tagged = t.get(f"/api/v1/conversations?tag={tag['id']}").get_json()["items"]
    assert [i["id"] for i in tagged] == [str(c)] and tagged[0]["tags"][0]["name"] == "vip"

    key = t.get("/api/v1/pipeline/stages").get_json()["items"][0]["key"]
    contact_b = t.get(f"/api/v1/conversations/{b}").get_json()["contact"]["id"]
    assert t.patch(f"/api/v1/contacts/{contact_b}", json={"stage_key": key}).status_code == 200
    assert _ids(t.get(f"/api/v1/conversations?stage={key}")) == [str(b)]

    wrong = t.get("/api/v1/conversations?assignee=someone")
    assert wrong.status_code == 422 and wrong.get_json()["errors"][0]["field"] == "assignee"
    wrong = t.get("/api/v1/conversations?status=archived")
    assert wrong.status_code == 422 and wrong.get_json()["errors"][0]["field"] == "status"


def test_search_finds_message_words_contact_names_and_phone_digits(inbox):
    t = inbox.t
    orcamento, _ = inbox.inbound("Gostaria de um orçamento para a pós-graduação", name="Diego Ramos")
    inbox.inbound("Bom dia", name="Elisa Prado", phone="+5521977776666")
    inbox.inbound("Boa tarde", name="Fábio Lima")

    assert _ids(t.get("/api/v1/conversations", query_string={"q": "orçamento"})) == [str(orcamento)]
    assert _ids(t.get("/api/v1/conversations", query_string={"q": "orçam pós"})) == [str(orcamento)]
    assert _ids(t.get("/api/v1/conversations", query_string={"q": "diego"})) == [str(orcamento)]
    by_phone = t.get("/api/v1/conversations", query_string={"q": "97777-6666"}).get_json()["items"]
    assert [i["contact"]["name"] for i in by_phone] == ["Elisa Prado"]
    assert _ids(t.get("/api/v1/conversations", query_string={"q": "inexistente"})) == []
    wrong = t.get("/api/v1/conversations", query_string={"q": "!!"})
    assert wrong.status_code == 422 and wrong.get_json()["errors"][0]["field"] == "q"


def test_search_ignores_accents_and_case_both_ways(inbox):
    t = inbox.t
    joao, _ = inbox.inbound("Quero saber do CURSO de Gestão", name="João Conceição")
    acucar, _ = inbox.inbound("sem acucar, por favor", name="Beatriz")

    def found(q: str) -> list[str]:
        return _ids(t.get("/api/v1/conversations", query_string={"q": q}))

    assert found("joao") == found("JOÃO") == found("conceicao") == [str(joao)]
    assert found("gestao") == found("GESTÃO curso") == [str(joao)]
    assert found("açúcar") == found("ACUCAR") == [str(acucar)]


def test_status_assignment_and_ai_flag_are_on_the_contact_timeline(inbox):
    t = inbox.t
    cid, _ = inbox.inbound("Olá")
    agent = _member(t)
    r = t.patch(f"/api/v1/conversations/{cid}", json={"status": "resolved", "assignee_id": agent, "ai_active": True})
    assert r.status_code == 200, r.get_json()
    body = r.get_json()
    assert (body["status"], body["assignee_id"], body["ai_active"]) == ("resolved", agent, True)
    r = t.patch(f"/api/v1/conversations/{cid}", json={"assignee_id": None})
    assert r.get_json()["assignee_id"] is None

    kinds = [a["kind"] for a in t.get(f"/api/v1/contacts/{body['contact']['id']}/activities").get_json()["items"]]
    assert kinds.count("conversation_assigned") == 2
    assert "conversation_status_changed" in kinds and "ai_toggled" in kinds

    stranger = str(uuid.uuid4())
    r = t.patch(f"/api/v1/conversations/{cid}", json={"assignee_id": stranger})
    assert r.status_code == 422 and r.get_json()["errors"][0]["field"] == "assignee_id"
    r = t.patch(f"/api/v1/conversations/{cid}", json={"status": "archived"})
    assert r.status_code == 422 and r.get_json()["errors"][0]["field"] == "status"


def test_server_owned_fields_are_ignored(inbox):
    cid, _ = inbox.inbound("Olá")
    r = inbox.t.patch(
        f"/api/v1/conversations/{cid}",
        json={
            "unread_count": 0,
            "channel_id": str(uuid.uuid4()),
            "contact_id": str(uuid.uuid4()),
            "id": str(uuid.uuid4()),
        },
    )
    assert r.status_code == 200
    body = r.get_json()
    assert (body["id"], body["unread_count"], body["channel_id"]) == (str(cid), 1, str(inbox.channel_id))


def test_mark_read_zeroes_unread_and_sends_a_read_receipt(inbox, worker):
    cid, first = inbox.inbound("um")
    _, last = inbox.inbound("dois", phone=inbox.t.get(f"/api/v1/conversations/{cid}").get_json()["contact"]["phone"])
    assert inbox.t.get(f"/api/v1/conversations/{cid}").get_json()["unread_count"] == 2
    r = inbox.t.post(f"/api/v1/conversations/{cid}/read")
    assert r.status_code == 200 and r.get_json()["unread_count"] == 0
    wait_for(lambda: last in inbox.adapter.read, what="the read receipt")
    assert first not in inbox.adapter.read


def test_counters_come_from_one_answer(inbox):
    t = inbox.t
    me = _me(t)
    a, _ = inbox.inbound("a")
    b, _ = inbox.inbound("b")
    c, _ = inbox.inbound("c")
    t.patch(f"/api/v1/conversations/{a}", json={"assignee_id": me})
    t.patch(f"/api/v1/conversations/{b}", json={"status": "pending"})
    t.patch(f"/api/v1/conversations/{c}", json={"status": "resolved"})
    t.post(f"/api/v1/conversations/{b}/read")
    r = t.get("/api/v1/conversations/counters")
    assert r.status_code == 200
    counts = r.get_json()
    by_status = counts.pop("by_status")
    assert counts == {"mine": 1, "unassigned": 1, "all": 2, "unread": 1, "open": 1, "pending": 1, "resolved": 1}
    assert by_status == {  # what a list filtered by status shows in each quick view
        "open": {"mine": 1, "unassigned": 0, "all": 1, "unread": 1},
        "pending": {"mine": 0, "unassigned": 1, "all": 1, "unread": 0},
        "resolved": {"mine": 0, "unassigned": 1, "all": 1, "unread": 1},
    }
    t.patch(f"/api/v1/conversations/{c}", json={"status": "open", "assignee_id": me})
    assert t.get("/api/v1/conversations/counters").get_json()["mine"] == 2


def test_unknown_and_other_companies_conversations_are_not_found(inbox, tenant_factory):
    cid, _ = inbox.inbound("segredo")
    other = tenant_factory()
    for method, path, body in [
        ("get", f"/api/v1/conversations/{cid}", None),
        ("patch", f"/api/v1/conversations/{cid}", {"status": "resolved"}),
        ("post", f"/api/v1/conversations/{cid}/read", None),
        ("get", f"/api/v1/conversations/{cid}/messages", None),
        ("post", f"/api/v1/conversations/{cid}/messages", {"type": "text", "text": "oi"}),
        ("get", f"/api/v1/conversations/{uuid.uuid4()}", None),
    ]:
        r = getattr(other, method)(path, **({"json": body} if body else {}))
        assert r.status_code == 404, (path, r.get_json())
        assert r.get_json()["code"] == "not_found"
    assert other.get("/api/v1/conversations").get_json()["items"] == []
    assert inbox.conversation(cid).status == "open"


def test_a_conversation_opened_by_a_reaction_is_listed(inbox):
    cid, _ = inbox.inbound(None, kind="reaction", content={"emoji": "👍", "message_id": "wamid.unknown"})
    [item] = inbox.t.get("/api/v1/conversations").get_json()["items"]
    assert item["id"] == str(cid) and item["unread_count"] == 0 and item["last_message_preview"] == "[reaction]"
