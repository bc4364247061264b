"""``GET /api/v1/events``: the caller's company's domain events as Server-Sent Events."""

from __future__ import annotations

import marshmallow as ma
from flask import Response, current_app, request
from flask.views import MethodView
from flask_smorest import Blueprint

from atrium.api.schemas import Schema
from atrium.auth.guard import authenticate, bearer_token
from atrium.errors import Invalid
from atrium.realtime.stream import HEARTBEAT_SECONDS, Cursor, Listener, event_stream

blp = Blueprint("realtime", __name__, url_prefix="/api/v1", description="Realtime events (Server-Sent Events)")


class StreamArgs(Schema):
    last_event_id = ma.fields.String(
        validate=ma.validate.Length(max=1000),
        metadata={"description": "Resume from this event id (for clients that cannot send the Last-Event-ID header)."},
    )
    access_token = ma.fields.String(
        metadata={
            "description": "The access token, for EventSource, which cannot send headers. It may appear in proxy "
            "logs: prefer the Authorization header where the client allows it."
        }
    )


def _token(args: dict) -> str:
    if "Authorization" not in request.headers and args.get("access_token"):
        return args["access_token"]
    return bearer_token()


def _last_event_id(args: dict) -> Cursor | None:
    header = request.headers.get("Last-Event-ID", "").strip()
    field = "Last-Event-ID" if header else "last_event_id"
    text = header or (args.get("last_event_id") or "").strip()
    if not text:
        return None
    try:
        return Cursor.parse(text)
    except ValueError as exc:
        raise Invalid("must be the id of an event received from this stream", field=field) from exc


@blp.route("/events")
class Events(MethodView):
    @blp.arguments(StreamArgs, location="query")
    @blp.response(200, {"type": "string"}, content_type="text/event-stream", description="The event stream")
    @blp.alt_response(401, description="Missing, invalid, expired or revoked token")
    @blp.doc(security=[{"bearerAuth": []}])
    def get(self, args):
        """Stream the company's events (Server-Sent Events).

        Each event has `id` (a resume cursor: the domain event id, followed by `:` and lower ids not yet
        seen when transactions committed out of order), `event` (its kind, e.g. `message.received`) and
        `data` (JSON: `{"id", "kind", "data"}`). Reconnect with the `Last-Event-ID` header (EventSource
        sends it by itself) or `last_event_id` to receive what was missed first, exactly once, in order.
        A `: keepalive` comment is sent when the stream is idle. A `stream.closed` event (`{"reason"}`)
        ends the stream when the token expires or is signed out: reconnect with a fresh token. A
        `stream.reset` event means more events were missed than are replayed: reload through the REST API.
        """
        principal = authenticate(_token(args))
        listener = Listener(principal.tenant, principal.claims.family_id, principal.claims.expires_at)
        heartbeat = current_app.config.get("SSE_HEARTBEAT_SECONDS", HEARTBEAT_SECONDS)
        return Response(
            event_stream(listener, _last_event_id(args), heartbeat=heartbeat),
            mimetype="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )
