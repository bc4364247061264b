"""The tenant's audit log: who exported or erased what, kept without the personal data itself."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from atrium.api.pagination import paginate
from atrium.inbox.activity import Actor
from atrium.inbox.models import AuditRecord


def audit(
    db: Session, action: str, subject_type: str, subject_id: uuid.UUID, actor: Actor, details: dict[str, Any]
) -> AuditRecord:
    """Record ``action`` on a subject; ``details`` must hold ids and counts only."""
    row = AuditRecord(
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        actor_type=actor.type,
        actor_id=actor.id,
        details=details,
    )
    db.add(row)
    return row


def audit_page(db: Session, args: dict) -> dict:
    """A page of the audit log, newest first."""
    return paginate(db, select(AuditRecord), [AuditRecord.created_at, AuditRecord.id], args)
