"""Shared schema: tenants, identities, tokens, routing keys, plugin catalogue.

Revision ID: public_0001
Revises:
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "public_0001"
down_revision = None
branch_labels = None
depends_on = None

TS = dict(server_default=sa.func.now(), nullable=False)


def _stamps():
    return [
        sa.Column("created_at", sa.DateTime(timezone=True), **TS),
        sa.Column("updated_at", sa.DateTime(timezone=True), **TS),
    ]


def upgrade() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS vector")
    op.create_table(
        "tenants",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("slug", sa.String(40), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("schema_name", sa.String(63), nullable=False, unique=True),
        sa.Column("blueprint", sa.String(60)),
        sa.Column("locale", sa.String(10), nullable=False),
        sa.Column("timezone", sa.String(60), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        *_stamps(),
        schema="public",
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("password_hash", sa.String(255)),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        *_stamps(),
        schema="public",
    )
    op.create_index("uq_users_email_lower", "users", [sa.text("lower(email)")], unique=True, schema="public")
    op.create_table(
        "memberships",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("user_id", sa.Uuid(), sa.ForeignKey("public.users.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("tenant_id", sa.Uuid(), sa.ForeignKey("public.tenants.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        *_stamps(),
        sa.UniqueConstraint("user_id", "tenant_id"),
        schema="public",
    )
    op.create_table(
        "refresh_tokens",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("family_id", sa.Uuid(), nullable=False, index=True),
        sa.Column("user_id", sa.Uuid(), sa.ForeignKey("public.users.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("tenant_id", sa.Uuid(), sa.ForeignKey("public.tenants.id", ondelete="CASCADE"), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(timezone=True), **TS),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True)),
        sa.Column("revoked_at", sa.DateTime(timezone=True)),
        schema="public",
    )
    op.create_table(
        "routing_keys",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), sa.ForeignKey("public.tenants.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("target_id", sa.Uuid()),
        *_stamps(),
        sa.UniqueConstraint("kind", "key"),
        schema="public",
    )
    op.create_table(
        "plugins",
        sa.Column("id", sa.String(60), primary_key=True),
        sa.Column("version", sa.String(40), nullable=False),
        sa.Column("distribution", sa.String(200)),
        sa.Column("seen_at", sa.DateTime(timezone=True), **TS),
        schema="public",
    )
    op.create_table(
        "tenant_plugins",
        sa.Column("tenant_id", sa.Uuid(), sa.ForeignKey("public.tenants.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("plugin_id", sa.String(60), primary_key=True, index=True),
        sa.Column("enabled_at", sa.DateTime(timezone=True), **TS),
        schema="public",
    )


def downgrade() -> None:
    for table in ("tenant_plugins", "plugins", "routing_keys", "refresh_tokens", "memberships", "users", "tenants"):
        op.drop_table(table, schema="public")
