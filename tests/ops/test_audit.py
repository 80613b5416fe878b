"""`emporium db audit` on the legacy shape with known mess, and on a migrated emporium database.

The legacy rows below are hand-written so that every figure the audit reports can be
asserted exactly: which columns reference which tables and how often, the orphans,
duplicate spellings, values that don't parse, and the index/sequence problems we create.
"""

from __future__ import annotations

import json
import time
import uuid
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict

from emporium.db.connect import Database
from emporium.ops.audit import FORMAT, run_audit, write_report
from emporium.ops.audit_catalog import Column, Table
from emporium.ops.audit_erd import MAX_TABLES, erd
from emporium.ops.audit_lookup import Ref
from emporium.ops.audit_relations import Candidate, decide, name_match
from emporium.ops.audit_report import render_markdown
from tests.conftest import REPO, Server, dsn_for

U1 = "11111111-1111-4111-8111-111111111111"
U2 = "22222222-2222-4222-8222-222222222222"
U3 = "33333333-3333-4333-8333-333333333333"
U_GONE = "99999999-9999-4999-8999-999999999999"
P1 = "aaaaaaaa-0000-4000-8000-000000000001"
P2 = "aaaaaaaa-0000-4000-8000-000000000002"
P3 = "aaaaaaaa-0000-4000-8000-000000000003"

MESS = f"""
insert into users (id, email, role, store_name) values
  ('{U1}', 'A@x.com', 'customer', null),
  ('{U2}', ' a@x.com ', 'Customer ', null),
  ('{U3}', 'rep@shop.com', 'vendor', 'Kicks'),
  ('44444444-4444-4444-8444-444444444444', null, null, null);

insert into sneakers (id, name, style_code, size, price, seller_id) values
  (101, 'Dunk Low', 'DD1391-100', 'US 10.5', '$120.00', '{U3}'),
  (102, 'Dunk Low', 'dd1391 100', '10,5', '1,299.99', '{U3}'),
  (103, 'AF1', 'CW2288-111', 'M 9 / W 10.5', 'N/A', '{U_GONE}'),
  (104, 'Mystery', null, '', '', null),
  (105, 'AF1', 'CW2288-111', 'EU 44', '€95', '{U1}'),
  (106, 'Other', 'AB1234', 'big', '120', '{U1}');

insert into products (id, kicksdb_id, title, sku, slug, release_date) values
  ('{P1}', 'k1', 'Dunk Low Panda', 'DD1391-100', 'dunk-panda', '2021-03-10'),
  ('{P2}', 'k1', 'Dunk Low Panda', 'dd1391-100', 'dunk-panda-2', '03/10/2021'),
  ('{P3}', 'k3', 'Air Force 1', 'CW2288-111', 'af1', 'Mar 2021'),
  ('aaaaaaaa-0000-4000-8000-000000000004', null, 'Soon', null, 'soon', 'TBA');

insert into orders (id, user_id, status, total) values
  (1, '{U1}', 'paid', '$240.00'),
  (2, '{U2}', 'Paid', '1,299.99'),
  (3, '88888888-8888-4888-8888-888888888888', 'shipped', 'N/A'),
  (4, null, null, '');

insert into order_items (id, order_id, product_ref, product_source, size, quantity, unit_price)
values
  (1, 1, '101', 'sneakers', '10.5', 1, '$120.00'),
  (2, 1, '102', 'sneakers', 'US 9', 1, '120'),
  (3, 2, ' 103 ', null, '10,5', 1, 'N/A'),
  (4, 2, '105', 'sneakers', 'EU 44', 2, '€95'),
  (5, 2, '{P1}', 'products', '11', 1, '150.00'),
  (6, 3, '{P2}', 'products', '', 1, ''),
  (7, 3, '{P3.upper()}', null, '9.5', 1, '99'),
  (8, 4, 'abc', null, 'XL?', 1, '10'),
  (9, 4, 'N/A', null, null, 1, null),
  (10, 99, null, null, '8', 1, '80');

insert into dealers (id, company_name, contact_email, rep_email, shopify_customer_id) values
  (1, 'Acme', 'buy@acme.com', 'REP@shop.com ', '555'),
  (2, 'Beta', 'Buy@Acme.com', 'rep@shop.com', '555'),
  (3, 'Gamma', null, 'nobody@x.com', '777');

insert into dealer_prices (dealer_id, sku, price, min_qty) values
  (1, 'DD1391-100', '100', 1),
  (2, 'dd1391100', '1.299,99', null),
  (7, 'X', 'call us', 5);

-- The health problems: a duplicate index, a foreign key without an index, sequences
-- near their end (orders: an int4 sequence; sneakers: a bigint one feeding an int4 column).
create index sneakers_style_a on sneakers (style_code);
create index sneakers_style_b on sneakers (style_code);
alter table dealer_prices add constraint dealer_prices_dealer_fk
  foreign key (dealer_id) references dealers (id) not valid;
select setval('orders_id_seq', 2000000000);
alter sequence sneakers_id_seq as bigint;
select setval('sneakers_id_seq', 1500000000);
"""


