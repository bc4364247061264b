"""Engine and sessions, each bound to exactly one schema.

Every transaction of a session starts with ``SET LOCAL search_path``: to the
tenant's schema (then ``public``, for shared types such as pgvector's) for a
tenant session, to ``public`` alone otherwise. A session without a tenant
therefore cannot see any tenant table, and ``SET LOCAL`` keeps working behind
a transaction-pooling PgBouncer.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session

from atrium.config import get_settings
from atrium.tenancy.names import check_schema_name

_engines: dict[str, Engine] = {}
_lock = threading.Lock()


def get_engine(url: str | None = None) -> Engine:
    """The process's engine for ``url`` (default: ``DATABASE_URL``), created once."""
    url = url or get_settings().database_url
    if not url:
        raise RuntimeError("DATABASE_URL is not set (run through `atrium` to start the embedded database)")
    with _lock:
        engine = _engines.get(url)
        if engine is None:
            engine = create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True)
            _engines[url] = engine
        return engine


def dispose_engines() -> None:
    """Close every pooled connection (after a fork, or at shutdown)."""
    with _lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()


class BoundSession(Session):
    """A session whose every transaction is bound to one schema (``info['schema']``)."""


@event.listens_for(BoundSession, "after_begin")
def _bind_search_path(session: Session, transaction, connection) -> None:
    schema = session.info.get("schema")
    if schema is None:
        connection.exec_driver_sql("SET LOCAL search_path TO public")
    else:
        connection.exec_driver_sql(f'SET LOCAL search_path TO "{check_schema_name(schema)}", public')


@contextmanager
def public_session() -> Iterator[Session]:
    """A session on the shared schema only; commits on success, rolls back on error."""
    with _session(None) as session:
        yield session


@contextmanager
def tenant_session(schema: str) -> Iterator[Session]:
    """A session bound to one tenant schema; commits on success, rolls back on error."""
    with _session(check_schema_name(schema)) as session:
        yield session


@contextmanager
def _session(schema: str | None) -> Iterator[Session]:
    session = BoundSession(bind=get_engine(), info={"schema": schema}, expire_on_commit=False)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
