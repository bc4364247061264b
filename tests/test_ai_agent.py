"""The AI agent in conversations: leads write through the sandbox channel, a worker answers with the real
``openai`` client against an HTTP-level fake provider (or the scripted flow without one)."""

from __future__ import annotations

import uuid

import httpx
import pytest
import respx
from ai_fakes import (
    SLOTS,
    FakeCalendar,
    FakeProvider,
    agent_company,
    ai_texts,
    completion,
    empty_answer,
    only_conversation,
    provider_settings,
    rate_limited,
    say,
    server_error,
    settings,
    usage_rows,
)
from inbound_helpers import schema_of, wait_for
from sqlalchemy import text

from atrium.db.session import public_session, tenant_session
from atrium.plugins.manager import get_plugin_manager
from atrium.tenancy.context import tenant_context
from atrium.tenancy.models import Tenant

EDUCATION_FIELDS = ("graduation", "field_of_work", "expectations", "accepts_budget", "best_time")


@pytest.fixture()
def provider():
    """The fake provider, routed for the whole process (the worker's threads included)."""
    with respx.mock(assert_all_called=False) as router:
        yield FakeProvider().install(router)


@pytest.fixture()
def calendar():
    """A calendar plugin contributing get_free_slots and book_meeting through register_ai_tools."""
    with get_plugin_manager().installed(FakeCalendar(), "fake-calendar") as plugin:
        yield plugin


def tenant_of(t):
    with public_session() as db:
        return db.get(Tenant, uuid.UUID(t.tenant_id)).ref()


def contact_of(t, conversation: dict) -> dict:
    return t.get(f"/api/v1/contacts/{conversation['contact']['id']}").get_json()


def agent_state(t, conversation: dict) -> dict:
    response = t.get(f"/api/v1/conversations/{conversation['id']}/ai")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def events_of_kind(t, kind: str) -> list[dict]:
    with tenant_session(schema_of(t)) as db:
        return list(
            db.execute(text("SELECT data FROM domain_events WHERE kind = :k ORDER BY id"), {"k": kind}).scalars()
        )


def reply_models(t) -> list[str | None]:
    with tenant_session(schema_of(t)) as db:
        return list(
            db.execute(text("SELECT model FROM ai_agent_replies WHERE outcome = 'sent' ORDER BY created_at")).scalars()
        )


