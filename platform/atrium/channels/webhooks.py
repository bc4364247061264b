"""Webhook intake: authenticate, store the exact body, answer 200. Nothing slow before the 200.

``/webhooks/<type>/<channel id>`` serves one configured channel (the
tenant's own credentials); ``/webhooks/<name>`` serves an adapter's
platform-wide webhook (``global_webhook``, e.g. ``/webhooks/meta``), routed
to a tenant later by the worker. ``GET`` answers the provider's verification
handshake. A ``POST`` must be JSON of at most ``MAX_CONTENT_LENGTH`` bytes
(415 and 413 otherwise), pass the adapter's signature check over the exact
bytes (403 and nothing stored otherwise) and parse as strict JSON (400 and a
log line otherwise); then it is stored once (duplicates are no-ops) and its
processing is queued.
"""

from __future__ import annotations

import logging
import uuid

from flask import Blueprint, Response, request
from werkzeug.exceptions import BadRequest, UnsupportedMediaType

from atrium.channels.bodies import MalformedBody, parse_json
from atrium.channels.contract import ChannelAdapter, ChannelContext
from atrium.channels.intake import find_channel, receive
from atrium.channels.registry import adapters
from atrium.errors import Forbidden, NotFound

log = logging.getLogger(__name__)

blp = Blueprint("webhooks", __name__, url_prefix="/webhooks")


def _received() -> Response:
    return Response('{"status":"received"}', status=200, mimetype="application/json")


@blp.route("/<channel_type>/<uuid:channel_id>", methods=["GET", "POST"])
def channel_webhook(channel_type: str, channel_id: uuid.UUID):
    """A provider calling the webhook of one configured channel."""
    adapter = adapters().get(channel_type)
    if adapter is None:
        raise NotFound("no such webhook")
    body = _read_body() if request.method == "POST" else b""
    target = find_channel(channel_id)
    if target is None or target.type != channel_type:
        raise NotFound("no such webhook")
    if request.method == "GET":
        return _handshake(adapter, target.channel)
    _authenticate(adapter, target.channel, body)
    _check_json(body, channel_type)
    receive(channel_type, body, target.tenant.id, channel_id)
    return _received()


@blp.route("/<name>", methods=["GET", "POST"])
def global_webhook(name: str):
    """A provider calling a platform-wide webhook; the worker routes each event to its tenant."""
    adapter = next((a for a in adapters().values() if a.global_webhook == name), None)
    if adapter is None:
        raise NotFound("no such webhook")
    if request.method == "GET":
        return _handshake(adapter, None)
    body = _read_body()
    _authenticate(adapter, None, body)
    _check_json(body, adapter.type)
    receive(adapter.type, body)
    return _received()


def _read_body() -> bytes:
    """The raw body: JSON only (415), at most ``MAX_CONTENT_LENGTH`` bytes (413, raised by the read)."""
    if not request.is_json:
        raise UnsupportedMediaType(f"webhooks must be application/json (got {request.mimetype or 'no Content-Type'})")
    return request.get_data(cache=False)


def _handshake(adapter: ChannelAdapter, channel: ChannelContext | None):
    answer = adapter.verify_handshake(channel, request.args.to_dict())
    if answer is None:
        raise Forbidden("verification refused", code="verification_failed")
    return Response(answer, status=200, mimetype="text/plain")


def _authenticate(adapter: ChannelAdapter, channel: ChannelContext | None, body: bytes) -> None:
    try:
        genuine = adapter.authenticate(channel, request.headers, body)
    except Exception:
        log.exception("channel adapter failed to authenticate a webhook", extra={"channel_type": adapter.type})
        genuine = False
    if not genuine:
        log.warning("webhook rejected: bad or missing signature", extra={"channel_type": adapter.type, "channel_id": channel and channel.id})
        raise Forbidden("the webhook signature is missing or does not match", code="invalid_signature")


def _check_json(body: bytes, channel_type: str) -> None:
    try:
        parse_json(body)
    except MalformedBody as exc:
        log.warning("malformed webhook body", extra={"channel_type": channel_type, "error": str(exc)[:200], "bytes": len(body)})
        raise BadRequest(str(exc)[:500]) from exc
