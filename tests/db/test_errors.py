"""Database errors become emporium errors in one place: real errors from a real PostgreSQL."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest

from emporium.db.connect import Database
from emporium.db.errors import translate
from emporium.db.session import Persona, as_persona, transaction_as, unit_of_work
from emporium.errors import (
    BusinessRuleViolation,
    Conflict,
    EmporiumError,
    InvalidInput,
    NotFound,
    PermissionDenied,
)
from tests.conftest import PERSONAS


def _in_savepoint(conn: psycopg.Connection[Any], statement: str, persona: Persona | None) -> None:
    with conn.transaction():
        if persona is not None:
            as_persona(conn, persona)
        conn.execute(statement)  # type: ignore[arg-type]


def failure(
    conn: psycopg.Connection[Any], statement: str, persona: Persona | None = None
) -> psycopg.Error:
    """Run a statement that must fail (in a savepoint, optionally as ``persona``): its error."""
    with pytest.raises(psycopg.Error) as caught:
        _in_savepoint(conn, statement, persona)
    return caught.value


def raised(conn: psycopg.Connection[Any], message: str, detail: str | None = None) -> EmporiumError:
    """What a plpgsql ``raise exception '<message>' using detail = '<detail>'`` becomes."""
    using = f" using detail = '{detail}'" if detail is not None else ""
    return translate(failure(conn, f"do $$ begin raise exception '{message}'{using}; end $$"))


@pytest.fixture
def tables(conn: psycopg.Connection[Any]) -> psycopg.Connection[Any]:
    """Temporary tables with every kind of constraint (gone with the rolled-back transaction)."""
    conn.execute(
        """
        create temp table parent (id int primary key, sku text not null,
            constraint parent_sku_key unique (sku));
        create temp table child (
            id int primary key,
            parent_id int constraint child_parent_fk references parent (id),
            quantity int not null constraint quantity_positive check (quantity > 0)
        );
        insert into parent values (1, 'SKU-1');
        """
    )
    return conn


# ----------------------------------------------------------------- codes raised by plpgsql
def test_a_raised_snake_case_code_becomes_a_business_rule_violation_with_its_detail(
    conn: psycopg.Connection[Any],
) -> None:
    error = raised(conn, "insufficient_stock", '{"requested": 5, "available": 2}')
    assert type(error) is BusinessRuleViolation
    assert error.instance_code == "insufficient_stock"
    assert error.detail == {"requested": 5, "available": 2}
    assert error.message == "insufficient stock"
    assert error.http_status == 422


def test_a_message_in_the_detail_becomes_the_human_message(
    conn: psycopg.Connection[Any],
) -> None:
    error = raised(conn, "credit_limit_exceeded", '{"message": "over the limit", "limit": 100}')
    assert isinstance(error, BusinessRuleViolation)
    assert error.message == "over the limit"
    assert error.detail == {"limit": 100}


def test_a_detail_that_is_not_a_json_object_is_kept_as_text(
    conn: psycopg.Connection[Any],
) -> None:
    assert raised(conn, "order_closed", "closed yesterday").detail == {"detail": "closed yesterday"}
    assert raised(conn, "order_closed", "[1, 2]").detail == {"detail": [1, 2]}
    assert raised(conn, "order_closed").detail == {}


@pytest.mark.parametrize(
    ("code", "cls"),
    [
        ("not_found", NotFound),
        ("permission_denied", PermissionDenied),
        ("invalid_input", InvalidInput),
    ],
)
def test_codes_that_name_another_kind_of_error_become_that_kind(
    conn: psycopg.Connection[Any], code: str, cls: type[EmporiumError]
) -> None:
    error = raised(conn, code, '{"id": "42"}')
    assert type(error) is cls
    assert error.instance_code == code
    assert error.detail == {"id": "42"}


@pytest.mark.parametrize("message", ["Something Bad", "insufficient stock", "ab", "Not_found"])
def test_a_raised_message_that_is_not_a_snake_case_code_is_no_business_rule(
    conn: psycopg.Connection[Any], message: str
) -> None:
    error = raised(conn, message)
    assert not isinstance(error, BusinessRuleViolation | NotFound)
    assert type(error) is EmporiumError
    assert error.instance_code == "database_error"
    assert "P0001" in error.message
    assert message in error.message


# -------------------------------------------------------------------- by SQLSTATE class
def test_a_unique_violation_is_a_conflict_naming_the_constraint(
    tables: psycopg.Connection[Any],
) -> None:
    error = translate(failure(tables, "insert into parent values (2, 'SKU-1')"))
    assert type(error) is Conflict
    assert error.instance_code == "unique_violation"
    assert error.detail["constraint"] == "parent_sku_key"
    assert error.detail["table"] == "parent"
    assert "parent_sku_key" in error.message
    assert error.http_status == 409


def test_a_check_violation_is_invalid_input(tables: psycopg.Connection[Any]) -> None:
    error = translate(failure(tables, "insert into child values (1, 1, 0)"))
    assert type(error) is InvalidInput
    assert error.instance_code == "check_violation"
    assert error.detail["constraint"] == "quantity_positive"
    assert "quantity_positive" in error.message


def test_a_not_null_violation_names_the_column(tables: psycopg.Connection[Any]) -> None:
    error = translate(failure(tables, "insert into child values (1, 1, null)"))
    assert type(error) is InvalidInput
    assert error.instance_code == "not_null_violation"
    assert error.message == "quantity is required"
    assert error.detail["table"] == "child"


def test_a_foreign_key_violation_is_invalid_input(tables: psycopg.Connection[Any]) -> None:
    error = translate(failure(tables, "insert into child values (1, 999, 3)"))
    assert type(error) is InvalidInput
    assert error.instance_code == "foreign_key_violation"
    assert error.detail["constraint"] == "child_parent_fk"
    assert error.http_status == 422


@pytest.mark.parametrize(
    "statement",
    ["select 'not-a-uuid'::uuid", "select 2147483648::int4", "select 1 / 0"],
)
def test_bad_values_are_invalid_value(conn: psycopg.Connection[Any], statement: str) -> None:
    error = translate(failure(conn, statement))
    assert type(error) is InvalidInput
    assert error.instance_code == "invalid_value"


def test_insufficient_privilege_is_permission_denied(conn: psycopg.Connection[Any]) -> None:
    exc = failure(conn, "select * from private.credentials", PERSONAS["anon"])
    assert exc.sqlstate == "42501"
    error = translate(exc)
    assert type(error) is PermissionDenied
    assert "credentials" in error.message
    assert error.http_status == 403


def test_an_unexpected_error_keeps_its_sqlstate_and_stays_generic(
    conn: psycopg.Connection[Any],
) -> None:
    error = translate(failure(conn, "select * from no_such_table"))
    assert type(error) is EmporiumError
    assert error.instance_code == "database_error"
    assert "42P01" in error.message


# ------------------------------------------------------ the unit of work translates itself
class _Source:
    """A ConnectionSource: one new connection per unit of work."""

    def __init__(self, dsn: str) -> None:
        self.dsn = dsn

    @contextlib.contextmanager
    def connection(self) -> Iterator[psycopg.Connection[Any]]:
        with psycopg.connect(self.dsn) as c:
            yield c


def _stock_table(db: Database) -> None:
    with psycopg.connect(db.admin_dsn) as c:
        c.execute("create table public.stock (sku text primary key, on_hand int)")
        c.execute("grant select, insert on public.stock to service_role")


def test_unit_of_work_raises_the_translated_error_and_commits_nothing(fresh_db: Database) -> None:
    _stock_table(fresh_db)
    source = _Source(fresh_db.admin_dsn)

    def oversell() -> None:
        with unit_of_work(source, Persona.service()) as conn:
            conn.execute("insert into public.stock values ('SKU-1', 2)")
            conn.execute(
                "do $$ begin raise exception 'insufficient_stock'"
                ' using detail = \'{"requested": 5, "available": 2}\'; end $$'
            )

    with pytest.raises(BusinessRuleViolation) as caught:
        oversell()
    assert caught.value.instance_code == "insufficient_stock"
    assert caught.value.detail == {"requested": 5, "available": 2}
    assert isinstance(caught.value.__cause__, psycopg.errors.RaiseException)
    with psycopg.connect(fresh_db.admin_dsn) as check:
        assert check.execute("select count(*) from public.stock").fetchone() == (0,)


def test_unit_of_work_turns_a_constraint_error_into_a_conflict(fresh_db: Database) -> None:
    _stock_table(fresh_db)
    source = _Source(fresh_db.admin_dsn)
    with unit_of_work(source, Persona.service()) as conn:
        conn.execute("insert into public.stock values ('SKU-1', 1)")
    with psycopg.connect(fresh_db.admin_dsn) as check:  # that unit of work was committed
        assert check.execute("select sku, on_hand from public.stock").fetchall() == [("SKU-1", 1)]
    with pytest.raises(Conflict) as caught, unit_of_work(source, Persona.service()) as conn:
        conn.execute("insert into public.stock values ('SKU-1', 2)")
    assert caught.value.instance_code == "unique_violation"
    assert caught.value.detail["constraint"] == "stock_pkey"


def test_unit_of_work_as_anon_is_denied_the_credential_store(fresh_db: Database) -> None:
    with (
        pytest.raises(PermissionDenied),
        unit_of_work(_Source(fresh_db.admin_dsn), PERSONAS["anon"]) as conn,
    ):
        conn.execute("select * from private.credentials")


def test_transaction_as_raises_the_translated_error_and_the_outer_transaction_goes_on(
    conn: psycopg.Connection[Any],
) -> None:
    with pytest.raises(PermissionDenied), transaction_as(conn, PERSONAS["anon"]):
        conn.execute("select * from private.credentials")
    with pytest.raises(NotFound) as caught, transaction_as(conn, PERSONAS["customer_a"]):
        conn.execute(
            "do $$ begin raise exception 'not_found' using detail = '{\"product\": 7}'; end $$"
        )
    assert caught.value.detail == {"product": 7}
    # The savepoint rolled back; the outer transaction is usable and is itself again.
    assert conn.execute("select current_user = session_user").fetchone() == (True,)
