"""The compatibility views: the legacy names and columns over the migrated data, readable
by the legacy backend's service connection only, and refusing every write with a message
that says where to write now. Also: the whole migration on a Supabase-like database."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import psycopg
import pytest
from psycopg import sql

from emporium.db.errors import translate
from emporium.legacy import parsers, phases, validate
from emporium.legacy.state import LEGACY_TABLES
from tests.conftest import Server
from tests.legacy import support
from tests.legacy.conftest import Migrated, _make
from tests.security.test_supabase_compat import AUTH_OBJECTS, SUPABASE_PREPARATION

SCALE, SEED = 0.3, 1
# Each view and a column that names its rows.
VIEWS = {
    "sneakers": "id",
    "users_legacy": "id",
    "products_legacy": "id",
    "orders_legacy": "id",
    "order_items_legacy": "id",
    "dealers": "id",
    "dealer_prices": "dealer_id",
}


@pytest.fixture(scope="module")
def run(migrated: Callable[[float, int], Migrated]) -> Migrated:
    m = migrated(SCALE, SEED)
    assert support.phase_status(m.dsn)["compat"] == "done", m.error
    return m


@pytest.fixture
def conn(run: Migrated) -> Any:
    with run.connect() as c:
        yield c


def _money(amount: Decimal | None) -> str | None:
    return None if amount is None else f"{amount:.2f}"


def _size_label(raw: str | None) -> str | None:
    """MAPPING.md: sizes normalize to US (EU/UK converted), else are kept as a label."""
    size = parsers.parse_size(raw)
    return parsers.parse_size(f"US {size.us}").label if size.us is not None else size.label


def test_the_compat_views_are_exactly_the_seven_legacy_names() -> None:
    assert set(phases.COMPAT_VIEWS) == set(VIEWS)


def test_public_sneakers_shows_a_migrated_sneaker_under_its_legacy_id(conn: Any) -> None:
    view = {
        r[0]: r
        for r in conn.execute(
            "select id, name, size, condition, price, style_code, quantity from public.sneakers"
        )
    }
    legacy = {
        r[0]: r
        for r in conn.execute(
            "select id, name, size, condition, price, style_code, quantity from legacy.sneakers"
        )
    }
    view.pop(None, None)  # (rows without a legacy id: see the test below)
    assert view
    assert set(view) <= set(legacy)

    # A listing that is the only legacy row of its offer and of its product (one it made
    # of its own) shows its own name, size, condition, price and style code.
    alone = [
        int(key)
        for (key,) in conn.execute(
            "select m.legacy_key from reorg.legacy_row_map m"
            " join reorg.legacy_row_map p on p.legacy_table = 'sneakers'"
            "  and p.legacy_key = m.legacy_key and p.target_table = 'products'"
            " join public.products pr on pr.id::text = p.target_id and pr.source = 'legacy'"
            " where m.legacy_table = 'sneakers' and m.target_table = 'offers'"
            " and (select count(*) from reorg.legacy_row_map o where o.target_table = 'offers'"
            "      and o.target_id = m.target_id) = 1"
            " and (select count(*) from reorg.legacy_row_map o where o.target_table = 'products'"
            "      and o.target_id = p.target_id) = 1"
        )
    ]
    assert alone, "demo-db should hold listings of products of their own"
    for sid in alone:
        _, name, size, condition, price, style, _ = legacy[sid]
        assert view[sid][:6] == (
            sid,
            parsers.display_name(name),
            _size_label(size),
            parsers.parse_condition(condition).value,
            _money(parsers.parse_money(price).amount),
            parsers.parse_style_code(style).code,
        ), sid

    # Every priced listing can be found: under its own id, or under the id of the listing
    # it shares its offer with.
    offer_of = dict(
        conn.execute(
            "select legacy_key::int, target_id from reorg.legacy_row_map"
            " where legacy_table = 'sneakers' and target_table = 'offers'"
        ).fetchall()
    )
    shown_offers = {offer_of[i] for i in view}
    priced = [i for i, r in legacy.items() if parsers.parse_money(r[4]).amount is not None]
    assert [i for i in priced if i not in view and offer_of.get(i) not in shown_offers] == []


def test_every_row_of_public_sneakers_has_a_legacy_id_of_its_own(conn: Any) -> None:
    """sneakers.id is the legacy table's primary key: a legacy reader relies on it being
    there and unique. (The house offers made from the KicksDB ``variants`` JSON were never
    legacy listings.)"""
    ids = [r[0] for r in conn.execute("select id from public.sneakers")]
    assert [i for i in ids if i is None] == []
    assert len(ids) == len(set(ids))


def test_public_dealers_lists_every_legacy_dealer_id(conn: Any) -> None:
    legacy = dict(conn.execute("select id, company_name from legacy.dealers").fetchall())
    view = dict(conn.execute("select id, company_name from public.dealers").fetchall())
    assert set(view) == set(legacy)
    for did, name in legacy.items():
        assert view[did] == (parsers.display_name(name) or f"Dealer #{did}"), did


def test_orders_legacy_ids_are_the_legacy_order_ids_with_their_totals(conn: Any) -> None:
    legacy = dict(conn.execute("select id, total from legacy.orders").fetchall())
    view = dict(conn.execute("select id, total from public.orders_legacy").fetchall())
    assert set(view) == set(legacy)
    for oid, total in legacy.items():
        amount = parsers.parse_money(total).amount
        assert view[oid] == (_money(amount.quantize(Decimal("0.01"))) if amount else "0.00")


def test_order_items_legacy_ids_are_the_migrated_legacy_order_items(conn: Any) -> None:
    mapped = {
        int(k)
        for (k,) in conn.execute(
            "select legacy_key from reorg.legacy_row_map where legacy_table = 'order_items'"
        )
    }
    view = dict(conn.execute("select id, order_id from public.order_items_legacy").fetchall())
    assert set(view) == mapped
    legacy = dict(conn.execute("select id, order_id from legacy.order_items").fetchall())
    assert {i: legacy[i] for i in view} == view


def test_users_legacy_and_products_legacy_cover_the_migrated_users_and_kicksdb_ids(
    conn: Any,
) -> None:
    winners = {
        r[0]
        for r in conn.execute(
            "select target_id::uuid from reorg.legacy_row_map where legacy_table = 'users'"
            " and target_table = 'users'"
        )
    }
    assert {r[0] for r in conn.execute("select id from public.users_legacy")} == winners
    kicksdb = {
        k.strip()
        for (k,) in conn.execute("select kicksdb_id from legacy.products")
        if k and k.strip()
    }
    shown = {r[0] for r in conn.execute("select kicksdb_id from public.products_legacy")}
    assert shown - {None} == kicksdb


def test_dealer_prices_view_shows_each_migrated_price_with_its_volume_break(conn: Any) -> None:
    view = {
        (dealer, parsers.parse_style_code(sku).key, price, min_qty)
        for dealer, sku, price, min_qty in conn.execute(
            "select dealer_id, sku, price, min_qty from public.dealer_prices"
        )
    }
    merged = {
        k
        for (k,) in conn.execute(
            "select legacy_key from reorg.legacy_issues where legacy_table = 'dealer_prices'"
            " and reason_code = 'merged_duplicate'"
        )
    }
    mapped = {
        k
        for (k,) in conn.execute(
            "select legacy_key from reorg.legacy_row_map where legacy_table = 'dealer_prices'"
        )
    }
    checked = 0
    for key, dealer, sku, price, min_qty in conn.execute(
        "select ctid::text, dealer_id, sku, price, min_qty from legacy.dealer_prices"
    ):
        if key not in mapped or key in merged:
            continue
        row = (
            dealer,
            parsers.parse_style_code(sku).key,
            _money(parsers.parse_money(price).amount),
            min_qty if min_qty is not None and min_qty >= 1 else 1,
        )
        assert row in view, key
        checked += 1
    assert checked > 100


# ------------------------------------------------------------------------------- writes
def _statements(view: str, column: str) -> dict[str, sql.Composed]:
    v, c = sql.Identifier("public", view), sql.Identifier(column)
    one = sql.SQL("(select {c} from {v} where {c} is not null limit 1)").format(c=c, v=v)
    return {
        "insert": sql.SQL("insert into {} default values").format(v),
        "update": sql.SQL("update {v} set {c} = {c} where {c} = {one}").format(v=v, c=c, one=one),
        "delete": sql.SQL("delete from {v} where {c} = {one}").format(v=v, c=c, one=one),
    }


@pytest.mark.parametrize("kind", ["insert", "update", "delete"])
@pytest.mark.parametrize("view", sorted(VIEWS))
def test_a_write_through_a_compat_view_is_refused_saying_where_to_write(
    conn: Any, view: str, kind: str
) -> None:
    before = support.scalar(conn, f"select count(*) from public.{view}")
    assert before > 0
    with pytest.raises(psycopg.errors.RaiseException) as refused:
        conn.execute(_statements(view, VIEWS[view])[kind])
    exc = refused.value
    assert exc.sqlstate == "P0001"
    assert exc.diag.message_primary == "legacy_view_read_only"
    detail = json.loads(exc.diag.message_detail or "{}")
    assert detail["view"] == f"public.{view}"
    assert detail["write_to"].startswith("public.")
    assert f"write to {detail['write_to']}" in detail["message"]
    error = translate(exc)
    assert error.instance_code == "legacy_view_read_only"
    assert error.message == detail["message"]
    assert support.scalar(conn, f"select count(*) from public.{view}") == before


def test_the_compat_views_are_not_granted_to_api_clients(conn: Any) -> None:
    for view in VIEWS:
        for role in ("anon", "authenticated"):
            assert not support.scalar(
                conn, "select has_table_privilege(%s, %s, 'select')", [role, f"public.{view}"]
            ), (role, view)
        assert support.scalar(
            conn, "select has_table_privilege('service_role', %s, 'select')", [f"public.{view}"]
        )
        assert not support.scalar(
            conn, "select has_table_privilege('service_role', %s, 'insert')", [f"public.{view}"]
        )


@pytest.mark.parametrize("role", ["anon", "authenticated", "service_role"])
def test_no_api_role_reads_or_writes_the_migrations_own_schema(conn: Any, role: str) -> None:
    """reorg holds the accounting and every legacy value; only the owner may touch it.
    Denied twice over: no USAGE on the schema, and RLS without a policy on every table."""
    tables = [
        r[0]
        for r in conn.execute(
            "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
            " where n.nspname = 'reorg' and c.relkind = 'r' order by 1"
        )
    ]
    assert "legacy_row_map" in tables
    assert "legacy_quarantine" in tables
    assert not support.scalar(conn, "select has_schema_privilege(%s, 'reorg', 'usage')", [role])
    without_rls = support.scalar(
        conn,
        "select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace"
        " where n.nspname = 'reorg' and c.relkind = 'r' and not c.relrowsecurity",
    )
    assert without_rls == 0
    for statement in (
        "select count(*) from reorg.legacy_row_map",
        "insert into reorg.legacy_issues values ('users', 'x', 'y', 'z')",
        "delete from reorg.legacy_quarantine",
    ):
        with conn.transaction():
            conn.execute(f"set local role {role}")
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)


def test_the_owner_reads_the_migrations_own_schema(conn: Any) -> None:
    assert support.scalar(conn, "select count(*) from reorg.legacy_row_map") > 0


# ---------------------------------------------------------------------------- Supabase
@dataclass
class SupabaseRun:
    """A legacy demo database prepared like Supabase, migrated, read, rolled back."""

    phases: dict[str, str]
    failed_checks: list[str]
    reads: dict[tuple[str, str], int | str]  # (view, role) -> rows, or "denied"
    legacy: tuple[dict[str, Any], dict[str, Any]]  # before, after rollback
    auth: tuple[set[tuple[Any, ...]], set[tuple[Any, ...]]]
    catalog: tuple[set[tuple[str, str, str]], set[tuple[str, str, str]]]


def _read(c: psycopg.Connection[Any], view: str, role: str) -> int | str:
    """Rows of VIEW as ROLE ("owner": the migrator's own connection), or "denied"."""
    with c.transaction(force_rollback=True):
        if role != "owner":
            c.execute(sql.SQL("set local role {}").format(sql.Identifier(role)))
        try:
            with c.transaction():
                return int(support.scalar(c, f"select count(*) from public.{view}"))
        except psycopg.errors.InsufficientPrivilege:
            return "denied"


@pytest.fixture(scope="module")
def supabase(server: Server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SupabaseRun]:
    db = _make(server, tmp_path_factory.mktemp("supabase"), 0.3, 12, SUPABASE_PREPARATION)
    try:
        legacy_before = support.legacy_sums(db.dsn, "public")
        catalog_before = support.catalog(db.dsn)
        auth_before = support.rowset(db.dsn, AUTH_OBJECTS)
        phases.migrate(db.dsn, options=db.options)
        status = support.phase_status(db.dsn)
        with psycopg.connect(db.dsn, autocommit=True) as c:
            failed = [x.name for x in validate.run(c) if not x.ok]
            reads = {
                (view, role): _read(c, view, role)
                for view in VIEWS
                for role in ("anon", "authenticated", "service_role", "owner")
            }
        phases.rollback(db.dsn)
        yield SupabaseRun(
            status,
            failed,
            reads,
            (legacy_before, support.legacy_sums(db.dsn, "public")),
            (auth_before, support.rowset(db.dsn, AUTH_OBJECTS)),
            (catalog_before, support.catalog(db.dsn)),
        )
    finally:
        server.drop_database(db.name)


def test_on_a_supabase_like_database_every_phase_runs_and_validation_passes(
    supabase: SupabaseRun,
) -> None:
    assert supabase.phases == support.all_done()
    assert supabase.failed_checks == []


def test_on_a_supabase_like_database_only_service_role_reads_the_compat_views(
    supabase: SupabaseRun,
) -> None:
    for view in VIEWS:
        assert supabase.reads[(view, "anon")] == "denied", view
        assert supabase.reads[(view, "authenticated")] == "denied", view
        everything = supabase.reads[(view, "owner")]
        assert isinstance(everything, int)
        assert everything > 0
        assert supabase.reads[(view, "service_role")] == everything, view


def test_on_a_supabase_like_database_rollback_restores_the_tables_and_leaves_auth_intact(
    supabase: SupabaseRun,
) -> None:
    before, after = supabase.legacy
    assert set(before) == set(LEGACY_TABLES)
    assert after == before
    assert supabase.auth[1] == supabase.auth[0]
    assert len(supabase.auth[0]) > 3
    # everything else as it was (the public schema's own privileges: the next test)
    catalog_before, catalog_after = (
        {c for c in cat if c[:2] != ("schema", "public")} for cat in supabase.catalog
    )
    added, gone = sorted(catalog_after - catalog_before), sorted(catalog_before - catalog_after)
    assert (added, gone) == ([], []), f"after rollback: {added}; before: {gone}"


def test_on_a_supabase_like_database_rollback_leaves_the_public_schema_privileges_as_they_were(
    supabase: SupabaseRun,
) -> None:
    """Supabase grants USAGE on schema public to anon, authenticated and service_role (its
    API depends on it). The build's migrations grant the same; rolling them back must
    not take Supabase's grants away."""
    before, after = ({c for c in cat if c[:2] == ("schema", "public")} for cat in supabase.catalog)
    assert after == before
