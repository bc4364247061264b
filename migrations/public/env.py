"""Alembic entry point for `alembic -c migrations/alembic.ini -n public ...` (development only)."""

from atrium.migrate.runner import run_env_from_alembic_cli

run_env_from_alembic_cli("public")
