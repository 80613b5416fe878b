"""`emporium legacy demo-db`: the legacy tables at the contract's shape, filled
deterministically with a real-looking store and every kind of mess the contract names;
refusing databases that aren't fresh; the command."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import psycopg
import pytest
from psycopg import sql
from typer.testing import CliRunner

from emporium.cli import app
from emporium.db.connect import Database
from emporium.errors import Conflict, InvalidInput
from emporium.legacy import demo_db, shape
from tests.conftest import Server

TABLES = demo_db.TABLES
SCALE_1_ROWS = {  # (at least, at most) at scale 1
    "users": (300, 300),
    "products": (580, 630),
    "sneakers": (4000, 4000),
    "orders": (2000, 2000),
    "order_items": (3600, 4600),
    "dealers": (60, 60),
    "dealer_prices": (1200, 1200),
}


class LegacyDb:
    """A scale-1, seed-42 legacy demo database shared by this module's read-only tests."""

    def __init__(self, dsn: str, counts: dict[str, int]) -> None:
        self.dsn = dsn
        self.counts = counts
        self.conn = psycopg.connect(dsn, autocommit=True)

    def count(self, query: str) -> int:
        row = self.conn.execute(query).fetchone()
        assert row is not None
        return int(row[0])


def _scratch(server: Server, prefix: str) -> tuple[str, str]:
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    return name, server.create_database(name)


def checksums(dsn: str) -> dict[str, str]:
    """One md5 per table over its rows' text, independent of physical order."""
    with psycopg.connect(dsn) as conn:
        return {
            table: conn.execute(
                sql.SQL(
                    "select md5(string_agg(md5(t::text), '' order by md5(t::text)))"
                    " from public.{} t"
                ).format(sql.Identifier(table))
            ).fetchone()[0]  # type: ignore[index]
            for table in TABLES
        }


@pytest.fixture(scope="module")
def legacy(server: Server) -> Iterator[LegacyDb]:
    name, dsn = _scratch(server, "legacy_demo")
    try:
        db = LegacyDb(dsn, demo_db.create(dsn, scale=1, seed=42))
        yield db
        db.conn.close()
    finally:
        server.drop_database(name)


# ---------------------------------------------------------------- shape, size, determinism


def test_scale_1_creates_the_contract_shape_with_about_twelve_thousand_rows(
    legacy: LegacyDb,
) -> None:
    assert shape.check(legacy.conn) == []
    assert list(legacy.counts) == list(TABLES)
    for table, (low, high) in SCALE_1_ROWS.items():
        assert low <= legacy.counts[table] <= high, table
        assert legacy.count(f"select count(*) from public.{table}") == legacy.counts[table]
    assert 11_500 <= sum(legacy.counts.values()) <= 13_000


def test_each_product_has_six_to_twelve_sizes_when_its_variants_are_a_list(
    legacy: LegacyDb,
) -> None:
    sizes = legacy.conn.execute(
        "select min(jsonb_array_length(variants)), max(jsonb_array_length(variants))"
        " from products where jsonb_typeof(variants) = 'array' and variants <> '[]'"
    ).fetchone()
    assert sizes == (6, 12)


def test_the_same_seed_gives_byte_identical_tables_and_another_seed_other_ones(
    server: Server, legacy: LegacyDb
) -> None:
    same_name, same_dsn = _scratch(server, "legacy_same")
    other_name, other_dsn = _scratch(server, "legacy_other")
    try:
        demo_db.create(same_dsn, scale=1, seed=42)
        demo_db.create(other_dsn, scale=1, seed=43)
        first = checksums(legacy.dsn)
        assert checksums(same_dsn) == first
        other = checksums(other_dsn)
        assert all(other[t] != first[t] for t in TABLES), other
    finally:
        server.drop_database(same_name)
        server.drop_database(other_name)


def test_serial_sequences_continue_after_the_highest_id_ever_issued(legacy: LegacyDb) -> None:
    with legacy.conn.transaction(force_rollback=True):
        for table in ("sneakers", "orders", "order_items", "dealers"):
            highest = legacy.count(f"select max(id) from public.{table}")
            next_id = legacy.count(f"select nextval(pg_get_serial_sequence('{table}', 'id'))")
            assert next_id == highest + 1 or (table == "orders" and next_id > highest), table
        # deleted orders at the end of the range still count: items may point past max(id)
        last_item_order = legacy.count("select max(order_id) from order_items")
        assert legacy.count("select last_value from orders_id_seq") >= last_item_order


