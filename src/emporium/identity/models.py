"""Tables of the standalone credential store (schema `private`, never exposed).

In Supabase mode these stay empty: Supabase Auth owns credentials there.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    LargeBinary,
    Table,
    Text,
    Uuid,
    text,
)

from emporium.db.metadata import metadata

APP_ROLES = ("customer", "vendor", "rep", "admin")

credentials = Table(
    "credentials",
    metadata,
    Column("user_id", Uuid, primary_key=True, server_default=text("gen_random_uuid()")),
    # Stored trimmed and lower-case (CHECKed), so the unique key is case-insensitive.
    Column(
        "email",
        Text,
        nullable=False,
        unique=True,
        comment="Stored trimmed and lower-case, so the unique key is case-insensitive.",
    ),
    Column("password_hash", Text, nullable=False),
    Column("app_role", Text, nullable=False, server_default=text("'customer'")),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=text("now()")),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=text("now()")),
    Column("disabled_at", DateTime(timezone=True)),
    CheckConstraint(
        "email = lower(btrim(email)) and email ~ '^[^@[:space:]]+@[^@[:space:]]+$'",
        name="email_normalized",
    ),
    CheckConstraint("password_hash like '$argon2id$%'", name="argon2id_hash"),
    CheckConstraint("app_role in ('customer', 'vendor', 'rep', 'admin')", name="app_role_known"),
    schema="private",
    comment=(
        "The standalone credential store: email, argon2id password hash and app role per user "
        "(empty under Supabase Auth). Email stored lower-case, unique."
    ),
)

refresh_tokens = Table(
    "refresh_tokens",
    metadata,
    Column("id", BigInteger, Identity(always=True), primary_key=True),
    # sha256 of the opaque token; the token itself is never stored.
    Column(
        "token_hash",
        LargeBinary,
        nullable=False,
        unique=True,
        comment="sha256 of the opaque token; the token itself is never stored.",
    ),
    Column(
        "user_id",
        Uuid,
        ForeignKey("private.credentials.user_id", ondelete="CASCADE"),
        nullable=False,
    ),
    # One login = one session; every rotation keeps the session id, so reuse of an
    # old token can revoke the whole session.
    Column(
        "session_id",
        Uuid,
        nullable=False,
        comment=(
            "One login is one session; rotation keeps it, so a replayed token can end the session."
        ),
    ),
    Column("issued_at", DateTime(timezone=True), nullable=False, server_default=text("now()")),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
    # rotated: replaced by a newer token (using it again is a replay);
    # logout / reuse_detected: the whole session was ended.
    Column(
        "revoked_reason",
        Text,
        comment="rotated (replaced by a newer token), logout, or reuse_detected.",
    ),
    CheckConstraint("expires_at > issued_at", name="expires_after_issue"),
    CheckConstraint(
        "(revoked_at is null) = (revoked_reason is null)"
        " and revoked_reason in ('rotated', 'logout', 'reuse_detected')",
        name="revoked_with_reason",
    ),
    Index(None, "user_id"),
    Index(None, "session_id"),
    schema="private",
    comment=(
        "Refresh tokens of standalone sessions, stored as sha256 hashes. Rotation keeps the "
        "session id, so replaying a rotated token can end the whole session."
    ),
)
