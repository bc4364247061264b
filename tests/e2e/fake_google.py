"""A fake of Google's OAuth token endpoint and Calendar API v3 over real HTTP (``GOOGLE_CALENDAR_API_URL``).

The platform's processes reach it like Google: the service account key's
``token_uri`` points at ``/token`` (google-auth posts its signed JWT there),
Calendar calls go to ``/calendar/v3/...``. Each calendar has one meeting on the
Tuesday of whatever week is asked for, 10:00-11:00 in São Paulo, busy in
free/busy and listed as an event (shapes as in Google's reference).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlparse
from zoneinfo import ZoneInfo

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from fake_http import JsonHandler, serve

SAO_PAULO = ZoneInfo("America/Sao_Paulo")
MEETING = "Reunião com Maria Souza"


@dataclass
class FakeGoogle:
    """The running fake: its base URL and the paths it was asked for."""

    url: str
    paths: list[str] = field(default_factory=list)

    def service_account_key(self) -> str:
        """A service account key file (JSON text) with a fresh RSA key whose token endpoint is this fake."""
        private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = private.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        return json.dumps(
            {
                "type": "service_account",
                "project_id": "atrium-e2e",
                "private_key_id": uuid.uuid4().hex,
                "private_key": pem.decode(),
                "client_email": "atrium-agenda@atrium-e2e.iam.gserviceaccount.com",
                "client_id": "109876543210987654321",
                "token_uri": f"{self.url}/token",
            }
        )


def meeting(time_min: str) -> tuple[dt.datetime, dt.datetime]:
    """The meeting of the week that contains ``time_min``: its Tuesday, 10:00-11:00 in São Paulo."""
    day = dt.datetime.fromisoformat(time_min).astimezone(SAO_PAULO).date()
    tuesday = day - dt.timedelta(days=day.weekday()) + dt.timedelta(days=1)
    start = dt.datetime.combine(tuesday, dt.time(10), tzinfo=SAO_PAULO)
    return start, start + dt.timedelta(hours=1)


def _handler(google: FakeGoogle) -> type[JsonHandler]:
    class Handler(JsonHandler):
        def do_POST(self) -> None:
            path = urlparse(self.path).path
            google.paths.append(path)
            body = self.read_body()
            if path == "/token":
                return self.answer(200, {"access_token": "ya29.fake", "expires_in": 3599, "token_type": "Bearer"})
            if path == "/calendar/v3/freeBusy":
                query = json.loads(body)
                start, end = meeting(query["timeMin"])
                busy = [{"start": start.isoformat(), "end": end.isoformat()}]
                return self.answer(
                    200,
                    {
                        "kind": "calendar#freeBusy",
                        "timeMin": query["timeMin"],
                        "timeMax": query["timeMax"],
                        "calendars": {item["id"]: {"busy": busy} for item in query["items"]},
                    },
                )
            return self.answer(404, {"error": {"code": 404, "message": "Not Found", "status": "NOT_FOUND"}})

        def do_GET(self) -> None:
            parsed = urlparse(self.path)
            google.paths.append(parsed.path)
            prefix = "/calendar/v3/calendars/"
            if parsed.path.startswith(prefix) and parsed.path.endswith("/events"):
                calendar_id = unquote(parsed.path[len(prefix) : -len("/events")])
                start, end = meeting(parse_qs(parsed.query)["timeMin"][0])
                event = {
                    "kind": "calendar#event",
                    "id": f"evt{uuid.uuid5(uuid.NAMESPACE_URL, calendar_id + start.isoformat()).hex}",
                    "status": "confirmed",
                    "htmlLink": "https://www.google.com/calendar/event?eid=fake",
                    "summary": MEETING,
                    "start": {"dateTime": start.isoformat(), "timeZone": "America/Sao_Paulo"},
                    "end": {"dateTime": end.isoformat(), "timeZone": "America/Sao_Paulo"},
                    "extendedProperties": {"private": {"atrium": "google-calendar"}},
                }
                return self.answer(
                    200, {"kind": "calendar#events", "summary": calendar_id, "timeZone": "America/Sao_Paulo", "items": [event]}
                )
            return self.answer(404, {"error": {"code": 404, "message": "Not Found", "status": "NOT_FOUND"}})

    return Handler


def start_fake_google() -> tuple[FakeGoogle, ThreadingHTTPServer]:
    """Start the fake on a free port of 127.0.0.1 in a daemon thread; ``server.shutdown()`` stops it."""
    server = serve(_handler(google := FakeGoogle("")), "fake-google")
    google.url = f"http://127.0.0.1:{server.server_port}"
    return google, server
