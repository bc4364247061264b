"""Inbox search ignores accents: the contact and message search indexes are rebuilt on folded text.

Revision ID: tenant_0007_search_folds_accents
Revises: tenant_0006_media_uploads
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "tenant_0007_search_folds_accents"
down_revision = "tenant_0006_media_uploads"
branch_labels = None
depends_on = None

# A frozen copy of atrium.text_fold.fold_sql's table (migrations never import live code).
ACCENTED = "áàâãäåéèêëíìîïóòôõöúùûüçñýÿÁÀÂÃÄÅÉÈÊËÍÌÎÏÓÒÔÕÖÚÙÛÜÇÑÝ"
PLAIN = "aaaaaaeeeeiiiiooooouuuucnyyaaaaaaeeeeiiiiooooouuuucny"
CONTACT_FIELDS = "coalesce(name, '') || ' ' || coalesce(phone, '') || ' ' || coalesce(email, '')"
MESSAGE_FIELDS = "coalesce(text, '')"


def _vector(fields: str, folded: bool) -> sa.TextClause:
    text = f"translate(lower({fields}), '{ACCENTED}', '{PLAIN}')" if folded else fields
    return sa.literal_column(f"to_tsvector('simple', {text})")


def _rebuild(folded: bool) -> None:
    op.drop_index("ix_contacts_search", table_name="contacts")
    op.drop_index("ix_messages_search", table_name="messages")
    op.create_index("ix_contacts_search", "contacts", [_vector(CONTACT_FIELDS, folded)], postgresql_using="gin")
    op.create_index("ix_messages_search", "messages", [_vector(MESSAGE_FIELDS, folded)], postgresql_using="gin")


def upgrade() -> None:
    _rebuild(folded=True)


def downgrade() -> None:
    _rebuild(folded=False)
