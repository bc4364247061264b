"""Media uploads: files agents attach to outbound messages, stored in the tenant's schema.

Revision ID: tenant_0006_media_uploads
Revises: tenant_0005_dashboard
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "tenant_0006_media_uploads"
down_revision = "tenant_0005_dashboard"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "media_uploads",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("type", sa.String(20), nullable=False),
        sa.Column("filename", sa.String(200), nullable=False),
        sa.Column("mime_type", sa.String(120), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("uploaded_by", sa.Uuid()),
        sa.Column("used_at", sa.DateTime(timezone=True)),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    )
    op.create_index(
        "ix_media_uploads_unused", "media_uploads", ["created_at"], postgresql_where=sa.text("used_at IS NULL")
    )
    op.execute("ALTER TABLE media_uploads ALTER COLUMN data SET STORAGE EXTERNAL")  # files are compressed already


def downgrade() -> None:
    op.drop_table("media_uploads")
