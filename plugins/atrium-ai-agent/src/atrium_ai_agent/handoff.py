"""Handing a conversation to a person: a structured summary saved, on the timeline and published.

Triggered when a person switches the agent off (``POST /conversations/{id}/ai``
or ``PATCH /conversations/{id}``), when the agent calls ``handoff_to_human``
or ``mark_lost``, after the scripted flow's last step, and when the lead sends
an opt-out keyword. The summary is stored on the conversation
(``handoff_summary``), written to the contact's timeline (``ai_handoff``) and
published as the domain event ``conversation.handoff`` (outbound webhooks,
CRM connectors through ``on_domain_event``).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from atrium.plugins import (
    conversation_info,
    conversation_messages,
    emit_event,
    record_activity,
    save_handoff_summary,
    set_conversation_ai,
)
from atrium_ai_agent.models import AgentConversation
from atrium_ai_agent.settings import AgentConfig
from atrium_ai_agent.state import WORKING, lead_of, move_stage, now, progress_for, set_status, state_of

EVENT = "conversation.handoff"
#: Handoff outcomes that close the lead (their own board column and pipeline stage).
CLOSED = ("lost", "converted")


def _interest(db: Session, conversation: dict[str, Any], lead: dict[str, Any]) -> str | None:
    """The lead's interest: the contact's ``interest`` field, else their first message."""
    if lead.get("interest"):
        return lead["interest"]
    first = next(
        (
            m
            for m in conversation_messages(db, uuid.UUID(conversation["id"]), limit=50)
            if m["direction"] == "inbound" and m["text"]
        ),
        None,
    )
    return first["text"][:500] if first else None


def summary_of(
    db: Session,
    config: AgentConfig,
    conversation: dict[str, Any],
    state: AgentConversation,
    status: str,
    reason: str,
    by: str,
) -> dict[str, Any]:
    """The structured summary: interest, answers per step, booking, status, notes, reason, who and when."""
    lead = lead_of(conversation, config)
    progress = progress_for(config, lead)
    return {
        "interest": _interest(db, conversation, lead),
        "answers": progress.as_list(),
        "booking": state.booking,
        "status": status,
        "notes": list(state.notes or []),
        "reason": reason,
        "by": by,
        "lead": {"name": lead["name"], "phone": lead["phone"], "email": lead["email"]},
        "at": now().isoformat(),
    }


def hand_off(
    db: Session,
    config: AgentConfig,
    conversation_id: uuid.UUID,
    *,
    reason: str,
    by: str,
    by_id: uuid.UUID | None = None,
    status: str | None = None,
) -> dict[str, Any]:
    """Switch the agent off for the conversation and record the handoff; returns the summary.

    ``by`` is who ended it (``agent``: a person, ``ai``, ``contact``: opt-out);
    ``status`` overrides the summary's (``lost``, ``converted``, ``opted_out``), which is
    otherwise the qualification's: ``qualifying``, ``qualified`` or ``scheduled``. The
    conversation goes to the board's ``lost`` or ``converted`` column, else ``awaiting_human``.
    """
    conversation = conversation_info(db, conversation_id, lock=True)
    state = state_of(db, conversation)
    outcome = status or (state.status if state.status in WORKING else "qualifying")
    summary = summary_of(db, config, conversation, state, outcome, reason, by)
    set_status(db, state, outcome if outcome in CLOSED else "awaiting_human")
    state.handed_off_at = now()
    if outcome in CLOSED:
        move_stage(db, config, state.contact_id, outcome)
    save_handoff_summary(db, conversation_id, summary)
    if conversation["ai_active"]:
        set_conversation_ai(db, conversation_id, False, actor_type=by, actor_id=by_id)
    contact_id = uuid.UUID(conversation["contact"]["id"])
    record_activity(
        db,
        contact_id,
        "ai_handoff",
        {"conversation_id": conversation["id"], "status": outcome, "reason": reason, "booking": state.booking},
        actor_type=by,
        actor_id=by_id,
    )
    emit_event(
        db,
        EVENT,
        {"conversation_id": conversation["id"], "contact_id": conversation["contact"]["id"], "summary": summary},
    )
    return summary


def pending_handoff(db: Session, conversation_id: uuid.UUID) -> bool:
    """Whether the agent still works the conversation (it has a state that was not handed off)."""
    return (
        db.scalar(
            select(AgentConversation.conversation_id).where(
                AgentConversation.conversation_id == conversation_id, AgentConversation.handed_off_at.is_(None)
            )
        )
        is not None
    )
