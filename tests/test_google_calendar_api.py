"""The calendar API around availability: enabling, the secret key, configuration problems, Google's failures,
consultants, the agenda and holidays."""

from __future__ import annotations

import base64
import datetime as dt
import json

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from sqlalchemy import text
from test_google_calendar_support import (
    CONSULTANTS,
    SETTINGS,
    TOKEN_URI,
    at,
    busy_answer,
    configured,
    fixture,
    free_answer,
    make_key,
    workday,
)

from atrium.db.session import public_session, tenant_session

pytest_plugins = ("test_google_calendar_support",)  # fixtures: google, service_account

CALENDAR = "/api/v1/calendar"


def slots_of(company, day: dt.date, **query):
    return company.get(f"{CALENDAR}/slots", query_string={"date": day.isoformat(), **query})


def test_every_route_answers_404_until_the_company_enables_the_plugin(tenant_factory, google):
    company = tenant_factory()
    day = workday().isoformat()
    routes = [
        ("GET", f"{CALENDAR}/consultants", None),
        ("GET", f"{CALENDAR}/dates", None),
        ("GET", f"{CALENDAR}/slots?date={day}", None),
        ("GET", f"{CALENDAR}/agenda", None),
        ("GET", f"{CALENDAR}/holidays", None),
        (
            "POST",
            f"{CALENDAR}/book",
            {"start": f"{day}T10:00:00-03:00", "lead": {"name": "Maria", "phone": "11988887777"}},
        ),
    ]
    for method, url, body in routes:
        response = company.request(method, url, json=body)
        assert response.status_code == 404, (url, response.get_json())
        assert response.mimetype == "application/problem+json"
    assert company.post("/api/v1/plugins/google-calendar/enable").status_code == 200
    assert company.get(f"{CALENDAR}/consultants").status_code == 200
    assert company.post("/api/v1/plugins/google-calendar/disable").status_code == 200
    assert company.get(f"{CALENDAR}/consultants").status_code == 404
    assert google.calls == []


def test_the_service_account_key_is_encrypted_at_rest_and_never_returned(tenant_factory, google):
    key, _ = make_key("agenda@acme-123.iam.gserviceaccount.com")
    private_key = json.loads(key)["private_key"]
    company = configured(tenant_factory, key)

    assert company.get(SETTINGS).get_json()["service_account_json"] == "********"
    with public_session() as db:
        schema = db.scalar(text("SELECT schema_name FROM public.tenants WHERE id = :id"), {"id": company.tenant_id})
    with tenant_session(schema) as db:
        stored = db.execute(
            text("SELECT settings::text, secrets FROM plugin_settings WHERE plugin_id = 'google-calendar'")
        ).one()
    assert "BEGIN PRIVATE KEY" not in stored[0] + stored[1] and "agenda@acme-123" not in stored[1]

    consultants = company.get(f"{CALENDAR}/consultants")
    assert consultants.status_code == 200
    assert consultants.get_json() == {
        "items": [{**c, "email": c.get("email")} for c in CONSULTANTS],
        "next_cursor": None,
        "share_with": "agenda@acme-123.iam.gserviceaccount.com",
    }
    catalogue = {p["id"]: p for p in company.get("/api/v1/plugins").get_json()["items"]}
    for response in (consultants, company.get(SETTINGS), company.get("/api/v1/plugins")):
        assert private_key.splitlines()[1] not in response.get_data(as_text=True)
    assert catalogue["google-calendar"]["settings_schema"]["properties"]["service_account_json"]["writeOnly"] is True


def test_the_key_signs_a_jwt_for_the_calendar_scope_and_its_token_authorises_the_calls(tenant_factory, google):
    key, private = make_key()
    company = configured(tenant_factory, key)
    day = workday(weekday=4)
    google.reply(free_answer("ana@example.com"))

    assert slots_of(company, day, consultant="ana").status_code == 200

    (grant,) = google.token_requests
    assert grant["grant_type"] == ["urn:ietf:params:oauth:grant-type:jwt-bearer"]
    header, claims, signature = grant["assertion"][0].split(".")
    private.public_key().verify(_b64(signature), f"{header}.{claims}".encode(), padding.PKCS1v15(), hashes.SHA256())
    claims = json.loads(_b64(claims))
    assert claims["iss"] == json.loads(key)["client_email"]
    assert claims["aud"] == TOKEN_URI
    assert claims["scope"] == "https://www.googleapis.com/auth/calendar"
    ((_, _, _, headers),) = google.request_sequence
    assert headers["authorization"] == "Bearer " + fixture("token.json")["access_token"]


