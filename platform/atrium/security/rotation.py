"""``atrium secrets rotate``: re-encrypt every stored secret with the primary key.

The secrets live in tenant tables, in columns their models mark
``info=ENCRYPTED`` (the core's and the installed plugins' alike). Each tenant
schema is rotated in one transaction; a tenant that fails (a value no
configured key decrypts) is reported and does not stop the others.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import Column, select, text, update
from tqdm import tqdm

from atrium.db.base import TenantBase
from atrium.db.session import tenant_session
from atrium.security.crypto import check_keys, rotate


@dataclass
class RotationReport:
    """What a rotation did."""

    tenants: int = 0
    secrets: int = 0
    failed: dict[str, str] = field(default_factory=dict)


def encrypted_columns() -> list[Column]:
    """Every tenant-table column marked ``ENCRYPTED`` by the core's and the installed plugins' models."""
    from atrium.migrate.runner import load_all_models
    from atrium.plugins.manager import get_plugin_manager

    load_all_models()
    get_plugin_manager()  # importing the plugins imports their models
    return [c for table in TenantBase.metadata.sorted_tables for c in table.columns if c.info.get("encrypted")]


def rotate_schema(schema: str, columns: Iterable[Column]) -> int:
    """Re-encrypt ``columns`` in tenant ``schema`` in one transaction; return how many values were."""
    count = 0
    with tenant_session(schema) as db:
        for column in columns:
            table = column.table
            if db.scalar(text("SELECT to_regclass(:name)"), {"name": f'"{schema}"."{table.name}"'}) is None:
                continue  # a plugin's table this schema has not been migrated to yet
            keys = list(table.primary_key.columns)
            rows = db.execute(select(*keys, column).where(column.is_not(None)).with_for_update()).all()
            for row in rows:
                match = [key == row[i] for i, key in enumerate(keys)]
                db.execute(update(table).where(*match).values({column.name: rotate(row[-1])}))
            count += len(rows)
    return count


def rotate_tenants(schemas: list[str], progress: bool = True) -> RotationReport:
    """Re-encrypt every stored secret of ``schemas`` with the primary key, with a progress bar.

    Raises ``SecretKeyError`` before touching anything when the keys are unusable.
    """
    check_keys()
    columns = encrypted_columns()
    report = RotationReport()
    for schema in tqdm(schemas, unit="tenant", desc="secrets", disable=not progress):
        try:
            report.secrets += rotate_schema(schema, columns)
            report.tenants += 1
        except Exception as exc:  # reported per tenant; the others go on
            report.failed[schema] = f"{type(exc).__name__}: {exc}".splitlines()[0][:500]
    return report
