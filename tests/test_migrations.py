"""Migrations: no drift from the models, and `atrium migrate` over many tenants (parallel, isolated failures, resumable)."""

import textwrap
import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from click.testing import CliRunner
from sqlalchemy import Column, MetaData, func, select, text

from atrium.auth.models import User
from atrium.cli import cli
from atrium.db.base import PublicBase, TenantBase
from atrium.db.session import get_engine, public_session
from atrium.migrate.fleet import migrate_tenants
from atrium.migrate.runner import (
    current_revisions,
    load_all_models,
    plugin_migration_locations,
    render_tenant_upgrade,
    schemaless_metadata,
    tenant_heads,
    upgrade_tenant,
)
from atrium.plugins import hookimpl
from atrium.plugins.manager import get_plugin_manager
from atrium.tenancy.models import Tenant
from atrium.tenancy.names import schema_for_slug
from atrium.tenancy.provisioning import Owner, drop_tenant, provision

PROBE_REVISION = "probe_0001"


def _owner() -> Owner:
    return Owner(email=f"mig-{uuid.uuid4().hex[:8]}@example.com", name="Owner")


def _new_tenant() -> str:
    slug = f"mig-{uuid.uuid4().hex[:10]}"
    provision(slug, "Migrations", _owner())
    return slug


def _diff(schema: str, metadata: MetaData) -> list:
    """What autogenerate would change in ``schema`` to match ``metadata``.

    ``public`` is compared as the default schema. A tenant schema is compared by
    name, with ``public`` on the search path so that extension types (pgvector's
    ``vector``) are recognised; the models' tables are placed in that schema.
    """
    if schema == "public":
        search_path, target, opts = "public", schemaless_metadata(metadata), {}
    else:
        search_path, target = f'"{schema}", public', MetaData(naming_convention=metadata.naming_convention)
        for table in metadata.tables.values():
            table.to_metadata(target, schema=schema)
        opts = {"include_schemas": True, "include_name": lambda name, kind, _: kind != "schema" or name == schema}
    with get_engine().connect() as conn:
        conn.exec_driver_sql(f"SET search_path TO {search_path}")
        context = MigrationContext.configure(conn, opts={"compare_type": True, **opts})
        changes = [change for change in compare_metadata(context, target) if "alembic_version" not in repr(change)]
    return _without_expression_index_noise(changes)


def _without_expression_index_noise(changes: list) -> list:
    """Drop remove+add pairs of the same expression index.

    PostgreSQL rewrites index expressions (casts, parentheses), so autogenerate
    cannot tell whether two spellings are equal; a missing or extra index is
    still reported.
    """

    def expression_index(change) -> str | None:
        if isinstance(change, tuple) and change[0] in ("add_index", "remove_index"):
            if any(not isinstance(element, Column) for element in change[1].expressions):
                return change[1].name
        return None

    added = {expression_index(c) for c in changes if c[0] == "add_index"} - {None}
    removed = {expression_index(c) for c in changes if c[0] == "remove_index"} - {None}
    return [c for c in changes if expression_index(c) not in added & removed]


def _catalog(schema: str) -> dict[str, list]:
    """Columns, constraints and indexes of ``schema``, with the schema's name taken out."""
    queries = {
        "columns": "SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns"
        " WHERE table_schema = :s ORDER BY 1, 2",
        "constraints": "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c"
        " JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = :s ORDER BY 2",
        "indexes": "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = :s ORDER BY 1",
    }
    with get_engine().connect() as conn:
        return {
            name: [tuple(str(v).replace(f"{schema}.", "") for v in row) for row in conn.execute(text(sql), {"s": schema})]
            for name, sql in queries.items()
        }


