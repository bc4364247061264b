"""The calendar API under ``/api/v1/calendar``: consultants, available dates and slots, booking, the agenda.

Every view is behind ``auth_required`` (404 while the company has not enabled
the plugin). Times are answered in the company's time zone, with their offset.
"""

from __future__ import annotations

import datetime as dt
import re

import marshmallow as ma
from flask import g
from flask.views import MethodView
from flask_smorest import Blueprint

from atrium.plugins import Invalid, Schema, auth_required, plugin_settings
from atrium_google_calendar.google import service_account_email
from atrium_google_calendar.holidays import national_holidays
from atrium_google_calendar.scheduling import MAX_DAYS, Calendar, Lead, Offer
from atrium_google_calendar.settings import PLUGIN_ID, Consultant, load_config

blp = Blueprint(
    PLUGIN_ID, __name__, url_prefix="/calendar", description="Google Calendar: consultants' availability and booking"
)

WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
ConsultantArg = ma.fields.String(
    load_default=None,
    validate=ma.validate.Length(max=40),
    metadata={"description": "A consultant id; every consultant when absent"},
)


class GoogleCalendarConsultantSchema(Schema):
    id = ma.fields.String()
    name = ma.fields.String()
    calendar_id = ma.fields.String()
    email = ma.fields.String(allow_none=True)


class GoogleCalendarConsultantRefSchema(Schema):
    id = ma.fields.String()
    name = ma.fields.String()


class GoogleCalendarConsultantsSchema(Schema):
    items = ma.fields.List(ma.fields.Nested(GoogleCalendarConsultantSchema))
    next_cursor = ma.fields.String(allow_none=True)
    share_with = ma.fields.String(
        allow_none=True, metadata={"description": "The service account's address: share each calendar with it"}
    )


class GoogleCalendarDatesArgs(Schema):
    consultant = ConsultantArg
    days = ma.fields.Integer(load_default=14, validate=ma.validate.Range(min=1, max=MAX_DAYS))


class GoogleCalendarDaySchema(Schema):
    date = ma.fields.Date()
    free_slots = ma.fields.Integer()
    total_slots = ma.fields.Integer()
    level = ma.fields.String(metadata={"description": "many, some or few free slots"})


class GoogleCalendarDatesSchema(Schema):
    time_zone = ma.fields.String()
    dates = ma.fields.List(ma.fields.Nested(GoogleCalendarDaySchema))


class GoogleCalendarSlotsArgs(Schema):
    date = ma.fields.Date(required=True, metadata={"description": "YYYY-MM-DD, in the company's time zone"})
    consultant = ConsultantArg


class GoogleCalendarSlotSchema(Schema):
    start = ma.fields.DateTime()
    end = ma.fields.DateTime()
    consultants = ma.fields.List(ma.fields.Nested(GoogleCalendarConsultantRefSchema))


class GoogleCalendarSlotsSchema(Schema):
    date = ma.fields.Date()
    time_zone = ma.fields.String()
    slots = ma.fields.List(ma.fields.Nested(GoogleCalendarSlotSchema))


class GoogleCalendarLeadSchema(Schema):
    name = ma.fields.String(required=True)
    phone = ma.fields.String(required=True)


class GoogleCalendarBookSchema(Schema):
    consultant = ma.fields.String(
        load_default=None, allow_none=True, metadata={"description": "Absent: chosen by the company's strategy"}
    )
    start = ma.fields.DateTime(
        required=True,
        metadata={"description": "A free slot's start; without an offset it is read in the company's time zone"},
    )
    lead = ma.fields.Nested(GoogleCalendarLeadSchema, required=True)
    summary = ma.fields.String(
        load_default="", metadata={"description": "What the meeting is about (goes in the event description)"}
    )


class GoogleCalendarBookingSchema(Schema):
    event_id = ma.fields.String()
    html_link = ma.fields.String(allow_none=True)
    consultant = ma.fields.Nested(GoogleCalendarConsultantRefSchema)
    start = ma.fields.DateTime()
    end = ma.fields.DateTime()
    time_zone = ma.fields.String()
    repeated = ma.fields.Boolean(
        metadata={"description": "True when this lead already had this slot booked (no new event)"}
    )


