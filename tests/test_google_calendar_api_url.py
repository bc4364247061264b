"""``GOOGLE_CALENDAR_API_URL`` sends the plugin's Calendar API calls elsewhere (a fake, a proxy)."""

from __future__ import annotations

from test_google_calendar_support import configured, free_answer, workday

pytest_plugins = ("test_google_calendar_support",)  # fixtures: google, service_account


def test_calendar_calls_go_to_the_configured_api_url(tenant_factory, google, service_account, monkeypatch):
    monkeypatch.setenv("GOOGLE_CALENDAR_API_URL", "http://calendar.test:8080/")
    company = configured(tenant_factory, service_account)
    google.reply(free_answer())
    response = company.get("/api/v1/calendar/slots", query_string={"date": workday().isoformat()})
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["slots"], "the fake answered: every consultant is free"
    [(uri, method, _, _)] = google.request_sequence
    assert method == "POST" and uri.startswith("http://calendar.test:8080/calendar/v3/freeBusy")
