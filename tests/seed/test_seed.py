"""The seed generator: every table filled, every status, the stock ledger, determinism,
refusing a second run, one transaction, search, and the demo built on it."""

from __future__ import annotations

import io
import re
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import psycopg
import pytest
from psycopg import sql
from rich.console import Console

from emporium.db.connect import Database
from emporium.demo import DEMO_USERS, load_demo_data
from emporium.errors import Conflict, InvalidInput
from emporium.orders.models import ORDER_STATUSES
from emporium.rfq.models import RFQ_STATUSES
from emporium.seed import generate
from tests.conftest import Server

SCALE = 0.05  # 50 products, ~500 variants: about a second
SEED = 7

# Public tables the seed may leave empty, and why: none. Every table gets rows, audit_log
# included (its trigger is off only for the bulk-loaded products, product_variants, offers
# and price_list_entries).
ALLOWED_EMPTY: frozenset[str] = frozenset()


def _seed(db: Database, seed: int = SEED, scale: float = SCALE, *, alongside: bool = False) -> str:
    return generate.run(
        db.admin_dsn,
        scale=scale,
        seed=seed,
        console=Console(file=io.StringIO()),
        alongside=alongside,
    )


def _one(conn: psycopg.Connection[Any], query: str, params: Any = None) -> Any:
    row = conn.execute(query, params).fetchone()
    assert row is not None
    return row[0]


def _checksum(conn: psycopg.Connection[Any], table: str) -> str:
    query = sql.SQL("select md5(string_agg(t::text, '' order by t.id)) from public.{} t").format(
        sql.Identifier(table)
    )
    row = conn.execute(query).fetchone()
    assert row is not None
    assert row[0]
    return str(row[0])


@pytest.fixture
def make_db(server: Server, template_db: str) -> Iterator[Callable[[], Database]]:
    """More migrated databases of the test's own, dropped afterwards."""
    names: list[str] = []

    def make() -> Database:
        names.append(f"emporium_seed_{uuid.uuid4().hex[:12]}")
        dsn = server.create_database(names[-1], template=template_db)
        return Database(admin_dsn=dsn, api_dsn=dsn)

    yield make
    for name in names:
        server.drop_database(name)


def test_seed_fills_every_table_and_reaches_every_status(fresh_db: Database) -> None:
    summary = _seed(fresh_db)
    assert re.search(
        r"in \d+\.\ds, in one transaction: 50 products, [\d,]+ product_variants", summary
    )
    with psycopg.connect(fresh_db.admin_dsn) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "select tablename from pg_tables where schemaname = 'public' order by 1"
            ).fetchall()
        ]
        assert len(tables) >= 46
        empty = [
            t
            for t in tables
            if not _one(
                conn,
                sql.SQL("select count(*) from public.{}").format(sql.Identifier(t)).as_string(),
            )
        ]
        assert set(empty) <= ALLOWED_EMPTY, f"tables left empty: {empty}"
        for table in tables:
            assert f" {table}" in summary, f"{table} missing from the summary"

        order_statuses = {r[0] for r in conn.execute("select distinct status from orders")}
        assert order_statuses == set(ORDER_STATUSES)
        rfq_statuses = {r[0] for r in conn.execute("select distinct status from rfqs")}
        assert rfq_statuses == set(RFQ_STATUSES)
        # the machines were walked: history starts at the first status and ends at the current
        assert not conn.execute(
            "select o.id from orders o"
            " join lateral (select array_agg(h.to_status order by h.id) as path,"
            "                      (array_agg(h.from_status order by h.id))[1] as first_from"
            "               from order_status_history h where h.order_id = o.id) h on true"
            " where h.path[1] <> 'pending' or h.first_from is not null"
            "    or h.path[array_length(h.path, 1)] <> o.status"
        ).fetchall()
        assert _one(conn, "select count(*) from order_status_history where note = 'seed'") > 0
        assert not conn.execute(
            "select r.id from rfqs r where r.status <> (select e.to_status from rfq_events e"
            " where e.rfq_id = r.id order by e.id desc limit 1)"
        ).fetchall()
        # converted RFQs became exactly one order each, at the quoted prices
        assert _one(conn, "select count(*) from rfqs where status = 'converted'") == _one(
            conn, "select count(*) from orders where source = 'rfq' and rfq_id is not null"
        )
        assert not conn.execute(
            "select 1 from order_items i join orders o on o.id = i.order_id"
            " where o.source = 'rfq' and i.price_source <> 'quote'"
        ).fetchall()
        # money adds up and follows the status
        assert not conn.execute(
            "select o.id from orders o join order_items i on i.order_id = o.id"
            " group by o.id having o.subtotal <> sum(i.line_total)"
        ).fetchall()
        assert not conn.execute(
            "select o.id from orders o where o.status in ('paid', 'fulfilled', 'shipped',"
            " 'delivered', 'refunded') and not exists (select 1 from payments p where"
            " p.order_id = o.id and p.captured_at is not null)"
        ).fetchall()
        assert not conn.execute(
            "select o.id from orders o where o.status = 'refunded' and not exists"
            " (select 1 from refunds r where r.order_id = o.id)"
        ).fetchall()
        assert not conn.execute(
            "select o.id from orders o where o.status in ('shipped', 'delivered') and not exists"
            " (select 1 from shipments s join shipment_items si on si.shipment_id = s.id"
            "  where s.order_id = o.id)"
        ).fetchall()
        # order numbers are the trigger's format and the counters continue after them
        numbers = [r[0] for r in conn.execute("select number from orders")]
        assert all(re.fullmatch(r"EM-\d{4}-\d{6}", n) for n in numbers)
        assert not conn.execute(
            "select c.year from private.document_counters c where c.prefix = 'EM' and"
            " c.last_value <> (select max(split_part(o.number, '-', 3)::int) from orders o"
            "                  where split_part(o.number, '-', 2)::int = c.year)"
        ).fetchall()