class GoogleCalendarAgendaArgs(Schema):
    week = ma.fields.String(
        load_default=None, metadata={"description": "ISO week, e.g. 2026-W48; the current week when absent"}
    )
    consultant = ConsultantArg


class GoogleCalendarEventSchema(Schema):
    id = ma.fields.String()
    summary = ma.fields.String()
    all_day = ma.fields.Boolean()
    start = ma.fields.String()
    end = ma.fields.String()
    html_link = ma.fields.String(allow_none=True)
    from_atrium = ma.fields.Boolean()


class GoogleCalendarFreeSlotSchema(Schema):
    start = ma.fields.DateTime()
    end = ma.fields.DateTime()


class GoogleCalendarAgendaDaySchema(GoogleCalendarDaySchema):
    level = ma.fields.String(allow_none=True, metadata={"description": "many, some, few, or null when nothing is free"})
    slots = ma.fields.List(ma.fields.Nested(GoogleCalendarFreeSlotSchema))


class GoogleCalendarConsultantWeekSchema(Schema):
    id = ma.fields.String()
    name = ma.fields.String()
    error = ma.fields.String(allow_none=True, metadata={"description": "Why this calendar could not be read"})
    events = ma.fields.List(ma.fields.Nested(GoogleCalendarEventSchema))
    days = ma.fields.List(ma.fields.Nested(GoogleCalendarAgendaDaySchema))


class GoogleCalendarAgendaSchema(Schema):
    week = ma.fields.String()
    start = ma.fields.Date()
    end = ma.fields.Date()
    time_zone = ma.fields.String()
    consultants = ma.fields.List(ma.fields.Nested(GoogleCalendarConsultantWeekSchema))


class GoogleCalendarHolidaysArgs(Schema):
    year = ma.fields.Integer(load_default=None, validate=ma.validate.Range(min=2000, max=2100))


class GoogleCalendarHolidaySchema(Schema):
    date = ma.fields.Date()
    name = ma.fields.String()


class GoogleCalendarHolidaysSchema(Schema):
    items = ma.fields.List(ma.fields.Nested(GoogleCalendarHolidaySchema))


def _ref(consultant: Consultant) -> dict:
    return {"id": consultant.id, "name": consultant.name}


def offer_payload(calendar: Calendar, offer: Offer) -> dict:
    """A free slot as the API and the AI tools show it."""
    return {
        "start": calendar.local(offer.start),
        "end": calendar.local(offer.end),
        "consultants": [_ref(c) for c in offer.consultants],
    }


@blp.route("/consultants")
class Consultants(MethodView):
    @auth_required()
    @blp.response(200, GoogleCalendarConsultantsSchema)
    def get(self):
        """The consultants who receive bookings, and the address their calendars must be shared with."""
        settings = plugin_settings(g.db, PLUGIN_ID)
        consultants = load_config(settings).consultants
        items = [{"id": c.id, "name": c.name, "calendar_id": c.calendar_id, "email": c.email} for c in consultants]
        return {
            "items": items,
            "next_cursor": None,
            "share_with": service_account_email(settings.get("service_account_json")),
        }


@blp.route("/dates")
class Dates(MethodView):
    @auth_required()
    @blp.arguments(GoogleCalendarDatesArgs, location="query")
    @blp.response(200, GoogleCalendarDatesSchema)
    def get(self, args):
        """Days from today with a free slot (for the consultant, or for anyone), with how free each is."""
        calendar = Calendar.of(g.db)
        dates = calendar.available_dates(args["days"], args["consultant"])
        return {
            "time_zone": calendar.config.zone.key,
            "dates": [{"date": d.date, "free_slots": d.free, "total_slots": d.total, "level": d.level} for d in dates],
        }


