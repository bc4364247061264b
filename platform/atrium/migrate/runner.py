"""Run the Alembic streams without ``env.py``: public once, tenant per schema.

The tenant stream's script directory (core versions plus every plugin's
branch) is built once per process and reused for every schema; each schema
is upgraded to ``heads`` inside the caller's transaction, so provisioning
can create a schema, migrate it and seed it all or nothing.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache

from alembic.config import Config
from alembic.runtime.environment import EnvironmentContext
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

from atrium.config import get_settings
from atrium.tenancy.names import check_schema_name


def _config(stream: str, extra_locations: Sequence[str] = ()) -> Config:
    base = get_settings().migrations_dir / stream
    cfg = Config()
    cfg.set_main_option("script_location", str(base))
    cfg.set_main_option("path_separator", "os")
    cfg.set_main_option("version_locations", os.pathsep.join([str(base / "versions"), *extra_locations]))
    return cfg


@lru_cache(maxsize=8)
def _script(stream: str, extra_locations: tuple[str, ...] = ()) -> tuple[Config, ScriptDirectory]:
    cfg = _config(stream, extra_locations)
    return cfg, ScriptDirectory.from_config(cfg)


def plugin_migration_locations() -> tuple[str, ...]:
    """Version directories of every installed plugin's tenant branch."""
    from atrium.plugins.manager import get_plugin_manager

    locations: list[str] = []
    for contributed in get_plugin_manager().hook.register_migrations():
        locations.extend(str(path) for path in contributed or ())
    return tuple(sorted(set(locations)))


def tenant_heads() -> tuple[str, ...]:
    """The revisions a fully migrated tenant schema is at."""
    _, script = _script("tenant", plugin_migration_locations())
    return tuple(sorted(script.get_heads()))


def _upgrade(connection: Connection, stream: str, version_schema: str, locations: tuple[str, ...]) -> int:
    cfg, script = _script(stream, locations)
    applied = 0

    def fn(rev, context):
        nonlocal applied
        steps = script._upgrade_revs("heads", rev)
        applied = len(steps)
        return steps

    with EnvironmentContext(cfg, script, fn=fn, destination_rev="heads") as env:
        env.configure(connection=connection, version_table_schema=version_schema, transactional_ddl=True)
        with env.begin_transaction():
            env.run_migrations()
    return applied


def upgrade_public(connection: Connection) -> int:
    """Upgrade the shared schema to its head; return the number of revisions applied."""
    connection.exec_driver_sql("SET LOCAL search_path TO public")
    return _upgrade(connection, "public", "public", ())


def upgrade_tenant(connection: Connection, schema: str, locations: tuple[str, ...] | None = None) -> int:
    """Create ``schema`` if needed and upgrade it to every head (core and plugins).

    Runs in the caller's transaction; returns the number of revisions applied.
    """
    schema = check_schema_name(schema)
    connection.exec_driver_sql(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
    connection.exec_driver_sql(f'SET LOCAL search_path TO "{schema}", public')
    return _upgrade(connection, "tenant", schema, plugin_migration_locations() if locations is None else locations)


def current_revisions(connection: Connection, schema: str) -> tuple[str, ...]:
    """The revisions ``schema`` is at (empty when never migrated)."""
    context = MigrationContext.configure(connection, opts={"version_table_schema": check_schema_name(schema)})
    return tuple(sorted(context.get_current_heads()))


def run_env_from_alembic_cli(stream: str) -> None:
    """Body of ``env.py`` for developers running ``alembic`` by hand (e.g. ``alembic revision``)."""
    from alembic import context

    from atrium.db.session import get_engine
    from atrium.tenancy.names import schema_for_slug

    with get_engine().begin() as connection:
        if stream == "public":
            schema = "public"
            connection.exec_driver_sql("SET LOCAL search_path TO public")
        else:
            schema = schema_for_slug(context.get_x_argument(as_dictionary=True)["tenant"])
            connection.exec_driver_sql(f'SET LOCAL search_path TO "{schema}", public')
        context.configure(connection=connection, version_table_schema=schema)
        with context.begin_transaction():
            context.run_migrations()
