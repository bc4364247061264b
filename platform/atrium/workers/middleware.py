"""Carry the tenant from the code that enqueues a job to the worker that runs it."""

from __future__ import annotations

import threading

from dramatiq.middleware import Middleware

from atrium.tenancy.context import TenantRef, _current, current_tenant_or_none

OPTION = "atrium_tenant"


class TenantMiddleware(Middleware):
    """Stamps the bound tenant on each message; binds it again around processing.

    A message enqueued with no tenant runs with none, so it cannot reach any
    tenant table.
    """

    def __init__(self) -> None:
        self._tokens = threading.local()

    def before_enqueue(self, broker, message, delay):
        """Record the caller's tenant in the message options."""
        tenant = current_tenant_or_none()
        if tenant is not None and OPTION not in message.options:
            message.options[OPTION] = tenant.as_dict()

    def before_process_message(self, broker, message):
        """Bind the message's tenant (or none) for the duration of the job."""
        data = message.options.get(OPTION)
        self._tokens.token = _current.set(TenantRef.from_dict(data) if data else None)

    def after_process_message(self, broker, message, *, result=None, exception=None):
        """Unbind the tenant after the job, whatever happened."""
        token = getattr(self._tokens, "token", None)
        if token is not None:
            _current.reset(token)
            self._tokens.token = None

    after_skip_message = after_process_message
