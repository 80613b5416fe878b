"""Local secrets: the JWT signing secret in standalone mode."""

from __future__ import annotations

import os
import secrets as _secrets

from emporium.config import AuthMode, Settings
from emporium.errors import ConfigError, DataDirError


def jwt_secret(settings: Settings) -> str | None:
    """EMPORIUM_JWT_SECRET, else (standalone mode) one generated once and kept in data_dir.

    In Supabase mode without a secret, tokens are verified through EMPORIUM_JWKS_URL only.
    """
    if settings.jwt_secret is not None:
        return settings.jwt_secret.get_secret_value()
    if settings.auth_mode is AuthMode.supabase:
        if not settings.jwks_url:
            raise ConfigError(
                "Supabase mode needs EMPORIUM_JWT_SECRET (the project's JWT secret) "
                "or EMPORIUM_JWKS_URL"
            )
        return None
    path = settings.data_dir / "secrets" / "jwt-secret"
    try:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as f:
                f.write(_secrets.token_urlsafe(48))
        return path.read_text().strip()
    except FileExistsError:
        return path.read_text().strip()
    except OSError as exc:
        raise DataDirError(
            f"can't keep the JWT secret in {path}: {exc.strerror or exc}",
            hint="set EMPORIUM_JWT_SECRET, or choose a writable --data-dir",
        ) from None
