"""Table checksums: equal exactly when two tables hold the same multiset of rows."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest

from emporium.errors import NotFound
from emporium.ops.checksums import TableSum, compare, table_checksums, total_rows
from tests.conftest import Server


@pytest.fixture(scope="module")
def checksum_db(server: Server) -> Iterator[str]:
    name = f"emporium_ck_{uuid.uuid4().hex[:12]}"
    dsn = server.create_database(name)
    yield dsn
    server.drop_database(name)


@pytest.fixture
def db(checksum_db: str) -> Iterator[psycopg.Connection[Any]]:
    """An empty database, in a transaction rolled back after the test (the sums run in the
    caller's transaction; test_backup covers the autocommit path)."""
    with psycopg.connect(checksum_db) as conn:
        yield conn
        conn.rollback()


def sums(conn: psycopg.Connection[Any], *tables: str) -> dict[str, TableSum]:
    return table_checksums(conn, tables=list(tables) if tables else None)


def test_checksums_ignore_row_order_and_physical_layout(db: psycopg.Connection[Any]) -> None:
    db.execute("create table a (id int, name text, at timestamptz)")
    db.execute("create table b (like a)")
    db.execute("insert into a select g, 'n' || g, '2024-01-01'::timestamptz + g * interval '1h'"
               " from generate_series(1, 500) g")  # fmt: skip
    db.execute("insert into b select * from a order by id desc")
    db.execute("update b set name = name where id % 7 = 0")  # moves those rows physically

    got = sums(db, "a", "b")

    assert got["public.a"] == got["public.b"]
    assert got["public.a"].rows == 500


def test_checksums_tell_null_from_empty_string(db: psycopg.Connection[Any]) -> None:
    db.execute("create table with_null (a text, b text)")
    db.execute("create table with_empty (like with_null)")
    db.execute("insert into with_null values (null, 'x')")
    db.execute("insert into with_empty values ('', 'x')")

    got = sums(db)

    assert got["public.with_null"].rows == got["public.with_empty"].rows == 1
    assert got["public.with_null"].checksum != got["public.with_empty"].checksum


def test_a_duplicated_row_changes_the_checksum(db: psycopg.Connection[Any]) -> None:
    db.execute("create table xxy (v text)")
    db.execute("create table xyy (v text)")
    db.execute("insert into xxy values ('x'), ('x'), ('y')")
    db.execute("insert into xyy values ('x'), ('y'), ('y')")
    before = sums(db, "xxy")["public.xxy"]

    db.execute("insert into xxy values ('y')")
    after = sums(db, "xxy", "xyy")

    # same count of rows, other multiset: different
    assert before.rows == after["public.xyy"].rows == 3
    assert before.checksum != after["public.xyy"].checksum
    # one more copy of a row: a new count and a new checksum
    assert after["public.xxy"].rows == 4
    assert after["public.xxy"].checksum not in (before.checksum, after["public.xyy"].checksum)


@pytest.mark.parametrize(
    ("column", "other_value"),
    [
        ("n", "2"),
        ("t", "'unicode ü'"),
        ("d", "1.50"),  # numeric scale shows in the text: 1.5 <> 1.50
        ("at", "'2024-01-01 00:00:01+00'"),
        ("bin", "'\\x0001'::bytea"),
        ("doc", """'{"k": 2}'"""),
        ("flag", "false"),
        ("tags", "'{a,c}'"),
    ],
)
def test_every_column_counts(db: psycopg.Connection[Any], column: str, other_value: str) -> None:
    db.execute(
        "create table t (n int, t text, d numeric, at timestamptz, bin bytea, doc jsonb,"
        " flag bool, tags text[])"
    )
    db.execute(
        "insert into t values (1, 'unicode u', 1.5, '2024-01-01 00:00:00+00', '\\x0000',"
        """ '{"k": 1}', true, '{a,b}')"""
    )
    before = sums(db)["public.t"]

    db.execute(f"update t set {column} = {other_value}")

    after = sums(db)["public.t"]
    assert after.rows == before.rows == 1
    assert after.checksum != before.checksum


def test_checksums_do_not_depend_on_the_session_settings(db: psycopg.Connection[Any]) -> None:
    db.execute("create schema shop")
    db.execute(
        "create table shop.t (at timestamptz, f float8, b bytea, m money, r regclass, i interval)"
    )
    db.execute("insert into shop.t values (now(), 0.1, '\\xdeadbeef', 12.34, 'shop.t', '1 day')")
    plain = sums(db)

    db.execute("set timezone = 'America/New_York'")
    db.execute("set datestyle = 'German'")
    db.execute("set extra_float_digits = 0")
    db.execute("set bytea_output = 'escape'")
    db.execute("set search_path = shop")
    db.execute("set local intervalstyle = 'sql_standard'")
    elsewhere = sums(db)

    assert elsewhere == plain
    # the caller's own settings are theirs again afterwards
    assert db.execute("show timezone").fetchone() == ("America/New_York",)
    assert db.execute("show intervalstyle").fetchone() == ("sql_standard",)
    assert db.execute("show search_path").fetchone() == ("shop",)


def test_column_order_does_not_matter(db: psycopg.Connection[Any]) -> None:
    # pg_dump may recreate an inherited table's columns in another order; sums must agree
    db.execute("create table ab (a int, b text)")
    db.execute("create table ba (b text, a int)")
    db.execute("insert into ab values (1, 'x'), (2, null)")
    db.execute("insert into ba values ('x', 1), (null, 2)")

    got = sums(db)

    assert got["public.ab"] == got["public.ba"]


def test_default_scope_is_the_tables_of_every_user_schema(db: psycopg.Connection[Any]) -> None:
    db.execute("create schema private")
    db.execute("create schema sales")
    db.execute("create table public.p (id int)")
    db.execute("create table private.secret (id int)")
    db.execute("create unlogged table sales.scratch (id int)")
    db.execute("create view public.v as select * from public.p")
    db.execute("create materialized view sales.mv as select 1 as one")
    db.execute("create sequence sales.seq")

    got = sums(db)

    assert set(got) == {"public.p", "private.secret", "sales.scratch"}
    assert set(table_checksums(db, schemas=["sales"])) == {"sales.scratch"}
    assert set(table_checksums(db, tables=["secret", "public.p"])) == {
        "private.secret",
        "public.p",
    }


def test_naming_an_unknown_table_is_an_error(db: psycopg.Connection[Any]) -> None:
    db.execute("create table present (id int)")
    db.execute("create view a_view as select 1 as one")

    with pytest.raises(NotFound) as caught:
        table_checksums(db, tables=["present", "absent", "a_view"])

    assert caught.value.instance_code == "table_not_found"
    assert "absent, a_view" in caught.value.message


def test_a_partitioned_table_sums_its_partitions(db: psycopg.Connection[Any]) -> None:
    db.execute("create table events (id int, kind text) partition by list (kind)")
    db.execute("create table events_a partition of events for values in ('a')")
    db.execute("create table events_b partition of events for values in ('b')")
    db.execute("create table flat (id int, kind text)")
    for table in ("events", "flat"):
        db.execute(f"insert into {table} select g, case when g % 3 = 0 then 'a' else 'b' end"
                   " from generate_series(1, 30) g")  # fmt: skip

    got = sums(db)

    assert got["public.events"] == got["public.flat"]  # same rows, same columns
    assert got["public.events"].partitioned
    assert got["public.events_a"].rows + got["public.events_b"].rows == 30
    assert total_rows(got) == 60  # the parent's rows are its partitions', counted once
    assert set(table_checksums(db, tables=["events"])) == {"public.events"}


def test_compare_names_every_difference() -> None:
    expected = {
        "s.same": TableSum(1, "aa"),
        "s.gone": TableSum(3, "bb"),
        "s.fewer": TableSum(10, "cc"),
        "s.changed": TableSum(2, "dd"),
    }
    actual = {
        "s.same": TableSum(1, "aa"),
        "s.fewer": TableSum(9, "cc"),
        "s.changed": TableSum(2, "ee"),
        "s.new": TableSum(1, "ff"),
    }

    lines = compare(expected, actual)

    assert lines == [
        "s.changed: content differs with the same 2 rows (checksum expected dd, found ee)",
        "s.fewer: rows differ: expected 10, found 9",
        "s.gone: missing (expected 3 rows)",
        "s.new: extra table (1 row) not in the expected set",
    ]
    assert compare(expected, dict(expected)) == []
