"""The legacy shape check: the packaged contract parsed, and each kind of difference between
a live schema and it reported in one precise line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from emporium.db.connect import Database
from emporium.legacy import demo_db, shape
from tests.conftest import REPO

SHARED_SCHEMA = REPO.parent / "shared" / "legacy" / "schema.sql"


@pytest.fixture
def legacy_db(empty_db: Database) -> Iterator[psycopg.Connection[Any]]:
    """A small legacy demo database, and an autocommit connection to it."""
    demo_db.create(empty_db.admin_dsn, scale=0.1, seed=1)
    with psycopg.connect(empty_db.admin_dsn, autocommit=True) as conn:
        yield conn


def test_the_packaged_schema_is_the_shared_contract_byte_for_byte() -> None:
    if not SHARED_SCHEMA.exists():
        pytest.skip(f"the shared specs are not beside this checkout ({SHARED_SCHEMA})")
    packaged = Path(shape.__file__).with_name("schema.sql")
    assert packaged.read_bytes() == SHARED_SCHEMA.read_bytes()
    assert shape.schema_sql() == SHARED_SCHEMA.read_text(encoding="utf-8")


def test_expected_tables_lists_the_seven_tables_in_declared_order_with_catalog_types() -> None:
    tables = shape.expected_tables()
    assert list(tables) == [
        "users", "sneakers", "products", "orders", "order_items", "dealers", "dealer_prices",
    ]  # fmt: skip
    assert tables["dealer_prices"] == [
        ("dealer_id", "integer"), ("sku", "text"), ("price", "text"), ("min_qty", "integer"),
    ]  # fmt: skip
    sneakers = dict(tables["sneakers"])
    assert sneakers["id"] == "integer"  # serial
    assert sneakers["created_at"] == "timestamp without time zone"
    assert dict(tables["users"])["created_at"] == "timestamp with time zone"  # timestamptz
    assert dict(tables["products"])["variants"] == "jsonb"
    assert [c for c, _ in tables["orders"]] == [
        "id", "user_id", "status", "total", "shipping_address", "created_at",
    ]  # fmt: skip
    tables["users"].clear()  # a copy: the caller can't damage the contract
    assert shape.expected_tables()["users"]


DDL_TYPES = [
    "serial", "bigserial", "int", "int8", "smallint", "text", "varchar(20)", "char(3)",
    "numeric(12,2)", "decimal", "timestamptz", "timestamp", "timestamp(3)", "timestamptz(0)",
    "time", "bool", "float8", "real", "jsonb", "uuid", "text[]", "integer[]", "date",
]  # fmt: skip


def test_normalized_ddl_types_are_what_postgres_format_type_reports(empty_db: Database) -> None:
    columns = ", ".join(f"c{i} {t}" for i, t in enumerate(DDL_TYPES))
    with psycopg.connect(empty_db.admin_dsn) as conn:
        conn.execute(f"create table probe ({columns})")
        reported = conn.execute(
            "select format_type(atttypid, atttypmod) from pg_attribute"
            " where attrelid = 'probe'::regclass and attnum > 0 order by attnum"
        ).fetchall()
        conn.rollback()
    assert [shape.normalize_type(t) for t in DDL_TYPES] == [r[0] for r in reported]


def test_parse_tables_skips_comments_defaults_and_table_constraints() -> None:
    ddl = """
    -- a comment (with parentheses, commas, and a CREATE TABLE fake (x int);)
    CREATE TABLE IF NOT EXISTS public."things" (
        id      bigserial PRIMARY KEY,      -- trailing comment, with a comma
        label   varchar(40) NOT NULL DEFAULT lower('A, B'),
        amount  numeric(10, 2) CHECK (amount > 0),
        /* block comment */
        tags    text[],
        CONSTRAINT things_label_key UNIQUE (label),
        PRIMARY KEY (id)
    );
    """
    assert shape.parse_tables(ddl) == {
        "things": [
            ("id", "bigint"),
            ("label", "character varying(40)"),
            ("amount", "numeric(10,2)"),
            ("tags", "text[]"),
        ]
    }


def test_the_shape_matches_right_after_demo_db_create(
    legacy_db: psycopg.Connection[Any],
) -> None:
    assert shape.check(legacy_db) == []


def test_each_kind_of_difference_is_reported_in_one_precise_line(
    legacy_db: psycopg.Connection[Any],
) -> None:
    # Given a legacy database that drifted in every way the check knows
    legacy_db.execute("drop table dealer_prices")
    legacy_db.execute("alter table sneakers alter column size type integer using null")
    legacy_db.execute("alter table orders add column extra_col text")
    legacy_db.execute("alter table users drop column phone")
    legacy_db.execute("drop table dealers")
    legacy_db.execute(
        "create view dealers as select id, company_name, contact_email, tier, discount_pct,"
        " rep_email, shopify_customer_id, created_at from orders, (select"
        " null::text company_name, null::text contact_email, null::text tier,"
        " null::numeric discount_pct, null::text rep_email, null::text shopify_customer_id) x"
    )
    # When the shape is checked, then each difference is one line, and nothing else
    assert sorted(shape.check(legacy_db)) == sorted(
        [
            "table public.dealer_prices is missing",
            "public.sneakers.size is integer, expected text",
            "public.orders has column extra_col not in the legacy shape",
            "public.users.phone is missing (expected text)",
            "public.dealers is a view, expected a table",
        ]
    )


def test_check_in_schema_follows_the_tables_to_schema_legacy(
    legacy_db: psycopg.Connection[Any],
) -> None:
    legacy_db.execute("create schema legacy")
    for table in shape.expected_tables():
        legacy_db.execute(f"alter table public.{table} set schema legacy")
    assert shape.check_in_schema(legacy_db, "legacy") == []
    everything_missing = [f"table public.{t} is missing" for t in shape.expected_tables()]
    assert shape.check(legacy_db) == everything_missing
    assert shape.check_in_schema(legacy_db, "no_such_schema")[0] == (
        "table no_such_schema.users is missing"
    )


def test_an_emporium_database_reports_its_differences_instead_of_matching(
    fresh_db: Database,
) -> None:
    with psycopg.connect(fresh_db.admin_dsn) as conn:
        problems = shape.check(conn)
        conn.rollback()
    # emporium has users, products, orders and order_items, but not in the legacy shape
    for missing in ("sneakers", "dealers", "dealer_prices"):
        assert f"table public.{missing} is missing" in problems
    assert "public.users.store_name is missing (expected text)" in problems
    assert "public.products.kicksdb_id is missing (expected text)" in problems
    assert "public.order_items.product_ref is missing (expected text)" in problems
    assert any(p.startswith("public.orders has column ") for p in problems)
    assert not any(p.startswith("table public.users ") for p in problems)
