"""Webhook subscriptions of the caller's company and their delivery log (admins only)."""

from __future__ import annotations

import uuid

import marshmallow as ma
from flask import g
from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import select

from atrium.api.pagination import PageArgs, page_schema, paginate
from atrium.api.schemas import Schema
from atrium.auth.guard import auth_required
from atrium.errors import NotFound
from atrium.outbound_webhooks import deliveries, subscriptions
from atrium.outbound_webhooks.models import WebhookDelivery, WebhookSubscription

blp = Blueprint(
    "outbound_webhooks",
    __name__,
    url_prefix="/api/v1",
    description="Outbound webhooks: your systems receive the company's events, signed (see docs/webhooks.md)",
)

URL = ma.validate.Regexp(r"^https?://", error="an http(s):// URL")
KIND = ma.validate.OneOf([*subscriptions.KINDS, subscriptions.EVERY_KIND])
STATUSES = ("pending", "sending", "succeeded", "failed")


class SubscriptionSchema(Schema):
    id = ma.fields.UUID(dump_only=True)
    url = ma.fields.String(
        required=True,
        validate=[ma.validate.Length(max=2000), URL],
        metadata={
            "description": "Where events are POSTed (public http(s) URL)",
            "example": "https://crm.example.com/atrium",
        },
    )
    events = ma.fields.List(
        ma.fields.String(validate=KIND),
        required=True,
        validate=ma.validate.Length(min=1, max=len(subscriptions.KINDS) + 1),
        metadata={"description": 'Event kinds to receive; "*" for every kind'},
    )
    description = ma.fields.String(load_default=None, allow_none=True, validate=ma.validate.Length(max=200))
    active = ma.fields.Boolean(load_default=True, metadata={"description": "Paused subscriptions receive nothing"})
    created_at = ma.fields.DateTime(dump_only=True)
    updated_at = ma.fields.DateTime(dump_only=True)


class CreatedSubscriptionSchema(SubscriptionSchema):
    secret = ma.fields.String(
        dump_only=True,
        metadata={"description": "The signing secret. Shown only in this response: store it now."},
    )


class SubscriptionPatchSchema(Schema):
    url = ma.fields.String(validate=[ma.validate.Length(max=2000), URL])
    events = ma.fields.List(
        ma.fields.String(validate=KIND), validate=ma.validate.Length(min=1, max=len(subscriptions.KINDS) + 1)
    )
    description = ma.fields.String(allow_none=True, validate=ma.validate.Length(max=200))
    active = ma.fields.Boolean()


class DeliverySchema(Schema):
    id = ma.fields.UUID(dump_only=True, metadata={"description": "Sent as X-Atrium-Delivery"})
    subscription_id = ma.fields.UUID(dump_only=True)
    event_id = ma.fields.Integer(dump_only=True, metadata={"description": "The event's id (the body's id)"})
    kind = ma.fields.String(dump_only=True)
    status = ma.fields.String(dump_only=True, metadata={"enum": list(STATUSES)})
    attempts = ma.fields.Integer(dump_only=True)
    response_code = ma.fields.Integer(
        dump_only=True, allow_none=True, metadata={"description": "HTTP status of the last attempt"}
    )
    error = ma.fields.String(dump_only=True, allow_none=True, metadata={"description": "Why the last attempt failed"})
    next_attempt_at = ma.fields.DateTime(dump_only=True, allow_none=True)
    delivered_at = ma.fields.DateTime(dump_only=True, allow_none=True)
    replay_of_id = ma.fields.UUID(
        dump_only=True, allow_none=True, metadata={"description": "The delivery this one replays"}
    )
    created_at = ma.fields.DateTime(dump_only=True)
    updated_at = ma.fields.DateTime(dump_only=True)


class DeliveryArgs(PageArgs):
    status = ma.fields.String(validate=ma.validate.OneOf(STATUSES))
    event_id = ma.fields.Integer(validate=ma.validate.Range(min=1))


class ReplaySchema(Schema):
    event_id = ma.fields.Integer(
        required=True,
        validate=ma.validate.Range(min=1),
        metadata={"description": "The event to deliver again (a delivery's event_id)"},
    )


SubscriptionPage = page_schema(SubscriptionSchema, "WebhookSubscriptionPage")
DeliveryPage = page_schema(DeliverySchema, "WebhookDeliveryPage")


def _subscription(subscription_id: uuid.UUID) -> WebhookSubscription:
    subscription = g.db.get(WebhookSubscription, subscription_id)
    if subscription is None:
        raise NotFound("no webhook subscription with this id")
    return subscription


@blp.route("/webhook-subscriptions")
class Subscriptions(MethodView):
    @auth_required("admin")
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, SubscriptionPage)
    def get(self, args):
        """List webhook subscriptions, newest first."""
        return paginate(g.db, select(WebhookSubscription), [WebhookSubscription.id], args)

    @auth_required("admin")
    @blp.arguments(SubscriptionSchema)
    @blp.response(201, CreatedSubscriptionSchema)
    def post(self, data):
        """Subscribe a URL to events; the response carries the signing secret, shown only once."""
        subscription, secret = subscriptions.create(g.db, data)
        return {**{name: getattr(subscription, name) for name in SubscriptionSchema().fields}, "secret": secret}


@blp.route("/webhook-subscriptions/<uuid:subscription_id>")
class SubscriptionItem(MethodView):
    @auth_required("admin")
    @blp.response(200, SubscriptionSchema)
    def get(self, subscription_id):
        """One webhook subscription (never its secret)."""
        return _subscription(subscription_id)

    @auth_required("admin")
    @blp.arguments(SubscriptionPatchSchema)
    @blp.response(200, SubscriptionSchema)
    def patch(self, data, subscription_id):
        """Change the URL, the event kinds, the description, or pause/resume."""
        return subscriptions.update(g.db, _subscription(subscription_id), data)

    @auth_required("admin")
    @blp.response(204)
    def delete(self, subscription_id):
        """Delete a subscription and its delivery log."""
        g.db.delete(_subscription(subscription_id))


@blp.route("/webhook-subscriptions/<uuid:subscription_id>/deliveries")
class Deliveries(MethodView):
    @auth_required("admin")
    @blp.arguments(DeliveryArgs, location="query")
    @blp.response(200, DeliveryPage)
    def get(self, args, subscription_id):
        """The delivery log of a subscription, newest first (filter by status or event)."""
        stmt = select(WebhookDelivery).where(WebhookDelivery.subscription_id == _subscription(subscription_id).id)
        if args.get("status"):
            stmt = stmt.where(WebhookDelivery.status == args["status"])
        if args.get("event_id"):
            stmt = stmt.where(WebhookDelivery.event_id == args["event_id"])
        return paginate(g.db, stmt, [WebhookDelivery.id], args)

    @auth_required("admin")
    @blp.arguments(ReplaySchema)
    @blp.response(202, DeliverySchema)
    def post(self, data, subscription_id):
        """Replay: deliver an event to this subscription again, as a new delivery attempted now."""
        return deliveries.replay(g.db, _subscription(subscription_id), data["event_id"])
