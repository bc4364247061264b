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

from sqlalchemy import func, select
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
    """``{"mine", "unassigned", "all", "unread", "open", "pending", "resolved"}``; the first four count
    unresolved (open or pending) conversations."""
    redis = get_redis()
    key = _key()
    cached = redis.hget(key, str(me))
    if cached:
        return json.loads(cached)
    active = Conversation.status != "resolved"
    row = db.execute(
        select(
            func.count().filter(active, Conversation.assignee_id == me).label("mine"),
            func.count().filter(active, Conversation.assignee_id.is_(None)).label("unassigned"),
            func.count().filter(active).label("all"),
            func.count().filter(active, Conversation.unread_count > 0).label("unread"),
            *(func.count().filter(Conversation.status == status).label(status) for status in STATUSES),
        ).where(Conversation.last_message_at.is_not(None))
    ).one()
    value = dict(row._mapping)
    redis.hset(key, str(me), json.dumps(value))
    if redis.ttl(key) < 0:
        redis.expire(key, TTL)
    return value


def invalidate(db: Session) -> None:
    """Drop the tenant's cached counters once ``db`` commits."""
    key = _key()
    after_commit(db, lambda: get_redis().delete(key))
