"""The AI agent's calendar tools, called the way the agent calls them: through ``atrium.plugins.ai_tools``."""

from __future__ import annotations

import datetime as dt
import uuid
from contextlib import contextmanager

from sqlalchemy import text
from test_google_calendar_support import (
    at,
    busy_answer,
    configured,
    fixture,
    free_answer,
    today,
    workday,
)

from atrium.plugins import AIToolContext, Invalid, TenantRef, ai_tools, public_session, tenant_context, tenant_session

pytest_plugins = ("test_google_calendar_support",)  # fixtures: google, service_account

LEAD = {
    "contact_id": str(uuid.uuid4()),
    "name": "Maria Souza",
    "phone": "+5511988887777",
    "interest": "MBA em Gestão",
    "answers": {"graduation": "Administração, 2019"},
}


def tenant_of(company) -> TenantRef:
    with public_session() as db:
        slug, schema = db.execute(
            text("SELECT slug, schema_name FROM public.tenants WHERE id = :id"), {"id": company.tenant_id}
        ).one()
    return TenantRef(uuid.UUID(company.tenant_id), slug, schema)


@contextmanager
def agent(company, dry_run: bool = False):
    """The tools by name and a context like the agent's: the company's session, the lead, in a transaction."""
    tenant = tenant_of(company)
    with tenant_context(tenant), tenant_session(tenant.schema) as session:
        tools = {tool.name: tool for tool in ai_tools(tenant)}
        yield tools, AIToolContext(tenant, session, uuid.uuid4(), dict(LEAD), dry_run)


def test_the_tools_are_offered_only_to_companies_that_enabled_the_plugin(tenant_factory, service_account):
    enabled, other = configured(tenant_factory, service_account), tenant_factory()

    offered = {tool.name: tool for tool in ai_tools(tenant_of(enabled))}

    assert {"get_free_slots", "book_meeting"} <= set(offered)
    assert offered["get_free_slots"].in_context and not offered["get_free_slots"].parameters.get("required")
    assert offered["book_meeting"].parameters["required"] == ["start"]
    assert not {"get_free_slots", "book_meeting"} & {tool.name for tool in ai_tools(tenant_of(other))}


def test_free_slots_for_the_context_are_a_few_per_day_over_the_next_week(tenant_factory, google, service_account):
    company = configured(tenant_factory, service_account)
    google.reply(free_answer())

    with agent(company) as (tools, context):
        result = tools["get_free_slots"].handler(context, {})

    starts = [dt.datetime.fromisoformat(s["start"]) for s in result["slots"]]
    assert result["time_zone"] == "America/Sao_Paulo"
    assert starts and all(s > dt.datetime.now(dt.UTC) for s in starts)
    per_day = {}
    for start in starts:
        per_day.setdefault(start.date(), []).append(start)
    assert all(len(day) <= 3 for day in per_day.values())
    full_days = [slots for day, slots in per_day.items() if len(slots) == 3 and day > today()]
    assert full_days and all(day[0].hour == 9 and day[-1].hour == 17 for day in full_days), "spread over the day"
    assert {s["consultant_id"] for s in result["slots"]} == {None}, "either consultant: the company assigns one"
    assert result["slots"][0]["consultants"] == ["Ana Lima", "Bruno Costa"]
    (call,) = google.calls
    assert dt.datetime.fromisoformat(call["body"]["timeMax"]).date() <= today() + dt.timedelta(days=7)


def test_free_slots_of_a_day_for_the_consultant_the_lead_asked_for(tenant_factory, google, service_account):
    company = configured(tenant_factory, service_account)
    day = workday(weekday=2)
    google.reply(busy_answer({"bruno@example.com": [(at(day, "09:00"), at(day, "17:00"))]}))

    with agent(company) as (tools, context):
        result = tools["get_free_slots"].handler(context, {"date": day.isoformat(), "consultant_id": "bruno"})

    assert result["slots"] == [
        {
            "start": at(day, "17:00").isoformat(),
            "end": at(day, "17:30").isoformat(),
            "consultant_id": "bruno",
            "consultants": ["Bruno Costa"],
        },
        {
            "start": at(day, "17:30").isoformat(),
            "end": at(day, "18:00").isoformat(),
            "consultant_id": "bruno",
            "consultants": ["Bruno Costa"],
        },
    ]


