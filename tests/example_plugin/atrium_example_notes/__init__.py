"""Example Atrium plugin: notes kept per company.

This module is the plugin: the ``atrium`` entry point ``example-notes`` names
it, and Atrium calls the ``@hookimpl`` functions below. It imports nothing
from Atrium but the SDK, ``atrium.plugins``.
"""

from __future__ import annotations

from pathlib import Path

from atrium.plugins import PeriodicJob, hookimpl

from atrium_example_notes.jobs import export_notes, purge_old_notes  # declares the actors

PLUGIN_ID = "example-notes"

SETTINGS_SCHEMA = {
    "type": "object",
    "properties": {
        "retention_days": {"type": "integer", "minimum": 1, "maximum": 3650, "description": "Delete notes older than this"},
        "export_url": {"type": "string", "pattern": "^https://", "description": "Where 'export' sends the notes"},
        "export_token": {"type": "string", "minLength": 8, "writeOnly": True, "description": "Bearer token for export_url"},
    },
    "additionalProperties": False,
}


@hookimpl
def register_settings_schema():
    """Per-company settings; ``export_token`` is a secret (``writeOnly``)."""
    return SETTINGS_SCHEMA


@hookimpl
def register_migrations():
    """This plugin's Alembic branch for tenant schemas."""
    return [Path(__file__).parent / "migrations" / "versions"]


@hookimpl
def register_blueprints(app):
    """The notes API under ``/api/v1/plugins/example-notes``."""
    from atrium_example_notes.api import blp

    return [blp]


@hookimpl
def register_periodic_jobs():
    """Purge old notes hourly, for each company that enabled the plugin."""
    return [PeriodicJob(purge_old_notes, every_seconds=3600, per_tenant=True)]


__all__ = ["PLUGIN_ID", "SETTINGS_SCHEMA", "export_notes", "purge_old_notes"]
