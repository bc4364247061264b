"""Meta's ``messages`` webhook, translated into normalised events.

One POST may batch several entries (WhatsApp Business Accounts), each with
several changes, each with several messages and statuses: every element is
read, in order. An element that cannot be understood (a null where an object
belongs, a message without an id or a sender) is skipped with a log line and
its siblings are still returned. Message types this module does not know
become ``unsupported`` messages that keep the provider's type and errors.

Senders are identified by every id Meta gives: ``wa_id`` (and the E.164
phone it stands for), the business-scoped user id (``user_id`` /
``from_user_id``), and, only when neither is present, the username (which a
user can change, so it never links two people on its own).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
import re
from collections.abc import Callable, Iterator
from typing import Any

from atrium.plugins import ContactInfo, Identity, InboundMessage, StatusUpdate

log = logging.getLogger(__name__)

STATUSES = {"sent": "sent", "delivered": "delivered", "read": "read", "played": "read", "failed": "failed"}
REFERRAL_FIELDS = (
    "source_url",
    "source_id",
    "source_type",
    "headline",
    "body",
    "media_type",
    "image_url",
    "video_url",
    "thumbnail_url",
    "ctwa_clid",
)
NUMBER_CHANGES = ("user_changed_number", "customer_changed_number")
PHONE = re.compile(r"[0-9]{6,15}")

Content = tuple[str, str | None, dict[str, Any]]  # (type, text, content)


# ------------------------------------------------------------------ walking the batch


def phone_number_ids(payload: Any) -> list[str]:
    """The ``metadata.phone_number_id`` of every change in ``payload``, each once, in order."""
    found: list[str] = []
    for _, value in _changes(payload):
        number = _phone_number_id(value)
        if number and number not in found:
            found.append(number)
    return found


def parse_payload(payload: Any, phone_number_id: str | None = None) -> list[InboundMessage | StatusUpdate]:
    """Every message and status in ``payload``; with ``phone_number_id``, only that number's changes."""
    events: list[InboundMessage | StatusUpdate] = []
    for where, value in _changes(payload):
        number = _phone_number_id(value)
        if phone_number_id and number and number != phone_number_id:
            log.info("whatsapp change for another phone number skipped", extra={"where": where})
            continue
        contacts = [c for _, c in _objects(value.get("contacts"), f"{where}.contacts")]
        for i, message in _objects(value.get("messages"), f"{where}.messages"):
            _keep(events, _guarded(_message, message, contacts, where=f"{where}.messages[{i}]"))
        for i, status in _objects(value.get("statuses"), f"{where}.statuses"):
            _keep(events, _guarded(_status, status, where=f"{where}.statuses[{i}]"))
        for _, error in _objects(value.get("errors"), f"{where}.errors"):
            log.warning("whatsapp webhook reported an error", extra={"where": where, "error": _error(error)})
    return events