def test_the_stock_ledger_explains_every_level(fresh_db: Database) -> None:
    _seed(fresh_db)
    with psycopg.connect(fresh_db.admin_dsn) as conn:
        assert _one(conn, "select count(*) from stock_levels") > 0
        assert not conn.execute(
            "select l.location_id, l.variant_id from stock_levels l"
            " left join (select location_id, variant_id, sum(delta) as total"
            "            from stock_movements group by 1, 2) m using (location_id, variant_id)"
            " where l.on_hand <> coalesce(m.total, 0)"
        ).fetchall()
        assert _one(conn, "select count(*) from stock_levels") == _one(
            conn, "select count(*) from stock_movements where kind = 'opening_balance'"
        )
        assert _one(conn, "select count(*) from stock_levels where reserved <> 0") == 0
        assert _one(conn, "select count(*) from stock_reservations where status = 'active'") == 0
        # every offer's vendor holds stock of it; sizes follow the US 4..15 half-size run
        assert not conn.execute(
            "select o.id from offers o where not exists (select 1 from stock_levels l"
            " where l.vendor_id = o.vendor_id and l.variant_id = o.variant_id)"
        ).fetchall()
        assert not conn.execute(
            "select id from product_variants where size_us is not null and (size_us < 4"
            " or size_us > 15 or size_us * 2 <> round(size_us * 2)"
            " or size_label <> 'US ' || trim_scale(size_us)::text)"
        ).fetchall()


def test_same_seed_gives_the_same_data_and_another_seed_does_not(
    fresh_db: Database, make_db: Callable[[], Database]
) -> None:
    twin, other = make_db(), make_db()
    _seed(fresh_db)
    _seed(twin)
    _seed(other, seed=SEED + 1)
    tables = ("products", "product_variants", "offers", "vendors", "users")
    with (
        psycopg.connect(fresh_db.admin_dsn) as a,
        psycopg.connect(twin.admin_dsn) as b,
        psycopg.connect(other.admin_dsn) as c,
    ):
        for table in tables:
            assert _checksum(a, table) == _checksum(b, table), table
        for table in ("products", "product_variants", "offers"):
            assert _checksum(a, table) != _checksum(c, table), table


def test_seeding_twice_is_refused_and_changes_nothing(fresh_db: Database) -> None:
    _seed(fresh_db)
    with psycopg.connect(fresh_db.admin_dsn) as conn:
        before = _checksum(conn, "products"), _one(conn, "select count(*) from users")
    with pytest.raises(Conflict) as caught:
        _seed(fresh_db, seed=SEED + 1)
    assert caught.value.instance_code == "already_seeded"
    with psycopg.connect(fresh_db.admin_dsn) as conn:
        assert (_checksum(conn, "products"), _one(conn, "select count(*) from users")) == before


def test_a_database_with_other_data_is_refused(world_db: Database) -> None:
    with pytest.raises(Conflict) as caught:
        _seed(world_db)
    assert caught.value.instance_code == "database_not_empty"


