"""Run the Alembic streams without ``env.py``: public once, tenant per schema.

The tenant stream's script directory (core versions plus every plugin's
branch) is built once per process and reused for every schema; each schema
is upgraded to ``heads`` inside the caller's transaction, so provisioning
can create a schema, migrate it and seed it all or nothing.

Migrations run with the models' naming convention, so a constraint or index
created by ``op.create_table`` gets the same name as in the SQLAlchemy models.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
from collections.abc import Sequence
from functools import lru_cache

from alembic.config import Config
from alembic.runtime.environment import EnvironmentContext
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, MetaData, text

from atrium.config import get_settings
from atrium.db.base import NAMING
from atrium.tenancy.names import check_schema_name

_NAMING_ONLY = MetaData(naming_convention=NAMING)


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
    script = ScriptDirectory.from_config(cfg)
    script.get_heads()  # import every revision now, once (and before a fork)
    return cfg, script


def plugin_migration_locations() -> tuple[str, ...]:
    """Version directories of every installed plugin's tenant branch."""
    from atrium.plugins.manager import get_plugin_manager

    locations: list[str] = []
    for contributed in get_plugin_manager().call("register_migrations"):
        locations.extend(str(path) for path in contributed or ())
    return tuple(sorted(set(locations)))


def tenant_heads(locations: tuple[str, ...] | None = None) -> frozenset[str]:
    """The revisions a fully migrated tenant schema is at."""
    _, script = _script("tenant", plugin_migration_locations() if locations is None else locations)
    return frozenset(script.get_heads())


def _upgrade(connection: Connection, stream: str, version_schema: str, locations: tuple[str, ...]) -> int:
    cfg, script = _script(stream, locations)
    applied = 0

    def fn(rev, context):
        nonlocal applied
        steps = script._upgrade_revs("heads", rev)
        applied = len(steps)
        return steps

    with EnvironmentContext(cfg, script, fn=fn, destination_rev="heads") as env:
        env.configure(
            connection=connection,
            version_table_schema=version_schema,
            transactional_ddl=True,
            target_metadata=_NAMING_ONLY,
        )
        with env.begin_transaction():
            env.run_migrations()
    return applied


def upgrade_public(connection: Connection) -> int:
    """Upgrade the shared schema to its head; return the number of revisions applied.

    Concurrent callers (a migrate job and a starting pod) wait for each other.
    """
    connection.execute(text("SELECT pg_advisory_xact_lock(hashtext('atrium:migrate:public'))"))
    connection.exec_driver_sql("SET LOCAL search_path TO public")
    return _upgrade(connection, "public", "public", ())


def upgrade_tenant(connection: Connection, schema: str, locations: tuple[str, ...] | None = None) -> int:
    """Create ``schema`` if needed and upgrade it to every head (core and plugins).

    Runs in the caller's transaction, holding a lock on the schema's name so
    two migrators never upgrade the same schema at once; returns the number
    of revisions applied.
    """
    schema = check_schema_name(schema)
    connection.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": f"atrium:migrate:{schema}"})
    connection.exec_driver_sql(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
    connection.exec_driver_sql(f'SET LOCAL search_path TO "{schema}", public')
    return _upgrade(connection, "tenant", schema, plugin_migration_locations() if locations is None else locations)


def current_revisions(connection: Connection, schema: str) -> frozenset[str]:
    """The revisions ``schema`` is at (empty when never migrated)."""
    return schema_revisions(connection, [schema]).get(schema, frozenset())


def schema_revisions(connection: Connection, schemas: Sequence[str], batch: int = 500) -> dict[str, frozenset[str]]:
    """The revisions of each of ``schemas``, read in a few queries.

    Schemas without a version table (not created, or never migrated) are absent.
    """
    found = connection.execute(
        text(
            "SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relname = 'alembic_version' AND c.relkind = 'r' AND n.nspname = ANY(:schemas)"
        ),
        {"schemas": list(schemas)},
    ).scalars()
    versioned = sorted(check_schema_name(name) for name in found)
    revisions: dict[str, set[str]] = {}
    for start in range(0, len(versioned), batch):
        union = " UNION ALL ".join(
            f"SELECT '{name}', version_num FROM \"{name}\".alembic_version" for name in versioned[start : start + batch]
        )
        for name, revision in connection.exec_driver_sql(union):
            revisions.setdefault(name, set()).add(revision)
    return {name: frozenset(revisions.get(name, ())) for name in versioned}


def load_all_models() -> None:
    """Import every ``atrium.*.models`` module, so the declarative metadata is complete."""
    import atrium

    for module in pkgutil.walk_packages(atrium.__path__, "atrium."):
        if module.name.rsplit(".", 1)[-1] == "models":
            importlib.import_module(module.name)


def run_env_from_alembic_cli(stream: str) -> None:
    """Body of ``env.py`` for developers running ``alembic`` by hand (e.g. ``alembic revision --autogenerate``).

    The tenant stream needs ``-x tenant=<slug>`` naming a migrated tenant to compare against.
    """
    from alembic import context

    from atrium.db.base import PublicBase, TenantBase
    from atrium.db.session import get_engine
    from atrium.tenancy.names import schema_for_slug

    load_all_models()
    with get_engine().begin() as connection:
        if stream == "public":
            schema, metadata = "public", PublicBase.metadata
            connection.exec_driver_sql("SET LOCAL search_path TO public")
        else:
            schema, metadata = schema_for_slug(context.get_x_argument(as_dictionary=True)["tenant"]), TenantBase.metadata
            connection.exec_driver_sql(f'SET LOCAL search_path TO "{schema}", public')
        context.configure(connection=connection, version_table_schema=schema, target_metadata=metadata)
        with context.begin_transaction():
            context.run_migrations()
