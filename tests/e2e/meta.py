"""Meta's WhatsApp Cloud webhooks, as Meta signs and sends them, for the browser tests."""

from __future__ import annotations

import hashlib
import hmac
import json
import time


def _envelope(phone_number_id: str, value: dict) -> bytes:
    value = {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "5511999990000", "phone_number_id": phone_number_id},
        **value,
    }
    body = {
        "object": "whatsapp_business_account",
        "entry": [{"id": "102290129340398", "changes": [{"value": value, "field": "messages"}]}],
    }
    return json.dumps(body).encode()  # ASCII escapes, as Meta sends


def text_message(phone_number_id: str, wa_id: str, name: str, text: str, message_id: str) -> bytes:
    """A lead's text message to the number ``phone_number_id``."""
    return _envelope(
        phone_number_id,
        {
            "contacts": [{"profile": {"name": name}, "wa_id": wa_id}],
            "messages": [
                {
                    "from": wa_id,
                    "id": message_id,
                    "timestamp": str(int(time.time())),
                    "type": "text",
                    "text": {"body": text},
                }
            ],
        },
    )


def status(phone_number_id: str, wamid: str, state: str, recipient: str) -> bytes:
    """A delivery status (``sent``, ``delivered``, ``read``) of one of our messages."""
    return _envelope(
        phone_number_id,
        {"statuses": [{"id": wamid, "status": state, "timestamp": str(int(time.time())), "recipient_id": recipient}]},
    )


def signed(secret: str, raw: bytes) -> dict[str, str]:
    """Headers of ``raw`` signed as Meta does (``X-Hub-Signature-256``)."""
    signature = "sha256=" + hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()
    return {"X-Hub-Signature-256": signature, "Content-Type": "application/json"}