def legacy_schema_sql() -> str:
    """The legacy DDL: the package's copy when it exists, else the shared spec."""
    packaged = REPO / "src" / "emporium" / "legacy" / "schema.sql"
    shared = Path("/work/shared/legacy/schema.sql")
    return (packaged if packaged.exists() else shared).read_text()


def build_legacy(dsn: str) -> None:
    with psycopg.connect(dsn, autocommit=True) as c:
        c.execute(legacy_schema_sql())
        c.execute(MESS)


@pytest.fixture
def legacy_db(empty_db: Database) -> str:
    build_legacy(empty_db.admin_dsn)
    return empty_db.admin_dsn


@pytest.fixture
def legacy_audit(legacy_db: str) -> dict[str, Any]:
    started = time.monotonic()
    result = run_audit(legacy_db)
    print(f"audit of the small legacy db: {time.monotonic() - started:.2f} s")
    return result


def _by(items: list[dict[str, Any]], table: str, column: str) -> dict[str, Any]:
    hits = [i for i in items if i["table"] == table and i["column"] == column]
    assert len(hits) == 1, f"{table}.{column}: {hits}"
    return hits[0]


def _found(result: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (
            f"{r['child']['table']}.{r['child']['column']}",
            f"{r['parent']['table']}.{r['parent']['column']}",
        ): r
        for r in result["relationships"]["found"]
    }


def test_audit_finds_the_undeclared_relationships_with_exact_match_rates(
    legacy_audit: dict[str, Any],
) -> None:
    found = _found(legacy_audit)
    assert set(found) == {
        ("order_items.product_ref", "sneakers.id"),
        ("order_items.product_ref", "products.id"),
        ("order_items.order_id", "orders.id"),
        ("orders.user_id", "users.id"),
        ("sneakers.seller_id", "users.id"),
        ("dealers.rep_email", "users.email"),
    }
    ref_sneakers = found[("order_items.product_ref", "sneakers.id")]
    assert (ref_sneakers["matched_values"], ref_sneakers["sampled_values"]) == (4, 9)
    assert ref_sneakers["match_rate"] == pytest.approx(4 / 9, abs=1e-4)
    ref_products = found[("order_items.product_ref", "products.id")]
    assert (ref_products["matched_values"], ref_products["sampled_values"]) == (3, 9)
    assert found[("order_items.order_id", "orders.id")]["match_rate"] == pytest.approx(0.8)
    assert found[("dealers.rep_email", "users.email")]["match_rate"] == pytest.approx(0.5)
    assert found[("dealers.rep_email", "users.email")]["compare"] == "email"


def test_audit_counts_orphans_of_each_found_relationship_over_all_rows(
    legacy_audit: dict[str, Any],
) -> None:
    found = _found(legacy_audit)
    orphans = {k: r["orphan_rows"] for k, r in found.items()}
    assert orphans == {
        ("order_items.product_ref", "sneakers.id"): 5,
        ("order_items.product_ref", "products.id"): 6,
        ("order_items.order_id", "orders.id"): 1,
        ("orders.user_id", "users.id"): 1,
        ("sneakers.seller_id", "users.id"): 1,
        ("dealers.rep_email", "users.email"): 1,
    }
    assert found[("order_items.order_id", "orders.id")]["orphan_examples"] == [
        {"value": "99", "rows": 1}
    ]
    (either,) = [
        g
        for g in legacy_audit["relationships"]["by_child"]
        if g["child"]["column"] == "product_ref"
    ]
    assert [p["table"] for p in either["parents"]] == ["sneakers", "products"]
    assert (either["orphan_rows"], either["child_rows"]) == (2, 9)
    assert either["orphan_examples"] == [{"value": "N/A", "rows": 1}, {"value": "abc", "rows": 1}]


