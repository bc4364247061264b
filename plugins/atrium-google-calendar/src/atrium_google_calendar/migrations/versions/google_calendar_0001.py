"""google-calendar: bookings made by the plugin.

Revision ID: google_calendar_0001
Revises:
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "google_calendar_0001"
down_revision = None
branch_labels = ("google-calendar",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "google_calendar_bookings",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("consultant_id", sa.String(40), nullable=False),
        sa.Column("calendar_id", sa.String(254), nullable=False),
        sa.Column("event_id", sa.String(1024), nullable=False),
        sa.Column("html_link", sa.Text(), nullable=True),
        sa.Column("start_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("end_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lead_key", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    )
    op.create_index("ix_google_calendar_bookings_consultant_id", "google_calendar_bookings", ["consultant_id"])
    op.create_index(
        "ix_google_calendar_bookings_lead_key_start_at", "google_calendar_bookings", ["lead_key", "start_at"]
    )


def downgrade() -> None:
    op.drop_table("google_calendar_bookings")
