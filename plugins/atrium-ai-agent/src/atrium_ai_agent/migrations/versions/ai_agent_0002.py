"""ai-agent: the AI board: status ``converted``, statuses checked, columns ordered by when a card entered them.

Revision ID: ai_agent_0002
Revises: ai_agent_0001
Create Date: 2026-11-22
"""

from alembic import op

revision = "ai_agent_0002"
down_revision = "ai_agent_0001"
branch_labels = None
depends_on = None

STATUSES = "'qualifying', 'qualified', 'scheduled', 'awaiting_human', 'converted', 'lost'"


def upgrade() -> None:
    op.execute("ALTER TABLE ai_agent_conversations ADD COLUMN status_changed_at timestamptz NOT NULL DEFAULT now()")
    op.execute("UPDATE ai_agent_conversations SET status_changed_at = updated_at")
    op.execute(
        f"ALTER TABLE ai_agent_conversations ADD CONSTRAINT ck_ai_agent_conversations_status CHECK (status IN ({STATUSES}))"
    )
    op.execute("DROP INDEX ix_ai_agent_conversations_status")
    op.execute(
        "CREATE INDEX ix_ai_agent_conversations_board ON ai_agent_conversations (status, status_changed_at, conversation_id)"
    )


def downgrade() -> None:
    op.execute("DROP INDEX ix_ai_agent_conversations_board")
    op.execute("CREATE INDEX ix_ai_agent_conversations_status ON ai_agent_conversations (status)")
    op.execute("UPDATE ai_agent_conversations SET status = 'awaiting_human' WHERE status = 'converted'")
    op.execute("ALTER TABLE ai_agent_conversations DROP CONSTRAINT ck_ai_agent_conversations_status")
    op.execute("ALTER TABLE ai_agent_conversations DROP COLUMN status_changed_at")
