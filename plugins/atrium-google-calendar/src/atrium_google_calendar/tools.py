"""The AI agent's calendar tools (hook ``register_ai_tools``): ``get_free_slots`` and ``book_meeting``.

The agent offers only slots ``get_free_slots`` returned, and books through
``book_meeting``, which re-checks the calendar; a slot taken meanwhile comes
back as an error with the day's remaining free slots to offer instead.
"""

from __future__ import annotations

import datetime as dt

from atrium.plugins import AITool, AIToolContext, Conflict, Invalid
from atrium_google_calendar.scheduling import Calendar, Lead, Offer

NEXT_DAYS = 7

GET_FREE_SLOTS = {
    "type": "object",
    "properties": {
        "date": {"type": "string", "format": "date", "description": "A day (YYYY-MM-DD); omit for the next free slots"},
        "consultant_id": {"type": "string", "description": "Only if the lead asked for a specific consultant"},
    },
    "additionalProperties": False,
}

BOOK_MEETING = {
    "type": "object",
    "properties": {
        "start": {
            "type": "string",
            "description": "The start of a slot returned by get_free_slots, exactly as returned",
        },
        "consultant_id": {
            "type": "string",
            "description": "The consultant the lead chose; omit to let the company assign one",
        },
        "summary": {"type": "string", "maxLength": 2000, "description": "What the lead wants, for the consultant"},
        "lead_name": {"type": "string", "description": "Only if the lead gave a different name for the meeting"},
        "lead_phone": {"type": "string", "description": "Only if the lead's phone is not known yet"},
    },
    "required": ["start"],
    "additionalProperties": False,
}


def get_free_slots(context: AIToolContext, arguments: dict) -> dict:
    """Free slots of a day, or the next ones over a week (a few per day): ``{"time_zone", "slots": [...]}``."""
    calendar = Calendar.of(context.session)
    consultant_id = arguments.get("consultant_id")
    if arguments.get("date"):
        offers = calendar.free_slots(_date(arguments["date"]), consultant_id)
    else:
        offers = calendar.next_free_slots(NEXT_DAYS, consultant_id)
    return {"time_zone": calendar.config.zone.key, "slots": [_slot(calendar, o, consultant_id) for o in offers]}


def book_meeting(context: AIToolContext, arguments: dict) -> dict:
    """Book a slot for the conversation's lead: ``{"booking": {...}}``, or ``{"error", "slots"}`` when it was taken."""
    calendar = Calendar.of(context.session)
    lead = Lead.parse(
        arguments.get("lead_name") or context.lead.get("name"), arguments.get("lead_phone") or context.lead.get("phone")
    )
    start = _instant(arguments["start"])
    try:
        booking = calendar.book(
            context.session,
            start,
            lead,
            _summary(arguments.get("summary", ""), context.lead),
            arguments.get("consultant_id"),
            dry_run=context.dry_run,
        )
    except Conflict as exc:
        others = calendar.free_slots(calendar.local(start).date(), arguments.get("consultant_id"))
        return {"error": exc.detail, "slots": [_slot(calendar, o, arguments.get("consultant_id")) for o in others]}
    return {
        "booking": {
            "id": booking.event_id,
            "start": calendar.local(booking.start).isoformat(),
            "end": calendar.local(booking.end).isoformat(),
            "consultant": {"id": booking.consultant.id, "name": booking.consultant.name},
            "html_link": booking.html_link,
            "simulated": booking.simulated,
        }
    }


def ai_tools() -> list[AITool]:
    """The two tools, as contributed to the agent."""
    return [
        AITool(
            name="get_free_slots",
            description=(
                "Free meeting times with the company's consultants, read from their calendars right now. "
                "Without a date: a few free times on each of the next days. Offer only times from this list."
            ),
            parameters=GET_FREE_SLOTS,
            handler=get_free_slots,
            in_context=True,
        ),
        AITool(
            name="book_meeting",
            description=(
                "Book a meeting for the lead at a free time returned by get_free_slots, after the lead chose it. "
                "If the time was taken meanwhile, the answer says so and lists the times still free that day."
            ),
            parameters=BOOK_MEETING,
            handler=book_meeting,
        ),
    ]


def _slot(calendar: Calendar, offer: Offer, consultant_id: str | None) -> dict:
    """A slot by the agent's convention; ``consultant_id`` is set when one consultant is meant."""
    only = offer.consultants[0].id if consultant_id or len(offer.consultants) == 1 else None
    return {
        "start": calendar.local(offer.start).isoformat(),
        "end": calendar.local(offer.end).isoformat(),
        "consultant_id": only,
        "consultants": [c.name for c in offer.consultants],
    }


def _summary(summary: str, lead: dict) -> str:
    """The model's summary, or what the agent knows of the lead (interest, qualification answers)."""
    if summary.strip():
        return summary
    lines = [f"Interesse: {lead['interest']}"] if lead.get("interest") else []
    lines += [f"{field}: {answer}" for field, answer in (lead.get("answers") or {}).items()]
    return "\n".join(lines)[:2000]


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise Invalid("date must be YYYY-MM-DD", field="date") from None


def _instant(text: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        raise Invalid("start must be a date and time such as 2026-11-24T14:00:00-03:00", field="start") from None
