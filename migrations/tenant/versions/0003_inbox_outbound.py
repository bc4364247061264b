"""Inbox: outbound send bookkeeping, contact search index, audit log.

Revision ID: tenant_0003
Revises: tenant_0002
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "tenant_0003"
down_revision = "tenant_0002"
branch_labels = None
depends_on = None

CONTACT_SEARCH_VECTOR = "to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(phone, '') || ' ' || coalesce(email, ''))"


def upgrade() -> None:
    op.add_column("messages", sa.Column("attempts", sa.Integer(), server_default="0", nullable=False))
    op.add_column("messages", sa.Column("claimed_at", sa.DateTime(timezone=True)))
    op.add_column("messages", sa.Column("next_attempt_at", sa.DateTime(timezone=True)))
    op.create_index(
        "ix_messages_outbox", "messages", ["created_at"], postgresql_where=sa.text("status IN ('queued', 'sending')")
    )
    op.create_index("ix_contacts_search", "contacts", [sa.literal_column(CONTACT_SEARCH_VECTOR)], postgresql_using="gin")
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("action", sa.String(60), nullable=False),
        sa.Column("subject_type", sa.String(40), nullable=False),
        sa.Column("subject_id", sa.Uuid(), nullable=False),
        sa.Column("actor_type", sa.String(10), nullable=False),
        sa.Column("actor_id", sa.Uuid()),
        sa.Column("details", JSONB(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    )
    op.create_index(
        "ix_audit_log_created", "audit_log", [sa.literal_column("created_at DESC"), sa.literal_column("id DESC")]
    )


def downgrade() -> None:
    op.drop_table("audit_log")
    op.drop_index("ix_contacts_search", table_name="contacts")
    op.drop_index("ix_messages_outbox", table_name="messages")
    for column in ("next_attempt_at", "claimed_at", "attempts"):
        op.drop_column("messages", column)
