"""Memberships remember when their person accepted them: adding an existing account is an invitation.

Revision ID: public_0003
Revises: public_0002
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "public_0003"
down_revision = "public_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "memberships", sa.Column("accepted_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=True)
    )
    op.execute("UPDATE memberships SET accepted_at = created_at")


def downgrade() -> None:
    op.execute("DELETE FROM memberships WHERE accepted_at IS NULL")
    op.drop_column("memberships", "accepted_at")