def test_migrated_schemas_match_the_models(atrium_stack):
    """Public, a tenant migrated by Alembic online and one migrated by replaying rendered SQL all match the models."""
    load_all_models()
    assert render_tenant_upgrade(frozenset(), plugin_migration_locations()) is not None  # the fast path is in use
    online, replayed = _new_tenant(), _new_tenant()
    with get_engine().begin() as conn:
        conn.exec_driver_sql(f'DROP SCHEMA "{schema_for_slug(online)}" CASCADE')
        conn.exec_driver_sql(f'DROP SCHEMA "{schema_for_slug(replayed)}" CASCADE')
        assert upgrade_tenant(conn, schema_for_slug(online)) > 0
    assert migrate_tenants([schema_for_slug(replayed)], workers=1, progress=False).upgraded == 1
    assert _diff("public", PublicBase.metadata) == []
    assert _diff(schema_for_slug(online), TenantBase.metadata) == []
    assert _diff(schema_for_slug(replayed), TenantBase.metadata) == []
    assert _catalog(schema_for_slug(replayed)) == _catalog(schema_for_slug(online))
    drop_tenant(online)
    drop_tenant(replayed)


PROBE_BODIES = {
    "creates": 'op.create_table("probe_items", sa.Column("id", sa.Integer(), primary_key=True))',
    "fails": 'op.execute("SELECT 1 / 0")',
    # a data migration: it needs a live connection, so the fleet cannot replay rendered SQL for it
    "reads": 'op.create_table("probe_items", sa.Column("id", sa.Integer(), primary_key=True))\n'
    '                    tags = op.get_bind().execute(sa.text("SELECT count(*) FROM tags")).scalar()\n'
    '                    op.get_bind().execute(sa.text("INSERT INTO probe_items VALUES (:n)"), {"n": tags})',
}


class ProbePlugin:
    """A plugin whose tenant branch does one of ``PROBE_BODIES``."""

    def __init__(self, directory, kind: str):
        directory.mkdir()
        body = PROBE_BODIES[kind]
        (directory / f"{PROBE_REVISION}.py").write_text(
            textwrap.dedent(
                f'''\
                """probe: a plugin's tenant branch."""
                import sqlalchemy as sa
                from alembic import op

                revision = "{PROBE_REVISION}"
                down_revision = None
                branch_labels = ("probe",)
                depends_on = None


                def upgrade():
                    {body}
                '''
            )
        )
        self.directory = directory

    @hookimpl
    def register_migrations(self):
        return [self.directory]


class Probe:
    """Installs probe plugins and remembers the tenants a test created, to clean both up."""

    def __init__(self, directory):
        self.directory, self.plugins, self.slugs = directory, [], []

    def new_tenants(self, count: int) -> list[str]:
        self.slugs += [_new_tenant() for _ in range(count)]
        return self.slugs

    def install(self, kind: str = "creates") -> None:
        plugin = ProbePlugin(self.directory / f"versions-{len(self.plugins)}", kind)
        get_plugin_manager().register(plugin, name=f"probe-{len(self.plugins)}")
        self.plugins.append(plugin)


@pytest.fixture()
def probe(atrium_stack, tmp_path):
    """Plugins shipping a tenant migration; at the end they are removed and the test's tenants dropped."""
    probe = Probe(tmp_path)
    yield probe
    for plugin in probe.plugins:
        get_plugin_manager().unregister(plugin)
    for slug in probe.slugs:
        drop_tenant(slug)


def _sabotage(slug: str) -> None:
    """Make the probe migration fail in this tenant: the table it creates already exists."""
    with get_engine().begin() as conn:
        conn.exec_driver_sql(f'CREATE TABLE "{schema_for_slug(slug)}".probe_items (id int)')


def _repair(slug: str) -> None:
    with get_engine().begin() as conn:
        conn.exec_driver_sql(f'DROP TABLE "{schema_for_slug(slug)}".probe_items')


def _revisions(slug: str) -> frozenset[str]:
    with get_engine().connect() as conn:
        return current_revisions(conn, schema_for_slug(slug))


