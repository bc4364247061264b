"""The company's calendar settings: their JSON Schema and the parsed, ready-to-use configuration."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from atrium.plugins import Invalid
from atrium_google_calendar.errors import CalendarNotConfigured
from atrium_google_calendar.holidays import national_holidays

PLUGIN_ID = "google-calendar"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ASSIGNMENTS = ("round_robin", "least_busy")
DEFAULT_HOURS = {day: [{"start": "09:00", "end": "18:00"}] for day in WEEKDAYS[:5]}
DEFAULTS = {
    "business_hours": DEFAULT_HOURS,
    "slot_minutes": 30,
    "time_zone": "America/Sao_Paulo",
    "skip_weekends": True,
    "national_holidays": True,
    "optional_holidays": False,
    "holidays": [],
    "assignment": "round_robin",
    "min_notice_minutes": 60,
    "event_title": "Reunião com {name}",
}

_TIME = {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"}
_INTERVALS = {
    "type": "array",
    "maxItems": 6,
    "items": {
        "type": "object",
        "properties": {"start": _TIME, "end": {"type": "string", "pattern": "^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$"}},
        "required": ["start", "end"],
        "additionalProperties": False,
    },
}

SETTINGS_SCHEMA = {
    "type": "object",
    "properties": {
        "service_account_json": {
            "type": "string",
            "minLength": 2,
            "maxLength": 20_000,
            "writeOnly": True,
            "title": "Chave da conta de serviço (JSON)",
            "description": "The whole JSON key file of the Google service account the consultants' calendars are shared with",
        },
        "consultants": {
            "type": "array",
            "title": "Consultores",
            "maxItems": 50,
            "items": {
                "type": "object",
                "properties": {
                    "id": {
                        "type": "string",
                        "pattern": "^[a-z0-9][a-z0-9_-]{0,39}$",
                        "description": "Short key, e.g. 'ana'",
                    },
                    "name": {"type": "string", "minLength": 1, "maxLength": 120},
                    "calendar_id": {
                        "type": "string",
                        "minLength": 3,
                        "maxLength": 254,
                        "description": "Usually the consultant's e-mail",
                    },
                    "email": {"type": "string", "maxLength": 254, "pattern": "^[^@\\s]+@[^@\\s]+$"},
                },
                "required": ["id", "name", "calendar_id"],
                "additionalProperties": False,
            },
        },
        "business_hours": {
            "type": "object",
            "title": "Horário de atendimento",
            "description": "Opening intervals per weekday (local time); a missing day is closed",
            "properties": {day: _INTERVALS for day in WEEKDAYS},
            "additionalProperties": False,
            "default": DEFAULT_HOURS,
        },
        "slot_minutes": {
            "type": "integer",
            "minimum": 5,
            "maximum": 480,
            "default": 30,
            "title": "Duração da reunião (min)",
        },
        "time_zone": {
            "type": "string",
            "minLength": 1,
            "maxLength": 64,
            "default": "America/Sao_Paulo",
            "title": "Fuso horário",
        },
        "skip_weekends": {"type": "boolean", "default": True, "title": "Pular fins de semana"},
        "national_holidays": {"type": "boolean", "default": True, "title": "Pular feriados nacionais"},
        "optional_holidays": {"type": "boolean", "default": False, "title": "Pular Carnaval e Corpus Christi"},
        "holidays": {
            "type": "array",
            "title": "Outros feriados",
            "maxItems": 366,
            "items": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
        },
        "assignment": {"type": "string", "enum": list(ASSIGNMENTS), "default": "round_robin", "title": "Distribuição"},
        "min_notice_minutes": {
            "type": "integer",
            "minimum": 0,
            "maximum": 43_200,
            "default": 60,
            "title": "Antecedência mínima (min)",
        },
        "event_title": {
            "type": "string",
            "minLength": 1,
            "maxLength": 200,
            "default": "Reunião com {name}",
            "title": "Título do evento",
        },
    },
    "additionalProperties": False,
}


@dataclass(frozen=True)
class Consultant:
    """A person whose Google Calendar receives bookings."""

    id: str
    name: str
    calendar_id: str
    email: str | None = None


@dataclass(frozen=True)
class CalendarConfig:
    """A company's settings, validated and typed.

    ``business_hours`` maps ``date.weekday()`` to opening intervals in minutes
    after local midnight (``(540, 1080)`` is 09:00-18:00).
    """

    consultants: tuple[Consultant, ...]
    business_hours: dict[int, tuple[tuple[int, int], ...]]
    slot: dt.timedelta
    zone: ZoneInfo
    skip_weekends: bool
    national_holidays: bool
    optional_holidays: bool
    holidays: frozenset[dt.date]
    assignment: str
    min_notice: dt.timedelta
    event_title: str
    service_account_json: str | None = field(default=None, repr=False)

    def consultant(self, consultant_id: str | None, field_name: str = "consultant") -> Consultant | None:
        """The consultant ``consultant_id`` (``None`` for none asked); ``Invalid`` naming ``field_name`` if unknown."""
        if not consultant_id:
            return None
        for consultant in self.consultants:
            if consultant.id == consultant_id:
                return consultant
        raise Invalid(f"no consultant '{consultant_id}'", field=field_name)

    def is_closed(self, day: dt.date) -> bool:
        """Whether ``day`` is a weekend (when skipped) or a holiday."""
        if self.skip_weekends and day.weekday() >= 5:
            return True
        if day in self.holidays:
            return True
        return self.national_holidays and day in national_holidays(day.year, optional=self.optional_holidays)


def load_config(settings: dict) -> CalendarConfig:
    """Parse the stored settings (defaults filled in); ``CalendarNotConfigured`` names what is unusable."""
    s = {**DEFAULTS, **settings}
    try:
        zone = ZoneInfo(s["time_zone"])
    except (ZoneInfoNotFoundError, ValueError):
        raise CalendarNotConfigured(f"unknown time zone '{s['time_zone']}'", field="time_zone") from None
    hours = {}
    for index, day in enumerate(WEEKDAYS):
        intervals = []
        for n, interval in enumerate(s["business_hours"].get(day, [])):
            start, end = _minutes(interval["start"]), _minutes(interval["end"])
            if end <= start:
                raise CalendarNotConfigured(f"{day} closes before it opens", field=f"business_hours.{day}.{n}.end")
            intervals.append((start, end))
        hours[index] = tuple(sorted(intervals))
    ids = [c["id"] for c in s.get("consultants", [])]
    for n, consultant_id in enumerate(ids):
        if consultant_id in ids[:n]:
            raise CalendarNotConfigured(f"consultant id '{consultant_id}' is used twice", field=f"consultants.{n}.id")
    try:
        holidays = frozenset(dt.date.fromisoformat(d) for d in s["holidays"])
    except ValueError:
        raise CalendarNotConfigured("holidays must be real dates (YYYY-MM-DD)", field="holidays") from None
    return CalendarConfig(
        consultants=tuple(
            Consultant(c["id"], c["name"], c["calendar_id"], c.get("email")) for c in s.get("consultants", [])
        ),
        business_hours=hours,
        slot=dt.timedelta(minutes=s["slot_minutes"]),
        zone=zone,
        skip_weekends=s["skip_weekends"],
        national_holidays=s["national_holidays"],
        optional_holidays=s["optional_holidays"],
        holidays=holidays,
        assignment=s["assignment"],
        min_notice=dt.timedelta(minutes=s["min_notice_minutes"]),
        event_title=s["event_title"],
        service_account_json=s.get("service_account_json"),
    )


def _minutes(text: str) -> int:
    """``HH:MM`` as minutes after midnight (``24:00`` is 1440)."""
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)
