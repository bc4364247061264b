"""Atrium plugin ``whatsapp-cloud``: the ``whatsapp_cloud`` channel type (WhatsApp Business Platform, Cloud API).

It imports nothing from Atrium but the SDK, ``atrium.plugins``. The core
serves the webhooks and stores every event; this plugin translates Meta's
payloads and calls the Graph API. See ``docs/whatsapp-cloud.md``.
"""

from __future__ import annotations

from atrium.plugins import hookimpl
from atrium_whatsapp_cloud.adapter import WhatsAppCloudAdapter

PLUGIN_ID = "whatsapp-cloud"


@hookimpl
def register_channel_types():
    """The ``whatsapp_cloud`` adapter."""
    return [WhatsAppCloudAdapter()]


__all__ = ["PLUGIN_ID", "WhatsAppCloudAdapter"]