def test_integer_keys_that_overlap_by_chance_are_candidates_not_relationships(
    legacy_audit: dict[str, Any],
) -> None:
    cands = [
        c for c in legacy_audit["relationships"]["candidates"] if c["child"]["column"] == "order_id"
    ]
    by_parent = {c["parent"]["table"]: c for c in cands}
    # order ids 1..4 and 99: order_items.id (1..10) matches as often as orders.id does.
    assert by_parent["order_items"]["match_rate"] == pytest.approx(0.8)
    assert by_parent["order_items"]["found"] is False
    assert "named for the column" in by_parent["order_items"]["note"]
    assert by_parent["orders"]["found"] is True
    # product_source names 'sneakers' and 'products': the sibling column says which table.
    ref = [
        c
        for c in legacy_audit["relationships"]["candidates"]
        if c["child"]["column"] == "product_ref" and c["parent"]["table"] == "sneakers"
    ]
    assert ref[0]["discriminator"] == "product_source"


def _key(table: str, column: str, base_type: str) -> Ref:
    t = Table(abs(hash(table)), "public", table, "r", False, 0.0, 0, 0, False, False, 0, True)
    c = Column(column, base_type, True, None, base_type, True)
    t.columns.append(c)
    return Ref(t, c)


def test_found_relationship_rules_keep_integer_overlaps_apart() -> None:
    ref = _key("order_items", "product_ref", "text")

    def cand(parent: Ref, matched: int, disc: str | None = None) -> Candidate:
        named = name_match("product_ref", parent.table.name)
        return Candidate(ref, parent, "value", 100, matched, named, disc)

    # Two integer keys matching equally well, neither named for the column: both, ambiguous.
    tie = [cand(_key("orders", "id", "integer"), 40), cand(_key("carts", "id", "integer"), 40)]
    decide(tie)
    assert [c.found for c in tie] == [True, True]
    assert all("ambiguous" in (c.note or "") for c in tie)
    # A few matches at a low rate: enough for a uuid, chance for an integer.
    low = [cand(_key("users", "id", "uuid"), 3), cand(_key("orders", "id", "integer"), 3)]
    decide(low)
    assert [c.found for c in low] == [True, False]
    # A sibling column naming the table beats a better rate.
    named = [
        cand(_key("orders", "id", "integer"), 90),
        cand(_key("sneakers", "id", "integer"), 40, disc="product_source"),
    ]
    decide(named)
    assert [c.found for c in named] == [False, True]


def test_reference_names_point_at_their_tables() -> None:
    assert name_match("order_id", "orders")
    assert name_match("parent_category_id", "categories")
    assert name_match("product_ref", "products")
    assert not name_match("seller_id", "users")
    assert not name_match("ref", "refs")


def test_audit_finds_duplicates_on_natural_keys(legacy_audit: dict[str, Any]) -> None:
    dups = legacy_audit["duplicates"]
    email = _by(dups, "users", "email")
    assert (email["rule"], email["groups"], email["rows"]) == ("email", 1, 2)
    assert email["examples"] == [{"key": "a@x.com", "rows": 2, "values": [" a@x.com ", "A@x.com"]}]
    style = _by(dups, "sneakers", "style_code")
    assert (style["rule"], style["groups"], style["rows"]) == ("code", 2, 4)
    assert style["groups_with_different_spellings"] == 1
    assert _by(dups, "products", "sku")["groups"] == 1
    assert _by(dups, "dealer_prices", "sku")["groups"] == 1
    kicksdb = _by(dups, "products", "kicksdb_id")
    assert (kicksdb["rule"], kicksdb["groups"], kicksdb["rows"]) == ("exact", 1, 2)
    assert _by(dups, "dealers", "shopify_customer_id")["groups"] == 1
    assert _by(dups, "dealers", "contact_email")["groups"] == 1
    assert _by(dups, "products", "slug")["groups"] == 0
    # A reference repeats by nature: rep_email (found) and product_ref are not natural keys.
    assert not [d for d in dups if d["column"] in ("rep_email", "product_ref", "order_id")]


