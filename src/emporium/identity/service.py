"""Standalone credentials: sign up, log in, refresh (rotating), log out.

Runs as service_role inside the caller's unit of work; never commits itself.
Refresh tokens rotate on every use; presenting an already-used token revokes its whole
session (the token was stolen or replayed).
"""

from __future__ import annotations

import hashlib
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from psycopg.rows import dict_row

from emporium.errors import AuthError, Conflict, InvalidInput
from emporium.identity.models import APP_ROLES
from emporium.identity.tokens import AccessClaims

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MIN_PASSWORD = 8
MAX_PASSWORD = 1024
# Verified against when the email is unknown, so both paths take the same time.
_DUMMY_HASH = _hasher.hash("not-a-real-password")


def normalize_email(email: str) -> str:
    clean = email.strip().lower()
    if not _EMAIL.match(clean) or len(clean) > 320:
        raise InvalidInput(f"{email!r} is not an email address", code="invalid_email")
    return clean


def check_password(password: str) -> str:
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise InvalidInput(
            f"a password needs {MIN_PASSWORD} to {MAX_PASSWORD} characters",
            code="weak_password",
        )
    return password


@dataclass(frozen=True)
class Session:
    """What a successful login or refresh yields (the transport mints the access token)."""

    claims: AccessClaims
    refresh_token: str
    refresh_expires_at: datetime


def _token_hash(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


def _new_refresh(
    conn: psycopg.Connection[Any], *, user_id: uuid.UUID, session_id: uuid.UUID, ttl: timedelta
) -> tuple[str, datetime]:
    token = secrets.token_urlsafe(32)
    expires = datetime.now(UTC) + ttl
    conn.execute(
        "insert into private.refresh_tokens (token_hash, user_id, session_id, expires_at)"
        " values (%s, %s, %s, %s)",
        [_token_hash(token), user_id, session_id, expires],
    )
    return token, expires


def signup(
    conn: psycopg.Connection[Any], *, email: str, password: str, app_role: str = "customer"
) -> uuid.UUID:
    if app_role not in APP_ROLES:
        raise InvalidInput(f"unknown role {app_role!r}", code="invalid_role")
    clean = normalize_email(email)
    digest = _hasher.hash(check_password(password))
    row = conn.execute(
        "insert into private.credentials (email, password_hash, app_role) values (%s, %s, %s)"
        " on conflict (email) do nothing returning user_id",
        [clean, digest, app_role],
    ).fetchone()
    if row is None:
        raise Conflict(f"an account with {clean} already exists", code="email_taken")
    user_id = uuid.UUID(str(row[0]))
    # The profile the policies read. A vendor needs a vendor to work for, so vendor staff
    # start as customers until an admin attaches them (users.role is authoritative).
    conn.execute(
        "insert into public.users (id, email, role) values (%s, %s, %s)"
        " on conflict (id) do nothing",
        [user_id, clean, "customer" if app_role == "vendor" else app_role],
    )
    return user_id


def _claims(
    conn: psycopg.Connection[Any],
    *,
    user_id: uuid.UUID,
    email: str,
    fallback_role: str,
    session_id: uuid.UUID,
) -> AccessClaims:
    """The token's app_metadata, from what the database says now (users, account_members)."""
    row = conn.execute(
        "select u.role, u.vendor_id,"
        "       array(select m.account_id from public.account_members m"
        "             where m.user_id = u.id order by m.account_id)"
        " from public.users u where u.id = %s",
        [user_id],
    ).fetchone()
    if row is None:
        return AccessClaims(user_id, email, fallback_role, session_id)
    return AccessClaims(user_id, email, row[0], session_id, row[1], tuple(row[2]))


def login(
    conn: psycopg.Connection[Any], *, email: str, password: str, refresh_ttl: timedelta
) -> Session:
    failure = AuthError("wrong email or password", code="invalid_credentials")
    try:
        clean = normalize_email(email)
    except InvalidInput:
        raise failure from None
    with conn.cursor(row_factory=dict_row) as cur:
        row = cur.execute(
            "select user_id, email, password_hash, app_role, disabled_at"
            " from private.credentials where email = %s",
            [clean],
        ).fetchone()
    try:
        _hasher.verify(row["password_hash"] if row else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        raise failure from None
    if row is None or row["disabled_at"] is not None:
        raise failure
    if _hasher.check_needs_rehash(row["password_hash"]):
        conn.execute(
            "update private.credentials set password_hash = %s, updated_at = now()"
            " where user_id = %s",
            [_hasher.hash(password), row["user_id"]],
        )
    session_id = uuid.uuid4()
    token, expires = _new_refresh(
        conn, user_id=row["user_id"], session_id=session_id, ttl=refresh_ttl
    )
    claims = _claims(
        conn,
        user_id=row["user_id"],
        email=row["email"],
        fallback_role=row["app_role"],
        session_id=session_id,
    )
    return Session(claims, token, expires)


def refresh(
    conn: psycopg.Connection[Any], *, refresh_token: str, refresh_ttl: timedelta
) -> Session | None:
    """Rotate a refresh token.

    None means the token had already been rotated away: someone replayed it, so the whole
    session is now revoked (the caller must commit that, then refuse). A token whose
    session was ended by logout is refused with `session_ended`.
    """
    with conn.cursor(row_factory=dict_row) as cur:
        row = cur.execute(
            "select t.id, t.user_id, t.session_id, t.expires_at, t.revoked_at, t.revoked_reason,"
            "       c.email, c.app_role, c.disabled_at"
            " from private.refresh_tokens t join private.credentials c using (user_id)"
            " where t.token_hash = %s for update of t",
            [_token_hash(refresh_token)],
        ).fetchone()
    if row is None:
        raise AuthError("unknown refresh token", code="invalid_token")
    if row["revoked_reason"] == "rotated":
        revoke_session(conn, session_id=row["session_id"], reason="reuse_detected")
        return None
    if row["revoked_at"] is not None:
        raise AuthError("this session has ended; log in again", code="session_ended")
    if row["expires_at"] <= datetime.now(UTC) or row["disabled_at"] is not None:
        raise AuthError("the refresh token has expired", code="token_expired")
    conn.execute(
        "update private.refresh_tokens set revoked_at = now(), revoked_reason = 'rotated'"
        " where id = %s",
        [row["id"]],
    )
    token, expires = _new_refresh(
        conn, user_id=row["user_id"], session_id=row["session_id"], ttl=refresh_ttl
    )
    claims = _claims(
        conn,
        user_id=row["user_id"],
        email=row["email"],
        fallback_role=row["app_role"],
        session_id=row["session_id"],
    )
    return Session(claims, token, expires)


def revoke_session(
    conn: psycopg.Connection[Any], *, session_id: uuid.UUID, reason: str = "logout"
) -> int:
    """Revoke every live refresh token of a session; returns how many there were."""
    cur = conn.execute(
        "update private.refresh_tokens set revoked_at = now(), revoked_reason = %s"
        " where session_id = %s and revoked_at is null",
        [reason, session_id],
    )
    return cur.rowcount
