"""Google Calendar API v3 through google-api-python-client, authenticated as the company's service account.

Every failure of Google (refused credentials, an unshared calendar, an outage,
a timeout) becomes ``CalendarUnavailable`` with a message a company admin can
act on; the key itself never appears in a message or a log.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import socket
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache

import google.auth.exceptions
import google_auth_httplib2
import httplib2
from google.oauth2 import service_account
from googleapiclient.discovery import build_from_document
from googleapiclient.discovery_cache import get_static_doc
from googleapiclient.errors import Error as GoogleApiError
from googleapiclient.errors import HttpError

from atrium_google_calendar.errors import CalendarNotConfigured, CalendarUnavailable

log = logging.getLogger(__name__)

SCOPES = ("https://www.googleapis.com/auth/calendar",)
TIMEOUT_SECONDS = 15
#: Retries of idempotent reads on 5xx/429/network errors (inserts are never retried: no duplicates).
READ_RETRIES = 1
MAX_EVENT_PAGES = 10
_NETWORK_ERRORS = (OSError, socket.timeout, httplib2.HttpLib2Error, google.auth.exceptions.TransportError)

Interval = tuple[dt.datetime, dt.datetime]
#: Google's API root (``rootUrl`` of the discovery document), replaced by ``GOOGLE_CALENDAR_API_URL`` when set.
API_URL_ENV = "GOOGLE_CALENDAR_API_URL"


@dataclass
class FreeBusy:
    """Busy periods per calendar id, and the calendars Google could not read (id -> reason)."""

    busy: dict[str, list[Interval]] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)


_credentials: OrderedDict[str, service_account.Credentials] = OrderedDict()
_credentials_lock = threading.Lock()


def credentials_from(key_json: str | None) -> service_account.Credentials:
    """Service-account credentials (calendar scope) from the key file's JSON text.

    Kept per key in this process, so an access token is fetched once per
    hour rather than once per request. ``CalendarNotConfigured`` when the key
    is missing or is not a service account key.
    """
    if not key_json:
        raise CalendarNotConfigured("set the service account key (service_account_json)", field="service_account_json")
    digest = hashlib.sha256(key_json.encode()).hexdigest()
    with _credentials_lock:
        if digest in _credentials:
            _credentials.move_to_end(digest)
            return _credentials[digest]
    try:
        info = json.loads(key_json)
        if not isinstance(info, dict) or info.get("type") != "service_account":
            raise ValueError("not a service account key")
        credentials = service_account.Credentials.from_service_account_info(info, scopes=SCOPES)
    except (ValueError, KeyError, TypeError):
        raise CalendarNotConfigured(
            "service_account_json is not a Google service account key (paste the whole JSON key file)",
            field="service_account_json",
        ) from None
    with _credentials_lock:
        _credentials[digest] = credentials
        while len(_credentials) > 256:
            _credentials.popitem(last=False)
    return credentials


@lru_cache(maxsize=1)
def _discovery_document() -> dict:
    """Calendar v3's discovery document as shipped with google-api-python-client (no network)."""
    return json.loads(get_static_doc("calendar", "v3"))


def _client_options() -> dict | None:
    """Where Calendar API calls go: ``$GOOGLE_CALENDAR_API_URL/calendar/v3/`` (a fake, a proxy), else Google."""
    root = os.environ.get(API_URL_ENV)
    return {"api_endpoint": f"{root.rstrip('/')}/calendar/v3/"} if root else None


