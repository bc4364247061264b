"""Dashboard figures, from three queries: inbox counters, messages per day, new contacts per day.

Days are calendar days in the company's time zone; the last one is today.
Messages are counted by ``created_at`` (for an inbound message, the time the
provider reports). Outbound counts leave out messages still ``scheduled``
and those that ``failed``: the figure is what the team actually sent.
Merged contacts (stubs) are not new contacts.
"""

from __future__ import annotations

import datetime as dt
import uuid
from zoneinfo import ZoneInfo

from sqlalchemy import Date, cast, func, select
from sqlalchemy.orm import Session

from atrium.inbox.counters import counters
from atrium.inbox.models import Contact, Message

MIN_DAYS, MAX_DAYS, DEFAULT_DAYS = 7, 90, 14
NOT_SENT = ("scheduled", "failed")


def dashboard(db: Session, user_id: uuid.UUID, timezone: str, days: int) -> dict:
    """The dashboard of the caller's company: counters, 24-hour totals and a ``days``-long daily series."""
    now = dt.datetime.now(dt.UTC)
    zone = ZoneInfo(timezone)
    first_day = now.astimezone(zone).date() - dt.timedelta(days=days - 1)
    since = dt.datetime.combine(first_day, dt.time(), zone)  # local midnight, always before now - 24 h
    last_24h = now - dt.timedelta(hours=24)

    day = cast(func.timezone(timezone, Message.created_at), Date).label("day")
    inbound = Message.direction == "inbound"
    outbound = (Message.direction == "outbound") & Message.status.not_in(NOT_SENT)
    recent = Message.created_at >= last_24h
    message_rows = db.execute(
        select(
            day,
            func.count().filter(inbound).label("inbound"),
            func.count().filter(outbound).label("outbound"),
            func.count().filter(inbound, recent).label("inbound_24h"),
            func.count().filter(outbound, recent).label("outbound_24h"),
        )
        .where(Message.created_at >= since, Message.created_at <= now)
        .group_by(day)
    ).all()

    contact_day = cast(func.timezone(timezone, Contact.created_at), Date).label("day")
    contact_rows = db.execute(
        select(
            contact_day, func.count().label("new"), func.count().filter(Contact.created_at >= last_24h).label("new_24h")
        )
        .where(Contact.created_at >= since, Contact.created_at <= now, Contact.merged_into_id.is_(None))
        .group_by(contact_day)
    ).all()

    messages = {row.day: row for row in message_rows}
    contacts = {row.day: row for row in contact_rows}
    inbox = counters(db, user_id)
    series = []
    for offset in range(days):
        date = first_day + dt.timedelta(days=offset)
        m, c = messages.get(date), contacts.get(date)
        series.append(
            {
                "date": date,
                "inbound": m.inbound if m else 0,
                "outbound": m.outbound if m else 0,
                "new_contacts": c.new if c else 0,
            }
        )
    return {
        "open_conversations": inbox["open"],
        "pending_conversations": inbox["pending"],
        "new_contacts_24h": sum(row.new_24h for row in contact_rows),
        "messages_in_24h": sum(row.inbound_24h for row in message_rows),
        "messages_out_24h": sum(row.outbound_24h for row in message_rows),
        "timezone": timezone,
        "series": series,
    }