@pytest.mark.parametrize(
    ("settings", "field"),
    [
        ({"consultants": []}, "consultants"),
        ({"service_account_json": None}, "service_account_json"),
        ({"service_account_json": '{"type": "authorized_user"}'}, "service_account_json"),
        ({"service_account_json": "not json"}, "service_account_json"),
        ({"time_zone": "America/Atlantis"}, "time_zone"),
        ({"business_hours": {"mon": [{"start": "18:00", "end": "09:00"}]}}, "business_hours.mon.0.end"),
        ({"consultants": [CONSULTANTS[0], CONSULTANTS[0]]}, "consultants.1.id"),
    ],
)
def test_unusable_settings_are_a_clear_409_naming_the_setting(tenant_factory, google, service_account, settings, field):
    company = configured(tenant_factory, service_account, **settings)

    response = slots_of(company, workday(weekday=0))

    assert response.status_code == 409, response.get_json()
    assert response.get_json()["code"] == "calendar_not_configured"
    assert response.get_json()["errors"][0]["field"] == field
    assert google.calls == []


def test_settings_the_schema_refuses_are_422s(tenant_factory):
    company = tenant_factory()
    company.post("/api/v1/plugins/google-calendar/enable")
    for body, field in [
        ({"slot_minutes": 0}, "slot_minutes"),
        ({"assignment": "random"}, "assignment"),
        ({"consultants": [{"id": "Ana Lima", "name": "Ana", "calendar_id": "ana@example.com"}]}, "consultants.0.id"),
        ({"business_hours": {"mon": [{"start": "9h", "end": "18:00"}]}}, "business_hours.mon.0.start"),
        ({"holidays": ["25/12/2026"]}, "holidays.0"),
    ]:
        response = company.put(SETTINGS, json=body)
        assert response.status_code == 422, body
        assert response.get_json()["errors"][0]["field"] == field


def test_google_failures_are_502_calendar_unavailable_never_500(tenant_factory, google, service_account):
    company = configured(tenant_factory, service_account)
    day = workday(weekday=1)
    book = {
        "start": at(day, "10:00").isoformat(),
        "lead": {"name": "Maria", "phone": "11988887777"},
        "consultant": "ana",
    }

    google.reply(fixture("error_403.json"), status=403)
    refused = slots_of(company, day)
    google.reply(fixture("freebusy_not_found.json"))
    unshared = slots_of(company, day, consultant="ana")
    google.reply(free_answer()).reply(fixture("error_500.json"), status=500)
    failed_insert = company.post(f"{CALENDAR}/book", json=book)
    google.reply(free_answer()).fail(TimeoutError("timed out"))
    timed_out = company.post(f"{CALENDAR}/book", json=book)

    for response in (refused, unshared, failed_insert, timed_out):
        assert response.status_code == 502, response.get_json()
        assert response.mimetype == "application/problem+json"
        assert response.get_json()["code"] == "calendar_unavailable"
    assert "share the calendar with atrium-calendar@atrium-test.iam.gserviceaccount.com" in refused.get_json()["detail"]
    assert "notFound" in unshared.get_json()["detail"] and "atrium-calendar@" in unshared.get_json()["detail"]
    assert "500" in failed_insert.get_json()["detail"]
    assert "may have been created: look at ana@example.com" in timed_out.get_json()["detail"]
    assert len([c for c in google.calls if c["path"].endswith("/events")]) == 2, "an insert is never retried"


def test_a_key_google_refuses_is_a_502_saying_so(tenant_factory, google):
    company = configured(tenant_factory, make_key()[0])
    google.token_response = (400, fixture("token_invalid_grant.json"))

    response = slots_of(company, workday(weekday=2))

    assert response.status_code == 502
    assert "refused the service account key" in response.get_json()["detail"]
    assert "PRIVATE KEY" not in response.get_data(as_text=True)


