"""The transform drops the loaded tables' foreign keys and indexes (and the row map's key)
before the load and builds them after it (emporium.legacy.deferred). These tests hold it
to "exactly as the migrations defined them": the migrated schema equals a freshly built
one, validate notices anything missing, a row that breaks a rebuilt key stops the load
with its name, and a stopped load rolls back."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator

import psycopg
import pytest

from emporium.db import migrate
from emporium.errors import BusinessRuleViolation
from emporium.legacy import deferred, phases, transform, validate
from tests.conftest import Server
from tests.legacy import support
from tests.legacy.conftest import MakeLegacy, Migrated

# Every index and constraint of the emporium schema, as PostgreSQL prints it.
SCHEMA_KEYS = """
select 'index', c.relname::text, i.relname::text, pg_get_indexdef(i.oid)
from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class c on c.oid = x.indrelid
join pg_namespace n on n.oid = c.relnamespace
where n.nspname = 'public' and c.relkind in ('r', 'p')
union all
select 'constraint ' || k.contype::text, c.relname::text, k.conname::text,
       pg_get_constraintdef(k.oid) || case when k.convalidated then '' else ' (not valid)' end
from pg_constraint k join pg_class c on c.oid = k.conrelid
join pg_namespace n on n.oid = c.relnamespace
where n.nspname = 'public' and c.relkind in ('r', 'p')
"""
COMMENTS = """
select i.relname::text, obj_description(i.oid, 'pg_class')
from pg_index x join pg_class i on i.oid = x.indexrelid
join pg_namespace n on n.oid = i.relnamespace
where n.nspname = 'public' and obj_description(i.oid, 'pg_class') is not null
"""


def _keys(dsn: str) -> set[tuple[str, ...]]:
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("set search_path = ''")
        return {tuple(r) for r in conn.execute(SCHEMA_KEYS).fetchall()}


@pytest.fixture(scope="module")
def fresh_schema(server: Server) -> Iterator[str]:
    """A database with only the emporium schema, built by the migrations."""
    name = f"emporium_fresh_{uuid.uuid4().hex[:8]}"
    dsn = server.create_database(name)
    migrate.upgrade(dsn)
    yield dsn
    server.drop_database(name)


def test_a_migrated_schema_has_every_key_and_index_the_migrations_define(
    migrated: Callable[[float, int], Migrated], fresh_schema: str
) -> None:
    m = migrated(0.3, 1)
    assert m.error is None, m.error
    dropped = support.scalar(m.dsn, "select count(*) from reorg.deferred_ddl")
    kinds = dict(support.rows(m.dsn, "select kind, count(*) from reorg.deferred_ddl group by 1"))
    # The load really went without them: foreign keys, plain and unique indexes, the row
    # map's key (so the equality below is about rebuilding, not about never dropping).
    assert set(kinds) == {"primary_key", "unique", "index", "foreign_key"}, kinds
    assert dropped > 80
    assert support.scalar(m.dsn, "select count(*) from reorg.deferred_ddl where not done") == 0

    fresh = _keys(fresh_schema)
    now = _keys(m.dsn)
    assert sorted(fresh - now) == []  # nothing missing ...
    assert sorted(now - fresh) == []  # ... nothing different or extra
    with psycopg.connect(fresh_schema, autocommit=True) as a, psycopg.connect(m.dsn) as b:
        assert set(a.execute(COMMENTS).fetchall()) == set(b.execute(COMMENTS).fetchall())
    row_map_key = support.scalar(
        m.dsn,
        "select pg_get_constraintdef(oid) from pg_constraint"
        " where conrelid = 'reorg.legacy_row_map'::regclass and contype = 'p'",
    )
    assert row_map_key == "PRIMARY KEY (legacy_key, legacy_table, target_table, target_id)"


def test_validate_names_a_dropped_index_or_key_that_is_not_back(
    migrated: Callable[[float, int], Migrated],
) -> None:
    m = migrated(0.3, 1)
    with psycopg.connect(m.dsn) as conn:  # one transaction, rolled back: the database is shared
        check = {c.name: c for c in validate.run(conn)}["dropped keys and indexes rebuilt"]
        assert check.ok, check
        assert check.violations == 0
        conn.execute("drop index public.ix_order_items__order_id")
        conn.execute("alter table public.offers drop constraint fk_offers__vendor_id__vendors")
        conn.execute("alter table reorg.legacy_row_map drop constraint legacy_row_map_pkey")
        check = {c.name: c for c in validate.run(conn)}["dropped keys and indexes rebuilt"]
        conn.rollback()
    assert not check.ok
    assert check.violations == 3
    assert check.examples == [
        "primary_key legacy_row_map_pkey",
        "index ix_order_items__order_id",
        "foreign_key fk_offers__vendor_id__vendors",
    ]


def test_a_row_that_breaks_a_rebuilt_key_stops_the_load_with_the_keys_name(
    make_legacy: MakeLegacy,
) -> None:
    db = make_legacy(scale=0.2, seed=3)
    phases.migrate(db.dsn, phases=["audit", "backup", "move_aside", "build"], options=db.options)
    with psycopg.connect(db.dsn, autocommit=True) as conn:
        tables = [f"public.{t}" for t in transform.written_tables()]
        with conn.transaction():
            dropped = deferred.defer(conn, tables, keyed=["reorg.legacy_row_map"])
        assert dropped > 80
        assert deferred.pending(conn) == dropped
        with conn.transaction():  # a second defer (a resumed run) records nothing again
            assert deferred.defer(conn, tables, keyed=["reorg.legacy_row_map"]) == 0
        # a variant of no product: nothing checks it while the keys are away
        conn.execute(
            "insert into public.product_variants (product_id, sku) values (%s, 'NOBODY-1')",
            [uuid.uuid4()],
        )
        with pytest.raises(BusinessRuleViolation) as caught:
            deferred.restore(conn, lock_timeout="5s")
        err = caught.value
        assert err.instance_code == "transform_rebuild_failed"
        assert (
            "foreign key fk_product_variants__product_id__products on public.product_variants"
            in str(err)
        )
        assert "is not present in table" in str(err)
        # Everything before it is built and marked; it and the rest are still to do.
        failed = support.rows(
            conn,
            "select done from reorg.deferred_ddl"
            " where name = 'fk_product_variants__product_id__products'",
        )
        assert failed == [(False,)]
        assert support.scalar(
            conn, "select bool_and(done) from reorg.deferred_ddl where kind <> 'foreign_key'"
        )
        assert deferred.missing(conn)[0].startswith("foreign_key ")


def test_foreign_keys_added_unchecked_by_a_killed_run_are_checked_not_added_again(
    make_legacy: MakeLegacy,
) -> None:
    """Restore adds each foreign key NOT VALID, then validates it in the transaction that
    marks it done. A run killed between the two leaves unchecked keys behind: the next one
    validates them, on two connections, and every key ends exactly as recorded."""
    db = make_legacy(scale=0.2, seed=4)
    phases.migrate(db.dsn, phases=["audit", "backup", "move_aside", "build"], options=db.options)
    with psycopg.connect(db.dsn, autocommit=True) as conn:
        tables = [f"public.{t}" for t in transform.written_tables()]
        with conn.transaction():
            deferred.defer(conn, tables, keyed=["reorg.legacy_row_map"])
        recorded = conn.execute(
            "select seq, kind, table_name, name, ddl, comment, index_comment"
            " from reorg.deferred_ddl order by seq"
        ).fetchall()
        foreign = [d for d in recorded if d[1] == "foreign_key"]
        assert len(foreign) > 20
        # the killed run had built the keys and added half the foreign keys unchecked
        for definition in recorded:
            if definition[1] != "foreign_key":
                deferred._build(conn, definition, "5s")
        for definition in foreign[: len(foreign) // 2]:
            deferred._add_unchecked(conn, definition, "5s")
        unchecked = "select count(*) from pg_constraint where contype = 'f' and not convalidated"
        assert support.scalar(conn, unchecked) == len(foreign) // 2

        assert deferred.restore(conn, lock_timeout="5s", dsn=db.dsn, workers=2) == len(foreign)

        assert support.scalar(conn, unchecked) == 0
        assert deferred.pending(conn) == 0
        assert deferred.missing(conn) == []


def test_a_key_that_fails_while_two_connections_rebuild_stops_both_and_is_named(
    make_legacy: MakeLegacy,
) -> None:
    """The keys and indexes are rebuilt on two connections: a duplicate breaking a unique
    index on one stops the load with its name, the other connection ends after its current
    table, and what was built stays marked done for the next run."""
    db = make_legacy(scale=0.2, seed=3)
    phases.migrate(db.dsn, phases=["audit", "backup", "move_aside", "build"], options=db.options)
    with psycopg.connect(db.dsn, autocommit=True) as conn:
        tables = [f"public.{t}" for t in transform.written_tables()]
        with conn.transaction():
            deferred.defer(conn, tables, keyed=["reorg.legacy_row_map"])
        conn.execute(
            "insert into public.product_variants (product_id, sku) values (%s, 'TWICE-1'),"
            " (%s, 'TWICE-1')",
            [uuid.uuid4(), uuid.uuid4()],
        )
        with pytest.raises(BusinessRuleViolation) as caught:
            deferred.restore(conn, lock_timeout="5s", dsn=db.dsn, workers=2)
        assert caught.value.instance_code == "transform_rebuild_failed"
        assert "uq_product_variants__sku on public.product_variants" in str(caught.value)
        assert "TWICE-1" in str(caught.value)
        states = dict(
            support.rows(
                conn, "select name, done from reorg.deferred_ddl where kind <> 'foreign_key'"
            )
        )
        assert states["uq_product_variants__sku"] is False
        assert any(states.values())  # the other connection's tables were built and kept
        assert not support.scalar(
            conn, "select bool_or(done) from reorg.deferred_ddl where kind = 'foreign_key'"
        )
        assert (
            support.scalar(  # no connection of ours is left behind
                conn,
                "select count(*) from pg_stat_activity where datname = current_database()"
                " and backend_type = 'client backend' and pid <> pg_backend_pid()",
            )
            == 0
        )


class Stopped(Exception):
    pass


def test_rollback_of_a_load_stopped_between_drop_and_rebuild_restores_everything(
    make_legacy: MakeLegacy,
) -> None:
    db = make_legacy(scale=0.2, seed=5)
    before_sums = support.legacy_sums(db.dsn, "public")
    before_catalog = support.catalog(db.dsn)
    phases.migrate(db.dsn, phases=["audit", "backup", "move_aside", "build"], options=db.options)
    with psycopg.connect(db.dsn, autocommit=True) as conn:
        # the first steps of a transform, then a stop: keys and indexes are away, rows loaded

        def stop_after_sneakers(step: str, _done: int, _total: int) -> None:
            if step == "sneakers":
                raise Stopped

        with pytest.raises(Stopped):
            transform.run(conn, progress=stop_after_sneakers)
        assert deferred.pending(conn) > 80
        assert support.scalar(conn, "select count(*) from public.products") > 0

    phases.rollback(db.dsn)

    assert support.legacy_sums(db.dsn, "public") == before_sums
    assert support.catalog(db.dsn) == before_catalog
