"""ai-agent: knowledge base (pgvector HNSW + Portuguese full-text), conversation state, replies, opt-outs, usage.

Revision ID: ai_agent_0001
Revises:
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "ai_agent_0001"
down_revision = None
branch_labels = ("ai-agent",)
depends_on = "tenant_0002"  # conversations, contacts and messages

# Keep in step with atrium_ai_agent.models.FOLD_SQL: accents folded so "gestao" finds "gestão".
SEARCH_VECTOR = (
    "to_tsvector('portuguese', translate(lower(text), 'áàâãäéèêëíìîïóòôõöúùûüçñ', 'aaaaaeeeeiiiiooooouuuucn'))"
)


def _timestamps() -> list[sa.Column]:
    return [
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "ai_agent_documents",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("filename", sa.String(255)),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("chunk_count", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("embedding_status", sa.String(20), nullable=False),
        sa.Column("embedding_model", sa.String(100)),
        sa.Column("embedding_error", sa.Text()),
        *_timestamps(),
    )
    op.execute(
        "CREATE TABLE ai_agent_chunks ("
        " id uuid PRIMARY KEY,"
        " document_id uuid NOT NULL REFERENCES ai_agent_documents (id) ON DELETE CASCADE,"
        " position integer NOT NULL,"
        " text text NOT NULL,"
        " embedding vector(1536),"
        f" tsv tsvector GENERATED ALWAYS AS ({SEARCH_VECTOR}) STORED)"
    )
    op.execute("CREATE INDEX ix_ai_agent_chunks_document ON ai_agent_chunks (document_id, position)")
    op.execute("CREATE INDEX ix_ai_agent_chunks_tsv ON ai_agent_chunks USING gin (tsv)")
    op.execute("CREATE INDEX ix_ai_agent_chunks_embedding ON ai_agent_chunks USING hnsw (embedding vector_cosine_ops)")

    op.create_table(
        "ai_agent_conversations",
        sa.Column(
            "conversation_id", sa.Uuid(), sa.ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("contact_id", sa.Uuid(), sa.ForeignKey("contacts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("asked_step", sa.String(60)),
        sa.Column("booking", postgresql.JSONB()),
        sa.Column("notes", postgresql.JSONB(), nullable=False, server_default="[]"),
        sa.Column("handed_off_at", sa.DateTime(timezone=True)),
        *_timestamps(),
    )
    op.create_index("ix_ai_agent_conversations_status", "ai_agent_conversations", ["status"])
    op.create_index("ix_ai_agent_conversations_contact_id", "ai_agent_conversations", ["contact_id"])

    op.create_table(
        "ai_agent_replies",
        sa.Column("inbound_message_id", sa.Uuid(), sa.ForeignKey("messages.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("conversation_id", sa.Uuid(), sa.ForeignKey("conversations.id", ondelete="CASCADE"), nullable=False),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("message_id", sa.Uuid()),
        sa.Column("model", sa.String(100)),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    )
    op.create_index("ix_ai_agent_replies_conversation", "ai_agent_replies", ["conversation_id", "created_at"])

    op.create_table(
        "ai_agent_opt_outs",
        sa.Column("contact_id", sa.Uuid(), sa.ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("keyword", sa.String(50), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    )

    op.create_table(
        "ai_agent_usage",
        sa.Column("id", sa.BigInteger(), sa.Identity(), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("purpose", sa.String(20), nullable=False),
        sa.Column("model", sa.String(100), nullable=False),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("prompt_tokens", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("completion_tokens", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("latency_ms", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("conversation_id", sa.Uuid()),
    )
    op.create_index("ix_ai_agent_usage_created_at", "ai_agent_usage", ["created_at"])


def downgrade() -> None:
    for table in (
        "ai_agent_usage",
        "ai_agent_opt_outs",
        "ai_agent_replies",
        "ai_agent_conversations",
        "ai_agent_chunks",
        "ai_agent_documents",
    ):
        op.drop_table(table)