def test_a_full_qualification_fills_every_field_books_an_offered_slot_and_hands_off_with_a_summary(
    tenant_factory, worker, provider, calendar
):
    t, channel = agent_company(tenant_factory, **provider_settings())
    assert t.post("/api/v1/plugins/fake-calendar/enable").status_code == 200
    lead = [
        "Oi! Tenho interesse na pós de vocês",
        "Administração, me formei em 2015",
        "Trabalho com finanças num banco",
        "Quero crescer na carreira e mudar de área",
        "Sim, R$ 300 por mês cabe no meu orçamento",
        "Terças à tarde são melhores",
        "Pode ser o primeiro horário",
        "Obrigada!",
    ]
    assert [say(t, channel, line) for line in lead] == ["sent"] * len(lead)

    replies = ai_texts(t)
    assert len(replies) == len(lead)
    assert replies[0] == "Olá! [graduation] Em que curso o candidato se formou e em que ano?"
    assert all(r.count("?") <= 1 for r in replies), "one question per message"
    assert f"horários livres: {SLOTS[0]['start']}, {SLOTS[1]['start']}" in replies[5]
    assert replies[6] == f"Reunião marcada para {SLOTS[0]['start']}!"

    conversation = only_conversation(t)
    contact = contact_of(t, conversation)
    assert {f: contact["custom_fields"].get(f) for f in EDUCATION_FIELDS} == dict(
        zip(EDUCATION_FIELDS, lead[1:6], strict=True)
    )
    assert contact["stage_key"] == "meeting"
    assert calendar.bookings == [
        {
            "id": "evt-1",
            "start": SLOTS[0]["start"],
            "consultant": "Carla",
            "lead": "Maria Souza",
            "phone": "+5511987650001",
        }
    ]

    state = agent_state(t, conversation)
    assert state["active"] is False and conversation["ai_active"] is False
    assert state["status"] == "awaiting_human" and state["booking"]["id"] == "evt-1"
    summary = state["handoff_summary"]
    assert (
        summary["status"] == "scheduled"
        and summary["by"] == "ai"
        and summary["reason"] == "reunião marcada com o consultor"
    )
    assert summary["interest"] == lead[0] and summary["booking"] == {
        "id": "evt-1",
        "start": SLOTS[0]["start"],
        "consultant": "Carla",
    }
    assert [(a["step"], a["answer"]) for a in summary["answers"]] == [
        ("graduation", lead[1]),
        ("field_of_work", lead[2]),
        ("expectations", lead[3]),
        ("budget", lead[4]),
        ("best_time", lead[5]),
    ]
    [published] = events_of_kind(t, "conversation.handoff")
    assert published == {"conversation_id": conversation["id"], "contact_id": contact["id"], "summary": summary}
    timeline = t.get(f"/api/v1/contacts/{contact['id']}/activities").get_json()["items"]
    handoff = next(a for a in timeline if a["kind"] == "ai_handoff")
    assert handoff["data"]["status"] == "scheduled" and handoff["actor_type"] == "ai"

    # every call went through the real client with the agent's tools; the calendar's were offered too
    tools = {tool["function"]["name"] for tool in provider.chats[0]["tools"]}
    assert {
        "search_knowledge",
        "record_answer",
        "handoff_to_human",
        "mark_lost",
        "get_free_slots",
        "book_meeting",
    } <= tools
    assert {row[2] for row in usage_rows(t)} == {"ok"}

    assert say(t, channel, "Mais uma pergunta") == "inactive"  # a person has it now
    assert len(ai_texts(t)) == len(lead)


def test_without_a_provider_the_scripted_flow_asks_each_step_and_records_answers_verbatim(tenant_factory, worker):
    t, channel = agent_company(tenant_factory)
    answers = ["Direito, 2019", "Advocacia trabalhista", "Especialização", "Sim", "Segunda de manhã"]
    assert say(t, channel, "Olá, quero informações") == "sent"
    for answer in answers:
        assert say(t, channel, answer) == "sent"

    replies = ai_texts(t)
    assert replies[0] == "Olá, Maria! Eu sou Ana, consultora acadêmica. Em que curso você se formou, e em que ano?"
    assert replies[-1] == "Obrigado, Maria! Já anotei tudo. Uma pessoa da nossa equipe vai falar com você em breve."
    conversation = only_conversation(t)
    contact = contact_of(t, conversation)
    assert [contact["custom_fields"][f] for f in EDUCATION_FIELDS] == answers
    assert contact["stage_key"] == "qualified"
    state = agent_state(t, conversation)
    assert state["active"] is False and state["handoff_summary"]["status"] == "qualified"
    assert [a["answer"] for a in state["handoff_summary"]["answers"]] == answers
    assert usage_rows(t) == []


def test_the_opt_out_word_switches_the_agent_off_for_the_contact_and_hands_off(tenant_factory, worker, provider):
    t, channel = agent_company(tenant_factory, **provider_settings())
    assert say(t, channel, "Oi, tudo bem?") == "sent"
    calls = len(provider.chats)
    assert say(t, channel, "Por favor, parar com as mensagens") == "opted_out"
    assert say(t, channel, "Oi de novo") == "inactive"
    assert len(provider.chats) == calls and len(ai_texts(t)) == 1

    conversation = only_conversation(t)
    state = agent_state(t, conversation)
    assert conversation["ai_active"] is False and state["status"] == "awaiting_human"
    assert state["handoff_summary"]["status"] == "opted_out" and state["handoff_summary"]["by"] == "contact"
    assert state["handoff_summary"]["reason"] == "opt-out: PARAR"

    # a person may switch it on again: the opt-out is lifted and the agent answers
    switched = t.post(f"/api/v1/conversations/{conversation['id']}/ai", json={"active": True})
    assert (
        switched.status_code == 200
        and switched.get_json()["active"] is True
        and switched.get_json()["status"] == "qualifying"
    )
    assert say(t, channel, "Voltei, pode me ajudar?") == "sent"


