"""The sandbox provider's delayed status reports."""

from __future__ import annotations

from atrium.plugins import actor, receive_inbound
from atrium_sandbox import wire


@actor(actor_name="sandbox.report_status", queue_name="sandbox", max_retries=5)
def report_status(channel_id: str, provider_message_id: str, our_message_id: str, state: str) -> None:
    """Report a status of a message the sandbox sent, as a webhook through the durable inbound path."""
    receive_inbound("sandbox", channel_id, wire.body(statuses=[wire.status(provider_message_id, our_message_id, state)]))
