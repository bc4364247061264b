"""The AI board: conversations by the agent's state, and what a person's move between columns does.

Leads write through the sandbox channel and the agent answers with its scripted
flow (no provider), in the worker, against the real database.
"""

from __future__ import annotations

from ai_fakes import agent_company, ai_texts, say
from inbound_helpers import schema_of, wait_for
from sqlalchemy import text

from atrium.db.session import tenant_session

COLUMNS = ["qualifying", "qualified", "scheduled", "awaiting_human", "converted", "lost"]


def board(t, **query) -> dict:
    response = t.get("/api/v1/ai/board", query_string=query)
    assert response.status_code == 200, response.get_json()
    return {c["status"]: c for c in response.get_json()["columns"]}


def move(t, conversation_id: str, status: str):
    return t.post(f"/api/v1/ai/board/{conversation_id}/move", json={"status": status})


def events(t, kind: str) -> list[dict]:
    with tenant_session(schema_of(t)) as db:
        return list(
            db.execute(text("SELECT data FROM domain_events WHERE kind = :k ORDER BY id"), {"k": kind}).scalars()
        )


def lead(t, channel, phone: str, name: str) -> str:
    """A lead writes once; the agent greets them. Returns the conversation id."""
    assert say(t, channel, "Oi, quero saber da pós", sender=phone, name=name) == "sent"
    items = t.get("/api/v1/conversations", query_string={"q": name}).get_json()["items"]
    return items[0]["id"]


def activities(t, contact_id: str) -> list[dict]:
    return t.get(f"/api/v1/contacts/{contact_id}/activities").get_json()["items"]


def test_the_board_shows_each_column_with_its_count_and_cards_newest_first_paged_per_column(tenant_factory, worker):
    t, channel = agent_company(tenant_factory)
    ids = [lead(t, channel, f"+55119876500{n:02d}", f"Lead {n}") for n in range(3)]
    assert say(t, channel, "Administração, 2015", sender="+5511987650000", name="Lead 0") == "sent"

    columns = board(t)
    assert list(columns) == COLUMNS
    qualifying = columns["qualifying"]
    assert qualifying["count"] == 3 and [c["conversation_id"] for c in qualifying["items"]] == ids[::-1]
    assert all(columns[s]["count"] == 0 and columns[s]["items"] == [] for s in COLUMNS[1:])
    first = next(c for c in qualifying["items"] if c["conversation_id"] == ids[0])
    assert first["contact"]["name"] == "Lead 0" and first["contact"]["phone"] == "+5511987650000"
    assert first["channel"] == {"id": channel["id"], "type": "sandbox", "name": "Sandbox"}
    assert first["progress"] == {"answered": 1, "total": 5}, "the education blueprint has five steps"
    assert first["ai_active"] is True and first["booking"] is None and first["assignee_id"] is None
    assert first["last_message_preview"] == ai_texts(t)[-1] and first["last_message_at"]

    page1 = board(t, status="qualifying", limit=2)
    assert list(page1) == ["qualifying"] and len(page1["qualifying"]["items"]) == 2
    page2 = board(t, status="qualifying", limit=2, cursor=page1["qualifying"]["next_cursor"])["qualifying"]
    assert [c["conversation_id"] for c in page2["items"]] == [ids[0]] and page2["next_cursor"] is None

    no_column = t.get("/api/v1/ai/board", query_string={"cursor": page1["qualifying"]["next_cursor"]})
    assert no_column.status_code == 422 and no_column.get_json()["errors"][0]["field"] == "status"
    unknown = t.get("/api/v1/ai/board", query_string={"status": "won"})
    assert unknown.status_code == 422 and unknown.get_json()["errors"][0]["field"] == "status"


def test_moving_to_awaiting_human_hands_off_and_back_to_awaiting_ai_switches_the_agent_on(tenant_factory, worker):
    t, channel = agent_company(tenant_factory)
    conversation_id = lead(t, channel, "+5511987650001", "Maria Souza")

    moved = move(t, conversation_id, "awaiting_human")
    assert moved.status_code == 200, moved.get_json()
    assert moved.get_json()["status"] == "awaiting_human" and moved.get_json()["ai_active"] is False
    state = t.get(f"/api/v1/conversations/{conversation_id}/ai").get_json()
    assert state["handoff_summary"]["by"] == "agent" and state["handoff_summary"]["reason"] == "movido no quadro da IA"
    assert len(events(t, "conversation.handoff")) == 1
    assert say(t, channel, "Alguém aí?", sender="+5511987650001", name="Maria Souza") == "inactive"
    assert board(t)["awaiting_human"]["count"] == 1 and board(t)["qualifying"]["count"] == 0

    back = move(t, conversation_id, "qualifying")
    assert back.status_code == 200 and back.get_json()["ai_active"] is True
    assert back.get_json()["status"] == "qualifying"
    assert say(t, channel, "Engenharia, 2012", sender="+5511987650001", name="Maria Souza") == "sent"

    changes = [(e["previous_status"], e["status"]) for e in events(t, "ai.status_changed")]
    assert changes == [(None, "qualifying"), ("qualifying", "awaiting_human"), ("awaiting_human", "qualifying")]
    contact_id = moved.get_json()["contact"]["id"]
    timeline = [(a["kind"], a["data"].get("to")) for a in activities(t, contact_id)]
    assert ("ai_status_changed", "awaiting_human") in timeline and ("ai_status_changed", "qualifying") in timeline
    assert ("ai_handoff", None) in timeline


