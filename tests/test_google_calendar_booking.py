"""Booking: the event Google receives, the re-check, round robin, least busy, repeats and refusals."""

from __future__ import annotations

import datetime as dt

from test_google_calendar_support import (
    at,
    busy_answer,
    configured,
    fixture,
    free_answer,
    workday,
)

pytest_plugins = ("test_google_calendar_support",)  # fixtures: google, service_account

BOOK = "/api/v1/calendar/book"
SLOTS = "/api/v1/calendar/slots"
LEAD = {"name": "Maria Souza", "phone": "+55 (11) 98888-7777"}


def book(company, start: dt.datetime, **body):
    return company.post(BOOK, json={"start": start.isoformat(), "lead": LEAD, "summary": "Quer saber do MBA", **body})


def inserted(google) -> list[dict]:
    return [c for c in google.calls if c["path"].endswith("/events")]


def test_booking_creates_the_event_on_the_consultants_calendar(tenant_factory, google, service_account):
    company = configured(tenant_factory, service_account)
    day = workday(weekday=1)
    google.reply(free_answer()).reply(fixture("event_inserted.json"))

    response = book(company, at(day, "10:00"), consultant="ana")

    assert response.status_code == 201, response.get_json()
    assert response.get_json() == {
        "event_id": "k8v1a2b3c4d5e6f7g8h9i0jatrium",
        "html_link": fixture("event_inserted.json")["htmlLink"],
        "consultant": {"id": "ana", "name": "Ana Lima"},
        "start": f"{day}T10:00:00-03:00",
        "end": f"{day}T10:30:00-03:00",
        "time_zone": "America/Sao_Paulo",
        "repeated": False,
    }
    check, insert = google.calls
    assert check["path"] == "/calendar/v3/freeBusy", "the slot is checked again right before booking"
    assert check["body"]["items"] == [{"id": "ana@example.com"}]
    assert insert["method"] == "POST" and insert["path"] == "/calendar/v3/calendars/ana@example.com/events"
    event = insert["body"]
    assert event["summary"] == "Reunião com Maria Souza"
    assert "+5511988887777" in event["description"] and "Quer saber do MBA" in event["description"]
    assert event["start"] == {"dateTime": f"{day}T10:00:00-03:00", "timeZone": "America/Sao_Paulo"}
    assert event["end"] == {"dateTime": f"{day}T10:30:00-03:00", "timeZone": "America/Sao_Paulo"}


def test_a_slot_taken_after_it_was_offered_is_refused_and_nothing_is_created(tenant_factory, google, service_account):
    company = configured(tenant_factory, service_account)
    day = workday(weekday=2)
    google.reply(free_answer("ana@example.com"))
    offered = company.get(SLOTS, query_string={"date": day.isoformat(), "consultant": "ana"}).get_json()["slots"]
    assert at(day, "15:00").isoformat() in [s["start"] for s in offered]

    google.reply(busy_answer({"ana@example.com": [(at(day, "14:45"), at(day, "15:15"))]}))
    response = book(company, at(day, "15:00"), consultant="ana")

    assert response.status_code == 409, response.get_json()
    assert response.get_json()["code"] == "slot_unavailable"
    assert inserted(google) == []


def test_round_robin_alternates_between_free_consultants(tenant_factory, google, service_account):
    company = configured(tenant_factory, service_account)
    day = workday(weekday=3)
    chosen = []
    for hhmm in ("09:00", "09:30", "10:00", "10:30"):
        google.reply(free_answer()).reply(fixture("event_inserted.json"))
        response = company.post(
            BOOK,
            json={"start": at(day, hhmm).isoformat(), "lead": {**LEAD, "phone": f"+55119{hhmm[:2]}{hhmm[3:]}0000"}},
        )
        assert response.status_code == 201, response.get_json()
        chosen.append(response.get_json()["consultant"]["id"])

    assert chosen == ["ana", "bruno", "ana", "bruno"]
    assert [c["path"].split("/")[4] for c in inserted(google)] == ["ana@example.com", "bruno@example.com"] * 2


def test_round_robin_passes_over_a_consultant_busy_at_that_time(tenant_factory, google, service_account):
    company = configured(tenant_factory, service_account)
    day = workday(weekday=3)
    google.reply(busy_answer({"ana@example.com": [(at(day, "11:00"), at(day, "12:00"))], "bruno@example.com": []}))
    google.reply(fixture("event_inserted.json"))

    response = book(company, at(day, "11:30"))

    assert response.get_json()["consultant"]["id"] == "bruno"


