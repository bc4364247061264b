"""The contact timeline: entries written by the services whenever something happens to a contact."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from atrium.api.pagination import paginate
from atrium.inbox.models import Activity


@dataclass(frozen=True)
class Actor:
    """Who made a change: ``type`` is agent, ai, system or contact; ``id`` the user or contact."""

    type: str
    id: uuid.UUID | None = None


SYSTEM = Actor("system")


def record(db: Session, contact_id: uuid.UUID, kind: str, data: dict[str, Any], actor: Actor) -> Activity:
    """Add a ``kind`` entry with JSON-simple ``data`` to a contact's timeline."""
    entry = Activity(contact_id=contact_id, kind=kind, data=data, actor_type=actor.type, actor_id=actor.id)
    db.add(entry)
    return entry


def timeline(db: Session, contact_id: uuid.UUID, args: dict) -> dict:
    """A page of a contact's timeline, newest first."""
    stmt = select(Activity).where(Activity.contact_id == contact_id)
    return paginate(db, stmt, [Activity.created_at, Activity.id], args)
