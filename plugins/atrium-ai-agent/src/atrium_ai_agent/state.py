"""The agent's state of a conversation (``ai_agent_conversations``) and the lead as the agent sees it."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from atrium.plugins import Invalid, emit_event, update_contact
from atrium_ai_agent.models import STATUSES, AgentConversation, OptOut
from atrium_ai_agent.qualification import Progress, progress_of
from atrium_ai_agent.settings import AgentConfig

#: Pipeline stage setting (``stages``) applied when the state becomes one of these.
STAGED = ("qualified", "scheduled", "converted", "lost")
#: The working states, in the order the agent moves a lead through them.
WORKING = ("qualifying", "qualified", "scheduled")
#: Published whenever a conversation's state changes (the AI board follows it live).
STATUS_EVENT = "ai.status_changed"


def now() -> dt.datetime:
    """The current time (UTC)."""
    return dt.datetime.now(dt.UTC)


def state_of(db: Session, conversation: dict[str, Any], *, create: bool = True) -> AgentConversation | None:
    """The agent's state of ``conversation`` (created ``qualifying`` with ``create``)."""
    state = db.get(AgentConversation, uuid.UUID(conversation["id"]))
    if state is None and create:
        state = AgentConversation(
            conversation_id=uuid.UUID(conversation["id"]),
            contact_id=uuid.UUID(conversation["contact"]["id"]),
            status="qualifying",
            status_changed_at=now(),
            notes=[],
        )
        db.add(state)
        db.flush()
        _published(db, state, None)
    return state


def set_status(db: Session, state: AgentConversation, status: str) -> None:
    """Put the conversation in board column ``status`` (at the top of it) and publish ``ai.status_changed``."""
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}")
    if status == state.status:
        return
    previous, state.status, state.status_changed_at = state.status, status, now()
    db.flush()
    _published(db, state, previous)


def _published(db: Session, state: AgentConversation, previous: str | None) -> None:
    emit_event(
        db,
        STATUS_EVENT,
        {
            "conversation_id": str(state.conversation_id),
            "contact_id": str(state.contact_id),
            "status": state.status,
            "previous_status": previous,
        },
    )


def lead_of(conversation: dict[str, Any], config: AgentConfig) -> dict[str, Any]:
    """The lead as tools and prompts see it: contact id, name, phone, e-mail, interest and answers."""
    contact = conversation["contact"]
    fields = contact.get("custom_fields") or {}
    return {
        "contact_id": contact["id"],
        "name": contact.get("name"),
        "phone": contact.get("phone"),
        "email": contact.get("email"),
        "interest": fields.get("interest"),
        "answers": dict(progress_of(config, fields).answers),
    }


def progress_for(config: AgentConfig, lead: dict[str, Any]) -> Progress:
    """The qualification progress from the lead's answers."""
    return progress_of(config, lead.get("answers"))


def settle_status(db: Session, config: AgentConfig, state: AgentConversation, progress: Progress) -> None:
    """Move a working state forward (qualifying -> qualified -> scheduled, never back: a person may have
    moved it on the board) and the contact's stage with it."""
    if state.status not in ("qualifying", "qualified"):
        return
    target = "scheduled" if state.booking else "qualified" if progress.complete and progress.steps else "qualifying"
    if WORKING.index(target) > WORKING.index(state.status):
        set_status(db, state, target)
        move_stage(db, config, state.contact_id, target)


def move_stage(db: Session, config: AgentConfig, contact_id: uuid.UUID, status: str) -> None:
    """Move the contact to the pipeline stage configured for ``status`` (when there is one in the pipeline)."""
    key = config.stages.get(status) if status in STAGED else None
    if not key:
        return
    try:
        with db.begin_nested():
            update_contact(db, contact_id, stage_key=key, actor_type="ai")
    except Invalid:  # the company's pipeline has no such stage
        pass


def reactivate(db: Session, state: AgentConversation, status: str | None = None) -> None:
    """A person switched the agent back on after a handoff (or an opt-out): work again from where the lead is,
    in column ``status`` (default: ``scheduled`` with a booking, else ``qualifying``)."""
    state.handed_off_at = None
    set_status(db, state, status or ("scheduled" if state.booking else "qualifying"))
    db.execute(delete(OptOut).where(OptOut.contact_id == state.contact_id))


def opted_out(db: Session, contact_id: str | uuid.UUID) -> bool:
    """Whether the contact asked the agent to stop."""
    return db.scalar(select(OptOut.contact_id).where(OptOut.contact_id == uuid.UUID(str(contact_id)))) is not None
