"""The data model's constraints, each one broken on purpose against the seeded world.

Every attempt runs in a savepoint of the test's (rolled-back) transaction and must fail
with the precise error and the constraint name the naming convention gives
(``ck_<table>__<name>``, ``uq_<table>__<columns>``, ``fk_<table>__<columns>__<target>``).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, LiteralString

import psycopg
import pytest
from psycopg import errors as pgerr
from psycopg import sql
from psycopg.types.json import Jsonb

from tests.world import ID

Statement = LiteralString | sql.SQL | sql.Composed


@pytest.fixture
def conn(conn: psycopg.Connection[Any]) -> psycopg.Connection[Any]:
    """The seeded world inside the transaction the conftest fixture rolls back.

    Opened here, so that every ``conn.transaction()`` below is a savepoint.
    """
    conn.execute("select 1")
    return conn


def refused(
    conn: psycopg.Connection[Any],
    error: type[psycopg.Error],
    constraint: str | None,
    statement: Statement,
    params: Sequence[Any] = (),
) -> psycopg.Error:
    """Run ``statement`` in a savepoint: it must fail with ``error`` on ``constraint``."""
    with pytest.raises(error) as caught, conn.transaction():
        conn.execute(statement, params)
    assert caught.value.diag.constraint_name == constraint
    return caught.value


def insert_stmt(table: str, values: dict[str, Any]) -> sql.Composed:
    return sql.SQL("insert into public.{} ({}) values ({})").format(
        sql.Identifier(table),
        sql.SQL(", ").join(map(sql.Identifier, values)),
        sql.SQL(", ").join(sql.Placeholder() * len(values)),
    )


def insert(conn: psycopg.Connection[Any], table: str, **values: Any) -> None:
    conn.execute(insert_stmt(table, values), list(values.values()))


def insert_refused(
    conn: psycopg.Connection[Any],
    error: type[psycopg.Error],
    constraint: str | None,
    table: str,
    **values: Any,
) -> psycopg.Error:
    return refused(conn, error, constraint, insert_stmt(table, values), list(values.values()))


def count(conn: psycopg.Connection[Any], statement: LiteralString, params: Sequence[Any]) -> int:
    row = conn.execute(statement, params).fetchone()
    assert row is not None
    return int(row[0])


def new_product(conn: psycopg.Connection[Any], slug: str) -> uuid.UUID:
    product_id = uuid.uuid4()
    insert(conn, "products", id=product_id, title=slug.title(), slug=slug)
    return product_id


def new_variant(conn: psycopg.Connection[Any], product_id: uuid.UUID, sku: str) -> uuid.UUID:
    variant_id = uuid.uuid4()
    insert(conn, "product_variants", id=variant_id, product_id=product_id, sku=sku, size_label=sku)
    return variant_id


# ------------------------------------------------------------------------- stock levels
LEVEL_A = "update public.stock_levels set on_hand = %s, reserved = %s where location_id = %s"


def test_on_hand_stock_cannot_go_negative(conn: psycopg.Connection[Any]) -> None:
    # on_hand moves only through the ledger: a movement taking it below zero (and below the
    # one reserved unit) is refused by the level's CHECK, and nothing is written.
    refused(
        conn,
        pgerr.CheckViolation,
        "ck_stock_levels__reserved_within_on_hand",
        "insert into public.stock_movements (vendor_id, location_id, variant_id, delta, kind)"
        " values (%s, %s, %s, -11, 'adjustment')",
        [ID["vendor_a"], ID["loc_a"], ID["variant_active"]],
    )


def test_on_hand_cannot_be_written_outside_the_ledger(conn: psycopg.Connection[Any]) -> None:
    with pytest.raises(psycopg.errors.RaiseException, match="ledger_only"), conn.transaction():
        conn.execute(LEVEL_A, [11, 1, ID["loc_a"]])


def test_more_cannot_be_reserved_than_is_on_hand(conn: psycopg.Connection[Any]) -> None:
    refused(
        conn,
        pgerr.CheckViolation,
        "ck_stock_levels__reserved_within_on_hand",
        LEVEL_A,
        [10, 11, ID["loc_a"]],
    )


def test_a_reservation_count_cannot_be_negative(conn: psycopg.Connection[Any]) -> None:
    refused(
        conn,
        pgerr.CheckViolation,
        "ck_stock_levels__reserved_within_on_hand",
        LEVEL_A,
        [10, -1, ID["loc_a"]],
    )


def test_everything_on_hand_may_be_reserved(conn: psycopg.Connection[Any]) -> None:
    row = conn.execute(LEVEL_A + " returning available", [10, 10, ID["loc_a"]]).fetchone()
    assert row == (0,)


# --------------------------------------------------------------------------- quantities
QUANTITY_ROWS: list[tuple[str, LiteralString, tuple[str, ...], str]] = [
    ("cart_items", "id = %s", ("cart_item_customer_a",), "ck_cart_items__quantity_range"),
    ("order_items", "id = %s", ("order_item_customer_a_a",), "ck_order_items__quantity_positive"),
    ("rfq_items", "id = %s", ("rfq_item_a",), "ck_rfq_items__quantity_positive"),
    (
        "stock_reservations",
        "id = %s",
        ("reservation_a",),
        "ck_stock_reservations__quantity_positive",
    ),
    (
        "shipment_items",
        "shipment_id = %s and order_item_id = %s",
        ("shipment_a", "order_item_customer_a_a"),
        "ck_shipment_items__quantity_positive",
    ),
]


@pytest.mark.parametrize("quantity", [0, -1])
@pytest.mark.parametrize(
    ("table", "where", "names", "constraint"), QUANTITY_ROWS, ids=[r[0] for r in QUANTITY_ROWS]
)
def test_a_line_quantity_must_be_positive(
    conn: psycopg.Connection[Any],
    table: str,
    where: LiteralString,
    names: tuple[str, ...],
    constraint: str,
    quantity: int,
) -> None:
    statement = sql.SQL("update public.{} set quantity = %s where " + where).format(
        sql.Identifier(table)
    )
    refused(conn, pgerr.CheckViolation, constraint, statement, [quantity, *(ID[n] for n in names)])


@pytest.mark.parametrize(
    ("table", "where", "names", "constraint"), QUANTITY_ROWS, ids=[r[0] for r in QUANTITY_ROWS]
)
def test_a_line_quantity_of_one_is_allowed(
    conn: psycopg.Connection[Any],
    table: str,
    where: LiteralString,
    names: tuple[str, ...],
    constraint: str,
) -> None:
    statement = sql.SQL("update public.{} set quantity = 1 where " + where).format(
        sql.Identifier(table)
    )
    assert conn.execute(statement, [ID[n] for n in names]).rowcount == 1


def test_a_cart_line_is_capped(conn: psycopg.Connection[Any]) -> None:
    refused(
        conn,
        pgerr.CheckViolation,
        "ck_cart_items__quantity_range",
        "update public.cart_items set quantity = 100001 where id = %s",
        [ID["cart_item_customer_a"]],
    )


# -------------------------------------------------------------------------------- money
MONEY: list[tuple[str, str, str, Any, str]] = [
    ("offers", "offer_a", "price", Decimal("-0.0001"), "ck_offers__price_positive"),
    ("products", "product_active", "retail_price", -1, "ck_products__retail_price_positive"),
    (
        "order_items",
        "order_item_customer_a_a",
        "unit_price",
        Decimal("-0.01"),
        "ck_order_items__unit_price_positive",
    ),
    ("payments", "payment_customer_a", "amount", 0, "ck_payments__amount_positive"),
    (
        "payments",
        "payment_customer_a",
        "refunded_amount",
        Decimal("240.01"),
        "ck_payments__refunded_within_amount",
    ),
    (
        "payments",
        "payment_customer_a",
        "refunded_amount",
        -1,
        "ck_payments__refunded_within_amount",
    ),
    ("refunds", "refund_customer_a", "amount", 0, "ck_refunds__amount_positive"),
    ("rfq_items", "rfq_item_a", "quoted_price", -1, "ck_rfq_items__prices_positive"),
    ("rfq_items", "rfq_item_a", "target_price", -1, "ck_rfq_items__prices_positive"),
    ("price_list_entries", "price_entry_a", "price", -1, "ck_price_list_entries__price_positive"),
    ("accounts", "account_a", "credit_limit", -1, "ck_accounts__credit_limit_positive"),
]


@pytest.mark.parametrize(
    ("table", "row", "column", "value", "constraint"),
    MONEY,
    ids=[f"{m[0]}.{m[2]}={m[3]}" for m in MONEY],
)
def test_money_cannot_go_below_its_floor(
    conn: psycopg.Connection[Any], table: str, row: str, column: str, value: Any, constraint: str
) -> None:
    statement = sql.SQL("update public.{} set {} = %s where id = %s").format(
        sql.Identifier(table), sql.Identifier(column)
    )
    refused(conn, pgerr.CheckViolation, constraint, statement, [value, ID[row]])


def test_a_free_offer_and_a_fully_refunded_payment_are_allowed(
    conn: psycopg.Connection[Any],
) -> None:
    conn.execute("update public.offers set price = 0 where id = %s", [ID["offer_a"]])
    row = conn.execute(
        "update public.payments set refunded_amount = amount where id = %s"
        " returning refunded_amount",
        [ID["payment_customer_a"]],
    ).fetchone()
    assert row == (Decimal("240.00"),)


def test_an_order_grand_total_must_add_up(conn: psycopg.Connection[Any]) -> None:
    # subtotal - discount + shipping + tax = 100 - 10 + 5 + 8 = 103, not 100
    totals = {"subtotal": 100, "discount_total": 10, "shipping_total": 5, "tax_total": 8}
    insert_refused(
        conn,
        pgerr.CheckViolation,
        "ck_orders__grand_total_adds_up",
        "orders",
        user_id=ID["customer_a"],
        grand_total=100,
        **totals,
    )
    insert(conn, "orders", user_id=ID["customer_a"], grand_total=103, **totals)
    refused(
        conn,
        pgerr.CheckViolation,
        "ck_orders__grand_total_adds_up",
        "update public.orders set grand_total = grand_total + 1 where id = %s",
        [ID["order_customer_a"]],
    )


def test_order_totals_cannot_be_negative(conn: psycopg.Connection[Any]) -> None:
    insert_refused(
        conn,
        pgerr.CheckViolation,
        "ck_orders__totals_positive",
        "orders",
        user_id=ID["customer_a"],
        subtotal=10,
        discount_total=-5,
        grand_total=15,
    )


# ----------------------------------------------------------------------------- currency
CURRENCIES: list[tuple[str, str, str]] = [
    ("accounts", "currency", "account_a"),
    ("carts", "currency", "cart_customer_a"),
    ("offers", "currency", "offer_a"),
    ("order_items", "currency", "order_item_customer_a_a"),
    ("orders", "currency", "order_customer_a"),
    ("payments", "currency", "payment_customer_a"),
    ("price_lists", "currency", "price_list_a"),
    ("products", "currency", "product_active"),
    ("refunds", "currency", "refund_customer_a"),
    ("rfqs", "currency", "rfq_a"),
    ("vendors", "default_currency", "vendor_a"),
]


@pytest.mark.parametrize("code", ["usd", "U$D", "US1"])
@pytest.mark.parametrize(("table", "column", "row"), CURRENCIES, ids=[c[0] for c in CURRENCIES])
def test_a_currency_is_an_iso_4217_code(
    conn: psycopg.Connection[Any], table: str, column: str, row: str, code: str
) -> None:
    statement = sql.SQL("update public.{} set {} = %s where id = %s").format(
        sql.Identifier(table), sql.Identifier(column)
    )
    refused(conn, pgerr.CheckViolation, f"ck_{table}__currency_iso", statement, [code, ID[row]])
    assert conn.execute(statement, ["EUR", ID[row]]).rowcount == 1


# ------------------------------------------------------------------------------- media
HASHES = [
    "0" * 64,
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",  # upper case
    "0" * 63,
    "0" * 65,
    "0" * 63 + "g",
    "0" * 63 + "é",  # 64 characters, 65 bytes
    "0" * 64 + "\n",
    " " + "0" * 63,
    "0" * 32 + "-" + "0" * 31,
    "",
]


@pytest.mark.parametrize("value", HASHES)
def test_a_media_hash_is_64_lower_case_hex_digits_as_the_first_check_said(
    conn: psycopg.Connection[Any], value: str
) -> None:
    """Migration 0006 spelled the check without a counted repetition (a tenth the cost):
    it must admit exactly what ``sha256 ~ '^[0-9a-f]{64}$'`` admitted."""
    old_rule = conn.execute("select %s ~ '^[0-9a-f]{64}$'", [value]).fetchone()
    statement = "update public.media_objects set sha256 = %s where id = %s"
    if old_rule == (True,):
        with conn.transaction():
            assert conn.execute(statement, [value, ID["media_store"]]).rowcount == 1
    else:
        refused(
            conn,
            pgerr.CheckViolation,
            "ck_media_objects__sha256_hex",
            statement,
            [value, ID["media_store"]],
        )


# -------------------------------------------------------------------------------- users
def test_a_vendor_user_needs_a_vendor_and_a_vendor_role(conn: psycopg.Connection[Any]) -> None:
    check = "ck_users__vendor_staff_has_vendor"
    for extra in (
        {},
        {"vendor_id": ID["vendor_a"]},
        {"vendor_role": "staff"},
    ):
        insert_refused(
            conn,
            pgerr.CheckViolation,
            check,
            "users",
            id=uuid.uuid4(),
            email=f"{uuid.uuid4().hex[:8]}@x.test",
            role="vendor",
            **extra,
        )
    insert(
        conn,
        "users",
        id=uuid.uuid4(),
        email="new-staff@x.test",
        role="vendor",
        vendor_id=ID["vendor_a"],
        vendor_role="staff",
    )


@pytest.mark.parametrize("role", ["customer", "rep", "admin"])
def test_only_a_vendor_user_may_belong_to_a_vendor(
    conn: psycopg.Connection[Any], role: str
) -> None:
    insert_refused(
        conn,
        pgerr.CheckViolation,
        "ck_users__vendor_staff_has_vendor",
        "users",
        id=uuid.uuid4(),
        email=f"{role}-moonlighting@x.test",
        role=role,
        vendor_id=ID["vendor_a"],
        vendor_role="staff",
    )


@pytest.mark.parametrize("email", ["CUSTOMER_A@world.test", "Customer_A@World.Test"])
def test_emails_are_unique_regardless_of_case(conn: psycopg.Connection[Any], email: str) -> None:
    insert_refused(
        conn,
        pgerr.UniqueViolation,
        "uq_users__email_lower",
        "users",
        id=uuid.uuid4(),
        email=email,
    )


def test_an_email_is_stored_trimmed(conn: psycopg.Connection[Any]) -> None:
    insert_refused(
        conn,
        pgerr.CheckViolation,
        "ck_users__email_format",
        "users",
        id=uuid.uuid4(),
        email=" padded@x.test",
    )


# ---------------------------------------------------------------------- unique catalog
SLUGS: list[tuple[str, dict[str, Any], str]] = [
    ("vendors", {"name": "Copycat", "slug": "vendor-a"}, "uq_vendors__slug"),
    ("brands", {"name": "Copycat", "slug": "nike"}, "uq_brands__slug"),
    ("products", {"title": "Copycat", "slug": "dunk-low-panda"}, "uq_products__slug"),
    # categories: the slug is unique among siblings (the path is unique)
    ("categories", {"name": "Copycat", "slug": "sneakers"}, "uq_categories__path"),
]


@pytest.mark.parametrize(("table", "values", "constraint"), SLUGS, ids=[s[0] for s in SLUGS])
def test_slugs_are_unique(
    conn: psycopg.Connection[Any], table: str, values: dict[str, Any], constraint: str
) -> None:
    insert_refused(conn, pgerr.UniqueViolation, constraint, table, **values)


def test_brand_names_are_unique_regardless_of_case(conn: psycopg.Connection[Any]) -> None:
    insert_refused(
        conn, pgerr.UniqueViolation, "uq_brands__name_lower", "brands", name="NIKE", slug="nike-2"
    )


@pytest.mark.parametrize("style_code", ["dd1391-200", " DD1391-200", "DD1391-200 ", ""])
def test_a_style_code_is_stored_trimmed_and_upper_case(
    conn: psycopg.Connection[Any], style_code: str
) -> None:
    insert_refused(
        conn,
        pgerr.CheckViolation,
        "ck_products__style_code_normalized",
        "products",
        title="Other",
        slug="other",
        style_code=style_code,
    )


def test_a_style_code_is_unique_when_present(conn: psycopg.Connection[Any]) -> None:
    insert_refused(
        conn,
        pgerr.UniqueViolation,
        "uq_products__style_code",
        "products",
        title="Dunk Twin",
        slug="dunk-twin",
        style_code="DD1391-100",
    )
    # products without a style code are many (the world already has one)
    insert(conn, "products", title="No Code", slug="no-code")


def test_a_sku_is_unique(conn: psycopg.Connection[Any]) -> None:
    insert_refused(
        conn,
        pgerr.UniqueViolation,
        "uq_product_variants__sku",
        "product_variants",
        product_id=ID["product_draft"],
        sku="DD1391-100-10",
    )


def test_a_vendor_offers_a_variant_once_per_condition(conn: psycopg.Connection[Any]) -> None:
    insert_refused(
        conn,
        pgerr.UniqueViolation,
        "uq_offers__vendor_id_variant_id_condition",
        "offers",
        vendor_id=ID["vendor_a"],
        variant_id=ID["variant_active"],
        condition="new",
        price=1,
    )
    insert(
        conn,
        "offers",
        vendor_id=ID["vendor_a"],
        variant_id=ID["variant_active"],
        condition="vnds",
        price=1,
    )


# ------------------------------------------------------------------------- integrations
def test_an_external_id_maps_to_one_entity_per_source(conn: psycopg.Connection[Any]) -> None:
    insert_refused(
        conn,
        pgerr.UniqueViolation,
        "uq_external_refs__source_external_id",
        "external_refs",
        entity="products",
        entity_id=ID["product_draft"],
        source="kicksdb",
        external_id="k1",
    )
    insert(
        conn,
        "external_refs",
        entity="products",
        entity_id=ID["product_draft"],
        source="shopify",
        external_id="k1",
    )


def test_a_replayed_webhook_delivery_is_refused(conn: psycopg.Connection[Any]) -> None:
    insert_refused(
        conn,
        pgerr.UniqueViolation,
        "uq_webhook_receipts__source_event_id",
        "webhook_receipts",
        source="shopify",
        event_id="evt-1",
        topic="orders/create",
        payload=Jsonb({"id": 1}),
    )


# ------------------------------------------------------------------- one-of-a-kind rows
def test_there_is_one_house_vendor(conn: psycopg.Connection[Any]) -> None:
    insert_refused(
        conn,
        pgerr.UniqueViolation,
        "uq_vendors__one_house",
        "vendors",
        name="Second House",
        slug="second-house",
        is_house=True,
    )


def test_one_open_alert_per_location_variant_and_kind(conn: psycopg.Connection[Any]) -> None:
    alert = {
        "vendor_id": ID["vendor_a"],
        "location_id": ID["loc_a"],
        "variant_id": ID["variant_active"],
        "opened_at": "2026-02-01T00:00:00Z",
    }
    # Given the world's open low_stock alert at location a,
    # when another low_stock alert opens there, then it is refused;
    insert_refused(
        conn,
        pgerr.UniqueViolation,
        "uq_stock_alerts__open",
        "stock_alerts",
        kind="low_stock",
        **alert,
    )
    # another kind may be open at the same time;
    insert(conn, "stock_alerts", kind="out_of_stock", **alert)
    # and once the first one is resolved, a new low_stock alert may open.
    conn.execute(
        "update public.stock_alerts set resolved_at = '2026-01-15T00:00:00Z' where id = %s",
        [ID["alert_a"]],
    )
    insert(conn, "stock_alerts", kind="low_stock", **alert)


def test_one_active_cart_per_user_and_account_context(conn: psycopg.Connection[Any]) -> None:
    # customer_a already has an active personal cart
    insert_refused(
        conn, pgerr.UniqueViolation, "uq_carts__one_active", "carts", user_id=ID["customer_a"]
    )
    # account_a_member's active cart is account A's: a personal one is another context
    insert(conn, "carts", user_id=ID["account_a_member"])
    insert_refused(
        conn,
        pgerr.UniqueViolation,
        "uq_carts__one_active",
        "carts",
        user_id=ID["account_a_member"],
    )
    insert_refused(
        conn,
        pgerr.UniqueViolation,
        "uq_carts__one_active",
        "carts",
        user_id=ID["account_a_member"],
        account_id=ID["account_a"],
    )
    # saved carts are not active: as many as one likes
    for name in ("wishlist", "restock"):
        insert(conn, "carts", user_id=ID["customer_a"], status="saved", name=name)


@pytest.mark.parametrize("name", [None, "", "   "], ids=["null", "empty", "blank"])
def test_a_saved_cart_needs_a_name(conn: psycopg.Connection[Any], name: str | None) -> None:
    insert_refused(
        conn,
        pgerr.CheckViolation,
        "ck_carts__saved_cart_named",
        "carts",
        user_id=ID["customer_a"],
        status="saved",
        name=name,
    )


# ---------------------------------------------------------------------------- addresses
ADDRESS = {"recipient": "R", "line1": "1 Main St", "city": "Springfield", "country": "US"}


@pytest.mark.parametrize(
    "owners",
    [{}, {"user_id": "customer_a", "account_id": "account_a"}],
    ids=["no owner", "two owners"],
)
def test_an_address_has_exactly_one_owner(
    conn: psycopg.Connection[Any], owners: dict[str, str]
) -> None:
    insert_refused(
        conn,
        pgerr.CheckViolation,
        "ck_addresses__one_owner",
        "addresses",
        **{column: ID[name] for column, name in owners.items()},
        **ADDRESS,
    )


@pytest.mark.parametrize(
    ("column", "owner"), [("user_id", "customer_a"), ("account_id", "account_a")]
)
def test_an_owner_has_one_default_shipping_address(
    conn: psycopg.Connection[Any], column: str, owner: str
) -> None:
    conn.execute(
        "update public.addresses set is_default_shipping = true where id = %s",
        [ID[f"addr_{owner}"]],
    )
    insert_refused(
        conn,
        pgerr.UniqueViolation,
        "uq_addresses__default_shipping",
        "addresses",
        is_default_shipping=True,
        **{column: ID[owner]},
        **ADDRESS,
    )
    # a non-default second address is fine, and so is another owner's default
    insert(conn, "addresses", **{column: ID[owner]}, **ADDRESS)
    insert(conn, "addresses", user_id=ID["customer_b"], is_default_shipping=True, **ADDRESS)


# ------------------------------------------------------------------------------ pricing
@pytest.mark.parametrize(
    ("values", "constraint"),
    [
        ({"price": 10}, "ck_price_list_entries__one_target"),
        (
            {"variant_id": "variant_active", "product_id": "product_active", "price": 10},
            "ck_price_list_entries__one_target",
        ),
        ({"variant_id": "variant_active"}, "ck_price_list_entries__price_or_discount"),
        (
            {"variant_id": "variant_active", "price": 10, "discount_percent": 5},
            "ck_price_list_entries__price_or_discount",
        ),
        (
            {"product_id": "product_active", "discount_percent": 0},
            "ck_price_list_entries__discount_range",
        ),
    ],
    ids=["no target", "two targets", "no price", "price and discount", "zero discount"],
)
def test_a_price_list_entry_prices_one_target_one_way(
    conn: psycopg.Connection[Any], values: dict[str, Any], constraint: str
) -> None:
    resolved = {k: ID[v] if k.endswith("_id") else v for k, v in values.items()}
    insert_refused(
        conn,
        pgerr.CheckViolation,
        constraint,
        "price_list_entries",
        price_list_id=ID["price_list_a"],
        **resolved,
    )


@pytest.mark.parametrize(
    ("scope", "targets"),
    [
        ("all", {"product_id": "product_active"}),
        ("brand", {}),
        ("brand", {"product_id": "product_active"}),
        ("category", {"brand_id": "brand"}),
        ("product", {"variant_id": "variant_active"}),
        ("variant", {"variant_id": "variant_active", "product_id": "product_active"}),
    ],
)
def test_a_volume_discount_scope_matches_its_target(
    conn: psycopg.Connection[Any], scope: str, targets: dict[str, str]
) -> None:
    insert_refused(
        conn,
        pgerr.CheckViolation,
        "ck_volume_discounts__scope_target",
        "volume_discounts",
        scope=scope,
        min_quantity=10,
        discount_percent=5,
        **{column: ID[name] for column, name in targets.items()},
    )


def test_a_volume_discount_with_a_matching_target_is_allowed(
    conn: psycopg.Connection[Any],
) -> None:
    for scope, column, name in (
        ("brand", "brand_id", "brand"),
        ("category", "category_id", "category"),
        ("product", "product_id", "product_active"),
        ("variant", "variant_id", "variant_active"),
    ):
        insert(
            conn,
            "volume_discounts",
            scope=scope,
            min_quantity=10,
            discount_percent=5,
            **{column: ID[name]},
        )


# ------------------------------------------------------------------ composite tenant keys
def test_a_stock_level_belongs_to_its_locations_vendor(conn: psycopg.Connection[Any]) -> None:
    insert_refused(
        conn,
        pgerr.ForeignKeyViolation,
        "fk_stock_levels__location_id_vendor_id__stock_locations",
        "stock_levels",
        location_id=ID["loc_a"],
        variant_id=ID["variant_draft"],
        vendor_id=ID["vendor_b"],
    )


def test_a_stock_movement_belongs_to_its_locations_vendor(conn: psycopg.Connection[Any]) -> None:
    insert_refused(
        conn,
        pgerr.ForeignKeyViolation,
        "fk_stock_movements__location_id_vendor_id__stock_locations",
        "stock_movements",
        location_id=ID["loc_a"],
        variant_id=ID["variant_active"],
        vendor_id=ID["vendor_b"],
        delta=1,
        kind="receipt",
    )


@pytest.mark.parametrize(
    ("vendor", "constraint"),
    [
        ("vendor_a", "fk_shipment_items__order_item_id_vendor_id__order_items"),
        ("vendor_b", "fk_shipment_items__shipment_id_vendor_id__shipments"),
    ],
)
def test_a_shipment_ships_only_its_own_vendors_items(
    conn: psycopg.Connection[Any], vendor: str, constraint: str
) -> None:
    # vendor A's shipment of customer_a's order must not carry vendor B's item of that order,
    # whichever vendor the link claims
    insert_refused(
        conn,
        pgerr.ForeignKeyViolation,
        constraint,
        "shipment_items",
        shipment_id=ID["shipment_a"],
        order_item_id=ID["order_item_customer_a_b"],
        vendor_id=ID[vendor],
        quantity=1,
    )


def test_an_order_item_is_sold_by_its_offers_vendor(conn: psycopg.Connection[Any]) -> None:
    insert_refused(
        conn,
        pgerr.ForeignKeyViolation,
        "fk_order_items__offer_id_vendor_id__offers",
        "order_items",
        order_id=ID["order_customer_b"],
        vendor_id=ID["vendor_b"],
        offer_id=ID["offer_a"],
        variant_id=ID["variant_active"],
        sku="DD1391-100-10",
        title="Dunk Low",
        quantity=1,
        unit_price=120,
    )


def test_a_reference_to_a_missing_row_is_refused(conn: psycopg.Connection[Any]) -> None:
    insert_refused(
        conn,
        pgerr.ForeignKeyViolation,
        "fk_cart_items__offer_id__offers",
        "cart_items",
        cart_id=ID["cart_customer_b"],
        offer_id=uuid.uuid4(),
        quantity=1,
    )


def test_a_payment_needs_an_amount(conn: psycopg.Connection[Any]) -> None:
    error = insert_refused(
        conn,
        pgerr.NotNullViolation,
        None,
        "payments",
        order_id=ID["order_customer_b"],
        provider="test",
    )
    assert error.diag.column_name == "amount"
    assert error.diag.table_name == "payments"


# -------------------------------------------------------------------- ON DELETE behaviour
def test_deleting_a_product_deletes_its_unreferenced_variants(
    conn: psycopg.Connection[Any],
) -> None:
    product = new_product(conn, "short-lived")
    variants = [new_variant(conn, product, f"SHORT-{n}") for n in (8, 9)]
    conn.execute("delete from public.products where id = %s", [product])
    left = "select count(*) from public.product_variants where id = any(%s)"
    assert count(conn, left, [variants]) == 0


def test_a_product_whose_variant_was_sold_cannot_be_deleted(
    conn: psycopg.Connection[Any],
) -> None:
    # Given a product whose only variant appears on an order (no offer, stock or quote),
    product = new_product(conn, "sold-once")
    variant = new_variant(conn, product, "SOLD-ONCE-10")
    insert(
        conn,
        "order_items",
        order_id=ID["order_customer_b"],
        vendor_id=ID["vendor_b"],
        variant_id=variant,
        sku="SOLD-ONCE-10",
        title="Sold Once",
        quantity=1,
        unit_price=50,
        price_source="manual",
    )
    # when the product is deleted, the cascade to its variant stops at the order item.
    refused(
        conn,
        pgerr.ForeignKeyViolation,
        "fk_order_items__variant_id__product_variants",
        "delete from public.products where id = %s",
        [product],
    )
    assert count(conn, "select count(*) from public.product_variants where id = %s", [variant]) == 1


def test_deleting_a_cart_deletes_its_items(conn: psycopg.Connection[Any]) -> None:
    conn.execute("delete from public.carts where id = %s", [ID["cart_customer_a"]])
    items = "select count(*) from public.cart_items where cart_id = %s"
    assert count(conn, items, [ID["cart_customer_a"]]) == 0


def test_a_vendor_with_offers_cannot_be_deleted(conn: psycopg.Connection[Any]) -> None:
    vendor = uuid.uuid4()
    insert(conn, "vendors", id=vendor, name="Brief", slug="brief")
    insert(conn, "offers", vendor_id=vendor, variant_id=ID["variant_active"], price=10)
    refused(
        conn,
        pgerr.ForeignKeyViolation,
        "fk_offers__vendor_id__vendors",
        "delete from public.vendors where id = %s",
        [vendor],
    )


def test_an_rfq_converts_to_one_order_only(conn: psycopg.Connection[Any]) -> None:
    order = {"user_id": ID["account_a_member"], "account_id": ID["account_a"], "source": "rfq"}
    insert(conn, "orders", rfq_id=ID["rfq_a"], **order)
    insert_refused(
        conn, pgerr.UniqueViolation, "uq_orders__rfq_id", "orders", rfq_id=ID["rfq_a"], **order
    )
    # orders without a quote are not affected by the key
    insert(conn, "orders", **order)
    insert(conn, "orders", **order)


# ----------------------------------------------------------------- foreign-key indexes
# Composite tenant keys (x_id, vendor_id) -> parent(id, vendor_id) exist to make a row's
# vendor agree with its parent's. x_id alone picks the parent row (id is its primary key),
# so an index leading with x_id serves the key's checks as well as one on both columns.
LEADS_WITH_PARENT_ID = (
    "x_id alone determines the parent row (its primary key); vendor_id only makes the "
    "tenant agree, so an index leading with x_id serves the key's lookups"
)
COVERED_BY_PARENT_ID_INDEX: dict[str, str] = {
    "fk_stock_levels__location_id_vendor_id__stock_locations": LEADS_WITH_PARENT_ID,
    "fk_stock_movements__location_id_vendor_id__stock_locations": LEADS_WITH_PARENT_ID,
    "fk_stock_reservations__location_id_vendor_id__stock_locations": LEADS_WITH_PARENT_ID,
    "fk_stock_alerts__location_id_vendor_id__stock_locations": LEADS_WITH_PARENT_ID,
    "fk_stock_counts__location_id_vendor_id__stock_locations": LEADS_WITH_PARENT_ID,
    "fk_stock_count_lines__count_id_vendor_id__stock_counts": LEADS_WITH_PARENT_ID,
    "fk_order_items__offer_id_vendor_id__offers": LEADS_WITH_PARENT_ID,
    "fk_shipments__location_id_vendor_id__stock_locations": LEADS_WITH_PARENT_ID,
    "fk_shipment_items__shipment_id_vendor_id__shipments": LEADS_WITH_PARENT_ID,
    "fk_shipment_items__order_item_id_vendor_id__order_items": LEADS_WITH_PARENT_ID,
}


def _usable_for(columns: list[str], predicate: str | None) -> bool:
    """A partial index serves a key's lookups only when it leaves out NULL keys, nothing else."""
    return predicate is None or predicate in {f"({c} IS NOT NULL)" for c in columns}


