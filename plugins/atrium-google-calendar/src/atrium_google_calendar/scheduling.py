"""The calendar domain behind the API and the AI tools: free slots, available dates, the agenda, booking.

Availability is always read from Google in real time (free/busy) and laid
over the company's business hours; booking reads it again, under a per-company
lock, right before creating the event.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

from sqlalchemy.orm import Session

from atrium.plugins import Conflict, Invalid, plugin_settings
from atrium_google_calendar import bookings
from atrium_google_calendar.availability import (
    UTC,
    Interval,
    bookable,
    busy_minutes,
    day_bounds,
    day_slots,
    level,
    overlaps,
)
from atrium_google_calendar.errors import CalendarNotConfigured, CalendarUnavailable
from atrium_google_calendar.google import CalendarClient, credentials_from
from atrium_google_calendar.settings import PLUGIN_ID, CalendarConfig, Consultant, load_config

log = logging.getLogger(__name__)

MAX_DAYS = 60
PHONE = re.compile(r"^\+?[0-9]{8,15}$")
ATRIUM_MARK = {"atrium": PLUGIN_ID}


@dataclass(frozen=True)
class Offer:
    """A free slot and the consultants free during it (in the company's consultant order)."""

    start: dt.datetime
    end: dt.datetime
    consultants: tuple[Consultant, ...]


@dataclass(frozen=True)
class DayAvailability:
    """How much of a day is still free: ``free`` of ``total`` slots, as a ``level``."""

    date: dt.date
    free: int
    total: int
    level: str | None


@dataclass(frozen=True)
class Lead:
    """Who the meeting is with; ``phone`` keeps only ``+`` and digits."""

    name: str
    phone: str

    @classmethod
    def parse(cls, name: object, phone: object) -> Lead:
        """A validated lead; ``Invalid`` naming ``lead.name`` or ``lead.phone``."""
        name = name.strip() if isinstance(name, str) else ""
        if not 1 <= len(name) <= 120:
            raise Invalid("the lead's name is required (up to 120 characters)", field="lead.name")
        phone = re.sub(r"[\s().-]", "", phone) if isinstance(phone, str) else ""
        if not PHONE.match(phone):
            raise Invalid("the lead's phone must have 8 to 15 digits, optionally after '+'", field="lead.phone")
        return cls(name, phone)


@dataclass(frozen=True)
class Booking:
    """A meeting on a consultant's calendar; ``repeated`` when it had already been booked for this lead,
    ``simulated`` (no event, no id) for a dry run."""

    event_id: str | None
    html_link: str | None
    consultant: Consultant
    start: dt.datetime
    end: dt.datetime
    repeated: bool = False
    simulated: bool = False


@dataclass(frozen=True)
class ConsultantWeek:
    """One consultant's week for the agenda: Google events, availability per day, or why it could not be read."""

    consultant: Consultant
    events: list[dict]
    days: list[tuple[DayAvailability, list[Offer]]]
    error: str | None = None


class Calendar:
    """One company's consultants' calendars, seen at instant ``now``."""

    def __init__(self, config: CalendarConfig, now: dt.datetime | None = None) -> None:
        self.config = config
        self.now = (now or dt.datetime.now(UTC)).astimezone(UTC)
        self._client: CalendarClient | None = None

    @classmethod
    def of(cls, session: Session, now: dt.datetime | None = None) -> Calendar:
        """The calendar of the company ``session`` is bound to, from its plugin settings."""
        return cls(load_config(plugin_settings(session, PLUGIN_ID)), now)

    @property
    def client(self) -> CalendarClient:
        """The Google client, built on first use (days without business hours never need it)."""
        if self._client is None:
            self._client = CalendarClient(credentials_from(self.config.service_account_json))
        return self._client

    @property
    def today(self) -> dt.date:
        """Today in the company's time zone."""
        return self.now.astimezone(self.config.zone).date()

    def local(self, instant: dt.datetime) -> dt.datetime:
        """``instant`` in the company's time zone."""
        return instant.astimezone(self.config.zone)

    def consultants(self, consultant_id: str | None = None) -> tuple[Consultant, ...]:
        """The consultant asked for, or every consultant; ``Invalid`` (``consultant``) for an unknown id."""
        if not self.config.consultants:
            raise CalendarNotConfigured("add at least one consultant", field="consultants")
        chosen = self.config.consultant(consultant_id)
        return (chosen,) if chosen else self.config.consultants

    # ------------------------------------------------------------------ reading

    def free_slots(self, day: dt.date, consultant_id: str | None = None) -> list[Offer]:
        """Slots of ``day`` still free for the consultant (or for anyone), from now plus the minimum notice."""
        return self.scan(day, day, self.consultants(consultant_id))[day][1]

    def next_free_slots(
        self, days: int, consultant_id: str | None = None, per_day: int = 3, limit: int = 12
    ) -> list[Offer]:
        """Up to ``limit`` free slots over the next ``days`` days, at most ``per_day`` a day spread over the day."""
        last = self.today + dt.timedelta(days=_days(days) - 1)
        offers: list[Offer] = []
        for _, day_offers in self.scan(self.today, last, self.consultants(consultant_id)).values():
            offers.extend(_spread(day_offers, per_day))
        return offers[:limit]

    def available_dates(self, days: int, consultant_id: str | None = None) -> list[DayAvailability]:
        """Days from today within ``days`` that still have a free slot, each with its availability level."""
        last = self.today + dt.timedelta(days=_days(days) - 1)
        scanned = self.scan(self.today, last, self.consultants(consultant_id))
        out = [
            DayAvailability(day, len(offers), len(slots), level(len(offers), len(slots)))
            for day, (slots, offers) in scanned.items()
        ]
        return [d for d in out if d.free]

    def scan(
        self, first: dt.date, last: dt.date, consultants: tuple[Consultant, ...]
    ) -> dict[dt.date, tuple[list[Interval], list[Offer]]]:
        """For each day from ``first`` to ``last``: its business slots and the free offers among them (one free/busy call)."""
        days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
        slots = {day: day_slots(self.config, day) for day in days}
        open_slots = {day: bookable(self.config, day_list, self.now) for day, day_list in slots.items()}
        wanted = [slot for day_list in open_slots.values() for slot in day_list]
        if not wanted:
            return {day: (slots[day], []) for day in days}
        busy = self.busy(consultants, wanted[0][0], wanted[-1][1])
        return {day: (slots[day], self._offers(open_slots[day], consultants, busy)) for day in days}

    def busy(
        self, consultants: tuple[Consultant, ...], start: dt.datetime, end: dt.datetime, strict: bool = True
    ) -> dict[str, list[Interval]]:
        """Busy periods by consultant id. Calendars Google could not read are left out (logged);
        when none could be read, ``strict`` raises ``CalendarUnavailable``."""
        answer = self.client.freebusy(sorted({c.calendar_id for c in consultants}), start, end, self.config.zone.key)
        busy = {c.id: answer.busy[c.calendar_id] for c in consultants if c.calendar_id in answer.busy}
        failed = [c for c in consultants if c.calendar_id in answer.failed]
        if failed:
            log.warning("calendars not readable", extra={"consultants": [c.id for c in failed]})
        if strict and not busy:
            reasons = "; ".join(f"{c.name}: {answer.failed[c.calendar_id]}" for c in failed)
            raise CalendarUnavailable(
                f"Google Calendar could not read the calendar ({reasons}); share it with "
                f"{self.client.service_account_email} and allow 'Make changes to events'"
            )
        return busy

    def agenda(self, monday: dt.date, consultant_id: str | None = None) -> list[ConsultantWeek]:
        """Each consultant's week from ``monday``: Google events, and free slots with a level per day."""
        consultants = self.consultants(consultant_id)
        sunday = monday + dt.timedelta(days=6)
        start, end = day_bounds(self.config, monday, sunday)
        week: list[ConsultantWeek] = []
        free_busy = self.busy(consultants, start, end, strict=False)
        for consultant in consultants:
            if consultant.id not in free_busy:
                week.append(ConsultantWeek(consultant, [], [], "Google Calendar could not read this calendar"))
                continue
            try:
                events = self.client.list_events(consultant.calendar_id, start, end, self.config.zone.key)
            except CalendarUnavailable as exc:
                week.append(ConsultantWeek(consultant, [], [], exc.detail))
                continue
            days = []
            for n in range(7):
                day = monday + dt.timedelta(days=n)
                slots = day_slots(self.config, day)
                offers = self._offers(bookable(self.config, slots, self.now), (consultant,), free_busy)
                days.append((DayAvailability(day, len(offers), len(slots), level(len(offers), len(slots))), offers))
            week.append(ConsultantWeek(consultant, [self._event(e) for e in events], days))
        return week

    @staticmethod
    def _offers(
        slots: list[Interval], consultants: tuple[Consultant, ...], busy: dict[str, list[Interval]]
    ) -> list[Offer]:
        offers = []
        for slot in slots:
            free = tuple(c for c in consultants if c.id in busy and not overlaps(slot, busy[c.id]))
            if free:
                offers.append(Offer(slot[0], slot[1], free))
        return offers

    def _event(self, event: dict) -> dict:
        """A Google event as the agenda shows it (private events keep their time, not their title)."""
        start, end = event.get("start", {}), event.get("end", {})
        private = event.get("visibility") in ("private", "confidential")
        return {
            "id": event.get("id"),
            "summary": "Ocupado" if private or not event.get("summary") else event["summary"],
            "all_day": "date" in start,
            "start": start.get("dateTime") or start.get("date"),
            "end": end.get("dateTime") or end.get("date"),
            "html_link": event.get("htmlLink"),
            "from_atrium": (event.get("extendedProperties", {}).get("private") or {}).get("atrium") == PLUGIN_ID,
        }

    # ------------------------------------------------------------------ booking

    def book(
        self,
        session: Session,
        start: dt.datetime,
        lead: Lead,
        summary: str = "",
        consultant_id: str | None = None,
        dry_run: bool = False,
    ) -> Booking:
        """Book ``start`` for ``lead`` with the consultant asked for, or one chosen by the company's strategy.

        The slot must be one of the business schedule, far enough ahead. Free/busy
        is read again under a per-company lock: a slot taken meanwhile is a
        ``Conflict`` (``slot_unavailable``). Asking again for a slot this lead
        already has returns that booking (``repeated``) instead of a second event.
        With ``dry_run`` everything is checked and the consultant chosen, but no
        event is created and nothing is stored.
        """
        if len(summary) > 2000:
            raise Invalid("the summary is limited to 2000 characters", field="summary")
        consultants = self.consultants(consultant_id)
        start = (start if start.tzinfo else start.replace(tzinfo=self.config.zone)).astimezone(UTC)
        day = self.local(start).date()
        slots = day_slots(self.config, day)
        slot = next((s for s in slots if s[0] == start), None)
        if slot is None:
            raise Invalid(
                "not a slot of the business schedule (closed day, outside hours or off the slot grid)", field="start"
            )
        if not bookable(self.config, [slot], self.now):
            raise Invalid("this slot is past or within the minimum notice", field="start")

        bookings.lock(session)
        key = bookings.lead_key(lead.phone)
        earlier = bookings.previous(session, key, start)
        known = {c.id: c for c in self.config.consultants}
        candidates = tuple(
            {
                c.id: c for c in (*consultants, *(known[b.consultant_id] for b in earlier if b.consultant_id in known))
            }.values()
        )
        busy = self.busy(candidates, *day_bounds(self.config, day))
        for booking in earlier:
            if booking.consultant_id in busy and overlaps(slot, busy[booking.consultant_id]):
                return Booking(
                    booking.event_id,
                    booking.html_link,
                    known[booking.consultant_id],
                    booking.start_at,
                    booking.end_at,
                    True,
                )
        free = [c for c in consultants if c.id in busy and not overlaps(slot, busy[c.id])]
        if not free:
            raise Conflict("this slot is no longer free; choose another one", code="slot_unavailable", field="start")
        chosen = self._choose(session, free, busy, slots)
        if dry_run:
            return Booking(None, None, chosen, slot[0], slot[1], simulated=True)
        event = self.client.insert_event(chosen.calendar_id, self._event_body(slot, lead, summary))
        row = bookings.record(
            session,
            consultant_id=chosen.id,
            calendar_id=chosen.calendar_id,
            event_id=event["id"],
            html_link=event.get("htmlLink"),
            start_at=slot[0],
            end_at=slot[1],
            lead_key=key,
        )
        log.info("meeting booked", extra={"consultant": chosen.id, "event_id": row.event_id})
        return Booking(row.event_id, row.html_link, chosen, slot[0], slot[1])

    def _choose(
        self, session: Session, free: list[Consultant], busy: dict[str, list[Interval]], day: list[Interval]
    ) -> Consultant:
        """Round robin: whoever got a booking least recently (never first, in settings order);
        least busy: fewest busy minutes in the day's business hours, ties in round-robin order."""
        last = bookings.last_assigned(session)
        order = sorted(free, key=lambda c: (c.id in last, last.get(c.id).int if c.id in last else 0))
        if self.config.assignment == "least_busy":
            return min(order, key=lambda c: busy_minutes(busy[c.id], day))
        return order[0]

    def _event_body(self, slot: Interval, lead: Lead, summary: str) -> dict:
        zone = self.config.zone.key
        lines = [f"Lead: {lead.name}", f"Telefone: {lead.phone}"]
        if summary.strip():
            lines += ["", summary.strip()]
        lines += ["", "Agendado pelo Atrium."]
        return {
            "summary": self.config.event_title.replace("{name}", lead.name),
            "description": "\n".join(lines),
            "start": {"dateTime": self.local(slot[0]).isoformat(), "timeZone": zone},
            "end": {"dateTime": self.local(slot[1]).isoformat(), "timeZone": zone},
            "extendedProperties": {"private": ATRIUM_MARK},
        }


def _spread(offers: list[Offer], count: int) -> list[Offer]:
    """``count`` offers evenly spread from the first to the last (all of them when there are fewer)."""
    if len(offers) <= count:
        return offers
    if count == 1:
        return offers[:1]
    return [offers[round(i * (len(offers) - 1) / (count - 1))] for i in range(count)]


def _days(days: int) -> int:
    """``days`` if within 1..MAX_DAYS; ``Invalid`` (``days``) otherwise."""
    if not 1 <= days <= MAX_DAYS:
        raise Invalid(f"days must be between 1 and {MAX_DAYS}", field="days")
    return days