def test_audit_counts_text_values_that_do_not_parse(legacy_audit: dict[str, Any]) -> None:
    texts = legacy_audit["text_values"]
    price = _by(texts, "sneakers", "price")
    assert (price["kind"], price["non_null_rows"], price["unparseable_rows"]) == ("money", 6, 2)
    assert price["examples"] == [{"value": "", "rows": 1}, {"value": "N/A", "rows": 1}]
    assert _by(texts, "orders", "total")["unparseable_rows"] == 2
    unit = _by(texts, "order_items", "unit_price")
    assert (unit["kind"], unit["non_null_rows"], unit["unparseable_rows"]) == ("money", 9, 2)
    dealer = _by(texts, "dealer_prices", "price")
    assert dealer["examples"] == [{"value": "call us", "rows": 1}]
    release = _by(texts, "products", "release_date")
    assert (release["kind"], release["non_null_rows"], release["unparseable_rows"]) == (
        "date",
        4,
        1,
    )
    assert release["examples"] == [{"value": "TBA", "rows": 1}]
    size = _by(texts, "sneakers", "size")
    assert (size["kind"], size["unparseable_rows"]) == ("size", 2)
    assert [e["value"] for e in size["examples"]] == ["", "big"]
    assert _by(texts, "order_items", "size")["unparseable_rows"] == 2
    assert not [t for t in texts if t["column"] in ("name", "status", "email", "role")]


def test_orphans_and_unparseable_values_are_counted_over_every_row_not_the_sample(
    legacy_db: str,
) -> None:
    with psycopg.connect(legacy_db, autocommit=True) as c:
        c.execute("insert into orders (id) select g from generate_series(5, 2000) g")
        c.execute(
            "insert into order_items (id, order_id, unit_price) "
            "select 100 + g, g, '$10' from generate_series(1, 2000) g "
            "union all select 3000 + g, 5000 + g, 'N/A' from generate_series(1, 500) g"
        )
    result = run_audit(legacy_db, sample=100)
    order = _found(result)[("order_items.order_id", "orders.id")]
    assert order["sampled_values"] == 100
    assert (order["orphan_rows"], order["child_rows"]) == (500, 2510)  # order 99 exists now
    assert _by(result["text_values"], "order_items", "unit_price")["unparseable_rows"] == 502


def test_audit_reports_index_sequence_and_key_health(legacy_audit: dict[str, Any]) -> None:
    h = legacy_audit["health"]
    (dup,) = h["duplicate_indexes"]
    assert (dup["table"], sorted(dup["indexes"])) == (
        "sneakers",
        ["sneakers_style_a", "sneakers_style_b"],
    )
    assert [(f["table"], f["columns"]) for f in h["foreign_keys_without_index"]] == [
        ("dealer_prices", ["dealer_id"])
    ]
    near = {s["name"]: s for s in h["sequences"] if s["near_overflow"]}
    assert set(near) == {"orders_id_seq", "sneakers_id_seq"}
    assert near["orders_id_seq"]["percent_used"] == pytest.approx(93.13, abs=0.01)
    # A bigint sequence feeding an int4 column runs out at the column's limit.
    assert near["sneakers_id_seq"]["capped_by_column"] is True
    assert near["sneakers_id_seq"]["limit"] == 2147483647
    assert [t["table"] for t in h["tables_without_primary_key"]] == ["dealer_prices"]
    assert {"sneakers_style_a", "sneakers_style_b"} <= {i["index"] for i in h["unused_indexes"]}
    assert "dealer_prices" in {t["table"] for t in h["never_scanned_tables"]}
    assert 0 <= h["cache_hit"]["ratio"] <= 1
    assert h["slow_statements"]["status"] in ("not_installed", "not_available", "ok")


def test_audit_describes_tables_columns_and_keys(legacy_audit: dict[str, Any]) -> None:
    tables = {t["name"]: t for t in legacy_audit["tables"]}
    assert set(tables) == {
        "users",
        "sneakers",
        "products",
        "orders",
        "order_items",
        "dealers",
        "dealer_prices",
    }
    items = tables["order_items"]
    assert items["rows"] == 10
    assert items["row_count"] == 10
    assert items["primary_key"] == ["id"]
    assert items["size_bytes"] > 0
    assert {"name": "product_ref", "type": "text", "nullable": True, "default": None} in items[
        "columns"
    ]
    (fk,) = tables["dealer_prices"]["foreign_keys"]
    assert (fk["columns"], fk["ref_table"], fk["validated"]) == (["dealer_id"], "dealers", False)
    assert tables["users"]["rls_enabled"] is False


