"""Fan-out of committed domain events: the company's outbound webhooks, then plugins."""

from __future__ import annotations

from atrium.db.session import tenant_session
from atrium.inbox.models import DomainEvent
from atrium.outbound_webhooks.deliveries import record_for_event
from atrium.tenancy.context import current_tenant
from atrium.workers.actors import actor


@actor(queue_name="events", max_retries=5)
def dispatch_event(event_id: int) -> None:
    """Record (and enqueue) the event's webhook deliveries, then call ``on_domain_event`` on the tenant's plugins."""
    from atrium.plugins.manager import get_plugin_manager
    from atrium.plugins.service import enabled_plugin_ids

    tenant = current_tenant()
    with tenant_session(tenant.schema) as db:
        row = db.get(DomainEvent, event_id)
        if row is None:
            return
        record_for_event(db, row)
        event = {"id": row.id, "kind": row.kind, "data": row.data, "created_at": row.created_at.isoformat()}
    get_plugin_manager().call("on_domain_event", plugin_ids=enabled_plugin_ids(tenant.id), tenant=tenant, event=event)