def test_at_most_max_replies_per_hour_per_conversation(tenant_factory, worker):
    t, channel = agent_company(tenant_factory, max_replies_per_hour=2)
    outcomes = [say(t, channel, text_value) for text_value in ("Oi", "Direito, 2019", "Advocacia", "Alô?")]
    assert outcomes == ["sent", "sent", "capped", "capped"]
    assert len(ai_texts(t)) == 2


def test_the_fallback_model_answers_after_a_429_a_timeout_a_5xx_or_an_empty_answer(tenant_factory, worker, provider):
    t, channel = agent_company(tenant_factory, **provider_settings())
    provider.policy = lambda body: completion(f"Resposta {len(body['messages'])}", model=body["model"])  # text only
    failures = [rate_limited(), httpx.ReadTimeout("read timed out"), server_error(), empty_answer()]
    for failure in failures:
        provider.fail_next("gpt-4o-mini", failure)
        assert say(t, channel, "Olá?") == "sent"
    assert reply_models(t) == ["gpt-4o"] * 4
    outcomes = ["rate_limited", "timeout", "error", "empty"]
    assert usage_rows(t) == [row for o in outcomes for row in (("reply", "gpt-4o-mini", o), ("reply", "gpt-4o", "ok"))]

    provider.fail_next("gpt-4o-mini", server_error())
    provider.fail_next("gpt-4o", rate_limited())
    assert say(t, channel, "Alguém?") == "failed"  # both failed: nothing is sent, nothing empty
    assert len(ai_texts(t)) == 4 and all(r.strip() for r in ai_texts(t))

    report = t.get("/api/v1/ai/usage").get_json()
    rows = {(r["model"], r["purpose"]): r for r in report["by_model"]}
    assert (report["calls"], report["failed"]) == (10, 6)
    assert (rows[("gpt-4o-mini", "reply")]["calls"], rows[("gpt-4o-mini", "reply")]["failed"]) == (5, 5)
    assert (rows[("gpt-4o", "reply")]["calls"], rows[("gpt-4o", "reply")]["failed"]) == (5, 1)
    assert (
        rows[("gpt-4o", "reply")]["prompt_tokens"] == 4 * 19
        and rows[("gpt-4o", "reply")]["completion_tokens"] == 4 * 10
    )
    assert rows[("gpt-4o-mini", "reply")]["prompt_tokens"] == 19  # the empty answer still cost its prompt
    assert [d["calls"] for d in report["by_day"]] == [10]


def test_a_person_switching_the_agent_off_gets_a_handoff_summary(tenant_factory, worker):
    t, channel = agent_company(tenant_factory)
    assert say(t, channel, "Oi") == "sent"
    assert say(t, channel, "Engenharia, 2012") == "sent"
    conversation = only_conversation(t)

    off = t.post(f"/api/v1/conversations/{conversation['id']}/ai", json={"active": False})
    assert off.status_code == 200, off.get_json()
    state = off.get_json()
    assert state["active"] is False and state["status"] == "awaiting_human"
    summary = state["handoff_summary"]
    assert summary["status"] == "qualifying" and summary["by"] == "agent" and summary["interest"] == "Oi"
    assert [a["answer"] for a in summary["answers"]] == ["Engenharia, 2012", None, None, None, None]
    assert len(events_of_kind(t, "conversation.handoff")) == 1
    kinds = [
        a["kind"] for a in t.get(f"/api/v1/contacts/{conversation['contact']['id']}/activities").get_json()["items"]
    ]
    assert {"ai_handoff", "ai_toggled"} <= set(kinds)
    assert say(t, channel, "Alguém aí?") == "inactive"

    # on again, then off through the inbox's PATCH: the handoff is recorded by a worker
    assert t.post(f"/api/v1/conversations/{conversation['id']}/ai", json={"active": True}).get_json()["active"] is True
    assert say(t, channel, "Trabalho com obras") == "sent"
    assert t.patch(f"/api/v1/conversations/{conversation['id']}", json={"ai_active": False}).status_code == 200
    wait_for(lambda: len(events_of_kind(t, "conversation.handoff")) == 2, what="the second handoff")
    summary = agent_state(t, conversation)["handoff_summary"]
    assert [a["answer"] for a in summary["answers"]][:3] == ["Engenharia, 2012", "Trabalho com obras", None]
    assert t.post(f"/api/v1/conversations/{conversation['id']}/ai", json={"active": False}).status_code == 200
    assert len(events_of_kind(t, "conversation.handoff")) == 2, "switching off twice hands off once"


