"""``POST /api/v1/plugins/sandbox/channels/<id>/inbound``: a message "from a lead", injected.

The message takes the durable inbound path like a provider's webhook: it is
stored as an event, then a worker parses it into the inbox.
"""

from __future__ import annotations

import marshmallow as ma
from flask.views import MethodView
from flask_smorest import Blueprint

from atrium.plugins import Schema, auth_required
from atrium_sandbox.inject import inject

blp = Blueprint("sandbox", __name__, url_prefix="/plugins/sandbox", description="Sandbox channel: simulate leads without a provider")


class InjectSchema(Schema):
    sender = ma.fields.String(
        data_key="from", required=True, validate=ma.validate.Length(min=1, max=200),
        metadata={"description": "Who writes: a phone number (E.164, e.g. +5511987654321) or any handle", "example": "+5511987654321"},
    )
    name = ma.fields.String(load_default=None, validate=ma.validate.Length(max=200), metadata={"description": "The lead's profile name"})
    text = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=4096))
    message_id = ma.fields.String(
        load_default=None, validate=ma.validate.Length(min=1, max=200),
        metadata={"description": "The provider's message id (default: a new one); the same id again is a duplicate, stored once"},
    )
    reply_to = ma.fields.String(load_default=None, validate=ma.validate.Length(max=200), metadata={"description": "Provider id of the message answered"})


class InjectedSchema(Schema):
    event_id = ma.fields.String(allow_none=True, metadata={"description": "The stored inbound event; null when it is a duplicate"})
    message_id = ma.fields.String(metadata={"description": "The provider message id of the injected message"})


@blp.route("/channels/<uuid:channel_id>/inbound")
class Inbound(MethodView):
    @auth_required()
    @blp.arguments(InjectSchema)
    @blp.response(202, InjectedSchema)
    def post(self, data, channel_id):
        """Inject a text message from a lead into a sandbox channel (processed like a real webhook)."""
        return inject(channel_id, data["sender"], data["text"], name=data["name"], message_id=data["message_id"], reply_to=data["reply_to"])
