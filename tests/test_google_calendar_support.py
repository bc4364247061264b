"""Support for the calendar plugin's tests: Google at the HTTP level, a service account key, a configured company.

The plugin talks to Google through google-api-python-client over ``httplib2.Http``;
the ``google`` fixture replaces that transport with ``GoogleFake``, an
``HttpMockSequence`` (googleapiclient's own test double) that also answers the
OAuth token endpoint, so the real credentials code signs a JWT with the test
key and exchanges it. Bodies follow the documented shapes in ``fixtures/google``.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse
from zoneinfo import ZoneInfo

import httplib2
import pytest
from atrium_google_calendar.holidays import national_holidays
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from googleapiclient.http import HttpMockSequence

FIXTURES = Path(__file__).parent / "fixtures" / "google"
TOKEN_URI = "https://oauth2.googleapis.com/token"
SAO_PAULO = ZoneInfo("America/Sao_Paulo")
SETTINGS = "/api/v1/plugins/google-calendar/settings"
CONSULTANTS = [
    {"id": "ana", "name": "Ana Lima", "calendar_id": "ana@example.com", "email": "ana@example.com"},
    {"id": "bruno", "name": "Bruno Costa", "calendar_id": "bruno@example.com"},
]


def fixture(name: str) -> dict:
    """A documented Google response body from ``tests/fixtures/google``."""
    return json.loads((FIXTURES / name).read_text())


class GoogleFake(HttpMockSequence):
    """Answers Google's token endpoint itself (every time) and API calls from the queued responses.

    google-auth also looks up the service account's Regional Access Boundary
    after a token refresh, in a background thread on a copy of the transport;
    that lookup is answered too and never takes a queued response.
    """

    def __init__(self) -> None:
        super().__init__([])
        self.token_response: tuple[int, dict] = (200, fixture("token.json"))
        self.token_requests: list[dict[str, list[str]]] = []

    def reply(self, body: dict, status: int = 200) -> GoogleFake:
        """Queue the answer to the next API call."""
        self._iterable.append(({"status": str(status), "content-type": "application/json"}, json.dumps(body)))
        return self

    def fail(self, error: Exception) -> GoogleFake:
        """Make the next API call raise ``error`` (a network failure)."""
        self._iterable.append(error)
        return self

    def request(self, uri, method="GET", body=None, headers=None, redirections=1, connection_type=None):
        if uri == TOKEN_URI:
            self.token_requests.append(parse_qs(body.decode() if isinstance(body, bytes) else body))
            status, answer = self.token_response
            return httplib2.Response({"status": str(status), "content-type": "application/json"}), json.dumps(
                answer
            ).encode()
        if uri.endswith("/allowedLocations"):  # google-auth's Regional Access Boundary lookup, after a token refresh
            return httplib2.Response({"status": "200", "content-type": "application/json"}), (
                FIXTURES / "allowed_locations.json"
            ).read_bytes()
        assert self._iterable, f"unexpected call to Google: {method} {uri}"
        if isinstance(self._iterable[0], Exception):
            self.request_sequence.append((uri, method, body, headers))
            raise self._iterable.pop(0)
        return super().request(uri, method, body, headers, redirections, connection_type)

    @property
    def calls(self) -> list[dict]:
        """Every API call made: method, path (unquoted), query and JSON body."""
        out = []
        for uri, method, body, _ in self.request_sequence:
            parsed = urlparse(uri)
            out.append(
                {
                    "method": method,
                    "path": unquote(parsed.path),
                    "query": {k: v[0] for k, v in parse_qs(parsed.query).items()},
                    "body": json.loads(body) if body else None,
                }
            )
        return out


@pytest.fixture()
def google(monkeypatch) -> GoogleFake:
    """Every ``httplib2.Http`` the plugin opens is this fake."""
    fake = GoogleFake()
    monkeypatch.setattr(httplib2, "Http", lambda *args, **kwargs: fake)
    return fake


def make_key(email: str | None = None) -> tuple[str, rsa.RSAPrivateKey]:
    """A service account key file (JSON text) with a fresh RSA key, and that key."""
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    info = {
        "type": "service_account",
        "project_id": "atrium-test",
        "private_key_id": uuid.uuid4().hex,
        "private_key": pem.decode(),
        "client_email": email or f"atrium-{uuid.uuid4().hex[:8]}@atrium-test.iam.gserviceaccount.com",
        "client_id": "109876543210987654321",
        "auth_uri": "https://accounts.google.com/o/oauth2/auth",
        "token_uri": TOKEN_URI,
    }
    return json.dumps(info), private


@pytest.fixture(scope="session")
def service_account() -> str:
    """One service account key for the session (credentials are cached per key, like in production)."""
    return make_key("atrium-calendar@atrium-test.iam.gserviceaccount.com")[0]


def busy_answer(calendars: dict[str, list[tuple[dt.datetime, dt.datetime]]]) -> dict:
    """A ``freebusy.query`` answer (documented shape) with these busy periods, in São Paulo time."""
    body = fixture("freebusy.json")
    body["calendars"] = {
        calendar_id: {
            "busy": [
                {"start": s.astimezone(SAO_PAULO).isoformat(), "end": e.astimezone(SAO_PAULO).isoformat()}
                for s, e in periods
            ]
        }
        for calendar_id, periods in calendars.items()
    }
    return body


def free_answer(*calendar_ids: str) -> dict:
    """A ``freebusy.query`` answer where every calendar is free."""
    return busy_answer({calendar_id: [] for calendar_id in calendar_ids or [c["calendar_id"] for c in CONSULTANTS]})


def at(day: dt.date, hhmm: str, zone: ZoneInfo = SAO_PAULO) -> dt.datetime:
    """``day`` at local ``HH:MM``."""
    return dt.datetime.combine(day, dt.time.fromisoformat(hhmm), tzinfo=zone)


def today() -> dt.date:
    """Today in São Paulo."""
    return dt.datetime.now(SAO_PAULO).date()


def workday(weeks_ahead: int = 3, weekday: int = 1) -> dt.date:
    """A day (Monday=0) some weeks ahead in a week without national holidays (nor Carnival, Corpus Christi)."""
    day = today() + dt.timedelta(weeks=weeks_ahead)
    day += dt.timedelta(days=(weekday - day.weekday()) % 7)
    while _holiday_week(day):
        day += dt.timedelta(weeks=1)
    return day


def _holiday_week(day: dt.date) -> bool:
    monday = day - dt.timedelta(days=day.weekday())
    week = [monday + dt.timedelta(days=n) for n in range(7)]
    return any(d in national_holidays(d.year, optional=True) for d in week)


def configured(tenant_factory, key: str | None, **settings):
    """A company with the plugin enabled and set up (two consultants unless told otherwise)."""
    company = tenant_factory()
    assert company.post("/api/v1/plugins/google-calendar/enable").status_code == 200
    body = {"consultants": CONSULTANTS, **({"service_account_json": key} if key else {}), **settings}
    saved = company.put(SETTINGS, json=body)
    assert saved.status_code == 200, saved.get_json()
    return company
