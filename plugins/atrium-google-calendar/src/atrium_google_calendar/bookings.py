"""Persistence of bookings in the company's schema (through a tenant-bound session)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import uuid

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from atrium_google_calendar.models import CalendarBooking


def lead_key(phone: str) -> str:
    """The pseudonymous key of a lead: SHA-256 of the phone's digits."""
    return hashlib.sha256(re.sub(r"\D", "", phone).encode()).hexdigest()


def lock(session: Session) -> None:
    """Serialise bookings of this company until the session's transaction ends.

    Two leads taking the same slot at the same moment are then checked and
    booked one after the other, so the second one sees the first one's event.
    """
    session.execute(
        text("SELECT pg_advisory_xact_lock(hashtext(current_schema() || :lock))"), {"lock": "/google-calendar/booking"}
    )


def last_assigned(session: Session) -> dict[str, uuid.UUID]:
    """Each consultant's latest booking id (time-ordered UUIDv7); consultants never booked are absent."""
    newest_first = func.row_number().over(
        partition_by=CalendarBooking.consultant_id, order_by=CalendarBooking.id.desc()
    )
    ranked = select(CalendarBooking.consultant_id, CalendarBooking.id, newest_first.label("n")).subquery()
    rows = session.execute(select(ranked.c.consultant_id, ranked.c.id).where(ranked.c.n == 1))
    return dict(rows.all())


def previous(session: Session, key: str, start: dt.datetime) -> list[CalendarBooking]:
    """Bookings already made for the lead ``key`` at ``start``, newest first."""
    query = (
        select(CalendarBooking)
        .where(CalendarBooking.lead_key == key, CalendarBooking.start_at == start)
        .order_by(CalendarBooking.id.desc())
    )
    return list(session.scalars(query))


def record(session: Session, **values) -> CalendarBooking:
    """Store a booking just made on Google."""
    booking = CalendarBooking(**values)
    session.add(booking)
    session.flush()
    return booking
