"""Durable inbound event store.

Revision ID: public_0002
Revises: public_0001
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "public_0002"
down_revision = "public_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "inbound_events",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("channel_type", sa.String(length=40), nullable=False),
        sa.Column("channel_id", sa.Uuid(), nullable=True),
        sa.Column("tenant_id", sa.Uuid(), nullable=True),
        sa.Column("dedupe_key", sa.String(length=64), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column(
            "received_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "next_attempt_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("processed_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbound_events")),
        sa.UniqueConstraint("dedupe_key", name=op.f("uq_inbound_events_dedupe_key")),
        schema="public",
    )
    op.create_index(
        "ix_inbound_events_due",
        "inbound_events",
        ["next_attempt_at"],
        unique=False,
        schema="public",
        postgresql_where=sa.text("status IN ('pending', 'failed')"),
    )
    op.create_index(
        "ix_inbound_events_status",
        "inbound_events",
        ["status", "received_at"],
        unique=False,
        schema="public",
    )


def downgrade() -> None:
    op.drop_table("inbound_events", schema="public")
