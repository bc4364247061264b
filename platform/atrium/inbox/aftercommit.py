"""Run work (enqueueing jobs) only once the current transaction has committed.

A job enqueued before the commit could run before its rows are visible, or
for a change that is then rolled back. ``after_commit`` keeps the callback on
the session and runs it after the outermost commit, bound to the tenant that
was current when it was registered; a rollback drops it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import event
from sqlalchemy.orm import Session

from atrium.db.session import BoundSession
from atrium.tenancy.context import current_tenant_or_none, tenant_context

log = logging.getLogger(__name__)

PENDING = "atrium_after_commit"


def after_commit(db: Session, callback: Callable[[], object]) -> None:
    """Call ``callback()`` after ``db`` commits (never if it rolls back)."""
    db.info.setdefault(PENDING, []).append((current_tenant_or_none(), callback))


@event.listens_for(BoundSession, "after_commit")
def _run(session: Session) -> None:
    for tenant, callback in session.info.pop(PENDING, ()):
        try:
            if tenant is None:
                callback()
            else:
                with tenant_context(tenant):
                    callback()
        except Exception:  # the sweeper re-enqueues work left behind (e.g. Redis was down)
            log.exception("after-commit callback failed")


@event.listens_for(BoundSession, "after_rollback")
def _drop(session: Session) -> None:
    session.info.pop(PENDING, None)
