"""The demo seed beside a store reorganized from the legacy database (what `emporium demo`
does): it joins the migrated house vendor, vendors of the same slug and brands, leaves every
migrated row as it was, keeps the reorganization valid, runs once, and the way back still
restores the legacy tables exactly."""

from __future__ import annotations

from typing import Any

import psycopg
import pytest

from emporium.db.connect import Database
from emporium.demo import load_demo_data
from emporium.legacy import phases
from emporium.seed import vocab
from emporium.seed.base import slugify
from tests.legacy import support
from tests.legacy.conftest import MakeLegacy

pytestmark = pytest.mark.slow

# What the migrator wrote, compared row by row before and after seeding.
MIGRATED = (
    "vendors",
    "stock_locations",
    "users",
    "brands",
    "products",
    "product_variants",
    "offers",
    "stock_levels",
    "stock_movements",
    "orders",
    "order_items",
    "accounts",
    "price_lists",
    "price_list_entries",
    "media_objects",
    "product_images",
)


# The demo's rep sign-in becomes the rep of two accounts nobody represented (checked below).
ROW = {"accounts": "(t.id, t.name, t.type, t.status, t.tier, t.legacy_dealer_id, t.credit_limit)"}


def _row_hashes(conn: psycopg.Connection[Any], table: str) -> set[str]:
    row = ROW.get(table, "t")
    return {r[0] for r in conn.execute(f"select md5({row}::text) from public.{table} t")}


def _counts(conn: psycopg.Connection[Any]) -> dict[str, int]:
    return {
        t: int(support.scalar(conn, f"select count(*) from public.{t}"))
        for t in (*MIGRATED, "rfqs", "carts", "payments", "spec_definitions")
    }


def test_the_demo_seeds_beside_a_reorganized_legacy_store_once_and_rollback_still_restores_it(
    make_legacy: MakeLegacy,
) -> None:
    lg = make_legacy(scale=1, seed=42)  # the demo's legacy store
    original = support.legacy_sums(lg.dsn, "public")
    phases.migrate(lg.dsn, options=lg.options)
    db = Database(admin_dsn=lg.dsn, api_dsn=lg.dsn)
    with psycopg.connect(lg.dsn, autocommit=True) as conn:
        before = {t: _row_hashes(conn, t) for t in MIGRATED}
        house = support.scalar(conn, "select id from vendors where is_house")
        vendor_slugs = {r[0] for r in support.rows(conn, "select slug from vendors")}
        brand_names = {r[0] for r in support.rows(conn, "select lower(name) from brands")}
        reps = set(support.rows(conn, "select id, rep_id from accounts where rep_id is not null"))

    summary = load_demo_data(db)
    assert "seeded beside the migrated legacy store" in summary, summary

    with psycopg.connect(lg.dsn, autocommit=True) as conn:
        for table in MIGRATED:  # every migrated row is still there, unchanged
            after = _row_hashes(conn, table)
            assert before[table] <= after, f"{table}: {len(before[table] - after)} rows changed"
        counts = _counts(conn)
        # no migrated dealer lost the rep the legacy store gave it
        assert reps <= set(support.rows(conn, "select id, rep_id from accounts"))
        for table in ("products", "offers", "orders", "users", "accounts", "stock_levels"):
            assert counts[table] > len(before[table]), f"{table}: the seed added nothing"
        for table in ("rfqs", "carts", "payments", "spec_definitions"):
            assert counts[table] > 0, f"{table}: the legacy store had none, the seed adds them"

        # One house: the migrated one, which now also carries the seed's house offers.
        assert support.rows(conn, "select id from vendors where is_house") == [(house,)]
        assert support.scalar(conn, "select count(*) from vendors where slug = 'emporium'") == 0
        seeded_at_house = support.scalar(
            conn,
            "select count(*) from offers o join product_variants v on v.id = o.variant_id"
            " where o.vendor_id = %s and v.product_id not in ("
            "   select target_id::uuid from reorg.legacy_row_map where target_table = 'products')",
            [house],
        )
        assert seeded_at_house > 0, "the seed's house offers are the migrated house's"

        # Vendors of the seed's slugs are joined, not duplicated: their offers grow.
        seed_slugs = {slugify(name) for name in vocab.VENDOR_NAMES[:8]}
        joined = seed_slugs & vendor_slugs
        assert joined, "the demo's legacy store and the seed share vendors"
        for slug in joined:
            assert support.scalar(conn, "select count(*) from vendors where slug = %s", [slug]) == 1
        # Brands are joined by name: each legacy brand once, the seed's products use it.
        assert {r[0] for r in support.rows(conn, "select lower(name) from brands")} >= brand_names
        assert (
            support.scalar(conn, "select count(*) - count(distinct lower(name)) from brands") == 0
        )
        nike = support.scalar(conn, "select id from brands where lower(name) = 'nike'")
        assert (
            support.scalar(
                conn,
                "select count(*) from products where brand_id = %s and source = 'kicksdb'"
                " and id not in (select target_id::uuid from reorg.legacy_row_map"
                "                where target_table = 'products')",
                [nike],
            )
            > 0
        ), "the seed's Nike sneakers carry the migrated Nike brand"

    # The reorganization still validates with the seed beside it.
    checks = phases.migrate(lg.dsn, phases=["validate"], options=lg.options)["validate"]["checks"]
    assert checks
    assert [c for c in checks if not c["ok"]] == []

    again = load_demo_data(db)
    assert "store data kept" in again, again
    assert "(0 new)" in again, again
    with psycopg.connect(lg.dsn, autocommit=True) as conn:
        assert _counts(conn) == counts

    # The way back: the legacy tables exactly as before the migration, the seed gone too.
    phases.rollback(lg.dsn, options=lg.options)
    assert support.differences(original, support.legacy_sums(lg.dsn, "public")) == []
    assert "reorg" not in support.schemas(lg.dsn)
