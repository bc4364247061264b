"""Every hook a plugin can implement.

Names follow verb families (as in datasette): ``register_*`` hooks return
contributions that are collected from every plugin; ``on_*`` hooks are
notifications whose return value is ignored; ``resolve_*`` hooks
(``firstresult=True``) stop at the first non-``None`` answer; ``prepare_*``
hooks change the object they are given; ``*_wrapper`` hooks return a wrapped
version of the callable they are given. Hooks only ever gain arguments: an
implementation accepts just the arguments it needs.

Every call site goes through ``atrium.plugins.manager``, which calls each
implementation separately: one that raises is logged with its plugin's name
and skipped, and never fails the request, the job or the other plugins.
Tenant-scoped notifications reach only the plugins enabled for that tenant.
Each hook is documented in ``docs/plugin_hooks.md`` (a test keeps them in step).
"""

from __future__ import annotations

import pluggy

hookspec = pluggy.HookspecMarker("atrium")
hookimpl = pluggy.HookimplMarker("atrium")


# ---------------------------------------------------------------- registration


@hookspec
def register_blueprints(app):
    """Called once when the web app is built.

    Args:
        app: the ``flask.Flask`` application.

    Returns:
        A list of ``flask_smorest.Blueprint`` to mount on the API (their
        ``url_prefix`` is relative to ``/api/v1``; use ``/plugins/<id>/...``).
        They appear in the OpenAPI document. Views protected with
        ``atrium.plugins.auth_required`` answer 404 for tenants that have not
        enabled the plugin.
    """


@hookspec
def register_public_routes(app):
    """Called once when the web app is built.

    Args:
        app: the ``flask.Flask`` application.

    Returns:
        A list of plain ``flask.Blueprint`` served without a user token
        (webhooks under ``/webhooks/<id>/``, public pages). The plugin must
        authenticate these requests itself (signatures, per-channel keys).
    """


@hookspec
def register_settings_schema():
    """Called when the plugin catalogue is built.

    Returns:
        The JSON Schema (draft 2020-12, ``type: object``) of this plugin's
        per-tenant settings, or ``None`` when it has none. Properties with
        ``"writeOnly": true`` are secrets: encrypted at rest, never returned
        by the API (shown as ``"********"``), kept when a later update omits them.
    """


@hookspec
def register_migrations():
    """Called when tenant schemas are migrated.

    Returns:
        A list of directories holding this plugin's Alembic revisions for
        tenant schemas: one branch, whose first revision has
        ``down_revision = None`` and ``branch_labels = ("<plugin id>",)``.
        They are applied to every tenant schema by ``atrium migrate`` and at
        provisioning.
    """


@hookspec
def register_periodic_jobs():
    """Called when the scheduler starts.

    Returns:
        A list of ``atrium.plugins.PeriodicJob``: an actor and how often to
        enqueue it, either once per run or once per tenant that enabled the
        plugin (the job then runs bound to that tenant).
    """


@hookspec
def register_commands(cli):
    """Called when the ``atrium`` command line is built.

    Args:
        cli: the root ``click.Group``; add commands or groups to it.
    """


@hookspec
def register_channel_types():
    """Called when the channel registry is built (web app and workers).

    Returns:
        A list of ``atrium.plugins.ChannelAdapter`` instances, one per
        provider type this plugin connects (see ``docs/channels.md``). The
        core serves their webhooks, stores every event durably before the
        200, routes it to a tenant and stores its messages idempotently.
    """


@hookspec
def register_ai_tools():
    """Called by the AI agent while it prepares a reply, for the plugins the tenant enabled.

    Returns:
        A list of ``atrium.plugins.AITool``: functions the language model may
        call (a name, a description, a JSON Schema of the arguments and a
        handler taking an ``AIToolContext`` and the arguments). The calendar
        plugin contributes ``get_free_slots`` and ``book_meeting`` this way.
    """


# ---------------------------------------------------------------- notifications


@hookspec
def on_tenant_created(tenant, blueprint, session):
    """Called while a tenant is provisioned, in the provisioning transaction.

    Args:
        tenant: ``atrium.plugins.TenantRef`` of the new tenant.
        blueprint: the blueprint dict the tenant was created from (its
            ``plugins.<plugin id>`` table holds settings meant for a plugin).
        session: SQLAlchemy session bound to the new tenant schema. Each
            implementation runs in its own savepoint: if it raises, its
            writes are rolled back and provisioning goes on.
    """


@hookspec
def on_plugin_enabled(tenant, plugin_id):
    """Called after a tenant enabled plugin ``plugin_id`` (every plugin is told).

    Args:
        tenant: ``TenantRef`` of the tenant.
        plugin_id: id of the plugin that was enabled.
    """


@hookspec
def on_plugin_disabled(tenant, plugin_id):
    """Called after a tenant disabled plugin ``plugin_id`` (every plugin is told).

    Args:
        tenant: ``TenantRef`` of the tenant.
        plugin_id: id of the plugin that was disabled.
    """


@hookspec
def on_domain_event(tenant, event):
    """Called in a worker after a domain event was committed, for plugins the tenant enabled.

    Args:
        tenant: ``TenantRef`` of the tenant.
        event: ``{"id", "kind", "data", "created_at"}``; kinds include
            ``message.received``, ``message.sent``, ``message.status``,
            ``conversation.updated``, ``contact.created``, ``contact.updated``.
            Delivery is at least once: use ``event["id"]`` to de-duplicate.
    """