@blp.route("/slots")
class Slots(MethodView):
    @auth_required()
    @blp.arguments(GoogleCalendarSlotsArgs, location="query")
    @blp.response(200, GoogleCalendarSlotsSchema)
    def get(self, args):
        """Free slots of a day, each with the consultants free during it."""
        calendar = Calendar.of(g.db)
        offers = calendar.free_slots(args["date"], args["consultant"])
        return {
            "date": args["date"],
            "time_zone": calendar.config.zone.key,
            "slots": [offer_payload(calendar, o) for o in offers],
        }


@blp.route("/book")
class Book(MethodView):
    @auth_required()
    @blp.arguments(GoogleCalendarBookSchema)
    @blp.response(201, GoogleCalendarBookingSchema)
    @blp.alt_response(
        200, schema=GoogleCalendarBookingSchema, description="The lead already had this slot (no new event)"
    )
    @blp.alt_response(
        409, description="The slot is no longer free (`slot_unavailable`) or the calendar is not configured"
    )
    @blp.alt_response(502, description="Google Calendar unavailable (`calendar_unavailable`)")
    def post(self, data):
        """Book a free slot for a lead: re-checks the calendar, then creates the event."""
        calendar = Calendar.of(g.db)
        lead = Lead.parse(data["lead"].get("name"), data["lead"].get("phone"))
        booking = calendar.book(g.db, data["start"], lead, data["summary"], data["consultant"])
        body = booking_payload(calendar, booking)
        return (body, 200) if booking.repeated else body


def booking_payload(calendar: Calendar, booking) -> dict:
    """A booking as the API and the AI tools show it."""
    return {
        "event_id": booking.event_id,
        "html_link": booking.html_link,
        "consultant": _ref(booking.consultant),
        "start": calendar.local(booking.start),
        "end": calendar.local(booking.end),
        "time_zone": calendar.config.zone.key,
        "repeated": booking.repeated,
    }


@blp.route("/agenda")
class Agenda(MethodView):
    @auth_required()
    @blp.arguments(GoogleCalendarAgendaArgs, location="query")
    @blp.response(200, GoogleCalendarAgendaSchema)
    def get(self, args):
        """Each consultant's week: events from Google, and free slots per day with an availability level."""
        calendar = Calendar.of(g.db)
        monday = _week(args["week"], calendar.today)
        weeks = calendar.agenda(monday, args["consultant"])
        year, number, _ = monday.isocalendar()
        return {
            "week": f"{year}-W{number:02d}",
            "start": monday,
            "end": monday + dt.timedelta(days=6),
            "time_zone": calendar.config.zone.key,
            "consultants": [
                {
                    **_ref(w.consultant),
                    "error": w.error,
                    "events": w.events,
                    "days": [
                        {
                            "date": day.date,
                            "free_slots": day.free,
                            "total_slots": day.total,
                            "level": day.level,
                            "slots": [{"start": calendar.local(o.start), "end": calendar.local(o.end)} for o in offers],
                        }
                        for day, offers in w.days
                    ],
                }
                for w in weeks
            ],
        }


@blp.route("/holidays")
class Holidays(MethodView):
    @auth_required()
    @blp.arguments(GoogleCalendarHolidaysArgs, location="query")
    @blp.response(200, GoogleCalendarHolidaysSchema)
    def get(self, args):
        """Brazil's national holidays of ``year`` (default: this year and the next), skipped when enabled."""
        config = load_config(plugin_settings(g.db, PLUGIN_ID))
        this_year = dt.datetime.now(config.zone).year
        years = [args["year"]] if args["year"] else [this_year, this_year + 1]
        days = {d: n for year in years for d, n in national_holidays(year, optional=config.optional_holidays).items()}
        return {"items": [{"date": d, "name": n} for d, n in days.items()]}


def _week(text: str | None, today: dt.date) -> dt.date:
    """The Monday of ISO week ``text`` (``YYYY-Www``), or of ``today``'s week."""
    if text is None:
        return today - dt.timedelta(days=today.weekday())
    match = WEEK.match(text)
    try:
        if match is None:
            raise ValueError
        return dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:
        raise Invalid("week must be an ISO week such as 2026-W48", field="week") from None
