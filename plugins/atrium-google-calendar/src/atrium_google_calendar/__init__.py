"""Atrium plugin ``google-calendar``: consultants' Google Calendars for availability and booking.

Per company: a Google service account key (secret), the consultants and their
calendar ids, business hours, slot length, time zone, weekends and holidays,
and how a consultant is chosen (round robin or least busy). Free slots come
from Google's free/busy API in real time; booking re-checks, then creates the
event. Serves ``/api/v1/calendar/...`` and gives the AI agent its
``get_free_slots`` and ``book_meeting`` tools. Imports nothing from Atrium but
the SDK, ``atrium.plugins``. See ``docs/google-calendar.md``.
"""

from __future__ import annotations

from pathlib import Path

from atrium.plugins import hookimpl
from atrium_google_calendar import models  # noqa: F401 (its table joins the tenant metadata whenever the plugin loads)
from atrium_google_calendar.settings import PLUGIN_ID, SETTINGS_SCHEMA


@hookimpl
def register_settings_schema():
    """Key (``writeOnly`` secret), consultants, business hours, slot length, time zone, holidays, strategy."""
    return SETTINGS_SCHEMA


@hookimpl
def register_migrations():
    """The ``google_calendar_bookings`` table."""
    return [Path(__file__).parent / "migrations" / "versions"]


@hookimpl
def register_blueprints(app):
    """The calendar API under ``/api/v1/calendar``."""
    from atrium_google_calendar.api import blp

    return [blp]


@hookimpl
def register_ai_tools():
    """``get_free_slots`` (also put in the agent's context) and ``book_meeting``."""
    from atrium_google_calendar.tools import ai_tools

    return ai_tools()


__all__ = ["PLUGIN_ID", "SETTINGS_SCHEMA"]
