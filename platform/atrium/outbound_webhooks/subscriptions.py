"""Creating and changing a company's webhook subscriptions."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from atrium.errors import Conflict
from atrium.outbound_webhooks.models import WebhookSubscription
from atrium.outbound_webhooks.signing import new_secret
from atrium.outbound_webhooks.targets import check_url
from atrium.security.crypto import encrypt

KINDS = (  # the domain events of docs/inbox.md
    "message.received",
    "message.created",
    "message.sent",
    "message.status",
    "message.deleted",
    "conversation.updated",
    "contact.created",
    "contact.updated",
    "contact.merged",
    "contact.erased",
    "conversation.handoff",  # published by the AI agent plugin (docs/ai-agent.md)
    "ai.status_changed",  # the AI agent plugin: a lead moved on the AI board (qualified, scheduled, converted...)
)
EVERY_KIND = "*"
MAX_SUBSCRIPTIONS = 20


def create(db: Session, data: dict[str, Any]) -> tuple[WebhookSubscription, str]:
    """Add a subscription; return it with its signing secret (the only time it is readable)."""
    if db.scalar(select(func.count()).select_from(WebhookSubscription)) >= MAX_SUBSCRIPTIONS:
        raise Conflict(f"a company can have at most {MAX_SUBSCRIPTIONS} webhook subscriptions")
    secret = new_secret()
    subscription = WebhookSubscription(
        url=check_url(data["url"]),
        events=_unique(data["events"]),
        description=data.get("description"),
        active=data.get("active", True),
        secret=encrypt(secret),
    )
    db.add(subscription)
    db.flush()
    return subscription, secret


def update(db: Session, subscription: WebhookSubscription, data: dict[str, Any]) -> WebhookSubscription:
    """Change the URL, kinds, description or active flag of ``subscription``."""
    if "url" in data:
        subscription.url = check_url(data["url"])
    if "events" in data:
        subscription.events = _unique(data["events"])
    for key in ("description", "active"):
        if key in data:
            setattr(subscription, key, data[key])
    db.flush()
    return subscription


def _unique(kinds: list[str]) -> list[str]:
    return list(dict.fromkeys(kinds))
