"""The delivery log: one delivery per (event, subscription), attempted by the ``webhooks`` queue.

A delivery is created ``pending`` when its event is dispatched. An attempt
*claims* it (``sending``, attempts + 1) in one short transaction, POSTs with
no transaction open, then settles it: ``succeeded`` on a 2xx; ``pending``
again with ``next_attempt_at`` pushed back exponentially on a network error,
a 5xx, 408, 425 or 429 (``Retry-After`` honoured); ``failed`` on any other
answer or after ``MAX_ATTEMPTS``. Deliveries are at least once: a worker that
dies mid-attempt leaves ``sending`` with ``next_attempt_at`` at the end of its
``LEASE``, after which it is claimed again; receivers de-duplicate by event
``id``. The sweeper re-enqueues deliveries whose job was lost.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Iterable

from sqlalchemy import func, select, text, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from atrium.db.base import new_id
from atrium.db.session import tenant_session
from atrium.errors import Conflict, Invalid
from atrium.inbox.aftercommit import after_commit
from atrium.inbox.models import DomainEvent
from atrium.outbound_webhooks import sender
from atrium.outbound_webhooks.models import WebhookDelivery, WebhookSubscription
from atrium.outbound_webhooks.subscriptions import EVERY_KIND
from atrium.security.crypto import decrypt
from atrium.tenancy.context import current_tenant
from atrium.workers.actors import actor

MAX_ATTEMPTS = 10
FIRST_RETRY = 60.0  # seconds; doubles after each failed attempt
MAX_RETRY = 4 * 3600.0
LEASE = dt.timedelta(minutes=5)  # an attempt still "sending" after this died with its worker (> HTTP timeouts)
LOST_AFTER = dt.timedelta(minutes=2)  # a due delivery not attempted by then lost its job
SWEEP_EVERY_SECONDS = 60
SWEEP_BATCH = 500
UNFINISHED = ("pending", "sending")


def record_for_event(db: Session, event: DomainEvent) -> None:
    """Create the deliveries of ``event`` for every active subscription of its kind; enqueue them after commit.

    Idempotent: dispatching the same event again creates nothing new and
    re-enqueues only deliveries not attempted yet.
    """
    subscription_ids = db.scalars(
        select(WebhookSubscription.id).where(
            WebhookSubscription.active.is_(True), WebhookSubscription.events.overlap([event.kind, EVERY_KIND])
        )
    ).all()
    if not subscription_ids:
        return
    db.execute(
        insert(WebhookDelivery)
        .values(
            [
                {
                    "id": new_id(),
                    "subscription_id": s,
                    "event_id": event.id,
                    "kind": event.kind,
                    "status": "pending",
                    "attempts": 0,
                }
                for s in subscription_ids
            ]
        )
        .on_conflict_do_nothing(
            index_elements=["subscription_id", "event_id"], index_where=text("replay_of_id IS NULL")
        )
    )
    waiting = db.scalars(
        select(WebhookDelivery.id).where(
            WebhookDelivery.event_id == event.id, WebhookDelivery.status == "pending", WebhookDelivery.attempts == 0
        )
    ).all()
    enqueue(db, waiting)


def enqueue(db: Session, delivery_ids: Iterable[uuid.UUID], delay: float = 0) -> None:
    """Enqueue an attempt of each delivery once ``db`` commits (after ``delay`` seconds)."""
    ids = [str(i) for i in delivery_ids]

    def send() -> None:
        for delivery_id in ids:
            deliver_webhook.send_with_options(args=(delivery_id,), delay=int(delay * 1000) or None)

    if ids:
        after_commit(db, send)


def replay(db: Session, subscription: WebhookSubscription, event_id: int) -> WebhookDelivery:
    """A new delivery of an event already delivered (or not) to ``subscription``, attempted now."""
    original = db.scalar(
        select(WebhookDelivery).where(
            WebhookDelivery.subscription_id == subscription.id,
            WebhookDelivery.event_id == event_id,
            WebhookDelivery.replay_of_id.is_(None),
        )
    )
    if original is None:
        raise Invalid("this event was never delivered to this subscription", field="event_id")
    if not subscription.active:
        raise Conflict("the subscription is paused: activate it before replaying")
    delivery = WebhookDelivery(
        subscription_id=subscription.id,
        event_id=event_id,
        kind=original.kind,
        status="pending",
        attempts=0,
        replay_of_id=original.id,
    )
    db.add(delivery)
    db.flush()
    db.refresh(delivery)
    enqueue(db, [delivery.id])
    return delivery


def claim(db: Session, delivery_id: uuid.UUID) -> sender.Attempt | None:
    """Start an attempt of a due delivery (or of one whose previous attempt died); None if there is nothing to do."""
    claimed = db.execute(
        update(WebhookDelivery)
        .where(
            WebhookDelivery.id == delivery_id,
            WebhookDelivery.status.in_(UNFINISHED),
            WebhookDelivery.next_attempt_at <= func.now(),
        )
        .values(status="sending", attempts=WebhookDelivery.attempts + 1, next_attempt_at=func.now() + LEASE)
        .returning(WebhookDelivery.attempts)
    ).scalar()
    if claimed is None:
        return None
    row = db.execute(
        select(WebhookSubscription, DomainEvent)
        .join(WebhookDelivery, WebhookDelivery.subscription_id == WebhookSubscription.id)
        .join(DomainEvent, DomainEvent.id == WebhookDelivery.event_id)
        .where(WebhookDelivery.id == delivery_id)
    ).one()
    subscription, event = row
    if not subscription.active:
        _finish(db, delivery_id, claimed, status="failed", next_attempt_at=None, error="the subscription is paused")
        return None
    tenant = current_tenant()
    return sender.Attempt(
        delivery_id=str(delivery_id),
        number=claimed,
        url=subscription.url,
        secret=decrypt(subscription.secret),
        event={
            "id": event.id,
            "kind": event.kind,
            "data": event.data,
            "created_at": event.created_at.isoformat(),
            "tenant": {"id": str(tenant.id), "slug": tenant.slug},
        },
    )


def settle(db: Session, attempt: sender.Attempt, outcome: sender.Outcome) -> None:
    """Record the outcome of an attempt; schedule the next one when it may still succeed."""
    delivery_id = uuid.UUID(attempt.delivery_id)
    fields = {"response_code": outcome.response_code, "error": outcome.error}
    if outcome.succeeded:
        _finish(
            db, delivery_id, attempt.number, status="succeeded", next_attempt_at=None, delivered_at=func.now(), **fields
        )
    elif outcome.retryable and attempt.number < MAX_ATTEMPTS:
        delay = retry_delay(attempt.number, outcome.retry_after)
        if _finish(
            db,
            delivery_id,
            attempt.number,
            status="pending",
            next_attempt_at=func.now() + dt.timedelta(seconds=delay),
            **fields,
        ):
            enqueue(db, [delivery_id], delay=delay)
    else:
        _finish(db, delivery_id, attempt.number, status="failed", next_attempt_at=None, **fields)


def retry_delay(attempts: int, retry_after: float | None = None) -> float:
    """Seconds before the next attempt after ``attempts`` failed ones: exponential, jittered, capped."""
    delay = FIRST_RETRY * 2 ** (attempts - 1) * random.uniform(0.8, 1.0)
    return min(MAX_RETRY, max(delay, retry_after or 0.0))


def _finish(db: Session, delivery_id: uuid.UUID, attempt_number: int, **values) -> bool:
    """Apply ``values`` if the attempt is still the current one (its lease was not taken over)."""
    result = db.execute(
        update(WebhookDelivery)
        .where(
            WebhookDelivery.id == delivery_id,
            WebhookDelivery.status == "sending",
            WebhookDelivery.attempts == attempt_number,
        )
        .values(updated_at=func.now(), **values)
    )
    return result.rowcount == 1


def overdue(db: Session) -> list[uuid.UUID]:
    """Deliveries whose job was lost: due (or past their ``sending`` lease) for longer than ``LOST_AFTER``."""
    return list(
        db.scalars(
            select(WebhookDelivery.id)
            .where(WebhookDelivery.status.in_(UNFINISHED), WebhookDelivery.next_attempt_at < func.now() - LOST_AFTER)
            .order_by(WebhookDelivery.next_attempt_at)
            .limit(SWEEP_BATCH)
        )
    )


@actor(queue_name="webhooks", max_retries=3, time_limit=120_000)
def deliver_webhook(delivery_id: str) -> None:
    """Attempt one delivery: claim, POST (no transaction open), record the outcome."""
    schema = current_tenant().schema
    with tenant_session(schema) as db:
        attempt = claim(db, uuid.UUID(delivery_id))
    if attempt is None:
        return
    outcome = sender.post(attempt)
    with tenant_session(schema) as db:
        settle(db, attempt, outcome)


@actor(queue_name="webhooks", max_retries=0)
def sweep_webhook_deliveries() -> None:
    """Re-enqueue the bound tenant's deliveries whose job was lost (see ``overdue``)."""
    with tenant_session(current_tenant().schema) as db:
        enqueue(db, overdue(db))
