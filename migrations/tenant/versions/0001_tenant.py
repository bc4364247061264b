"""Tenant schema: configuration, plugin settings, tags, pipeline stages.

Revision ID: tenant_0001
Revises:
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "tenant_0001"
down_revision = None
branch_labels = ("core",)
depends_on = None

TS = dict(server_default=sa.func.now(), nullable=False)


def upgrade() -> None:
    op.create_table(
        "tenant_config",
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("value", JSONB(), nullable=False),
    )
    op.create_table(
        "plugin_settings",
        sa.Column("plugin_id", sa.String(60), primary_key=True),
        sa.Column("settings", JSONB(), nullable=False),
        sa.Column("secrets", sa.Text()),
        sa.Column("updated_at", sa.DateTime(timezone=True), **TS),
    )
    op.create_table(
        "tags",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("name", sa.String(60), nullable=False, unique=True),
        sa.Column("color", sa.String(7), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), **TS),
        sa.Column("updated_at", sa.DateTime(timezone=True), **TS),
    )
    op.create_table(
        "pipeline_stages",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("key", sa.String(60), nullable=False, unique=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("color", sa.String(7), nullable=False),
        sa.Column("outcome", sa.String(10)),
        sa.Column("created_at", sa.DateTime(timezone=True), **TS),
        sa.Column("updated_at", sa.DateTime(timezone=True), **TS),
    )


def downgrade() -> None:
    for table in ("pipeline_stages", "tags", "plugin_settings", "tenant_config"):
        op.drop_table(table)