def _changes(payload: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    if not isinstance(payload, dict):
        log.warning("whatsapp webhook body is not a JSON object")
        return
    if payload.get("object") not in (None, "whatsapp_business_account"):
        log.info("whatsapp webhook for another object ignored", extra={"object": str(payload.get("object"))[:64]})
        return
    for e, entry in _objects(payload.get("entry"), "entry"):
        for c, change in _objects(entry.get("changes"), f"entry[{e}].changes"):
            where = f"entry[{e}].changes[{c}]"
            if change.get("field") not in (None, "messages"):
                log.info(
                    "whatsapp webhook field ignored", extra={"where": where, "field": str(change.get("field"))[:64]}
                )
                continue
            value = change.get("value")
            if not isinstance(value, dict):
                log.warning("whatsapp change without a value skipped", extra={"where": where})
                continue
            yield where, value


def _objects(items: Any, where: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(index, item)`` for each object in the list ``items``; anything else is logged and skipped."""
    if items is None:
        return
    if not isinstance(items, list):
        log.warning("whatsapp webhook: expected a list", extra={"where": where})
        return
    for i, item in enumerate(items):
        if isinstance(item, dict):
            yield i, item
        else:
            log.warning("whatsapp webhook: element is not an object, skipped", extra={"where": f"{where}[{i}]"})


def _guarded(parse: Callable[..., Any], *args: Any, where: str) -> Any:
    """``parse(*args)``, or ``None`` (logged with its traceback) if it fails: one odd element never sinks its batch."""
    try:
        return parse(*args)
    except Exception:
        log.exception("whatsapp webhook element could not be read, skipped", extra={"where": where})
        return None


def _keep(events: list, event: Any) -> None:
    if event is not None:
        events.append(event)


def _phone_number_id(value: dict[str, Any]) -> str | None:
    return _id(_obj(value.get("metadata")).get("phone_number_id"))


# ------------------------------------------------------------------ messages


def _message(message: dict[str, Any], contacts: list[dict[str, Any]]) -> InboundMessage | None:
    provider_id = _id(message.get("id"))
    if not provider_id:
        log.warning("whatsapp message without an id skipped")
        return None
    contact = _sender(message, contacts)
    if contact is None:
        log.warning("whatsapp message without a sender skipped", extra={"provider_message_id": provider_id})
        return None
    provider_type = _str(message.get("type")) or "unknown"
    read = CONTENT.get(provider_type, _unsupported)
    kind, text, content = read(message.get(provider_type), message)
    errors = _errors(message.get("errors"))
    if errors or kind == "unsupported":
        content["errors"] = errors
    context = _obj(message.get("context"))
    for flag in ("forwarded", "frequently_forwarded"):
        if context.get(flag) is True:
            content[flag] = True
    if isinstance(context.get("referred_product"), dict):
        content["referred_product"] = context["referred_product"]
    if _id(message.get("group_id")):
        content["group_id"] = _id(message.get("group_id"))
    return InboundMessage(
        provider_message_id=provider_id,
        contact=contact,
        type=kind,
        timestamp=_timestamp(message.get("timestamp")),
        text=text,
        content=content,
        reply_to=_id(context.get("id")),
        referral=_referral(message.get("referral")),
    )


def _sender(message: dict[str, Any], contacts: list[dict[str, Any]]) -> ContactInfo | None:
    """Who sent ``message``: its ``from``/``from_user_id`` completed by the matching ``contacts`` entry."""
    wa_id, bsuid = _id(message.get("from")), _id(message.get("from_user_id"))
    match: dict[str, Any] = {}
    for candidate in contacts:
        if (wa_id and _id(candidate.get("wa_id")) == wa_id) or (bsuid and _id(candidate.get("user_id")) == bsuid):
            match = candidate
            break
    else:
        if not wa_id and not bsuid and len(contacts) == 1:
            match = contacts[0]
    wa_id = wa_id or _id(match.get("wa_id"))
    bsuid = bsuid or _id(match.get("user_id"))
    profile = _obj(match.get("profile"))
    name, username = _str(profile.get("name")), _str(profile.get("username"))
    phone = f"+{wa_id}" if wa_id and PHONE.fullmatch(wa_id) else None
    identities = [
        Identity(kind, value) for kind, value in (("wa_id", wa_id), ("phone", phone), ("bsuid", bsuid)) if value
    ]
    if not identities and username:
        identities.append(Identity("username", username))
    if not identities:
        return None
    return ContactInfo(identities=tuple(identities), name=name or username, phone=phone)


def _text(raw: Any, message: dict[str, Any]) -> Content:
    return "text", _str(_obj(raw).get("body")), {}


def _media(kind: str) -> Callable[[Any, dict[str, Any]], Content]:
    def read(raw: Any, message: dict[str, Any]) -> Content:
        body = _obj(raw)
        content = {
            "media_id": _id(body.get("id")),
            "mime_type": _str(body.get("mime_type")),
            "sha256": _str(body.get("sha256")),
            "caption": _str(body.get("caption")),
            "filename": _str(body.get("filename")),
            "voice": body.get("voice") if isinstance(body.get("voice"), bool) else None,
            "animated": body.get("animated") if isinstance(body.get("animated"), bool) else None,
        }
        return kind, None, {k: v for k, v in content.items() if v is not None}

    return read


def _location(raw: Any, message: dict[str, Any]) -> Content:
    body = _obj(raw)
    content = {
        "latitude": _number(body.get("latitude")),
        "longitude": _number(body.get("longitude")),
        "name": _str(body.get("name")),
        "address": _str(body.get("address")),
        "url": _str(body.get("url")),
    }
    return "location", None, {k: v for k, v in content.items() if v is not None}


def _contacts(raw: Any, message: dict[str, Any]) -> Content:
    cards = [card for _, card in _objects(raw, "contacts")]
    return "contacts", None, {"contacts": cards}


def _interactive(raw: Any, message: dict[str, Any]) -> Content:
    body = _obj(raw)
    kind = _str(body.get("type")) or "unknown"
    reply = _obj(body.get(kind))
    if kind in ("button_reply", "list_reply"):
        title = _str(reply.get("title"))
        content = {
            "kind": kind,
            "reply_id": _id(reply.get("id")),
            "title": title,
            "description": _str(reply.get("description")),
        }
        return "interactive", title, {k: v for k, v in content.items() if v is not None}
    if kind == "nfm_reply":
        raw_json = _str(reply.get("response_json"))
        content = {
            "kind": kind,
            "name": _str(reply.get("name")),
            "body": _str(reply.get("body")),
            "response": _json(raw_json),
        }
        return "interactive", _str(reply.get("body")), {k: v for k, v in content.items() if v is not None}
    return "interactive", None, {"kind": kind, "data": reply}


def _button(raw: Any, message: dict[str, Any]) -> Content:
    body = _obj(raw)
    title = _str(body.get("text"))
    content = {"title": title, "payload": _str(body.get("payload"))}
    return "button", title, {k: v for k, v in content.items() if v is not None}


def _reaction(raw: Any, message: dict[str, Any]) -> Content:
    body = _obj(raw)
    emoji = _str(body.get("emoji")) or ""
    return "reaction", None, {"emoji": emoji, "message_id": _id(body.get("message_id")), "removed": not emoji}


def _system(raw: Any, message: dict[str, Any]) -> Content:
    body = _obj(raw)
    kind = _str(body.get("type"))
    new_wa_id = _id(body.get("new_wa_id")) or (_id(body.get("wa_id")) if kind in NUMBER_CHANGES else None)
    content = {
        "kind": kind,
        "body": _str(body.get("body")),
        "new_wa_id": new_wa_id,
        "new_user_id": _id(body.get("user_id")),
    }
    return "system", _str(body.get("body")), {k: v for k, v in content.items() if v is not None}


def _order(raw: Any, message: dict[str, Any]) -> Content:
    body = _obj(raw)
    return "unsupported", _str(body.get("text")), {"provider_type": "order", "order": body}


def _unsupported(raw: Any, message: dict[str, Any]) -> Content:
    declared = _str(_obj(message.get("unsupported")).get("type"))
    provider_type = declared or _str(message.get("type")) or "unknown"
    return "unsupported", None, {"provider_type": provider_type}


CONTENT: dict[str, Callable[[Any, dict[str, Any]], Content]] = {
    "text": _text,
    **{kind: _media(kind) for kind in ("image", "audio", "video", "document", "sticker")},
    "location": _location,
    "contacts": _contacts,
    "interactive": _interactive,
    "button": _button,
    "reaction": _reaction,
    "system": _system,
    "order": _order,
}


def _referral(raw: Any) -> dict[str, Any] | None:
    """Click-to-WhatsApp ad data of a first message, or ``None``."""
    body = _obj(raw)
    referral: dict[str, Any] = {k: body[k] for k in REFERRAL_FIELDS if isinstance(body.get(k), str)}
    welcome = _str(_obj(body.get("welcome_message")).get("text"))
    if welcome:
        referral["welcome_message"] = welcome
    return referral or None


# ------------------------------------------------------------------ statuses


def _status(status: dict[str, Any]) -> StatusUpdate | None:
    provider_id = _id(status.get("id"))
    state = STATUSES.get(_str(status.get("status")) or "")
    if not provider_id or not state:
        log.info("whatsapp status skipped", extra={"status": str(status.get("status"))[:32]})
        return None
    errors = _errors(status.get("errors"))
    return StatusUpdate(
        provider_message_id=provider_id,
        status=state,
        timestamp=_timestamp(status.get("timestamp")),
        error=errors[0] if state == "failed" and errors else None,
        our_message_id=_str(status.get("biz_opaque_callback_data")),
    )


def _errors(raw: Any) -> list[dict[str, Any]]:
    return [_error(error) for _, error in _objects(raw, "errors")]


def _error(error: dict[str, Any]) -> dict[str, Any]:
    """A Meta error object as ``{"code", "title", "message", "details", "href"}`` (absent keys left out)."""
    code = error.get("code")
    found = {
        "code": str(code) if isinstance(code, int | str) else None,
        "title": _str(error.get("title")),
        "message": _str(error.get("message")),
        "details": _str(_obj(error.get("error_data")).get("details")),
        "href": _str(error.get("href")),
    }
    return {k: v for k, v in found.items() if v is not None}


# ------------------------------------------------------------------ defensive readers


def _obj(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value != "" else None


def _id(value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return value.strip() or None
    return None


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        number = float(value)
    except (ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def _json(value: str | None) -> Any:
    if value is None:
        return None
    try:
        return json.loads(value, parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        return value


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _timestamp(value: Any) -> dt.datetime:
    """Meta's unix-seconds string as an aware datetime; now when it is missing or nonsense."""
    try:
        return dt.datetime.fromtimestamp(int(float(value)), dt.UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return dt.datetime.now(dt.UTC)