def test_least_busy_picks_the_consultant_with_the_freer_day(tenant_factory, google, service_account):
    company = configured(tenant_factory, service_account, assignment="least_busy")
    day = workday(weekday=4)
    google.reply(
        busy_answer(
            {
                "ana@example.com": [(at(day, "14:00"), at(day, "15:00"))],
                "bruno@example.com": [(at(day, "09:00"), at(day, "12:00")), (at(day, "16:00"), at(day, "17:00"))],
            }
        )
    )
    google.reply(fixture("event_inserted.json"))
    assert book(company, at(day, "12:30")).get_json()["consultant"]["id"] == "ana"

    # Round robin would now pick Bruno; Ana's day (her new meeting included) is still the freer one.
    google.reply(
        busy_answer(
            {
                "ana@example.com": [(at(day, "12:30"), at(day, "13:00"))],
                "bruno@example.com": [(at(day, "09:00"), at(day, "12:00")), (at(day, "16:00"), at(day, "17:00"))],
            }
        )
    )
    google.reply(fixture("event_inserted.json"))
    second = company.post(
        BOOK, json={"start": at(day, "13:00").isoformat(), "lead": {"name": "João", "phone": "11977776666"}}
    )
    assert second.get_json()["consultant"]["id"] == "ana"


def test_asking_again_for_the_same_slot_returns_the_booking_instead_of_a_second_event(
    tenant_factory, google, service_account
):
    company = configured(tenant_factory, service_account)
    day = workday(weekday=1, weeks_ahead=4)
    google.reply(free_answer()).reply(fixture("event_inserted.json"))
    first = book(company, at(day, "16:00"))
    assert first.status_code == 201
    consultant = first.get_json()["consultant"]["id"]
    calendar_id = f"{consultant}@example.com"

    google.reply(
        busy_answer(
            {"ana@example.com": [], "bruno@example.com": [], calendar_id: [(at(day, "16:00"), at(day, "16:30"))]}
        )
    )
    again = company.post(BOOK, json={"start": f"{day}T16:00:00", "lead": {"name": "Maria", "phone": "5511988887777"}})

    assert again.status_code == 200, again.get_json()
    assert again.get_json() == {**first.get_json(), "repeated": True}
    assert len(inserted(google)) == 1


def test_bad_bookings_are_422s_naming_the_field(tenant_factory, google, service_account):
    company = configured(tenant_factory, service_account)
    day = workday(weekday=2)
    saturday = day + dt.timedelta(days=3)
    yesterday = dt.date.today() - dt.timedelta(days=1)
    cases = [
        ({"lead": LEAD}, "start"),
        ({"start": "amanhã", "lead": LEAD}, "start"),
        ({"start": at(day, "09:10").isoformat(), "lead": LEAD}, "start"),
        ({"start": at(day, "07:00").isoformat(), "lead": LEAD}, "start"),
        ({"start": at(saturday, "10:00").isoformat(), "lead": LEAD}, "start"),
        ({"start": at(yesterday, "10:00").isoformat(), "lead": LEAD}, "start"),
        ({"start": at(day, "10:00").isoformat()}, "lead"),
        ({"start": at(day, "10:00").isoformat(), "lead": {"phone": "11988887777"}}, "lead.name"),
        ({"start": at(day, "10:00").isoformat(), "lead": {"name": "Maria"}}, "lead.phone"),
        ({"start": at(day, "10:00").isoformat(), "lead": {"name": "Maria", "phone": "ligar depois"}}, "lead.phone"),
        ({"start": at(day, "10:00").isoformat(), "lead": {"name": "  ", "phone": "11988887777"}}, "lead.name"),
        ({"start": at(day, "10:00").isoformat(), "lead": LEAD, "consultant": "carla"}, "consultant"),
        ({"start": at(day, "10:00").isoformat(), "lead": LEAD, "summary": "x" * 2001}, "summary"),
    ]
    for body, field in cases:
        response = company.post(BOOK, json=body)
        assert response.status_code == 422, (body, response.get_json())
        assert response.get_json()["errors"][0]["field"] == field, (body, response.get_json())
    assert google.calls == []
