"""Settings, read once from the environment (and CLI flags that override it).

``DATABASE_URL`` (or ``EMPORIUM_DATABASE_URL``) names any PostgreSQL >= 15, Supabase
included. Without it, emporium runs an embedded PostgreSQL 16 in ``data_dir``.
"""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path

import platformdirs
from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from emporium.errors import ConfigError


class AuthMode(StrEnum):
    standalone = "standalone"  # our own credential store issues tokens
    supabase = "supabase"  # Supabase Auth issues tokens; we only verify them


def default_data_dir() -> Path:
    """Where the embedded database and local secrets live when nothing else is said.

    root gets /var/lib/emporium: the embedded server runs as an unprivileged system
    user, which must be able to reach its data directory (root's home is 0700).
    """
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        return Path("/var/lib/emporium")
    return Path(platformdirs.user_data_dir("emporium", appauthor=False))


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="EMPORIUM_", extra="ignore")

    database_url: str | None = Field(
        default=None, validation_alias=AliasChoices("EMPORIUM_DATABASE_URL", "DATABASE_URL")
    )
    # The DSN the API pool uses. Default: DATABASE_URL (its user must be a member of
    # anon/authenticated/service_role), or the `authenticator` role on the embedded server.
    api_database_url: str | None = None
    data_dir: Path = Field(default_factory=default_data_dir)
    database_name: str = "emporium"

    auth_mode: AuthMode = AuthMode.standalone
    jwt_secret: SecretStr | None = None
    jwks_url: str | None = None
    jwt_audience: str = "authenticated"
    jwt_issuer: str = "emporium"
    access_token_ttl_seconds: int = Field(default=900, ge=30, le=86400)
    refresh_token_ttl_seconds: int = Field(default=30 * 86400, ge=300)

    pool_min_size: int = Field(default=1, ge=0)
    pool_max_size: int = Field(default=10, ge=1)

    # How often the server expires due stock reservations (seconds); 0 turns the sweeper off
    # (then run `emporium inventory expire` from a scheduler).
    reservation_sweep_seconds: float = Field(default=30, ge=0)

    @field_validator("database_url", "api_database_url")
    @classmethod
    def _check_url(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        if not value.startswith(("postgresql://", "postgres://")) and "=" not in value:
            raise ValueError(
                "must be a PostgreSQL URL like postgresql://user:pass@host:5432/dbname "
                "or a key=value DSN"
            )
        return value

    @property
    def embedded(self) -> bool:
        return self.database_url is None


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment with explicit overrides; bad values become ConfigError."""
    from pydantic import ValidationError

    clean = {k: v for k, v in overrides.items() if v is not None}
    try:
        return Settings(**clean)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'settings'}: {err['msg']}"
            for err in exc.errors()
        )
        raise ConfigError(
            f"invalid settings: {problems}",
            hint="check DATABASE_URL / EMPORIUM_* environment variables",
        ) from None
