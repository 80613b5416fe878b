"""What each persona may do with the foundation's objects (credential store, helpers)."""

from __future__ import annotations

from typing import Any

import psycopg
import pytest

from emporium.db.session import Persona, transaction_as
from emporium.errors import PermissionDenied
from tests.conftest import PERSONAS

HASH = "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"


@pytest.fixture
def two_credentials(conn: psycopg.Connection[Any]) -> dict[str, str]:
    """customer_a and customer_b each have a credential row (ids = their persona subs)."""
    ids = {}
    for name in ("customer_a", "customer_b"):
        sub = PERSONAS[name].claims["sub"]
        conn.execute(
            "insert into private.credentials (user_id, email, password_hash) values (%s, %s, %s)",
            [sub, f"{name}@test.emporium", HASH],
        )
        ids[name] = sub
    return ids


def _visible_ids(conn: psycopg.Connection[Any], persona: Persona) -> set[str]:
    with transaction_as(conn, persona):
        rows = conn.execute("select user_id::text from private.credentials").fetchall()
    return {r[0] for r in rows}


def test_a_customer_sees_only_their_own_credential_row(
    conn: psycopg.Connection[Any], two_credentials: dict[str, str]
) -> None:
    assert _visible_ids(conn, PERSONAS["customer_a"]) == {two_credentials["customer_a"]}
    assert _visible_ids(conn, PERSONAS["customer_b"]) == {two_credentials["customer_b"]}


@pytest.mark.parametrize("name", ["vendor_a_staff", "account_a_member", "rep", "admin"])
def test_other_signed_in_personas_see_no_one_elses_credentials(
    conn: psycopg.Connection[Any], two_credentials: dict[str, str], name: str
) -> None:
    assert _visible_ids(conn, PERSONAS[name]) == set()


def test_service_role_sees_every_credential(
    conn: psycopg.Connection[Any], two_credentials: dict[str, str]
) -> None:
    assert _visible_ids(conn, PERSONAS["service"]) >= set(two_credentials.values())


def test_anon_cannot_read_credentials_at_all(
    conn: psycopg.Connection[Any], two_credentials: dict[str, str]
) -> None:
    with pytest.raises(PermissionDenied), transaction_as(conn, PERSONAS["anon"]):
        conn.execute("select user_id from private.credentials")


def test_nobody_but_service_reads_a_password_hash(
    conn: psycopg.Connection[Any], two_credentials: dict[str, str]
) -> None:
    with pytest.raises(PermissionDenied), transaction_as(conn, PERSONAS["customer_a"]):
        conn.execute("select password_hash from private.credentials")
    with transaction_as(conn, PERSONAS["service"]):
        row = conn.execute(
            "select password_hash from private.credentials where user_id = %s",
            [two_credentials["customer_a"]],
        ).fetchone()
    assert row == (HASH,)


@pytest.mark.parametrize("name", ["customer_a", "admin", "anon"])
@pytest.mark.parametrize(
    "statement",
    [
        "insert into private.credentials (email, password_hash) values ('x@y.z', '{hash}')",
        "update private.credentials set app_role = 'admin'",
        "delete from private.credentials",
        "insert into private.refresh_tokens (token_hash, user_id, session_id, expires_at)"
        " values ('\\x00', gen_random_uuid(), gen_random_uuid(), now() + interval '1 day')",
    ],
)
def test_clients_cannot_write_the_credential_store(
    conn: psycopg.Connection[Any], two_credentials: dict[str, str], name: str, statement: str
) -> None:
    with pytest.raises(PermissionDenied), transaction_as(conn, PERSONAS[name]):
        conn.execute(statement.format(hash=HASH))


def test_a_new_function_is_not_executable_by_clients_unless_granted(
    conn: psycopg.Connection[Any],
) -> None:
    # Given the migrations revoked the default EXECUTE from PUBLIC,
    conn.execute("create function public.t_probe() returns int language sql as 'select 1'")
    # then no client role can call a function nobody granted.
    for name in ("anon", "customer_a"):
        with pytest.raises(PermissionDenied), transaction_as(conn, PERSONAS[name]):
            conn.execute("select public.t_probe()")


def test_credential_checks_refuse_unnormalized_emails_and_foreign_hashes(
    conn: psycopg.Connection[Any],
) -> None:
    for email, digest in (("Upper@Case.com", HASH), (" pad@x.com", HASH), ("a@b.c", "plain")):
        with pytest.raises(psycopg.errors.CheckViolation), conn.transaction():
            conn.execute(
                "insert into private.credentials (email, password_hash) values (%s, %s)",
                [email, digest],
            )


def test_the_api_login_role_holds_no_rights_of_its_own(conn: psycopg.Connection[Any]) -> None:
    row = conn.execute(
        "select rolinherit, rolcanlogin, rolsuper, rolbypassrls from pg_roles"
        " where rolname = 'authenticator'"
    ).fetchone()
    assert row == (False, True, False, False)
    rights = conn.execute(
        "select has_table_privilege('authenticator', 'private.credentials', 'select')"
    ).fetchone()
    assert rights == (False,)
