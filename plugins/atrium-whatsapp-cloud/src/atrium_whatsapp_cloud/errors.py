"""Problems the API shows when Meta refuses a template listing or a media download."""

from __future__ import annotations

from atrium.plugins import Problem


class WhatsAppUnavailable(Problem):
    """The Graph API refused or failed a request made for an agent (templates, media)."""

    status, code, title = 502, "whatsapp_unavailable", "WhatsApp Cloud API error"


class MediaTooLarge(Problem):
    """A media file is larger than ``ATRIUM_WHATSAPP_MEDIA_MAX_BYTES``."""

    status, code, title = 413, "media_too_large", "Media file too large"
