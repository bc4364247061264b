"""Shared bits of the WhatsApp Cloud tests: Meta's payloads (tests/fixtures/whatsapp) and a fake Graph API."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parent / "fixtures" / "whatsapp"
GRAPH = "https://graph.test"  # META_GRAPH_API_URL in these tests; respx answers for it
VERSION = "v23.0"
PHONE_NUMBER_ID = "106540352242922"
WABA_ID = "102290129340398"
APP_SECRET = "e3b0c44298fc1c149afbf4c8996fb924"
VERIFY_TOKEN = "atrium-verify-7f3a"
ACCESS_TOKEN = "EAAGm0PX4ZCpsBAtesttoken"

CONFIG = {
    "phone_number_id": PHONE_NUMBER_ID,
    "waba_id": WABA_ID,
    "access_token": ACCESS_TOKEN,
    "app_secret": APP_SECRET,
    "verify_token": VERIFY_TOKEN,
}


def raw(name: str) -> bytes:
    """The exact bytes of fixture ``name`` (Meta escapes non-ASCII as \\uXXXX)."""
    return (FIXTURES / name).read_bytes()


def payload(name: str) -> Any:
    """Fixture ``name`` parsed."""
    return json.loads(raw(name))


def graph_url(path: str) -> str:
    """The fake Graph API URL of ``path``."""
    return f"{GRAPH}/{VERSION}/{path}"