def test_audit_report_has_headlines_diagram_and_json_that_round_trips(
    legacy_audit: dict[str, Any], tmp_path: Path
) -> None:
    md_path, json_path = write_report(legacy_audit, tmp_path, stem="legacy")
    assert (md_path.name, json_path.name) == ("legacy.md", "legacy.json")
    loaded = json.loads(json_path.read_text())
    assert loaded == legacy_audit
    assert loaded["format"] == FORMAT
    assert set(loaded) >= {
        "format",
        "generated_at",
        "duration_seconds",
        "database",
        "options",
        "tables",
        "relationships",
        "duplicates",
        "text_values",
        "health",
        "headlines",
        "warnings",
    }
    assert loaded["warnings"] == []
    md = md_path.read_text()
    headline = (
        "- order_items.product_ref matches sneakers.id (44%) and products.id (33%) with no "
        "foreign key declared; 2 orphan rows of 9 (matching none)"
    )
    summary = md.split("## Summary")[1].split("\n## ")[0]
    assert summary.index(headline) < summary.index("users.email: 1 group of duplicates")
    block = md.split("```mermaid\n")[1].split("```")[0]
    assert block.startswith("erDiagram\n")
    assert '    order_items }o..o| sneakers : "product_ref 44%"' in block
    assert '    dealers ||--o{ dealer_prices : "dealer_id"' in block
    assert "'N/A' (1)" in md


def _fingerprint(dsn: str) -> tuple[Any, ...]:
    """Every row of every legacy table, the sequences and the objects of the database."""
    with psycopg.connect(dsn) as c:
        data = c.execute(
            "select md5(string_agg(x, ',' order by x)) from ("
            "select u::text x from users u union all select s::text from sneakers s "
            "union all select p::text from products p union all select o::text from orders o "
            "union all select i::text from order_items i union all "
            "select d::text from dealers d union all select dp::text from dealer_prices dp) t"
        ).fetchone()
        sequences = c.execute(
            "select sequencename, last_value from pg_sequences order by 1"
        ).fetchall()
        objects = c.execute("select count(*) from pg_class").fetchone()
    return (data, tuple(sequences), objects)


def test_audit_writes_nothing_and_works_on_a_read_only_connection(legacy_db: str) -> None:
    dbname = str(conninfo_to_dict(legacy_db)["dbname"])
    read_only = dsn_for(legacy_db, dbname, options="-c default_transaction_read_only=on")
    before = _fingerprint(legacy_db)
    result = run_audit(read_only)
    assert result["warnings"] == []
    assert len(result["relationships"]["found"]) == 6
    assert _fingerprint(legacy_db) == before


def test_audit_as_a_role_that_may_only_read(legacy_db: str, server: Server) -> None:
    role = f"audit_reader_{uuid.uuid4().hex[:8]}"
    dbname = str(conninfo_to_dict(legacy_db)["dbname"])
    server.execute(
        sql.SQL("create role {} login password 'reader' nosuperuser").format(sql.Identifier(role))
    )
    try:
        with psycopg.connect(legacy_db, autocommit=True) as c:
            c.execute(sql.SQL("grant usage on schema public to {}").format(sql.Identifier(role)))
            c.execute(
                sql.SQL("grant select on all tables in schema public to {}").format(
                    sql.Identifier(role)
                )
            )
            c.execute(
                sql.SQL("revoke select on dealer_prices from {}").format(sql.Identifier(role))
            )
        result = run_audit(dsn_for(legacy_db, dbname, user=role, password="reader"))
    finally:
        with psycopg.connect(legacy_db, autocommit=True) as c:
            c.execute(sql.SQL("drop owned by {}").format(sql.Identifier(role)))
        server.execute(sql.SQL("drop role {}").format(sql.Identifier(role)))
    assert result["warnings"] == []
    assert result["database"]["bypass_rls"] is False
    assert result["database"]["audit_counted_in_stats"] is True
    tables = {t["name"]: t for t in result["tables"]}
    assert tables["dealer_prices"]["readable"] is False
    assert tables["order_items"]["rows"] == 10
    assert ("order_items.product_ref", "sneakers.id") in _found(result)


def test_audit_of_a_migrated_emporium_database_sees_fks_and_rls_and_finds_nothing_declared(
    world_db: Database,
) -> None:
    started = time.monotonic()
    result = run_audit(world_db.admin_dsn)
    print(f"audit of a seeded emporium db: {time.monotonic() - started:.2f} s")
    assert result["warnings"] == []
    assert {"public", "private"} <= set(result["options"]["schemas"])
    tables = {(t["schema"], t["name"]): t for t in result["tables"]}
    assert len(tables) >= 40
    declared = result["relationships"]["declared"]
    assert len(declared) >= 40
    assert any(t["rls_enabled"] and t["policies"] > 0 for t in tables.values())
    fk_columns = {
        (r["child"]["schema"], r["child"]["table"], c)
        for r in declared
        for c in r["child"]["columns"]
    }
    for r in result["relationships"]["candidates"]:
        child = (r["child"]["schema"], r["child"]["table"], r["child"]["column"])
        assert child not in fk_columns, f"{child} has a declared foreign key"
    assert result["health"]["slow_statements"]["status"] in ("not_installed", "not_available", "ok")


