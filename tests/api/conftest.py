"""API fixtures: the real app on a database of the test's own, driven through TestClient."""

from __future__ import annotations

import contextlib
import os
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jwt
import psycopg
import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from emporium.api.app import create_app
from emporium.config import AuthMode, Settings
from emporium.db.connect import Database

SECRET = "test-secret-that-is-long-enough-for-hs256-signing-0123456789"
OTHER_SECRET = "another-secret-of-sufficient-length-but-not-the-configured-one"


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings read EMPORIUM_* from the environment: keep the caller's out of these tests."""
    for name in list(os.environ):
        if (name.startswith("EMPORIUM_") and name != "EMPORIUM_TEST_DATABASE_URL") or (
            name == "DATABASE_URL"
        ):
            monkeypatch.delenv(name)


@pytest.fixture
def api_settings(tmp_path: Path) -> Settings:
    return Settings(
        jwt_secret=SecretStr(SECRET),
        data_dir=tmp_path,
        auth_mode=AuthMode.standalone,
        pool_min_size=1,
        pool_max_size=4,
    )


@pytest.fixture
def client(api_settings: Settings, fresh_db: Database) -> Iterator[TestClient]:
    app = create_app(api_settings, fresh_db)
    with TestClient(app) as test_client:  # runs the lifespan: the pool opens and closes
        yield test_client


SupabaseClientFactory = Callable[..., TestClient]


@pytest.fixture
def supabase_client(tmp_path: Path, fresh_db: Database) -> Iterator[SupabaseClientFactory]:
    """Build clients in Supabase mode: ``supabase_client(jwt_secret=..., jwks_url=...)``."""
    with contextlib.ExitStack() as stack:

        def build(*, jwt_secret: str | None = SECRET, jwks_url: str | None = None) -> TestClient:
            settings = Settings(
                jwt_secret=SecretStr(jwt_secret) if jwt_secret is not None else None,
                jwks_url=jwks_url,
                data_dir=tmp_path,
                auth_mode=AuthMode.supabase,
                pool_min_size=1,
                pool_max_size=4,
            )
            return stack.enter_context(TestClient(create_app(settings, fresh_db)))

        yield build


def supabase_claims(
    *,
    sub: uuid.UUID | str | None = None,
    role: str = "authenticated",
    aud: str = "authenticated",
    ttl: int = 600,
    **extra: Any,
) -> dict[str, Any]:
    """Claims shaped as Supabase Auth issues them."""
    now = int(time.time())
    claims: dict[str, Any] = {
        "iss": "https://project.supabase.co/auth/v1",
        "sub": str(sub or uuid.uuid4()),
        "aud": aud,
        "exp": now + ttl,
        "iat": now,
        "role": role,
        "email": "someone@example.com",
        "session_id": str(uuid.uuid4()),
        "app_metadata": {"provider": "email", "role": "customer"},
        "user_metadata": {},
    }
    claims.update(extra)
    return claims


def sign(claims: dict[str, Any], secret: str = SECRET) -> str:
    return jwt.encode(claims, secret, algorithm="HS256")


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def query(db: Database, statement: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    """Read the database as its owner, outside the API (committed state only)."""
    with psycopg.connect(db.admin_dsn) as c:
        return c.execute(statement, params).fetchall()


def execute(db: Database, statement: str, params: list[Any] | None = None) -> None:
    with psycopg.connect(db.admin_dsn) as c:
        c.execute(statement, params)
