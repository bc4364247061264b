"""What a channel plugin gives the core, and the normalised events it produces.

A channel plugin returns ``ChannelAdapter`` instances from the
``register_channel_types`` hook. The core owns everything around them: the
webhook routes, the durable event store, routing to a tenant, idempotent
storage, retries and realtime. An adapter only translates between one
provider's wire format and these types.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

# ------------------------------------------------------------------ normalised inbound events

IDENTITY_KINDS = ("phone", "wa_id", "bsuid", "username", "lid", "jid", "ig_sid", "fb_psid", "sandbox")
MESSAGE_TYPES = (
    "text", "image", "audio", "video", "document", "sticker", "location", "contacts",
    "interactive", "button", "template", "reaction", "system", "unsupported",
)
STATUSES = ("queued", "sending", "sent", "delivered", "read", "failed")


@dataclass(frozen=True)
class Identity:
    """One way a provider identifies a person: ``kind`` from ``IDENTITY_KINDS`` and its value."""

    kind: str
    value: str


@dataclass(frozen=True)
class ContactInfo:
    """Who sent a message, as the provider describes them."""

    identities: tuple[Identity, ...]
    name: str | None = None
    phone: str | None = None  # E.164 with '+', when the provider gives one


@dataclass(frozen=True)
class InboundMessage:
    """A message from a contact. ``content`` carries the type-specific fields:
    media ``{"media_id", "mime_type", "sha256", "caption", "filename"}``, location
    ``{"latitude", "longitude", "name", "address"}``, reaction ``{"emoji", "message_id"}``,
    interactive/button ``{"reply_id", "title", "payload"}``, contacts ``{"contacts": [...]}``,
    system ``{"kind", "body", "new_wa_id"}``, unsupported ``{"provider_type", "errors"}``."""

    provider_message_id: str
    contact: ContactInfo
    type: str
    timestamp: dt.datetime
    text: str | None = None
    content: dict[str, Any] = field(default_factory=dict)
    reply_to: str | None = None  # provider id of the message this one answers
    referral: dict[str, Any] | None = None  # Click-to-WhatsApp ad data (source_id, source_url, headline, ctwa_clid...)


@dataclass(frozen=True)
class StatusUpdate:
    """Delivery news about a message we sent."""

    provider_message_id: str
    status: str  # sent, delivered, read, failed
    timestamp: dt.datetime
    error: dict[str, Any] | None = None  # {"code", "title", "message"}
    our_message_id: str | None = None  # echoed back when the provider supports it


NormalisedEvent = InboundMessage | StatusUpdate


# ------------------------------------------------------------------ outbound


@dataclass(frozen=True)
class MediaRule:
    """Files a channel can send as one message type: accepted MIME types and the largest size."""

    mime_types: frozenset[str]
    max_bytes: int


MB = 1024 * 1024
# WhatsApp Cloud API's documented media types and limits (stickers left out): what Atrium stores
# as uploads, and what most channels accept. A channel type may declare stricter rules.
STANDARD_MEDIA_RULES: Mapping[str, MediaRule] = {
    "image": MediaRule(frozenset({"image/jpeg", "image/png"}), 5 * MB),
    "video": MediaRule(frozenset({"video/mp4", "video/3gpp"}), 16 * MB),
    "audio": MediaRule(frozenset({"audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg"}), 16 * MB),
    "document": MediaRule(
        frozenset(
            {
                "application/pdf",
                "text/plain",
                "application/msword",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "application/vnd.ms-excel",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "application/vnd.ms-powerpoint",
                "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            }
        ),
        100 * MB,
    ),
}


@dataclass(frozen=True)
class OutboundFile:
    """A file an agent uploaded to Atrium for a media message. ``read()`` returns its bytes
    (at most the channel's ``MediaRule.max_bytes``), loaded from Atrium's store when called."""

    id: str  # the upload's id (``content.upload_id``)
    filename: str
    mime_type: str
    size: int
    sha256: str  # hex
    read: Callable[[], bytes] = field(repr=False, compare=False)


@dataclass(frozen=True)
class OutboundMessage:
    """A message the core asks an adapter to send. ``to`` holds every identity of the
    contact, newest first (the adapter picks the kind it needs; after a number change the
    new number comes first). ``content`` by type: media
    ``{"url" or "media_id" or "upload_id", "caption", "filename", "mime_type"}``, template
    ``{"name", "language", "variables"}`` (``{"body.1": "Maria", ...}``, the names
    ``Template.variables`` lists) and optionally the provider's raw ``components``,
    reaction ``{"emoji", "message_id"}``.
    ``reply_to`` is the provider id of the message answered. ``file`` is set for a media
    message made from an upload (``content.upload_id``): the adapter sends its bytes (e.g.
    uploads them to the provider first); only types listed in the adapter's
    ``upload_rules`` get one."""

    id: str  # our message id; also the idempotency key
    to: tuple[Identity, ...]
    type: str  # text, image, audio, video, document, template, reaction
    text: str | None = None
    content: dict[str, Any] = field(default_factory=dict)
    reply_to: str | None = None
    file: OutboundFile | None = None


@dataclass(frozen=True)
class SendResult:
    """What the provider said when it accepted a message."""

    provider_message_id: str
    status: str = "sent"


class SendError(Exception):
    """A send the provider refused. ``retryable`` for 429/5xx/timeouts, with an optional delay."""

    def __init__(self, message: str, *, code: str | None = None, retryable: bool = False, retry_after: float | None = None):
        super().__init__(message)
        self.code = code
        self.retryable = retryable
        self.retry_after = retry_after


@dataclass(frozen=True)
class Template:
    """An approved message template and its variables."""

    name: str
    language: str
    category: str
    status: str
    components: list[dict[str, Any]]
    variables: list[str]


# ------------------------------------------------------------------ the adapter


@dataclass(frozen=True)
class ChannelContext:
    """A configured channel handed to an adapter: its id and decrypted configuration."""

    id: str
    tenant_id: str
    config: dict[str, Any]


class ChannelAdapter(ABC):
    """One provider. Subclasses set ``type`` and implement the abstract methods.

    ``config_schema`` is the JSON Schema of a channel's configuration
    (``writeOnly`` properties are secrets: encrypted, never returned).
    ``global_webhook`` names a platform-wide webhook path (``/webhooks/<name>``)
    for events routed by ``routing_keys``; per-channel webhooks live at
    ``/webhooks/<type>/<channel id>``. ``customer_service_window_hours`` (e.g. 24
    for WhatsApp) makes the core refuse free-form messages, templates excepted,
    when the contact's last message is older than that; ``None`` means no window.
    ``upload_rules`` lists the media types the channel can send from an uploaded file
    (``OutboundMessage.file``), with their MIME types and size limits; the core refuses
    other uploads with 422 before queueing. Empty (the default): uploads are refused.
    """

    type: ClassVar[str]
    title: ClassVar[str] = ""
    config_schema: ClassVar[dict[str, Any]] = {"type": "object"}
    global_webhook: ClassVar[str | None] = None
    customer_service_window_hours: ClassVar[int | None] = None  # free-form replies only this long after the contact's last message
    upload_rules: ClassVar[Mapping[str, MediaRule]] = {}  # e.g. STANDARD_MEDIA_RULES

    def routing_keys(self, config: dict[str, Any]) -> list[tuple[str, str]]:
        """``(kind, key)`` pairs that route global-webhook events to a channel with ``config``."""
        return []

    def verify_handshake(self, channel: ChannelContext | None, args: dict[str, str]) -> str | None:
        """Answer a provider's GET verification (e.g. Meta's ``hub.challenge``); ``None`` refuses it."""
        return None

    @abstractmethod
    def authenticate(self, channel: ChannelContext | None, headers: dict[str, str], body: bytes) -> bool:
        """Whether a webhook POST is genuine (signature over the exact ``body``, compared in constant
        time); ``channel`` is ``None`` on the global webhook. ``headers`` is a case-insensitive mapping."""

    def route(self, payload: Any) -> list[tuple[str, str]]:
        """Routing keys found in a global-webhook ``payload``, in order. The event goes to every
        channel that registered one of them (one event per channel); with none known it is kept
        as ``unroutable``."""
        return []

    @abstractmethod
    def parse(self, channel: ChannelContext, payload: Any) -> list[NormalisedEvent]:
        """Every event in ``payload`` that belongs to ``channel``, in order (a global payload may
        concern several channels). Unknown types become ``unsupported`` messages; never drop a
        sibling because one element is odd."""

    @abstractmethod
    def send(self, channel: ChannelContext, message: OutboundMessage) -> SendResult:
        """Send ``message``; raise ``SendError`` (``retryable`` for 429/5xx) when refused."""

    def list_templates(self, channel: ChannelContext) -> list[Template]:
        """Approved templates of this channel (empty when the provider has none)."""
        return []

    def fetch_media(self, channel: ChannelContext, media_id: str):
        """Return ``(content_type, size or None, iterator of bytes)`` for an inbound media id."""
        raise NotImplementedError(f"{self.type} does not serve media")

    def mark_read(self, channel: ChannelContext, provider_message_id: str) -> None:
        """Tell the provider the contact's message was read (optional)."""
