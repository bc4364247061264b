"""Free slots and available dates: business hours, time zone, weekends, holidays and busy periods from Google."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from test_google_calendar_support import (
    CONSULTANTS,
    at,
    busy_answer,
    configured,
    free_answer,
    today,
    workday,
)

pytest_plugins = ("test_google_calendar_support",)  # fixtures: google, service_account

SLOTS = "/api/v1/calendar/slots"
DATES = "/api/v1/calendar/dates"


def starts(response) -> list[str]:
    assert response.status_code == 200, response.get_json()
    return [s["start"] for s in response.get_json()["slots"]]


def test_free_slots_are_business_hours_minus_busy_periods_in_the_company_time_zone(
    tenant_factory, google, service_account
):
    company = configured(
        tenant_factory,
        service_account,
        business_hours={"tue": [{"start": "09:00", "end": "12:00"}, {"start": "14:00", "end": "16:00"}]},
    )
    day = workday(weekday=1)
    google.reply(
        busy_answer({"ana@example.com": [(at(day, "10:00"), at(day, "11:00")), (at(day, "14:15"), at(day, "14:45"))]})
    )

    slots = company.get(SLOTS, query_string={"date": day.isoformat(), "consultant": "ana"})

    assert starts(slots) == [at(day, t).isoformat() for t in ("09:00", "09:30", "11:00", "11:30", "15:00", "15:30")]
    body = slots.get_json()
    assert body["time_zone"] == "America/Sao_Paulo"
    assert body["slots"][0] == {
        "start": f"{day}T09:00:00-03:00",
        "end": f"{day}T09:30:00-03:00",
        "consultants": [{"id": "ana", "name": "Ana Lima"}],
    }
    (call,) = google.calls
    assert call["method"] == "POST" and call["path"] == "/calendar/v3/freeBusy"
    assert call["body"]["items"] == [{"id": "ana@example.com"}]
    assert call["body"]["timeZone"] == "America/Sao_Paulo"
    assert dt.datetime.fromisoformat(call["body"]["timeMin"]) == at(day, "09:00")
    assert dt.datetime.fromisoformat(call["body"]["timeMax"]) == at(day, "16:00")


def test_a_slot_is_offered_while_any_consultant_is_free_and_names_them(tenant_factory, google, service_account):
    company = configured(tenant_factory, service_account, business_hours={"wed": [{"start": "09:00", "end": "10:30"}]})
    day = workday(weekday=2)
    # Busy periods as Google may also give them: in UTC.
    ana_busy = (at(day, "09:00").astimezone(dt.UTC), at(day, "09:30").astimezone(dt.UTC))
    answer = busy_answer({"bruno@example.com": [(at(day, "09:00"), at(day, "10:30"))]})
    answer["calendars"]["ana@example.com"] = {
        "busy": [
            {
                "start": ana_busy[0].isoformat().replace("+00:00", "Z"),
                "end": ana_busy[1].isoformat().replace("+00:00", "Z"),
            }
        ]
    }
    google.reply(answer)

    body = company.get(SLOTS, query_string={"date": day.isoformat()}).get_json()

    assert [(s["start"], [c["id"] for c in s["consultants"]]) for s in body["slots"]] == [
        (at(day, "09:30").isoformat(), ["ana"]),
        (at(day, "10:00").isoformat(), ["ana"]),
    ]
    assert sorted(item["id"] for item in google.calls[0]["body"]["items"]) == ["ana@example.com", "bruno@example.com"]


def test_weekends_and_holidays_have_no_slots_and_google_is_not_asked(tenant_factory, google, service_account):
    day = workday(weekday=3)
    company = configured(
        tenant_factory,
        service_account,
        holidays=[day.isoformat()],
        business_hours={
            d: [{"start": "09:00", "end": "18:00"}] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
        },
    )
    saturday = day + dt.timedelta(days=2)
    christmas = dt.date(today().year + 1, 12, 25)

    for closed in (day, saturday, saturday + dt.timedelta(days=1), christmas):
        assert starts(company.get(SLOTS, query_string={"date": closed.isoformat()})) == [], closed
    assert google.calls == []


def test_weekends_open_when_not_skipped_and_slot_length_follows_the_settings(tenant_factory, google, service_account):
    company = configured(
        tenant_factory,
        service_account,
        skip_weekends=False,
        slot_minutes=45,
        business_hours={"sat": [{"start": "09:00", "end": "11:50"}]},
    )
    saturday = workday(weekday=5)
    google.reply(free_answer("ana@example.com"))

    slots = company.get(SLOTS, query_string={"date": saturday.isoformat(), "consultant": "ana"})

    # 11:15 would end after closing time: not a slot.
    assert starts(slots) == [at(saturday, t).isoformat() for t in ("09:00", "09:45", "10:30")]
    assert slots.get_json()["slots"][-1]["end"] == at(saturday, "11:15").isoformat()


def test_another_time_zone_lays_hours_out_in_its_own_local_time(tenant_factory, google, service_account):
    manaus = ZoneInfo("America/Manaus")
    company = configured(
        tenant_factory,
        service_account,
        time_zone="America/Manaus",
        business_hours={"thu": [{"start": "08:00", "end": "09:00"}]},
    )
    day = workday(weekday=3)
    google.reply(busy_answer({"ana@example.com": [(at(day, "08:00", manaus), at(day, "08:30", manaus))]}))

    body = company.get(SLOTS, query_string={"date": day.isoformat(), "consultant": "ana"}).get_json()

    assert body["time_zone"] == "America/Manaus"
    assert [s["start"] for s in body["slots"]] == [f"{day}T08:30:00-04:00"]
    assert google.calls[0]["body"]["timeZone"] == "America/Manaus"


def test_available_dates_carry_a_level_and_skip_full_and_closed_days(tenant_factory, google, service_account):
    company = configured(tenant_factory, service_account, consultants=CONSULTANTS[:1])
    days = [today() + dt.timedelta(days=n) for n in range(1, 14)]
    open_days = [d for d in days if d.weekday() < 5 and d not in _holidays(d)]
    full, few, some = open_days[:3]
    busy = [
        (at(full, "09:00"), at(full, "18:00")),
        (at(few, "09:00"), at(few, "17:00")),  # 2 of 18 slots free
        (at(some, "09:00"), at(some, "14:00")),  # 8 of 18 free
    ]
    google.reply(busy_answer({"ana@example.com": busy}))

    response = company.get(DATES, query_string={"days": 14, "consultant": "ana"})

    assert response.status_code == 200, response.get_json()
    listed = {d["date"]: d for d in response.get_json()["dates"]}
    assert full.isoformat() not in listed
    assert listed[few.isoformat()] == {"date": few.isoformat(), "free_slots": 2, "total_slots": 18, "level": "few"}
    assert listed[some.isoformat()]["level"] == "some"
    assert all(listed[d.isoformat()]["level"] == "many" for d in open_days[3:])
    assert not any(dt.date.fromisoformat(d).weekday() >= 5 for d in listed)
    assert len(google.calls) == 1, "one free/busy call for the whole range"


def test_bad_queries_are_422s_naming_the_field(tenant_factory, google, service_account):
    company = configured(tenant_factory, service_account)
    cases = [
        (SLOTS, {}, "date"),
        (SLOTS, {"date": "2026-13-40"}, "date"),
        (SLOTS, {"date": workday().isoformat(), "consultant": "nobody"}, "consultant"),
        (DATES, {"days": 0}, "days"),
        (DATES, {"days": 61}, "days"),
    ]
    for url, query, field in cases:
        response = company.get(url, query_string=query)
        assert response.status_code == 422, (query, response.get_json())
        assert response.mimetype == "application/problem+json"
        assert response.get_json()["errors"][0]["field"] == field
    assert google.calls == []


def _holidays(day: dt.date) -> set[dt.date]:
    from atrium_google_calendar.holidays import national_holidays

    return set(national_holidays(day.year))
