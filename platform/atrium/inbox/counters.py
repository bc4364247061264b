"""Inbox counters: mine, unassigned, all and per status, from one query, computed on demand.

Counters are never recomputed when a realtime event arrives: a client asks
for them, the answer is computed with one ``count(*) FILTER (...)`` query and
kept in Redis for ``TTL`` seconds per user. Changes made through the inbox
services (status, assignment, new conversation, merge, erasure) drop the
tenant's cached counters at commit; other changes (a new inbound
conversation) show within ``TTL`` seconds.
"""

from __future__ import annotations

import json
import uuid

from sqlalchemy import func, select, true
from sqlalchemy.orm import Session

from atrium.cache import get_redis
from atrium.inbox.aftercommit import after_commit
from atrium.inbox.models import Conversation
from atrium.tenancy.context import current_tenant

TTL = 5
STATUSES = ("open", "pending", "resolved")


def _key() -> str:
    return f"atrium:inbox:counters:{current_tenant().id}"


def counters(db: Session, me: uuid.UUID) -> dict[str, int]:
    """``{"mine", "unassigned", "all", "unread", "open", "pending", "resolved", "by_status"}``: the first
    four count unresolved (open or pending) conversations; ``by_status`` has the same four views for each
    status (``{"open": {"mine", "unassigned", "all", "unread"}, ...}``), so a list filtered by status can
    show counts of exactly what it lists."""
    redis = get_redis()
    key = _key()
    cached = redis.hget(key, str(me))
    if cached:
        return json.loads(cached)
    views = {
        "mine": Conversation.assignee_id == me,
        "unassigned": Conversation.assignee_id.is_(None),
        "all": true(),
        "unread": Conversation.unread_count > 0,
    }
    active = Conversation.status != "resolved"
    row = db.execute(
        select(
            *(func.count().filter(active, where).label(view) for view, where in views.items()),
            *(
                func.count().filter(Conversation.status == status, where).label(f"{status}.{view}")
                for status in STATUSES
                for view, where in views.items()
            ),
        ).where(Conversation.last_message_at.is_not(None))
    ).one()
    counts = dict(row._mapping)
    value = {view: counts[view] for view in views}
    value.update({status: counts[f"{status}.all"] for status in STATUSES})
    value["by_status"] = {status: {view: counts[f"{status}.{view}"] for view in views} for status in STATUSES}
    redis.hset(key, str(me), json.dumps(value))
    if redis.ttl(key) < 0:
        redis.expire(key, TTL)
    return value


def invalidate(db: Session) -> None:
    """Drop the tenant's cached counters once ``db`` commits."""
    key = _key()
    after_commit(db, lambda: get_redis().delete(key))
