"""The plugin's tenant table: bookings it made, the memory behind round robin and repeated requests."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from atrium.plugins import TenantBase, TimestampMixin


class CalendarBooking(TimestampMixin, TenantBase):
    """A meeting this plugin put on a consultant's calendar.

    The lead is kept only as a hash of the phone's digits (``lead_key``): enough
    to recognise the same lead asking for the same slot again, nothing to read back.
    """

    __tablename__ = "google_calendar_bookings"
    __table_args__ = (Index("ix_google_calendar_bookings_lead_key_start_at", "lead_key", "start_at"),)

    consultant_id: Mapped[str] = mapped_column(String(40), index=True)
    calendar_id: Mapped[str] = mapped_column(String(254))
    event_id: Mapped[str] = mapped_column(String(1024))
    html_link: Mapped[str | None] = mapped_column(Text)
    start_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    end_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    lead_key: Mapped[str] = mapped_column(String(64))