def test_book_meeting_books_for_the_conversations_lead_and_returns_the_booking(tenant_factory, google, service_account):
    company = configured(tenant_factory, service_account)
    day = workday(weekday=1)
    google.reply(free_answer()).reply(fixture("event_inserted.json"))

    with agent(company) as (tools, context):
        result = tools["book_meeting"].handler(context, {"start": at(day, "14:00").isoformat()})

    assert result == {
        "booking": {
            "id": "k8v1a2b3c4d5e6f7g8h9i0jatrium",
            "start": at(day, "14:00").isoformat(),
            "end": at(day, "14:30").isoformat(),
            "consultant": {"id": "ana", "name": "Ana Lima"},
            "html_link": fixture("event_inserted.json")["htmlLink"],
            "simulated": False,
        }
    }
    event = google.calls[-1]["body"]
    assert event["summary"] == "Reunião com Maria Souza"
    assert "+5511988887777" in event["description"]
    assert (
        "Interesse: MBA em Gestão" in event["description"] and "graduation: Administração, 2019" in event["description"]
    )
    with agent(company) as (_, context):
        assert context.session.scalar(text("SELECT count(*) FROM google_calendar_bookings")) == 1


def test_a_slot_taken_meanwhile_comes_back_as_an_error_with_the_days_free_slots(
    tenant_factory, google, service_account
):
    company = configured(
        tenant_factory,
        service_account,
        consultants=[{"id": "ana", "name": "Ana Lima", "calendar_id": "ana@example.com"}],
    )
    day = workday(weekday=3)
    taken = [(at(day, "09:00"), at(day, "17:00"))]
    google.reply(busy_answer({"ana@example.com": taken})).reply(busy_answer({"ana@example.com": taken}))

    with agent(company) as (tools, context):
        result = tools["book_meeting"].handler(
            context, {"start": at(day, "10:00").isoformat(), "summary": "Quer o MBA"}
        )

    assert result["error"] == "this slot is no longer free; choose another one"
    assert [s["start"] for s in result["slots"]] == [at(day, "17:00").isoformat(), at(day, "17:30").isoformat()]
    assert not [c for c in google.calls if c["path"].endswith("/events")]


def test_the_test_chat_simulates_a_booking_without_creating_anything(tenant_factory, google, service_account):
    company = configured(tenant_factory, service_account)
    day = workday(weekday=4)
    google.reply(free_answer())

    with agent(company, dry_run=True) as (tools, context):
        result = tools["book_meeting"].handler(context, {"start": at(day, "11:00").isoformat()})
        stored = context.session.scalar(text("SELECT count(*) FROM google_calendar_bookings"))

    assert result["booking"]["simulated"] is True and result["booking"]["id"] is None
    assert result["booking"]["consultant"] == {"id": "ana", "name": "Ana Lima"}
    assert stored == 0
    assert [c["path"] for c in google.calls] == ["/calendar/v3/freeBusy"]


def test_refusals_the_model_can_read(tenant_factory, google, service_account):
    company = configured(tenant_factory, service_account)
    day = workday(weekday=1)
    cases = [
        ({"start": "amanhã às 10"}, LEAD, "start"),
        ({"start": at(day, "10:05").isoformat()}, LEAD, "start"),
        ({"start": at(day, "10:00").isoformat()}, {**LEAD, "phone": None}, "lead.phone"),
        ({"start": at(day, "10:00").isoformat(), "consultant_id": "carla"}, LEAD, "consultant"),
    ]
    for arguments, lead, field in cases:
        with agent(company) as (tools, context):
            context.lead.clear()
            context.lead.update(lead)
            try:
                tools["book_meeting"].handler(context, arguments)
            except Invalid as exc:
                assert exc.errors[0]["field"] == field, arguments
            else:
                raise AssertionError(f"{arguments} was accepted")
    assert google.calls == []