def test_a_tenth_of_scale_still_has_rows_in_every_table_and_reports_progress(
    empty_db: Database,
) -> None:
    calls: list[tuple[str, int, int]] = []
    counts = demo_db.create(
        empty_db.admin_dsn, scale=0.1, seed=3, progress=lambda *call: calls.append(call)
    )
    assert all(counts[t] >= 4 for t in TABLES), counts
    last = {table: (done, total) for table, done, total in calls}
    assert last == {t: (counts[t], counts[t]) for t in TABLES}
    assert all(0 < done <= total for _, done, total in calls)


# ------------------------------------------------------------------------- refusals


def _public_tables(dsn: str) -> set[str]:
    with psycopg.connect(dsn) as conn:
        rows = conn.execute("select tablename from pg_tables where schemaname = 'public'")
        return {r[0] for r in rows}


def test_a_database_with_a_legacy_table_is_refused_and_left_as_it_was(
    empty_db: Database,
) -> None:
    with psycopg.connect(empty_db.admin_dsn) as conn:
        conn.execute("create table public.dealers (id int, note text)")
        conn.execute("insert into public.dealers values (1, 'ours')")
    with pytest.raises(Conflict) as caught:
        demo_db.create(empty_db.admin_dsn, scale=0.1)
    assert caught.value.instance_code == "legacy_tables_exist"
    assert "public.dealers" in caught.value.message
    assert caught.value.detail == {"tables": ["dealers"]}
    assert _public_tables(empty_db.admin_dsn) == {"dealers"}
    with psycopg.connect(empty_db.admin_dsn) as conn:
        assert conn.execute("select * from public.dealers").fetchall() == [(1, "ours")]


def test_running_twice_is_refused_naming_every_table(empty_db: Database) -> None:
    demo_db.create(empty_db.admin_dsn, scale=0.1, seed=9)
    before = checksums(empty_db.admin_dsn)
    with pytest.raises(Conflict) as caught:
        demo_db.create(empty_db.admin_dsn, scale=0.1, seed=10)
    assert caught.value.detail["tables"] == list(TABLES)
    assert checksums(empty_db.admin_dsn) == before


def test_an_emporium_database_is_refused_as_not_fresh(fresh_db: Database) -> None:
    before = _public_tables(fresh_db.admin_dsn)
    with pytest.raises(Conflict) as caught:
        demo_db.create(fresh_db.admin_dsn, scale=0.1)
    assert caught.value.instance_code == "not_a_fresh_database"
    assert _public_tables(fresh_db.admin_dsn) == before
    assert "sneakers" not in before


@pytest.mark.parametrize("scale", [0, -1, 1001, float("nan")])
def test_a_scale_outside_the_range_is_invalid_input(scale: float) -> None:
    with pytest.raises(InvalidInput) as caught:
        demo_db.create("postgresql://nowhere.invalid/x", scale=scale)
    assert caught.value.instance_code == "invalid_scale"


# ------------------------------------------------------------------------- the command


def test_the_command_fills_the_database_and_prints_the_row_counts(empty_db: Database) -> None:
    runner = CliRunner()
    args = ["legacy", "demo-db", "--scale", "0.1", "--seed", "5"]
    result = runner.invoke(app, [*args, "--database-url", empty_db.admin_dsn])
    assert result.exit_code == 0, result.output
    assert "public.sneakers" in result.output
    assert "400" in result.output  # 4,000 sneakers x 0.1
    with psycopg.connect(empty_db.admin_dsn) as conn:
        assert shape.check(conn) == []
    again = runner.invoke(app, [*args, "--database-url", empty_db.admin_dsn])
    assert again.exit_code != 0
    assert isinstance(again.exception, Conflict)
    assert again.exception.instance_code == "legacy_tables_exist"


def test_the_command_help_explains_the_mess_and_the_seed() -> None:
    result = CliRunner().invoke(app, ["legacy", "demo-db", "--help"])
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    for words in ("same data", "placeholder", "orphan", "--seed", "--database-url", "EMPTY"):
        assert words in text