def test_fleet_isolates_a_failing_tenant_and_resumes(probe):
    slugs = probe.new_tenants(4)
    schemas = [schema_for_slug(slug) for slug in slugs]
    assert migrate_tenants(schemas, workers=2, progress=False).unchanged == 4

    probe.install()
    _sabotage(slugs[1])
    report = migrate_tenants(schemas, workers=2, progress=False)
    assert (report.total, report.upgraded, report.unchanged) == (4, 3, 0)
    assert list(report.failed) == [schemas[1]]
    assert "probe_items" in report.failed[schemas[1]]
    assert PROBE_REVISION in _revisions(slugs[0]) and PROBE_REVISION not in _revisions(slugs[1])

    _repair(slugs[1])
    again = migrate_tenants(schemas, workers=2, progress=False)
    assert (again.upgraded, again.unchanged, again.failed) == (1, 3, {})
    assert all(_revisions(slug) == tenant_heads() for slug in slugs)


def test_an_empty_schema_is_migrated_from_the_start(probe):
    slugs = probe.new_tenants(1)
    schema = schema_for_slug(slugs[0])
    with get_engine().begin() as conn:
        conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
    report = migrate_tenants([schema], workers=1, progress=False)
    assert (report.upgraded, report.failed) == (1, {})
    assert _revisions(slugs[0]) == tenant_heads()


def test_a_data_migration_is_applied_online_in_each_schema(probe):
    slugs = probe.new_tenants(3)
    with get_engine().begin() as conn:
        conn.exec_driver_sql(f"DELETE FROM \"{schema_for_slug(slugs[1])}\".tags")
    start = tenant_heads()
    probe.install("reads")
    assert render_tenant_upgrade(start, plugin_migration_locations()) is None
    report = migrate_tenants([schema_for_slug(slug) for slug in slugs], workers=2, progress=False)
    assert (report.upgraded, report.failed) == (3, {})
    with get_engine().connect() as conn:
        counts = [conn.exec_driver_sql(f'SELECT id FROM "{schema_for_slug(slug)}".probe_items').scalar() for slug in slugs]
    assert counts[1] == 0 and counts[0] == counts[2] > 0


def test_atrium_migrate_reports_the_failure_exits_non_zero_and_resumes(probe):
    slugs = probe.new_tenants(3)
    probe.install()
    _sabotage(slugs[2])
    args = ["--no-embedded", "migrate", "--workers", "2", *[arg for slug in slugs for arg in ("--tenant", slug)]]

    failed = CliRunner().invoke(cli, args)
    assert failed.exit_code == 1, failed.output
    assert "tenants: 3 total, 2 upgraded, 0 already current, 1 failed" in failed.output
    assert f"FAILED {schema_for_slug(slugs[2])}" in failed.output
    assert "tenants: 100%" in failed.output  # the progress bar reached the end

    _repair(slugs[2])
    resumed = CliRunner().invoke(cli, args)
    assert resumed.exit_code == 0, resumed.output
    assert "tenants: 3 total, 1 upgraded, 2 already current, 0 failed" in resumed.output


def test_atrium_migrate_refuses_unknown_tenants(atrium_stack):
    result = CliRunner().invoke(cli, ["--no-embedded", "migrate", "--tenant", "no-such-company"])
    assert result.exit_code == 2
    assert "no such tenant: no-such-company" in result.output


def test_provisioning_rolls_back_everything_when_a_migration_fails(probe):
    probe.install("fails")
    slug, owner = f"mig-{uuid.uuid4().hex[:10]}", _owner()
    with pytest.raises(Exception, match="division by zero"):
        provision(slug, "Doomed", owner)
    with public_session() as db:
        assert db.scalar(select(func.count()).select_from(Tenant).where(Tenant.slug == slug)) == 0
        assert db.scalar(select(func.count()).select_from(User).where(User.email == owner.email)) == 0
        assert db.scalar(text("SELECT count(*) FROM pg_namespace WHERE nspname = :s"), {"s": schema_for_slug(slug)}) == 0
