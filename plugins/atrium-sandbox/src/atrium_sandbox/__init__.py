"""Atrium plugin ``sandbox``: the ``sandbox`` channel type, a pretend provider needing no account.

Newcomers, demos and end-to-end tests use it to try the whole product: a
lead's message is injected (API or ``atrium sandbox inject``), the agent's
answers are "sent" and come back delivered and read. It imports nothing from
Atrium but the SDK, ``atrium.plugins``. See ``docs/channels.md``.
"""

from __future__ import annotations

from atrium.plugins import hookimpl
from atrium_sandbox.adapter import SandboxAdapter
from atrium_sandbox.jobs import report_status  # declares the actor

PLUGIN_ID = "sandbox"


@hookimpl
def register_channel_types():
    """The ``sandbox`` adapter."""
    return [SandboxAdapter()]


@hookimpl
def register_blueprints(app):
    """``/api/v1/plugins/sandbox/channels/<id>/inbound``."""
    from atrium_sandbox.api import blp

    return [blp]


@hookimpl
def register_commands(cli):
    """``atrium sandbox inject``."""
    from atrium_sandbox.cli import sandbox

    cli.add_command(sandbox)


__all__ = ["PLUGIN_ID", "SandboxAdapter", "report_status"]
