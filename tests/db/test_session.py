"""The unit of work: claims and role are local to one transaction, helpers read them."""

from __future__ import annotations

from typing import Any

import psycopg
import pytest

from emporium.db.session import Persona, as_persona, transaction_as
from tests.conftest import PERSONAS


def test_persona_claims_and_role_are_local_to_the_transaction(
    conn: psycopg.Connection[Any], customer_a: Persona
) -> None:
    outer_user = conn.execute("select current_user").fetchone()
    with transaction_as(conn, customer_a):
        inside = conn.execute(
            "select current_user, private.current_user_id()::text, private.current_app_role()"
        ).fetchone()
    after = conn.execute(
        "select current_user, current_setting('request.jwt.claims', true)"
    ).fetchone()
    assert inside == ("authenticated", customer_a.claims["sub"], "customer")
    assert after is not None
    assert outer_user is not None
    assert after[0] == outer_user[0]
    assert after[1] in (None, "")


@pytest.mark.parametrize(
    ("name", "db_role", "app_role"),
    [
        ("anon", "anon", "anon"),
        ("customer_a", "authenticated", "customer"),
        ("vendor_a_staff", "authenticated", "vendor"),
        ("rep", "authenticated", "rep"),
        ("admin", "authenticated", "admin"),
        ("service", "service_role", "service"),
    ],
)
def test_each_persona_is_seen_by_the_database_as_itself(
    conn: psycopg.Connection[Any], name: str, db_role: str, app_role: str
) -> None:
    persona = PERSONAS[name]
    with transaction_as(conn, persona):
        row = conn.execute(
            "select current_user, private.current_app_role(), private.current_user_id(),"
            " private.is_admin()"
        ).fetchone()
    assert row is not None
    assert row[0] == db_role
    assert row[1] == app_role
    assert (str(row[2]) if row[2] else None) == (persona.claims.get("sub"))
    assert row[3] is (app_role == "admin")


def test_a_sub_that_is_not_a_uuid_gives_no_user_id(conn: psycopg.Connection[Any]) -> None:
    with transaction_as(
        conn, Persona("authenticated", {"role": "authenticated", "sub": "x'; drop"})
    ):
        row = conn.execute("select private.current_user_id()").fetchone()
    assert row == (None,)


def test_unknown_role_is_refused_before_reaching_the_database(
    conn: psycopg.Connection[Any],
) -> None:
    with pytest.raises(ValueError, match="unknown database role"):
        as_persona(conn, Persona("postgres", {}))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown role"):
        Persona.from_claims({"role": "supabase_admin"})