def test_every_foreign_key_is_indexed(conn: psycopg.Connection[Any]) -> None:
    foreign_keys: list[tuple[str, str, list[str]]] = conn.execute(
        """
        select c.conrelid::regclass::text, c.conname::text,
               array(select a.attname::text
                     from unnest(c.conkey) with ordinality k(attnum, ord)
                     join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum
                     order by k.ord)
        from pg_constraint c
        where c.contype = 'f' and c.connamespace = 'public'::regnamespace
        order by 1, 2
        """
    ).fetchall()
    indexes: dict[str, list[tuple[str, list[str], str | None]]] = {}
    for table, name, columns, predicate in conn.execute(
        """
        select i.indrelid::regclass::text, i.indexrelid::regclass::text,
               array(select coalesce(a.attname::text, '(expression)')
                     from unnest(i.indkey::int2[]) with ordinality k(attnum, ord)
                     left join pg_attribute a
                       on a.attrelid = i.indrelid and a.attnum = k.attnum
                     where k.ord <= i.indnkeyatts
                     order by k.ord),
               pg_get_expr(i.indpred, i.indrelid)
        from pg_index i join pg_class t on t.oid = i.indrelid
        where t.relnamespace = 'public'::regnamespace
        """
    ):
        indexes.setdefault(table, []).append((name, columns, predicate))
    assert len(foreign_keys) > 50  # the query found the schema's keys

    def leads_with(table: str, fk_columns: list[str], leading: list[str]) -> bool:
        n = len(leading)
        return any(
            sorted(columns[:n]) == sorted(leading) and _usable_for(fk_columns, predicate)
            for _, columns, predicate in indexes.get(table, [])
        )

    unindexed = []
    needless_exceptions = []
    for table, name, columns in foreign_keys:
        indexed = leads_with(table, columns, columns)
        if name in COVERED_BY_PARENT_ID_INDEX:
            if indexed:
                needless_exceptions.append(name)
            elif not leads_with(table, columns, columns[:1]):
                unindexed.append(f"{name} (no usable index leads with {columns[0]})")
        elif not indexed:
            unindexed.append(f"{name} {columns}")
    assert unindexed == []
    assert needless_exceptions == []
    assert set(COVERED_BY_PARENT_ID_INDEX) <= {name for _, name, _ in foreign_keys}