class CalendarClient:
    """The calls Atrium makes to Google Calendar, for one company's service account."""

    def __init__(self, credentials: service_account.Credentials) -> None:
        self.service_account_email = credentials.service_account_email
        http = google_auth_httplib2.AuthorizedHttp(credentials, http=httplib2.Http(timeout=TIMEOUT_SECONDS))
        self._service = build_from_document(_discovery_document(), http=http, client_options=_client_options())

    def freebusy(self, calendar_ids: list[str], start: dt.datetime, end: dt.datetime, time_zone: str) -> FreeBusy:
        """Busy periods of ``calendar_ids`` between ``start`` and ``end`` (``freebusy.query``)."""
        body = {
            "timeMin": start.isoformat(),
            "timeMax": end.isoformat(),
            "timeZone": time_zone,
            "items": [{"id": calendar_id} for calendar_id in calendar_ids],
        }
        answer = self._execute(self._service.freebusy().query(body=body), "read free/busy times", READ_RETRIES)
        result = FreeBusy()
        calendars = answer.get("calendars") or {}
        for calendar_id in calendar_ids:
            entry = calendars.get(calendar_id)
            if entry is None or entry.get("errors"):
                errors = (entry or {}).get("errors") or [{"reason": "missing from the answer"}]
                result.failed[calendar_id] = ", ".join(str(e.get("reason")) for e in errors)
                continue
            result.busy[calendar_id] = [(_instant(p["start"]), _instant(p["end"])) for p in entry.get("busy", [])]
        return result

    def insert_event(self, calendar_id: str, event: dict) -> dict:
        """Create ``event`` on ``calendar_id`` (``events.insert``, never retried); Google's event resource."""
        request = self._service.events().insert(calendarId=calendar_id, body=event, sendUpdates="none")
        return self._execute(
            request,
            "create the event",
            retries=0,
            unanswered=f"it may have been created: look at {calendar_id} before booking again",
        )

    def list_events(self, calendar_id: str, start: dt.datetime, end: dt.datetime, time_zone: str) -> list[dict]:
        """Events of ``calendar_id`` overlapping ``start``-``end``, recurring ones expanded, by start time."""
        events = self._service.events()
        request = events.list(
            calendarId=calendar_id,
            timeMin=start.isoformat(),
            timeMax=end.isoformat(),
            timeZone=time_zone,
            singleEvents=True,
            orderBy="startTime",
            maxResults=250,
        )
        items: list[dict] = []
        for _ in range(MAX_EVENT_PAGES):
            answer = self._execute(request, "list the events", READ_RETRIES)
            items.extend(answer.get("items", []))
            request = events.list_next(request, answer)
            if request is None:
                break
        return items

    def _execute(self, request, action: str, retries: int, unanswered: str = "try again") -> dict:
        """Run ``request``; ``unanswered`` tells the caller what to do when Google could not be reached."""
        try:
            return request.execute(num_retries=retries)
        except HttpError as exc:
            log.warning("google calendar refused a request", extra={"status": exc.status_code, "action": action})
            raise CalendarUnavailable(self._explain(exc, action)) from None
        except google.auth.exceptions.RefreshError:
            log.warning("google refused the service account credentials", extra={"action": action})
            raise CalendarUnavailable(
                "Google refused the service account key (deleted, disabled or wrong key?); paste a valid key"
            ) from None
        except (*_NETWORK_ERRORS, GoogleApiError) as exc:
            log.warning("google calendar unreachable", extra={"error": type(exc).__name__, "action": action})
            raise CalendarUnavailable(f"Google Calendar could not be reached to {action}; {unanswered}") from None

    def _explain(self, exc: HttpError, action: str) -> str:
        if exc.status_code in (403, 404):
            return (
                f"Google Calendar refused to {action} ({exc.status_code}: {exc.reason}); share the calendar "
                f"with {self.service_account_email} and allow 'Make changes to events'"
            )
        return f"Google Calendar could not {action} ({exc.status_code}: {exc.reason}); try again"


def _instant(text: str) -> dt.datetime:
    """An RFC 3339 time from Google as an aware UTC datetime."""
    return dt.datetime.fromisoformat(text).astimezone(dt.UTC)


def service_account_email(key_json: str | None) -> str | None:
    """The ``client_email`` of a key (the address calendars are shared with), or ``None``."""
    try:
        info = json.loads(key_json or "")
    except ValueError:
        return None
    email = info.get("client_email") if isinstance(info, dict) else None
    return email if isinstance(email, str) else None