def test_the_agenda_shows_each_consultants_week_with_events_and_free_slots(tenant_factory, google, service_account):
    company = configured(tenant_factory, service_account)
    monday = workday(weekday=0, weeks_ahead=5)
    tuesday = monday + dt.timedelta(days=1)
    year, week, _ = monday.isocalendar()
    answer = busy_answer({"ana@example.com": [(at(tuesday, "10:00"), at(tuesday, "10:30"))]})
    answer["calendars"]["bruno@example.com"] = {"errors": [{"domain": "global", "reason": "notFound"}], "busy": []}
    google.reply(answer).reply(fixture("events_list.json"))

    response = company.get(f"{CALENDAR}/agenda", query_string={"week": f"{year}-W{week:02d}"})

    assert response.status_code == 200, response.get_json()
    agenda = response.get_json()
    assert (agenda["week"], agenda["start"], agenda["end"]) == (
        f"{year}-W{week:02d}",
        monday.isoformat(),
        (monday + dt.timedelta(days=6)).isoformat(),
    )
    assert agenda["time_zone"] == "America/Sao_Paulo"
    ana, bruno = agenda["consultants"]
    assert (bruno["id"], bruno["events"], bruno["days"]) == ("bruno", [], []) and bruno["error"]
    assert ana["error"] is None
    assert [(e["summary"], e["all_day"], e["from_atrium"]) for e in ana["events"]] == [
        ("Reunião com Maria Souza", False, True),
        ("Ocupado", False, False),  # a private event keeps its time, not its title
        ("Treinamento da equipe", True, False),
    ]
    assert ana["events"][0]["html_link"].startswith("https://www.google.com/calendar/event?eid=")
    days = {d["date"]: d for d in ana["days"]}
    assert len(days) == 7
    assert days[monday.isoformat()] | {"slots": None} == {
        "date": monday.isoformat(),
        "free_slots": 18,
        "total_slots": 18,
        "level": "many",
        "slots": None,
    }
    assert days[tuesday.isoformat()]["free_slots"] == 17
    assert at(tuesday, "10:00").isoformat() not in [s["start"] for s in days[tuesday.isoformat()]["slots"]]
    saturday = (monday + dt.timedelta(days=5)).isoformat()
    assert days[saturday] == {"date": saturday, "free_slots": 0, "total_slots": 0, "level": None, "slots": []}
    freebusy, events = google.calls
    assert freebusy["path"] == "/calendar/v3/freeBusy"
    assert events["path"] == "/calendar/v3/calendars/ana@example.com/events"
    assert events["query"]["singleEvents"] == "true" and events["query"]["orderBy"] == "startTime"
    assert dt.datetime.fromisoformat(events["query"]["timeMin"]) == at(monday, "00:00")


def test_the_agenda_defaults_to_this_week_and_refuses_a_bad_week(tenant_factory, google, service_account):
    company = configured(tenant_factory, service_account, consultants=CONSULTANTS[:1])
    google.reply(free_answer("ana@example.com")).reply({"kind": "calendar#events", "items": []})

    this_week = company.get(f"{CALENDAR}/agenda")
    bad = [company.get(f"{CALENDAR}/agenda", query_string={"week": w}) for w in ("2026-W54", "semana 3", "2026-48")]

    assert this_week.status_code == 200
    year, week, _ = dt.date.fromisoformat(this_week.get_json()["start"]).isocalendar()
    assert this_week.get_json()["week"] == f"{year}-W{week:02d}"
    assert dt.date.fromisoformat(this_week.get_json()["start"]).weekday() == 0
    for response in bad:
        assert response.status_code == 422
        assert response.get_json()["errors"][0]["field"] == "week"


def test_holidays_lists_brazils_national_holidays(tenant_factory):
    company = tenant_factory()
    company.post("/api/v1/plugins/google-calendar/enable")

    listed = company.get(f"{CALENDAR}/holidays", query_string={"year": 2026}).get_json()["items"]
    default = company.get(f"{CALENDAR}/holidays").get_json()["items"]

    assert {"date": "2026-04-03", "name": "Paixão de Cristo"} in listed
    assert {"date": "2026-11-20", "name": "Dia Nacional de Zumbi e da Consciência Negra"} in listed
    assert len(listed) == 10
    assert {d["date"][:4] for d in default} == {str(dt.date.today().year), str(dt.date.today().year + 1)}


def _b64(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
