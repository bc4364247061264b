"""The customer-service window: free-form messages only shortly after the contact last wrote.

WhatsApp lets a business send free-form messages for 24 hours after the
contact's last message; after that, only approved templates. A channel type
declares its window with ``ChannelAdapter.customer_service_window_hours``
(``None``: no window).
"""

from __future__ import annotations

import datetime as dt

from atrium.channels.contract import ChannelAdapter
from atrium.errors import Invalid
from atrium.inbox.models import Conversation

FREE_FORM_ALWAYS = ("template",)


def window_expires_at(conversation: Conversation, adapter: ChannelAdapter | None) -> dt.datetime | None:
    """When the window closes (``None`` when the channel has none or the contact never wrote)."""
    hours = adapter.customer_service_window_hours if adapter else None
    if hours is None or conversation.last_inbound_at is None:
        return None
    return conversation.last_inbound_at + dt.timedelta(hours=hours)


def window_open(conversation: Conversation, adapter: ChannelAdapter | None, now: dt.datetime) -> bool:
    """Whether a free-form message may be sent now."""
    if adapter is None or adapter.customer_service_window_hours is None:
        return True
    closes = window_expires_at(conversation, adapter)
    return closes is not None and now < closes


def window_closed_reason(adapter: ChannelAdapter) -> str:
    """The explanation given when a free-form message is refused."""
    return (
        f"the {adapter.customer_service_window_hours}-hour customer service window is closed: the contact has not "
        "written within that time, so only an approved template can be sent (type 'template')"
    )


def may_send(conversation: Conversation, adapter: ChannelAdapter | None, message_type: str, now: dt.datetime) -> bool:
    """Whether a message of ``message_type`` may be sent now (templates always may)."""
    return message_type in FREE_FORM_ALWAYS or window_open(conversation, adapter, now)


def check_window(
    conversation: Conversation, adapter: ChannelAdapter | None, message_type: str, now: dt.datetime
) -> None:
    """422 ``window_closed`` on ``type`` when a message of ``message_type`` cannot be sent now."""
    if not may_send(conversation, adapter, message_type, now):
        raise Invalid(window_closed_reason(adapter), field="type", code="window_closed")