def test_audit_of_an_empty_migrated_database_is_quick_and_clean(fresh_db: Database) -> None:
    started = time.monotonic()
    result = run_audit(fresh_db.admin_dsn, schemas=["public"])
    elapsed = time.monotonic() - started
    print(f"audit of a fresh emporium db: {elapsed:.2f} s")
    assert result["options"]["schemas"] == ["public"]
    assert result["relationships"]["found"] == []
    assert result["duplicates"] == []
    assert result["text_values"] == []
    assert elapsed < 30


def test_audit_quotes_identifiers_that_need_it(empty_db: Database) -> None:
    with psycopg.connect(empty_db.admin_dsn, autocommit=True) as c:
        c.execute(
            """
            create schema "Mixed Case";
            create table "Mixed Case"."Parent Table" ("ID" int primary key, "E-mail" text);
            create table "Mixed Case"."Child's Table" (
                "Parent_Ref" text, "Price $" text, "Contact_Email" text
            );
            insert into "Mixed Case"."Parent Table" select g, 'p' || g || '@x.com'
              from generate_series(1, 5) g;
            insert into "Mixed Case"."Child's Table" values
              ('1', '$5', 'A@x.com'), ('2', '6.50', 'a@x.com '), ('3', 'free', null),
              ('77', '7', null);
            """
        )
    result = run_audit(empty_db.admin_dsn)
    assert result["warnings"] == []
    assert result["options"]["schemas"] == ["Mixed Case"]
    (found,) = result["relationships"]["found"]
    assert (found["child"]["column"], found["parent"]["table"]) == ("Parent_Ref", "Parent Table")
    assert found["orphan_rows"] == 1
    price = _by(result["text_values"], "Child's Table", "Price $")
    assert (price["kind"], price["unparseable_rows"]) == ("money", 1)
    assert _by(result["duplicates"], "Child's Table", "Contact_Email")["groups"] == 1
    md = render_markdown(result)
    assert "    Mixed_Case_Child_s_Table }o..o| Mixed_Case_Parent_Table : " in md


def test_the_diagram_of_a_big_schema_is_capped_and_says_what_it_left_out() -> None:
    tables = [
        {
            "schema": "public",
            "name": f"t{i:02d}",
            "rows": i,
            "primary_key": ["id"],
            "foreign_keys": [],
            "columns": [{"name": "id", "type": "integer"}],
        }
        for i in range(70)
    ]
    declared = [
        {
            "child": {"schema": "public", "table": "t00", "columns": ["id"]},
            "parent": {"schema": "public", "table": "t01", "columns": ["id"]},
        }
    ]
    result = {"tables": tables, "relationships": {"found": [], "declared": declared}}
    lines, left_out = erd(result)
    entities = [line for line in lines if line.endswith("{") and not line.startswith("erDiagram")]
    assert len(entities) == MAX_TABLES
    assert len(left_out) == 70 - MAX_TABLES
    # Tables with relationships come first, then the biggest: the smallest are left out.
    assert "t00" not in left_out
    assert set(left_out) == {f"t{i:02d}" for i in range(2, 12)}
    assert '    t01 ||--o{ t00 : "id"' in lines


def test_pg_stat_statements_installed_but_not_loaded_is_reported_not_available(
    empty_db: Database,
) -> None:
    with psycopg.connect(empty_db.admin_dsn, autocommit=True) as c:
        available = c.execute(
            "select 1 from pg_available_extensions where name = 'pg_stat_statements'"
        ).fetchone()
        preload = c.execute("show shared_preload_libraries").fetchone()
        c.execute("create table t (id int primary key)")
        if available:
            c.execute("create extension pg_stat_statements")
    slow = run_audit(empty_db.admin_dsn)["health"]["slow_statements"]
    if not available:
        assert slow["status"] == "not_installed"
    elif preload and "pg_stat_statements" in preload[0]:
        assert slow["status"] == "ok"
    else:
        assert slow["status"] == "not_available"
        assert "shared_preload_libraries" in slow["reason"]
