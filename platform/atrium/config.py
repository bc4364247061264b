"""Settings, read once from the environment.

Every variable is listed in the README's configuration table; ``Settings``
is the single place that reads them. Tests build their own ``Settings`` and
pass it to ``create_app``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


@dataclass(frozen=True)
class Settings:
    """Runtime configuration of one Atrium process."""

    database_url: str | None = None
    redis_url: str | None = None
    var_dir: Path = ROOT / "var"
    secret_keys: tuple[str, ...] = ()
    jwt_secret: str | None = None
    jwt_issuer: str = "atrium"
    jwt_audience: str = "atrium-api"
    access_token_ttl: int = 900
    refresh_token_ttl: int = 30 * 24 * 3600
    login_limit_per_account: int = 10
    login_limit_per_ip: int = 50
    login_limit_window: int = 300
    trusted_proxies: int = 0
    public_url: str = "http://localhost:8000"
    migrations_dir: Path = ROOT / "migrations"
    blueprints_dir: Path = ROOT / "tenants"
    frontend_dist: Path = ROOT / "frontend" / "dist"
    migrate_workers: int = field(default_factory=lambda: os.cpu_count() or 2)
    log_level: str = "INFO"
    load_plugins: tuple[str, ...] | None = None

    @classmethod
    def from_env(cls) -> "Settings":
        """Read every ``ATRIUM_*``/``DATABASE_URL``/``REDIS_URL`` variable."""
        keys = _env("ATRIUM_SECRET_KEYS")
        plugins = _env("ATRIUM_LOAD_PLUGINS")
        var_dir = Path(_env("ATRIUM_VAR_DIR", str(ROOT / "var")))
        return cls(
            database_url=_env("DATABASE_URL"),
            redis_url=_env("REDIS_URL"),
            var_dir=var_dir,
            secret_keys=tuple(k.strip() for k in keys.split(",") if k.strip()) if keys else (),
            jwt_secret=_env("ATRIUM_JWT_SECRET"),
            access_token_ttl=min(int(_env("ATRIUM_ACCESS_TOKEN_TTL", "900")), 900),
            refresh_token_ttl=int(_env("ATRIUM_REFRESH_TOKEN_TTL", str(30 * 24 * 3600))),
            login_limit_per_account=int(_env("ATRIUM_LOGIN_LIMIT_PER_ACCOUNT", "10")),
            login_limit_per_ip=int(_env("ATRIUM_LOGIN_LIMIT_PER_IP", "50")),
            login_limit_window=int(_env("ATRIUM_LOGIN_LIMIT_WINDOW", "300")),
            trusted_proxies=int(_env("ATRIUM_TRUSTED_PROXIES", "0")),
            public_url=_env("ATRIUM_PUBLIC_URL", "http://localhost:8000").rstrip("/"),
            migrate_workers=int(_env("ATRIUM_MIGRATE_WORKERS", str(os.cpu_count() or 2))),
            log_level=_env("ATRIUM_LOG_LEVEL", "INFO").upper(),
            load_plugins=tuple(p.strip() for p in plugins.split(",") if p.strip()) if plugins else None,
        )

    def replace(self, **changes) -> "Settings":
        """Return a copy with ``changes`` applied."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update(changes)
        return Settings(**values)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read from the environment on first use."""
    return Settings.from_env()
