"""Run the Alembic streams without ``env.py``: public once, tenant per schema.

The tenant stream's script directory (core versions plus every plugin's
branch) is built once per process and reused for every schema; each schema
is upgraded to ``heads`` inside the caller's transaction, so provisioning
can create a schema, migrate it and seed it all or nothing.

Tenant migrations never name their schema (they run under ``search_path``),
so the upgrade from a given set of revisions can be rendered to SQL once,
in Alembic's offline mode, and replayed in every schema at those revisions
(``render_tenant_upgrade``, then ``upgrade_tenant(..., rendered=...)``). A
migration that reads data through ``op.get_bind()`` cannot be rendered;
schemas that need it are upgraded online, one by one.

Migrations run with the models' naming convention, so a constraint or index
created by ``op.create_table`` gets the same name as in the SQLAlchemy models.
"""

from __future__ import annotations

import importlib
import io
import logging
import os
import pkgutil
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from alembic.config import Config
from alembic.runtime.environment import EnvironmentContext
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, MetaData, text

from atrium.config import get_settings
from atrium.db.base import NAMING
from atrium.tenancy.names import check_schema_name

log = logging.getLogger(__name__)

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


def tenant_script(locations: tuple[str, ...] | None = None) -> ScriptDirectory:
    """The tenant stream (core and plugin branches), loaded once per process."""
    return _script("tenant", plugin_migration_locations() if locations is None else locations)[1]


def tenant_heads(locations: tuple[str, ...] | None = None) -> frozenset[str]:
    """The revisions a fully migrated tenant schema is at."""
    return frozenset(tenant_script(locations).get_heads())


class _ToHeads:
    """Alembic's ``fn`` for "upgrade to every head"; remembers how many revisions it planned."""

    def __init__(self, script: ScriptDirectory) -> None:
        self.script, self.planned = script, 0

    def __call__(self, rev, context):
        steps = self.script._upgrade_revs("heads", rev)
        self.planned = len(steps)
        return steps


def _upgrade(connection: Connection, stream: str, version_schema: str, locations: tuple[str, ...]) -> int:
    cfg, script = _script(stream, locations)
    fn = _ToHeads(script)
    with EnvironmentContext(cfg, script, fn=fn, destination_rev="heads") as env:
        env.configure(
            connection=connection,
            version_table_schema=version_schema,
            transactional_ddl=True,
            target_metadata=_NAMING_ONLY,
        )
        with env.begin_transaction():
            env.run_migrations()
    return fn.planned


@dataclass(frozen=True)
class RenderedUpgrade:
    """The SQL taking a tenant schema from ``start`` to the heads, and how many revisions it applies."""

    start: frozenset[str]
    sql: str
    revisions: int


@lru_cache(maxsize=32)
def render_tenant_upgrade(start: frozenset[str], locations: tuple[str, ...]) -> RenderedUpgrade | None:
    """Render the upgrade of a tenant schema at revisions ``start`` to SQL, once.

    Returns ``None`` when some migration on the way cannot be rendered
    offline (it needs a live connection, e.g. to read data).
    """
    cfg, script = _script("tenant", locations)
    buffer = io.StringIO()
    fn = _ToHeads(script)
    try:
        with EnvironmentContext(cfg, script, fn=fn, as_sql=True, starting_rev=sorted(start) or None, destination_rev="heads") as env:
            env.configure(
                dialect_name="postgresql+psycopg",
                output_buffer=buffer,
                transactional_ddl=False,
                literal_binds=True,
                target_metadata=_NAMING_ONLY,
            )
            env.run_migrations()
    except Exception as exc:
        log.info("tenant upgrade cannot be rendered to SQL; upgrading online", extra={"start": sorted(start), "error": repr(exc)})
        return None
    return RenderedUpgrade(start, buffer.getvalue(), fn.planned)


def upgrade_public(connection: Connection) -> int:
    """Upgrade the shared schema to its head; return the number of revisions applied.

    Concurrent callers (a migrate job and a starting pod) wait for each other.
    """
    connection.execute(text("SELECT pg_advisory_xact_lock(hashtext('atrium:migrate:public'))"))
    connection.exec_driver_sql("SET LOCAL search_path TO public")
    return _upgrade(connection, "public", "public", ())


def upgrade_tenant(
    connection: Connection,
    schema: str,
    locations: tuple[str, ...] | None = None,
    rendered: RenderedUpgrade | None = None,
) -> int:
    """Create ``schema`` if needed and upgrade it to every head (core and plugins).

    With ``rendered`` (from ``render_tenant_upgrade``) and the schema still at
    ``rendered.start``, replays its SQL; otherwise runs the migrations through
    Alembic. Runs in the caller's transaction, holding a lock on the schema's
    name so two migrators never upgrade the same schema at once; returns the
    number of revisions applied.
    """
    schema = check_schema_name(schema)
    connection.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": f"atrium:migrate:{schema}"})
    if rendered is not None and current_revisions(connection, schema) == rendered.start:
        connection.exec_driver_sql(f'CREATE SCHEMA IF NOT EXISTS "{schema}"; SET LOCAL search_path TO "{schema}", public;\n{rendered.sql}')
        return rendered.revisions
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


def schemaless_metadata(metadata: MetaData) -> MetaData:
    """A copy of ``metadata`` whose tables have no schema, to compare with the schema ``search_path`` selects."""
    copy = MetaData(naming_convention=metadata.naming_convention)
    for table in metadata.tables.values():
        table.to_metadata(copy, schema=None)
    return copy


def run_env_from_alembic_cli(stream: str) -> None:
    """Body of ``env.py`` for developers running ``alembic`` by hand (``revision --autogenerate``, ``check``).

    The session sees one schema only (``public``, or the tenant named by
    ``-x tenant=<slug>``), so autogenerate compares exactly that schema with
    the models. Upgrades go through ``atrium migrate``.
    """
    from alembic import context

    from atrium.db.base import PublicBase, TenantBase
    from atrium.db.session import get_engine
    from atrium.tenancy.names import schema_for_slug

    load_all_models()
    if stream == "public":
        schema, metadata = "public", schemaless_metadata(PublicBase.metadata)
    else:
        schema, metadata = schema_for_slug(context.get_x_argument(as_dictionary=True)["tenant"]), TenantBase.metadata
    with get_engine().begin() as connection:
        connection.exec_driver_sql(f'SET LOCAL search_path TO "{schema}"')
        context.configure(connection=connection, target_metadata=metadata)
        with context.begin_transaction():
            context.run_migrations()
