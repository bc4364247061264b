"""Dashboard: messages and contacts by creation time (the daily series read a range of days).

Revision ID: tenant_0005_dashboard
Revises: tenant_0004_webhooks
Create Date: 2026-11-21
"""

from alembic import op

revision = "tenant_0005_dashboard"
down_revision = "tenant_0004_webhooks"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_messages_created", "messages", ["created_at"])
    op.create_index("ix_contacts_created", "contacts", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_contacts_created", table_name="contacts")
    op.drop_index("ix_messages_created", table_name="messages")