def test_a_failure_leaves_nothing_behind(
    fresh_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(generate, "seed_integrations", boom)
    with pytest.raises(RuntimeError, match="boom"):
        _seed(fresh_db)
    with psycopg.connect(fresh_db.admin_dsn) as conn:
        for table in ("vendors", "products", "orders", "audit_log"):
            assert _one(conn, f"select count(*) from public.{table}") == 0, table
        # the audit triggers disabled for the bulk load are on again
        assert not conn.execute(
            "select c.relname from pg_trigger t join pg_class c on c.oid = t.tgrelid"
            " where t.tgname = 'tg__audit' and t.tgenabled <> 'O'"
        ).fetchall()


def test_audit_is_skipped_for_the_bulk_load_only(fresh_db: Database) -> None:
    _seed(fresh_db)
    with psycopg.connect(fresh_db.admin_dsn) as conn:
        audited = {r[0] for r in conn.execute("select distinct table_name from audit_log")}
        assert audited.isdisjoint(generate.AUDIT_SKIPPED)
        assert {"vendors", "users", "accounts", "orders", "rfqs"} <= audited
        assert not conn.execute(
            "select c.relname from pg_trigger t join pg_class c on c.oid = t.tgrelid"
            " where t.tgname = 'tg__audit' and t.tgenabled <> 'O'"
        ).fetchall()


def test_search_finds_a_seeded_product_by_its_style_code(fresh_db: Database) -> None:
    _seed(fresh_db)
    with psycopg.connect(fresh_db.admin_dsn) as conn:
        codes = [
            r[0]
            for r in conn.execute(
                "select style_code from products where style_code is not null order by id limit 3"
            )
        ]
        assert codes
        assert all(re.fullmatch(r"[A-Z]{2}\d{4}-\d{3}", c) for c in codes)
        for code in codes:
            for typed in (code, code.lower().replace("-", " ")):
                found = conn.execute(
                    "select style_code from products where search @@ catalog_search_query(%s)",
                    [typed],
                ).fetchall()
                assert (code,) in found, typed
        kicks = _one(
            conn,
            "select source_payload ->> 'sku' from products"
            " where source = 'kicksdb' order by id limit 1",
        )
        assert re.fullmatch(r"[A-Z]{2}\d{4}-\d{3}", kicks)


SEEDED = ("products", "product_variants", "offers", "vendors", "stock_locations", "users")


def test_seeding_alongside_an_empty_database_writes_the_same_rows_as_seeding_it(
    fresh_db: Database, make_db: Callable[[], Database]
) -> None:
    beside = make_db()
    _seed(fresh_db)
    _seed(beside, alongside=True)
    with psycopg.connect(fresh_db.admin_dsn) as a, psycopg.connect(beside.admin_dsn) as b:
        for table in (*SEEDED, "brands", "categories", "accounts", "order_items"):
            assert _checksum(a, table) == _checksum(b, table), table


def test_seeding_alongside_joins_the_house_vendors_and_brands_a_store_has(
    make_db: Callable[[], Database],
) -> None:
    twin, store = make_db(), make_db()
    _seed(twin)  # where the plain seed puts things
    with psycopg.connect(twin.admin_dsn) as conn:
        code = _one(
            conn,
            "select min(l.code) from stock_locations l join vendors v on v.id = l.vendor_id"
            " where v.slug = 'kicks-vault'",
        )
        shopify = _one(conn, "select min(shopify_customer_id) from accounts")
        dealer = _one(conn, "select min(legacy_dealer_id) from accounts")
        plain = {t: _one(conn, f"select count(*) from public.{t}") for t in SEEDED}
    assert code
    assert shopify
    assert dealer
    with psycopg.connect(store.admin_dsn) as conn:
        house = _one(
            conn,
            "insert into vendors (name, slug, is_house) values ('Our House', 'our-house', true)"
            " returning id",
        )
        vault = _one(
            conn,
            "insert into vendors (name, slug, status) values ('KICKS VAULT', 'kicks-vault',"
            " 'pending') returning id",
        )
        conn.execute(
            "insert into stock_locations (vendor_id, name, code) values (%s, 'Back room', %s)",
            [vault, code],
        )
        nike = _one(
            conn, "insert into brands (name, slug) values ('NIKE', 'nike-inc') returning id"
        )
        ours = _one(
            conn,
            "insert into accounts (name, type, shopify_customer_id, legacy_dealer_id)"
            " values ('Old Dealer', 'dealer', %s, %s) returning id",
            [shopify, dealer],
        )
        kept = {t: _checksum(conn, t) for t in ("vendors", "brands", "accounts")}

    _seed(store, alongside=True)

    with psycopg.connect(store.admin_dsn) as conn:
        # the store's rows are as they were (the seed only adds beside them)
        for table in ("vendors", "brands", "accounts"):
            mine = (
                "select md5(string_agg(t::text, '' order by t.id)) from public.{} t"
                " where t.id = any(%s)"
            )
            found = _one(conn, mine.format(table), [[house, vault, nike, ours]])
            assert found == kept[table], table
        # one house, the store's, selling the seed's house offers
        assert conn.execute("select id, name from vendors where is_house").fetchall() == [
            (house, "Our House")
        ]
        assert _one(conn, "select count(*) from offers where vendor_id = %s", [house]) > 0
        # the seed's Kicks Vault is the store's: one row, its name and status kept, and a
        # location code of its own beside the store's
        assert conn.execute(
            "select id, name, status from vendors where slug = 'kicks-vault'"
        ).fetchall() == [(vault, "KICKS VAULT", "pending")]
        codes = [
            r[0]
            for r in conn.execute(
                "select code from stock_locations where vendor_id = %s order by code", [vault]
            )
        ]
        assert code in codes
        assert f"{code}-2" in codes
        # Nike by name: the seed's Nike products carry the store's brand
        assert _one(conn, "select count(*) from brands where lower(name) = 'nike'") == 1
        assert _one(conn, "select count(*) from products where brand_id = %s", [nike]) > 0
        # another account's Shopify and dealer ids stay its own
        assert conn.execute(
            "select id from accounts where shopify_customer_id = %s or legacy_dealer_id = %s",
            [shopify, dealer],
        ).fetchall() == [(ours,)]
        # as many as the plain seed, but the two joined vendors, not written again; the
        # pending Kicks Vault sells nothing (the seed's own sold some)
        counts = {t: _one(conn, f"select count(*) from public.{t}") for t in SEEDED}
        assert counts["vendors"] == plain["vendors"]
        assert counts["stock_locations"] == plain["stock_locations"] + 1
        assert counts["products"] == plain["products"]
        assert counts["users"] == plain["users"]
        assert _one(conn, "select count(*) from offers where vendor_id = %s", [vault]) == 0

    with pytest.raises(Conflict) as caught:
        _seed(store, seed=SEED + 1, alongside=True)
    assert caught.value.instance_code == "already_seeded"
    assert "peak-nutrition-wholesale" in caught.value.message


def test_a_clash_seeding_alongside_cannot_join_stops_it_and_writes_nothing(
    make_db: Callable[[], Database],
) -> None:
    twin, store = make_db(), make_db()
    _seed(twin)
    with psycopg.connect(twin.admin_dsn) as conn:
        email = _one(conn, "select email from users order by email limit 1")
    with psycopg.connect(store.admin_dsn) as conn:
        conn.execute("insert into users (id, email) values (gen_random_uuid(), upper(%s))", [email])
    with pytest.raises(Conflict) as caught:
        _seed(store, alongside=True)
    assert caught.value.instance_code == "seed_clash"
    assert "users, uq_users__email_lower: Key (lower(email))=" in caught.value.message
    assert email in caught.value.message
    assert "nothing was written" in caught.value.message
    with psycopg.connect(store.admin_dsn) as conn:
        for table in SEEDED:
            expected = 1 if table == "users" else 0
            assert _one(conn, f"select count(*) from public.{table}") == expected, table


@pytest.mark.parametrize("scale", [0, -1, float("nan"), 10_000])
def test_an_impossible_scale_is_invalid_input(scale: float) -> None:
    with pytest.raises(InvalidInput):
        generate.run("postgresql://nowhere.invalid/x", scale=scale, seed=1, console=Console())


def test_the_demo_seeds_once_and_its_sign_ins_see_the_store(fresh_db: Database) -> None:
    first = load_demo_data(fresh_db)
    assert "seeded the demo store" in first
    second = load_demo_data(fresh_db)
    assert "(0 new)" in second
    assert "store data kept" in second
    with psycopg.connect(fresh_db.admin_dsn) as conn:
        rows = conn.execute(
            "select u.email, u.role, v.is_house, u.vendor_role from users u"
            " join private.credentials c on c.user_id = u.id"
            " left join vendors v on v.id = u.vendor_id order by u.email"
        ).fetchall()
        assert {(e, r) for e, r, *_ in rows} == set(DEMO_USERS)
        assert ("vendor@demo.emporium.test", "vendor", True, "owner") in rows
        rep = _one(conn, "select id from users where email = 'rep@demo.emporium.test'")
        assert _one(conn, "select count(*) from accounts where rep_id = %s", [rep]) == 2
        member = conn.execute(
            "select a.rep_id from account_members m join accounts a on a.id = m.account_id"
            " join users u on u.id = m.user_id"
            " where u.email = 'customer@demo.emporium.test'"
        ).fetchall()
        assert member == [(rep,)]
