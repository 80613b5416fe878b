"""Foundation: roles, the private schema, claim helpers, the credential store.

Revision ID: 0001
Revises:
Create Date: 2026-11-21

Roles are cluster-wide and may be shared with other databases (Supabase creates them
itself), so they are created only where missing and never dropped by a downgrade.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from emporium.db.sqlfiles import apply_frozen, execute_sql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROLES_SQL = """
do $$
begin
    if not exists (select from pg_roles where rolname = 'anon') then
        create role anon nologin noinherit;
    end if;
    if not exists (select from pg_roles where rolname = 'authenticated') then
        create role authenticated nologin noinherit;
    end if;
    if not exists (select from pg_roles where rolname = 'service_role') then
        create role service_role nologin noinherit bypassrls;
    end if;
    -- The login role the API connects as (Supabase's name for it); it holds no rights
    -- of its own and switches to anon/authenticated/service_role per transaction.
    if not exists (select from pg_roles where rolname = 'authenticator') then
        create role authenticator login noinherit;
    end if;
    if not pg_has_role('authenticator', 'anon', 'member') then
        grant anon to authenticator;
    end if;
    if not pg_has_role('authenticator', 'authenticated', 'member') then
        grant authenticated to authenticator;
    end if;
    if not pg_has_role('authenticator', 'service_role', 'member') then
        grant service_role to authenticator;
    end if;
    -- The migrating role must be able to act as each persona (tests, service work).
    if not pg_has_role(current_user, 'anon', 'member') then
        execute format('grant anon to %I', current_user);
    end if;
    if not pg_has_role(current_user, 'authenticated', 'member') then
        execute format('grant authenticated to %I', current_user);
    end if;
    if not pg_has_role(current_user, 'service_role', 'member') then
        execute format('grant service_role to %I', current_user);
    end if;
end
$$;
"""


def upgrade() -> None:
    execute_sql(ROLES_SQL)
    execute_sql(
        """
        create schema if not exists private;
        revoke all on schema private from public;
        grant usage on schema private to anon, authenticated, service_role, authenticator;
        grant usage on schema public to anon, authenticated, service_role;
        -- Nothing is executable by everyone unless granted on purpose.
        alter default privileges revoke execute on functions from public;
        alter table private.alembic_version enable row level security;
        -- /ready asks the API's login role which migration the database is at.
        create policy select_authenticator on private.alembic_version
            for select to authenticator using (true);
        grant select on private.alembic_version to authenticator;
        comment on table private.alembic_version is
            'Alembic''s bookkeeping: the migration this database is at (emporium db current). '
            'The API''s login role reads it for /ready.';
        """
    )
    apply_frozen("0001", "private/claims.sql")

    op.create_table(
        "credentials",
        sa.Column(
            "user_id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False
        ),
        sa.Column(
            "email",
            sa.Text(),
            nullable=False,
            comment="Stored trimmed and lower-case, so the unique key is case-insensitive.",
        ),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("app_role", sa.Text(), server_default=sa.text("'customer'"), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("disabled_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "email = lower(btrim(email)) and email ~ '^[^@[:space:]]+@[^@[:space:]]+$'",
            name=op.f("ck_credentials__email_normalized"),
        ),
        sa.CheckConstraint(
            "password_hash like '$argon2id$%'", name=op.f("ck_credentials__argon2id_hash")
        ),
        sa.CheckConstraint(
            "app_role in ('customer', 'vendor', 'rep', 'admin')",
            name=op.f("ck_credentials__app_role_known"),
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_credentials")),
        sa.UniqueConstraint("email", name=op.f("uq_credentials__email")),
        schema="private",
        comment=(
            "The standalone credential store: email, argon2id password hash and app role per user "
            "(empty under Supabase Auth). Email stored lower-case, unique."
        ),
    )
    op.create_table(
        "refresh_tokens",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=True), nullable=False),
        sa.Column(
            "token_hash",
            sa.LargeBinary(),
            nullable=False,
            comment="sha256 of the opaque token; the token itself is never stored.",
        ),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column(
            "session_id",
            sa.Uuid(),
            nullable=False,
            comment="One login is one session; rotation keeps it, so a replayed token can end the session.",
        ),
        sa.Column(
            "issued_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False
        ),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "revoked_reason",
            sa.Text(),
            nullable=True,
            comment="rotated (replaced by a newer token), logout, or reuse_detected.",
        ),
        sa.CheckConstraint(
            "expires_at > issued_at", name=op.f("ck_refresh_tokens__expires_after_issue")
        ),
        sa.CheckConstraint(
            "(revoked_at is null) = (revoked_reason is null)"
            " and revoked_reason in ('rotated', 'logout', 'reuse_detected')",
            name=op.f("ck_refresh_tokens__revoked_with_reason"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["private.credentials.user_id"],
            name=op.f("fk_refresh_tokens__user_id__credentials"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_refresh_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_refresh_tokens__token_hash")),
        schema="private",
        comment=(
            "Refresh tokens of standalone sessions, stored as sha256 hashes. Rotation keeps the "
            "session id, so replaying a rotated token can end the whole session."
        ),
    )
    op.create_index(
        op.f("ix_refresh_tokens__user_id"), "refresh_tokens", ["user_id"], schema="private"
    )
    op.create_index(
        op.f("ix_refresh_tokens__session_id"), "refresh_tokens", ["session_id"], schema="private"
    )
    apply_frozen("0001", "identity/policies.sql")


def downgrade() -> None:
    op.drop_table("refresh_tokens", schema="private")
    op.drop_table("credentials", schema="private")
    execute_sql(
        """
        drop function private.is_admin();
        drop function private.current_app_role();
        drop function private.current_jwt_role();
        drop function private.current_user_id();
        drop function private.current_claims();
        alter default privileges grant execute on functions to public;
        revoke usage on schema public from anon, authenticated, service_role;
        revoke usage on schema private from anon, authenticated, service_role, authenticator;
        revoke select on private.alembic_version from authenticator;
        drop policy select_authenticator on private.alembic_version;
        alter table private.alembic_version disable row level security;
        comment on table private.alembic_version is null;
        """
    )
    # `private` itself stays: it holds Alembic's version table. Roles stay (cluster-wide).