def test_a_message_is_answered_once_however_often_its_event_arrives(tenant_factory, worker):
    from atrium_ai_agent.jobs import reply_to_message

    t, channel = agent_company(tenant_factory)
    assert say(t, channel, "Oi") == "sent"
    conversation = only_conversation(t)
    messages = t.get(f"/api/v1/conversations/{conversation['id']}/messages").get_json()["items"]
    [inbound] = [m for m in messages if m["direction"] == "inbound"]
    with tenant_context(tenant_of(t)):
        for _ in range(3):
            reply_to_message(inbound["id"], conversation["id"])
    assert len(ai_texts(t)) == 1


def test_outside_business_hours_one_notice_or_silence(tenant_factory, worker):
    closed = {"start": "08:00", "end": "18:00", "days": []}  # no working day: always outside
    t, channel = agent_company(tenant_factory, business_hours=closed, outside_hours_message="Voltamos às 8h!")
    assert [say(t, channel, line) for line in ("Oi", "Tem alguém?")] == ["outside_hours", "outside_hours"]
    assert ai_texts(t) == ["Voltamos às 8h!"]
    silent, channel2 = agent_company(tenant_factory, business_hours=closed, outside_hours="silent")
    assert say(silent, channel2, "Oi") == "outside_hours" and ai_texts(silent) == []


def test_the_switch_is_the_plugins_and_takes_only_conversations_of_the_company(tenant_factory, worker):
    t, channel = agent_company(tenant_factory)
    assert say(t, channel, "Oi") == "sent"
    conversation = only_conversation(t)
    other, _ = agent_company(tenant_factory)
    assert other.post(f"/api/v1/conversations/{conversation['id']}/ai", json={"active": False}).status_code == 404
    assert other.get(f"/api/v1/conversations/{conversation['id']}/ai").status_code == 404
    bad = t.post(f"/api/v1/conversations/{conversation['id']}/ai", json={"active": "talvez"})
    assert bad.status_code == 422 and bad.get_json()["errors"][0]["field"] == "active"
    assert t.post("/api/v1/plugins/ai-agent/disable").status_code == 200
    assert t.post(f"/api/v1/conversations/{conversation['id']}/ai", json={"active": False}).status_code == 404
    assert t.get(f"/api/v1/conversations/{conversation['id']}").status_code == 200  # the inbox's own routes stay


def test_a_channel_not_listed_is_answered_only_where_a_person_switches_the_agent_on(tenant_factory, worker):
    t, channel = agent_company(tenant_factory)
    settings(t, channel_ids=[])
    response = t.post(
        f"/api/v1/plugins/sandbox/channels/{channel['id']}/inbound", json={"from": "+5511987650002", "text": "Oi"}
    )
    assert response.status_code == 202
    conversation = wait_for(lambda: t.get("/api/v1/conversations").get_json()["items"], what="the conversation")[0]
    assert conversation["ai_active"] is False and ai_texts(t) == []
    assert t.post(f"/api/v1/conversations/{conversation['id']}/ai", json={"active": True}).status_code == 200
    assert say(t, channel, "Pode me ajudar?", sender="+5511987650002") == "sent"