# ----------------------------------------------------------------------------- the mess
# Each kind of mess schema.sql and MAPPING.md describe, as a query counting its rows.

USER_IS_VENDOR = "lower(trim(u.role)) in ('vendor', 'seller') and u.store_name is not null"
MESS: dict[str, str] = {
    # users
    "users: a NULL role": "select count(*) from users where role is null",
    "users: an unknown role": "select count(*) from users where lower(trim(role)) not in"
    " ('admin', 'vendor', 'seller', 'customer', 'buyer', 'rep', 'sales rep')",
    "users: a NULL email": "select count(*) from users where email is null",
    "users: an invalid email": "select count(*) from users"
    " where trim(email) !~ '^[^@ ]+@[^@ ]+\\.[^@ ]+$'",
    "users: an email duplicated in other case or spaces, created later": "select count(*)"
    " from users a join users b on lower(trim(a.email)) = lower(trim(b.email))"
    " and a.email <> b.email and b.created_at > a.created_at",
    "users: a duplicate email with the same created_at": "select count(*) from users a"
    " join users b on lower(trim(a.email)) = lower(trim(b.email)) and a.id < b.id"
    " and b.created_at = a.created_at",
    "users: one store spelled three ways by its staff": "select count(distinct store_name)"
    " - 2 from users where lower(regexp_replace(trim(store_name), '\\s+', ' ', 'g'))"
    " = 'sneaker palace'",
    "users: a store spelled with other case/spaces": "select count(*) from users a join users b"
    " on lower(regexp_replace(trim(a.store_name), '\\s+', ' ', 'g'))"
    " = lower(regexp_replace(trim(b.store_name), '\\s+', ' ', 'g'))"
    " and a.store_name <> b.store_name and a.store_name not ilike '%palace%'",
    "users: a vendor-role user without a store_name": "select count(*) from users"
    " where lower(trim(role)) in ('vendor', 'seller') and store_name is null",
    "users: customers": "select count(*) from users where role in ('customer', 'buyer')",
    "users: a NULL created_at": "select count(*) from users where created_at is null",
    "users: a very long name": "select count(*) from users where length(full_name) > 200",
    "users: a rep whose email a dealer references": "select count(*) from users u join dealers d"
    " on lower(trim(d.rep_email)) = lower(u.email) where u.role ilike '%rep%'",
    # sneakers
    "sneakers: brand in lower case": "select count(*) from sneakers where brand = lower(brand)"
    " and brand <> 'adidas'",
    "sneakers: brand with surrounding spaces": "select count(*) from sneakers"
    " where brand <> trim(brand)",
    "sneakers: brand in upper case": "select count(*) from sneakers"
    " where trim(brand) = upper(trim(brand)) and brand ~ '[A-Z]{2}'",
    "sneakers: a NULL brand": "select count(*) from sneakers where brand is null",
    "sneakers: a canonical style code": "select count(*) from sneakers"
    " where style_code ~ '^[A-Z]{2}[0-9]{4}-[0-9]{3}$'",
    "sneakers: a style code in lower case with a space": "select count(*) from sneakers"
    " where style_code ~ '^[a-z]{2}[0-9]{4} [0-9]{3}$'",
    "sneakers: a style code without separator": "select count(*) from sneakers"
    " where style_code ~ '^[A-Z]{2}[0-9]{7}$'",
    "sneakers: a NULL style code": "select count(*) from sneakers where style_code is null",
    "sneakers: a code matching no product, brand+name matching one": "select count(*)"
    " from sneakers s where style_code is not null and not exists (select 1 from products p"
    " where upper(regexp_replace(s.style_code, '[^A-Za-z0-9]', '', 'g'))"
    " = replace(p.sku, '-', '')) and exists (select 1 from products p"
    " where lower(trim(p.brand)) = lower(trim(s.brand))"
    " and lower(regexp_replace(trim(s.name), '\\s+', ' ', 'g')) = lower(p.title))",
    "sneakers: a listing matching nothing": "select count(*) from sneakers s"
    " where not exists (select from products p"
    " where lower(p.title) = lower(regexp_replace(trim(s.name), '\\s+', ' ', 'g')))"
    " and not exists (select from products p where replace(p.sku, '-', '')"
    " = upper(regexp_replace(s.style_code, '[^A-Za-z0-9]', '', 'g')))",
    "sneakers: size 'US 10.5'": "select count(*) from sneakers where size ~ '^US [0-9.]+$'",
    "sneakers: size '10.5'": "select count(*) from sneakers where size ~ '^[0-9]+\\.5$'",
    "sneakers: size '10,5'": "select count(*) from sneakers where size ~ '^[0-9]+,5$'",
    "sneakers: size 'M 9 / W 10.5'": "select count(*) from sneakers where size ~ '^M .* / W '",
    "sneakers: size 'EU 44'": "select count(*) from sneakers where size like 'EU %'",
    "sneakers: size 'UK 9'": "select count(*) from sneakers where size like 'UK %'",
    "sneakers: an empty size": "select count(*) from sneakers where size = ''",
    "sneakers: a NULL size": "select count(*) from sneakers where size is null",
    "sneakers: a junk size": "select count(*) from sneakers where size !~ '[0-9]' and size <> ''",
    "sneakers: price '$120.00'": "select count(*) from sneakers"
    " where price ~ '^\\$[0-9]+\\.[0-9]{2}$'",
    "sneakers: price '120'": "select count(*) from sneakers where price ~ '^[0-9]+$'",
    "sneakers: price '1,299.99'": "select count(*) from sneakers"
    " where price ~ '^\\$?[0-9]{1,3}(,[0-9]{3})+\\.[0-9]{2}$'",
    "sneakers: price '€95'": "select count(*) from sneakers where price like '€%'",
    "sneakers: price 'N/A'": "select count(*) from sneakers where price = 'N/A'",
    "sneakers: an empty price": "select count(*) from sneakers where price = ''",
    "sneakers: a NULL price": "select count(*) from sneakers where price is null",
    "sneakers: quantity 0": "select count(*) from sneakers where quantity = 0",
    "sneakers: a NULL quantity": "select count(*) from sneakers where quantity is null",
    "sneakers: a negative quantity": "select count(*) from sneakers where quantity < 0",
    "sneakers: condition 'Used - good'": "select count(*) from sneakers"
    " where condition = 'Used - good'",
    "sneakers: condition 'deadstock'": "select count(*) from sneakers"
    " where condition = 'deadstock'",
    "sneakers: condition 'DS'": "select count(*) from sneakers where condition = 'DS'",
    "sneakers: condition 'VNDS'": "select count(*) from sneakers where condition = 'VNDS'",
    "sneakers: a NULL condition": "select count(*) from sneakers where condition is null",
    "sneakers: a real-looking image URL": "select count(*) from sneakers"
    " where image_url like 'https://cdn.shopify.com/%.jpg'",
    "sneakers: image on via.placeholder.com": "select count(*) from sneakers"
    " where image_url like '%://via.placeholder.com/%'",
    "sneakers: image on placehold.it": "select count(*) from sneakers"
    " where image_url like '%://placehold.it/%'",
    "sneakers: image on dummyimage.com": "select count(*) from sneakers"
    " where image_url like '%://dummyimage.com/%'",
    "sneakers: a relative image path": "select count(*) from sneakers"
    " where image_url like '/uploads/%'",
    "sneakers: an empty image URL": "select count(*) from sneakers where image_url = ''",
    "sneakers: a NULL image URL": "select count(*) from sneakers where image_url is null",
    "sneakers: sold by a vendor": f"select count(*) from sneakers s join users u"
    f" on u.id = s.seller_id where {USER_IS_VENDOR}",
    "sneakers: sold by a user who is not a vendor": f"select count(*) from sneakers s"
    f" join users u on u.id = s.seller_id where not ({USER_IS_VENDOR})",
    "sneakers: a seller that no longer exists": "select count(*) from sneakers s"
    " where seller_id is not null and not exists (select from users u where u.id = s.seller_id)",
    "sneakers: a NULL seller": "select count(*) from sneakers where seller_id is null",
    "sneakers: a NULL created_at": "select count(*) from sneakers where created_at is null",
    "sneakers: a NULL updated_at": "select count(*) from sneakers"
    " where updated_at is null and created_at is not null",
    # products
    "products: a kicksdb_id imported twice": "select count(*) from (select kicksdb_id"
    " from products where kicksdb_id is not null group by 1 having count(*) > 1) x",
    "products: a re-import with another title": "select count(*) from products a"
    " join products b on a.kicksdb_id = b.kicksdb_id and a.id <> b.id and a.title <> b.title",
    "products: a NULL kicksdb_id": "select count(*) from products where kicksdb_id is null",
    "products: release '2021-03-10'": "select count(*) from products"
    " where release_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'",
    "products: release '03/10/2021'": "select count(*) from products"
    " where release_date ~ '^[0-9]{2}/[0-9]{2}/[0-9]{4}$'",
    "products: release 'Mar 2021'": "select count(*) from products"
    " where release_date ~ '^[A-Z][a-z]{2} [0-9]{4}$'",
    "products: release 'TBA'": "select count(*) from products where release_date = 'TBA'",
    "products: a NULL release": "select count(*) from products where release_date is null",
    "products: a junk release": "select count(*) from products where release_date !~"
    " '^([0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{2}/[0-9]{2}/[0-9]{4}|[A-Z][a-z]{2} [0-9]{4}|TBA)$'",
    "products: gallery a list of URLs": "select count(*) from products"
    " where gallery->>0 like 'https://%'",
    "products: a NULL gallery": "select count(*) from products where gallery is null",
    "products: gallery an object": "select count(*) from products"
    " where jsonb_typeof(gallery) = 'object'",
    "products: gallery a string": "select count(*) from products"
    " where jsonb_typeof(gallery) = 'string'",
    "products: variants as usual": "select count(*) from products where variants->0 ?& "
    "array['size', 'price', 'stock'] and jsonb_typeof(variants->0->'price') = 'number'",
    "products: NULL variants": "select count(*) from products where variants is null",
    "products: variants {}": "select count(*) from products where variants = '{}'",
    "products: variants a JSON string": "select count(*) from products"
    " where jsonb_typeof(variants) = 'string'"
    " and jsonb_typeof((variants #>> '{}')::jsonb) = 'array'",
    "products: a variant without a size": "select count(*) from products,"
    " jsonb_array_elements(case jsonb_typeof(variants) when 'array' then variants end) v"
    " where not v ? 'size'",
    "products: a variant with a garbage size": "select count(*) from products,"
    " jsonb_array_elements(case jsonb_typeof(variants) when 'array' then variants end) v"
    " where v ? 'size' and coalesce(v->>'size', '') !~ '^[0-9]+(\\.5)?$'",
    "products: a variant price '$150'": "select count(*) from products,"
    " jsonb_array_elements(case jsonb_typeof(variants) when 'array' then variants end) v"
    " where v->>'price' like '$%'",
    "products: a variant with negative stock": "select count(*) from products,"
    " jsonb_array_elements(case jsonb_typeof(variants) when 'array' then variants end) v"
    " where (v->>'stock')::int < 0",
    "products: a good image": "select count(*) from products"
    " where image like 'https://images.stockx.com/%'",
    "products: a dead placeholder image": "select count(*) from products"
    " where image ~ '://(via\\.placeholder\\.com|placehold\\.it|dummyimage\\.com)/'",
    "products: a KicksDB-like raw payload": "select count(*) from products where raw ?& array"
    "['id', 'title', 'brand', 'sku', 'slug', 'retail_price', 'release_date', 'image',"
    " 'gallery', 'variants', 'traits'] and raw->>'sku' = sku",
    # orders
    "orders: by an existing user": "select count(*) from orders o join users u on u.id = o.user_id",
    "orders: by the duplicate-email user": "select count(*) from orders o join users b"
    " on b.id = o.user_id join users a on lower(trim(a.email)) = lower(trim(b.email))"
    " and a.email <> b.email",
    "orders: by a user that no longer exists": "select count(*) from orders o"
    " where user_id is not null and not exists (select from users u where u.id = o.user_id)",
    "orders: a guest (NULL user)": "select count(*) from orders where user_id is null",
    "orders: status NULL": "select count(*) from orders where status is null",
    "orders: an unknown status": "select count(*) from orders where lower(trim(status)) not in"
    " ('pending', 'paid', 'shipped', 'delivered', 'complete', 'canceled', 'cancelled',"
    " 'refunded')",
    "orders: an unparseable total": "select count(*) from orders"
    " where total !~ '^[$€]?[0-9][0-9,]*(\\.[0-9]+)?$'",
    "orders: a NULL total": "select count(*) from orders where total is null",
    "orders: shipping address as JSON text": "select count(*) from orders"
    " where shipping_address like '{%}'",
    "orders: shipping address as free text": "select count(*) from orders"
    " where shipping_address not like '{%' and shipping_address like '%\n%'",
    "orders: no shipping address": "select count(*) from orders where shipping_address is null",
    # order items
    "order_items: its order no longer exists": "select count(*) from order_items i"
    " where not exists (select from orders o where o.id = i.order_id)",
    "order_items: a products uuid": "select count(*) from order_items i join products p"
    " on p.id::text = i.product_ref where i.product_source = 'products'",
    "order_items: a sneakers id": "select count(*) from order_items i join sneakers s"
    " on s.id::text = i.product_ref where i.product_source = 'sneakers'",
    "order_items: a junk ref": "select count(*) from order_items where product_ref !~"
    " '^([0-9]+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$'",
    "order_items: a NULL ref": "select count(*) from order_items where product_ref is null",
    "order_items: a uuid matching nothing": "select count(*) from order_items i"
    " where product_ref ~ '^[0-9a-f]{8}-' and not exists"
    " (select from products p where p.id::text = i.product_ref)",
    "order_items: source NULL with an integer ref": "select count(*) from order_items"
    " where product_source is null and product_ref ~ '^[0-9]+$'",
    "order_items: source NULL with a uuid ref": "select count(*) from order_items"
    " where product_source is null and product_ref ~ '^[0-9a-f]{8}-'",
    "order_items: source 'sneakers' but a uuid ref": "select count(*) from order_items"
    " where product_source = 'sneakers' and product_ref ~ '^[0-9a-f]{8}-'",
    "order_items: size spelled 'US 10'": "select count(*) from order_items where size like 'US %'",
    "order_items: quantity 0": "select count(*) from order_items where quantity = 0",
    "order_items: a negative quantity": "select count(*) from order_items where quantity < 0",
    "order_items: a NULL quantity": "select count(*) from order_items where quantity is null",
    "order_items: an unparseable unit price": "select count(*) from order_items"
    " where unit_price !~ '^[$€]?[0-9][0-9,]*(\\.[0-9]+)?$'",
    "order_items: a NULL unit price": "select count(*) from order_items where unit_price is null",
    # dealers
    "dealers: tier 'gold'": "select count(*) from dealers where tier = 'gold'",
    "dealers: tier 'Gold'": "select count(*) from dealers where tier = 'Gold'",
    "dealers: tier 'SILVER'": "select count(*) from dealers where tier = 'SILVER'",
    "dealers: tier 'platinum'": "select count(*) from dealers where tier = 'platinum'",
    "dealers: tier 'bronze'": "select count(*) from dealers where tier = 'bronze'",
    "dealers: a NULL tier": "select count(*) from dealers where tier is null",
    "dealers: a junk tier": "select count(*) from dealers where lower(trim(tier)) not in"
    " ('gold', 'silver', 'platinum', 'bronze')",
    "dealers: a NULL discount": "select count(*) from dealers where discount_pct is null",
    "dealers: a negative discount": "select count(*) from dealers where discount_pct < 0",
    "dealers: a discount over 100": "select count(*) from dealers where discount_pct > 100",
    "dealers: a rep email in other case": "select count(*) from dealers d join users u"
    " on lower(trim(d.rep_email)) = lower(u.email) and d.rep_email <> u.email",
    "dealers: an unknown rep email": "select count(*) from dealers d where rep_email is not null"
    " and not exists (select from users u where lower(u.email) = lower(trim(d.rep_email)))",
    "dealers: a NULL rep": "select count(*) from dealers where rep_email is null",
    "dealers: a NULL Shopify id": "select count(*) from dealers where shopify_customer_id is null",
    "dealers: a duplicated Shopify id": "select count(*) from (select shopify_customer_id"
    " from dealers where shopify_customer_id is not null group by 1 having count(*) > 1) x",
    "dealers: a NULL company": "select count(*) from dealers where company_name is null",
    "dealers: a duplicated company": "select count(*) from dealers a join dealers b"
    " on lower(trim(a.company_name)) = lower(trim(b.company_name)) and a.id < b.id",
    # dealer prices
    "dealer_prices: an existing dealer": "select count(*) from dealer_prices p"
    " join dealers d on d.id = p.dealer_id",
    "dealer_prices: a dealer that no longer exists": "select count(*) from dealer_prices p"
    " where dealer_id is not null and not exists (select from dealers d where d.id = p.dealer_id)",
    "dealer_prices: a sku spelled like a product's": "select count(*) from dealer_prices d"
    " join products p on p.sku = d.sku",
    "dealer_prices: a sku in another spelling": "select count(*) from dealer_prices d"
    " where d.sku !~ '^[A-Z]{2}[0-9]{4}-[0-9]{3}$' and exists (select from sneakers s"
    " where upper(regexp_replace(s.style_code, '[^A-Za-z0-9]', '', 'g'))"
    " = upper(regexp_replace(d.sku, '[^A-Za-z0-9]', '', 'g')))",
    "dealer_prices: a sku matching nothing": "select count(*) from dealer_prices d"
    " where not exists (select from products p where replace(p.sku, '-', '')"
    " = upper(regexp_replace(d.sku, '[^A-Za-z0-9]', '', 'g'))) and not exists"
    " (select from sneakers s where upper(regexp_replace(s.style_code, '[^A-Za-z0-9]', '', 'g'))"
    " = upper(regexp_replace(d.sku, '[^A-Za-z0-9]', '', 'g')))",
    "dealer_prices: an unparseable price": "select count(*) from dealer_prices"
    " where price !~ '^[$€]?[0-9][0-9,]*(\\.[0-9]+)?$'",
    "dealer_prices: a NULL min_qty": "select count(*) from dealer_prices where min_qty is null",
    "dealer_prices: min_qty 1, 6 and 12": "select count(distinct min_qty) - 2 from dealer_prices"
    " where min_qty in (1, 6, 12)",
    "dealer_prices: min_qty 0": "select count(*) from dealer_prices where min_qty = 0",
    "dealer_prices: a negative min_qty": "select count(*) from dealer_prices where min_qty < 0",
}