def test_converted_and_lost_set_the_configured_pipeline_stage(tenant_factory, worker):
    t, channel = agent_company(tenant_factory)
    first = lead(t, channel, "+5511987650001", "Ana Lima")
    second = lead(t, channel, "+5511987650002", "Bruno Costa")

    converted = move(t, first, "converted").get_json()
    assert converted["status"] == "converted" and converted["ai_active"] is False
    contact = t.get(f"/api/v1/contacts/{converted['contact']['id']}").get_json()
    assert contact["stage_key"] == "enrolled", "the education blueprint maps converted to its won stage"
    summary = t.get(f"/api/v1/conversations/{first}/ai").get_json()["handoff_summary"]
    assert summary["status"] == "converted"

    lost = move(t, second, "lost").get_json()
    assert t.get(f"/api/v1/contacts/{lost['contact']['id']}").get_json()["stage_key"] == "lost"

    # an already handed-off card only changes column (no second handoff)
    again = move(t, first, "lost").get_json()
    assert again["status"] == "lost" and len(events(t, "conversation.handoff")) == 2
    assert t.get(f"/api/v1/contacts/{again['contact']['id']}").get_json()["stage_key"] == "lost"
    columns = board(t)
    assert columns["lost"]["count"] == 2 and columns["converted"]["count"] == 0
    assert [c["conversation_id"] for c in columns["lost"]["items"]] == [first, second], "last moved first"


def test_a_person_moving_a_lead_forward_is_not_undone_by_the_agent(tenant_factory, worker):
    t, channel = agent_company(tenant_factory)
    conversation_id = lead(t, channel, "+5511987650001", "Carla Dias")
    assert move(t, conversation_id, "qualified").get_json()["status"] == "qualified"
    assert say(t, channel, "Direito, 2010", sender="+5511987650001", name="Carla Dias") == "sent"
    card = board(t)["qualified"]["items"][0]
    assert card["conversation_id"] == conversation_id and card["ai_active"] is True
    assert card["progress"]["answered"] == 1


def test_invalid_moves_are_refused_naming_the_field(tenant_factory, worker):
    t, channel = agent_company(tenant_factory)
    conversation_id = lead(t, channel, "+5511987650001", "Dora Reis")
    bad = move(t, conversation_id, "won")
    assert bad.status_code == 422 and bad.get_json()["errors"][0]["field"] == "status"
    missing = t.post(f"/api/v1/ai/board/{conversation_id}/move", json={})
    assert missing.status_code == 422 and missing.get_json()["errors"][0]["field"] == "status"
    assert move(t, "0193f0a0-0000-7000-8000-000000000000", "lost").status_code == 404
    other, _ = agent_company(tenant_factory)
    assert move(other, conversation_id, "lost").status_code == 404
    assert board(t)["qualifying"]["count"] == 1

    same = move(t, conversation_id, "qualifying")
    assert same.status_code == 200 and len(events(t, "ai.status_changed")) == 1, "a card dropped on its own column"

    assert t.post("/api/v1/plugins/ai-agent/disable").status_code == 200
    assert t.get("/api/v1/ai/board").status_code == 404
    assert move(t, conversation_id, "lost").status_code == 404


def test_a_contact_put_in_the_won_stage_in_the_crm_takes_its_card_to_converted(tenant_factory, worker):
    t, channel = agent_company(tenant_factory)
    conversation_id = lead(t, channel, "+5511987650001", "Eva Prado")
    contact_id = board(t)["qualifying"]["items"][0]["contact"]["id"]
    assert t.patch(f"/api/v1/contacts/{contact_id}", json={"stage_key": "enrolled"}).status_code == 200

    converted = wait_for(lambda: board(t)["converted"]["items"], what="the card to follow the stage")
    assert [c["conversation_id"] for c in converted] == [conversation_id] and converted[0]["ai_active"] is False
    summary = t.get(f"/api/v1/conversations/{conversation_id}/ai").get_json()["handoff_summary"]
    assert summary["status"] == "converted" and summary["by"] == "system"
    assert board(t)["qualifying"]["count"] == 0
    timeline = [(a["kind"], a["data"].get("to")) for a in activities(t, contact_id)]
    assert ("ai_status_changed", "converted") in timeline
