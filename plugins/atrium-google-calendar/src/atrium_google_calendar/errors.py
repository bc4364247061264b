"""The plugin's problems: what callers (the panel, the AI agent) can act on."""

from __future__ import annotations

from atrium.plugins import Problem


class CalendarNotConfigured(Problem):
    """The company's calendar settings cannot be used yet (no key, no consultants, an invalid value)."""

    status, code, title = 409, "calendar_not_configured", "Calendar not configured"


class CalendarUnavailable(Problem):
    """Google Calendar could not be reached or refused the request; nothing was changed by us."""

    status, code, title = 502, "calendar_unavailable", "Calendar unavailable"
