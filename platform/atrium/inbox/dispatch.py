"""Fan-out of committed domain events: the company's outbound webhooks, then plugins."""

from __future__ import annotations

from sqlalchemy import select

from atrium.db.session import tenant_session
from atrium.inbox.models import DomainEvent
from atrium.outbound_webhooks.deliveries import record_for_event
from atrium.tenancy.context import current_tenant
from atrium.workers.actors import actor


@actor(queue_name="events", max_retries=5)
def dispatch_events(event_ids: list[int]) -> None:
    """Record (and enqueue) the webhook deliveries of events committed together, then call each
    tenant plugin's ``on_domain_event`` with each of them, in order."""
    from atrium.plugins.manager import get_plugin_manager
    from atrium.plugins.service import enabled_plugin_ids

    tenant = current_tenant()
    with tenant_session(tenant.schema) as db:
        rows = db.scalars(select(DomainEvent).where(DomainEvent.id.in_(event_ids)).order_by(DomainEvent.id)).all()
        for row in rows:
            record_for_event(db, row)
        events = [{"id": r.id, "kind": r.kind, "data": r.data, "created_at": r.created_at.isoformat()} for r in rows]
    if not events:
        return
    plugin_ids = enabled_plugin_ids(tenant.id)
    for event in events:
        get_plugin_manager().call("on_domain_event", plugin_ids=plugin_ids, tenant=tenant, event=event)