@pytest.mark.parametrize("query", MESS.values(), ids=MESS.keys())
def test_each_kind_of_legacy_mess_is_present(legacy: LegacyDb, query: str) -> None:
    assert legacy.count(query) > 0


@pytest.mark.parametrize(
    ("column", "spellings"),
    [
        ("role", ["admin", "Admin ", "vendor", "seller", "Seller", "customer", "buyer", "rep",
                  "sales rep"]),
        ("brand", ["Nike", "Jordan", "adidas", "New Balance", "Asics"]),
    ],
)  # fmt: skip
def test_each_named_spelling_is_present(
    legacy: LegacyDb, column: str, spellings: list[str]
) -> None:
    table = "users" if column == "role" else "sneakers"
    found = {r[0] for r in legacy.conn.execute(f"select distinct {column} from {table}")}
    assert set(spellings) <= found


def test_order_statuses_include_every_legacy_spelling(legacy: LegacyDb) -> None:
    found = {r[0] for r in legacy.conn.execute("select distinct status from orders")}
    assert {
        "pending", "Paid", "paid", "shipped", "delivered", "complete", "canceled", "cancelled",
        "refunded", None,
    } <= found  # fmt: skip


def test_most_sneakers_join_a_product_by_their_normalized_style_code(legacy: LegacyDb) -> None:
    share = legacy.count(
        "select round(100.0 * count(k.key) / count(*)) from sneakers s"
        " left join (select distinct replace(sku, '-', '') as key from products) k"
        " on k.key = upper(regexp_replace(s.style_code, '[^A-Za-z0-9]', '', 'g'))"
    )
    assert 50 <= share <= 85


def test_mess_stays_at_a_realistic_rate(legacy: LegacyDb) -> None:
    """A few percent, not half the table: the store still looks like a store."""
    rates = legacy.conn.execute(
        "select avg((quantity < 0)::int), avg((coalesce(price, '') !~ '[0-9]')::int),"
        " avg((image_url ~ 'placeholder|placehold\\.it|dummyimage')::int) from sneakers"
    ).fetchone()
    assert rates is not None
    assert all(0.005 <= float(rate) <= 0.1 for rate in rates), rates
